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
  basemapSrc: string;
  /** The attribution line for your own basemap (shown only while it is on screen). */
  basemapAttribution: string;
  /** Keep the state in the page's URL hash (a boolean attribute). */
  hash: boolean;
  theme: 'light' | 'dark' | 'auto' | string;
  height: string;
  // The `animate` attribute has no property: `animate()` stays Element's Web Animations method.
  controls: 'full' | 'minimal' | 'none' | string;
  readonly language: Lang;
  readonly attribution: string;
  readonly canvas: HTMLCanvasElement;

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
  setColourBy(mode: ColourBy): void;
  setLanguage(lang: Lang): void;
  view(): View | null;
  setView(lon: number, lat: number, zoom: number): void;
  resetView(): void;
  play(): void;
  pause(): void;
  toggleTable(open?: boolean): void;
  stateHash(): string;
  /** Applies a URL-state string; returns the problems found (the rest is applied). */
  applyState(text: string, options?: { keepView?: boolean; quiet?: boolean }): string[];
  exportPng(): Promise<Blob>;
  /** Loads a partnerships CSV; throws a TypeError for arguments of the wrong type. */
  loadCsv(name: string, bytes: Uint8Array | ArrayBuffer | string, options?: { validRowsOnly?: boolean }): LoadReport;
  /** Test hook: makes this map's core panic; it recovers (see `youcheng:recovered`). */
  testTrap(message?: string): void;
  /** Frames drawn, land-layer renders and reuses, and calls from JS into the core so far. */
  frameStats(): (FrameStats & { coreCalls: number }) | null;
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
export type Details = { id: string, line: number, city: string, cityZh: string, cityEn: string, subunitZh: string, subunitEn: string, partnerZh: string, partnerEn: string, partnerZhSource: string, country: string, countryZh: string, countryEn: string, continent: string, level: 'province' | 'city' | 'county' | 'unknown', relation: 'friendship' | 'cooperation' | 'unknown', established: string | null, year: number | null, lon: number | null, lat: number | null, coordSource: string, status: 'signed' | 'intent' | 'unconfirmed', sources: Array<SourceView>, note: string, noteZh: string, };
export type SourceView = { title: string, url: string | null, remark: string, };
export type HitView = { 
/**
 * `arc`, `partner` or `origin`.
 */
kind: 'arc' | 'partner' | 'origin', 
/**
 * The pair's id (arcs and partner dots).
 */
id: string | null, 
/**
 * The Shandong key.
 */
city: string, 
/**
 * The pair, for arcs and partner dots.
 */
details: Details | null, 
/**
 * Where its dot is drawn, CSS px (for a tooltip next to a keyboard focus).
 */
x: number | null, y: number | null, };
export type Choice = { key: string, nameZh: string, nameEn: string, 
/**
 * Continent of a country; colour of a Shandong key; source of a group.
 */
extra: string, total: number, visible: number, lon?: number, lat?: number, };
export type Choices = { cities: Array<Choice>, countries: Array<Choice>, groups: Array<Choice>, };
export type LegendEntry = { key: string, nameZh: string, nameEn: string, colour: string, visible: number, total: number, };
export type Count = { key: string, count: number, };
export type Stats = { pairs: number, partnerPlaces: number, countries: number, continents: number, withYear: number, 
/**
 * Pairs whose year is not known: `with_year + unknown_year == pairs`.
 */
unknownYear: number, withPartnerZh: number, withSources: number, withLocation: number, byCity: Array<Count>, byCountry: Array<Count>, byContinent: Array<Count>, byRelation: Array<Count>, 
/**
 * Pairs per status (`signed`, `intent`, `unconfirmed`).
 */
byStatus: Array<Count>, 
/**
 * Pairs per partner level (`province`, `city`, `county`, `unknown`).
 */
byLevel: Array<Count>, byDecade: Array<Count>, 
/**
 * New pairs per year, for the years that have any.
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
official: number, officialCountries: number | null, asOf: string, 
/**
 * Where the total comes from: a readable name and, if there is one, the link.
 */
source: string, sourceUrl: string | null, reviewed: string | null, byCity: Array<CityCoverage>, };
export type CityCoverage = { key: string, 
/**
 * Pairs of this side in the data (whatever the filter).
 */
shown: number, official: number | null, asOf: string | null, };
export type StatsView = { coverage: CoverageView | null, pairs: number, partnerPlaces: number, countries: number, continents: number, withYear: number, 
/**
 * Pairs whose year is not known: `with_year + unknown_year == pairs`.
 */
unknownYear: number, withPartnerZh: number, withSources: number, withLocation: number, byCity: Array<Count>, byCountry: Array<Count>, byContinent: Array<Count>, byRelation: Array<Count>, 
/**
 * Pairs per status (`signed`, `intent`, `unconfirmed`).
 */
byStatus: Array<Count>, 
/**
 * Pairs per partner level (`province`, `city`, `county`, `unknown`).
 */
byLevel: Array<Count>, byDecade: Array<Count>, 
/**
 * New pairs per year, for the years that have any.
 */
byYear: Array<Count>, 
/**
 * Pairs established up to and including each year, for every year from the first with a
 * pair to the last (years with no new pair included); the last count is `with_year`.
 */
cumulative: Array<Count>, };
export type Shown = { "kind": "pair", id: string, details: Details, } | { "kind": "city", id: string, key: string, partners: Array<Details>, };
export type Snapshot = { filter: Filter, colourBy: 'city' | 'relation' | 'decade', stats: StatsView, legend: Array<LegendEntry>, choices: Choices, 
/**
 * Selected ids (pairs by id, Shandong sides as `@key`), pinned first.
 */
selection: Array<string>, pinned: Array<string>, shown: Shown | null, };
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
 * Free text matched against both sides' names in Chinese, English and pinyin, their
 * countries and the id; case, Latin diacritics and separators are ignored (see
 * [`crate::search`]).
 */
text: string, };
export type View = { lon: number, lat: number, zoom: number, };
export type UrlState = { filter: Filter, 
/**
 * Selected (pinned) partnership ids, in pinning order.
 */
selected: Array<string>, view: View | null, 
/**
 * `"zh"` or `"en"`.
 */
lang: string | null, 
/**
 * Arc colouring: `"city"`, `"relation"` or `"decade"`.
 */
colour: string | null, 
/**
 * Whether the data table view is open.
 */
table: boolean, };
export type Severity = "error" | "warning";
export type IssueReport = { file: string, line: number, field: string, value: string, severity: Severity, code: string, 
/**
 * The values of the message, by name, for a translated template of `code`.
 */
params: { [key in string]: string }, 
/**
 * The message in English.
 */
message: string, text: string, };
export type LoadReport = { ok: boolean, file: string, pairs: number, 
/**
 * Errors found, listed or only counted.
 */
errorCount: number, errors: Array<IssueReport>, warnings: Array<IssueReport>, 
/**
 * Rows left out by a load of the valid rows only, with their errors.
 */
rejected: Array<IssueReport>, };
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
hoverChanged: boolean, hover: HitView | null, 
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
 * What a URL state could not use, and the parts the page owns (language, table).
 */
problems: Array<string>, lang: string | null, table: boolean | null, 
/**
 * Why a command was refused (an unknown id, a bad colour name); nothing changed.
 */
error: string | null, };
export type FrameStats = { frames: number, baseRenders: number, baseReuses: number, };
export type ThemeInput = { ocean: string | null, land: string | null, china: string | null, border: string | null, originStroke: string | null, focus: string | null, palette: Array<string> | null, };
export type Command = { "type": "pointerDown", id: number, kind: string, x: number, y: number, } | { "type": "pointerMove", id: number, x: number, y: number, } | { "type": "pointerUp", id: number, x: number, y: number, t: number, pin: boolean, } | { "type": "pointerCancel", id: number, } | { "type": "pointerLeave" } | { "type": "wheel", x: number, y: number, deltaY: number, deltaMode: number, } | { "type": "settle" } | { "type": "key", key: string, shift: boolean, } | { "type": "blur" } | { "type": "select", id: string | null, pin: boolean, } | { "type": "clearSelection", all: boolean, } | { "type": "togglePin" } | { "type": "unpin", id: string, } | { "type": "show", id: string, } | { "type": "setFilter", filter: Filter, } | { "type": "setColourBy", colour: string, } | { "type": "setView", lon: number, lat: number, zoom: number, } | { "type": "resetView" } | { "type": "applyState", text: string, keepView: boolean, } | { "type": "resize", width: number, height: number, dpr: number, };
// ---- end of the generated types ----
