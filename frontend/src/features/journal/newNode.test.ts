import { describe, expect, it } from "vitest";
import { newNodeSpot } from "./newNode";

describe("newNodeSpot", () => {
  it("puts the node two spacings from the ego when nothing is near", () => {
    const p = newNodeSpot([{ x: 10, y: 20 }], { x: 10, y: 20 }, 50);
    expect(Math.hypot(p.x - 10, p.y - 20)).toBeCloseTo(100);
  });

  it("keeps clear of the nodes already there", () => {
    const nodes = [{ x: 0, y: 0 }];
    for (let i = 0; i < 30; i++) nodes.push(newNodeSpot(nodes, { x: 0, y: 0 }, 40));
    for (let i = 0; i < nodes.length; i++)
      for (let j = i + 1; j < nodes.length; j++) expect(Math.hypot(nodes[i]!.x - nodes[j]!.x, nodes[i]!.y - nodes[j]!.y)).toBeGreaterThanOrEqual(39.999);
  });
});
