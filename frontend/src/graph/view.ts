// GraphView: the graphology model, one long-lived sigma v3 renderer, the
// ForceAtlas2 worker and the pointer gestures on the canvas. No Svelte here:
// the component (GraphCanvas.svelte) wires callbacks to feature actions.
//
// Gestures (real pointer events, driven by sigma's mouse captor):
//   double-click empty canvas        → onStageDoubleClick (quick create form)
//   press on a node, move, release   → drag; onNodeDragEnd (pin + save)
//   Shift + press on A, release on B → onConnect(A, B) (B null: released elsewhere)
//   click a node / a tie / empty     → onNodeClick / onEdgeClick / onStageClick
// Read-only (the map shows the past): no drag, no connect, no double-click
// create; clicks, hover, pan and zoom still work.
import Sigma from "sigma";
import { createNodeBorderProgram } from "@sigma/node-border";
import FA2LayoutSupervisor from "graphology-layout-forceatlas2/worker";
import forceAtlas2 from "graphology-layout-forceatlas2";
import type { Kind, NetworkSnapshot, Position } from "../api";
import { fitBBox, spreadCoincident } from "./bbox";
import { isEgoEdgeKey, newGraph, syncGraph, type PlexusGraph } from "./model";
import { edgeLook, emptyVisualState, nodeLook, type EdgeAttrs, type NodeAttrs, type VisualState } from "./reducers";

export interface Point {
  x: number;
  y: number;
}

export interface GraphCallbacks {
  onNodeClick(id: string): void;
  onEdgeClick(id: string): void;
  onStageClick(): void;
  /** viewport: px relative to the canvas; graph: graph coordinates */
  onStageDoubleClick(viewport: Point, graph: Point): void;
  /** to: the node the Shift-drag was released on; null when released on empty canvas, a tie or outside */
  onConnect(from: string, to: string | null, viewport: Point): void;
  onConnectPreview(line: { from: Point; to: Point } | null): void;
  onNodeDragEnd(id: string, graph: Point): void;
  onLayoutRunning(running: boolean): void;
  onLayoutStopped(positions: Position[]): void;
  onFirstRender(nodeCount: number): void;
}

type Gesture =
  | { kind: "idle" }
  | { kind: "drag"; node: string; moved: boolean; resumeLayout: boolean; start: Point }
  | { kind: "connect"; from: string };

const LAYOUT_AUTOSTOP_MS = 30_000;

type GNode = NodeAttrs & { fixed: boolean };
type GEdge = EdgeAttrs & { type: string; weight: number };

export class GraphView {
  readonly graph: PlexusGraph = newGraph();
  readonly sigma: Sigma<GNode, GEdge>;
  private state: VisualState = emptyVisualState();
  private focusNeighbours = new Set<string>();
  private layout: FA2LayoutSupervisor | null = null;
  private layoutTimer: ReturnType<typeof setTimeout> | null = null;
  private gesture: Gesture = { kind: "idle" };
  private suppressClickUntil = 0;
  /** node ids whose dragged position is not yet confirmed by a reload */
  private readonly pendingMoves = new Set<string>();
  private rendered = false;
  private readOnly = false;
  private hasBBox = false;
  private egoId = "";
  private readonly resizeObserver: ResizeObserver | null;
  private killed = false;

  constructor(
    private readonly container: HTMLElement,
    private readonly cb: GraphCallbacks,
  ) {
    const bordered = createNodeBorderProgram<GNode, GEdge>({
      borders: [
        { size: { attribute: "borderSize", defaultValue: 0 }, color: { attribute: "borderColor", defaultValue: "#111827" } },
        { size: { fill: true }, color: { attribute: "color" } },
      ],
    });
    this.sigma = new Sigma<GNode, GEdge>(this.graph, container, {
      allowInvalidContainer: true,
      defaultNodeType: "bordered",
      nodeProgramClasses: { bordered },
      defaultEdgeType: "line",
      renderEdgeLabels: true,
      enableEdgeEvents: true,
      zIndex: true,
      labelFont: "Inter, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
      labelSize: 12,
      labelWeight: "500",
      labelColor: { color: "#1f2937" },
      edgeLabelFont: "Inter, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
      edgeLabelSize: 11,
      edgeLabelColor: { color: "#4b5563" },
      labelDensity: 0.8,
      labelGridCellSize: 70,
      labelRenderedSizeThreshold: 1,
      minCameraRatio: 0.02,
      maxCameraRatio: 20,
      stagePadding: 40,
      nodeReducer: (id, data) => ({ ...data, ...nodeLook(id, data, this.state, this.focusNeighbours.has(id)) }),
      edgeReducer: (id, data) => {
        const [s, t] = this.graph.extremities(id);
        const look = edgeLook(
          id,
          data,
          { id: s, attrs: this.graph.getNodeAttributes(s) },
          { id: t, attrs: this.graph.getNodeAttributes(t) },
          this.state,
        );
        return { ...data, ...look };
      },
    });
    this.bindEvents();
    this.sigma.on("afterRender", () => {
      if (!this.rendered && this.graph.order > 0) {
        this.rendered = true;
        this.cb.onFirstRender(this.graph.order);
      }
    });
    this.resizeObserver =
      typeof ResizeObserver === "function"
        ? new ResizeObserver(() => {
            if (!this.killed) this.sigma.refresh();
          })
        : null;
    this.resizeObserver?.observe(container);
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
  setSnapshot(snap: NetworkSnapshot, opts: { exact?: boolean } = {}): void {
    this.egoId = snap.ego;
    const running = this.layout?.isRunning() ?? false;
    const dragging = this.gesture.kind === "drag" ? this.gesture.node : null;
    for (const n of snap.nodes) {
      // A saved position arrived: the drag is confirmed.
      if (this.pendingMoves.has(n.id) && n.pinned) this.pendingMoves.delete(n.id);
    }
    syncGraph(this.graph, snap, {
      keepPosition: (id) => !opts.exact && (running || id === dragging || this.pendingMoves.has(id)),
    });
    if (dragging && this.graph.hasNode(dragging)) this.graph.setNodeAttribute(dragging, "fixed", true);
    if (!this.hasBBox) this.fit(false);
    this.recomputeFocus();
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

  setVisual(patch: Partial<VisualState>): void {
    this.state = { ...this.state, ...patch };
    this.recomputeFocus();
    this.sigma.refresh({ skipIndexation: true });
  }

  get visual(): Readonly<VisualState> {
    return this.state;
  }

  setHiddenKinds(kinds: ReadonlySet<Kind>): void {
    this.setVisual({ hiddenKinds: kinds });
  }

  private recomputeFocus(): void {
    this.focusNeighbours = new Set();
    for (const f of [this.state.selectedNode, this.state.hoveredNode]) {
      if (f && this.graph.hasNode(f)) for (const n of this.graph.neighbors(f)) this.focusNeighbours.add(n);
    }
  }

  // ---- camera -------------------------------------------------------------

  zoomIn(): void {
    void this.sigma.getCamera().animatedZoom({ duration: 200 });
  }

  zoomOut(): void {
    void this.sigma.getCamera().animatedUnzoom({ duration: 200 });
  }

  /** fit frames every visible node. */
  fit(animate = true): void {
    const pts: Point[] = [];
    this.graph.forEachNode((id, a) => {
      if (a.ego || !this.state.hiddenKinds.has(a.kind)) pts.push({ x: a.x, y: a.y });
      void id;
    });
    this.sigma.setCustomBBox(fitBBox(pts));
    this.hasBBox = true;
    const cam = this.sigma.getCamera();
    if (animate) void cam.animatedReset({ duration: 250 });
    else cam.setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
    this.sigma.refresh();
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

  startLayout(): void {
    if (this.layoutRunning || this.graph.order < 2 || this.readOnly) return;
    const nodes: { id: string; x: number; y: number; fixed: boolean }[] = [];
    this.graph.forEachNode((id, a) => nodes.push({ id, x: a.x, y: a.y, fixed: a.fixed }));
    for (const [id, p] of spreadCoincident(nodes)) this.graph.mergeNodeAttributes(id, p);
    const inferred = forceAtlas2.inferSettings(this.graph);
    this.layout = new FA2LayoutSupervisor(this.graph, {
      getEdgeWeight: "weight",
      // scalingRatio puts neighbours ~50–100 units apart: the same scale as
      // nodes placed by hand (an empty map spans MIN_SPAN = 200 units).
      settings: { ...inferred, scalingRatio: 150, gravity: 1, barnesHutOptimize: this.graph.order > 400 },
    });
    this.layout.start();
    this.layoutTimer = setTimeout(() => this.stopLayout(), LAYOUT_AUTOSTOP_MS);
    this.cb.onLayoutRunning(true);
  }

  /** stopLayout stops the worker and hands every moved (unpinned) position to onLayoutStopped, once. */
  stopLayout(): void {
    if (!this.layout) return;
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
    this.layout?.kill();
    this.layout = null;
  }

  // ---- gestures -----------------------------------------------------------

  private bindEvents(): void {
    const s = this.sigma;

    s.on("enterNode", ({ node }) => {
      this.container.style.cursor = "pointer";
      this.setVisual({ hoveredNode: node });
    });
    s.on("leaveNode", () => {
      this.container.style.cursor = "";
      this.setVisual({ hoveredNode: null });
    });
    s.on("enterEdge", ({ edge }) => {
      this.container.style.cursor = "pointer";
      this.setVisual({ hoveredEdge: edge });
    });
    s.on("leaveEdge", () => {
      this.container.style.cursor = "";
      this.setVisual({ hoveredEdge: null });
    });

    s.on("downNode", (e) => {
      const orig = e.event.original;
      if (orig instanceof MouseEvent && orig.button !== 0) return;
      if (this.readOnly) return; // the camera pans as from empty canvas
      if (orig.shiftKey) {
        this.gesture = { kind: "connect", from: e.node };
        this.setVisual({ connectFrom: e.node });
        this.container.style.cursor = "crosshair";
      } else {
        const resumeLayout = this.layoutRunning;
        if (resumeLayout) this.killLayout();
        this.gesture = { kind: "drag", node: e.node, moved: false, resumeLayout, start: { x: e.event.x, y: e.event.y } };
        this.container.style.cursor = "grabbing";
      }
      e.preventSigmaDefault();
    });

    s.on("moveBody", ({ event }) => {
      const g = this.gesture;
      if (g.kind === "idle") return;
      event.preventSigmaDefault();
      event.original.preventDefault();
      event.original.stopPropagation();
      if (g.kind === "drag") {
        if (!g.moved && Math.hypot(event.x - g.start.x, event.y - g.start.y) < 3) return;
        if (this.graph.getNodeAttribute(g.node, "ego")) return; // the ego stays at the centre
        g.moved = true;
        const p = s.viewportToGraph(event);
        this.graph.mergeNodeAttributes(g.node, { x: p.x, y: p.y, fixed: true });
      } else {
        const from = this.viewportPosition(g.from);
        if (from) this.cb.onConnectPreview({ from, to: { x: event.x, y: event.y } });
      }
    });

    const finish = (target: string | null, at: Point) => {
      const g = this.gesture;
      this.gesture = { kind: "idle" };
      this.container.style.cursor = target ? "pointer" : "";
      if (g.kind === "drag") {
        if (g.moved) {
          this.suppressClickUntil = Date.now() + 400;
          const a = this.graph.getNodeAttributes(g.node);
          this.pendingMoves.add(g.node);
          this.cb.onNodeDragEnd(g.node, { x: a.x, y: a.y });
        }
        if (g.resumeLayout) this.startLayout();
      } else if (g.kind === "connect") {
        this.suppressClickUntil = Date.now() + 400;
        this.cb.onConnectPreview(null);
        this.setVisual({ connectFrom: null });
        this.cb.onConnect(g.from, target, at);
      }
    };
    s.on("upNode", (e) => finish(e.node, { x: e.event.x, y: e.event.y }));
    s.on("upEdge", (e) => finish(null, { x: e.event.x, y: e.event.y }));
    s.on("upStage", (e) => finish(null, { x: e.event.x, y: e.event.y }));
    // Released outside the canvas: sigma's captor only reports ups that began inside it.
    this.onDocUp = () => {
      if (this.gesture.kind !== "idle") finish(null, { x: 0, y: 0 });
    };
    document.addEventListener("mouseup", this.onDocUp);

    s.on("clickNode", (e) => {
      if (Date.now() < this.suppressClickUntil) return;
      if (e.event.original.shiftKey) return;
      this.cb.onNodeClick(e.node);
    });
    s.on("clickEdge", (e) => {
      if (Date.now() < this.suppressClickUntil) return;
      this.cb.onEdgeClick(e.edge);
    });
    s.on("clickStage", () => {
      if (Date.now() < this.suppressClickUntil) return;
      this.cb.onStageClick();
    });
    s.on("doubleClickStage", (e) => {
      if (this.readOnly) return; // sigma's default: zoom in
      e.preventSigmaDefault();
      const vp = { x: e.event.x, y: e.event.y };
      this.cb.onStageDoubleClick(vp, s.viewportToGraph(vp));
    });
    s.on("doubleClickNode", (e) => e.preventSigmaDefault());
    s.on("doubleClickEdge", (e) => e.preventSigmaDefault());
  }

  private onDocUp: (() => void) | null = null;

  /** isEgoEdge: the edge is an alter's ego tie (edit it on the alter). */
  isEgoEdge(id: string): boolean {
    return isEgoEdgeKey(id);
  }

  kill(): void {
    if (this.killed) return;
    this.killed = true;
    this.killLayout();
    this.resizeObserver?.disconnect();
    if (this.onDocUp) document.removeEventListener("mouseup", this.onDocUp);
    this.sigma.kill();
  }
}
