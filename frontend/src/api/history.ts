// HistoryService — undo and redo of any step (every network and journal
// write is one step of the change log). Lists of steps, the network as of a
// time and the changes between two times are read over HTTP (http.ts).
import { invoke } from "./bridge";
import type { HistoryChanged, HistoryStep } from "./types";

const S = ["service", "HistoryService"] as const;

/** Undo takes back the newest undoable step; resolves with the undo step it logged ("Undo: …"). not_found: nothing to undo; conflict: a record changed outside the history (nothing changed). */
export const Undo = () => invoke<HistoryStep>(...S, "Undo");
/** Redo re-applies the newest undone step ("Redo: …"); the same errors as Undo. */
export const Redo = () => invoke<HistoryStep>(...S, "Redo");
/** State says what Undo and Redo would take now. */
export const State = () => invoke<HistoryChanged>(...S, "State");
