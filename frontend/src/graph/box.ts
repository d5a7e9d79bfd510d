// Box selection geometry (pure): the rectangle a modifier-drag on empty
// canvas draws, and which nodes fall inside it. Viewport px throughout.
import type { Point } from "./view";

/** A rectangle in viewport px: x, y its top-left corner; w, h ≥ 0. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** BOX_MIN_PX: a box smaller than this on both sides is a click, not a selection. */
export const BOX_MIN_PX = 4;

/** rectOf is the rectangle spanned by two corners, in any order. */
export function rectOf(a: Point, b: Point): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) };
}

/** isBox: the rectangle is big enough to select with (else the gesture was a click). */
export function isBox(r: Rect): boolean {
  return r.w >= BOX_MIN_PX || r.h >= BOX_MIN_PX;
}

/**
 * inRect lists the ids whose viewport point lies inside r (edges included),
 * in the order given. points yields [id, x, y]; a point that is not finite
 * (a node not drawn) is never inside.
 */
export function inRect(points: Iterable<readonly [string, number, number]>, r: Rect): string[] {
  const out: string[] = [];
  for (const [id, x, y] of points) {
    if (x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h) out.push(id);
  }
  return out;
}
