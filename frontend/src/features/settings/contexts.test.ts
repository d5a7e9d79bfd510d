import { describe, expect, it } from "vitest";
import { contextKey, deleteQuestion, freeContexts, hasContext, moved, nodesText, toggleContext } from "./contexts";

describe("context list helpers", () => {
  it("moves a context up or down, not past the ends", () => {
    expect(moved(["work", "school", "home"], 1, -1)).toEqual(["school", "work", "home"]);
    expect(moved(["work", "school", "home"], 1, 1)).toEqual(["work", "home", "school"]);
    expect(moved(["work", "school", "home"], 0, -1)).toBeNull();
    expect(moved(["work", "school", "home"], 2, 1)).toBeNull();
    expect(moved([], 0, 1)).toBeNull();
  });

  it("asks before deleting a context nodes carry, naming the count", () => {
    expect(deleteQuestion({ name: "gym", nodes: 0 })).toBeNull();
    const q = deleteQuestion({ name: "school", nodes: 3 });
    expect(q?.message).toContain("3 nodes have the context “school”");
    expect(q?.confirmLabel).toBe("Delete from 3 nodes");
    expect(deleteQuestion({ name: "x", nodes: 1 })?.message).toContain("1 node has");
    expect(nodesText(1)).toBe("1 node");
  });

  it("toggles a context in the comma-separated field, case aside", () => {
    expect(toggleContext("", "work", true)).toBe("work");
    expect(toggleContext("gym, Work", "work", true)).toBe("gym, Work");
    expect(toggleContext("gym, Work", "work", false)).toBe("gym");
    expect(toggleContext("gym", "home", true)).toBe("gym, home");
    expect(toggleContext("gym", "home", false)).toBe("gym");
    expect(hasContext(" School ,x", "school")).toBe(true);
    expect(freeContexts("work, Gym, HOME", ["work", "school", "home"])).toEqual(["Gym"]);
  });

  it("compares names as pln.ContextKey does: NFC, space and format characters trimmed from the ends, case aside", () => {
    expect(contextKey(" School\u200b")).toBe("school");
    expect(contextKey("\u2062work")).toBe("work");
    expect(contextKey("e\u0301te\u0301")).toBe(contextKey("été"));
    expect(contextKey("zw\u200bsp")).toBe("zw\u200bsp"); // inside the name it stays, as in Go
  });
});
