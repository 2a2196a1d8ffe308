// The WebAssembly core, one instance per map. The module is compiled once per page; each map gets
// its own instance (its own memory) through its own copy of the wasm-bindgen glue, so a file that
// exhausts or traps one map's core never reaches another map on the page, and a trapped core can be
// replaced by a fresh one. Calls into a core go through guard(): a trap (a WebAssembly RuntimeError,
// or the glue's "recursive use" error of a handle left borrowed by a trap) is reported once and
// turned into a CoreTrap error, so the element can start a new core and restore what it showed.
// Two builds of the one core (tools/build.sh): 'full' reads a portal's own files (partnerships,
// origins, JSON basemaps); 'lean', ~30 KB gzip smaller, only the shipped data's pre-validated forms. A
// map starts on the module its attributes need (shipped-files.js, moduleFor) and moves to the
// full one when it has to read a file (session.js).
import { moduleFor } from './shipped-files.js';

const MODULES = {
  lean: { glue: './pkg-lean/youcheng.js', wasm: new URL('./pkg-lean/youcheng_bg.wasm', import.meta.url) },
  full: { glue: './pkg/youcheng.js', wasm: new URL('./pkg/youcheng_bg.wasm', import.meta.url) },
};

const compiled = {};
const glues = {};
const instances = { lean: 0, full: 0 };

function compile(kind) {
  const { wasm } = MODULES[kind];
  compiled[kind] ??= (async () => {
    try {
      return await WebAssembly.compileStreaming(fetch(wasm));
    } catch {
      // A server that sends the wrong MIME type: compile from the bytes instead.
      const r = await fetch(wasm);
      if (!r.ok) throw new Error(`${wasm.pathname}: HTTP ${r.status}`);
      return WebAssembly.compile(await r.arrayBuffer());
    }
  })();
  compiled[kind].catch(() => (compiled[kind] = null));
  return compiled[kind];
}

/** The module's glue for its first instance, imported once (the one a preload fetched). */
function firstGlue(kind) {
  glues[kind] ??= import(MODULES[kind].glue);
  glues[kind].catch(() => (glues[kind] = null)); // reported by newCore, which awaits it
  return glues[kind];
}

/** Starts fetching and compiling a module (`kind`: 'lean' or 'full') and its glue, if not yet. */
export function warm(kind) {
  firstGlue(kind).catch(() => {});
  compile(kind).catch(() => {});
}

// Both start as soon as this module is evaluated (the element's script has loaded), for the maps
// already in the page, so the module compiles while the element connects and its data downloads:
// first paint waits for the slowest of them, not their sum.
for (const el of globalThis.document?.querySelectorAll('youcheng-map') ?? []) warm(moduleFor((name) => el.getAttribute(name)));

/**
 * A fresh core of the module `kind`: the glue module's exports (`Youcheng`, …) bound to a new
 * instance. `onPanic(message)` hears the message of a panic in that instance before it traps.
 */
export async function newCore(onPanic, kind = 'full') {
  if (typeof WebAssembly !== 'object') throw Object.assign(new Error('no WebAssembly'), { code: 'noWasm' });
  const n = instances[kind]++;
  // The first map uses the glue as it is (preloadable); later ones import a copy with its own state.
  const [glue, module] = await Promise.all([n === 0 ? firstGlue(kind) : import(`${MODULES[kind].glue}?instance=${n}`), compile(kind)]);
  await glue.default({ module_or_path: module });
  glue.onPanic(onPanic);
  return glue;
}

/**
 * Workers that rasterise large arcs layers off the main thread (raster-worker.js), made when the
 * first layer is sent or, earlier, when `warm()` says one is coming: one per core the device has (the main thread only waits meanwhile), up to four,
 * each taking a band of the image's rows (the bands make the whole image's pixels; see Raster::begin_rows).
 * `bands`: how many. `post(values, [width, height], cuts)` sends a core's list of commands with the rows
 * between the bands (the core cuts them for about equal work) and returns its token, or false when
 * there are no workers (none can be made: an old browser, or a page whose Content-Security-Policy
 * allows no workers; the core then rasterises the list itself). `answer(data)` hears each band's
 * answer: {token, y0, y1, last} with {rgba, x, y, width, height}, {empty: true}, {skipped: true} (a newer
 * list had come) or {error} (an error
 * too for each band a failed worker had); `last` on a list's last answer. `postArcs(numbers, k, from, total)`
 * copies a piece of the map's arcs (numbers `from` on, of `total`) for worker `k` (from 0, one worker
 * after the other, each's pieces in order; lists then name them by number), sends the worker its copy
 * with its last piece, and returns the id it knows them by, or false; `makingArcs` while they read them. `close()` ends them.
 */
export function rasterWorker(answer) {
  const bands = Math.min(4, Math.max(1, navigator.hardwareConcurrency || 2));
  let workers = null;
  let failed = false;
  let token = 0;
  let arcsId = 0;
  /** Workers still reading the arcs last sent (each says when it is done). */
  let makingArcs = 0;
  /** Per worker, the copy of the arcs being filled (see postArcs). */
  const filling = [];
  /** Per token, its bands not answered yet: y0 → [y0, y1]. */
  const pending = new Map();
  const settle = (data) => {
    const left = pending.get(data.token);
    if (!left?.delete(data.y0)) return;
    if (!left.size) pending.delete(data.token);
    answer({ ...data, last: !left.size });
  };
  const stop = () => {
    failed = true;
    makingArcs = 0;
    filling.length = 0;
    for (const w of workers ?? []) w.terminate();
    workers = null;
  };
  /** The workers failed: every band still awaited is answered with the error (the core rasterises it). */
  const fail = (error) => {
    stop();
    for (const [t, left] of [...pending]) for (const [y0, y1] of [...left.values()]) settle({ token: t, y0, y1, error });
  };
  const start = () => {
    workers = Array.from({ length: bands }, () => {
      const w = new Worker(new URL('./raster-worker.js', import.meta.url), { type: 'module' });
      w.onmessage = ({ data }) => {
        if (data.arcsMade === undefined) return settle(data);
        if (data.arcsMade === arcsId) makingArcs = Math.max(0, makingArcs - 1); // an older set's answer counts for nothing
      };
      w.onerror = (e) => (e.preventDefault?.(), fail(e.message || 'worker failed'));
      return w;
    });
    // The full module (raster-worker.js imports its glue): large layers come only from a portal's
    // network, which only the full module reads.
    compile('full').then((module) => workers?.forEach((w) => w.postMessage({ module })), (e) => fail(String(e)));
  };
  return {
    bands,
    /** The workers failed (or none could be made): the core rasterises every layer itself. */
    get down() {
      return failed;
    },
    /** Whether the workers are still reading the arcs last sent (`postArcs`). */
    get makingArcs() {
      return makingArcs > 0;
    },
    /** Makes the workers now if none are (a large layer is coming: the first then waits for no start-up). */
    warm() {
      if (failed || workers) return;
      try {
        start();
      } catch (e) {
        fail(String(e?.message ?? e));
      }
    },
    post(values, [width, height], cuts) {
      if (failed) return false;
      try {
        if (!workers) start();
        const t = ++token;
        const left = new Map();
        const parts = [];
        for (let k = 0; k + 1 < cuts.length; k++) if (cuts[k] < cuts[k + 1]) parts.push([cuts[k], cuts[k + 1]]);
        if (!parts.length) parts.push([0, height]); // an image 0 rows high: one empty answer
        parts.forEach(([y0, y1], k) => {
          const v = k === parts.length - 1 ? values : values.slice();
          left.set(y0, [y0, y1]);
          workers[k % workers.length].postMessage({ token: t, values: v, width, height, y0, y1 }, [v.buffer]);
        });
        pending.set(t, left);
        return t;
      } catch (e) {
        fail(String(e?.message ?? e));
        return false;
      }
    },
    postArcs(numbers, k, from = 0, total = numbers.length) {
      if (failed) return false;
      try {
        if (!workers) start();
        if (k === 0 && from === 0) {
          arcsId++;
          makingArcs = workers.length;
          filling.length = 0; // an earlier set's copies, cut short by new data
        }
        // `numbers` views the core's memory: copied into worker k's own array, piece by piece.
        if (from === 0) filling[k] = new Float64Array(total);
        const all = filling[k];
        if (!all || all.length !== total || from + numbers.length > total) return false;
        all.set(numbers, from);
        if (from + numbers.length === total) {
          filling[k] = null;
          workers[k % workers.length].postMessage({ arcs: arcsId, numbers: all }, [all.buffer]);
        }
        return arcsId;
      } catch (e) {
        fail(String(e?.message ?? e));
        return false;
      }
    },
    close() {
      stop();
      pending.clear();
    },
  };
}

/**
 * The worker that draws the land layer after a view change (land-worker.js), made when the first
 * list is sent. `post(values, colours, [width, height, dpr, cssWidth, cssHeight])` sends the core's list of the land's
 * drawing (Float64Array, handed over) and returns its token, or false when there is no worker
 * (none can be made: an old browser without OffscreenCanvas, or a page whose Content-Security-Policy
 * allows no workers; the core then draws the land itself). `answer(data)` hears {token, picture}
 * (an ImageBitmap) or {token, error} (for every list still awaited when the worker fails or
 * answers one with an error: it is then ended, `down`); lists skipped for a newer one get no
 * answer. `close()` ends it.
 */
export function landWorker(answer) {
  let worker = null, failed = false, token = 0;
  const pending = new Set();
  const fail = (error) => {
    failed = true;
    worker?.terminate();
    worker = null;
    for (const t of [...pending]) (pending.delete(t), answer({ token: t, error }));
  };
  return {
    get down() {
      return failed;
    },
    post(values, colours, size) {
      if (failed || typeof OffscreenCanvas !== 'function') return false;
      try {
        if (!worker) {
          worker = new Worker(new URL('./land-worker.js', import.meta.url), { type: 'module' });
          worker.onmessage = ({ data }) => {
            // A list it could not draw (no 2D OffscreenCanvas in workers, say): no more go to it.
            if (data.error) return fail(data.error);
            if (pending.delete(data.token) && !data.skipped) answer(data);
          };
          worker.onerror = (e) => (e.preventDefault?.(), fail(e.message || 'worker failed'));
        }
        const t = ++token;
        worker.postMessage({ token: t, values, colours, size }, [values.buffer]);
        pending.add(t);
        return t;
      } catch (e) {
        fail(String(e?.message ?? e));
        return false;
      }
    },
    close() {
      pending.clear();
      worker?.terminate();
      worker = null;
    },
  };
}

/** The error a call into a trapped core throws. */
export class CoreTrap extends Error {
  constructor(cause) {
    super(cause?.message ?? String(cause));
    this.name = 'CoreTrap';
    this.cause = cause;
  }
}

const isTrap = (e) => e instanceof WebAssembly.RuntimeError || (e instanceof Error && /recursive use of an object|unsafe aliasing|null pointer passed to rust/.test(e.message));

/**
 * The handle behind a proxy: every call (and getter) that traps calls `onTrap(error)` once and throws a
 * CoreTrap; ordinary errors (bad input, reported by the core) pass through unchanged. `counter.calls`
 * counts the method calls into the core (how often JS crosses the boundary).
 */
export function guard(handle, onTrap, counter = null) {
  let dead = false;
  const fail = (e) => {
    if (!isTrap(e) && !dead) return e;
    if (!dead) {
      dead = true;
      onTrap(e);
    }
    return e instanceof CoreTrap ? e : new CoreTrap(e);
  };
  return new Proxy(handle, {
    get(target, prop) {
      if (dead && prop !== 'free') throw new CoreTrap(new Error('this map core has stopped'));
      let value;
      try {
        value = Reflect.get(target, prop, target);
      } catch (e) {
        throw fail(e);
      }
      if (typeof value !== 'function') return value;
      return (...args) => {
        if (dead && prop === 'free') return undefined; // a trapped instance is dropped whole
        if (counter) counter.calls++;
        try {
          return value.apply(target, args);
        } catch (e) {
          throw fail(e);
        }
      };
    },
  });
}
