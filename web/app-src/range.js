// The dashboard's time range, as the URL says it (#/dashboard?range=12m&compare=year, or
// ?range=custom&from=2020-01-01&to=2020-03-31): the days it covers, the period it is compared with, and
// the grain its charts use. Ranges end on the last day with data (for a live system, yesterday), so
// "last 30 days" always shows figures; they start no earlier than the first day with data.
export const RANGES = ['30d', '12m', 'thisYear', 'lastYear', 'all', 'custom'];
export const COMPARES = ['previous', 'year'];
export const DEFAULT_RANGE = { range: '30d', compare: 'previous', from: null, to: null };

const DAY = 86400000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function toTime(date) {
  return Date.parse(`${date}T00:00:00Z`);
}

function toDate(time) {
  return new Date(time).toISOString().slice(0, 10);
}

export function addDays(date, days) {
  return toDate(toTime(date) + days * DAY);
}

function addYears(date, years) {
  const [y, m, d] = date.split('-').map(Number);
  const shifted = new Date(Date.UTC(y + years, m - 1, d));
  // 29 February a year away is 28 February.
  if (shifted.getUTCMonth() !== m - 1) shifted.setUTCDate(0);
  return shifted.toISOString().slice(0, 10);
}

export function daysBetween(from, to) {
  return Math.round((toTime(to) - toTime(from)) / DAY) + 1;
}

// The choice in a location hash; anything unknown or malformed falls back to the default.
export function readRange(hash) {
  const query = new URLSearchParams((hash.split('?')[1]) || '');
  const range = RANGES.includes(query.get('range')) ? query.get('range') : DEFAULT_RANGE.range;
  const compare = COMPARES.includes(query.get('compare')) ? query.get('compare') : DEFAULT_RANGE.compare;
  // A real day only: 2020-02-30 does not read as 1 March.
  const date = (name) => {
    const value = query.get(name) || '';
    return ISO_DATE.test(value) && !Number.isNaN(toTime(value)) && toDate(toTime(value)) === value ? value : null;
  };
  const from = date('from');
  const to = date('to');
  if (range === 'custom' && (!from || !to)) return { ...DEFAULT_RANGE, compare };
  return range === 'custom' ? { range, compare, from, to } : { range, compare, from: null, to: null };
}

// The query that reads back as this choice.
export function writeRange(choice) {
  const query = new URLSearchParams({ range: choice.range });
  if (choice.range === 'custom') {
    query.set('from', choice.from);
    query.set('to', choice.to);
  }
  if (choice.compare !== DEFAULT_RANGE.compare) query.set('compare', choice.compare);
  return query.toString();
}

// Days up to about three months, weeks up to two years, months beyond: never more than about 100 bars.
export function grainOf(from, to) {
  const days = daysBetween(from, to);
  if (days <= 92) return 'day';
  if (days <= 731) return 'week';
  return 'month';
}

// The bucket a day falls in: the day, the Monday of its week, or its month.
export function bucketOf(date, grain) {
  if (grain === 'day') return date;
  if (grain === 'month') return date.slice(0, 7);
  const weekday = (new Date(toTime(date)).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

// { from, to, previous: {from, to} | null, grain } for the data's first and last day (null: no data).
export function resolveRange(choice, first, last) {
  if (!first || !last) return null;
  const year = Number(last.slice(0, 4));
  let from;
  let to = last;
  switch (choice.range) {
    case '30d': from = addDays(last, -29); break;
    // The 12 calendar months that end with the last day's month.
    case '12m': from = nextMonthStart(addYears(`${last.slice(0, 7)}-01`, -1)); break;
    case 'thisYear': from = `${year}-01-01`; break;
    case 'lastYear': from = `${year - 1}-01-01`; to = `${year - 1}-12-31`; break;
    case 'custom': [from, to] = choice.from <= choice.to ? [choice.from, choice.to] : [choice.to, choice.from]; break;
    default: from = first;
  }
  const wanted = { from, to };
  from = from < first ? first : from;
  to = to > last ? last : to;
  if (from > to) from = to;
  let previous = null;
  if (choice.range !== 'all') {
    previous = choice.compare === 'year'
      ? { from: addYears(wanted.from, -1), to: addYears(wanted.to, -1) }
      : { from: addDays(wanted.from, -daysBetween(wanted.from, wanted.to)), to: addDays(wanted.from, -1) };
  }
  return { from, to, previous, grain: grainOf(from, to) };
}

function nextMonthStart(date) {
  const [y, m] = date.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

// Sums rows ({date, ...counts}) into buckets of the grain, within [from, to]: [{bucket, ...sums}] in order,
// every bucket of the range present (a day without data is 0).
export function bucketRows(rows, keys, from, to, grain) {
  const sums = new Map();
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const bucket = bucketOf(date, grain);
    if (!sums.has(bucket)) sums.set(bucket, Object.fromEntries(keys.map((key) => [key, 0])));
  }
  for (const row of rows) {
    if (row.date < from || row.date > to) continue;
    const sum = sums.get(bucketOf(row.date, grain));
    for (const key of keys) sum[key] += row[key] ?? 0;
  }
  return [...sums.entries()].map(([bucket, values]) => ({ bucket, ...values }));
}

// The sum of a count over the days [from, to] of the rows.
export function total(rows, key, from, to) {
  return rows.reduce((sum, row) => (row.date >= from && row.date <= to ? sum + (row[key] ?? 0) : sum), 0);
}

// The change of `now` against `before` in whole percent, or null when there is nothing to compare with.
export function change(now, before) {
  return before > 0 ? Math.round((now / before - 1) * 100) : null;
}
