// Prints the size of beacon.js as a site serves it (minified, gzipped); exits non-zero above the budget.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

export const BUDGET_BYTES = 2048;
const SOURCE = fileURLToPath(new URL('../beacon.js', import.meta.url));

export async function measure(file = SOURCE) {
  const source = await readFile(file, 'utf8');
  const { code } = await minify(source, { ecma: 2017, compress: { passes: 2 }, mangle: true });
  return {
    source: Buffer.byteLength(source),
    minified: Buffer.byteLength(code),
    gzipped: gzipSync(code, { level: 9 }).length,
    code
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { source, minified, gzipped } = await measure();
  console.log(`beacon.js: ${source} bytes source, ${minified} minified, ${gzipped} minified+gzipped ` +
    `(budget ${BUDGET_BYTES})`);
  if (gzipped > BUDGET_BYTES) {
    console.error(`beacon.js is over its budget by ${gzipped - BUDGET_BYTES} bytes`);
    process.exitCode = 1;
  }
}
