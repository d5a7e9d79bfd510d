// The map's filters (pure): which alters are drawn, by kind, context, role,
// mode, status and tag. A filter only changes what is drawn, never the data;
// the ego is always drawn. The same functions answer for the graph's node
// attributes (reducers.ts) and for the mirror's rows (search Enter, Ctrl+A,
// counts in the legend), so the map and the lists that go with it agree.
import { CONTEXTS, KINDS, MODES, ROLES, STATUSES } from "../api";
import { contextOrder } from "./contextOrder";

/** FILTER_DIMS: the node fields a filter (and a colour encoding) works on. */
export const FILTER_DIMS = ["kind", "context", "role", "mode", "status"] as const;
export type FilterDim = (typeof FILTER_DIMS)[number];

/** The dimension names shown to people. */
export const DIM_LABELS: Record<FilterDim, string> = {
  kind: "Kind",
  context: "Context",
  role: "Role",
  mode: "Mode",
  status: "Status",
};

/** What a filter reads of a node: NodeRow and the graph's NodeAttrs both fit. */
export interface Filterable {
  kind: string;
  status?: string;
  role?: string;
  mode?: string;
  contexts?: readonly string[];
  tags?: readonly string[];
}

/**
 * Filters: per dimension, the values filtered off ("" stands for "not set");
 * tags: when not empty, only alters carrying at least one of these tags are
 * drawn (compared case-insensitively).
 */
export interface Filters {
  readonly hidden: Readonly<Record<FilterDim, ReadonlySet<string>>>;
  readonly tags: ReadonlySet<string>;
}

export function emptyFilters(): Filters {
  return { hidden: { kind: new Set(), context: new Set(), role: new Set(), mode: new Set(), status: new Set() }, tags: new Set() };
}

/**
 * defaultFilters: what a new map shows — everything but archived alters
 * (product.md: archived ties are kept for the record, not drawn).
 */
export function defaultFilters(): Filters {
  const f = emptyFilters();
  return { ...f, hidden: { ...f.hidden, status: new Set(["archived"]) } };
}

const NONE = [""] as const;

/** valuesOf: the node's values in dim ("" when unset); a node has several contexts. */
export function valuesOf(a: Filterable, dim: FilterDim): readonly string[] {
  switch (dim) {
    case "kind":
      return [a.kind];
    case "context":
      return a.contexts && a.contexts.length > 0 ? a.contexts : NONE;
    case "role":
      return a.role ? [a.role] : NONE;
    case "mode":
      return a.mode ? [a.mode] : NONE;
    case "status":
      return a.status ? [a.status] : NONE;
  }
}

/**
 * filteredOut: the alter is not drawn. In each dimension a node is filtered
 * off when every one of its values is (so a node in contexts work and home
 * stays while either is shown); with a tag filter it must carry one of the
 * tags. Cost: the node's values, not the filters' size.
 */
export function filteredOut(a: Filterable, f: Filters): boolean {
  for (const dim of FILTER_DIMS) {
    const hidden = f.hidden[dim];
    if (hidden.size === 0) continue;
    if (valuesOf(a, dim).every((v) => hidden.has(v))) return true;
  }
  if (f.tags.size > 0) {
    const tags = a.tags ?? [];
    if (!tags.some((t) => f.tags.has(tagKey(t)))) return true;
  }
  return false;
}

/** tagKey: how tags are compared in the tag filter. */
export const tagKey = (t: string): string => t.normalize("NFC").toLocaleLowerCase();

/** withValue: f with value of dim shown (show) or filtered off. */
export function withValue(f: Filters, dim: FilterDim, value: string, show: boolean): Filters {
  const cur = f.hidden[dim];
  if (cur.has(value) !== show) return f;
  const next = new Set(cur);
  if (show) next.delete(value);
  else next.add(value);
  return { ...f, hidden: { ...f.hidden, [dim]: next } };
}

/** withTag: f with tag added to (on) or removed from the tag filter. */
export function withTag(f: Filters, tag: string, on: boolean): Filters {
  const k = tagKey(tag.trim());
  if (k === "" || f.tags.has(k) === on) return f;
  const next = new Set(f.tags);
  if (on) next.add(k);
  else next.delete(k);
  return { ...f, tags: next };
}

/** KNOWN: the values every network has in each dimension, in the order the legend lists them. */
export const KNOWN: Readonly<Record<FilterDim, readonly string[]>> = {
  kind: KINDS,
  context: CONTEXTS,
  role: ROLES,
  mode: MODES,
  status: STATUSES,
};

/**
 * knownValues: the values listed first in dim, in order: KNOWN, except contexts, which
 * are the user's context list (contextOrder, settings) so that its order gives stable colours.
 */
export function knownValues(dim: FilterDim): readonly string[] {
  return dim === "context" ? contextOrder() : KNOWN[dim];
}

export interface ValueCount {
  value: string;
  count: number;
}

/**
 * valueCounts lists the values of dim among the alters: the standard values
 * first in their usual order (kinds always, the others once used; contexts in the
 * user's list order, knownValues), then
 * user-defined ones (contexts) by name, then "" (not set) when
 * some alter has no value. A value filtered off stays listed so it can be
 * shown again. A node with two contexts counts in both.
 */
export function valueCounts(rows: Iterable<Filterable & { id: string }>, ego: string, dim: FilterDim, hidden: ReadonlySet<string> = new Set()): ValueCount[] {
  const counts = new Map<string, number>();
  for (const r of rows) {
    if (r.id === ego) continue;
    for (const v of valuesOf(r, dim)) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const known = knownValues(dim);
  const out: ValueCount[] = [];
  for (const v of known) {
    const c = counts.get(v) ?? 0;
    if (c > 0 || dim === "kind" || hidden.has(v)) out.push({ value: v, count: c });
  }
  const custom = [...counts.keys(), ...hidden].filter((v, i, all) => v !== "" && !known.includes(v) && all.indexOf(v) === i);
  custom.sort((a, b) => a.localeCompare(b));
  for (const v of custom) out.push({ value: v, count: counts.get(v) ?? 0 });
  if (dim !== "kind" && ((counts.get("") ?? 0) > 0 || hidden.has(""))) out.push({ value: "", count: counts.get("") ?? 0 });
  return out;
}
