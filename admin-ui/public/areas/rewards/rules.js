// Reward rules: what issues an item by itself (a tier reached, a welcome, a birthday with consent, a holiday of the
// calendar, an anniversary, a win-back, a service recovery, top participants), with their conditions and cap, and the
// approval threshold above which a manager's grant waits for an admin (only admins change it). Admins and managers edit
// one rule at a time and save every rule as a new version based on the one shown - refused fields beside them, a version
// saved meanwhile a conflict to reload - with the history. The holiday calendar is kept as it is.
import { cell, clearProblem, h, newest, showProblem, thead, whileBusy } from '../../dom.js';
import { historyDiff } from '../../history.js';
import { t } from '../../i18n.js';
import { CATEGORIES, KINDS, PURPOSES, TIERS, TRIGGERS, call, fen, label, money, named, versionLine, yuan } from './format.js';

const $ = (id) => document.getElementById(id);
const HISTORY_PAGE = 20;
let current = null;
let items = [];
let editing = null;
let can = { edit: false, threshold: false };
const reads = newest();

function conditions(r) {
  const parts = [];
  if (r.tiers?.length) parts.push(r.tiers.map((x) => t(`tier_${x}`)).join('/'));
  if (r.categories?.length) parts.push(r.categories.map((x) => t(`cat_${x}`)).join('/'));
  if (r.holiday) parts.push(named(current.calendar?.[r.holiday]?.name, r.holiday));
  if (r.withinDays) parts.push(t('rwWithinDaysShort').replace('{n}', r.withinDays));
  if (r.topN) parts.push(t('rwTopNShort').replace('{n}', r.topN));
  if (r.consentPurpose) parts.push(t(`purpose_${r.consentPurpose}`));
  if (r.capPerMember) parts.push(t('rwCapShort').replace('{n}', r.capPerMember));
  return parts.join(' · ') || '—';
}

function draw() {
  const rules = current?.rules || [];
  $('rw-rules-list').tBodies[0].replaceChildren(...rules.map((r, i) => h('tr', { 'data-rule': r.ruleId },
    cell(h('code', {}, r.ruleId)), cell(named(r.name)), cell(label('rwTrigger_', r.trigger)), cell(r.itemId), cell(conditions(r), 'small'),
    cell(r.active ? t('rwActive') : t('rwInactive')),
    can.edit ? cell(h('button', { type: 'button', class: 'secondary', 'data-i18n': 'rwEdit', onclick: () => open(i) })) : null)));
  $('rw-rules-empty').hidden = rules.length > 0;
  $('rw-threshold-value').textContent = money(current?.approvalAbove);
}

export async function loadRules() {
  const isNewest = reads();
  try {
    const rules = await call('/v1/admin/rewards/rules');
    if (!isNewest()) return;
    current = rules;
    $('rw-rules-version').textContent = versionLine(current);
    $('rw-rules-stale').hidden = true;
    $('rw-threshold').value = yuan(current.approvalAbove);
    draw();
  } catch (error) {
    $('rw-rules-status').textContent = error.message;
  }
}

async function loadHistory(cursor) {
  const params = new URLSearchParams({ limit: String(HISTORY_PAGE) });
  if (cursor) params.set('cursor', cursor);
  try {
    const body = await call(`/v1/admin/rewards/rules/history?${params}`);
    const rows = body.items.map((v) => h('li', { 'data-version': String(v.version) }, versionLine(v)));
    if (cursor) $('rw-rules-history').append(...rows); else $('rw-rules-history').replaceChildren(...rows);
    historyDiff($('rw-rules-history'), body.items, { append: !!cursor });
    const more = $('rw-rules-history-more');
    more.hidden = !body.next;
    more.onclick = whileBusy(more, () => loadHistory(body.next));
  } catch (error) {
    $('rw-rules-status').textContent = error.message;
  }
}

/** The catalogue's items, for the item a rule issues (told by the catalogue card each time it reads a version). */
export function catalogueChanged(catalogue) {
  items = catalogue.items || [];
}

// ---- the editor ----

const form = () => $('rw-rule-form');
const input = (name) => form().querySelector(`[name="${CSS.escape(name)}"]`);
const whole = (value) => (String(value ?? '').trim() === '' ? null : Number(value));

function checks(name, values) {
  form().querySelectorAll(`input[name=${name}]`).forEach((box) => { box.checked = (values || []).includes(box.value); });
}

function checked(name) {
  return [...form().querySelectorAll(`input[name=${name}]:checked`)].map((box) => box.value);
}

function byTrigger() {
  const trigger = input('trigger').value;
  $('rw-rule-holiday').hidden = trigger !== 'holiday';
  $('rw-rule-withinDays').hidden = trigger !== 'win-back';
  $('rw-rule-topN').hidden = trigger !== 'top-participant';
  $('rw-rule-complaintCategories').hidden = trigger !== 'service-recovery';
  for (const id of ['minTier', 'maxScore', 'onBreach']) $(`rw-rule-${id}`).hidden = trigger !== 'service-recovery';
}

function open(index) {
  editing = index;
  const r = index >= 0 ? current.rules[index] : { trigger: 'welcome', active: true, kinds: ['member'] };
  const f = form();
  f.reset();
  clearProblem(f);
  $('rw-rule-status').textContent = '';
  $('rw-rule-title').textContent = index >= 0 ? `${t('rwEditRule')} ${r.ruleId}` : t('rwNewRule');
  input('ruleId').value = r.ruleId ?? '';
  input('ruleId').readOnly = index >= 0;
  input('trigger').value = r.trigger;
  input('itemId').replaceChildren(h('option', { value: '' }, '—'),
    ...items.map((item) => h('option', { value: item.itemId }, `${named(item.name)} (${item.itemId})`)));
  input('itemId').value = r.itemId ?? '';
  input('active').checked = r.active !== false;
  input('name.zh-CN').value = r.name?.['zh-CN'] ?? '';
  input('name.en').value = r.name?.en ?? '';
  checks('tiers', r.tiers);
  checks('categories', r.categories);
  checks('kinds', r.kinds);
  input('consentPurpose').value = r.consentPurpose ?? '';
  input('holiday').replaceChildren(h('option', { value: '' }, '—'),
    ...Object.entries(current.calendar || {}).map(([key, holiday]) => h('option', { value: key }, named(holiday.name, key))));
  input('holiday').value = r.holiday ?? '';
  input('withinDays').value = r.withinDays ?? '';
  input('topN').value = r.topN ?? '';
  input('complaintCategories').value = (r.complaintCategories || []).join(', ');
  input('capPerMember').value = r.capPerMember ?? '';
  input('minTier').value = r.minTier ?? '';
  input('maxScore').value = r.maxScore ?? '';
  input('onBreach').checked = r.onBreach === true;
  byTrigger();
  $('rw-rule-editor').hidden = false;
  $('rw-rule-editor').scrollIntoView({ block: 'nearest' });
}

function ruleOfForm() {
  const zh = input('name.zh-CN').value.trim();
  const en = input('name.en').value.trim();
  const trigger = input('trigger').value;
  return {
    ruleId: input('ruleId').value.trim(), trigger, itemId: input('itemId').value || null, active: input('active').checked,
    name: zh || en ? { 'zh-CN': zh, en } : null, tiers: checked('tiers'), categories: checked('categories'),
    consentPurpose: input('consentPurpose').value || null, kinds: checked('kinds'),
    holiday: trigger === 'holiday' ? input('holiday').value || null : null,
    withinDays: trigger === 'win-back' ? whole(input('withinDays').value) : null,
    topN: trigger === 'top-participant' ? whole(input('topN').value) : null,
    complaintCategories: trigger === 'service-recovery'
      ? input('complaintCategories').value.split(',').map((x) => x.trim()).filter(Boolean) : [],
    capPerMember: whole(input('capPerMember').value),
    minTier: trigger === 'service-recovery' ? input('minTier').value || null : null,
    maxScore: trigger === 'service-recovery' ? whole(input('maxScore').value) : null,
    onBreach: trigger === 'service-recovery' && input('onBreach').checked,
  };
}

/** Saves the rules with `rules` (every rule, one of them edited) and the threshold shown. */
async function put(rules, approvalAbove, formShown, status, fieldOf) {
  try {
    const saved = await call('/v1/admin/rewards/rules', 'PUT', { basedOn: current.version, rules, approvalAbove });
    clearProblem(formShown);
    $('rw-rule-editor').hidden = true;
    await loadRules();
    $('rw-rules-status').textContent = t('rulesSaved').replace('{version}', saved.version);
    await loadHistory();
    return true;
  } catch (error) {
    if (error.status === 409 && error.problem?.type?.endsWith('/stale-settings')) {
      clearProblem(formShown);
      status.textContent = '';
      $('rw-rules-stale').hidden = false;
    } else if (error.problem) {
      showProblem(formShown, error.problem, status, fieldOf);
    } else {
      status.textContent = error.message;
    }
    return false;
  }
}

async function save(event) {
  event.preventDefault();
  const rules = current.rules.slice();
  const index = editing >= 0 ? editing : rules.length;
  rules[index] = ruleOfForm();
  const prefix = `rules[${index}].`;
  await put(rules, current.approvalAbove, form(), $('rw-rule-status'), (field) => {
    if (!field.startsWith(prefix)) return null;
    const name = field.slice(prefix.length).replace(/\[\d+\]$/, '');
    return name === 'name' ? 'name.zh-CN' : name;
  });
}

async function saveThreshold(event) {
  event.preventDefault();
  const value = fen($('rw-threshold').value);
  if (value === null || Number.isNaN(value)) {
    showProblem($('rw-threshold-form'), { errors: [{ field: 'approvalAbove', message: t('rwYuanHint') }] }, $('rw-threshold-status'));
    return;
  }
  if (await put(current.rules, value, $('rw-threshold-form'), $('rw-threshold-status'))) $('rw-threshold-status').textContent = '';
}

// ---- markup ----

function field(key, name, control, id) {
  return h('label', { id: id ? `rw-rule-${id}` : null }, h('span', { 'data-i18n': key }), control,
    h('span', { class: 'error small', 'data-error-for': name, role: 'alert', hidden: true }));
}

function boxes(legend, name, values, prefix) {
  return h('fieldset', {}, h('legend', { 'data-i18n': legend }),
    h('div', { class: 'row wrap' }, values.map((x) => h('label', { class: 'inline' }, h('input', { type: 'checkbox', name, value: x }),
      h('span', { 'data-i18n': `${prefix}${x}` })))),
    h('span', { class: 'error small', 'data-error-for': name, role: 'alert', hidden: true }));
}

function editor() {
  const number = (key, name, wrap) => field(key, name, h('input', { name, type: 'number', min: '1', step: '1', class: 'narrow' }), wrap);
  return h('div', { id: 'rw-rule-editor', class: 'panel', hidden: true },
    h('h3', { id: 'rw-rule-title' }),
    h('form', { id: 'rw-rule-form', novalidate: true, onsubmit: save },
      h('div', { class: 'row wrap' },
        field('rwRuleId', 'ruleId', h('input', { name: 'ruleId', maxlength: '48', placeholder: 'gold-welcome' })),
        field('rwTrigger', 'trigger', h('select', { name: 'trigger', onchange: byTrigger },
          TRIGGERS.map((x) => h('option', { value: x, 'data-i18n': `rwTrigger_${x}` })))),
        field('rwItem', 'itemId', h('select', { name: 'itemId' })),
        field('rwActive', 'active', h('input', { name: 'active', type: 'checkbox' }))),
      h('div', { class: 'row wrap' },
        field('rwNameZh', 'name.zh-CN', h('input', { name: 'name.zh-CN', maxlength: '80', lang: 'zh-CN' })),
        field('rwNameEn', 'name.en', h('input', { name: 'name.en', maxlength: '80', lang: 'en' }))),
      boxes('rwTiers', 'tiers', TIERS, 'tier_'),
      boxes('rwCategories', 'categories', CATEGORIES, 'cat_'),
      boxes('rwKinds', 'kinds', KINDS, 'rwKind_'),
      h('div', { class: 'row wrap' },
        field('rwConsent', 'consentPurpose', h('select', { name: 'consentPurpose' }, h('option', { value: '', 'data-i18n': 'rwConsentNone' }),
          PURPOSES.map((x) => h('option', { value: x, 'data-i18n': `purpose_${x}` })))),
        field('rwHoliday', 'holiday', h('select', { name: 'holiday' }), 'holiday'),
        number('rwWithinDays', 'withinDays', 'withinDays'),
        number('rwTopN', 'topN', 'topN'),
        field('rwComplaintCategories', 'complaintCategories', h('input', { name: 'complaintCategories', placeholder: 'delivery, quality' }),
          'complaintCategories'),
        field('rwMinTier', 'minTier', h('select', { name: 'minTier' }, h('option', { value: '' }, '—'),
          TIERS.map((x) => h('option', { value: x, 'data-i18n': `tier_${x}` }))), 'minTier'),
        field('rwMaxScore', 'maxScore', h('input', { name: 'maxScore', type: 'number', min: '0', max: '5', step: '1', class: 'narrow',
          placeholder: '2' }), 'maxScore'),
        field('rwOnBreach', 'onBreach', h('input', { name: 'onBreach', type: 'checkbox' }), 'onBreach'),
        number('rwCapPerMember', 'capPerMember')),
      h('div', { class: 'row' },
        h('button', { type: 'submit', 'data-i18n': 'saveRules' }),
        h('button', { type: 'button', class: 'secondary', 'data-i18n': 'close', onclick: () => { $('rw-rule-editor').hidden = true; } })),
      h('p', { id: 'rw-rule-status', class: 'error', role: 'status' })));
}

/** The rules card; `edit`: admins and managers; `threshold`: admins change the approval threshold. */
export function rulesCard(edit, threshold) {
  can = { edit, threshold };
  return h('section', { id: 'rw-rules', class: 'card' },
    h('h2', { 'data-i18n': 'rwRulesTitle' }),
    h('p', { id: 'rw-rules-version', class: 'muted' }),
    h('div', { class: 'scroll' }, h('table', { id: 'rw-rules-list', class: 'compact' },
      thead(...['rwRuleId', 'rwNameCol', 'rwTrigger', 'rwItem', 'rwConditions', 'colStatus'].concat(edit ? [''] : [])), h('tbody'))),
    h('p', { id: 'rw-rules-empty', class: 'muted', 'data-i18n': 'rwNoRules', hidden: true }),
    h('p', { id: 'rw-rules-status', class: 'muted', role: 'status' }),
    h('div', { id: 'rw-rules-stale', class: 'notice', hidden: true },
      h('p', { 'data-i18n': 'tplStale' }),
      h('button', { id: 'rw-rules-reload', type: 'button', 'data-i18n': 'reload', onclick: () => { loadRules(); loadHistory(); } })),
    edit ? h('button', { id: 'rw-rule-new', type: 'button', 'data-i18n': 'rwNewRule', onclick: () => open(-1) }) : null,
    edit ? editor() : null,
    h('form', { id: 'rw-threshold-form', class: 'row wrap panel', novalidate: true, onsubmit: saveThreshold },
      h('span', { 'data-i18n': 'rwThreshold' }), h('strong', { id: 'rw-threshold-value' }),
      threshold ? [h('label', { class: 'inline' }, h('span', { 'data-i18n': 'rwThresholdNew' }),
        h('input', { id: 'rw-threshold', name: 'approvalAbove', inputmode: 'decimal', class: 'narrow' })),
      h('button', { type: 'submit', class: 'secondary', 'data-i18n': 'save' }),
      h('span', { class: 'error small', 'data-error-for': 'approvalAbove', role: 'alert', hidden: true }),
      h('span', { id: 'rw-threshold-status', class: 'error small', role: 'status' })]
        : h('input', { id: 'rw-threshold', type: 'hidden' })),
    h('h3', { 'data-i18n': 'history' }),
    h('ul', { id: 'rw-rules-history' }),
    h('button', { id: 'rw-rules-history-more', type: 'button', class: 'secondary', 'data-i18n': 'more', hidden: true }));
}

export function showRules() {
  loadRules();
  loadHistory();
}

export function redrawRules() {
  if (current) {
    $('rw-rules-version').textContent = versionLine(current);
    draw();
  }
}
