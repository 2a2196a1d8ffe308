// Search as navigation in real Chromium: the result list under the search box (an ARIA
// combobox), typo tolerance, pinyin initials and aliases; choosing a result selects it and flies
// the view there (no animation frames under reduced motion); the fit button.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launch, serve, open, frame } from './harness.mjs';
import { axe, formatAxe } from './util.mjs';

let browser, server, url;
before(async () => {
  ({ server, url } = await serve());
  browser = await launch();
  mkdirSync('test-results', { recursive: true });
});
after(async () => {
  await browser?.close();
  server?.close();
});

const box = '#map .yc-search';

/** Types `q` into the search box and returns the list's options as {kind, key, text}. */
async function results(page, q) {
  await page.fill(box, q);
  await page.waitForFunction((q) => {
    const root = document.querySelector('#map').shadowRoot;
    return root.querySelector('.yc-search').value === q && !root.querySelector('.yc-results').hidden;
  }, q);
  return page.$$eval('#map .yc-results [role="option"]', (lis) => lis.map((li) => ({ kind: li.dataset.kind, key: li.dataset.key, text: li.textContent })));
}

/** Whether both ends of pair `id` are drawn inside the canvas (the element's own projection). */
function endsInside(page, id) {
  return page.evaluate((id) => {
    const map = document.querySelector('#map');
    const d = map.details(id);
    const city = map.cities().find((c) => c.key === d.city);
    const r = map.canvas.getBoundingClientRect();
    return [[city.lon, city.lat], [d.lon, d.lat]].map(([lon, lat]) => {
      const p = map.project(lon, lat);
      return { lon, lat, ...p, inside: p.x >= 0 && p.x <= r.width && p.y >= 0 && p.y <= r.height };
    });
  }, id);
}

/** Waits until no frame has been drawn for a while (a flight has landed); returns the frame count. */
async function settle(page) {
  let last = -1;
  for (let i = 0; i < 100; i++) {
    const n = await page.evaluate(() => new Promise((ok) => setTimeout(() => ok(document.querySelector('#map').frameStats().frames), 150)));
    if (n === last) return n;
    last = n;
  }
  throw new Error('frames never stopped');
}

test('typing Shimonoseky, xg, Soul, USA and UK gives the expected first result, and USA no other country', async () => {
  const { page, context } = await open(browser, url);
  const expected = { Shimonoseky: 'qingdao-shimonoseki', xg: 'qingdao-shimonoseki', Soul: 'shandong-seoul', seol: 'shandong-seoul', USA: 'US', UK: 'GB', Tsingtao: 'qingdao', 美国: 'US' };
  for (const [q, key] of Object.entries(expected)) {
    const list = await results(page, q);
    console.log(`# ${q}: ${list.map((r) => `${r.kind} ${r.key}`).join(', ')}`);
    assert.equal(list[0]?.key, key, `${q}: ${JSON.stringify(list)}`);
    assert.ok(list.length <= 8);
  }
  const countryOf = (r) => page.evaluate(({ kind, key }) => (kind === 'country' ? key : kind === 'city' ? 'CN' : document.querySelector('#map').details(key).country), r);
  const usa = await results(page, 'USA');
  for (const r of usa.slice(0, 5)) assert.equal(await countryOf(r), 'US', `USA: ${JSON.stringify(r)}`);
  for (const r of await results(page, 'UK')) assert.notEqual(await countryOf(r), 'UA', 'UK is not Ukraine');
  // The list speaks the UI language: kind and country in Chinese on the Chinese page.
  const [first] = await results(page, 'Shimonoseky');
  assert.match(first.text, /下关/);
  assert.match(first.text, /日本/);
  // In English: English names, kinds and plural counts.
  await page.click('#map .yc-lang');
  const en = await results(page, 'yama');
  console.log(`# yama (en): ${en.map((r) => r.text).join(' | ')}`);
  assert.match(en[0].text, /^Yamaguchi/, 'the written name before 牙买加 (Jamaica) by pinyin');
  assert.ok(en.some((r) => /^JamaicaCountry · 1 pair$/.test(r.text)), JSON.stringify(en));
  await page.press(box, 'Escape'); // the open list may cover the second toolbar row
  await page.click('#map .yc-lang');
  await results(page, 'Shimonoseky');
  // And the map's filter follows the same rules: a typo is forgiven when nothing else matches.
  await page.waitForFunction(() => document.querySelector('#map').getFilter().text === 'Shimonoseky');
  assert.deepEqual(await page.evaluate(() => document.querySelector('#map').visibleIds()), ['qingdao-shimonoseki']);
  await context.close();
});

test('Enter on a result selects it and flies: both ends of the pair inside the canvas after the fly, then no frames', async () => {
  const { page, context } = await open(browser, url);
  await results(page, 'Shimonoseky');
  const before = await page.evaluate(() => document.querySelector('#map').frameStats().frames);
  await page.press(box, 'Enter');
  const landed = await settle(page);
  const view = await page.evaluate(() => document.querySelector('#map').view());
  console.log(`# fly: ${landed - before} frames, view ${JSON.stringify(view)}`);
  assert.ok(landed - before >= 5, `animated over several frames: ${landed - before}`);
  assert.deepEqual(await page.evaluate(() => document.querySelector('#map').selection()), ['qingdao-shimonoseki']);
  assert.ok(view.zoom > 4, `zoomed in: ${view.zoom}`);
  const ends = await endsInside(page, 'qingdao-shimonoseki');
  assert.ok(ends.every((e) => e.inside), JSON.stringify(ends));
  assert.equal(await page.inputValue(box), '', 'the box is cleared');
  assert.equal(await page.evaluate(() => document.querySelector('#map').getFilter().text), '');
  await page.waitForTimeout(400);
  assert.equal(await page.evaluate(() => document.querySelector('#map').frameStats().frames), landed, 'zero frames once landed');
  await page.screenshot({ path: 'test-results/search-fly.png' });
  await context.close();
});

test('reduced motion: choosing a result jumps there with no animation frames', async () => {
  const { page, context } = await open(browser, url, { reducedMotion: 'reduce' });
  await results(page, 'xg');
  await page.waitForTimeout(300); // the typing's filter has been drawn
  await frame(page);
  const before = await page.evaluate(() => document.querySelector('#map').frameStats().frames);
  await page.press(box, 'Enter');
  const zoom = await page.evaluate(() => document.querySelector('#map').view().zoom);
  assert.ok(zoom > 4, `the view jumped at once: ${zoom}`);
  await page.waitForTimeout(700);
  const drawn = (await page.evaluate(() => document.querySelector('#map').frameStats().frames)) - before;
  console.log(`# reduced motion: ${drawn} frame(s) after choosing`);
  // One redraw for the choice, and one more when the detail panel opening resizes the canvas.
  assert.ok(drawn <= 2, `no animation: ${drawn}`);
  assert.ok((await endsInside(page, 'qingdao-shimonoseki')).every((e) => e.inside));
  await context.close();
});

test('the fit button puts every visible partner inside the canvas, also across the seam; setView still works', async () => {
  const { page, context } = await open(browser, url);
  for (const countries of [['BR', 'JP'], ['KR'], ['US', 'GB', 'AU']]) {
    await page.evaluate((countries) => {
      const map = document.querySelector('#map');
      map.resetView();
      map.setFilter({ countries });
    }, countries);
    await page.click('#map .yc-fit');
    await settle(page);
    const outside = await page.evaluate(() => {
      const map = document.querySelector('#map');
      const r = map.canvas.getBoundingClientRect();
      return map.visibleIds().map((id) => map.details(id)).filter((d) => d.lon !== null).map((d) => ({ id: d.id, ...map.project(d.lon, d.lat) })).filter((p) => p.x < 0 || p.x > r.width || p.y < 0 || p.y > r.height);
    });
    const view = await page.evaluate(() => document.querySelector('#map').view());
    console.log(`# fit ${countries}: zoom ${view.zoom.toFixed(2)}`);
    assert.deepEqual(outside, [], `${countries}`);
    if (countries[0] === 'KR') {
      assert.ok(view.zoom > 4, `Korea is a close fit: ${view.zoom}`);
      await page.screenshot({ path: 'test-results/search-fit-korea.png' });
    }
  }
  assert.equal(await page.evaluate(() => document.querySelector('#map').fitToVisible()), true);
  // An element that is not on the page yet answers without throwing.
  assert.deepEqual(await page.evaluate(() => { const el = document.createElement('youcheng-map'); return [el.fitToVisible(), el.search('Seoul')]; }), [false, []]);
  await page.evaluate(() => document.querySelector('#map').setView(120, 36, 3));
  await settle(page);
  assert.ok(Math.abs((await page.evaluate(() => document.querySelector('#map').view())).zoom - 3) < 1e-6);
  await context.close();
});

test('keyboard only: Tab to the box, type, ↓/↑ through the list, Enter chooses, Esc closes then clears', async () => {
  const { page, context } = await open(browser, url, { reducedMotion: 'reduce' });
  const active = () => page.evaluate(() => document.querySelector('#map').shadowRoot.activeElement?.className ?? '');
  for (let i = 0; i < 6 && !(await active()).includes('yc-search'); i++) await page.keyboard.press('Tab');
  assert.match(await active(), /yc-search/);
  await page.keyboard.type('Korea');
  await page.waitForFunction(() => !document.querySelector('#map').shadowRoot.querySelector('.yc-results').hidden);
  const aria = () => page.$eval(box, (i) => ({ expanded: i.getAttribute('aria-expanded'), controls: i.getAttribute('aria-controls'), active: i.getAttribute('aria-activedescendant'), role: i.getAttribute('role') }));
  let a = await aria();
  assert.deepEqual([a.role, a.expanded, a.controls, a.active], ['combobox', 'true', 'yc-results', null]);
  assert.equal(await page.$eval('#map #yc-results', (l) => l.getAttribute('role')), 'listbox');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal((await aria()).active, 'yc-result-1');
  await page.keyboard.press('ArrowUp');
  a = await aria();
  assert.equal(a.active, 'yc-result-0');
  assert.equal(await page.$eval('#map #yc-result-0', (li) => [li.getAttribute('aria-selected'), li.dataset.key].join()), 'true,KR');
  await page.screenshot({ path: 'test-results/search-list.png' });
  const found = await axe(page, { include: '#map' });
  assert.deepEqual(found, [], formatAxe(found));
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#map').getFilter().countries?.join() === 'KR');
  assert.equal((await aria()).expanded, 'false');
  assert.ok((await page.evaluate(() => document.querySelector('#map').view())).zoom > 3, 'fitted to Korea');
  // Esc closes the list first, then clears the text (and its filter).
  await page.keyboard.type('Seoul');
  await page.waitForFunction(() => document.querySelector('#map').getFilter().text === 'Seoul');
  await page.keyboard.press('Escape');
  assert.equal((await aria()).expanded, 'false');
  assert.equal(await page.inputValue(box), 'Seoul');
  await page.keyboard.press('Escape');
  assert.equal(await page.inputValue(box), '');
  await page.waitForFunction(() => document.querySelector('#map').getFilter().text === '');
  // In the empty box Esc goes on to the widget: it closes the detail panel of a chosen pair.
  await page.keyboard.type('xg');
  await page.waitForFunction(() => !document.querySelector('#map').shadowRoot.querySelector('.yc-results').hidden);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#map').selection().join() === 'qingdao-shimonoseki');
  const panelOpen = () => page.evaluate(() => !document.querySelector('#map').shadowRoot.querySelector('.yc-detail').hidden);
  assert.equal(await panelOpen(), true);
  await page.keyboard.press('Escape');
  assert.equal(await panelOpen(), false);
  await context.close();
});

test('mouse and touch: a click or a tap on a result chooses it', async () => {
  const { page, context } = await open(browser, url, { hasTouch: true, reducedMotion: 'reduce' });
  await results(page, 'Seoul');
  await page.click('#map .yc-results [data-key="shandong-seoul"]');
  await page.waitForFunction(() => document.querySelector('#map').selection().join() === 'shandong-seoul');
  await results(page, 'weifang');
  await page.tap('#map .yc-results [data-key="weifang"]');
  await page.waitForFunction(() => document.querySelector('#map').selection().join() === '@weifang');
  await context.close();
});
