// Exports for reports. PNG: the current view with a title line (the summary and coverage), the
// legend in the UI language and the attribution. CSV: see toCsv.

/** The map canvas with title, legend and attribution, as a PNG blob. */
export function exportPng({ canvas, host, title, legend, attribution }) {
  const dpr = canvas.width / Math.max(1, canvas.getBoundingClientRect().width);
  const lineH = 18 * dpr, pad = 12 * dpr;
  const cols = Math.max(1, Math.floor(canvas.width / (170 * dpr)));
  const legendRows = Math.ceil(legend.length / cols);
  const out = document.createElement('canvas');
  out.width = canvas.width;
  out.height = canvas.height + pad * 3 + lineH * (legendRows + 2);
  const ctx = out.getContext('2d');
  const cs = getComputedStyle(host);
  const text = cs.getPropertyValue('--yc-text').trim() || '#1a1a1a';
  ctx.fillStyle = cs.getPropertyValue('--yc-bg').trim() || '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(canvas, 0, 0);
  ctx.fillStyle = text;
  const font = (px, bold = '') => `${bold} ${px * dpr}px system-ui, "Noto Sans CJK SC", sans-serif`;
  let y = canvas.height + pad + lineH * 0.8;
  ctx.font = font(14, 'bold');
  ctx.fillText(title, pad, y);
  ctx.font = font(12);
  legend.forEach((e, i) => {
    const cx = pad + (i % cols) * ((out.width - pad) / cols);
    const cy = y + lineH * (1 + Math.floor(i / cols));
    ctx.fillStyle = e.colour;
    ctx.fillRect(cx, cy - 9 * dpr, 10 * dpr, 10 * dpr);
    ctx.fillStyle = text;
    ctx.fillText(`${e.label} (${e.visible})`, cx + 14 * dpr, cy);
  });
  y += lineH * (legendRows + 1.5);
  ctx.font = font(11);
  ctx.fillText(attribution, pad, y);
  return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png'));
}

/** Offers a blob as a download. */
export function download(root, blob, name, later) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  root.append(a);
  a.click();
  a.remove();
  later(() => URL.revokeObjectURL(url), 1000);
}

// The visible pairs as a CSV file: the same columns as partnerships.csv (so it loads back into the
// widget), UTF-8 with a byte-order mark and CRLF line ends so Excel and WPS open it with the Chinese
// intact, and formula injection neutralised: a text cell that starts with = + - @ (or a tab or CR)
// gets a leading apostrophe, which spreadsheets show as text and the loader drops.
const COLUMNS = ['id', 'shandong_city', 'shandong_subunit', 'shandong_subunit_en', 'partner_en', 'partner_zh', 'partner_zh_source', 'country', 'partner_level', 'relation', 'status', 'established', 'lon', 'lat', 'coord_source', 'sources', 'note', 'note_zh'];

const source = (s) => [s.url, s.title, s.remark].filter((x, i) => x || (i === 1 && s.remark)).join(' | ');

/** One pair (the core's details) as the CSV's fields. */
function fields(d) {
  return [d.id, d.city, d.subunitZh, d.subunitEn, d.partnerEn, d.partnerZh, d.partnerZhSource, d.country, d.level, d.relation, d.status, d.established ?? '', d.lon ?? '', d.lat ?? '', d.coordSource, d.sources.map(source).join(' ; '), d.note, d.noteZh];
}

function cell(value, numeric) {
  let s = value === null || value === undefined ? '' : String(value);
  if (!numeric && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The rows as CSV text (with the byte-order mark). */
export function toCsv(rows) {
  const numeric = new Set([12, 13]);
  const lines = [COLUMNS.join(','), ...rows.map((d) => fields(d).map((v, i) => cell(v, numeric.has(i))).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
