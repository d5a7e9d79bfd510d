// Merging duplicate nodes (pure): which node a multi-selection keeps by
// default and how the confirmation names what happens. The merge itself is
// one backend call (NetworkService.MergeNodes, docs/decisions/merge-nodes.md).

/** The least of the mirror merge needs: node ids and tie ends. */
export interface MergeGraph {
  ties: readonly { from: string; to: string }[];
}

/** tieCounts counts each of ids' ties in g (a tie between two of them counts for both). */
export function tieCounts(ids: readonly string[], g: MergeGraph | null | undefined): Map<string, number> {
  const n = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const t of g?.ties ?? []) {
    for (const end of [t.from, t.to]) {
      const c = n.get(end);
      if (c !== undefined) n.set(end, c + 1);
    }
  }
  return n;
}

/**
 * defaultKeep is the node a merge of ids keeps unless the user picks another:
 * the one with the most ties (the best-connected record is the one the map
 * already reads as the person), and of those the oldest (ids are UUIDv7,
 * ordered by creation: the smallest is the oldest). "" for no ids.
 */
export function defaultKeep(ids: readonly string[], g: MergeGraph | null | undefined): string {
  const counts = tieCounts(ids, g);
  let best = "";
  for (const id of ids) {
    if (best === "") {
      best = id;
      continue;
    }
    const d = (counts.get(id) ?? 0) - (counts.get(best) ?? 0);
    if (d > 0 || (d === 0 && id < best)) best = id;
  }
  return best;
}

/** mergeQuestion is the confirmation of merging others into keep (labels). */
export function mergeQuestion(keep: string, others: readonly string[]): { title: string; message: string; confirmLabel: string } {
  const names = others.length === 1 ? `“${others[0]}”` : `${others.length} nodes`;
  const them = others.length === 1 ? "its" : "their";
  return {
    title: `Merge ${names} into “${keep}”?`,
    message:
      `“${keep}” stays and keeps its own fields; it takes the ones it lacks from ${names}, and ${them} tags, emails, ties, ` +
      `journal links, goals and saved views. ${others.length === 1 ? `“${others[0]}” is` : "They are"} then removed.`,
    confirmLabel: "Merge",
  };
}
