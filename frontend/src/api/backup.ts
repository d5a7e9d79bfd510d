// BackupService and the root App's native-dialog methods.
import { invoke } from "./bridge";
import type { BackupInfo, ImportPreview } from "./types";

const B = ["service", "BackupService"] as const;
const A = ["main", "App"] as const;

export const ExportBackup = (path: string) => invoke<void>(...B, "ExportBackup", path);
export const RestoreBackup = (path: string, replace: boolean) => invoke<void>(...B, "RestoreBackup", path, replace);
/** The automatic backups in the data folder, newest first (daily, and the ones saved before restores, upgrades and large imports). */
export const ListBackups = () => invoke<BackupInfo[]>(...B, "ListBackups");

/** Native save dialog, then ExportBackup. Resolves with the path written ("" if cancelled). */
export const ExportBackupDialog = () => invoke<string>(...A, "ExportBackupDialog");
/** Native open dialog + native confirmation, then RestoreBackup. Resolves true when restored, false if cancelled. */
export const RestoreBackupDialog = () => invoke<boolean>(...A, "RestoreBackupDialog");
/** Native multi-file open dialog, then a preview of the chosen files (null when cancelled). */
export const ImportFilesDialog = () => invoke<ImportPreview | null>(...A, "ImportFilesDialog");
/** Native save dialog, then the export in format (ImportService.ExportFormats); resolves with the path written ("" if cancelled). */
export const ExportDialog = (format: string) => invoke<string>(...A, "ExportDialog", format);
/** Tells the backend the first graph draw happened (startup timing, window checks). */
export const ReportRendered = (nodeCount: number) => invoke<void>(...A, "ReportRendered", nodeCount);
/** The absolute data folder this Plexus runs on (--data-dir); scopes what the page keeps locally. */
export const DataDir = () => invoke<string>(...A, "DataDir");
