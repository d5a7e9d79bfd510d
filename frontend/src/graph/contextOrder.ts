// The user's ordered context list as the legend and the colour-by-context palette read it
// (filters.knownValues): reactive through svelte/reactivity's createSubscriber (a plain module,
// so Node-side importers of filters.ts — the e2e specs — need no rune compiler), so a
// $derived that read it re-derives when the list changes. Set by
// features/settings/contextList.svelte.ts from the backend's list; the default contexts until
// then (and in unit tests).
import { createSubscriber } from "svelte/reactivity";
import { CONTEXTS } from "../api/contract.gen";

let order: readonly string[] = CONTEXTS;
const updates = new Set<() => void>();
const track = createSubscriber((update) => {
  updates.add(update);
  return () => updates.delete(update);
});

/** contextOrder: the context list in the user's order. */
export function contextOrder(): readonly string[] {
  track();
  return order;
}

/** setContextOrder replaces the list (the same contents keep the old array: nothing re-derives). */
export function setContextOrder(list: readonly string[]): void {
  if (list.length === order.length && list.every((c, i) => c === order[i])) return;
  order = [...list];
  for (const u of updates) u();
}
