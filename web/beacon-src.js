/*
 * Helpline Insights visit beacon: one POST per page view to the site's own API, no cookie, no identifier.
 *
 * This is the source of both builds, not a file to serve: `node scripts/build-beacon.mjs` (make web) writes
 *   dist/beacon.js            anonymous mode only (RETURNING false): what every site loads by default
 *   dist/beacon-returning.js  anonymous and returning mode (RETURNING true)
 *
 *   <script src="/beacon.js" data-site="selfhelp" data-endpoint="https://api.example/v1/beacons" defer></script>
 *   <script src="/beacon-returning.js" data-site="selfhelp" data-endpoint="https://api.example/v1/beacons"
 *           data-mode="returning" defer></script>
 *
 * data-mode is "anonymous" (default: nothing is kept on the device) or "returning". Returning mode takes both
 * the returning build and data-mode="returning": the anonymous build ignores data-mode, and the returning
 * build without data-mode="returning" behaves as the anonymous one. In returning mode the site's consent
 * banner calls window.helplineInsights.consent(true) or consent(false). A banner that may answer before this
 * script has run queues its answer with this stub, which the script picks up:
 *   window.helplineInsights = window.helplineInsights || {q: [], consent: function (g) { this.q.push(g); }};
 * Either build replaces the stub with its own consent(), so the same banner may run on every site; on an
 * anonymous page consent(false) only deletes any record left on the device, consent(true) does nothing.
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
 * Control or Do Not Track nothing is sent and any record is deleted; an anonymous page deletes it too.
 * sendBeacon sends the page's Referer header as the page's Referrer-Policy says: keep the default (or
 * stricter) so that at most the origin goes along. Any failure is swallowed: the host page never sees an
 * error from this script.
 */
// RETURNING: the build's constant (scripts/build-beacon.mjs); false drops every line of returning mode.
(function () {
  var KEY = 'helplineInsights';
  // The referrer's host: a search engine (group 3) or else a social network, as a registrable domain
  // or any subdomain of one; "(com?\.)?[a-z]{2,3}" stands for a public suffix such as com, be or co.uk.
  // Android apps send their package name: googlequicksearchbox (Google), com.facebook.katana (Facebook).
  // Search engines: google.* yahoo.* yandex.*; bing duckduckgo qwant startpage baidu search.brave ask aol
  // naver sogou so mojeek kagi .com; ecosia lilo metager .org; ya.ru seznam.cz.
  // Social networks: pinterest.*; facebook fb messenger instagram twitter x linkedin reddit tiktok youtube
  // snapchat whatsapp tumblr vk discord .com; t.co t.me wa.me lnkd.in youtu.be telegram.org threads.net
  // bsky.app mastodon.social.
  var HOSTS = /(^|\.)(((google|yahoo|yandex)\.(com?\.)?[a-z]{2,3}|(bing|duckduckgo|qwant|startpage|baidu|search\.brave|ask|aol|naver|sogou|so|mojeek|kagi)\.com|(ecosia|lilo|metager)\.org|ya\.ru|seznam\.cz|googlequicksearchbox)|pinterest\.(com?\.)?[a-z]{2,3}|(facebook|fb|messenger|instagram|twitter|x|linkedin|reddit|tiktok|youtube|snapchat|whatsapp|tumblr|vk|discord)\.com|t\.(co|me)|wa\.me|lnkd\.in|youtu\.be|telegram\.org|threads\.net|bsky\.app|mastodon\.social|com\.facebook\.katana)$/;

  // The banner's consent() before (or without) a page view of returning mode: a refusal deletes any record.
  var api = { consent: function (granted) { if (!granted) forget(); } };
  var queued, today;
  try {
    if (RETURNING) queued = (window[KEY] || {}).q;
    window[KEY] = api;
    if (navigator.globalPrivacyControl === true || navigator.doNotTrack === '1' || window.doNotTrack === '1') {
      forget();
    } else {
      // The script element's data-* attributes (no element: an error, caught below).
      start((document.currentScript || document.querySelector('script[data-endpoint]')).dataset);
    }
  } catch (e) { /* never break the host page */ }

  function start(data) {
    var endpoint = data.endpoint;
    if (!data.site || !endpoint) return;
    var body = pageView(data.site);
    // Sends the page view once, with the device flags when counted is true (consent given; not an event,
    // as when a timer or pagehide calls it) and they can be kept.
    var flush = function (counted) {
      if (!body) return; // sent already (a second prerenderingchange, a timer after consent, ...)
      if (RETURNING && counted === true) visitDay(body);
      var json = JSON.stringify(body);
      body = 0;
      try {
        if (navigator.sendBeacon(endpoint, json)) return;
      } catch (e) { /* no sendBeacon: fall back to fetch */ }
      // No fetch either: the caller's guard swallows the error.
      fetch(endpoint, {
        method: 'POST', keepalive: true, credentials: 'omit', referrerPolicy: 'no-referrer',
        body: json, headers: { 'content-type': 'text/plain' }
      }).catch(guard); // a no-op: guard(error) only returns a function
    };
    var activate = guard(flush);
    var late = activate; // too late for the flags: the timer passes nothing, listeners an event

    if (RETURNING && data.mode === 'returning') {
      var wait = data.consentWait;
      var waiting;
      var decided;
      api.consent = guard(function (granted) {
        decided = !!granted;
        if (!decided) forget();
        else if (!read()) write({ since: today }); // read() set today
        if (waiting) flush(decided);
      });
      if (queued && queued.length) api.consent(queued[queued.length - 1]);

      // Activated: sends at once when decided or the record is live, else on the decision or too late
      // (the timer and listeners are set either way: the page view goes out once).
      activate = guard(function () {
        waiting = true;
        if (decided !== undefined || read()) flush(decided !== false);
        // data-consent-wait as written (setTimeout reads it as a number); missing, empty, negative, above
        // 60000 or not a number: 5000.
        setTimeout(late, wait >= 0 && wait <= 60000 && wait || 5000);
        addEventListener('pagehide', late);
        document.addEventListener('visibilitychange', function () {
          if (document.visibilityState === 'hidden') late();
        });
      });
    } else {
      forget();
    }
    // A prerendered page is not a page view until the visitor actually opens it.
    if (document.prerendering) document.addEventListener('prerenderingchange', activate);
    else activate();
  }

  // The page view as the API takes it: only categories (an undefined campaign is left out of the JSON).
  function pageView(site) {
    var query = new URLSearchParams(location.search);
    var campaign = query.get('utm_campaign');
    var referrer = document.referrer;
    var from = {}; // no referrer (""), or an unreadable one: from another origin, of no known host
    try {
      from = new URL(referrer);
    } catch (e) { /* as said */ }
    var internal = from.origin === location.origin;
    var host = HOSTS.exec(from.hostname);
    return {
      site: site,
      path: location.pathname.slice(0, 512),
      source: query.has('utm_campaign') || query.has('utm_source') || query.has('utm_medium') ? 'campaign'
        : !referrer ? 'direct' : internal ? 'internal' : !host ? 'other' : host[3] ? 'search' : 'social',
      campaign: campaign && /^[\w-]{1,64}$/.test(campaign) ? campaign : undefined,
      // A reload or a step back/forward re-runs the page but does not start a new visit.
      newVisit: !internal && !/^[rb]/.test((performance.getEntriesByType('navigation')[0] || {}).type)
    };
  }

  // Marks today as a visit day in the record and adds the flags to the page view, unless the record
  // cannot be kept (then the page view counts as an anonymous one).
  function visitDay(body) {
    var record = read();
    if (!record) return;
    var day = today; // set by read()
    var last = record.last; // a day before or on today, or undefined (then every comparison is false)
    var returned = record.days === 1; // distinct visit days so far: 1, 2 or more, else none
    var firstOfDay = !(last >= day);
    var device = {
      firstOfDay: firstOfDay,
      firstOfMonth: !(last >= day.slice(0, 7)), // "YYYY-MM-DD" >= "YYYY-MM": the same month or later
      firstEver: !last,
      firstReturn: firstOfDay && returned
    };
    // The record as it is kept: these three, in this order (last left out while undefined).
    if (write({
      since: record.since,
      last: firstOfDay ? day : last,
      days: firstOfDay ? (returned || record.days >= 2 ? 2 : 1) : record.days
    })) body.device = device;
  }

  // The record, or nothing when there is none, it is unreadable, or it has reached its 13 months (then it
  // is deleted: the device starts over and consent is asked again).
  function read() {
    // Also sets today: the device's local calendar day, "YYYY-MM-DD".
    var now = today = new Date(new Date() - new Date().getTimezoneOffset() * 60000).toJSON().slice(0, 10);
    try {
      var record = JSON.parse(localStorage.getItem(KEY));
      var since = record.since; // no record: null.since throws, and deleting nothing is harmless
      var last = record.last;
      if (since <= now && months(now) < months(since) + 1300 &&
        (last === undefined || (months(last) && last >= since))) return record;
    } catch (e) { /* unreadable, or not days (months() throws) */ }
    forget();
  }

  // A day "YYYY-MM-DD" as months since year 0, times 100, plus the day (throws on anything else): 13 months
  // later is 1300 more, and an overflowing day such as "2025-02-31" (31 January plus 13 months) still
  // orders right.
  function months(day) {
    day = /^(\d{4})-(\d\d)-(\d\d)$/.exec(day);
    return day[1] * 1200 + day[2] * 100 + +day[3];
  }

  function write(record) {
    try {
      localStorage.setItem(KEY, JSON.stringify(record));
      return true;
    } catch (e) { /* full or blocked: nothing kept */ }
  }

  function forget() {
    try {
      localStorage.removeItem(KEY);
    } catch (e) { /* nothing kept, nothing to delete */ }
  }

  function guard(fn) {
    return function (arg) {
      try {
        fn(arg);
      } catch (e) { /* never break the host page */ }
    };
  }
})();
