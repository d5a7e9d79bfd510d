// Visual encodings. Kind colours are the Okabe–Ito palette, chosen to stay
// distinguishable with the common colour-vision deficiencies; each kind is
// also named in the legend, so colour is never the only cue.
import type { Kind } from "../api";

export const KIND_COLORS: Record<Kind, string> = {
  person: "#0072B2", // blue
  organisation: "#E69F00", // orange
  community: "#009E73", // bluish green
  source: "#D55E00", // vermillion
  service: "#CC79A7", // reddish purple
  device: "#56B4E9", // sky blue
};

export const KIND_LABELS: Record<Kind, string> = {
  person: "Person",
  organisation: "Organisation",
  community: "Community",
  source: "Source",
  service: "Service",
  device: "Device",
};

export const EGO_COLOR = "#1f2937";
export const PIN_COLOR = "#111827";
export const DIM_NODE_COLOR = "#d9dde3";
export const DIM_EDGE_COLOR = "#eceef1";
export const EGO_EDGE_COLOR = "#b8c0cc";
export const EGO_EDGE_UNSET_COLOR = "#dde2e8";
export const TIE_EDGE_COLOR = "#8a94a3";
export const HIGHLIGHT_EDGE_COLOR = "#374151";

export const EGO_SIZE = 14;

/** DUE_COLOR: the outer ring of an alter due to reconnect (its last interaction older than its cadence). */
export const DUE_COLOR = "#c2410c";

/** nodeSize: alters grow with the ego-tie strength (0 = unset … 5). */
export function nodeSize(strength: number): number {
  const s = Math.max(0, Math.min(5, Math.round(strength)));
  return 5 + s;
}

/** edgeSize: thickness by tie strength 1–5 (0 = unset draws thin). */
export function edgeSize(strength: number): number {
  const s = Math.max(0, Math.min(5, Math.round(strength)));
  return s === 0 ? 0.8 : 0.8 + s * 0.7;
}

/**
 * "What changed" on the map: a ring in one of three colours, a sign before
 * the label (+ added, − removed, ~ changed) so colour is never the only cue,
 * and a pale fill for what is gone. Unchanged records are dimmed.
 */
export const DIFF_COLORS = { added: "#1a7f37", removed: "#cf222e", changed: "#b35900" } as const;
export const DIFF_SIGNS = { added: "+", removed: "−", changed: "~" } as const;
export const DIFF_REMOVED_FILL = "#f4d3d3";
