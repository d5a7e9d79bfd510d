// Unsaved editor text kept until the backend confirms a save, keyed by entry
// id ("new" for an entry not created yet), in the storage it is handed: the
// backend's drafts (backendDrafts.ts, chosen by draftSource.ts), or
// localStorage where there is no backend. Pure apart from that storage, so
// tests pass a Map-backed fake.

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
/** the key prefix when the data folder is unknown (and before drafts were scoped) */
export const DRAFT_PREFIX = "plexus.journal.draft.";

/**
 * draftScope is a short hash (FNV-1a, 8 hex digits) of the absolute data
 * folder: drafts are kept per data folder, so a draft made against one
 * --data-dir never shows up in another. localStorage is shared by every
 * data folder the app (one origin) is started on.
 */
export function draftScope(dataDir: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < dataDir.length; i++) {
    h ^= dataDir.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/** draftPrefix is the key prefix for a scope ("" = unscoped). Scoped keys never start with DRAFT_PREFIX. */
export function draftPrefix(scope: string): string {
  return scope === "" ? DRAFT_PREFIX : `plexus.journal.draft@${scope}.`;
}

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
  private readonly prefix: string;
  /** scope: draftScope(data folder), or "" when it is not known */
  constructor(
    private readonly storage: KeyValueStore | null,
    private readonly now: () => Date = () => new Date(),
    scope = "",
  ) {
    this.prefix = draftPrefix(scope);
  }

  /** save keeps a draft; false when storage is missing or full (the caller still has the text in memory). */
  save(key: string, draft: EntryDraft, baseUpdatedAt: string | null): boolean {
    if (!this.storage) return false;
    const rec: StoredDraft = { v: 1, key, savedAt: this.now().toISOString(), baseUpdatedAt, draft };
    try {
      this.storage.setItem(this.prefix + key, JSON.stringify(rec));
      return true;
    } catch {
      return false;
    }
  }

  load(key: string): StoredDraft | null {
    if (!this.storage) return null;
    let raw: string | null;
    try {
      raw = this.storage.getItem(this.prefix + key);
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
      this.storage?.removeItem(this.prefix + key);
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
        if (k !== null && k.startsWith(this.prefix)) out.push(k.slice(this.prefix.length));
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
