// Node hit area (issue 8): every node can be pointed at within a disc of at
// least MIN_HIT_RADIUS_PX, at any zoom, without drawing it bigger. sigma
// picks a node only where its picking buffer has the node's disc, so a dot
// sized 2 px (a weak tie, or the whole map zoomed out) was nearly unhittable.
// GraphView asks sigma's picking first and, only when it finds nothing, asks
// nodeAt here: the nearest drawn node whose centre is within
// max(drawn radius, MIN_HIT_RADIUS_PX) of the pointer. Pure: positions come
// in, an id goes out (view.ts reads sigma's display data for it).

/** A node's hit disc is never smaller than this radius (viewport px): 12 px across. */
export const MIN_HIT_RADIUS_PX = 6;

/** A node as drawn now, in viewport px: its centre and drawn radius. */
export interface HitNode {
  id: string;
  x: number;
  y: number;
  r: number;
}

/**
 * nodeAt: the id of the node nearest to p (by its centre) among those whose
 * hit disc, radius max(r, minPx), holds p; null when none does. Ties go to the
 * one listed later (drawn on top: sigma draws in graph order).
 */
export function nodeAt(p: { x: number; y: number }, nodes: Iterable<HitNode>, minPx = MIN_HIT_RADIUS_PX): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const n of nodes) {
    const d = Math.hypot(p.x - n.x, p.y - n.y);
    if (d <= Math.max(n.r, minPx) && d <= bestD) {
      best = n.id;
      bestD = d;
    }
  }
  return best;
}

/**
 * PointGrid: a uniform grid over points (any plane; GraphView uses sigma's
 * framed graph coordinates, which change only when sigma re-processes the
 * graph, not when the camera moves), about one point per cell. Built in O(n);
 * near(x, y, r) visits the cells the square of half-side r covers (clamped to
 * the grid) and yields the indices of their points: a superset of those
 * within r, each once.
 */
export class PointGrid {
  private readonly minX: number;
  private readonly minY: number;
  private readonly cell: number;
  private readonly cols: number;
  private readonly rows: number;
  /** points of cell c are order[start[c] .. start[c + 1]) */
  private readonly start: Int32Array;
  private readonly order: Int32Array;

  constructor(
    private readonly xs: ArrayLike<number>,
    private readonly ys: ArrayLike<number>,
  ) {
    const n = xs.length;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = xs[i]!;
      const y = ys[i]!;
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    if (minX > maxX) minX = maxX = minY = maxY = 0;
    const span = Math.max(maxX - minX, maxY - minY, 1e-9);
    const side = Math.max(1, Math.min(1024, Math.ceil(Math.sqrt(n))));
    this.cell = span / side;
    this.minX = minX;
    this.minY = minY;
    this.cols = Math.max(1, Math.floor((maxX - minX) / this.cell) + 1);
    this.rows = Math.max(1, Math.floor((maxY - minY) / this.cell) + 1);
    const cellOf = new Int32Array(n);
    const count = new Int32Array(this.cols * this.rows + 1);
    for (let i = 0; i < n; i++) {
      const c = this.cellIndex(xs[i]!, ys[i]!);
      cellOf[i] = c;
      if (c >= 0) count[c + 1] = count[c + 1]! + 1;
    }
    for (let c = 1; c < count.length; c++) count[c] = count[c]! + count[c - 1]!;
    this.start = count.slice();
    const fill = count;
    this.order = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const c = cellOf[i]!;
      if (c < 0) continue;
      this.order[fill[c]!] = i;
      fill[c] = fill[c]! + 1;
    }
  }

  private cellIndex(x: number, y: number): number {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return -1;
    const cx = Math.min(this.cols - 1, Math.floor((x - this.minX) / this.cell));
    const cy = Math.min(this.rows - 1, Math.floor((y - this.minY) / this.cell));
    return cy * this.cols + cx;
  }

  /** near: the indices of the points in the cells within r of (x, y) (check the distance yourself). */
  *near(x: number, y: number, r: number): Generator<number> {
    if (!(r >= 0)) return;
    const x0 = Math.max(0, Math.floor((x - r - this.minX) / this.cell));
    const x1 = Math.min(this.cols - 1, Math.floor((x + r - this.minX) / this.cell));
    const y0 = Math.max(0, Math.floor((y - r - this.minY) / this.cell));
    const y1 = Math.min(this.rows - 1, Math.floor((y + r - this.minY) / this.cell));
    for (let cy = y0; cy <= y1; cy++)
      for (let cx = x0; cx <= x1; cx++) {
        const c = cy * this.cols + cx;
        for (let k = this.start[c]!; k < this.start[c + 1]!; k++) yield this.order[k]!;
      }
  }
}
