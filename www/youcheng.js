// <youcheng-map>: the Youcheng widget as one custom element. Loads the WebAssembly core and the
// data from the page's own origin, draws on a canvas inside a shadow root, and offers filters,
// legend, tooltip, detail panel, timeline, statistics, table view and PNG export in Chinese and
// English. Plain ES module; no dependencies; nothing from data files is ever parsed as HTML.
//
//   a script tag of type module loading this file, then
//   <youcheng-map lang="zh" city="weifang"></youcheng-map>
// (the script tag names this file by its published URL).
import { newCore, guard, CoreTrap } from './core.js';
import { pickLanguage, translate, issueText } from './i18n.js';
import { yearChart, barChart } from './charts.js';

const BASE = new URL('./', import.meta.url);
const DATA_FILES = { basemap: 'basemap.json', shandong: 'shandong.csv', countries: 'countries.csv', groups: 'groups.csv', partnerships: 'partnerships.csv', totals: 'official_totals.csv', about: 'about.csv' };
const CONTINENTS = ['asia', 'europe', 'africa', 'north_america', 'south_america', 'oceania'];
const RELATIONS = ['friendship', 'cooperation', 'unknown'];
const LEVELS = ['province', 'city', 'county', 'unknown'];
const FIRST_YEAR = 1979;
const THIS_YEAR = new Date().getFullYear();
const COLOUR_MODES = ['city', 'relation', 'decade'];
// Bytes read from a portal's file before giving up (the core's own limits are checked again there).
const MAX_DATA_BYTES = 16 * 1024 * 1024;
const MAX_BASEMAP_BYTES = 32 * 1024 * 1024;
// The partnerships columns; a JSON record's other keys are ignored (see jsonToCsv).
const COLUMNS = ['id', 'shandong_city', 'shandong_subunit', 'shandong_subunit_en', 'partner_en', 'partner_zh', 'partner_zh_source', 'country', 'partner_level', 'relation', 'status', 'established', 'lon', 'lat', 'coord_source', 'sources', 'note'];

/** An Error with a translation key and values, shown in the UI language. */
const coded = (code, vars, message) => Object.assign(new Error(message ?? code), { code, vars });

/**
 * Reads a response's body up to `limit` bytes; a larger file is refused as soon as that is known
 * (from Content-Length, or while reading), so it never fills memory.
 */
async function readLimited(response, url, limit) {
  const file = fileLabel(url);
  const tooLarge = (bytes) => coded('tooLarge', { file, bytes, limit }, `${file}: ${bytes} bytes, over the limit of ${limit}`);
  const declared = Number(response.headers.get('content-length'));
  if (declared > limit) throw tooLarge(declared);
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      reader.cancel().catch(() => {});
      throw tooLarge(`${total}+`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

async function fetchLimited(url, limit) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url.pathname ?? url}: HTTP ${r.status}`);
  return readLimited(r, url, limit);
}

const shipped = new Map();
/** The widget's own files, fetched once per page however many maps share them. A portal's files are not cached here. */
function fetchShipped(url, limit = MAX_BASEMAP_BYTES) {
  const key = String(url);
  if (!shipped.has(key)) {
    const p = fetchLimited(url, limit);
    p.catch(() => shipped.delete(key));
    shipped.set(key, p);
  }
  return shipped.get(key);
}

/**
 * A portal's `data-src`/`basemap-src` as a URL the widget may fetch: the page's own origin, or an
 * origin the host page lists in <meta name="youcheng-allowed-origins" content="https://a.example …">.
 * Never decided by the URL of the page (embed.html's query string cannot widen it); `data:` and
 * other schemes are refused.
 */
export function allowedSource(src, lang) {
  let url;
  try {
    url = new URL(src, document.baseURI);
  } catch {
    throw coded('originRefused', { url: String(src).slice(0, 80), origin: location.origin });
  }
  const web = url.protocol === 'https:' || url.protocol === 'http:';
  const meta = document.querySelector('meta[name="youcheng-allowed-origins"]')?.getAttribute('content') ?? '';
  const allowed = meta.split(/[\s,]+/).filter(Boolean);
  if (web && (url.origin === location.origin || allowed.includes(url.origin))) return url;
  const shown = url.protocol === 'data:' ? 'data:…' : `${url.origin === 'null' ? url.protocol : url.origin}${url.pathname}`.slice(0, 80);
  throw coded('originRefused', { url: shown, origin: location.origin }, translate(lang, 'originRefused', { url: shown, origin: location.origin }));
}

const todayUnixDays = () => Math.floor(Date.now() / 86400000);
/** A file's name for reports, without a content hash `make dist` added. */
const fileLabel = (url) => decodeURIComponent(new URL(url, location.href).pathname.split('/').pop() || String(url)).replace(/\.[0-9a-f]{8}(?=\.\w+$)/, '');

/** Creates an element: `h('button', {class: 'x', type: 'button'}, 'text', child…)`. */
function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  return node;
}

const isHttp = (s) => /^https?:\/\//i.test(s);

/** Records from a JSON array (objects with the CSV's column names) as CSV text. */
function jsonToCsv(text) {
  const data = JSON.parse(text);
  const records = Array.isArray(data) ? data : data?.partnerships;
  if (!Array.isArray(records)) throw new Error('JSON data must be an array of partnership records (or {"partnerships": [...]})');
  // Only the schema's columns: a record with thousands of other keys must not become thousands of columns.
  const present = new Set();
  for (const r of records) for (const c of COLUMNS) if (r && typeof r === 'object' && c in r) present.add(c);
  const columns = COLUMNS.filter((c) => present.has(c));
  const cell = (v) => {
    const s = Array.isArray(v) ? v.join(' ; ') : v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.join(','), ...records.map((r) => columns.map((c) => cell(r?.[c])).join(','))].join('\n');
}

const FILTER_LISTS = ['cities', 'countries', 'continents', 'relations', 'levels', 'groups'];
/** Throws a TypeError naming the field when a filter object has a value of the wrong type. */
function checkFilter(filter) {
  if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) throw new TypeError('setFilter(filter): filter must be an object such as {cities: ["weifang"]}');
  for (const k of FILTER_LISTS) {
    const v = filter[k];
    if (v !== undefined && v !== null && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))) throw new TypeError(`setFilter(filter): filter.${k} must be an array of strings`);
  }
  if (filter.text !== undefined && filter.text !== null && typeof filter.text !== 'string') throw new TypeError('setFilter(filter): filter.text must be a string');
  for (const k of ['yearFrom', 'yearTo']) {
    const v = filter[k];
    if (v !== undefined && v !== null && !Number.isInteger(v)) throw new TypeError(`setFilter(filter): filter.${k} must be a whole year or null`);
  }
  if (filter.hideUnknownYear !== undefined && typeof filter.hideUnknownYear !== 'boolean') throw new TypeError('setFilter(filter): filter.hideUnknownYear must be true or false');
}

function checkNumbers(call, values) {
  for (const [k, v] of Object.entries(values)) if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError(`${call}: ${k} must be a finite number`);
}

export class YouchengMap extends HTMLElement {
  static observedAttributes = ['lang', 'city', 'filter', 'data-src', 'basemap-src', 'basemap-attribution', 'theme', 'height', 'animate', 'controls', 'hash'];

  #map = null;
  #lang = 'zh';
  #ui = {};
  #abort = null;
  #frame = 0;
  #resize = null;
  #dprQuery = null;
  #timers = new Set();
  #pinned = [];
  #current = null;
  #playing = null;
  #table = false;
  #stats = false;
  #sort = { col: 'city', dir: 1 };
  #choices = null;
  #starting = null;
  #readyResolve = null;
  #hashWrite = 0;
  #hoverPos = null;
  #loadReport = null;
  /** What the map last loaded successfully, to restore after a trap. */
  #good = { basemap: null, reference: null, data: null, coverage: null };
  #lastState = '';
  #panicMessage = null;
  #traps = [];
  #customBasemap = false;
  /** Calls from JS into the core so far (reported by frameStats). */
  #boundary = { calls: 0 };
  /** Shown vs official for the shipped data (null for a portal's own data). */
  #coverage = null;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    /** Resolves when the map has its data (rejects if it cannot load). */
    this.ready = new Promise((resolve) => (this.#readyResolve = resolve));
  }

  // ---- reflected attributes ----
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
  get theme() { return this.getAttribute('theme') ?? 'light'; }
  set theme(v) { this.#attr('theme', v); }
  get height() { return this.getAttribute('height') ?? ''; }
  set height(v) { this.#attr('height', v); }
  // No `animate` property: it would hide Element.prototype.animate (Web Animations) on the element.
  #animateAttr() { return this.hasAttribute('animate') && this.getAttribute('animate') !== 'false'; }
  get controls() { return this.getAttribute('controls') ?? 'full'; }
  set controls(v) { this.#attr('controls', v); }

  // ---- lifecycle ----
  connectedCallback() {
    this.#abort = new AbortController();
    this.#lang = pickLanguage(this.getAttribute('lang'), this);
    this.#applyHeight();
    this.#build();
    this.#starting = this.#start().catch((error) => this.#fail(error));
  }

  disconnectedCallback() {
    this.#abort?.abort();
    this.#abort = null;
    this.#resize?.disconnect();
    this.#resize = null;
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    this.#playing = null;
    this.#map?.free();
    this.#map = null;
    this.shadowRoot.replaceChildren();
    this.removeAttribute('ready');
  }

  attributeChangedCallback(name, oldValue, value) {
    if (oldValue === value || !this.#map) {
      if (name === 'height') this.#applyHeight();
      return;
    }
    switch (name) {
      case 'lang': this.setLanguage(pickLanguage(value, this)); break;
      case 'city': this.setFilter({ ...this.getFilter(), cities: this.#cityList() }); break;
      case 'filter': this.applyState(value ?? '', { keepView: true }); break;
      case 'data-src': this.#loadData().catch((e) => this.#reportError(e)); break;
      case 'basemap-src':
        this.#loadBasemap().then(() => {
          this.#renderAttribution();
          this.#requestDraw();
        }, (e) => this.#reportError(e));
        break;
      case 'basemap-attribution': this.#renderAttribution(); break;
      case 'theme': this.#applyTheme(); break;
      case 'height': this.#applyHeight(); break;
      case 'animate': if (this.#animateAttr()) this.play(); break;
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

  /**
   * `height`: a number of CSS px or a CSS length (px, em, rem, vh, svh, dvh, %), clamped to 160–4000 px;
   * anything else is ignored with a `youcheng:warning` event.
   */
  #applyHeight() {
    const v = (this.getAttribute('height') ?? '').trim();
    if (!v) {
      this.style.removeProperty('height');
      return;
    }
    const m = /^(\d+(?:\.\d+)?)(px|em|rem|vh|svh|dvh|%)?$/.exec(v);
    if (!m) {
      this.#emit('youcheng:warning', { message: this.#t('badAttribute', { name: 'height', value: v.slice(0, 40) }), attribute: 'height' });
      return;
    }
    const unit = m[2] ?? 'px';
    // CSSOM (allowed by a strict CSP); clamp() keeps em/vh heights in bounds too.
    this.style.height = `clamp(160px, ${m[1]}${unit}, 4000px)`;
  }

  #cityList() {
    return (this.getAttribute('city') ?? '').split(/[\s,]+/).filter(Boolean);
  }

  #t(key, vars) {
    return translate(this.#lang, key, vars);
  }

  // ---- the shadow DOM ----
  #build() {
    const root = this.shadowRoot;
    const ui = (this.#ui = {});
    const on = (node, type, fn, opts = {}) => node.addEventListener(type, fn, { signal: this.#abort.signal, ...opts });
    const sheet = h('link', { rel: 'stylesheet', href: new URL('youcheng.css', BASE).href });
    ui.announce = h('div', { class: 'yc-sr', 'aria-live': 'polite', role: 'status' });
    ui.summary = h('p', { class: 'yc-summary', 'aria-live': 'polite', id: 'yc-summary' });
    // Toolbar
    ui.search = h('input', { type: 'search', class: 'yc-search', part: 'search', autocomplete: 'off', spellcheck: 'false' });
    ui.searchLabel = h('label', { class: 'yc-search-label' }, h('span', { class: 'yc-sr' }), ui.search);
    ui.filtersToggle = h('button', { type: 'button', class: 'yc-btn yc-filters-toggle', 'aria-expanded': 'false', 'aria-controls': 'yc-filters' });
    ui.colour = h('select', { class: 'yc-colour' }, ...COLOUR_MODES.map((m) => h('option', { value: m })));
    ui.colourLabel = h('label', { class: 'yc-colour-label' }, h('span', {}), ui.colour);
    ui.play = h('button', { type: 'button', class: 'yc-btn yc-play', 'aria-pressed': 'false' });
    ui.statsToggle = h('button', { type: 'button', class: 'yc-btn yc-stats-toggle', 'aria-pressed': 'false', 'aria-controls': 'yc-stats' });
    ui.tableToggle = h('button', { type: 'button', class: 'yc-btn yc-table-toggle', 'aria-pressed': 'false', 'aria-controls': 'yc-table' });
    ui.exportBtn = h('button', { type: 'button', class: 'yc-btn yc-export' });
    ui.langBtn = h('button', { type: 'button', class: 'yc-btn yc-lang' });
    ui.themeBtn = h('button', { type: 'button', class: 'yc-btn yc-theme', 'aria-pressed': 'false' });
    ui.skip = h('button', { type: 'button', class: 'yc-btn yc-skip' });
    ui.toolbar = h('div', { class: 'yc-toolbar', part: 'toolbar', role: 'toolbar' }, ui.skip, ui.searchLabel, ui.filtersToggle, ui.colourLabel, ui.play, ui.statsToggle, ui.tableToggle, ui.exportBtn, ui.themeBtn, ui.langBtn);
    // Counts
    ui.counts = {};
    const countBox = h('dl', { class: 'yc-counts', part: 'counts' });
    for (const k of ['pairs', 'places', 'countries', 'continents']) {
      ui.counts[k] = { dt: h('dt', {}), dd: h('dd', { class: 'yc-count', 'data-count': k }, '–') };
      countBox.append(h('div', {}, ui.counts[k].dt, ui.counts[k].dd));
    }
    // Filters drawer
    const fieldset = (cls) => {
      const legend = h('legend', {});
      const box = h('div', { class: 'yc-options' });
      return { node: h('fieldset', { class: `yc-fieldset ${cls}` }, legend, box), legend, box };
    };
    ui.fCity = fieldset('yc-f-city');
    ui.fRelation = fieldset('yc-f-relation');
    ui.fLevel = fieldset('yc-f-level');
    ui.fContinent = fieldset('yc-f-continent');
    ui.fCountry = fieldset('yc-f-country');
    ui.fGroup = fieldset('yc-f-group');
    ui.fYear = fieldset('yc-f-year');
    ui.countrySelect = h('select', { class: 'yc-country-add' });
    ui.countryChips = h('ul', { class: 'yc-chips' });
    ui.countryLabel = h('label', { class: 'yc-sr' });
    ui.countryLabel.htmlFor = 'yc-country-add';
    ui.countrySelect.id = 'yc-country-add';
    ui.fCountry.box.append(ui.countryLabel, ui.countrySelect, ui.countryChips);
    ui.yearFrom = h('input', { type: 'range', min: FIRST_YEAR, max: THIS_YEAR, step: 1, value: FIRST_YEAR, class: 'yc-year-from' });
    ui.yearTo = h('input', { type: 'range', min: FIRST_YEAR, max: THIS_YEAR, step: 1, value: THIS_YEAR, class: 'yc-year-to' });
    ui.yearText = h('output', { class: 'yc-year-text' });
    ui.unknownYear = h('input', { type: 'checkbox', class: 'yc-unknown-year', checked: true });
    ui.unknownYearLabel = h('label', { class: 'yc-check' }, ui.unknownYear, h('span', {}));
    ui.fYear.box.append(h('div', { class: 'yc-range' }, ui.yearFrom, ui.yearTo), ui.yearText, ui.unknownYearLabel);
    ui.resetFilters = h('button', { type: 'button', class: 'yc-btn yc-reset-filters' });
    ui.closeFilters = h('button', { type: 'button', class: 'yc-btn yc-close-filters' });
    ui.filters = h('aside', { class: 'yc-filters', id: 'yc-filters', part: 'filters' },
      h('div', { class: 'yc-filters-head' }, h('h2', { class: 'yc-h' }), ui.closeFilters),
      countBox, ui.fCity.node, ui.fRelation.node, ui.fLevel.node, ui.fYear.node, ui.fContinent.node, ui.fCountry.node, ui.fGroup.node, ui.resetFilters);
    // Map
    ui.canvas = h('canvas', { class: 'yc-canvas', 'aria-hidden': 'true' });
    ui.help = h('p', { class: 'yc-sr', id: 'yc-help' });
    ui.mapBox = h('div', { class: 'yc-map', part: 'map', tabindex: '0', role: 'application', 'aria-describedby': 'yc-summary yc-help' }, ui.canvas);
    ui.tooltip = h('div', { class: 'yc-tooltip', role: 'tooltip', hidden: true, part: 'tooltip' });
    ui.zoomIn = h('button', { type: 'button', class: 'yc-btn yc-zoom-in' }, '+');
    ui.zoomOut = h('button', { type: 'button', class: 'yc-btn yc-zoom-out' }, '−');
    ui.zoomReset = h('button', { type: 'button', class: 'yc-btn yc-zoom-reset' }, '⌂');
    ui.zoom = h('div', { class: 'yc-zoom', part: 'zoom' }, ui.zoomIn, ui.zoomOut, ui.zoomReset);
    ui.yearBadge = h('div', { class: 'yc-year-badge', hidden: true, 'aria-hidden': 'true' });
    ui.legendTitle = h('h2', { class: 'yc-h yc-legend-title' });
    ui.legendList = h('ul', { class: 'yc-legend-list' });
    ui.legend = h('div', { class: 'yc-legend', part: 'legend' }, ui.legendTitle, ui.legendList);
    ui.attribution = h('p', { class: 'yc-attribution', part: 'attribution' });
    ui.message = h('div', { class: 'yc-message', role: 'alert', hidden: true, part: 'message' });
    ui.stage = h('div', { class: 'yc-stage' }, ui.mapBox, ui.tooltip, ui.zoom, ui.yearBadge, ui.legend, ui.attribution, ui.message);
    // Detail panel
    ui.detailTitle = h('h2', { class: 'yc-h yc-detail-title', tabindex: '-1' });
    ui.detailBody = h('div', { class: 'yc-detail-body' });
    ui.detailClose = h('button', { type: 'button', class: 'yc-btn yc-detail-close' }, '×');
    ui.detailPin = h('button', { type: 'button', class: 'yc-btn yc-detail-pin', 'aria-pressed': 'false' });
    ui.pinnedList = h('ul', { class: 'yc-chips yc-pinned' });
    ui.detail = h('aside', { class: 'yc-detail', part: 'detail', hidden: true, role: 'region' },
      h('div', { class: 'yc-detail-head' }, ui.detailTitle, ui.detailClose), ui.detailBody, ui.detailPin, ui.pinnedList);
    // Stats and table
    ui.statsPanel = h('section', { class: 'yc-panel yc-stats', id: 'yc-stats', hidden: true, part: 'stats' });
    ui.tablePanel = h('section', { class: 'yc-panel yc-table', id: 'yc-table', hidden: true, part: 'table' });
    ui.body = h('div', { class: 'yc-body' }, ui.filters, ui.stage, ui.detail);
    ui.root = h('div', { class: 'yc-root', part: 'root' }, ui.toolbar, ui.summary, ui.body, ui.statsPanel, ui.tablePanel, ui.help, ui.announce);
    root.replaceChildren(sheet, ui.root);
    ui.mapBox.append(ui.canvas);

    // Wiring
    on(ui.search, 'input', () => {
      this.#cancel(this.#searchTimer);
      this.#searchTimer = this.#later(() => this.setFilter({ ...this.getFilter(), text: ui.search.value }), 120);
    });
    on(ui.skip, 'click', () => ui.mapBox.focus());
    on(ui.filtersToggle, 'click', () => this.#toggleDrawer());
    on(ui.closeFilters, 'click', () => this.#toggleDrawer(false));
    on(ui.colour, 'change', () => this.setColourBy(ui.colour.value));
    on(ui.play, 'click', () => (this.#playing ? this.pause() : this.play()));
    on(ui.statsToggle, 'click', () => this.#toggleStats());
    on(ui.tableToggle, 'click', () => this.toggleTable());
    on(ui.exportBtn, 'click', () => this.#download());
    on(ui.langBtn, 'click', () => this.setLanguage(this.#lang === 'zh' ? 'en' : 'zh'));
    on(ui.themeBtn, 'click', () => (this.theme = this.#isDark() ? 'light' : 'dark'));
    on(ui.zoomIn, 'click', () => this.#key('+'));
    on(ui.zoomOut, 'click', () => this.#key('-'));
    on(ui.zoomReset, 'click', () => this.#key('Home'));
    on(ui.resetFilters, 'click', () => this.setFilter({}));
    on(ui.countrySelect, 'change', () => {
      const iso = ui.countrySelect.value;
      ui.countrySelect.value = '';
      if (iso) this.#toggleIn('countries', iso, true);
    });
    const years = () => {
      let a = Number(ui.yearFrom.value), b = Number(ui.yearTo.value);
      if (a > b) [a, b] = [b, a];
      this.setFilter({ ...this.getFilter(), yearFrom: a > FIRST_YEAR ? a : null, yearTo: b < THIS_YEAR ? b : null });
    };
    on(ui.yearFrom, 'input', years);
    on(ui.yearTo, 'input', years);
    on(ui.unknownYear, 'change', () => this.setFilter({ ...this.getFilter(), hideUnknownYear: !ui.unknownYear.checked }));
    on(ui.detailClose, 'click', () => this.#clearCurrent(true));
    on(ui.detailPin, 'click', () => this.#pinCurrent());
    // Pointer input goes through the core's state machine.
    const pos = (e) => {
      const r = ui.canvas.getBoundingClientRect();
      return [e.clientX - r.left, e.clientY - r.top];
    };
    on(ui.canvas, 'pointerdown', (e) => {
      if (!this.#map || e.button > 0) return;
      ui.canvas.setPointerCapture?.(e.pointerId);
      ui.mapBox.focus({ preventScroll: true }); // keys (Escape, +/−) go to the map after a click
      this.#result(this.#map.pointerDown(e.pointerId, e.pointerType, ...pos(e)), e);
    });
    on(ui.canvas, 'pointermove', (e) => {
      if (!this.#map) return;
      this.#hoverPos = pos(e);
      this.#result(this.#map.pointerMove(e.pointerId, ...pos(e)), e);
    });
    on(ui.canvas, 'pointerup', (e) => this.#map && this.#result(this.#map.pointerUp(e.pointerId, ...pos(e), e.timeStamp), e));
    on(ui.canvas, 'pointercancel', (e) => this.#map && this.#result(this.#map.pointerCancel(e.pointerId), e));
    on(ui.canvas, 'pointerleave', (e) => e.pointerType === 'mouse' && this.#map && this.#result(this.#map.pointerLeave(), e));
    on(ui.canvas, 'wheel', (e) => {
      if (!this.#map) return;
      this.#result(this.#map.wheel(...pos(e), e.deltaY, e.deltaMode), e);
      this.#cancel(this.#wheelTimer);
      this.#wheelTimer = this.#later(() => this.#map?.settle() && this.#requestDraw(), 160);
    }, { passive: false });
    on(ui.mapBox, 'keydown', (e) => this.#onKey(e));
    on(ui.mapBox, 'blur', () => {
      this.#map?.clearFocus();
      this.#hideTooltip();
      this.#requestDraw();
    });
    on(this.shadowRoot, 'keydown', (e) => {
      if (e.key === 'Escape' && !ui.mapBox.contains(e.target)) {
        if (!ui.detail.hidden) this.#clearCurrent(true);
        else if (ui.filters.classList.contains('yc-open')) this.#toggleDrawer(false);
      }
    });
    this.#translateStatic();
  }

  #searchTimer = 0;
  #wheelTimer = 0;

  #translateStatic() {
    const ui = this.#ui;
    const t = (k, v) => this.#t(k, v);
    ui.mapBox.setAttribute('aria-label', t('mapLabel'));
    ui.help.textContent = t('mapHelp');
    ui.search.placeholder = t('search');
    ui.search.setAttribute('aria-label', t('search'));
    ui.searchLabel.firstChild.textContent = t('searchLabel');
    ui.filtersToggle.textContent = t('filters');
    ui.skip.textContent = t('skipToMap');
    ui.colourLabel.firstChild.textContent = t('colourBy');
    for (const o of ui.colour.options) o.textContent = t(`colour_${o.value}`);
    ui.play.textContent = this.#playing ? t('pause') : t('play');
    ui.statsToggle.textContent = t('stats');
    ui.tableToggle.textContent = t('table');
    ui.exportBtn.textContent = t('exportPng');
    ui.themeBtn.textContent = t('darkTheme');
    ui.themeBtn.setAttribute('aria-pressed', String(this.#isDark()));
    ui.langBtn.textContent = t('language');
    ui.langBtn.setAttribute('lang', this.#lang === 'zh' ? 'en' : 'zh-CN');
    ui.langBtn.title = t('languageName');
    ui.zoomIn.setAttribute('aria-label', t('zoomIn'));
    ui.zoomOut.setAttribute('aria-label', t('zoomOut'));
    ui.zoomReset.setAttribute('aria-label', t('resetView'));
    for (const b of [ui.zoomIn, ui.zoomOut, ui.zoomReset]) b.title = b.getAttribute('aria-label');
    ui.counts.pairs.dt.textContent = t('pairs');
    ui.counts.places.dt.textContent = t('places');
    ui.counts.countries.dt.textContent = t('countries');
    ui.counts.continents.dt.textContent = t('continents');
    ui.filters.querySelector('h2').textContent = t('filters');
    ui.closeFilters.textContent = t('closeFilters');
    ui.fCity.legend.textContent = t('shandongSide');
    ui.fRelation.legend.textContent = t('relation');
    ui.fLevel.legend.textContent = t('level');
    ui.fContinent.legend.textContent = t('continent');
    ui.fCountry.legend.textContent = t('country');
    ui.countryLabel.textContent = t('addCountry');
    ui.fGroup.legend.textContent = t('groups');
    ui.fYear.legend.textContent = t('years');
    ui.yearFrom.setAttribute('aria-label', t('yearFrom'));
    ui.yearTo.setAttribute('aria-label', t('yearTo'));
    ui.unknownYearLabel.lastChild.textContent = t('unknownYear');
    ui.resetFilters.textContent = t('resetFilters');
    ui.legendTitle.textContent = t('legend');
    ui.detailClose.setAttribute('aria-label', t('close'));
    ui.detailClose.title = t('close');
    ui.statsPanel.setAttribute('aria-label', t('statsTitle'));
    ui.detail.setAttribute('aria-labelledby', 'yc-detail-title');
    ui.detailTitle.id = 'yc-detail-title';
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
    const [shandong, countries, groups] = await Promise.all(
      [DATA_FILES.shandong, DATA_FILES.countries, DATA_FILES.groups].map((f) => fetchShipped(new URL(`data/${f}`, BASE))),
    );
    if (this.#map !== map) return;
    const ref = map.loadReference(shandong, countries, groups);
    if (!ref.ok) throw new Error(ref.errors.map((e) => e.text).join('\n'));
    this.#good.reference = [shandong, countries, groups];
    this.#applyTheme();
    this.#observeSize();
    let dataError = null;
    try {
      await this.#loadData();
    } catch (error) {
      dataError = error;
    }
    if (this.#map !== map) return;
    this.#ui.colour.value = map.colourBy;
    // Initial state: attributes, then the URL hash if this map keeps its state there.
    const cities = this.#cityList();
    if (cities.length) map.setFilter({ ...map.getFilter(), cities });
    if (this.getAttribute('filter')) this.applyState(this.getAttribute('filter'), { quiet: true });
    if (this.hasAttribute('hash')) {
      if (location.hash.length > 1) this.applyState(location.hash, { quiet: true });
      addEventListener('hashchange', () => this.#hashWrite !== location.hash && this.applyState(location.hash), { signal: this.#abort.signal });
    }
    this.#renderAttribution();
    this.#refresh({ quiet: true });
    this.#lastState = this.stateHash();
    this.#requestDraw();
    this.#hideMessage();
    if (basemapError) this.#reportError(basemapError, 'basemapFallback', { file: fileLabel(this.getAttribute('basemap-src')) });
    if (dataError) this.#reportError(dataError);
    this.toggleAttribute('ready', true);
    this.#emit('youcheng:ready', { pairs: map.stats().pairs, warnings: this.#loadReport?.warnings ?? [] });
    this.#readyResolve(this);
    if (this.#animateAttr()) this.play();
  }

  /** A new core and handle for this map's canvas (at start, and after a trap). */
  async #newMap() {
    const core = await newCore((message) => (this.#panicMessage = message));
    if (!this.#abort) return null;
    const map = guard(new core.Youcheng(this.#ui.canvas), (error) => this.#recover(error), this.#boundary);
    this.#map = map;
    return map;
  }

  /**
   * The core trapped (a panic, or memory exhausted): tell the portal, start a new core, and restore
   * the last good basemap, reference tables, data and state. Each map has its own core, so the
   * other maps on the page carry on untouched.
   */
  async #recover(error) {
    const message = this.#panicMessage ?? error?.message ?? String(error);
    this.#panicMessage = null;
    this.#map = null;
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#emit('youcheng:error', { message, trap: true });
    const now = Date.now();
    this.#traps = this.#traps.filter((t) => now - t < 10000).concat(now);
    const good = this.#good;
    if (this.#traps.length > 3 || !good.basemap || !good.reference) {
      this.#showMessage(this.#t('recoverFailed', { error: message }), 'error');
      return;
    }
    try {
      const map = await this.#newMap();
      if (!map) return;
      map.loadBasemap(good.basemap);
      map.loadReference(...good.reference);
      if (good.data) map.loadPartnerships(good.data.name, good.data.bytes, todayUnixDays(), good.data.validRowsOnly);
      if (good.data && good.coverage) map.loadCoverage(...good.coverage);
      const r = this.#ui.canvas.getBoundingClientRect();
      map.resize(r.width, r.height, window.devicePixelRatio || 1);
      this.#applyTheme();
      this.applyState(this.#lastState, { quiet: true });
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

  /** An error's text in the UI language (coded errors are translated, others keep their message). */
  #errorText(error) {
    if (error?.code && error.code !== 'noWasm') return this.#t(error.code, error.vars);
    return error?.message ?? String(error);
  }

  /** Shows a failed load in the widget (the map keeps what it had) and emits youcheng:error. */
  #reportError(error, key = 'loadFailed', vars = {}) {
    if (error instanceof CoreTrap) return; // #recover reports it
    const message = this.#errorText(error);
    this.#showMessage(this.#t(key, { ...vars, error: message }), 'error');
    this.#emit('youcheng:error', { message, report: error?.report ?? null });
  }

  /** Loads `basemap-src` (or the shipped basemap); throws, keeping the basemap on screen, on failure. */
  async #loadBasemap({ shippedOnly = false } = {}) {
    const src = shippedOnly ? null : this.getAttribute('basemap-src');
    const url = src ? allowedSource(src, this.#lang) : new URL(`data/${DATA_FILES.basemap}`, BASE);
    const bytes = src ? await fetchLimited(url, MAX_BASEMAP_BYTES) : await fetchShipped(url);
    const text = new TextDecoder().decode(bytes);
    this.#map.loadBasemap(text); // throws with a message naming the problem; the old basemap stays
    this.#good.basemap = text;
    this.#customBasemap = !!src;
  }

  /** Loads the partnerships (the shipped CSV, or `data-src`: CSV or JSON). Throws on errors. */
  async #loadData() {
    const src = this.getAttribute('data-src');
    const url = src ? allowedSource(src, this.#lang) : new URL(`data/${DATA_FILES.partnerships}`, BASE);
    const bytes = src ? await fetchLimited(url, MAX_DATA_BYTES) : await fetchShipped(url, MAX_DATA_BYTES);
    const name = fileLabel(url);
    const report = this.loadCsv(name, bytes);
    if (!report.ok) {
      const first = report.errors.slice(0, 5).map((e) => issueText(this.#lang, e)).join('; ');
      throw Object.assign(new Error(`${this.#t('dataErrors', { file: name, n: report.errorCount ?? report.errors.length })} ${first}`), { report });
    }
    if (!src) await this.#loadCoverage();
  }

  /** The official totals and review date, for the shipped data only (a portal's own data makes no coverage claim). */
  async #loadCoverage() {
    const files = await Promise.all([DATA_FILES.totals, DATA_FILES.about].map((f) => fetchShipped(new URL(`data/${f}`, BASE))));
    const report = this.#map.loadCoverage(...files);
    if (!report.ok) {
      console.warn(`youcheng-map: ${report.errors.map((e) => e.text).join('; ')}`);
      return;
    }
    this.#good.coverage = files;
    this.#refresh({ quiet: true });
  }

  #observeSize() {
    const fit = () => {
      if (!this.#map) return;
      const r = this.#ui.canvas.getBoundingClientRect();
      this.#map.resize(r.width, r.height, window.devicePixelRatio || 1);
      this.#ui.filtersToggle.setAttribute('aria-expanded', String(getComputedStyle(this.#ui.filters).display !== 'none'));
      this.#requestDraw();
    };
    this.#resize = new ResizeObserver(fit);
    this.#resize.observe(this.#ui.canvas);
    const watch = () => {
      this.#dprQuery?.removeEventListener('change', onDpr);
      this.#dprQuery = matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
      this.#dprQuery.addEventListener('change', onDpr, { signal: this.#abort.signal });
    };
    const onDpr = () => {
      fit();
      watch();
    };
    watch();
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => this.#applyTheme(), { signal: this.#abort.signal });
    fit();
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

  // ---- drawing ----
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
    this.#ui.themeBtn?.setAttribute('aria-pressed', String(this.#isDark()));
    if (!this.#map) return;
    const cs = getComputedStyle(this);
    const v = (name) => cs.getPropertyValue(name).trim() || undefined;
    const palette = v('--yc-palette')?.split(/[\s,]+/).filter(Boolean);
    try {
      this.#map.setTheme({ ocean: v('--yc-ocean'), land: v('--yc-land'), china: v('--yc-china'), border: v('--yc-border'), originStroke: v('--yc-origin-stroke'), focus: v('--yc-focus'), palette });
    } catch (error) {
      console.warn(`youcheng-map: ${error.message}`);
    }
    if (this.#choices) this.#refresh({ quiet: true });
    this.#requestDraw();
  }

  // ---- input ----
  #result(r, event) {
    if (r.handled && event?.cancelable) event.preventDefault();
    this.#ui.canvas.classList.toggle('yc-dragging', r.dragging);
    if (r.redraw) this.#requestDraw();
    if (r.view) this.#scheduleHash();
    if (r.hoverChanged) {
      this.#ui.canvas.classList.toggle('yc-pointer', !!r.hover);
      const details = r.hover?.id ? this.#map.details(r.hover.id) : null;
      if (r.hover && event?.type !== 'keydown') this.#showTooltip(r.hover, this.#hoverPos, details);
      else if (!r.hover) this.#hideTooltip();
      this.#emit('youcheng:hover', r.hover ? { ...r.hover, details } : null);
    } else if (r.hover && this.#hoverPos && event?.type === 'pointermove') this.#moveTooltip(this.#hoverPos);
    if (r.clicked) {
      const pin = !!event?.shiftKey;
      if (r.click) this.select(r.click.kind === 'origin' ? `@${r.click.city}` : r.click.id, { pin });
      else this.#clearCurrent(false);
    }
  }

  #key(key, shift = false) {
    if (!this.#map) return;
    this.#result(this.#map.key(key, shift), null);
  }

  #onKey(e) {
    if (!this.#map) return;
    if (e.key === 'Enter' || e.key === ' ') {
      const f = this.#map.focused();
      if (f) {
        e.preventDefault();
        this.select(f.kind === 'origin' ? `@${f.city}` : f.id, { pin: e.shiftKey });
      }
      return;
    }
    if (e.key === 'Escape') {
      this.#clearCurrent(false);
      return;
    }
    const r = this.#map.key(e.key, e.shiftKey);
    this.#result(r, e);
    if (r.handled && /^Arrow/.test(e.key) && !e.shiftKey) {
      const f = this.#map.focused();
      if (f) {
        this.#announce(this.#describe(f));
        const d = f.id ? this.#map.details(f.id) : null;
        const p = d && d.lon !== null ? this.#map.project(d.lon, d.lat) : this.#cityPoint(f.city);
        this.#showTooltip(f, p ? [p.x, p.y] : null, d);
        this.#emit('youcheng:hover', { ...f, details: d });
      }
    }
  }

  #cityPoint(key) {
    const c = this.#choices?.cities.find((x) => x.key === key);
    return c && c.lon !== undefined ? this.#map.project(c.lon, c.lat) : null;
  }

  #announce(text) {
    this.#ui.announce.textContent = text;
  }

  // ---- names ----
  #name(zh, en) {
    return this.#lang === 'zh' ? zh || en : en || zh;
  }

  #cityName(key) {
    const c = this.#choices?.cities.find((x) => x.key === key);
    return c ? this.#name(c.nameZh, c.nameEn) : key;
  }

  #describe(hit) {
    if (hit.kind === 'origin') {
      const n = this.#choices?.cities.find((c) => c.key === hit.city)?.visible ?? 0;
      return this.#t('partnersOf', { city: this.#cityName(hit.city), n });
    }
    const d = this.#map.details(hit.id);
    if (!d) return '';
    const year = d.year ? ` · ${this.#t('tooltipYear', { year: d.year })}` : '';
    return `${this.#name(d.cityZh, d.cityEn)} — ${this.#name(d.partnerZh, d.partnerEn)}, ${this.#name(d.countryZh, d.countryEn)} · ${this.#t(`relation_${d.relation}`)}${year}`;
  }

  // ---- tooltip ----
  #showTooltip(hit, pos, details) {
    const tip = this.#ui.tooltip;
    tip.replaceChildren();
    if (hit.kind === 'origin') {
      tip.append(h('strong', {}, this.#cityName(hit.city)), h('span', {}, this.#describe(hit)));
    } else {
      const d = details ?? this.#map.details(hit.id);
      if (!d) return this.#hideTooltip();
      const other = this.#lang === 'zh' ? d.partnerEn : d.partnerZh;
      tip.append(
        h('strong', { class: 'yc-tip-partner' }, this.#name(d.partnerZh, d.partnerEn)),
        other ? h('span', { class: 'yc-tip-other', lang: this.#lang === 'zh' ? 'en' : 'zh-CN' }, other) : null,
        h('span', { class: 'yc-tip-country' }, this.#name(d.countryZh, d.countryEn)),
        h('span', { class: 'yc-tip-city' }, `${this.#t('shandongSide')}: ${this.#name(d.cityZh, d.cityEn)}${d.subunitZh || d.subunitEn ? ` · ${this.#name(d.subunitZh, d.subunitEn)}` : ''}`),
        h('span', { class: 'yc-tip-relation' }, this.#t(`relation_${d.relation}`)),
        h('span', { class: 'yc-tip-year' }, `${this.#t('established')}: ${d.established ?? this.#t('unknown')}`),
      );
    }
    tip.hidden = false;
    if (pos) this.#moveTooltip(pos);
  }

  #moveTooltip([x, y]) {
    const tip = this.#ui.tooltip;
    const box = this.#ui.stage.getBoundingClientRect();
    const w = tip.offsetWidth, hgt = tip.offsetHeight;
    let left = x + 14, top = y + 14;
    if (left + w > box.width - 4) left = Math.max(4, x - w - 14);
    if (top + hgt > box.height - 4) top = Math.max(4, y - hgt - 14);
    tip.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`; // CSSOM
  }

  #hideTooltip() {
    this.#ui.tooltip.hidden = true;
  }

  // ---- selection and the detail panel ----
  /** Selects a pair by id (or a Shandong key's fan as `@key`); `null` clears. */
  select(id, { pin = false } = {}) {
    if (id !== null && id !== undefined && typeof id !== 'string') throw new TypeError('select(id): id must be a pair id or "@" + a Shandong key (a string), or null');
    if (!this.#map) return false;
    if (id === null || id === undefined || id === '') {
      this.#clearCurrent(false);
      return true;
    }
    if (pin) {
      if (this.#pinned.includes(id)) this.#pinned = this.#pinned.filter((p) => p !== id);
      else this.#pinned.push(id);
      if (this.#current === id) this.#current = null;
    } else this.#current = this.#pinned.includes(id) ? null : id;
    const ok = this.#syncSelection();
    if (!ok) {
      this.#pinned = this.#pinned.filter((p) => p !== id);
      if (this.#current === id) this.#current = null;
      this.#syncSelection();
      return false;
    }
    this.#renderDetail(pin ? id : this.#current ?? id);
    this.#afterSelect();
    return true;
  }

  #syncSelection() {
    let ok = true;
    this.#map.select(null, false);
    for (const id of [...this.#pinned, ...(this.#current ? [this.#current] : [])]) ok = this.#map.select(id, true) && ok;
    return ok;
  }

  #afterSelect() {
    this.#requestDraw();
    this.#scheduleHash();
    const ids = this.selection();
    this.#emit('youcheng:select', { ids, id: ids[ids.length - 1] ?? null, details: ids.filter((i) => !i.startsWith('@')).map((i) => this.#map.details(i)) });
  }

  selection() {
    return this.#map ? this.#map.selection() : [];
  }

  #clearCurrent(all) {
    if (!this.#map) return;
    const had = this.#current || (all && this.#pinned.length);
    this.#current = null;
    if (all || !this.#pinned.length) {
      if (all) this.#pinned = [];
      this.#ui.detail.hidden = true;
    } else this.#renderDetail(this.#pinned[this.#pinned.length - 1]);
    this.#syncSelection();
    if (had) this.#afterSelect();
    if (all) this.#ui.mapBox.focus({ preventScroll: true });
  }

  #pinCurrent() {
    const shown = this.#ui.detail.dataset.id;
    if (!shown) return;
    if (this.#pinned.includes(shown)) this.#pinned = this.#pinned.filter((p) => p !== shown);
    else {
      this.#pinned.push(shown);
      if (this.#current === shown) this.#current = null;
    }
    this.#syncSelection();
    this.#renderDetail(shown);
    this.#afterSelect();
  }

  #renderDetail(id) {
    const ui = this.#ui;
    if (!id) {
      ui.detail.hidden = true;
      return;
    }
    ui.detail.dataset.id = id;
    const body = ui.detailBody;
    body.replaceChildren();
    const row = (label, ...value) => [h('dt', {}, label), h('dd', {}, ...value)];
    if (id.startsWith('@')) {
      const key = id.slice(1);
      ui.detailTitle.textContent = this.#cityName(key);
      const rows = this.#map.rows().filter((r) => r.city === key);
      const list = h('ul', { class: 'yc-partner-list' });
      for (const r of rows) {
        const b = h('button', { type: 'button', class: 'yc-link' }, `${this.#name(r.partnerZh, r.partnerEn)} (${this.#name(r.countryZh, r.countryEn)}${r.year ? `, ${r.year}` : ''})`);
        b.addEventListener('click', () => this.select(r.id));
        list.append(h('li', {}, b));
      }
      body.append(h('p', {}, this.#t('partnersOf', { city: this.#cityName(key), n: rows.length })), list);
    } else {
      const d = this.#map.details(id);
      if (!d) return;
      ui.detailTitle.textContent = `${this.#name(d.cityZh, d.cityEn)} — ${this.#name(d.partnerZh, d.partnerEn)}`;
      const sources = h('ul', { class: 'yc-sources' });
      for (const s of d.sources) {
        // The readable name links to the page (http(s) only); the remark follows as plain text.
        const name = s.url && isHttp(s.url) ? h('a', { href: s.url, rel: 'noopener noreferrer external', target: '_blank', title: s.url }, s.title) : document.createTextNode(s.title);
        sources.append(h('li', {}, name, s.remark ? h('span', { class: 'yc-remark' }, ` ${s.remark}`) : null));
      }
      // Notes are written in English; a Chinese version is shown in the Chinese UI where the data has one.
      const note = this.#lang === 'zh' && d.noteZh ? h('span', { lang: 'zh-CN' }, d.noteZh) : d.note ? h('span', { lang: 'en' }, d.note) : null;
      const dl = h('dl', { class: 'yc-facts' },
        ...row(this.#t('shandongSide'), h('span', { lang: 'zh-CN' }, d.cityZh), ' · ', h('span', { lang: 'en' }, d.cityEn), d.subunitZh || d.subunitEn ? ` (${[d.subunitZh, d.subunitEn].filter(Boolean).join(' · ')})` : ''),
        ...row(this.#t('col_partner'), h('span', { lang: 'zh-CN' }, d.partnerZh || '—'), ' · ', h('span', { lang: 'en' }, d.partnerEn)),
        ...row(this.#t('country'), `${d.countryZh} · ${d.countryEn} (${this.#t(`continent_${d.continent}`)})`),
        ...row(this.#t('level'), this.#t(`level_${d.level}`)),
        ...row(this.#t('relation'), this.#t(`relation_${d.relation}`)),
        ...row(this.#t('status'), h('span', { class: `yc-status yc-status-${d.status}` }, this.#t(`status_${d.status}`))),
        ...row(this.#t('established'), d.established ?? this.#t('unknown')),
        ...row(this.#t('coordinates'), d.lon === null ? this.#t('noLocation') : `${d.lat.toFixed(3)}°, ${d.lon.toFixed(3)}°`),
        ...(note ? row(this.#t('note'), note) : []),
        ...row(this.#t('sources'), sources),
      );
      body.append(dl);
    }
    const pinned = this.#pinned.includes(id);
    ui.detailPin.textContent = pinned ? this.#t('unpin') : this.#t('pin');
    ui.detailPin.setAttribute('aria-pressed', String(pinned));
    ui.pinnedList.replaceChildren();
    for (const p of this.#pinned) {
      const label = p.startsWith('@') ? this.#cityName(p.slice(1)) : (() => {
        const d = this.#map.details(p);
        return d ? `${this.#name(d.cityZh, d.cityEn)} — ${this.#name(d.partnerZh, d.partnerEn)}` : p;
      })();
      const show = h('button', { type: 'button', class: 'yc-link' }, label);
      show.addEventListener('click', () => this.#renderDetail(p));
      const remove = h('button', { type: 'button', class: 'yc-chip-x', 'aria-label': `${this.#t('unpin')}: ${label}` }, '×');
      remove.addEventListener('click', () => {
        this.#pinned = this.#pinned.filter((x) => x !== p);
        this.#syncSelection();
        if (this.#pinned.length || this.#current) this.#renderDetail(this.#current ?? this.#pinned[this.#pinned.length - 1]);
        else ui.detail.hidden = true;
        this.#afterSelect();
      });
      ui.pinnedList.append(h('li', { class: 'yc-chip' }, show, remove));
    }
    ui.detail.hidden = false;
  }

  // ---- filters ----
  getFilter() {
    return this.#map ? this.#map.getFilter() : {};
  }

  /** Replaces the filter (unknown fields are ignored); redraws and emits youcheng:filter. */
  setFilter(filter) {
    checkFilter(filter);
    if (!this.#map) return;
    this.#map.setFilter({ ...filter });
    this.#refresh();
    this.#requestDraw();
  }

  #toggleIn(field, key, on) {
    const f = this.getFilter();
    const set = new Set(f[field] ?? []);
    if (on ?? !set.has(key)) set.add(key);
    else set.delete(key);
    this.setFilter({ ...f, [field]: [...set] });
  }

  setColourBy(mode) {
    if (!COLOUR_MODES.includes(mode)) throw new TypeError(`setColourBy(mode): mode must be one of ${COLOUR_MODES.join(', ')}`);
    if (!this.#map) return;
    this.#map.setColourBy(mode);
    this.#ui.colour.value = mode;
    this.#renderLegend();
    this.#requestDraw();
    this.#scheduleHash();
  }

  #refresh({ quiet = false } = {}) {
    const map = this.#map;
    if (!map) return;
    this.#choices = map.choices();
    const s = map.stats();
    const ui = this.#ui;
    ui.counts.pairs.dd.textContent = s.pairs;
    ui.counts.places.dd.textContent = s.partnerPlaces;
    ui.counts.countries.dd.textContent = s.countries;
    ui.counts.continents.dd.textContent = s.continents;
    const total = this.#choices.cities.reduce((a, c) => a + c.total, 0);
    ui.summary.textContent = (s.pairs === total
      ? this.#t('summaryAll', { pairs: s.pairs, countries: s.countries })
      : this.#t('summaryFiltered', { pairs: s.pairs, total, countries: s.countries, places: s.partnerPlaces }))
      + (s.coverage ? ` ${this.#t('coverage', { shown: s.coverage.shown, official: s.coverage.official, asOf: s.coverage.asOf })}${s.coverage.reviewed ? ` ${this.#t('reviewed', { date: s.coverage.reviewed })}` : ''}` : '');
    this.#coverage = s.coverage ?? null;
    this.#renderFilters(s);
    this.#renderLegend();
    if (this.#stats) this.#renderStats(s);
    if (this.#table) this.#renderTable();
    if (!quiet) {
      this.#scheduleHash();
      this.#emit('youcheng:filter', { filter: map.getFilter(), ids: map.visibleIds(), stats: { pairs: s.pairs, partnerPlaces: s.partnerPlaces, countries: s.countries, continents: s.continents } });
    }
  }

  #checks(box, field, items, selected) {
    box.replaceChildren();
    for (const it of items) {
      const input = h('input', { type: 'checkbox', value: it.key, checked: selected.includes(it.key) });
      input.addEventListener('change', () => this.#toggleIn(field, it.key, input.checked));
      const swatch = it.colour ? h('span', { class: 'yc-swatch', 'aria-hidden': 'true' }) : null;
      if (swatch) swatch.style.backgroundColor = it.colour; // CSSOM
      box.append(h('label', { class: 'yc-check' }, input, swatch, h('span', { class: 'yc-check-name' }, it.label), h('span', { class: 'yc-n' }, it.count)));
    }
  }

  #renderFilters(stats) {
    const ui = this.#ui, f = this.getFilter(), c = this.#choices;
    const count = (list, key) => list.find((x) => x.key === key)?.count ?? 0;
    this.#checks(ui.fCity.box, 'cities', c.cities.map((x) => ({ key: x.key, label: this.#name(x.nameZh, x.nameEn), count: x.visible, colour: x.extra })), f.cities ?? []);
    this.#checks(ui.fRelation.box, 'relations', RELATIONS.map((k) => ({ key: k, label: this.#t(`relation_${k}`), count: count(stats.byRelation, k) })), f.relations ?? []);
    this.#checks(ui.fLevel.box, 'levels', LEVELS.map((k) => ({ key: k, label: this.#t(`level_${k}`), count: count(stats.byLevel, k) })), f.levels ?? []);
    this.#checks(ui.fContinent.box, 'continents', CONTINENTS.map((k) => ({ key: k, label: this.#t(`continent_${k}`), count: count(stats.byContinent, k) })), f.continents ?? []);
    this.#checks(ui.fGroup.box, 'groups', c.groups.map((g) => ({ key: g.key, label: this.#name(g.nameZh, g.nameEn), count: g.visible })), f.groups ?? []);
    ui.fGroup.node.hidden = c.groups.length === 0;
    // Countries: a chooser plus chips for the chosen ones.
    const sorted = [...c.countries].sort((a, b) => this.#name(a.nameZh, a.nameEn).localeCompare(this.#name(b.nameZh, b.nameEn), this.#lang === 'zh' ? 'zh-CN' : 'en'));
    ui.countrySelect.replaceChildren(h('option', { value: '' }, this.#t('addCountry')), ...sorted.filter((x) => !(f.countries ?? []).includes(x.key)).map((x) => h('option', { value: x.key }, `${this.#name(x.nameZh, x.nameEn)} (${x.total})`)));
    ui.countryChips.replaceChildren();
    for (const iso of f.countries ?? []) {
      const x = c.countries.find((y) => y.key === iso);
      const name = x ? this.#name(x.nameZh, x.nameEn) : iso;
      const remove = h('button', { type: 'button', class: 'yc-chip-x', 'aria-label': this.#t('removeCountry', { name }) }, '×');
      remove.addEventListener('click', () => this.#toggleIn('countries', iso, false));
      ui.countryChips.append(h('li', { class: 'yc-chip' }, h('span', {}, `${name} (${x?.visible ?? 0})`), remove));
    }
    ui.yearFrom.value = f.yearFrom ?? FIRST_YEAR;
    ui.yearTo.value = f.yearTo ?? THIS_YEAR;
    ui.yearText.textContent = `${f.yearFrom ?? FIRST_YEAR} – ${f.yearTo ?? THIS_YEAR}`;
    ui.unknownYear.checked = !f.hideUnknownYear;
    if (ui.search.value !== (f.text ?? '') && this.shadowRoot.activeElement !== ui.search) ui.search.value = f.text ?? '';
  }

  #renderLegend() {
    const ui = this.#ui, map = this.#map;
    const f = this.getFilter();
    const mode = map.colourBy;
    ui.legendList.replaceChildren();
    for (const e of map.legend()) {
      let label, pressed;
      if (mode === 'city') {
        label = this.#name(e.nameZh, e.nameEn);
        pressed = (f.cities ?? []).includes(e.key);
      } else if (mode === 'relation') {
        label = this.#t(`relation_${e.key}`);
        pressed = (f.relations ?? []).includes(e.key);
      } else {
        const d = parseInt(e.key, 10);
        label = e.key === 'unknown' ? this.#t('decade_unknown') : this.#t('decade', { d });
        pressed = e.key === 'unknown' ? false : f.yearFrom === d && f.yearTo === d + 9;
      }
      if (e.total === 0) continue;
      const swatch = h('span', { class: `yc-swatch yc-swatch-${mode}`, 'aria-hidden': 'true' });
      swatch.style.backgroundColor = e.colour; // CSSOM
      const b = h('button', { type: 'button', class: 'legend-item yc-legend-item', 'data-key': e.key, 'aria-pressed': String(pressed) }, swatch, h('span', { class: 'yc-legend-name' }, label), h('span', { class: 'yc-n' }, e.visible));
      b.addEventListener('click', () => this.#legendClick(mode, e.key, pressed));
      ui.legendList.append(h('li', {}, b));
    }
  }

  #legendClick(mode, key, pressed) {
    if (mode === 'city') this.#toggleIn('cities', key);
    else if (mode === 'relation') this.#toggleIn('relations', key);
    else if (key === 'unknown') this.setFilter({ ...this.getFilter(), yearFrom: null, yearTo: null, hideUnknownYear: false });
    else {
      const d = parseInt(key, 10);
      this.setFilter({ ...this.getFilter(), yearFrom: pressed ? null : d, yearTo: pressed ? null : d + 9 });
    }
  }

  #toggleDrawer(open) {
    const ui = this.#ui;
    const next = open ?? getComputedStyle(ui.filters).display === 'none';
    ui.filters.classList.toggle('yc-open', next);
    ui.filters.classList.toggle('yc-closed', !next);
    ui.filtersToggle.setAttribute('aria-expanded', String(next));
    if (next) ui.filters.querySelector('input, select, button')?.focus({ preventScroll: true });
    else ui.filtersToggle.focus({ preventScroll: true });
  }

  // ---- statistics ----
  #toggleStats(open) {
    this.#stats = open ?? !this.#stats;
    this.#ui.statsToggle.setAttribute('aria-pressed', String(this.#stats));
    this.#ui.statsPanel.hidden = !this.#stats;
    if (this.#stats) this.#renderStats(this.#map.stats());
  }

  #renderStats(s) {
    const panel = this.#ui.statsPanel;
    const years = [];
    const byYear = new Map(s.byYear.map((c) => [Number(c.key), c.count]));
    const keys = [...byYear.keys()];
    let run = 0;
    const cumulative = [];
    if (keys.length) {
      for (let y = Math.min(FIRST_YEAR, ...keys); y <= Math.max(...keys); y++) {
        const n = byYear.get(y) ?? 0;
        run += n;
        years.push({ year: y, count: n });
        cumulative.push({ year: y, count: run });
      }
    }
    const countryName = (iso) => {
      const c = this.#choices.countries.find((x) => x.key === iso);
      return c ? this.#name(c.nameZh, c.nameEn) : iso;
    };
    const unknown = s.pairs - s.withYear;
    panel.replaceChildren(
      h('h2', { class: 'yc-h' }, this.#t('statsTitle')),
      h('figure', {}, yearChart({ title: this.#t('perYear'), years, cumulative, labels: { newPairs: this.#t('newPairs'), cumulative: this.#t('cumulative') } }),
        h('figcaption', {}, `${this.#t('perYear')}${unknown ? ` (${this.#t('unknownYearCount', { n: unknown })})` : ''}`)),
      h('figure', {}, barChart({ title: this.#t('byContinent'), rows: s.byContinent.map((c) => ({ label: this.#t(`continent_${c.key}`), count: c.count })) }), h('figcaption', {}, this.#t('byContinent'))),
      h('figure', {}, barChart({ title: this.#t('topCountries'), rows: s.byCountry.slice(0, 10).map((c) => ({ label: countryName(c.key), count: c.count })) }), h('figcaption', {}, this.#t('topCountries'))),
    );
    if (s.coverage) panel.append(this.#coverageTable(s.coverage));
  }

  /** Shown vs official per Shandong side, with the province total, its source and the review date. */
  #coverageTable(c) {
    const body = h('tbody', {});
    for (const r of c.byCity) {
      const official = r.official === null ? '—' : `${r.official}${r.asOf ? ` (${r.asOf})` : ''}`;
      body.append(h('tr', {}, h('th', { scope: 'row' }, this.#cityName(r.key)), h('td', {}, String(r.shown)), h('td', {}, official)));
    }
    const source = c.sourceUrl && isHttp(c.sourceUrl) ? h('a', { href: c.sourceUrl, rel: 'noopener noreferrer external', target: '_blank' }, c.source) : c.source;
    return h('figure', { class: 'yc-coverage' },
      h('table', { class: 'yc-coverage-table' },
        h('caption', {}, this.#t('coverageTitle')),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, this.#t('col_city')), h('th', { scope: 'col' }, this.#t('pairs')), h('th', { scope: 'col' }, this.#t('official')))),
        body),
      h('figcaption', {}, this.#t('coverage', { shown: c.shown, official: c.official, asOf: c.asOf }), ' ', h('span', {}, this.#t('coverageSource', { source: '' })), source,
        c.reviewed ? `. ${this.#t('reviewed', { date: c.reviewed })}` : ''));
  }

  // ---- table view ----
  toggleTable(open) {
    this.#table = open ?? !this.#table;
    this.#ui.tableToggle.setAttribute('aria-pressed', String(this.#table));
    this.#ui.tablePanel.hidden = !this.#table;
    if (this.#table) this.#renderTable();
    this.#scheduleHash();
  }

  #renderTable() {
    const panel = this.#ui.tablePanel;
    const rows = this.#map.rows();
    const cols = [
      ['city', (r) => this.#name(r.cityZh, r.cityEn)],
      ['partner', (r) => this.#name(r.partnerZh, r.partnerEn)],
      ['country', (r) => this.#name(r.countryZh, r.countryEn)],
      ['continent', (r) => this.#t(`continent_${r.continent}`)],
      ['relation', (r) => this.#t(`relation_${r.relation}`)],
      ['status', (r) => this.#t(`status_${r.status}`)],
      ['level', (r) => this.#t(`level_${r.level}`)],
      ['year', (r) => r.established ?? ''],
    ];
    const { col, dir } = this.#sort;
    const get = cols.find(([k]) => k === col)?.[1] ?? cols[0][1];
    const locale = this.#lang === 'zh' ? 'zh-CN' : 'en';
    rows.sort((a, b) => dir * (col === 'year' ? (a.year ?? 9999) - (b.year ?? 9999) || String(a.established).localeCompare(String(b.established)) : get(a).localeCompare(get(b), locale)));
    const head = h('tr', {});
    for (const [k] of cols) {
      const sorted = k === col;
      const b = h('button', { type: 'button', class: 'yc-sort' }, this.#t(`col_${k}`), h('span', { 'aria-hidden': 'true' }, sorted ? (dir > 0 ? ' ▲' : ' ▼') : ''));
      b.addEventListener('click', () => {
        this.#sort = { col: k, dir: sorted ? -dir : 1 };
        this.#renderTable();
        panel.querySelector(`th[data-col="${k}"] button`)?.focus();
      });
      head.append(h('th', { scope: 'col', 'data-col': k, 'aria-sort': sorted ? (dir > 0 ? 'ascending' : 'descending') : 'none' }, b));
    }
    const body = h('tbody', {});
    for (const r of rows) {
      const tr = h('tr', { 'data-id': r.id });
      cols.forEach(([k, fn], i) => {
        if (i === 1) {
          const b = h('button', { type: 'button', class: 'yc-link', title: this.#t('showOnMap') }, fn(r));
          b.addEventListener('click', () => this.select(r.id));
          tr.append(h('th', { scope: 'row' }, b));
        } else tr.append(h('td', {}, fn(r)));
      });
      body.append(tr);
    }
    const cov = this.#coverage;
    const caption = `${this.#t('tableCaption', { n: rows.length })}${cov ? ` — ${this.#t('coverageShort', { shown: cov.shown, official: cov.official, asOf: cov.asOf })}` : ''}`;
    const table = h('table', {}, h('caption', {}, caption), h('thead', {}, head), body);
    panel.replaceChildren(h('div', { class: 'yc-table-scroll', tabindex: '0', role: 'region', 'aria-label': this.#t('tableCaption', { n: rows.length }) }, table));
  }

  // ---- timeline ----
  /** Plays the years from 1979 to this year, adding pairs as they were established. */
  play() {
    if (!this.#map || this.#playing) return;
    const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
    const before = this.getFilter();
    const step = reduced ? 5 : 1;
    const delay = reduced ? 1200 : 280;
    const state = { year: FIRST_YEAR, before };
    this.#playing = state;
    this.#ui.play.setAttribute('aria-pressed', 'true');
    this.#ui.play.textContent = this.#t('pause');
    this.#ui.yearBadge.hidden = false;
    const tick = () => {
      if (this.#playing !== state) return;
      this.setFilter({ ...this.getFilter(), yearFrom: null, yearTo: state.year, hideUnknownYear: true });
      this.#ui.yearBadge.textContent = this.#t('year', { year: state.year });
      this.#emit('youcheng:timeline', { year: state.year, pairs: this.#map.stats().pairs });
      if (state.year >= THIS_YEAR) return this.#endPlay(true);
      state.year = Math.min(THIS_YEAR, state.year + step);
      state.timer = this.#later(tick, delay);
    };
    tick();
  }

  pause() {
    this.#endPlay(false);
  }

  #endPlay(finished) {
    const state = this.#playing;
    if (!state) return;
    this.#cancel(state.timer);
    this.#playing = null;
    this.#ui.play.setAttribute('aria-pressed', 'false');
    this.#ui.play.textContent = this.#t('play');
    this.#ui.yearBadge.hidden = true;
    if (finished) this.setFilter({ ...this.getFilter(), yearTo: state.before.yearTo ?? null, yearFrom: state.before.yearFrom ?? null, hideUnknownYear: !!state.before.hideUnknownYear });
    this.#announce(this.#t('playing', { year: finished ? THIS_YEAR : state.year, n: this.#map?.stats().pairs ?? 0 }));
  }

  // ---- language ----
  setLanguage(lang) {
    if (typeof lang !== 'string') throw new TypeError('setLanguage(lang): lang must be "zh" or "en"');
    this.#lang = lang === 'en' ? 'en' : 'zh';
    this.#translateStatic();
    if (this.#map) {
      this.#refresh({ quiet: true });
      this.#renderAttribution();
      const shown = this.#ui.detail.hidden ? null : this.#ui.detail.dataset.id;
      if (shown) this.#renderDetail(shown);
      this.#hideTooltip();
      this.#scheduleHash();
    }
    this.#emit('youcheng:lang', { lang: this.#lang });
  }

  get language() {
    return this.#lang;
  }

  /** The attribution of the basemap on screen: a portal's `basemap-attribution` only goes with its own basemap. */
  #renderAttribution() {
    if (!this.#map) return;
    const own = this.#customBasemap ? this.getAttribute('basemap-attribution') : null;
    this.#ui.attribution.textContent = own || this.#map.attribution;
  }

  get attribution() {
    return this.#ui.attribution?.textContent ?? '';
  }

  // ---- URL / state ----
  /** The state (filter, selection, view, language, colour, table) as a hash string. */
  stateHash() {
    return this.#map ? this.#map.stateHash(this.#lang, this.#table, this.selection()) : '';
  }

  /** Applies a state string (the URL hash form). Problems are reported, the rest applied. */
  applyState(text, { keepView = false, quiet = false } = {}) {
    if (text !== null && text !== undefined && typeof text !== 'string') throw new TypeError('applyState(text): text must be a string in the URL-state form');
    if (!this.#map) return [];
    const { state, problems } = this.#map.parseState(text ?? '');
    this.#map.setFilter(state.filter);
    if (state.colour) this.setColourBy(state.colour);
    if (state.lang && state.lang !== this.#lang) this.setLanguage(state.lang);
    if (state.view && !keepView) this.#map.setView(state.view.lon, state.view.lat, state.view.zoom);
    if (state.table !== this.#table && (state.table || !keepView)) this.toggleTable(state.table);
    this.#pinned = state.selected.slice(0, -1);
    this.#current = state.selected[state.selected.length - 1] ?? null;
    this.#syncSelection();
    this.#refresh({ quiet });
    if (this.#current || this.#pinned.length) this.#renderDetail(this.#current ?? this.#pinned[this.#pinned.length - 1]);
    else this.#ui.detail.hidden = true;
    this.#requestDraw();
    for (const p of problems) console.warn(`youcheng-map: ${p}`);
    return problems;
  }

  /** After a change settles: remember the state (restored after a trap) and, with `hash`, write it to the URL. */
  #scheduleHash() {
    if (!this.#map) return;
    this.#cancel(this.#hashTimer);
    this.#hashTimer = this.#later(() => {
      const hash = this.stateHash();
      this.#lastState = hash;
      if (!this.hasAttribute('hash')) return;
      const next = hash ? `#${hash}` : location.pathname + location.search;
      this.#hashWrite = hash ? `#${hash}` : '';
      if (location.hash !== this.#hashWrite) history.replaceState(history.state, '', next);
    }, 200);
  }

  #hashTimer = 0;

  // ---- export ----
  /** The current view as a PNG (map, legend, title, attribution). */
  async exportPng() {
    const src = this.#ui.canvas;
    const dpr = src.width / Math.max(1, src.getBoundingClientRect().width);
    const legend = this.#map.legend().filter((e) => e.visible > 0);
    const lineH = 18 * dpr, pad = 12 * dpr;
    const cols = Math.max(1, Math.floor(src.width / (170 * dpr)));
    const legendRows = Math.ceil(legend.length / cols);
    const out = document.createElement('canvas');
    out.width = src.width;
    out.height = src.height + pad * 3 + lineH * (legendRows + 2);
    const ctx = out.getContext('2d');
    const cs = getComputedStyle(this);
    ctx.fillStyle = cs.getPropertyValue('--yc-bg').trim() || '#ffffff';
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(src, 0, 0);
    ctx.fillStyle = cs.getPropertyValue('--yc-text').trim() || '#1a1a1a';
    const font = (px, bold = '') => `${bold} ${px * dpr}px system-ui, "Noto Sans CJK SC", sans-serif`;
    let y = src.height + pad + lineH * 0.8;
    ctx.font = font(14, 'bold');
    ctx.fillText(`${this.#t('mapLabel')} — ${this.#ui.summary.textContent}`, pad, y);
    ctx.font = font(12);
    legend.forEach((e, i) => {
      const cx = pad + (i % cols) * ((out.width - pad) / cols);
      const cy = y + lineH * (1 + Math.floor(i / cols));
      ctx.fillStyle = e.colour;
      ctx.fillRect(cx, cy - 9 * dpr, 10 * dpr, 10 * dpr);
      ctx.fillStyle = cs.getPropertyValue('--yc-text').trim() || '#1a1a1a';
      const mode = this.#map.colourBy;
      const label = mode === 'city' ? this.#name(e.nameZh, e.nameEn) : mode === 'relation' ? this.#t(`relation_${e.key}`) : e.key === 'unknown' ? this.#t('decade_unknown') : this.#t('decade', { d: parseInt(e.key, 10) });
      ctx.fillText(`${label} (${e.visible})`, cx + 14 * dpr, cy);
    });
    y += lineH * (legendRows + 1.5);
    ctx.font = font(11);
    ctx.fillText(this.attribution, pad, y);
    return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png'));
  }

  async #download() {
    const blob = await this.exportPng();
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: `youcheng-${new Date().toISOString().slice(0, 10)}.png` });
    this.shadowRoot.append(a);
    a.click();
    a.remove();
    this.#later(() => URL.revokeObjectURL(url), 1000);
  }

  // ---- the rest of the contract ----
  /** Where a place is drawn, in CSS px relative to the canvas: {x, y} or null. */
  project(lon, lat) {
    checkNumbers('project(lon, lat)', { lon, lat });
    return this.#map ? this.#map.project(lon, lat) : null;
  }
  visibleIds() {
    return this.#map ? this.#map.visibleIds() : [];
  }
  stats() {
    return this.#map ? this.#map.stats() : null;
  }
  legend() {
    return this.#map ? this.#map.legend() : [];
  }
  details(id) {
    if (typeof id !== 'string') throw new TypeError('details(id): id must be a string');
    return this.#map ? this.#map.details(id) : null;
  }
  view() {
    return this.#map ? this.#map.view() : null;
  }
  setView(lon, lat, zoom) {
    checkNumbers('setView(lon, lat, zoom)', { lon, lat, zoom });
    this.#map?.setView(lon, lat, zoom);
    this.#requestDraw();
    this.#scheduleHash();
  }
  resetView() {
    this.#key('Home');
  }
  /** The Shandong keys with names, colours and counts. */
  cities() {
    return this.#choices?.cities ?? [];
  }
  /** Frames drawn, land-layer renders and reuses, and calls into the core so far (for tests and tuning). */
  frameStats() {
    const stats = this.#map?.frameStats() ?? null;
    return stats && { ...stats, coreCalls: this.#boundary.calls };
  }
  get canvas() {
    return this.#ui.canvas;
  }
  redraw() {
    this.#requestDraw();
  }

  /**
   * Test hook: makes this map's core panic with `message`, as a bug would. The core traps; the map
   * emits `youcheng:error` with the panic's message, starts a new core and restores its data and state
   * (then emits `youcheng:recovered`). Other maps on the page are not touched.
   */
  testTrap(message = 'test trap') {
    if (typeof message !== 'string') throw new TypeError('testTrap(message): message must be a string');
    try {
      this.#map?.panicForTest(message);
    } catch (e) {
      if (!(e instanceof CoreTrap)) throw e;
    }
  }

  /**
   * Loads a partnerships file (`bytes`: Uint8Array, ArrayBuffer or string): CSV in UTF-8, GB18030 or
   * UTF-16 (Excel's "Unicode text", tab-separated), or JSON when `name` ends in .json. On errors the
   * map keeps what it shows, unless `validRowsOnly`: then the valid rows are loaded and the others
   * listed in `report.rejected`. Returns the load report; throws a TypeError for wrong argument types.
   */
  loadCsv(name, bytes, { validRowsOnly = false } = {}) {
    if (typeof name !== 'string') throw new TypeError('loadCsv(name, bytes): name must be a string');
    if (typeof bytes === 'string') bytes = new TextEncoder().encode(bytes);
    else if (bytes instanceof ArrayBuffer) bytes = new Uint8Array(bytes);
    else if (!(bytes instanceof Uint8Array)) throw new TypeError('loadCsv(name, bytes): bytes must be a Uint8Array, an ArrayBuffer or a string');
    if (!this.#map) return { ok: false, file: name, pairs: 0, errors: [], warnings: [], rejected: [] };
    if (/\.json$/i.test(name)) {
      // JSON records with the CSV's column names (a portal's export): converted, then read like CSV.
      try {
        bytes = new TextEncoder().encode(jsonToCsv(new TextDecoder().decode(bytes)));
      } catch (e) {
        const text = `${name}: ${e.message}`;
        return { ok: false, file: name, pairs: 0, errorCount: 1, errors: [{ file: name, line: 0, field: '', value: '', severity: 'error', code: 'syntax', params: { detail: e.message }, message: e.message, text }], warnings: [], rejected: [] };
      }
    }
    if (bytes.length > MAX_DATA_BYTES) {
      const text = this.#t('tooLarge', { file: name, bytes: bytes.length, limit: MAX_DATA_BYTES });
      return { ok: false, file: name, pairs: 0, errorCount: 1, errors: [{ file: name, line: 0, field: '', value: '', severity: 'error', code: 'too-large', message: text, text }], warnings: [] };
    }
    let report;
    try {
      report = this.#map.loadPartnerships(name, bytes, todayUnixDays(), !!validRowsOnly);
    } catch (e) {
      if (!(e instanceof CoreTrap)) throw e;
      const text = this.#t('recovered', { error: e.message });
      return { ok: false, file: name, pairs: 0, errorCount: 1, errors: [{ file: name, line: 0, field: '', value: '', severity: 'error', code: 'trap', message: text, text }], warnings: [] };
    }
    this.#loadReport = report;
    if (report.ok) {
      this.#good.data = { name, bytes, validRowsOnly: !!validRowsOnly };
      this.#good.coverage = null;
      this.#pinned = [];
      this.#current = null;
      this.#ui.detail.hidden = true;
      this.#refresh();
      this.#requestDraw();
      this.#emit('youcheng:data', report);
    }
    return report;
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

if (!customElements.get('youcheng-map')) customElements.define('youcheng-map', YouchengMap);
