// The filter drawer: live counts, then Shandong side, relation, level, years, continent, country
// chips and groups, each with its visible count from the snapshot. Changes go through setFilter.
import { h } from '../dom.js';

// The keys and the year range come from the core (snapshot.vocabulary); these are only the
// slider's bounds before the first snapshot.
let firstYear = 1979;
let lastYear = new Date().getFullYear();

/** Adds `key` to (or, with `on` false or a second click, removes it from) a list of `el`'s filter. */
export function toggleFilter(el, field, key, on) {
  const f = el.getFilter();
  const set = new Set(f[field] ?? []);
  if (on ?? !set.has(key)) set.add(key);
  else set.delete(key);
  el.setFilter({ ...f, [field]: [...set] });
}

export function createFilters(ctx, actions) {
  const ui = {};
  ui.counts = {};
  const countBox = h('dl', { class: 'yc-counts', part: 'counts' });
  for (const k of ['pairs', 'places', 'countries', 'continents']) {
    ui.counts[k] = { dt: h('dt', {}), dd: h('dd', { class: 'yc-count', 'data-count': k }, '–') };
    countBox.append(h('div', {}, ui.counts[k].dt, ui.counts[k].dd));
  }
  const fieldset = (cls) => {
    const legend = h('legend', {});
    const box = h('div', { class: 'yc-options' });
    return { node: h('fieldset', { class: `yc-fieldset ${cls}` }, legend, box), legend, box };
  };
  for (const k of ['City', 'Relation', 'Level', 'Continent', 'Country', 'Group', 'Year']) ui[`f${k}`] = fieldset(`yc-f-${k.toLowerCase()}`);
  ui.countrySelect = h('select', { class: 'yc-country-add', id: 'yc-country-add' });
  ui.countryChips = h('ul', { class: 'yc-chips' });
  ui.countryLabel = h('label', { class: 'yc-sr', for: 'yc-country-add' });
  ui.fCountry.box.append(ui.countryLabel, ui.countrySelect, ui.countryChips);
  ui.yearFrom = h('input', { type: 'range', min: firstYear, max: lastYear, step: 1, value: firstYear, class: 'yc-year-from' });
  ui.yearTo = h('input', { type: 'range', min: firstYear, max: lastYear, step: 1, value: lastYear, class: 'yc-year-to' });
  ui.yearText = h('output', { class: 'yc-year-text' });
  ui.unknownYear = h('input', { type: 'checkbox', class: 'yc-unknown-year', checked: true });
  ui.unknownYearLabel = h('label', { class: 'yc-check' }, ui.unknownYear, h('span', {}));
  ui.fYear.box.append(h('div', { class: 'yc-range' }, ui.yearFrom, ui.yearTo), ui.yearText, ui.unknownYearLabel);
  ui.reset = h('button', { type: 'button', class: 'yc-btn yc-reset-filters' });
  ui.close = h('button', { type: 'button', class: 'yc-btn yc-close-filters' });
  ui.title = h('h2', { class: 'yc-h' });
  const node = h('aside', { class: 'yc-filters', id: 'yc-filters', part: 'filters' },
    h('div', { class: 'yc-filters-head' }, ui.title, ui.close),
    countBox, ui.fCity.node, ui.fRelation.node, ui.fLevel.node, ui.fYear.node, ui.fContinent.node, ui.fCountry.node, ui.fGroup.node, ui.reset);

  const el = ctx.el;
  const toggleIn = (field, key, on) => toggleFilter(el, field, key, on);
  ctx.on(ui.close, 'click', () => actions.toggleDrawer(false));
  ctx.on(ui.reset, 'click', () => el.setFilter({}));
  ctx.on(ui.countrySelect, 'change', () => {
    const iso = ui.countrySelect.value;
    ui.countrySelect.value = '';
    if (iso) toggleIn('countries', iso, true);
  });
  const years = () => {
    let a = Number(ui.yearFrom.value), b = Number(ui.yearTo.value);
    if (a > b) [a, b] = [b, a];
    el.setFilter({ ...el.getFilter(), yearFrom: a > firstYear ? a : null, yearTo: b < lastYear ? b : null });
  };
  ctx.on(ui.yearFrom, 'input', years);
  ctx.on(ui.yearTo, 'input', years);
  // Checked: undated pairs are shown, with a year range too; unchecked: never.
  ctx.on(ui.unknownYear, 'change', () => el.setFilter({ ...el.getFilter(), hideUnknownYear: !ui.unknownYear.checked, showUnknownYear: ui.unknownYear.checked }));

  const checks = (box, field, items, selected) => {
    box.replaceChildren();
    for (const it of items) {
      const input = h('input', { type: 'checkbox', value: it.key, checked: selected.includes(it.key) });
      input.addEventListener('change', () => toggleIn(field, it.key, input.checked));
      const swatch = it.colour ? h('span', { class: 'yc-swatch', 'aria-hidden': 'true' }) : null;
      if (swatch) swatch.style.backgroundColor = it.colour; // CSSOM
      box.append(h('label', { class: 'yc-check' }, input, swatch, h('span', { class: 'yc-check-name' }, it.label), h('span', { class: 'yc-n' }, it.count)));
    }
  };

  return {
    node,
    ui,
    /** Opens or closes the drawer (narrow layouts), moving the focus into it or back to its button. */
    toggle(open) {
      const next = open ?? getComputedStyle(node).display === 'none';
      node.classList.toggle('yc-open', next);
      node.classList.toggle('yc-closed', !next);
      actions.toggleButton()?.setAttribute('aria-expanded', String(next));
      if (next) node.querySelector('input, select, button')?.focus({ preventScroll: true });
      else actions.toggleButton()?.focus({ preventScroll: true });
    },
    /** The toolbar button says whether the drawer is shown (after a resize). */
    syncToggle() {
      actions.toggleButton()?.setAttribute('aria-expanded', String(getComputedStyle(node).display !== 'none'));
    },
    translate(t) {
      ui.counts.pairs.dt.textContent = t('pairs');
      ui.counts.places.dt.textContent = t('places');
      ui.counts.countries.dt.textContent = t('countries');
      ui.counts.continents.dt.textContent = t('continents');
      ui.title.textContent = t('filters');
      ui.close.textContent = t('closeFilters');
      ui.fCity.legend.textContent = t('shandongSide');
      ui.fRelation.legend.textContent = t('relation');
      ui.fLevel.legend.textContent = t('level');
      ui.fContinent.legend.textContent = t('continent');
      ui.fCountry.legend.textContent = t('country');
      ui.countryLabel.textContent = t('addCountry');
      ui.fGroup.legend.textContent = t('groups');
      ui.fYear.legend.textContent = t('years');
      ui.yearFrom.setAttribute('aria-label', t('yearFrom'));
      ui.yearTo.setAttribute('aria-label', t('yearTo'));
      ui.unknownYearLabel.lastChild.textContent = t('unknownYear');
      ui.reset.textContent = t('resetFilters');
    },
    render(snap) {
      const { t, name } = ctx;
      const s = snap.stats, f = snap.filter, c = snap.choices, v = snap.vocabulary;
      ({ firstYear, lastYear } = v);
      for (const r of [ui.yearFrom, ui.yearTo]) Object.assign(r, { min: firstYear, max: lastYear });
      ui.counts.pairs.dd.textContent = s.pairs;
      ui.counts.places.dd.textContent = s.partnerPlaces;
      ui.counts.countries.dd.textContent = s.countries;
      ui.counts.continents.dd.textContent = s.continents;
      const count = (list, key) => list.find((x) => x.key === key)?.count ?? 0;
      checks(ui.fCity.box, 'cities', c.cities.map((x) => ({ key: x.key, label: name(x.nameZh, x.nameEn), count: x.visible, colour: x.extra })), f.cities);
      // A network of thousands of origins lists those with most pairs; the rest are found by search.
      if (c.moreCities > 0) ui.fCity.box.append(h('p', { class: 'yc-more' }, t('moreOrigins', { n: c.moreCities })));
      checks(ui.fRelation.box, 'relations', v.relations.map((k) => ({ key: k, label: t(`relation_${k}`), count: count(s.byRelation, k) })), f.relations);
      checks(ui.fLevel.box, 'levels', v.levels.map((k) => ({ key: k, label: t(`level_${k}`), count: count(s.byLevel, k) })), f.levels);
      checks(ui.fContinent.box, 'continents', v.continents.map((k) => ({ key: k, label: t(`continent_${k}`), count: count(s.byContinent, k) })), f.continents);
      checks(ui.fGroup.box, 'groups', c.groups.map((g) => ({ key: g.key, label: name(g.nameZh, g.nameEn), count: g.visible })), f.groups);
      ui.fGroup.node.hidden = c.groups.length === 0;
      // Countries: a chooser plus chips for the chosen ones.
      const sorted = [...c.countries].sort((a, b) => name(a.nameZh, a.nameEn).localeCompare(name(b.nameZh, b.nameEn), ctx.lang() === 'zh' ? 'zh-CN' : 'en'));
      ui.countrySelect.replaceChildren(h('option', { value: '' }, t('addCountry')), ...sorted.filter((x) => !f.countries.includes(x.key)).map((x) => h('option', { value: x.key }, `${name(x.nameZh, x.nameEn)} (${x.total})`)));
      ui.countryChips.replaceChildren();
      for (const iso of f.countries) {
        const x = c.countries.find((y) => y.key === iso);
        const label = x ? name(x.nameZh, x.nameEn) : iso;
        const remove = h('button', { type: 'button', class: 'yc-chip-x', 'aria-label': t('removeCountry', { name: label }) }, '×');
        remove.addEventListener('click', () => toggleIn('countries', iso, false));
        ui.countryChips.append(h('li', { class: 'yc-chip' }, h('span', {}, `${label} (${x?.visible ?? 0})`), remove));
      }
      ui.yearFrom.value = f.yearFrom ?? firstYear;
      ui.yearTo.value = f.yearTo ?? lastYear;
      // No pair with a known year (a list without dates): no range to offer, and it says so.
      ui.yearFrom.parentNode.hidden = !v.dated;
      ui.yearText.textContent = v.dated ? `${f.yearFrom ?? firstYear} – ${f.yearTo ?? lastYear}` : t('noYears');
      ui.unknownYear.checked = !f.hideUnknownYear && (f.showUnknownYear || (f.yearFrom === null && f.yearTo === null));
    },
  };
}
