// The element's reflected attributes: string properties, and `hash` and `flow` with HTML boolean
// semantics (present = on). `animate` stays an attribute only: a property would hide Element.animate().

const STRINGS = { lang: 'lang', city: 'city', filter: 'filter', dataSrc: 'data-src', originsSrc: 'origins-src', basemapSrc: 'basemap-src', basemapAttribution: 'basemap-attribution', theme: 'theme', height: 'height', controls: 'controls' };
const DEFAULTS = { theme: 'light', controls: 'full' };
const BOOLEANS = ['hash', 'flow'];
const PROPS = [...Object.keys(STRINGS), ...BOOLEANS];

/** Defines the reflected properties on the element's class. */
export function reflect(Class) {
  for (const [prop, name] of Object.entries(STRINGS)) {
    Object.defineProperty(Class.prototype, prop, {
      get() { return this.getAttribute(name) ?? DEFAULTS[prop] ?? ''; },
      set(v) { if (v === null || v === undefined) this.removeAttribute(name); else this.setAttribute(name, String(v)); },
      configurable: true,
    });
  }
  for (const name of BOOLEANS) {
    Object.defineProperty(Class.prototype, name, {
      get() { return this.hasAttribute(name); },
      set(v) { this.toggleAttribute(name, !!v); },
      configurable: true,
    });
  }
}

/** Properties a page set before the element was defined shadow the accessors: re-apply them. */
export function upgradeProperties(el) {
  for (const p of PROPS) {
    if (!Object.prototype.hasOwnProperty.call(el, p)) continue;
    const v = el[p];
    delete el[p];
    el[p] = v;
  }
}

const ALLOWED = { theme: ['light', 'dark', 'auto'], controls: ['full', 'minimal', 'none'], lang: ['zh', 'en', 'zh-cn', 'zh-hans', 'en-us', 'en-gb'] };

/** Whether an attribute's value is one the widget understands (others are ignored with a warning). */
export function validAttribute(name, value) {
  if (value === null || !(name in ALLOWED)) return true;
  return ALLOWED[name].includes(value.trim().toLowerCase());
}
