// The line above the map: how many pairs are shown (of all, under a filter), in how many countries,
// and for the shipped data how many of the official total, as of when, and the review date.
//
// Its height is held: a filter's line is longer than the whole data's and would wrap onto a second
// line, moving the map under the visitor's pointer (and resizing the canvas: a whole relayout). An
// invisible copy of the longest line a filter can give (every count at the total, the same number of
// digits) shares the line's grid cell, so the box is as tall as that from the start.
import { h } from '../dom.js';

export function createSummary(ctx) {
  const text = h('p', { class: 'yc-summary', 'aria-live': 'polite', id: 'yc-summary' });
  const room = h('p', { class: 'yc-summary-room', 'aria-hidden': 'true' });
  const node = h('div', { class: 'yc-summary-box' }, text, room);
  return {
    node,
    render(snap) {
      text.textContent = summaryText(snap, ctx.t);
      room.textContent = summaryText(snap, ctx.t, { longest: true });
    },
  };
}

/**
 * The summary line (also the print header's and the export's); `longest`: the longest line a filter
 * of this data can give, every count at the total.
 */
export function summaryText(snap, t, { longest = false } = {}) {
  const s = snap.stats, c = s.coverage;
  const total = snap.choices.allPairs;
  const shown = longest
    ? t('summaryFiltered', { pairs: total, total, countries: total, places: total })
    : s.pairs === total
      ? t('summaryAll', { pairs: s.pairs, countries: s.countries })
      : t('summaryFiltered', { pairs: s.pairs, total, countries: s.countries, places: s.partnerPlaces });
  const coverage = c ? ` ${t('coverage', { shown: c.shown, official: c.official, asOf: c.asOf })}${c.reviewed ? ` ${t('reviewed', { date: c.reviewed })}` : ''}` : '';
  const undated = s.hiddenUndated ? ` ${t('undatedHidden', { n: s.hiddenUndated })}` : '';
  return shown + undated + coverage;
}
