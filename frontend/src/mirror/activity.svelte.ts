// The journal's activity of every alter (api/activity.ts): last interaction,
// interaction count, due and the effective status, all computed in Go. App-wide
// data beside the network mirror (store.svelte.ts), so the map, the table and
// the panels read one copy. Read at start, again soon after each change that
// can move it (an entry, a node's edit — not a move —, the quiet period
// setting), and each minute, since due and dormant also move with the clock.
// A failed read keeps what was there (the next change or minute tries again).
import { activity as api, onJournalChanged, onNetworkChanged } from "../api";

/** Changes within this many ms are one read. */
const DEBOUNCE_MS = 400;
/** Due and dormant move with the clock: read again this often. */
export const ACTIVITY_REFRESH_MS = 60_000;

class ActivityStore {
  /** null until the first read succeeds */
  map = $state.raw<api.ActivityMap | null>(null);
  private timer: ReturnType<typeof setTimeout> | null = null;
  private seq = 0;
  private started = false;

  /** start listens and reads, once for the app's lifetime (the shell calls it with network.start). */
  start(): void {
    if (this.started) return;
    this.started = true;
    onJournalChanged(() => this.load());
    onNetworkChanged((p) => {
      if (p.reason !== "move") this.load();
    });
    api.onSettingsChanged(() => this.load());
    setInterval(() => this.load(0), ACTIVITY_REFRESH_MS);
    this.load(0);
  }

  /** load reads the activity after delay ms; a newer call supersedes an older one. */
  load(delay = DEBOUNCE_MS): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      const seq = ++this.seq;
      api
        .fetchActivity()
        .then((a) => {
          if (seq === this.seq) this.map = a;
        })
        .catch(() => {
          // kept as it was
        });
    }, delay);
  }
}

export const activityStore = new ActivityStore();
