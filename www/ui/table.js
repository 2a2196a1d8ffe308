// The table view of the visible pairs: sortable columns, a button per pair that shows it on the
// map; the caption says how many, and for the shipped data how many of the official total.
import { h } from '../dom.js';

export function createTable(ctx, actions) {
  const node = h('section', { class: 'yc-panel yc-table', id: 'yc-table', hidden: true, part: 'table' });
  let sort = { col: 'city', dir: 1 };

  const render = (snap) => {
    if (node.hidden) return;
    const { t, name } = ctx;
    const rows = ctx.rows();
    const cols = [
      ['city', (r) => name(r.cityZh, r.cityEn)],
      ['partner', (r) => name(r.partnerZh, r.partnerEn)],
      ['country', (r) => name(r.countryZh, r.countryEn)],
      ['continent', (r) => t(`continent_${r.continent}`)],
      ['relation', (r) => t(`relation_${r.relation}`)],
      ['status', (r) => t(`status_${r.status}`)],
      ['level', (r) => t(`level_${r.level}`)],
      ['year', (r) => r.established ?? ''],
    ];
    const { col, dir } = sort;
    const get = cols.find(([k]) => k === col)?.[1] ?? cols[0][1];
    const locale = ctx.lang() === 'zh' ? 'zh-CN' : 'en';
    rows.sort((a, b) => dir * (col === 'year' ? (a.year ?? 9999) - (b.year ?? 9999) || String(a.established).localeCompare(String(b.established)) : get(a).localeCompare(get(b), locale)));
    const head = h('tr', {});
    for (const [k] of cols) {
      const sorted = k === col;
      const b = h('button', { type: 'button', class: 'yc-sort' }, t(`col_${k}`), h('span', { 'aria-hidden': 'true' }, sorted ? (dir > 0 ? ' ▲' : ' ▼') : ''));
      b.addEventListener('click', () => {
        sort = { col: k, dir: sorted ? -dir : 1 };
        render(snap);
        node.querySelector(`th[data-col="${k}"] button`)?.focus();
      });
      head.append(h('th', { scope: 'col', 'data-col': k, 'aria-sort': sorted ? (dir > 0 ? 'ascending' : 'descending') : 'none' }, b));
    }
    const body = h('tbody', {});
    for (const r of rows) {
      const tr = h('tr', { 'data-id': r.id });
      cols.forEach(([, fn], i) => {
        if (i === 1) {
          const b = h('button', { type: 'button', class: 'yc-link', title: t('showOnMap') }, fn(r));
          b.addEventListener('click', () => ctx.el.select(r.id));
          tr.append(h('th', { scope: 'row' }, b));
        } else tr.append(h('td', {}, fn(r)));
      });
      body.append(tr);
    }
    const cov = snap.stats.coverage;
    const caption = `${t('tableCaption', { n: rows.length })}${cov ? ` — ${t('coverageShort', { shown: cov.shown, official: cov.official, asOf: cov.asOf })}` : ''}`;
    const table = h('table', {}, h('caption', {}, caption), h('thead', {}, head), body);
    node.replaceChildren(h('div', { class: 'yc-table-scroll', tabindex: '0', role: 'region', 'aria-label': t('tableCaption', { n: rows.length }) }, table));
  };

  /** Shows or hides the table; returns whether it is open. */
  const toggle = (open, snap) => {
    node.hidden = !open;
    actions.tableButton()?.setAttribute('aria-pressed', String(open));
    render(snap);
    return open;
  };

  return { node, render, toggle };
}
