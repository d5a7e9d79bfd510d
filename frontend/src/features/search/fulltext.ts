// The live full-text search behind a search box (pure: no Svelte, its
// dependencies passed in, so it is unit-tested with fake timers). Typing
// calls set(); after DEBOUNCE_MS of quiet it asks the backend, drops any
// answer that a newer query overtook, and reports a FullTextState:
// the hits, the backend's error in words (a bad query: "The quote opened
// at … is never closed"), or the index rebuilding with its progress — then
// it asks again once the rebuild is over (search:progress, or every
// RETRY_MS in case no event arrives).
import { toApiError } from "../../api/errors";
import type { SearchFilters, SearchHit, SearchProgress, SearchResult } from "../../api/search";

export const DEBOUNCE_MS = 150;
export const RETRY_MS = 1500;

export interface FullTextState {
  /** the query (trimmed) the state answers; "" when the box is empty */
  query: string;
  hits: SearchHit[];
  /** every match (may exceed hits.length: the limit) */
  total: number;
  /** a search is on its way (or waiting for the typing to stop) */
  loading: boolean;
  /** the backend's message for a failed search ("" none); while building, the rebuild's progress in words when Status could not say */
  error: string;
  /** set while the index is being rebuilt: how far it is */
  building: SearchProgress | null;
}

export const IDLE: FullTextState = { query: "", hits: [], total: 0, loading: false, error: "", building: null };

export interface FullTextDeps {
  search: (q: string, f: SearchFilters, signal: AbortSignal) => Promise<SearchResult>;
  /** SearchService.Status (may reject outside Wails: then the conflict's message is shown) */
  status: () => Promise<SearchProgress>;
  /** subscribe to search:progress; returns the unsubscribe function */
  onProgress: (cb: (p: SearchProgress) => void) => () => void;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (t: unknown) => void;
}

/** sameFilters compares two filter sets by value (a new object with the same filters does not search again). */
export function sameFilters(a: SearchFilters, b: SearchFilters): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export class FullTextSearch {
  private state: FullTextState = IDLE;
  private query = "";
  private filters: SearchFilters = {};
  private timer: unknown = null;
  private retry: unknown = null;
  private ctl: AbortController | null = null;
  private seq = 0;
  private off: () => void;
  private disposed = false;

  constructor(
    private deps: FullTextDeps,
    private onchange: (s: FullTextState) => void,
  ) {
    this.off = deps.onProgress((p) => this.progress(p));
  }

  /** current is the latest state reported. */
  get current(): FullTextState {
    return this.state;
  }

  /** set searches for query with filters after DEBOUNCE_MS (at once when now); an empty query clears the hits. Same query and filters: nothing. */
  set(query: string, filters: SearchFilters = {}, now = false): void {
    if (this.disposed) return;
    const q = query.trim();
    if (q === this.query && sameFilters(filters, this.filters) && !now) return;
    this.query = q;
    this.filters = filters;
    this.cancel();
    if (q === "") {
      this.emit(IDLE);
      return;
    }
    this.emit({ ...this.state, query: q, loading: true });
    if (now) void this.run();
    else this.timer = this.deps.setTimeout(() => void this.run(), DEBOUNCE_MS);
  }

  /** flush runs a pending search now (Enter before the debounce ran out); resolves when its answer is in. */
  async flush(): Promise<FullTextState> {
    if (this.timer !== null) {
      this.deps.clearTimeout(this.timer);
      this.timer = null;
      await this.run();
    } else if (this.ctl) {
      const mine = this.seq;
      await new Promise<void>((resolve) => {
        const check = () => (this.seq !== mine || !this.state.loading ? resolve() : this.deps.setTimeout(check, 20));
        check();
      });
    }
    return this.state;
  }

  /** dispose stops everything (the component is gone). */
  dispose(): void {
    this.disposed = true;
    this.cancel();
    this.off();
  }

  private cancel() {
    if (this.timer !== null) this.deps.clearTimeout(this.timer);
    if (this.retry !== null) this.deps.clearTimeout(this.retry);
    this.timer = this.retry = null;
    this.ctl?.abort();
    this.ctl = null;
    this.seq++;
  }

  private emit(s: FullTextState) {
    this.state = s;
    if (!this.disposed) this.onchange(s);
  }

  private async run(): Promise<void> {
    this.timer = null;
    const mine = ++this.seq;
    const q = this.query;
    const ctl = new AbortController();
    this.ctl = ctl;
    try {
      const res = await this.deps.search(q, this.filters, ctl.signal);
      if (mine !== this.seq) return;
      this.emit({ query: q, hits: res.hits, total: res.total, loading: false, error: "", building: null });
    } catch (e) {
      if (mine !== this.seq || ctl.signal.aborted) return;
      const err = toApiError(e);
      if (err.code === "conflict") {
        let p: SearchProgress = { building: true, ready: false, done: 0, total: 0, inMemory: false };
        let note = "";
        try {
          p = await this.deps.status();
        } catch {
          // Status is a bound method: without it the conflict's message says how far.
          note = err.message;
        }
        if (mine !== this.seq) return;
        this.emit({ query: q, hits: [], total: 0, loading: true, error: note, building: { ...p, building: true } });
        this.retry = this.deps.setTimeout(() => {
          this.retry = null;
          if (mine === this.seq) void this.run();
        }, RETRY_MS);
        return;
      }
      this.emit({ query: q, hits: [], total: 0, loading: false, error: err.message, building: null });
    } finally {
      if (this.ctl === ctl) this.ctl = null;
    }
  }

  private progress(p: SearchProgress) {
    if (this.disposed || this.state.building === null) return;
    if (p.building) {
      this.emit({ ...this.state, building: p });
      return;
    }
    // The rebuild is over: ask again now.
    if (this.retry !== null) this.deps.clearTimeout(this.retry);
    this.retry = null;
    if (this.query !== "") void this.run();
  }
}

/** progressText says how far a rebuild is, in words. */
export function progressText(p: SearchProgress): string {
  if (p.total <= 0) return "The search index is being built…";
  const pct = Math.min(100, Math.floor((p.done / p.total) * 100));
  return `The search index is being built: ${p.done.toLocaleString()} of ${p.total.toLocaleString()} records (${pct} %)…`;
}
