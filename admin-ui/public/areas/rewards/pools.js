// Coupon code pools with their stock: available, assigned (each to one reward) and burned codes, and the threshold below
// which a stock alert goes out (the pool is flagged low). Admins and managers create a pool, fill it from a CSV file (a
// header naming a `code` column; refused whole, line by line, when a line is malformed or a code is already there) or
// by generating codes from a pattern, and burn a leaked code with a reason.
import { clearProblem, cell, h, newest, showProblem, thead } from '../../dom.js';
import { api } from '../../auth.js';
import { t } from '../../i18n.js';
import { call, count, failure } from './format.js';

const $ = (id) => document.getElementById(id);
const CHARSET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
let pools = [];
let chosen = null;
let edits = false;
const listReads = newest();

function draw() {
  $('rw-pools-list').tBodies[0].replaceChildren(...pools.map((p) => h('tr', { 'data-pool': p.poolId, class: p.available < p.threshold ? 'low' : null },
    cell(edits ? h('a', { href: '#rewards', 'data-open-pool': p.poolId, onclick: (e) => { e.preventDefault(); openPool(p.poolId); } }, p.poolId) : p.poolId),
    cell(p.name), cell(count(p.available), 'num'), cell(count(p.assigned), 'num'), cell(count(p.burned), 'num'),
    cell(count(p.threshold), 'num'), cell(p.available < p.threshold ? t('rwPoolLow') : t('rwPoolOk'), p.available < p.threshold ? 'error' : null))));
  $('rw-pools-empty').hidden = pools.length > 0;
}

export async function loadPools() {
  const isNewest = listReads();
  try {
    const body = await call('/v1/admin/rewards/pools');
    if (!isNewest()) return;
    pools = body.pools;
    draw();
  } catch (error) {
    $('rw-pools-status').textContent = error.message;
  }
}

function openPool(poolId) {
  chosen = poolId;
  $('rw-pool-title').textContent = `${t('rwPool')} ${poolId}`;
  for (const id of ['rw-pool-upload', 'rw-pool-generate', 'rw-pool-burn']) {
    clearProblem($(id));
    $(id).reset();
  }
  $('rw-pool-generate').elements.charset.value = CHARSET;
  $('rw-pool-detail-status').textContent = '';
  $('rw-pool-detail').hidden = false;
  $('rw-pool-detail').scrollIntoView({ block: 'nearest' });
}

function done(pool) {
  $('rw-pool-detail-status').textContent = t('rwPoolNow').replace('{available}', count(pool.available))
    .replace('{assigned}', count(pool.assigned)).replace('{burned}', count(pool.burned));
  return loadPools();
}

function refused(form, error) {
  $('rw-pool-detail-status').textContent = '';
  // A refused file names its lines (file.line[4], file.code[2]): listed beside the file input.
  if (error.problem) showProblem(form, error.problem, $('rw-pool-detail-status'), (field) => (field.startsWith('file') ? 'file' : field));
  else $('rw-pool-detail-status').textContent = error.message;
}

async function upload(event) {
  event.preventDefault();
  const form = $('rw-pool-upload');
  const file = form.elements.file.files[0];
  if (!file) {
    showProblem(form, { errors: [{ field: 'file', message: t('rwChooseFile') }] }, $('rw-pool-detail-status'));
    return;
  }
  try {
    const response = await api(`/v1/admin/rewards/pools/${encodeURIComponent(chosen)}/codes`, {
      method: 'POST', headers: { 'content-type': 'text/csv' }, body: await file.text() });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw failure(response, body);
    clearProblem(form);
    form.reset();
    await done(body);
  } catch (error) {
    refused(form, error);
  }
}

async function generate(event) {
  event.preventDefault();
  const form = $('rw-pool-generate');
  const e = form.elements;
  const whole = (v) => (String(v).trim() === '' ? null : Number(v));
  const request = { charset: e.charset.value || null, prefix: e.prefix.value || null, count: whole(e.count.value) };
  if (e.pattern.value.trim()) request.pattern = e.pattern.value.trim();
  else request.length = whole(e.length.value);
  try {
    const pool = await call(`/v1/admin/rewards/pools/${encodeURIComponent(chosen)}/generate`, 'POST', request);
    clearProblem(form);
    await done(pool);
  } catch (error) {
    refused(form, error);
  }
}

async function burn(event) {
  event.preventDefault();
  const form = $('rw-pool-burn');
  if (!confirm(t('rwBurnConfirm').replace('{code}', form.elements.code.value))) return;
  try {
    const pool = await call(`/v1/admin/rewards/pools/${encodeURIComponent(chosen)}/burn`, 'POST',
      { code: form.elements.code.value.trim(), reason: form.elements.reason.value });
    clearProblem(form);
    form.reset();
    await done(pool);
  } catch (error) {
    refused(form, error);
  }
}

async function create(event) {
  event.preventDefault();
  const form = $('rw-pool-form');
  const threshold = form.elements.threshold.value.trim();
  try {
    const pool = await call('/v1/admin/rewards/pools', 'POST', { poolId: form.elements.poolId.value.trim(), name: form.elements.name.value,
      threshold: threshold === '' ? null : Number(threshold) });
    clearProblem(form);
    form.reset();
    $('rw-pool-status').textContent = t('rwPoolCreated').replace('{id}', pool.poolId);
    await loadPools();
    openPool(pool.poolId);
  } catch (error) {
    if (error.problem) showProblem(form, error.problem, $('rw-pool-status'));
    else $('rw-pool-status').textContent = error.message;
  }
}

function field(key, name, control) {
  return h('label', {}, h('span', { 'data-i18n': key }), control,
    h('span', { class: 'error small', 'data-error-for': name, role: 'alert', hidden: true }));
}

function detail() {
  return h('div', { id: 'rw-pool-detail', class: 'panel', hidden: true },
    h('h3', { id: 'rw-pool-title' }),
    h('p', { id: 'rw-pool-detail-status', class: 'muted', role: 'status' }),
    h('h4', { 'data-i18n': 'rwUploadTitle' }),
    h('form', { id: 'rw-pool-upload', class: 'row wrap', novalidate: true, onsubmit: upload },
      field('rwCsvFile', 'file', h('input', { name: 'file', type: 'file', accept: '.csv,text/csv' })),
      h('button', { type: 'submit', class: 'secondary', 'data-i18n': 'rwUpload' })),
    h('p', { class: 'muted small', 'data-i18n': 'rwUploadHint' }),
    h('h4', { 'data-i18n': 'rwGenerateTitle' }),
    h('form', { id: 'rw-pool-generate', class: 'row wrap', novalidate: true, onsubmit: generate },
      field('rwPrefix', 'prefix', h('input', { name: 'prefix', maxlength: '20', class: 'narrow', placeholder: 'FAN-' })),
      field('rwPattern', 'pattern', h('input', { name: 'pattern', maxlength: '64', placeholder: '####-####' })),
      field('rwLength', 'length', h('input', { name: 'length', type: 'number', min: '4', max: '64', class: 'narrow' })),
      field('rwCharset', 'charset', h('input', { name: 'charset' })),
      field('rwCount', 'count', h('input', { name: 'count', type: 'number', min: '1', max: '100000', class: 'narrow' })),
      h('button', { type: 'submit', class: 'secondary', 'data-i18n': 'rwGenerate' })),
    h('p', { class: 'muted small', 'data-i18n': 'rwPatternHint' }),
    h('h4', { 'data-i18n': 'rwBurnTitle' }),
    h('form', { id: 'rw-pool-burn', class: 'row wrap', novalidate: true, onsubmit: burn },
      field('rwCode', 'code', h('input', { name: 'code', maxlength: '64' })),
      field('rwReason', 'reason', h('input', { name: 'reason', maxlength: '200' })),
      h('button', { type: 'submit', class: 'secondary', 'data-i18n': 'rwBurn' })));
}

export function poolsCard(canEdit) {
  edits = canEdit;
  return h('section', { id: 'rw-pools', class: 'card' },
    h('h2', { 'data-i18n': 'rwPoolsTitle' }),
    h('div', { class: 'scroll' }, h('table', { id: 'rw-pools-list', class: 'compact' },
      thead('rwPool', 'rwNameCol', { key: 'rwAvailable', class: 'num' }, { key: 'rwAssigned', class: 'num' }, { key: 'rwBurned', class: 'num' },
        { key: 'rwThresholdCol', class: 'num' }, 'rwStockState'), h('tbody'))),
    h('p', { id: 'rw-pools-empty', class: 'muted', 'data-i18n': 'rwNoPools', hidden: true }),
    h('p', { id: 'rw-pools-status', class: 'muted', role: 'status' }),
    edits ? detail() : null,
    edits ? h('details', { class: 'panel' }, h('summary', { 'data-i18n': 'rwNewPool' }),
      h('form', { id: 'rw-pool-form', novalidate: true, onsubmit: create },
        h('div', { class: 'row wrap' },
          field('rwPool', 'poolId', h('input', { name: 'poolId', maxlength: '48', placeholder: 'spring-coupons' })),
          field('rwNameCol', 'name', h('input', { name: 'name', maxlength: '80' })),
          field('rwThresholdCol', 'threshold', h('input', { name: 'threshold', type: 'number', min: '0', class: 'narrow' }))),
        h('div', { class: 'row' }, h('button', { type: 'submit', 'data-i18n': 'rwCreate' })),
        h('p', { id: 'rw-pool-status', class: 'muted', role: 'status' }))) : null);
}

export function redrawPools() {
  draw();
}
