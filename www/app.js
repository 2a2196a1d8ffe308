// The demo page around <youcheng-map>: page strings in both languages, "load your own CSV",
// and the embed snippet generator. Everything from data files goes into the page as text.
import { issueText } from './i18n.js';

const STRINGS = {
  zh: {
    title: '山东国际友好城市',
    subtitle: '山东省及16市与世界各地的友好城市和友好合作关系',
    loadTitle: '载入您的数据',
    loadHint: '选择与 partnerships.csv 列相同的文件：CSV（UTF-8、GBK 或 Excel 的“Unicode 文本”）或 JSON。出错时地图保留当前数据。',
    chooseFile: '选择文件（CSV、TXT、JSON）',
    loadValid: '只载入有效的行，跳过有错误的行',
    loadPartialOk: '已载入 {file} 中 {n} 对有效的友好关系；以下有错误的行未载入：',
    loadOk: '已载入 {file}：{n} 对友好关系',
    loadErrors: '{file} 有 {n} 处错误，地图保留原有数据：',
    warnings: '{n} 条提示：',
    issue: '第 {line} 行',
    field: '字段 {field}',
    value: '值“{value}”',
    embedTitle: '嵌入您的网站',
    embedHint: '选择选项，复制代码，粘贴到您的网页中。所有文件来自您自己的服务器。',
    optLang: '语言', optCity: '山东一方', optAll: '全部', optControls: '控件', optFull: '完整', optMinimal: '简洁', optNone: '无',
    optTheme: '配色', optLight: '浅色', optDark: '深色', optAuto: '跟随系统', optHeight: '高度（像素）', optKind: '方式',
    optElement: '自定义元素', optIframe: 'iframe',
    copy: '复制代码', copied: '已复制', copyFailed: '无法复制，请手动选择代码',
    credits: '数据：山东省及各市外事部门、新闻报道、维基百科（CC BY-SA）、GeoNames（CC BY 4.0）。',
    iframeTitle: '山东国际友好城市地图',
  },
  en: {
    title: "Shandong's International Friendship Cities",
    subtitle: 'Friendship cities and friendly-cooperation partners of Shandong province and its 16 cities',
    loadTitle: 'Load your own data',
    loadHint: 'Choose a file with the same columns as partnerships.csv: CSV (UTF-8, GBK or Excel\'s "Unicode text") or JSON. On errors the map keeps its data.',
    chooseFile: 'Choose a file (CSV, TXT, JSON)',
    loadValid: 'Load the valid rows only, leaving out the rows with errors',
    loadPartialOk: 'Loaded {n} valid partnerships from {file}; the rows below have errors and were left out:',
    loadOk: 'Loaded {file}: {n} partnerships',
    loadErrors: '{file} has {n} errors; the map keeps its data:',
    warnings: '{n} notes:',
    issue: 'line {line}',
    field: 'field {field}',
    value: 'value “{value}”',
    embedTitle: 'Embed in your site',
    embedHint: 'Pick the options, copy the code and paste it into your page. Every file comes from your own server.',
    optLang: 'Language', optCity: 'Shandong side', optAll: 'All', optControls: 'Controls', optFull: 'Full', optMinimal: 'Minimal', optNone: 'None',
    optTheme: 'Theme', optLight: 'Light', optDark: 'Dark', optAuto: 'Follow the system', optHeight: 'Height (px)', optKind: 'As',
    optElement: 'Custom element', optIframe: 'iframe',
    copy: 'Copy the code', copied: 'Copied', copyFailed: 'Could not copy; please select the code by hand',
    credits: 'Data: foreign affairs offices of Shandong and its cities, press reports, Wikipedia (CC BY-SA), GeoNames (CC BY 4.0).',
    iframeTitle: "Map of Shandong's international friendship cities",
  },
};

const $ = (id) => document.getElementById(id);
const map = $('map');
let lang = map.language ?? 'zh';

function t(key, vars = {}) {
  const text = STRINGS[lang][key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));
}

function applyLanguage() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = lang === 'zh' ? '友城 · 山东国际友好城市地图' : "Youcheng · Shandong's international friendship cities";
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  renderCityOptions();
  renderSnippet();
}

function issueLine(issue) {
  const li = document.createElement('li');
  li.textContent = issueText(lang, issue);
  return li;
}

/** The report of a load; on row errors it offers to load the valid rows only (the visitor decides). */
function showReport(report, retry = null) {
  if (report.cancelled) return; // a newer file took its place
  const box = $('load-result');
  box.replaceChildren();
  const head = document.createElement('p');
  const list = document.createElement('ul');
  if (report.ok && report.rejected?.length) {
    box.className = 'load-result error';
    head.textContent = t('loadPartialOk', { file: report.file, n: report.pairs });
    for (const e of report.rejected.slice(0, 50)) list.append(issueLine(e));
  } else if (report.ok) {
    box.className = 'load-result ok';
    head.textContent = t('loadOk', { file: report.file, n: report.pairs });
  } else {
    box.className = 'load-result error';
    head.textContent = t('loadErrors', { file: report.file, n: report.errorCount ?? report.errors.length });
    for (const e of report.errors.slice(0, 50)) list.append(issueLine(e));
  }
  box.append(head, list);
  if (!report.ok && retry) {
    // The visitor decides: the map keeps its data unless asked to load the valid rows.
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'load-valid';
    button.textContent = t('loadValid');
    button.addEventListener('click', async () => showReport(await retry()));
    box.append(button);
  }
  if (report.warnings.length) {
    const w = document.createElement('p');
    w.textContent = t('warnings', { n: report.warnings.length });
    const wl = document.createElement('ul');
    for (const e of report.warnings.slice(0, 20)) wl.append(issueLine(e));
    box.append(w, wl);
  }
}

function renderCityOptions() {
  const select = $('snippet-city');
  const keep = select.value;
  const all = document.createElement('option');
  all.value = '';
  all.textContent = t('optAll');
  const options = [all];
  for (const c of map.hasAttribute('ready') ? map.cities() : []) {
    const o = document.createElement('option');
    o.value = c.key;
    o.textContent = lang === 'zh' ? c.nameZh : c.nameEn;
    options.push(o);
  }
  select.replaceChildren(...options);
  select.value = keep;
}

function renderSnippet() {
  const form = new FormData($('snippet-form'));
  const base = new URL('./', location.href);
  const attrs = [['lang', form.get('lang')], ['city', form.get('city')], ['controls', form.get('controls')], ['theme', form.get('theme')], ['height', form.get('height')]]
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}="${String(v).replace(/[^\w-]/g, '')}"`);
  let code;
  if (form.get('kind') === 'iframe') {
    const q = new URLSearchParams([...new FormData($('snippet-form'))].filter(([k, v]) => v && k !== 'kind'));
    code = `<iframe src="${new URL(`embed.html?${q}`, base)}" title="${t('iframeTitle')}" width="100%" height="${Number(form.get('height')) || 640}" loading="lazy"></iframe>`;
  } else {
    code = `<script type="module" src="${new URL('youcheng.js', base)}"></script>\n<youcheng-map ${attrs.join(' ')}></youcheng-map>`;
  }
  $('snippet').textContent = code;
}

map.addEventListener('youcheng:ready', () => {
  window.youcheng = map; // for embedders' scripts and the page tests
  renderCityOptions();
  document.body.dataset.youchengReady = 'true';
});
map.addEventListener('youcheng:error', (e) => {
  if (!map.hasAttribute('ready')) document.body.dataset.youchengError = e.detail.message;
});
map.addEventListener('youcheng:lang', (e) => {
  lang = e.detail.lang;
  applyLanguage();
});
$('csv-input').addEventListener('change', async (event) => {
  const file = event.target.files?.[0];
  if (!file) return;
  const bytes = new Uint8Array(await file.arrayBuffer());
  // In steps between frames: a large file never freezes the page, and its progress shows on the map.
  showReport(await map.loadFile(file.name, bytes), () => map.loadFile(file.name, bytes, { validRowsOnly: true }));
});
$('snippet-form').addEventListener('input', renderSnippet);
$('copy-snippet').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText($('snippet').textContent);
    $('copy-status').textContent = t('copied');
  } catch {
    $('copy-status').textContent = t('copyFailed');
  }
});
applyLanguage();

// The widget last, once the listeners above are in place (its ready event may come at once).
import('./youcheng.js');
