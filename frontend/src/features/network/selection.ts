// What is selected on the map (pure): one node, one tie, or several alters
// (a multi-selection: Ctrl/Cmd-click, a selection box, Ctrl/Cmd+A). The ego
// is never part of a multi-selection: it cannot be moved or deleted, and a
// bulk action on it would do nothing or be refused.

export type Selection = { kind: "node"; id: string } | { kind: "tie"; id: string } | { kind: "nodes"; ids: readonly string[] } | null;

/** selectedIds: the node ids a selection holds ([] for a tie or nothing). */
export function selectedIds(s: Selection): string[] {
  if (s?.kind === "node") return [s.id];
  if (s?.kind === "nodes") return [...s.ids];
  return [];
}

/** asSelection: nothing for no ids, one node for one, else a multi-selection (each id once, first order kept). */
export function asSelection(ids: Iterable<string>): Selection {
  const u = [...new Set(ids)];
  if (u.length === 0) return null;
  if (u.length === 1) return { kind: "node", id: u[0]! };
  return { kind: "nodes", ids: u };
}

/**
 * toggled: id added to the selection, or taken out if it was in. The ego and
 * a selected tie are let go first (a multi-selection holds alters only).
 */
export function toggled(s: Selection, id: string, ego: string): Selection {
  if (id === ego) return s?.kind === "node" && s.id === ego ? null : s;
  const ids = selectedIds(s).filter((x) => x !== ego);
  return asSelection(ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]);
}

/** added: ids added to the selection's alters (a selection box, Ctrl/Cmd+A). */
export function added(s: Selection, ids: Iterable<string>, ego: string): Selection {
  return asSelection([...selectedIds(s), ...ids].filter((x) => x !== ego));
}

/** kept: the selection without the nodes that no longer exist (deleted, or taken back by an undo). */
export function kept(s: Selection, exists: (id: string) => boolean): Selection {
  if (s?.kind !== "nodes") return s;
  const ids = s.ids.filter(exists);
  return ids.length === s.ids.length ? s : asSelection(ids);
}

/** sameSelection: a and b select the same records (a multi-selection in the same order). */
export function sameSelection(a: Selection, b: Selection): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind === "nodes" || b.kind === "nodes") {
    return a.kind === "nodes" && b.kind === "nodes" && a.ids.length === b.ids.length && a.ids.every((x, i) => x === b.ids[i]);
  }
  return a.kind === b.kind && a.id === b.id;
}

/** labelsText names up to max nodes, then "and N more": “Ada”, “Bob” and 3 more. */
export function labelsText(labels: readonly string[], max = 3): string {
  const q = labels.slice(0, max).map((l) => `“${l}”`);
  const rest = labels.length - q.length;
  if (rest > 0) return `${q.join(", ")} and ${rest} more`;
  if (q.length <= 1) return q.join("");
  return `${q.slice(0, -1).join(", ")} and ${q[q.length - 1]}`;
}
