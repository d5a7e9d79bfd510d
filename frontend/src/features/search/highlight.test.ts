import { describe, expect, it } from "vitest";
import type { SearchSpan } from "../../api/search";
import { highlightPieces, hitTitle } from "./highlight";

describe("highlightPieces", () => {
  it("keeps marks as marks and text as text, merging neighbours", () => {
    const spans: SearchSpan[] = [{ text: "I " }, { text: "learned", mark: true }, { text: " " }, { text: "a lot", mark: false }];
    expect(highlightPieces(spans)).toEqual([
      { text: "I ", mark: false },
      { text: "learned", mark: true },
      { text: " a lot", mark: false },
    ]);
  });

  it("never turns markup into anything but text", () => {
    const p = highlightPieces([{ text: "<img src=x onerror=alert(1)> " }, { text: "<b>learn</b>", mark: true }]);
    expect(p).toEqual([
      { text: "<img src=x onerror=alert(1)> ", mark: false },
      { text: "<b>learn</b>", mark: true },
    ]);
  });

  it("shows a stored node link as its label and drops emphasis markers", () => {
    const p = highlightPieces([{ text: "met [[0192f0c8-1234-7000-8000-00000000abcd|" }, { text: "Ada", mark: true }, { text: "]] and **learned**\n\nmuch" }]);
    expect(p).toEqual([
      { text: "met ", mark: false },
      { text: "Ada", mark: true },
      { text: " and learned much", mark: false },
    ]);
  });

  it("drops control and bidi-override characters, empty pieces and outer space", () => {
    const p = highlightPieces([{ text: "  " }, { text: "" }, { text: "a\u202eb\u0007", mark: true }, { text: "  c  " }]);
    expect(p).toEqual([
      { text: "ab", mark: true },
      { text: " c", mark: false },
    ]);
  });

  it("skips what is not a span and cuts long snippets", () => {
    const junk = [null, { text: 3 }, { mark: true }, { text: "x".repeat(50) }, { text: "never shown", mark: true }] as unknown as SearchSpan[];
    const p = highlightPieces(junk, 10);
    expect(p).toEqual([{ text: "xxxxxxxxxx…", mark: false }]);
    expect(highlightPieces(undefined)).toEqual([]);
  });
});

describe("hitTitle", () => {
  it("names a node by label and an entry by its local day and time", () => {
    expect(hitTitle({ kind: "node", title: "Ada" })).toBe("Ada");
    expect(hitTitle({ kind: "node", title: " " })).toBe("(unnamed node)");
    const now = new Date(2026, 2, 3, 12);
    const d = new Date(2026, 2, 3, 9, 5).toISOString();
    expect(hitTitle({ kind: "entry", title: "2026-03-03", date: d }, now)).toBe("Today, 09:05");
    expect(hitTitle({ kind: "entry", title: "2026-03-03" }, now)).toBe("2026-03-03");
  });
});
