import { describe, expect, it } from "vitest";
import type { HistoryStep } from "../../api";
import { currentStep, kindMark, mergeSteps, stepMark } from "./steps";
import { parseAt } from "./time";

const step = (id: string, over: Partial<HistoryStep> = {}): HistoryStep => ({
  id,
  at: `2026-05-12T10:00:${id}Z`,
  name: `step ${id}`,
  kind: "edit",
  records: 1,
  undoable: false,
  redoable: false,
  undone: false,
  ...over,
});

describe("the list of steps", () => {
  it("merges pages newest first, each step once, the newer copy winning", () => {
    const a = [step("05", { undoable: true }), step("04")];
    const b = [step("04", { undoable: true }), step("03")];
    const m = mergeSteps(a, b);
    expect(m.map((s) => s.id)).toEqual(["05", "04", "03"]);
    expect(m[1]!.undoable).toBe(false);
  });

  it("marks what undo and redo would take, what can still be undone, and what is undone", () => {
    const next = { undo: "05", redo: "06" };
    expect(stepMark(step("05", { undoable: true }), next)).toBe("next-undo");
    expect(stepMark(step("06", { redoable: true }), next)).toBe("next-redo");
    expect(stepMark(step("04", { undoable: true }), next)).toBe("undoable");
    expect(stepMark(step("07", { redoable: true }), next)).toBe("undone");
    expect(stepMark(step("01"), next)).toBe("fixed");
    expect(stepMark(step("02", { undone: true }), next)).toBe("dropped"); // undone, its redo cleared
    expect(stepMark(step("08", { kind: "undo", target: "05" }), next)).toBeNull();
    expect([kindMark({ kind: "undo" }), kindMark({ kind: "redo" }), kindMark({ kind: "edit" })]).toEqual(["↶", "↷", "•"]);
  });

  it("knows which step the map shows the result of", () => {
    const steps = [step("30"), step("20"), step("10")];
    const t = parseAt("2026-05-12T10:00:25Z")!.getTime();
    expect(currentStep(steps, t, parseAt)?.id).toBe("20");
    expect(currentStep(steps, 0, parseAt)).toBeNull();
  });
});
