// The layout gives the map priority, on every screen: a 1280×800 desktop, a 390×844 phone (touch,
// DPR 3) and a 600×400 portal iframe. Nothing of the data lies under the legend, the attribution
// or a panel (checked with the element's project() against the overlays' rectangles); the map
// keeps at least 60 % of the widget with panels open; nothing is clipped in the iframe; the South
// China Sea line stands out from the ocean in both themes; a year range hides undated pairs; the
// timeline ends on its final year; the year chart is legible. Screenshots go to
// test-results/layout/, or to docs/ under `make screenshot` (YOUCHENG_SCREENSHOT set).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { launch, serve, open, frame } from './harness.mjs';
import { STRICT_CSP, axe, formatAxe } from './util.mjs';

const QINGDAO = [120.38, 36.07];
const SHIMONOSEKI = [130.94, 33.96];
const PAIR = 'qingdao-shimonoseki';
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true };
/** The centres of the ten dashes of the South China Sea line in the shipped basemap (lon, lat). */
const DASHES = [[109.58, 15.68], [110.2, 11.74], [108.26, 6.55], [112.32, 3.57], [115.89, 7.57], [118.76, 11.45], [119.06, 15.53], [119.75, 18.52], [121.54, 21.25], [122.65, 24.02]];

const SHOTS = process.env.YOUCHENG_SCREENSHOT ? dirname(process.env.YOUCHENG_SCREENSHOT) : 'test-results/layout';
const shotPath = (name) => {
  mkdirSync(SHOTS, { recursive: true });
  return join(SHOTS, name);
};

let browser, server, url;
before(async () => {
  ({ server, url } = await serve({ headers: { 'Content-Security-Policy': STRICT_CSP } }));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

/** Points along the great circle from a to b (lon/lat degrees), ends included. */
function arcPoints(a, b, n = 24) {
  const rad = Math.PI / 180;
  const v = ([lon, lat]) => [Math.cos(lat * rad) * Math.cos(lon * rad), Math.cos(lat * rad) * Math.sin(lon * rad), Math.sin(lat * rad)];
  const [p, q] = [v(a), v(b)];
  const omega = Math.acos(p.reduce((s, x, i) => s + x * q[i], 0));
  return Array.from({ length: n + 1 }, (_, k) => {
    const t = k / n;
    const [x, y, z] = p.map((c, i) => (Math.sin((1 - t) * omega) * c + Math.sin(t * omega) * q[i]) / Math.sin(omega));
    return [Math.atan2(y, x) / rad, Math.atan2(z, Math.hypot(x, y)) / rad];
  });
}

/**
 * In the page (or frame): the widget's rectangles — host, canvas, toolbar, the overlays that
 * could cover data (legend list, attribution, detail panel) — and every drawn point of `places`
 * (lon/lat) in page coordinates. Only points inside the canvas count.
 */
function measure(target, places = []) {
  return target.evaluate((places) => {
    const el = document.querySelector('#map');
    const root = el.shadowRoot;
    const box = (n) => {
      if (!n || n.hidden || n.closest('[hidden]')) return null;
      const r = n.getBoundingClientRect();
      return r.width > 0 && r.height > 0 ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height } : null;
    };
    const canvas = box(el.canvas);
    const overlays = {
      legend: box(root.querySelector('.yc-legend')),
      attribution: box(root.querySelector('.yc-attribution')),
      detail: box(root.querySelector('.yc-detail')),
      stats: box(root.querySelector('.yc-stats')),
      table: box(root.querySelector('.yc-table')),
    };
    const points = places.map(([lon, lat]) => {
      const p = el.project(lon, lat);
      return p && { lon, lat, x: canvas.left + p.x, y: canvas.top + p.y };
    }).filter((p) => p && p.x >= canvas.left && p.x <= canvas.right && p.y >= canvas.top && p.y <= canvas.bottom);
    return { host: box(el), canvas, stage: box(root.querySelector('.yc-stage')), toolbar: box(root.querySelector('.yc-toolbar')), overlays, points };
  }, places);
}

const inside = (p, r, pad = 0) => r && p.x >= r.left - pad && p.x <= r.right + pad && p.y >= r.top - pad && p.y <= r.bottom + pad;

/** Asserts that no point lies under the legend, the attribution or the detail panel. */
function assertUncovered(m, what) {
  for (const [name, r] of Object.entries(m.overlays)) {
    const under = m.points.filter((p) => inside(p, r, 2));
    assert.deepEqual(under.map((p) => `${p.lon.toFixed(2)},${p.lat.toFixed(2)}`), [], `${what}: nothing under the ${name} (${JSON.stringify(r)})`);
  }
}

/** The partner places of the visible pairs. */
const partnerPlaces = (target) => target.evaluate(() => {
  const el = document.querySelector('#map');
  return el.visibleIds().map((id) => el.details(id)).filter((d) => d.lon !== null).map((d) => [d.lon, d.lat]);
});

/** The map's uncovered part: the stage less a panel over it (the phone's sheet), as fractions of the widget. */
function mapShare(m) {
  const s = m.stage;
  let bottom = s.bottom, right = s.right;
  const d = m.overlays.detail;
  if (d && d.top > s.top && d.top < s.bottom && d.left <= s.left + 1) bottom = d.top; // a bottom sheet
  if (d && d.left > s.left && d.left < s.right && d.top <= s.top + 1) right = d.left; // a panel over the right side
  return { width: (right - s.left) / m.host.width, height: (bottom - s.top) / m.host.height };
}

async function selectAndSettle(page, id) {
  await page.evaluate((id) => window.youcheng.select(id), id);
  await frame(page);
  await frame(page);
}

test('desktop 1280×800: legend and attribution beside the data, panels leave the map ≥ 60 %, the selection uncovered (screenshot)', async () => {
  const { page, context } = await open(browser, url, DESKTOP);
  const places = await partnerPlaces(page);
  let m = await measure(page, places);
  console.log(`desktop: widget ${m.host.width}×${m.host.height}, canvas ${m.canvas.width}×${m.canvas.height}, ${m.points.length} of ${places.length} partner dots in the canvas`);
  assert.ok(m.points.length > 250, 'the first view shows the partners');
  assertUncovered(m, 'first view');
  // Legend and attribution sit below the canvas, not over it.
  for (const name of ['legend', 'attribution']) assert.ok(m.overlays[name].top >= m.canvas.bottom - 1, `${name} is below the map`);
  assert.equal(await page.locator('#map .yc-legend-toggle').getAttribute('aria-expanded'), 'true', 'a wide widget shows its legend open');
  assert.match(await page.locator('#map .yc-attribution summary').innerText(), /^底图：GS\(2023\)2767$/);
  // The legend collapses and opens again; the attribution's full text opens from the keyboard.
  await page.click('#map .yc-legend-toggle');
  assert.equal(await page.locator('#map .yc-legend-item[data-key="qingdao"]').isVisible(), false);
  await page.click('#map .yc-legend-toggle');
  assert.equal(await page.locator('#map .yc-legend-item[data-key="qingdao"]').isVisible(), true);
  await page.focus('#map .yc-attribution summary');
  await page.keyboard.press('Enter');
  assert.match(await page.locator('#map .yc-attribution-full').innerText(), /surbowl[\s\S]*GS\(2023\)2767/);
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('#map .yc-attribution-full').isVisible(), false);
  await page.evaluate(() => window.youcheng.setLanguage('en'));
  assert.equal(await page.locator('#map .yc-attribution summary').innerText(), 'Basemap: GS(2023)2767');
  await page.evaluate(() => window.youcheng.setLanguage('zh'));

  // A click on the arc: the panel opens, the stale tooltip goes, the pair stays in sight.
  await page.evaluate(() => window.youcheng.setView(126, 35, 8));
  await frame(page);
  const at = await page.evaluate(([lon, lat]) => {
    const el = document.querySelector('#map');
    const r = el.canvas.getBoundingClientRect();
    const p = el.project(lon, lat);
    return { x: r.left + p.x, y: r.top + p.y };
  }, SHIMONOSEKI);
  await page.mouse.move(at.x, at.y);
  await page.waitForSelector('#map .yc-tooltip:not([hidden])');
  await page.mouse.click(at.x, at.y);
  await page.waitForSelector('#map .yc-detail:not([hidden])');
  await frame(page);
  assert.deepEqual(await page.evaluate(() => window.youcheng.selection()), [PAIR]);
  assert.equal(await page.locator('#map .yc-tooltip').isHidden(), true, 'no stale tooltip after the click');
  m = await measure(page, [QINGDAO, SHIMONOSEKI, ...arcPoints(QINGDAO, SHIMONOSEKI)]);
  assert.equal(m.points.length, 27, 'both ends and the whole arc are on the canvas');
  assertUncovered(m, 'selected arc');

  // Statistics and table open too: the map keeps ≥ 60 % of the widget both ways.
  await page.click('#map .yc-stats-toggle');
  await page.click('#map .yc-table-toggle');
  await frame(page);
  m = await measure(page);
  const share = mapShare(m);
  console.log(`desktop with detail, statistics and table: the map has ${(share.width * 100).toFixed(0)} % of the width, ${(share.height * 100).toFixed(0)} % of the height`);
  assert.ok(share.width >= 0.6 && share.height >= 0.6, JSON.stringify(share));
  assert.ok(m.overlays.stats && m.overlays.table, 'both panels are shown (they scroll)');
  await page.click('#map .yc-stats-toggle');
  await page.click('#map .yc-table-toggle');
  await page.evaluate(() => window.youcheng.setView(140, 30, 1.4));
  await frame(page);
  await page.screenshot({ path: shotPath('desktop.png') });
  await context.close();
});

test('phone 390×844 (touch, DPR 3): one toolbar row with a menu, the world fills the canvas, a tap leaves the selection above the sheet and no focus frame (screenshot)', async () => {
  const { page, context, log } = await open(browser, url, PHONE);
  let m = await measure(page, await partnerPlaces(page));
  // One row: every visible control of the toolbar on the same line.
  const rows = await page.evaluate(() => {
    const bar = document.querySelector('#map').shadowRoot.querySelector('.yc-toolbar');
    return [...bar.querySelectorAll('button, input, select')].map((n) => n.getBoundingClientRect()).filter((r) => r.width > 0 && r.left >= 0).map((r) => Math.round(r.top));
  });
  console.log(`phone: toolbar ${m.toolbar.height} px tall, controls at ${JSON.stringify(rows)}; canvas ${m.canvas.width}×${m.canvas.height}`);
  assert.ok(m.toolbar.height < 56 && Math.max(...rows) - Math.min(...rows) < 12, 'one row');
  await page.tap('#map .yc-menu-btn');
  assert.equal(await page.locator('#map .yc-stats-toggle').isVisible(), true, 'the menu holds the rest');
  await page.tap('#map .yc-stats-toggle');
  assert.equal(await page.locator('#map .yc-menu-btn').getAttribute('aria-expanded'), 'false', 'choosing closes the menu');
  // No empty ocean bands: the map's top (84° N) and bottom (58° S) reach the canvas's edges.
  const band = await page.evaluate(() => {
    const el = document.querySelector('#map');
    const h = el.canvas.getBoundingClientRect().height;
    return { top: el.project(118.5, 84).y, bottom: h - el.project(118.5, -58).y };
  });
  console.log(`phone: ocean band above ${band.top.toFixed(1)} px, below ${band.bottom.toFixed(1)} px`);
  assert.ok(band.top <= 1 && band.bottom <= 1, JSON.stringify(band));
  // The legend is a chip; opened, it is a list; nothing of the data is under it when closed.
  assert.equal(await page.locator('#map .yc-legend-toggle').getAttribute('aria-expanded'), 'false');
  assertUncovered(m, 'phone first view');
  await page.tap('#map .yc-legend-toggle');
  assert.equal(await page.locator('#map .yc-legend-item[data-key="qingdao"]').isVisible(), true);
  // axe-core with the menu, the legend and the full attribution open: no violations.
  await page.tap('#map .yc-menu-btn');
  await page.tap('#map .yc-attribution summary');
  assert.match(await page.locator('#map .yc-attribution-full').innerText(), /GS\(2023\)2767/);
  // (checked before axe, whose injection the page's CSP reports)
  assert.deepEqual([...log.consoleErrors, ...log.pageErrors], [], 'no console errors (CSP violations among them)');
  const found = await axe(page, { include: '#map' });
  assert.equal(found.length, 0, formatAxe(found));
  await page.keyboard.press('Escape');
  await page.tap('#map .yc-legend-toggle');
  await page.evaluate(() => (window.youcheng.shadowRoot.querySelector('.yc-attribution').open = false));

  // A tap on Shimonoseki's dot: the sheet opens and the pair stays visible above it.
  await page.evaluate(() => window.youcheng.setView(126, 35, 8));
  await frame(page);
  const dot = await page.evaluate(([lon, lat]) => {
    const el = document.querySelector('#map');
    const r = el.canvas.getBoundingClientRect();
    const p = el.project(lon, lat);
    return { x: r.left + p.x, y: r.top + p.y };
  }, SHIMONOSEKI);
  await page.touchscreen.tap(dot.x, dot.y);
  await page.waitForSelector('#map .yc-detail:not([hidden])');
  await frame(page);
  await frame(page);
  assert.deepEqual(await page.evaluate(() => window.youcheng.selection()), [PAIR]);
  m = await measure(page, [QINGDAO, SHIMONOSEKI, ...arcPoints(QINGDAO, SHIMONOSEKI)]);
  assert.equal(m.points.length, 27, 'the pair is on the canvas');
  assertUncovered(m, 'phone selection');
  const focusFrames = await page.evaluate(() => [...document.querySelector('#map').shadowRoot.querySelectorAll(':focus-visible')].map((n) => n.className));
  assert.deepEqual(focusFrames, [], 'no focus frame after a tap');
  const share = mapShare(m);
  console.log(`phone with the sheet and statistics open: the map has ${(share.width * 100).toFixed(0)} % of the width, ${(share.height * 100).toFixed(0)} % of the height`);
  assert.ok(share.width >= 0.6 && share.height >= 0.6, JSON.stringify(share));
  await page.evaluate(() => window.youcheng.shadowRoot.querySelector('.yc-stats-toggle').click()); // closed for the picture
  await frame(page);
  await page.screenshot({ path: shotPath('phone.png'), scale: 'css' });
  await context.close();
});

test('a 600×400 iframe: the widget takes the frame\'s height, the whole map and the legend chip show, nothing is clipped (screenshot)', async () => {
  const context = await browser.newContext({ viewport: { width: 640, height: 440 } });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => msg.type() === 'error' && !msg.location().url.endsWith('/favicon.ico') && errors.push(`${msg.text()} ${msg.location().url}`));
  await page.goto(`${url}file-check.js`); // same origin as the frame, for the host page
  await page.setContent(`<!doctype html><body><iframe src="${url}embed.html?lang=zh" width="600" height="400" title="友城"></iframe></body>`);
  const fr = page.frames().find((f) => f.url().includes('embed.html'));
  await fr.waitForFunction(() => document.body.dataset.youchengReady === 'true', null, { timeout: 30000 });
  await frame(fr);
  const m = await measure(fr, await partnerPlaces(fr));
  console.log(`iframe: widget ${m.host.width}×${m.host.height}, canvas ${m.canvas.width}×${m.canvas.height}`);
  assert.equal(Math.round(m.host.height), 400, 'the widget honours the frame\'s height');
  const clipped = await fr.evaluate(() => {
    const root = document.querySelector('#map').shadowRoot;
    const out = [];
    for (const n of root.querySelectorAll('button, input, select, summary, canvas, .yc-summary')) {
      const r = n.getBoundingClientRect();
      if (!r.width || !r.height || n.closest('[hidden]') || n.classList.contains('yc-skip')) continue; // the skip link waits off-screen until focused
      if (getComputedStyle(n).visibility === 'hidden' || n.offsetParent === null) continue;
      if (r.left < -0.5 || r.top < -0.5 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5) out.push(`${n.className || n.tagName} ${JSON.stringify([r.left, r.top, r.right, r.bottom])}`);
    }
    return out;
  });
  assert.deepEqual(clipped, [], 'every control inside the frame');
  assert.equal(await fr.locator('#map .yc-legend-toggle').isVisible(), true, 'the legend chip');
  // The whole map: the world's corners are on the canvas.
  const corners = await fr.evaluate(() => {
    const el = document.querySelector('#map');
    const r = el.canvas.getBoundingClientRect();
    return [[-29.5, 84], [-30.5, -58], [150, 84], [150, -58]].map(([lon, lat]) => el.project(lon, lat)).map((p) => p.x >= -1 && p.x <= r.width + 1 && p.y >= -1 && p.y <= r.height + 1);
  });
  assert.deepEqual(corners, [true, true, true, true]);
  assertUncovered(m, 'iframe');
  assert.deepEqual(errors, [], 'no console errors (CSP violations among them)');
  const found = await axe(fr, { include: '#map' });
  assert.equal(found.length, 0, formatAxe(found));
  await page.screenshot({ path: shotPath('iframe.png') });
  await context.close();
});

/** The most any pixel in a 5×5 patch round (x, y) of the canvas differs from `rgb` (summed over channels). */
function maxDiff(page, points, rgb) {
  return page.evaluate(([points, rgb]) => {
    const el = document.querySelector('#map');
    const c = el.picture(), ctx = c.getContext('2d');
    const s = c.width / el.canvas.getBoundingClientRect().width;
    return points.map(([lon, lat]) => {
      const p = el.project(lon, lat);
      const d = ctx.getImageData(Math.round(p.x * s) - 2, Math.round(p.y * s) - 2, 5, 5).data;
      let best = 0;
      for (let i = 0; i < d.length; i += 4) best = Math.max(best, Math.abs(d[i] - rgb[0]) + Math.abs(d[i + 1] - rgb[1]) + Math.abs(d[i + 2] - rgb[2]));
      return best;
    });
  }, [points, rgb]);
}

test('the South China Sea line stands out from the ocean in both themes, at the first view and zoomed (screenshot)', async () => {
  const { page, context } = await open(browser, url, DESKTOP);
  // No arcs or dots (a search that matches nothing): only ocean, land and the line are sampled.
  await page.evaluate(() => window.youcheng.setFilter({ text: 'no such place zzz' }));
  assert.equal(await page.evaluate(() => window.youcheng.stats().pairs), 0);
  for (const theme of ['light', 'dark']) {
    await page.evaluate((t) => (window.youcheng.theme = t), theme);
    await frame(page);
    await frame(page);
    // The ocean's colour, read where there is open sea (the central Pacific).
    const ocean = await page.evaluate(() => {
      const el = document.querySelector('#map');
      const c = el.picture(), s = c.width / el.canvas.getBoundingClientRect().width;
      const p = el.project(-150, 0);
      return [...c.getContext('2d').getImageData(Math.round(p.x * s), Math.round(p.y * s), 1, 1).data.slice(0, 3)];
    });
    for (const view of ['first', 'zoomed']) {
      if (view === 'zoomed') {
        await page.evaluate(() => window.youcheng.setView(114, 13, 5));
        await frame(page);
        await frame(page);
      }
      const diffs = await maxDiff(page, DASHES, ocean);
      console.log(`${theme} ${view}: dashes differ from the ocean ${JSON.stringify(ocean)} by ${diffs.join(', ')}`);
      // China's fill alone differs by about 73 (light) and 129 (dark): the line must stand out more.
      assert.ok(diffs.every((d) => d >= 200), `every dash visible (${theme}, ${view}): ${diffs}`);
    }
    await page.evaluate(() => window.youcheng.resetView());
  }
  await page.evaluate(() => window.youcheng.setFilter({}));
  await frame(page);
  await page.screenshot({ path: shotPath('dark.png') });
  await context.close();
});

test('a year range hides undated pairs unless asked for, and the summary says so', async () => {
  const { page, context } = await open(browser, url, DESKTOP);
  const r = await page.evaluate(() => {
    const el = window.youcheng;
    el.setFilter({ yearFrom: 2000, yearTo: 2010 });
    const ranged = el.stats();
    const summary = el.shadowRoot.querySelector('.yc-summary').textContent;
    const box = el.shadowRoot.querySelector('.yc-unknown-year');
    const checked = box.checked;
    box.click();
    return { ranged: { pairs: ranged.pairs, unknown: ranged.unknownYear, hidden: ranged.hiddenUndated }, summary, checked, asked: el.stats().pairs, filter: el.getFilter() };
  });
  console.log(`2000–2010: ${r.ranged.pairs} dated pairs, ${r.ranged.hidden} undated left out; with them ${r.asked}`);
  assert.equal(r.ranged.unknown, 0, 'no undated pair under a year range');
  assert.ok(r.ranged.hidden > 0);
  assert.ok(r.summary.includes(`另有 ${r.ranged.hidden} 对年份不详`), r.summary);
  assert.equal(r.checked, false, 'the filter shows them as not included');
  assert.equal(r.asked, r.ranged.pairs + r.ranged.hidden, 'asked for, they come back');
  assert.equal(r.filter.showUnknownYear, true);
  await context.close();
});

test('the timeline ends on the final year\'s state, without jumping back', async () => {
  const { page, context } = await open(browser, url, { ...DESKTOP, reducedMotion: 'reduce' });
  await page.evaluate(() => {
    window.__last = null;
    window.youcheng.addEventListener('youcheng:timeline', (e) => (window.__last = e.detail));
  });
  await page.click('#map .yc-play');
  await page.waitForFunction(() => document.querySelector('#map').shadowRoot.querySelector('.yc-play').getAttribute('aria-pressed') === 'false', null, { timeout: 30000 });
  const r = await page.evaluate(() => ({ last: window.__last, pairs: window.youcheng.stats().pairs, dated: window.youcheng.stats().withYear, filter: window.youcheng.getFilter(), lastYear: window.youcheng.shadowRoot.querySelector('.yc-year-to').max }));
  console.log(`timeline: last step ${r.last.year} with ${r.last.pairs} pairs; after it ${r.pairs}`);
  assert.equal(r.last.year, Number(r.lastYear));
  assert.equal(r.pairs, r.last.pairs, 'the map stays on the final year');
  assert.equal(r.pairs, r.dated, 'every dated pair');
  assert.equal(r.filter.yearTo, r.last.year);
  await context.close();
});

test('the year chart is legible: text at least 11 px, no labels overlapping', async () => {
  for (const options of [DESKTOP, PHONE]) {
    const { page, context } = await open(browser, url, options);
    await page.evaluate(() => window.youcheng.shadowRoot.querySelector('.yc-stats-toggle').click());
    const r = await page.evaluate(() => {
      const root = window.youcheng.shadowRoot;
      return [...root.querySelectorAll('svg.yc-chart')].map((svg) => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        const texts = [...svg.querySelectorAll('text')].map((t) => ({ size: parseFloat(getComputedStyle(t).fontSize) * scale, r: t.getBoundingClientRect(), s: t.textContent }));
        const overlaps = [];
        texts.forEach((a, i) => texts.slice(i + 1).forEach((b) => {
          if (a.r.left < b.r.right && b.r.left < a.r.right && a.r.top < b.r.bottom && b.r.top < a.r.bottom) overlaps.push(`${a.s} / ${b.s}`);
        }));
        return { year: svg.classList.contains('yc-year-chart'), min: Math.min(...texts.map((t) => t.size)), overlaps };
      });
    });
    console.log(`${options.viewport.width} px: chart text from ${r.map((c) => c.min.toFixed(1)).join(', ')} px`);
    assert.ok(r.some((c) => c.year));
    for (const c of r) {
      assert.ok(c.min >= 11, `text ≥ 11 px: ${c.min}`);
      assert.deepEqual(c.overlaps, []);
    }
    await context.close();
  }
});

test('the dark-theme button shows its state in its label and aria-pressed', async () => {
  const { page, context } = await open(browser, url, DESKTOP);
  const state = () => page.evaluate(() => {
    const b = window.youcheng.shadowRoot.querySelector('.yc-theme');
    return { pressed: b.getAttribute('aria-pressed'), text: b.textContent, theme: window.youcheng.theme };
  });
  assert.deepEqual(await state(), { pressed: 'false', text: '深色 关', theme: 'light' });
  await page.click('#map .yc-theme');
  assert.deepEqual(await state(), { pressed: 'true', text: '深色 开', theme: 'dark' });
  await page.evaluate(() => window.youcheng.setAttribute('theme', 'light'));
  assert.deepEqual(await state(), { pressed: 'false', text: '深色 关', theme: 'light' });
  await context.close();
});

test('the first frame is drawn at the map\'s final size: nothing is laid out or drawn again once the controls are in', async () => {
  for (const options of [DESKTOP, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true }]) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    // The backing store and the land renders at the first frame after ready, read in the page.
    await page.addInitScript(() => {
      document.addEventListener('youcheng:ready', (e) => requestAnimationFrame(() => requestAnimationFrame(() => {
        const el = e.target;
        window.__first = { width: el.canvas.width, height: el.canvas.height, renders: el.frameStats().baseRenders };
      })), true);
    });
    await page.goto(url);
    await page.waitForFunction(() => window.__first);
    await page.waitForTimeout(800);
    await frame(page);
    const first = await page.evaluate(() => window.__first);
    const later = await page.evaluate(() => { const el = document.querySelector('#map'); return { width: el.canvas.width, height: el.canvas.height, renders: el.frameStats().baseRenders }; });
    console.log(`${options.viewport.width}×${options.viewport.height}: first frame ${first.width}×${first.height} px, later ${later.width}×${later.height}; land renders ${first.renders} → ${later.renders}`);
    assert.deepEqual(later, first, 'the same backing store, and no land drawn again, after the first frame');
    await context.close();
  }
});

test('a filter change neither moves nor resizes the map: the summary keeps the height of its longest line', async () => {
  for (const options of [DESKTOP, ...[1000, 1100].map((width) => ({ viewport: { width, height: 800 } })), PHONE]) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => document.querySelector('#map')?.hasAttribute('ready'), null, { timeout: 30000 });
    await frame(page);
    const seen = await page.evaluate(async () => {
      const el = document.querySelector('#map');
      const box = () => { const r = el.canvas.getBoundingClientRect(); return { top: r.top, height: r.height, width: r.width }; };
      const summary = el.shadowRoot.querySelector('.yc-summary');
      const lines = () => Math.round(summary.getBoundingClientRect().height / parseFloat(getComputedStyle(summary).lineHeight || '20'));
      const out = [{ filter: 'none', ...box(), renders: el.frameStats().baseRenders, text: summary.textContent }];
      for (const filter of [{ cities: ['weifang'] }, { countries: ['JP'] }, { relations: ['cooperation'] }, { cities: ['qingdao'], countries: ['KR'] }, {}]) {
        el.setFilter(filter);
        await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
        out.push({ filter: JSON.stringify(filter), ...box(), renders: el.frameStats().baseRenders, text: summary.textContent, lines: lines() });
      }
      return out;
    });
    const w = options.viewport.width;
    console.log(`${w}px: canvas ${seen.map((s) => `${s.width}×${s.height.toFixed(1)}@${s.top.toFixed(1)}`).join(', ')}`);
    assert.ok(seen.some((s) => s.text !== seen[0].text && /\d+ of \d+|共 \d+ 对/.test(s.text)), `${w}px: a filter changed the summary (${seen[1].text})`);
    for (const s of seen) {
      assert.deepEqual([s.top, s.height, s.width], [seen[0].top, seen[0].height, seen[0].width], `${w}px: the canvas is where and as large as it was, under ${s.filter} (${s.text})`);
      assert.equal(s.renders, seen[0].renders, `${w}px: the land was not drawn again under ${s.filter}`);
    }
    await context.close();
  }
});
