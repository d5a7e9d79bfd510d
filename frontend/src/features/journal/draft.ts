// Unsaved editor text kept in localStorage until the backend confirms a save,
// keyed by entry id ("new" for an entry not created yet). Pure apart from the
// storage it is handed, so tests pass a Map-backed fake.

import { ENTRY_TYPES } from "../../api";
import type { EntryDraft } from "./editor";

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length: number;
  key(index: number): string | null;
}

export const NEW_KEY = "new";
export const DRAFT_PREFIX = "plexus.journal.draft.";

export interface StoredDraft {
  v: 1;
  key: string; // entry id or "new"
  savedAt: string; // when the draft was written (ISO)
  baseUpdatedAt: string | null; // the entry's updatedAt the draft was made from
  draft: EntryDraft;
}

function isDraft(x: unknown): x is EntryDraft {
  if (x === null || typeof x !== "object") return false;
  const d = x as Record<string, unknown>;
  return (
    typeof d.occurredAt === "string" &&
    typeof d.body === "string" &&
    typeof d.tags === "string" &&
    typeof d.type === "string" &&
    (ENTRY_TYPES as readonly string[]).includes(d.type) &&
    Array.isArray(d.nodeIds) &&
    d.nodeIds.every((id) => typeof id === "string")
  );
}

export class DraftStore {
  constructor(
    private readonly storage: KeyValueStore | null,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** save keeps a draft; false when storage is missing or full (the caller still has the text in memory). */
  save(key: string, draft: EntryDraft, baseUpdatedAt: string | null): boolean {
    if (!this.storage) return false;
    const rec: StoredDraft = { v: 1, key, savedAt: this.now().toISOString(), baseUpdatedAt, draft };
    try {
      this.storage.setItem(DRAFT_PREFIX + key, JSON.stringify(rec));
      return true;
    } catch {
      return false;
    }
  }

  load(key: string): StoredDraft | null {
    if (!this.storage) return null;
    let raw: string | null;
    try {
      raw = this.storage.getItem(DRAFT_PREFIX + key);
    } catch {
      return null;
    }
    if (raw === null) return null;
    try {
      const rec = JSON.parse(raw) as Partial<StoredDraft>;
      if (rec.v !== 1 || !isDraft(rec.draft) || typeof rec.savedAt !== "string") return null;
      return {
        v: 1,
        key,
        savedAt: rec.savedAt,
        baseUpdatedAt: typeof rec.baseUpdatedAt === "string" ? rec.baseUpdatedAt : null,
        draft: { ...rec.draft, nodeIds: [...rec.draft.nodeIds] },
      };
    } catch {
      return null;
    }
  }

  clear(key: string): void {
    try {
      this.storage?.removeItem(DRAFT_PREFIX + key);
    } catch {
      // nothing to do
    }
  }

  /** keys lists the entry ids (and "new") that have a draft. */
  keys(): string[] {
    if (!this.storage) return [];
    const out: string[] = [];
    try {
      for (let i = 0; i < this.storage.length; i++) {
        const k = this.storage.key(i);
        if (k !== null && k.startsWith(DRAFT_PREFIX)) out.push(k.slice(DRAFT_PREFIX.length));
      }
    } catch {
      return out;
    }
    return out.sort();
  }
}

/** browserStorage returns window.localStorage, or null where there is none or it throws. */
export function browserStorage(): KeyValueStore | null {
  try {
    const s = (globalThis as { localStorage?: KeyValueStore }).localStorage;
    return s ?? null;
  } catch {
    return null;
  }
}

/**
 * restoreNotice says what to tell the user when a kept draft is restored.
 * When the entry changed on the backend after the draft was made
 * (updatedAt differs from the draft's base), it says so.
 */
export function restoreNotice(rec: StoredDraft, currentUpdatedAt: string | null): string {
  const when = new Date(rec.savedAt);
  const at = Number.isNaN(when.getTime()) ? "earlier" : when.toLocaleString();
  const base = `Restored unsaved changes from ${at}.`;
  if (currentUpdatedAt !== null && rec.baseUpdatedAt !== null && rec.baseUpdatedAt !== currentUpdatedAt) {
    return `${base} The saved entry has changed since; saving will replace it with this text.`;
  }
  return base;
}
