import { describe, expect, it } from "vitest";
import type { NetworkSnapshot, NodeRow } from "../../api";
import {
  COLUMNS,
  allOf,
  alterIds,
  ariaSort,
  clicked,
  columnOf,
  editorOf,
  filterRows,
  keptRows,
  nextSort,
  rangeIds,
  rowsOf,
  sortRows,
  NO_SELECTION,
  type TableRow,
  type TableSelection,
} from "./table";

const node = (id: string, label: string, more: Partial<NodeRow> = {}): NodeRow => ({
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
  ...more,
});

function rows(nodes: NodeRow[], ties: [string, string][] = []): TableRow[] {
  const snap: NetworkSnapshot = {
    ego: "me",
    nodes: [node("me", "Me"), ...nodes],
    ties: ties.map(([from, to], i) => ({ id: `t${i}`, from, to, relation: "knows", directed: false, strength: 3 })),
  };
  return rowsOf(snap);
}

const labels = (rs: TableRow[]) => rs.map((r) => r.label);

describe("table columns", () => {
  it("cover the row's fields, each key once, with an editor for every ego-tie field", () => {
    const keys = COLUMNS.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of ["label", "kind", "relation", "strength", "role", "contexts", "mode", "status", "tags"] as const) expect(columnOf(k).editor).not.toBeNull();
    expect(columnOf("ties").editor).toBeNull();
  });

  it("let the ego's label be edited and nothing else of it", () => {
    const [me, ada] = rows([node("a", "Ada")]);
    expect(editorOf(me!, columnOf("label"))).toEqual({ kind: "text" });
    expect(editorOf(me!, columnOf("kind"))).toBeNull();
    expect(editorOf(ada!, columnOf("kind"))?.kind).toBe("select");
    expect(columnOf("kind").text(me!)).toBe("You (ego)");
  });

  it("count each node's ties to alters", () => {
    const rs = rows([node("a", "A"), node("b", "B"), node("c", "C")], [["a", "b"], ["a", "c"]]);
    expect(Object.fromEntries(rs.map((r) => [r.id, r.ties]))).toEqual({ me: 0, a: 2, b: 1, c: 1 });
  });
});

describe("table sorting", () => {
  it("cycles a header asc → desc → asc and says so in aria-sort", () => {
    let s = nextSort({ key: "label", dir: "asc" }, "kind");
    expect(s).toEqual({ key: "kind", dir: "asc" });
    s = nextSort(s, "kind");
    expect(s).toEqual({ key: "kind", dir: "desc" });
    expect(nextSort(s, "kind").dir).toBe("asc");
    expect(ariaSort(s, "kind")).toBe("descending");
    expect(ariaSort(s, "label")).toBe("none");
  });

  it("sorts text by locale, ignoring case and accents, digits as numbers; the ego stays first", () => {
    const rs = rows([node("1", "zoë"), node("2", "Zoe b"), node("3", "émile"), node("4", "Eve"), node("5", "n10"), node("6", "n2")]);
    expect(labels(sortRows(rs, { key: "label", dir: "asc" }))).toEqual(["Me", "émile", "Eve", "n2", "n10", "zoë", "Zoe b"]);
    expect(labels(sortRows(rs, { key: "label", dir: "desc" }))).toEqual(["Me", "Zoe b", "zoë", "n10", "n2", "Eve", "émile"]);
  });

  it("sorts numbers numerically, unset strength last in both directions", () => {
    const rs = rows([node("a", "A", { strength: 10 as number }), node("b", "B", { strength: 2 }), node("c", "C"), node("d", "D", { strength: 5 })]);
    expect(labels(sortRows(rs, { key: "strength", dir: "asc" }))).toEqual(["Me", "B", "D", "A", "C"]);
    expect(labels(sortRows(rs, { key: "strength", dir: "desc" }))).toEqual(["Me", "A", "D", "B", "C"]);
  });

  it("puts empty values last and keeps equal values in their order (stable)", () => {
    const rs = rows([node("a", "A", { role: "peer" }), node("b", "B"), node("c", "C", { role: "mentor" }), node("d", "D", { role: "peer" }), node("e", "E")]);
    expect(labels(sortRows(rs, { key: "role", dir: "asc" }))).toEqual(["Me", "C", "A", "D", "B", "E"]);
    expect(labels(sortRows(rs, { key: "role", dir: "desc" }))).toEqual(["Me", "A", "D", "C", "B", "E"]);
    // Sorting by label, then by kind: each kind A–Z.
    const mixed = rows([node("1", "b", { kind: "source" }), node("2", "a", { kind: "source" }), node("3", "c", { kind: "person" })]);
    expect(labels(sortRows(sortRows(mixed, { key: "label", dir: "asc" }), { key: "kind", dir: "asc" }))).toEqual(["Me", "c", "a", "b"]);
  });

  it("does not change the rows it was given", () => {
    const rs = rows([node("b", "B"), node("a", "A")]);
    sortRows(rs, { key: "label", dir: "asc" });
    expect(labels(rs)).toEqual(["Me", "B", "A"]);
  });
});

describe("table filter", () => {
  const rs = rows([
    node("a", "Zoë Ångström", { tags: ["Go"] }),
    node("b", "Bob", { kind: "source", tags: ["golang", "feeds"], status: "active" }),
    node("c", "Carol", { status: "archived" }),
  ]);
  const f = (text: string, kind = "", status = "") => labels(filterRows(rs, { text, kind, status }));

  it("finds every word in the label or the tags, case and accents ignored", () => {
    expect(f("")).toEqual(["Me", "Zoë Ångström", "Bob", "Carol"]);
    expect(f("zoe")).toEqual(["Zoë Ångström"]);
    expect(f("angstrom ZOE")).toEqual(["Zoë Ångström"]);
    expect(f("go")).toEqual(["Zoë Ångström", "Bob"]);
    expect(f("bob feeds")).toEqual(["Bob"]);
    expect(f("carol go")).toEqual([]);
  });

  it("keeps one kind or one status the way the map's filters do; the ego only by the text", () => {
    expect(f("", "source")).toEqual(["Me", "Bob"]);
    expect(f("", "", "archived")).toEqual(["Me", "Carol"]);
    expect(f("", "", "unset")).toEqual(["Me", "Zoë Ångström"]);
    expect(f("", "person", "active")).toEqual(["Me"]);
    expect(f("me")).toEqual(["Me"]);
  });
});

describe("table selection", () => {
  const order = ["me", "a", "b", "c", "d"];
  const click = (cur: TableSelection, id: string, toggle = false, range = false) => clicked(cur, order, id, { toggle, range }, "me");

  it("selects one row on a click, toggles with Ctrl/Cmd", () => {
    let s = click(NO_SELECTION, "b");
    expect(s).toEqual({ sel: { kind: "node", id: "b" }, anchor: "b" });
    s = click(s, "d", true);
    expect(s.sel).toEqual({ kind: "nodes", ids: ["b", "d"] });
    s = click(s, "b", true);
    expect(s).toEqual({ sel: { kind: "node", id: "d" }, anchor: "b" });
  });

  it("selects the range from the anchor with Shift, in the shown order, either way", () => {
    let s = click(NO_SELECTION, "a");
    s = click(s, "c", false, true);
    expect(s).toEqual({ sel: { kind: "nodes", ids: ["a", "b", "c"] }, anchor: "a" });
    s = click(s, "me", false, true); // up to the ego: the ego is left out of a range
    expect(s.sel).toEqual({ kind: "node", id: "a" });
    s = click(click(NO_SELECTION, "d"), "b", false, true);
    expect(s.sel).toEqual({ kind: "nodes", ids: ["b", "c", "d"] });
    // Ctrl+Shift adds the range to what is selected.
    s = click(click(NO_SELECTION, "a"), "d", true);
    s = click({ ...s, anchor: "c" }, "d", true, true);
    expect(s.sel).toEqual({ kind: "nodes", ids: ["a", "d", "c"] });
    expect(rangeIds(order, "a", "gone")).toEqual([]);
  });

  it("selects every shown alter, never the ego; drops rows that are gone", () => {
    const all = allOf(order, "me");
    expect(all.sel).toEqual({ kind: "nodes", ids: ["a", "b", "c", "d"] });
    expect(alterIds(all.sel, "me")).toEqual(["a", "b", "c", "d"]);
    const k = keptRows({ ...all, anchor: "b" }, (id) => id !== "b" && id !== "c");
    expect(k).toEqual({ sel: { kind: "nodes", ids: ["a", "d"] }, anchor: null });
    expect(keptRows(all, () => true)).toBe(all);
    expect(alterIds({ kind: "node", id: "me" }, "me")).toEqual([]);
  });
});
