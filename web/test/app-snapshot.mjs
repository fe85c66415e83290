// A snapshot run in the shapes SPEC.md section 4 pins (traffic, campaigns, funnel, contacts, reports), for
// the dashboard tests that run without the local runner. Every list of cells holds every code of its
// vocabulary; a few cells are suppressed (primary and secondary) as disclosure control leaves them.
// Contacts follow the publication calendar of SPEC 6.1 as a run on 2020-06-01 sees it (30 settling days,
// outcomes 90 days later): months 2019-10 … 2020-04 released, 2020-02 withheld for good (and 2020-Q1 with
// it), outcomes released through 2020-01, later months' outcomes due on their day; 2019-Q4, 2019 and
// all-through-2019. unreleasedContacts() is the document before anything is released.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const VOCABULARY = JSON.parse(readFileSync(fileURLToPath(new URL(
  '../../functions/core/src/main/resources/be/helpline/insights/core/vocabulary/vocabulary.json', import.meta.url)), 'utf8'));
export const RUN_ID = '20200601T100000Z-0a1b2c3d';
export const PRIMARY = { period: 'all-through-2019', table: 'channel', key: 'EMAIL' };
export const SECONDARY = { period: 'all-through-2019', table: 'channel', key: 'CHAT' };
const SETTLE_DAYS = 30;
const OUTCOME_DAYS = 90;

const codes = (field) => VOCABULARY.fields.find((f) => f.field === field).codes.map((c) => c.code);

function days(from, count) {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(start + i * 86400000).toISOString().slice(0, 10));
}

// Every day from `from` through 2020-05-31 (the run is on 2020-06-01).
function traffic(from = '2020-03-15') {
  const dates = days(from, Math.round((Date.parse('2020-05-31') - Date.parse(from)) / 86400000) + 1);
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
    // Each day's visits split over three sources; page views spread over the waking hours.
    const split = { search: 0.5, social: 0.3, direct: 0.2 };
    const bySourceDaily = daily.flatMap((d) => Object.entries(split).map(([key, share]) => ({ date: d.date, key,
      pageviews: Math.round(d.pageviews * share), visits: Math.round(d.visits * share) })));
    const bySourceTotal = ['search', 'social', 'campaign', 'internal', 'other', 'direct'].map((key) => ({ key,
      pageviews: sum(bySourceDaily.filter((r) => r.key === key), 'pageviews'),
      visits: sum(bySourceDaily.filter((r) => r.key === key), 'visits') }));
    // Each day's page views over the site's sections (selfhelp: module and start; main: other only).
    const sectionSplit = scale < 1 ? { module: 0.75, start: 0.2, other: 0.05 } : { other: 1 };
    const bySectionDaily = daily.flatMap((d) => Object.entries(sectionSplit).map(([key, share]) => ({ date: d.date, key,
      pageviews: Math.round(d.pageviews * share), visits: Math.round(d.visits * share) })));
    const bySection = { daily: bySectionDaily,
      total: Object.keys(sectionSplit).map((key) => ({ key,
        pageviews: sum(bySectionDaily.filter((r) => r.key === key), 'pageviews'),
        visits: sum(bySectionDaily.filter((r) => r.key === key), 'visits') })),
      monthly: [] };
    const hourOfDay = Array.from({ length: 24 }, (_, hour) => ({ hour,
      pageviews: hour >= 7 && hour <= 23 ? Math.round(total.pageviews / 17) : 0 }));
    return { mode, total, daily, monthly, byGeo,
      bySource: { total: bySourceTotal, daily: bySourceDaily },
      bySection,
      hourOfDay, excluded: { bot: 57, invalid: 3, unknownSite: 0 } };
  };
  return { schemaVersion: 1, generatedAt: '2020-06-01T10:00:00Z', dataThrough: '2020-06-01T09:00:00Z',
    sites: { main: site(1, 'returning'), selfhelp: site(0.6, 'returning') } };
}

// traffic.json split as the aggregator splits it (core.traffic.TrafficFiles): traffic/summary.json without the
// per-day series, with dailyYears and each site's activeDays; traffic/daily/<year>.json, a year of those rows.
export function splitTraffic(whole) {
  const yearOf = (row) => row.date.slice(0, 4);
  const years = [...new Set(Object.values(whole.sites).flatMap((site) =>
    [...site.daily, ...site.bySource.daily, ...site.bySection.daily].map(yearOf)))].sort();
  const activeDays = (daily) => {
    const active = daily.filter((d) => d.pageviews > 0 || d.visits > 0);
    return active.length ? { first: active[0].date, last: active[active.length - 1].date } : null;
  };
  const withoutDaily = (node) => Object.fromEntries(Object.entries(node).filter(([key]) => key !== 'daily'));
  const summary = { ...whole, dailyYears: years, sites: Object.fromEntries(Object.entries(whole.sites).map(([id, site]) =>
    [id, { ...withoutDaily(site), activeDays: activeDays(site.daily), bySource: withoutDaily(site.bySource),
      bySection: withoutDaily(site.bySection) }])) };
  const files = { 'traffic/summary.json': summary };
  for (const year of years) {
    const inYear = (rows) => rows.filter((row) => yearOf(row) === year);
    files[`traffic/daily/${year}.json`] = { schemaVersion: whole.schemaVersion, generatedAt: whole.generatedAt,
      dataThrough: whole.dataThrough, year, sites: Object.fromEntries(Object.entries(whole.sites).map(([id, site]) => [id,
        { daily: inYear(site.daily), bySource: { daily: inYear(site.bySource.daily) },
          bySection: { daily: inYear(site.bySection.daily) } }])) };
  }
  return files;
}

function campaign(id, name, start, end, scale) {
  return { id, name, start, end, impressions: 2200000 * scale, reach: 220000 * scale, frequency: 10.0,
    clicks: Math.round(1497 * scale), ctr: 0.00068,
    byCreative: [{ key: 'c1', label: 'Kijk uit wat je kijkt!', impressions: 1300000 * scale, clicks: Math.round(901 * scale), ctr: 0.00069 }],
    daily: [{ date: start, impressions: 45000, clicks: 30 }],
    landing: { taggedVisits: Math.round(1210 * scale), confirmationRate: 0.81 },
    uplift: { selfhelp: { before: 20, during: 40, after: 22, ratio: 2.0 } },
    excluded: { head: 37, bot: 112, prefetch: 9, unknownCreative: 4, outsideWindow: 2 } };
}

function campaigns() {
  return { campaigns: [campaign('winter19', 'Winter 2019', '2019-11-15', '2019-12-20', 0.5),
    campaign('feb20', 'Februari 2020', '2020-02-10', '2020-03-05', 0.25),
    campaign('spring20', 'Kijk uit wat je kijkt', '2020-04-01', '2020-05-19', 1)] };
}

// Contact stages are sums over the whole months a window touches (contactMonths): a count, a summed cell
// suppressed (secondary), a month withheld, or a month not released yet (releaseOn).
function funnel(unreleased = false) {
  const reach = [['impressions', 2200000], ['clicks', 1497], ['taggedVisits', 1210], ['selfhelpVisits', 900]];
  const due = (counts, outcomes) => [['contacts', counts], ['contactsViaBanner', counts], ['referrals', counts],
    ['arrivals', outcomes]].map(([stage, releaseOn]) => ({ stage, count: null, releaseOn }));
  const spring = { id: 'spring20', start: '2020-04-01', end: '2020-05-19', contactMonths: ['2020-04', '2020-05'],
    stages: [...reach.map(([stage, count]) => ({ stage, count })),
      ...due('2020-07-01', '2020-09-29')] };
  const header = { schemaVersion: 1, generatedAt: '2020-06-01T10:00:00Z', dataThrough: '2020-06-01T09:00:00Z',
    disclosurePolicy: 'threshold5' };
  if (unreleased) return { ...header, campaigns: [spring] };
  const plain = (scale) => reach.map(([stage, count]) => ({ stage, count: Math.round(count * scale) }));
  return { ...header, campaigns: [
    { id: 'winter19', start: '2019-11-15', end: '2019-12-20', contactMonths: ['2019-11', '2019-12'], stages: [...plain(0.5),
      { stage: 'contacts', count: 40 }, { stage: 'contactsViaBanner', count: null, suppressed: 'secondary' },
      { stage: 'referrals', count: 20 }, { stage: 'arrivals', count: 10 }] },
    { id: 'feb20', start: '2020-02-10', end: '2020-03-05', contactMonths: ['2020-02', '2020-03'], stages: [...plain(0.25),
      ...['contacts', 'contactsViaBanner', 'referrals', 'arrivals'].map((stage) => ({ stage, count: null, suppressed: 'withheld' }))] },
    spring] };
}

function cells(field, counts = {}) {
  return codes(field).map((key) => (counts[key] === 'primary' || counts[key] === 'secondary'
    ? { key, count: null, suppressed: counts[key] } : { key, count: counts[key] ?? 10 }));
}

// Outcomes not released yet: every cell null with the day they will be, no rate.
function notReleased(on) {
  const cell = (key) => ({ key, count: null, releaseOn: on });
  return { arrived: cell('ARRIVED'), notArrived: cell('NOT_ARRIVED'), unconfirmed: cell('UNCONFIRMED'),
    pending: cell('PENDING'), arrivalRate: null, releaseOn: on };
}

function tables(kind, scale, outcomesOn = null) {
  const total = 20 * scale + 20;
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
    outcomes: outcomesOn ? notReleased(outcomesOn)
      : { arrived: { key: 'ARRIVED', count: 5 * scale }, notArrived: { key: 'NOT_ARRIVED', count: 4 * scale },
        unconfirmed: { key: 'UNCONFIRMED', count: scale }, pending: { key: 'PENDING', count: 0 }, arrivalRate: 0.5 }
  };
  if (kind !== 'month') {
    const cross = (a, b) => codes(a).flatMap((x) => codes(b).map((y) => ({ key: `${x}/${y}`, count: 5 })));
    result.callerGroupByGender = cross('callerGroup', 'gender');
    result.callerGroupByAgeBand = cross('callerGroup', 'ageBand');
    result.callerGroupByGender[1] = { key: result.callerGroupByGender[1].key, count: null, suppressed: 'primary' };
  }
  return result;
}

function monthEnd(month) {
  const [year, number] = month.split('-').map(Number);
  return Date.UTC(year, number, 0);
}

const day = (time, plus) => new Date(time + plus * 86400000).toISOString().slice(0, 10);
// As core.release.ReleaseCalendar: counts the day after the month's end plus the settling days, outcomes
// the outcome days later.
export const countsRelease = (month) => day(monthEnd(month), SETTLE_DAYS + 1);
export const outcomesRelease = (month) => day(monthEnd(month), SETTLE_DAYS + OUTCOME_DAYS + 1);
const TODAY = '2020-06-01';

function policy() {
  return { name: 'threshold5', threshold: 5, roundTo: 1, outcomeAfterDays: OUTCOME_DAYS };
}

function contacts() {
  const period = (kind, name, last, scale) => {
    const outcomes = outcomesRelease(last) <= TODAY;
    return { kind, period: name, released: countsRelease(last), outcomesReleased: outcomes ? outcomesRelease(last) : null,
      tables: tables(kind, scale, outcomes ? null : outcomesRelease(last)) };
  };
  const months = ['2019-10', '2019-11', '2019-12', '2020-01', '2020-03', '2020-04']
    .map((month, i) => period('month', month, month, i + 1));
  months[0].tables.total = { key: 'ALL', count: null, suppressed: 'primary' };
  return { schemaVersion: 1, dataThrough: '2020-04-30', policy: policy(),
    calendar: { start: '2019-10', settleDays: SETTLE_DAYS, outcomeDays: OUTCOME_DAYS, countsThrough: '2020-04',
      outcomesThrough: '2020-01', nextRelease: {
        counts: { period: '2020-05', on: countsRelease('2020-05') }, outcomes: { period: '2020-02', on: outcomesRelease('2020-02') } } },
    withheld: [
      { period: '2020-02', on: countsRelease('2020-02'), reason: 'no suppression pattern kept every figure safe' },
      { period: '2020-Q1', on: countsRelease('2020-03'), reason: 'sums over a period withheld for good' }],
    periods: [...months,
      period('quarter', '2019-Q4', '2019-12', 5),
      period('year', '2019', '2019-12', 6),
      period('all', 'all-through-2019', '2019-12', 6)] };
}

// Before the first release: the calendar and nothing else.
export function unreleasedContacts() {
  return { schemaVersion: 1, dataThrough: '2020-04-30', policy: policy(),
    calendar: { start: '2020-05', settleDays: SETTLE_DAYS, outcomeDays: OUTCOME_DAYS, countsThrough: null, outcomesThrough: null,
      nextRelease: { counts: { period: '2020-05', on: countsRelease('2020-05') }, outcomes: { period: '2020-05', on: outcomesRelease('2020-05') } } },
    withheld: [], periods: [] };
}

const REPORTS = {
  nl: '# Antwoord op de parlementaire vraag\n\nDe campagne **spring20** had 2.200.000 vertoningen en 1.497 kliks.\n\n- Zelfhulpmodule: 900 bezoeken\n\n<script>alert(1)</script>\n',
  en: '# Answer to the parliamentary question\n\nThe **spring20** campaign had 2,200,000 impressions and 1,497 clicks.\n\n- Self-help module: 900 visits\n\n<script>alert(1)</script>\n'
};

// The files of one run, keyed by their path under the bucket root; `omit` leaves some out (not published).
// What the run did with contact statistics, as the aggregator's manifest says it (sha256 and sizes are
// placeholders: the dashboard does not check them).
function manifest(names, contacts) {
  const calendar = contacts.calendar || {};
  return { schemaVersion: 1, generatedAt: '2020-06-01T10:00:00Z', dataThrough: '2020-06-01T09:00:00Z',
    timeZone: 'Europe/Brussels', disclosurePolicy: { name: 'threshold5', smallestPublished: 5, roundTo: 1 },
    contacts: { published: true, countsThrough: calendar.countsThrough ?? null, outcomesThrough: calendar.outcomesThrough ?? null,
      nextRelease: calendar.nextRelease, releasedNow: [], withheldNow: [], withheld: contacts.withheld || [] },
    files: names.map((name) => ({ name, sha256: '0'.repeat(64), size: 1 })) };
}

// `unreleased`: contacts and funnel as they are before any contact statistics are released; `contacts`:
// this document instead of the generated one; `report`: this Markdown as both reports; `trafficFrom`: the
// first day of traffic (2020-03-15 by default); `split: false`: a run published before traffic.json was also
// split into a summary and years (its manifest lists neither).
export function snapshotFiles({ omit = [], unreleased = false, contacts: document = null, report = null,
  trafficFrom = undefined, split = true } = {}) {
  const path = `snapshots/v1/runs/${RUN_ID}/`;
  const contactsFile = document || (unreleased ? unreleasedContacts() : contacts());
  const whole = traffic(trafficFrom);
  const files = {
    'traffic.json': whole, 'campaigns.json': campaigns(), 'funnel.json': funnel(unreleased),
    'contacts.json': contactsFile, 'report.nl.md': report ?? REPORTS.nl, 'report.en.md': report ?? REPORTS.en,
    ...(split ? splitTraffic(whole) : {})
  };
  files['manifest.json'] = manifest(Object.keys(files), contactsFile);
  const result = { 'snapshots/v1/LATEST.json': { runId: RUN_ID, generatedAt: '2020-06-01T10:00:00Z',
    dataThrough: '2020-06-01T09:00:00Z', path } };
  for (const [name, content] of Object.entries(files)) if (!omit.includes(name)) result[path + name] = content;
  return result;
}
