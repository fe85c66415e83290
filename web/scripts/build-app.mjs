// Builds the staff web app from app-src/ into app/ (generated, not committed): one bundled script with
// Chart.js, the annotation plugin and marked inside, so the page loads nothing from another host.
//   node scripts/build-app.mjs            (npm run build)
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const WEB = fileURLToPath(new URL('..', import.meta.url));
const SOURCE = `${WEB}app-src/`;
export const APP_DIR = `${WEB}app/`;

export async function buildApp({ minify = true } = {}) {
  await rm(APP_DIR, { recursive: true, force: true });
  await mkdir(APP_DIR, { recursive: true });
  await esbuild.build({
    entryPoints: [`${SOURCE}main.js`],
    outfile: `${APP_DIR}app.js`,
    bundle: true,
    format: 'iife',
    target: 'es2022',
    minify,
    legalComments: 'linked',
    logLevel: 'warning'
  });
  for (const file of ['index.html', 'app.css', 'config.json']) await copyFile(SOURCE + file, APP_DIR + file);
  return APP_DIR;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildApp();
  console.log(`built ${APP_DIR}`);
}
