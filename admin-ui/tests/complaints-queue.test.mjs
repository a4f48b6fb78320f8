// The complaints queue's SLA timer, without a browser: the state a line shows and the time left or over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { span, timer, timerState } from '../public/areas/complaints/format.js';

const NOW = Date.parse('2026-11-24T02:00:00Z');
const line = (extra) => ({ status: 'acknowledged', due: { earliest: '2026-11-24T03:30:05Z' }, ...extra });

test('the timer counts down to the earliest deadline, in the sweep\'s state', () => {
  assert.deepEqual(timer(line(), NOW), { state: 'ok', key: 'cqLeft', text: '01:30:05' });
  assert.equal(timer(line({ slaState: 'warning' }), NOW).state, 'warning');
  assert.deepEqual(timer(line({ due: { earliest: '2026-11-26T02:00:00Z' } }), NOW), { state: 'ok', key: 'cqLeft', text: '2d 00:00:00' });
});

test('a passed deadline is breached before the sweep says so, and counts up', () => {
  const over = timer(line({ due: { earliest: '2026-11-24T01:59:00Z' } }), NOW);
  assert.deepEqual(over, { state: 'breached', key: 'cqOver', text: '00:01:00' });
});

test('waiting on the member is paused, resolved and closed are stopped, no deadline says so', () => {
  assert.equal(timerState(line({ status: 'waiting_on_member', due: { earliest: null } }), NOW), 'paused');
  assert.equal(timer(line({ slaState: 'paused' }), NOW).key, 'cqPaused');
  assert.equal(timer(line({ status: 'resolved' }), NOW).key, 'cqStopped');
  assert.deepEqual(timer(line({ due: { earliest: null } }), NOW), { state: 'ok', key: 'cqNoDeadline', text: '' });
  assert.equal(span(-61_000), '00:01:01');
});
