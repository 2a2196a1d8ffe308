// embed.html: one <youcheng-map> configured from the URL's query (the same names as the
// element's attributes: lang, city, filter, controls, theme, height, animate, data-src,
// origins-src, basemap-src), telling the parent page its height so the iframe can fit it. The element fetches
// data-src and basemap-src only from this page's own origin (or origins this page's own
// <meta name="youcheng-allowed-origins"> lists): a crafted link cannot point the map at another
// site's file. basemap-attribution is never read from the URL: an attribution (审图号) belongs in the
// page that serves the basemap, not in a link anyone can write.
//   window.addEventListener('message', (e) => {
//     if (e.data?.type === 'youcheng:height') iframe.style.height = `${e.data.height}px`;
//   });
import './youcheng.js';

const ATTRIBUTES = ['lang', 'city', 'filter', 'controls', 'theme', 'height', 'animate', 'data-src', 'origins-src', 'basemap-src'];
const params = new URLSearchParams(location.search);
const map = document.createElement('youcheng-map');
map.id = 'map';
for (const name of ATTRIBUTES) {
  const value = params.get(name);
  if (value !== null) map.setAttribute(name, value);
}
const TITLES = { zh: '山东国际友好城市地图', en: "Map of Shandong's international friendship cities" };
function setLang(lang) {
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  document.getElementById('embed-title').textContent = TITLES[lang === 'en' ? 'en' : 'zh'];
  document.title = `友城 Youcheng · ${TITLES[lang === 'en' ? 'en' : 'zh']}`;
}
if (params.get('lang')) setLang(params.get('lang'));
document.getElementById('embed').append(map);

let last = 0;
const report = () => {
  if (!map.hasAttribute('ready')) return; // the parent hears the height of the map laid out, not of its loading
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height === last || window.parent === window) return;
  last = height;
  // Only a number leaves the frame; the parent checks e.origin if it cares.
  window.parent.postMessage({ type: 'youcheng:height', height }, '*');
};
new ResizeObserver(report).observe(document.documentElement);
map.addEventListener('youcheng:ready', () => {
  window.youcheng = map;
  document.body.dataset.youchengReady = 'true';
  report();
});
map.addEventListener('youcheng:error', (e) => {
  if (!map.hasAttribute('ready')) document.body.dataset.youchengError = e.detail.message;
});
map.addEventListener('youcheng:lang', (e) => setLang(e.detail.lang));
