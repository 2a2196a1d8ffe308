// Type definitions for <youcheng-map> (www/youcheng.js). The values that come from the core are
// generated from its Rust types (the block between the marker lines at the end); the element's own
// API is written here.

export type Lang = 'zh' | 'en';
export type ColourBy = 'city' | 'relation' | 'decade';

/** The names this file used before the core's types were generated (below). */
export type Source = SourceView;
/** Shown vs the official totals: only for the shipped data (null for a portal's own data). */
export type Coverage = CoverageView;
/** A problem: `code` and `params` give the message in any language (i18n.js ISSUES); `message` and `text` are English. */
export type Issue = IssueReport;
/** What is under the pointer or the keyboard focus. */
export type Hit = Pick<HitView, 'kind' | 'id' | 'city'>;
/** `stats()`: counts of the visible pairs plus coverage. */
export type StatsAndCoverage = StatsView;

export interface YouchengEvents {
  'youcheng:ready': CustomEvent<{ pairs: number; warnings: Issue[] }>;
  /** A load failed (the map keeps what it showed), or the core trapped (`trap: true`; a new core is started). */
  'youcheng:error': CustomEvent<{ message: string; report?: LoadReport | null; trap?: boolean }>;
  /** After a trap: the new core shows the last good data, basemap and state again. */
  'youcheng:recovered': CustomEvent<{ message: string }>;
  /** An attribute had an invalid value and was ignored. */
  'youcheng:warning': CustomEvent<{ message: string; attribute: string; problems?: string[] }>;
  'youcheng:filter': CustomEvent<{ filter: Filter; ids: string[]; stats: Pick<Stats, 'pairs' | 'partnerPlaces' | 'countries' | 'continents'> }>;
  'youcheng:select': CustomEvent<{ ids: string[]; id: string | null; details: Details[] }>;
  'youcheng:hover': CustomEvent<(Hit & { details: Details | null }) | null>;
  'youcheng:data': CustomEvent<LoadReport>;
  /** A partnerships load in steps (`data-src`, `loadFile`) is this far: one event per step. */
  'youcheng:progress': CustomEvent<Progress & { file: string }>;
  'youcheng:lang': CustomEvent<{ lang: Lang }>;
  'youcheng:timeline': CustomEvent<{ year: number; pairs: number }>;
}

export declare class YouchengMap extends HTMLElement {
  static observedAttributes: string[];
  /** Resolves when the map has loaded (also after a load error, which sets the `error` attribute). */
  readonly ready: Promise<YouchengMap>;
  lang: string;
  city: string;
  /** The URL-state form, e.g. "city=weifang&rel=friendship&from=1990". */
  filter: string;
  dataSrc: string;
  /** Your own origins file (the columns of `shandong.csv`; `name_zh` may be empty), for a network that is not Shandong's; needs `dataSrc`. */
  originsSrc: string;
  basemapSrc: string;
  /** The attribution line for your own basemap (shown only while it is on screen). */
  basemapAttribution: string;
  /** Keep the state in the page's URL hash (a boolean attribute). */
  hash: boolean;
  /**
   * Animate a flow along the visible arcs (a boolean attribute, off by default). It never runs under
   * `prefers-reduced-motion` and pauses while the map is off-screen or the tab is hidden.
   */
  flow: boolean;
  theme: 'light' | 'dark' | 'auto' | string;
  height: string;
  // The `animate` attribute has no property: `animate()` stays Element's Web Animations method.
  controls: 'full' | 'minimal' | 'none' | string;
  readonly language: Lang;
  /** The basemap's full attribution (the widget shows a compact line, e.g. "底图：GS(2023)2767", and this on demand). */
  readonly attribution: string;
  /** The map's top canvas: what is drawn over its cached land and arcs layers (their own canvases under it) — input goes to it; read the whole map with `picture()`. */
  readonly canvas: HTMLCanvasElement;
  /** The map as shown (the land and arcs layers and what is drawn over them) on a new canvas, at the canvas's device pixels; null before the map has loaded. */
  picture(): HTMLCanvasElement | null;

  /** Where a place is drawn, in CSS px relative to the canvas, or null. */
  project(lon: number, lat: number): { x: number; y: number } | null;
  /** Selects a pair by id, or a Shandong key's fan as "@key"; null clears. `pin` keeps earlier selections. */
  select(id: string | null, options?: { pin?: boolean }): boolean;
  selection(): string[];
  /** Fields left out are cleared (an empty list: no restriction). */
  setFilter(filter: Partial<Filter>): void;
  getFilter(): Filter;
  visibleIds(): string[];
  stats(): StatsView | null;
  legend(): LegendEntry[];
  cities(): Array<{ key: string; nameZh: string; nameEn: string; extra: string; total: number; visible: number; lon?: number; lat?: number }>;
  details(id: string): Details | null;
  /** The shipped data's notes and sources, fetched now if they have not come yet (otherwise fetched with the first details shown or the CSV export); resolves true once `details()` carries every note and source. */
  loadNotes(): Promise<boolean>;
  setColourBy(mode: ColourBy): void;
  setLanguage(lang: Lang): void;
  view(): View | null;
  setView(lon: number, lat: number, zoom: number): void;
  resetView(): void;
  /** The Shandong inset drawn on the canvas (its frame and each city's target, CSS px), or null while hidden; keep overlays clear of it. */
  inset(): InsetView | null;
  /** The country and partner names drawn on the map at the last settled view. */
  labels(): LabelView[];
  /** Fits the view to the visible pairs (flies there, or jumps under reduced motion); false when no visible pair has a place. */
  fitToVisible(): boolean;
  /** Ranked search results (countries, Shandong cities, places, pairs; at most 8), as the search box's list shows them. */
  search(text: string): SearchHit[];
  play(): void;
  pause(): void;
  toggleTable(open?: boolean): void;
  stateHash(): string;
  /** Applies a URL-state string; returns the problems found (the rest is applied). */
  applyState(text: string, options?: { keepView?: boolean; quiet?: boolean }): string[];
  /**
   * The view as a PNG with title, summary, legend, attribution and date, drawn off-screen by the core
   * (the same whatever panels are open): as wide as the element in CSS px times `scale` (1–4, default
   * 1), or `width` device pixels wide (100–8192). Wrong options throw a TypeError.
   */
  exportPng(options?: { scale?: number; width?: number }): Promise<Blob>;
  /** The same report as an SVG document (`image/svg+xml`, vector, for print). */
  exportSvg(): Promise<Blob>;
  /**
   * Loads a partnerships CSV at once → its report; throws a TypeError for arguments of the wrong
   * type. A map that shows only the shipped data runs on the small build of the core, which reads
   * no file: it first moves to the full build (fetched then), and the report comes as a promise.
   */
  loadCsv(name: string, bytes: Uint8Array | ArrayBuffer | string, options?: { validRowsOnly?: boolean }): LoadReport | Promise<LoadReport>;
  /**
   * The same in steps between frames (a large file never freezes the page; progress shows on the map and in
   * `youcheng:progress`); `cancelled` when a newer load replaced it. Rejects with a TypeError for wrong arguments.
   */
  loadFile(name: string, bytes: Uint8Array | ArrayBuffer | string, options?: { validRowsOnly?: boolean }): Promise<LoadReport & { cancelled?: boolean }>;
  /** Test hook: makes this map's core panic; it recovers (see `youcheng:recovered`). */
  testTrap(message?: string): void;
  /**
   * Frames drawn, land-layer renders and reuses, calls from JS into the core, and ms spent drawing frames so far;
   * `arcsPending` while a large arcs layer is still being drawn over frames, `idlePending` while the search index
   * is still being made in idle time after new data (or, at a large network, the raster workers are sent the map's
   * arcs); `rasterWorker` counts the raster workers' answers for bands of large arcs layers (their pixels, empty
   * bands, bands skipped because a newer layer had been sent, and failures, after which the core rasterises them
   * itself), `byNumber` the layers sent naming the arcs the workers hold (sent them once per dataset in idle time,
   * so a layer is sent as its view and pairs, not every line's points), and `down` once the workers have failed or
   * could not be made (the core then rasterises every layer itself). `landPending` while the land layer's picture
   * for the view shown is still awaited from the worker that draws it after a view change (meanwhile the last one
   * is shown moved to the view); `landWorker` counts the lists sent to it, its pictures and its failures (after
   * which the core draws the land itself), and `down` once it failed or could not be made.
   */
  frameStats(): (FrameStats & { coreCalls: number; drawMs: number; arcsPending: boolean; landPending: boolean; idlePending: boolean; rasterWorker: { images: number; empty: number; skipped: number; failed: number; byNumber: number; down: boolean }; landWorker: { sent: number; pictures: number; failed: number; down: boolean } }) | null;
  redraw(): void;

  addEventListener<K extends keyof YouchengEvents>(type: K, listener: (this: YouchengMap, ev: YouchengEvents[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'youcheng-map': YouchengMap;
  }
}

// ---- generated from the Rust types by src/app/typescript.rs: do not edit by hand ----
export type Details = { 
/**
 * The pair's line in its source file (the header is line 1).
 */
line: number, 
/**
 * The Shandong key, e.g. `"qingdao"`.
 */
city: string, 
/**
 * The Shandong district or county-level city in Chinese when the tie is at that level,
 * else empty.
 */
subunitZh: string, 
/**
 * The same subunit in English, or empty.
 */
subunitEn: string, 
/**
 * Where `partner_zh` comes from: `official`, `standard` or `translit`, or empty; as
 * written in the file.
 */
partnerZhSource: string, 
/**
 * The partner's country: ISO 3166-1 alpha-2 code, upper case.
 */
country: string, 
/**
 * The partner's longitude in degrees; `None` when its place is unknown (the pair is listed
 * but not drawn).
 */
lon: number | null, 
/**
 * The partner's latitude in degrees; `None` when its place is unknown.
 */
lat: number | null, 
/**
 * Where the point comes from, as written, e.g. `geonames:<id>`, `capital:geonames:<id>`,
 * `hand:…` or `unknown:…`.
 */
coordSource: string, 
/**
 * The evidence for the pair, in the order written. The shipped data's come with its notes
 * (`notes.csv`, fetched with the first details shown or the CSV export, or by `loadNotes()`):
 * empty until then.
 */
sources: Array<SourceView>, 
/**
 * The note in English (date details, doubts, which capital the point uses); may be empty.
 */
note: string, 
/**
 * The note in Chinese; empty when the file has none.
 */
noteZh: string, 
/**
 * The pair's id, e.g. `"qingdao-shimonoseki"`.
 */
id: string, 
/**
 * The Shandong side's Chinese name, e.g. `"青岛市"`.
 */
cityZh: string, 
/**
 * The Shandong side's English name, e.g. `"Qingdao"`.
 */
cityEn: string, 
/**
 * The partner's name in simplified Chinese; empty when nobody is confident of it.
 */
partnerZh: string, 
/**
 * The partner's name in English.
 */
partnerEn: string, 
/**
 * The country's Chinese name.
 */
countryZh: string, 
/**
 * The country's English name.
 */
countryEn: string, 
/**
 * The country's continent key, e.g. `"north_america"`.
 */
continent: string, 
/**
 * The partner's administrative level.
 */
level: 'province' | 'city' | 'county' | 'unknown', 
/**
 * The type of tie.
 */
relation: 'friendship' | 'cooperation' | 'unknown', 
/**
 * How firm the tie is.
 */
status: 'signed' | 'intent' | 'unconfirmed', 
/**
 * When the tie was established, `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as precisely as known;
 * `None` when unknown.
 */
established: string | null, 
/**
 * The year of `established`; `None` when unknown.
 */
year: number | null, };
export type TableRow = { 
/**
 * The pair's id, e.g. `"qingdao-shimonoseki"`.
 */
id: string, 
/**
 * The Shandong side's Chinese name, e.g. `"青岛市"`.
 */
cityZh: string, 
/**
 * The Shandong side's English name, e.g. `"Qingdao"`.
 */
cityEn: string, 
/**
 * The partner's name in simplified Chinese; empty when nobody is confident of it.
 */
partnerZh: string, 
/**
 * The partner's name in English.
 */
partnerEn: string, 
/**
 * The country's Chinese name.
 */
countryZh: string, 
/**
 * The country's English name.
 */
countryEn: string, 
/**
 * The country's continent key, e.g. `"north_america"`.
 */
continent: string, 
/**
 * The partner's administrative level.
 */
level: 'province' | 'city' | 'county' | 'unknown', 
/**
 * The type of tie.
 */
relation: 'friendship' | 'cooperation' | 'unknown', 
/**
 * How firm the tie is.
 */
status: 'signed' | 'intent' | 'unconfirmed', 
/**
 * When the tie was established, `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as precisely as known;
 * `None` when unknown.
 */
established: string | null, 
/**
 * The year of `established`; `None` when unknown.
 */
year: number | null, };
export type TableColumns = { 
/**
 * Each row's pair id.
 */
ids: Array<string>, 
/**
 * Each row's partner name in simplified Chinese (empty when nobody is confident of it).
 */
partnerZh: Array<string>, 
/**
 * Each row's partner name in English.
 */
partnerEn: Array<string>, 
/**
 * The origin sides the rows name, each once.
 */
cities: Array<TableName>, 
/**
 * Each row's origin side in `cities`.
 */
city: Array<number>, 
/**
 * The countries the rows name, each once.
 */
countries: Array<TableCountry>, 
/**
 * Each row's country in `countries`.
 */
country: Array<number>, 
/**
 * Each row's partner's administrative level.
 */
level: Array<'province' | 'city' | 'county' | 'unknown'>, 
/**
 * Each row's type of tie.
 */
relation: Array<'friendship' | 'cooperation' | 'unknown'>, 
/**
 * How firm each row's tie is.
 */
status: Array<'signed' | 'intent' | 'unconfirmed'>, 
/**
 * When each row's tie was established (as [`TableRow::established`]); `None` when unknown.
 */
established: Array<string | null>, 
/**
 * The year of `established`; `None` when unknown.
 */
year: Array<number | null>, };
export type TableName = { 
/**
 * Its Chinese name.
 */
zh: string, 
/**
 * Its English name.
 */
en: string, };
export type TableCountry = { 
/**
 * Its Chinese name.
 */
zh: string, 
/**
 * Its English name.
 */
en: string, 
/**
 * Its continent's key, e.g. `"north_america"`.
 */
continent: string, };
export type SourceView = { 
/**
 * The name to show: the source's title, else the link's host (without `www.`), else the
 * remark.
 */
title: string, 
/**
 * The `http(s)` link; `None` when the entry has none.
 */
url: string | null, 
/**
 * A remark such as "(mirror of …)"; may be empty.
 */
remark: string, };
export type HitView = { 
/**
 * `arc`, `partner` or `origin`.
 */
kind: 'arc' | 'partner' | 'origin', 
/**
 * The pair's id (arcs and partner dots); `None` for an origin.
 */
id: string | null, 
/**
 * The Shandong key.
 */
city: string, 
/**
 * The pair, for arcs and partner dots; `None` for an origin.
 */
details: Details | null, 
/**
 * Where its dot is drawn, CSS px from the canvas's left edge (for a tooltip next to a
 * keyboard focus); `None` when it has no point on the map.
 */
x: number | null, 
/**
 * Where its dot is drawn, CSS px from the canvas's top edge; `None` when it has no point
 * on the map.
 */
y: number | null, 
/**
 * For a partner dot drawn as one marker with others at this zoom (a stack): the first
 * [`MEMBERS_LISTED`] pairs of the stack, this one among them or not, in data order; empty
 * otherwise. (At a world network a stack can hold a thousand pairs, and every hover over it
 * sent them all.)
 */
members: Array<Details>, 
/**
 * How many pairs the stack holds; 0 when the dot is not in a stack.
 */
memberCount: number, };
export type Rect = { 
/**
 * Left edge, CSS px from the canvas's left.
 */
x: number, 
/**
 * Top edge, CSS px from the canvas's top.
 */
y: number, 
/**
 * Width, CSS px.
 */
width: number, 
/**
 * Height, CSS px.
 */
height: number, };
export type InsetCityView = { 
/**
 * The Shandong key.
 */
key: string, 
/**
 * Its label as drawn.
 */
label: string, 
/**
 * Its label's box.
 */
labelBox: Rect, 
/**
 * The square a pointer or a finger hits around its dot (at least 24 × 24 CSS px).
 */
target: Rect, };
export type InsetView = { 
/**
 * The inset's frame, CSS px from the canvas's top-left.
 */
rect: Rect, 
/**
 * Its origins, in the order of `shandong.csv`.
 */
cities: Array<InsetCityView>, 
/**
 * Where the page's button that hides it goes (after its title, kept clear of the origins).
 */
toggle: Rect, };
export type LabelView = { 
/**
 * The text.
 */
text: string, 
/**
 * Its box, CSS px from the canvas's top-left.
 */
rect: Rect, 
/**
 * A country's name (else a partner's, or a stack's first partner with `+n`).
 */
country: boolean, };
export type Choice = { 
/**
 * A Shandong key, an ISO 3166-1 alpha-2 code or a group key.
 */
key: string, 
/**
 * The Chinese name.
 */
nameZh: string, 
/**
 * The English name.
 */
nameEn: string, 
/**
 * Continent of a country; colour of a Shandong key; source of a group.
 */
extra: string, 
/**
 * Pairs with this choice in the whole data set.
 */
total: number, 
/**
 * Pairs with this choice that the current filter shows.
 */
visible: number, 
/**
 * Longitude in degrees of the point a Shandong side's arcs start from; left out for
 * countries and groups.
 */
lon?: number, 
/**
 * Latitude in degrees of the same point; left out for countries and groups.
 */
lat?: number, };
export type Choices = { 
/**
 * The origins (Shandong keys by default), in the order of `shandong.csv`: every one, or
 * for a network of more than [`LISTED_ORIGINS`] the ones with most pairs and any in the
 * filter.
 */
cities: Array<Choice>, 
/**
 * Origins left out of `cities` (0 for Shandong's 17).
 */
moreCities: number, 
/**
 * Every pair in the data, filtered or not.
 */
allPairs: number, 
/**
 * The countries that have pairs, in the order of `countries.csv`.
 */
countries: Array<Choice>, 
/**
 * Every thematic group, in the order of `groups.csv`; its counts are those of its member
 * countries, summed.
 */
groups: Array<Choice>, };
export type LegendEntry = { 
/**
 * A Shandong key, a relation key, a decade (`"1990s"`) or `"unknown"`.
 */
key: string, 
/**
 * The Shandong side's Chinese name when colouring by city; empty otherwise.
 */
nameZh: string, 
/**
 * The Shandong side's English name when colouring by city; empty otherwise.
 */
nameEn: string, 
/**
 * The entry's colour as CSS: `#rrggbb`, or `rgba(…)` when translucent.
 */
colour: string, 
/**
 * Pairs of this entry that the current filter shows.
 */
visible: number, 
/**
 * Pairs of this entry in the whole data set.
 */
total: number, };
export type Count = { 
/**
 * The label: a Shandong key, an ISO 3166-1 alpha-2 code, a continent, relation, status or
 * level key, a decade (`"1990s"`) or a year (`"1990"`).
 */
key: string, 
/**
 * Pairs that carry it.
 */
count: number, };
export type Stats = { 
/**
 * Pairs counted.
 */
pairs: number, 
/**
 * Distinct partner places: country and English name, case ignored.
 */
partnerPlaces: number, 
/**
 * Distinct partner countries.
 */
countries: number, 
/**
 * Distinct continents of the partner countries.
 */
continents: number, 
/**
 * Pairs whose establishment year is known.
 */
withYear: number, 
/**
 * Pairs whose year is not known: `with_year + unknown_year == pairs`.
 */
unknownYear: number, 
/**
 * Pairs with a Chinese name for the partner.
 */
withPartnerZh: number, 
/**
 * Pairs with at least one source.
 */
withSources: number, 
/**
 * Pairs with a point on the map (their place is known).
 */
withLocation: number, 
/**
 * Pairs per Shandong key, in the order of `shandong.csv`; keys without pairs left out.
 */
byCity: Array<Count>, 
/**
 * Pairs per partner country (ISO 3166-1 alpha-2 code), most first, ties by code.
 */
byCountry: Array<Count>, 
/**
 * Pairs per continent key, most first, ties by key.
 */
byContinent: Array<Count>, 
/**
 * Pairs per relation (`friendship`, `cooperation`, `unknown`), in that order; relations
 * without pairs left out.
 */
byRelation: Array<Count>, 
/**
 * Pairs per status (`signed`, `intent`, `unconfirmed`), in that order; statuses without
 * pairs left out.
 */
byStatus: Array<Count>, 
/**
 * Pairs per partner level (`province`, `city`, `county`, `unknown`), in that order; levels
 * without pairs left out.
 */
byLevel: Array<Count>, 
/**
 * Pairs per decade of establishment (`"1990s"`), earliest first; pairs without a year are
 * not counted.
 */
byDecade: Array<Count>, 
/**
 * New pairs per year, earliest first, for the years that have any.
 */
byYear: Array<Count>, 
/**
 * Pairs established up to and including each year, for every year from the first with a
 * pair to the last (years with no new pair included); the last count is `with_year`.
 */
cumulative: Array<Count>, };
export type CoverageView = { 
/**
 * Pairs in the data.
 */
shown: number, 
/**
 * The latest province-wide total.
 */
official: number, 
/**
 * The countries that total reaches, when its row says.
 */
officialCountries: number | null, 
/**
 * The date of that total: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
 */
asOf: string, 
/**
 * Where the total comes from: a readable name (of the row's first source; empty when it
 * has none) and, in `source_url`, the link.
 */
source: string, 
/**
 * The link of that source; `None` when it has none.
 */
sourceUrl: string | null, 
/**
 * The date of the last review (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`); `None` when not given.
 */
reviewed: string | null, 
/**
 * Shown vs official for each Shandong key, in the order of `shandong.csv`.
 */
byCity: Array<CityCoverage>, };
export type CityCoverage = { 
/**
 * The Shandong key.
 */
key: string, 
/**
 * Pairs of this side in the data (whatever the filter).
 */
shown: number, 
/**
 * The latest official total of this side; `None` when there is none.
 */
official: number | null, 
/**
 * The date of that total (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`); `None` when there is none.
 */
asOf: string | null, };
export type StatsView = { 
/**
 * How complete the shipped data is; `None` without coverage tables or a province-wide
 * official total.
 */
coverage: CoverageView | null, 
/**
 * Undated pairs the year range leaves out (they pass every other restriction); 0 without
 * a year bound or when the visitor asked for them (or to hide them).
 */
hiddenUndated: number, 
/**
 * Origins left out of `byCity`: a network of more than [`LISTED_ORIGINS`] origins lists
 * the ones with most visible pairs (a world list's 8,000 would make every snapshot
 * ~270 KB); 0 for Shandong's 17.
 */
moreCities: number, 
/**
 * Pairs counted.
 */
pairs: number, 
/**
 * Distinct partner places: country and English name, case ignored.
 */
partnerPlaces: number, 
/**
 * Distinct partner countries.
 */
countries: number, 
/**
 * Distinct continents of the partner countries.
 */
continents: number, 
/**
 * Pairs whose establishment year is known.
 */
withYear: number, 
/**
 * Pairs whose year is not known: `with_year + unknown_year == pairs`.
 */
unknownYear: number, 
/**
 * Pairs with a Chinese name for the partner.
 */
withPartnerZh: number, 
/**
 * Pairs with at least one source.
 */
withSources: number, 
/**
 * Pairs with a point on the map (their place is known).
 */
withLocation: number, 
/**
 * Pairs per Shandong key, in the order of `shandong.csv`; keys without pairs left out.
 */
byCity: Array<Count>, 
/**
 * Pairs per partner country (ISO 3166-1 alpha-2 code), most first, ties by code.
 */
byCountry: Array<Count>, 
/**
 * Pairs per continent key, most first, ties by key.
 */
byContinent: Array<Count>, 
/**
 * Pairs per relation (`friendship`, `cooperation`, `unknown`), in that order; relations
 * without pairs left out.
 */
byRelation: Array<Count>, 
/**
 * Pairs per status (`signed`, `intent`, `unconfirmed`), in that order; statuses without
 * pairs left out.
 */
byStatus: Array<Count>, 
/**
 * Pairs per partner level (`province`, `city`, `county`, `unknown`), in that order; levels
 * without pairs left out.
 */
byLevel: Array<Count>, 
/**
 * Pairs per decade of establishment (`"1990s"`), earliest first; pairs without a year are
 * not counted.
 */
byDecade: Array<Count>, 
/**
 * New pairs per year, earliest first, for the years that have any.
 */
byYear: Array<Count>, 
/**
 * Pairs established up to and including each year, for every year from the first with a
 * pair to the last (years with no new pair included); the last count is `with_year`.
 */
cumulative: Array<Count>, };
export type Shown = { "kind": "pair", 
/**
 * The pair's id.
 */
id: string, 
/**
 * The pair.
 */
details: Details, } | { "kind": "city", 
/**
 * The selection id, `@key`.
 */
id: string, 
/**
 * The Shandong key.
 */
key: string, 
/**
 * Its pairs that the current filter shows, in data order.
 */
partners: Array<Details>, };
export type Snapshot = { 
/**
 * The current filter.
 */
filter: Filter, 
/**
 * What the arc colours show.
 */
colourBy: 'city' | 'relation' | 'decade', 
/**
 * Statistics of the visible pairs, and coverage.
 */
stats: StatsView, 
/**
 * The legend of the current colouring, in its order.
 */
legend: Array<LegendEntry>, 
/**
 * The filter choices with their counts.
 */
choices: Choices, 
/**
 * Selected ids (pairs by id, Shandong sides as `@key`), pinned first.
 */
selection: Array<string>, 
/**
 * The pinned ids, oldest first.
 */
pinned: Array<string>, 
/**
 * What the detail panel shows; `None` when it is closed.
 */
shown: Shown | null, 
/**
 * The keys the controls offer and the years the slider spans.
 */
vocabulary: Vocabulary, 
/**
 * The flow animation is running.
 */
flow: boolean, 
/**
 * The Shandong inset at the current view; `None` when it is hidden (zoomed in far enough,
 * one origin, or no room).
 */
inset: InsetView | null, 
/**
 * Where the Shandong inset would be (its frame, CSS px), when the visitor hid it
 * (`setInset`); `None` otherwise (for the page's button that shows it again).
 */
insetHidden: Rect | null, 
/**
 * The country and partner names drawn on the map at the last settled view.
 */
labels: Array<LabelView>, };
export type Vocabulary = { 
/**
 * Relation keys (`friendship`, `cooperation`, `unknown`).
 */
relations: Array<string>, 
/**
 * Partner level keys.
 */
levels: Array<string>, 
/**
 * Continent keys that local governments can be on (Antarctica left out).
 */
continents: Array<string>, 
/**
 * Status keys (`signed`, `intent`, `unconfirmed`).
 */
statuses: Array<string>, 
/**
 * Colour mode keys.
 */
colourModes: Array<string>, 
/**
 * The first year the year slider offers: the earliest tie in the data (1979 for Shandong's).
 */
firstYear: number, 
/**
 * The last year it offers: today's year, or a later tie's.
 */
lastYear: number, 
/**
 * Whether any pair of the data has a known year (the year filter then offers a range;
 * without one, only whether to show the pairs of unknown year).
 */
dated: boolean, };
export type Filter = { 
/**
 * Shandong keys (`shandong`, `jinan`, …).
 */
cities: Array<string>, 
/**
 * ISO alpha-2 codes.
 */
countries: Array<string>, 
/**
 * Continent keys.
 */
continents: Array<string>, 
/**
 * Relation keys: `friendship`, `cooperation`, `unknown`.
 */
relations: Array<'friendship' | 'cooperation' | 'unknown'>, 
/**
 * Level keys: `province`, `city`, `county`, `unknown`.
 */
levels: Array<'province' | 'city' | 'county' | 'unknown'>, 
/**
 * Thematic group keys; a country in any of them passes.
 */
groups: Array<string>, 
/**
 * Earliest year shown (inclusive).
 */
yearFrom: number | null, 
/**
 * Latest year shown (inclusive).
 */
yearTo: number | null, 
/**
 * Hide pairs whose year is not known (whether or not a year bound is set).
 */
hideUnknownYear: boolean, 
/**
 * Keep the pairs whose year is not known although a year bound is set (the visitor asked
 * for them). Without it a year range shows only pairs dated within it; without a bound
 * undated pairs are shown unless [`Filter::hide_unknown_year`].
 */
showUnknownYear: boolean, 
/**
 * Free text matched against both sides' names in Chinese, English and pinyin (and pinyin
 * initials), their countries with their aliases, and the id; case, Latin diacritics and
 * separators are ignored, short queries match only whole names or word starts, and a typo
 * is forgiven when nothing matches otherwise (see [`crate::search`]).
 */
text: string, };
export type View = { 
/**
 * Longitude of the centre, in degrees (east positive); [`UrlState::parse`] wraps it into
 * [-180, 180).
 */
lon: number, 
/**
 * Latitude of the centre, in degrees (north positive), within ±90.
 */
lat: number, 
/**
 * The zoom relative to the default view (1 = the whole map), within
 * [`ZOOM_MIN`]…[`ZOOM_MAX`].
 */
zoom: number, };
export type UrlState = { 
/**
 * The filter: keys `city`, `country`, `continent`, `rel`, `level`, `group`, `from`, `to`,
 * `unknown` and `q`.
 */
filter: Filter, 
/**
 * Selected ids (pairs by id, Shandong sides as `@key`; key `sel`, repeats dropped): the
 * pinned ones in pinning order, then the current one.
 */
selected: Array<string>, 
/**
 * The map's centre and zoom (key `view`); `None` for the default view.
 */
view: View | null, 
/**
 * `"zh"` or `"en"` (key `lang`, one of [`LANGS`]); `None` leaves the page's choice.
 */
lang: string | null, 
/**
 * Arc colouring: `"city"`, `"relation"` or `"decade"` (key `colour`, one of
 * [`ColourBy::ALL`](crate::style::ColourBy::ALL));
 * `None` for the default.
 */
colour: string | null, 
/**
 * Whether the data table view is open (key `table`, `1` or `0`).
 */
table: boolean, };
export type Severity = "error" | "warning";
export type IssueReport = { 
/**
 * The file's name, as [`Issue::file`].
 */
file: string, 
/**
 * 1-based line of the file (the header is line 1); 0 for a summary of the whole file.
 */
line: number, 
/**
 * The column, or empty for whole-row and whole-file problems.
 */
field: string, 
/**
 * The value found; empty when the problem is not with one value.
 */
value: string, 
/**
 * Whether it stops the file.
 */
severity: Severity, 
/**
 * The problem's stable code, e.g. `"bad-date"`.
 */
code: string, 
/**
 * The values of the message, by name, for a translated template of `code`.
 */
params: { [key in string]: string }, 
/**
 * The message in English.
 */
message: string, 
/**
 * The whole line in English: file, line, field, value (first 80 characters) and message.
 */
text: string, };
export type LoadReport = { 
/**
 * Whether the file was loaded (possibly without its rejected rows). `false` also when the
 * reference tables are not loaded yet, with no errors listed.
 */
ok: boolean, 
/**
 * The file's name as given; `"reference"` for the reference tables and
 * `"official_totals.csv"` for the coverage tables.
 */
file: string, 
/**
 * Pairs loaded; 0 when the load failed, and for the reference and coverage tables.
 */
pairs: number, 
/**
 * Errors found, listed or only counted (for a load of the valid rows, those of the
 * rejected rows).
 */
errorCount: number, 
/**
 * The errors listed, the first of each kind; empty when `ok`.
 */
errors: Array<IssueReport>, 
/**
 * The warnings listed, the first of each kind.
 */
warnings: Array<IssueReport>, 
/**
 * Rows left out by a load of the valid rows only, with their errors.
 */
rejected: Array<IssueReport>, };
export type SearchHit = { 
/**
 * What it is.
 */
kind: HitKind, 
/**
 * What [`Command::Choose`](crate::app::Command::Choose) takes: the ISO code of a country,
 * the Shandong key, or a pair's id (a place's first pair).
 */
key: string, 
/**
 * Its Chinese name (the English one when it has none).
 */
nameZh: string, 
/**
 * Its English name.
 */
nameEn: string, 
/**
 * For a pair, its Shandong side in Chinese (with the subunit when there is one); else empty.
 */
sideZh: string, 
/**
 * The same in English.
 */
sideEn: string, 
/**
 * The country's Chinese name; empty for a Shandong key.
 */
countryZh: string, 
/**
 * The country's English name; empty for a Shandong key.
 */
countryEn: string, 
/**
 * How many pairs it stands for.
 */
pairs: number, };
export type HitKind = "country" | "city" | "place" | "pair";
export type LoadPhase = "decode" | "read" | "check" | "build" | "done" | "cancelled";
export type Progress = { 
/**
 * The phase.
 */
phase: LoadPhase, 
/**
 * Work done in this phase.
 */
done: number, 
/**
 * Work in this phase.
 */
total: number, 
/**
 * The whole load, 0–100 (each phase weighted by its usual share of the time).
 */
percent: number, };
export type LoadStatus = { 
/**
 * The load this is about.
 */
id: number, 
/**
 * Its phase and progress.
 */
progress: Progress, 
/**
 * The report, when done (the data is then on the map if it loaded) or cancelled.
 */
report: LoadReport | null, };
export type Response = { 
/**
 * The page should `preventDefault` the event.
 */
handled: boolean, 
/**
 * Something visible changed: request a frame.
 */
redraw: boolean, 
/**
 * The view moved (the page may update the URL).
 */
view: boolean, 
/**
 * A press became a drag.
 */
dragging: boolean, 
/**
 * What is under the pointer (or, after a key, the keyboard focus) changed.
 */
hoverChanged: boolean, 
/**
 * What is under the pointer or the keyboard focus now; set only with `hover_changed`
 * (then `None` means nothing is).
 */
hover: HitView | null, 
/**
 * The keyboard focus moved: the page announces `hover` and shows its tooltip.
 */
focusMoved: boolean, 
/**
 * The selection (or what the detail panel shows) changed.
 */
selectionChanged: boolean, 
/**
 * The filter, colours or data changed: the page refreshes its controls.
 */
dataChanged: boolean, 
/**
 * What a URL state could not use, as readable messages (after [`Command::ApplyState`]).
 */
problems: Array<string>, 
/**
 * The language a URL state names (`"zh"` or `"en"`), for the page to apply; `None` when
 * it names none, and after other commands.
 */
lang: string | null, 
/**
 * Whether a URL state opens the table view; `Some` only after [`Command::ApplyState`].
 */
table: boolean | null, 
/**
 * Why a command was refused (an unknown id, a bad colour name); nothing changed.
 */
error: string | null, 
/**
 * The ranked results after [`Command::Search`]; empty after other commands.
 */
results: Array<SearchHit>, 
/**
 * A flight is under way: send [`Command::FlyFrame`] on the next animation frame.
 */
flying: boolean, 
/**
 * What the map lays out over itself changed (the Shandong inset came, went, moved or was
 * hidden, or the names on the map moved, with a new size, a settled view, the language or
 * the data): the page reads the snapshot again to keep its overlays clear of it (and
 * `labels()`, `inset()` true).
 */
layoutChanged: boolean, 
/**
 * After [`Command::LoadStep`]: how far the load is, with its report once done.
 */
load: LoadStatus | null, 
/**
 * After [`Command::Prepare`]: work is left; send it again in idle time.
 */
pending: boolean, };
export type FrameStats = { 
/**
 * Frames planned (drawn) so far; wraps round at `u32::MAX`.
 */
frames: number, 
/**
 * Times the land layer was drawn afresh.
 */
baseRenders: number, 
/**
 * Times the land layer was shifted and scaled during a gesture instead of drawn (plain
 * copies are not counted).
 */
baseReuses: number, 
/**
 * Times the arcs layer was drawn afresh (a new view, filter, data or colours).
 */
arcsRenders: number, 
/**
 * Times the arcs layer was shifted and scaled during a gesture instead of drawn.
 */
arcsReuses: number, 
/**
 * Frames that left what is drawn over the layers as it was (the layers on canvases of
 * their own, and nothing over them changed: a pan with nothing emphasised).
 */
topReuses: number, };
export type ThemeInput = { 
/**
 * Start from the dark theme's map colours instead of the light one's.
 */
dark: boolean, 
/**
 * The background behind the land.
 */
ocean: string | null, 
/**
 * The fill of every country but China.
 */
land: string | null, 
/**
 * The fill of China.
 */
china: string | null, 
/**
 * The country outlines.
 */
border: string | null, 
/**
 * The ring around origin dots and emphasised partner dots.
 */
originStroke: string | null, 
/**
 * The keyboard focus ring.
 */
focus: string | null, 
/**
 * One arc colour per Shandong key, in the order of `shandong.csv` (repeated when shorter);
 * an empty list keeps the current palette.
 */
palette: Array<string> | null, };
export type RectPx = { 
/**
 * Left edge.
 */
x: number, 
/**
 * Top edge.
 */
y: number, 
/**
 * Width (a negative or non-finite width makes the rectangle empty).
 */
width: number, 
/**
 * Height (a negative or non-finite height makes the rectangle empty).
 */
height: number, };
export type Command = { "type": "pointerDown", 
/**
 * The DOM `pointerId`.
 */
id: number, 
/**
 * The DOM `pointerType`; anything but `"touch"` or `"pen"` counts as a mouse.
 */
kind: string, 
/**
 * From the canvas's left edge, CSS px.
 */
x: number, 
/**
 * From the canvas's top edge, CSS px.
 */
y: number, } | { "type": "pointerMove", 
/**
 * The DOM `pointerId`.
 */
id: number, 
/**
 * From the canvas's left edge, CSS px.
 */
x: number, 
/**
 * From the canvas's top edge, CSS px.
 */
y: number, } | { "type": "pointerUp", 
/**
 * The DOM `pointerId`; a pointer that is not down is ignored.
 */
id: number, 
/**
 * From the canvas's left edge, CSS px.
 */
x: number, 
/**
 * From the canvas's top edge, CSS px.
 */
y: number, 
/**
 * The event's time stamp, in milliseconds.
 */
t: number, 
/**
 * Shift was held: a click toggles its target among the pinned selections instead of
 * making it the current one. `false` when left out.
 */
pin: boolean, } | { "type": "pointerCancel", 
/**
 * The DOM `pointerId`.
 */
id: number, } | { "type": "pointerLeave" } | { "type": "wheel", 
/**
 * From the canvas's left edge, CSS px.
 */
x: number, 
/**
 * From the canvas's top edge, CSS px.
 */
y: number, 
/**
 * The DOM `deltaY`, in the unit of `delta_mode`; negative zooms in about (x, y).
 */
deltaY: number, 
/**
 * The DOM `deltaMode`: 0 pixels, 1 lines, 2 pages.
 */
deltaMode: number, } | { "type": "settle" } | { "type": "key", 
/**
 * The DOM `KeyboardEvent.key`, e.g. `"ArrowRight"` or `"+"`.
 */
key: string, 
/**
 * Shift was held.
 */
shift: boolean, } | { "type": "blur" } | { "type": "select", 
/**
 * A pair's id or `@key` (surrounding spaces ignored); `None` or blank drops the current
 * selection.
 */
id: string | null, 
/**
 * Toggle it among the pinned selections instead of making it the current one.
 */
pin: boolean, } | { "type": "clearSelection", 
/**
 * Drop the pinned selections too.
 */
all: boolean, } | { "type": "togglePin" } | { "type": "unpin", 
/**
 * A pair's id or `@key`; refused when the data has no such id.
 */
id: string, } | { "type": "show", 
/**
 * A pair's id or `@key`; refused when the data has no such id.
 */
id: string, } | { "type": "setFilter", 
/**
 * The new filter.
 */
filter: Filter, } | { "type": "setColourBy", 
/**
 * `"city"`, `"relation"` or `"decade"`; anything else is refused.
 */
colour: string, } | { "type": "setView", 
/**
 * Longitude of the centre, in degrees.
 */
lon: number, 
/**
 * Latitude of the centre, in degrees.
 */
lat: number, 
/**
 * The zoom relative to the default view (1 = the whole map), clamped to
 * `ZOOM_MIN`…`ZOOM_MAX`.
 */
zoom: number, } | { "type": "resetView" } | { "type": "applyState", 
/**
 * The state in the URL-hash form (see [`crate::urlstate`]); what it cannot use is
 * reported in [`Response::problems`].
 */
text: string, 
/**
 * Leave the view as it is, whatever the state says.
 */
keepView: boolean, } | { "type": "reveal", 
/**
 * Panels over the map (a bottom sheet, a legend opened over it); empty for none.
 */
covered: Array<RectPx>, } | { "type": "search", 
/**
 * What the visitor typed.
 */
text: string, 
/**
 * The most results wanted (at most 20).
 */
limit: number, } | { "type": "choose", 
/**
 * What the result is.
 */
kind: HitKind, 
/**
 * The result's `key`.
 */
key: string, 
/**
 * Fly there in frames ([`Command::FlyFrame`]) rather than jump (false under reduced
 * motion).
 */
animate: boolean, } | { "type": "fitVisible", 
/**
 * Fly there in frames rather than jump.
 */
animate: boolean, } | { "type": "flyFrame", 
/**
 * Time since the flight started, ms.
 */
ms: number, } | { "type": "setLang", 
/**
 * `"zh"` or `"en"`.
 */
lang: string, } | { "type": "resize", 
/**
 * Width in CSS px, clamped to 1…`MAX_CANVAS_SIDE_PX / dpr`; 1 when not finite.
 */
width: number, 
/**
 * Height in CSS px, clamped like the width.
 */
height: number, 
/**
 * Device pixels per CSS pixel (`devicePixelRatio`), capped at 4; 1 when not a finite
 * positive number.
 */
dpr: number, } | { "type": "setInset", 
/**
 * Whether it is shown.
 */
shown: boolean, } | { "type": "setFlow", 
/**
 * Whether the flow's dots are drawn (and the page asks for frames).
 */
on: boolean, } | { "type": "loadStep", 
/**
 * The load, as its start answered.
 */
id: number, 
/**
 * Most rows to do in this step (at least 1).
 */
rows: number, } | { "type": "cancelLoad" } | { "type": "prepare", 
/**
 * Most pairs to do in this step (at least 1).
 */
pairs: number, };
export type ReportSpec = { 
/**
 * The report's width in CSS px (the element's width), kept within the limits.
 */
widthCssPx: number, 
/**
 * Device pixels per CSS pixel (1, 2, 3 …); 1 when left out.
 */
scale: number | null, 
/**
 * The image's width in device pixels; when given it sets the scale.
 */
widthPx: number | null, 
/**
 * The title line.
 */
title: string, 
/**
 * The summary: counts, coverage and review date.
 */
summary: string, 
/**
 * The legend's labels, one for each entry of the snapshot's legend in order; entries
 * with nothing visible are left out of the report.
 */
legend: Array<string>, 
/**
 * The attribution line (basemap and data).
 */
attribution: string, 
/**
 * The date line ("Exported 2026-11-25").
 */
date: string, 
/**
 * The panel's background, `#rrggbb`; white when left out or unreadable.
 */
background: string | null, 
/**
 * The panel's text colour, `#rrggbb`; near-black when left out or unreadable.
 */
text: string | null, };
// ---- end of the generated types ----
