// Visual encodings (pure): what a node's colour and size say. Colour by kind
// (the default), context, role, mode or status; size by the ego-tie strength
// (the default), by degree (ties to other alters) or by interactions (the
// journal entries that link the node, computed by the backend). Each category colour is
// named in the legend beside its count, so colour is never the only cue.
import type { Kind } from "../api";
import { EGO_SIZE, KIND_COLORS } from "./colors";
import { knownValues, valuesOf, type FilterDim, type Filterable, type ValueCount } from "./filters";

export type ColorBy = FilterDim;
export const SIZE_BYS = ["strength", "degree", "interactions"] as const;
export type SizeBy = (typeof SIZE_BYS)[number];

export const SIZE_LABELS: Record<SizeBy, string> = { strength: "Tie strength", degree: "Degree", interactions: "Interactions" };

/**
 * Encodings that need data Plexus does not compute yet: listed (disabled) in
 * the legend's menus with what they wait for, so nobody thinks they are lost.
 */
export const WAITING_COLOR = [{ id: "community", label: "Community", waits: "needs the network metrics (insights)" }] as const;
export const WAITING_SIZE = [{ id: "centrality", label: "Centrality", waits: "needs the network metrics (insights)" }] as const;

export interface Encoding {
  color: ColorBy;
  /** category → colour for the current colour dimension (categoryPalette); unused for kind */
  palette: ReadonlyMap<string, string>;
  size: SizeBy;
}

export function defaultEncoding(): Encoding {
  return { color: "kind", palette: new Map(), size: "strength" };
}

/** sameEncoding: a and b draw the same (same dimensions, same category colours in the same order). */
export function sameEncoding(a: Encoding, b: Encoding): boolean {
  if (a.color !== b.color || a.size !== b.size || a.palette.size !== b.palette.size) return false;
  const bs = [...b.palette];
  let i = 0;
  for (const [k, v] of a.palette) {
    const o = bs[i++] as [string, string];
    if (o[0] !== k || o[1] !== v) return false;
  }
  return true;
}

/** UNSET_COLOR: a node with no value in the colour dimension. */
export const UNSET_COLOR = "#aab2bd";
/** OTHER_COLOR: categories past the palette's end (many user-defined contexts). */
export const OTHER_COLOR = "#6b7280";

/**
 * CATEGORY_COLORS: the Okabe–Ito palette without black (Okabe & Ito 2008,
 * "Color Universal Design"), then Paul Tol's olive; yellow last (it is faint
 * on white).
 */
export const CATEGORY_COLORS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#999933", "#F0E442"] as const;

/** Status has colours that read as what they mean: active green, dormant amber, archived grey. */
export const STATUS_COLORS: Readonly<Record<string, string>> = {
  prospective: "#56B4E9",
  active: "#009E73",
  dormant: "#E69F00",
  archived: "#7c8594",
};

/**
 * categoryPalette gives each listed value of dim (valueCounts order) its
 * colour: status its fixed colours; a standard value the colour of its place
 * among the standard values (so a value keeps its colour when another comes
 * into use; a context the colour of its place in the user's context list, knownValues),
 * user-defined values the colours after those in name order;
 * OTHER_COLOR past the palette's end, UNSET_COLOR for "" (not set).
 */
export function categoryPalette(dim: ColorBy, values: readonly ValueCount[]): Map<string, string> {
  const out = new Map<string, string>();
  const known = knownValues(dim);
  let custom = known.length;
  for (const { value } of values) {
    if (value === "") out.set(value, UNSET_COLOR);
    else if (dim === "status") out.set(value, STATUS_COLORS[value] ?? OTHER_COLOR);
    else if (dim === "kind") out.set(value, KIND_COLORS[value as Kind] ?? OTHER_COLOR);
    else {
      const at = known.indexOf(value);
      out.set(value, CATEGORY_COLORS[at >= 0 ? at : custom++] ?? OTHER_COLOR);
    }
  }
  return out;
}

/**
 * categoryOf: the value a node is coloured by. A node with several contexts
 * takes the first of them in the palette's order (the context list's first).
 */
export function categoryOf(a: Filterable, dim: ColorBy, palette: ReadonlyMap<string, string>): string {
  const vs = valuesOf(a, dim);
  if (vs.length === 1) return vs[0] as string;
  for (const key of palette.keys()) if (vs.includes(key)) return key;
  return vs[0] as string;
}

/** encodedColor: the node's fill under enc, or null to keep its kind colour. */
export function encodedColor(a: Filterable, enc: Encoding): string | null {
  if (enc.color === "kind") return null;
  return enc.palette.get(categoryOf(a, enc.color, enc.palette)) ?? UNSET_COLOR;
}

/**
 * countSize: node size for a count (a degree: ties to other alters, the ego
 * tie not counted; or the journal entries that link the node): 5 px at 0
 * growing with the square root (so area grows with the count), capped at
 * the ego's size at 17 and more.
 */
export function countSize(count: number): number {
  return Math.min(EGO_SIZE, 5 + 2.2 * Math.sqrt(Math.max(0, count)));
}

/**
 * fade: the colour mixed halfway with white (dormant ties: faded, still
 * readable and still hoverable).
 */
export function fade(hex: string, amount = 0.55): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  const n = parseInt(m[1] as string, 16);
  const mix = (c: number) => Math.round(c + (255 - c) * amount);
  const r = mix((n >> 16) & 255);
  const g = mix((n >> 8) & 255);
  const b = mix(n & 255);
  return `#${((r << 16) | (g << 8) | b).toString(16).padStart(6, "0")}`;
}
