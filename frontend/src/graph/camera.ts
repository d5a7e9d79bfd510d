// The camera when the map's container changes size (pure).
//
// sigma keeps the camera's centre at the middle of its container, so when the
// side panel opens (the map gets ~340 px narrower on the right) every node
// moved ~170 px to the left, and back when it closed (issue 8: "the view jumps
// ~170 px when the side panel opens"). Here the map stays put instead: the
// graph point drawn at the container's top-left corner is drawn there again,
// at the same pixel scale, and only what the new edge cuts off is hidden. The
// selected node is then brought back into view by the smallest pan, so the
// panel never hides the node it edits.

/** sigma's camera state: x, y in sigma's framed-graph space (0..1), ratio (1 = fit, larger = zoomed out), angle in radians. */
export interface CameraState {
  x: number;
  y: number;
  ratio: number;
  angle: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

/** sigma's projection at the new container size, for a given camera: framed graph ↔ viewport px. */
export interface Projection {
  toViewport(framed: Point, cam: CameraState): Point;
  toFramed(viewport: Point, cam: CameraState): Point;
}

/** the distance (px) between the two anchor points, along the top edge */
export const ANCHOR_SPAN_PX = 100;

/**
 * anchoredCamera: the camera that draws `corner` (the framed-graph point that
 * sat at the old container's top-left corner) at (0, 0) of the new container,
 * and `along` (the point that sat ANCHOR_SPAN_PX to its right) ANCHOR_SPAN_PX
 * to its right again, so nothing moves or changes size on screen.
 */
export function anchoredCamera(cam: CameraState, corner: Point, along: Point, size: Size, proj: Projection): CameraState {
  const a = proj.toViewport(corner, cam);
  const b = proj.toViewport(along, cam);
  const span = Math.hypot(b.x - a.x, b.y - a.y);
  // sigma scales the framed graph by the container's smaller side: a change
  // of that side changes the pixel scale, undone by the camera's ratio.
  const scaled = span > 0 && Number.isFinite(span) ? { ...cam, ratio: (cam.ratio * span) / ANCHOR_SPAN_PX } : { ...cam };
  const a2 = proj.toViewport(corner, scaled);
  return centredOn(scaled, { x: size.width / 2 + a2.x, y: size.height / 2 + a2.y }, proj);
}

/**
 * revealShift: how far (px) the view must pan so that `p` lies inside the
 * container with `margin` px to spare on each side; {0, 0} when it already
 * does. A positive dx moves the camera right (the drawing moves left).
 */
export function revealShift(p: Point, size: Size, margin: number): Point {
  return revealBoxShift({ x: p.x, y: p.y, w: 0, h: 0 }, size, margin);
}

/**
 * revealBoxShift: the same for a box (x, y its top-left corner, w, h ≥ 0, in
 * px: a multi-selection's extent). On an axis where the box does not fit
 * inside the margins, the view is not panned (the user's view is kept).
 */
export function revealBoxShift(b: { x: number; y: number; w: number; h: number }, size: Size, margin: number): Point {
  const axis = (lo: number, span: number, len: number): number => {
    const m = Math.min(margin, len / 2);
    if (span > len - 2 * m) return 0;
    if (lo < m) return lo - m;
    if (lo + span > len - m) return lo + span - (len - m);
    return 0;
  };
  return { x: axis(b.x, b.w, size.width), y: axis(b.y, b.h, size.height) };
}

/** panned: the camera moved by (dx, dy) px at the same ratio. */
export function panned(cam: CameraState, shift: Point, size: Size, proj: Projection): CameraState {
  if (shift.x === 0 && shift.y === 0) return cam;
  return centredOn(cam, { x: size.width / 2 + shift.x, y: size.height / 2 + shift.y }, proj);
}

/** centredOn: the camera whose centre is the framed-graph point now drawn at viewport point v. */
function centredOn(cam: CameraState, v: Point, proj: Projection): CameraState {
  const c = proj.toFramed(v, cam);
  return { ...cam, x: c.x, y: c.y };
}
