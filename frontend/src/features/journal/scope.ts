// The draft scope of this run: a hash of the data folder (App.DataDir()),
// fetched once. It names the localStorage drafts an older Plexus kept for
// this folder (moved into the backend at start: draftSource.ts), and scopes
// drafts in a plain browser. When the call fails (no backend) drafts there
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
