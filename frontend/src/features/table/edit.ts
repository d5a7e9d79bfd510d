// Inline edits in the node table (pure): a cell's text as the editor starts
// it, and the full fields UpdateNode takes, built the side panel's way
// (forms.ts nodeToForm → formToFields) from the whole stored node, so
// nothing the table does not show (description, URLs, emails, cadence, extra
// properties, a tag with a comma in it) is lost or changed.
import type { Node, NodeFields } from "../../api";
import { checkLabel, type Result } from "../network/fields";
import { formToFields, nodeToForm, type NodeForm } from "../network/nodeForm";
import type { EditField, TableRow } from "./table";

/** startValue: the editor's first value for this row's field (lists as "a, b", strength as "0"–"5"). */
export function startValue(r: TableRow, f: EditField): string {
  switch (f) {
    case "tags":
    case "contexts":
      return r[f].join(", ");
    case "strength":
      return String(r.strength);
    default:
      return r[f];
  }
}

/** unchanged: the edited value is what the row holds (nothing to save). Text is compared trimmed. */
export function unchanged(r: TableRow, f: EditField, value: string): boolean {
  const start = startValue(r, f);
  return f === "label" || f === "relation" || f === "tags" || f === "contexts" ? start.trim() === value.trim() : start === value;
}

/**
 * editedFields: the node's full fields with one field set to the edited
 * value, validated as the side panel validates (errors name the field and
 * the limit).
 */
export function editedFields(n: Node, f: EditField, value: string): Result<NodeFields> {
  const form: NodeForm = nodeToForm(n);
  if (f === "strength") form.strength = Number(value);
  else (form as unknown as Record<string, string>)[f] = value;
  return formToFields(form, n.extra ?? null, n);
}

/** egoLabel: the ego's new label (the ego has a label only: RenameEgo), checked as the panel checks it. */
export function egoLabel(value: string): Result<string> {
  const e = checkLabel(value);
  return e ? { ok: false, error: e } : { ok: true, value: value.trim() };
}
