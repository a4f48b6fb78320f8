// Members area of the dashboard: search (contact, id, status), a member's record with consent history,
// and the data-subject request queue. What each role sees is decided by the API, not here.
import { api } from './auth.js';
import { cell, when } from './dom.js';
import { hideEngagement, showEngagement } from './engagement.js';
import { t } from './i18n.js';

const $ = (id) => document.getElementById(id);
let callerRoles = [];

async function search(event) {
  event?.preventDefault();
  const query = $('member-query').value.trim();
  const params = new URLSearchParams();
  if (query.startsWith('m_')) params.set('id', query);
  else if (query) params.set('contact', query);
  else params.set('status', $('member-status').value || 'active');
  const response = await api(`/v1/admin/members?${params}`);
  const body = await response.json();
  if (!response.ok) {
    $('status').textContent = body.detail || body.title;
    return;
  }
  $('status').textContent = '';
  const rows = body.members.map((m) => {
    const tr = document.createElement('tr');
    const link = document.createElement('a');
    link.href = '#';
    link.textContent = m.memberId;
    link.addEventListener('click', (e) => { e.preventDefault(); showMember(m.memberId); });
    const id = document.createElement('td');
    id.append(link);
    tr.append(id, cell(m.status), cell(m.channel), cell(when(m.joinedAt)), cell(m.nickname ?? '—'), cell(m.contact ?? '—'));
    return tr;
  });
  $('member-results').tBodies[0].replaceChildren(...rows);
  if (!rows.length) $('status').textContent = t('noResults');
}

async function showMember(id) {
  const response = await api(`/v1/admin/members/${encodeURIComponent(id)}`);
  const m = await response.json();
  $('detail-title').textContent = m.nickname ? `${m.nickname} (${m.memberId})` : m.memberId;
  const fields = ['status', 'channel', 'region', 'locale', 'contact', 'birthday', 'joinedAt']
    .filter((k) => m[k] !== undefined)
    .flatMap((k) => {
      const dt = document.createElement('dt');
      dt.textContent = k;
      const dd = document.createElement('dd');
      dd.textContent = k === 'joinedAt' ? when(m[k]) : m[k];
      return [dt, dd];
    });
  $('detail-fields').replaceChildren(...fields);
  const ledger = (m.consentLedger || []).slice().sort((a, b) => (a.at < b.at ? 1 : -1)).map((e) => {
    const tr = document.createElement('tr');
    tr.append(cell(when(e.at)), cell(t(`purpose_${e.purpose}`)), cell(e.granted ? t('granted') : t('withdrawn')),
      cell(`v${e.noticeVersion}`), cell(e.source));
    return tr;
  });
  $('detail-ledger').tBodies[0].replaceChildren(...ledger);
  $('detail-history').replaceChildren(...(m.statusHistory || []).map((h) => {
    const li = document.createElement('li');
    li.textContent = `${when(h.at)}: ${h.from} → ${h.to} (${h.reason}, ${h.actor})`;
    return li;
  }));
  $('member-detail').hidden = false;
  showEngagement(m.memberId, callerRoles);
}

async function loadRequests() {
  const response = await api('/v1/admin/requests');
  if (!response.ok) return;
  const body = await response.json();
  $('request-list').tBodies[0].replaceChildren(...body.requests.map((r) => {
    const tr = document.createElement('tr');
    const actions = document.createElement('td');
    for (const decision of ['complete', 'refuse']) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = t(decision);
      button.addEventListener('click', async () => {
        const reason = decision === 'refuse' ? prompt(t('refuseReason')) : null;
        if (decision === 'refuse' && !reason) return;
        const answer = await api(`/v1/admin/requests/${encodeURIComponent(r.requestId)}`, {
          method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify(reason ? { decision, reason } : { decision }),
        });
        $('status').textContent = answer.ok ? t('saved') : (await answer.json()).detail;
        loadRequests();
      });
      actions.append(button, ' ');
    }
    tr.append(cell(r.requestId), cell(t(`dsr_${r.type}`)), cell(`${when(r.deadline)}${r.overdue ? ` ⚠ ${t('overdue')}` : ''}`), actions);
    return tr;
  }));
}

export function openMembersArea(areas, roles) {
  $('members').hidden = !areas.includes('members') && !areas.includes('metrics');
  $('member-search').onsubmit = search;
  callerRoles = roles;
  const decides = roles.includes('admin') || roles.includes('manager');
  $('requests').hidden = !decides;
  if (decides) loadRequests();
}

export function closeMembersArea() {
  $('members').hidden = true;
  $('requests').hidden = true;
  $('member-detail').hidden = true;
  hideEngagement();
  callerRoles = [];
}
