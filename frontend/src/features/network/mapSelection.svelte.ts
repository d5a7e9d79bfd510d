// What the Map has selected — one node, one tie, several nodes, or nothing
// (./selection.ts) — and the full record its side panel edits. A change of
// selection first lets the open panel save its edits (or the user discard
// them, or keep editing: then nothing changes); a record that is gone (an
// undo took it back) is let go of with a word about unsaved edits.
import { network as netApi, type Node, type NodeFields, type TieRow } from "../../api";
import { network } from "../../mirror/store.svelte";
import { toasts } from "../../ui/toasts.svelte";
import * as actions from "./actions";
import { sameSelection, type Selection } from "./selection";

/** An open side panel as the selection sees it (NodePanel, TiePanel). */
export interface OpenPanel {
  dirty(): boolean;
  leave(): Promise<boolean>;
  flush(): void;
}

/** The tie a panel edits: its row and its note (the note is not in the mirror). */
export interface SelectedTie {
  row: TieRow;
  note: string;
}

export class MapSelection {
  /** what is selected */
  current = $state.raw<Selection>(null);
  /** the selected node's full record, once read (null while it loads) */
  node = $state.raw<Node | null>(null);
  /** the selected tie with its note, once read */
  tie = $state.raw<SelectedTie | null>(null);
  /** the selected nodes when several are (null otherwise) */
  readonly multi = $derived(this.current?.kind === "nodes" ? this.current.ids : null);
  /** how many of the selected nodes are pinned (recounted when the mirror changes) */
  readonly multiPinned = $derived.by(() => {
    const ids = this.multi;
    if (!ids) return 0;
    void network.snapshot;
    return ids.filter((id) => network.node(id)?.pinned).length;
  });

  #loadSeq = 0;
  #leaving: Promise<boolean> | null = null;
  readonly #panels: { node: () => OpenPanel | undefined; tie: () => OpenPanel | undefined };

  /** panels gives the mounted node and tie panels (component instances), for their edits. */
  constructor(panels: { node: () => OpenPanel | undefined; tie: () => OpenPanel | undefined }) {
    this.#panels = panels;
  }

  /** openPanel is the side panel showing the selected record, if one is open. */
  openPanel(): OpenPanel | undefined {
    if (this.current?.kind === "node" && this.node) return this.#panels.node();
    if (this.current?.kind === "tie" && this.tie) return this.#panels.tie();
    return undefined;
  }

  /** leave lets the open panel save (or the user discard) its edits; false: it stays open. One question however often it is asked meanwhile. */
  leave(): Promise<boolean> {
    const p = this.openPanel();
    if (!p) return Promise.resolve(true);
    this.#leaving ??= p.leave().finally(() => (this.#leaving = null));
    return this.#leaving;
  }

  /** go changes the selection as the user asked, after the open panel's edits are saved (or discarded). */
  async go(s: Selection): Promise<void> {
    if (sameSelection(s, this.current)) return;
    if (!(await this.leave())) return;
    this.select(s);
  }

  /** drop lets go of a record that is gone (deleted, or taken back by an undo); unsaved panel edits to it cannot be saved. */
  drop(): void {
    if (this.openPanel()?.dirty()) toasts.push("info", "What you had open no longer exists (an undo took it back); its unsaved edits were dropped.");
    this.select(null);
  }

  /** select changes the selection unconditionally (the record is gone, or go() has left the panel) and reads the record. */
  select(s: Selection): void {
    this.current = s;
    this.node = null;
    this.tie = null;
    if (s?.kind === "node") void this.loadNode(s.id);
    else if (s?.kind === "tie") void this.loadTie(s.id);
  }

  /** loadNode reads the selected node's full record again (after a change to it); a later load wins. */
  async loadNode(id: string): Promise<void> {
    const seq = ++this.#loadSeq;
    try {
      const n = await actions.getNode(id);
      if (seq === this.#loadSeq && this.current?.kind === "node" && this.current.id === id) this.node = n;
    } catch (e) {
      if (seq === this.#loadSeq) toasts.error(e);
    }
  }

  /** loadTie reads the selected tie's note again; a later load wins. */
  async loadTie(id: string): Promise<void> {
    const seq = ++this.#loadSeq;
    const row = network.tie(id);
    if (!row) return;
    try {
      const t = await netApi.GetTie(id);
      if (seq === this.#loadSeq && this.current?.kind === "tie" && this.current.id === id) this.tie = { row, note: t.note ?? "" };
    } catch (e) {
      if (seq === this.#loadSeq) toasts.error(e);
    }
  }

  /** saveNode writes the panel's fields and shows the record the backend answered with. */
  async saveNode(id: string, f: NodeFields): Promise<void> {
    this.node = await actions.updateNode(id, f);
  }

  /** renameEgo renames you and shows the answer. */
  async renameEgo(label: string): Promise<void> {
    this.node = await actions.renameEgo(label);
  }
}
