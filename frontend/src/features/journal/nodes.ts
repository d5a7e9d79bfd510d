// @mentions in the journal editor (pure). The node options themselves are
// the mirror's (mirror/nodeOptions.ts).

import { insertToken } from "./textInsert";

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
