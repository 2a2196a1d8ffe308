// <youcheng-map>: the element's lifecycle, attributes and public API (loaded by youcheng.js, the
// entry a page includes); the behaviour lives in the Rust core (one command in, one snapshot out,
// see src/app), and each control is its own module in ui/, built only when `controls` asks for it.
// Nothing from data files is ever parsed as HTML.
import { CoreTrap, warm } from './core.js';
import { pickLanguage, translate } from './i18n.js';
import { fileLabel, Timers } from './dom.js';
import { Session } from './session.js';
import { checkFilter, checkNumbers, toBytes } from './checks.js';
import { reflect, upgradeProperties, validAttribute } from './attributes.js';
import { buildLayout } from './ui/layout.js';
import { wireInput, watchSize } from './ui/input.js';
import { download } from './ui/export.js';
import { coveredRects } from './ui/reveal.js';

/** Pairs of the map's arcs packed for the raster workers per idle-time piece (~2–3 ms at the world network). */
const SHARE_PAIRS = 4000;

// With a portal's own origins (`origins-src`) the controls say "origin", not "Shandong".
const ORIGIN_WORDS = { shandongSide: 'originSide', colour_city: 'colour_origin', col_city: 'col_origin' };

export class YouchengMap extends HTMLElement {
  static observedAttributes = ['lang', 'city', 'filter', 'data-src', 'origins-src', 'basemap-src', 'basemap-attribution', 'theme', 'height', 'animate', 'controls', 'hash', 'flow'];

  /** The core and what it loaded (see session.js). */
  #s = null;
  #lang = 'zh';
  #ui = {};
  #m = {};
  #abort = null;
  #uiAbort = null; // the controls' listeners: aborted when `controls` changes and they are rebuilt
  #frame = 0;
  #drawMs = 0; // time spent drawing frames (frameStats().drawMs)
  #idlePending = false; // idle-time work still to do (frameStats().idlePending)
  #resize = null;
  #timers = new Timers();
  #table = false;
  #snap = null;
  #readyResolve = null;
  /** A pointer event's position on the canvas (CSS px), from the input module. */
  #pointer = null;

  get #map() {
    return this.#s?.map ?? null;
  }

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    /** Resolves with the element when it has loaded; after a failed load too (it then has an `error` attribute). */
    this.ready = new Promise((resolve) => (this.#readyResolve = resolve));
  }

  // ---- lifecycle ----
  connectedCallback() {
    upgradeProperties(this);
    this.#abort = new AbortController();
    this.#lang = pickLanguage(this.getAttribute('lang'), this);
    this.#applyHeight();
    this.#build();
    this.#start().catch((error) => this.#fail(error));
  }

  disconnectedCallback() {
    for (const a of [this.#abort, this.#uiAbort]) a?.abort();
    this.#abort = this.#uiAbort = null;
    this.#ui = {};
    this.#resize?.disconnect();
    this.#resize = null;
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#timers.clear();
    this.#m.timeline?.stop();
    this.#map?.free();
    this.#s?.close();
    this.#s = null;
    this.shadowRoot.replaceChildren();
    this.removeAttribute('ready');
  }

  attributeChangedCallback(name, oldValue, value) {
    if (!validAttribute(name, value)) this.#emit('youcheng:warning', { message: this.#t('badAttribute', { name, value: value.slice(0, 40) }), attribute: name });
    if (name === 'height') return this.#applyHeight();
    if (oldValue === value || !this.#map) return;
    switch (name) {
      case 'lang': this.setLanguage(pickLanguage(value, this)); break;
      case 'city': this.setFilter({ ...this.getFilter(), cities: this.#cityList() }); break;
      case 'filter': this.applyState(value ?? '', { keepView: true }); break;
      case 'data-src': this.#s.loadData().then((r) => r.cancelled || this.#dataLoaded(r), (e) => this.#reportError(e)); break;
      case 'origins-src': this.#s.loadReference().then(() => this.#s.loadData()).then((r) => r.cancelled || this.#dataLoaded(r), (e) => this.#reportError(e)); break;
      case 'basemap-src': this.#s.loadBasemap().then(() => (this.#renderAttribution(), this.#requestDraw()), (e) => this.#reportError(e)); break;
      case 'basemap-attribution': this.#renderAttribution(); break;
      case 'theme': this.#applyTheme(); break;
      case 'controls': this.#rebuild(); break;
      case 'animate': if (this.hasAttribute('animate')) this.play(); break;
      case 'flow': this.#m.flow.update(); break;
      case 'hash':
        if (this.hash) this.#m.hash.listen(this.#abort.signal);
        this.#m.hash.schedule();
        break;
      default: break;
    }
  }

  /** `height`: px or a CSS length, kept within 160–4000 px, through `--yc-height` (an author's own style wins). */
  #applyHeight() {
    const v = (this.getAttribute('height') ?? '').trim();
    if (!v) return this.style.removeProperty('--yc-height');
    const m = /^(\d+(?:\.\d+)?)(px|em|rem|vh|svh|dvh|%)?$/.exec(v);
    if (!m) return this.#emit('youcheng:warning', { message: this.#t('badAttribute', { name: 'height', value: v.slice(0, 40) }), attribute: 'height' });
    this.style.setProperty('--yc-height', `clamp(160px, ${m[1]}${m[2] ?? 'px'}, 4000px)`); // CSSOM, allowed by a strict CSP
  }

  #cityList() { return (this.getAttribute('city') ?? '').split(/[\s,]+/).filter(Boolean); }
  #t(key, vars) { return translate(this.#lang, (this.#s?.customOrigins && ORIGIN_WORDS[key]) || key, vars); }
  #name(zh, en) { return this.#lang === 'zh' ? zh || en : en || zh; }

  // ---- the shadow DOM, one module per control ----
  #build() {
    this.#uiAbort?.abort();
    this.#uiAbort = new AbortController();
    const on = (node, type, fn, opts = {}) => node.addEventListener(type, fn, { signal: this.#uiAbort.signal, ...opts });
    const ctx = {
      el: this,
      on,
      t: (k, v) => this.#t(k, v),
      name: (zh, en) => this.#name(zh, en),
      lang: () => this.#lang,
      snap: () => this.#snap,
      cityName: (key) => {
        const c = this.#snap?.choices.cities.find((x) => x.key === key);
        return c ? this.#name(c.nameZh, c.nameEn) : key;
      },
      send: (cmd, event) => this.#send(cmd, event),
      details: (id) => this.#map?.details(id) ?? null,
      table: () => this.#map?.table() ?? null,
      /** The shipped data's notes and sources are not in yet (see Session.notes). */
      notesPending: () => !!this.#s?.notesWanted,
      later: (fn, ms) => this.#timers.later(fn, ms),
      cancel: (t) => this.#timers.cancel(t),
      emit: (type, detail) => this.#emit(type, detail),
      core: () => this.#map,
      /**
       * A promise of the core with the reports (`renderReport`, `reportSvg`): the small build has
       * none, so a map on it moves to the full build first (once; its view state kept), or null.
       */
      reportCore: async () => {
        const s = this.#s;
        if (s && this.#map && !this.#map.renderReport && !(await s.readsFiles())) return null;
        return this.#map;
      },
      /** The export menu was opened: the full build starts downloading and compiling, if the map will need it. */
      warmReports: () => {
        if (this.#map && !this.#map.renderReport) warm('full');
      },
      fit: () => this.#fit(), drawNow: () => this.#map?.render(), signal: this.#uiAbort.signal,
      announce: (text) => (this.#ui.announce.textContent = text),
      clearSelection: (all) => {
        this.#send({ type: 'clearSelection', all });
        if (all) this.#ui.mapBox.focus({ preventScroll: true });
      },
    };
    const actions = {
      focusMap: () => this.#ui.mapBox.focus(),
      toggleDrawer: (open) => this.#toggleDrawer(open),
      toggleStats: (open) => this.#toggleStats(open),
      togglePlay: () => (this.#m.timeline.playing ? this.pause() : this.play()),
      playing: (playing) => this.#m.toolbar?.setPlaying(playing),
      download: (kind, options) => this.#download(kind, options),
      downloadCsv: async () => {
        await this.#s?.notes().catch((e) => this.#reportError(e)); // the rows go out with their notes
        if (!this.#map) return;
        download(this.shadowRoot, new Blob([this.#map.exportCsv()], { type: 'text/csv;charset=utf-8' }), `youcheng-${new Date().toISOString().slice(0, 10)}.csv`, (fn, ms) => this.#timers.later(fn, ms));
      },
      toggleTheme: () => (this.theme = this.#isDark() ? 'light' : 'dark'),
    };
    ({ ui: this.#ui, m: this.#m } = buildLayout(this.shadowRoot, ctx, actions, this.controls, this.#ui.canvas, this.#ui.layers));
    this.#pointer = wireInput(ctx, this.#ui, this.shadowRoot, () => {
      if (!this.#m.detail.node.hidden) ctx.clearSelection(true);
      else if (this.#m.filters?.node.classList.contains('yc-open')) this.#toggleDrawer(false);
    });
    this.#translateStatic();
    this.#m.legend?.fit(this.clientWidth);
  }

  /** `controls` changed: build the controls it asks for around the same canvas and core. */
  #rebuild() {
    const message = this.#ui.message;
    const table = this.#table;
    this.#m.timeline?.stop();
    this.#build();
    if (message && !message.hidden) this.#showMessage(message.textContent, message.className.replace('yc-message yc-', ''), message.dataset.key || null);
    this.#renderAttribution();
    this.#refresh();
    if (table) this.toggleTable(true);
    this.#requestDraw();
  }

  #translateStatic() {
    const ui = this.#ui, t = (k, v) => this.#t(k, v);
    ui.mapBox.setAttribute('aria-label', t('mapLabel'));
    ui.help.textContent = t('mapHelp');
    ui.zoom.forEach((b, i) => {
      b.title = t(['zoomIn', 'zoomOut', 'resetView'][i]);
      b.setAttribute('aria-label', b.title);
    });
    for (const mod of Object.values(this.#m)) mod?.translate?.(t, { playing: this.#m.timeline?.playing, dark: this.#isDark() });
    if (!ui.message.hidden && ui.message.dataset.key) ui.message.textContent = t(ui.message.dataset.key);
  }

  // ---- loading ----
  async #start() {
    this.#showMessage(this.#t('loading'), 'loading', 'loading');
    const session = (this.#s = new Session({
      canvas: this.#ui.canvas,
      layers: [...this.#ui.layers.querySelectorAll('canvas')],
      lang: () => this.#lang,
      t: (k, v) => this.#t(k, v),
      attr: (name) => this.getAttribute(name),
      alive: () => !!this.#abort && this.#s === session,
      emit: (type, detail) => this.#emit(type, detail),
      restore: (message, ok, state) => this.#restored(message, ok, state),
      state: () => this.stateHash(),
      progress: (file, p, ms, done) => this.#m.progress?.update(file, p, ms, done),
      redraw: () => this.#requestDraw(),
    }));
    session.prefetch();
    if (!(await session.open())) return; // disconnected while loading
    // The language before the data: the core lays a large network out once, at load, not
    // again for it (a world list's layout is tens of ms).
    this.#send({ type: 'setLang', lang: this.#lang }, null, { quiet: true });
    const { basemapError, dataError } = await session.load();
    if (this.#s !== session) return;
    // The map is shown, and has its size, once the stylesheet has arrived (it downloads with
    // the data, so this seldom waits): `ready` means a map drawn at its size. A stylesheet that
    // never answers holds it back 3 s at most.
    await Promise.race([this.#ui.styled, new Promise((r) => setTimeout(r, 3000))]);
    if (this.#s !== session) return;
    if (session.customOrigins) this.#translateStatic(); // "origin" in place of "Shandong"
    this.#applyTheme({ refresh: false }); // the controls are filled in once, below
    this.#send({ type: 'setLang', lang: this.#lang }, null, { quiet: true });
    const cities = this.#cityList();
    if (cities.length) this.#send({ type: 'setFilter', filter: { ...this.#map.snapshot().filter, cities } }, null, { quiet: true });
    if (this.getAttribute('filter')) this.applyState(this.getAttribute('filter'), { quiet: true });
    let linkProblems = [];
    if (this.hash) {
      if (location.hash.length > 1) linkProblems = this.applyState(location.hash, { quiet: true });
      this.#m.hash.listen(this.#abort.signal);
    }
    this.#renderAttribution();
    this.#refresh();
    // Only now, with the legend and the other controls filled in and taking their room, the
    // canvas has its final size: the map is laid out at it once and its first frame drawn at it
    // (measured before, the first frame was drawn for a canvas 43 px taller, then laid out and
    // drawn again a frame later). The layouts until here were at the core's first size, 1 × 1
    // while the stylesheet was loading.
    this.#observeSize();
    this.#m.hash.remember(this.stateHash());
    this.#requestDraw();
    if (linkProblems.length) this.#showMessage(this.#t('linkProblems', { n: linkProblems.length, problems: linkProblems.join('; ') }), 'error');
    else this.#hideMessage();
    if (!dataError) this.#emit('youcheng:data', session.report);
    if (basemapError) this.#reportError(basemapError, 'basemapFallback', { file: fileLabel(this.getAttribute('basemap-src')) });
    if (dataError) this.#reportError(dataError);
    this.toggleAttribute('ready', true);
    this.#emit('youcheng:ready', { pairs: this.#snap.stats.pairs, warnings: session.report?.warnings ?? [] });
    this.#readyResolve(this);
    if (this.hasAttribute('animate')) this.play();
    this.#prepareWhenIdle();
  }

  /**
   * The core refines a large network's first, coarse arcs, makes its hit index, then its search
   * index, after the first frame of new data, in idle time, a piece at a time (a pointer move before the hit index is made looks at the pairs
   * not in it yet one by one; a search before the search index is made makes the rest at once).
   * Each idle callback works at most ~5 ms: a pointer move that comes meanwhile waits for it
   * (at a world network, pieces of 1,000 pairs for as long as the idle period lasted made the
   * first hover after load 48 ms).
   */
  #prepareWhenIdle() {
    const map = this.#map;
    const later = (f) => (window.requestIdleCallback ? requestIdleCallback(f, { timeout: 2000 }) : setTimeout(() => f({ timeRemaining: () => 0 }), 20));
    const step = (deadline) => {
      // A new core (after a trap: a search makes its index at once), or the element was removed.
      if (this.#map !== map || !this.#resize) return void (this.#idlePending = false);
      // Not while the first arcs layer of the data is still being rasterised: the workers have
      // the device's cores then (at a world network, idle pieces beside them delayed it).
      let drawing;
      try {
        drawing = map.arcsPending();
      } catch {
        return void (this.#idlePending = false); // a trap: the new core makes its index on demand
      }
      if (drawing) return void this.#timers.later(() => later(step), 50);
      const t0 = performance.now();
      let r;
      do r = this.#send({ type: 'prepare', pairs: 200 }, null, { quiet: true });
      while (r.pending && performance.now() - t0 < 5 && deadline.timeRemaining() > 5);
      if (r.pending) return void later(step);
      // The small module has no raster workers to share arcs with (its data makes no large layer).
      if (map.shareArcs) later(share);
      else this.#idlePending = false;
    };
    // Then the map's arcs are packed for the raster workers, a few thousand pairs a piece, and
    // sent (later large layers name them by number: see shareArcs).
    const share = (deadline) => {
      if (this.#map !== map || !this.#resize) return void (this.#idlePending = false);
      // At most ~5 ms an idle period, as the search index's pieces: a pointer move that comes
      // meanwhile waits for it.
      const t0 = performance.now();
      let more;
      try {
        do more = map.shareArcs(SHARE_PAIRS);
        while (more && performance.now() - t0 < 5 && deadline.timeRemaining() > 5);
      } catch {
        more = false; // a trap: the new core shares them when its data is in
      }
      if (more) later(share);
      else this.#idlePending = false;
    };
    this.#idlePending = true;
    later(step);
  }

  /**
   * The session has a new core with the old data: after a trap (`message`), put the view state
   * back and say so; after a move to the full core (no message), put `state` back, silently.
   */
  #restored(message, ok, state = this.#m.hash.last) {
    if (!ok) return this.#showMessage(this.#t('recoverFailed', { error: message }), 'error');
    this.#fit();
    this.#applyTheme();
    this.#send({ type: 'setLang', lang: this.#lang }, null, { quiet: true });
    this.applyState(state, { quiet: true });
    this.#renderAttribution();
    this.#requestDraw();
    if (message === null) return;
    this.#showMessage(this.#t('recovered', { error: message }), 'error');
    this.#emit('youcheng:recovered', { message });
  }

  /** New partnerships are on the map: refresh the controls and tell the page. */
  #dataLoaded(report) {
    this.#translateStatic(); // origins-src may have changed the words
    this.#m.tooltip.hide();
    this.#refresh();
    this.#requestDraw();
    this.#prepareWhenIdle();
    this.#emit('youcheng:data', report);
  }

  #fail(error) {
    const key = error?.code === 'noWasm' ? 'noWasm' : null;
    const message = this.#errorText(error);
    this.#showMessage(key ? this.#t(key) : this.#t('loadFailed', { error: message }), 'error', key);
    this.setAttribute('error', message);
    this.#emit('youcheng:error', { message });
    this.#readyResolve(this);
  }

  #errorText(error) {
    return error?.code && error.code !== 'noWasm' ? this.#t(error.code, error.vars) : error?.message ?? String(error);
  }

  /** A failed load shown in the widget (the map keeps what it had), and `youcheng:error`. */
  #reportError(error, key = 'loadFailed', vars = {}) {
    if (error instanceof CoreTrap) return; // the session reports a trap
    const message = this.#errorText(error);
    this.#showMessage(this.#t(key, { ...vars, error: message }), 'error');
    this.#emit('youcheng:error', { message, report: error?.report ?? null });
  }

  #fit() {
    const r = this.#ui.canvas.getBoundingClientRect();
    this.#send({ type: 'resize', width: r.width, height: r.height, dpr: this.#m.print.dpr() });
  }

  #observeSize() {
    this.#resize = watchSize(this.#ui.canvas, this.#abort.signal, () => {
      this.#m.legend?.fit(this.clientWidth); // first: the legend's rows take room from the canvas
      this.#fit();
      this.#m.tooltip.hide(); // it would be clipped or stale in the new frame
      this.#m.filters?.syncToggle();
    }, () => this.#applyTheme());
  }

  #showMessage(text, kind, key = null) {
    const m = this.#ui.message;
    m.textContent = text;
    m.className = `yc-message yc-${kind}`;
    m.dataset.key = key ?? '';
    m.hidden = false;
  }

  #hideMessage() { this.#ui.message.hidden = true; }

  // ---- commands in, changes out ----
  /** Sends one command to the core and acts on what changed; returns the core's response. */
  #send(cmd, event = null, { quiet = false } = {}) {
    const map = this.#map;
    if (!map) return { error: 'not ready' };
    let r;
    try {
      r = map.handle(cmd);
    } catch (e) {
      if (e instanceof CoreTrap) return { error: e.message };
      throw e;
    }
    if (r.error) return r;
    const ui = this.#ui, tip = this.#m.tooltip;
    const p = event && 'clientX' in event ? this.#pointer(event) : null;
    const at = p && [p.x, p.y];
    if (r.handled && event?.cancelable) event.preventDefault();
    ui.canvas.classList.toggle('yc-dragging', r.dragging);
    if (r.redraw) this.#requestDraw();
    if (r.view) this.#m.hash.schedule();
    if (r.hoverChanged) {
      ui.canvas.classList.toggle('yc-pointer', !!r.hover && !r.focusMoved);
      tip.respond(r, event, at);
      this.#emit('youcheng:hover', r.hover ? { kind: r.hover.kind, id: r.hover.id, city: r.hover.city, details: r.hover.details } : null);
    } else if (at && event.type === 'pointermove' && !tip.node.hidden) tip.move(at);
    if (r.dataChanged || r.selectionChanged || r.layoutChanged) this.#refresh(r.dataChanged);
    if (r.selectionChanged && event?.type === 'pointerup') tip.hide();
    if (r.selectionChanged && this.#snap.shown && cmd.type !== 'applyState') this.#reveal();
    if (r.dataChanged && !quiet) {
      this.#m.hash.schedule();
      const s = this.#snap.stats;
      this.#emit('youcheng:filter', { filter: this.#snap.filter, get ids() { return map.visibleIds(); }, stats: { pairs: s.pairs, partnerPlaces: s.partnerPlaces, countries: s.countries, continents: s.continents } });
    }
    if (r.selectionChanged) this.#wantNotes();
    if (r.selectionChanged && !quiet) {
      this.#m.hash.schedule();
      const sel = this.#snap.selection;
      this.#emit('youcheng:select', { ids: sel, id: sel[sel.length - 1] ?? null, get details() { return sel.filter((i) => !i.startsWith('@')).map((i) => map.details(i)); } });
    }
    return r;
  }

  /** A pair's details are shown: the shipped data's notes are fetched now if they are not yet, and shown when they come. */
  #wantNotes() {
    const session = this.#s;
    if (!session?.notesWanted) return;
    session.notes().then((added) => added && this.#s === session && this.#refresh(), (e) => this.#reportError(e));
  }

  /** One snapshot of everything the controls show, rendered by each module; `dataChanged`: the
   *  pairs shown may have changed (a module showing only them, the table, skips the other renders). */
  #refresh(dataChanged = true) {
    if (!this.#map) return;
    const snap = (this.#snap = this.#map.snapshot());
    for (const m of Object.values(this.#m)) m?.render?.(snap, this.shadowRoot.activeElement, dataChanged);
  }

  /** The panel may have opened or moved the canvas: the core pans the selection into sight. */
  #reveal() {
    this.#fit();
    this.#send({ type: 'reveal', covered: coveredRects(this.#ui, this.#m) });
  }

  #requestDraw() {
    // Nothing is drawn before the canvas is measured (#observeSize): the commands of the start
    // ask for frames while the map is still 1 × 1, and such a frame built the land for nothing.
    if (this.#frame || !this.#map || !this.#resize) return;
    this.#frame = requestAnimationFrame((now) => {
      this.#frame = 0;
      const t0 = performance.now();
      if (this.#map?.render(now)) this.#requestDraw(); // the flow asks for the next frame
      this.#drawMs += performance.now() - t0;
    });
  }

  #isDark() { return this.theme === 'dark' || (this.theme === 'auto' && matchMedia('(prefers-color-scheme: dark)').matches); }

  /** The theme's colours to the core; `refresh`: the controls rendered again (the legend shows the palette). */
  #applyTheme({ refresh = true } = {}) {
    this.#m.toolbar?.setDark(this.#isDark());
    if (!this.#map) return;
    const cs = getComputedStyle(this);
    const v = (name) => cs.getPropertyValue(name).trim() || undefined;
    try {
      this.#map.setTheme({ dark: this.#isDark(), ocean: v('--yc-ocean'), land: v('--yc-land'), china: v('--yc-china'), border: v('--yc-border'), originStroke: v('--yc-origin-stroke'), focus: v('--yc-focus'), palette: v('--yc-palette')?.split(/[\s,]+/).filter(Boolean) });
    } catch (error) {
      console.warn(`youcheng-map: ${error.message}`);
    }
    if (refresh && this.#snap) this.#refresh();
    this.#requestDraw();
  }

  #toggleDrawer(open) { this.#m.filters?.toggle(open); }
  #toggleStats(open) { this.#m.stats?.toggle(open, this.#snap); }

  /** The export menu's PNG or SVG as a download; a failure (the full build could not be fetched) is shown, in the UI language. */
  async #download(kind = 'png', options = {}) {
    let blob;
    try {
      blob = kind === 'svg' ? await this.exportSvg() : await this.exportPng(options);
    } catch (e) {
      return this.#reportError(e, 'exportFailed');
    }
    download(this.shadowRoot, blob, `youcheng-${new Date().toISOString().slice(0, 10)}${options.scale > 1 ? `@${options.scale}x` : ''}.${kind}`, (fn, ms) => this.#timers.later(fn, ms));
  }

  #renderAttribution() {
    if (!this.#map) return;
    const own = this.#s?.customBasemap ? this.getAttribute('basemap-attribution') : null;
    this.#m.attribution.set(own || this.#map.attribution);
  }

  #emit(type, detail) { this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true })); }

  // ---- the public API ----
  /** Selects a pair by id (or a Shandong key's fan as `@key`); `null` clears. Returns false for an unknown id. */
  select(id, { pin = false } = {}) {
    if (id !== null && id !== undefined && typeof id !== 'string') throw new TypeError('select(id): id must be a pair id or "@" + a Shandong key (a string), or null');
    return !this.#send({ type: 'select', id: id || null, pin: !!pin }).error;
  }
  selection() { return this.#snap?.selection ?? []; }
  getFilter() { return this.#snap?.filter ?? {}; }
  /** Replaces the filter (fields left out are cleared); redraws and emits youcheng:filter. */
  setFilter(filter) {
    checkFilter(filter);
    this.#send({ type: 'setFilter', filter: { ...filter } });
  }
  setColourBy(mode) {
    const modes = this.#snap?.vocabulary.colourModes; // the core's keys
    if (typeof mode !== 'string' || (modes && !modes.includes(mode))) throw new TypeError(`setColourBy(mode): mode must be one of ${modes?.join(', ') ?? 'the colour modes'}`);
    this.#send({ type: 'setColourBy', colour: mode });
  }
  setLanguage(lang) {
    if (typeof lang !== 'string') throw new TypeError('setLanguage(lang): lang must be "zh" or "en"');
    this.#lang = lang === 'en' ? 'en' : 'zh';
    this.#translateStatic();
    if (this.#map) {
      this.#send({ type: 'setLang', lang: this.#lang });
      this.#refresh();
      this.#renderAttribution();
      this.#m.tooltip.hide();
      this.#m.hash.schedule();
    }
    this.#emit('youcheng:lang', { lang: this.#lang });
  }
  get language() { return this.#lang; }
  get attribution() { return this.#m.attribution?.text ?? ''; }
  /** The state (filter, selection, view, language, colour, table) as a hash string. */
  stateHash() { return this.#map ? this.#map.stateHash(this.#lang, this.#table) : ''; }
  /** Applies a state string (the URL hash form); returns the problems found (the rest is applied). */
  applyState(text, { keepView = false, quiet = false } = {}) {
    if (text !== null && text !== undefined && typeof text !== 'string') throw new TypeError('applyState(text): text must be a string in the URL-state form');
    const r = this.#send({ type: 'applyState', text: text ?? '', keepView }, null, { quiet });
    if (r.lang && r.lang !== this.#lang) this.setLanguage(r.lang);
    if (r.table !== undefined && r.table !== this.#table && (r.table || !keepView)) this.toggleTable(r.table);
    if (r.problems?.length) this.#emit('youcheng:warning', { message: r.problems.join('; '), attribute: 'filter', problems: r.problems });
    return r.problems ?? [];
  }
  toggleTable(open) {
    if (!this.#m.table) return;
    this.#table = this.#m.table.toggle(open ?? !this.#table, this.#snap);
    this.#m.hash.schedule();
  }
  play() { if (this.#map) this.#m.timeline.play(); }
  pause() { this.#m.timeline.pause(); }
  /** The view as a PNG drawn off-screen by the core with title, summary, legend, attribution, date; `{scale}` 1–4 or `{width}` px. */
  exportPng(options) { return this.#m.report.png(options); }
  /** The same report as an SVG (vector, for print). */
  exportSvg() { return this.#m.report.svg(); }
  project(lon, lat) { checkNumbers('project(lon, lat)', { lon, lat }); return this.#map ? this.#map.project(lon, lat) : null; }
  visibleIds() { return this.#map ? this.#map.visibleIds() : []; }
  stats() { return this.#snap?.stats ?? null; }
  legend() { return this.#snap?.legend ?? []; }
  /** The Shandong inset's frame and its cities' targets (CSS px on the canvas), or null when hidden. */
  inset() { return this.#snap?.inset ?? null; }
  /** The names drawn on the map (text and box, CSS px on the canvas) at the last settled view. */
  labels() { return this.#snap?.labels ?? []; }
  details(id) {
    if (typeof id !== 'string') throw new TypeError('details(id): id must be a string');
    return this.#map ? this.#map.details(id) : null;
  }
  /**
   * The shipped data's notes and sources (`notes.csv`), fetched now if they have not come yet: the
   * widget otherwise fetches them when a visitor first opens a pair's details or downloads the
   * list. A promise of whether `details()` carries every note and source (true at once for a
   * portal's own data).
   */
  async loadNotes() {
    const session = this.#s;
    if (!session) return false;
    if (await session.notes()) this.#refresh();
    return !session.notesWanted;
  }
  view() { return this.#map ? this.#map.view() : null; }
  setView(lon, lat, zoom) { checkNumbers('setView(lon, lat, zoom)', { lon, lat, zoom }); this.#send({ type: 'setView', lon, lat, zoom }); }
  resetView() { this.#send({ type: 'resetView' }); }
  /** Flies (jumps under reduced motion) to the visible pairs; false when none has a place. */ fitToVisible() { const fly = this.#m.fly; const r = this.#send({ type: 'fitVisible', animate: !!fly?.animate() }); fly?.start(r); return !r.error; }
  /** Ranked results for `text`, as the search box lists them. */ search(text) { if (typeof text !== 'string') throw new TypeError('search(text): text must be a string'); return this.#send({ type: 'search', text, limit: 8 }).results ?? []; }
  /** The Shandong keys with names, colours and counts. */
  cities() { return this.#snap?.choices.cities ?? []; }
  /** Frames drawn, land-layer renders and reuses, calls into the core so far, and whether a large arcs layer or the land (in its worker) is still being drawn. */
  frameStats() {
    const stats = this.#map?.frameStats() ?? null;
    return stats && { ...stats, coreCalls: this.#s.boundary.calls, drawMs: this.#drawMs, arcsPending: this.#map.arcsPending(), landPending: this.#map.landPending(), idlePending: this.#idlePending || this.#s.rasterMakingArcs, rasterWorker: { ...this.#s.rasterStats, down: this.#s.rasterDown }, landWorker: { ...this.#s.landStats, down: this.#s.landDown } };
  }
  get canvas() { return this.#ui.canvas; }
  /** The map as shown, on a new canvas: the land and arcs layers under `canvas` with what it holds over them (null before the core). */
  picture() { const out = document.createElement('canvas'); return this.#map ? (this.#map.picture(out), out) : null; }
  redraw() { this.#requestDraw(); }
  /** Test hook: makes this map's core panic; it recovers (`youcheng:recovered`). */
  testTrap(message = 'test trap') {
    if (typeof message !== 'string') throw new TypeError('testTrap(message): message must be a string');
    try {
      this.#map?.panicForTest(message);
    } catch (e) {
      if (!(e instanceof CoreTrap)) throw e;
    }
  }
  /**
   * Loads a partnerships file (Uint8Array, ArrayBuffer or string): CSV in UTF-8, GB18030 or UTF-16, or
   * JSON when `name` ends in .json. On errors the map keeps what it shows, unless `validRowsOnly`.
   * `loadCsv` loads at once; `loadFile` in steps between frames, with progress (a promise of the report).
   */
  loadCsv(name, bytes, { validRowsOnly = false } = {}) {
    if (typeof name !== 'string') throw new TypeError('loadCsv(name, bytes): name must be a string');
    const data = toBytes(bytes), s = this.#s;
    // A map on the small core (it reads no file of a portal's) moves to the full one first: the
    // report then comes as a promise.
    if (s && s.module !== 'full') return s.readsFiles().then((ok) => this.#reported(ok && this.#s === s ? s.loadFile(name, data, !!validRowsOnly) : null, name));
    return this.#reported(s ? s.loadFile(name, data, !!validRowsOnly) : null, name);
  }
  async loadFile(name, bytes, { validRowsOnly = false } = {}) {
    if (typeof name !== 'string') throw new TypeError('loadFile(name, bytes): name must be a string');
    return this.#reported(this.#s ? await this.#s.loadInSteps(name, toBytes(bytes), !!validRowsOnly) : null, name);
  }
  #reported(report, file) {
    if (report?.ok) this.#dataLoaded(report);
    return report ?? { ok: false, file, pairs: 0, errors: [], warnings: [], rejected: [] };
  }
}

reflect(YouchengMap);
if (!customElements.get('youcheng-map')) customElements.define('youcheng-map', YouchengMap);
