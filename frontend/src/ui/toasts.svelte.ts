// Toasts and the error banner: one small store shared by every feature.
import { toApiError } from "../api";

export interface ToastAction {
  label: string;
  testid: string;
  run: () => void | Promise<void>;
}

export interface Toast {
  id: number;
  kind: "info" | "success" | "error";
  message: string;
  action?: ToastAction;
}

let next = 1;

class Toasts {
  items = $state<Toast[]>([]);

  push(kind: Toast["kind"], message: string, opts: { action?: ToastAction; timeoutMs?: number } = {}): number {
    const id = next++;
    const t: Toast = { id, kind, message };
    if (opts.action) t.action = opts.action;
    this.items = [...this.items.slice(-4), t];
    const timeout = opts.timeoutMs ?? (kind === "error" ? 12000 : opts.action ? 15000 : 5000);
    if (timeout > 0) setTimeout(() => this.dismiss(id), timeout);
    return id;
  }

  dismiss(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }

  /** error shows a failed call's message (ApiError.message; never markup). */
  error(err: unknown, prefix = ""): void {
    const e = toApiError(err);
    this.push("error", prefix ? `${prefix}: ${e.message}` : e.message);
  }
}

export const toasts = new Toasts();
