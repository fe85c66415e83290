import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, test } from 'node:test';
import { BUDGETS, measure } from '../scripts/size.mjs';

let sizes;
before(async () => {
  sizes = await measure();
});

for (const [mode, budget] of Object.entries(BUDGETS)) {
  test(`the ${mode} build stays within ${budget} bytes minified and gzipped`, () => {
    const { gzipped, minified, name } = sizes[mode];
    assert.ok(minified > 0);
    assert.ok(gzipped <= budget, `dist/${name}: ${gzipped} bytes gzipped, budget ${budget}`);
  });

  test(`the ${mode} build is plain ES2017 for a <script> tag, without cookies`, () => {
    const { code } = sizes[mode];
    assert.doesNotMatch(code, /(^|[;}])\s*(import|export)\s/m, 'no module syntax');
    assert.doesNotMatch(code, /\?\.[^\d]|\?\?|\bclass\s+\w+\s*{[^}]*#/, 'nothing newer than ES2017');
    assert.doesNotMatch(code, /\bcookie\b/, 'never touches cookies');
    assert.doesNotMatch(code, /\bRETURNING\b/, 'no build constant left');
    new Function(code); // parses as a classic script
  });
}

test('the anonymous build holds none of returning mode', () => {
  const { code } = sizes.anonymous;
  for (const name of ['setItem', 'getItem', 'consentWait', 'returning', 'firstOfDay', 'firstReturn', 'since',
    'setTimeout', 'pagehide', 'visibilitychange']) {
    assert.ok(!code.includes(name), `${name} in the anonymous build`);
  }
  assert.doesNotMatch(code, /[^\\]\.q\b/, 'no queue read');
  assert.match(sizes.returning.code, /[^\\]\.q\b/, 'the returning build reads the queue');
  assert.match(code, /removeItem/, 'it still deletes a record left on the device');
  for (const name of ['setItem', 'getItem', 'consentWait', 'firstOfDay', 'pagehide']) {
    assert.ok(sizes.returning.code.includes(name), `${name} in the returning build`);
  }
});

test('beacon-src.js is one readable source of both builds', async () => {
  const source = await readFile(new URL('../beacon-src.js', import.meta.url), 'utf8');
  assert.doesNotMatch(source, /^\s*(import|export)\s/m, 'no module syntax');
  assert.doesNotMatch(source, /\?\.|\?\?|\bclass\s+\w+\s*{[^}]*#/, 'nothing newer than ES2017');
  assert.doesNotMatch(source, /document\.cookie/, 'never touches cookies');
  assert.equal(sizes.anonymous.source, Buffer.byteLength(source));
  assert.ok(sizes.anonymous.minified < sizes.returning.minified);
});
