// A portal's use of <youcheng-map>, written against www/youcheng.d.ts: every member of the
// definitions is used here with the argument types it takes, and its results are used as the types
// they declare. `tsc -p tests/types` (tier "types" of tools/test-all.sh) must accept this file; the
// `@ts-expect-error` lines at the end prove that wrong calls are rejected (tsc fails if one of them
// is accepted). Type-checked only, never run.
import { YouchengMap } from '../../www/youcheng.js';
import type {
  ColourBy,
  Count,
  Coverage,
  Details,
  Filter,
  Hit,
  HitKind,
  Issue,
  Lang,
  LegendEntry,
  InsetView,
  LabelView,
  Rect,
  LoadPhase,
  LoadReport,
  SearchHit,
  Source,
  StatsView,
  View,
  YouchengEvents,
} from '../../www/youcheng.js';

const out: string[] = [];
const say = (...parts: Array<string | number | boolean | null | undefined>): void => {
  out.push(parts.map((p) => String(p)).join(' '));
};

// ---- Creating the element: the tag name maps to the class (HTMLElementTagNameMap).
const map: YouchengMap = document.createElement('youcheng-map');
const found: YouchengMap | null = document.querySelector('youcheng-map');
const observed: string[] = YouchengMap.observedAttributes;
say('observes', observed.join(','), found === null);
if (!(map instanceof HTMLElement)) throw new Error('not an element');

// ---- Every attribute property, written and read back with its type.
map.lang = 'en';
map.city = 'weifang';
map.filter = 'city=weifang&rel=friendship&from=1990';
map.dataSrc = '/data/partnerships.csv';
map.basemapSrc = '/data/basemap.json';
map.theme = 'dark';
map.theme = 'auto';
map.height = '480px';
map.toggleAttribute('animate', true); // attribute only: map.animate() is Element's Web Animations
map.controls = 'minimal';
const attrs: string[] = [map.lang, map.city, map.filter, map.dataSrc, map.basemapSrc, map.theme, map.height, map.controls];
const animation: Animation = map.animate([{ opacity: 0 }, { opacity: 1 }], 200);
say(attrs.join('|'), map.hasAttribute('animate'), animation.playState);
const language: Lang = map.language;
const attribution: string = map.attribution;
const canvas: HTMLCanvasElement = map.canvas;
say(language, attribution.length, canvas.width, canvas.height);
document.body.append(map);

// ---- Events: each typed detail, through addEventListener.
map.addEventListener('youcheng:ready', (e) => {
  const pairs: number = e.detail.pairs;
  const warnings: Issue[] = e.detail.warnings;
  say('ready', pairs, warnings.map(describeIssue).join('; '));
});
map.addEventListener('youcheng:error', (e) => {
  const message: string = e.detail.message;
  const report: LoadReport | null | undefined = e.detail.report;
  const trap: boolean | undefined = e.detail.trap;
  say('error', message, trap === true, report ? describeReport(report) : 'no report');
});
map.addEventListener('youcheng:recovered', (e) => say('recovered', e.detail.message));
map.addEventListener('youcheng:warning', (e) => say('warning', e.detail.attribute, e.detail.message));
map.addEventListener('youcheng:filter', (e) => {
  const filter: Filter = e.detail.filter;
  const ids: string[] = e.detail.ids;
  const { pairs, partnerPlaces, countries, continents } = e.detail.stats;
  say('filter', JSON.stringify(filter), ids.length, pairs, partnerPlaces, countries, continents);
});
map.addEventListener('youcheng:select', (e) => {
  const ids: string[] = e.detail.ids;
  const id: string | null = e.detail.id;
  const details: Details[] = e.detail.details;
  say('select', ids.join(','), id, details.map(describeDetails).join('\n'));
});
map.addEventListener('youcheng:hover', function (e) {
  const self: YouchengMap = this; // listeners are called with the element as `this`
  const hit = e.detail;
  if (hit === null) {
    say('hover none', self.selection().length);
    return;
  }
  const kind: Hit['kind'] = hit.kind;
  const id: string | null = hit.id;
  const city: string = hit.city;
  const details: Details | null = hit.details;
  say('hover', kind, id, city, details ? details.partnerEn : '');
});
map.addEventListener('youcheng:data', (e) => say('data', describeReport(e.detail)));
map.addEventListener('youcheng:progress', (e) => {
  const phase: LoadPhase = e.detail.phase;
  const parts: [string, number, number, number] = [e.detail.file, e.detail.done, e.detail.total, e.detail.percent];
  say('progress', phase, ...parts);
});
map.addEventListener('youcheng:lang', (e) => {
  const lang: Lang = e.detail.lang;
  say('lang', lang);
});
map.addEventListener('youcheng:timeline', (e) => {
  const year: number = e.detail.year;
  const pairs: number = e.detail.pairs;
  say('timeline', year, pairs);
});
// The untyped overload still takes any event name and a plain listener.
map.addEventListener('click', (e: Event) => say('click', e.type), { passive: true });
map.addEventListener('youcheng:select', { handleEvent: (e: Event) => say('object listener', e.type) }, true);
// The events map itself is usable, e.g. for a portal's own helper.
function on<K extends keyof YouchengEvents>(el: YouchengMap, type: K, f: (detail: YouchengEvents[K]['detail']) => void): void {
  el.addEventListener(type, (e) => f(e.detail));
}
on(map, 'youcheng:timeline', (d) => say('helper', d.year));

// ---- Describing the result types (every field used).
function describeIssue(i: Issue): string {
  const severity: 'error' | 'warning' = i.severity;
  return `${i.file}:${i.line} ${i.field}=${i.value} ${severity} ${i.code} ${i.message} (${i.text})`;
}

function describeReport(r: LoadReport): string {
  const errors: number = r.errorCount ?? r.errors.length;
  return `${r.ok ? 'ok' : 'failed'} ${r.file} ${r.pairs} pairs, ${errors} errors: ${r.errors.map(describeIssue).join('; ')}; ${r.warnings.length} warnings`;
}

function describeSource(s: Source): string {
  const link: string = s.url ?? '(no link)';
  return `${s.title} ${link} ${s.remark}`;
}

function describeDetails(d: Details): string {
  let status: string;
  switch (d.status) {
    case 'signed':
      status = 'agreement signed';
      break;
    case 'intent':
      status = 'letter of intent';
      break;
    case 'unconfirmed':
      status = 'secondary sources only';
      break;
    default: {
      const never: never = d.status;
      status = never;
    }
  }
  const year: number | null = d.year;
  const place = d.lon !== null && d.lat !== null ? `${d.lon.toFixed(2)},${d.lat.toFixed(2)}` : 'no location';
  return [
    d.id, d.line, d.city, d.cityZh, d.cityEn, d.subunitZh, d.subunitEn, d.partnerZh, d.partnerEn,
    d.partnerZhSource, d.country, d.countryZh, d.countryEn, d.continent, d.level, d.relation,
    d.established ?? 'unknown date', year ?? 'unknown year', place, d.coordSource, status,
    d.sources.map(describeSource).join(' / '), d.note, d.noteZh,
  ].join(' · ');
}

function describeCounts(name: string, list: Count[]): string {
  return `${name}: ${list.map((c) => `${c.key}=${c.count}`).join(',')}`;
}

function describeCoverage(c: Coverage | null): string {
  if (c === null) return 'no official totals (own data)';
  const byCity = c.byCity.map((b) => `${b.key} ${b.shown}/${b.official ?? '?'} ${b.asOf ?? ''}`).join(', ');
  const countries: number | null = c.officialCountries;
  return `${c.shown}/${c.official} (${countries ?? '?'} countries) as of ${c.asOf}, ${c.source} ${c.sourceUrl ?? ''} reviewed ${c.reviewed ?? 'never'}; ${byCity}`;
}

function describeStats(s: StatsView): string {
  return [
    `${s.pairs} pairs, ${s.partnerPlaces} places, ${s.countries} countries, ${s.continents} continents`,
    `${s.withYear} with year, ${s.unknownYear} without, ${s.hiddenUndated} left out by the years, ${s.withPartnerZh} zh, ${s.withSources} sourced, ${s.withLocation} located`,
    describeCounts('city', s.byCity),
    describeCounts('country', s.byCountry),
    describeCounts('continent', s.byContinent),
    describeCounts('relation', s.byRelation),
    describeCounts('level', s.byLevel),
    describeCounts('status', s.byStatus),
    describeCounts('decade', s.byDecade),
    describeCounts('year', s.byYear),
    describeCounts('cumulative', s.cumulative),
    describeCoverage(s.coverage),
  ].join('\n');
}

function describeLegend(l: LegendEntry): string {
  return `${l.key} ${l.nameZh}/${l.nameEn} ${l.colour} ${l.visible}/${l.total}`;
}

// ---- Every method, once the map is ready.
async function use(el: YouchengMap): Promise<void> {
  const ready: YouchengMap = await el.ready;
  if (ready.hasAttribute('error')) say('loaded with an error', ready.getAttribute('error'));

  const p: { x: number; y: number } | null = el.project(120.38, 36.07);
  if (p) say('Qingdao at', p.x.toFixed(1), p.y.toFixed(1));

  const selected: boolean = el.select('qingdao-shimonoseki');
  el.select('@weifang', { pin: true });
  el.select(null);
  const selection: string[] = el.selection();
  say('selected', selected, selection.join(','));

  const filter: Filter = {
    cities: ['weifang'],
    countries: ['JP'],
    continents: ['asia'],
    relations: ['friendship', 'cooperation'],
    levels: ['city', 'county'],
    groups: ['sister-ports'],
    yearFrom: 1990,
    yearTo: null,
    hideUnknownYear: true,
    showUnknownYear: false,
    text: '下关',
  };
  el.setFilter(filter);
  el.setFilter({});
  const current: Required<Filter> = el.getFilter();
  const yearFrom: number | null = current.yearFrom;
  const cities: string[] = current.cities; // Required<>: no undefined
  say('filter', cities.join(','), yearFrom, current.text.length, current.hideUnknownYear);

  const visible: string[] = el.visibleIds();
  const stats: StatsView | null = el.stats();
  say('visible', visible.length, stats ? describeStats(stats) : 'not loaded');
  say('legend', el.legend().map(describeLegend).join('\n'));
  const labels: LabelView[] = el.labels();
  say('labels', labels.map((l) => `${l.text} ${l.country} ${l.rect.width}`).join(','));
  const inset: InsetView | null = el.inset();
  if (inset) {
    const r: Rect = inset.rect;
    say('inset', r.x, r.y, r.width, r.height, inset.cities.map((c) => `${c.key} ${c.label} ${c.target.width}×${c.target.height} ${c.labelBox.x}`).join(','));
  }
  for (const c of el.cities()) {
    const where = c.lon !== undefined && c.lat !== undefined ? `${c.lon},${c.lat}` : 'unplaced';
    say(c.key, c.nameZh, c.nameEn, c.extra, c.visible, c.total, where);
  }
  const details: Details | null = el.details('qingdao-shimonoseki');
  if (details) say(describeDetails(details));

  const modes: ColourBy[] = ['city', 'relation', 'decade'];
  for (const mode of modes) el.setColourBy(mode);
  const langs: Lang[] = ['zh', 'en'];
  for (const lang of langs) el.setLanguage(lang);

  const view: View | null = el.view();
  if (view) el.setView(view.lon + 10, view.lat, view.zoom * 2);
  el.resetView();
  const fitted: boolean = el.fitToVisible();
  const hits: SearchHit[] = el.search('Shimonoseky');
  for (const hit of hits) {
    const kind: HitKind = hit.kind;
    say(`${kind} ${hit.key} ${hit.nameZh} ${hit.nameEn} ${hit.sideZh} ${hit.sideEn} ${hit.countryZh} ${hit.countryEn} ${hit.pairs} ${fitted}`);
  }
  el.play();
  el.pause();
  el.toggleTable();
  el.toggleTable(true);
  el.toggleTable(false);

  const hash: string = el.stateHash();
  const problems: string[] = el.applyState(hash);
  el.applyState('city=weifang', { keepView: true, quiet: true });
  say('state', hash, problems.join('; '));

  const png: Blob = await el.exportPng();
  const png2: Blob = await el.exportPng({ scale: 2 });
  const wide: Blob = await el.exportPng({ width: 3000 });
  const svg: Blob = await el.exportSvg();
  say('png', png.type, png.size, png2.size, wide.size, svg.type);
  el.flow = true;
  const flowing: boolean = el.flow;
  say('flow', flowing);

  const csv = 'city,partner_zh\n';
  // A report, or a promise of it while the map moves to the full build of the core: awaited alike.
  const fromString: LoadReport = await el.loadCsv('mine.csv', csv);
  const fromBytes: LoadReport = await el.loadCsv('mine.csv', new TextEncoder().encode(csv));
  const fromBuffer: LoadReport = await el.loadCsv('mine.csv', new TextEncoder().encode(csv).buffer);
  say(describeReport(fromString), describeReport(fromBytes), describeReport(fromBuffer));
  void el.loadFile('mine.csv', csv, { validRowsOnly: true }).then((r) => say(describeReport(r), r.cancelled === true));

  el.testTrap();
  el.testTrap('boom');
  const frames: { frames: number; baseRenders: number; baseReuses: number; drawMs: number } | null = el.frameStats();
  if (frames) say('frames', frames.frames, frames.baseRenders, frames.baseReuses, frames.drawMs);
  el.redraw();
}

use(map).then(() => console.log(out.join('\n')), (e: unknown) => console.error(e));

// ---- Wrong calls the definitions must reject. tsc fails on any line below that type-checks.
function rejected(el: YouchengMap): void {
  // @ts-expect-error a pair id is a string
  el.select(123);
  // @ts-expect-error no such colour mode
  el.setColourBy('rainbow');
  // @ts-expect-error longitude and latitude are numbers
  el.setView('a', 1, 2);
  // @ts-expect-error zoom is required
  el.setView(120, 36);
  // @ts-expect-error the search text is a string
  el.search(42);
  // @ts-expect-error fitToVisible takes no view
  el.fitToVisible(120, 36, 3);
  // @ts-expect-error only zh and en
  el.setLanguage('fr');
  // @ts-expect-error cities is a list
  el.setFilter({ cities: 'weifang' });
  // @ts-expect-error no such relation
  el.setFilter({ relations: ['twinned'] });
  // @ts-expect-error pin is a boolean
  el.select('a', { pin: 'yes' });
  // @ts-expect-error misspelt option
  el.applyState('city=weifang', { keepview: true });
  // @ts-expect-error a number is no CSV
  el.loadCsv('mine.csv', 42);
  // @ts-expect-error a number is no CSV
  void el.loadFile('mine.csv', 42);
  // @ts-expect-error details may be null
  const d: Details = el.details('qingdao-shimonoseki');
  // @ts-expect-error language is read-only
  el.language = 'en';
  // @ts-expect-error canvas is read-only
  el.canvas = document.createElement('canvas');
  // @ts-expect-error `animate` is an attribute only; the property is Element's animate() method
  el.animate = true;
  // @ts-expect-error a select event has no `pairs`
  el.addEventListener('youcheng:select', (e) => say(e.detail.pairs));
  // @ts-expect-error exportPng resolves to a Blob, not a string
  el.exportPng().then((s: string) => say(s));
  // @ts-expect-error the scale is a number
  el.exportPng({ scale: '2x' });
  // @ts-expect-error misspelt option
  el.exportPng({ widht: 3000 });
  // @ts-expect-error flow is a boolean
  el.flow = 'on';
  say(String(d));
}
say(typeof rejected);
