import { describe, expect, it } from "vitest";
import { MIRROR_PROPS, mirrorStyle, popupPosition } from "./caret";

describe("mirrorStyle", () => {
  const cs = (v: Record<string, string>) => ({ getPropertyValue: (n: string) => v[n] ?? "" });

  it("copies the text styles and makes the content box as wide as the textarea's, scroll bar aside", () => {
    const s = mirrorStyle(cs({ "font-family": "monospace", "font-size": "14px", "line-height": "20px", "padding-left": "8px", "padding-right": "8px", "box-sizing": "border-box" }), 300);
    for (const p of MIRROR_PROPS) expect(s).toHaveProperty(p);
    expect(s["font-family"]).toBe("monospace");
    expect(s["line-height"]).toBe("20px");
    expect(s["box-sizing"]).toBe("content-box");
    expect(s.width).toBe("284px");
    expect(s["white-space"]).toBe("pre-wrap");
    expect(s.visibility).toBe("hidden");
  });

  it("never makes a negative width", () => {
    expect(mirrorStyle(cs({ "padding-left": "20px", "padding-right": "20px" }), 10).width).toBe("0px");
  });
});

describe("popupPosition", () => {
  const box = { width: 400, height: 300 };
  const list = { width: 200, height: 100 };

  it("opens under the caret line, at the caret", () => {
    expect(popupPosition({ top: 40, left: 120, height: 18 }, box, list)).toEqual({ left: 120, top: 60 });
  });

  it("opens above the caret line when there is no room under it", () => {
    expect(popupPosition({ top: 250, left: 120, height: 18 }, box, list)).toEqual({ left: 120, top: 148 });
  });

  it("stays under when it fits on neither side", () => {
    expect(popupPosition({ top: 50, left: 0, height: 18 }, { width: 400, height: 120 }, list)).toEqual({ left: 0, top: 70 });
  });

  it("does not pass the right edge, nor the left", () => {
    expect(popupPosition({ top: 0, left: 350, height: 18 }, box, list).left).toBe(200);
    expect(popupPosition({ top: 0, left: 350, height: 18 }, { width: 150, height: 300 }, list).left).toBe(0);
  });

  it("keeps a caret scrolled out of sight at the nearest edge", () => {
    expect(popupPosition({ top: -80, left: 10, height: 18 }, box, list).top).toBe(20);
    expect(popupPosition({ top: 900, left: 10, height: 18 }, box, list).top).toBe(180);
  });
});
