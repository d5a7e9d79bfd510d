// The node directory's pure part: every node of the mirror as an option
// (id, label, kind) for chips, pickers and type-ahead in any view.

import type { NetworkSnapshot, NodeRow } from "../api";

/** NodeOption: one node as pickers and chips show it. */
export interface NodeOption {
  id: string;
  label: string;
  kind: string;
}

/** nodeOptions lists the snapshot's nodes (the ego included) for pickers and labels. */
export function nodeOptions(snap: NetworkSnapshot | null): NodeOption[] {
  if (!snap) return [];
  return snap.nodes.map((n: NodeRow) => ({ id: n.id, label: n.label, kind: n.kind }));
}

/**
 * matchNodes finds nodes whose label contains the query (case-insensitive):
 * labels starting with it first, then word starts, then anywhere; shorter
 * labels first within each. Excluded ids are left out.
 */
export function matchNodes(
  options: readonly NodeOption[],
  query: string,
  exclude: readonly string[] = [],
  limit = 8,
): NodeOption[] {
  const q = query.trim().toLocaleLowerCase();
  if (q === "") return [];
  const skip = new Set(exclude);
  const scored: { o: NodeOption; rank: number }[] = [];
  for (const o of options) {
    if (skip.has(o.id)) continue;
    const l = o.label.toLocaleLowerCase();
    const at = l.indexOf(q);
    if (at < 0) continue;
    let rank = at === 0 ? 0 : 2;
    for (let i = at; rank === 2 && i >= 0; i = l.indexOf(q, i + 1)) {
      if (/[\s\-_.(/]/.test(l[i - 1] ?? "")) rank = 1;
    }
    scored.push({ o, rank });
  }
  scored.sort((a, b) => a.rank - b.rank || a.o.label.length - b.o.label.length || a.o.label.localeCompare(b.o.label));
  return scored.slice(0, limit).map((s) => s.o);
}
