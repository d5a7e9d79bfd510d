// The editor's form model (pure): what the user types, and how it becomes
// the backend's EntryFields.

import { ENTRY_TYPES, LIMITS, type Entry, type EntryFields, type EntryType } from "../../api";
import { fromLocalInput, toLocalInput } from "./datetime";

/** EntryDraft is the editor's form state; it is what the draft store keeps. */
export interface EntryDraft {
  occurredAt: string; // datetime-local value, local time
  body: string;
  type: EntryType;
  tags: string; // comma separated, as typed
  nodeIds: string[];
}

/** MAX_BODY_BYTES mirrors backend/pln MaxBodyBytes (the backend stays the judge). */
export const MAX_BODY_BYTES = 1 << 20;

export function emptyDraft(now: Date = new Date()): EntryDraft {
  return { occurredAt: toLocalInput(now), body: "", type: "reflection", tags: "", nodeIds: [] };
}

export function draftFromEntry(e: Entry): EntryDraft {
  return {
    occurredAt: toLocalInput(e.occurredAt),
    body: e.body,
    type: (ENTRY_TYPES as readonly string[]).includes(e.type) ? e.type : "reflection",
    tags: (e.tags ?? []).join(", "),
    nodeIds: [...(e.nodeIds ?? [])],
  };
}

/** parseTags splits "a, b ,,c" into ["a","b","c"], trimmed, without duplicates. */
export function parseTags(s: string): string[] {
  const out: string[] = [];
  for (const part of s.split(",")) {
    const t = part.trim();
    if (t !== "" && !out.includes(t)) out.push(t);
  }
  return out;
}

export function sameDraft(a: EntryDraft, b: EntryDraft): boolean {
  return (
    a.occurredAt === b.occurredAt &&
    a.body === b.body &&
    a.type === b.type &&
    parseTags(a.tags).join("\u0000") === parseTags(b.tags).join("\u0000") &&
    a.nodeIds.length === b.nodeIds.length &&
    a.nodeIds.every((id, i) => id === b.nodeIds[i])
  );
}

/** hasBody says whether the body has any non-blank text (autosave waits for it). */
export function hasBody(d: EntryDraft): boolean {
  return d.body.trim() !== "";
}

export function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

export type FieldsResult = { ok: true; fields: EntryFields } | { ok: false; message: string };

/**
 * toFields converts the form to EntryFields. When the date input still shows
 * the original entry's time (to the minute), the original RFC 3339 value is
 * sent back unchanged, so editing the text does not drop its seconds.
 * Obvious mistakes are caught here with a clear message; everything else is
 * checked by the backend.
 */
export function toFields(d: EntryDraft, originalOccurredAt?: string): FieldsResult {
  let occurredAt: string | null;
  if (originalOccurredAt && toLocalInput(originalOccurredAt) === d.occurredAt) occurredAt = originalOccurredAt;
  else occurredAt = fromLocalInput(d.occurredAt);
  if (occurredAt === null) return { ok: false, message: "Give the entry a valid date and time." };
  const tags = parseTags(d.tags);
  const longTag = tags.find((t) => [...t].length > LIMITS.tag);
  if (longTag !== undefined) {
    return { ok: false, message: `The tag "${longTag.slice(0, 40)}…" is longer than ${LIMITS.tag} characters.` };
  }
  return { ok: true, fields: { occurredAt, body: d.body, nodeIds: [...d.nodeIds], tags, type: d.type } };
}
