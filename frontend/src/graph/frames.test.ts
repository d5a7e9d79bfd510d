import { describe, expect, it } from "vitest";
import { startFrameCounter, type FrameClock, type RenderSource } from "./frames";

function fakeSigma(order: number) {
  const handlers = new Set<() => void>();
  const s: RenderSource & { render(): void; order: number; handlers: Set<() => void> } = {
    order,
    handlers,
    on: (_e, fn) => handlers.add(fn),
    off: (_e, fn) => handlers.delete(fn),
    getGraph: () => ({ order: s.order }),
    render: () => handlers.forEach((fn) => fn()),
  };
  return s;
}

function fakeClock() {
  let t = 0;
  let frames: (() => void)[] = [];
  let timer: (() => void) | null = null;
  const c: FrameClock & { advance(ms: number): void; frame(): void } = {
    now: () => t,
    requestFrame: (fn) => frames.push(fn),
    cancelFrame: () => (frames = []),
    every: (_ms, fn) => {
      timer = fn;
      return () => (timer = null);
    },
    advance: (ms) => {
      t += ms;
      timer?.();
    },
    frame: () => {
      const f = frames;
      frames = [];
      f.forEach((fn) => fn());
    },
  };
  return c;
}

describe("startFrameCounter", () => {
  it("reports renders and animation frames per window, and the first non-empty render once", () => {
    const sigma = fakeSigma(0);
    const clock = fakeClock();
    const frames: number[][] = [];
    const drawn: number[][] = [];
    const stop = startFrameCounter(sigma, { frames: (r, f, w) => frames.push([r, f, w]), drawn: (n, ms) => drawn.push([n, ms]) }, false, clock);
    sigma.render(); // empty graph: not "drawn"
    clock.frame();
    clock.frame();
    sigma.order = 5;
    sigma.render();
    clock.advance(1000);
    expect(frames).toEqual([[2, 2, 1000]]);
    expect(drawn).toEqual([[5, 0]]);
    sigma.render();
    clock.frame();
    clock.advance(1200);
    expect(frames[1]).toEqual([1, 1, 1200]);
    expect(drawn).toHaveLength(1);
    stop();
    expect(sigma.handlers.size).toBe(0);
    clock.advance(1000);
    expect(frames).toHaveLength(2);
  });

  it("does not report a draw that happened before it started", () => {
    const sigma = fakeSigma(3);
    const drawn: number[][] = [];
    startFrameCounter(sigma, { frames: () => {}, drawn: (n, ms) => drawn.push([n, ms]) }, true, fakeClock());
    sigma.render();
    expect(drawn).toEqual([]);
  });
});
