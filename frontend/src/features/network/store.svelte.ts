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
  type NodeRow,
  type TieRow,
} from "../../api";
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

  get nodesById(): Map<string, NodeRow> {
    return new Map((this.snapshot?.nodes ?? []).map((n) => [n.id, n]));
  }

  node(id: string): NodeRow | undefined {
    return this.snapshot?.nodes.find((n) => n.id === id);
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
    this.schedule();
  }

  /** refresh reads these records again soon (after a write of our own); no ids, nothing to do. */
  refresh(nodeIds: readonly string[] = [], tieIds: readonly string[] = []): void {
    if (nodeIds.length + tieIds.length === 0) return;
    addIds(this.batch, nodeIds, tieIds);
    this.schedule();
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
        await this.apply(b);
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
        const next = this.snapshot ? applySubset(this.snapshot, sub) : null;
        if (next) {
          this.snapshot = next;
          return;
        }
      } catch {
        // Correctness first: read the whole network instead.
      }
    }
    try {
      this.snapshot = await fetchNetwork();
      this.loadError = null;
      this.stale = false;
    } catch (e) {
      this.loadError = toApiError(e).message;
      this.stale = true;
    }
  }
}

export const network = new NetworkStore();
