import { describe, expect, it } from "vitest";
import type { Node } from "../../api";
import {
  choiceOf,
  connectPlan,
  defaultRelationChoice,
  egoTieFields,
  formToFields,
  nodeToForm,
  quickNodeFields,
  relationOf,
  splitList,
  tieFieldsOf,
} from "./forms";

const node: Node = {
  id: "a",
  label: "Ada",
  kind: "person",
  x: 1,
  y: 2,
  createdAt: "",
  updatedAt: "",
  emails: ["ada@example.org"],
  tags: ["math", "history"],
  extra: { "opml:x": "1" },
};

describe("relation picker", () => {
  it("accepts standard relations and trimmed custom text", () => {
    expect(relationOf({ choice: "learns from", custom: "" })).toEqual({ ok: true, value: "learns from" });
    expect(relationOf({ choice: "custom", custom: "  co-author  " })).toEqual({ ok: true, value: "co-author" });
  });
  it("rejects empty, over-long, multi-line and unknown relations", () => {
    expect(relationOf({ choice: "custom", custom: "  " }).ok).toBe(false);
    expect(relationOf({ choice: "custom", custom: "x".repeat(101) }).ok).toBe(false);
    expect(relationOf({ choice: "custom", custom: "a\nb" }).ok).toBe(false);
    expect(relationOf({ choice: "befriends", custom: "" }).ok).toBe(false);
  });
  it("builds tie fields and checks ends and strength", () => {
    const c = { ...defaultRelationChoice(), directed: true, strength: 5 };
    expect(tieFieldsOf("a", "b", c)).toEqual({
      ok: true,
      value: { from: "a", to: "b", relation: "knows", directed: true, strength: 5, note: "" },
    });
    expect(tieFieldsOf("a", "a", c).ok).toBe(false);
    expect(tieFieldsOf("a", "b", { ...c, strength: 0 }).ok).toBe(false);
    expect(tieFieldsOf("a", "b", { ...c, strength: 2.5 }).ok).toBe(false);
  });
  it("round-trips a custom relation", () => {
    expect(choiceOf({ relation: "co-author", directed: false, strength: 2 })).toMatchObject({ choice: "custom", custom: "co-author" });
    expect(choiceOf({ relation: "follows", directed: true, strength: 0 })).toMatchObject({ choice: "follows", strength: 3 });
  });
  it("plans ego ties when one end is the ego", () => {
    expect(connectPlan("me", "a", "me")).toEqual({ kind: "ego-tie", alter: "a" });
    expect(connectPlan("a", "me", "me")).toEqual({ kind: "ego-tie", alter: "a" });
    expect(connectPlan("a", "b", "me")).toEqual({ kind: "tie", from: "a", to: "b" });
    expect(connectPlan("a", "a", "me").kind).toBe("invalid");
  });
  it("sets the ego tie on the alter's full fields", () => {
    const r = egoTieFields(node, { ...defaultRelationChoice(), choice: "learns from", strength: 4 });
    expect(r.ok && r.value).toMatchObject({ label: "Ada", relation: "learns from", strength: 4, tags: ["math", "history"], extra: { "opml:x": "1" } });
  });
});

describe("node form", () => {
  it("round-trips lists as text", () => {
    const f = nodeToForm(node);
    expect(f.tags).toBe("math, history");
    const r = formToFields({ ...f, tags: "a, b\n c,, ", contexts: "work" }, node.extra ?? null);
    expect(r.ok && r.value).toMatchObject({ tags: ["a", "b", "c"], contexts: ["work"], emails: ["ada@example.org"], extra: { "opml:x": "1" } });
  });
  it("rejects bad values with specific messages", () => {
    const f = nodeToForm(node);
    expect(formToFields({ ...f, label: " " }, null)).toMatchObject({ ok: false, error: expect.stringMatching(/label is empty/) });
    expect(formToFields({ ...f, strength: 6 }, null).ok).toBe(false);
    expect(formToFields({ ...f, cadence: -1 }, null).ok).toBe(false);
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
