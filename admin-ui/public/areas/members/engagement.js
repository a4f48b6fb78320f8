// A member's engagement on the member record: score, category, tier with its hold and any pending downgrade,
// points balance and lots, the interactions and the points ledger (newest first, page by page), the tier
// history, and - for admins and managers - a manual points adjustment with a reason. The API decides who may
// read (admins, managers, agents) and who may adjust; a refusal hides the section.
import { api } from '../../auth.js';
import { cell, h, newest, problemText, thead, when, whileBusy } from '../../dom.js';
import { currentLocale, t } from '../../i18n.js';
import { confirmDialog } from '../../confirm-dialog.js';

const $ = (id) => document.getElementById(id);
const PAGE = 20;
let shown = null;
// One read of the section: the summary, then the first pages and the tier history; "more" continues it. A read started
// later (another member, the record read again, an adjustment) drops what an earlier one has not drawn yet.
const reads = newest();

function day(iso) {
  return iso ? new Date(`${iso}T00:00:00Z`).toLocaleDateString(currentLocale(), { timeZone: 'UTC' }) : '—';
}

function signed(n) {
  return n > 0 ? `+${n}` : String(n);
}

function fact(label, value) {
  return [h('dt', {}, label), h('dd', {}, value)];
}

async function read(path) {
  const response = await api(path);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw Object.assign(new Error(body.detail || body.title || String(response.status)), { status: response.status });
  return body;
}

function renderSummary(e) {
  const tier = t(`tier_${e.tier}`);
  const tierLine = [`${tier} ${t('since')} ${day(e.tierSince)}`];
  if (e.holdUntil) tierLine.push(`${t('holdsUntil')} ${day(e.holdUntil)}`);
  if (e.downgradeOn) tierLine.push(`⚠ ${t('downgradeOn')} ${day(e.downgradeOn)}`);
  const q = e.qualifying || {};
  $('engagement-summary').replaceChildren(
    ...fact(t('engScore'), String(e.score)),
    ...fact(t('engActiveDays'), String(e.activeDays)),
    ...fact(t('engCategory'), `${t(`cat_${e.category}`)} ${t('since')} ${day(e.categorySince)}`),
    ...fact(t('engTier'), tierLine.join(' · ')),
    ...fact(t('engQualifying'), `${q.points ?? 0} ${t('engPointsEarned')} · ${q.spend ?? 0} ${t('engSpend')} · ${q.referrals ?? 0} ${t('engReferrals')} → ${t(`tier_${e.qualifiesFor}`)}`),
    ...fact(t('engBalance'), String(e.balance)),
  );
  $('engagement-lots').tBodies[0].replaceChildren(...(e.lots || []).map((l) => h('tr', {},
    cell(day(l.earnedOn)), cell(day(l.expiresOn)), cell(String(l.remaining), 'num'))));
  $('engagement-lots').hidden = !(e.lots || []).length;
}

function interactionRow(i) {
  const outcome = String(i.outcome || '');
  const what = i.amount !== undefined ? `${t(`type_${i.type}`)} (${i.amount} ${i.currency})` : t(`type_${i.type}`);
  return h('tr', {}, cell(when(i.occurredAt)), cell(what), cell(i.channel), cell(i.points ? signed(Number(i.points)) : '', 'num'),
    cell(outcome.startsWith('skipped:') ? `${t('outcome_skipped')} (${outcome.slice(8)})` : t(`outcome_${outcome}`)));
}

function ledgerRow(i) {
  const points = Number(i.points);
  const kind = i.kind === 'interaction' ? (points > 0 ? 'earn' : 'reverse') : i.kind;
  const detail = i.kind === 'interaction' ? t(`type_${i.type}`) : [i.reason, i.actor].filter(Boolean).join(' · ');
  return h('tr', {}, cell(when(i.at || i.occurredAt)), cell(t(`entry_${kind}`)), cell(signed(points), 'num'), cell(detail));
}

/** A paginated table: the first page replaces its rows, "more" appends the next page (within the read that drew the first). */
async function page(isNewest, memberId, what, table, row, cursor) {
  const body = await read(`/v1/admin/members/${encodeURIComponent(memberId)}/${what}?limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
  if (!isNewest()) return;
  const rows = body.items.map(row);
  if (cursor) $(table).tBodies[0].append(...rows); else $(table).tBodies[0].replaceChildren(...rows);
  const more = $(`${table}-more`);
  more.hidden = !body.next;
  more.onclick = whileBusy(more, () => page(isNewest, memberId, what, table, row, body.next).catch(fail));
  $(`${table}-empty`).hidden = Boolean(cursor) || rows.length > 0;
}

async function renderTierHistory(isNewest, memberId) {
  const body = await read(`/v1/admin/members/${encodeURIComponent(memberId)}/tier-history`);
  if (!isNewest()) return;
  $('engagement-tiers').replaceChildren(...body.items.map((c) => h('li', {},
    `${day(c.on)}: ${t(`tier_${c.from}`)} → ${t(`tier_${c.to}`)} (${t(c.reason === 'qualified' ? 'tierReason_qualified' : 'tierReason_downgraded')}${c.holdUntil ? `, ${t('holdsUntil')} ${day(c.holdUntil)}` : ''})`)));
  $('engagement-tiers-empty').hidden = body.items.length > 0;
}

function fail(error) {
  $('engagement-message').textContent = error.message;
  $('engagement-message').hidden = false;
}

async function refresh(memberId, isNewest) {
  const engagement = await read(`/v1/admin/members/${encodeURIComponent(memberId)}/engagement`);
  if (!isNewest()) return;
  renderSummary(engagement);
  await Promise.all([
    page(isNewest, memberId, 'interactions', 'engagement-interactions', interactionRow),
    page(isNewest, memberId, 'points', 'engagement-ledger', ledgerRow),
    renderTierHistory(isNewest, memberId),
  ]);
}

async function adjust(event) {
  event.preventDefault();
  const memberId = shown;
  const button = event.submitter || $('engagement-adjust').querySelector('button');
  const points = Number($('adjust-points').value);
  // Confirmed like every action on the record: the member, the points and the reason the ledger will show.
  const confirmed = await confirmDialog({ title: t('adjustConfirmTitle'), subject: memberId,
    consequences: t('adjustConfirmText').replace('{points}', points > 0 ? `+${points}` : String(points))
      .replace('{reason}', $('adjust-reason').value), danger: points < 0 });
  if (!confirmed) return;
  button.disabled = true;
  $('engagement-adjust-status').textContent = '';
  try {
    const response = await api(`/v1/admin/members/${encodeURIComponent(memberId)}/points/adjustments`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ points, reason: $('adjust-reason').value,
        adjustmentId: $('engagement-adjust').dataset.attempt }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      $('engagement-adjust-status').textContent = problemText(body);
      return;
    }
    $('engagement-adjust-status').textContent = t('saved');
    $('engagement-adjust').reset();
    $('engagement-adjust').dataset.attempt = crypto.randomUUID();
    if (shown === memberId) await refresh(memberId, reads());
  } catch (error) {
    $('engagement-adjust-status').textContent = error.message;
  } finally {
    button.disabled = false;
  }
}

/** Shows the engagement of a member on the open member record; hidden for roles the API refuses. */
export async function showEngagement(memberId, roles) {
  shown = memberId;
  const isNewest = reads();
  const section = $('member-engagement');
  $('engagement-message').hidden = true;
  const form = $('engagement-adjust');
  form.hidden = !(roles.includes('admin') || roles.includes('manager'));
  // One id per intended adjustment: a retried click after a lost answer is not a second adjustment.
  form.dataset.attempt = crypto.randomUUID();
  $('engagement-adjust-status').textContent = '';
  try {
    await refresh(memberId, isNewest);
    if (isNewest()) section.hidden = false;
  } catch (error) {
    if (!isNewest()) return;
    section.hidden = error.status === 403 || error.status === 404;
    if (!section.hidden) fail(error);
  }
}

/** The engagement part of the member record (hidden until a member is shown). */
export function engagementSection() {
  shown = null;
  const more = (id) => h('button', { id, type: 'button', class: 'secondary', 'data-i18n': 'more', hidden: true });
  const empty = (id, key) => h('p', { id, class: 'muted', 'data-i18n': key, hidden: true });
  return h('div', { id: 'member-engagement', hidden: true },
    h('h4', { 'data-i18n': 'engagementTitle' }),
    h('p', { id: 'engagement-message', class: 'error', role: 'alert', hidden: true }),
    h('dl', { id: 'engagement-summary' }),
    h('table', { id: 'engagement-lots', hidden: true },
      thead('lotEarned', 'lotExpires', { key: 'lotRemaining', class: 'num' }), h('tbody')),
    h('form', { id: 'engagement-adjust', class: 'row', hidden: true, onsubmit: adjust },
      h('label', { class: 'inline' }, h('span', { 'data-i18n': 'adjustPoints' }), ' ',
        h('input', { id: 'adjust-points', type: 'number', step: '1', required: true })),
      h('label', { class: 'inline' }, h('span', { 'data-i18n': 'adjustReason' }), ' ',
        h('input', { id: 'adjust-reason', required: true, minlength: '3', maxlength: '200' })),
      h('button', { type: 'submit', 'data-i18n': 'adjust' }),
      h('span', { id: 'engagement-adjust-status', class: 'muted', role: 'status' })),
    h('h5', { 'data-i18n': 'interactionsTitle' }),
    h('table', { id: 'engagement-interactions' },
      thead('when', 'colType', 'colChannel', { key: 'colPoints', class: 'num' }, 'colOutcome'), h('tbody')),
    empty('engagement-interactions-empty', 'noInteractions'),
    more('engagement-interactions-more'),
    h('h5', { 'data-i18n': 'ledgerTitle' }),
    h('table', { id: 'engagement-ledger' }, thead('when', 'colEntry', { key: 'colPoints', class: 'num' }, 'colDetail'), h('tbody')),
    empty('engagement-ledger-empty', 'noLedger'),
    more('engagement-ledger-more'),
    h('h5', { 'data-i18n': 'tierHistoryTitle' }),
    h('ul', { id: 'engagement-tiers' }),
    empty('engagement-tiers-empty', 'noTierChanges'));
}
