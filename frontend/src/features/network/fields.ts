// Field checks shared by the node and tie forms, the selection panel and the
// table (pure): lists typed as text, length limits, labels. The backend
// validates again and is the judge; these give immediate, specific messages.
import { LIMITS } from "../../api";

/** Result: a validated value, or the message saying why not. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export const CONTROL = /\p{Cc}/u;
export const len = (s: string) => [...s].length;

/** splitList turns "a, b\nc" into ["a","b","c"] (trimmed, empties dropped). */
export function splitList(s: string): string[] {
  return s
    .split(/[,\n]/)
    .map((x) => x.trim())
    .filter((x) => x !== "");
}

/**
 * tooLong says that a field is over its limit (length after trimming, in
 * characters as the backend counts them), naming the field and the limit;
 * null when it fits. Inputs have no maxlength: text is never cut silently,
 * this message is shown instead.
 */
export function tooLong(field: string, value: string, limit: number): string | null {
  const n = len(value.trim());
  return n > limit ? `The ${field} is ${n} characters; the limit is ${limit}.` : null;
}

/** listLimitError checks a comma-separated list (tags, contexts): each item and the count. */
export function listLimitError(noun: string, text: string): string | null {
  const items = splitList(text);
  for (const t of items) {
    if (len(t) > LIMITS.tag) {
      const shown = len(t) > 30 ? [...t].slice(0, 30).join("") + "…" : t;
      return `The ${noun} “${shown}” is ${len(t)} characters; the limit for one ${noun} is ${LIMITS.tag}.`;
    }
  }
  if (items.length > LIMITS.tags) return `There are ${items.length} ${noun}s; the limit is ${LIMITS.tags}.`;
  return null;
}

export function checkLabel(label: string): string | null {
  const t = label.trim();
  if (t === "") return "The label is empty; give the node a name.";
  const long = tooLong("label", t, LIMITS.label);
  if (long) return long;
  if (CONTROL.test(t)) return "The label must be one line.";
  return null;
}

/** intIn reads a number input as an integer in [lo, hi] (emptied: 0), or null when it is not one. */
export function intIn(v: unknown, lo: number, hi: number): number | null {
  // An emptied number input is null (or ""): no value, which is 0 (a cadence: none).
  const n = typeof v === "number" ? v : v === null || v === undefined || String(v).trim() === "" ? 0 : Number(v);
  if (!Number.isInteger(n) || n < lo || n > hi) return null;
  return n;
}
