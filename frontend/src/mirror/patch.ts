// Incremental updates of the dataset mirror (pure; store.svelte.ts drives it).
//
// Changes arriving within one debounce window are collected in a Batch: the
// ids of the nodes and ties to read again, or "full" when something asked for
// the whole network (an event without ids — an import, the undo or redo of
// one, a restore — or a failed write's recovery). Undo and redo of other
// steps name the ids they touched and are patched like any write. planBatch decides what one flush fetches;
// applySubset patches a snapshot with GET /api/network?node=…&tie=….

import type { NetworkChanged, NetworkSnapshot, NetworkSubset, NodeRow, TieRow } from "../api";

/** Events with these reasons always mean "reload everything", ids or not (undo and redo: only when they name none). */
export const FULL_RELOAD_REASONS: ReadonlySet<string> = new Set(["import", "restore"]);

/** A batch with more ids than this is loaded whole (the backend takes up to 1000 per subset request). */
export const MAX_PATCH_IDS = 500;

export interface Batch {
  full: boolean;
  nodeIds: Set<string>;
  tieIds: Set<string>;
}

export const emptyBatch = (): Batch => ({ full: false, nodeIds: new Set(), tieIds: new Set() });

/** addIds adds ids to read again (a write of our own, or an event's). */
export function addIds(b: Batch, nodeIds: readonly string[] = [], tieIds: readonly string[] = []): void {
  for (const id of nodeIds) b.nodeIds.add(id);
  for (const id of tieIds) b.tieIds.add(id);
}

/** addEvent adds a network:changed payload; one without ids (or an import/restore) makes the batch full. */
export function addEvent(b: Batch, ev: Partial<NetworkChanged>): void {
  const nodeIds = Array.isArray(ev.nodeIds) ? ev.nodeIds : [];
  const tieIds = Array.isArray(ev.tieIds) ? ev.tieIds : [];
  if (FULL_RELOAD_REASONS.has(ev.reason ?? "") || nodeIds.length + tieIds.length === 0) {
    b.full = true;
    return;
  }
  addIds(b, nodeIds, tieIds);
}

export type Plan = { kind: "none" } | { kind: "full" } | { kind: "subset"; nodeIds: string[]; tieIds: string[] };

/** planBatch: nothing, a full reload (asked for, no base to patch, or too many ids), or a subset fetch. */
export function planBatch(b: Batch, canPatch: boolean, maxIds = MAX_PATCH_IDS): Plan {
  const n = b.nodeIds.size + b.tieIds.size;
  if (b.full || (!canPatch && n > 0) || n > maxIds) return { kind: "full" };
  if (n === 0) return { kind: "none" };
  return { kind: "subset", nodeIds: [...b.nodeIds], tieIds: [...b.tieIds] };
}

/**
 * applySubset returns a new snapshot: base with sub's nodes and ties upserted
 * (in place where they were, new ones at the end), the missing ones removed,
 * and every tie whose end is gone removed too. Rows sub does not mention are
 * kept as the same objects. Applying the same subset again changes nothing.
 * null when sub belongs to another network (another ego): reload whole.
 */
export function applySubset(base: NetworkSnapshot, sub: NetworkSubset): NetworkSnapshot | null {
  if (sub.ego !== base.ego) return null;
  const goneNodes = new Set(sub.missing.nodes);
  const goneTies = new Set(sub.missing.ties);

  const upNodes = new Map<string, NodeRow>();
  for (const n of sub.nodes) if (!goneNodes.has(n.id)) upNodes.set(n.id, n);
  const nodes: NodeRow[] = [];
  const ids = new Set<string>();
  for (const n of base.nodes) {
    if (goneNodes.has(n.id) || ids.has(n.id)) continue;
    const u = upNodes.get(n.id);
    nodes.push(u ?? n);
    ids.add(n.id);
  }
  for (const [id, n] of upNodes) {
    if (ids.has(id)) continue;
    nodes.push(n);
    ids.add(id);
  }

  const upTies = new Map<string, TieRow>();
  for (const t of sub.ties) if (!goneTies.has(t.id)) upTies.set(t.id, t);
  const ties: TieRow[] = [];
  const tieIds = new Set<string>();
  const keep = (t: TieRow) => ids.has(t.from) && ids.has(t.to);
  for (const t of base.ties) {
    if (goneTies.has(t.id) || tieIds.has(t.id)) continue;
    const u = upTies.get(t.id) ?? t;
    tieIds.add(t.id);
    if (keep(u)) ties.push(u);
  }
  for (const [id, t] of upTies) {
    if (tieIds.has(id)) continue;
    tieIds.add(id);
    if (keep(t)) ties.push(t);
  }
  return { ego: base.ego, nodes, ties };
}
