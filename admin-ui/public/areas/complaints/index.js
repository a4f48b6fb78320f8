// Complaints area: the operators' queue and a ticket. The queue with its filters (status - open by default, by SLA
// urgency -, priority, category, SLA state, assignee, risk, member), each line with a live SLA timer (a second at a
// time, to the earliest open deadline, in the sweep's warning/breached colours; "paused" while waiting on the member),
// the escalation level and risk badges. A ticket: what the complainant said, the conversation, the internal notes, the
// history, the record (responsible party, findings, rectification) and - for agents, managers and admins - the
// actions: assign, the status moves the API allows (`next`), reply, note, resolve, reopen (destructive ones
// confirmed). Analysts read lines and tickets as the API's summaries (no personal data, no text) without actions.
// #complaints/<ticketId> opens a ticket.
import { api } from '../../auth.js';
import { cell, clearProblem, h, newest, problemText, showProblem, thead, when, whileBusy } from '../../dom.js';
import { t } from '../../i18n.js';
import { CATEGORIES, PRIORITIES, RISKS, SLA_STATES, STATUSES, timer } from './format.js';

const $ = (id) => document.getElementById(id);
const PAGE = 50;
const TICKET_ID = /^t_[0-9a-f]{24}$/;
const MEMBER_ID = /^m_[0-9a-f]{1,64}$/;
const MOVES = ['investigating', 'waiting_on_member', 'closed'];

let can = null;
let state = null;
const queueReads = newest();
const ticketReads = newest();

async function read(path) {
  const response = await api(path);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw Object.assign(new Error(problemText(body) || String(response.status)), { status: response.status, body });
  return body;
}

function say(text) {
  $('complaints-error').textContent = text || '';
}

// ---- the queue ----

function query(cursor) {
  const params = new URLSearchParams({ limit: String(PAGE) });
  for (const name of ['status', 'priority', 'category', 'sla']) {
    const value = $(`cq-${name}`).value;
    if (value) params.set(name, value);
  }
  const assignee = $('cq-assignee').value.trim();
  if (assignee) params.set('assignee', assignee);
  const member = $('cq-member').value.trim();
  if (member) params.set('memberId', member);
  if ($('cq-risk').checked) params.set('risk', 'true');
  if (cursor) params.set('cursor', cursor);
  return params;
}

function riskBadges(reasons) {
  return (reasons || []).map((r) => h('span', { class: 'badge risk', 'data-risk': r }, t(`cqRisk_${r}`)));
}

function level(n) {
  return n ? h('span', { class: `badge level-${n}`, 'data-level': String(n) }, t(`cqLevel_${n}`)) : '—';
}

/** The timer cell of a line, redrawn each second by tick(). */
function timerCell(line) {
  const node = h('td', { class: 'sla-timer', 'data-ticket': line.ticketId });
  drawTimer(node, line, Date.now());
  return node;
}

function drawTimer(node, line, now) {
  const tm = timer(line, now);
  node.className = `sla-timer sla-${tm.state}`;
  node.dataset.state = tm.state;
  node.textContent = t(tm.key).replace('{time}', tm.text);
  node.title = t(`cqSla_${tm.state}`);
}

function tick() {
  const now = Date.now();
  const lines = new Map(state.items.map((line) => [line.ticketId, line]));
  for (const node of document.querySelectorAll('#cq-list td.sla-timer')) {
    const line = lines.get(node.dataset.ticket);
    if (line) drawTimer(node, line, now);
  }
}

function drawQueue() {
  $('cq-list').tBodies[0].replaceChildren(...state.items.map((line) => h('tr', { 'data-number': line.ticketNumber },
    cell(h('a', { href: `#complaints/${line.ticketId}` }, line.ticketNumber)),
    cell(t(`cqStatus_${line.status}`)), cell(h('span', { class: `prio prio-${line.priority}` }, t(`cqPriority_${line.priority}`))),
    cell(t(`cat_${line.category}`)), cell(when(line.receivedAt)),
    can.work ? cell(line.assignee ?? '—') : null,
    timerCell(line), cell(level(line.escalationLevel)), cell(riskBadges(line.risk)))));
  $('cq-empty').hidden = state.items.length > 0;
  $('cq-more').hidden = !state.next;
}

async function loadQueue(cursor) {
  const isNewest = queueReads();
  try {
    const body = await read(`/v1/admin/complaints?${query(cursor)}`);
    if (!isNewest()) return;
    state.items = cursor ? state.items.concat(body.items) : body.items;
    state.next = body.next;
    drawQueue();
    say('');
  } catch (error) {
    if (isNewest()) say(error.message);
  }
}

function filter(event) {
  event?.preventDefault();
  loadQueue();
}

// ---- one ticket ----

function fact(key, value) {
  return value === null || value === undefined || value === '' ? [] : [h('dt', { 'data-i18n': key }), h('dd', {}, value)];
}

function line(entry) {
  const label = (v) => (!v ? '—' : entry.action === 'assigned' ? v : t(`cqStatus_${v}`));
  const move = entry.from || entry.to ? `: ${label(entry.from)} → ${label(entry.to)}` : '';
  return h('li', { 'data-action': entry.action },
    `${when(entry.at)} · ${t(`cqAction_${entry.action}`)}${move} · ${entry.actor ?? ''}${entry.detail ? ` (${entry.detail})` : ''}`);
}

function drawTicket(x) {
  const agent = 'history' in x;
  $('ct-title').textContent = `${x.ticketNumber} · ${t(`cqStatus_${x.status}`)}`;
  const member = x.memberId ? h('a', { href: `#members/${x.memberId}` }, x.memberId) : (x.member ? t('cqYes') : t('cqNo'));
  $('ct-fields').replaceChildren(
    ...fact('cqPriority', t(`cqPriority_${x.priority}`)), ...fact('cqCategory', t(`cat_${x.category}`)),
    ...fact('cqReceived', when(x.receivedAt)), ...fact('cqMember', member), ...fact('cqDiamond', x.diamond ? t('cqYes') : null),
    ...fact('cqAssignee', x.assignee), ...fact('cqName', x.name), ...fact('cqContact', x.contact ? `${x.contact.value} (${x.contact.type})` : null),
    ...fact('cqLocale', x.locale), ...fact('cqReference', x.reference),
    ...fact('cqDue', x.due?.earliest ? when(x.due.earliest) : null), ...fact('cqSlaState', x.slaState ? t(`cqSla_${x.slaState}`) : null),
    ...fact('cqEscalation', x.escalationLevel ? level(x.escalationLevel) : null),
    ...fact('cqRisks', x.risk?.length ? riskBadges(x.risk) : null),
    ...fact('cqResolvedAt', when(x.resolvedAt)), ...fact('cqUpheld', x.upheld === undefined ? null : x.upheld ? t('cqYes') : t('cqNo')));
  $('ct-description-box').hidden = !x.description;
  $('ct-description').textContent = x.description ?? '';
  $('ct-attachments').replaceChildren(...(x.attachments || []).map((url) => h('li', {},
    h('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, url))));
  const history = x.history || [];
  $('ct-conversation').replaceChildren(...history.filter((e) => e.action === 'replied' || e.action === 'member_replied')
    .map((e) => h('li', { class: e.action === 'replied' ? 'from-support' : 'from-member', 'data-action': e.action },
      h('strong', {}, e.action === 'replied' ? `${t('cmpFromSupport')} (${e.actor})` : t('cqComplainant')), ` · ${when(e.at)}`,
      h('p', { class: 'text' }, e.text))));
  $('ct-notes').replaceChildren(...history.filter((e) => e.action === 'noted').map((e) => h('li', { 'data-action': 'noted' },
    h('strong', {}, e.actor), ` · ${when(e.at)}`, h('p', { class: 'text' }, e.text))));
  $('ct-history').replaceChildren(...history.map(line));
  for (const id of ['ct-conversation-box', 'ct-notes-box', 'ct-history-box', 'ct-record-box']) $(id).hidden = !agent;
  const work = x.work || {};
  $('ct-record-party').value = work.responsibleParty ?? '';
  $('ct-record-findings').value = work.findings ?? '';
  $('ct-record-rectification').value = work.rectification ?? '';
  $('ct-resolution-text').textContent = work.resolution ?? '';
  $('ct-resolution-box').hidden = !work.resolution;
  drawActions(x, agent && can.work);
}

function drawActions(x, shown) {
  $('ct-actions').hidden = !shown;
  if (!shown) return;
  const open = x.status !== 'resolved' && x.status !== 'closed';
  // The status route takes these three; resolving and reopening have their own forms and routes, acknowledging is the system's.
  const moves = (x.next || []).filter((s) => MOVES.includes(s) && !(x.status === 'resolved' && s === 'investigating'));
  $('ct-moves').replaceChildren(...moves.map((s) => h('button', { type: 'button', class: s === 'closed' ? 'danger' : 'secondary',
    'data-move': s, onclick: () => move(s) }, t(`cqMoveTo_${s}`))));
  $('ct-assign').hidden = x.status === 'closed';
  $('ct-assign-who').value = x.assignee ?? '';
  $('ct-reply').hidden = !open;
  $('ct-note').hidden = x.status === 'closed';
  $('ct-record').hidden = x.status === 'closed';
  $('ct-resolve').hidden = !(x.next || []).includes('resolved');
  $('ct-reopen').hidden = x.status !== 'resolved';
}

async function openTicket(ticketId) {
  state.open = ticketId;
  const isNewest = ticketReads();
  try {
    const x = await read(`/v1/admin/complaints/${encodeURIComponent(ticketId)}`);
    // Another ticket opened, the panel closed, or this one read again meanwhile: not drawn.
    if (state.open !== ticketId || !isNewest()) return;
    state.ticket = x;
    for (const form of document.querySelectorAll('#ct-actions form, #ct-record')) clearProblem(form);
    $('ct-status').textContent = '';
    drawTicket(x);
    $('ct-detail').hidden = false;
    $('ct-detail').scrollIntoView({ block: 'nearest' });
  } catch (error) {
    if (isNewest()) say(error.message);
  }
}

/** One change on the open ticket: field errors beside their fields, the ticket and the queue drawn again after it. */
async function change(path, body, form, done) {
  const ticketId = state.ticket.ticketId;
  const response = await api(`/v1/admin/complaints/${encodeURIComponent(ticketId)}/${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    if (form) showProblem(form, answer, $('ct-status'));
    else $('ct-status').textContent = problemText(answer);
    return;
  }
  if (form) {
    clearProblem(form);
    if (done) done(form);
  }
  state.ticket = answer;
  drawTicket(answer);
  $('ct-status').textContent = t('cqDone');
  loadQueue();
}

function move(status) {
  if (status === 'closed' && !confirm(t('cqConfirmClose'))) return;
  change('status', { status });
}

function submit(path, body, done) {
  return (event) => {
    event.preventDefault();
    const form = event.target;
    const payload = body(form);
    if (payload === null) return;
    change(path, payload, form, done);
  };
}

// ---- markup ----

function choice(name, values, labelKey, optionKey, first) {
  return h('label', { class: 'inline' }, h('span', { 'data-i18n': labelKey }), ' ',
    h('select', { id: `cq-${name}`, name, onchange: filter }, first,
      values.map((v) => h('option', { value: v, 'data-i18n': `${optionKey}${v}` }))));
}

function errorFor(name) {
  return h('span', { class: 'error small', 'data-error-for': name, role: 'alert', hidden: true });
}

function queueCard() {
  return h('section', { id: 'complaints', class: 'card' },
    h('h2', { 'data-i18n': 'cqTitle' }),
    h('form', { id: 'cq-filter', class: 'row wrap', novalidate: true, onsubmit: filter },
      choice('status', STATUSES, 'cqStatus', 'cqStatus_', h('option', { value: 'open', 'data-i18n': 'cqOpen' })),
      choice('priority', PRIORITIES, 'cqPriority', 'cqPriority_', h('option', { value: '', 'data-i18n': 'msgAll' })),
      choice('category', CATEGORIES, 'cqCategory', 'cat_', h('option', { value: '', 'data-i18n': 'msgAll' })),
      choice('sla', SLA_STATES, 'cqSlaState', 'cqSla_', h('option', { value: '', 'data-i18n': 'msgAll' })),
      can.work ? h('label', { class: 'inline' }, h('span', { 'data-i18n': 'cqAssignee' }), ' ',
        h('input', { id: 'cq-assignee', name: 'assignee', maxLength: 120, autocomplete: 'off' })) : h('input', { id: 'cq-assignee', type: 'hidden' }),
      h('label', { class: 'inline' }, h('span', { 'data-i18n': 'cqMember' }), ' ',
        h('input', { id: 'cq-member', name: 'memberId', pattern: MEMBER_ID.source, 'data-i18n-placeholder': 'cqMemberHint', class: 'narrow-id' })),
      h('label', { class: 'inline' }, h('input', { id: 'cq-risk', type: 'checkbox', onchange: filter }), ' ', h('span', { 'data-i18n': 'cqRiskOnly' })),
      h('button', { type: 'submit', 'data-i18n': 'show' })),
    h('p', { id: 'complaints-error', class: 'error', role: 'alert' }),
    h('div', { class: 'scroll' }, h('table', { id: 'cq-list', class: 'compact' },
      thead('cqNumber', 'cqStatus', 'cqPriority', 'cqCategory', 'cqReceived', ...(can.work ? ['cqAssignee'] : []), 'cqTimer', 'cqEscalation', 'cqRisks'),
      h('tbody'))),
    h('p', { id: 'cq-empty', class: 'muted', 'data-i18n': 'cqNone', hidden: true }),
    h('button', { id: 'cq-more', type: 'button', class: 'secondary', 'data-i18n': 'more', hidden: true, onclick: (event) => whileBusy(event.currentTarget, () => loadQueue(state.next))() }));
}

function ticketPanel() {
  const area = (name, max, rows = 3) => h('textarea', { name, maxLength: max, rows, required: true });
  return h('section', { id: 'ct-detail', class: 'card', hidden: true },
    h('div', { class: 'row heading' }, h('h2', { id: 'ct-title' }), h('span', { class: 'spacer' }),
      h('button', { type: 'button', class: 'secondary', 'data-i18n': 'close',
        onclick: () => { $('ct-detail').hidden = true; state.open = null; location.hash = '#complaints'; } })),
    h('dl', { id: 'ct-fields' }),
    h('div', { id: 'ct-description-box', hidden: true }, h('h3', { 'data-i18n': 'cqDescription' }), h('p', { id: 'ct-description', class: 'text' }),
      h('ul', { id: 'ct-attachments' })),
    h('div', { id: 'ct-resolution-box', hidden: true }, h('h3', { 'data-i18n': 'cmpResolution' }), h('p', { id: 'ct-resolution-text', class: 'text' })),
    h('p', { id: 'ct-status', class: 'muted', role: 'status' }),
    h('div', { id: 'ct-actions', hidden: true },
      h('h3', { 'data-i18n': 'cqActions' }),
      h('div', { id: 'ct-moves', class: 'row wrap' }),
      h('form', { id: 'ct-assign', class: 'row wrap', novalidate: true, onsubmit: submit('assignee', (f) => ({ assignee: f.assignee.value })) },
        h('label', { class: 'inline' }, h('span', { 'data-i18n': 'cqAssignee' }), ' ',
          h('input', { id: 'ct-assign-who', name: 'assignee', maxLength: 120, required: true })), errorFor('assignee'),
        h('button', { type: 'submit', 'data-i18n': 'cqAssign' })),
      h('form', { id: 'ct-reply', novalidate: true, onsubmit: submit('replies', (f) => ({ text: f.text.value }), (f) => f.reset()) },
        h('label', {}, h('span', { 'data-i18n': 'cqReply' }), area('text', 280)), errorFor('text'),
        h('p', { class: 'muted small', 'data-i18n': 'cqReplyHint' }),
        h('button', { type: 'submit', 'data-i18n': 'cqSendReply' })),
      h('form', { id: 'ct-note', novalidate: true, onsubmit: submit('notes', (f) => ({ text: f.text.value }), (f) => f.reset()) },
        h('label', {}, h('span', { 'data-i18n': 'cqNote' }), area('text', 4000)), errorFor('text'),
        h('p', { class: 'muted small', 'data-i18n': 'cqNoteHint' }),
        h('button', { type: 'submit', class: 'secondary', 'data-i18n': 'cqAddNote' })),
      h('form', { id: 'ct-resolve', novalidate: true, onsubmit: submit('resolve', (f) => {
        if (!confirm(t('cqConfirmResolve'))) return null;
        const upheld = f.upheld.value;
        return { resolution: f.resolution.value, upheld: upheld === '' ? null : upheld === 'true' };
      }, (f) => f.reset()) },
        h('h4', { 'data-i18n': 'cqResolve' }),
        h('label', {}, h('span', { 'data-i18n': 'cmpResolution' }), area('resolution', 4000)), errorFor('resolution'),
        h('label', { class: 'inline' }, h('span', { 'data-i18n': 'cqUpheld' }), ' ',
          h('select', { name: 'upheld', required: true }, h('option', { value: '', 'data-i18n': 'cqChoose' }),
            h('option', { value: 'true', 'data-i18n': 'cqUpheldYes' }), h('option', { value: 'false', 'data-i18n': 'cqUpheldNo' }))),
        errorFor('upheld'),
        h('button', { type: 'submit', 'data-i18n': 'cqResolve' })),
      h('button', { id: 'ct-reopen', type: 'button', class: 'danger', 'data-i18n': 'cqReopen', hidden: true,
        onclick: () => { if (confirm(t('cqConfirmReopen'))) change('reopen', {}); } })),
    h('div', { id: 'ct-record-box', hidden: true },
      h('h3', { 'data-i18n': 'cqRecord' }),
      h('form', { id: 'ct-record', novalidate: true, onsubmit: submit('record', (f) => ({ responsibleParty: f.responsibleParty.value.trim() || null,
        findings: f.findings.value.trim() || null, rectification: f.rectification.value.trim() || null })) },
        h('label', {}, h('span', { 'data-i18n': 'cqResponsibleParty' }), h('input', { id: 'ct-record-party', name: 'responsibleParty', maxLength: 120 })),
        errorFor('responsibleParty'),
        h('label', {}, h('span', { 'data-i18n': 'cqFindings' }), h('textarea', { id: 'ct-record-findings', name: 'findings', maxLength: 4000, rows: 3 })),
        errorFor('findings'),
        h('label', {}, h('span', { 'data-i18n': 'cqRectification' }),
          h('textarea', { id: 'ct-record-rectification', name: 'rectification', maxLength: 2000, rows: 2 })),
        errorFor('rectification'),
        h('button', { type: 'submit', class: 'secondary', 'data-i18n': 'cqSaveRecord' }))),
    h('div', { id: 'ct-conversation-box', hidden: true }, h('h3', { 'data-i18n': 'cmpConversation' }), h('ul', { id: 'ct-conversation', class: 'conversation' })),
    h('div', { id: 'ct-notes-box', hidden: true }, h('h3', { 'data-i18n': 'cqNotes' }), h('ul', { id: 'ct-notes', class: 'notes' })),
    h('div', { id: 'ct-history-box', hidden: true }, h('h3', { 'data-i18n': 'history' }), h('ul', { id: 'ct-history' })));
}

export default {
  id: 'complaints',
  nav: 'navComplaints',
  // Agents, managers and admins work tickets; analysts (metrics) read the queue and tickets as summaries.
  opensWith: ['complaints', 'metrics'],

  render(container, session) {
    const has = (...roles) => roles.some((role) => session.roles.includes(role));
    can = { work: has('admin', 'manager', 'agent') };
    state = { items: [], next: null, open: null, ticket: null, loaded: false };
    container.append(queueCard(), ticketPanel());
    // The timers count each second; stopped at sign-out.
    const clock = setInterval(tick, 1000);
    session.signal.addEventListener('abort', () => clearInterval(clock));
    window.addEventListener('fanops:locale', () => {
      drawQueue();
      if (state.ticket && !$('ct-detail').hidden) drawTicket(state.ticket);
    }, { signal: session.signal });
  },

  /**
   * The open queue when first opened; #complaints/<ticketId> opens that ticket; #complaints/sla/<state> and
   * #complaints/assignee/<name> (the Today page's links) show the open queue filtered so.
   */
  show(params) {
    const [kind, value] = [params[0] || '', decodeURIComponent(params[1] || '')];
    if ((kind === 'sla' && SLA_STATES.includes(value)) || (kind === 'assignee' && value && can.work)) {
      $('cq-status').value = 'open';
      $('cq-sla').value = kind === 'sla' ? value : '';
      $('cq-assignee').value = kind === 'assignee' ? value : '';
      state.loaded = true;
      loadQueue();
      return;
    }
    if (!state.loaded) {
      state.loaded = true;
      loadQueue();
    }
    if (TICKET_ID.test(params[0] || '')) openTicket(params[0]);
  },
};
