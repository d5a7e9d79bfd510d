import { describe, expect, it, vi } from "vitest";
import corpus from "../../testdata/xss-corpus.json";
import { blobHref, safeHref, urlScheme, webHref } from "./links";

describe("urlScheme reads the scheme as a browser does", () => {
  it.each([
    ["https://example.org", "https"],
    ["  JaVaScRiPt:alert(1)", "javascript"],
    ["\u0000\u0001 javascript:x", "javascript"],
    ["java\tscr\nipt:x", "javascript"],
    ["java\rscript:x", "javascript"],
    ["h2c:x", "h2c"],
    ["web+plexus:x", "web+plexus"],
    ["VBScript:msgbox", "vbscript"],
    ["data:text/html,x", "data"],
    ["file:///etc/passwd", "file"],
    ["/relative/path", ""],
    ["#fragment", ""],
    ["relative:not", "relative"],
    ["1abc:x", ""], // a scheme starts with a letter: this is a path
    ["ｊavascript:x", ""], // full-width j: not ASCII, so a path
    ["java\u0000script:x", ""], // NUL inside is not removed: no scheme
    ["", ""],
  ])("%j → %j", (raw, scheme) => {
    expect(urlScheme(raw)).toBe(scheme);
  });
});

describe("safeHref", () => {
  it("keeps http(s), mailto and scheme-less hrefs as they are", () => {
    for (const h of ["https://example.org/a?b=1", "http://x.test", "mailto:ada@example.org", "#top", "notes/a.md", "?q=1", ""]) {
      expect(safeHref(h)).toBe(h);
    }
  });

  it("refuses every other scheme, however it is spelled", () => {
    for (const h of [
      "javascript:alert(1)",
      " JAVASCRIPT:alert(1)",
      "\u000ejavascript:alert(1)",
      "jav\tascript:alert(1)",
      "vbscript:msgbox(1)",
      "data:text/html,<script>x</script>",
      "data:image/png;base64,iVBORw0KGgo=",
      "file:///etc/passwd",
      "blob:https://x/1",
      "h2c:x",
      "ed2k://file",
      "wails://wails/",
    ]) {
      expect(safeHref(h), h).toBeNull();
    }
  });
});

describe("webHref", () => {
  it("links only absolute http(s) URLs with a host", () => {
    expect(webHref("https://example.org/feed.xml")).toBe("https://example.org/feed.xml");
    expect(webHref(" http://Example.org ")).toBe("http://example.org/");
    for (const u of ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "example.org", "/feed", "https://", "mailto:a@b.c", "vbscript:x"]) {
      expect(webHref(u), u).toBeNull();
    }
  });

  it("links none of the corpus's URL payloads", () => {
    const urls = corpus.payloads.filter((p) => p.id.startsWith("url-") || p.id.startsWith("md-link"));
    expect(urls.length).toBeGreaterThan(10);
    for (const p of urls) expect(webHref(p.text), p.id).toBeNull();
  });
});

describe("blobHref", () => {
  it("keeps only this page's own object URLs", () => {
    vi.stubGlobal("location", { origin: "http://127.0.0.1:34115" });
    try {
      const own = "blob:http://127.0.0.1:34115/0b0e2f3c-8b9a-4c1d-9e5f-0123456789ab";
      expect(blobHref(own)).toBe(own);
      for (const bad of [
        "blob:https://evil.example/0b0e2f3c-8b9a-4c1d-9e5f-0123456789ab",
        "blob:http://127.0.0.1:34115/0b0e2f3c-8b9a-4c1d-9e5f-0123456789ab#x",
        "blob:http://127.0.0.1:34115.evil.example/0b0e2f3c-8b9a-4c1d-9e5f-0123456789ab",
        "javascript:alert(1)",
        "https://example.org/x.png",
        "data:image/png;base64,AAAA",
        "",
      ]) {
        expect(blobHref(bad)).toBeNull();
      }
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("keeps nothing where the page has no origin", () => {
    expect(blobHref("blob:null/0b0e2f3c-8b9a-4c1d-9e5f-0123456789ab")).toBeNull();
  });
});

// Every place that renders an href (or another URL-bearing attribute, or raw
// HTML) from data. Today: none in the components — node and feed URLs are
// form values, Markdown goes through renderMarkdown. A new one must go
// through safeHref/webHref (or renderMarkdown) to pass; blobHref is for
// object URLs of bytes the page made itself (Export image…).
describe("the components render no unchecked URL or HTML", () => {
  // The sources as text (Vite's glob import), keyed by their path under src/.
  const raw = import.meta.glob(["/src/**/*.svelte", "/src/**/*.ts", "!/src/**/*.test.ts"], { query: "?raw", import: "default", eager: true });
  const sources = new Map(Object.entries(raw).map(([k, v]) => [k.replace(/^\/src\//, ""), String(v)]));

  it("scans the sources", () => {
    expect([...sources.keys()]).toEqual(expect.arrayContaining(["features/network/NodePanel.svelte", "features/journal/EntryCard.svelte", "markdown/render.ts"]));
  });

  it("binds href, src, action and friends only to literals or checked values", () => {
    const bad: string[] = [];
    // An attribute whose value is a {…} expression (or contains one): href={x}, href="{x}", src="a{b}".
    const attr = /(?<!style:)\b(href|xlink:href|src|srcset|srcdoc|action|formaction|data|poster|background|ping|cite)\s*=\s*(\{[^}]*\}|"[^"]*\{[^"]*"|'[^']*\{[^']*')/g;
    for (const [f, src] of sources) {
      if (!f.endsWith(".svelte")) continue;
      for (const m of src.matchAll(attr)) {
        if (!/\b(safeHref|webHref|blobHref)\(/.test(m[2] ?? "")) bad.push(`${f}: ${m[0]}`);
      }
      // Svelte's shorthand <a {href}> and spreads onto elements that take URLs.
      for (const m of src.matchAll(/\{\s*(href|src|srcset|srcdoc|action|formaction|data|cite)\s*\}|<(a|area|img|iframe|form|object|embed)\b[^>]*\{\.\.\./g)) bad.push(`${f}: ${m[0]}`);
      for (const m of src.matchAll(/\{@html\b[^}]*\}/g)) bad.push(`${f}: ${m[0]}`);
    }
    expect(bad).toEqual([]);
  });

  it("writes HTML or URLs through the DOM only in src/markdown", () => {
    const bad: string[] = [];
    const sinks = /\.(innerHTML|outerHTML|srcdoc)\s*=|insertAdjacentHTML|document\.write|\.setAttribute\(\s*["'](href|src|srcdoc|action|formaction)|\.href\s*=|window\.open\(|location\.(assign|replace)\(|location\.href\s*=|new Function\(|\beval\(/g;
    for (const [f, src] of sources) {
      if (f.startsWith("markdown/")) continue;
      for (const m of src.matchAll(sinks)) bad.push(`${f}: ${m[0]}`);
    }
    expect(bad).toEqual([]);
  });
});
