// Actions on a member's record (issue 15): what the caller's role and the member's status allow - approve or reject a
// pending sign-up; warn, mute, remove (with evidence) or restore; file an export or an erasure the member asked for
// another way; write a service message. Each goes through a confirmation dialog (the action, the member, what follows),
// then the API, which checks the role again and audits it; then the record is read again. Points adjustments and
// reward grants keep their own forms in the engagement and rewards sections.
import { api } from '../../auth.js';
import { h, problemText } from '../../dom.js';
import { confirmDialog } from '../../confirm-dialog.js';
import { t } from '../../i18n.js';

const $ = (id) => document.getElementById(id);
// Which status actions apply to which status (MemberStatus decides in the API; this only avoids offering refusals).
const STATUS_ACTIONS = {
  pending: ['approve', 'reject'],
  active: ['warn', 'mute', 'remove'],
  warned: ['warn', 'mute', 'remove', 'restore'],
  muted: ['warn', 'remove', 'restore'],
};
const DANGER = new Set(['reject', 'remove', 'erasure']);
let member = null;
let refresh = null;

const who = () => (member.nickname ? `${member.nickname} (${member.memberId})` : member.memberId);
const path = (suffix) => `/v1/admin/members/${encodeURIComponent(member.memberId)}/${suffix}`;

/** Calls the API; answers null on success, the refusal as one line otherwise (the dialog stays open with it). */
async function send(url, body) {
  const response = await api(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  // Read to its end either way: a fetch whose body is never read never finishes in the browser (its connection held).
  const answer = await response.json().catch(() => ({ title: response.statusText }));
  return response.ok ? null : problemText(answer);
}

async function statusAction(action) {
  const fields = [{ name: 'reason', label: 'actReason', required: true, multiline: true, maxlength: 500 }];
  if (action === 'remove') fields.push({ name: 'evidence', label: 'actEvidence', required: true, multiline: true, maxlength: 2000, hint: 'actEvidenceHint' });
  else if (['warn', 'mute'].includes(action)) fields.push({ name: 'evidence', label: 'actEvidence', multiline: true, maxlength: 2000, hint: 'actEvidenceHint' });
  const done = await confirmDialog({
    title: t(`act_${action}`), subject: who(), consequences: t(`actConsequence_${action}`), fields,
    confirm: `act_${action}`, danger: DANGER.has(action),
  }, (values) => send(path('status'), { action, reason: values.reason, ...(values.evidence ? { evidence: values.evidence } : {}) }));
  if (done) finished(t('actDone').replace('{action}', t(`act_${action}`)));
}

async function fileRequest(type) {
  const done = await confirmDialog({
    title: t(`actFile_${type}`), subject: who(), consequences: t(`actConsequence_${type}`),
    fields: [{ name: 'reason', label: 'actHowAsked', required: true, multiline: true, maxlength: 500 }],
    confirm: `actFile_${type}`, danger: DANGER.has(type),
  }, (values) => send(path('requests'), { type, reason: values.reason }));
  if (done) finished(t('actDone').replace('{action}', t(`actFile_${type}`)));
}

async function message() {
  const done = await confirmDialog({
    title: t('actMessage'), subject: who(), consequences: t('actConsequence_message'),
    fields: [{ name: 'text', label: 'actMessageText', required: true, multiline: true, maxlength: 280 }],
    confirm: 'actSend',
  }, (values) => send(path('messages'), { text: values.text }));
  if (done) finished(t('actMessageQueued'));
}

function finished(text) {
  $('member-actions-status').textContent = text;
  refresh?.();
}

function button(key, onclick, danger) {
  return h('button', { type: 'button', class: danger ? 'danger' : 'secondary', 'data-action': key, onclick, 'data-i18n': key });
}

/**
 * Shows the actions the caller may take on `m` (the member record as the API answered it); `reload` reads the record
 * again after an action.
 */
export function showMemberActions(m, roles, reload) {
  member = m;
  refresh = reload;
  const manages = roles.includes('admin') || roles.includes('manager');
  const writes = manages || roles.includes('agent');
  const statusButtons = manages ? (STATUS_ACTIONS[m.status] || []).map((a) => button(`act_${a}`, () => statusAction(a), DANGER.has(a))) : [];
  const requestButtons = manages && m.status !== 'erased'
    ? ['export', 'erasure'].map((type) => button(`actFile_${type}`, () => fileRequest(type), DANGER.has(type))) : [];
  const messageButton = writes && ['active', 'warned', 'muted'].includes(m.status) ? [button('actMessage', message)] : [];
  const all = [...statusButtons, ...requestButtons, ...messageButton];
  $('member-actions-list').replaceChildren(...all);
  $('member-actions-none').hidden = all.length > 0;
  $('member-actions').hidden = !writes;
}

/** Clears the last action's outcome (a different member was opened). */
export function resetMemberActions() {
  $('member-actions-status').textContent = '';
}

export function memberActionsSection() {
  return h('div', { id: 'member-actions', hidden: true },
    h('h4', { id: 'member-actions-title', 'data-i18n': 'actTitle' }),
    h('div', { id: 'member-actions-list', class: 'row wrap', role: 'group', 'aria-labelledby': 'member-actions-title' }),
    h('p', { id: 'member-actions-none', class: 'muted', 'data-i18n': 'actNone', hidden: true }),
    h('p', { id: 'member-actions-status', class: 'muted', role: 'status' }));
}
