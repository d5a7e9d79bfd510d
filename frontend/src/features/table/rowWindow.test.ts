import { describe, expect, it } from "vitest";
import { pageRows, scrollToShow, windowOf } from "./rowWindow";

describe("row window", () => {
  it("renders the rows on screen plus the overscan, spacers for the rest", () => {
    // 10,000 rows of 30 px, 600 px high, scrolled to row 1000.
    const w = windowOf(30_000, 600, 30, 10_000, 5);
    expect(w).toEqual({ start: 995, end: 1026, before: 995 * 30, after: (10_000 - 1026) * 30 });
    expect(w.before + (w.end - w.start) * 30 + w.after).toBe(10_000 * 30);
  });

  it("clamps at both ends and for few or no rows", () => {
    expect(windowOf(0, 600, 30, 10_000, 5)).toMatchObject({ start: 0, end: 26, before: 0 });
    expect(windowOf(-50, 600, 30, 3, 5)).toEqual({ start: 0, end: 3, before: 0, after: 0 });
    const end = windowOf(10_000 * 30, 600, 30, 10_000, 5);
    expect(end.end).toBe(10_000);
    expect(end.after).toBe(0);
    expect(end.start).toBeLessThan(end.end);
    expect(windowOf(0, 600, 30, 0)).toEqual({ start: 0, end: 0, before: 0, after: 0 });
  });

  it("scrolls as little as possible to show a row below the sticky header", () => {
    // header 40 px, rows 30 px, viewport 400 px
    expect(scrollToShow(3, 0, 400, 30, 40)).toBe(0); // in view
    expect(scrollToShow(20, 0, 400, 30, 40)).toBe(40 + 21 * 30 - 400); // below: its bottom at the bottom
    expect(scrollToShow(5, 600, 400, 30, 40)).toBe(150); // above: its top just under the header
    expect(scrollToShow(0, 600, 400, 30, 40)).toBe(0);
  });

  it("pages by a screen of rows", () => {
    expect(pageRows(400, 30, 40)).toBe(11);
    expect(pageRows(10, 30, 40)).toBe(1);
  });
});
