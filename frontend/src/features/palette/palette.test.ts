import { describe, expect, it } from "vitest";
import { MAX_NODE_ITEMS, moveActive, paletteItems, type PaletteCommand } from "./palette";

const cmd = (id: string, title: string): PaletteCommand => ({ id, title, run: () => {} });
const commands = [cmd("layout", "Start layout"), cmd("ego", "Ego layout"), cmd("journal", "Go to the journal"), cmd("undo", "Undo")];
const nodes = [
  { id: "1", label: "Gopher Academy", kind: "community" },
  { id: "2", label: "go", kind: "source" },
  { id: "3", label: "Zoë Hopper", kind: "person" },
];

const ids = (items: ReturnType<typeof paletteItems>) => items.map((it) => (it.type === "node" ? `n:${it.node.id}` : `c:${it.command.id}`));

describe("paletteItems", () => {
  it("lists every command and no node for an empty query", () => {
    expect(ids(paletteItems("  ", commands, nodes))).toEqual(["c:layout", "c:ego", "c:journal", "c:undo"]);
  });

  it("lists nodes best first (the search box's order), then matching commands", () => {
    expect(ids(paletteItems("go", commands, nodes))).toEqual(["n:2", "n:1", "c:journal"]);
    expect(ids(paletteItems("zoe", commands, nodes))).toEqual(["n:3"]);
  });

  it("puts commands whose title starts with the query first, and '>' lists commands only", () => {
    expect(ids(paletteItems("layout", commands, nodes))).toEqual(["c:layout", "c:ego"]);
    expect(ids(paletteItems("ego la", commands, nodes))).toEqual(["c:ego"]);
    expect(ids(paletteItems(">go", commands, nodes))).toEqual(["c:journal"]);
    expect(ids(paletteItems(">", commands, nodes))).toHaveLength(4);
  });

  it("finds a command typed with its punctuation (found in the real window: \"Theme: dark\" found nothing)", () => {
    const cs = [cmd("dark", "Theme: dark"), cmd("light", "Theme: light"), cmd("system", "Theme: follow the system")];
    expect(ids(paletteItems("Theme: dark", cs, nodes))).toEqual(["c:dark"]);
    expect(ids(paletteItems(">theme:", cs, nodes))).toEqual(["c:dark", "c:light", "c:system"]);
  });

  it("leaves out skipped nodes and lists at most MAX_NODE_ITEMS", () => {
    expect(ids(paletteItems("go", [], nodes, (id) => id === "2"))).toEqual(["n:1"]);
    const many = Array.from({ length: 100 }, (_, i) => ({ id: String(i), label: `node ${i}`, kind: "person" }));
    expect(paletteItems("node", [], many)).toHaveLength(MAX_NODE_ITEMS);
  });
});

describe("moveActive", () => {
  it("wraps round and stays -1 on an empty list", () => {
    expect(moveActive(0, 3, -1)).toBe(2);
    expect(moveActive(2, 3, 1)).toBe(0);
    expect(moveActive(-1, 0, 1)).toBe(-1);
  });
});
