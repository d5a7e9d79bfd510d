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

export function checkLabel(label: string): string | null {
  const t = label.trim();
  if (t === "") return "The label is empty; give the node a name.";
  if (len(t) > LIMITS.label) return `The label is ${len(t)} characters; the limit is ${LIMITS.label}.`;
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
  cadence: number;
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
    cadence: f.cadence,
  };
}

function intIn(v: unknown, lo: number, hi: number): number | null {
  const n = typeof v === "number" ? v : Number(String(v).trim() === "" ? 0 : v);
  if (!Number.isInteger(n) || n < lo || n > hi) return null;
  return n;
}

/** formToFields validates a node form and builds NodeFields, keeping the node's extra properties. */
export function formToFields(f: NodeForm, extra: Record<string, string> | null): Result<NodeFields> {
  const labelErr = checkLabel(f.label);
  if (labelErr) return { ok: false, error: labelErr };
  const relation = f.relation.trim();
  if (len(relation) > LIMITS.relation || CONTROL.test(relation)) {
    return { ok: false, error: `The relation must be one line of at most ${LIMITS.relation} characters.` };
  }
  const strength = intIn(f.strength, 0, 5);
  if (strength === null) return { ok: false, error: "Tie strength must be 1–5 (or unset)." };
  const cadence = intIn(f.cadence, 0, LIMITS.cadence);
  if (cadence === null) return { ok: false, error: `Cadence must be a whole number of days, 0–${LIMITS.cadence}.` };
  if (f.role !== "" && !(ROLES as readonly string[]).includes(f.role)) return { ok: false, error: `Unknown role ${f.role}.` };
  if (f.mode !== "" && !(MODES as readonly string[]).includes(f.mode)) return { ok: false, error: `Unknown mode ${f.mode}.` };
  if (f.status !== "" && !(STATUSES as readonly string[]).includes(f.status)) return { ok: false, error: `Unknown status ${f.status}.` };
  const emails = splitList(f.emails);
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
      tags: splitList(f.tags),
      relation,
      strength,
      role: f.role,
      contexts: splitList(f.contexts),
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
  if (len(r) > LIMITS.relation) return { ok: false, error: `The relation is longer than ${LIMITS.relation} characters.` };
  if (CONTROL.test(r)) return { ok: false, error: "The relation must be one line." };
  return { ok: true, value: r };
}

/** tieFieldsOf validates the picker for a tie between two alters. */
export function tieFieldsOf(from: string, to: string, c: RelationChoice): Result<TieFields> {
  if (from === to) return { ok: false, error: "A tie must join two different nodes." };
  const rel = relationOf(c);
  if (!rel.ok) return rel;
  const strength = intIn(c.strength, 1, 5);
  if (strength === null) return { ok: false, error: "Tie strength must be 1–5." };
  if (len(c.note) > LIMITS.note) return { ok: false, error: `The note is longer than ${LIMITS.note} characters.` };
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

/** connectPlan says what a Shift-drag from a to b does. */
export type ConnectPlan =
  | { kind: "tie"; from: string; to: string }
  | { kind: "ego-tie"; alter: string }
  | { kind: "invalid"; error: string };

export function connectPlan(from: string, to: string, ego: string): ConnectPlan {
  if (from === to) return { kind: "invalid", error: "Release on a different node to connect two nodes." };
  if (from === ego) return { kind: "ego-tie", alter: to };
  if (to === ego) return { kind: "ego-tie", alter: from };
  return { kind: "tie", from, to };
}
