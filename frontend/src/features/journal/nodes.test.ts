import { describe, expect, it } from "vitest";
import { applyMention, mentionAt } from "./nodes";

describe("mentions", () => {
  it("finds an @ being typed before the caret", () => {
    expect(mentionAt("met @Ad", 7)).toEqual({ start: 4, query: "Ad" });
    expect(mentionAt("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionAt("mail a@b.c", 10)).toBeNull();
    expect(mentionAt("met @Ada\nnext", 13)).toBeNull();
    expect(mentionAt("no mention", 10)).toBeNull();
    expect(mentionAt("@ space", 7)).toBeNull();
  });

  it("replaces the query with the label", () => {
    const text = "met @Ad today";
    const m = mentionAt(text, 7)!;
    expect(applyMention(text, m, "Ada Lovelace")).toEqual({ text: "met @Ada Lovelace today", caret: 18 });
    // Markup in a label is escaped, so it renders as text (and the mention is found in the rendered entry).
    expect(applyMention("@sc", { start: 0, query: "sc" }, "<script>x</script> *b* [l] a\\b").text).toBe(
      "@\\<script\\>x\\</script\\> \\*b\\* \\[l\\] a\\\\b ",
    );
  });
});
