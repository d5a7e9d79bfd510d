import { describe, expect, it } from "vitest";
import { added, asSelection, kept, labelsText, sameSelection, selectedIds, toggled } from "./selection";

describe("map selection", () => {
  it("is nothing, one node or several by the number of ids, each once", () => {
    expect(asSelection([])).toBeNull();
    expect(asSelection(["a", "a"])).toEqual({ kind: "node", id: "a" });
    expect(asSelection(["b", "a", "b"])).toEqual({ kind: "nodes", ids: ["b", "a"] });
  });

  it("toggles a node in and out, down to one and to nothing", () => {
    let s = toggled({ kind: "node", id: "a" }, "b", "me");
    expect(s).toEqual({ kind: "nodes", ids: ["a", "b"] });
    s = toggled(s, "c", "me");
    expect(selectedIds(s)).toEqual(["a", "b", "c"]);
    s = toggled(s, "a", "me");
    expect(s).toEqual({ kind: "nodes", ids: ["b", "c"] });
    s = toggled(s, "b", "me");
    expect(s).toEqual({ kind: "node", id: "c" });
    expect(toggled(s, "c", "me")).toBeNull();
  });

  it("never holds the ego in a multi-selection, and lets a tie go", () => {
    expect(toggled({ kind: "node", id: "me" }, "a", "me")).toEqual({ kind: "node", id: "a" });
    expect(toggled({ kind: "node", id: "a" }, "me", "me")).toEqual({ kind: "node", id: "a" });
    expect(toggled({ kind: "tie", id: "t" }, "a", "me")).toEqual({ kind: "node", id: "a" });
    expect(added({ kind: "node", id: "a" }, ["me", "b", "a"], "me")).toEqual({ kind: "nodes", ids: ["a", "b"] });
    expect(added(null, ["me"], "me")).toBeNull();
  });

  it("keeps only the nodes that still exist", () => {
    const s = asSelection(["a", "b", "c"]);
    expect(kept(s, (id) => id !== "b")).toEqual({ kind: "nodes", ids: ["a", "c"] });
    expect(kept(s, (id) => id === "c")).toEqual({ kind: "node", id: "c" });
    expect(kept(s, () => false)).toBeNull();
    expect(kept(s, () => true)).toBe(s);
  });

  it("compares selections by what they hold", () => {
    expect(sameSelection(null, null)).toBe(true);
    expect(sameSelection({ kind: "node", id: "a" }, { kind: "node", id: "a" })).toBe(true);
    expect(sameSelection({ kind: "node", id: "a" }, { kind: "tie", id: "a" })).toBe(false);
    expect(sameSelection(asSelection(["a", "b"]), asSelection(["a", "b"]))).toBe(true);
    expect(sameSelection(asSelection(["a", "b"]), asSelection(["b", "a"]))).toBe(false);
    expect(sameSelection(asSelection(["a", "b"]), { kind: "node", id: "a" })).toBe(false);
  });

  it("names a few labels, then how many more", () => {
    expect(labelsText([])).toBe("");
    expect(labelsText(["Ada"])).toBe("“Ada”");
    expect(labelsText(["Ada", "Bob"])).toBe("“Ada” and “Bob”");
    expect(labelsText(["Ada", "Bob", "Cy"])).toBe("“Ada”, “Bob” and “Cy”");
    expect(labelsText(["Ada", "Bob", "Cy", "Di", "Ed"])).toBe("“Ada”, “Bob”, “Cy” and 2 more");
  });
});
