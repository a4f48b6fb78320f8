// A member's rewards, as a section of the member record (the members area mounts it, as it mounts the messages): the
// live badges and titles, every reward newest first page by page (each opening in the Rewards area), and for admins and
// managers a grant - an item and a reason, confirmed; above the approval threshold a manager's grant waits for an admin -
// and a revocation with a reason. The API reads a member's rewards to admins and managers; a refusal hides the section.
import { clearProblem, h, newest, showProblem, thead, when, whileBusy } from '../../dom.js';
import { t } from '../../i18n.js';
import { call, intentKey, label, money, named } from './format.js';
import { revokeIssuance } from './archive.js';

const $ = (id) => document.getElementById(id);
const PAGE = 20;
let shown = null;
let items = [];
let badges = [];
let catalogue = new Map();
let intent = null; // { key, itemId, reason }: one grant, retried with the same grantId until it is answered
const reads = newest();
const catalogueReads = newest();

function nameOf(itemId) {
  return named(catalogue.get(itemId)?.name, itemId);
}

function draw() {
  $('member-rewards-badges').replaceChildren(...(badges.length ? badges.map((id) => h('span', { class: 'badge', 'data-badge': id }, nameOf(id)))
    : [h('span', { class: 'muted', 'data-i18n': 'rwNoBadges' })]));
  $('member-rewards-list').tBodies[0].replaceChildren(...items.map((i) => h('tr', { 'data-issuance-id': i.issuanceId },
    h('td', {}, h('a', { href: `#rewards/${i.issuanceId}`, 'data-issuance': i.issuanceId }, when(i.issuedAt))),
    h('td', {}, nameOf(i.itemId)), h('td', {}, label('rwType_', i.type)),
    h('td', {}, i.ruleId ? `${label('rwTrigger_', i.trigger)} (${i.ruleId})` : label('rwTrigger_', i.trigger)),
    h('td', { class: `status-${i.status}` }, label('rwStatus_', i.status)), h('td', { class: 'num' }, money(i.cost)),
    h('td', {}, i.code ? h('code', {}, i.code) : '—'), h('td', {}, i.reason ?? ''),
    h('td', {}, ['issued', 'fulfilled'].includes(i.status)
      ? h('button', { type: 'button', class: 'secondary', 'data-revoke': i.issuanceId, 'data-i18n': 'rwRevoke', onclick: () => revoke(i) }) : ''))));
  $('member-rewards-empty').hidden = items.length > 0;
}

/** One page: the first replaces the list, "more" appends the next within the read that drew the first (dropped once a later one started). */
async function page(memberId, isNewest, cursor) {
  const params = new URLSearchParams({ limit: String(PAGE) });
  if (cursor) params.set('cursor', cursor);
  const body = await call(`/v1/admin/members/${encodeURIComponent(memberId)}/rewards?${params}`);
  if (!isNewest()) return;
  items = cursor ? items.concat(body.items) : body.items;
  if (!cursor) badges = body.badges || [];
  draw();
  const more = $('member-rewards-more');
  more.hidden = !body.next;
  more.onclick = whileBusy(more, () => page(memberId, isNewest, body.next).catch(fail));
}

function fail(error) {
  $('member-rewards-error').textContent = error.message;
  $('member-rewards-error').hidden = false;
}

async function loadCatalogue() {
  const isNewest = catalogueReads();
  const body = await call('/v1/admin/rewards/catalogue');
  if (!isNewest()) return;
  catalogue = new Map(body.items.map((item) => [item.itemId, item]));
  const chosen = $('member-grant-item').value;
  $('member-grant-item').replaceChildren(h('option', { value: '', 'data-i18n': 'rwChooseItem' }),
    ...body.items.filter((item) => item.active).map((item) => h('option', { value: item.itemId },
      `${named(item.name)} · ${label('rwType_', item.type)} · ${money(item.cost)}`)));
  $('member-grant-item').value = catalogue.has(chosen) ? chosen : '';
}

async function grant(event) {
  event.preventDefault();
  const form = $('member-grant');
  const itemId = form.elements.itemId.value;
  const reason = form.elements.reason.value.trim();
  if (!itemId) {
    showProblem(form, { errors: [{ field: 'itemId', message: t('rwChooseItem') }] }, $('member-grant-status'));
    return;
  }
  const item = catalogue.get(itemId);
  if (!confirm(t('rwGrantConfirm').replace('{item}', nameOf(itemId)).replace('{member}', shown).replace('{cost}', money(item?.cost ?? 0)))) return;
  // The same grant asked again (a lost answer, a second click) keeps its grantId, so it is issued at most once.
  if (!intent || intent.itemId !== itemId || intent.reason !== reason || intent.memberId !== shown) {
    intent = { key: intentKey('grant'), itemId, reason, memberId: shown };
  }
  const button = event.submitter || form.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    const body = await call(`/v1/admin/members/${encodeURIComponent(shown)}/rewards`, 'POST', { itemId, grantId: intent.key, reason });
    intent = null;
    clearProblem(form);
    form.reset();
    $('member-grant-status').textContent = body.status === 'pending'
      ? t('rwAwaitingApproval').replace('{cost}', money(body.approval.cost)) : t('rwGranted');
    $('member-grant-status').dataset.outcome = body.status;
    await page(shown, reads());
  } catch (error) {
    if (error.status) intent = null;
    if (error.problem) showProblem(form, error.problem, $('member-grant-status'));
    else $('member-grant-status').textContent = error.message;
    delete $('member-grant-status').dataset.outcome;
  } finally {
    button.disabled = false;
  }
}

async function revoke(issuance) {
  try {
    if (await revokeIssuance(issuance.issuanceId)) {
      $('member-grant-status').textContent = t('rwRevoked');
      await page(shown, reads());
    }
  } catch (error) {
    fail(error);
  }
}

/** Shows the rewards of the member on the open record. */
export async function showMemberRewards(memberId) {
  shown = memberId;
  items = [];
  badges = [];
  intent = null;
  const isNewest = reads();
  const section = $('member-rewards');
  $('member-rewards-error').hidden = true;
  $('member-grant-status').textContent = '';
  try {
    await loadCatalogue().catch(() => {});
    await page(memberId, isNewest);
    if (isNewest()) section.hidden = false;
  } catch (error) {
    if (!isNewest()) return;
    section.hidden = error.status === 403 || error.status === 404;
    if (!section.hidden) fail(error);
  }
}

/** The section (hidden until a member is shown); its rows are drawn again in a new language. */
export function memberRewardsSection(signal) {
  shown = null;
  window.addEventListener('fanops:locale', () => { if (shown) draw(); }, { signal });
  const field = (key, name, control) => h('label', { class: 'inline' }, h('span', { 'data-i18n': key }), ' ', control,
    h('span', { class: 'error small', 'data-error-for': name, role: 'alert', hidden: true }));
  return h('div', { id: 'member-rewards', hidden: true },
    h('h4', { 'data-i18n': 'memberRewardsTitle' }),
    h('p', { id: 'member-rewards-error', class: 'error', role: 'alert', hidden: true }),
    h('p', {}, h('span', { class: 'muted', 'data-i18n': 'rwBadges' }), ' ', h('span', { id: 'member-rewards-badges' })),
    h('div', { class: 'scroll' }, h('table', { id: 'member-rewards-list', class: 'compact' },
      thead('when', 'rwItem', 'colType', 'rwTrigger', 'colStatus', { key: 'rwCost', class: 'num' }, 'rwCode', 'rwReason', ''), h('tbody'))),
    h('p', { id: 'member-rewards-empty', class: 'muted', 'data-i18n': 'rwNoneForMember', hidden: true }),
    h('button', { id: 'member-rewards-more', type: 'button', class: 'secondary', 'data-i18n': 'more', hidden: true }),
    h('form', { id: 'member-grant', class: 'row wrap', novalidate: true, onsubmit: grant },
      h('strong', { 'data-i18n': 'rwGrant' }),
      field('rwItem', 'itemId', h('select', { id: 'member-grant-item', name: 'itemId' })),
      field('rwReason', 'reason', h('input', { id: 'member-grant-reason', name: 'reason', maxlength: '200' })),
      h('button', { type: 'submit', 'data-i18n': 'rwGrantButton' })),
    h('p', { id: 'member-grant-status', class: 'muted', role: 'status' }),
    h('p', { class: 'muted small', 'data-i18n': 'rwGrantHint' }));
}
