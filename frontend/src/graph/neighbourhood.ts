// Focus mode (pure): the nodes within a number of steps of the focused ones,
// along alter–alter ties. The ego is in every neighbourhood but is never a
// step on the way: it is tied to every alter, so two steps through it would
// be the whole network (ego-network analysis counts alter–alter ties only).

/** The graph as the walk needs it: graphology's Graph satisfies it. */
export interface WalkGraph {
  hasNode(id: string): boolean;
  forEachNeighbor(id: string, cb: (neighbour: string) => void): void;
}

/** MAX_FOCUS_STEPS: the deepest neighbourhood offered (1, 2 or 3 steps). */
export const MAX_FOCUS_STEPS = 3;

/**
 * neighbourhood returns the focused nodes, every node within `steps` ties of
 * one of them (breadth first, not through the ego), and the ego. Cost: the
 * degrees of the nodes reached.
 */
export function neighbourhood(g: WalkGraph, focused: readonly string[], steps: number, ego: string): Set<string> {
  const out = new Set<string>();
  let frontier = focused.filter((id) => g.hasNode(id));
  for (const id of frontier) out.add(id);
  for (let d = 0; d < steps && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const id of frontier) {
      if (id === ego) continue;
      g.forEachNeighbor(id, (n) => {
        if (out.has(n)) return;
        out.add(n);
        next.push(n);
      });
    }
    frontier = next;
  }
  if (g.hasNode(ego)) out.add(ego);
  return out;
}
