// The colour theme: the user's choice ("system" follows the operating system's
// light/dark setting) kept in localStorage, applied as data-theme on <html>
// (styles.css holds the values). Pure apart from the storage, document and
// matchMedia handed in, so it is tested without a browser.

/** ThemeChoice: what the user picked; "system" follows prefers-color-scheme. */
export type ThemeChoice = "system" | "light" | "dark";
/** Theme: what is drawn. */
export type Theme = "light" | "dark";

/** THEME_KEY: the localStorage key holding the choice ("system" when absent or unknown). */
export const THEME_KEY = "plexus.theme";

export const THEME_CHOICES: readonly ThemeChoice[] = ["system", "light", "dark"];

export const THEME_LABELS: Record<ThemeChoice, string> = {
  system: "System",
  light: "Light",
  dark: "Dark",
};

/** DARK_QUERY: the media query that says the system is dark. */
export const DARK_QUERY = "(prefers-color-scheme: dark)";

type Store = Pick<Storage, "getItem" | "setItem" | "removeItem">;
type Media = (query: string) => Pick<MediaQueryList, "matches">;

/** parseChoice: a stored value as a choice; anything else (null, garbage) is "system". */
export function parseChoice(v: string | null | undefined): ThemeChoice {
  return v === "light" || v === "dark" ? v : "system";
}

/** loadChoice: the stored choice; "system" when storage is missing or throws. */
export function loadChoice(store: Store | null | undefined): ThemeChoice {
  try {
    return parseChoice(store?.getItem(THEME_KEY));
  } catch {
    return "system";
  }
}

/** saveChoice: keeps the choice ("system" removes the key); storage errors are ignored. */
export function saveChoice(store: Store | null | undefined, c: ThemeChoice): void {
  try {
    if (c === "system") store?.removeItem(THEME_KEY);
    else store?.setItem(THEME_KEY, c);
  } catch {
    // private mode, quota: the choice lasts for this session only
  }
}

/** resolveTheme: the theme drawn for a choice; "system" asks the media query (light without one). */
export function resolveTheme(c: ThemeChoice, media: Media | null | undefined): Theme {
  if (c !== "system") return c;
  try {
    return media?.(DARK_QUERY).matches ? "dark" : "light";
  } catch {
    return "light";
  }
}

/** applyChoice: sets data-theme on the root element ("system" removes it, so CSS follows the media query). */
export function applyChoice(root: { dataset: DOMStringMap }, c: ThemeChoice): void {
  if (c === "system") delete root.dataset.theme;
  else root.dataset.theme = c;
}

/** nextChoice: the toggle's cycle System → Light → Dark → System. */
export function nextChoice(c: ThemeChoice): ThemeChoice {
  const i = THEME_CHOICES.indexOf(c);
  return THEME_CHOICES[(i + 1) % THEME_CHOICES.length] ?? "system";
}
