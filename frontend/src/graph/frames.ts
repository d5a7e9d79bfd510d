// The frame counter of the debug mode (PLEXUS_DEBUG_FRAMES=1, debugframes.go): counts sigma's
// renders ("afterRender") and requestAnimationFrame ticks, and reports both once a second.
// Started by GraphCanvas.svelte only when the backend says the mode is on, so with the mode
// off nothing is registered at all. build/scripts/window-bench.sh reads the log lines.

/** webglRenderer names the WebGL renderer of this page ("llvmpipe …" is software), or why it cannot. */
export function webglRenderer(): string {
  try {
    const gl = document.createElement("canvas").getContext("webgl");
    if (!gl) return "no WebGL";
    const ext = gl.getExtension("WEBGL_debug_renderer_info");
    const name = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension("WEBGL_lose_context")?.loseContext();
    return name;
  } catch (e) {
    return `unknown (${String(e)})`;
  }
}

/** The part of sigma the counter needs. */
export interface RenderSource {
  on(event: "afterRender", fn: () => void): unknown;
  off(event: "afterRender", fn: () => void): unknown;
  getGraph(): { order: number };
}

export interface FrameReport {
  /** one window: renders and animation frames over windowMs */
  frames(renders: number, raf: number, windowMs: number): void;
  /** the first render of a non-empty graph: its node count, ms since navigation start */
  drawn(nodes: number, pageMs: number): void;
}

export interface FrameClock {
  now(): number;
  requestFrame(fn: () => void): number;
  cancelFrame(id: number): void;
  every(ms: number, fn: () => void): () => void;
}

const browserClock: FrameClock = {
  now: () => performance.now(),
  requestFrame: (fn) => requestAnimationFrame(fn),
  cancelFrame: (id) => cancelAnimationFrame(id),
  every: (ms, fn) => {
    const t = setInterval(fn, ms);
    return () => clearInterval(t);
  },
};

/**
 * startFrameCounter counts renders of sigma and animation frames and calls report.frames once a
 * second (the window is measured, not assumed: a long frame makes it longer). alreadyDrawn: the
 * graph was drawn before the counter started (no "drawn" report then: its time would be wrong).
 * Returns the stop function.
 */
export function startFrameCounter(sigma: RenderSource, report: FrameReport, alreadyDrawn = false, clock: FrameClock = browserClock): () => void {
  let renders = 0;
  let raf = 0;
  let drawn = alreadyDrawn;
  let since = clock.now();
  let stopped = false;

  const onRender = () => {
    renders++;
    if (!drawn) {
      const n = sigma.getGraph().order;
      if (n > 0) {
        drawn = true;
        report.drawn(n, Math.round(clock.now()));
      }
    }
  };
  sigma.on("afterRender", onRender);

  let frame = 0;
  const tick = () => {
    if (stopped) return;
    raf++;
    frame = clock.requestFrame(tick);
  };
  frame = clock.requestFrame(tick);

  const stopTimer = clock.every(1000, () => {
    const t = clock.now();
    report.frames(renders, raf, Math.round(t - since));
    renders = 0;
    raf = 0;
    since = t;
  });

  return () => {
    if (stopped) return;
    stopped = true;
    sigma.off("afterRender", onRender);
    clock.cancelFrame(frame);
    stopTimer();
  };
}
