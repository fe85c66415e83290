// The staff web app's shell: sign-in, the header (navigation, data freshness, language), and the three
// views behind hash routes (#/dashboard, #/register, #/campaigns).
import { renderCampaigns } from './campaigns.js';
import { freshnessText, renderDashboard } from './dashboard.js';
import { clear, h } from './dom.js';
import { renderForm } from './form.js';
import { lang, LANGUAGES, onLangChange, setLang, t } from './i18n.js';
import { latest, watchLatest } from './snapshots.js';
import {
  appConfig, completeCognitoSignIn, GROUPS, hasGroup, loadConfig, session, signInCognito, signInLocal, signOut
} from './session.js';

const VIEWS = {
  dashboard: { title: 'navDashboard', groups: GROUPS, render: renderDashboard },
  register: { title: 'navRegister', groups: ['responder', 'coordinator'], render: renderForm },
  campaigns: { title: 'navCampaigns', groups: ['coordinator'], render: renderCampaigns }
};

const header = document.getElementById('header');
const main = document.getElementById('main');
let signInProblem = null;

function currentView() {
  // '#/dashboard?range=12m': the view, then its own state (the dashboard's range).
  const name = location.hash.replace(/^#\/?/, '').split('?')[0] || defaultView();
  return VIEWS[name] ? name : defaultView();
}

function defaultView() {
  return hasGroup('responder') && !hasGroup('coordinator', 'analyst') ? 'register' : 'dashboard';
}

async function drawHeader() {
  const signedIn = session();
  const view = currentView();
  const other = LANGUAGES.find((l) => l !== lang());
  clear(header,
    h('a', { class: 'skip', href: '#main', onclick: (event) => {
      event.preventDefault();
      main.focus();
    } }, t('skipToContent')),
    h('p', { class: 'title' }, t('appTitle')),
    signedIn ? h('nav', { 'aria-label': t('appTitle') }, h('ul', {},
      Object.entries(VIEWS).filter(([, v]) => hasGroup(...v.groups)).map(([name, v]) => h('li', {},
        h('a', { href: `#/${name}`, id: `nav-${name}`, 'aria-current': name === view ? 'page' : null }, t(v.title)))))) : null,
    h('p', { id: 'freshness', class: 'freshness' }, signedIn ? await freshnessText() : ''),
    h('div', { class: 'tools' },
      h('button', { type: 'button', id: 'language', lang: other, 'aria-label': t('switchLanguageLabel'),
        onclick: () => setLang(other) }, t('switchLanguage')),
      signedIn ? [h('span', { id: 'signed-in-as' }, t('signedInAs', { group: signedIn.groups.map((g) => t(`role_${g}`)).join(', ') })),
        h('button', { type: 'button', id: 'sign-out', onclick: () => {
          signOut();
          render();
        } }, t('signOut'))] : null));
}

function renderSignIn() {
  const config = appConfig();
  const local = config.signIn === 'local';
  clear(main,
    h('h1', { id: 'page-title' }, t('signIn')),
    h('p', {}, local ? t('signInLocalIntro') : t('signInCognitoIntro')),
    signInProblem ? h('p', { role: 'alert', class: 'error' }, t('signInFailed', { detail: signInProblem })) : null,
    local
      ? h('ul', { class: 'roles' }, GROUPS.map((group) => h('li', {},
        h('button', { type: 'button', id: `sign-in-${group}`, onclick: async () => {
          try {
            await signInLocal(group);
            signInProblem = null;
          } catch (error) {
            signInProblem = error.message;
          }
          render({ focus: true });
        } }, t(`role_${group}`)))))
      : h('button', { type: 'button', id: 'sign-in', onclick: () => signInCognito() }, t('signIn')));
}

async function render({ focus = false, refresh = false } = {}) {
  document.title = t('appTitle');
  if (!session()) {
    await drawHeader();
    renderSignIn();
    return;
  }
  const name = currentView();
  const view = VIEWS[name];
  if (refresh || name === 'dashboard') await latest({ refresh: true });
  watchForNewRuns();
  await drawHeader();
  document.title = `${t(view.title)} · ${t('appTitle')}`;
  if (!hasGroup(...view.groups)) {
    clear(main, h('h1', { id: 'page-title' }, t(view.title)), h('p', { role: 'alert' }, t('notAllowed')));
  } else {
    await view.render(main);
  }
  main.dataset.view = name;
  main.dataset.ready = 'true';
  if (focus) main.focus();
}

// While signed in, a new run published by the aggregator shows up by itself: the header's freshness at once,
// the dashboard redrawn when it is the view (never the form, whose answers are being typed).
let stopWatching = null;
function watchForNewRuns() {
  if (stopWatching) return;
  stopWatching = watchLatest(appConfig().pollSeconds || 60, async () => {
    if (!session()) return;
    if (currentView() === 'dashboard') {
      delete main.dataset.ready;
      await render();
    } else {
      await drawHeader();
    }
  });
}

async function start() {
  setLang(lang());
  try {
    await loadConfig();
  } catch (error) {
    clear(main, h('p', { role: 'alert' }, error.message));
    return;
  }
  try {
    await completeCognitoSignIn();
  } catch (error) {
    signInProblem = error.message;
  }
  onLangChange(() => {
    delete main.dataset.ready;
    render();
  });
  window.addEventListener('hashchange', () => {
    delete main.dataset.ready;
    render({ focus: true });
  });
  window.addEventListener('helpline:signed-out', () => render());
  await render();
}

start();
