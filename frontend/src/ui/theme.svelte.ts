// The app's theme as reactive state: the choice (theme.ts, kept in
// localStorage), applied to <html> at once, and the theme drawn, which follows
// the system's setting while the choice is "system". install() (main.ts)
// applies the stored choice before the app mounts, so it never flashes light.
import { applyChoice, DARK_QUERY, loadChoice, resolveTheme, saveChoice, type Theme, type ThemeChoice } from "./theme";

function media(): ((q: string) => MediaQueryList) | null {
  return typeof window !== "undefined" && typeof window.matchMedia === "function" ? (q) => window.matchMedia(q) : null;
}

function storage(): Storage | null {
  try {
    return typeof localStorage !== "undefined" ? localStorage : null;
  } catch {
    return null;
  }
}

class ThemeState {
  choice = $state<ThemeChoice>("system");
  /** the system's own setting (prefers-color-scheme), kept current by install() */
  private systemDark = $state(false);

  /** resolved: the theme drawn now */
  get resolved(): Theme {
    return this.choice === "system" ? (this.systemDark ? "dark" : "light") : this.choice;
  }

  /** install reads the stored choice, applies it and follows the system's setting; returns the cleanup */
  install(): () => void {
    this.choice = loadChoice(storage());
    this.systemDark = resolveTheme("system", media()) === "dark";
    applyChoice(document.documentElement, this.choice);
    const m = media()?.(DARK_QUERY);
    const onChange = (e: MediaQueryListEvent) => (this.systemDark = e.matches);
    m?.addEventListener?.("change", onChange);
    return () => m?.removeEventListener?.("change", onChange);
  }

  /** set makes c the choice: kept, applied */
  set(c: ThemeChoice): void {
    this.choice = c;
    saveChoice(storage(), c);
    applyChoice(document.documentElement, c);
  }
}

export const theme = new ThemeState();
