// Reads only the published snapshots: LATEST.json names the newest complete run, whose files are read
// from that run's folder (never from latest/, which a run in progress may be rewriting).
import { appConfig } from './session.js';

let latestPromise;
// The files read of one run (a run's folder never changes): kept while LATEST.json names that run.
const files = new Map();
let filesOfRun = null;

function url(key) {
  return new URL(appConfig().snapshotRoot + key, location.origin).href;
}

async function read(key, parse) {
  let response;
  try {
    response = await fetch(url(key), { cache: 'no-cache' });
  } catch (error) {
    return { state: 'error', detail: error.message };
  }
  if (response.status === 404 || response.status === 403) return { state: 'missing' };
  if (!response.ok) return { state: 'error', detail: String(response.status) };
  try {
    return { state: 'ok', data: await parse(response) };
  } catch (error) {
    return { state: 'error', detail: error.message };
  }
}

// { state: 'ok', data: {runId, generatedAt, dataThrough, path} } | { state: 'missing' } | { state: 'error' }
export function latest({ refresh = false } = {}) {
  if (refresh || !latestPromise) latestPromise = read('snapshots/v1/LATEST.json', (r) => r.json());
  return latestPromise;
}

// Polls LATEST.json every `seconds` and calls `onNewRun` when it names another run (its files are then read
// afresh). The server answers an unchanged LATEST.json with 304 to the browser's If-None-Match, so a poll
// costs a few hundred bytes, and the run's own files are never read again. Returns a function that stops it.
export function watchLatest(seconds, onNewRun) {
  const timer = setInterval(async () => {
    const current = await latest();
    const next = await read('snapshots/v1/LATEST.json', (r) => r.json());
    if (next.state !== 'ok') return;
    if (current.state === 'ok' && current.data.runId === next.data.runId && current.data.path === next.data.path) return;
    latestPromise = Promise.resolve(next);
    onNewRun(next.data);
  }, seconds * 1000);
  return () => clearInterval(timer);
}

// A file of the newest run: 'traffic.json', 'report.nl.md', …, read once; a read that failed is tried again
// next time it is asked for.
export async function runFile(name) {
  const run = await latest();
  if (run.state !== 'ok') return run;
  if (run.data.path !== filesOfRun) {
    files.clear();
    filesOfRun = run.data.path;
  }
  const key = run.data.path + name;
  if (!files.has(key)) {
    const reading = read(key, (r) => (name.endsWith('.json') ? r.json() : r.text()));
    files.set(key, reading);
    reading.then((file) => {
      if (file.state === 'error' && files.get(key) === reading) files.delete(key);
    });
  }
  return files.get(key);
}
