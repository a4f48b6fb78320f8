// The monthly complaints summary in the Metrics area, in a real browser against the local runtime: two complaints filed
// through the public API (one naming a risk keyword) reach the intake function; an analyst picks the month, reads the
// table by category with the total and the risk-flagged count, switches to Chinese, and downloads the CSV (UTF-8 with
// a byte-order mark, a header row, CRLF line ends).
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { idToken, withStackAndBrowser } from './stack.mjs';

const ctx = withStackAndBrowser({ before, after, afterEach, ownStack: 'the month\'s summary counts every complaint of the stack' }, chromium);
const MONTH = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);

async function file(key, category, description) {
  const response = await fetch(`${ctx.stack.api}/v1/complaints`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ name: 'Zhao Liu', contact: `success+${key}@simulator.amazonses.com`, locale: 'en', category, description }),
  });
  assert.equal(response.status, 202, await response.text());
}

async function until(what, check, seconds = 120) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const outcome = await check();
    if (outcome) return outcome;
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((ok) => setTimeout(ok, 1000));
  }
}

async function signIn(role) {
  const page = await ctx.browser.newPage({ acceptDownloads: true });
  await page.goto(ctx.stack.dashboard);
  await page.selectOption('#locale', 'en');
  await page.fill('#username', `${role}@fanops.local`);
  await page.fill('#password', ctx.stack.logins[role]);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#home:not([hidden])');
  return page;
}

test('an analyst reads the month by category, in both languages, and downloads it as CSV', async () => {
  await file('cs-viral', 'product', 'This is going viral on Weibo.');
  await file('cs-late', 'delivery', 'The parcel is late.');
  const analyst = await idToken(ctx.stack, 'analyst');
  await until('both tickets in the summary', async () => {
    const r = await fetch(`${ctx.stack.api}/v1/admin/complaint-summary?month=${MONTH}`, { headers: { authorization: `Bearer ${analyst}` } });
    return r.ok && (await r.json()).total.received === 2;
  });

  const page = await signIn('analyst');
  await page.goto(`${ctx.stack.dashboard}#metrics`);
  await page.waitForSelector('#complaint-summary');
  assert.equal(await page.inputValue('#cs-month'), MONTH);
  await page.fill('#cs-month', MONTH);
  await page.click('#cs-show');
  await page.waitForSelector('#cs-table');
  const value = (category, column) => page.textContent(`#cs-table tr[data-category=${category}] td[data-column=${column}]`);
  assert.equal((await value('product', 'received')).trim(), '1');
  assert.equal((await value('product', 'riskFlagged')).trim(), '1');
  assert.equal((await value('delivery', 'riskFlagged')).trim(), '0');
  assert.equal((await value('total', 'received')).trim(), '2');
  assert.equal((await value('total', 'openAtMonthEnd')).trim(), '2');
  assert.equal((await value('total', 'csatAverage')).trim(), '—', 'no answers: no average');
  assert.match(await page.textContent('#cs-table thead'), /Open at month end.*Risk-flagged/s);
  assert.equal((await page.textContent('#cs-table tr[data-category=total] th')).trim(), 'Total');
  const body = await page.textContent('#complaint-summary');
  assert.doesNotMatch(body, /Zhao Liu|simulator\.amazonses\.com/, 'no personal data');

  await page.selectOption('#locale', 'zh-CN');
  await page.waitForFunction(() => document.querySelector('#cs-table th[data-column=received]')?.textContent === '受理');
  assert.equal((await page.textContent('#cs-table tr[data-category=total] th')).trim(), '合计');
  assert.equal((await page.textContent('#complaint-summary h3')).trim(), '投诉分类月度汇总');
  assert.equal((await value('total', 'received')).trim(), '2', 'the table stays when the language changes');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#cs-csv')]);
  assert.equal(download.suggestedFilename(), `fanops-complaints-${MONTH}.csv`);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.ok(csv.startsWith('\uFEFFcategory,received,resolved,openAtMonthEnd,'), csv.slice(0, 80));
  const lines = csv.slice(1).split('\r\n');
  assert.match(lines.find((l) => l.startsWith('product,')), /^product,1,0,1,0,/);
  assert.match(lines.find((l) => l.startsWith('total,')), /^total,2,0,2,0,/);
});

test('an agent, who has no metrics area, still reads the summary through the API; a bad month is a 400 naming it', async () => {
  const agent = await idToken(ctx.stack, 'agent');
  const ok = await fetch(`${ctx.stack.api}/v1/admin/complaint-summary?month=${MONTH}`, { headers: { authorization: `Bearer ${agent}` } });
  assert.equal(ok.status, 200);
  const bad = await fetch(`${ctx.stack.api}/v1/admin/complaint-summary?month=2026-13`, { headers: { authorization: `Bearer ${agent}` } });
  assert.equal(bad.status, 400);
  assert.equal((await bad.json()).errors[0].field, 'month');
});
