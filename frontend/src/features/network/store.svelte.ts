// The dataset mirror: the network as the backend has it (GET /api/network),
// reloaded whole at start, on "network:changed", and after our own writes.
// Nothing here is invented locally.
import { fetchNetwork, onNetworkChanged, toApiError, type NetworkSnapshot, type NodeRow, type TieRow } from "../../api";

class NetworkStore {
  snapshot = $state.raw<NetworkSnapshot | null>(null);
  /** the last load error, shown in the banner until a load succeeds */
  loadError = $state<string | null>(null);
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

  /** reload fetches the whole network; concurrent requests coalesce into one more load. */
  reload(): Promise<void> {
    if (this.inflight) {
      this.again = true;
      return this.inflight;
    }
    this.inflight = (async () => {
      do {
        this.again = false;
        try {
          this.snapshot = await fetchNetwork();
          this.loadError = null;
        } catch (e) {
          this.loadError = toApiError(e).message;
        }
      } while (this.again);
      this.inflight = null;
    })();
    return this.inflight;
  }

  /** soon reloads after a short pause, so a write's event and its reply cost one load. */
  soon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.reload();
    }, 40);
  }

  /** subscribe listens for network:changed; returns the unsubscribe function. */
  subscribe(): () => void {
    return onNetworkChanged(() => this.soon());
  }
}

export const network = new NetworkStore();
