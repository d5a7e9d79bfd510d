import { describe, expect, it } from "vitest";
import type { NetworkSnapshot, NodeRow } from "../api";
import { computeFocus, drawnEdges, edgeLabelBox, LabelSpace, nearestSegment, type FocusState, tieHandles } from "./focus";
import { egoEdgeKey, newGraph, syncGraph } from "./model";

function node(id: string, over: Partial<NodeRow> = {}): NodeRow {
  return { id, label: id, kind: "person", x: 0, y: 0, pinned: false, tags: [], relation: "", strength: 0, status: "", role: "", contexts: [], mode: "", ...over };
}

/** me — a, b, c, s (ego ties); a→b, b—c, s—c; s is a source. */
function graph() {
  const snap: NetworkSnapshot = {
    ego: "me",
    nodes: [node("me"), node("a"), node("b"), node("c"), node("s", { kind: "source" })],
    ties: [
      { id: "ab", from: "a", to: "b", relation: "knows", directed: true, strength: 2 },
      { id: "bc", from: "b", to: "c", relation: "", directed: false, strength: 1 },
      { id: "sc", from: "s", to: "c", relation: "", directed: false, strength: 1 },
    ],
  };
  const g = newGraph();
  syncGraph(g, snap);
  return g;
}

const none: FocusState = { hoveredNode: null, selectedNode: null, connectFrom: null, hoveredEdge: null, selectedEdge: null, selectedNodes: new Set() };
const shown = () => false;

describe("computeFocus", () => {
  it("is empty with nothing focused", () => {
    expect(computeFocus(graph(), none, shown)).toEqual({ nodes: [], neighbours: [], edges: [], focusEdges: new Set(), marked: [] });
  });

  it("marks a multi-selection's visible nodes with no ties or neighbours (its cost is its size)", () => {
    const f = computeFocus(graph(), { ...none, selectedNodes: new Set(["a", "s", "gone"]) }, (_id, a) => a.kind === "source");
    expect(f.marked).toEqual(["a"]);
    expect(f.nodes).toEqual([]);
    expect(f.edges).toEqual([]);
    expect(f.neighbours).toEqual([]);
  });

  it("lists a hovered node's ties and neighbours, each once", () => {
    const f = computeFocus(graph(), { ...none, hoveredNode: "b" }, shown);
    expect(f.nodes).toEqual(["b"]);
    expect(new Set(f.neighbours)).toEqual(new Set(["me", "a", "c"]));
    expect(new Set(f.edges)).toEqual(new Set(["ab", "bc", egoEdgeKey("b")]));
    expect(f.focusEdges.size).toBe(0);
  });

  it("puts the selection first, shares neighbours and ties between focused nodes, and never lists a focused node as a neighbour", () => {
    const f = computeFocus(graph(), { ...none, selectedNode: "a", hoveredNode: "b" }, shown);
    expect(f.nodes).toEqual(["a", "b"]);
    expect(f.neighbours).not.toContain("a");
    expect(f.neighbours).not.toContain("b");
    expect(f.edges.filter((e) => e === "ab")).toHaveLength(1);
    expect(new Set(f.neighbours)).toEqual(new Set(["me", "c"]));
  });

  it("lists a focused tie first, labelled, with its ends", () => {
    const f = computeFocus(graph(), { ...none, selectedEdge: "sc", hoveredNode: "a" }, shown);
    expect(f.edges[0]).toBe("sc");
    expect([...f.focusEdges]).toEqual(["sc"]);
    expect(f.neighbours).toEqual(expect.arrayContaining(["s", "c"]));
  });

  it("leaves out hidden nodes, their ties, and ties or nodes that are gone", () => {
    const hidden = (_id: string, a: { kind: string }) => a.kind === "source";
    const f = computeFocus(graph(), { ...none, hoveredNode: "c", selectedEdge: "sc" }, hidden);
    expect(f.edges).not.toContain("sc");
    expect(f.neighbours).not.toContain("s");
    expect(computeFocus(graph(), { ...none, hoveredNode: "s" }, hidden).nodes).toEqual([]);
    expect(computeFocus(graph(), { ...none, hoveredNode: "zz", selectedEdge: "zz" }, shown).edges).toEqual([]);
  });

  it("costs the focused node's degree: the ego of a star lists every alter", () => {
    const n = 2000;
    const g = newGraph();
    syncGraph(g, { ego: "me", nodes: [node("me"), ...Array.from({ length: n }, (_, i) => node(`n${i}`))], ties: [] });
    const f = computeFocus(g, { ...none, hoveredNode: "me" }, shown);
    expect(f.neighbours).toHaveLength(n);
    expect(f.edges).toHaveLength(n);
    expect(computeFocus(g, { ...none, hoveredNode: "n7" }, shown).neighbours).toEqual(["me"]);
  });
});

describe("LabelSpace", () => {
  it("grants a box that overlaps none granted before, and refuses one that does", () => {
    const s = new LabelSpace(50);
    expect(s.claim({ x: 0, y: 0, w: 40, h: 12 })).toBe(true);
    expect(s.claim({ x: 39, y: 11, w: 40, h: 12 })).toBe(false); // corner overlap
    expect(s.claim({ x: 40, y: 0, w: 40, h: 12 })).toBe(true); // touching edges do not overlap
    // reserve keeps room even over room already kept; a later claim there is refused
    const r = new LabelSpace();
    expect(r.claim({ x: 0, y: 0, w: 50, h: 16 })).toBe(true);
    r.reserve({ x: 0, y: 10, w: 50, h: 16 });
    expect(r.claim({ x: 20, y: 20, w: 10, h: 4 })).toBe(false);
    expect(s.claim({ x: 120, y: 0, w: 200, h: 12 })).toBe(true); // spans cells
    expect(s.claim({ x: 300, y: 5, w: 2, h: 2 })).toBe(false); // inside the wide one, in another cell
    expect(s.claim({ x: -90, y: -30, w: 20, h: 12 })).toBe(true); // negative coordinates
    expect(s.claim({ x: -80, y: -25, w: 5, h: 5 })).toBe(false);
  });
});

describe("nearestSegment", () => {
  const segs = [0, 0, 100, 0, 0, 10, 100, 10, 50, -50, 50, 50];
  it("returns the nearest segment within the tolerance, measured to the segment", () => {
    expect(nearestSegment({ x: 20, y: 3 }, segs, 4)).toBe(0);
    expect(nearestSegment({ x: 20, y: 7 }, segs, 4)).toBe(1);
    expect(nearestSegment({ x: 51, y: 30 }, segs, 4)).toBe(2);
    expect(nearestSegment({ x: 20, y: 30 }, segs, 4)).toBe(-1);
    // beyond an end: distance to the end point, not to the infinite line
    expect(nearestSegment({ x: 106, y: 0 }, segs, 4)).toBe(-1);
    expect(nearestSegment({ x: 103, y: 0 }, segs, 4)).toBe(0);
  });
  it("handles a zero-length segment", () => {
    expect(nearestSegment({ x: 1, y: 1 }, [0, 0, 0, 0], 2)).toBe(0);
    expect(nearestSegment({ x: 5, y: 5 }, [0, 0, 0, 0], 2)).toBe(-1);
  });
});

describe("drawnEdges", () => {
  it("draws every focused tie when there are few", () => {
    const f = { nodes: ["a"], neighbours: [], edges: ["x", "y"], focusEdges: new Set<string>(), marked: [] };
    expect(drawnEdges(f, () => 0, 5)).toEqual(["x", "y"]);
  });
  it("bounds a star: the focused ties first, then the strongest", () => {
    const edges = Array.from({ length: 10 }, (_, i) => `e${i}`);
    const strength = (e: string) => Number(e.slice(1)) % 5;
    const f = { nodes: ["ego"], neighbours: [], edges, focusEdges: new Set(["e0"]), marked: [] };
    const d = drawnEdges(f, strength, 4);
    expect(d).toHaveLength(4);
    expect(d[0]).toBe("e0"); // the selected tie, though unset
    expect(d.slice(1).map(strength)).toEqual([4, 4, 3]);
    expect(drawnEdges(f, strength)).toHaveLength(10); // under MAX_FOCUS_EDGES: all
  });
});

describe("tieHandles", () => {
  it("puts each handle just outside its end's disc, on the line", () => {
    const h = tieHandles({ x: 0, y: 0, r: 5 }, { x: 100, y: 0, r: 8 }, 10);
    expect(h).toEqual({ from: { x: 15, y: 0 }, to: { x: 82, y: 0 } });
    const d = tieHandles({ x: 0, y: 0, r: 4 }, { x: 0, y: -100, r: 4 }, 10)!;
    expect(d.from.x).toBeCloseTo(0, 9);
    expect(d.from.y).toBeCloseTo(-14, 9);
    expect(d.to.y).toBeCloseTo(-86, 9);
  });
  it("has none on a line too short to keep them apart", () => {
    expect(tieHandles({ x: 0, y: 0, r: 5 }, { x: 40, y: 0, r: 5 }, 10)).toBeNull();
    expect(tieHandles({ x: 0, y: 0, r: 5 }, { x: 0, y: 0, r: 5 }, 10)).toBeNull();
  });
});

describe("edgeLabelBox", () => {
  it("puts a horizontal relation below the line, centred between the rims", () => {
    // rims at x = 10 and x = 180 (radii 10 and 20): centre 95, not the centres' 100
    const b = edgeLabelBox({ x: 0, y: 50, r: 10 }, { x: 200, y: 50, r: 20 }, 40, 2, 11)!;
    expect(b.x).toBeCloseTo(75);
    expect(b.w).toBeCloseTo(40);
    expect(b.y).toBeCloseTo(51); // ew/2 under the line
    expect(b.h).toBeCloseTo(13.75);
  });

  it("keeps the text upright on a line that points left: below it still", () => {
    const b = edgeLabelBox({ x: 200, y: 50, r: 10 }, { x: 0, y: 50, r: 10 }, 40, 2, 11)!;
    expect(b.x).toBeCloseTo(80);
    expect(b.y).toBeCloseTo(51);
  });

  it("turns with a vertical line, and is null when the discs touch", () => {
    const b = edgeLabelBox({ x: 0, y: 0, r: 5 }, { x: 0, y: 100, r: 5 }, 40, 0, 10)!;
    expect(b.h).toBeCloseTo(40);
    expect(b.w).toBeCloseTo(12.5);
    expect(b.y).toBeCloseTo(30);
    expect(edgeLabelBox({ x: 0, y: 0, r: 5 }, { x: 8, y: 0, r: 5 }, 40, 1, 10)).toBeNull();
  });
});
