// The evaluation report's figures as the page shows them, pure (tests/activities.test.mjs): a pending figure is
// pending - never 0 - a group's retention and the lift against the holdout in points with its 95% interval, and each
// goal met, not met or pending. The report is the API's Evaluation (functions/activities, domain/Evaluation.java).

/** A fraction as points with a sign and one decimal ("+4.2"); null for none. */
export function signedPoints(fraction) {
  if (fraction === null || fraction === undefined || Number.isNaN(fraction)) return null;
  const points = Math.round(fraction * 1000) / 10;
  return `${points > 0 ? '+' : points < 0 ? '−' : '±'}${Math.abs(points).toFixed(1)}`;
}

/** A fraction as a percentage ("42.0%"); null for none. */
export function pct(fraction) {
  return fraction === null || fraction === undefined || Number.isNaN(fraction) ? null : `${(fraction * 100).toFixed(1)}%`;
}

/** A lift with its interval: { lift: '+4.2', low: '−1.0', high: '+9.4', significant } or null when a group is empty. */
export function liftOf(lift) {
  if (!lift || lift.lift === null || lift.lift === undefined) return null;
  return { lift: signedPoints(lift.lift), low: signedPoints(lift.low), high: signedPoints(lift.high),
    significant: lift.low !== null && lift.low !== undefined && (lift.low > 0 || lift.high < 0) };
}

/**
 * One retention window (D7 or D30) as rows of the table: participants, invited and holdout, each with its rate, its
 * retained / counted, and (but the holdout) the lift against the holdout. `pending` rows show no figure.
 */
export function retentionRows(window) {
  if (!window) return [];
  const p = window.participantsVsHoldout || {};
  const i = window.invitedVsHoldout || {};
  const group = (name, n, retained, rate, lift) => ({ group: name, pending: Boolean(window.pending), n: n ?? 0,
    retained: window.pending ? null : retained ?? 0, rate: window.pending ? null : pct(rate), lift: window.pending ? null : liftOf(lift) });
  return [
    group('participants', p.treated, p.treatedRetained, p.treatedRate, p),
    group('invited', i.treated, i.treatedRetained, i.treatedRate, i),
    group('holdout', p.holdout ?? i.holdout, p.holdoutRetained ?? i.holdoutRetained, p.holdoutRate ?? i.holdoutRate, null),
  ];
}

/** A goal's state: 'met', 'missed' or 'pending' (its figure not known yet). */
export function goalState(goal) {
  if (goal.met === true) return 'met';
  if (goal.met === false) return 'missed';
  return 'pending';
}

/**
 * The report whatever the route wraps it in: the stored report ({ evaluation | report, computedAt, asOf, final | isFinal },
 * EvaluationStore.Report) or the Evaluation itself; the figures at the top level, `final` a boolean.
 */
export function unwrap(body) {
  const inner = [body?.evaluation, body?.report].find((x) => x && typeof x === 'object');
  const { evaluation, report, isFinal, ...meta } = body || {};
  return { ...(inner || body), ...meta, final: Boolean(body?.final ?? isFinal ?? inner?.final) };
}
