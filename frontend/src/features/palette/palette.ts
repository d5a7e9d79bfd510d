// The command palette (pure): what Ctrl/Cmd+K or "/" lists for a query.
// Nodes by label (search/labels.ts rankedHits: the same order as Enter in the
// map's search box), then the commands with a word starting with each word
// of the query. A query starting with ">" lists commands only (as in VS Code).
import { fold, rankedHits } from "../search/labels";

export interface PaletteCommand {
  id: string;
  title: string;
  /** the shortcut, shown beside the title ("Mod+Z"; see ui/shortcuts.ts modKeys) */
  keys?: string;
  /** what it does (its result, a promise included, is not awaited by the palette) */
  run: () => unknown;
}

export interface PaletteNode {
  id: string;
  label: string;
  kind: string;
}

export type PaletteItem = { type: "node"; node: PaletteNode } | { type: "command"; command: PaletteCommand };

/** At most this many nodes are listed: the palette is for going somewhere, the table for browsing. */
export const MAX_NODE_ITEMS = 30;

/** the query's words as the titles' are cut: at anything not a letter or digit ("Theme: dark" is "theme", "dark") */
function words(q: string): string[] {
  return fold(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== "");
}

/**
 * paletteItems lists what the palette shows for query: with no query every
 * command; else up to MAX_NODE_ITEMS nodes best first (skip leaves out the
 * ones filtered off the map), then the commands where each query word starts a
 * word of the title, those whose title starts with the query first,
 * otherwise in the order given.
 */
export function paletteItems(
  query: string,
  commands: readonly PaletteCommand[],
  nodes: Iterable<PaletteNode>,
  skip: (id: string) => boolean = () => false,
): PaletteItem[] {
  const commandsOnly = query.trimStart().startsWith(">");
  const q = commandsOnly ? query.trimStart().slice(1) : query;
  const ws = words(q);
  const out: PaletteItem[] = [];
  if (ws.length > 0 && !commandsOnly) {
    for (const node of rankedHits(nodes, q, skip, MAX_NODE_ITEMS)) out.push({ type: "node", node });
  }
  const joined = ws.join(" ");
  const cmds = commands
    .map((c, i) => ({ c, i, t: fold(c.title) }))
    .filter(({ t }) => {
      const tw = t.split(/[^\p{L}\p{N}]+/u);
      return ws.every((w) => tw.some((x) => x.startsWith(w)));
    })
    .sort((a, b) => Number(!a.t.startsWith(joined)) - Number(!b.t.startsWith(joined)) || a.i - b.i);
  for (const { c } of cmds) out.push({ type: "command", command: c });
  return out;
}

/** moveActive: the index after an arrow key in a list of n items (wraps round; -1 when empty). */
export function moveActive(i: number, n: number, delta: number): number {
  if (n === 0) return -1;
  return (((i + delta) % n) + n) % n;
}
