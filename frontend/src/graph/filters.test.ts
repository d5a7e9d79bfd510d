import { describe, expect, it } from "vitest";
import { defaultFilters, emptyFilters, filteredOut, valueCounts, valuesOf, withTag, withValue, type Filterable } from "./filters";

const node = (o: Partial<Filterable> = {}): Filterable => ({ kind: "person", ...o });

describe("filteredOut", () => {
  it("shows everything with no filter", () => {
    expect(filteredOut(node({ status: "archived" }), emptyFilters())).toBe(false);
  });

  it("hides archived ties by default and nothing else", () => {
    expect(filteredOut(node({ status: "archived" }), defaultFilters())).toBe(true);
    expect(filteredOut(node({ status: "dormant" }), defaultFilters())).toBe(false);
    expect(filteredOut(node(), defaultFilters())).toBe(false);
  });

  it("filters each dimension, an unset value as \"\"", () => {
    let f = withValue(emptyFilters(), "role", "mentor", false);
    expect(filteredOut(node({ role: "mentor" }), f)).toBe(true);
    expect(filteredOut(node({ role: "peer" }), f)).toBe(false);
    expect(filteredOut(node(), f)).toBe(false);
    f = withValue(f, "role", "", false);
    expect(filteredOut(node(), f)).toBe(true);
    f = withValue(emptyFilters(), "mode", "online", false);
    expect(filteredOut(node({ mode: "online" }), f)).toBe(true);
    f = withValue(emptyFilters(), "kind", "source", false);
    expect(filteredOut(node({ kind: "source" }), f)).toBe(true);
    expect(filteredOut(node({ kind: "person" }), f)).toBe(false);
  });

  it("keeps a node with several contexts while one of them is shown", () => {
    let f = withValue(emptyFilters(), "context", "work", false);
    const both = node({ contexts: ["work", "home"] });
    expect(filteredOut(both, f)).toBe(false);
    expect(filteredOut(node({ contexts: ["work"] }), f)).toBe(true);
    f = withValue(f, "context", "home", false);
    expect(filteredOut(both, f)).toBe(true);
    expect(filteredOut(node(), f)).toBe(false); // no context: the "not set" row
  });

  it("keeps only nodes with one of the filter's tags, case-insensitively", () => {
    const f = withTag(withTag(emptyFilters(), "Go", true), "rust", true);
    expect(filteredOut(node({ tags: ["go"] }), f)).toBe(false);
    expect(filteredOut(node({ tags: ["RUST", "x"] }), f)).toBe(false);
    expect(filteredOut(node({ tags: ["python"] }), f)).toBe(true);
    expect(filteredOut(node(), f)).toBe(true);
    expect(filteredOut(node({ tags: ["python"] }), withTag(withTag(f, "go", false), "rust", false))).toBe(false);
  });
});

describe("filter values", () => {
  it("withValue and withTag return the same object when nothing changes", () => {
    const f = emptyFilters();
    expect(withValue(f, "kind", "person", true)).toBe(f);
    expect(withTag(f, "  ", true)).toBe(f);
    expect(withTag(f, "x", false)).toBe(f);
  });

  it("reads an unset field as \"\"", () => {
    expect(valuesOf(node(), "status")).toEqual([""]);
    expect(valuesOf(node({ contexts: [] }), "context")).toEqual([""]);
    expect(valuesOf(node({ contexts: ["home", "work"] }), "context")).toEqual(["home", "work"]);
  });
});

describe("valueCounts", () => {
  const rows = [
    { id: "ego", kind: "person" as const },
    { id: "a", kind: "person" as const, contexts: ["work", "makerspace"], role: "mentor" },
    { id: "b", kind: "source" as const, contexts: ["work"] },
    { id: "c", kind: "person" as const, contexts: ["choir"] },
  ];

  it("lists standard values in order (kinds always), then user-defined ones by name, then not set; the ego is not counted", () => {
    expect(valueCounts(rows, "ego", "kind").map((v) => `${v.value}:${v.count}`)).toEqual([
      "person:2",
      "organisation:0",
      "community:0",
      "source:1",
      "service:0",
      "device:0",
    ]);
    expect(valueCounts(rows, "ego", "context")).toEqual([
      { value: "work", count: 2 },
      { value: "choir", count: 1 },
      { value: "makerspace", count: 1 },
    ]);
    expect(valueCounts(rows, "ego", "role")).toEqual([
      { value: "mentor", count: 1 },
      { value: "", count: 2 },
    ]);
  });

  it("keeps a filtered value listed with no node left, so it can be shown again", () => {
    expect(valueCounts(rows, "ego", "status", new Set(["archived"]))).toEqual([
      { value: "archived", count: 0 },
      { value: "", count: 3 },
    ]);
    expect(valueCounts(rows, "ego", "context", new Set(["gone"])).map((v) => v.value)).toEqual(["work", "choir", "gone", "makerspace"]);
  });
});
