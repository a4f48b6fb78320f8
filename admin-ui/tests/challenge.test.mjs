// The sign-up form's proof of work: what it finds is what the API checks (SHA-256 of "<token>:<counter>", leading zero bits).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { solve } from '../public/challenge.js';

function zeroBits(buffer) {
  let bits = 0;
  for (const b of buffer) {
    if (b === 0) { bits += 8; continue; }
    return bits + Math.clz32(b) - 24;
  }
  return bits;
}

test('a solution has the asked number of leading zero bits and names the token', async () => {
  const token = '1795313000.10.AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB';
  for (const difficulty of [1, 8, 10, 13]) {
    const solution = await solve(token, difficulty, 64);
    assert.ok(solution.startsWith(`${token}:`));
    assert.match(solution.slice(token.length + 1), /^\d+$/);
    assert.ok(zeroBits(createHash('sha256').update(solution).digest()) >= difficulty, solution);
  }
});
