// Apache ECharts 6.1 (an npm dev dependency, loaded only here) drawing the same pairs as a
// "migration map": geo + lines, canvas renderer, no animation, `large` mode for many lines.
import { SIZE, FILES, parseCsv, painted } from './common.js';

const echarts = window.echarts;
const el = document.getElementById('map');
let chart, all = [];

// 'finished' fires when a render is complete (no animation); a render that changes nothing may not fire it.
const finished = () => Promise.race([new Promise((r) => chart.on('finished', function done() { chart.off('finished', done); r(); })), new Promise((r) => setTimeout(r, 10000))]);

function option(lines) {
  const large = lines.length > 2000;
  return {
    animation: false,
    backgroundColor: '#dbe7f0',
    geo: { map: 'world', roam: true, itemStyle: { areaColor: '#f3efe6', borderColor: '#b9b2a3' }, emphasis: { disabled: true }, silent: false },
    series: [
      { type: 'lines', coordinateSystem: 'geo', large, largeThreshold: 2000, data: lines.map((l) => ({ coords: l.coords })), lineStyle: { color: '#c0392b', width: 1, opacity: 0.6, curveness: 0.2 }, emphasis: { lineStyle: { width: 3, opacity: 1 } }, progressive: 0 },
      { type: 'scatter', coordinateSystem: 'geo', large, symbolSize: 4, data: lines.map((l) => l.coords[1]), itemStyle: { color: '#c0392b' }, progressive: 0 },
    ],
  };
}

async function start() {
  const [world, origins, pairs, countries] = await Promise.all([
    fetch('/node_modules/@surbowl/world-geo-json-zh/world.zh.json').then((r) => r.json()),
    fetch(FILES.origins).then((r) => r.text()),
    fetch(FILES.pairs).then((r) => r.text()),
    fetch('/www/data/countries.csv').then((r) => r.text()),
  ]);
  echarts.registerMap('world', world);
  const at = new Map(parseCsv(origins).map((o) => [o.key, [Number(o.lon), Number(o.lat)]]));
  const continent = new Map(parseCsv(countries).map((c) => [c.iso2, c.continent]));
  all = parseCsv(pairs)
    .filter((p) => at.has(p.shandong_city) && p.lon && p.lat)
    .map((p) => ({ coords: [at.get(p.shandong_city), [Number(p.lon), Number(p.lat)]], continent: continent.get(p.country) }));
  chart = echarts.init(el, null, { renderer: 'canvas' });
  const done = finished();
  chart.setOption(option(all));
  await done;
  await painted();
  return performance.now();
}

window.__bench = {
  ready: start(),
  canvas: () => el.querySelector('canvas'),
  pairs: () => all.length,
  /** ECharts leaves no work for idle time. */
  async settled() {},
  async filter(on) {
    const done = finished();
    chart.setOption(option(on ? all.filter((l) => l.continent === 'europe') : all), { replaceMerge: ['series'] });
    await done;
    await painted();
  },
  async view(k) {
    const done = finished();
    chart.setOption(k % 2 ? { geo: { center: [10, 50], zoom: 4 } } : { geo: { center: null, zoom: 1 } });
    await done;
    await painted();
  },
};
