import { describe, expect, it } from "vitest";
import { applyMention, matchNodes, mentionAt, type NodeOption } from "./nodes";

const opts: NodeOption[] = [
  { id: "1", label: "Ada Lovelace", kind: "person" },
  { id: "2", label: "Hacker News", kind: "source" },
  { id: "3", label: "Adam", kind: "person" },
  { id: "4", label: "Lisp Study Group", kind: "community" },
  { id: "5", label: "Grace Hopper (Navy)", kind: "person" },
];

describe("matchNodes", () => {
  it("ranks prefix, then word start, then substring; skips excluded", () => {
    expect(matchNodes(opts, "ad").map((o) => o.id)).toEqual(["3", "1"]);
    expect(matchNodes(opts, "s").map((o) => o.id)).toEqual(["4", "2"]);
    expect(matchNodes(opts, "ad", ["3"]).map((o) => o.id)).toEqual(["1"]);
    expect(matchNodes(opts, "navy").map((o) => o.id)).toEqual(["5"]);
    expect(matchNodes(opts, "  ")).toEqual([]);
    expect(matchNodes(opts, "a", [], 2)).toHaveLength(2);
  });
});

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
