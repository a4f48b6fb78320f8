// The dashboard's area registry and the rules every page keeps, checked without a browser: each area declares an id,
// a tab text, the area keys of GET /v1/admin/me that open it (the same keys the API's Area enum has) and builds its
// own markup; no file writes markup from strings or carries inline script, handlers or styles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AREAS } from '../public/areas.js';
import en from '../public/i18n/en.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const PUBLIC = join(ROOT, 'admin-ui/public');

function apiAreaKeys() {
  const source = readFileSync(join(ROOT, 'functions/platform/src/main/java/com/fanops/platform/auth/Area.java'), 'utf8');
  return [...source.matchAll(/^\s{4}([A-Z]+)\(/gm)].map((m) => m[1].toLowerCase());
}

function files(dir = PUBLIC) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.(js|html)$/.test(e.name) ? [join(dir, e.name)] : []);
}

test('every area declares its id, tab, the API area keys that open it, and its markup', () => {
  const keys = apiAreaKeys();
  assert.ok(keys.includes('members') && keys.includes('settings'), `API areas: ${keys}`);
  assert.equal(AREAS[0].opensWith, 'any', 'the first area is home, open to every operator');
  assert.equal(new Set(AREAS.map((a) => a.id)).size, AREAS.length, 'ids are unique');
  for (const area of AREAS) {
    assert.match(area.id, /^[a-z][a-z-]*$/, `id ${area.id}`);
    assert.ok(area.nav in en, `${area.id}: tab text ${area.nav}`);
    assert.equal(typeof area.render, 'function', `${area.id} renders its markup`);
    if (area.opensWith !== 'any') {
      assert.ok(area.opensWith.length > 0, `${area.id} opens for someone`);
      for (const key of area.opensWith) assert.ok(keys.includes(key), `${area.id}: ${key} is not an area key of the API`);
    }
  }
});

test('each area lives in its own folder and is one line of the registry', () => {
  const registry = readFileSync(join(PUBLIC, 'areas.js'), 'utf8');
  const imports = [...registry.matchAll(/^import \w+ from '\.\/areas\/([\w-]+)\/[\w-]+\.js';$/gm)].map((m) => m[1]);
  assert.equal(imports.length, AREAS.length);
  assert.deepEqual(readdirSync(join(PUBLIC, 'areas')).sort(), [...new Set(imports)].sort(), 'every folder is registered');
});

test('no markup from strings, no inline script, handler or style, no eval: what a strict CSP refuses', () => {
  for (const file of files()) {
    const text = readFileSync(file, 'utf8');
    const name = file.slice(PUBLIC.length + 1);
    for (const [pattern, what] of [[/\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write/, 'markup from a string'],
      [/\beval\(|new Function\(|setTimeout\(\s*['"`]/, 'eval'], [/setAttribute\(\s*'style'/, 'a style attribute']]) {
      assert.doesNotMatch(text, pattern, `${name}: ${what}`);
    }
    if (name.endsWith('.html')) {
      assert.doesNotMatch(text, /<script(?![^>]*\bsrc=)[^>]*>/, `${name}: inline script`);
      assert.doesNotMatch(text, /\son[a-z]+\s*=/i, `${name}: inline event handler`);
      assert.doesNotMatch(text, /\sstyle\s*=/i, `${name}: style attribute`);
      assert.doesNotMatch(text, /<style/i, `${name}: style element`);
    }
  }
});
