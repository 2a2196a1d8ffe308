// A partnerships load in steps between frames: the core reads, checks and prepares a bounded number
// of rows per step (src/app/job.rs), and this loop yields to the page after each one, so that a large
// file never holds the main thread for long. The rows per step adapt to the time a step takes, per
// phase, aiming at STEP_MS (well under the 50 ms of a long task).
const STEP_MS = 10;
const FIRST_ROWS = 50;
const MAX_ROWS = 20000;
// A frame at least this often: scheduler.yield() continuations run before rendering, and Chromium
// only forces a frame once one is 100 ms late, so the loop waits for one itself.
const FRAME_MS = 16;

/** Lets the page run (draw a frame, answer input) before the next step. */
export function nextTask() {
  if (globalThis.scheduler?.yield) return globalThis.scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/** The next animation frame has been drawn (or 100 ms have passed: a hidden page draws none). */
function nextFrame() {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() => setTimeout(() => (clearTimeout(timer), resolve()), 0));
  });
}

/**
 * Loads `bytes` as `name` into `map` (a guarded core handle) in steps; `onProgress(progress, ms)`
 * hears each step's `{phase, done, total, percent}` and the time since `t0` (when the visitor or page
 * asked for the file: a download counts). Resolves with the
 * last status `{id, progress, report}` (phase `done`, or `cancelled` when a newer load replaced it or
 * `wanted()` says no more: the element was removed); a trap in the core rejects with a CoreTrap.
 */
export async function loadInSteps(map, { name, bytes, today, validRowsOnly, onProgress, t0 = performance.now(), wanted = () => true }) {
  let status = map.startLoad(name, bytes, today, validRowsOnly);
  const rows = {};
  let frame = performance.now();
  while (!status.report) {
    onProgress(status.progress, performance.now() - t0);
    if (performance.now() - frame > FRAME_MS) {
      await nextFrame();
      frame = performance.now();
    } else await nextTask();
    if (!wanted()) return { id: status.id, progress: { ...status.progress, phase: 'cancelled' }, report: null };
    const phase = status.progress.phase;
    const n = rows[phase] ?? FIRST_ROWS;
    const s = performance.now();
    status = map.handle({ type: 'loadStep', id: status.id, rows: n }).load;
    const ms = performance.now() - s;
    // Aim at STEP_MS: grow at most twofold a step, shrink as much as the last step says.
    rows[phase] = Math.max(1, Math.min(MAX_ROWS, Math.round(n * Math.min(2, STEP_MS / Math.max(ms, 0.25)))));
  }
  onProgress(status.progress, performance.now() - t0);
  return status;
}
