// The "[[" wikilink being typed at the caret, and what the suggestion list
// offers for it (pure; docs/decisions/journal-editor-links.md).

import { LIMITS } from "../../api";
import { codeMask } from "./editableLinks";
import { matchNodes, type NodeOption } from "../../mirror/nodeOptions";

export interface WikiQuery {
  /** offset of the "[[" */
  start: number;
  /** end of what an accepted suggestion replaces: the caret, or past a "]]" that already closes the link on this line */
  end: number;
  /** the text typed between "[[" and the caret */
  query: string;
}

/**
 * wikiQueryAt finds a wikilink being typed before the caret: the last "[["
 * on the caret's line, not after "!" (an embed) and not inside code, with
 * no "[", "]", "|" between it and the caret (so it stops at "]]" and at the
 * line start) and at most LIMITS.label characters. When the rest of the
 * line already closes the link ("…]]" with no "[", "]", "|" before it),
 * end is past that "]]", so accepting replaces the whole link.
 */
export function wikiQueryAt(text: string, caret: number): WikiQuery | null {
  const lineStart = text.lastIndexOf("\n", caret - 1) + 1;
  const before = text.slice(lineStart, caret);
  const open = before.lastIndexOf("[[");
  if (open < 0) return null;
  const query = before.slice(open + 2);
  if (/[[\]|]/.test(query) || query.length > LIMITS.label) return null;
  const start = lineStart + open;
  if (start > 0 && text[start - 1] === "!") return null;
  let lineEnd = text.indexOf("\n", caret);
  if (lineEnd < 0) lineEnd = text.length;
  if (codeMask(text)[start] !== "[") return null; // inside code
  const close = /^[^[\]\n|]*\]\]/.exec(text.slice(caret, lineEnd));
  return { start, end: caret + (close ? close[0].length : 0), query };
}

/** normLabel folds a label as the backend matches "[[Label]]" (service normLabel): accents and case aside, runs of other than letters and digits as one space. */
export function normLabel(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .normalize("NFC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== "")
    .join(" ");
}

export interface WikiSuggestions {
  matches: NodeOption[];
  /** the label a "Create node" option would create, or null when none is offered */
  create: string | null;
}

/**
 * wikiSuggestions lists the nodes matching the query (matchNodes) and,
 * when no node's label is the query (normLabel) and it is a valid label
 * (not blank, one line, at most LIMITS.label characters), the trimmed query
 * as the label of a node to create. Nothing for a blank query.
 */
export function wikiSuggestions(options: readonly NodeOption[], query: string, limit = 6): WikiSuggestions {
  const q = query.trim();
  const key = normLabel(q);
  if (q === "") return { matches: [], create: null };
  const matches = matchNodes(options, q, [], limit);
  // eslint-disable-next-line no-control-regex
  const valid = key !== "" && [...q].length <= LIMITS.label && !/[\u0000-\u001f\u007f]/.test(q);
  const exact = options.some((o) => normLabel(o.label) === key);
  return { matches, create: valid && !exact ? q : null };
}
