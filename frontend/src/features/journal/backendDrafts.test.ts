import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api";
import { BackendDraftStorage, DRAFT_LIMITS, WRITE_DELAY_MS, openBackendDrafts, type DraftBackend } from "./backendDrafts";
import { DRAFT_PREFIX, DraftStore, NEW_KEY, draftPrefix, type KeyValueStore } from "./draft";
import { MemoryStorage, loadDraftSource, resetDraftSource } from "./draftSource";
import type { EntryDraft } from "./editor";

type Call = { op: "put" | "remove"; key: string; value?: string; settle: (err?: unknown) => void; settled: boolean };

/** FakeBackend records every call; each stays in flight until the test settles it (or auto settles them). */
class FakeBackend implements DraftBackend {
  calls: Call[] = [];
  stored: Record<string, string> = {};
  auto = false;
  fail: ((c: Call) => unknown) | null = null;
  listError: unknown = null;

  list(): Promise<Record<string, string>> {
    return this.listError ? Promise.reject(this.listError) : Promise.resolve({ ...this.stored });
  }
  put(key: string, value: string): Promise<void> {
    return this.call({ op: "put", key, value });
  }
  remove(key: string): Promise<void> {
    return this.call({ op: "remove", key });
  }
  private call(c: Omit<Call, "settle" | "settled">): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const call: Call = {
        ...c,
        settled: false,
        settle: (err?: unknown) => {
          call.settled = true;
          if (err !== undefined) return reject(err);
          if (call.op === "put") this.stored[call.key] = call.value!;
          else delete this.stored[call.key];
          resolve();
        },
      };
      this.calls.push(call);
      const err = this.fail?.(call);
      if (err !== undefined && err !== null) call.settle(err);
      else if (this.auto) call.settle();
    });
  }
  inFlight(): Call[] {
    return this.calls.filter((c) => !c.settled);
  }
  summary(): string[] {
    return this.calls.map((c) => (c.op === "put" ? `put ${c.key}=${c.value}` : `remove ${c.key}`));
  }
}

class MemStorage implements KeyValueStore {
  m = new Map<string, string>();
  get length() {
    return this.m.size;
  }
  key(i: number) {
    return [...this.m.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.m.set(k, v);
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
}

const K = (k: string) => DRAFT_PREFIX + k;
/** settle lets the adapter's promise callbacks run. */
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("BackendDraftStorage", () => {
  it("answers reads from the mirror at once and writes a burst of changes once, with the latest value", async () => {
    const b = new FakeBackend();
    const s = new BackendDraftStorage(b, { kept: "old" });
    expect(s.getItem(K("kept"))).toBe("old");
    expect(s.length).toBe(1);
    s.setItem(K(NEW_KEY), "a");
    s.setItem(K(NEW_KEY), "ab");
    s.setItem(K(NEW_KEY), "abc");
    expect(s.getItem(K(NEW_KEY))).toBe("abc");
    expect(b.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS - 1);
    expect(b.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(b.summary()).toEqual(["put new=abc"]);
    b.calls[0]!.settle();
    await settle();
    expect(s.pending).toBe(0);
    expect(b.stored).toEqual({ new: "abc" });
  });

  it("keeps at most one write in flight per key; the latest value follows when it is done", async () => {
    const b = new FakeBackend();
    const s = new BackendDraftStorage(b, {});
    s.setItem(K("a"), "1");
    await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS);
    expect(b.summary()).toEqual(["put a=1"]);
    s.setItem(K("a"), "2");
    s.setItem(K("a"), "3");
    s.setItem(K("b"), "x"); // another key is not held up
    await vi.advanceTimersByTimeAsync(5 * WRITE_DELAY_MS);
    expect(b.summary()).toEqual(["put a=1", "put b=x"]);
    expect(b.inFlight().map((c) => c.key)).toEqual(["a", "b"]);
    b.calls[0]!.settle();
    await settle();
    expect(b.calls).toHaveLength(2); // the follow-up waits its delay too
    await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS);
    expect(b.summary()).toEqual(["put a=1", "put b=x", "put a=3"]);
    for (const c of b.inFlight()) c.settle();
    await settle();
    expect(b.stored).toEqual({ a: "3", b: "x" });
    expect(s.pending).toBe(0);
  });

  it("writes a removal after a put in flight, so the last word is the removal", async () => {
    const b = new FakeBackend();
    const s = new BackendDraftStorage(b, {});
    s.setItem(K("a"), "typed");
    await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS);
    s.removeItem(K("a")); // saved meanwhile: the draft is cleared
    expect(s.getItem(K("a"))).toBeNull();
    expect(s.length).toBe(0);
    b.calls[0]!.settle();
    await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS);
    expect(b.summary()).toEqual(["put a=typed", "remove a"]);
    b.calls[1]!.settle();
    await settle();
    expect(b.stored).toEqual({});
  });

  it("coalesces a set and a remove inside one delay into the final state", async () => {
    const b = new FakeBackend();
    b.auto = true;
    const s = new BackendDraftStorage(b, { gone: "x" });
    s.setItem(K("gone"), "y");
    s.removeItem(K("gone"));
    s.removeItem(K("never")); // nothing kept: no write
    await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS);
    expect(b.summary()).toEqual(["remove gone"]);
  });

  it("writes steady typing every delay (a throttle, not a debounce)", async () => {
    const b = new FakeBackend();
    b.auto = true;
    const s = new BackendDraftStorage(b, {});
    let text = "";
    for (let i = 0; i < 20; i++) {
      text += "x";
      s.setItem(K("a"), text);
      await vi.advanceTimersByTimeAsync(50); // a keystroke every 50 ms for a second
    }
    const puts = b.calls.filter((c) => c.op === "put");
    expect(puts.length).toBeGreaterThanOrEqual(3);
    expect(puts.length).toBeLessThanOrEqual(5);
    await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS);
    expect(b.stored.a).toBe(text); // the last keystroke is written
  });

  it("flush sends what waits at once and resolves when nothing is in flight", async () => {
    const b = new FakeBackend();
    b.auto = true;
    const s = new BackendDraftStorage(b, {});
    s.setItem(K("a"), "1");
    s.setItem(K("b"), "2");
    await s.flush();
    expect(b.stored).toEqual({ a: "1", b: "2" });
    expect(s.pending).toBe(0);
  });

  it("reports a failing write once per run of failures and keeps the text in the mirror", async () => {
    const b = new FakeBackend();
    b.auto = true;
    b.fail = () => new ApiError("disk_full", "The disk is full.");
    const errors: string[] = [];
    const s = new BackendDraftStorage(b, {}, { onError: (e, key) => errors.push(`${e.code} ${key}`) });
    vi.spyOn(console, "warn").mockImplementation(() => {});
    s.setItem(K("a"), "1");
    await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS);
    s.setItem(K("a"), "2");
    await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS);
    expect(errors).toEqual(["disk_full a"]);
    expect(s.getItem(K("a"))).toBe("2");
    b.fail = null;
    s.setItem(K("a"), "3");
    await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS);
    expect(b.stored).toEqual({ a: "3" });
    b.fail = () => new ApiError("internal", "boom");
    s.setItem(K("a"), "4");
    await vi.advanceTimersByTimeAsync(WRITE_DELAY_MS);
    expect(errors).toEqual(["disk_full a", "internal a"]); // reported again after a success
  });

  it("refuses, as a full localStorage would, what the backend would refuse", () => {
    const b = new FakeBackend();
    const s = new BackendDraftStorage(b, {});
    expect(() => s.setItem("plexus.other", "x")).toThrow();
    expect(() => s.setItem(K("a".repeat(DRAFT_LIMITS.keyBytes + 1)), "x")).toThrow();
    expect(() => s.setItem(K("a b"), "x")).toThrow();
    expect(() => s.setItem(K("big"), "é".repeat(DRAFT_LIMITS.valueBytes / 2 + 1))).toThrow();
    s.setItem(K("fits"), "é".repeat(DRAFT_LIMITS.valueBytes / 2));
    s.setItem(K("a".repeat(DRAFT_LIMITS.keyBytes)), "x");
    const full = new BackendDraftStorage(b, Object.fromEntries(Array.from({ length: DRAFT_LIMITS.count }, (_, i) => [`k${i}`, "d"])));
    expect(() => full.setItem(K("one-more"), "d")).toThrow();
    full.setItem(K("k7"), "replaced"); // replacing one is fine
    // DraftStore turns the refusal into save() === false (the editor warns).
    const draft: EntryDraft = { occurredAt: "2026-11-29T09:00", body: "x".repeat(DRAFT_LIMITS.valueBytes), type: "reflection", tags: "", nodeIds: [] };
    expect(new DraftStore(s).save(NEW_KEY, draft, null)).toBe(false);
  });

  it("serves DraftStore as localStorage did", async () => {
    const b = new FakeBackend();
    b.auto = true;
    const s = new BackendDraftStorage(b, {});
    const ds = new DraftStore(s, () => new Date("2026-11-29T10:00:00Z"));
    const draft: EntryDraft = { occurredAt: "2026-11-29T09:00", body: "hello", type: "reflection", tags: "a", nodeIds: ["n1"] };
    expect(ds.save(NEW_KEY, draft, null)).toBe(true);
    expect(ds.save("id-1", draft, "2026-11-29T09:30:00Z")).toBe(true);
    expect(ds.keys()).toEqual(["id-1", NEW_KEY]);
    expect(ds.load(NEW_KEY)?.draft).toEqual(draft);
    ds.clear("id-1");
    await s.flush();
    expect(Object.keys(b.stored)).toEqual([NEW_KEY]);
    expect(JSON.parse(b.stored[NEW_KEY]!).draft.body).toBe("hello");
  });
});

describe("openBackendDrafts", () => {
  it("moves this folder's and the unscoped drafts out of localStorage, never over the backend's", async () => {
    const b = new FakeBackend();
    b.auto = true;
    b.stored = { both: "backend text" };
    const local = new MemStorage();
    const mine = draftPrefix("0badc0de");
    local.setItem(mine + "new", "scoped new");
    local.setItem(DRAFT_PREFIX + "new", "unscoped new"); // the scoped one wins
    local.setItem(DRAFT_PREFIX + "old-id", "unscoped only");
    local.setItem(mine + "both", "local text"); // the backend's wins
    local.setItem(draftPrefix("12345678") + "new", "another folder's");
    local.setItem("plexus.other.setting", "1");
    const s = await openBackendDrafts(b, local, "0badc0de");
    expect(b.stored).toEqual({ both: "backend text", new: "scoped new", "old-id": "unscoped only" });
    expect([...local.m.keys()].sort()).toEqual([draftPrefix("12345678") + "new", "plexus.other.setting"]);
    expect(s.getItem(K("new"))).toBe("scoped new");
    expect(s.getItem(K("both"))).toBe("backend text");
    expect(s.length).toBe(3);
    // Nothing is left to move on the next start.
    b.calls = [];
    await openBackendDrafts(b, local, "0badc0de");
    expect(b.calls).toEqual([]);
  });

  it("leaves a draft the backend refuses in localStorage", async () => {
    const b = new FakeBackend();
    b.auto = true;
    b.fail = (c) => (c.key === "bad" ? new ApiError("too_large", "too big") : null);
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const local = new MemStorage();
    local.setItem(DRAFT_PREFIX + "bad", "x");
    local.setItem(DRAFT_PREFIX + "good", "y");
    const s = await openBackendDrafts(b, local, "");
    expect(b.stored).toEqual({ good: "y" });
    expect([...local.m.keys()]).toEqual([DRAFT_PREFIX + "bad"]);
    expect(s.getItem(K("bad"))).toBeNull();
  });

  it("rejects when the backend's drafts cannot be read (and touches nothing)", async () => {
    const b = new FakeBackend();
    b.listError = new ApiError("damaged", "damaged");
    const local = new MemStorage();
    local.setItem(DRAFT_PREFIX + "new", "x");
    await expect(openBackendDrafts(b, local, "")).rejects.toThrow("damaged");
    expect(local.m.size).toBe(1);
  });
});

describe("loadDraftSource", () => {
  afterEach(() => resetDraftSource());

  it("uses localStorage, scoped, where there is no backend", async () => {
    const local = new MemStorage();
    const src = await loadDraftSource({ hasBackend: () => false, local: () => local, scope: () => Promise.resolve("abcd1234") });
    expect(src.storage).toBe(local);
    expect(src.scope).toBe("abcd1234");
    expect(src.backend).toBeNull();
  });

  it("uses the backend, after moving the old drafts, where there is one", async () => {
    const b = new FakeBackend();
    b.auto = true;
    const local = new MemStorage();
    local.setItem(draftPrefix("abcd1234") + "new", "old text");
    const src = await loadDraftSource({ hasBackend: () => true, backend: b, local: () => local, scope: () => Promise.resolve("abcd1234") });
    expect(src.backend).toBeInstanceOf(BackendDraftStorage);
    expect(src.storage).toBe(src.backend);
    expect(src.scope).toBe("");
    expect(new DraftStore(src.storage, undefined, src.scope).keys()).toEqual([NEW_KEY]);
    expect(local.m.size).toBe(0);
    expect(b.stored).toEqual({ new: "old text" });
  });

  it("keeps drafts in memory only (never localStorage) when the backend's cannot be read", async () => {
    const b = new FakeBackend();
    b.listError = new ApiError("internal", "boom");
    const errors: string[] = [];
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const local = new MemStorage();
    const src = await loadDraftSource({
      hasBackend: () => true,
      backend: b,
      local: () => local,
      scope: () => Promise.resolve(""),
      onError: (m) => errors.push(m),
    });
    expect(src.storage).toBeInstanceOf(MemoryStorage);
    new DraftStore(src.storage).save(NEW_KEY, { occurredAt: "2026-11-29T09:00", body: "b", type: "reflection", tags: "", nodeIds: [] }, null);
    expect(local.m.size).toBe(0);
    expect(errors).toHaveLength(1);
  });
});
