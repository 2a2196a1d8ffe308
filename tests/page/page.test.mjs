// Whole page in real Chromium, doing what a visitor does: the built www/ as `make demo` serves it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { launch, serve, open, pixelAt, patchAt, near, frame } from './harness.mjs';
import { parseCsv } from './util.mjs';

const OCEAN = [0xe8, 0xf1, 0xf8];
const LAND = [0xd5, 0xdb, 0xe3];
const reddish = (p) => p[0] > 150 && p[0] - p[2] > 60; // Qingdao's #d62728 over anything light
const calmBlue = (p) => p[2] - p[0] > 30 && p[0] < 200; // the calm arc hue #2f5d8a over light ground
const orange = (p) => p[0] > 200 && p[1] > 90 && p[1] < 190 && p[2] < 120; // Weifang's #ff7f0e
const QINGDAO = [120.38, 36.07];
const SHIMONOSEKI = [130.94, 33.96];

let browser, server, url;
before(async () => {
  ({ server, url } = await serve());
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

/** A point `t` of the way along the great circle from a to b (lon/lat degrees). */
function along(a, b, t) {
  const rad = Math.PI / 180;
  const v = ([lon, lat]) => [Math.cos(lat * rad) * Math.cos(lon * rad), Math.cos(lat * rad) * Math.sin(lon * rad), Math.sin(lat * rad)];
  const [p, q] = [v(a), v(b)];
  const omega = Math.acos(p.reduce((s, x, i) => s + x * q[i], 0));
  const [x, y, z] = p.map((c, i) => (Math.sin((1 - t) * omega) * c + Math.sin(t * omega) * q[i]) / Math.sin(omega));
  return [Math.atan2(y, x) / rad, Math.atan2(z, Math.hypot(x, y)) / rad];
}

/** Page coordinates of a place on the map. */
async function onPage(page, lon, lat) {
  return page.evaluate(([lon, lat]) => {
    const map = document.querySelector('#map');
    const r = map.canvas.getBoundingClientRect();
    const p = map.project(lon, lat);
    return p && { x: r.left + p.x, y: r.top + p.y };
  }, [lon, lat]);
}

const text = (page, sel) => page.locator(`#map ${sel}`).innerText();
const count = async (page) => Number(await page.locator('#map .yc-count[data-count="pairs"]').innerText());

/** Zooms onto the Yellow Sea so Qingdao–Shimonoseki is long and clear of other arcs. */
async function zoomToYellowSea(page) {
  await page.evaluate(() => window.youcheng.setView(126, 35, 8));
  await frame(page);
}

test('the page loads with no console errors, no failed and no off-origin requests', async () => {
  const { page, context, log } = await open(browser, url);
  await frame(page);
  assert.deepEqual(log.consoleErrors, []);
  assert.deepEqual(log.pageErrors, []);
  assert.deepEqual(log.failed, []);
  const origin = new URL(url).origin;
  assert.deepEqual(log.requests.filter((r) => new URL(r).origin !== origin), []);
  assert.ok(log.requests.some((r) => r.endsWith('.wasm')), 'the wasm module was fetched');
  const pairs = await count(page);
  assert.ok(pairs >= 250, `pairs shown: ${pairs}`);
  for (const k of ['places', 'countries', 'continents']) {
    const n = Number(await page.locator(`#map .yc-count[data-count="${k}"]`).innerText());
    assert.ok(n > 0 && n <= pairs, `${k}: ${n}`);
  }
  assert.ok((await page.evaluate(() => window.youcheng.frameStats().frames)) >= 1);
  await context.close();
});

test('hovering the Qingdao–Shimonoseki arc highlights it and shows its tooltip; clicking opens the detail panel', async () => {
  const { page, context } = await open(browser, url);
  await zoomToYellowSea(page);
  const hovers = [];
  await page.exposeFunction('recordHover', (d) => hovers.push(d));
  await page.evaluate(() => document.querySelector('#map').addEventListener('youcheng:hover', (e) => window.recordHover(e.detail)));
  const p = await onPage(page, ...along(QINGDAO, SHIMONOSEKI, 0.6));
  await page.mouse.move(p.x, p.y);
  await page.waitForSelector('#map .yc-tooltip:not([hidden])');
  const tip = await text(page, '.yc-tooltip');
  for (const s of ['下关', 'Shimonoseki', '日本', '青岛', '友好城市', '1979']) assert.ok(tip.includes(s), `tooltip has ${s}: ${tip}`);
  assert.equal(hovers.at(-1)?.id, 'qingdao-shimonoseki');
  // The hovered arc is drawn on top in full colour.
  await frame(page);
  assert.ok((await patchAt(page, ...along(QINGDAO, SHIMONOSEKI, 0.6), 1)).some(reddish), 'the arc is drawn under the pointer');

  const selects = [];
  await page.exposeFunction('recordSelect', (d) => selects.push(d));
  await page.evaluate(() => document.querySelector('#map').addEventListener('youcheng:select', (e) => window.recordSelect(e.detail)));
  await page.mouse.click(p.x, p.y);
  await page.waitForSelector('#map .yc-detail:not([hidden])');
  const detail = await text(page, '.yc-detail');
  for (const s of ['青岛市', 'Qingdao', '下关市', 'Shimonoseki', '日本', 'Japan', '友好城市', '1979', '市级']) assert.ok(detail.includes(s), `detail has ${s}`);
  await page.waitForSelector('#map .yc-sources a'); // the shipped sources come with notes.bin, fetched on the first details
  const links = await page.locator('#map .yc-sources a').evaluateAll((as) => as.map((a) => a.href));
  assert.ok(links.length >= 1 && links.every((h) => /^https?:/.test(h)), links.join(' '));
  assert.equal(selects.at(-1)?.id, 'qingdao-shimonoseki');
  assert.equal(selects.at(-1)?.details[0].partnerZh, '下关市');
  // Escape closes it.
  await page.keyboard.press('Escape');
  await page.waitForSelector('#map .yc-detail', { state: 'hidden' });
  await context.close();
});

test('hovering a Shandong city fans out its partners; two cities can be pinned and compared', async () => {
  const { page, context } = await open(browser, url);
  await frame(page);
  const weifang = await onPage(page, 119.16, 36.71);
  await page.mouse.move(weifang.x, weifang.y);
  await page.waitForSelector('#map .yc-tooltip:not([hidden])');
  assert.match(await text(page, '.yc-tooltip'), /潍坊/);
  await page.evaluate(() => {
    window.youcheng.select('@weifang');
    window.youcheng.select('@jinan', { pin: true });
  });
  assert.deepEqual(await page.evaluate(() => window.youcheng.selection()), ['@jinan', '@weifang']);
  assert.equal(await page.locator('#map .yc-pinned li').count(), 1);
  await context.close();
});

test('filtering to Weifang shows its count and draws only its arcs', async () => {
  const { page, context } = await open(browser, url);
  await frame(page);
  // (129° E, 30° S: south-west of the centre, where the map writes the country's name.)
  const p = await page.evaluate(() => window.youcheng.project(129, -30));
  assert.ok(near(await pixelAt(page, p.x, p.y), LAND), 'the Great Victoria Desert is land');
  const q = await page.evaluate(() => window.youcheng.project(-150, -30));
  assert.ok(near(await pixelAt(page, q.x, q.y), OCEAN), 'the South Pacific is ocean');
  const [ny, jinan, paris] = await page.evaluate(() => [[-74, 40.7], [117, 36.7], [2.35, 48.85]].map(([lon, lat]) => window.youcheng.project(lon, lat).x));
  assert.ok(paris < jinan && jinan < ny, 'Americas right of China, Europe left');

  await page.click('#map .yc-legend-item[data-key="weifang"]');
  await frame(page);
  const ids = await page.evaluate(() => window.youcheng.visibleIds());
  assert.ok(ids.length > 0 && ids.every((id) => id.startsWith('weifang-')), ids.join(','));
  assert.equal(await count(page), ids.length);
  assert.equal(await page.locator('#map .yc-f-city input[value="weifang"]').isChecked(), true, 'the filter panel agrees');
  const mid = (a, b) => along(a, b, 0.5);
  assert.ok((await patchAt(page, ...mid([119.16, 36.71], [-104.61, 38.25]))).some(orange), 'Weifang–Pueblo arc is orange');
  // Four fifths of the way to Long Beach: clear of the Shandong inset over the North Pacific.
  const longBeach = along([120.38, 36.06], [-118.19, 33.77], 0.8);
  assert.ok(!(await patchAt(page, ...longBeach)).some(reddish), 'Qingdao–Long Beach arc is hidden');

  // Filters combine: Weifang and friendship cities only, then a year range.
  await page.check('#map .yc-f-relation input[value="friendship"]');
  const f = await page.evaluate(() => window.youcheng.getFilter());
  assert.deepEqual([f.cities, f.relations], [['weifang'], ['friendship']]);
  const both = await count(page);
  assert.ok(both > 0 && both <= ids.length);
  await page.click('#map .yc-reset-filters');
  await frame(page);
  // With every Shandong side shown, arcs at rest take the one calm hue (the sides' colours stay
  // on the dots): the arc is back in that blue.
  assert.ok((await patchAt(page, ...longBeach)).some(calmBlue), 'Qingdao–Long Beach arc is back');
  await context.close();
});

test('search finds the first pair by Chinese, pinyin and English', async () => {
  const { page, context } = await open(browser, url);
  for (const q of ['下关', 'xiaguan', 'Shimonoseki']) {
    await page.fill('#map .yc-search', q);
    await page.waitForFunction((q) => window.youcheng.getFilter().text === q, q);
    const ids = await page.evaluate(() => window.youcheng.visibleIds());
    assert.ok(ids.includes('qingdao-shimonoseki'), `${q}: ${ids}`);
    assert.ok(ids.length < 5, `${q} is specific: ${ids}`);
    assert.equal(await count(page), ids.length);
  }
  await context.close();
});

test('switching to English translates the widget and the page', async () => {
  const { page, context } = await open(browser, url);
  await page.click('#map .yc-lang');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.textContent('h1'), /Friendship Cities/);
  assert.match(await text(page, '.yc-legend'), /Weifang/);
  assert.match(await text(page, '.yc-counts'), /Partnerships/);
  assert.match(await text(page, '.yc-toolbar'), /Filters/);
  await zoomToYellowSea(page);
  const p = await onPage(page, ...along(QINGDAO, SHIMONOSEKI, 0.6));
  await page.mouse.move(p.x, p.y);
  await page.waitForSelector('#map .yc-tooltip:not([hidden])');
  assert.match(await text(page, '.yc-tooltip'), /Shimonoseki[\s\S]*Japan[\s\S]*Qingdao[\s\S]*Friendship city/);
  await context.close();
});

test('dragging pans from the cached land layer and the wheel zooms about the pointer', async () => {
  const { page, context } = await open(browser, url);
  await frame(page);
  await page.evaluate(() => window.youcheng.setView(120, 30, 3));
  await frame(page);
  const before = await onPage(page, 117, 36.7);
  const stats0 = await page.evaluate(() => window.youcheng.frameStats());
  await page.mouse.move(before.x, before.y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) {
    await page.mouse.move(before.x + 12 * i, before.y + 5 * i);
    await frame(page);
  }
  const mid = await page.evaluate(() => window.youcheng.frameStats());
  await page.mouse.up();
  await frame(page);
  const after = await onPage(page, 117, 36.7);
  assert.ok(Math.abs(after.x - before.x - 120) < 1 && Math.abs(after.y - before.y - 50) < 1, `moved with the pointer: ${JSON.stringify([before, after])}`);
  assert.ok(mid.baseReuses - stats0.baseReuses >= 5, `pan frames reused the land layer: ${JSON.stringify([stats0, mid])}`);
  assert.equal(mid.baseRenders, stats0.baseRenders, 'no land redraw while dragging');
  // Nothing emphasised: the layers are moved by the browser and nothing over them is drawn again.
  assert.ok(mid.topReuses - stats0.topReuses >= 5, `pan frames left the map's canvas as it was: ${JSON.stringify([stats0, mid])}`);
  // A drag is not a click: nothing got selected.
  assert.deepEqual(await page.evaluate(() => window.youcheng.selection()), []);
  // After the drag, the land is redrawn once, sharply, and the pixels are right.
  const end = await page.evaluate(() => window.youcheng.frameStats());
  assert.equal(end.baseRenders, mid.baseRenders + 1);
  // Western Mongolia is land (not China's colour; the map writes the country's name further
  // east); arcs to Europe cross it, so look at a small patch.
  const mongolia = await patchAt(page, 91, 46.5, 3);
  assert.ok(mongolia.some((p) => near(p, LAND)), 'the redrawn land layer is where the view now is');

  const z0 = (await page.evaluate(() => window.youcheng.view())).zoom;
  const anchor = await onPage(page, 117, 36.7);
  await page.mouse.move(anchor.x, anchor.y);
  await page.mouse.wheel(0, -300);
  await page.waitForFunction((z0) => window.youcheng.view().zoom > z0 * 1.5, z0);
  const still = await onPage(page, 117, 36.7);
  assert.ok(Math.abs(still.x - anchor.x) < 1.5 && Math.abs(still.y - anchor.y) < 1.5, 'the point under the pointer stays put');
  // Keyboard: focus the map, + zooms in, Home resets.
  await page.focus('#map .yc-map');
  await page.keyboard.press('Home');
  assert.equal((await page.evaluate(() => window.youcheng.view())).zoom, 1);
  await page.keyboard.press('+');
  assert.equal((await page.evaluate(() => window.youcheng.view())).zoom, 1.5);
  await page.click('#map .yc-zoom-reset');
  assert.equal((await page.evaluate(() => window.youcheng.view())).zoom, 1);
  await context.close();
});

test('after a view change the land is drawn by its worker, pixel for pixel as the main thread draws it', async () => {
  const { page, context } = await open(browser, url);
  await frame(page);
  const stats = () => page.evaluate(() => window.youcheng.frameStats());
  // The map's picture (its layers and canvas as shown), kept in the page under `name`; → how
  // many of its bytes differ from the one kept under `other`.
  const picture = (name, other) => page.evaluate(([name, other]) => {
    const c = window.youcheng.picture();
    const data = (window.__pictures ??= {})[name] = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const was = other && window.__pictures[other];
    return was ? data.reduce((n, v, k) => n + (v !== was[k]), 0) + Math.abs(was.length - data.length) : null;
  }, [name, other]);
  const s0 = await stats();
  assert.equal(s0.landWorker.sent, 0, 'the first frame draws its land at once');
  await page.evaluate(() => window.youcheng.setView(120, 36, 4));
  await frame(page);
  const s1 = await stats();
  assert.deepEqual([s1.landWorker.sent, s1.landWorker.pictures, s1.landWorker.failed, s1.landWorker.down, s1.landPending], [1, 1, 0, false, false], JSON.stringify(s1));
  await picture('worker');
  // The same view, its land drawn on the main thread: new colours at the same view are drawn at
  // once (dark, then light again).
  for (const theme of ['dark', 'light']) {
    await page.evaluate((t) => window.youcheng.setAttribute('theme', t), theme);
    await frame(page);
  }
  const s2 = await stats();
  assert.equal(s2.landWorker.sent, 1, 'colours at the same view: drawn here');
  assert.ok(s2.baseRenders >= s1.baseRenders + 2, JSON.stringify([s1, s2]));
  assert.equal(await picture('here', 'worker'), 0, "the worker's land is the main thread's");
  await context.close();
});

test('a land worker that cannot start leaves the land to the main thread, with nothing lost', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  await context.route('**/land-worker*.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.youchengReady === 'true');
  await frame(page);
  const before = await patchAt(page, 91, 46.5, 3); // western Mongolia: land at the first view
  assert.ok(before.some((p) => near(p, LAND)), JSON.stringify(before));
  for (const [lon, lat, zoom] of [[95, 46, 3], [91, 46.5, 2]]) {
    await page.evaluate(([lon, lat, zoom]) => window.youcheng.setView(lon, lat, zoom), [lon, lat, zoom]);
    await frame(page);
    await page.waitForFunction(() => !window.youcheng.frameStats().landPending);
    await frame(page);
    const s = await page.evaluate(() => window.youcheng.frameStats());
    assert.ok(s.landWorker.down && s.landWorker.failed >= 1 && s.landWorker.pictures === 0, JSON.stringify(s));
    const p = await patchAt(page, 91, 46.5, 3);
    assert.ok(p.some((c) => near(c, LAND)), `land drawn here at ${lon},${lat}: ${JSON.stringify(p)}`);
  }
  await context.close();
});

test('the timeline plays from 1979 with the counts rising, then stops', async () => {
  const { page, context } = await open(browser, url);
  const all = await count(page);
  await page.evaluate(() => {
    window.__years = [];
    document.querySelector('#map').addEventListener('youcheng:timeline', (e) => window.__years.push(e.detail));
  });
  await page.click('#map .yc-play');
  await page.waitForFunction(() => window.__years.length >= 3);
  assert.equal(await page.getAttribute('#map .yc-play', 'aria-pressed'), 'true');
  const first = await page.evaluate(() => window.__years[0]);
  assert.deepEqual(first.year, 1979);
  assert.ok(first.pairs >= 1 && first.pairs < 5, `1979: ${first.pairs}`);
  await page.waitForFunction(() => window.__years.at(-1).year >= 1995, null, { timeout: 20000 });
  await page.click('#map .yc-play'); // pause
  const years = await page.evaluate(() => window.__years);
  for (let i = 1; i < years.length; i++) assert.ok(years[i].pairs >= years[i - 1].pairs && years[i].year > years[i - 1].year);
  assert.equal(await page.getAttribute('#map .yc-play', 'aria-pressed'), 'false');
  assert.ok((await count(page)) < all);
  await context.close();
});

test('reduced motion: the timeline steps five years at a time', async () => {
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.youchengReady === 'true');
  await page.evaluate(() => {
    window.__years = [];
    document.querySelector('#map').addEventListener('youcheng:timeline', (e) => window.__years.push(e.detail.year));
  });
  await page.click('#map .yc-play');
  await page.waitForFunction(() => window.__years.length >= 2, null, { timeout: 10000 });
  const years = await page.evaluate(() => window.__years);
  assert.equal(years[1] - years[0], 5);
  await context.close();
});

test('the URL keeps filter, selection, view and language; a deep link restores them', async () => {
  const { page, context } = await open(browser, url);
  await page.click('#map .yc-legend-item[data-key="weifang"]');
  await page.evaluate(() => window.youcheng.select('weifang-pueblo'));
  await page.evaluate(() => window.youcheng.setView(-100, 38, 3));
  await page.click('#map .yc-lang');
  await page.waitForFunction(() => /city=weifang/.test(location.hash) && /sel=weifang-pueblo/.test(location.hash) && /lang=en/.test(location.hash) && /view=/.test(location.hash));
  const link = await page.evaluate(() => location.href);
  const ids = await page.evaluate(() => window.youcheng.visibleIds());
  await context.close();

  const again = await open(browser, link);
  const p = again.page;
  assert.deepEqual(await p.evaluate(() => window.youcheng.visibleIds()), ids);
  assert.deepEqual(await p.evaluate(() => window.youcheng.selection()), ['weifang-pueblo']);
  assert.match(await p.locator('#map .yc-detail').innerText(), /Pueblo/);
  assert.equal(await p.getAttribute('html', 'lang'), 'en');
  const v = await p.evaluate(() => window.youcheng.view());
  assert.ok(Math.abs(v.lon + 100) < 0.01 && Math.abs(v.lat - 38) < 0.01 && Math.abs(v.zoom - 3) < 0.01, JSON.stringify(v));
  // A hand-written link with a mistake still applies the rest.
  await p.goto(`${url}#city=jinan&from=19x9&q=%E4%B8%8B`);
  await p.waitForFunction(() => window.youcheng?.getFilter().cities?.[0] === 'jinan');
  await again.context.close();
});

test('a link followed while the map is about to write its state to the URL wins over that write', async () => {
  // Right after a deep link is ready, before the map's first write of its state (200 ms after a
  // change; a view change schedules one too), the URL changes to another link whose hashchange
  // has not run yet (replaceState fires none).
  const { page, context } = await open(browser, `${url}#city=weifang&lang=zh`);
  await page.evaluate(() => {
    window.youcheng.setView(-100, 38, 3);
    history.replaceState(history.state, '', '#city=jinan');
  });
  await page.waitForFunction(() => window.youcheng.getFilter().cities?.[0] === 'jinan', null, { timeout: 3000 });
  assert.match(await page.evaluate(() => location.hash), /city=jinan/);
  await context.close();
});

test('colour by relation or decade changes the legend, and export gives a PNG with it', async () => {
  const { page, context } = await open(browser, url);
  await page.selectOption('#map .yc-colour', 'relation');
  assert.match(await text(page, '.yc-legend'), /友好城市[\s\S]*友好合作关系/);
  await page.selectOption('#map .yc-colour', 'decade');
  assert.match(await text(page, '.yc-legend'), /1970年代/);
  const png = await page.evaluate(async () => {
    const blob = await window.youcheng.exportPng();
    const bmp = await createImageBitmap(blob);
    // The report is as wide as the element (whatever panels narrow the canvas), the map in a
    // frame of the world's shape with the legend and attribution under it (see report.test.mjs).
    const el = window.youcheng.getBoundingClientRect();
    return { type: blob.type, w: bmp.width, h: bmp.height, ew: Math.round(el.width), mapH: Math.round(el.width * 0.5) };
  });
  assert.equal(png.type, 'image/png');
  assert.equal(png.w, png.ew);
  assert.ok(png.h > png.mapH, 'room for the legend and attribution under the map');
  // Dark theme from the toolbar: the ocean turns dark (colours come from CSS custom properties).
  await page.click('#map .yc-theme');
  assert.equal(await page.getAttribute('#map', 'theme'), 'dark');
  await frame(page);
  const q = await page.evaluate(() => window.youcheng.project(-150, -30));
  const dark = await pixelAt(page, q.x, q.y);
  assert.ok(dark[0] < 40 && dark[2] < 60, `dark ocean: ${dark}`);
  await context.close();
});

test('statistics and table views follow the filter', async () => {
  const { page, context } = await open(browser, url);
  await page.click('#map .yc-stats-toggle');
  assert.ok((await page.locator('#map .yc-stats svg').count()) >= 3);
  await page.click('#map .yc-table-toggle');
  const rows = () => page.locator('#map .yc-table tbody tr').count();
  assert.equal(await rows(), await count(page));
  await page.click('#map .yc-legend-item[data-key="weifang"]');
  assert.equal(await rows(), await count(page));
  await page.click('#map .yc-table th[data-col="year"] button');
  assert.equal(await page.getAttribute('#map .yc-table th[data-col="year"]', 'aria-sort'), 'ascending');
  await context.close();
});

test('the table sorts every column both ways in the collation of the UI language, ties in data order', async () => {
  const { page, context } = await open(browser, url);
  await page.click('#map .yc-table-toggle');
  for (const lang of ['zh', 'en']) {
    await page.evaluate((l) => window.youcheng.setLanguage(l), lang);
    for (const col of ['city', 'partner', 'country', 'continent', 'relation', 'status', 'level', 'year']) {
      for (const clicks of [1, 2]) {
        for (let k = 0; k < clicks; k++) await page.click(`#map .yc-table th[data-col="${col}"] button`);
        const dir = await page.getAttribute(`#map .yc-table th[data-col="${col}"]`, 'aria-sort');
        const bad = await page.evaluate(({ col, lang }) => {
          const r = document.getElementById('map').shadowRoot;
          const i = [...r.querySelectorAll('.yc-table thead th')].findIndex((th) => th.dataset.col === col);
          const rows = [...r.querySelectorAll('.yc-table tbody tr')];
          const text = (tr) => tr.children[i].textContent;
          const cmp = new Intl.Collator(lang === 'zh' ? 'zh-CN' : 'en').compare;
          const key = (tr) => (col === 'year' ? [text(tr) === '' ? 9999 : Number(text(tr).slice(0, 4)), text(tr)] : [0, text(tr)]);
          const asc = r.querySelector(`.yc-table th[data-col="${col}"]`).getAttribute('aria-sort') === 'ascending' ? 1 : -1;
          const order = new Map(document.getElementById('map').visibleIds().map((id, n) => [id, n]));
          for (let k = 1; k < rows.length; k++) {
            const [ya, ta] = key(rows[k - 1]), [yb, tb] = key(rows[k]);
            const c = asc * ((ya - yb) || cmp(ta, tb));
            if (c > 0) return `${col} ${asc > 0 ? 'ascending' : 'descending'}: row ${k} "${ta}" before "${tb}"`;
            if (c === 0 && order.get(rows[k - 1].dataset.id) > order.get(rows[k].dataset.id)) return `${col}: a tie out of data order at row ${k} ("${ta}")`;
          }
          return rows.length > 300 ? null : `only ${rows.length} rows`;
        }, { col, lang });
        assert.equal(bad, null, `${lang}, ${dir}`);
      }
    }
  }
  await context.close();
});

test('a broken CSV is reported with line and field, rendered as text, and the map keeps its data', async () => {
  const { page, context } = await open(browser, url);
  const before = await count(page);
  const csv = [
    'id,shandong_city,partner_en,partner_zh,country,relation,established,lon,lat,sources',
    'qingdao-x,qingdao,<img src=x onerror="document.body.dataset.pwned=1">,x,JP,friendship,1979,130.9,33.9,https://example.org',
    'qingdao-y,qingdao,Y,y,JP,friendship,1979,130.9,95,https://example.org',
  ].join('\n');
  await page.setInputFiles('#csv-input', { name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForSelector('#load-result.error');
  const report = await page.textContent('#load-result');
  assert.match(report, /mine\.csv/);
  assert.match(report, /第 2 行.*partner_en/);
  assert.match(report, /第 3 行.*lat.*95/);
  assert.equal(await page.locator('#load-result img').count(), 0, 'no markup from the CSV became elements');
  assert.equal(await page.evaluate(() => document.body.dataset.pwned), undefined);
  assert.equal(await count(page), before);

  // Markup is refused by the validator; entity-like text must still show literally.
  const good = ['id,shandong_city,partner_en,partner_zh,country,lon,lat,sources,note', 'qingdao-z,qingdao,Shimonoseki &amp; 1 < 2,下关,JP,130.93,33.95,javascript:alert(1),Tom & Jerry’s <3 note'].join('\n');
  await page.setInputFiles('#csv-input', { name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await page.waitForSelector('#load-result.ok');
  assert.equal(await count(page), 1);
  await page.evaluate(() => window.youcheng.select('qingdao-z'));
  const detail = page.locator('#map .yc-detail');
  const shown = await detail.innerText();
  assert.match(shown, /Shimonoseki &amp; 1 < 2/, 'entities are shown as typed, not decoded');
  assert.match(shown, /Tom & Jerry’s <3 note/);
  assert.equal(await detail.locator('b').count(), 0);
  assert.equal(await detail.locator('a').count(), 0, 'a javascript: source is not a link');
  await context.close();
});

test('HiDPI: the backing store is devicePixelRatio times the CSS size (screenshot)', async () => {
  const { page, context } = await open(browser, url, { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
  await frame(page);
  const { w, h, cw, ch } = await page.evaluate(() => {
    const c = document.querySelector('#map').canvas;
    const r = c.getBoundingClientRect();
    return { w: c.width, h: c.height, cw: r.width, ch: r.height };
  });
  assert.equal(w, Math.round(cw * 2));
  assert.equal(h, Math.round(ch * 2));
  const shot = process.env.YOUCHENG_SCREENSHOT ?? 'test-results/screenshot.png';
  mkdirSync(dirname(shot), { recursive: true });
  const pageShot = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const p2 = await pageShot.newPage();
  await p2.goto(url);
  await p2.waitForFunction(() => document.body.dataset.youchengReady === 'true');
  await frame(p2);
  await p2.screenshot({ path: shot });
  await pageShot.close();
  await context.close();
});

test('at 360 px the filters collapse into a drawer and the map still works', async () => {
  const { page, context } = await open(browser, url, { viewport: { width: 360, height: 740 } });
  await frame(page);
  assert.equal(await page.locator('#map .yc-filters').isVisible(), false);
  await page.click('#map .yc-filters-toggle');
  assert.equal(await page.locator('#map .yc-filters').isVisible(), true);
  await page.check('#map .yc-f-city input[value="weifang"]');
  await page.click('#map .yc-close-filters');
  assert.equal(await page.locator('#map .yc-filters').isVisible(), false);
  assert.ok((await page.evaluate(() => window.youcheng.visibleIds())).every((id) => id.startsWith('weifang-')));
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `no sideways scrolling: ${width}`);
  await context.close();
});

test('resizing the window redraws at the new size', async () => {
  const { page, context } = await open(browser, url, { viewport: { width: 1200, height: 800 } });
  await frame(page);
  const before = await page.evaluate(() => document.querySelector('#map').canvas.width);
  await page.setViewportSize({ width: 700, height: 800 });
  await page.waitForFunction((b) => document.querySelector('#map').canvas.width !== b, before);
  await frame(page);
  const p = await page.evaluate(() => window.youcheng.project(129, -30)); // clear of the country's name
  assert.ok(near(await pixelAt(page, p.x, p.y), LAND), 'still drawn correctly after resize');
  await context.close();
});

/** The latest province-wide total in data/official_totals.csv (read here, not hard-coded). */
function officialTotal() {
  const lines = readFileSync('data/official_totals.csv', 'utf8').trim().split('\n').slice(1);
  const all = lines.map((l) => l.split(',')).filter((f) => f[0] === 'all' && f[2]).sort((a, b) => a[1].localeCompare(b[1]));
  const last = all[all.length - 1];
  return { total: Number(last[2]), asOf: last[1] };
}

test('coverage: the summary, statistics and table say how many of the official pairs are shown', async () => {
  const { page, context } = await open(browser, url);
  const { total, asOf } = officialTotal();
  const s = await page.evaluate(() => window.youcheng.stats());
  const rows = readFileSync('data/partnerships.csv', 'utf8').trim().split('\n').length - 1;
  assert.equal(s.coverage.shown, rows, 'every shipped pair counts');
  assert.equal(s.coverage.official, total);
  assert.equal(s.coverage.asOf, asOf);
  assert.match(s.coverage.reviewed, /^\d{4}-\d{2}-\d{2}$/);
  const summary = await page.locator('#map .yc-summary').innerText();
  assert.ok(summary.includes(`收录 ${rows} 对（官方统计共 ${total} 对，${asOf}）`), summary);
  assert.ok(summary.includes(`数据核对于 ${s.coverage.reviewed}`), summary);
  // Statistics: shown vs official per Shandong side.
  await page.click('#map .yc-stats-toggle');
  const qingdao = s.coverage.byCity.find((c) => c.key === 'qingdao');
  const row = await page.locator('#map .yc-coverage-table tr', { hasText: '青岛' }).innerText();
  assert.ok(row.includes(String(qingdao.shown)) && row.includes(String(qingdao.official)), row);
  assert.equal(await page.locator('#map .yc-coverage-table tbody tr').count(), 17);
  // The table caption and the exported PNG's title line carry it too.
  await page.click('#map .yc-table-toggle');
  assert.match(await page.locator('#map .yc-table caption').innerText(), new RegExp(`${rows} / 官方 ${total}`));
  // English.
  await page.click('#map .yc-lang');
  assert.match(await page.locator('#map .yc-summary').innerText(), new RegExp(`${rows} of ${total} official pairs`));
  await context.close();
});

test('sources are shown by readable name, link to the exact URL, and keep remarks out of the link; status is shown', async () => {
  const { page, context } = await open(browser, url);
  await page.evaluate(() => window.youcheng.select('qingdao-shimonoseki'));
  await page.waitForFunction(() => window.youcheng.details('qingdao-shimonoseki').noteZh); // notes.bin, fetched on the first details
  const links = await page.locator('#map .yc-sources a').evaluateAll((as) => as.map((a) => ({ text: a.textContent, href: a.getAttribute('href') })));
  const d = await page.evaluate(() => window.youcheng.details('qingdao-shimonoseki'));
  assert.equal(links.length, d.sources.filter((s) => s.url).length);
  for (const [i, l] of links.entries()) {
    assert.equal(l.href, d.sources[i].url, 'the link is exactly the URL');
    assert.doesNotMatch(l.text, /^https?:/, `a readable name, not a raw URL: ${l.text}`);
    assert.doesNotMatch(l.href, /\s/, 'no remark inside a link');
  }
  assert.match(await page.locator('#map .yc-detail').innerText(), /已签署/);
  // The note in the UI language.
  assert.ok(d.noteZh && (await page.locator('#map .yc-detail').innerText()).includes(d.noteZh), 'the Chinese note in the Chinese UI');
  await page.click('#map .yc-lang');
  await page.evaluate(() => window.youcheng.select('qingdao-shimonoseki'));
  assert.ok((await page.locator('#map .yc-detail').innerText()).includes(d.note), 'the English note in the English UI');
  // Every shipped source URL is a bare http(s) URL.
  const bad = await page.evaluate(() => window.youcheng.visibleIds().flatMap((id) => window.youcheng.details(id).sources).filter((s) => s.url && !/^https?:\/\/\S+$/.test(s.url)));
  assert.deepEqual(bad, []);
  await context.close();
});

test('the shipped sources come with notes.bin: the detail panel says they are loading until it has come, then links them', async () => {
  const { page, context } = await open(browser, url);
  let release;
  const gate = new Promise((r) => (release = r));
  await context.route(/\/notes(\.[0-9a-f]+)?\.bin$/, async (route) => {
    await gate;
    await route.continue();
  });
  await page.evaluate(() => window.youcheng.select('qingdao-shimonoseki'));
  await page.waitForSelector('#map .yc-detail:not([hidden])');
  assert.match(await page.locator('#map .yc-detail').innerText(), /正在加载来源…/);
  assert.equal(await page.locator('#map .yc-sources a').count(), 0);
  release();
  await page.waitForSelector('#map .yc-sources a');
  assert.doesNotMatch(await page.locator('#map .yc-detail').innerText(), /正在加载来源…/);
  await context.close();
});

/**
 * The page with the requests matching `re` answered by `answer` (a damaged or missing shipped
 * file), once the map is ready, with no error on the page (`what` names the case) → its context,
 * page, console warnings and requests.
 */
async function openAnswering(re, answer, what) {
  const c = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  await c.route(re, (route) => route.fulfill(answer));
  const p = await c.newPage();
  const warnings = [], errors = [], requests = [];
  p.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  p.on('pageerror', (e) => errors.push(String(e)));
  p.on('request', (r) => requests.push(r.url()));
  await p.goto(url);
  await p.waitForFunction(() => document.body.dataset.youchengReady === 'true' || document.body.dataset.youchengError, null, { timeout: 30000 });
  assert.equal(await p.evaluate(() => document.body.dataset.youchengError), undefined, what);
  assert.deepEqual(errors, [], what);
  return { c, p, warnings, requests };
}

test('the shipped data comes pre-validated (shipped.bin, with its official totals) instead of six CSV files; a damaged or missing one leaves the map to the CSV files, with the same data; missing official totals then leave it without its coverage line', async () => {
  const csvNames = /\/(shandong|countries|groups|partnerships|official_totals|about)(\.[0-9a-f]+)?\.csv$/;
  // With the notes and sources (notes.bin) loaded: shipped.bin has neither.
  const read = (page) =>
    page.evaluate(async () => {
      assert(await window.youcheng.loadNotes(), 'the notes load');
      const ids = window.youcheng.visibleIds();
      return { ids, stats: window.youcheng.stats(), details: ids.filter((_, k) => k % 37 === 0).map((id) => window.youcheng.details(id)) };
      function assert(ok, what) { if (!ok) throw new Error(what); }
    });
  const { page, context, log } = await open(browser, url);
  assert.equal(log.requests.filter((u) => /\/shipped(\.[0-9a-f]+)?\.bin$/.test(u)).length, 1);
  assert.deepEqual(log.requests.filter((u) => csvNames.test(u)), [], 'no CSV file is read for the shipped data');
  const rows = readFileSync('data/partnerships.csv', 'utf8').trim().split('\n').length - 1;
  // Before the notes file: no sources yet, and the statistics count every pair sourced all the same.
  const early = await page.evaluate(() => ({ sourced: window.youcheng.stats().withSources, sources: window.youcheng.visibleIds().reduce((n, id) => n + window.youcheng.details(id).sources.length, 0) }));
  assert.deepEqual(early, { sourced: rows, sources: 0 });
  const packed = await read(page);
  assert.ok(packed.details.every((d) => d.sources.length > 0), 'the sources came with notes.bin');
  assert.equal(packed.ids.length, rows);
  assert.equal(packed.stats.coverage.shown, rows, 'with its official totals');
  await context.close();

  const bytes = readFileSync('www/data/shipped.bin');
  for (const [what, answer] of [
    ['cut short', { body: bytes.subarray(0, bytes.length >> 1) }],
    ['another version', { body: Buffer.concat([Buffer.from([17]), Buffer.from('youcheng-packed 0'), bytes.subarray(18)]) }],
    ['missing', { status: 404, body: 'not found' }],
  ]) {
    const { c, p, warnings, requests } = await openAnswering(/\/shipped(\.[0-9a-f]+)?\.bin$/, answer, what);
    assert.ok(warnings.some((w) => /shipped\.bin.*reading the CSV files instead/.test(w)), `${what}: ${warnings.join(' | ')}`);
    assert.equal(requests.filter((u) => csvNames.test(u)).length, 6, `${what}: the six CSV files are read`);
    assert.deepEqual(await read(p), packed, `${what}: the same pairs, statistics and details`);
    await c.close();
  }
  // shipped.bin and the official totals missing: the data is shown from its CSV files without its
  // coverage line, and nothing fails.
  const { c, p, warnings } = await openAnswering(/\/(shipped(\.[0-9a-f]+)?\.bin|official_totals(\.[0-9a-f]+)?\.csv)$/, { status: 404, body: 'not found' }, 'no totals');
  const s = await p.evaluate(() => window.youcheng.stats());
  assert.equal(s.pairs, rows);
  assert.ok(!s.coverage, 'no coverage claim without the totals');
  assert.ok(warnings.some((w) => /official totals could not be read/.test(w)), warnings.join(' | '));
  await c.close();
});

test('the shipped basemap comes in binary (basemap.bin) instead of basemap.json; a damaged or missing one leaves the map to basemap.json, with the same outlines', async () => {
  const jsonName = /\/basemap(\.[0-9a-f]+)?\.json$/, binName = /\/basemap(\.[0-9a-f]+)?\.bin$/;
  // The outlines as drawn: the land colour at places on each continent, and the attribution.
  const look = (page) =>
    page.evaluate(() => {
      const map = window.youcheng, c = map.picture(), r = map.canvas.getBoundingClientRect(), k = c.width / r.width;
      const px = ([lon, lat]) => { const p = map.project(lon, lat); return [...c.getContext('2d').getImageData(Math.round(p.x * k), Math.round(p.y * k), 1, 1).data].join(','); };
      const places = [[100, 35], [-100, 40], [-60, -10], [20, 0], [135, -25], [10, 50], [160, 20]];
      return { pixels: places.map(px), attribution: map.attribution };
    });
  const { page, context, log } = await open(browser, url);
  assert.equal(log.requests.filter((u) => binName.test(u)).length, 1);
  assert.deepEqual(log.requests.filter((u) => jsonName.test(u)), [], 'basemap.json is not read');
  const shown = await look(page);
  assert.ok(new Set(shown.pixels).size >= 2, `not one colour: ${shown.pixels.join(' ')}`);
  await context.close();
  const bytes = readFileSync('www/data/basemap.bin');
  for (const [what, answer] of [
    ['cut short', { body: bytes.subarray(0, bytes.length >> 1) }],
    ['another version', { body: Buffer.concat([Buffer.from('youcheng-basemap-bin/9'), bytes.subarray(22)]) }],
    ['missing', { status: 404, body: 'not found' }],
  ]) {
    const { c, p, warnings, requests } = await openAnswering(binName, answer, what);
    assert.ok(warnings.some((w) => /basemap\.bin.*reading basemap\.json instead/.test(w)), `${what}: ${warnings.join(' | ')}`);
    assert.equal(requests.filter((u) => jsonName.test(u)).length, 1, `${what}: basemap.json is read`);
    await frame(p);
    assert.deepEqual(await look(p), shown, `${what}: the same outlines and attribution`);
    await c.close();
  }
});

test('the shipped notes come when first needed: not with the map, once for the first details shown, and with the CSV export', async () => {
  const fetched = (log) => log.requests.filter((u) => /\/notes(\.[0-9a-f]+)?\.bin$/.test(u)).length;
  const { page, context, log } = await open(browser, url);
  const [head, ...full] = parseCsv(readFileSync('data/partnerships.csv', 'utf8'));
  const withNote = full.find((r) => r[head.indexOf('note_zh')] && r[head.indexOf('note')]);
  const [id, note, noteZh] = ['id', 'note', 'note_zh'].map((c) => withNote[head.indexOf(c)]);
  assert.equal(fetched(log), 0, 'the map is shown without the notes');
  assert.equal((await page.evaluate((id) => window.youcheng.details(id), id)).noteZh, '', 'no note yet');
  await page.evaluate((id) => window.youcheng.select(id), id);
  await page.waitForFunction((id) => window.youcheng.details(id).noteZh, id);
  const d = await page.evaluate((id) => window.youcheng.details(id), id);
  assert.deepEqual([d.note, d.noteZh], [note, noteZh], 'the notes of data/partnerships.csv');
  await page.waitForFunction((n) => document.querySelector('#map').shadowRoot.querySelector('.yc-detail')?.innerText.includes(n), noteZh);
  const other = full.find((r) => r !== withNote && r[head.indexOf('note_zh')])[0];
  await page.evaluate((id) => window.youcheng.select(id), other);
  assert.equal(fetched(log), 1, 'fetched once');
  // A fresh page's first action is the export: the file waits for the notes and has them.
  const { page: p2, context: c2, log: log2 } = await open(browser, url);
  const [download] = await Promise.all([p2.waitForEvent('download'), p2.click('#map .yc-download-csv')]);
  const rows = parseCsv(readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, ''));
  const row = rows.find((r) => r[0] === id);
  assert.deepEqual([row[rows[0].indexOf('note')], row[rows[0].indexOf('note_zh')]], [note, noteZh]);
  assert.equal(fetched(log2), 1);
  await c2.close();
  // A page's script asks for them.
  const { page: p3, context: c3 } = await open(browser, url);
  assert.equal(await p3.evaluate(() => window.youcheng.loadNotes()), true);
  assert.equal(await p3.evaluate((id) => window.youcheng.details(id).noteZh, id), noteZh);
  await c3.close();
  await context.close();
});

test('real spreadsheet files (GBK, UTF-16 "Unicode text", CRLF, CR) report the right line in Chinese; the visitor can load the valid rows', async () => {
  const { page, context } = await open(browser, url);
  const before = await count(page);
  for (const name of ['gbk.csv', 'utf16le-bom.txt', 'crlf.csv', 'cr.csv']) {
    await page.setInputFiles('#csv-input', { name, mimeType: 'text/csv', buffer: readFileSync(`tests/fixtures/spreadsheets/${name}`) });
    await page.waitForFunction((name) => document.querySelector('#load-result')?.textContent.includes(name), name);
    const report = await page.textContent('#load-result');
    assert.match(report, new RegExp(`${name.replace('.', '\\.')} 第 4 行 字段 lon 值“500”：超出 -180…180 的范围`), `${name}: ${report}`);
    assert.equal(await count(page), before, `${name}: the map keeps its data`);
    const read = { 'gbk.csv': 'GB18030 (GBK)', 'utf16le-bom.txt': 'UTF-16LE' }[name];
    if (read) assert.ok(report.includes(`已按 ${read} 编码读取`), `${name} says how it was read: ${report}`);
  }
  await page.setInputFiles('#csv-input', { name: 'gbk.csv', mimeType: 'text/csv', buffer: readFileSync('tests/fixtures/spreadsheets/gbk.csv') });
  await page.waitForFunction(() => document.querySelector('#load-result')?.textContent.includes('gbk.csv'));
  await page.click('#load-result .load-valid');
  await page.waitForFunction(() => /已载入 gbk\.csv 中 2 对/.test(document.querySelector('#load-result').textContent));
  assert.match(await page.textContent('#load-result'), /第 4 行/, 'the rejected row is listed');
  assert.equal(await count(page), 2, 'the two valid rows are on the map');
  const d = await page.evaluate(() => window.youcheng.details('qingdao-shimonoseki'));
  assert.equal(d.partnerZh, '下关市', 'GBK decoded by the browser into the right characters');
  await context.close();
});

test('a partly broken deep link says in the UI language what was ignored and applies the rest', async () => {
  const { page, context } = await open(browser, `${url}#city=weifang&rel=sister&from=abc`);
  const message = page.locator('#map .yc-message');
  assert.equal(await message.isVisible(), true);
  assert.match(await message.innerText(), /链接中有 2 处无法使用/);
  assert.deepEqual(await page.evaluate(() => window.youcheng.getFilter().cities), ['weifang'], 'the usable part is applied');
  assert.equal(await count(page), await page.evaluate(() => window.youcheng.visibleIds().length));
  await context.close();
});

test("a Shandong city's tooltip names it once, then its partner count", async () => {
  const { page, context } = await open(browser, url);
  const weifang = await onPage(page, 119.16, 36.71);
  await page.mouse.move(weifang.x, weifang.y);
  await page.waitForSelector('#map .yc-tooltip:not([hidden])');
  const tip = await text(page, '.yc-tooltip');
  assert.equal(tip.split('潍坊').length - 1, 1, tip);
  assert.match(tip, /友好城市 \d+ 个/);
  await context.close();
});

test('copy link: the copied URL restores the same filter, selection, view and language in a new page', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.youchengReady === 'true');
  await page.evaluate(() => {
    const m = window.youcheng;
    m.setFilter({ cities: ['qingdao'], relations: ['friendship'] });
    m.select('qingdao-shimonoseki');
    m.setView(131, 34, 4);
    m.setLanguage('en');
  });
  await page.click('#map .yc-share');
  await page.waitForFunction(() => document.querySelector('#map').shadowRoot.querySelector('.yc-share').textContent === 'Link copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const before = await page.evaluate(() => ({ filter: window.youcheng.getFilter(), sel: window.youcheng.selection(), view: window.youcheng.view(), lang: window.youcheng.language }));
  const other = await context.newPage();
  await other.goto(link);
  await other.waitForFunction(() => document.body.dataset.youchengReady === 'true');
  const after = await other.evaluate(() => ({ filter: window.youcheng.getFilter(), sel: window.youcheng.selection(), view: window.youcheng.view(), lang: window.youcheng.language }));
  assert.deepEqual(after.filter, before.filter);
  assert.deepEqual(after.sel, before.sel);
  assert.equal(after.lang, 'en');
  assert.ok(Math.abs(after.view.lon - before.view.lon) < 0.01 && Math.abs(after.view.zoom - before.view.zoom) < 0.01, JSON.stringify([before.view, after.view]));
  await context.close();
});

test('a default map goes without the reports until its first export, which moves it to the full build keeping its view, filter, colours and selection', async () => {
  const lean = /\/pkg-lean\/youcheng_bg\.wasm$/, full = /\/pkg\/youcheng_bg\.wasm$/;
  const { page, context, log } = await open(browser, url);
  assert.equal(log.requests.filter((u) => lean.test(u)).length, 1, 'the small build');
  const id = await page.evaluate(() => {
    const m = window.youcheng;
    m.setView(10, 50, 3);
    m.setFilter({ continents: ['europe'] });
    m.setColourBy('relation');
    const id = m.visibleIds()[0];
    m.select(id, { pin: true });
    return id;
  });
  const state = () => page.evaluate(() => { const m = window.youcheng; return { view: m.view(), filter: m.getFilter(), sel: m.selection(), ids: m.visibleIds(), hash: m.stateHash() }; });
  const before = await state();
  assert.deepEqual(before.sel, [id]);
  assert.deepEqual(log.requests.filter((u) => full.test(u)), [], 'no full build before an export');
  // Opening the export menu starts the full build coming (a choice is likely); closing it keeps it.
  await page.click('#map .yc-export');
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => /\/pkg\/youcheng_bg\.wasm$/.test(r.name)));
  await page.keyboard.press('Escape');
  const svg = await page.evaluate(async () => (await window.youcheng.exportSvg()).text());
  assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, svg.slice(0, 200));
  assert.equal(log.requests.filter((u) => full.test(u)).length, 1, 'the full build was fetched for it');
  const after = await state();
  assert.deepEqual(after.filter, before.filter);
  assert.deepEqual(after.sel, before.sel);
  assert.deepEqual(after.ids, before.ids);
  assert.equal(after.hash, before.hash);
  assert.ok(Math.abs(after.view.lon - before.view.lon) < 0.01 && Math.abs(after.view.zoom - before.view.zoom) < 0.01, JSON.stringify([before.view, after.view]));
  // The next export is at once, on the same build; a PNG as well.
  const png = await page.evaluate(async () => { const b = await window.youcheng.exportPng({ scale: 1 }); return [...new Uint8Array(await b.slice(0, 8).arrayBuffer())]; });
  assert.deepEqual(png, [137, 80, 78, 71, 13, 10, 26, 10], 'a PNG');
  assert.equal(log.requests.filter((u) => full.test(u)).length, 1, 'fetched once');
  // A wrong option still throws at once, before any work.
  assert.match(await page.evaluate(() => { try { window.youcheng.exportPng({ scale: 9 }); return 'no error'; } catch (e) { return `${e.name}: ${e.message}`; } }), /^TypeError: exportPng/);
  await frame(page);
  assert.deepEqual(log.pageErrors, []);
  assert.deepEqual(log.consoleErrors, []);
  await context.close();
});

test('a default map runs on the small build of the core and moves to the full one when it has to read a file, keeping its view and filter', async () => {
  const lean = /\/pkg-lean\/youcheng_bg\.wasm$/, full = /\/pkg\/youcheng_bg\.wasm$/;
  const { page, context, log } = await open(browser, url);
  assert.equal(log.requests.filter((u) => lean.test(u)).length, 1, 'the small build');
  assert.deepEqual(log.requests.filter((u) => full.test(u)), [], 'not the full one');
  await page.evaluate(() => { const m = window.youcheng; m.setView(10, 50, 3); m.setFilter({ continents: ['europe'] }); m.setAttribute('lang', 'en'); });
  const before = await page.evaluate(() => ({ view: window.youcheng.view(), filter: window.youcheng.getFilter() }));
  const csv = ['id,shandong_city,partner_en,partner_zh,country,lon,lat,sources', 'qingdao-x,qingdao,Shimonoseki,下关市,JP,130.93,33.95,https://example.org/a', 'jinan-x,jinan,Regensburg,雷根斯堡,DE,12.1,49.02,https://example.org/b'].join('\n');
  // On the small build the report comes as a promise: the map moves to the full build first.
  const first = await page.evaluate((csv) => { const r = window.youcheng.loadCsv('mine.csv', csv); return Promise.resolve(r).then((report) => ({ promise: r instanceof Promise, ok: report.ok, pairs: report.pairs })); }, csv);
  assert.deepEqual(first, { promise: true, ok: true, pairs: 2 });
  assert.equal(log.requests.filter((u) => full.test(u)).length, 1, 'the full build was fetched');
  const after = await page.evaluate(() => ({ view: window.youcheng.view(), filter: window.youcheng.getFilter(), lang: window.youcheng.language, ids: window.youcheng.visibleIds() }));
  assert.ok(Math.abs(after.view.lon - before.view.lon) < 0.01 && Math.abs(after.view.zoom - before.view.zoom) < 0.01, JSON.stringify([before.view, after.view]));
  assert.deepEqual(after.filter.continents, ['europe']);
  assert.equal(after.lang, 'en');
  assert.deepEqual(after.ids, ['jinan-x'], 'the new data, filtered to Europe');
  // Now on the full build: the next file loads at once.
  const second = await page.evaluate((csv) => { const r = window.youcheng.loadCsv('again.csv', csv); return { promise: r instanceof Promise, ok: r.ok }; }, csv);
  assert.deepEqual(second, { promise: false, ok: true });
  await frame(page);
  assert.deepEqual(log.pageErrors, []);
  assert.deepEqual(log.consoleErrors, []);
  await context.close();
  // A map whose attributes name a portal's file starts on the full build: the small one is not fetched.
  const c = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const requests = [];
  await c.route(`${url}own.html`, (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: '<!doctype html><meta charset="utf-8"><youcheng-map id="map" data-src="data/partnerships.csv" style="display:block;height:500px"></youcheng-map>' +
      '<script type="module">import "./youcheng.js"; await document.getElementById("map").ready; document.body.dataset.done = "1";</script>',
  }));
  const p = await c.newPage();
  p.on('request', (r) => requests.push(r.url()));
  await p.goto(`${url}own.html`);
  await p.waitForFunction(() => document.body.dataset.done === '1', null, { timeout: 30000 });
  assert.equal(requests.filter((u) => full.test(u)).length, 1, requests.join(' '));
  assert.deepEqual(requests.filter((u) => lean.test(u)), [], requests.join(' '));
  await c.close();
});

test('download data: the visible pairs as CSV with a BOM, formulas neutralised, sources kept, and it loads back', async () => {
  const { page, context } = await open(browser, url);
  // A pair whose note would be a formula in a spreadsheet.
  const csv = ['id,shandong_city,partner_en,partner_zh,country,lon,lat,sources,note', 'qingdao-f,qingdao,Shimonoseki,下关市,JP,130.93,33.95,https://example.org/a | Example | remark,=HYPERLINK("http://evil.example")'].join('\n');
  assert.ok((await page.evaluate((csv) => window.youcheng.loadCsv('f.csv', csv), csv)).ok);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#map .yc-download-csv')]);
  const text = readFileSync(await download.path(), 'utf8');
  assert.ok(text.startsWith('\uFEFF'), 'a byte-order mark for Excel');
  assert.match(text, /\r\n/, 'CRLF line ends');
  assert.match(text, /"'=HYPERLINK\(""http:\/\/evil\.example""\)"/, 'the formula is neutralised');
  assert.match(text, /https:\/\/example\.org\/a \| Example \| remark/, 'sources as URL | title | remark');
  const back = await page.evaluate((t) => window.youcheng.loadCsv('back.csv', t), text);
  assert.ok(back.ok, JSON.stringify(back.errors));
  const d = await page.evaluate(() => window.youcheng.details('qingdao-f'));
  assert.equal(d.note, '=HYPERLINK("http://evil.example")', 'the loader drops the protective apostrophe');
  assert.deepEqual(d.sources, [{ title: 'Example', url: 'https://example.org/a', remark: 'remark' }]);
  // The shipped data round-trips too.
  const { page: p2, context: c2 } = await open(browser, url);
  const [d2] = await Promise.all([p2.waitForEvent('download'), p2.click('#map .yc-download-csv')]);
  const all = readFileSync(await d2.path(), 'utf8');
  const before = await p2.evaluate(() => window.youcheng.visibleIds().length);
  const r = await p2.evaluate((t) => window.youcheng.loadCsv('all.csv', t), all);
  assert.ok(r.ok && r.pairs === before, `${r.pairs} of ${before}: ${JSON.stringify(r.errors.slice(0, 2))}`);
  await c2.close();
  await context.close();
});
