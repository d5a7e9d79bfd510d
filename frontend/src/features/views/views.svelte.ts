// The saved views (api/views.ts), app-wide: read at start and replaced by each
// views:changed (a save, rename, delete, their undo or redo, a restore). A failed
// read keeps what was there.
import { views as api } from "../../api";

class SavedViews {
  /** by name, as the backend sorts them */
  list = $state.raw<api.SavedView[]>([]);
  private started = false;
  /** bumped by each event and each read: a read that answers after a newer one, or after an event, is stale */
  private gen = 0;

  start(): void {
    if (this.started) return;
    this.started = true;
    api.onViewsChanged((vs) => {
      this.gen++;
      this.list = vs;
    });
    void this.load();
  }

  async load(): Promise<void> {
    const gen = ++this.gen;
    try {
      const vs = await api.Views();
      if (gen === this.gen) this.list = vs;
    } catch {
      // kept as it was
    }
  }
}

export const savedViews = new SavedViews();
