import { describe, expect, it } from "vitest";
import type { Node } from "../../api";
import { ada } from "./formFixtures";
import { defaultRelationChoice, customRelationLimitError, noteLimitError, relationOf, tieFieldsOf } from "./tieForm";
import { formToFields, nodeFormLimitErrors, nodeToForm, quickNodeFields } from "./nodeForm";
import { listLimitError, splitList, tooLong } from "./fields";

const node: Node = ada;

describe("node form", () => {
  it("round-trips lists as text", () => {
    const f = nodeToForm(node);
    expect(f.tags).toBe("math, history");
    const r = formToFields({ ...f, tags: "a, b\n c,, ", contexts: "work" }, node.extra ?? null);
    expect(r.ok && r.value).toMatchObject({ tags: ["a", "b", "c"], contexts: ["work"], emails: ["ada@example.org"], extra: { "opml:x": "1" } });
  });
  it("keeps a stored tag with a comma in it when another field is edited (an edit of the tags text splits it)", () => {
    const stored = { ...node, tags: ["a,b", "x"], contexts: ["home, garden"] };
    const f = nodeToForm(stored);
    const r = formToFields({ ...f, description: "edited" }, null, stored);
    expect(r.ok && r.value).toMatchObject({ tags: ["a,b", "x"], contexts: ["home, garden"], description: "edited" });
    const t = formToFields({ ...f, tags: "a,b, x, y" }, null, stored);
    expect(t.ok && t.value.tags).toEqual(["a", "b", "x", "y"]);
  });
  it("rejects bad values with specific messages", () => {
    const f = nodeToForm(node);
    expect(formToFields({ ...f, label: " " }, null)).toMatchObject({ ok: false, error: expect.stringMatching(/label is empty/) });
    expect(formToFields({ ...f, strength: 6 }, null).ok).toBe(false);
    expect(formToFields({ ...f, cadence: -1 }, null).ok).toBe(false);
    // Emptying the cadence field unsets it (it used to be refused as "not a whole number").
    const cleared = formToFields({ ...f, cadence: null as unknown as number }, null);
    expect(cleared.ok && cleared.value.cadence).toBe(0);
    expect(formToFields({ ...f, emails: "nope" }, null)).toMatchObject({ ok: false, error: expect.stringMatching(/nope/) });
  });
  it("quick form trims and checks the label", () => {
    expect(quickNodeFields("  Bob ", "community")).toMatchObject({ ok: true, value: { label: "Bob", kind: "community" } });
    expect(quickNodeFields("", "person").ok).toBe(false);
    expect(quickNodeFields("x".repeat(201), "person").ok).toBe(false);
  });
  it("splits lists", () => {
    expect(splitList(" a ,b\n\nc ")).toEqual(["a", "b", "c"]);
  });
});

describe("length limits (no silent truncation)", () => {
  const f = nodeToForm(node);
  it("names the field and the limit, counting characters after trimming", () => {
    expect(tooLong("label", "x".repeat(200), 200)).toBeNull();
    expect(tooLong("label", `  ${"x".repeat(200)}  `, 200)).toBeNull();
    expect(tooLong("label", "x".repeat(201), 200)).toBe("The label is 201 characters; the limit is 200.");
    expect(tooLong("label", "é".repeat(200), 200)).toBeNull(); // characters, not UTF-16 units or bytes
    expect(tooLong("label", "😀".repeat(201), 200)).toMatch(/201 characters/);
  });
  it("flags each over-long field of the node form", () => {
    expect(nodeFormLimitErrors(f)).toEqual({});
    const e = nodeFormLimitErrors({
      ...f,
      label: "x".repeat(201),
      relation: "r".repeat(101),
      organisation: "o".repeat(201),
      tags: `ok, ${"t".repeat(101)}`,
      contexts: "c".repeat(101),
      url: "u".repeat(2049),
    });
    expect(e.label).toBe("The label is 201 characters; the limit is 200.");
    expect(e.relation).toBe("The relation is 101 characters; the limit is 100.");
    expect(e.organisation).toBe("The organisation is 201 characters; the limit is 200.");
    expect(e.tags).toMatch(/^The tag “t{30}…” is 101 characters; the limit for one tag is 100\.$/);
    expect(e.contexts).toMatch(/context .* 101 characters; the limit for one context is 100/);
    expect(e.url).toMatch(/web URL is 2049 characters; the limit is 2048/);
    expect(e.feedUrl).toBeUndefined();
  });
  it("limits the number of tags", () => {
    expect(listLimitError("tag", Array.from({ length: 64 }, (_, i) => `t${i}`).join(","))).toBeNull();
    expect(listLimitError("tag", Array.from({ length: 65 }, (_, i) => `t${i}`).join(","))).toBe("There are 65 tags; the limit is 64.");
  });
  it("refuses to save an over-long field instead of cutting it", () => {
    expect(formToFields({ ...f, label: "x".repeat(201) }, null)).toEqual({ ok: false, error: "The label is 201 characters; the limit is 200." });
    expect(formToFields({ ...f, relation: "r".repeat(101) }, null)).toEqual({ ok: false, error: "The relation is 101 characters; the limit is 100." });
    expect(formToFields({ ...f, tags: "t".repeat(101) }, null)).toMatchObject({ ok: false, error: expect.stringMatching(/tag .* limit for one tag is 100/) });
    expect(formToFields({ ...f, relation: "r".repeat(100), label: "x".repeat(200) }, null).ok).toBe(true);
    expect(quickNodeFields("x".repeat(201), "person")).toEqual({ ok: false, error: "The label is 201 characters; the limit is 200." });
  });
  it("checks a custom relation and a tie note", () => {
    expect(customRelationLimitError({ choice: "custom", custom: "r".repeat(101) })).toBe("The relation is 101 characters; the limit is 100.");
    expect(customRelationLimitError({ choice: "knows", custom: "r".repeat(101) })).toBeNull();
    expect(relationOf({ choice: "custom", custom: "r".repeat(101) })).toEqual({ ok: false, error: "The relation is 101 characters; the limit is 100." });
    expect(noteLimitError("n".repeat(10000))).toBeNull();
    expect(noteLimitError("n".repeat(10001))).toBe("The note is 10001 characters; the limit is 10000.");
    expect(tieFieldsOf("a", "b", { ...defaultRelationChoice(), note: "n".repeat(10001) })).toMatchObject({ ok: false });
  });
});
