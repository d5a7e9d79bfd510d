// GraphView: the graphology model, one long-lived sigma v3 renderer, the
// ForceAtlas2 worker and the pointer gestures on the canvas. No Svelte here:
// the component (GraphCanvas.svelte) wires callbacks to feature actions.
//
// Gestures (real pointer events, driven by sigma's mouse captor):
//   double-click empty canvas        → onStageDoubleClick (quick create form)
//   press on a node, move, release   → drag; onDragEnd (pin + save); a node of
//                                      the multi-selection drags all of it
//   Shift + press on A, release on B → onConnect(A, B) (B null: released elsewhere)
//   click a node / a tie / empty     → onNodeClick / onEdgeClick / onStageClick
//   Ctrl/Cmd + click a node          → onNodeToggle (in or out of the selection)
//   Shift or Ctrl/Cmd + drag on empty canvas → a selection box; onBoxSelect
//   right-click a node / a tie / empty → onContextMenu (the browser's own menu never opens on the map)
// Read-only (the map shows the past): no drag, no connect, no double-click
// create, no multi-selection; clicks, hover, pan and zoom still work.
//
// Cost (issue 6): hover and selection are drawn by the focus overlay
// (overlay.ts), never through sigma's reducers, so they cost the focused
// nodes' degree, not the graph; sigma's edge picking is off (ties are
// hit-tested on the pointer's position instead, tieAt); the layout runs on a
// copy of the graph (layout positions reach the drawn graph at most every
// layoutCopyMs); a patch of the mirror touches only the rows it names
// (syncPatch); under software rendering or slow frames the view sheds work
// (ties and labels hidden while the camera moves, layout drawn less often).
import Sigma from "sigma";
import { animateNodes } from "sigma/utils";
import { drawDiscNodeHover, drawDiscNodeLabel } from "sigma/rendering";
import { createNodeBorderProgram } from "@sigma/node-border";
import FA2LayoutSupervisor from "graphology-layout-forceatlas2/worker";
import forceAtlas2 from "graphology-layout-forceatlas2";
import Graph from "graphology";
import type { NetworkSnapshot, NetworkSubset, Position } from "../api";
import { fitBBox, spreadCoincident } from "./bbox";
import { inRect, isBox, rectOf, type Rect } from "./box";
import { neighbourToward, type Arrow } from "./nav";
import { ANCHOR_SPAN_PX, anchoredCamera, panned, revealBoxShift, type CameraState, type Projection } from "./camera";
import { DIFF_COLORS, DUE_COLOR, HIGHLIGHT_EDGE_COLOR } from "./colors";
import { EDGE_LABEL_COLORS, HOVER_LABEL_COLOR, LABEL_COLORS, themed, type MapTheme } from "./theme";
import { computeFocus, HANDLE_HIT_PX, LabelSpace, nearestSegment, tieHandles, type Box } from "./focus";
import type { Encoding } from "./encoding";
import type { Filters } from "./filters";
import { egoEdgeKey, isEgoEdgeKey, newGraph, syncGraph, syncPatch, type PlexusGraph } from "./model";
import { MIN_HIT_RADIUS_PX, nodeAt, PointGrid, type HitNode } from "./hit";
import { FocusOverlay } from "./overlay";
import { edgeLook, emptyVisualState, FOCUS_KEYS, isNodeHidden, nodeLook, plainEdges, sameLook, type ActivityLook, type EdgeAttrs, type NodeAttrs, type VisualState } from "./reducers";

export interface Point {
  x: number;
  y: number;
}

export interface GraphCallbacks {
  onNodeClick(id: string): void;
  /** Ctrl/Cmd-click on a node: add it to the selection, or take it out */
  onNodeToggle(id: string): void;
  /** a selection box was released: the drawn alters inside it (never the ego), to add to the selection */
  onBoxSelect(ids: string[]): void;
  /** a right-click (or the context-menu key) on a node, a tie or empty canvas; viewport: px relative to the canvas */
  onContextMenu(target: MenuTarget, viewport: Point): void;
  /** the selection box being drawn (viewport px), null when it ends */
  onBoxPreview(rect: Rect | null): void;
  onEdgeClick(id: string): void;
  onStageClick(): void;
  /** viewport: px relative to the canvas; graph: graph coordinates */
  onStageDoubleClick(viewport: Point, graph: Point): void;
  /** to: the node the Shift-drag was released on; null when released on empty canvas, a tie or outside */
  onConnect(from: string, to: string | null, viewport: Point): void;
  onConnectPreview(line: { from: Point; to: Point } | null): void;
  /** a selected tie's end handle was dragged and released: on node (null: elsewhere); end: which end moves */
  onRetarget(tie: string, end: "from" | "to", node: string | null): void;
  /** a drag ended: where each moved node is now (graph coordinates); the dragged node first */
  onDragEnd(moved: { id: string; x: number; y: number }[]): void;
  onLayoutRunning(running: boolean): void;
  onLayoutStopped(positions: Position[]): void;
  onFirstRender(nodeCount: number): void;
}

/** what a right-click was on: a node, a tie (or an alter's ego tie: "ego:<id>"), or empty canvas at a graph point */
export type MenuTarget = { kind: "node"; id: string } | { kind: "tie"; id: string } | { kind: "stage"; graph: Point };

type Gesture =
  | { kind: "idle" }
  | {
      kind: "drag";
      node: string;
      /** a node was moved (the pointer went past 3 px on a node that moves) */
      moved: boolean;
      /** the pointer went past 3 px (the ego does not move, but its release is not a click either) */
      travelled: boolean;
      resumeLayout: boolean;
      start: Point;
      group: { id: string; dx: number; dy: number }[];
    }
  | { kind: "connect"; from: string }
  /** a selected tie's end handle dragged: keep is the end that stays */
  | { kind: "retarget"; tie: string; end: "from" | "to"; keep: string }
  | { kind: "box"; start: Point; end: Point };

/** The parts of VisualState a partial refresh can redraw (partialRefresh); a change of any other redraws everything. */
const PARTIAL_KEYS: readonly (keyof VisualState)[] = ["filters", "activity", ...FOCUS_KEYS];

const LAYOUT_AUTOSTOP_MS = 30_000;

/** A WebGL renderer string that means rendering in software (no GPU): shed work from the start. */
export const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render|offscreen/i;
/** Frames slower than this (ms, beforeRender → next animation frame), SLOW_FRAMES in a row, shed work too. */
const SLOW_FRAME_MS = 80;
const SLOW_FRAMES = 3;
/** A tie is hit within this many px of its line (plus half its drawn width). */
const TIE_HIT_PX = 4;
/** Tie hover (the pointer cursor over a tie) is hit-tested on move only up to this many ties; clicks always are. */
const TIE_HOVER_MAX_EDGES = 20_000;
/** A double click within this many ms of a click that opened a tie belongs to that tie. */
const TIE_DOUBLE_CLICK_MS = 600;
/** two stage clicks this close in time (ms) and place (px) are a double click (sigma's own pairing ignores place) */
const DOUBLE_CLICK_MS = 500;
const DOUBLE_CLICK_PX = 8;
/**
 * ZOOM_STEP: how much one wheel notch and one zoom button press zoom (the
 * camera ratio is divided or multiplied by it). sigma's defaults are 1.7 for
 * the wheel and 1.5 for its animated zoom: from the whole map to one node in
 * three notches.
 */
export const ZOOM_STEP = 1.25;
/** a container side below this (px) is not a real size (a hidden map): its resize keeps sigma's camera */
const MIN_ANCHORED_PX = 120;
/** px kept between the selected node and the map's edge when a resize would hide it */
const REVEAL_MARGIN_PX = 48;
/** ms the camera stays still before a shedding view draws ties and labels again */
const SETTLED_MS = 200;
/** ms a moved node keeps its drawn position against snapshots that do not have it yet (its save is on the way) */
const PENDING_MOVE_MS = 10_000;
/** ms the ego layout's move is animated */
const EGO_LAYOUT_MS = 500;
/** px kept free around a node made with N (freeSpot) */
const FREE_SPOT_PX = 60;
/** a larger multi-selection (Ctrl+A of a big map) is not panned into view */
const MAX_REVEAL_NODES = 2000;

/** A mirror patch: the subset read that turned base into the snapshot given with it. */
export interface SnapshotPatch {
  base: NetworkSnapshot;
  sub: NetworkSubset;
}

type LayoutNode = { x: number; y: number; fixed: boolean };
type LayoutEdge = { weight: number };

type GNode = NodeAttrs & { fixed: boolean };
type GEdge = EdgeAttrs & { type: string; weight: number };

export class GraphView {
  private g: PlexusGraph = newGraph();
  readonly sigma: Sigma<GNode, GEdge>;
  private state: VisualState = emptyVisualState();
  private readonly overlay: FocusOverlay;
  private layout: FA2LayoutSupervisor | null = null;
  /** the graph the layout worker moves (positions, pins, weights): a copy, so sigma is not told of every step */
  private layoutGraph: Graph<LayoutNode, LayoutEdge> | null = null;
  private layoutTimer: ReturnType<typeof setTimeout> | null = null;
  private layoutCopyTimer: ReturnType<typeof setTimeout> | null = null;
  private layoutSteps = 0;
  /** the snapshot the graph mirrors now (a patch applies only on top of it) */
  private synced: NetworkSnapshot | null = null;
  /** viewport segments of the drawn ties [x1,y1,x2,y2]… and their ids; rebuilt after a render */
  private segs: Float32Array | null = null;
  private segIds: string[] = [];
  private frameStart = 0;
  private slowFrames = 0;
  /** the last frame's cost, ms from beforeRender to the next animation frame */
  private lastFrameMs = 0;
  /** the page's WebGL renderer (WEBGL_debug_renderer_info) */
  readonly renderer: string;
  private shed = false;
  private gesture: Gesture = { kind: "idle" };
  private suppressClickUntil = 0;
  /** when a click last opened a tie (ms): the double click it starts is the tie's */
  private tieClickedAt = 0;
  private tieClickPos: Point = { x: NaN, y: NaN };
  /** the last stage click that did not end a double click (viewport px, ms) */
  private lastStageClick: { x: number; y: number; t: number } | null = null;
  /** node ids whose dragged position is not yet confirmed by a reload */
  private readonly pendingMoves = new Map<string, { x: number; y: number; until: number }>();
  private rendered = false;
  private readOnly = false;
  private hasBBox = false;
  private egoId = "";
  private readonly resizeObserver: ResizeObserver | null;
  private killed = false;
  /** the stage's theme (setTheme): dark swaps the map's greys (graph/theme.ts) */
  private theme: MapTheme = "light";

  constructor(
    private readonly container: HTMLElement,
    private readonly cb: GraphCallbacks,
  ) {
    const bordered = createNodeBorderProgram<GNode, GEdge>({
      borders: [
        // Outside in: the ring of an alter due to reconnect, the pinned ring, the fill.
        { size: { attribute: "dueSize", defaultValue: 0 }, color: { value: DUE_COLOR } },
        { size: { attribute: "borderSize", defaultValue: 0 }, color: { attribute: "borderColor", defaultValue: "#111827" } },
        { size: { fill: true }, color: { attribute: "color" } },
      ],
    });
    this.sigma = new Sigma<GNode, GEdge>(this.g, container, {
      allowInvalidContainer: true,
      defaultNodeType: "bordered",
      nodeProgramClasses: { bordered },
      defaultEdgeType: "line",
      // Relations are drawn by the focus overlay for focused ties only, and
      // ties are hit-tested by geometry (tieAt): sigma's edge labels and edge
      // picking cost every tie on every frame.
      renderEdgeLabels: false,
      enableEdgeEvents: false,
      zIndex: true,
      labelFont: "Inter, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
      labelSize: 12,
      labelWeight: "500",
      labelColor: { color: LABEL_COLORS.light },
      edgeLabelFont: "Inter, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
      edgeLabelSize: 11,
      edgeLabelColor: { color: EDGE_LABEL_COLORS.light },
      labelDensity: 0.8,
      labelGridCellSize: 70,
      labelRenderedSizeThreshold: 1,
      // Labels never overlap: each is drawn only where no label drawn before it
      // in this frame is (sigma's label grid alone lets long labels run into
      // their neighbours). Forced labels (you, search hits) have their room
      // claimed first, at beforeRender.
      defaultDrawNodeLabel: (ctx, data, settings) => {
        if (!data.label) return;
        const box = this.labelBox(ctx, data, settings);
        if (!data.forceLabel && !this.labelSpace.claim(box)) return;
        this.labelBoxes.push(box);
        this.labelled.push(data.key);
        drawDiscNodeLabel(ctx, data, settings);
      },
      // The hover box is white on both themes: its text stays dark.
      defaultDrawNodeHover: (ctx, data, settings) => drawDiscNodeHover(ctx, data, { ...settings, labelColor: { color: HOVER_LABEL_COLOR } }),
      minCameraRatio: 0.02,
      maxCameraRatio: 20,
      stagePadding: 40,
      zoomingRatio: ZOOM_STEP,
      nodeReducer: (id, data) => {
        const look = { ...data, ...nodeLook(id, data, this.state, this.degreeOf) };
        if (this.theme === "dark") {
          look.color = themed(look.color, "dark") ?? look.color;
          look.borderColor = themed(look.borderColor, "dark");
        }
        return look;
      },
      // Runs for every edge on each refresh (a filter, a search, a focus change): ends are read
      // only when the state needs them (reducers.ts edgeLook, plainEdges).
      edgeReducer: (id, data) => {
        if (plainEdges(this.state)) return { ...data, label: null, color: themed(data.color, this.theme) };
        const [s, t] = this.graph.extremities(id);
        const look = { ...data, ...edgeLook(id, data, s, t, this.state) };
        if (this.theme === "dark") look.color = themed(look.color, "dark") ?? look.color;
        return look;
      },
    });
    this.overlay = new FocusOverlay(this.sigma, {
      relation: (e) => this.graph.getEdgeAttribute(e, "relation"),
      strength: (e) => this.graph.getEdgeAttribute(e, "strength"),
      directed: (e) => this.graph.getEdgeAttribute(e, "directed"),
      edgeColor: (e) => {
        const m = this.state.changes?.ties.get(e);
        return m ? DIFF_COLORS[m] : (themed(HIGHLIGHT_EDGE_COLOR, this.theme) ?? HIGHLIGHT_EDGE_COLOR);
      },
      extremities: (e) => this.graph.extremities(e),
      handles: () => this.tieHandles(),
    });
    // Every node is hit within MIN_HIT_RADIUS_PX of its centre, however small
    // it is drawn (hit.ts): sigma's picking first, then nodeNear when it finds
    // nothing. Replacing the instance's method reaches every gesture sigma
    // picks a node for (hover, down, up, click, double and right click).
    const picker = this.sigma as unknown as { getNodeAtPosition(p: Point): string | null };
    const pick = picker.getNodeAtPosition.bind(this.sigma);
    picker.getNodeAtPosition = (p) => pick(p) ?? this.nodeNear(p);
    this.sigma.on("afterProcess", () => {
      this.hitGrid = null;
    });
    this.bindEvents();
    this.sigma.on("beforeRender", () => {
      if (!this.killed) this.anchorToContainer();
      this.claimForcedLabels();
      this.frameStart = performance.now();
    });
    this.sigma.on("afterRender", () => {
      this.segs = null;
      if (!this.rendered && this.graph.order > 0) {
        this.rendered = true;
        this.cb.onFirstRender(this.graph.order);
      }
      const start = this.frameStart;
      requestAnimationFrame(() => this.frameDone(performance.now() - start));
    });
    this.renderer = webglRendererOf(this.sigma);
    if (SOFTWARE_RENDERER.test(this.renderer)) this.shedWork();
    this.resizeObserver =
      typeof ResizeObserver === "function"
        ? new ResizeObserver(() => {
            if (!this.killed) this.resized();
          })
        : null;
    this.resizeObserver?.observe(container);
  }

  /**
   * resized: the container changed size (a side panel opened or closed, the
   * window was resized). The map stays put on screen (camera.ts): the graph
   * point at the top-left corner stays there at the same scale, and the
   * selected node is panned back into view if the new edge hid it. Drawn at
   * once (before the next paint), so positions read right after the resize
   * (a click, the test hook) are the ones on screen. A render, not a refresh:
   * re-running every reducer and sigma's process pass for a side panel that
   * opened cost ~130 ms of JS at 10k nodes; sigma's label grid keeps the old
   * size until the next process pass, which only shifts which labels it picks.
   */
  private resized(): void {
    if (this.anchorToContainer()) this.sigma.refresh({ partialGraph: { nodes: [] }, skipIndexation: true }); // a synchronous render, no reducer, no process pass
  }

  /**
   * anchorToContainer: if the container's size is not the one sigma drew at,
   * resize sigma with the anchored camera (resized); true when it did. Also
   * run at every beforeRender: sigma's render resizes by itself, with its
   * centred camera, and a render that came before the ResizeObserver's call
   * (a node added as its panel opens) jumped the map by half the panel.
   * Draws nothing itself.
   */
  private anchorToContainer(): boolean {
    const from = this.sigma.getDimensions();
    // (sigma keeps 1 px for a side of 0: allowInvalidContainer)
    const to = { width: this.container.offsetWidth || 1, height: this.container.offsetHeight || 1 };
    if (to.width === from.width && to.height === from.height) return false; // the observer's first call, or already done
    const camera = this.sigma.getCamera();
    const cam = camera.getState();
    // Only between two real sizes: a hidden map (0×0, sigma keeps 1×1) gets
    // sigma's own behaviour, the same camera, so it comes back as it was.
    const real = (d: { width: number; height: number }) => d.width >= MIN_ANCHORED_PX && d.height >= MIN_ANCHORED_PX;
    const anchored = real(from) && real(to) && this.graph.order > 0;
    const corner = anchored ? this.sigma.viewportToFramedGraph({ x: 0, y: 0 }) : null;
    const along = anchored ? this.sigma.viewportToFramedGraph({ x: ANCHOR_SPAN_PX, y: 0 }) : null;
    this.sigma.resize();
    if (corner && along) camera.setState(this.revealed(anchoredCamera(cam, corner, along, this.sigma.getDimensions(), this.projection())));
    return true;
  }

  /** projection: sigma's framed graph ↔ viewport px at the current container size, for any camera. */
  private projection(): Projection {
    return {
      toViewport: (p, c) => this.sigma.framedGraphToViewport(p, { cameraState: c }),
      toFramed: (v, c) => this.sigma.viewportToFramedGraph(v, { cameraState: c }),
    };
  }

  /**
   * revealed: `cam`, panned by the least that keeps the selected node (or the
   * extent of a multi-selection of up to MAX_REVEAL_NODES, where it fits)
   * REVEAL_MARGIN_PX inside the map.
   */
  private revealed(cam: CameraState): CameraState {
    const size = this.sigma.getDimensions();
    if (size.width < MIN_ANCHORED_PX || size.height < MIN_ANCHORED_PX) return cam; // a hidden map
    const sel = this.state.selectedNode;
    const ids = sel !== null ? [sel] : this.state.selectedNodes.size <= MAX_REVEAL_NODES ? [...this.state.selectedNodes] : [];
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const id of ids) {
      if (!this.graph.hasNode(id)) continue;
      const a = this.graph.getNodeAttributes(id);
      const p = this.sigma.graphToViewport({ x: a.x, y: a.y }, { cameraState: cam });
      x0 = Math.min(x0, p.x);
      y0 = Math.min(y0, p.y);
      x1 = Math.max(x1, p.x);
      y1 = Math.max(y1, p.y);
    }
    if (!Number.isFinite(x0) || !Number.isFinite(y0)) return cam;
    return panned(cam, revealBoxShift({ x: x0, y: y0, w: x1 - x0, h: y1 - y0 }, size, REVEAL_MARGIN_PX), size, this.projection());
  }

  /**
   * revealSelection: a node selected (or, once selected, arrived in the
   * mirror: a node just created) outside the map's visible part is panned
   * into view, drawn at once. The user's own pans are never undone: this runs
   * only when the selection or the map's size changes.
   */
  private revealSelection(): void {
    if (this.killed || this.camera().isAnimated()) return;
    const cam = this.camera().getState();
    const next = this.revealed(cam);
    if (next === cam) return;
    this.camera().setState(next);
    this.sigma.refresh({ partialGraph: { nodes: [] }, skipIndexation: true });
  }

  private camera() {
    return this.sigma.getCamera();
  }

  /** frameDone records one frame's cost and sheds work after SLOW_FRAMES slow ones in a row. */
  private frameDone(ms: number): void {
    this.lastFrameMs = ms;
    this.slowFrames = ms > SLOW_FRAME_MS ? this.slowFrames + 1 : 0;
    if (this.slowFrames >= SLOW_FRAMES && !this.shed && !this.killed) this.shedWork();
  }

  /**
   * shedWork: ties and labels are not drawn while the camera moves (pan,
   * zoom, animation) and layout positions are drawn at most every 500 ms.
   */
  private shedWork(): void {
    this.shed = true;
    this.sigma.setSetting("hideEdgesOnMove", true);
    this.sigma.setSetting("hideLabelsOnMove", true);
    // sigma draws the last frame of a camera animation (a fit after an
    // import, a zoom button) while it still counts as moving, and then no
    // other: ties and labels stayed away until the next gesture. Once the
    // camera has been still for SETTLED_MS, one more frame draws them.
    this.camera().on("updated", () => {
      if (this.settleTimer) clearTimeout(this.settleTimer);
      this.settleTimer = setTimeout(() => {
        this.settleTimer = null;
        if (!this.killed && !this.camera().isAnimated()) this.sigma.scheduleRender();
      }, SETTLED_MS);
    });
  }

  private settleTimer: ReturnType<typeof setTimeout> | null = null;

  /** shedding: the view draws less (software rendering or slow frames). */
  get shedding(): boolean {
    return this.shed;
  }

  /** the graph sigma draws (replaced once, by the first load: see setSnapshot) */
  get graph(): PlexusGraph {
    return this.g;
  }

  get ready(): boolean {
    return this.rendered;
  }

  get ego(): string {
    return this.egoId;
  }

  // ---- data ---------------------------------------------------------------

  /**
   * setSnapshot mirrors the backend's network; the camera stays where it is.
   * exact: draw every position as given (the past), not the ones a drag or
   * the running layout holds.
   */
  setSnapshot(snap: NetworkSnapshot, opts: { exact?: boolean; patch?: SnapshotPatch | null } = {}): void {
    this.egoId = snap.ego;
    const running = this.layout?.isRunning() ?? false;
    const gs = this.gesture;
    const dragging = gs.kind === "drag" ? new Set([gs.node, ...gs.group.map((m) => m.id)]) : null;
    const hadSelected = this.state.selectedNode !== null && this.g.hasNode(this.state.selectedNode);
    for (const n of snap.nodes) {
      // A saved position arrived: the drag is confirmed.
      // (the position it was moved to came back; a save that failed or was
      // taken back lets go after PENDING_MOVE_MS)
      const m = this.pendingMoves.get(n.id);
      if (m && ((n.x === m.x && n.y === m.y) || Date.now() > m.until)) this.pendingMoves.delete(n.id);
    }
    const sync = {
      keepPosition: (id: string, pinned: boolean) => !opts.exact && ((running && !pinned) || dragging?.has(id) === true || this.pendingMoves.has(id)),
    };
    // A patch of the snapshot drawn now touches only its rows; anything else is a whole sync.
    const p = opts.patch;
    let stats;
    if (this.g.order === 0 && !p) {
      // The first load: built apart and handed to sigma whole (one index, one
      // render), not node by node through sigma's graph listeners.
      const g = newGraph();
      stats = syncGraph(g, snap, sync);
      this.g = g;
      if (!this.hasBBox) this.fit(false);
      this.sigma.setGraph(g);
    } else {
      stats = p && !opts.exact && p.base === this.synced && snap.ego === this.egoId ? syncPatch(this.g, snap.ego, p.sub, sync) : syncGraph(this.g, snap, sync);
      if (!this.hasBBox) this.fit(false);
    }
    this.synced = snap;
    const sel = this.state.selectedNode;
    const arrived = sel !== null && !hadSelected && this.graph.hasNode(sel);
    for (const id of dragging ?? []) if (this.graph.hasNode(id)) this.graph.setNodeAttribute(id, "fixed", true);
    if (running && stats.addedNodes + stats.droppedNodes + stats.addedEdges + stats.droppedEdges > 0) this.restartLayout();
    this.updateFocus();
    if (arrived) this.revealSelection();
    // Selection of something that no longer exists is cleared by the caller.
  }

  /** setReadOnly switches the editing gestures off (drag, connect, double-click create) or on again. */
  setReadOnly(readOnly: boolean): void {
    this.readOnly = readOnly;
    if (readOnly && this.gesture.kind !== "idle") {
      if (this.gesture.kind === "connect") {
        this.cb.onConnectPreview(null);
        this.setVisual({ connectFrom: null });
      }
      if (this.gesture.kind === "box") this.cb.onBoxPreview(null);
      this.gesture = { kind: "idle" };
    }
  }

  get isReadOnly(): boolean {
    return this.readOnly;
  }

  hasNode(id: string): boolean {
    return this.graph.hasNode(id);
  }

  hasEdge(id: string): boolean {
    return this.graph.hasEdge(id);
  }

  // ---- transient visuals --------------------------------------------------

  /**
   * setVisual changes what is drawn. Hover and selection (FOCUS_KEYS) redraw
   * only the focus overlay; the kind filter, search hits and change marks go
   * through sigma's reducers (one render). Values that did not change do
   * nothing.
   */
  setVisual(patch: Partial<VisualState>): void {
    const prev = this.state;
    const next = { ...this.state, ...patch };
    const changed = (Object.keys(patch) as (keyof VisualState)[]).filter((k) => next[k] !== this.state[k]);
    if (changed.length === 0) return;
    this.state = next;
    const focusOnly = changed.every((k) => (FOCUS_KEYS as readonly string[]).includes(k));
    if (!focusOnly) {
      const partial = changed.every((k) => PARTIAL_KEYS.includes(k)) ? this.partialRefresh(prev, next) : null;
      if (partial) {
        try {
          // A node shown again needs sigma's process pass (label grid, program buffers), not the reducers over the whole graph.
          this.sigma.refresh({ partialGraph: { nodes: partial.nodes, edges: partial.edges }, skipIndexation: !partial.reindex });
          this.refreshes.partial++;
        } catch {
          // a node sigma has not processed yet (just added): the whole graph, as before
          this.sigma.refresh({ skipIndexation: true });
          this.refreshes.full++;
        }
      } else {
        this.sigma.refresh({ skipIndexation: true });
        this.refreshes.full++;
      }
    }
    this.updateFocus();
    if (changed.includes("selectedNode") || changed.includes("selectedNodes")) this.revealSelection();
  }

  /**
   * setTheme draws the map for a light or dark stage (the stage background is
   * CSS: GraphCanvas's --canvas): label colour, the map's greys and the
   * ego; kind colours are unchanged. One full refresh; the same theme does nothing.
   */
  setTheme(theme: MapTheme): void {
    if (theme === this.theme || this.killed) return;
    this.theme = theme;
    this.sigma.setSetting("labelColor", { color: LABEL_COLORS[theme] });
    this.sigma.setSetting("edgeLabelColor", { color: EDGE_LABEL_COLORS[theme] });
    this.sigma.refresh({ skipIndexation: true });
    this.refreshes.full++;
    this.updateFocus();
  }

  /** how many view-state changes redrew the whole graph, and how many only what changed (tests, benchmarks) */
  readonly refreshes = { full: 0, partial: 0 };

  /**
   * partialRefresh lists what a filter or activity change redraws: the nodes
   * whose look changed (hidden or shown again, or their activity), and the
   * ties of those hidden or shown (sigma's edge programs read their ends'
   * hidden flag). reindex: a node comes back into view, so sigma's process
   * pass must run (its label grid only knows the nodes visible at its last
   * pass; without it a node shown again would never get its label back) —
   * still without re-running the reducers over the whole graph. null means
   * redraw everything: more than half the graph changed. Cost: O(nodes) to
   * compare, then the changed nodes and their ties (and, when reindexing,
   * sigma's O(nodes + ties) process pass) instead of the whole graph's reducers.
   */
  private partialRefresh(prev: VisualState, next: VisualState): { nodes: string[]; edges: string[]; reindex: boolean } | null {
    const nodes: string[] = [];
    const edges = new Set<string>();
    let reindex = false;
    const activityChanged = prev.activity !== next.activity;
    this.graph.forEachNode((id, a) => {
      const was = isNodeHidden(id, a, prev);
      const is = isNodeHidden(id, a, next);
      if (was !== is) {
        if (was) reindex = true;
        nodes.push(id);
        this.graph.forEachEdge(id, (e) => {
          edges.add(e);
        });
      } else if (!is && activityChanged && !sameLook(prev.activity?.get(id), next.activity?.get(id))) nodes.push(id);
    });
    if (nodes.length > this.graph.order / 2) return null;
    return { nodes, edges: [...edges], reindex };
  }

  get visual(): Readonly<VisualState> {
    return this.state;
  }

  /** setFilters changes which alters are drawn (one render; filters.ts). */
  setFilters(filters: Filters): void {
    this.setVisual({ filters });
  }

  /** setActivity gives the journal's activity by alter (effective status, due, interactions; one render), or null. */
  setActivity(activity: ReadonlyMap<string, ActivityLook> | null): void {
    this.setVisual({ activity });
  }

  /** setEncoding changes what colour and size say (one render; encoding.ts). */
  setEncoding(encoding: Encoding): void {
    this.setVisual({ encoding });
  }

  /** degreeOf: an alter's ties to other alters (its ego tie not counted); O(1) in graphology. */
  private readonly degreeOf = (id: string): number => {
    if (!this.graph.hasNode(id)) return 0;
    return this.graph.degree(id) - (this.graph.hasEdge(egoEdgeKey(id)) ? 1 : 0);
  };

  private updateFocus(): void {
    this.overlay.hovered = this.state.hoveredNode;
    this.overlay.set(computeFocus(this.graph, this.state, (id, a) => isNodeHidden(id, a, this.state)));
  }

  /**
   * tieAt returns the drawn tie nearest to a viewport point (within
   * TIE_HIT_PX plus half its width), or null: the hit-test that replaces
   * sigma's edge picking. The segments are computed once per frame.
   */
  tieAt(p: Point): string | null {
    const s = this.sigma;
    if (!this.segs) {
      const segs: number[] = [];
      const ids: string[] = [];
      this.graph.forEachEdge((id, _a, source, target) => {
        const ed = s.getEdgeDisplayData(id);
        const sd = s.getNodeDisplayData(source);
        const td = s.getNodeDisplayData(target);
        if (!ed || !sd || !td || ed.hidden || sd.hidden || td.hidden) return;
        const a = s.framedGraphToViewport(sd);
        const b = s.framedGraphToViewport(td);
        segs.push(a.x, a.y, b.x, b.y);
        ids.push(id);
      });
      this.segs = Float32Array.from(segs);
      this.segIds = ids;
    }
    const i = nearestSegment(p, this.segs, TIE_HIT_PX + 2);
    return i < 0 ? null : (this.segIds[i] ?? null);
  }

  /** nodes' framed graph positions (sigma's display data) in a grid, rebuilt after sigma re-processes the graph */
  private hitGrid: { grid: PointGrid; ids: string[] } | null = null;

  /**
   * nodeNear: the drawn node nearest to a viewport point within
   * max(its drawn radius, MIN_HIT_RADIUS_PX), or null (hit.ts nodeAt). The
   * grid is in framed graph coordinates, which only sigma's process pass
   * changes (not the camera), so it is built at most once per process pass,
   * on the first pointer that needs it (O(nodes)); a query visits the
   * nodes within MIN_HIT_RADIUS_PX only.
   */
  nodeNear(p: Point): string | null {
    const s = this.sigma;
    if (!this.hitGrid) {
      const ids: string[] = [];
      const xs: number[] = [];
      const ys: number[] = [];
      this.graph.forEachNode((id) => {
        const d = s.getNodeDisplayData(id);
        if (!d) return;
        ids.push(id);
        xs.push(d.x);
        ys.push(d.y);
      });
      this.hitGrid = { grid: new PointGrid(xs, ys), ids };
    }
    const { grid, ids } = this.hitGrid;
    const q = s.viewportToFramedGraph(p);
    const o = s.framedGraphToViewport({ x: 0, y: 0 });
    const u = s.framedGraphToViewport({ x: 1, y: 0 });
    const pxPerUnit = Math.hypot(u.x - o.x, u.y - o.y);
    if (!(pxPerUnit > 0)) return null;
    const near: HitNode[] = [];
    for (const i of grid.near(q.x, q.y, MIN_HIT_RADIUS_PX / pxPerUnit)) {
      const id = ids[i]!;
      const d = s.getNodeDisplayData(id);
      if (!d || d.hidden) continue;
      const v = s.framedGraphToViewport(d);
      near.push({ id, x: v.x, y: v.y, r: s.scaleSize(d.size) });
    }
    return nodeAt(p, near);
  }

  // ---- camera -------------------------------------------------------------

  zoomIn(): void {
    void this.sigma.getCamera().animatedZoom({ factor: ZOOM_STEP, duration: 200 });
  }

  zoomOut(): void {
    void this.sigma.getCamera().animatedUnzoom({ factor: ZOOM_STEP, duration: 200 });
  }

  /** fit frames every visible node. */
  fit(animate = true): void {
    const pts: Point[] = [];
    this.graph.forEachNode((id, a) => {
      if (a.ego || !isNodeHidden(id, a, this.state)) pts.push({ x: a.x, y: a.y });
    });
    this.sigma.setCustomBBox(fitBBox(pts));
    this.hasBBox = true;
    const cam = this.sigma.getCamera();
    // The animation's frames count as "moving" (a shedding view leaves ties and
    // labels out of them), and from a camera already there sigma draws no
    // other frame: one more when it ends.
    if (animate) void cam.animatedReset({ duration: 250 }).then(() => !this.killed && this.sigma.scheduleRender());
    else cam.setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
    // A new bounding box needs sigma's process pass (normalisation), not its reducers again.
    this.sigma.refresh({ partialGraph: { nodes: [] }, skipIndexation: false, schedule: true });
  }

  /**
   * cameraView: where the camera looks, for a saved view: the point at the
   * centre of the canvas in graph coordinates (node positions), and sigma's
   * ratio (1 = the fitted map) and angle (radians).
   */
  cameraView(): CameraState {
    const cam = this.camera().getState();
    const { width, height } = this.sigma.getDimensions();
    const p = this.sigma.viewportToGraph({ x: width / 2, y: height / 2 });
    return { x: p.x, y: p.y, ratio: cam.ratio, angle: cam.angle };
  }

  /**
   * showCamera: frames what is visible now (fit), then moves the camera so
   * that graph point (x, y) is at the centre, at ratio and angle — the
   * inverse of cameraView. The fit's new bounding box is processed by
   * sigma's next frame, so the move happens after it.
   */
  async showCamera(cv: CameraState, animate = true): Promise<void> {
    this.fit(false);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    if (this.killed) return;
    const reset = { x: 0.5, y: 0.5, ratio: 1, angle: 0 };
    const vp = this.sigma.graphToViewport({ x: cv.x, y: cv.y }, { cameraState: reset });
    const f = this.sigma.viewportToFramedGraph(vp, { cameraState: reset });
    const next = { x: f.x, y: f.y, ratio: cv.ratio, angle: cv.angle };
    if (animate) await this.camera().animate(next, { duration: 250 });
    else this.camera().setState(next);
    if (!this.killed) this.sigma.scheduleRender();
  }

  /**
   * noneOnScreen: some of these nodes are drawn (in the graph, not filtered
   * off) and none of them is inside the canvas. False when none is drawn at
   * all: there is nothing to frame.
   */
  noneOnScreen(ids: readonly string[]): boolean {
    const { width, height } = this.sigma.getDimensions();
    let drawn = false;
    for (const id of ids) {
      if (!this.graph.hasNode(id)) continue;
      const a = this.graph.getNodeAttributes(id);
      if (!a.ego && isNodeHidden(id, a, this.state)) continue;
      drawn = true;
      const p = this.sigma.graphToViewport({ x: a.x, y: a.y });
      if (p.x >= 0 && p.y >= 0 && p.x <= width && p.y <= height) return false;
    }
    return drawn;
  }

  /**
   * tieHandles: the selected tie's end handles (viewport px, focus.ts
   * tieHandles), or null (no real tie selected, read-only, an end hidden, or
   * the tie too short on screen).
   */
  tieHandles(): { tie: string; from: Point; to: Point } | null {
    const t = this.state.selectedEdge;
    if (t === null || this.readOnly || isEgoEdgeKey(t) || !this.graph.hasEdge(t)) return null;
    const s = this.sigma;
    const [a, b] = this.graph.extremities(t);
    const da = s.getNodeDisplayData(a);
    const db = s.getNodeDisplayData(b);
    if (!da || !db || da.hidden || db.hidden) return null;
    const pa = s.framedGraphToViewport(da);
    const pb = s.framedGraphToViewport(db);
    const h = tieHandles({ ...pa, r: s.scaleSize(da.size) }, { ...pb, r: s.scaleSize(db.size) });
    return h ? { tie: t, ...h } : null;
  }

  /** handleAt: the selected tie's end handle within HANDLE_HIT_PX of p, if any. */
  private handleAt(p: Point): { tie: string; end: "from" | "to" } | null {
    const h = this.tieHandles();
    if (!h) return null;
    const df = Math.hypot(p.x - h.from.x, p.y - h.from.y);
    const dt = Math.hypot(p.x - h.to.x, p.y - h.to.y);
    if (Math.min(df, dt) > HANDLE_HIT_PX) return null;
    return { tie: h.tie, end: df <= dt ? "from" : "to" };
  }

  /** viewportPosition: where a node is drawn, in px relative to the canvas. */
  viewportPosition(id: string): Point | null {
    if (!this.graph.hasNode(id)) return null;
    const a = this.graph.getNodeAttributes(id);
    return this.sigma.graphToViewport({ x: a.x, y: a.y });
  }

  viewportToGraph(p: Point): Point {
    return this.sigma.viewportToGraph(p);
  }

  // ---- layout -------------------------------------------------------------

  get layoutRunning(): boolean {
    return this.layout?.isRunning() ?? false;
  }

  /** layoutSteps counts the ForceAtlas2 iterations applied since the layout last started. */
  get layoutIterations(): number {
    return this.layoutSteps;
  }

  /** layoutCopyMs: how often layout positions reach the drawn graph (each copy is one render of the whole graph). */
  get layoutCopyMs(): number {
    // The main thread is busy drawing at most ~1/5 of the time, so the worker (which waits for
    // it between iterations) keeps ≥ 80 % of its own speed. In software rendering the frame's
    // cost is mostly outside the main thread (the GPU process rasterises on the same cores as
    // the worker), so the floor grows with the ties drawn: 1 ms per 5 ties.
    const floor = this.shed ? Math.max(500, this.g.size / 5) : 100;
    return Math.min(10_000, Math.max(floor, 5 * this.lastFrameMs));
  }

  startLayout(autoStopMs = LAYOUT_AUTOSTOP_MS): void {
    if (this.layoutRunning || this.graph.order < 2 || this.readOnly) return;
    const nodes: { id: string; x: number; y: number; fixed: boolean }[] = [];
    this.graph.forEachNode((id, a) => nodes.push({ id, x: a.x, y: a.y, fixed: a.fixed }));
    for (const [id, p] of spreadCoincident(nodes)) this.graph.mergeNodeAttributes(id, p);
    // The worker moves a copy: applying a step to the drawn graph would make
    // sigma re-process it, and the worker waits for each step to be applied.
    const lg = new Graph<LayoutNode, LayoutEdge>({ multi: true, type: "mixed", allowSelfLoops: false });
    this.graph.forEachNode((id, a) => lg.addNode(id, { x: a.x, y: a.y, fixed: a.fixed }));
    this.graph.forEachEdge((id, a, source, target) => {
      if (this.graph.isDirected(id)) lg.addDirectedEdgeWithKey(id, source, target, { weight: a.weight });
      else lg.addUndirectedEdgeWithKey(id, source, target, { weight: a.weight });
    });
    this.layoutGraph = lg;
    this.layoutSteps = 0;
    lg.on("eachNodeAttributesUpdated", () => this.layoutSteps++);
    const inferred = forceAtlas2.inferSettings(lg);
    this.layout = new FA2LayoutSupervisor(lg, {
      getEdgeWeight: "weight",
      // scalingRatio puts neighbours ~50–100 units apart: the same scale as
      // nodes placed by hand (an empty map spans MIN_SPAN = 200 units).
      settings: { ...inferred, scalingRatio: 150, gravity: 1, barnesHutOptimize: lg.order > 400 },
    });
    this.layout.start();
    this.layoutTimer = setTimeout(() => this.stopLayout(), autoStopMs);
    this.scheduleLayoutCopy();
    this.cb.onLayoutRunning(true);
  }

  private scheduleLayoutCopy(): void {
    this.layoutCopyTimer = setTimeout(() => {
      this.layoutCopyTimer = null;
      if (!this.layout) return;
      this.copyLayoutPositions();
      this.scheduleLayoutCopy();
    }, this.layoutCopyMs);
  }

  /** copyLayoutPositions draws the layout's current positions (pinned nodes never move). */
  private copyLayoutPositions(): void {
    const lg = this.layoutGraph;
    if (!lg) return;
    this.graph.updateEachNodeAttributes(
      (id, a) => {
        if (a.fixed || !lg.hasNode(id)) return a;
        const p = lg.getNodeAttributes(id);
        if (Number.isFinite(p.x) && Number.isFinite(p.y)) {
          a.x = p.x;
          a.y = p.y;
        }
        return a;
      },
      { attributes: ["x", "y"] },
    );
  }

  /** restartLayout: the graph's structure changed under the running layout; go on from where it is. */
  private restartLayout(): void {
    const left = this.layoutTimer ? LAYOUT_AUTOSTOP_MS : 0;
    this.copyLayoutPositions();
    this.killLayout();
    this.layout = null;
    if (left > 0) this.startLayout();
  }

  /** stopLayout stops the worker and hands every moved (unpinned) position to onLayoutStopped, once. */
  stopLayout(): void {
    if (!this.layout) return;
    this.copyLayoutPositions();
    this.killLayout();
    this.cb.onLayoutRunning(false);
    const ps: Position[] = [];
    this.graph.forEachNode((id, a) => {
      if (!a.fixed && Number.isFinite(a.x) && Number.isFinite(a.y)) ps.push({ id, x: a.x, y: a.y, pinned: false });
    });
    if (ps.length > 0) this.cb.onLayoutStopped(ps);
  }

  private killLayout(): void {
    if (this.layoutTimer) clearTimeout(this.layoutTimer);
    this.layoutTimer = null;
    if (this.layoutCopyTimer) clearTimeout(this.layoutCopyTimer);
    this.layoutCopyTimer = null;
    this.layout?.kill();
    this.layout = null;
    this.layoutGraph = null;
  }

  // ---- gestures -----------------------------------------------------------

  private bindEvents(): void {
    const s = this.sigma;

    s.on("enterNode", ({ node }) => {
      this.container.style.cursor = "pointer";
      this.setVisual({ hoveredNode: node, hoveredEdge: null });
    });
    s.on("leaveNode", () => {
      this.container.style.cursor = "";
      this.setVisual({ hoveredNode: null });
    });
    // The pointer left the canvas (for the toolbar, a panel): no tie is hovered any more.
    s.on("leaveStage", () => {
      if (this.state.hoveredEdge === null) return;
      if (this.state.hoveredNode === null) this.container.style.cursor = "";
      this.setVisual({ hoveredEdge: null });
    });

    s.on("downNode", (e) => {
      this.suppressClickUntil = 0; // a new press: its own click is not the end of the last gesture
      const orig = e.event.original;
      if (orig instanceof MouseEvent && orig.button !== 0) return;
      if (this.readOnly) return; // the camera pans as from empty canvas
      if (orig.shiftKey && !(orig.ctrlKey || orig.metaKey)) {
        this.gesture = { kind: "connect", from: e.node };
        this.setVisual({ connectFrom: e.node });
        this.container.style.cursor = "crosshair";
      } else {
        const resumeLayout = this.layoutRunning;
        if (resumeLayout) this.killLayout();
        this.gesture = { kind: "drag", node: e.node, moved: false, travelled: false, resumeLayout, start: { x: e.event.x, y: e.event.y }, group: this.dragGroup(e.node) };
        this.container.style.cursor = "grabbing";
      }
      e.preventSigmaDefault();
    });

    // Shift or Ctrl/Cmd + press on empty canvas: a selection box instead of a pan.
    // A plain press on a selected tie's end handle: re-target that end.
    s.on("downStage", (e) => {
      this.suppressClickUntil = 0;
      const orig = e.event.original;
      if (this.readOnly || !(orig instanceof MouseEvent) || orig.button !== 0) return;
      const end = orig.shiftKey || orig.ctrlKey || orig.metaKey ? null : this.handleAt(e.event);
      if (end) {
        const [from, to] = this.graph.extremities(end.tie);
        this.gesture = { kind: "retarget", tie: end.tie, end: end.end, keep: end.end === "from" ? to : from };
        this.container.style.cursor = "crosshair";
        e.preventSigmaDefault();
        return;
      }
      if (!(orig.shiftKey || orig.ctrlKey || orig.metaKey)) return;
      const p = { x: e.event.x, y: e.event.y };
      this.gesture = { kind: "box", start: p, end: p };
      this.container.style.cursor = "crosshair";
      e.preventSigmaDefault();
    });

    s.on("moveBody", ({ event }) => {
      const g = this.gesture;
      if (g.kind === "idle") {
        if (this.state.selectedEdge !== null && this.state.hoveredNode === null && this.handleAt(event)) {
          this.container.style.cursor = "grab";
          return;
        }
        this.hoverTie(event);
        return;
      }
      event.preventSigmaDefault();
      event.original.preventDefault();
      event.original.stopPropagation();
      if (g.kind === "drag") {
        if (!g.travelled && Math.hypot(event.x - g.start.x, event.y - g.start.y) < 3) return;
        g.travelled = true;
        if (this.graph.getNodeAttribute(g.node, "ego")) return; // the ego stays at the centre
        g.moved = true;
        const p = s.viewportToGraph(event);
        this.graph.mergeNodeAttributes(g.node, { x: p.x, y: p.y, fixed: true });
        for (const m of g.group) {
          if (this.graph.hasNode(m.id)) this.graph.mergeNodeAttributes(m.id, { x: p.x + m.dx, y: p.y + m.dy, fixed: true });
        }
      } else if (g.kind === "box") {
        g.end = { x: event.x, y: event.y };
        this.cb.onBoxPreview(rectOf(g.start, g.end));
      } else {
        const from = this.viewportPosition(g.kind === "connect" ? g.from : g.keep);
        if (from) this.cb.onConnectPreview({ from, to: { x: event.x, y: event.y } });
      }
    });

    const finish = (target: string | null, at: Point) => {
      const g = this.gesture;
      this.gesture = { kind: "idle" };
      this.container.style.cursor = target ? "pointer" : "";
      if (g.kind === "drag") {
        // A press that travelled is no click (on the ego, which does not move, the release would be a click on empty canvas).
        if (g.travelled) this.suppressClickUntil = Date.now() + 400;
        if (g.moved) {
          const moved: { id: string; x: number; y: number }[] = [];
          for (const id of [g.node, ...g.group.map((m) => m.id)]) {
            if (!this.graph.hasNode(id)) continue;
            const a = this.graph.getNodeAttributes(id);
            this.pendingMoves.set(id, { x: a.x, y: a.y, until: Date.now() + PENDING_MOVE_MS });
            moved.push({ id, x: a.x, y: a.y });
          }
          this.cb.onDragEnd(moved);
        }
        if (g.resumeLayout) this.startLayout();
      } else if (g.kind === "box") {
        this.cb.onBoxPreview(null);
        const r = rectOf(g.start, g.end);
        if (isBox(r)) {
          this.suppressClickUntil = Date.now() + 400;
          this.cb.onBoxSelect(this.alterIdsIn(r));
        }
      } else if (g.kind === "connect") {
        this.suppressClickUntil = Date.now() + 400;
        this.cb.onConnectPreview(null);
        this.setVisual({ connectFrom: null });
        this.cb.onConnect(g.from, target, at);
      } else if (g.kind === "retarget") {
        this.suppressClickUntil = Date.now() + 400;
        this.cb.onConnectPreview(null);
        this.cb.onRetarget(g.tie, g.end, target);
      }
    };
    s.on("upNode", (e) => finish(e.node, { x: e.event.x, y: e.event.y }));
    s.on("upStage", (e) => finish(null, { x: e.event.x, y: e.event.y }));
    // Released outside the canvas: sigma's captor only reports ups that began inside it.
    this.onDocUp = () => {
      if (this.gesture.kind !== "idle") finish(null, { x: 0, y: 0 });
    };
    document.addEventListener("mouseup", this.onDocUp);

    const nodeClick = (e: { node: string; event: { original: MouseEvent | TouchEvent } }) => {
      if (Date.now() < this.suppressClickUntil) return;
      const o = e.event.original;
      if (o.ctrlKey || o.metaKey) {
        if (!this.readOnly) this.cb.onNodeToggle(e.node);
        return;
      }
      if (o.shiftKey) return;
      this.cb.onNodeClick(e.node);
    };
    s.on("clickNode", nodeClick);
    // sigma pairs any two clicks within 300 ms into a double click, wherever
    // they were (a click on the map, then a quick double click elsewhere
    // opened the quick form under the first click of the pair, and the second
    // took its focus away). A double click here is two stage clicks near each
    // other in time and place, whichever of the two events sigma sent.
    const menu = (target: MenuTarget, e: { event: { x: number; y: number; original: MouseEvent | TouchEvent }; preventSigmaDefault(): void }) => {
      e.preventSigmaDefault();
      e.event.original.preventDefault();
      if (this.gesture.kind !== "idle") return;
      this.cb.onContextMenu(target, { x: e.event.x, y: e.event.y });
    };
    s.on("rightClickNode", (e) => menu({ kind: "node", id: e.node }, e));
    s.on("rightClickStage", (e) => {
      const tie = this.tieAt(e.event);
      menu(tie ? { kind: "tie", id: tie } : { kind: "stage", graph: this.sigma.viewportToGraph(e.event) }, e);
    });
    s.on("clickStage", (e) => this.stageClick(e, false));
    s.on("doubleClickStage", (e) => this.stageClick(e, true));
    // sigma sends the second of any two clicks within 300 ms as a double click
    // instead of a click, wherever each was: Ctrl-clicking two nodes quickly
    // (or one twice, in and out again) is two clicks here. A double click on a
    // node does nothing more than its two clicks.
    s.on("doubleClickNode", (e) => {
      e.preventSigmaDefault();
      nodeClick(e);
    });
  }

  /** stageClick: one click on empty canvas (sigma's doubleClickStage is a click too: fromSigmaDouble). */
  private stageClick(e: { event: { x: number; y: number }; preventSigmaDefault(): void }, fromSigmaDouble: boolean): void {
    const now = Date.now();
    const p = { x: e.event.x, y: e.event.y };
    const last = this.lastStageClick;
    const double = last !== null && now - last.t < DOUBLE_CLICK_MS && Math.hypot(p.x - last.x, p.y - last.y) < DOUBLE_CLICK_PX;
    this.lastStageClick = double ? null : { ...p, t: now };
    // sigma's default for a double click is a zoom: only for a real one on a read-only map.
    if (fromSigmaDouble && !(double && this.readOnly)) e.preventSigmaDefault();
    if (double) this.stageDoubleClick(p);
    else this.stageSingleClick(p);
  }

  private stageSingleClick(p: Point): void {
    if (Date.now() < this.suppressClickUntil) return;
    // The second click of a double click on a tie: the first opened it (and its
    // panel may have moved the map under the pointer, so nothing is hit-tested).
    const near = Math.hypot(p.x - this.tieClickPos.x, p.y - this.tieClickPos.y) < 6;
    if (near && Date.now() - this.tieClickedAt < TIE_DOUBLE_CLICK_MS) return;
    const tie = this.tieAt(p);
    this.tieClickedAt = tie ? Date.now() : 0;
    this.tieClickPos = p;
    if (tie) this.cb.onEdgeClick(tie);
    else this.cb.onStageClick();
  }

  private stageDoubleClick(p: Point): void {
    // The first click opened the tie's panel, which may have moved the map
    // under the pointer: a double click that began on a tie stays on it
    // (each click opens it; the double click does nothing more).
    if (Date.now() - this.tieClickedAt < TIE_DOUBLE_CLICK_MS || this.tieAt(p)) return;
    if (this.readOnly) return; // sigma's default: zoom in
    this.cb.onStageDoubleClick(p, this.sigma.viewportToGraph(p));
  }

  /** the room taken by the labels drawn in this frame (defaultDrawNodeLabel) */
  private labelSpace = new LabelSpace();
  /** the label boxes drawn in the last frame (viewport px), for the test hook */
  labelBoxes: Box[] = [];
  /** the nodes whose labels sigma drew in the last frame, for the test hook */
  labelled: string[] = [];
  /** the stage's theme (setTheme): what an exported image's legend is drawn for */
  get mapTheme(): MapTheme {
    return this.theme;
  }
  /** the relation and neighbour label boxes the focus overlay drew last (viewport px), for the test hook */
  get overlayLabelBoxes(): readonly Box[] {
    return this.overlay.labelBoxes;
  }
  /** label text → its width at sigma's label font */
  private readonly labelWidths = new Map<string, number>();

  /** labelBox: where sigma's drawDiscNodeLabel puts a label (viewport px): right of the disc, centred on it. */
  private labelBox(ctx: CanvasRenderingContext2D, d: { x: number; y: number; size: number; label?: string | null }, settings: { labelSize: number; labelWeight: string; labelFont: string }): Box {
    const text = d.label ?? "";
    let w = this.labelWidths.get(text);
    if (w === undefined) {
      ctx.font = `${settings.labelWeight} ${settings.labelSize}px ${settings.labelFont}`;
      w = ctx.measureText(text).width;
      if (this.labelWidths.size > 20_000) this.labelWidths.clear();
      this.labelWidths.set(text, w);
    }
    return { x: d.x + d.size + 3, y: d.y - settings.labelSize / 2 - 1, w, h: settings.labelSize + 2 };
  }

  /** claimForcedLabels: a new frame's label room, with the forced labels' (you, up to 500 search hits) taken first. */
  private claimForcedLabels(): void {
    this.labelSpace = new LabelSpace();
    this.labelBoxes = [];
    this.labelled = [];
    const s = this.sigma;
    const ctx = s.getCanvases().labels?.getContext("2d");
    if (!ctx) return;
    const settings = s.getSettings();
    const forced = [this.egoId, ...[...(this.state.searchHits ?? [])].slice(0, 500)];
    for (const id of forced) {
      if (!id || !this.graph.hasNode(id)) continue;
      const d = s.getNodeDisplayData(id);
      if (!d || d.hidden || !d.label) continue;
      const p = s.framedGraphToViewport(d);
      this.labelSpace.claim(this.labelBox(ctx, { x: p.x, y: p.y, size: s.scaleSize(d.size), label: d.label }, settings));
    }
  }

  /** dragGroup: the other nodes a drag of id moves with it (the rest of the multi-selection it is part of; never the ego), as offsets from id. */
  private dragGroup(id: string): { id: string; dx: number; dy: number }[] {
    const sel = this.state.selectedNodes;
    if (!sel.has(id) || sel.size < 2) return [];
    const a = this.graph.getNodeAttributes(id);
    const out: { id: string; dx: number; dy: number }[] = [];
    for (const m of sel) {
      if (m === id || !this.graph.hasNode(m)) continue;
      const b = this.graph.getNodeAttributes(m);
      if (b.ego) continue;
      out.push({ id: m, dx: b.x - a.x, dy: b.y - a.y });
    }
    return out;
  }

  /** alterIdsIn lists the drawn (not filtered out) alters whose centre is inside r (viewport px). Cost: every node. */
  alterIdsIn(r: Rect): string[] {
    const s = this.sigma;
    const pts: [string, number, number][] = [];
    this.graph.forEachNode((id, a) => {
      if (a.ego || isNodeHidden(id, a, this.state)) return;
      const d = s.getNodeDisplayData(id);
      if (!d || d.hidden) return;
      const p = s.framedGraphToViewport(d);
      pts.push([id, p.x, p.y]);
    });
    return inRect(pts, r);
  }

  /** neighbourToward: the drawn neighbour of id (by a tie or an ego tie) most nearly in the arrow's direction on screen (nav.ts), or null. */
  neighbourToward(id: string, arrow: Arrow): string | null {
    if (!this.graph.hasNode(id)) return null;
    const from = this.viewportPosition(id);
    if (!from) return null;
    const cands: { id: string; x: number; y: number }[] = [];
    this.graph.forEachNeighbor(id, (n, a) => {
      if (isNodeHidden(n, a, this.state)) return;
      const p = this.viewportPosition(n);
      if (p) cands.push({ id: n, x: p.x, y: p.y });
    });
    return neighbourToward(from, cands, arrow);
  }

  /**
   * freeSpot: a viewport point near `vp` with no drawn node within
   * FREE_SPOT_PX (tried along a spiral out from vp, FREE_SPOT_PX apart), so a
   * node made there is not put on top of another (the ego sits in the
   * middle). vp itself when nothing is near, or when no spot is free.
   */
  freeSpot(vp: Point): Point {
    const pts: Point[] = [];
    this.graph.forEachNode((id, a) => {
      if (isNodeHidden(id, a, this.state)) return;
      const p = this.viewportPosition(id);
      if (p) pts.push(p);
    });
    const free = (q: Point) => pts.every((p) => Math.hypot(p.x - q.x, p.y - q.y) >= FREE_SPOT_PX);
    for (let i = 0; i < 40; i++) {
      const r = i === 0 ? 0 : FREE_SPOT_PX * (1 + Math.floor((i - 1) / 8));
      const t = ((i - 1) % 8) * (Math.PI / 4) - Math.PI / 4;
      const q = { x: vp.x + r * Math.cos(t), y: vp.y + r * Math.sin(t) };
      if (free(q)) return q;
    }
    return vp;
  }

  /**
   * moveAnimated moves nodes to the given graph positions over EGO_LAYOUT_MS
   * (the ego layout), stopping the force layout first without saving it, and
   * holds those positions against snapshots until the saved ones come back.
   * Resolves when drawn there.
   */
  moveAnimated(targets: ReadonlyMap<string, { x: number; y: number }>): Promise<void> {
    if (this.layout) {
      this.killLayout();
      this.cb.onLayoutRunning(false);
    }
    const t: Record<string, { x: number; y: number }> = {};
    const until = Date.now() + PENDING_MOVE_MS + EGO_LAYOUT_MS;
    for (const [id, p] of targets) {
      if (!this.graph.hasNode(id)) continue;
      t[id] = { x: p.x, y: p.y };
      this.pendingMoves.set(id, { x: p.x, y: p.y, until });
    }
    return new Promise((resolve) => animateNodes(this.graph, t, { duration: EGO_LAYOUT_MS, easing: "quadraticInOut" }, resolve));
  }

  /** visibleAlterIds lists every alter not filtered out (Ctrl/Cmd+A). */
  visibleAlterIds(): string[] {
    const out: string[] = [];
    this.graph.forEachNode((id, a) => {
      if (!a.ego && !isNodeHidden(id, a, this.state)) out.push(id);
    });
    return out;
  }

  /** hoverTie: the pointer moved over the canvas, no gesture: is it over a tie (and no node)? */
  private hoverTie(event: { x: number; y: number; original: MouseEvent | TouchEvent }): void {
    const o = event.original;
    const pressed = o instanceof MouseEvent && o.buttons !== 0;
    // A hit-test is JavaScript over the drawn segments (no GL work): kept when shedding, up to TIE_HOVER_MAX_EDGES.
    const off = pressed || this.state.hoveredNode !== null || this.graph.size > TIE_HOVER_MAX_EDGES;
    const tie = off ? null : this.tieAt(event);
    if (tie === this.state.hoveredEdge) return;
    if (this.state.hoveredNode === null) this.container.style.cursor = tie ? "pointer" : "";
    this.setVisual({ hoveredEdge: tie });
  }

  private onDocUp: (() => void) | null = null;

  /** isEgoEdge: the edge is an alter's ego tie (edit it on the alter). */
  isEgoEdge(id: string): boolean {
    return isEgoEdgeKey(id);
  }

  kill(): void {
    if (this.killed) return;
    this.killed = true;
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.killLayout();
    this.overlay.kill();
    this.resizeObserver?.disconnect();
    if (this.onDocUp) document.removeEventListener("mouseup", this.onDocUp);
    this.sigma.kill();
  }
}

/** webglRendererOf reads the renderer string of sigma's own WebGL context (WEBGL_debug_renderer_info). */
function webglRendererOf(sigma: { getCanvases(): Record<string, HTMLCanvasElement> }): string {
  try {
    const c = sigma.getCanvases().nodes;
    const gl = (c?.getContext("webgl2") ?? c?.getContext("webgl")) as WebGLRenderingContext | null;
    if (!gl) return "no WebGL";
    const ext = gl.getExtension("WEBGL_debug_renderer_info");
    return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  } catch (e) {
    return `unknown (${String(e)})`;
  }
}
