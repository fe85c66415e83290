// End to end through the real local API: beacon.js in headless Chromium on https://selfhelp.example sends
// to the local runner (the same handler classes Lambda runs, with moto behind them), the aggregator runs,
// and traffic.json counts what the device said: a new visitor on the first day, a returning one on the
// second. Needs Chromium and a built local runner (`make build`); skipped with the reason otherwise.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { LOCAL_RUNNER_SKIP, startLocalRunner } from './local-runner.mjs';
import { launchChromium, openSite } from './site.mjs';

const BROWSER_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

const SKIP = LOCAL_RUNNER_SKIP;
let runner;
let api;

function call(method, path, body) {
  return runner.call(method, path, body);
}

if (SKIP) {
  test('beacon.js through the local API', { skip: SKIP }, () => {});
} else {
  before(async () => {
    runner = await startLocalRunner({ demo: false });
    api = runner.api;
  });

  after(() => runner?.stop());

  test('a consenting visitor on two days is counted new, then returning, in traffic.json', async () => {
    const browser = await launchChromium({ loopbackAsPublic: true });
    const site = await openSite(browser, {
      site: 'selfhelp', mode: 'returning', consentWait: 60000, endpoint: `${api}/v1/beacons`,
      contextOptions: { userAgent: BROWSER_UA }
    });
    const beaconAnswered = () => site.context.waitForEvent('requestfinished', {
      predicate: (request) => request.url() === `${api}/v1/beacons`, timeout: 15000
    });
    try {
      for (const [day, path] of [['2020-04-01', '/'], ['2020-04-02', '/module/2']]) {
        await call('PUT', '/local/clock', { now: `${day}T10:00:00Z` });
        await site.page.clock.setFixedTime(new Date(`${day}T12:00:00+02:00`));
        const answered = beaconAnswered();
        await site.visit(path);
        if (day === '2020-04-01') await site.page.evaluate(() => window.helplineInsights.consent(true));
        const response = await (await answered).response();
        assert.equal(response.status(), 204, `the beacon of ${day}`);
      }
      assert.deepEqual(site.foreignRequests(), [], 'no request to any other host');
      assert.deepEqual(await site.context.cookies(), [], 'no cookie');
    } finally {
      await site.close();
      await browser.close();
    }

    await call('POST', '/local/aggregate');
    const traffic = await (await call('GET', '/snapshots/v1/latest/traffic.json')).json();
    const selfhelp = traffic.sites.selfhelp;
    const day = (date) => selfhelp.daily.find((d) => d.date === date);
    assert.deepEqual(day('2020-04-01'),
      { date: '2020-04-01', pageviews: 1, visits: 1, visitors: 1, newVisitors: 1, returningVisitors: 0 });
    assert.deepEqual(day('2020-04-02'),
      { date: '2020-04-02', pageviews: 1, visits: 1, visitors: 1, newVisitors: 0, returningVisitors: 1 });
    assert.equal(selfhelp.total.newVisitors, 1);
    assert.equal(selfhelp.total.returningVisitors, 1);
    assert.equal(selfhelp.total.deviceFlagShare, 1);
  });

  test('headless Chromium\'s own User-Agent is left out as a bot, and counted as excluded', async () => {
    const browser = await launchChromium({ loopbackAsPublic: true });
    const site = await openSite(browser, { site: 'main', mode: 'anonymous', endpoint: `${api}/v1/beacons` });
    const excludedBots = async () => {
      await call('POST', '/local/aggregate');
      const traffic = await (await call('GET', '/snapshots/v1/latest/traffic.json')).json();
      return traffic.sites.main;
    };
    const botsBefore = (await excludedBots()).excluded.bot;
    try {
      const answered = site.context.waitForEvent('requestfinished', {
        predicate: (request) => request.url() === `${api}/v1/beacons`, timeout: 15000
      });
      await site.visit('/');
      assert.equal((await (await answered).response()).status(), 204);
    } finally {
      await site.close();
      await browser.close();
    }
    const main = await excludedBots();
    assert.equal(main.excluded.bot, botsBefore + 1);
    assert.equal(main.total.pageviews, 0);
  });
}
