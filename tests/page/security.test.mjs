// The page under a strict Content-Security-Policy (no inline script or style, nothing off-origin):
// no violations, no off-origin requests; axe-core finds nothing; the keyboard alone can select a pair.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, serve } from './harness.mjs';
import { STRICT_CSP, watchCsp, recordRequests, offOrigin, axe, formatAxe } from './util.mjs';

let browser, server, url;
before(async () => {
  ({ server, url } = await serve({ headers: { 'Content-Security-Policy': STRICT_CSP } }));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

/** `path` (the demo page unless given) under the strict policy, once ready. */
async function openStrict(path = '', viewport = { width: 1280, height: 860 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const consoleErrors = [], pageErrors = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  const violations = await watchCsp(page);
  const requests = recordRequests(page);
  const response = await page.goto(`${url}${path}`);
  assert.equal(response.headers()['content-security-policy'], STRICT_CSP, 'the server sent the policy');
  await page.waitForFunction(() => document.body.dataset.youchengReady === 'true' || document.body.dataset.youchengError, null, { timeout: 30000 });
  return { page, context, consoleErrors, pageErrors, violations, requests };
}

test('under a strict CSP the page gets ready and a visitor can use it with no violations and no off-origin requests', async () => {
  const { page, context, consoleErrors, violations, requests } = await openStrict();
  assert.equal(await page.evaluate(() => document.body.dataset.youchengError), undefined);
  assert.equal(await page.evaluate(() => document.body.dataset.youchengReady), 'true');
  // Exercise what injects content or styles: language, filters, tooltip, detail, stats, table, export, drag.
  await page.click('#map .yc-lang');
  await page.click('#map .yc-legend-item[data-key="qingdao"]');
  await page.fill('#map .yc-search', 'shimo');
  await page.evaluate(() => window.youcheng.select('qingdao-shimonoseki'));
  await page.click('#map .yc-stats-toggle');
  await page.click('#map .yc-table-toggle');
  await page.selectOption('#map .yc-colour', 'decade');
  await page.evaluate(() => window.youcheng.exportPng());
  const box = await page.locator('#map .yc-canvas').boundingBox();
  await page.mouse.move(box.x + 300, box.y + 200);
  await page.mouse.down();
  await page.mouse.move(box.x + 360, box.y + 240, { steps: 4 });
  await page.mouse.up();
  await page.click('#map .yc-play');
  await page.click('#map .yc-play');
  assert.deepEqual(await violations(), []);
  assert.deepEqual(consoleErrors, []);
  assert.ok(requests.some((r) => r.endsWith('.wasm')), 'the wasm module was fetched');
  assert.deepEqual(offOrigin(requests, url), []);
  await context.close();
});

test('axe-core (WCAG 2.x A/AA, best practices): no violations on the demo page, with panels open, in both languages', async () => {
  const { page, context } = await openStrict();
  // (axe-core itself adds <style> elements while it checks, which the policy reports; the CSP is
  // asserted by the test above, before any checker runs.)
  let found = await axe(page);
  assert.equal(found.length, 0, formatAxe(found));
  await page.evaluate(() => window.youcheng.select('qingdao-shimonoseki'));
  await page.click('#map .yc-stats-toggle');
  await page.click('#map .yc-table-toggle');
  await page.click('#map .yc-lang');
  found = await axe(page);
  assert.equal(found.length, 0, formatAxe(found));
  const embed = await browser.newContext();
  const p = await embed.newPage();
  await p.goto(new URL('embed.html?lang=en', url).href);
  await p.waitForFunction(() => document.body.dataset.youchengReady === 'true');
  found = await axe(p);
  assert.equal(found.length, 0, `embed.html: ${formatAxe(found)}`);
  await embed.close();
  await context.close();
});

test('keyboard only: Tab to the map, arrows to Qingdao and Shimonoseki, Enter selects, the panel closes by keyboard', async () => {
  const { page, context } = await openStrict();
  // The first Tab stop in the widget is "skip to the map"; Enter on it focuses the map.
  const active = () => page.evaluate(() => document.querySelector('#map').shadowRoot.activeElement?.className ?? '');
  let at = '';
  for (let i = 0; i < 10 && !/yc-skip/.test(at); i++) {
    await page.keyboard.press('Tab');
    at = await active();
  }
  assert.match(at, /yc-skip/, 'Tab reaches the skip link first');
  assert.ok(await page.locator('#map .yc-skip').isVisible(), 'the skip link shows when focused');
  await page.keyboard.press('Enter');
  assert.match(await active(), /yc-map/, 'the map has focus');
  const announced = () => page.locator('#map .yc-sr[role="status"]').innerText();
  // → walks the Shandong cities until Qingdao.
  let said = '';
  for (let i = 0; i < 20 && !/青岛/.test(said); i++) {
    await page.keyboard.press('ArrowRight');
    said = await announced();
  }
  assert.match(said, /青岛/);
  // ↓ walks Qingdao's partners until Shimonoseki.
  for (let i = 0; i < 80 && !/下关/.test(said); i++) {
    await page.keyboard.press('ArrowDown');
    said = await announced();
  }
  assert.match(said, /下关/);
  assert.ok((await page.evaluate(() => window.youcheng.frameStats().frames)) > 0);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#map .yc-detail:not([hidden])');
  assert.deepEqual(await page.evaluate(() => window.youcheng.selection()), ['qingdao-shimonoseki']);
  // The panel is reachable by Tab and closes with Enter on its close button.
  let onClose = false;
  for (let i = 0; i < 60 && !onClose; i++) {
    await page.keyboard.press('Tab');
    onClose = await page.evaluate(() => document.querySelector('#map').shadowRoot.activeElement?.classList.contains('yc-detail-close') ?? false);
  }
  assert.ok(onClose, 'Tab reaches the close button');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#map .yc-detail', { state: 'hidden' });
  assert.deepEqual(await page.evaluate(() => window.youcheng.selection()), []);
  await context.close();
});

test('under the strict CSP a world network is drawn by the raster workers, with no violations and no off-origin requests', async () => {
  const world = 'embed.html?lang=en&origins-src=data/world/origins.csv&data-src=data/world/partnerships.csv';
  const { page, context, pageErrors, violations, requests } = await openStrict(world, { width: 1100, height: 700 });
  await page.waitForFunction(() => { const s = document.getElementById('map')?.frameStats?.(); return s && s.rasterWorker.images > 0 && !s.arcsPending; }, null, { timeout: 60000 });
  const stats = await page.evaluate(() => document.getElementById('map').frameStats().rasterWorker);
  assert.equal(stats.failed, 0, JSON.stringify(stats));
  assert.ok(requests.some((r) => /raster-worker\.js$/.test(r)), 'the worker script came from the page\'s origin');
  assert.deepEqual(await violations(), []);
  assert.deepEqual(offOrigin(requests, url), []);
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test("the CSP watcher does see a violation (inline style attribute) and a worker script request", async () => {
  const { page, context, violations, requests } = await openStrict();
  await page.evaluate(() => document.body.setAttribute('style', 'outline: 1px solid red'));
  await page.waitForFunction(() => window.__cspViolations.length > 0);
  assert.deepEqual((await violations()).map((v) => v.violatedDirective), ['style-src-attr']);
  await page.evaluate(() => new Worker('favicon.svg?from-worker', { type: 'module' }).addEventListener('error', () => {}));
  for (let i = 0; i < 50 && !requests.some((r) => r.endsWith('?from-worker')); i++) await new Promise((ok) => setTimeout(ok, 100));
  assert.ok(requests.some((r) => r.endsWith('?from-worker')), 'the worker script request was recorded');
  await context.close();
});

test('embed.html fetches and shows nothing from off-origin or data: URLs in its query, nor an attribution from it (no CSP to help)', async () => {
  const open = await serve(); // a portal that sends no Content-Security-Policy
  try {
    const context = await browser.newContext({ viewport: { width: 900, height: 700 } });
    const page = await context.newPage();
    const requests = recordRequests(page);
    const fakePair = 'id,shandong_city,partner_en,partner_zh,country,lon,lat,sources\nqingdao-phish,qingdao,Phish City,钓鱼市,JP,135,35,https://phish.example/login\n';
    const fakeBasemap = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'x', iso_a2: 'CN' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 0]]] } }] });
    const cases = [
      { 'data-src': 'https://evil.example/pairs.csv', 'basemap-src': 'https://evil.example/map.geojson' },
      { 'data-src': `data:text/csv,${encodeURIComponent(fakePair)}`, 'basemap-src': `data:application/json,${encodeURIComponent(fakeBasemap)}` },
      { 'data-src': '//evil.example/pairs.csv' },
    ];
    for (const params of cases) {
      const q = new URLSearchParams({ ...params, 'basemap-attribution': '审图号：GS(伪造)号', lang: 'zh' });
      await page.goto(new URL(`embed.html?${q}`, open.url).href);
      await page.waitForFunction(() => document.querySelector('#map')?.hasAttribute('ready') || document.querySelector('#map')?.hasAttribute('error'), null, { timeout: 30000 });
      const shown = await page.evaluate(() => {
        const el = document.querySelector('#map');
        return { ids: el.visibleIds(), attribution: el.attribution, message: el.shadowRoot.querySelector('.yc-message').textContent, attr: el.getAttribute('basemap-attribution') };
      });
      assert.ok(!shown.ids.includes('qingdao-phish'), 'the data: pair is not shown');
      assert.doesNotMatch(shown.attribution, /伪造/, 'no attribution from the URL');
      assert.equal(shown.attr, null, 'embed.js does not even set the attribute');
      assert.match(shown.message, /只接受本站/, `the visitor is told why: ${shown.message}`);
      assert.match(shown.attribution, /GS\(2023\)2767|surbowl/, 'the shipped basemap and its attribution');
    }
    assert.deepEqual(offOrigin(requests, open.url), [], 'nothing was requested off the origin');
    assert.deepEqual(requests.filter((u) => u.startsWith('data:')), [], 'no data: URL was fetched');
    await context.close();
  } finally {
    open.server.close();
  }
});

test('opened from the file system, the pages say in both languages how to serve the folder', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  for (const file of ['index.html', 'embed.html']) {
    await page.goto(`file://${process.cwd()}/www/${file}`);
    const box = page.locator('.file-warning');
    await box.waitFor({ timeout: 10000 });
    const text = await box.innerText();
    assert.match(text, /python3 -m http\.server/, file);
    assert.match(text, /文件夹/, `${file}: Chinese`);
    assert.match(text, /web server/, `${file}: English`);
  }
  await context.close();
});
