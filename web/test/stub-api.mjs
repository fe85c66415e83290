// A stand-in for POST /v1/beacons on 127.0.0.1 (random port) that checks each beacon against the contract
// of SPEC.md section 3 and answers as the real API would: 204, 400, 403, 413 or 415. It records what a
// server receives, so tests see the headers (Origin, Content-Type, Referer, Cookie) as sent on the wire.
import http from 'node:http';

export const SITE_ORIGINS = { main: 'https://stopitnow.example', selfhelp: 'https://selfhelp.example' };
const SOURCES = ['search', 'social', 'campaign', 'internal', 'other', 'direct'];
const FIELDS = ['site', 'path', 'source', 'campaign', 'newVisit', 'device'];
const DEVICE_FLAGS = ['firstOfDay', 'firstOfMonth', 'firstEver', 'firstReturn'];
const CAMPAIGN_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_BODY_BYTES = 4096;

// Returns the list of problems with a beacon body (empty when it is valid).
export function beaconProblems(body) {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return ['body: not an object'];
  const problems = Object.keys(body).filter((k) => !FIELDS.includes(k)).map((k) => `${k}: unknown`);
  if (!(body.site in SITE_ORIGINS)) problems.push('site: unknown');
  if (typeof body.path !== 'string' || !body.path.startsWith('/') || body.path.length > 512) {
    problems.push('path: invalid');
  }
  if (!SOURCES.includes(body.source)) problems.push('source: invalid');
  if ('campaign' in body && !(typeof body.campaign === 'string' && CAMPAIGN_ID.test(body.campaign))) {
    problems.push('campaign: invalid');
  }
  if (typeof body.newVisit !== 'boolean') problems.push('newVisit: invalid');
  if ('device' in body) {
    const device = body.device;
    if (device === null || typeof device !== 'object') {
      problems.push('device: invalid');
    } else {
      Object.keys(device).filter((k) => !DEVICE_FLAGS.includes(k)).forEach((k) => problems.push(`device.${k}: unknown`));
      DEVICE_FLAGS.filter((k) => typeof device[k] !== 'boolean').forEach((k) => problems.push(`device.${k}: invalid`));
    }
  }
  return problems;
}

export async function startStubApi() {
  const beacons = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const origin = req.headers.origin;
      const cors = Object.values(SITE_ORIGINS).includes(origin) ? { 'access-control-allow-origin': origin } : {};
      const answer = (status) => {
        res.writeHead(status, { ...cors, 'cache-control': 'no-store' });
        res.end();
        return status;
      };
      if (req.method === 'OPTIONS') return answer(204);
      if (req.method !== 'POST' || new URL(req.url, 'http://stub').pathname !== '/v1/beacons') return answer(404);
      const record = {
        headers: { ...req.headers },
        contentType: req.headers['content-type'] || '',
        raw: raw.toString('utf8'),
        body: undefined,
        problems: [],
        status: 0
      };
      beacons.push(record);
      if (raw.length > MAX_BODY_BYTES) return (record.status = answer(413));
      if (!/^(application\/json|text\/plain)\s*(;|$)/i.test(record.contentType)) return (record.status = answer(415));
      try {
        record.body = JSON.parse(record.raw);
      } catch {
        record.problems = ['body: not JSON'];
        return (record.status = answer(400));
      }
      record.problems = beaconProblems(record.body);
      if (record.problems.length) return (record.status = answer(400));
      if (origin !== SITE_ORIGINS[record.body.site]) return (record.status = answer(403));
      record.status = answer(204);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/v1/beacons`;
  return {
    url,
    beacons,
    reset() {
      beacons.length = 0;
    },
    // Waits until at least `count` beacons arrived; returns them all.
    async waitForBeacons(count = 1, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (beacons.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} beacon(s), got ${beacons.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return beacons;
    },
    close: () => new Promise((resolve) => server.close(resolve))
  };
}
