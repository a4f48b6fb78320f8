// The metrics area in a real browser against the local runtime and the real metrics backend (contract: docs/metrics.md).
// A small community goes in through the product's own APIs - bulk import with historical join days (plus a staff and a
// test account), interactions dated in the past through the ingestion API - then the admin asks for the metrics
// (POST /v1/admin/metrics/backfill) and the test waits for the snapshots. An analyst then reads the figures this
// community must give: KPI cards against their targets with the gap, the trend, the cohort heat map, the tier funnel,
// the definitions in English and Chinese, a monthly report; an agent has no metrics area at all.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { idToken, withStackAndBrowser } from './stack.mjs';

const ctx = withStackAndBrowser({ before, after, afterEach, ownStack: 'it counts the whole community: every member, every active day, the first snapshot' }, chromium);
const ZONE = 'Asia/Shanghai';

function businessDay(date = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

function daysBetween(from, to) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function addDays(day, n) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** An instant at a business hour of a business day (Shanghai has no daylight saving). */
function at(day, hour) {
  return new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`).toISOString();
}

// Y is the last whole business day: the newest day the metrics can be computed for.
const Y = addDays(businessDay(), -1);
const D = (n) => addDays(Y, -n);

// Who joined when (days before Y) and was active on which days. Staff and test accounts must count nowhere.
const COMMUNITY = [
  { nickname: 'Metrics Fan One', joined: 9, active: [9, 8, 0], purchase: 0 },
  { nickname: 'Metrics Fan Two', joined: 9, active: [9] },
  { nickname: 'Metrics Fan Three', joined: 9, active: [] },
  { nickname: 'Metrics Fan Four', joined: 7, active: [6, 0], follow: 0 },
  { nickname: 'Metrics Fan Five', joined: 7, active: [] },
  { nickname: 'Metrics Fan Six', joined: 1, active: [0] },
  { nickname: 'Metrics Fan Seven', joined: 1, active: [1] },
];
const OTHERS = [
  { nickname: 'Metrics Staff', kind: 'staff', joined: 9, active: [0, 1] },
  { nickname: 'Metrics Tester', kind: 'test', joined: 7, active: [0] },
];
const EVERYONE = [...COMMUNITY, ...OTHERS];
const email = (person) => `${person.nickname.toLowerCase().replaceAll(' ', '.')}@example.com`;

// What that community gives on day Y (by hand, from the definitions).
const EXPECTED = {
  members: 7, dau: 3, wau: 4, mau: 5, // active on Y: One, Four, Six; on Y-6..Y also Seven; on Y-29..Y also Two
  activeMembers: 5, monthlyActiveRate: '71.4%', monthlyActiveGap: '+11.4 pts', // 5 of the 7 members active in 30 days, against 60%
  conversion: '20.0%', conversionGap: '+10.0 pts', // one purchaser among 5 monthly active, against 10%
};

const tokenFor = (role) => idToken(ctx.stack, role);

async function call(role, path, options = {}) {
  return fetch(`${ctx.stack.api}${path}`, { ...options,
    headers: { ...(options.headers || {}), authorization: `Bearer ${await tokenFor(role)}` } });
}

async function json(role, path, options = {}, expected = 200) {
  const response = await call(role, path, options);
  const text = await response.text();
  assert.equal(response.status, expected, `${options.method || 'GET'} ${path}: ${text}`);
  return JSON.parse(text);
}

async function signIn(role, locale = 'en') {
  const page = await ctx.browser.newPage({ acceptDownloads: true });
  await page.goto(ctx.stack.dashboard);
  await page.selectOption('#locale', locale);
  await page.fill('#username', `${role}@fanops.local`);
  await page.fill('#password', ctx.stack.logins[role]);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#home:not([hidden])');
  return page;
}

async function until(what, check, seconds = 180) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const outcome = await check();
    if (outcome) return outcome;
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((ok) => setTimeout(ok, 1500));
  }
}

/**
 * Asks for the metrics of from..to (202: the daily function does it) and waits for a snapshot of `to` computed after
 * asking; asks again while that snapshot does not yet pass `ready` (facts still arriving through events).
 */
async function backfill(from, to, ready) {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const asked = Date.now() - 1000;
    const answer = await json('admin', '/v1/admin/metrics/backfill', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from, to }) }, 202);
    assert.deepEqual(answer, { from, to, days: daysBetween(from, to) + 1, status: 'accepted' });
    const snapshot = await until(`the snapshot of ${to}`, async () => {
      const response = await call('analyst', `/v1/admin/metrics/daily/${to}`);
      if (response.status !== 200) return null;
      const s = await response.json();
      return Date.parse(s.computedAt) >= asked ? s : null;
    }, 60);
    if (ready(snapshot)) return snapshot;
    if (Date.now() > deadline) throw new Error(`the snapshot of ${to} never showed the seeded community: ${JSON.stringify(snapshot)}`);
    await new Promise((ok) => setTimeout(ok, 2000));
  }
}

/** The community through the product's APIs, then its metrics; returns the snapshot of Y and the member ids. */
async function seed() {
  const notices = (await (await fetch(`${ctx.stack.api}/v1/notices?locale=en`)).json()).notices;
  const rows = EVERYONE.map((p) => JSON.stringify({ nickname: p.nickname, email: email(p), region: 'Hangzhou', channel: 'wechat',
    joinedAt: at(D(p.joined), 9), evidence: `metrics browser test ${p.nickname}`, ...(p.kind ? { kind: p.kind } : {}),
    consents: notices.map((n) => ({ purpose: n.purpose, noticeVersion: n.version, at: at(D(p.joined), 9) })) })).join('\n');
  const imported = await json('admin', '/v1/admin/members/import', { method: 'POST', headers: { 'content-type': 'application/x-ndjson' },
    body: rows });
  assert.equal(imported.created, EVERYONE.length, JSON.stringify(imported.rows));
  const ids = [];
  for (const r of imported.rows) ids[r.line - 1] = r.memberId;

  const key = await json('admin', '/v1/admin/channel-keys', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ channel: 'wechat', name: 'metrics browser test' }) }, 201);
  const events = EVERYONE.flatMap((p, i) => p.active.flatMap((back) => [
    { eventId: `mt-like-${i}-${back}`, memberId: ids[i], type: back === 8 ? 'comment' : 'like', occurredAt: at(D(back), 12) },
    ...(p.purchase === back ? [{ eventId: `mt-buy-${i}`, memberId: ids[i], type: 'purchase', occurredAt: at(D(back), 13), amount: 199, currency: 'CNY' }] : []),
    ...(p.follow === back ? [{ eventId: `mt-follow-${i}`, memberId: ids[i], type: 'follow', occurredAt: at(D(back), 14) }] : []),
  ]));
  const posted = await fetch(`${ctx.stack.api}/v1/interactions`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key.apiKey }, body: JSON.stringify({ events }) });
  const answer = await posted.json();
  assert.equal(posted.status, 202, JSON.stringify(answer));
  assert.equal(answer.accepted, events.length, JSON.stringify(answer.rejected));

  // The scorer works through the queue: wait until every member's timeline holds their events.
  for (const [i, p] of EVERYONE.entries()) {
    const expected = events.filter((e) => e.memberId === ids[i]).length;
    await until(`${p.nickname}'s ${expected} interactions scored`, async () =>
      (await json('admin', `/v1/admin/members/${ids[i]}/interactions?limit=100`)).items.length === expected);
  }
  // Joins reach the metrics through events: the days before Y first, until every community member is counted, so that
  // Y's first computation (which records the tier and category distribution) sees them all.
  await backfill(D(9), D(1), (s) => s.members.members === COMMUNITY.length);
  const snapshot = await backfill(D(9), Y, (s) => s.activity.dau === EXPECTED.dau);
  return { snapshot, ids };
}

let seeded;

test('before any snapshot the metrics page says how to get one', async () => {
  const days = await json('analyst', `/v1/admin/metrics/daily?from=${D(89)}&to=${Y}`);
  assert.deepEqual(days.days, [], 'nothing computed yet');
  const page = await signIn('analyst');
  await page.click('#nav [data-view=metrics]');
  await page.waitForSelector('#metrics-empty:not([hidden])');
  assert.match(await page.textContent('#metrics-empty'), /No metrics computed yet.*\.\/fanops demo/s);
  await page.close();
});

test('an agent sees neither the metrics area nor its help, and the API refuses them', async () => {
  const page = await signIn('agent');
  assert.equal(await page.isVisible('#nav [data-view=metrics]'), false);
  assert.equal(await page.isVisible('#nav [data-view=help]'), false);
  await page.goto(`${ctx.stack.dashboard}#metrics`);
  await page.waitForSelector('#view-overview:not([hidden])');
  assert.equal(await page.isVisible('#metrics'), false);
  await page.goto(`${ctx.stack.dashboard}#help/dau`);
  await page.waitForSelector('#view-overview:not([hidden])');
  assert.equal(await page.isVisible('#help'), false);
  for (const path of [`/v1/admin/metrics/daily?from=${Y}&to=${Y}`, `/v1/admin/metrics/cohorts?to=${Y}`, '/v1/admin/metrics/targets']) {
    assert.equal((await call('agent', path)).status, 403, `agents are refused ${path}`);
  }
  await page.close();
});

test('the seeded community gives the figures of its definitions, staff and test accounts excluded', async () => {
  seeded = await seed();
  const s = seeded.snapshot;
  assert.equal(s.day, Y);
  assert.deepEqual([s.members.members, s.activity.dau, s.activity.wau, s.activity.mau], [EXPECTED.members, EXPECTED.dau, EXPECTED.wau, EXPECTED.mau]);
  assert.equal(s.activity.dauMau, 0.6);
  assert.equal(s.members.monthlyActiveRate, 0.7143);
  assert.deepEqual(s.conversion, { purchasers: 1, active: 5, rate: 0.2 });
  assert.equal(s.members.follows, 1);
  assert.equal(s.members.activeMembers, EXPECTED.activeMembers);
  // Headline over several cohorts: D1 and D7 take 7 cohorts, D30 30; "on or after" counts a 7-day window from c+N.
  const { classic, onOrAfter } = s.retention.headline;
  assert.deepEqual(classic.d1, { fromCohort: D(7), toCohort: D(1), cohorts: 7, size: 4, retained: 2, rate: 0.5 },
    'Four (active on D(6)) and Six (on Y) of the cohorts D(7) and D(1)');
  assert.deepEqual(classic.d7, { fromCohort: D(13), toCohort: D(7), cohorts: 7, size: 5, retained: 1, rate: 0.2 },
    'Four, active on Y, of the cohorts D(9) and D(7)');
  assert.deepEqual(classic.d30, { fromCohort: D(59), toCohort: D(30), cohorts: 30, size: 0, retained: 0, rate: null });
  assert.deepEqual(onOrAfter.d1, { fromCohort: D(13), toCohort: D(7), cohorts: 7, size: 5, retained: 2, rate: 0.4 },
    'One (active on D(8)) and Four (on D(6)): active within c+1..c+7');
  assert.deepEqual(onOrAfter.d30, { fromCohort: D(65), toCohort: D(36), cohorts: 30, size: 0, retained: 0, rate: null });
  assert.ok(!('classic' in s.retention), 'no single-cohort headline in a new snapshot');
  const tiers = s.distribution.tier;
  assert.equal(tiers.bronze, COMMUNITY.length, `every community member bronze: ${JSON.stringify(s.distribution)}`);
  assert.equal(Object.values(s.distribution.category).reduce((a, b) => a + b, 0), COMMUNITY.length);
});

test('an analyst reads KPIs, trend, cohorts, funnel, definitions and a report, without personal data', async () => {
  assert.ok(seeded, 'the community was seeded');
  const page = await signIn('analyst');
  await page.click('#nav [data-view=metrics]');
  await page.waitForSelector('#kpi-cards .kpi');
  assert.match(await page.textContent('#metrics-asof'), new RegExp(`As of ${Y} \\(Asia/Shanghai\\)`));

  // KPI cards: value, target, gap and whether it is met.
  assert.equal(await page.locator('#kpi-cards .kpi').count(), 4);
  const card = async (kpi) => page.locator(`#kpi-cards [data-kpi=${kpi}]`).evaluate((n) => ({
    value: n.querySelector('.kpi-value').textContent, target: n.querySelector('.kpi-target').textContent,
    status: n.querySelector('.kpi-status').textContent, state: n.className }));
  assert.deepEqual(await card('monthlyActiveRate'), { value: EXPECTED.monthlyActiveRate,
    target: `target ≥ 60% · gap ${EXPECTED.monthlyActiveGap}`, status: 'Target met', state: 'kpi met' });
  assert.deepEqual(await card('conversion'), { value: EXPECTED.conversion, target: `target ≥ 10% · gap ${EXPECTED.conversionGap}`,
    status: 'Target met', state: 'kpi met' });
  assert.deepEqual(await card('annualRetention'), { value: '—', target: 'target ≥ 50% · gap —', status: 'No data yet', state: 'kpi nodata' });
  assert.deepEqual(await card('satisfaction'), { value: '—', target: 'target ≥ 4.5 / 5 · gap —', status: 'No data yet', state: 'kpi nodata' });

  // Figures of the day: only the community counts.
  const fig = async (name) => (await page.textContent(`[data-figure=${name}] .figure-value`)).trim();
  assert.deepEqual([await fig('dau'), await fig('wau'), await fig('mau'), await fig('dau-mau'), await fig('members')],
    [String(EXPECTED.dau), String(EXPECTED.wau), String(EXPECTED.mau), '60.0%', String(EXPECTED.members)]);
  assert.deepEqual([await fig('purchasers'), await fig('conversion'), await fig('follows')], ['1', '20.0%', '1']);
  assert.deepEqual([await fig('activeMembers'), await fig('monthly-active-rate')], ['5', '71.4% (5/7)']);
  assert.equal(await fig('csat'), 'no data yet');
  assert.equal(await fig('pointsIssued'), new Intl.NumberFormat('en').format(seeded.snapshot.points.issued));
  assert.ok(seeded.snapshot.points.issued > 0);

  // The trend covers the ten computed days; hovering its right end reads out Y's figures.
  assert.equal(await page.getAttribute('#activity-chart svg', 'data-points'), '10');
  assert.equal(await page.locator('#activity-chart polyline').count(), 3, 'DAU, WAU and MAU lines');
  const overlay = page.locator('#activity-chart rect');
  const box = await overlay.boundingBox();
  await overlay.hover({ position: { x: box.width - 1, y: box.height / 2 } });
  assert.equal(await page.textContent('#activity-chart .readout'), `${Y}  DAU 3  ·  WAU 4  ·  MAU 5`);
  const joins = await page.$$eval('#growth-chart rect title', (titles) => titles.map((t) => t.textContent));
  assert.deepEqual(joins, [`${D(9)}: New members 3`, `${D(7)}: New members 2`, `${D(1)}: New members 2`]);

  // Headline retention and the cohort heat map, classic then "on or after".
  const headline = async (kind, n, part = 'rate') =>
    (await page.textContent(`#retention-headline [data-kind=${kind}] [data-n=${n}] .${part}`)).trim();
  assert.deepEqual([await headline('classic', 'd1'), await headline('classic', 'd7'), await headline('classic', 'd30')],
    ['50.0%', '20.0%', '—']);
  assert.deepEqual([await headline('classic', 'd1', 'basis'), await headline('classic', 'd1', 'range')],
    ['2 of 4 members', `cohorts ${D(7)} to ${D(1)} (7 days)`], 'each figure with the members behind it and its cohorts');
  assert.deepEqual([await headline('onOrAfter', 'd1'), await headline('onOrAfter', 'd1', 'basis'), await headline('onOrAfter', 'd30', 'range')],
    ['40.0%', '2 of 5 members', `cohorts ${D(65)} to ${D(36)} (30 days)`]);
  assert.match(await page.textContent('#retention-headline [data-kind=onOrAfter] th'), /7-day window/);
  assert.deepEqual(await page.$$eval('#cohort-heatmap tbody tr', (rows) => rows.map((r) => r.dataset.cohort)), [D(1), D(7), D(9)],
    'only the days with new members, newest first');
  const cell = async (cohort, n) => (await page.textContent(`#cohort-heatmap [data-cohort="${cohort}"] [data-n="${n}"]`)).trim();
  assert.equal(await page.textContent(`#cohort-heatmap [data-cohort="${D(9)}"] td`), '3');
  assert.deepEqual([await cell(D(9), 1), await cell(D(9), 2), await cell(D(7), 1), await cell(D(7), 2), await cell(D(1), 1)],
    ['33', '0', '50', '0', '50']);
  assert.match(await page.getAttribute(`#cohort-heatmap [data-cohort="${D(9)}"] [data-n="1"]`, 'title'), /1 \/ 3 \(33\.3%\)/);
  await page.click('#metrics [data-mode=onOrAfter]');
  await page.waitForSelector('#cohort-heatmap[data-mode=onOrAfter]');
  assert.deepEqual([await cell(D(9), 2), await cell(D(9), 9), await cell(D(7), 2)], ['33', '33', '50'],
    'on or after: the member active on Y counts for every earlier N');

  // Tier funnel and categories: the seven community members, every one bronze.
  assert.equal(await page.textContent('#tier-funnel [data-key=bronze] .bar-value'), '7 (100.0%)');
  assert.equal(await page.textContent('#tier-funnel [data-key=silver] .bar-value'), '0 (0.0%)');
  const categories = await page.$$eval('#category-bars .bar-value', (values) => values.map((v) => Number(v.textContent.split(' ')[0])));
  assert.equal(categories.reduce((a, b) => a + b, 0), 7);

  const html = await page.content();
  for (const person of EVERYONE) {
    assert.ok(!html.includes(person.nickname) && !html.includes(email(person)), 'no personal data on the metrics page');
  }
  for (const id of seeded.ids) assert.ok(!html.includes(id), 'no member ids on the metrics page');

  // A monthly report: shown as a table, and downloaded as CSV with the operator's token.
  const month = Y.slice(0, 7);
  const joinedInMonth = COMMUNITY.filter((p) => D(p.joined).startsWith(month)).length;
  await page.selectOption('#report-kind', 'month');
  assert.equal(await page.inputValue('#report-start'), `${month}-01`);
  await page.click('#report-show');
  await page.waitForSelector('#report-view');
  assert.match(await page.textContent('#report-summary'), new RegExp(`^Month ${month}: `));
  assert.equal(await page.textContent('[data-report-figure=newMembers] td.value'), String(joinedInMonth));
  assert.equal(await page.textContent('[data-report-figure=members] td.value'), '7');
  assert.equal(await page.textContent('[data-report-kpi=monthlyActiveRate] td.value'), EXPECTED.monthlyActiveRate);
  assert.equal(await page.textContent('[data-report-figure=activeMembers] td.value'), String(EXPECTED.activeMembers));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#report-csv')]);
  assert.equal(download.suggestedFilename(), `fanops-metrics-month-${month}-01.csv`);
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  const csv = Buffer.concat(chunks).toString('utf8');
  assert.match(csv, /^section,name,aggregation,value,previous,change,changeRate,target,gap,met\r\n/);
  assert.match(csv, /\r\nfigure,members,end,7,/);
  assert.match(csv, /\r\nkpi,monthlyActiveRate,end,0\.7143,.*,0\.6,0\.1143,true\r\n/);

  // Every "?" opens its definition; the help speaks Chinese too.
  const defs = await page.$$eval('#metrics [data-def]', (links) => [...new Set(links.map((a) => a.dataset.def))]);
  assert.ok(defs.length > 10, `definitions linked: ${defs}`);
  assert.match(await page.getAttribute('#kpi-cards [data-kpi=monthlyActiveRate] .help-link', 'title'), /Active members \(30 days\) \/ members\(D\): both counts from the same population.*60%/);
  await page.click('[data-figure=dau] .help-link');
  await page.waitForSelector('#help:not([hidden]) #def-dau.focus');
  assert.match(await page.textContent('#def-dau'), /Distinct members active on day D/);
  assert.match(await page.textContent('#help-preamble'), /staff and test accounts are excluded from every figure/);
  for (const id of defs) assert.equal(await page.locator(`#def-${id}`).count(), 1, `definition ${id} in the help`);
  await page.selectOption('#locale', 'zh-CN');
  await page.waitForFunction(() => document.querySelector('#def-dau')?.textContent.includes('日活跃会员数'));
  assert.equal(await page.textContent('#help h2'), '指标定义');

  // The metrics page in Chinese keeps its figures.
  await page.click('#nav [data-view=metrics]');
  await page.waitForSelector('#kpi-cards [data-kpi=monthlyActiveRate] .kpi-status');
  assert.equal(await page.textContent('#kpi-cards [data-kpi=monthlyActiveRate] .kpi-status'), '已达标');
  assert.equal(await fig('members'), '7');
  await page.selectOption('#locale', 'en');
  await page.close();
});
