// JournalService — typed wrappers (the journal view reads pages over HTTP: http.ts).
import { invoke } from "./bridge";
import type { Entry, EntryFields } from "./types";

const S = ["service", "JournalService"] as const;

export const CreateEntry = (f: EntryFields) => invoke<Entry>(...S, "CreateEntry", f);
export const UpdateEntry = (id: string, f: EntryFields) => invoke<Entry>(...S, "UpdateEntry", id, f);
export const DeleteEntry = (id: string) => invoke<void>(...S, "DeleteEntry", id);
export const GetEntry = (id: string) => invoke<Entry>(...S, "GetEntry", id);
