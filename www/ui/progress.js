// The progress of a partnerships load, over the map: a progress bar with its phase and percentage in
// the UI language. Shown only for a load that has taken longer than SHOW_AFTER_MS (a quick one would
// only flicker), hidden when it ends.
import { h } from '../dom.js';

const SHOW_AFTER_MS = 150;

export function createProgress(ctx) {
  const fill = h('div', { class: 'yc-progress-fill' });
  const label = h('p', { class: 'yc-progress-label' });
  const bar = h('div', { class: 'yc-progress-bar', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': '0' }, fill);
  const node = h('div', { class: 'yc-progress', part: 'progress', hidden: true }, label, bar);
  let last = null;
  const render = () => {
    if (!last) return;
    const { t } = ctx;
    const percent = Math.floor(last.progress.percent);
    const text = t('loadProgress', { file: last.file, phase: t(`loadPhase_${last.progress.phase}`), percent });
    label.textContent = text;
    bar.setAttribute('aria-valuenow', String(percent));
    bar.setAttribute('aria-valuetext', text);
    bar.setAttribute('aria-label', t('loadProgressLabel', { file: last.file }));
    fill.style.width = `${percent}%`; // CSSOM: allowed by a strict CSP
  };
  return {
    node,
    /** A step of the load of `file`, `ms` after it was asked for; `done` (or a finished load) hides the indicator. */
    update(file, progress, ms, done = false) {
      if (done || progress.phase === 'done' || progress.phase === 'cancelled') {
        last = null;
        node.hidden = true;
        return;
      }
      if (ms < SHOW_AFTER_MS && node.hidden) return;
      last = { file, progress };
      node.hidden = false;
      render();
    },
    translate: render,
  };
}
