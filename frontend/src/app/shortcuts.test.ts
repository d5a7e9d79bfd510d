import { describe, expect, it } from "vitest";
import { shortcutFor } from "./shortcuts";

const k = (key: string, o: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; inField: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
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
  });
  it("leaves typing alone", () => {
    expect(shortcutFor(k("Delete", { inField: true }))).toBeNull();
    expect(shortcutFor(k("Backspace", { inField: true }))).toBeNull();
    expect(shortcutFor(k("f"))).toBeNull();
    expect(shortcutFor(k("Delete", { ctrlKey: true }))).toBeNull();
  });
});
