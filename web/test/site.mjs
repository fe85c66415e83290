// Serves a test page of a helpline site under its real origin (https://selfhelp.example, …) in headless
// Chromium, with the beacon embedded as a site embeds it (the build of its mode, from dist/: /beacon.js in
// anonymous mode, /beacon-returning.js in returning mode), and records every request the pages make.
// Reusable by end-to-end tests against the local API:
//
//   import { launchChromium, openSite } from '../web/test/site.mjs';
//   const browser = await launchChromium({ loopbackAsPublic: true });
//   const site = await openSite(browser, { site: 'selfhelp', mode: 'returning',
//                                          endpoint: 'http://127.0.0.1:3000/v1/beacons' });
//   await site.visit('/module/3', { referer: 'https://www.google.com/' });
//   await site.leave();                      // ends the page view, so a waiting beacon goes out
//   ...                                      // read the API's counters
//   await site.close(); await browser.close();
//
// A loopback endpoint (http://127.0.0.1:…, http://localhost:…) and an https page: Chromium's Local Network
// Access rules block the browser's request ("Permission was denied for this request to access the
// `loopback` address space"); mixed content is no obstacle, loopback counts as potentially trustworthy.
// Three ways through, chosen with `loopback`:
// - 'direct' with launchChromium({ loopbackAsPublic: true }) (the default for such a browser): Chromium runs
//   with --disable-features=LocalNetworkAccessChecks and sends to the loopback URL as it sends to the public
//   https API in production. The only way that also delivers beacons sent while the page unloads.
// - 'direct' in a browser launched without it: the page's origin is granted the local-network-access
//   permission. Beacons sent while the page is open arrive; one sent just before or while the page unloads
//   is often aborted (net::ERR_ABORTED; in trials here from 1 in 8 up to 16 in 20 were lost).
// - 'route' (the default otherwise): Playwright takes the browser's request and forwards it with its
//   method, body and headers (Origin included) to the loopback URL. A request made while the page unloads
//   never reaches Playwright's routes or request events, so it is lost.
// `forwardTo` forwards any other endpoint (e.g. https://api.helpline.example/v1/beacons) the 'route' way.
// Any other endpoint is answered here with 204 and recorded in `site.answered`.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { buildBeacons, BUILDS, DIST_DIR } from '../scripts/build-beacon.mjs';

export const SITES = { main: 'https://stopitnow.example', selfhelp: 'https://selfhelp.example' };
export const STORAGE_KEY = 'helplineInsights';
export const LOOPBACK_AS_PUBLIC = '--disable-features=LocalNetworkAccessChecks';
const loopbackAsPublic = new WeakSet();
export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'
];

export function chromiumPath() {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

export function hasChromium() {
  return existsSync(chromiumPath());
}

// The path a site in `mode` loads the beacon from: its build's name in dist/.
export function beaconPath(mode) {
  return `/${BUILDS[mode === 'returning' ? 'returning' : 'anonymous'].name}`;
}

// The build a site in `mode` serves, as shipped: read from dist/, which the first call in a test process
// builds from beacon-src.js (what `make web` builds too), so the tests always run the current source.
let built;
export async function beaconSource(mode) {
  built ||= buildBeacons();
  await built;
  return readFile(DIST_DIR + beaconPath(mode).slice(1), 'utf8');
}

// Each launch runs on a fresh, temporary user-data dir of its own (Playwright creates and removes it).
// loopbackAsPublic: let pages reach 127.0.0.1 as they reach a public host (see above).
export async function launchChromium({ loopbackAsPublic: asPublic = false, ...options } = {}) {
  const args = asPublic ? [...CHROMIUM_ARGS, LOOPBACK_AS_PUBLIC] : CHROMIUM_ARGS;
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args, ...options });
  if (asPublic) loopbackAsPublic.add(browser);
  return browser;
}

function isLoopback(url) {
  const { protocol, hostname } = new URL(url);
  return protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
}

function escapeAttribute(value) {
  return String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

// The page a site serves at `path`: a title, links to other pages and the beacon as sites embed it (src:
// the build of its mode unless told).
export function pageHtml({ path, site, mode, endpoint, consentWait, head = '', body = '', src = beaconPath(mode) }) {
  const attributes = [
    ['src', src], ['data-site', site], ['data-mode', mode], ['data-endpoint', endpoint],
    ['data-consent-wait', consentWait]
  ].filter(([, value]) => value !== undefined && value !== null)
    .map(([name, value]) => `${name}="${escapeAttribute(value)}"`).join(' ');
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>${escapeAttribute(site)} ${escapeAttribute(path)}</title>
${head}
<script ${attributes} defer></script>
</head><body>
<h1>${escapeAttribute(path)}</h1>
<nav><a id="home" href="/">home</a> <a id="next" href="/module/4">module 4</a> <a id="other" href="/over-ons">over ons</a></nav>
${body}
</body></html>`;
}

/**
 * Opens a fresh browser context in which `origin` serves test pages embedding the beacon.
 *
 * options: site ('selfhelp'), origin (SITES[site]), mode ('anonymous' | 'returning', or null to leave the
 * attribute out), endpoint (the beacon URL the page is given), forwardTo (a URL the endpoint is forwarded
 * to through Playwright), loopback ('route' | 'direct', for a loopback endpoint), consentWait
 * (data-consent-wait), head / body (HTML added to every page, or functions of the path), build ('anonymous'
 * | 'returning': the build the pages load, by default the one of their mode; both are served, at
 * /beacon.js and /beacon-returning.js), beacon (a script served at both paths instead, e.g. minified),
 * contextOptions (e.g. { timezoneId }), initScripts (run before any page script, e.g. to emulate Global
 * Privacy Control).
 *
 * Returns { context, page, origin, endpoint, requests, errors, answered, visit, leave, foreignRequests,
 * storedRecord, close }.
 */
export async function openSite(browser, options = {}) {
  const site = options.site || 'selfhelp';
  const origin = options.origin || SITES[site];
  const endpoint = options.endpoint || 'https://api.helpline.example/v1/beacons';
  const mode = options.mode === undefined ? 'anonymous' : options.mode;
  const loopback = options.loopback || (loopbackAsPublic.has(browser) ? 'direct' : 'route');
  const src = options.build === undefined ? beaconPath(mode) : beaconPath(options.build);
  const scripts = {};
  for (const build of ['anonymous', 'returning']) {
    scripts[beaconPath(build)] = options.beacon || await beaconSource(build);
  }
  const context = await browser.newContext({ timezoneId: 'Europe/Brussels', ...options.contextOptions });
  for (const init of options.initScripts || []) await context.addInitScript(init);

  const requests = [];
  const errors = [];
  const answered = [];
  context.on('request', (request) => requests.push(request));
  context.on('page', (page) => {
    page.on('pageerror', (error) => errors.push(error));
  });

  const html = (value, path) => (typeof value === 'function' ? value(path) : value || '');
  await context.route(`${origin}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (Object.hasOwn(scripts, path)) {
      return route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: scripts[path] });
    }
    if (path === '/favicon.ico') return route.fulfill({ status: 404, body: '' });
    return route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: pageHtml({
        path, site, mode, endpoint, consentWait: options.consentWait, src,
        head: html(options.head, path), body: html(options.body, path)
      })
    });
  });

  let closing = false;
  const forwardTo = options.forwardTo || (isLoopback(endpoint) && loopback === 'route' ? endpoint : null);
  if (forwardTo) {
    await context.route(endpoint, async (route) => {
      // route.fetch keeps the browser's method, body and headers, Origin included. A beacon still in
      // flight when the test closes the context (a page left at the end) has nobody to answer: its
      // disposed response is not an error then, only while the context is open.
      try {
        const response = await route.fetch({ url: forwardTo });
        await route.fulfill({ response });
      } catch (error) {
        if (!closing) throw error;
      }
    });
  } else if (isLoopback(endpoint)) {
    await context.grantPermissions(['local-network-access'], { origin });
  } else {
    await context.route(endpoint, async (route) => {
      const request = route.request();
      answered.push({ headers: await request.allHeaders(), body: request.postData() });
      await route.fulfill({ status: 204, headers: { 'access-control-allow-origin': origin } });
    });
  }

  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error));

  return {
    context,
    page,
    origin,
    endpoint,
    requests,
    errors,
    answered,
    // Opens a page of the site, as if arriving from `referer` (none by default).
    visit: (path, { referer } = {}) => page.goto(origin + path, { referer, waitUntil: 'load' }),
    // Ends the current page view (pagehide), as a visitor leaving the site would.
    leave: () => (page.isClosed() ? undefined : page.goto('about:blank')),
    // Requests to anything but the site's own origin and the beacon endpoint.
    foreignRequests: () => requests.map((r) => r.url())
      .filter((url) => !url.startsWith(`${origin}/`) && url !== endpoint && !url.startsWith('about:')),
    // What the beacon keeps in localStorage on this origin (null when nothing).
    storedRecord: async () => {
      const state = await context.storageState();
      const items = (state.origins.find((o) => o.origin === origin) || { localStorage: [] }).localStorage;
      const item = items.find((i) => i.name === STORAGE_KEY);
      return item ? JSON.parse(item.value) : null;
    },
    close: () => {
      closing = true;
      return context.close();
    }
  };
}
