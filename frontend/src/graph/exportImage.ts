// Export image…: the map's CURRENT VIEW as a PNG or an SVG, with a legend.
// What is visible is what is exported: the camera as it is, filtered nodes
// left out, the reducers' looks (search dims, "what changed" marks).
//
//   PNG: sigma's own layer canvases (WebGL ties and nodes, 2D labels, the
//     focus overlay's hover and selection), drawn in their DOM (stacking)
//     order onto one canvas of the same pixel size — the map canvas's CSS
//     size × devicePixelRatio — plus the legend. sigma's WebGL contexts are
//     made without preserveDrawingBuffer, so the map is rendered
//     synchronously just before it is read, in the same task (the drawing
//     buffer is only cleared when the browser composites).
//   SVG: built from sigma's display data (the reducers' output, viewport px)
//     of the nodes and ties that are drawn and on screen, and the labels that
//     frame drew (GraphView.labelBoxes). Hover boxes and the selection's
//     overlay are not in it (they are in the PNG).
//
// User text (labels) is escaped: it never becomes markup in the SVG.
// docs/decisions/image-export.md says why this is our code and not
// @sigma/export-image.
import { KINDS, type Kind } from "../api";
import { DUE_COLOR, EGO_COLOR, KIND_COLORS, KIND_LABELS } from "./colors";
import { defaultEncoding, encodedColor, SIZE_LABELS, type Encoding } from "./encoding";
import { DIM_LABELS, type Filterable } from "./filters";
import { LEGEND_COLORS, themed, type MapTheme } from "./theme";

export type ImageFormat = "png" | "svg";

/** One legend row: a dot of color and its name (count: how many drawn nodes have it). */
export interface LegendEntry {
  label: string;
  color: string;
  count?: number;
}

export interface Legend {
  title: string;
  entries: LegendEntry[];
  /** extra lines under the entries ("3 alters hidden by filters") */
  notes: string[];
  /** the stage it is drawn on: its box and text follow the theme (theme.ts LEGEND_COLORS); light when absent */
  theme?: MapTheme;
}

export interface ViewNode {
  id: string;
  x: number;
  y: number;
  /** radius, px */
  r: number;
  color: string;
  /** a ring inside the node's edge (pinned nodes, change marks) */
  border: { color: string; width: number } | null;
  /** the outer ring of an alter due to reconnect (px wide; 0 none), outside the border */
  due: number;
  zIndex: number;
}

export interface ViewEdge {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
  color: string;
  /** directed: an arrow head at (x2, y2), which is the target's centre */
  arrow: boolean;
  /** the target's radius, px (the arrow head stops at its edge) */
  targetR: number;
  zIndex: number;
}

export interface ViewLabel {
  x: number;
  y: number;
  text: string;
}

/** What the map shows now, in viewport px (CSS pixels). */
export interface ViewImage {
  width: number;
  height: number;
  background: string;
  nodes: ViewNode[];
  edges: ViewEdge[];
  labels: ViewLabel[];
  font: { family: string; size: number; weight: string; color: string };
}

// ---- reading the view ------------------------------------------------------

interface NodeData {
  x: number;
  y: number;
  size: number;
  color: string;
  hidden?: boolean;
  label?: string | null;
  zIndex?: number;
  borderColor?: string;
  borderSize?: number;
  dueSize?: number;
}

interface EdgeData {
  color: string;
  size: number;
  hidden?: boolean;
  type?: string;
  zIndex?: number;
}

/** The parts of sigma the export reads (a Sigma instance has them all). */
export interface SigmaLike {
  getDimensions(): { width: number; height: number };
  getNodeDisplayData(id: string): NodeData | undefined;
  getEdgeDisplayData(id: string): EdgeData | undefined;
  framedGraphToViewport(p: { x: number; y: number }): { x: number; y: number };
  scaleSize(size: number): number;
  getNodeDisplayedLabels(): Set<string>;
  getSettings(): { labelFont: string; labelSize: number; labelWeight: string; labelColor: { color?: string } };
}

/** The parts of the graphology graph the export reads. */
export interface GraphLike {
  forEachNode(cb: (id: string, attrs: Filterable & { ego: boolean }) => void): void;
  forEachEdge(cb: (id: string, attrs: unknown, source: string, target: string) => void): void;
}

/** The parts of GraphView the export reads. */
export interface ViewSource {
  readonly sigma: SigmaLike;
  readonly graph: GraphLike;
  /** the label boxes the last frame drew (viewport px) */
  readonly labelBoxes: readonly { x: number; y: number }[];
  /** the visual state (its colour encoding names the legend's rows) */
  readonly visual?: { readonly encoding: Encoding };
  /** the stage's theme (GraphView.mapTheme): the legend's box and the ego's swatch follow it; light when absent */
  readonly mapTheme?: MapTheme;
}

/** px around the viewport within which a node or tie still counts as on screen */
const CULL_MARGIN = 16;

/**
 * readView: the nodes, ties and labels the map draws now, in viewport px.
 * Hidden nodes (filters, a focus that hides the rest) and their ties are
 * left out, and so is whatever lies wholly outside the viewport. A label is
 * in when sigma chose it for the last frame and GraphView drew it there
 * (the non-overlap rule leaves some out: labelBoxes says which).
 */
export function readView(v: ViewSource, background = "#ffffff"): ViewImage {
  const s = v.sigma;
  const { width, height } = s.getDimensions();
  const settings = s.getSettings();
  const inView = (x: number, y: number, r: number) => x + r >= -CULL_MARGIN && x - r <= width + CULL_MARGIN && y + r >= -CULL_MARGIN && y - r <= height + CULL_MARGIN;
  const nodes: ViewNode[] = [];
  const at = new Map<string, ViewNode>();
  const onScreen = new Set<string>();
  v.graph.forEachNode((id) => {
    const d = s.getNodeDisplayData(id);
    if (!d || d.hidden) return;
    const p = s.framedGraphToViewport(d);
    const r = s.scaleSize(d.size);
    const n: ViewNode = {
      id,
      x: p.x,
      y: p.y,
      r,
      color: d.color,
      border: d.borderColor && (d.borderSize ?? 0) > 0 ? { color: d.borderColor, width: Math.min(1, d.borderSize ?? 0) * r } : null,
      due: Math.min(1, (d as NodeData).dueSize ?? 0) * r,
      zIndex: d.zIndex ?? 0,
    };
    at.set(id, n);
    if (inView(n.x, n.y, r)) {
      nodes.push(n);
      onScreen.add(id);
    }
  });
  const edges: ViewEdge[] = [];
  v.graph.forEachEdge((id, _a, source, target) => {
    const d = s.getEdgeDisplayData(id);
    const a = at.get(source);
    const b = at.get(target);
    if (!d || d.hidden || !a || !b) return;
    // wholly outside: both ends beyond the same side
    if ((a.x < -CULL_MARGIN && b.x < -CULL_MARGIN) || (a.x > width + CULL_MARGIN && b.x > width + CULL_MARGIN)) return;
    if ((a.y < -CULL_MARGIN && b.y < -CULL_MARGIN) || (a.y > height + CULL_MARGIN && b.y > height + CULL_MARGIN)) return;
    edges.push({ x1: a.x, y1: a.y, x2: b.x, y2: b.y, width: s.scaleSize(d.size), color: d.color, arrow: d.type === "arrow", targetR: b.r, zIndex: d.zIndex ?? 0 });
  });
  const drawn = new Set(v.labelBoxes.map((b) => `${Math.round(b.x * 4)},${Math.round(b.y * 4)}`));
  const labels: ViewLabel[] = [];
  for (const id of s.getNodeDisplayedLabels()) {
    const n = at.get(id);
    const d = s.getNodeDisplayData(id);
    if (!n || !d?.label || !onScreen.has(id)) continue;
    // GraphView.labelBox: x + size + 3, y − labelSize/2 − 1
    const bx = n.x + n.r + 3;
    const by = n.y - settings.labelSize / 2 - 1;
    if (!drawn.has(`${Math.round(bx * 4)},${Math.round(by * 4)}`)) continue;
    labels.push({ x: bx, y: n.y + settings.labelSize / 3, text: d.label });
  }
  const byZ = <T extends { zIndex: number }>(xs: T[]) => xs.map((x, i) => [x, i] as const).sort((p, q) => p[0].zIndex - q[0].zIndex || p[1] - q[1]).map((p) => p[0]);
  return {
    width,
    height,
    background,
    nodes: byZ(nodes),
    edges: byZ(edges),
    labels,
    font: { family: settings.labelFont, size: settings.labelSize, weight: settings.labelWeight, color: settings.labelColor.color ?? "#000" },
  };
}

/**
 * viewLegend: you, then each category of the colour encoding that the drawn
 * alters show (kinds by default; context, role, mode or status when the
 * map is coloured by those), with how many are drawn; what size says; and a
 * note when filters hide alters. Categories no alter in the image (shown:
 * readView's) has are left out: the legend describes the image.
 */
export function viewLegend(v: ViewSource, shown: ViewImage, enc: Encoding = v.visual?.encoding ?? defaultEncoding()): Legend {
  const onScreen = new Set(shown.nodes.map((n) => n.id));
  const s = v.sigma;
  const byColor = new Map<string, { names: string[]; count: number }>();
  // the names each colour stands for, in the palette's order (several user contexts past its end share OTHER_COLOR)
  const names = new Map<string, string[]>();
  if (enc.color === "kind") for (const k of KINDS) names.set(KIND_COLORS[k], [KIND_LABELS[k]]);
  else for (const [value, c] of enc.palette) names.set(c, [...(names.get(c) ?? []), value === "" ? "not set" : value]);
  for (const c of names.keys()) byColor.set(c, { names: names.get(c) ?? [], count: 0 });
  let ego = false;
  let hidden = 0;
  v.graph.forEachNode((id, a) => {
    const d = s.getNodeDisplayData(id);
    if (!d) return;
    if (d.hidden) {
      if (!a.ego) hidden++;
      return;
    }
    if (!onScreen.has(id)) return;
    if (a.ego) {
      ego = true;
      return;
    }
    const c = enc.color === "kind" ? KIND_COLORS[a.kind as Kind] : encodedColor(a, enc);
    const row = c ? byColor.get(c) : undefined;
    if (row) row.count++;
  });
  const entries: LegendEntry[] = [];
  const theme = v.mapTheme ?? "light";
  if (ego) entries.push({ label: "You (ego)", color: themed(EGO_COLOR, theme) ?? EGO_COLOR });
  for (const [color, row] of byColor) {
    if (row.count === 0) continue;
    const label = row.names.length > 3 ? `${row.names.slice(0, 3).join(", ")}, …` : row.names.join(", ");
    entries.push({ label, color, count: row.count });
  }
  const notes = [
    `ring = pinned · orange outer ring = due to reconnect · faded = dormant · size = ${SIZE_LABELS[enc.size].toLowerCase()}`,
    "thicker line = stronger tie · arrow = directed",
  ];
  if (hidden > 0) notes.push(`${hidden} ${hidden === 1 ? "alter" : "alters"} hidden by filters`);
  return { title: DIM_LABELS[enc.color], entries, notes, theme };
}

// ---- SVG -------------------------------------------------------------------

/** escapeXml: text safe in an XML text node or attribute value; characters XML 1.0 cannot hold are dropped. */
export function escapeXml(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&apos;")
  );
}

/** a colour for an attribute: #rgb(a), rgb()/rgba() or a plain name; anything else is grey */
function safeColor(c: string): string {
  return /^(#[0-9a-f]{3,8}|rgba?\([0-9.,\s%]+\)|[a-z]+)$/i.test(c) ? c : "#999999";
}

const num = (v: number) => (Number.isFinite(v) ? String(Math.round(v * 10) / 10) : "0");

/** legend geometry in CSS px: rows of LEGEND_ROW, a box LEGEND_PAD inside, LEGEND_MARGIN from the bottom-left corner (where the map shows its own) */
const LEGEND_ROW = 18;
const LEGEND_PAD = 10;
const LEGEND_MARGIN = 12;
const LEGEND_FONT = 12;
const LEGEND_TITLE_FONT = 11;
export const LEGEND_FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

/** legendBox: the legend's box (CSS px) in an image of height h; w from a text measure. */
export function legendBox(legend: Legend, h: number, measure: (text: string, px: number) => number): { x: number; y: number; w: number; h: number } {
  const lines = [legend.title, ...legend.entries.map(entryText), ...legend.notes];
  const widths = [
    measure(legend.title.toUpperCase(), LEGEND_TITLE_FONT),
    ...legend.entries.map((e) => 18 + measure(entryText(e), LEGEND_FONT)),
    ...legend.notes.map((n) => measure(n, LEGEND_TITLE_FONT)),
  ];
  const w = Math.ceil(Math.max(120, ...widths) + 2 * LEGEND_PAD);
  const bh = lines.length * LEGEND_ROW + 2 * LEGEND_PAD - 4;
  return { x: LEGEND_MARGIN, y: h - LEGEND_MARGIN - bh, w, h: bh };
}

const entryText = (e: LegendEntry) => (e.count === undefined ? e.label : `${e.label} (${e.count})`);

/** a rough text width (no canvas needed): the SVG's legend box */
const roughMeasure = (text: string, px: number) => text.length * px * 0.58;

/** toSVG writes view as one self-contained SVG 1.1 document, the legend drawn over its bottom-left corner. */
export function toSVG(view: ViewImage, legend: Legend): string {
  const out: string[] = [];
  const { width: w, height: h } = view;
  out.push(`<?xml version="1.0" encoding="UTF-8"?>\n`);
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${num(w)}" height="${num(h)}" viewBox="0 0 ${num(w)} ${num(h)}">\n`);
  out.push(`<title>Plexus map</title>\n`);
  out.push(`<rect width="100%" height="100%" fill="${safeColor(view.background)}"/>\n`);
  out.push(`<g id="ties" stroke-linecap="butt">\n`);
  for (const e of view.edges) {
    const color = safeColor(e.color);
    if (!e.arrow) {
      out.push(`<line x1="${num(e.x1)}" y1="${num(e.y1)}" x2="${num(e.x2)}" y2="${num(e.y2)}" stroke="${color}" stroke-width="${num(e.width)}"/>\n`);
      continue;
    }
    // sigma's arrow: the line stops at the target's edge less the head; the head is 2.5 widths long, 2 wide
    const dx = e.x2 - e.x1;
    const dy = e.y2 - e.y1;
    const d = Math.hypot(dx, dy) || 1;
    const ux = dx / d;
    const uy = dy / d;
    const head = 2.5 * e.width;
    const tipX = e.x2 - ux * e.targetR;
    const tipY = e.y2 - uy * e.targetR;
    const baseX = tipX - ux * head;
    const baseY = tipY - uy * head;
    const half = e.width;
    out.push(`<line x1="${num(e.x1)}" y1="${num(e.y1)}" x2="${num(baseX)}" y2="${num(baseY)}" stroke="${color}" stroke-width="${num(e.width)}"/>`);
    out.push(
      `<polygon points="${num(tipX)},${num(tipY)} ${num(baseX - uy * half)},${num(baseY + ux * half)} ${num(baseX + uy * half)},${num(baseY - ux * half)}" fill="${color}"/>\n`,
    );
  }
  out.push(`</g>\n<g id="nodes">\n`);
  for (const n of view.nodes) {
    // As @sigma/node-border draws it, outside in: the due ring, the border, the fill.
    const dw = n.due;
    if (dw > 0) out.push(`<circle cx="${num(n.x)}" cy="${num(n.y)}" r="${num(n.r - dw / 2)}" fill="none" stroke="${DUE_COLOR}" stroke-width="${num(dw)}"/>\n`);
    const r = n.r - dw;
    if (n.border) {
      const bw = n.border.width;
      out.push(`<circle cx="${num(n.x)}" cy="${num(n.y)}" r="${num(r - bw / 2)}" fill="${safeColor(n.color)}" stroke="${safeColor(n.border.color)}" stroke-width="${num(bw)}"/>\n`);
    } else {
      out.push(`<circle cx="${num(n.x)}" cy="${num(n.y)}" r="${num(r)}" fill="${safeColor(n.color)}"/>\n`);
    }
  }
  const f = view.font;
  out.push(`</g>\n<g id="labels" font-family="${escapeXml(f.family)}" font-size="${num(f.size)}" font-weight="${escapeXml(f.weight)}" fill="${safeColor(f.color)}">\n`);
  for (const l of view.labels) out.push(`<text x="${num(l.x)}" y="${num(l.y)}">${escapeXml(l.text)}</text>\n`);
  out.push(`</g>\n`);
  out.push(legendSVG(legend, h));
  out.push(`</svg>\n`);
  return out.join("");
}

function legendSVG(legend: Legend, h: number): string {
  const box = legendBox(legend, h, roughMeasure);
  const c = LEGEND_COLORS[legend.theme ?? "light"];
  const out: string[] = [`<g id="legend" font-family="${escapeXml(LEGEND_FONT_FAMILY)}" font-size="${LEGEND_FONT}" fill="${c.text}">\n`];
  out.push(`<rect x="${num(box.x)}" y="${num(box.y)}" width="${num(box.w)}" height="${num(box.h)}" rx="8" fill="${c.fill}" fill-opacity="${c.fillOpacity}" stroke="${c.stroke}"/>\n`);
  const x = box.x + LEGEND_PAD;
  let y = box.y + LEGEND_PAD + LEGEND_TITLE_FONT;
  out.push(`<text x="${num(x)}" y="${num(y)}" font-size="${LEGEND_TITLE_FONT}" font-weight="600" fill="${c.muted}" letter-spacing="0.06em">${escapeXml(legend.title.toUpperCase())}</text>\n`);
  for (const e of legend.entries) {
    y += LEGEND_ROW;
    out.push(`<circle cx="${num(x + 5.5)}" cy="${num(y - 4)}" r="5.5" fill="${safeColor(e.color)}"/><text x="${num(x + 18)}" y="${num(y)}">${escapeXml(entryText(e))}</text>\n`);
  }
  for (const n of legend.notes) {
    y += LEGEND_ROW;
    out.push(`<text x="${num(x)}" y="${num(y)}" font-size="${LEGEND_TITLE_FONT}" fill="${c.muted}">${escapeXml(n)}</text>\n`);
  }
  out.push(`</g>\n`);
  return out.join("");
}

// ---- PNG -------------------------------------------------------------------

/** The parts of sigma the PNG reads. */
export interface CanvasSource {
  getCanvases(): Record<string, HTMLCanvasElement>;
  getDimensions(): { width: number; height: number };
  /** a synchronous render (GraphView's resize render: no reducer, no process pass) */
  refresh(opts: { partialGraph: { nodes: string[] }; skipIndexation: boolean }): unknown;
}

/** orderedLayers: sigma's canvases in DOM order (the order they are stacked and drawn in). */
export function orderedLayers(canvases: Record<string, HTMLCanvasElement>): HTMLCanvasElement[] {
  return Object.values(canvases).sort((a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
}

/** drawLegend paints legend onto ctx over the bottom-left corner of an image h CSS px high, at ratio device px per CSS px. */
export function drawLegend(ctx: CanvasRenderingContext2D, legend: Legend, h: number, ratio: number): void {
  ctx.save();
  ctx.scale(ratio, ratio);
  const measure = (text: string, px: number) => {
    ctx.font = `${px}px ${LEGEND_FONT_FAMILY}`;
    return ctx.measureText(text).width;
  };
  const box = legendBox(legend, h, measure);
  const c = LEGEND_COLORS[legend.theme ?? "light"];
  ctx.globalAlpha = c.fillOpacity;
  ctx.fillStyle = c.fill;
  ctx.beginPath();
  ctx.roundRect(box.x, box.y, box.w, box.h, 8);
  ctx.fill();
  ctx.globalAlpha = 1;
  ctx.strokeStyle = c.stroke;
  ctx.lineWidth = 1;
  ctx.stroke();
  const x = box.x + LEGEND_PAD;
  let y = box.y + LEGEND_PAD + LEGEND_TITLE_FONT;
  ctx.textBaseline = "alphabetic";
  ctx.fillStyle = c.muted;
  ctx.font = `600 ${LEGEND_TITLE_FONT}px ${LEGEND_FONT_FAMILY}`;
  ctx.fillText(legend.title.toUpperCase(), x, y);
  for (const e of legend.entries) {
    y += LEGEND_ROW;
    ctx.fillStyle = e.color;
    ctx.beginPath();
    ctx.arc(x + 5.5, y - 4, 5.5, 0, 2 * Math.PI);
    ctx.fill();
    ctx.fillStyle = c.text;
    ctx.font = `${LEGEND_FONT}px ${LEGEND_FONT_FAMILY}`;
    ctx.fillText(entryText(e), x + 18, y);
  }
  ctx.fillStyle = c.muted;
  ctx.font = `${LEGEND_TITLE_FONT}px ${LEGEND_FONT_FAMILY}`;
  for (const n of legend.notes) {
    y += LEGEND_ROW;
    ctx.fillText(n, x, y);
  }
  ctx.restore();
}

/**
 * toPNG renders the map now and draws its layers, then the legend, onto one
 * canvas of the layers' pixel size (CSS size × devicePixelRatio), on
 * background. Resolves with the PNG's bytes.
 */
export async function toPNG(s: CanvasSource, legend: Legend, background = "#ffffff"): Promise<Blob> {
  // A synchronous render: the WebGL layers' drawing buffers hold this frame
  // until the browser composites, so they are read in this same task.
  s.refresh({ partialGraph: { nodes: [] }, skipIndexation: true });
  const layers = orderedLayers(s.getCanvases());
  const first = layers[0];
  if (!first) throw new Error("The map has nothing drawn to export.");
  const { width, height } = s.getDimensions();
  const out = document.createElement("canvas");
  out.width = first.width;
  out.height = first.height;
  const ctx = out.getContext("2d");
  if (!ctx) throw new Error("This browser cannot make an image (no 2D canvas).");
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, out.width, out.height);
  for (const c of layers) if (c.width > 0 && c.height > 0) ctx.drawImage(c, 0, 0, out.width, out.height);
  drawLegend(ctx, legend, height, out.width / Math.max(1, width));
  return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error("The image could not be encoded."))), "image/png"));
}

/** imageName: "plexus-map-2026-12-04.png" (local date). */
export function imageName(format: ImageFormat, now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `plexus-map-${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}.${format}`;
}
