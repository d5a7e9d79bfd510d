// Node look-ups for the journal: labels for chips, and the type-ahead of
// the node picker and of @mentions (pure).

import type { NetworkSnapshot, NodeRow } from "../../api";
import { insertToken } from "./textInsert";

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

export function labelIndex(options: readonly NodeOption[]): Map<string, NodeOption> {
  return new Map(options.map((o) => [o.id, o]));
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

export interface MentionQuery {
  start: number; // index of the "@"
  query: string; // text typed after it, up to the caret
}

/**
 * mentionAt finds an @mention being typed just before the caret: an "@" at
 * the start of a line or after whitespace/punctuation, followed by up to 40
 * characters without a line break or a second "@".
 */
export function mentionAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf("@");
  if (at < 0) return null;
  const query = before.slice(at + 1);
  if (query.length > 40 || /[\n@]/.test(query) || /^\s/.test(query)) return null;
  const prev = at === 0 ? "" : before[at - 1]!;
  if (prev !== "" && !/[\s([{"'“‘]/.test(prev)) return null;
  return { start: at, query };
}

/**
 * markdownText escapes what Markdown (CommonMark 0.31 backslash escapes) or
 * inline HTML would take for markup in a label — \ ` * _ [ ] < > ~ — so that
 * a label such as "Vec<T>" or "<b>x</b>" renders as the text it is (the
 * sanitiser would otherwise drop it as a tag, and the mention with it).
 */
export function markdownText(label: string): string {
  return label.replace(/[\\`*_[\]<>~]/g, (c) => `\\${c}`);
}

/**
 * applyMention replaces "@query" before the caret with "@Label" (markup
 * escaped) and returns the new text and caret; the space after it follows
 * insertToken's rules (a space already there is not doubled).
 */
export function applyMention(text: string, m: MentionQuery, label: string): { text: string; caret: number } {
  return insertToken(text, m.start, m.start + 1 + m.query.length, `@${markdownText(label)}`);
}
