import { describe, expect, it } from "vitest";
import { insertToken } from "./textInsert";

describe("insertToken", () => {
  it("adds one space at the end of the text and puts the caret after it", () => {
    expect(insertToken("met [[Ad", 4, 8, "[[Ada]]")).toEqual({ text: "met [[Ada]] ", caret: 12 });
  });

  it("does not double a space already after the caret; the caret goes past it", () => {
    expect(insertToken("met @Ad today", 4, 7, "@Ada")).toEqual({ text: "met @Ada today", caret: 9 });
    expect(insertToken("met @Ad  today", 4, 7, "@Ada")).toEqual({ text: "met @Ada  today", caret: 9 });
  });

  it("adds no space before closing punctuation", () => {
    expect(insertToken("with [[Ad.", 5, 9, "[[Ada]]")).toEqual({ text: "with [[Ada]].", caret: 12 });
    expect(insertToken("(@Ad)", 1, 4, "@Ada")).toEqual({ text: "(@Ada)", caret: 5 });
    expect(insertToken("@Ad, then", 0, 3, "@Ada")).toEqual({ text: "@Ada, then", caret: 4 });
  });

  it("separates the token from a line break or a word that follows", () => {
    expect(insertToken("@Ad\nnext", 0, 3, "@Ada")).toEqual({ text: "@Ada \nnext", caret: 5 });
    expect(insertToken("[[Ad]]word", 0, 6, "[[Ada]]")).toEqual({ text: "[[Ada]] word", caret: 8 });
  });

  it("replaces the range it is given, keeping what is before", () => {
    expect(insertToken("a [[x|y]] b", 2, 9, "[[Z]]")).toEqual({ text: "a [[Z]] b", caret: 8 });
  });
});
