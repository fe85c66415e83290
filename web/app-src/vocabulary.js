// Labels of vocabulary codes. The dashboard labels its tables from the copy bundled at build time (the
// same resource the API serves), so it reads nothing but the snapshots; the form uses GET /v1/vocabulary.
import bundled from '../../functions/core/src/main/resources/be/helpline/insights/core/vocabulary/vocabulary.json';
import { lang } from './i18n.js';

export function fieldOf(name, vocabulary = bundled) {
  return vocabulary.fields.find((field) => field.field === name);
}

export function fieldLabel(name, vocabulary = bundled) {
  const field = fieldOf(name, vocabulary);
  return field ? field[lang()] : name;
}

export function codeLabel(name, code, vocabulary = bundled) {
  const field = fieldOf(name, vocabulary);
  const entry = field && field.codes.find((c) => c.code === code);
  return entry ? entry[lang()] : code;
}
