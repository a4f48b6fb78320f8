// The operators' complaints workspace in a real browser against the local runtime: a member's complaint filed through
// the API is found in the queue with filters, its SLA timer counts down, an agent assigns it, replies, keeps an internal
// note, records the investigation and resolves it (a missing resolution refused beside its field, the resolution
// confirmed); the complaint is on the member's record; an admin changes the business calendar in Settings (a bad shift
// refused at its field) and the risk rules (a spike factor under 1 refused), and reads their history; an analyst reads the queue and the ticket without personal data or
// actions. All under the dashboard's Content-Security-Policy.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';
import { idToken, withStackAndBrowser } from './stack.mjs';

const EMAIL = `complainer+${randomBytes(3).toString('hex')}@example.com`;
const DESCRIPTION = 'The courier injured my dog at the door.';
let member;
let ticket;

const ctx = withStackAndBrowser({ before, after, afterEach }, chromium, async () => {
  member = await join(EMAIL);
  ticket = await file(member);
});

async function join(email) {
  const notices = (await (await fetch(`${ctx.stack.api}/v1/notices?locale=en`)).json()).notices;
  const response = await fetch(`${ctx.stack.api}/v1/members`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ nickname: 'Qian Yu', email, region: 'Hangzhou', channel: 'web', locale: 'en',
      consents: notices.map((n) => ({ purpose: n.purpose, granted: true, noticeVersion: n.version })) }),
  });
  assert.equal(response.status, 201);
  return response.json();
}

/** Files a complaint as the member and waits for the intake to make its ticket (read back through the queue route). */
async function file(m) {
  const response = await fetch(`${ctx.stack.api}/v1/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `ui-${randomBytes(4).toString('hex')}`,
      authorization: `Bearer ${m.memberToken}` },
    body: JSON.stringify({ name: 'Qian Yu', contact: EMAIL, locale: 'en', memberId: m.memberId, category: 'delivery', description: DESCRIPTION }),
  });
  assert.equal(response.status, 202, await response.text());
  const agent = await idToken(ctx.stack, 'agent');
  for (let i = 0; i < 300; i += 1) {
    const queue = await (await fetch(`${ctx.stack.api}/v1/admin/complaints?memberId=${m.memberId}&status=all`,
      { headers: { authorization: `Bearer ${agent}` } })).json();
    if (queue.items?.length) return queue.items[0];
    await new Promise((ok) => setTimeout(ok, 200));
  }
  throw new Error('the complaint never reached the queue');
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
  if (area) await page.click(`#nav a[data-view=${area}]`);
  return page;
}

/** The version a settings line shows ("v3 · ..."), once it is drawn. */
async function versionOf(page, selector) {
  await page.waitForFunction((s) => /^v\d+ /.test(document.querySelector(s)?.textContent), selector);
  return Number(/^v(\d+)/.exec(await page.textContent(selector))[1]);
}

const has = (page, selector, part) => page.waitForFunction(([s, p]) => document.querySelector(s)?.textContent.includes(p), [selector, part]);

test('an agent finds the complaint with filters, watches its timer, assigns, replies, notes and resolves it', async () => {
  assert.equal(ticket.priority, 'urgent', 'an injury makes it urgent');
  const page = await signIn('agent', 'complaints');
  page.on('dialog', (dialog) => dialog.accept());
  await page.selectOption('#cq-priority', 'urgent');
  await page.selectOption('#cq-category', 'delivery');
  await page.fill('#cq-member', member.memberId);
  await page.click('#cq-filter button[type=submit]');
  const row = `#cq-list tr[data-number="${ticket.ticketNumber}"]`;
  await page.waitForSelector(row);
  assert.equal(await page.locator('#cq-list tbody tr').count(), 1);

  // The live timer: counting down to the first response, a second at a time.
  const timer = `${row} td.sla-timer`;
  const first = await page.textContent(timer);
  assert.match(first, /left$/);
  assert.equal(await page.getAttribute(timer, 'data-state'), 'ok');
  await page.waitForFunction(([s, before]) => document.querySelector(s).textContent !== before, [timer, first]);

  // A bad filter is the API's 400, said on the page.
  await page.fill('#cq-member', 'nobody');
  await page.click('#cq-filter button[type=submit]');
  await has(page, '#complaints-error', 'memberId');
  await page.fill('#cq-member', member.memberId);
  await page.click('#cq-filter button[type=submit]');
  await page.waitForSelector(row);

  await page.click(`${row} a`);
  await page.waitForSelector('#ct-detail:not([hidden])');
  await has(page, '#ct-title', ticket.ticketNumber);
  await has(page, '#ct-description', DESCRIPTION);
  assert.match(await page.textContent('#ct-fields'), /Qian Yu/);

  await page.fill('#ct-assign-who', 'agent@fanops.local');
  await page.click('#ct-assign button[type=submit]');
  await has(page, '#ct-history', 'assigned');

  await page.fill('#ct-reply textarea', 'We are sorry. A manager will call you today.');
  await page.click('#ct-reply button[type=submit]');
  await has(page, '#ct-conversation', 'A manager will call you today.');
  await has(page, '#ct-title', 'investigating');

  await page.fill('#ct-note textarea', 'Courier company notified; CCTV requested.');
  await page.click('#ct-note button[type=submit]');
  await has(page, '#ct-notes', 'CCTV requested');
  assert.doesNotMatch(await page.textContent('#ct-conversation'), /CCTV/, 'a note is not part of the conversation');

  await page.fill('#ct-record-party', 'courier');
  await page.fill('#ct-record-findings', 'The courier did not keep the dog distance rule.');
  await page.click('#ct-record button[type=submit]');
  await has(page, '#ct-history', 'record updated');

  // Resolving without a resolution: refused beside the field.
  await page.selectOption('#ct-resolve select[name=upheld]', 'true');
  await page.click('#ct-resolve button[type=submit]');
  await page.waitForSelector('#ct-resolve [data-error-for=resolution]:not([hidden])');
  await page.fill('#ct-resolve textarea[name=resolution]', 'Vet costs refunded and the courier retrained.');
  await page.click('#ct-resolve button[type=submit]');
  await has(page, '#ct-title', 'resolved');
  await page.waitForSelector('#ct-reopen:not([hidden])');
  assert.equal(await page.isVisible('#ct-reply'), false, 'no reply to a resolved ticket');
  assert.equal(await page.getAttribute(`#ct-moves [data-move=closed]`, 'class'), 'danger');

  // The member's record lists it and links to it.
  await page.click('#nav a[data-view=members]');
  await page.fill('#member-query', member.memberId);
  await page.click('#member-search button[type=submit]');
  await page.click(`#member-results a:text("${member.memberId}")`);
  await page.waitForSelector('#member-complaints:not([hidden])');
  const line = `#member-complaints-list tr[data-number="${ticket.ticketNumber}"]`;
  await has(page, line, 'resolved');
  assert.equal(await page.getAttribute(`${line} a`, 'href'), `#complaints/${ticket.ticketId}`);
  await page.click(`${line} a`);
  await has(page, '#ct-title', ticket.ticketNumber);
  await page.close();
});

test('an admin changes the business calendar in Settings, a bad shift refused at its field, and reads the history', async () => {
  const page = await signIn('admin', 'settings');
  const form = '#cs-calendar-form';
  // The stack may be shared: versions count from the one in force (v0, the built-in calendar, on a stack of its own).
  const inForce = await versionOf(page, '#cs-calendar-version');
  await page.fill(`${form} input[name="hours.monday"]`, '09:00-12:00, 11:00-18:00');
  await page.click(`${form} button[type=submit]`);
  await page.waitForSelector(`${form} [data-error-for="hours.monday"]:not([hidden])`);
  assert.equal(await page.getAttribute(`${form} input[name="hours.monday"]`, 'aria-invalid'), 'true');

  await page.fill(`${form} input[name="hours.monday"]`, '09:00-12:00, 13:00-18:00');
  await page.fill(`${form} input[name="hours.saturday"]`, '10:00-16:00');
  await page.fill(`${form} textarea[name=holidays]`, '2026-12-25\n2027-01-01');
  await page.click(`${form} button[type=submit]`);
  await has(page, '#cs-calendar-status', String(inForce + 1));
  await page.waitForSelector(`#cs-calendar-history li[data-version="${inForce + 1}"]`);
  assert.equal(await page.locator('#cs-calendar-history li').count(), inForce + 2);
  assert.match(await page.textContent(`#cs-calendar-history li[data-version="${inForce + 1}"]`), /admin@fanops\.local.*Saturday 10:00-16:00/);
  assert.equal(await page.inputValue(`${form} input[name="hours.saturday"]`), '10:00-16:00');
  await page.close();
});

test('an admin changes the risk rules in Settings, a spike factor under 1 refused at its field, and reads the history', async () => {
  const page = await signIn('admin', 'settings');
  const form = '#cs-risk-form';
  const inForce = await versionOf(page, '#cs-risk-version');
  assert.match(await page.inputValue(`${form} textarea[name=keywords]`), /媒体/);
  assert.equal(await page.inputValue(`${form} select[name=lowScoreTier]`), 'gold');
  await page.fill(`${form} input[name=spikeFactor]`, '0.5');
  await page.click(`${form} button[type=submit]`);
  await page.waitForSelector(`${form} [data-error-for="spikeFactor"]:not([hidden])`);

  await page.fill(`${form} input[name=spikeFactor]`, '4');
  await page.fill(`${form} textarea[name=keywords]`, '媒体, 曝光, food poisoning');
  await page.selectOption(`${form} select[name=lowScoreTier]`, 'silver');
  await page.click(`${form} button[type=submit]`);
  await has(page, '#cs-risk-status', String(inForce + 1));
  await page.waitForSelector(`#cs-risk-history li[data-version="${inForce + 1}"]`);
  assert.match(await page.textContent(`#cs-risk-history li[data-version="${inForce + 1}"]`), /admin@fanops\.local.*Spike factor \(x median\) 4 /);
  const token = await idToken(ctx.stack, 'admin');
  const saved = await (await fetch(`${ctx.stack.api}/v1/admin/complaint-settings/risk`, { headers: { authorization: `Bearer ${token}` } })).json();
  assert.deepEqual(saved.risk.keywords, ['媒体', '曝光', 'food poisoning']);
  assert.equal(saved.risk.spikeFactor, 4);
  assert.equal(saved.risk.lowScoreTier, 'silver');
  await page.close();
});

test('an analyst reads the queue and the ticket without personal data and without actions', async () => {
  const page = await signIn('analyst', 'complaints');
  await page.selectOption('#cq-status', 'resolved');
  const row = `#cq-list tr[data-number="${ticket.ticketNumber}"]`;
  await page.waitForSelector(row);
  await page.click(`${row} a`);
  await has(page, '#ct-title', ticket.ticketNumber);
  assert.equal(await page.isVisible('#ct-actions'), false);
  assert.equal(await page.locator('#ct-detail button:visible').count(), 1, 'only Close');
  const shown = await page.textContent('body');
  for (const secret of ['Qian Yu', EMAIL, DESCRIPTION, member.memberId, 'CCTV', 'agent@fanops.local']) {
    assert.ok(!shown.includes(secret), `an analyst sees ${secret}`);
  }
  await page.close();
});
