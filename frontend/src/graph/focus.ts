// What the focus overlay draws (pure): the hovered and the selected node, the
// node a Shift-connect started on, the hovered and the selected tie, the ties
// that touch a focused node and the neighbours at their other end.
//
// Hover and selection are drawn on canvases of their own above sigma's
// WebGL layers (overlay.ts) instead of through sigma's reducers: a reducer
// change needs sigma to re-process and redraw the whole graph, so a hover
// cost grew with the graph (672 ms at 2k nodes, 3.3 s at 10k under software
// GL; issue 6). Here the work is proportional to the focused nodes' degree.
import type { EdgeAttrs, NodeAttrs } from "./reducers";

/** The graph as focus needs it: graphology's Graph satisfies it. */
export interface FocusGraph {
  hasNode(id: string): boolean;
  hasEdge(id: string): boolean;
  getNodeAttributes(id: string): NodeAttrs;
  forEachEdge(node: string, cb: (edge: string, attrs: EdgeAttrs, source: string, target: string) => void): void;
  extremities(edge: string): [string, string];
}

export interface FocusState {
  hoveredNode: string | null;
  selectedNode: string | null;
  connectFrom: string | null;
  hoveredEdge: string | null;
  selectedEdge: string | null;
  selectedNodes: ReadonlySet<string>;
}

export interface Focus {
  /** focused nodes (selected first, then connect-from, then hovered), each once */
  nodes: string[];
  /** the other ends of the focused nodes' ties and of the focused ties, each once, not focused themselves */
  neighbours: string[];
  /** ties drawn highlighted: the focused ties first, then those touching a focused node; each once */
  edges: string[];
  /** ties whose relation is labelled: the focused ties */
  focusEdges: ReadonlySet<string>;
  /** the visible nodes of a multi-selection: drawn with a ring only (cost: their number, not their ties) */
  marked: string[];
}

/**
 * computeFocus lists what to highlight; hidden(attrs) says whether a node is
 * filtered out (its ties are then not drawn either). Cost: the sum of the
 * focused nodes' degrees.
 */
export function computeFocus(g: FocusGraph, s: FocusState, hidden: (id: string, a: NodeAttrs) => boolean): Focus {
  const nodes: string[] = [];
  const seenNode = new Set<string>();
  const visible = (id: string) => g.hasNode(id) && !hidden(id, g.getNodeAttributes(id));
  for (const id of [s.selectedNode, s.connectFrom, s.hoveredNode]) {
    if (id !== null && !seenNode.has(id) && visible(id)) {
      seenNode.add(id);
      nodes.push(id);
    }
  }
  const edges: string[] = [];
  const seenEdge = new Set<string>();
  const focusEdges = new Set<string>();
  const neighbours: string[] = [];
  const seenNeighbour = new Set<string>();
  const addNeighbour = (id: string) => {
    if (seenNode.has(id) || seenNeighbour.has(id)) return;
    seenNeighbour.add(id);
    neighbours.push(id);
  };
  for (const e of [s.selectedEdge, s.hoveredEdge]) {
    if (e === null || seenEdge.has(e) || !g.hasEdge(e)) continue;
    const [a, b] = g.extremities(e);
    if (!visible(a) || !visible(b)) continue;
    seenEdge.add(e);
    focusEdges.add(e);
    edges.push(e);
    addNeighbour(a);
    addNeighbour(b);
  }
  for (const n of nodes) {
    g.forEachEdge(n, (e, _attrs, source, target) => {
      const other = source === n ? target : source;
      if (!visible(other)) return;
      if (!seenEdge.has(e)) {
        seenEdge.add(e);
        edges.push(e);
      }
      addNeighbour(other);
    });
  }
  const marked: string[] = [];
  for (const id of s.selectedNodes) if (visible(id)) marked.push(id);
  return { nodes, neighbours, edges, focusEdges, marked };
}

/** A box in viewport px. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * LabelSpace hands out room for labels so that no two drawn labels overlap:
 * claim(box) is true (and keeps the box) when it intersects none claimed
 * before. A uniform grid of cell px keeps each claim proportional to the
 * cells the box covers.
 */
export class LabelSpace {
  private readonly cells = new Map<string, Box[]>();
  constructor(private readonly cell = 64) {}

  claim(b: Box): boolean {
    const keys = this.keys(b);
    for (const k of keys) {
      for (const o of this.cells.get(k) ?? []) {
        if (b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h) return false;
      }
    }
    this.keep(b, keys);
    return true;
  }

  /**
   * reserve keeps b whatever it overlaps: room already drawn on (sigma's
   * labels, a focused node's hover box), which a claim must never get even
   * where those boxes overlap each other.
   */
  reserve(b: Box): void {
    this.keep(b, this.keys(b));
  }

  private keep(b: Box, keys: string[]): void {
    for (const k of keys) {
      const list = this.cells.get(k);
      if (list) list.push(b);
      else this.cells.set(k, [b]);
    }
  }

  private keys(b: Box): string[] {
    const out: string[] = [];
    const x0 = Math.floor(b.x / this.cell);
    const x1 = Math.floor((b.x + b.w) / this.cell);
    const y0 = Math.floor(b.y / this.cell);
    const y1 = Math.floor((b.y + b.h) / this.cell);
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) out.push(`${x},${y}`);
    return out;
  }
}

/**
 * nearestSegment returns the index of the segment nearest to p within tol px
 * (ties are hit-tested on click this way where sigma's edge picking is
 * switched off), or -1. Segments are [x1, y1, x2, y2] in viewport px; the
 * distance is to the segment, not the infinite line.
 */
export function nearestSegment(p: { x: number; y: number }, segs: ArrayLike<number>, tol: number): number {
  let best = -1;
  let bestD = tol * tol;
  for (let i = 0; i + 3 < segs.length; i += 4) {
    const x1 = segs[i] as number;
    const y1 = segs[i + 1] as number;
    const x2 = segs[i + 2] as number;
    const y2 = segs[i + 3] as number;
    // Cheap reject: p far outside the segment's box.
    if (p.x < Math.min(x1, x2) - tol || p.x > Math.max(x1, x2) + tol || p.y < Math.min(y1, y2) - tol || p.y > Math.max(y1, y2) + tol) continue;
    const dx = x2 - x1;
    const dy = y2 - y1;
    const len2 = dx * dx + dy * dy;
    let t = len2 === 0 ? 0 : ((p.x - x1) * dx + (p.y - y1) * dy) / len2;
    t = Math.max(0, Math.min(1, t));
    const ex = x1 + t * dx - p.x;
    const ey = y1 + t * dy - p.y;
    const d = ex * ex + ey * ey;
    if (d <= bestD) {
      bestD = d;
      best = i / 4;
    }
  }
  return best;
}

/**
 * At most this many ties are drawn highlighted: the focused ties, then the
 * strongest of the others. A node tied to thousands (the ego of a large
 * network) costs a bounded draw, not one line per tie (10,000 lines took
 * ~300 ms of software rasterising), and thousands of dark spokes say no
 * more than a thousand.
 */
export const MAX_FOCUS_EDGES = 1000;

/** drawnEdges: the ties the overlay draws, at most MAX_FOCUS_EDGES (see there). */
export function drawnEdges(f: Focus, strength: (edge: string) => number, max = MAX_FOCUS_EDGES): string[] {
  if (f.edges.length <= max) return f.edges;
  const focused = f.edges.filter((e) => f.focusEdges.has(e));
  const rest = f.edges.filter((e) => !f.focusEdges.has(e));
  const st = new Map(rest.map((e) => [e, strength(e)] as const));
  rest.sort((a, b) => (st.get(b) ?? 0) - (st.get(a) ?? 0));
  return [...focused, ...rest].slice(0, max);
}

/** How far outside a node's disc the handle of a selected tie's end sits, and how near a press must be to take it (px). */
export const HANDLE_GAP_PX = 10;
export const HANDLE_HIT_PX = 8;

/**
 * tieHandles places the two handles of a selected tie drawn from a to b (viewport px, r the
 * drawn radius): each just outside its end's disc on the line, where a press re-targets that
 * end (drag it onto another node). null when the line is too short to hold both apart.
 */
export function tieHandles(
  a: { x: number; y: number; r: number },
  b: { x: number; y: number; r: number },
  gap = HANDLE_GAP_PX,
): { from: { x: number; y: number }; to: { x: number; y: number } } | null {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy);
  if (len < a.r + b.r + 4 * gap) return null;
  const ux = dx / len;
  const uy = dy / len;
  return {
    from: { x: a.x + ux * (a.r + gap), y: a.y + uy * (a.r + gap) },
    to: { x: b.x - ux * (b.r + gap), y: b.y - uy * (b.r + gap) },
  };
}

/**
 * edgeLabelBox: the box (viewport px, axis-aligned) that sigma's
 * drawStraightEdgeLabel fills with a relation of text width tw between the
 * discs a and b (centres and radii in px) on a tie ew px wide, at font px:
 * centred between the two discs' rims (not their centres: a bigger disc
 * pushes it away), the text upright and BELOW the line (its baseline
 * ew/2 + font px off the line, on the side of the turned text's y axis).
 * The box holds the turned text's rectangle, ew/2 … ew/2 + 1.25 font px off
 * the line and tw long; null when sigma would not draw it (the discs touch).
 */
export function edgeLabelBox(
  a: { x: number; y: number; r: number },
  b: { x: number; y: number; r: number },
  tw: number,
  ew: number,
  font: number,
): Box | null {
  const dx0 = b.x - a.x;
  const dy0 = b.y - a.y;
  const d0 = Math.hypot(dx0, dy0);
  if (!(d0 > a.r + b.r)) return null;
  const ux = dx0 / d0;
  const uy = dy0 / d0;
  // the rims' midpoint
  const cx = (a.x + ux * a.r + (b.x - ux * b.r)) / 2;
  const cy = (a.y + uy * a.r + (b.y - uy * b.r)) / 2;
  // sigma turns the text by the line's angle, or by it plus π when the line points left (text stays upright)
  const angle = Math.atan2(dy0, dx0) + (dx0 > 0 ? 0 : Math.PI);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  // the turned text's rectangle: x in [−tw/2, tw/2], y in [ew/2, ew/2 + 1.25 font] of the turned frame
  const y0 = ew / 2;
  const y1 = ew / 2 + 1.25 * font;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [px, py] of [
    [-tw / 2, y0],
    [tw / 2, y0],
    [-tw / 2, y1],
    [tw / 2, y1],
  ] as const) {
    const x = cx + px * cos - py * sin;
    const y = cy + px * sin + py * cos;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  return { x: minX, y: minY, w: maxX - minX, h: maxY - minY };
}
