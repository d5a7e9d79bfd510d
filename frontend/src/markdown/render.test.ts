// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { escapeHtml, imageURL, renderMarkdown, snippet } from "./render";

function dom(html: string): HTMLElement {
  const d = document.createElement("div");
  d.innerHTML = html;
  return d;
}

describe("renderMarkdown sanitises", () => {
  it("drops <img onerror> and images with remote or relative sources", () => {
    const out = renderMarkdown('<img src=x onerror="alert(1)"> ![r](https://evil.example/p.png) ![l](pic.png)');
    expect(out).not.toMatch(/onerror|alert|<img|evil\.example|pic\.png/i);
  });

  it("maps plexus-image:<id> to /api/images/<id> and blocks every other source, keeping the alt text", () => {
    const id = "0123456789abcdef0123456789abcdef";
    const out = renderMarkdown(
      `![mine](plexus-image:${id}) ![far](https://evil.example/p.png) ![rel](pic.png) ![bad](plexus-image:${id.toUpperCase()}) ![](https://evil.example/q.png) <img src="//evil.example/r.png" alt="raw">`,
    );
    const d = dom(out);
    const imgs = d.querySelectorAll("img");
    expect(imgs).toHaveLength(1);
    expect(imgs[0]?.getAttribute("src")).toBe(`/api/images/${id}`);
    expect(imgs[0]?.getAttribute("alt")).toBe("mine");
    expect(out).not.toMatch(/evil\.example|pic\.png/);
    const blocked = [...d.querySelectorAll("span.md-image-blocked")].map((s) => s.textContent);
    expect(blocked).toEqual(["far", "rel", "bad", "raw"]);
    expect(imageURL(`plexus-image:${id}`)).toBe(`/api/images/${id}`);
    for (const bad of [`plexus-image:${id}0`, "plexus-image:../../x", `https://x/${id}`, `plexus-image:${id}?x`]) expect(imageURL(bad)).toBeNull();
  });

  it("keeps data: images without handlers", () => {
    const out = renderMarkdown('<img src="data:image/png;base64,iVBORw0KGgo=" onload="x()" alt="dot">');
    const img = dom(out).querySelector("img");
    expect(img?.getAttribute("src")).toBe("data:image/png;base64,iVBORw0KGgo=");
    expect(img?.getAttribute("onload")).toBeNull();
    expect(renderMarkdown('<img src="data:image/svg+xml;base64,PHN2Zz4=">')).not.toContain("<img");
  });

  it("removes <script>, <style>, <iframe>, <object>, <embed>, <form>", () => {
    const out = renderMarkdown(
      "hi <script>alert(1)</script><style>body{display:none}</style><iframe src=\"https://e.x\"></iframe>" +
        '<object data="x"></object><embed src="x"><form action="https://e.x"><input name=a></form>',
    );
    expect(out).not.toMatch(/<script|alert|<style|display:none|<iframe|<object|<embed|<form|<input/i);
    expect(out).toContain("hi");
  });

  it("neutralises javascript: links, in Markdown and in HTML", () => {
    for (const md of [
      "[click](javascript:alert(1))",
      '<a href="javascript:alert(1)">click</a>',
      '<a href="  JaVaScRiPt:alert(1)">click</a>',
      '<a href="jav&#x09;ascript:alert(1)">click</a>',
      "[x](data:text/html;base64,PHNjcmlwdD4=)",
      "[x](vbscript:msgbox)",
      "[x](file:///etc/passwd)",
    ]) {
      const out = renderMarkdown(md);
      expect(out, md).not.toMatch(/javascript|vbscript|data:text|file:|alert/i);
    }
  });

  it("strips <svg onload> and other handlers", () => {
    const out = renderMarkdown('<svg onload="alert(1)"><circle r="5"/></svg><p onclick="x()" style="color:red">t</p>');
    expect(out).not.toMatch(/<svg|onload|onclick|alert|style=/i);
    expect(out).toContain("t");
  });

  it("keeps only checkbox inputs, disabled", () => {
    const out = renderMarkdown("- [x] done\n- [ ] todo");
    const boxes = dom(out).querySelectorAll("input");
    expect(boxes).toHaveLength(2);
    boxes.forEach((b) => {
      expect(b.getAttribute("type")).toBe("checkbox");
      expect(b.hasAttribute("disabled")).toBe(true);
    });
  });
});

describe("renderMarkdown keeps Markdown", () => {
  it("renders headings, lists, emphasis and code", () => {
    const d = dom(renderMarkdown("# Title\n\n## Sub\n\n- one\n- **two**\n\n1. first\n\n`inline` and\n\n```js\nlet a = '<b>';\n```"));
    expect(d.querySelector("h1")?.textContent).toBe("Title");
    expect(d.querySelector("h2")?.textContent).toBe("Sub");
    expect(d.querySelectorAll("ul li")).toHaveLength(2);
    expect(d.querySelector("strong")?.textContent).toBe("two");
    expect(d.querySelector("ol li")?.textContent).toBe("first");
    expect(d.querySelector("p code")?.textContent).toBe("inline");
    expect(d.querySelector("pre code")?.textContent).toBe("let a = '<b>';\n");
    expect(d.querySelector("b")).toBeNull();
  });

  it("keeps http(s) and mailto links, marked to open nothing in the webview", () => {
    const d = dom(renderMarkdown("[site](https://example.org/a?b=1) <mailto:ada@example.org> [top](#x)"));
    const links = [...d.querySelectorAll("a")];
    expect(links.map((a) => a.getAttribute("href"))).toEqual(["https://example.org/a?b=1", "mailto:ada@example.org", "#x"]);
    for (const a of links) {
      expect(a.getAttribute("rel")).toBe("noopener noreferrer nofollow");
      expect(a.getAttribute("target")).toBe("_blank");
    }
  });

  it("renders user text that looks like markup as text where Markdown says so", () => {
    const d = dom(renderMarkdown("a < b && c > d"));
    expect(d.textContent?.trim()).toBe("a < b && c > d");
  });
});

describe("helpers", () => {
  it("escapes HTML", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });

  it("cuts long text at a boundary", () => {
    expect(snippet("short", 10)).toEqual({ text: "short", cut: false });
    const s = snippet("word ".repeat(100), 50);
    expect(s.cut).toBe(true);
    expect(s.text.length).toBeLessThanOrEqual(52);
    expect(s.text.endsWith("…")).toBe(true);
  });
});
