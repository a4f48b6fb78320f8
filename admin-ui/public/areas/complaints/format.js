// What the complaints area shows of a ticket's SLA, kept pure (no DOM) so tests/complaints.test.mjs reads it without a
// browser: the state a line's timer shows, and the time left (or over) as text.
export const STATUSES = ['new', 'acknowledged', 'investigating', 'waiting_on_member', 'resolved', 'closed'];
export const PRIORITIES = ['urgent', 'high', 'normal', 'low'];
export const CATEGORIES = ['product', 'service', 'delivery', 'activity', 'account', 'privacy', 'other'];
export const SLA_STATES = ['ok', 'warning', 'breached', 'paused', 'stopped'];
export const RISKS = ['keyword', 'spike', 'repeat', 'low_score'];

/**
 * The timer's state: the SLA sweep's `slaState` when the line carries it (missing reads as ok); a line whose earliest
 * deadline has passed is breached even before the next sweep says so; a ticket waiting on the member is paused and a
 * resolved or closed one stopped.
 */
export function timerState(line, now) {
  const kept = line.slaState || 'ok';
  if (kept === 'paused' || kept === 'stopped') return kept;
  if (line.status === 'waiting_on_member') return 'paused';
  if (line.status === 'resolved' || line.status === 'closed') return 'stopped';
  const due = line.due?.earliest ? Date.parse(line.due.earliest) : null;
  if (due !== null && due <= now) return 'breached';
  return kept;
}

/** Milliseconds as "1d 02:03:04" (days only when there are some); negative values as their size. */
export function span(ms) {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86400);
  const two = (n) => String(n).padStart(2, '0');
  const clock = `${two(Math.floor((total % 86400) / 3600))}:${two(Math.floor((total % 3600) / 60))}:${two(total % 60)}`;
  return days ? `${days}d ${clock}` : clock;
}

/**
 * The timer of a line at `now` (ms): { state, key, text } - key a text key ('cqLeft', 'cqOver', 'cqPaused', 'cqStopped',
 * 'cqNoDeadline') whose {time} is `text`.
 */
export function timer(line, now) {
  const state = timerState(line, now);
  if (state === 'paused') return { state, key: 'cqPaused', text: '' };
  if (state === 'stopped') return { state, key: 'cqStopped', text: '' };
  const due = line.due?.earliest ? Date.parse(line.due.earliest) : null;
  if (due === null) return { state, key: 'cqNoDeadline', text: '' };
  return { state, key: due > now ? 'cqLeft' : 'cqOver', text: span(due - now) };
}
