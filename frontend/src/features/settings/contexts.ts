// Pure helpers for the context list (api/contexts.ts): moving a context up or down, the
// delete confirmation that names how many nodes carry it, and the node panel's checkboxes
// over the comma-separated contexts field. docs/decisions/contexts.md.
import type { ContextUse } from "../../api/contexts";

/** Space and invisible format characters (Unicode Cf: U+200B, U+2062…) at a name's ends, as pln.TrimTag trims them. */
const ENDS = /^[\s\p{Cf}]+|[\s\p{Cf}]+$/gu;

/** contextKey: how contexts compare (pln.ContextKey): NFC, spaces and format characters trimmed from the ends, lower-cased. */
export function contextKey(name: string): string {
  return name.normalize("NFC").replace(ENDS, "").toLowerCase();
}

/** nodesText: "1 node" / "3 nodes". */
export function nodesText(n: number): string {
  return n === 1 ? "1 node" : `${n} nodes`;
}

/**
 * moved: the names in list order with the one at index moved by delta (−1 up, +1 down), or
 * null when it cannot move (already first or last, index out of range).
 */
export function moved(list: readonly string[], index: number, delta: -1 | 1): string[] | null {
  const to = index + delta;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return null;
  const out = [...list];
  [out[index], out[to]] = [out[to] as string, out[index] as string];
  return out;
}

/** deleteQuestion: the confirmation for deleting c; null when no node carries it (no question). */
export function deleteQuestion(c: ContextUse): { title: string; message: string; confirmLabel: string } | null {
  if (c.nodes === 0) return null;
  return {
    title: `Delete the context “${c.name}”?`,
    message: `${nodesText(c.nodes)} ${c.nodes === 1 ? "has" : "have"} the context “${c.name}”. Deleting it takes it off ${c.nodes === 1 ? "that node" : "those nodes"} too (Undo brings it back).`,
    confirmLabel: `Delete from ${nodesText(c.nodes)}`,
  };
}

/** splitContexts: the contexts in a comma-separated field (as forms.splitList). */
export function splitContexts(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((x) => x.trim())
    .filter((x) => x !== "");
}

/** hasContext: whether the field's text holds name (case aside). */
export function hasContext(text: string, name: string): boolean {
  const k = contextKey(name);
  return splitContexts(text).some((c) => contextKey(c) === k);
}

/**
 * toggleContext: the field's text with name added at the end (on) or every spelling of it
 * taken out (off); the other entries keep their order and spelling. Unchanged text when
 * nothing changes, so an untouched field still matches the stored list.
 */
export function toggleContext(text: string, name: string, on: boolean): string {
  if (hasContext(text, name) === on) return text;
  const items = splitContexts(text);
  const k = contextKey(name);
  return (on ? [...items, name] : items.filter((c) => contextKey(c) !== k)).join(", ");
}

/** freeContexts: the field's contexts that are not in the managed list (case aside). */
export function freeContexts(text: string, list: readonly string[]): string[] {
  const keys = new Set(list.map(contextKey));
  return splitContexts(text).filter((c) => !keys.has(contextKey(c)));
}
