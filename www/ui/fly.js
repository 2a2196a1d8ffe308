// The view's flight to a chosen search result or a fit. The core computes every view; this only
// asks for the next one on each animation frame until the core says it has landed, so no frame is
// drawn once it is done, and none is asked for under prefers-reduced-motion (the view jumps).

export function createFly(ctx) {
  let raf = 0;
  const step = (t0) => (now) => {
    raf = 0;
    const r = ctx.send({ type: 'flyFrame', ms: now - t0 });
    if (r.flying) raf = requestAnimationFrame(step(t0));
  };
  return {
    /** Whether views may be animated (not under reduced motion). */
    animate: () => !matchMedia('(prefers-reduced-motion: reduce)').matches,
    /** Runs the flight a response started (`flying`); a new one replaces the old. */
    start(r) {
      cancelAnimationFrame(raf);
      raf = 0;
      if (r?.flying) raf = requestAnimationFrame(step(performance.now()));
    },
  };
}
