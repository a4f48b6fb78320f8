// The dashboard in a real browser against the local runtime: sign-in through the Cognito protocol,
// the operator's session from the admin API, wrong passwords, the Chinese UI, and the admins' settings: a channel
// key created (shown once), used by the ingestion API and revoked there; engagement rules and KPI targets saved as new
// versions.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { takeViolations, withStackAndBrowser } from './stack.mjs';

const ctx = withStackAndBrowser({ before, after, afterEach }, chromium);

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

test('every page is served with the strict security headers, and the browser enforces them', async () => {
  const config = await (await fetch(`${ctx.stack.dashboard}config.json`)).json();
  for (const path of ['', 'index.html', 'app.js', 'areas/metrics/index.js', 'signup.html', 'member.html', 'unsubscribe.html',
    'complaint.html', 'complaint-status.html', 'complaint-survey.html', 'styles.css']) {
    const response = await fetch(`${ctx.stack.dashboard}${path}`);
    assert.equal(response.status, 200, path);
    const csp = response.headers.get('content-security-policy');
    for (const directive of ["default-src 'self'", "script-src 'self';", "style-src 'self';", "img-src 'self' data:",
      "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'", "object-src 'none'"]) {
      assert.ok(csp.includes(directive), `${path}: ${directive} in ${csp}`);
    }
    const connect = /connect-src ([^;]+)/.exec(csp)[1].split(' ');
    assert.deepEqual(connect, ["'self'", new URL(config.apiUrl).origin, new URL(config.cognitoEndpoint).origin], path);
    assert.equal(response.headers.get('x-frame-options'), 'DENY', path);
    assert.equal(response.headers.get('referrer-policy'), 'no-referrer', path);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(response.headers.get('cache-control'), 'no-cache', path);
  }

  // What the policy refuses is refused, and reported: the browser tests would fail on any such thing in the product.
  const page = await ctx.browser.newPage();
  await page.goto(ctx.stack.dashboard);
  await page.waitForSelector('#login:not([hidden])');
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true';
    document.head.append(script);
    const styled = document.createElement('p');
    styled.setAttribute('style', 'color: red');
    document.body.append(styled);
    return window.inlineRan === true;
  });
  assert.equal(ran, false, 'an inline script does not run');
  const reported = (directive) => ctx.violations.some((v) => v.includes(`violation: ${directive}`));
  for (const deadline = Date.now() + 5000; !(reported('script-src') && reported('style-src')) && Date.now() < deadline;) {
    await new Promise((ok) => setTimeout(ok, 50));
  }
  await page.close();
  const refused = takeViolations(ctx);
  assert.ok(refused.some((v) => v.includes('violation: script-src')), `inline script reported: ${refused}`);
  assert.ok(refused.some((v) => v.includes('violation: style-src')), `style attribute reported: ${refused}`);
});

async function postWith(apiKey) {
  return fetch(`${ctx.stack.api}/v1/interactions`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify({ events: [] }),
  });
}

/** An admin's page on the Settings area, in English. */
async function openSettings() {
  const page = await ctx.browser.newPage();
  await page.goto(ctx.stack.dashboard);
  await page.selectOption('#locale', 'en');
  await signIn(page, 'admin', ctx.stack.logins.admin);
  await page.click('#nav a[data-view=settings]');
  return page;
}

test('an admin creates a channel key, sees it work, and revokes it', async () => {
  const page = await openSettings();
  await page.waitForSelector('#settings:not([hidden])');
  await page.selectOption('#key-channel', 'weibo');
  await page.fill('#key-name', 'Weibo brand account');
  await page.click('#key-form button[type=submit]');
  await page.waitForSelector('#new-key:not([hidden])');
  const apiKey = (await page.textContent('#new-key-value')).trim();
  assert.match(apiKey, /^fk_/);
  const row = page.locator('#keys-list tbody tr', { hasText: 'Weibo brand account' });
  await row.waitFor();
  assert.ok(!(await page.textContent('#keys-list')).includes(apiKey), 'the list never shows a key');
  // An empty batch with a valid key is a 400 about the batch, not a 401 about the key.
  assert.equal((await postWith(apiKey)).status, 400);
  page.once('dialog', (dialog) => dialog.accept());
  await row.getByRole('button', { name: 'Revoke' }).click();
  await page.waitForFunction(() => document.getElementById('keys-status')?.textContent.includes('Key revoked'));
  await row.getByText('revoked').waitFor();
  assert.equal((await postWith(apiKey)).status, 401);
  await page.close();
});

test('an admin saves engagement rules as a new version; a refused value names its field', async () => {
  const page = await openSettings();
  await page.waitForSelector('#rules-types tbody tr');
  // The stack may be shared: the version before ours is whatever it is (0, the built-in defaults, on a stack of its own).
  const inForce = Number(/Version (\d+)/.exec(await page.textContent('#rules-version'))[1]);
  await page.fill('input[data-path="weights.comment"]', '101');
  await page.click('#rules-form button[type=submit]');
  await page.waitForFunction(() => document.getElementById('rules-status')?.textContent.includes('weights.comment'));
  await page.fill('input[data-path="weights.comment"]', '5');
  await page.fill('input[data-path="halfLifeDays"]', '45');
  await page.click('#rules-form button[type=submit]');
  await page.waitForFunction((v) => document.getElementById('rules-status')?.textContent.includes(`Saved as version ${v}`), inForce + 1);
  await page.waitForFunction((v) => document.getElementById('rules-version')?.textContent.includes(`Version ${v}, by admin@fanops.local`), inForce + 1);
  assert.equal(await page.inputValue('input[data-path="weights.comment"]'), '5');
  assert.equal(await page.inputValue('input[data-path="halfLifeDays"]'), '45');
  assert.equal(await page.locator('#rules-history li').count(), inForce + 2);

  // KPI targets: percentages on the page, fractions in the API, a new version with the history.
  await page.waitForSelector('#targets-history li');
  const targetsBefore = Number(/^v(\d+)/.exec(await page.textContent('#targets-version'))[1]);
  assert.equal(await page.inputValue('#target-monthlyActiveRate'), '60');
  await page.fill('#target-monthlyActiveRate', '65.5');
  await page.click('#targets-form button[type=submit]');
  await page.waitForFunction((v) => document.getElementById('targets-version')?.textContent.startsWith(`v${v} · admin@fanops.local`),
    targetsBefore + 1);
  assert.equal(await page.locator('#targets-history li').count(), targetsBefore + 2);
  const targets = await (await fetch(`${ctx.stack.api}/v1/admin/metrics/targets`, {
    headers: { authorization: `Bearer ${await page.evaluate(() => sessionStorage.getItem('fanops.idToken'))}` } })).json();
  assert.equal(targets.monthlyActiveRate, 0.655);
  assert.equal(targets.satisfaction, 4.5);
  await page.close();

  const manager = await ctx.browser.newPage();
  await signIn(manager, 'manager', ctx.stack.logins.manager);
  await manager.waitForSelector('#home:not([hidden])');
  assert.equal(await manager.isVisible('#nav a[data-view=settings]'), false);
  await manager.close();
});
