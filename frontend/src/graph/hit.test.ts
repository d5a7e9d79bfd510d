import { describe, expect, it } from "vitest";
import { MIN_HIT_RADIUS_PX, nodeAt, PointGrid, type HitNode } from "./hit";

describe("nodeAt", () => {
  const small: HitNode = { id: "small", x: 100, y: 100, r: 1.5 };
  const big: HitNode = { id: "big", x: 200, y: 100, r: 20 };

  it("hits a dot drawn smaller than the minimum within MIN_HIT_RADIUS_PX of its centre", () => {
    expect(MIN_HIT_RADIUS_PX * 2).toBeGreaterThanOrEqual(12);
    expect(nodeAt({ x: 105, y: 100 }, [small])).toBe("small");
    expect(nodeAt({ x: 100 + 3, y: 100 + 4 }, [small])).toBe("small"); // 5 px away, diagonally
    expect(nodeAt({ x: 100 + MIN_HIT_RADIUS_PX, y: 100 }, [small])).toBe("small");
    expect(nodeAt({ x: 100 + MIN_HIT_RADIUS_PX + 0.5, y: 100 }, [small])).toBeNull();
  });

  it("keeps a bigger node's own disc as its hit area", () => {
    expect(nodeAt({ x: 218, y: 100 }, [big])).toBe("big");
    expect(nodeAt({ x: 221, y: 100 }, [big])).toBeNull();
  });

  it("picks the nearest centre when discs overlap, the later on a tie", () => {
    const a: HitNode = { id: "a", x: 0, y: 0, r: 1 };
    const b: HitNode = { id: "b", x: 8, y: 0, r: 1 };
    expect(nodeAt({ x: 3, y: 0 }, [a, b])).toBe("a");
    expect(nodeAt({ x: 5, y: 0 }, [a, b])).toBe("b");
    expect(nodeAt({ x: 4, y: 0 }, [a, b])).toBe("b");
    expect(nodeAt({ x: 4, y: 0 }, [b, a])).toBe("a");
  });

  it("finds nothing in an empty list", () => {
    expect(nodeAt({ x: 0, y: 0 }, [])).toBeNull();
  });
});

describe("PointGrid", () => {
  it("near() yields every point within r, each once, like a scan of all of them", () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const n = 2000;
    const xs = Float64Array.from({ length: n }, () => rand() * 3 - 1);
    const ys = Float64Array.from({ length: n }, () => rand() * 0.5);
    xs[5] = NaN; // a node without a position is never yielded
    const g = new PointGrid(xs, ys);
    for (let t = 0; t < 200; t++) {
      const x = rand() * 4 - 1.5;
      const y = rand() * 1 - 0.25;
      const r = rand() * rand() * 0.5;
      const got = [...g.near(x, y, r)];
      expect(new Set(got).size).toBe(got.length);
      const within = new Set(got.filter((i) => Math.hypot(xs[i]! - x, ys[i]! - y) <= r));
      const want = new Set([...Array(n).keys()].filter((i) => Math.hypot(xs[i]! - x, ys[i]! - y) <= r));
      expect(within).toEqual(want);
      expect(got).not.toContain(5);
    }
  });

  it("handles no points, one point and points on one spot", () => {
    expect([...new PointGrid([], []).near(0, 0, 1)]).toEqual([]);
    expect([...new PointGrid([3], [4]).near(3, 4, 0)]).toEqual([0]);
    expect([...new PointGrid([1, 1, 1], [1, 1, 1]).near(1, 1, 0.1)].sort()).toEqual([0, 1, 2]);
  });
});
