// The network over time: the map can show the network as it was at a past
// time (GET /api/network?at=), or what changed between two times
// (GET /api/history/diff plus the network at both ends). While it does, the
// map is read-only and Undo/Redo are off: nothing may be edited in a past
// that is only being looked at. The timeline (the slider's positions) comes
// from the change log (GET /api/history).
import {
  MAX_HISTORY_PAGE,
  fetchHistory,
  fetchHistoryDiff,
  fetchNetworkAt,
  fetchNetworkChange,
  toApiError,
  type HistoryStep,
  type NetworkDiff,
  type NetworkSnapshot,
} from "../../api";
import { applySubset } from "../../mirror/patch";
import { network } from "../../mirror/store.svelte";
import { mergeForDiff, diffMarks, type DiffMarks } from "./diff";
import { history } from "./history.svelte";
import { parseAt } from "./time";

export type TravelMode = "now" | "at" | "diff";

/** Steps read for the slider (newest first); older steps are still reachable from the History panel. */
const TIMELINE_STEPS = 2 * MAX_HISTORY_PAGE;

export const PAST_BLOCKED = "You are looking at the past: go back to now to undo or redo.";

/**
 * A time after every step, standing for "now" as the backend has it: the mirror holds the network
 * as of it, so the network as of T is the mirror patched with what changed between T and this
 * (`?at=T&from=FAR_FUTURE`) — no whole read, and no reliance on the page's clock matching the
 * backend's.
 */
const FAR_FUTURE = "9999-12-31T23:59:59Z";

/**
 * networkAt reads the network as of `at`: `base` (the network as of `baseAt`; by default the
 * mirror, the network now) patched with what changed in between, or read whole when that fails.
 */
async function networkAt(at: string, base = network.snapshot, baseAt = FAR_FUTURE): Promise<NetworkSnapshot> {
  if (base && baseAt === at) return base;
  if (base) {
    try {
      const patched = applySubset(base, await fetchNetworkChange(at, baseAt));
      if (patched) return patched;
    } catch {
      // read it whole instead
    }
  }
  return fetchNetworkAt(at);
}

class Travel {
  /** the time bar is shown on the map */
  open = $state(false);
  mode = $state<TravelMode>("now");
  /** "at": the time shown (RFC 3339) */
  at = $state<string | null>(null);
  /** "diff": the two ends; to null = now */
  from = $state<string | null>(null);
  to = $state<string | null>(null);
  /** what the map draws instead of the mirror; null while loading (the map keeps what it drew) */
  shown = $state.raw<NetworkSnapshot | null>(null);
  diff = $state.raw<NetworkDiff | null>(null);
  marks = $state.raw<DiffMarks | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);

  /** the timeline: when the log starts, and its newest steps (newest first) */
  oldest = $state("");
  steps = $state.raw<HistoryStep[]>([]);
  /** exact times reached from outside the slider's steps (the History panel) */
  extra = $state.raw<string[]>([]);
  timelineError = $state<string | null>(null);

  /** the time `shown` is the network at ("at" mode only): the base the next move patches */
  private shownAt: string | null = null;
  private seq = 0;
  private timelineSeq = 0;
  private guard: (() => Promise<boolean>) | null = null;

  /** setGuard: the map's "may I leave now?" (saves or keeps open panel edits, stops the layout); returns the unset. */
  setGuard(fn: () => Promise<boolean>): () => void {
    this.guard = fn;
    return () => {
      if (this.guard === fn) this.guard = null;
    };
  }

  get past(): boolean {
    return this.mode !== "now";
  }

  async loadTimeline(): Promise<void> {
    const mine = ++this.timelineSeq;
    try {
      let page = await fetchHistory("", MAX_HISTORY_PAGE);
      let steps = page.steps;
      const oldest = page.oldest;
      while (page.next !== "" && steps.length < TIMELINE_STEPS) {
        page = await fetchHistory(page.next, MAX_HISTORY_PAGE);
        steps = [...steps, ...page.steps];
      }
      if (mine !== this.timelineSeq) return;
      this.oldest = oldest;
      this.steps = steps;
      this.timelineError = null;
    } catch (e) {
      if (mine === this.timelineSeq) this.timelineError = toApiError(e).message;
    }
  }

  /** show opens the time bar (and reads the timeline). */
  show(): void {
    this.open = true;
    void this.loadTimeline();
  }

  /** hide closes the time bar and goes back to now. */
  hide(): void {
    this.open = false;
    this.backToNow();
  }

  /** leaveNow runs the map's guard once, when the map still shows now; false: stay. */
  private async leaveNow(): Promise<boolean> {
    if (this.mode !== "now") return true;
    return this.guard ? this.guard() : true;
  }

  private enter(mode: TravelMode): void {
    this.mode = mode;
    history.blocked = PAST_BLOCKED;
  }

  /** viewAt shows the network as it was at `at` (RFC 3339); false when the map could not be left. */
  async viewAt(at: string): Promise<boolean> {
    if (!(await this.leaveNow())) return false;
    const mine = ++this.seq;
    if (!this.open) this.show();
    if (!this.steps.some((s) => s.at === at) && !this.extra.includes(at)) this.extra = [...this.extra, at];
    // Moving along the slider: patch the network shown with what changed in between, not read it whole.
    const base = this.mode === "at" && this.shown && this.shownAt ? { snap: this.shown, at: this.shownAt } : null;
    this.enter("at");
    this.at = at;
    this.diff = null;
    this.marks = null;
    await this.load(mine, async () => {
      const snap = base ? await networkAt(at, base.snap, base.at) : await networkAt(at);
      return () => {
        this.shown = snap;
        this.shownAt = at;
      };
    });
    return true;
  }

  /**
   * load runs one read for the view asked for as number `mine`: `read` fetches and returns how to
   * show the result, which is applied only if no newer view was asked for meanwhile; errors and the
   * loading flag follow the same rule.
   */
  private async load(mine: number, read: () => Promise<() => void>): Promise<void> {
    this.loading = true;
    try {
      const show = await read();
      if (mine !== this.seq) return;
      show();
      this.error = null;
    } catch (e) {
      if (mine === this.seq) this.error = toApiError(e).message;
    } finally {
      if (mine === this.seq) this.loading = false;
    }
  }

  /** compare shows what changed between from and to (null = now): the network as of to, plus what was removed since from. */
  async compare(from: string, to: string | null): Promise<boolean> {
    if (!(await this.leaveNow())) return false;
    const mine = ++this.seq;
    if (!this.open) this.show();
    this.enter("diff");
    this.from = from;
    this.to = to;
    this.at = null;
    await this.load(mine, async () => {
      const [d, fromSnap, toSnap] = await Promise.all([
        fetchHistoryDiff(from, to ?? undefined),
        networkAt(from),
        to ? networkAt(to) : Promise.resolve(null),
      ]);
      const end = toSnap ?? network.snapshot;
      if (!end) throw new Error("The network is not loaded yet.");
      const merged = mergeForDiff(end, fromSnap, d);
      return () => {
        this.diff = d;
        this.marks = diffMarks(d, merged.ego);
        this.shown = merged;
        this.shownAt = null;
      };
    });
    return true;
  }

  /** backToNow shows the network as it is, editable again. */
  backToNow(): void {
    this.seq++;
    this.mode = "now";
    this.at = null;
    this.from = null;
    this.to = null;
    this.shown = null;
    this.shownAt = null;
    this.diff = null;
    this.marks = null;
    this.loading = false;
    this.error = null;
    history.blocked = null;
  }

  /** shownTime is the time the map shows in ms ("at": that time; "diff": its end), or null for now. */
  get shownTime(): number | null {
    if (this.mode === "at" && this.at) return parseAt(this.at)?.getTime() ?? null;
    if (this.mode === "diff") return this.to ? (parseAt(this.to)?.getTime() ?? null) : null;
    return null;
  }
}

export const travel = new Travel();
