import { describe, expect, it } from "vitest";
import { matchNodes, type NodeOption } from "./nodeOptions";

const opts: NodeOption[] = [
  { id: "1", label: "Ada Lovelace", kind: "person" },
  { id: "2", label: "Hacker News", kind: "source" },
  { id: "3", label: "Adam", kind: "person" },
  { id: "4", label: "Lisp Study Group", kind: "community" },
  { id: "5", label: "Grace Hopper (Navy)", kind: "person" },
];

describe("matchNodes", () => {
  it("ranks prefix, then word start, then substring; skips excluded", () => {
    expect(matchNodes(opts, "ad").map((o) => o.id)).toEqual(["3", "1"]);
    expect(matchNodes(opts, "s").map((o) => o.id)).toEqual(["4", "2"]);
    expect(matchNodes(opts, "ad", ["3"]).map((o) => o.id)).toEqual(["1"]);
    expect(matchNodes(opts, "navy").map((o) => o.id)).toEqual(["5"]);
    expect(matchNodes(opts, "  ")).toEqual([]);
    expect(matchNodes(opts, "a", [], 2)).toHaveLength(2);
  });
});
