// Shapes shared by the benchmark spec (Node) and the bare page (browser): type-only.

export interface Point {
  x: number;
  y: number;
}

/** window.__bare: what the bare page exposes to the spec. */
export interface BareHook {
  /** performance.now() after sigma's constructor (its first render) returned */
  readyAt: number;
  /** after network.json was fetched and parsed */
  fetchedAt: number;
  /** after the graphology graph was built */
  builtAt: number;
  ego: string;
  order: number;
  size: number;
  /** the node sigma's own hover reports (enterNode / leaveNode) */
  hovered(): string | null;
  viewportPosition(id: string): Point | null;
  positions(): { id: string; x: number; y: number }[];
  /** moves a node by a hair and waits for sigma's scheduled refresh and the next frame */
  renderOnce(id: string): Promise<{ ms: number; draws: number }>;
  /** runs the ForceAtlas2 worker (Plexus's settings) for ms; withRenderer: on the drawn graph */
  fa2(ms: number, withRenderer: boolean): Promise<{ iterations: number; perSecond: number }>;
}
