// The weekly review (issue 15, item 7; 002 §五): one ISO week a page - #review/2026-W48 - with the week before and
// after, the figures a team reviews on Monday: activity, retention, conversion, satisfaction, complaints and rewards
// cost, each against its target where the plan sets one and against the previous week (the change with an arrow and
// its sign). Printable: the print stylesheet leaves out the navigation and the controls (styles.css, @media print).
// Reads the weekly metrics report, the week-end snapshots (the pulse), the complaints summary of the week and the
// rewards totals of the week and the one before; aggregates only, no personal data (admin, manager, analyst).
import { api } from '../../auth.js';
import { h, newest } from '../../dom.js';
import { currentLocale, t } from '../../i18n.js';
import { businessToday, periodStart } from '../metrics/index.js';
import { helpLink, kpiGap, num, pct } from '../metrics/kpis.js';
import { money } from '../rewards/format.js';

const $ = (id) => document.getElementById(id);
const WEEK = /^(\d{4})-W(\d{2})$/;
const CATEGORIES = ['product', 'service', 'delivery', 'activity', 'account', 'privacy', 'other'];

let shown = null;
let drawn = null;
const reads = newest();

// ---------------------------------------------------------------- ISO weeks

function addDays(day, n) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The ISO week label (2026-W48) of the week that contains `day`. */
export function weekOf(day) {
  const thursday = new Date(`${day}T00:00:00Z`);
  thursday.setUTCDate(thursday.getUTCDate() + 3 - ((thursday.getUTCDay() + 6) % 7)); // the week's Thursday names its year
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / 86_400_000 / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of an ISO week label; null for anything else. */
export function mondayOf(label) {
  const m = WEEK.exec(label || '');
  if (!m) return null;
  const jan4 = `${m[1]}-01-04`;
  const monday = addDays(periodStart('week', jan4), (Number(m[2]) - 1) * 7);
  return weekOf(monday) === label ? monday : null;
}

// ---------------------------------------------------------------- formatting

const RATES = new Set(['dauMau', 'monthlyActiveRate', 'annualRetention', 'conversion', 'classicD1', 'classicD7', 'classicD30', 'sla', 'burn']);

function value(name, v) {
  if (v === null || v === undefined) return '—';
  if (RATES.has(name)) return pct(v);
  if (name === 'csat' || name === 'pulse') return `${Number(v).toFixed(2)} / 5`;
  if (name === 'cost') return money(v);
  if (name === 'dau') return new Intl.NumberFormat(currentLocale(), { maximumFractionDigits: 1 }).format(v);
  return num(v);
}

/** The change from the previous week: an arrow, its sign and its size (percentage points for rates). */
function change(name, now, before) {
  if (now === null || now === undefined || before === null || before === undefined) return h('span', { class: 'delta' }, '—');
  const diff = Math.round((now - before) * 10000) / 10000;
  const way = diff > 0 ? 'up' : diff < 0 ? 'down' : 'same';
  const arrow = { up: '▲', down: '▼', same: '＝' }[way];
  let size;
  if (RATES.has(name)) size = kpiGap(name, diff);
  else {
    const sign = diff > 0 ? '+' : diff < 0 ? '−' : '±';
    size = `${sign}${name === 'csat' || name === 'pulse' ? Math.abs(diff).toFixed(2) : value(name, Math.abs(diff))}`;
  }
  return h('span', { class: `delta ${way}`, 'data-way': way },
    h('span', { 'aria-hidden': 'true' }, `${arrow} `), h('span', { class: 'sr-only' }, `${t(`rvWay_${way}`)} `), size);
}

function target(kpi) {
  if (!kpi) return '';
  const goal = kpi.kpi === 'satisfaction' ? `≥ ${Number(kpi.target).toFixed(1)}` : `≥ ${pct(kpi.target, 0)}`;
  const status = kpi.met === true ? 'met' : kpi.met === false ? 'missed' : 'nodata';
  return h('span', { class: `target ${status}`, 'data-met': status }, `${goal} · ${t(`kpiStatus_${status}`)}`);
}

/** A row: the figure, this week, the week before, the change, and the target where there is one. */
function row(name, label, now, before, kpi, help) {
  return h('tr', { 'data-review': name },
    h('th', { scope: 'row' }, label, help ? [' ', helpLink(help)] : null),
    h('td', { class: 'num value' }, value(name, now)), h('td', { class: 'num' }, value(name, before)),
    h('td', { class: 'num' }, change(name, now, before)), h('td', {}, target(kpi)));
}

function section(key, rows, note) {
  return h('section', { class: 'panel review-section', 'data-section': key, 'aria-labelledby': `rv-${key}` },
    h('h3', { id: `rv-${key}` }, t(`rvSection_${key}`)),
    note ? h('p', { class: 'muted small' }, note) : null,
    h('div', { class: 'scroll' }, h('table', { class: 'compact review' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('helpFigure')), h('th', { scope: 'col', class: 'num' }, drawn.week),
        h('th', { scope: 'col', class: 'num' }, drawn.previousWeek), h('th', { scope: 'col', class: 'num' }, t('change')),
        h('th', { scope: 'col' }, t('target')))),
      h('tbody', {}, rows))));
}

// ---------------------------------------------------------------- loading

async function json(path) {
  const response = await api(path, { headers: { accept: 'application/json' } });
  // The body is read either way: a refused one (a week without a snapshot is a 404) left unread keeps its request open.
  const body = await response.json().catch(() => null);
  return response.ok ? body : null;
}

async function load(label) {
  const monday = mondayOf(label);
  const previousMonday = addDays(monday, -7);
  const sunday = addDays(monday, 6);
  const [report, complaints, complaintsBefore, rewards, rewardsBefore, budgets] = await Promise.all([
    json(`/v1/admin/metrics/reports/week?start=${monday}`),
    json(`/v1/admin/complaint-summary?week=${label}`),
    json(`/v1/admin/complaint-summary?week=${weekOf(previousMonday)}`),
    json(`/v1/admin/rewards/totals?from=${monday}&to=${sunday}`),
    json(`/v1/admin/rewards/totals?from=${previousMonday}&to=${addDays(previousMonday, 6)}`),
    json('/v1/admin/rewards/budgets')]);
  const [endSnapshot, previousEnd] = await Promise.all([
    report?.through ? json(`/v1/admin/metrics/daily/${report.through}`) : null,
    json(`/v1/admin/metrics/daily/${addDays(monday, -1)}`)]);
  return { label, monday, sunday, previousWeek: weekOf(previousMonday), report, complaints, complaintsBefore, rewards, rewardsBefore,
    budgets, endSnapshot, previousEnd };
}

// ---------------------------------------------------------------- drawing

function draw() {
  const d = drawn;
  if (!d) return;
  const f = d.report?.figures || {};
  const kpi = (name) => (d.report?.kpis || []).find((k) => k.kpi === name);
  const fig = (name) => f[name] || {};
  const figRow = (name, label, kpiName, help) => row(name, label, fig(name).value, fig(name).previous, kpiName ? kpi(kpiName) : null, help);
  const sections = [];
  if (!d.report) {
    sections.push(h('p', { class: 'error', id: 'review-missing' }, t('rvNoReport')));
  } else {
    sections.push(h('p', { class: 'muted', id: 'review-summary' }, t(d.report.complete ? 'reportSummaryComplete' : 'reportSummaryPartial')
      .replace('{start}', d.report.start).replace('{end}', d.report.end).replace('{with}', String(d.report.daysWithData))
      .replace('{days}', String(d.report.days)).replace('{through}', d.report.through || '—')));
    sections.push(section('activity', [figRow('dau', t('rvDauAvg'), null, 'dau'), figRow('wau', 'WAU', null, 'wau-mau'),
      figRow('mau', 'MAU', null, 'wau-mau'), figRow('monthlyActiveRate', t('kpi_monthlyActiveRate'), 'monthlyActiveRate', 'monthly-active-rate')]));
    sections.push(section('retention', [figRow('classicD1', 'D1', null, 'classic-retention'), figRow('classicD7', 'D7', null, 'classic-retention'),
      figRow('classicD30', 'D30', null, 'classic-retention'), figRow('annualRetention', t('kpi_annualRetention'), 'annualRetention', 'annual-retention')],
    t('rvRetentionNote')));
    sections.push(section('conversion', [figRow('conversion', t('kpi_conversion'), 'conversion', 'purchase-conversion')]));
    const pulse = (s) => (s?.pulse ? s.pulse.score : null);
    sections.push(section('satisfaction', [figRow('csat', 'CSAT', 'satisfaction', 'csat'),
      row('pulse', t('rvPulse'), pulse(d.endSnapshot), pulse(d.previousEnd), null, 'pulse')]));
  }
  const c = d.complaints?.total;
  const cb = d.complaintsBefore?.total;
  if (c) {
    const sla = (x) => x?.firstResponseWithinSla ?? null;
    const byCategory = (d.complaints.categories || []).filter((line) => line.received > 0 || (d.complaintsBefore?.categories || [])
      .some((b) => b.category === line.category && b.received > 0));
    sections.push(section('complaints', [row('received', t('rvOpened'), c.received, cb?.received), row('resolved', t('rvResolved'), c.resolved, cb?.resolved),
      row('sla', t('rvSlaMet'), sla(c), sla(cb)), row('breaches', t('cs_breaches'), c.breaches, cb?.breaches),
      ...CATEGORIES.filter((k) => byCategory.some((line) => line.category === k)).map((k) => row(`received-${k}`, `${t('rvByCategory')}: ${t(`cat_${k}`)}`,
        d.complaints.categories.find((x) => x.category === k)?.received, d.complaintsBefore?.categories?.find((x) => x.category === k)?.received))]));
  }
  if (d.rewards) {
    const total = (x) => x?.total || {};
    const running = (d.budgets?.budgets || []).filter((b) => b.from <= d.sunday && d.monday <= b.until);
    const amount = running.reduce((s, b) => s + (b.amount || 0), 0);
    const burn = amount > 0 ? total(d.rewards).cost / amount : null;
    const burnBefore = amount > 0 && d.rewardsBefore ? total(d.rewardsBefore).cost / amount : null;
    sections.push(section('rewards', [row('issued', t('rvIssued'), total(d.rewards).count, total(d.rewardsBefore).count),
      row('cost', t('rvCost'), total(d.rewards).cost, total(d.rewardsBefore).cost),
      row('points', t('rvPoints'), total(d.rewards).points, total(d.rewardsBefore).points),
      row('burn', t('rvBurn'), burn, burnBefore)], t('rvBurnNote').replace('{n}', num(running.length)).replace('{amount}', money(amount))));
  }
  $('review-week').textContent = t('rvWeekOf').replace('{week}', d.label).replace('{from}', d.monday).replace('{to}', d.sunday);
  $('review-content').replaceChildren(...sections);
  $('review-prev').hidden = false;
  $('review-prev').href = `#review/${d.previousWeek}`;
  $('review-prev').textContent = `← ${d.previousWeek}`;
  const next = weekOf(addDays(d.monday, 7));
  const hasNext = addDays(d.monday, 7) <= businessToday();
  $('review-next').hidden = !hasNext;
  $('review-next').href = `#review/${next}`;
  $('review-next').textContent = `${next} →`;
}

async function open(label) {
  shown = label;
  const isNewest = reads(); // another week opened meanwhile (or this one again): only the newest is drawn
  $('review-status').textContent = t('loading');
  const data = await load(label);
  if (!isNewest()) return;
  $('review-status').textContent = '';
  drawn = data;
  draw();
}

export default {
  id: 'review',
  nav: 'navReview',
  opensWith: ['metrics'],

  render(container, session) {
    container.append(h('section', { id: 'review', class: 'card' },
      h('div', { class: 'row heading' },
        h('h2', { 'data-i18n': 'rvTitle' }), h('span', { class: 'spacer' }),
        h('nav', { class: 'row no-print', 'aria-label': t('rvWeeks') },
          h('a', { id: 'review-prev', href: '#review', hidden: true }), h('a', { id: 'review-next', href: '#review', hidden: true }),
          h('button', { type: 'button', class: 'secondary', 'data-i18n': 'rvPrint', onclick: () => window.print() }))),
      h('p', { id: 'review-week', class: 'review-week' }),
      h('p', { id: 'review-status', class: 'muted', role: 'status' }),
      h('div', { id: 'review-content' })));
    window.addEventListener('fanops:locale', draw, { signal: session.signal });
  },

  /** #review/<ISO week>; without one (or a malformed one), the last whole week. */
  show(params) {
    const asked = mondayOf(params[0]) ? params[0] : weekOf(addDays(businessToday(), -7));
    if (asked !== shown) open(asked);
  },
};
