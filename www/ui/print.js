// Print: a header only print shows (title, the summary with coverage and review date, the date)
// and a sources note under the map, with the controls hidden by youcheng.css's print rules. While
// printing the map is drawn at 3 device pixels per CSS pixel, so it prints sharply; after printing
// it goes back to the screen's.
import { h } from '../dom.js';
import { summaryText } from './summary.js';

const PRINT_DPR = 3;
// The map's box on an A4 landscape page with 10 mm margins (277 mm × 120 mm at 96 px per inch):
// what the canvas is drawn for when the browser prints without laying the page out first.
const PRINT_BOX = { width: 1047, height: 454 };

export function createPrint(ctx) {
  const title = h('h2', { class: 'yc-print-title' });
  const summary = h('p', { class: 'yc-print-summary' });
  const date = h('p', { class: 'yc-print-date' });
  const head = h('div', { class: 'yc-print-head' }, title, summary, date);
  const sources = h('p', { class: 'yc-print-sources' });
  let printing = false;
  const media = matchMedia('print');
  const begin = () => {
    if (printing) return;
    printing = true;
    const r = ctx.el.canvas?.getBoundingClientRect();
    const box = media.matches && r?.width ? r : PRINT_BOX; // laid out for print already, or not yet
    ctx.send({ type: 'resize', width: box.width, height: box.height, dpr: PRINT_DPR });
    ctx.drawNow();
  };
  const end = () => {
    if (!printing) return;
    printing = false;
    ctx.fit();
  };
  ctx.on(window, 'beforeprint', begin);
  ctx.on(window, 'afterprint', end);
  ctx.on(media, 'change', () => (media.matches ? begin() : end()));
  const fill = (snap) => {
    const { t } = ctx;
    title.textContent = t('mapLabel');
    summary.textContent = snap ? summaryText(snap, t) : '';
    date.textContent = t('printedOn', { date: new Date().toISOString().slice(0, 10) });
    const c = snap?.stats.coverage;
    sources.textContent = c ? t('printSourcesShipped', { source: c.source || '—', asOf: c.asOf }) : t('printSources');
  };
  return {
    head,
    sources,
    /** Device pixels per CSS pixel for the canvas: the print resolution while printing. */
    dpr: () => (printing ? PRINT_DPR : window.devicePixelRatio || 1),
    translate: () => fill(ctx.snap()),
    render: fill,
  };
}
