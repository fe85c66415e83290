/*
 * Helpline Insights visit beacon: one POST per page view to the site's own API, no cookie, no identifier.
 *
 *   <script src="/beacon.js" data-site="selfhelp" data-endpoint="https://api.example/v1/beacons"
 *           data-mode="returning" defer></script>
 *
 * data-mode is "anonymous" (default: nothing is kept on the device) or "returning". In returning mode the
 * site's consent banner calls window.helplineInsights.consent(true) or consent(false). A banner that may
 * answer before this script has run queues its answer with this stub, which the script picks up:
 *   window.helplineInsights = window.helplineInsights || {q: [], consent: function (g) { this.q.push(g); }};
 *
 * Consent timing (returning mode):
 * - A device whose record is live (consent given on an earlier page) sends each page view at once.
 * - Otherwise the page view waits until consent is decided, or data-consent-wait milliseconds have passed
 *   (default 5000, at most 60000), or the page is hidden or left, whichever comes first. Decided in time:
 *   the page view carries the device flags. Too late: it goes out without them, consent applies from the
 *   next page view, and consent(true) on its own never marks today as visited.
 * - The record (one localStorage key: the day consent storage began, the last visit day, the number of
 *   distinct visit days capped at 2) lives at most 13 months from the day it began and is never renewed;
 *   then it is deleted and the device counts as new once consent is given again. consent(false) deletes it.
 *
 * A visit starts with a page view not reached from a page of the same origin; a reload or a step
 * back/forward is a page view but no new visit. Only categories leave the device: the referrer becomes a
 * source category, the query string at most a campaign id, the record four booleans. Under Global Privacy
 * Control or Do Not Track nothing is sent and any record is deleted. sendBeacon sends the page's Referer
 * header as the page's Referrer-Policy says: keep the default (or stricter) so that at most the origin
 * goes along. Any failure is swallowed: the host page never sees an error from this script.
 */
(function () {
  'use strict';

  var KEY = 'helplineInsights';
  var MONTHS_KEPT = 13;
  var CAMPAIGN_ID = /^[A-Za-z0-9_-]{1,64}$/;
  var DAY = /^\d{4}-\d\d-\d\d$/;
  // Registrable domains; "*" stands for a public suffix such as "com", "be" or "co.uk".
  var SEARCH = hosts('google.* bing.com duckduckgo.com yahoo.* ecosia.org qwant.com startpage.com ' +
    'yandex.* ya.ru baidu.com search.brave.com ask.com aol.com naver.com seznam.cz sogou.com so.com ' +
    'lilo.org mojeek.com metager.org kagi.com googlequicksearchbox');
  var SOCIAL = hosts('facebook.com fb.com messenger.com instagram.com t.co twitter.com x.com ' +
    'linkedin.com lnkd.in reddit.com tiktok.com youtube.com youtu.be pinterest.* snapchat.com ' +
    'whatsapp.com wa.me telegram.org t.me threads.net bsky.app mastodon.social tumblr.com vk.com ' +
    'discord.com com.facebook.katana');

  var api = { consent: guard(function (granted) { if (!granted) forget(); }) };
  var queued;
  try {
    queued = window.helplineInsights && window.helplineInsights.q;
    window.helplineInsights = api;
    start(document.currentScript || document.querySelector('script[data-endpoint]'));
  } catch (e) { /* never break the host page */ }

  function start(script) {
    var site = script && script.getAttribute('data-site');
    var endpoint = script && script.getAttribute('data-endpoint');
    var returning = script && script.getAttribute('data-mode') === 'returning';
    var wait = script && script.getAttribute('data-consent-wait');
    if (navigator.globalPrivacyControl === true || navigator.doNotTrack === '1' || window.doNotTrack === '1') {
      forget();
      return;
    }
    if (!site || !endpoint) return;
    if (!returning) forget();

    var body = pageView(site);
    var pending = true;
    var waiting = false;
    var decided;

    function flush(counted) {
      if (!pending) return;
      pending = waiting = false;
      var device = counted && returning && visitDay();
      if (device) body.device = device;
      send(endpoint, body);
    }

    api.consent = guard(function (granted) {
      decided = !!granted;
      if (!decided) forget();
      else if (returning && !read()) write({ since: today() });
      if (waiting) flush(decided);
    });
    if (queued && queued.length) api.consent(queued[queued.length - 1]);

    var activate = guard(function () {
      if (!returning || decided !== undefined || read()) return flush(decided !== false);
      waiting = true;
      var late = guard(function () { flush(false); });
      setTimeout(late, wait && wait >= 0 && wait <= 60000 ? +wait : 5000);
      addEventListener('pagehide', late);
      document.addEventListener('visibilitychange', function () {
        if (document.visibilityState === 'hidden') late();
      });
    });
    // A prerendered page is not a page view until the visitor actually opens it.
    if (document.prerendering) document.addEventListener('prerenderingchange', activate, { once: true });
    else activate();
  }

  function pageView(site) {
    var body = { site: site, path: location.pathname.slice(0, 512) || '/' };
    var query = new URLSearchParams(location.search);
    var campaign = query.get('utm_campaign');
    var from = referrer();
    if (campaign !== null || query.has('utm_source') || query.has('utm_medium')) {
      body.source = 'campaign';
      if (campaign && CAMPAIGN_ID.test(campaign)) body.campaign = campaign;
    } else if (!from) {
      body.source = 'direct';
    } else if (from.origin === location.origin) {
      body.source = 'internal';
    } else {
      body.source = SEARCH.test(from.hostname) ? 'search' : SOCIAL.test(from.hostname) ? 'social' : 'other';
    }
    // A reload or a step back/forward re-runs the page but does not start a new visit.
    body.newVisit = !(from && from.origin === location.origin) && !repeated();
    return body;
  }

  function referrer() {
    try {
      return document.referrer ? new URL(document.referrer) : null;
    } catch (e) {
      return { origin: '', hostname: '' };
    }
  }

  function repeated() {
    try {
      var entry = performance.getEntriesByType('navigation')[0];
      return !!entry && (entry.type === 'reload' || entry.type === 'back_forward');
    } catch (e) {
      return false;
    }
  }

  // Marks today as a visit day in the record and returns the flags for this page view, or nothing when
  // the record cannot be kept (then the page view counts as an anonymous one).
  function visitDay() {
    var record = read();
    if (!record) return;
    var day = today();
    var last = record.last;
    var days = record.days === 1 ? 1 : record.days >= 2 ? 2 : 0;
    var device = {
      firstOfDay: !last || day > last,
      firstOfMonth: !last || day.slice(0, 7) > last.slice(0, 7),
      firstEver: !last,
      firstReturn: false
    };
    if (device.firstOfDay) {
      device.firstReturn = days === 1;
      record.days = Math.min(days + 1, 2);
      record.last = day;
    }
    return write(record) ? device : undefined;
  }

  // The record, or null when there is none, it is unreadable, or it has reached its 13 months (then it
  // is deleted: the device starts over and consent is asked again).
  function read() {
    var record;
    try {
      record = JSON.parse(localStorage.getItem(KEY));
      if (!record) return null;
    } catch (e) {
      forget();
      return null;
    }
    var since = record.since;
    var last = record.last;
    var day = today();
    var valid = DAY.test(since) && since <= day && day < addMonths(since, MONTHS_KEPT) &&
      (last === undefined || (DAY.test(last) && last >= since));
    if (valid) return record;
    forget();
    return null;
  }

  // Month arithmetic on "YYYY-MM-DD" strings; an overflowing day such as "2025-02-31" still orders right.
  function addMonths(day, months) {
    var m = +day.slice(5, 7) - 1 + months;
    return (+day.slice(0, 4) + Math.floor(m / 12)) + '-' + pad(m % 12 + 1) + day.slice(7);
  }

  function write(record) {
    try {
      localStorage.setItem(KEY, JSON.stringify({ since: record.since, last: record.last, days: record.days }));
      return true;
    } catch (e) {
      return false;
    }
  }

  function forget() {
    try {
      localStorage.removeItem(KEY);
    } catch (e) { /* nothing kept, nothing to delete */ }
  }

  function today() {
    var now = new Date();
    return now.getFullYear() + '-' + pad(now.getMonth() + 1) + '-' + pad(now.getDate());
  }

  function pad(n) {
    return (n < 10 ? '0' : '') + n;
  }

  function send(endpoint, body) {
    var json = JSON.stringify(body);
    try {
      if (navigator.sendBeacon(endpoint, json)) return;
    } catch (e) { /* no sendBeacon: fall back to fetch */ }
    try {
      fetch(endpoint, {
        method: 'POST', keepalive: true, credentials: 'omit', referrerPolicy: 'no-referrer',
        body: json, headers: { 'content-type': 'text/plain' }
      }).catch(noop);
    } catch (e) { /* nothing more to try */ }
  }

  function hosts(list) {
    var names = list.replace(/\./g, '\\.').replace(/\*/g, '(com?\\.)?[a-z]{2,3}').replace(/ /g, '|');
    return new RegExp('(^|\\.)(' + names + ')$');
  }

  function guard(fn) {
    return function (arg) {
      try {
        fn(arg);
      } catch (e) { /* never break the host page */ }
    };
  }

  function noop() {}
})();
