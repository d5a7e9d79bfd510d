import { describe, expect, it } from "vitest";
import { cellTitle, heatGrid, heatRange, levelOf, quantileThresholds } from "./heat";

describe("quantile levels", () => {
  it("splits the non-empty days into quarters", () => {
    const counts = [0, 1, 1, 2, 2, 3, 4, 5, 8, 20];
    const th = quantileThresholds(counts);
    expect(th).toEqual([2, 3, 5]); // nearest rank over the 9 non-zero days: the 3rd, 5th and 7th
    expect(counts.map((c) => levelOf(c, th))).toEqual([0, 1, 1, 1, 1, 2, 3, 3, 4, 4]);
  });

  it("has no thresholds without entries, and equal counts share a level", () => {
    expect(quantileThresholds([0, 0])).toEqual([]);
    expect(levelOf(0, [])).toBe(0);
    const th = quantileThresholds([2, 2, 2]);
    expect([2, 2, 2].map((c) => levelOf(c, th))).toEqual([1, 1, 1]);
    // one busy day does not wash out the others
    const skew = quantileThresholds([1, 1, 2, 100]);
    expect(levelOf(2, skew)).toBe(3);
    expect(levelOf(100, skew)).toBe(4);
  });
});

describe("cellTitle", () => {
  it("says how many entries on which day", () => {
    expect(cellTitle(3, "2026-12-07")).toBe("3 entries on 7 Dec 2026");
    expect(cellTitle(1, "2026-09-30")).toBe("1 entry on 30 Sep 2026");
    expect(cellTitle(0, "2026-01-01")).toBe("No entries on 1 Jan 2026");
  });
});

describe("heatGrid", () => {
  const today = new Date(2026, 11, 9, 15); // Wednesday 9 Dec 2026

  it("covers 53 weeks from a Monday to today", () => {
    expect(heatRange(today)).toEqual({ from: "2025-12-08", to: "2026-12-09" });
    const g = heatGrid(today, new Map());
    expect(g).toHaveLength(53);
    expect(g.every((c) => c.length === 7)).toBe(true);
    expect(g[0]![0]!.date).toBe("2025-12-08");
    const last = g[52]!;
    expect(last.map((c) => c?.date ?? null)).toEqual(["2026-12-07", "2026-12-08", "2026-12-09", null, null, null, null]);
  });

  it("colours days by count and titles each", () => {
    const counts = new Map([
      ["2026-12-07", 3],
      ["2026-12-08", 1],
      ["2024-01-01", 50], // outside the strip: does not move the levels
    ]);
    const last = heatGrid(today, counts)[52]!;
    expect(last[0]).toEqual({ date: "2026-12-07", count: 3, level: 3, title: "3 entries on 7 Dec 2026" });
    expect(last[1]!.level).toBe(1);
    expect(last[2]).toEqual({ date: "2026-12-09", count: 0, level: 0, title: "No entries on 9 Dec 2026" });
  });

  it("keeps whole days across a daylight-saving change", () => {
    const g = heatGrid(new Date(2026, 2, 31), new Map(), 2); // around the end of March
    const dates = g.flat().filter((c) => c !== null).map((c) => c.date);
    expect(new Set(dates).size).toBe(dates.length);
    expect(dates[0]).toBe("2026-03-23");
    expect(dates.at(-1)).toBe("2026-03-31");
  });
});
