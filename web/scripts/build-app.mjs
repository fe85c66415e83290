// Builds the staff web app from app-src/ into app/ (generated, not committed): one bundled script with
// Chart.js, the annotation plugin, marked and DOMPurify inside, so the page loads nothing from another host.
//   node scripts/build-app.mjs            (npm run build)
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const WEB = fileURLToPath(new URL('..', import.meta.url));
const SOURCE = `${WEB}app-src/`;
export const APP_DIR = `${WEB}app/`;

// Each file is written beside its target and renamed over it, so a server (or a test file building at the
// same time) never reads half a file.
async function put(name, contents) {
  const temporary = `${APP_DIR}.${name}.${process.pid}.tmp`;
  await writeFile(temporary, contents);
  await rename(temporary, APP_DIR + name);
}

export async function buildApp({ minify = true } = {}) {
  await mkdir(APP_DIR, { recursive: true });
  const result = await esbuild.build({
    entryPoints: [`${SOURCE}main.js`],
    outfile: `${APP_DIR}app.js`,
    bundle: true,
    format: 'iife',
    target: 'es2022',
    minify,
    legalComments: 'linked',
    logLevel: 'warning',
    write: false
  });
  for (const file of result.outputFiles) await put(basename(file.path), file.contents);
  for (const file of ['index.html', 'app.css', 'config.json']) await put(file, await readFile(SOURCE + file));
  return APP_DIR;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildApp();
  console.log(`built ${APP_DIR}`);
}
