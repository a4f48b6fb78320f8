// The monthly complaints summary by category in the Metrics area (docs/complaints.md, GET /v1/admin/complaint-summary):
// a month picker, the table (every category and the total) and its CSV. Figures only: no personal data.
import { api } from '../../auth.js';
import { h as el, newest } from '../../dom.js';
import { currentLocale, t } from '../../i18n.js';
import { businessZone } from '../../time-zone.js';

const COLUMNS = ['received', 'resolved', 'openAtMonthEnd', 'upheld', 'resolutionBusinessMinutesP50', 'resolutionBusinessMinutesP90',
  'resolutionCalendarHoursP50', 'resolutionCalendarHoursP90', 'firstResponseWithinSla', 'breaches', 'csatAnswers', 'csatAverage',
  'riskFlagged'];

/** The month `yyyy-MM` of `now` in the business time zone. */
export function businessMonth(timeZone = businessZone(), now = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(now).slice(0, 7);
}

function cell(name, value) {
  if (value === null || value === undefined) return '—';
  if (name === 'firstResponseWithinSla') return `${(value * 100).toFixed(1)}%`;
  if (name === 'csatAverage') return value.toFixed(2);
  return value.toLocaleString(currentLocale());
}

function table(summary) {
  const head = el('tr', {}, el('th', {}, t('csCategory')), ...COLUMNS.map((c) => el('th', { 'data-column': c }, t(`cs_${c}`))));
  const line = (row, label) => el('tr', { 'data-category': row.category },
    el('th', { scope: 'row' }, label), ...COLUMNS.map((c) => el('td', { class: 'value', 'data-column': c }, cell(c, row[c]))));
  return el('div', { class: 'scroll' }, el('table', { class: 'compact report', id: 'cs-table' }, el('thead', {}, head),
    el('tbody', {}, ...summary.categories.map((row) => line(row, t(`cat_${row.category}`))), line(summary.total, t('csTotal')))));
}

/** The panel; it keeps its month and table across language changes (`redraw`). */
export function complaintSummaryPanel() {
  const month = el('input', { id: 'cs-month', type: 'month', value: businessMonth(), max: businessMonth() });
  const show = el('button', { type: 'button', id: 'cs-show', 'data-i18n': 'showReport' });
  const csv = el('button', { type: 'button', id: 'cs-csv', class: 'secondary', 'data-i18n': 'downloadCsv' });
  const link = el('a', { id: 'cs-link', hidden: true });
  const status = el('p', { id: 'cs-message', class: 'muted', role: 'status', hidden: true });
  const view = el('div', { id: 'cs-output' });
  let last = null;
  // Show asked again (another month) before the first answer came: only the newest is drawn.
  const reads = newest();
  const say = (text, kind = 'muted') => { status.textContent = text; status.className = kind; status.hidden = !text; };
  const path = () => `/v1/admin/complaint-summary?month=${encodeURIComponent(month.value)}`;
  const failed = async (response, isNewest = () => true) => {
    const body = await response.json().catch(() => ({}));
    if (!isNewest()) return;
    const field = (body.errors || [])[0];
    say(`${t('reportFailed')}: ${field ? `${field.field} ${field.message}` : body.detail || body.title || response.status}`, 'error');
  };
  const draw = () => {
    if (!last) return;
    view.replaceChildren(el('p', { class: 'muted', id: 'cs-asof' }, t('csAsOf').replace('{month}', last.month)
      .replace('{asOf}', new Date(last.asOf).toLocaleString(currentLocale()))), table(last));
  };
  show.addEventListener('click', async () => {
    const isNewest = reads();
    say(t('loading'));
    const response = await api(path(), { headers: { accept: 'application/json' } });
    if (!response.ok) { await failed(response, isNewest); return; }
    const summary = await response.json();
    if (!isNewest()) return;
    say('');
    last = summary;
    draw();
  });
  csv.addEventListener('click', async () => {
    const response = await api(`${path()}&format=csv`, { headers: { accept: 'text/csv' } });
    if (!response.ok) { await failed(response); return; }
    say('');
    const blob = new Blob([await response.arrayBuffer()], { type: 'text/csv;charset=utf-8' });
    if (link.href) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(blob);
    link.download = `fanops-complaints-${month.value}.csv`;
    link.textContent = link.download;
    link.hidden = false;
    link.click();
  });
  const panel = el('section', { class: 'panel', id: 'complaint-summary', 'data-panel': 'csTitle' },
    el('h3', { 'data-i18n': 'csTitle' }), el('p', { class: 'muted', 'data-i18n': 'csIntro' }),
    el('div', { class: 'row' }, el('label', { class: 'inline' }, el('span', { 'data-i18n': 'csMonth' }), ' ', month), show, csv, link),
    status, view);
  return { panel, redraw: draw };
}
