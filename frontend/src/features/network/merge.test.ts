import { describe, expect, it } from "vitest";
import { defaultKeep, mergeQuestion, tieCounts } from "./merge";

const a = "01a00000-0000-7000-8000-000000000001";
const b = "01a00000-0000-7000-8000-000000000002";
const c = "01a00000-0000-7000-8000-000000000003";
const x = "01a00000-0000-7000-8000-0000000000ff";

describe("merge", () => {
  it("counts ties per node, a tie between two of them for both", () => {
    const n = tieCounts([a, b], { ties: [{ from: a, to: b }, { from: b, to: x }] });
    expect([n.get(a), n.get(b)]).toEqual([1, 2]);
  });

  it("keeps the node with the most ties by default", () => {
    expect(defaultKeep([a, b, c], { ties: [{ from: c, to: x }, { from: c, to: a }, { from: b, to: x }] })).toBe(c);
  });

  it("keeps the oldest of equally tied nodes (the smallest UUIDv7)", () => {
    expect(defaultKeep([c, b, a], { ties: [] })).toBe(a);
    expect(defaultKeep([c, b], { ties: [{ from: b, to: x }, { from: c, to: x }] })).toBe(b);
    expect(defaultKeep([], null)).toBe("");
  });

  it("names both labels in the question", () => {
    expect(mergeQuestion("Ada", ["ada"]).title).toBe("Merge “ada” into “Ada”?");
    const q = mergeQuestion("Ada", ["ada", "A. L."]);
    expect(q.title).toBe("Merge 2 nodes into “Ada”?");
    expect(q.message).toContain("They are then removed");
  });
});
