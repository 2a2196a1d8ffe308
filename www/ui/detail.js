// The detail panel: the pair (both sides in Chinese and English, country, level, relation, status,
// date, place, note in the UI language, sources by readable name) or a Shandong side with its
// partners; the pin button and the pinned chips. It renders the snapshot's `shown` and `pinned`.
import { h, link } from '../dom.js';

export function createDetail(ctx) {
  const ui = {};
  ui.title = h('h2', { class: 'yc-h yc-detail-title', tabindex: '-1', id: 'yc-detail-title' });
  ui.body = h('div', { class: 'yc-detail-body' });
  ui.close = h('button', { type: 'button', class: 'yc-btn yc-detail-close' }, '×');
  ui.pin = h('button', { type: 'button', class: 'yc-btn yc-detail-pin', 'aria-pressed': 'false' });
  ui.pinned = h('ul', { class: 'yc-chips yc-pinned' });
  const node = h('aside', { class: 'yc-detail', part: 'detail', hidden: true, role: 'region', 'aria-labelledby': 'yc-detail-title' },
    h('div', { class: 'yc-detail-head' }, ui.title, ui.close), ui.body, ui.pin, ui.pinned);
  ctx.on(ui.close, 'click', () => ctx.clearSelection(true));
  ctx.on(ui.pin, 'click', () => ctx.send({ type: 'togglePin' }));

  const pairBody = (d) => {
    const { t } = ctx;
    const row = (label, ...value) => [h('dt', {}, label), h('dd', {}, ...value)];
    // The shipped data's sources come with its notes (notes.csv), fetched when details are first shown.
    const sources = d.sources.length ? h('ul', { class: 'yc-sources' }) : h('span', { class: 'yc-remark' }, ctx.notesPending() ? t('sourcesLoading') : '—');
    for (const s of d.sources) sources.append(h('li', {}, link(s.url, s.title), s.remark ? h('span', { class: 'yc-remark' }, ` ${s.remark}`) : null));
    // Notes are written in English; the Chinese version is shown in the Chinese UI where there is one.
    const note = ctx.lang() === 'zh' && d.noteZh ? h('span', { lang: 'zh-CN' }, d.noteZh) : d.note ? h('span', { lang: 'en' }, d.note) : null;
    return h('dl', { class: 'yc-facts' },
      ...row(t('shandongSide'), h('span', { lang: 'zh-CN' }, d.cityZh), ' · ', h('span', { lang: 'en' }, d.cityEn), d.subunitZh || d.subunitEn ? ` (${[d.subunitZh, d.subunitEn].filter(Boolean).join(' · ')})` : ''),
      ...row(t('col_partner'), h('span', { lang: 'zh-CN' }, d.partnerZh || '—'), ' · ', h('span', { lang: 'en' }, d.partnerEn)),
      ...row(t('country'), `${d.countryZh} · ${d.countryEn} (${t(`continent_${d.continent}`)})`),
      ...row(t('level'), t(`level_${d.level}`)),
      ...row(t('relation'), t(`relation_${d.relation}`)),
      ...row(t('status'), h('span', { class: `yc-status yc-status-${d.status}` }, t(`status_${d.status}`))),
      ...row(t('established'), d.established ?? t('unknown')),
      ...row(t('coordinates'), d.lon === null ? t('noLocation') : `${d.lat.toFixed(3)}°, ${d.lon.toFixed(3)}°`),
      ...(note ? row(t('note'), note) : []),
      ...row(t('sources'), sources),
    );
  };

  const title = (id, snap) => {
    const { name } = ctx;
    if (id.startsWith('@')) return ctx.cityName(id.slice(1));
    const shown = snap.shown?.id === id && snap.shown.kind === 'pair' ? snap.shown.details : ctx.details(id);
    return shown ? `${name(shown.cityZh, shown.cityEn)} — ${name(shown.partnerZh, shown.partnerEn)}` : id;
  };

  return {
    node,
    translate(t) {
      ui.close.setAttribute('aria-label', t('close'));
      ui.close.title = t('close');
    },
    render(snap) {
      const { t, name } = ctx;
      const shown = snap.shown;
      if (!shown) {
        node.hidden = true;
        delete node.dataset.id;
        return;
      }
      node.dataset.id = shown.id;
      ui.body.replaceChildren();
      if (shown.kind === 'city') {
        ui.title.textContent = ctx.cityName(shown.key);
        const list = h('ul', { class: 'yc-partner-list' });
        for (const r of shown.partners) {
          const b = h('button', { type: 'button', class: 'yc-link' }, `${name(r.partnerZh, r.partnerEn)} (${name(r.countryZh, r.countryEn)}${r.year ? `, ${r.year}` : ''})`);
          b.addEventListener('click', () => ctx.el.select(r.id));
          list.append(h('li', {}, b));
        }
        ui.body.append(h('p', {}, t('partnersOf', { city: ctx.cityName(shown.key), n: shown.partners.length })), list);
      } else {
        ui.title.textContent = title(shown.id, snap);
        ui.body.append(pairBody(shown.details));
      }
      const pinned = snap.pinned.includes(shown.id);
      ui.pin.textContent = pinned ? t('unpin') : t('pin');
      ui.pin.setAttribute('aria-pressed', String(pinned));
      ui.pinned.replaceChildren();
      for (const p of snap.pinned) {
        const label = title(p, snap);
        const show = h('button', { type: 'button', class: 'yc-link' }, label);
        show.addEventListener('click', () => ctx.send({ type: 'show', id: p }));
        const remove = h('button', { type: 'button', class: 'yc-chip-x', 'aria-label': `${t('unpin')}: ${label}` }, '×');
        remove.addEventListener('click', () => ctx.send({ type: 'unpin', id: p }));
        ui.pinned.append(h('li', { class: 'yc-chip' }, show, remove));
      }
      node.hidden = false;
    },
  };
}
