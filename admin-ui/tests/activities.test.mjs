// The Activities area's pure parts, without a browser or a stack: the calendar's layout in the business time zone, the
// list's filter and sort, the check-in code as staff type it, the check-in answers, the evaluation report's figures
// (pending is never 0), the status moves a role is offered, the API's own enums, both dictionaries, and the vendored QR
// encoder equal to its npm package and readable back as the code it was given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { addDays, businessDay, countdownText, daysOf, listed, monthGrid, placeOnDays, shiftMonth, untilStart } from '../public/areas/activities/calendar.js';
import { outcomeOf, parseCode } from '../public/areas/activities/code.js';
import { goalState, liftOf, retentionRows, signedPoints, unwrap } from '../public/areas/activities/figures.js';
import { AUDIENCES, REGISTRATION_STATUSES, STATUSES, TYPES, editable, movesFor } from '../public/areas/activities/format.js';
import { encode } from '../public/vendor/uqr.js';
import en from '../public/i18n/en.js';
import zhCN from '../public/i18n/zh-CN.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const DOMAIN = join(ROOT, 'functions/activities/src/main/java/com/fanops/activities/domain');

function constants(file, name) {
  const source = readFileSync(join(DOMAIN, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  const body = new RegExp(`enum ${name} \\{([^;}]*)[;}]`).exec(source)[1].replace(/\([^)]*\)/g, '');
  return body.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
}

const activity = (id, startsAt, endsAt, status = 'published') => ({ activityId: id, theme: id, startsAt, endsAt, status });

test('a business day is the Shanghai day: 20:00 UTC on the 31st is already the 1st', () => {
  assert.equal(businessDay('2026-12-31T15:59:59Z'), '2026-12-31');
  assert.equal(businessDay('2026-12-31T16:00:00Z'), '2027-01-01');
  assert.equal(businessDay('2026-12-31T16:00:00Z', 'UTC'), '2026-12-31');
  assert.equal(addDays('2024-02-28', 1), '2024-02-29');
  assert.deepEqual(shiftMonth({ year: 2026, month: 12 }, 1), { year: 2027, month: 1 });
  assert.deepEqual(shiftMonth({ year: 2026, month: 1 }, -1), { year: 2025, month: 12 });
});

test('a month\'s grid is whole weeks from Monday: December 2026 starts on Tuesday the 1st and ends on Sunday 3 January', () => {
  const grid = monthGrid({ year: 2026, month: 12 });
  assert.equal(grid.from, '2026-11-30');
  assert.equal(grid.to, '2027-01-03');
  assert.equal(grid.weeks.length, 5);
  assert.ok(grid.weeks.every((w) => w.length === 7));
  assert.deepEqual(grid.weeks[0].slice(0, 2), [{ day: '2026-11-30', inMonth: false }, { day: '2026-12-01', inMonth: true }]);
  // February 2027 begins on a Monday and fills exactly four weeks.
  const feb = monthGrid({ year: 2027, month: 2 });
  assert.equal(feb.from, '2027-02-01');
  assert.equal(feb.weeks.length, 4);
});

test('an activity shows on every business day it runs, and not on the day after an end at midnight', () => {
  // 23:00 Shanghai on the 24th to 10:00 on the 26th: three days.
  assert.deepEqual(daysOf(activity('a', '2026-12-24T15:00:00Z', '2026-12-26T02:00:00Z')), ['2026-12-24', '2026-12-25', '2026-12-26']);
  // Ends at midnight Shanghai (16:00 UTC): not on the 25th.
  assert.deepEqual(daysOf(activity('b', '2026-12-24T02:00:00Z', '2026-12-24T16:00:00Z')), ['2026-12-24']);
  const grid = monthGrid({ year: 2026, month: 12 });
  const byDay = placeOnDays([activity('late', '2026-12-24T06:00:00Z', '2026-12-24T08:00:00Z'),
    activity('early', '2026-12-24T01:00:00Z', '2026-12-25T08:00:00Z'),
    activity('outside', '2027-02-01T01:00:00Z', '2027-02-01T02:00:00Z')], grid);
  assert.deepEqual(byDay.get('2026-12-24').map((a) => a.activityId), ['early', 'late'], 'in start order');
  assert.deepEqual(byDay.get('2026-12-25').map((a) => a.activityId), ['early']);
  assert.equal([...byDay.values()].flat().some((a) => a.activityId === 'outside'), false);
});

test('the list filters by status and sorts by start either way', () => {
  const items = [activity('b', '2026-12-10T01:00:00Z', '2026-12-10T02:00:00Z', 'draft'),
    activity('a', '2026-12-01T01:00:00Z', '2026-12-01T02:00:00Z', 'published'),
    activity('c', '2026-12-20T01:00:00Z', '2026-12-20T02:00:00Z', 'draft')];
  assert.deepEqual(listed(items).map((a) => a.activityId), ['a', 'b', 'c']);
  assert.deepEqual(listed(items, { descending: true }).map((a) => a.activityId), ['c', 'b', 'a']);
  assert.deepEqual(listed(items, { status: 'draft' }).map((a) => a.activityId), ['b', 'c']);
  assert.deepEqual(listed(items, { status: 'evaluated' }), []);
});

test('a typed code is forgiving of spaces, other dashes, full-width digits and a missing dash, and refuses the rest', () => {
  assert.deepEqual(parseCode('12-345678'), { code: '12-345678' });
  assert.deepEqual(parseCode(' 12 - 345 678 '), { code: '12-345678' });
  assert.deepEqual(parseCode('12–345678'), { code: '12-345678' });
  assert.deepEqual(parseCode('１２－３４５６７８'), { code: '12-345678' });
  assert.deepEqual(parseCode('12345678'), { code: '12-345678' });
  assert.deepEqual(parseCode('1234567890123'), { code: '1234567-890123' });
  assert.deepEqual(parseCode(''), { error: 'empty' });
  for (const bad of ['012-345678', '12-34567', '12-3456789', 'ab-345678', '123456', '12345678901234', '12-345678-1']) {
    assert.deepEqual(parseCode(bad), { error: 'format' }, bad);
  }
});

test('each check-in answer of the API is told apart', () => {
  assert.equal(outcomeOf(200, { first: true }), 'checked_in');
  assert.equal(outcomeOf(200, { first: false }), 'already');
  assert.equal(outcomeOf(422, { type: 'https://fanops.example/problems/code-expired' }), 'expired');
  assert.equal(outcomeOf(422, { type: 'https://fanops.example/problems/code-foreign' }), 'foreign');
  assert.equal(outcomeOf(400, { errors: [{ field: 'code' }] }), 'malformed');
  assert.equal(outcomeOf(409, {}), 'no_seat');
  assert.equal(outcomeOf(503, {}), 'error');
  for (const o of ['checked_in', 'already', 'expired', 'foreign', 'no_seat', 'malformed', 'error']) {
    assert.ok(en[`ciOutcome_${o}`] && zhCN[`ciOutcome_${o}`], o);
  }
});

test('the report: a pending window shows no rate or lift (never 0), a known one its lift in points with the interval', () => {
  const lift = (treated, tr, holdout, hr, l, low, high) => ({ treated, treatedRetained: tr, holdout, holdoutRetained: hr,
    treatedRate: treated ? tr / treated : null, holdoutRate: holdout ? hr / holdout : null, lift: l, low, high });
  const known = retentionRows({ day: 7, pending: false, participantsVsHoldout: lift(40, 30, 100, 50, 0.25, 0.08, 0.42),
    invitedVsHoldout: lift(900, 495, 100, 50, 0.05, -0.053, 0.153) });
  assert.deepEqual(known.map((r) => [r.group, r.n, r.retained, r.rate]),
    [['participants', 40, 30, '75.0%'], ['invited', 900, 495, '55.0%'], ['holdout', 100, 50, '50.0%']]);
  assert.deepEqual(known[0].lift, { lift: '+25.0', low: '+8.0', high: '+42.0', significant: true });
  assert.deepEqual(known[1].lift, { lift: '+5.0', low: '−5.3', high: '+15.3', significant: false });
  assert.equal(known[2].lift, null);
  const pending = retentionRows({ day: 30, pending: true, participantsVsHoldout: lift(40, 0, 100, 0, 0, 0, 0), invitedVsHoldout: lift(900, 0, 100, 0, 0, 0, 0) });
  assert.ok(pending.every((r) => r.pending && r.rate === null && r.retained === null && r.lift === null));
  assert.equal(liftOf({ lift: null }), null, 'an empty group has no lift');
  assert.equal(signedPoints(-0.0123), '−1.2');
  assert.equal(signedPoints(0), '±0.0');
  assert.equal(signedPoints(null), null);
  assert.deepEqual([{ met: true }, { met: false }, { met: null }, {}].map(goalState), ['met', 'missed', 'pending', 'pending']);
  assert.deepEqual(unwrap({ activityId: 'a', evaluation: { seated: 3 }, asOf: '2027-01-08', isFinal: true }),
    { seated: 3, activityId: 'a', asOf: '2027-01-08', final: true });
  assert.equal(unwrap({ report: { seated: 3 }, final: false }).seated, 3);
  assert.deepEqual(unwrap({ seated: 4 }), { seated: 4, final: false });
});

test('status moves: admins and managers get what the life allows; agents and analysts get none, and edit nothing', () => {
  assert.deepEqual(movesFor('draft', ['manager']).map((m) => m.to), ['approved', 'cancelled']);
  assert.deepEqual(movesFor('approved', ['admin']).map((m) => m.to), ['published', 'draft', 'cancelled']);
  assert.deepEqual(movesFor('published', ['admin']).map((m) => m.to), ['cancelled']);
  for (const s of ['running', 'closed', 'evaluated', 'cancelled']) assert.deepEqual(movesFor(s, ['admin']), [], s);
  for (const role of ['agent', 'analyst']) {
    assert.deepEqual(movesFor('draft', [role]), [], role);
    assert.equal(editable({ status: 'draft' }, [role]), false, role);
  }
  assert.equal(editable({ status: 'approved' }, ['manager']), true);
  assert.equal(editable({ status: 'published' }, ['manager']), false);
  // Every move is one ActivityStatus.next() allows.
  const source = readFileSync(join(DOMAIN, 'ActivityStatus.java'), 'utf8');
  for (const from of STATUSES) {
    const allowed = new RegExp(`case ${from.toUpperCase()}: return EnumSet\\.of\\(([^)]*)\\)`).exec(source)?.[1].split(',').map((s) => s.trim().toLowerCase()) || [];
    for (const m of movesFor(from, ['admin'])) assert.ok(allowed.includes(m.to), `${from} -> ${m.to}`);
  }
});

test('the statuses, types and audiences offered are the API\'s, and each reads in both languages', () => {
  assert.deepEqual(STATUSES, constants('ActivityStatus.java', 'ActivityStatus'));
  assert.deepEqual(AUDIENCES, constants('Activity.java', 'Kind'));
  assert.deepEqual(TYPES, ['online', 'offline']);
  const keys = [...STATUSES.map((s) => `actStatus_${s}`), ...TYPES.map((s) => `actType_${s}`), ...AUDIENCES.map((s) => `actAudience_${s}`),
    ...REGISTRATION_STATUSES.map((s) => `actReg_${s}`), ...['approve', 'publish', 'sendBack', 'cancel'].flatMap((m) => [`actMove_${m}`, `actMoveConsequence_${m}`]),
    ...['participants', 'attendanceRate', 'salesMinor', 'satisfaction', 'retentionLiftPoints'].map((g) => `actGoal_${g}`),
    ...['participants', 'invited', 'holdout'].map((g) => `rpGroup_${g}`), ...['met', 'missed', 'pending'].map((g) => `rpGoal_${g}`),
    ...['expired', 'foreign', 'no_seat', 'malformed'].map((o) => `ciHint_${o}`)];
  for (const key of keys) {
    assert.ok(en[key], `en: ${key}`);
    assert.ok(zhCN[key], `zh-CN: ${key}`);
  }
});

test('the vendored QR encoder is the npm package\'s file, and encodes a check-in code as a scannable matrix', () => {
  const vendored = readFileSync(join(ROOT, 'admin-ui/public/vendor/uqr.js'), 'utf8');
  const pkg = JSON.parse(readFileSync(join(ROOT, 'admin-ui/package.json'), 'utf8'));
  assert.equal(pkg.devDependencies.uqr, '0.1.3');
  assert.equal(vendored, readFileSync(join(ROOT, 'admin-ui/node_modules/uqr/dist/index.mjs'), 'utf8'), 'copy node_modules/uqr/dist/index.mjs again');
  const { size, data } = encode('1234567-890123', { ecc: 'M', border: 4 });
  assert.equal(size, 21 + 8, 'version 1 with a quiet zone of 4');
  assert.equal(data.length, size);
  // The three finder patterns: dark 7x7 rings at three corners, inside the quiet zone.
  for (const [x, y] of [[4, 4], [size - 11, 4], [4, size - 11]]) {
    assert.equal(data[y][x] && data[y][x + 6] && data[y + 6][x] && data[y + 6][x + 6] && data[y + 3][x + 3], true, `finder at ${x},${y}`);
    assert.equal(data[y + 1][x + 1], false);
  }
  assert.equal(data[0].some(Boolean), false, 'the quiet zone is light');
});

test('the countdown to a start: days and hours, then hours and minutes, rounded up to the minute; none once started', () => {
  const start = '2026-12-10T06:00:00Z';
  const at = (iso) => Date.parse(iso);
  assert.deepEqual(untilStart(start, at('2026-12-07T03:30:00Z')), { days: 3, hours: 2, minutes: 30 });
  assert.deepEqual(untilStart(start, at('2026-12-10T05:59:30Z')), { days: 0, hours: 0, minutes: 1 });
  assert.equal(untilStart(start, at(start)), null);
  assert.equal(untilStart(start, at('2026-12-11T00:00:00Z')), null);
  const t = (key) => en[key];
  assert.equal(countdownText(untilStart(start, at('2026-12-07T03:30:00Z')), t), 'Starts in 3 d 2 h');
  assert.equal(countdownText(untilStart(start, at('2026-12-10T01:15:00Z')), t), 'Starts in 4 h 45 min');
  assert.equal(countdownText(untilStart(start, at('2026-12-10T05:50:00Z')), t), 'Starts in 10 min');
  assert.equal(countdownText(null, t), 'Under way');
  assert.equal(countdownText({ days: 1, hours: 0, minutes: 5 }, (key) => zhCN[key]), '距开始还有 1 天 0 小时');
});

test('business days follow the zone config.json names (businessTimeZone), the default until then, never an unknown one', async () => {
  const { businessZone, setBusinessZone, DEFAULT_ZONE } = await import('../public/time-zone.js');
  assert.equal(businessZone(), DEFAULT_ZONE);
  assert.equal(businessDay('2026-12-31T20:00:00Z'), '2027-01-01');
  setBusinessZone('Not/AZone');
  assert.equal(businessZone(), DEFAULT_ZONE, 'an unknown zone is ignored');
  setBusinessZone('America/New_York');
  try {
    assert.equal(businessDay('2026-12-31T20:00:00Z'), '2026-12-31', 'still the 31st in New York');
    assert.deepEqual(daysOf(activity('a', '2027-01-01T03:00:00Z', '2027-01-01T06:00:00Z')), ['2026-12-31', '2027-01-01']);
  } finally {
    setBusinessZone(DEFAULT_ZONE);
  }
});
