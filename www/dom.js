// Small DOM helpers shared by the element's modules. Text always goes in as text.

/** Creates an element: `h('button', {class: 'x', type: 'button'}, 'text', child…)`. */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  return node;
}

/**
 * The element's stylesheet. Named here, in a module at the top of www/, because a URL relative to
 * `import.meta.url` must be written from the folder of the file that runs it: `make dist` bundles
 * the modules of ui/ into files at the top of dist/.
 */
export const STYLESHEET = new URL('./youcheng.css', import.meta.url).href;

export const isHttp = (s) => /^https?:\/\//i.test(s);

/** A link for an http(s) URL, else plain text. */
export const link = (url, text) => (url && isHttp(url) ? h('a', { href: url, rel: 'noopener noreferrer external', target: '_blank', title: url }, text) : document.createTextNode(text));

/** A file's name for reports, without a content hash `make dist` added. */
export const fileLabel = (url) => decodeURIComponent(new URL(url, location.href).pathname.split('/').pop() || String(url)).replace(/\.[0-9a-f]{8}(?=\.\w+$)/, '');

/** Timeouts that can all be cleared at once (when the element is removed). */
export class Timers {
  #set = new Set();
  later(fn, ms) {
    const t = setTimeout(() => {
      this.#set.delete(t);
      fn();
    }, ms);
    this.#set.add(t);
    return t;
  }
  cancel(t) {
    clearTimeout(t);
    this.#set.delete(t);
  }
  clear() {
    for (const t of this.#set) clearTimeout(t);
    this.#set.clear();
  }
}
