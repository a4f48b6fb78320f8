// The reward archive (000 §6.3): every issuance of a period, filtered by type, status, trigger, item, budget and rule,
// page by page, with the totals of the same filters (count, cost of the rewards still live, points) by type, status,
// rule and month, and the CSV export of the same lines. Analysts read it without member ids, codes, operators or
// reasons (the API leaves them out). Admins and managers open one issuance - cause, consent, history - and revoke it
// with a reason.
import { api } from '../../auth.js';
import { cell, h, newest, thead, when } from '../../dom.js';
import { t } from '../../i18n.js';
import { STATUSES, TRIGGERS, TYPES, call, count, failure, label, money } from './format.js';

const $ = (id) => document.getElementById(id);
const PAGE = 50;
const ISSUANCE = /^r_[0-9a-f]{32}$/;
let state = { items: [], next: null, totals: null, open: null };
const listReads = newest();
const totalsReads = newest();
let can = { detail: false };

function filters() {
  const params = new URLSearchParams();
  for (const name of ['from', 'to', 'type', 'status', 'trigger', 'itemId', 'budgetId', 'ruleId']) {
    const value = $(`rw-archive-${name}`).value.trim();
    if (value) params.set(name, value);
  }
  return params;
}

function say(text) {
  $('rw-archive-error').textContent = text || '';
}

export function memberLink(memberId) {
  return memberId ? h('a', { href: `#members/${memberId}`, 'data-member': memberId }, memberId) : '—';
}

function triggerText(i) {
  return i.ruleId ? `${label('rwTrigger_', i.trigger)} (${i.ruleId})` : label('rwTrigger_', i.trigger);
}

function row(i) {
  const time = can.detail ? h('a', { href: `#rewards/${i.issuanceId}`, 'data-issuance': i.issuanceId,
    onclick: (e) => { e.preventDefault(); openIssuance(i.issuanceId); } }, when(i.issuedAt)) : when(i.issuedAt);
  return h('tr', { 'data-issuance-id': i.issuanceId },
    cell(time), cell(i.itemId), cell(label('rwType_', i.type)), cell(triggerText(i)), cell(label('rwStatus_', i.status), `status-${i.status}`),
    cell(money(i.cost), 'num'), cell(i.pointsPrice ? count(i.pointsPrice) : '—', 'num'), cell(i.budgetId ?? '—'),
    cell(memberLink(i.memberId)));
}

function drawList() {
  $('rw-archive-list').tBodies[0].replaceChildren(...state.items.map(row));
  $('rw-archive-empty').hidden = state.items.length > 0;
  $('rw-archive-more').hidden = !state.next;
}

function line(key, l, id) {
  return h('tr', { 'data-total': id }, cell(key), cell(count(l.count), 'num'), cell(money(l.cost), 'num'), cell(count(l.points), 'num'));
}

function drawTotals() {
  const s = state.totals;
  if (!s) return;
  $('rw-totals-period').textContent = t('rwTotalsPeriod').replace('{from}', s.from).replace('{to}', s.to);
  const group = (titleKey, map, prefix) => Object.keys(map || {}).length
    ? [h('tr', {}, h('th', { colspan: 4, class: 'section', 'data-i18n': titleKey })),
      ...Object.entries(map).map(([key, l]) => line(prefix ? label(prefix, key) : key, l, `${titleKey}:${key}`))] : [];
  $('rw-totals').tBodies[0].replaceChildren(line(t('rwTotal'), s.total, 'total'),
    ...group('rwByType', s.byType, 'rwType_'), ...group('rwByStatus', s.byStatus, 'rwStatus_'),
    ...group('rwByRule', s.byRule, 'rwTrigger_'), ...group('rwByMonth', s.byMonth));
}

async function loadList(cursor) {
  const isNewest = listReads();
  const params = filters();
  params.set('limit', String(PAGE));
  if (cursor) params.set('cursor', cursor);
  try {
    const body = await call(`/v1/admin/rewards/issuances?${params}`);
    if (!isNewest()) return;
    state.items = cursor ? state.items.concat(body.items) : body.items;
    state.next = body.next;
    drawList();
  } catch (error) {
    if (isNewest()) say(error.message);
  }
}

async function loadTotals() {
  const isNewest = totalsReads();
  try {
    const totals = await call(`/v1/admin/rewards/totals?${filters()}`);
    if (!isNewest()) return;
    state.totals = totals;
    if (!$('rw-archive-from').value) $('rw-archive-from').value = state.totals.from;
    if (!$('rw-archive-to').value) $('rw-archive-to').value = state.totals.to;
    drawTotals();
  } catch (error) {
    say(error.message);
  }
}

export function loadArchive(event) {
  event?.preventDefault();
  say('');
  $('rw-issuance').hidden = true;
  loadList();
  loadTotals();
}

async function exportCsv() {
  const params = filters();
  const response = await api(`/v1/admin/rewards/export?${params}`, { headers: { accept: 'text/csv' } });
  if (!response.ok) {
    say(failure(response, await response.json().catch(() => ({}))).message);
    return;
  }
  say('');
  const link = $('rw-export-link');
  if (link.href) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(new Blob([await response.text()], { type: 'text/csv' }));
  link.download = `rewards-${params.get('from') || state.totals?.from || 'from'}-${params.get('to') || state.totals?.to || 'to'}.csv`;
  link.textContent = link.download;
  link.hidden = false;
  link.click();
}

// ---- one issuance ----

function fact(key, value) {
  return value === null || value === undefined || value === '' ? [] : [h('dt', { 'data-i18n': key }), h('dd', {}, value)];
}

function drawIssuance(i) {
  $('rw-issuance-title').textContent = `${label('rwType_', i.type)} · ${i.itemId} · ${i.issuanceId}`;
  $('rw-issuance-fields').replaceChildren(
    ...fact('msgMember', i.memberId ? memberLink(i.memberId) : null), ...fact('colStatus', label('rwStatus_', i.status)),
    ...fact('rwTrigger', triggerText(i)), ...fact('rwCause', i.cause), ...fact('rwIssuedAt', when(i.issuedAt)),
    ...fact('rwStatusAt', when(i.statusAt)), ...fact('rwValidUntil', i.expiresOn), ...fact('rwCost', money(i.cost)),
    ...fact('rwBudget', i.budgetId), ...fact('rwPointsPrice', i.pointsPrice ? count(i.pointsPrice) : null),
    ...fact('rwPoints', i.points ? count(i.points) : null), ...fact('rwCode', i.code),
    ...fact('msgBasis', i.consent ? `${t(`purpose_${i.consent.purpose}`)} · v${i.consent.noticeVersion} · ${when(i.consent.givenAt)}` : null),
    ...fact('rwActor', i.actor), ...fact('rwReason', i.reason), ...fact('rwApproval', i.approvalId));
  $('rw-revoke').hidden = !['issued', 'fulfilled'].includes(i.status);
}

export async function openIssuance(issuanceId) {
  state.open = issuanceId;
  try {
    const i = await call(`/v1/admin/rewards/issuances/${encodeURIComponent(issuanceId)}`);
    if (state.open !== issuanceId) return;
    drawIssuance(i);
    $('rw-issuance-status').textContent = '';
    $('rw-issuance').hidden = false;
    $('rw-issuance').scrollIntoView({ block: 'nearest' });
  } catch (error) {
    say(error.message);
  }
}

/** Revokes an issuance after asking why; answers the issuance, or throws the refusal. */
export async function revokeIssuance(issuanceId) {
  const reason = prompt(t('rwRevokeReason'));
  if (!reason) return null;
  return call(`/v1/admin/rewards/issuances/${encodeURIComponent(issuanceId)}/revoke`, 'POST', { reason });
}

async function revokeOpen() {
  try {
    const i = await revokeIssuance(state.open);
    if (!i) return;
    drawIssuance(i);
    $('rw-issuance-status').textContent = t('rwRevoked');
    loadList();
    loadTotals();
  } catch (error) {
    $('rw-issuance-status').textContent = error.message;
  }
}

// ---- markup ----

function choice(name, key, values, prefix) {
  return h('label', { class: 'inline' }, h('span', { 'data-i18n': key }), ' ',
    h('select', { id: `rw-archive-${name}`, onchange: loadArchive }, h('option', { value: '', 'data-i18n': 'msgAll' }),
      values.map((v) => h('option', { value: v, 'data-i18n': `${prefix}${v}` }))));
}

function text(name, key) {
  return h('label', { class: 'inline' }, h('span', { 'data-i18n': key }), ' ',
    h('input', { id: `rw-archive-${name}`, class: 'narrow', maxlength: '48' }));
}

export function archiveCard(canOpen) {
  can = { detail: canOpen };
  return h('section', { id: 'rw-archive', class: 'card' },
    h('h2', { 'data-i18n': 'rwArchiveTitle' }),
    h('form', { id: 'rw-archive-filter', class: 'row wrap', onsubmit: loadArchive },
      h('label', { class: 'inline' }, h('span', { 'data-i18n': 'from' }), ' ', h('input', { id: 'rw-archive-from', type: 'date' })),
      h('label', { class: 'inline' }, h('span', { 'data-i18n': 'to' }), ' ', h('input', { id: 'rw-archive-to', type: 'date' })),
      choice('type', 'colType', TYPES, 'rwType_'), choice('status', 'colStatus', STATUSES, 'rwStatus_'),
      choice('trigger', 'rwTrigger', [...TRIGGERS, 'redemption', 'manual'], 'rwTrigger_'),
      text('itemId', 'rwItem'), text('budgetId', 'rwBudget'), text('ruleId', 'rwRuleId'),
      h('button', { type: 'submit', 'data-i18n': 'show' }),
      h('button', { id: 'rw-export', type: 'button', class: 'secondary', 'data-i18n': 'downloadCsv', onclick: exportCsv }),
      h('a', { id: 'rw-export-link', hidden: true })),
    h('p', { id: 'rw-archive-error', class: 'error', role: 'alert' }),
    h('div', { class: 'panel' },
      h('h3', { 'data-i18n': 'rwTotalsTitle' }),
      h('p', { id: 'rw-totals-period', class: 'muted' }),
      h('table', { id: 'rw-totals', class: 'compact report' },
        thead('', { key: 'rwCount', class: 'num' }, { key: 'rwCostLive', class: 'num' }, { key: 'rwPointsSpent', class: 'num' }), h('tbody'))),
    h('div', { class: 'panel' },
      h('h3', { 'data-i18n': 'rwIssuancesTitle' }),
      h('div', { class: 'scroll' }, h('table', { id: 'rw-archive-list', class: 'compact' },
        thead('when', 'rwItem', 'colType', 'rwTrigger', 'colStatus', { key: 'rwCost', class: 'num' }, { key: 'rwPointsPrice', class: 'num' },
          'rwBudget', 'msgMember'), h('tbody'))),
      h('p', { id: 'rw-archive-empty', class: 'muted', 'data-i18n': 'rwNoIssuances', hidden: true }),
      h('button', { id: 'rw-archive-more', type: 'button', class: 'secondary', 'data-i18n': 'more', hidden: true,
        onclick: () => loadList(state.next) })),
    h('div', { id: 'rw-issuance', class: 'panel', hidden: true },
      h('div', { class: 'row heading' }, h('h3', { id: 'rw-issuance-title' }), h('span', { class: 'spacer' }),
        h('button', { type: 'button', class: 'secondary', 'data-i18n': 'close', onclick: () => { $('rw-issuance').hidden = true; state.open = null; } })),
      h('dl', { id: 'rw-issuance-fields' }),
      h('button', { id: 'rw-revoke', type: 'button', class: 'secondary', 'data-i18n': 'rwRevoke', onclick: revokeOpen }),
      h('p', { id: 'rw-issuance-status', class: 'muted', role: 'status' })));
}

/** #rewards/<issuanceId> opens one issuance. */
export function issuanceParam(param) {
  return can.detail && ISSUANCE.test(param || '') ? param : null;
}

export function redrawArchive() {
  drawList();
  drawTotals();
}
