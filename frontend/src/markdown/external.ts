// External links in rendered user text (journal entries): opened in the
// system browser, never inside the webview. In the real window through the
// Wails runtime (api/browser.ts); in a browser (the dev-tag build) in a new
// tab without an opener. Only absolute http(s) URLs with a host and mailto:
// are opened; anything else (relative paths, #fragments) does nothing.

import { openInSystemBrowser } from "../api/browser";
import { urlScheme, webHref } from "../ui/links";

/** externalHref is the URL to open for a link's href, or null when it is not one to open. */
export function externalHref(raw: string | null): string | null {
  if (raw === null) return null;
  const web = webHref(raw);
  if (web !== null) return web;
  return urlScheme(raw) === "mailto" ? raw.trim() : null;
}

/** openExternal opens href outside the webview; false when it is not a link to open. */
export function openExternal(raw: string | null): boolean {
  const href = externalHref(raw);
  if (href === null) return false;
  if (!openInSystemBrowser(href)) window.open(href, "_blank", "noopener,noreferrer");
  return true;
}
