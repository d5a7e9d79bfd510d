// markdownHtml: a Svelte action that shows Markdown as sanitised HTML.
// Usage: <div use:markdownHtml={text}></div>. It is the only way components
// put rendered user text into the DOM (the lint rule forbids {@html}), and it
// cancels clicks on links so nothing navigates the webview.

import type { Action } from "svelte/action";
import { renderMarkdown } from "./render";

function cancelLinkClicks(e: MouseEvent): void {
  const t = e.target as Element | null;
  if (t && typeof t.closest === "function" && t.closest("a")) e.preventDefault();
}

export const markdownHtml: Action<HTMLElement, string> = (node, md) => {
  let current = md ?? "";
  node.innerHTML = renderMarkdown(current);
  node.addEventListener("click", cancelLinkClicks);
  node.addEventListener("auxclick", cancelLinkClicks);
  return {
    update(next: string) {
      const v = next ?? "";
      if (v === current) return;
      current = v;
      node.innerHTML = renderMarkdown(v);
    },
    destroy() {
      node.removeEventListener("click", cancelLinkClicks);
      node.removeEventListener("auxclick", cancelLinkClicks);
    },
  };
};
