// Small inline-SVG charts for the metrics page: a line chart with a hover read-out and a column chart.
// Hand-written on purpose: two chart types do not justify a charting library in a no-build dashboard.
import { h, svg } from '../../dom.js';

/** A round upper bound for the y axis (1, 2, 2.5 or 5 times a power of ten). */
export function niceMax(value) {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (value <= step * power) return step * power;
  }
  return 10 * power;
}

const W = 640;
const PAD = { left: 52, right: 12, top: 12, bottom: 26 };

function frame(height, max, format, labels) {
  const plotH = height - PAD.top - PAD.bottom;
  const plotW = W - PAD.left - PAD.right;
  const root = svg('svg', { viewBox: `0 0 ${W} ${height}`, class: 'chart', role: 'img', preserveAspectRatio: 'xMidYMid meet' });
  for (let i = 0; i <= 4; i += 1) {
    const y = PAD.top + plotH - (plotH * i) / 4;
    root.append(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: y, y2: y, class: 'grid' }),
      svg('text', { x: PAD.left - 6, y: y + 4, 'text-anchor': 'end', class: 'tick' }, format((max * i) / 4)));
  }
  const n = labels.length;
  const x = (i) => PAD.left + (n <= 1 ? plotW / 2 : (plotW * i) / (n - 1));
  const shown = n <= 1 ? [0] : [...new Set([0, Math.floor((n - 1) / 2), n - 1])];
  for (const i of shown) {
    root.append(svg('text', { x: x(i), y: height - 8, 'text-anchor': i === 0 && n > 1 ? 'start' : i === n - 1 && n > 1 ? 'end' : 'middle',
      class: 'tick' }, labels[i].slice(5)));
  }
  return { root, plotH, plotW, x, y: (v) => PAD.top + plotH - (plotH * v) / max };
}

function legend(series) {
  return h('div', { class: 'legend' }, series.map((s) => h('span', {}, h('i', { style: { background: s.color } }), s.name)));
}

/**
 * Lines over days. series: [{name, color, values: [number|null]}]; labels: ISO days. Gaps (null) break a line.
 * Hovering shows the day and every series' value.
 */
export function lineChart({ labels, series, format = String, height = 220, label = '' }) {
  const values = series.flatMap((s) => s.values).filter((v) => v !== null && v !== undefined);
  const max = niceMax(Math.max(0, ...values));
  const f = frame(height, max, format, labels);
  f.root.setAttribute('aria-label', label);
  f.root.dataset.points = String(labels.length);
  for (const s of series) {
    let run = [];
    const flush = () => {
      if (run.length === 1) f.root.append(svg('circle', { cx: run[0][0], cy: run[0][1], r: 2.5, fill: s.color }));
      if (run.length > 1) {
        f.root.append(svg('polyline', { points: run.map((p) => p.join(',')).join(' '), fill: 'none', stroke: s.color,
          'stroke-width': 2, 'stroke-linejoin': 'round', class: 'series', 'data-series': s.name }));
      }
      run = [];
    };
    s.values.forEach((v, i) => {
      if (v === null || v === undefined) flush();
      else run.push([f.x(i).toFixed(1), f.y(v).toFixed(1)]);
    });
    flush();
  }
  const cursor = svg('line', { y1: PAD.top, y2: PAD.top + f.plotH, class: 'cursor', visibility: 'hidden' });
  const overlay = svg('rect', { x: PAD.left, y: PAD.top, width: f.plotW, height: f.plotH, fill: 'transparent' });
  f.root.append(cursor, overlay);
  const readout = h('div', { class: 'readout', 'aria-live': 'polite' });
  const wrap = h('figure', { class: 'chart-wrap' }, f.root, legend(series), readout);
  overlay.addEventListener('mousemove', (event) => {
    const box = f.root.getBoundingClientRect();
    const px = ((event.clientX - box.left) / box.width) * W;
    const n = labels.length;
    const i = Math.max(0, Math.min(n - 1, Math.round(((px - PAD.left) / f.plotW) * (n - 1))));
    cursor.setAttribute('x1', f.x(i));
    cursor.setAttribute('x2', f.x(i));
    cursor.setAttribute('visibility', 'visible');
    readout.textContent = `${labels[i]}  ${series.map((s) => `${s.name} ${s.values[i] === null || s.values[i] === undefined ? '—' : format(s.values[i])}`).join('  ·  ')}`;
  });
  overlay.addEventListener('mouseleave', () => { cursor.setAttribute('visibility', 'hidden'); readout.textContent = ''; });
  return wrap;
}

/**
 * Columns over days: `up` series above the axis, `down` series below it (e.g. new members and exits).
 * Each column has a tooltip with its day and value.
 */
export function columnChart({ labels, up, down, format = String, height = 180, label = '' }) {
  const top = niceMax(Math.max(1, ...up.values.filter((v) => v != null)));
  const bottom = down ? niceMax(Math.max(1, ...down.values.filter((v) => v != null))) : 0;
  const plotH = height - PAD.top - PAD.bottom;
  const plotW = W - PAD.left - PAD.right;
  const zero = PAD.top + (plotH * top) / (top + bottom);
  const scale = plotH / (top + bottom);
  const root = svg('svg', { viewBox: `0 0 ${W} ${height}`, class: 'chart', role: 'img', 'aria-label': label });
  root.dataset.points = String(labels.length);
  root.append(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: zero, y2: zero, class: 'axis' }),
    svg('text', { x: PAD.left - 6, y: PAD.top + 8, 'text-anchor': 'end', class: 'tick' }, format(top)),
    svg('text', { x: PAD.left - 6, y: zero + 4, 'text-anchor': 'end', class: 'tick' }, '0'));
  if (down) root.append(svg('text', { x: PAD.left - 6, y: PAD.top + plotH, 'text-anchor': 'end', class: 'tick' }, `-${format(bottom)}`));
  const n = labels.length;
  const slot = plotW / Math.max(1, n);
  const width = Math.max(1, slot * 0.7);
  labels.forEach((day, i) => {
    const x = PAD.left + slot * i + (slot - width) / 2;
    const u = up.values[i] || 0;
    const d = down ? down.values[i] || 0 : 0;
    if (u > 0) {
      root.append(svg('rect', { x, y: zero - u * scale, width, height: u * scale, fill: up.color },
        svg('title', {}, `${day}: ${up.name} ${format(u)}`)));
    }
    if (d > 0) {
      root.append(svg('rect', { x, y: zero, width, height: d * scale, fill: down.color },
        svg('title', {}, `${day}: ${down.name} ${format(d)}`)));
    }
  });
  const shown = n <= 1 ? [0] : [...new Set([0, Math.floor((n - 1) / 2), n - 1])];
  for (const i of shown) {
    root.append(svg('text', { x: PAD.left + slot * i + slot / 2, y: height - 8, 'text-anchor': 'middle', class: 'tick' }, labels[i].slice(5)));
  }
  return h('figure', { class: 'chart-wrap' }, root, legend(down ? [up, down] : [up]));
}
