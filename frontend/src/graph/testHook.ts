// A READ-ONLY hook for end-to-end tests (Playwright): where things are, so a
// test can point the mouse at them. It exposes no way to change state.
import type { TieRow } from "../api";
import { DIM_NODE_COLOR } from "./colors";
import type { GraphView } from "./view";

export interface HookNode {
  id: string;
  label: string;
  kind: string;
  x: number;
  y: number;
  pinned: boolean;
  ego: boolean;
}

export interface PlexusTestHook {
  readonly ready: boolean;
  ego(): string;
  nodes(): HookNode[];
  ties(): TieRow[];
  viewportPosition(nodeId: string): { x: number; y: number } | null;
  layoutRunning(): boolean;
  /** the ids sigma draws now (not hidden by a filter or a focus), in graph order */
  drawn(): string[];
  /** the ids drawn dimmed now (outside a focus or a search), in graph order */
  dimmed(): string[];
  /** the colour and size sigma draws each node with now (its display data) */
  looks(): Record<string, { color: string; size: number; due: boolean }>;
  /** view-state changes that redrew the whole graph, and those that redrew only what changed */
  refreshes(): { full: number; partial: number };
  /** where the camera looks (GraphView.cameraView), null before the map exists */
  camera(): { x: number; y: number; ratio: number; angle: number } | null;
  /** the selected tie's end handles (px relative to the canvas), or null */
  tieHandles(): { from: { x: number; y: number }; to: { x: number; y: number } } | null;
  /** the node label boxes sigma drew in its last frame (px relative to the canvas) */
  labelBoxes(): { x: number; y: number; w: number; h: number }[];
  /** the nodes whose labels sigma drew in the last frame */
  labelled(): string[];
  /** the focus overlay's relation and neighbour label boxes (px relative to the canvas) */
  overlayLabelBoxes(): { x: number; y: number; w: number; h: number }[];
  /** ForceAtlas2 iterations since the layout last started (benchmarks: iterations per second) */
  layoutIterations(): number;
  /** the page's WebGL renderer string, and whether the view sheds work (software rendering or slow frames) */
  renderer(): { name: string; shedding: boolean };
}

export function installTestHook(getView: () => GraphView | null): void {
  const hook: PlexusTestHook = {
    get ready() {
      return getView()?.ready ?? false;
    },
    ego: () => getView()?.ego ?? "",
    nodes: () => {
      const v = getView();
      if (!v) return [];
      const out: HookNode[] = [];
      v.graph.forEachNode((id, a) => out.push({ id, label: a.label, kind: a.kind, x: a.x, y: a.y, pinned: a.pinned, ego: a.ego }));
      return out;
    },
    // The ties drawn on the canvas (ego ties are fields of the alter, not listed).
    ties: () => {
      const v = getView();
      if (!v) return [];
      const out: TieRow[] = [];
      v.graph.forEachEdge((id, a, source, target) => {
        if (a.kind === "tie") out.push({ id, from: source, to: target, relation: a.relation, directed: a.directed, strength: a.strength });
      });
      return out;
    },
    viewportPosition: (id) => {
      const p = getView()?.viewportPosition(id);
      return p ? { x: p.x, y: p.y } : null;
    },
    layoutRunning: () => getView()?.layoutRunning ?? false,
    drawn: () => {
      const v = getView();
      const out: string[] = [];
      v?.graph.forEachNode((id) => {
        const d = v.sigma.getNodeDisplayData(id);
        if (d && !d.hidden) out.push(id);
      });
      return out;
    },
    looks: () => {
      const v = getView();
      const out: Record<string, { color: string; size: number; due: boolean }> = {};
      v?.graph.forEachNode((id) => {
        const d = v.sigma.getNodeDisplayData(id) as (ReturnType<typeof v.sigma.getNodeDisplayData> & { dueSize?: number }) | undefined;
        if (d && !d.hidden) out[id] = { color: d.color, size: d.size, due: (d.dueSize ?? 0) > 0 };
      });
      return out;
    },
    refreshes: () => ({ ...(getView()?.refreshes ?? { full: 0, partial: 0 }) }),
    camera: () => getView()?.cameraView() ?? null,
    tieHandles: () => {
      const h = getView()?.tieHandles();
      return h ? { from: { ...h.from }, to: { ...h.to } } : null;
    },
    labelBoxes: () => (getView()?.labelBoxes ?? []).map((b) => ({ ...b })),
    labelled: () => [...(getView()?.labelled ?? [])],
    overlayLabelBoxes: () => (getView()?.overlayLabelBoxes ?? []).map((b) => ({ ...b })),
    dimmed: () => {
      const v = getView();
      const out: string[] = [];
      v?.graph.forEachNode((id) => {
        const d = v.sigma.getNodeDisplayData(id);
        if (d && !d.hidden && d.color === DIM_NODE_COLOR) out.push(id);
      });
      return out;
    },
    layoutIterations: () => getView()?.layoutIterations ?? 0,
    renderer: () => ({ name: getView()?.renderer ?? "", shedding: getView()?.shedding ?? false }),
  };
  Object.defineProperty(window, "__plexus", { value: Object.freeze(hook), configurable: true, writable: false });
}
