// The Messages area's lists against the API's own (MessageKind, DeliveryStatus, SuppressionReason, the log's channels),
// and a text in both dictionaries for each kind, status, channel and reason. No browser or stack needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CHANNELS, KINDS, STATUSES } from '../public/areas/messages/format.js';
import en from '../public/i18n/en.js';
import zhCN from '../public/i18n/zh-CN.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const JAVA = join(ROOT, 'functions/messaging/src/main/java/com/fanops/messaging');

function constants(file, pattern) {
  const source = readFileSync(join(JAVA, file), 'utf8');
  return [...source.matchAll(pattern)].map((m) => m[1].toLowerCase());
}

const javaKinds = () => constants('domain/MessageKind.java', /^\s{4}([A-Z_]+)\(MessagePurpose/gm);
const javaStatuses = () => readFileSync(join(JAVA, 'domain/DeliveryStatus.java'), 'utf8')
  .match(/enum DeliveryStatus \{\s*([A-Z_,\s]+);/)[1].split(',').map((s) => s.trim().toLowerCase());
const javaReasons = () => readFileSync(join(JAVA, 'domain/SuppressionReason.java'), 'utf8')
  .match(/enum SuppressionReason \{\s*([A-Z_,\s]+);/)[1].split(',').map((s) => s.trim().toLowerCase());

test('the kinds, statuses and channels offered are the API\'s', () => {
  assert.deepEqual(KINDS, javaKinds());
  assert.deepEqual(STATUSES, javaStatuses());
  const handler = readFileSync(join(ROOT, 'functions/messaging-api/src/main/java/com/fanops/messaging/handler/DeliveryLogAdmin.java'), 'utf8');
  assert.deepEqual(CHANNELS, JSON.parse(`[${/CHANNELS = List\.of\(([^)]*)\)/.exec(handler)[1]}]`));
});

test('every kind, status, channel and reason reads in both languages', () => {
  const keys = [...KINDS.map((k) => `kind_${k}`), ...STATUSES.map((s) => `msgStatus_${s}`), ...CHANNELS.map((c) => `msgChannel_${c}`),
    ...javaReasons().map((r) => `msgReason_${r}`), 'msgReason_outcome_unknown', 'supReason_bounce', 'supReason_complaint',
    'msgPurpose_service', 'msgPurpose_marketing'];
  for (const key of keys) {
    assert.ok(en[key], `en: ${key}`);
    assert.ok(zhCN[key], `zh-CN: ${key}`);
  }
});
