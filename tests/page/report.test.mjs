// Reports in real Chromium: print (controls hidden, one A4 landscape page, a sharp canvas), PNG
// export at 1×/2×/3× or a chosen width drawn off-screen by the core (the same with panels open),
// SVG export, the export menu, and the flow animation (frames only while it is on, on screen, in a
// visible tab and without reduced motion). Screenshots, exports and the printed PDF are written to
// test-results/report/ to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import pixelmatch from 'pixelmatch';
import { launch, serve, open, frame } from './harness.mjs';
import { axe, formatAxe } from './util.mjs';

const OUT = 'test-results/report';
let browser, server, url;
before(async () => {
  mkdirSync(OUT, { recursive: true });
  ({ server, url } = await serve());
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const frames = (page) => page.evaluate(() => window.youcheng.frameStats().frames);
/** Waits (up to 10 s: the machine is shared) until more than `n` frames were drawn. */
const framesPast = (page, n) => page.waitForFunction((n) => window.youcheng.frameStats().frames > n, n, { timeout: 10000 });
const shown = (page, sel) => page.evaluate((sel) => {
  const n = document.querySelector('#map').shadowRoot.querySelector(sel);
  return !!n && getComputedStyle(n).display !== 'none' && n.getBoundingClientRect().height > 0;
}, sel);

/** A PNG export as bytes (base64 across the boundary) with its size. */
async function exported(page, options) {
  const b64 = await page.evaluate(async (options) => {
    const blob = await window.youcheng.exportPng(options);
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  }, options);
  return PNG.sync.read(Buffer.from(b64, 'base64'));
}

/** Pages in a PDF: its page objects (`/Type /Page`, not `/Pages`). */
const pdfPages = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;

test('print media hides the controls, shows title, summary, legend and sources, draws the map sharply, and fits one A4 landscape page', async () => {
  const { page, context, log } = await open(browser, url);
  await page.evaluate(() => window.youcheng.select('qingdao-shimonoseki')); // the detail panel opens
  await page.click('#map .yc-stats-toggle');
  await frame(page);
  assert.ok(await shown(page, '.yc-toolbar') && await shown(page, '.yc-detail'));
  assert.equal(await shown(page, '.yc-print-head'), false, 'the print header is for print only');
  await page.emulateMedia({ media: 'print' });
  await frame(page);
  await frame(page);
  for (const sel of ['.yc-toolbar', '.yc-filters', '.yc-detail', '.yc-zoom', '.yc-stats', '.yc-summary']) {
    assert.equal(await shown(page, sel), false, `${sel} is hidden in print`);
  }
  for (const sel of ['.yc-print-head', '.yc-canvas', '.yc-legend', '.yc-attribution', '.yc-print-sources']) assert.ok(await shown(page, sel), `${sel} prints`);
  const head = await page.locator('#map .yc-print-head').innerText();
  assert.match(head, /山东国际友好城市地图/);
  assert.match(head, /收录 \d+ 对（官方统计共 \d+ 对/);
  assert.match(head, /打印于 \d{4}-\d{2}-\d{2}/);
  assert.match(await page.locator('#map .yc-print-sources').innerText(), /来源：官方总数来自/);
  const sharp = await page.evaluate(() => {
    const c = window.youcheng.canvas;
    return { ratio: c.width / c.getBoundingClientRect().width, css: c.getBoundingClientRect().width };
  });
  console.log(`print: canvas ${sharp.css.toFixed(0)} CSS px wide at ${sharp.ratio.toFixed(2)} device px per CSS px`);
  assert.ok(Math.abs(sharp.ratio - 3) < 0.05, `the canvas is drawn at print resolution: ${sharp.ratio}`);
  await page.screenshot({ path: `${OUT}/print-media.png`, fullPage: true });
  const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
  writeFileSync(`${OUT}/print.pdf`, pdf);
  assert.equal(pdfPages(pdf), 1, 'one A4 landscape page');
  // Look at it as the page prints: the viewport of an A4 landscape page's content box (277 × 190 mm).
  await page.setViewportSize({ width: 1047, height: 718 });
  await frame(page);
  await frame(page);
  const tall = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.screenshot({ path: `${OUT}/print-a4.png` });
  console.log(`print: the page is ${tall} px tall in a 1047 × 718 px A4 content box`);
  assert.ok(tall <= 718, `fits the page's height: ${tall}`);
  await page.setViewportSize({ width: 1280, height: 860 });
  // Back on screen: the controls return and the canvas goes back to the screen's resolution.
  await page.emulateMedia({ media: 'screen' });
  await frame(page);
  await frame(page);
  assert.ok(await shown(page, '.yc-toolbar'));
  const back = await page.evaluate(() => window.youcheng.canvas.width / window.youcheng.canvas.getBoundingClientRect().width);
  assert.ok(Math.abs(back - 1) < 0.05, `screen resolution again: ${back}`);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('PNG export at 2× is twice the CSS size, a chosen width is honoured, and open panels change nothing', async () => {
  const { page, context, log } = await open(browser, url);
  const cssWidth = await page.evaluate(() => Math.round(document.querySelector('#map').getBoundingClientRect().width));
  const one = await exported(page);
  const two = await exported(page, { scale: 2 });
  const three = await exported(page, { scale: 3 });
  console.log(`export: 1× ${one.width}×${one.height}, 2× ${two.width}×${two.height}, 3× ${three.width}×${three.height} (element ${cssWidth} CSS px)`);
  assert.equal(one.width, cssWidth);
  assert.equal(two.width, 2 * one.width);
  assert.ok(Math.abs(two.height - 2 * one.height) <= 1, `${two.height} vs ${one.height}`);
  assert.equal(three.width, 3 * one.width);
  assert.ok(Math.abs(three.height - 3 * one.height) <= 1);
  assert.equal((await exported(page, { width: 1000 })).width, 1000);
  writeFileSync(`${OUT}/export-1x.png`, PNG.sync.write(one));
  await page.evaluate(() => window.youcheng.select('qingdao-shimonoseki'));
  const closed = await exported(page, { scale: 2 });
  const canvasBefore = await page.evaluate(() => window.youcheng.canvas.getBoundingClientRect().height);
  // Open the statistics and the table under the map and close the filter drawer: the canvas changes size.
  await page.click('#map .yc-stats-toggle');
  await page.click('#map .yc-table-toggle');
  await page.click('#map .yc-filters-toggle');
  await frame(page);
  const canvasAfter = await page.evaluate(() => window.youcheng.canvas.getBoundingClientRect().height);
  assert.ok(await shown(page, '.yc-detail') && await shown(page, '.yc-table'));
  assert.notEqual(canvasAfter, canvasBefore, 'the panels did change the on-screen canvas');
  const open2 = await exported(page, { scale: 2 });
  assert.deepEqual([open2.width, open2.height], [closed.width, closed.height]);
  const diff = new PNG({ width: closed.width, height: closed.height });
  const differing = pixelmatch(closed.data, open2.data, diff.data, closed.width, closed.height, { threshold: 0.1 });
  console.log(`export with panels open: ${differing} of ${closed.width * closed.height} pixels differ`);
  assert.equal(differing, 0);
  writeFileSync(`${OUT}/export-2x-panels-open.png`, PNG.sync.write(open2));
  // Wrong options are TypeErrors naming the option.
  const errors = await page.evaluate(() => [{ scale: 'x' }, { scale: 9 }, { width: -5 }, 'big'].map((o) => {
    try {
      window.youcheng.exportPng(o);
      return 'no error';
    } catch (e) {
      return `${e.name}: ${e.message}`;
    }
  }));
  for (const e of errors) assert.match(e, /^TypeError: exportPng/);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('the export menu downloads PNG at 1×/2×/3× and at a width, and SVG; axe finds nothing with it open', async () => {
  const { page, context } = await open(browser, url, { acceptDownloads: true });
  await page.click('#map .yc-export');
  assert.equal(await page.getAttribute('#map .yc-export', 'aria-expanded'), 'true');
  const labels = await page.locator('#map .yc-export-menu button').allInnerTexts();
  assert.deepEqual(labels, ['PNG 图片（1×）', 'PNG 图片（2×）', 'PNG 图片（3×）', '按此宽度导出 PNG', 'SVG 矢量图（适合印刷）']);
  const violations = await axe(page);
  assert.equal(violations.length, 0, formatAxe(violations));
  await page.screenshot({ path: `${OUT}/export-menu.png` });
  const save = async (sel) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(sel)]);
    return download.suggestedFilename();
  };
  assert.match(await save('#map .yc-export-png[data-scale="2"]'), /^youcheng-\d{4}-\d{2}-\d{2}@2x\.png$/);
  assert.equal(await page.getAttribute('#map .yc-export', 'aria-expanded'), 'false', 'choosing closes the menu');
  await page.click('#map .yc-export');
  await page.fill('#map .yc-export-width', '1600');
  assert.match(await save('#map .yc-export-at-width'), /\.png$/);
  await page.click('#map .yc-export');
  assert.match(await save('#map .yc-export-svg'), /^youcheng-\d{4}-\d{2}-\d{2}\.svg$/);
  await page.click('#map .yc-export');
  await page.keyboard.press('Escape');
  assert.equal(await page.getAttribute('#map .yc-export', 'aria-expanded'), 'false');
  await context.close();
});

test('an export whose full build cannot be fetched says so in the UI language, the map stays on the small build and works, and the next export tries again', async () => {
  const { page, context, log } = await open(browser, url, { acceptDownloads: true });
  let refused = 0;
  await page.route(/\/pkg\/youcheng_bg\.wasm$/, (route) => (refused++, route.abort()));
  const failed = await page.evaluate(() => window.youcheng.exportPng().then(() => 'exported', (e) => `failed: ${e.message}`));
  assert.match(failed, /^failed: /, failed);
  assert.ok(refused >= 1, 'the full build was asked for');
  // The map is as it was, on the small build: it filters, hovers and draws.
  const after = await page.evaluate(() => {
    const m = window.youcheng;
    const all = m.visibleIds().length;
    m.setFilter({ continents: ['europe'] });
    return { all, europe: m.visibleIds().length, stats: !!m.frameStats() };
  });
  assert.ok(after.all > after.europe && after.europe > 0 && after.stats, JSON.stringify(after));
  // From the menu: the message names the failure, in Chinese (the page's language).
  await page.click('#map .yc-export');
  await page.click('#map .yc-export-png[data-scale="1"]');
  const message = page.locator('#map .yc-message');
  await message.waitFor({ state: 'visible' });
  assert.match(await message.textContent(), /^导出失败：/);
  await page.waitForFunction(() => document.querySelector('#map').shadowRoot.querySelector('.yc-export').getAttribute('aria-busy') === null);
  // Once the file can be fetched, the next export works.
  await page.unroute(/\/pkg\/youcheng_bg\.wasm$/);
  const [download] = await Promise.all([page.waitForEvent('download'), (async () => { await page.click('#map .yc-export'); await page.click('#map .yc-export-png[data-scale="1"]'); })()]);
  assert.match(download.suggestedFilename(), /\.png$/);
  assert.equal(await page.evaluate(() => window.youcheng.visibleIds().length), after.europe, 'the filter kept');
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('SVG export parses and carries the arcs, title, legend, attribution and date, with no outside references', async () => {
  const { page, context, log } = await open(browser, url);
  const info = await page.evaluate(async () => {
    const text = await (await window.youcheng.exportSvg()).text();
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const texts = [...doc.querySelectorAll('text')].map((t) => t.textContent);
    return {
      text,
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: doc.documentElement.localName,
      arcs: doc.querySelectorAll('path.yc-arcs').length,
      circles: doc.querySelectorAll('circle').length,
      texts,
      refs: [...doc.querySelectorAll('*')].filter((n) => n.hasAttribute('href') || n.hasAttribute('xlink:href')).length,
      attribution: window.youcheng.attribution,
    };
  });
  writeFileSync(`${OUT}/export.svg`, info.text);
  console.log(`SVG: ${info.text.length} bytes, ${info.arcs} arc bundles, ${info.circles} dots, ${info.texts.length} texts`);
  assert.equal(info.error, null);
  assert.equal(info.root, 'svg');
  assert.ok(info.arcs >= 17, `arcs: ${info.arcs}`);
  assert.ok(info.circles > 100);
  assert.equal(info.refs, 0);
  // The map's own names come first (country and partner names); then the panel, title first.
  const title = info.texts.indexOf('山东国际友好城市地图');
  assert.ok(title >= 0, 'the title');
  assert.ok(info.texts.findIndex((t) => /^青岛市 \(\d+\)$/.test(t)) > title, info.texts.join(' | '));
  assert.ok(info.texts.includes(info.attribution), 'attribution');
  assert.ok(info.texts.some((t) => /^导出于 \d{4}-\d{2}-\d{2}$/.test(t)));
  // Look at it: the SVG on its own page.
  const view = await context.newPage();
  await view.setContent(info.text);
  await view.screenshot({ path: `${OUT}/export-svg.png`, fullPage: true });
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test('flow: frames while on, none while off, off-screen, in a hidden tab or under reduced motion', async () => {
  const { page, context, log } = await open(browser, url);
  await sleep(300);
  let f0 = await frames(page);
  await sleep(600);
  assert.equal(await frames(page), f0, 'off by default: no frames while idle');
  await page.click('#map .yc-flow');
  assert.equal(await page.evaluate(() => document.querySelector('#map').flow), true);
  assert.equal(await page.getAttribute('#map', 'flow'), '', 'the property is reflected as a boolean attribute');
  assert.equal(await page.getAttribute('#map .yc-flow', 'aria-pressed'), 'true');
  const start = await page.evaluate(() => ({ ...window.youcheng.frameStats(), t: performance.now() }));
  const a = await page.evaluate(() => window.youcheng.picture().toDataURL());
  await sleep(1000);
  await framesPast(page, start.frames + 5);
  const end = await page.evaluate(() => ({ ...window.youcheng.frameStats(), t: performance.now() }));
  const b = await page.evaluate(() => window.youcheng.picture().toDataURL());
  const n = end.frames - start.frames;
  const perFrame = (end.drawMs - start.drawMs) / Math.max(1, n);
  console.log(`flow: ${n} frames in ${((end.t - start.t) / 1000).toFixed(1)} s, ${perFrame.toFixed(2)} ms drawing per frame at ${await page.evaluate(() => { const r = window.youcheng.canvas.getBoundingClientRect(); return `${r.width}×${r.height}`; })} CSS px; land layer renders ${end.baseRenders - start.baseRenders}`);
  assert.ok(n >= 5, `frames while on: ${n}`);
  assert.notEqual(a, b, 'the dots move');
  assert.equal(end.baseRenders, start.baseRenders, 'the land is not redrawn');
  // Per-frame drawing time (JS → core → canvas calls; rasterising is the browser's) with the flow
  // and, for comparison, for plain redraws: printed, not asserted (the machine is shared).
  const perFrameMs = (redraw) => page.evaluate(async (redraw) => {
    const el = window.youcheng, out = [];
    let prev = el.frameStats();
    for (let i = 0; i < 40; i++) {
      if (redraw) el.redraw();
      await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
      const s = el.frameStats();
      if (s.frames === prev.frames + 1) out.push(s.drawMs - prev.drawMs);
      prev = s;
    }
    out.sort((a, b) => a - b);
    return `min ${out[0]?.toFixed(2)} ms, median ${out[out.length >> 1]?.toFixed(2)} ms over ${out.length} frames`;
  }, redraw);
  console.log(`flow frame: ${await perFrameMs(false)}`);
  await page.screenshot({ path: `${OUT}/flow.png` });
  // Scrolled off-screen: paused.
  await page.evaluate(() => {
    const spacer = document.createElement('div');
    spacer.style.height = '4000px';
    document.body.append(spacer);
    window.scrollTo(0, 3000);
  });
  await sleep(300);
  f0 = await frames(page);
  await sleep(600);
  assert.equal(await frames(page), f0, 'no frames off-screen');
  await page.evaluate(() => window.scrollTo(0, 0));
  await sleep(400);
  f0 = await frames(page);
  await framesPast(page, f0 + 2); // runs again on screen
  // A hidden tab: paused.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await sleep(200);
  f0 = await frames(page);
  await sleep(500);
  assert.equal(await frames(page), f0, 'no frames in a hidden tab');
  await page.evaluate(() => {
    delete document.visibilityState;
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await framesPast(page, f0 + 2); // runs again when visible
  // Off from the toolbar: no more frames.
  await page.click('#map .yc-flow');
  assert.equal(await page.getAttribute('#map', 'flow'), null);
  await sleep(200);
  f0 = await frames(page);
  await sleep(600);
  assert.equal(await frames(page), f0, 'flow off: no frames');
  console.log(`plain redraw frame (no flow): ${await perFrameMs(true)}`);
  assert.deepEqual(log.pageErrors, []);
  await context.close();
  // Reduced motion: the attribute is set but nothing moves.
  const still = await open(browser, url, { reducedMotion: 'reduce' });
  await still.page.evaluate(() => document.querySelector('#map').setAttribute('flow', ''));
  await sleep(300);
  f0 = await frames(still.page);
  await sleep(600);
  assert.equal(await frames(still.page), f0, 'reduced motion: no frames');
  await still.context.close();
});
