// Access to the Wails bridge: bound Go methods under window.go and the
// runtime under window.runtime. This is exactly what the generated bindings
// in frontend/wailsjs/ do (`window['go']['service']['NetworkService']['CreateNode'](…)`);
// the api/ modules are the only callers. bindings.test.ts checks every name
// used here against the generated .d.ts files once they exist.

import { ApiError, toApiError } from "./errors";

type BoundFn = (...args: unknown[]) => Promise<unknown>;
type GoTree = Record<string, Record<string, Record<string, BoundFn>>>;

export interface WailsRuntime {
  EventsOnMultiple(name: string, cb: (...data: unknown[]) => void, max: number): () => void;
  EventsOn?(name: string, cb: (...data: unknown[]) => void): () => void;
  EventsOff?(name: string, ...more: string[]): void;
}

interface WailsWindow {
  go?: GoTree;
  runtime?: WailsRuntime;
  wails?: { flags?: { enableWailsDragAndDrop?: boolean } };
}

function w(): WailsWindow {
  return globalThis as unknown as WailsWindow;
}

/** Every bound method name the frontend calls, by Go package and struct. */
export const BOUND = {
  service: {
    NetworkService: [
      "Ego",
      "RenameEgo",
      "GetNode",
      "CreateNode",
      "UpdateNode",
      "DeleteNode",
      "DeleteNodes",
      "TagNodes",
      "MergeNodes",
      "CreateTie",
      "UpdateTie",
      "DeleteTie",
      "SetPositions",
      "GetTie",
      "Network",
      "PossibleDuplicates",
      "Contexts",
      "AddContext",
      "RenameContext",
      "DeleteContext",
      "ReorderContexts",
    ],
    JournalService: ["CreateEntry", "UpdateEntry", "DeleteEntry", "GetEntry", "NodeActivity", "Due", "Settings", "SetQuietPeriod"],
    ImportService: ["ImportLink", "CancelImport", "ApplyImport", "DiscardPreview", "ExportFormats"],
    HistoryService: ["Undo", "Redo", "State"],
    BackupService: ["ExportBackup", "RestoreBackup", "ListBackups"],
    EncryptionService: [
      "Status",
      "SetPassphrase",
      "ChangePassphrase",
      "RemovePassphrase",
      "ExportEncryptedBackup",
      "RestoreEncryptedBackup",
    ],
    DraftService: ["Drafts", "PutDraft", "DeleteDraft"],
    ViewService: ["Views", "SaveView", "RenameView", "DeleteView"],
    SearchService: ["Status"],
    GoalService: ["Goals", "GetGoal", "CreateGoal", "UpdateGoal", "SetGoalStatus", "DeleteGoal", "LinkNode", "UnlinkNode", "GoalHistory"],
  },
  main: {
    App: ["ExportBackupDialog", "RestoreBackupDialog", "ImportFilesDialog", "ExportDialog", "SaveImageDialog", "ReportRendered", "DataDir", "DebugFrames", "ReportFrames", "ReportDrawn"],
    Recovery: ["State", "RestoreBackup", "ChooseBackup", "Salvage", "Relaunch", "OpenOtherFolder", "Quit", "Shown", "Unlock", "ExportCopy", "UseSalvage", "DiscardSalvage"],
  },
} as const;

/** invoke calls a bound Go method and rejects only with ApiError. */
export async function invoke<T>(pkg: string, struct: string, method: string, ...args: unknown[]): Promise<T> {
  const fn = w().go?.[pkg]?.[struct]?.[method];
  if (typeof fn !== "function") {
    throw new ApiError("internal", `The backend method ${struct}.${method} is not available (is Plexus running?).`);
  }
  try {
    return (await fn(...args)) as T;
  } catch (e) {
    throw toApiError(e);
  }
}

/** runtime returns the Wails runtime, or null outside Wails (unit tests, a plain browser). */
export function runtime(): WailsRuntime | null {
  const r = w().runtime;
  return r && typeof r.EventsOnMultiple === "function" ? r : null;
}

/** hasBackend says whether bound methods can be called at all. */
export function hasBackend(): boolean {
  return w().go?.service !== undefined;
}

/**
 * nativeFileDrop says whether the Wails window delivers dropped files to Go
 * (DragAndDrop.EnableFileDrop): the native runtime sets
 * window.wails.flags.enableWailsDragAndDrop = true once the page is ready
 * (read in v2.13.0 internal/frontend/desktop/{linux,darwin,windows}/frontend.go).
 * In a browser talking to the dev server the flag stays false, and the page
 * must upload the file itself.
 */
export function nativeFileDrop(): boolean {
  return w().wails?.flags?.enableWailsDragAndDrop === true;
}
