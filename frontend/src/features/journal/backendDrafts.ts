// Drafts kept by the backend (DraftService, in the store: encrypted with the
// data folder) behind the synchronous KeyValueStore that DraftStore uses.
// An in-memory mirror, loaded once at start, answers every read; setItem and
// removeItem change it at once and write through to the backend, coalesced
// per key: at most one write in flight per key, the latest value wins, and a
// change goes out at most WRITE_DELAY_MS after it was made (a throttle, not
// a debounce, so steady typing is still written every quarter second).
// docs/decisions/journal-drafts.md.

import { drafts as api, toApiError, type ApiError } from "../../api";
import { DRAFT_PREFIX, draftPrefix, type KeyValueStore } from "./draft";

/** Limits of backend/store/drafts.go (the backend stays the judge). */
export const DRAFT_LIMITS = { keyBytes: 64, valueBytes: 1 << 20, count: 200 } as const;

/** How long a change waits before it is written (so a crash loses at most about this much typing). */
export const WRITE_DELAY_MS = 250;

/** The backend calls the adapter makes; tests pass a fake. */
export interface DraftBackend {
  list(): Promise<Record<string, string>>;
  put(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
}

export const boundDraftBackend: DraftBackend = { list: api.Drafts, put: api.PutDraft, remove: api.DeleteDraft };

export interface BackendDraftOptions {
  delayMs?: number;
  /** Called when a write fails after the previous one succeeded (not for every failure in a row). */
  onError?: (err: ApiError, key: string) => void;
}

interface KeyState {
  timer: ReturnType<typeof setTimeout> | null;
  inflight: Promise<void> | null;
  /** the mirror changed since the last write was sent */
  dirty: boolean;
}

/** checkDraftKey mirrors the backend's rule: 1–64 bytes of printable ASCII without spaces. */
export function validDraftKey(k: string): boolean {
  return k.length >= 1 && k.length <= DRAFT_LIMITS.keyBytes && /^[\x21-\x7e]+$/.test(k);
}

function utf8Bytes(s: string): number {
  if (s.length * 3 <= DRAFT_LIMITS.valueBytes) return s.length * 3; // a bound is enough
  return new TextEncoder().encode(s).length;
}

/**
 * BackendDraftStorage is a KeyValueStore over the backend's drafts. Its keys
 * are DRAFT_PREFIX + the backend key (so DraftStore is built with scope "":
 * the backend's drafts belong to its data folder already). setItem throws,
 * as a full localStorage does, for a key or value the backend would refuse.
 */
export class BackendDraftStorage implements KeyValueStore {
  private readonly mirror: Map<string, string>;
  private readonly keys = new Map<string, KeyState>();
  private readonly delayMs: number;
  private failing = false;

  constructor(
    private readonly backend: DraftBackend,
    initial: Record<string, string>,
    private readonly opts: BackendDraftOptions = {},
  ) {
    this.mirror = new Map(Object.entries(initial));
    this.delayMs = opts.delayMs ?? WRITE_DELAY_MS;
  }

  private strip(k: string): string | null {
    return k.startsWith(DRAFT_PREFIX) ? k.slice(DRAFT_PREFIX.length) : null;
  }

  getItem(k: string): string | null {
    const key = this.strip(k);
    return key === null ? null : (this.mirror.get(key) ?? null);
  }

  setItem(k: string, value: string): void {
    const key = this.strip(k);
    if (key === null || !validDraftKey(key)) throw new Error(`${k} is not a draft key the backend keeps`);
    if (utf8Bytes(value) > DRAFT_LIMITS.valueBytes) throw new Error("the draft is over 1 MiB");
    if (!this.mirror.has(key) && this.mirror.size >= DRAFT_LIMITS.count) throw new Error(`${DRAFT_LIMITS.count} drafts are kept already`);
    if (this.mirror.get(key) === value) return;
    this.mirror.set(key, value);
    this.touch(key);
  }

  removeItem(k: string): void {
    const key = this.strip(k);
    if (key === null || !this.mirror.has(key)) return;
    this.mirror.delete(key);
    this.touch(key);
  }

  get length(): number {
    return this.mirror.size;
  }

  key(index: number): string | null {
    const k = [...this.mirror.keys()][index];
    return k === undefined ? null : DRAFT_PREFIX + k;
  }

  /** pending counts the keys with a change not yet written or a write in flight. */
  get pending(): number {
    return this.keys.size;
  }

  /** flush sends every waiting change now and resolves when no write is left in flight. */
  async flush(): Promise<void> {
    while (this.keys.size > 0) {
      const waits: Promise<void>[] = [];
      for (const [key, st] of [...this.keys]) {
        if (st.timer !== null) {
          clearTimeout(st.timer);
          this.send(key, st);
        }
        if (st.inflight) waits.push(st.inflight);
        else this.keys.delete(key); // nothing to wait for (never left so; a guard against spinning)
      }
      await Promise.all(waits);
    }
  }

  private touch(key: string): void {
    let st = this.keys.get(key);
    if (!st) {
      st = { timer: null, inflight: null, dirty: false };
      this.keys.set(key, st);
    }
    st.dirty = true;
    if (st.timer === null && st.inflight === null) this.arm(key, st);
  }

  private arm(key: string, st: KeyState): void {
    st.timer = setTimeout(() => this.send(key, st), this.delayMs);
  }

  /** send writes the mirror's value of key now (a put, or a delete when it has none). */
  private send(key: string, st: KeyState): void {
    st.timer = null;
    if (!st.dirty) {
      if (st.inflight === null) this.keys.delete(key);
      return;
    }
    st.dirty = false;
    const value = this.mirror.get(key);
    let call: Promise<void>;
    try {
      call = value === undefined ? this.backend.remove(key) : this.backend.put(key, value);
    } catch (e) {
      call = Promise.reject(e);
    }
    st.inflight = call.then(
      () => {
        this.failing = false;
      },
      (e: unknown) => {
        const err = toApiError(e);
        console.warn(`Keeping the journal draft ${key} failed:`, err.message);
        if (!this.failing) this.opts.onError?.(err, key);
        this.failing = true;
      },
    );
    void st.inflight.finally(() => {
      st.inflight = null;
      if (st.dirty) this.arm(key, st);
      else if (this.keys.get(key) === st) this.keys.delete(key);
    });
  }
}

/**
 * openBackendDrafts loads the backend's drafts and moves the drafts an older
 * Plexus kept in localStorage into it: those of this data folder (scope,
 * from draftScope) and the unscoped ones (written before drafts were scoped,
 * or when the folder was unknown). A key the backend already has keeps the
 * backend's text; a scoped draft wins over an unscoped one. Each moved draft
 * is removed from localStorage once the backend has it; one the backend
 * refuses stays there. Rejects when the backend's drafts cannot be read.
 */
export async function openBackendDrafts(
  backend: DraftBackend,
  local: KeyValueStore | null,
  scope: string,
  opts: BackendDraftOptions = {},
): Promise<BackendDraftStorage> {
  const have = { ...(await backend.list()) };
  if (local) {
    const prefixes = scope === "" ? [DRAFT_PREFIX] : [draftPrefix(scope), DRAFT_PREFIX];
    const old: { stored: string; key: string }[] = [];
    try {
      for (const prefix of prefixes) {
        for (let i = 0; i < local.length; i++) {
          const k = local.key(i);
          if (k !== null && k.startsWith(prefix)) old.push({ stored: k, key: k.slice(prefix.length) });
        }
      }
    } catch (e) {
      console.warn("Reading the drafts kept in localStorage failed:", e);
    }
    for (const { stored, key } of old) {
      try {
        if (!(key in have)) {
          const value = local.getItem(stored);
          if (value === null) continue;
          await backend.put(key, value);
          have[key] = value;
        }
        local.removeItem(stored);
      } catch (e) {
        console.warn(`Moving the journal draft ${key} out of localStorage failed; it stays there:`, toApiError(e).message);
      }
    }
  }
  return new BackendDraftStorage(backend, have, opts);
}
