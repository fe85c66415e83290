// Helpers for the staff web app's browser tests: a page in a fresh context that records every request,
// sign-in through the role picker, and keyboard-only moves (Tab until an element has focus).
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SCREENSHOTS = fileURLToPath(new URL('../target/screenshots/', import.meta.url));
export const CHARTS = ['visits-daily', 'visits-monthly', 'sources', 'sections', 'hour-of-day', 'geo', 'funnel', 'contacts-monthly',
  'outcomes-monthly'];

export async function openApp(browser, origin, { hash = '', viewport = { width: 1200, height: 900 }, goto = true } = {}) {
  const context = await browser.newContext({ viewport, timezoneId: 'Europe/Brussels', locale: 'nl-BE' });
  const requests = [];
  const errors = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) errors.push(message.text());
  });
  if (goto) await page.goto(`${origin}/app/${hash}`);
  return {
    context,
    page,
    requests,
    errors,
    // Every request that went anywhere but the app's own origin.
    // (A CSV download is a blob: URL of the app's own origin.)
    foreignRequests: () => requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:')
      && !url.startsWith(`blob:${origin}/`)),
    close: () => context.close()
  };
}

export async function ready(page, view) {
  await page.waitForSelector(`main[data-ready][data-view="${view}"]`);
}

export async function signIn(page, group, view) {
  await page.click(`#sign-in-${group}`);
  await ready(page, view);
}

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // From the top, so the sticky header is drawn where it belongs.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}

// Presses Tab until the focused element matches `test` (a function run in the page on the element).
export async function tabUntil(page, test, arg, limit = 250) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(([source, value]) => {
      const element = document.activeElement;
      return !!element && new Function('element', 'value', `return (${source})(element, value);`)(element, value);
    }, [test.toString(), arg])) return;
  }
  throw new Error(`nothing matching ${test} took the focus after ${limit} Tabs`);
}

// Keyboard only: Tab into a radio group and move with the arrow keys until `code` is chosen.
export async function chooseRadio(page, name, code) {
  await tabUntil(page, (element, value) => element.type === 'radio' && element.name === value, name);
  if (await page.evaluate((value) => document.activeElement.value === value, code)) {
    await page.keyboard.press('Space');
    return;
  }
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('ArrowDown');
    if (await page.evaluate((value) => document.activeElement.value === value, code)) return;
  }
  throw new Error(`${name}: could not reach ${code}`);
}

// Keyboard only: Tab to a checkbox and toggle it with Space.
export async function toggleCheckbox(page, name, code) {
  await tabUntil(page, (element, value) => element.type === 'checkbox' && `${element.name}=${element.value}` === value,
    `${name}=${code}`);
  await page.keyboard.press('Space');
}

// The page's accessibility problems that axe-core (WCAG 2.1 A and AA rules) rates serious or critical, as
// "rule: target" lines; and how many of each impact it found, for the record.
export async function accessibilityProblems(page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const counts = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  const problems = [];
  for (const violation of results.violations) {
    counts[violation.impact] = (counts[violation.impact] || 0) + violation.nodes.length;
    if (violation.impact === 'serious' || violation.impact === 'critical') {
      for (const node of violation.nodes) problems.push(`${violation.id} (${violation.impact}): ${node.target.join(' ')} — ${violation.help}`);
    }
  }
  return { problems, counts };
}

// The dashboard's range "all": the contacts chart then covers every released month, not only the months of
// the default 30 days (which are never released yet: months settle for 30 days before they are published).
// Drawn once the traffic's year files are read; the URL names the range then.
export async function showAll(page) {
  await page.selectOption('#range-choice', 'all');
  await page.waitForFunction(() => location.hash.includes('range=all'));
  await page.locator('table[data-table="contacts-monthly"][data-grain] tbody tr').first().waitFor({ state: 'attached' });
}
