// @vitest-environment jsdom
// The committed XSS corpus (testdata/xss-corpus.json) through the one
// function that turns user text into HTML, as every caller uses it: whole
// (journal list, editor preview) and cut to a snippet (a node's entries).
import { describe, expect, it } from "vitest";
import corpus from "../../testdata/xss-corpus.json";
import { safeHref } from "../ui/links";
import { renderMarkdown, snippet } from "./render";

interface Payload {
  id: string;
  text: string;
  repeat?: number;
}
const payloads: { id: string; text: string }[] = (corpus.payloads as Payload[]).map((p) => ({ id: p.id, text: p.text.repeat(p.repeat ?? 1) }));

// Elements the sanitised HTML may contain (marked's output for GFM, and the
// inline HTML the profile keeps); anything else is a finding.
const ALLOWED_TAGS = new Set(
  "A ABBR B BLOCKQUOTE BR CODE DEL DIV DL DD DT EM H1 H2 H3 H4 H5 H6 HR I IMG INPUT INS KBD LI MARK OL P PRE Q S SMALL SPAN STRONG SUB SUP TABLE TBODY TD TFOOT TH THEAD TR U UL SUMMARY DETAILS MARQUEE CAPTION COL COLGROUP CITE DFN SAMP VAR WBR TIME BDI BDO RUBY RT RP FIGURE FIGCAPTION CENTER FONT NAV SECTION ARTICLE ASIDE HEADER FOOTER MAIN ADDRESS HGROUP".split(
    " ",
  ),
);
const URL_ATTRS = ["href", "src", "xlink:href", "action", "formaction", "srcset", "srcdoc", "data", "poster", "background", "ping", "cite", "usemap", "style"];

/** audit lists what in html could run script, navigate or fetch: it must be empty. */
function audit(html: string): string[] {
  const out: string[] = [];
  const host = document.createElement("div");
  host.innerHTML = html;
  for (const el of host.querySelectorAll("*")) {
    if (!ALLOWED_TAGS.has(el.tagName)) out.push(`<${el.tagName.toLowerCase()}>`);
    if (el.namespaceURI !== "http://www.w3.org/1999/xhtml") out.push(`${el.tagName} in ${el.namespaceURI}`);
    for (const a of el.attributes) {
      const n = a.name.toLowerCase();
      if (n.startsWith("on")) out.push(`${el.tagName} ${n}=`);
      else if (n === "href") {
        if (el.tagName !== "A") out.push(`href on ${el.tagName}`);
        else if (safeHref(a.value) === null) out.push(`a href=${JSON.stringify(a.value)}`);
      } else if (n === "src") {
        if (el.tagName !== "IMG" || !/^(data:image\/(png|gif|jpe?g|webp|avif|bmp);|blob:|\/api\/images\/[0-9a-f]{32}$)/i.test(a.value)) out.push(`${el.tagName} src=${JSON.stringify(a.value.slice(0, 60))}`);
      } else if (URL_ATTRS.includes(n)) out.push(`${el.tagName} ${n}=${JSON.stringify(a.value.slice(0, 60))}`);
    }
    if (el.tagName === "INPUT" && (el.getAttribute("type") !== "checkbox" || !el.hasAttribute("disabled"))) out.push("an enabled or non-checkbox <input>");
    if (el.tagName === "A" && el.hasAttribute("href") && el.getAttribute("target") !== "_blank") out.push("a link without target=_blank");
  }
  return out;
}

describe("the XSS corpus", () => {
  it("has at least 40 payloads with distinct ids", () => {
    expect(payloads.length).toBeGreaterThanOrEqual(40);
    expect(new Set(payloads.map((p) => p.id)).size).toBe(payloads.length);
  });

  it("the audit finds what it looks for (it can fail)", () => {
    expect(audit('<img src=x onerror="x()">')).toContain("IMG onerror=");
    expect(audit('<a href="javascript:x">a</a>')).toContain('a href="javascript:x"');
    expect(audit("<svg></svg><script></script>")).toEqual(expect.arrayContaining(["<svg>", "<script>"]));
    expect(audit('<p style="x">a</p><area href="https://x">')).toEqual(expect.arrayContaining(['P style="x"', "href on AREA"]));
  });
});

describe.each(payloads)("renderMarkdown($id)", ({ text }) => {
  it("keeps nothing that can run, navigate or fetch", () => {
    expect(audit(renderMarkdown(text))).toEqual([]);
  });

  it("nor does the snippet a node's entry list shows", () => {
    expect(audit(renderMarkdown(snippet(text, 400).text))).toEqual([]);
  });

  it("is the same HTML when sanitised again (no mutation on re-parse)", () => {
    const once = renderMarkdown(text);
    const host = document.createElement("div");
    host.innerHTML = once;
    expect(audit(host.innerHTML)).toEqual([]);
  });
});

describe("links in the corpus", () => {
  it("no payload leaves a link to a script, data, file or unknown scheme", () => {
    const links: string[] = [];
    for (const { text } of payloads) {
      const host = document.createElement("div");
      host.innerHTML = renderMarkdown(text);
      for (const a of host.querySelectorAll("a[href]")) links.push(a.getAttribute("href") ?? "");
    }
    expect(links.filter((h) => safeHref(h) === null)).toEqual([]);
    // What survives is plain text or an allowed link: the relative one of base-href, the https title breakout.
    expect(links.every((h) => /^(https?:|mailto:|[/#?]|[^:]*$)/i.test(h))).toBe(true);
  });
});
