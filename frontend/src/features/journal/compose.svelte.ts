// What another view asks the Journal to open: a new entry about some nodes
// ("Log an interaction", "New entry about this node" — from the node panel,
// the map's right-click menu and the due list) or an existing entry (the node
// panel's entry list). The asker calls request()/openEntry(); the shell
// (App.svelte) sees `pending` and shows the Journal; JournalView takes the
// request once it is shown and its drafts are loaded.
import type { EntryType } from "../../api";

export type ComposeRequest =
  | { kind: "new"; nodeIds: string[]; type: EntryType; n: number }
  | { kind: "open"; entryId: string; n: number };

export class ComposeRequests {
  /** the request not yet taken, or null */
  pending = $state.raw<ComposeRequest | null>(null);
  private n = 0;

  /** request asks for a new entry of this type linked to these nodes, dated now (when the editor opens). */
  request(r: { nodeIds: readonly string[]; type: EntryType }): void {
    this.pending = { kind: "new", nodeIds: r.nodeIds.filter((id, i) => r.nodeIds.indexOf(id) === i), type: r.type, n: ++this.n };
  }

  /** openEntry asks for an existing entry to be opened in the editor and shown in the list. */
  openEntry(entryId: string): void {
    if (entryId === "") return;
    this.pending = { kind: "open", entryId, n: ++this.n };
  }

  /** take returns the pending request and clears it (null when none). */
  take(): ComposeRequest | null {
    const r = this.pending;
    this.pending = null;
    return r;
  }
}

export const compose = new ComposeRequests();
