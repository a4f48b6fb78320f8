// What changed between two versions of a versioned setting: every leaf path added, removed or changed, with its old and
// new value. Plain data in, plain data out (node --test runs it without a browser). Version metadata is left out.
const METADATA = new Set(['version', 'basedOn', 'changedBy', 'changedAt', 'publishedAt', 'publishedBy']);

const isObject = (v) => v !== null && typeof v === 'object';

function walk(before, after, path, out) {
  if (isObject(before) && isObject(after) && Array.isArray(before) === Array.isArray(after)) {
    const keys = Array.isArray(before)
      ? [...Array(Math.max(before.length, after.length)).keys()].map(String)
      : [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) {
      const child = path ? `${path}.${key}` : key;
      const inBefore = Object.prototype.hasOwnProperty.call(before, key);
      const inAfter = Object.prototype.hasOwnProperty.call(after, key);
      if (inBefore && !inAfter) out.push({ path: child, change: 'removed', before: before[key] });
      else if (!inBefore && inAfter) out.push({ path: child, change: 'added', after: after[key] });
      else walk(before[key], after[key], child, out);
    }
    return out;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ path: path || '(value)', change: 'changed', before, after });
  return out;
}

/** The differences from `before` to `after` (two versions as the API answers them), in path order. */
export function diff(before, after) {
  const strip = (v) => (isObject(v) && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v).filter(([k]) => !METADATA.has(k))) : v);
  return walk(strip(before ?? {}), strip(after ?? {}), '', []);
}

/** A value as one short line (objects and lists as JSON). */
export function shown(value) {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
