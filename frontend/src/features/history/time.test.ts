import { describe, expect, it } from "vitest";
import { exactTime, parseAt, stepTime } from "./time";

describe("time", () => {
  it("reads the log's microsecond times", () => {
    expect(parseAt("2026-05-12T10:00:00.123456Z")?.toISOString()).toBe("2026-05-12T10:00:00.123Z");
    expect(parseAt("2026-05-12T10:00:00Z")?.getTime()).toBe(Date.UTC(2026, 4, 12, 10));
    expect(parseAt("")).toBeNull();
    expect(parseAt("soon")).toBeNull();
  });
  it("says today, yesterday or the date, in the given zone", () => {
    const o = { locale: "en-GB", timeZone: "UTC" };
    const now = new Date("2026-05-12T18:00:00Z");
    expect(stepTime("2026-05-12T14:02:11.5Z", now, o)).toBe("Today, 14:02:11");
    expect(stepTime("2026-05-11T09:15:02Z", now, o)).toBe("Yesterday, 09:15:02");
    expect(stepTime("2026-05-03T14:02:11Z", now, o)).toBe("3 May 2026, 14:02:11");
    // Local time: the same instant is the next day further east.
    expect(stepTime("2026-05-11T23:30:00Z", new Date("2026-05-12T12:00:00Z"), { locale: "en-GB", timeZone: "Asia/Tokyo" })).toBe("Today, 08:30:00");
    expect(exactTime(new Date("2026-05-03T14:02:11Z"), o)).toBe("3 May 2026, 14:02:11");
  });
});
