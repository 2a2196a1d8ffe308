// Where a frame's time goes at the world network (bench only, not part of `make test`): opens the
// widget's bench page (bench/web/youcheng.html) in headless Chromium and prints, as medians of
// REPS (and their minimum, the least disturbed by other work on a shared machine): a view change and a filter change split into the core's draw call and the rest up to a
// painted frame (the browser's raster), the main-thread work of each frame of a drag pan and of the
// frame that settles it, and the canvas calls of one arcs-layer redraw (COUNT=1).
// Run after tools/build.sh and the world conversion: `node tools/bench-draw.mjs` (SIZE=shipped too).
import { launch } from '../tests/page/harness.mjs';
import { startServer } from './serve.mjs';

const REPS = Number(process.env.REPS ?? 5);
const SIZE = process.env.SIZE ?? 'world';
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN; };
const max = (xs) => Math.max(...xs);

const browser = await launch();
const { server, url } = await startServer({ root: '.' });
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(String(e)));
  if (process.env.COUNT) {
    await page.addInitScript(() => {
      const c = (window.__calls = {});
      const P = CanvasRenderingContext2D.prototype;
      for (const name of ['lineTo', 'moveTo', 'stroke', 'fill', 'arc', 'quadraticCurveTo', 'bezierCurveTo', 'drawImage', 'rect', 'fillText', 'strokeText']) {
        const f = P[name];
        P[name] = function (...a) { c[name] = (c[name] ?? 0) + 1; return f.apply(this, a); };
      }
    });
  }
  await page.goto(`${url}bench/web/youcheng.html?size=${SIZE}`);
  await page.waitForFunction(() => window.__bench);
  const first = await page.evaluate(() => window.__bench.ready);
  // Chromium's trace stamps each mark with the main thread's CPU time too, which other
  // processes on a busy machine disturb far less than wall time.
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,blink.user_timing', transferMode: 'ReportEvents' });
  const cpu = {}; // probe id -> row name
  // Each frame's work: the draw call (drawMs) and, from the rAF to a task after it, the rest of the frame.
  await page.evaluate(() => {
    const map = document.getElementById('map');
    window.__probe = async (action) => {
      if (window.__calls) for (const k of Object.keys(window.__calls)) delete window.__calls[k];
      const d0 = map.frameStats().drawMs;
      const id = (window.__probes = (window.__probes ?? 0) + 1);
      performance.mark(`probe-${id}-start`);
      const t0 = performance.now();
      await action();
      // Up to the frame that shows the whole picture, and the longest frame on the way.
      let longest = 0;
      do {
        const f0 = performance.now();
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        longest = Math.max(longest, performance.now() - Math.max(f0, t0));
      } while (map.frameStats().arcsPending || map.frameStats().landPending);
      const t1 = performance.now();
      performance.mark(`probe-${id}-end`);
      return { id, total: t1 - t0, longest, draw: map.frameStats().drawMs - d0, calls: { ...(window.__calls ?? {}) } };
    };
  });
  const rows = {};
  const add = (k, v) => (rows[k] ??= []).push(v);
  let calls = null;
  for (let r = 0; r < REPS; r++) {
    for (const [name, k] of [['view', 1], ['view back', 2]]) {
      const m = await page.evaluate((k) => window.__probe(() => { const map = document.getElementById('map'); if (k % 2) map.setView(10, 50, 4); else map.resetView(); }), k);
      add(`${name}: to a painted frame`, m.total); add(`${name}: longest frame`, m.longest); add(`${name}: draw call`, m.draw); cpu[m.id] = `${name}: main-thread CPU`;
      if (k === 2) calls = m.calls;
    }
    for (const on of [true, false]) {
      const m = await page.evaluate((on) => window.__probe(() => document.getElementById('map').setFilter(on ? { continents: ['europe'] } : {})), on);
      add(`filter ${on ? 'on' : 'off'}: to a painted frame`, m.total); add(`filter ${on ? 'on' : 'off'}: longest frame`, m.longest); cpu[m.id] = `filter ${on ? 'on' : 'off'}: main-thread CPU`; add(`filter ${on ? 'on' : 'off'}: draw call`, m.draw);
    }
  }
  // Drag pan: per animation frame, the time from its rAF callback to a task after it (the frame's
  // main-thread work, raster included); the frame after the release settles the view.
  const box = await page.evaluate(() => { const r = document.getElementById('map').canvas.getBoundingClientRect(); return { x: r.left, y: r.top }; });
  for (let r = 0; r < REPS; r++) {
    await page.evaluate(() => {
      const work = []; let on = true;
      const tick = () => { const t = performance.now(); setTimeout(() => work.push(performance.now() - t), 0); if (on) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      window.__stopPan = async () => { on = false; await new Promise((ok) => setTimeout(ok, 50)); return work; };
    });
    await page.mouse.move(box.x + 640, box.y + 360);
    await page.mouse.down();
    for (let k = 1; k <= 30; k++) await page.mouse.move(box.x + 640 + (r % 2 ? 8 : -8) * k, box.y + 360 + 2 * k);
    const during = await page.evaluate(() => window.__stopPan());
    const settle = await page.evaluate(() => window.__probe(() => {}));
    await page.mouse.up();
    const up = await page.evaluate(() => window.__probe(() => new Promise((r) => setTimeout(r, 0))));
    add('pan: frame work, median', median(during)); add('pan: frame work, max', max(during));
    add('pan release: to a painted frame', up.total + settle.total * 0); add('pan release: longest frame', up.longest); cpu[up.id] = 'pan release: main-thread CPU';
  }
  const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.end');
  await done;
  if (process.env.TRACE_OUT) (await import('node:fs')).writeFileSync(process.env.TRACE_OUT, JSON.stringify(events));
  // A mark's `tts` is the main thread's CPU clock: the difference is the CPU time between marks.
  const marks = new Map(events.filter((e) => e.cat === 'blink.user_timing' && e.name.startsWith('probe-')).map((e) => [e.name, e.tts]));
  for (const [id, row] of Object.entries(cpu)) {
    const [a, b] = [marks.get(`probe-${id}-start`), marks.get(`probe-${id}-end`)];
    if (a !== undefined && b !== undefined) add(row, (b - a) / 1000);
  }
  console.log(`\n${SIZE}: first complete frame ${first.toFixed(0)} ms; median and minimum of ${REPS} (ms; the minimum is the least disturbed by other work)\n`);
  for (const [k, v] of Object.entries(rows)) console.log(`${k.padEnd(36)} ${median(v).toFixed(1).padStart(8)} ${Math.min(...v).toFixed(1).padStart(8)}   [${v.map((x) => x.toFixed(0)).join(' ')}]`);
  if (calls && Object.keys(calls).length) console.log('\ncanvas calls of a view change:', JSON.stringify(calls));
  await context.close();
} finally {
  await browser.close();
  server.close();
}
