import { describe, expect, it } from "vitest";
import { journalFilters } from "./journalFilters";

const empty = { from: "", to: "", nodeIds: [], goalId: "", tag: "", type: "" };

describe("journalFilters", () => {
  it("keeps entries only, and only the filters that are set", () => {
    expect(journalFilters(empty)).toEqual({ kinds: ["entry"] });
    expect(journalFilters({ from: "2026-03-01", to: "2026-03-31", nodeIds: ["n1"], goalId: "g1", tag: "#rust, go rust", type: "interaction" })).toEqual({
      kinds: ["entry"],
      from: "2026-03-01",
      to: "2026-03-31",
      nodeIds: ["n1"],
      goalIds: ["g1"],
      tags: ["rust", "go"],
      types: ["interaction"],
    });
  });

  it("leaves out a date that is not YYYY-MM-DD", () => {
    expect(journalFilters({ ...empty, from: "2026-3-1", to: "soon" })).toEqual({ kinds: ["entry"] });
  });
});
