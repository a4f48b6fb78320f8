// The dashboard's metric help says what docs/metrics.md says: every figure defined there has an English and a
// Chinese definition here, and every "?" on the metrics page points at one of them. No browser or stack needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFINITIONS, PREAMBLE } from '../public/areas/metrics/definitions.js';

const ROOT = resolve(import.meta.dirname, '..', '..');

function documentedFigures() {
  const doc = readFileSync(resolve(ROOT, 'docs/metrics.md'), 'utf8');
  const section = doc.split(/^## /m).find((s) => s.startsWith('Definitions'));
  return section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| figure') && !l.startsWith('|---'))
    .map((l) => l.split('|')[1].trim());
}

test('every figure defined in docs/metrics.md has a definition in English and Chinese', () => {
  const figures = documentedFigures();
  assert.ok(figures.length >= 15, `figures found: ${figures}`);
  assert.deepEqual(DEFINITIONS.map((d) => d.figure), figures, 'same figures, same order as the docs');
  for (const d of DEFINITIONS) {
    assert.ok(d.en[0] && d.en[1].length > 10, `English for ${d.figure}`);
    assert.match(d.zh[0] + d.zh[1], /[\u4e00-\u9fff]/, `Chinese for ${d.figure}`);
  }
  assert.match(PREAMBLE.zh, /[\u4e00-\u9fff]/);
});

test('the targets in the help are the plan\'s targets', () => {
  const text = (id) => DEFINITIONS.find((d) => d.id === id).en[1] + DEFINITIONS.find((d) => d.id === id).zh[1];
  assert.match(text('monthly-active-rate'), /60%.*60%/s);
  assert.match(text('annual-retention'), /50%.*50%/s);
  assert.match(text('purchase-conversion'), /10%.*10%/s);
  assert.match(text('csat'), /4\.5.*4\.5/s);
});

test('every help link the metrics page names in its code is a definition', () => {
  // The browser test checks the rendered page as well: every "?" there opens an existing definition.
  // The KPI cards live in kpis.js, shared with the Today page.
  const page = ['index.js', 'kpis.js'].map((f) => readFileSync(resolve(ROOT, `admin-ui/public/areas/metrics/${f}`), 'utf8')).join('\n');
  const ids = new Set(DEFINITIONS.map((d) => d.id));
  const kpiHelp = /const KPI_HELP = \{([^}]*)\}/.exec(page)[1];
  const used = [...page.matchAll(/helpLink\('([^']+)'\)/g), ...kpiHelp.matchAll(/: '([^']+)'/g)].map((m) => m[1]);
  assert.ok(used.length > 8, `links found: ${used}`);
  for (const id of used) assert.ok(ids.has(id), `no definition for help link ${id}`);
});

test('the help defines the headline over several cohorts, its "on or after" window, and which members each monthly figure counts', () => {
  const def = (id) => DEFINITIONS.find((d) => d.id === id);
  const both = (id) => def(id).en[1] + def(id).zh[1];
  assert.match(def('headline-retention').en[1], /7 cohorts D-N-6\.\.D-N.*30 cohorts D-59\.\.D-30.*members behind it/s);
  assert.match(def('headline-on-or-after').en[1], /c\+N\.\.c\+N\+6.*D-65\.\.D-36.*days 30 to 36/s);
  assert.match(both('headline-on-or-after'), /c\+N\.\.c\+N\+6.*c\+N\.\.c\+N\+6/s, 'the window in both languages');
  assert.match(def('monthly-active-rate').en[1], /^Active members \(30 days\) \/ members\(D\): both counts from the same population/);
  assert.match(def('active-members').en[1], /Unlike MAU/);
  assert.match(def('wau-mau').en[1], /members who left since included/);
  const page = readFileSync(resolve(ROOT, 'admin-ui/public/areas/metrics/index.js'), 'utf8');
  for (const id of ['headline-retention', 'headline-on-or-after', 'active-members', 'monthly-active-rate']) {
    assert.ok(page.includes(`'${id}'`), `the metrics page links ${id}`);
  }
});
