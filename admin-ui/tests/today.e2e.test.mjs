// The Today page and the weekly review in a real browser against the local runtime (issue 15, items 1 and 7).
// A manager's Today: a sign-up made through the public API while admission is under review is counted and its link
// opens the members list of pending sign-ups; a complaint past its (one-minute) first-response target is at SLA risk;
// an interaction sent through the ingestion API today is counted among today's active members. An analyst's Today has
// the KPI cards and today's activity and no work list. The weekly review shows a week against the week before, with
// targets, and prints without the navigation. All under the dashboard's Content-Security-Policy.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';
import { idToken, withStackAndBrowser } from './stack.mjs';

const ctx = withStackAndBrowser({ before, after, afterEach, ownStack: 'it turns admission to review, which every sign-up of the stack would follow' }, chromium);
const ZONE = 'Asia/Shanghai';

function businessDay(date = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

function addDays(day, n) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function monday(day) {
  return addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
}

function isoWeek(day) {
  const thursday = new Date(`${day}T00:00:00Z`);
  thursday.setUTCDate(thursday.getUTCDate() + 3 - ((thursday.getUTCDay() + 6) % 7));
  const year = thursday.getUTCFullYear();
  return `${year}-W${String(1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / 86_400_000 / 7)).padStart(2, '0')}`;
}

async function call(role, path, options = {}) {
  return fetch(`${ctx.stack.api}${path}`, { ...options,
    headers: { ...(options.headers || {}), authorization: `Bearer ${await idToken(ctx.stack, role)}` } });
}

async function json(role, path, options = {}, expected = 200) {
  const response = await call(role, path, options);
  const text = await response.text();
  assert.equal(response.status, expected, `${options.method || 'GET'} ${path}: ${text}`);
  return JSON.parse(text);
}

const put = (body) => ({ method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const post = (body) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function until(what, check, seconds = 180) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const outcome = await check();
    if (outcome) return outcome;
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((ok) => setTimeout(ok, 1000));
  }
}

async function join(nickname) {
  const notices = (await (await fetch(`${ctx.stack.api}/v1/notices?locale=en`)).json()).notices;
  const response = await fetch(`${ctx.stack.api}/v1/members`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ nickname, email: `today+${randomBytes(4).toString('hex')}@example.com`, region: 'Hangzhou', channel: 'web',
      locale: 'en', consents: notices.map((n) => ({ purpose: n.purpose, granted: true, noticeVersion: n.version })) }),
  });
  const text = await response.text();
  assert.equal(response.status, 201, text);
  return JSON.parse(text);
}

async function signIn(role) {
  const page = await ctx.browser.newPage();
  // The requests the page has started and not finished: a response whose body is never read stays open for good.
  page.open = new Set();
  page.on('request', (r) => page.open.add(r));
  for (const done of ['requestfinished', 'requestfailed']) page.on(done, (r) => page.open.delete(r));
  await page.goto(ctx.stack.dashboard);
  await page.selectOption('#locale', 'en');
  await page.fill('#username', `${role}@fanops.local`);
  await page.fill('#password', ctx.stack.logins[role]);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#home:not([hidden])');
  return page;
}

const count = (page, work) => page.getAttribute(`#today-work [data-work=${work}] [data-count]`, 'data-count').then(Number);

test("a manager's Today counts a pending sign-up, a complaint at SLA risk and today's active members, each with its link", async () => {
  // A member (admitted at once) files a complaint under a one-minute first-response target that runs at every hour.
  const fan = await join('Today Fan');
  const sla = await json('admin', '/v1/admin/complaint-settings/sla');
  const targets = Object.fromEntries(Object.keys(sla.policy.targets).map((p) => [p, { firstResponse: 1, nextResponse: 60, resolution: 600, alwaysOn: true }]));
  await json('admin', '/v1/admin/complaint-settings/sla', put({ basedOn: sla.version, policy: { ...sla.policy, targets } }), 201);
  const filed = await fetch(`${ctx.stack.api}/v1/complaints`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': `today-${randomBytes(4).toString('hex')}`,
      authorization: `Bearer ${fan.memberToken}` },
    body: JSON.stringify({ name: 'Today Fan', contact: 'today.fan@example.com', locale: 'en', memberId: fan.memberId, category: 'delivery',
      description: 'The parcel never came.' }),
  });
  assert.equal(filed.status, 202, `the complaint: ${filed.status}`);
  const ticket = await until('the ticket in the queue', async () =>
    (await json('agent', `/v1/admin/complaints?memberId=${fan.memberId}&status=all`)).items?.[0], 60);

  // Admission under review: the next sign-up waits.
  const settings = await json('admin', '/v1/admin/settings/members');
  await json('admin', '/v1/admin/settings/members', put({ basedOn: settings.current.version, admission: 'review' }));
  const pending = await join('Today Newcomer');
  assert.equal(pending.status, 'pending');

  // The fan interacts today through the ingestion API; the scorer counts the day.
  const key = await json('admin', '/v1/admin/channel-keys', post({ channel: 'wechat', name: 'today browser test' }), 201);
  const sent = await fetch(`${ctx.stack.api}/v1/interactions`, { method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key.apiKey },
    body: JSON.stringify({ events: [{ eventId: `today-like-${randomBytes(3).toString('hex')}`, memberId: fan.memberId, type: 'like',
      occurredAt: new Date().toISOString() }] }) });
  assert.equal(sent.status, 202, `the interaction: ${sent.status}`);
  await until('the like scored', async () => (await json('admin', `/v1/admin/members/${fan.memberId}/interactions?limit=10`)).items.length === 1);
  await until('the first-response target passed', async () => {
    const line = (await json('agent', `/v1/admin/complaints?memberId=${fan.memberId}&status=all`)).items[0];
    return line.due?.earliest && Date.parse(line.due.earliest) < Date.now() - 1000;
  }, 120);
  // The SLA sweep (fired now through the runner's controls) keeps the state the queue's filter reads.
  const fired = await fetch(`${ctx.stack.control}/_local/schedules/fire`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'ComplaintsSweepFunction' }) });
  assert.equal(fired.status, 200, `the sweep: ${fired.status}`);
  await until('the sweep to mark the ticket breached', async () =>
    (await json('agent', `/v1/admin/complaints?memberId=${fan.memberId}&status=all`)).items[0].slaState === 'breached', 60);

  const page = await signIn('manager');
  await page.waitForSelector('#today-work [data-work=signups]');
  assert.equal(await count(page, 'signups'), 1);
  assert.ok(await count(page, 'complaints') >= 1, 'the complaint past its target is at risk');
  assert.match(await page.textContent('#today-work [data-work=complaints]'), new RegExp(ticket.ticketNumber));
  for (const work of ['requests', 'downgrades', 'expiring', 'dormant', 'budgets', 'pools']) {
    assert.ok(await page.isVisible(`#today-work [data-work=${work}]`), `${work} is a manager's list`);
  }
  assert.equal(await page.isVisible('#today-work [data-work=mine]'), false, 'a manager is not an agent');
  await page.waitForSelector('#today-active-count[data-count]');
  assert.equal(await page.getAttribute('#today-active-count', 'data-count'), '1', "the fan's like today");

  await page.click('#today-work [data-work=signups] a[href="#members/status/pending"]');
  await page.waitForSelector('#view-members:not([hidden])');
  await page.waitForSelector(`#member-results tbody tr :text("${pending.memberId}")`);
  assert.equal(await page.inputValue('#dir-status'), 'pending');

  await page.goto(`${ctx.stack.dashboard}#`);
  await page.waitForSelector('#today-work [data-work=complaints] a[href="#complaints/sla/breached"]');
  await page.click('#today-work [data-work=complaints] a[href="#complaints/sla/breached"]');
  await page.waitForSelector(`#cq-list tbody tr :text("${ticket.ticketNumber}")`);
  assert.equal(await page.inputValue('#cq-sla'), 'breached');
  await page.close();
});

test("an analyst's Today has the KPI cards and today's activity, and no work list; every request it starts finishes", async () => {
  const page = await signIn('analyst');
  await page.waitForSelector('#today-active-count[data-count]');
  assert.equal(await page.isVisible('#today-kpis'), true);
  assert.equal(await page.$('#today-lists'), null, 'no list an analyst could act on');
  assert.equal(await page.isVisible('#today-work'), false);
  // No snapshot has been computed on this stack yet: the KPI cards ask for yesterday's and the day before's (404 each),
  // and say so. Those answers are read to their end too, so the page finishes every request it started.
  await page.waitForFunction(() => document.getElementById('today-kpis-asof')?.textContent !== '', null, { timeout: 60_000 });
  for (let waited = 0; page.open.size > 0 && waited < 10_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual([...page.open].map((r) => r.url()), [], 'requests still open');
  await page.close();
});

test('the weekly review shows a week against the week before and its targets, and prints without the navigation', async () => {
  const yesterday = addDays(businessDay(), -1);
  const week = monday(addDays(yesterday, -7));
  const from = addDays(week, -7);
  const asked = Date.now() - 1000;
  await json('admin', '/v1/admin/metrics/backfill', post({ from, to: yesterday }), 202);
  await until(`the snapshot of ${yesterday}`, async () => {
    const response = await call('analyst', `/v1/admin/metrics/daily/${yesterday}`);
    return response.status === 200 && Date.parse((await response.json()).computedAt) >= asked;
  });

  const page = await signIn('analyst');
  await page.waitForSelector('#today-kpi-cards .kpi');
  assert.equal(await page.locator('#today-kpi-cards .kpi').count(), 4, 'the four KPI cards');
  await page.click('#today-kpis a[href="#review"]');
  await page.waitForSelector('#review-content [data-section=activity]');
  const label = isoWeek(week);
  await page.goto(`${ctx.stack.dashboard}#review/${label}`);
  await page.waitForFunction((w) => document.getElementById('review-week')?.textContent.includes(w), label);
  await page.waitForSelector('#review-content [data-section=rewards]');
  for (const section of ['activity', 'retention', 'conversion', 'satisfaction', 'complaints', 'rewards']) {
    assert.ok(await page.isVisible(`#review-content [data-section=${section}]`), section);
  }
  assert.match(await page.textContent('#review-summary'), /7 of 7 days/);
  assert.match(await page.textContent('[data-review=dau] .delta'), /^[▲▼＝]/, 'a change against the week before, with its arrow');
  assert.match(await page.textContent('[data-review=conversion]'), /≥ 10%/, 'conversion against its target');
  assert.match(await page.textContent('[data-review=csat]'), /≥ 4\.5/);
  assert.equal(await page.getAttribute('#review-prev', 'href'), `#review/${isoWeek(addDays(week, -7))}`);
  assert.equal(await page.getAttribute('#review-next', 'href'), `#review/${isoWeek(addDays(week, 7))}`);

  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('#nav'), false, 'no navigation on paper');
  assert.equal(await page.isVisible('#review-prev'), false);
  assert.equal(await page.isVisible('.bar'), false);
  assert.equal(await page.isVisible('#review-content [data-section=activity]'), true);
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.isVisible('#nav'), true);
  await page.close();
});
