// Keyboard shortcuts, as a pure mapping so it can be tested.
export type Shortcut = "escape" | "delete" | "search" | null;

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** focus is in a text field, select or content-editable element */
  inField: boolean;
}

export function shortcutFor(e: KeyLike): Shortcut {
  if (e.key === "Escape") return "escape";
  if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === "f" || e.key === "F")) return "search";
  if ((e.key === "Delete" || e.key === "Backspace") && !e.inField && !e.ctrlKey && !e.metaKey && !e.altKey) {
    // Backspace only on macOS-style keyboards without Delete; both are safe outside fields.
    return "delete";
  }
  return null;
}

/** inField tells whether keystrokes belong to a form control. */
export function inField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
}
