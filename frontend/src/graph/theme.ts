// The map on a dark background: the few greys and near-blacks the map draws
// for a light stage (colors.ts) swapped for ones that read on a dark one. Kind
// colours, due rings and change colours are left as they are (they read on
// both). Pure: applied in view.ts's reducers after nodeLook/edgeLook.
import {
  DIM_EDGE_COLOR,
  DIM_NODE_COLOR,
  EGO_COLOR,
  EGO_EDGE_COLOR,
  EGO_EDGE_UNSET_COLOR,
  HIGHLIGHT_EDGE_COLOR,
  PIN_COLOR,
  TIE_EDGE_COLOR,
} from "./colors";

export type MapTheme = "light" | "dark";

/** DARK_SWAPS: light-stage colour (lower case #rrggbb) → its dark-stage colour. */
export const DARK_SWAPS: ReadonlyMap<string, string> = new Map(
  (
    [
  [EGO_COLOR, "#e5e7eb"],
  [PIN_COLOR, "#f3f4f6"],
  [DIM_NODE_COLOR, "#3a404a"],
  [DIM_EDGE_COLOR, "#2a2f37"],
  [EGO_EDGE_COLOR, "#56606e"],
  [EGO_EDGE_UNSET_COLOR, "#3b424d"],
  [TIE_EDGE_COLOR, "#7c8696"],
  [HIGHLIGHT_EDGE_COLOR, "#cbd2db"],
    ] as const
  ).map(([k, v]) => [k.toLowerCase(), v]),
);

/** themed: the colour drawn for c on this theme (c itself on light, or when it is not one swapped). */
export function themed(c: string | undefined, theme: MapTheme): string | undefined {
  if (theme === "light" || c === undefined) return c;
  return DARK_SWAPS.get(c.toLowerCase()) ?? c;
}

/** LABEL_COLORS: the label text on each stage. */
export const LABEL_COLORS: Record<MapTheme, string> = { light: "#1f2937", dark: "#e5e7eb" };

/** EDGE_LABEL_COLORS: a focused tie's relation on each stage. */
export const EDGE_LABEL_COLORS: Record<MapTheme, string> = { light: "#4b5563", dark: "#c4c9d1" };

/** HOVER_LABEL_COLOR: the text in sigma's hover box, which is white on both themes. */
export const HOVER_LABEL_COLOR = "#1f2937";

/**
 * LEGEND_COLORS: the exported image's legend box on each stage (exportImage.ts
 * drawLegend, toSVG): the same values as the map's own legend in styles.css
 * (--legend-bg, --border, --text, --text-muted; keep them in step),
 * since a canvas and an SVG file cannot read CSS variables.
 */
export const LEGEND_COLORS: Record<MapTheme, { fill: string; fillOpacity: number; stroke: string; text: string; muted: string }> = {
  light: { fill: "#ffffff", fillOpacity: 0.94, stroke: "#dfe3e8", text: "#1f2937", muted: "#6b7280" },
  dark: { fill: "#20242b", fillOpacity: 0.94, stroke: "#3a404a", text: "#e5e7eb", muted: "#9ca3af" },
};
