// A map a visitor can read (issue 11): at the first view every Shandong city is in the inset,
// labelled, a target of at least 24 × 24 CSS px that a mouse and a finger hit at its labelled
// position (read from the snapshot's rectangles) and that shows that city's fan and tooltip;
// a stack of overlapping partners (Yamaguchi) lists its members; the names on the map do not
// overlap and are drawn where the core placed them. Screenshots: test-results/readable-*.png,
// and with YOUCHENG_READABLE_DOCS=1 docs/after-readable.png (the desktop view).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launch, serve, open, frame } from './harness.mjs';

const DESKTOP = { viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce', colorScheme: 'light' };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true, reducedMotion: 'reduce', colorScheme: 'light' };

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

/** The inset, the canvas's page offset and the cities' names, as the page has them. */
async function insetOf(page) {
  return page.evaluate(() => {
    const map = window.youcheng;
    const r = map.canvas.getBoundingClientRect();
    const names = Object.fromEntries(map.cities().map((c) => [c.key, map.language === 'zh' ? c.nameZh : c.nameEn]));
    return { inset: map.inset(), left: r.left, top: r.top, width: r.width, height: r.height, names };
  });
}

/** Records the element's hover events in the page. */
const listenHover = (page) => page.evaluate(() => {
  window.hovers = [];
  window.youcheng.addEventListener('youcheng:hover', (e) => window.hovers.push(e.detail));
});
const lastHover = (page) => page.evaluate(() => window.hovers.at(-1) ?? null);
const tooltip = (page) => page.locator('#map .yc-tooltip');

test('desktop 1280×800: every Shandong city is labelled in the inset, a 24 px target, and hovering it shows its fan', async () => {
  const { page, context, log } = await open(browser, url, DESKTOP);
  await frame(page);
  const { inset, left, top, width, height, names } = await insetOf(page);
  assert.ok(inset, 'the inset is shown at the first view');
  assert.equal(inset.cities.length, 17);
  const r = inset.rect;
  assert.ok(r.x >= 0 && r.y >= 0 && r.x + r.width <= width && r.y + r.height <= height, 'inside the canvas');
  // No partner dot under the inset at the first view.
  const under = await page.evaluate((r) => {
    const map = window.youcheng;
    return map.visibleIds().map((id) => map.details(id)).filter((d) => d.lon !== null).map((d) => [d.id, map.project(d.lon, d.lat)])
      .filter(([, p]) => p && p.x >= r.x && p.x <= r.x + r.width && p.y >= r.y && p.y <= r.y + r.height).map(([id]) => id);
  }, r);
  assert.deepEqual(under, []);
  await listenHover(page);
  for (const c of inset.cities) {
    assert.ok(c.target.width >= 24 && c.target.height >= 24, `${c.key}: ${c.target.width}×${c.target.height}`);
    assert.equal(c.label, names[c.key].replace(/市$/, ''), 'labelled in the UI language');
    // At its label, then at its dot's target: that city, with its tooltip.
    for (const box of [c.labelBox, c.target]) {
      await page.mouse.move(left + box.x + box.width / 2, top + box.y + box.height / 2);
      await page.waitForFunction((key) => window.hovers.at(-1)?.city === key && window.hovers.at(-1)?.kind === 'origin', c.key);
      assert.match(await tooltip(page).innerText(), new RegExp(names[c.key]));
    }
    await page.mouse.move(left + width - 5, top + height - 5);
  }
  // Hovering Weifang's inset dot lights its fan: the partner dots drawn in Weifang's colour at
  // Weifang's partners only are ringed; checked through the core's own hover answer.
  const weifang = inset.cities.find((c) => c.key === 'weifang');
  await page.mouse.move(left + weifang.target.x + 12, top + weifang.target.y + 12);
  const hover = await lastHover(page);
  assert.equal(hover.city, 'weifang');
  assert.deepEqual(log.pageErrors, []);
  await page.mouse.move(left + width - 5, top + height - 5);
  await frame(page);
  await page.screenshot({ path: 'test-results/readable-desktop.png' });
  if (process.env.YOUCHENG_READABLE_DOCS === '1') await page.screenshot({ path: 'docs/after-readable.png' });
  await context.close();
});

test('phone 390×844 (touch, DPR 3): a tap on each labelled city selects that city', async () => {
  const { page, context, log } = await open(browser, url, PHONE);
  await frame(page);
  const { inset, left, top, names } = await insetOf(page);
  assert.ok(inset, 'the inset is shown at the first view on a phone');
  assert.equal(inset.cities.length, 17);
  await page.screenshot({ path: 'test-results/readable-phone.png' });
  for (const [k, c] of inset.cities.entries()) {
    assert.ok(c.target.width >= 24 && c.target.height >= 24);
    const box = k % 2 ? c.labelBox : c.target; // half at the label, half at the dot
    await page.touchscreen.tap(left + box.x + box.width / 2, top + box.y + box.height / 2);
    await page.waitForFunction((key) => window.youcheng.selection().at(-1) === `@${key}`, c.key);
    assert.match(await page.locator('#map .yc-detail').innerText(), new RegExp(names[c.key]));
    await page.waitForTimeout(400); // not a double tap
  }
  assert.deepEqual(log.pageErrors, []);
  await context.close();
});

test("a stack's announcement lists its members with the UI language's separator", async () => {
  const { page, context } = await open(browser, url, DESKTOP);
  const said = await page.evaluate(async () => {
    const { createTooltip } = await import('/ui/tooltip.js');
    const { translate } = await import('/i18n.js');
    const member = (zh, en) => ({ partnerZh: zh, partnerEn: en });
    const hit = {
      kind: 'partner',
      details: { cityZh: '青岛', cityEn: 'Qingdao', partnerZh: '维也纳', partnerEn: 'Vienna', countryZh: '奥地利', countryEn: 'Austria', relation: 'friendship', year: 1990 },
      members: [member('维也纳', 'Vienna'), member('格拉茨', 'Graz')],
      memberCount: 3,
    };
    return Object.fromEntries(['en', 'zh'].map((lang) => {
      const ctx = { t: (k, v) => translate(lang, k, v), name: (zh, en) => (lang === 'zh' ? zh || en : en || zh), lang: () => lang };
      return [lang, createTooltip(ctx, () => document.body).describe(hit)];
    }));
  });
  assert.match(said.en, /Vienna, Graz, and 1 more$/, said.en);
  assert.doesNotMatch(said.en, /、/, said.en);
  assert.match(said.zh, /维也纳、格拉茨、另有 1 对$/, said.zh);
  await context.close();
});

test('a stack of overlapping partners shows its count and lists its members (Yamaguchi)', async () => {
  const { page, context } = await open(browser, url, DESKTOP);
  await frame(page);
  const found = await page.evaluate(() => {
    const map = window.youcheng;
    const all = map.visibleIds().map((id) => map.details(id));
    const y = all.filter((d) => /Yamaguchi/.test(d.partnerEn) && d.lon !== null);
    const r = map.canvas.getBoundingClientRect();
    const p = map.project(y[0].lon, y[0].lat);
    return { ids: y.map((d) => d.id), x: r.left + p.x, y: r.top + p.y };
  });
  assert.ok(found.ids.length >= 2, found.ids.join(','));
  await listenHover(page);
  await page.mouse.move(found.x, found.y);
  await page.waitForFunction(() => window.hovers.at(-1)?.kind === 'partner');
  const tip = tooltip(page);
  const members = await tip.locator('.yc-tip-members li:not(.yc-tip-more)').allInnerTexts();
  const heading = await tip.locator('.yc-tip-stack').innerText();
  const n = Number(/\d+/.exec(heading)?.[0]);
  assert.ok(n >= 3 && n >= found.ids.length, `the count: ${heading}`);
  assert.equal(members.length, Math.min(n, 10), members.join(' | '));
  for (const id of found.ids) {
    const d = await page.evaluate((id) => window.youcheng.details(id), id);
    assert.ok(n > 10 || members.some((m) => m.includes(d.partnerZh || d.partnerEn)), `${d.partnerZh} listed`);
  }
  // The marker carries the count: dark digits on the light marker at its centre.
  const dark = await page.evaluate(([x, y]) => {
    const c = window.youcheng.picture();
    const r = window.youcheng.canvas.getBoundingClientRect();
    const k = c.width / r.width;
    const d = c.getContext('2d').getImageData(Math.round((x - r.left - 3) * k), Math.round((y - r.top - 4) * k), Math.round(6 * k), Math.round(8 * k)).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] < 200) n++;
    return n;
  }, [found.x, found.y]);
  assert.ok(dark > 0, 'the count is drawn on the marker');
  await context.close();
});

test('names on the map are placed without overlaps and drawn where the core put them, in both languages', async () => {
  const { page, context } = await open(browser, url, DESKTOP);
  // Start from a settled page: the canvas can still change size once after ready (the legend
  // filling in; see issue 14's layout shift), and a frame at the old size would not show the new
  // layout's names.
  await page.evaluate(async () => {
    const map = window.youcheng;
    const raf = () => new Promise((r) => requestAnimationFrame(r));
    for (let last = -1; last !== map.frameStats().frames; await raf(), await raf()) last = map.frameStats().frames;
  });
  for (const lang of ['zh', 'en']) {
    await page.evaluate((lang) => window.youcheng.setLanguage(lang), lang);
    await frame(page);
    const { labels, inset, width, height } = await page.evaluate(() => {
      const map = window.youcheng;
      const r = map.canvas.getBoundingClientRect();
      return { labels: map.labels(), inset: map.inset(), width: r.width, height: r.height };
    });
    const countries = labels.filter((l) => l.country);
    assert.ok(countries.length >= 10 && labels.length - countries.length >= 5, `${lang}: ${labels.length} names`);
    const overlap = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    for (const [i, a] of labels.entries()) {
      assert.ok(a.rect.x >= 0 && a.rect.y >= 0 && a.rect.x + a.rect.width <= width && a.rect.y + a.rect.height <= height);
      assert.ok(!overlap(a.rect, inset.rect), `${a.text} under the inset`);
      for (const b of labels.slice(i + 1)) assert.ok(!overlap(a.rect, b.rect), `${a.text} / ${b.text}`);
    }
    const japan = await page.evaluate((lang) => window.youcheng.details('qingdao-shimonoseki')[lang === 'zh' ? 'countryZh' : 'countryEn'], lang);
    assert.ok(labels.some((l) => l.text === japan), `${japan} is named`);
    // Text pixels (darker than land and ocean) inside the partner names' boxes.
    const inked = await page.evaluate((boxes) => {
      const c = window.youcheng.picture();
      const k = c.width / window.youcheng.canvas.getBoundingClientRect().width;
      const ctx = c.getContext('2d');
      return boxes.filter((b) => {
        const d = ctx.getImageData(Math.round(b.x * k), Math.round(b.y * k), Math.max(1, Math.round(b.width * k)), Math.max(1, Math.round(b.height * k))).data;
        for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] < 240) return true;
        return false;
      }).length;
    }, labels.filter((l) => !l.country).map((l) => l.rect));
    const partners = labels.length - countries.length;
    assert.ok(inked >= partners * 0.9, `${inked} of ${partners} partner names inked`);
  }
  await context.close();
});

test('the cost of a settled frame with a new layout (stacks, names) and of one that reuses it (printed)', async () => {
  const { page, context } = await open(browser, url, DESKTOP);
  await frame(page);
  const times = await page.evaluate(async () => {
    const map = window.youcheng;
    // Start from a settled page: no frame of the start-up (a resize once the styles apply) pending.
    const raf = () => new Promise((r) => requestAnimationFrame(r));
    for (let last = -1; last !== map.frameStats().frames; await raf(), await raf()) last = map.frameStats().frames;
    // Times the element's own animation-frame callback: one callback registered before its
    // request and one after run either side of it in the same frame.
    // Also counts the frames the core drew meanwhile (a frame that changes nothing now costs
    // ~0.1 ms, under the clock's resolution).
    const timeFrame = (change, drawn) => new Promise((done) => {
      let t0 = 0;
      const f0 = map.frameStats().frames;
      requestAnimationFrame(() => (t0 = performance.now()));
      change();
      requestAnimationFrame(() => (drawn.push(map.frameStats().frames - f0), done(performance.now() - t0)));
    });
    const out = { relayout: [], reuse: [], drawn: [] };
    const views = [[10, 50, 2], [135, 35, 3], [-80, 30, 2], [118, 36, 1.5], [20, 0, 1.2]];
    for (const [lon, lat, zoom] of views) {
      out.relayout.push(await timeFrame(() => map.setView(lon, lat, zoom), out.drawn));
      out.reuse.push(await timeFrame(() => map.redraw(), out.drawn));
    }
    return out;
  });
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`settled frame, new layout: median ${median(times.relayout).toFixed(1)} ms (${times.relayout.map((t) => t.toFixed(1)).join(', ')}); same layout: median ${median(times.reuse).toFixed(1)} ms`);
  assert.equal(times.relayout.length, 5);
  assert.ok(times.relayout.every((t) => t > 0), `each new view took time: ${JSON.stringify(times)}`);
  assert.ok(times.drawn.every((n) => n >= 1), `each change drew a frame: ${JSON.stringify(times)}`);
  await context.close();
});

test("a small embed's inset covers partners: its button hides it (the partners under it are then hovered), and shows it again, by mouse and keyboard, in both languages", async () => {
  const { page, context } = await open(browser, `${url}embed.html?lang=zh`, { viewport: { width: 600, height: 400 }, reducedMotion: 'reduce' });
  await page.waitForFunction(() => document.body.dataset.youchengReady === 'true', null, { timeout: 60000 });
  const state = () => page.evaluate(() => {
    const m = document.getElementById('map');
    const b = m.shadowRoot.querySelector('.yc-inset-toggle');
    const c = m.canvas.getBoundingClientRect(), r = b.getBoundingClientRect();
    return { inset: m.inset(), hidden: b.hidden, text: b.textContent, label: b.getAttribute('aria-label'), focused: m.shadowRoot.activeElement === b, box: { x: r.left - c.left, y: r.top - c.top, width: r.width, height: r.height }, canvas: { left: c.left, top: c.top } };
  });
  let s = await state();
  assert.ok(s.inset, 'the inset at the first view');
  assert.equal(s.hidden, false);
  assert.equal(s.label, '隐藏山东放大图');
  // The button sits after the inset's title, inside its frame, clear of every city's target.
  const inside = (a, b) => a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.width <= b.x + b.width + 0.5 && a.y + a.height <= b.y + b.height + 0.5;
  const overlap = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  assert.ok(inside(s.box, s.inset.rect), `${JSON.stringify(s.box)} in ${JSON.stringify(s.inset.rect)}`);
  for (const c of s.inset.cities) assert.ok(!overlap(s.box, c.target) && !overlap(s.box, c.labelBox), c.label);
  // Partners under the inset on this small canvas.
  const under = await page.evaluate((rect) => {
    const m = document.getElementById('map');
    return m.visibleIds().map((id) => ({ id, d: m.details(id) })).filter(({ d }) => d.lon != null).map(({ id, d }) => ({ id, p: m.project(d.lon, d.lat) }))
      .filter(({ p }) => p && p.x > rect.x + 6 && p.x < rect.x + rect.width - 6 && p.y > rect.y + 30 && p.y < rect.y + rect.height - 6);
  }, s.inset.rect);
  assert.ok(under.length >= 5, `${under.length} partners under the inset`);
  await listenHover(page);
  const hoverAt = async (p) => {
    await page.mouse.move(s.canvas.left + p.x, s.canvas.top + p.y);
    await frame(page);
    return page.evaluate(() => window.hovers.at(-1) ?? null);
  };
  // Hidden with the mouse: no inset, the button says what it does now, the partners under it are hit.
  await page.mouse.click(s.canvas.left + s.box.x + s.box.width / 2, s.canvas.top + s.box.y + s.box.height / 2);
  await frame(page);
  s = await state();
  assert.equal(s.inset, null);
  assert.equal(s.hidden, false);
  assert.equal(s.text, '山东 +');
  assert.equal(s.label, '显示山东放大图');
  mkdirSync('test-results/readable', { recursive: true });
  await page.screenshot({ path: 'test-results/readable/inset-hidden.png' });
  let hits = 0;
  for (const { p } of under.slice(0, 8)) {
    await page.mouse.move(s.canvas.left + 5, s.canvas.top + 5); // off, so that each move is a new hover
    const h = await hoverAt(p);
    if (h && (h.kind === 'partner' || h.kind === 'arc')) hits++;
  }
  assert.ok(hits >= Math.min(8, under.length) / 2, `${hits} of ${Math.min(8, under.length)} partners under the old inset hovered`);
  // Shown again with the keyboard: focus the button, Enter; the focus stays on it.
  await page.evaluate(() => document.getElementById('map').shadowRoot.querySelector('.yc-inset-toggle').focus());
  await page.keyboard.press('Enter');
  await frame(page);
  s = await state();
  assert.ok(s.inset, 'shown again');
  assert.equal(s.label, '隐藏山东放大图');
  assert.ok(s.focused, 'the focus stays on the button');
  // In English (longer names: a larger frame needs room), the button says so in English.
  await page.setViewportSize({ width: 1000, height: 700 });
  await page.evaluate(() => document.getElementById('map').setLanguage('en'));
  await page.waitForFunction(() => document.getElementById('map').inset()?.cities.some((c) => c.label === 'Qingdao'));
  await frame(page);
  s = await state();
  assert.equal(s.label, 'Hide the Shandong inset');
  await page.evaluate(() => document.getElementById('map').shadowRoot.querySelector('.yc-inset-toggle').click());
  await frame(page);
  s = await state();
  assert.equal(s.inset, null);
  assert.deepEqual([s.text, s.label], ['Shandong +', 'Show the Shandong inset']);
  await page.evaluate(() => document.getElementById('map').shadowRoot.querySelector('.yc-inset-toggle').click());
  await frame(page);
  assert.ok((await state()).inset, 'shown again');
  // Zoomed in until no inset is needed: no button; back at the first view, both again.
  for (const zoom of [2, 4, 8, 16, 32]) {
    if (!(await state()).inset) break;
    await page.evaluate((zoom) => document.getElementById('map').setView(118, 36.3, zoom), zoom);
    await frame(page);
  }
  s = await state();
  assert.equal(s.inset, null, 'zoomed in: no inset');
  assert.equal(s.hidden, true, 'and no button');
  await page.evaluate(() => document.getElementById('map').resetView());
  await frame(page);
  s = await state();
  assert.ok(s.inset && !s.hidden, 'back at the first view');
  await context.close();
});
