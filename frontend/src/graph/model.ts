// The graphology model of the dataset mirror. syncGraph updates a graph in
// place to match a snapshot from GET /api/network (add, update, drop), so one
// long-lived sigma instance can keep rendering it and keep its camera.
// The mirror is patched incrementally (mirror/patch.ts), so most
// syncs change a handful of rows: attributes are replaced only where they
// differ, and sigma re-processes only those nodes and edges.
//
// Node attributes: x, y, size, color, label, kind, ego, pinned, fixed
// (fixed = held still by the layout), plus the ego-tie fields the filters
// and encodings read (status, role, mode, contexts) and the tags.
// Edges: the ego tie of each alter is an edge "ego:<alterId>" from the ego
// (kind "ego"); real ties use their own id (kind "tie"), directed ones as
// directed edges drawn with an arrow.
import Graph from "graphology";
import type { NetworkSnapshot, NetworkSubset, NodeRow, TieRow } from "../api";
import {
  EGO_COLOR,
  EGO_EDGE_COLOR,
  EGO_EDGE_UNSET_COLOR,
  EGO_SIZE,
  KIND_COLORS,
  TIE_EDGE_COLOR,
  edgeSize,
  nodeSize,
} from "./colors";
import type { EdgeAttrs, NodeAttrs } from "./reducers";

export type PlexusGraph = Graph<NodeAttrs & { fixed: boolean }, EdgeAttrs & { type: string; weight: number }>;

export function newGraph(): PlexusGraph {
  return new Graph({ multi: true, type: "mixed", allowSelfLoops: false }) as PlexusGraph;
}

export const egoEdgeKey = (alterId: string) => `ego:${alterId}`;
export const isEgoEdgeKey = (key: string) => key.startsWith("ego:");

function nodeAttrs(n: NodeRow, ego: boolean): NodeAttrs & { fixed: boolean } {
  return {
    label: n.label,
    kind: n.kind,
    status: n.status ?? "",
    role: n.role ?? "",
    mode: n.mode ?? "",
    contexts: n.contexts ?? [],
    tags: n.tags ?? [],
    ego,
    pinned: ego || n.pinned,
    fixed: ego || n.pinned,
    color: ego ? EGO_COLOR : KIND_COLORS[n.kind],
    size: ego ? EGO_SIZE : nodeSize(n.strength),
    x: n.x,
    y: n.y,
  };
}

function egoEdgeAttrs(n: NodeRow): EdgeAttrs & { type: string; weight: number } {
  const set = n.relation !== "" || n.strength > 0;
  return {
    kind: "ego",
    relation: n.relation,
    directed: false,
    strength: n.strength,
    color: set ? EGO_EDGE_COLOR : EGO_EDGE_UNSET_COLOR,
    size: edgeSize(n.strength),
    type: "line",
    weight: set ? Math.max(1, n.strength) : 0.5,
  };
}

function tieAttrs(t: TieRow): EdgeAttrs & { type: string; weight: number } {
  return {
    kind: "tie",
    relation: t.relation,
    directed: t.directed,
    strength: t.strength,
    color: TIE_EDGE_COLOR,
    size: edgeSize(t.strength),
    type: t.directed ? "arrow" : "line",
    weight: Math.max(1, t.strength),
  };
}

/** sameAttrs: the same keys with the same values (primitives, or arrays of primitives compared element by element). */
export function sameAttrs(a: object, b: object): boolean {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = Object.keys(ra);
  if (keys.length !== Object.keys(rb).length) return false;
  for (const k of keys) {
    const x = ra[k];
    const y = rb[k];
    if (x === y) continue;
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  }
  return true;
}

export interface SyncOptions {
  /**
   * keep the graph's current x/y of these existing nodes; pinned: the row is
   * pinned (the running layout keeps only unpinned ones; a drag or a move on
   * its way to the backend keeps pinned ones too)
   */
  keepPosition?: (id: string, pinned: boolean) => boolean;
}

export interface SyncStats {
  addedNodes: number;
  droppedNodes: number;
  addedEdges: number;
  droppedEdges: number;
  /** existing nodes and edges whose attributes changed */
  updatedNodes: number;
  updatedEdges: number;
}

/** upsertNode adds the node of row n or replaces its attributes where they differ (a kept position stays). */
function upsertNode(graph: PlexusGraph, n: NodeRow, ego: boolean, opts: SyncOptions, stats: SyncStats): void {
  const attrs = nodeAttrs(n, ego);
  if (!graph.hasNode(n.id)) {
    graph.addNode(n.id, attrs);
    stats.addedNodes++;
    return;
  }
  const cur = graph.getNodeAttributes(n.id);
  if (!ego && opts.keepPosition?.(n.id, attrs.pinned)) {
    attrs.x = cur.x;
    attrs.y = cur.y;
  }
  if (!sameAttrs(cur, attrs)) {
    graph.replaceNodeAttributes(n.id, attrs);
    stats.updatedNodes++;
  }
}

/** syncGraph makes graph mirror snap. It returns what it added and dropped. */
export function syncGraph(graph: PlexusGraph, snap: NetworkSnapshot, opts: SyncOptions = {}): SyncStats {
  const stats: SyncStats = { addedNodes: 0, droppedNodes: 0, addedEdges: 0, droppedEdges: 0, updatedNodes: 0, updatedEdges: 0 };
  const wantNodes = new Set<string>();
  for (const n of snap.nodes) wantNodes.add(n.id);

  // Drop first (dropping a node drops its edges).
  graph.forEachNode((id) => {
    if (!wantNodes.has(id)) {
      graph.dropNode(id);
      stats.droppedNodes++;
    }
  });

  for (const n of snap.nodes) upsertNode(graph, n, n.id === snap.ego, opts, stats);

  const wantEdges = new Map<string, { from: string; to: string; directed: boolean; attrs: EdgeAttrs & { type: string; weight: number } }>();
  if (snap.ego !== "" && wantNodes.has(snap.ego)) {
    for (const n of snap.nodes) {
      if (n.id === snap.ego) continue;
      wantEdges.set(egoEdgeKey(n.id), { from: snap.ego, to: n.id, directed: false, attrs: egoEdgeAttrs(n) });
    }
  }
  for (const t of snap.ties) {
    if (!wantNodes.has(t.from) || !wantNodes.has(t.to) || t.from === t.to) continue;
    wantEdges.set(t.id, { from: t.from, to: t.to, directed: t.directed, attrs: tieAttrs(t) });
  }

  graph.forEachEdge((key, _a, source, target) => {
    const w = wantEdges.get(key);
    // An edge whose ends or direction changed is re-added.
    if (!w || w.from !== source || w.to !== target || w.directed !== graph.isDirected(key)) {
      graph.dropEdge(key);
      stats.droppedEdges++;
    }
  });
  for (const [key, w] of wantEdges) {
    if (graph.hasEdge(key)) {
      if (!sameAttrs(graph.getEdgeAttributes(key), w.attrs)) {
        graph.replaceEdgeAttributes(key, w.attrs);
        stats.updatedEdges++;
      }
    } else {
      if (w.directed) graph.addDirectedEdgeWithKey(key, w.from, w.to, w.attrs);
      else graph.addUndirectedEdgeWithKey(key, w.from, w.to, w.attrs);
      stats.addedEdges++;
    }
  }
  return stats;
}

/**
 * syncPatch applies one subset read (GET /api/network?node=…&tie=…) to a
 * graph that mirrors the snapshot the subset was applied to
 * (mirror/patch.ts applySubset): afterwards the graph is what
 * syncGraph(graph, applySubset(base, sub)) would make it, but the work is
 * proportional to the rows in sub (and the ties of nodes it drops), not to
 * the network. ego: the network's ego id (subsets of another ego are never
 * applied: applySubset refuses them).
 */
export function syncPatch(graph: PlexusGraph, ego: string, sub: NetworkSubset, opts: SyncOptions = {}): SyncStats {
  const stats: SyncStats = { addedNodes: 0, droppedNodes: 0, addedEdges: 0, droppedEdges: 0, updatedNodes: 0, updatedEdges: 0 };
  const goneNodes = new Set(sub.missing.nodes);
  const goneTies = new Set(sub.missing.ties);
  for (const id of goneNodes) {
    if (graph.hasNode(id)) {
      graph.dropNode(id); // drops its ties and its ego tie
      stats.droppedNodes++;
    }
  }
  const upsertEdge = (key: string, from: string, to: string, directed: boolean, attrs: EdgeAttrs & { type: string; weight: number }) => {
    if (graph.hasEdge(key)) {
      if (graph.source(key) !== from || graph.target(key) !== to || graph.isDirected(key) !== directed) {
        graph.dropEdge(key);
        stats.droppedEdges++;
      } else {
        if (!sameAttrs(graph.getEdgeAttributes(key), attrs)) {
          graph.replaceEdgeAttributes(key, attrs);
          stats.updatedEdges++;
        }
        return;
      }
    }
    if (directed) graph.addDirectedEdgeWithKey(key, from, to, attrs);
    else graph.addUndirectedEdgeWithKey(key, from, to, attrs);
    stats.addedEdges++;
  };
  for (const n of sub.nodes) {
    if (goneNodes.has(n.id)) continue;
    upsertNode(graph, n, n.id === ego, opts, stats);
    if (n.id !== ego && ego !== "" && graph.hasNode(ego)) upsertEdge(egoEdgeKey(n.id), ego, n.id, false, egoEdgeAttrs(n));
  }
  for (const id of goneTies) {
    if (graph.hasEdge(id)) {
      graph.dropEdge(id);
      stats.droppedEdges++;
    }
  }
  for (const t of sub.ties) {
    if (goneTies.has(t.id)) continue;
    if (!graph.hasNode(t.from) || !graph.hasNode(t.to) || t.from === t.to) {
      if (graph.hasEdge(t.id)) {
        graph.dropEdge(t.id);
        stats.droppedEdges++;
      }
      continue;
    }
    upsertEdge(t.id, t.from, t.to, t.directed, tieAttrs(t));
  }
  return stats;
}
