// The dashboard's members area in a real browser: a manager finds a member by contact and reads the
// consent history; an analyst sees no personal data; a manager completes an erasure request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { withStackAndBrowser } from './stack.mjs';

let member;
const ctx = withStackAndBrowser({ before, after }, chromium, async () => {
  member = await join('gao.yuan@example.com');
});

async function join(email) {
  const notices = (await (await fetch(`${ctx.stack.api}/v1/notices?locale=en`)).json()).notices;
  const response = await fetch(`${ctx.stack.api}/v1/members`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ nickname: 'Gao Yuan', email, region: 'Xi\'an', channel: 'event', locale: 'en',
      consents: notices.map((n) => ({ purpose: n.purpose, granted: n.purpose !== 'personalisation', noticeVersion: n.version })) }),
  });
  assert.equal(response.status, 201);
  return response.json();
}

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

test('a manager finds a member by contact and reads the consent history', async () => {
  const page = await signIn('manager');
  await page.fill('#member-query', 'GAO.YUAN@example.com');
  await page.click('#member-search button[type=submit]');
  await page.waitForSelector('#member-results tbody tr');
  assert.match(await page.textContent('#member-results tbody'), /gao\.yuan@example\.com/);
  await page.click(`#member-results a:text("${member.memberId}")`);
  await page.waitForSelector('#member-detail:not([hidden])');
  assert.equal(await page.locator('#detail-ledger tbody tr').count(), 3);
  assert.match(await page.textContent('#detail-ledger tbody'), /Marketing messages/);
  await page.close();
});

test('an analyst lists members without any personal data', async () => {
  const page = await signIn('analyst');
  await page.click('#member-search button[type=submit]');
  await page.waitForSelector('#member-results tbody tr');
  const table = await page.textContent('#member-results tbody');
  assert.ok(table.includes(member.memberId));
  assert.ok(!table.includes('gao.yuan') && !table.includes('Gao Yuan'), table);
  assert.equal(await page.isVisible('#requests'), false);
  await page.close();
});

test('a manager completes an erasure request from the queue', async () => {
  const other = await join('leave.me@example.com');
  const filed = await fetch(`${ctx.stack.api}/v1/members/${other.memberId}/requests`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${other.memberToken}` },
    body: JSON.stringify({ type: 'erasure' }),
  });
  assert.equal(filed.status, 202);
  const page = await signIn('manager');
  const row = page.locator('#request-list tbody tr', { hasText: other.memberId });
  await row.waitFor();
  await row.getByRole('button', { name: 'Complete' }).click();
  await page.waitForFunction(() => document.getElementById('status').textContent.includes('Saved'));
  await page.fill('#member-query', 'leave.me@example.com');
  await page.click('#member-search button[type=submit]');
  await page.waitForFunction(() => document.getElementById('status').textContent.includes('No members found'));
  await page.close();
});
