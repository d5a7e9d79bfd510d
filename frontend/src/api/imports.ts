// ImportService — typed wrappers. Files go over HTTP (http.ts: previewFiles,
// POST /api/import/preview) or through the native dialog (backup.ts:
// ImportFilesDialog); either way the result is an ImportPreview the user
// answers with ApplyImport (all or nothing, one undoable step) or
// DiscardPreview. Exports: ExportFormats lists them; http.ts downloads one,
// backup.ts ExportDialog saves one through the native dialog.
import { invoke } from "./bridge";
import type { ExportFormat, ImportChoices, ImportResult } from "./types";

const S = ["service", "ImportService"] as const;

export const ImportLink = (url: string, title: string) => invoke<ImportResult>(...S, "ImportLink", url, title);
export const CancelImport = (importId: string) => invoke<void>(...S, "CancelImport", importId);
/** Applies a preview with the user's choices. not_found: the preview expired; invalid: a choice is missing (the message says which). */
export const ApplyImport = (choices: ImportChoices) => invoke<ImportResult>(...S, "ApplyImport", choices);
/** Forgets a preview the user closed without importing. */
export const DiscardPreview = (previewId: string) => invoke<void>(...S, "DiscardPreview", previewId);
/** The formats Plexus can export, for the Export… menu. */
export const ExportFormats = async () => (await invoke<ExportFormat[] | null>(...S, "ExportFormats")) ?? [];
