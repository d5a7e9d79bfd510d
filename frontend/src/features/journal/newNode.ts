// Where a node created from the journal ("Create node" in the [[ list)
// goes on the map (pure): near the ego, in the first free place.

export interface Point {
  x: number;
  y: number;
}

const GOLDEN_ANGLE = 2.399963229728653;

/**
 * newNodeSpot returns a graph position around center (the ego) with no
 * node of nodes within spacing (graph units): tried on rings 2, 3, 4 …
 * spacings out, spacing apart along each ring, starting at an angle that
 * turns by the golden angle with each node already there (successive nodes
 * do not line up). After 40 rings it gives the first point of the next.
 */
export function newNodeSpot(nodes: readonly Point[], center: Point, spacing = 60): Point {
  const phase = GOLDEN_ANGLE * nodes.length;
  const free = (p: Point) => nodes.every((n) => Math.hypot(n.x - p.x, n.y - p.y) >= spacing);
  for (let ring = 2; ring < 42; ring++) {
    const r = ring * spacing;
    const k = Math.max(6, Math.floor((2 * Math.PI * r) / spacing));
    for (let i = 0; i < k; i++) {
      const a = phase + (i * 2 * Math.PI) / k;
      const p = { x: center.x + r * Math.cos(a), y: center.y + r * Math.sin(a) };
      if (free(p)) return p;
    }
  }
  const r = 42 * spacing;
  return { x: center.x + r * Math.cos(phase), y: center.y + r * Math.sin(phase) };
}
