// Settings section (admins): the complaints SLA policy (targets per priority in working minutes, diamond members'
// share, the warning point, the reopen window), the business calendar (hours per weekday with split shifts, holidays,
// adjusted working days and their hours) and the priority rules (base priority per category, keyword rules, diamond
// one up) and the risk rules (舆情 flags: keywords, a category's spike, a repeat complainant, a high tier's low
// score). Each is saved as a new version based on the one shown (a stale edit is refused: reload), with field errors
// beside their fields, and its history listed - as the sending policy (messaging.js) does.
import { api } from '../../auth.js';
import { clearProblem, h, newest, problemText, showProblem, when } from '../../dom.js';
import { historyDiff } from '../../history.js';
import { t } from '../../i18n.js';

const $ = (id) => document.getElementById(id);
const PRIORITIES = ['urgent', 'high', 'normal', 'low'];
const TARGETS = ['firstResponse', 'nextResponse', 'resolution'];
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const CATEGORIES = ['product', 'service', 'delivery', 'activity', 'account', 'privacy', 'other'];
const current = {};

/** The three settings: their route name, the field their value travels in, and how each is drawn and read back. */
const SETTINGS = {
  sla: { field: 'policy', fill: fillSla, read: readSla, line: slaLine },
  calendar: { field: 'calendar', fill: fillCalendar, read: readCalendar, line: calendarLine },
  priority: { field: 'rules', fill: fillRules, read: readRules, line: rulesLine },
  risk: { field: 'risk', fill: fillRisk, read: readRisk, line: riskLine },
};
// Each is read again every time the area is opened, on Reload and after a save: only the newest answer is drawn.
const reads = Object.fromEntries(Object.keys(SETTINGS).map((name) => [name, newest()]));
const TIERS = ['bronze', 'silver', 'gold', 'diamond'];
const RISK_NUMBERS = ['spikeFactor', 'spikeMinimum', 'repeatCount', 'repeatDays', 'lowScore'];

const list = (text) => text.split(/[\s,，]+/).map((s) => s.trim()).filter(Boolean);
// Keywords may hold spaces ("food poisoning"): only commas separate them.
const words = (text) => text.split(/[,，\n]+/).map((s) => s.trim()).filter(Boolean);
const numberOrNull = (input) => (input.value.trim() === '' ? null : Number(input.value));

function who(v) {
  return v.version === 0 ? t('builtIn') : `${v.changedBy} · ${when(v.changedAt)}`;
}

// ---- the SLA policy ----

function fillSla(form, p) {
  for (const priority of PRIORITIES) {
    const targets = p.targets[priority] || {};
    for (const target of TARGETS) form.elements[`targets.${priority}.${target}`].value = targets[target] ?? '';
    form.elements[`targets.${priority}.alwaysOn`].checked = !!targets.alwaysOn;
  }
  for (const name of ['diamondPercent', 'warnAtPercent', 'managerAtPercent', 'reopenDays']) form.elements[name].value = String(p[name]);
}

function readSla(form) {
  const targets = {};
  for (const priority of PRIORITIES) {
    targets[priority] = Object.fromEntries(TARGETS.map((target) => [target, numberOrNull(form.elements[`targets.${priority}.${target}`])]));
    targets[priority].alwaysOn = form.elements[`targets.${priority}.alwaysOn`].checked;
  }
  return { targets, diamondPercent: numberOrNull(form.elements.diamondPercent), warnAtPercent: numberOrNull(form.elements.warnAtPercent),
    managerAtPercent: numberOrNull(form.elements.managerAtPercent), reopenDays: numberOrNull(form.elements.reopenDays) };
}

function slaLine(v) {
  const p = v.policy;
  return `v${v.version} · ${who(v)}: ${PRIORITIES.map((x) => `${t(`cqPriority_${x}`)} ${p.targets[x]?.firstResponse}/${p.targets[x]?.resolution}`).join(', ')}`
    + ` · ${t('slaWarnAt')} ${p.warnAtPercent}% · ${t('slaManagerAt')} ${p.managerAtPercent}% · ${t('slaDiamond')} ${p.diamondPercent}% · ${t('slaReopenDays')} ${p.reopenDays}`;
}

// ---- the business calendar ----

function fillCalendar(form, c) {
  form.elements.timeZone.value = c.timeZone;
  for (const day of WEEKDAYS) form.elements[`hours.${day}`].value = (c.hours[day] || []).join(', ');
  form.elements.holidays.value = (c.holidays || []).join('\n');
  form.elements.workdays.value = (c.workdays || []).join('\n');
  form.elements.workdayHours.value = (c.workdayHours || []).join(', ');
}

function readCalendar(form) {
  const hours = {};
  for (const day of WEEKDAYS) {
    const shifts = list(form.elements[`hours.${day}`].value);
    if (shifts.length) hours[day] = shifts;
  }
  return { timeZone: form.elements.timeZone.value.trim(), hours, holidays: list(form.elements.holidays.value),
    workdays: list(form.elements.workdays.value), workdayHours: list(form.elements.workdayHours.value) };
}

function calendarLine(v) {
  const c = v.calendar;
  const days = WEEKDAYS.filter((d) => (c.hours[d] || []).length).map((d) => `${t(`wd_${d}`)} ${c.hours[d].join(' ')}`).join('; ');
  return `v${v.version} · ${who(v)}: ${c.timeZone} · ${days} · ${t('calHolidaysCount')} ${(c.holidays || []).length}`
    + ` · ${t('calWorkdaysCount')} ${(c.workdays || []).length}`;
}

// ---- the priority rules ----

function prioritySelect(name, value) {
  return h('select', { name }, PRIORITIES.map((p) => h('option', { value: p, selected: p === value, 'data-i18n': `cqPriority_${p}` })));
}

function keywordRow(rule, i) {
  return h('div', { class: 'row wrap', 'data-rule': String(i) },
    h('label', { class: 'inline' }, h('span', { 'data-i18n': 'cqPriority' }), ' ', prioritySelect(`keywords[${i}].priority`, rule.priority)),
    h('label', { class: 'inline grow' }, h('span', { 'data-i18n': 'prioWords' }), ' ',
      h('input', { name: `keywords[${i}].words`, value: rule.words.join(', '), maxLength: 8000 })),
    h('span', { class: 'error small', 'data-error-for': `keywords[${i}].priority`, role: 'alert', hidden: true }),
    h('span', { class: 'error small', 'data-error-for': `keywords[${i}].words`, role: 'alert', hidden: true }));
}

function fillRules(form, r) {
  for (const c of CATEGORIES) form.elements[`categories.${c}`].value = r.categories[c] || 'normal';
  $('prio-keywords').replaceChildren(...r.keywords.map(keywordRow));
  form.elements.diamondRaises.checked = !!r.diamondRaises;
}

function readRules(form) {
  const rows = [...$('prio-keywords').querySelectorAll('[data-rule]')];
  return {
    categories: Object.fromEntries(CATEGORIES.map((c) => [c, form.elements[`categories.${c}`].value])),
    keywords: rows.map((row) => ({ priority: row.querySelector('select').value, words: words(row.querySelector('input').value) }))
      .filter((rule) => rule.words.length),
    diamondRaises: form.elements.diamondRaises.checked,
  };
}

function rulesLine(v) {
  const r = v.rules;
  return `v${v.version} · ${who(v)}: ${r.keywords.map((k) => `${t(`cqPriority_${k.priority}`)} ${k.words.length}`).join(', ')}`
    + ` · ${t('prioDiamondRaises')} ${r.diamondRaises ? t('cqYes') : t('cqNo')}`;
}

// ---- the risk rules (舆情 flags) ----

function fillRisk(form, r) {
  form.elements.keywords.value = r.keywords.join(', ');
  for (const name of RISK_NUMBERS) form.elements[name].value = String(r[name]);
  form.elements.lowScoreTier.value = r.lowScoreTier;
}

function readRisk(form) {
  const out = { keywords: words(form.elements.keywords.value), lowScoreTier: form.elements.lowScoreTier.value };
  for (const name of RISK_NUMBERS) out[name] = numberOrNull(form.elements[name]);
  return out;
}

function riskLine(v) {
  const r = v.risk;
  return `v${v.version} · ${who(v)}: ${t('riskKeywords')} ${r.keywords.length} · ${t('riskSpikeFactor')} ${r.spikeFactor}`
    + ` · ${t('riskRepeatCount')} ${r.repeatCount}/${r.repeatDays} · ${t('riskLowScoreTier')} ${t(`tier_${r.lowScoreTier}`)} <= ${r.lowScore}`;
}

// ---- loading and saving, the same for each ----

async function load(name) {
  const s = SETTINGS[name];
  const isNewest = reads[name]();
  // One request at a time: the Settings area opens many sections at once, and the browser's few connections per
  // origin must stay free for what the operator does meanwhile (a cold function answers the first call slowly).
  // Each answer is read to its end, whatever it says: a fetch whose body is never read holds its connection for good.
  const now = await api(`/v1/admin/complaint-settings/${name}`);
  const body = await now.json().catch(() => ({}));
  const history = await api(`/v1/admin/complaint-settings/${name}/history?limit=20`);
  const past = await history.json().catch(() => ({}));
  if (!isNewest()) return;
  const form = $(`cs-${name}-form`);
  if (!now.ok) {
    $(`cs-${name}-status`).textContent = problemText(body);
    return;
  }
  current[name] = body;
  $(`cs-${name}-version`).textContent = s.line(body);
  s.fill(form, body[s.field]);
  $(`cs-${name}-stale`).hidden = true;
  clearProblem(form);
  const items = history.ok ? past.items : [];
  $(`cs-${name}-history`).replaceChildren(...items.map((v) => h('li', { 'data-version': String(v.version) }, s.line(v))));
  historyDiff($(`cs-${name}-history`), items);
}

async function save(name, event) {
  event.preventDefault();
  const s = SETTINGS[name];
  const form = event.target;
  const response = await api(`/v1/admin/complaint-settings/${name}`, {
    method: 'PUT', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ basedOn: current[name].version, [s.field]: s.read(form) }) });
  const body = await response.json().catch(() => ({}));
  if (response.status === 409) {
    clearProblem(form);
    $(`cs-${name}-status`).textContent = '';
    $(`cs-${name}-stale`).hidden = false;
    return;
  }
  if (!response.ok) {
    // calendar.hours.monday[1] -> hours.monday; rules.keywords[0].words[2] -> keywords[0].words
    showProblem(form, body, $(`cs-${name}-status`), (field) => field.replace(/^(policy|calendar|rules|risk)\./, '').replace(/\[\d+\]$/, ''));
    return;
  }
  await load(name);
  $(`cs-${name}-status`).textContent = t('rulesSaved').replace('{version}', body.version);
}

// ---- markup ----

function errorFor(name) {
  return h('span', { class: 'error small', 'data-error-for': name, role: 'alert', hidden: true });
}

function number(name, attrs = {}) {
  return h('input', { type: 'number', name, min: '0', step: '1', class: 'narrow', ...attrs });
}

function labelled(name, key, control) {
  return h('label', { class: 'inline' }, h('span', { 'data-i18n': key }), ' ', control, errorFor(name));
}

function section(name, titleKey, introKey, fields) {
  const reload = () => { $(`cs-${name}-status`).textContent = ''; load(name); };
  return h('div', { id: `cs-${name}`, class: 'panel' },
    h('h3', { 'data-i18n': titleKey }),
    h('p', { class: 'muted', 'data-i18n': introKey }),
    h('p', { id: `cs-${name}-version`, class: 'muted' }),
    h('form', { id: `cs-${name}-form`, novalidate: true, onsubmit: (e) => save(name, e) }, fields,
      h('div', { class: 'row' }, h('button', { type: 'submit', 'data-i18n': 'saveRules' }),
        h('button', { type: 'button', class: 'secondary', 'data-i18n': 'reload', onclick: reload })),
      h('p', { id: `cs-${name}-status`, class: 'muted', role: 'status' }),
      h('div', { id: `cs-${name}-stale`, class: 'notice', hidden: true },
        h('p', { 'data-i18n': 'tplStale' }), h('button', { type: 'button', 'data-i18n': 'reload', onclick: reload }))),
    h('h4', { 'data-i18n': 'history' }),
    h('ul', { id: `cs-${name}-history` }));
}

function slaFields() {
  return [
    h('table', { class: 'compact' },
      h('thead', {}, h('tr', {}, h('th', { 'data-i18n': 'cqPriority' }),
        TARGETS.map((x) => h('th', { id: `sla-col-${x}`, 'data-i18n': `slaTarget_${x}` })),
        h('th', { id: 'sla-col-alwaysOn', 'data-i18n': 'slaAlwaysOn' }))),
      // Each input is labelled by its row (the priority) and its column (the target), in the language shown.
      h('tbody', {}, PRIORITIES.map((p) => h('tr', {},
        h('th', { scope: 'row', id: `sla-row-${p}`, 'data-i18n': `cqPriority_${p}` }),
        TARGETS.map((x) => h('td', {}, number(`targets.${p}.${x}`, { min: '1', 'aria-labelledby': `sla-row-${p} sla-col-${x}` }),
          errorFor(`targets.${p}.${x}`))),
        h('td', {}, h('input', { type: 'checkbox', name: `targets.${p}.alwaysOn`, 'aria-labelledby': `sla-row-${p} sla-col-alwaysOn` }),
          errorFor(`targets.${p}`)))))),
    h('p', { class: 'muted small', 'data-i18n': 'slaMinutesHint' }),
    h('div', { class: 'row wrap' },
      labelled('warnAtPercent', 'slaWarnAt', number('warnAtPercent', { min: '10', max: '99' })),
      labelled('managerAtPercent', 'slaManagerAt', number('managerAtPercent', { min: '101', max: '1000' })),
      labelled('diamondPercent', 'slaDiamond', number('diamondPercent', { min: '10', max: '100' })),
      labelled('reopenDays', 'slaReopenDays', number('reopenDays', { max: '365' }))),
  ];
}

function calendarFields() {
  return [
    labelled('timeZone', 'calTimeZone', h('input', { name: 'timeZone', maxLength: 64, autocomplete: 'off' })),
    h('fieldset', { class: 'shifts' }, h('legend', { 'data-i18n': 'calHours' }),
      h('p', { class: 'muted small', 'data-i18n': 'calHoursHint' }),
      WEEKDAYS.map((d) => h('div', {}, labelled(`hours.${d}`, `wd_${d}`, h('input', { name: `hours.${d}`, maxLength: 200, placeholder: '09:00-12:00, 13:30-18:00' })))),
      errorFor('hours')),
    h('label', {}, h('span', { 'data-i18n': 'calHolidays' }), h('textarea', { name: 'holidays', rows: 3, placeholder: '2026-10-01' }), errorFor('holidays')),
    h('label', {}, h('span', { 'data-i18n': 'calWorkdays' }), h('textarea', { name: 'workdays', rows: 2, placeholder: '2026-10-10' }), errorFor('workdays')),
    labelled('workdayHours', 'calWorkdayHours', h('input', { name: 'workdayHours', maxLength: 200, placeholder: '09:00-12:00, 13:30-18:00' })),
  ];
}

function rulesFields() {
  return [
    h('fieldset', {}, h('legend', { 'data-i18n': 'prioCategories' }), h('div', { class: 'row wrap' },
      CATEGORIES.map((c) => h('label', { class: 'inline' }, h('span', { 'data-i18n': `cat_${c}` }), ' ', prioritySelect(`categories.${c}`, 'normal'),
        errorFor(`categories.${c}`))))),
    h('fieldset', {}, h('legend', { 'data-i18n': 'prioKeywords' }),
      h('div', { id: 'prio-keywords' }), errorFor('keywords'),
      h('button', { type: 'button', class: 'secondary', 'data-i18n': 'prioAddRule',
        onclick: () => $('prio-keywords').append(keywordRow({ priority: 'high', words: [] }, $('prio-keywords').children.length)) })),
    h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: 'diamondRaises' }), ' ', h('span', { 'data-i18n': 'prioDiamondRaises' })),
  ];
}

function riskFields() {
  return [
    h('label', {}, h('span', { 'data-i18n': 'riskKeywords' }),
      h('textarea', { name: 'keywords', rows: 2, placeholder: '媒体, 曝光, journalist' }), errorFor('keywords')),
    h('div', { class: 'row wrap' },
      labelled('spikeFactor', 'riskSpikeFactor', number('spikeFactor', { min: '1', step: '0.1' })),
      labelled('spikeMinimum', 'riskSpikeMinimum', number('spikeMinimum', { min: '1' })),
      labelled('repeatCount', 'riskRepeatCount', number('repeatCount', { min: '2' })),
      labelled('repeatDays', 'riskRepeatDays', number('repeatDays', { min: '1', max: '365' }))),
    h('div', { class: 'row wrap' },
      labelled('lowScoreTier', 'riskLowScoreTier', h('select', { name: 'lowScoreTier' },
        TIERS.map((x) => h('option', { value: x, 'data-i18n': `tier_${x}` })))),
      labelled('lowScore', 'riskLowScore', number('lowScore', { min: '1', max: '4' }))),
  ];
}

function card() {
  return h('section', { id: 'complaints-settings', class: 'card' },
    h('h2', { 'data-i18n': 'cSetTitle' }),
    section('sla', 'slaTitle', 'slaIntro', slaFields()),
    section('calendar', 'calTitle', 'calIntro', calendarFields()),
    section('priority', 'prioTitle', 'prioIntro', rulesFields()),
    section('risk', 'riskTitle', 'riskIntro', riskFields()));
}

/** A section of the settings area: its markup once, its data each time the area is opened. */
export default {
  render: card,

  async show() {
    for (const name of Object.keys(SETTINGS)) $(`cs-${name}-status`).textContent = '';
    for (const name of Object.keys(SETTINGS)) await load(name);
  },
};
