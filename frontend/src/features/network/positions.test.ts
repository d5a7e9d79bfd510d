import { describe, expect, it, vi } from "vitest";
import type { Position } from "../../api";
import { PositionSaver } from "./actions";

describe("PositionSaver", () => {
  it("batches drag ends into one call, last position wins", async () => {
    vi.useFakeTimers();
    const calls: Position[][] = [];
    const s = new PositionSaver(async (ps) => void calls.push(ps), () => {}, 100);
    s.add({ id: "a", x: 1, y: 1, pinned: true });
    s.add({ id: "b", x: 2, y: 2, pinned: true });
    s.add({ id: "a", x: 3, y: 3, pinned: true });
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(150);
    expect(calls).toEqual([
      [
        { id: "a", x: 3, y: 3, pinned: true },
        { id: "b", x: 2, y: 2, pinned: true },
      ],
    ]);
    vi.useRealTimers();
  });
  it("reports a failed save", async () => {
    const errs: unknown[] = [];
    const s = new PositionSaver(() => Promise.reject(new Error("x")), (e) => void errs.push(e), 10);
    s.add({ id: "a", x: 1, y: 1, pinned: true });
    await s.flush();
    expect(errs).toHaveLength(1);
  });
});
