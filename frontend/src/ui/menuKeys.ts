// The keys of a drop-down menu (WAI-ARIA menu button pattern), shared by the
// toolbar's menus (Export…, Export image…, Views): Arrow Up/Down move round
// the items, Home/End to the ends, Escape closes and gives the focus back to
// the button, Tab closes and lets the focus move on.

/** What a key does in a menu of count items whose item index has the focus (-1: none). */
export type MenuKeyAction = { focus: number } | { close: "button" | "onward" } | null;

/** menuKeyAction: the pure part — which item gets the focus, or how the menu closes (null: not a menu key). */
export function menuKeyAction(key: string, index: number, count: number): MenuKeyAction {
  if (key === "Escape") return { close: "button" };
  if (key === "Tab") return { close: "onward" };
  if (count === 0) return null;
  switch (key) {
    case "ArrowDown":
      return { focus: (index + 1) % count };
    case "ArrowUp":
      return { focus: index < 0 ? count - 1 : (index - 1 + count) % count };
    case "Home":
      return { focus: 0 };
    case "End":
      return { focus: count - 1 };
  }
  return null;
}

/**
 * onMenuKeydown applies menuKeyAction to a keydown in the menu: items are
 * the menu's focusable items in order, close(focusButton) closes it.
 */
export function onMenuKeydown(e: KeyboardEvent, items: readonly HTMLElement[], close: (focusButton: boolean) => void): void {
  const a = menuKeyAction(e.key, items.indexOf(document.activeElement as HTMLElement), items.length);
  if (!a) return;
  if ("focus" in a) {
    e.preventDefault();
    items[a.focus]?.focus();
  } else if (a.close === "button") {
    e.preventDefault();
    e.stopPropagation();
    close(true);
  } else close(false);
}
