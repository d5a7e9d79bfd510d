// ImportService — typed wrappers. Files go over HTTP (http.ts: importFile).
// An import is undone like any other step (history.ts).
import { invoke } from "./bridge";
import type { ImportResult } from "./types";

const S = ["service", "ImportService"] as const;

export const ImportLink = (url: string, title: string) => invoke<ImportResult>(...S, "ImportLink", url, title);
export const CancelImport = (importId: string) => invoke<void>(...S, "CancelImport", importId);
