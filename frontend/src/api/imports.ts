// ImportService — typed wrappers. Files go over HTTP (http.ts: importFile).
import { invoke } from "./bridge";
import type { Import, ImportResult } from "./types";

const S = ["service", "ImportService"] as const;

export const ImportLink = (url: string, title: string) => invoke<ImportResult>(...S, "ImportLink", url, title);
export const UndoLastImport = () => invoke<Import>(...S, "UndoLastImport");
export const LastImport = () => invoke<Import | null>(...S, "LastImport");
export const CancelImport = (importId: string) => invoke<void>(...S, "CancelImport", importId);
