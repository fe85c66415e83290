// The contact periods a dashboard range covers (no browser): months, quarters where months are mostly
// suppressed, and the release day of those not released yet.
import assert from 'node:assert/strict';
import test from 'node:test';
import { contactPeriodsInRange, releaseDay } from '../app-src/contact-range.js';

const cell = (count) => (count === null ? { key: 'ALL', count: null, suppressed: 'primary' } : { key: 'ALL', count });
const month = (period, count) => ({ kind: 'month', period, tables: { total: cell(count) } });
const quarter = (period, count) => ({ kind: 'quarter', period, tables: { total: cell(count) } });
const document = (periods, countsThrough = '2020-04') => ({
  calendar: { start: '2020-01', countsThrough, settleDays: 30 }, periods, withheld: []
});

test('a month is released on the day after its end plus the settling days', () => {
  assert.equal(releaseDay('2026-11', 30), '2026-12-31');
  assert.equal(releaseDay('2026-12', 30), '2027-01-31');
  assert.equal(releaseDay('2024-01', 30), '2024-03-02');
  assert.equal(releaseDay('2024-01', 0), '2024-02-01');
});

test('months the range covers, released with their figures, later ones with the day they are due', () => {
  const contacts = document([month('2020-03', 31), month('2020-04', 40)]);
  const { grain, rows } = contactPeriodsInRange(contacts, '2020-03-15', '2020-06-10');
  assert.equal(grain, 'month');
  assert.deepEqual(rows.map((r) => [r.name, r.period?.tables.total.count ?? r.releaseOn]),
    [['2020-03', 31], ['2020-04', 40], ['2020-05', '2020-07-01'], ['2020-06', '2020-07-31']]);
});

test('where most released months are suppressed, the range shows its quarters', () => {
  const contacts = document([month('2020-01', null), month('2020-02', null), month('2020-03', 12),
    quarter('2020-Q1', 17), month('2020-04', null)]);
  const { grain, rows } = contactPeriodsInRange(contacts, '2020-01-01', '2020-05-31');
  assert.equal(grain, 'quarter');
  assert.deepEqual(rows.map((r) => [r.name, r.period?.tables.total.count ?? r.releaseOn]),
    [['2020-Q1', 17], ['2020-Q2', '2020-07-31']]);
});

test('a range before the calendar starts begins at its start; withheld months say so', () => {
  const contacts = { ...document([month('2020-02', 8)]), withheld: [{ period: '2020-01', on: '2020-03-02' }] };
  const { rows } = contactPeriodsInRange(contacts, '2019-06-01', '2020-02-29');
  assert.deepEqual(rows.map((r) => [r.name, Boolean(r.withheld)]), [['2020-01', true], ['2020-02', false]]);
});

test('the range "all" covers the whole calendar, whatever the traffic range', () => {
  const contacts = document([month('2020-03', 31), month('2020-04', 40)]);
  const { rows } = contactPeriodsInRange(contacts, '2018-01-01', '2018-02-01', true);
  assert.deepEqual(rows.map((r) => r.name), ['2020-03', '2020-04']);
});
