// Which stored URLs may become links. Every href the page renders from user
// data goes through one of these (src/ui/links.test.ts scans the components
// for any other): Markdown links in journal entries (src/markdown/render.ts)
// and, should a panel ever show a node's web or feed URL as a link, webHref.
//
// The scheme is read the way a browser's URL parser reads it (WHATWG URL
// Standard, https://url.spec.whatwg.org/#concept-basic-url-parser): leading
// and trailing C0 controls and spaces are ignored, and ASCII tab and newline
// are removed anywhere, so "  java\tscript:" is the javascript: scheme. A
// scheme is an ASCII letter followed by letters, digits, "+", "-" or ".",
// then ":". Values are attribute values, entities already decoded.

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** urlScheme returns the lower-case scheme a browser would read in raw ("" when it is relative). */
export function urlScheme(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const s = raw.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "").replace(/[\t\n\r]/g, "");
  const m = SCHEME.exec(s);
  return m ? (m[1] ?? "").toLowerCase() : "";
}

/**
 * safeHref is raw when it may be a Markdown link's href — http:, https:,
 * mailto:, or no scheme at all (a relative path or #fragment) — and null
 * otherwise (javascript:, vbscript:, data:, file:, blob:, any other scheme):
 * the link is then shown as text.
 */
export function safeHref(raw: string): string | null {
  const scheme = urlScheme(raw);
  return scheme === "" || scheme === "http" || scheme === "https" || scheme === "mailto" ? raw : null;
}

/**
 * webHref is the href for a node's web or feed URL: only an absolute http(s)
 * URL with a host (as backend/pln IsWebURL), returned as the parser
 * normalises it; null for anything else, which stays plain text.
 */
export function webHref(raw: string): string | null {
  const scheme = urlScheme(raw);
  if (scheme !== "http" && scheme !== "https") return null;
  try {
    const u = new URL(raw.trim());
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "" ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * blobHref is raw when it is an object URL this page made
 * (URL.createObjectURL: "blob:<this origin>/<uuid>"), for a download of
 * bytes the page itself built (Export image…); null for anything else,
 * including blob: URLs of other origins.
 */
export function blobHref(raw: string): string | null {
  const origin = globalThis.location?.origin;
  if (!origin || origin === "null") return null;
  return /^blob:[^\s]+\/[0-9a-f-]{36}$/i.test(raw) && raw.startsWith(`blob:${origin}/`) ? raw : null;
}
