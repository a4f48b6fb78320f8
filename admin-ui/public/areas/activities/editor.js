// An activity's definition, created or edited by admins and managers while it is a draft or approved: every field of
// the API's ActivityDraft (theme, description, type, place, times, registration window, capacity, waiting list,
// audience, budget, goals, owner, prizes, holdout share, evaluation delay, planning tasks). The API names each refused
// field - shown beside it, rows of prizes and tasks included - and a save names the version read: a version saved
// meanwhile answers 409 stale-version, explained with a reload; a place taken at the time (409 place-taken) is said as is.
import { clearProblem, h, newest, showProblem } from '../../dom.js';
import { t } from '../../i18n.js';
import { AUDIENCES, TYPES, call, fen, path, yuan } from './format.js';

const $ = (id) => document.getElementById(id);
let editing = null; // the activity being edited (null: a new one)
let saved = () => {};
const budgetReads = newest();

const form = () => $('act-form');
const input = (name) => form().querySelector(`[name="${CSS.escape(name)}"]`);

/** An instant as the value of a datetime-local input (the reader's time zone), and back. */
export function localInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function instant(value) {
  return value ? new Date(value).toISOString() : null;
}

function whole(value) {
  const text = String(value ?? '').trim();
  return text === '' ? null : Number(text);
}

function decimal(value, scale = 1) {
  const text = String(value ?? '').trim();
  return text === '' ? null : Number(text) / scale;
}

// ---- rows: prizes and tasks ----

function fieldSlot(name) {
  return h('span', { class: 'error small', 'data-error-for': name, role: 'alert', hidden: true });
}

function prizeRow(i, prize = {}) {
  return h('div', { class: 'row wrap', 'data-prize': String(i) },
    h('label', {}, h('span', { 'data-i18n': 'actPrizeItem' }), h('input', { name: `prizes[${i}].itemId`, value: prize.itemId ?? '', maxlength: '48' }),
      fieldSlot(`prizes[${i}].itemId`)),
    h('label', {}, h('span', { 'data-i18n': 'actPrizeTopN' }), h('input', { name: `prizes[${i}].topN`, type: 'number', min: '1', class: 'narrow', value: prize.topN ?? '' }),
      fieldSlot(`prizes[${i}].topN`)));
}

function taskRow(i, task = {}) {
  return h('div', { class: 'row wrap', 'data-task': String(i) },
    h('label', {}, h('span', { 'data-i18n': 'actTaskTitle' }), h('input', { name: `tasks[${i}].title`, value: task.title ?? '', maxlength: '200' }),
      fieldSlot(`tasks[${i}].title`)),
    h('label', {}, h('span', { 'data-i18n': 'actOwner' }), h('input', { name: `tasks[${i}].owner`, value: task.owner ?? '', maxlength: '120' }),
      fieldSlot(`tasks[${i}].owner`)),
    h('label', {}, h('span', { 'data-i18n': 'actTaskDue' }), h('input', { name: `tasks[${i}].due`, type: 'date', value: task.due ?? '' }),
      fieldSlot(`tasks[${i}].due`)),
    h('label', { class: 'inline' }, h('input', { name: `tasks[${i}].done`, type: 'checkbox', checked: Boolean(task.done) }),
      h('span', { 'data-i18n': 'actTaskDone' })));
}

function addRow(listId, make) {
  const list = $(listId);
  list.append(make(list.children.length));
}

// ---- open, read, save ----

/** Opens the form for `activity` (null: a new draft). */
export async function openEditor(activity) {
  editing = activity;
  const f = form();
  f.reset();
  clearProblem(f);
  $('act-form-status').textContent = '';
  $('act-stale').hidden = true;
  $('act-editor-title').textContent = activity ? `${t('actEdit')}: ${activity.theme}` : t('actNew');
  const a = activity || { type: 'offline', audience: { kind: 'everyone' }, goals: {}, prizes: [], tasks: [], waitingLimit: 0, holdoutBp: 0, evaluateAfterDays: 7 };
  for (const name of ['theme', 'description', 'place', 'owner']) input(name).value = a[name] ?? '';
  input('type').value = a.type || 'offline';
  for (const name of ['startsAt', 'endsAt', 'registrationOpensAt', 'registrationClosesAt']) input(name).value = localInput(a[name]);
  for (const name of ['capacity', 'waitingLimit', 'evaluateAfterDays']) input(name).value = a[name] ?? '';
  input('holdoutBp').value = a.holdoutBp === null || a.holdoutBp === undefined ? '' : String(a.holdoutBp / 100);
  input('audience.kind').value = a.audience?.kind || 'everyone';
  input('audience.value').value = a.audience?.value ?? '';
  input('budgetAmount').value = yuan(a.budgetAmount);
  const goals = a.goals || {};
  input('goals.participants').value = goals.participants ?? '';
  input('goals.attendanceRate').value = goals.attendanceRate === null || goals.attendanceRate === undefined ? '' : String(Math.round(goals.attendanceRate * 1000) / 10);
  input('goals.salesMinor').value = yuan(goals.salesMinor);
  input('goals.satisfaction').value = goals.satisfaction ?? '';
  input('goals.retentionLiftPoints').value = goals.retentionLiftPoints ?? '';
  $('act-prizes').replaceChildren(...(a.prizes || []).map((p, i) => prizeRow(i, p)));
  $('act-tasks').replaceChildren(...(a.tasks || []).map((x, i) => taskRow(i, x)));
  byAudience();
  $('act-editor').hidden = false;
  await fillBudgets(a.budgetId);
  $('act-editor').scrollIntoView({ block: 'nearest' });
  input('theme').focus();
}

/** The budgets to choose from; the editor opened again meanwhile (another activity, a new one): its own choices fill it. */
async function fillBudgets(chosen) {
  const isNewest = budgetReads();
  const budgets = await call('/v1/admin/rewards/budgets').catch(() => ({ budgets: [] }));
  if (!isNewest()) return;
  const ids = [...new Set([...(budgets.budgets || []).map((b) => b.budgetId), chosen].filter(Boolean))];
  input('budgetId').replaceChildren(h('option', { value: '' }, '—'), ...ids.map((id) => h('option', { value: id }, id)));
  input('budgetId').value = chosen ?? '';
}

function byAudience() {
  $('act-field-audience-value').hidden = input('audience.kind').value === 'everyone';
}

/** The form in the API's shape (ActivityDraft); NaN marks money typed wrong. */
export function draftOfForm() {
  const rows = (listId, read) => [...$(listId).children].map((row, i) => read(i)).filter(Boolean);
  const kind = input('audience.kind').value;
  return {
    theme: input('theme').value.trim(), description: input('description').value.trim(), type: input('type').value,
    place: input('place').value.trim() || null,
    startsAt: instant(input('startsAt').value), endsAt: instant(input('endsAt').value),
    registrationOpensAt: instant(input('registrationOpensAt').value), registrationClosesAt: instant(input('registrationClosesAt').value),
    capacity: whole(input('capacity').value), waitingLimit: whole(input('waitingLimit').value) ?? 0,
    audience: { kind, value: kind === 'everyone' ? null : input('audience.value').value.trim() },
    budgetId: input('budgetId').value || null, budgetAmount: fen(input('budgetAmount').value),
    goals: {
      participants: whole(input('goals.participants').value),
      attendanceRate: decimal(input('goals.attendanceRate').value, 100),
      salesMinor: fen(input('goals.salesMinor').value),
      satisfaction: decimal(input('goals.satisfaction').value),
      retentionLiftPoints: decimal(input('goals.retentionLiftPoints').value),
    },
    owner: input('owner').value.trim(),
    prizes: rows('act-prizes', (i) => {
      const itemId = input(`prizes[${i}].itemId`).value.trim();
      const topN = whole(input(`prizes[${i}].topN`).value);
      return itemId || topN !== null ? { itemId, topN } : null;
    }),
    holdoutBp: input('holdoutBp').value.trim() === '' ? 0 : Math.round(Number(input('holdoutBp').value) * 100),
    evaluateAfterDays: whole(input('evaluateAfterDays').value),
    tasks: rows('act-tasks', (i) => {
      const title = input(`tasks[${i}].title`).value.trim();
      const owner = input(`tasks[${i}].owner`).value.trim();
      const due = input(`tasks[${i}].due`).value || null;
      return title || owner || due ? { title, owner, due, done: input(`tasks[${i}].done`).checked } : null;
    }),
  };
}

async function save(event) {
  event.preventDefault();
  const f = form();
  const draft = draftOfForm();
  const wrong = [['budgetAmount', draft.budgetAmount], ['goals.salesMinor', draft.goals.salesMinor]].filter(([, v]) => Number.isNaN(v));
  if (wrong.length) {
    showProblem(f, { errors: wrong.map(([field]) => ({ field, message: t('rwYuanHint') })) }, $('act-form-status'));
    return;
  }
  const button = event.submitter || f.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    const activity = editing
      ? await call(path(editing.activityId), 'PUT', { ...draft, version: editing.version })
      : await call('/v1/admin/activities', 'POST', draft);
    clearProblem(f);
    $('act-editor').hidden = true;
    saved(activity, !editing);
  } catch (error) {
    if (error.status === 409 && editing && /stale-version$/.test(error.problem?.type || '')) {
      clearProblem(f);
      $('act-form-status').textContent = '';
      $('act-stale').hidden = false;
      return;
    }
    if (error.problem) showProblem(f, error.problem, $('act-form-status'));
    else $('act-form-status').textContent = error.message;
  } finally {
    button.disabled = false;
  }
}

// ---- markup ----

function field(key, name, control, id) {
  return h('label', { id }, h('span', { 'data-i18n': key }), control, fieldSlot(name));
}

function number(key, name, attrs = {}) {
  return field(key, name, h('input', { name, type: 'number', min: '0', step: '1', class: 'narrow', ...attrs }));
}

function when(key, name) {
  return field(key, name, h('input', { name, type: 'datetime-local' }));
}

/** The editor (hidden until opened); `onSaved(activity, created)` is told each save. */
export function editorPanel(onSaved, onReload) {
  saved = onSaved;
  return h('section', { id: 'act-editor', class: 'card', hidden: true },
    h('h2', { id: 'act-editor-title' }),
    h('form', { id: 'act-form', novalidate: true, onsubmit: save },
      h('div', { class: 'row wrap' },
        field('actThemeLabel', 'theme', h('input', { name: 'theme', maxlength: '120', required: true })),
        field('colType', 'type', h('select', { name: 'type' }, TYPES.map((x) => h('option', { value: x, 'data-i18n': `actType_${x}` })))),
        field('actPlace', 'place', h('input', { name: 'place', maxlength: '200' }))),
      field('actDescription', 'description', h('textarea', { name: 'description', rows: 3, maxlength: '4000' })),
      h('div', { class: 'row wrap' }, when('actStartsAt', 'startsAt'), when('actEndsAt', 'endsAt'),
        when('actOpensAt', 'registrationOpensAt'), when('actClosesAt', 'registrationClosesAt')),
      h('div', { class: 'row wrap' },
        number('actCapacity', 'capacity', { min: '1' }), number('actWaitingLimit', 'waitingLimit'),
        field('actAudience', 'audience.kind', h('select', { name: 'audience.kind', onchange: byAudience },
          AUDIENCES.map((x) => h('option', { value: x, 'data-i18n': `actAudience_${x}` })))),
        field('actAudienceValue', 'audience.value', h('input', { name: 'audience.value', maxlength: '48' }), 'act-field-audience-value')),
      h('div', { class: 'row wrap' },
        field('rwBudget', 'budgetId', h('select', { name: 'budgetId' })),
        field('actBudgetAmount', 'budgetAmount', h('input', { name: 'budgetAmount', inputmode: 'decimal', class: 'narrow', placeholder: '0.00' })),
        field('actOwner', 'owner', h('input', { name: 'owner', maxlength: '120' }))),
      h('fieldset', {}, h('legend', { 'data-i18n': 'actGoals' }),
        h('div', { class: 'row wrap' },
          number('actGoal_participants', 'goals.participants', { min: '1' }),
          field('actGoal_attendanceRate', 'goals.attendanceRate', h('input', { name: 'goals.attendanceRate', type: 'number', min: '0', max: '100', step: '0.1', class: 'narrow' })),
          field('actGoal_salesMinor', 'goals.salesMinor', h('input', { name: 'goals.salesMinor', inputmode: 'decimal', class: 'narrow', placeholder: '0.00' })),
          field('actGoal_satisfaction', 'goals.satisfaction', h('input', { name: 'goals.satisfaction', type: 'number', min: '1', max: '5', step: '0.1', class: 'narrow' })),
          field('actGoal_retentionLiftPoints', 'goals.retentionLiftPoints', h('input', { name: 'goals.retentionLiftPoints', type: 'number', min: '0', max: '100', step: '0.1', class: 'narrow' }))),
        h('span', { class: 'muted small', 'data-i18n': 'actGoalsHint' })),
      h('div', { class: 'row wrap' },
        field('actHoldout', 'holdoutBp', h('input', { name: 'holdoutBp', type: 'number', min: '0', max: '50', step: '0.01', class: 'narrow' })),
        number('actEvaluateAfter', 'evaluateAfterDays', { min: '1', max: '60' })),
      h('fieldset', {}, h('legend', { 'data-i18n': 'actPrizes' }), h('div', { id: 'act-prizes' }),
        h('button', { id: 'act-prize-add', type: 'button', class: 'secondary', 'data-i18n': 'actAddPrize', onclick: () => addRow('act-prizes', prizeRow) })),
      h('fieldset', {}, h('legend', { 'data-i18n': 'actTasks' }), h('div', { id: 'act-tasks' }),
        h('button', { id: 'act-task-add', type: 'button', class: 'secondary', 'data-i18n': 'actAddTask', onclick: () => addRow('act-tasks', taskRow) })),
      h('div', { class: 'row' },
        h('button', { type: 'submit', 'data-i18n': 'save' }),
        h('button', { type: 'button', class: 'secondary', 'data-i18n': 'close', onclick: () => { $('act-editor').hidden = true; } })),
      h('p', { id: 'act-form-status', class: 'error', role: 'status' })),
    h('div', { id: 'act-stale', class: 'notice', hidden: true },
      h('p', { 'data-i18n': 'actStale' }),
      h('button', { id: 'act-stale-reload', type: 'button', 'data-i18n': 'reload', onclick: () => onReload(editing) })));
}

