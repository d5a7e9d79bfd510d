// The node labels the journal shows on chips and offers in pickers. They
// come from the map's dataset mirror (features/network/store.svelte.ts),
// which stays loaded and current while the app runs (the Map view is always
// mounted) and patches itself from network:changed — so the journal makes no
// request of its own for them. Derived lazily: only read while a journal
// component shows.

import { network } from "../network/store.svelte";
import { nodeOptions, type NodeOption } from "./nodes";

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

class NodeDirectory {
  options = $derived<NodeOption[]>(network.snapshot ? nodeOptions(network.snapshot).sort((a, b) => collator.compare(a.label, b.label)) : []);
  byId = $derived(new Map(this.options.map((o) => [o.id, o] as const)));

  get error(): string {
    return network.loadError ?? "";
  }

  /** use makes sure the mirror is loaded; the returned function is for symmetry with other subscriptions. */
  use(): () => void {
    if (!network.snapshot) void network.reload();
    return () => {};
  }

  label(id: string): string {
    return this.byId.get(id)?.label ?? "(unknown node)";
  }
}

export const nodeDirectory = new NodeDirectory();
