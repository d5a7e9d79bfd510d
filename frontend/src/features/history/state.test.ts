import { describe, expect, it } from "vitest";
import type { HistoryStep } from "../../api";
import { buttonLabel, canRun, doneMessage, initialHistory, reduceHistory, stepAction, undoHint } from "./state";
import { isMac } from "../../ui/platform";

const step = (name: string, over: Partial<HistoryStep> = {}): HistoryStep => ({
  id: `id-${name}`,
  at: "2026-05-12T10:00:00.000001Z",
  name,
  kind: "edit",
  records: 1,
  undoable: true,
  redoable: false,
  undone: false,
  ...over,
});

describe("history state", () => {
  it("takes what undo and redo would take from events", () => {
    let s = initialHistory();
    expect(canRun(s, "undo")).toBe(false);
    s = reduceHistory(s, { type: "event", state: { undo: step("Move 12 nodes"), redo: null } });
    expect(s.undo?.name).toBe("Move 12 nodes");
    expect(canRun(s, "undo")).toBe(true);
    expect(canRun(s, "redo")).toBe(false);
    s = reduceHistory(s, { type: "event", state: { undo: null, redo: step("Move 12 nodes") } });
    expect(s.undo).toBeNull();
    expect(canRun(s, "redo")).toBe(true);
    expect(s.events).toBe(2);
  });

  it("drops a State() reply that an event overtook", () => {
    let s = initialHistory();
    const asked = s.events;
    s = reduceHistory(s, { type: "event", state: { undo: step("newer"), redo: null } });
    s = reduceHistory(s, { type: "loaded", state: { undo: step("older"), redo: null }, asked });
    expect(s.undo?.name).toBe("newer");
    s = reduceHistory(s, { type: "loaded", state: { undo: null, redo: null }, asked: s.events });
    expect(s.undo).toBeNull();
    expect(s.known).toBe(true);
  });

  it("runs one undo or redo at a time", () => {
    let s = reduceHistory(initialHistory(), { type: "event", state: { undo: step("a"), redo: step("b") } });
    s = reduceHistory(s, { type: "start", op: "undo" });
    expect(s.busy).toBe("undo");
    expect(canRun(s, "undo")).toBe(false);
    expect(canRun(s, "redo")).toBe(false);
    expect(reduceHistory(s, { type: "start", op: "redo" }).busy).toBe("undo");
    s = reduceHistory(s, { type: "finish" });
    expect(s.busy).toBeNull();
    expect(canRun(s, "redo")).toBe(true);
  });
});

describe("history labels", () => {
  it("names the step on the buttons", () => {
    expect(buttonLabel("undo", step("Move 12 nodes"))).toBe("Undo: Move 12 nodes");
    expect(buttonLabel("redo", step("Delete “Daring Fireball” and 3 ties"))).toBe("Redo: Delete “Daring Fireball” and 3 ties");
    expect(buttonLabel("undo", null)).toBe("Nothing to undo");
    expect(buttonLabel("redo", null)).toBe("Nothing to redo");
  });

  it("says what was undone or redone", () => {
    expect(doneMessage("undo", { name: "Undo: Move 12 nodes" })).toBe("Undone: Move 12 nodes");
    expect(doneMessage("redo", { name: "Redo: Import 207 sources from “subs.opml”" })).toBe("Redone: Import 207 sources from “subs.opml”");
    // Only one prefix is taken off: undoing a step whose own name starts with "Undo: ".
    expect(stepAction("Undo: Undo: x")).toBe("Undo: x");
    expect(doneMessage("undo", { name: "Rename" })).toBe("Undone: Rename");
    expect(doneMessage("undo", { name: "" })).toBe("Undone.");
  });

  it("writes the shortcut as the platform does", () => {
    expect(isMac("MacIntel")).toBe(true);
    expect(isMac("Linux x86_64")).toBe(false);
    expect(undoHint(false)).toBe("You can undo this with Ctrl+Z or the Undo button.");
    expect(undoHint(true)).toContain("⌘Z");
  });
});
