import { describe, expect, it } from "vitest";
import { applyChoice, loadChoice, nextChoice, parseChoice, resolveTheme, saveChoice, THEME_KEY } from "./theme";

function memStore() {
  const m = new Map<string, string>();
  return {
    m,
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

describe("theme", () => {
  it("parses stored values, unknown ones as system", () => {
    expect(parseChoice("dark")).toBe("dark");
    expect(parseChoice("light")).toBe("light");
    expect(parseChoice("system")).toBe("system");
    expect(parseChoice(null)).toBe("system");
    expect(parseChoice("purple")).toBe("system");
  });

  it("saves and loads the choice; system removes the key", () => {
    const s = memStore();
    expect(loadChoice(s)).toBe("system");
    saveChoice(s, "dark");
    expect(s.m.get(THEME_KEY)).toBe("dark");
    expect(loadChoice(s)).toBe("dark");
    saveChoice(s, "system");
    expect(s.m.has(THEME_KEY)).toBe(false);
    expect(loadChoice(s)).toBe("system");
  });

  it("survives storage that throws or is missing", () => {
    const bad = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("denied");
      },
      removeItem: () => {
        throw new Error("denied");
      },
    };
    expect(loadChoice(bad)).toBe("system");
    expect(() => saveChoice(bad, "dark")).not.toThrow();
    expect(loadChoice(null)).toBe("system");
  });

  it("resolves system through the media query", () => {
    const dark = (q: string) => ({ matches: q === "(prefers-color-scheme: dark)" });
    const light = () => ({ matches: false });
    expect(resolveTheme("system", dark)).toBe("dark");
    expect(resolveTheme("system", light)).toBe("light");
    expect(resolveTheme("system", null)).toBe("light");
    expect(resolveTheme("light", dark)).toBe("light");
    expect(resolveTheme("dark", light)).toBe("dark");
  });

  it("applies the choice as data-theme, absent for system", () => {
    const root = { dataset: {} as DOMStringMap };
    applyChoice(root, "dark");
    expect(root.dataset.theme).toBe("dark");
    applyChoice(root, "light");
    expect(root.dataset.theme).toBe("light");
    applyChoice(root, "system");
    expect("theme" in root.dataset).toBe(false);
  });

  it("cycles system, light, dark", () => {
    expect(nextChoice("system")).toBe("light");
    expect(nextChoice("light")).toBe("dark");
    expect(nextChoice("dark")).toBe("system");
  });
});
