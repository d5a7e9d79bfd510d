import { describe, expect, it } from "vitest";
import { carriesNode, decodeNodeDrag, encodeNodeDrag, MAX_NODE_DRAG, NODE_DRAG_TYPE } from "./nodeDrag";

const ID = "0190f1a0-0000-7000-8000-000000000002";

describe("node drag payload", () => {
  it("round-trips", () => {
    const s = encodeNodeDrag({ nodeId: ID, label: "Ada <b>" });
    expect(decodeNodeDrag(s)).toEqual({ nodeId: ID, label: "Ada <b>" });
    expect(decodeNodeDrag(JSON.stringify({ v: 1, nodeId: ID }))).toEqual({ nodeId: ID, label: "" });
  });

  it("rejects malformed data", () => {
    for (const bad of [
      undefined,
      "",
      "Ada",
      "{",
      "null",
      "[1]",
      JSON.stringify(ID),
      JSON.stringify({ nodeId: ID }), // no version
      JSON.stringify({ v: 2, nodeId: ID }),
      JSON.stringify({ v: 1, nodeId: ID.toUpperCase() }),
      JSON.stringify({ v: 1, nodeId: "../../etc" }),
      JSON.stringify({ v: 1, nodeId: `${ID} ` }),
      JSON.stringify({ v: 1, nodeId: 7 }),
      JSON.stringify({ v: 1, nodeId: ID, label: 5 }),
      JSON.stringify({ v: 1, nodeId: ID, label: "x".repeat(MAX_NODE_DRAG) }),
    ]) {
      expect(decodeNodeDrag(bad), String(bad)).toBeNull();
    }
  });

  it("tells a node drag by its type", () => {
    expect(carriesNode(["text/plain", NODE_DRAG_TYPE])).toBe(true);
    expect(carriesNode(["Files"])).toBe(false);
    expect(carriesNode(undefined)).toBe(false);
  });
});
