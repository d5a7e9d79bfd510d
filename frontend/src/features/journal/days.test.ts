import { describe, expect, it } from "vitest";
import type { Entry } from "../../api";
import { groupByDay, mergeEntries } from "./days";

function entry(id: string, local: Date): Entry {
  const t = local.toISOString();
  return { id, occurredAt: t, body: id, type: "reflection", createdAt: t, updatedAt: t };
}

describe("groupByDay", () => {
  it("groups by local day, newest day and newest entry first", () => {
    const es = [
      entry("a", new Date(2026, 0, 1, 9)),
      entry("b", new Date(2026, 0, 2, 8)),
      entry("c", new Date(2026, 0, 1, 23, 59)),
      entry("d", new Date(2026, 0, 2, 0, 0)),
      entry("e", new Date(2025, 11, 31, 12)),
    ];
    const g = groupByDay(es);
    expect(g.map((d) => d.key)).toEqual(["2026-01-02", "2026-01-01", "2025-12-31"]);
    expect(g.map((d) => d.entries.map((e) => e.id))).toEqual([["b", "d"], ["c", "a"], ["e"]]);
  });

  it("orders same-time entries by id descending and handles empty input", () => {
    const t = new Date(2026, 0, 1, 9);
    expect(groupByDay([entry("01", t), entry("02", t)])[0]!.entries.map((e) => e.id)).toEqual(["02", "01"]);
    expect(groupByDay([])).toEqual([]);
  });
});

describe("mergeEntries", () => {
  it("dedupes by id with the page's copy winning, newest first", () => {
    const old = entry("a", new Date(2026, 0, 1));
    const newer = { ...entry("a", new Date(2026, 0, 3)), body: "edited" };
    const m = mergeEntries([old, entry("b", new Date(2026, 0, 2))], [newer, entry("c", new Date(2025, 0, 1))]);
    expect(m.map((e) => e.id)).toEqual(["a", "b", "c"]);
    expect(m[0]!.body).toBe("edited");
  });
});
