// Page-test utilities beside harness.mjs: accessibility (axe-core), Content-Security-Policy
// violations and request recording. All of them work on a page served with a strict CSP.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let axeSource = null;

/**
 * Runs axe-core in the page (WCAG 2.0/2.1/2.2 A and AA plus best practices) and returns its
 * violations as [{ id, impact, help, nodes: [target selectors] }]. The source is injected by
 * CDP evaluation (page.evaluate of a string), which a Content-Security-Policy does not govern, so
 * this works under `script-src 'self'`. axe looks inside open shadow roots by default.
 * `include`: optional CSS selector (or axe context) to limit the check.
 */
export async function axe(page, { include } = {}) {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  return page.evaluate(async (include) => {
    const result = await window.axe.run(include ?? document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target) }));
  }, include ?? null);
}

/** One line per violation, for printing. */
export const formatAxe = (violations) =>
  violations.map((v) => `${v.impact}: ${v.id} — ${v.help} (${v.nodes.length}: ${v.nodes.slice(0, 5).map((t) => t.join(' ')).join(', ')})`).join('\n');

/** The policy the widget must run under: nothing inline, nothing off-origin, wasm allowed. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'";

/**
 * Collects CSP violations of the page from its very first script on (an init script runs before
 * the page's scripts and no CSP applies to it). Call before page.goto. Returns a function that
 * resolves to [{ violatedDirective, blockedURI, sourceFile, lineNumber }].
 */
export async function watchCsp(page) {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener(
      'securitypolicyviolation',
      (e) => window.__cspViolations.push({ violatedDirective: e.violatedDirective, blockedURI: e.blockedURI, sourceFile: e.sourceFile, lineNumber: e.lineNumber }),
      true,
    );
  });
  return () => cspViolations(page);
}

/** CSP violations recorded so far by watchCsp's listener. */
export const cspViolations = (page) => page.evaluate(() => window.__cspViolations ?? []);

/**
 * A live list of the URL of every request made in the page's browser context from now on: the
 * page, its frames and its workers (one page per context, as the harness opens them).
 */
export function recordRequests(page) {
  const list = [];
  page.context().on('request', (r) => list.push(r.url()));
  return list;
}

/** The URLs in `list` not on `origin` (data: URLs are not requests to anyone and are skipped). */
export const offOrigin = (list, origin) =>
  list.filter((u) => !u.startsWith('data:') && new URL(u).origin !== new URL(origin).origin);

/** The rows of a CSV text (RFC 4180: quoted fields may hold commas, quotes and line ends). */
export function parseCsv(text) {
  const rows = [[]];
  let field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') rows.at(-1).push(field), (field = '');
    else if (c === '\n') rows.at(-1).push(field), (field = ''), rows.push([]);
    else if (c !== '\r') field += c;
  }
  if (field || rows.at(-1).length) rows.at(-1).push(field);
  return rows.filter((r) => r.length > 1);
}
