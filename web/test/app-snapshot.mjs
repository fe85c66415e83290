// A snapshot run in the shapes SPEC.md section 4 pins (traffic, campaigns, funnel, contacts, reports), for
// the dashboard tests that run without the local runner. Every list of cells holds every code of its
// vocabulary; a few cells are suppressed (primary and secondary) as disclosure control leaves them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const VOCABULARY = JSON.parse(readFileSync(fileURLToPath(new URL(
  '../../functions/core/src/main/resources/be/helpline/insights/core/vocabulary/vocabulary.json', import.meta.url)), 'utf8'));
export const RUN_ID = '20200601T100000Z-0a1b2c3d';
export const PRIMARY = { period: 'all', table: 'channel', key: 'EMAIL' };
export const SECONDARY = { period: 'all', table: 'channel', key: 'CHAT' };

const codes = (field) => VOCABULARY.fields.find((f) => f.field === field).codes.map((c) => c.code);

function days(from, count) {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(start + i * 86400000).toISOString().slice(0, 10));
}

function traffic() {
  const dates = days('2020-03-15', 78);
  const site = (scale, mode) => {
    const daily = dates.map((date, i) => {
      const campaign = date >= '2020-04-01' && date <= '2020-05-19' ? 2 : 1;
      const visits = Math.round(scale * campaign * (20 + (i * 7) % 13));
      return { date, pageviews: visits * 2, visits, visitors: visits - 2, newVisitors: Math.round(visits * 0.6),
        returningVisitors: Math.round(visits * 0.1) };
    });
    const months = [...new Set(dates.map((d) => d.slice(0, 7)))];
    const sum = (rows, key) => rows.reduce((s, r) => s + r[key], 0);
    const monthly = months.map((month) => {
      const rows = daily.filter((d) => d.date.startsWith(month));
      return { month, pageviews: sum(rows, 'pageviews'), visits: sum(rows, 'visits'), visitors: sum(rows, 'visitors'),
        newVisitors: sum(rows, 'newVisitors'), returningVisitors: sum(rows, 'returningVisitors') };
    });
    const total = { pageviews: sum(daily, 'pageviews'), visits: sum(daily, 'visits'),
      newVisitors: sum(daily, 'newVisitors'), returningVisitors: sum(daily, 'returningVisitors'), deviceFlagShare: 0.41 };
    const shares = { 'BE-VLG': 0.7, 'BE-BRU': 0.1, 'BE-WAL': 0.05, NL: 0.1, OTHER: 0.03, UNKNOWN: 0.02 };
    const byGeo = { total: Object.entries(shares).map(([key, share]) => ({ key,
      pageviews: Math.round(total.pageviews * share), visits: Math.round(total.visits * share),
      newVisitors: Math.round(total.newVisitors * share), returningVisitors: Math.round(total.returningVisitors * share) })),
    monthly: [] };
    return { mode, total, daily, monthly, byGeo,
      bySource: { total: [{ key: 'search', pageviews: 10, visits: 5 }], daily: [] },
      hourOfDay: [{ hour: 22, pageviews: 130 }], excluded: { bot: 57, invalid: 3, unknownSite: 0 } };
  };
  return { schemaVersion: 1, generatedAt: '2020-06-01T10:00:00Z', dataThrough: '2020-06-01T09:00:00Z',
    sites: { main: site(1, 'returning'), selfhelp: site(0.6, 'returning') } };
}

function campaigns() {
  return { campaigns: [{ id: 'spring20', name: 'Kijk uit wat je kijkt', start: '2020-04-01', end: '2020-05-19',
    impressions: 2200000, reach: 220000, frequency: 10.0, clicks: 1497, ctr: 0.00068,
    byCreative: [{ key: 'c1', label: 'Kijk uit wat je kijkt!', impressions: 1300000, clicks: 901, ctr: 0.00069 }],
    daily: [{ date: '2020-04-01', impressions: 45000, clicks: 30 }],
    landing: { taggedVisits: 1210, confirmationRate: 0.81 },
    uplift: { selfhelp: { before: 20, during: 40, after: 22, ratio: 2.0 } },
    excluded: { head: 37, bot: 112, prefetch: 9, unknownCreative: 4, outsideWindow: 2 } }] };
}

function funnel() {
  const stages = [['impressions', 2200000], ['clicks', 1497], ['taggedVisits', 1210], ['selfhelpVisits', 900],
    ['contacts', 131], ['contactsViaBanner', 17], ['referrals', 12], ['arrivals', null]];
  return { campaigns: [{ id: 'spring20', stages: stages.map(([stage, count]) =>
    (count === null ? { stage, count: null, suppressed: 'primary' } : { stage, count })) }] };
}

function cells(field, counts = {}) {
  return codes(field).map((key) => (counts[key] === 'primary' || counts[key] === 'secondary'
    ? { key, count: null, suppressed: counts[key] } : { key, count: counts[key] ?? 10 }));
}

function tables(kind, scale) {
  const total = 20 * scale;
  const result = {
    total: { key: 'ALL', count: total },
    channel: kind === 'all' ? cells('channel', { PHONE: total - 20, EMAIL: 'primary', CHAT: 'secondary' })
      : cells('channel', { PHONE: total - 20, CHAT: 10, EMAIL: 10 }),
    callerGroup: cells('callerGroup', { SELF: total - 30, RELATIVE: 10, PROFESSIONAL: 10, OTHER: 10 }),
    gender: cells('gender', { MALE: total - 30 }), ageBand: cells('ageBand'), howHeard: cells('howHeard'),
    firstContact: cells('firstContact'), risk: cells('risk', { REPORTED: 0 }), pastOffencesSelf: cells('pastOffences'),
    referrals: { total: { key: 'ALL', count: 10 * scale }, share: 0.5,
      callerGroup: cells('callerGroup'), centreType: cells('referral.centreType', { UFC: 'primary', OTHER: 'secondary' }),
      region: cells('referral.region') },
    outcomes: { arrived: { key: 'ARRIVED', count: 5 * scale }, notArrived: { key: 'NOT_ARRIVED', count: 5 * scale },
      pending: { key: 'PENDING', count: 0 }, arrivalRate: 0.5 }
  };
  if (kind !== 'month') {
    const cross = (a, b) => codes(a).flatMap((x) => codes(b).map((y) => ({ key: `${x}/${y}`, count: 5 })));
    result.callerGroupByGender = cross('callerGroup', 'gender');
    result.callerGroupByAgeBand = cross('callerGroup', 'ageBand');
    result.callerGroupByGender[1] = { key: result.callerGroupByGender[1].key, count: null, suppressed: 'primary' };
  }
  return result;
}

function contacts() {
  const months = ['2020-03', '2020-04', '2020-05'].map((period, i) => ({ kind: 'month', period, tables: tables('month', i + 1) }));
  months[0].tables.total = { key: 'ALL', count: null, suppressed: 'primary' };
  return { policy: { name: 'threshold5', threshold: 5 }, periods: [...months,
    { kind: 'quarter', period: '2020-Q2', tables: tables('quarter', 5) },
    { kind: 'year', period: '2020', tables: tables('year', 6) },
    { kind: 'all', period: 'all', tables: tables('all', 6) }] };
}

const REPORTS = {
  nl: '# Antwoord op de parlementaire vraag\n\nDe campagne **spring20** had 2.200.000 vertoningen en 1.497 kliks.\n\n- Zelfhulpmodule: 900 bezoeken\n\n<script>alert(1)</script>\n',
  en: '# Answer to the parliamentary question\n\nThe **spring20** campaign had 2,200,000 impressions and 1,497 clicks.\n\n- Self-help module: 900 visits\n\n<script>alert(1)</script>\n'
};

// The files of one run, keyed by their path under the bucket root; `omit` leaves some out (not published).
export function snapshotFiles({ omit = [] } = {}) {
  const path = `snapshots/v1/runs/${RUN_ID}/`;
  const files = {
    'traffic.json': traffic(), 'campaigns.json': campaigns(), 'funnel.json': funnel(), 'contacts.json': contacts(),
    'report.nl.md': REPORTS.nl, 'report.en.md': REPORTS.en
  };
  const result = { 'snapshots/v1/LATEST.json': { runId: RUN_ID, generatedAt: '2020-06-01T10:00:00Z',
    dataThrough: '2020-06-01T09:00:00Z', path } };
  for (const [name, content] of Object.entries(files)) if (!omit.includes(name)) result[path + name] = content;
  return result;
}
