// The public activity page where the activities job's messages lead, in a real browser against the local runtime: the
// invitation's link (activity.html#<id>) shows the activity and sends the member to their own page to register; a survey
// link whose credential is not valid (forged, or another activity's) opens the form and says the link is not valid
// when sent - the API's 403 - in the member's language.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';
import { idToken, withStackAndBrowser } from './stack.mjs';

const RUN = randomBytes(3).toString('hex');
const THEME = `Online quiz night ${RUN}`;
let activityId;
const ctx = withStackAndBrowser({ before, after, afterEach }, chromium, async () => {
  const at = (minutes) => new Date(Date.now() + minutes * 60_000).toISOString();
  let a = await adminCall('/v1/admin/activities', { method: 'POST', body: JSON.stringify({
    theme: THEME, description: 'Questions about the season, prizes for the best three.', type: 'online',
    startsAt: at(2 * 24 * 60), endsAt: at(2 * 24 * 60 + 120), registrationOpensAt: at(-60), registrationClosesAt: at(24 * 60),
    capacity: 50, waitingLimit: 10, audience: { kind: 'everyone' }, owner: 'Li Na' }) });
  a = await adminCall(`/v1/admin/activities/${a.activityId}/status`, { method: 'POST', body: JSON.stringify({ to: 'approved', version: a.version }) });
  a = await adminCall(`/v1/admin/activities/${a.activityId}/status`, { method: 'POST', body: JSON.stringify({ to: 'published', version: a.version }) });
  activityId = a.activityId;
});

async function adminCall(path, options = {}) {
  const response = await fetch(`${ctx.stack.api}${path}`, { ...options,
    headers: { 'content-type': 'application/json', ...(options.headers || {}), authorization: `Bearer ${await idToken(ctx.stack, 'admin')}` } });
  const body = await response.json().catch(() => ({}));
  assert.ok(response.ok, `${path}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

test('the invitation link shows the activity and sends the member to their own page to register', async () => {
  const page = await ctx.browser.newPage();
  await page.goto(`${ctx.stack.dashboard}activity.html#${activityId}`);
  await page.selectOption('#locale', 'en');
  await page.waitForSelector('#activity:not([hidden])', { timeout: 60_000 });
  assert.equal(await page.textContent('#theme'), THEME);
  assert.equal(await page.textContent('#where'), 'Online');
  assert.match(await page.textContent('#register'), /your own member page/);
  assert.match(await page.textContent('#starts-in'), /^Starts in [12] d \d+ h$/, 'the countdown to a start two days away');
  assert.equal(await page.isVisible('#survey'), false, 'no survey form without a survey credential');
  await page.selectOption('#locale', 'zh-CN');
  assert.match(await page.textContent('#register'), /会员专属页面/);
  assert.match(await page.textContent('#starts-in'), /^距开始还有 [12] 天 \d+ 小时$/);
});

test('a survey link that is not valid opens the form and says so when sent, without naming anyone', async () => {
  const page = await ctx.browser.newPage();
  await page.goto(`${ctx.stack.dashboard}activity.html#${activityId}.m_${'ab'.repeat(16)}.${'A'.repeat(43)}`);
  await page.selectOption('#locale', 'en');
  await page.waitForSelector('#survey:not([hidden])', { timeout: 60_000 });
  await page.click('#survey button[type=submit]');
  assert.equal(await page.textContent('#errors'), 'Choose a score from 1 to 5.');
  await page.check('input[name=score][value="4"]');
  await page.click('#survey button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#errors').textContent.includes('not valid'));
  assert.equal(await page.isVisible('#done'), false);
});

test('a link to no activity says so, and the page finishes its requests', async () => {
  const page = await ctx.browser.newPage();
  // Every request the page starts must finish: a 404 whose body is never read stays open in the browser for good.
  const open = new Set();
  page.on('request', (r) => open.add(r));
  for (const done of ['requestfinished', 'requestfailed']) page.on(done, (r) => open.delete(r));
  await page.goto(`${ctx.stack.dashboard}activity.html#act_nosuch${RUN}`);
  await page.selectOption('#locale', 'en');
  await page.waitForFunction(() => !document.querySelector('#errors').hidden, null, { timeout: 60_000 });
  assert.equal(await page.textContent('#errors'), 'This activity cannot be found.');
  for (let waited = 0; open.size > 0 && waited < 10_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual([...open].map((r) => r.url()), [], 'requests still open');
});
