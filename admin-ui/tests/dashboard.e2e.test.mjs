// The dashboard in a real browser against the local runtime: sign-in through the Cognito protocol,
// the operator's session from the admin API, wrong passwords, and the Chinese UI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { withStackAndBrowser } from './stack.mjs';

const ctx = withStackAndBrowser({ before, after }, chromium);

async function signIn(page, user, password) {
  await page.goto(ctx.stack.dashboard);
  await page.fill('#username', `${user}@fanops.local`);
  await page.fill('#password', password);
  await page.click('#login-form button[type=submit]');
}

test('an analyst signs in and sees their name and role', async () => {
  const page = await ctx.browser.newPage();
  await signIn(page, 'analyst', ctx.stack.logins.analyst);
  await page.waitForSelector('#home:not([hidden])');
  assert.equal(await page.textContent('#who'), 'analyst@fanops.local');
  assert.equal(await page.textContent('#roles'), 'analyst');
  await page.click('#signout');
  await page.waitForSelector('#login:not([hidden])');
  await page.close();
});

test('a wrong password is refused with a clear message and no session', async () => {
  const page = await ctx.browser.newPage();
  await signIn(page, 'admin', 'not-the-password');
  await page.waitForSelector('#login-error:not([hidden])');
  assert.match(await page.textContent('#login-error'), /Incorrect email or password/);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('fanops.idToken')), null);
  await page.close();
});

test('the dashboard speaks Chinese when asked and remembers it', async () => {
  const page = await ctx.browser.newPage();
  await page.goto(ctx.stack.dashboard);
  await page.selectOption('#locale', 'zh-CN');
  assert.equal(await page.textContent('#login h1'), '登录管理后台');
  await page.reload();
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  await page.close();
});
