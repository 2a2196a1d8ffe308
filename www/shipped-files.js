// Which of the widget's own data files a map fetches, from its attributes (`attr(name)`), by
// their keys in loader.js's DATA_FILES: the basemap (the world outlines, needed whatever map a
// portal shows) and, for the shipped data, its pre-validated form with its official totals; for a
// portal's data, the countries and groups, and the origins unless the portal gives its own.
// loader.js's prefetchShipped reads it, and tools/dist.mjs writes it into dist/youcheng.js, which
// preloads these files before the core has arrived: one rule, so the two never differ.
export function shippedFiles(attr) {
  if (!attr('origins-src') && !attr('data-src')) return ['basemap', 'packed', 'totals', 'about'];
  return ['basemap', 'countries', 'groups', ...(attr('origins-src') ? [] : ['shandong'])];
}
