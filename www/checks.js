// Argument checks for the element's public methods: a wrong call gets a TypeError that names the
// argument, never a trap in the core.

const FILTER_LISTS = ['cities', 'countries', 'continents', 'relations', 'levels', 'groups'];

/** Throws a TypeError naming the field when a filter object has a value of the wrong type. */
export function checkFilter(filter) {
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
  for (const k of ['hideUnknownYear', 'showUnknownYear']) if (filter[k] !== undefined && typeof filter[k] !== 'boolean') throw new TypeError(`setFilter(filter): filter.${k} must be true or false`);
}

export function checkNumbers(call, values) {
  for (const [k, v] of Object.entries(values)) if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError(`${call}: ${k} must be a finite number`);
}

/** A load report for a file refused before it reached the core. */
export function failedReport(file, code, text, params = {}) {
  return { ok: false, file, pairs: 0, errorCount: 1, errors: [{ file, line: 0, field: '', value: '', severity: 'error', code, params, message: text, text }], warnings: [], rejected: [] };
}

/** `loadCsv`'s bytes as a Uint8Array (a string is encoded as UTF-8); a TypeError otherwise. */
export function toBytes(bytes) {
  if (typeof bytes === 'string') return new TextEncoder().encode(bytes);
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  if (bytes instanceof Uint8Array) return bytes;
  throw new TypeError('loadCsv(name, bytes): bytes must be a Uint8Array, an ArrayBuffer or a string');
}
