import { describe, expect, it } from "vitest";
import { DecodeError, decodeNetwork, decodeSubset } from "./columnar";
import { subsetQueryString } from "./http";

const EGO = "0190f1a0-0000-7000-8000-000000000001";
const A = "0190f1a0-0000-7000-8000-000000000002";
const B = "0190f1a0-0000-7000-8000-000000000003";

describe("decodeNetwork", () => {
  it("turns parallel columns into rows", () => {
    const snap = decodeNetwork({
      version: 2,
      ego: EGO,
      nodes: {
        id: [EGO, A, B],
        label: ["Me", "Ada", "HN"],
        kind: ["person", "person", "source"],
        x: [0, 10.5, -3],
        y: [0, 2, 7],
        pinned: [true, false, true],
        tags: [[], ["math"], ["news", "tech"]],
        relation: ["", "learns from", "follows"],
        strength: [0, 4, 0],
        status: ["", "active", ""],
        role: ["", "mentor", ""],
        contexts: [[], ["work"], []],
        mode: ["", "offline", "online"],
      },
      ties: { id: ["t1", "t2"], from: [1, 1], to: [2, 7], relation: ["recommends"], directed: [true], strength: [3] },
    });
    expect(snap.ego).toBe(EGO);
    expect(snap.nodes).toHaveLength(3);
    expect(snap.nodes[1]).toEqual({
      id: A,
      label: "Ada",
      kind: "person",
      x: 10.5,
      y: 2,
      pinned: false,
      tags: ["math"],
      relation: "learns from",
      strength: 4,
      status: "active",
      role: "mentor",
      contexts: ["work"],
      mode: "offline",
    });
    expect(snap.nodes[2]!.tags).toEqual(["news", "tech"]);
    expect(snap.ties).toEqual([{ id: "t1", from: A, to: B, relation: "recommends", directed: true, strength: 3 }]);
  });

  it("fills defaults for missing or short columns and nulls", () => {
    const snap = decodeNetwork({
      version: 2,
      ego: EGO,
      nodes: { id: [EGO, A], label: ["Me"], kind: ["alien"], tags: [null], x: [null, 1] },
      ties: {},
    });
    expect(snap.nodes[1]).toMatchObject({ label: "", kind: "person", x: 1, y: 0, pinned: false, tags: [], contexts: [] });
    expect(snap.nodes[0]).toMatchObject({ kind: "person", x: 0, tags: [] });
    expect(snap.ties).toEqual([]);
  });

  it("accepts an empty network and drops rows without ids", () => {
    expect(decodeNetwork({ version: 2, ego: "", nodes: {}, ties: {} })).toEqual({ ego: "", nodes: [], ties: [] });
    expect(decodeNetwork({ version: 2, ego: EGO, nodes: { id: ["", A] }, ties: { id: [null] } }).nodes).toHaveLength(1);
  });

  it("rejects garbage and unknown versions", () => {
    expect(() => decodeNetwork(null)).toThrow(DecodeError);
    expect(() => decodeNetwork("x")).toThrow(DecodeError);
    expect(() => decodeNetwork({ version: 1, nodes: {}, ties: {} })).toThrow(/version 1/);
    expect(() => decodeNetwork({ version: 3, nodes: {}, ties: {} })).toThrow(/version 3/);
  });
});

describe("decodeSubset", () => {
  it("decodes the rows and the missing ids", () => {
    const sub = decodeSubset({
      version: 2,
      ego: EGO,
      partial: true,
      nodes: { id: [A, B], label: ["Ada", "HN"] },
      ties: { id: ["t1"], from: [0], to: [1] },
      missing: { nodes: ["gone"], ties: ["t9", 7] },
    });
    expect(sub.nodes.map((n) => n.id)).toEqual([A, B]);
    expect(sub.ties[0]).toMatchObject({ id: "t1", from: A, to: B });
    expect(sub.missing).toEqual({ nodes: ["gone"], ties: ["t9"] });
  });

  it("defaults an absent missing member to empty lists", () => {
    const sub = decodeSubset({ version: 2, ego: EGO, partial: true, nodes: {}, ties: {} });
    expect(sub.missing).toEqual({ nodes: [], ties: [] });
  });

  it("refuses the whole network where a subset was asked for", () => {
    expect(() => decodeSubset({ version: 2, ego: EGO, nodes: {}, ties: {} })).toThrow(DecodeError);
  });

  it("asks with repeated node and tie parameters", () => {
    expect(subsetQueryString([A, B], ["t1"])).toBe(`?node=${A}&node=${B}&tie=t1`);
  });
});
