// The URL state: after a change settles the state is remembered (a trapped core is restored from
// it) and, when the element has `hash`, written to the page's URL; `hashchange` applies it back.

export function createHash(ctx) {
  let timer = 0;
  let written = '';
  let last = '';
  let listening = false;
  return {
    /** The last state remembered. */
    get last() {
      return last;
    },
    remember(state) {
      last = state;
    },
    schedule() {
      ctx.cancel(timer);
      timer = ctx.later(() => {
        // The visitor followed a link since our last write (its hashchange may not have run
        // yet): that link wins over the state this write would put back.
        if (ctx.el.hash && written && location.hash && location.hash !== written) {
          written = location.hash;
          ctx.el.applyState(location.hash);
          return;
        }
        last = ctx.el.stateHash();
        if (!ctx.el.hash) return;
        const next = last ? `#${last}` : location.pathname + location.search;
        written = last ? `#${last}` : '';
        if (location.hash !== written) history.replaceState(history.state, '', next);
      }, 200);
    },
    /** Follows the URL when the visitor goes back or pastes a link. The URL it starts from, and
     *  each one it follows, count as written: a write still pending from before a link was
     *  followed then sees the link and applies it instead of putting the old state back. */
    listen(signal) {
      if (listening) return;
      listening = true;
      written = location.hash;
      addEventListener('hashchange', () => {
        if (written === location.hash) return;
        written = location.hash;
        ctx.el.applyState(location.hash);
      }, { signal });
    },
  };
}
