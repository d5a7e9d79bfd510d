// Pure logic behind sigma's nodeReducer/edgeReducer: search hits, the kind
// filter and the marks of "what changed" change only what is drawn, never the
// data. Hover and selection are not here: they are drawn by the focus overlay
// (focus.ts, overlay.ts) so that they never make sigma redraw the graph.
import { DIFF_COLORS, DIFF_REMOVED_FILL, DIFF_SIGNS, DIM_EDGE_COLOR, DIM_NODE_COLOR, PIN_COLOR } from "./colors";
import { countSize, defaultEncoding, encodedColor, fade, type Encoding } from "./encoding";
import { emptyFilters, filteredOut, type Filters } from "./filters";
import type { Kind } from "../api";

/** How a record changed between two times (features/history/diff.ts makes these). */
export type ChangeMark = "added" | "removed" | "changed";

export interface ChangeMarks {
  nodes: ReadonlyMap<string, ChangeMark>;
  /** tie ids and "ego:<alter id>" */
  ties: ReadonlyMap<string, ChangeMark>;
}

export interface NodeAttrs {
  label: string;
  kind: Kind;
  /** the ego tie's status ("" unset): prospective, active, dormant, archived */
  status: string;
  role: string;
  mode: string;
  contexts: readonly string[];
  tags: readonly string[];
  ego: boolean;
  pinned: boolean;
  color: string;
  size: number;
  x: number;
  y: number;
}

export interface EdgeAttrs {
  kind: "ego" | "tie";
  relation: string;
  directed: boolean;
  strength: number;
  color: string;
  size: number;
}

/** What the journal says about an alter (the backend's activity, api/activity.ts), as the map draws it. */
export interface ActivityLook {
  /** the effective status: set by hand, else computed (active or dormant) */
  status: string;
  /** past its cadence */
  due: boolean;
  /** journal entries that link it */
  interactions: number;
}

/** sameLook: a and b draw the same (either may be missing). */
export function sameLook(a: ActivityLook | undefined, b: ActivityLook | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.status === b.status && a.due === b.due && a.interactions === b.interactions;
}

/** sameLooks: the two activity maps draw the same for every alter. */
export function sameLooks(a: ReadonlyMap<string, ActivityLook>, b: ReadonlyMap<string, ActivityLook>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, x] of a) if (!sameLook(x, b.get(id))) return false;
  return true;
}

export interface VisualState {
  hoveredNode: string | null;
  hoveredEdge: string | null;
  selectedNode: string | null;
  selectedEdge: string | null;
  /** a multi-selection (two or more alters, Ctrl-click or box): each drawn with a ring, no ties */
  selectedNodes: ReadonlySet<string>;
  /** which alters are drawn (filters.ts) */
  filters: Filters;
  /** what colour and size say (encoding.ts) */
  encoding: Encoding;
  /** the journal's activity by alter id; null until read (the stored status is used meanwhile) */
  activity: ReadonlyMap<string, ActivityLook> | null;
  /** null when the search box is empty; else the ids whose label matches. */
  searchHits: ReadonlySet<string> | null;
  /** the node a Shift-connect gesture started on */
  connectFrom: string | null;
  /** what changed between two times; null when the map shows one time */
  changes: ChangeMarks | null;
  /** focus mode: the neighbourhood shown (graph/neighbourhood.ts); the rest dimmed, or hidden when hide */
  focus: { ids: ReadonlySet<string>; hide: boolean } | null;
}

export function emptyVisualState(): VisualState {
  return {
    hoveredNode: null,
    hoveredEdge: null,
    selectedNode: null,
    selectedEdge: null,
    selectedNodes: new Set(),
    filters: emptyFilters(),
    encoding: defaultEncoding(),
    activity: null,
    searchHits: null,
    connectFrom: null,
    changes: null,
    focus: null,
  };
}

type FilterAttrs = Pick<NodeAttrs, "kind" | "ego" | "status" | "role" | "mode" | "contexts" | "tags">;

/** effectiveStatus: the alter's status as the journal makes it (dormant computed), else the stored one. */
export function effectiveStatus(id: string, a: Pick<NodeAttrs, "status">, s: Pick<VisualState, "activity">): string {
  return s.activity?.get(id)?.status ?? a.status;
}

/** isNodeHidden: filtered off the map (filters.ts, on the effective status; or outside a focus that hides the rest); never the ego. */
export function isNodeHidden(id: string, a: FilterAttrs, s: VisualState): boolean {
  if (a.ego) return false;
  const st = effectiveStatus(id, a, s);
  return filteredOut(st === a.status ? a : { ...a, status: st }, s.filters) || (s.focus !== null && s.focus.hide && !s.focus.ids.has(id));
}

export interface NodeLook {
  hidden?: boolean;
  highlighted?: boolean;
  forceLabel?: boolean;
  color?: string;
  label?: string | null;
  zIndex?: number;
  borderColor?: string;
  borderSize?: number;
  /** the outer ring of an alter due to reconnect (0: none) */
  dueSize?: number;
  size?: number;
}

/** FOCUS_KEYS: the parts of VisualState only the focus overlay draws (no sigma refresh when they change). */
export const FOCUS_KEYS = ["hoveredNode", "hoveredEdge", "selectedNode", "selectedEdge", "selectedNodes", "connectFrom"] as const satisfies readonly (keyof VisualState)[];

/**
 * nodeLook computes the display overrides for one node (reducer state only:
 * FOCUS_KEYS are ignored). degree: the node's ties to other alters, read only
 * when the size encodes degree.
 */
export function nodeLook(id: string, a: NodeAttrs, s: VisualState, degree: (id: string) => number = () => 0): NodeLook {
  const look: NodeLook = {};
  if (isNodeHidden(id, a, s)) return { hidden: true };
  if (!a.ego) {
    const act = s.activity?.get(id);
    const st = act?.status ?? a.status;
    const c = encodedColor(st === a.status ? a : { ...a, status: st }, s.encoding);
    if (c !== null) look.color = c;
    if (s.encoding.size === "degree") look.size = countSize(degree(id));
    else if (s.encoding.size === "interactions") look.size = countSize(act?.interactions ?? 0);
    // Dormant ties fade (product.md): still drawn, hoverable and labelled.
    if (st === "dormant" && s.encoding.color !== "status") look.color = fade(look.color ?? a.color);
    if (act?.due) look.dueSize = 0.3;
  }
  if (a.pinned) {
    look.borderColor = PIN_COLOR;
    look.borderSize = 0.28;
  }
  if (s.changes) {
    const m = s.changes.nodes.get(id);
    if (m) {
      look.borderColor = DIFF_COLORS[m];
      look.borderSize = 0.38;
      look.label = `${DIFF_SIGNS[m]} ${a.label}`;
      look.forceLabel = true;
      look.zIndex = 2;
      if (m === "removed") look.color = DIFF_REMOVED_FILL;
    } else if (!a.ego) {
      look.color = DIM_NODE_COLOR;
      look.borderSize = 0;
      look.zIndex = 0;
    }
  }
  if (s.focus && !s.focus.ids.has(id)) {
    look.color = DIM_NODE_COLOR;
    look.label = null;
    look.zIndex = 0;
    look.dueSize = 0;
    if (a.pinned) look.borderColor = DIM_NODE_COLOR;
  }
  if (s.searchHits) {
    if (s.searchHits.has(id)) {
      look.highlighted = true;
      look.forceLabel = true;
      look.zIndex = 2;
    } else {
      look.color = DIM_NODE_COLOR;
      look.label = null;
      look.zIndex = 0;
      look.dueSize = 0;
      if (a.pinned) look.borderColor = DIM_NODE_COLOR;
    }
  }
  if (a.ego) look.forceLabel = true;
  return look;
}

export interface EdgeLook {
  hidden?: boolean;
  color?: string;
  label?: string | null;
  forceLabel?: boolean;
  size?: number;
  zIndex?: number;
}

/**
 * edgeLook computes the display overrides for one edge between the nodes
 * source and target (FOCUS_KEYS are ignored). A tie of a hidden node needs
 * nothing here: sigma's edge programs leave out every edge with a hidden end
 * (and view.ts's tie hit-test skips them), so only the ends' ids are read —
 * no node attributes per edge.
 */
export function edgeLook(id: string, e: EdgeAttrs, source: string, target: string, s: VisualState): EdgeLook {
  if (s.focus && !(s.focus.ids.has(source) && s.focus.ids.has(target))) return { color: DIM_EDGE_COLOR, label: null, zIndex: 0 };
  const m = s.changes?.ties.get(id);
  const changeLook: EdgeLook = s.changes ? (m ? { color: DIFF_COLORS[m], size: e.size + 1.2, zIndex: 1 } : { color: DIM_EDGE_COLOR, zIndex: 0 }) : {};
  if (s.searchHits && !(s.searchHits.has(source) && s.searchHits.has(target))) {
    return { color: DIM_EDGE_COLOR, label: null, zIndex: 0 };
  }
  return { ...changeLook, label: null };
}

/** plainEdges: no state that edgeLook reads is set, so every edge is drawn as its attributes say (no label). */
export function plainEdges(s: VisualState): boolean {
  return s.focus === null && s.changes === null && s.searchHits === null;
}
