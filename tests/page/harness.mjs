// Shared set-up for the whole-page tests: serve www/ (the files `make demo` serves) and drive
// Debian's Chromium with playwright-core, recording console errors and every request.
import { chromium } from 'playwright-core';
import { startServer } from '../../tools/serve.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-default-apps',
  '--disable-extensions',
];

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export async function serve(options = {}) {
  return startServer({ root: 'www', ...options });
}

/**
 * Opens `url` in a fresh page and records what a careful reviewer would want to know. Other
 * options (reducedMotion, colorScheme, …) go to the browser context as they are.
 */
export async function open(browser, url, { viewport = { width: 1280, height: 860 }, deviceScaleFactor = 1, ...contextOptions } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor, ...contextOptions });
  const page = await context.newPage();
  const log = { consoleErrors: [], pageErrors: [], failed: [], requests: [] };
  page.on('console', (m) => m.type() === 'error' && log.consoleErrors.push(m.text()));
  page.on('pageerror', (e) => log.pageErrors.push(String(e)));
  page.on('requestfailed', (r) => log.failed.push(`${r.url()} ${r.failure()?.errorText}`));
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('response', (r) => r.status() >= 400 && log.failed.push(`${r.url()} HTTP ${r.status()}`));
  await page.goto(url);
  await page.waitForFunction(
    () => document.body.dataset.youchengReady === 'true' || document.body.dataset.youchengError,
    null,
    { timeout: 30000 },
  );
  const error = await page.evaluate(() => document.body.dataset.youchengError);
  if (error) throw new Error(`the page reported: ${error}`);
  return { page, context, log };
}

/** RGB of the map's pixel (its picture: the layers and the canvas over them) under CSS position (x, y) of the map canvas. */
export async function pixelAt(page, x, y) {
  return page.evaluate(([x, y]) => {
    const map = document.querySelector('#map'), canvas = map.picture();
    const scale = canvas.width / map.canvas.getBoundingClientRect().width;
    const d = canvas.getContext('2d').getImageData(Math.floor(x * scale), Math.floor(y * scale), 1, 1).data;
    return [d[0], d[1], d[2]];
  }, [x, y]);
}

/** Pixels in a (2r+1)² patch around a place, after projecting it with the widget. */
export async function patchAt(page, lon, lat, r = 2) {
  const p = await page.evaluate(([lon, lat]) => window.youcheng.project(lon, lat), [lon, lat]);
  const out = [];
  for (let dx = -r; dx <= r; dx++) for (let dy = -r; dy <= r; dy++) out.push(await pixelAt(page, p.x + dx, p.y + dy));
  return out;
}

export const near = (a, b, tol = 3) => a.every((v, i) => Math.abs(v - b[i]) <= tol);

/** The selector of something inside the map element's shadow root (Playwright CSS pierces it). */
export const inMap = (sel) => `#map ${sel}`;

/**
 * Waits until the next animation frame has been drawn, and then until no map on the page awaits
 * its land's picture from its worker (after a view change; at most ~60 more frames).
 */
export const frame = (page) =>
  page.evaluate(async () => {
    const next = () => new Promise((ok) => requestAnimationFrame(ok));
    await next();
    await next();
    const waiting = () => [...document.querySelectorAll('youcheng-map')].some((m) => m.frameStats?.()?.landPending);
    for (let k = 0; k < 60 && waiting(); k++) await next();
  });
