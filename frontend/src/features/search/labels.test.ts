import { describe, expect, it } from "vitest";
import { bestHit, fold, labelKey, sameLabel, searchHits } from "./labels";

const nodes = [
  { id: "1", label: "Zoë Example" },
  { id: "2", label: "Hacker News" },
  { id: "3", label: "zoe's blog" },
];

describe("searchHits", () => {
  it("is null for an empty query", () => {
    expect(searchHits(nodes, "   ")).toBeNull();
  });
  it("matches case- and accent-insensitively, all words", () => {
    expect([...searchHits(nodes, "zoe")!]).toEqual(["1", "3"]);
    expect([...searchHits(nodes, "ZOE blog")!]).toEqual(["3"]);
    expect(searchHits(nodes, "nothing")!.size).toBe(0);
    expect(fold("Ärger")).toBe("arger");
  });
});

describe("bestHit", () => {
  const many = [
    { id: "a", label: "Go Time podcast" },
    { id: "b", label: "Learning Go" },
    { id: "c", label: "go" },
    { id: "d", label: "Gopher Academy" },
    { id: "e", label: "Algorithms" },
  ];
  it("prefers the exact label, then a prefix, then a word start, then any match", () => {
    expect(bestHit(many, "GO")).toBe("c");
    expect(bestHit(many.filter((n) => n.id !== "c"), "go")).toBe("d"); // "gopher academy" is shorter than "go time podcast"
    expect(bestHit(many, "go time")).toBe("a");
    expect(bestHit(many, "learn")).toBe("b");
    expect(bestHit([many[1]!, many[4]!], "go")).toBe("b"); // a word that starts with it beats "algorithms"
    expect(bestHit([many[4]!], "go")).toBe("e");
  });
  it("is null for no match or an empty query, and leaves skipped nodes out", () => {
    expect(bestHit(many, "")).toBeNull();
    expect(bestHit(many, "rust")).toBeNull();
    expect(bestHit(many, "go", (id) => id === "c")).toBe("d");
  });
  it("breaks ties by label, then id, so the same query always opens the same node", () => {
    expect(bestHit([{ id: "2", label: "Ada" }, { id: "1", label: "ada" }], "ada")).toBe("1");
    expect(bestHit([{ id: "x", label: "Bo" }, { id: "y", label: "Al" }], "")).toBeNull();
    expect(bestHit([{ id: "x", label: "Box" }, { id: "y", label: "Abx" }], "x")).toBe("y");
  });
});

describe("sameLabel", () => {
  it("finds a node with the same label, case, accents and spacing aside", () => {
    expect(labelKey("  Zoë   EXAMPLE ")).toBe("zoe example");
    expect(sameLabel(nodes, "zoe  example")?.id).toBe("1");
    expect(sameLabel(nodes, "Zoe")).toBeNull();
    expect(sameLabel(nodes, "   ")).toBeNull();
  });
});
