// The line above the map: how many pairs are shown (of all, under a filter), in how many countries,
// and for the shipped data how many of the official total, as of when, and the review date.
import { h } from '../dom.js';

export function createSummary(ctx) {
  const node = h('p', { class: 'yc-summary', 'aria-live': 'polite', id: 'yc-summary' });
  return {
    node,
    render(snap) {
      node.textContent = summaryText(snap, ctx.t);
    },
  };
}

/** The summary line (also the print header's and the export's). */
export function summaryText(snap, t) {
  const s = snap.stats, c = s.coverage;
  const total = snap.choices.allPairs;
  const shown = s.pairs === total
    ? t('summaryAll', { pairs: s.pairs, countries: s.countries })
    : t('summaryFiltered', { pairs: s.pairs, total, countries: s.countries, places: s.partnerPlaces });
  const coverage = c ? ` ${t('coverage', { shown: c.shown, official: c.official, asOf: c.asOf })}${c.reviewed ? ` ${t('reviewed', { date: c.reviewed })}` : ''}` : '';
  const undated = s.hiddenUndated ? ` ${t('undatedHidden', { n: s.hiddenUndated })}` : '';
  return shown + undated + coverage;
}
