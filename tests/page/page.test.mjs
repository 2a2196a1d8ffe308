// Whole page in real Chromium: the built www/ as `make demo` serves it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { launch, serve, open, pixelAt, patchAt, near, frame } from './harness.mjs';

const OCEAN = [0xe8, 0xf1, 0xf8];
const LAND = [0xd5, 0xdb, 0xe3];
const reddish = (p) => p[0] > 150 && p[0] - p[2] > 60; // Qingdao's #d62728 over anything light
const orange = (p) => p[0] > 200 && p[1] > 90 && p[1] < 190 && p[2] < 120; // Weifang's #ff7f0e

let browser, server, url;
before(async () => {
  ({ server, url } = await serve());
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

test('the page loads with no console errors, no failed and no off-origin requests', async () => {
  const { page, context, log } = await open(browser, url);
  await frame(page);
  assert.deepEqual(log.consoleErrors, []);
  assert.deepEqual(log.pageErrors, []);
  assert.deepEqual(log.failed, []);
  const origin = new URL(url).origin;
  const foreign = log.requests.filter((r) => new URL(r).origin !== origin);
  assert.deepEqual(foreign, []);
  assert.ok(log.requests.some((r) => r.endsWith('.wasm')), 'the wasm module was fetched');
  const pairs = Number(await page.textContent('#count-pairs'));
  assert.ok(pairs >= 250, `pairs shown: ${pairs}`);
  for (const id of ['count-places', 'count-countries', 'count-continents']) {
    const n = Number(await page.textContent(`#${id}`));
    assert.ok(n > 0 && n <= pairs, `${id}: ${n}`);
  }
  await context.close();
});

test('the map shows land, ocean and arcs, and filtering to one city redraws only its arcs', async () => {
  const { page, context } = await open(browser, url);
  await frame(page);
  const p = await page.evaluate(() => window.youcheng.project(134, -25));
  assert.ok(near(await pixelAt(page, p.x, p.y), LAND), 'central Australia is land');
  const q = await page.evaluate(() => window.youcheng.project(-150, -30));
  assert.ok(near(await pixelAt(page, q.x, q.y), OCEAN), 'the South Pacific is ocean');
  // Americas on the right of China: New York is right of Jinan, Paris left.
  const [ny, jinan, paris] = await page.evaluate(() =>
    [[-74, 40.7], [117, 36.7], [2.35, 48.85]].map(([lon, lat]) => window.youcheng.project(lon, lat).x),
  );
  assert.ok(paris < jinan && jinan < ny);

  // Weifang only, via its legend button: Weifang's Pueblo arc is drawn, Qingdao's Long Beach arc is not.
  await page.click('button.legend-item[data-key="weifang"]');
  await frame(page);
  const ids = await page.evaluate(() => window.youcheng.visibleIds());
  assert.ok(ids.length > 0 && ids.every((id) => id.startsWith('weifang-')), ids.join(','));
  assert.equal(Number(await page.textContent('#count-pairs')), ids.length);
  const arcMid = (a, b) => page.evaluate(([a, b]) => {
    // Point halfway along the great circle (spherical interpolation).
    const rad = Math.PI / 180, v = ([lon, lat]) => [Math.cos(lat * rad) * Math.cos(lon * rad), Math.cos(lat * rad) * Math.sin(lon * rad), Math.sin(lat * rad)];
    const [x, y, z] = v(a).map((c, i) => c + v(b)[i]);
    return [Math.atan2(y, x) / rad, Math.atan2(z, Math.hypot(x, y)) / rad];
  }, [a, b]);
  const pueblo = await arcMid([119.16, 36.71], [-104.61, 38.25]);
  assert.ok((await patchAt(page, ...pueblo)).some(orange), 'Weifang–Pueblo arc is orange');
  const longBeach = await arcMid([120.38, 36.06], [-118.19, 33.77]);
  assert.ok(!(await patchAt(page, ...longBeach)).some(reddish), 'Qingdao–Long Beach arc is hidden');

  await page.click('#show-all');
  await frame(page);
  assert.ok((await patchAt(page, ...longBeach)).some(reddish), 'Qingdao–Long Beach arc is back');
  await context.close();
});

test('a broken CSV is reported with line and field, rendered as text, and the map keeps its data', async () => {
  const { page, context } = await open(browser, url);
  const before = await page.textContent('#count-pairs');
  const csv = [
    'id,shandong_city,partner_en,partner_zh,country,relation,established,lon,lat,sources',
    'qingdao-x,qingdao,<img src=x onerror="document.body.dataset.pwned=1">,x,JP,friendship,1979,130.9,33.9,https://example.org',
    'qingdao-y,qingdao,Y,y,JP,friendship,1979,130.9,95,https://example.org',
  ].join('\n');
  await page.setInputFiles('#csv-input', { name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForSelector('#load-result.error');
  const text = await page.textContent('#load-result');
  assert.match(text, /mine\.csv/);
  assert.match(text, /第 2 行.*partner_en/);
  assert.match(text, /第 3 行.*lat.*95/);
  assert.equal(await page.locator('#load-result img').count(), 0, 'no markup from the CSV became elements');
  assert.equal(await page.evaluate(() => document.body.dataset.pwned), undefined);
  assert.equal(await page.textContent('#count-pairs'), before);

  const good = ['id,shandong_city,partner_en,country,lon,lat,sources', 'qingdao-z,qingdao,Shimonoseki,JP,130.93,33.95,https://example.org'].join('\n');
  await page.setInputFiles('#csv-input', { name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await page.waitForSelector('#load-result.ok');
  assert.equal(await page.textContent('#count-pairs'), '1');
  await context.close();
});

test('switching to English translates the page', async () => {
  const { page, context } = await open(browser, url);
  await page.click('#lang-toggle');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.textContent('h1'), /Friendship Cities/);
  assert.match(await page.textContent('#legend'), /Weifang/);
  await context.close();
});

test('HiDPI: the backing store is devicePixelRatio times the CSS size (screenshot)', async () => {
  const { page, context } = await open(browser, url, { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
  await frame(page);
  const { w, h, cw, ch } = await page.evaluate(() => {
    const c = document.querySelector('#map canvas');
    const r = c.getBoundingClientRect();
    return { w: c.width, h: c.height, cw: r.width, ch: r.height };
  });
  assert.equal(w, Math.round(cw * 2));
  assert.equal(h, Math.round(ch * 2));
  const shot = process.env.YOUCHENG_SCREENSHOT ?? 'test-results/screenshot.png';
  mkdirSync(dirname(shot), { recursive: true });
  const pageShot = await browser.newContext({ viewport: { width: 1280, height: 760 } });
  const p2 = await pageShot.newPage();
  await p2.goto(url);
  await p2.waitForFunction(() => document.body.dataset.youchengReady === 'true');
  await frame(p2);
  await p2.screenshot({ path: shot });
  await pageShot.close();
  await context.close();
});

test('resizing the window redraws at the new size', async () => {
  const { page, context } = await open(browser, url, { viewport: { width: 1200, height: 800 } });
  await frame(page);
  const before = await page.evaluate(() => document.querySelector('#map canvas').width);
  await page.setViewportSize({ width: 700, height: 800 });
  await page.waitForFunction((b) => document.querySelector('#map canvas').width !== b, before);
  await frame(page);
  const p = await page.evaluate(() => window.youcheng.project(134, -25));
  assert.ok(near(await pixelAt(page, p.x, p.y), LAND), 'still drawn correctly after resize');
  await context.close();
});
