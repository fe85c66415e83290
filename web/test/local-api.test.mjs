// End to end through the real local API: beacon.js in headless Chromium on https://selfhelp.example sends
// to the local runner (the same handler classes Lambda runs, with moto behind them), the aggregator runs,
// and traffic.json counts what the device said: a new visitor on the first day, a returning one on the
// second. Needs Chromium and a built local runner (`make build`); skipped with the reason otherwise.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { hasChromium, launchChromium, openSite } from './site.mjs';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const RUNNER = join(ROOT, 'infrastructure/local-runner/target');
const JAVA = join(process.env.JAVA_HOME || '/usr/lib/jvm/temurin-25-jdk-amd64', 'bin/java');
const BROWSER_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

const SKIP = !hasChromium() ? 'no Chromium at /usr/bin/chromium (apt-get install chromium)'
  : !existsSync(join(RUNNER, 'lib')) ? 'the local runner is not built (make build)'
  : !existsSync(join(ROOT, '.venv/bin/python')) ? 'no project venv with moto (make venv)'
  : false;

const children = [];
let api;

function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

async function waitFor(url, seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

function start(command, args, env) {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore' });
  children.push(child);
  return child;
}

async function call(method, path, body) {
  const response = await fetch(api + path, {
    method, body: body && JSON.stringify(body), headers: body ? { 'content-type': 'application/json' } : {}
  });
  assert.ok(response.ok, `${method} ${path}: ${response.status}`);
  return response;
}

if (SKIP) {
  test('beacon.js through the local API', { skip: SKIP }, () => {});
} else {
  before(async () => {
    const motoPort = await freePort();
    const apiPort = await freePort();
    start(join(ROOT, 'infrastructure/moto-server'), ['-H', '127.0.0.1', '-p', String(motoPort)]);
    await waitFor(`http://127.0.0.1:${motoPort}/moto-api/`, 60);
    start(JAVA, [`-Dproject.root=${ROOT}`, '-cp', `${RUNNER}/classes:${RUNNER}/lib/*`,
      'be.helpline.insights.local.LocalRunner'],
    { PORT: String(apiPort), AWS_ENDPOINT_URL: `http://127.0.0.1:${motoPort}`, DEMO: '0' });
    api = `http://127.0.0.1:${apiPort}`;
    await waitFor(`${api}/local/health`, 120);
  });

  after(() => {
    for (const child of children.reverse()) child.kill('SIGTERM');
  });

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
