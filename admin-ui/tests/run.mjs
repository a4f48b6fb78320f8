// Runs the browser tests against ONE local stack (npm run test:e2e): starts it, hands its URLs, logins and control
// endpoint to every test file through FANOPS_STACK (see stack.mjs), runs `node --test` on the files, then stops it.
// Functions start once for the whole run instead of once per file (a cold start is a JVM start).
//   node tests/run.mjs [--concurrency 2] [files...]      (default: every tests/*.test.mjs)
// Files that ask for a stack of their own (ownStack) start first: they are the longest.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startStack } from './stack.mjs';

const TESTS = import.meta.dirname;
const args = process.argv.slice(2);
let concurrency = 2;
const files = [];
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === '--concurrency') concurrency = Number(args[(i += 1)]);
  else files.push(resolve(args[i]));
}
if (!files.length) files.push(...readdirSync(TESTS).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => join(TESTS, f)));
const ownStack = (file) => /ownStack:/.test(readFileSync(file, 'utf8'));
files.sort((a, b) => Number(ownStack(b)) - Number(ownStack(a)));

const started = Date.now();
// No shared stack when every file brings its own (or none is a browser test that wants one).
const stack = files.some((f) => /withStackAndBrowser/.test(readFileSync(f, 'utf8')) && !ownStack(f)) ? await startStack() : null;
if (stack) console.log(`# shared stack ready in ${Date.now() - started} ms: ${stack.dashboard}`);
const shared = stack && { dashboard: stack.dashboard, api: stack.api, mailbox: stack.mailbox, control: stack.control, logins: stack.logins };
const child = spawn(process.execPath, ['--test', `--test-concurrency=${concurrency}`, ...files], {
  stdio: 'inherit', env: { ...process.env, ...(shared ? { FANOPS_STACK: JSON.stringify(shared) } : {}) },
});
const stopAll = () => child.kill('SIGINT');
process.once('SIGINT', stopAll);
process.once('SIGTERM', stopAll);
const code = await new Promise((ok) => child.once('exit', (c, signal) => ok(c ?? (signal ? 1 : 0))));
await stack?.stop();
console.log(`# browser tests: ${files.length} file(s), ${Math.round((Date.now() - started) / 1000)} s${stack ? ' with the shared stack' : ''}`);
process.exit(code);
