// The dashboard's members area in a real browser: a manager finds a member by contact and reads the
// consent history; an analyst sees no personal data; a manager completes an erasure request; a manager reads a
// member's engagement (scored by the real pipeline: ingestion API -> SQS -> scorer) and adjusts points, an agent
// reads it without the adjustment form.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { idToken, withStackAndBrowser } from './stack.mjs';

let member;
const ctx = withStackAndBrowser({ before, after, afterEach }, chromium, async () => {
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

const tokenFor = (role) => idToken(ctx.stack, role);

async function adminCall(path, options = {}) {
  return fetch(`${ctx.stack.api}${path}`, { ...options,
    headers: { ...(options.headers || {}), 'content-type': 'application/json', authorization: `Bearer ${await tokenFor('admin')}` } });
}

async function openMember(page, query, memberId) {
  await page.fill('#member-query', query);
  await page.click('#member-search button[type=submit]');
  await page.click(`#member-results a:text("${memberId}")`);
  await page.waitForSelector('#member-detail:not([hidden])');
}

/** A page signed in as `role`, in English, on the Members area. */
async function signIn(role) {
  const page = await ctx.browser.newPage();
  await page.goto(ctx.stack.dashboard);
  await page.selectOption('#locale', 'en');
  await page.fill('#username', `${role}@fanops.local`);
  await page.fill('#password', ctx.stack.logins[role]);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#home:not([hidden])');
  await page.click('#nav a[data-view=members]');
  await page.waitForSelector('#members');
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
  await page.waitForSelector('#member-engagement:not([hidden])');
  assert.match(await page.textContent('#engagement-interactions-empty'), /No interactions yet/);
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
  await page.waitForFunction(() => document.getElementById('status')?.textContent.includes('Saved'));
  await page.fill('#member-query', 'leave.me@example.com');
  await page.click('#member-search button[type=submit]');
  await page.waitForFunction(() => document.getElementById('status')?.textContent.includes('No members found'));
  await page.close();
});

test('a manager reads a member\'s engagement and adjusts points; an agent only reads', async () => {
  const fan = await join('engaged.fan@example.com');
  const key = await adminCall('/v1/admin/channel-keys', { method: 'POST', body: JSON.stringify({ channel: 'wechat', name: 'brand account' }) });
  assert.equal(key.status, 201);
  const { apiKey } = await key.json();
  const at = new Date(Date.now() - 3_600_000).toISOString();
  const events = [['e-1', 'share'], ['e-2', 'comment'], ['e-3', 'purchase']].map(([eventId, type]) => ({
    eventId, memberId: fan.memberId, type, occurredAt: at, ...(type === 'purchase' ? { amount: 120.5, currency: 'CNY' } : {}) }));
  const posted = await fetch(`${ctx.stack.api}/v1/interactions`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': apiKey }, body: JSON.stringify({ events }) });
  const accepted = await posted.json();
  assert.equal(posted.status, 202, JSON.stringify(accepted));
  assert.equal(accepted.accepted, 3, JSON.stringify(accepted));
  // The scorer works through the queue asynchronously: wait until all three are on the member's timeline.
  const deadline = Date.now() + 60_000;
  let balance;
  for (;;) {
    const timeline = await (await adminCall(`/v1/admin/members/${fan.memberId}/interactions`)).json();
    if (timeline.items?.length === 3) {
      balance = (await (await adminCall(`/v1/admin/members/${fan.memberId}/engagement`)).json()).balance;
      break;
    }
    assert.ok(Date.now() < deadline, `the scorer did not record the three interactions: ${JSON.stringify(timeline)}`);
    await new Promise((ok) => setTimeout(ok, 1000));
  }
  assert.ok(balance > 120, `share + comment + 120 CNY of purchase: ${balance}`);

  const page = await signIn('manager');
  await openMember(page, 'engaged.fan@example.com', fan.memberId);
  await page.waitForSelector('#member-engagement:not([hidden])');
  await page.waitForFunction(() => document.querySelectorAll('#engagement-interactions tbody tr').length === 3);
  const interactions = await page.textContent('#engagement-interactions tbody');
  for (const shown of ['Share', 'Comment', 'Purchase (120.5 CNY)', 'counted']) assert.ok(interactions.includes(shown), interactions);
  const summary = await page.textContent('#engagement-summary');
  assert.match(summary, new RegExp(`Points balance${balance}`));
  assert.match(summary, /Bronze since/);

  await page.fill('#adjust-points', '50');
  await page.fill('#adjust-reason', 'Goodwill for a late parcel');
  await page.click('#engagement-adjust button[type=submit]');
  await page.click('dialog.confirm-dialog[open] button[value=confirm]');
  await page.waitForFunction(() => document.getElementById('engagement-adjust-status')?.textContent.includes('Saved'));
  await page.waitForFunction((expected) => document.getElementById('engagement-summary').textContent.includes(`Points balance${expected}`), balance + 50);
  await page.waitForFunction(() => document.getElementById('engagement-ledger')?.textContent.includes('adjusted'));
  const ledger = await page.textContent('#engagement-ledger tbody');
  assert.ok(ledger.includes('adjusted') && ledger.includes('+50') && ledger.includes('Goodwill for a late parcel'), ledger);

  // Taking more than the balance is refused with the API's reason, and nothing changes.
  await page.fill('#adjust-points', String(-(balance + 1000)));
  await page.fill('#adjust-reason', 'Too much');
  await page.click('#engagement-adjust button[type=submit]');
  await page.click('dialog.confirm-dialog[open] button[value=confirm]');
  await page.waitForFunction(() => document.getElementById('engagement-adjust-status')?.textContent.includes('cannot take it below zero'));
  const after = await (await adminCall(`/v1/admin/members/${fan.memberId}/engagement`)).json();
  assert.equal(after.balance, balance + 50);
  await page.close();

  const agent = await signIn('agent');
  await openMember(agent, fan.memberId, fan.memberId);
  await agent.waitForSelector('#member-engagement:not([hidden])');
  await agent.waitForFunction(() => document.getElementById('engagement-ledger')?.textContent.includes('Goodwill for a late parcel'));
  assert.equal(await agent.isVisible('#engagement-adjust'), false);
  await agent.close();
});
