// The colour legend: one button per entry of the colour dimension, pressed when its filter is on;
// clicking filters (city, relation) or narrows the years to that decade.
import { h } from '../dom.js';
import { toggleFilter } from './filters.js';

export function createLegend(ctx) {
  const title = h('h2', { class: 'yc-h yc-legend-title' });
  const list = h('ul', { class: 'yc-legend-list' });
  const node = h('div', { class: 'yc-legend', part: 'legend' }, title, list);
  const click = (mode, key, pressed) => {
    const el = ctx.el;
    if (mode === 'city') toggleFilter(el, 'cities', key);
    else if (mode === 'relation') toggleFilter(el, 'relations', key);
    else if (key === 'unknown') el.setFilter({ ...el.getFilter(), yearFrom: null, yearTo: null, hideUnknownYear: false });
    else {
      const d = parseInt(key, 10);
      el.setFilter({ ...el.getFilter(), yearFrom: pressed ? null : d, yearTo: pressed ? null : d + 9 });
    }
  };
  return {
    node,
    translate(t) {
      title.textContent = t('legend');
    },
    render(snap) {
      const { t, name } = ctx;
      const f = snap.filter, mode = snap.colourBy;
      list.replaceChildren();
      for (const e of snap.legend) {
        let label, pressed;
        if (mode === 'city') {
          label = name(e.nameZh, e.nameEn);
          pressed = f.cities.includes(e.key);
        } else if (mode === 'relation') {
          label = t(`relation_${e.key}`);
          pressed = f.relations.includes(e.key);
        } else {
          const d = parseInt(e.key, 10);
          label = e.key === 'unknown' ? t('decade_unknown') : t('decade', { d });
          pressed = e.key === 'unknown' ? false : f.yearFrom === d && f.yearTo === d + 9;
        }
        if (e.total === 0) continue;
        const swatch = h('span', { class: `yc-swatch yc-swatch-${mode}`, 'aria-hidden': 'true' });
        swatch.style.backgroundColor = e.colour; // CSSOM
        const b = h('button', { type: 'button', class: 'legend-item yc-legend-item', 'data-key': e.key, 'aria-pressed': String(pressed) }, swatch, h('span', { class: 'yc-legend-name' }, label), h('span', { class: 'yc-n' }, e.visible));
        b.addEventListener('click', () => click(mode, e.key, pressed));
        list.append(h('li', {}, b));
      }
    },
  };
}

/** Every legend entry with a label in the UI language (for the export, which leaves out empty ones). */
export function legendLabels(snap, t, name) {
  const mode = snap.colourBy;
  const label = (e) => (mode === 'city' ? name(e.nameZh, e.nameEn) : mode === 'relation' ? t(`relation_${e.key}`) : e.key === 'unknown' ? t('decade_unknown') : t('decade', { d: parseInt(e.key, 10) }));
  return snap.legend.map((e) => ({ ...e, label: label(e) }));
}
