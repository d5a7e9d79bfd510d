import { describe, expect, it } from "vitest";
import type { Node } from "../../api";
import { ada } from "./formFixtures";
import { defaultDirected, CONNECT_MISS, choiceOf, connectPlan, defaultRelationChoice, egoTieFields, relationOf, tieFieldsOf } from "./tieForm";

const node: Node = ada;

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
    expect(connectPlan("a", "a", "me")).toEqual({ kind: "miss", message: "Release on another node to connect." });
    expect(connectPlan("a", null, "me")).toEqual({ kind: "miss", message: CONNECT_MISS });
    expect(connectPlan("me", "me", "me").kind).toBe("miss");
  });
  it("sets the ego tie on the alter's full fields", () => {
    const r = egoTieFields(node, { ...defaultRelationChoice(), choice: "learns from", strength: 4 });
    expect(r.ok && r.value).toMatchObject({ label: "Ada", relation: "learns from", strength: 4, tags: ["math", "history"], extra: { "opml:x": "1" } });
  });
});

describe("defaultDirected", () => {
  it("directs the relations that read one way, not knows or works with", () => {
    expect(defaultDirected("learns from")).toBe(true);
    expect(defaultDirected("follows")).toBe(true);
    expect(defaultDirected("knows")).toBe(false);
    expect(defaultDirected("works with")).toBe(false);
    expect(defaultDirected("custom")).toBe(false);
  });
});
