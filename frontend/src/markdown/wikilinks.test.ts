// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./render";
import { linkIds, protect, restoreLinks } from "./wikilinks";

const A = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
const B = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c";

function rendered(md: string, labels: Map<string, string>): HTMLElement {
  const d = document.createElement("div");
  const p = protect(md);
  d.innerHTML = renderMarkdown(p.md);
  restoreLinks(d, p.links, labels);
  return d;
}

describe("wikilinks", () => {
  it("shows a known node's current label as a button, a deleted one's written label as text", () => {
    const d = rendered(`met [[${A}|Old name]] and [[${B}|Gone <b>x</b>]]`, new Map([[A, "New <script>alert(1)</script>"]]));
    const b = d.querySelector<HTMLButtonElement>("button.wikilink");
    expect(b?.dataset.nodeId).toBe(A);
    expect(b?.textContent).toBe("New <script>alert(1)</script>");
    expect(d.querySelector("script, b")).toBeNull();
    expect(d.textContent?.trim()).toBe("met New <script>alert(1)</script> and Gone <b>x</b>");
    expect(d.querySelectorAll("button")).toHaveLength(1);
  });

  it("leaves code, embeds and label links alone", () => {
    const md = "`[[" + A + "|x]]` ![[" + A + "|e]] [[Label]]\n```\n[[" + A + "|y]]\n```";
    expect(protect(md).links).toHaveLength(0);
    expect(linkIds(`[[${A}|a]] [[${A}|b]] [[${B}]]`)).toEqual([A, B]);
    const d = rendered(md, new Map([[A, "Ana"]]));
    expect(d.querySelector("button")).toBeNull();
    expect(d.textContent).toContain("[[Label]]");
  });

  it("is plain text inside a Markdown link", () => {
    const d = rendered(`[see [[${A}|a]]](https://example.com)`, new Map([[A, "Ana"]]));
    expect(d.querySelector("button")).toBeNull();
  });
});
