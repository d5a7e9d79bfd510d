// Arrow-key navigation between neighbours on the map (pure): from the
// selected node, the neighbour that lies most nearly in the arrow's
// direction on screen.

export type Arrow = "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown";

const DIRS: Record<Arrow, { x: number; y: number }> = {
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
  ArrowUp: { x: 0, y: -1 }, // viewport px: y grows downwards
  ArrowDown: { x: 0, y: 1 },
};

/** NAV_HALF_ANGLE: a neighbour counts for an arrow within this many degrees of its direction. */
export const NAV_HALF_ANGLE = 60;

export function isArrow(key: string): key is Arrow {
  return Object.hasOwn(DIRS, key);
}

/**
 * neighbourToward picks, among candidates (viewport px), the one within
 * NAV_HALF_ANGLE degrees of the arrow's direction from `from` that has the
 * lowest cost: distance × (2 − cos angle), so a node straight ahead beats a
 * slightly nearer one off to the side. Ties by id. null when none qualifies.
 */
export function neighbourToward(from: { x: number; y: number }, candidates: Iterable<{ id: string; x: number; y: number }>, arrow: Arrow): string | null {
  const d = DIRS[arrow];
  const minCos = Math.cos((NAV_HALF_ANGLE * Math.PI) / 180);
  let best: { id: string; cost: number } | null = null;
  for (const c of candidates) {
    const vx = c.x - from.x;
    const vy = c.y - from.y;
    const len = Math.hypot(vx, vy);
    if (!(len > 0)) continue;
    const cos = (vx * d.x + vy * d.y) / len;
    if (cos < minCos - 1e-9) continue;
    const cost = len * (2 - cos);
    if (best === null || cost < best.cost || (cost === best.cost && c.id < best.id)) best = { id: c.id, cost };
  }
  return best?.id ?? null;
}
