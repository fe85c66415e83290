// The beacon's two builds (dist/beacon.js, dist/beacon-returning.js, built from beacon-src.js) in real
// headless Chromium: pages served under the sites' real origins, each loading the build of its mode as a
// site does (site.mjs), beacons received by a stub of POST /v1/beacons on 127.0.0.1 that checks each against
// the API contract and records the headers as sent. Chromium reaches the stub as it reaches the public API in production (Local Network Access
// checks off, see site.mjs), so beacons sent while a page unloads are seen too; the routes through
// Playwright are tested for the end-to-end helper at the end.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { measure } from '../scripts/size.mjs';
import { beaconSource, chromiumPath, hasChromium, launchChromium, openSite, SITES, STORAGE_KEY } from './site.mjs';
import { startStubApi } from './stub-api.mjs';

const API = 'https://api.helpline.example/v1/beacons';
const SKIP = hasChromium() ? false : `no Chromium at ${chromiumPath()}: apt-get install -y chromium`;
const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));
const consent = (site, granted) => site.page.evaluate((g) => window.helplineInsights.consent(g), granted);
const at = (site, instant) => site.page.clock.setFixedTime(new Date(instant));

// Counts every read or write of document.cookie in every page, through a binding back to the test.
const COOKIE_TRAP = () => {
  const real = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true,
    get() {
      window.cookieAccessed();
      return real.get.call(this);
    },
    set(value) {
      window.cookieAccessed();
      real.set.call(this, value);
    }
  });
  window.realCookie = () => real.get.call(document);
};

// Without Chromium, one skipped test says so (the runner counts it under 'skipped').
if (SKIP) test('beacon.js in headless Chromium', { skip: SKIP }, () => {});
else describe('beacon.js in headless Chromium', () => {
  let browser;
  let plainBrowser;
  before(async () => {
    browser = await launchChromium({ loopbackAsPublic: true });
    plainBrowser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await plainBrowser?.close();
  });

  // Opens a site against a fresh stub API, runs the scenario, then checks what must hold after any
  // scenario: no page error, no cookie read, written or kept, no request to a third host, every beacon
  // accepted by the API (valid body, the site's Origin, no Cookie header).
  async function withSite(options, scenario, on = browser) {
    const api = await startStubApi();
    const site = await openSite(on, { endpoint: api.url, ...options });
    let cookieAccesses = 0;
    await site.context.exposeBinding('cookieAccessed', () => {
      cookieAccesses += 1;
    });
    await site.context.addInitScript(COOKIE_TRAP);
    try {
      await scenario(site, api);
      if (!site.page.isClosed() && site.page.url().startsWith(site.origin)) {
        assert.equal(await site.page.evaluate(() => window.realCookie()), '', 'document.cookie');
      }
      await site.leave();
      await settle(100);
      assert.deepEqual(site.errors.map(String), [], 'page errors');
      assert.equal(cookieAccesses, 0, 'document.cookie accesses');
      assert.deepEqual(await site.context.cookies(), [], 'cookies in the browser');
      assert.deepEqual(site.foreignRequests(), [], 'requests to other hosts');
      for (const beacon of api.beacons) {
        assert.equal(beacon.status, 204, `API answer to ${beacon.raw}: ${beacon.problems}`);
        assert.equal(beacon.headers.origin, site.origin);
        assert.equal(beacon.headers.cookie, undefined);
      }
    } finally {
      await site.close();
      await api.close();
    }
  }

  // Ends the page view, waits (up to 5 s, for a loaded machine) until `expected` beacons arrived, then a
  // little longer so that an extra one would be seen, and returns the bodies of all beacons received.
  async function sentAfterLeaving(site, api, expected) {
    await site.leave();
    if (expected > 0) await api.waitForBeacons(expected);
    await settle();
    return api.beacons.map((b) => b.body);
  }

  describe('anonymous mode', () => {
    for (const [name, origin] of Object.entries(SITES)) {
      test(`one beacon per page view of ${name}, with the path only, as text/plain from ${origin}`, () =>
        withSite({ site: name }, async (site, api) => {
          await site.visit('/module/3?q=my+name&x=1#part');
          const [beacon] = await api.waitForBeacons(1);
          assert.deepEqual(beacon.body, { site: name, path: '/module/3', source: 'direct', newVisit: true });
          assert.equal(beacon.contentType, 'text/plain;charset=UTF-8');
          assert.equal(beacon.headers.origin, origin);
          assert.doesNotMatch(beacon.raw, /my\+name|q=|#part/);
          assert.equal((await sentAfterLeaving(site, api, 1)).length, 1);
          assert.equal(await site.storedRecord(), null);
        }));
    }

    const SOURCES = [
      ['Google', 'https://www.google.com/', 'search'],
      ['a Google country domain', 'https://www.google.co.uk/', 'search'],
      ['Bing', 'https://www.bing.com/search?q=hulp', 'search'],
      ['DuckDuckGo', 'https://duckduckgo.com/', 'search'],
      ['Ecosia', 'https://www.ecosia.org/', 'search'],
      ['Brave Search', 'https://search.brave.com/', 'search'],
      ['Facebook', 'https://www.facebook.com/', 'social'],
      ["Facebook's link shim", 'https://l.facebook.com/', 'social'],
      ['Twitter/X short links', 'https://t.co/', 'social'],
      ['X', 'https://x.com/', 'social'],
      ['LinkedIn', 'https://www.linkedin.com/', 'social'],
      ['Reddit', 'https://old.reddit.com/', 'social'],
      ['YouTube', 'https://m.youtube.com/', 'social'],
      ['an unknown site', 'https://news.example.org/artikel/42', 'other'],
      ['a look-alike of Google', 'https://notgoogle.com/', 'other'],
      ['a look-alike of X', 'https://box.com/', 'other']
    ];
    for (const [name, referer, source] of SOURCES) {
      test(`a visit from ${name} is counted as ${source}, without the referrer`, () =>
        withSite({}, async (site, api) => {
          await site.visit('/', { referer });
          const [beacon] = await api.waitForBeacons(1);
          assert.deepEqual(beacon.body, { site: 'selfhelp', path: '/', source, newVisit: true });
          assert.ok(!beacon.raw.includes(new URL(referer).hostname), beacon.raw);
        }));
    }

    test('a page opened from the same site is internal and starts no visit', () =>
      withSite({}, async (site, api) => {
        await site.visit('/module/3', { referer: 'https://selfhelp.example/module/2' });
        const [beacon] = await api.waitForBeacons(1);
        assert.deepEqual(beacon.body, { site: 'selfhelp', path: '/module/3', source: 'internal', newVisit: false });
      }));

    test('following a link within the site gives an internal page view that starts no visit', () =>
      withSite({}, async (site, api) => {
        await site.visit('/module/3', { referer: 'https://www.google.com/' });
        await api.waitForBeacons(1);
        await site.page.click('#next');
        await site.page.waitForURL('**/module/4');
        await api.waitForBeacons(2);
        assert.deepEqual(await sentAfterLeaving(site, api, 2), [
          { site: 'selfhelp', path: '/module/3', source: 'search', newVisit: true },
          { site: 'selfhelp', path: '/module/4', source: 'internal', newVisit: false }
        ]);
      }));

    test('a reload is a page view, not a new visit', () =>
      withSite({}, async (site, api) => {
        await site.visit('/module/3', { referer: 'https://www.google.com/' });
        await api.waitForBeacons(1);
        await site.page.reload();
        await api.waitForBeacons(2);
        assert.deepEqual(await sentAfterLeaving(site, api, 2), [
          { site: 'selfhelp', path: '/module/3', source: 'search', newVisit: true },
          { site: 'selfhelp', path: '/module/3', source: 'search', newVisit: false }
        ]);
      }));

    const CAMPAIGNS = [
      ['the banner redirect', '?utm_source=banner&utm_campaign=spring20&utm_content=c1', 'spring20'],
      ['utm_campaign alone', '?utm_campaign=Lente_2020-b', 'Lente_2020-b'],
      ['an utm_campaign that is no campaign id', '?utm_source=banner&utm_campaign=lente%202020%3Cx%3E', undefined],
      ['utm_medium alone', '?utm_medium=cpc', undefined],
      ['a too long utm_campaign', `?utm_campaign=${'a'.repeat(65)}`, undefined]
    ];
    for (const [name, query, campaign] of CAMPAIGNS) {
      test(`a page reached through ${name} is a campaign visit${campaign ? ' with its id' : ' without id'}`, () =>
        withSite({}, async (site, api) => {
          await site.visit(`/module/1${query}`, { referer: 'https://www.google.com/' });
          const [beacon] = await api.waitForBeacons(1);
          const expected = { site: 'selfhelp', path: '/module/1', source: 'campaign', newVisit: true };
          if (campaign) expected.campaign = campaign;
          assert.deepEqual(beacon.body, expected);
          assert.doesNotMatch(beacon.raw, /utm_|banner|google/);
        }));
    }

    test('the beacon sent to an https API carries at most the origin as Referer, never path or query', () =>
      withSite({ endpoint: API }, async (site) => {
        await site.visit('/module/3?utm_campaign=spring20&naam=jan', { referer: 'https://www.google.com/' });
        for (let i = 0; i < 100 && site.answered.length === 0; i++) await settle(20);
        assert.equal(site.answered.length, 1);
        const { headers, body } = site.answered[0];
        assert.ok([undefined, 'https://selfhelp.example/'].includes(headers.referer), headers.referer);
        assert.equal(headers.origin, 'https://selfhelp.example');
        assert.equal(headers.cookie, undefined);
        assert.deepEqual(JSON.parse(body), {
          site: 'selfhelp', path: '/module/3', source: 'campaign', campaign: 'spring20', newVisit: true
        });
      }));

    test('consent(true) in anonymous mode stores nothing and adds no device flags', () =>
      withSite({ mode: 'anonymous' }, async (site, api) => {
        await site.visit('/');
        await consent(site, true);
        await site.page.click('#next');
        await site.page.waitForURL('**/module/4');
        const sent = await sentAfterLeaving(site, api, 2);
        assert.equal(sent.length, 2);
        assert.ok(sent.every((body) => !('device' in body)));
        assert.equal(await site.storedRecord(), null);
      }));

    for (const src of ['/beacon-returning.js', '/beacon.js']) {
      test(`a page without endpoint sends nothing and still offers consent() (${src})`, () =>
        withSite({ endpoint: API, mode: 'returning' }, async (site) => {
          await site.context.route('https://selfhelp.example/broken', (route) => route.fulfill({
            contentType: 'text/html',
            body: `<!doctype html><script src="${src}" data-site="selfhelp" data-mode="returning"></script>`
          }));
          await site.visit('/broken');
          await consent(site, true);
          await site.leave();
          await settle();
          assert.equal(site.answered.length, 0);
          assert.equal(await site.storedRecord(), null);
        }));
    }
  });

  // A site whose tag and build disagree. Every call to localStorage's methods is recorded per page, after a
  // live record of returning mode has been put there (as if the site had been in returning mode before).
  describe('a tag and a build of different modes', () => {
    const LIVE_RECORD = JSON.stringify({ since: '2025-03-01', last: '2025-03-09', days: 2 });
    const STORAGE_SPY = `(() => {
      if (location.pathname === '/') localStorage.setItem(${JSON.stringify(STORAGE_KEY)}, ${JSON.stringify(LIVE_RECORD)});
      window.storageCalls = [];
      for (const method of ['getItem', 'setItem', 'removeItem', 'key', 'clear']) {
        const real = Storage.prototype[method];
        Storage.prototype[method] = function (...args) {
          window.storageCalls.push([method, ...args]);
          return real.apply(this, args);
        };
      }
    })()`;
    const storageCalls = (site) => site.page.evaluate(() => window.storageCalls);

    for (const [name, options] of [
      ['the anonymous build with data-mode="returning"', { mode: 'returning', build: 'anonymous' }],
      ['the returning build without data-mode', { mode: null, build: 'returning' }],
      ['the returning build with data-mode="anonymous"', { mode: 'anonymous', build: 'returning' }]
    ]) {
      test(`${name} sends no device flags and only ever removes the key from localStorage`, () =>
        withSite({ ...options, consentWait: 60000, initScripts: [STORAGE_SPY] }, async (site, api) => {
          await at(site, '2025-03-10T10:00:00+01:00');
          await site.visit('/');
          const [first] = await api.waitForBeacons(1);
          assert.deepEqual(first.body, { site: 'selfhelp', path: '/', source: 'direct', newVisit: true },
            'sent at once, without waiting for consent');
          assert.equal(await site.storedRecord(), null, 'the record of returning mode is deleted');
          await consent(site, true);
          await consent(site, false);
          await consent(site, true);
          assert.deepEqual(await storageCalls(site), [['removeItem', STORAGE_KEY], ['removeItem', STORAGE_KEY]]);
          await site.page.click('#next');
          await site.page.waitForURL('**/module/4');
          await consent(site, true);
          assert.deepEqual(await storageCalls(site), [['removeItem', STORAGE_KEY]]);
          const sent = await sentAfterLeaving(site, api, 2);
          assert.deepEqual(sent, [
            { site: 'selfhelp', path: '/', source: 'direct', newVisit: true },
            { site: 'selfhelp', path: '/module/4', source: 'internal', newVisit: false }
          ]);
          assert.equal(await site.storedRecord(), null);
        }));
    }

    test('the anonymous build ignores a consent queued before it loads', () =>
      withSite({ mode: 'returning', build: 'anonymous', consentWait: 60000, initScripts: [STORAGE_SPY],
        head: `<script>
          window.helplineInsights = window.helplineInsights || {q: [], consent: function (g) { this.q.push(g); }};
          window.helplineInsights.consent(true);
        </script>` }, async (site, api) => {
        await site.visit('/');
        const [beacon] = await api.waitForBeacons(1);
        assert.equal('device' in beacon.body, false);
        assert.equal(await site.page.evaluate(() => typeof window.helplineInsights.consent), 'function');
        assert.deepEqual(await storageCalls(site), [['removeItem', STORAGE_KEY]]);
        assert.equal(await site.storedRecord(), null);
      }));
  });

  describe('returning mode', () => {
    const RETURNING = { mode: 'returning', consentWait: 60000 };
    const flags = (firstOfDay, firstOfMonth, firstEver, firstReturn) =>
      ({ firstOfDay, firstOfMonth, firstEver, firstReturn });

    test('after consent, the device flags follow the distinct visit days', () =>
      withSite(RETURNING, async (site, api) => {
        const view = async (instant, path, expectedFlags, expectedRecord) => {
          const count = api.beacons.length;
          await at(site, instant);
          await site.visit(path);
          const beacons = await api.waitForBeacons(count + 1);
          assert.equal(beacons.length, count + 1, `one beacon for ${path} at ${instant}`);
          assert.deepEqual(beacons[count].body.device, expectedFlags, `${path} at ${instant}`);
          assert.deepEqual(await site.storedRecord(), expectedRecord, `record after ${path} at ${instant}`);
        };
        await at(site, '2025-03-10T09:00:00+01:00');
        await site.visit('/');
        assert.equal(await site.storedRecord(), null, 'nothing stored before consent');
        await consent(site, true);
        const [first] = await api.waitForBeacons(1);
        assert.deepEqual(first.body, {
          site: 'selfhelp', path: '/', source: 'direct', newVisit: true, device: flags(true, true, true, false)
        });
        assert.deepEqual(await site.storedRecord(), { since: '2025-03-10', last: '2025-03-10', days: 1 });
        await consent(site, true);

        const day1 = { since: '2025-03-10', last: '2025-03-10', days: 1 };
        await view('2025-03-10T23:30:00+01:00', '/module/2', flags(false, false, false, false), day1);
        const day2 = { since: '2025-03-10', last: '2025-03-12', days: 2 };
        await view('2025-03-12T00:10:00+01:00', '/module/3', flags(true, false, false, true), day2);
        await view('2025-03-12T18:00:00+01:00', '/module/4', flags(false, false, false, false), day2);
        const day3 = { since: '2025-03-10', last: '2025-04-02', days: 2 };
        await view('2025-04-02T10:00:00+02:00', '/module/5', flags(true, true, false, false), day3);
        const day4 = { since: '2025-03-10', last: '2025-04-05', days: 2 };
        await view('2025-04-05T10:00:00+02:00', '/module/6', flags(true, false, false, false), day4);
        assert.equal((await sentAfterLeaving(site, api, 6)).length, 6, 'one beacon per page view');
      }));

    test('days are the local calendar days of the device', () =>
      withSite({ ...RETURNING, contextOptions: { timezoneId: 'America/New_York' } }, async (site, api) => {
        await at(site, '2025-03-10T22:00:00-04:00');
        await site.visit('/');
        await consent(site, true);
        await api.waitForBeacons(1);
        await at(site, '2025-03-10T23:59:00-04:00');
        await site.visit('/module/2');
        await at(site, '2025-03-11T00:01:00-04:00');
        await site.visit('/module/3');
        const beacons = await api.waitForBeacons(3);
        assert.deepEqual(beacons.map((b) => b.body.device.firstOfDay), [true, false, true]);
        assert.equal((await site.storedRecord()).last, '2025-03-11');
      }));

    test('the page view waits for the consent decision and carries the flags when consent comes in time', () =>
      withSite(RETURNING, async (site, api) => {
        await site.visit('/');
        await settle(500);
        assert.equal(api.beacons.length, 0, 'nothing sent while the banner is open');
        await consent(site, true);
        const [beacon] = await api.waitForBeacons(1);
        assert.equal(beacon.body.device.firstEver, true);
        assert.equal((await sentAfterLeaving(site, api, 1)).length, 1);
      }));

    test('without a decision within the grace period the page view goes out anonymous; later consent applies from the next page view', () =>
      withSite({ mode: 'returning', consentWait: 300 }, async (site, api) => {
        await at(site, '2025-06-01T12:00:00+02:00');
        await site.visit('/');
        const [beacon] = await api.waitForBeacons(1);
        assert.deepEqual(beacon.body, { site: 'selfhelp', path: '/', source: 'direct', newVisit: true });
        assert.equal(await site.storedRecord(), null);
        await consent(site, true);
        await settle();
        assert.equal(api.beacons.length, 1, 'consent(true) sends nothing by itself');
        assert.deepEqual(await site.storedRecord(), { since: '2025-06-01' }, 'consent does not mark today');
        await site.page.click('#next');
        const beacons = await api.waitForBeacons(2);
        assert.deepEqual(beacons[1].body.device, flags(true, true, true, false));
        assert.equal((await sentAfterLeaving(site, api, 2)).length, 2);
      }));

    for (const [how, end] of [['leaving the site', (site) => site.leave()], ['closing the tab', (site) => site.page.close()]]) {
      test(`${how} before any decision still sends the page view, anonymous, once`, () =>
        withSite(RETURNING, async (site, api) => {
          await site.visit('/module/3', { referer: 'https://www.bing.com/' });
          await settle(200);
          assert.equal(api.beacons.length, 0);
          await end(site);
          await api.waitForBeacons(1);
          await settle();
          assert.deepEqual(api.beacons.map((b) => b.body), [
            { site: 'selfhelp', path: '/module/3', source: 'search', newVisit: true }
          ]);
          assert.equal(await site.storedRecord(), null);
        }));
    }

    test('a page hidden before any decision sends its page view then; consent after that applies later', () =>
      withSite(RETURNING, async (site, api) => {
        await site.visit('/module/3');
        await site.page.evaluate(() => {
          Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
          document.dispatchEvent(new Event('visibilitychange'));
        });
        const [beacon] = await api.waitForBeacons(1);
        assert.deepEqual(beacon.body, { site: 'selfhelp', path: '/module/3', source: 'direct', newVisit: true });
        await consent(site, true);
        const record = await site.storedRecord();
        assert.deepEqual(Object.keys(record), ['since']);
        assert.equal((await sentAfterLeaving(site, api, 1)).length, 1);
      }));

    test('a consent queued before the script loads applies to the first page view', () =>
      withSite({ ...RETURNING, head: `<script>
        window.helplineInsights = window.helplineInsights || {q: [], consent: function (g) { this.q.push(g); }};
        window.helplineInsights.consent(false);
        window.helplineInsights.consent(true);
      </script>` }, async (site, api) => {
        await site.visit('/');
        const [beacon] = await api.waitForBeacons(1);
        assert.deepEqual(beacon.body.device, flags(true, true, true, false));
        assert.equal(await site.page.evaluate(() => typeof window.helplineInsights.consent), 'function');
      }));

    test('a refusal sends the waiting page view at once, anonymous, and stores nothing', () =>
      withSite(RETURNING, async (site, api) => {
        await site.visit('/');
        await consent(site, false);
        const [beacon] = await api.waitForBeacons(1);
        assert.equal('device' in beacon.body, false);
        assert.equal(await site.storedRecord(), null);
        assert.equal((await sentAfterLeaving(site, api, 1)).length, 1);
      }));

    test('consent(false) deletes the record; later page views are anonymous again', () =>
      withSite({ mode: 'returning', consentWait: 300 }, async (site, api) => {
        await site.visit('/');
        await consent(site, true);
        await api.waitForBeacons(1);
        assert.notEqual(await site.storedRecord(), null);
        await consent(site, false);
        assert.equal(await site.storedRecord(), null);
        assert.deepEqual(await site.page.evaluate(() => Object.keys(localStorage)), []);
        await site.page.click('#next');
        const beacons = await api.waitForBeacons(2);
        assert.deepEqual(beacons[1].body, { site: 'selfhelp', path: '/module/4', source: 'internal', newVisit: false });
        assert.equal(await site.storedRecord(), null);
      }));

    test('the record lives 13 months from the day consent storage began, never renewed, then starts over', () =>
      withSite(RETURNING, async (site, api) => {
        await at(site, '2025-01-31T10:00:00+01:00');
        await site.visit('/');
        await consent(site, true);
        await api.waitForBeacons(1);
        await at(site, '2026-02-28T22:00:00+01:00');
        await site.visit('/module/2');
        const beacons = await api.waitForBeacons(2);
        assert.deepEqual(beacons[1].body.device, flags(true, true, false, true));
        assert.deepEqual(await site.storedRecord(), { since: '2025-01-31', last: '2026-02-28', days: 2 });

        await at(site, '2026-03-01T08:00:00+01:00');
        await site.visit('/module/3');
        assert.equal(await site.storedRecord(), null, 'deleted once 13 months have passed');
        await settle(300);
        assert.equal(api.beacons.length, 2, 'an expired record is no consent: the page waits for the banner');
        await consent(site, true);
        const restarted = await api.waitForBeacons(3);
        assert.deepEqual(restarted[2].body.device, flags(true, true, true, false));
        assert.deepEqual(await site.storedRecord(), { since: '2026-03-01', last: '2026-03-01', days: 1 });
      }));

    test('a damaged record is deleted and never breaks the page', () =>
      withSite({ mode: 'returning', consentWait: 300 }, async (site, api) => {
        await at(site, '2025-05-05T10:00:00+02:00');
        await site.visit('/');
        await consent(site, false);
        await api.waitForBeacons(1);
        for (const damaged of ['{not json', '{"since":"2099-01-01"}', '{"since":"x","last":"y"}', '[]', '7']) {
          await site.page.evaluate((value) => localStorage.setItem('helplineInsights', value), damaged);
          const count = api.beacons.length;
          await site.visit('/module/2');
          const beacons = await api.waitForBeacons(count + 1);
          assert.equal('device' in beacons[count].body, false, damaged);
          assert.equal(await site.storedRecord(), null, damaged);
        }
      }));
  });

  describe('privacy signals and a hostile page environment', () => {
    const GPC = () => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });
    const NAVIGATOR_DNT = () => Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1' });
    const WINDOW_DNT = () => {
      window.doNotTrack = '1';
    };
    for (const [name, init] of [['Global Privacy Control', GPC], ['navigator.doNotTrack', NAVIGATOR_DNT],
      ['window.doNotTrack', WINDOW_DNT]]) {
      for (const mode of ['anonymous', 'returning']) {
        test(`nothing at all is sent or kept with ${name} on (${mode} mode)`, () =>
          withSite({ mode, consentWait: 100, initScripts: [init] }, async (site, api) => {
            await site.visit('/module/3', { referer: 'https://www.google.com/' });
            await consent(site, true);
            await site.page.click('#next');
            await site.page.waitForURL('**/module/4');
            await site.page.reload();
            await settle(300);
            assert.deepEqual(await sentAfterLeaving(site, api, 0), []);
            assert.equal(site.requests.filter((r) => r.url() === site.endpoint).length, 0);
            assert.equal(await site.storedRecord(), null);
          }));
      }
    }

    test('turning Global Privacy Control on after consent stops the beacons and deletes the record', () =>
      withSite({
        mode: 'returning', consentWait: 100, initScripts: [() => {
          if (location.pathname !== '/before') {
            Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });
          }
        }]
      }, async (site, api) => {
        await site.visit('/before');
        await consent(site, true);
        await api.waitForBeacons(1);
        assert.notEqual(await site.storedRecord(), null);
        await site.visit('/module/3');
        assert.equal(await site.storedRecord(), null);
        assert.equal((await sentAfterLeaving(site, api, 1)).length, 1);
      }));

    const THROWING_STORAGE = () => {
      for (const method of ['getItem', 'setItem', 'removeItem', 'key', 'clear']) {
        Storage.prototype[method] = () => {
          throw new DOMException('storage is blocked', 'SecurityError');
        };
      }
    };
    const NO_STORAGE = () => Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('access denied', 'SecurityError');
      }
    });
    const FULL_STORAGE = () => {
      Storage.prototype.setItem = () => {
        throw new DOMException('quota exceeded', 'QuotaExceededError');
      };
    };
    for (const [name, init] of [['throws on every call', THROWING_STORAGE], ['cannot be reached', NO_STORAGE],
      ['is full', FULL_STORAGE]]) {
      test(`localStorage that ${name} breaks nothing; the page view goes out anonymous`, () =>
        withSite({ mode: 'returning', consentWait: 60000, initScripts: [init] }, async (site, api) => {
          await site.visit('/module/3');
          const storageFails = await site.page.evaluate(() => {
            try {
              localStorage.setItem('probe', '1');
              return false;
            } catch {
              return true;
            }
          });
          assert.ok(storageFails, 'the emulation works');
          await consent(site, true);
          const [beacon] = await api.waitForBeacons(1);
          assert.deepEqual(beacon.body, { site: 'selfhelp', path: '/module/3', source: 'direct', newVisit: true });
          await consent(site, false);
          await site.page.click('#next');
          await site.page.waitForURL('**/module/4');
          await consent(site, true);
          const sent = await sentAfterLeaving(site, api, 2);
          assert.equal(sent.length, 2);
          assert.ok(sent.every((body) => !('device' in body)));
        }));
    }

    const RECORD_FETCH = () => {
      const realFetch = window.fetch;
      window.fetchCalls = [];
      window.fetch = function (url, init) {
        window.fetchCalls.push({ url: String(url), init: { ...init } });
        return realFetch.apply(this, arguments);
      };
    };
    const NO_BEACON = () => {
      delete Navigator.prototype.sendBeacon;
    };
    const REFUSING_BEACON = () => {
      Navigator.prototype.sendBeacon = () => false;
    };
    const THROWING_BEACON = () => {
      Navigator.prototype.sendBeacon = () => {
        throw new TypeError('beacons are off');
      };
    };
    for (const [name, init] of [['is missing', NO_BEACON], ['refuses the beacon', REFUSING_BEACON],
      ['throws', THROWING_BEACON]]) {
      test(`when sendBeacon ${name}, the beacon goes by fetch with keepalive and without credentials`, () =>
        withSite({ initScripts: [init, RECORD_FETCH] }, async (site, api) => {
          await site.visit('/module/3', { referer: 'https://www.facebook.com/' });
          const [beacon] = await api.waitForBeacons(1);
          assert.deepEqual(beacon.body, { site: 'selfhelp', path: '/module/3', source: 'social', newVisit: true });
          assert.equal(beacon.contentType, 'text/plain');
          const calls = await site.page.evaluate(() => window.fetchCalls);
          assert.equal(calls.length, 1);
          assert.equal(calls[0].url, site.endpoint);
          assert.equal(calls[0].init.method, 'POST');
          assert.equal(calls[0].init.keepalive, true);
          assert.equal(calls[0].init.credentials, 'omit');
          assert.deepEqual(calls[0].init.headers, { 'content-type': 'text/plain' });
          const request = site.requests.find((r) => r.url() === site.endpoint);
          assert.equal(request.resourceType(), 'fetch');
        }));
    }

    test('an error inside beacon.js never reaches the page', () =>
      withSite({ mode: 'returning', consentWait: 60000, initScripts: [() => {
        const real = JSON.stringify;
        JSON.stringify = function (value, ...rest) {
          if (value && typeof value === 'object' && 'newVisit' in value) throw new Error('hostile page');
          return real.call(this, value, ...rest);
        };
      }] }, async (site, api) => {
        await site.visit('/');
        await consent(site, true);
        await consent(site, false);
        await site.page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide')));
        assert.deepEqual(await sentAfterLeaving(site, api, 0), []);
      }));

    test('a prerendered page is counted when the visitor opens it, not before', () =>
      withSite({ initScripts: [() => {
        let prerendering = true;
        Object.defineProperty(Document.prototype, 'prerendering', { configurable: true, get: () => prerendering });
        window.activate = () => {
          prerendering = false;
          document.dispatchEvent(new Event('prerenderingchange'));
        };
      }] }, async (site, api) => {
        await site.visit('/module/3');
        await settle();
        assert.equal(api.beacons.length, 0);
        await site.page.evaluate(() => window.activate());
        await api.waitForBeacons(1);
        assert.equal((await sentAfterLeaving(site, api, 1)).length, 1);
      }));

    for (const [mode, consentWait] of [['anonymous', undefined], ['returning', 300]]) {
      test(`a prerendered page is counted once, however often prerenderingchange comes (${mode} mode)`, () =>
        withSite({ mode, consentWait, initScripts: [() => {
          let prerendering = true;
          Object.defineProperty(Document.prototype, 'prerendering', { configurable: true, get: () => prerendering });
          window.activate = () => {
            prerendering = false;
            document.dispatchEvent(new Event('prerenderingchange'));
          };
        }] }, async (site, api) => {
          await site.visit('/module/3');
          await settle();
          assert.equal(api.beacons.length, 0);
          await site.page.evaluate(() => window.activate());
          await site.page.evaluate(() => window.activate());
          await api.waitForBeacons(1);
          await settle(600);
          await site.page.evaluate(() => window.activate());
          assert.equal((await sentAfterLeaving(site, api, 1)).length, 1);
        }));
    }

    test('a device with a live record sends at once and only once, the grace period and leaving after that', () =>
      withSite({ mode: 'returning', consentWait: 300 }, async (site, api) => {
        await at(site, '2025-03-10T10:00:00+01:00');
        await site.visit('/');
        await consent(site, true);
        await api.waitForBeacons(1);
        await site.visit('/module/2');
        const beacons = await api.waitForBeacons(2);
        assert.deepEqual(beacons[1].body.device, { firstOfDay: false, firstOfMonth: false, firstEver: false,
          firstReturn: false });
        await settle(600);
        await site.page.evaluate(() => {
          Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
          document.dispatchEvent(new Event('visibilitychange'));
        });
        await consent(site, false);
        assert.equal((await sentAfterLeaving(site, api, 2)).length, 2);
      }));

    for (const mode of ['anonymous', 'returning']) {
      test(`window.helplineInsights is the only global the script adds (${mode} mode)`, () =>
        withSite({ mode }, async (site) => {
          await site.visit('/');
          const added = await site.page.evaluate(() => {
            const frame = document.createElement('iframe');
            document.body.append(frame);
            const before = new Set(Object.getOwnPropertyNames(frame.contentWindow));
            return Object.getOwnPropertyNames(window).filter((name) => !before.has(name) && !/^\d+$/.test(name));
          });
          assert.deepEqual(added, ['helplineInsights']);
        }));
    }

    test('with neither sendBeacon nor fetch the page is left unharmed', () =>
      withSite({ initScripts: [NO_BEACON, () => {
        delete window.fetch;
      }] }, async (site, api) => {
        await site.visit('/');
        assert.deepEqual(await site.page.evaluate(() => [typeof navigator.sendBeacon, typeof window.fetch]),
          ['undefined', 'undefined']);
        await site.page.evaluate(() => window.helplineInsights.consent(true));
        assert.deepEqual(await sentAfterLeaving(site, api, 0), []);
      }));
  });

  describe('the minified scripts, as measured for the size budgets', () => {
    test('are the files the tests load from dist/', async () => {
      const measured = await measure();
      assert.equal(measured.anonymous.code, await beaconSource('anonymous'));
      assert.equal(measured.returning.code, await beaconSource('returning'));
    });

    test('behaves as the source', async () => {
      const { code } = (await measure()).returning;
      await withSite({ beacon: code, mode: 'returning', consentWait: 60000 }, async (site, api) => {
        await site.visit('/?utm_source=banner&utm_campaign=spring20');
        await consent(site, true);
        await site.page.click('#next');
        const beacons = await api.waitForBeacons(2);
        assert.deepEqual(beacons.map((b) => b.body), [
          { site: 'selfhelp', path: '/', source: 'campaign', campaign: 'spring20', newVisit: true,
            device: { firstOfDay: true, firstOfMonth: true, firstEver: true, firstReturn: false } },
          { site: 'selfhelp', path: '/module/4', source: 'internal', newVisit: false,
            device: { firstOfDay: false, firstOfMonth: false, firstEver: false, firstReturn: false } }
        ]);
      });
    });
  });

  describe('openSite, for end-to-end tests against a local API on 127.0.0.1', () => {
    for (const loopback of ['direct', 'route']) {
      test(`reaches a loopback endpoint (${loopback}) with the site's Origin, with the standard launch arguments`, () =>
        withSite({ loopback, mode: 'returning', consentWait: 60000 }, async (site, api) => {
          await site.visit('/module/3');
          await consent(site, true);
          const [beacon] = await api.waitForBeacons(1);
          assert.equal(beacon.status, 204);
          assert.equal(beacon.headers.origin, 'https://selfhelp.example');
          assert.equal(beacon.body.device.firstEver, true);
        }, plainBrowser));
    }

    test('forwards an https endpoint to a loopback URL with the browser\'s headers', async () => {
      const api = await startStubApi();
      const site = await openSite(plainBrowser, { site: 'main', endpoint: API, forwardTo: api.url });
      try {
        await site.visit('/', { referer: 'https://www.google.be/' });
        const [beacon] = await api.waitForBeacons(1);
        assert.equal(beacon.status, 204);
        assert.equal(beacon.headers.origin, 'https://stopitnow.example');
        assert.equal(beacon.contentType, 'text/plain;charset=UTF-8');
        assert.deepEqual(beacon.body, { site: 'main', path: '/', source: 'search', newVisit: true });
        assert.deepEqual(site.foreignRequests(), []);
      } finally {
        await site.close();
        await api.close();
      }
    });
  });
});
