// Settings section (admins): how messages go out - the marketing frequency cap, quiet hours in the business time zone,
// and the webhook that takes chosen kinds - saved as a new version based on the one shown, with field errors beside
// their fields and the history; and the webhook's signing secret: made on request, shown once, never again.
import { api } from '../../auth.js';
import { clearProblem, h, newest, problemText, showProblem, when } from '../../dom.js';
import { historyDiff } from '../../history.js';
import { t } from '../../i18n.js';

const $ = (id) => document.getElementById(id);
let policy = null;
// Read again every time the area is opened and after a save: only the newest answer is drawn.
const policyReads = newest();
const secretReads = newest();

function versionLine(v) {
  const p = v.policy;
  const quiet = p.quietStart === p.quietEnd ? t('policyNoQuiet') : `${p.quietStart}–${p.quietEnd}`;
  const webhook = p.webhookUrl ? `${p.webhookUrl} (${(p.webhookKinds || []).map((k) => t(`kind_${k}`)).join(', ') || '—'})` : '—';
  const who = v.version === 0 ? t('builtIn') : `${v.changedBy} · ${when(v.changedAt)}`;
  return `v${v.version} · ${who}: ${t('policyCapLine').replace('{count}', p.capCount).replace('{days}', p.capDays)} · `
    + `${t('policyQuiet')} ${quiet} · ${t('policyWebhook')} ${webhook}`;
}

function numberOrNull(id) {
  const value = $(id).value.trim();
  return value === '' ? null : Number(value);
}

async function kinds() {
  // The kinds and their purposes are the API's (the templates' answer lists them).
  const response = await api('/v1/admin/messaging/templates');
  const body = await response.json().catch(() => ({})); // read either way: a body never read keeps its request open
  return response.ok ? body.kinds : [];
}

async function loadPolicy() {
  const isNewest = policyReads();
  const [current, history, known] = await Promise.all([api('/v1/admin/messaging/policy'),
    api('/v1/admin/messaging/policy/history?limit=20'), kinds()]);
  // Both read to their end whatever they say: a fetch whose body is never read never finishes in the browser.
  const [body, past] = await Promise.all([current.json().catch(() => ({})), history.json().catch(() => ({}))]);
  if (!isNewest()) return;
  if (!current.ok) {
    $('policy-status').textContent = problemText(body);
    return;
  }
  policy = body;
  const p = body.policy;
  $('policy-version').textContent = versionLine(body);
  $('policy-capCount').value = String(p.capCount);
  $('policy-capDays').value = String(p.capDays);
  $('policy-quietStart').value = p.quietStart;
  $('policy-quietEnd').value = p.quietEnd;
  $('policy-webhookUrl').value = p.webhookUrl || '';
  $('policy-kinds').replaceChildren(...known.map((k) => h('label', { class: 'inline' },
    h('input', { type: 'checkbox', name: 'webhookKind', value: k.kind, checked: (p.webhookKinds || []).includes(k.kind) }),
    ' ', h('span', { 'data-i18n': `kind_${k.kind}` }))));
  $('policy-stale').hidden = true;
  clearProblem($('policy-form'));
  const items = history.ok ? past.items : [];
  $('policy-history').replaceChildren(...items.map((v) => h('li', { 'data-version': String(v.version) }, versionLine(v))));
  historyDiff($('policy-history'), items);
}

async function savePolicy(event) {
  event.preventDefault();
  const form = $('policy-form');
  const proposed = {
    capCount: numberOrNull('policy-capCount'), capDays: numberOrNull('policy-capDays'),
    quietStart: $('policy-quietStart').value, quietEnd: $('policy-quietEnd').value,
    webhookUrl: $('policy-webhookUrl').value.trim() || null,
    webhookKinds: [...form.querySelectorAll('input[name=webhookKind]:checked')].map((box) => box.value),
  };
  const response = await api('/v1/admin/messaging/policy', {
    method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ basedOn: policy.version, policy: proposed }) });
  const body = await response.json().catch(() => ({}));
  if (response.status === 409) {
    clearProblem(form);
    $('policy-status').textContent = '';
    $('policy-stale').hidden = false;
    return;
  }
  if (!response.ok) {
    // policy.capCount -> capCount; policy.webhookKinds[0] -> webhookKinds
    showProblem(form, body, $('policy-status'), (field) => field.replace(/^policy\./, '').replace(/\[\d+\]$/, ''));
    return;
  }
  await loadPolicy();
  $('policy-status').textContent = t('rulesSaved').replace('{version}', body.version);
}

// ---- the webhook secret ----

async function loadSecret() {
  const isNewest = secretReads();
  const response = await api('/v1/admin/messaging/webhook-secret');
  const body = await response.json().catch(() => ({}));
  if (!isNewest()) return;
  if (response.status === 404) $('secret-created').textContent = t('secretNone');
  else if (response.ok) $('secret-created').textContent = t('secretCreatedAt').replace('{at}', when(body.createdAt));
  else $('secret-created').textContent = problemText(body);
}

async function createSecret() {
  if (!confirm(t('secretConfirm'))) return;
  $('secret-new').hidden = true;
  const response = await api('/v1/admin/messaging/webhook-secret', { method: 'POST' });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    $('secret-status').textContent = problemText(body);
    return;
  }
  $('secret-status').textContent = '';
  $('secret-value').textContent = body.secret;
  $('secret-copied').textContent = '';
  $('secret-new').hidden = false;
  $('secret-created').textContent = t('secretCreatedAt').replace('{at}', when(body.createdAt));
}

async function copySecret() {
  try {
    await navigator.clipboard.writeText($('secret-value').textContent);
    $('secret-copied').textContent = t('copied');
  } catch {
    // No clipboard (permission refused): select it for the operator to copy.
    getSelection().selectAllChildren($('secret-value'));
    $('secret-copied').textContent = t('copyManually');
  }
}

// ---- markup ----

function field(name, labelKey, control) {
  return h('label', { class: 'inline' }, h('span', { 'data-i18n': labelKey }), ' ', control,
    h('span', { class: 'error small', 'data-error-for': name, role: 'alert', hidden: true }));
}

function card() {
  const input = (name, attrs) => h('input', { id: `policy-${name}`, name, ...attrs });
  return h('section', { id: 'messaging-settings', class: 'card' },
    h('h2', { 'data-i18n': 'policyTitle' }),
    h('p', { class: 'muted', 'data-i18n': 'policyIntro' }),
    h('p', { id: 'policy-version', class: 'muted' }),
    h('form', { id: 'policy-form', novalidate: true, onsubmit: savePolicy },
      h('div', { class: 'row wrap' },
        field('capCount', 'policyCapCount', input('capCount', { type: 'number', min: '0', max: '100', step: '1', class: 'narrow' })),
        field('capDays', 'policyCapDays', input('capDays', { type: 'number', min: '1', max: '90', step: '1', class: 'narrow' }))),
      h('div', { class: 'row wrap' },
        field('quietStart', 'policyQuietStart', input('quietStart', { type: 'time', step: '60' })),
        field('quietEnd', 'policyQuietEnd', input('quietEnd', { type: 'time', step: '60' })),
        h('span', { class: 'muted small', 'data-i18n': 'policyQuietHint' })),
      h('label', {}, h('span', { 'data-i18n': 'policyWebhookUrl' }),
        input('webhookUrl', { type: 'url', maxlength: '500', placeholder: 'https://' }),
        h('span', { class: 'error small', 'data-error-for': 'webhookUrl', role: 'alert', hidden: true })),
      h('fieldset', {}, h('legend', { 'data-i18n': 'policyWebhookKinds' }),
        h('div', { id: 'policy-kinds', class: 'row wrap' }),
        h('span', { class: 'error small', 'data-error-for': 'webhookKinds', role: 'alert', hidden: true })),
      h('div', { class: 'row' },
        h('button', { type: 'submit', 'data-i18n': 'saveRules' }),
        h('button', { type: 'button', class: 'secondary', 'data-i18n': 'reload',
          onclick: () => { $('policy-status').textContent = ''; loadPolicy(); } })),
      h('p', { id: 'policy-status', class: 'muted', role: 'status' }),
      h('div', { id: 'policy-stale', class: 'notice', hidden: true },
        h('p', { 'data-i18n': 'tplStale' }),
        h('button', { type: 'button', 'data-i18n': 'reload', onclick: () => { $('policy-status').textContent = ''; loadPolicy(); } }))),
    h('h3', { 'data-i18n': 'history' }),
    h('ul', { id: 'policy-history' }),
    h('h3', { 'data-i18n': 'secretTitle' }),
    h('p', { class: 'muted', 'data-i18n': 'secretIntro' }),
    h('p', { id: 'secret-created' }),
    h('button', { id: 'secret-create', type: 'button', 'data-i18n': 'secretCreate', onclick: createSecret }),
    h('div', { id: 'secret-new', class: 'notice', hidden: true },
      h('p', { 'data-i18n': 'secretOnce' }),
      h('code', { id: 'secret-value' }),
      h('div', { class: 'row' }, h('button', { id: 'secret-copy', type: 'button', class: 'secondary', 'data-i18n': 'copy', onclick: copySecret }),
        h('span', { id: 'secret-copied', class: 'muted', role: 'status' }))),
    h('p', { id: 'secret-status', class: 'error', role: 'status' }));
}

/** A section of the settings area: its markup once, its data each time the area is opened. */
export default {
  render: card,

  show() {
    $('policy-status').textContent = '';
    $('secret-status').textContent = '';
    $('secret-new').hidden = true;
    loadPolicy();
    loadSecret();
  },
};
