import { describe, expect, it } from "vitest";
import type { NetworkSnapshot, NetworkSubset, NodeRow, TieRow } from "../api";
import { applySubset } from "../mirror/patch";
import { egoEdgeKey, newGraph, syncGraph, syncPatch } from "./model";

function node(id: string, over: Partial<NodeRow> = {}): NodeRow {
  return { id, label: id, kind: "person", x: 0, y: 0, pinned: false, tags: [], relation: "", strength: 0, status: "", role: "", contexts: [], mode: "", ...over };
}

const snap = (over: Partial<NetworkSnapshot> = {}): NetworkSnapshot => ({
  ego: "me",
  nodes: [node("me", { pinned: true }), node("a", { x: 5, y: 6, relation: "knows", strength: 4 }), node("b", { kind: "source" })],
  ties: [{ id: "t1", from: "a", to: "b", relation: "recommends", directed: true, strength: 2 }],
  ...over,
});

describe("syncGraph", () => {
  it("builds nodes, ego-tie edges and ties", () => {
    const g = newGraph();
    const st = syncGraph(g, snap());
    expect(st).toEqual({ addedNodes: 3, droppedNodes: 0, addedEdges: 3, droppedEdges: 0, updatedNodes: 0, updatedEdges: 0 });
    expect(g.getNodeAttribute("me", "ego")).toBe(true);
    expect(g.getNodeAttribute("me", "fixed")).toBe(true);
    expect(g.getNodeAttributes("a")).toMatchObject({ x: 5, y: 6, pinned: false, fixed: false });
    expect(g.hasEdge(egoEdgeKey("a"))).toBe(true);
    expect(g.getEdgeAttributes(egoEdgeKey("a"))).toMatchObject({ kind: "ego", relation: "knows", strength: 4 });
    expect(g.isDirected("t1")).toBe(true);
    expect(g.getEdgeAttribute("t1", "type")).toBe("arrow");
    expect(g.source("t1")).toBe("a");
  });

  it("updates in place and drops what is gone", () => {
    const g = newGraph();
    syncGraph(g, snap());
    const st = syncGraph(
      g,
      snap({
        nodes: [node("me"), node("a", { label: "Ada", x: 1, pinned: true })],
        ties: [],
      }),
    );
    expect(st.droppedNodes).toBe(1);
    expect(g.order).toBe(2);
    expect(g.getNodeAttributes("a")).toMatchObject({ label: "Ada", x: 1, pinned: true, fixed: true });
    expect(g.hasEdge("t1")).toBe(false);
  });

  it("re-adds a tie whose direction changed", () => {
    const g = newGraph();
    syncGraph(g, snap());
    syncGraph(g, snap({ ties: [{ id: "t1", from: "a", to: "b", relation: "knows", directed: false, strength: 3 }] }));
    expect(g.isDirected("t1")).toBe(false);
    expect(g.getEdgeAttribute("t1", "type")).toBe("line");
  });

  it("keeps live positions of unpinned nodes on request", () => {
    const g = newGraph();
    syncGraph(g, snap());
    g.setNodeAttribute("a", "x", 99);
    syncGraph(g, snap(), { keepPosition: (_id, pinned) => !pinned });
    expect(g.getNodeAttribute("a", "x")).toBe(99);
    syncGraph(g, snap());
    expect(g.getNodeAttribute("a", "x")).toBe(5);
  });

  it("keeps a pinned node's position when asked by its pinned flag too (a drag of a pinned node on its way to the backend)", () => {
    const g = newGraph();
    const pinned = snap({ nodes: snap().nodes.map((n) => (n.id === "a" ? { ...n, pinned: true } : n)) });
    syncGraph(g, pinned);
    g.setNodeAttribute("a", "x", 99);
    syncGraph(g, pinned, { keepPosition: (_id, p) => !p });
    expect(g.getNodeAttribute("a", "x")).toBe(5);
    g.setNodeAttribute("a", "x", 99);
    syncGraph(g, pinned, { keepPosition: (id) => id === "a" });
    expect(g.getNodeAttribute("a", "x")).toBe(99);
  });

  it("ignores ties to missing nodes", () => {
    const g = newGraph();
    syncGraph(g, snap({ ties: [{ id: "t9", from: "a", to: "zzz", relation: "knows", directed: false, strength: 1 }] }));
    expect(g.hasEdge("t9")).toBe(false);
  });

  it("touches only what a patched snapshot changed", () => {
    const g = newGraph();
    syncGraph(g, snap());
    let nodeEvents = 0;
    let edgeEvents = 0;
    g.on("nodeAttributesUpdated", () => nodeEvents++);
    g.on("edgeAttributesUpdated", () => edgeEvents++);
    // Unchanged: nothing is replaced (sigma re-processes nothing).
    expect(syncGraph(g, snap())).toMatchObject({ updatedNodes: 0, updatedEdges: 0, addedNodes: 0, droppedNodes: 0 });
    expect(nodeEvents + edgeEvents).toBe(0);
    // a renamed, b deleted (and its tie), c added with a tie.
    const st = syncGraph(
      g,
      snap({
        nodes: [node("me", { pinned: true }), node("a", { label: "Ada", x: 5, y: 6, relation: "knows", strength: 4 }), node("c")],
        ties: [{ id: "t2", from: "a", to: "c", relation: "knows", directed: false, strength: 3 }],
      }),
    );
    expect(st).toEqual({ addedNodes: 1, droppedNodes: 1, addedEdges: 2, droppedEdges: 0, updatedNodes: 1, updatedEdges: 0 });
    expect(nodeEvents).toBe(1);
    expect(g.getNodeAttribute("a", "label")).toBe("Ada");
    expect(g.hasEdge("t1")).toBe(false);
    expect(g.hasEdge(egoEdgeKey("b"))).toBe(false);
    expect(g.hasEdge("t2")).toBe(true);
    // A drag's transient "fixed" is still reset by the next sync.
    g.setNodeAttribute("a", "fixed", true);
    syncGraph(g, snap({ nodes: [node("me", { pinned: true }), node("a", { label: "Ada", x: 5, y: 6, relation: "knows", strength: 4 }), node("c")] }));
    expect(g.getNodeAttribute("a", "fixed")).toBe(false);
  });
});

describe("syncPatch", () => {
  // A seeded PRNG (mulberry32): the same random patches every run.
  function rng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const dump = (g: ReturnType<typeof newGraph>) => ({
    nodes: g.mapNodes((id, a) => [id, a] as const).sort((x, y) => x[0].localeCompare(y[0])),
    edges: g
      .mapEdges((id, a, s, t) => [id, s, t, g.isDirected(id), a] as const)
      .sort((x, y) => x[0].localeCompare(y[0])),
  });

  it("makes the graph what a whole sync of applySubset(base, sub) makes it, for random patches", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const r = rng(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
      const ids = ["me", "a", "b", "c", "d", "e", "f"];
      const rowOf = (id: string) =>
        node(id, { label: `${id}${Math.floor(r() * 3)}`, x: Math.floor(r() * 4), strength: Math.floor(r() * 6), relation: pick(["", "knows"]), pinned: r() < 0.3, kind: pick(["person", "source"] as const) });
      const tieOf = (i: number): TieRow => ({ id: `t${i}`, from: pick(ids), to: pick(ids), relation: pick(["", "uses"]), directed: r() < 0.5, strength: Math.floor(r() * 6) });
      const baseNodes = ids.filter((id) => id === "me" || r() < 0.7).map(rowOf);
      const has = new Set(baseNodes.map((n) => n.id));
      // As the backend serves it: every tie's ends exist.
      const base: NetworkSnapshot = { ego: "me", nodes: baseNodes, ties: Array.from({ length: 8 }, (_, i) => tieOf(i)).filter((t) => has.has(t.from) && has.has(t.to)) };
      const gone = ids.filter((id) => id !== "me" && r() < 0.2);
      const sub: NetworkSubset = {
        ego: "me",
        nodes: ids.filter(() => r() < 0.4).map(rowOf),
        ties: Array.from({ length: 4 }, () => tieOf(Math.floor(r() * 12))),
        missing: { nodes: gone, ties: [`t${Math.floor(r() * 12)}`] },
      };
      const next = applySubset(base, sub)!;
      const patched = newGraph();
      syncGraph(patched, base);
      syncPatch(patched, "me", sub);
      const whole = newGraph();
      syncGraph(whole, next);
      expect(dump(patched), `seed ${seed}`).toEqual(dump(whole));
    }
  });

  it("touches only the rows it names", () => {
    const g = newGraph();
    const base = snap();
    syncGraph(g, base);
    const st = syncPatch(g, "me", { ego: "me", nodes: [node("a", { x: 5, y: 6, relation: "knows", strength: 4, label: "Ada" })], ties: [], missing: { nodes: [], ties: [] } });
    expect(st).toEqual({ addedNodes: 0, droppedNodes: 0, addedEdges: 0, droppedEdges: 0, updatedNodes: 1, updatedEdges: 0 });
    expect(g.getNodeAttribute("a", "label")).toBe("Ada");
  });
});
