// @vitest-environment jsdom
import { describe, expect, it, vi } from "vitest";
import { DropZones, IMAGE_ZONE_ATTR, dropTarget, routeNativeDrop } from "./dropZones";

function page() {
  document.body.innerHTML = `<main><canvas id="map"></canvas><section id="editor"><div id="wrap"><textarea id="body"></textarea></div></section></main>`;
  return {
    map: document.getElementById("map")!,
    body: document.getElementById("body") as HTMLTextAreaElement,
    wrap: document.getElementById("wrap")!,
  };
}

describe("dropTarget", () => {
  it("is images inside a marked zone and import elsewhere", () => {
    const p = page();
    p.wrap.setAttribute(IMAGE_ZONE_ATTR, "");
    expect(dropTarget(p.body)).toBe("images");
    expect(dropTarget(p.wrap)).toBe("images");
    expect(dropTarget(p.map)).toBe("import");
    expect(dropTarget(null)).toBe("import");
    expect(dropTarget(document.body)).toBe("import");
  });
});

describe("routeNativeDrop", () => {
  it("sends a drop onto the editor to DropImages and its handler, any other to DropImport", async () => {
    const p = page();
    const zones = new DropZones<string[]>();
    const got: string[][] = [];
    const off = zones.register(p.body, (r) => got.push(r));
    expect(p.body.hasAttribute(IMAGE_ZONE_ATTR)).toBe(true);
    const at = { x: 0, y: 0, el: p.body as Element };
    const deps = {
      elementAt: vi.fn(() => at.el),
      dropImages: vi.fn(async (id: string) => [`img of ${id}`]),
      dropImport: vi.fn(async () => {}),
    };
    expect(await routeNativeDrop(zones, { dropId: "d1", x: 5, y: 6 }, deps)).toBe("images");
    expect(deps.elementAt).toHaveBeenCalledWith(5, 6);
    expect(got).toEqual([["img of d1"]]);
    expect(deps.dropImport).not.toHaveBeenCalled();

    at.el = p.map;
    expect(await routeNativeDrop(zones, { dropId: "d2", x: 1, y: 1 }, deps)).toBe("import");
    expect(deps.dropImport).toHaveBeenCalledWith("d2");

    // A closed editor is no zone any more: the drop is an import.
    off();
    at.el = p.body;
    expect(await routeNativeDrop(zones, { dropId: "d3", x: 1, y: 1 }, deps)).toBe("import");
    expect(deps.dropImages).toHaveBeenCalledTimes(1);
  });
});
