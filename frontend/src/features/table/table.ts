// The node table (pure): its columns, how rows are sorted and filtered, and
// how a click or a key changes the selection. The ego is always the first row
// (marked "you"): it has no ego-tie fields of its own, cannot be deleted and
// never joins a selection of several (as on the map, selection.ts).
import { KINDS, MODES, ROLES, STATUSES, type NodeRow, type NetworkSnapshot } from "../../api";
import { KIND_LABELS } from "../../graph/colors";
import { emptyFilters, filteredOut, withValue, type Filters } from "../../graph/filters";
import { fold } from "../search/labels";
import { asSelection, selectedIds, toggled, type Selection } from "../network/selection";

/** A table row: the mirror's node row, whether it is the ego, and how many ties it has. */
export interface TableRow extends NodeRow {
  ego: boolean;
  /** ties to other alters (the ego tie is not counted) */
  ties: number;
}

/** rowsOf: the snapshot's nodes as table rows (one pass over the ties for the counts). */
export function rowsOf(snap: NetworkSnapshot): TableRow[] {
  const deg = new Map<string, number>();
  for (const t of snap.ties) {
    deg.set(t.from, (deg.get(t.from) ?? 0) + 1);
    if (t.to !== t.from) deg.set(t.to, (deg.get(t.to) ?? 0) + 1);
  }
  return snap.nodes.map((n) => ({ ...n, ego: n.id === snap.ego, ties: deg.get(n.id) ?? 0 }));
}

/** The editable fields, as the side panel's form names them (forms.ts NodeForm). */
export type EditField = "label" | "kind" | "relation" | "strength" | "role" | "contexts" | "mode" | "status" | "tags";

/** How a cell is edited: free text, a comma list, or a choice. */
export type Editor = { kind: "text" } | { kind: "list" } | { kind: "select"; options: readonly { value: string; label: string }[] };

export type ColumnKey = EditField | "ties" | "pinned";

export interface Column {
  key: ColumnKey;
  title: string;
  /** width in px (table-layout: fixed, so the columns stay put while rows scroll in and out) */
  width: number;
  /** how values compare: text (collated), a number, or a list of text */
  type: "text" | "number";
  /** the cell's text ("" when unset) */
  text: (r: TableRow) => string;
  /** the sort value: "" or null sorts last whichever the direction */
  value: (r: TableRow) => string | number | null;
  /** how an alter's cell is edited (null: read-only); the ego's label only is editable */
  editor: Editor | null;
}

const opts = (values: readonly string[], unset: string | null, label: (v: string) => string = (v) => v) => [
  ...(unset === null ? [] : [{ value: "", label: unset }]),
  ...values.map((v) => ({ value: v, label: label(v) })),
];

const list = (xs: readonly string[]) => xs.join(", ");

export const COLUMNS: readonly Column[] = [
  { key: "label", title: "Label", width: 240, type: "text", text: (r) => r.label, value: (r) => r.label, editor: { kind: "text" } },
  {
    key: "kind",
    title: "Kind",
    width: 120,
    type: "text",
    text: (r) => (r.ego ? "You (ego)" : KIND_LABELS[r.kind]),
    value: (r) => (r.ego ? "" : KIND_LABELS[r.kind]),
    editor: { kind: "select", options: opts(KINDS, null, (k) => KIND_LABELS[k as keyof typeof KIND_LABELS]) },
  },
  { key: "relation", title: "Relation", width: 120, type: "text", text: (r) => r.relation, value: (r) => r.relation, editor: { kind: "text" } },
  {
    key: "strength",
    title: "Strength",
    width: 86,
    type: "number",
    text: (r) => (r.strength > 0 ? String(r.strength) : ""),
    value: (r) => (r.strength > 0 ? r.strength : null),
    editor: { kind: "select", options: opts(["1", "2", "3", "4", "5"], "unset") },
  },
  { key: "role", title: "Role", width: 110, type: "text", text: (r) => r.role, value: (r) => r.role, editor: { kind: "select", options: opts(ROLES, "unset") } },
  { key: "contexts", title: "Contexts", width: 140, type: "text", text: (r) => list(r.contexts), value: (r) => list(r.contexts), editor: { kind: "list" } },
  { key: "mode", title: "Mode", width: 90, type: "text", text: (r) => r.mode, value: (r) => r.mode, editor: { kind: "select", options: opts(MODES, "unset") } },
  { key: "status", title: "Status", width: 110, type: "text", text: (r) => r.status, value: (r) => r.status, editor: { kind: "select", options: opts(STATUSES, "automatic") } },
  { key: "tags", title: "Tags", width: 180, type: "text", text: (r) => list(r.tags), value: (r) => list(r.tags), editor: { kind: "list" } },
  { key: "ties", title: "Ties", width: 64, type: "number", text: (r) => String(r.ties), value: (r) => r.ties, editor: null },
  { key: "pinned", title: "Pinned", width: 70, type: "text", text: (r) => (r.pinned ? "pinned" : ""), value: (r) => (r.pinned ? "pinned" : ""), editor: null },
];

export const columnOf = (key: ColumnKey): Column => COLUMNS.find((c) => c.key === key)!;

/** editorOf: how this row's cell in this column is edited; null when it is not (the ego has a label only). */
export function editorOf(r: Pick<TableRow, "ego">, c: Column): Editor | null {
  if (r.ego) return c.key === "label" ? c.editor : null;
  return c.editor;
}

export type SortDir = "asc" | "desc";
export interface Sort {
  key: ColumnKey;
  dir: SortDir;
}

/** nextSort: a click on a header sorts by it ascending, a second click descending, a third ascending again. */
export function nextSort(cur: Sort, key: ColumnKey): Sort {
  return cur.key === key ? { key, dir: cur.dir === "asc" ? "desc" : "asc" } : { key, dir: "asc" };
}

/** ariaSort: the header's aria-sort. */
export function ariaSort(cur: Sort, key: ColumnKey): "ascending" | "descending" | "none" {
  return cur.key !== key ? "none" : cur.dir === "asc" ? "ascending" : "descending";
}

/** Text compares by the reader's locale, ignoring case and accents ("Zoë" = "zoe"), digits as numbers ("n2" < "n10"). */
const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

const isEmpty = (v: string | number | null) => v === null || v === "";

/**
 * sortRows: the rows sorted by the column, the ego first; empty values last
 * in either direction; equal values keep their order (stable), so sorting by
 * kind after label lists each kind A–Z. Returns a new array.
 */
export function sortRows(rows: readonly TableRow[], s: Sort): TableRow[] {
  const col = columnOf(s.key);
  const sign = s.dir === "asc" ? 1 : -1;
  const keyed = rows.map((r, i) => ({ r, i, v: col.value(r) }));
  keyed.sort((a, b) => {
    if (a.r.ego !== b.r.ego) return a.r.ego ? -1 : 1;
    const ea = isEmpty(a.v);
    const eb = isEmpty(b.v);
    if (ea || eb) return ea === eb ? a.i - b.i : ea ? 1 : -1;
    const c = typeof a.v === "number" && typeof b.v === "number" ? a.v - b.v : collator.compare(String(a.v), String(b.v));
    return c !== 0 ? sign * c : a.i - b.i;
  });
  return keyed.map((k) => k.r);
}

/** The table's filter: words to find in label or tags, and at most one kind and one status ("" for any). */
export interface TableFilter {
  text: string;
  kind: string;
  /** a status, "unset" for alters whose status is automatic, or "" for any */
  status: string;
}

export const UNSET_STATUS = "unset";

/**
 * mapFilters: the table's kind and status choice as the map's Filters (graph/filters.ts), so a
 * row is left out by the same rule the map uses to leave a node undrawn.
 */
export function mapFilters(f: Pick<TableFilter, "kind" | "status">): Filters {
  let out = emptyFilters();
  if (f.kind !== "") for (const k of KINDS) if (k !== f.kind) out = withValue(out, "kind", k, false);
  if (f.status !== "") {
    const want = f.status === UNSET_STATUS ? "" : f.status;
    for (const s of ["", ...STATUSES]) if (s !== want) out = withValue(out, "status", s, false);
  }
  return out;
}

/**
 * filterRows: the rows whose label or tags contain every word of the text
 * (case and accents ignored, as the map's search: search/labels.ts fold) and
 * that the kind and status choice keeps. The ego has no kind or status to
 * filter by: only the text applies to it.
 */
export function filterRows(rows: readonly TableRow[], f: TableFilter): TableRow[] {
  const words = fold(f.text)
    .split(/\s+/)
    .filter((w) => w !== "");
  const mf = f.kind === "" && f.status === "" ? null : mapFilters(f);
  return rows.filter((r) => {
    if (mf && !r.ego && filteredOut(r, mf)) return false;
    if (words.length === 0) return true;
    const hay = fold([r.label, ...r.tags].join("\n"));
    return words.every((w) => hay.includes(w));
  });
}

// ---- selection ---------------------------------------------------------------

/** What a click on a row does: select it alone, toggle it (Ctrl/Cmd), or select the range from the anchor (Shift). */
export interface ClickMods {
  toggle: boolean;
  range: boolean;
}

/** The table's selection (the map's Selection type, so the map can take it as it is) and the anchor of Shift ranges. */
export interface TableSelection {
  sel: Selection;
  anchor: string | null;
}

export const NO_SELECTION: TableSelection = { sel: null, anchor: null };

/** rangeIds: the ids from a to b in the shown order (both included; either order). [] when one is not shown. */
export function rangeIds(order: readonly string[], a: string, b: string): string[] {
  const i = order.indexOf(a);
  const j = order.indexOf(b);
  if (i < 0 || j < 0) return [];
  return order.slice(Math.min(i, j), Math.max(i, j) + 1);
}

/**
 * clicked: the selection after a click (or Space, or Shift+arrow) on the row id.
 * A range replaces the selection (with toggle: is added to it); a range never
 * holds the ego unless it is the ego alone.
 */
export function clicked(cur: TableSelection, order: readonly string[], id: string, mods: ClickMods, ego: string): TableSelection {
  if (mods.range && cur.anchor !== null && order.includes(cur.anchor)) {
    let ids = rangeIds(order, cur.anchor, id);
    if (ids.length > 1) ids = ids.filter((x) => x !== ego);
    const base = mods.toggle ? selectedIds(cur.sel).filter((x) => x !== ego) : [];
    return { sel: asSelection([...base, ...ids]), anchor: cur.anchor };
  }
  if (mods.toggle) return { sel: toggled(cur.sel, id, ego), anchor: id };
  return { sel: { kind: "node", id }, anchor: id };
}

/** allOf: every shown alter (Ctrl/Cmd+A; never the ego). */
export function allOf(order: readonly string[], ego: string): TableSelection {
  return { sel: asSelection(order.filter((x) => x !== ego)), anchor: order.find((x) => x !== ego) ?? null };
}

/** keptRows: the selection without rows that are gone (deleted, or taken back by an undo). */
export function keptRows(cur: TableSelection, exists: (id: string) => boolean): TableSelection {
  const ids = selectedIds(cur.sel);
  const left = ids.filter(exists);
  if (left.length === ids.length) return cur;
  return { sel: asSelection(left), anchor: cur.anchor !== null && exists(cur.anchor) ? cur.anchor : null };
}

/** alterIds: the selected alters (what delete and tag act on). */
export function alterIds(s: Selection, ego: string): string[] {
  return selectedIds(s).filter((x) => x !== ego);
}
