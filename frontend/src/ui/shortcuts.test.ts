import { describe, expect, it } from "vitest";
import { shortcutFor, type KeyLike } from "./shortcuts";

const k = (key: string, o: Partial<KeyLike> = {}): KeyLike => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  inField: false,
  ...o,
});

describe("shortcutFor", () => {
  it("maps the app's keys", () => {
    expect(shortcutFor(k("Escape"))).toBe("escape");
    expect(shortcutFor(k("Escape", { inField: true }))).toBe("escape");
    expect(shortcutFor(k("f", { ctrlKey: true }))).toBe("search");
    expect(shortcutFor(k("f", { metaKey: true, inField: true }))).toBe("search");
    expect(shortcutFor(k("Delete"))).toBe("delete");
    expect(shortcutFor(k("a", { ctrlKey: true }))).toBe("selectAll");
    expect(shortcutFor(k("A", { metaKey: true }))).toBe("selectAll");
  });
  it("maps ?, N and the arrows outside fields only", () => {
    expect(shortcutFor(k("?", { shiftKey: true }))).toBe("help");
    expect(shortcutFor(k("n"))).toBe("newNode");
    expect(shortcutFor(k("f"))).toBe("focus");
    expect(shortcutFor(k("f", { inField: true }))).toBeNull();
    expect(shortcutFor(k("ArrowLeft"))).toBe("navigate");
    expect(shortcutFor(k("n", { inField: true }))).toBeNull();
    expect(shortcutFor(k("?", { inField: true }))).toBeNull();
    expect(shortcutFor(k("ArrowDown", { inField: true }))).toBeNull();
    expect(shortcutFor(k("n", { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(k("ArrowUp", { shiftKey: true }))).toBeNull();
  });
  it("opens the palette with Ctrl/Cmd+K anywhere and with / outside text", () => {
    expect(shortcutFor(k("k", { ctrlKey: true }))).toBe("palette");
    expect(shortcutFor(k("k", { metaKey: true, inField: true }))).toBe("palette");
    expect(shortcutFor(k("k", { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(shortcutFor(k("/"))).toBe("palette");
    expect(shortcutFor(k("/", { inField: true }))).toBeNull();
    expect(shortcutFor(k("k"))).toBeNull();
  });
  it("leaves Ctrl/Cmd+A to a text field", () => {
    expect(shortcutFor(k("a", { ctrlKey: true, inField: true }))).toBeNull();
    expect(shortcutFor(k("a"))).toBeNull();
  });
  it("leaves typing alone", () => {
    expect(shortcutFor(k("Delete", { inField: true }))).toBeNull();
    expect(shortcutFor(k("Backspace", { inField: true }))).toBeNull();
    expect(shortcutFor(k("q"))).toBeNull();
    expect(shortcutFor(k("Delete", { ctrlKey: true }))).toBeNull();
  });
});

describe("undo and redo keys", () => {
  it("Ctrl/Cmd+Z undoes, with Shift redoes", () => {
    expect(shortcutFor(k("z", { ctrlKey: true }))).toBe("undo");
    expect(shortcutFor(k("z", { metaKey: true, mac: true }))).toBe("undo");
    // With Shift held the browser reports the upper-case letter.
    expect(shortcutFor(k("Z", { ctrlKey: true, shiftKey: true }))).toBe("redo");
    expect(shortcutFor(k("Z", { metaKey: true, shiftKey: true, mac: true }))).toBe("redo");
  });
  it("Ctrl+Y redoes on Windows and Linux only", () => {
    expect(shortcutFor(k("y", { ctrlKey: true }))).toBe("redo");
    expect(shortcutFor(k("y", { ctrlKey: true, mac: true }))).toBeNull();
    expect(shortcutFor(k("y", { metaKey: true }))).toBeNull();
    expect(shortcutFor(k("Y", { ctrlKey: true, shiftKey: true }))).toBeNull();
  });
  it("acts on the text, not the network, while typing in a field", () => {
    expect(shortcutFor(k("z", { ctrlKey: true, inField: true }))).toBeNull();
    expect(shortcutFor(k("Z", { ctrlKey: true, shiftKey: true, inField: true }))).toBeNull();
    expect(shortcutFor(k("y", { ctrlKey: true, inField: true }))).toBeNull();
  });
  it("needs the modifier and no Alt", () => {
    expect(shortcutFor(k("z"))).toBeNull();
    expect(shortcutFor(k("Z", { shiftKey: true }))).toBeNull();
    expect(shortcutFor(k("z", { ctrlKey: true, altKey: true }))).toBeNull();
    expect(shortcutFor(k("y"))).toBeNull();
  });
  it("finds the Z key on a non-Latin layout by its position", () => {
    expect(shortcutFor(k("я", { code: "KeyZ", ctrlKey: true }))).toBe("undo");
    // A Latin layout's letter wins over the physical key (AZERTY: Z sits on KeyW).
    expect(shortcutFor(k("z", { code: "KeyW", ctrlKey: true }))).toBe("undo");
    expect(shortcutFor(k("w", { code: "KeyZ", ctrlKey: true }))).toBeNull();
  });
});
