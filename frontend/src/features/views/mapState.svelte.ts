// The map's view state, app-wide: filters, the search text, encodings and
// focus, and the derived pipeline the map draws from —
//
//   mirror (network.snapshot, or the past: travel.shown)
//     → displayed rows with the journal's effective status (effectiveRows)
//     → filtered (filteredOut, hiddenNodes) and focused (focus)
//     → encoding (the colour palette of the values in this network)
//     → the graph's reducers → sigma (graph/view.ts setFilters/setEncoding/setVisual).
//
// as gephi-lite keeps its "appearance" and "filters" state apart from the
// graph. One instance (mapState) so the Map, the palette and the saved views
// read and change one state; the layout's positions belong to the network
// (saved in the backend), the camera to the canvas (graph/camera.ts), and a
// saved view (viewState.ts) holds all but the layout.
import type { NodeRow } from "../../api";
import type { ViewState } from "../../api/views";
import type { CameraState } from "../../graph/camera";
import { categoryPalette, sameEncoding, SIZE_BYS, type ColorBy, type Encoding, type SizeBy } from "../../graph/encoding";
import { defaultFilters, emptyFilters, FILTER_DIMS, filteredOut, valueCounts, type Filters } from "../../graph/filters";
import { sameLooks, type ActivityLook } from "../../graph/reducers";
import { activityStore } from "../../mirror/activity.svelte";
import { network } from "../../mirror/store.svelte";
import { searchHits } from "../search/labels";
import { travel } from "../history/travel.svelte";
import { fromSaved, toSaved, type Focus } from "./viewState";

/** localStorage key of the encoding choice, kept on this machine between runs */
export const ENCODING_KEY = "plexus.ui.encoding";

/** What colour and size say (graph/encoding.ts). */
export interface EncodingChoice {
  color: ColorBy;
  size: SizeBy;
}

/** storedEncoding reads the encoding choice kept on this machine; kind and strength when none or unreadable. */
export function storedEncoding(storage: Pick<Storage, "getItem"> | null = globalThis.localStorage ?? null): EncodingChoice {
  try {
    const v = JSON.parse(storage?.getItem(ENCODING_KEY) ?? "null") as { color?: unknown; size?: unknown } | null;
    const color = (FILTER_DIMS as readonly unknown[]).includes(v?.color) ? (v?.color as ColorBy) : "kind";
    const size = (SIZE_BYS as readonly unknown[]).includes(v?.size) ? (v?.size as SizeBy) : "strength";
    return { color, size };
  } catch {
    return { color: "kind", size: "strength" };
  }
}

class MapState {
  /** which alters are drawn: archived ties hidden until asked for (graph/filters.ts) */
  filters = $state.raw<Filters>(defaultFilters());
  /** what colour and size say */
  encodingChoice = $state.raw<EncodingChoice>(storedEncoding());
  /** the map's search box (labels, any word; features/search/labels.ts) */
  query = $state("");
  /** focus mode: the nodes focused on, how many steps around them are shown, and whether the rest is hidden (else dimmed) */
  focus = $state.raw<Focus | null>(null);

  /** the map shows the past (the date slider is off "Now"): read-only */
  readonly readOnly = $derived(travel.mode !== "now");
  /** the snapshot the map draws: the mirror, or the network as it was */
  readonly displayed = $derived(this.readOnly ? travel.shown : network.snapshot);

  /** the displayed rows as the filters and the legend see them: the effective status (computed in Go) in place of the stored one */
  readonly effectiveRows = $derived.by((): readonly NodeRow[] => {
    const snap = this.displayed;
    if (!snap) return [];
    const a = this.readOnly ? null : activityStore.map;
    if (!a) return snap.nodes;
    return snap.nodes.map((r) => {
      const st = a.byId.get(r.id)?.status;
      return st !== undefined && st !== r.status ? { ...r, status: st } : r;
    });
  });

  #lastLooks: ReadonlyMap<string, ActivityLook> | null = null;
  /**
   * the journal's activity as the reducers draw it (status, due, interactions); null in the past, which is drawn as it was.
   * The same object while nothing the map draws changed (the activity is read again each minute, and a new object makes sigma redraw the whole graph).
   */
  readonly activityLooks = $derived.by((): ReadonlyMap<string, ActivityLook> | null => {
    const a = this.readOnly ? null : activityStore.map;
    if (!a) return null;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- built whole here, never mutated after
    const m = new Map<string, ActivityLook>();
    for (const [id, n] of a.byId) m.set(id, { status: n.status, due: n.due, interactions: n.interactions });
    if (this.#lastLooks && sameLooks(this.#lastLooks, m)) return this.#lastLooks;
    this.#lastLooks = m;
    return m;
  });

  #lastEncoding: Encoding | null = null;
  /**
   * the encoding with the palette of the colour dimension's values in this network (the legend and the map share it).
   * The same object while nothing in it changes: a new one makes sigma redraw the whole graph, and the snapshot changes on every edit.
   */
  readonly encoding = $derived.by((): Encoding => {
    const snap = this.displayed;
    const { color, size } = this.encodingChoice;
    const palette = color === "kind" || !snap ? new Map<string, string>() : categoryPalette(color, valueCounts(this.effectiveRows, snap.ego, color, this.filters.hidden[color]));
    const next = { color, size, palette };
    if (this.#lastEncoding && sameEncoding(this.#lastEncoding, next)) return this.#lastEncoding;
    this.#lastEncoding = next;
    return next;
  });

  /** how many alters the filters take off the map */
  readonly hiddenNodes = $derived.by(() => {
    const ego = this.displayed?.ego;
    let n = 0;
    for (const r of this.effectiveRows) if (r.id !== ego && filteredOut(r, this.filters)) n++;
    return n;
  });

  /** how many nodes the search box matches (null: the box is empty) */
  readonly hitCount = $derived.by(() => {
    const snap = this.displayed;
    if (!snap || this.query.trim() === "") return null;
    return searchHits(snap.nodes, this.query)?.size ?? 0;
  });

  /** the effective rows by id, built when first asked for after they change */
  #rowsOf: { of: readonly NodeRow[]; rows: ReadonlyMap<string, NodeRow> } | null = null;

  /** hiddenFromMap: the node is filtered off the map (never the ego). */
  hiddenFromMap(id: string): boolean {
    const snap = this.displayed;
    if (!snap) return false;
    const rows = this.effectiveRows;
    if (this.#rowsOf?.of !== rows) this.#rowsOf = { of: rows, rows: new Map(rows.map((n) => [n.id, n])) };
    const n = this.#rowsOf.rows.get(id);
    return id !== snap.ego && n !== undefined && filteredOut(n, this.filters);
  }

  /** chooseEncoding sets what colour and size say, kept on this machine (in this session only when there is no storage). */
  chooseEncoding(color: ColorBy, size: SizeBy): void {
    this.encodingChoice = { color, size };
    try {
      localStorage.setItem(ENCODING_KEY, JSON.stringify(this.encodingChoice));
    } catch {
      // no storage: the choice lasts this session
    }
  }

  /** showAll clears every filter (archived alters included). */
  showAll(): void {
    this.filters = emptyFilters();
  }

  /** toggleFocus: focus on these nodes' neighbourhood (one step), or leave focus mode. */
  toggleFocus(ids: readonly string[]): void {
    if (this.focus || ids.length === 0) this.focus = null;
    else this.focus = { ids: [...ids], steps: 1, hide: false };
  }

  /** focusOn focuses on ids, keeping the steps and hiding of a focus already on. */
  focusOn(ids: readonly string[]): void {
    this.focus = { ids: [...ids], steps: this.focus?.steps ?? 1, hide: this.focus?.hide ?? false };
  }

  /** saved is this state as a saved view holds it, with the canvas's camera (features/views/viewState.ts). */
  saved(camera: CameraState | null): ViewState {
    return toSaved({ filters: this.filters, encoding: this.encodingChoice, focus: this.focus, camera });
  }

  /** apply takes a saved view's filters, encodings and focus (focused nodes that are gone dropped); its camera is returned for the canvas. */
  apply(s: ViewState, exists: (id: string) => boolean): CameraState | null {
    const v = fromSaved(s, exists);
    this.filters = v.filters;
    this.chooseEncoding(v.encoding.color, v.encoding.size);
    this.focus = v.focus;
    return v.camera;
  }
}

/** mapState: the one view state of the map. */
export const mapState = new MapState();
