// The four KPI cards against their targets (002 §二) and the figure formatting they share: drawn by the Metrics area
// from the newest snapshot in its range and by the Today page (areas/overview) from the newest snapshot there is.
import { h as el } from '../../dom.js';
import { currentLocale, t } from '../../i18n.js';
import { definition } from './definitions.js';

const KPI_HELP = { monthlyActiveRate: 'monthly-active-rate', annualRetention: 'annual-retention', satisfaction: 'csat',
  conversion: 'purchase-conversion' };

export function num(value) {
  return value === null || value === undefined ? '—' : new Intl.NumberFormat(currentLocale()).format(value);
}

export function pct(rate, digits = 1) {
  return rate === null || rate === undefined ? '—'
    : new Intl.NumberFormat(currentLocale(), { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(rate);
}

export function kpiValue(kpi, value) {
  if (value === null || value === undefined) return '—';
  return kpi === 'satisfaction' ? `${value.toFixed(2)} / 5` : pct(value);
}

export function kpiGap(kpi, gap) {
  if (gap === null || gap === undefined) return '—';
  const sign = gap > 0 ? '+' : gap < 0 ? '−' : '±';
  const size = Math.abs(gap);
  return kpi === 'satisfaction' ? `${sign}${size.toFixed(2)}` : `${sign}${(size * 100).toFixed(1)} ${t('pp')}`;
}

/** A "?" that shows the definition on hover and opens it in the help page. */
export function helpLink(id) {
  const d = definition(id, currentLocale());
  if (!d) return null;
  return el('a', { href: `#help/${id}`, class: 'help-link', title: `${d.name}: ${d.text}`, 'data-def': id,
    ariaLabel: `${t('definition')}: ${d.name}` }, '?');
}

/** The community pulse beside CSAT on the satisfaction card (not a KPI: no target). */
function pulseLine(pulse, id) {
  const value = pulse ? `${Number(pulse.score).toFixed(2)} / 5 (${t('pulseAnswersCount').replace('{n}', num(pulse.answers))})` : t('noDataYet');
  return el('p', { class: 'kpi-pulse small', id }, `${t('pulseBeside')}: ${value}`, ' ', helpLink('pulse'));
}

/** The cards of a snapshot's `kpis` as one element of the given id (two pages draw them: ids stay unique). */
export function kpiCards(latest, id = 'kpi-cards') {
  const cards = (latest.kpis || []).map((k) => {
    const status = k.met === true ? 'met' : k.met === false ? 'missed' : 'nodata';
    const target = k.kpi === 'satisfaction' ? `≥ ${Number(k.target).toFixed(1)} / 5` : `≥ ${pct(k.target, 0)}`;
    return el('article', { class: `kpi ${status}`, 'data-kpi': k.kpi },
      el('h3', {}, t(`kpi_${k.kpi}`), ' ', helpLink(KPI_HELP[k.kpi])),
      el('p', { class: 'kpi-value' }, kpiValue(k.kpi, k.actual)),
      el('p', { class: 'kpi-target' }, `${t('target')} ${target} · ${t('gap')} ${kpiGap(k.kpi, k.gap)}`),
      el('p', { class: 'kpi-status' }, t(`kpiStatus_${status}`)),
      k.kpi === 'satisfaction' ? pulseLine(latest.pulse, id.replace('cards', 'pulse')) : null);
  });
  return el('div', { class: 'kpis', id }, ...cards);
}
