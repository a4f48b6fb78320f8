// A member's engagement on the member record: score, category, tier with its hold and any pending downgrade,
// points balance and lots, the interactions and the points ledger (newest first, page by page), the tier
// history, and - for admins and managers - a manual points adjustment with a reason. The API decides who may
// read (admins, managers, agents) and who may adjust; a refusal hides the section.
import { api } from './auth.js';
import { cell, problemText, when } from './dom.js';
import { currentLocale, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
const PAGE = 20;
let shown = null;

function day(iso) {
  return iso ? new Date(`${iso}T00:00:00Z`).toLocaleDateString(currentLocale(), { timeZone: 'UTC' }) : '—';
}

function signed(n) {
  return n > 0 ? `+${n}` : String(n);
}

function fact(label, value) {
  const dt = document.createElement('dt');
  dt.textContent = label;
  const dd = document.createElement('dd');
  dd.textContent = value;
  return [dt, dd];
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
  $('engagement-lots').tBodies[0].replaceChildren(...(e.lots || []).map((l) => {
    const tr = document.createElement('tr');
    tr.append(cell(day(l.earnedOn)), cell(day(l.expiresOn)), cell(String(l.remaining), 'num'));
    return tr;
  }));
  $('engagement-lots').hidden = !(e.lots || []).length;
}

function interactionRow(i) {
  const tr = document.createElement('tr');
  const outcome = String(i.outcome || '');
  const what = i.amount !== undefined ? `${t(`type_${i.type}`)} (${i.amount} ${i.currency})` : t(`type_${i.type}`);
  tr.append(cell(when(i.occurredAt)), cell(what), cell(i.channel), cell(i.points ? signed(Number(i.points)) : '', 'num'),
    cell(outcome.startsWith('skipped:') ? `${t('outcome_skipped')} (${outcome.slice(8)})` : t(`outcome_${outcome}`)));
  return tr;
}

function ledgerRow(i) {
  const tr = document.createElement('tr');
  const points = Number(i.points);
  const kind = i.kind === 'interaction' ? (points > 0 ? 'earn' : 'reverse') : i.kind;
  const detail = i.kind === 'interaction' ? t(`type_${i.type}`) : [i.reason, i.actor].filter(Boolean).join(' · ');
  tr.append(cell(when(i.at || i.occurredAt)), cell(t(`entry_${kind}`)), cell(signed(points), 'num'), cell(detail));
  return tr;
}

/** A paginated table: the first page replaces its rows, "more" appends the next page. */
async function page(memberId, what, table, row, cursor) {
  const body = await read(`/v1/admin/members/${encodeURIComponent(memberId)}/${what}?limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
  if (shown !== memberId) return;
  const rows = body.items.map(row);
  if (cursor) $(table).tBodies[0].append(...rows); else $(table).tBodies[0].replaceChildren(...rows);
  const more = $(`${table}-more`);
  more.hidden = !body.next;
  more.onclick = () => page(memberId, what, table, row, body.next).catch(fail);
  $(`${table}-empty`).hidden = Boolean(cursor) || rows.length > 0;
}

async function renderTierHistory(memberId) {
  const body = await read(`/v1/admin/members/${encodeURIComponent(memberId)}/tier-history`);
  if (shown !== memberId) return;
  $('engagement-tiers').replaceChildren(...body.items.map((h) => {
    const li = document.createElement('li');
    li.textContent = `${day(h.on)}: ${t(`tier_${h.from}`)} → ${t(`tier_${h.to}`)} (${t(h.reason === 'qualified' ? 'tierReason_qualified' : 'tierReason_downgraded')}${h.holdUntil ? `, ${t('holdsUntil')} ${day(h.holdUntil)}` : ''})`;
    return li;
  }));
  $('engagement-tiers-empty').hidden = body.items.length > 0;
}

function fail(error) {
  $('engagement-message').textContent = error.message;
  $('engagement-message').hidden = false;
}

async function refresh(memberId) {
  const engagement = await read(`/v1/admin/members/${encodeURIComponent(memberId)}/engagement`);
  if (shown !== memberId) return;
  renderSummary(engagement);
  await Promise.all([
    page(memberId, 'interactions', 'engagement-interactions', interactionRow),
    page(memberId, 'points', 'engagement-ledger', ledgerRow),
    renderTierHistory(memberId),
  ]);
}

async function adjust(event) {
  event.preventDefault();
  const memberId = shown;
  const button = event.submitter || $('engagement-adjust').querySelector('button');
  button.disabled = true;
  $('engagement-adjust-status').textContent = '';
  try {
    const response = await api(`/v1/admin/members/${encodeURIComponent(memberId)}/points/adjustments`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ points: Number($('adjust-points').value), reason: $('adjust-reason').value,
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
    await refresh(memberId);
  } catch (error) {
    $('engagement-adjust-status').textContent = error.message;
  } finally {
    button.disabled = false;
  }
}

/** Shows the engagement of a member on the open member record; hidden for roles the API refuses. */
export async function showEngagement(memberId, roles) {
  shown = memberId;
  const section = $('member-engagement');
  $('engagement-message').hidden = true;
  const form = $('engagement-adjust');
  form.hidden = !(roles.includes('admin') || roles.includes('manager'));
  // One id per intended adjustment: a retried click after a lost answer is not a second adjustment.
  form.dataset.attempt = crypto.randomUUID();
  form.onsubmit = adjust;
  $('engagement-adjust-status').textContent = '';
  try {
    await refresh(memberId);
    section.hidden = false;
  } catch (error) {
    section.hidden = error.status === 403 || error.status === 404;
    if (!section.hidden) fail(error);
  }
}

export function hideEngagement() {
  shown = null;
  $('member-engagement').hidden = true;
}
