// Page weight and time to first render of the dashboard's home page in headless Chromium (BENCHMARKS.md).
//   node admin-ui/bench/page-weight.mjs [--runs 7]
// Starts its own local stack (needs the packaged jars: mvn -B -o -q package -DskipTests) and, per run:
//   cold: a fresh browser context (empty cache): the sign-in page loads (first paint, first contentful paint, bytes),
//         the admin signs in, and "ready" is when the home area is drawn and the dashboard stopped fetching
//   warm: the same context reloads the signed-in dashboard (cache revalidated: the files are served no-cache)
// Bytes are what went over the wire (CDP Network.loadingFinished encodedDataLength: headers and body), by resource
// type; times are medians of the runs, from navigation start (performance.now() in the page). The local server sends
// the files uncompressed and without validators (every reload fetches them whole); CloudFront compresses them
// (Compress: true) and answers a revalidation with 304: the gzip column is the same files gzipped, what it would send.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { chromiumPath, CHROMIUM_ARGS, startStack } from '../tests/stack.mjs';

const argv = process.argv.slice(2);
const RUNS = Number(argv[argv.indexOf('--runs') + 1]) || 7;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
};

/** Records every response of the page through CDP: its type, its URL and the bytes it took on the wire. */
async function recorder(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const requests = new Map();
  cdp.on('Network.responseReceived', (e) => requests.set(e.requestId, { type: e.type, url: e.response.url, status: e.response.status }));
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
  });
  return {
    take() {
      const done = [...requests.values()].filter((r) => r.bytes !== undefined);
      requests.clear();
      return done;
    },
  };
}

/** Waits until the page has fetched nothing for half a second. */
async function quiet(page) {
  let inFlight = 0;
  let changed = Date.now();
  const up = () => { inFlight += 1; changed = Date.now(); };
  const down = () => { inFlight -= 1; changed = Date.now(); };
  page.on('request', up);
  page.on('requestfinished', down);
  page.on('requestfailed', down);
  return async () => {
    while (inFlight > 0 || Date.now() - changed < 500) await new Promise((ok) => setTimeout(ok, 50));
    page.off('request', up);
    page.off('requestfinished', down);
    page.off('requestfailed', down);
  };
}

const paints = (page) => page.evaluate(() => Object.fromEntries(performance.getEntriesByType('paint').map((p) => [p.name, p.startTime])));

const PUBLIC = join(import.meta.dirname, '..', 'public');

/** A static file's size gzipped (level 6, CloudFront's order of magnitude); 0 for what is not one of our files. */
function gzipped(url, base) {
  if (!url.startsWith(base)) return 0;
  const path = new URL(url).pathname.replace(/\/$/, '/index.html');
  try {
    return gzipSync(readFileSync(join(PUBLIC, path))).length;
  } catch {
    return 0;
  }
}

function weigh(responses, base) {
  const byType = {};
  for (const r of responses) {
    const kind = r.type === 'Fetch' || r.type === 'XHR' ? (r.url.includes('config.json') ? 'Config' : 'API') : r.type;
    byType[kind] ??= { count: 0, bytes: 0, gzip: 0 };
    byType[kind].count += 1;
    byType[kind].bytes += r.bytes;
    byType[kind].gzip += gzipped(r.url, base) || r.bytes;
  }
  return byType;
}

async function run(browser, stack) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const wire = await recorder(page);

  // Cold: the sign-in page with an empty cache.
  await page.goto(stack.dashboard, { waitUntil: 'load' });
  await page.waitForSelector('#login:not([hidden])');
  const login = await paints(page);
  const loginBytes = weigh(wire.take(), stack.dashboard);

  // Sign-in to home: Cognito InitiateAuth, GET /v1/admin/me, the home area drawn.
  await page.fill('#username', 'admin@fanops.local');
  await page.fill('#password', stack.logins.admin);
  const settled = await quiet(page);
  const clicked = await page.evaluate(() => performance.now());
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#home:not([hidden])');
  const drawn = await page.evaluate(() => performance.now());
  await settled();
  const signInBytes = weigh(wire.take(), stack.dashboard);

  // Warm: the signed-in dashboard reloaded (token in sessionStorage, files revalidated).
  const warmSettled = await quiet(page);
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('#home:not([hidden])');
  const warmReady = await page.evaluate(() => performance.now());
  const warm = await paints(page);
  await warmSettled();
  const warmBytes = weigh(wire.take(), stack.dashboard);
  await context.close();
  return {
    coldFirstPaint: login['first-paint'], coldFcp: login['first-contentful-paint'], signInToHome: drawn - clicked,
    warmFirstPaint: warm['first-paint'], warmFcp: warm['first-contentful-paint'], warmReady,
    loginBytes, signInBytes, warmBytes,
  };
}

const stack = await startStack();
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  await run(browser, stack); // the stack's functions start on their first call: not measured
  const runs = [];
  for (let i = 0; i < RUNS; i += 1) runs.push(await run(browser, stack));
  const ms = (key) => median(runs.map((r) => r[key])).toFixed(0);
  console.log(`Runs: ${RUNS} (medians; one unmeasured run first). Chromium ${browser.version()}, viewport 1280x800.\n`);
  console.log('| time (ms) | median |\n|---|---|');
  for (const [label, key] of [['cold: sign-in page first paint', 'coldFirstPaint'], ['cold: sign-in page first contentful paint', 'coldFcp'],
    ['sign-in click to home drawn (Cognito, /v1/admin/me, the home area)', 'signInToHome'],
    ['warm reload, signed in: first contentful paint', 'warmFcp'], ['warm reload, signed in: home drawn (ready)', 'warmReady']]) {
    console.log(`| ${label} | ${ms(key)} |`);
  }
  console.log('\n| transferred (type requests / KiB) | requests | KiB on the wire | KiB gzipped |\n|---|---|---|---|');
  for (const [label, key] of [['cold: sign-in page', 'loginBytes'], ['sign-in to home', 'signInBytes'], ['warm reload to home', 'warmBytes']]) {
    const types = runs[runs.length - 1][key];
    const total = Object.values(types).reduce((a, t) => ({ count: a.count + t.count, bytes: a.bytes + t.bytes, gzip: a.gzip + t.gzip }),
      { count: 0, bytes: 0, gzip: 0 });
    const parts = Object.entries(types).sort(([a], [b]) => a.localeCompare(b)).map(([type, t]) => `${type} ${t.count} / ${(t.bytes / 1024).toFixed(1)}`);
    console.log(`| ${label} (${parts.join(', ')}) | ${total.count} | ${(total.bytes / 1024).toFixed(1)} | ${(total.gzip / 1024).toFixed(1)} |`);
  }
} finally {
  await browser.close();
  await stack.stop();
}
