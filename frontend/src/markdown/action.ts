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

export type MarkdownParam = string | { md: string; mentions?: readonly Mention[] };

function onLinkClick(e: MouseEvent): void {
  const t = e.target as Element | null;
  const a = t && typeof t.closest === "function" ? t.closest("a") : null;
  if (!a) return;
  e.preventDefault();
  // A left click or a middle click opens it outside; a right click only cancels.
  if ((e.type === "click" && e.button === 0) || (e.type === "auxclick" && e.button === 1)) openExternal(a.getAttribute("href"));
}

const norm = (p: MarkdownParam | undefined): { md: string; mentions: readonly Mention[] } =>
  typeof p === "string" || p === undefined ? { md: p ?? "", mentions: [] } : { md: p.md ?? "", mentions: p.mentions ?? [] };

const key = (p: { md: string; mentions: readonly Mention[] }) => p.md + "\u0000" + p.mentions.map((m) => `${m.id}\u0001${m.label}`).join("\u0002");

export const markdownHtml: Action<HTMLElement, MarkdownParam> = (node, param) => {
  const draw = (p: { md: string; mentions: readonly Mention[] }) => {
    node.innerHTML = renderMarkdown(p.md);
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
