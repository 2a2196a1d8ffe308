// The flow animation's switch. The core draws the moving dots (src/map/flow.rs) while it is
// told the flow is on; this module tells it so only when the `flow` attribute is set, motion is
// not reduced, the widget is on screen (IntersectionObserver) and the tab is visible. While the
// flow is off the core asks for no frames, so nothing runs.
export function createFlow(ctx, button) {
  const reduced = matchMedia('(prefers-reduced-motion: reduce)');
  let onScreen = true;
  const wanted = () => ctx.el.flow && !reduced.matches && onScreen && document.visibilityState !== 'hidden';
  const update = () => {
    button()?.setAttribute('aria-pressed', String(ctx.el.flow));
    ctx.send({ type: 'setFlow', on: wanted() }); // the core redraws only when that changes
  };
  const seen = new IntersectionObserver((entries) => {
    onScreen = entries[entries.length - 1].isIntersecting;
    update();
  });
  seen.observe(ctx.el);
  ctx.signal.addEventListener('abort', () => seen.disconnect());
  ctx.on(reduced, 'change', update);
  ctx.on(document, 'visibilitychange', update);
  return {
    update,
    render(snap) {
      button()?.setAttribute('aria-pressed', String(ctx.el.flow));
      if (snap.flow !== wanted()) update(); // a new core (after a load or a trap) starts with it off
    },
  };
}
