import { afterEach, describe, expect, it, vi } from "vitest";
import { decodeActivity, fetchActivity } from "./activity";
import { ApiError } from "./errors";

afterEach(() => vi.unstubAllGlobals());

const A = "0190f1a0-0000-7000-8000-000000000002";
const B = "0190f1a0-0000-7000-8000-000000000003";

// The body GET /api/activity sends (service.ActivityColumns).
const body = {
  version: 1,
  at: "2026-08-10T09:00:00Z",
  quietPeriodDays: 90,
  nodes: {
    id: [A, B],
    lastInteraction: ["2026-05-01T12:00:00Z", ""],
    interactions: [3, 0],
    cadence: [30, 0],
    dueAt: ["2026-05-31T12:00:00Z", ""],
    due: [true, false],
    overdueDays: [70, 0],
    status: ["dormant", "archived"],
    computed: [true, false],
    reason: ["no interaction since 2026-05-01 (quiet period 90 days)", "status set by hand"],
  },
};

describe("decodeActivity", () => {
  it("turns the columns into activity by node id", () => {
    const a = decodeActivity(body);
    expect(a.at).toBe("2026-08-10T09:00:00Z");
    expect(a.quietPeriodDays).toBe(90);
    expect(a.byId.size).toBe(2);
    expect(a.byId.get(A)).toEqual({
      nodeId: A,
      lastInteraction: "2026-05-01T12:00:00Z",
      interactions: 3,
      cadence: 30,
      dueAt: "2026-05-31T12:00:00Z",
      due: true,
      overdueDays: 70,
      status: "dormant",
      computed: true,
      reason: "no interaction since 2026-05-01 (quiet period 90 days)",
    });
    expect(a.byId.get(B)?.status).toBe("archived");
    expect(a.byId.get(B)?.computed).toBe(false);
  });
  it("gives short or missing columns their defaults and drops rows without an id", () => {
    const a = decodeActivity({ nodes: { id: [A, "", 7], status: ["nonsense"], due: ["yes"] } });
    expect([...a.byId.keys()]).toEqual([A]);
    expect(a.byId.get(A)).toMatchObject({ status: "active", due: false, interactions: 0, lastInteraction: "", reason: "" });
  });
  it("refuses a body without node columns", () => {
    expect(() => decodeActivity({ version: 1 })).toThrow(ApiError);
    expect(() => decodeActivity(null)).toThrow(ApiError);
  });
});

describe("fetchActivity", () => {
  it("reads GET /api/activity", async () => {
    const fetch = vi.fn(async (_path: string) => new Response(JSON.stringify(body)));
    vi.stubGlobal("fetch", fetch);
    const a = await fetchActivity();
    expect(fetch.mock.calls[0]![0]).toBe("/api/activity");
    expect(a.byId.get(A)?.overdueDays).toBe(70);
  });
  it("rejects with the backend's error", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify({ code: "internal", message: "boom" }), { status: 500 })));
    const err = await fetchActivity().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe("internal");
  });
});
