// Embedding: a portal-style host page with three <youcheng-map> elements (different attributes,
// the portal's own data and basemap, a broken data file) behind a hard CSS reset and a strict
// CSP; the iframe page; attributes changing at run time; removal freeing the widget.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { launch } from './harness.mjs';
import { startServer } from '../../tools/serve.mjs';
import { STRICT_CSP, watchCsp, recordRequests, offOrigin, axe, formatAxe } from './util.mjs';

const SITE = 'test-results/site';
let browser, server, url;
before(async () => {
  // The portal's site: the widget folder as shipped (www/) under /youcheng/, its pages under /portal/.
  rmSync(SITE, { recursive: true, force: true });
  mkdirSync(SITE, { recursive: true });
  cpSync('www', `${SITE}/youcheng`, { recursive: true });
  cpSync('tests/page/fixtures/portal', `${SITE}/portal`, { recursive: true });
  ({ server, url } = await startServer({ root: SITE, headers: { 'Content-Security-Policy': STRICT_CSP } }));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

async function openHost(path = 'portal/host.html', viewport = { width: 1100, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  const violations = await watchCsp(page);
  const requests = recordRequests(page);
  await page.goto(new URL(path, url).href);
  return { page, context, errors, violations, requests };
}

const settled = (page, ids) =>
  page.waitForFunction((ids) => ids.every((id) => document.getElementById(id)?.hasAttribute('ready') || document.getElementById(id)?.hasAttribute('error')), ids, { timeout: 30000 });

/** RGB at (lon, lat) on a given element's map. */
const pixel = (page, id, lon, lat) =>
  page.evaluate(([id, lon, lat]) => {
    const el = document.getElementById(id);
    const p = el.project(lon, lat);
    if (!p) return null;
    const c = el.picture();
    const s = c.width / el.canvas.getBoundingClientRect().width;
    const d = c.getContext('2d').getImageData(Math.floor(p.x * s), Math.floor(p.y * s), 1, 1).data;
    return [d[0], d[1], d[2]];
  }, [id, lon, lat]);

test('two maps with different attributes work independently on a portal page, under a strict CSP', async () => {
  const { page, context, errors, violations, requests } = await openHost();
  await settled(page, ['a', 'b', 'c']);
  const a = await page.evaluate(() => ({ ids: document.getElementById('a').visibleIds(), lang: document.getElementById('a').language }));
  assert.ok(a.ids.length > 5 && a.ids.every((id) => id.startsWith('weifang-')), 'city="weifang"');
  assert.equal(a.lang, 'en');
  assert.match(await page.locator('#a .yc-legend').innerText(), /Weifang/);
  assert.equal(await page.locator('#a .yc-toolbar').isVisible(), false, 'controls="minimal" hides the toolbar');
  assert.equal(Math.round((await page.locator('#a').boundingBox()).height), 420, 'height="420"');
  // Dark theme: the ocean is the dark theme's colour.
  const ocean = await pixel(page, 'a', -150, -30);
  assert.ok(ocean[0] < 40 && ocean[2] < 60, `dark ocean ${ocean}`);

  // b: the portal's own CSV (3 pairs) and basemap, filter attribute (friendship only).
  const b = await page.evaluate(() => ({ ids: document.getElementById('b').visibleIds(), lang: document.getElementById('b').language, attribution: document.getElementById('b').attribution }));
  assert.deepEqual(b.ids.sort(), ['qingdao-long-beach', 'qingdao-shimonoseki']);
  assert.equal(b.lang, 'zh');
  assert.match(b.attribution, /审图号/);
  assert.match(await page.locator('#b .yc-attribution').innerText(), /审图号/);
  const land = [0xd5, 0xdb, 0xe3];
  const near = (p, q) => p && p.every((v, i) => Math.abs(v - q[i]) <= 3);
  assert.ok(near(await pixel(page, 'b', 120, 45), land), 'the approved basemap square is drawn as land');
  assert.ok(!near(await pixel(page, 'b', 134, -25), land), 'Australia is not on the approved basemap');
  assert.ok(near(await pixel(page, 'a', 134, -25.0), [0x2e, 0x3c, 0x4d]), 'the default basemap still draws Australia on map a');

  // The portal's reset did not reach inside: the widget's buttons keep their borders and size.
  const btn = await page.locator('#b .yc-filters-toggle').evaluate((el) => {
    const s = getComputedStyle(el);
    return { border: s.borderTopWidth, font: s.fontSize, canvasBorder: getComputedStyle(el.getRootNode().querySelector('.yc-canvas')).borderTopWidth };
  });
  assert.equal(btn.border, '1px');
  assert.equal(btn.font, '14px');
  assert.equal(btn.canvasBorder, '0px');

  // Filtering one map leaves the other alone.
  await page.click('#b .yc-legend-item[data-key="qingdao"]');
  assert.deepEqual(await page.evaluate(() => document.getElementById('b').getFilter().cities), ['qingdao']);
  assert.deepEqual(await page.evaluate(() => document.getElementById('a').visibleIds().length), a.ids.length);

  assert.deepEqual(await violations(), [], 'no CSP violations');
  assert.deepEqual(offOrigin(requests, url), [], 'no off-origin requests');
  assert.deepEqual(errors.filter((e) => !/broken\.csv|jinan-nowhere/.test(e)), []);
  await context.close();
});

test('a broken data-src shows the error with line, field and value, and the map keeps working', async () => {
  const { page, context } = await openHost();
  await settled(page, ['c']);
  const message = page.locator('#c .yc-message');
  assert.equal(await message.isVisible(), true);
  const text = await message.innerText();
  assert.match(text, /broken\.csv/);
  assert.match(text, /lon/);
  assert.match(text, /200/);
  assert.equal(await page.getAttribute('#c', 'ready'), '', 'the widget is usable');
  assert.deepEqual(await page.evaluate(() => document.getElementById('c').visibleIds()), []);
  const land = await pixel(page, 'c', 134, -25);
  assert.ok(land && Math.abs(land[0] - 0xd5) <= 3, 'the basemap is drawn');
  const error = await page.evaluate(() => window.events.find((e) => e.type === 'youcheng:error' && e.id === 'c')?.detail);
  assert.ok(error?.report?.errors?.some((e) => e.field === 'lon' && e.value === '200'), JSON.stringify(error));
  // Pointing data-src at good data recovers.
  await page.evaluate(() => document.getElementById('c').setAttribute('data-src', 'my-partners.csv'));
  await page.waitForFunction(() => document.getElementById('c').visibleIds().length === 3);
  // JSON works as data-src too (records with the CSV's column names; sources as a list).
  await page.evaluate(() => document.getElementById('c').setAttribute('data-src', 'my-partners.json'));
  await page.waitForFunction(() => document.getElementById('c').visibleIds().length === 2);
  const d = await page.evaluate(() => document.getElementById('c').details('qingdao-shimonoseki'));
  assert.equal(d.partnerZh, '下关市');
  // Sources are {title, url, remark}: a remark written after a URL (the older form) stays out of the link.
  assert.ok(d.sources.length >= 2 && d.sources.every((s) => /^https?:\/\/\S+$/.test(s.url)), JSON.stringify(d.sources));
  assert.equal(d.sources[2].remark, '(scraped Feb 2026 from en.wikipedia List_of_twin_towns_and_sister_cities_in_*)');
  await context.close();
});

test('attributes change the map at run time; removing an element frees it', async () => {
  const { page, context, errors } = await openHost();
  await settled(page, ['a', 'b']);
  await page.evaluate(() => {
    const a = document.getElementById('a');
    a.city = 'jinan';
    a.lang = 'zh';
  });
  assert.ok((await page.evaluate(() => document.getElementById('a').visibleIds())).every((id) => id.startsWith('jinan-')));
  assert.equal(await page.getAttribute('#a', 'city'), 'jinan', 'properties reflect to attributes');
  assert.match(await page.locator('#a .yc-legend').innerText(), /济南/);
  await page.evaluate(() => document.getElementById('a').setAttribute('controls', 'full'));
  assert.equal(await page.locator('#a .yc-toolbar').isVisible(), true);
  await page.evaluate(() => document.getElementById('a').setAttribute('filter', 'continent=europe'));
  const eu = await page.evaluate(() => document.getElementById('a').getFilter());
  assert.deepEqual(eu.continents, ['europe']);
  // `animate` is an attribute only: the element keeps Element's Web Animations method.
  assert.equal(await page.evaluate(() => document.getElementById('a').animate([{ opacity: 1 }], 10) instanceof Animation), true);

  // Removal: the shadow root is emptied, the handle is gone, events on the window do nothing.
  const removed = await page.evaluate(async () => {
    const a = document.getElementById('a');
    a.remove();
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    window.dispatchEvent(new Event('resize'));
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    return { children: a.shadowRoot.childElementCount, ids: a.visibleIds(), ready: a.hasAttribute('ready') };
  });
  assert.deepEqual(removed, { children: 0, ids: [], ready: false });
  // The other map still works after the first one was freed.
  await page.click('#b .yc-legend-item[data-key="qingdao"]');
  assert.ok((await page.evaluate(() => document.getElementById('b').visibleIds().length)) >= 1);
  // Put back: it starts again.
  await page.evaluate(() => document.querySelector('.content').append(Object.assign(document.createElement('youcheng-map'), { id: 'a2' })));
  await settled(page, ['a2']);
  assert.ok((await page.evaluate(() => document.getElementById('a2').visibleIds().length)) > 250);
  assert.deepEqual(errors.filter((e) => !/broken\.csv|jinan-nowhere/.test(e)), []);
  await context.close();
});

test('embed.html takes the options from its URL and tells the parent its height', async () => {
  const { page, context, violations } = await openHost('youcheng/embed.html?lang=en&city=weifang&controls=minimal&height=500');
  await page.waitForFunction(() => document.body.dataset.youchengReady === 'true');
  assert.ok((await page.evaluate(() => window.youcheng.visibleIds())).every((id) => id.startsWith('weifang-')));
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.deepEqual(await violations(), []);
  await context.close();

  // In an iframe on another page of the same site: the parent hears the height.
  const host = await browser.newContext();
  const p = await host.newPage();
  await p.route('**/portal/frame.html', (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>frame host</title><iframe title="map" src="/youcheng/embed.html?height=480"></iframe>' }));
  await p.addInitScript(() => {
    window.heights = [];
    window.addEventListener('message', (e) => e.data?.type === 'youcheng:height' && window.heights.push(e.data.height));
  });
  await p.goto(new URL('portal/frame.html', url).href);
  await p.waitForFunction(() => window.heights.length > 0, null, { timeout: 30000 });
  const h = await p.evaluate(() => window.heights.at(-1));
  assert.ok(h >= 480 && h < 600, `height ${h}`);
  await host.close();
});

test('axe-core finds no violations on the portal page with three widgets', async () => {
  const { page, context } = await openHost();
  await settled(page, ['a', 'b', 'c']);
  const found = await axe(page);
  assert.equal(found.length, 0, formatAxe(found));
  await context.close();
});

test('the TypeScript definitions declare every public member of the element', async () => {
  const { readFileSync } = await import('node:fs');
  const dts = readFileSync('www/youcheng.d.ts', 'utf8');
  const { page, context } = await openHost();
  await settled(page, ['a']);
  const members = await page.evaluate(() => Object.getOwnPropertyNames(customElements.get('youcheng-map').prototype).filter((n) => n !== 'constructor' && !/Callback$/.test(n)));
  assert.ok(members.length > 20, members.join(','));
  const missing = members.filter((m) => !new RegExp(`^\\s+(readonly\\s+)?${m}[(:?<]`, 'm').test(dts));
  assert.deepEqual(missing, []);
  await context.close();
});

test("a portal's own data makes no coverage claim", async () => {
  const { page, context } = await openHost();
  await settled(page, ['b']);
  const s = await page.evaluate(() => document.getElementById('b').stats());
  assert.equal(s.coverage, null);
  assert.doesNotMatch(await page.locator('#b .yc-summary').innerText(), /官方/);
  await context.close();
});

test("a portal's China-only basemap still takes the world's partners: they are checked against the shipped outlines", async () => {
  const square = { type: 'FeatureCollection', attribution: '底图：测试（仅中国）', features: [{ type: 'Feature', properties: { name: '中国', iso_a2: 'CN' }, geometry: { type: 'Polygon', coordinates: [[[73, 18], [135, 18], [135, 54], [73, 54], [73, 18]]] } }] };
  writeFileSync(`${SITE}/portal/china-only.geojson`, JSON.stringify(square));
  const { page, context, errors } = await openHost();
  await settled(page, ['a']);
  const r = await page.evaluate(async () => {
    const el = document.createElement('youcheng-map');
    el.id = 'cn';
    el.setAttribute('basemap-src', 'china-only.geojson');
    el.setAttribute('basemap-attribution', '底图：测试（仅中国）');
    el.setAttribute('data-src', '/youcheng/data/partnerships.csv');
    document.querySelector('.content').append(el);
    await el.ready;
    return { pairs: el.stats().pairs, error: el.shadowRoot.querySelector('.yc-message').hidden ? '' : el.shadowRoot.querySelector('.yc-message').textContent, attribution: el.attribution };
  });
  const rows = readFileSync('data/partnerships.csv', 'utf8').trim().split('\n').length - 1;
  assert.equal(r.error, '', 'no "lies at sea" refusal');
  assert.equal(r.pairs, rows, 'every shipped pair loads on a China-only map');
  assert.match(r.attribution, /仅中国/, "the portal's attribution goes with its basemap");
  assert.deepEqual(errors.filter((e) => !/broken\.csv|jinan-nowhere/.test(e)), []);
  await context.close();
});
