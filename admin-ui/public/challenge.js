// The sign-up's proof of work, when the deployment asks for one (GET /v1/challenge): find a counter such that
// SHA-256("<token>:<counter>") starts with `difficulty` zero bits, with Web Crypto, in batches so the page stays responsive.
const encoder = new TextEncoder();

function leadingZeroBits(bytes) {
  let bits = 0;
  for (const b of bytes) {
    if (b === 0) { bits += 8; continue; }
    return bits + Math.clz32(b) - 24;
  }
  return bits;
}

export async function solve(token, difficulty, batch = 256) {
  for (let start = 0; ; start += batch) {
    const counters = Array.from({ length: batch }, (_, i) => start + i);
    const hashes = await Promise.all(counters.map((c) => crypto.subtle.digest('SHA-256', encoder.encode(`${token}:${c}`))));
    const found = hashes.findIndex((h) => leadingZeroBits(new Uint8Array(h)) >= difficulty);
    if (found >= 0) return `${token}:${counters[found]}`;
  }
}

/** Headers to add to the sign-up: the solved challenge, or nothing when none is asked for. */
export async function challengeHeaders(apiUrl) {
  const response = await fetch(`${apiUrl}/v1/challenge`);
  const body = await response.json();
  if (!body.required) return {};
  return { [body.header]: await solve(body.token, body.difficulty) };
}
