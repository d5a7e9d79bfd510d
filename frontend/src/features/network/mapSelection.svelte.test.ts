import { describe, expect, it, vi } from "vitest";

vi.mock("./actions", () => ({
  getNode: vi.fn(async (id: string) => ({ id, label: `node ${id}` })),
  updateNode: vi.fn(async (id: string, f: { label: string }) => ({ id, label: f.label })),
  renameEgo: vi.fn(async (l: string) => ({ id: "me", label: l })),
}));
vi.mock("../../api", () => ({ network: { GetTie: vi.fn(async () => ({ note: "met at a meetup" })) } }));
vi.mock("../../mirror/store.svelte", () => ({
  network: { snapshot: null, tie: (id: string) => ({ id, from: "a", to: "b" }), node: (id: string) => ({ id, pinned: id === "p" }) },
}));
vi.mock("../../ui/toasts.svelte", () => ({ toasts: { push: vi.fn(), error: vi.fn() } }));

const { MapSelection } = await import("./mapSelection.svelte");
const { toasts } = await import("../../ui/toasts.svelte");

const tick = () => new Promise((r) => setTimeout(r, 0));
function panel(answer: boolean, dirty = true) {
  return { dirty: () => dirty, leave: vi.fn(async () => answer), flush: vi.fn() };
}

describe("MapSelection", () => {
  it("selects, reads the record, and counts pinned nodes of a multi-selection", async () => {
    const s = new MapSelection({ node: () => undefined, tie: () => undefined });
    await s.go({ kind: "node", id: "a" });
    await tick();
    expect(s.current).toEqual({ kind: "node", id: "a" });
    expect(s.node?.label).toBe("node a");
    await s.go({ kind: "tie", id: "t" });
    await tick();
    expect(s.node).toBeNull();
    expect(s.tie).toEqual({ row: { id: "t", from: "a", to: "b" }, note: "met at a meetup" });
    await s.go({ kind: "nodes", ids: ["a", "p", "q"] });
    expect(s.multi).toEqual(["a", "p", "q"]);
    expect(s.multiPinned).toBe(1);
  });

  it("changes the selection only once the open panel lets go, and asks one question however often it is asked", async () => {
    const p = panel(false);
    const s = new MapSelection({ node: () => p, tie: () => undefined });
    s.select({ kind: "node", id: "a" });
    await tick();
    const [one, two] = [s.go({ kind: "node", id: "b" }), s.go(null)];
    await Promise.all([one, two]);
    expect(p.leave).toHaveBeenCalledTimes(1);
    expect(s.current).toEqual({ kind: "node", id: "a" }); // "keep editing": nothing changed
    p.leave.mockResolvedValueOnce(true);
    await s.go({ kind: "node", id: "b" });
    expect(s.current).toEqual({ kind: "node", id: "b" });
  });

  it("lets go of a record that is gone, saying so when the panel had unsaved edits", async () => {
    const p = panel(true, true);
    const s = new MapSelection({ node: () => p, tie: () => undefined });
    s.select({ kind: "node", id: "a" });
    await tick();
    s.drop();
    expect(s.current).toBeNull();
    expect(toasts.push).toHaveBeenCalledWith("info", expect.stringMatching(/unsaved edits were dropped/));
  });

  it("shows the record the backend answered a save with", async () => {
    const s = new MapSelection({ node: () => undefined, tie: () => undefined });
    s.select({ kind: "node", id: "a" });
    await s.saveNode("a", { label: "Ada" } as never);
    expect(s.node?.label).toBe("Ada");
  });
});
