// The small forms that canvas gestures open on the Map: the quick-create
// form (double-click on empty canvas, or N) and the relation picker
// (Shift-drag from node to node). One at a time; a label typed into the quick
// form is a draft that one Escape, a click on the canvas or a connect gesture
// does not throw away. Writes go through the Map's actions (./actions.ts).
import type { NodeFields } from "../../api";
import type { Point } from "../../graph/view";
import * as actions from "./actions";
import { egoTieFields, tieFieldsOf, type ConnectPlan, type RelationChoice } from "./tieForm";
import type { Selection } from "./selection";

export class CanvasForms {
  /** the open quick form: where it was asked for, on screen (viewport px) and in graph coordinates */
  quick = $state<{ vp: Point; graph: Point } | null>(null);
  /** the quick form's typed label (kept while the form moves or the canvas is clicked) */
  label = $state("");
  /** one Escape with a typed label: the form says a second one discards it */
  warn = $state(false);
  /** the open relation picker: what the gesture makes (./tieForm.ts connectPlan), its ends, where it was released */
  connecting = $state<{ plan: ConnectPlan; from: string; to: string; vp: Point } | null>(null);

  /** open: a form is open (canvas gestures that select or open menus wait) */
  get open(): boolean {
    return this.quick !== null || this.connecting !== null;
  }

  /** openQuick opens the quick form at vp (graph: where the node will be); a typed label moves with it. */
  openQuick(vp: Point, graph: Point): void {
    this.connecting = null;
    this.quick = { vp, graph };
    this.warn = false;
  }

  /** closeQuick closes the quick form and forgets its draft. */
  closeQuick(): void {
    this.quick = null;
    this.label = "";
    this.warn = false;
  }

  /** openConnect opens the relation picker; the quick form closes unless a label was typed into it. */
  openConnect(plan: ConnectPlan, from: string, to: string, vp: Point): void {
    if (this.label.trim() === "") this.closeQuick();
    this.connecting = { plan, from, to, vp };
  }

  closeConnect(): void {
    this.connecting = null;
  }

  /** closeAll closes both (the map goes to the past); a draft label is dropped. */
  closeAll(): void {
    this.closeQuick();
    this.connecting = null;
  }

  /**
   * escape is Escape with a form open: the quick form's typed label is not
   * thrown away by one key (the first Escape warns, the second discards);
   * the picker closes. false when no form is open.
   */
  escape(): boolean {
    if (this.quick) {
      if (this.label.trim() !== "" && !this.warn) this.warn = true;
      else this.closeQuick();
      return true;
    }
    if (this.connecting) {
      this.connecting = null;
      return true;
    }
    return false;
  }

  /** create makes the quick form's node where the form was opened (pinned there by the backend) and closes it; the new node's id. Rejects as the bound method does. */
  async create(f: NodeFields): Promise<string | null> {
    if (!this.quick) return null;
    const at = this.quick.graph;
    const n = await actions.createNode(f, at.x, at.y);
    this.closeQuick();
    return n.id;
  }

  /**
   * connect writes the picker's choice: a tie between two alters, or the
   * ego tie (an alter's relation and strength to you). Returns what to
   * select then; rejects with the validation or backend error (the picker
   * shows it and stays open).
   */
  async connect(c: RelationChoice): Promise<Selection> {
    const cn = this.connecting;
    if (!cn) return null;
    if (cn.plan.kind === "tie") {
      const r = tieFieldsOf(cn.plan.from, cn.plan.to, c);
      if (!r.ok) throw new Error(r.error);
      const t = await actions.createTie(r.value);
      this.connecting = null;
      return { kind: "tie", id: t.id };
    }
    if (cn.plan.kind === "ego-tie") {
      const alter = await actions.getNode(cn.plan.alter);
      const r = egoTieFields(alter, c);
      if (!r.ok) throw new Error(r.error);
      await actions.updateNode(alter.id, r.value);
      this.connecting = null;
      return { kind: "node", id: alter.id };
    }
    return null;
  }
}
