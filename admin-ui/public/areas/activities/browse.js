// The activities of a month as a calendar (each on every business day it runs, coloured by status) or as a list
// (filtered by status, sorted by start either way), and the year's plan: activities per month planned and held against
// the yearly target, the budget planned against what was spent. Layout: calendar.js (pure); data: the admin API.
import { cell, h, newest, thead, when } from '../../dom.js';
import { currentLocale, t } from '../../i18n.js';
import { businessDay, listed, monthGrid, monthOf, placeOnDays, shiftMonth } from './calendar.js';
import { STATUSES, call, count, money, ofLimit, statusText } from './format.js';

const $ = (id) => document.getElementById(id);
let month = null;
let items = [];
let descending = false;
let view = 'calendar';
let plan = null;
// The month read again (Previous/Next in quick succession, a save, a status move): the newest answer is drawn; the
// year's plan likewise.
const monthReads = newest();
const planReads = newest();

function link(activity) {
  return h('a', { href: `#activities/${encodeURIComponent(activity.activityId)}`, 'data-activity': activity.activityId,
    class: ['act-chip', `act-${activity.status}`], title: `${activity.theme} · ${statusText(activity.status)}` }, activity.theme);
}

function drawCalendar() {
  const grid = monthGrid(month);
  const byDay = placeOnDays(items, grid);
  const today = businessDay(new Date());
  const weekdays = grid.weeks[0].map(({ day }) => new Date(`${day}T00:00:00Z`).toLocaleDateString(currentLocale(), { weekday: 'short', timeZone: 'UTC' }));
  $('act-calendar').replaceChildren(
    h('thead', {}, h('tr', {}, weekdays.map((w) => h('th', { scope: 'col' }, w)))),
    h('tbody', {}, grid.weeks.map((week) => h('tr', {}, week.map(({ day, inMonth }) => h('td', {
      class: ['act-day', inMonth ? null : 'act-other-month', day === today ? 'act-today' : null], 'data-day': day },
    h('span', { class: 'act-day-no' }, String(Number(day.slice(8)))),
    (byDay.get(day) || []).map(link)))))));
  $('act-month').textContent = new Date(Date.UTC(month.year, month.month - 1, 15)).toLocaleDateString(currentLocale(), { year: 'numeric', month: 'long', timeZone: 'UTC' });
}

function drawList() {
  const rows = listed(items, { status: $('act-status-filter').value, descending });
  $('act-list').tBodies[0].replaceChildren(...rows.map((a) => h('tr', { 'data-activity': a.activityId },
    h('td', {}, link(a)), cell(when(a.startsAt)), cell(when(a.endsAt)), cell(a.type ? t(`actType_${a.type}`) : ''), cell(a.place ?? ''),
    h('td', { class: `act-status act-${a.status}` }, statusText(a.status)),
    cell(ofLimit(a.counts?.registered, a.counts?.capacity ?? a.capacity), 'num'), cell(count(a.counts?.waiting), 'num'),
    cell(count(a.counts?.checkedIn), 'num'))));
  $('act-list-empty').hidden = rows.length > 0;
  $('act-sort').setAttribute('aria-sort', descending ? 'descending' : 'ascending');
  $('act-sort-button').textContent = `${t('actStarts')} ${descending ? '↓' : '↑'}`;
}

function draw() {
  $('act-calendar-wrap').hidden = view !== 'calendar';
  $('act-list-wrap').hidden = view !== 'list';
  $('act-view-calendar').setAttribute('aria-pressed', String(view === 'calendar'));
  $('act-view-list').setAttribute('aria-pressed', String(view === 'list'));
  drawCalendar();
  drawList();
}

/** Reads the month shown (the whole grid, so the days of the months beside it show their activities too). */
export async function loadMonth(delta = 0) {
  month = shiftMonth(month || monthOf(businessDay(new Date())), delta);
  const grid = monthGrid(month);
  const isNewest = monthReads();
  $('act-browse-status').textContent = t('loading');
  try {
    const body = await call(`/v1/admin/activities?${new URLSearchParams({ from: grid.from, to: grid.to })}`);
    if (!isNewest()) return;
    items = body.items || [];
    $('act-browse-status').textContent = '';
    draw();
  } catch (error) {
    if (!isNewest()) return;
    $('act-browse-status').textContent = error.message;
  }
  if (!plan || plan.year !== month.year) loadPlan(month.year);
}

function drawPlan() {
  if (!plan) return;
  const months = plan.months || [];
  const planned = months.reduce((n, m) => n + (m.planned || 0), 0);
  const held = months.reduce((n, m) => n + (m.held || 0), 0);
  const budgetPlanned = months.reduce((n, m) => n + (m.budgetPlanned || 0), 0);
  const spent = months.reduce((n, m) => n + (m.spent ?? m.budgetSpent ?? 0), 0);
  $('act-plan-figures').replaceChildren(
    ...[['actPlanTarget', count(plan.target)], ['actPlanPlanned', count(planned)], ['actPlanHeld', count(held)],
      ['actPlanBudget', money(budgetPlanned)], ['actPlanSpent', money(spent)]].map(([key, value]) => h('span', { class: 'figure' },
      h('span', { class: 'figure-label', 'data-i18n': key }), h('strong', { class: 'figure-value', 'data-figure': key }, value))),
    h('span', { class: 'figure' }, h('span', { class: 'figure-label', 'data-i18n': 'actPlanOnTrack' }),
      h('strong', { class: ['figure-value', 'target', plan.onTrack ? 'met' : 'missed'], 'data-figure': 'onTrack', 'data-i18n': plan.onTrack ? 'actOnTrack' : 'actOffTrack' })));
  const pace = (plan.target || 0) / 12;
  let heldSoFar = 0;
  // Months gone in the business year (a past year: all; a coming one: none): only those are judged against the pace.
  const now = monthOf(businessDay(new Date()));
  const gone = plan.year < now.year ? 12 : plan.year > now.year ? 0 : now.month;
  $('act-plan').tBodies[0].replaceChildren(...months.map((m, i) => {
    const index = typeof m.month === 'number' ? m.month : Number(String(m.month).slice(5, 7)) || i + 1;
    const name = new Date(Date.UTC(plan.year, index - 1, 15)).toLocaleDateString(currentLocale(), { month: 'short', timeZone: 'UTC' });
    const upTo = Math.floor(pace * index);
    heldSoFar += m.held || 0;
    return h('tr', { 'data-month': String(index) }, h('th', { scope: 'row' }, name), cell(count(m.planned), 'num'), cell(count(m.held), 'num'),
      h('td', { class: ['num', 'target', index <= gone ? (heldSoFar >= upTo ? 'met' : 'missed') : null] }, `${count(heldSoFar)} / ${count(upTo)}`), cell(money(m.budgetPlanned), 'num'), cell(money(m.spent ?? m.budgetSpent), 'num'));
  }));
  $('act-plan-title').textContent = t('actPlanTitle').replace('{year}', plan.year);
}

async function loadPlan(year) {
  const isNewest = planReads();
  try {
    const body = await call(`/v1/admin/activities/plan?year=${year}`);
    if (!isNewest()) return;
    plan = body;
    plan.year = plan.year ?? year;
    $('act-plan-card').hidden = false;
    drawPlan();
  } catch (error) {
    if (!isNewest()) return;
    // Agents do not read the plan (the API answers 403): the card stays hidden.
    $('act-plan-card').hidden = error.status === 403;
    if (error.status !== 403) $('act-plan-status').textContent = error.message;
  }
}

/** Draws again in a new language. */
export function redrawBrowse() {
  if (month) draw();
  drawPlan();
}

/** The calendar and list card, and the plan card (hidden until read); `onNew` opens a new draft (null: not offered). */
export function browseCards(onNew) {
  const toggle = (id, key, to) => h('button', { id, type: 'button', class: 'secondary', 'data-i18n': key, 'aria-pressed': 'false',
    onclick: () => { view = to; draw(); } });
  return [
    h('section', { id: 'act-browse', class: 'card' },
      h('h2', { 'data-i18n': 'actsTitle' }),
      h('div', { class: 'row wrap' },
        h('button', { id: 'act-prev', type: 'button', class: 'secondary', 'data-i18n-label': 'actPrevMonth', onclick: () => loadMonth(-1) }, '‹'),
        h('strong', { id: 'act-month', class: 'act-month', 'aria-live': 'polite' }),
        h('button', { id: 'act-next', type: 'button', class: 'secondary', 'data-i18n-label': 'actNextMonth', onclick: () => loadMonth(1) }, '›'),
        h('span', { class: 'spacer' }),
        toggle('act-view-calendar', 'actCalendar', 'calendar'), toggle('act-view-list', 'actList', 'list'),
        onNew ? h('button', { id: 'act-new', type: 'button', 'data-i18n': 'actNew', onclick: onNew }) : null),
      h('p', { id: 'act-browse-status', class: 'muted', role: 'status' }),
      h('div', { id: 'act-calendar-wrap', class: 'scroll' }, h('table', { id: 'act-calendar', class: 'act-calendar' })),
      h('ul', { class: 'act-legend' }, STATUSES.map((s) => h('li', { class: ['act-chip', `act-${s}`], 'data-i18n': `actStatus_${s}` }))),
      h('div', { id: 'act-list-wrap', hidden: true },
        h('label', { class: 'inline' }, h('span', { 'data-i18n': 'colStatus' }), ' ',
          h('select', { id: 'act-status-filter', onchange: drawList }, h('option', { value: '', 'data-i18n': 'actAllStatuses' }),
            STATUSES.map((s) => h('option', { value: s, 'data-i18n': `actStatus_${s}` })))),
        h('div', { class: 'scroll' }, h('table', { id: 'act-list', class: 'compact' },
          h('thead', {}, h('tr', {},
            h('th', { 'data-i18n': 'actTheme' }),
            h('th', { id: 'act-sort', 'aria-sort': 'ascending' },
              h('button', { id: 'act-sort-button', type: 'button', class: 'link', onclick: () => { descending = !descending; drawList(); } })),
            h('th', { 'data-i18n': 'actEnds' }), h('th', { 'data-i18n': 'colType' }), h('th', { 'data-i18n': 'actPlace' }),
            h('th', { 'data-i18n': 'colStatus' }), h('th', { class: 'num', 'data-i18n': 'actRegistered' }),
            h('th', { class: 'num', 'data-i18n': 'actWaiting' }), h('th', { class: 'num', 'data-i18n': 'actCheckedIn' }))),
          h('tbody'))),
        h('p', { id: 'act-list-empty', class: 'muted', 'data-i18n': 'actsNone', hidden: true }))),
    h('section', { id: 'act-plan-card', class: 'card', hidden: true },
      h('h2', { id: 'act-plan-title' }),
      h('p', { class: 'muted small', 'data-i18n': 'actPlanHint' }),
      h('div', { id: 'act-plan-figures', class: 'figures' }),
      h('p', { id: 'act-plan-status', class: 'muted', role: 'status' }),
      h('div', { class: 'scroll' }, h('table', { id: 'act-plan', class: 'compact' },
        thead('actMonth', { key: 'actPlanPlanned', class: 'num' }, { key: 'actPlanHeld', class: 'num' }, { key: 'actPlanPace', class: 'num' },
          { key: 'actPlanBudget', class: 'num' }, { key: 'actPlanSpent', class: 'num' }), h('tbody')))),
  ];
}

