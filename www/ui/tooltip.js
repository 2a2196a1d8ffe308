// The tooltip: what is under the pointer or the keyboard focus, from the core's hit (with its
// pair's details), placed next to the point and kept inside the map (`stage()` is its frame).
import { h } from '../dom.js';
import { memberList } from './members.js';

export function createTooltip(ctx, stage) {
  const node = h('div', { class: 'yc-tooltip', role: 'tooltip', hidden: true, part: 'tooltip' });

  /** One line describing a hit, for the screen-reader announcement. */
  const describe = (hit) => {
    const { t, name } = ctx;
    if (hit.kind === 'origin') {
      const n = ctx.snap()?.choices.cities.find((c) => c.key === hit.city)?.visible ?? 0;
      return t('partnersOf', { city: ctx.cityName(hit.city), n });
    }
    const d = hit.details;
    if (!d) return '';
    const year = d.year ? ` · ${t('tooltipYear', { year: d.year })}` : '';
    // A stack: its count and the names the core sent (the first ten), the rest counted.
    const n = hit.memberCount ?? 0, names = (hit.members ?? []).map((m) => name(m.partnerZh, m.partnerEn));
    // Listed with the UI language's separator ("、" in Chinese, ", " in English).
    const listed = [...names, ...(n > names.length ? [t('stackMore', { n: n - names.length })] : [])];
    const stack = n > 1 ? ` · ${t('stackCount', { n })} ${listed.join(t('listSep'))}` : '';
    return `${name(d.cityZh, d.cityEn)} — ${name(d.partnerZh, d.partnerEn)}, ${name(d.countryZh, d.countryEn)} · ${t(`relation_${d.relation}`)}${year}${stack}`;
  };

  const move = ([x, y]) => {
    const box = stage().getBoundingClientRect();
    const w = node.offsetWidth, hgt = node.offsetHeight;
    let left = x + 14, top = y + 14;
    if (left + w > box.width - 4) left = Math.max(4, x - w - 14);
    if (top + hgt > box.height - 4) top = Math.max(4, y - hgt - 14);
    node.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`; // CSSOM
  };

  const hide = () => {
    node.hidden = true;
  };

  const show = (hit, pos) => {
    const { t, name } = ctx;
    node.replaceChildren();
    if (hit.kind === 'origin') {
      const n = ctx.snap()?.choices.cities.find((c) => c.key === hit.city)?.visible ?? 0;
      node.append(h('strong', {}, ctx.cityName(hit.city)), h('span', {}, t('partnerCount', { n })));
    } else {
      const d = hit.details;
      if (!d) return hide();
      const other = ctx.lang() === 'zh' ? d.partnerEn : d.partnerZh;
      // Element.append would write a left-out line (null) as the text "null": drop them first.
      node.append(...[
        h('strong', { class: 'yc-tip-partner' }, name(d.partnerZh, d.partnerEn)),
        other ? h('span', { class: 'yc-tip-other', lang: ctx.lang() === 'zh' ? 'en' : 'zh-CN' }, other) : null,
        h('span', { class: 'yc-tip-country' }, name(d.countryZh, d.countryEn)),
        h('span', { class: 'yc-tip-city' }, `${t('shandongSide')}: ${name(d.cityZh, d.cityEn)}${d.subunitZh || d.subunitEn ? ` · ${name(d.subunitZh, d.subunitEn)}` : ''}`),
        h('span', { class: 'yc-tip-relation' }, t(`relation_${d.relation}`)),
        h('span', { class: 'yc-tip-year' }, `${t('established')}: ${d.established ?? t('unknown')}`),
        memberList(ctx, hit.members, hit.memberCount),
      ].filter(Boolean));
    }
    node.hidden = false;
    if (pos) move(pos);
  };

  /** Acts on a core response whose hover changed: a keyboard focus is announced and shown at its dot. */
  const respond = (r, event, at) => {
    if (r.focusMoved && r.hover) {
      ctx.announce(describe(r.hover));
      show(r.hover, r.hover.x === null ? null : [r.hover.x, r.hover.y]);
    } else if (r.hover && event?.type !== 'keydown') show(r.hover, at);
    else if (!r.hover) hide();
  };

  return { node, show, move, hide, describe, respond };
}
