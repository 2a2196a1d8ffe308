// One map's core and what it has loaded: the basemap (a portal's, else the shipped one), the
// reference tables, the partnerships (shipped, `data-src` or a visitor's file) and, for the shipped
// data, the official totals. It keeps the last good copy of each, so that when the core traps it
// can start a new core and restore them (the element then restores the view state).
import { newCore, guard, CoreTrap, rasterWorker, landWorker, warm } from './core.js';
import { moduleFor } from './shipped-files.js';
import { issueText } from './i18n.js';
import { fileLabel } from './dom.js';
import { coded, DATA_FILES, MAX_DATA_BYTES, MAX_BASEMAP_BYTES, fetchLimited, fetchShipped, prefetchShipped, allowedSource } from './loader.js';
import { failedReport } from './checks.js';
import { loadInSteps } from './steps.js';

/** The largest first data file loaded in one go rather than in steps (see loadData). */
const AT_ONCE_BYTES = 512 * 1024;
/** Above this many pairs the core sends an arcs layer to the raster workers (BUILD_PAIRS in src/web/mod.rs). */
const LARGE_LAYER_PAIRS = 2000;
/** A data file at least this large holds thousands of pairs (the world network's 25,383 pairs are 8.8 MB). */
const LARGE_FILE_BYTES = 1024 * 1024;
/** The tag a list of raster commands that names the workers' arcs by number starts with (src/raster.rs: the view). */
const VIEW_TAG = 4;

const todayUnixDays = () => Math.floor(Date.now() / 86400000);
/** The report of a load a newer one replaced, or whose map went away. */
const cancelled = (name) => ({ ...failedReport(name, 'cancelled', ''), cancelled: true });

export class Session {
  /** The guarded core handle, or null before it is ready and after a trap. */
  map = null;
  /** The report of the last partnerships load. */
  report = null;
  /** Calls from JS into the core so far. */
  boundary = { calls: 0 };
  /** Whether the basemap on screen is the portal's own (its attribution then applies). */
  customBasemap = false;
  /** Whether the origins are the portal's own (`origins-src`) rather than Shandong's. */
  customOrigins = false;
  /**
   * The build of the core the map runs on (core.js): 'lean' until it has to read a portal's file
   * (then `readsFiles()` moves it to 'full'), 'full' from the start when its attributes name one.
   */
  module = 'lean';
  #good = { basemap: null, outlines: null, packed: null, reference: null, data: null, coverage: null, notes: null };
  /** The shipped data is shown without its notes and sources (notes.csv), not fetched yet. */
  #notesWanted = false;
  /** The notes' download and load under way (see notes()). */
  #notes = null;
  /** The move to the full core under way (see readsFiles). */
  #moving = null;
  /** Downloads started by prefetch(), by URL, each taken once by the load that needs it. */
  #early = new Map();
  #panic = null;
  #traps = [];
  #host;
  /** The worker that rasterises large arcs layers (made when the first is sent; see core.js). */
  #raster = rasterWorker((answer) => this.#rasterised(answer));
  /** The worker that draws the land after a view change (made when the first list is sent; see core.js). */
  #land = landWorker((answer) => this.#landDrawn(answer));
  /** The land worker's lists and answers (frameStats().landWorker). */
  landStats = { sent: 0, pictures: 0, failed: 0 };
  /** Answers from the worker, by kind (frameStats().rasterWorker). */
  rasterStats = { images: 0, empty: 0, skipped: 0, failed: 0, byNumber: 0 };

  /**
   * `host`: { canvas, layers (the land and arcs layers' canvases under it), lang(), t(key, vars), attr(name), alive(), emit(type, detail),
   * restore(message, ok, state) — after a trap (a message), or a move to the full core (none,
   * with `state`), the element puts its view state back (and the message),
   * progress(file, progress, ms, done) — a load in steps is this far, redraw() — a frame is wanted,
   * state() — the view state to put back on a new core }.
   */
  constructor(host) {
    this.#host = host;
    this.module = moduleFor(host.attr);
  }

  /**
   * Starts every download the first load() needs at once, while the core compiles: the basemap, the
   * reference tables and the partnerships (the portal's from its attributes, else the shipped files),
   * so that first paint waits for the slowest file rather than for each in turn.
   */
  prefetch() {
    const host = this.#host;
    const own = (attr, limit) => {
      const src = host.attr(attr);
      if (!src) return false;
      try {
        const url = allowedSource(src, host.lang());
        const p = fetchLimited(url, limit);
        p.catch(() => {}); // reported by the load that takes it
        this.#early.set(String(url), p);
      } catch {
        // refused: the load refuses it again and says so
      }
      return true;
    };
    own('basemap-src', MAX_BASEMAP_BYTES);
    own('origins-src', MAX_DATA_BYTES);
    own('data-src', MAX_DATA_BYTES);
    prefetchShipped(host.attr);
    warm(this.module);
  }

  /** A portal's file: the download prefetch() started for it, else a new one. */
  #fetch(url, limit) {
    const key = String(url);
    const early = this.#early.get(key);
    this.#early.delete(key);
    return early ?? fetchLimited(url, limit);
  }

  /** A new core and handle on the host's canvas (at start, and after a trap). */
  async open() {
    let kind, core;
    // Again if the map was moved to the full build meanwhile (a file to read while it started).
    do core = await newCore((message) => (this.#panic = message), (kind = this.module));
    while (kind !== this.module);
    if (!this.#host.alive()) return null;
    this.map = guard(new core.Youcheng(this.#host.canvas, ...this.#host.layers), (error) => this.#recover(error), this.boundary);
    const post = (values, size, cuts) => {
      if (values[0] === VIEW_TAG) this.rasterStats.byNumber++; // a layer naming the workers' arcs
      return this.#raster.post(values, size, cuts);
    };
    // The small module has no exchange with the raster workers (its data makes no large layer).
    this.map.setRasterWorker?.(post, this.#raster.bands, (numbers, k, from, total) => this.#raster.postArcs(numbers, k, from, total));
    this.map.setLandWorker((values, colours, size) => {
      const t = this.#land.post(values, colours, size);
      if (t) this.landStats.sent++;
      return t;
    });
    return this.map;
  }

  /** A worker's answer for a band of a layer the core sent: its pixels on the layer, then (after the last band) a frame. */
  #rasterised({ token, y0, y1, last, rgba, x, y, width, height, empty, skipped, error }) {
    const map = this.map;
    if (!map) return;
    try {
      let wanted;
      if (error) {
        this.rasterStats.failed++;
        wanted = map.arcsImageFailed(token, y0, y1, last); // rasterised by the core itself, and the next ones too
      } else if (empty || skipped) {
        this.rasterStats[skipped ? 'skipped' : 'empty']++; // a skipped list's layer was replaced
        wanted = map.putArcsImage(token, null, 0, 0, last);
      } else {
        this.rasterStats.images++;
        wanted = map.putArcsImage(token, new ImageData(rgba, width, height), x, y, last);
      }
      if (wanted) this.#host.redraw();
    } catch (e) {
      if (!(e instanceof CoreTrap)) throw e;
    }
  }

  /** The land worker's picture (or its failure: the core then draws the land itself), then a frame. */
  #landDrawn({ token, picture, error }) {
    const map = this.map;
    this.landStats[error ? 'failed' : 'pictures']++;
    if (!map) return void picture?.close();
    try {
      if (map.putLand(token, error ? null : picture)) this.#host.redraw();
    } catch (e) {
      if (!(e instanceof CoreTrap)) throw e;
    }
  }

  /** The land worker failed or could not be made (frameStats().landWorker.down). */
  get landDown() {
    return this.#land.down;
  }

  /** The raster workers are reading the map's arcs (idle-time work after new data: frameStats().idlePending). */
  get rasterMakingArcs() {
    return this.#raster.makingArcs;
  }

  /** The raster workers failed or could not be made (frameStats().rasterWorker.down). */
  get rasterDown() {
    return this.#raster.down;
  }

  /** The map is gone: its worker ends. */
  close() {
    this.#raster.close();
    this.#land.close();
  }

  /** Basemap, reference tables, data: returns the errors the map survived (a portal's basemap or data). */
  async load() {
    try {
      const host = this.#host;
      let basemapError = null;
      try {
        await this.loadBasemap();
      } catch (error) {
        basemapError = error; // the portal's basemap failed: fall back to the shipped one, and say so
        if (!host.attr('basemap-src')) throw error;
        await this.loadBasemap({ shippedOnly: true });
      }
      if (!host.attr('origins-src') && !host.attr('data-src') && (await this.loadPacked())) return { basemapError, dataError: null };
      await this.loadReference();
      let dataError = null;
      await this.loadData().catch((e) => (dataError = e));
      return { basemapError, dataError };
    } finally {
      this.#early.clear(); // a download no load took (an attribute changed meanwhile) is not kept
    }
  }

  /**
   * The shipped data pre-validated (shipped.bin, which `make` writes after checking the CSV files:
   * the reference tables and the pairs at once, without parsing and checking them again here) with
   * its official totals → whether it loaded. When it did not (a damaged file, or one another version
   * wrote), the console says why and load() reads the CSV files instead: the same data, slower.
   */
  async loadPacked() {
    let report;
    try {
      const bytes = await fetchShipped(DATA_FILES.packed, MAX_DATA_BYTES);
      report = this.map.loadPacked(DATA_FILES.packed, bytes, todayUnixDays());
      if (report.ok) this.#good = { ...this.#good, packed: bytes, reference: null };
    } catch (e) {
      if (e instanceof CoreTrap) throw e;
      report = failedReport(DATA_FILES.packed, 'fetch', String(e?.message ?? e));
    }
    if (!report.ok) {
      console.warn(`Youcheng: ${report.errors.map((e) => issueText('en', e)).join('; ')}; reading the CSV files instead`);
      return false;
    }
    this.#loaded(report, null); // its pairs come back with shipped.bin, not as a file of their own
    this.customOrigins = false;
    // Its official totals and review date came in it; its notes are wanted (see notes()).
    this.#notesWanted = true;
    return true;
  }

  /** The origins (`origins-src`, else the shipped shandong.csv) with the shipped countries and groups. Throws on errors; the old tables stay. */
  async loadReference() {
    if (!(await this.readsFiles())) return;
    const host = this.#host;
    const src = host.attr('origins-src');
    const url = src ? allowedSource(src, host.lang()) : null;
    const name = url ? fileLabel(url) : DATA_FILES.shandong;
    const reference = await Promise.all([url ? this.#fetch(url, MAX_DATA_BYTES) : fetchShipped(DATA_FILES.shandong), fetchShipped(DATA_FILES.countries), fetchShipped(DATA_FILES.groups)]);
    const ref = this.map.loadReference(...reference, name);
    if (!ref.ok) throw new Error(ref.errors.map((e) => issueText(host.lang(), e)).join('\n'));
    this.#good.reference = [...reference, name];
    this.customOrigins = !!url;
  }

  async loadBasemap({ shippedOnly = false } = {}) {
    const src = shippedOnly ? null : this.#host.attr('basemap-src');
    let bytes;
    if (src) {
      // A portal's JSON (GeoJSON or the compact form), read by the core from its bytes.
      bytes = await this.#fetch(allowedSource(src, this.#host.lang()), MAX_BASEMAP_BYTES);
      if (!(await this.readsFiles())) return;
      this.map.loadBasemap(bytes, false); // throws with a message naming the problem; the old basemap stays
    } else {
      bytes = await this.#shippedBasemap(false);
    }
    this.#good.basemap = bytes;
    this.customBasemap = !!src;
    // Partners are checked against the shipped world outlines, whatever map the portal shows.
    if (src && !this.#good.outlines) this.#good.outlines = await this.#shippedBasemap(true);
  }

  /**
   * Loads the shipped outlines (drawn, or with `outlinesOnly` only to check partners against) →
   * their bytes: basemap.bin (the compact basemap in binary, which `make` writes from basemap.json:
   * read without parsing JSON), or, when it cannot be fetched or read (a damaged file, or one
   * another version wrote), basemap.json, and the console says why.
   */
  async #shippedBasemap(outlinesOnly) {
    try {
      const bytes = await fetchShipped(DATA_FILES.basemap);
      this.map.loadBasemap(bytes, outlinesOnly);
      return bytes;
    } catch (e) {
      if (e instanceof CoreTrap) throw e;
      console.warn(`Youcheng: ${DATA_FILES.basemap}: ${e?.message ?? e}; reading ${DATA_FILES.basemapJson} instead`);
    }
    const bytes = await fetchShipped(DATA_FILES.basemapJson);
    if (!(await this.readsFiles())) return bytes; // the map went away meanwhile
    this.map.loadBasemap(bytes, outlinesOnly);
    return bytes;
  }

  /** The partnerships: the shipped CSV (with its official totals), or `data-src` (CSV or JSON). Throws on errors. */
  async loadData() {
    const host = this.#host;
    const t0 = performance.now();
    const src = host.attr('data-src');
    if (!src && this.customOrigins) throw coded('originsNeedData', {}, host.t('originsNeedData'));
    const url = src ? allowedSource(src, host.lang()) : null;
    const bytes = url ? await this.#fetch(url, MAX_DATA_BYTES) : await fetchShipped(DATA_FILES.partnerships, MAX_DATA_BYTES);
    const name = url ? fileLabel(url) : DATA_FILES.partnerships;
    if (!(await this.readsFiles())) return cancelled(name);
    // The first data of a map, when small (the shipped file is ~300 KB), loads at once: nothing is on
    // screen yet and the steps' yields and frame waits would only delay the first map frame (~120 vs
    // ~55 ms for the shipped file). Later loads, and large files, go in steps with progress.
    const atOnce = !this.report && bytes.length <= AT_ONCE_BYTES;
    const report = atOnce ? this.loadFile(name, bytes) : await this.loadInSteps(name, bytes, false, t0);
    if (report.cancelled) return report; // a newer load took its place
    if (!report.ok) {
      const first = report.errors.slice(0, 5).map((e) => issueText(host.lang(), e)).join('; ');
      throw Object.assign(new Error(`${host.t('dataErrors', { file: name, n: report.errorCount ?? report.errors.length })} ${first}`), { report });
    }
    if (url) return report;
    await this.#shippedExtras();
    return report;
  }

  /**
   * The shipped data is shown from its CSV files (shipped.bin, which carries them, could not be
   * read): its notes are wanted (see notes()), and its official totals and review date are loaded
   * (a portal's own data makes no coverage claim). Without them (a failed download) the map shows
   * the data without the coverage line, and the console says why.
   */
  async #shippedExtras() {
    this.#notesWanted = true; // the shipped pairs come without their notes (and, packed, their sources)
    let files;
    try {
      files = await Promise.all([DATA_FILES.totals, DATA_FILES.about].map((f) => fetchShipped(f)));
    } catch (e) {
      console.warn(`Youcheng: the official totals could not be read (${e?.message ?? e}); the data is shown without them`);
      return;
    }
    if (this.map?.loadCoverage(...files).ok) this.#good.coverage = files;
  }

  /** A partnerships file (CSV in UTF-8, GB18030 or UTF-16, or JSON records when the name ends in .json: the core reads both) → its report, at once. */
  loadFile(name, bytes, validRowsOnly = false) {
    const refused = this.#refuse(name, bytes);
    if (refused) return refused;
    try {
      return this.#loaded(this.map.loadPartnerships(name, bytes, todayUnixDays(), validRowsOnly), { name, bytes, validRowsOnly });
    } catch (e) {
      if (!(e instanceof CoreTrap)) throw e;
      return failedReport(name, 'trap', this.#host.t('recovered', { error: e.message }));
    }
  }

  /**
   * The same in steps between frames (see steps.js), with progress shown and a `youcheng:progress`
   * event per step → a promise of its report (`cancelled: true` when a newer load replaced it).
   * The data shown stays until the new data is complete.
   */
  async loadInSteps(name, bytes, validRowsOnly = false, t0 = performance.now()) {
    const refused = this.#refuse(name, bytes);
    if (refused) return refused;
    // True only with a map (the one there was, or the full one it moved to).
    if (!(await this.readsFiles())) return cancelled(name);
    const host = this.#host;
    // A file this large, or more pairs than the core draws on the main thread (BUILD_PAIRS in
    // src/web/mod.rs): the raster workers start while it loads, not when its first layer is sent
    // (a world network's first frame waited ~50 ms for their start-up).
    if (bytes.length >= LARGE_FILE_BYTES) this.#raster.warm();
    const onProgress = (progress, ms) => {
      if (progress.total > LARGE_LAYER_PAIRS && (progress.phase === 'check' || progress.phase === 'build')) this.#raster.warm();
      host.progress(name, progress, ms);
      host.emit('youcheng:progress', { file: name, ...progress });
    };
    try {
      const map = this.map;
      const wanted = () => host.alive() && this.map === map;
      const status = await loadInSteps(map, { name, bytes, today: todayUnixDays(), validRowsOnly, onProgress, t0, wanted });
      if (status.progress.phase === 'cancelled') return cancelled(name);
      return this.#loaded(status.report, { name, bytes, validRowsOnly });
    } catch (e) {
      if (!(e instanceof CoreTrap)) throw e;
      return failedReport(name, 'trap', host.t('recovered', { error: e.message }));
    } finally {
      host.progress(name, null, 0, true);
    }
  }

  #refuse(name, bytes) {
    if (!this.map) return failedReport(name, 'not-ready', 'the map is not ready');
    if (bytes.length > MAX_DATA_BYTES) return failedReport(name, 'too-large', this.#host.t('tooLarge', { file: name, bytes: bytes.length, limit: MAX_DATA_BYTES }));
    return null;
  }

  /** A load's report; when it loaded, `data` ({name, bytes, validRowsOnly}, or null for shipped.bin's pairs) is what a new core loads again after a trap. */
  #loaded(report, data) {
    this.report = report;
    // New data drops the official totals and notes: only the shipped data is measured against them
    // and has its notes apart (loadData adds them back).
    if (report.ok) {
      this.#good = { ...this.#good, data, coverage: null, notes: null };
      this.#notesWanted = false;
      this.#notes = null;
    }
    return report;
  }

  /** Whether the data shown still waits for its notes (see notes()). */
  get notesWanted() {
    return this.#notesWanted;
  }

  /**
   * The shipped data's notes: `make` ships partnerships.csv without its note columns and the notes
   * with each pair's sources as notes.csv and, read here, notes.bin (the same rows in binary:
   * the small build of the core reads no CSV; shipped.bin has neither), most of the data's bytes,
   * which nothing on the first frame shows. They are fetched
   * and given to the core when first needed (a pair's details, the CSV export) → a promise of
   * whether this call's download put them on the pairs (false when they already were, or the data
   * changed meanwhile). A failed download is tried again on the next call.
   */
  notes() {
    if (!this.#notesWanted) return Promise.resolve(false);
    if (!this.#notes) {
      const map = this.map;
      const p = (this.#notes = fetchShipped(DATA_FILES.notes, MAX_DATA_BYTES).then((bytes) => {
        if (this.#notes !== p) return false; // new data meanwhile
        if (this.map !== map || !map) {
          this.#notes = null; // a new core after a trap: the next call gives it the notes
          return false;
        }
        const report = map.loadNotes(DATA_FILES.notes, bytes);
        if (!report.ok) {
          const host = this.#host, first = report.errors.slice(0, 3).map((e) => issueText(host.lang(), e)).join('; ');
          throw Object.assign(new Error(`${host.t('dataErrors', { file: DATA_FILES.notes, n: report.errorCount ?? report.errors.length })} ${first}`), { report });
        }
        this.#notesWanted = false;
        this.#good.notes = bytes;
        return true;
      }));
      p.catch(() => {
        if (this.#notes === p) this.#notes = null;
      });
    }
    return this.#notes;
  }

  /**
   * Moves the map to the full core when it runs on the small one, which reads none of a portal's
   * files (see `module`): a new core with the last good data and the view state, as after a trap
   * but without a message → false when the map went away meanwhile. Every load of a portal's file,
   * and the fallbacks to the CSV files and basemap.json, come here first.
   */
  readsFiles() {
    // One move, however many loads ask for it meanwhile (each waits for the new core).
    if (this.module === 'full' && !this.#moving) return Promise.resolve(true);
    this.#moving ??= this.#moveToFull().finally(() => (this.#moving = null));
    return this.#moving;
  }

  async #moveToFull() {
    this.module = 'full';
    const old = this.map;
    if (!old) return true; // not open yet: open() makes a full core
    const host = this.#host;
    const state = this.report ? host.state() : null; // none before the first data
    // The old core is dropped whole (its own instance and memory), as after a trap: not freed,
    // so that a call still under way to it finds it.
    this.map = null;
    let map;
    try {
      map = await this.open();
    } catch (e) {
      // The full build could not be fetched or started (offline, a server without it): the map
      // stays on the small one, as it was, and the caller says what failed.
      if (this.map === null) [this.map, this.module] = [old, 'lean'];
      throw e;
    }
    if (!map) return false;
    await this.#restoreGood(map);
    if (state !== null) host.restore(null, true, state);
    return this.map === map;
  }

  /** Loads the last good basemap, data, totals and notes into a new core `map`. */
  async #restoreGood(map) {
    const host = this.#host, good = this.#good;
    if (good.basemap) map.loadBasemap(good.basemap, false);
    if (good.outlines) map.loadBasemap(good.outlines, true);
    // The reference tables (and the shipped data) as last loaded: the CSV files' or shipped.bin's.
    if (good.reference) map.loadReference(...good.reference);
    else if (good.packed) map.loadPacked(DATA_FILES.packed, good.packed, todayUnixDays());
    if (good.data) await loadInSteps(map, { ...good.data, today: todayUnixDays(), onProgress: () => {}, wanted: () => host.alive() && this.map === map });
    // Totals and notes are kept only while the shipped data is shown (new data drops them).
    if (good.coverage) map.loadCoverage(...good.coverage);
    if (good.notes) map.loadNotes(DATA_FILES.notes, good.notes);
  }

  /** The core trapped: tell the portal, start a new core, restore the last good data. */
  async #recover(error) {
    const host = this.#host;
    const message = this.#panic ?? error?.message ?? String(error);
    this.#panic = null;
    this.map = null;
    host.emit('youcheng:error', { message, trap: true });
    const now = Date.now();
    this.#traps = this.#traps.filter((t) => now - t < 10000).concat(now);
    const good = this.#good;
    if (this.#traps.length > 3 || !good.basemap || !(good.reference || good.packed)) return host.restore(message, false);
    try {
      const map = await this.open();
      if (!map) return;
      await this.#restoreGood(map);
      host.restore(message, true);
    } catch (e) {
      this.map = null;
      host.restore(e?.message ?? String(e), false);
    }
  }
}
