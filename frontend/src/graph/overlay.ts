// The focus overlay: hover and selection drawn on two 2D canvases of their
// own inside sigma's container, so that a hover or a selection never makes
// sigma re-process or redraw the graph (focus.ts says why). What it draws:
//   - below the nodes (after sigma's "edges" layer): the focused ties, thicker
//     and darker, with an arrow head where a tie is directed;
//   - above sigma's labels (before its "hovers" layer): the selected node (and
//     the node a Shift-connect started on) with sigma's own hover box, the
//     labels of the focused nodes' neighbours and the relation of the focused
//     ties, none overlapping another or a label sigma drew (LabelSpace), at
//     most MAX_NEIGHBOUR_LABELS and MAX_EDGE_LABELS of them.
// The hovered node itself is drawn by sigma's own hover (its "hovers" and
// "hoverNodes" layers), as in a bare sigma page.
//
// Positions come from sigma's public display data (getNodeDisplayData,
// framedGraphToViewport, scaleSize), so the overlay matches the last frame
// sigma drew; it is redrawn after each of sigma's renders and, coalesced into
// one animation frame, after each focus change. Cost: the focused nodes'
// degree (ties drawn) plus the labels sigma displays (claimed first).
import type Sigma from "sigma";
import { drawDiscNodeHover, drawDiscNodeLabel, drawStraightEdgeLabel } from "sigma/rendering";
import { HOVER_LABEL_COLOR } from "./theme";
import type { NodeDisplayData } from "sigma/types";
import { drawnEdges, edgeLabelBox, LabelSpace, type Box, type Focus } from "./focus";

export const MAX_NEIGHBOUR_LABELS = 60;
export const MAX_EDGE_LABELS = 40;

/** What the overlay needs to know about ties beyond sigma's display data. */
export interface OverlayModel {
  /** a tie's strength (0 unset … 5): the strongest are drawn first when there are too many */
  strength(edge: string): number;
  /** the relation drawn on a focused tie ("" for none) */
  relation(edge: string): string;
  directed(edge: string): boolean;
  /** the highlighted colour of a tie (a "what changed" mark may colour it) */
  edgeColor(edge: string): string;
  extremities(edge: string): [string, string];
  /** the handles of the selected tie's ends (viewport px), or null: drawn for re-targeting by drag */
  handles(): { from: Pt; to: Pt } | null;
}

const emptyFocus = (): Focus => ({ nodes: [], neighbours: [], edges: [], focusEdges: new Set(), marked: [] });

/** the selected tie's end handles: radius (px) and ring colour */
export const HANDLE_RADIUS = 5;
export const HANDLE_COLOR = "#2563eb";

/** the ring drawn around each node of a multi-selection */
export const MARK_COLOR = "#2563eb";

type Pt = { x: number; y: number };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySigma = Sigma<any, any, any>;

export class FocusOverlay {
  private readonly edgesCtx: CanvasRenderingContext2D;
  private readonly labelsCtx: CanvasRenderingContext2D;
  private focus: Focus = emptyFocus();
  private frame = 0;
  private killed = false;
  /** label text → its width in px at sigma's label font (labels repeat: measure once) */
  private readonly widths = new Map<string, number>();
  private readonly onRender = () => this.draw();
  /** whether the canvases hold anything (a clear of empty canvases is skipped) */
  private inked = false;
  /** the relation and neighbour label boxes the last draw filled (viewport px), for the test hook */
  labelBoxes: Box[] = [];

  constructor(
    private readonly sigma: AnySigma,
    private readonly model: OverlayModel,
  ) {
    // fitCanvas sizes them (sigma sizes only the layers it draws itself).
    this.edgesCtx = ctx2d(sigma.createCanvas("focusEdges", { afterLayer: "edges" }));
    this.labelsCtx = ctx2d(sigma.createCanvas("focusLabels", { beforeLayer: "hovers" }));
    // afterRender: sigma's own layers of a frame are drawn.
    sigma.on("afterRender", this.onRender);
  }

  /** set replaces what is focused; drawn at the next animation frame. */
  set(focus: Focus): void {
    this.focus = focus;
    if (this.frame || this.killed) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  kill(): void {
    this.killed = true;
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.sigma.off("afterRender", this.onRender);
  }

  /** draw paints the overlay now from the focus and sigma's last frame. */
  draw(): void {
    if (this.killed) return;
    this.labelBoxes = [];
    const { width, height } = this.sigma.getDimensions();
    const ec = this.edgesCtx;
    const lc = this.labelsCtx;
    const f = this.focus;
    const handles = this.model.handles();
    const empty = f.nodes.length === 0 && f.edges.length === 0 && f.marked.length === 0 && handles === null;
    // Nothing drawn and nothing to draw: leave the canvases alone (a clear
    // is a repaint of the layer, and under software compositing every
    // repainted layer costs a frame its full size).
    if (empty && !this.inked) return;
    fitCanvas(ec, width, height);
    fitCanvas(lc, width, height);
    ec.clearRect(0, 0, width, height);
    lc.clearRect(0, 0, width, height);
    this.inked = !empty;
    if (empty) return;
    const s = this.sigma;
    // Each node once per draw (the ego of a star is an end of every focused tie).
    const seen = new Map<string, (NodeDisplayData & { vx: number; vy: number; r: number }) | null>();
    const view = (id: string): (NodeDisplayData & { vx: number; vy: number; r: number }) | null => {
      let v = seen.get(id);
      if (v !== undefined) return v;
      const d = s.getNodeDisplayData(id);
      if (!d || d.hidden) v = null;
      else {
        const p = s.framedGraphToViewport(d);
        v = { ...d, vx: p.x, vy: p.y, r: s.scaleSize(d.size) };
      }
      seen.set(id, v);
      return v;
    };

    // 1. The focused ties, grouped by colour and width into one path each.
    const paths = new Map<string, { color: string; width: number; path: Path2D }>();
    const heads: { color: string; from: Pt; to: Pt; r: number; width: number }[] = [];
    for (const e of drawnEdges(f, this.model.strength)) {
      const [a, b] = this.model.extremities(e);
      const ed = s.getEdgeDisplayData(e);
      if (!ed || ed.hidden) continue;
      const pa = view(a);
      const pb = view(b);
      if (!pa || !pb) continue;
      const w = Math.max(1, s.scaleSize(ed.size) + (f.focusEdges.has(e) ? 1.5 : 0.5));
      const color = this.model.edgeColor(e);
      const key = `${color}|${w.toFixed(1)}`;
      let g = paths.get(key);
      if (!g) {
        g = { color, width: w, path: new Path2D() };
        paths.set(key, g);
      }
      g.path.moveTo(pa.vx, pa.vy);
      g.path.lineTo(pb.vx, pb.vy);
      if (this.model.directed(e)) heads.push({ color, from: { x: pa.vx, y: pa.vy }, to: { x: pb.vx, y: pb.vy }, r: pb.r, width: w });
    }
    ec.lineCap = "round";
    for (const g of paths.values()) {
      ec.strokeStyle = g.color;
      ec.lineWidth = g.width;
      ec.stroke(g.path);
    }
    for (const h of heads) drawArrowHead(ec, h.from, h.to, h.r, h.width, h.color);

    // 2. Labels: what sigma drew first (never covered), then the focused
    // nodes, the focused ties' relations and the neighbours.
    const settings = s.getSettings();
    const fontSize = settings.labelSize;
    lc.font = `${settings.labelWeight} ${fontSize}px ${settings.labelFont}`;
    const space = new LabelSpace();
    const labelBox = (d: { vx: number; vy: number; r: number; label?: string | null }) => {
      const w = this.width(lc, d.label ?? "");
      return { x: d.vx + d.r + 3, y: d.vy - fontSize / 2 - 2, w, h: fontSize + 4 };
    };
    const focused = new Set(f.nodes);
    for (const id of s.getNodeDisplayedLabels()) {
      if (focused.has(id)) continue;
      const d = view(id);
      // reserved, not claimed: two of sigma's labels whose boxes here touch must both keep their room
      if (d?.label) space.reserve(labelBox(d));
    }
    const hovered = this.hovered;
    for (const id of f.nodes) {
      const d = view(id);
      if (!d) continue;
      if (d.label) space.reserve({ x: d.vx - d.r - 4, y: d.vy - Math.max(d.r, fontSize / 2) - 4, w: 2 * d.r + this.width(lc, d.label) + 12, h: 2 * Math.max(d.r, fontSize / 2) + 8 });
      if (id === hovered) continue; // sigma's own hover draws it
      const data = { ...d, x: d.vx, y: d.vy, size: d.r, label: d.label ?? "" };
      // The hover box is white on both themes: its text stays dark.
      drawDiscNodeHover(lc, data, { ...settings, labelColor: { color: HOVER_LABEL_COLOR } });
      // The disc again on top of the box (sigma redraws a hovered node in WebGL).
      lc.beginPath();
      lc.arc(d.vx, d.vy, d.r, 0, Math.PI * 2);
      lc.fillStyle = d.color;
      lc.fill();
    }
    // The multi-selection: one ring per node, in one path.
    if (f.marked.length > 0) {
      const rings = new Path2D();
      for (const id of f.marked) {
        const d = view(id);
        if (!d || d.vx < -d.r - 8 || d.vx > width + d.r + 8 || d.vy < -d.r - 8 || d.vy > height + d.r + 8) continue;
        const r = Math.max(d.r + 3, 6);
        rings.moveTo(d.vx + r, d.vy);
        rings.arc(d.vx, d.vy, r, 0, Math.PI * 2);
      }
      lc.strokeStyle = MARK_COLOR;
      lc.lineWidth = 2.5;
      lc.stroke(rings);
    }
    let edgeLabels = 0;
    const boxes: Box[] = [];
    this.labelBoxes = boxes;
    const edgeFont = `${settings.edgeLabelWeight} ${settings.edgeLabelSize}px ${settings.edgeLabelFont}`;
    const labelled = [...f.focusEdges, ...f.edges.filter((e) => !f.focusEdges.has(e))];
    for (const e of labelled) {
      if (edgeLabels >= MAX_EDGE_LABELS) break;
      const rel = this.model.relation(e);
      if (rel === "") continue;
      const [a, b] = this.model.extremities(e);
      const pa = view(a);
      const pb = view(b);
      const ed = s.getEdgeDisplayData(e);
      if (!pa || !pb || !ed || ed.hidden) continue;
      lc.font = edgeFont;
      const tw = this.width(lc, `e|${rel}`, rel);
      const len = Math.hypot(pb.vx - pa.vx, pb.vy - pa.vy);
      if (len < tw + pa.r + pb.r) continue; // sigma would cut it to nothing
      // Where sigma puts the text: between the rims, below the line (focus.ts edgeLabelBox).
      const ew = s.scaleSize(ed.size);
      const box = edgeLabelBox({ x: pa.vx, y: pa.vy, r: pa.r }, { x: pb.vx, y: pb.vy, r: pb.r }, tw, ew, settings.edgeLabelSize);
      if (!box || !space.claim(box)) continue;
      boxes.push(box);
      drawStraightEdgeLabel(
        lc,
        { ...ed, label: rel, size: ew },
        { x: pa.vx, y: pa.vy, size: pa.r },
        { x: pb.vx, y: pb.vy, size: pb.r },
        settings,
      );
      edgeLabels++;
    }
    lc.font = `${settings.labelWeight} ${fontSize}px ${settings.labelFont}`;
    let nodeLabels = 0;
    const shown = s.getNodeDisplayedLabels();
    for (const id of f.neighbours) {
      if (nodeLabels >= MAX_NEIGHBOUR_LABELS) break;
      if (shown.has(id)) continue;
      const d = view(id);
      if (!d || !d.label) continue;
      if (d.vx < -50 || d.vx > width + 50 || d.vy < -20 || d.vy > height + 20) continue;
      const box = labelBox(d);
      if (!space.claim(box)) continue;
      boxes.push(box);
      drawDiscNodeLabel(lc, { ...d, x: d.vx, y: d.vy, size: d.r, label: d.label }, settings);
      nodeLabels++;
    }
    // The selected tie's end handles, on top: a white disc with a dark ring.
    if (handles) {
      for (const h of [handles.from, handles.to]) {
        lc.beginPath();
        lc.arc(h.x, h.y, HANDLE_RADIUS, 0, Math.PI * 2);
        lc.fillStyle = "#ffffff";
        lc.fill();
        lc.lineWidth = 2;
        lc.strokeStyle = HANDLE_COLOR;
        lc.stroke();
      }
    }
  }

  /** the hovered node, set by the view: sigma's own hover draws it, so it is not drawn twice */
  hovered: string | null = null;

  private width(ctx: CanvasRenderingContext2D, key: string, text = key): number {
    let w = this.widths.get(key);
    if (w === undefined) {
      w = ctx.measureText(text).width;
      if (this.widths.size > 20_000) this.widths.clear();
      this.widths.set(key, w);
    }
    return w;
  }
}

function ctx2d(c: HTMLCanvasElement): CanvasRenderingContext2D {
  const ctx = c.getContext("2d");
  if (!ctx) throw new Error("focus overlay: no 2D canvas context");
  return ctx;
}

/** fitCanvas gives a layer width × height CSS px at the device pixel ratio (drawing in CSS px). */
function fitCanvas(ctx: CanvasRenderingContext2D, width: number, height: number): void {
  const dpr = typeof window !== "undefined" && window.devicePixelRatio > 0 ? window.devicePixelRatio : 1;
  const c = ctx.canvas;
  const w = Math.round(width * dpr);
  const h = Math.round(height * dpr);
  if (c.width !== w || c.height !== h) {
    c.width = w;
    c.height = h;
    c.style.width = `${width}px`;
    c.style.height = `${height}px`;
  }
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
}

/** drawArrowHead draws a filled head at the border of the target disc (radius r px). */
function drawArrowHead(ctx: CanvasRenderingContext2D, from: Pt, to: Pt, r: number, width: number, color: string): void {
  const len = Math.hypot(to.x - from.x, to.y - from.y);
  if (len <= r) return;
  const ux = (to.x - from.x) / len;
  const uy = (to.y - from.y) / len;
  const tip = { x: to.x - ux * r, y: to.y - uy * r };
  const head = 4 + width * 2.5;
  const half = head * 0.6;
  ctx.beginPath();
  ctx.moveTo(tip.x, tip.y);
  ctx.lineTo(tip.x - ux * head - uy * half, tip.y - uy * head + ux * half);
  ctx.lineTo(tip.x - ux * head + uy * half, tip.y - uy * head - ux * half);
  ctx.closePath();
  ctx.fillStyle = color;
  ctx.fill();
}
