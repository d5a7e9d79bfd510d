// Pure form logic for the side panels, the quick-create form and the
// relation picker. The backend validates again and is the judge; these
// checks give immediate, specific messages and build the exact field sets
// the bound methods take.
import {
  KINDS,
  LIMITS,
  MODES,
  RELATIONS,
  ROLES,
  STATUSES,
  type Kind,
  type Mode,
  type Node,
  type NodeFields,
  type Role,
  type Status,
  type Tie,
  type TieFields,
} from "../../api";

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

const CONTROL = /\p{Cc}/u;
const len = (s: string) => [...s].length;

/** splitList turns "a, b\nc" into ["a","b","c"] (trimmed, empties dropped). */
export function splitList(s: string): string[] {
  return s
    .split(/[,\n]/)
    .map((x) => x.trim())
    .filter((x) => x !== "");
}

/**
 * tooLong says that a field is over its limit (length after trimming, in
 * characters as the backend counts them), naming the field and the limit;
 * null when it fits. Inputs have no maxlength: text is never cut silently,
 * this message is shown instead.
 */
export function tooLong(field: string, value: string, limit: number): string | null {
  const n = len(value.trim());
  return n > limit ? `The ${field} is ${n} characters; the limit is ${limit}.` : null;
}

/** listLimitError checks a comma-separated list (tags, contexts): each item and the count. */
export function listLimitError(noun: string, text: string): string | null {
  const items = splitList(text);
  for (const t of items) {
    if (len(t) > LIMITS.tag) {
      const shown = len(t) > 30 ? [...t].slice(0, 30).join("") + "…" : t;
      return `The ${noun} “${shown}” is ${len(t)} characters; the limit for one ${noun} is ${LIMITS.tag}.`;
    }
  }
  if (items.length > LIMITS.tags) return `There are ${items.length} ${noun}s; the limit is ${LIMITS.tags}.`;
  return null;
}

export function checkLabel(label: string): string | null {
  const t = label.trim();
  if (t === "") return "The label is empty; give the node a name.";
  const long = tooLong("label", t, LIMITS.label);
  if (long) return long;
  if (CONTROL.test(t)) return "The label must be one line.";
  return null;
}

/** nodeFields returns the editable fields of a full node record (for UpdateNode). */
export function nodeFields(n: Node): NodeFields {
  return {
    label: n.label,
    kind: n.kind,
    description: n.description ?? "",
    url: n.url ?? "",
    feedUrl: n.feedUrl ?? "",
    emails: n.emails ?? [],
    organisation: n.organisation ?? "",
    tags: n.tags ?? [],
    relation: n.relation ?? "",
    strength: n.strength ?? 0,
    role: n.role ?? "",
    contexts: n.contexts ?? [],
    mode: n.mode ?? "",
    status: n.status ?? "",
    cadence: n.cadence ?? 0,
    extra: n.extra ?? null,
  };
}

/** quickNodeFields builds the fields of a node created from the quick form. */
export function quickNodeFields(label: string, kind: Kind): Result<NodeFields> {
  const err = checkLabel(label);
  if (err) return { ok: false, error: err };
  if (!(KINDS as readonly string[]).includes(kind)) return { ok: false, error: `Unknown kind ${kind}.` };
  return {
    ok: true,
    value: {
      label: label.trim(),
      kind,
      description: "",
      url: "",
      feedUrl: "",
      emails: [],
      organisation: "",
      tags: [],
      relation: "",
      strength: 0,
      role: "",
      contexts: [],
      mode: "",
      status: "",
      cadence: 0,
      extra: null,
    },
  };
}

/** NodeForm is the side panel's editable copy of a node, lists as text. */
export interface NodeForm {
  label: string;
  kind: Kind;
  description: string;
  url: string;
  feedUrl: string;
  emails: string;
  organisation: string;
  tags: string;
  relation: string;
  strength: number;
  role: Role;
  contexts: string;
  mode: Mode;
  status: Status;
  /** days; "" when none (the field shows empty, not 0) */
  cadence: number | "";
}

export function nodeToForm(n: Node): NodeForm {
  const f = nodeFields(n);
  return {
    label: f.label,
    kind: f.kind,
    description: f.description,
    url: f.url,
    feedUrl: f.feedUrl,
    emails: f.emails.join(", "),
    organisation: f.organisation,
    tags: f.tags.join(", "),
    relation: f.relation,
    strength: f.strength,
    role: f.role,
    contexts: f.contexts.join(", "),
    mode: f.mode,
    status: f.status,
    cadence: f.cadence ? f.cadence : "",
  };
}

export type NodeFormErrors = Partial<Record<keyof NodeForm, string>>;

/**
 * nodeFormLimitErrors checks the length limits of a node form, field by
 * field, for the messages shown under the fields as the user types (the
 * other checks run on save). Limits: backend/pln/validate.go.
 */
export function nodeFormLimitErrors(f: NodeForm): NodeFormErrors {
  const out: NodeFormErrors = {};
  const put = (k: keyof NodeForm, e: string | null) => {
    if (e) out[k] = e;
  };
  put("label", tooLong("label", f.label, LIMITS.label));
  put("url", tooLong("web URL", f.url, LIMITS.url));
  put("feedUrl", tooLong("feed URL", f.feedUrl, LIMITS.url));
  const emails = splitList(f.emails).length;
  put("emails", emails > LIMITS.emails ? `There are ${emails} emails; the limit is ${LIMITS.emails}.` : null);
  put("organisation", tooLong("organisation", f.organisation, LIMITS.organisation));
  put("tags", listLimitError("tag", f.tags));
  put("relation", tooLong("relation", f.relation, LIMITS.relation));
  put("contexts", listLimitError("context", f.contexts));
  return out;
}

/** firstError is the first message of an errors record, in field order. */
function firstError(e: NodeFormErrors): string | null {
  for (const v of Object.values(e)) if (v) return v;
  return null;
}

function intIn(v: unknown, lo: number, hi: number): number | null {
  // An emptied number input is null (or ""): no value, which is 0 (a cadence: none).
  const n = typeof v === "number" ? v : v === null || v === undefined || String(v).trim() === "" ? 0 : Number(v);
  if (!Number.isInteger(n) || n < lo || n > hi) return null;
  return n;
}

/**
 * formToFields validates a node form and builds NodeFields, keeping the
 * node's extra properties. orig: the node's stored lists; a list field whose
 * text was not edited keeps them exactly (a tag stored with a comma in it,
 * from an import or the command line, is not split by an edit of another
 * field).
 */
export function formToFields(
  f: NodeForm,
  extra: Record<string, string> | null,
  orig: { tags?: string[]; contexts?: string[]; emails?: string[] } | null = null,
): Result<NodeFields> {
  const list = (text: string, stored: string[] | undefined) => (stored && text === stored.join(", ") ? [...stored] : splitList(text));
  const labelErr = checkLabel(f.label);
  if (labelErr) return { ok: false, error: labelErr };
  const limitErr = firstError(nodeFormLimitErrors(f));
  if (limitErr) return { ok: false, error: limitErr };
  const relation = f.relation.trim();
  if (CONTROL.test(relation)) return { ok: false, error: "The relation must be one line." };
  if (CONTROL.test(f.organisation.trim())) return { ok: false, error: "The organisation must be one line." };
  const strength = intIn(f.strength, 0, 5);
  if (strength === null) return { ok: false, error: "Tie strength must be 1–5 (or unset)." };
  const cadence = intIn(f.cadence, 0, LIMITS.cadence);
  if (cadence === null) return { ok: false, error: `Cadence must be a whole number of days, 0–${LIMITS.cadence}.` };
  if (f.role !== "" && !(ROLES as readonly string[]).includes(f.role)) return { ok: false, error: `Unknown role ${f.role}.` };
  if (f.mode !== "" && !(MODES as readonly string[]).includes(f.mode)) return { ok: false, error: `Unknown mode ${f.mode}.` };
  if (f.status !== "" && !(STATUSES as readonly string[]).includes(f.status)) return { ok: false, error: `Unknown status ${f.status}.` };
  const emails = list(f.emails, orig?.emails);
  const bad = emails.find((e) => !/^[^\s@<>]+@[^\s@<>]+$/.test(e));
  if (bad !== undefined) return { ok: false, error: `The email "${bad}" is not an address like name@example.org.` };
  return {
    ok: true,
    value: {
      label: f.label.trim(),
      kind: f.kind,
      description: f.description,
      url: f.url.trim(),
      feedUrl: f.feedUrl.trim(),
      emails,
      organisation: f.organisation.trim(),
      tags: list(f.tags, orig?.tags),
      relation,
      strength,
      role: f.role,
      contexts: list(f.contexts, orig?.contexts),
      mode: f.mode,
      status: f.status,
      cadence,
      extra,
    },
  };
}

/** The relation picker's state: a standard relation, or "custom" with text. */
export interface RelationChoice {
  choice: string; // one of RELATIONS or "custom"
  custom: string;
  directed: boolean;
  strength: number;
  note: string;
}

export const CUSTOM = "custom";

/**
 * DIRECTED_RELATIONS: the standard relations that read one way (A learns
 * from B is not B learns from A), directed by default in the picker; "knows"
 * and "works with" are mutual. A custom relation starts mutual.
 */
export const DIRECTED_RELATIONS: ReadonlySet<string> = new Set(["learns from", "follows", "member of", "uses", "recommends", "introduced"]);

/** defaultDirected: whether a new tie with this relation is directed unless the user says otherwise. */
export function defaultDirected(relation: string): boolean {
  return DIRECTED_RELATIONS.has(relation);
}

export function defaultRelationChoice(): RelationChoice {
  return { choice: "knows", custom: "", directed: false, strength: 3, note: "" };
}

/** relationOf validates the picker and returns the relation text. */
export function relationOf(c: Pick<RelationChoice, "choice" | "custom">): Result<string> {
  if (c.choice !== CUSTOM) {
    if (!(RELATIONS as readonly string[]).includes(c.choice)) return { ok: false, error: "Pick a relation." };
    return { ok: true, value: c.choice };
  }
  const r = c.custom.trim();
  if (r === "") return { ok: false, error: "Type a relation of your own, or pick a standard one." };
  const long = tooLong("relation", r, LIMITS.relation);
  if (long) return { ok: false, error: long };
  if (CONTROL.test(r)) return { ok: false, error: "The relation must be one line." };
  return { ok: true, value: r };
}

/** customRelationLimitError is the live message for an over-long custom relation (null when it fits or is not custom). */
export function customRelationLimitError(c: Pick<RelationChoice, "choice" | "custom">): string | null {
  return c.choice === CUSTOM ? tooLong("relation", c.custom, LIMITS.relation) : null;
}

/** noteLimitError: a tie's note is at most LIMITS.note characters (not trimmed: stored as typed). */
export function noteLimitError(note: string): string | null {
  const n = len(note);
  return n > LIMITS.note ? `The note is ${n} characters; the limit is ${LIMITS.note}.` : null;
}

/** tieFieldsOf validates the picker for a tie between two alters. */
export function tieFieldsOf(from: string, to: string, c: RelationChoice): Result<TieFields> {
  if (from === to) return { ok: false, error: "A tie must join two different nodes." };
  const rel = relationOf(c);
  if (!rel.ok) return rel;
  const strength = intIn(c.strength, 1, 5);
  if (strength === null) return { ok: false, error: "Tie strength must be 1–5." };
  const noteErr = noteLimitError(c.note);
  if (noteErr) return { ok: false, error: noteErr };
  return { ok: true, value: { from, to, relation: rel.value, directed: c.directed, strength, note: c.note } };
}

/** choiceOf turns a stored relation back into the picker's state. */
export function choiceOf(t: Pick<Tie, "relation" | "directed" | "strength"> & { note?: string }): RelationChoice {
  const std = (RELATIONS as readonly string[]).includes(t.relation);
  return {
    choice: std ? t.relation : CUSTOM,
    custom: std ? "" : t.relation,
    directed: t.directed,
    strength: t.strength || 3,
    note: t.note ?? "",
  };
}

/** egoTieFields sets the ego tie (relation, strength) on an alter's full fields. */
export function egoTieFields(alter: Node, c: RelationChoice): Result<NodeFields> {
  const rel = relationOf(c);
  if (!rel.ok) return rel;
  const strength = intIn(c.strength, 0, 5);
  if (strength === null) return { ok: false, error: "Tie strength must be 1–5." };
  return { ok: true, value: { ...nodeFields(alter), relation: rel.value, strength } };
}

/** CONNECT_MISS is said when a Shift-drag ends on its own node, on empty canvas, on a tie or outside. */
export const CONNECT_MISS = "Release on another node to connect.";

/** connectPlan says what a Shift-drag from a to b does (b null: released on no node). */
export type ConnectPlan =
  | { kind: "tie"; from: string; to: string }
  | { kind: "ego-tie"; alter: string }
  | { kind: "miss"; message: string };

export function connectPlan(from: string, to: string | null, ego: string): ConnectPlan {
  if (to === null || from === to) return { kind: "miss", message: CONNECT_MISS };
  if (from === ego) return { kind: "ego-tie", alter: to };
  if (to === ego) return { kind: "ego-tie", alter: from };
  return { kind: "tie", from, to };
}

// ---- leaving a side panel with unsaved edits -------------------------------

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
