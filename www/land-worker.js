// The land layer drawn off the page's main thread after a view change: the map's core lists the
// land's drawing as numbers (src/fills.rs: CLEAR colour | FILL fill outline width rings, each
// ring n then its n points in CSS px; colours index `colours`, CSS text) and this worker makes
// the same canvas calls, in the same order, as the core's canvas surface (src/web/canvas.rs), on
// an OffscreenCanvas of its own (`size`: its width and height in device px, the pixel ratio, and
// the view's width and height in CSS px), then hands the picture back without a copy (an ImageBitmap).
// Answers {token, picture}, {token, skipped: true} (a newer list had come) or {token, error}.
const CLEAR = 1, FILL = 2;
let canvas = null, ctx = null, newest = 0;

function draw(values, colours, width, height, dpr, w, h) {
  if (!canvas) {
    canvas = new OffscreenCanvas(width, height);
    ctx = canvas.getContext('2d');
  } else if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  let i = 0;
  while (i < values.length) {
    const tag = values[i++];
    if (tag === CLEAR) {
      ctx.fillStyle = colours[values[i++]];
      ctx.fillRect(0, 0, w, h);
    } else if (tag === FILL) {
      const fill = values[i++], outline = values[i++], lineWidth = values[i++];
      ctx.beginPath();
      for (let rings = values[i++]; rings > 0; rings--) {
        const n = values[i++];
        if (n > 0) {
          ctx.moveTo(values[i], values[i + 1]);
          for (let k = 1; k < n; k++) ctx.lineTo(values[i + 2 * k], values[i + 2 * k + 1]);
          ctx.closePath();
        }
        i += 2 * n;
      }
      ctx.fillStyle = colours[fill];
      ctx.fill('evenodd');
      if (outline >= 0) {
        ctx.strokeStyle = colours[outline];
        ctx.lineWidth = lineWidth;
        ctx.stroke();
      }
    } else {
      throw new Error(`unknown drawing call ${tag} at ${i - 1}`);
    }
  }
  return canvas.transferToImageBitmap();
}

self.onmessage = async ({ data: { token, values, colours, size } }) => {
  newest = Math.max(newest, token);
  await new Promise((resolve) => setTimeout(resolve, 0)); // the lists already sent arrive first
  if (token < newest) return self.postMessage({ token, skipped: true });
  try {
    const picture = draw(values, colours, ...size);
    self.postMessage({ token, picture }, [picture]);
  } catch (error) {
    self.postMessage({ token, error: String(error?.message ?? error) });
  }
};
