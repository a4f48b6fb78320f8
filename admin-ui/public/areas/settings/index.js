// Settings area (admins): channel API keys - list, create (the key is shown once), revoke - the versioned
// engagement rules - weights, daily caps and points per interaction type, decay, lots, categories, tiers - and the
// versioned KPI targets, each edited as a new version based on the one shown (a concurrent change is refused by the
// API), with their history. Further sections (SECTIONS: their own markup and loading) follow these.
import { api } from '../../auth.js';
import { cell, h, nameControlsByHeaders, newest, problemText, thead, when } from '../../dom.js';
import { historyDiff } from '../../history.js';
import { t } from '../../i18n.js';
import complaints from './complaints.js';
import messaging from './messaging.js';
import admission from './admission.js';
import notices from './notices.js';

const $ = (id) => document.getElementById(id);
const CHANNELS = ['web', 'wechat', 'weibo', 'douyin', 'store', 'event'];
const NUMBERS = ['halfLifeDays', 'lotMonths', 'expiryWarningDays', 'tierHoldMonths', 'downgradeWarningDays'];
const RATES = ['monthlyActiveRate', 'annualRetention', 'conversion'];
let rules = null;
let targets = null;
// Each is read again every time the area is opened and after a save: only the newest answer is drawn.
const keyReads = newest();
const ruleReads = newest();
const targetReads = newest();

/** Sections kept in their own modules: each { render() -> its card, show() -> reads its data }. */
const SECTIONS = [messaging, complaints, admission, notices];

function numberInput(value, path, step = '1') {
  return h('input', { type: 'number', step, min: '0', value: value ?? '', 'data-path': path, class: 'narrow' });
}

// ---- channel keys ----

async function loadKeys() {
  const isNewest = keyReads();
  const response = await api('/v1/admin/channel-keys');
  const body = await response.json();
  if (!isNewest()) return;
  if (!response.ok) {
    $('keys-status').textContent = problemText(body);
    return;
  }
  $('keys-list').tBodies[0].replaceChildren(...body.items.map((k) => h('tr', {},
    cell(k.keyId), cell(t(`ch_${k.channel}`)), cell(k.name), cell(`${when(k.createdAt)} · ${k.createdBy}`),
    cell(k.revokedAt ? `${t('revoked')} ${when(k.revokedAt)}`
      : h('button', { type: 'button', class: 'secondary', onclick: () => revoke(k) }, t('revoke'))))));
  $('keys-empty').hidden = body.items.length > 0;
}

async function revoke(key) {
  if (!confirm(t('revokeConfirm').replace('{name}', key.name))) return;
  const response = await api(`/v1/admin/channel-keys/${encodeURIComponent(key.keyId)}`, { method: 'DELETE' });
  const body = await response.json().catch(() => ({})); // read either way: a body never read keeps its request open
  $('keys-status').textContent = response.ok ? t('keyRevoked') : problemText(body);
  await loadKeys();
}

async function createKey(event) {
  event.preventDefault();
  $('new-key').hidden = true;
  const response = await api('/v1/admin/channel-keys', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ channel: $('key-channel').value, name: $('key-name').value }),
  });
  const body = await response.json();
  if (!response.ok) {
    $('keys-status').textContent = problemText(body);
    return;
  }
  $('keys-status').textContent = '';
  $('new-key-value').textContent = body.apiKey;
  $('new-key').hidden = false;
  $('key-form').reset();
  await loadKeys();
}

// ---- engagement rules ----

function renderRules(r) {
  rules = r;
  $('rules-version').textContent = r.version === 0 ? t('rulesVersion0')
    : t('rulesVersion').replace('{version}', r.version).replace('{by}', r.changedBy).replace('{at}', when(r.changedAt));
  const types = Object.keys(r.weights);
  $('rules-types').tBodies[0].replaceChildren(...types.map((type) => h('tr', {},
    cell(t(`type_${type}`)), cell(numberInput(r.weights[type], `weights.${type}`)),
    cell(type in r.dailyCaps ? numberInput(r.dailyCaps[type], `dailyCaps.${type}`) : t('uncapped')),
    cell(numberInput(r.points[type], `points.${type}`)))));
  $('rules-numbers').replaceChildren(...NUMBERS.map((name) => h('label', { class: 'inline' },
    h('span', {}, t(`rule_${name}`)), ' ', numberInput(r[name], name))));
  $('rules-categories').tBodies[0].replaceChildren(...Object.entries(r.categories).map(([category, c]) => h('tr', {},
    cell(t(`cat_${category}`)), cell(numberInput(c.minScore, `categories.${category}.minScore`, 'any')),
    cell(numberInput(c.minActiveDays, `categories.${category}.minActiveDays`)))));
  $('rules-tiers').tBodies[0].replaceChildren(...Object.entries(r.tiers).map(([tier, th]) => h('tr', {},
    cell(t(`tier_${tier}`)), cell(numberInput(th.points, `tiers.${tier}.points`)),
    cell(numberInput(th.spend, `tiers.${tier}.spend`, 'any')), cell(numberInput(th.referrals, `tiers.${tier}.referrals`)))));
  ['rules-types', 'rules-categories', 'rules-tiers'].forEach((id) => nameControlsByHeaders($(id)));
  $('rules-money').textContent = t('rulesMoney').replace('{base}', r.baseCurrency)
    .replace('{rates}', Object.entries(r.pointsPerUnit).map(([cur, rate]) => `${cur} ${rate}`).join(', '));
}

/** The rules shown, with every edited number put back at its path (version, author and time are the server's;
 * basedOn travels beside the rules, not in them). */
function editedRules() {
  const { basedOn, ...next } = structuredClone(rules);
  document.querySelectorAll('#rules-form input[data-path]').forEach((input) => {
    const path = input.dataset.path.split('.');
    let target = next;
    for (const part of path.slice(0, -1)) target = target[part];
    target[path[path.length - 1]] = input.value === '' ? null : Number(input.value);
  });
  return next;
}

async function loadRules() {
  const isNewest = ruleReads();
  const [current, history] = await Promise.all([api('/v1/admin/engagement/rules'), api('/v1/admin/engagement/rules/history')]);
  // Both read to their end whatever they say: a fetch whose body is never read never finishes in the browser.
  const [body, past] = await Promise.all([current.json().catch(() => ({})), history.json().catch(() => ({}))]);
  if (!isNewest()) return;
  if (!current.ok) {
    $('rules-status').textContent = problemText(body);
    return;
  }
  renderRules(body);
  const items = history.ok ? past.items : [];
  $('rules-history').replaceChildren(...items.map((r) => h('li', {}, versionLine(r))));
  historyDiff($('rules-history'), items);
}

async function saveRules(event) {
  event.preventDefault();
  const response = await api('/v1/admin/engagement/rules', {
    method: 'PUT', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ basedOn: rules.version, rules: editedRules() }),
  });
  const body = await response.json();
  if (!response.ok) {
    $('rules-status').textContent = problemText(body);
    return;
  }
  $('rules-status').textContent = t('rulesSaved').replace('{version}', body.version);
  await loadRules();
}

// ---- KPI targets ----

function versionLine(v) {
  return v.version === 0 ? `v0 · ${t('builtIn')}` : `v${v.version} · ${v.changedBy} · ${when(v.changedAt)}`;
}

async function loadTargets() {
  const isNewest = targetReads();
  const [current, history] = await Promise.all([api('/v1/admin/metrics/targets'), api('/v1/admin/metrics/targets/history')]);
  // Both read to their end whatever they say: a fetch whose body is never read never finishes in the browser.
  const [body, past] = await Promise.all([current.json().catch(() => ({})), history.json().catch(() => ({}))]);
  if (!isNewest()) return;
  if (!current.ok) {
    $('targets-status').textContent = problemText(body);
    return;
  }
  targets = body;
  $('targets-version').textContent = versionLine(targets);
  // Rates are fractions in the API (0.6) and percentages here (60).
  for (const name of RATES) $(`target-${name}`).value = String(Math.round(targets[name] * 10000) / 100);
  $('target-satisfaction').value = String(targets.satisfaction);
  const items = history.ok ? past.items : [];
  $('targets-history').replaceChildren(...items.map((v) => h('li', {},
    `${versionLine(v)}: ${RATES.map((name) => `${t(`kpi_${name}`)} ${Math.round(v[name] * 10000) / 100}%`).join(', ')}, `
      + `${t('kpi_satisfaction')} ${v.satisfaction}`)));
  historyDiff($('targets-history'), items);
}

async function saveTargets(event) {
  event.preventDefault();
  const proposed = Object.fromEntries(RATES.map((name) => [name, Number((Number($(`target-${name}`).value) / 100).toFixed(4))]));
  proposed.satisfaction = Number($('target-satisfaction').value);
  const response = await api('/v1/admin/metrics/targets', {
    method: 'PUT', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ basedOn: targets.version, targets: proposed }),
  });
  const body = await response.json();
  $('targets-status').textContent = response.ok ? t('rulesSaved').replace('{version}', body.version) : problemText(body);
  if (response.ok) await loadTargets();
}

// ---- markup ----

function keysCard() {
  return h('section', { class: 'card' },
    h('h2', { 'data-i18n': 'keysTitle' }),
    h('p', { class: 'muted', 'data-i18n': 'keysIntro' }),
    h('form', { id: 'key-form', class: 'row', onsubmit: createKey },
      h('label', { class: 'inline' }, h('span', { 'data-i18n': 'colChannel' }), ' ',
        h('select', { id: 'key-channel' }, CHANNELS.map((c) => h('option', { value: c, 'data-i18n': `ch_${c}` })))),
      h('label', { class: 'inline' }, h('span', { 'data-i18n': 'keyName' }), ' ', h('input', { id: 'key-name', required: true, maxlength: '80' })),
      h('button', { type: 'submit', 'data-i18n': 'createKey' })),
    h('div', { id: 'new-key', class: 'notice', hidden: true },
      h('p', { 'data-i18n': 'newKeyOnce' }),
      h('code', { id: 'new-key-value' })),
    h('p', { id: 'keys-status', class: 'muted', role: 'status' }),
    h('table', { id: 'keys-list' }, thead({ text: 'ID' }, 'colChannel', 'keyName', 'keyCreated', ''), h('tbody')),
    h('p', { id: 'keys-empty', class: 'muted', 'data-i18n': 'noKeys', hidden: true }));
}

function rulesCard() {
  return h('section', { class: 'card' },
    h('h2', { 'data-i18n': 'rulesTitle' }),
    h('p', { id: 'rules-version', class: 'muted' }),
    h('form', { id: 'rules-form', onsubmit: saveRules },
      h('table', { id: 'rules-types', class: 'compact' }, thead('colType', 'ruleWeight', 'ruleCap', 'colPoints'), h('tbody')),
      h('p', { id: 'rules-money', class: 'muted' }),
      h('div', { id: 'rules-numbers', class: 'row' }),
      h('h3', { 'data-i18n': 'categories' }),
      h('table', { id: 'rules-categories', class: 'compact' }, thead('', 'ruleMinScore', 'ruleMinActiveDays'), h('tbody')),
      h('h3', { 'data-i18n': 'ruleTiers' }),
      h('table', { id: 'rules-tiers', class: 'compact' }, thead('', 'engPointsEarned', 'engSpend', 'engReferrals'), h('tbody')),
      h('div', { class: 'row' },
        h('button', { type: 'submit', 'data-i18n': 'saveRules' }),
        h('button', { id: 'rules-reload', type: 'button', class: 'secondary', 'data-i18n': 'reload',
          onclick: () => { $('rules-status').textContent = ''; loadRules(); } })),
      h('p', { id: 'rules-status', class: 'muted', role: 'status' })),
    h('h3', { 'data-i18n': 'history' }),
    h('ul', { id: 'rules-history' }));
}

function targetsCard() {
  const target = (name, unit, min, max) => h('label', { class: 'inline' }, h('span', { 'data-i18n': `kpi_${name}` }), ` (${unit}) `,
    h('input', { id: `target-${name}`, type: 'number', step: '0.01', min, max, class: 'narrow', required: true }));
  return h('section', { class: 'card' },
    h('h2', { 'data-i18n': 'targetsTitle' }),
    h('p', { class: 'muted', 'data-i18n': 'targetsIntro' }),
    h('p', { id: 'targets-version', class: 'muted' }),
    h('form', { id: 'targets-form', class: 'row', onsubmit: saveTargets },
      RATES.map((name) => target(name, '%', '0', '100')),
      target('satisfaction', '1-5', '1', '5'),
      h('button', { type: 'submit', 'data-i18n': 'saveRules' })),
    h('p', { id: 'targets-status', class: 'muted', role: 'status' }),
    h('h3', { 'data-i18n': 'history' }),
    h('ul', { id: 'targets-history' }));
}

export default {
  id: 'settings',
  nav: 'navSettings',
  opensWith: ['settings'],

  render(container) {
    container.append(h('div', { id: 'settings' }, keysCard(), rulesCard(), targetsCard(), SECTIONS.map((section) => section.render())));
  },

  /** Reads keys, rules and targets afresh each time the area is opened. */
  show() {
    for (const id of ['keys-status', 'rules-status', 'targets-status']) $(id).textContent = '';
    $('new-key').hidden = true;
    loadKeys();
    loadRules();
    loadTargets();
    for (const section of SECTIONS) section.show();
  },
};
