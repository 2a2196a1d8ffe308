// The toolbar: skip link, search (with its result list, search.js), fit to the visible pairs,
// filters, colour mode, timeline, flow, statistics, table, export (a menu, see report.js), theme
// and language. It sends commands through the element's API and shows the snapshot's state. On a
// narrow widget it is one row: search, fit, filters and a "more" button whose menu holds the rest.
import { h } from '../dom.js';
import { createExportMenu } from './report.js';
import { createSearch } from './search.js';

export function createToolbar(ctx, actions) {
  const ui = {};
  ui.search = h('input', { type: 'search', class: 'yc-search', part: 'search', autocomplete: 'off', spellcheck: 'false' });
  ui.searchLabel = h('label', { class: 'yc-search-label' }, h('span', { class: 'yc-sr' }), ui.search);
  const search = createSearch(ctx, ui.search, actions.fly);
  ui.searchBox = h('div', { class: 'yc-searchbox' }, ui.searchLabel, search.node);
  ui.fitText = h('span', { class: 'yc-fit-text' }); // hidden on narrow widgets: the icon and aria-label stay
  ui.fit = h('button', { type: 'button', class: 'yc-btn yc-fit' }, h('span', { class: 'yc-fit-icon', 'aria-hidden': 'true' }, '⤢'), ui.fitText);
  ui.filtersToggle = h('button', { type: 'button', class: 'yc-btn yc-filters-toggle', 'aria-expanded': 'false', 'aria-controls': 'yc-filters' });
  ui.colour = h('select', { class: 'yc-colour' }); // options from the core's vocabulary
  ui.colourLabel = h('label', { class: 'yc-colour-label' }, h('span', {}), ui.colour);
  ui.play = h('button', { type: 'button', class: 'yc-btn yc-play', 'aria-pressed': 'false' });
  ui.statsToggle = h('button', { type: 'button', class: 'yc-btn yc-stats-toggle', 'aria-pressed': 'false', 'aria-controls': 'yc-stats' });
  ui.tableToggle = h('button', { type: 'button', class: 'yc-btn yc-table-toggle', 'aria-pressed': 'false', 'aria-controls': 'yc-table' });
  ui.flowBtn = h('button', { type: 'button', class: 'yc-btn yc-flow', 'aria-pressed': 'false' });
  const exportMenu = createExportMenu(ctx, actions.download);
  ui.exportBtn = exportMenu.toggle;
  ui.csvBtn = h('button', { type: 'button', class: 'yc-btn yc-download-csv' });
  // Copying a link is offered only when the map keeps its state in the page's URL (`hash`).
  ui.share = ctx.el.hash ? h('button', { type: 'button', class: 'yc-btn yc-share' }) : null;
  ui.langBtn = h('button', { type: 'button', class: 'yc-btn yc-lang' });
  ui.themeBtn = h('button', { type: 'button', class: 'yc-btn yc-theme', 'aria-pressed': 'false' });
  ui.themeState = h('span', { class: 'yc-theme-state', 'aria-hidden': 'true' });
  ui.skip = h('button', { type: 'button', class: 'yc-btn yc-skip' });
  ui.more = h('button', { type: 'button', class: 'yc-btn yc-menu-btn', 'aria-expanded': 'false', 'aria-controls': 'yc-menu' }, '⋯');
  ui.menu = h('div', { class: 'yc-menu', id: 'yc-menu' }, ui.colourLabel, ui.play, ui.flowBtn, ui.statsToggle, ui.tableToggle, exportMenu.node, ui.csvBtn, ui.share, ui.themeBtn, ui.langBtn);
  const node = h('div', { class: 'yc-toolbar', part: 'toolbar', role: 'toolbar' }, ui.skip, ui.searchBox, ui.fit, ui.filtersToggle, ui.more, ui.menu);
  const openMenu = (open) => {
    ui.menu.classList.toggle('yc-open', open);
    ui.more.setAttribute('aria-expanded', String(open));
  };
  ctx.on(ui.more, 'click', () => openMenu(!ui.menu.classList.contains('yc-open')));
  // A command closes the menu; the export button only opens its own sub-menu.
  ctx.on(ui.menu, 'click', (e) => e.target.closest('button') && !e.target.closest('.yc-export') && openMenu(false));
  ctx.on(ui.menu, 'keydown', (e) => {
    if (e.key !== 'Escape' || !ui.menu.classList.contains('yc-open')) return;
    e.stopPropagation();
    openMenu(false);
    ui.more.focus();
  });
  ctx.on(ctx.el.shadowRoot, 'pointerdown', (e) => !node.contains(e.target) && openMenu(false));

  ctx.on(ui.fit, 'click', () => ctx.el.fitToVisible());
  ctx.on(ui.skip, 'click', actions.focusMap);
  ctx.on(ui.filtersToggle, 'click', () => actions.toggleDrawer());
  ctx.on(ui.colour, 'change', () => ctx.el.setColourBy(ui.colour.value));
  ctx.on(ui.play, 'click', actions.togglePlay);
  ctx.on(ui.statsToggle, 'click', () => actions.toggleStats());
  ctx.on(ui.tableToggle, 'click', () => ctx.el.toggleTable());
  ctx.on(ui.flowBtn, 'click', () => (ctx.el.flow = !ctx.el.flow));
  ctx.on(ui.csvBtn, 'click', actions.downloadCsv);
  ctx.on(ui.langBtn, 'click', () => ctx.el.setLanguage(ctx.lang() === 'zh' ? 'en' : 'zh'));
  ctx.on(ui.themeBtn, 'click', actions.toggleTheme);
  if (ui.share) ctx.on(ui.share, 'click', async () => {
    const link = `${location.origin}${location.pathname}${location.search}#${ctx.el.stateHash()}`;
    try {
      await navigator.clipboard.writeText(link);
      ctx.announce(ctx.t('linkCopied'));
      ui.share.textContent = ctx.t('linkCopied');
      ctx.later(() => (ui.share.textContent = ctx.t('copyLink')), 2000);
    } catch {
      ctx.announce(ctx.t('linkNotCopied', { link }));
      window.prompt(ctx.t('copyLink'), link); // the visitor copies it by hand
    }
  });

  return {
    node,
    ui,
    translate(t, state) {
      ui.search.placeholder = t('search');
      ui.search.setAttribute('aria-label', t('search'));
      ui.searchLabel.firstChild.textContent = t('searchLabel');
      search.translate();
      ui.fitText.textContent = t('fit');
      ui.fit.setAttribute('aria-label', t('fit'));
      ui.fit.title = t('fitTitle');
      ui.filtersToggle.textContent = t('filters');
      ui.skip.textContent = t('skipToMap');
      ui.colourLabel.firstChild.textContent = t('colourBy');
      for (const o of ui.colour.options) o.textContent = t(`colour_${o.value}`);
      ui.play.textContent = state.playing ? t('pause') : t('play');
      ui.statsToggle.textContent = t('stats');
      ui.tableToggle.textContent = t('table');
      ui.flowBtn.textContent = t('flow');
      ui.flowBtn.title = t('flowHint');
      exportMenu.translate(t);
      ui.csvBtn.textContent = t('downloadCsv');
      if (ui.share) ui.share.textContent = t('copyLink');
      ui.themeBtn.replaceChildren(t('darkTheme'), ' ', ui.themeState);
      this.setDark(state.dark);
      ui.more.setAttribute('aria-label', t('more'));
      ui.more.title = t('more');
      ui.langBtn.textContent = t('language');
      ui.langBtn.setAttribute('lang', ctx.lang() === 'zh' ? 'en' : 'zh-CN');
      ui.langBtn.title = t('languageName');
    },
    /** The theme button shows whether the dark theme is on (pressed, and "on"/"off" beside its name). */
    setDark(dark) {
      ui.themeBtn.setAttribute('aria-pressed', String(dark));
      ui.themeState.textContent = ctx.t(dark ? 'themeOn' : 'themeOff');
    },
    setPlaying(playing) {
      ui.play.setAttribute('aria-pressed', String(playing));
      ui.play.textContent = ctx.t(playing ? 'pause' : 'play');
    },
    render(snap, active) {
      const modes = snap.vocabulary.colourModes;
      if ([...ui.colour.options].map((o) => o.value).join() !== modes.join()) {
        ui.colour.replaceChildren(...modes.map((m) => h('option', { value: m }, ctx.t(`colour_${m}`))));
      }
      ui.colour.value = snap.colourBy;
      const text = snap.filter.text ?? '';
      if (ui.search.value !== text && active !== ui.search) ui.search.value = text;
    },
  };
}
