import { describe, expect, it } from "vitest";
import { menuKeyAction } from "./menuKeys";

describe("menu keys", () => {
  it("move round the items and to the ends", () => {
    expect(menuKeyAction("ArrowDown", 2, 3)).toEqual({ focus: 0 });
    expect(menuKeyAction("ArrowDown", -1, 3)).toEqual({ focus: 0 });
    expect(menuKeyAction("ArrowUp", 0, 3)).toEqual({ focus: 2 });
    expect(menuKeyAction("ArrowUp", -1, 3)).toEqual({ focus: 2 });
    expect(menuKeyAction("Home", 2, 3)).toEqual({ focus: 0 });
    expect(menuKeyAction("End", 0, 3)).toEqual({ focus: 2 });
  });
  it("close with Escape (back to the button) and Tab (onward), even when empty", () => {
    expect(menuKeyAction("Escape", 1, 3)).toEqual({ close: "button" });
    expect(menuKeyAction("Tab", 1, 0)).toEqual({ close: "onward" });
    expect(menuKeyAction("ArrowDown", -1, 0)).toBeNull();
    expect(menuKeyAction("a", 0, 3)).toBeNull();
  });
});
