// Decoding of GET /api/network's compact columnar JSON into plain rows
// (the whole network, or the subset form ?node=…&tie=… with "missing").
// Columns are parallel arrays; a missing or short column yields defaults
// (empty strings, 0, false, []), never undefined. Rows without an id are dropped.

import { KINDS, type Kind, type NetworkSnapshot, type NodeRow, type TieRow } from "./types";

export interface ColumnarNetwork {
  version: number;
  ego: string;
  nodes: Record<string, unknown[] | undefined>;
  ties: Record<string, unknown[] | undefined>;
  partial?: boolean;
  missing?: { nodes?: unknown; ties?: unknown };
}

/** The subset form: the requested records that exist (plus the ends of the returned ties) and the requested ids that do not. */
export interface NetworkSubset extends NetworkSnapshot {
  missing: { nodes: string[]; ties: string[] };
}

function col(cols: Record<string, unknown[] | undefined> | undefined, name: string): unknown[] {
  const c = cols?.[name];
  return Array.isArray(c) ? c : [];
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");
const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const bool = (v: unknown): boolean => v === true;
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : []);
const kind = (v: unknown): Kind => ((KINDS as readonly unknown[]).includes(v) ? (v as Kind) : "person");

export class DecodeError extends Error {}

/** A tie end is an index into the node id column (version 2); "" when out of range. */
function endId(ids: unknown[], v: unknown): string {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 && v < ids.length ? str(ids[v]) : "";
}

export function decodeNetwork(raw: unknown): NetworkSnapshot {
  if (raw === null || typeof raw !== "object") throw new DecodeError("The network data is not an object.");
  const r = raw as Partial<ColumnarNetwork>;
  if (r.version !== 2) {
    throw new DecodeError(`The network data has version ${String(r.version)}; this Plexus understands version 2.`);
  }
  const n = r.nodes;
  const ids = col(n, "id");
  const [label, kinds, xs, ys, pinned, tags, relation, strength, status, role, contexts, mode] = [
    "label",
    "kind",
    "x",
    "y",
    "pinned",
    "tags",
    "relation",
    "strength",
    "status",
    "role",
    "contexts",
    "mode",
  ].map((name) => col(n, name)) as unknown[][];
  const nodes: NodeRow[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = str(ids[i]);
    if (id === "") continue;
    nodes.push({
      id,
      label: str(label![i]),
      kind: kind(kinds![i]),
      x: num(xs![i]),
      y: num(ys![i]),
      pinned: bool(pinned![i]),
      tags: strs(tags![i]),
      relation: str(relation![i]),
      strength: num(strength![i]),
      status: str(status![i]),
      role: str(role![i]),
      contexts: strs(contexts![i]),
      mode: str(mode![i]),
    });
  }
  const t = r.ties;
  const tids = col(t, "id");
  const [from, to, trel, directed, tstrength] = ["from", "to", "relation", "directed", "strength"].map((name) =>
    col(t, name),
  ) as unknown[][];
  const ties: TieRow[] = [];
  for (let i = 0; i < tids.length; i++) {
    const id = str(tids[i]);
    const a = endId(ids, from![i]);
    const b = endId(ids, to![i]);
    if (id === "" || a === "" || b === "") continue;
    ties.push({
      id,
      from: a,
      to: b,
      relation: str(trel![i]),
      directed: bool(directed![i]),
      strength: num(tstrength![i]),
    });
  }
  return { ego: str(r.ego), nodes, ties };
}

/** decodeSubset decodes GET /api/network?node=…&tie=…; a response without "partial" is refused. */
export function decodeSubset(raw: unknown): NetworkSubset {
  const snap = decodeNetwork(raw);
  const r = raw as Partial<ColumnarNetwork>;
  if (r.partial !== true) throw new DecodeError("The network data is not the subset that was asked for.");
  return { ...snap, missing: { nodes: strs(r.missing?.nodes), ties: strs(r.missing?.ties) } };
}
