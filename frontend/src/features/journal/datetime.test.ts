import { describe, expect, it } from "vitest";
import { dayKey, dayLabel, fromLocalInput, parseTime, timeLabel, toLocalInput } from "./datetime";

describe("datetime", () => {
  it("round-trips a datetime-local value through RFC 3339 with the local offset", () => {
    const iso = fromLocalInput("2026-11-29T09:05");
    expect(iso).toMatch(/^2026-11-29T09:05:00[+-]\d{2}:\d{2}$/);
    expect(parseTime(iso!)).toBe(new Date(2026, 10, 29, 9, 5).getTime());
    expect(toLocalInput(iso!)).toBe("2026-11-29T09:05");
  });

  it("accepts the whole range the backend does, years 1 to 9999 (found in review: year 1 became 1901)", () => {
    expect(fromLocalInput("0001-01-01T00:00")).toMatch(/^0001-01-01T00:00:00[+-]\d{2}:\d{2}$/);
    expect(fromLocalInput("0099-12-31T23:59")).toMatch(/^0099-12-31T23:59:00/);
    expect(fromLocalInput("9999-12-31T23:59")).toMatch(/^9999-12-31T23:59:00/);
    expect(fromLocalInput("0000-06-01T12:00")).toBeNull();
    expect(fromLocalInput("0001-02-29T00:00")).toBeNull(); // year 1 is not a leap year
  });

  it("rejects invalid input", () => {
    expect(fromLocalInput("")).toBeNull();
    expect(fromLocalInput("2026-02-30T10:00")).toBeNull();
    expect(fromLocalInput("yesterday")).toBeNull();
  });

  it("parses Go's nanosecond timestamps", () => {
    expect(parseTime("2026-11-29T09:00:00.123456789Z")).toBe(Date.UTC(2026, 10, 29, 9, 0, 0, 123));
  });

  it("keys and labels days in local time", () => {
    const local = new Date(2026, 10, 29, 23, 30);
    expect(dayKey(local.toISOString())).toBe("2026-11-29");
    expect(timeLabel(local.toISOString())).toBe("23:30");
    const now = new Date(2026, 10, 29, 12, 0);
    expect(dayLabel("2026-11-29", now)).toBe("Today");
    expect(dayLabel("2026-11-28", now)).toBe("Yesterday");
    expect(dayLabel("2026-11-20", now)).toContain("2026");
    expect(dayKey("nonsense")).toBe("");
  });
});
