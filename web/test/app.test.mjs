// The staff web app in headless Chromium against app-stub.mjs (the runner's routes as SPEC.md section 3
// and 4 pin them): the dashboard draws every chart and table of a snapshot run, shows suppressed cells
// as suppressed, and follows the publication calendar of SPEC 6.1 (next releases, outcomes not released
// yet, withheld periods, the default period, nothing released yet); the registration form is generated from the vocabulary, shows only the questions that
// apply, is usable with the keyboard alone, retries safely and shows the referral code; amendments;
// campaign admin; the Dutch/English switch; an untrusted report (served without the CSP) runs, loads and
// links to nothing. No page makes a request to any host but its own origin.
// Screenshots go to web/target/screenshots/.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { buildApp } from '../scripts/build-app.mjs';
import {
  accessibilityProblems, CHARTS, chooseRadio, openApp, ready, screenshot, showAll, signIn, tabUntil, toggleCheckbox
} from './app-browser.mjs';
import { readFileSync } from 'node:fs';
import { snapshotFiles } from './app-snapshot.mjs';
import { registrationErrors, startAppStub } from './app-stub.mjs';
import { hasChromium, launchChromium } from './site.mjs';

const SKIP = hasChromium() ? false : 'no Chromium at /usr/bin/chromium (apt-get install chromium)';
let stub;
let browser;

before(async () => {
  if (SKIP) return;
  await buildApp();
  stub = await startAppStub({ snapshots: snapshotFiles() });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await stub?.close();
});

// Opens the app, runs `body`, then checks what every test must hold: no request to another host, no
// cookie, no script error.
async function withApp(options, body) {
  const app = await openApp(browser, stub.origin, options);
  try {
    await body(app);
    assert.deepEqual(app.foreignRequests(), [], 'no request to any host but the app\'s own origin');
    assert.deepEqual(await app.context.cookies(), [], 'no cookie');
    assert.deepEqual(app.errors, [], 'no script error');
  } finally {
    await app.close();
  }
}

async function cellText(page, table, key) {
  return page.locator(`table[data-table="${table}"] tr[data-key="${key}"] td`).first();
}

test('the dashboard draws every chart and table of the published run, with its freshness', { skip: SKIP }, async () => {
  stub.setSnapshots(snapshotFiles());
  await withApp({}, async ({ page, requests }) => {
    await signIn(page, 'analyst', 'dashboard');
    // Contacts follow the range; the default one (the last 30 days) holds no released month yet.
    assert.ok(await page.locator('table[data-table="contacts-monthly"] td[data-release-on]').count() > 0);
    await showAll(page);
    for (const chart of CHARTS) {
      const canvas = page.locator(`canvas[data-chart="${chart}"]`);
      await canvas.waitFor();
      assert.equal(await canvas.getAttribute('data-drawn'), 'true', `${chart} drawn`);
      assert.ok(Number(await canvas.getAttribute('data-points')) > 0, `${chart} has data`);
      const painted = await canvas.evaluate((element) => {
        const { data } = element.getContext('2d').getImageData(0, 0, element.width, element.height);
        let count = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) count++;
        return count;
      });
      assert.ok(painted > 1000, `${chart} painted ${painted} pixels`);
    }
    for (const table of ['visits-daily', 'visits-monthly', 'sources', 'sections', 'hour-of-day', 'geo', 'funnel', 'contacts-monthly', 'outcomes-monthly', 'total', 'channel',
      'callerGroup', 'gender', 'ageBand', 'howHeard', 'firstContact', 'risk', 'pastOffencesSelf',
      'callerGroupByGender', 'callerGroupByAgeBand', 'referrals-callerGroup', 'referrals-centreType', 'referrals-region']) {
      assert.ok(await page.locator(`table[data-table="${table}"] tbody tr`).count() > 0, `table ${table}`);
    }
    const sections = await page.locator('table[data-table="sections"] tbody tr').evaluateAll((rows) => rows.map((row) =>
      [row.querySelector('th').textContent, ...[...row.querySelectorAll('td')].map((cell) => Number(cell.dataset.value))]));
    assert.deepEqual(sections.map(([label]) => label),
      ['Hoofdsite · overige pagina’s', 'Zelfhulpmodule · module', 'Zelfhulpmodule · start', 'Zelfhulpmodule · overige pagina’s']);
    const range = await page.locator('#range-span').innerText();
    const [from, to] = range.match(/\d{4}-\d{2}-\d{2}/g);
    const published = snapshotFiles();
    const traffic = published[`${published['snapshots/v1/LATEST.json'].path}traffic.json`];
    const inRange = (site, key, counter) => traffic.sites[site].bySection.daily
      .filter((row) => row.key === key && row.date >= from && row.date <= to).reduce((sum, row) => sum + row[counter], 0);
    assert.deepEqual(sections[1], ['Zelfhulpmodule · module', inRange('selfhelp', 'module', 'pageviews'),
      inRange('selfhelp', 'module', 'visits')], `the module's page views and visits from ${from} to ${to}`);
    assert.ok(sections[1][1] > 0);
    assert.equal(await page.locator('.not-published').count(), 0, 'every file is published');
    assert.match(await page.locator('#freshness').innerText(), /Gegevens tot 1 jun\.? 2020.*11:00 · aangemaakt 1 jun\.? 2020.*12:00/);
    assert.equal(await page.locator('[data-figure="arrivalRate"] dd').innerText(), '50%');
    assert.equal(await page.locator('#section-report h1').innerText(), 'Antwoord op de parlementaire vraag');
    assert.equal(await page.locator('#section-report script').count(), 0, 'raw HTML in the report is not run');
    const campaignWindow = await page.locator('#section-traffic figcaption').first().innerText();
    assert.match(campaignWindow, /Gearceerd: de looptijd van campagnes/);
    const run = snapshotFiles()['snapshots/v1/LATEST.json'].path;
    const read = requests.filter((url) => url.includes('/snapshots/')).map((url) => new URL(url).pathname);
    assert.ok(read.every((path) => path === '/snapshots/v1/LATEST.json' || path.startsWith(`/${run}`)),
      `reads LATEST.json and the run's own files only: ${read}`);
    await screenshot(page, 'dashboard-nl');
  });
});

test('an open dashboard picks up a new run by itself, and an unchanged LATEST.json costs a 304', { skip: SKIP }, async () => {
  const first = snapshotFiles();
  const pointer = first['snapshots/v1/LATEST.json'];
  const nextPath = pointer.path.replace(/runs\/[^/]+\//, 'runs/20200602T100000Z-0b1c2d3e/');
  const second = { 'snapshots/v1/LATEST.json': { ...pointer, runId: '20200602T100000Z-0b1c2d3e',
    generatedAt: '2020-06-02T10:00:00Z', path: nextPath } };
  for (const [key, content] of Object.entries(first)) {
    if (key.startsWith(pointer.path)) second[nextPath + key.slice(pointer.path.length)] = content;
  }
  stub.setSnapshots(first);
  stub.setAppConfig({ signIn: 'local', api: '', snapshotRoot: '/', pollSeconds: 1 });
  try {
    await withApp({}, async ({ page }) => {
      await signIn(page, 'analyst', 'dashboard');
      const seen = stub.requests.length;
      await page.waitForTimeout(2500);
      const polls = stub.requests.slice(seen).filter((r) => r.path === '/snapshots/v1/LATEST.json');
      assert.ok(polls.length >= 2, `polled ${polls.length} times in 2.5 s`);
      assert.ok(polls.every((r) => r.headers['if-none-match'] && r.status === 304),
        `unchanged polls are conditional and answered 304: ${polls.map((r) => r.status)}`);
      assert.ok(stub.requests.slice(seen).every((r) => r.path === '/snapshots/v1/LATEST.json' || !r.path.startsWith('/snapshots/')),
        'no run file is read again while nothing changed');

      stub.setSnapshots(second);
      await page.locator('#freshness', { hasText: /aangemaakt 2 jun\.? 2020/ }).waitFor({ timeout: 5000 });
      await ready(page, 'dashboard');
      assert.ok(stub.requests.some((r) => r.path === `/${nextPath}traffic/summary.json`), 'the new run\'s files are read');
      assert.equal(await page.locator('canvas[data-chart]').first().getAttribute('data-drawn'), 'true');
    });
  } finally {
    stub.setAppConfig(null);
    stub.setSnapshots(snapshotFiles());
  }
});

test('the traffic section shows the chosen range at its grain with totals against the period before; a link shows the same view; a CSV holds what the chart shows', { skip: SKIP }, async () => {
  const files = snapshotFiles();
  stub.setSnapshots(files);
  const main = files[`${files['snapshots/v1/LATEST.json'].path}traffic.json`].sites.main.daily;
  const sum = (from, to) => main.filter((d) => d.date >= from && d.date <= to).reduce((s, d) => s + d.visits, 0);
  await withApp({}, async ({ page }) => {
    await signIn(page, 'analyst', 'dashboard');
    // The default: the last 30 days with data (the stub's end on 31 May 2020), day by day.
    const daily = page.locator('canvas[data-chart="visits-daily"]');
    assert.equal(await daily.getAttribute('data-grain'), 'day');
    assert.equal(await page.locator('table[data-table="visits-daily"] tbody tr').count(), 30);
    assert.match(await page.locator('#range-span').innerText(), /2020-05-02 tot en met 2020-05-31/);
    const now = sum('2020-05-02', '2020-05-31');
    const before = sum('2020-04-02', '2020-05-01');
    const mainTotal = page.locator('#traffic-totals [data-site="main"] dd');
    assert.match(await mainTotal.innerText(), new RegExp(`^${new Intl.NumberFormat('nl-BE').format(now)} bezoeken`));
    assert.equal(await mainTotal.locator('.change').getAttribute('data-change'), String(Math.round((now / before - 1) * 100)));
    await screenshot(page, 'dashboard-range-30d');

    // The CSV under the chart holds exactly its table: a header and one row per day, raw counts.
    const [download] = await Promise.all([page.waitForEvent('download'),
      page.locator('button[data-download="visits-daily"]').click()]);
    assert.equal(download.suggestedFilename(), 'visits-daily.csv');
    const csv = readFileSync(await download.path(), 'utf8').trim().split('\r\n');
    assert.equal(csv.length, 31);
    assert.equal(csv[0], 'Dag,Hoofdsite,Zelfhulpmodule');
    assert.equal(csv[30].split(',')[0], '2020-05-31');
    assert.equal(Number(csv[30].split(',')[1]), main.find((d) => d.date === '2020-05-31').visits);

    // Keyboard only: the range select, one step down is "last 12 months"; the URL follows.
    await page.focus('#range-choice');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => location.hash.includes('range=12m'));
    await page.locator('#range-span', { hasText: '2020-03-15' }).waitFor();
    assert.equal(await page.locator('table[data-table="visits-daily"] tbody tr').count(), 78,
      'twelve months reach back before the first data: the chart starts at the first day with data');
    await screenshot(page, 'dashboard-range-12m');

    await page.selectOption('#range-compare', 'year');
    await page.waitForFunction(() => location.hash.includes('compare=year'));
    assert.equal(await mainTotal.locator('.change').getAttribute('data-change'), '',
      'no data a year earlier: nothing to compare with, said so');

    await page.selectOption('#range-choice', 'custom');
    await page.fill('#range-from', '2020-04-01');
    await page.fill('#range-to', '2020-04-30');
    await page.locator('#range-to').dispatchEvent('change');
    await page.waitForFunction(() => location.hash.includes('from=2020-04-01') && location.hash.includes('to=2020-04-30'));
    assert.equal(await page.locator('table[data-table="visits-daily"] tbody tr').count(), 30);

    // A link shows the same view.
    await page.evaluate(() => location.reload());
    await ready(page, 'dashboard');
    assert.equal(await page.locator('#range-choice').inputValue(), 'custom');
    assert.equal(await page.locator('#range-compare').inputValue(), 'year');
    assert.equal(await page.locator('table[data-table="visits-daily"] tbody tr').count(), 30);

    await page.selectOption('#range-choice', 'all');
    await page.waitForFunction(() => location.hash.includes('range=all'));
    assert.equal(await page.locator('#traffic-totals .change').count(), 0, 'all: nothing to compare with');
    await screenshot(page, 'dashboard-range-all');
  });
});

// What the traffic section shows of a range: its span, totals, and every table (charts draw from the same
// figures).
async function trafficShown(page) {
  return page.locator('#section-traffic').evaluate((section) => [...section.querySelectorAll('#range-span, #traffic-totals, table')]
    .map((element) => element.outerHTML).join('\n'));
}

const RANGE_CHOICES = ['range=30d', 'range=12m', 'range=thisYear&compare=year', 'range=lastYear',
  'range=custom&from=2018-12-20&to=2019-01-10', 'range=all'];

// Shows the dashboard at this range (a link followed), once drawn.
async function followRange(page, choice) {
  await page.evaluate((hash) => {
    delete document.querySelector('main').dataset.ready;
    location.hash = hash;
  }, `#/dashboard?${choice}`);
  await ready(page, 'dashboard');
}

test('the dashboard reads the traffic summary and the years of its range only, each once, and shows what traffic.json shows', { skip: SKIP }, async () => {
  // Eighteen months of traffic: 2018, 2019 and 2020 files.
  const split = snapshotFiles({ trafficFrom: '2018-12-01' });
  const run = `/${split['snapshots/v1/LATEST.json'].path}`;
  const shown = {};
  stub.setSnapshots(split);
  try {
    await withApp({}, async ({ page }) => {
      const seen = stub.requests.length;
      const read = () => stub.requests.slice(seen).filter((r) => r.path.startsWith(`${run}traffic`)).map((r) => r.path.slice(run.length));
      await signIn(page, 'analyst', 'dashboard');
      // The last 30 days and the 30 before: 2020 only.
      assert.deepEqual(read(), ['traffic/summary.json', 'traffic/daily/2020.json'], 'the first view\'s traffic files');
      shown['range=30d'] = await trafficShown(page);
      // Twelve months and the twelve before reach back into 2018.
      await page.selectOption('#range-choice', '12m');
      await page.waitForFunction(() => location.hash.includes('range=12m'));
      assert.deepEqual(read().slice(2).sort(), ['traffic/daily/2018.json', 'traffic/daily/2019.json']);
      shown['range=12m'] = await trafficShown(page);
      for (const choice of RANGE_CHOICES.slice(2)) {
        await followRange(page, choice);
        shown[choice] = await trafficShown(page);
      }
      assert.equal(read().length, 4, `each file read once: ${read()}`);
      assert.ok(!stub.requests.some((r) => r.path === `${run}traffic.json`), 'traffic.json is not read');
    });
    // A run published before the split: traffic.json, whole, shows the same.
    stub.setSnapshots(snapshotFiles({ trafficFrom: '2018-12-01', split: false }));
    await withApp({}, async ({ page }) => {
      const seen = stub.requests.length;
      await signIn(page, 'analyst', 'dashboard');
      for (const choice of RANGE_CHOICES) {
        await followRange(page, choice);
        assert.equal(await trafficShown(page), shown[choice], `${choice}: the same from traffic.json as from the split`);
      }
      const files = stub.requests.slice(seen).filter((r) => r.path.startsWith(run)).map((r) => r.path.slice(run.length));
      assert.ok(files.includes('traffic.json') && !files.some((name) => name.startsWith('traffic/')), `read: ${files}`);
    });
  } finally {
    stub.setSnapshots(snapshotFiles());
  }
});

test('a year file that cannot be read is named in the traffic section; the rest of the dashboard draws', { skip: SKIP }, async () => {
  stub.setSnapshots(snapshotFiles({ trafficFrom: '2018-12-01', omit: ['traffic/daily/2019.json'] }));
  try {
    await withApp({}, async ({ page }) => {
      await signIn(page, 'analyst', 'dashboard');
      await page.selectOption('#range-choice', 'all');
      const problem = page.locator('#section-traffic .not-published');
      await problem.waitFor();
      assert.equal(await problem.getAttribute('data-file'), 'traffic/daily/2019.json');
      assert.match(await problem.innerText(), /Nog niet gepubliceerd/);
      assert.equal(await page.locator('canvas[data-chart="funnel"]').getAttribute('data-drawn'), 'true');
      // Back to a range the files read cover: drawn again.
      await page.selectOption('#range-choice', '30d');
      await page.locator('#section-traffic canvas[data-chart="visits-daily"][data-drawn="true"]').waitFor();
    });
  } finally {
    stub.setSnapshots(snapshotFiles());
  }
});

// The report is written by the aggregator from data that is not all ours (campaign names, landing URLs): it is
// untrusted. Served here without the page's Content-Security-Policy, so what holds is what the app itself
// does (marked, DOMPurify, the link check), not what the CSP would block.
const UNTRUSTED_REPORT = [
  '# Rapport met onbetrouwbare invoer',
  '',
  '<img src=x onerror="window.__pwned=1">',
  '',
  '<script>window.__pwned=2</script>',
  '',
  'Een afbeelding: ![x](https://evil.example/pixel.png) en ![tracking pixel](//evil.example/p.gif "t").',
  '',
  'Een scriptlink: [click](javascript:window.__pwned=3).',
  '',
  'Een kapotte link: [bad](http://[).',
  '',
  'Rauw: <a href="https://evil.example">evil raw</a>',
  '',
  'Elders: [far away](https://evil.example/landing), [no scheme](//evil.example/x), <https://evil.example/auto>.',
  '',
  'Hier: [traffic](#/dashboard).',
  ''
].join('\n');

test('an untrusted report runs no script, loads nothing, links nowhere else, and the dashboard still draws (no CSP)', { skip: SKIP }, async () => {
  stub.setSnapshots(snapshotFiles({ report: UNTRUSTED_REPORT }));
  stub.setCsp(false);
  try {
    await withApp({ goto: false }, async ({ page }) => {
      const requested = [];
      page.on('request', (request) => requested.push(request.url()));
      await page.goto(`${stub.origin}/app/`);
      assert.equal(await page.locator('meta[http-equiv="Content-Security-Policy"]').count(), 0, 'served without its CSP');
      await signIn(page, 'analyst', 'dashboard');
      const article = page.locator('#section-report article.report');
      await article.waitFor();
      // An image's onerror, a script or a pixel would have run or gone out by now.
      await page.waitForTimeout(750);
      assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no script of the report ran');
      assert.ok(requested.length > 0);
      assert.deepEqual(requested.filter((url) => !url.startsWith(`${stub.origin}/`)), [], 'no request to any host but the app\'s own');
      assert.deepEqual(await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name)
        .filter((name) => !name.startsWith(`${location.origin}/`))), [], 'nothing fetched from another host');

      assert.equal(await article.locator('h1').innerText(), 'Rapport met onbetrouwbare invoer');
      const text = await article.innerText();
      for (const shown of ['<img src=x onerror="window.__pwned=1">', '<script>window.__pwned=2</script>',
        'Een afbeelding: x en tracking pixel.', 'Een scriptlink: click.', 'Een kapotte link: bad.',
        'Rauw: <a href="https://evil.example">evil raw</a>',
        'Elders: far away, no scheme, https://evil.example/auto.', 'Hier: traffic.']) {
        assert.ok(text.includes(shown), `the report shows ${JSON.stringify(shown)}: ${text}`);
      }
      assert.equal(await article.locator('img, script, style, iframe, object, embed, form, svg, math').count(), 0);
      assert.equal(await page.locator('img, iframe, object, embed').count(), 0, 'no image or frame anywhere in the page');
      const links = await article.locator('a').evaluateAll((as) => as.map((a) => ({ text: a.textContent, href: a.href })));
      assert.deepEqual(links, [{ text: 'traffic', href: `${stub.origin}/app/#/dashboard` }], 'only the link within the app stays a link');
      const attributes = await article.evaluate((element) => [...element.querySelectorAll('*')]
        .flatMap((child) => [...child.attributes].map((attribute) => attribute.name)));
      assert.deepEqual([...new Set(attributes)].filter((name) => !['href', 'title', 'align'].includes(name)), []);

      // The rest of the dashboard draws.
      assert.equal(await page.locator('#heading-contacts').innerText(), 'Contacten');
      assert.ok(await page.locator('table[data-table="channel"] tbody tr').count() > 0);
      await page.locator('canvas[data-chart="visits-daily"][data-drawn="true"]').waitFor();
    });
  } finally {
    stub.setCsp(true);
    stub.setSnapshots(snapshotFiles());
  }
});

test('a suppressed cell is shown as suppressed, never as zero, and says so to screen readers', { skip: SKIP }, async () => {
  stub.setSnapshots(snapshotFiles());
  await withApp({}, async ({ page }) => {
    await signIn(page, 'analyst', 'dashboard');
    const primary = await cellText(page, 'channel', 'EMAIL');
    assert.equal(await primary.innerText(), '< 5 · onderdrukt');
    assert.equal(await primary.getAttribute('data-suppressed'), 'primary');
    assert.match(await primary.getAttribute('aria-label'), /onderdrukt.*primair/);
    const secondary = await cellText(page, 'channel', 'CHAT');
    assert.equal(await secondary.innerText(), 'onderdrukt');
    assert.match(await secondary.getAttribute('aria-label'), /secundair/);
    await showAll(page);
    const firstMonth = page.locator('table[data-table="contacts-monthly"] tbody tr').first().locator('td');
    assert.equal(await firstMonth.getAttribute('data-suppressed'), 'primary');
    for (const cell of await page.locator('td.suppressed, dd.suppressed, td.not-released, dd.not-released').all()) {
      assert.doesNotMatch(await text(cell), /^\s*0\s*$/);
    }
    const published = await cellText(page, 'risk', 'REPORTED');
    assert.equal(await published.innerText(), '0', 'a published zero stays a zero');
  });
});

test('files the run has not published yet are named as such, the rest still draws', { skip: SKIP }, async () => {
  stub.setSnapshots(snapshotFiles({ omit: ['campaigns.json', 'funnel.json', 'contacts.json', 'report.nl.md', 'report.en.md'] }));
  try {
    await withApp({}, async ({ page }) => {
      await signIn(page, 'analyst', 'dashboard');
      const missing = await page.locator('.not-published').evaluateAll((list) => list.map((e) => e.dataset.file));
      assert.deepEqual(missing.sort(), ['contacts.json', 'contacts.json', 'funnel.json', 'report.nl.md']);
      assert.match(await page.locator('#section-funnel').innerText(), /Nog niet gepubliceerd/);
      assert.equal(await page.locator('canvas[data-chart="visits-daily"]').getAttribute('data-drawn'), 'true');
    });
    stub.setSnapshots({});
    await withApp({}, async ({ page }) => {
      await signIn(page, 'analyst', 'dashboard');
      assert.equal(await page.locator('#freshness').innerText(), 'Nog geen gepubliceerde gegevens');
      assert.match(await page.locator('main').innerText(), /Nog niet gepubliceerd/);
    });
  } finally {
    stub.setSnapshots(snapshotFiles());
  }
});

// The contacts.json of a run, to change for one test.
function contactsDocument() {
  const files = snapshotFiles();
  return structuredClone(files[Object.keys(files).find((key) => key.endsWith('/contacts.json'))]);
}

async function rowCells(page, table, month) {
  return page.locator(`table[data-table="${table}"] tr[data-month="${month}"] td, table[data-table="${table}"] tr[data-period="${month}"] td`).all();
}


// The text of an element as read aloud or seen once shown (tables of a chart are under a closed <details>,
// where innerText is empty).
async function text(locator) {
  const shown = locator.locator('[aria-hidden="true"]');
  return ((await shown.count()) ? await shown.first().textContent() : await locator.textContent()).trim();
}

// What a screen reader says for a count cell: its aria-label in a table, its visually hidden text in a <dd>.
async function spoken(locator) {
  return (await locator.getAttribute('aria-label')) ?? (await locator.locator('.visually-hidden').textContent());
}

test('a run that could not publish contact statistics says so, and still draws traffic and campaigns', { skip: SKIP }, async () => {
  const files = snapshotFiles({ omit: ['contacts.json', 'report.nl.md', 'report.en.md'] });
  const manifestKey = Object.keys(files).find((key) => key.endsWith('/manifest.json'));
  files[manifestKey].contacts = { published: false, failure: 'IllegalStateException: the contacts ledger is not JSON' };
  stub.setSnapshots(files);
  try {
    await withApp({}, async ({ page }) => {
      await signIn(page, 'analyst', 'dashboard');
      for (const id of ['contacts', 'referrals']) {
        assert.equal(await page.locator(`#section-${id} .not-published`).innerText(),
          'Deze run kon geen contactcijfers publiceren; wat eerder gepubliceerd werd, blijft ongewijzigd. contacts.json');
      }
      assert.doesNotMatch(await page.locator('main').innerText(), /IllegalStateException/);
      assert.equal(await page.locator('canvas[data-chart="visits-daily"]').getAttribute('data-drawn'), 'true');
      assert.equal(await page.locator('canvas[data-chart="funnel"]').getAttribute('data-drawn'), 'true');
    });
  } finally {
    stub.setSnapshots(snapshotFiles());
  }
});

test('the contacts section says how far figures are released and when the next ones are due', { skip: SKIP }, async () => {
  stub.setSnapshots(snapshotFiles());
  await withApp({}, async ({ page }) => {
    await signIn(page, 'analyst', 'dashboard');
    const contacts = page.locator('#section-contacts');
    assert.equal(await contacts.locator('[data-release="counts"] strong').innerText(), 'Cijfers t/m 2020-04.');
    assert.equal(await contacts.locator('[data-next-release="counts"]').innerText(), 'Volgende publicatie: 2020-05 op 2020-07-01.');
    assert.equal(await contacts.locator('[data-release="outcomes"] strong').innerText(), 'Uitkomsten van doorverwijzingen t/m 2020-01.');
    assert.equal(await contacts.locator('[data-next-release="outcomes"]').innerText(),
      'Volgende publicatie van uitkomsten: 2020-02 op 2020-06-29.');
    assert.equal(await page.locator('#section-referrals [data-next-release="outcomes"]').count(), 1);
    // The default range (the last 30 days with visits, in May 2020) covers a month not released yet: it says
    // the day it is due, and the chart has nothing to draw.
    const due = await page.locator('table[data-table="contacts-monthly"] tbody tr').evaluateAll((rows) =>
      rows.map((r) => [r.dataset.period, r.querySelector('td').dataset.releaseOn]));
    assert.deepEqual(due, [['2020-05', '2020-07-01']]);
    assert.equal(await page.locator('canvas[data-chart="contacts-monthly"]').count(), 0);
    // "All": every released month, then those due.
    await showAll(page);
    const months = await page.locator('table[data-table="contacts-monthly"] tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.period));
    assert.deepEqual(months, ['2019-10', '2019-11', '2019-12', '2020-01', '2020-02', '2020-03', '2020-04', '2020-05']);
    await page.click('#language');
    await ready(page, 'dashboard');
    assert.equal(await contacts.locator('[data-release="counts"] strong').innerText(), 'Figures through 2020-04.');
    assert.equal(await contacts.locator('[data-next-release="counts"]').innerText(), 'Next release: 2020-05 on 2020-07-01.');
    assert.equal(await contacts.locator('[data-next-release="outcomes"]').innerText(), 'Next release of outcomes: 2020-02 on 2020-06-29.');
  });
});

test('outcomes not released yet show the day they will be, never 0, and say so', { skip: SKIP }, async () => {
  stub.setSnapshots(snapshotFiles());
  await withApp({}, async ({ page }) => {
    await signIn(page, 'analyst', 'dashboard');
    const [referrals, ...outcomes] = await rowCells(page, 'outcomes-monthly', '2020-03');
    assert.equal(await text(referrals), '50', 'the month\'s referrals are released with its counts');
    assert.equal(outcomes.length, 5, 'arrived, not arrived, unconfirmed, pending, arrival rate');
    for (const cell of outcomes) {
      assert.equal(await cell.getAttribute('data-release-on'), '2020-07-30');
      assert.equal(await text(cell), 'vanaf 2020-07-30');
      assert.equal(await cell.getAttribute('aria-label'), 'nog niet gepubliceerd, beschikbaar vanaf 2020-07-30');
    }
    const released = await rowCells(page, 'outcomes-monthly', '2020-01');
    assert.deepEqual(await Promise.all(released.map(text)), ['40', '20', '16', '4', '0', '50%']);
    // The chart stops at the last month whose outcomes are released.
    const chart = page.locator('canvas[data-chart="outcomes-monthly"]');
    assert.equal(await chart.getAttribute('data-points'), String(4 * 4));
    await page.selectOption('#referrals-period', '2020-04');
    assert.equal(await page.locator('#contacts-period').inputValue(), '2020-04', 'one period for both sections');
    for (const name of ['arrived', 'notArrived', 'unconfirmed', 'pending', 'arrivalRate']) {
      const cell = page.locator(`[data-figure="${name}"] dd`);
      assert.equal(await text(cell), 'vanaf 2020-08-29', name);
      assert.match(await spoken(cell), /nog niet gepubliceerd/);
    }
    assert.equal(await page.locator('#section-referrals .tables > p.note').innerText(), 'Gepubliceerd op 2020-05-31.');
    for (const cell of await page.locator('.not-released').all()) assert.doesNotMatch(await text(cell), /^\s*0\s*$/);
    await page.click('#language');
    await ready(page, 'dashboard');
    assert.equal(await text(page.locator('[data-figure="arrived"] dd')), 'from 2020-08-29');
    assert.equal(await spoken(page.locator('[data-figure="arrived"] dd')), 'not published yet, available from 2020-08-29');
  });
});

test('the period picker lists all, year, quarter, month and defaults to the newest all-through period', { skip: SKIP }, async () => {
  const defaults = async (document) => {
    let chosen;
    stub.setSnapshots(snapshotFiles({ contacts: document }));
    await withApp({}, async ({ page }) => {
      await signIn(page, 'analyst', 'dashboard');
      chosen = {
        value: await page.locator('#contacts-period').inputValue(),
        label: await page.locator('#contacts-period option:checked').innerText(),
        referrals: await page.locator('#referrals-period').inputValue(),
        groups: await page.locator('#contacts-period optgroup').evaluateAll((list) => list.map((g) => g.label))
      };
    });
    return chosen;
  };
  try {
    const document = contactsDocument();
    const newest = await defaults(document);
    assert.deepEqual(newest, { value: 'all-through-2019', label: 'Alles t/m 2019', referrals: 'all-through-2019',
      groups: ['Alles', 'Jaar', 'Kwartaal', 'Maand'] });
    // A later all-through period is the default once there is one.
    const later = structuredClone(document.periods.find((p) => p.period === 'all-through-2019'));
    document.periods.push({ ...later, period: 'all-through-2020' }, { ...later, kind: 'year', period: '2020' });
    assert.equal((await defaults(document)).value, 'all-through-2020');
    document.periods = document.periods.filter((p) => p.kind !== 'all');
    assert.equal((await defaults(document)).value, '2020', 'without an all-through period, the newest year');
    document.periods = document.periods.filter((p) => p.kind !== 'year');
    assert.equal((await defaults(document)).value, '2020-04', 'else the newest period');
    // A contacts.json as the aggregator writes it (ContactStatistics.document on 2026-05-10).
    const sample = JSON.parse(readFileSync(new URL('./contacts-sample.json', import.meta.url), 'utf8'));
    assert.deepEqual(await defaults(sample), { value: 'all-through-2025', label: 'Alles t/m 2025', referrals: 'all-through-2025',
      groups: ['Alles', 'Jaar', 'Kwartaal', 'Maand'] });
  } finally {
    stub.setSnapshots(snapshotFiles());
  }
});

test('a contacts.json written by the aggregator: calendar, unreleased outcomes and the default period', { skip: SKIP }, async () => {
  const sample = JSON.parse(readFileSync(new URL('./contacts-sample.json', import.meta.url), 'utf8'));
  stub.setSnapshots(snapshotFiles({ contacts: sample }));
  try {
    await withApp({}, async ({ page }) => {
      await signIn(page, 'analyst', 'dashboard');
      assert.equal(await page.locator('#section-contacts [data-next-release="counts"]').innerText(),
        'Volgende publicatie: 2026-04 op 2026-05-31.');
      assert.equal(await page.locator('#section-contacts [data-release="counts"] strong').innerText(), 'Cijfers t/m 2026-03.');
      const [, arrived] = await rowCells(page, 'outcomes-monthly', '2026-01');
      assert.equal(await text(arrived), 'vanaf 2026-06-01');
      assert.equal(await text(page.locator('table[data-table="total"] th')), 'Totaal · Alles t/m 2025');
      await showAll(page);
      assert.equal(await page.locator('table[data-table="contacts-monthly"] tbody tr').count(), 15);
      await page.selectOption('#contacts-period', '2026-Q1');
      assert.equal(await text(page.locator('[data-figure="arrivalRate"] dd')), 'vanaf 2026-07-30');
      for (const cell of await page.locator('td.suppressed, dd.suppressed, td.not-released, dd.not-released').all()) {
        assert.doesNotMatch(await text(cell), /^\s*0\s*$/);
      }
    });
  } finally {
    stub.setSnapshots(snapshotFiles());
  }
});

test('withheld periods are listed with their reason and shown as withheld, never as a figure', { skip: SKIP }, async () => {
  // As the aggregator writes a period whose outcomes are withheld: outcome cells due on a day long past.
  const document = contactsDocument();
  const january = document.periods.find((p) => p.period === '2020-01');
  january.outcomesReleased = null;
  january.tables.outcomes = Object.fromEntries(Object.entries(january.tables.outcomes).map(([name, cell]) =>
    [name, name === 'arrivalRate' ? null : { key: cell.key, count: null, releaseOn: '2020-05-31' }]));
  january.tables.outcomes.releaseOn = '2020-05-31';
  document.withheld.push({ period: '2020-01/outcomes', on: '2020-05-31', reason: 'no suppression pattern kept every figure safe' });
  stub.setSnapshots(snapshotFiles({ contacts: document }));
  try {
    await withApp({}, async ({ page }) => {
      await signIn(page, 'analyst', 'dashboard');
      const note = page.locator('#section-contacts .withheld-note');
      assert.equal(await note.locator('p').innerText(), 'Achtergehouden om een persoon niet herkenbaar te maken:');
      assert.deepEqual(await note.locator('li').allInnerTexts(), [
        'Maand 2020-02 (sinds 2020-03-31): geen enkel onderdrukkingspatroon hield elk cijfer veilig',
        'Kwartaal 2020-Q1 (sinds 2020-05-01): telt een achtergehouden periode mee',
        'Maand 2020-01, uitkomsten van doorverwijzingen (sinds 2020-05-31): geen enkel onderdrukkingspatroon hield elk cijfer veilig']);
      await showAll(page);
      const [month] = await rowCells(page, 'contacts-monthly', '2020-02');
      assert.equal(await text(month), 'achtergehouden');
      assert.equal(await month.getAttribute('data-suppressed'), 'withheld');
      assert.equal(await month.getAttribute('aria-label'), 'achtergehouden om een persoon niet herkenbaar te maken');
      const [, ...january] = await rowCells(page, 'outcomes-monthly', '2020-01');
      for (const cell of january) {
        assert.equal(await text(cell), 'achtergehouden', 'withheld outcomes are not shown as due');
        assert.equal(await cell.getAttribute('data-release-on'), null);
      }
      assert.equal(await page.locator('#contacts-period option[value="2020-Q1"]').count(), 0, 'a withheld period cannot be chosen');
      await page.click('#language');
      await ready(page, 'dashboard');
      assert.equal(await note.locator('p').innerText(), 'Withheld so that no one can be recognised:');
      assert.equal(await note.locator('li').first().innerText(), 'Month 2020-02 (since 2020-03-31): no suppression pattern kept every figure safe');
    });
  } finally {
    stub.setSnapshots(snapshotFiles());
  }
});

test('funnel contact stages show their release day, suppression or withholding, and the months they cover', { skip: SKIP }, async () => {
  stub.setSnapshots(snapshotFiles());
  await withApp({}, async ({ page }) => {
    await signIn(page, 'analyst', 'dashboard');
    const stage = (name) => page.locator(`table[data-table="funnel"] tr[data-stage="${name}"] td`);
    assert.equal(await text(stage('clicks')), '1.497');
    assert.equal(await text(stage('contacts')), 'vanaf 2020-07-01');
    assert.equal(await stage('contacts').getAttribute('aria-label'), 'nog niet gepubliceerd, beschikbaar vanaf 2020-07-01');
    assert.equal(await text(stage('arrivals')), 'vanaf 2020-09-29');
    const months = page.locator('#section-funnel [data-contact-months]');
    assert.equal(await months.getAttribute('data-contact-months'), '2020-04 2020-05');
    assert.match(await months.innerText(), /gelden voor de volledige maanden 2020-04, 2020-05/);
    await page.selectOption('#funnel-campaign', 'winter19');
    assert.equal(await text(stage('contacts')), '40');
    assert.equal(await text(stage('contactsViaBanner')), 'onderdrukt');
    assert.equal(await stage('contactsViaBanner').getAttribute('data-suppressed'), 'secondary');
    assert.match(await stage('contactsViaBanner').getAttribute('aria-label'), /secundair/);
    await page.selectOption('#funnel-campaign', 'feb20');
    for (const name of ['contacts', 'contactsViaBanner', 'referrals', 'arrivals']) {
      assert.equal(await text(stage(name)), 'achtergehouden', name);
      assert.equal(await stage(name).getAttribute('data-suppressed'), 'withheld');
      assert.equal(await stage(name).getAttribute('aria-label'), 'achtergehouden om een persoon niet herkenbaar te maken');
    }
    assert.equal(await page.locator('canvas[data-chart="funnel"]').getAttribute('data-points'), '4', 'only published stages are drawn');
    await screenshot(page, 'dashboard-funnel-withheld');
  });
});

test('before any contact period is released: the next release, no empty tables or charts, no error', { skip: SKIP }, async () => {
  stub.setSnapshots(snapshotFiles({ unreleased: true }));
  try {
    await withApp({}, async ({ page }) => {
      await signIn(page, 'analyst', 'dashboard');
      const contacts = page.locator('#section-contacts');
      assert.equal(await contacts.locator('[data-release="counts"] strong').innerText(), 'Nog geen contactcijfers gepubliceerd.');
      assert.equal(await contacts.locator('[data-next-release="counts"]').innerText(), 'Volgende publicatie: 2020-05 op 2020-07-01.');
      assert.equal(await contacts.locator('[data-next-release="outcomes"]').innerText(),
        'Volgende publicatie van uitkomsten: 2020-05 op 2020-09-29.');
      assert.equal(await page.locator('#section-referrals [data-release="outcomes"] strong').innerText(),
        'Nog geen uitkomsten van doorverwijzingen gepubliceerd.');
      for (const section of ['#section-contacts', '#section-referrals']) {
        assert.equal(await page.locator(`${section} canvas, ${section} table, ${section} select`).count(), 0, section);
        assert.doesNotMatch(await page.locator(section).innerText(), /null|undefined|NaN/);
      }
      assert.equal(await page.locator('.not-published').count(), 0, 'contacts.json is published, with nothing released');
      assert.equal(await text(page.locator('table[data-table="funnel"] tr[data-stage="contacts"] td')), 'vanaf 2020-07-01');
      assert.equal(await page.locator('canvas[data-chart="visits-daily"]').getAttribute('data-drawn'), 'true');
      await screenshot(page, 'dashboard-nothing-released');
    });
  } finally {
    stub.setSnapshots(snapshotFiles());
  }
});

test('the Dutch/English switch relabels the app, the vocabulary\'s codes and the report', { skip: SKIP }, async () => {
  await withApp({}, async ({ page }) => {
    assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
    await signIn(page, 'coordinator', 'dashboard');
    assert.equal(await page.locator('#heading-contacts').innerText(), 'Contacten');
    assert.equal(await page.locator('table[data-table="channel"] tr[data-key="PHONE"] th').innerText(), 'Telefoon');
    await page.click('#language');
    await ready(page, 'dashboard');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await page.locator('#heading-contacts').innerText(), 'Contacts');
    assert.equal(await page.locator('table[data-table="channel"] tr[data-key="PHONE"] th').innerText(), 'Phone');
    assert.equal(await page.locator('table[data-table="channel"] tr[data-key="EMAIL"] td').innerText(), '< 5 · suppressed');
    assert.equal(await page.locator('#section-report h1').innerText(), 'Answer to the parliamentary question');
    assert.match(await page.locator('#freshness').innerText(), /^Data through 1 Jun 2020/);
    assert.equal(await page.locator('#language').innerText(), 'Nederlands');
    await screenshot(page, 'dashboard-en');

    // The form keeps its answers and its id through a switch.
    await page.click('#nav-register');
    await ready(page, 'register');
    const id = await page.locator('#registration').getAttribute('data-id');
    await page.check('#f-channel-CHAT');
    assert.equal(await page.locator('#fs-channel legend').innerText(), 'Channel (required)');
    await page.click('#language');
    await ready(page, 'register');
    assert.equal(await page.locator('#fs-channel legend').innerText(), 'Kanaal (verplicht)');
    assert.equal(await page.locator('label[for="f-channel-EMAIL"]').innerText(), 'E-mail');
    assert.ok(await page.locator('#f-channel-CHAT').isChecked());
    assert.equal(await page.locator('#registration').getAttribute('data-id'), id);
  });
});

test('a responder registers a contact with the keyboard alone and is shown the referral code', { skip: SKIP }, async () => {
  const before = stub.registrations.size;
  await withApp({}, async ({ page }) => {
    await tabUntil(page, (element) => element.id === 'sign-in-responder');
    await page.keyboard.press('Enter');
    await ready(page, 'register');
    assert.equal(await page.locator('#fs-selfConcern').isHidden(), true, 'self-concern hidden until SELF');
    assert.equal(await page.locator('#fs-referral').isHidden(), true, 'referral hidden until REFERRAL');
    await chooseRadio(page, 'channel', 'CHAT');
    await chooseRadio(page, 'callerGroup', 'SELF');
    assert.equal(await page.locator('#fs-selfConcern').isVisible(), true, 'self-concern shown for SELF');
    await toggleCheckbox(page, 'selfConcern', 'FEELINGS');
    await toggleCheckbox(page, 'topics', 'CSAM');
    await chooseRadio(page, 'pastOffences', 'NO');
    await chooseRadio(page, 'risk', 'CONCERN');
    await toggleCheckbox(page, 'support', 'ADVICE');
    await toggleCheckbox(page, 'support', 'REFERRAL');
    assert.equal(await page.locator('#fs-referral').isVisible(), true, 'referral shown for REFERRAL');
    await chooseRadio(page, 'referral.centreType', 'UFC');
    await chooseRadio(page, 'referral.region', 'LIMBURG');
    await chooseRadio(page, 'gender', 'MALE');
    await chooseRadio(page, 'ageBand', '26_35');
    await chooseRadio(page, 'howHeard', 'CAMPAIGN_BANNER');
    await chooseRadio(page, 'firstContact', 'YES');
    await screenshot(page, 'form-filled');
    const id = await page.locator('#registration').getAttribute('data-id');
    await tabUntil(page, (element) => element.id === 'save');
    await page.keyboard.press('Enter');
    const code = page.locator('#referral-code');
    await code.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'result-heading', 'focus moves to the result');
    await screenshot(page, 'form-saved');
    assert.equal(stub.registrations.size, before + 1);
    const stored = stub.registrations.get(id);
    assert.ok(stored, 'stored under the form\'s id');
    assert.equal(await code.innerText(), stored.answer.referralCode);
    assert.deepEqual(registrationErrors(stored.body), []);
    assert.deepEqual(stored.body, {
      id, contactDate: stored.body.contactDate, channel: 'CHAT', callerGroup: 'SELF', selfConcern: ['FEELINGS'],
      topics: ['CSAM'], pastOffences: 'NO', justiceHistory: [], risk: 'CONCERN', support: ['ADVICE', 'REFERRAL'],
      referral: { centreType: 'UFC', region: 'LIMBURG' }, gender: 'MALE', ageBand: '26_35', howHeard: 'CAMPAIGN_BANNER',
      firstContact: 'YES'
    });
    assert.match(stored.body.contactDate, /^\d{4}-\d{2}-\d{2}$/);
    const post = stub.requests.find((r) => r.method === 'POST' && r.body.includes(id));
    assert.match(post.headers.authorization, /^Bearer /, 'the token goes in the Authorization header');
    assert.equal(post.headers.cookie, undefined);
  });
});

// axe-core on every page and state a user meets: zero serious or critical violations of WCAG 2.1 A/AA rules.
// The counts per page go to the test output (and the note).
test('every page and state passes axe-core: no serious or critical accessibility violation', { skip: SKIP }, async () => {
  stub.setSnapshots(snapshotFiles());
  const counts = {};
  const check = async (page, name) => {
    const { problems, counts: found } = await accessibilityProblems(page);
    counts[name] = found;
    assert.deepEqual(problems, [], `${name}: ${problems.join('; ')}`);
  };
  await withApp({}, async ({ page }) => {
    await page.locator('#sign-in-analyst').waitFor();
    await check(page, 'sign-in');
    await signIn(page, 'analyst', 'dashboard');
    await page.locator('canvas[data-chart="visits-daily"][data-drawn="true"]').waitFor();
    await check(page, 'dashboard');
    for (const details of await page.locator('details').all()) await details.evaluate((d) => { d.open = true; });
    await check(page, 'dashboard, every table open');
    // A period whose outcomes are not released yet: every figure of the referrals section is a "from" cell.
    await page.selectOption('#referrals-period', '2020-04');
    assert.ok(await page.locator('#section-referrals dd.not-released').count() > 0);
    await check(page, 'dashboard, figures not released yet');
    await page.selectOption('#range-choice', 'custom');
    await check(page, 'dashboard, custom range');
    await page.click('#language');
    await ready(page, 'dashboard');
    await check(page, 'dashboard (English)');
  });
  await withApp({}, async ({ page }) => {
    await signIn(page, 'responder', 'register');
    await check(page, 'registration form');
    await page.check('#f-callerGroup-SELF');
    await page.check('#f-support-REFERRAL');
    await check(page, 'registration form, every question shown');
    await page.click('#save');
    await page.locator('#error-summary').waitFor();
    await check(page, 'registration form, errors shown');
  });
  await withApp({}, async ({ page }) => {
    await signIn(page, 'coordinator', 'dashboard');
    await page.click('#nav-campaigns');
    await ready(page, 'campaigns');
    await check(page, 'campaign admin');
  });
  await withApp({}, async ({ page }) => {
    await signIn(page, 'centre', 'dashboard');
    await page.goto(`${stub.origin}/app/#/campaigns`);
    await ready(page, 'campaigns');
    await check(page, 'a screen the role may not see');
  });
  console.log(`axe-core, violations by impact per page: ${JSON.stringify(counts)}`);
});

test('every question is labelled: a legend per code group, a label per input', { skip: SKIP }, async () => {
  await withApp({}, async ({ page }) => {
    await signIn(page, 'responder', 'register');
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll('#registration input')]
      .filter((input) => !input.labels.length || !input.labels[0].textContent.trim()).map((input) => input.id));
    assert.deepEqual(unlabelled, []);
    const groups = await page.evaluate(() => [...document.querySelectorAll('#registration fieldset.question')]
      .map((fieldset) => [fieldset.dataset.field, fieldset.querySelector(':scope > legend')?.textContent.trim() || '']));
    assert.ok(groups.length >= 14);
    for (const [field, legend] of groups) assert.ok(legend, `${field} has a legend`);
    assert.ok(!groups.some(([field]) => field === 'outcome'), 'outcome is not part of a registration');
  });
});

test('the form refuses to send an incomplete registration and names the missing answers', { skip: SKIP }, async () => {
  await withApp({}, async ({ page }) => {
    await signIn(page, 'responder', 'register');
    const posts = () => stub.requests.filter((r) => r.method === 'POST').length;
    const sent = posts();
    await page.check('#f-callerGroup-SELF');
    await page.click('#save');
    await page.locator('#error-summary').waitFor();
    assert.equal(posts(), sent, 'nothing sent');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'error-summary');
    for (const field of ['channel', 'selfConcern', 'pastOffences', 'risk', 'support', 'gender', 'ageBand', 'howHeard', 'firstContact']) {
      assert.equal(await page.locator(`#fs-${field}`).getAttribute('aria-invalid'), 'true', field);
    }
    assert.equal(await page.locator('#fs-topics').getAttribute('aria-invalid'), null, 'topics are optional');
    // Choosing another caller group hides the self-concern question and forgets its answer.
    await page.check('#f-selfConcern-BEHAVIOUR');
    await page.check('#f-callerGroup-RELATIVE');
    assert.equal(await page.locator('#fs-selfConcern').isHidden(), true);
    await page.check('#f-callerGroup-SELF');
    assert.equal(await page.locator('#f-selfConcern-BEHAVIOUR').isChecked(), false);
  });
});

async function fillMinimal(page, { callerGroup = 'RELATIVE', support = ['INFORMATION'] } = {}) {
  for (const [field, code] of [['channel', 'PHONE'], ['callerGroup', callerGroup], ['pastOffences', 'UNKNOWN'],
    ['risk', 'NONE'], ['gender', 'FEMALE'], ['ageBand', '46_55'], ['howHeard', 'SEARCH'], ['firstContact', 'NO']]) {
    await page.check(`#f-${field}-${code}`);
  }
  for (const code of support) await page.check(`#f-support-${code}`);
}

test('a save whose answer is lost is retried with the same id, and stored once', { skip: SKIP }, async () => {
  await withApp({}, async ({ page }) => {
    await signIn(page, 'responder', 'register');
    await fillMinimal(page, { support: ['REFERRAL'] });
    await page.check('#f-referral\\.centreType-CAW');
    await page.check('#f-referral\\.region-ANTWERPEN');
    const id = await page.locator('#registration').getAttribute('data-id');
    stub.dropNextAnswers(2);
    await page.click('#save');
    await page.locator('#referral-code').waitFor({ timeout: 15000 });
    const posts = stub.requests.filter((r) => r.method === 'POST' && r.path === '/v1/registrations' && r.body.includes(id));
    assert.equal(posts.length, 3, 'two lost answers, then the answer');
    assert.equal(new Set(posts.map((r) => r.body)).size, 1, 'the same body each time');
    assert.deepEqual(posts.map((r) => r.status), ['dropped', 'dropped', 200]);
    assert.equal(await page.locator('#referral-code').innerText(), stub.registrations.get(id).answer.referralCode);
    // The next registration has a new id.
    await page.click('#new-registration');
    assert.notEqual(await page.locator('#registration').getAttribute('data-id'), id);
  });
});

test('a recent registration can be amended, with its version in If-Match', { skip: SKIP }, async () => {
  await withApp({}, async ({ page }) => {
    await signIn(page, 'responder', 'register');
    await fillMinimal(page);
    const id = await page.locator('#registration').getAttribute('data-id');
    await page.click('#save');
    await page.locator('#result-heading').waitFor();
    assert.equal(await page.locator('#referral-code').count(), 0, 'no referral, no code');
    await page.locator(`.recent li[data-id="${id}"] button.amend`).click();
    await page.locator('#cancel-amendment').waitFor();
    assert.equal(await page.locator('#page-title').innerText(), 'Registratie wijzigen');
    assert.ok(await page.locator('#f-gender-FEMALE').isChecked(), 'the stored answers are loaded');
    await page.check('#f-risk-CONSULTED');
    await page.click('#save');
    await page.locator('#result-heading', { hasText: 'versie 2' }).waitFor();
    const put = stub.requests.find((r) => r.method === 'PUT' && r.path === `/v1/registrations/${id}`);
    assert.equal(put.headers['if-match'], '"1"');
    assert.equal(stub.registrations.get(id).body.risk, 'CONSULTED');
    // A stale version is refused and said so.
    stub.registrations.get(id).version = 5;
    await page.click('#new-registration');
    await page.locator(`.recent li[data-id="${id}"] button.amend`).click();
    await page.locator('#cancel-amendment').waitFor();
    stub.registrations.get(id).version = 6;
    await page.click('#save');
    await page.locator('#form-status', { hasText: 'intussen gewijzigd' }).waitFor();
    // After the amendment window, the refusal is said as such.
    stub.registrations.get(id).windowClosed = true;
    await page.locator(`.recent li[data-id="${id}"] button.amend`).click();
    await page.locator('#cancel-amendment').waitFor();
    await page.click('#save');
    await page.locator('#form-status', { hasText: 'termijn om deze registratie te wijzigen is voorbij' }).waitFor();
  });
});

test('a save or amendment that would touch a released month is refused: the month, its release date, final figures', { skip: SKIP }, async () => {
  await withApp({}, async ({ page }) => {
    await signIn(page, 'responder', 'register');
    stub.releaseThrough('2020-03');
    try {
      await fillMinimal(page);
      await page.fill('#f-contactDate', '2020-03-15');
      const id = await page.locator('#registration').getAttribute('data-id');
      await page.click('#save');
      const status = page.locator('#form-status', { hasText: 'definitief' });
      await status.waitFor();
      assert.equal(await status.innerText(), 'De cijfers van maart 2020 zijn definitief: ze werden vrijgegeven op '
        + '1 mei 2020. Een registratie van die maand kan niet meer bewaard, gewijzigd of geschrapt worden.');
      const posts = stub.requests.filter((r) => r.method === 'POST' && r.body.includes(id));
      assert.deepEqual(posts.map((r) => r.status), [409], 'sent once, not retried');
      assert.equal(stub.registrations.has(id), false);
      assert.equal(await page.locator('#f-contactDate').inputValue(), '2020-03-15', 'the answers stay');
      await screenshot(page, 'form-period-released');

      // An amendment of a registration whose month was released meanwhile, in English.
      await page.fill('#f-contactDate', '2020-04-20');
      await page.click('#save');
      await page.locator('#result-heading').waitFor();
      stub.releaseThrough('2020-04');
      await page.click('#language');
      await ready(page, 'register');
      await page.locator(`.recent li[data-id="${id}"] button.amend`).click();
      await page.locator('#cancel-amendment').waitFor();
      await page.check('#f-risk-CONSULTED');
      await page.click('#save');
      const english = page.locator('#form-status', { hasText: 'final' });
      await english.waitFor();
      assert.equal(await english.innerText(), 'The figures of April 2020 are final: they were released on 31 May 2020. '
        + 'A registration of that month can no longer be saved, amended or voided.');
      assert.equal(stub.registrations.get(id).version, 1, 'nothing changed');
      assert.equal(stub.requests.filter((r) => r.method === 'PUT' && r.path === `/v1/registrations/${id}`).length, 1);
    } finally {
      stub.releaseThrough(null);
    }
  });
});

test('a coordinator creates a campaign and imports an impressions CSV', { skip: SKIP }, async () => {
  await withApp({}, async ({ page }) => {
    await signIn(page, 'coordinator', 'dashboard');
    await page.click('#nav-campaigns');
    await ready(page, 'campaigns');
    await page.fill('#campaign-id', 'spring20');
    await page.fill('#campaign-name', 'Kijk uit wat je kijkt');
    await page.fill('#campaign-start', '2020-04-01');
    await page.fill('#campaign-end', '2020-05-19');
    await page.fill('#campaign-landing', 'https://selfhelp.example/');
    await page.fill('#creative-label-0', 'Kijk uit wat je kijkt!');
    await page.click('button:has-text("Banner toevoegen")');
    await page.fill('#creative-label-1', 'Dreig je een grens over te gaan?');
    await page.click('button:has-text("Campagne opslaan")');
    await page.locator('#campaign-list tr[data-id="spring20"]').waitFor();
    assert.deepEqual(stub.campaigns.get('spring20'), {
      id: 'spring20', name: 'Kijk uit wat je kijkt', start: '2020-04-01', end: '2020-05-19',
      landingUrl: 'https://selfhelp.example/',
      creatives: { c1: 'Kijk uit wat je kijkt!', c2: 'Dreig je een grens over te gaan?' }
    });
    assert.equal(await page.locator('#campaign-status').innerText(), 'Campagne spring20 opgeslagen.');
    const csv = 'date,creative,impressions\n2020-04-01,c1,45000\n2020-04-01,c2,30000\n';
    await page.setInputFiles('#impressions-file', { name: 'report.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.fill('#impressions-reach', '220000');
    await page.click('button:has-text("Importeren")');
    await page.locator('#impressions-status', { hasText: 'geïmporteerd' }).waitFor();
    assert.deepEqual(stub.impressions.at(-1), { id: 'spring20', reach: '220000', csv });
    await screenshot(page, 'campaigns');
  });
});

test('each role sees only its own screens', { skip: SKIP }, async () => {
  await withApp({}, async ({ page }) => {
    await signIn(page, 'analyst', 'dashboard');
    assert.deepEqual(await page.locator('nav a').allInnerTexts(), ['Dashboard']);
    await page.goto(`${stub.origin}/app/#/register`);
    await ready(page, 'register');
    assert.match(await page.locator('main').innerText(), /niet beschikbaar voor je rol/);
    assert.equal(await page.locator('#registration').count(), 0);
    await page.click('#sign-out');
    await page.locator('#sign-in-responder').waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('helplineInsights.session')), null);
  });
});

test('deployed, sign-in goes through the Cognito hosted UI with authorization code and PKCE', { skip: SKIP }, async () => {
  const cognito = { domain: 'staff.auth.eu-west-1.amazoncognito.com', clientId: 'client123',
    redirectUri: `${stub.origin}/app/` };
  stub.setAppConfig({ signIn: 'cognito', api: '', snapshotRoot: '/', cognito });
  const app = await openApp(browser, stub.origin, { hash: '#/register', goto: false });
  const seen = {};
  try {
    await app.context.route(`https://${cognito.domain}/**`, async (route) => {
      const request = route.request();
      const url = new URL(request.url());
      if (url.pathname === '/oauth2/authorize') {
        seen.authorize = Object.fromEntries(url.searchParams);
        return route.fulfill({ status: 302, headers: {
          location: `${cognito.redirectUri}?code=the-code&state=${encodeURIComponent(url.searchParams.get('state'))}` } });
      }
      seen.token = Object.fromEntries(new URLSearchParams(request.postData()));
      const payload = Buffer.from(JSON.stringify({ 'cognito:groups': ['responder'], exp: Math.floor(Date.now() / 1000) + 600 }))
        .toString('base64url');
      return route.fulfill({ status: 200, contentType: 'application/json',
        headers: { 'access-control-allow-origin': stub.origin },
        body: JSON.stringify({ access_token: `e30.${payload}.sig`, id_token: 'unused', token_type: 'Bearer', expires_in: 600 }) });
    });
    await app.page.goto(`${stub.origin}/app/#/register`);
    assert.equal(await app.page.locator('.roles').count(), 0, 'no role picker when deployed');
    await app.page.click('#sign-in');
    await ready(app.page, 'register');
    assert.equal(seen.authorize.response_type, 'code');
    assert.equal(seen.authorize.client_id, 'client123');
    assert.equal(seen.authorize.redirect_uri, cognito.redirectUri);
    assert.equal(seen.authorize.code_challenge_method, 'S256');
    assert.deepEqual(Object.keys(seen.token).sort(), ['client_id', 'code', 'code_verifier', 'grant_type', 'redirect_uri']);
    assert.equal(seen.token.code, 'the-code');
    assert.equal(createHash('sha256').update(seen.token.code_verifier).digest('base64url'), seen.authorize.code_challenge,
      'the verifier matches the challenge');
    assert.equal(new URL(app.page.url()).search, '', 'the code is gone from the address bar');
    assert.equal(new URL(app.page.url()).hash, '#/register', 'back where sign-in started');
    assert.deepEqual(await app.context.cookies(), [], 'no cookie');
    const foreign = app.foreignRequests().map((url) => new URL(url).origin);
    assert.deepEqual([...new Set(foreign)], [`https://${cognito.domain}`], 'only the hosted UI besides the own origin');
    assert.deepEqual(app.errors, []);
  } finally {
    stub.setAppConfig(null);
    await app.close();
  }
});

test('field errors from the API are shown at their fields', { skip: SKIP }, async () => {
  await withApp({}, async ({ page }) => {
    await signIn(page, 'responder', 'register');
    await fillMinimal(page);
    await page.fill('#f-contactDate', '2018-11-30');
    await page.click('#save');
    await page.locator('#error-summary').waitFor();
    assert.equal(await page.locator('#f-contactDate').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#error-contactDate').innerText(), 'Deze waarde is niet geldig.');
    assert.equal(await page.locator('#f-contactDate').inputValue(), '2018-11-30', 'the answers stay');
    assert.ok(await page.locator('#f-gender-FEMALE').isChecked());
  });
});
