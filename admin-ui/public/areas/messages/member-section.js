// A member's messages, as a section of the member record (the members area mounts it, as it mounts the engagement):
// newest first, page by page, each opening in the Messages area. The API reads them to admins, managers and agents; a
// refusal (an analyst) hides the section.
import { api } from '../../auth.js';
import { h, newest, problemText, thead, whileBusy } from '../../dom.js';
import { messageColumns, messageRow } from './format.js';

const $ = (id) => document.getElementById(id);
const PAGE = 20;
let shown = null;
let items = [];
const reads = newest();

/** One page: the first replaces the list, "more" appends the next within the read that drew the first (dropped once a later one started). */
async function page(memberId, isNewest, cursor) {
  const params = new URLSearchParams({ limit: String(PAGE) });
  if (cursor) params.set('cursor', cursor);
  const response = await api(`/v1/admin/members/${encodeURIComponent(memberId)}/messages?${params}`);
  const body = await response.json().catch(() => ({}));
  if (!isNewest()) return;
  if (!response.ok) throw Object.assign(new Error(problemText(body) || String(response.status)), { status: response.status });
  items = cursor ? items.concat(body.items) : body.items;
  draw();
  const more = $('member-messages-more');
  more.hidden = !body.next;
  more.onclick = whileBusy(more, () => page(memberId, isNewest, body.next).catch(fail));
}

function draw() {
  $('member-messages-list').tBodies[0].replaceChildren(...items.map((m) => messageRow(m)));
  $('member-messages-empty').hidden = items.length > 0;
}

function fail(error) {
  $('member-messages-error').textContent = error.message;
  $('member-messages-error').hidden = false;
}

/** Shows the messages of the member on the open record. */
export async function showMemberMessages(memberId) {
  shown = memberId;
  items = [];
  const isNewest = reads();
  const section = $('member-messages');
  $('member-messages-error').hidden = true;
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
export function memberMessagesSection(signal) {
  shown = null;
  window.addEventListener('fanops:locale', () => { if (shown) draw(); }, { signal });
  return h('div', { id: 'member-messages', hidden: true },
    h('h4', { 'data-i18n': 'memberMessagesTitle' }),
    h('p', { id: 'member-messages-error', class: 'error', role: 'alert', hidden: true }),
    h('div', { class: 'scroll' }, h('table', { id: 'member-messages-list', class: 'compact' }, thead(...messageColumns(false)), h('tbody'))),
    h('p', { id: 'member-messages-empty', class: 'muted', 'data-i18n': 'msgNoneForMember', hidden: true }),
    h('button', { id: 'member-messages-more', type: 'button', class: 'secondary', 'data-i18n': 'more', hidden: true }));
}
