// Downloads: a blob offered as a file, and the visible pairs as CSV (see toCsv). The PNG and SVG
// reports are in report.js.

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
