// Metrics area of the dashboard (admin, manager, analyst): KPI cards against targets, activity trend, growth,
// cohort retention heat map, tier funnel and categories, dormant members and care, reports; every figure links to its
// definition in the help area (help.js). Reads the snapshots of docs/metrics.md; metrics hold no personal data.
import { api } from '../../auth.js';
import { h as el, newest } from '../../dom.js';
import { currentLocale, t } from '../../i18n.js';
import { columnChart, lineChart } from './charts.js';
import { complaintSummaryPanel } from './complaints.js';
import { helpLink, kpiCards, kpiGap, kpiValue, num, pct } from './kpis.js';
import { businessZone } from '../../time-zone.js';

const $ = (id) => document.getElementById(id);
const MAX_RANGE_DAYS = 400;
const TIERS = ['bronze', 'silver', 'gold', 'diamond'];
const CATEGORIES = ['potential', 'regular', 'active', 'core'];
const COLORS = { dau: '#c2410c', wau: '#0e7490', mau: '#6d28d9', ratio: '#15803d', up: '#0e7490', down: '#b42318' };

let state = null;
// The range is read again on each Show or preset: only the newest read is drawn.
const rangeReads = newest();

// ---------------------------------------------------------------- formatting

/** Today in the business time zone, as YYYY-MM-DD. */
export function businessToday(timeZone = businessZone(), now = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

function addDays(day, n) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function daysBetween(from, to) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** First day of the report period of `kind` that contains `day`. */
export function periodStart(kind, day) {
  const d = new Date(`${day}T00:00:00Z`);
  if (kind === 'week') d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  if (kind === 'month') d.setUTCDate(1);
  if (kind === 'quarter') { d.setUTCMonth(Math.floor(d.getUTCMonth() / 3) * 3); d.setUTCDate(1); }
  return d.toISOString().slice(0, 10);
}

function figure(label, value, helpId, testId) {
  return el('div', { class: 'figure', 'data-figure': testId || helpId || label },
    el('span', { class: 'figure-label' }, label, helpId ? ' ' : '', helpId ? helpLink(helpId) : null),
    el('strong', { class: 'figure-value' }, value));
}

function panel(titleKey, ...children) {
  return el('section', { class: 'panel', 'data-panel': titleKey }, el('h3', {}, t(titleKey)), ...children);
}

// ---------------------------------------------------------------- loading

async function getJson(path) {
  const response = await api(path);
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    const field = (body.errors || [])[0];
    return { error: field ? `${field.field}: ${field.message}` : body.detail || body.title || String(response.status), status: response.status };
  }
  return { body: await response.json() };
}

function message(text, kind = 'muted') {
  const box = $('metrics-message');
  box.textContent = text;
  box.className = kind;
  box.hidden = !text;
}

async function load() {
  const from = $('metrics-from').value;
  const to = $('metrics-to').value;
  if (!from || !to || from > to || daysBetween(from, to) >= MAX_RANGE_DAYS) {
    message(t('metricsBadRange'), 'error');
    return;
  }
  const isNewest = rangeReads();
  message(t('loading'));
  const range = await getJson(`/v1/admin/metrics/daily?from=${from}&to=${to}`);
  if (!isNewest()) return;
  if (range.error) {
    message(range.error, 'error');
    return;
  }
  const days = range.body.days || [];
  const latest = days[days.length - 1];
  const cohorts = latest ? await getJson(`/v1/admin/metrics/cohorts?to=${latest.day}`) : null;
  if (!isNewest()) return;
  state.days = days;
  state.cohorts = cohorts?.body ? cohorts.body.cohorts || [] : null;
  state.loaded = true;
  message('');
  render();
}

// ---------------------------------------------------------------- rendering

/**
 * Every day from the first snapshot in the range to the latest, each with its snapshot or null: a day without one is a
 * gap in the charts, never silently bridged.
 */
function timeline() {
  if (!state.days.length) return [];
  const byDay = new Map(state.days.map((d) => [d.day, d]));
  const first = state.days[0].day;
  const span = daysBetween(first, state.days[state.days.length - 1].day);
  return Array.from({ length: span + 1 }, (_, i) => { const day = addDays(first, i); return { day, snapshot: byDay.get(day) || null }; });
}

function render() {
  const content = $('metrics-content');
  const latest = state.days[state.days.length - 1];
  $('metrics-empty').hidden = !state.loaded || Boolean(latest);
  if (!latest) {
    content.replaceChildren();
    return;
  }
  content.replaceChildren(
    el('p', { class: 'muted', id: 'metrics-asof' }, t('metricsAsOf').replace('{day}', latest.day).replace('{zone}', latest.timeZone || '')
      .replace('{computed}', latest.computedAt ? new Date(latest.computedAt).toLocaleString(currentLocale()) : '—')),
    kpiCards(latest),
    activityPanel(latest),
    growthPanel(latest),
    retentionPanel(latest),
    distributionPanel(latest),
    el('div', { class: 'panel-row' }, conversionPanel(latest), carePanel(latest)),
    messagesPanel(latest),
    reportsPanel(latest),
  );
}

function activityPanel(latest) {
  const a = latest.activity || {};
  const days = timeline();
  const labels = days.map((d) => d.day);
  const pick = (f) => days.map(({ snapshot }) => (snapshot && snapshot.activity ? snapshot.activity[f] ?? null : null));
  return panel('activityTitle',
    el('p', { class: 'muted small' }, t('activeNote'), ' ', helpLink('active-member-day')),
    el('div', { class: 'figures' }, figure('DAU', num(a.dau), 'dau'), figure('WAU', num(a.wau), 'wau-mau', 'wau'),
      figure('MAU', num(a.mau), 'wau-mau', 'mau'), figure('DAU/MAU', pct(a.dauMau), 'dau-mau')),
    el('div', { id: 'activity-chart' }, lineChart({ labels, label: t('activityTitle'), format: num, series: [
      { name: 'DAU', color: COLORS.dau, values: pick('dau') },
      { name: 'WAU', color: COLORS.wau, values: pick('wau') },
      { name: 'MAU', color: COLORS.mau, values: pick('mau') }] })),
    el('div', { id: 'ratio-chart' }, lineChart({ labels, height: 150, label: 'DAU/MAU', format: (v) => pct(v, 0), series: [
      { name: 'DAU/MAU', color: COLORS.ratio, values: pick('dauMau') }] })));
}

function growthPanel(latest) {
  const m = latest.members || {};
  const days = timeline();
  const labels = days.map((d) => d.day);
  const pick = (f) => days.map(({ snapshot }) => (snapshot && snapshot.members ? snapshot.members[f] ?? null : null));
  return panel('growthTitle',
    el('div', { class: 'figures' }, figure(t('fig_members'), num(m.members), 'members'),
      figure(t('fig_newMembers'), num(m.newMembers), 'growth', 'newMembers'), figure(t('fig_exits'), num(m.exits), 'growth', 'exits'),
      figure(t('fig_netGrowth'), num(m.netGrowth), 'growth', 'netGrowth'),
      figure(t('fig_monthlyActiveRate'), m.activeMembers === null || m.activeMembers === undefined ? pct(m.monthlyActiveRate)
        : `${pct(m.monthlyActiveRate)} (${num(m.activeMembers)}/${num(m.members)})`, 'monthly-active-rate'),
      figure(t('fig_activeMembers'), num(m.activeMembers), 'active-members', 'activeMembers'),
      figure(t('fig_follows'), num(m.follows), 'follows'), figure(t('fig_unfollows'), num(m.unfollows), 'follows', 'unfollows')),
    el('div', { id: 'growth-chart' }, columnChart({ labels, label: t('growthTitle'), format: num,
      up: { name: t('fig_newMembers'), color: COLORS.up, values: pick('newMembers') },
      down: { name: t('fig_exits'), color: COLORS.down, values: pick('exits') } })),
    el('div', { id: 'members-chart' }, lineChart({ labels, height: 150, label: t('fig_members'), format: num, series: [
      { name: t('fig_members'), color: COLORS.wau, values: pick('members') }] })));
}

/**
 * The headline D1/D7/D30, classic and "on or after": each figure pooled over several cohorts, shown with the members
 * behind it and the cohorts it covers. A day computed before 2026-12-06 has the old one-cohort headline: shown as it is.
 */
function headlineTable(r) {
  const row = (kind, label, cells) => el('tr', { 'data-kind': kind }, el('th', {}, label),
    ...cells.map(([key, content, title]) => el('td', { 'data-n': key, title: title || '' }, ...content)));
  const head = el('thead', {}, el('tr', {}, el('th', {}, ''), el('th', {}, 'D1'), el('th', {}, 'D7'), el('th', {}, 'D30')));
  const cohortOf = (day, size) => t('cohortOf').replace('{day}', day).replace('{size}', num(size));
  if (r.headline) {
    const pooled = (figures) => ['d1', 'd7', 'd30'].map((k) => {
      const f = (figures || {})[k];
      if (!f) return [k, ['—']];
      const rate = f.rate === null || f.rate === undefined ? '—' : pct(f.rate);
      const basis = t('headlineBasis').replace('{retained}', num(f.retained)).replace('{size}', num(f.size));
      const range = t('headlineCohorts').replace('{from}', f.fromCohort).replace('{to}', f.toCohort).replace('{n}', String(f.cohorts));
      return [k, [el('span', { class: 'rate' }, rate), el('br'), el('span', { class: 'basis muted small' }, basis), el('br'),
        el('span', { class: 'range muted small' }, range)], `${basis} · ${range}`];
    });
    return el('table', { class: 'compact', id: 'retention-headline', 'data-definition': 'pooled' }, head,
      el('tbody', {}, row('classic', t('classic'), pooled(r.headline.classic)),
        row('onOrAfter', t('onOrAfterWindow'), pooled(r.headline.onOrAfter))));
  }
  const classic = r.classic || {};
  const after = r.onOrAfter || {};
  return el('div', {},
    el('p', { class: 'muted small', id: 'retention-headline-before' }, t('headlineBefore')),
    el('table', { class: 'compact', id: 'retention-headline', 'data-definition': 'single-cohort' }, head,
      el('tbody', {},
        row('classic', t('classic'), ['d1', 'd7', 'd30'].map((k) => {
          const c = classic[k];
          if (!c) return [k, ['—']];
          return [k, [c.rate === null || c.rate === undefined ? '—' : `${pct(c.rate)} (${num(c.retained)}/${num(c.size)})`],
            cohortOf(c.cohortDay, c.size)];
        })),
        row('onOrAfter', `${t('onOrAfter')}${after.cohortDay ? ` (${cohortOf(after.cohortDay, after.size)})` : ''}`,
          ['d1', 'd7', 'd30'].map((k) => {
            const c = after[k];
            if (!c || c.rate === null || c.rate === undefined) return [k, ['—']];
            return [k, [`${pct(c.rate)} (${num(c.retained)}/${num(after.size)})`]];
          })))));
}

function retentionPanel(latest) {
  const r = latest.retention || {};
  const annual = r.annual;
  const toggle = el('div', { class: 'toggle', role: 'group', ariaLabel: t('heatmapMode') },
    ...['classic', 'onOrAfter'].map((mode) => {
      const b = el('button', { type: 'button', 'data-mode': mode, class: state.mode === mode ? 'on' : '' }, t(mode));
      b.setAttribute('aria-pressed', String(state.mode === mode));
      b.addEventListener('click', () => { state.mode = mode; $('cohort-heatmap').replaceWith(heatmap()); updateToggle(); });
      return b;
    }));
  return panel('retentionTitle',
    el('p', {}, t('headline'), ' ', helpLink('headline-retention'), ' ', helpLink('headline-on-or-after')),
    headlineTable(r),
    el('div', { class: 'figures' }, figure(t('fig_annualRetention'), annual && annual.rate !== null && annual.rate !== undefined
      ? `${pct(annual.rate)} (${num(annual.retained)}/${num(annual.size)}, ${annual.cohortMonth})`
      : `— (${t('noCohort').replace('{month}', annual ? annual.cohortMonth : '?')})`,
      'annual-retention', 'annualRetention')),
    el('h4', {}, t('cohortsTitle'), ' ', helpLink('cohort')),
    toggle,
    heatmap());
}

function updateToggle() {
  document.querySelectorAll('#metrics [data-mode]').forEach((b) => {
    b.classList.toggle('on', b.dataset.mode === state.mode);
    b.setAttribute('aria-pressed', String(b.dataset.mode === state.mode));
  });
}

/** Cohort rows (newest first), day-N columns; each cell the share of the cohort retained, shaded by it. */
function heatmap() {
  const cohorts = state.cohorts;
  if (!cohorts) return el('p', { id: 'cohort-heatmap', class: 'muted' }, t('cohortsUnavailable'));
  if (!cohorts.length) return el('p', { id: 'cohort-heatmap', class: 'muted' }, t('cohortsEmpty'));
  const rows = cohorts.filter((c) => c.size > 0).sort((a, b) => (a.cohortDay < b.cohortDay ? 1 : -1));
  const emptyDays = cohorts.length - rows.length;
  if (!rows.length) return el('p', { id: 'cohort-heatmap', class: 'muted' }, t('cohortsEmpty'));
  const maxN = Math.max(1, ...rows.flatMap((c) => Object.keys(c[state.mode] || {}).map(Number)));
  const columns = Array.from({ length: Math.min(maxN, 30) }, (_, i) => i + 1);
  const head = el('tr', {}, el('th', {}, t('cohort')), el('th', {}, t('size')), ...columns.map((n) => el('th', {}, `D${n}`)));
  const body = rows.map((c) => el('tr', { 'data-cohort': c.cohortDay }, el('th', {}, c.cohortDay), el('td', {}, num(c.size)),
    ...columns.map((n) => {
      const retained = (c[state.mode] || {})[String(n)];
      if (retained === undefined || retained === null) return el('td', { class: 'heat none' }, '');
      const rate = c.size > 0 ? retained / c.size : null;
      const td = el('td', { class: 'heat', 'data-n': String(n), title: `${c.cohortDay} D${n}: ${num(retained)} / ${num(c.size)} (${pct(rate)})` },
        rate === null ? '—' : String(Math.round(rate * 100)));
      if (rate !== null) {
        td.style.background = `rgba(194, 65, 12, ${(0.08 + 0.85 * rate).toFixed(3)})`;
        if (rate > 0.5) td.style.color = '#fff';
      }
      return td;
    })));
  return el('div', { id: 'cohort-heatmap', class: 'scroll', 'data-mode': state.mode },
    el('table', { class: 'heatmap' }, el('thead', {}, head), el('tbody', {}, ...body)),
    el('p', { class: 'muted small' }, t('heatmapNote'),
      emptyDays > 0 ? ` ${t('heatmapEmptyDays').replace('{n}', String(emptyDays))}` : ''));
}

function bars(id, keys, counts, prefix, cumulative) {
  const total = keys.reduce((s, k) => s + (counts[k] || 0), 0);
  const rows = keys.map((k, i) => {
    const count = cumulative ? keys.slice(i).reduce((s, x) => s + (counts[x] || 0), 0) : counts[k] || 0;
    const share = total > 0 ? count / total : null;
    return el('div', { class: 'bar-row', 'data-key': k },
      el('span', { class: 'bar-label' }, t(`${prefix}${k}`) + (cumulative && i > 0 ? '+' : '')),
      el('span', { class: 'meter' }, el('span', { class: `meter-fill ${prefix}${k}`, style: { width: `${share === null ? 0 : (share * 100).toFixed(1)}%` } })),
      el('span', { class: 'bar-value' }, `${num(count)} (${pct(share)})`));
  });
  return el('div', { id, class: cumulative ? 'funnel' : 'bars' }, ...rows);
}

function distributionPanel(latest) {
  // The distribution is a current counter, recorded by the daily run for the day just ended; a day first computed by a
  // backfill has none. Show the newest recorded one in the range, and say which day it is.
  const recorded = [...state.days].reverse().find((s) => s.distribution);
  if (!recorded) {
    return panel('distributionTitle', el('p', { class: 'muted', id: 'distribution-missing' }, t('distributionMissing'), ' ',
      helpLink('distribution')));
  }
  const d = recorded.distribution;
  return panel('distributionTitle',
    el('p', { class: 'muted' }, t('funnelNote'), ' ', helpLink('distribution')),
    recorded.day !== latest.day ? el('p', { class: 'muted small', id: 'distribution-day' }, t('distributionOf').replace('{day}', recorded.day)) : null,
    el('div', { class: 'panel-row' },
      el('div', {}, el('h4', {}, t('tierFunnel')), bars('tier-funnel', TIERS, d.tier || {}, 'tier_', true)),
      el('div', {}, el('h4', {}, t('categories')), bars('category-bars', CATEGORIES, d.category || {}, 'cat_', false))));
}

function conversionPanel(latest) {
  const c = latest.conversion || {};
  const p = latest.points || {};
  return panel('conversionTitle',
    el('div', { class: 'figures' },
      figure(t('fig_conversion'), pct(c.rate), 'purchase-conversion', 'conversion'),
      figure(t('fig_purchasers'), num(c.purchasers), 'purchase-conversion', 'purchasers'),
      figure('MAU', num(c.active), 'wau-mau', 'active'),
      figure(t('fig_pointsIssued'), num(p.issued), 'points', 'pointsIssued'),
      figure(t('fig_pointsExpired'), num(p.expired), 'points', 'pointsExpired'),
      figure('CSAT', latest.csat === null || latest.csat === undefined ? t('noDataYet') : `${Number(latest.csat).toFixed(2)} / 5`, 'csat', 'csat')));
}

function carePanel(latest) {
  const c = latest.care || {};
  const w = c.winBack || {};
  return panel('careTitle',
    el('div', { class: 'figures' },
      figure(t('fig_newlyDormant'), num(c.newlyDormant), 'dormant', 'newlyDormant'),
      figure(t('fig_dormant'), num(c.dormant), 'dormant-count', 'dormantNow'),
      figure(t('fig_careSent'), num(c.careSent), 'care-sent', 'careSent'),
      figure(t('fig_winBack'), w.rate === null || w.rate === undefined
        ? `— (${t('noCareOn').replace('{day}', w.careDay || '?')})`
        : `${pct(w.rate)} (${num(w.wonBack)}/${num(w.sent)}, ${w.careDay})`, 'win-back', 'winBack')));
}

function messagesPanel(latest) {
  const m = latest.messages;
  if (!m) {
    return panel('messagesTitle', el('p', { class: 'muted', id: 'messages-missing' }, t('messagesMissing'), ' ', helpLink('messages-sent')));
  }
  const byKind = Object.entries(m.sentByKind || {}).filter(([, n]) => n > 0)
    .map(([kind, n]) => el('li', {}, `${t(`kind_${kind}`)}: ${num(n)}`));
  return panel('messagesTitle',
    el('div', { class: 'figures' },
      figure(t('fig_messagesSent'), num(m.sent), 'messages-sent', 'messagesSent'),
      figure(t('fig_deliveryRate'), pct(m.deliveryRate), 'delivery-rate', 'deliveryRate'),
      figure(t('fig_unsubscribeRate'), `${pct(m.unsubscribeRate)} (${num(m.unsubscribed)})`, 'unsubscribe-rate', 'unsubscribeRate')),
    byKind.length ? el('ul', { class: 'small', id: 'messages-by-kind' }, ...byKind) : null);
}

const RATE_FIGURES = new Set(['dauMau', 'monthlyActiveRate', 'annualRetention', 'conversion', 'winBackRate', 'classicD1', 'classicD7',
  'classicD30']);

function reportValue(name, value) {
  if (value === null || value === undefined) return '—';
  if (RATE_FIGURES.has(name)) return pct(value);
  if (name === 'csat') return `${Number(value).toFixed(2)} / 5`;
  if (name === 'dau') return new Intl.NumberFormat(currentLocale(), { maximumFractionDigits: 1 }).format(value);
  return num(value);
}

function reportChange(name, f) {
  if (f.change === null || f.change === undefined) return '—';
  if (RATE_FIGURES.has(name)) return kpiGap(name, f.change);
  const sign = f.change > 0 ? '+' : f.change < 0 ? '−' : '±';
  const size = name === 'csat' ? Math.abs(f.change).toFixed(2) : reportValue(name, Math.abs(f.change));
  return `${sign}${size}${f.changeRate === null || f.changeRate === undefined ? '' : ` (${sign}${pct(Math.abs(f.changeRate))})`}`;
}

/** A report as a table: each figure over the period, the previous period and the change; then the KPIs at its end. */
function reportTable(report) {
  const head = el('tr', {}, el('th', {}, t('helpFigure')), el('th', {}, report.label), el('th', {}, report.previous ? report.previous.label : ''),
    el('th', {}, t('change')));
  const rows = Object.entries(report.figures || {}).map(([name, f]) => el('tr', { 'data-report-figure': name },
    el('th', {}, t(`rep_${name}`), ' ', el('span', { class: 'muted small' }, t(`agg_${f.aggregation}`))),
    el('td', { class: 'value' }, reportValue(name, f.value)), el('td', {}, reportValue(name, f.previous)), el('td', {}, reportChange(name, f))));
  const kpis = (report.kpis || []).map((k) => el('tr', { 'data-report-kpi': k.kpi },
    el('th', {}, t(`kpi_${k.kpi}`)), el('td', { class: 'value' }, kpiValue(k.kpi, k.actual)),
    el('td', {}, `${t('target')} ${k.kpi === 'satisfaction' ? Number(k.target).toFixed(1) : pct(k.target, 0)}`),
    el('td', {}, `${t('gap')} ${kpiGap(k.kpi, k.gap)}`)));
  const summary = t(report.complete ? 'reportSummaryComplete' : 'reportSummaryPartial')
    .replace('{start}', report.start).replace('{end}', report.end).replace('{with}', String(report.daysWithData))
    .replace('{days}', String(report.days)).replace('{through}', report.through || '—');
  return el('div', { id: 'report-view' },
    el('p', { class: 'muted', id: 'report-summary' }, `${t(`report_${report.kind}`)} ${report.label}: ${summary}`),
    el('div', { class: 'scroll' }, el('table', { class: 'compact report' }, el('thead', {}, head), el('tbody', {}, ...rows,
      ...(kpis.length ? [el('tr', {}, el('th', { colSpan: 4, class: 'section' }, t('kpisAtEnd'))), ...kpis] : [])))));
}

function reportsPanel(latest) {
  const kind = el('select', { id: 'report-kind' }, ...['week', 'month', 'quarter'].map((k) => el('option', { value: k }, t(`report_${k}`))));
  kind.value = 'month';
  const start = el('input', { id: 'report-start', type: 'date', value: periodStart('month', latest.day) });
  kind.addEventListener('change', () => { start.value = periodStart(kind.value, latest.day); });
  const show = el('button', { type: 'button', id: 'report-show' }, t('showReport'));
  const csv = el('button', { type: 'button', id: 'report-csv', class: 'secondary' }, t('downloadCsv'));
  const link = el('a', { id: 'report-link', hidden: true });
  const view = el('div', { id: 'report-output' });
  const path = () => `/v1/admin/metrics/reports/${kind.value}?start=${start.value}`;
  // Show asked again (another period) before the first answer came: only the newest is drawn.
  const reports = newest();
  const failed = async (response, isNewest = () => true) => {
    const body = await response.json().catch(() => ({}));
    if (!isNewest()) return;
    const field = (body.errors || [])[0];
    message(`${t('reportFailed')}: ${field ? `${field.field} ${field.message}` : body.detail || body.title || response.status}`, 'error');
  };
  csv.addEventListener('click', async () => {
    const response = await api(`${path()}&format=csv`, { headers: { accept: 'text/csv' } });
    if (!response.ok) { await failed(response); return; }
    message('');
    const blob = new Blob([await response.text()], { type: 'text/csv' });
    if (link.href) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(blob);
    link.download = `fanops-metrics-${kind.value}-${start.value}.csv`;
    link.textContent = link.download;
    link.hidden = false;
    link.click();
  });
  show.addEventListener('click', async () => {
    const isNewest = reports();
    const response = await api(path(), { headers: { accept: 'application/json' } });
    if (!response.ok) { await failed(response, isNewest); return; }
    const report = await response.json();
    if (!isNewest()) return;
    message('');
    view.replaceChildren(reportTable(report));
  });
  return panel('reportsTitle',
    el('div', { class: 'row' }, el('label', { class: 'inline' }, t('reportPeriod'), ' ', kind),
      el('label', { class: 'inline' }, t('reportStart'), ' ', start), show, csv, link),
    view);
}

// ---------------------------------------------------------------- area

function preset(days) {
  $('metrics-to').value = businessToday();
  $('metrics-from').value = addDays($('metrics-to').value, -(days - 1));
  load();
}

function markup() {
  const to = businessToday();
  // The complaints summary stands apart from the daily snapshots: it is there even before any metrics are computed.
  state.complaints = complaintSummaryPanel();
  return el('section', { id: 'metrics', class: 'card' },
    el('div', { class: 'row heading' },
      el('h2', { 'data-i18n': 'metricsTitle' }), el('span', { class: 'spacer' }), el('a', { href: '#help', 'data-i18n': 'definitionsLink' })),
    el('form', { id: 'metrics-range', class: 'row', onsubmit: (event) => { event.preventDefault(); load(); } },
      el('label', { class: 'inline' }, el('span', { 'data-i18n': 'from' }), ' ',
        el('input', { id: 'metrics-from', type: 'date', required: true, value: addDays(to, -89) })),
      el('label', { class: 'inline' }, el('span', { 'data-i18n': 'to' }), ' ', el('input', { id: 'metrics-to', type: 'date', required: true, value: to })),
      el('button', { type: 'submit', 'data-i18n': 'show' }),
      [[30, 'last30'], [90, 'last90'], [365, 'last365']].map(([days, key]) =>
        el('button', { type: 'button', class: 'secondary', 'data-preset': String(days), 'data-i18n': key, onclick: () => preset(days) }))),
    el('p', { id: 'metrics-message', class: 'muted', role: 'status', hidden: true }),
    el('div', { id: 'metrics-empty', class: 'empty', hidden: true },
      el('p', {}, el('strong', { 'data-i18n': 'metricsEmptyTitle' })),
      el('p', { 'data-i18n': 'metricsEmpty' })),
    el('div', { id: 'metrics-content' }),
    state.complaints.panel);
}

export default {
  id: 'metrics',
  nav: 'navMetrics',
  opensWith: ['metrics'],

  render(container, session) {
    state = { days: [], cohorts: null, mode: 'classic', loaded: false };
    container.append(markup());
    window.addEventListener('fanops:locale', () => { if (state.loaded) render(); state.complaints.redraw(); }, { signal: session.signal });
  },

  /** Loads the range the first time it is opened (or again when asked). */
  show() {
    if (!state.loaded) load();
  },
};
