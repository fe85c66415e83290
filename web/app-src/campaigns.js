// Campaign administration for coordinators: the configured campaigns, a form to create or change one
// (PUT /v1/campaigns/{id}) and the import of an ad network's impressions report as CSV.
import { clear, h } from './dom.js';
import { t } from './i18n.js';
import { api, problem } from './session.js';

// The pattern attribute is matched whole, with the regular expression v flag (so the - is escaped).
const ID = '[A-Za-z0-9_\\-]{1,64}';
let creatives = [{ key: 'c1', label: '' }];
let messages = { campaign: null, impressions: null };

export async function renderCampaigns(main) {
  clear(main, h('h1', { id: 'page-title' }, t('campaignsTitle')), h('p', {}, t('loading')));
  let answer;
  try {
    answer = await api('GET', '/v1/campaigns');
  } catch (error) {
    answer = { status: 0, body: { message: error.message } };
  }
  const list = answer.status === 200 ? answer.body.campaigns : [];
  clear(main,
    h('h1', { id: 'page-title' }, t('campaignsTitle')),
    h('section', { 'aria-labelledby': 'campaign-list-heading' },
      h('h2', { id: 'campaign-list-heading' }, t('campaignList')),
      answer.status !== 200 ? h('p', { role: 'alert' }, t('requestFailed', { detail: problem(answer) }))
        : list.length ? h('table', { id: 'campaign-list' },
          h('thead', {}, h('tr', {}, [t('campaignId'), t('campaignName'), t('window'), t('campaignLanding'), t('creatives')]
            .map((label) => h('th', { scope: 'col' }, label)))),
          h('tbody', {}, list.map((c) => h('tr', { dataset: { id: c.id } },
            h('th', { scope: 'row' }, c.id), h('td', {}, c.name), h('td', {}, `${c.start} – ${c.end}`),
            h('td', {}, c.landingUrl), h('td', {}, Object.entries(c.creatives || {}).map(([k, v]) => `${k}: ${v}`).join('; '))))))
          : h('p', {}, t('campaignNone'))),
    campaignForm(main),
    impressionsForm(main, list));
}

function field(id, labelText, attributes, hint) {
  return h('div', { class: 'question' },
    h('label', { for: id }, labelText),
    hint ? h('p', { id: `${id}-hint`, class: 'hint' }, hint) : null,
    h('input', { id, name: id, 'aria-describedby': hint ? `${id}-hint` : null, ...attributes }));
}

function campaignForm(main) {
  const rows = h('div', { id: 'creatives' });
  const drawRows = () => clear(rows, creatives.map((creative, i) => h('fieldset', { class: 'creative' },
    h('legend', {}, `${t('creatives')} ${i + 1}`),
    field(`creative-key-${i}`, t('creativeKey'), { required: true, pattern: ID, value: creative.key,
      oninput: (event) => { creative.key = event.target.value; } }),
    field(`creative-label-${i}`, t('creativeLabel'), { required: true, value: creative.label,
      oninput: (event) => { creative.label = event.target.value; } }),
    creatives.length > 1 ? h('button', { type: 'button', onclick: () => {
      creatives.splice(i, 1);
      drawRows();
    } }, t('removeCreative')) : null)));
  drawRows();
  return h('section', { 'aria-labelledby': 'campaign-form-heading' },
    h('h2', { id: 'campaign-form-heading' }, t('campaignCreate')),
    h('form', { id: 'campaign-form', onsubmit: async (event) => {
      event.preventDefault();
      const data = new FormData(event.target);
      const id = data.get('campaign-id');
      const body = {
        name: data.get('campaign-name'), start: data.get('campaign-start'), end: data.get('campaign-end'),
        landingUrl: data.get('campaign-landing'),
        creatives: Object.fromEntries(creatives.map((c) => [c.key, c.label]))
      };
      const answer = await api('PUT', `/v1/campaigns/${encodeURIComponent(id)}`, { json: body }).catch((e) => ({ status: 0, body: { message: e.message } }));
      messages.campaign = answer.status === 200 ? t('campaignSaved', { id }) : t('requestFailed', { detail: problem(answer) });
      if (answer.status === 200) creatives = [{ key: 'c1', label: '' }];
      await renderCampaigns(main);
      document.getElementById('campaign-status')?.focus();
    } },
    field('campaign-id', t('campaignId'), { required: true, pattern: ID }, t('campaignIdHint')),
    field('campaign-name', t('campaignName'), { required: true }),
    field('campaign-start', t('campaignStart'), { type: 'date', required: true }),
    field('campaign-end', t('campaignEnd'), { type: 'date', required: true }),
    field('campaign-landing', t('campaignLanding'), { type: 'url', required: true, pattern: 'https://.*' }),
    rows,
    h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => {
        creatives.push({ key: `c${creatives.length + 1}`, label: '' });
        drawRows();
      } }, t('addCreative')),
      h('button', { type: 'submit' }, t('campaignSave'))),
    h('p', { id: 'campaign-status', role: 'status', tabindex: '-1' }, messages.campaign || '')));
}

function impressionsForm(main, list) {
  return h('section', { 'aria-labelledby': 'impressions-heading' },
    h('h2', { id: 'impressions-heading' }, t('impressionsTitle')),
    h('form', { id: 'impressions-form', onsubmit: async (event) => {
      event.preventDefault();
      const data = new FormData(event.target);
      const id = data.get('impressions-campaign');
      const file = data.get('impressions-file');
      const reach = data.get('impressions-reach');
      const query = reach ? `?reach=${encodeURIComponent(reach)}` : '';
      const answer = await api('PUT', `/v1/campaigns/${encodeURIComponent(id)}/impressions${query}`,
        { text: await file.text(), contentType: 'text/csv' }).catch((e) => ({ status: 0, body: { message: e.message } }));
      messages.impressions = answer.status >= 200 && answer.status < 300
        ? t('uploaded', { id }) : t('requestFailed', { detail: problem(answer) });
      await renderCampaigns(main);
      document.getElementById('impressions-status')?.focus();
    } },
    h('div', { class: 'question' },
      h('label', { for: 'impressions-campaign' }, t('campaign')),
      h('select', { id: 'impressions-campaign', name: 'impressions-campaign', required: true },
        list.map((c) => h('option', { value: c.id }, `${c.name} (${c.id})`)))),
    field('impressions-file', t('impressionsFile'), { type: 'file', accept: '.csv,text/csv', required: true }),
    field('impressions-reach', t('reach'), { type: 'number', min: '0', step: '1' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', disabled: !list.length }, t('upload'))),
    h('p', { id: 'impressions-status', role: 'status', tabindex: '-1' }, messages.impressions || '')));
}
