import { describe, expect, it } from "vitest";
import type { HistoryStep } from "../../api";
import { buildTicks, changesText, endOfLocalDay, nextStepIndex, tickIndexAt, tickLabel, viewingText } from "./timeline";

const step = (id: string, at: string, name = id): HistoryStep => ({ id, at, name, kind: "edit", records: 1, undoable: true, redoable: false, undone: false });

describe("the date slider", () => {
  const now = new Date(2026, 4, 12, 15, 0, 0); // local time
  const iso = (d: Date) => d.toISOString();
  const s1 = step("01", iso(new Date(2026, 4, 10, 9, 30)), "Add “Ada”");
  const s2 = step("02", iso(new Date(2026, 4, 10, 9, 31)), "Add “Bob”");
  const s3 = step("03", iso(new Date(2026, 4, 12, 11, 0)), "Move 2 nodes");

  it("runs from the first step to now: every step, the end of every day, then now", () => {
    const ticks = buildTicks(s1.at, [s3, s2, s1], now);
    expect(ticks.map((t) => t.kind)).toEqual(["step", "step", "day", "day", "step", "now"]);
    expect(ticks[0]!.at).toBe(s1.at); // the step's own time, as the backend wrote it
    expect(ticks[2]!.t).toBe(endOfLocalDay(new Date(2026, 4, 10)).getTime());
    expect(ticks[3]!.t).toBe(endOfLocalDay(new Date(2026, 4, 11)).getTime());
    expect(ticks.at(-1)!.t).toBe(now.getTime());
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]!.t).toBeGreaterThanOrEqual(ticks[i - 1]!.t);
  });

  it("is empty before anything was logged, and offers extra exact times", () => {
    expect(buildTicks("", [], now)).toEqual([]);
    const older = iso(new Date(2026, 4, 11, 8, 0));
    const ticks = buildTicks(s1.at, [s1], now, [older]);
    expect(ticks.some((t) => t.at === older && t.kind === "step")).toBe(true);
  });

  it("finds a time's position, and steps from step to step", () => {
    const ticks = buildTicks(s1.at, [s1, s2, s3], now);
    expect(tickIndexAt(ticks, s2.at)).toBe(1);
    expect(tickIndexAt(ticks, iso(new Date(2026, 4, 11, 12, 0)))).toBe(2); // the end of the 10th is the last before it
    expect(nextStepIndex(ticks, 1, 1)).toBe(4);
    expect(nextStepIndex(ticks, 4, -1)).toBe(1);
    expect(nextStepIndex(ticks, 4, 1)).toBe(5);
    expect(nextStepIndex(ticks, 0, -1)).toBe(0);
  });

  it("labels each position", () => {
    const o = { locale: "en-GB" };
    const ticks = buildTicks(s1.at, [s1], now);
    expect(tickLabel(ticks[0]!, o)).toMatch(/^10 May 2026, 09:30:00 — after “Add “Ada”/);
    expect(tickLabel(ticks[1]!, o)).toBe("End of 10 May 2026");
    expect(tickLabel(ticks.at(-1)!, o)).toBe("Now");
  });
});

describe("the read-only bar", () => {
  it("says which time the map shows, and after which step", () => {
    const o = { locale: "en-GB", timeZone: "UTC" };
    const s = step("01", "2026-05-03T14:02:11.123456Z", "Move 12 nodes");
    expect(viewingText(s.at, [s], o)).toBe("Viewing 3 May 2026, 14:02:11 — after “Move 12 nodes”");
    expect(viewingText("2026-05-03T23:59:59.999Z", [s], o)).toBe("Viewing 3 May 2026, 23:59:59");
    expect(changesText(s.at, null, o)).toBe("Changes from 3 May 2026, 14:02:11 to now");
    expect(changesText(s.at, "2026-05-04T00:00:00Z", o)).toBe("Changes from 3 May 2026, 14:02:11 to 4 May 2026, 00:00:00");
  });
});
