// Settings section (admins): admission - auto (a sign-up is a member at once) or review (it waits, pending, for an
// operator's approval) - saved as a new version based on the one shown, with its history and the diff of two versions.
import { api } from '../../auth.js';
import { h, newest, problemText, when } from '../../dom.js';
import { historyDiff } from '../../history.js';
import { t } from '../../i18n.js';

const $ = (id) => document.getElementById(id);
let shown = null;
const reads = newest();

const line = (v) => (v.version === 0 ? `v0 · ${t('builtIn')}: ${t(`admission_${v.admission}`)}`
  : `v${v.version} · ${v.changedBy} · ${when(v.changedAt)}: ${t(`admission_${v.admission}`)}`);

async function load() {
  const isNewest = reads();
  const response = await api('/v1/admin/settings/members');
  const body = await response.json().catch(() => ({}));
  if (!isNewest()) return;
  if (!response.ok) {
    $('admission-status').textContent = problemText(body);
    return;
  }
  shown = body.current;
  $('admission-version').textContent = line(body.current);
  $('admission-mode').value = body.current.admission;
  $('admission-history').replaceChildren(...body.history.map((v) => h('li', { 'data-version': String(v.version) }, line(v))));
  historyDiff($('admission-history'), body.history);
}

async function save(event) {
  event.preventDefault();
  const response = await api('/v1/admin/settings/members', {
    method: 'PUT', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ basedOn: shown.version, admission: $('admission-mode').value }),
  });
  const body = await response.json().catch(() => ({}));
  $('admission-status').textContent = response.ok ? t('rulesSaved').replace('{version}', body.version) : problemText(body);
  if (response.ok) await load();
}

export default {
  render() {
    return h('section', { class: 'card', id: 'admission-settings' },
      h('h2', { 'data-i18n': 'admissionTitle' }),
      h('p', { class: 'muted', 'data-i18n': 'admissionIntro' }),
      h('p', { id: 'admission-version', class: 'muted' }),
      h('form', { id: 'admission-form', class: 'row', onsubmit: save },
        h('label', { class: 'inline' }, h('span', { 'data-i18n': 'admissionMode' }), ' ',
          h('select', { id: 'admission-mode' }, ['auto', 'review'].map((m) => h('option', { value: m, 'data-i18n': `admission_${m}` })))),
        h('button', { type: 'submit', 'data-i18n': 'saveRules' })),
      h('p', { id: 'admission-status', class: 'muted', role: 'status' }),
      h('h3', { 'data-i18n': 'history' }),
      h('ul', { id: 'admission-history' }));
  },
  show() {
    $('admission-status').textContent = '';
    load();
  },
};
