// The search box's result list, an ARIA combobox: typing asks the core for ranked results
// (countries, Shandong cities, places, pairs) and, after a pause, filters the map as before;
// ↓/↑ move through the list, Enter (or a click or tap) chooses, Esc closes it (a second Esc
// clears the text; in an empty box Esc goes on to close the detail panel, as elsewhere). Choosing selects the result and flies the view to it (see fly.js).
import { h } from '../dom.js';

export const MAX_RESULTS = 8;

export function createSearch(ctx, input, fly) {
  const list = h('ul', { class: 'yc-results', id: 'yc-results', role: 'listbox', hidden: true, part: 'results' });
  for (const [k, v] of Object.entries({ role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 'yc-results' })) input.setAttribute(k, v);
  let hits = [];
  let active = -1;
  let filterTimer = 0;

  const setActive = (i) => {
    active = i;
    [...list.children].forEach((li, k) => {
      li.setAttribute('aria-selected', String(k === i));
      li.classList.toggle('yc-active', k === i);
    });
    const li = list.children[i];
    if (li) {
      input.setAttribute('aria-activedescendant', li.id);
      li.scrollIntoView?.({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };
  const open = (on) => {
    list.hidden = !on;
    input.setAttribute('aria-expanded', String(on));
    if (!on) setActive(-1);
  };
  const meta = (hit) => {
    const parts = [ctx.t(`resultKind_${hit.kind}`)];
    if (hit.kind === 'pair') parts.push(ctx.name(hit.sideZh, hit.sideEn));
    if (hit.countryEn) parts.push(ctx.name(hit.countryZh, hit.countryEn));
    if (hit.kind !== 'pair') parts.push(ctx.t(hit.pairs === 1 ? 'resultPair' : 'resultPairs', { n: hit.pairs }));
    return parts.join(' · ');
  };
  const render = () => {
    list.setAttribute('aria-label', ctx.t('resultsLabel'));
    list.replaceChildren(...hits.map((hit, i) => h('li', { id: `yc-result-${i}`, role: 'option', class: 'yc-result', 'aria-selected': 'false', 'data-kind': hit.kind, 'data-key': hit.key },
      h('span', { class: 'yc-result-name' }, ctx.name(hit.nameZh, hit.nameEn)), h('span', { class: 'yc-result-meta' }, meta(hit)))));
    setActive(-1);
    open(hits.length > 0 && ctx.el.shadowRoot.activeElement === input);
  };
  const query = () => {
    hits = ctx.send({ type: 'search', text: input.value, limit: MAX_RESULTS }).results ?? [];
    render();
  };
  const choose = (i) => {
    const hit = hits[i];
    if (!hit) return;
    ctx.cancel(filterTimer);
    open(false);
    input.value = '';
    hits = [];
    fly.start(ctx.send({ type: 'choose', kind: hit.kind, key: hit.key, animate: fly.animate() }));
    ctx.announce(ctx.t('resultChosen', { name: ctx.name(hit.nameZh, hit.nameEn) }));
  };

  ctx.on(input, 'input', () => {
    query();
    ctx.announce(input.value ? ctx.t('resultsCount', { n: hits.length }) : '');
    ctx.cancel(filterTimer);
    filterTimer = ctx.later(() => ctx.el.setFilter({ ...ctx.el.getFilter(), text: input.value }), 120);
  });
  ctx.on(input, 'keydown', (e) => {
    const n = hits.length;
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && n) {
      e.preventDefault();
      open(true);
      setActive(e.key === 'ArrowDown' ? (active + 1) % n : active <= 0 ? n - 1 : active - 1);
    } else if (e.key === 'Enter' && n && !list.hidden) {
      e.preventDefault();
      choose(Math.max(active, 0));
    } else if (e.key === 'Escape' && (!list.hidden || input.value)) {
      e.preventDefault();
      e.stopPropagation(); // the widget's own Escape (closing panels) waits for an empty box
      if (!list.hidden) return open(false);
      input.value = '';
      hits = [];
      ctx.cancel(filterTimer);
      ctx.el.setFilter({ ...ctx.el.getFilter(), text: '' });
    }
  });
  ctx.on(input, 'focus', () => hits.length && open(true));
  ctx.on(input, 'blur', () => open(false));
  ctx.on(list, 'pointerdown', (e) => e.preventDefault()); // keep the focus in the box
  ctx.on(list, 'click', (e) => {
    const li = e.target.closest('li');
    if (li) choose([...list.children].indexOf(li));
  });

  return { node: list, translate: () => hits.length && render() };
}
