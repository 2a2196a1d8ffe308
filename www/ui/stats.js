// The statistics panel: new and cumulative pairs per year, by continent, the top ten countries,
// and for the shipped data the shown-vs-official table per Shandong side with its source and the
// review date. The charts are SVG built with DOM calls.
import { h, link } from '../dom.js';
import { yearChart, barChart } from '../charts.js';

export function createStats(ctx, actions) {
  const node = h('section', { class: 'yc-panel yc-stats', id: 'yc-stats', hidden: true, part: 'stats' });

  const coverageTable = (c) => {
    const { t } = ctx;
    const body = h('tbody', {});
    for (const r of c.byCity) {
      const official = r.official === null ? '—' : `${r.official}${r.asOf ? ` (${r.asOf})` : ''}`;
      body.append(h('tr', {}, h('th', { scope: 'row' }, ctx.cityName(r.key)), h('td', {}, String(r.shown)), h('td', {}, official)));
    }
    return h('figure', { class: 'yc-coverage' },
      h('table', { class: 'yc-coverage-table' },
        h('caption', {}, t('coverageTitle')),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('col_city')), h('th', { scope: 'col' }, t('pairs')), h('th', { scope: 'col' }, t('official')))),
        body),
      h('figcaption', {}, t('coverage', { shown: c.shown, official: c.official, asOf: c.asOf }), ' ', h('span', {}, t('coverageSource', { source: '' })), link(c.sourceUrl, c.source),
        c.reviewed ? `. ${t('reviewed', { date: c.reviewed })}` : ''));
  };

  const api = {
    node,
    translate(t) {
      node.setAttribute('aria-label', t('statsTitle'));
    },
    toggle(open, snap) {
      node.hidden = !(open ?? node.hidden);
      actions.statsButton()?.setAttribute('aria-pressed', String(!node.hidden));
      api.render(snap);
    },
    render(snap) {
      if (node.hidden) return;
      const { t, name } = ctx;
      const s = snap.stats;
      const years = [];
      const cumulative = [];
      const byYear = new Map(s.byYear.map((c) => [Number(c.key), c.count]));
      const keys = [...byYear.keys()];
      let run = 0;
      if (keys.length) {
        for (let y = Math.min(snap.vocabulary.firstYear, ...keys); y <= Math.max(...keys); y++) {
          const n = byYear.get(y) ?? 0;
          run += n;
          years.push({ year: y, count: n });
          cumulative.push({ year: y, count: run });
        }
      }
      const countryName = (iso) => {
        const c = snap.choices.countries.find((x) => x.key === iso);
        return c ? name(c.nameZh, c.nameEn) : iso;
      };
      const unknown = s.pairs - s.withYear;
      node.replaceChildren(
        h('h2', { class: 'yc-h' }, t('statsTitle')),
        h('figure', { class: 'yc-year-figure' }, yearChart({ title: t('perYear'), years, cumulative, labels: { newPairs: t('newPairs'), cumulative: t('cumulative') }, width: node.clientWidth - 16 }),
          h('figcaption', {}, `${t('perYear')}${unknown ? ` (${t('unknownYearCount', { n: unknown })})` : ''}`)),
        h('figure', {}, barChart({ title: t('byContinent'), rows: s.byContinent.map((c) => ({ label: t(`continent_${c.key}`), count: c.count })) }), h('figcaption', {}, t('byContinent'))),
        h('figure', {}, barChart({ title: t('topCountries'), rows: s.byCountry.slice(0, 10).map((c) => ({ label: countryName(c.key), count: c.count })) }), h('figcaption', {}, t('topCountries'))),
      );
      if (s.coverage) node.append(coverageTable(s.coverage));
    },
  };
  return api;
}
