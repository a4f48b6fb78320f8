// The dashboard's rewards in a real browser against the local runtime: a manager creates a budget (its burn-down shown),
// a code pool filled with generated codes (a count beyond the pattern refused at its field) and a coupon in the catalogue
// (a missing English name refused at its field; saved as version 1; a version saved meanwhile a conflict to reload),
// grants the coupon from the member's record and finds it in the archive with its totals and in the CSV export; the
// member, given points, redeems the coupon on their private page, reads its code, and prints a certificate alone; a
// manager's grant above the approval threshold waits, an admin approves it in the Rewards area, opens the issuance and
// revokes it with a reason; an analyst reads the catalogue and the archive without member ids, an agent has no Rewards.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';
import { idToken, withStackAndBrowser } from './stack.mjs';

let member;
const ctx = withStackAndBrowser({ before, after, afterEach }, chromium, async () => {
  member = await join(`reward.fan+${randomBytes(3).toString('hex')}@example.com`);
});

async function join(email) {
  const notices = (await (await fetch(`${ctx.stack.api}/v1/notices?locale=en`)).json()).notices;
  const response = await fetch(`${ctx.stack.api}/v1/members`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ nickname: 'Zhou Ning', email, region: 'Chengdu', channel: 'web', locale: 'en',
      consents: notices.map((n) => ({ purpose: n.purpose, granted: true, noticeVersion: n.version })) }),
  });
  assert.equal(response.status, 201);
  return response.json();
}

async function adminCall(path, options = {}) {
  return fetch(`${ctx.stack.api}${path}`, { ...options,
    headers: { 'content-type': 'application/json', ...(options.headers || {}), authorization: `Bearer ${await idToken(ctx.stack, 'admin')}` } });
}

async function json(path, options) {
  const response = await adminCall(path, options);
  const body = await response.json();
  assert.ok(response.ok, `${path}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/** Adds items to the catalogue in force (as another operator would). */
async function addItems(...items) {
  const current = await json('/v1/admin/rewards/catalogue');
  return json('/v1/admin/rewards/catalogue', { method: 'PUT', body: JSON.stringify({ basedOn: current.version, items: current.items.concat(items) }) });
}

function businessDay(offsetDays) {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
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

async function openMember(page, memberId) {
  await page.click('#nav a[data-view=members]');
  await page.fill('#member-query', memberId);
  await page.click('#member-search button[type=submit]');
  await page.click(`#member-results a:text("${memberId}")`);
  await page.waitForSelector('#member-rewards:not([hidden])');
}

const text = (page, selector) => page.textContent(selector);
const statusHas = (page, id, part) => page.waitForFunction(([i, p]) => document.getElementById(i)?.textContent.includes(p), [id, part]);

test('a manager makes a budget, a pool of generated codes and a coupon, grants it from the member record, and finds it in the archive', async () => {
  const page = await signIn('manager', 'rewards');
  // The stack may be shared: versions count from the one in force (0, an empty catalogue, on a stack of its own).
  await page.waitForFunction(() => /Version \d+/.test(document.getElementById('rw-catalogue-version')?.textContent));
  const inForce = Number(/Version (\d+)/.exec(await text(page, '#rw-catalogue-version'))[1]);

  // A budget: its burn-down shows the whole amount remaining.
  await page.click('#rw-budgets details summary');
  const budget = page.locator('#rw-budget-form');
  await budget.locator('[name=budgetId]').fill('spring-2026');
  await budget.locator('[name=name]').fill('Spring campaign');
  await budget.locator('[name=from]').fill(businessDay(-20));
  await budget.locator('[name=until]').fill(businessDay(60));
  await budget.locator('[name=amount]').fill('2000');
  await budget.locator('button[type=submit]').click();
  await page.waitForSelector('#rw-budget-detail:not([hidden])');
  assert.match(await text(page, '[data-figure=remaining]'), /2,000\.00/);
  assert.match(await text(page, '#rw-budgets-list tr[data-budget=spring-2026]'), /Spring campaign/);

  // A code pool: a count its pattern cannot reach is refused at the field; then 20 generated codes.
  await page.click('#rw-pools details summary');
  const pool = page.locator('#rw-pool-form');
  await pool.locator('[name=poolId]').fill('spring-coupons');
  await pool.locator('[name=name]').fill('Spring coupons');
  await pool.locator('[name=threshold]').fill('5');
  await pool.locator('button[type=submit]').click();
  await page.waitForSelector('#rw-pool-detail:not([hidden])');
  const generate = page.locator('#rw-pool-generate');
  await generate.locator('[name=pattern]').fill('####');
  await generate.locator('[name=charset]').fill('AB');
  await generate.locator('[name=count]').fill('17');
  await generate.locator('button[type=submit]').click();
  await page.waitForSelector('#rw-pool-generate [data-error-for=count]:not([hidden])');
  await generate.locator('[name=prefix]').fill('FAN-');
  await generate.locator('[name=pattern]').fill('####-####');
  await generate.locator('[name=charset]').fill('ABCDEFGHJKLMNPQRSTUVWXYZ23456789');
  await generate.locator('[name=count]').fill('20');
  await generate.locator('button[type=submit]').click();
  await statusHas(page, 'rw-pool-detail-status', 'Now 20 available');
  assert.equal(await page.isVisible('#rw-pool-generate [data-error-for=count]'), false);
  await page.waitForFunction(() => document.querySelector('#rw-pools-list tr[data-pool=spring-coupons] td:nth-child(3)')?.textContent === '20');

  // The coupon: a missing English name is named beside its field; fixed, saved as version 1.
  await page.click('#rw-item-new');
  const item = page.locator('#rw-item-form');
  await item.locator('[name=itemId]').fill('spring-coupon');
  await item.locator('[name=type]').selectOption('coupon');
  await item.locator('[name="name.zh-CN"]').fill('春季优惠券');
  await item.locator('[name="description.en"]').fill('10 CNY off in the brand store');
  await item.locator('[name="description.zh-CN"]').fill('品牌商城立减 10 元');
  await item.locator('[name=pointsPrice]').fill('100');
  await item.locator('[name=cost]').fill('5');
  await item.locator('[name=budgetId]').selectOption('spring-2026');
  await item.locator('[name=codePoolId]').selectOption('spring-coupons');
  await item.locator('[name="limits.day"]').fill('2');
  await item.locator('[name=validDays]').fill('30');
  await item.locator('button[type=submit]').click();
  await page.waitForSelector('#rw-item-form [data-error-for="name.en"]:not([hidden])');
  assert.equal(await item.locator('[name="name.en"]').getAttribute('aria-invalid'), 'true');
  await item.locator('[name="name.en"]').fill('Spring coupon');
  await item.locator('button[type=submit]').click();
  await statusHas(page, 'rw-catalogue-status', `Saved as version ${inForce + 1}`);
  await page.waitForSelector(`#rw-catalogue-history li[data-version="${inForce + 1}"]`);
  const row = await text(page, '#rw-items tr[data-item=spring-coupon]');
  for (const shown of ['Spring coupon', 'Coupon', '100', '¥5.00', 'spring-2026']) assert.ok(row.includes(shown), `${shown} in ${row}`);
  const saved = await json('/v1/admin/rewards/catalogue');
  const coupon = saved.items.find((i) => i.itemId === 'spring-coupon');
  assert.deepEqual([saved.version, coupon.cost, coupon.limits.day, coupon.codePoolId], [inForce + 1, 500, 2, 'spring-coupons']);

  // Someone saves meanwhile: an edit based on version 1 is a conflict, reloaded to their version.
  await addItems({ itemId: 'helper-badge', type: 'badge', name: { 'zh-CN': '热心会员', en: 'Helper' }, cost: 0 });
  await page.click('#rw-items tr[data-item=spring-coupon] button');
  await item.locator('[name=pointsPrice]').fill('120');
  await item.locator('button[type=submit]').click();
  await page.waitForSelector('#rw-catalogue-stale:not([hidden])');
  await page.click('#rw-catalogue-reload');
  await page.waitForSelector('#rw-items tr[data-item=helper-badge]');
  assert.match(await text(page, '#rw-catalogue-version'), new RegExp(`Version ${inForce + 2}, by admin@fanops\\.local`));

  // The grant, from the member's record, after confirming.
  await openMember(page, member.memberId);
  await page.selectOption('#member-grant-item', 'spring-coupon');
  await page.fill('#member-grant-reason', 'Helped at the spring meetup');
  page.once('dialog', (dialog) => dialog.accept());
  await page.click('#member-grant button[type=submit]');
  await statusHas(page, 'member-grant-status', 'Granted');
  const granted = page.locator('#member-rewards-list tbody tr', { hasText: 'Spring coupon' });
  await granted.waitFor();
  assert.match(await granted.textContent(), /FAN-[A-Z2-9]{4}-[A-Z2-9]{4}/);
  assert.match(await granted.textContent(), /Granted by hand.*fulfilled/);
  const issuanceId = await granted.getAttribute('data-issuance-id');

  // The archive: the grant, its totals, and the CSV export of the same lines.
  await page.click('#nav a[data-view=rewards]');
  await page.selectOption('#rw-archive-type', 'coupon');
  const line = page.locator(`#rw-archive-list tr[data-issuance-id="${issuanceId}"]`);
  await line.waitFor();
  assert.match(await line.textContent(), new RegExp(`Granted by hand.*${member.memberId}`));
  await page.waitForFunction(() => document.querySelector('#rw-totals tr[data-total=total]')?.textContent.includes('¥5.00'));
  assert.match(await text(page, '#rw-totals tr[data-total=total]'), /^All1(CN)?¥5\.000$/);
  assert.match(await text(page, '#rw-totals'), /By typeCoupon1(CN)?¥5\.00/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#rw-export')]);
  assert.match(download.suggestedFilename(), /^rewards-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const { readFile } = await import('node:fs/promises');
  const csv = await readFile(await download.path(), 'utf8');
  assert.match(csv.split('\n')[0], /^issuanceId,memberId,itemId,type/);
  assert.ok(csv.includes(issuanceId) && csv.includes('Helped at the spring meetup'), csv);
  await page.close();
});

test('the member, given points, redeems the coupon on their private page, reads its code and prints a certificate alone', async () => {
  await json(`/v1/admin/members/${member.memberId}/points/adjustments`, { method: 'POST',
    body: JSON.stringify({ points: 300, reason: 'Welcome bonus for the test', adjustmentId: `e2e-${randomBytes(4).toString('hex')}` }) });
  await addItems({ itemId: 'meetup-certificate', type: 'certificate', name: { 'zh-CN': '见面会志愿者', en: 'Meetup volunteer' },
    description: { 'zh-CN': '感谢您在春季见面会上的帮助', en: 'For helping at the spring meetup' }, cost: 0 });
  await json(`/v1/admin/members/${member.memberId}/rewards`, { method: 'POST',
    body: JSON.stringify({ itemId: 'meetup-certificate', grantId: `cert-${randomBytes(6).toString('hex')}`, reason: 'Volunteered all day' }) });

  const page = await ctx.browser.newPage();
  await page.goto(`${ctx.stack.dashboard}member.html#${member.memberId}.${member.memberToken}`);
  await page.selectOption('#locale', 'en');
  await page.waitForFunction(() => document.getElementById('my-points')?.textContent === '300');
  const offer = page.locator('[data-offer=spring-coupon]');
  await offer.waitFor();
  assert.match(await offer.textContent(), /Spring coupon.*10 CNY off.*Redeem for 100 points/);
  page.once('dialog', (dialog) => dialog.accept());
  await offer.locator('button').click();
  await statusHas(page, 'my-rewards-status', 'Redeemed: Spring coupon');
  assert.match(await text(page, '#my-rewards-status'), /Your code: FAN-[A-Z2-9]{4}-[A-Z2-9]{4}/);
  await page.waitForFunction(() => document.getElementById('my-points')?.textContent === '200');
  const coupons = page.locator('#my-rewards-list tbody tr', { hasText: 'Spring coupon' });
  await page.waitForFunction(() => document.querySelectorAll('#my-rewards-list tbody tr').length === 3);
  assert.equal(await coupons.count(), 2, 'the grant and the redemption');
  assert.equal(await page.locator('#my-rewards-list .coupon-code').count(), 2);
  const redeemed = await json(`/v1/admin/members/${member.memberId}/rewards`);
  assert.equal(redeemed.items.filter((i) => i.trigger === 'redemption' && i.pointsPrice === 100).length, 1);

  // The certificate, printed on its own: the print styles leave out everything else.
  const certificate = page.locator('[data-certificate]');
  assert.match(await certificate.textContent(), /Certificate.*Meetup volunteer.*For helping at the spring meetup.*Awarded to member/);
  await page.evaluate(() => { window.print = () => { document.body.dataset.printed = 'yes'; }; });
  await page.click('[data-print]');
  assert.equal(await page.getAttribute('body', 'data-printed'), 'yes');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await certificate.isVisible(), true);
  for (const hidden of ['#consents', '#my-redeemable', '#my-rewards-list', '[data-print]', 'header.bar']) {
    assert.equal(await page.isVisible(hidden), false, `${hidden} is not printed`);
  }
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.isVisible('#my-redeemable'), true);
  await page.close();
});

test('a manager\'s grant above the threshold awaits approval; an admin approves it, opens the issuance and revokes it', async () => {
  await addItems({ itemId: 'vip-dinner', type: 'gift', name: { 'zh-CN': '贵宾晚宴', en: 'VIP dinner' }, cost: 80000, budgetId: 'spring-2026' });
  const manager = await signIn('manager');
  await openMember(manager, member.memberId);
  await manager.selectOption('#member-grant-item', 'vip-dinner');
  await manager.fill('#member-grant-reason', 'Ten years in the community');
  manager.once('dialog', (dialog) => dialog.accept());
  await manager.click('#member-grant button[type=submit]');
  await statusHas(manager, 'member-grant-status', 'Awaiting approval');
  assert.match(await text(manager, '#member-grant-status'), /¥800\.00/);
  await manager.click('#nav a[data-view=rewards]');
  const waiting = manager.locator('#rw-approvals-list tbody tr', { hasText: 'vip-dinner' });
  await waiting.waitFor();
  assert.equal(await waiting.locator('button').count(), 0, 'managers do not approve');
  await manager.close();

  const admin = await signIn('admin', 'rewards');
  const row = admin.locator('#rw-approvals-list tbody tr', { hasText: 'vip-dinner' });
  await row.waitFor();
  assert.match(await row.textContent(), /manager@fanops\.local.*Ten years in the community/);
  admin.once('dialog', (dialog) => dialog.accept('Long-standing member'));
  await row.locator('[data-decision=approve]').click();
  await statusHas(admin, 'rw-approvals-status', 'Approved and issued');
  await row.waitFor({ state: 'detached' });
  const issuanceId = /\((r_[0-9a-f]{32})\)/.exec(await text(admin, '#rw-approvals-status'))[1];

  // The issuance opens from its link; revoking it asks why and releases its cost.
  await admin.goto(`${ctx.stack.dashboard}#rewards/${issuanceId}`);
  await admin.waitForSelector('#rw-issuance:not([hidden])');
  const fields = await text(admin, '#rw-issuance-fields');
  for (const shown of ['issued', 'Granted by hand', '¥800.00', 'manager@fanops.local', 'Ten years in the community']) {
    assert.ok(fields.includes(shown), `${shown} in ${fields}`);
  }
  admin.once('dialog', (dialog) => dialog.accept('Booked twice by mistake'));
  await admin.click('#rw-revoke');
  await statusHas(admin, 'rw-issuance-status', 'Revoked');
  assert.match(await text(admin, '#rw-issuance-fields'), /revoked/);
  const budget = await json('/v1/admin/rewards/budgets/spring-2026');
  assert.equal(budget.budget.reserved, 0, JSON.stringify(budget.budget));
  await admin.close();
});

test('an analyst reads the catalogue, budgets and archive without member ids; an agent has no Rewards area', async () => {
  const analyst = await signIn('analyst', 'rewards');
  await analyst.waitForSelector('#rw-items tr[data-item=spring-coupon]');
  await analyst.waitForSelector('#rw-archive-list tbody tr');
  await analyst.waitForSelector('#rw-budgets-list tr[data-budget=spring-2026]');
  assert.equal(await analyst.isVisible('#rw-item-new'), false);
  assert.equal(await analyst.isVisible('#rw-approvals'), false);
  assert.equal(await analyst.locator('#rw-budget-form').count(), 0);
  assert.ok(!(await text(analyst, '#view-rewards')).includes(member.memberId), 'no member id');
  await analyst.close();

  const agent = await signIn('agent');
  assert.equal(await agent.isVisible('#nav a[data-view=rewards]'), false);
  await agent.close();
});
