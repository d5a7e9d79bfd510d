// Where this run keeps journal drafts, decided once per page: the backend
// (BackendDraftStorage) when Plexus's bound methods are there, after moving
// what an older Plexus left in localStorage into it; localStorage, as
// before, in a plain browser or unit tests (no backend); memory only when
// the backend is there but its drafts cannot be read (never the webview's
// storage then: the folder may be encrypted). The app shell starts the load
// at start; the journal waits for it before it reads a draft.
import { hasBackend, toApiError } from "../../api";
import { toasts } from "../../ui/toasts.svelte";
import { BackendDraftStorage, boundDraftBackend, openBackendDrafts, type DraftBackend } from "./backendDrafts";
import { browserStorage, type KeyValueStore } from "./draft";
import { loadDraftScope } from "./scope";

export interface DraftSource {
  storage: KeyValueStore | null;
  /** the DraftStore scope to use with storage ("" for the backend: its drafts are its folder's) */
  scope: string;
  /** the backend adapter, when drafts are kept there */
  backend: BackendDraftStorage | null;
}

export interface DraftSourceDeps {
  hasBackend: () => boolean;
  backend: DraftBackend;
  local: () => KeyValueStore | null;
  scope: () => Promise<string>;
  onError: (message: string) => void;
}

const defaults: DraftSourceDeps = {
  hasBackend,
  backend: boundDraftBackend,
  local: browserStorage,
  scope: () => loadDraftScope(),
  onError: (message) => toasts.push("error", message),
};

/** MemoryStorage keeps drafts for this page only. */
export class MemoryStorage implements KeyValueStore {
  private readonly m = new Map<string, string>();
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.m.set(k, v);
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
  get length() {
    return this.m.size;
  }
  key(i: number) {
    return [...this.m.keys()][i] ?? null;
  }
}

let pending: Promise<DraftSource> | null = null;
let loaded: DraftSource | null = null;

/** loadDraftSource resolves once per page (deps are replaceable for tests). */
export function loadDraftSource(deps: Partial<DraftSourceDeps> = {}): Promise<DraftSource> {
  pending ??= open({ ...defaults, ...deps }).then((src) => (loaded = src));
  return pending;
}

/** draftSource is the loaded source, or null before loadDraftSource resolved. */
export function draftSource(): DraftSource | null {
  return loaded;
}

async function open(d: DraftSourceDeps): Promise<DraftSource> {
  const scope = await d.scope();
  if (!d.hasBackend()) return { storage: d.local(), scope, backend: null };
  try {
    const backend = await openBackendDrafts(d.backend, d.local(), scope, {
      onError: (err) => d.onError(`Your unsaved journal text could not be kept as a draft: ${err.message} Save the entry to keep it.`),
    });
    if (typeof window !== "undefined") window.addEventListener("pagehide", () => void backend.flush());
    return { storage: backend, scope: "", backend };
  } catch (e) {
    console.warn("Reading the kept journal drafts failed; drafts stay in this window only:", e);
    d.onError(`The kept journal drafts could not be read: ${toApiError(e).message} New drafts stay in this window only.`);
    return { storage: new MemoryStorage(), scope: "", backend: null };
  }
}

/** resetDraftSource forgets the loaded source (tests only). */
export function resetDraftSource(): void {
  pending = null;
  loaded = null;
}
