// The graph extent sigma normalises against. Plexus fixes it (custom bbox)
// so reloading the dataset, creating a node far out or dragging does not
// rescale the whole map under the user; "fit" recomputes it.

export interface BBox {
  x: [number, number];
  y: [number, number];
}

/** MIN_SPAN keeps a near-empty map (just the ego) at a sensible scale. */
export const MIN_SPAN = 200;

/** fitBBox returns the extent of points, padded and at least MIN_SPAN wide and high. */
export function fitBBox(points: Iterable<{ x: number; y: number }>, pad = 0.08): BBox {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  }
  if (minX === Infinity) {
    minX = maxX = minY = maxY = 0;
  }
  const grow = (lo: number, hi: number): [number, number] => {
    let span = hi - lo;
    const mid = (lo + hi) / 2;
    if (span < MIN_SPAN) span = MIN_SPAN;
    span *= 1 + 2 * pad;
    return [mid - span / 2, mid + span / 2];
  };
  return { x: grow(minX, maxX), y: grow(minY, maxY) };
}

/** spreadCoincident nudges nodes that sit on exactly the same spot as an earlier one, so a force layout can separate them. Pinned nodes are not moved. */
export function spreadCoincident(
  nodes: { id: string; x: number; y: number; fixed: boolean }[],
  random: () => number = Math.random,
): Map<string, { x: number; y: number }> {
  const seen = new Set<string>();
  const moved = new Map<string, { x: number; y: number }>();
  for (const n of nodes) {
    const key = `${n.x},${n.y}`;
    if (!seen.has(key)) {
      seen.add(key);
      continue;
    }
    if (n.fixed) continue;
    const angle = random() * Math.PI * 2;
    const r = 5 + random() * 20;
    moved.set(n.id, { x: n.x + Math.cos(angle) * r, y: n.y + Math.sin(angle) * r });
  }
  return moved;
}
