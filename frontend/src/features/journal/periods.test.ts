import { describe, expect, it } from "vitest";
import type { Entry } from "../../api";
import { groupByPeriod, isoWeek, mondayOf, periodLabel, periodOf } from "./periods";

function entry(id: string, local: Date): Entry {
  const t = local.toISOString();
  return { id, occurredAt: t, body: id, type: "reflection", createdAt: t, updatedAt: t };
}

describe("isoWeek", () => {
  it("numbers weeks from Monday, week 1 holding the first Thursday", () => {
    expect(isoWeek(new Date(2026, 11, 7))).toEqual({ year: 2026, week: 50 }); // a Monday
    expect(isoWeek(new Date(2026, 11, 13))).toEqual({ year: 2026, week: 50 }); // its Sunday
    expect(isoWeek(new Date(2026, 11, 14))).toEqual({ year: 2026, week: 51 });
    // 1 Jan 2027 is a Friday: it belongs to 2026's week 53.
    expect(isoWeek(new Date(2027, 0, 1))).toEqual({ year: 2026, week: 53 });
    expect(isoWeek(new Date(2027, 0, 4))).toEqual({ year: 2027, week: 1 });
    // 29 Dec 2025 (a Monday) starts 2026's week 1 (1 Jan 2026 is a Thursday).
    expect(isoWeek(new Date(2025, 11, 29))).toEqual({ year: 2026, week: 1 });
    expect(isoWeek(new Date(2025, 11, 28))).toEqual({ year: 2025, week: 52 });
  });

  it("mondayOf finds the week's Monday, across a month end", () => {
    const m = mondayOf(new Date(2026, 2, 1, 23, 30)); // Sunday 1 Mar 2026
    expect([m.getFullYear(), m.getMonth(), m.getDate(), m.getHours()]).toEqual([2026, 1, 23, 0]);
  });
});

describe("groupByPeriod", () => {
  const es = [
    entry("a", new Date(2026, 11, 7, 0, 0)), // Monday, week 50
    entry("b", new Date(2026, 11, 13, 23, 59)), // Sunday, week 50
    entry("c", new Date(2026, 11, 14, 9)), // Monday, week 51
    entry("d", new Date(2026, 10, 30, 12)), // Monday 30 Nov, week 49
    entry("e", new Date(2026, 11, 1, 8)), // Tuesday 1 Dec, week 49
  ];

  it("groups by ISO week starting Monday, newest first", () => {
    const g = groupByPeriod(es, "week");
    expect(g.map((x) => x.key)).toEqual(["2026-W51", "2026-W50", "2026-W49"]);
    expect(g.map((x) => x.start)).toEqual(["2026-12-14", "2026-12-07", "2026-11-30"]);
    expect(g.map((x) => x.entries.map((e) => e.id))).toEqual([["c"], ["b", "a"], ["e", "d"]]);
  });

  it("groups by local month and by local day", () => {
    expect(groupByPeriod(es, "month").map((x) => [x.key, x.start, x.entries.map((e) => e.id).join("")])).toEqual([
      ["2026-12", "2026-12-01", "cbae"],
      ["2026-11", "2026-11-01", "d"],
    ]);
    expect(groupByPeriod(es, "day").map((x) => x.key)).toEqual(["2026-12-14", "2026-12-13", "2026-12-07", "2026-12-01", "2026-11-30"]);
    expect(groupByPeriod([], "week")).toEqual([]);
  });

  it("puts unreadable times in one group of their own, last", () => {
    const bad = { ...entry("z", new Date(2026, 0, 1)), occurredAt: "not a time" };
    const g = groupByPeriod([bad, es[0]!], "month");
    expect(g.map((x) => x.key)).toEqual(["2026-12", ""]);
    expect(periodOf("nope", "week")).toEqual({ key: "", start: "" });
  });
});

describe("periodLabel", () => {
  it("names weeks by number and days, months by name", () => {
    expect(periodLabel({ key: "2026-W50", start: "2026-12-07" }, "week")).toBe("Week 50 · 7–13 Dec 2026");
    expect(periodLabel({ key: "2026-W49", start: "2026-11-30" }, "week")).toBe("Week 49 · 30 Nov–6 Dec 2026");
    expect(periodLabel({ key: "2026-W53", start: "2026-12-28" }, "week")).toBe("Week 53 · 28 Dec 2026–3 Jan 2027");
    expect(periodLabel({ key: "2026-12", start: "2026-12-01" }, "month")).toBe("December 2026");
    expect(periodLabel({ key: "", start: "" }, "month")).toBe("Unknown date");
  });
});
