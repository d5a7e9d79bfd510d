import { describe, expect, it, vi } from "vitest";

vi.mock("./actions", () => ({
  createNode: vi.fn(async (_f: unknown, x: number, y: number) => ({ id: `n@${x},${y}` })),
  createTie: vi.fn(async () => ({ id: "t1" })),
  getNode: vi.fn(async (id: string) => ({ id, label: "Ada", kind: "person", ego: false, tags: [], emails: [], contexts: [], extra: {} })),
  updateNode: vi.fn(async () => ({})),
}));

const actions = await import("./actions");
const { CanvasForms } = await import("./canvasForms.svelte");
const vp = { x: 10, y: 20 };

describe("CanvasForms", () => {
  it("keeps a typed label from one Escape and from a connect gesture; the second Escape discards it", () => {
    const f = new CanvasForms();
    expect(f.escape()).toBe(false);
    f.openQuick(vp, { x: 1, y: 2 });
    f.label = "Ada";
    expect(f.escape()).toBe(true);
    expect(f.warn).toBe(true);
    expect(f.quick).not.toBeNull();
    f.openConnect({ kind: "tie", from: "a", to: "b" }, "a", "b", vp);
    expect(f.quick).not.toBeNull(); // the draft stays open beside the picker
    expect(f.escape()).toBe(true); // the quick form first: it warned already, so this discards
    expect(f.quick).toBeNull();
    expect(f.label).toBe("");
    expect(f.open).toBe(true); // the picker is still open
    expect(f.escape()).toBe(true);
    expect(f.open).toBe(false);
  });

  it("closes an empty quick form when a connect gesture opens the picker", () => {
    const f = new CanvasForms();
    f.openQuick(vp, { x: 0, y: 0 });
    f.openConnect({ kind: "tie", from: "a", to: "b" }, "a", "b", vp);
    expect(f.quick).toBeNull();
    expect(f.connecting?.from).toBe("a");
  });

  it("creates the node where the form was opened, in graph coordinates", async () => {
    const f = new CanvasForms();
    expect(await f.create({ label: "x" } as never)).toBeNull();
    f.openQuick(vp, { x: 3, y: -4 });
    f.label = "Ada";
    expect(await f.create({ label: "Ada" } as never)).toBe("n@3,-4");
    expect(f.quick).toBeNull();
    expect(f.label).toBe("");
  });

  it("connects two alters with a tie, or sets the ego tie, and says what to select", async () => {
    const f = new CanvasForms();
    const choice = { choice: "knows", custom: "", directed: false, strength: 3, note: "" };
    f.openConnect({ kind: "tie", from: "a", to: "b" }, "a", "b", vp);
    expect(await f.connect(choice)).toEqual({ kind: "tie", id: "t1" });
    expect(actions.createTie).toHaveBeenCalledWith(expect.objectContaining({ from: "a", to: "b", relation: "knows" }));
    expect(f.connecting).toBeNull();
    f.openConnect({ kind: "ego-tie", alter: "a" }, "me", "a", vp);
    expect(await f.connect(choice)).toEqual({ kind: "node", id: "a" });
    expect(actions.updateNode).toHaveBeenCalledWith("a", expect.objectContaining({ relation: "knows", strength: 3 }));
    f.openConnect({ kind: "tie", from: "a", to: "b" }, "a", "b", vp);
    await expect(f.connect({ ...choice, strength: 9 })).rejects.toThrow(/strength/i);
    expect(f.connecting).not.toBeNull(); // the picker stays open with the error
  });
});
