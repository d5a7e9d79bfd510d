// DraftService — the journal editor's unsaved text, kept in the store (encrypted with the
// data folder). features/journal/backendDrafts.ts mirrors it in memory and writes through.
import { invoke } from "./bridge";

const S = ["service", "DraftService"] as const;

/** Every kept draft, key (entry id or "new") → text. Read once at start. */
export const Drafts = () => invoke<Record<string, string>>(...S, "Drafts");
/** Keeps text as key's draft (one synced write). invalid / too_large past the limits (backend/store/drafts.go). */
export const PutDraft = (key: string, value: string) => invoke<void>(...S, "PutDraft", key, value);
/** Removes key's draft; none kept is no error. */
export const DeleteDraft = (key: string) => invoke<void>(...S, "DeleteDraft", key);
