import { afterEach, describe, expect, it } from "vitest";
import { DRAFT_PREFIX, DraftStore, NEW_KEY, draftPrefix, draftScope, restoreNotice, type KeyValueStore } from "./draft";
import { loadDraftScope, resetDraftScope } from "./scope";
import type { EntryDraft } from "./editor";

class MemStorage implements KeyValueStore {
  m = new Map<string, string>();
  full = false;
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
    if (this.full) throw new Error("QuotaExceededError");
    this.m.set(k, v);
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
}

const draft: EntryDraft = { occurredAt: "2026-11-29T09:00", body: "hello", type: "reflection", tags: "a, b", nodeIds: ["n1"] };
const at = () => new Date("2026-11-29T10:00:00Z");

describe("DraftStore", () => {
  it("saves, loads and clears by key", () => {
    const s = new MemStorage();
    const ds = new DraftStore(s, at);
    expect(ds.save(NEW_KEY, draft, null)).toBe(true);
    expect(ds.save("id-1", { ...draft, body: "edit" }, "2026-11-29T09:30:00Z")).toBe(true);
    expect(ds.keys()).toEqual(["id-1", NEW_KEY]);
    expect(ds.load(NEW_KEY)).toEqual({ v: 1, key: NEW_KEY, savedAt: "2026-11-29T10:00:00.000Z", baseUpdatedAt: null, draft });
    expect(ds.load("id-1")?.draft.body).toBe("edit");
    ds.clear(NEW_KEY);
    expect(ds.load(NEW_KEY)).toBeNull();
    expect(ds.keys()).toEqual(["id-1"]);
  });

  it("ignores corrupt or foreign records", () => {
    const s = new MemStorage();
    const ds = new DraftStore(s, at);
    s.setItem(DRAFT_PREFIX + "x", "{not json");
    s.setItem(DRAFT_PREFIX + "y", JSON.stringify({ v: 1, savedAt: "t", draft: { ...draft, type: "diary" } }));
    s.setItem(DRAFT_PREFIX + "z", JSON.stringify({ v: 2, savedAt: "t", draft }));
    expect(ds.load("x")).toBeNull();
    expect(ds.load("y")).toBeNull();
    expect(ds.load("z")).toBeNull();
  });

  it("reports a full or missing storage instead of throwing", () => {
    const s = new MemStorage();
    s.full = true;
    expect(new DraftStore(s, at).save(NEW_KEY, draft, null)).toBe(false);
    const none = new DraftStore(null, at);
    expect(none.save(NEW_KEY, draft, null)).toBe(false);
    expect(none.load(NEW_KEY)).toBeNull();
    expect(none.keys()).toEqual([]);
  });

  it("does not share the stored nodeIds array", () => {
    const ds = new DraftStore(new MemStorage(), at);
    ds.save("k", draft, null);
    const a = ds.load("k")!;
    a.draft.nodeIds.push("x");
    expect(ds.load("k")!.draft.nodeIds).toEqual(["n1"]);
  });
});

describe("restoreNotice", () => {
  it("mentions a newer saved entry", () => {
    const rec = { v: 1 as const, key: "id", savedAt: "2026-11-29T10:00:00Z", baseUpdatedAt: "u1", draft };
    expect(restoreNotice(rec, "u1")).toMatch(/^Restored unsaved changes/);
    expect(restoreNotice(rec, "u1")).not.toMatch(/changed since/);
    expect(restoreNotice(rec, "u2")).toMatch(/changed since/);
  });
});

describe("drafts per data folder", () => {
  afterEach(() => resetDraftScope());

  it("hashes the data folder into a short, stable scope", () => {
    const a = draftScope("/home/me/.local/share/plexus");
    expect(a).toMatch(/^[0-9a-f]{8}$/);
    expect(draftScope("/home/me/.local/share/plexus")).toBe(a);
    expect(draftScope("/tmp/other-plexus")).not.toBe(a);
    expect(draftPrefix(a)).toBe(`plexus.journal.draft@${a}.`);
    expect(draftPrefix("")).toBe(DRAFT_PREFIX);
  });

  it("keeps one data folder's drafts out of another's", () => {
    const s = new MemStorage();
    const one = new DraftStore(s, at, draftScope("/data/one"));
    const two = new DraftStore(s, at, draftScope("/data/two"));
    const unscoped = new DraftStore(s, at);
    expect(one.save(NEW_KEY, draft, null)).toBe(true);
    expect(one.save("id-1", draft, null)).toBe(true);
    expect([...s.m.keys()].every((k) => k.startsWith(`plexus.journal.draft@${draftScope("/data/one")}.`))).toBe(true);
    expect(one.keys()).toEqual(["id-1", NEW_KEY]);
    expect(one.load(NEW_KEY)?.draft).toEqual(draft);
    expect(two.keys()).toEqual([]);
    expect(two.load(NEW_KEY)).toBeNull();
    expect(unscoped.keys()).toEqual([]); // scoped keys are not mistaken for unscoped ones
    two.clear(NEW_KEY);
    expect(one.load(NEW_KEY)).not.toBeNull();
  });

  it("scopes by App.DataDir(), once, and falls back to no prefix when the call fails", async () => {
    let calls = 0;
    const dir = async () => {
      calls++;
      return "/data/one";
    };
    expect(await loadDraftScope(dir)).toBe(draftScope("/data/one"));
    expect(await loadDraftScope(dir)).toBe(draftScope("/data/one"));
    expect(calls).toBe(1);
    resetDraftScope();
    expect(await loadDraftScope(() => Promise.reject(new Error("not bound")))).toBe("");
    resetDraftScope();
    expect(await loadDraftScope(async () => "")).toBe("");
  });
});
