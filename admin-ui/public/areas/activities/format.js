// How activities read wherever they are shown (the Activities area, a member's record, the check-in page): the API's
// statuses, types and audience kinds (ActivityStatus, Activity in functions/activities; tests/activities.test.mjs keeps
// them equal), which status moves a role is offered, and the calls every part makes. Money and counts read as rewards do.
import { t } from '../../i18n.js';

export { call, count, failure, fen, label, money, yuan } from '../rewards/format.js';

export const STATUSES = ['draft', 'approved', 'published', 'running', 'closed', 'evaluated', 'cancelled'];
export const TYPES = ['online', 'offline'];
export const AUDIENCES = ['everyone', 'tier', 'segment'];
export const REGISTRATION_STATUSES = ['registered', 'waiting', 'cancelled'];
export const GOALS = ['participants', 'attendanceRate', 'salesMinor', 'satisfaction', 'retentionLiftPoints'];

// The moves an operator makes by hand (running, closed and evaluated follow the clock and the evaluation job), each as
// ActivityStatus.next() allows it: the action's text key, the status it moves to, and whether it warns as a danger.
const MOVES = {
  draft: [{ action: 'approve', to: 'approved' }, { action: 'cancel', to: 'cancelled', danger: true }],
  approved: [{ action: 'publish', to: 'published' }, { action: 'sendBack', to: 'draft' }, { action: 'cancel', to: 'cancelled', danger: true }],
  published: [{ action: 'cancel', to: 'cancelled', danger: true }],
};

/** The status actions `roles` are offered on an activity in `status` (admins and managers only; the API decides too). */
export function movesFor(status, roles) {
  if (!roles.some((role) => role === 'admin' || role === 'manager')) return [];
  return MOVES[status] || [];
}

/** Whether the definition may still be edited (ActivityStatus.editable()) by these roles. */
export function editable(activity, roles) {
  return ['draft', 'approved'].includes(activity.status) && roles.some((role) => role === 'admin' || role === 'manager');
}

/** An activity's path on the admin API. */
export function path(activityId, rest = '') {
  return `/v1/admin/activities/${encodeURIComponent(activityId)}${rest}`;
}

/** A fraction (0.42) as a percentage in the reader's language; '—' for none. */
export function percent(fraction, digits = 1) {
  if (fraction === null || fraction === undefined || Number.isNaN(fraction)) return '—';
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** "12 / 40" of a count against a limit. */
export function ofLimit(n, limit) {
  return `${n ?? 0} / ${limit ?? '—'}`;
}

/** The status's text. */
export function statusText(status) {
  const key = `actStatus_${status}`;
  const text = t(key);
  return text === key ? status : text;
}
