// Actions on a member's record in a real browser (issue 15): with admission switched to review, a sign-up through the
// public API waits; a manager approves it in a confirmation dialog, warns the member and then removes them with
// evidence; each action shows on the record's history at once, an agent is offered none of them (and the API refuses
// one), and an admin reads the three actions in the audit log. A manager files an erasure for a member; an agent's
// service message reaches the sender and goes out.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { idToken, signIn as signInAs, withStackAndBrowser } from './stack.mjs';

const ctx = withStackAndBrowser({ before, after, afterEach, ownStack: 'it turns admission to review, which every sign-up of the stack would follow' }, chromium);

async function call(role, path, options = {}) {
  return fetch(`${ctx.stack.api}${path}`, { ...options,
    headers: { ...(options.headers || {}), 'content-type': 'application/json', authorization: `Bearer ${await idToken(ctx.stack, role)}` } });
}

async function join(email) {
  const notices = (await (await fetch(`${ctx.stack.api}/v1/notices?locale=en`)).json()).notices;
  const response = await fetch(`${ctx.stack.api}/v1/members`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ nickname: 'Qin Lan', email, region: 'Chengdu', channel: 'web', locale: 'en',
      consents: notices.map((n) => ({ purpose: n.purpose, granted: n.purpose === 'membership', noticeVersion: n.version })) }),
  });
  assert.equal(response.status, 201);
  return response.json();
}

async function openMember(page, memberId) {
  await page.click('#nav a[data-view=members]');
  await page.fill('#member-query', memberId);
  await page.click('#member-search button[type=submit]');
  await page.click(`#member-results a:text("${memberId}")`);
  await page.waitForSelector('#member-detail:not([hidden])');
}

/** Clicks an action, fills its dialog and confirms; waits until the record shows `status`. */
async function act(page, action, fields, status) {
  await page.click(`#member-actions-list button[data-action="${action}"]`);
  const dialog = page.locator('dialog.confirm-dialog[open]');
  await dialog.waitFor();
  for (const [name, value] of Object.entries(fields)) await dialog.locator(`[name="${name}"]`).fill(value);
  await dialog.locator('button[type=submit]').click();
  await dialog.waitFor({ state: 'detached' });
  await page.waitForFunction((s) => document.getElementById('detail-fields').textContent.includes(`status${s}`), status);
}

test('a manager approves a pending sign-up, warns and then removes the member with evidence; the audit log shows it', async () => {
  // Admission review, switched in Settings by an admin.
  const admin = await signInAs(ctx, 'admin');
  await admin.click('#nav a[data-view=settings]');
  await admin.waitForFunction(() => document.getElementById('admission-version')?.textContent.startsWith('v'));
  await admin.selectOption('#admission-mode', 'review');
  await admin.click('#admission-form button[type=submit]');
  await admin.waitForFunction(() => document.getElementById('admission-status').textContent.includes('saved')
    || document.getElementById('admission-status').textContent.includes('Saved'));
  await admin.waitForFunction(() => document.getElementById('admission-version').textContent.includes('review'));

  const fan = await join('qin.lan@example.com');
  assert.equal(fan.status, 'pending');

  const page = await signInAs(ctx, 'manager');
  await openMember(page, fan.memberId);
  await page.waitForSelector('#member-actions:not([hidden])');
  const offered = await page.locator('#member-actions-list button').evaluateAll((bs) => bs.map((b) => b.dataset.action));
  assert.ok(offered.includes('act_approve') && offered.includes('act_reject') && !offered.includes('act_warn'), offered.join());

  // The dialog says what follows and to whom; a reason is required before the API is called.
  await page.click('#member-actions-list button[data-action="act_approve"]');
  const dialog = page.locator('dialog.confirm-dialog[open]');
  await dialog.waitFor();
  assert.match(await dialog.textContent(), new RegExp(`Qin Lan \\(${fan.memberId}\\)`));
  assert.match(await dialog.textContent(), /welcome message/);
  await dialog.locator('button[type=submit]').click();
  await page.waitForFunction(() => document.querySelector('dialog.confirm-dialog [aria-invalid=true]'));
  await dialog.locator('button.secondary').click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal((await (await call('admin', `/v1/admin/members/${fan.memberId}`)).json()).status, 'pending', 'cancelled: nothing done');

  await act(page, 'act_approve', { reason: 'Verified at the store' }, 'active');
  await act(page, 'act_warn', { reason: 'Advertising in the group', evidence: 'group chat 2026-12-01, message 8812' }, 'warned');
  // Removing needs evidence: the dialog refuses to go on without it.
  await page.click('#member-actions-list button[data-action="act_remove"]');
  await page.locator('dialog.confirm-dialog[open]').waitFor();
  await page.fill('dialog.confirm-dialog [name=reason]', 'Repeated advertising after a warning');
  await page.click('dialog.confirm-dialog button[type=submit]');
  await page.waitForSelector('dialog.confirm-dialog [name=evidence][aria-invalid=true]');
  await page.fill('dialog.confirm-dialog [name=evidence]', 'group chat 2026-12-03, messages 9120-9124');
  await page.click('dialog.confirm-dialog button[type=submit]');
  await page.waitForFunction(() => document.getElementById('detail-fields').textContent.includes('statusremoved'));
  const history = await page.textContent('#detail-history');
  for (const line of ['pending → active', 'active → warned', 'warned → removed']) assert.ok(history.includes(line), history);
  // A removed membership offers no status action any more.
  const left = await page.locator('#member-actions-list button').evaluateAll((bs) => bs.map((b) => b.dataset.action));
  assert.ok(!left.some((a) => a.startsWith('act_')), left.join());
  await page.close();

  // An agent is offered no status action, and the API refuses one anyway.
  const agent = await signInAs(ctx, 'agent');
  await openMember(agent, fan.memberId);
  const agentOffered = await agent.locator('#member-actions-list button').evaluateAll((bs) => bs.map((b) => b.dataset.action));
  assert.ok(!agentOffered.some((a) => a.startsWith('act_')), agentOffered.join());
  await agent.close();
  assert.equal((await call('agent', `/v1/admin/members/${fan.memberId}/status`, { method: 'POST',
    body: JSON.stringify({ action: 'restore', reason: 'x' }) })).status, 403);

  // The admin reads the three actions in the audit log.
  await admin.click('#nav a[data-view=audit]');
  await admin.fill('#audit-target', fan.memberId);
  await admin.press('#audit-target', 'Enter');
  await admin.waitForFunction(() => document.querySelectorAll('#audit-list tbody tr[data-action^="members.status."]').length >= 3);
  const actions = await admin.locator('#audit-list tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.action));
  for (const a of ['members.status.approve', 'members.status.warn', 'members.status.remove']) assert.ok(actions.includes(a), actions.join());
  assert.match(await admin.textContent('#audit-list tbody'), /manager@fanops\.local/);

  // Back to automatic admission for the other tests of this stack.
  const settings = await (await call('admin', '/v1/admin/settings/members')).json();
  await call('admin', '/v1/admin/settings/members', { method: 'PUT', body: JSON.stringify({ basedOn: settings.current.version, admission: 'auto' }) });
  await admin.close();
});

test('a manager files an erasure on the member\'s behalf and an agent sends a service message', async () => {
  const fan = await join('on.behalf@example.com');
  const page = await signInAs(ctx, 'manager');
  await openMember(page, fan.memberId);
  await act(page, 'actFile_erasure', { reason: 'Asked by phone, ticket 4411' }, 'active');
  await page.waitForFunction(() => document.getElementById('member-actions-status').textContent.includes('File an erasure'));
  const queue = await (await call('manager', '/v1/admin/requests')).json();
  assert.ok(queue.requests.some((r) => r.requestId.startsWith(fan.memberId)), JSON.stringify(queue));
  await page.close();

  const agent = await signInAs(ctx, 'agent');
  await openMember(agent, fan.memberId);
  await act(agent, 'actMessage', { text: 'Your erasure request is being handled.' }, 'active');
  await agent.waitForFunction(() => document.getElementById('member-actions-status').textContent.includes('Message queued'));
  await agent.close();
  // The sender takes the request from the queue and sends it (membership consent in force, an active member).
  const deadline = Date.now() + 90_000;
  for (;;) {
    const messages = await (await call('admin', `/v1/admin/members/${fan.memberId}/messages`)).json();
    const note = (messages.items || []).find((m) => m.kind === 'operator_note');
    if (note && ['sent', 'delivered'].includes(note.status)) break;
    assert.ok(Date.now() < deadline, `the note was not sent: ${JSON.stringify(messages)}`);
    await new Promise((ok) => setTimeout(ok, 500));
  }
});
