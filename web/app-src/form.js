// The registration form, generated from GET /v1/vocabulary. Only valid combinations can be entered: the
// self-concern question appears only for callerGroup SELF, the referral questions only when the support
// given includes REFERRAL. Each form has one id, made when it opens, so a retried save is the same
// registration (the API answers a repeated id and body with the first answer).
import { clear, h } from './dom.js';
import { lang, t } from './i18n.js';
import { api, NetworkError, problem } from './session.js';

const NOT_REGISTERED = new Set(['outcome']);
const OPTIONAL = new Set(['topics', 'justiceHistory']);
// Which answer makes a question apply.
const CONDITIONS = {
  selfConcern: (values) => values.callerGroup === 'SELF',
  referral: (values) => (values.support || []).includes('REFERRAL')
};
const RECENT_KEY = 'helplineInsights.recent';
const RETRY_DELAYS_MS = [400, 1200, 3000];

let vocabulary = null;
let form = null;

function newForm() {
  return { id: uuid(), version: null, values: { contactDate: today() }, errors: {}, status: null, result: null };
}

function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const x = [...b].map((v) => v.toString(16).padStart(2, '0')).join('');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

function today() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(new Date());
}

function group(field) {
  return field.startsWith('referral.') ? 'referral' : field;
}

function applies(field, values) {
  const condition = CONDITIONS[group(field)];
  return !condition || condition(values);
}

function fields() {
  return vocabulary.fields.filter((field) => !NOT_REGISTERED.has(field.field));
}

function label(entry) {
  return entry[lang()];
}

// The request body: only the questions that apply, each as the API expects it.
export function registrationBody(id, values, vocabularyFields) {
  const body = { id, contactDate: values.contactDate };
  for (const field of vocabularyFields) {
    const name = field.field;
    if (!applies(name, values)) continue;
    const value = values[name];
    if (name.startsWith('referral.')) {
      if (value) (body.referral ||= {})[name.slice('referral.'.length)] = value;
    } else if (field.multiple) {
      body[name] = value || [];
    } else if (value) {
      body[name] = value;
    }
  }
  return body;
}

function problems(values) {
  const errors = {};
  if (!values.contactDate) errors.contactDate = 'required';
  else if (values.contactDate > today()) errors.contactDate = 'future';
  for (const field of fields()) {
    const name = field.field;
    if (!applies(name, values) || OPTIONAL.has(name)) continue;
    const value = values[name];
    if (field.multiple ? !(value && value.length) : !value) errors[name] = 'required';
  }
  return errors;
}

function recent() {
  return JSON.parse(sessionStorage.getItem(RECENT_KEY) || '[]');
}

function remember(entry) {
  const list = [entry, ...recent().filter((r) => r.id !== entry.id)].slice(0, 20);
  sessionStorage.setItem(RECENT_KEY, JSON.stringify(list));
}

export async function renderForm(main) {
  clear(main, h('h1', { id: 'page-title' }, t('registerTitle')), h('p', {}, t('loading')));
  if (!vocabulary) {
    let answer;
    try {
      answer = await api('GET', '/v1/vocabulary');
    } catch (error) {
      answer = { status: 0, body: error.message };
    }
    if (answer.status !== 200) {
      clear(main, h('h1', { id: 'page-title' }, t('registerTitle')),
        h('p', { role: 'alert' }, t('vocabularyFailed', { detail: answer.status || answer.body })));
      return;
    }
    vocabulary = answer.body;
  }
  if (!form) form = newForm();
  draw(main);
}

function draw(main) {
  const amending = form.version !== null;
  clear(main,
    h('h1', { id: 'page-title' }, amending ? t('amendTitle') : t('registerTitle')),
    form.result ? resultPanel(main) : formElement(main),
    recentList(main));
}

function resultPanel(main) {
  const { referralCode, version, amended } = form.result;
  const panel = h('section', { class: 'result', 'aria-labelledby': 'result-heading' },
    h('h2', { id: 'result-heading', tabindex: '-1' }, amended ? t('savedAmendment', { version }) : t('saved')),
    referralCode ? [h('p', {}, t('referralCodeIs')),
      h('p', { class: 'referral-code', id: 'referral-code', dataset: { referralCode } }, referralCode)] : null,
    h('button', { type: 'button', id: 'new-registration', onclick: () => {
      form = newForm();
      draw(main);
      document.getElementById('f-contactDate')?.focus();
    } }, t('newRegistration')));
  queueMicrotask(() => document.getElementById('result-heading')?.focus());
  return panel;
}

function errorText(code) {
  const text = t(`error_${code}`);
  return text === `error_${code}` ? t('error_invalid') : text;
}

function fieldError(name) {
  const code = form.errors[name];
  return h('p', { id: `error-${name}`, class: 'error', hidden: !code }, code ? errorText(code) : '');
}

function question(field) {
  const name = field.field;
  const values = form.values;
  const optional = OPTIONAL.has(name);
  const hint = field.multiple ? (optional ? t('chooseAny') : t('chooseAtLeastOne')) : t('chooseOne');
  const type = field.multiple ? 'checkbox' : 'radio';
  const shown = applies(name, values);
  return h('fieldset', {
    id: `fs-${name}`, class: 'question', dataset: { field: name }, hidden: !shown, disabled: !shown,
    'aria-describedby': `hint-${name} error-${name}`, 'aria-invalid': form.errors[name] ? 'true' : null
  },
  h('legend', {}, label(field), ' ', h('span', { class: 'tag' }, `(${optional ? t('optional') : t('required')})`)),
  h('p', { id: `hint-${name}`, class: 'hint' }, hint),
  fieldError(name),
  h('div', { class: 'choices' }, field.codes.map((code) => {
    const id = `f-${name}-${code.code}`;
    const checked = field.multiple ? (values[name] || []).includes(code.code) : values[name] === code.code;
    return h('div', { class: 'choice' },
      h('input', { type, id, name, value: code.code, checked, required: !field.multiple && !optional,
        onchange: (event) => choose(field, code.code, event.target.checked) }),
      h('label', { for: id }, label(code)));
  })));
}

// Records an answer; when it changes which questions apply, shows or hides them (and forgets the answers
// to hidden ones, so they are never sent).
function choose(field, code, checked) {
  const name = field.field;
  const values = form.values;
  if (field.multiple) {
    const set = new Set(values[name] || []);
    if (checked) set.add(code); else set.delete(code);
    values[name] = field.codes.map((c) => c.code).filter((c) => set.has(c));
  } else {
    values[name] = code;
  }
  delete form.errors[name];
  for (const other of fields()) {
    const element = document.getElementById(`fs-${other.field}`);
    const shown = applies(other.field, values);
    if (!shown) delete values[other.field];
    if (element) {
      element.hidden = !shown;
      element.disabled = !shown;
      if (!shown) element.querySelectorAll('input').forEach((input) => { input.checked = false; });
    }
  }
  const referral = document.getElementById('fs-referral');
  if (referral) {
    const shown = applies('referral.centreType', values);
    referral.hidden = !shown;
    referral.disabled = !shown;
  }
  const error = document.getElementById(`error-${name}`);
  if (error) error.hidden = true;
  document.getElementById(`fs-${name}`)?.removeAttribute('aria-invalid');
}

function formElement(main) {
  const values = form.values;
  const amending = form.version !== null;
  const questions = [];
  let referralGroup = null;
  for (const field of fields()) {
    if (field.field.startsWith('referral.')) {
      if (!referralGroup) {
        const shown = applies(field.field, values);
        referralGroup = h('fieldset', { id: 'fs-referral', class: 'group', hidden: !shown, disabled: !shown },
          h('legend', {}, t('referralLegend')));
        questions.push(referralGroup);
      }
      referralGroup.append(question(field));
    } else {
      questions.push(question(field));
    }
  }
  const summary = Object.keys(form.errors);
  const element = h('form', { id: 'registration', novalidate: true, 'aria-labelledby': 'page-title',
    dataset: { id: form.id }, onsubmit: (event) => {
      event.preventDefault();
      save(main);
    } },
  h('p', {}, t('registerIntro')),
  summary.length ? h('div', { id: 'error-summary', class: 'error-summary', role: 'alert', tabindex: '-1' },
    h('p', {}, t('errorSummary')),
    h('ul', {}, summary.map((name) => h('li', {}, h('a', { href: `#${name === 'contactDate' ? 'f-contactDate' : `fs-${name}`}`,
      onclick: (event) => {
        event.preventDefault();
        const target = name === 'contactDate' ? document.getElementById('f-contactDate')
          : document.querySelector(`#fs-${CSS.escape(name)} input`);
        target?.focus();
      } }, name === 'contactDate' ? t('contactDate') : fieldTitle(name), ': ', errorText(form.errors[name])))))) : null,
  h('div', { class: 'question' },
    h('label', { for: 'f-contactDate' }, t('contactDate'), ' ', h('span', { class: 'tag' }, `(${t('required')})`)),
    fieldError('contactDate'),
    h('input', { type: 'date', id: 'f-contactDate', name: 'contactDate', required: true, max: today(),
      value: values.contactDate || '', 'aria-describedby': 'error-contactDate',
      'aria-invalid': form.errors.contactDate ? 'true' : null,
      onchange: (event) => { values.contactDate = event.target.value; } })),
  questions,
  h('div', { class: 'actions' },
    h('button', { type: 'submit', id: 'save', disabled: form.status === 'saving' }, amending ? t('saveAmendment') : t('save')),
    amending ? h('button', { type: 'button', id: 'cancel-amendment', onclick: () => {
      form = newForm();
      draw(main);
    } }, t('cancelAmendment')) : null),
  h('p', { id: 'form-status', role: 'status', 'aria-live': 'polite' }, form.status && form.status !== 'saving' ? form.status : ''));
  if (summary.length) queueMicrotask(() => document.getElementById('error-summary')?.focus());
  return element;
}

function fieldTitle(name) {
  const field = vocabulary.fields.find((f) => f.field === name);
  return field ? label(field) : name;
}

function setStatus(text) {
  const status = document.getElementById('form-status');
  if (status) status.textContent = text;
}

// Sends the registration, retrying with the same id and body when no answer (or a 5xx) came back.
async function send(method, path, body, headers) {
  for (let attempt = 0; ; attempt++) {
    try {
      const answer = await api(method, path, { json: body, headers });
      if (answer.status < 500 || attempt >= RETRY_DELAYS_MS.length) return answer;
    } catch (error) {
      if (!(error instanceof NetworkError) || attempt >= RETRY_DELAYS_MS.length) throw error;
    }
    setStatus(t('retrying', { attempt: attempt + 1 }));
    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
  }
}

async function save(main) {
  if (form.status === 'saving') return;
  form.errors = problems(form.values);
  if (Object.keys(form.errors).length) {
    draw(main);
    return;
  }
  const amending = form.version !== null;
  const body = registrationBody(form.id, form.values, fields());
  form.status = 'saving';
  document.getElementById('save').disabled = true;
  setStatus(t('saving'));
  let answer;
  try {
    answer = amending
      ? await send('PUT', `/v1/registrations/${encodeURIComponent(form.id)}`, body, { 'if-match': `"${form.version}"` })
      : await send('POST', '/v1/registrations', body);
  } catch (error) {
    form.status = t('saveFailed', { detail: error.message });
    draw(main);
    return;
  }
  form.status = null;
  if (answer.status === 200 || answer.status === 201) {
    const result = answer.body;
    const entry = { id: form.id, contactDate: form.values.contactDate, version: result.version,
      referralCode: result.referralCode || recent().find((r) => r.id === form.id)?.referralCode || null };
    remember(entry);
    form.result = { referralCode: amending ? null : result.referralCode, version: result.version, amended: amending };
  } else if (answer.status === 400 && answer.body?.fields) {
    form.errors = Object.fromEntries(answer.body.fields.map((f) => [f.field === 'referral' ? 'referral.centreType' : f.field, f.code]));
  } else if (answer.status === 412) {
    form.status = t('staleVersion');
  } else if (answer.status === 409 && answer.body?.error === 'amendment_window_closed') {
    form.status = t('windowClosed');
  } else if (answer.status === 409 && answer.body?.error === 'period_released') {
    form.status = periodReleased(answer);
  } else {
    form.status = t('saveFailed', { detail: problem(answer) });
  }
  draw(main);
}

// A released month's figures never change (SPEC 6.1): the API's message names the month (YYYY-MM) and
// the day it was released (YYYY-MM-DD); they are said in the page's language. Not retried.
function periodReleased(answer) {
  const message = answer.body.message || '';
  const date = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(message);
  const month = /\b(\d{4})-(\d{2})\b(?!-\d)/.exec(message);
  if (!date || !month) return t('saveFailed', { detail: problem(answer) });
  const locale = lang() === 'nl' ? 'nl-BE' : 'en-GB';
  const utc = (...parts) => new Date(Date.UTC(...parts));
  return t('periodReleased', {
    month: new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' })
      .format(utc(Number(month[1]), Number(month[2]) - 1, 1)),
    date: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' })
      .format(utc(Number(date[1]), Number(date[2]) - 1, Number(date[3])))
  });
}

async function amend(id, main) {
  let answer;
  try {
    answer = await api('GET', `/v1/registrations/${encodeURIComponent(id)}`);
  } catch (error) {
    answer = { status: 0, body: { message: error.message } };
  }
  if (answer.status !== 200) {
    form.status = t('requestFailed', { detail: problem(answer) });
    draw(main);
    return;
  }
  const registration = answer.body;
  const etag = (answer.headers?.get('etag') || '').replace(/^W\//, '').replace(/"/g, '');
  const values = { contactDate: registration.contactDate };
  for (const field of fields()) {
    const name = field.field;
    if (name.startsWith('referral.')) {
      const value = registration.referral?.[name.slice('referral.'.length)];
      if (value) values[name] = value;
    } else if (registration[name] !== undefined) {
      values[name] = registration[name];
    }
  }
  form = { id, version: registration.version ?? Number(etag), values, errors: {}, status: null, result: null };
  draw(main);
  document.getElementById('f-contactDate')?.focus();
}

function recentList(main) {
  const list = recent();
  return h('section', { class: 'recent', 'aria-labelledby': 'recent-heading' },
    h('h2', { id: 'recent-heading' }, t('recentTitle')),
    list.length ? h('ul', {}, list.map((entry) => h('li', { dataset: { id: entry.id } },
      `${entry.contactDate} · ${t('version', { version: entry.version })}`,
      entry.referralCode ? [' · ', h('span', { class: 'code' }, entry.referralCode)] : null, ' ',
      h('button', { type: 'button', class: 'amend', 'aria-label': `${t('amend')} ${entry.contactDate} ${entry.referralCode || ''}`.trim(),
        onclick: () => amend(entry.id, main) }, t('amend'))))) : h('p', {}, t('recentNone')));
}

// For tests and the language switch: the form keeps its answers and id while it is redrawn.
export function formState() {
  return form;
}
