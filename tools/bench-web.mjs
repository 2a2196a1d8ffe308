// make bench-web: Youcheng against Apache ECharts 6.1 (geo + lines, canvas, no animation, `large`
// mode) on the same pairs, at the shipped size and at the world twin-city network, in the same
// headless Chromium, interleaved, RUNS times each; prints medians and the ratio Youcheng ÷ ECharts
// (< 1: Youcheng faster). Pages: bench/web/. ECharts is a dev dependency loaded only by its page.
import { gzipSync } from 'node:zlib';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from '../tests/page/harness.mjs';
import { startServer } from './serve.mjs';

const RUNS = Number(process.env.RUNS ?? 3);
const SIZES = (process.env.SIZES ?? 'shipped,world').split(',');
if (SIZES.includes('world') && !existsSync('www/data/world/partnerships.csv')) {
  console.error('www/data/world/ is missing: run `make demo-world` once, or `cargo run --release --bin youcheng-data -- world tests/fixtures/world_twin_cities.csv data www/data/world`');
  process.exit(2);
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN; };
const gz = (path) => gzipSync(readFileSync(path), { level: 9 }).length;

/** Bytes a visitor downloads, gzip: the widget's modules, wasm, CSS and data vs echarts.min.js, the GeoJSON and the CSVs. */
function bytes(size) {
  const data = size === 'world' ? ['www/data/world/origins.csv', 'www/data/world/partnerships.csv'] : ['www/data/shandong.csv', 'www/data/partnerships.csv'];
  // The widget reads the shipped data pre-validated (shipped.bin: the reference tables and the
  // pairs) instead of the CSV files ECharts's page is given; a portal's network comes as CSV.
  const ownData = size === 'world' ? ['www/data/countries.csv', 'www/data/groups.csv', ...data] : ['www/data/shipped.bin'];
  // The shipped widget: dist/'s manifest lists its files (wasm, glue, bundled JS, CSS), with both
  // builds of the core, of which a map loads one: the small one for the shipped data, the full one
  // (and the raster workers) for a portal's network.
  const manifest = JSON.parse(readFileSync('dist/manifest.json', 'utf8'));
  const other = new Set(size === 'world' ? manifest.modules.lean : [...manifest.modules.full, ...manifest.widget.files.filter((f) => /^raster-worker/.test(f))]);
  const widget = manifest.widget.files.filter((f) => !other.has(f)).map((f) => join('dist', f));
  const y = [...widget, 'www/data/basemap.bin', ...ownData].reduce((a, p) => a + gz(p), 0);
  const e = ['node_modules/echarts/dist/echarts.min.js', 'node_modules/@surbowl/world-geo-json-zh/world.zh.json', 'www/data/countries.csv', ...data].reduce((a, p) => a + gz(p), 0);
  return [y, e];
}

async function measure(browser, url, lib, size) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${url}bench/web/${lib}.html?size=${size}`);
  await page.waitForFunction(() => window.__bench);
  const first = await page.evaluate(() => window.__bench.ready);
  if (errors.length) throw new Error(`${lib}: ${errors.join('; ')}`);
  const box = await page.evaluate(() => { const r = window.__bench.canvas().getBoundingClientRect(); return { x: r.left, y: r.top, w: r.width, h: r.height }; });
  // Main-thread work (the renderer's TaskDuration, ms): what an operation costs whatever the frame
  // rate; the "to a painted frame" rows also wait for the display's next frame (16.7 ms at 60 Hz).
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const busy = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value * 1000;
  // First pointer move after load: its time to the next painted frame.
  const move = async (x, y) => {
    const t0 = await page.evaluate(() => performance.now());
    await page.mouse.move(box.x + x, box.y + y);
    return page.evaluate(async (t0) => { await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))); return performance.now() - t0; }, t0);
  };
  const firstHover = await move(640, 300);
  // The other operations are measured on a settled page: after the work a library leaves for idle
  // time after load (the widget makes its search index then, a piece per idle callback), which
  // would otherwise land in whichever operation's window it falls in.
  await page.evaluate(() => window.__bench.settled());
  const hovers = [], hoverWork = [];
  for (let k = 0; k < 20; k++) { const b = await busy(); hovers.push(await move(300 + 30 * k, 250 + 8 * k)); hoverWork.push(await busy() - b); }
  const filters = [], views = [], filterWork = [], viewWork = [];
  for (let k = 0; k < 4; k++) { const b = await busy(); filters.push(await page.evaluate(async (k) => { const t = performance.now(); await window.__bench.filter(k % 2 === 0); return performance.now() - t; }, k)); filterWork.push(await busy() - b); }
  const firstHoverAfterFilter = await move(500, 320);
  for (let k = 0; k < 4; k++) { const b = await busy(); views.push(await page.evaluate(async (k) => { const t = performance.now(); await window.__bench.view(k + 1); return performance.now() - t; }, k)); viewWork.push(await busy() - b); }
  // Drag pan: 30 moves; the intervals between animation frames during the drag. Zoomed in first
  // (the view changes' Europe at zoom 4): at the first view the whole world is on the canvas, and
  // the widget (since session 17) lets no drag move any of it off, so a drag there moves nothing.
  await page.evaluate(() => window.__bench.view(1));
  await page.evaluate(() => window.__bench.settled());
  await page.evaluate(() => { window.__stop = (() => { const times = []; let on = true; const tick = (t) => { times.push(t); if (on) requestAnimationFrame(tick); }; requestAnimationFrame(tick); return () => { on = false; return times.slice(1).map((t, k) => t - times[k]); }; })(); });
  await page.mouse.move(box.x + 640, box.y + 360);
  await page.mouse.down();
  const panBusy = await busy();
  for (let k = 1; k <= 30; k++) await page.mouse.move(box.x + 640 - 8 * k, box.y + 360 + 2 * k);
  const panWork = (await busy() - panBusy) / 30;
  await page.mouse.up();
  const pan = await page.evaluate(() => window.__stop());
  const pairs = await page.evaluate(() => window.__bench.pairs());
  await context.close();
  return { first, filter: median(filters), view: median(views), panP50: pct(pan, 0.5), panP95: pct(pan, 0.95), hover: median(hovers), firstHover, firstHoverAfterFilter, filterWork: median(filterWork), viewWork: median(viewWork), hoverWork: median(hoverWork), panWork, pairs };
}

const ROWS = [
  ['first complete frame from navigation', 'first'],
  ['filter change, to a painted frame', 'filter'],
  ['view change, to a painted frame', 'view'],
  ['drag pan: frame interval p50', 'panP50'],
  ['drag pan: frame interval p95', 'panP95'],
  ['hover, per pointer move', 'hover'],
  ['first pointer move after load', 'firstHover'],
  ['first pointer move after a filter change', 'firstHoverAfterFilter'],
  ['filter change: main-thread work', 'filterWork'],
  ['view change: main-thread work', 'viewWork'],
  ['hover: main-thread work per pointer move', 'hoverWork'],
  ['drag pan: main-thread work per pointer move', 'panWork'],
];

const browser = await launch();
const { server, url } = await startServer({ root: '.' });
try {
  for (const size of SIZES) {
    const runs = { youcheng: [], echarts: [] };
    for (let r = 0; r < RUNS; r++) for (const lib of ['youcheng', 'echarts']) runs[lib].push(await measure(browser, url, lib, size));
    const med = (lib, key) => median(runs[lib].map((m) => m[key]));
    console.log(`\n## ${size === 'world' ? 'world twin-city network' : 'shipped data'}: ${runs.youcheng[0].pairs} pairs (ECharts ${runs.echarts[0].pairs}), ${RUNS} interleaved runs, medians in ms\n`);
    console.log('| operation | Youcheng | ECharts | ratio |');
    console.log('|---|---|---|---|');
    for (const [label, key] of ROWS) {
      const y = med('youcheng', key), e = med('echarts', key);
      console.log(`| ${label} | ${y.toFixed(1)} | ${e.toFixed(1)} | ${(y / e).toFixed(2)}× |`);
    }
    const [y, e] = bytes(size);
    console.log(`| bytes shipped, gzip | ${y} | ${e} | ${(y / e).toFixed(2)}× |`);
  }
} finally {
  await browser.close();
  server.close();
}
