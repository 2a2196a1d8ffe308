// Youcheng widget module: loads the WebAssembly core and the data, draws on a canvas, and
// gives the page a small handle. Plain ES module, no dependencies, same-origin requests only.
import init, { Youcheng } from './pkg/youcheng.js';

let wasmReady = null;

/** Loads the wasm module once per page. */
function loadWasm() {
  wasmReady ??= init({ module_or_path: new URL('./pkg/youcheng_bg.wasm', import.meta.url) });
  return wasmReady;
}

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

const todayUnixDays = () => Math.floor(Date.now() / 86400000);

/**
 * Mounts the map into `container` (an element with a size set by CSS).
 * options.dataBase: URL of the folder holding basemap.json and the CSV files (default ./data/).
 * Resolves to a handle; rejects with an Error whose message says what failed.
 */
export async function mount(container, options = {}) {
  const base = new URL(options.dataBase ?? './data/', import.meta.url);
  const canvas = document.createElement('canvas');
  canvas.className = 'youcheng-canvas';
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', options.label ?? 'Map of Shandong international friendship cities');
  container.append(canvas);

  await loadWasm();
  const file = (name) => fetchBytes(new URL(name, base));
  const [basemap, shandong, countries, groups, partnerships] = await Promise.all(
    ['basemap.json', 'shandong.csv', 'countries.csv', 'groups.csv', 'partnerships.csv'].map(file),
  );
  const map = new Youcheng(canvas);
  map.loadBasemap(new TextDecoder().decode(basemap));
  const reference = map.loadReference(shandong, countries, groups);
  if (!reference.ok) throw new Error(reference.errors.map((e) => e.text).join('\n'));
  const initial = map.loadPartnerships('partnerships.csv', partnerships, todayUnixDays());
  if (!initial.ok) throw new Error(initial.errors.map((e) => e.text).join('\n'));

  // One redraw per animation frame however many changes arrive; nothing runs while idle.
  let frame = 0;
  const requestDraw = () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      map.render();
    });
  };
  const fit = () => {
    const rect = canvas.getBoundingClientRect();
    map.resize(rect.width, rect.height, window.devicePixelRatio || 1);
    requestDraw();
  };
  const resizeObserver = new ResizeObserver(fit);
  resizeObserver.observe(canvas);
  // A change of devicePixelRatio (browser zoom, moving to another screen) needs a new backing store.
  let dprQuery = null;
  const watchDpr = () => {
    dprQuery?.removeEventListener('change', onDpr);
    dprQuery = matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    dprQuery.addEventListener('change', onDpr);
  };
  function onDpr() {
    fit();
    watchDpr();
  }
  watchDpr();
  fit();

  const emit = (type, detail) => container.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  let destroyed = false;

  const handle = {
    /** Where a place is drawn, in CSS px relative to the canvas: {x, y} or null. */
    project: (lon, lat) => map.project(lon, lat),
    visibleIds: () => map.visibleIds(),
    stats: () => map.stats(),
    legend: () => map.legend(),
    getFilter: () => map.getFilter(),
    setFilter(filter) {
      map.setFilter(filter);
      requestDraw();
      emit('youcheng:filter', { filter: map.getFilter(), ids: map.visibleIds() });
    },
    get attribution() {
      return map.attribution;
    },
    /** Loads a partnerships CSV; on errors the map keeps what it shows. Returns the load report. */
    loadCsv(name, bytes) {
      const report = map.loadPartnerships(name, bytes, todayUnixDays());
      if (report.ok) {
        requestDraw();
        emit('youcheng:data', report);
      }
      return report;
    },
    redraw: requestDraw,
    canvas,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      if (frame) cancelAnimationFrame(frame);
      resizeObserver.disconnect();
      dprQuery?.removeEventListener('change', onDpr);
      canvas.remove();
      map.free();
    },
  };
  container.dataset.ready = 'true';
  emit('youcheng:ready', { pairs: initial.pairs, warnings: initial.warnings });
  return handle;
}
