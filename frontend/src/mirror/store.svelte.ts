// The dataset mirror: the network as the backend has it. Loaded whole at
// start (GET /api/network); after that each "network:changed" (and each
// write of our own) names the ids that changed, and only those are read
// again (GET /api/network?node=…&tie=…) and patched in (patch.ts). Events
// without ids (import, undo import, restore), batches of more than
// MAX_PATCH_IDS ids and a failed partial read load the whole network again.
// Nothing here is invented locally.
import {
  fetchNetwork,
  fetchNetworkSubset,
  onNetworkChanged,
  toApiError,
  type NetworkChanged,
  type NetworkSnapshot,
  type NetworkSubset,
  type NodeRow,
  type TieRow,
} from "../api";
import { fitRequests } from "./fit.svelte";
import { addEvent, addIds, applySubset, emptyBatch, planBatch, type Batch } from "./patch";

/** Changes arriving within this many ms are read in one request (a write's reply and its event, a burst). */
const DEBOUNCE_MS = 40;

class NetworkStore {
  snapshot = $state.raw<NetworkSnapshot | null>(null);
  /** the last load error, shown in the banner until a load succeeds */
  loadError = $state<string | null>(null);
  private batch: Batch = emptyBatch();
  /** true until a whole load succeeds, and again after one fails: only a whole load can repair it */
  private stale = true;
  private inflight: Promise<void> | null = null;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** the subset read that made the current snapshot from the one before (null after a whole load) */
  private lastPatch: { base: NetworkSnapshot; next: NetworkSnapshot; sub: NetworkSubset } | null = null;

  /**
   * patchFor: the subset read that turned the previous snapshot into snap, when
   * snap is the current snapshot made by one; else null. A view that drew the
   * previous snapshot applies just these rows (graph/model.ts syncPatch).
   */
  patchFor(snap: NetworkSnapshot): { base: NetworkSnapshot; sub: NetworkSubset } | null {
    const p = this.lastPatch;
    return p && p.next === snap && this.snapshot === snap ? { base: p.base, sub: p.sub } : null;
  }

  get nodesById(): Map<string, NodeRow> {
    return new Map((this.snapshot?.nodes ?? []).map((n) => [n.id, n]));
  }

  node(id: string): NodeRow | undefined {
    return this.snapshot?.nodes.find((n) => n.id === id);
  }

  /** nodesOf: of these ids, the nodes in the mirror and the ends of the ties in it (each once). */
  nodesOf(ids: readonly string[]): string[] {
    const snap = this.snapshot;
    if (!snap) return [];
    const want = new Set(ids);
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- local to this call
    const out = new Set<string>();
    for (const n of snap.nodes) if (want.has(n.id)) out.add(n.id);
    for (const t of snap.ties) {
      if (!want.has(t.id)) continue;
      out.add(t.from);
      out.add(t.to);
    }
    return [...out];
  }

  tie(id: string): TieRow | undefined {
    return this.snapshot?.ties.find((t) => t.id === id);
  }

  /** reload fetches the whole network now; concurrent requests coalesce into one more load. */
  reload(): Promise<void> {
    this.batch.full = true;
    return this.flush();
  }

  /** soon reloads the whole network after a short pause (coalesced with other changes). */
  soon(): void {
    this.batch.full = true;
    this.schedule();
  }

  /** changed takes a network:changed payload: its ids are read again soon; without ids, everything is. */
  changed(ev: Partial<NetworkChanged>): void {
    addEvent(this.batch, ev);
    // An undo or redo may change what is off screen: the map re-frames once the rows are in.
    if (ev.reason === "undo" || ev.reason === "redo") for (const id of [...(ev.nodeIds ?? []), ...(ev.tieIds ?? [])]) this.reframe.add(id);
    this.schedule();
  }

  /** ids (nodes and ties) an undo or redo changed since the last flush */
  private reframe = new Set<string>();

  /** refresh reads these records again soon (after a write of our own); no ids, nothing to do. */
  refresh(nodeIds: readonly string[] = [], tieIds: readonly string[] = []): void {
    if (nodeIds.length + tieIds.length === 0) return;
    addIds(this.batch, nodeIds, tieIds);
    this.schedule();
  }

  private started: Promise<void> | null = null;

  /**
   * start listens for network:changed for the app's lifetime and loads the
   * whole network, once: the app shell calls it before it mounts anything, so
   * the read runs while the views and sigma are set up. Later calls return
   * the first load.
   */
  start(): Promise<void> {
    if (!this.started) {
      this.subscribe();
      this.started = this.reload();
    }
    return this.started;
  }

  /** subscribe listens for network:changed; returns the unsubscribe function. */
  subscribe(): () => void {
    return onNetworkChanged((p) => this.changed(p));
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, DEBOUNCE_MS);
  }

  /** flush applies the pending batch; one flush runs at a time, so patches apply in order. */
  private flush(): Promise<void> {
    if (this.inflight) {
      this.again = true;
      return this.inflight;
    }
    this.inflight = (async () => {
      do {
        this.again = false;
        const b = this.batch;
        this.batch = emptyBatch();
        const reframe = [...this.reframe];
        this.reframe.clear();
        await this.apply(b);
        if (reframe.length > 0) fitRequests.requestUnlessVisible(this.nodesOf(reframe));
      } while (this.again);
      this.inflight = null;
    })();
    return this.inflight;
  }

  private async apply(b: Batch): Promise<void> {
    const plan = planBatch(b, this.snapshot !== null && !this.stale);
    if (plan.kind === "none") return;
    if (plan.kind === "subset") {
      try {
        const sub = await fetchNetworkSubset(plan.nodeIds, plan.tieIds);
        const base = this.snapshot;
        const next = base ? applySubset(base, sub) : null;
        if (base && next) {
          this.lastPatch = { base, next, sub };
          this.snapshot = next;
          return;
        }
      } catch {
        // Correctness first: read the whole network instead.
      }
    }
    try {
      const whole = await fetchNetwork();
      this.lastPatch = null;
      this.snapshot = whole;
      this.loadError = null;
      this.stale = false;
    } catch (e) {
      this.loadError = toApiError(e).message;
      this.stale = true;
    }
  }
}

export const network = new NetworkStore();
