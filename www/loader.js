// Fetching the widget's files and a portal's: the page's own origin only (or origins the host page
// allows), read with a byte limit so a huge file is refused while it downloads, the shipped files
// fetched once per page however many maps share them.
import { translate } from './i18n.js';
import { fileLabel } from './dom.js';
import { shippedFiles, allowedUrl, DATA_FILES } from './shipped-files.js';

export const BASE = new URL('./', import.meta.url);
export { DATA_FILES };
// Bytes read from a portal's file before giving up (the core checks its own limits again).
export const MAX_DATA_BYTES = 16 * 1024 * 1024;
export const MAX_BASEMAP_BYTES = 32 * 1024 * 1024;

/** An Error with a translation key and values, shown in the UI language. */
export const coded = (code, vars, message) => Object.assign(new Error(message ?? code), { code, vars });

/** Reads a response's body up to `limit` bytes; a larger file is refused as soon as that is known. */
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

export async function fetchLimited(url, limit) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url.pathname ?? url}: HTTP ${r.status}`);
  return readLimited(r, url, limit);
}

const shipped = new Map();
/** The widget's own files, fetched once per page. A portal's files are not cached here. */
export function fetchShipped(name, limit = MAX_BASEMAP_BYTES) {
  const url = new URL(`data/${name}`, BASE);
  const key = String(url);
  if (!shipped.has(key)) {
    const p = fetchLimited(url, limit);
    p.catch(() => shipped.delete(key));
    shipped.set(key, p);
  }
  return shipped.get(key);
}

/** Starts downloading the shipped files a map needs, given its attributes (`attr(name)`; see shipped-files.js). */
export function prefetchShipped(attr) {
  for (const key of shippedFiles(attr)) fetchShipped(DATA_FILES[key], key === 'packed' ? MAX_DATA_BYTES : undefined).catch(() => {});
}

/**
 * A portal's `data-src`/`basemap-src` as a URL the widget may fetch: the page's own origin, or an
 * origin the host page lists in <meta name="youcheng-allowed-origins" content="https://a.example …">.
 * Never widened by the page's URL (embed.html's query string cannot); `data:` and other schemes are refused.
 */
export function allowedSource(src, lang) {
  const allowed = allowedUrl(src);
  if (allowed) return new URL(allowed);
  let url;
  try {
    url = new URL(src, document.baseURI);
  } catch {
    throw coded('originRefused', { url: String(src).slice(0, 80), origin: location.origin });
  }
  const shown = url.protocol === 'data:' ? 'data:…' : `${url.origin === 'null' ? url.protocol : url.origin}${url.pathname}`.slice(0, 80);
  throw coded('originRefused', { url: shown, origin: location.origin }, translate(lang, 'originRefused', { url: shown, origin: location.origin }));
}
