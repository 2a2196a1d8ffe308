// Small SVG charts for the statistics panel, built with DOM calls (no library, no innerHTML):
// every label goes in as text. Colours come from CSS classes, so themes apply.
const NS = 'http://www.w3.org/2000/svg';

function el(name, attrs = {}, text) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** About how wide `text` is at 12 px (CJK characters are square, Latin ones narrower). */
const textWidth = (text) => [...text].reduce((w, c) => w + (c.codePointAt(0) > 0x2e80 ? 12 : 7), 0);

/**
 * Bars of new pairs per year with a cumulative line over them, drawn at `width` CSS px (one
 * unit a pixel, so its 12 px text stays 12 px); year labels at least 44 px apart.
 * years: [{year, count}] for every year in range (zeros included); cumulative: same years.
 */
export function yearChart({ title, years, cumulative, labels, width = 560 }) {
  const w = Math.max(280, Math.round(width)), h = 200, pad = { l: 36, r: 40, t: 26, b: 24 };
  const svg = el('svg', { viewBox: `0 0 ${w} ${h}`, role: 'img', class: 'yc-chart yc-year-chart' });
  svg.append(el('title', {}, title));
  if (!years.length) return svg;
  const maxNew = Math.max(1, ...years.map((y) => y.count));
  const maxCum = Math.max(1, ...cumulative.map((y) => y.count));
  const n = years.length;
  const bw = (w - pad.l - pad.r) / n;
  const x = (i) => pad.l + i * bw;
  const yNew = (v) => h - pad.b - (v / maxNew) * (h - pad.t - pad.b);
  const yCum = (v) => h - pad.b - (v / maxCum) * (h - pad.t - pad.b);
  const bars = el('g', { class: 'yc-bars' });
  years.forEach((d, i) => {
    if (!d.count) return;
    const r = el('rect', { x: x(i) + 0.5, y: yNew(d.count), width: Math.max(1, bw - 1), height: h - pad.b - yNew(d.count) });
    r.append(el('title', {}, `${d.year}: ${labels.newPairs} ${d.count}, ${labels.cumulative} ${cumulative[i]?.count ?? ''}`));
    bars.append(r);
  });
  svg.append(bars);
  const points = cumulative.map((d, i) => `${(x(i) + bw / 2).toFixed(1)},${yCum(d.count).toFixed(1)}`).join(' ');
  svg.append(el('polyline', { points, class: 'yc-line', fill: 'none' }));
  const axis = el('g', { class: 'yc-axis' });
  const step = [1, 2, 5, 10, 20, 50].find((s) => s * bw >= 44) ?? 100;
  years.forEach((d, i) => {
    if (d.year % step === 0) axis.append(el('text', { x: x(i) + bw / 2, y: h - 7, 'text-anchor': 'middle' }, String(d.year)));
  });
  axis.append(el('text', { x: pad.l - 4, y: pad.t + 9, 'text-anchor': 'end' }, String(maxNew)));
  axis.append(el('text', { x: w - pad.r + 4, y: pad.t + 9, 'text-anchor': 'start', class: 'yc-line-label' }, String(maxCum)));
  svg.append(axis);
  // The key above the plot, each label placed after the one before it.
  const legend = el('g', { class: 'yc-axis' });
  const second = pad.l + 20 + textWidth(labels.newPairs) + 16;
  legend.append(el('rect', { x: pad.l + 6, y: 5, width: 10, height: 10, class: 'yc-bar-key' }));
  legend.append(el('text', { x: pad.l + 20, y: 14 }, labels.newPairs));
  legend.append(el('line', { x1: second, y1: 10, x2: second + 16, y2: 10, class: 'yc-line' }));
  legend.append(el('text', { x: second + 20, y: 14 }, labels.cumulative));
  svg.append(legend);
  return svg;
}

/** Horizontal bars: rows [{label, count}]. */
export function barChart({ title, rows }) {
  // 300 units wide, the narrowest column it is shown in: its 12 px text is never scaled down.
  const rowH = 22, w = 300, labelW = 110;
  const h = Math.max(rowH, rows.length * rowH + 4);
  const svg = el('svg', { viewBox: `0 0 ${w} ${h}`, role: 'img', class: 'yc-chart' });
  svg.append(el('title', {}, title));
  const max = Math.max(1, ...rows.map((r) => r.count));
  rows.forEach((r, i) => {
    const y = i * rowH + 2;
    svg.append(el('text', { x: labelW - 6, y: y + 15, 'text-anchor': 'end', class: 'yc-axis-text' }, r.label));
    const bw = ((w - labelW - 36) * r.count) / max;
    svg.append(el('rect', { x: labelW, y: y + 4, width: Math.max(1, bw), height: rowH - 8, class: 'yc-bar' }));
    svg.append(el('text', { x: labelW + bw + 4, y: y + 15, class: 'yc-axis-text' }, String(r.count)));
  });
  return svg;
}
