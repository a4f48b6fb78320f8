// The community pulse in a real browser against the local runtime: a manager starts one in the dashboard's Pulse area,
// the sweep draws it (fired now through the runner's controls), the member with marketing consent gets the private
// link by e-mail and the one without gets nothing; the link's page (bilingual) takes one answer, refuses a second,
// and the area shows the answer, the response rate and the score. Under the dashboard's Content-Security-Policy.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';
import { idToken, withStackAndBrowser } from './stack.mjs';

const YES = `success+pulse-yes-${randomBytes(3).toString('hex')}@simulator.amazonses.com`;
const NO = `success+pulse-no-${randomBytes(3).toString('hex')}@simulator.amazonses.com`;
let members;

const ctx = withStackAndBrowser({ before, after, afterEach, ownStack: 'the pulse samples the whole community: its response rate counts every member drawn' }, chromium, async () => {
  // No quiet hours, so the marketing message goes out whatever the time of the run (set before the sender first reads it).
  const current = await (await adminCall('/v1/admin/messaging/policy')).json();
  const saved = await adminCall('/v1/admin/messaging/policy', { method: 'PUT',
    body: JSON.stringify({ basedOn: current.version, policy: { ...current.policy, quietStart: '00:00', quietEnd: '00:00' } }) });
  assert.equal(saved.status, 201, await saved.text());
  members = { yes: await join(YES, true), no: await join(NO, false) };
});

async function adminCall(path, options = {}) {
  return fetch(`${ctx.stack.api}${path}`, { ...options,
    headers: { ...(options.headers || {}), 'content-type': 'application/json', authorization: `Bearer ${await idToken(ctx.stack, 'admin')}` } });
}

async function join(email, marketing) {
  const notices = (await (await fetch(`${ctx.stack.api}/v1/notices?locale=en`)).json()).notices;
  const response = await fetch(`${ctx.stack.api}/v1/members`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ nickname: 'Fang', email, region: 'Suzhou', channel: 'web', locale: 'en',
      consents: notices.map((n) => ({ purpose: n.purpose, granted: n.purpose === 'membership' || marketing, noticeVersion: n.version })) }),
  });
  assert.equal(response.status, 201);
  return response.json();
}

async function until(what, check, seconds = 90) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const found = await check();
    if (found) return found;
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 500));
  }
}

async function mailTo(address) {
  const box = await (await fetch(`${ctx.stack.mailbox}_aws/ses`)).json();
  return box.messages.filter((m) => JSON.stringify(m.Destination).includes(address));
}

test('a manager starts a pulse, a sampled member answers once through the link, the area shows the result', async () => {
  const page = await ctx.browser.newPage();
  await page.goto(ctx.stack.dashboard);
  await page.selectOption('#locale', 'en');
  await page.fill('#username', 'manager@fanops.local');
  await page.fill('#password', ctx.stack.logins.manager);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#home:not([hidden])');
  await page.click('#nav a[data-view=pulse]');
  await page.waitForSelector('#pulse-start');

  await page.fill('#pulse-size', '0');
  await page.click('#pulse-start button[type=submit]');
  await page.waitForFunction(() => /sampleSize/.test(document.getElementById('pulse-status').textContent));
  await page.fill('#pulse-size', '10');
  await page.fill('#pulse-days', '3');
  await page.click('#pulse-start button[type=submit]');
  await page.waitForFunction(() => /started/.test(document.getElementById('pulse-status').textContent));
  const pulseId = /p_[0-9a-f]{24}/.exec(await page.textContent('#pulse-status'))[0];
  assert.match(await page.textContent(`tr[data-pulse=${pulseId}] .pulse-state`), /drawing the sample/);

  const fired = await fetch(`${ctx.stack.control}/_local/schedules/fire`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'ComplaintsSweepFunction' }) });
  assert.equal(fired.status, 200, await fired.text());
  await until('the pulse to open', async () => (await (await adminCall(`/v1/admin/pulses/${pulseId}`)).json()).status === 'open');

  const [mail] = await until('the pulse e-mail', () => mailTo(YES).then((all) => all.filter((m) => /pulse\.html#/.test(m.Body.text_part))
    .slice(0, 1)).then((l) => (l.length ? l : null)));
  const link = new RegExp(`(pulse\\.html#${pulseId}\\.\\S+)`).exec(mail.Body.text_part);
  assert.ok(link, mail.Body.text_part);
  assert.match(mail.Body.text_part, /unsubscribe\.html#/, 'a marketing message carries its unsubscribe link');
  const refused = await until('the message without consent', async () => {
    const body = await (await adminCall(`/v1/admin/members/${members.no.memberId}/messages`)).json();
    return (body.items || []).find((m) => m.kind === 'pulse_survey');
  });
  assert.equal(refused.status, 'suppressed');
  assert.equal((await mailTo(NO)).filter((m) => /pulse\.html/.test(m.Body.text_part)).length, 0);

  const survey = await ctx.browser.newPage();
  await survey.goto(`${ctx.stack.dashboard}${link[1]}`);
  await survey.selectOption('#locale', 'zh-CN');
  await survey.waitForSelector('#pulse:not([hidden])');
  assert.match(await survey.textContent('#question'), /社区满意/);
  await survey.selectOption('#locale', 'en');
  assert.match(await survey.textContent('#question'), /how satisfied are you with our community/);
  await survey.click('#pulse button[type=submit]');
  await survey.waitForSelector('#errors:not([hidden])');
  assert.match(await survey.textContent('#errors'), /score/);
  await survey.check('input[name=score][value="4"]');
  await survey.fill('#comment', 'More meet-ups in Suzhou, please.');
  await survey.click('#pulse button[type=submit]');
  await survey.waitForSelector('#done:not([hidden])');
  await survey.reload();
  await survey.waitForFunction(() => /already answered/.test(document.getElementById('errors').textContent));
  assert.equal(await survey.isVisible('#pulse'), false);
  await survey.close();

  await page.click('#pulse-reload');
  await page.waitForFunction((id) => document.querySelector(`tr[data-pulse=${id}] .pulse-answered`)?.textContent === '1', pulseId);
  const row = await page.textContent(`tr[data-pulse=${pulseId}]`);
  assert.match(row, /open/);
  assert.match(row, /4\.00 \/ 5/);
  assert.match(row, /50%/, 'one answer of the two messages asked for');
  assert.doesNotMatch(row, /Suzhou|Fang/, 'answers are anonymous here');
  await page.close();
});

test('a forged pulse link is refused, in Chinese too', async () => {
  const page = await ctx.browser.newPage();
  await page.goto(`${ctx.stack.dashboard}pulse.html#p_${'0'.repeat(24)}.abcdefgh.${'A'.repeat(43)}`);
  await page.selectOption('#locale', 'zh-CN');
  await page.waitForFunction(() => /链接无效/.test(document.getElementById('errors').textContent));
  assert.equal(await page.isVisible('#pulse'), false);
  await page.close();
});
