// The map's view state and its derived pipeline (mapState.svelte.ts), on
// stand-ins for the mirror, the activity and the time travel that are
// reactive state like the real ones (this file is compiled with runes).
import { describe, expect, it, vi } from "vitest";
import type { NetworkSnapshot, NodeRow } from "../../api";
import type { ActivityMap } from "../../api/activity";
import { withValue } from "../../graph/filters";

vi.mock("../../mirror/store.svelte", () => {
  class Net {
    snapshot = $state.raw<NetworkSnapshot | null>(null);
  }
  return { network: new Net() };
});
vi.mock("../../mirror/activity.svelte", () => {
  class Act {
    map = $state.raw<ActivityMap | null>(null);
  }
  return { activityStore: new Act() };
});
vi.mock("../history/travel.svelte", () => {
  class Travel {
    mode = $state<"now" | "at" | "diff">("now");
    shown = $state.raw<NetworkSnapshot | null>(null);
  }
  return { travel: new Travel() };
});

const { network } = await import("../../mirror/store.svelte");
const { activityStore } = await import("../../mirror/activity.svelte");
const { travel } = await import("../history/travel.svelte");
const { mapState, storedEncoding } = await import("./mapState.svelte");

const row = (id: string, o: Partial<NodeRow> = {}): NodeRow => ({
  id, label: id, kind: "person", x: 0, y: 0, pinned: false, tags: [], relation: "", strength: 0, status: "", role: "", contexts: [], mode: "", ...o,
});
const snap = (nodes: NodeRow[]): NetworkSnapshot => ({ ego: "me", nodes: [row("me"), ...nodes], ties: [] });
const activity = (status: Record<string, string>): ActivityMap => ({
  at: "2026-12-07T00:00:00Z",
  quietPeriodDays: 90,
  byId: new Map(Object.entries(status).map(([id, s]) => [id, { status: s, due: false, interactions: 0 } as never])),
});

describe("mapState", () => {
  it("counts the alters the filters hide, never the ego, with the journal's effective status", () => {
    network.snapshot = snap([row("a", { status: "archived" }), row("b"), row("c", { kind: "source" })]);
    expect(mapState.hiddenNodes).toBe(1); // archived, hidden by default
    expect(mapState.hiddenFromMap("a")).toBe(true);
    expect(mapState.hiddenFromMap("me")).toBe(false);
    mapState.filters = withValue(mapState.filters, "kind", "person", false);
    expect(mapState.hiddenNodes).toBe(2); // a and b; the ego is a person too but always drawn
    mapState.showAll();
    expect(mapState.hiddenNodes).toBe(0);
    // b goes dormant by the journal (computed in Go): the status filter sees that, not the stored ""
    activityStore.map = activity({ b: "dormant" });
    mapState.filters = withValue(mapState.filters, "status", "dormant", false);
    expect(mapState.effectiveRows.find((r) => r.id === "b")?.status).toBe("dormant");
    expect(mapState.hiddenFromMap("b")).toBe(true);
    activityStore.map = null;
    mapState.showAll();
  });

  it("keeps the same encoding object while nothing in it changes", () => {
    network.snapshot = snap([row("a", { role: "mentor" })]);
    mapState.chooseEncoding("role", "strength");
    const e1 = mapState.encoding;
    expect(e1.color).toBe("role");
    expect([...e1.palette.keys()]).toContain("mentor");
    network.snapshot = snap([row("a", { role: "mentor", x: 5 })]); // a move: same palette
    expect(mapState.encoding).toBe(e1);
    network.snapshot = snap([row("a", { role: "mentor" }), row("b", { role: "peer" })]);
    expect(mapState.encoding).not.toBe(e1);
    mapState.chooseEncoding("kind", "degree");
    expect(mapState.encoding).toMatchObject({ color: "kind", size: "degree" });
  });

  it("draws the past, read-only and without today's activity", () => {
    network.snapshot = snap([row("a")]);
    activityStore.map = activity({ a: "dormant" });
    expect(mapState.activityLooks?.get("a")?.status).toBe("dormant");
    travel.shown = snap([row("old")]);
    travel.mode = "at";
    expect(mapState.readOnly).toBe(true);
    expect(mapState.displayed?.nodes.map((n) => n.id)).toEqual(["me", "old"]);
    expect(mapState.activityLooks).toBeNull();
    travel.mode = "now";
    activityStore.map = null;
  });

  it("round-trips through a saved view, dropping focused nodes that are gone", () => {
    network.snapshot = snap([row("a"), row("b")]);
    mapState.filters = withValue(mapState.filters, "kind", "source", false);
    mapState.chooseEncoding("context", "degree");
    mapState.toggleFocus(["a", "b"]);
    const saved = mapState.saved(null);
    mapState.showAll();
    mapState.toggleFocus([]); // leaves focus
    expect(mapState.focus).toBeNull();
    mapState.chooseEncoding("kind", "strength");
    const camera = mapState.apply(saved, (id) => id === "a");
    expect(camera).toBeNull();
    expect(mapState.focus).toEqual({ ids: ["a"], steps: 1, hide: false });
    expect(mapState.encodingChoice).toEqual({ color: "context", size: "degree" });
    expect(mapState.filters.hidden.kind.has("source")).toBe(true);
  });

  it("reads a kept encoding defensively", () => {
    const at = (v: string | null) => ({ getItem: () => v });
    expect(storedEncoding(at(null))).toEqual({ color: "kind", size: "strength" });
    expect(storedEncoding(at("{nope"))).toEqual({ color: "kind", size: "strength" });
    expect(storedEncoding(at('{"color":"role","size":"bogus"}'))).toEqual({ color: "role", size: "strength" });
    expect(storedEncoding(at('{"color":"status","size":"degree"}'))).toEqual({ color: "status", size: "degree" });
  });
});
