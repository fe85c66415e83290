// The contact figures a dashboard time range covers (SPEC 6.1: contact statistics are released by closed
// period): the months that overlap the range, or its quarters where most of those months that are released
// are suppressed (a quarter sums three months, so it reads where its months do not). Each row is a released
// period with its figures, a period withheld for good, or a period not released yet with the day it is due:
// a month on the day after its end plus the settling days, a quarter with its last month.
const MONTH = /^\d{4}-\d{2}$/;

export function nextMonth(month) {
  const [year, number] = month.split('-').map(Number);
  return number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
}

export function quarterOf(month) {
  const [year, number] = month.split('-').map(Number);
  return `${year}-Q${Math.ceil(number / 3)}`;
}

// The last month a period covers: '2026-Q1' → '2026-03', '2025' and 'all-through-2025' → '2025-12'.
export function periodEnd(name) {
  let match = /^(?:all-through-)?(\d{4})$/.exec(name);
  if (match) return `${match[1]}-12`;
  match = /^(\d{4})-Q([1-4])$/.exec(name);
  if (match) return `${match[1]}-${String(match[2] * 3).padStart(2, '0')}`;
  return name;
}

// The day a month's counts are released: its last day plus the settling days, plus one.
export function releaseDay(month, settleDays) {
  const [year, number] = month.split('-').map(Number);
  return new Date(Date.UTC(year, number, settleDays + 1)).toISOString().slice(0, 10);
}

// Months shown at most (a guard against a malformed calendar or range, not a limit in practice).
export const MAX_MONTHS = 1200;

// `all`: the range is "all", and so is this: every month from the calendar's start through the newest
// released one (or the range's end, if later).
export function contactPeriodsInRange(contacts, from, to, all = false) {
  const calendar = contacts.calendar || {};
  if (all) {
    from = calendar.start || from;
    to = [to.slice(0, 7), calendar.countsThrough].filter((m) => MONTH.test(m || '')).sort().pop() || to;
  }
  const periods = contacts.periods || [];
  const withheld = new Set((contacts.withheld || []).map((w) => w.period));
  const settleDays = Number.isInteger(calendar.settleDays) ? calendar.settleDays : 30;
  const first = [from.slice(0, 7), calendar.start].filter((m) => MONTH.test(m || '')).sort().pop();
  const last = to.slice(0, 7);
  const months = [];
  for (let month = first; month && month <= last && months.length < MAX_MONTHS; month = nextMonth(month)) {
    months.push(month);
  }
  const row = (kind, name, lastMonth) => {
    const period = periods.find((p) => p.kind === kind && p.period === name);
    if (period) return { name, period };
    if (withheld.has(name)) return { name, withheld: true };
    if (!calendar.countsThrough || lastMonth > calendar.countsThrough) {
      return { name, releaseOn: releaseDay(lastMonth, settleDays) };
    }
    return null;
  };
  const monthly = months.map((month) => row('month', month, month)).filter(Boolean);
  const released = monthly.filter((r) => r.period);
  const suppressed = released.filter((r) => r.period.tables.total?.count === null
    || r.period.tables.total?.count === undefined).length;
  if (released.length && suppressed * 2 > released.length) {
    const quarters = [...new Set(months.map(quarterOf))];
    return { grain: 'quarter', rows: quarters.map((q) => row('quarter', q, periodEnd(q))).filter(Boolean) };
  }
  return { grain: 'month', rows: monthly };
}
