// What covers the map: the rectangles of the panels open over the canvas (the phone's detail
// sheet, the legend or the attribution opened over it), in CSS px from the canvas's corner. The
// core pans the selection out from under them (the `reveal` command).

/** Rectangles of `m`'s panels that overlap `ui.canvas`, relative to it. */
export function coveredRects(ui, m) {
  const c = ui.canvas.getBoundingClientRect();
  const detail = m.detail?.node.hidden === false ? m.detail.node.getBoundingClientRect() : null;
  return [detail, m.legend?.overlay(), m.attribution?.overlay()]
    .filter((r) => r && r.width > 0 && r.height > 0 && r.right > c.left && r.left < c.right && r.bottom > c.top && r.top < c.bottom)
    .map((r) => ({ x: r.left - c.left, y: r.top - c.top, width: r.width, height: r.height }));
}
