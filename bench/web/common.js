// Shared by the two bench pages: the same data, the same measurements. Bench only: never shipped.

/** Parses CSV (RFC 4180: quoted fields, doubled quotes, CRLF) into objects keyed by the header. */
export function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head.map((h, k) => [h, r[k] ?? ''])));
}

/** Which data: `?size=shipped` (Shandong, the shipped files) or `?size=world` (the world twin-city network). */
export const SIZE = new URLSearchParams(location.search).get('size') === 'world' ? 'world' : 'shipped';
export const FILES = SIZE === 'world'
  ? { origins: '/www/data/world/origins.csv', pairs: '/www/data/world/partnerships.csv' }
  : { origins: '/www/data/shandong.csv', pairs: '/www/data/partnerships.csv' };

export const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
/** Resolves after the next frame has been produced (its rAF callbacks done). */
export const painted = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

/** Records requestAnimationFrame timestamps until stopped: the intervals show stalls. */
export function frameRecorder() {
  const times = [];
  let on = true;
  const tick = (t) => { times.push(t); if (on) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  return () => { on = false; return times.slice(1).map((t, k) => t - times[k]); };
}
