// Two builds' first frames, interleaved: node tools/ab-first.mjs DIR_A DIR_B [LOADS] [SIZE]
//
// Each DIR holds a built copy of the repository's bench/, dist/ and www/ (after `make dist`, and for
// SIZE=world after `make bench-web` has converted the world network once), e.g.
//   make dist && mkdir -p /tmp/a && cp -r bench dist www /tmp/a    (then change, rebuild, copy to /tmp/b)
// It loads the bench page (bench/web/youcheng.html, the shipped dist/ widget) from each in turn, A B
// then B A, LOADS times each (default 9), each load in a fresh browser context, and prints the
// median and every load's first complete frame from navigation (ms), as `make bench-web` reads it.
import { launch } from '../tests/page/harness.mjs';
import { startServer } from './serve.mjs';

const [dirA, dirB, loads = '9', size = 'shipped'] = process.argv.slice(2);
if (!dirA || !dirB) {
  console.error('usage: node tools/ab-first.mjs DIR_A DIR_B [LOADS] [shipped|world]');
  process.exit(2);
}
const servers = { A: await startServer({ root: dirA }), B: await startServer({ root: dirB }) };
const browser = await launch();
const times = { A: [], B: [] };
try {
  for (let i = 0; i < Number(loads); i++) {
    for (const k of i % 2 ? ['B', 'A'] : ['A', 'B']) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      await page.goto(`${servers[k].url}bench/web/youcheng.html?size=${size}`);
      await page.waitForFunction(() => window.__bench);
      times[k].push(await page.evaluate(() => window.__bench.ready));
      await context.close();
    }
  }
} finally {
  await browser.close();
  for (const s of Object.values(servers)) s.server.close();
}
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
for (const k of ['A', 'B']) console.log(`${k} ${k === 'A' ? dirA : dirB}: median ${median(times[k]).toFixed(0)} ms (${times[k].map((v) => v.toFixed(0)).join(' ')})`);
