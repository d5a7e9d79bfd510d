import { describe, expect, it } from "vitest";
import { inRect, isBox, rectOf } from "./box";

describe("box selection geometry", () => {
  it("spans two corners in any order", () => {
    expect(rectOf({ x: 50, y: 10 }, { x: 20, y: 40 })).toEqual({ x: 20, y: 10, w: 30, h: 30 });
    expect(rectOf({ x: 5, y: 5 }, { x: 5, y: 5 })).toEqual({ x: 5, y: 5, w: 0, h: 0 });
  });

  it("is a click below BOX_MIN_PX on both sides", () => {
    expect(isBox({ x: 0, y: 0, w: 3, h: 3 })).toBe(false);
    expect(isBox({ x: 0, y: 0, w: 4, h: 0 })).toBe(true);
    expect(isBox({ x: 0, y: 0, w: 0, h: 10 })).toBe(true);
  });

  it("lists the points inside, edges included, in order; NaN is never inside", () => {
    const pts: [string, number, number][] = [
      ["a", 10, 10],
      ["b", 20, 20],
      ["c", 30, 30.5],
      ["d", NaN, 15],
      ["e", 9.9, 15],
    ];
    expect(inRect(pts, { x: 10, y: 10, w: 20, h: 20 })).toEqual(["a", "b"]);
    expect(inRect(pts, { x: 0, y: 0, w: 100, h: 100 })).toEqual(["a", "b", "c", "e"]);
    expect(inRect(pts, { x: 50, y: 50, w: 10, h: 10 })).toEqual([]);
  });
});
