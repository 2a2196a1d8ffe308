// The basemap's attribution, compact and in the UI language ("底图：GS(2023)2767", "Basemap: …"),
// in the bar under the map; the full text on demand in a disclosure (keyboard accessible).
import { h } from '../dom.js';

/** A 审图号 (map approval number) such as GS(2023)2767 or GS（2023）2767 in a text. */
const APPROVAL = /GS\s*[(（]\s*\d{4}\s*[)）]\s*\d+/;
/** Texts up to this long are shown whole. */
const SHORT = 24;

/** The compact form of an attribution `text` with the UI's label for a basemap. */
export function compactAttribution(text, label, sep) {
  const code = APPROVAL.exec(text)?.[0];
  if (text.length <= SHORT) return text;
  return code ? `${label}${sep}${code.replace(/\s+/g, '')}` : `${text.slice(0, SHORT - 1)}…`;
}

export function createAttribution(ctx) {
  const summary = h('summary', { class: 'yc-attribution-short' });
  const full = h('p', { class: 'yc-attribution-full' });
  const node = h('details', { class: 'yc-attribution', part: 'attribution' }, summary, full);
  let text = '';
  const render = () => {
    const { t } = ctx;
    summary.textContent = compactAttribution(text, t('attribution'), t('attributionSep'));
    summary.title = text;
    full.textContent = text;
  };
  ctx.on(node, 'keydown', (e) => {
    if (e.key === 'Escape' && node.open) {
      e.stopPropagation();
      node.open = false;
      summary.focus();
    }
  });
  return {
    node,
    get text() { return text; },
    set(value) {
      text = value ?? '';
      render();
    },
    /** The full text's rectangle while it is open (over the map), else null. */
    overlay: () => (node.open ? full.getBoundingClientRect() : null),
    translate: render,
  };
}
