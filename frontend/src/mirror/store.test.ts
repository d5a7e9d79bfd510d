import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { NetworkChanged, NetworkSnapshot, NetworkSubset, NodeRow } from "../api";

const api = vi.hoisted(() => ({
  fetchNetwork: vi.fn<() => Promise<NetworkSnapshot>>(),
  fetchNetworkSubset: vi.fn<(n: readonly string[], t: readonly string[]) => Promise<NetworkSubset>>(),
  listener: null as ((p: NetworkChanged) => void) | null,
}));

vi.mock("../api", () => ({
  fetchNetwork: api.fetchNetwork,
  fetchNetworkSubset: api.fetchNetworkSubset,
  onNetworkChanged: (cb: (p: NetworkChanged) => void) => {
    api.listener = cb;
    return () => (api.listener = null);
  },
  toApiError: (e: unknown) => ({ code: "internal", message: e instanceof Error ? e.message : String(e) }),
}));

function node(id: string, over: Partial<NodeRow> = {}): NodeRow {
  return { id, label: id, kind: "person", x: 0, y: 0, pinned: false, tags: [], relation: "", strength: 0, status: "", role: "", contexts: [], mode: "", ...over };
}
const full = (): NetworkSnapshot => ({ ego: "me", nodes: [node("me"), node("a"), node("b")], ties: [] });

async function fresh() {
  vi.resetModules();
  const { network } = await import("./store.svelte");
  return network;
}

const settle = async () => {
  await vi.advanceTimersByTimeAsync(100);
};

describe("network mirror", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    api.fetchNetwork.mockReset().mockImplementation(async () => full());
    api.fetchNetworkSubset.mockReset();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("patches from a subset of the ids in one debounced batch", async () => {
    const network = await fresh();
    const off = network.subscribe();
    await network.reload();
    expect(api.fetchNetwork).toHaveBeenCalledTimes(1);
    api.fetchNetworkSubset.mockResolvedValue({
      ego: "me",
      nodes: [node("a", { label: "Ada" }), node("c")],
      ties: [],
      missing: { nodes: ["b"], ties: [] },
    });
    const before = network.snapshot;
    api.listener!({ reason: "update", nodeIds: ["a"] });
    network.refresh(["a", "c"]);
    api.listener!({ reason: "delete", nodeIds: ["b"] });
    await settle();
    expect(api.fetchNetwork).toHaveBeenCalledTimes(1);
    expect(api.fetchNetworkSubset).toHaveBeenCalledTimes(1);
    expect(api.fetchNetworkSubset).toHaveBeenCalledWith(["a", "c", "b"], []);
    expect(network.snapshot).not.toBe(before);
    expect(network.snapshot!.nodes.map((n) => `${n.id}:${n.label}`)).toEqual(["me:me", "a:Ada", "c:c"]);
    off();
  });

  it("reloads whole for an import, and after a failed partial read", async () => {
    const network = await fresh();
    network.subscribe();
    await network.reload();
    api.listener!({ reason: "import" });
    await settle();
    expect(api.fetchNetwork).toHaveBeenCalledTimes(2);
    expect(api.fetchNetworkSubset).not.toHaveBeenCalled();

    api.fetchNetworkSubset.mockRejectedValue(new Error("boom"));
    network.refresh(["a"]);
    await settle();
    expect(api.fetchNetworkSubset).toHaveBeenCalledTimes(1);
    expect(api.fetchNetwork).toHaveBeenCalledTimes(3);
    expect(network.loadError).toBeNull();
  });

  it("reloads whole until a whole load has succeeded", async () => {
    const network = await fresh();
    api.fetchNetwork.mockRejectedValueOnce(new Error("down"));
    await network.reload();
    expect(network.loadError).toBe("down");
    network.refresh(["a"]);
    await settle();
    expect(api.fetchNetworkSubset).not.toHaveBeenCalled();
    expect(api.fetchNetwork).toHaveBeenCalledTimes(2);
    expect(network.loadError).toBeNull();
    expect(network.snapshot?.nodes).toHaveLength(3);
  });

  it("does nothing for a write that names no ids", async () => {
    const network = await fresh();
    await network.reload();
    network.refresh([], []);
    await settle();
    expect(api.fetchNetwork).toHaveBeenCalledTimes(1);
    expect(api.fetchNetworkSubset).not.toHaveBeenCalled();
  });

  it("applies changes that arrive during a read after it, in order", async () => {
    const network = await fresh();
    await network.reload();
    let release: (s: NetworkSubset) => void = () => {};
    api.fetchNetworkSubset.mockImplementationOnce(() => new Promise((r) => (release = r)));
    api.fetchNetworkSubset.mockResolvedValueOnce({ ego: "me", nodes: [node("a", { label: "second" })], ties: [], missing: { nodes: [], ties: [] } });
    network.refresh(["a"]);
    await settle(); // the first read is in flight
    network.refresh(["a"]);
    await settle(); // queued behind it
    expect(api.fetchNetworkSubset).toHaveBeenCalledTimes(1);
    release({ ego: "me", nodes: [node("a", { label: "first" })], ties: [], missing: { nodes: [], ties: [] } });
    await settle();
    expect(api.fetchNetworkSubset).toHaveBeenCalledTimes(2);
    expect(network.node("a")?.label).toBe("second");
  });

  it("starts once: one subscription and one whole load however often start is called", async () => {
    const network = await fresh();
    const a = network.start();
    const b = network.start();
    await a;
    await b;
    await network.start();
    expect(api.fetchNetwork).toHaveBeenCalledTimes(1);
    expect(api.listener).not.toBeNull();
    api.fetchNetworkSubset.mockResolvedValue({ ego: "me", nodes: [node("a", { label: "Ada" })], ties: [], missing: { nodes: [], ties: [] } });
    api.listener!({ reason: "update", nodeIds: ["a"] });
    await settle();
    expect(network.node("a")?.label).toBe("Ada");
  });

  it("names the patch that made the current snapshot, and none after a whole load", async () => {
    const network = await fresh();
    await network.reload();
    const base = network.snapshot!;
    expect(network.patchFor(base)).toBeNull();
    const sub = { ego: "me", nodes: [node("a", { label: "Ada" })], ties: [], missing: { nodes: [], ties: [] } };
    api.fetchNetworkSubset.mockResolvedValue(sub);
    network.refresh(["a"]);
    await settle();
    const next = network.snapshot!;
    expect(network.patchFor(next)).toEqual({ base, sub });
    expect(network.patchFor(base)).toBeNull(); // not the current snapshot
    await network.reload();
    expect(network.patchFor(network.snapshot!)).toBeNull();
  });
});
