// Messages without a browser: values and the word for a count in both languages.
import assert from 'node:assert/strict';
import { test } from 'node:test';

// i18n.js keeps the language in sessionStorage and sets <html lang>: stand-ins for both.
globalThis.sessionStorage = { getItem: () => null, setItem: () => {} };
globalThis.document = { documentElement: {} };
const { t, setLang } = await import('../app-src/i18n.js');

test('a count takes the word for its number in Dutch and English', () => {
  setLang('nl');
  assert.equal(t('campaignsSummary', { impressions: '220.000', clicks: '1', reach: '22.000' }),
    '220.000 vertoningen, 1 klik, 22.000 bereikt');
  assert.equal(t('campaignsSummary', { impressions: 1, clicks: '1.497', reach: '0' }),
    '1 vertoning, 1.497 kliks, 0 bereikt');
  setLang('en');
  assert.equal(t('campaignsSummary', { impressions: '2,200,000', clicks: '1', reach: '220,000' }),
    '2,200,000 impressions, 1 click, 220,000 reached');
  assert.equal(t('campaignsSummary', { impressions: '1', clicks: '0', reach: '1' }),
    '1 impression, 0 clicks, 1 reached');
});
