// A member's complaints, as a section of the member record (the members area mounts it): number, status, category,
// received, each opening the ticket in the Complaints area. Read through the queue route (memberId, every status),
// newest first. A refusal (a role without the complaints area) hides the section.
import { api } from '../../auth.js';
import { cell, h, newest, problemText, thead, when, whileBusy } from '../../dom.js';
import { t } from '../../i18n.js';

const $ = (id) => document.getElementById(id);
const PAGE = 20;
let shown = null;
let items = [];
const reads = newest();

/** One page: the first replaces the list, "more" appends the next within the read that drew the first (dropped once a later one started). */
async function page(memberId, isNewest, cursor) {
  const params = new URLSearchParams({ memberId, status: 'all', limit: String(PAGE) });
  if (cursor) params.set('cursor', cursor);
  const response = await api(`/v1/admin/complaints?${params}`);
  const body = await response.json().catch(() => ({}));
  if (!isNewest()) return;
  if (!response.ok) throw Object.assign(new Error(problemText(body) || String(response.status)), { status: response.status });
  items = cursor ? items.concat(body.items) : body.items;
  draw();
  const more = $('member-complaints-more');
  more.hidden = !body.next;
  more.onclick = whileBusy(more, () => page(memberId, isNewest, body.next).catch(fail));
}

function draw() {
  $('member-complaints-list').tBodies[0].replaceChildren(...items.map((x) => h('tr', { 'data-number': x.ticketNumber },
    cell(h('a', { href: `#complaints/${x.ticketId}` }, x.ticketNumber)), cell(t(`cqStatus_${x.status}`)),
    cell(t(`cat_${x.category}`)), cell(when(x.receivedAt)))));
  $('member-complaints-empty').hidden = items.length > 0;
}

function fail(error) {
  $('member-complaints-error').textContent = error.message;
  $('member-complaints-error').hidden = false;
}

/** Shows the complaints of the member on the open record. */
export async function showMemberComplaints(memberId) {
  shown = memberId;
  items = [];
  const isNewest = reads();
  const section = $('member-complaints');
  $('member-complaints-error').hidden = true;
  try {
    await page(memberId, isNewest);
    if (isNewest()) section.hidden = false;
  } catch (error) {
    if (!isNewest()) return;
    section.hidden = error.status === 403 || error.status === 404;
    if (!section.hidden) fail(error);
  }
}

/** The section (hidden until a member is shown); its rows are drawn again in a new language. */
export function memberComplaintsSection(signal) {
  shown = null;
  window.addEventListener('fanops:locale', () => { if (shown) draw(); }, { signal });
  return h('div', { id: 'member-complaints', hidden: true },
    h('h4', { 'data-i18n': 'memberComplaintsTitle' }),
    h('p', { id: 'member-complaints-error', class: 'error', role: 'alert', hidden: true }),
    h('div', { class: 'scroll' }, h('table', { id: 'member-complaints-list', class: 'compact' },
      thead('cqNumber', 'cqStatus', 'cqCategory', 'cqReceived'), h('tbody'))),
    h('p', { id: 'member-complaints-empty', class: 'muted', 'data-i18n': 'cqNoneForMember', hidden: true }),
    h('button', { id: 'member-complaints-more', type: 'button', class: 'secondary', 'data-i18n': 'more', hidden: true }));
}
