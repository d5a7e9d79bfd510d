// The relation picker's and the tie panel's pure logic: relations (standard
// or custom, directed by default for some), the TieFields of a new tie or
// of the ego tie, and what a Shift-drag between two nodes does.
import { LIMITS, RELATIONS, type Node, type NodeFields, type Tie, type TieFields } from "../../api";
import { type Result, intIn, tooLong, CONTROL, len } from "./fields";
import { nodeFields } from "./nodeForm";

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
