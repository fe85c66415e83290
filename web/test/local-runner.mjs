// Starts moto and the local runner on free ports for an end-to-end test, and stops them afterwards.
//   const runner = await startLocalRunner({ demo: false });   // runner.api = 'http://127.0.0.1:<port>'
//   await runner.call('POST', '/local/aggregate');
//   runner.stop();
// LOCAL_RUNNER_SKIP says why this machine cannot (no Chromium, runner not built, no venv), or is false.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasChromium } from './site.mjs';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const RUNNER = join(ROOT, 'infrastructure/local-runner/target');
const JAVA = join(process.env.JAVA_HOME || '/usr/lib/jvm/temurin-25-jdk-amd64', 'bin/java');

export const LOCAL_RUNNER_SKIP = !hasChromium() ? 'no Chromium at /usr/bin/chromium (apt-get install chromium)'
  : !existsSync(join(RUNNER, 'lib')) ? 'the local runner is not built (make build)'
  : !existsSync(join(ROOT, '.venv/bin/python')) ? 'no project venv with moto (make venv)'
  : false;

export function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

export async function waitFor(url, seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

export async function startLocalRunner({ demo = false, readySeconds = 120 } = {}) {
  const children = [];
  const start = (command, args, env) => {
    const out = process.env.RUNNER_LOG ? openSync(`${process.env.RUNNER_LOG}.${children.length}`, 'w') : 'ignore';
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', out, out] });
    children.push(child);
    return child;
  };
  const stop = () => {
    // SIGKILL: both are throwaway, and moto, holding gigabytes after the demo, took over two minutes to
    // free them on SIGTERM while the test run waited for it.
    for (const child of children.reverse()) child.kill('SIGKILL');
  };
  try {
    const motoPort = await freePort();
    const apiPort = await freePort();
    start(join(ROOT, 'infrastructure/moto-server'), ['-H', '127.0.0.1', '-p', String(motoPort)]);
    await waitFor(`http://127.0.0.1:${motoPort}/moto-api/`, 60);
    start(JAVA, [`-Dproject.root=${ROOT}`, '-cp', `${RUNNER}/classes:${RUNNER}/lib/*`,
      'be.helpline.insights.local.LocalRunner'],
    { PORT: String(apiPort), AWS_ENDPOINT_URL: `http://127.0.0.1:${motoPort}`, DEMO: demo ? '1' : '0' });
    const api = `http://127.0.0.1:${apiPort}`;
    await waitFor(`${api}/local/health`, readySeconds);
    // Calls the runner and fails the test unless it answers 2xx; `token` for staff routes.
    const call = async (method, path, body, { token } = {}) => {
      const headers = body ? { 'content-type': 'application/json' } : {};
      if (token) headers.authorization = `Bearer ${token}`;
      const response = await fetch(api + path, { method, body: body && JSON.stringify(body), headers });
      assert.ok(response.ok, `${method} ${path}: ${response.status}`);
      return response;
    };
    return { api, call, stop };
  } catch (error) {
    stop();
    throw error;
  }
}
