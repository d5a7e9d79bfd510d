import { describe, expect, it } from "vitest";
import type { NetworkSnapshot, NodeRow } from "../api";
import { egoEdgeKey, newGraph, syncGraph } from "./model";

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
    syncGraph(g, snap(), { keepPosition: () => true });
    expect(g.getNodeAttribute("a", "x")).toBe(99);
    syncGraph(g, snap());
    expect(g.getNodeAttribute("a", "x")).toBe(5);
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
