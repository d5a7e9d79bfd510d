import { describe, expect, it } from "vitest";
import type { GoalView } from "../../api/goals";
import { helpersText, localToday, overdue, sortGoals } from "./goalList";

const g = (title: string, status: GoalView["goal"]["status"], targetDate?: string, nodeIds: string[] = []): GoalView => ({
  goal: { id: title, title, status, targetDate, nodeIds, createdAt: "", updatedAt: "" },
  nobodyHelping: nodeIds.length === 0,
});

describe("goal list", () => {
  it("sorts by status, then target date (none last), then title", () => {
    const got = sortGoals([g("z", "achieved"), g("b", "active"), g("a", "active", "2027-01-01"), g("c", "active", "2026-05-01"), g("p", "paused")]);
    expect(got.map((x) => x.goal.title)).toEqual(["c", "a", "b", "p", "z"]);
  });
  it("says who helps", () => {
    expect(helpersText(g("a", "active"))).toBe("nobody helping");
    expect(helpersText(g("a", "active", undefined, ["n1", "n2"]))).toBe("2 helping");
  });
  it("finds overdue goals that are still open", () => {
    expect(overdue(g("a", "active", "2026-01-01"), "2026-01-02")).toBe(true);
    expect(overdue(g("a", "achieved", "2026-01-01"), "2026-01-02")).toBe(false);
    expect(overdue(g("a", "active", "2026-01-02"), "2026-01-02")).toBe(false);
    expect(localToday(new Date(2026, 0, 5))).toBe("2026-01-05");
  });
});
