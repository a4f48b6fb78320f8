// The member's own rewards on their private page (#<memberId>.<token>, the link from sign-up): points balance and tier,
// live badges and titles, certificates (each printable on its own: print styles in styles.css), every reward with its
// coupon code while it is live, and what the points redeem now. Redeeming posts the item with the member's token and an
// Idempotency-Key made once per intent: a retry after a lost answer reuses it, so one intent redeems at most once.
import { loadSettings } from './auth.js';
import { h, when } from './dom.js';
import { currentLocale, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
const [memberId, token] = location.hash.slice(1).split('.');
const PAGE = 50;
let page = null;
let rewards = [];
const intents = new Map(); // itemId -> Idempotency-Key of a redemption not yet answered

async function call(path, options = {}) {
  const s = await loadSettings();
  const response = await fetch(`${s.apiUrl}${path}`, {
    ...options, headers: { ...(options.headers || {}), authorization: `Bearer ${token}` },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw Object.assign(new Error(body.detail || body.title || String(response.status)), { problem: body, status: response.status });
  return Object.assign(body, { $status: response.status });
}

function named(texts, fallback = '') {
  if (!texts) return fallback;
  return (currentLocale() === 'zh-CN' ? texts['zh-CN'] || texts.en : texts.en || texts['zh-CN']) || fallback;
}

function count(n) {
  return new Intl.NumberFormat(currentLocale()).format(n ?? 0);
}

function day(iso) {
  return iso ? new Date(`${iso}T00:00:00Z`).toLocaleDateString(currentLocale(), { timeZone: 'UTC' }) : '—';
}

function status(text, kind) {
  $('my-rewards-status').textContent = text || '';
  $('my-rewards-status').className = kind || '';
}

function key() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `redeem-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Prints one certificate alone: the page's print styles show only the certificate marked for printing. */
function print(article) {
  document.querySelectorAll('.print-target').forEach((el) => el.classList.remove('print-target'));
  article.classList.add('print-target');
  document.body.classList.add('printing');
  window.print();
}

window.addEventListener('afterprint', () => {
  document.body.classList.remove('printing');
  document.querySelectorAll('.print-target').forEach((el) => el.classList.remove('print-target'));
});

function certificate(r) {
  const article = h('article', { class: 'certificate', 'data-certificate': r.issuanceId },
    h('p', { class: 'certificate-brand' }, 'Fanops'),
    h('h4', { class: 'certificate-kind', 'data-i18n': 'certificateOf' }),
    h('p', { class: 'certificate-name' }, named(r.name, r.itemId)),
    r.description ? h('p', { class: 'certificate-text' }, named(r.description)) : null,
    h('p', { class: 'certificate-to' }, `${t('certificateTo')} ${memberId}`),
    h('p', { class: 'certificate-date' }, `${t('certificateOn')} ${new Date(r.issuedAt).toLocaleDateString(currentLocale())}`));
  return h('div', { class: 'certificate-wrap' }, article,
    h('button', { type: 'button', class: 'secondary no-print', 'data-print': r.issuanceId, 'data-i18n': 'printCertificate', onclick: () => print(article) }));
}

function offer(o) {
  const button = h('button', { type: 'button', 'data-redeem': o.itemId, disabled: !o.affordable || !o.inStock, onclick: () => redeem(o, button) },
    t('redeemFor').replace('{points}', count(o.pointsPrice)));
  return h('div', { class: 'offer', 'data-offer': o.itemId },
    h('strong', {}, named(o.name, o.itemId)), o.description ? h('p', { class: 'small' }, named(o.description)) : null,
    h('p', { class: 'muted small' }, !o.inStock ? t('outOfStockNote') : !o.affordable ? t('notEnoughPoints') : ''), button);
}

function draw() {
  if (!page) return;
  $('my-balance').replaceChildren(
    h('span', { class: 'figure' }, h('span', { class: 'figure-label', 'data-i18n': 'myPoints' }), h('strong', { id: 'my-points', class: 'figure-value' }, count(page.balance))),
    h('span', { class: 'figure' }, h('span', { class: 'figure-label', 'data-i18n': 'myTier' }), h('strong', { class: 'figure-value' }, t(`tier_${page.tier}`))));
  $('my-badges').replaceChildren(...(page.badges.length ? page.badges.map((b) => h('span', { class: 'badge', 'data-badge': b.itemId, title: named(b.description) },
    named(b.name, b.itemId))) : [h('span', { class: 'muted', 'data-i18n': 'myNoBadges' })]));
  $('my-certificates').replaceChildren(...(page.certificates.length ? page.certificates.map(certificate)
    : [h('p', { class: 'muted', 'data-i18n': 'myNoCertificates' })]));
  $('my-redeemable').replaceChildren(...(page.redeemable.length ? page.redeemable.map(offer) : [h('p', { class: 'muted', 'data-i18n': 'myNothingToRedeem' })]));
  $('my-rewards-list').tBodies[0].replaceChildren(...rewards.map((r) => h('tr', { 'data-reward': r.issuanceId, class: r.state === 'ended' ? 'muted' : null },
    h('td', {}, when(r.issuedAt)), h('td', {}, named(r.name, r.itemId)), h('td', {}, t(`rewardState_${r.status}`)),
    h('td', {}, r.code ? h('code', { class: 'coupon-code' }, r.code) : '—'), h('td', {}, day(r.validUntil)))));
  $('my-rewards-empty').hidden = rewards.length > 0;
}

async function load(cursor) {
  const params = new URLSearchParams({ limit: String(PAGE) });
  if (cursor) params.set('cursor', cursor);
  const body = await call(`/v1/members/${encodeURIComponent(memberId)}/rewards?${params}`);
  if (cursor) {
    rewards = rewards.concat(body.rewards);
    page = { ...page, next: body.next };
  } else {
    rewards = body.rewards;
    page = body;
  }
  draw();
  $('my-rewards-more').hidden = !body.next;
  $('my-rewards-more').onclick = () => load(body.next).catch((error) => status(error.message, 'error'));
}

async function redeem(o, button) {
  if (!confirm(t('redeemConfirm').replace('{item}', named(o.name, o.itemId)).replace('{points}', count(o.pointsPrice)))) return;
  // One intent, one key: kept until the API answers, so clicking again after a lost answer cannot redeem twice.
  if (!intents.has(o.itemId)) intents.set(o.itemId, key());
  button.disabled = true;
  try {
    const r = await call(`/v1/members/${encodeURIComponent(memberId)}/redemptions`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': intents.get(o.itemId) },
      body: JSON.stringify({ itemId: o.itemId }) });
    intents.delete(o.itemId);
    status(`${t('redeemed').replace('{item}', named(r.name, r.itemId))}${r.code ? ` ${t('yourCode')} ${r.code}` : ''}`, 'notice');
    await load();
  } catch (error) {
    if (error.status) intents.delete(o.itemId);
    status(error.status ? error.message : t('unreachable'), 'error');
    button.disabled = false;
  }
}

window.addEventListener('fanops:locale', draw);
if (memberId && token) {
  load().catch((error) => status(error.status ? error.message : t('unreachable'), 'error'));
} else {
  $('my-rewards').hidden = true;
}
