// The user's context list (backend/service/contexts.go, NetworkService): the ordered
// contexts the node panel offers and the legend colours in that order, kept as a setting
// (pln.Settings.contexts) in the store and the backup. Each change is one undoable step and
// emits settings:changed; a rename or forced delete also changes every node carrying the
// context, in that same step (network:changed). docs/decisions/contexts.md.
import { invoke } from "./bridge";
import { LIMITS } from "./contract.gen";

const S = ["service", "NetworkService"] as const;

/** The most contexts the list holds (pln.MaxContexts = the most tags on a record). */
export const MAX_CONTEXTS = LIMITS.tags;

/** One context and how many nodes (the ego included) carry it, case aside. */
export interface ContextUse {
  name: string;
  nodes: number;
}

/** The list in the user's order, and the contexts nodes carry outside it (by name). */
export interface ContextList {
  contexts: ContextUse[];
  unlisted: ContextUse[];
}

/** The list with node counts. */
export const Contexts = () => invoke<ContextList>(...S, "Contexts");
/** Appends (or adopts an unlisted) context. invalid (empty, already listed), too_large. */
export const AddContext = (name: string) => invoke<ContextList>(...S, "AddContext", name);
/** Renames a listed context in the list and on every node. not_found, invalid (taken), too_large. */
export const RenameContext = (old: string, name: string) => invoke<ContextList>(...S, "RenameContext", old, name);
/** Deletes a listed context; when nodes carry it, force takes it off them too, else conflict naming the count. */
export const DeleteContext = (name: string, force: boolean) => invoke<ContextList>(...S, "DeleteContext", name, force);
/** Sets the order: every listed context once (case aside). invalid otherwise. */
export const ReorderContexts = (order: string[]) => invoke<ContextList>(...S, "ReorderContexts", order);
