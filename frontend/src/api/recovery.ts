// The root Recovery binding (recovery.go): bound in every window; the page
// asks State first and shows the recovery screen when the store did not open.
import { invoke } from "./bridge";
import type { BackupInfo } from "./types";

const R = ["main", "Recovery"] as const;

/** One damaged file and what is wrong with it (store.Problem). */
export interface Problem {
  /** base name inside the store folder; "" for the folder as a whole */
  file: string;
  /** one sentence */
  reason: string;
}

/** main.RecoveryState */
export interface RecoveryState {
  /** true: the store did not open; show only the recovery screen */
  recovering: boolean;
  dataDir: string;
  /** pln error code of the open failure ("damaged", "internal", …) */
  code?: string;
  message?: string;
  problems?: Problem[];
  /** newest first */
  backups: BackupInfo[];
  /** path of the newest backup that reads back whole; "" when none does */
  latest: string;
  /** the folder is encrypted and waits for its passphrase: show the lock screen */
  locked: boolean;
  /** what a forgotten passphrase means (service.ForgottenWarning) */
  warning?: string;
}

/** store.SalvageReport (Go field names: the struct has no JSON tags). */
export interface SalvageReport {
  Nodes: number;
  Ties: number;
  Entries: number;
  Unreadable: Problem[] | null;
}

export const State = () => invoke<RecoveryState>(...R, "State");
/** Restores the backup at path into a new store and relaunches Plexus (the damaged store is kept). */
export const RestoreBackup = (path: string) => invoke<void>(...R, "RestoreBackup", path);
/** Native open dialog, then RestoreBackup; resolves "" when cancelled. */
export const ChooseBackup = () => invoke<string>(...R, "ChooseBackup");
/** Builds a new store beside the damaged one from what can still be read; nothing is replaced yet. */
export const Salvage = () => invoke<SalvageReport>(...R, "Salvage");
/** Puts the salvaged store in place (the damaged one is kept) and relaunches Plexus. */
export const UseSalvage = () => invoke<void>(...R, "UseSalvage");
/** Drops the salvaged store; the damaged one stays. */
export const DiscardSalvage = () => invoke<void>(...R, "DiscardSalvage");
export const Relaunch = () => invoke<void>(...R, "Relaunch");
/** Native folder dialog, then a relaunch on that folder; resolves "" when cancelled. */
export const OpenOtherFolder = () => invoke<string>(...R, "OpenOtherFolder");
export const Quit = () => invoke<void>(...R, "Quit");
/** For a folder Plexus cannot write: native save dialog, then a backup read from a copy; "" when cancelled. */
export const ExportCopy = () => invoke<string>(...R, "ExportCopy");
/** Unlocks an encrypted folder and relaunches on it; rejects with code "locked" for a wrong passphrase. */
export const Unlock = (passphrase: string) => invoke<void>(...R, "Unlock", passphrase);
/** Tells the backend the recovery screen is drawn (logged; the window test waits for it). */
export const Shown = () => invoke<void>(...R, "Shown");

/** recoveryBound says whether this window has the Recovery binding (false in unit tests and a plain browser). */
export function recoveryBound(): boolean {
  const go = (globalThis as { go?: { main?: { Recovery?: unknown } } }).go;
  return go?.main?.Recovery !== undefined;
}
