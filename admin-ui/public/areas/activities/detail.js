// One activity: what it is (times, place, audience, budget, goals, owner, prizes, tasks), its counts (registered against
// the capacity, waiting, checked in), the status moves the role is offered (approve, publish, send back, withdraw), each
// confirmed in a dialog that shows the API's refusal, and its registrations page by page (status, number, times; the
// names as the API masks them for the reader's role). Links to the check-in page and the evaluation report.
import { confirmDialog } from '../../confirm-dialog.js';
import { cell, h, newest, thead, when, whileBusy } from '../../dom.js';
import { t } from '../../i18n.js';
import { GOALS, REGISTRATION_STATUSES, call, count, editable, label, money, movesFor, ofLimit, path, percent, statusText } from './format.js';

const $ = (id) => document.getElementById(id);
let shown = null;
let roles = [];
let registrations = [];
let onEdit = () => {};
let onChanged = () => {};
// The activity is read again on each opening (the route, a save, a refused move) and its registrations on each filter:
// the newest answer is drawn. "More" continues the read of the registrations that drew the list.
const detailReads = newest();
const registrationReads = newest();

function goalText(goal, value) {
  if (value === null || value === undefined) return null;
  if (goal === 'attendanceRate') return percent(value, 0);
  if (goal === 'salesMinor') return money(value);
  if (goal === 'retentionLiftPoints') return `+${value} ${t('actPoints')}`;
  return String(value);
}

function facts(a) {
  const rows = [
    ['colStatus', h('span', { class: ['act-chip', `act-${a.status}`], id: 'act-detail-status' }, statusText(a.status))],
    ['colType', t(`actType_${a.type}`)], ['actPlace', a.place || '—'],
    ['actStartsAt', when(a.startsAt)], ['actEndsAt', when(a.endsAt)],
    ['actWindow', `${when(a.registrationOpensAt)} – ${when(a.registrationClosesAt)}`],
    ['actAudience', `${label('actAudience_', a.audience?.kind)}${a.audience?.value ? `: ${a.audience.value}` : ''}`],
    ['rwBudget', a.budgetId ? `${a.budgetId} · ${money(a.budgetAmount)}` : '—'], ['actOwner', a.owner || '—'],
    ['actHoldout', percent((a.holdoutBp ?? 0) / 10000, 2)], ['actEvaluateAfter', String(a.evaluateAfterDays ?? '—')],
    ['actGoals', GOALS.map((g) => [g, goalText(g, a.goals?.[g])]).filter(([, v]) => v).map(([g, v]) => `${t(`actGoal_${g}`)}: ${v}`).join(' · ') || '—'],
    ['actPrizes', (a.prizes || []).map((p) => `${p.itemId} × ${t('actTopN').replace('{n}', p.topN)}`).join(' · ') || '—'],
  ];
  return rows.flatMap(([key, value]) => [h('dt', { 'data-i18n': key }), h('dd', {}, value)]);
}

function drawActivity(a) {
  $('act-detail-title').textContent = a.theme;
  $('act-detail-description').textContent = a.description || '';
  $('act-detail-facts').replaceChildren(...facts(a));
  const c = a.counts || {};
  $('act-counts').replaceChildren(...[['actRegistered', ofLimit(c.registered, c.capacity ?? a.capacity), 'registered'],
    ['actWaiting', count(c.waiting ?? 0), 'waiting'], ['actCheckedIn', count(c.checkedIn ?? 0), 'checkedIn']]
    .map(([key, value, name]) => h('span', { class: 'figure' }, h('span', { class: 'figure-label', 'data-i18n': key }),
      h('strong', { class: 'figure-value', 'data-count': name }, value))));
  $('act-tasks-list').replaceChildren(...(a.tasks || []).map((x) => h('li', { class: x.done ? 'muted' : null },
    `${x.done ? '✓ ' : ''}${x.title} — ${x.owner}, ${x.due}`)));
  $('act-tasks-title').hidden = !(a.tasks || []).length;
  const moves = movesFor(a.status, roles);
  $('act-actions').replaceChildren(...[
    editable(a, roles) ? h('button', { id: 'act-edit', type: 'button', 'data-i18n': 'actEdit', onclick: () => onEdit(a) }) : null,
    ...moves.map((m) => h('button', { type: 'button', class: m.danger ? 'danger' : 'secondary', 'data-move': m.to, 'data-i18n': `actMove_${m.action}`,
      onclick: () => move(a, m) }))].filter(Boolean));
  const reads = roles.some((r) => ['admin', 'manager', 'analyst'].includes(r));
  const checks = roles.some((r) => ['admin', 'manager', 'agent'].includes(r));
  $('act-links').replaceChildren(...[
    checks && ['published', 'running'].includes(a.status)
      ? h('a', { id: 'act-checkin-link', class: 'button', href: `#activities/${encodeURIComponent(a.activityId)}/check-in`, 'data-i18n': 'actCheckInPage' }) : null,
    reads && ['running', 'closed', 'evaluated'].includes(a.status)
      ? h('a', { id: 'act-report-link', class: 'button secondary', href: `#activities/${encodeURIComponent(a.activityId)}/report`, 'data-i18n': 'actReport' }) : null].filter(Boolean));
}

async function move(a, m) {
  const done = await confirmDialog({
    title: t(`actMove_${m.action}`), subject: `${a.theme} · ${when(a.startsAt)}`, consequences: t(`actMoveConsequence_${m.action}`),
    confirm: `actMove_${m.action}`, danger: !!m.danger,
  }, async () => {
    try {
      shown = await call(path(a.activityId, '/status'), 'POST', { to: m.to, version: a.version });
      return null;
    } catch (error) {
      return /stale-version$/.test(error.problem?.type || '') ? `${error.message} ${t('actReloadHint')}` : error.message;
    }
  });
  if (done) {
    drawActivity(shown);
    onChanged(shown);
    $('act-detail-status-line').textContent = t('actMoved').replace('{status}', statusText(shown.status));
  } else {
    // A refusal may mean someone else moved it: show what is in force now.
    openDetail(a.activityId, { keepStatus: true });
  }
}

function drawRegistrations() {
  $('act-registrations').tBodies[0].replaceChildren(...registrations.map((r) => h('tr', { 'data-member': r.memberId, 'data-no': String(r.no) },
    cell(String(r.no ?? ''), 'num'), cell(r.displayName || r.memberId), h('td', { class: `status-${r.status}` }, label('actReg_', r.status)),
    cell(when(r.registeredAt)), cell(when(r.promotedAt)), cell(when(r.checkedInAt)), cell(r.checkedInBy ?? ''))));
  $('act-registrations-empty').hidden = registrations.length > 0;
}

async function loadRegistrations(isNewest, cursor) {
  const params = new URLSearchParams();
  if ($('act-reg-filter').value) params.set('status', $('act-reg-filter').value);
  if (cursor) params.set('cursor', cursor);
  const id = shown.activityId;
  try {
    const body = await call(path(id, `/registrations?${params}`));
    if (!isNewest()) return;
    registrations = cursor ? registrations.concat(body.items) : body.items;
    drawRegistrations();
    $('act-registrations-more').hidden = !body.next;
    const more = $('act-registrations-more');
    more.onclick = whileBusy(more, () => loadRegistrations(isNewest, body.next));
    $('act-registrations-card').hidden = false;
  } catch (error) {
    if (!isNewest()) return;
    $('act-registrations-card').hidden = error.status === 403;
    $('act-registrations-status').textContent = error.status === 403 ? '' : error.message;
  }
}

/** Opens an activity (read again from the API). */
export async function openDetail(activityId, { keepStatus = false } = {}) {
  const isNewest = detailReads();
  if (!keepStatus) $('act-detail-status-line').textContent = '';
  $('act-detail').hidden = false;
  let activity;
  try {
    activity = await call(path(activityId));
  } catch (error) {
    if (!isNewest()) return;
    $('act-detail-title').textContent = '';
    $('act-detail-status-line').textContent = error.message;
    return;
  }
  if (!isNewest()) return;
  shown = activity;
  drawActivity(shown);
  registrations = [];
  await loadRegistrations(registrationReads());
}

/** Draws again in a new language. */
export function redrawDetail() {
  if (shown) {
    drawActivity(shown);
    drawRegistrations();
  }
}

/** The detail card; `edit(activity)` opens the editor, `changed(activity)` is told each move. */
export function detailCard(sessionRoles, edit, changed) {
  roles = sessionRoles;
  onEdit = edit;
  onChanged = changed;
  shown = null;
  return h('section', { id: 'act-detail', class: 'card', hidden: true },
    h('p', {}, h('a', { href: '#activities', 'data-i18n': 'actBack' })),
    h('h2', { id: 'act-detail-title' }),
    h('p', { id: 'act-detail-description', class: 'pre' }),
    h('div', { id: 'act-counts', class: 'figures' }),
    h('div', { id: 'act-actions', class: 'row wrap' }),
    h('div', { id: 'act-links', class: 'row wrap' }),
    h('p', { id: 'act-detail-status-line', class: 'muted', role: 'status' }),
    h('dl', { id: 'act-detail-facts' }),
    h('h3', { id: 'act-tasks-title', 'data-i18n': 'actTasks', hidden: true }),
    h('ul', { id: 'act-tasks-list' }),
    h('div', { id: 'act-registrations-card', class: 'panel', hidden: true },
      h('h3', { 'data-i18n': 'actRegistrations' }),
      h('label', { class: 'inline' }, h('span', { 'data-i18n': 'colStatus' }), ' ',
        h('select', { id: 'act-reg-filter', onchange: () => loadRegistrations(registrationReads()) }, h('option', { value: '', 'data-i18n': 'actAllStatuses' }),
          REGISTRATION_STATUSES.map((s) => h('option', { value: s, 'data-i18n': `actReg_${s}` })))),
      h('div', { class: 'scroll' }, h('table', { id: 'act-registrations', class: 'compact' },
        thead({ key: 'actNo', class: 'num' }, 'actMember', 'colStatus', 'actRegisteredAt', 'actPromotedAt', 'actCheckedInAt', 'actCheckedInBy'),
        h('tbody'))),
      h('p', { id: 'act-registrations-empty', class: 'muted', 'data-i18n': 'actNoRegistrations', hidden: true }),
      h('button', { id: 'act-registrations-more', type: 'button', class: 'secondary', 'data-i18n': 'more', hidden: true }),
      h('p', { id: 'act-registrations-status', class: 'muted', role: 'status' })));
}
