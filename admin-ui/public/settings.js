// Settings area (admins): channel API keys - list, create (the key is shown once), revoke - the versioned
// engagement rules - weights, daily caps and points per interaction type, decay, lots, categories, tiers - and the
// versioned KPI targets, each edited as a new version based on the one shown (a concurrent change is refused by the
// API), with their history.
import { api } from './auth.js';
import { cell, problemText, when } from './dom.js';
import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);
const CHANNELS = ['web', 'wechat', 'weibo', 'douyin', 'store', 'event'];
const NUMBERS = ['halfLifeDays', 'lotMonths', 'expiryWarningDays', 'tierHoldMonths', 'downgradeWarningDays'];
const RATES = ['monthlyActiveRate', 'annualRetention', 'conversion'];
let rules = null;
let targets = null;

function numberInput(value, path, step = '1') {
  const input = document.createElement('input');
  input.type = 'number';
  input.step = step;
  input.min = '0';
  input.value = value ?? '';
  input.dataset.path = path;
  input.className = 'narrow';
  return input;
}

// ---- channel keys ----

async function loadKeys() {
  const response = await api('/v1/admin/channel-keys');
  const body = await response.json();
  if (!response.ok) {
    $('keys-status').textContent = problemText(body);
    return;
  }
  $('keys-list').tBodies[0].replaceChildren(...body.items.map((k) => {
    const tr = document.createElement('tr');
    let state;
    if (k.revokedAt) {
      state = `${t('revoked')} ${when(k.revokedAt)}`;
    } else {
      state = document.createElement('button');
      state.type = 'button';
      state.className = 'secondary';
      state.textContent = t('revoke');
      state.addEventListener('click', () => revoke(k));
    }
    tr.append(cell(k.keyId), cell(t(`ch_${k.channel}`)), cell(k.name), cell(`${when(k.createdAt)} · ${k.createdBy}`), cell(state));
    return tr;
  }));
  $('keys-empty').hidden = body.items.length > 0;
}

async function revoke(key) {
  if (!confirm(t('revokeConfirm').replace('{name}', key.name))) return;
  const response = await api(`/v1/admin/channel-keys/${encodeURIComponent(key.keyId)}`, { method: 'DELETE' });
  $('keys-status').textContent = response.ok ? t('keyRevoked') : problemText(await response.json());
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
  $('rules-types').tBodies[0].replaceChildren(...types.map((type) => {
    const tr = document.createElement('tr');
    const cap = type in r.dailyCaps ? numberInput(r.dailyCaps[type], `dailyCaps.${type}`) : t('uncapped');
    tr.append(cell(t(`type_${type}`)), cell(numberInput(r.weights[type], `weights.${type}`)), cell(cap),
      cell(numberInput(r.points[type], `points.${type}`)));
    return tr;
  }));
  $('rules-numbers').replaceChildren(...NUMBERS.map((name) => {
    const label = document.createElement('label');
    label.className = 'inline';
    const span = document.createElement('span');
    span.textContent = t(`rule_${name}`);
    label.append(span, ' ', numberInput(r[name], name));
    return label;
  }));
  $('rules-categories').tBodies[0].replaceChildren(...Object.entries(r.categories).map(([category, c]) => {
    const tr = document.createElement('tr');
    tr.append(cell(t(`cat_${category}`)), cell(numberInput(c.minScore, `categories.${category}.minScore`, 'any')),
      cell(numberInput(c.minActiveDays, `categories.${category}.minActiveDays`)));
    return tr;
  }));
  $('rules-tiers').tBodies[0].replaceChildren(...Object.entries(r.tiers).map(([tier, th]) => {
    const tr = document.createElement('tr');
    tr.append(cell(t(`tier_${tier}`)), cell(numberInput(th.points, `tiers.${tier}.points`)),
      cell(numberInput(th.spend, `tiers.${tier}.spend`, 'any')), cell(numberInput(th.referrals, `tiers.${tier}.referrals`)));
    return tr;
  }));
  $('rules-money').textContent = t('rulesMoney').replace('{base}', r.baseCurrency)
    .replace('{rates}', Object.entries(r.pointsPerUnit).map(([cur, rate]) => `${cur} ${rate}`).join(', '));
}

/** The rules shown, with every edited number put back at its path (version, author and time are the server's). */
function editedRules() {
  const next = structuredClone(rules);
  document.querySelectorAll('#rules-form input[data-path]').forEach((input) => {
    const path = input.dataset.path.split('.');
    let target = next;
    for (const part of path.slice(0, -1)) target = target[part];
    target[path[path.length - 1]] = input.value === '' ? null : Number(input.value);
  });
  return next;
}

async function loadRules() {
  const [current, history] = await Promise.all([api('/v1/admin/engagement/rules'), api('/v1/admin/engagement/rules/history')]);
  if (!current.ok) {
    $('rules-status').textContent = problemText(await current.json());
    return;
  }
  renderRules(await current.json());
  const items = history.ok ? (await history.json()).items : [];
  $('rules-history').replaceChildren(...items.map((r) => {
    const li = document.createElement('li');
    li.textContent = versionLine(r);
    return li;
  }));
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
  const [current, history] = await Promise.all([api('/v1/admin/metrics/targets'), api('/v1/admin/metrics/targets/history')]);
  if (!current.ok) {
    $('targets-status').textContent = problemText(await current.json());
    return;
  }
  targets = await current.json();
  $('targets-version').textContent = versionLine(targets);
  // Rates are fractions in the API (0.6) and percentages here (60).
  for (const name of RATES) $(`target-${name}`).value = String(Math.round(targets[name] * 10000) / 100);
  $('target-satisfaction').value = String(targets.satisfaction);
  const items = history.ok ? (await history.json()).items : [];
  $('targets-history').replaceChildren(...items.map((v) => {
    const li = document.createElement('li');
    li.textContent = `${versionLine(v)}: ${RATES.map((name) => `${t(`kpi_${name}`)} ${Math.round(v[name] * 10000) / 100}%`).join(', ')}, `
      + `${t('kpi_satisfaction')} ${v.satisfaction}`;
    return li;
  }));
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

export function showSettings() {
  $('key-channel').replaceChildren(...CHANNELS.map((c) => {
    const option = document.createElement('option');
    option.value = c;
    option.textContent = t(`ch_${c}`);
    return option;
  }));
  $('key-form').onsubmit = createKey;
  $('rules-form').onsubmit = saveRules;
  $('targets-form').onsubmit = saveTargets;
  $('targets-status').textContent = '';
  $('rules-reload').onclick = () => { $('rules-status').textContent = ''; loadRules(); };
  $('new-key').hidden = true;
  $('keys-status').textContent = '';
  $('rules-status').textContent = '';
  loadKeys();
  loadRules();
  loadTargets();
}
