// What Undo and Redo would take now, as the toolbar shows it (pure; the
// store in history.svelte.ts drives it). Two sources update it: the
// history:changed event (pushed after every step, undo, redo and restore)
// and HistoryService.State() (read at start and after our own undo/redo).
// A State() reply is dropped when an event arrived after it was asked for:
// the event is newer.

import type { HistoryChanged, HistoryStep } from "../../api";

export type HistoryOp = "undo" | "redo";

export interface HistoryState {
  undo: HistoryStep | null;
  redo: HistoryStep | null;
  /** the undo or redo in flight (one at a time) */
  busy: HistoryOp | null;
  /** how many history:changed events have arrived */
  events: number;
  /** false until State() or an event has answered once */
  known: boolean;
}

export type HistoryAction =
  /** a history:changed event */
  | { type: "event"; state: HistoryChanged }
  /** a State() reply; asked: the event count when it was asked */
  | { type: "loaded"; state: HistoryChanged; asked: number }
  | { type: "start"; op: HistoryOp }
  | { type: "finish" };

export const initialHistory = (): HistoryState => ({ undo: null, redo: null, busy: null, events: 0, known: false });

export function reduceHistory(s: HistoryState, a: HistoryAction): HistoryState {
  switch (a.type) {
    case "event":
      return { ...s, undo: a.state.undo, redo: a.state.redo, events: s.events + 1, known: true };
    case "loaded":
      if (a.asked !== s.events) return s; // an event is newer than this reply
      return { ...s, undo: a.state.undo, redo: a.state.redo, known: true };
    case "start":
      return s.busy ? s : { ...s, busy: a.op };
    case "finish":
      return { ...s, busy: null };
  }
}

/** canRun: the toolbar button and the shortcut are live. */
export function canRun(s: HistoryState, op: HistoryOp): boolean {
  return s.busy === null && (op === "undo" ? s.undo : s.redo) !== null;
}

/** buttonLabel is the tooltip and aria-label of the toolbar button: it names the step ("Undo: Move 12 nodes"). */
export function buttonLabel(op: HistoryOp, step: HistoryStep | null): string {
  if (!step) return op === "undo" ? "Nothing to undo" : "Nothing to redo";
  return `${op === "undo" ? "Undo" : "Redo"}: ${step.name}`;
}

/** stepAction strips the "Undo: " / "Redo: " an undo or redo step's name starts with: what was undone or redone. */
export function stepAction(name: string): string {
  const m = /^(?:Undo|Redo): (.*)$/s.exec(name);
  return m ? m[1]! : name;
}

/** doneMessage is the toast after an undo or redo, naming the step ("Undone: Move 12 nodes"). */
export function doneMessage(op: HistoryOp, step: Pick<HistoryStep, "name">): string {
  const what = stepAction(step.name).trim();
  const verb = op === "undo" ? "Undone" : "Redone";
  return what === "" ? `${verb}.` : `${verb}: ${what}`;
}

/** undoKeys is how the undo shortcut is written on this platform. */
export function undoKeys(mac: boolean): string {
  return mac ? "⌘Z" : "Ctrl+Z";
}

/** undoHint is the sentence the delete confirmations end with. */
export function undoHint(mac: boolean): string {
  return `You can undo this with ${undoKeys(mac)} or the Undo button.`;
}
