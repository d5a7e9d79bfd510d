// What a saved view holds (pure): the map's filters, encodings, focus and camera
// as the backend keeps them (pln.ViewState, backend/pln/views.go), and back. The
// backend checks what is saved; reading one back is still defensive, since a
// view outlives the nodes and contexts it names: values no filter knows are
// kept (a context that may come back), focused nodes that are gone are dropped.
import type { ViewState } from "../../api/views";
import { VIEW_DIMS, VIEW_SIZES } from "../../api/contract.gen";
import type { CameraState } from "../../graph/camera";
import { SIZE_BYS, type ColorBy, type SizeBy } from "../../graph/encoding";
import { emptyFilters, FILTER_DIMS, type FilterDim, type Filters } from "../../graph/filters";

/** The focus mode of the map: nodes focused on, steps of ties around them, rest hidden (else dimmed). */
export interface Focus {
  ids: readonly string[];
  steps: number;
  hide: boolean;
}

/** The map's view state, everything a saved view restores. */
export interface MapViewState {
  filters: Filters;
  encoding: { color: ColorBy; size: SizeBy };
  focus: Focus | null;
  /** null: fit the map to what the view shows */
  camera: CameraState | null;
}

/** toSaved: the map's state as the backend keeps it (dimensions with nothing hidden left out, lists sorted). */
export function toSaved(m: MapViewState): ViewState {
  const out: ViewState = { color: m.encoding.color, size: m.encoding.size };
  const hidden: Record<string, string[]> = {};
  for (const dim of FILTER_DIMS) {
    const vs = [...m.filters.hidden[dim]].sort();
    if (vs.length > 0) hidden[dim] = vs;
  }
  if (Object.keys(hidden).length > 0) out.hidden = hidden;
  if (m.filters.tags.size > 0) out.tags = [...m.filters.tags].sort();
  if (m.focus && m.focus.ids.length > 0) out.focus = { nodeIds: [...m.focus.ids].sort(), steps: m.focus.steps, ...(m.focus.hide ? { hide: true } : {}) };
  if (m.camera) out.camera = { x: m.camera.x, y: m.camera.y, ratio: m.camera.ratio, angle: m.camera.angle };
  return out;
}

const isDim = (d: string): d is FilterDim => (FILTER_DIMS as readonly string[]).includes(d);
const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/**
 * fromSaved: a saved view's state for the map. exists says whether a node is
 * still in the network (focus ids that are gone are dropped; a focus with
 * none left is none). Unknown colour or size fall back to kind and strength;
 * unknown dimensions are ignored; a camera that is not four finite numbers
 * with a positive ratio is none (the map is fitted).
 */
export function fromSaved(s: ViewState, exists: (id: string) => boolean): MapViewState {
  const f = emptyFilters();
  const hidden = { ...f.hidden } as Record<FilterDim, Set<string>>;
  for (const [dim, values] of Object.entries(s.hidden ?? {})) {
    if (isDim(dim) && Array.isArray(values)) hidden[dim] = new Set(values.filter((v) => typeof v === "string"));
  }
  const tags = new Set((s.tags ?? []).filter((t) => typeof t === "string"));
  const color = (isDim(s.color) ? s.color : "kind") as ColorBy;
  const size = ((SIZE_BYS as readonly string[]).includes(s.size) ? s.size : "strength") as SizeBy;
  let focus: Focus | null = null;
  if (s.focus) {
    const ids = (s.focus.nodeIds ?? []).filter((id) => typeof id === "string" && exists(id));
    const steps = Math.min(3, Math.max(1, Math.round(finite(s.focus.steps) ? s.focus.steps : 1)));
    if (ids.length > 0) focus = { ids, steps, hide: s.focus.hide === true };
  }
  const c = s.camera;
  const camera = c && finite(c.x) && finite(c.y) && finite(c.ratio) && c.ratio > 0 && finite(c.angle) ? { x: c.x, y: c.y, ratio: c.ratio, angle: c.angle } : null;
  return { filters: { hidden, tags }, encoding: { color, size }, focus, camera };
}

/**
 * sameLook: a and b show the same (filters, encodings, focus; the camera is
 * where one happens to look, so it is left out): the menu marks the saved
 * view the map shows.
 */
export function sameLook(a: ViewState, b: ViewState): boolean {
  // Key by key in one order: the backend's JSON and the map's object list their members differently.
  const key = (v: ViewState) =>
    JSON.stringify([
      v.color,
      v.size,
      Object.entries(v.hidden ?? {})
        .filter(([, vs]) => vs.length > 0)
        .map(([d, vs]) => [d, [...vs].sort()])
        .sort(),
      [...(v.tags ?? [])].sort(),
      v.focus ? [[...v.focus.nodeIds].sort(), v.focus.steps, v.focus.hide === true] : null,
    ]);
  return key(a) === key(b);
}

// The dimensions and sizes are the Go side's (contract.gen.ts): a drift fails here at build time.
const _dims: readonly FilterDim[] = VIEW_DIMS;
const _sizes: readonly SizeBy[] = VIEW_SIZES;
void _dims;
void _sizes;
