// The pairs of a stack (partners drawn as one marker at this zoom) as a list in the tooltip:
// each partner with its country and Shandong side, as text.
import { h } from '../dom.js';

/** At most this many members are listed; the rest are counted. */
const MAX_LISTED = 10;

/** A heading and list for `members` (the core's details of each pair), or null for fewer than two. */
export function memberList(ctx, members, count = members?.length ?? 0) {
  if (!members || count < 2) return null;
  const { t, name } = ctx;
  const items = members.slice(0, MAX_LISTED).map((d) => h('li', {}, `${name(d.partnerZh, d.partnerEn)}, ${name(d.countryZh, d.countryEn)} — ${name(d.cityZh, d.cityEn)}`));
  const listed = Math.min(members.length, MAX_LISTED);
  if (count > listed) items.push(h('li', { class: 'yc-tip-more' }, t('stackMore', { n: count - listed })));
  const box = h('div', { class: 'yc-tip-members' }, h('span', { class: 'yc-tip-stack' }, t('stackCount', { n: count })), h('ul', {}, ...items));
  return box;
}
