// A promise-based confirmation dialog (window.confirm is unreliable in
// embedded webviews). One question at a time.

export interface Question {
  title: string;
  message: string;
  confirmLabel: string;
  danger: boolean;
}

class Confirm {
  current = $state<Question | null>(null);
  private resolve: ((ok: boolean) => void) | null = null;

  ask(q: Partial<Question> & { message: string }): Promise<boolean> {
    this.answer(false);
    this.current = { title: q.title ?? "Are you sure?", message: q.message, confirmLabel: q.confirmLabel ?? "OK", danger: q.danger ?? false };
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
