import { describe, expect, it } from "vitest";
import { MIN_SPAN, fitBBox, spreadCoincident } from "./bbox";

describe("fitBBox", () => {
  it("gives a single point a minimum span centred on it", () => {
    const b = fitBBox([{ x: 0, y: 0 }], 0);
    expect(b).toEqual({ x: [-MIN_SPAN / 2, MIN_SPAN / 2], y: [-MIN_SPAN / 2, MIN_SPAN / 2] });
  });
  it("pads a real extent", () => {
    const b = fitBBox([{ x: -500, y: 0 }, { x: 500, y: 1000 }], 0.1);
    expect(b.x[0]).toBeCloseTo(-600);
    expect(b.y[1]).toBeCloseTo(1100);
  });
  it("survives no points and NaN", () => {
    expect(fitBBox([], 0).x).toEqual([-100, 100]);
    expect(fitBBox([{ x: NaN, y: 1 }], 0).y).toEqual([-100, 100]);
  });
});

describe("spreadCoincident", () => {
  it("moves duplicates but not the first or fixed ones", () => {
    const m = spreadCoincident(
      [
        { id: "a", x: 0, y: 0, fixed: false },
        { id: "b", x: 0, y: 0, fixed: false },
        { id: "c", x: 0, y: 0, fixed: true },
        { id: "d", x: 1, y: 0, fixed: false },
      ],
      () => 0.5,
    );
    expect([...m.keys()]).toEqual(["b"]);
  });
});
