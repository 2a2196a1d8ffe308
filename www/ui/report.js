// Reports: the PNG and SVG export and the export menu in the toolbar. The core lays the report
// out and draws it off-screen at the asked size (src/report.rs) from the map's state — never a
// copy of the on-screen canvas — so open panels, the canvas's size and the screen's pixel ratio
// make no difference. This module only gathers the texts in the UI language. The reports are in
// the full build of the core only: a map on the small one moves to it at its first export.
import { h } from '../dom.js';
import { legendLabels } from './legend.js';
import { summaryText } from './summary.js';

const today = () => new Date().toISOString().slice(0, 10);

/** `{scale, width}` as exportPng takes them; anything else is a TypeError naming the option. */
export function checkExportOptions(options) {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object') throw new TypeError('exportPng(options): options must be an object {scale, width}');
  const { scale, width } = options;
  if (scale !== undefined && !(typeof scale === 'number' && scale > 0 && scale <= 4)) throw new TypeError('exportPng({scale}): scale must be a number above 0 and at most 4');
  if (width !== undefined && !(typeof width === 'number' && width >= 100 && width <= 8192)) throw new TypeError('exportPng({width}): width must be a number of pixels from 100 to 8192');
  return { scale, width };
}

/** Builds the report functions of one element: `png(options)` and `svg()`, each a Promise of a Blob. */
export function createReport(ctx) {
  const spec = ({ scale, width } = {}) => {
    const snap = ctx.snap();
    const cs = getComputedStyle(ctx.el);
    const colour = (name) => cs.getPropertyValue(name).trim() || undefined;
    return {
      widthCssPx: ctx.el.getBoundingClientRect().width,
      scale,
      widthPx: width,
      title: ctx.t('mapLabel'),
      summary: snap ? summaryText(snap, ctx.t) : '',
      legend: snap ? legendLabels(snap, ctx.t, ctx.name).map((e) => e.label) : [],
      attribution: ctx.el.attribution,
      date: ctx.t('exportedOn', { date: today() }),
      background: colour('--yc-bg'),
      text: colour('--yc-text'),
    };
  };
  return {
    png(options) {
      const opts = checkExportOptions(options); // a wrong option throws at once, as it always did
      if (!ctx.core()) return Promise.reject(new Error('exportPng: the map has not loaded'));
      return ctx.reportCore().then((core) => {
        if (!core) throw new Error('exportPng: the map has gone');
        const out = document.createElement('canvas');
        core.renderReport(out, spec(opts));
        return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png'));
      });
    },
    async svg() {
      if (!ctx.core()) throw new Error('exportSvg: the map has not loaded');
      const core = await ctx.reportCore();
      if (!core) throw new Error('exportSvg: the map has gone');
      return new Blob([core.reportSvg(spec())], { type: 'image/svg+xml' });
    },
  };
}

/**
 * The toolbar's export menu (a disclosure button and a group of buttons): PNG at 1×, 2×, 3×, PNG
 * at a chosen width, SVG. `save(kind, options)` downloads the file.
 */
export function createExportMenu(ctx, save) {
  const toggle = h('button', { type: 'button', class: 'yc-btn yc-export', 'aria-expanded': 'false', 'aria-controls': 'yc-export-menu' });
  const scales = [1, 2, 3].map((s) => h('button', { type: 'button', class: 'yc-btn yc-export-png', 'data-scale': s }));
  const width = h('input', { type: 'number', class: 'yc-export-width', min: 320, max: 8192, step: 10, value: 3000 });
  const widthLabel = h('label', { class: 'yc-export-width-label' }, h('span', {}), width);
  const atWidth = h('button', { type: 'button', class: 'yc-btn yc-export-at-width' });
  const svg = h('button', { type: 'button', class: 'yc-btn yc-export-svg' });
  const menu = h('div', { class: 'yc-export-menu', id: 'yc-export-menu', role: 'group', hidden: true }, ...scales, h('div', { class: 'yc-export-row' }, widthLabel, atWidth), svg);
  const node = h('div', { class: 'yc-export-wrap' }, toggle, menu);
  const open = (on) => {
    menu.hidden = !on;
    toggle.setAttribute('aria-expanded', String(on));
  };
  const pick = (kind, options) => {
    open(false);
    toggle.focus();
    // Busy until the file is offered: a default map's first export fetches the full build.
    toggle.setAttribute('aria-busy', 'true');
    Promise.resolve(save(kind, options)).finally(() => toggle.removeAttribute('aria-busy'));
  };
  ctx.on(toggle, 'click', () => {
    if (menu.hidden) ctx.warmReports?.(); // a choice is likely: the reports' build starts coming
    open(menu.hidden);
  });
  scales.forEach((b, i) => ctx.on(b, 'click', () => pick('png', { scale: i + 1 })));
  ctx.on(atWidth, 'click', () => {
    const px = Math.round(Number(width.value));
    if (Number.isFinite(px) && px >= 320 && px <= 8192) pick('png', { width: px });
    else width.reportValidity?.();
  });
  ctx.on(svg, 'click', () => pick('svg'));
  ctx.on(node, 'keydown', (e) => {
    if (e.key === 'Escape' && !menu.hidden) {
      e.stopPropagation();
      open(false);
      toggle.focus();
    }
  });
  ctx.on(node, 'focusout', (e) => {
    if (!menu.hidden && e.relatedTarget && !node.contains(e.relatedTarget)) open(false);
  });
  return {
    node,
    toggle,
    translate(t) {
      toggle.textContent = t('export');
      scales.forEach((b, i) => (b.textContent = t('exportPngScale', { n: i + 1 })));
      widthLabel.firstChild.textContent = t('exportWidth');
      atWidth.textContent = t('exportPngWidth');
      svg.textContent = t('exportSvg');
    },
  };
}
