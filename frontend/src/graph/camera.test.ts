import { describe, expect, it } from "vitest";
import { ANCHOR_SPAN_PX, anchoredCamera, panned, revealBoxShift, revealShift, type CameraState, type Point, type Projection, type Size } from "./camera";

/**
 * A projection shaped like sigma 3's (no rotation): the camera's centre at the
 * middle of the container, framed-graph units scaled by the smaller side less
 * the stage padding, divided by the camera ratio; y grows upwards in the graph.
 */
function sigmaLike(size: Size, padding = 40): Projection {
  const scale = Math.min(size.width, size.height) - 2 * padding;
  return {
    toViewport: (p, cam) => ({
      x: size.width / 2 + ((p.x - cam.x) * scale) / cam.ratio,
      y: size.height / 2 - ((p.y - cam.y) * scale) / cam.ratio,
    }),
    toFramed: (v, cam) => ({
      x: cam.x + ((v.x - size.width / 2) * cam.ratio) / scale,
      y: cam.y - ((v.y - size.height / 2) * cam.ratio) / scale,
    }),
  };
}

/** The view's resize step as view.ts does it: anchors read at the old size, the camera made for the new one. */
function resize(cam: CameraState, from: Size, to: Size): CameraState {
  const old = sigmaLike(from);
  const corner = old.toFramed({ x: 0, y: 0 }, cam);
  const along = old.toFramed({ x: ANCHOR_SPAN_PX, y: 0 }, cam);
  return anchoredCamera(cam, corner, along, to, sigmaLike(to));
}

const pts: Point[] = [
  { x: 0.1, y: 0.2 },
  { x: 0.5, y: 0.5 },
  { x: 0.93, y: 0.07 },
  { x: -0.4, y: 1.3 },
];

describe("anchoredCamera", () => {
  const cam: CameraState = { x: 0.47, y: 0.55, ratio: 0.8, angle: 0 };
  for (const [name, from, to] of [
    ["a side panel opens (narrower, height the smaller side)", { width: 1280, height: 705 }, { width: 940, height: 705 }],
    ["it closes again", { width: 940, height: 705 }, { width: 1280, height: 705 }],
    ["a narrow window (width the smaller side changes the scale)", { width: 700, height: 900 }, { width: 360, height: 900 }],
    ["both sides change", { width: 900, height: 600 }, { width: 1400, height: 820 }],
  ] as const) {
    it(`keeps every node where it was drawn: ${name}`, () => {
      const next = resize(cam, from, to);
      for (const p of pts) {
        const before = sigmaLike(from).toViewport(p, cam);
        const after = sigmaLike(to).toViewport(p, next);
        expect(after.x).toBeCloseTo(before.x, 6);
        expect(after.y).toBeCloseTo(before.y, 6);
      }
    });
  }

  it("without it, sigma's own resize moves every node by half the width change (the bug it fixes)", () => {
    const p = { x: 0.5, y: 0.5 };
    const before = sigmaLike({ width: 1280, height: 705 }).toViewport(p, cam);
    const after = sigmaLike({ width: 940, height: 705 }).toViewport(p, cam);
    expect(before.x - after.x).toBeCloseTo(170, 6);
  });

  it("opens and closes back to the same camera", () => {
    const a = { width: 1280, height: 705 };
    const b = { width: 940, height: 705 };
    const back = resize(resize(cam, a, b), b, a);
    expect(back.x).toBeCloseTo(cam.x, 9);
    expect(back.y).toBeCloseTo(cam.y, 9);
    expect(back.ratio).toBeCloseTo(cam.ratio, 9);
  });

  it("keeps the ratio when the anchors coincide (nothing to measure)", () => {
    const next = anchoredCamera(cam, { x: 0, y: 0 }, { x: 0, y: 0 }, { width: 500, height: 500 }, sigmaLike({ width: 500, height: 500 }));
    expect(next.ratio).toBe(cam.ratio);
  });
});

describe("revealShift", () => {
  const size = { width: 940, height: 705 };
  it("is zero inside the margin", () => {
    expect(revealShift({ x: 400, y: 300 }, size, 40)).toEqual({ x: 0, y: 0 });
  });
  it("pans just enough to bring a node under the panel back in", () => {
    expect(revealShift({ x: 1100, y: 300 }, size, 40)).toEqual({ x: 1100 - 900, y: 0 });
    expect(revealShift({ x: 10, y: 800 }, size, 40)).toEqual({ x: -30, y: 800 - 665 });
  });
  it("centres on a container smaller than two margins", () => {
    expect(revealShift({ x: 50, y: 5 }, { width: 20, height: 10 }, 40)).toEqual({ x: 40, y: 0 });
  });
  it("brings the node to the margin once panned", () => {
    const cam: CameraState = { x: 0.5, y: 0.5, ratio: 1, angle: 0 };
    const proj = sigmaLike(size);
    const node = proj.toFramed({ x: 1100, y: -50 }, cam);
    const next = panned(cam, revealShift({ x: 1100, y: -50 }, size, 40), size, proj);
    const v = proj.toViewport(node, next);
    expect(v.x).toBeCloseTo(900, 6);
    expect(v.y).toBeCloseTo(40, 6);
  });
});

describe("revealBoxShift", () => {
  const size = { width: 940, height: 705 };
  it("pans a multi-selection cut off by the panel back inside the margins, by the least", () => {
    expect(revealBoxShift({ x: 850, y: 100, w: 200, h: 80 }, size, 40)).toEqual({ x: 1050 - 900, y: 0 });
    expect(revealBoxShift({ x: 10, y: 650, w: 100, h: 100 }, size, 40)).toEqual({ x: -30, y: 750 - 665 });
    expect(revealBoxShift({ x: 100, y: 100, w: 300, h: 300 }, size, 40)).toEqual({ x: 0, y: 0 });
  });
  it("keeps the view on an axis where the selection does not fit", () => {
    expect(revealBoxShift({ x: -100, y: 800, w: 2000, h: 50 }, size, 40)).toEqual({ x: 0, y: 850 - 665 });
  });
});
