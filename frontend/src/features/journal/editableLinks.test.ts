import { describe, expect, it } from "vitest";
import { bodyLinks, codeMask, mergeSources, shownLabel, toEditable, toStored, withLink } from "./editableLinks";

const ADA = "0190a000-0000-7000-8000-00000000000a";
const ADA2 = "0190a000-0000-7000-8000-0000000000a2";
const GONE = "0190a000-0000-7000-8000-00000000dead";
const labels = new Map([
  [ADA, "Ada Lovelace"],
  [ADA2, "Ada Lovelace"],
]);
const label = (id: string) => labels.get(id);

describe("codeMask / bodyLinks", () => {
  it("finds links outside code only, as the backend does", () => {
    const body = [`[[${ADA}|Ada]] \`[[x]]\` ![[emb]]`, "```", "[[fenced]]", "```", "", "    [[indented]]", "", "[[Plain|shown]]"].join("\n");
    expect(bodyLinks(body).map((l) => [l.inner, l.id, l.text])).toEqual([
      [`${ADA}|Ada`, ADA, "Ada"],
      ["Plain|shown", "", "shown"],
    ]);
    expect(codeMask("a `b` c")).toBe("a     c");
    expect(codeMask("a ``b` c")).toBe("a ``b` c");
  });
});

describe("toEditable / toStored", () => {
  it("shows a stored link as [[current label]] and maps it back byte for byte", () => {
    const stored = `Met [[${ADA}|Ada]] (old label) and [[ ${ADA} | Ada L ]] again.`;
    const e = toEditable(stored, label);
    expect(e.text).toBe("Met [[Ada Lovelace]] (old label) and [[Ada Lovelace]] again.");
    expect(toStored(e.text, e.sources)).toBe(stored);
  });

  it("falls back to the label written for a node it does not know; a link with no label stays as it is", () => {
    const stored = `[[${GONE}|Old name]] and [[${GONE}]]`;
    const e = toEditable(stored, label);
    expect(e.text).toBe(`[[Old name]] and [[${GONE}]]`);
    expect(toStored(e.text, e.sources)).toBe(stored);
  });

  it("round-trips label links, code and embeds untouched, even where a label link reads like a shown one", () => {
    const stored = [`[[Ada Lovelace]] then [[${ADA}|Ada]] then [[${ADA2}|Ada]]`, "`[[" + ADA + "|Ada]]`", `![[${ADA}|x]]`, "", "```", `[[${ADA}|in code]]`, "```"].join("\n");
    const e = toEditable(stored, label);
    expect(e.text.split("\n")[0]).toBe("[[Ada Lovelace]] then [[Ada Lovelace]] then [[Ada Lovelace]]");
    expect(e.text.split("\n").slice(1)).toEqual(stored.split("\n").slice(1));
    expect(toStored(e.text, e.sources)).toBe(stored);
  });

  it("leaves a text without links alone (same string)", () => {
    const e = toEditable("plain [text](x) [[", label);
    expect(e.text).toBe("plain [text](x) [[");
    expect(toStored(e.text, e.sources)).toBe("plain [text](x) [[");
  });

  it("keeps the id of a link that is still shown after the text around it changed", () => {
    const e = toEditable(`a [[${ADA}|Ada]] b`, label);
    expect(toStored(`new start, a [[Ada Lovelace]] b, more`, e.sources)).toBe(`new start, a [[${ADA}|Ada]] b, more`);
  });

  it("a link edited to another label becomes a label link (the backend resolves it)", () => {
    const e = toEditable(`a [[${ADA}|Ada]] b`, label);
    expect(toStored("a [[Grace Hopper]] b", e.sources)).toBe("a [[Grace Hopper]] b");
    expect(toStored("a [[Ada Lovelace|the countess]] b", e.sources)).toBe("a [[Ada Lovelace|the countess]] b");
  });

  it("a copied link of one node takes its stored form each time; of two nodes, in order as far as there are", () => {
    const one = toEditable(`[[${ADA}|Ada]]`, label);
    expect(toStored("[[Ada Lovelace]] [[Ada Lovelace]]", one.sources)).toBe(`[[${ADA}|Ada]] [[${ADA}|Ada]]`);
    const two = toEditable(`[[${ADA}|Ada]] [[${ADA2}|Ada]]`, label);
    expect(toStored("[[Ada Lovelace]]", two.sources)).toBe(`[[${ADA}|Ada]]`);
    expect(toStored("[[Ada Lovelace]] [[Ada Lovelace]] [[Ada Lovelace]]", two.sources)).toBe(`[[${ADA}|Ada]] [[${ADA2}|Ada]] [[Ada Lovelace]]`);
  });

  it("shows labels that would break the link syntax safely", () => {
    expect(shownLabel(" Vec[T]\n`x` ")).toBe("Vec(T) 'x'");
    const e = toEditable(`[[${ADA}|a]]`, () => "C`s [draft]");
    expect(e.text).toBe("[[C's (draft)]]");
    expect(toStored(e.text, e.sources)).toBe(`[[${ADA}|a]]`);
  });
});

describe("withLink / mergeSources", () => {
  it("ties a picked link to its node, at its place among links shown the same way", () => {
    const e = toEditable(`[[${ADA}|Ada]]`, label);
    const text = "[[Ada Lovelace]] [[Ada Lovelace]] ";
    // the second one was picked as the other Ada
    const s = withLink(e.sources, text, 17, "Ada Lovelace", ADA2);
    expect(toStored(text, s)).toBe(`[[${ADA}|Ada]] [[${ADA2}|Ada Lovelace]] `);
    // a first one picked before it
    const s2 = withLink(e.sources, text, 0, "Ada Lovelace", ADA2);
    expect(toStored(text, s2)).toBe(`[[${ADA2}|Ada Lovelace]] [[${ADA}|Ada]] `);
    expect(e.sources.get("Ada Lovelace")).toEqual([`[[${ADA}|Ada]]`]); // not changed in place
  });

  it("after a save, the links the backend resolved keep their node", () => {
    const before = toEditable("[[Grace]]", label);
    const saved = toEditable(`[[${ADA}|Grace]]`, () => "Grace");
    const s = mergeSources(before.sources, saved.sources);
    expect(toStored("[[Grace]] again", s)).toBe(`[[${ADA}|Grace]] again`);
  });
});

describe("codeMask fast path", () => {
  it("returns a text with no backtick, tilde fence or indented line as it is", () => {
    expect(codeMask("a [[b]] c\n  d")).toBe("a [[b]] c\n  d");
    expect(codeMask("x\n\n\tcode [[y]]")).toBe("x\n\n" + " ".repeat("\tcode [[y]]".length)); // an indented block is still seen
  });
});
