import { describe, expect, it } from "vitest";
import { KIND_COLORS } from "./colors";
import {
  CATEGORY_COLORS,
  categoryOf,
  categoryPalette,
  defaultEncoding,
  countSize,
  encodedColor,
  fade,
  OTHER_COLOR,
  sameEncoding,
  STATUS_COLORS,
  UNSET_COLOR,
} from "./encoding";

const vc = (...values: string[]) => values.map((value) => ({ value, count: 1 }));

describe("categoryPalette", () => {
  it("gives a standard value the colour of its place among the standard values, whatever else is in use", () => {
    const p = categoryPalette("role", vc("peer", ""));
    expect(p.get("peer")).toBe(CATEGORY_COLORS[1]);
    expect(p.get("")).toBe(UNSET_COLOR);
    expect(categoryPalette("role", vc("mentor", "peer")).get("peer")).toBe(CATEGORY_COLORS[1]);
  });

  it("gives user-defined contexts the colours after the standard ones, then the 'other' grey", () => {
    const p = categoryPalette("context", vc("work", "a", "b", "c", "d", "e", "f"));
    expect(p.get("work")).toBe(CATEGORY_COLORS[0]);
    expect(p.get("a")).toBe(CATEGORY_COLORS[3]);
    expect(p.get("e")).toBe(CATEGORY_COLORS[7]);
    expect(p.get("f")).toBe(OTHER_COLOR);
  });

  it("uses status colours that mean something and the kind palette for kind", () => {
    expect(categoryPalette("status", vc("active", "dormant")).get("dormant")).toBe(STATUS_COLORS.dormant);
    expect(categoryPalette("kind", vc("source")).get("source")).toBe(KIND_COLORS.source);
  });
});

describe("encodedColor", () => {
  it("keeps the kind colour under the default encoding", () => {
    expect(encodedColor({ kind: "person", role: "mentor" }, defaultEncoding())).toBeNull();
  });

  it("colours by the dimension's value; a node with several contexts by the first in the palette's order", () => {
    const palette = categoryPalette("context", vc("work", "home", "choir"));
    const enc = { color: "context" as const, palette, size: "strength" as const };
    expect(encodedColor({ kind: "person", contexts: ["choir", "home"] }, enc)).toBe(palette.get("home"));
    expect(categoryOf({ kind: "person", contexts: ["choir"] }, "context", palette)).toBe("choir");
    expect(encodedColor({ kind: "person" }, enc)).toBe(UNSET_COLOR);
    expect(encodedColor({ kind: "person", contexts: ["unlisted"] }, enc)).toBe(UNSET_COLOR);
  });
});

describe("sizes and fades", () => {
  it("grows with the square root of the degree up to the ego's size", () => {
    expect(countSize(0)).toBe(5);
    expect(countSize(4)).toBeCloseTo(9.4, 6);
    expect(countSize(100)).toBe(14);
    expect(countSize(-3)).toBe(5);
  });

  it("fades a colour towards white and leaves what it cannot parse", () => {
    expect(fade("#000000", 0.5)).toBe("#808080");
    expect(fade("#0072B2", 0)).toBe("#0072b2");
    expect(fade("#ffffff")).toBe("#ffffff");
    expect(fade("red")).toBe("red");
  });

  it("compares encodings by what they draw", () => {
    const a = { color: "role" as const, palette: categoryPalette("role", vc("mentor")), size: "strength" as const };
    expect(sameEncoding(a, { ...a, palette: categoryPalette("role", vc("mentor")) })).toBe(true);
    expect(sameEncoding(a, { ...a, palette: categoryPalette("role", vc("mentor", "peer")) })).toBe(false);
    expect(sameEncoding(a, { ...a, size: "degree" })).toBe(false);
  });
});
