import { describe, expect, it } from "vitest";
import { addImages, altText, fromDropped, imageFileError, imageMarkdown, insertAt } from "./images";

const ID = "0123456789abcdef0123456789abcdef";
const file = (name: string, size: number, type: string) => ({ name, size, type });

describe("imageFileError", () => {
  it("passes PNG, JPEG, GIF and WebP up to 5 MiB, and files with no declared type", () => {
    for (const t of ["image/png", "image/jpeg", "image/gif", "image/webp", ""]) expect(imageFileError(file("a", 5 * 1024 * 1024, t)), t).toBeNull();
  });
  it("refuses too large, empty, SVG and other types with a clear message", () => {
    expect(imageFileError(file("big.png", 5 * 1024 * 1024 + 1, "image/png"))).toBe("big.png is 5.0 MiB; images up to 5 MiB can be added.");
    expect(imageFileError(file("huge.jpg", 12 * 1024 * 1024, "image/jpeg"))).toContain("12.0 MiB");
    expect(imageFileError(file("e.png", 0, "image/png"))).toBe("e.png is empty.");
    expect(imageFileError(file("x.svg", 10, "image/svg+xml"))).toContain("SVG can carry script");
    expect(imageFileError(file("n.pdf", 10, "application/pdf"))).toContain("(application/pdf)");
  });
});

describe("imageMarkdown and altText", () => {
  it("writes ![name](plexus-image:id) with a safe alt", () => {
    expect(imageMarkdown("Screenshot 2026.png", ID)).toBe(`![Screenshot 2026](plexus-image:${ID})`);
    expect(altText("a]b[c\\d\n.png")).toBe("a b c d");
    expect(altText(".png")).toBe("image");
  });
});

describe("insertAt", () => {
  it("inserts at the caret, replacing a selection, with spaces against words", () => {
    expect(insertAt("", 0, 0, "X")).toEqual({ text: "X", caret: 1 });
    expect(insertAt("ab", 1, 1, "X")).toEqual({ text: "a X b", caret: 3 });
    expect(insertAt("a b", 2, 2, "X")).toEqual({ text: "a X b", caret: 3 });
    expect(insertAt("a\n", 2, 2, "X")).toEqual({ text: "a\nX", caret: 3 });
    expect(insertAt("hello world", 0, 5, "X")).toEqual({ text: "X world", caret: 1 });
    expect(insertAt("ab", 99, 99, "X")).toEqual({ text: "ab X", caret: 4 });
  });
});

describe("addImages", () => {
  it("uploads the files that pass, in order, and reports the rest", async () => {
    const uploaded: string[] = [];
    const out = await addImages([file("a.png", 3, "image/png"), file("b.svg", 3, "image/svg+xml"), file("c.gif", 3, "image/gif"), file("d.png", 3, "image/png")], async (f) => {
      if (f.name === "d.png") throw new Error("The image is 20000 × 10 pixels; each side may be at most 16384 pixels.");
      uploaded.push(f.name);
      return { id: ID };
    });
    expect(uploaded).toEqual(["a.png", "c.gif"]);
    expect(out.markdown).toBe(`![a](plexus-image:${ID})\n![c](plexus-image:${ID})`);
    expect(out.errors).toHaveLength(2);
    expect(out.errors[1]).toBe("d.png was not added: The image is 20000 × 10 pixels; each side may be at most 16384 pixels.");
  });
});

describe("fromDropped", () => {
  it("turns App.DropImages's results into Markdown and messages", () => {
    const out = fromDropped([
      { name: "a.png", info: { id: ID, mime: "image/png", width: 1, height: 1, size: 9 } },
      { name: "b.png", error: { code: "too_large", message: "b.png is 6.0 MiB; images up to 5 MiB can be added." } },
    ]);
    expect(out).toEqual({ markdown: `![a](plexus-image:${ID})`, errors: ["b.png was not added: b.png is 6.0 MiB; images up to 5 MiB can be added."] });
  });
});
