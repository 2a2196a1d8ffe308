// The table view of the visible pairs: sortable columns, a button per pair that shows it on the
// map; the caption says how many, and for the shipped data how many of the official total. The
// rows come in pages (PAGE at a time, "show more" adding the next): a network of thousands of
// pairs as one table was hundreds of thousands of cells, ~4 s of the page's work at 25,000 pairs.
import { h } from '../dom.js';

/** Rows shown at first, and added by each "show more". */
export const PAGE = 500;

export function createTable(ctx, actions) {
  const node = h('section', { class: 'yc-panel yc-table', id: 'yc-table', hidden: true, part: 'table' });
  let sort = { col: 'city', dir: 1 };
  /** How many rows are shown: a page, and more as the visitor asks (back to a page on a new sort or filter). */
  let shown = PAGE;

  /** What the table shows last drew (its rows change with the data and filter, their names with the language). */
  let drawn = null;
  /** The rows (the core's TableColumns) while the table is open and the data unchanged: a new sort or language uses them again. */
  let data = null;
  const render = (snap, _focus, dataChanged = true) => {
    if (node.hidden) return void (data = null);
    const { t, name } = ctx;
    // A selection or a layout change leaves the rows as they are: at thousands of pairs, making
    // them again (and losing the rows the visitor asked for) for a click on one was ~0.3 s.
    if (!dataChanged && drawn?.lang === ctx.lang() && drawn?.sort === sort) return;
    if (dataChanged) shown = PAGE;
    drawn = { lang: ctx.lang(), sort };
    // Column by column (TableColumns): the origin sides and countries named once each.
    if (dataChanged || !data) data = ctx.table() ?? { ids: [], cities: [], countries: [] };
    const d = data;
    const cityName = d.cities.map((c) => name(c.zh, c.en));
    const countryName = d.countries.map((c) => name(c.zh, c.en));
    const cols = [
      ['city', (k) => cityName[d.city[k]]],
      ['partner', (k) => name(d.partnerZh[k], d.partnerEn[k])],
      ['country', (k) => countryName[d.country[k]]],
      ['continent', (k) => t(`continent_${d.countries[d.country[k]].continent}`)],
      ['relation', (k) => t(`relation_${d.relation[k]}`)],
      ['status', (k) => t(`status_${d.status[k]}`)],
      ['level', (k) => t(`level_${d.level[k]}`)],
      ['year', (k) => d.established[k] ?? ''],
    ];
    const { col, dir } = sort;
    const get = cols.find(([k]) => k === col)?.[1] ?? cols[0][1];
    // Each row's text for the column made once, compared with one collator (localeCompare per
    // comparison was most of a sort of thousands of rows).
    const compare = new Intl.Collator(ctx.lang() === 'zh' ? 'zh-CN' : 'en').compare;
    const keyed = d.ids.map((_, k) => [get(k), k]);
    // Each distinct text ranked once with the collator (texts it finds equal share a rank), and
    // the rows sorted by rank: a network of thousands of pairs has far fewer distinct texts (a
    // world network's 25,000 pairs, 8,199 origins).
    const distinct = [...new Set(keyed.map(([key]) => key))].sort(compare);
    const rank = new Map();
    distinct.forEach((key, i) => rank.set(key, i > 0 && compare(distinct[i - 1], key) === 0 ? rank.get(distinct[i - 1]) : i));
    const year = (k) => d.year[k] ?? 9999;
    keyed.sort(([ka, a], [kb, b]) => dir * ((col === 'year' ? year(a) - year(b) : 0) || rank.get(ka) - rank.get(kb)));
    const head = h('tr', {});
    for (const [k] of cols) {
      const sorted = k === col;
      const b = h('button', { type: 'button', class: 'yc-sort' }, t(`col_${k}`), h('span', { 'aria-hidden': 'true' }, sorted ? (dir > 0 ? ' ▲' : ' ▼') : ''));
      b.addEventListener('click', () => {
        sort = { col: k, dir: sorted ? -dir : 1 };
        shown = PAGE;
        render(snap, null, false);
        node.querySelector(`th[data-col="${k}"] button`)?.focus();
      });
      head.append(h('th', { scope: 'col', 'data-col': k, 'aria-sort': sorted ? (dir > 0 ? 'ascending' : 'descending') : 'none' }, b));
    }
    const body = h('tbody', {});
    const row = (k) => {
      const id = d.ids[k];
      const tr = h('tr', { 'data-id': id });
      cols.forEach(([, fn], i) => {
        if (i === 1) {
          const b = h('button', { type: 'button', class: 'yc-link', title: t('showOnMap') }, fn(k));
          b.addEventListener('click', () => ctx.el.select(id));
          tr.append(h('th', { scope: 'row' }, b));
        } else tr.append(h('td', {}, fn(k)));
      });
      return tr;
    };
    const cov = snap.stats.coverage;
    const caption = h('caption', {});
    const more = h('button', { type: 'button', class: 'yc-btn yc-table-more' });
    const sayShown = () => {
      const partial = shown < keyed.length ? ` ${t('tableShown', { shown: shown.toLocaleString() })}` : '';
      caption.textContent = `${t('tableCaption', { n: keyed.length })}${cov ? ` — ${t('coverageShort', { shown: cov.shown, official: cov.official, asOf: cov.asOf })}` : ''}${partial}`;
      more.hidden = shown >= keyed.length;
      more.textContent = t('tableMore', { n: Math.min(PAGE, keyed.length - shown).toLocaleString(), left: (keyed.length - shown).toLocaleString() });
    };
    const add = (from, to) => body.append(...keyed.slice(from, to).map(([, k]) => row(k)));
    add(0, shown);
    more.addEventListener('click', () => {
      const from = shown;
      shown = Math.min(keyed.length, shown + PAGE);
      add(from, shown);
      sayShown();
      // The first new row's button takes the focus, where reading goes on.
      body.children[from]?.querySelector('button')?.focus();
    });
    sayShown();
    const table = h('table', {}, caption, h('thead', {}, head), body);
    // "Show more" after the last row, inside the scrolling region: the panel's height stays the
    // rows' (a phone's panel under the map is a few rows high), and the caption says more exist.
    node.replaceChildren(h('div', { class: 'yc-table-scroll', tabindex: '0', role: 'region', 'aria-label': t('tableCaption', { n: keyed.length }) }, table, more));
  };

  /** Shows or hides the table; returns whether it is open. */
  const toggle = (open, snap) => {
    const opening = open && node.hidden;
    node.hidden = !open;
    if (!open) data = null;
    actions.tableButton()?.setAttribute('aria-pressed', String(open));
    if (opening) render(snap, null, true);
    return open;
  };

  return { node, render, toggle };
}
