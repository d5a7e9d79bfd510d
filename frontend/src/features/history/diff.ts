// "What changed between two times" on the map (pure): the network as of
// `to` plus the records removed since `from` (taken from the network as of
// `from`), and how each record is marked. The marks only change what is
// drawn (graph/reducers.ts); the records are the backend's.
import type { DiffSet, NetworkDiff, NetworkSnapshot, NodeRow, TieRow } from "../../api";

export type DiffStatus = "added" | "removed" | "changed";
export const DIFF_STATUSES: readonly DiffStatus[] = ["added", "removed", "changed"];

export interface DiffMarks {
  nodes: ReadonlyMap<string, DiffStatus>;
  /** tie ids, and "ego:<alter id>" for the ego ties (fields of the alter) */
  ties: ReadonlyMap<string, DiffStatus>;
}

/** mergeForDiff is `to` with the nodes and ties the diff lists as removed added back from `from`. */
export function mergeForDiff(to: NetworkSnapshot, from: NetworkSnapshot, d: NetworkDiff): NetworkSnapshot {
  const goneNodes = new Set(d.nodes.removed);
  const goneTies = new Set(d.ties.removed);
  const have = new Set(to.nodes.map((n) => n.id));
  const nodes: NodeRow[] = [...to.nodes];
  for (const n of from.nodes) {
    if (goneNodes.has(n.id) && !have.has(n.id)) {
      nodes.push(n);
      have.add(n.id);
    }
  }
  const tieIds = new Set(to.ties.map((t) => t.id));
  const ties: TieRow[] = [...to.ties];
  for (const t of from.ties) {
    if (goneTies.has(t.id) && !tieIds.has(t.id) && have.has(t.from) && have.has(t.to)) {
      ties.push(t);
      tieIds.add(t.id);
    }
  }
  return { ego: to.ego || from.ego, nodes, ties };
}

function statuses(s: DiffSet): Map<string, DiffStatus> {
  const m = new Map<string, DiffStatus>();
  for (const id of s.added) m.set(id, "added");
  for (const id of s.removed) m.set(id, "removed");
  for (const c of s.changed) m.set(c.id, "changed");
  return m;
}

/** The node fields that are the ego tie (drawn as the edge from the ego). */
const EGO_TIE_FIELDS = new Set(["relation", "strength"]);

export function diffMarks(d: NetworkDiff, ego: string): DiffMarks {
  const nodes = statuses(d.nodes);
  const ties = statuses(d.ties);
  for (const [id, st] of nodes) {
    if (id === ego) continue;
    if (st !== "changed") ties.set(`ego:${id}`, st);
  }
  for (const c of d.nodes.changed) {
    if (c.id !== ego && c.fields.some((f) => EGO_TIE_FIELDS.has(f))) ties.set(`ego:${c.id}`, "changed");
  }
  return { nodes, ties };
}

const FIELD_TEXT: Record<string, string> = {
  x: "position",
  y: "position",
  url: "web address",
  feedUrl: "feed",
  emails: "e-mail",
  relation: "relation to you",
  strength: "strength",
  from: "end",
  to: "end",
};

/** fieldsText names changed fields for people: x and y are "position", each name once. */
export function fieldsText(fields: readonly string[], table: "node" | "tie"): string {
  const out: string[] = [];
  for (const f of fields) {
    const t = table === "tie" && f === "relation" ? "relation" : (FIELD_TEXT[f] ?? f);
    if (!out.includes(t)) out.push(t);
  }
  return out.join(", ");
}

export interface DiffItem {
  table: "node" | "tie";
  id: string;
  status: DiffStatus;
  label: string;
  fields: string[];
}

/** diffItems lists the changes for the list beside the map: nodes, then ties; added, removed, changed; by label. */
export function diffItems(d: NetworkDiff, merged: NetworkSnapshot): DiffItem[] {
  const byId = new Map(merged.nodes.map((n) => [n.id, n]));
  const tieById = new Map(merged.ties.map((t) => [t.id, t]));
  const nodeLabel = (id: string) => byId.get(id)?.label ?? "(unknown node)";
  const tieLabel = (id: string) => {
    const t = tieById.get(id);
    return t ? `${nodeLabel(t.from)} ${t.directed ? "→" : "—"} ${nodeLabel(t.to)}${t.relation ? ` (${t.relation})` : ""}` : "(a tie)";
  };
  const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });
  const items = (table: "node" | "tie", s: DiffSet, label: (id: string) => string): DiffItem[] => {
    const out: DiffItem[] = [];
    for (const st of DIFF_STATUSES) {
      const group: DiffItem[] =
        st === "changed"
          ? s.changed.map((c) => ({ table, id: c.id, status: st, label: label(c.id), fields: c.fields }))
          : s[st].map((id) => ({ table, id, status: st, label: label(id), fields: [] }));
      group.sort((a, b) => collator.compare(a.label, b.label));
      out.push(...group);
    }
    return out;
  };
  return [...items("node", d.nodes, nodeLabel), ...items("tie", d.ties, tieLabel)];
}

/** diffSummary is one line for the bar: "3 added, 1 removed, 2 changed" (nodes and ties together), or "No changes". */
export function diffSummary(d: NetworkDiff): string {
  const n = (st: DiffStatus) => (st === "changed" ? d.nodes.changed.length + d.ties.changed.length : d.nodes[st].length + d.ties[st].length);
  const parts = DIFF_STATUSES.filter((st) => n(st) > 0).map((st) => `${n(st)} ${st}`);
  return parts.length === 0 ? "No changes" : parts.join(", ");
}
