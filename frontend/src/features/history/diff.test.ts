import { describe, expect, it } from "vitest";
import type { NetworkDiff, NetworkSnapshot, NodeRow, TieRow } from "../../api";
import { diffItems, diffMarks, diffSummary, fieldsText, mergeForDiff } from "./diff";

const node = (id: string, label = id, over: Partial<NodeRow> = {}): NodeRow => ({
  id,
  label,
  kind: "person",
  x: 0,
  y: 0,
  pinned: false,
  tags: [],
  relation: "",
  strength: 0,
  status: "",
  role: "",
  contexts: [],
  mode: "",
  ...over,
});
const tie = (id: string, from: string, to: string, relation = "knows"): TieRow => ({ id, from, to, relation, directed: false, strength: 1 });
const empty = { added: [], removed: [], changed: [] };

// Then: Me, Ada, Bob, a tie Ada–Bob. Now: Me, Bob (renamed Robert), Cleo; Ada and her tie gone.
const from: NetworkSnapshot = { ego: "me", nodes: [node("me", "Me"), node("ada", "Ada"), node("bob", "Bob")], ties: [tie("t1", "ada", "bob")] };
const to: NetworkSnapshot = { ego: "me", nodes: [node("me", "Me"), node("bob", "Robert", { x: 5 }), node("cleo", "Cleo")], ties: [] };
const d: NetworkDiff = {
  from: "2026-05-01T00:00:00Z",
  to: "2026-05-12T00:00:00Z",
  nodes: { added: ["cleo"], removed: ["ada"], changed: [{ id: "bob", fields: ["label", "x", "strength"] }] },
  ties: { added: [], removed: ["t1"], changed: [] },
  entries: empty,
};

describe("what changed between two times", () => {
  it("shows the network as of `to` plus what was removed since `from`", () => {
    const m = mergeForDiff(to, from, d);
    expect(m.nodes.map((n) => n.id)).toEqual(["me", "bob", "cleo", "ada"]);
    expect(m.nodes.find((n) => n.id === "bob")?.label).toBe("Robert"); // as of `to`
    expect(m.ties.map((t) => t.id)).toEqual(["t1"]);
  });

  it("marks nodes, ties and the ego ties they imply", () => {
    const marks = diffMarks(d, "me");
    expect(Object.fromEntries(marks.nodes)).toEqual({ cleo: "added", ada: "removed", bob: "changed" });
    expect(Object.fromEntries(marks.ties)).toEqual({ t1: "removed", "ego:cleo": "added", "ego:ada": "removed", "ego:bob": "changed" });
    // A change that is not the ego tie leaves the ego tie unmarked.
    const moved = diffMarks({ ...d, nodes: { ...empty, changed: [{ id: "bob", fields: ["x", "y"] }] } }, "me");
    expect(moved.ties.has("ego:bob")).toBe(false);
  });

  it("lists the changes by kind of change, with readable labels and fields", () => {
    const items = diffItems(d, mergeForDiff(to, from, d));
    expect(items.map((i) => [i.table, i.status, i.label])).toEqual([
      ["node", "added", "Cleo"],
      ["node", "removed", "Ada"],
      ["node", "changed", "Robert"],
      ["tie", "removed", "Ada — Robert (knows)"],
    ]);
    expect(fieldsText(["label", "x", "y", "strength"], "node")).toBe("label, position, strength");
    expect(diffSummary(d)).toBe("1 added, 2 removed, 1 changed");
    expect(diffSummary({ ...d, nodes: empty, ties: empty })).toBe("No changes");
  });
});
