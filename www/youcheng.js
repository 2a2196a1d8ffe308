// <youcheng-map>: the Youcheng widget as one custom element. This file is the element's lifecycle,
// attributes and public API; the behaviour lives in the Rust core (one command in, one snapshot
// out, see src/app), and each control is its own module in ui/, built only when `controls` asks
// for it. Nothing from data files is ever parsed as HTML.
//
//   a script tag of type module loading this file, then
//   <youcheng-map lang="zh" city="weifang"></youcheng-map>
import { newCore, guard, CoreTrap } from './core.js';
import { pickLanguage, translate, issueText } from './i18n.js';
import { h, fileLabel } from './dom.js';
import { DATA_FILES, MAX_DATA_BYTES, MAX_BASEMAP_BYTES, fetchLimited, fetchShipped, allowedSource, jsonToCsv } from './loader.js';
import { checkFilter, checkNumbers, failedReport } from './checks.js';
import { createToolbar } from './ui/toolbar.js';
import { createFilters } from './ui/filters.js';
import { createLegend, legendLabels } from './ui/legend.js';
import { createTooltip } from './ui/tooltip.js';
import { createDetail } from './ui/detail.js';
import { createStats } from './ui/stats.js';
import { createTable } from './ui/table.js';
import { createTimeline } from './ui/timeline.js';
import { createHash } from './ui/hash.js';
import { exportPng, download } from './ui/export.js';

const COLOUR_MODES = ['city', 'relation', 'decade'];
// `animate` stays an attribute only: a property would hide Element.animate().
const PROPS = ['lang', 'city', 'filter', 'dataSrc', 'basemapSrc', 'basemapAttribution', 'theme', 'height', 'controls', 'hash'];
const todayUnixDays = () => Math.floor(Date.now() / 86400000);

export class YouchengMap extends HTMLElement {
  static observedAttributes = ['lang', 'city', 'filter', 'data-src', 'basemap-src', 'basemap-attribution', 'theme', 'height', 'animate', 'controls', 'hash'];

  #map = null;
  #lang = 'zh';
  #ui = {};
  #m = {};
  #abort = null;
  /** The controls' listeners: aborted when `controls` changes and the controls are built again. */
  #uiAbort = null;
  #frame = 0;
  #resize = null;
  #dprQuery = null;
  #timers = new Set();
  #table = false;
  #snap = null;
  #readyResolve = null;
  #hoverPos = null;
  #loadReport = null;
  /** What the map last loaded successfully, to restore after a trap. */
  #good = { basemap: null, reference: null, data: null, coverage: null };
  #panicMessage = null;
  #traps = [];
  #customBasemap = false;
  #boundary = { calls: 0 };
  #wheelTimer = 0;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    /** Resolves with the element when it has loaded; after a failed load too (it then has an `error` attribute). */
    this.ready = new Promise((resolve) => (this.#readyResolve = resolve));
  }

  // ---- reflected attributes (HTML boolean semantics for hash; `animate` is attribute-only) ----
  #attr(name, value) {
    if (value === null || value === undefined || value === false) this.removeAttribute(name);
    else this.setAttribute(name, value === true ? '' : String(value));
  }
  get lang() { return this.getAttribute('lang') ?? ''; }
  set lang(v) { this.#attr('lang', v); }
  get city() { return this.getAttribute('city') ?? ''; }
  set city(v) { this.#attr('city', v); }
  get filter() { return this.getAttribute('filter') ?? ''; }
  set filter(v) { this.#attr('filter', v); }
  get dataSrc() { return this.getAttribute('data-src') ?? ''; }
  set dataSrc(v) { this.#attr('data-src', v); }
  get basemapSrc() { return this.getAttribute('basemap-src') ?? ''; }
  set basemapSrc(v) { this.#attr('basemap-src', v); }
  get basemapAttribution() { return this.getAttribute('basemap-attribution') ?? ''; }
  set basemapAttribution(v) { this.#attr('basemap-attribution', v); }
  get theme() { return this.getAttribute('theme') ?? 'light'; }
  set theme(v) { this.#attr('theme', v); }
  get height() { return this.getAttribute('height') ?? ''; }
  set height(v) { this.#attr('height', v); }
  get hash() { return this.hasAttribute('hash'); }
  set hash(v) { this.#attr('hash', !!v); }
  get controls() { return this.getAttribute('controls') ?? 'full'; }
  set controls(v) { this.#attr('controls', v); }

  // ---- lifecycle ----
  connectedCallback() {
    // Properties set before the element was defined shadow the accessors: re-apply them.
    for (const p of PROPS) {
      if (Object.prototype.hasOwnProperty.call(this, p)) {
        const v = this[p];
        delete this[p];
        this[p] = v;
      }
    }
    this.#abort = new AbortController();
    this.#lang = pickLanguage(this.getAttribute('lang'), this);
    this.#applyHeight();
    this.#build();
    this.#start().catch((error) => this.#fail(error));
  }

  disconnectedCallback() {
    this.#abort?.abort();
    this.#abort = null;
    this.#uiAbort?.abort();
    this.#ui = {};
    this.#resize?.disconnect();
    this.#resize = null;
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    this.#m.timeline?.stop();
    this.#map?.free();
    this.#map = null;
    this.shadowRoot.replaceChildren();
    this.removeAttribute('ready');
  }

  attributeChangedCallback(name, oldValue, value) {
    if (name === 'height') return this.#applyHeight();
    if (oldValue === value || !this.#map) return;
    switch (name) {
      case 'lang': this.setLanguage(pickLanguage(value, this)); break;
      case 'city': this.setFilter({ ...this.getFilter(), cities: this.#cityList() }); break;
      case 'filter': this.applyState(value ?? '', { keepView: true }); break;
      case 'data-src': this.#loadData().catch((e) => this.#reportError(e)); break;
      case 'basemap-src': this.#loadBasemap().then(() => this.#renderAttribution(), (e) => this.#reportError(e)); break;
      case 'basemap-attribution': this.#renderAttribution(); break;
      case 'theme': this.#applyTheme(); break;
      case 'controls': this.#rebuild(); break;
      case 'animate': if (this.hasAttribute('animate')) this.play(); break;
      case 'hash':
        if (this.hash) this.#m.hash.listen(this.#abort.signal);
        this.#m.hash.schedule();
        break;
      default: break;
    }
  }

  #later(fn, ms) {
    const t = setTimeout(() => {
      this.#timers.delete(t);
      fn();
    }, ms);
    this.#timers.add(t);
    return t;
  }

  #cancel(t) {
    clearTimeout(t);
    this.#timers.delete(t);
  }

  /** `height`: px or a CSS length, kept within 160–4000 px, through `--yc-height` (an author's own style wins). */
  #applyHeight() {
    const v = (this.getAttribute('height') ?? '').trim();
    if (!v) return this.style.removeProperty('--yc-height');
    const m = /^(\d+(?:\.\d+)?)(px|em|rem|vh|svh|dvh|%)?$/.exec(v);
    if (!m) return this.#emit('youcheng:warning', { message: this.#t('badAttribute', { name: 'height', value: v.slice(0, 40) }), attribute: 'height' });
    this.style.setProperty('--yc-height', `clamp(160px, ${m[1]}${m[2] ?? 'px'}, 4000px)`); // CSSOM, allowed by a strict CSP
  }

  #cityList() {
    return (this.getAttribute('city') ?? '').split(/[\s,]+/).filter(Boolean);
  }

  #t(key, vars) {
    return translate(this.#lang, key, vars);
  }

  #name(zh, en) {
    return this.#lang === 'zh' ? zh || en : en || zh;
  }

  // ---- the shadow DOM, one module per control ----
  #build() {
    this.#uiAbort?.abort();
    this.#uiAbort = new AbortController();
    const canvas = this.#ui.canvas;
    const ui = (this.#ui = {});
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
      send: (cmd) => this.#send(cmd),
      details: (id) => this.#map?.details(id) ?? null,
      rows: () => this.#map?.rows() ?? [],
      later: (fn, ms) => this.#later(fn, ms),
      cancel: (t) => this.#cancel(t),
      emit: (type, detail) => this.#emit(type, detail),
      announce: (text) => (ui.announce.textContent = text),
      clearSelection: (all) => {
        this.#send({ type: 'clearSelection', all });
        if (all) ui.mapBox.focus({ preventScroll: true });
      },
    };
    const controls = this.controls;
    const full = controls !== 'minimal' && controls !== 'none';
    const actions = {
      focusMap: () => ui.mapBox.focus(),
      toggleDrawer: (open) => this.#toggleDrawer(open),
      toggleStats: (open) => this.#toggleStats(open),
      togglePlay: () => (this.#m.timeline.playing ? this.pause() : this.play()),
      download: () => this.#download(),
      toggleTheme: () => (this.theme = this.#isDark() ? 'light' : 'dark'),
    };
    const m = (this.#m = {});
    m.hash = createHash(ctx);
    m.timeline = createTimeline(ctx, (playing) => this.#m.toolbar?.ui.play && this.#setPlaying(playing));
    m.tooltip = createTooltip(ctx, () => ui.stage);
    m.detail = createDetail(ctx);
    m.legend = controls !== 'none' ? createLegend(ctx, { toggleIn: (f, k, on) => this.#toggleIn(f, k, on) }) : null;
    if (full) {
      m.toolbar = createToolbar(ctx, actions);
      m.filters = createFilters(ctx, actions);
      m.stats = createStats(ctx);
      m.table = createTable(ctx);
    }
    ui.announce = h('div', { class: 'yc-sr', 'aria-live': 'polite', role: 'status' });
    ui.summary = controls !== 'none' ? h('p', { class: 'yc-summary', 'aria-live': 'polite', id: 'yc-summary' }) : null;
    ui.canvas = canvas ?? h('canvas', { class: 'yc-canvas', 'aria-hidden': 'true' }); // kept across rebuilds: the core draws on it
    ui.help = h('p', { class: 'yc-sr', id: 'yc-help' });
    ui.mapBox = h('div', { class: 'yc-map', part: 'map', tabindex: '0', role: 'application', 'aria-describedby': 'yc-summary yc-help' }, ui.canvas);
    const zoom = controls !== 'none' ? ['+', '−', '⌂'].map((s, i) => h('button', { type: 'button', class: `yc-btn ${['yc-zoom-in', 'yc-zoom-out', 'yc-zoom-reset'][i]}` }, s)) : [];
    ui.zoom = zoom;
    ui.attribution = h('p', { class: 'yc-attribution', part: 'attribution' });
    ui.message = h('div', { class: 'yc-message', role: 'alert', hidden: true, part: 'message' });
    ui.stage = h('div', { class: 'yc-stage' }, ui.mapBox, m.tooltip.node, zoom.length ? h('div', { class: 'yc-zoom', part: 'zoom' }, ...zoom) : null, m.timeline.badge, m.legend?.node, ui.attribution, ui.message);
    ui.root = h('div', { class: 'yc-root', part: 'root' }, m.toolbar?.node, ui.summary, h('div', { class: 'yc-body' }, m.filters?.node, ui.stage, m.detail.node), m.stats?.node, m.table?.node, ui.help, ui.announce);
    this.shadowRoot.replaceChildren(h('link', { rel: 'stylesheet', href: new URL('youcheng.css', import.meta.url).href }), ui.root);
    zoom.forEach((b, i) => on(b, 'click', () => this.#send({ type: 'key', key: ['+', '-', 'Home'][i], shift: false })));
    this.#wireInput(on);
    this.#translateStatic();
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

  #wireInput(on) {
    const ui = this.#ui;
    const pos = (e) => {
      const r = ui.canvas.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    };
    on(ui.canvas, 'pointerdown', (e) => {
      if (!this.#map || e.button > 0) return;
      ui.canvas.setPointerCapture?.(e.pointerId);
      ui.mapBox.focus({ preventScroll: true }); // keys (Escape, +/−) go to the map after a click
      this.#send({ type: 'pointerDown', id: e.pointerId, kind: e.pointerType, ...pos(e) }, e);
    });
    on(ui.canvas, 'pointermove', (e) => {
      const p = pos(e);
      this.#hoverPos = [p.x, p.y];
      this.#send({ type: 'pointerMove', id: e.pointerId, ...p }, e);
    });
    on(ui.canvas, 'pointerup', (e) => this.#send({ type: 'pointerUp', id: e.pointerId, ...pos(e), t: e.timeStamp, pin: e.shiftKey }, e));
    on(ui.canvas, 'pointercancel', (e) => this.#send({ type: 'pointerCancel', id: e.pointerId }, e));
    on(ui.canvas, 'pointerleave', (e) => e.pointerType === 'mouse' && this.#send({ type: 'pointerLeave' }, e));
    on(ui.canvas, 'wheel', (e) => {
      this.#send({ type: 'wheel', ...pos(e), deltaY: e.deltaY, deltaMode: e.deltaMode }, e);
      this.#cancel(this.#wheelTimer);
      this.#wheelTimer = this.#later(() => this.#send({ type: 'settle' }), 160);
    }, { passive: false });
    on(ui.mapBox, 'keydown', (e) => this.#send({ type: 'key', key: e.key, shift: e.shiftKey }, e));
    on(ui.mapBox, 'blur', () => this.#send({ type: 'blur' }));
    on(this.shadowRoot, 'keydown', (e) => {
      if (e.key !== 'Escape' || ui.mapBox.contains(e.target)) return;
      if (!this.#m.detail.node.hidden) this.#m.detail.node.querySelector('.yc-detail-close').click();
      else if (this.#m.filters?.node.classList.contains('yc-open')) this.#toggleDrawer(false);
    });
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
    const map = await this.#newMap();
    if (!map) return; // disconnected while loading
    let basemapError = null;
    try {
      await this.#loadBasemap();
    } catch (error) {
      basemapError = error; // the portal's basemap failed: fall back to the shipped one, and say so
      if (!this.getAttribute('basemap-src')) throw error;
      await this.#loadBasemap({ shippedOnly: true });
    }
    const reference = await Promise.all([DATA_FILES.shandong, DATA_FILES.countries, DATA_FILES.groups].map((f) => fetchShipped(f)));
    if (this.#map !== map) return;
    const ref = map.loadReference(...reference);
    if (!ref.ok) throw new Error(ref.errors.map((e) => issueText(this.#lang, e)).join('\n'));
    this.#good.reference = reference;
    this.#applyTheme();
    this.#observeSize();
    let dataError = null;
    await this.#loadData().catch((e) => (dataError = e));
    if (this.#map !== map) return;
    const cities = this.#cityList();
    if (cities.length) this.#send({ type: 'setFilter', filter: { ...this.getFilter(), cities } }, null, { quiet: true });
    if (this.getAttribute('filter')) this.applyState(this.getAttribute('filter'), { quiet: true });
    if (this.hash) {
      if (location.hash.length > 1) this.applyState(location.hash, { quiet: true });
      this.#m.hash.listen(this.#abort.signal);
    }
    this.#renderAttribution();
    this.#refresh();
    this.#m.hash.remember(this.stateHash());
    this.#requestDraw();
    this.#hideMessage();
    if (basemapError) this.#reportError(basemapError, 'basemapFallback', { file: fileLabel(this.getAttribute('basemap-src')) });
    if (dataError) this.#reportError(dataError);
    this.toggleAttribute('ready', true);
    this.#emit('youcheng:ready', { pairs: this.#snap.stats.pairs, warnings: this.#loadReport?.warnings ?? [] });
    this.#readyResolve(this);
    if (this.hasAttribute('animate')) this.play();
  }

  /** A new core and handle for this map's canvas (at start, and after a trap). */
  async #newMap() {
    const core = await newCore((message) => (this.#panicMessage = message));
    if (!this.#abort) return null;
    this.#map = guard(new core.Youcheng(this.#ui.canvas), (error) => this.#recover(error), this.#boundary);
    return this.#map;
  }

  /** The core trapped: tell the portal, start a new core, restore the last good data and state. */
  async #recover(error) {
    const message = this.#panicMessage ?? error?.message ?? String(error);
    this.#panicMessage = null;
    this.#map = null;
    this.#emit('youcheng:error', { message, trap: true });
    const now = Date.now();
    this.#traps = this.#traps.filter((t) => now - t < 10000).concat(now);
    const good = this.#good;
    if (this.#traps.length > 3 || !good.basemap || !good.reference) return this.#showMessage(this.#t('recoverFailed', { error: message }), 'error');
    try {
      const map = await this.#newMap();
      if (!map) return;
      map.loadBasemap(good.basemap);
      map.loadReference(...good.reference);
      if (good.data) map.loadPartnerships(good.data.name, good.data.bytes, todayUnixDays(), good.data.validRowsOnly);
      if (good.data && good.coverage) map.loadCoverage(...good.coverage);
      this.#fit();
      this.#applyTheme();
      this.applyState(this.#m.hash.last, { quiet: true });
      this.#renderAttribution();
      this.#showMessage(this.#t('recovered', { error: message }), 'error');
      this.#emit('youcheng:recovered', { message });
    } catch (e) {
      this.#map = null;
      this.#showMessage(this.#t('recoverFailed', { error: e?.message ?? String(e) }), 'error');
    }
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
    if (error instanceof CoreTrap) return; // #recover reports it
    const message = this.#errorText(error);
    this.#showMessage(this.#t(key, { ...vars, error: message }), 'error');
    this.#emit('youcheng:error', { message, report: error?.report ?? null });
  }

  async #loadBasemap({ shippedOnly = false } = {}) {
    const src = shippedOnly ? null : this.getAttribute('basemap-src');
    const bytes = src ? await fetchLimited(allowedSource(src, this.#lang), MAX_BASEMAP_BYTES) : await fetchShipped(DATA_FILES.basemap);
    const text = new TextDecoder().decode(bytes);
    this.#map.loadBasemap(text); // throws with a message naming the problem; the old basemap stays
    this.#good.basemap = text;
    this.#customBasemap = !!src;
    this.#requestDraw();
  }

  /** Loads the partnerships (the shipped CSV, or `data-src`: CSV or JSON). Throws on errors. */
  async #loadData() {
    const src = this.getAttribute('data-src');
    const url = src ? allowedSource(src, this.#lang) : null;
    const bytes = url ? await fetchLimited(url, MAX_DATA_BYTES) : await fetchShipped(DATA_FILES.partnerships, MAX_DATA_BYTES);
    const name = url ? fileLabel(url) : DATA_FILES.partnerships;
    const report = this.loadCsv(name, bytes);
    if (!report.ok) {
      const first = report.errors.slice(0, 5).map((e) => issueText(this.#lang, e)).join('; ');
      throw Object.assign(new Error(`${this.#t('dataErrors', { file: name, n: report.errorCount ?? report.errors.length })} ${first}`), { report });
    }
    if (url) return;
    // The official totals and review date, for the shipped data only (a portal's own data makes no coverage claim).
    const files = await Promise.all([DATA_FILES.totals, DATA_FILES.about].map((f) => fetchShipped(f)));
    if (!this.#map?.loadCoverage(...files).ok) return;
    this.#good.coverage = files;
    this.#refresh();
  }

  #fit() {
    const r = this.#ui.canvas.getBoundingClientRect();
    this.#send({ type: 'resize', width: r.width, height: r.height, dpr: window.devicePixelRatio || 1 });
  }

  #observeSize() {
    this.#resize = new ResizeObserver(() => {
      this.#fit();
      this.#m.toolbar?.ui.filtersToggle.setAttribute('aria-expanded', String(getComputedStyle(this.#m.filters.node).display !== 'none'));
    });
    this.#resize.observe(this.#ui.canvas);
    const signal = this.#abort.signal;
    const watch = () => {
      this.#dprQuery = matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
      this.#dprQuery.addEventListener('change', () => (this.#fit(), watch()), { signal, once: true });
    };
    watch();
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => this.#applyTheme(), { signal });
    this.#fit();
  }

  #showMessage(text, kind, key = null) {
    const m = this.#ui.message;
    m.textContent = text;
    m.className = `yc-message yc-${kind}`;
    m.dataset.key = key ?? '';
    m.hidden = false;
  }

  #hideMessage() {
    this.#ui.message.hidden = true;
  }

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
    if (r.handled && event?.cancelable) event.preventDefault();
    ui.canvas.classList.toggle('yc-dragging', r.dragging);
    if (r.redraw) this.#requestDraw();
    if (r.view) this.#m.hash.schedule();
    if (r.hoverChanged) {
      ui.canvas.classList.toggle('yc-pointer', !!r.hover && !r.focusMoved);
      if (r.focusMoved && r.hover) {
        ui.announce.textContent = tip.describe(r.hover);
        tip.show(r.hover, r.hover.x === null ? null : [r.hover.x, r.hover.y]);
      } else if (r.hover && event?.type !== 'keydown') tip.show(r.hover, this.#hoverPos);
      else if (!r.hover) tip.hide();
      this.#emit('youcheng:hover', r.hover ? { kind: r.hover.kind, id: r.hover.id, city: r.hover.city, details: r.hover.details } : null);
    } else if (r.hover === null && this.#hoverPos && event?.type === 'pointermove' && !tip.node.hidden) tip.move(this.#hoverPos);
    if (r.dataChanged || r.selectionChanged) this.#refresh();
    if (r.dataChanged && !quiet) {
      this.#m.hash.schedule();
      const s = this.#snap.stats;
      this.#emit('youcheng:filter', { filter: this.#snap.filter, get ids() { return map.visibleIds(); }, stats: { pairs: s.pairs, partnerPlaces: s.partnerPlaces, countries: s.countries, continents: s.continents } });
    }
    if (r.selectionChanged && !quiet) {
      this.#m.hash.schedule();
      const sel = this.#snap.selection;
      this.#emit('youcheng:select', { ids: sel, id: sel[sel.length - 1] ?? null, get details() { return sel.filter((i) => !i.startsWith('@')).map((i) => map.details(i)); } });
    }
    return r;
  }

  /** One snapshot of everything the controls show, rendered by each module. */
  #refresh() {
    if (!this.#map) return;
    const snap = (this.#snap = this.#map.snapshot());
    const s = snap.stats, c = s.coverage;
    const total = snap.choices.cities.reduce((a, x) => a + x.total, 0);
    if (this.#ui.summary) {
      this.#ui.summary.textContent = (s.pairs === total
        ? this.#t('summaryAll', { pairs: s.pairs, countries: s.countries })
        : this.#t('summaryFiltered', { pairs: s.pairs, total, countries: s.countries, places: s.partnerPlaces }))
        + (c ? ` ${this.#t('coverage', { shown: c.shown, official: c.official, asOf: c.asOf })}${c.reviewed ? ` ${this.#t('reviewed', { date: c.reviewed })}` : ''}` : '');
    }
    for (const m of Object.values(this.#m)) m?.render?.(snap, this.shadowRoot.activeElement);
  }

  #requestDraw() {
    if (this.#frame || !this.#map) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#map?.render();
    });
  }

  #isDark() {
    return this.theme === 'dark' || (this.theme === 'auto' && matchMedia('(prefers-color-scheme: dark)').matches);
  }

  #applyTheme() {
    this.#m.toolbar?.ui.themeBtn.setAttribute('aria-pressed', String(this.#isDark()));
    if (!this.#map) return;
    const cs = getComputedStyle(this);
    const v = (name) => cs.getPropertyValue(name).trim() || undefined;
    try {
      this.#map.setTheme({ ocean: v('--yc-ocean'), land: v('--yc-land'), china: v('--yc-china'), border: v('--yc-border'), originStroke: v('--yc-origin-stroke'), focus: v('--yc-focus'), palette: v('--yc-palette')?.split(/[\s,]+/).filter(Boolean) });
    } catch (error) {
      console.warn(`youcheng-map: ${error.message}`);
    }
    if (this.#snap) this.#refresh();
    this.#requestDraw();
  }

  #setPlaying(playing) {
    const b = this.#m.toolbar.ui.play;
    b.setAttribute('aria-pressed', String(playing));
    b.textContent = this.#t(playing ? 'pause' : 'play');
  }

  #toggleIn(field, key, on) {
    const f = this.getFilter();
    const set = new Set(f[field] ?? []);
    if (on ?? !set.has(key)) set.add(key);
    else set.delete(key);
    this.setFilter({ ...f, [field]: [...set] });
  }

  #toggleDrawer(open) {
    const { node } = this.#m.filters ?? {};
    if (!node) return;
    const next = open ?? getComputedStyle(node).display === 'none';
    node.classList.toggle('yc-open', next);
    node.classList.toggle('yc-closed', !next);
    const toggle = this.#m.toolbar.ui.filtersToggle;
    toggle.setAttribute('aria-expanded', String(next));
    if (next) node.querySelector('input, select, button')?.focus({ preventScroll: true });
    else toggle.focus({ preventScroll: true });
  }

  #toggleStats(open) {
    const panel = this.#m.stats?.node;
    if (!panel) return;
    panel.hidden = !(open ?? panel.hidden);
    this.#m.toolbar.ui.statsToggle.setAttribute('aria-pressed', String(!panel.hidden));
    this.#m.stats.render(this.#snap);
  }

  async #download() {
    download(this.shadowRoot, await this.exportPng(), `youcheng-${new Date().toISOString().slice(0, 10)}.png`, (fn, ms) => this.#later(fn, ms));
  }

  #renderAttribution() {
    if (!this.#map) return;
    const own = this.#customBasemap ? this.getAttribute('basemap-attribution') : null;
    this.#ui.attribution.textContent = own || this.#map.attribution;
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

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
    if (!COLOUR_MODES.includes(mode)) throw new TypeError(`setColourBy(mode): mode must be one of ${COLOUR_MODES.join(', ')}`);
    this.#send({ type: 'setColourBy', colour: mode });
  }
  setLanguage(lang) {
    if (typeof lang !== 'string') throw new TypeError('setLanguage(lang): lang must be "zh" or "en"');
    this.#lang = lang === 'en' ? 'en' : 'zh';
    this.#translateStatic();
    if (this.#map) {
      this.#refresh();
      this.#renderAttribution();
      this.#m.tooltip.hide();
      this.#m.hash.schedule();
    }
    this.#emit('youcheng:lang', { lang: this.#lang });
  }
  get language() { return this.#lang; }
  get attribution() { return this.#ui.attribution?.textContent ?? ''; }
  /** The state (filter, selection, view, language, colour, table) as a hash string. */
  stateHash() { return this.#map ? this.#map.stateHash(this.#lang, this.#table) : ''; }
  /** Applies a state string (the URL hash form); returns the problems found (the rest is applied). */
  applyState(text, { keepView = false, quiet = false } = {}) {
    if (text !== null && text !== undefined && typeof text !== 'string') throw new TypeError('applyState(text): text must be a string in the URL-state form');
    const r = this.#send({ type: 'applyState', text: text ?? '', keepView }, null, { quiet });
    if (r.lang && r.lang !== this.#lang) this.setLanguage(r.lang);
    if (r.table !== undefined && r.table !== this.#table && (r.table || !keepView)) this.toggleTable(r.table);
    for (const p of r.problems ?? []) console.warn(`youcheng-map: ${p}`);
    return r.problems ?? [];
  }
  toggleTable(open) {
    const panel = this.#m.table?.node;
    if (!panel) return;
    this.#table = open ?? !this.#table;
    this.#m.toolbar.ui.tableToggle.setAttribute('aria-pressed', String(this.#table));
    panel.hidden = !this.#table;
    this.#m.table.render(this.#snap);
    this.#m.hash.schedule();
  }
  play() { if (this.#map) this.#m.timeline.play(); }
  pause() { this.#m.timeline.pause(); }
  /** The current view as a PNG (map, title with the summary, legend, attribution). */
  exportPng() {
    const legend = legendLabels(this.#snap, (k, v) => this.#t(k, v), (a, b) => this.#name(a, b));
    return exportPng({ canvas: this.#ui.canvas, host: this, title: `${this.#t('mapLabel')} — ${this.#ui.summary?.textContent ?? ''}`, legend, attribution: this.attribution });
  }
  project(lon, lat) {
    checkNumbers('project(lon, lat)', { lon, lat });
    return this.#map ? this.#map.project(lon, lat) : null;
  }
  visibleIds() { return this.#map ? this.#map.visibleIds() : []; }
  stats() { return this.#snap?.stats ?? null; }
  legend() { return this.#snap?.legend ?? []; }
  details(id) {
    if (typeof id !== 'string') throw new TypeError('details(id): id must be a string');
    return this.#map ? this.#map.details(id) : null;
  }
  view() { return this.#map ? this.#map.view() : null; }
  setView(lon, lat, zoom) {
    checkNumbers('setView(lon, lat, zoom)', { lon, lat, zoom });
    this.#send({ type: 'setView', lon, lat, zoom });
  }
  resetView() { this.#send({ type: 'resetView' }); }
  /** The Shandong keys with names, colours and counts. */
  cities() { return this.#snap?.choices.cities ?? []; }
  /** Frames drawn, land-layer renders and reuses, and calls into the core so far. */
  frameStats() {
    const stats = this.#map?.frameStats() ?? null;
    return stats && { ...stats, coreCalls: this.#boundary.calls };
  }
  get canvas() { return this.#ui.canvas; }
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
   */
  loadCsv(name, bytes, { validRowsOnly = false } = {}) {
    if (typeof name !== 'string') throw new TypeError('loadCsv(name, bytes): name must be a string');
    if (typeof bytes === 'string') bytes = new TextEncoder().encode(bytes);
    else if (bytes instanceof ArrayBuffer) bytes = new Uint8Array(bytes);
    else if (!(bytes instanceof Uint8Array)) throw new TypeError('loadCsv(name, bytes): bytes must be a Uint8Array, an ArrayBuffer or a string');
    if (!this.#map) return failedReport(name, 'not-ready', 'the map is not ready');
    if (bytes.length > MAX_DATA_BYTES) return failedReport(name, 'too-large', this.#t('tooLarge', { file: name, bytes: bytes.length, limit: MAX_DATA_BYTES }));
    if (/\.json$/i.test(name)) {
      try {
        bytes = new TextEncoder().encode(jsonToCsv(new TextDecoder().decode(bytes)));
      } catch (e) {
        return failedReport(name, 'syntax', `${name}: ${e.message}`, { detail: e.message });
      }
    }
    let report;
    try {
      report = this.#map.loadPartnerships(name, bytes, todayUnixDays(), !!validRowsOnly);
    } catch (e) {
      if (!(e instanceof CoreTrap)) throw e;
      return failedReport(name, 'trap', this.#t('recovered', { error: e.message }));
    }
    this.#loadReport = report;
    if (report.ok) {
      this.#good.data = { name, bytes, validRowsOnly: !!validRowsOnly };
      this.#good.coverage = null;
      this.#m.tooltip.hide();
      this.#refresh();
      this.#requestDraw();
      this.#emit('youcheng:data', report);
    }
    return report;
  }
}

if (!customElements.get('youcheng-map')) customElements.define('youcheng-map', YouchengMap);
