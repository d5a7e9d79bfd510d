// Search by label on the map (pure): which nodes match the search box, and
// which one Enter opens. Case- and accent-insensitive, every word of the
// query must appear (in any order). Full-text search over tags,
// descriptions, URLs and journal entries is the journal issue's (issue 9);
// the box then uses it.

/** fold lower-cases and strips diacritics (Unicode NFKD, combining marks removed) so "Zoe" finds "Zoë". */
export function fold(s: string): string {
  return s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

function words(query: string): string[] {
  return fold(query)
    .split(/\s+/)
    .filter((w) => w !== "");
}

/** searchHits returns the ids whose label contains every word of query, or null for an empty query. */
export function searchHits(nodes: Iterable<{ id: string; label: string }>, query: string): Set<string> | null {
  const ws = words(query);
  if (ws.length === 0) return null;
  const hits = new Set<string>();
  for (const n of nodes) {
    const l = fold(n.label);
    if (ws.every((w) => l.includes(w))) hits.add(n.id);
  }
  return hits;
}

/**
 * rankedHits lists the hits best first, at most limit of them: the label
 * equal to the query first, then one that starts with it, then one with a
 * word that starts with its first word, then any other hit; within a rank
 * the shorter label, then A–Z (by folded label), then the id. Empty for an
 * empty query. skip(id) leaves a node out (filtered off the map). Cost:
 * O(n) plus O(hits log hits) to sort.
 */
export function rankedHits<T extends { id: string; label: string }>(nodes: Iterable<T>, query: string, skip: (id: string) => boolean = () => false, limit = Infinity): T[] {
  const ws = words(query);
  if (ws.length === 0 || limit <= 0) return [];
  const q = ws.join(" ");
  const hits: { n: T; rank: number; l: string }[] = [];
  for (const n of nodes) {
    const l = fold(n.label).trim().replace(/\s+/g, " ");
    if (!ws.every((w) => l.includes(w)) || skip(n.id)) continue;
    const rank = l === q ? 0 : l.startsWith(q) ? 1 : l.split(" ").some((w) => w.startsWith(ws[0]!)) ? 2 : 3;
    hits.push({ n, rank, l });
  }
  hits.sort((a, b) => a.rank - b.rank || a.l.length - b.l.length || (a.l < b.l ? -1 : a.l > b.l ? 1 : a.n.id < b.n.id ? -1 : a.n.id > b.n.id ? 1 : 0));
  return hits.slice(0, limit).map((h) => h.n);
}

/** bestHit is the hit Enter opens (the first of rankedHits), or null when nothing matches or the query is empty. */
export function bestHit(nodes: Iterable<{ id: string; label: string }>, query: string, skip: (id: string) => boolean = () => false): string | null {
  return rankedHits(nodes, query, skip, 1)[0]?.id ?? null;
}

/** labelKey: a label as two labels that name the same node compare (folded, white space collapsed, trimmed). */
export function labelKey(label: string): string {
  return fold(label).trim().replace(/\s+/g, " ");
}

/**
 * sameLabel finds a node whose label is the same as `label` once folded
 * (case, accents and spacing ignored): a likely duplicate, pointed out before
 * a node is made. null when none, or when the label is empty.
 */
export function sameLabel<T extends { id: string; label: string }>(nodes: Iterable<T>, label: string): T | null {
  const k = labelKey(label);
  if (k === "") return null;
  for (const n of nodes) if (labelKey(n.label) === k) return n;
  return null;
}
