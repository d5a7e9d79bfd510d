// Full-text hits as the UI shows them (pure). A snippet comes from the
// backend as spans of plain text, some marked as matched terms
// (api/search.ts SearchSpan, cut by backend/search/snippet.go from the
// record as written: Markdown source). highlightPieces turns them into the
// pieces a component renders as text nodes and <mark> elements — never as
// HTML: user text stays data (Snippet.svelte).
import type { SearchHit, SearchSpan } from "../../api/search";
import { dayKey, dayLabel, timeLabel } from "../journal/datetime";

/** One piece of a highlighted snippet: text to show as text; mark: show it as a <mark>. */
export interface Piece {
  text: string;
  mark: boolean;
}

/** About how many characters a snippet shows (the backend cuts ~160 bytes; this bounds what arrives). */
export const MAX_SNIPPET_CHARS = 240;

// A stored node link is written "[[<uuid>|Label]]" (docs/decisions/journal-links.md): its label is what a reader sees.
const LINK_OPEN = /\[\[[0-9a-fA-F-]{36}\|/g;
// eslint-disable-next-line no-control-regex -- control characters are what it removes
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

/** tidy makes a plain (unmarked) piece of Markdown source read as text: link syntax and emphasis markers out, white space collapsed. */
function tidy(s: string): string {
  return s
    .replace(CONTROL, "")
    .replace(LINK_OPEN, "")
    .replace(/\]\]/g, "")
    .replace(/\*\*|__|`/g, "")
    .replace(/\s+/g, " ");
}

/**
 * highlightPieces turns a snippet's spans into pieces: each span's text is
 * kept as text (control and bidi-override characters dropped, white space
 * collapsed; unmarked text also loses stored-link syntax "[[id|" "]]", "**",
 * "__" and backticks), neighbours with the same mark are merged, empty
 * pieces dropped, leading and trailing space trimmed, and the whole cut at
 * maxChars characters (ending "…"). Spans that are not {text: string} are
 * skipped (the input is whatever the backend sent).
 */
export function highlightPieces(spans: readonly SearchSpan[] | null | undefined, maxChars = MAX_SNIPPET_CHARS): Piece[] {
  const out: Piece[] = [];
  let left = maxChars;
  for (const sp of spans ?? []) {
    if (left <= 0) break;
    if (sp === null || typeof sp !== "object" || typeof sp.text !== "string") continue;
    const mark = sp.mark === true;
    let text = mark ? sp.text.replace(CONTROL, "").replace(/\s+/g, " ") : tidy(sp.text);
    if (out.length === 0) text = text.trimStart();
    if (text === "") continue;
    if ([...text].length > left) {
      text = [...text].slice(0, left).join("").trimEnd() + "…";
      left = 0;
    } else {
      left -= [...text].length;
    }
    const last = out[out.length - 1];
    if (last && last.mark === mark) last.text += text;
    else out.push({ text, mark });
  }
  const last = out[out.length - 1];
  if (last) {
    last.text = last.text.trimEnd();
    if (last.text === "") out.pop();
  }
  return out;
}

/** hitTitle names a hit in a list: a node's label; an entry's local day (Today, Yesterday, a long date) and time. */
export function hitTitle(hit: Pick<SearchHit, "kind" | "title" | "date">, now: Date = new Date()): string {
  if (hit.kind === "node") return hit.title.trim() === "" ? "(unnamed node)" : hit.title;
  const key = hit.date ? dayKey(hit.date) : "";
  if (key === "") return hit.title === "" ? "Entry" : hit.title;
  const time = timeLabel(hit.date ?? "");
  return time === "" ? dayLabel(key, now) : `${dayLabel(key, now)}, ${time}`;
}

/** hitKey identifies a hit in a keyed list. */
export const hitKey = (h: Pick<SearchHit, "kind" | "id">) => `${h.kind}:${h.id}`;
