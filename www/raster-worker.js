// The arcs layer's rasteriser in a worker: a large layer's arcs and dots (a world network's
// tens of thousands of lines) are rasterised here, off the page's main thread, by the same
// WebAssembly module (sent compiled by core.js) and the same code as on the main thread, from the
// list of commands the map's core made (see src/raster.rs, `Commands`), a band of the image's rows
// each (y0 to y1; core.js splits the image between its workers). Answers {token, y0, y1} with
// {rgba, x, y, width, height}, {empty: true}, {skipped: true} or {error}. A list for which a newer
// one has come meanwhile is skipped (the map only ever waits for its newest layer), so that quick
// changes (a timeline played at a world network) never queue up layers no one will see. A message
// {arcs, numbers} gives it the map's arcs (see Youcheng.setArcs), answered {arcsMade} once read
// (or failed): later lists name them by number, and their lines are made here.
import init, { Youcheng } from './pkg/youcheng.js';

// The compiled module comes in its own message, maybe after the first list.
let receive;
const ready = new Promise((resolve) => (receive = resolve)).then((module) => init({ module_or_path: module }));
ready.catch(() => {}); // each list's answer says so

let newest = 0;

self.onmessage = async ({ data }) => {
  if (data.module) return receive(data.module);
  if (data.arcs !== undefined) {
    // The map's arcs, once per dataset: later lists name them by number. Arcs that do not read
    // leave none held, so the lists naming them fail (the map then rasterises them itself).
    try {
      await ready;
      Youcheng.setArcs(data.arcs, data.numbers);
    } catch {
      /* none held: setArcs drops the last arcs before it reads the next */
    }
    return self.postMessage({ arcsMade: data.arcs });
  }
  const { token, values, width, height, y0, y1 } = data;
  newest = Math.max(newest, token);
  try {
    await ready;
    await new Promise((resolve) => setTimeout(resolve, 0)); // the lists already sent arrive first
    if (token < newest) return self.postMessage({ token, y0, y1, skipped: true });
    const image = Youcheng.rasterize(values, width, height, y0, y1);
    if (!image) self.postMessage({ token, y0, y1, empty: true });
    else self.postMessage({ token, y0, y1, ...image }, [image.rgba.buffer]);
  } catch (error) {
    self.postMessage({ token, y0, y1, error: String(error?.message ?? error) });
  }
};
