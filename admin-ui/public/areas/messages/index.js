// Messages area: what was sent, to whom and why. The delivery log of a business day (admins, managers, agents) with its
// filters and pages, one message with its history and - for admins and managers - its text; the day's figures
// (admins, managers, analysts: analysts see these only, never a member id); the suppression list and the templates
// (admins and managers; suppressions.js, templates.js). The API decides on every call; the roles here only decide
// what is offered. #messages/<messageId> opens one message.
import { api } from '../../auth.js';
import { cell, h, newest, problemText, thead, when } from '../../dom.js';
import { currentLocale, t } from '../../i18n.js';
import { CHANNELS, KINDS, STATUSES, basisText, label, messageColumns, messageRow, statusText } from './format.js';
import { showSuppressions, suppressionsCard } from './suppressions.js';
import { showTemplates, templatesCard } from './templates.js';

const $ = (id) => document.getElementById(id);
const PAGE = 50;
const COUNTERS = ['requested', 'sent', 'delivered', 'bounced', 'complained', 'failed', 'suppressed', 'deferred'];
const MESSAGE_ID = /^msg_[0-9a-f]{32}$/;

let can = null;
let state = null;
const logReads = newest();
const messageReads = newest();
const figureReads = newest();

async function read(path) {
  const response = await api(path);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw Object.assign(new Error(problemText(body) || String(response.status)), { status: response.status });
  return body;
}

function say(text) {
  $('messages-error').textContent = text || '';
}

function pct(rate) {
  return rate === null || rate === undefined ? '—'
    : new Intl.NumberFormat(currentLocale(), { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

// ---- the day's log ----

function query(cursor) {
  const params = new URLSearchParams({ limit: String(PAGE) });
  if ($('messages-day').value) params.set('day', $('messages-day').value);
  for (const name of ['kind', 'status', 'channel']) {
    const value = $(`messages-${name}`).value;
    if (value) params.set(name, value);
  }
  if (cursor) params.set('cursor', cursor);
  return params;
}

function memberLink(m) {
  return m.memberId ? h('a', { href: `#members/${m.memberId}`, 'data-member': m.memberId }, m.memberId) : '—';
}

function drawLog() {
  $('messages-log').tBodies[0].replaceChildren(...state.items.map((m) => messageRow(m, { open: (x) => openMessage(x.messageId), member: memberLink })));
  $('messages-empty').hidden = state.items.length > 0;
  $('messages-more').hidden = !state.next;
}

async function loadLog(cursor) {
  const isNewest = logReads();
  try {
    const body = await read(`/v1/admin/messaging/messages?${query(cursor)}`);
    if (!isNewest()) return;
    // Without a day the API answers today's, in the business time zone: the picker shows that day from then on.
    if (!$('messages-day').value) $('messages-day').value = body.day;
    state.items = cursor ? state.items.concat(body.items) : body.items;
    state.next = body.next;
    drawLog();
    say('');
  } catch (error) {
    if (isNewest()) say(error.message);
  }
}

// ---- one message ----

function fact(key, value) {
  return value === null || value === undefined || value === '' ? [] : [h('dt', { 'data-i18n': key }), h('dd', {}, value)];
}

function drawMessage(m) {
  $('message-title').textContent = `${label('kind_', m.kind)} · ${m.messageId}`;
  $('message-fields').replaceChildren(
    ...fact('msgMember', m.memberId ? memberLink(m) : null), ...fact('msgPurpose', label('msgPurpose_', m.purpose)),
    ...fact('msgCause', m.cause), ...fact('msgLocale', m.locale), ...fact('colStatus', statusText(m)),
    ...fact('colChannel', label('msgChannel_', m.channel)),
    ...fact('msgTemplateVersion', m.templateVersion === null || m.templateVersion === undefined ? null : `v${m.templateVersion}`),
    ...fact('msgBasis', basisText(m.basis)), ...fact('msgRequestedAt', when(m.requestedAt)),
    ...fact('msgDeferredUntil', when(m.deferredUntil)), ...fact('msgSentAt', when(m.sentAt)), ...fact('msgUpdatedAt', when(m.updatedAt)));
  $('message-history').replaceChildren(...(m.history || []).map((step) => h('li', {},
    `${when(step.at)}: ${label('msgStatus_', step.status)}${step.reason ? ` (${label('msgReason_', step.reason)})` : ''}`)));
  // Admins and managers get `content` (null once nothing is kept); agents get no such field and see no text.
  const content = $('message-content');
  content.hidden = !('content' in m);
  $('message-content-gone').hidden = m.content !== null;
  $('message-text').hidden = !m.content;
  $('message-subject').textContent = m.content?.subject ?? '';
  $('message-body').textContent = m.content?.body ?? '';
}

async function openMessage(messageId) {
  state.open = messageId;
  const isNewest = messageReads();
  try {
    const m = await read(`/v1/admin/messages/${encodeURIComponent(messageId)}`);
    // Another message opened, the panel closed, or this one read again meanwhile: not drawn.
    if (state.open !== messageId || !isNewest()) return;
    state.message = m;
    drawMessage(m);
    $('message-detail').hidden = false;
    $('message-detail').scrollIntoView({ block: 'nearest' });
  } catch (error) {
    if (isNewest()) say(error.message);
  }
}

// ---- the day's figures ----

function figure(key, value, id) {
  return h('div', { class: 'figure', 'data-figure': id }, h('span', { class: 'figure-label', 'data-i18n': key }),
    h('strong', { class: 'figure-value' }, value));
}

function drawFigures(s) {
  const kinds = Object.entries(s.byKind || {}).filter(([, c]) => COUNTERS.some((n) => c[n] > 0));
  const total = (name) => kinds.reduce((sum, [, c]) => sum + (c[name] || 0), 0);
  $('messages-figures').replaceChildren(
    figure('stat_requested', String(total('requested')), 'requested'), figure('stat_sent', String(total('sent')), 'sent'),
    figure('stat_delivered', String(total('delivered')), 'delivered'), figure('msgDeliveryRate', pct(s.deliveryRate), 'deliveryRate'),
    figure('msgUnsubscribed', String(s.unsubscribed ?? 0), 'unsubscribed'), figure('msgUnsubscribeRate', pct(s.unsubscribeRate), 'unsubscribeRate'));
  $('messages-by-kind').tBodies[0].replaceChildren(...kinds.map(([kind, c]) => h('tr', { 'data-kind': kind },
    cell(label('kind_', kind)), COUNTERS.map((n) => cell(String(c[n] ?? 0), 'num')))));
  $('messages-by-kind').hidden = kinds.length === 0;
  $('messages-figures-empty').hidden = kinds.length > 0;
}

async function loadFigures() {
  const day = $('messages-day').value;
  const isNewest = figureReads();
  try {
    const s = await read(`/v1/admin/messaging/stats${day ? `?day=${day}` : ''}`);
    if (!isNewest()) return;
    if (!$('messages-day').value) $('messages-day').value = s.day;
    state.figures = s;
    drawFigures(s);
  } catch (error) {
    if (isNewest()) say(error.message);
  }
}

function load(event) {
  event?.preventDefault();
  $('message-detail').hidden = true;
  state.open = null;
  if (can.log) loadLog();
  if (can.figures) loadFigures();
}

// ---- markup ----

function choice(name, values, prefix) {
  return h('label', { class: 'inline' }, h('span', { 'data-i18n': `msg${name[0].toUpperCase()}${name.slice(1)}` }), ' ',
    h('select', { id: `messages-${name}`, onchange: load }, h('option', { value: '', 'data-i18n': 'msgAll' }),
      values.map((v) => h('option', { value: v, 'data-i18n': `${prefix}${v}` }))));
}

function logCard() {
  return h('section', { id: 'messages', class: 'card' },
    h('h2', { 'data-i18n': 'messagesTitle' }),
    h('form', { id: 'messages-filter', class: 'row wrap', onsubmit: load },
      h('label', { class: 'inline' }, h('span', { 'data-i18n': 'msgDay' }), ' ', h('input', { id: 'messages-day', type: 'date', onchange: load })),
      can.log ? [choice('kind', KINDS, 'kind_'), choice('status', STATUSES, 'msgStatus_'), choice('channel', CHANNELS, 'msgChannel_')] : null,
      h('button', { type: 'submit', 'data-i18n': 'show' })),
    h('p', { id: 'messages-error', class: 'error', role: 'alert' }),
    h('div', { id: 'messages-stats', class: 'panel', hidden: !can.figures },
      h('h3', { 'data-i18n': 'figuresTitle' }),
      h('div', { id: 'messages-figures', class: 'figures' }),
      h('div', { class: 'scroll' }, h('table', { id: 'messages-by-kind', class: 'compact', hidden: true },
        thead('msgKind', ...COUNTERS.map((n) => ({ key: `stat_${n}`, class: 'num' }))), h('tbody'))),
      h('p', { id: 'messages-figures-empty', class: 'muted', 'data-i18n': 'figuresNone', hidden: true })),
    h('div', { id: 'messages-list', class: 'panel', hidden: !can.log },
      h('h3', { 'data-i18n': 'msgLogTitle' }),
      h('div', { class: 'scroll' }, h('table', { id: 'messages-log', class: 'compact' }, thead(...messageColumns(true)), h('tbody'))),
      h('p', { id: 'messages-empty', class: 'muted', 'data-i18n': 'msgNone', hidden: true }),
      h('button', { id: 'messages-more', type: 'button', class: 'secondary', 'data-i18n': 'more', hidden: true,
        onclick: () => loadLog(state.next) })),
    h('div', { id: 'message-detail', class: 'panel', hidden: true },
      h('div', { class: 'row heading' }, h('h3', { id: 'message-title' }), h('span', { class: 'spacer' }),
        h('button', { type: 'button', class: 'secondary', 'data-i18n': 'close',
          onclick: () => { $('message-detail').hidden = true; state.open = null; } })),
      h('dl', { id: 'message-fields' }),
      h('div', { id: 'message-content', hidden: true },
        h('p', { id: 'message-content-gone', class: 'muted', 'data-i18n': 'msgContentGone', hidden: true }),
        h('div', { id: 'message-text', hidden: true },
          h('h4', { 'data-i18n': 'tplSubject' }), h('p', { id: 'message-subject' }),
          h('h4', { 'data-i18n': 'tplBody' }), h('pre', { id: 'message-body', class: 'text' }))),
      h('h4', { 'data-i18n': 'history' }),
      h('ul', { id: 'message-history' })));
}

export default {
  id: 'messages',
  nav: 'navMessages',
  // Every role reads something here: agents the log, analysts the figures (members: admin, manager, agent; metrics:
  // admin, manager, analyst).
  opensWith: ['members', 'metrics'],

  render(container, session) {
    const has = (...roles) => roles.some((role) => session.roles.includes(role));
    can = { log: has('admin', 'manager', 'agent'), figures: has('admin', 'manager', 'analyst'), edit: has('admin', 'manager'),
      remove: has('admin') };
    state = { items: [], next: null, open: null, message: null, figures: null, loaded: false };
    container.append(logCard());
    if (can.edit) container.append(suppressionsCard(can.remove), templatesCard());
    // Rows and figures are drawn from data: drawn again in the new language.
    window.addEventListener('fanops:locale', () => {
      if (can.log) drawLog();
      if (state.figures) drawFigures(state.figures);
      if (state.message && !$('message-detail').hidden) drawMessage(state.message);
    }, { signal: session.signal });
  },

  /** The day's log and figures when first opened; #messages/<messageId> opens that message. */
  show(params) {
    if (!state.loaded) {
      state.loaded = true;
      load();
      if (can.edit) {
        showSuppressions();
        showTemplates();
      }
    }
    if (can.log && MESSAGE_ID.test(params[0] || '')) openMessage(params[0]);
  },
};
