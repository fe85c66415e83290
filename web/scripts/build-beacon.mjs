// Builds the two beacons sites load from the one source, beacon-src.js, into dist/ (generated, not committed):
//   dist/beacon.js            anonymous mode: RETURNING is false, so the returning-mode code is dropped
//   dist/beacon-returning.js  anonymous and returning mode (RETURNING true)
// both minified with terser, as served (scripts/size.mjs measures them gzipped).
//   node scripts/build-beacon.mjs        (make web, npm run build; the browser tests build them too)
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

const WEB = fileURLToPath(new URL('..', import.meta.url));
export const SOURCE = `${WEB}beacon-src.js`;
export const DIST_DIR = `${WEB}dist/`;
// name: the file in dist/, which is also the path a site loads it from; returning: RETURNING in it.
export const BUILDS = {
  anonymous: { name: 'beacon.js', returning: false },
  returning: { name: 'beacon-returning.js', returning: true }
};

// The minified script with RETURNING replaced by `returning` and the dead branches dropped. ES2017
// output; arrow functions where `this` is not used.
export async function compile(source, returning) {
  const { code } = await minify(source, {
    ecma: 2017,
    compress: { passes: 3, unsafe_arrows: true, global_defs: { RETURNING: returning } },
    mangle: true,
    format: { comments: false }
  });
  if (/\bRETURNING\b/.test(code)) throw new Error('RETURNING left in the build');
  return code;
}

// Returns { anonymous: { name, returning, file, code }, returning: {...} }, each code written to its file
// unless write is false. A file is written beside its target and renamed over it, so that a test building
// at the same time never reads half a file.
export async function buildBeacons({ write = true } = {}) {
  const source = await readFile(SOURCE, 'utf8');
  const builds = {};
  for (const [mode, build] of Object.entries(BUILDS)) {
    builds[mode] = { ...build, file: DIST_DIR + build.name, code: await compile(source, build.returning) };
  }
  if (write) {
    await mkdir(DIST_DIR, { recursive: true });
    for (const { name, file, code } of Object.values(builds)) {
      const temporary = `${DIST_DIR}.${name}.${process.pid}.tmp`;
      await writeFile(temporary, code);
      await rename(temporary, file);
    }
  }
  return builds;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const { file } of Object.values(await buildBeacons())) console.log(`built ${file}`);
}
