// Leaving a side panel with unsaved edits (pure): is the form dirty, rebase
// edits over a record that changed meanwhile, and save / ask / discard
// before the panel closes or the selection changes.
import { type Result } from "./fields";
import { type NodeForm } from "./nodeForm";
import { CUSTOM, type RelationChoice } from "./tieForm";

const same = (a: unknown, b: unknown) => String(a ?? "") === String(b ?? "");
/** the number fields: an emptied input (null, "") is 0, and "7" is 7 */
const NUMBER_FIELDS = new Set<PropertyKey>(["strength", "cadence"]);
const numberOf = (v: unknown) => (v === null || v === undefined || String(v).trim() === "" ? 0 : Number(v));
const sameField = (k: PropertyKey, a: unknown, b: unknown) => (NUMBER_FIELDS.has(k) ? numberOf(a) === numberOf(b) : same(a, b));

/** nodeFormDirty: the panel's form differs from the node as last loaded (number inputs may hold strings or null). */
export function nodeFormDirty(form: NodeForm, base: NodeForm): boolean {
  return (Object.keys(base) as (keyof NodeForm)[]).some((k) => !sameField(k, form[k], base[k]));
}

/**
 * rebase carries a panel's unsaved edits over to a fresh copy of the record
 * (a three-way merge): each field the user left as it was in `base` (the
 * record when the panel last loaded it) takes the fresh value; each field
 * the user changed keeps the user's value. So saving never writes back a
 * stale value of a field the user did not touch — an ego tie set by
 * Shift-drag, or a rename made in another window (both found in review).
 */
export function rebase<T extends object>(form: T, base: T, fresh: T): T {
  const out = { ...fresh };
  for (const k of Object.keys(fresh) as (keyof T)[]) {
    if (!sameField(k, form[k], base[k])) out[k] = form[k];
  }
  return out;
}

/** tieChoiceDirty: the tie panel differs from the tie as last loaded (the custom text counts only when custom is chosen). */
export function tieChoiceDirty(c: RelationChoice, base: RelationChoice): boolean {
  const rel = (x: RelationChoice) => (x.choice === CUSTOM ? `${CUSTOM}:${x.custom}` : x.choice);
  return rel(c) !== rel(base) || c.directed !== base.directed || !same(c.strength, base.strength) || c.note !== base.note;
}

/**
 * LeavePlan is what happens when a panel would close or the selection would
 * change: nothing to save (close), save these fields first (save; if the
 * backend refuses, ask), or the fields do not validate (ask, showing why).
 */
export type LeavePlan<T> = { kind: "close" } | { kind: "save"; value: T } | { kind: "ask"; error: string };

export function leavePlan<T>(dirty: boolean, validate: () => Result<T>): LeavePlan<T> {
  if (!dirty) return { kind: "close" };
  const r = validate();
  return r.ok ? { kind: "save", value: r.value } : { kind: "ask", error: r.error };
}

/** An open side panel, as the leave and flush steps see it. */
export interface PanelEdits<T> {
  dirty(): boolean;
  validate(): Result<T>;
  /** write saves validated values: null when saved, else the error message. */
  write(v: T): Promise<string | null>;
  /** fail shows why the edits could not be saved. */
  fail(error: string): void;
  /** discard drops the edits (back to the record as loaded). */
  discard(): void;
  /** what names the record in the discard question. */
  what: string;
}

/**
 * leavePanel runs before a side panel closes or the selection changes: it
 * saves dirty edits, and when they cannot be saved shows why and asks
 * whether to discard them. Resolves true when the panel may go.
 */
export async function leavePanel<T>(
  p: PanelEdits<T>,
  ask: (q: ReturnType<typeof discardQuestion>) => Promise<boolean>,
): Promise<boolean> {
  const plan = leavePlan(p.dirty(), () => p.validate());
  if (plan.kind === "close") return true;
  const err = plan.kind === "save" ? await p.write(plan.value) : plan.error;
  if (err === null) return true;
  p.fail(err);
  const discard = await ask(discardQuestion(p.what, err));
  if (discard) p.discard();
  return discard;
}

/** flushPanel saves valid edits without asking anything (page unload). */
export function flushPanel<T>(p: PanelEdits<T>): void {
  const plan = leavePlan(p.dirty(), () => p.validate());
  if (plan.kind === "save") void p.write(plan.value);
}

/** discardQuestion asks whether to drop edits that could not be saved; Keep editing is the default. */
export function discardQuestion(
  what: string,
  error: string,
): { title: string; message: string; confirmLabel: string; cancelLabel: string; danger: true; focus: "cancel" } {
  return {
    title: `Discard changes to ${what}?`,
    message: `Your changes could not be saved: ${error}`,
    confirmLabel: "Discard",
    cancelLabel: "Keep editing",
    danger: true,
    focus: "cancel",
  };
}
