// Browser benchmark (`make bench-browser`; docs/benchmarks.md "Browser: Plexus vs bare sigma").
// For each size it generates a synthetic network (backend/synth's plnsynth), restores it into the
// app's fresh data folder with `plexus restore`, saves what the app then serves (GET /api/network)
// as the bare page's network.json, and measures in the same Chromium (software GL), side by side:
//   - navigation → graph drawn, per phase (bundle, data fetched, drawn), main-thread CPU split by
//     a V8 CPU profile (JS, GC, native), long tasks, WebGL draw calls; BENCH_RUNS loads of each
//     page, alternating, median;
//   - hover → next frame for an ordinary node and for the ego (tied to every alter), Plexus
//     against sigma's default hover in the bare page, with the JS time of each hover;
//   - click a node → side panel shown (Plexus only): wall time and JS time;
//   - drag a node and release → position saved (the app's GET /api/network?node=… answer after
//     the SetPositions call) → the row applied (the test hook shows the node pinned) → next
//     frame, against one bare-page render (one node attribute change, sigma's scheduled refresh);
//   - panning with real mouse drags: frames/s and GL draw calls per drawn frame;
//   - ForceAtlas2 iterations/s while Plexus's layout runs (Start layout) against the same worker
//     with Plexus's settings alone on the same graph in the bare page (and with sigma drawing it),
//     then layout stop → positions saved.
// Pointer input is real (Playwright's mouse, CDP input events); nodes are found through the app's
// read-only test hook (frontend/src/graph/testHook.ts) and DOM through data-testid. This is a
// benchmark, not a test: it asserts only that the pages work, never a time.
//
// Environment: BENCH_SIZES=2000 (node counts, comma-separated) runs only those sizes;
// BENCH_RUNS (default 3) loads per page; BENCH_LABEL=before|after (default after) names the
// column the results fill; BENCH_RESULTS (a folder, default ./results) keeps before.json /
// after.json; BENCH_DOC (default the repository's docs/benchmarks.md; "-" for none) gets the
// tables rebuilt from both files; PLNSYNTH: a plnsynth binary to use instead of
// `go run ./backend/synth/cmd/plnsynth` (the before run on an older checkout uses the current one).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { test, expect } from '../fixtures';
import type { PlexusTestHook } from '../../src/graph/testHook';
import { buildBare, serveBare, type BareServer } from './bareServer';
import { instrument, type BenchState, type LongTask, type Probe } from './instrument';
import { renderDoc, type Cpu, type Interaction, type LoadRun, type PageSummary, type SizeResult, type Results } from './report';
import type { BareHook, Point } from './shared';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../../..');

const ALL_SIZES = [
  { name: '2k nodes / 10k ties', nodes: 2_000, ties: 10_000 },
  { name: '10k nodes / 50k ties', nodes: 10_000, ties: 50_000 },
];
const only = (process.env.BENCH_SIZES ?? '').split(',').filter(Boolean).map(Number);
const SIZES = only.length ? ALL_SIZES.filter((s) => only.includes(s.nodes)) : ALL_SIZES;
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const LABEL = process.env.BENCH_LABEL === 'before' ? 'before' : 'after';
const RESULTS_DIR = path.resolve(process.env.BENCH_RESULTS ?? path.join(HERE, 'results'));
const DOC = process.env.BENCH_DOC ?? path.join(REPO, 'docs/benchmarks.md');
const SEED = 1;
const PAN_MS = 4_000;
const LAYOUT_MS = 6_000;
const HOVERS = 3;
const DRAGS = 3;
/** wheel notches into the ego before hovering it (ZOOM_STEP 1.25× each in both pages, ~4.8× in all: alters cover the ego at the fitted view) */
const EGO_ZOOM_NOTCHES = 7;

type W = Window & { __bench: BenchState; __plexus?: PlexusTestHook; __bare?: BareHook };

// ---- data -------------------------------------------------------------------

/** Writes the backup for a size; returns the generator's name. */
function generate(file: string, nodes: number, ties: number): string {
  const args = ['-nodes', String(nodes), '-ties', String(ties), '-seed', String(SEED), '-out', file];
  if (process.env.PLNSYNTH) {
    execFileSync(process.env.PLNSYNTH, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    return 'plnsynth (backend/synth)';
  }
  execFileSync('go', ['run', './backend/synth/cmd/plnsynth', ...args], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  return 'plnsynth (backend/synth)';
}

interface Net {
  ego: string;
  ids: string[];
  x: number[];
  y: number[];
  pinned: boolean[];
  degree: Map<string, number>;
  /** every drawn edge as indexes into ids: the ego's tie to each alter, then the ties */
  edges: [number, number][];
  /** node sizes as Plexus and the bare page draw them (colors.ts: the ego 14, alters 5 + strength) */
  sizes: Map<string, number>;
}

function parseNet(json: string): Net {
  const raw = JSON.parse(json) as { ego: string; nodes: Record<string, unknown[]>; ties: Record<string, unknown[]> };
  const ids = (raw.nodes.id ?? []) as string[];
  const degree = new Map<string, number>();
  for (const id of ids) degree.set(id, 0);
  const from = (raw.ties.from ?? []) as number[];
  const to = (raw.ties.to ?? []) as number[];
  const egoIdx = ids.indexOf(raw.ego);
  const edges: [number, number][] = [];
  if (egoIdx >= 0) for (let i = 0; i < ids.length; i++) if (i !== egoIdx) edges.push([egoIdx, i]);
  for (let i = 0; i < from.length; i++) {
    edges.push([from[i] as number, to[i] as number]);
    for (const e of [from[i], to[i]]) {
      const id = ids[e as number];
      if (id !== undefined) degree.set(id, (degree.get(id) ?? 0) + 1);
    }
  }
  return {
    ego: raw.ego,
    ids,
    x: (raw.nodes.x ?? []) as number[],
    y: (raw.nodes.y ?? []) as number[],
    pinned: ((raw.nodes.pinned ?? []) as unknown[]).map((v) => v === true),
    degree,
    edges,
    sizes: new Map(
      ids.map((id, i) => [id, id === raw.ego ? 14 : 5 + Math.max(0, Math.min(5, Math.round(Number((raw.nodes.strength ?? [])[i]) || 0)))]),
    ),
  };
}

/**
 * Ordinary nodes to point at: unpinned alters of the median tie degree, the most isolated first
 * (largest distance to the nearest other node in graph space, so the pointer picks them alone).
 */
function ordinaryNodes(net: Net, count: number): string[] {
  const alters = net.ids.map((id, i) => ({ id, i })).filter((a) => a.id !== net.ego && !net.pinned[a.i]);
  const degs = alters.map((a) => net.degree.get(a.id) ?? 0).sort((a, b) => a - b);
  const median = degs[Math.floor(degs.length / 2)] ?? 0;
  let cands = alters.filter((a) => (net.degree.get(a.id) ?? 0) === median);
  if (cands.length > 400) cands = cands.filter((_, k) => k % Math.ceil(cands.length / 400) === 0);
  const xs = net.x;
  const ys = net.y;
  const scored = cands.map((c) => {
    let d = Infinity;
    const cx = xs[c.i] ?? 0;
    const cy = ys[c.i] ?? 0;
    for (let j = 0; j < net.ids.length; j++) {
      if (j === c.i) continue;
      const dd = Math.hypot((xs[j] ?? 0) - cx, (ys[j] ?? 0) - cy);
      if (dd < d) d = dd;
    }
    return { id: c.id, d };
  });
  scored.sort((a, b) => b.d - a.d);
  return scored.slice(0, count).map((s) => s.id);
}

/** Median tie degree of the ordinary nodes (for the report). */
function degreeOf(net: Net, id: string): number {
  return (net.degree.get(id) ?? 0) + (id === net.ego ? 0 : 1);
}

// ---- page helpers -------------------------------------------------------------

interface ProfileNode {
  id: number;
  callFrame: { functionName: string };
}

function cpuOf(profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }): Cpu {
  const name = new Map(profile.nodes.map((n) => [n.id, n.callFrame.functionName]));
  const c: Cpu = { js: 0, gc: 0, native: 0 };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const d = (deltas[i] ?? 0) / 1000;
    const n = name.get(samples[i] as number);
    if (n === '(idle)' || n === '(root)') continue;
    if (n === '(program)') c.native += d;
    else if (n === '(garbage collector)') c.gc += d;
    else c.js += d;
  }
  return c;
}

async function profiled<T>(cdp: CDPSession, fn: () => Promise<T>): Promise<{ value: T; cpu: Cpu }> {
  await cdp.send('Profiler.start');
  const value = await fn();
  const { profile } = await cdp.send('Profiler.stop');
  return { value, cpu: cpuOf(profile as unknown as { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }) };
}

async function openPage(context: BrowserContext): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await context.newPage();
  await page.addInitScript(instrument);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  return { page, cdp };
}

const taskSummary = (tasks: LongTask[]) => ({
  n: tasks.length,
  total: tasks.reduce((s, t) => s + t.duration, 0),
  max: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
});

/** Loads a page and waits for its first draw with nodes. */
async function load(context: BrowserContext, url: string, kind: 'plexus' | 'bare'): Promise<{ page: Page; cdp: CDPSession; run: LoadRun }> {
  const { page, cdp } = await openPage(context);
  const { cpu } = await profiled(cdp, async () => {
    await page.goto(url);
    await page.waitForFunction(
      (k) => {
        const w = window as unknown as W;
        return k === 'plexus' ? w.__bench.readyAt !== null : w.__bare !== undefined;
      },
      kind,
      { timeout: 240_000, polling: 20 },
    );
  });
  const m = await page.evaluate((k) => {
    const w = window as unknown as W;
    const b = w.__bench;
    const readyAt = k === 'plexus' ? (b.readyAt as number) : (w.__bare as BareHook).readyAt;
    const res = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const data = res.find((e) => (k === 'plexus' ? /\/api\/network(\?|$)/.test(e.name) : e.name.endsWith('network.json')));
    const scripts = res.filter((e) => e.initiatorType === 'script' && !e.name.includes('/wails/'));
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const mem = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
    return {
      readyAt,
      bundleAt: scripts.reduce((m, e) => Math.max(m, e.responseEnd), 0),
      domContentLoadedAt: nav ? nav.domContentLoadedEventEnd : NaN,
      dataStart: data ? data.startTime : NaN,
      dataEnd: data ? data.responseEnd : NaN,
      dataBytes: data ? data.encodedBodySize : 0,
      parsedAt: k === 'bare' ? (w.__bare as BareHook).fetchedAt : NaN,
      builtAt: k === 'bare' ? (w.__bare as BareHook).builtAt : NaN,
      draws: b.draws,
      readPixels: b.readPixels,
      heapMB: mem ? mem.usedJSHeapSize / 1e6 : 0,
      tasks: b.longTasks.filter((t) => t.start < readyAt),
    };
  }, kind);
  const lt = taskSummary(m.tasks);
  return {
    page,
    cdp,
    run: {
      drawnMs: m.readyAt,
      bundleMs: m.bundleAt,
      domContentLoadedMs: m.domContentLoadedAt,
      dataStartMs: m.dataStart,
      dataEndMs: m.dataEnd,
      dataBytes: m.dataBytes,
      parsedMs: m.parsedAt,
      builtMs: m.builtAt,
      draws: m.draws,
      readPixels: m.readPixels,
      heapMB: m.heapMB,
      longTasks: lt.n,
      longTaskMs: lt.total,
      longTaskMax: lt.max,
      cpu,
    },
  };
}

async function rendererOf(page: Page): Promise<string> {
  return page.evaluate(() => {
    const c = document.createElement('canvas');
    const gl = (c.getContext('webgl2') ?? c.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return 'no WebGL';
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const r = ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
    return `${gl instanceof WebGL2RenderingContext ? 'WebGL2' : 'WebGL1'}: ${String(r)}`;
  });
}

const settle = async (page: Page, ms = 300) => {
  await page.evaluate(() => (window as unknown as W).__bench.nextFrame());
  await page.waitForTimeout(ms);
  await page.evaluate(() => (window as unknown as W).__bench.nextFrame());
};

/** Node positions on the page (page coordinates). */
async function positions(page: Page, canvasTestId: string, kind: 'plexus' | 'bare'): Promise<Map<string, Point>> {
  const box = await page.getByTestId(canvasTestId).boundingBox();
  if (!box) throw new Error(`no ${canvasTestId}`);
  const list = await page.evaluate((k) => {
    const w = window as unknown as W;
    if (k === 'bare') return (w.__bare as BareHook).positions();
    const hook = w.__plexus as PlexusTestHook;
    const out: { id: string; x: number; y: number }[] = [];
    for (const n of hook.nodes()) {
      const p = hook.viewportPosition(n.id);
      if (p) out.push({ id: n.id, x: p.x, y: p.y });
    }
    return out;
  }, kind);
  return new Map(list.map((p) => [p.id, { x: box.x + p.x, y: box.y + p.y }]));
}

/**
 * The point of the ego's disc (drawn radius ≈ size × √zoom px) that is farthest outside every
 * other node's disc; margin < 0 means every pixel of the ego is covered by some alter.
 */
function egoPoint(pos: Map<string, Point>, net: Net, zoom: number): { at: Point; margin: number } {
  const e = pos.get(net.ego);
  if (!e) throw new Error('the ego is not on screen');
  const k = Math.sqrt(zoom);
  // The inner part of the disc only: sigma picks from a downsized picking buffer, and Plexus
  // draws a border ring.
  const r = 14 * k * 0.6;
  const others = [...pos]
    .filter(([id, p]) => id !== net.ego && Math.hypot(p.x - e.x, p.y - e.y) < r + 12 * k)
    .map(([id, p]) => ({ p, s: (net.sizes.get(id) ?? 10) * k }));
  let best = { at: e, margin: -Infinity };
  for (let dx = -Math.floor(r); dx <= r; dx++) {
    for (let dy = -Math.floor(r); dy <= r; dy++) {
      if (Math.hypot(dx, dy) > r) continue;
      const q = { x: e.x + dx, y: e.y + dy };
      let m = Infinity;
      for (const o of others) m = Math.min(m, Math.hypot(o.p.x - q.x, o.p.y - q.y) - o.s);
      if (m > best.margin) best = { at: q, margin: m };
    }
  }
  return best;
}

/**
 * Zooms in (notches > 0) or out with real mouse-wheel notches at a point (sigma's own wheel zoom,
 * 1.7× a notch, animated), waiting for each to be drawn. Out by the same notches at the same
 * point gives the camera back. Returns how much larger distances between nodes now are.
 */
async function wheelZoom(page: Page, at: Point, notches: number, probe: () => Promise<Map<string, Point>>, a: string, b: string): Promise<number> {
  const before = await probe();
  await page.mouse.move(at.x, at.y);
  await settle(page);
  for (let i = 0; i < Math.abs(notches); i++) {
    await page.mouse.wheel(0, notches > 0 ? -120 : 120);
    await page.waitForTimeout(700);
    await settle(page);
  }
  await settle(page, 500);
  const after = await probe();
  const d = (m: Map<string, Point>) => {
    const p = m.get(a);
    const q = m.get(b);
    return p && q ? Math.hypot(p.x - q.x, p.y - q.y) : NaN;
  };
  return d(after) / d(before);
}

/** Distance from p to the segment a–b. */
function segDist(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const l2 = dx * dx + dy * dy;
  const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / l2));
  return Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
}

/**
 * A point on the canvas away from every node and, as far as there is one, every drawn tie (the
 * ego ties included): the pointer rests there between gestures, so that nothing is hovered. (Not
 * off the canvas: sigma 3.0.3's mouseleave emits leaveNode without forgetting the hovered node,
 * so coming back onto the same node would not hover it again.)
 */
async function emptySpot(page: Page, canvasTestId: string, pos: Map<string, Point>, net: Net): Promise<Point> {
  const box = await page.getByTestId(canvasTestId).boundingBox();
  if (!box) throw new Error('no canvas');
  const pts = [...pos.values()];
  const segs: [Point, Point][] = [];
  for (const [a, b] of net.edges) {
    const pa = pos.get(net.ids[a] ?? '');
    const pb = pos.get(net.ids[b] ?? '');
    if (pa && pb) segs.push([pa, pb]);
  }
  const scored: { c: Point; d: number }[] = [];
  for (let gx = 0.1; gx <= 0.9; gx += 0.025) {
    for (let gy = 0.1; gy <= 0.9; gy += 0.025) {
      const c = { x: box.x + box.width * gx, y: box.y + box.height * gy };
      let d = Infinity;
      for (const p of pts) d = Math.min(d, Math.hypot(p.x - c.x, p.y - c.y) - 12);
      for (const [a, b] of segs) {
        if (d <= 0) break;
        d = Math.min(d, segDist(c, a, b) - 3);
      }
      scored.push({ c, d });
    }
  }
  scored.sort((a, b) => b.d - a.d);
  for (const { c } of scored.slice(0, 50)) {
    const onCanvas = await page.evaluate((p) => document.elementFromPoint(p.x, p.y)?.tagName === 'CANVAS', c);
    if (onCanvas) return c;
  }
  throw new Error('no empty spot');
}

async function arm(page: Page, type: string): Promise<void> {
  await page.evaluate((t) => {
    const b = (window as unknown as W).__bench;
    b.probe = null;
    b.armed = t;
  }, type);
}

async function takeProbe(page: Page): Promise<{ probe: Probe; tasks: LongTask[] }> {
  await page.waitForFunction(() => (window as unknown as W).__bench.probe !== null, null, { timeout: 240_000, polling: 20 });
  return page.evaluate(() => {
    const b = (window as unknown as W).__bench;
    const p = b.probe as Probe;
    return { probe: p, tasks: b.longTasks.filter((t) => t.start + t.duration > p.t0 && t.start < p.frameAt) };
  });
}

function interaction(probe: Probe, tasks: LongTask[], cpu: Cpu, extra: Partial<Interaction> = {}): Interaction {
  const lt = taskSummary(tasks);
  return {
    ms: probe.frameAt - probe.t0,
    handledMs: probe.handledAt - probe.t0,
    draws: probe.draws,
    readPixels: probe.readPixels,
    longTasks: lt.n,
    longTaskMs: lt.total,
    cpu,
    ...extra,
  };
}

/** Hover: from off the canvas straight onto the point; the probe times the move to the next frame. */
async function hover(page: Page, cdp: CDPSession, target: Point, away: Point): Promise<Interaction> {
  await page.mouse.move(away.x, away.y);
  await settle(page);
  await arm(page, 'mousemove');
  const { value, cpu } = await profiled(cdp, async () => {
    await page.mouse.move(target.x, target.y);
    return takeProbe(page);
  });
  return interaction(value.probe, value.tasks, cpu);
}

/** Plexus: press and release on a node already hovered → its panel shown → next frame. */
async function clickPanel(page: Page, cdp: CDPSession, target: Point, away: Point): Promise<Interaction> {
  await page.mouse.move(away.x, away.y);
  await settle(page);
  await page.mouse.move(target.x, target.y);
  await settle(page, 400);
  const sel = '[data-testid=panel-node], [data-testid=panel-tie]';
  await page.evaluate((s) => {
    const w = window as unknown as W & { __panel?: { at: number; frameAt: number; id: string } };
    const rec = { at: NaN, frameAt: NaN, id: '' };
    w.__panel = rec;
    const mo = new MutationObserver(() => {
      const el = document.querySelector(s);
      if (!el) return;
      mo.disconnect();
      rec.id = el.getAttribute('data-node-id') ?? `tie ${el.getAttribute('data-tie-id') ?? ''}`;
      rec.at = performance.now();
      void w.__bench.nextFrame().then((t) => (rec.frameAt = t));
    });
    mo.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-node-id', 'data-tie-id'] });
  }, sel);
  await arm(page, 'mouseup');
  const { value, cpu } = await profiled(cdp, async () => {
    await page.mouse.down();
    await page.mouse.up();
    await page.waitForFunction(() => Number.isFinite((window as unknown as { __panel: { frameAt: number } }).__panel.frameAt), null, {
      timeout: 240_000,
      polling: 20,
    });
    const { probe, tasks } = await takeProbe(page);
    const panel = await page.evaluate(() => (window as unknown as { __panel: { at: number; frameAt: number; id: string } }).__panel);
    return { probe, tasks, panel };
  });
  const { probe, panel } = value;
  const tasks = await page.evaluate((t) => (window as unknown as W).__bench.longTasks.filter((x) => x.start + x.duration > t.t0 && x.start < t.end), {
    t0: probe.t0,
    end: panel.frameAt,
  });
  const r = interaction({ ...probe, frameAt: panel.frameAt }, tasks, cpu, { shownMs: panel.at - probe.t0, target: panel.id });
  await page.getByTestId('panel-close').click();
  await expect(page.locator(sel)).toHaveCount(0, { timeout: 120_000 });
  return r;
}

/** A UI gesture (act) timed from its first event of type to the next frame, with the JS time it took. */
async function gesture(page: Page, cdp: CDPSession, type: 'mouseup' | 'keydown', act: () => Promise<void>): Promise<Interaction> {
  await settle(page);
  await arm(page, type);
  const { value, cpu } = await profiled(cdp, async () => {
    await act();
    return takeProbe(page);
  });
  return interaction(value.probe, value.tasks, cpu);
}

/** Plexus: drag a node 60 px and release → saved (its GET /api/network?node= answered) → applied (pinned) → next frame. */
async function drag(page: Page, cdp: CDPSession, id: string, from: Point, away: Point): Promise<Interaction> {
  await page.mouse.move(away.x, away.y);
  await settle(page);
  await page.mouse.move(from.x, from.y);
  await settle(page);
  await page.mouse.down();
  for (let k = 1; k <= 6; k++) await page.mouse.move(from.x + 10 * k, from.y + 4 * k);
  await settle(page);
  await arm(page, 'mouseup');
  const { value, cpu } = await profiled(cdp, async () => {
    await page.mouse.up();
    const { probe } = await takeProbe(page);
    const done = await page.evaluate(
      ({ nid, t0 }) =>
        new Promise<{ savedAt: number; appliedAt: number; frameAt: number }>((resolve, reject) => {
          const w = window as unknown as W;
          const deadline = performance.now() + 240_000;
          let savedAt = NaN;
          const tick = () => {
            if (!Number.isFinite(savedAt)) {
              const r = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find(
                (e) => e.startTime > t0 && e.name.includes('/api/network?') && e.name.includes(nid),
              );
              if (r) savedAt = r.responseEnd;
            }
            // The hook is read only once the answer is in (it lists every node: not for every tick).
            if (Number.isFinite(savedAt) || performance.now() - t0 > 5_000) {
              const n = w.__plexus?.nodes().find((x) => x.id === nid);
              if (n?.pinned) {
                const appliedAt = performance.now();
                void w.__bench.nextFrame().then((frameAt) => resolve({ savedAt, appliedAt, frameAt }));
                return;
              }
            }
            if (performance.now() > deadline) reject(new Error('the drag was not saved within 240 s'));
            else setTimeout(tick, Number.isFinite(savedAt) ? 5 : 50);
          };
          tick();
        }),
      { nid: id, t0: probe.t0 },
    );
    return { probe, done };
  });
  const { probe, done } = value;
  const tasks = await page.evaluate((t) => (window as unknown as W).__bench.longTasks.filter((x) => x.start + x.duration > t.t0 && x.start < t.end), {
    t0: probe.t0,
    end: done.frameAt,
  });
  return interaction({ ...probe, frameAt: done.frameAt }, tasks, cpu, {
    releaseFrameMs: probe.frameAt - probe.t0,
    savedMs: done.savedAt - probe.t0,
    appliedMs: done.appliedAt - probe.t0,
  });
}

interface Frames {
  fps: number;
  drawsPerFrame: number;
  drawnFrames: number;
  cpu: Cpu;
}

/** Pans with real mouse drags for PAN_MS and counts animation frames and draw calls per frame. */
async function pan(page: Page, cdp: CDPSession, start: Point): Promise<Frames> {
  await page.evaluate(() => {
    const w = window as unknown as W & { __frames?: { t: number; draws: number }[] | null };
    const f: { t: number; draws: number }[] = [];
    w.__frames = f;
    const tick = (t: number) => {
      if (w.__frames !== f) return;
      f.push({ t, draws: w.__bench.draws });
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const { cpu } = await profiled(cdp, async () => {
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    const t0 = Date.now();
    for (;;) {
      const t = Date.now() - t0;
      if (t >= PAN_MS) break;
      const a = (t / 1000) * Math.PI;
      await page.mouse.move(start.x + 120 * Math.sin(a), start.y + 60 * (1 - Math.cos(a)));
    }
    await page.mouse.move(start.x, start.y);
    await page.mouse.up();
  });
  const f = await page.evaluate(() => {
    const w = window as unknown as W & { __frames?: { t: number; draws: number }[] | null };
    const out = w.__frames ?? [];
    w.__frames = null;
    return out;
  });
  const d: number[] = [];
  for (let i = 1; i < f.length; i++) {
    const n = (f[i] as { draws: number }).draws - (f[i - 1] as { draws: number }).draws;
    if (n > 0) d.push(n);
  }
  d.sort((a, b) => a - b);
  const span = f.length > 1 ? (f[f.length - 1] as { t: number }).t - (f[0] as { t: number }).t : NaN;
  return { fps: ((f.length - 1) / span) * 1000, drawsPerFrame: d[Math.floor(d.length / 2)] ?? 0, drawnFrames: d.length, cpu };
}

const median = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

// ---- the benchmark --------------------------------------------------------------

test.describe.configure({ mode: 'serial' });

const BARE_OUT = path.resolve(REPO, 'artifacts/bench-bare');
let bare: BareServer | null = null;
const done: SizeResult[] = [];
let renderer = '';

test.beforeAll(async () => {
  await buildBare(BARE_OUT);
  bare = await serveBare(BARE_OUT);
});

test.afterAll(async () => {
  await bare?.close();
  if (done.length === 0) return;
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${LABEL}.json`);
  const prev: Results | null = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Results) : null;
  const sizes = [...(prev?.sizes ?? []).filter((s) => !done.some((d) => d.nodes === s.nodes)), ...done].sort((a, b) => a.nodes - b.nodes);
  const chromium = (() => {
    try {
      return execFileSync(process.env.CHROMIUM ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return 'Chromium';
    }
  })();
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const git = (args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: REPO, encoding: 'utf8' }).trim();
    } catch {
      return '?';
    }
  };
  const results: Results = {
    label: LABEL,
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    commit: git(['rev-parse', '--short', 'HEAD']) + (git(['status', '--porcelain', '--', 'frontend/src', 'backend']) ? ' + uncommitted changes' : ''),
    machine: `${(cpuinfo.match(/model name\s*:\s*(.*)/)?.[1] ?? 'unknown CPU').trim()}, ${(cpuinfo.match(/^processor/gm) ?? []).length} cores, load average ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} at the end`,
    chromium,
    renderer: renderer || prev?.renderer || '?',
    runs: RUNS,
    sizes,
  };
  fs.writeFileSync(file, JSON.stringify(results, null, 1) + '\n');
  console.log(`\nresults: ${file}`);
  if (DOC !== '-') {
    const read = (l: string) => {
      const f = path.join(RESULTS_DIR, `${l}.json`);
      return fs.existsSync(f) ? (JSON.parse(fs.readFileSync(f, 'utf8')) as Results) : null;
    };
    const doc = fs.readFileSync(DOC, 'utf8');
    fs.writeFileSync(DOC, renderDoc(doc, read('before'), read('after')));
    console.log(`rewrote the "Browser: Plexus vs bare sigma" block of ${DOC}`);
  }
});

for (const size of SIZES) {
  test(`Plexus vs bare sigma at ${size.name}`, async ({ app, context }, testInfo) => {
    test.setTimeout(1_200_000);
    const t = (what: string) => console.log(`[${size.nodes}] ${new Date().toISOString().slice(11, 19)} ${what}`);
    const bin = process.env.PLEXUS_BIN;
    if (!bin || !bare) throw new Error('PLEXUS_BIN is not set (run make bench-browser)');
    const file = testInfo.outputPath('backup.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const generator = generate(file, size.nodes, size.ties);
    await app.stop();
    execFileSync(bin, ['restore', '--in', file, '--data-dir', app.dataDir], { stdio: 'pipe' });
    await app.restart();

    // What the app serves is what the bare page draws; GET /api/network timed from Node meanwhile.
    const gets: number[] = [];
    let json = '';
    for (let i = 0; i < 3; i++) {
      const g0 = performance.now();
      json = await (await fetch(`${app.url}api/network`)).text();
      gets.push(performance.now() - g0);
    }
    bare.setNetwork(json);
    const net = parseNet(json);
    expect(net.ids.length).toBe(size.nodes);
    const ordinary = ordinaryNodes(net, 1 + DRAGS);
    const [hoverId, ...dragIds] = ordinary;
    if (!hoverId) throw new Error('no ordinary node');
    t(`generated (${generator}), restored; GET /api/network ${gets.map((g) => g.toFixed(0)).join(', ')} ms`);

    // Loads, alternating: Plexus, bare, Plexus, bare…; the last page of each is kept for the gestures.
    const plexusRuns: LoadRun[] = [];
    const bareRuns: LoadRun[] = [];
    let plexus: Awaited<ReturnType<typeof load>> | null = null;
    let bareSize = { w: 1280, h: 800 };
    for (let i = 0; i < RUNS; i++) {
      plexus = await load(context, app.url, 'plexus');
      plexusRuns.push(plexus.run);
      const box = await plexus.page.getByTestId('graph-canvas').boundingBox();
      if (box) bareSize = { w: Math.round(box.width), h: Math.round(box.height) };
      if (!renderer) renderer = await rendererOf(plexus.page);
      t(`plexus load ${i + 1}: drawn at ${plexus.run.drawnMs.toFixed(0)} ms`);
      if (i < RUNS - 1) {
        await plexus.page.close();
        const b = await load(context, `${bare.url}?w=${bareSize.w}&h=${bareSize.h}`, 'bare');
        bareRuns.push(b.run);
        t(`bare load ${i + 1}: drawn at ${b.run.drawnMs.toFixed(0)} ms`);
        await b.page.close();
      }
    }
    if (!plexus) throw new Error('no page');
    const { page, cdp } = plexus;
    expect(await page.evaluate(() => (window as unknown as W).__plexus?.nodes().length)).toBe(size.nodes);

    // ---- Plexus gestures
    await settle(page, 1_000);
    let pos = await positions(page, 'graph-canvas', 'plexus');
    const away = await emptySpot(page, 'graph-canvas', pos, net);
    const hoverAt = pos.get(hoverId);
    if (!hoverAt) throw new Error('the ordinary node is not on screen');
    const pHover: Interaction[] = [];
    for (let i = 0; i < HOVERS; i++) pHover.push(await hover(page, cdp, hoverAt, away));
    t(`plexus hover: ${pHover.map((h) => h.ms.toFixed(0)).join(', ')} ms`);
    const pClick: Interaction[] = [];
    for (let i = 0; i < HOVERS; i++) pClick.push(await clickPanel(page, cdp, hoverAt, away));
    t(`plexus click → panel: ${pClick.map((h) => `${h.ms.toFixed(0)} (JS ${h.cpu.js.toFixed(0)})`).join(', ')} ms`);
    // Filter: a kind off and on again from the legend (one sigma render each, through the reducers).
    const pFilter: Interaction[] = [];
    const kindBox = page.getByTestId('legend-kind-device');
    for (let i = 0; i < HOVERS; i++) {
      pFilter.push(await gesture(page, cdp, 'mouseup', () => kindBox.click()));
      pFilter.push(await gesture(page, cdp, 'mouseup', () => kindBox.click()));
    }
    await expect(kindBox).toBeChecked();
    t(`plexus filter off/on: ${pFilter.map((h) => `${h.ms.toFixed(0)} (JS ${h.cpu.js.toFixed(0)})`).join(', ')} ms`);
    // Focus: the ordinary node selected, F on and off (its 1-step neighbourhood; the rest dimmed).
    await page.mouse.move(hoverAt.x, hoverAt.y);
    await settle(page, 400);
    await page.mouse.down();
    await page.mouse.up();
    await expect(page.getByTestId('panel-node')).toHaveAttribute('data-node-id', hoverId, { timeout: 120_000 });
    await page.mouse.move(away.x, away.y);
    await page.locator('body').focus();
    const pFocus: Interaction[] = [];
    for (let i = 0; i < HOVERS; i++) {
      pFocus.push(await gesture(page, cdp, 'keydown', () => page.keyboard.press('f')));
      pFocus.push(await gesture(page, cdp, 'keydown', () => page.keyboard.press('f')));
    }
    await expect(page.getByTestId('focus-bar')).toBeHidden();
    t(`plexus focus on/off: ${pFocus.map((h) => `${h.ms.toFixed(0)} (JS ${h.cpu.js.toFixed(0)})`).join(', ')} ms`);
    await page.getByTestId('panel-close').click();
    const pDrag: Interaction[] = [];
    for (const id of dragIds) {
      const p = pos.get(id);
      if (p) pDrag.push(await drag(page, cdp, id, p, away));
    }
    t(`plexus drag → saved → frame: ${pDrag.map((h) => `${h.savedMs?.toFixed(0)} → ${h.ms.toFixed(0)}`).join(', ')} ms`);

    // The ego: alters cover it at the fitted view, so both pages zoom in on it by the same wheel
    // notches first (and back out afterwards).
    const egoScreen = pos.get(net.ego);
    if (!egoScreen) throw new Error('the ego is not on screen');
    const plexusPos = () => positions(page, 'graph-canvas', 'plexus');
    const pZoom = await wheelZoom(page, egoScreen, EGO_ZOOM_NOTCHES, plexusPos, hoverId, net.ego);
    pos = await plexusPos();
    const pEgoAt = egoPoint(pos, net, pZoom);
    const pEgoAway = await emptySpot(page, 'graph-canvas', pos, net);
    const pEgo: Interaction[] = [];
    for (let i = 0; i < HOVERS; i++) pEgo.push(await hover(page, cdp, pEgoAt.at, pEgoAway));
    t(`plexus ego hover (zoom ${pZoom.toFixed(2)}, margin ${pEgoAt.margin.toFixed(1)} px): ${pEgo.map((h) => h.ms.toFixed(0)).join(', ')} ms`);
    const pEgoClick = await clickPanel(page, cdp, pEgoAt.at, pEgoAway);
    t(`plexus ego click → panel (${pEgoClick.target === net.ego ? 'the ego' : 'NOT the ego'}): ${pEgoClick.ms.toFixed(0)} ms`);
    await wheelZoom(page, egoScreen, -EGO_ZOOM_NOTCHES, plexusPos, hoverId, net.ego);
    await page.mouse.move(away.x, away.y);
    await settle(page);
    pos = await positions(page, 'graph-canvas', 'plexus');
    const pPan = await pan(page, cdp, await emptySpot(page, 'graph-canvas', pos, net));
    t(`plexus pan: ${pPan.fps.toFixed(1)} frames/s`);
    await page.mouse.move(away.x, away.y);
    await settle(page);

    // The layout: iterations = messages from the ForceAtlas2 worker (one per iteration).
    const toggle = page.getByTestId('layout-toggle');
    await toggle.click();
    await expect(toggle).toHaveAttribute('data-running', 'true', { timeout: 120_000 });
    const m0 = await page.evaluate(() => ({ n: (window as unknown as W).__bench.workerMessages, t: performance.now() }));
    await page.waitForTimeout(LAYOUT_MS);
    const m1 = await page.evaluate(() => ({ n: (window as unknown as W).__bench.workerMessages, t: performance.now() }));
    const layoutRate = ((m1.n - m0.n) / (m1.t - m0.t)) * 1000;
    t(`plexus layout: ${layoutRate.toFixed(2)} iterations/s`);
    const reloaded = page.waitForResponse((r) => r.url().includes('/api/network'), { timeout: 240_000 }).catch(() => null);
    const s0 = Date.now();
    await toggle.click({ timeout: 240_000 });
    await expect(toggle).toHaveAttribute('data-running', 'false', { timeout: 240_000 });
    const stopSaved = (await reloaded) ? Date.now() - s0 : NaN;
    const errToast = page.locator('[data-testid=toast][data-kind=error]');
    const stopError = (await errToast.count()) > 0 ? (await errToast.first().innerText()).replace(/\s+/g, ' ').trim() : '';
    t(`plexus layout stop → saved: ${stopSaved.toFixed(0)} ms ${stopError}`);
    await page.close();

    // ---- bare page gestures (a fresh load, the last of the alternation)
    const b = await load(context, `${bare.url}?w=${bareSize.w}&h=${bareSize.h}`, 'bare');
    bareRuns.push(b.run);
    t(`bare load ${RUNS}: drawn at ${b.run.drawnMs.toFixed(0)} ms`);
    const bpage = b.page;
    await settle(bpage, 1_000);
    const bpos = await positions(bpage, 'bare-canvas', 'bare');
    const baway = await emptySpot(bpage, 'bare-canvas', bpos, net);
    const bHoverAt = bpos.get(hoverId);
    if (!bHoverAt) throw new Error('the ordinary node is not on the bare page');
    const bHover: Interaction[] = [];
    const hovered: string[] = [];
    for (let i = 0; i < HOVERS; i++) {
      bHover.push(await hover(bpage, b.cdp, bHoverAt, baway));
      hovered.push(String(await bpage.evaluate(() => (window as unknown as W).__bare?.hovered())));
    }
    const bEgoScreen = bpos.get(net.ego);
    if (!bEgoScreen) throw new Error('the ego is not on the bare page');
    const barePos = () => positions(bpage, 'bare-canvas', 'bare');
    const bZoom = await wheelZoom(bpage, bEgoScreen, EGO_ZOOM_NOTCHES, barePos, hoverId, net.ego);
    const bzpos = await barePos();
    const bEgoAt = egoPoint(bzpos, net, bZoom);
    const bEgoAway = await emptySpot(bpage, 'bare-canvas', bzpos, net);
    const bEgo: Interaction[] = [];
    for (let i = 0; i < HOVERS; i++) {
      bEgo.push(await hover(bpage, b.cdp, bEgoAt.at, bEgoAway));
      hovered.push(String(await bpage.evaluate(() => (window as unknown as W).__bare?.hovered())));
    }
    t(`bare hover: ${bHover.map((h) => h.ms.toFixed(0)).join(', ')}; ego (zoom ${bZoom.toFixed(2)}, margin ${bEgoAt.margin.toFixed(1)} px) ${bEgo.map((h) => h.ms.toFixed(0)).join(', ')} ms (hovered: ${hovered.map((h) => (h === hoverId ? 'node' : h === net.ego ? 'ego' : h)).join(', ')})`);
    await wheelZoom(bpage, bEgoScreen, -EGO_ZOOM_NOTCHES, barePos, hoverId, net.ego);
    await bpage.mouse.move(baway.x, baway.y);
    await settle(bpage);
    const bRender: { ms: number; draws: number }[] = [];
    for (const id of dragIds) {
      bRender.push(await bpage.evaluate((nid) => (window as unknown as W).__bare?.renderOnce(nid) ?? Promise.reject(new Error('no bare hook')), id));
      await settle(bpage);
    }
    t(`bare render: ${bRender.map((r) => r.ms.toFixed(0)).join(', ')} ms`);
    const bPan = await pan(bpage, b.cdp, await emptySpot(bpage, 'bare-canvas', bpos, net));
    t(`bare pan: ${bPan.fps.toFixed(1)} frames/s`);
    await bpage.mouse.move(baway.x, baway.y);
    await settle(bpage);
    const fa2Alone = await bpage.evaluate((ms) => (window as unknown as W).__bare?.fa2(ms, false) ?? Promise.reject(new Error('no bare hook')), LAYOUT_MS);
    const fa2Drawn = await bpage.evaluate((ms) => (window as unknown as W).__bare?.fa2(ms, true) ?? Promise.reject(new Error('no bare hook')), LAYOUT_MS);
    t(`bare FA2: alone ${fa2Alone.perSecond.toFixed(1)}, drawn ${fa2Drawn.perSecond.toFixed(1)} iterations/s`);
    await bpage.close();

    const summary = (runs: LoadRun[], hv: Interaction[], eg: Interaction[], pn: Frames): PageSummary => ({ loads: runs, hover: hv, egoHover: eg, pan: pn });
    const r: SizeResult = {
      name: size.name,
      nodes: size.nodes,
      ties: size.ties,
      generator: `${generator}, seed ${SEED}`,
      getNetworkMs: median(gets),
      getNetworkBytes: json.length,
      hoverDegree: degreeOf(net, hoverId),
      egoDegree: net.ids.length - 1 + (net.degree.get(net.ego) ?? 0),
      bareHovered: hovered.map((h) => (h === hoverId ? 'node' : h === net.ego ? 'ego' : h)),
      egoZoom: { plexus: pZoom, bare: bZoom, plexusMargin: pEgoAt.margin, bareMargin: bEgoAt.margin, plexusClickedEgo: pEgoClick.target === net.ego },
      bareCanvas: bareSize,
      plexus: { ...summary(plexusRuns, pHover, pEgo, pPan), click: pClick, egoClick: pEgoClick, filter: pFilter, focus: pFocus, drag: pDrag, layoutPerSecond: layoutRate, layoutStopSavedMs: stopSaved, layoutStopError: stopError },
      bare: { ...summary(bareRuns, bHover, bEgo, bPan), render: bRender, fa2Alone: fa2Alone.perSecond, fa2Drawn: fa2Drawn.perSecond },
    };
    done.push(r);
  });
}

