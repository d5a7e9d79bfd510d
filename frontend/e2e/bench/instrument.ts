// What the browser benchmark installs in both pages (Plexus and the bare sigma page) before their
// own scripts run (page.addInitScript): a long-task observer, counters of WebGL draw calls and
// pixel read-backs, a counter of messages from web workers (the ForceAtlas2 worker answers each
// iteration with one message), and probes that time one input event to the end of the next frame.
// instrument() is serialised into the page: it must not use anything outside its own body.

export interface LongTask {
  start: number;
  duration: number;
}

/** One probed input event: its time, when the page's handlers had run, when the next frame was done. */
export interface Probe {
  type: string;
  /** the event's timeStamp (when the browser received the input) */
  t0: number;
  /** after every listener of the event ran (a window bubble listener) */
  handledAt: number;
  /** a setTimeout queued from the first animation frame after the event: after that frame's rendering */
  frameAt: number;
  /** WebGL draw calls and readPixels from the event to frameAt */
  draws: number;
  readPixels: number;
}

export interface BenchState {
  longTasks: LongTask[];
  draws: number;
  readPixels: number;
  workers: number;
  workerMessages: number;
  /** Plexus only: when the test hook first said ready (its first sigma render with nodes) */
  readyAt: number | null;
  /** the event type the next probe is armed for, and the last probe taken */
  armed: string | null;
  probe: Probe | null;
  /** resolves after the next animation frame's rendering (rAF, then a task) */
  nextFrame(): Promise<number>;
}

export function instrument(): void {
  const b: BenchState = {
    longTasks: [],
    draws: 0,
    readPixels: 0,
    workers: 0,
    workerMessages: 0,
    readyAt: null,
    armed: null,
    probe: null,
    nextFrame: () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0))),
  };
  Object.defineProperty(window, '__bench', { value: b, configurable: true });

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no long-task support: the counts stay 0
  }

  const wrap = (proto: object | undefined, names: string[], count: () => void) => {
    if (!proto) return;
    const p = proto as Record<string, unknown>;
    for (const n of names) {
      const orig = p[n];
      if (typeof orig !== 'function') continue;
      p[n] = function (this: unknown, ...args: unknown[]) {
        count();
        return (orig as (...a: unknown[]) => unknown).apply(this, args);
      };
    }
  };
  const drawNames = ['drawArrays', 'drawElements', 'drawArraysInstanced', 'drawElementsInstanced', 'drawRangeElements'];
  const g = window as unknown as Record<string, { prototype: object } | undefined>;
  for (const ctx of ['WebGLRenderingContext', 'WebGL2RenderingContext']) {
    wrap(g[ctx]?.prototype, drawNames, () => b.draws++);
    wrap(g[ctx]?.prototype, ['readPixels'], () => b.readPixels++);
  }
  wrap(g.ANGLEInstancedArrays?.prototype, ['drawArraysInstancedANGLE', 'drawElementsInstancedANGLE'], () => b.draws++);

  const W = window.Worker;
  if (typeof W === 'function') {
    const Counted = function (url: string | URL, opts?: WorkerOptions) {
      const w = new W(url, opts);
      b.workers++;
      w.addEventListener('message', () => b.workerMessages++);
      return w;
    } as unknown as typeof Worker;
    Counted.prototype = W.prototype;
    window.Worker = Counted;
  }

  const probeStart = (e: Event) => {
    if (b.armed !== e.type) return;
    b.armed = null;
    const d0 = b.draws;
    const r0 = b.readPixels;
    const p: Probe = { type: e.type, t0: e.timeStamp, handledAt: NaN, frameAt: NaN, draws: 0, readPixels: 0 };
    const done = () => {
      p.handledAt = performance.now();
      window.removeEventListener(e.type, done);
    };
    window.addEventListener(e.type, done);
    requestAnimationFrame(() =>
      setTimeout(() => {
        p.frameAt = performance.now();
        p.draws = b.draws - d0;
        p.readPixels = b.readPixels - r0;
        b.probe = p;
      }, 0),
    );
  };
  for (const t of ['mousemove', 'mouseup', 'keydown']) window.addEventListener(t, probeStart, true);

  // Plexus's test hook (frontend/src/graph/testHook.ts) says when its first render with nodes returned.
  const poll = () => {
    const hook = (window as unknown as { __plexus?: { ready: boolean } }).__plexus;
    if (hook?.ready) b.readyAt = performance.now();
    else setTimeout(poll, 2);
  };
  if (!location.pathname.includes('/bare/')) poll();
}
