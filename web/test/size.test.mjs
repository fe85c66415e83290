import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUDGET_BYTES, measure } from '../scripts/size.mjs';

test(`beacon.js stays within ${BUDGET_BYTES} bytes minified and gzipped`, async () => {
  const { gzipped, minified } = await measure();
  assert.ok(minified > 0);
  assert.ok(gzipped <= BUDGET_BYTES, `${gzipped} bytes gzipped`);
});

test('beacon.js is plain ES2017 that needs no build step', async () => {
  const { readFile } = await import('node:fs/promises');
  const source = await readFile(new URL('../beacon.js', import.meta.url), 'utf8');
  assert.doesNotMatch(source, /^\s*(import|export)\s/m, 'no module syntax');
  assert.doesNotMatch(source, /\?\.|\?\?|\bclass\s+\w+\s*{[^}]*#/, 'nothing newer than ES2017');
  assert.doesNotMatch(source, /document\.cookie/, 'never touches cookies');
});
