// The user's context list (api/contexts.ts), app-wide: read at start and again on each
// settings:changed (an add, rename, delete, reorder, their undo or redo, a restore) and
// network:changed (node counts). It also sets the legend's context order (graph/contextOrder).
// A failed read keeps what was there.
import { activity, contexts as api, onNetworkChanged } from "../../api";
import { setContextOrder } from "../../graph/contextOrder";

class ContextListStore {
  /** the list in order, with node counts, and the contexts outside it */
  state = $state.raw<api.ContextList>({ contexts: [], unlisted: [] });
  /** whether a read has answered */
  loaded = $state(false);
  private started = false;
  /** bumped by each read: a read that answers after a newer one is stale */
  private gen = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** names: the listed contexts in order */
  get names(): string[] {
    return this.state.contexts.map((c) => c.name);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    activity.onSettingsChanged(() => void this.load());
    onNetworkChanged(() => this.soon());
    void this.load();
  }

  /** soon: a read a moment later (edits come in bursts: a drag, a layout) */
  private soon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.load();
    }, 300);
  }

  /** set: the list a write answered with */
  set(l: api.ContextList): void {
    this.gen++;
    this.apply(l);
  }

  async load(): Promise<void> {
    const gen = ++this.gen;
    try {
      const l = await api.Contexts();
      if (gen === this.gen) this.apply(l);
    } catch {
      // kept as it was
    }
  }

  private apply(l: api.ContextList): void {
    this.state = { contexts: l.contexts ?? [], unlisted: l.unlisted ?? [] };
    this.loaded = true;
    setContextOrder(this.state.contexts.map((c) => c.name));
  }
}

export const contextList = new ContextListStore();
