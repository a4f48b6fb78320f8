// A member's activities, as a section of the member record (the members area mounts it, as it mounts rewards): each
// activity the member registered for with its start, its status, the registration's status and number and the check-in,
// each opening the activity in the Activities area. A refusal (a role that does not read activities) hides the section.
import { cell, h, newest, thead, when } from '../../dom.js';
import { call, label, statusText } from './format.js';

const $ = (id) => document.getElementById(id);
let shown = null;
let items = [];
const reads = newest();

function draw() {
  $('member-activities-list').tBodies[0].replaceChildren(...items.map((a) => h('tr', { 'data-activity': a.activityId },
    h('td', {}, h('a', { href: `#activities/${encodeURIComponent(a.activityId)}` }, a.theme)), cell(when(a.startsAt)),
    h('td', { class: ['act-status', `act-${a.status}`] }, statusText(a.status)),
    h('td', { class: `status-${a.registration?.status}` }, label('actReg_', a.registration?.status)),
    cell(String(a.registration?.no ?? ''), 'num'), cell(when(a.registration?.checkedInAt)))));
  $('member-activities-empty').hidden = items.length > 0;
}

/** Shows the activities of the member on the open record. */
export async function showMemberActivities(memberId) {
  shown = memberId;
  items = [];
  const isNewest = reads();
  const section = $('member-activities');
  try {
    const body = await call(`/v1/admin/members/${encodeURIComponent(memberId)}/activities`);
    if (!isNewest()) return;
    items = body.items || [];
    draw();
    section.hidden = false;
  } catch (error) {
    if (isNewest()) section.hidden = true;
  }
}

/** The section (hidden until a member is shown); its rows are drawn again in a new language. */
export function memberActivitiesSection(signal) {
  shown = null;
  window.addEventListener('fanops:locale', () => { if (shown) draw(); }, { signal });
  return h('div', { id: 'member-activities', hidden: true },
    h('h4', { 'data-i18n': 'memberActivitiesTitle' }),
    h('div', { class: 'scroll' }, h('table', { id: 'member-activities-list', class: 'compact' },
      thead('actTheme', 'actStarts', 'colStatus', 'actRegistration', { key: 'actNo', class: 'num' }, 'actCheckedInAt'), h('tbody'))),
    h('p', { id: 'member-activities-empty', class: 'muted', 'data-i18n': 'actNoneForMember', hidden: true }));
}
