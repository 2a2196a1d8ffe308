// The Shandong inset's own button: "−" after its title hides it (on a small
// canvas no spot is free of partners, and it covers some), and where it was a "Shandong +" chip
// shows it again. The core keeps the choice (`setInset`) and says where the inset is or would be
// (the snapshot's `inset` and `insetHidden`, CSS px from the canvas's corner, which is the
// stage's); zoomed in far enough that no inset is needed, there is no button.
import { h } from '../dom.js';

export function createInsetToggle(ctx) {
  const node = h('button', { type: 'button', class: 'yc-btn yc-inset-toggle', hidden: true, part: 'inset-toggle' });
  let shown = true;
  // The same button, moved and saying the other thing: a keyboard's focus stays on it.
  ctx.on(node, 'click', () => ctx.send({ type: 'setInset', shown: !shown }));
  const label = () => {
    const { t } = ctx;
    node.textContent = shown ? '−' : `${t('insetName')} +`;
    node.title = t(shown ? 'insetHide' : 'insetShow');
    node.setAttribute('aria-label', node.title);
  };
  const render = (snap) => {
    const rect = snap?.inset?.rect ?? snap?.insetHidden ?? null;
    node.hidden = !rect;
    if (!rect) return;
    shown = !!snap.inset;
    node.classList.toggle('yc-inset-chip', !shown);
    label();
    // After the inset's title, its size, while shown (the core keeps the origins clear of it);
    // at the frame's top-left corner, sized by its text, once hidden.
    const at = shown ? snap.inset.toggle : rect;
    node.style.transform = `translate(${Math.round(at.x)}px, ${Math.round(at.y)}px)`; // CSSOM
    node.style.width = shown ? `${at.width}px` : '';
    node.style.height = shown ? `${at.height}px` : '';
  };
  return { node, render, translate: () => node.hidden || label() };
}
