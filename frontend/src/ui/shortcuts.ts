// Keyboard shortcuts, as a pure mapping so it can be tested.
export type Shortcut = "escape" | "delete" | "search" | "palette" | "undo" | "redo" | "selectAll" | "help" | "newNode" | "navigate" | "focus" | null;

export interface KeyLike {
  key: string;
  /** KeyboardEvent.code ("KeyZ"): the physical key, for layouts whose letters are not Latin */
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey?: boolean;
  /** focus is in a text field, select or content-editable element */
  inField: boolean;
  /** an Apple keyboard: Ctrl+Y is not redo there */
  mac?: boolean;
}

/** letter is the Latin letter a key stands for (lower case): e.key, or the physical key on a non-Latin layout. */
function letter(e: KeyLike): string {
  const k = e.key.length === 1 ? e.key.toLowerCase() : "";
  if (/^[a-z]$/.test(k)) return k;
  const m = /^Key([A-Z])$/.exec(e.code ?? "");
  return m ? m[1]!.toLowerCase() : k;
}

export function shortcutFor(e: KeyLike): Shortcut {
  if (e.key === "Escape") return "escape";
  const mod = (e.ctrlKey || e.metaKey) && !e.altKey;
  const l = mod ? letter(e) : "";
  if (l === "f") return "search";
  // Ctrl/Cmd+K opens the command palette from anywhere, a text field too (as in VS Code and Slack).
  if (l === "k" && !e.shiftKey) return "palette";
  // Ctrl/Cmd+A selects every visible alter on the map; in a field it selects the text.
  if (l === "a" && !e.inField && !e.shiftKey) return "selectAll";
  // Undo and redo act on the network only outside text: in a field they edit the text.
  if (l === "z" && !e.inField) return e.shiftKey ? "redo" : "undo";
  if (l === "y" && e.ctrlKey && !e.metaKey && !e.shiftKey && !e.mac && !e.inField) return "redo";
  // Single keys, outside text fields and without modifiers (Shift makes "?").
  if (!e.inField && !e.ctrlKey && !e.metaKey && !e.altKey) {
    if (e.key === "?") return "help";
    if (e.key === "/") return "palette";
    if ((e.key === "n" || e.key === "N") && !e.shiftKey) return "newNode";
    if ((e.key === "f" || e.key === "F") && !e.shiftKey) return "focus";
    if (["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"].includes(e.key) && !e.shiftKey) return "navigate";
  }
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
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag !== "INPUT") return false;
  // Buttons, checkboxes and sliders hold no text to undo.
  const type = (target as HTMLInputElement).type;
  return !["button", "submit", "reset", "checkbox", "radio", "range", "color", "file", "image"].includes(type);
}

/** SHORTCUT_HELP: every shortcut and gesture, as the "?" sheet lists them; "Mod" is Ctrl, or ⌘ on a Mac. */
export const SHORTCUT_HELP: readonly { group: string; rows: readonly (readonly [keys: string, what: string])[] }[] = [
  {
    group: "Anywhere",
    rows: [
      ["Mod+Z", "undo the last step (in a text field: the typing)"],
      ["Mod+Shift+Z, Ctrl+Y", "redo"],
      ["Mod+K, or /", "go to a node by label, or run a command (> for commands only)"],
      ["Mod+F", "search the map by label; Enter opens the best match"],
      ["?", "this list"],
      ["Esc", "close a form, menu or panel (its edits are saved)"],
    ],
  },
  {
    group: "Map",
    rows: [
      ["N, or double-click empty space", "a new node (Enter creates it from any field)"],
      ["← ↑ → ↓", "move the selection to the neighbour in that direction (none selected: you)"],
      ["Mod+click, Shift+drag on empty space", "select several"],
      ["Mod+A", "select every visible alter"],
      ["F", "focus on the selection's neighbourhood (again: off)"],
      ["Delete", "delete the selection (asks first; undoable)"],
      ["Shift+drag from a node to another", "tie them"],
      ["right-click", "the actions for what is under the pointer"],
      ["wheel, + and −", "zoom in and out"],
    ],
  },
];

/** modKeys spells "Mod" for the platform. */
export function modKeys(keys: string, mac: boolean): string {
  return keys.replaceAll("Mod", mac ? "⌘" : "Ctrl");
}
