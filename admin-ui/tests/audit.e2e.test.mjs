// The audit log in a real browser against the local runtime: an admin's audited actions (channel keys created and one
// revoked, through the API) are found in the audit area with filters - the action by prefix, the exact target - page by
// page with "More", using only the keyboard; a bad range is refused beside its field. A manager has no audit area and
// the API answers 403. All under the dashboard's Content-Security-Policy.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';
import { idToken, withStackAndBrowser } from './stack.mjs';

const KEYS = 21;
const RUN = randomBytes(3).toString('hex');
const keyIds = [];

const ctx = withStackAndBrowser({ before, after, afterEach, ownStack: 'it pages through every channel-key action of the stack' }, chromium, async () => {
  const admin = await idToken(ctx.stack, 'admin');
  const call = (method, path, body) => fetch(`${ctx.stack.api}${path}`, {
    method, headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
  for (let i = 0; i < KEYS; i += 1) {
    const response = await call('POST', '/v1/admin/channel-keys', { channel: 'wechat', name: `audit ${RUN} ${i}` });
    const text = await response.text();
    assert.equal(response.status, 201, text);
    keyIds.push(JSON.parse(text).keyId);
  }
  const revoked = await call('DELETE', `/v1/admin/channel-keys/${keyIds[0]}`);
  assert.equal(revoked.status, 200, await revoked.text());
});

async function signIn(role) {
  const page = await ctx.browser.newPage();
  await page.goto(ctx.stack.dashboard);
  await page.selectOption('#locale', 'en');
  await page.fill('#username', `${role}@fanops.local`);
  await page.fill('#password', ctx.stack.logins[role]);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#home:not([hidden])');
  return page;
}

const rows = (page) => page.locator('#audit-list tbody tr');
const actions = (page) => page.locator('#audit-list tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.action));

test('an admin finds their audited actions with filters, page by page, with the keyboard', async () => {
  const page = await signIn('admin');
  await page.click('#nav a[data-view=audit]');
  await page.waitForSelector('#audit-list tbody tr');

  await page.focus('#audit-action');
  await page.keyboard.type('channel-keys.');
  await page.keyboard.press('Enter');
  // The unfiltered first page may also show 20 (the home page's own reads are audited too): wait for the filter's answer.
  await page.waitForFunction(() => document.querySelector('#audit-status').textContent.includes('20 shown')
    && [...document.querySelectorAll('#audit-list tbody tr')].every((tr) => tr.dataset.action.startsWith('channel-keys.')));
  assert.deepEqual(await actions(page), ['channel-keys.revoke', ...Array(19).fill('channel-keys.create')], 'newest first');
  assert.ok(await page.isVisible('#audit-more'), 'more lines follow');
  await page.focus('#audit-more');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('#audit-list tbody tr').length === 22);
  assert.ok(await page.isHidden('#audit-more'), 'nothing more after the last page');
  assert.equal(await page.locator('#audit-list tbody tr td.audit-actor').first().textContent(), 'admin@fanops.local');

  await page.fill('#audit-action', '');
  await page.fill('#audit-target', keyIds[0]);
  await page.press('#audit-target', 'Enter');
  await page.waitForFunction(() => document.querySelectorAll('#audit-list tbody tr').length === 2);
  assert.deepEqual(await actions(page), ['channel-keys.revoke', 'channel-keys.create']);
  assert.equal(await rows(page).nth(1).locator('td').nth(4).textContent(), 'wechat', 'a reason composed by code is shown');

  await page.fill('#audit-from', '2020-01-01');
  await page.press('#audit-target', 'Enter');
  await page.waitForSelector('[data-error-for="from"]:not([hidden])');
  assert.match(await page.textContent('[data-error-for="from"]'), /92 days/);
  assert.equal(await page.getAttribute('#audit-from', 'aria-invalid'), 'true');

  await page.selectOption('#locale', 'zh-CN');
  assert.equal(await page.textContent('#audit h2'), '审计日志');
  await page.close();
});

test('a manager has no audit area and the API refuses them', async () => {
  const page = await signIn('manager');
  assert.equal(await page.locator('#nav a[data-view=audit]').count(), 0);
  await page.close();
  const manager = await idToken(ctx.stack, 'manager');
  const response = await fetch(`${ctx.stack.api}/v1/admin/audit`, { headers: { authorization: `Bearer ${manager}` } });
  assert.equal(response.status, 403);
  assert.equal(response.headers.get('content-type'), 'application/problem+json');
  assert.equal((await fetch(`${ctx.stack.api}/v1/admin/audit`)).status, 401);
});
