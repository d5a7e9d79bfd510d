// The draft scope of this run: a hash of the data folder (App.DataDir()),
// fetched once. When the call fails (no backend, an older binary) drafts
// are kept unscoped, as before.
import { backup } from "../../api";
import { draftScope } from "./draft";

let pending: Promise<string> | null = null;

/** loadDraftScope resolves the scope once per page; load is replaceable for tests. */
export function loadDraftScope(load: () => Promise<string> = backup.DataDir): Promise<string> {
  pending ??= load().then(
    (dir) => (typeof dir === "string" && dir.trim() !== "" ? draftScope(dir) : ""),
    () => "",
  );
  return pending;
}

/** resetDraftScope forgets the loaded scope (tests only). */
export function resetDraftScope(): void {
  pending = null;
}
