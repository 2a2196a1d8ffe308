// Hostile input: what a broken or malicious file, link or script call does to the widget. Every file
// is generated here. A host page holds two maps (#a gets the attacks, #b must not notice) under the
// strict CSP; the server records every request. For each attack: the message in the UI language,
// the previous map intact, the other map unaffected, no CSP violation, the longest main-thread stall
// printed (a requestAnimationFrame monitor).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { launch } from './harness.mjs';
import { startServer } from '../../tools/serve.mjs';
import { STRICT_CSP, watchCsp, recordRequests, offOrigin } from './util.mjs';

const SITE = 'test-results/hostile-site';
const HEADER = 'id,shandong_city,partner_en,partner_zh,country,partner_level,relation,established,lon,lat,coord_source,sources,note';
let browser, server, url;

function write(name, text) {
  writeFileSync(`${SITE}/h/${name}`, text);
}

before(async () => {
  rmSync(SITE, { recursive: true, force: true });
  mkdirSync(`${SITE}/h`, { recursive: true });
  cpSync('www', `${SITE}/youcheng`, { recursive: true });
  write('host.html', `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>hostile</title>
<script type="module" src="/youcheng/youcheng.js"></script><script type="module" src="host.js"></script></head>
<body><youcheng-map id="a" lang="zh" height="420"></youcheng-map><youcheng-map id="b" lang="en" height="420"></youcheng-map></body></html>`);
  // The monitor: the longest gap between animation frames since the last reset (a stalled page shows as a long gap).
  write('host.js', `let last = performance.now(); window.__gap = 0;
const tick = (t) => { window.__gap = Math.max(window.__gap, t - last); last = t; requestAnimationFrame(tick); };
requestAnimationFrame(tick);
window.__events = [];
for (const id of ['a', 'b']) for (const type of ['youcheng:error', 'youcheng:recovered', 'youcheng:warning', 'youcheng:data'])
  document.getElementById(id).addEventListener(type, (e) => window.__events.push({ id, type, message: e.detail?.message ?? null, trap: !!e.detail?.trap }));`);
  // 1. ~10 MB of trivially bad rows (every field wrong: ~6 problems a row).
  const bad = ['id,shandong_city,partner_en,country,lon,lat,sources'];
  const row = (i) => `Bad Id ${i},nowhere${i},,ZZ,999,abc,`;
  let size = bad[0].length;
  for (let i = 0; size < 10 * 1024 * 1024; i++) {
    const r = row(i);
    bad.push(r);
    size += r.length + 1;
  }
  write('all-errors.csv', bad.join('\n'));
  // 2. 100,000 valid rows (a real pair repeated with distinct ids).
  const valid = [HEADER];
  for (let i = 0; i < 100000; i++) valid.push(`qingdao-test-${i},qingdao,Shimonoseki ${i},下关市,JP,city,friendship,1979,130.94,33.95,geonames:1852442,https://example.org,`);
  write('100k.csv', valid.join('\n'));
  // 3. A file larger than the byte limit.
  write('huge.csv', `${HEADER}\n${'x'.repeat(17 * 1024 * 1024)}`);
  // 4. JSON whose records each have a different key (once one CSV column per key).
  write('distinct-keys.json', JSON.stringify(Array.from({ length: 3000 }, (_, i) => ({ [`k${i}`]: i, id: `x-${i}` }))));
  // 5. A basemap ring that winds round the globe many times, every coordinate in range.
  const ring = [];
  for (let i = 0; i < 20000; i++) ring.push([((i * 50) % 360) - 180, 10 + (i % 7)]);
  ring.push(ring[0]);
  write('winding.geojson', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'w', iso_a2: 'CN' }, geometry: { type: 'Polygon', coordinates: [ring] } }] }));
  ({ server, url } = await startServer({ root: SITE, headers: { 'Content-Security-Policy': STRICT_CSP } }));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

async function openHost() {
  const context = await browser.newContext({ viewport: { width: 1100, height: 1000 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const violations = await watchCsp(page);
  const requests = recordRequests(page);
  await page.goto(new URL('h/host.html', url).href);
  await page.waitForFunction(() => ['a', 'b'].every((id) => document.getElementById(id).hasAttribute('ready')), null, { timeout: 30000 });
  return { page, context, errors, violations, requests };
}

const state = (page) =>
  page.evaluate(() => Object.fromEntries(['a', 'b'].map((id) => {
    const el = document.getElementById(id);
    return [id, { pairs: el.stats().pairs, visible: el.visibleIds().length, message: el.shadowRoot.querySelector('.yc-message').hidden ? '' : el.shadowRoot.querySelector('.yc-message').textContent }];
  })));

/** Sets an attribute on #a, waits for the error event, returns the event, the time taken and the longest frame gap. */
async function attack(page, attribute, value) {
  return page.evaluate(([attribute, value]) => new Promise((resolve) => {
    const el = document.getElementById('a');
    const t0 = performance.now();
    window.__gap = 0;
    el.addEventListener('youcheng:error', (e) => {
      const ms = performance.now() - t0;
      // The gap of a stall shows in the frame after it.
      requestAnimationFrame(() => requestAnimationFrame(() => resolve({ message: e.detail.message, ms, gap: window.__gap })));
    }, { once: true });
    el.setAttribute(attribute, value);
  }), [attribute, value]);
}

test('hostile data files are answered with the limit or problem named, the map and its neighbour intact', async () => {
  const { page, context, errors, violations, requests } = await openHost();
  const before = await state(page);
  assert.ok(before.a.pairs > 300 && before.b.pairs === before.a.pairs);

  const allErrors = await attack(page, 'data-src', 'all-errors.csv');
  console.log(`10 MB all-errors file: answered in ${allErrors.ms.toFixed(0)} ms, longest frame gap ${allErrors.gap.toFixed(0)} ms`);
  assert.ok(allErrors.ms < 3000, `answered within 3 s (${allErrors.ms} ms)`);
  assert.match(allErrors.message, /上限 50000 行/, 'the row limit is named, in Chinese');
  let now = await state(page);
  assert.match(now.a.message, /all-errors\.csv/, 'the message names the file');
  assert.match(now.a.message, /错误/, 'in the UI language (zh)');
  assert.deepEqual([now.a.pairs, now.b.pairs], [before.a.pairs, before.b.pairs], 'both maps keep their data');

  const rows = await attack(page, 'data-src', '100k.csv');
  console.log(`100,000-row file: answered in ${rows.ms.toFixed(0)} ms, longest frame gap ${rows.gap.toFixed(0)} ms`);
  assert.ok(rows.ms < 10000, `answered within 10 s (${rows.ms} ms)`);
  assert.match(rows.message, /第 50002 行：数据行超过上限 50000 行/, 'refused with the row limit named, in the UI language');

  const huge = await attack(page, 'data-src', 'huge.csv');
  assert.match(huge.message, /16777216/, `the byte limit is named: ${huge.message}`);
  assert.ok(huge.ms < 3000, `refused before reading it all (${huge.ms} ms)`);

  const json = await attack(page, 'data-src', 'distinct-keys.json');
  console.log(`JSON with 3,000 distinct keys: answered in ${json.ms.toFixed(0)} ms`);
  assert.ok(json.ms < 3000, `JSON with distinct keys answered quickly (${json.ms} ms)`);

  const off = await attack(page, 'data-src', 'data:text/csv,id%0Ax');
  assert.match(off.message, /只接受本站/, `a data: URL is refused, in Chinese: ${off.message}`);

  const winding = await attack(page, 'basemap-src', 'winding.geojson');
  console.log(`winding basemap ring: answered in ${winding.ms.toFixed(0)} ms`);
  assert.match(winding.message, /winds/, `the winding ring is named: ${winding.message}`);
  assert.ok(winding.ms < 3000);
  // The attribution's full text (its compact line is in each map's own language).
  const attributions = await page.evaluate(() => ['a', 'b'].map((id) => document.getElementById(id).attribution));
  assert.equal(attributions[0], attributions[1], 'the shipped basemap and its attribution stay');
  assert.match(attributions[1], /GS\(2023\)2767/);

  now = await state(page);
  assert.deepEqual([now.a.pairs, now.b.pairs], [before.a.pairs, before.b.pairs], 'both maps still show their data');
  assert.equal(now.b.message, '', 'map b shows no message');
  // Both maps still answer a visitor.
  const works = await page.evaluate(() => ['a', 'b'].map((id) => {
    const el = document.getElementById(id);
    el.setFilter({ cities: ['weifang'] });
    return el.visibleIds().length;
  }));
  assert.ok(works.every((n) => n > 5), `filtering works on both maps: ${works}`);
  assert.deepEqual(await violations(), [], 'no CSP violation');
  assert.deepEqual(offOrigin(requests, url), [], 'no off-origin request');
  assert.deepEqual(errors, [], 'no uncaught error');
  await context.close();
});

test('wrong argument types get a TypeError, never a trap, and the map keeps working', async () => {
  const { page, context, errors } = await openHost();
  const results = await page.evaluate(() => {
    const el = document.getElementById('a');
    const tryIt = (f) => {
      try {
        f();
        return 'no error';
      } catch (e) {
        return `${e.name}: ${e.message}`;
      }
    };
    return {
      select123: tryIt(() => el.select(123)),
      selectObj: tryIt(() => el.select({})),
      applyState: tryIt(() => el.applyState(123)),
      loadCsv: tryIt(() => el.loadCsv('x.csv', { length: 4e9 })),
      setFilter: tryIt(() => el.setFilter({ cities: 5 })),
      setView: tryIt(() => el.setView('a', 1, 2)),
      details: tryIt(() => el.details(7)),
      colour: tryIt(() => el.setColourBy('rainbow')),
      search: tryIt(() => el.search(42)),
      after: el.select('qingdao-shimonoseki'),
      pairs: el.stats().pairs,
    };
  });
  for (const k of ['select123', 'selectObj', 'applyState', 'loadCsv', 'setFilter', 'setView', 'details', 'colour', 'search']) assert.match(results[k], /^TypeError: /, `${k}: ${results[k]}`);
  assert.match(results.setFilter, /filter\.cities/, 'the field is named');
  assert.equal(results.after, true, 'the map still selects');
  assert.ok(results.pairs > 300);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a trapped core is replaced: the same data and state come back, the error event carries the panic message, the other map is untouched', async () => {
  const { page, context } = await openHost();
  await page.evaluate(() => {
    const el = document.getElementById('a');
    el.setFilter({ cities: ['weifang'] });
    el.select('weifang-hyuga');
  });
  await page.waitForTimeout(400); // the state is remembered once a change settles
  await page.evaluate(() => (window.__events = []));
  const before = await page.evaluate(() => ({ ids: document.getElementById('a').visibleIds(), sel: document.getElementById('a').selection() }));
  const recovered = page.evaluate(() => new Promise((ok) => document.getElementById('a').addEventListener('youcheng:recovered', (e) => ok(e.detail.message), { once: true })));
  await page.evaluate(() => document.getElementById('a').testTrap('deliberate test panic'));
  const message = await recovered;
  assert.match(message, /deliberate test panic/);
  const events = await page.evaluate(() => window.__events);
  const trap = events.find((e) => e.type === 'youcheng:error' && e.trap);
  assert.ok(trap, 'youcheng:error with trap: true');
  assert.match(trap.message, /deliberate test panic/, 'the panic message reached the event');
  assert.equal(events.filter((e) => e.id === 'b').length, 0, 'map b heard nothing');
  const after = await page.evaluate(() => ({ ids: document.getElementById('a').visibleIds(), sel: document.getElementById('a').selection(), text: document.querySelector('#a').shadowRoot.querySelector('.yc-message').textContent }));
  assert.deepEqual(after.ids, before.ids, 'the same filtered pairs');
  assert.deepEqual(after.sel, before.sel, 'the same selection');
  assert.match(after.text, /已重新启动/, 'the visitor is told, in Chinese');
  // The new core works: hover a pair and read it.
  const d = await page.evaluate(() => document.getElementById('a').details('qingdao-shimonoseki'));
  assert.equal(d.partnerZh, '下关市');
  assert.ok(await page.evaluate(() => document.getElementById('b').select('qingdao-shimonoseki')), 'map b still works');
  await context.close();
});

test('a bad height attribute is ignored with a warning, a huge one is clamped', async () => {
  const { page, context } = await openHost();
  const r = await page.evaluate(async () => {
    const el = document.getElementById('a');
    el.setAttribute('height', '1e9px');
    const ignored = el.getBoundingClientRect().height;
    el.setAttribute('height', '100000');
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    await new Promise((ok) => setTimeout(ok, 100));
    return { ignored, clamped: el.getBoundingClientRect().height, canvas: el.canvas.height, warnings: window.__events.filter((e) => e.type === 'youcheng:warning').map((e) => e.message) };
  });
  assert.equal(Math.round(r.ignored), 420, '1e9px is not a height: the old one stays');
  assert.match(r.warnings[0] ?? '', /height/);
  assert.ok(r.clamped <= 4000, `clamped to 4000 px (${r.clamped})`);
  assert.ok(r.canvas <= 8192, `backing store capped (${r.canvas})`);
  // Other attributes with values the widget does not understand are ignored, with a warning each.
  const w = await page.evaluate(() => {
    const el = document.getElementById('a');
    window.__events = [];
    el.setAttribute('theme', 'purple');
    el.setAttribute('controls', 'bogus');
    el.setAttribute('filter', 'rel=sister&from=abc');
    return { warnings: window.__events.filter((e) => e.type === 'youcheng:warning').map((e) => e.message), pairs: el.stats().pairs };
  });
  assert.equal(w.warnings.length, 3, w.warnings.join(' | '));
  assert.match(w.warnings[0], /theme.*purple/);
  assert.match(w.warnings[2], /sister/);
  assert.ok(w.pairs > 300, 'the map still shows its data');
  await context.close();
});
