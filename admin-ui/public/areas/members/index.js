// Members area: the member directory (directory.js: list, filters, segments, export), search by contact or id, a member's record with consent history and engagement, and - for
// admins and managers - the data-subject request queue. What each role sees is decided by the API, not here:
// analysts open it too and get members without personal data.
import { api } from '../../auth.js';
import { cell, h, newest, thead, when } from '../../dom.js';
import { t } from '../../i18n.js';
import { memberActivitiesSection, showMemberActivities } from '../activities/member-section.js';
import { memberComplaintsSection, showMemberComplaints } from '../complaints/member-section.js';
import { memberMessagesSection, showMemberMessages } from '../messages/member-section.js';
import { memberRewardsSection, showMemberRewards } from '../rewards/member-section.js';
import { directoryControls, memberRows, resultReads, showDirectory } from './directory.js';

const STATUSES = ['active', 'warned', 'muted', 'left', 'removed', 'rejected', 'erased', 'pending'];
import { engagementSection, showEngagement } from './engagement.js';
import { memberActionsSection, resetMemberActions, showMemberActions } from './actions.js';

const $ = (id) => document.getElementById(id);
const MEMBER_ID = /^m_[0-9a-f]{1,64}$/;
let session = null;
const recordReads = newest();
const requestReads = newest();

async function search(event) {
  event?.preventDefault();
  const query = $('member-query').value.trim();
  if (!query) {
    // No contact or id: the directory, as the filter bar says.
    $('directory-apply').click();
    return;
  }
  const params = new URLSearchParams();
  if (query.startsWith('m_')) params.set('id', query);
  else params.set('contact', query);
  const isNewest = resultReads();
  const response = await api(`/v1/admin/members?${params}`);
  const body = await response.json();
  if (!isNewest()) return;
  if (!response.ok) {
    session.status(body.detail || body.title);
    return;
  }
  session.status('');
  const rows = memberRows(body.members);
  $('member-results').tBodies[0].replaceChildren(...rows);
  $('directory-next').disabled = true;
  if (!rows.length) session.status(t('noResults'));
}

async function showMember(id) {
  // A record opened again (a click, the route, the reload after an action) while an earlier read is under way: the
  // newest is drawn, and only it reads the record's sections.
  const isNewest = recordReads();
  const response = await api(`/v1/admin/members/${encodeURIComponent(id)}`);
  const m = await response.json();
  if (!isNewest()) return;
  $('detail-title').textContent = m.nickname ? `${m.nickname} (${m.memberId})` : m.memberId;
  $('detail-fields').replaceChildren(...['status', 'channel', 'region', 'locale', 'contact', 'birthday', 'joinedAt']
    .filter((k) => m[k] !== undefined)
    .flatMap((k) => [h('dt', {}, k), h('dd', {}, k === 'joinedAt' ? when(m[k]) : m[k])]));
  $('detail-ledger').tBodies[0].replaceChildren(...(m.consentLedger || []).slice().sort((a, b) => (a.at < b.at ? 1 : -1))
    .map((e) => h('tr', {}, cell(when(e.at)), cell(t(`purpose_${e.purpose}`)), cell(e.granted ? t('granted') : t('withdrawn')),
      cell(`v${e.noticeVersion}`), cell(e.source))));
  $('detail-history').replaceChildren(...(m.statusHistory || [])
    .map((s) => h('li', {}, `${when(s.at)}: ${s.from} → ${s.to} (${s.reason}, ${s.actor})`)));
  $('member-detail').hidden = false;
  if ($('member-detail').dataset.memberId !== m.memberId) resetMemberActions();
  $('member-detail').dataset.memberId = m.memberId;
  showMemberActions(m, session.roles, () => showMember(m.memberId));
  showEngagement(m.memberId, session.roles);
  showMemberMessages(m.memberId);
  showMemberRewards(m.memberId);
  showMemberComplaints(m.memberId);
  showMemberActivities(m.memberId);
}

async function decide(request, decision) {
  const reason = decision === 'refuse' ? prompt(t('refuseReason')) : null;
  if (decision === 'refuse' && !reason) return;
  const answer = await api(`/v1/admin/requests/${encodeURIComponent(request.requestId)}`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify(reason ? { decision, reason } : { decision }),
  });
  const body = await answer.json().catch(() => ({})); // read either way: a body never read keeps its request open
  session.status(answer.ok ? t('saved') : body.detail);
  loadRequests();
}

async function loadRequests() {
  const isNewest = requestReads();
  const response = await api('/v1/admin/requests');
  const body = await response.json().catch(() => ({})); // read either way: a body never read keeps its request open
  if (!response.ok || !isNewest()) return;
  $('request-list').tBodies[0].replaceChildren(...body.requests.map((r) => h('tr', {},
    cell(r.requestId), cell(t(`dsr_${r.type}`)), cell(`${when(r.deadline)}${r.overdue ? ` ⚠ ${t('overdue')}` : ''}`),
    cell(['complete', 'refuse'].flatMap((decision) => [
      h('button', { type: 'button', onclick: () => decide(r, decision) }, t(decision)), ' '])))));
}

function markup(decides, signal, s) {
  const directory = directoryControls(s, showMember);
  return [
    h('section', { id: 'members', class: 'card' },
      h('h2', { 'data-i18n': 'membersTitle' }),
      h('form', { id: 'member-search', class: 'row', onsubmit: search },
        h('label', { class: 'inline' }, h('span', { 'data-i18n': 'dirFind' }), ' ',
          h('input', { id: 'member-query', 'data-i18n-placeholder': 'searchPlaceholder' })),
        h('button', { type: 'submit', 'data-i18n': 'search' })),
      directory.filters,
      h('div', { class: 'directory' },
        h('div', { class: 'directory-main' },
          directory.status,
          h('div', { class: 'scroll' }, h('table', { id: 'member-results', class: 'compact' },
            thead({ text: 'ID' }, 'colStatus', 'colTier', 'colCategory', { key: 'colScore', class: 'num' }, 'colChannel', 'colJoined',
              'colName', 'colContact'), h('tbody'))),
          directory.empty,
          directory.pager),
        directory.side),
      h('div', { id: 'member-detail', hidden: true },
        h('h3', { id: 'detail-title' }),
        h('dl', { id: 'detail-fields' }),
        h('h4', { 'data-i18n': 'consentsTitle' }),
        h('table', { id: 'detail-ledger' }, thead('when', 'what', 'decision', 'version', 'colSource'), h('tbody')),
        h('h4', { 'data-i18n': 'history' }),
        h('ul', { id: 'detail-history' }),
        memberActionsSection(),
        engagementSection(),
        memberMessagesSection(signal),
        memberRewardsSection(signal),
        memberComplaintsSection(signal),
        memberActivitiesSection(signal))),
    h('section', { id: 'requests', class: 'card', hidden: !decides },
      h('h2', { 'data-i18n': 'requestsTitle' }),
      h('table', { id: 'request-list' }, thead({ text: 'ID' }, 'colType', 'colDeadline', ''), h('tbody'))),
  ];
}

export default {
  id: 'members',
  nav: 'navMembers',
  opensWith: ['members', 'metrics'],

  render(container, s) {
    session = s;
    container.append(...markup(s.roles.includes('admin') || s.roles.includes('manager'), s.signal, s));
  },

  /** #members/<memberId> opens that member's record (the Messages area links here); #members/status/<status> lists that status (the Today page's link). */
  show(params) {
    if (!$('requests').hidden) loadRequests();
    showDirectory();
    if (MEMBER_ID.test(params[0] || '')) showMember(params[0]);
    if (params[0] === 'status' && STATUSES.includes(params[1])) {
      // A link such as Today's "awaiting admission": the directory's status filter, applied.
      $('member-query').value = '';
      $('dir-status').value = params[1];
      $('directory-filters').requestSubmit();
    }
  },
};
