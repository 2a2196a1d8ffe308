// Custom-element conventions: a property set before the element is defined is kept (the upgrade
// pattern); an author's own inline height wins; `ready` resolves with the element; `hash` and
// `basemapAttribution` are reflected properties and `hash` works when set at run time; `hash` is an
// HTML boolean attribute. Each on a page generated here, under the strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { launch } from './harness.mjs';
import { startServer } from '../../tools/serve.mjs';
import { STRICT_CSP, watchCsp } from './util.mjs';

const SITE = 'test-results/conventions-site';
let browser, server, url;

before(async () => {
  rmSync(SITE, { recursive: true, force: true });
  mkdirSync(`${SITE}/p`, { recursive: true });
  cpSync('www', `${SITE}/youcheng`, { recursive: true });
  // The module is imported only after the page has made and configured an element.
  writeFileSync(`${SITE}/p/late.html`, '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>late</title><script type="module" src="late.js"></script></head><body></body></html>');
  writeFileSync(`${SITE}/p/late.js`, `const el = document.createElement('youcheng-map');
el.id = 'late';
el.city = 'weifang';
el.hash = true;
el.style.height = '420px';
document.body.append(el);
window.before = { defined: !!customElements.get('youcheng-map') };
await import('/youcheng/youcheng.js');
window.readyValue = await el.ready;`);
  ({ server, url } = await startServer({ root: SITE, headers: { 'Content-Security-Policy': STRICT_CSP } }));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

async function openLate() {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  const violations = await watchCsp(page);
  await page.goto(new URL('p/late.html', url).href);
  await page.waitForFunction(() => window.readyValue !== undefined, null, { timeout: 30000 });
  return { page, context, violations };
}

test('properties set before the element is defined are kept, and ready resolves with the element', async () => {
  const { page, context, violations } = await openLate();
  const r = await page.evaluate(() => {
    const el = document.getElementById('late');
    return { before: window.before.defined, same: window.readyValue === el, city: el.getAttribute('city'), hash: el.hasAttribute('hash'), ids: el.visibleIds() };
  });
  assert.equal(r.before, false, 'the element was made before its definition');
  assert.equal(r.same, true, 'ready resolves with the element');
  assert.equal(r.city, 'weifang', 'the early property became the attribute');
  assert.equal(r.hash, true);
  assert.ok(r.ids.length > 5 && r.ids.every((id) => id.startsWith('weifang-')), 'and it took effect');
  assert.deepEqual(await violations(), []);
  await context.close();
});

test("an author's inline height wins over the height attribute and is never removed", async () => {
  const { page, context } = await openLate();
  const heights = await page.evaluate(async () => {
    const el = document.getElementById('late');
    const frame = () => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    const first = el.getBoundingClientRect().height;
    el.setAttribute('height', '500');
    await frame();
    const withAttribute = el.getBoundingClientRect().height;
    el.removeAttribute('height');
    await frame();
    return { first, withAttribute, style: el.style.height, afterRemoval: el.getBoundingClientRect().height };
  });
  assert.deepEqual(heights, { first: 420, withAttribute: 420, style: '420px', afterRemoval: 420 });
  await context.close();
});

test('hash and basemapAttribution are reflected; hash is a boolean attribute and works when set at run time', async () => {
  const { page, context } = await openLate();
  const r = await page.evaluate(async () => {
    const el = document.getElementById('late');
    el.basemapAttribution = '底图：测试';
    const reflected = el.getAttribute('basemap-attribution');
    el.setAttribute('hash', 'false');
    const falseIsOn = el.hash;
    el.hash = false;
    const off = el.hasAttribute('hash');
    history.replaceState(null, '', location.pathname);
    el.hash = true; // at run time: from now on the state goes to the URL
    el.setFilter({ cities: ['qingdao'] });
    await new Promise((ok) => setTimeout(ok, 500));
    return { reflected, falseIsOn, off, hash: location.hash };
  });
  assert.equal(r.reflected, '底图：测试');
  assert.equal(r.falseIsOn, true, 'hash="false" is present, so on (HTML boolean attribute)');
  assert.equal(r.off, false);
  assert.match(r.hash, /city=qingdao/, 'the state is written once hash is set at run time');
  await context.close();
});
