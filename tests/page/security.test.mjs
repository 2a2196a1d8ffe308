// The page under a strict Content-Security-Policy (no inline script or style, nothing off-origin):
// no violations, no off-origin requests; and what axe-core finds (printed for now).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, serve } from './harness.mjs';
import { STRICT_CSP, watchCsp, recordRequests, offOrigin, axe, formatAxe } from './util.mjs';

let browser, server, url;
before(async () => {
  ({ server, url } = await serve({ headers: { 'Content-Security-Policy': STRICT_CSP } }));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

async function openStrict() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  const violations = await watchCsp(page);
  const requests = recordRequests(page);
  const response = await page.goto(url);
  assert.equal(response.headers()['content-security-policy'], STRICT_CSP, 'the server sent the policy');
  await page.waitForFunction(() => document.body.dataset.youchengReady === 'true' || document.body.dataset.youchengError, null, { timeout: 30000 });
  return { page, context, consoleErrors, violations, requests };
}

test('under a strict CSP the page gets ready with no violations and no off-origin requests', async () => {
  const { page, context, consoleErrors, violations, requests } = await openStrict();
  assert.equal(await page.evaluate(() => document.body.dataset.youchengError), undefined);
  assert.equal(await page.evaluate(() => document.body.dataset.youchengReady), 'true');
  await page.click('#lang-toggle'); // exercise some DOM updates too
  await page.click('#show-all');
  assert.deepEqual(await violations(), []);
  assert.deepEqual(consoleErrors, []);
  assert.ok(requests.some((r) => r.endsWith('.wasm')), 'the wasm module was fetched');
  assert.deepEqual(offOrigin(requests, url), []);
  await context.close();
});

test('axe-core (WCAG 2.x A/AA, best practices) under the strict CSP: violations are printed', async (t) => {
  const { page, context, violations } = await openStrict();
  const found = await axe(page);
  t.diagnostic(`axe: ${found.length} violation(s)`);
  if (found.length) console.log(`axe violations on index.html:\n${formatAxe(found)}`);
  // Not asserted yet (the page is being rewritten); injecting axe itself must not trip the CSP.
  assert.deepEqual(await violations(), []);
  await context.close();
});

test("the CSP watcher does see a violation (inline style attribute) and a worker script request", async () => {
  const { page, context, violations, requests } = await openStrict();
  await page.evaluate(() => document.body.setAttribute('style', 'outline: 1px solid red'));
  await page.waitForFunction(() => window.__cspViolations.length > 0);
  assert.deepEqual((await violations()).map((v) => v.violatedDirective), ['style-src-attr']);
  await page.evaluate(() => new Worker('favicon.svg?from-worker', { type: 'module' }).addEventListener('error', () => {}));
  for (let i = 0; i < 50 && !requests.some((r) => r.endsWith('?from-worker')); i++) await new Promise((ok) => setTimeout(ok, 100));
  assert.ok(requests.some((r) => r.endsWith('?from-worker')), 'the worker script request was recorded');
  await context.close();
});
