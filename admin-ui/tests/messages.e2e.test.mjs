// The dashboard's messaging in a real browser against the local runtime: a member signs up through the public API with
// an SES mailbox simulator address and the sender delivers the welcome; a manager finds it in the day's log, opens it
// and reads its subject, and the day's figures count it; a manager edits the care template (an unknown placeholder is
// named beside its field), previews it and saves version 1, and a version saved meanwhile is a conflict to reload; an
// admin saves the sending policy's quiet hours as a new version and makes a webhook secret, shown once; the member's
// record lists the welcome; a hard bounce lands on the suppression list and an admin removes it; an analyst sees the
// figures only, an agent no text; the public unsubscribe page keeps the CSP.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';
import { idToken, withStackAndBrowser } from './stack.mjs';

let member;
let welcome;
const ctx = withStackAndBrowser({ before, after, afterEach }, chromium, async () => {
  member = await join(`success+${randomBytes(4).toString('hex')}@simulator.amazonses.com`);
  welcome = await messageOf(member.memberId, (m) => m.kind === 'welcome' && ['sent', 'delivered'].includes(m.status));
});

async function join(email) {
  const notices = (await (await fetch(`${ctx.stack.api}/v1/notices?locale=en`)).json()).notices;
  const response = await fetch(`${ctx.stack.api}/v1/members`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ nickname: 'Lin Xia', email, region: 'Hangzhou', channel: 'web', locale: 'en',
      consents: notices.map((n) => ({ purpose: n.purpose, granted: true, noticeVersion: n.version })) }),
  });
  assert.equal(response.status, 201);
  return response.json();
}

async function adminCall(path, options = {}) {
  return fetch(`${ctx.stack.api}${path}`, { ...options,
    headers: { ...(options.headers || {}), 'content-type': 'application/json', authorization: `Bearer ${await idToken(ctx.stack, 'admin')}` } });
}

/** Waits until the member has a message that `done` accepts (the sender works from a queue, asynchronously). */
async function messageOf(memberId, done) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const body = await (await adminCall(`/v1/admin/members/${memberId}/messages`)).json();
    const found = (body.items || []).find(done);
    if (found) return found;
    assert.ok(Date.now() < deadline, `no such message for ${memberId}: ${JSON.stringify(body)}`);
    await new Promise((ok) => setTimeout(ok, 500));
  }
}

/** A page signed in as `role`, in English, on the given area. */
async function signIn(role, area) {
  const page = await ctx.browser.newPage();
  await page.goto(ctx.stack.dashboard);
  await page.selectOption('#locale', 'en');
  await page.fill('#username', `${role}@fanops.local`);
  await page.fill('#password', ctx.stack.logins[role]);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#home:not([hidden])');
  await page.click(`#nav a[data-view=${area}]`);
  return page;
}

const text = (page, selector) => page.textContent(selector);

test('a manager finds the welcome in the day\'s log, opens it and reads its subject; the figures count it', async () => {
  const page = await signIn('manager', 'messages');
  const row = page.locator(`#messages-log tr[data-message-id="${welcome.messageId}"]`);
  await row.waitFor();
  const line = await row.textContent();
  for (const shown of ['Welcome', 'E-mail', `v${welcome.templateVersion}`, member.memberId, 'Membership terms · granted']) {
    assert.ok(line.includes(shown), `${shown} in ${line}`);
  }
  assert.match(line, /sent|delivered/);
  assert.equal(await row.locator(`a[data-member="${member.memberId}"]`).getAttribute('href'), `#members/${member.memberId}`);
  assert.ok(/^\d{4}-\d{2}-\d{2}$/.test(await page.inputValue('#messages-day')), 'the picker shows the API\'s business day');

  const stored = await (await adminCall(`/v1/admin/messages/${welcome.messageId}`)).json();
  assert.ok(stored.content.subject, JSON.stringify(stored));
  await row.locator('a[data-message]').click();
  await page.waitForSelector('#message-detail:not([hidden])');
  await page.waitForSelector('#message-text:not([hidden])');
  assert.equal(await text(page, '#message-subject'), stored.content.subject);
  assert.equal(await text(page, '#message-body'), stored.content.body);
  assert.match(await text(page, '#message-history'), /queued|sending/);

  // The filters go to the API: no care message was requested today.
  await page.selectOption('#messages-kind', 'care');
  await page.waitForSelector('#messages-empty:not([hidden])');
  await page.selectOption('#messages-kind', 'welcome');
  await row.waitFor();
  await page.selectOption('#messages-status', 'failed');
  await page.waitForSelector('#messages-empty:not([hidden])');
  await page.selectOption('#messages-status', '');
  await row.waitFor();

  await page.waitForFunction(() => Number(document.querySelector('[data-figure=sent] .figure-value')?.textContent) >= 1);
  assert.ok(Number(await text(page, '#messages-by-kind tr[data-kind=welcome] td:nth-child(3)')) >= 1);
  await page.close();
});

test('a manager edits the care template: an unknown placeholder is named at its field; fixed, previewed, saved as version 1', async () => {
  const page = await signIn('manager', 'messages');
  await page.waitForSelector('#template-kind option[value=care]', { state: 'attached' });
  await page.selectOption('#template-kind', 'care');
  await page.selectOption('#template-locale', 'en');
  // The stack may be shared: versions count from the one in force (0, the built-in defaults, on a stack of its own).
  const inForce = Number(/Version (\d+)/.exec(await text(page, '#templates-version'))[1]);
  assert.match(await text(page, '#template-placeholders'), /\{\{lastActiveDay\}\}/);
  await page.fill('#template-body', 'Hello {{nickname}}, we miss you since {{lastSeen}}.');
  await page.click('#template-form button[type=submit]');
  const bodyError = page.locator('[data-error-for=body]');
  await bodyError.waitFor();
  assert.match(await bodyError.textContent(), /unknown placeholder \{\{lastSeen\}\}/);
  assert.equal(await page.getAttribute('#template-body', 'aria-invalid'), 'true');

  await page.fill('#template-body', 'Hello {{nickname}}, we miss you since {{lastActiveDay}}.');
  await page.click('#template-preview-button');
  await page.waitForSelector('#template-preview:not([hidden])');
  assert.equal(await bodyError.isVisible(), false);
  const preview = await text(page, '#preview-text');
  assert.ok(preview.startsWith('Hello Xiao Ming, we miss you since 2026-09-15.'), preview);
  assert.match(preview, /Unsubscribe from these messages: https:\/\/fans\.example\.com\/unsubscribe\.html#sample/);
  assert.equal(await page.getAttribute('#preview-html', 'sandbox'), '');
  assert.match(await page.frameLocator('#preview-html').locator('body').textContent(), /we miss you since 2026-09-15/);
  assert.match(await text(page, '#preview-segments'), /\d+ SMS segment/);

  // The member's own nickname, when one is named.
  await page.fill('#template-member', member.memberId);
  await page.click('#template-preview-button');
  await page.waitForFunction(() => document.getElementById('preview-text')?.textContent.startsWith('Hello Lin Xia'));

  await page.click('#template-form button[type=submit]');
  await page.waitForFunction((v) => document.getElementById('template-status')?.textContent.includes(`Saved as version ${v}`), inForce + 1);
  await page.waitForSelector(`#templates-history li[data-version="${inForce + 1}"]`);
  assert.match(await text(page, '#templates-version'), new RegExp(`Version ${inForce + 1}, by manager@fanops\\.local`));
  assert.equal(await page.inputValue('#template-body'), 'Hello {{nickname}}, we miss you since {{lastActiveDay}}.');

  // Someone else saves meanwhile: saving from version 1 is a conflict, and reloading shows their version.
  const theirs = await (await adminCall('/v1/admin/messaging/templates')).json();
  theirs.templates.care.en.subject = 'We saved this meanwhile';
  const saved = await adminCall('/v1/admin/messaging/templates', { method: 'PUT',
    body: JSON.stringify({ basedOn: theirs.version, templates: theirs.templates }) });
  assert.equal(saved.status, 201);
  await page.fill('#template-subject', 'Mine');
  await page.click('#template-form button[type=submit]');
  await page.waitForSelector('#template-stale:not([hidden])');
  await page.click('#template-stale-reload');
  await page.waitForFunction((v) => document.getElementById('templates-version')?.textContent.includes(`Version ${v}`), inForce + 2);
  assert.equal(await page.inputValue('#template-subject'), 'We saved this meanwhile');
  await page.waitForSelector(`#templates-history li[data-version="${inForce + 2}"]`);
  await page.close();
});

test('an admin saves new quiet hours as a new version (a refused cap named at its field) and makes a webhook secret', async () => {
  const page = await signIn('admin', 'settings');
  await page.waitForFunction(() => /^v\d+ /.test(document.getElementById('policy-version')?.textContent));
  const inForce = Number(/^v(\d+)/.exec(await text(page, '#policy-version'))[1]);
  assert.equal(await page.inputValue('#policy-quietStart'), '21:00');
  await page.fill('#policy-capCount', '101');
  await page.click('#policy-form button[type=submit]');
  await page.waitForSelector('[data-error-for=capCount]:not([hidden])');
  assert.match(await text(page, '[data-error-for=capCount]'), /0 to 100/);

  await page.fill('#policy-capCount', '3');
  await page.fill('#policy-quietStart', '22:30');
  await page.fill('#policy-quietEnd', '08:00');
  await page.click('#policy-form button[type=submit]');
  await page.waitForFunction((v) => document.getElementById('policy-status')?.textContent.includes(`Saved as version ${v}`), inForce + 1);
  assert.match(await text(page, '#policy-version'), new RegExp(`^v${inForce + 1} · admin@fanops\\.local`));
  assert.match(await text(page, '#policy-version'), /at most 3 per 7 days · quiet hours 22:30–08:00/);
  assert.equal(await page.locator('#policy-history li').count(), inForce + 2);
  assert.equal(await page.isVisible('[data-error-for=capCount]'), false);
  const policy = await (await adminCall('/v1/admin/messaging/policy')).json();
  assert.deepEqual([policy.version, policy.policy.quietStart, policy.policy.quietEnd, policy.policy.capCount], [inForce + 1, '22:30', '08:00', 3]);

  assert.match(await text(page, '#secret-created'), /No secret yet/);
  page.once('dialog', (dialog) => dialog.accept());
  await page.click('#secret-create');
  await page.waitForSelector('#secret-new:not([hidden])');
  assert.match(await text(page, '#secret-value'), /^whsec_/);
  assert.match(await text(page, '#secret-created'), /The current secret was created/);
  const created = await (await adminCall('/v1/admin/messaging/webhook-secret')).json();
  assert.ok(created.createdAt, JSON.stringify(created));
  await page.close();
});

test('the member\'s record lists the welcome, which opens in the Messages area', async () => {
  const page = await signIn('manager', 'members');
  await page.fill('#member-query', member.memberId);
  await page.click('#member-search button[type=submit]');
  await page.click(`#member-results a:text("${member.memberId}")`);
  await page.waitForSelector('#member-messages:not([hidden])');
  const row = page.locator(`#member-messages-list tr[data-message-id="${welcome.messageId}"]`);
  await row.waitFor();
  assert.match(await row.textContent(), /Welcome/);
  await row.locator('a[data-message]').click();
  await page.waitForSelector('#view-messages:not([hidden]) #message-detail:not([hidden])');
  await page.waitForSelector('#message-text:not([hidden])');
  assert.ok((await text(page, '#message-subject')).length > 0);
  // And back: the member id in the message opens the record.
  await page.click(`#message-fields a[data-member="${member.memberId}"]`);
  await page.waitForSelector('#view-members:not([hidden]) #member-detail:not([hidden])');
  assert.match(await text(page, '#detail-title'), new RegExp(member.memberId));
  await page.close();
});

test('a hard bounce lands on the suppression list; an admin removes it after confirming', async () => {
  const bounced = await join(`bounce+${randomBytes(4).toString('hex')}@simulator.amazonses.com`);
  await messageOf(bounced.memberId, (m) => m.kind === 'welcome' && m.status === 'bounced');
  const page = await signIn('admin', 'messages');
  const entry = page.locator('#suppressions-list tbody tr', { hasText: bounced.memberId });
  await entry.waitFor();
  assert.match(await entry.textContent(), /hard bounce/);
  page.once('dialog', (dialog) => dialog.accept());
  await entry.getByRole('button', { name: 'Remove' }).click();
  await page.waitForFunction(() => document.getElementById('suppressions-status')?.textContent.includes('Removed'));
  await entry.waitFor({ state: 'detached' });
  const list = await (await adminCall('/v1/admin/messaging/suppressions')).json();
  assert.ok(!list.items.some((s) => s.memberId === bounced.memberId), JSON.stringify(list));
  await page.close();

  const manager = await signIn('manager', 'messages');
  await manager.waitForSelector('#suppressions-list');
  assert.equal(await manager.locator('#suppressions-list button').count(), 0, 'only admins remove');
  await manager.close();
});

test('an analyst sees the day\'s figures and no member id; an agent reads the log without any text', async () => {
  const analyst = await signIn('analyst', 'messages');
  await analyst.waitForFunction(() => Number(document.querySelector('[data-figure=sent] .figure-value')?.textContent) >= 1);
  assert.equal(await analyst.isVisible('#messages-list'), false);
  assert.equal(await analyst.isVisible('#templates'), false);
  assert.ok(!(await analyst.textContent('#view-messages')).includes(member.memberId));
  await analyst.close();

  const agent = await signIn('agent', 'messages');
  await agent.locator(`#messages-log tr[data-message-id="${welcome.messageId}"] a[data-message]`).click();
  await agent.waitForSelector('#message-detail:not([hidden])');
  await agent.waitForFunction(() => document.getElementById('message-history').children.length > 0);
  assert.equal(await agent.isVisible('#message-content'), false);
  assert.equal(await agent.isVisible('#messages-stats'), false);
  assert.equal(await agent.isVisible('#templates'), false);
  await agent.close();
});

test('the public unsubscribe page keeps the CSP: a forged link is refused by the API and said so', async () => {
  const page = await ctx.browser.newPage();
  await page.goto(`${ctx.stack.dashboard}unsubscribe.html#abcdefgh.${'A'.repeat(43)}`);
  await page.selectOption('#locale', 'en');
  await page.click('#confirm');
  await page.waitForSelector('#status:not([hidden])');
  assert.match(await text(page, '#status'), /not valid/);
  await page.close();
});
