// The name a kept draft is shown by in the Journal's "Unsaved drafts" banner (pure).

/**
 * draftTitle is the draft's first non-blank line as plain text: leading
 * Markdown marks (#, >, -, *, list numbers) dropped, stored links
 * "[[id|label]]" shown as their label, white space collapsed, cut to max
 * characters (code points) with "…". "" for a body with no text. The
 * result is text for a text node, never HTML.
 */
export function draftTitle(body: string, max = 40): string {
  const line = body.split("\n").find((l) => l.trim() !== "") ?? "";
  const t = line
    .replace(/\[\[[^[\]\n|]*\|([^[\]\n]*)\]\]/g, "$1")
    .replace(/^\s*(?:[#>*+-]+|\d+[.)])\s*/, "")
    .replace(/\s+/g, " ")
    .trim();
  const cps = [...t];
  return cps.length > max ? cps.slice(0, max - 1).join("").trimEnd() + "…" : t;
}
