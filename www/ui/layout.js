// The widget's shadow DOM: the map stage (canvas, tooltip, zoom, message), the bar under it
// (legend, attribution: never over the map) and the controls `controls` asks for — `full` builds
// them all, `minimal` the map with summary, legend, zoom and details, `none` the map and details
// only. Fewer controls, fewer modules.
import { h, STYLESHEET } from '../dom.js';
import { createToolbar } from './toolbar.js';
import { createFilters } from './filters.js';
import { createLegend } from './legend.js';
import { createTooltip } from './tooltip.js';
import { createDetail } from './detail.js';
import { createStats } from './stats.js';
import { createTable } from './table.js';
import { createTimeline } from './timeline.js';
import { createHash } from './hash.js';
import { createSummary } from './summary.js';
import { createAttribution } from './attribution.js';
import { createReport } from './report.js';
import { createPrint } from './print.js';
import { createFlow } from './flow.js';
import { createFly } from './fly.js';
import { createProgress } from './progress.js';
import { createInsetToggle } from './inset-toggle.js';

/** Whether the widget's stylesheet has loaded once on this page (later builds need not wait). */
let styled = false;

/**
 * Builds the modules and the DOM into `root`; `canvas` and `layers` (kept across rebuilds) are
 * the core's: the map's canvas, and under it the canvases of its cached land and arcs layers.
 */
export function buildLayout(root, ctx, actions, controls, canvas, layers) {
  const full = controls !== 'minimal' && controls !== 'none';
  const ui = {};
  const m = {};
  m.hash = createHash(ctx);
  m.fly = createFly(ctx);
  m.timeline = createTimeline(ctx, actions.playing);
  m.tooltip = createTooltip(ctx, () => ui.stage);
  m.detail = createDetail(ctx);
  m.report = createReport(ctx);
  m.print = createPrint(ctx);
  m.progress = createProgress(ctx);
  m.insetToggle = controls !== 'none' ? createInsetToggle(ctx) : null;
  m.summary = controls !== 'none' ? createSummary(ctx) : null;
  m.legend = controls !== 'none' ? createLegend(ctx) : null;
  m.attribution = createAttribution(ctx);
  if (full) {
    m.toolbar = createToolbar(ctx, { ...actions, fly: m.fly });
    m.filters = createFilters(ctx, { ...actions, toggleButton: () => m.toolbar.ui.filtersToggle });
    m.stats = createStats(ctx, { statsButton: () => m.toolbar.ui.statsToggle });
    m.table = createTable(ctx, { tableButton: () => m.toolbar.ui.tableToggle });
  }
  m.flow = createFlow(ctx, () => m.toolbar?.ui.flowBtn);
  ui.announce = h('div', { class: 'yc-sr', 'aria-live': 'polite', role: 'status' });
  ui.summary = m.summary?.node ?? null;
  ui.canvas = canvas ?? h('canvas', { class: 'yc-canvas', 'aria-hidden': 'true' });
  ui.layers = layers ?? h('div', { class: 'yc-layers', 'aria-hidden': 'true' }, ...[0, 1].map(() => h('div', { class: 'yc-layer-box' }, h('canvas', { class: 'yc-layer' }))));
  ui.help = h('p', { class: 'yc-sr', id: 'yc-help' });
  ui.mapBox = h('div', { class: 'yc-map', part: 'map', tabindex: '0', role: 'application', 'aria-describedby': 'yc-summary yc-help' }, ui.layers, ui.canvas);
  ui.zoom = controls !== 'none' ? ['+', '−', '⌂'].map((s, i) => h('button', { type: 'button', class: `yc-btn ${['yc-zoom-in', 'yc-zoom-out', 'yc-zoom-reset'][i]}` }, s)) : [];
  ui.attribution = m.attribution.node;
  ui.message = h('div', { class: 'yc-message', role: 'alert', hidden: true, part: 'message' });
  ui.stage = h('div', { class: 'yc-stage' }, ui.mapBox, m.insetToggle?.node, m.tooltip.node, ui.zoom.length ? h('div', { class: 'yc-zoom', part: 'zoom' }, ...ui.zoom) : null, m.timeline.badge, m.progress.node, ui.message);
  ui.foot = h('div', { class: 'yc-foot', part: 'foot' }, m.legend?.node, ui.attribution);
  ui.root = h('div', { class: 'yc-root', part: 'root' }, m.print.head, m.toolbar?.node, ui.summary, h('div', { class: 'yc-body' }, m.filters?.node, h('div', { class: 'yc-main' }, ui.stage, ui.foot), m.detail.node), m.print.sources, m.stats?.node, m.table?.node, ui.help, ui.announce);
  // Until the stylesheet has arrived the controls stay hidden: unstyled, they would show as a long
  // column of buttons and lists and move the page (an iframe would report that height).
  // `ui.styled` resolves once it has (the map has its size from then on).
  const sheet = h('link', { rel: 'stylesheet', href: STYLESHEET });
  ui.styled = Promise.resolve();
  if (!styled) {
    ui.root.hidden = true;
    ui.styled = new Promise((resolve) => {
      const show = () => ((styled = true), (ui.root.hidden = false), resolve());
      sheet.addEventListener('load', show, { once: true });
      sheet.addEventListener('error', show, { once: true });
    });
  }
  root.replaceChildren(sheet, ui.root);
  ui.zoom.forEach((b, i) => ctx.on(b, 'click', () => ctx.send({ type: 'key', key: ['+', '-', 'Home'][i], shift: false })));
  return { ui, m };
}
