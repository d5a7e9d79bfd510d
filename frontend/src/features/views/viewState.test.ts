import { describe, expect, it } from "vitest";
import { defaultFilters, emptyFilters } from "../../graph/filters";
import { fromSaved, sameLook, toSaved, type MapViewState } from "./viewState";

const A = "01900000-0000-7000-8000-00000000000a";
const B = "01900000-0000-7000-8000-00000000000b";

function state(): MapViewState {
  const f = emptyFilters();
  return {
    filters: { hidden: { ...f.hidden, status: new Set(["archived"]), kind: new Set(["source", ""]) }, tags: new Set(["rust", "go"]) },
    encoding: { color: "context", size: "degree" },
    focus: { ids: [B, A], steps: 2, hide: true },
    camera: { x: 10, y: -4, ratio: 0.5, angle: 0 },
  };
}

describe("saved view state", () => {
  it("is kept in the backend's shape, sorted, without empty dimensions", () => {
    expect(toSaved(state())).toEqual({
      color: "context",
      size: "degree",
      hidden: { kind: ["", "source"], status: ["archived"] },
      tags: ["go", "rust"],
      focus: { nodeIds: [A, B], steps: 2, hide: true },
      camera: { x: 10, y: -4, ratio: 0.5, angle: 0 },
    });
    const plain = toSaved({ filters: emptyFilters(), encoding: { color: "kind", size: "strength" }, focus: null, camera: null });
    expect(plain).toEqual({ color: "kind", size: "strength" });
  });

  it("round-trips to the map state", () => {
    const back = fromSaved(toSaved(state()), () => true);
    expect([...back.filters.hidden.kind].sort()).toEqual(["", "source"]);
    expect([...back.filters.hidden.status]).toEqual(["archived"]);
    expect(back.filters.hidden.role.size).toBe(0);
    expect([...back.filters.tags].sort()).toEqual(["go", "rust"]);
    expect(back.encoding).toEqual({ color: "context", size: "degree" });
    expect(back.focus).toEqual({ ids: [A, B], steps: 2, hide: true });
    expect(back.camera).toEqual({ x: 10, y: -4, ratio: 0.5, angle: 0 });
  });

  it("drops focused nodes that are gone and reads bad values defensively", () => {
    const s = fromSaved(
      { color: "shoe", size: "x", hidden: { label: ["a"], status: ["dormant"] }, focus: { nodeIds: [A, B], steps: 9 }, camera: { x: 1, y: 2, ratio: 0, angle: 0 } },
      (id) => id === B,
    );
    expect(s.encoding).toEqual({ color: "kind", size: "strength" });
    expect([...s.filters.hidden.status]).toEqual(["dormant"]);
    expect(s.focus).toEqual({ ids: [B], steps: 3, hide: false });
    expect(s.camera).toBeNull();
    expect(fromSaved({ color: "kind", size: "degree", focus: { nodeIds: [A], steps: 1 } }, () => false).focus).toBeNull();
  });

  it("tells the same look apart from another, whatever the camera", () => {
    const a = toSaved(state());
    expect(sameLook(a, { ...a, camera: { x: 0, y: 0, ratio: 1, angle: 0 } })).toBe(true);
    expect(sameLook(a, { ...a, size: "strength" })).toBe(false);
    const d = toSaved({ filters: defaultFilters(), encoding: { color: "kind", size: "strength" }, focus: null, camera: null });
    expect(sameLook(d, { color: "kind", size: "strength", hidden: { status: ["archived"] } })).toBe(true);
    expect(sameLook(d, { color: "kind", size: "strength" })).toBe(false);
    // Members in another order (the backend's JSON) are the same look.
    expect(sameLook(a, { hidden: { status: ["archived"], kind: ["source", ""] }, tags: ["rust", "go"], color: "context", size: "degree", focus: { steps: 2, hide: true, nodeIds: [B, A] } })).toBe(true);
  });
});
