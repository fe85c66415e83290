// The dashboard: figures from the newest published snapshot run only. Each section says when its file is
// not published yet; every chart has a table beside it for screen readers and exact figures.
import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import { destroyAll, draw, PALETTE } from './charts.js';
import { clear, h } from './dom.js';
import { dateTime, lang, number, percent, t } from './i18n.js';
import {
  bucketOf, bucketRows, change, COMPARES, RANGES, readRange, resolveRange, total, writeRange
} from './range.js';
import { contactPeriodsInRange, MAX_MONTHS, nextMonth, periodEnd } from './contact-range.js';
import { latest, runFile } from './snapshots.js';
import { trafficFigures } from './traffic.js';
import { codeLabel, fieldLabel } from './vocabulary.js';

const ONE_WAY_TABLES = ['channel', 'callerGroup', 'gender', 'ageBand', 'howHeard', 'firstContact', 'risk',
  'pastOffencesSelf'];
const TABLE_FIELDS = { pastOffencesSelf: 'pastOffences', centreType: 'referral.centreType', region: 'referral.region' };
const CROSS_TABLES = { callerGroupByGender: ['callerGroup', 'gender'], callerGroupByAgeBand: ['callerGroup', 'ageBand'] };
const SHADE = 'rgba(230, 159, 0, 0.15)';
// The beacon's source categories, in the order the chart shows them.
const SOURCES = ['search', 'social', 'campaign', 'internal', 'other', 'direct'];

const state = { contactPeriod: null, funnelCampaign: null };
// The views that follow the chosen contact period (the contacts and the referrals sections).
let periodViews = [];
// The traffic section's time range as resolved ({from, to, …}, or null before or without traffic), and the
// views that follow it (the contacts chart).
let shownRange = null;
let rangeViews = [];

export async function renderDashboard(main) {
  destroyAll();
  periodViews = [];
  rangeViews = [];
  shownRange = null;
  clear(main, h('h1', { id: 'page-title' }, t('navDashboard')), h('p', { class: 'loading' }, t('loading')));
  const run = await latest();
  const reportName = `report.${lang()}.md`;
  const [traffic, campaigns, funnel, contacts, report] = await Promise.all([trafficFigures(),
    ...['campaigns.json', 'funnel.json', 'contacts.json', reportName].map(runFile)]);
  // The first view is whole once drawn: the traffic of the range in the URL is read before it is.
  if (traffic.state === 'ok') {
    await traffic.data.read(resolveRange(readRange(location.hash), traffic.data.first, traffic.data.last));
  }
  destroyAll();
  clear(main, h('h1', { id: 'page-title' }, t('navDashboard')));
  if (run.state !== 'ok') {
    main.append(h('p', { class: 'not-published', dataset: { file: 'LATEST.json' } },
      run.state === 'missing' ? t('notPublished') : t('loadFailed', { detail: run.detail })));
    return;
  }
  const windows = campaigns.state === 'ok' ? campaigns.data.campaigns : [];
  // A run publishes traffic and campaigns whatever happens to contact statistics (SPEC 6.1); its manifest
  // says when it could not publish them, which is not the same as "not published yet".
  const manifest = contacts.state === 'missing' ? await runFile('manifest.json') : null;
  const contactsMissing = manifest?.state === 'ok' && manifest.data.contacts?.published === false
    ? t('contactsNotPublishedRun') : t('notPublished');
  main.append(
    section('traffic', t('trafficTitle'), traffic, traffic.name, (el, data) => renderTraffic(el, data, windows)),
    section('geo', t('geoTitle'), traffic, traffic.name, renderGeo),
    section('funnel', t('funnelTitle'), funnel, 'funnel.json', (el, data) => renderFunnel(el, data, campaigns)),
    section('contacts', t('contactsTitle'), contacts, 'contacts.json', renderContacts, contactsMissing),
    section('referrals', t('referralsTitle'), contacts, 'contacts.json', renderReferrals, contactsMissing),
    section('report', t('reportTitle'), report, reportName, renderReport));
}

function section(id, title, file, name, render, missing = t('notPublished')) {
  const element = h('section', { id: `section-${id}`, 'aria-labelledby': `heading-${id}` },
    h('h2', { id: `heading-${id}` }, title));
  if (file.state === 'ok') {
    render(element, file.data);
  } else {
    element.append(fileProblem(file, name, missing));
  }
  return element;
}

// Why a file's figures are not shown: not published (yet), or not read, with the file's name.
function fileProblem(file, name, missing = t('notPublished')) {
  return h('p', { class: 'not-published', dataset: { file: name } },
    file.state === 'missing' ? missing : t('loadFailed', { detail: file.detail }),
    ' ', h('code', {}, name));
}

// A chart in a figure, with its caption, and its data as a table under a disclosure.
// Without a configuration (nothing to draw yet), the caption and the table alone.
function figure(id, caption, configuration, table, note, grain) {
  const noteSpan = note ? h('span', { class: 'note' }, ' ', note) : null;
  if (!configuration) return h('figure', { class: 'chart-figure', dataset: { figure: id } }, h('figcaption', {}, caption, noteSpan), table);
  const canvas = h('canvas', { id: `chart-${id}`, role: 'img', 'aria-label': caption, dataset: { chart: id, grain } });
  const element = h('figure', { class: 'chart-figure' },
    h('figcaption', {}, caption, noteSpan),
    h('div', { class: 'chart' }, canvas),
    table ? h('details', {}, h('summary', {}, t('showTable')), table) : null,
    table ? h('button', { type: 'button', class: 'download', dataset: { download: id },
      onclick: () => downloadCsv(id, table) }, t('downloadCsv')) : null);
  // Chart.js measures its container, so it draws once the figure is in the document.
  queueMicrotask(() => draw(canvas, configuration));
  return element;
}

// Exactly what a chart's table shows, as CSV (RFC 4180), downloaded as <id>.csv.
function downloadCsv(id, table) {
  const quote = (text) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const lines = [...table.querySelectorAll('tr')].map((row) =>
    [...row.querySelectorAll('th, td')].map((cell) => quote(cell.dataset.value ?? cell.textContent.trim())).join(','));
  const url = URL.createObjectURL(new Blob([`${lines.join('\r\n')}\r\n`], { type: 'text/csv' }));
  const link = h('a', { href: url, download: `${id}.csv`, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function dataTable(id, headers, rows) {
  return h('table', { dataset: { table: id } },
    h('thead', {}, h('tr', {}, headers.map((header, i) => h('th', { scope: 'col', class: i ? 'num' : null }, header)))),
    h('tbody', {}, rows.map(([label, ...values]) => h('tr', {},
      h('th', { scope: 'row' }, label),
      values.map((value) => (value instanceof Node ? value
        : h('td', { class: 'num', dataset: { value: value ?? '' } }, formatNumber(value))))))));
}

function formatNumber(value) {
  return value === null || value === undefined ? '–' : number(value);
}

function siteLabel(site) {
  const label = t(`site_${site}`);
  return label === `site_${site}` ? site : label;
}

function messageOr(key, fallback) {
  const text = t(key);
  return text === key ? fallback : text;
}

// Boxes over the campaign windows that overlap the axis' labels (dates, or months for a monthly axis).
function campaignBoxes(windows, labels, toLabel) {
  if (!labels.length) return {};
  const boxes = {};
  for (const campaign of windows) {
    const from = toLabel(campaign.start);
    const to = toLabel(campaign.end);
    const inside = labels.filter((label) => label >= from && label <= to);
    if (!inside.length) continue;
    boxes[`window-${campaign.id}`] = {
      type: 'box', xMin: inside[0], xMax: inside[inside.length - 1], backgroundColor: SHADE, borderWidth: 0,
      label: { display: true, content: campaign.name || campaign.id, position: 'start', font: { size: 11 } }
    };
  }
  return boxes;
}

// Visits in the chosen range (SPEC 4's traffic.json daily rows, from the year files the range needs): the
// range picker, each site's totals with the change against the compared period, visits at the range's grain,
// and visits per month. The range and the comparison live in the URL, so a link shows the same view.
function renderTraffic(element, traffic, windows) {
  const sites = Object.keys(traffic.sites).sort();
  // Ranges run between the first and the last day with a visit or a page view on any site (traffic.js): the
  // daily rows run on through dataThrough, quiet days as zeros, so "last 30 days" would otherwise show a
  // month of zeros after the data ends.
  const { first, last } = traffic;
  let choice = readRange(location.hash);
  let drawing = 0;
  const body = h('div', { class: 'range-body' });
  const draw = (range, onDrawn) => {
    body.removeAttribute('aria-busy');
    destroyCharts(body);
    clear(body, trafficInRange(traffic, sites, range, choice.compare, windows));
    shownRange = range ? { ...range, all: choice.range === 'all' } : null;
    rangeViews.forEach((view) => view());
    onDrawn?.();
  };
  // Draws the choice at once when its days are read, else once its year files are, unless another choice
  // came meanwhile.
  const redraw = (onDrawn) => {
    const mine = ++drawing;
    const range = resolveRange(choice, first, last);
    const reading = traffic.read(range);
    if (!reading) {
      draw(range, onDrawn);
      return;
    }
    body.setAttribute('aria-busy', 'true');
    reading.then((read) => {
      if (mine !== drawing) return;
      if (read.state === 'ok') {
        draw(range, onDrawn);
      } else {
        body.removeAttribute('aria-busy');
        destroyCharts(body);
        clear(body, fileProblem(read, read.name));
      }
    });
  };
  element.append(rangePicker(choice, first, last, (next) => {
    choice = next;
    // The URL names the range shown, once it is.
    redraw(() => history.replaceState(null, '', `#/dashboard?${writeRange(next)}`));
  }), body);
  redraw();
}

// The range picker: a select of ranges (a custom one adds two dates) and of what to compare with; all of
// it native controls, so the keyboard alone works them.
function rangePicker(choice, first, last, onChange) {
  const resolved = resolveRange(choice, first, last);
  const fromInput = h('input', { type: 'date', id: 'range-from', min: first, max: last,
    value: choice.from || resolved?.from || '' });
  const toInput = h('input', { type: 'date', id: 'range-to', min: first, max: last, value: choice.to || resolved?.to || '' });
  const custom = h('span', { class: 'range-custom', hidden: choice.range !== 'custom' },
    h('label', { for: 'range-from' }, t('rangeFrom')), ' ', fromInput, ' ',
    h('label', { for: 'range-to' }, t('rangeTo')), ' ', toInput);
  const rangeSelect = h('select', { id: 'range-choice' },
    RANGES.map((range) => h('option', { value: range, selected: range === choice.range }, t(`range_${range}`))));
  const compareSelect = h('select', { id: 'range-compare' },
    COMPARES.map((compare) => h('option', { value: compare, selected: compare === choice.compare }, t(`compare_${compare}`))));
  const changed = () => {
    const range = rangeSelect.value;
    custom.hidden = range !== 'custom';
    if (range === 'custom' && (!fromInput.value || !toInput.value)) return;
    onChange({ range, compare: compareSelect.value, from: range === 'custom' ? fromInput.value : null,
      to: range === 'custom' ? toInput.value : null });
  };
  [rangeSelect, compareSelect, fromInput, toInput].forEach((control) => control.addEventListener('change', changed));
  return h('div', { class: 'range', role: 'group', 'aria-label': t('rangeTitle') },
    h('label', { for: 'range-choice' }, t('rangeTitle')), ' ', rangeSelect, ' ', custom, ' ',
    h('label', { for: 'range-compare' }, t('compareWith')), ' ', compareSelect);
}

function trafficInRange(traffic, sites, range, compare, windows) {
  if (!range) return h('p', {}, t('noData'));
  const { from, to, previous, grain } = range;
  const rowsOf = (site) => traffic.sites[site].daily;
  const totals = h('dl', { id: 'traffic-totals', class: 'totals', dataset: { from, to } }, sites.map((site) => {
    const now = total(rowsOf(site), 'visits', from, to);
    const before = previous ? total(rowsOf(site), 'visits', previous.from, previous.to) : null;
    const delta = before === null ? null : change(now, before);
    return h('div', { dataset: { site } },
      h('dt', {}, siteLabel(site)),
      h('dd', { class: 'num' }, t('visitsTotal', { count: number(now) }),
        previous ? h('span', { class: 'change', dataset: { change: delta ?? '' } }, ' ', delta === null
          ? t('changeUnknown', { period: t(`compared_${compare}`) })
          : t('changeAgainst', { change: `${delta > 0 ? '+' : ''}${delta}%`, period: t(`compared_${compare}`) })) : null));
  }));
  const buckets = sites.map((site) => bucketRows(rowsOf(site), ['visits'], from, to, grain));
  const labels = buckets[0].map((row) => row.bucket);
  const months = [...new Set(sites.flatMap((site) => traffic.sites[site].monthly.map((m) => m.month)))]
    .filter((month) => month >= from.slice(0, 7) && month <= to.slice(0, 7)).sort();
  const monthly = (site) => {
    const byMonth = new Map(traffic.sites[site].monthly.map((row) => [row.month, row.visits]));
    return months.map((month) => byMonth.get(month) ?? 0);
  };
  const note = windows.length ? t('campaignWindowsShaded') : null;
  const span = `${from} – ${to}`;
  return [
    h('p', { class: 'range-span', id: 'range-span' }, t('rangeShown', { from, to })),
    totals,
    figure('visits-daily', `${t(`visitsPer_${grain}`)}, ${span}`, {
      type: grain === 'day' ? 'line' : 'bar',
      data: {
        labels,
        datasets: sites.map((site, i) => ({
          label: siteLabel(site), data: buckets[i].map((row) => row.visits), borderColor: PALETTE[i],
          backgroundColor: PALETTE[i], pointRadius: 0, borderWidth: 2
        }))
      },
      options: { plugins: { annotation: { annotations: campaignBoxes(windows, labels, (d) => bucketOf(d, grain)) } },
        scales: { y: { beginAtZero: true, title: { display: true, text: t('visits') } } } }
    }, dataTable('visits-daily', [t(`grain_${grain}`), ...sites.map(siteLabel)],
      transpose(labels, buckets.map((rows) => rows.map((row) => row.visits)))), note, grain),
    figure('visits-monthly', `${t('visitsPerMonth')}, ${span}`, {
      type: 'bar',
      data: {
        labels: months,
        datasets: sites.map((site, i) => ({ label: siteLabel(site), data: monthly(site), backgroundColor: PALETTE[i] }))
      },
      options: { plugins: { annotation: { annotations: campaignBoxes(windows, months, (d) => d.slice(0, 7)) } },
        scales: { y: { beginAtZero: true, title: { display: true, text: t('visits') } } } }
    }, dataTable('visits-monthly', [t('month'), ...sites.map(siteLabel)],
      transpose(months, sites.map(monthly))), note),
    sourcesFigure(traffic, sites, from, to, span),
    sectionsFigure(traffic, sites, from, to, span),
    hoursFigure(traffic, sites)
  ];
}

// Where visits came from in the range (the beacon's source categories, SPEC 4's bySource.daily).
function sourcesFigure(traffic, sites, from, to, span) {
  const keys = SOURCES.filter((key) => sites.some((site) => (traffic.sites[site].bySource?.daily || [])
    .some((row) => row.key === key && row.date >= from && row.date <= to)));
  const visits = (site, key) => total((traffic.sites[site].bySource?.daily || []).filter((row) => row.key === key),
    'visits', from, to);
  const label = (key) => messageOr(`source_${key}`, key);
  return figure('sources', `${t('sourcesTitle')}, ${span}`, keys.length ? {
    type: 'bar',
    data: { labels: keys.map(label), datasets: sites.map((site, i) => ({
      label: siteLabel(site), data: keys.map((key) => visits(site, key)), backgroundColor: PALETTE[i] })) },
    options: { scales: { y: { beginAtZero: true, title: { display: true, text: t('visits') } } } }
  } : null, dataTable('sources', [t('source'), ...sites.map(siteLabel)],
    keys.map((key) => [label(key), ...sites.map((site) => visits(site, key))])));
}

// Page views and visits per configured section of each site in the range (SPEC 4's bySection.daily): the
// sections come from the site's configuration, every other path is under "other"; a visit counts under the
// section it began in.
function sectionsFigure(traffic, sites, from, to, span) {
  const rows = sites.flatMap((site) => {
    const bySection = traffic.sites[site].bySection;
    if (!bySection) return [];
    return bySection.total.map(({ key }) => {
      const days = bySection.daily.filter((row) => row.key === key);
      return { site, key, pageviews: total(days, 'pageviews', from, to), visits: total(days, 'visits', from, to) };
    });
  });
  const label = (row) => `${siteLabel(row.site)} · ${row.key === 'other' ? t('sectionOther') : row.key}`;
  return figure('sections', `${t('sectionsTitle')}, ${span}`, rows.length ? {
    type: 'bar',
    data: { labels: rows.map(label), datasets: [
      { label: t('pageviews'), data: rows.map((row) => row.pageviews), backgroundColor: PALETTE[0] },
      { label: t('visitsStarted'), data: rows.map((row) => row.visits), backgroundColor: PALETTE[1] }] },
    options: { indexAxis: 'y', scales: { x: { beginAtZero: true } } }
  } : null, dataTable('sections', [t('section'), t('pageviews'), t('visitsStarted')],
    rows.map((row) => [label(row), row.pageviews, row.visits])));
}

// Page views by hour of the day in Brussels, over every day published (SPEC 4's hourOfDay).
function hoursFigure(traffic, sites) {
  const hours = Array.from({ length: 24 }, (_, hour) => hour);
  const views = (site, hour) => (traffic.sites[site].hourOfDay || []).find((row) => row.hour === hour)?.pageviews ?? 0;
  const label = (hour) => `${String(hour).padStart(2, '0')}:00`;
  return figure('hour-of-day', t('hourOfDayTitle'), {
    type: 'bar',
    data: { labels: hours.map(label), datasets: sites.map((site, i) => ({
      label: siteLabel(site), data: hours.map((hour) => views(site, hour)), backgroundColor: PALETTE[i] })) },
    options: { scales: { y: { beginAtZero: true, title: { display: true, text: t('pageviews') } } } }
  }, dataTable('hour-of-day', [t('hour'), ...sites.map(siteLabel)],
    hours.map((hour) => [label(hour), ...sites.map((site) => views(site, hour))])));
}

// Rows of [label, value of each series] from labels and one array of values per series.
function transpose(labels, columns) {
  return labels.map((label, i) => [label, ...columns.map((column) => column[i])]);
}

function renderGeo(element, traffic) {
  const sites = Object.keys(traffic.sites).sort();
  const keys = [...new Set(sites.flatMap((site) => (traffic.sites[site].byGeo?.total || []).map((row) => row.key)))];
  const value = (site, key, counter) =>
    (traffic.sites[site].byGeo?.total || []).find((row) => row.key === key)?.[counter] ?? 0;
  const datasets = sites.flatMap((site, i) => [
    { label: `${siteLabel(site)} · ${t('newVisitors')}`, stack: site, backgroundColor: PALETTE[i],
      data: keys.map((key) => value(site, key, 'newVisitors')) },
    { label: `${siteLabel(site)} · ${t('returningVisitors')}`, stack: site, backgroundColor: `${PALETTE[i]}88`,
      data: keys.map((key) => value(site, key, 'returningVisitors')) }
  ]);
  const geoLabel = (key) => messageOr(`geo_${key}`, key);
  element.append(figure('geo', t('geoTitle'), {
    type: 'bar',
    data: { labels: keys.map(geoLabel), datasets },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } }
  }, dataTable('geo', [t('geo'), ...sites.flatMap((site) =>
    [`${siteLabel(site)} · ${t('newVisitors')}`, `${siteLabel(site)} · ${t('returningVisitors')}`])],
  keys.map((key) => [geoLabel(key), ...sites.flatMap((site) =>
    [value(site, key, 'newVisitors'), value(site, key, 'returningVisitors')])]))));
}

// A count cell: the figure; a figure not released yet, with the day it will be; a cell withheld for good;
// or a visibly and audibly suppressed cell. Never a zero for a figure that is not published. What a screen
// reader says is the cell's aria-label in a table; a <dd> may not carry one (ARIA), so there it is visually
// hidden text beside the shown one.
export function countCell(cell, tag = 'td') {
  if (!cell) return h(tag, { class: 'num' }, '–');
  const unpublished = cell.count === null || cell.count === undefined;
  const spoken = (attributes, label, shown) => (tag === 'td'
    ? h(tag, { ...attributes, 'aria-label': label }, h('span', { 'aria-hidden': 'true' }, shown))
    : h(tag, attributes, h('span', { class: 'visually-hidden' }, label), h('span', { 'aria-hidden': 'true' }, shown)));
  if (unpublished && cell.releaseOn && !cell.suppressed) {
    const label = t('releaseOnLabel', { date: cell.releaseOn });
    return spoken({ class: 'num not-released', dataset: { releaseOn: cell.releaseOn }, title: label }, label,
      t('releaseOn', { date: cell.releaseOn }));
  }
  if (cell.suppressed === 'withheld') {
    return spoken({ class: 'num suppressed withheld', dataset: { suppressed: 'withheld' }, title: t('withheldLabel') },
      t('withheldLabel'), t('withheld'));
  }
  if (unpublished || cell.suppressed) {
    const kind = cell.suppressed === 'secondary' ? t('suppressedSecondary') : t('suppressedPrimary');
    return spoken({ class: 'num suppressed', dataset: { suppressed: cell.suppressed || 'primary' }, title: kind },
      `${t('suppressedLabel')}, ${kind}`,
      cell.suppressed === 'secondary' ? t('suppressed') : `${t('suppressedShort')} · ${t('suppressed')}`);
  }
  return h(tag, { class: 'num', dataset: { value: cell.count } }, number(cell.count));
}

// What an axis label adds for a figure that is not published: 'vanaf 2026-06-01', 'achtergehouden', 'onderdrukt'.
function axisLabel(label, cell) {
  if (!cell || (cell.count !== null && cell.count !== undefined && !cell.suppressed)) return label;
  if (cell.releaseOn && !cell.suppressed) return `${label} (${t('releaseOn', { date: cell.releaseOn })})`;
  return `${label} (${cell.suppressed === 'withheld' ? t('withheld') : t('suppressed')})`;
}

// The value a chart draws for a cell: its count, or a gap (never a zero) where it is not published.
function chartValue(cell) {
  return !cell || cell.count === null || cell.count === undefined || cell.suppressed ? null : cell.count;
}

function rateText(value) {
  return value === null || value === undefined ? t('notComputable') : percent(value);
}

function renderFunnel(element, funnel, campaigns) {
  const list = funnel.campaigns || [];
  if (!list.length) {
    element.append(h('p', {}, t('notPublished')));
    return;
  }
  if (!list.some((c) => c.id === state.funnelCampaign)) state.funnelCampaign = list[list.length - 1].id;
  const details = campaigns.state === 'ok' ? campaigns.data.campaigns : [];
  const body = h('div');
  const picker = h('select', { id: 'funnel-campaign', onchange: (event) => {
    state.funnelCampaign = event.target.value;
    drawFunnel();
  } }, list.map((c) => h('option', { value: c.id, selected: c.id === state.funnelCampaign },
    details.find((d) => d.id === c.id)?.name || c.id)));
  element.append(h('p', {}, h('label', { for: 'funnel-campaign' }, t('campaign'), ' '), picker), body);
  const drawFunnel = () => {
    destroyCharts(body);
    const campaign = list.find((c) => c.id === state.funnelCampaign);
    const detail = details.find((d) => d.id === campaign.id);
    const labels = campaign.stages.map((s) => messageOr(`stage_${s.stage}`, s.stage));
    clear(body,
      detail ? h('p', { class: 'campaign-summary' }, `${t('window')}: ${detail.start} – ${detail.end}. `,
        t('campaignsSummary', { impressions: formatNumber(detail.impressions), clicks: formatNumber(detail.clicks),
          reach: formatNumber(detail.reach) }), ` CTR ${rateText(detail.ctr)}.`) : null,
      figure('funnel', `${t('funnelTitle')}: ${detail?.name || campaign.id}`, {
        type: 'bar',
        data: { labels: campaign.stages.map((s, i) => axisLabel(labels[i], s)), datasets: [{ label: t('count'), backgroundColor: PALETTE[0],
          data: campaign.stages.map(chartValue) }] },
        options: { indexAxis: 'y', plugins: { legend: { display: false } },
          scales: { x: { type: 'logarithmic', title: { display: true, text: t('logScale') } } } }
      }, h('table', { dataset: { table: 'funnel' } },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('stage')), h('th', { scope: 'col', class: 'num' }, t('count')))),
        h('tbody', {}, campaign.stages.map((s, i) => h('tr', { dataset: { stage: s.stage } },
          h('th', { scope: 'row' }, labels[i]), countCell(s))))),
      t('logScale')),
      campaign.contactMonths?.length ? h('p', { class: 'note', dataset: { contactMonths: campaign.contactMonths.join(' ') } },
        t('funnelContactMonths', { months: campaign.contactMonths.join(', ') })) : null);
  };
  drawFunnel();
}

function destroyCharts(container) {
  container.querySelectorAll('canvas').forEach((canvas) => canvas.dispatchEvent(new Event('destroy')));
}

// Contact statistics are released by closed period (SPEC 6.1): months, quarters, years and "all through
// YYYY"; a period's referral outcomes later than its counts. Nothing about an unreleased period is shown
// but the day it is due; periods withheld for good are listed with their reason.
const KINDS = ['all', 'year', 'quarter', 'month'];
const OUTCOMES = [['arrived', 0], ['notArrived', 5], ['unconfirmed', 3], ['pending', 4]];
function periodName(name) {
  const through = /^all-through-(\d{4})$/.exec(name);
  if (through) return t('period_allThrough', { year: through[1] });
  if (/^\d{4}-Q[1-4]$/.test(name)) return `${t('period_quarter')} ${name}`;
  if (/^\d{4}-\d{2}$/.test(name)) return `${t('period_month')} ${name}`;
  if (/^\d{4}$/.test(name)) return `${t('period_year')} ${name}`;
  return name === 'all' ? t('period_all') : name;
}

function periodLabel(period) {
  return periodName(period.period);
}

// Newest first (by the last month covered); of periods ending together, the broader first.
function byNewest(a, b) {
  return periodEnd(b.period).localeCompare(periodEnd(a.period)) || KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind);
}

// The newest "all through" period, else the newest year, else the newest period.
function defaultPeriod(periods) {
  const newest = [...periods].sort(byNewest);
  return newest.find((p) => p.kind === 'all' && p.period.startsWith('all-through-'))
    || newest.find((p) => p.kind === 'year') || newest[0];
}

function withheldSet(contacts) {
  return new Set((contacts.withheld || []).map((w) => w.period));
}

// A period's outcomes as shown: withheld for good when the document lists '<period>/outcomes' as withheld
// (the cells then carry no figure to show, whatever else they say).
function outcomesOf(contacts, period) {
  const outcomes = period.tables.outcomes || {};
  if (!withheldSet(contacts).has(`${period.period}/outcomes`)) return outcomes;
  const gone = (cell) => ({ key: cell?.key, count: null, suppressed: 'withheld' });
  return { ...Object.fromEntries(OUTCOMES.map(([name]) => [name, gone(outcomes[name])])), arrivalRate: null, withheld: true };
}

function rateCell(outcomes, tag) {
  if (outcomes.withheld) return countCell({ count: null, suppressed: 'withheld' }, tag);
  if (outcomes.releaseOn && (outcomes.arrivalRate === null || outcomes.arrivalRate === undefined)) {
    return countCell({ count: null, releaseOn: outcomes.releaseOn }, tag);
  }
  return h(tag, { class: 'num' }, rateText(outcomes.arrivalRate));
}

// Every month from the calendar's start through the last released one: released months with their
// period, withheld months marked as such (so a withheld month is a visible gap, not a missing label).
function monthRows(contacts) {
  const months = new Map((contacts.periods || []).filter((p) => p.kind === 'month').map((p) => [p.period, p]));
  const withheld = withheldSet(contacts);
  const known = [...months.keys(), ...[...withheld].filter((name) => /^\d{4}-\d{2}$/.test(name))].sort();
  const calendar = contacts.calendar || {};
  const from = [calendar.start, known[0]].filter((m) => /^\d{4}-\d{2}$/.test(m || '')).sort()[0];
  const to = [calendar.countsThrough, known[known.length - 1]].filter((m) => /^\d{4}-\d{2}$/.test(m || '')).sort().pop();
  const rows = [];
  for (let month = from; month && month <= to && rows.length < MAX_MONTHS; month = nextMonth(month)) {
    if (months.has(month)) rows.push({ month, period: months.get(month) });
    else if (withheld.has(month)) rows.push({ month, withheld: true });
  }
  return rows;
}

const WITHHELD_CELL = { count: null, suppressed: 'withheld' };

// How far figures are released and when the next ones are due, from the document's calendar.
function releaseCalendar(contacts, { counts = true, note = false } = {}) {
  const calendar = contacts.calendar;
  if (!calendar) return null;
  const next = calendar.nextRelease || {};
  const line = (id, through, throughKey, noneKey, due, dueKey) => h('p', { dataset: { release: id } },
    h('strong', { dataset: { through: through || '' } }, through ? t(throughKey, { month: through }) : t(noneKey)),
    due?.period && due?.on ? [' ', h('span', { dataset: { nextRelease: id, period: due.period, on: due.on } },
      t(dueKey, { month: due.period, date: due.on }))] : null);
  return h('div', { class: 'release-calendar' },
    counts ? line('counts', calendar.countsThrough, 'countsThrough', 'countsNone', next.counts, 'nextRelease') : null,
    line('outcomes', calendar.outcomesThrough, 'outcomesThrough', 'outcomesNone', next.outcomes, 'nextOutcomesRelease'),
    note && Number.isInteger(calendar.settleDays) && Number.isInteger(calendar.outcomeDays)
      ? h('p', { class: 'note' }, t('calendarNote', { settleDays: calendar.settleDays, outcomeDays: calendar.outcomeDays })) : null);
}

function withheldName(name) {
  return name.endsWith('/outcomes') ? t('withheldOutcomes', { period: periodName(name.slice(0, -'/outcomes'.length)) })
    : periodName(name);
}

function reasonText(reason) {
  const text = t(`reason_${reason}`);
  // A reason this catalogue does not know is shown as the aggregator wrote it (in English).
  return text === `reason_${reason}` ? h('span', { lang: 'en' }, reason) : text;
}

// Periods withheld for good, with the day and the reason.
function withheldNote(contacts) {
  const list = contacts.withheld || [];
  if (!list.length) return null;
  return h('div', { class: 'withheld-note', role: 'note' },
    h('p', {}, t('withheldTitle')),
    h('ul', {}, list.map((w) => h('li', { dataset: { period: w.period } },
      withheldName(w.period), ` (${t('withheldSince', { date: w.on })})`, w.reason ? [': ', reasonText(w.reason)] : null))));
}

function oneWayTable(id, caption, field, cells) {
  return h('table', { dataset: { table: id } }, h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, fieldLabel(field)), h('th', { scope: 'col', class: 'num' }, t('count')))),
    h('tbody', {}, (cells || []).map((cell) => h('tr', { dataset: { key: cell.key } },
      h('th', { scope: 'row' }, codeLabel(field, cell.key)), countCell(cell)))));
}

function crossTable(id, caption, [rowField, columnField], cells) {
  const split = (cell) => cell.key.split('/');
  const rows = [...new Set(cells.map((cell) => split(cell)[0]))];
  const columns = [...new Set(cells.map((cell) => split(cell)[1]))];
  const find = (row, column) => cells.find((cell) => cell.key === `${row}/${column}`);
  return h('table', { dataset: { table: id } }, h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, fieldLabel(rowField)),
      columns.map((column) => h('th', { scope: 'col', class: 'num' }, codeLabel(columnField, column))))),
    h('tbody', {}, rows.map((row) => h('tr', {}, h('th', { scope: 'row' }, codeLabel(rowField, row)),
      columns.map((column) => countCell(find(row, column)))))));
}

function choosePeriod(periods) {
  if (!periods.some((p) => p.period === state.contactPeriod)) state.contactPeriod = defaultPeriod(periods)?.period;
  return periods.find((p) => p.period === state.contactPeriod);
}

function periodPicker(id, periods, show) {
  periodViews.push(show);
  // Chosen first, so the picker shows the period the tables show (not merely its first option).
  choosePeriod(periods);
  return h('p', {}, h('label', { for: id }, t('period'), ' '),
    h('select', { id, class: 'period-picker', onchange: (event) => {
      state.contactPeriod = event.target.value;
      document.querySelectorAll('select.period-picker').forEach((select) => { select.value = state.contactPeriod; });
      periodViews.forEach((view) => view());
    } }, KINDS.map((kind) => {
      const options = periods.filter((p) => p.kind === kind).sort(byNewest);
      return options.length ? h('optgroup', { label: t(`period_${kind}`) }, options.map((p) =>
        h('option', { value: p.period, selected: p.period === state.contactPeriod }, periodLabel(p)))) : null;
    })));
}

// When the chosen period was released (it never changes afterwards).
function releasedNote(period, outcomes) {
  return h('p', { class: 'note', dataset: { released: period.released || '' } },
    period.released ? t('releasedOn', { date: period.released }) : null,
    period.outcomesReleased && !outcomes.withheld ? [' ', t('outcomesReleasedOn', { date: period.outcomesReleased })] : null);
}

function renderContacts(element, contacts) {
  const periods = contacts.periods || [];
  const rows = monthRows(contacts);
  // (Element.append writes null as text: only what there is.)
  element.append(...[releaseCalendar(contacts, { note: true }), withheldNote(contacts)].filter(Boolean));
  if (!contacts.calendar && !periods.length) element.append(h('p', {}, t('countsNone')));
  if (!rows.length && !periods.length) return;
  element.append(h('p', { class: 'note' }, t('suppressedNote')));
  if (rows.length || contacts.calendar) {
    // Follows the traffic section's range: the periods it covers, released or due; without traffic, every
    // released month.
    const inRange = h('div', { class: 'range-body' });
    const draw = () => {
      destroyCharts(inRange);
      const { grain, rows: shown } = shownRange
        ? contactPeriodsInRange(contacts, shownRange.from, shownRange.to, shownRange.all)
        : { grain: 'month', rows: rows.map((row) => ({ name: row.month, period: row.period, withheld: row.withheld })) };
      const cell = (row) => (row.withheld ? WITHHELD_CELL : row.period ? row.period.tables.total
        : { count: null, releaseOn: row.releaseOn });
      const span = shownRange && !shownRange.all ? `, ${shownRange.from} – ${shownRange.to}` : '';
      clear(inRange, figure('contacts-monthly', `${t(`contactsPer_${grain}`)}${span}`,
        shown.some((row) => row.period) ? {
          type: 'bar',
          data: { labels: shown.map((row) => axisLabel(row.name, cell(row))), datasets: [{ label: t('contactsTitle'),
            backgroundColor: PALETTE[2], data: shown.map((row) => chartValue(cell(row))) }] },
          options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } }
        } : null, h('table', { dataset: { table: 'contacts-monthly', grain } },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t(`grain_${grain}`)), h('th', { scope: 'col', class: 'num' }, t('contactsTitle')))),
          h('tbody', {}, shown.map((row) => h('tr', { dataset: { period: row.name } },
            h('th', { scope: 'row' }, row.name), countCell(cell(row)))))),
        grain === 'quarter' ? t('contactsQuarterNote') : null));
    };
    rangeViews.push(draw);
    element.append(inRange);
    draw();
  }
  if (!periods.length) return;
  const body = h('div', { class: 'tables' });
  const show = () => {
    const period = choosePeriod(periods);
    const tables = period.tables;
    clear(body,
      releasedNote(period, outcomesOf(contacts, period)),
      h('table', { dataset: { table: 'total' } }, h('tbody', {}, h('tr', {}, h('th', { scope: 'row' }, `${t('total')} · ${periodLabel(period)}`), countCell(tables.total)))),
      ONE_WAY_TABLES.filter((name) => tables[name]).map((name) =>
        oneWayTable(name, t(`table_${name}`), TABLE_FIELDS[name] || name, tables[name])),
      Object.entries(CROSS_TABLES).filter(([name]) => tables[name]).map(([name, fields]) =>
        crossTable(name, t(`table_${name}`), fields, tables[name])));
  };
  element.append(periodPicker('contacts-period', periods, show), body);
  show();
}

function renderReferrals(element, contacts) {
  const periods = contacts.periods || [];
  const rows = monthRows(contacts);
  const outcomesThrough = contacts.calendar ? contacts.calendar.outcomesThrough : rows[rows.length - 1]?.month;
  const outcomeDays = contacts.policy?.outcomeAfterDays ?? contacts.calendar?.outcomeDays;
  const calendar = releaseCalendar(contacts, { counts: false });
  if (calendar) element.append(calendar);
  if (!contacts.calendar && !periods.length) element.append(h('p', {}, t('countsNone')));
  if (!rows.length && !periods.length) return;
  const outcomesRow = (row) => (row.withheld
    ? { ...Object.fromEntries(OUTCOMES.map(([name]) => [name, WITHHELD_CELL])), withheld: true }
    : outcomesOf(contacts, row.period));
  // The chart covers the months whose outcomes are released; the table every released month, with the
  // day its outcomes are due where they are not released yet.
  const charted = rows.filter((row) => outcomesThrough && row.month <= outcomesThrough);
  if (rows.length) {
    element.append(figure('outcomes-monthly', `${t('referrals')}: ${OUTCOMES.map(([name]) => t(name)).join(' / ')}`,
      charted.some((row) => !row.withheld) ? {
        type: 'bar',
        data: {
          labels: charted.map((row) => row.month),
          datasets: OUTCOMES.map(([name, colour]) => ({
            label: t(name), backgroundColor: PALETTE[colour], data: charted.map((row) => chartValue(outcomesRow(row)[name]))
          }))
        },
        options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } }
      } : null, h('table', { dataset: { table: 'outcomes-monthly' } },
        h('thead', {}, h('tr', {}, [t('month'), t('referrals'), ...OUTCOMES.map(([name]) => t(name)), t('arrivalRate')]
          .map((label, i) => h('th', { scope: 'col', class: i ? 'num' : null }, label)))),
        h('tbody', {}, rows.map((row) => {
          const outcomes = outcomesRow(row);
          return h('tr', { dataset: { month: row.month } }, h('th', { scope: 'row' }, row.month),
            countCell(row.withheld ? WITHHELD_CELL : row.period.tables.referrals?.total),
            OUTCOMES.map(([name]) => countCell(outcomes[name])), rateCell(outcomes, 'td'));
        }))), Number.isInteger(outcomeDays) ? t('outcomesNote', { days: outcomeDays }) : null));
  }
  if (!periods.length) return;
  const body = h('div', { class: 'tables' });
  const show = () => {
    const period = choosePeriod(periods);
    const referrals = period.tables.referrals || {};
    const outcomes = outcomesOf(contacts, period);
    clear(body,
      releasedNote(period, outcomes),
      h('dl', { class: 'figures' },
        h('div', {}, h('dt', {}, t('referrals')), countCell(referrals.total, 'dd')),
        h('div', {}, h('dt', {}, t('referralShare')), h('dd', { class: 'num' }, rateText(referrals.share))),
        OUTCOMES.map(([name]) => h('div', { dataset: { figure: name } }, h('dt', {}, t(name)), countCell(outcomes[name], 'dd'))),
        h('div', { dataset: { figure: 'arrivalRate' } }, h('dt', {}, t('arrivalRate')), rateCell(outcomes, 'dd'))),
      referrals.callerGroup ? oneWayTable('referrals-callerGroup', t('byCallerGroup'), 'callerGroup', referrals.callerGroup) : null,
      referrals.centreType ? oneWayTable('referrals-centreType', t('byCentreType'), 'referral.centreType', referrals.centreType) : null,
      referrals.region ? oneWayTable('referrals-region', t('byRegion'), 'referral.region', referrals.region) : null);
  };
  element.append(periodPicker('referrals-period', periods, show), body);
  show();
}

// The report is Markdown written by the aggregator, and untrusted: raw HTML in it is shown as text, never
// interpreted, and a Markdown image is shown as its alt text (nothing is fetched for it).
const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const markdown = new Marked({
  gfm: true,
  renderer: {
    html: ({ text }) => escapeHtml(text),
    image({ text, tokens }) {
      return escapeHtml(tokens ? this.parser.parseInline(tokens, this.parser.textRenderer) : text);
    }
  }
});

// What marked's HTML may keep once sanitised: the elements Markdown produces, and of attributes only a link's
// href and title and a table cell's align. No img, style, script, iframe, form, svg or math; no class, id,
// style, event handler, data- or aria- attribute.
const REPORT_SANITISER = {
  ALLOWED_TAGS: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr',
    'th', 'td', 'strong', 'em', 'code', 'pre', 'blockquote', 'hr', 'br', 'a', 'del'],
  ALLOWED_ATTR: ['href', 'title', 'align'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  // Parsed by DOMPurify in an inert document and handed back as a fragment: nothing of the report is ever
  // parsed into a live element before it is sanitised, so nothing loads.
  RETURN_DOM_FRAGMENT: true
};

// A link in the report may only point within this origin, over http(s). A href that does not parse (such as
// `http://[`) is no link either, and never an exception that would stop the dashboard.
function sameOriginLink(href) {
  if (!href) return false;
  try {
    const url = new URL(href, location.href);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === location.origin;
  } catch {
    return false;
  }
}

function renderReport(element, text) {
  const report = DOMPurify.sanitize(markdown.parse(text), REPORT_SANITISER);
  // Any other link is shown as its text.
  report.querySelectorAll('a').forEach((a) => {
    if (!sameOriginLink(a.getAttribute('href'))) a.replaceWith(a.textContent);
  });
  element.append(h('article', { class: 'report', lang: lang() }, report));
}

// Freshness for the header: "Data through … · generated …".
export async function freshnessText() {
  const run = await latest();
  if (run.state !== 'ok') return t('freshnessUnknown');
  return t('freshness', { dataThrough: dateTime(run.data.dataThrough), generatedAt: dateTime(run.data.generatedAt) });
}
