// The dashboard's quality in a real browser against the local runtime (docs/dashboard.md): every area of the registry
// (areas.js, read from the page, so an area added later is covered without touching this file), a member's record, a
// complaint ticket with its actions and the public pages pass axe-core's WCAG 2 A/AA rules with no serious or critical violation, in English and in Chinese,
// at 1280 and at 768 px wide; each is saved as a full-page screenshot (admin-ui/target/screenshots/); and the shell
// is worked with the keyboard alone, the focus always visible.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join as joinPath, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { idToken, withStackAndBrowser } from './stack.mjs';

// axe-core itself, evaluated in the page (as @axe-core/playwright does; that wrapper asks for Node 22, we run on 20).
// An evaluation from the test is not page script, so the dashboard's CSP stays as strict as it is served.
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const RULES = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SHOTS = resolve(import.meta.dirname, '..', 'target', 'screenshots');
const WIDTHS = [{ width: 1280, height: 800 }, { width: 768, height: 1024 }];
const LOCALES = ['en', 'zh-CN'];
const ROLES = ['admin', 'manager', 'agent', 'analyst'];
const MAIL = `success+quality-${randomBytes(3).toString('hex')}@simulator.amazonses.com`;

let seeded;
const ctx = withStackAndBrowser({ before, after, afterEach }, chromium, async () => {
  mkdirSync(SHOTS, { recursive: true });
  seeded = await seed();
});

async function until(what, check, seconds = 120) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const outcome = await check();
    if (outcome) return outcome;
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((ok) => setTimeout(ok, 500));
  }
}

async function call(role, path, options = {}) {
  const response = await fetch(`${ctx.stack.api}${path}`, { ...options,
    headers: { 'content-type': 'application/json', ...(options.headers || {}), authorization: `Bearer ${await idToken(ctx.stack, role)}` } });
  const text = await response.text();
  assert.ok(response.ok, `${options.method || 'GET'} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function signUp(nickname, email) {
  const notices = (await (await fetch(`${ctx.stack.api}/v1/notices?locale=en`)).json()).notices;
  const response = await fetch(`${ctx.stack.api}/v1/members`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ nickname, email, region: 'Hangzhou', channel: 'wechat', locale: 'en',
      consents: notices.map((n) => ({ purpose: n.purpose, granted: true, noticeVersion: n.version })) }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  return response.json();
}

async function mailTo(address, pattern) {
  return until(`an e-mail to ${address} matching ${pattern}`, async () => {
    const box = await (await fetch(`${ctx.stack.mailbox}_aws/ses`)).json();
    const found = box.messages.filter((m) => JSON.stringify(m.Destination).includes(address))
      .map((m) => pattern.exec(m.Body.text_part || '')).find(Boolean);
    return found ? found[1] : null;
  });
}

const DAY = 86_400_000;
/** The business day (Asia/Shanghai) `back` days before today, and an instant at noon of it. */
const day = (back) => new Date(Date.now() + 8 * 3_600_000 - back * DAY).toISOString().slice(0, 10);
const noon = (back) => new Date(`${day(back)}T12:00:00+08:00`).toISOString();

/**
 * Enough that no page is empty: a member who signs up through the public API, interacts and complains (the complaint's
 * status link from the mailbox); a small community imported with join days in the past week, active on several days
 * (its interactions through the ingestion API); then the daily metrics of that week, asked for through the API.
 */
async function seed() {
  const fan = await signUp('Quality Fan', MAIL);
  const notices = (await (await fetch(`${ctx.stack.api}/v1/notices?locale=en`)).json()).notices;
  const community = [6, 5, 5, 3, 2, 1].map((joined, i) => ({ joined, nickname: `Quality Member ${i + 1}`,
    email: `quality.member.${i + 1}@example.com`, active: [...new Set([joined, 1, ...(i % 2 ? [joined - 1] : [])])].filter((b) => b >= 1) }));
  const imported = await call('admin', '/v1/admin/members/import', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' },
    body: community.map((p) => JSON.stringify({ nickname: p.nickname, email: p.email, region: 'Hangzhou', channel: 'wechat',
      joinedAt: noon(p.joined), evidence: 'quality browser test',
      consents: notices.map((n) => ({ purpose: n.purpose, noticeVersion: n.version, at: noon(p.joined) })) })).join('\n') });
  assert.equal(imported.created, community.length, JSON.stringify(imported.rows));
  for (const r of imported.rows) community[r.line - 1].memberId = r.memberId;

  const key = await call('admin', '/v1/admin/channel-keys', { method: 'POST', body: JSON.stringify({ channel: 'wechat', name: 'quality test' }) });
  const events = [
    ...['like', 'comment', 'share'].map((type, i) => ({ eventId: `q-fan-${i}`, memberId: fan.memberId, type,
      occurredAt: new Date(Date.now() - 3_600_000).toISOString() })),
    ...community.flatMap((p, i) => p.active.map((back) => ({ eventId: `q-${i}-${back}`, memberId: p.memberId,
      type: back === 1 && i === 0 ? 'purchase' : 'like', occurredAt: noon(back), ...(back === 1 && i === 0 ? { amount: 199, currency: 'CNY' } : {}) }))),
  ];
  const posted = await fetch(`${ctx.stack.api}/v1/interactions`, { method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key.apiKey }, body: JSON.stringify({ events }) });
  assert.equal(posted.status, 202, await posted.text());

  const filed = await fetch(`${ctx.stack.api}/v1/complaints`, { method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `quality-${randomBytes(4).toString('hex')}`,
      authorization: `Bearer ${fan.memberToken}` },
    body: JSON.stringify({ name: 'Quality Fan', contact: MAIL, locale: 'en', memberId: fan.memberId, category: 'delivery',
      description: 'The parcel arrived late.' }) });
  assert.equal(filed.status, 202, await filed.text());
  const statusLink = await mailTo(MAIL, /(complaint-status\.html#\S+)/);
  const ticket = await until('the complaint in the queue', async () =>
    (await call('agent', `/v1/admin/complaints?memberId=${fan.memberId}&status=all`)).items?.[0]);

  for (const member of [fan, ...community]) {
    const expected = events.filter((e) => e.memberId === member.memberId).length;
    await until(`the interactions of ${member.memberId} scored`, async () =>
      (await call('admin', `/v1/admin/members/${member.memberId}/interactions`)).items.length === expected);
  }
  // The week's metrics (the job the schedule runs), asked again while joins still travel to the metrics through events.
  await until('the metrics of yesterday with the community', async () => {
    const asked = Date.now() - 1000;
    await call('admin', '/v1/admin/metrics/backfill', { method: 'POST', body: JSON.stringify({ from: day(7), to: day(1) }) });
    const snapshot = await until('a snapshot of yesterday', async () => {
      const response = await fetch(`${ctx.stack.api}/v1/admin/metrics/daily/${day(1)}`,
        { headers: { authorization: `Bearer ${await idToken(ctx.stack, 'analyst')}` } });
      const s = response.ok ? await response.json() : null;
      return s && Date.parse(s.computedAt) >= asked ? s : null;
    }, 60);
    return snapshot.members.members === community.length;
  }, 180);
  return { fan, statusLink, ticketId: ticket.ticketId };
}

/** A page that knows when the dashboard has stopped fetching: settled() waits for a quiet half second. */
async function newPage(size = WIDTHS[0]) {
  const page = await ctx.browser.newPage({ viewport: size });
  let inFlight = 0;
  let changed = Date.now();
  page.on('request', () => { inFlight += 1; changed = Date.now(); });
  for (const done of ['requestfinished', 'requestfailed']) page.on(done, () => { inFlight -= 1; changed = Date.now(); });
  page.settled = async () => {
    await until(`${page.url()} to stop fetching`, () => inFlight <= 0 && Date.now() - changed > 500, 90);
    await page.evaluate(() => document.fonts.ready);
  };
  return page;
}

async function signIn(role, locale) {
  const page = await newPage();
  await page.goto(ctx.stack.dashboard);
  await page.selectOption('#locale', locale);
  await page.fill('#username', `${role}@fanops.local`);
  await page.fill('#password', ctx.stack.logins[role]);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#nav:not([hidden])');
  return page;
}

// Moderate and minor findings (not failures) per rule, printed at the end of the run for whoever improves the pages.
const lesser = new Map();

/** The serious and critical WCAG 2 A/AA violations axe-core finds on the page as it is now, one line each. */
async function axe(page, name) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(AXE);
  const results = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), RULES);
  for (const v of results.violations.filter((x) => x.impact !== 'serious' && x.impact !== 'critical')) {
    lesser.set(`${v.id} (${v.impact})`, [...(lesser.get(`${v.id} (${v.impact})`) || []), name.split(' (')[0]]);
  }
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((node) =>
    `${name}: ${v.id} (${v.impact}) ${v.help} - ${node.target.join(' ')} - ${node.failureSummary.replaceAll('\n', ' ')} ${v.helpUrl}`));
}

/** What pushes the page wider than the window (nothing should: a wide table scrolls inside its .scroll container). */
async function sideways(page, name) {
  const wide = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const clipped = (el) => { for (let p = el.parentElement; p; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') return true; return false; };
    const out = (el) => el.getBoundingClientRect().right > width + 1 && el.getClientRects().length > 0;
    return [...document.body.querySelectorAll('*')].filter((el) => out(el) && !clipped(el) && ![...el.children].some(out))
      .slice(0, 5).map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''}`
        + ` "${el.textContent.trim().slice(0, 30)}" reaches ${Math.round(el.getBoundingClientRect().right)} px`);
  });
  return wide.length ? [`${name}: the page scrolls sideways: ${wide.join('; ')}`] : [];
}

/** axe-core and a full-page screenshot at each width: <name>-<width>[-zh-CN].png. Returns the violations. */
async function check(page, name, locale) {
  const found = [];
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    await page.settled();
    found.push(...await axe(page, `${name} (${locale}, ${size.width} px)`));
    found.push(...await sideways(page, `${name} (${locale}, ${size.width} px)`));
    await page.screenshot({ path: joinPath(SHOTS, `${name}-${size.width}${locale === 'en' ? '' : `-${locale}`}.png`), fullPage: true });
  }
  await page.setViewportSize(WIDTHS[0]);
  return found;
}

test('every area, a member\'s record, a ticket and the public pages have no serious accessibility violation, at two widths', async (t) => {
  const violations = [];
  for (const locale of LOCALES) {
    const covered = new Set();
    let registry = null;
    for (const role of ROLES) {
      const page = await signIn(role, locale);
      registry ??= await page.evaluate(async () => (await import(new URL('areas.js', location.href))).AREAS.map((a) => a.id));
      const offered = await page.$$eval('#nav a', (links) => links.map((a) => a.dataset.view));
      for (const id of offered.filter((a) => !covered.has(a))) {
        await page.goto(`${ctx.stack.dashboard}#${id}`);
        await page.waitForSelector(`#view-${id}:not([hidden])`);
        violations.push(...await check(page, id, locale));
        covered.add(id);
      }
      if (role === 'admin') {
        await page.goto(`${ctx.stack.dashboard}#members/${seeded.fan.memberId}`);
        await page.waitForSelector('#member-detail:not([hidden])');
        violations.push(...await check(page, 'member-record', locale));
        await page.goto(`${ctx.stack.dashboard}#complaints/${seeded.ticketId}`);
        await page.waitForSelector('#ct-detail:not([hidden])');
        violations.push(...await check(page, 'complaint-ticket', locale));
      }
      await page.close();
      if (registry.every((id) => covered.has(id))) break;
    }
    assert.deepEqual(registry.filter((id) => !covered.has(id)), [], 'areas no role opens');
  }

  const forged = `abcdefgh.${'A'.repeat(43)}`;
  const PUBLIC = {
    signup: 'signup.html',
    member: `member.html#${seeded.fan.memberId}.${seeded.fan.memberToken}`,
    complaint: 'complaint.html',
    'complaint-status': seeded.statusLink,
    'complaint-survey': seeded.statusLink.replace('complaint-status', 'complaint-survey'),
    pulse: `pulse.html#p_${'0'.repeat(24)}.${forged}`,
    unsubscribe: `unsubscribe.html#${forged}`,
    activity: 'activity.html#nosuchactivity',
  };
  for (const locale of LOCALES) {
    for (const [name, path] of Object.entries(PUBLIC)) {
      const page = await newPage();
      await page.goto(`${ctx.stack.dashboard}${path}`);
      await page.selectOption('#locale', locale);
      violations.push(...await check(page, `public-${name}`, locale));
      await page.close();
    }
  }
  for (const [rule, pages] of lesser) t.diagnostic(`not failing: ${rule} on ${[...new Set(pages)].join(', ')}`);
  assert.deepEqual(violations, [], `${violations.length} serious or critical accessibility violations or pages wider than the window:\n${violations.join('\n')}`);
});

/** What has the focus: its id, text or name, and whether its focus ring shows. */
async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return { id: el.id, view: el.dataset.view || null, tag: el.tagName.toLowerCase(),
      ring: (el.matches(':focus-visible') || el.matches('input[type=date]:focus')) && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
        // Tab also stops on a date field's own calendar button, inside its closed user-agent shadow root: the field is
        // the active element without matching :focus, and the browser draws that button's focus itself.
        || (el.matches('input[type=date]') && !el.matches(':focus')) };
  });
}

async function tabTo(page, predicate, what, limit = 40) {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    assert.ok(now.ring, `the focus ring shows on ${JSON.stringify(now)}`);
    if (predicate(now)) return now;
  }
  throw new Error(`Tab never reached ${what}`);
}

test('the dashboard is worked with the keyboard alone, the focus always visible', async () => {
  const page = await newPage();
  await page.goto(ctx.stack.dashboard);
  await page.waitForSelector('#login:not([hidden])');
  await tabTo(page, (f) => f.id === 'locale', 'the language');
  await tabTo(page, (f) => f.id === 'username', 'the e-mail field');
  await page.keyboard.type('manager@fanops.local');
  await page.keyboard.press('Tab');
  await page.keyboard.type(ctx.stack.logins.manager);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#nav:not([hidden])');
  assert.equal(await page.getAttribute('#nav a[data-view=overview]', 'aria-current'), 'page', 'the open tab is announced');

  // The tabs: reached after the bar's controls, Enter opens one and it becomes the current page.
  await page.focus('#locale');
  await tabTo(page, (f) => f.view === 'members', 'the Members tab');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#view-members:not([hidden])');
  assert.equal(await page.getAttribute('#nav a[data-view=members]', 'aria-current'), 'page');
  assert.equal(await page.getAttribute('#nav a[data-view=overview]', 'aria-current'), null);

  // A search typed and sent with Enter, the result's link followed with Enter: the member's record opens.
  await tabTo(page, (f) => f.id === 'member-query', 'the member search');
  await page.keyboard.type(seeded.fan.memberId);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#member-results tbody tr');
  await tabTo(page, (f) => f.tag === 'a' && !f.view, 'the member\'s link in the results');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#member-detail:not([hidden])');
  assert.match(await page.textContent('#detail-title'), new RegExp(seeded.fan.memberId));
  await page.close();
});
