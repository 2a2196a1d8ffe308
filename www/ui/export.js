// Downloads: a blob offered as a file (the visible pairs as CSV, which the core writes: see
// App::export_csv; the PNG and SVG reports, made in report.js).

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
