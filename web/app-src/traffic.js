// The newest run's traffic figures, read no further than the view needs (issue 19: the dashboard's first view
// within 300 KB). A run publishes traffic.json whole, and split: traffic/summary.json (everything but the
// per-day series) and traffic/daily/<year>.json (one calendar year of them, the same rows). The dashboard
// reads the summary and the years of the range it shows, each once per run; a run published before the
// split (its manifest lists no summary) is read whole from traffic.json.
import { runFile } from './snapshots.js';

const SUMMARY = 'traffic/summary.json';
// A site's per-day series by their path: what the year files hold and the summary does not.
const SERIES = [['daily'], ['bySource', 'daily'], ['bySection', 'daily']];

// { state: 'ok', name, data } | { state: 'missing' | 'error', name, detail }: `name` is the file the figures
// come from. `data` is shaped as traffic.json, its per-day series holding the years read so far, plus
// `first` and `last`, the first and last day with a page view or a visit on any site (undefined without any),
// and `read(range)`, see below.
export async function trafficFigures() {
  const manifest = await runFile('manifest.json');
  const split = manifest.state === 'ok' && (manifest.data.files || []).some((file) => file.name === SUMMARY);
  const name = split ? SUMMARY : 'traffic.json';
  const file = await runFile(name);
  if (file.state !== 'ok') return { ...file, name };
  return { state: 'ok', name, data: split ? fromSummary(file.data) : whole(file.data) };
}

// Every day of traffic.json is there already: nothing to read.
function whole(traffic) {
  const days = Object.values(traffic.sites).flatMap((site) => site.daily
    .filter((d) => d.visits > 0 || d.pageviews > 0).map((d) => d.date)).sort();
  return { ...traffic, first: days[0], last: days[days.length - 1], read: () => null };
}

function fromSummary(summary) {
  const sites = Object.fromEntries(Object.entries(summary.sites).map(([id, site]) => [id,
    { ...site, daily: [], bySource: { ...site.bySource, daily: [] }, bySection: { ...site.bySection, daily: [] } }]));
  const active = Object.values(summary.sites).map((site) => site.activeDays).filter(Boolean);
  const years = new Map();
  const join = () => {
    const read = [...years.keys()].sort();
    for (const [id, site] of Object.entries(sites)) {
      for (const path of SERIES) {
        const rows = read.flatMap((year) => seriesOf(years.get(year).sites?.[id], path) || []);
        const parent = path.slice(0, -1).reduce((node, key) => node[key], site);
        parent[path[path.length - 1]] = rows;
      }
    }
  };
  // Reads the year files a resolved range ({from, to, previous}) needs that are not read yet. Returns null when
  // none is missing (the caller then draws at once), else a promise of { state: 'ok' } or the failed file's
  // { state, name, detail }.
  const read = (range) => {
    if (!range) return null;
    const from = [range.from, range.previous?.from].filter(Boolean).sort()[0].slice(0, 4);
    const to = [range.to, range.previous?.to].filter(Boolean).sort().pop().slice(0, 4);
    const wanted = (summary.dailyYears || []).filter((year) => year >= from && year <= to && !years.has(year));
    if (!wanted.length) return null;
    return Promise.all(wanted.map((year) => runFile(`traffic/daily/${year}.json`)
      .then((file) => ({ ...file, year, name: `traffic/daily/${year}.json` })))).then((files) => {
      const failed = files.find((file) => file.state !== 'ok');
      if (failed) return failed;
      files.forEach((file) => years.set(file.year, file.data));
      join();
      return { state: 'ok' };
    });
  };
  return {
    ...summary, sites,
    first: active.map((days) => days.first).sort()[0],
    last: active.map((days) => days.last).sort().pop(),
    read
  };
}

function seriesOf(site, path) {
  return path.reduce((node, key) => node?.[key], site);
}
