// <youcheng-map>: the Youcheng widget as one custom element. This is the entry a page includes,
// a module script of this file followed by <youcheng-map lang="zh" city="weifang"></youcheng-map>.
//
// It first loads two small modules whose evaluation starts the work a map waits for: core.js starts
// the WebAssembly module's download and compile, and loader.js here starts the shipped data files the
// maps already on the page will need (and the element's stylesheet, preloaded). Only then does it load
// the element and its controls, element.js and ui/. A module's code runs only once every module it
// imports statically has arrived, so importing the element statically would hold the wasm and the data
// back until the ~35 modules of the controls had loaded, one level after another.
import './core.js';
import { prefetchShipped } from './loader.js';
import { portalFiles } from './shipped-files.js';
import { STYLESHEET } from './dom.js';

const maps = document.querySelectorAll('youcheng-map');
const preload = (href, as) => document.head?.append(Object.assign(document.createElement('link'), { rel: 'preload', as, href, ...(as === 'fetch' ? { crossOrigin: 'anonymous' } : {}) }));
for (const el of maps) {
  const attr = (name) => el.getAttribute(name);
  prefetchShipped(attr);
  // A portal's own files too (those the widget may fetch): their downloads start now, not once
  // the element has loaded; its fetch() then takes the preload's response (CORS mode, as it asks).
  for (const url of portalFiles(attr)) preload(url, 'fetch');
}
// The element's stylesheet too, for the maps already on the page (their shadow roots link it once
// element.js has loaded; a map shows once it has arrived): a preload the link then finds loaded.
if (maps.length) preload(STYLESHEET, 'style');

export const { YouchengMap } = await import('./element.js');
