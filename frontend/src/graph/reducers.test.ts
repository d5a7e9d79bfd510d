import { describe, expect, it } from "vitest";
import { categoryPalette, fade } from "./encoding";
import { emptyFilters, withValue } from "./filters";
import { edgeLook, emptyVisualState, nodeLook, plainEdges, type EdgeAttrs, type NodeAttrs } from "./reducers";

const attrs = (over: Partial<NodeAttrs> = {}): NodeAttrs => ({
  label: "x",
  kind: "person",
  status: "",
  role: "",
  mode: "",
  contexts: [],
  tags: [],
  ego: false,
  pinned: false,
  color: "#000",
  size: 5,
  x: 0,
  y: 0,
  ...over,
});
const edge: EdgeAttrs = { kind: "tie", relation: "knows", directed: false, strength: 3, color: "#999", size: 2 };

describe("nodeLook", () => {
  it("hides filtered kinds but never the ego", () => {
    const s = { ...emptyVisualState(), filters: withValue(emptyFilters(), "kind", "person", false) };
    expect(nodeLook("a", attrs(), s).hidden).toBe(true);
    expect(nodeLook("me", attrs({ ego: true }), s).hidden).toBeFalsy();
    expect(nodeLook("b", attrs({ kind: "source" }), s).hidden).toBeFalsy();
  });
  it("highlights search hits and dims the rest", () => {
    const s = { ...emptyVisualState(), searchHits: new Set(["a"]) };
    expect(nodeLook("a", attrs(), s)).toMatchObject({ highlighted: true, forceLabel: true });
    const dim = nodeLook("b", attrs(), s);
    expect(dim.color).toBeDefined();
    expect(dim.label).toBeNull();
    expect(dim.highlighted).toBeFalsy();
  });
  it("hides filtered statuses (unset is \"\") but never the ego", () => {
    const s = { ...emptyVisualState(), filters: withValue(withValue(emptyFilters(), "status", "archived", false), "status", "", false) };
    expect(nodeLook("a", attrs({ status: "archived" }), s).hidden).toBe(true);
    expect(nodeLook("b", attrs({ status: "" }), s).hidden).toBe(true);
    expect(nodeLook("c", attrs({ status: "active" }), s).hidden).toBeFalsy();
    expect(nodeLook("me", attrs({ ego: true }), s).hidden).toBeFalsy();
  });
  it("dims what is outside a focus, or hides it (never the ego)", () => {
    const dim = { ...emptyVisualState(), focus: { ids: new Set(["a"]), hide: false } };
    expect(nodeLook("a", attrs(), dim).color).toBeUndefined();
    expect(nodeLook("b", attrs(), dim)).toMatchObject({ label: null, zIndex: 0 });
    expect(nodeLook("b", attrs(), dim).color).toBeDefined();
    const hide = { ...emptyVisualState(), focus: { ids: new Set(["a"]), hide: true } };
    expect(nodeLook("b", attrs(), hide).hidden).toBe(true);
    expect(nodeLook("a", attrs(), hide).hidden).toBeFalsy();
    expect(nodeLook("me", attrs({ ego: true }), hide).hidden).toBeFalsy();
    expect(edgeLook("t", edge, "a", "b", hide).color).toBeDefined(); // hidden by sigma: its end b is hidden
    expect(edgeLook("t", edge, "a", "b", dim).color).toBeDefined();
    const both = { ...emptyVisualState(), focus: { ids: new Set(["a", "b"]), hide: false } };
    expect(edgeLook("t", edge, "a", "b", both).color).toBeUndefined();
  });
  it("colours by the encoding's dimension, never the ego", () => {
    const palette = categoryPalette("role", [{ value: "mentor", count: 1 }, { value: "", count: 1 }]);
    const s = { ...emptyVisualState(), encoding: { color: "role" as const, palette, size: "strength" as const } };
    expect(nodeLook("a", attrs({ role: "mentor" }), s).color).toBe(palette.get("mentor"));
    expect(nodeLook("b", attrs(), s).color).toBe(palette.get(""));
    expect(nodeLook("me", attrs({ ego: true }), s).color).toBeUndefined();
    // A search still dims what it does not hit.
    expect(nodeLook("a", attrs({ role: "mentor" }), { ...s, searchHits: new Set(["x"]) }).color).not.toBe(palette.get("mentor"));
  });
  it("sizes by degree only when asked", () => {
    const s = { ...emptyVisualState(), encoding: { color: "kind" as const, palette: new Map(), size: "degree" as const } };
    expect(nodeLook("a", attrs(), s, () => 4).size).toBeCloseTo(9.4, 6);
    expect(nodeLook("a", attrs(), emptyVisualState(), () => 4).size).toBeUndefined();
  });
  it("fades dormant ties (still drawn) unless colour says status", () => {
    expect(nodeLook("a", attrs({ status: "dormant", color: "#0072B2" }), emptyVisualState()).color).toBe(fade("#0072B2"));
    expect(nodeLook("a", attrs({ status: "dormant" }), emptyVisualState()).hidden).toBeFalsy();
    const byStatus = { ...emptyVisualState(), encoding: { color: "status" as const, palette: categoryPalette("status", [{ value: "dormant", count: 1 }]), size: "strength" as const } };
    expect(nodeLook("a", attrs({ status: "dormant" }), byStatus).color).toBe("#E69F00");
  });
  it("reads the journal's effective status, due and interactions when it has them", () => {
    const activity = new Map([
      ["a", { status: "dormant", due: true, interactions: 4 }],
      ["b", { status: "active", due: false, interactions: 0 }],
    ]);
    const s = { ...emptyVisualState(), activity };
    // Computed dormant: faded, and filtered as dormant (the stored status is unset).
    expect(nodeLook("a", attrs({ color: "#0072B2" }), s).color).toBe(fade("#0072B2"));
    expect(nodeLook("a", attrs(), { ...s, filters: withValue(emptyFilters(), "status", "dormant", false) }).hidden).toBe(true);
    expect(nodeLook("a", attrs(), { ...s, filters: withValue(emptyFilters(), "status", "", false) }).hidden).toBeFalsy();
    // Due: the outer ring, gone when dimmed.
    expect(nodeLook("a", attrs(), s).dueSize).toBeGreaterThan(0);
    expect(nodeLook("b", attrs(), s).dueSize).toBeUndefined();
    expect(nodeLook("a", attrs(), { ...s, searchHits: new Set(["b"]) }).dueSize).toBe(0);
    // Size by interactions.
    const bySize = { ...s, encoding: { color: "kind" as const, palette: new Map(), size: "interactions" as const } };
    expect(nodeLook("a", attrs(), bySize).size).toBeCloseTo(5 + 2.2 * 2, 6);
    expect(nodeLook("c", attrs(), bySize).size).toBe(5);
    // Without activity the stored status counts.
    expect(nodeLook("a", attrs({ status: "dormant", color: "#0072B2" }), emptyVisualState()).color).toBe(fade("#0072B2"));
  });
  it("marks pinned nodes with a border", () => {
    expect(nodeLook("a", attrs({ pinned: true }), emptyVisualState()).borderSize).toBeGreaterThan(0);
  });
  it("ignores hover and selection (the focus overlay draws them; a reducer change redraws the whole graph)", () => {
    const focused = { ...emptyVisualState(), selectedNode: "a", hoveredNode: "a", connectFrom: "a", selectedEdge: "t", hoveredEdge: "t" };
    expect(nodeLook("a", attrs(), focused)).toEqual(nodeLook("a", attrs(), emptyVisualState()));
    const hits = { ...focused, searchHits: new Set(["b"]) };
    expect(nodeLook("a", attrs(), hits)).toEqual(nodeLook("a", attrs(), { ...emptyVisualState(), searchHits: new Set(["b"]) }));
  });
});

describe("edgeLook", () => {
  const a = "a";
  const b = "b";
  it("needs nothing of an edge while no focus, search or change marks are on (sigma hides the ties of hidden nodes itself)", () => {
    expect(plainEdges(emptyVisualState())).toBe(true);
    expect(plainEdges({ ...emptyVisualState(), filters: withValue(emptyFilters(), "kind", "source", false), selectedNode: "a" })).toBe(true);
    expect(plainEdges({ ...emptyVisualState(), searchHits: new Set(["a"]) })).toBe(false);
    expect(plainEdges({ ...emptyVisualState(), focus: { ids: new Set(["a"]), hide: false } })).toBe(false);
    expect(plainEdges({ ...emptyVisualState(), changes: { nodes: new Map(), ties: new Map() } })).toBe(false);
    expect(edgeLook("t", edge, a, b, emptyVisualState())).toEqual({ label: null });
  });
  it("ignores hover and selection, and draws no relation (the focus overlay does both)", () => {
    const s = { ...emptyVisualState(), selectedNode: "a", hoveredNode: "b", selectedEdge: "t", hoveredEdge: "t" };
    expect(edgeLook("t", edge, a, b, s)).toEqual(edgeLook("t", edge, a, b, emptyVisualState()));
    expect(edgeLook("t", edge, a, b, s).label).toBeNull();
  });
  it("dims edges outside the search hits", () => {
    const s = { ...emptyVisualState(), searchHits: new Set(["a"]) };
    expect(edgeLook("t", edge, a, b, s).color).toBeDefined();
    const both = { ...emptyVisualState(), searchHits: new Set(["a", "b"]) };
    expect(edgeLook("t", edge, a, b, both).color).toBeUndefined();
  });
});

describe("change marks", () => {
  const changes = {
    nodes: new Map([
      ["a", "added"],
      ["r", "removed"],
      ["c", "changed"],
    ] as const),
    ties: new Map([
      ["t-add", "added"],
      ["t-gone", "removed"],
      ["ego:c", "changed"],
    ] as const),
  };
  const s = { ...emptyVisualState(), changes };

  it("give added, removed and changed nodes three different looks, each with a sign before the label", () => {
    const add = nodeLook("a", attrs({ label: "Ada" }), s);
    const gone = nodeLook("r", attrs({ label: "Rex" }), s);
    const ch = nodeLook("c", attrs({ label: "Cy" }), s);
    expect([add.label, gone.label, ch.label]).toEqual(["+ Ada", "− Rex", "~ Cy"]);
    expect(new Set([add.borderColor, gone.borderColor, ch.borderColor]).size).toBe(3);
    expect(add.forceLabel && gone.forceLabel && ch.forceLabel).toBe(true);
    expect(gone.color).toBeDefined(); // a pale fill: it is not there any more
    expect(add.color).toBeUndefined(); // the kind colour stays
  });

  it("dim what did not change, but not the ego, and never touch the data", () => {
    const a = attrs({ label: "Same", pinned: true });
    const same = nodeLook("u", a, s);
    expect(same.color).toBeDefined();
    expect(same.borderSize).toBe(0);
    expect(same.label).toBeUndefined();
    expect(nodeLook("me", attrs({ ego: true }), s).color).toBeUndefined();
    expect(a.label).toBe("Same");
  });

  it("colour ties by how they changed, ego ties included", () => {
    const a = "a";
    const b = "b";
    const add = edgeLook("t-add", edge, a, b, s);
    const gone = edgeLook("t-gone", edge, a, b, s);
    const ego = edgeLook("ego:c", { ...edge, kind: "ego" }, a, b, s);
    const same = edgeLook("t-same", edge, a, b, s);
    expect(new Set([add.color, gone.color, ego.color, same.color]).size).toBe(4);
    expect(add.size).toBeGreaterThan(edge.size);
    expect(edgeLook("t-add", edge, a, b, emptyVisualState()).color).toBeUndefined();
  });
});
