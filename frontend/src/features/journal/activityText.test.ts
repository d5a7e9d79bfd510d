import { describe, expect, it } from "vitest";
import { calendarDays, dueRowText, dueText, interactionsText, lastInteractionText, overdueText, parseTime, relativeDay, statusText } from "./activityText";
import { ComposeRequests } from "./compose.svelte";

const now = new Date(2026, 11, 4, 15, 30); // 4 Dec 2026, 15:30 local
const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h);

describe("relativeDay", () => {
  it("counts local calendar days, not 24-hour spans", () => {
    expect(relativeDay(at(2026, 12, 4, 1), now)).toBe("today");
    expect(relativeDay(at(2026, 12, 3, 23), now)).toBe("yesterday");
    expect(relativeDay(at(2026, 12, 5, 0), now)).toBe("tomorrow");
    expect(relativeDay(at(2026, 12, 1), now)).toBe("3 days ago");
    expect(relativeDay(at(2026, 12, 10), now)).toBe("in 6 days");
  });
  it("goes to weeks, months and years", () => {
    expect(relativeDay(at(2026, 11, 13), now)).toBe("3 weeks ago");
    expect(relativeDay(at(2026, 9, 1), now)).toBe("3 months ago");
    expect(relativeDay(at(2026, 10, 5), now)).toBe("2 months ago"); // 60 days: not "1 month"
    expect(relativeDay(at(2023, 12, 1), now)).toBe("3 years ago");
    expect(relativeDay(at(2026, 12, 25), now)).toBe("in 3 weeks");
  });
  it("crosses a month end", () => {
    expect(calendarDays(at(2026, 11, 30), at(2026, 12, 1))).toBe(1);
  });
});

describe("parseTime", () => {
  it("reads RFC 3339 with nanoseconds, and nothing from empty or garbage", () => {
    expect(parseTime("2026-12-01T10:00:00.123456789Z")?.toISOString()).toBe("2026-12-01T10:00:00.123Z");
    expect(parseTime("")).toBeNull();
    expect(parseTime("soon")).toBeNull();
  });
});

describe("due and overdue", () => {
  it("says how many days overdue, from the backend's count", () => {
    expect(overdueText(0)).toBe("due today");
    expect(overdueText(1)).toBe("1 day overdue");
    expect(overdueText(12)).toBe("12 days overdue");
    expect(dueText({ cadence: 7, dueAt: at(2026, 11, 20).toISOString(), due: true, overdueDays: 14 }, now)).toBe("every 7 days · 14 days overdue");
  });
  it("says when the node is next due", () => {
    const base = { cadence: 30, due: false, overdueDays: 0 };
    expect(dueText({ ...base, dueAt: at(2026, 12, 8).toISOString() }, now)).toMatch(/^every 30 days · due in 4 days \(.+\)$/);
    expect(dueText({ ...base, dueAt: at(2026, 12, 5).toISOString() }, now)).toMatch(/^every 30 days · due tomorrow /);
    expect(dueText({ ...base, dueAt: at(2026, 12, 4, 20).toISOString() }, now)).toMatch(/due later today/);
    expect(dueText({ ...base, cadence: 1, dueAt: at(2026, 12, 5).toISOString() }, now)).toMatch(/^every 1 day ·/);
  });
  it("says when there is no cadence", () => {
    expect(dueText({ cadence: 0, dueAt: "", due: false, overdueDays: 0 }, now)).toBe("no cadence");
  });
  it("summarises a due row", () => {
    expect(dueRowText({ overdueDays: 3, lastInteraction: at(2026, 10, 1).toISOString() }, now)).toBe("3 days overdue · last interaction 2 months ago");
    expect(dueRowText({ overdueDays: 0, lastInteraction: "" }, now)).toBe("due today · no interaction yet");
  });
});

describe("status and counts", () => {
  it("labels a status set by hand, and gives the reason of a computed one", () => {
    expect(statusText({ status: "active", computed: false, reason: "status set by hand" })).toBe("active (set by hand)");
    expect(statusText({ status: "dormant", computed: true, reason: "no interaction since 2026-08-01 (quiet period 90 days)" })).toBe(
      "dormant: no interaction since 2026-08-01 (quiet period 90 days)",
    );
    expect(statusText({ status: "active", computed: true, reason: "" })).toBe("active (automatic)");
  });
  it("counts interactions", () => {
    expect(interactionsText(0)).toBe("no interactions");
    expect(interactionsText(1)).toBe("1 interaction");
    expect(interactionsText(5)).toBe("5 interactions");
    expect(lastInteractionText("", now)).toBe("none yet");
    expect(lastInteractionText(at(2026, 12, 2).toISOString(), now)).toMatch(/^2 days ago \(.+\)$/);
  });
});

describe("compose requests", () => {
  it("keeps the latest request until it is taken, once", () => {
    const c = new ComposeRequests();
    expect(c.take()).toBeNull();
    c.request({ nodeIds: ["a", "a", "b"], type: "interaction" });
    c.openEntry("e1");
    const r = c.take();
    expect(r).toMatchObject({ kind: "open", entryId: "e1" });
    expect(c.pending).toBeNull();
    expect(c.take()).toBeNull();
    c.request({ nodeIds: ["a", "a", "b"], type: "interaction" });
    expect(c.take()).toMatchObject({ kind: "new", nodeIds: ["a", "b"], type: "interaction" });
  });
  it("numbers requests, so the same one asked twice is two requests", () => {
    const c = new ComposeRequests();
    c.request({ nodeIds: ["a"], type: "reflection" });
    const first = c.take();
    c.request({ nodeIds: ["a"], type: "reflection" });
    expect(c.take()?.n).not.toBe(first?.n);
    c.openEntry("");
    expect(c.pending).toBeNull();
  });
});
