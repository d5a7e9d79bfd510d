// App-wide undo/redo: what Undo and Redo would take now (for the toolbar's
// tooltips), and running them with a toast that names the step. The
// records an undo or redo changes come back through the ordinary events
// (network:changed / journal:changed with reason "undo" or "redo"), which
// the mirror and the journal already follow.
import { decodeHistoryChanged, decodeStep, history as api, onHistoryChanged, toApiError, type HistoryStep } from "../../api";
import { toasts } from "../../ui/toasts.svelte";
import { canRun, doneMessage, initialHistory, reduceHistory, type HistoryAction, type HistoryOp, type HistoryState } from "./state";

class History {
  private s = $state.raw<HistoryState>(initialHistory());
  /** why undo and redo are switched off (viewing the past); null when they are not */
  blocked = $state<string | null>(null);
  /** bumped after every history:changed, so lists of steps know to read again */
  revision = $state(0);

  get undo(): HistoryStep | null {
    return this.s.undo;
  }
  get redo(): HistoryStep | null {
    return this.s.redo;
  }
  get busy(): HistoryOp | null {
    return this.s.busy;
  }

  can(op: HistoryOp): boolean {
    return this.blocked === null && canRun(this.s, op);
  }

  private dispatch(a: HistoryAction): void {
    this.s = reduceHistory(this.s, a);
  }

  /** load asks the backend what Undo and Redo would take now. */
  async load(): Promise<void> {
    const asked = this.s.events;
    try {
      this.dispatch({ type: "loaded", state: decodeHistoryChanged(await api.State()), asked });
    } catch {
      // Outside Wails (a plain browser) there is no history to show; the buttons stay off.
    }
  }

  /** install listens for history:changed and loads the state once; returns the unsubscribe. */
  install(): () => void {
    const off = onHistoryChanged((p) => {
      this.dispatch({ type: "event", state: decodeHistoryChanged(p) });
      this.revision++;
    });
    void this.load();
    return off;
  }

  /**
   * run undoes or redoes one step and says which (“Undone: Move 12 nodes”);
   * a refusal (nothing to undo, a record changed outside the history) is an
   * error toast and changes nothing. One at a time: a second press while one
   * runs is ignored. Resolves with the step it logged, or null.
   */
  async run(op: HistoryOp): Promise<HistoryStep | null> {
    if (this.blocked !== null) {
      toasts.push("info", this.blocked);
      return null;
    }
    if (this.s.busy !== null) return null;
    this.dispatch({ type: "start", op });
    try {
      const step = decodeStep(await (op === "undo" ? api.Undo() : api.Redo()));
      toasts.push("success", doneMessage(op, step ?? { name: "" }));
      return step;
    } catch (e) {
      toasts.push("error", toApiError(e).message);
      return null;
    } finally {
      this.dispatch({ type: "finish" });
      this.revision++;
      void this.load();
    }
  }
}

export const history = new History();
