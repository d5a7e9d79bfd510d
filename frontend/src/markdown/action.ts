// markdownHtml: a Svelte action that shows Markdown as sanitised HTML.
// Usage: <div use:markdownHtml={text}></div>, or
// use:markdownHtml={{ md: text, mentions }} to turn the "@Label" of those
// nodes into mention buttons (./mentions.ts). It is the only way components
// put rendered user text into the DOM (the lint rule forbids {@html}). It
// cancels clicks on links so nothing navigates the webview, and opens
// external ones (http, https, mailto) in the system browser (./external.ts).

import type { Action } from "svelte/action";
import { openExternal } from "./external";
import { linkMentions, type Mention } from "./mentions";
import { renderMarkdown } from "./render";
import { linkIds, protect, restoreLinks } from "./wikilinks";

/** labels: node id → current label, for the stored [[id|label]] links (./wikilinks.ts); without it they show as plain text. */
export type MarkdownParam = string | { md: string; mentions?: readonly Mention[]; labels?: ReadonlyMap<string, string> };
type Norm = { md: string; mentions: readonly Mention[]; labels: ReadonlyMap<string, string> };
const NO_LABELS: ReadonlyMap<string, string> = new Map();

function onLinkClick(e: MouseEvent): void {
  const t = e.target as Element | null;
  const a = t && typeof t.closest === "function" ? t.closest("a") : null;
  if (!a) return;
  e.preventDefault();
  // A left click or a middle click opens it outside; a right click only cancels.
  if ((e.type === "click" && e.button === 0) || (e.type === "auxclick" && e.button === 1)) openExternal(a.getAttribute("href"));
}

const norm = (p: MarkdownParam | undefined): Norm =>
  typeof p === "string" || p === undefined
    ? { md: p ?? "", mentions: [], labels: NO_LABELS }
    : { md: p.md ?? "", mentions: p.mentions ?? [], labels: p.labels ?? NO_LABELS };

const key = (p: Norm) =>
  p.md +
  "\u0000" +
  p.mentions.map((m) => `${m.id}\u0001${m.label}`).join("\u0002") +
  "\u0000" +
  linkIds(p.md)
    .map((id) => `${id}\u0001${p.labels.get(id) ?? ""}`)
    .join("\u0002");

export const markdownHtml: Action<HTMLElement, MarkdownParam> = (node, param) => {
  const draw = (p: Norm) => {
    const safe = protect(p.md);
    node.innerHTML = renderMarkdown(safe.md);
    restoreLinks(node, safe.links, p.labels);
    if (p.mentions.length > 0) linkMentions(node, p.mentions);
  };
  let current = norm(param);
  let currentKey = key(current);
  draw(current);
  node.addEventListener("click", onLinkClick);
  node.addEventListener("auxclick", onLinkClick);
  return {
    update(next: MarkdownParam) {
      const v = norm(next);
      const k = key(v);
      if (k === currentKey) return;
      current = v;
      currentKey = k;
      draw(v);
    },
    destroy() {
      node.removeEventListener("click", onLinkClick);
      node.removeEventListener("auxclick", onLinkClick);
    },
  };
};
