// The evaluation report of one activity (admins, managers, analysts): registrations and attendance, satisfaction with
// its number of answers, participants' purchases, cost, D7 and D30 retention of participants, invited and holdout with
// the lift and its 95% interval, engagement after the activity, cost per retained member, and each goal met, not met or
// pending. A figure not known yet reads "pending", never 0. Printable (styles.css @media print leaves the controls and
// the rest of the dashboard out) and downloadable as CSV (the API's ?format=csv).
import { api } from '../../auth.js';
import { cell, h, newest, thead, when } from '../../dom.js';
import { t } from '../../i18n.js';
import { goalState, pct, retentionRows, unwrap } from './figures.js';
import { call, count, failure, money, path } from './format.js';

const $ = (id) => document.getElementById(id);
let shown = null; // { activity, report }
const reads = newest();

const pending = () => h('span', { class: 'pending', 'data-i18n': 'actPending' });
const or = (value) => (value === null || value === undefined ? pending() : value);

function figure(key, value, name) {
  return h('span', { class: 'figure' }, h('span', { class: 'figure-label', 'data-i18n': key }),
    h('strong', { class: 'figure-value', 'data-figure': name }, value));
}

// The report's goal names (GoalResult.goal) and the definition's (Activity.Goals) where they differ.
const GOAL_OF = { sales: 'salesMinor', retentionLift: 'retentionLiftPoints' };

function goalValue(goal, value) {
  if (value === null || value === undefined) return null;
  if (goal === 'attendanceRate') return pct(value);
  if (goal === 'salesMinor') return money(value);
  if (goal === 'retentionLiftPoints') return `${Number(value).toFixed(1)} ${t('actPoints')}`;
  if (goal === 'satisfaction') return Number(value).toFixed(2);
  return count(value);
}

function retentionTable(window, day) {
  const rows = retentionRows(window);
  return h('div', { class: 'panel', 'data-window': `d${day}` },
    h('h3', {}, `${t('rpRetention')} D${day}`, window?.pending ? [' · ', pending()] : '',
      window?.from ? h('span', { class: 'muted small' }, ` (${window.from} – ${window.to})`) : ''),
    h('table', { class: 'compact' },
      thead('rpGroup', { key: 'rpCounted', class: 'num' }, { key: 'rpRetained', class: 'num' }, { key: 'rpRate', class: 'num' },
        { key: 'rpLift', class: 'num' }, { key: 'rpInterval', class: 'num' }),
      h('tbody', {}, rows.map((r) => h('tr', { 'data-group': r.group },
        h('th', { scope: 'row', 'data-i18n': `rpGroup_${r.group}` }), cell(count(r.n), 'num'),
        cell(r.pending ? pending() : count(r.retained), 'num'), cell(r.pending ? pending() : or(r.rate), 'num'),
        cell(r.group === 'holdout' ? '' : r.pending ? pending() : r.lift ? `${r.lift.lift} ${t('actPoints')}` : '—', 'num'),
        cell(r.group === 'holdout' || r.pending || !r.lift ? '' : `${r.lift.low} … ${r.lift.high}`, ['num', r.lift?.significant ? 'significant' : null].filter(Boolean).join(' ')))))),
    h('p', { class: 'muted small', 'data-i18n': 'rpLiftHint' }));
}

function draw() {
  if (!shown) return;
  const { activity: a, report: r } = shown;
  $('rp-title').textContent = `${t('actReport')}: ${a.theme}`;
  $('rp-when').textContent = `${when(a.startsAt)} – ${when(a.endsAt)}${a.place ? ` · ${a.place}` : ''}`;
  if (!r) {
    $('rp-body').replaceChildren(h('p', { id: 'rp-not-yet', class: 'notice', 'data-i18n': 'rpNotEvaluated' }));
    return;
  }
  const e = r.engagement || {};
  $('rp-body').replaceChildren(
    h('p', { class: 'muted small', id: 'rp-asof' }, t('rpAsOf').replace('{asOf}', r.asOf ?? '—').replace('{computed}', when(r.computedAt)),
      r.final ? ` · ${t('rpFinal')}` : ` · ${t('rpNotFinal')}`),
    h('div', { class: 'figures' },
      figure('rpSeated', count(r.seated), 'seated'), figure('rpParticipants', count(r.participants), 'participants'),
      figure('rpAttendance', or(pct(r.attendanceRate)), 'attendanceRate'),
      figure('rpSatisfaction', r.satisfaction === null || r.satisfaction === undefined ? pending()
        : `${Number(r.satisfaction).toFixed(2)} / 5 (${t('rpAnswers').replace('{n}', count(r.satisfactionResponses))})`, 'satisfaction'),
      figure('rpPurchases', `${money(r.purchasesMinor)} · ${t('rpBuyers').replace('{n}', count(r.buyers))}`, 'purchases'),
      figure('rpCost', money(r.costMinor), 'cost'),
      figure('rpCostPerRetained', or(r.costPerRetainedMinor === null || r.costPerRetainedMinor === undefined ? null : money(r.costPerRetainedMinor)), 'costPerRetained')),
    retentionTable(r.d7, 7), retentionTable(r.d30, 30),
    h('div', { class: 'panel', 'data-section': 'engagement' },
      h('h3', {}, t('rpEngagement'), e.pending ? [' · ', pending()] : '', e.from ? h('span', { class: 'muted small' }, ` (${e.from} – ${e.to})`) : ''),
      h('table', { class: 'compact' }, thead('rpGroup', { key: 'rpActiveDays', class: 'num' }),
        h('tbody', {}, ['participants', 'invited', 'holdout'].map((g) => h('tr', { 'data-group': g },
          h('th', { scope: 'row', 'data-i18n': `rpGroup_${g}` }),
          cell(e.pending ? pending() : e[g] === null || e[g] === undefined ? '—' : Number(e[g]).toFixed(2), 'num')))))),
    h('div', { class: 'panel', 'data-section': 'goals' },
      h('h3', { 'data-i18n': 'actGoals' }),
      h('table', { class: 'compact' }, thead('rpGoal', { key: 'rpTarget', class: 'num' }, { key: 'rpReached', class: 'num' }, 'rpResult'),
        h('tbody', {}, (r.goals || []).map((g) => {
          const state = goalState(g);
          const goal = GOAL_OF[g.goal] || g.goal;
          return h('tr', { 'data-goal': g.goal }, h('th', { scope: 'row', 'data-i18n': `actGoal_${goal}` }),
            cell(goalValue(goal, g.target), 'num'), cell(or(goalValue(goal, g.actual)), 'num'),
            h('td', { class: ['target', state === 'met' ? 'met' : state === 'missed' ? 'missed' : 'pending'], 'data-state': state, 'data-i18n': `rpGoal_${state}` }));
        }))),
      (r.goals || []).length ? null : h('p', { class: 'muted', 'data-i18n': 'rpNoGoals' })));
}

async function downloadCsv() {
  const id = shown.activity.activityId;
  const response = await api(path(id, '/evaluation?format=csv'), { headers: { accept: 'text/csv' } });
  if (!response.ok) {
    $('rp-status').textContent = failure(response, await response.json().catch(() => ({}))).message;
    return;
  }
  $('rp-status').textContent = '';
  const link = $('rp-csv-link');
  if (link.href) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(new Blob([await response.text()], { type: 'text/csv' }));
  link.download = `activity-${id}-evaluation.csv`;
  link.textContent = link.download;
  link.hidden = false;
  link.click();
}

/** Opens the report of an activity: the activity, then its latest evaluation (404 not-evaluated: said so). */
export async function openReport(activityId) {
  const isNewest = reads(); // another report opened meanwhile: only the newest is drawn
  shown = null;
  $('rp-back').href = `#activities/${encodeURIComponent(activityId)}`;
  $('rp-body').replaceChildren();
  $('rp-status').textContent = t('loading');
  $('rp-csv').disabled = true;
  try {
    const activity = await call(path(activityId));
    let report = null;
    try {
      report = unwrap(await call(path(activityId, '/evaluation')));
    } catch (error) {
      if (error.status !== 404) throw error;
    }
    if (!isNewest()) return;
    shown = { activity, report };
    $('rp-status').textContent = '';
    $('rp-csv').disabled = !report;
    draw();
  } catch (error) {
    if (isNewest()) $('rp-status').textContent = error.message;
  }
}

/** Draws again in a new language. */
export function redrawReport() {
  draw();
}

/** The report page (hidden until opened). */
export function reportPage() {
  return h('section', { id: 'act-report', class: 'card report', hidden: true },
    h('nav', { class: 'row wrap no-print' },
      h('a', { id: 'rp-back', href: '#activities', 'data-i18n': 'actBack' }),
      h('span', { class: 'spacer' }),
      h('button', { id: 'rp-print', type: 'button', class: 'secondary', 'data-i18n': 'rvPrint', onclick: () => window.print() }),
      h('button', { id: 'rp-csv', type: 'button', class: 'secondary', 'data-i18n': 'downloadCsv', onclick: downloadCsv }),
      h('a', { id: 'rp-csv-link', hidden: true })),
    h('h2', { id: 'rp-title' }),
    h('p', { id: 'rp-when', class: 'muted' }),
    h('p', { id: 'rp-status', class: 'muted no-print', role: 'status' }),
    h('div', { id: 'rp-body' }));
}
