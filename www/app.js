// The demo page: mounts the widget and wires the counts, legend, language and CSV loading.
// Everything from data files is put into the page as text (textContent), never as HTML.
import { mount } from './youcheng.js';

const STRINGS = {
  zh: {
    title: '山东国际友好城市',
    subtitle: '山东省及16市与世界各地的友好城市和友好合作关系',
    mapHeading: '地图',
    loading: '正在加载…',
    ready: '已载入 {n} 对友好关系',
    failed: '地图加载失败：{error}',
    pairs: '友好关系',
    places: '外方城市',
    countries: '国家',
    continents: '大洲',
    legend: '山东一方（点击筛选）',
    showAll: '显示全部',
    loadTitle: '载入您的数据',
    loadHint: '选择与 partnerships.csv 格式相同的 CSV 文件（UTF-8）。出错时地图保留当前数据。',
    loadOk: '已载入 {file}：{n} 对友好关系',
    loadErrors: '{file} 有 {n} 处错误，地图保留原有数据：',
    warnings: '{n} 条提示：',
    issue: '第 {line} 行',
    field: '字段 {field}',
    value: '值 “{value}”',
    credits: '数据：山东省及各市外事部门、新闻报道、维基百科（CC BY-SA）、GeoNames（CC BY 4.0）。',
    other: 'English',
  },
  en: {
    title: "Shandong's International Friendship Cities",
    subtitle: 'Friendship cities and friendly-cooperation partners of Shandong province and its 16 cities',
    mapHeading: 'Map',
    loading: 'Loading…',
    ready: '{n} partnerships loaded',
    failed: 'The map could not load: {error}',
    pairs: 'Partnerships',
    places: 'Partner places',
    countries: 'Countries',
    continents: 'Continents',
    legend: 'Shandong side (click to filter)',
    showAll: 'Show all',
    loadTitle: 'Load your own data',
    loadHint: 'Choose a UTF-8 CSV file with the same columns as partnerships.csv. On errors the map keeps its data.',
    loadOk: 'Loaded {file}: {n} partnerships',
    loadErrors: '{file} has {n} errors; the map keeps its data:',
    warnings: '{n} notes:',
    issue: 'line {line}',
    field: 'field {field}',
    value: 'value “{value}”',
    credits: 'Data: foreign affairs offices of Shandong and its cities, press reports, Wikipedia (CC BY-SA), GeoNames (CC BY 4.0).',
    other: '中文',
  },
};

const $ = (id) => document.getElementById(id);
let lang = (document.documentElement.lang || navigator.language || 'zh').toLowerCase().startsWith('en') ? 'en' : 'zh';
let map = null;
const selected = new Set();

function t(key, vars = {}) {
  const text = STRINGS[lang][key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));
}

function applyLanguage() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = lang === 'zh' ? '友城 · 山东国际友好城市地图' : "Youcheng · Shandong's international friendship cities";
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  const toggle = $('lang-toggle');
  toggle.textContent = t('other');
  toggle.lang = lang === 'zh' ? 'en' : 'zh-CN';
  if (map) {
    renderLegend();
    $('status').textContent = t('ready', { n: map.stats().pairs });
  }
}

function renderCounts() {
  const s = map.stats();
  $('count-pairs').textContent = s.pairs;
  $('count-places').textContent = s.partnerPlaces;
  $('count-countries').textContent = s.countries;
  $('count-continents').textContent = s.continents;
}

function renderLegend() {
  const list = $('legend');
  list.replaceChildren();
  for (const entry of map.legend()) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'legend-item';
    button.setAttribute('aria-pressed', String(selected.has(entry.key)));
    button.dataset.key = entry.key;
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.backgroundColor = entry.colour; // CSSOM, allowed under style-src 'self'
    const name = document.createElement('span');
    name.textContent = lang === 'zh' ? entry.nameZh : entry.nameEn;
    const count = document.createElement('span');
    count.className = 'count';
    count.textContent = entry.visible;
    button.append(swatch, name, count);
    button.addEventListener('click', () => toggleCity(entry.key));
    item.append(button);
    list.append(item);
  }
}

function toggleCity(key) {
  if (selected.has(key)) selected.delete(key);
  else selected.add(key);
  map.setFilter({ ...map.getFilter(), cities: [...selected] });
  renderCounts();
  renderLegend();
}

function issueLine(issue) {
  const li = document.createElement('li');
  const parts = [issue.file, t('issue', { line: issue.line })];
  if (issue.field) parts.push(t('field', { field: issue.field }));
  if (issue.value) parts.push(t('value', { value: issue.value }));
  li.textContent = `${parts.join(' · ')} — ${issue.message}`;
  return li;
}

function showReport(report) {
  const box = $('load-result');
  box.replaceChildren();
  const head = document.createElement('p');
  const list = document.createElement('ul');
  if (report.ok) {
    box.className = 'load-result ok';
    head.textContent = t('loadOk', { file: report.file, n: report.pairs });
  } else {
    box.className = 'load-result error';
    head.textContent = t('loadErrors', { file: report.file, n: report.errors.length });
    for (const e of report.errors.slice(0, 50)) list.append(issueLine(e));
  }
  box.append(head, list);
  if (report.warnings.length) {
    const w = document.createElement('p');
    w.textContent = t('warnings', { n: report.warnings.length });
    const wl = document.createElement('ul');
    for (const e of report.warnings.slice(0, 20)) wl.append(issueLine(e));
    box.append(w, wl);
  }
}

async function start() {
  applyLanguage();
  $('lang-toggle').addEventListener('click', () => {
    lang = lang === 'zh' ? 'en' : 'zh';
    applyLanguage();
  });
  try {
    map = await mount($('map'));
  } catch (error) {
    $('status').textContent = t('failed', { error: error.message });
    $('status').classList.add('error');
    document.body.dataset.youchengError = error.message;
    return;
  }
  window.youcheng = map; // for embedders' scripts and the page tests
  $('attribution').textContent = map.attribution;
  $('status').textContent = t('ready', { n: map.stats().pairs });
  renderCounts();
  renderLegend();
  $('show-all').addEventListener('click', () => {
    selected.clear();
    map.setFilter({ ...map.getFilter(), cities: [] });
    renderCounts();
    renderLegend();
  });
  $('csv-input').addEventListener('change', async (event) => {
    const file = event.target.files?.[0];
    if (!file) return;
    const report = map.loadCsv(file.name, new Uint8Array(await file.arrayBuffer()));
    showReport(report);
    if (report.ok) {
      renderCounts();
      renderLegend();
    }
  });
  document.body.dataset.youchengReady = 'true';
}

start();
