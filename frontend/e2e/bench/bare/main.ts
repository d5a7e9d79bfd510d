// The bare page of the browser benchmark: the same nodes, ties, colours, sizes and positions as
// Plexus draws, read from the JSON Plexus itself served (GET /api/network, saved by the spec as
// network.json), drawn with sigma 3 + graphology from the project's own node_modules with sigma's
// defaults: default node and edge programs, no edge labels, no edge events, sigma's own hover.
// Built by the spec with Vite (bareServer.ts) and served from 127.0.0.1; nothing from the network.
//
// The row → graph mapping reproduces frontend/src/graph/model.ts and colors.ts (copied, not
// imported, so that the bare page stays the same while the app changes): kind colours, node size
// 5 + ego-tie strength (the ego 14), an ego tie from the ego to every alter (#b8c0cc, #dde2e8 when
// unset), ties #8a94a3, edge size 0.8 + 0.7 × strength. Directed ties are plain lines here (sigma's
// default edge program; Plexus draws arrows).
import Graph from 'graphology';
import Sigma from 'sigma';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import FA2LayoutSupervisor from 'graphology-layout-forceatlas2/worker';
import type { BareHook } from '../shared';

/** the wheel's zoom step: the same number as Plexus's graph/view.ts ZOOM_STEP (copied, not imported: see above) */
const ZOOM_STEP = 1.25;

const KIND_COLORS: Record<string, string> = {
  person: '#0072B2',
  organisation: '#E69F00',
  community: '#009E73',
  source: '#D55E00',
  service: '#CC79A7',
  device: '#56B4E9',
};
const EGO_COLOR = '#1f2937';
const EGO_EDGE_COLOR = '#b8c0cc';
const EGO_EDGE_UNSET_COLOR = '#dde2e8';
const TIE_EDGE_COLOR = '#8a94a3';
const EGO_SIZE = 14;
const clamp5 = (v: number) => Math.max(0, Math.min(5, Math.round(v)));
const nodeSize = (strength: number) => 5 + clamp5(strength);
/** fade: frontend/src/graph/encoding.ts fade (mixed 55 % with white), copied for the same reason. */
const fade = (hex: string): string => {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  const n = parseInt(m[1] as string, 16);
  const mix = (c: number) => Math.round(c + (255 - c) * 0.55);
  return `#${((mix((n >> 16) & 255) << 16) | (mix((n >> 8) & 255) << 8) | mix(n & 255)).toString(16).padStart(6, '0')}`;
};
const edgeSize = (strength: number) => (clamp5(strength) === 0 ? 0.8 : 0.8 + clamp5(strength) * 0.7);

type Cols = Record<string, unknown[] | undefined>;
interface Columnar {
  version: number;
  ego: string;
  nodes: Cols;
  ties: Cols;
}

const col = (c: Cols, name: string): unknown[] => c[name] ?? [];
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

interface N {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  hidden: boolean;
}
interface E {
  size: number;
  color: string;
  weight: number;
}

function buildGraph(raw: Columnar): Graph<N, E> {
  const graph = new Graph<N, E>({ multi: true, type: 'mixed', allowSelfLoops: false });
  const ids = col(raw.nodes, 'id');
  const [label, kind, xs, ys, relation, strength, status] = ['label', 'kind', 'x', 'y', 'relation', 'strength', 'status'].map((n) => col(raw.nodes, n));
  const ego = raw.ego;
  for (let i = 0; i < ids.length; i++) {
    const id = str(ids[i]);
    if (id === '') continue;
    const isEgo = id === ego;
    graph.addNode(id, {
      x: num(xs?.[i]),
      y: num(ys?.[i]),
      size: isEgo ? EGO_SIZE : nodeSize(num(strength?.[i])),
      // As Plexus draws them by default (graph/filters.ts defaultFilters, reducers.ts): archived
      // alters hidden (sigma then hides their ties too), dormant ones faded.
      color: isEgo ? EGO_COLOR : status?.[i] === 'dormant' ? fade(KIND_COLORS[str(kind?.[i])] ?? '') : (KIND_COLORS[str(kind?.[i])] ?? KIND_COLORS.person ?? ''),
      label: str(label?.[i]),
      hidden: !isEgo && status?.[i] === 'archived',
    });
  }
  if (ego !== '' && graph.hasNode(ego)) {
    for (let i = 0; i < ids.length; i++) {
      const id = str(ids[i]);
      if (id === '' || id === ego) continue;
      const s = num(strength?.[i]);
      const set = str(relation?.[i]) !== '' || s > 0;
      graph.addUndirectedEdgeWithKey(`ego:${id}`, ego, id, {
        color: set ? EGO_EDGE_COLOR : EGO_EDGE_UNSET_COLOR,
        size: edgeSize(s),
        weight: set ? Math.max(1, s) : 0.5,
      });
    }
  }
  const tids = col(raw.ties, 'id');
  const [from, to, directed, tstrength] = ['from', 'to', 'directed', 'strength'].map((n) => col(raw.ties, n));
  for (let i = 0; i < tids.length; i++) {
    const a = str(ids[num(from?.[i])]);
    const b = str(ids[num(to?.[i])]);
    if (a === '' || b === '' || a === b || !graph.hasNode(a) || !graph.hasNode(b)) continue;
    const s = num(tstrength?.[i]);
    const attrs = { color: TIE_EDGE_COLOR, size: edgeSize(s), weight: Math.max(1, s) };
    if (directed?.[i] === true) graph.addDirectedEdgeWithKey(str(tids[i]), a, b, attrs);
    else graph.addUndirectedEdgeWithKey(str(tids[i]), a, b, attrs);
  }
  return graph;
}

/** The layout settings Plexus uses (frontend/src/graph/view.ts startLayout). */
function fa2(graph: Graph<N, E>): FA2LayoutSupervisor {
  const inferred = forceAtlas2.inferSettings(graph);
  return new FA2LayoutSupervisor(graph, {
    getEdgeWeight: 'weight',
    settings: { ...inferred, scalingRatio: 150, gravity: 1, barnesHutOptimize: graph.order > 400 },
  });
}

async function main(): Promise<void> {
  const q = new URLSearchParams(location.search);
  const container = document.getElementById('graph') as HTMLElement;
  container.style.width = `${Number(q.get('w') ?? 1280)}px`;
  container.style.height = `${Number(q.get('h') ?? 800)}px`;
  const res = await fetch('network.json', { cache: 'no-store' });
  const raw = (await res.json()) as Columnar;
  const fetched = performance.now();
  const graph = buildGraph(raw);
  const built = performance.now();
  let hovered: string | null = null;
  // sigma's defaults but for the wheel's zoom step, Plexus's (graph/view.ts ZOOM_STEP), so
  // that the same notches zoom both pages alike. Its constructor renders once, synchronously.
  const sigma = new Sigma(graph, container, { zoomingRatio: ZOOM_STEP });
  const drawn = performance.now();
  sigma.on('enterNode', ({ node }) => (hovered = node));
  sigma.on('leaveNode', () => (hovered = null));

  const nextFrame = () => new Promise<number>((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0)));
  const hook: BareHook = {
    readyAt: drawn,
    fetchedAt: fetched,
    builtAt: built,
    ego: raw.ego,
    order: graph.order,
    size: graph.size,
    hovered: () => hovered,
    viewportPosition: (id) => {
      if (!graph.hasNode(id)) return null;
      const a = graph.getNodeAttributes(id);
      const p = sigma.graphToViewport({ x: a.x, y: a.y });
      return { x: p.x, y: p.y };
    },
    positions: () => {
      const out: { id: string; x: number; y: number }[] = [];
      graph.forEachNode((id, a) => {
        const p = sigma.graphToViewport({ x: a.x, y: a.y });
        out.push({ id, x: p.x, y: p.y });
      });
      return out;
    },
    async renderOnce(id) {
      // What a drag's position update costs here: one attribute change, sigma's scheduled refresh.
      const draws0 = window.__bench?.draws ?? 0;
      const t0 = performance.now();
      graph.updateNodeAttribute(id, 'x', (x) => (x ?? 0) + 1e-3);
      const end = await nextFrame();
      return { ms: end - t0, draws: (window.__bench?.draws ?? 0) - draws0 };
    },
    async fa2(ms, withRenderer) {
      // Alone: on a copy of the graph that no renderer watches (the worker's own pace, with the
      // supervisor's position copy on the main thread). With the renderer: on the drawn graph.
      const g = withRenderer ? graph : graph.copy();
      const layout = fa2(g);
      let iterations = 0;
      layout.start();
      const worker = (layout as unknown as { worker: Worker }).worker;
      worker.addEventListener('message', () => iterations++);
      const t0 = performance.now();
      await new Promise((r) => setTimeout(r, ms));
      const t1 = performance.now();
      const n = iterations;
      layout.kill();
      if (withRenderer) await nextFrame();
      return { iterations: n, perSecond: (n / (t1 - t0)) * 1000 };
    },
  };
  Object.defineProperty(window, '__bare', { value: hook, configurable: true });
}

declare global {
  interface Window {
    __bench?: { draws: number };
  }
}

void main();
