// The node labels the journal shows on chips and offers in pickers, read
// from GET /api/network and refreshed on network:changed (not on "move",
// which changes no label). Shared by every journal component that uses it.

import { fetchNetwork, onNetworkChanged, toApiError } from "../../api";
import { nodeOptions, type NodeOption } from "./nodes";

class NodeDirectory {
  options = $state<NodeOption[]>([]);
  byId = $derived(new Map(this.options.map((o) => [o.id, o] as const)));
  error = $state("");
  private users = 0;
  private off: (() => void) | null = null;
  private seq = 0;

  async load(): Promise<void> {
    const mine = ++this.seq;
    try {
      const snap = await fetchNetwork();
      if (mine !== this.seq) return;
      this.options = nodeOptions(snap).sort((a, b) => a.label.localeCompare(b.label));
      this.error = "";
    } catch (e) {
      if (mine !== this.seq) return;
      this.error = toApiError(e).message;
    }
  }

  /** use starts loading and listening; call the returned function to stop. */
  use(): () => void {
    this.users++;
    if (this.users === 1) {
      void this.load();
      this.off = onNetworkChanged((p) => {
        if (p.reason !== "move") void this.load();
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.users--;
      if (this.users === 0) {
        this.off?.();
        this.off = null;
      }
    };
  }

  label(id: string): string {
    return this.byId.get(id)?.label ?? "(unknown node)";
  }
}

export const nodeDirectory = new NodeDirectory();
