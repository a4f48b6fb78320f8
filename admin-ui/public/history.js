// The one history affordance of every versioned setting: beside a history list, pick two versions and see what changed
// (diff.js: added, removed and changed paths with old and new values). An area keeps drawing its own list and calls
// historyDiff(list, versions) with the versions it read; nothing else in the area changes.
import { h, thead } from './dom.js';
import { diff, shown } from './diff.js';
import { t } from './i18n.js';

let made = 0;
const shownVersions = new WeakMap();

function draw(table, empty, before, after) {
  const changes = before && after ? diff(before, after) : [];
  table.tBodies[0].replaceChildren(...changes.map((c) => h('tr', { class: `diff-${c.change}`, 'data-path': c.path },
    h('td', {}, h('code', {}, c.path)), h('td', {}, t(`diff_${c.change}`)),
    h('td', {}, shown(c.before)), h('td', {}, shown(c.after)))));
  table.hidden = changes.length === 0;
  empty.hidden = changes.length > 0 || !(before && after);
}

/**
 * Puts (or refreshes) a "compare two versions" control after `list` for `versions` (objects with a `version` number,
 * as the API answers them, any order). `append`: a further page of the same history (its versions join those shown).
 * `label(v)` names a version in the pickers (default: vN).
 */
export function historyDiff(list, versions, { append = false, label = (v) => `v${v.version}` } = {}) {
  const known = new Map(append ? (shownVersions.get(list) || []).map((v) => [v.version, v]) : []);
  for (const v of versions) known.set(v.version, v);
  shownVersions.set(list, [...known.values()]);
  let box = list.nextElementSibling?.classList.contains('history-diff') ? list.nextElementSibling : null;
  if (!box) {
    const n = ++made;
    const picker = (role) => h('label', { class: 'inline' }, h('span', { 'data-i18n': `diff${role}` }), ' ',
      h('select', { id: `history-diff-${n}-${role.toLowerCase()}`, 'data-role': role.toLowerCase() }));
    box = h('div', { class: 'history-diff', 'data-diff-of': list.id || '' },
      h('div', { class: 'row wrap' }, picker('From'), picker('To'),
        h('button', { type: 'button', class: 'secondary', 'data-i18n': 'diffCompare' })),
      h('table', { class: 'compact diff', hidden: true }, thead('diffPath', 'diffChange', 'diffBefore', 'diffAfter'), h('tbody')),
      h('p', { class: 'muted diff-none', 'data-i18n': 'diffNone', hidden: true }));
    list.after(box);
  }
  const sorted = [...known.values()].sort((a, b) => b.version - a.version);
  const [from, to] = [box.querySelector('[data-role=from]'), box.querySelector('[data-role=to]')];
  for (const select of [from, to]) select.replaceChildren(...sorted.map((v) => h('option', { value: String(v.version) }, label(v))));
  to.value = String(sorted[0]?.version ?? '');
  from.value = String(sorted[1]?.version ?? sorted[0]?.version ?? '');
  const byVersion = new Map(sorted.map((v) => [String(v.version), v]));
  const table = box.querySelector('table');
  const empty = box.querySelector('.diff-none');
  box.querySelector('button').onclick = () => draw(table, empty, byVersion.get(from.value), byVersion.get(to.value));
  box.hidden = sorted.length < 2;
  draw(table, empty, null, null);
}
