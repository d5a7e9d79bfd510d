import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./render";

describe("renderMarkdown without a DOM", () => {
  it("escapes instead of passing raw HTML through", () => {
    const out = renderMarkdown('<img src=x onerror="alert(1)"><script>x</script>');
    expect(out).not.toContain("<img");
    expect(out).not.toContain("<script");
    expect(out).toContain("&lt;script&gt;");
  });
});
