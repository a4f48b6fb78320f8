// The public complaint pages in a real browser against the local runtime: a complaint filed on the form (a field error
// shown beside its field first), the acknowledgement read from the local mailbox, its private link opening the status
// page where the complainant writes again, and - once an agent resolved it - the survey answered once. All under the
// dashboard's Content-Security-Policy (no inline script).
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { idToken, withStackAndBrowser } from './stack.mjs';

const ctx = withStackAndBrowser({ before, after, afterEach }, chromium);
const ADDRESS = 'success+ui-complaint@simulator.amazonses.com';

async function mailTo(address, count) {
  for (let i = 0; i < 300; i += 1) {
    const box = await (await fetch(`${ctx.stack.mailbox}_aws/ses`)).json();
    const mine = box.messages.filter((m) => JSON.stringify(m.Destination).includes(address));
    if (mine.length >= count) return mine;
    await new Promise((ok) => setTimeout(ok, 200));
  }
  throw new Error(`no ${count} e-mail(s) to ${address}`);
}

test('a complaint is filed on the form, followed through its private link and rated once resolved', async () => {
  const page = await ctx.browser.newPage();
  await page.goto(`${ctx.stack.dashboard}complaint.html`);
  await page.selectOption('#locale', 'en');
  await page.fill('#name', 'Zhao Liu');
  await page.fill('#contact', ADDRESS);
  await page.selectOption('#category', 'delivery');
  await page.fill('#description', 'The parcel arrived crushed.');
  await page.fill('#attachments', 'http://photos.example.com/a.jpg');
  await page.click('#complaint button[type=submit]');
  await page.waitForSelector('#errors:not([hidden])');
  assert.match(await page.textContent('#errors'), /attachments\[0\]/);
  assert.equal(await page.getAttribute('#attachments', 'aria-invalid'), 'true');

  await page.fill('#attachments', 'https://photos.example.com/a.jpg');
  await page.click('#complaint button[type=submit]');
  await page.waitForSelector('#done:not([hidden])');
  const reference = (await page.textContent('#reference-out')).trim();
  assert.match(reference, /^t_[0-9a-f]{24}$/);

  const [ack] = await mailTo(ADDRESS, 1);
  const text = ack.Body.text_part;
  assert.match(ack.Subject, /^We received your feedback C-\d{8}-\d{4}$/);
  assert.match(text, /will reply by \w+day \d+ \w+ \d\d:\d\d/);
  const link = /(complaint-status\.html#(C-\d{8}-\d{4,6})\.(\S+))/.exec(text);
  assert.ok(link, text);

  await page.goto(`${ctx.stack.dashboard}${link[1]}`);
  await page.waitForSelector('#ticket:not([hidden])');
  assert.equal((await page.textContent('#number')).trim(), link[2]);
  assert.equal((await page.textContent('#status')).trim(), 'acknowledged');
  await page.fill('#text', 'It was the blue box.');
  await page.click('#reply button[type=submit]');
  await page.waitForFunction(() => document.getElementById('conversation').children.length === 1);
  assert.match(await page.textContent('#conversation'), /You: It was the blue box\./);

  const agent = await idToken(ctx.stack, 'agent');
  const resolved = await fetch(`${ctx.stack.api}/v1/admin/complaints/${reference}/resolve`, {
    method: 'POST', headers: { authorization: `Bearer ${agent}`, 'content-type': 'application/json' },
    body: JSON.stringify({ resolution: 'A new parcel is on its way.', upheld: true }),
  });
  assert.equal(resolved.status, 200);
  await page.reload();
  await page.waitForSelector('#survey-link:not([hidden])');
  assert.match(await page.textContent('#resolution'), /A new parcel is on its way\./);

  await page.click('#survey-href');
  await page.waitForSelector('#survey');
  await page.check('input[name=score][value="5"]');
  await page.fill('#comment', 'Quick and kind.');
  await page.click('#survey button[type=submit]');
  await page.waitForSelector('#done:not([hidden])');

  await page.goto(`${ctx.stack.dashboard}${link[1].replace('complaint-status', 'complaint-survey')}`);
  await page.reload();
  await page.check('input[name=score][value="4"]');
  await page.click('#survey button[type=submit]');
  await page.waitForSelector('#errors:not([hidden])');
  assert.match(await page.textContent('#errors'), /already rated/);
  await page.close();
});

test('a forged status link is refused and said so, in Chinese too', async () => {
  const page = await ctx.browser.newPage();
  await page.goto(`${ctx.stack.dashboard}complaint-status.html#C-20260101-0001.abcdefgh.${'A'.repeat(43)}`);
  await page.selectOption('#locale', 'zh-CN');
  await page.waitForFunction(() => /链接无效/.test(document.getElementById('errors').textContent));
  assert.equal(await page.isVisible('#ticket'), false);
  await page.close();
});
