// Grants waiting for approval (admins and managers read them, oldest first): a manager's grant whose cost is above the
// threshold. Admins approve - which issues it, or leaves it pending when the issuance is refused (a budget exhausted) -
// or reject it, after confirming, with a reason.
import { cell, h, newest, thead, when } from '../../dom.js';
import { t } from '../../i18n.js';
import { call, money } from './format.js';
import { memberLink } from './archive.js';

const $ = (id) => document.getElementById(id);
let decides = false;
let pending = [];
const reads = newest();

function draw() {
  $('rw-approvals-list').tBodies[0].replaceChildren(...pending.map((a) => h('tr', { 'data-approval': a.approvalId },
    cell(when(a.requestedAt)), cell(memberLink(a.memberId)), cell(a.itemId), cell(money(a.cost), 'num'), cell(a.requestedBy), cell(a.reason),
    decides ? cell([
      h('button', { type: 'button', 'data-decision': 'approve', 'data-i18n': 'rwApprove', onclick: () => decide(a, 'approve') }), ' ',
      h('button', { type: 'button', class: 'secondary', 'data-decision': 'reject', 'data-i18n': 'rwReject', onclick: () => decide(a, 'reject') })])
      : null)));
  $('rw-approvals-empty').hidden = pending.length > 0;
}

export async function loadApprovals() {
  const isNewest = reads();
  try {
    const body = await call('/v1/admin/rewards/approvals');
    if (!isNewest()) return;
    pending = body.approvals;
    draw();
  } catch (error) {
    $('rw-approvals-status').textContent = error.message;
  }
}

async function decide(approval, decision) {
  const reason = prompt(t(decision === 'approve' ? 'rwApproveReason' : 'rwRejectReason').replace('{item}', approval.itemId)
    .replace('{member}', approval.memberId));
  if (reason === null) return;
  try {
    const decided = await call(`/v1/admin/rewards/approvals/${encodeURIComponent(approval.approvalId)}`, 'POST', { decision, reason });
    $('rw-approvals-status').textContent = decided.status === 'approved'
      ? t('rwApproved').replace('{id}', decided.issuanceId) : t('rwRejected');
  } catch (error) {
    $('rw-approvals-status').textContent = error.message;
  }
  await loadApprovals();
}

export function approvalsCard(canDecide) {
  decides = canDecide;
  return h('section', { id: 'rw-approvals', class: 'card' },
    h('h2', { 'data-i18n': 'rwApprovalsTitle' }),
    h('p', { class: 'muted', 'data-i18n': canDecide ? 'rwApprovalsIntroAdmin' : 'rwApprovalsIntro' }),
    h('div', { class: 'scroll' }, h('table', { id: 'rw-approvals-list', class: 'compact' },
      thead(...['when', 'msgMember', 'rwItem', { key: 'rwCost', class: 'num' }, 'rwRequestedBy', 'rwReason'].concat(canDecide ? [''] : [])),
      h('tbody'))),
    h('p', { id: 'rw-approvals-empty', class: 'muted', 'data-i18n': 'rwNoApprovals', hidden: true }),
    h('p', { id: 'rw-approvals-status', class: 'muted', role: 'status' }),
    h('button', { type: 'button', class: 'secondary', 'data-i18n': 'reload', onclick: loadApprovals }));
}

export function redrawApprovals() {
  draw();
}
