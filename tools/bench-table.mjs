// The table view at the world network: node tools/bench-table.mjs [LOADS] [en|zh]
//
// Needs www/data/world/ (`make demo-world` or `make bench-web` converts it once) and a built www/
// (`make build`). Loads embed.html with the world network from www/ LOADS times (default 3), each
// in a fresh browser context, waits for the idle-time work after load, then three times: opens
// the table (`toggleTable(true)`: the main-thread work of that call, the rows made and the first
// page's DOM) and sorts it by country (the click on the column's button, to its return: the sort,
// the DOM and the layout the focus on the button forces), and closes it. Prints the medians (ms)
// and every measurement.
import { launch } from '../tests/page/harness.mjs';
import { startServer } from './serve.mjs';

const [loads = '3', lang = 'en'] = process.argv.slice(2);
const server = await startServer({ root: 'www' });
const browser = await launch();
const out = [];
try {
  for (let i = 0; i < Number(loads); i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(`${server.url}embed.html?lang=${lang}&origins-src=data/world/origins.csv&data-src=data/world/partnerships.csv`);
    await page.waitForFunction(() => document.body.dataset.youchengReady === 'true', null, { timeout: 60000 });
    await page.waitForFunction(() => document.getElementById('map').frameStats().idlePending === false, null, { timeout: 60000 });
    for (let k = 0; k < 3; k++) {
      out.push(await page.evaluate(async () => {
        const m = document.getElementById('map');
        const t0 = performance.now();
        m.toggleTable(true);
        const open = performance.now() - t0;
        const button = m.shadowRoot.querySelector('.yc-table th[data-col="country"] button');
        const t1 = performance.now();
        button.click();
        const sort = performance.now() - t1;
        m.toggleTable(false);
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return [open, sort];
      }));
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.server.close();
}
const median = (i) => { const s = out.map((r) => r[i]).sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)].toFixed(1); };
console.log(`world table (${lang}): open ${median(0)} ms, sort by country ${median(1)} ms (median of ${out.length})`);
console.log(out.map((r) => r.map((v) => v.toFixed(0)).join('/')).join(' '));
