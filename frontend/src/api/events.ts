// Subscriptions to backend events through the Wails runtime. Each returns
// an unsubscribe function; outside Wails they are no-ops.

import { runtime } from "./bridge";
import {
  EVENT_FILES_DROPPED,
  EVENT_HISTORY_CHANGED,
  EVENT_IMPORT_FINISHED,
  EVENT_IMPORT_PREVIEW,
  EVENT_IMPORT_PROGRESS,
  EVENT_JOURNAL_CHANGED,
  EVENT_NETWORK_CHANGED,
  type FilesDropped,
  type HistoryChanged,
  type ImportFinished,
  type ImportPreviewed,
  type ImportProgress,
  type JournalChanged,
  type NetworkChanged,
} from "./types";

function on<T>(name: string, cb: (payload: T) => void): () => void {
  const rt = runtime();
  if (!rt) return () => {};
  const off = rt.EventsOnMultiple(name, (...data: unknown[]) => cb((data[0] ?? {}) as T), -1);
  return typeof off === "function" ? off : () => {};
}

export const onNetworkChanged = (cb: (p: NetworkChanged) => void) => on(EVENT_NETWORK_CHANGED, cb);
export const onJournalChanged = (cb: (p: JournalChanged) => void) => on(EVENT_JOURNAL_CHANGED, cb);
export const onImportProgress = (cb: (p: ImportProgress) => void) => on(EVENT_IMPORT_PROGRESS, cb);
export const onImportFinished = (cb: (p: ImportFinished) => void) => on(EVENT_IMPORT_FINISHED, cb);
export const onHistoryChanged = (cb: (p: HistoryChanged) => void) => on(EVENT_HISTORY_CHANGED, cb);
/** import:preview: the Wails window read natively dropped files; show the preview (or the error). */
/** A native file drop in the Wails window: the page routes it by its point (app/dropZones.ts). */
export const onFilesDropped = (cb: (p: FilesDropped) => void) => on(EVENT_FILES_DROPPED, cb);
export const onImportPreview = (cb: (p: ImportPreviewed) => void) => on(EVENT_IMPORT_PREVIEW, cb);
