// How a message of the delivery log reads, wherever it is listed (the day's log, a member's record): its kind, its
// status with the reason a suppressed or failed one has, its channel and the consent it relied on. The lists below are
// the API's (MessageKind, DeliveryStatus, the log's channels; tests/messages.test.mjs keeps them equal).
import { cell, h, when } from '../../dom.js';
import { t } from '../../i18n.js';

export const KINDS = ['welcome', 'care', 'tier_changed', 'tier_downgrade_warning', 'points_expiring', 'data_request_update',
  'reward_issued', 'ticket_acknowledged', 'ticket_reply', 'survey', 'activity_reminder',
  'activity_registered', 'activity_promoted', 'activity_invitation', 'activity_survey', 'pulse_survey', 'operator_note'];
export const STATUSES = ['queued', 'deferred', 'sending', 'sent', 'delivered', 'bounced', 'complained', 'failed', 'suppressed'];
export const CHANNELS = ['email', 'sms', 'webhook'];

/** The text of `prefix + value`, or the value itself when there is none (a provider's own reason, a new kind). */
export function label(prefix, value) {
  if (value === null || value === undefined || value === '') return '—';
  const key = `${prefix}${value}`;
  const text = t(key);
  return text === key ? String(value) : text;
}

export function statusText(m) {
  return m.reason ? `${label('msgStatus_', m.status)} (${label('msgReason_', m.reason)})` : label('msgStatus_', m.status);
}

/** The consent the send decision relied on: purpose, granted or not, notice version, and the ledger entry's time. */
export function basisText(basis) {
  if (!basis) return '—';
  return [label('purpose_', basis.purpose), basis.granted ? t('granted') : t('withdrawn'),
    basis.noticeVersion !== undefined && basis.noticeVersion !== null ? `v${basis.noticeVersion}` : null, when(basis.at)]
    .filter(Boolean).join(' · ');
}

/**
 * One log line as a table row: time, kind, status (reason), channel, template version, member (when `member` makes a
 * cell for it), consent basis. `open` is called with the message when its time is chosen; without one the time opens it in the Messages area.
 */
export function messageRow(m, { open, member } = {}) {
  const time = h('a', { href: `#messages/${m.messageId}`, 'data-message': m.messageId,
    onclick: open ? (event) => { event.preventDefault(); open(m); } : null }, when(m.requestedAt));
  return h('tr', { 'data-message-id': m.messageId },
    cell(time), cell(label('kind_', m.kind)), cell(statusText(m), `status-${m.status}`), cell(label('msgChannel_', m.channel)),
    cell(m.templateVersion === null || m.templateVersion === undefined ? '—' : `v${m.templateVersion}`, 'num'),
    member ? cell(member(m)) : null, cell(basisText(m.basis), 'small'));
}

/** The head of a log table: the member column only where the rows carry one. */
export function messageColumns(withMember) {
  return ['when', 'msgKind', 'colStatus', 'colChannel', { key: 'msgTemplateVersion', class: 'num' }, withMember ? 'msgMember' : null,
    'msgBasis'].filter(Boolean);
}
