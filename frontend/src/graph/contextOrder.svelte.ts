// The user's ordered context list as the legend and the colour-by-context palette read it
// (filters.knownValues): reactive, so the legend re-derives when the list changes. Set by
// features/settings/contextList.svelte.ts from the backend's list; the default contexts
// until then (and outside the app, in unit tests).
import { CONTEXTS } from "../api/contract.gen";

let order = $state.raw<readonly string[]>(CONTEXTS);

/** contextOrder: the context list in the user's order. */
export function contextOrder(): readonly string[] {
  return order;
}

/** setContextOrder replaces the list (the same contents keep the old array: nothing re-derives). */
export function setContextOrder(list: readonly string[]): void {
  if (list.length === order.length && list.every((c, i) => c === order[i])) return;
  order = [...list];
}
