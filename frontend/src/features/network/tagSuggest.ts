// Tag autocomplete for a comma-separated tags field (pure): which tag the
// caret is in, which stored tags to offer for it, and the field's text once
// one is accepted. The stored tags are every node's (the network mirror);
// tags compare as the backend stores them: Unicode NFC, case aside
// (graph/filters.ts tagKey), and a suggestion matches the typed text with
// accents aside too (search/labels.ts fold), so "cafe" offers "Café".

import { fold } from "../search/labels";
import { tagKey } from "../../graph/filters";

/** The tag being typed: the text between the commas around the caret (trimmed), and where it is in the field (UTF-16 offsets, untrimmed). */
export interface TagQuery {
  text: string;
  start: number;
  end: number;
}

/** tagAt returns the comma-separated item the caret is in, or null when the caret is not in the field's text. */
export function tagAt(value: string, caret: number): TagQuery | null {
  if (caret < 0 || caret > value.length) return null;
  const start = value.lastIndexOf(",", caret - 1) + 1;
  const next = value.indexOf(",", caret);
  const end = next === -1 ? value.length : next;
  return { text: value.slice(start, end).trim(), start, end };
}

/** tagCounts counts how many nodes carry each tag (by tagKey), keeping the first spelling met. */
export function tagCounts(nodes: Iterable<{ tags?: readonly string[] | null }>): Map<string, { tag: string; count: number }> {
  const out = new Map<string, { tag: string; count: number }>();
  for (const n of nodes) {
    for (const t of n.tags ?? []) {
      const k = tagKey(t);
      const c = out.get(k);
      if (c) c.count++;
      else out.set(k, { tag: t, count: 1 });
    }
  }
  return out;
}

/**
 * suggestTags offers stored tags for the typed text: those whose folded form
 * starts with the folded text first, then those containing it; within each,
 * the most used first, then A–Z. Tags already in the field (other items,
 * by tagKey) and a tag equal to the text itself are left out; an empty text
 * offers nothing. At most limit.
 */
export function suggestTags(counts: ReadonlyMap<string, { tag: string; count: number }>, typed: string, others: readonly string[], limit = 6): string[] {
  const q = fold(typed.trim());
  if (q === "" || limit <= 0) return [];
  const taken = new Set(others.map(tagKey));
  const exact = tagKey(typed.trim());
  const hits: { tag: string; count: number; rank: number; f: string }[] = [];
  for (const [k, c] of counts) {
    if (taken.has(k) || k === exact) continue;
    const f = fold(c.tag);
    const rank = f.startsWith(q) ? 0 : f.includes(q) ? 1 : -1;
    if (rank >= 0) hits.push({ ...c, rank, f });
  }
  hits.sort((a, b) => a.rank - b.rank || b.count - a.count || (a.f < b.f ? -1 : a.f > b.f ? 1 : 0));
  return hits.slice(0, limit).map((h) => h.tag);
}

/** othersThan lists the field's items except the one at q (trimmed, empty ones dropped). */
export function othersThan(value: string, q: TagQuery): string[] {
  return (value.slice(0, q.start) + "," + value.slice(q.end))
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/**
 * acceptTag puts tag in place of the item at q: one space after the comma
 * before it, and ", " after it when it was the last item (ready for the
 * next), so accepting never doubles a space or a comma. Returns the new
 * text and the caret (after the tag and its separator).
 */
export function acceptTag(value: string, q: TagQuery, tag: string): { value: string; caret: number } {
  const before = value.slice(0, q.start);
  const after = value.slice(q.end);
  const lead = q.start === 0 ? "" : " ";
  if (after === "") {
    const v = before + lead + tag + ", ";
    return { value: v, caret: v.length };
  }
  // A later item follows: keep its comma; the caret goes after it.
  const v = before + lead + tag + after;
  const caret = (before + lead + tag).length + 1;
  return { value: v, caret: Math.min(caret, v.length) };
}
