// The dashboard's texts: one dictionary per locale, each with exactly the same keys and no empty text, and every text
// key the markup and the areas name is in them. No browser or stack needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import en from '../public/i18n/en.js';
import zhCN from '../public/i18n/zh-CN.js';

const PUBLIC = resolve(import.meta.dirname, '..', 'public');
const LOCALES = { en, 'zh-CN': zhCN };

function sources(dir = PUBLIC) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'i18n' ? [] : sources(path);
    return /\.(js|html)$/.test(entry.name) ? [path] : [];
  });
}

test('every locale has one dictionary file with exactly the same keys', () => {
  assert.deepEqual(readdirSync(join(PUBLIC, 'i18n')).sort(), ['en.js', 'zh-CN.js']);
  const keys = Object.keys(en).sort();
  assert.ok(keys.length > 200, `keys: ${keys.length}`);
  assert.deepEqual(Object.keys(zhCN).sort(), keys, 'zh-CN.js and en.js name the same keys');
});

test('no text is empty, and the Chinese dictionary is Chinese', () => {
  for (const [locale, texts] of Object.entries(LOCALES)) {
    for (const [key, text] of Object.entries(texts)) {
      assert.equal(typeof text, 'string', `${locale} ${key}`);
      assert.ok(text.trim().length > 0, `${locale} ${key} is empty`);
    }
  }
  const chinese = Object.values(zhCN).filter((text) => /[\u4e00-\u9fff]/.test(text)).length;
  assert.ok(chinese > Object.keys(zhCN).length * 0.8, `${chinese} Chinese texts`);
});

test('every text key named in the markup and the code is in the dictionaries', () => {
  const named = new Set();
  for (const file of sources()) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of [/data-i18n(?:-placeholder)?="(\w+)"/g, /'data-i18n(?:-placeholder)?': '(\w+)'/g, /\bt\('(\w+)'/g,
      /\bnav: '(\w+)'/g]) {
      for (const m of text.matchAll(pattern)) named.add(m[1]);
    }
  }
  assert.ok(named.size > 100, `keys found: ${named.size}`);
  for (const key of named) assert.ok(key in en, `${key} has no text`);
});

/** The keys a dictionary file defines, in order, read from its source: strings and comments skipped, depth-1 keys only. */
function definedKeys(source) {
  const keys = [];
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '/' && source[i + 1] === '/') { i = source.indexOf('\n', i); if (i < 0) break; continue; }
    if (c === '/' && source[i + 1] === '*') { i = source.indexOf('*/', i) + 1; continue; }
    if (c === "'" || c === '"' || c === '`') {
      const start = i + 1;
      for (i++; i < source.length && source[i] !== c; i++) if (source[i] === '\\') i++;
      if (depth === 1 && /^\s*:/.test(source.slice(i + 1, i + 8))) keys.push(source.slice(start, i)); // a quoted key
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (depth === 1 && /[A-Za-z_$]/.test(c) && !/[\w$]/.test(source[i - 1] || '')) {
      const m = /^([A-Za-z_$][\w$]*)\s*:/.exec(source.slice(i));
      if (m) keys.push(m[1]);
      i += (m ? m[0].length : 1) - 1;
      while (/[\w$]/.test(source[i + 1] || '')) i++;
    }
  }
  return keys;
}

test('no key is defined twice in a dictionary (the second would silently replace the first)', () => {
  for (const file of ['en.js', 'zh-CN.js']) {
    const keys = definedKeys(readFileSync(join(PUBLIC, 'i18n', file), 'utf8'));
    assert.equal(new Set(keys).size, Object.keys(LOCALES[file.replace('.js', '')]).length, `${file}: the parser reads every key`);
    const twice = keys.filter((k, i) => keys.indexOf(k) !== i);
    assert.deepEqual(twice, [], `${file} defines these keys twice`);
  }
});
