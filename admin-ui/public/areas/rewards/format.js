// How rewards read wherever they are shown (the Rewards area, a member's record): the API's lists of types, statuses and
// triggers (RewardType, IssuanceStatus, Trigger in functions/rewards; tests/rewards.test.mjs keeps them equal), money in
// minor units (fen) as CNY, an item's name in the reader's language, and the calls every part makes.
import { api } from '../../auth.js';
import { problemText } from '../../dom.js';
import { currentLocale, t } from '../../i18n.js';

export const TYPES = ['points', 'coupon', 'gift', 'red-packet', 'badge', 'title', 'certificate'];
export const STATUSES = ['issued', 'fulfilled', 'failed', 'revoked', 'expired'];
export const TRIGGERS = ['tier-reached', 'welcome', 'birthday', 'holiday', 'anniversary', 'win-back', 'service-recovery', 'top-participant'];
export const TIERS = ['bronze', 'silver', 'gold', 'diamond'];
export const CATEGORIES = ['potential', 'regular', 'active', 'core'];
export const KINDS = ['member', 'staff', 'test'];
export const PURPOSES = ['membership', 'marketing', 'personalisation'];

/** A text key built from a value (`rwType_${x}`), or the value itself when the dictionaries have none. */
export function label(prefix, value) {
  if (value === null || value === undefined || value === '') return '—';
  const key = `${prefix}${value}`;
  const text = t(key);
  return text === key ? String(value) : text;
}

/** Minor units (fen) as CNY in the reader's locale; '—' for none. */
export function money(fen) {
  if (fen === null || fen === undefined) return '—';
  return new Intl.NumberFormat(currentLocale(), { style: 'currency', currency: 'CNY' }).format(fen / 100);
}

/** A count in the reader's locale. */
export function count(n) {
  return n === null || n === undefined ? '—' : new Intl.NumberFormat(currentLocale()).format(n);
}

/** A CNY amount typed in yuan ("12.5") as minor units; null for an empty field, NaN for something else. */
export function fen(text) {
  const value = String(text ?? '').trim();
  if (!value) return null;
  if (!/^-?\d+(\.\d{1,2})?$/.test(value)) return Number.NaN;
  return Math.round(Number(value) * 100);
}

/** Minor units as the yuan text of an input. */
export function yuan(minor) {
  return minor === null || minor === undefined ? '' : (minor / 100).toFixed(2).replace(/\.00$/, '');
}

/** A {zh-CN, en} text in the reader's language, falling back to the other. */
export function named(texts, fallback = '') {
  if (!texts) return fallback;
  return (currentLocale() === 'zh-CN' ? texts['zh-CN'] || texts.en : texts.en || texts['zh-CN']) || fallback;
}

/** A business day (YYYY-MM-DD) in the reader's locale. */
export function day(iso) {
  return iso ? new Date(`${iso}T00:00:00Z`).toLocaleDateString(currentLocale(), { timeZone: 'UTC' }) : '—';
}

/** An error carrying the problem+json answer (`problem`) and its status. */
export function failure(response, body) {
  return Object.assign(new Error(problemText(body) || String(response.status)), { status: response.status, problem: body });
}

/** GET (or another method with a JSON body) on the admin API: the answer's JSON, or a thrown failure(). */
export async function call(path, method = 'GET', body) {
  const options = body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const response = await api(path, options);
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw failure(response, answer);
  return Object.assign(answer, { $status: response.status });
}

/** "Version 3, by x, at y." or the built-in line of version 0. */
export function versionLine(v) {
  return v.version === 0 ? t('rwVersion0')
    : t('rulesVersion').replace('{version}', v.version).replace('{by}', v.changedBy).replace('{at}', new Date(v.changedAt).toLocaleString(currentLocale()));
}

/** A random key for one intent (a grant, a redemption): the same key when that intent is retried. */
export function intentKey(prefix) {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `${prefix}-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
