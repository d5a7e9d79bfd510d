import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/errors";
import type { SearchFilters, SearchProgress, SearchResult } from "../../api/search";
import { DEBOUNCE_MS, FullTextSearch, RETRY_MS, progressText, type FullTextDeps, type FullTextState } from "./fulltext";

const hit = (id: string) => ({ kind: "entry" as const, id, title: "2026-03-02", type: "reflection", field: "body", snippet: [{ text: id, mark: true }], score: 1 });

function setup(search: FullTextDeps["search"], status: FullTextDeps["status"] = () => Promise.reject(new Error("no Wails"))) {
  let progress: ((p: SearchProgress) => void) | null = null;
  const states: FullTextState[] = [];
  const off = vi.fn();
  const ft = new FullTextSearch(
    {
      search,
      status,
      onProgress: (cb) => {
        progress = cb;
        return off;
      },
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
    },
    (s) => states.push(s),
  );
  return { ft, states, off, progress: (p: SearchProgress) => progress?.(p) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("FullTextSearch", () => {
  it("waits for the typing to stop, then searches once with the filters", async () => {
    const search = vi.fn(async (q: string, _f: SearchFilters): Promise<SearchResult> => ({ hits: [hit(q)], total: 3 }));
    const { ft, states } = setup(search);
    const f: SearchFilters = { kinds: ["entry"] };
    ft.set("l", f);
    ft.set("le", f);
    ft.set("learned ", f);
    expect(search).not.toHaveBeenCalled();
    expect(ft.current.loading).toBe(true);
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(search).toHaveBeenCalledTimes(1);
    expect(search.mock.calls[0]![0]).toBe("learned");
    expect(search.mock.calls[0]![1]).toEqual(f);
    expect(states.at(-1)).toMatchObject({ query: "learned", total: 3, loading: false, error: "" });
    expect(states.at(-1)!.hits.map((h) => h.id)).toEqual(["learned"]);
    // The same query and equal filters do not search again; an empty query clears.
    ft.set("learned", { kinds: ["entry"] });
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(search).toHaveBeenCalledTimes(1);
    ft.set("  ");
    expect(ft.current).toMatchObject({ query: "", hits: [], loading: false });
  });

  it("drops an answer that a newer query overtook", async () => {
    const answers: ((r: SearchResult) => void)[] = [];
    // (a fetch that answers although it was aborted: the answer is still dropped)
    const search = vi.fn((_q: string, _f: SearchFilters, _signal: AbortSignal) => new Promise<SearchResult>((resolve) => answers.push(resolve)));
    const { ft, states } = setup(search);
    ft.set("old", {}, true);
    ft.set("new", {}, true);
    answers[0]!({ hits: [hit("old")], total: 1 });
    answers[1]!({ hits: [hit("new")], total: 1 });
    await vi.runAllTimersAsync();
    expect(states.filter((s) => !s.loading).map((s) => s.hits[0]?.id)).toEqual(["new"]);
    expect(search.mock.calls[0]![2].aborted).toBe(true);
  });

  it("shows a bad query's message in words", async () => {
    const { ft } = setup(() => Promise.reject(new ApiError("invalid", "The quote at character 1 is never closed.")));
    ft.set('"learn', {}, true);
    await vi.runAllTimersAsync();
    expect(ft.current).toMatchObject({ error: "The quote at character 1 is never closed.", loading: false, hits: [] });
  });

  it("while the index is rebuilt, shows its progress and searches again when it is done", async () => {
    let ready = false;
    const search = vi.fn(async (): Promise<SearchResult> => {
      if (!ready) throw new ApiError("conflict", "The search index is being built (0 of 10 records); try again in a moment.");
      return { hits: [hit("a")], total: 1 };
    });
    const { ft, progress } = setup(search, async () => ({ building: true, ready: false, done: 2, total: 10, inMemory: false }));
    ft.set("learned", {}, true);
    await vi.advanceTimersByTimeAsync(0);
    expect(ft.current.building).toMatchObject({ done: 2, total: 10 });
    expect(ft.current.loading).toBe(true);
    progress({ building: true, ready: false, done: 7, total: 10, inMemory: false });
    expect(ft.current.building?.done).toBe(7);
    ready = true;
    progress({ building: false, ready: true, done: 10, total: 10, inMemory: false });
    await vi.advanceTimersByTimeAsync(0);
    expect(ft.current).toMatchObject({ building: null, loading: false, total: 1 });
    expect(search).toHaveBeenCalledTimes(2);
  });

  it("without Status or events, retries and says what the backend said", async () => {
    let calls = 0;
    const search = vi.fn(async (): Promise<SearchResult> => {
      if (++calls === 1) throw new ApiError("conflict", "The search index is being built (3 of 9 records); try again in a moment.");
      return { hits: [], total: 0 };
    });
    const { ft } = setup(search);
    ft.set("x", {}, true);
    await vi.advanceTimersByTimeAsync(0);
    expect(ft.current.error).toContain("3 of 9");
    expect(ft.current.building).not.toBeNull();
    await vi.advanceTimersByTimeAsync(RETRY_MS);
    expect(ft.current).toMatchObject({ building: null, error: "", loading: false });
  });

  it("flush runs a pending search now; dispose unsubscribes and stops", async () => {
    const search = vi.fn(async (q: string): Promise<SearchResult> => ({ hits: [hit(q)], total: 1 }));
    const { ft, off } = setup(search);
    ft.set("now");
    const s = await ft.flush();
    expect(s.hits[0]?.id).toBe("now");
    ft.set("later");
    ft.dispose();
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(search).toHaveBeenCalledTimes(1);
    expect(off).toHaveBeenCalled();
  });
});

describe("progressText", () => {
  it("says how far the rebuild is", () => {
    expect(progressText({ building: true, ready: false, done: 0, total: 0, inMemory: false })).toBe("The search index is being built…");
    expect(progressText({ building: true, ready: false, done: 500, total: 2000, inMemory: false })).toContain("(25 %)");
  });
});
