// The colour legend: one button per entry of the colour dimension, pressed when its filter is on;
// clicking filters (city, relation) or narrows the years to that decade. It sits in the bar under
// the map, never over it: open as a strip where the widget is wide, a chip that opens it (over
// the map, on demand) where it is not. Its button collapses and opens it.
import { h } from '../dom.js';
import { toggleFilter } from './filters.js';

/** Widgets at least this wide (CSS px) show the legend open under the map by default. */
export const LEGEND_STRIP_MIN_PX = 721;

export function createLegend(ctx) {
  const title = h('h2', { class: 'yc-h yc-legend-title' });
  const list = h('ul', { class: 'yc-legend-list' });
  const toggle = h('button', { type: 'button', class: 'yc-btn yc-legend-toggle', 'aria-expanded': 'false', 'aria-controls': 'yc-legend-body' });
  const body = h('div', { class: 'yc-legend-body', id: 'yc-legend-body', hidden: true }, title, list);
  const node = h('div', { class: 'yc-legend', part: 'legend' }, toggle, body);
  let chosen = null; // the visitor's own choice, once they toggled
  let wide = true;
  const show = (open) => {
    body.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
  };
  ctx.on(toggle, 'click', () => show((chosen = body.hidden)));
  ctx.on(node, 'keydown', (e) => {
    if (e.key === 'Escape' && !wide && !body.hidden) {
      e.stopPropagation();
      show((chosen = false));
      toggle.focus();
    }
  });
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
    /** The widget's width changed: a strip where it is wide, a chip where it is not. */
    fit(widthPx) {
      wide = widthPx >= LEGEND_STRIP_MIN_PX;
      node.classList.toggle('yc-legend-chip', !wide);
      show(chosen ?? wide);
    },
    /** The legend's rectangle when it is open over the map (chip mode), else null. */
    overlay: () => (!wide && !body.hidden ? body.getBoundingClientRect() : null),
    translate(t) {
      title.textContent = t('legend');
      toggle.textContent = t('legendToggle');
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
        // The count keeps the width of the entry's total (tabular digits), so that a filter, which
        // changes the counts, never rewraps the legend and resizes the map above it.
        const n = h('span', { class: 'yc-n' }, e.visible);
        n.style.minWidth = `${String(e.total).length}ch`; // CSSOM
        const b = h('button', { type: 'button', class: 'legend-item yc-legend-item', 'data-key': e.key, 'aria-pressed': String(pressed) }, swatch, h('span', { class: 'yc-legend-name' }, label), n);
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
