// A promise-based confirmation dialog (window.confirm is unreliable in
// embedded webviews). One question at a time.

export interface Question {
  title: string;
  message: string;
  /** a second paragraph, e.g. a warning */
  detail: string;
  confirmLabel: string;
  cancelLabel: string;
  danger: boolean;
  /** which button has the focus when the dialog opens (Enter answers it) */
  focus: "confirm" | "cancel";
}

class Confirm {
  current = $state<Question | null>(null);
  private resolve: ((ok: boolean) => void) | null = null;

  ask(q: Partial<Question> & { message: string }): Promise<boolean> {
    this.answer(false);
    this.current = {
      title: q.title ?? "Are you sure?",
      message: q.message,
      detail: q.detail ?? "",
      confirmLabel: q.confirmLabel ?? "OK",
      cancelLabel: q.cancelLabel ?? "Cancel",
      danger: q.danger ?? false,
      focus: q.focus ?? "confirm",
    };
    return new Promise((r) => (this.resolve = r));
  }

  answer(ok: boolean): void {
    const r = this.resolve;
    this.resolve = null;
    this.current = null;
    r?.(ok);
  }
}

export const confirm = new Confirm();
