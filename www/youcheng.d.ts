// Type definitions for <youcheng-map> (www/youcheng.js).

export type Lang = 'zh' | 'en';
export type ColourBy = 'city' | 'relation' | 'decade';

/** Same shape as the URL state's filter. Empty lists mean "no restriction". */
export interface Filter {
  cities?: string[];
  countries?: string[];
  continents?: string[];
  relations?: Array<'friendship' | 'cooperation' | 'unknown'>;
  levels?: Array<'province' | 'city' | 'county' | 'unknown'>;
  groups?: string[];
  yearFrom?: number | null;
  yearTo?: number | null;
  hideUnknownYear?: boolean;
  text?: string;
}

export interface Details {
  id: string;
  line: number;
  city: string;
  cityZh: string;
  cityEn: string;
  subunitZh: string;
  subunitEn: string;
  partnerZh: string;
  partnerEn: string;
  partnerZhSource: string;
  country: string;
  countryZh: string;
  countryEn: string;
  continent: string;
  level: string;
  relation: string;
  established: string | null;
  year: number | null;
  lon: number | null;
  lat: number | null;
  coordSource: string;
  /** signed: an agreement was signed; intent: only a letter of intent; unconfirmed: secondary sources only. */
  status: 'signed' | 'intent' | 'unconfirmed';
  /** Readable name (publisher and date, or the site), the link (http(s) only) and a remark. */
  sources: Source[];
  note: string;
  /** The note in Chinese, where the data has one. */
  noteZh: string;
}

export interface Source { title: string; url: string | null; remark: string }

/** Shown vs the official totals: only for the shipped data (null for a portal's own data). */
export interface Coverage {
  shown: number;
  official: number;
  officialCountries: number | null;
  asOf: string;
  source: string;
  sourceUrl: string | null;
  reviewed: string | null;
  byCity: Array<{ key: string; shown: number; official: number | null; asOf: string | null }>;
}

export interface Count { key: string; count: number }

export interface Stats {
  pairs: number;
  partnerPlaces: number;
  countries: number;
  continents: number;
  withYear: number;
  unknownYear: number;
  withPartnerZh: number;
  withSources: number;
  withLocation: number;
  byCity: Count[];
  byCountry: Count[];
  byContinent: Count[];
  byRelation: Count[];
  byLevel: Count[];
  byStatus: Count[];
  byDecade: Count[];
  byYear: Count[];
  cumulative: Count[];
  coverage: Coverage | null;
}

export interface LegendEntry { key: string; nameZh: string; nameEn: string; colour: string; visible: number; total: number }

/** `code` and `params` give the message in any language (i18n.js ISSUES); `message` and `text` are English. */
export interface Issue { file: string; line: number; field: string; value: string; severity: 'error' | 'warning'; code: string; params: Record<string, string>; message: string; text: string }

/** `errors` lists the first problems of each kind (then one `more-problems` entry); `errorCount` counts them all. */
export interface LoadReport { ok: boolean; file: string; pairs: number; errorCount?: number; errors: Issue[]; warnings: Issue[]; /** Rows left out by a load with `validRowsOnly`. */ rejected?: Issue[] }

export interface Hit { kind: 'arc' | 'partner' | 'origin'; id: string | null; city: string }

export interface View { lon: number; lat: number; zoom: number }

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
  setFilter(filter: Filter): void;
  getFilter(): Required<Filter>;
  visibleIds(): string[];
  stats(): Stats | null;
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
  frameStats(): { frames: number; baseRenders: number; baseReuses: number } | null;
  redraw(): void;

  addEventListener<K extends keyof YouchengEvents>(type: K, listener: (this: YouchengMap, ev: YouchengEvents[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'youcheng-map': YouchengMap;
  }
}
