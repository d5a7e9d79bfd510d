// Decoding of the history shapes (GET /api/history, /api/history/diff,
// history:changed, HistoryService replies) into the plain types of
// types.ts. Missing or mistyped fields get safe defaults; a step without an
// id is dropped, so the UI never shows a half-formed row.
import { DecodeError } from "./columnar";
import type { DiffSet, HistoryChanged, HistoryPage, HistoryStep, NetworkDiff } from "./types";

const str = (v: unknown): string => (typeof v === "string" ? v : "");
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === "string" && s !== "") : []);
const obj = (v: unknown): Record<string, unknown> | null => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/** decodeStep returns the step, or null when v is not one (null, no id). */
export function decodeStep(v: unknown): HistoryStep | null {
  const o = obj(v);
  if (!o || str(o.id) === "") return null;
  const kind = o.kind === "undo" || o.kind === "redo" ? o.kind : "edit";
  const step: HistoryStep = {
    id: str(o.id),
    at: str(o.at),
    name: str(o.name),
    kind,
    records: typeof o.records === "number" && Number.isFinite(o.records) ? o.records : 0,
    undoable: o.undoable === true,
    redoable: o.redoable === true,
    undone: o.undone === true,
  };
  const target = str(o.target);
  if (target !== "") step.target = target;
  return step;
}

export function decodeHistoryChanged(v: unknown): HistoryChanged {
  const o = obj(v);
  return { undo: decodeStep(o?.undo), redo: decodeStep(o?.redo) };
}

export function decodeHistoryPage(v: unknown): HistoryPage {
  const o = obj(v);
  if (!o) throw new DecodeError("The history page is not an object.");
  const steps = Array.isArray(o.steps) ? o.steps.map(decodeStep).filter((s): s is HistoryStep => s !== null) : [];
  return { steps, next: str(o.next), oldest: str(o.oldest) };
}

function decodeSet(v: unknown): DiffSet {
  const o = obj(v);
  const changed: DiffSet["changed"] = [];
  if (Array.isArray(o?.changed)) {
    for (const c of o.changed) {
      const co = obj(c);
      if (co && str(co.id) !== "") changed.push({ id: str(co.id), fields: strs(co.fields) });
    }
  }
  return { added: strs(o?.added), removed: strs(o?.removed), changed };
}

export function decodeDiff(v: unknown): NetworkDiff {
  const o = obj(v);
  if (!o) throw new DecodeError("The list of changes is not an object.");
  return { from: str(o.from), to: str(o.to), nodes: decodeSet(o.nodes), ties: decodeSet(o.ties), entries: decodeSet(o.entries) };
}
