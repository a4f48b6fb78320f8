// The public sign-up form and the member's consent page in a real browser against the local runtime.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { withStackAndBrowser } from './stack.mjs';

const ctx = withStackAndBrowser({ before, after, afterEach }, chromium);

async function fill(page, email) {
  await page.goto(`${ctx.stack.dashboard}signup.html`);
  await page.selectOption('#locale', 'en');
  await page.waitForSelector('#consents input[data-purpose=membership]');
  await page.fill('#nickname', 'Lin Tao');
  await page.fill('#contact', email);
  await page.fill('#region', 'Chengdu');
  await page.selectOption('#channel', 'douyin');
}

test('a visitor joins with consents and withdraws marketing from the private link', async () => {
  const page = await ctx.browser.newPage();
  await fill(page, 'lin.tao@example.com');
  assert.match(await page.textContent('#consents'), /Membership terms \(required\)/);
  await page.check('#consents input[data-purpose=membership]');
  await page.check('#consents input[data-purpose=marketing]');
  await page.click('#signup button[type=submit]');
  await page.waitForSelector('#done:not([hidden])');
  const link = await page.textContent('#member-link');
  assert.match(link, /member\.html#m_[0-9a-f]+\./);

  await page.goto(link);
  await page.waitForSelector('#consents input[data-purpose=marketing]');
  assert.equal(await page.isChecked('#consents input[data-purpose=marketing]'), true);
  await page.uncheck('#consents input[data-purpose=marketing]');
  await page.click('#save');
  await page.waitForFunction(() => document.querySelectorAll('#history tbody tr').length === 4);
  assert.equal(await page.isChecked('#consents input[data-purpose=marketing]'), false);
  await page.close();
});

test('joining without accepting the membership terms is refused and says why', async () => {
  const page = await ctx.browser.newPage();
  await fill(page, 'no.terms@example.com');
  await page.click('#signup button[type=submit]');
  await page.waitForSelector('#errors:not([hidden])');
  assert.match(await page.textContent('#errors'), /Membership terms not accepted/);
  assert.equal(await page.isVisible('#done'), false);
  await page.close();
});

test('a birthday under the minimum age asks for a guardian', async () => {
  const page = await ctx.browser.newPage();
  await fill(page, 'young@example.com');
  assert.equal(await page.isVisible('#guardian'), false);
  await page.click('details summary');
  await page.fill('#birthday', '2016-06-01');
  await page.dispatchEvent('#birthday', 'change');
  assert.equal(await page.isVisible('#guardian'), true);
  await page.close();
});
