// A stand-in for the local runner on 127.0.0.1 (random port) for the web app's browser tests: it serves
// web/app/ at /app/, snapshot files at /snapshots/v1/…, dev tokens at /local/token, the vocabulary, and
// the registration and campaign routes with the rules of SPEC.md section 3 (validation, idempotent POST,
// If-Match versions, 409 period_released for a released month). It records every request, so tests see
// what the app sent.
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { extname, join, normalize } from 'node:path';
import { APP_DIR } from '../scripts/build-app.mjs';
import { VOCABULARY } from './app-snapshot.mjs';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8' };
const REQUIRED = ['id', 'contactDate', 'channel', 'callerGroup', 'pastOffences', 'risk', 'support', 'gender',
  'ageBand', 'howHeard', 'firstContact'];
export const PROGRAMME_START = '2018-12-01';
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

const base64Url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

function codesOf(field) {
  return VOCABULARY.fields.find((f) => f.field === field)?.codes.map((c) => c.code);
}

// The field errors of a registration body, as the API names them.
export function registrationErrors(body) {
  const errors = [];
  const known = new Set([...REQUIRED, 'selfConcern', 'topics', 'justiceHistory', 'referral']);
  for (const key of Object.keys(body)) if (!known.has(key)) errors.push({ field: key, code: 'unknown' });
  for (const key of REQUIRED) if (body[key] === undefined) errors.push({ field: key, code: 'required' });
  for (const field of VOCABULARY.fields) {
    const name = field.field;
    if (name.startsWith('referral.') || name === 'outcome' || body[name] === undefined) continue;
    const values = field.multiple ? body[name] : [body[name]];
    if (!Array.isArray(values) || values.some((v) => !codesOf(name).includes(v)) || new Set(values).size !== values.length) {
      errors.push({ field: name, code: 'invalid' });
    }
  }
  if (Array.isArray(body.support) && !body.support.length) errors.push({ field: 'support', code: 'required' });
  const self = body.callerGroup === 'SELF';
  if (self && !(body.selfConcern || []).length) errors.push({ field: 'selfConcern', code: 'required' });
  if (!self && body.selfConcern !== undefined) errors.push({ field: 'selfConcern', code: 'not_allowed' });
  const referring = (body.support || []).includes('REFERRAL');
  if (referring) {
    for (const part of ['centreType', 'region']) {
      if (!codesOf(`referral.${part}`).includes(body.referral?.[part])) errors.push({ field: `referral.${part}`, code: 'required' });
    }
  } else if (body.referral !== undefined) {
    errors.push({ field: 'referral', code: 'not_allowed' });
  }
  // A rule only the server knows: the programme's start date.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(body.contactDate || '') || body.contactDate < PROGRAMME_START) {
    errors.push({ field: 'contactDate', code: 'invalid' });
  }
  return errors;
}

// As the registration function says it: a month's counts are released the day after its end plus the
// default amendment window of 30 days.
function periodReleased(contactDate) {
  const month = contactDate.slice(0, 7);
  const [year, number] = month.split('-').map(Number);
  const lastDay = Date.UTC(year, number, 0);
  const releasedOn = new Date(lastDay + 31 * 86400000).toISOString().slice(0, 10);
  return { error: 'period_released', message: `contacts of ${month} were released on ${releasedOn} and can no longer change` };
}

function referralCode() {
  return [...randomBytes(8)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('').replace(/^(.{4})/, '$1-');
}

// index.html without its CSP meta element; fails if there is none to remove, so a test that means to run
// without the CSP never runs with it unknowingly.
function withoutCsp(file) {
  const html = file.toString('utf8');
  const stripped = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/i, '');
  if (stripped === html) throw new Error('index.html has no Content-Security-Policy meta element to remove');
  return Buffer.from(stripped);
}

export async function startAppStub({ snapshots = {} } = {}) {
  let appConfig = null;
  const requests = [];
  const registrations = new Map();
  const campaigns = new Map();
  const impressions = [];
  let dropAnswers = 0;
  let releasedThrough = null;
  const released = (contactDate) => releasedThrough !== null && contactDate.slice(0, 7) <= releasedThrough;
  let snapshotFiles = snapshots;
  let csp = true;

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', async () => {
      const url = new URL(req.url, 'http://stub');
      const raw = Buffer.concat(chunks).toString('utf8');
      const record = { method: req.method, path: url.pathname, query: url.search, headers: { ...req.headers }, body: raw };
      requests.push(record);
      const send = (status, body, headers = {}) => {
        record.status = status;
        const json = body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body);
        res.writeHead(status, { 'cache-control': 'no-store', ...(json ? { 'content-type': 'application/json' } : {}), ...headers });
        res.end(json ? JSON.stringify(body) : body);
      };
      try {
        await route(url, req, raw, send, res, record);
      } catch (error) {
        send(500, { error: 'stub', message: error.message });
      }
    });
  });

  async function route(url, req, raw, send, res, record) {
    const path = url.pathname;
    if (req.method === 'GET' && (path === '/app' || path.startsWith('/app/'))) {
      if (path === '/app') return send(302, '', { location: '/app/' });
      if (path === '/app/config.json' && appConfig) return send(200, appConfig);
      const relative = normalize(decodeURIComponent(path.slice('/app/'.length)) || 'index.html');
      if (relative.startsWith('..')) return send(404, { message: 'Not Found' });
      let file;
      try {
        file = await readFile(join(APP_DIR, relative));
      } catch {
        return send(404, { message: 'Not Found' });
      }
      if (relative === 'index.html' && !csp) file = withoutCsp(file);
      return send(200, file, { 'content-type': TYPES[extname(relative)] || 'application/octet-stream', 'cache-control': 'no-cache' });
    }
    if (req.method === 'GET' && path.startsWith('/snapshots/v1/')) {
      const content = snapshotFiles[path.slice(1)];
      if (content === undefined) return send(404, { message: 'Not Found' });
      // As S3 and the local runner answer: an ETag of the content, 304 to If-None-Match, no-cache.
      const bytes = typeof content === 'string' ? content : JSON.stringify(content);
      const etag = `"${createHash('sha1').update(bytes).digest('hex')}"`;
      const cache = { etag, 'cache-control': 'no-cache' };
      if (req.headers['if-none-match'] === etag) return send(304, '', cache);
      return typeof content === 'string'
        ? send(200, content, { 'content-type': TYPES[extname(path)], ...cache })
        : send(200, content, cache);
    }
    if (req.method === 'GET' && path === '/local/token') {
      const group = url.searchParams.get('group');
      const payload = { sub: 'dev', 'cognito:groups': [group], exp: Math.floor(Date.now() / 1000) + 3600 };
      return send(200, { token: `${base64Url({ alg: 'none' })}.${base64Url(payload)}.x` });
    }
    const token = (req.headers.authorization || '').replace(/^Bearer /, '');
    if (!token) return send(401, { message: 'Unauthorized' });
    const groups = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString())['cognito:groups'];
    const allow = (...wanted) => groups.some((g) => wanted.includes(g));
    const key = `${req.method} ${path.replace(/^\/v1\/(registrations|campaigns)\/[^/]+/, '/v1/$1/{id}')}`;
    const id = path.split('/')[3];
    switch (key) {
      case 'GET /v1/vocabulary':
        return send(200, VOCABULARY);
      case 'POST /v1/registrations': {
        if (!allow('responder', 'coordinator')) return send(403, { error: 'forbidden', message: 'forbidden' });
        const body = JSON.parse(raw);
        const errors = registrationErrors(body);
        if (errors.length) return send(400, { error: 'invalid_input', message: 'invalid registration', fields: errors });
        const existing = registrations.get(body.id);
        if (released(body.contactDate) && !existing) return send(409, periodReleased(body.contactDate));
        let status = 200;
        if (existing && existing.raw !== JSON.stringify(body)) return send(409, { error: 'idempotency_conflict', message: 'other body' });
        if (!existing) {
          const answer = { id: body.id, version: 1, ...(body.support.includes('REFERRAL') ? { referralCode: referralCode() } : {}) };
          registrations.set(body.id, { raw: JSON.stringify(body), body, version: 1, answer });
          status = 201;
        }
        if (dropAnswers > 0) {
          dropAnswers--;
          record.status = 'dropped';
          return res.socket.destroy();
        }
        return send(status, registrations.get(body.id).answer);
      }
      case 'GET /v1/registrations/{id}': {
        const stored = registrations.get(id);
        if (!stored) return send(404, { error: 'not_found', message: 'no such registration' });
        return send(200, { ...stored.body, version: stored.version }, { etag: `"${stored.version}"` });
      }
      case 'PUT /v1/registrations/{id}': {
        const stored = registrations.get(id);
        if (!stored) return send(404, { error: 'not_found', message: 'no such registration' });
        if (req.headers['if-match'] !== `"${stored.version}"`) return send(412, { error: 'precondition_failed', message: 'stale version' });
        if (released(stored.body.contactDate)) return send(409, periodReleased(stored.body.contactDate));
        if (stored.windowClosed) return send(409, { error: 'amendment_window_closed', message: 'too late' });
        const body = JSON.parse(raw);
        if (released(body.contactDate)) return send(409, periodReleased(body.contactDate));
        const errors = registrationErrors(body);
        if (errors.length) return send(400, { error: 'invalid_input', message: 'invalid registration', fields: errors });
        stored.version++;
        stored.body = body;
        stored.raw = JSON.stringify(body);
        return send(200, { id, version: stored.version });
      }
      case 'GET /v1/campaigns':
        return send(200, { campaigns: [...campaigns.values()] });
      case 'PUT /v1/campaigns/{id}': {
        if (!allow('coordinator')) return send(403, { error: 'forbidden', message: 'forbidden' });
        const body = JSON.parse(raw);
        campaigns.set(id, { id, ...body });
        return send(200, campaigns.get(id));
      }
      default:
        if (/^PUT \/v1\/campaigns\/\{id\}\/impressions$/.test(`${req.method} ${path.replace(/^\/v1\/campaigns\/[^/]+/, '/v1/campaigns/{id}')}`)) {
          if (!(req.headers['content-type'] || '').startsWith('text/csv')) return send(415, { error: 'unsupported_media_type', message: 'csv' });
          impressions.push({ id, reach: url.searchParams.get('reach'), csv: raw });
          return send(204, '');
        }
        return send(404, { message: 'Not Found' });
    }
  }

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    requests,
    registrations,
    campaigns,
    impressions,
    // Months up to `month` ('2020-03'; null: none) are released: changes to them answer 409 period_released.
    releaseThrough(month) {
      releasedThrough = month;
    },
    // The next `count` registration answers are lost after the registration was stored.
    dropNextAnswers(count) {
      dropAnswers = count;
    },
    // Serves this as /app/config.json instead of the built one (null: the built one again).
    setAppConfig(config) {
      appConfig = config;
    },
    setSnapshots(files) {
      snapshotFiles = files;
    },
    // false: serves index.html without its Content-Security-Policy, so a test sees what the app itself
    // prevents (true: as built).
    setCsp(enabled) {
      csp = enabled;
    },
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    })
  };
}
