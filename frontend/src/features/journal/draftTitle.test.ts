import { describe, expect, it } from "vitest";
import { draftTitle } from "./draftTitle";

describe("draftTitle", () => {
  it("is the first line, without Markdown marks, bounded", () => {
    expect(draftTitle("\n\n# Met Ana   at the meetup\nmore")).toBe("Met Ana at the meetup");
    expect(draftTitle("- [[0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b|Ana]] said")).toBe("Ana said");
    expect(draftTitle("x".repeat(50), 10)).toBe("xxxxxxxxx…");
    expect(draftTitle("😀".repeat(12), 10)).toBe("😀".repeat(9) + "…");
    expect(draftTitle("   \n  ")).toBe("");
    expect(draftTitle("<script>alert(1)</script>")).toBe("<script>alert(1)</script>");
  });
});
