// The ego-centred layout (pure): the ego in the middle, every alter on a ring
// by the strength of its ego tie (strongest innermost, unset outermost) and in
// a sector by its kind or its first context, as an ego-network diagram draws
// it (the "target" or concentric-circle sociogram: Northway 1940, and the
// hierarchical mapping technique of Kahn & Antonucci 1980). Pinned alters stay
// where the user put them. Graph coordinates throughout.

/** an alter as the layout sees it: strength 0 (unset) … 5; group: the sector key ("" for none) */
export interface EgoAlter {
  id: string;
  label: string;
  strength: number;
  group: string;
  pinned: boolean;
}

export interface EgoLayoutOptions {
  /** the ego's position: the centre of the rings */
  centre: { x: number; y: number };
  /** the distance between two rings (graph units) */
  ringGap: number;
  /** the least distance between two neighbours on a ring (graph units); a crowded ring grows */
  minSpacing: number;
  /** the order of the sectors, clockwise from the top; groups not listed follow A–Z, "" last */
  groupOrder?: readonly string[];
}

/** RINGS: the ring index of each strength: 5 → 1 (innermost) … 1 → 5, unset (0) → 6. */
export function ringOf(strength: number): number {
  const s = Math.round(strength);
  return s >= 1 && s <= 5 ? 6 - s : 6;
}

/**
 * egoLayout returns the new position of every unpinned alter, by id. Each
 * group gets a sector of the circle in proportion to its number of alters
 * (pinned ones included, so a sector does not move when one is pinned);
 * within its sector a group's alters on one ring are spread evenly, A–Z by
 * label. A ring's radius is ringGap × its index, and at least ringGap
 * beyond the ring inside it; a sector with more alters than fit minSpacing
 * apart spills onto sub-rings ringGap / 2 further out.
 */
export function egoLayout(alters: readonly EgoAlter[], o: EgoLayoutOptions): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  if (alters.length === 0) return out;
  // Sectors.
  const counts = new Map<string, number>();
  for (const a of alters) counts.set(a.group, (counts.get(a.group) ?? 0) + 1);
  const order = o.groupOrder ?? [];
  const rank = (g: string) => {
    const i = order.indexOf(g);
    return i >= 0 ? i : g === "" ? Number.MAX_SAFE_INTEGER : order.length;
  };
  const groups = [...counts.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const sector = new Map<string, { start: number; span: number }>();
  let at = -Math.PI / 2; // clockwise from the top (viewport: y grows downwards; graph y is flipped by sigma)
  for (const g of groups) {
    const span = (2 * Math.PI * (counts.get(g) ?? 0)) / alters.length;
    sector.set(g, { start: at, span });
    at += span;
  }
  // Rings: who is on each, per group, A–Z.
  const rings = new Map<number, Map<string, EgoAlter[]>>();
  for (const a of alters) {
    const r = ringOf(a.strength);
    let byGroup = rings.get(r);
    if (!byGroup) rings.set(r, (byGroup = new Map()));
    const list = byGroup.get(a.group) ?? [];
    list.push(a);
    byGroup.set(a.group, list);
  }
  let outer = 0; // the outermost radius used so far
  for (const r of [...rings.keys()].sort((a, b) => a - b)) {
    const byGroup = rings.get(r)!;
    const radius = Math.max(outer + o.ringGap, r * o.ringGap);
    // A crowded sector spills onto sub-rings half a gap apart, each holding
    // as many as fit minSpacing apart at its radius (staggered by half a step).
    const sub = o.ringGap / 2;
    let used = radius;
    for (const [g, list] of byGroup) {
      const { start, span } = sector.get(g)!;
      list.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      let i = 0;
      for (let j = 0; i < list.length; j++) {
        const rad = radius + j * sub;
        const cap = Math.max(1, Math.floor((span * rad) / o.minSpacing));
        const row = list.slice(i, i + cap);
        i += row.length;
        used = Math.max(used, rad);
        row.forEach((a, k) => {
          if (a.pinned) return;
          const t = start + (span * (k + (j % 2 === 0 ? 0.5 : 0.25 + 0.5))) / row.length;
          // Graph y grows upwards on screen (sigma flips it): minus keeps "clockwise from the top".
          out.set(a.id, { x: o.centre.x + rad * Math.cos(t), y: o.centre.y - rad * Math.sin(t) });
        });
      }
    }
    outer = used;
  }
  return out;
}
