// The dashboard's time range, without a browser: the URL round trip, the days a range covers, the period
// it is compared with, the grain, and the sums a chart of that range draws.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  bucketOf, bucketRows, change, DEFAULT_RANGE, grainOf, readRange, resolveRange, total, writeRange
} from '../app-src/range.js';

test('the URL says the range and the comparison, and reads back as the same choice', () => {
  for (const choice of [{ range: '12m', compare: 'year', from: null, to: null },
    { range: 'custom', compare: 'previous', from: '2020-01-01', to: '2020-03-31' },
    { range: 'all', compare: 'previous', from: null, to: null }]) {
    assert.deepEqual(readRange(`#/dashboard?${writeRange(choice)}`), choice);
  }
  assert.deepEqual(readRange('#/dashboard'), DEFAULT_RANGE);
  assert.deepEqual(readRange('#/dashboard?range=bogus&from=x'), DEFAULT_RANGE);
  assert.deepEqual(readRange('#/dashboard?range=custom&from=2020-02-30&to=2020-03-01').range, '30d',
    'a custom range without two real dates falls back to the default');
});

test('each range ends on the last day with data and starts no earlier than the first', () => {
  const first = '2019-01-01';
  const last = '2020-05-31';
  const at = (range, extra = {}) => resolveRange({ ...DEFAULT_RANGE, range, ...extra }, first, last);
  assert.deepEqual(at('30d'), { from: '2020-05-02', to: '2020-05-31', grain: 'day',
    previous: { from: '2020-04-02', to: '2020-05-01' } });
  assert.deepEqual(at('12m').from, '2019-06-01');
  assert.equal(at('12m').grain, 'week');
  assert.deepEqual([at('thisYear').from, at('thisYear').to], ['2020-01-01', '2020-05-31']);
  assert.deepEqual(at('thisYear', { compare: 'year' }).previous, { from: '2019-01-01', to: '2019-05-31' });
  assert.deepEqual([at('lastYear').from, at('lastYear').to, at('lastYear').grain], ['2019-01-01', '2019-12-31', 'week']);
  assert.deepEqual([at('all').from, at('all').to, at('all').previous], ['2019-01-01', '2020-05-31', null]);
  assert.equal(resolveRange({ ...DEFAULT_RANGE, range: 'all' }, '2015-01-01', last).grain, 'month');
  assert.deepEqual(at('custom', { from: '2020-03-31', to: '2018-06-01' }).from, first, 'reversed and clamped');
  assert.equal(resolveRange(DEFAULT_RANGE, null, null), null, 'no data: no range');
});

test('grains: days up to about three months, weeks up to two years, months beyond', () => {
  assert.equal(grainOf('2020-01-01', '2020-03-31'), 'day');
  assert.equal(grainOf('2020-01-01', '2021-12-31'), 'week');
  assert.equal(grainOf('2019-01-01', '2021-12-31'), 'month');
  assert.equal(bucketOf('2020-05-31', 'week'), '2020-05-25', 'a Sunday belongs to the week of its Monday');
  assert.equal(bucketOf('2020-05-25', 'week'), '2020-05-25');
  assert.equal(bucketOf('2020-05-31', 'month'), '2020-05');
});

test('a chart of a range sums the days into its buckets, every bucket present, nothing outside counted', () => {
  const rows = [{ date: '2020-04-30', visits: 100 }, { date: '2020-05-01', visits: 1 }, { date: '2020-05-03', visits: 2 },
    { date: '2020-05-04', visits: 4 }, { date: '2020-06-01', visits: 100 }];
  assert.deepEqual(bucketRows(rows, ['visits'], '2020-05-01', '2020-05-10', 'week'),
    [{ bucket: '2020-04-27', visits: 3 }, { bucket: '2020-05-04', visits: 4 }]);
  assert.equal(bucketRows(rows, ['visits'], '2020-05-01', '2020-05-31', 'day').length, 31);
  assert.equal(total(rows, 'visits', '2020-05-01', '2020-05-31'), 7);
  assert.equal(change(110, 100), 10);
  assert.equal(change(5, 0), null);
});
