// The widget under the bench's protocol (see common.js and tools/bench-web.mjs).
import { SIZE, FILES, painted as frame } from './common.js';

const map = document.getElementById('map');
/** The next painted frame that shows the whole picture (a large arcs layer is drawn over several frames, the land after a view change in a worker). */
async function painted() { let s; do (await frame(), (s = map.frameStats())); while (s?.arcsPending || s?.landPending); }
if (SIZE === 'world') {
  map.setAttribute('origins-src', FILES.origins);
  map.setAttribute('data-src', FILES.pairs);
}
window.__bench = {
  ready: new Promise((ok, fail) => {
    map.addEventListener('youcheng:ready', async () => { await painted(); ok(performance.now()); }, { once: true });
    map.addEventListener('youcheng:error', (e) => fail(new Error(e.detail.message)), { once: true });
  }),
  canvas: () => map.canvas,
  pairs: () => map.visibleIds().length,
  /** Resolves once the widget's idle-time work after load (its search index) is done. */
  async settled() { while (map.frameStats()?.idlePending) await new Promise((r) => setTimeout(r, 20)); },
  async filter(on) { map.setFilter(on ? { continents: ['europe'] } : {}); await painted(); },
  async view(k) { if (k % 2) map.setView(10, 50, 4); else map.resetView(); await painted(); },
};
// The widget last, as a portal's page has it: the element already in the page with its attributes.
// The shipped one (dist/, `make dist`: bundled and minified) unless `?widget=www` asks for the
// source modules as `make demo` serves them.
await import(new URLSearchParams(location.search).get('widget') === 'www' ? '/www/youcheng.js' : '/dist/youcheng.js');
