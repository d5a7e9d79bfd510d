import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { NetworkSnapshot, NetworkSubset, NodeRow } from "../../api";

const api = vi.hoisted(() => ({
  fetchNetworkAt: vi.fn<(at: string) => Promise<NetworkSnapshot>>(),
  fetchNetworkChange: vi.fn<(at: string, from: string) => Promise<NetworkSubset>>(),
  fetchHistory: vi.fn(async () => ({ steps: [], next: "", oldest: "" })),
  fetchHistoryDiff: vi.fn(),
}));

vi.mock("../../api", () => ({
  ...api,
  MAX_HISTORY_PAGE: 500,
  fetchNetwork: vi.fn(),
  fetchNetworkSubset: vi.fn(),
  onNetworkChanged: () => () => {},
  onHistoryChanged: () => () => {},
  decodeHistoryChanged: (v: unknown) => v,
  decodeStep: (v: unknown) => v,
  history: {},
  toApiError: (e: unknown) => ({ code: "internal", message: e instanceof Error ? e.message : String(e) }),
}));

function node(id: string, label = id): NodeRow {
  return { id, label, kind: "person", x: 0, y: 0, pinned: false, tags: [], relation: "", strength: 0, status: "", role: "", contexts: [], mode: "" };
}
const snap = (...nodes: NodeRow[]): NetworkSnapshot => ({ ego: "me", nodes: [node("me"), ...nodes], ties: [] });

async function fresh() {
  vi.resetModules();
  const { travel } = await import("./travel.svelte");
  const { history } = await import("./history.svelte");
  return { travel, history };
}

describe("the network over time", () => {
  beforeEach(() => {
    api.fetchNetworkAt.mockReset();
    api.fetchNetworkChange.mockReset();
  });
  afterEach(() => vi.useRealTimers());

  it("reads the first time whole, then patches each move with what changed in between", async () => {
    const { travel, history } = await fresh();
    api.fetchNetworkAt.mockResolvedValueOnce(snap(node("a", "Ada")));
    await travel.viewAt("2026-05-01T10:00:00.000001Z");
    expect(travel.mode).toBe("at");
    expect(travel.shown?.nodes.map((n) => n.label)).toEqual(["me", "Ada"]);
    expect(history.blocked).not.toBeNull();

    api.fetchNetworkChange.mockResolvedValueOnce({ ...snap(node("b", "Bob")), nodes: [node("b", "Bob")], missing: { nodes: ["a"], ties: [] } });
    await travel.viewAt("2026-05-02T10:00:00Z");
    expect(api.fetchNetworkChange).toHaveBeenCalledWith("2026-05-02T10:00:00Z", "2026-05-01T10:00:00.000001Z");
    expect(api.fetchNetworkAt).toHaveBeenCalledTimes(1);
    expect(travel.shown?.nodes.map((n) => n.label)).toEqual(["me", "Bob"]);

    travel.backToNow();
    expect(travel.mode).toBe("now");
    expect(travel.shown).toBeNull();
    expect(history.blocked).toBeNull();
  });

  it("reads whole when the patch fails, and keeps only the newest answer", async () => {
    const { travel } = await fresh();
    api.fetchNetworkAt.mockResolvedValueOnce(snap(node("a")));
    await travel.viewAt("2026-05-01T00:00:00Z");
    api.fetchNetworkChange.mockRejectedValueOnce(new Error("nope"));
    api.fetchNetworkAt.mockResolvedValueOnce(snap(node("c")));
    await travel.viewAt("2026-05-03T00:00:00Z");
    expect(travel.shown?.nodes.map((n) => n.id)).toEqual(["me", "c"]);

    let slow!: (s: NetworkSnapshot) => void;
    travel.backToNow();
    api.fetchNetworkAt.mockImplementationOnce(() => new Promise((r) => (slow = r)));
    api.fetchNetworkAt.mockResolvedValueOnce(snap(node("new")));
    const first = travel.viewAt("2026-05-04T00:00:00Z");
    travel.backToNow();
    await travel.viewAt("2026-05-05T00:00:00Z");
    slow(snap(node("old")));
    await first;
    expect(travel.at).toBe("2026-05-05T00:00:00Z");
    expect(travel.shown?.nodes.map((n) => n.id)).toEqual(["me", "new"]);
  });

  it("stays at now when the map cannot be left (unsaved edits the user keeps)", async () => {
    const { travel, history } = await fresh();
    travel.setGuard(async () => false);
    expect(await travel.viewAt("2026-05-01T00:00:00Z")).toBe(false);
    expect(travel.mode).toBe("now");
    expect(api.fetchNetworkAt).not.toHaveBeenCalled();
    expect(history.blocked).toBeNull();
  });
});
