// The Rewards area's lists against the API's own enums (RewardType, IssuanceStatus, Trigger, the tiers, categories,
// member kinds and consent purposes), a text in both dictionaries for each, and the money the forms send. No browser or
// stack needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CATEGORIES, KINDS, PURPOSES, STATUSES, TIERS, TRIGGERS, TYPES, fen, yuan } from '../public/areas/rewards/format.js';
import en from '../public/i18n/en.js';
import zhCN from '../public/i18n/zh-CN.js';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** An enum's constants as the API's keys (GIFT -> gift, RED_PACKET -> red-packet), comments and arguments left out. */
function constants(path, name) {
  const source = readFileSync(join(ROOT, 'functions', path), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  const body = new RegExp(`enum ${name} \\{([^;]*);`).exec(source)[1].replace(/\([^)]*\)/g, '');
  return body.split(',').map((s) => s.trim().toLowerCase().replace(/_/g, '-'));
}

test('the types, statuses, triggers, tiers, categories, kinds and purposes offered are the API\'s', () => {
  const rewards = 'rewards/src/main/java/com/fanops/rewards/domain';
  assert.deepEqual(TYPES, constants(`${rewards}/RewardType.java`, 'RewardType'));
  assert.deepEqual(STATUSES, constants(`${rewards}/IssuanceStatus.java`, 'IssuanceStatus'));
  assert.deepEqual(TRIGGERS, constants(`${rewards}/Trigger.java`, 'Trigger'));
  const engagement = 'engagement/src/main/java/com/fanops/engagement/domain';
  assert.deepEqual(TIERS, constants(`${engagement}/Tier.java`, 'Tier'));
  assert.deepEqual(CATEGORIES, constants(`${engagement}/Category.java`, 'Category'));
  assert.deepEqual(KINDS, constants('members/src/main/java/com/fanops/members/domain/MemberKind.java', 'MemberKind'));
  assert.deepEqual(PURPOSES, constants('members/src/main/java/com/fanops/members/domain/Purpose.java', 'Purpose'));
});

test('every type, status, trigger, kind and reward state reads in both languages', () => {
  const keys = [...TYPES.map((x) => `rwType_${x}`), ...STATUSES.map((x) => `rwStatus_${x}`), ...STATUSES.map((x) => `rewardState_${x}`),
    ...[...TRIGGERS, 'redemption', 'manual'].map((x) => `rwTrigger_${x}`), ...KINDS.map((x) => `rwKind_${x}`),
    ...['total', 'day', 'week', 'month', 'year'].map((x) => `rwLimit_${x}`)];
  for (const key of keys) {
    assert.ok(en[key], `en: ${key}`);
    assert.ok(zhCN[key], `zh-CN: ${key}`);
  }
});

test('amounts typed in yuan are sent in fen, and shown back the same', () => {
  assert.equal(fen('12.5'), 1250);
  assert.equal(fen('0.01'), 1);
  assert.equal(fen(' 600 '), 60000);
  assert.equal(fen('-100'), -10000);
  assert.equal(fen(''), null);
  assert.ok(Number.isNaN(fen('1.234')));
  assert.ok(Number.isNaN(fen('12 yuan')));
  assert.equal(yuan(60000), '600');
  assert.equal(yuan(1250), '12.50');
  assert.equal(yuan(null), '');
});
