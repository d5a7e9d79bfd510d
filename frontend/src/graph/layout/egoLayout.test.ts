import { describe, expect, it } from "vitest";
import { egoLayout, ringOf, type EgoAlter } from "./egoLayout";

const alter = (id: string, strength: number, group = "person", pinned = false): EgoAlter => ({ id, label: id, strength, group, pinned });
const opts = { centre: { x: 10, y: -5 }, ringGap: 100, minSpacing: 30 };
const dist = (p: { x: number; y: number }) => Math.hypot(p.x - 10, p.y + 5);

describe("egoLayout", () => {
  it("puts stronger ego ties on inner rings, unset outermost", () => {
    expect([5, 4, 3, 2, 1, 0, 7].map(ringOf)).toEqual([1, 2, 3, 4, 5, 6, 6]);
    const out = egoLayout([alter("s5", 5), alter("s3", 3), alter("s0", 0), alter("s1", 1)], opts);
    expect(dist(out.get("s5")!)).toBeCloseTo(100, 6);
    expect(dist(out.get("s3")!)).toBeCloseTo(300, 6);
    expect(dist(out.get("s1")!)).toBeCloseTo(500, 6);
    expect(dist(out.get("s0")!)).toBeCloseTo(600, 6);
  });

  it("spills a crowded ring onto sub-rings half a gap apart, no two closer than minSpacing, the next ring outside them", () => {
    const crowded = Array.from({ length: 60 }, (_, i) => alter(`c${String(i).padStart(2, "0")}`, 5));
    const out = egoLayout([...crowded, alter("w", 4)], opts);
    const radii = crowded.map((a) => Math.round(dist(out.get(a.id)!)));
    // one group: the whole circle; 2π·100/30 → 20 fit at 100, 31 at 150, the last 9 at 200
    expect([100, 150, 200].map((r) => radii.filter((x) => x === r).length)).toEqual([20, 31, 9]);
    const pts = crowded.map((a) => out.get(a.id)!);
    for (let i = 0; i < pts.length; i++)
      for (let j = i + 1; j < pts.length; j++) expect(Math.hypot(pts[i]!.x - pts[j]!.x, pts[i]!.y - pts[j]!.y)).toBeGreaterThanOrEqual(30 - 1e-6);
    expect(dist(out.get("w")!)).toBeCloseTo(300, 6);
  });

  it("gives each group a sector in proportion to its size, in the order given, clockwise from the top", () => {
    const as = [alter("p1", 3, "person"), alter("p2", 3, "person"), alter("s1", 3, "source"), alter("s2", 3, "source")];
    const out = egoLayout(as, { ...opts, groupOrder: ["person", "source"] });
    // person: the right half (top → bottom, clockwise on screen), source: the left half.
    for (const id of ["p1", "p2"]) expect(out.get(id)!.x).toBeGreaterThan(10);
    for (const id of ["s1", "s2"]) expect(out.get(id)!.x).toBeLessThan(10);
    // p1 before p2 (A–Z): p1 nearer the top (graph y up).
    expect(out.get("p1")!.y).toBeGreaterThan(out.get("p2")!.y);
  });

  it("leaves pinned alters out, and their place in the sector empty", () => {
    const out = egoLayout([alter("a", 2), alter("b", 2, "person", true), alter("c", 2)], opts);
    expect(out.has("b")).toBe(false);
    expect([...out.keys()].sort()).toEqual(["a", "c"]);
    const again = egoLayout([alter("a", 2), alter("b", 2, "person", false), alter("c", 2)], opts);
    expect(out.get("a")).toEqual(again.get("a"));
  });

  it("puts the group without a key last, other unknown groups A–Z after the listed ones", () => {
    const out = egoLayout([alter("n", 1, ""), alter("z", 1, "zeta"), alter("w", 1, "work")], { ...opts, groupOrder: ["work"] });
    // three equal sectors: work from the top (right), zeta (bottom), "" (left)
    expect(out.get("w")!.x).toBeGreaterThan(10);
    expect(out.get("n")!.x).toBeLessThan(10);
    expect(out.get("z")!.y).toBeLessThan(-5);
  });

  it("is empty for no alters", () => {
    expect(egoLayout([], opts).size).toBe(0);
  });
});
