// The History panel's list of steps (pure): pages merged newest first, and
// the marks each step gets.
import type { HistoryStep } from "../../api";

/** mergeSteps adds a page of older steps to a list, newest first, each step once (the newer copy wins). */
export function mergeSteps(list: readonly HistoryStep[], page: readonly HistoryStep[]): HistoryStep[] {
  const seen = new Set<string>();
  const out: HistoryStep[] = [];
  for (const s of [...list, ...page]) {
    if (seen.has(s.id)) continue;
    seen.add(s.id);
    out.push(s);
  }
  // Step ids are UUIDv7: their order is the log's order.
  return out.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

export type StepMark =
  /** the step Undo would take now */
  | "next-undo"
  /** the step Redo would take now */
  | "next-redo"
  /** applied, and can still be undone */
  | "undoable"
  /** undone, and can be redone */
  | "undone"
  /** undone, and a newer edit cleared the redo list: not in effect, and out of reach */
  | "dropped"
  /** applied, past the undo limit: can no longer be undone */
  | "fixed";

/** stepMark is the one mark an edit step shows; undo and redo steps are records of what happened and get none. */
export function stepMark(s: HistoryStep, next: { undo: string | null; redo: string | null }): StepMark | null {
  if (s.kind !== "edit") return null;
  if (s.id === next.undo) return "next-undo";
  if (s.id === next.redo) return "next-redo";
  if (s.undoable) return "undoable";
  if (s.redoable) return "undone";
  if (s.undone) return "dropped";
  return "fixed";
}

export const MARK_TEXT: Record<StepMark, string> = {
  "next-undo": "Undo takes this next",
  "next-redo": "Redo takes this next",
  undoable: "Can be undone",
  undone: "Undone · can be redone",
  dropped: "Undone · a later change replaced it",
  fixed: "Can no longer be undone",
};

/** kindMark is the sign in front of a step: ↶ an undo, ↷ a redo, • an edit. */
export function kindMark(s: Pick<HistoryStep, "kind">): string {
  return s.kind === "undo" ? "↶" : s.kind === "redo" ? "↷" : "•";
}

/** currentStep is the newest step at or before time t (ms): the one the map shows the result of. */
export function currentStep(steps: readonly HistoryStep[], t: number, parse: (at: string) => Date | null): HistoryStep | null {
  let best: HistoryStep | null = null;
  let bestT = -Infinity;
  for (const s of steps) {
    const st = parse(s.at)?.getTime();
    if (st === undefined || st > t) continue;
    if (st > bestT || (st === bestT && best !== null && s.id > best.id)) {
      best = s;
      bestT = st;
    }
  }
  return best;
}
