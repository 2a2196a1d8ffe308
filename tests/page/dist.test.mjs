// dist/ as a portal would deploy it: built by tools/dist.mjs (here into test-results/dist, so a
// `make dist` output is left alone), served by a plain static server that knows nothing about the
// project (python3 -m http.server), loaded in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch, open, frame } from './harness.mjs';

const OUT = 'test-results/dist';
const HASHED = /\.[0-9a-f]{8}\.[a-z0-9]+$/;
const STABLE = new Set(['index.html', 'embed.html', 'youcheng.js', 'youcheng.d.ts', 'manifest.json']);
let browser, python, url, manifest;

const freePort = () =>
  new Promise((ok, fail) => {
    const s = createServer().once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });

const walk = (dir, base = '') =>
  readdirSync(join(dir, base)).flatMap((n) => {
    const rel = base ? `${base}/${n}` : n;
    return statSync(join(dir, rel)).isDirectory() ? walk(dir, rel) : [rel];
  });

before(async () => {
  execFileSync(process.execPath, ['tools/dist.mjs', 'www', OUT], { stdio: ['ignore', 'ignore', 'inherit'] });
  manifest = JSON.parse(readFileSync(join(OUT, 'manifest.json'), 'utf8'));
  const port = await freePort();
  python = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', OUT], { stdio: 'ignore' });
  url = `http://127.0.0.1:${port}/`;
  for (let i = 0; ; i++) {
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 100) throw new Error('python3 -m http.server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (python && python.exitCode === null) python.kill();
});

test('dist/index.html works from a plain static server; everything but the entry points is hashed', async () => {
  const { page, context, log } = await open(browser, `${url}index.html`);
  await frame(page);
  assert.deepEqual(log.consoleErrors, []);
  assert.deepEqual(log.pageErrors, []);
  assert.deepEqual(log.failed, []);
  assert.ok(log.requests.some((r) => HASHED.test(r) && r.endsWith('.wasm')), 'the hashed wasm module was fetched');
  const origin = new URL(url).origin;
  assert.deepEqual(log.requests.filter((r) => new URL(r).origin !== origin), []);
  const unhashed = log.requests
    .map((r) => new URL(r).pathname.slice(1))
    .filter((p) => p !== 'index.html' && p !== 'youcheng.js' && !HASHED.test(p));
  assert.deepEqual(unhashed, []);
  assert.ok(Number(await page.locator('#map .yc-count[data-count="pairs"]').innerText()) >= 250);
  // Minified and bundled: the element and its controls arrive as one module, not ui/*.js one by
  // one, and the hashed, minified stylesheet styles the widget.
  const paths = log.requests.map((r) => new URL(r).pathname.slice(1));
  assert.deepEqual(paths.filter((p) => p.startsWith('ui/')), []);
  assert.ok(paths.some((p) => /^element\.[0-9a-f]{8}\.js$/.test(p)), paths.join(' '));
  assert.ok(paths.some((p) => /^youcheng\.[0-9a-f]{8}\.css$/.test(p)), paths.join(' '));
  assert.ok(await page.locator('#map .yc-root').isVisible(), 'the styled widget is shown');
  // The stable entry has no static import (its code would wait for them all): it first asks for
  // every module the core imports statically (module preloads) and, for the page's map, the small
  // build of the core (it shows the shipped data): its wasm-bindgen glue (a module preload) and its
  // wasm (a preload), all at once, then imports the core; all were fetched, the wasm once (the
  // core's fetch took the preload's response), and nothing of the full build.
  const stub = readFileSync(join(OUT, 'youcheng.js'), 'utf8');
  const imports = (text) => [...text.matchAll(/import\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']\.\/([^"']+)["']/g)].map((m) => m[1]);
  assert.deepEqual(imports(stub), [], `no static import: ${stub}`);
  const core = manifest.files['youcheng.js'].file;
  assert.ok(stub.includes(`import('./${core}')`), stub);
  const hints = JSON.parse(stub.match(/for\(const\[u,r\]of(\[.*?\]\])\)h\(/)?.[1] ?? '[]');
  const hinted = (rel) => hints.filter(([h]) => h === `./${rel}`).map(([, r]) => r);
  const wanted = imports(readFileSync(join(OUT, core), 'utf8'));
  assert.ok(wanted.length >= 1, wanted.join(' '));
  for (const f of wanted) {
    assert.deepEqual(hinted(f), ['modulepreload'], `youcheng.js preloads the module ${f}: ${stub}`);
    assert.ok(paths.includes(f), `${f} was fetched`);
  }
  // Both builds named in the stub (it preloads the one each map starts on: the portal page's test
  // below); this page (which imports the core itself) fetched the small one's, once.
  for (const f of [...manifest.modules.lean, ...manifest.modules.full]) assert.ok(stub.includes(`"./${f}"`), `the stub names ${f}: ${stub}`);
  const [glue, wasm] = manifest.modules.lean;
  assert.ok(paths.includes(glue), `${glue} was fetched`);
  assert.equal(paths.filter((p) => p === wasm).length, 1, `${wasm} was fetched once: ${paths.join(' ')}`);
  for (const f of manifest.modules.full) assert.ok(!paths.includes(f), `the full build (${f}) is not fetched: ${paths.join(' ')}`);
  await context.close();
});

test('dist/ is minified: no comments in the widget modules, and smaller than www/', () => {
  const element = readFileSync(join(OUT, manifest.files['element.js'].file), 'utf8');
  assert.ok(!/^\s*\/\//m.test(element) && !element.includes('/**'), 'no comments left');
  const raw = (f) => statSync(f).size;
  const js = manifest.widget.files.filter((f) => f.endsWith('.js')).reduce((t, f) => t + raw(join(OUT, f)), 0);
  const pages = new Set(['app.js', 'embed.js', 'file-check.js']);
  const wwwJs = ['pkg/youcheng.js', ...readdirSync('www').filter((f) => f.endsWith('.js') && !pages.has(f)), ...readdirSync('www/ui').map((f) => `ui/${f}`)]
    .reduce((t, f) => t + raw(join('www', f)), 0);
  assert.ok(js < wwwJs * 0.6, `the widget JS in dist/ (${js} B) is well under its www/ modules (${wwwJs} B)`);
  assert.ok(manifest.widget.files.includes(manifest.files['pkg/youcheng_bg.wasm'].file));
  assert.ok(manifest.widget.files.includes(manifest.files['pkg-lean/youcheng_bg.wasm'].file));
});

test('dist/embed.html works from a plain static server', async () => {
  const { page, context, log } = await open(browser, `${url}embed.html`);
  await frame(page);
  assert.deepEqual(log.consoleErrors, []);
  assert.deepEqual(log.pageErrors, []);
  assert.deepEqual(log.failed, []);
  await page.evaluate(() => document.querySelector('youcheng-map').ready);
  assert.ok(await page.locator('youcheng-map .yc-canvas').first().isVisible(), 'the map is drawn');
  // A second map gets its own core through its own copy of the glue (pkg-lean/youcheng.<hash>.js?instance=1:
  // it shows the shipped data, on the small build), named from the bundled chunk's folder.
  const pairs = await page.evaluate(async () => {
    const second = document.createElement('youcheng-map');
    second.style.cssText = 'display:block;width:400px;height:300px';
    document.body.append(second);
    await second.ready;
    return second.shadowRoot?.querySelector('.yc-count[data-count="pairs"]')?.textContent ?? 'ready';
  });
  assert.ok(pairs, 'the second map is ready');
  assert.ok(log.requests.some((r) => /\/pkg-lean\/youcheng\.[0-9a-f]{8}\.js\?instance=1$/.test(r)), log.requests.join(' '));
  assert.deepEqual(log.pageErrors, []);
  assert.deepEqual(log.failed, []);
  await context.close();
});

test('a portal page with the stable youcheng.js: the stub preloads the element, the data its maps fetch and the stylesheet', async () => {
  // A portal's own page (not the demo, which loads the core directly): a map in the markup, then
  // the stub. Before the core has arrived to ask for them, the stub asks for the element's module,
  // the shipped data files this map will fetch and the stylesheet; the page then fetches exactly
  // those data files, each once (the loader's fetch() takes the preload's response).
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname.slice(1)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await context.route(`${url}portal.html`, (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: '<!doctype html><meta charset="utf-8"><youcheng-map id="map" style="display:block;height:500px"></youcheng-map>' +
      '<script type="module">import "./youcheng.js"; const m = document.getElementById("map"); await m.ready; document.body.dataset.done = "1";</script>',
  }));
  await page.goto(`${url}portal.html`);
  await page.waitForFunction(() => document.body.dataset.done === '1', null, { timeout: 30000 });
  const preloads = await page.evaluate(() => [...document.querySelectorAll('link[rel=preload], link[rel=modulepreload]')]
    .map((l) => [new URL(l.href).pathname.slice(1), l.rel, l.as]));
  const has = (file, rel, as) => preloads.some(([h, r, a]) => h === file && r === rel && (as === undefined || a === as));
  assert.ok(has(manifest.files['element.js'].file, 'modulepreload'), JSON.stringify(preloads));
  assert.ok(has(manifest.files['youcheng.css'].file, 'preload', 'style'), JSON.stringify(preloads));
  assert.ok(has(manifest.files['pkg-lean/youcheng_bg.wasm'].file, 'preload', 'fetch'), JSON.stringify(preloads));
  assert.ok(has(manifest.files['pkg-lean/youcheng.js'].file, 'modulepreload'), JSON.stringify(preloads));
  assert.ok(!has(manifest.files['pkg/youcheng_bg.wasm'].file, 'preload', 'fetch'), 'not the full build: this map reads no file of its own');
  for (const f of manifest.modules.lean) assert.equal(requests.filter((p) => p === f).length, 1, `${f} was fetched once: ${requests.join(' ')}`);
  for (const f of manifest.modules.full) assert.ok(!requests.includes(f), `${f} was not fetched: ${requests.join(' ')}`);
  const preloadedData = preloads.filter(([h]) => h.startsWith('data/')).map(([h]) => h).sort();
  const fetchedData = [...new Set(requests.filter((p) => p.startsWith('data/')))].sort();
  assert.deepEqual(preloadedData, fetchedData);
  for (const f of ['data/shipped.bin', 'data/basemap.bin']) assert.ok(fetchedData.includes(manifest.files[f].file), fetchedData.join(' '));
  for (const f of [...fetchedData, manifest.files['element.js'].file]) {
    assert.equal(requests.filter((p) => p === f).length, 1, `${f} was fetched once: ${requests.join(' ')}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("a portal page with its own data file: the stub preloads it with the widget's files, the map fetches it once, and a file on another origin is neither preloaded nor fetched", async () => {
  // Without the preload the portal's file was asked for only once the element had loaded and
  // connected (world network over a 150 ms round trip: 2,786 -> 2,620 ms to the first frame).
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await context.route('https://elsewhere.example/**', (route) => route.abort());
  await context.route(`${url}own-pairs.csv`, (route) => route.fulfill({
    contentType: 'text/csv; charset=utf-8',
    body: readFileSync('www/data/partnerships.csv'),
  }));
  await context.route(`${url}portal-own.html`, (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: '<!doctype html><meta charset="utf-8">' +
      '<youcheng-map id="own" data-src="own-pairs.csv" style="display:block;height:400px"></youcheng-map>' +
      '<youcheng-map id="far" data-src="https://elsewhere.example/pairs.csv" style="display:block;height:300px"></youcheng-map>' +
      '<script type="module">import "./youcheng.js"; const m = document.getElementById("own"); await m.ready; document.body.dataset.done = "1";</script>',
  }));
  await page.goto(`${url}portal-own.html`);
  await page.waitForFunction(() => document.body.dataset.done === '1', null, { timeout: 30000 });
  const preloads = await page.evaluate(() => [...document.querySelectorAll('link[rel=preload]')].map((l) => [l.href, l.as, l.crossOrigin]));
  assert.ok(preloads.some(([h, as, co]) => h === `${url}own-pairs.csv` && as === 'fetch' && co === 'anonymous'), JSON.stringify(preloads));
  assert.ok(!preloads.some(([h]) => h.includes('elsewhere.example')), JSON.stringify(preloads));
  assert.equal(requests.filter((r) => r === `${url}own-pairs.csv`).length, 1, requests.join(' '));
  assert.ok(!requests.some((r) => r.includes('elsewhere.example')), requests.join(' '));
  // The map shows the portal's file (its pairs), and the other map says why it refused its file.
  const counts = await page.evaluate(() => document.getElementById('own').visibleIds().length);
  assert.ok(counts > 300, `the portal's pairs are shown: ${counts}`);
  await page.waitForFunction(() => /elsewhere\.example/.test(document.getElementById('far').shadowRoot?.textContent ?? ''), null, { timeout: 20000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the stable dist/youcheng.js re-exports the hashed widget module', async () => {
  const { page, context } = await open(browser, `${url}index.html`);
  const exported = await page.evaluate(async () => Object.keys(await import('./youcheng.js')).sort());
  assert.ok(exported.includes('YouchengMap'), exported.join(','));
  const stub = readFileSync(join(OUT, 'youcheng.js'), 'utf8');
  const core = manifest.files['youcheng.js'].file;
  assert.match(core, /^youcheng-core\.[0-9a-f]{8}\.js$/);
  assert.ok(stub.includes(`const core=import('./${core}');`) && stub.includes('export const { YouchengMap } = await core;'), stub);
  // Small (it is fetched uncached on every page view): since session 16 it also names the data
  // files and the element's module, which it preloads (~1.4 KB, ~0.8 KB gzip), and since session
  // 17 both builds of the core, of which it preloads the one each map on the page starts on (~1.8 KB).
  // Since session 24 it also has the rule for a portal's own files it preloads (~0.6 KB).
  assert.ok(stub.length < 2500, `the stub is small (${stub.length} bytes)`);
  await context.close();
});

test('manifest.json lists exactly the files in dist/, with their sizes', () => {
  const listed = new Set();
  for (const [orig, { file, raw, gzip }] of Object.entries(manifest.files)) {
    assert.ok(existsSync(join(OUT, file)), `${orig} → ${file} exists`);
    const bytes = readFileSync(join(OUT, file));
    assert.equal(raw, bytes.length, file);
    assert.equal(gzip, gzipSync(bytes, { level: 9 }).length, file);
    assert.ok(STABLE.has(file) || HASHED.test(file), `${file} is hashed or a stable entry point`);
    listed.add(file);
  }
  assert.deepEqual(walk(OUT).filter((f) => f !== 'manifest.json').sort(), [...listed].sort());
  assert.deepEqual(walk(OUT).filter((f) => f !== 'youcheng.d.ts' && /(\.d\.ts|(^|\/)package\.json)$/.test(f)), [], 'no build junk');
});

test('no file in dist/ references an original (unhashed) asset name', () => {
  const originals = Object.entries(manifest.files)
    .filter(([orig, { file }]) => orig !== file && !orig.endsWith('(stub)'))
    .map(([orig]) => orig);
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const problems = [];
  for (const file of walk(OUT).filter((f) => /\.(m?js|html|css|svg)$/.test(f))) {
    const text = readFileSync(join(OUT, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|<!--[\s\S]*?-->/g, '');
    for (const orig of originals) {
      // As written from this file's folder, from the root, or (data files and same-folder files) as a bare name.
      const names = new Set([orig, posix.relative(posix.dirname(file), orig), posix.basename(orig)]);
      for (const name of names) {
        const re = new RegExp(`(["'\`(=])(\\./)?${escape(name)}([?#"'\`)\\s>])`);
        if (re.test(text)) problems.push(`${file} names ${name}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});
