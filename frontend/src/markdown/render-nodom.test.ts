import { describe, expect, it } from "vitest";
import corpus from "../../testdata/xss-corpus.json";
import { escapeHtml, renderMarkdown } from "./render";

describe("renderMarkdown without a DOM", () => {
  it("escapes instead of passing raw HTML through", () => {
    const out = renderMarkdown('<img src=x onerror="alert(1)"><script>x</script>');
    expect(out).not.toContain("<img");
    expect(out).not.toContain("<script");
    expect(out).toContain("&lt;script&gt;");
  });
});

describe("renderMarkdown without a DOM, over the XSS corpus", () => {
  it("returns escaped text only: no element but the wrapping <p>", () => {
    for (const p of corpus.payloads as { id: string; text: string; repeat?: number }[]) {
      const text = p.text.repeat(p.repeat ?? 1);
      const out = renderMarkdown(text);
      expect(out.startsWith("<p>") && out.endsWith("</p>"), p.id).toBe(true);
      expect(/[<>"']/.test(out.slice(3, -4)), p.id).toBe(false);
      expect(out.slice(3, -4), p.id).toBe(escapeHtml(text));
    }
  });
});
