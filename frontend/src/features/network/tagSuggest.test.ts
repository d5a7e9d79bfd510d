import { describe, expect, it } from "vitest";
import { acceptTag, othersThan, suggestTags, tagAt, tagCounts } from "./tagSuggest";

const nodes = [
  { tags: ["golang", "Café", "reading"] },
  { tags: ["Go", "golang"] },
  { tags: ["GOLANG", "graphs"] },
  { tags: null },
  { tags: ["reading-group"] },
];

describe("tagAt", () => {
  it("finds the item the caret is in, trimmed, with its untrimmed bounds", () => {
    expect(tagAt("go, rea", 7)).toEqual({ text: "rea", start: 3, end: 7 });
    expect(tagAt("go, rea, x", 5)).toEqual({ text: "rea", start: 3, end: 7 });
    expect(tagAt("go", 1)).toEqual({ text: "go", start: 0, end: 2 });
    expect(tagAt("", 0)).toEqual({ text: "", start: 0, end: 0 });
    expect(tagAt("a,", 2)).toEqual({ text: "", start: 2, end: 2 });
  });
  it("is null for a caret outside the text", () => {
    expect(tagAt("go", 3)).toBeNull();
    expect(tagAt("go", -1)).toBeNull();
  });
});

describe("suggestTags", () => {
  const counts = tagCounts(nodes);
  it("counts tags case aside, keeping the first spelling", () => {
    expect(counts.get("golang")).toEqual({ tag: "golang", count: 3 });
    expect(counts.size).toBe(6);
  });
  it("offers prefix matches first, most used first, then containing ones", () => {
    expect(suggestTags(counts, "g", [])).toEqual(["golang", "Go", "graphs", "reading", "reading-group"]);
    expect(suggestTags(counts, "read", [])).toEqual(["reading", "reading-group"]);
    expect(suggestTags(counts, "group", [])).toEqual(["reading-group"]);
  });
  it("matches accents and case aside", () => {
    expect(suggestTags(counts, "CAFE", [])).toEqual(["Café"]);
  });
  it("leaves out tags already in the field and the typed tag itself", () => {
    expect(suggestTags(counts, "go", ["GoLang"])).toEqual([]);
    expect(suggestTags(counts, "reading", [])).toEqual(["reading-group"]);
  });
  it("offers nothing for empty text or limit 0, and at most limit", () => {
    expect(suggestTags(counts, "  ", [])).toEqual([]);
    expect(suggestTags(counts, "g", [], 0)).toEqual([]);
    expect(suggestTags(counts, "g", [], 2)).toEqual(["golang", "Go"]);
  });
});

describe("acceptTag", () => {
  it("completes the last item and readies the next", () => {
    const v = "Go, rea";
    expect(acceptTag(v, tagAt(v, v.length)!, "reading")).toEqual({ value: "Go, reading, ", caret: 13 });
  });
  it("completes the first item without a leading space", () => {
    expect(acceptTag("gol", tagAt("gol", 3)!, "golang")).toEqual({ value: "golang, ", caret: 8 });
  });
  it("completes a middle item, keeping the next one and not doubling commas or spaces", () => {
    const v = "a,rea , b";
    const r = acceptTag(v, tagAt(v, 4)!, "reading");
    expect(r.value).toBe("a, reading, b");
    expect(r.caret).toBe("a, reading,".length);
  });
  it("othersThan lists the other items", () => {
    const v = "a, rea, b,";
    expect(othersThan(v, tagAt(v, 5)!)).toEqual(["a", "b"]);
  });
});
