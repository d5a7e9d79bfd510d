import { describe, expect, it } from "vitest";
import type { NetworkSnapshot, NetworkSubset, NodeRow, TieRow } from "../api";
import { MAX_PATCH_IDS, addEvent, addIds, applySubset, emptyBatch, planBatch } from "./patch";

function node(id: string, over: Partial<NodeRow> = {}): NodeRow {
  return { id, label: id, kind: "person", x: 0, y: 0, pinned: false, tags: [], relation: "", strength: 0, status: "", role: "", contexts: [], mode: "", ...over };
}
const tie = (id: string, from: string, to: string, over: Partial<TieRow> = {}): TieRow => ({
  id,
  from,
  to,
  relation: "knows",
  directed: false,
  strength: 3,
  ...over,
});

const base = (): NetworkSnapshot => ({
  ego: "me",
  nodes: [node("me", { pinned: true }), node("a"), node("b"), node("c")],
  ties: [tie("ab", "a", "b"), tie("bc", "b", "c"), tie("ca", "c", "a")],
});

const sub = (over: Partial<NetworkSubset> = {}): NetworkSubset => ({
  ego: "me",
  nodes: [],
  ties: [],
  missing: { nodes: [], ties: [] },
  ...over,
});

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe("applySubset", () => {
  it("upserts nodes in place and appends new ones", () => {
    const b = base();
    const next = applySubset(b, sub({ nodes: [node("d", { x: 9 }), node("b", { label: "Bee", x: 5, pinned: true })] }))!;
    expect(next).not.toBe(b);
    expect(ids(next.nodes)).toEqual(["me", "a", "b", "c", "d"]);
    expect(next.nodes[2]).toMatchObject({ label: "Bee", x: 5, pinned: true });
    expect(next.nodes[4]).toMatchObject({ id: "d", x: 9 });
    // Rows not mentioned are the same objects; the base is untouched.
    expect(next.nodes[1]).toBe(b.nodes[1]);
    expect(next.ties).toEqual(b.ties);
    expect(b.nodes[2]!.label).toBe("b");
    expect(b.nodes).toHaveLength(4);
  });

  it("upserts ties (with their ends) and replaces changed ones", () => {
    const next = applySubset(
      base(),
      sub({
        nodes: [node("a"), node("d")],
        ties: [tie("ad", "a", "d", { directed: true }), tie("ab", "a", "b", { relation: "works with", strength: 5 })],
      }),
    )!;
    expect(ids(next.nodes)).toEqual(["me", "a", "b", "c", "d"]);
    expect(ids(next.ties)).toEqual(["ab", "bc", "ca", "ad"]);
    expect(next.ties[0]).toMatchObject({ relation: "works with", strength: 5 });
    expect(next.ties[3]).toMatchObject({ from: "a", to: "d", directed: true });
  });

  it("removes missing nodes and ties, and ties whose end is gone", () => {
    // A node deleted: the event names it and its ties, but the ties go even when it does not.
    const next = applySubset(base(), sub({ missing: { nodes: ["b"], ties: [] } }))!;
    expect(ids(next.nodes)).toEqual(["me", "a", "c"]);
    expect(ids(next.ties)).toEqual(["ca"]);
    const next2 = applySubset(base(), sub({ missing: { nodes: ["c"], ties: ["bc", "ca"] } }))!;
    expect(ids(next2.nodes)).toEqual(["me", "a", "b"]);
    expect(ids(next2.ties)).toEqual(["ab"]);
  });

  it("removes a missing tie and keeps its ends", () => {
    const next = applySubset(base(), sub({ missing: { nodes: [], ties: ["bc"] } }))!;
    expect(ids(next.nodes)).toEqual(["me", "a", "b", "c"]);
    expect(ids(next.ties)).toEqual(["ab", "ca"]);
  });

  it("ignores missing ids it never had", () => {
    const b = base();
    const next = applySubset(b, sub({ missing: { nodes: ["zz"], ties: ["yy"] } }))!;
    expect(next).toEqual(b);
  });

  it("drops a returned tie whose end is not in the result (never sent by the backend)", () => {
    const next = applySubset(base(), sub({ ties: [tie("az", "a", "zz")] }))!;
    expect(ids(next.ties)).toEqual(["ab", "bc", "ca"]);
  });

  it("is idempotent", () => {
    const s = sub({
      nodes: [node("a", { x: 3 }), node("d")],
      ties: [tie("ad", "a", "d")],
      missing: { nodes: ["b"], ties: ["bc"] },
    });
    const once = applySubset(base(), s)!;
    const twice = applySubset(once, s)!;
    expect(twice).toEqual(once);
    expect(ids(twice.nodes)).toEqual(["me", "a", "c", "d"]);
    expect(ids(twice.ties)).toEqual(["ca", "ad"]);
  });

  it("refuses a subset of another network", () => {
    expect(applySubset(base(), sub({ ego: "other" }))).toBeNull();
  });

  it("updates the ego", () => {
    const next = applySubset(base(), sub({ nodes: [node("me", { label: "Ada", pinned: true })] }))!;
    expect(next.ego).toBe("me");
    expect(next.nodes[0]).toMatchObject({ id: "me", label: "Ada" });
  });
});

describe("batches", () => {
  it("collect the ids of events and of our own writes", () => {
    const b = emptyBatch();
    addEvent(b, { reason: "create", nodeIds: ["a"] });
    addEvent(b, { reason: "delete", nodeIds: ["b"], tieIds: ["t1", "t2"] });
    addIds(b, ["a"], ["t3"]);
    expect(planBatch(b, true)).toEqual({ kind: "subset", nodeIds: ["a", "b"], tieIds: ["t1", "t2", "t3"] });
  });

  it("become full for an event without ids, or an import or restore", () => {
    for (const ev of [{ reason: "update" }, { reason: "import" }, { reason: "undo" }, { reason: "redo" }, { reason: "restore", nodeIds: ["a"] }, {}]) {
      const b = emptyBatch();
      addEvent(b, { reason: "move", nodeIds: ["x"] });
      addEvent(b, ev);
      expect(planBatch(b, true)).toEqual({ kind: "full" });
    }
  });

  it("patch the ids an undo or redo names (the ids missing from the answer are removals)", () => {
    const b = emptyBatch();
    addEvent(b, { reason: "undo", nodeIds: ["a", "b"], tieIds: ["t1"] });
    addEvent(b, { reason: "redo", nodeIds: ["c"] });
    expect(planBatch(b, true)).toEqual({ kind: "subset", nodeIds: ["a", "b", "c"], tieIds: ["t1"] });
  });

  it("load whole beyond MAX_PATCH_IDS ids, or when there is nothing to patch", () => {
    const b = emptyBatch();
    addIds(
      b,
      Array.from({ length: MAX_PATCH_IDS }, (_, i) => `n${i}`),
      [],
    );
    expect(planBatch(b, true).kind).toBe("subset");
    addIds(b, [], ["t"]);
    expect(planBatch(b, true)).toEqual({ kind: "full" });
    const c = emptyBatch();
    addIds(c, ["a"]);
    expect(planBatch(c, false)).toEqual({ kind: "full" });
  });

  it("plan nothing when empty", () => {
    expect(planBatch(emptyBatch(), true)).toEqual({ kind: "none" });
    expect(planBatch(emptyBatch(), false)).toEqual({ kind: "none" });
  });
});
