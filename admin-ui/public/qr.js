// A QR code drawn as SVG from the vendored encoder (vendor/uqr.js: unjs/uqr 0.1.3, MIT, no dependencies - a copy of
// the npm package's dist/index.mjs, which tests/activities.test.mjs keeps equal to node_modules). One <path> of unit
// squares, no inline style and no data URL, so the strict CSP has nothing to refuse.
import { svg } from './dom.js';
import { encode } from './vendor/uqr.js';

/** The path data of a QR code's dark modules (1 unit each) and its size in units, quiet zone included. */
export function qrPath(text) {
  const { size, data } = encode(text, { ecc: 'M', border: 4 });
  let d = '';
  data.forEach((row, y) => row.forEach((dark, x) => { if (dark) d += `M${x} ${y}h1v1h-1z`; }));
  return { size, d };
}

/** An SVG element showing `text` as a QR code, `label` its accessible name. */
export function qrCode(text, label) {
  const { size, d } = qrPath(text);
  return svg('svg', { viewBox: `0 0 ${size} ${size}`, class: 'qr', role: 'img', 'aria-label': label, 'shape-rendering': 'crispEdges' },
    svg('rect', { width: size, height: size, fill: '#fff' }),
    svg('path', { d, fill: '#000' }));
}
