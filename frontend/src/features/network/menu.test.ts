import { describe, expect, it } from "vitest";
import { menuFor, type MenuContext } from "./menu";

const ctx = (o: Partial<MenuContext> = {}): MenuContext => ({
  ego: "me",
  selected: [],
  label: (id) => ({ me: "Me", a: "Ada", b: "Bob", c: "Cy" })[id] ?? "?",
  pinned: (id) => id === "a",
  layoutRunning: false,
  mod: "Ctrl",
  ...o,
});
const ids = (m: { entries: { id: string }[] }) => m.entries.map((e) => e.id);

describe("menuFor", () => {
  it("offers open, select, pin or unpin and delete on an alter", () => {
    expect(ids(menuFor({ kind: "node", id: "a" }, ctx()))).toEqual(["open", "logInteraction", "newEntry", "focus", "toggle", "unpin", "delete"]);
    expect(ids(menuFor({ kind: "node", id: "b" }, ctx()))).toEqual(["open", "logInteraction", "newEntry", "focus", "toggle", "pin", "delete"]);
    expect(menuFor({ kind: "node", id: "b" }, ctx()).title).toBe("Bob");
  });

  it("offers the journal's two entries on an alter, labelled as in its panel", () => {
    const m = menuFor({ kind: "node", id: "b" }, ctx());
    expect(m.entries.find((e) => e.id === "logInteraction")?.label).toBe("Log an interaction");
    expect(m.entries.find((e) => e.id === "newEntry")?.label).toBe("New entry about this node");
    expect(ids(menuFor({ kind: "node", id: "me" }, ctx()))).not.toContain("logInteraction");
  });

  it("offers only open on the ego", () => {
    expect(ids(menuFor({ kind: "node", id: "me" }, ctx({ selected: ["a", "b"] })))).toEqual(["open"]);
  });

  it("offers the selection's actions on a selected node, and the single ones on another", () => {
    const m = menuFor({ kind: "node", id: "b" }, ctx({ selected: ["a", "b", "c"] }));
    expect(ids(m)).toEqual(["pinAll", "unpinAll", "focus", "toggle", "clear", "mergeAll", "deleteAll"]);
    expect(m.entries.find((e) => e.id === "mergeAll")?.label).toBe("Merge 3 nodes…");
    expect(m.title).toBe("3 nodes selected: “Ada”, “Bob” and 1 more");
    expect(m.entries.find((e) => e.id === "deleteAll")?.label).toBe("Delete 3 nodes…");
    expect(m.entries.find((e) => e.id === "pinAll")?.disabled).toBe(false);
    expect(menuFor({ kind: "node", id: "a" }, ctx({ selected: ["a"], pinned: () => true })).entries.map((e) => e.id)).toContain("delete");
    const allPinned = menuFor({ kind: "node", id: "a" }, ctx({ selected: ["a", "b"], pinned: () => true }));
    expect(allPinned.entries.find((e) => e.id === "pinAll")?.disabled).toBe(true);
    expect(allPinned.entries.find((e) => e.id === "unpinAll")?.disabled).toBe(false);
    expect(ids(menuFor({ kind: "node", id: "c" }, ctx({ selected: ["a", "b"] })))).toEqual(["open", "logInteraction", "newEntry", "focus", "toggle", "pin", "delete"]);
    const big = Array.from({ length: 1001 }, (_, i) => `n${i}`);
    expect(menuFor({ kind: "node", id: "n5" }, ctx({ selected: big })).entries.find((e) => e.id === "deleteAll")?.disabled).toBe(true);
    expect(menuFor({ kind: "node", id: "n5" }, ctx({ selected: big.slice(0, 1000) })).entries.find((e) => e.id === "deleteAll")?.disabled).toBe(false);
  });

  it("offers open and delete on a tie, open only on an ego tie", () => {
    expect(ids(menuFor({ kind: "tie", id: "t1" }, ctx()))).toEqual(["openTie", "deleteTie"]);
    expect(ids(menuFor({ kind: "tie", id: "ego:b" }, ctx()))).toEqual(["openTie"]);
    expect(menuFor({ kind: "tie", id: "ego:b" }, ctx()).title).toBe("You — Bob");
  });

  it("offers add, select all, fit and the layout on empty canvas", () => {
    const m = menuFor({ kind: "stage", graph: { x: 1, y: 2 } }, ctx({ mod: "⌘" }));
    expect(ids(m)).toEqual(["add", "selectAll", "fit", "layout"]);
    expect(m.entries.find((e) => e.id === "selectAll")?.keys).toBe("⌘+A");
    expect(menuFor({ kind: "stage", graph: { x: 0, y: 0 } }, ctx({ layoutRunning: true })).entries.at(-1)?.label).toBe("Stop layout");
  });
});
