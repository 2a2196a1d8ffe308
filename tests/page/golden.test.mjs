// Golden images of the map canvas (d3-geo's snapshot tests, for a whole page): the demo page at a
// fixed size, light colour scheme and reduced motion, in four states. Each test reads the canvas's
// own pixels (not the DOM overlays around it) and compares them with tests/page/golden/<name>.png
// using pixelmatch (threshold 0.1); at most 0.5 % of the pixels may differ. On a mismatch it writes
// test-results/golden/<name>-actual.png and <name>-diff.png and fails with the count.
//   YOUCHENG_UPDATE_GOLDEN=1 (`make golden`) writes the goldens instead.
//   A missing golden is written (and said so) on a developer's machine, and fails under CI=true.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import pixelmatch from 'pixelmatch';
import { launch, serve, open, frame } from './harness.mjs';

const GOLDEN_DIR = 'tests/page/golden';
const OUT_DIR = 'test-results/golden';
const THRESHOLD = 0.1; // pixelmatch's per-pixel colour distance (0–1)
const MAX_DIFF = 0.005; // of all pixels
const UPDATE = process.env.YOUCHENG_UPDATE_GOLDEN === '1';
const CI = process.env.CI === 'true';

const STATES = {
  default: async () => {},
  'filter-weifang': (page) => page.evaluate(() => window.youcheng.setFilter({ cities: ['weifang'] })),
  dark: async (page) => {
    await page.evaluate(() => {
      window.youcheng.theme = 'dark';
    });
    await frame(page); // two animation frames
  },
  'colour-decade': (page) => page.evaluate(() => window.youcheng.setColourBy('decade')),
};

let browser, server, url;
before(async () => {
  ({ server, url } = await serve());
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

/** The map's pixels as a pngjs image (its picture: the layers and the canvas over them; no overlays). */
async function canvasImage(page) {
  const dataUrl = await page.evaluate(() => window.youcheng.picture().toDataURL('image/png'));
  return PNG.sync.read(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
}

/** Waits until two reads two animation frames apart are the same (nothing is still drawing). */
async function settledImage(page) {
  let last = await canvasImage(page);
  for (let i = 0; i < 20; i++) {
    await frame(page);
    const next = await canvasImage(page);
    if (next.width === last.width && next.height === last.height && next.data.equals(last.data)) return next;
    last = next;
  }
  throw new Error('the canvas kept changing for 40 animation frames');
}

const writePng = (path, { width, height, data }) => {
  const png = new PNG({ width, height });
  data.copy(png.data);
  writeFileSync(path, PNG.sync.write(png));
};

for (const [name, apply] of Object.entries(STATES)) {
  test(`golden image: ${name}`, async (t) => {
    const { page, context, log } = await open(browser, url, {
      viewport: { width: 1280, height: 860 },
      deviceScaleFactor: 1,
      reducedMotion: 'reduce',
      colorScheme: 'light',
    });
    try {
      await frame(page);
      await apply(page);
      const actual = await settledImage(page);
      assert.deepEqual(log.pageErrors, []);
      assert.ok(actual.width > 300 && actual.height > 200, `canvas ${actual.width}×${actual.height}`);

      const golden = `${GOLDEN_DIR}/${name}.png`;
      if (UPDATE || !existsSync(golden)) {
        assert.ok(UPDATE || !CI, `${golden} is missing (run \`make golden\` and commit it)`);
        mkdirSync(GOLDEN_DIR, { recursive: true });
        writePng(golden, actual);
        t.diagnostic(`wrote ${golden} (${actual.width}×${actual.height})`);
        return;
      }

      const expected = PNG.sync.read(readFileSync(golden));
      mkdirSync(OUT_DIR, { recursive: true });
      const actualPath = `${OUT_DIR}/${name}-actual.png`;
      if (expected.width !== actual.width || expected.height !== actual.height) {
        writePng(actualPath, actual);
        assert.fail(`${name}: canvas is ${actual.width}×${actual.height}, the golden ${expected.width}×${expected.height}; see ${actualPath}`);
      }
      const { width, height } = actual;
      const diff = new PNG({ width, height });
      const differing = pixelmatch(expected.data, actual.data, diff.data, width, height, { threshold: THRESHOLD });
      const allowed = Math.floor(width * height * MAX_DIFF);
      t.diagnostic(`${name}: ${differing} of ${width * height} pixels differ (at most ${allowed})`);
      if (differing > allowed) {
        writePng(actualPath, actual);
        writeFileSync(`${OUT_DIR}/${name}-diff.png`, PNG.sync.write(diff));
        assert.fail(
          `${name}: ${differing} pixels differ from ${golden} (${((100 * differing) / (width * height)).toFixed(2)} %, at most ${allowed}); ` +
            `see ${actualPath} and ${OUT_DIR}/${name}-diff.png`,
        );
      }
    } finally {
      await context.close();
    }
  });
}
