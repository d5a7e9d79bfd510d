import { describe, expect, it } from "vitest";
import type { NodeOption } from "../../mirror/nodeOptions";
import { normLabel, wikiQueryAt, wikiSuggestions } from "./suggest";

describe("wikiQueryAt", () => {
  it("finds the [[ being typed before the caret", () => {
    expect(wikiQueryAt("met [[Ad", 8)).toEqual({ start: 4, end: 8, query: "Ad" });
    expect(wikiQueryAt("[[", 2)).toEqual({ start: 0, end: 2, query: "" });
    expect(wikiQueryAt("x\n[[Ada Lo", 10)).toEqual({ start: 2, end: 10, query: "Ada Lo" });
    expect(wikiQueryAt("[[Ada]] and [[Gr", 16)).toEqual({ start: 12, end: 16, query: "Gr" });
  });

  it("stops at ]] and at a line break", () => {
    expect(wikiQueryAt("[[Ada]] more", 12)).toBeNull();
    expect(wikiQueryAt("[[Ada]]", 7)).toBeNull();
    expect(wikiQueryAt("[[Ada\nnext", 10)).toBeNull();
    expect(wikiQueryAt("[[Ada|text", 10)).toBeNull();
    expect(wikiQueryAt("no link", 7)).toBeNull();
  });

  it("is not found inside code or in an embed", () => {
    expect(wikiQueryAt("see `[[Ad` here", 9)).toBeNull();
    expect(wikiQueryAt("```\n[[Ad", 8)).toBeNull();
    expect(wikiQueryAt("para\n\n    [[Ad", 14)).toBeNull();
    expect(wikiQueryAt("![[Ad", 5)).toBeNull();
    // an unclosed backtick is literal: the link counts
    expect(wikiQueryAt("a ` [[Ad", 8)).toEqual({ start: 4, end: 8, query: "Ad" });
  });

  it("reaches past a ]] that already closes the link on the line", () => {
    expect(wikiQueryAt("[[Ad]] x", 4)).toEqual({ start: 0, end: 6, query: "Ad" });
    expect(wikiQueryAt("[[Ad|a]] x", 4)).toEqual({ start: 0, end: 4, query: "Ad" });
    expect(wikiQueryAt("[[Ad x\n]]", 4)).toEqual({ start: 0, end: 4, query: "Ad" });
  });
});

describe("normLabel", () => {
  it("folds case, accents, spacing and punctuation as the backend does", () => {
    expect(normLabel("  Ádà   Lovelace! ")).toBe("ada lovelace");
    expect(normLabel("C.S. Lewis")).toBe("c s lewis");
    expect(normLabel("!!")).toBe("");
  });
});

describe("wikiSuggestions", () => {
  const opts: NodeOption[] = [
    { id: "1", label: "Ada Lovelace", kind: "person" },
    { id: "2", label: "Adam", kind: "person" },
    { id: "3", label: "Grace", kind: "person" },
  ];

  it("offers matching nodes and creating the typed label when none is it", () => {
    expect(wikiSuggestions(opts, "Ad")).toEqual({ matches: [opts[1], opts[0]], create: "Ad" });
    expect(wikiSuggestions(opts, "Brand new ")).toEqual({ matches: [], create: "Brand new" });
  });

  it("does not offer to create a label a node has (case and accents aside)", () => {
    expect(wikiSuggestions(opts, "adam").create).toBeNull();
    expect(wikiSuggestions(opts, "Gráce").create).toBeNull();
  });

  it("offers nothing for a blank query, and no create for one that is no label", () => {
    expect(wikiSuggestions(opts, "  ")).toEqual({ matches: [], create: null });
    expect(wikiSuggestions(opts, "!!").create).toBeNull();
    expect(wikiSuggestions(opts, "x".repeat(201)).create).toBeNull();
  });
});
