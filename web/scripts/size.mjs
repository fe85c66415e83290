// Prints the size of both beacon builds as a site is served them (minified, gzipped at level 9) and exits
// non-zero when either is over its budget. It measures a fresh build of beacon-src.js, made exactly as
// scripts/build-beacon.mjs writes dist/.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { buildBeacons, SOURCE } from './build-beacon.mjs';

// Bytes, minified and gzipped: the default (anonymous) build and the returning-mode build.
export const BUDGETS = { anonymous: 1024, returning: 1536 };

// Returns { anonymous: { name, source, minified, gzipped, budget, code }, returning: {...} }; source is
// the size of beacon-src.js, the one source of both.
export async function measure() {
  const source = Buffer.byteLength(await readFile(SOURCE, 'utf8'));
  const builds = await buildBeacons({ write: false });
  const sizes = {};
  for (const [mode, { name, code }] of Object.entries(builds)) {
    sizes[mode] = {
      name,
      source,
      minified: Buffer.byteLength(code),
      gzipped: gzipSync(code, { level: 9 }).length,
      budget: BUDGETS[mode],
      code
    };
  }
  return sizes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const { name, source, minified, gzipped, budget } of Object.values(await measure())) {
    console.log(`dist/${name}: ${source} bytes source (beacon-src.js), ${minified} minified, ` +
      `${gzipped} minified+gzipped (budget ${budget})`);
    if (gzipped > budget) {
      console.error(`dist/${name} is over its budget by ${gzipped - budget} bytes`);
      process.exitCode = 1;
    }
  }
}
