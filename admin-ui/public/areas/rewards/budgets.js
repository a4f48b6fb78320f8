// Budgets: each amount for its period with what is spent (confirmed), reserved (issued, awaiting fulfilment) and
// remaining (available); one budget's burn-down - what is left day by day, the pace, and the day the current pace
// exhausts it (flagged when that is before the period ends). Admins and managers create a budget and raise or cut one
// (a cut only from what is available) with a reason.
import { clearProblem, cell, h, newest, showProblem, svg, thead } from '../../dom.js';
import { t } from '../../i18n.js';
import { call, day, fen, money } from './format.js';

const $ = (id) => document.getElementById(id);
let budgets = [];
let chosen = null;
let edits = false;
const listReads = newest();
const budgetReads = newest();

function draw() {
  $('rw-budgets-list').tBodies[0].replaceChildren(...budgets.map((b) => h('tr', { 'data-budget': b.budgetId, class: chosen?.budget.budgetId === b.budgetId ? 'on' : null },
    cell(h('a', { href: '#rewards', 'data-open-budget': b.budgetId, onclick: (e) => { e.preventDefault(); openBudget(b.budgetId); } }, b.budgetId)),
    cell(b.name), cell(`${day(b.from)} – ${day(b.until)}`), cell(money(b.amount), 'num'), cell(money(b.confirmed), 'num'),
    cell(money(b.reserved), 'num'), cell(money(b.available), 'num'))));
  $('rw-budgets-empty').hidden = budgets.length > 0;
}

export async function loadBudgets() {
  const isNewest = listReads();
  try {
    const body = await call('/v1/admin/rewards/budgets');
    if (!isNewest()) return;
    budgets = body.budgets;
    draw();
    if (chosen) await openBudget(chosen.budget.budgetId);
  } catch (error) {
    $('rw-budgets-status').textContent = error.message;
  }
}

function figure(key, value, id) {
  return h('div', { class: 'figure', 'data-figure': id }, h('span', { class: 'figure-label', 'data-i18n': key }),
    h('strong', { class: 'figure-value' }, value));
}

/** What is left each day so far (solid), and at the current pace until it runs out (dashed). */
function chart(b, burn) {
  const W = 640;
  const H = 180;
  const pad = 28;
  const start = Date.parse(`${b.from}T00:00:00Z`);
  const end = Date.parse(`${b.until}T00:00:00Z`);
  const span = Math.max(1, (end - start) / 86_400_000);
  const x = (iso) => pad + ((Date.parse(`${iso}T00:00:00Z`) - start) / 86_400_000 / span) * (W - 2 * pad);
  const y = (left) => H - pad - (Math.max(0, left) / Math.max(1, b.amount)) * (H - 2 * pad);
  const days = burn.days || [];
  const parts = [svg('line', { class: 'axis', x1: pad, y1: H - pad, x2: W - pad, y2: H - pad }),
    svg('line', { class: 'grid', x1: pad, y1: y(b.amount), x2: W - pad, y2: y(b.amount) }),
    svg('text', { class: 'tick', x: pad, y: H - 8 }, day(b.from)),
    svg('text', { class: 'tick', x: W - pad, y: H - 8, 'text-anchor': 'end' }, day(b.until))];
  if (days.length) {
    parts.push(svg('polyline', { class: 'burn-line', fill: 'none', points: days.map((d) => `${x(d.day)},${y(d.left)}`).join(' ') }));
    const last = days[days.length - 1];
    if (burn.exhaustsOn && burn.pacePerDay > 0) {
      const until = burn.exhaustsOn < b.until ? burn.exhaustsOn : b.until;
      const ahead = (Date.parse(`${until}T00:00:00Z`) - Date.parse(`${last.day}T00:00:00Z`)) / 86_400_000;
      parts.push(svg('line', { class: 'burn-pace', x1: x(last.day), y1: y(burn.available), x2: x(until),
        y2: y(burn.available - burn.pacePerDay * ahead) }));
    }
  }
  return svg('svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': t('rwBurnDown') }, parts);
}

function drawBurnDown() {
  if (!chosen) return;
  const { budget: b, burnDown: burn } = chosen;
  $('rw-burn-title').textContent = `${t('rwBurnDown')}: ${b.name} (${b.budgetId})`;
  $('rw-burn-figures').replaceChildren(
    figure('rwAmount', money(b.amount), 'amount'), figure('rwSpent', money(b.confirmed), 'spent'),
    figure('rwReserved', money(b.reserved), 'reserved'), figure('rwRemaining', money(b.available), 'remaining'),
    figure('rwPace', burn.pacePerDay ? t('rwPerDay').replace('{amount}', money(burn.pacePerDay)) : '—', 'pace'),
    figure('rwExhaustsOn', burn.exhaustsOn ? day(burn.exhaustsOn) : t('rwNotAtThisPace'), 'exhaustsOn'));
  $('rw-burn-warning').hidden = !burn.beforeEnd;
  $('rw-burn-chart').replaceChildren(chart(b, burn));
  $('rw-budget-detail').hidden = false;
}

export async function openBudget(budgetId) {
  const isNewest = budgetReads();
  try {
    const budget = await call(`/v1/admin/rewards/budgets/${encodeURIComponent(budgetId)}`);
    if (!isNewest()) return;
    chosen = budget;
    draw();
    drawBurnDown();
  } catch (error) {
    $('rw-budgets-status').textContent = error.message;
  }
}

async function create(event) {
  event.preventDefault();
  const f = $('rw-budget-form');
  const amount = fen(f.elements.amount.value);
  if (Number.isNaN(amount)) {
    showProblem(f, { errors: [{ field: 'amount', message: t('rwYuanHint') }] }, $('rw-budget-status'));
    return;
  }
  try {
    const b = await call('/v1/admin/rewards/budgets', 'POST', { budgetId: f.elements.budgetId.value.trim(), name: f.elements.name.value,
      from: f.elements.from.value || null, until: f.elements.until.value || null, amount });
    clearProblem(f);
    f.reset();
    $('rw-budget-status').textContent = t('rwBudgetCreated').replace('{id}', b.budgetId);
    chosen = null;
    await loadBudgets();
    await openBudget(b.budgetId);
  } catch (error) {
    if (error.problem) showProblem(f, error.problem, $('rw-budget-status'));
    else $('rw-budget-status').textContent = error.message;
  }
}

async function change(event) {
  event.preventDefault();
  const f = $('rw-budget-change');
  const delta = fen(f.elements.delta.value);
  if (delta === null || Number.isNaN(delta)) {
    showProblem(f, { errors: [{ field: 'delta', message: t('rwYuanHint') }] }, $('rw-budget-change-status'));
    return;
  }
  try {
    await call(`/v1/admin/rewards/budgets/${encodeURIComponent(chosen.budget.budgetId)}/changes`, 'POST', { delta, reason: f.elements.reason.value });
    clearProblem(f);
    f.reset();
    $('rw-budget-change-status').textContent = t('saved');
    await loadBudgets();
  } catch (error) {
    if (error.problem) showProblem(f, error.problem, $('rw-budget-change-status'));
    else $('rw-budget-change-status').textContent = error.message;
  }
}

function field(key, name, control) {
  return h('label', {}, h('span', { 'data-i18n': key }), control,
    h('span', { class: 'error small', 'data-error-for': name, role: 'alert', hidden: true }));
}

export function budgetsCard(canEdit) {
  edits = canEdit;
  return h('section', { id: 'rw-budgets', class: 'card' },
    h('h2', { 'data-i18n': 'rwBudgetsTitle' }),
    h('div', { class: 'scroll' }, h('table', { id: 'rw-budgets-list', class: 'compact' },
      thead('rwBudget', 'rwNameCol', 'rwPeriod', { key: 'rwAmount', class: 'num' }, { key: 'rwSpent', class: 'num' },
        { key: 'rwReserved', class: 'num' }, { key: 'rwRemaining', class: 'num' }), h('tbody'))),
    h('p', { id: 'rw-budgets-empty', class: 'muted', 'data-i18n': 'rwNoBudgets', hidden: true }),
    h('p', { id: 'rw-budgets-status', class: 'muted', role: 'status' }),
    h('div', { id: 'rw-budget-detail', class: 'panel', hidden: true },
      h('h3', { id: 'rw-burn-title' }),
      h('div', { id: 'rw-burn-figures', class: 'figures' }),
      h('p', { id: 'rw-burn-warning', class: 'error', 'data-i18n': 'rwBeforeEnd', hidden: true }),
      h('div', { id: 'rw-burn-chart', class: 'chart-wrap' }),
      h('p', { class: 'muted small', 'data-i18n': 'rwBurnHint' }),
      edits ? h('form', { id: 'rw-budget-change', class: 'row wrap', novalidate: true, onsubmit: change },
        field('rwBudgetDelta', 'delta', h('input', { name: 'delta', inputmode: 'decimal', class: 'narrow', placeholder: '-100.00' })),
        field('rwReason', 'reason', h('input', { name: 'reason', maxlength: '200' })),
        h('button', { type: 'submit', class: 'secondary', 'data-i18n': 'rwChangeAmount' }),
        h('span', { id: 'rw-budget-change-status', class: 'error small', role: 'status' })) : null),
    edits ? h('details', { class: 'panel' }, h('summary', { 'data-i18n': 'rwNewBudget' }),
      h('form', { id: 'rw-budget-form', novalidate: true, onsubmit: create },
        h('div', { class: 'row wrap' },
          field('rwBudget', 'budgetId', h('input', { name: 'budgetId', maxlength: '48', placeholder: 'spring-2026' })),
          field('rwNameCol', 'name', h('input', { name: 'name', maxlength: '80' })),
          field('from', 'from', h('input', { name: 'from', type: 'date' })),
          field('to', 'until', h('input', { name: 'until', type: 'date' })),
          field('rwAmountYuan', 'amount', h('input', { name: 'amount', inputmode: 'decimal', class: 'narrow', placeholder: '5000.00' }))),
        h('div', { class: 'row' }, h('button', { type: 'submit', 'data-i18n': 'rwCreate' })),
        h('p', { id: 'rw-budget-status', class: 'muted', role: 'status' }))) : null);
}

export function redrawBudgets() {
  draw();
  drawBurnDown();
}
