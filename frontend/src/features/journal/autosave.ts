// Autosave (pure apart from the timers it is handed): changes are saved
// delayMs after the last one, one save at a time, and a change that arrives
// while a save runs is saved after it. flush() saves now (Ctrl+S, closing
// the editor, switching entries). A failed save leaves the changes dirty and
// reports the error; nothing is dropped.

import { toApiError, type ErrorCode } from "../../api";

export type SaveStatus =
  | { kind: "clean" }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "saved" }
  | { kind: "error"; code: ErrorCode; message: string };

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface AutosaverOptions<T> {
  delayMs: number;
  save: (value: T) => Promise<void>;
  /** canAutosave gates the timer only (e.g. a body must exist); flush() saves whenever dirty. */
  canAutosave?: (value: T) => boolean;
  onStatus?: (s: SaveStatus) => void;
  timers?: Timers;
}

export const AUTOSAVE_DELAY_MS = 1500;

export class Autosaver<T> {
  private value: T | undefined;
  private version = 0;
  private savedVersion = 0;
  private timer: unknown = null;
  private inflight: Promise<void> | null = null;
  private disposed = false;
  private _status: SaveStatus = { kind: "clean" };
  private readonly timers: Timers;

  constructor(private readonly opts: AutosaverOptions<T>) {
    this.timers = opts.timers ?? realTimers;
  }

  get status(): SaveStatus {
    return this._status;
  }

  /** dirty: there are changes the backend has not confirmed. */
  get dirty(): boolean {
    return this.version !== this.savedVersion;
  }

  get saving(): boolean {
    return this.inflight !== null;
  }

  private setStatus(s: SaveStatus): void {
    this._status = s;
    this.opts.onStatus?.(s);
  }

  /** change records the latest value and (re)starts the debounce timer. */
  change(value: T): void {
    if (this.disposed) return;
    this.value = value;
    this.version++;
    if (this.inflight === null) this.setStatus({ kind: "dirty" });
    this.schedule();
  }

  /** reset starts over from a value the backend already has (no save pending). */
  reset(value?: T): void {
    this.cancelTimer();
    this.value = value;
    this.version++;
    this.savedVersion = this.version;
    this.setStatus({ kind: "clean" });
  }

  private cancelTimer(): void {
    if (this.timer !== null) {
      this.timers.clear(this.timer);
      this.timer = null;
    }
  }

  private schedule(): void {
    this.cancelTimer();
    const v = this.value;
    if (v === undefined || this.disposed) return;
    if (this.opts.canAutosave && !this.opts.canAutosave(v)) return;
    this.timer = this.timers.set(() => {
      this.timer = null;
      void this.run();
    }, this.opts.delayMs);
  }

  private async run(): Promise<void> {
    while (this.inflight !== null) await this.inflight;
    if (!this.dirty || this.disposed || this.value === undefined) return;
    const value = this.value;
    const version = this.version;
    this.setStatus({ kind: "saving" });
    this.inflight = (async () => {
      try {
        await this.opts.save(value);
        this.savedVersion = version;
        if (this.dirty) {
          this.setStatus({ kind: "dirty" });
          if (this.timer === null) this.schedule();
        } else {
          this.setStatus({ kind: "saved" });
        }
      } catch (e) {
        const err = toApiError(e);
        this.setStatus({ kind: "error", code: err.code, message: err.message });
      } finally {
        this.inflight = null;
      }
    })();
    await this.inflight;
  }

  /** flush saves pending changes now; resolves true when nothing is left unsaved. */
  async flush(): Promise<boolean> {
    this.cancelTimer();
    while (this.inflight !== null) await this.inflight;
    if (this.dirty) await this.run();
    return !this.dirty;
  }

  /** settle waits for a save in flight (if any) without starting one. */
  async settle(): Promise<void> {
    while (this.inflight !== null) await this.inflight;
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
  }
}

/** statusText is what the editor's status line says. */
export function statusText(s: SaveStatus): string {
  switch (s.kind) {
    case "clean":
      return "";
    case "dirty":
      return "Unsaved changes";
    case "saving":
      return "Saving…";
    case "saved":
      return "Saved";
    case "error":
      return `Not saved: ${s.message}`;
  }
}
