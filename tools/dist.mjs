// Builds dist/: a self-contained copy of the built www/ for any static server or intranet folder,
// with content-hashed (immutable-cacheable) file names.      node tools/dist.mjs [src=www] [out=dist]
//
// Rules:
//  * Which files: everything under www/ except type declarations (*.d.ts: browsers never fetch them)
//    and build junk (package.json, .gitignore, README*); junk is copied only if a shipped file
//    references it. A top-level youcheng.d.ts, if present, is copied under its stable name.
//  * Names: folders are kept (dist/pkg/…, dist/data/…); only basenames change, NAME.EXT becomes
//    NAME.<first 8 hex of sha256 of the final bytes>.EXT. Stable names (no hash) for the entry points
//    only: top-level *.html (index.html, embed.html) and youcheng.js. dist/youcheng.js is a tiny stub
//    that re-exports youcheng-core.<hash>.js (the real module), so a portal keeps one URL while
//    everything it pulls is immutable; the stub itself must be served with Cache-Control: no-cache.
//    The stub has no static import: it first adds module preloads for what the core imports
//    statically (from esbuild's metafile) and the wasm-bindgen glue, and a preload for the wasm,
//    so the browser fetches them all at once rather than level by level and the wasm from the
//    start, then imports the core (`export const { … } = await import(core)`; without the
//    metafile, --no-minify, it imports them statically and re-exports with `export *`).
//  * References are rewritten textually, never by a bundler, and only on exact matches, outside comments
//    (JS: a small tokenizer skips comments and regex literals; HTML/SVG: <!-- -->; CSS: /* */):
//      - every quoted literal ('…', "…", `…` without ${}) that, resolved against the referencing
//        file's folder (with or without a leading ./, also ../), is a shipped file; in HTML that covers
//        src="…"/href="…" (and any other quoted attribute), plus unquoted src=/href= values;
//      - in CSS (and HTML/SVG), unquoted url(…) the same way; url("…") and @import "…" are quoted;
//      - in JS only, also a literal that is exactly the basename of a file in data/ (the widget fetches
//        new URL(name, dataBase)). Such a literal used for something else is rewritten too: today the
//        label 'partnerships.csv' passed to loadPartnerships becomes 'partnerships.<hash>.csv', which
//        is what load reports of the shipped data then name.
//    ?query and #fragment suffixes are kept. Absolute URLs and /rooted paths are left alone.
//  * Order: leaves first. The reference graph is sorted topologically, so a file is hashed after
//    its references were rewritten and a change in any leaf changes the hash of every file that
//    leads to it. A reference cycle is an error (content hashes cannot express it).
//  * Minified first (esbuild, a pinned npm dev dependency). The widget's modules are bundled with
//    code splitting from the entry points youcheng.js and element.js (and the demo and iframe pages'
//    app.js and embed.js, which import youcheng.js itself, kept external so a page has one widget
//    module): youcheng.js stays small and starts the wasm compile and the data downloads (core.js
//    and loader.js, in a shared chunk) before it imports element.js, which now holds the element and
//    every control. The wasm-bindgen glue (pkg/youcheng.js, imported once per core with its own
//    ?instance) and classic scripts are minified on their own; CSS is minified. This happens in a
//    staging copy of www/; the rules below then apply to it. `node tools/dist.mjs www dist --no-minify`
//    skips it.
//  * Afterwards every rewritten file is scanned again; a quoted literal still naming an original
//    (unhashed) shipped path is an error. dist/manifest.json maps original → hashed with raw and
//    gzip -9 sizes; a summary table is printed.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync, rmSync, readdirSync, statSync, existsSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, relative } from 'node:path';
import { posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';

const TEXT = /\.(m?js|html|css|svg)$/;
// The two builds of the core (tools/build.sh), by www/core.js's names for them.
const MODULE_DIRS = { lean: 'pkg-lean', full: 'pkg' };
const TYPES_ONLY = (rel) => /\.d\.ts$/.test(rel);
const JUNK = (rel) => /(^|\/)package\.json$/.test(rel) || /(^|\/)\.gitignore$/.test(rel) || /(^|\/)README[^/]*$/i.test(rel);
const STABLE = (rel) => /^[^/]+\.html$/.test(rel) || rel === 'youcheng.js';
const COPY_AS_IS = new Set(['youcheng.d.ts']);
// A quoted literal on one line: '…', "…" or `…`.
const LITERAL = /(['"`])((?:\\.|(?!\1)[^\\\n])*)\1/g;
const UNQUOTED_ATTR = /\b(src|href)=([^\s"'`=<>]+)/g;
const CSS_URL = /url\(\s*([^\s"')]+)\s*\)/g;

function walk(root, dir = '') {
  const out = [];
  for (const name of readdirSync(join(root, dir)).sort()) {
    const rel = dir ? `${dir}/${name}` : name;
    if (statSync(join(root, rel)).isDirectory()) out.push(...walk(root, rel));
    else out.push(rel);
  }
  return out;
}

const split = (ref) => {
  const m = /^([^?#]*)(.*)$/s.exec(ref);
  return [m[1], m[2]];
};

/** The shipped file a literal in `from` names, or null. */
function target(from, literal, known, dataNames, isJs) {
  const [path, suffix] = split(literal);
  if (!path || /^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('/') || path.startsWith('//')) return null;
  const resolved = posix.normalize(posix.join(posix.dirname(from), path));
  if (known.has(resolved)) return { rel: resolved, suffix, basenameOnly: false };
  if (isJs && !path.includes('/') && dataNames.has(path)) return { rel: dataNames.get(path), suffix, basenameOnly: true };
  return null;
}

const KEYWORDS_BEFORE_REGEX = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await', 'instanceof']);

/**
 * String literals of a JS source outside comments and regex literals: [{ start, end }] of each
 * literal's body ('…', "…", and `…` without ${}). A small tokenizer, good enough for ES modules
 * written by people and by wasm-bindgen; a literal it misses is caught by the check at the end.
 */
function jsLiterals(src) {
  const out = [];
  const n = src.length;
  const templates = []; // brace depth at each open ${
  let depth = 0;
  let prev = ''; // last significant character ('a' for the end of an identifier, number or literal)
  let word = '';
  let i = 0;
  while (i < n) {
    const c = src[i];
    if (c === '/' && src[i + 1] === '/') { const e = src.indexOf('\n', i); i = e < 0 ? n : e; continue; }
    if (c === '/' && src[i + 1] === '*') { const e = src.indexOf('*/', i + 2); i = e < 0 ? n : e + 2; continue; }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && src[j] !== c && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
      out.push({ start: i + 1, end: j });
      i = j + 1; prev = 'a'; word = '';
      continue;
    }
    if (c === '`' || (c === '}' && templates.length && templates[templates.length - 1] === depth)) {
      if (c === '}') templates.pop();
      let j = i + 1;
      while (j < n && src[j] !== '`' && !(src[j] === '$' && src[j + 1] === '{')) j += src[j] === '\\' ? 2 : 1;
      if (src[j] === '$') { templates.push(depth); i = j + 2; prev = '('; word = ''; continue; }
      if (c === '`') out.push({ start: i + 1, end: j });
      i = j + 1; prev = 'a'; word = '';
      continue;
    }
    if (c === '/') {
      const regex = prev === '' || '(,=:[!&|?{};+-*%<>~^'.includes(prev) || (prev === 'a' && KEYWORDS_BEFORE_REGEX.has(word));
      if (regex) {
        let j = i + 1;
        let inClass = false;
        while (j < n && src[j] !== '\n' && (inClass || src[j] !== '/')) {
          if (src[j] === '\\') j++;
          else if (src[j] === '[') inClass = true;
          else if (src[j] === ']') inClass = false;
          j++;
        }
        i = j + 1;
        while (i < n && /\w/.test(src[i])) i++;
        prev = 'a'; word = '';
        continue;
      }
    }
    if (c === '{') depth++;
    else if (c === '}') depth--;
    if (/[\w$]/.test(c)) { word = prev === 'a' && /[\w$]/.test(src[i - 1] ?? '') ? word + c : c; prev = 'a'; }
    else if (!/\s/.test(c)) { prev = c === ')' || c === ']' ? 'a' : c; word = ''; }
    i++;
  }
  return out;
}

/** The text with comments blanked (same length), so offsets stay valid. */
function blankComments(text, re) {
  return text.replace(re, (m) => m.replace(/[^\n]/g, ' '));
}

/**
 * Rewrites every candidate reference in a text file: `replace(target, literal)` returns the new
 * literal, or null to keep it. Also used read-only, to list references.
 */
function rewrite(from, text, known, dataNames, replace) {
  const isJs = /\.m?js$/.test(from);
  const spans = []; // { start, end } of values that may be references
  if (isJs) {
    spans.push(...jsLiterals(text).filter(({ start, end }) => text[start - 1] !== '`' || !text.slice(start, end).includes('${')));
  } else {
    const isCss = /\.css$/.test(from);
    const plain = blankComments(text, isCss ? /\/\*[\s\S]*?\*\//g : /<!--[\s\S]*?-->/g);
    for (const m of plain.matchAll(LITERAL)) spans.push({ start: m.index + 1, end: m.index + m[0].length - 1 });
    for (const m of plain.matchAll(CSS_URL)) spans.push({ start: m.index + m[0].indexOf(m[1]), end: m.index + m[0].indexOf(m[1]) + m[1].length });
    if (!isCss) for (const m of plain.matchAll(UNQUOTED_ATTR)) spans.push({ start: m.index + m[1].length + 1, end: m.index + m[0].length });
  }
  spans.sort((a, b) => b.start - a.start);
  let out = text;
  for (const { start, end } of spans) {
    const literal = text.slice(start, end);
    const t = target(from, literal, known, dataNames, isJs);
    if (!t || t.rel === from) continue;
    const r = replace(t, literal);
    if (r != null) out = out.slice(0, start) + r + out.slice(end);
  }
  return out;
}

/** The literal that names hashed file `hashedRel` in place of `original`: same folder part as written. */
function newLiteral(t, hashedRel, original) {
  const [path] = split(original);
  const hashedBase = posix.basename(hashedRel);
  if (t.basenameOnly) return hashedBase + t.suffix;
  const slash = path.lastIndexOf('/');
  return (slash >= 0 ? path.slice(0, slash + 1) : '') + hashedBase + t.suffix;
}

// Entry points of the bundle (those present in www/); the first two are the widget's.
const ENTRIES = ['youcheng.js', 'element.js', 'app.js', 'embed.js'];
// Modules scripts that are loaded as classic scripts (no import/export): minified alone.
const CLASSIC = new Set(['file-check.js']);

/**
 * A copy of www/ (without data/world/) in a temporary folder with the JS bundled and minified and
 * the CSS minified, as described at the top. Returns its path.
 */
async function minifiedCopy(srcRoot) {
  const { build, transform } = await import('esbuild');
  const stage = mkdtempSync(join(tmpdir(), 'youcheng-dist-'));
  cpSync(srcRoot, stage, { recursive: true, filter: (p) => relative(srcRoot, p) !== posix.join('data', 'world') });
  const entries = ENTRIES.filter((e) => existsSync(join(stage, e)));
  const demo = new Set(entries.filter((e) => e !== 'youcheng.js' && e !== 'element.js').map((e) => join(stage, e)));
  // The page's scripts import the widget's stable entry, never a copy of it; the glue stays a file.
  const external = {
    name: 'youcheng-external',
    setup(b) {
      b.onResolve({ filter: /^\.\/youcheng\.js$/ }, (a) => (demo.has(a.importer) ? { path: './youcheng.js', external: true } : undefined));
      b.onResolve({ filter: /\/pkg(-lean)?\/youcheng\.js$/ }, (a) => ({ path: './' + posix.relative(stage, join(a.resolveDir, a.path)).split('\\').join('/'), external: true }));
    },
  };
  const result = await build({
    absWorkingDir: stage,
    entryPoints: entries.map((e) => join(stage, e)),
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    charset: 'utf8', // the UI's Chinese text as it is, not as \u escapes (smaller)
    legalComments: 'none',
    target: 'es2022',
    outdir: stage,
    allowOverwrite: true,
    chunkNames: 'chunk-[hash]',
    metafile: true,
    logLevel: 'warning',
    plugins: [external],
  });
  const entryPaths = new Set(entries);
  for (const input of Object.keys(result.metafile.inputs)) {
    const rel = posix.normalize(input);
    if (!entryPaths.has(rel)) rmSync(join(stage, rel), { force: true });
  }
  for (const dir of ['ui']) if (existsSync(join(stage, dir)) && readdirSync(join(stage, dir)).length === 0) rmSync(join(stage, dir), { recursive: true });
  for (const rel of walk(stage)) {
    const isJs = /\.m?js$/.test(rel) && !rel.startsWith('chunk-') && !entryPaths.has(rel) && !rel.startsWith('data/');
    const isCss = /\.css$/.test(rel);
    if (!isJs && !isCss) continue;
    const path = join(stage, rel);
    const options = isCss ? { loader: 'css' } : CLASSIC.has(rel) ? { loader: 'js' } : { loader: 'js', format: 'esm' };
    const { code } = await transform(readFileSync(path, 'utf8'), { ...options, minify: true, charset: 'utf8', legalComments: 'none', target: isCss ? undefined : 'es2022' });
    writeFileSync(path, code);
  }
  const early = staticImports(result.metafile, 'youcheng.js');
  // The element's module and what it imports statically: the core imports it as soon as it runs,
  // so the stub preloads it too (its chunks are mostly the core's own).
  const element = existsSync(join(stage, 'element.js')) ? staticImports(result.metafile, 'element.js', new Set(['element.js'])) : new Set();
  return { stage, early, element, exported: result.metafile.outputs['youcheng.js']?.exports ?? null };
}

/** The files the bundled `entry` imports statically, at any depth, as esbuild's metafile lists
 *  them (paths relative to the staging folder; not the externals, not dynamic imports). */
function staticImports(metafile, entry, seen = new Set()) {
  for (const i of metafile.outputs[entry]?.imports ?? []) {
    if (i.kind !== 'import-statement' || i.external || seen.has(i.path)) continue;
    seen.add(i.path);
    staticImports(metafile, i.path, seen);
  }
  return seen;
}

export async function buildDist({ src = 'www', out = 'dist', log = console.log, minify = true } = {}) {
  const outRoot = resolve(out);
  if (!existsSync(join(resolve(src), 'pkg')) || !existsSync(join(resolve(src), 'data'))) throw new Error(`${src}/pkg or ${src}/data missing: run make build first`);
  const { stage, early, element, exported } = minify ? await minifiedCopy(resolve(src)) : { stage: null, early: new Set(), element: new Set(), exported: null };
  try {
    // Which data files a map fetches, as the widget decides it (written into the stub).
    const { shippedFiles, DATA_FILES, moduleFor, allowedUrl, portalFiles } = await import(pathToFileURL(join(resolve(src), 'shipped-files.js')).href);
    return emitDist(stage ?? resolve(src), outRoot, log, early, exported, element, { shippedFiles, dataFiles: DATA_FILES, moduleFor, allowedUrl, portalFiles });
  } finally {
    if (stage) rmSync(stage, { recursive: true, force: true });
  }
}

/** A small function's source on one line, for the stub (www/shipped-files.js writes its with semicolons). */
const oneLine = (f) => f.toString().replace(/\s*\n\s*/g, '');

/** `early`: the files the stable entry's core imports statically (see staticImports), which its
 *  stub names too; `exported`: the names the core exports (esbuild's metafile), null when unknown. */
function emitDist(srcRoot, outRoot, log, early, exported, element = new Set(), { shippedFiles = null, dataFiles = {}, moduleFor = null, allowedUrl = null, portalFiles = null } = {}) {
  const out = relative(process.cwd(), outRoot) || '.';
  // data/world/ is the world demo network `make demo-world` converts (not part of the widget).
  const all = walk(srcRoot).filter((rel) => !COPY_AS_IS.has(rel) && !TYPES_ONLY(rel) && !rel.startsWith('data/world/'));
  const everything = new Set(all);
  const dataNamesAll = new Map(all.filter((r) => r.startsWith('data/')).map((r) => [posix.basename(r), r]));

  // Which files ship: non-junk, plus junk that something shipped references (to a fixed point).
  const shipped = new Set(all.filter((r) => !JUNK(r)));
  const refsOf = (rel, set, dataNames) => {
    if (!TEXT.test(rel)) return new Set();
    const found = new Set();
    rewrite(rel, readFileSync(join(srcRoot, rel), 'utf8'), set, dataNames, (t) => { found.add(t.rel); });
    return found;
  };
  for (let grew = true; grew; ) {
    grew = false;
    for (const rel of [...shipped]) for (const r of refsOf(rel, everything, dataNamesAll)) if (!shipped.has(r)) { shipped.add(r); grew = true; }
  }
  const dataNames = new Map([...dataNamesAll].filter(([, r]) => shipped.has(r)));
  const graph = new Map([...shipped].map((rel) => [rel, refsOf(rel, shipped, dataNames)]));

  // Leaves first (depth-first post-order), rejecting cycles.
  const order = [];
  const state = new Map();
  const visit = (rel, path) => {
    if (state.get(rel) === 'done') return;
    if (state.get(rel) === 'active') throw new Error(`reference cycle: ${[...path, rel].join(' → ')}`);
    state.set(rel, 'active');
    for (const dep of [...graph.get(rel)].sort()) visit(dep, [...path, rel]);
    state.set(rel, 'done');
    order.push(rel);
  };
  for (const rel of [...shipped].sort()) visit(rel, []);

  rmSync(outRoot, { recursive: true, force: true });
  const hashed = new Map(); // original rel → dist rel
  const written = new Map(); // dist rel → bytes
  const emit = (rel, bytes) => {
    mkdirSync(join(outRoot, posix.dirname(rel)), { recursive: true });
    writeFileSync(join(outRoot, rel), bytes);
    written.set(rel, bytes);
  };
  for (const rel of order) {
    let bytes = readFileSync(join(srcRoot, rel));
    if (TEXT.test(rel)) {
      const text = rewrite(rel, bytes.toString('utf8'), shipped, dataNames, (t, literal) => {
        if (!hashed.has(t.rel)) throw new Error(`${rel}: ${t.rel} not hashed yet (ordering bug)`);
        return newLiteral(t, hashed.get(t.rel), literal);
      });
      bytes = Buffer.from(text, 'utf8');
    }
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 8);
    const dir = posix.dirname(rel);
    const ext = posix.extname(rel);
    const stem = posix.basename(rel, ext);
    if (STABLE(rel) && /\.html$/.test(rel)) {
      hashed.set(rel, rel);
      emit(rel, bytes);
    } else if (STABLE(rel)) {
      // Stable JS entry: hashed core + a stub under the stable name.
      const core = posix.join(dir, `${stem}-core.${hash}${ext}`);
      hashed.set(rel, core);
      emit(core, bytes);
      const spec = `./${posix.basename(core)}`;
      const hasDefault = /\bexport\s+default\b|\bas\s+default\b/.test(bytes.toString('utf8'));
      // Every module the core imports statically, at any depth, and the wasm-bindgen glue it
      // imports first, named here too: the browser fetches a module's static imports in parallel,
      // so they all load at once instead of one level after another (youcheng.js → core → its
      // chunks → the glue), and the wasm compile and data downloads the core starts begin sooner.
      const local = (f) => `./${posix.relative(dir, f)}`;
      const present = (f) => f && written.has(f);
      const named = [...early]
        .map((f) => hashed.get(f))
        .filter(present)
        .map(local);
      // The element's module and its chunks: the core imports it once it runs, a round trip later.
      const elementModules = [...element]
        .map((f) => hashed.get(f))
        .filter(present)
        .map(local)
        .filter((f) => !named.includes(f));
      // The two builds of the core, glue and wasm (www/core.js's MODULES): the maps on the page
      // each start on the one shipped-files.js's moduleFor picks from their attributes.
      const modules = Object.fromEntries(
        Object.entries(MODULE_DIRS)
          .map(([k, d]) => [k, [hashed.get(`${d}/youcheng.js`), hashed.get(`${d}/youcheng_bg.wasm`)]])
          .filter(([, fs]) => fs.every(present))
          .map(([k, fs]) => [k, fs.map(local)]),
      );
      // The shipped data files a map may fetch at its start, by their keys (www/shipped-files.js's
      // DATA_FILES), for the preloads below (which of them a map fetches: its shippedFiles, here
      // asked for every combination of the attributes it reads).
      const attrs = [[], ['origins-src'], ['data-src'], ['origins-src', 'data-src']];
      const keys = new Set(attrs.flatMap((set) => shippedFiles?.((a) => (set.includes(a) ? 'x' : null)) ?? []));
      const data = Object.fromEntries(
        Object.entries(dataFiles)
          .filter(([k]) => keys.has(k))
          .map(([k, n]) => [k, hashed.get(`data/${n}`)])
          .filter(([, f]) => present(f))
          .map(([k, f]) => [k, local(f)]),
      );
      const css = [hashed.get('youcheng.css')].filter(present).map(local)[0];
      const head =
        `// Stable entry point for portals (serve with Cache-Control: no-cache). Everything it pulls in\n` +
        `// has a content-hashed name and is immutable. Generated by tools/dist.mjs.\n`;
      // With the core's export names known, the stub has no static import: a module's code runs
      // only once its static imports have all arrived, so its first lines ask at once for the
      // wasm (a preload the core's fetch then finds), for the modules the core imports first and
      // the element's (module preloads), for the shipped data files the maps already on the page
      // will fetch and the element's stylesheet (preloads), and only then does it import the core.
      // The data files are those loader.js's prefetchShipped picks from a map's attributes (the
      // page test in tests/page/dist.test.mjs checks that each preloaded file is the one fetched,
      // once). Without them (--no-minify) it imports those modules statically, which also loads
      // them all at once, but starts the wasm only once the last has arrived.
      const hints = named.map((f) => [f, 'modulepreload']);
      const stub = exported && !hasDefault
        ? head +
          // Written small (the stub is fetched uncached on every page view): h(url, rel, as)
          // adds a hint; a fetch preload is CORS-mode, as the core's fetch() asks.
          `const h=(u,r,a)=>{const l=document.createElement('link');l.rel=r;l.href=new URL(u,import.meta.url).href;if(a)l.as=a;if(a==='fetch')l.crossOrigin='anonymous';(document.head??document.documentElement).append(l)};\n` +
          `for(const[u,r]of${JSON.stringify(hints)})h(u,r,r==='preload'?'fetch':0);\n` +
          // Each map's build of the core, its glue and wasm (www/shipped-files.js's moduleFor, as written).
          `const m=document.querySelectorAll('youcheng-map'),M=${JSON.stringify(modules)},g=${moduleFor ? oneLine(moduleFor) : '()=>"full"'};\n` +
          `for(const k of new Set([...m].map(e=>g(n=>e.getAttribute(n)))))if(M[k])h(M[k][0],'modulepreload'),h(M[k][1],'preload','fetch');\n` +
          // The core is asked for before the rest: over HTTP/1.1's six connections to a host the
          // requests after it wait for a free one.
          `const core=import('${spec}');\n` +
          `for(const u of${JSON.stringify(elementModules)})h(u,'modulepreload');\n` +
          // loader.js's own rule for which files a map fetches (www/shipped-files.js), as written.
          `const d=${JSON.stringify(data)},w=new Set,f=${oneLine(shippedFiles)};\n` +
          `for(const e of m)for(const k of f(n=>e.getAttribute(n)))w.add(d[k]);\n` +
          `for(const u of w)if(u)h(u,'preload','fetch');\n` +
          // A portal's own files (data-src, origins-src, basemap-src) on origins the widget may
          // fetch from (www/shipped-files.js's allowedUrl and portalFiles, as written): their
          // downloads start now rather than once the element has loaded.
          (allowedUrl && portalFiles ? `${oneLine(allowedUrl)}\nconst p=${oneLine(portalFiles)};\nfor(const e of m)for(const u of p(n=>e.getAttribute(n)))h(u,'preload','fetch');\n` : '') +
          (css ? `if(m.length)h(${JSON.stringify(css)},'preload','style');\n` : '') +
          `export const { ${exported.join(', ')} } = await core;\n`
        : head +
          [...named, ...Object.values(modules).map(([glue]) => glue)].map((f) => `import '${f}';\n`).join('') +
          `import '${spec}';\nexport * from '${spec}';\n` +
          (hasDefault ? `export { default } from '${spec}';\n` : '');
      emit(rel, Buffer.from(stub, 'utf8'));
    } else {
      const out = posix.join(dir, `${stem}.${hash}${ext}`);
      hashed.set(rel, out);
      emit(out, bytes);
    }
  }
  for (const rel of COPY_AS_IS) if (existsSync(join(srcRoot, rel))) emit(rel, readFileSync(join(srcRoot, rel)));

  // Nothing shipped may still name an original asset (other than the stable entry points).
  const problems = [];
  const originals = new Set([...hashed].filter(([o, h]) => o !== h).map(([o]) => o));
  for (const [rel, bytes] of written) {
    if (!TEXT.test(rel)) continue;
    const origRel = [...hashed].find(([, h]) => h === rel)?.[0] ?? rel;
    rewrite(origRel, bytes.toString('utf8'), originals, dataNames, (t) => { problems.push(`${rel} still references ${t.rel}`); });
  }
  if (problems.length) throw new Error(`unrewritten references:\n  ${problems.join('\n  ')}`);

  const manifest = { generated: 'tools/dist.mjs', files: {} };
  const rows = [];
  const size = (bytes) => ({ raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  for (const [orig, dist] of [...hashed].sort()) {
    manifest.files[orig] = { file: dist, ...size(written.get(dist)) };
    rows.push([orig, dist, manifest.files[orig]]);
    if (orig === dist || !STABLE(orig)) continue;
    manifest.files[`${orig} (stub)`] = { file: orig, ...size(written.get(orig)) };
    rows.push([`${orig} (stub)`, orig, manifest.files[`${orig} (stub)`]]);
  }
  for (const rel of COPY_AS_IS) if (written.has(rel)) { manifest.files[rel] = { file: rel, ...size(written.get(rel)) }; rows.push([rel, rel, manifest.files[rel]]); }
  const total = rows.reduce((t, [, , s]) => ({ raw: t.raw + s.raw, gzip: t.gzip + s.gzip }), { raw: 0, gzip: 0 });
  manifest.total = total;
  // The widget: what youcheng.js leads to (its modules, the glue, the wasm, the stylesheet), not
  // the data files it fetches and not the pages' own files; the stub counted for the entry.
  const widget = new Set();
  const reach = (rel) => {
    if (widget.has(rel) || rel.startsWith('data/')) return;
    widget.add(rel);
    for (const r of graph.get(rel) ?? []) reach(r);
  };
  if (graph.has('youcheng.js')) reach('youcheng.js');
  const widgetFiles = [...widget].sort().flatMap((o) => [manifest.files[o].file, ...(STABLE(o) && hashed.get(o) !== o ? [o] : [])]);
  manifest.widget = widgetFiles.reduce(
    (t, f) => { const { raw, gzip } = size(written.get(f)); return { ...t, raw: t.raw + raw, gzip: t.gzip + gzip }; },
    { files: widgetFiles, raw: 0, gzip: 0 },
  );
  // Each build of the core's files (glue, wasm): a map loads one of them (see www/core.js).
  manifest.modules = Object.fromEntries(Object.entries(MODULE_DIRS).map(([k, d]) => [k, [`${d}/youcheng.js`, `${d}/youcheng_bg.wasm`].map((f) => hashed.get(f)).filter(Boolean)]));
  writeFileSync(join(outRoot, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

  const w = Math.max(...rows.map(([, d]) => d.length), 5);
  log(`${'file'.padEnd(w)} ${'raw'.padStart(9)} ${'gzip'.padStart(9)}`);
  for (const [, d, s] of rows) log(`${d.padEnd(w)} ${String(s.raw).padStart(9)} ${String(s.gzip).padStart(9)}`);
  log(`${`total (${rows.length} files)`.padEnd(w)} ${String(total.raw).padStart(9)} ${String(total.gzip).padStart(9)}`);
  log(`[dist] ${out}/ ready (manifest.json lists original → hashed names)`);
  return manifest;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.chdir(resolve(fileURLToPath(import.meta.url), '../..'));
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  try {
    await buildDist({ src: args[0] ?? 'www', out: args[1] ?? 'dist', minify: !process.argv.includes('--no-minify') });
  } catch (error) {
    console.error(`[dist] ${error.message}`);
    process.exit(1);
  }
}
