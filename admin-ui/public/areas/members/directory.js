// The member directory in the Members area (docs/members.md, "Member directory"): the list shown at once, 50 a page with
// Previous/Next (the API's opaque cursors kept as a stack), a filter bar of labelled controls, sorting, "Save as segment",
// the segments panel with live counts (a click applies the segment), and "Export CSV" with the purpose the audit records.
// What each role sees is the API's decision: analysts get ids and attributes only, agents masked contacts.
import { api } from '../../auth.js';
import { cell, clearProblem, h, newest, showProblem, thead, when } from '../../dom.js';
import { t } from '../../i18n.js';

const $ = (id) => document.getElementById(id);
const PAGE = 50;
const STATUSES = ['active', 'warned', 'muted', 'left', 'removed', 'rejected', 'erased', 'pending'];
const TIERS = ['bronze', 'silver', 'gold', 'diamond'];
const CATEGORIES = ['potential', 'regular', 'active', 'core'];
const CHANNELS = ['web', 'wechat', 'weibo', 'douyin', 'store', 'event', 'import'];
const KINDS = ['member', 'staff', 'test'];
const SORTS = ['joined-desc', 'joined-asc', 'score-desc', 'score-asc'];
const PURPOSES = ['analysis', 'campaign', 'service', 'compliance'];
const FILTERS = ['status', 'tier', 'category', 'channel', 'kind', 'joinedFrom', 'joinedTo', 'dormant', 'scoreMin', 'scoreMax', 'sort'];

let session = null;
let openMember = () => {};
let filter = {};
let cursors = [null];
/** Reads of the results table - a page of the directory, or a search by contact or id (index.js): the newest is drawn. */
export const resultReads = newest();
const segmentReads = newest();

export function memberRows(members) {
  return members.map((m) => h('tr', { 'data-member': m.memberId },
    cell(h('a', { href: '#members', onclick: (e) => { e.preventDefault(); openMember(m.memberId); } }, m.memberId)),
    cell(m.status), cell(m.tier ? t(`tier_${m.tier}`) : '—'), cell(m.category ? t(`cat_${m.category}`) : '—'),
    cell(m.score === undefined ? '—' : String(m.score), 'num'), cell(m.channel), cell(when(m.joinedAt)),
    cell(m.nickname ?? '—'), cell(m.contact ?? '—')));
}

function params(extra = {}) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filter, ...extra })) if (v !== '' && v !== undefined && v !== null) p.set(k, v);
  return p;
}

/** One page of the directory: `page` is an index into the cursors met so far (0 = the first page). */
export async function loadDirectory(page = 0) {
  const isNewest = resultReads();
  const p = params({ limit: String(PAGE) });
  if (cursors[page]) p.set('cursor', cursors[page]);
  // pending sign-ups are the admission queue, served from the members table without paging.
  const response = await api(`/v1/admin/members?${p}`);
  const body = await response.json().catch(() => ({}));
  if (!isNewest()) return;
  const form = $('directory-filters');
  if (!response.ok) {
    showProblem(form, body, $('directory-status'), (field) => (FILTERS.includes(field) ? field : null));
    return;
  }
  clearProblem(form);
  $('member-results').tBodies[0].replaceChildren(...memberRows(body.members || []));
  cursors = cursors.slice(0, page + 1);
  if (body.next) cursors.push(body.next);
  $('directory-prev').disabled = page === 0;
  $('directory-next').disabled = !body.next;
  $('directory-prev').dataset.page = String(page);
  $('directory-status').textContent = t('dirPage').replace('{page}', String(page + 1)).replace('{n}', String((body.members || []).length))
    + (body.next && (body.members || []).length < PAGE ? ` ${t('dirPartial')}` : '');
  $('directory-empty').hidden = (body.members || []).length > 0 || Boolean(body.next);
}

function readFilters() {
  const form = $('directory-filters');
  filter = {};
  for (const name of FILTERS) {
    const value = form.elements[name].value.trim();
    if (value) filter[name] = value;
  }
}

function writeFilters(values) {
  const form = $('directory-filters');
  for (const name of FILTERS) form.elements[name].value = values[name] ?? '';
}

function apply(event) {
  event?.preventDefault();
  readFilters();
  cursors = [null];
  loadDirectory(0);
}

async function loadSegments() {
  const isNewest = segmentReads();
  const response = await api('/v1/admin/segments');
  // Read to its end either way: a fetch whose body is never read never finishes in the browser.
  const body = await response.json().catch(() => ({}));
  if (!response.ok || !isNewest()) return;
  const { segments } = body;
  const list = $('segment-list');
  list.replaceChildren(...segments.sort((a, b) => a.name.localeCompare(b.name)).map((s) => h('li', { 'data-segment': s.id },
    h('button', { type: 'button', class: 'link', onclick: () => { writeFilters(s.filter); apply(); } }, s.name), ' ',
    h('span', { class: 'muted segment-count', 'aria-live': 'polite' }, '…'))));
  $('segments-empty').hidden = segments.length > 0;
  for (const s of segments) {
    api(`/v1/admin/segments/${encodeURIComponent(s.id)}/count`).then((r) => r.json()).then((c) => {
      if (!isNewest()) return; // the counts belong to the list they were asked for
      const slot = list.querySelector(`[data-segment="${s.id}"] .segment-count`);
      if (slot) slot.textContent = t('segmentCount').replace('{n}', `${c.complete === false ? '≥ ' : ''}${c.count}`);
    });
  }
}

async function saveSegment(event) {
  event.preventDefault();
  readFilters();
  const form = event.target;
  const answer = await api('/v1/admin/segments', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: form.elements.segmentName.value, filter: { ...filter } }) });
  const body = await answer.json().catch(() => ({}));
  if (!answer.ok) {
    showProblem(form, body, $('segment-status'), (field) => (field === 'name' ? 'segmentName' : null));
    return;
  }
  clearProblem(form);
  form.reset();
  $('segment-status').textContent = t('segmentSaved').replace('{name}', body.name);
  loadSegments();
}

async function exportCsv(event) {
  event.preventDefault();
  readFilters();
  const p = params({ purpose: event.target.elements.purpose.value });
  const answer = await api(`/v1/admin/members/export?${p}`).catch(() => null);
  if (!answer || !answer.ok) {
    const body = answer ? await answer.json().catch(() => ({})) : {};
    $('export-status').textContent = body.detail || body.title || t('unreachable');
    return;
  }
  const blob = await answer.blob();
  const link = $('export-link');
  link.href = URL.createObjectURL(blob);
  link.download = `fanops-members-${new Date().toISOString().slice(0, 10)}.csv`;
  link.textContent = link.download;
  link.hidden = false;
  $('export-status').textContent = t('exportDone').replace('{n}', answer.headers.get('x-export-rows') ?? '?')
    + (answer.headers.get('x-export-truncated') === 'true' ? ` ${t('exportTruncated')}` : '');
  link.click();
}

// A control's name is its caption alone (aria-labelledby): a label wrapping a select would add the chosen option to it.
function caption(id, key) {
  return h('span', { id: `${id}-caption`, 'data-i18n': key });
}

function select(name, key, values, label, any = 'dirAny') {
  const id = `dir-${name}`;
  return h('label', { class: 'inline' }, caption(id, key), ' ',
    h('select', { name, id, 'aria-labelledby': `${id}-caption` }, h('option', { value: '', 'data-i18n': any }),
      values.map((v) => h('option', { value: v }, label(v)))),
    h('small', { class: 'error', 'data-error-for': name, hidden: true, role: 'alert' }));
}

function input(name, key, attrs) {
  const id = `dir-${name}`;
  return h('label', { class: 'inline' }, caption(id, key), ' ', h('input', { name, id, 'aria-labelledby': `${id}-caption`, ...attrs }),
    h('small', { class: 'error', 'data-error-for': name, hidden: true, role: 'alert' }));
}

/** The filter bar, the pager, the segments panel and the export: placed around the results table by the Members area. */
export function directoryControls(s, open) {
  session = s;
  openMember = open;
  const edits = s.roles.includes('admin') || s.roles.includes('manager');
  const same = (v) => v;
  return {
    filters: h('form', { id: 'directory-filters', class: 'row wrap', noValidate: true, onsubmit: apply },
      select('status', 'colStatus', STATUSES, same, 'dirAdmitted'),
      select('tier', 'colTier', TIERS, (v) => t(`tier_${v}`)),
      select('category', 'colCategory', CATEGORIES, (v) => t(`cat_${v}`)),
      select('channel', 'colChannel', CHANNELS, same),
      select('kind', 'dirKind', KINDS, same),
      select('dormant', 'dirDormant', ['true', 'false'], (v) => t(`dirDormant_${v}`)),
      input('joinedFrom', 'dirJoinedFrom', { type: 'date' }),
      input('joinedTo', 'dirJoinedTo', { type: 'date' }),
      input('scoreMin', 'dirScoreMin', { type: 'number', min: '0', step: '0.001', inputMode: 'decimal' }),
      input('scoreMax', 'dirScoreMax', { type: 'number', min: '0', step: '0.001', inputMode: 'decimal' }),
      select('sort', 'dirSort', SORTS.slice(1), (v) => t(`dirSort_${v.replace('-', '_')}`), 'dirSort_joined_desc'),
      h('button', { type: 'submit', id: 'directory-apply', 'data-i18n': 'dirApply' })),
    status: h('p', { id: 'directory-status', class: 'muted', role: 'status' }),
    empty: h('p', { id: 'directory-empty', class: 'muted', 'data-i18n': 'noResults', hidden: true }),
    pager: h('div', { class: 'row' },
      h('button', { type: 'button', class: 'secondary', id: 'directory-prev', 'data-i18n': 'dirPrev', disabled: true,
        onclick: (e) => loadDirectory(Math.max(0, Number(e.target.dataset.page || 0) - 1)) }),
      h('button', { type: 'button', class: 'secondary', id: 'directory-next', 'data-i18n': 'dirNext', disabled: true,
        onclick: () => loadDirectory(Number($('directory-prev').dataset.page || 0) + 1) })),
    side: h('div', { id: 'directory-side' },
      h('section', { id: 'segments', 'aria-labelledby': 'segments-title' },
        h('h3', { id: 'segments-title', 'data-i18n': 'segmentsTitle' }),
        h('p', { class: 'muted small', 'data-i18n': 'segmentsIntro' }),
        h('ul', { id: 'segment-list' }),
        h('p', { id: 'segments-empty', class: 'muted', 'data-i18n': 'segmentsNone', hidden: true }),
        h('form', { id: 'segment-save', class: 'row wrap', hidden: !edits, noValidate: true, onsubmit: saveSegment },
          h('label', { class: 'inline' }, caption('segment-name', 'segmentName'), ' ',
            h('input', { name: 'segmentName', id: 'segment-name', maxLength: 60, required: true, autocomplete: 'off',
              'aria-labelledby': 'segment-name-caption' }),
            h('small', { class: 'error', 'data-error-for': 'segmentName', hidden: true, role: 'alert' })),
          h('button', { type: 'submit', id: 'segment-save-button', 'data-i18n': 'segmentSave' })),
        h('p', { id: 'segment-status', class: 'muted', role: 'status' })),
      h('form', { id: 'member-export', class: 'row wrap', onsubmit: exportCsv },
        h('label', { class: 'inline' }, caption('export-purpose', 'exportPurpose'), ' ',
          h('select', { name: 'purpose', id: 'export-purpose', 'aria-labelledby': 'export-purpose-caption' },
            PURPOSES.map((p) => h('option', { value: p }, t(`exportPurpose_${p}`))))),
        h('button', { type: 'submit', id: 'export-csv', class: 'secondary', 'data-i18n': 'exportCsv' }),
        h('a', { id: 'export-link', hidden: true }),
        h('p', { id: 'export-status', class: 'muted small', role: 'status' }),
        h('p', { class: 'muted small', 'data-i18n': 'exportIntro' }))),
  };
}

/** The area is shown: the list at once, and the segments with their counts. */
export function showDirectory() {
  loadDirectory(0);
  loadSegments();
}
