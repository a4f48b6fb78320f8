// The history diff: what changed between two versions of a setting, path by path. No browser needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diff, shown } from '../public/diff.js';

test('a changed number, an added and a removed key are reported with their paths and values', () => {
  const v1 = { version: 1, changedBy: 'a', weights: { like: 1, share: 3 }, halfLifeDays: 30 };
  const v2 = { version: 2, changedBy: 'b', weights: { like: 2, vote: 1 }, halfLifeDays: 30 };
  assert.deepEqual(diff(v1, v2), [
    { path: 'weights.like', change: 'changed', before: 1, after: 2 },
    { path: 'weights.share', change: 'removed', before: 3 },
    { path: 'weights.vote', change: 'added', after: 1 },
  ]);
});

test('version metadata is not a change, and equal versions have none', () => {
  assert.deepEqual(diff({ version: 1, changedAt: 'x', admission: 'auto' }, { version: 2, changedAt: 'y', admission: 'auto' }), []);
  assert.deepEqual(diff({ version: 1, admission: 'auto' }, { version: 2, admission: 'review' }),
    [{ path: 'admission', change: 'changed', before: 'auto', after: 'review' }]);
});

test('lists are compared item by item, a longer list adds items', () => {
  assert.deepEqual(diff({ keywords: ['a', 'b'] }, { keywords: ['a', 'c', 'd'] }), [
    { path: 'keywords.1', change: 'changed', before: 'b', after: 'c' },
    { path: 'keywords.2', change: 'added', after: 'd' },
  ]);
});

test('a value that changes type is one change, and texts per locale are compared as texts', () => {
  assert.deepEqual(diff({ x: { a: 1 } }, { x: 5 }), [{ path: 'x', change: 'changed', before: { a: 1 }, after: 5 }]);
  assert.deepEqual(diff({ texts: { en: 'old', 'zh-CN': '旧' } }, { texts: { en: 'new', 'zh-CN': '旧' } }),
    [{ path: 'texts.en', change: 'changed', before: 'old', after: 'new' }]);
  assert.equal(shown({ a: 1 }), '{"a":1}');
  assert.equal(shown(undefined), '—');
  assert.equal(shown('text'), 'text');
});
