import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api";
import { Autosaver, statusText, type SaveStatus } from "./autosave";

function setup(opts: { fail?: () => ApiError | null; slowMs?: number; canAutosave?: (v: string) => boolean } = {}) {
  const saved: string[] = [];
  const statuses: SaveStatus["kind"][] = [];
  const a = new Autosaver<string>({
    delayMs: 1500,
    canAutosave: opts.canAutosave ?? ((v) => v.trim() !== ""),
    onStatus: (s) => statuses.push(s.kind),
    save: async (v) => {
      if (opts.slowMs) await new Promise((r) => setTimeout(r, opts.slowMs));
      const err = opts.fail?.();
      if (err) throw err;
      saved.push(v);
    },
  });
  return { a, saved, statuses };
}

describe("Autosaver", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("debounces: saves once, 1.5 s after the last change", async () => {
    const { a, saved, statuses } = setup();
    a.change("h");
    await vi.advanceTimersByTimeAsync(1000);
    a.change("he");
    await vi.advanceTimersByTimeAsync(1000);
    a.change("hello");
    await vi.advanceTimersByTimeAsync(1499);
    expect(saved).toEqual([]);
    expect(a.dirty).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(saved).toEqual(["hello"]);
    expect(a.dirty).toBe(false);
    expect(a.status.kind).toBe("saved");
    expect(statuses).toEqual(["dirty", "dirty", "dirty", "saving", "saved"]);
  });

  it("does not autosave an empty body, but flush saves it", async () => {
    const { a, saved } = setup();
    a.change("   ");
    await vi.advanceTimersByTimeAsync(5000);
    expect(saved).toEqual([]);
    expect(a.dirty).toBe(true);
    expect(await a.flush()).toBe(true);
    expect(saved).toEqual(["   "]);
  });

  it("flush saves at once and cancels the timer", async () => {
    const { a, saved } = setup();
    a.change("text");
    expect(await a.flush()).toBe(true);
    await vi.advanceTimersByTimeAsync(5000);
    expect(saved).toEqual(["text"]);
  });

  it("serialises saves: a change during a save is saved after it", async () => {
    const { a, saved } = setup({ slowMs: 1000 });
    a.change("one");
    await vi.advanceTimersByTimeAsync(1500); // save of "one" starts
    expect(a.saving).toBe(true);
    a.change("two");
    await vi.advanceTimersByTimeAsync(1000); // "one" done
    expect(saved).toEqual(["one"]);
    expect(a.dirty).toBe(true);
    expect(a.status.kind).toBe("dirty");
    await vi.advanceTimersByTimeAsync(500 + 1000); // timer for "two" fires, save runs
    expect(saved).toEqual(["one", "two"]);
    expect(a.status.kind).toBe("saved");
  });

  it("flush during a save waits for it and then saves the rest", async () => {
    const { a, saved } = setup({ slowMs: 1000 });
    a.change("one");
    await vi.advanceTimersByTimeAsync(1500);
    a.change("two");
    const done = a.flush();
    await vi.advanceTimersByTimeAsync(2000);
    expect(await done).toBe(true);
    expect(saved).toEqual(["one", "two"]);
  });

  it("keeps changes dirty and reports the error when a save fails", async () => {
    let fail: ApiError | null = new ApiError("too_large", "The entry is 2000000 bytes; the limit is 1048576 (1 MiB).");
    const { a, saved } = setup({ fail: () => fail });
    a.change("big");
    await vi.advanceTimersByTimeAsync(1500);
    expect(saved).toEqual([]);
    expect(a.dirty).toBe(true);
    expect(a.status).toEqual({ kind: "error", code: "too_large", message: expect.stringContaining("1 MiB") });
    expect(statusText(a.status)).toMatch(/^Not saved: The entry is/);
    fail = null;
    expect(await a.flush()).toBe(true);
    expect(saved).toEqual(["big"]);
  });

  it("reset forgets pending changes; dispose stops the timer", async () => {
    const { a, saved } = setup();
    a.change("x");
    a.reset("y");
    expect(a.dirty).toBe(false);
    a.change("z");
    a.dispose();
    await vi.advanceTimersByTimeAsync(5000);
    expect(saved).toEqual([]);
  });

  it("names each status", () => {
    expect(statusText({ kind: "saving" })).toBe("Saving…");
    expect(statusText({ kind: "saved" })).toBe("Saved");
    expect(statusText({ kind: "clean" })).toBe("");
  });
});
