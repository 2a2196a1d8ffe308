// The widget's own data files by key (DATA_FILES, which loader.js fetches them by), and which of
// them a map fetches, from its attributes (`attr(name)`), by those keys: the basemap (the world outlines, needed whatever map a
// portal shows) and, for the shipped data, its pre-validated form (with its official totals); for a
// portal's data, the countries and groups, and the origins unless the portal gives its own.
// loader.js's prefetchShipped reads it, and tools/dist.mjs writes it into dist/youcheng.js, which
// preloads these files before the core has arrived: one rule, so the two never differ. (The
// stub has these functions' source on one line: each statement ends with a semicolon.)
export const DATA_FILES = { basemap: 'basemap.bin', basemapJson: 'basemap.json', packed: 'shipped.bin', shandong: 'shandong.csv', countries: 'countries.csv', groups: 'groups.csv', partnerships: 'partnerships.csv', notes: 'notes.bin', totals: 'official_totals.csv', about: 'about.csv' };

export function shippedFiles(attr) {
  if (!attr('origins-src') && !attr('data-src')) return ['basemap', 'packed'];
  return ['basemap', 'countries', 'groups', ...(attr('origins-src') ? [] : ['shandong'])];
}

/**
 * `src` (a portal's `data-src`, `origins-src` or `basemap-src`) as the absolute URL the widget may
 * fetch, else null: http(s) on the page's own origin, or on an origin the host page lists in
 * <meta name="youcheng-allowed-origins" content="https://a.example …">. loader.js's allowedSource
 * refuses the rest (and says why); the stub preloads only what this allows.
 */
export function allowedUrl(src) {
  let u;
  try {
    u = new URL(src, document.baseURI);
  } catch {
    return null;
  }
  const meta = document.querySelector('meta[name="youcheng-allowed-origins"]')?.getAttribute('content') ?? '';
  const web = u.protocol === 'https:' || u.protocol === 'http:';
  return web && (u.origin === location.origin || meta.split(/[\s,]+/).includes(u.origin)) ? u.href : null;
}

/**
 * A portal's own files a map fetches, from its attributes (`attr(name)`), as allowedUrl gives them:
 * what the page asks for first (dist/youcheng.js and youcheng.js preload them, so that a portal's
 * data downloads while the widget's code arrives instead of after it).
 */
export function portalFiles(attr) {
  return ['basemap-src', 'origins-src', 'data-src'].map((n) => attr(n) && allowedUrl(attr(n))).filter(Boolean);
}

/**
 * Which build of the core a map starts on (www/core.js): 'lean' (the shipped data's pre-validated
 * forms only) unless its attributes give it a portal's file to read, 'full'.
 */
export function moduleFor(attr) {
  return attr('origins-src') || attr('data-src') || attr('basemap-src') ? 'full' : 'lean';
}
