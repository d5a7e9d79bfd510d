import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "./errors";
import { decodeDayCounts, fetchDayCounts } from "./journalDays";

afterEach(() => vi.unstubAllGlobals());

const body = { from: "2026-12-01", to: "2026-12-31", tz: "Europe/Berlin", days: [{ date: "2026-12-07", entries: 3 }], total: 3 };

describe("decodeDayCounts", () => {
  it("keeps a well-formed body", () => {
    expect(decodeDayCounts(body)).toEqual(body);
  });
  it("refuses malformed bodies and days", () => {
    expect(() => decodeDayCounts(null)).toThrow();
    expect(() => decodeDayCounts({ ...body, days: "x" })).toThrow();
    expect(() => decodeDayCounts({ ...body, days: [{ date: "7 Dec", entries: 1 }] })).toThrow();
    expect(() => decodeDayCounts({ ...body, days: [{ date: "2026-12-07", entries: -1 }] })).toThrow();
  });
});

describe("fetchDayCounts", () => {
  it("asks GET /api/journal/days with the zone and decodes", async () => {
    const fetch = vi.fn(async (_url: string) => new Response(JSON.stringify(body), { status: 200 }));
    vi.stubGlobal("fetch", fetch);
    const d = await fetchDayCounts({ from: "2026-12-01", to: "2026-12-31", tz: "Europe/Berlin" });
    expect(d.days).toEqual([{ date: "2026-12-07", entries: 3 }]);
    expect(fetch.mock.calls[0]![0]).toBe("/api/journal/days?from=2026-12-01&to=2026-12-31&tz=Europe%2FBerlin");
  });
  it("passes the backend's refusal on as an ApiError", async () => {
    vi.stubGlobal("fetch", async () => new Response(JSON.stringify({ code: "invalid", message: "from (b) is after to (a)." }), { status: 400 }));
    const err = await fetchDayCounts({ from: "b", to: "a", tz: "UTC" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe("invalid");
  });
});
