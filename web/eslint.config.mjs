// The linter for web/ (make lint, so make test): ESLint's recommended rules, pinned with ESLint.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['app/**', 'dist/**', 'node_modules/**', 'target/**'] },
  js.configs.recommended,
  {
    // The beacon's source: sites load its builds (dist/) with a plain <script> tag. RETURNING is the
    // build's constant (scripts/build-beacon.mjs).
    files: ['beacon-src.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser, RETURNING: 'readonly' } },
    // `catch (e) {}`: old browsers have no optional catch binding.
    rules: { 'no-unused-vars': ['error', { caughtErrors: 'none' }] },
  },
  {
    files: ['app-src/**/*.js'],
    languageOptions: { sourceType: 'module', globals: globals.browser },
  },
  {
    // Node scripts and tests; the tests also hand functions to the browser page.
    files: ['scripts/**/*.mjs', 'test/**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: { ...globals.node, ...globals.browser } },
  },
];
