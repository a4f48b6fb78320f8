// The reward catalogue: every item with its type, price in points, cost and budget, stock and state; admins and managers
// create or edit one item at a time - names and descriptions in zh-CN and en, show and redeem windows, tier eligibility,
// price, cost, budget, counted stock, per-member limits, code pool (coupons), points (points rewards), cash (red
// packets), validity - and save the whole catalogue as a new version based on the one shown: the API names each refused
// field (shown beside it) and refuses a version saved meanwhile (409: reload, then edit again). A counted stock is
// restocked or withdrawn with a reason. With the history of versions.
import { cell, clearProblem, h, newest, showProblem, thead, whileBusy } from '../../dom.js';
import { historyDiff } from '../../history.js';
import { currentLocale, t } from '../../i18n.js';
import { TIERS, TYPES, call, count, fen, label, money, named, versionLine, yuan } from './format.js';

const $ = (id) => document.getElementById(id);
const LIMITS = ['total', 'day', 'week', 'month', 'year'];
const HISTORY_PAGE = 20;
let current = null;
let editing = null; // the index in current.items, or -1 for a new item
let edits = false;
let onChange = () => {};
const reads = newest();
const opens = newest();

// ---- the list ----

function windowText(from, until) {
  if (!from && !until) return t('rwAlways');
  const at = (iso) => (iso ? new Date(iso).toLocaleString(currentLocale(), { dateStyle: 'short', timeStyle: 'short' }) : '…');
  return `${at(from)} – ${at(until)}`;
}

function draw() {
  const items = current?.items || [];
  $('rw-items').tBodies[0].replaceChildren(...items.map((item, i) => h('tr', { 'data-item': item.itemId, class: item.active ? null : 'muted' },
    cell(h('code', {}, item.itemId)), cell(named(item.name)), cell(label('rwType_', item.type)),
    cell(item.pointsPrice ? count(item.pointsPrice) : '—', 'num'), cell(money(item.cost), 'num'), cell(item.budgetId ?? '—'),
    cell(item.tiers?.length ? item.tiers.map((x) => t(`tier_${x}`)).join(', ') : t('rwAnyTier')),
    cell(windowText(item.redeemFrom, item.redeemUntil), 'small'),
    cell(item.active ? t('rwActive') : t('rwInactive')),
    edits ? cell(h('button', { type: 'button', class: 'secondary', 'data-i18n': 'rwEdit', onclick: () => open(i) })) : null)));
  $('rw-items-empty').hidden = items.length > 0;
}

export async function loadCatalogue() {
  const isNewest = reads();
  try {
    const catalogue = await call('/v1/admin/rewards/catalogue');
    if (!isNewest()) return;
    current = catalogue;
    $('rw-catalogue-version').textContent = versionLine(current);
    $('rw-catalogue-stale').hidden = true;
    draw();
    onChange(current);
  } catch (error) {
    $('rw-catalogue-status').textContent = error.message;
  }
}

async function loadHistory(cursor) {
  const params = new URLSearchParams({ limit: String(HISTORY_PAGE) });
  if (cursor) params.set('cursor', cursor);
  try {
    const body = await call(`/v1/admin/rewards/catalogue/history?${params}`);
    const rows = body.items.map((v) => h('li', { 'data-version': String(v.version) },
      `${versionLine(v)} ${t('rwItemsCount').replace('{n}', (v.items || []).length)}`));
    if (cursor) $('rw-catalogue-history').append(...rows); else $('rw-catalogue-history').replaceChildren(...rows);
    historyDiff($('rw-catalogue-history'), body.items, { append: !!cursor });
    const more = $('rw-catalogue-history-more');
    more.hidden = !body.next;
    more.onclick = whileBusy(more, () => loadHistory(body.next));
  } catch (error) {
    $('rw-catalogue-status').textContent = error.message;
  }
}

// ---- the editor ----

/** An instant as the value of a datetime-local input (the reader's time zone), and back. */
function localInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function instant(value) {
  return value ? new Date(value).toISOString() : null;
}

function whole(value) {
  const text = String(value ?? '').trim();
  return text === '' ? null : Number(text);
}

const form = () => $('rw-item-form');
const input = (name) => form().querySelector(`[name="${CSS.escape(name)}"]`);

/** The budgets and code pools to choose from, read afresh: one may have been created since the catalogue was read. */
function readChoices() {
  return Promise.all([call('/v1/admin/rewards/budgets').catch(() => ({ budgets: [] })),
    call('/v1/admin/rewards/pools').catch(() => ({ pools: [] }))]);
}

function fillChoices(item, [budgets, pools]) {
  const options = (ids, chosen) => [h('option', { value: '' }, '—'),
    ...[...new Set([...ids, chosen].filter(Boolean))].map((id) => h('option', { value: id }, id))];
  input('budgetId').replaceChildren(...options(budgets.budgets.map((b) => b.budgetId), item.budgetId));
  input('codePoolId').replaceChildren(...options(pools.pools.map((p) => p.poolId), item.codePoolId));
  input('budgetId').value = item.budgetId ?? '';
  input('codePoolId').value = item.codePoolId ?? '';
}

/** Shows the fields the chosen type has (a coupon's pool, a points reward's points, a red packet's cash). */
function byType() {
  const type = input('type').value;
  $('rw-field-codePoolId').hidden = type !== 'coupon';
  $('rw-field-points').hidden = type !== 'points';
  $('rw-field-cashAmount').hidden = type !== 'red-packet';
}

/**
 * Opens the editor on an item (-1: a new one) once its budget and pool choices are read, so that nothing can be typed
 * or saved into a form whose choices are still empty; a later open while this one reads wins.
 */
async function open(index) {
  const isNewest = opens();
  const choices = await readChoices();
  if (!isNewest()) return;
  editing = index;
  const item = index >= 0 ? current.items[index] : { type: 'badge', active: true, tiers: [], limits: {}, cost: 0 };
  const f = form();
  f.reset();
  clearProblem(f);
  $('rw-item-status').textContent = '';
  $('rw-item-title').textContent = index >= 0 ? `${t('rwEditItem')} ${item.itemId}` : t('rwNewItem');
  input('itemId').value = item.itemId ?? '';
  input('itemId').readOnly = index >= 0;
  input('type').value = item.type;
  for (const field of ['name', 'description']) {
    for (const locale of ['zh-CN', 'en']) input(`${field}.${locale}`).value = item[field]?.[locale] ?? '';
  }
  for (const w of ['showFrom', 'showUntil', 'redeemFrom', 'redeemUntil']) input(w).value = localInput(item[w]);
  f.querySelectorAll('input[name=tiers]').forEach((box) => { box.checked = (item.tiers || []).includes(box.value); });
  input('pointsPrice').value = item.pointsPrice ?? '';
  input('cost').value = yuan(item.cost);
  input('limitedStock').checked = Boolean(item.limitedStock);
  for (const l of LIMITS) input(`limits.${l}`).value = item.limits?.[l] ?? '';
  input('points').value = item.points ?? '';
  input('cashAmount').value = yuan(item.cashAmount);
  input('validDays').value = item.validDays ?? '';
  input('active').checked = item.active !== false;
  byType();
  $('rw-stock').hidden = !(index >= 0 && item.limitedStock);
  $('rw-stock-status').textContent = '';
  fillChoices(item, choices);
  $('rw-item-editor').hidden = false;
  $('rw-item-editor').scrollIntoView({ block: 'nearest' });
}

/** The item as the form has it, in the API's shape. Money is typed in yuan and sent in fen. */
function itemOfForm() {
  const texts = (field, optional) => {
    const zh = input(`${field}.zh-CN`).value.trim();
    const en = input(`${field}.en`).value.trim();
    return optional && !zh && !en ? null : { 'zh-CN': zh, en };
  };
  const type = input('type').value;
  const limits = Object.fromEntries(LIMITS.map((l) => [l, whole(input(`limits.${l}`).value)]));
  return {
    itemId: input('itemId').value.trim(), type, name: texts('name', false), description: texts('description', true),
    showFrom: instant(input('showFrom').value), showUntil: instant(input('showUntil').value),
    redeemFrom: instant(input('redeemFrom').value), redeemUntil: instant(input('redeemUntil').value),
    tiers: [...form().querySelectorAll('input[name=tiers]:checked')].map((box) => box.value),
    pointsPrice: whole(input('pointsPrice').value), cost: fen(input('cost').value) ?? 0, budgetId: input('budgetId').value || null,
    limitedStock: input('limitedStock').checked, limits,
    codePoolId: type === 'coupon' ? input('codePoolId').value || null : null,
    points: type === 'points' ? whole(input('points').value) : null,
    cashAmount: type === 'red-packet' ? fen(input('cashAmount').value) : null,
    validDays: whole(input('validDays').value), active: input('active').checked,
  };
}

/** An API field of the edited item (items[i].limits.day, items[i].tiers[2]) as the name of its input; null for another item's. */
function fieldOf(index) {
  return (field) => {
    const prefix = `items[${index}].`;
    if (!field.startsWith(prefix)) return null;
    const name = field.slice(prefix.length).replace(/\[\d+\]$/, '');
    return { name: 'name.zh-CN', description: 'description.zh-CN', limits: 'limits.total' }[name] || name;
  };
}

async function save(event) {
  event.preventDefault();
  const f = form();
  const button = event.submitter || f.querySelector('button[type=submit]');
  const item = itemOfForm();
  for (const name of ['cost', 'cashAmount']) {
    if (Number.isNaN(item[name])) {
      showProblem(f, { errors: [{ field: name, message: t('rwYuanHint') }] }, $('rw-item-status'));
      return;
    }
  }
  const items = current.items.slice();
  const index = editing >= 0 ? editing : items.length;
  items[index] = item;
  button.disabled = true;
  try {
    const response = await call('/v1/admin/rewards/catalogue', 'PUT', { basedOn: current.version, items });
    clearProblem(f);
    $('rw-item-editor').hidden = true;
    await loadCatalogue();
    $('rw-catalogue-status').textContent = t('rulesSaved').replace('{version}', response.version);
    await loadHistory();
  } catch (error) {
    if (error.status === 409 && error.problem?.type?.endsWith('/stale-settings')) {
      clearProblem(f);
      $('rw-item-status').textContent = '';
      $('rw-catalogue-stale').hidden = false;
      return;
    }
    if (error.problem) showProblem(f, error.problem, $('rw-item-status'), fieldOf(index));
    else $('rw-item-status').textContent = error.message;
  } finally {
    button.disabled = false;
  }
}

async function restock(event) {
  event.preventDefault();
  const item = current.items[editing];
  const stockForm = $('rw-stock-form');
  try {
    const body = await call(`/v1/admin/rewards/items/${encodeURIComponent(item.itemId)}/stock`, 'POST',
      { delta: whole($('rw-stock-delta').value), reason: $('rw-stock-reason').value });
    clearProblem(stockForm);
    $('rw-stock-status').textContent = t('rwStockNow').replace('{left}', count(body.left)).replace('{total}', count(body.total));
    stockForm.reset();
  } catch (error) {
    if (error.problem) showProblem(stockForm, error.problem, $('rw-stock-status'));
    else $('rw-stock-status').textContent = error.message;
  }
}

// ---- markup ----

function field(key, name, control, id) {
  return h('label', { id: id ? `rw-field-${id}` : null }, h('span', { 'data-i18n': key }), control,
    h('span', { class: 'error small', 'data-error-for': name, role: 'alert', hidden: true }));
}

function text(key, name, attrs = {}) {
  return field(key, name, h('input', { name, ...attrs }));
}

function number(key, name, attrs = {}, wrapId) {
  return field(key, name, h('input', { name, type: 'number', min: '0', step: '1', class: 'narrow', ...attrs }), wrapId);
}

function editor() {
  return h('div', { id: 'rw-item-editor', class: 'panel', hidden: true },
    h('h3', { id: 'rw-item-title' }),
    h('form', { id: 'rw-item-form', novalidate: true, onsubmit: save },
      h('div', { class: 'row wrap' },
        text('rwItemId', 'itemId', { maxlength: '48', placeholder: 'spring-mug' }),
        field('colType', 'type', h('select', { name: 'type', onchange: byType }, TYPES.map((x) => h('option', { value: x, 'data-i18n': `rwType_${x}` })))),
        field('rwActive', 'active', h('input', { name: 'active', type: 'checkbox' }))),
      h('div', { class: 'row wrap' },
        text('rwNameZh', 'name.zh-CN', { maxlength: '80', lang: 'zh-CN' }), text('rwNameEn', 'name.en', { maxlength: '80', lang: 'en' })),
      field('rwDescriptionZh', 'description.zh-CN', h('textarea', { name: 'description.zh-CN', rows: 2, lang: 'zh-CN' })),
      field('rwDescriptionEn', 'description.en', h('textarea', { name: 'description.en', rows: 2, lang: 'en' })),
      h('div', { class: 'row wrap' },
        field('rwShowFrom', 'showFrom', h('input', { name: 'showFrom', type: 'datetime-local' })),
        field('rwShowUntil', 'showUntil', h('input', { name: 'showUntil', type: 'datetime-local' })),
        field('rwRedeemFrom', 'redeemFrom', h('input', { name: 'redeemFrom', type: 'datetime-local' })),
        field('rwRedeemUntil', 'redeemUntil', h('input', { name: 'redeemUntil', type: 'datetime-local' }))),
      h('p', { class: 'muted small', 'data-i18n': 'rwWindowsHint' }),
      h('fieldset', {}, h('legend', { 'data-i18n': 'rwTiers' }),
        h('div', { class: 'row wrap' }, TIERS.map((x) => h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: 'tiers', value: x }),
          h('span', { 'data-i18n': `tier_${x}` })))),
        h('span', { class: 'error small', 'data-error-for': 'tiers', role: 'alert', hidden: true }),
        h('span', { class: 'muted small', 'data-i18n': 'rwTiersHint' })),
      h('div', { class: 'row wrap' },
        number('rwPointsPrice', 'pointsPrice', { max: '10000000' }),
        field('rwCost', 'cost', h('input', { name: 'cost', inputmode: 'decimal', class: 'narrow', placeholder: '0.00' })),
        field('rwBudget', 'budgetId', h('select', { name: 'budgetId' })),
        field('rwLimitedStock', 'limitedStock', h('input', { name: 'limitedStock', type: 'checkbox' })),
        number('rwValidDays', 'validDays', { max: '3650' })),
      h('div', { class: 'row wrap' },
        field('rwCodePool', 'codePoolId', h('select', { name: 'codePoolId' }), 'codePoolId'),
        number('rwPoints', 'points', { max: '10000000' }, 'points'),
        field('rwCash', 'cashAmount', h('input', { name: 'cashAmount', inputmode: 'decimal', class: 'narrow', placeholder: '0.00' }), 'cashAmount')),
      h('fieldset', {}, h('legend', { 'data-i18n': 'rwLimits' }),
        h('div', { class: 'row wrap' }, LIMITS.map((l) => number(`rwLimit_${l}`, `limits.${l}`, { min: '1' }))),
        h('span', { class: 'muted small', 'data-i18n': 'rwLimitsHint' })),
      h('div', { class: 'row' },
        h('button', { type: 'submit', 'data-i18n': 'saveRules' }),
        h('button', { type: 'button', class: 'secondary', 'data-i18n': 'close', onclick: () => { $('rw-item-editor').hidden = true; } })),
      h('p', { id: 'rw-item-status', class: 'error', role: 'status' })),
    h('div', { id: 'rw-stock', class: 'panel', hidden: true },
      h('h4', { 'data-i18n': 'rwStockTitle' }),
      h('form', { id: 'rw-stock-form', class: 'row wrap', novalidate: true, onsubmit: restock },
        field('rwStockDelta', 'delta', h('input', { id: 'rw-stock-delta', name: 'delta', type: 'number', step: '1', class: 'narrow' })),
        field('rwReason', 'reason', h('input', { id: 'rw-stock-reason', name: 'reason', maxlength: '200' })),
        h('button', { type: 'submit', 'data-i18n': 'rwStockChange' })),
      h('p', { id: 'rw-stock-status', class: 'muted', role: 'status' })));
}

/** The catalogue card; `canEdit`: admins and managers. `changed` is told each version read (rules and grants list the items). */
export function catalogueCard(canEdit, changed) {
  edits = canEdit;
  onChange = changed || (() => {});
  return h('section', { id: 'rw-catalogue', class: 'card' },
    h('h2', { 'data-i18n': 'rwCatalogueTitle' }),
    h('p', { id: 'rw-catalogue-version', class: 'muted' }),
    h('div', { class: 'scroll' }, h('table', { id: 'rw-items', class: 'compact' },
      thead(...['rwItemId', 'rwNameCol', 'colType', { key: 'rwPointsPrice', class: 'num' }, { key: 'rwCost', class: 'num' }, 'rwBudget', 'rwTiers',
        'rwRedeemWindow', 'colStatus'].concat(edits ? [''] : [])), h('tbody'))),
    h('p', { id: 'rw-items-empty', class: 'muted', 'data-i18n': 'rwNoItems', hidden: true }),
    h('p', { id: 'rw-catalogue-status', class: 'muted', role: 'status' }),
    h('div', { id: 'rw-catalogue-stale', class: 'notice', hidden: true },
      h('p', { 'data-i18n': 'tplStale' }),
      h('button', { id: 'rw-catalogue-reload', type: 'button', 'data-i18n': 'reload',
        onclick: async () => { await loadCatalogue(); loadHistory(); if (editing !== null && editing >= 0) open(editing); } })),
    edits ? h('button', { id: 'rw-item-new', type: 'button', 'data-i18n': 'rwNewItem', onclick: () => open(-1) }) : null,
    edits ? editor() : null,
    h('h3', { 'data-i18n': 'history' }),
    h('ul', { id: 'rw-catalogue-history' }),
    h('button', { id: 'rw-catalogue-history-more', type: 'button', class: 'secondary', 'data-i18n': 'more', hidden: true }));
}

export function showCatalogue() {
  loadCatalogue();
  loadHistory();
}

/** Draws the list again (a new language). */
export function redrawCatalogue() {
  if (current) {
    $('rw-catalogue-version').textContent = versionLine(current);
    draw();
  }
}
