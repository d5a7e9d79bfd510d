// The node directory: the labels every view shows on chips and offers in
// pickers (the journal, the goals). It is derived from the network mirror
// (./store.svelte.ts), which the app shell loads and keeps current from
// network:changed — so no view makes a request of its own for them. Derived
// lazily: only computed while a component reads it.

import { network } from "./store.svelte";
import { nodeOptions, type NodeOption } from "./nodeOptions";

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
