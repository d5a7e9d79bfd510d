// A FullTextSearch (fulltext.ts) wired to the backend, its state in a rune
// for components: `const live = new LiveFullText(); $effect(() =>
// live.set(query, filters)); onDestroy(() => live.dispose())`.
import { fetchSearch, onSearchProgress, Status, type SearchFilters } from "../../api/search";
import { FullTextSearch, IDLE, type FullTextState } from "./fulltext";

export class LiveFullText {
  state = $state.raw<FullTextState>(IDLE);
  private ft: FullTextSearch;

  constructor() {
    this.ft = new FullTextSearch(
      {
        search: fetchSearch,
        status: Status,
        onProgress: onSearchProgress,
        setTimeout: (fn, ms) => setTimeout(fn, ms),
        clearTimeout: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
      },
      (s) => (this.state = s),
    );
  }

  set(query: string, filters: SearchFilters = {}): void {
    this.ft.set(query, filters);
  }

  /** flush: the answer for what was typed, without waiting out the debounce. */
  flush(): Promise<FullTextState> {
    return this.ft.flush();
  }

  dispose(): void {
    this.ft.dispose();
  }
}
