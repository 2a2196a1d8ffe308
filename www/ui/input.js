// Pointer, wheel and key events on the map, turned into commands for the core (which decides
// drag or click, zoom, hover, selection and keys); positions in CSS px from the canvas's corner.

export function wireInput(ctx, ui, root, closeOverlay) {
  const { on, send } = ctx;
  let wheelTimer = 0;
  const pos = (e) => {
    const r = ui.canvas.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  on(ui.canvas, 'pointerdown', (e) => {
    if (e.button > 0) return;
    ui.canvas.setPointerCapture?.(e.pointerId);
    ui.mapBox.focus({ preventScroll: true, focusVisible: false }); // keys (Escape, +/−) go to the map after a click; no focus frame after a tap
    send({ type: 'pointerDown', id: e.pointerId, kind: e.pointerType, ...pos(e) }, e);
  });
  on(ui.canvas, 'pointermove', (e) => send({ type: 'pointerMove', id: e.pointerId, ...pos(e) }, e));
  on(ui.canvas, 'pointerup', (e) => send({ type: 'pointerUp', id: e.pointerId, ...pos(e), t: e.timeStamp, pin: e.shiftKey }, e));
  on(ui.canvas, 'pointercancel', (e) => send({ type: 'pointerCancel', id: e.pointerId }, e));
  on(ui.canvas, 'pointerleave', (e) => e.pointerType === 'mouse' && send({ type: 'pointerLeave' }, e));
  on(ui.canvas, 'wheel', (e) => {
    send({ type: 'wheel', ...pos(e), deltaY: e.deltaY, deltaMode: e.deltaMode }, e);
    ctx.cancel(wheelTimer);
    wheelTimer = ctx.later(() => send({ type: 'settle' }), 160);
  }, { passive: false });
  on(ui.mapBox, 'keydown', (e) => send({ type: 'key', key: e.key, shift: e.shiftKey }, e));
  on(ui.mapBox, 'blur', () => send({ type: 'blur' }));
  // Escape elsewhere in the widget closes the detail panel or the filter drawer.
  on(root, 'keydown', (e) => e.key === 'Escape' && !ui.mapBox.contains(e.target) && closeOverlay());
  return pos;
}

/** Keeps the core's size in step with the canvas's, the pixel ratio and the system colour scheme. */
export function watchSize(canvas, signal, fit, schemeChanged) {
  const observer = new ResizeObserver(fit);
  observer.observe(canvas);
  const watch = () => matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`).addEventListener('change', () => (fit(), watch()), { signal, once: true });
  watch();
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', schemeChanged, { signal });
  fit();
  return observer;
}
