// The dashboard's activities in a real browser against the local runtime: a manager creates an activity (the server's
// field errors beside the fields; an edit over a version saved meanwhile explained and reloaded), approves and publishes
// it, and finds it in the calendar and the list; a member who signed up through the real route registers on their
// private page and shows the rotating code (QR and digits); at the door an agent types it on the check-in page -
// "checked in", then "already" - and is offered no edit or status button; the member's record lists the activity;
// an analyst reads the registrations without names, and the report page draws an evaluation (pending figures read as
// pending, never 0) and prints alone.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';
import { idToken, withStackAndBrowser } from './stack.mjs';

const RUN = randomBytes(3).toString('hex');
const THEME = `Winter tasting ${RUN}`;
let activityId;
let member;
const ctx = withStackAndBrowser({ before, after, afterEach }, chromium, async () => {
  member = await join(`activity.fan+${RUN}@example.com`);
  // The two activities functions start their JVMs on their first call: started here, not inside a page's 30 s wait.
  await Promise.all([fetch(`${ctx.stack.api}/v1/activities`), adminCall('/v1/admin/activities')]);
});

async function join(email) {
  const notices = (await (await fetch(`${ctx.stack.api}/v1/notices?locale=en`)).json()).notices;
  const response = await fetch(`${ctx.stack.api}/v1/members`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ nickname: 'Lin Qiao', email, region: 'Hangzhou', channel: 'web', locale: 'en',
      consents: notices.map((n) => ({ purpose: n.purpose, granted: true, noticeVersion: n.version })) }),
  });
  assert.equal(response.status, 201);
  return response.json();
}

async function adminCall(path, options = {}) {
  const response = await fetch(`${ctx.stack.api}${path}`, { ...options,
    headers: { 'content-type': 'application/json', ...(options.headers || {}), authorization: `Bearer ${await idToken(ctx.stack, 'admin')}` } });
  const body = await response.json().catch(() => ({}));
  assert.ok(response.ok, `${path}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

async function signIn(role, hash = '') {
  const page = await ctx.browser.newPage();
  await page.goto(ctx.stack.dashboard);
  await page.selectOption('#locale', 'en');
  await page.fill('#username', `${role}@fanops.local`);
  await page.fill('#password', ctx.stack.logins[role]);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#home:not([hidden])', { timeout: 90_000 });
  if (hash) await page.goto(`${ctx.stack.dashboard}${hash}`);
  return page;
}

/** An instant `minutes` from now as a datetime-local value in the page's time zone. */
function local(page, minutes) {
  return page.evaluate((m) => {
    const d = new Date(Date.now() + m * 60_000);
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }, minutes);
}

const statusIs = (page, status) => page.waitForFunction((s) => document.querySelector('#act-detail-status')?.textContent === s, status);

async function confirmMove(page, to) {
  await page.click(`#act-actions [data-move=${to}]`);
  await page.click('dialog.confirm-dialog button[type=submit]');
  await page.waitForSelector('dialog.confirm-dialog', { state: 'detached' });
}

test('a manager creates an activity - field errors beside the fields, a stale edit explained - approves and publishes it', async () => {
  const page = await signIn('manager', '#activities');
  await page.waitForSelector('#act-calendar tbody');
  await page.click('#act-new');
  const form = page.locator('#act-form');
  // Nothing filled in: the server names each field, shown beside it.
  await form.locator('button[type=submit]').click();
  await page.waitForSelector('#act-form [data-error-for=theme]:not([hidden])');
  assert.equal(await page.isVisible('#act-form [data-error-for=capacity]'), true);
  assert.equal(await form.locator('[name=theme]').getAttribute('aria-invalid'), 'true');

  await form.locator('[name=theme]').fill(THEME);
  await form.locator('[name=description]').fill('Three teas, one host.');
  await form.locator('[name=place]').fill(`Store ${RUN}, West Lake`);
  await form.locator('[name=startsAt]').fill(await local(page, 10));
  await form.locator('[name=endsAt]').fill(await local(page, 130));
  await form.locator('[name=registrationOpensAt]').fill(await local(page, -60));
  await form.locator('[name=registrationClosesAt]').fill(await local(page, 120));
  await form.locator('[name=capacity]').fill('5');
  await form.locator('[name=waitingLimit]').fill('2');
  await form.locator('[name=owner]').fill('Community team');
  await form.locator('[name="goals.participants"]').fill('4');
  await form.locator('[name="goals.attendanceRate"]').fill('80');
  await page.click('#act-task-add');
  await form.locator('[name="tasks[0].title"]').fill('Book the tasting room');
  await form.locator('[name="tasks[0].owner"]').fill('Wen');
  await form.locator('[name="tasks[0].due"]').fill(new Date().toISOString().slice(0, 10));
  await form.locator('button[type=submit]').click();
  await statusIs(page, 'draft');
  activityId = decodeURIComponent(new URL(page.url()).hash.split('/')[1]);
  assert.match(await page.textContent('#act-detail-title'), new RegExp(THEME));
  assert.match(await page.textContent('#act-counts [data-count=registered]'), /0 \/ 5/);

  // Someone saves it meanwhile: the edit based on the version shown is refused and explained; reloading shows theirs.
  const current = await adminCall(`/v1/admin/activities/${activityId}`);
  const { activityId: _id, status: _s, counts: _c, ...draft } = current;
  await adminCall(`/v1/admin/activities/${activityId}`, { method: 'PUT', body: JSON.stringify({ ...draft, description: 'Four teas now.' }) });
  await page.click('#act-edit');
  await form.locator('[name=description]').fill('Three teas and a cake.');
  await form.locator('button[type=submit]').click();
  await page.waitForSelector('#act-stale:not([hidden])');
  await page.click('#act-stale-reload');
  await page.waitForFunction(() => document.querySelector('#act-form [name=description]').value === 'Four teas now.');
  await page.click('#act-form button.secondary[data-i18n=close]');

  await confirmMove(page, 'approved');
  await statusIs(page, 'approved');
  await confirmMove(page, 'published');
  await statusIs(page, 'published');

  // The calendar shows it on its day; the list too, filtered by its status.
  await page.goto(`${ctx.stack.dashboard}#activities`);
  await page.waitForSelector(`#act-calendar a[data-activity="${activityId}"].act-published`);
  await page.click('#act-view-list');
  await page.selectOption('#act-status-filter', 'published');
  await page.waitForSelector(`#act-list tr[data-activity="${activityId}"]`);
  await page.selectOption('#act-status-filter', 'draft');
  assert.equal(await page.locator(`#act-list tr[data-activity="${activityId}"]`).count(), 0);
  await page.close();
});

test('the member registers on their page; at the door the typed code checks them in once, then answers "already"', async () => {
  assert.ok(activityId, 'the first test made the activity');
  const mine = await ctx.browser.newPage();
  await mine.goto(`${ctx.stack.dashboard}member.html#${member.memberId}.${member.memberToken}`);
  await mine.selectOption('#locale', 'en');
  await mine.click(`#my-open-activities [data-register="${activityId}"]`);
  await mine.waitForFunction(() => /You have a seat: registration no\. \d+/.test(document.getElementById('my-activities-status').textContent));
  await mine.waitForSelector(`#my-registrations tr[data-registration="${activityId}"]`);
  assert.match(await mine.textContent(`#my-registrations tr[data-registration="${activityId}"]`), /has a seat/);
  // It starts within minutes: the countdown says so, in minutes.
  assert.match(await mine.textContent(`#my-registrations tr[data-registration="${activityId}"] [data-countdown]`), /^Starts in \d+ min$/);
  await mine.click(`#my-registrations [data-code="${activityId}"]`);
  await mine.waitForSelector('#my-code:not([hidden]) svg.qr path');
  const code = async () => (await mine.textContent('#my-code-digits')).trim();
  assert.match(await code(), /^\d+-\d{6}$/);

  const door = await signIn('agent', `#activities/${activityId}`);
  await door.waitForSelector('#act-detail-title:not(:empty)');
  // An agent checks people in and edits nothing.
  assert.equal(await door.locator('#act-edit, #act-actions [data-move], #act-new').count(), 0);
  await door.click('#act-checkin-link');
  await door.waitForSelector('#act-checkin:not([hidden])');
  await door.fill('#ci-code', '12-34');
  await door.click('#ci-submit');
  await door.waitForSelector('#ci-answer[data-outcome=malformed]');
  await door.fill('#ci-code', await code());
  await door.click('#ci-submit');
  await door.waitForSelector('#ci-answer[data-outcome=checked_in]');
  assert.match(await door.textContent('#ci-answer'), /Checked in.*Registration no\. \d+/s);
  await door.waitForFunction(() => /^1 checked in/.test(document.getElementById('ci-counts').textContent));
  // Scanned again (the code on the member's page now): the first check-in stands.
  await door.fill('#ci-code', await code());
  await door.click('#ci-submit');
  await door.waitForSelector('#ci-answer[data-outcome=already]');
  assert.match(await door.textContent('#ci-answer'), /Already checked in.*First checked in/s);
  await door.waitForFunction(() => /^1 checked in/.test(document.getElementById('ci-counts').textContent));

  // The member's page says so; the member's record lists the activity.
  await mine.reload();
  await mine.waitForFunction((id) => /Checked in/.test(document.querySelector(`#my-registrations tr[data-registration="${id}"]`)?.textContent || ''), activityId);
  const admin = await signIn('admin', `#members/${member.memberId}`);
  await admin.waitForSelector(`#member-activities:not([hidden]) tr[data-activity="${activityId}"]`);
  assert.match(await admin.textContent(`#member-activities tr[data-activity="${activityId}"]`), new RegExp(`${THEME}.*has a seat`, 's'));
  await Promise.all([mine.close(), door.close(), admin.close()]);
});

test('an analyst reads the registrations without names, and the report page shows pending as pending and prints alone', async () => {
  assert.ok(activityId, 'the first test made the activity');
  const page = await signIn('analyst', `#activities/${activityId}`);
  await page.waitForSelector('#act-registrations tbody tr');
  const rows = await page.textContent('#act-registrations tbody');
  assert.doesNotMatch(rows, /Lin Qiao|example\.com/);
  assert.match(rows, new RegExp(member.memberId));
  assert.equal(await page.locator('#act-edit, #act-actions [data-move], #act-checkin-link').count(), 0);

  // Before the first evaluation the API answers 404 not-evaluated: the page says so.
  await page.goto(`${ctx.stack.dashboard}#activities/${activityId}/report`);
  await page.waitForSelector('#rp-not-yet');
  // An evaluation as the API serves it once the job has written one (the job runs days after the end, so its answer is
  // put in the browser here): D30 still pending must read "pending", never 0.
  const lift = (n, r, hn, hr) => ({ treated: n, treatedRetained: r, holdout: hn, holdoutRetained: hr, treatedRate: r / n, holdoutRate: hr / hn,
    lift: r / n - hr / hn, low: r / n - hr / hn - 0.08, high: r / n - hr / hn + 0.08 });
  const report = { seated: 5, participants: 4, attendanceRate: 0.8, satisfactionResponses: 3, satisfaction: 4.67, buyers: 2, purchasesMinor: 25800,
    costMinor: 120000, d7: { day: 7, from: '2027-01-01', to: '2027-01-07', pending: false, participantsVsHoldout: lift(4, 3, 10, 4), invitedVsHoldout: lift(90, 45, 10, 4) },
    d30: { day: 30, from: '2027-01-24', to: '2027-01-30', pending: true, participantsVsHoldout: lift(4, 0, 10, 0), invitedVsHoldout: lift(90, 0, 10, 0) },
    engagement: { from: '2026-12-26', to: '2027-01-24', pending: true, participants: 0, invited: 0, holdout: 0 }, costPerRetainedMinor: 40000,
    goals: [{ goal: 'participants', target: 4, actual: 4, met: true }, { goal: 'attendanceRate', target: 0.9, actual: 0.8, met: false },
      { goal: 'retentionLift', target: 5, actual: null, met: null }], asOf: '2027-01-08', computedAt: '2027-01-08T01:00:00Z', final: false };
  await page.route(`**/v1/admin/activities/${activityId}/evaluation`, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(report) }));
  await page.reload();
  await page.waitForSelector('#rp-body [data-figure=seated]');
  assert.equal(await page.textContent('[data-figure=attendanceRate]'), '80.0%');
  assert.match(await page.textContent('[data-figure=satisfaction]'), /4\.67 \/ 5 \(3 answers\)/);
  assert.match(await page.textContent('[data-window=d7] tr[data-group=invited]'), /50\.0%.*\+10\.0 pts.*\+2\.0 … \+18\.0/s);
  const d30 = await page.textContent('[data-window=d30] tbody');
  assert.match(d30, /pending/);
  assert.doesNotMatch(d30, /0\.0%/);
  assert.deepEqual(await page.$$eval('[data-section=goals] td[data-state]', (cells) => cells.map((c) => c.dataset.state)), ['met', 'missed', 'pending']);
  // Printed: the report alone, without the navigation or the controls.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('#act-report'), true);
  assert.equal(await page.isVisible('#nav'), false);
  assert.equal(await page.isVisible('#rp-print'), false);
  await page.close();
});
