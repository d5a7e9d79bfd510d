// ViewService — the map's saved views (backend/service/views.go): named sets of filters,
// encodings, focus and camera, kept in the store and the backup. Each write is one undoable
// step; views:changed carries the whole list afterwards.
import { invoke, runtime } from "./bridge";
import { EVENT_VIEWS_CHANGED } from "./contract.gen";

const S = ["service", "ViewService"] as const;

/** A saved view's state (pln.ViewState): hidden filter values per dimension ("" = not set). */
export interface ViewState {
  hidden?: Record<string, string[]>;
  tags?: string[];
  /** one of VIEW_DIMS */
  color: string;
  /** one of VIEW_SIZES */
  size: string;
  focus?: { nodeIds: string[]; steps: number; hide?: boolean };
  /** sigma's camera: x, y in framed-graph units (0–1), ratio (1 = all fits), angle in radians */
  camera?: { x: number; y: number; ratio: number; angle: number };
}

/** pln.View: times are RFC 3339. */
export interface SavedView {
  id: string;
  name: string;
  state: ViewState;
  createdAt: string;
  updatedAt: string;
}

/** Every saved view, by name. */
export const Views = () => invoke<SavedView[]>(...S, "Views");
/** Saves state under name, replacing the view of that name (case-insensitive). invalid / too_large. */
export const SaveView = (name: string, state: ViewState) => invoke<SavedView>(...S, "SaveView", name, state);
/** Renames a view. not_found; conflict when another has that name. */
export const RenameView = (id: string, name: string) => invoke<SavedView>(...S, "RenameView", id, name);
/** Deletes a view. not_found. */
export const DeleteView = (id: string) => invoke<void>(...S, "DeleteView", id);

/** views:changed: the whole list after a save, rename, delete, their undo or redo, or a restore. */
export function onViewsChanged(cb: (views: SavedView[]) => void): () => void {
  const rt = runtime();
  if (!rt) return () => {};
  const off = rt.EventsOnMultiple(EVENT_VIEWS_CHANGED, (...data: unknown[]) => cb(Array.isArray(data[0]) ? (data[0] as SavedView[]) : []), -1);
  return typeof off === "function" ? off : () => {};
}
