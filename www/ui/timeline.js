// The timeline: plays the years from 1979 to this year, adding pairs as they were established
// (five years a step under reduced motion), and ends on the final year's state: every dated pair
// (the summary says how many undated ones the year range leaves out).
import { h } from '../dom.js';

export function createTimeline(ctx, onState) {
  const badge = h('div', { class: 'yc-year-badge', hidden: true, 'aria-hidden': 'true' });
  let playing = null;

  const end = (finished) => {
    const state = playing;
    if (!state) return;
    ctx.cancel(state.timer);
    playing = null;
    badge.hidden = true;
    onState(false);
    const el = ctx.el;
    ctx.announce(ctx.t('playing', { year: finished ? state.last : state.year, n: el.stats()?.pairs ?? 0 }));
  };

  const play = () => {
    if (playing) return;
    const el = ctx.el;
    const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
    const step = reduced ? 5 : 1;
    const delay = reduced ? 1200 : 280;
    const { firstYear, lastYear } = ctx.snap().vocabulary; // the core's year range
    const state = { year: firstYear, last: lastYear };
    playing = state;
    onState(true);
    badge.hidden = false;
    const tick = () => {
      if (playing !== state) return;
      el.setFilter({ ...el.getFilter(), yearFrom: null, yearTo: state.year, hideUnknownYear: false, showUnknownYear: false });
      badge.textContent = ctx.t('year', { year: state.year });
      ctx.emit('youcheng:timeline', { year: state.year, pairs: el.stats().pairs });
      if (state.year >= state.last) return end(true);
      state.year = Math.min(state.last, state.year + step);
      state.timer = ctx.later(tick, delay);
    };
    tick();
  };

  return { badge, play, pause: () => end(false), stop: () => (playing = null), get playing() { return !!playing; } };
}
