// Consent notices in Settings in a real browser (issue 15): an admin drafts the next marketing notice, leaves and
// resumes the draft, previews it as the sign-up form shows it, sees how many members publishing will ask to consent
// again - the members whose marketing grant names the version in force - publishes after a confirmation saying so,
// and finds those members flagged, the new version on the public form, and the publish in the audit log.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { idToken, signIn as signInAs, withStackAndBrowser } from './stack.mjs';

const ctx = withStackAndBrowser({ before, after, afterEach, ownStack: 'it publishes a notice: the count it sees and the versions other files sign up with would race' }, chromium);

async function call(role, path, options = {}) {
  return fetch(`${ctx.stack.api}${path}`, { ...options,
    headers: { ...(options.headers || {}), 'content-type': 'application/json', authorization: `Bearer ${await idToken(ctx.stack, role)}` } });
}

async function join(email, marketing) {
  const notices = (await (await fetch(`${ctx.stack.api}/v1/notices?locale=en`)).json()).notices;
  const response = await fetch(`${ctx.stack.api}/v1/members`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ nickname: 'Fan', email, region: 'Hangzhou', channel: 'web', locale: 'en',
      consents: notices.map((n) => ({ purpose: n.purpose, granted: n.purpose === 'membership' || (marketing && n.purpose === 'marketing'),
        noticeVersion: n.version })) }),
  });
  assert.equal(response.status, 201);
  return response.json();
}

async function openNotices(page, purpose) {
  await page.click('#nav a[data-view=settings]');
  await page.waitForSelector('#notices-current tbody tr');
  await page.selectOption('#notice-purpose', purpose);
  await page.waitForFunction((p) => document.getElementById('notice-reach').textContent.includes(p), 'Marketing messages');
}

test('an admin drafts, resumes, previews and publishes a notice after seeing how many members it asks again', async () => {
  const before = (await (await call('admin', '/v1/admin/notices/marketing/draft')).json()).askedAgain;
  const asked = [await join('yes.one@example.com', true), await join('yes.two@example.com', true)];
  const notAsked = await join('no.marketing@example.com', false);
  const expected = before + 2;

  let page = await signInAs(ctx, 'admin');
  await openNotices(page, 'marketing');
  assert.match(await page.textContent('#notice-reach'), new RegExp(`Publishing v2 of Marketing messages will ask ${expected} members`));
  assert.match(await page.textContent('#notice-draft-state'), /No draft/);
  await page.fill('#notice-text-en', 'Marketing messages, second edition: offers and care messages, at most twice a week.');
  await page.fill('#notice-text-zh-CN', '营销信息（第二版）：活动、优惠与关怀信息，每周最多两次。');
  await page.click('#notice-save');
  await page.waitForFunction(() => document.getElementById('notices-status').textContent.includes('Draft saved'));
  await page.close();

  // Left and resumed: the draft is the server's.
  page = await signInAs(ctx, 'admin');
  await openNotices(page, 'marketing');
  await page.waitForFunction(() => document.getElementById('notice-draft-state').textContent.includes('admin@fanops.local'));
  assert.match(await page.inputValue('#notice-text-en'), /second edition/);

  await page.click('#notice-preview-button');
  await page.waitForSelector('#notice-preview:not([hidden]) label.consent input[type=checkbox]');
  assert.match(await page.textContent('#notice-preview'), /Marketing messages: Marketing messages, second edition/);

  await page.click('#notice-publish');
  const dialog = page.locator('dialog.confirm-dialog[open]');
  await dialog.waitFor();
  assert.match(await dialog.textContent(), new RegExp(`${expected} members whose consent names an older version will be asked to consent again`));
  await dialog.locator('button[type=submit]').click();
  await dialog.waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.getElementById('notices-status').textContent.includes('Published v2'));
  await page.waitForSelector('#notices-current tr[data-purpose=marketing][data-locale=en]');
  assert.match(await page.textContent('#notices-current tr[data-purpose=marketing][data-locale=en]'), /v2.*second edition/);
  // The history compares v1 and v2: the English and Chinese texts changed.
  const history = page.locator('.history-diff[data-diff-of=notice-history]');
  await page.waitForFunction(() => document.querySelectorAll('#notice-history li').length === 2);
  await history.locator('button').click();
  await page.waitForSelector('.history-diff[data-diff-of=notice-history] tr[data-path="texts.en"]');
  assert.match(await history.locator('tr[data-path="texts.en"]').textContent(), /changed.*You can withdraw at any time.*second edition/);
  assert.match(await page.textContent('#notice-draft-state'), /No draft/);

  // The public form shows v2; the members counted are flagged by the reaction to NoticePublished, the other is not.
  const publicNotices = (await (await fetch(`${ctx.stack.api}/v1/notices?locale=en`)).json()).notices;
  assert.equal(publicNotices.find((n) => n.purpose === 'marketing').version, 2);
  const deadline = Date.now() + 60_000;
  for (const fan of asked) {
    for (;;) {
      const m = await (await call('admin', `/v1/admin/members/${fan.memberId}`)).json();
      if ((m.reconsentRequired || []).includes('marketing')) break;
      assert.ok(Date.now() < deadline, `${fan.memberId} not flagged: ${JSON.stringify(m)}`);
      await new Promise((ok) => setTimeout(ok, 500));
    }
  }
  assert.ok(!((await (await call('admin', `/v1/admin/members/${notAsked.memberId}`)).json()).reconsentRequired || []).includes('marketing'));
  assert.equal((await (await call('admin', '/v1/admin/notices/marketing/draft')).json()).askedAgain, expected,
    'still asked until they consent to v2');

  // The publish is in the audit log.
  await page.click('#nav a[data-view=audit]');
  await page.fill('#audit-action', 'notices.');
  await page.press('#audit-action', 'Enter');
  await page.waitForFunction(() => [...document.querySelectorAll('#audit-list tbody tr')].some((tr) => tr.dataset.action === 'notices.publish'));
  assert.match(await page.textContent('#audit-list tbody'), /marketing#2/);
  await page.close();
});

test('admission shows its history and the diff of two versions; managers cannot read notice drafts', async () => {
  const page = await signInAs(ctx, 'admin');
  await page.click('#nav a[data-view=settings]');
  await page.waitForFunction(() => document.getElementById('admission-version')?.textContent.startsWith('v'));
  for (const mode of ['review', 'auto']) {
    await page.selectOption('#admission-mode', mode);
    await page.click('#admission-form button[type=submit]');
    await page.waitForFunction((m) => document.getElementById('admission-version').textContent.includes(m === 'review' ? 'review' : 'automatic'), mode);
  }
  const box = page.locator('.history-diff[data-diff-of=admission-history]');
  await box.locator('[data-role=from]').selectOption({ index: 1 });
  await box.locator('[data-role=to]').selectOption({ index: 0 });
  await box.locator('button').click();
  await page.waitForSelector('.history-diff[data-diff-of=admission-history] tr[data-path=admission]');
  assert.match(await box.locator('tr[data-path=admission]').textContent(), /changed.*review.*auto/);
  await page.close();
  assert.equal((await call('manager', '/v1/admin/notices/marketing/draft')).status, 403);
});
