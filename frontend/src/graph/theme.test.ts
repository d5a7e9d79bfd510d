import { describe, expect, it } from "vitest";
import { DIM_EDGE_COLOR, EGO_COLOR, HIGHLIGHT_EDGE_COLOR, KIND_COLORS, DIFF_COLORS, DUE_COLOR } from "./colors";
import { LEGEND_COLORS, themed } from "./theme";

function luminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  return (0.2126 * ((n >> 16) & 255) + 0.7152 * ((n >> 8) & 255) + 0.0722 * (n & 255)) / 255;
}

describe("map theme", () => {
  it("leaves every colour as it is on light", () => {
    expect(themed(EGO_COLOR, "light")).toBe(EGO_COLOR);
    expect(themed(DIM_EDGE_COLOR, "light")).toBe(DIM_EDGE_COLOR);
    expect(themed(undefined, "dark")).toBeUndefined();
  });

  it("swaps the near-black ego and highlight for light ones on dark, and dims dimmed ties", () => {
    expect(luminance(themed(EGO_COLOR, "dark")!)).toBeGreaterThan(0.7);
    expect(luminance(themed(HIGHLIGHT_EDGE_COLOR, "dark")!)).toBeGreaterThan(0.7);
    expect(luminance(themed(DIM_EDGE_COLOR, "dark")!)).toBeLessThan(0.25);
    expect(themed(EGO_COLOR.toUpperCase(), "dark")).toBe(themed(EGO_COLOR, "dark"));
  });

  it("keeps kind, due and change colours on dark", () => {
    for (const c of [...Object.values(KIND_COLORS), ...Object.values(DIFF_COLORS), DUE_COLOR]) expect(themed(c, "dark")).toBe(c);
  });
});

describe("LEGEND_COLORS", () => {
  // (They copy styles.css's --legend-bg, --border, --text and --text-muted; vitest loads CSS as empty, so that is not compared here.)
  it("are light text on a dark box on dark, and the reverse on light", () => {
    expect(luminance(LEGEND_COLORS.dark.fill)).toBeLessThan(0.2);
    expect(luminance(LEGEND_COLORS.dark.text)).toBeGreaterThan(0.8);
    expect(luminance(LEGEND_COLORS.dark.muted)).toBeGreaterThan(luminance(LEGEND_COLORS.dark.fill) + 0.4);
    expect(luminance(LEGEND_COLORS.light.fill)).toBeGreaterThan(0.95);
    expect(luminance(LEGEND_COLORS.light.text)).toBeLessThan(0.2);
  });
});
