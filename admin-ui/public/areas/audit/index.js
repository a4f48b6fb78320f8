// The audit log (docs/audit.md): who did what, when, to what - every operator action, newest first, for admins only
// (the API refuses everyone else). Filters: business days from/to (the API's default is the last 7), the exact actor,
// an action prefix (complaints. finds every complaints action) and the exact target; "More" follows the API's cursor.
// Reasons an operator typed are withheld by the API (they may hold personal data); the table says so. Its own area.
import { api } from '../../auth.js';
import { cell, clearProblem, h, newest, showProblem, thead, when, whileBusy } from '../../dom.js';
import { t } from '../../i18n.js';

const $ = (id) => document.getElementById(id);
const FILTERS = ['from', 'to', 'actor', 'action', 'target'];
const PAGE = 20;
let query = new URLSearchParams();
let next = null;
// Read on each opening, each search and each "More": a page is drawn only while no later read has started.
const reads = newest();

function reason(line) {
  if (line.reason) return line.reason;
  return line.reasonWithheld ? h('span', { class: 'muted', 'data-i18n': 'auditReasonWithheld' }) : '';
}

function row(line) {
  return h('tr', { 'data-action': line.action },
    cell(h('time', { dateTime: line.at }, when(line.at))), cell(line.actor, 'audit-actor'), cell(h('code', {}, line.action)),
    cell(line.target, 'audit-target'), cell(reason(line), 'small'));
}

async function load(append) {
  const isNewest = reads();
  const form = $('audit-filters');
  const params = new URLSearchParams(query);
  params.set('limit', String(PAGE));
  if (append && next) params.set('cursor', next);
  const response = await api(`/v1/admin/audit?${params}`);
  const body = await response.json().catch(() => ({}));
  if (!isNewest()) return;
  if (!response.ok) {
    showProblem(form, body, $('audit-status'), (field) => (FILTERS.includes(field) ? field : null));
    return;
  }
  clearProblem(form);
  const rows = (body.items || []).map(row);
  const tbody = $('audit-list').tBodies[0];
  if (append) tbody.append(...rows); else tbody.replaceChildren(...rows);
  next = body.next || null;
  $('audit-more').hidden = !next;
  $('audit-empty').hidden = tbody.rows.length > 0;
  $('audit-status').textContent = t('auditRange').replace('{from}', body.from).replace('{to}', body.to)
    .replace('{n}', String(tbody.rows.length));
}

function search(event) {
  event.preventDefault();
  query = new URLSearchParams();
  for (const name of FILTERS) {
    const value = event.target[name].value.trim();
    if (value) query.set(name, value);
  }
  load(false);
}

function filter(name, key, attrs) {
  return h('label', { class: 'inline' }, h('span', { 'data-i18n': key }), ' ',
    h('input', { name, id: `audit-${name}`, ...attrs }),
    h('small', { class: 'error', 'data-error-for': name, hidden: true, role: 'alert' }));
}

export default {
  id: 'audit',
  nav: 'navAudit',
  opensWith: ['audit'],

  render(container) {
    container.append(h('section', { id: 'audit', class: 'card' },
      h('h2', { 'data-i18n': 'auditTitle' }),
      h('p', { class: 'muted', 'data-i18n': 'auditIntro' }),
      h('form', { id: 'audit-filters', class: 'row wrap', noValidate: true, onsubmit: search },
        filter('from', 'from', { type: 'date' }),
        filter('to', 'to', { type: 'date' }),
        filter('actor', 'auditActor', { maxLength: 200, autocomplete: 'off' }),
        filter('action', 'auditAction', { maxLength: 100, autocomplete: 'off', 'data-i18n-placeholder': 'auditActionHint' }),
        filter('target', 'auditTarget', { maxLength: 200, autocomplete: 'off' }),
        h('button', { type: 'submit', id: 'audit-show', 'data-i18n': 'show' })),
      h('p', { id: 'audit-status', class: 'muted', role: 'status' }),
      h('div', { class: 'scroll' }, h('table', { id: 'audit-list', class: 'compact' },
        thead('when', 'auditActor', 'auditAction', 'auditTarget', 'auditReason'), h('tbody'))),
      h('p', { id: 'audit-empty', class: 'muted', 'data-i18n': 'auditNone', hidden: true }),
      h('button', { type: 'button', class: 'secondary', id: 'audit-more', 'data-i18n': 'more', hidden: true, onclick: (event) => whileBusy(event.currentTarget, () => load(true))() })));
  },

  show() {
    load(false);
  },
};
