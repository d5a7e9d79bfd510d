// renderMarkdown is the ONLY place that turns user text (journal entries,
// node descriptions) into HTML. Everything it returns has been through
// DOMPurify with a strict profile:
//   - HTML profile only (no SVG/MathML), and script/style/iframe/object/embed/
//     form (and friends) forbidden outright; on* handlers and style attributes
//     stripped;
//   - links: only http(s), mailto and scheme-less (relative, #fragment) hrefs survive
//     (DOMPurify's URI check, then safeHref from ../ui/links.ts, which reads the
//     scheme as a browser does); a link whose href is dropped stays as its text.
//     Each kept link gets rel="noopener noreferrer nofollow" and target="_blank",
//     and the markdownHtml action (./action.ts) cancels clicks, so a link never
//     navigates the webview. <area>/<map> (links the click guard would not see)
//     are forbidden;
//   - images: `plexus-image:<id>` (id: 32 lowercase hex, an image kept in the
//     store; docs/decisions/journal-images.md) becomes the same-origin URL
//     /api/images/<id>; data:image/… and blob: sources are kept; any other
//     <img> (remote, relative, missing src) never loads: it is replaced by its
//     alt text in a <span class="md-image-blocked">, so the reader still sees
//     what was meant.
// Where there is no DOM to sanitise with, the text is escaped instead, never
// passed through raw.

import DOMPurify, { type Config } from "dompurify";
import { Marked } from "marked";
import { safeHref } from "../ui/links";

const marked = new Marked({ gfm: true, breaks: true, async: false });

const FORBID_TAGS = [
  "script",
  "style",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "form",
  "button",
  "select",
  "option",
  "textarea",
  "link",
  "meta",
  "base",
  "noscript",
  "template",
  "svg",
  "math",
  "audio",
  "video",
  "source",
  "track",
  "picture",
  "dialog",
  "area",
  "map",
];

const CONFIG: Config = {
  USE_PROFILES: { html: true },
  FORBID_TAGS,
  FORBID_ATTR: ["style", "srcset", "formaction", "action", "ping", "autofocus", "background", "poster", "usemap"],
  ALLOW_DATA_ATTR: false,
  // DOMPurify checks every attribute value that is not URI-safe against this
  // (so plain values like type="checkbox" must pass): http(s), mailto, or no
  // scheme at all; any other scheme (javascript:, vbscript:, data:, file:…)
  // fails, including schemes with digits (h2c:, ed2k:). data: images are let
  // through separately by DOMPurify and checked in the hook below.
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto):|[^a-z]|[a-z][a-z0-9+.-]*(?:[^a-z0-9+.\-:]|$))/i,
};

const SAFE_IMG_SRC = /^(?:data:image\/(?:png|gif|jpe?g|webp|avif|bmp);|blob:)/i;

/** PLEXUS_IMAGE matches an image reference in a body: plexus-image:<32 lowercase hex>. */
export const PLEXUS_IMAGE = /^plexus-image:([0-9a-f]{32})$/;
const STORED_IMG_SRC = /^\/api\/images\/[0-9a-f]{32}$/;

/**
 * imageURL maps a body's image source to the URL that shows it:
 * plexus-image:<id> → /api/images/<id>; anything else → null (not loaded).
 */
export function imageURL(src: string): string | null {
  const m = PLEXUS_IMAGE.exec(src.trim());
  return m ? `/api/images/${m[1]}` : null;
}

type Purifier = ReturnType<typeof DOMPurify>;
let purifier: Purifier | null | undefined;

function getPurifier(): Purifier | null {
  if (purifier !== undefined) return purifier;
  const win = (globalThis as { window?: Window & typeof globalThis }).window;
  if (!win || typeof win.document === "undefined") {
    purifier = null;
    return null;
  }
  const p = DOMPurify(win);
  if (!p.isSupported) {
    purifier = null;
    return null;
  }
  // Before DOMPurify's URI check (which refuses the plexus-image: scheme),
  // a stored image's reference becomes its same-origin URL.
  p.addHook("beforeSanitizeAttributes", (node) => {
    const el = node as Element;
    if (el.nodeName !== "IMG") return;
    const url = imageURL(el.getAttribute("src") ?? "");
    if (url !== null) el.setAttribute("src", url);
  });
  p.addHook("afterSanitizeAttributes", (node) => {
    const el = node as Element;
    switch (el.nodeName) {
      case "A": {
        const href = el.getAttribute("href");
        // A second check, with the browser's reading of the scheme (../ui/links.ts).
        if (href !== null && safeHref(href) === null) el.removeAttribute("href");
        else if (href !== null) {
          el.setAttribute("rel", "noopener noreferrer nofollow");
          el.setAttribute("target", "_blank");
          if (!el.hasAttribute("title")) el.setAttribute("title", href);
        }
        break;
      }
      case "IMG": {
        const src = el.getAttribute("src");
        if (src !== null && STORED_IMG_SRC.test(src)) break;
        if (src === null || !SAFE_IMG_SRC.test(src.trim())) {
          // Never loaded: the alt text stands in for it.
          const alt = (el.getAttribute("alt") ?? "").trim();
          if (alt === "") {
            el.remove();
            break;
          }
          const span = el.ownerDocument.createElement("span");
          span.className = "md-image-blocked";
          span.title = "Images from elsewhere are not loaded";
          span.textContent = alt;
          el.replaceWith(span);
        }
        break;
      }
      case "INPUT": {
        // GFM task lists render <input type="checkbox">; nothing else is kept.
        if ((el.getAttribute("type") ?? "").toLowerCase() !== "checkbox") el.remove();
        else el.setAttribute("disabled", "");
        break;
      }
    }
  });
  purifier = p;
  return p;
}

/** escapeHtml makes text safe to place in HTML (the no-DOM fallback). */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** renderMarkdown turns Markdown into sanitised HTML (see the file comment). */
export function renderMarkdown(md: string): string {
  const p = getPurifier();
  if (!p) return `<p>${escapeHtml(md)}</p>`;
  const raw = marked.parse(md, { async: false });
  return p.sanitize(raw, { ...CONFIG, RETURN_TRUSTED_TYPE: false });
}

/**
 * snippet cuts Markdown to about max characters at a line or word boundary,
 * for previews (the result still goes through renderMarkdown).
 */
export function snippet(md: string, max = 400): { text: string; cut: boolean } {
  if (md.length <= max) return { text: md, cut: false };
  let cut = md.lastIndexOf("\n", max);
  if (cut < max / 2) cut = md.lastIndexOf(" ", max);
  if (cut < max / 2) cut = max;
  return { text: md.slice(0, cut).trimEnd() + " …", cut: true };
}
