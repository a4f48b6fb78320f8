// The member directory in a real browser against the local runtime (issue 15, item 2): members join through the public
// sign-up API and buy through the channel-key ingestion API, so tiers and categories come from the real pipeline
// (scorer -> TierChanged/CategoryChanged -> MemberDirectoryFunction). A manager sees the list at once, filters it by tier
// and category, saves the filter as a segment and sees its live count, and applies it again from the segments panel; an
// analyst exports the members as CSV for analysis and finds no contact and no nickname in the file.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';
import { idToken, withStackAndBrowser } from './stack.mjs';

const run = randomBytes(3).toString('hex');
const fans = {};
const ctx = withStackAndBrowser({ before, after, afterEach }, chromium, async () => {
  // Gold and regular (a big purchase, and activity on two days), gold only, silver, and a newcomer.
  for (const name of ['goldRegular', 'goldOnly', 'silver', 'newcomer']) {
    fans[name] = (await join(`${name.toLowerCase()}.${run}@example.com`, `Fan ${name}`)).memberId;
  }
  const key = await adminCall('/v1/admin/channel-keys', { method: 'POST', body: JSON.stringify({ channel: 'store', name: 'flagship' }) });
  assert.equal(key.status, 201);
  const { apiKey } = await key.json();
  const now = Date.now();
  const at = (hoursAgo) => new Date(now - hoursAgo * 3_600_000).toISOString();
  const events = [
    { eventId: `gr-1-${run}`, memberId: fans.goldRegular, type: 'purchase', amount: 2500, currency: 'CNY', occurredAt: at(1) },
    { eventId: `gr-2-${run}`, memberId: fans.goldRegular, type: 'comment', occurredAt: at(30) },
    { eventId: `go-1-${run}`, memberId: fans.goldOnly, type: 'purchase', amount: 2500, currency: 'CNY', occurredAt: at(1) },
    { eventId: `si-1-${run}`, memberId: fans.silver, type: 'purchase', amount: 600, currency: 'CNY', occurredAt: at(1) },
  ];
  const posted = await fetch(`${ctx.stack.api}/v1/interactions`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': apiKey }, body: JSON.stringify({ events }) });
  assert.equal(posted.status, 202, await posted.text());
  // Scoring and the directory's projector run asynchronously: wait until the directory lists the gold regular.
  const deadline = Date.now() + 45_000;
  for (;;) {
    const listed = await (await adminCall('/v1/admin/members?tier=gold&category=regular')).json();
    const silver = await (await adminCall('/v1/admin/members?tier=silver')).json();
    if (listed.members?.some((m) => m.memberId === fans.goldRegular) && silver.members?.some((m) => m.memberId === fans.silver)) break;
    assert.ok(Date.now() < deadline, `the directory did not list the members with their tiers: ${JSON.stringify(listed)}`);
    await new Promise((ok) => setTimeout(ok, 500));
  }
});

async function join(email, nickname) {
  const notices = (await (await fetch(`${ctx.stack.api}/v1/notices?locale=en`)).json()).notices;
  const response = await fetch(`${ctx.stack.api}/v1/members`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ nickname, email, region: 'Hangzhou', channel: 'store', locale: 'en',
      consents: notices.map((n) => ({ purpose: n.purpose, granted: true, noticeVersion: n.version })) }),
  });
  assert.equal(response.status, 201);
  return response.json();
}

async function adminCall(path, options = {}) {
  return fetch(`${ctx.stack.api}${path}`, { ...options,
    headers: { 'content-type': 'application/json', ...(options.headers || {}), authorization: `Bearer ${await idToken(ctx.stack, 'admin')}` } });
}

/** A page signed in as `role`, in English, on the Members area. */
async function signIn(role) {
  const page = await ctx.browser.newPage({ acceptDownloads: true });
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

const listed = (page) => page.$$eval('#member-results tbody tr', (rows) => rows.map((r) => r.dataset.member));

test('a manager filters by tier and category, saves a segment and sees its count', async () => {
  const page = await signIn('manager');
  // The list is shown at once, newest first, with tiers.
  await page.waitForFunction((id) => document.querySelector(`#member-results tr[data-member="${id}"]`), fans.newcomer);
  assert.ok((await listed(page)).length >= 4);

  await page.getByLabel('Tier', { exact: true }).selectOption('gold');
  await page.getByLabel('Category', { exact: true }).selectOption('regular');
  await page.click('#directory-apply');
  await page.waitForFunction((id) => {
    const rows = [...document.querySelectorAll('#member-results tbody tr')];
    return rows.length === 1 && rows[0].dataset.member === id;
  }, fans.goldRegular);
  const row = await page.textContent('#member-results tbody');
  assert.match(row, /Gold/);
  assert.match(row, /Regular/);
  assert.match(row, new RegExp(`goldregular\\.${run}@example\\.com`), 'managers see the contact in the list');

  await page.getByLabel('Save these filters as', { exact: true }).fill(`Gold regulars ${run}`);
  await page.click('#segment-save-button');
  const segment = page.locator('#segment-list li', { hasText: `Gold regulars ${run}` });
  await segment.waitFor();
  await page.waitForFunction((name) => [...document.querySelectorAll('#segment-list li')]
    .some((li) => li.textContent.includes(name) && li.textContent.includes('1 members')), `Gold regulars ${run}`);

  // Back to everyone, then the segment applies its filter again.
  await page.getByLabel('Tier', { exact: true }).selectOption('');
  await page.getByLabel('Category', { exact: true }).selectOption('');
  await page.click('#directory-apply');
  await page.waitForFunction(() => document.querySelectorAll('#member-results tbody tr').length >= 4);
  await segment.getByRole('button').click();
  await page.waitForFunction(() => document.querySelectorAll('#member-results tbody tr').length === 1);
  assert.deepEqual(await listed(page), [fans.goldRegular]);
  assert.equal(await page.getByLabel('Tier', { exact: true }).inputValue(), 'gold');

  // A bad value is refused beside its field.
  await page.getByLabel('Score from', { exact: true }).fill('5');
  await page.getByLabel('Score to', { exact: true }).fill('2');
  await page.click('#directory-apply');
  await page.waitForSelector('[data-error-for="scoreMin"]:not([hidden])');
  await page.close();
});

test('an analyst exports members for analysis and the file holds no contact', async () => {
  const page = await signIn('analyst');
  await page.waitForFunction((id) => document.querySelector(`#member-results tr[data-member="${id}"]`), fans.goldOnly);
  const table = await page.textContent('#member-results tbody');
  assert.ok(!table.includes('@example.com') && !table.includes('Fan '), table);
  assert.equal(await page.isVisible('#segment-save'), false, 'analysts read segments, they do not save them');

  await page.getByLabel('Purpose', { exact: true }).selectOption('analysis');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  const csv = await readFile(await download.path(), 'utf8');
  assert.ok(csv.startsWith('\uFEFFmemberId,status,kind,channel,joinedAt,tier,category,score'), csv.slice(0, 120));
  for (const id of Object.values(fans)) assert.ok(csv.includes(id), `${id} exported`);
  assert.ok(!csv.includes('@') && !/nickname|contact/.test(csv), 'no contact, no nickname');
  assert.ok(!csv.includes('Fan '), 'no nickname in the file');
  await page.waitForSelector('#export-status:has-text("members exported")');

  const audit = await (await adminCall('/v1/admin/audit?action=members.export')).json();
  assert.ok(audit.items.some((line) => line.actor.startsWith('analyst') && /purpose=analysis rows=\d+/.test(line.reason)),
    JSON.stringify(audit.items));
  await page.close();
});
