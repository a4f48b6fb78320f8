// Starts the local runtime (./fanops run, already built by `mvn verify`) on free ports for a browser test, and a
// headless Chromium whose pages report every Content-Security-Policy violation: a test that causes one fails.
//
// The stack is shared: `node tests/run.mjs` (npm run test:e2e) starts one for the whole run and hands it to every file
// through FANOPS_STACK, so functions start once, not once per file. A test file on a shared stack sees what the files
// beside it write, at the same time: it makes its own data (unique contacts, its own channel key), reads only its own
// rows, and expects versions of settings relative to the one it read. A file that needs an empty stack (counts over the
// whole community, a first version) asks for its own: withStackAndBrowser({ ..., ownStack: 'why' }). A file run alone
// (node --test tests/x.e2e.test.mjs) starts its own stack as before.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** The stack that tests/run.mjs shares with every file (its stop() leaves it running), or null when run alone. */
export function sharedStack() {
  if (!process.env.FANOPS_STACK) return null;
  return { ...JSON.parse(process.env.FANOPS_STACK), shared: true, async stop() {} };
}

/** A stack of this process's own: the local runtime started on free ports, stopped (SIGINT) by stop(). */
export async function startStack() {
  const jar = join(ROOT, 'infra/local/target/fanops-local.jar');
  if (!existsSync(jar)) throw new Error(`${jar} missing: run mvn package first`);
  const state = mkdtempSync(join(tmpdir(), 'fanops-ui-'));
  const child = spawn('java', [`-Dfanops.root=${ROOT}`, '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn',
    '-cp', `${jar}:${join(ROOT, 'infra/local/target/lib')}/*`, 'com.fanops.local.Main', 'run',
    '--port-base', '0', '--state-dir', state], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const urls = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`stack did not start:\n${output}`)), 180_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const dashboard = /Dashboard\s+(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      const api = /API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      const mailbox = /Mailbox\s+(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (dashboard && api && output.includes('analyst@fanops.local')) {
        clearTimeout(timer);
        ok({ dashboard: dashboard[1], api: api[1], mailbox: mailbox ? mailbox[1] : null });
      }
    });
    child.on('exit', (code) => fail(new Error(`stack exited with ${code}:\n${output}`)));
  });
  const logins = Object.fromEntries([...output.matchAll(/(\w+)@fanops\.local\s+(\S+)/g)].map((m) => [m[1], m[2]]));
  // The runner's controls (fire a schedule now, as ./fanops invoke does), from the stack.json it wrote.
  const control = JSON.parse(readFileSync(join(state, 'stack.json'), 'utf8')).endpoints.control;
  return {
    ...urls,
    control,
    logins,
    shared: false,
    async stop() {
      const exited = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGINT');
      await exited;
    },
  };
}

/** A dev login's ID token, through the Cognito protocol the dashboard uses (for API calls a test makes itself). */
export async function idToken(stack, role) {
  const config = await (await fetch(`${stack.dashboard}config.json`)).json();
  const response = await fetch(config.cognitoEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: config.userPoolClientId,
      AuthParameters: { USERNAME: `${role}@fanops.local`, PASSWORD: stack.logins[role] } }),
  });
  return (await response.json()).AuthenticationResult.IdToken;
}

export function chromiumPath() {
  for (const candidate of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  throw new Error('Chromium is needed for the browser tests: apt-get install -y chromium');
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Runs in every page before its own scripts: the browser fires securitypolicyviolation for whatever the policy
// refuses (inline script or style, eval, a connection to another origin...); the console carries it to the test.
function reportViolations() {
  window.addEventListener('securitypolicyviolation', (e) => {
    console.error(`Content Security Policy violation: ${e.violatedDirective} refused ${e.blockedURI || 'inline'}`
      + ` (${e.sourceFile || 'page'}:${e.lineNumber})${e.sample ? ` "${e.sample}"` : ''}`);
  }, true);
}

/** A browser whose new pages record their CSP violations (the event above, and Chromium's own console reports). */
function watching(browser, violations) {
  return {
    async newPage(options) {
      const page = await browser.newPage(options);
      await page.addInitScript(reportViolations);
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
      });
      return page;
    },
    close: () => browser.close(),
  };
}

/** The CSP violations recorded since the last call (a test that causes some on purpose takes them). */
export function takeViolations(ctx) {
  return ctx.violations.splice(0);
}

/**
 * The shared stack (or one of its own when run alone, or when `ownStack` says why it needs one) and one headless
 * Chromium for a test file, closed after it; after each test, asserts that no page broke the Content-Security-Policy
 * the dashboard is served with.
 */
export function withStackAndBrowser({ before, after, afterEach, ownStack }, chromium, then = async () => {}) {
  const ctx = { violations: [] };
  before(async () => {
    ctx.stack = (!ownStack && sharedStack()) || await startStack();
    ctx.browser = watching(await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS }), ctx.violations);
    await then(ctx);
  });
  afterEach(() => {
    assert.deepEqual(takeViolations(ctx), [], 'Content-Security-Policy violations');
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.stack?.stop();
  });
  return ctx;
}

/** A dev login signed in through the dashboard's form, in English, on its home page. */
export async function signIn(ctx, role) {
  const page = await ctx.browser.newPage();
  await page.goto(ctx.stack.dashboard);
  await page.selectOption('#locale', 'en');
  await page.fill('#username', `${role}@fanops.local`);
  await page.fill('#password', ctx.stack.logins[role]);
  await page.click('#login-form button[type=submit]');
  // The first sign-in of a stack starts the session function's JVM: on a loaded machine that takes a while.
  await page.waitForSelector('#home:not([hidden])', { timeout: 90_000 });
  return page;
}
