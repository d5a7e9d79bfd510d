// The node side panel's and the quick-create form's pure logic: a node as
// an editable form (lists as text), its live limit checks, and the exact
// NodeFields the bound methods take.
import { KINDS, LIMITS, MODES, ROLES, STATUSES, type Kind, type Mode, type Node, type NodeFields, type Role, type Status } from "../../api";
import { type Result, intIn, splitList, tooLong, listLimitError, checkLabel, CONTROL } from "./fields";

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
