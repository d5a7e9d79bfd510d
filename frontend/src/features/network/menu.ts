// What the map's right-click menu offers (pure): per target, the same
// actions as the panels and shortcuts. MapView runs them by id.
import { LIMITS } from "../../api/contract.gen";
import type { MenuTarget } from "../../graph/view";
import { labelsText } from "./selection";

/** The menu's actions, by id (MapView maps each to its call). */
export type MenuAction =
  | "open"
  | "logInteraction"
  | "newEntry"
  | "focus"
  | "toggle"
  | "pin"
  | "unpin"
  | "delete"
  | "pinAll"
  | "unpinAll"
  | "deleteAll"
  | "mergeAll"
  | "clear"
  | "openTie"
  | "deleteTie"
  | "add"
  | "selectAll"
  | "fit"
  | "layout";

export interface MenuEntry {
  id: MenuAction;
  label: string;
  danger?: boolean;
  disabled?: boolean;
  keys?: string;
}

export interface MenuContext {
  ego: string;
  /** the alters of a multi-selection (two or more), else [] */
  selected: readonly string[];
  label(id: string): string;
  pinned(id: string): boolean;
  layoutRunning: boolean;
  /** Ctrl or ⌘, as the platform names it */
  mod: string;
}

/**
 * menuFor lists the entries for a right-click on target. A node of the
 * multi-selection gets the selection's actions; the ego has no delete, pin or
 * selection entries (it stays at the centre).
 */
export function menuFor(target: MenuTarget, c: MenuContext): { title: string; entries: MenuEntry[] } {
  const mod = c.mod;
  if (target.kind === "node" && c.selected.length >= 2 && c.selected.includes(target.id)) {
    const n = c.selected.length;
    const pinned = c.selected.filter((id) => c.pinned(id)).length;
    return {
      title: `${n} nodes selected: ${labelsText(c.selected.map(c.label), 2)}`,
      entries: [
        { id: "pinAll", label: "Pin all", disabled: pinned === n },
        { id: "unpinAll", label: "Unpin all", disabled: pinned === 0 },
        { id: "focus", label: "Focus on their neighbourhood", keys: "F" },
        { id: "toggle", label: `Take “${c.label(target.id)}” out of the selection`, keys: `${mod}+click` },
        { id: "clear", label: "Clear the selection", keys: "Esc" },
        // Merging keeps one and merges the rest into it (the panel asks which); one call, at most LIMITS.bulkNodes.
        { id: "mergeAll", label: `Merge ${n} nodes…`, disabled: n > LIMITS.bulkNodes },
        // One bulk delete holds at most LIMITS.bulkNodes (backend/service MaxBulk).
        { id: "deleteAll", label: `Delete ${n} nodes…`, danger: true, keys: "Del", disabled: n > LIMITS.bulkNodes },
      ],
    };
  }
  if (target.kind === "node") {
    const label = c.label(target.id);
    if (target.id === c.ego) return { title: `${label} (you)`, entries: [{ id: "open", label: "Open" }] };
    const pinned = c.pinned(target.id);
    return {
      title: label,
      entries: [
        { id: "open", label: "Open" },
        { id: "logInteraction", label: "Log an interaction" },
        { id: "newEntry", label: "New entry about this node" },
        { id: "focus", label: "Focus on its neighbourhood", keys: "F" },
        { id: "toggle", label: "Add to the selection", keys: `${mod}+click` },
        pinned ? { id: "unpin", label: "Unpin (the layout may move it)" } : { id: "pin", label: "Pin where it is" },
        { id: "delete", label: "Delete…", danger: true, keys: "Del" },
      ],
    };
  }
  if (target.kind === "tie") {
    // An alter's ego tie is a field of the alter: it opens the alter's panel.
    if (target.id.startsWith("ego:")) return { title: `You — ${c.label(target.id.slice(4))}`, entries: [{ id: "openTie", label: "Open" }] };
    return {
      title: "Tie",
      entries: [
        { id: "openTie", label: "Open" },
        { id: "deleteTie", label: "Delete…", danger: true, keys: "Del" },
      ],
    };
  }
  return {
    title: "Map",
    entries: [
      { id: "add", label: "Add a node here", keys: "double-click" },
      { id: "selectAll", label: "Select all", keys: `${mod}+A` },
      { id: "fit", label: "Fit to view" },
      { id: "layout", label: c.layoutRunning ? "Stop layout" : "Start layout" },
    ],
  };
}
