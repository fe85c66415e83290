// The staff web app end to end on the real local runner (moto behind the same handler classes Lambda
// runs) with its demo data: the dashboard draws every chart and table from the snapshot the aggregator
// made; a responder's registration through the form is counted in the next snapshot; the language switch;
// campaign admin. The page makes no request to any host but the runner's origin. Needs Chromium and a
// built runner (`make build`); skipped with the reason otherwise.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildApp } from '../scripts/build-app.mjs';
import { CHARTS, openApp, ready, screenshot, signIn } from './app-browser.mjs';
import { LOCAL_RUNNER_SKIP, startLocalRunner } from './local-runner.mjs';
import { launchChromium } from './site.mjs';

const SKIP = LOCAL_RUNNER_SKIP;
let runner;
let browser;

before(async () => {
  if (SKIP) return;
  await buildApp();
  runner = await startLocalRunner({ demo: true, readySeconds: 300 });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  runner?.stop();
});

async function withApp(body) {
  const app = await openApp(browser, runner.api);
  try {
    await body(app);
    assert.deepEqual(app.foreignRequests(), [], 'no request to any host but the runner\'s origin');
    assert.deepEqual(await app.context.cookies(), [], 'no cookie');
    assert.deepEqual(app.errors, [], 'no script error');
  } finally {
    await app.close();
  }
}

// A file of the newest run, or null when the run has not published it.
async function latestFile(name) {
  const latest = await (await runner.call('GET', '/snapshots/v1/LATEST.json')).json();
  const response = await fetch(`${runner.api}/${latest.path}${name}`);
  return response.status === 404 ? null : response.json();
}

function allTimeTotal(contacts) {
  assert.ok(contacts, 'contacts.json is published');
  return contacts.periods.find((p) => p.kind === 'all').tables.total;
}

test('the dashboard draws every chart and table from the snapshot the aggregator made of the demo data', { skip: SKIP }, async () => {
  await withApp(async ({ page }) => {
    await signIn(page, 'analyst', 'dashboard');
    await screenshot(page, 'runner-dashboard-nl');
    const missing = await page.locator('.not-published').evaluateAll((list) => list.map((e) => e.dataset.file));
    assert.deepEqual(missing, [], 'every snapshot file is published');
    for (const chart of CHARTS) {
      const canvas = page.locator(`canvas[data-chart="${chart}"]`);
      assert.equal(await canvas.getAttribute('data-drawn'), 'true', `${chart} drawn`);
      assert.ok(Number(await canvas.getAttribute('data-points')) > 0, `${chart} has data`);
    }
    for (const table of ['visits-monthly', 'geo', 'funnel', 'channel', 'callerGroup', 'referrals-centreType']) {
      assert.ok(await page.locator(`table[data-table="${table}"] tbody tr`).count() > 0, `table ${table}`);
    }
    assert.match(await page.locator('#freshness').innerText(), /^Gegevens tot .* · aangemaakt /);
    assert.ok(await page.locator('#section-report article').count(), 'the report is rendered');
  });
});

test('the Dutch/English switch on the runner', { skip: SKIP }, async () => {
  await withApp(async ({ page }) => {
    await signIn(page, 'analyst', 'dashboard');
    assert.equal(await page.locator('#heading-traffic').innerText(), 'Bezoeken');
    await page.click('#language');
    await ready(page, 'dashboard');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await page.locator('#heading-traffic').innerText(), 'Visits');
    assert.match(await page.locator('#freshness').innerText(), /^Data through .* · generated /);
  });
});

test('a responder registers a contact through the form and it is counted in the next snapshot', { skip: SKIP }, async () => {
  await runner.call('POST', '/local/aggregate');
  const contactsBefore = await latestFile('contacts.json');
  // A contact of December 2020, inside the demo history: one of today would wait, unpublished, until
  // its month, quarter and year hold 5 (the demo history ends in 2020; see ContactStatistics). The
  // responder registers it the next day, as the demo's responders do: on today's clock its month is
  // released and the API would refuse it (409 period_released).
  await runner.call('PUT', '/local/clock', { now: '2020-12-16T10:00:00Z' });
  try {
    await withApp(async ({ page }) => {
      await signIn(page, 'responder', 'register');
      assert.equal(await page.locator('#registration').count(), 1, `the form: ${await page.locator('main').innerText()}`);
      await page.fill('#f-contactDate', '2020-12-15');
      for (const [field, code] of [['channel', 'PHONE'], ['callerGroup', 'SELF'], ['selfConcern', 'FEELINGS'],
        ['pastOffences', 'NO'], ['risk', 'NONE'], ['support', 'ADVICE'], ['support', 'REFERRAL'],
        ['referral\\.centreType', 'CGG'], ['referral\\.region', 'ANTWERPEN'], ['gender', 'MALE'], ['ageBand', '36_45'],
        ['howHeard', 'SELF_HELP_MODULE'], ['firstContact', 'YES']]) {
        await page.check(`#f-${field}-${code}`);
      }
      await page.click('#save');
      await page.locator('#referral-code').waitFor({ timeout: 15000 });
      assert.match(await page.locator('#referral-code').innerText(), /^[A-Z2-9-]{8,}$/);
      await screenshot(page, 'runner-form-saved');
    });
  } finally {
    await runner.call('DELETE', '/local/clock');
  }
  await runner.call('POST', '/local/aggregate');
  const before = allTimeTotal(contactsBefore);
  const afterwards = allTimeTotal(await latestFile('contacts.json'));
  assert.equal(afterwards.count, (before.count ?? 0) + 1, 'one more contact, all time');
  await withApp(async ({ page }) => {
    await signIn(page, 'coordinator', 'dashboard');
    const shown = await page.locator('table[data-table="total"] td').innerText();
    assert.equal(shown.replace(/\D/g, ''), String(afterwards.count), 'the dashboard shows the new total');
  });
});

test('a coordinator creates a campaign in the admin screen', { skip: SKIP }, async () => {
  await withApp(async ({ page }) => {
    await signIn(page, 'coordinator', 'dashboard');
    await page.click('#nav-campaigns');
    await ready(page, 'campaigns');
    await page.fill('#campaign-id', 'winter26');
    await page.fill('#campaign-name', 'Winter 2026');
    await page.fill('#campaign-start', '2026-01-05');
    await page.fill('#campaign-end', '2026-02-15');
    await page.fill('#campaign-landing', 'https://selfhelp.example/start');
    await page.fill('#creative-label-0', 'Kijk uit wat je kijkt!');
    await page.click('button:has-text("Campagne opslaan")');
    await page.locator('#campaign-list tr[data-id="winter26"]').waitFor();
  });
  const token = (await (await runner.call('GET', '/local/token?group=analyst')).json()).token;
  const { campaigns } = await (await runner.call('GET', '/v1/campaigns', undefined, { token })).json();
  const created = campaigns.find((c) => c.id === 'winter26');
  assert.deepEqual(created.creatives, { c1: 'Kijk uit wat je kijkt!' });
  assert.equal(created.landingUrl, 'https://selfhelp.example/start');
});

test('a coordinator imports an impressions CSV in the admin screen', { skip: SKIP }, async () => {
  await withApp(async ({ page }) => {
    await signIn(page, 'coordinator', 'dashboard');
    await page.click('#nav-campaigns');
    await ready(page, 'campaigns');
    await page.fill('#campaign-id', 'import26');
    await page.fill('#campaign-name', 'Import 2026');
    await page.fill('#campaign-start', '2026-01-05');
    await page.fill('#campaign-end', '2026-02-15');
    await page.fill('#campaign-landing', 'https://selfhelp.example/');
    await page.fill('#creative-label-0', 'Banner');
    await page.click('button:has-text("Campagne opslaan")');
    await page.locator('#campaign-list tr[data-id="import26"]').waitFor();
    await page.selectOption('#impressions-campaign', 'import26');
    const csv = 'date,creative,impressions\n2026-01-05,c1,45000\n2026-01-06,c1,30000\n';
    await page.setInputFiles('#impressions-file', { name: 'report.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.fill('#impressions-reach', '50000');
    await page.click('button:has-text("Importeren")');
    await page.locator('#impressions-status', { hasText: /geïmporteerd|Mislukt/ }).waitFor();
    assert.equal(await page.locator('#impressions-status').innerText(), 'Vertoningen voor import26 geïmporteerd.');
  });
});
