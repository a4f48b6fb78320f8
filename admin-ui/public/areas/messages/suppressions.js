// The suppression list (admins and managers): addresses that bounced hard or complained get no more e-mail. Only the
// address's blind index is kept, never the address. Admins put one back (the member fixed their mailbox), after
// confirming.
import { api } from '../../auth.js';
import { cell, h, newest, problemText, thead, when } from '../../dom.js';
import { t } from '../../i18n.js';
import { label } from './format.js';

const $ = (id) => document.getElementById(id);
let removes = false;
const reads = newest();

async function remove(entry) {
  if (!confirm(t('supRemoveConfirm'))) return;
  const response = await api(`/v1/admin/messaging/suppressions/${encodeURIComponent(entry.contactIndex)}`, { method: 'DELETE' });
  const body = await response.json().catch(() => ({}));
  $('suppressions-status').textContent = response.ok ? t('supRemoved') : problemText(body);
  await showSuppressions(false);
}

/** Reads the list afresh (the status line is kept when asked, as after a removal). */
export async function showSuppressions(clear = true) {
  if (clear) $('suppressions-status').textContent = '';
  const isNewest = reads();
  const response = await api('/v1/admin/messaging/suppressions?limit=200');
  const body = await response.json().catch(() => ({}));
  if (!isNewest()) return;
  if (!response.ok) {
    $('suppressions-status').textContent = problemText(body);
    return;
  }
  $('suppressions-list').tBodies[0].replaceChildren(...body.items.map((s) => h('tr', { 'data-contact': s.contactIndex },
    cell(when(s.at)), cell(label('supReason_', s.reason)),
    cell(s.memberId ? h('a', { href: `#members/${s.memberId}` }, s.memberId) : '—'),
    cell(s.messageId ? h('a', { href: `#messages/${s.messageId}` }, s.messageId) : '—', 'small'),
    cell(h('code', { class: 'small', title: s.contactIndex }, `${s.contactIndex.slice(0, 12)}…`)),
    removes ? cell(h('button', { type: 'button', class: 'secondary', 'data-i18n': 'supRemove', onclick: () => remove(s) })) : null)));
  $('suppressions-empty').hidden = body.items.length > 0;
}

export function suppressionsCard(canRemove) {
  removes = canRemove;
  return h('section', { id: 'suppressions', class: 'card' },
    h('h2', { 'data-i18n': 'suppressionsTitle' }),
    h('p', { class: 'muted', 'data-i18n': 'suppressionsIntro' }),
    h('p', { id: 'suppressions-status', class: 'muted', role: 'status' }),
    h('div', { class: 'scroll' }, h('table', { id: 'suppressions-list', class: 'compact' },
      thead(...['when', 'supReason', 'msgMember', 'msgMessage', 'supAddress'].concat(removes ? [''] : [])), h('tbody'))),
    h('p', { id: 'suppressions-empty', class: 'muted', 'data-i18n': 'noSuppressions', hidden: true }),
    h('button', { type: 'button', class: 'secondary', 'data-i18n': 'reload', onclick: () => showSuppressions() }));
}
