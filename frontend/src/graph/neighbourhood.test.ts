import { describe, expect, it } from "vitest";
import { neighbourhood, type WalkGraph } from "./neighbourhood";

/** me is tied to everyone; a–b–c–d a chain; e alone. */
function graph(): WalkGraph {
  const adj: Record<string, string[]> = {
    me: ["a", "b", "c", "d", "e"],
    a: ["me", "b"],
    b: ["me", "a", "c"],
    c: ["me", "b", "d"],
    d: ["me", "c"],
    e: ["me"],
  };
  return { hasNode: (id) => id in adj, forEachNeighbor: (id, cb) => adj[id]?.forEach(cb) };
}
const sorted = (s: Set<string>) => [...s].sort();

describe("neighbourhood", () => {
  it("grows one tie per step along alter–alter ties, never through the ego", () => {
    expect(sorted(neighbourhood(graph(), ["a"], 1, "me"))).toEqual(["a", "b", "me"]);
    expect(sorted(neighbourhood(graph(), ["a"], 2, "me"))).toEqual(["a", "b", "c", "me"]);
    expect(sorted(neighbourhood(graph(), ["a"], 3, "me"))).toEqual(["a", "b", "c", "d", "me"]);
    expect(sorted(neighbourhood(graph(), ["e"], 3, "me"))).toEqual(["e", "me"]);
  });
  it("starts from several nodes, ignores unknown ones, and keeps the ego in", () => {
    expect(sorted(neighbourhood(graph(), ["a", "d", "zz"], 1, "me"))).toEqual(["a", "b", "c", "d", "me"]);
    expect(sorted(neighbourhood(graph(), ["me"], 2, "me"))).toEqual(["me"]);
    expect(sorted(neighbourhood(graph(), [], 1, "me"))).toEqual(["me"]);
  });
});
