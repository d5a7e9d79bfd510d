// Browser frame-time benchmark (`make bench-browser`; docs/benchmarks.md). For each size it
// restores a synthetic network into the app's fresh data folder with `plexus restore`, opens the
// real page in Debian Chromium against the real dev-tag binary, and measures:
//   - time to first render (navigation start → the first sigma draw with nodes), the
//     GET /api/network fetch inside it, the JS heap after it, and the long tasks until then;
//   - in each phase, main-thread CPU split by a V8 CPU profile into JavaScript, GC and native
//     work ("(program)": style, layout, paint, WebGL — here mostly SwiftShader);
//   - requestAnimationFrame intervals and long tasks while the camera is panned with real mouse
//     drags for ~5 s;
//   - the same while the ForceAtlas2 layout runs (~5 s), then whether stopping it saved the
//     positions (SetPositions of every unpinned node) and how long that round trip took.
// Software GL (SwiftShader) is slow, so frame rates are far below a GPU desktop's; the first
// render and the main-thread work (long tasks) are the meaningful figures. This is a benchmark,
// not a test: it asserts only that the page works, never a time.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CDPSession, Page } from '@playwright/test';
import { test, expect } from '../fixtures';
import { writeBackup } from './backup';

interface Size {
  name: string;
  nodes: number;
  ties: number;
}
const ALL_SIZES: Size[] = [
  { name: '2k nodes / 10k ties', nodes: 2_000, ties: 10_000 },
  { name: '10k nodes / 50k ties', nodes: 10_000, ties: 50_000 },
];
// BENCH_SIZES=2000 (comma-separated node counts) runs only those sizes.
const only = (process.env.BENCH_SIZES ?? '').split(',').filter(Boolean).map(Number);
const SIZES = only.length ? ALL_SIZES.filter((s) => only.includes(s.nodes)) : ALL_SIZES;

const PAN_MS = 5_000;
const LAYOUT_MS = 5_000;

/** Main-thread CPU by kind, from a V8 CPU profile (1 ms sampling). */
interface Cpu {
  /** in the app's and its libraries' JavaScript (sigma, graphology, Svelte…) */
  js: number;
  gc: number;
  /** "(program)": native work outside JS — style, layout, paint and WebGL, i.e. mostly SwiftShader here */
  native: number;
}

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

async function startProfile(cdp: CDPSession): Promise<void> {
  await cdp.send('Profiler.start');
}
async function stopProfile(cdp: CDPSession): Promise<Cpu> {
  const { profile } = await cdp.send('Profiler.stop');
  return cpuOf(profile as unknown as { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] });
}

interface FrameStats {
  cpu?: Cpu;
  frames: number;
  fps: number;
  median: number;
  p95: number;
  max: number;
  longTasks: number;
  longTaskMs: number;
  longTaskMax: number;
}
interface Result {
  size: Size;
  restoreMs: number;
  firstRenderMs: number;
  fetchMs: number;
  fetchBytes: number;
  heapMB: number;
  loadLongTasks: number;
  loadLongTaskMs: number;
  loadLongTaskMax: number;
  loadCpu: Cpu;
  pan: FrameStats;
  layout: FrameStats;
  layoutSave: string;
  layoutSaveMs: number;
}
const results: Result[] = [];

interface BenchWindow {
  __bench: {
    readyAt: number | null;
    longTasks: { start: number; duration: number }[];
    frames: number[] | null;
  };
  __plexus?: { ready: boolean; nodes(): { id: string }[]; viewportPosition(id: string): { x: number; y: number } | null };
}

/** Runs before the page's own scripts: long-task observer, first-render probe, frame recorder. */
function instrument(): void {
  const w = window as unknown as BenchWindow;
  w.__bench = { readyAt: null, longTasks: [], frames: null };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no long-task support: the counts stay 0
  }
  const poll = () => {
    if (w.__plexus?.ready) w.__bench.readyAt = performance.now();
    else setTimeout(poll, 2);
  };
  poll();
}

async function startFrames(page: Page): Promise<number> {
  return page.evaluate(() => {
    const b = (window as unknown as BenchWindow).__bench;
    const frames: number[] = [];
    b.frames = frames;
    const tick = (t: number) => {
      if (b.frames !== frames) return;
      frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    return performance.now();
  });
}

async function stopFrames(page: Page, since: number): Promise<FrameStats> {
  const { frames, tasks, until } = await page.evaluate((t0) => {
    const b = (window as unknown as BenchWindow).__bench;
    const f = b.frames ?? [];
    b.frames = null;
    return { frames: f, tasks: b.longTasks.filter((x) => x.start >= t0), until: performance.now() };
  }, since);
  const d: number[] = [];
  for (let i = 1; i < frames.length; i++) d.push((frames[i] as number) - (frames[i - 1] as number));
  d.sort((a, b) => a - b);
  const q = (p: number) => (d.length ? (d[Math.min(d.length - 1, Math.floor(p * d.length))] as number) : NaN);
  return {
    frames: frames.length,
    fps: (frames.length / (until - since)) * 1000,
    median: q(0.5),
    p95: q(0.95),
    max: d.length ? (d[d.length - 1] as number) : NaN,
    longTasks: tasks.length,
    longTaskMs: tasks.reduce((s, x) => s + x.duration, 0),
    longTaskMax: tasks.reduce((m, x) => Math.max(m, x.duration), 0),
  };
}

/** A point on the canvas (page coordinates) as far as possible from every node, not under a control. */
async function emptySpot(page: Page): Promise<{ x: number; y: number }> {
  const box = await page.getByTestId('graph-canvas').boundingBox();
  if (!box) throw new Error('no canvas');
  return page.evaluate((b) => {
    const w = window as unknown as BenchWindow;
    const hook = w.__plexus;
    if (!hook) throw new Error('no test hook');
    const pts: { x: number; y: number }[] = [];
    for (const n of hook.nodes()) {
      const p = hook.viewportPosition(n.id);
      if (p) pts.push(p);
    }
    let best = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    let bestD = -1;
    for (let gx = 0.15; gx <= 0.85; gx += 0.05) {
      for (let gy = 0.15; gy <= 0.85; gy += 0.05) {
        const vx = b.width * gx;
        const vy = b.height * gy;
        const el = document.elementFromPoint(b.x + vx, b.y + vy);
        if (!el || el.tagName !== 'CANVAS') continue;
        let d = Infinity;
        for (const p of pts) d = Math.min(d, Math.hypot(p.x - vx, p.y - vy));
        if (d > bestD) {
          bestD = d;
          best = { x: b.x + vx, y: b.y + vy };
        }
      }
    }
    return best;
  }, box);
}

/** Pans with real mouse drags: two drags of PAN_MS/2, each moving the cursor round a 120 px circle. */
async function pan(page: Page): Promise<void> {
  for (let k = 0; k < 2; k++) {
    const c = await emptySpot(page);
    await page.mouse.move(c.x, c.y);
    await page.mouse.down();
    const t0 = Date.now();
    for (;;) {
      const t = Date.now() - t0;
      if (t >= PAN_MS / 2) break;
      const a = (t / 1000) * Math.PI; // half a turn a second
      await page.mouse.move(c.x + 120 * Math.sin(a), c.y + 120 * (1 - Math.cos(a)) * 0.5);
    }
    await page.mouse.move(c.x, c.y);
    await page.mouse.up();
  }
}

const ms = (x: number) => (Number.isFinite(x) ? Math.round(x).toString() : '–');

function table(rs: Result[]): string {
  const cpu = (c?: Cpu) => (c ? `${ms(c.js)} / ${ms(c.gc)} / ${ms(c.native)}` : '–');
  const f = (s: FrameStats) => `${s.fps.toFixed(1)} · ${ms(s.median)} · ${ms(s.p95)} · ${ms(s.max)}`;
  const lt = (n: number, total: number, max: number) => `${n} · ${ms(total)} · ${ms(max)}`;
  const rows = [
    '| phase | ' + rs.map((r) => r.size.name).join(' | ') + ' |',
    '|---|' + rs.map(() => '---|').join(''),
  ];
  const row = (label: string, cell: (r: Result) => string) => rows.push(`| ${label} | ${rs.map(cell).join(' | ')} |`);
  row('restore of the generated backup (CLI)', (r) => `${(r.restoreMs / 1000).toFixed(1)} s`);
  row('**first render** (navigation → first sigma draw)', (r) => `**${ms(r.firstRenderMs)} ms**`);
  row('… of which GET /api/network (time, body)', (r) => `${ms(r.fetchMs)} ms, ${(r.fetchBytes / 1e6).toFixed(2)} MB`);
  row('… main-thread CPU: JS / GC / native (ms)', (r) => cpu(r.loadCpu));
  row('… long tasks: count · total · longest (ms)', (r) => lt(r.loadLongTasks, r.loadLongTaskMs, r.loadLongTaskMax));
  row('JS heap after first render', (r) => `${r.heapMB.toFixed(0)} MB`);
  row(`pan ${PAN_MS / 1000} s: frames/s · median · p95 · max frame (ms)`, (r) => f(r.pan));
  row('… main-thread CPU: JS / GC / native (ms)', (r) => cpu(r.pan.cpu));
  row('… long tasks: count · total · longest (ms)', (r) => lt(r.pan.longTasks, r.pan.longTaskMs, r.pan.longTaskMax));
  row(`layout ${LAYOUT_MS / 1000} s: frames/s · median · p95 · max frame (ms)`, (r) => f(r.layout));
  row('… main-thread CPU: JS / GC / native (ms)', (r) => cpu(r.layout.cpu));
  row('… long tasks: count · total · longest (ms)', (r) => lt(r.layout.longTasks, r.layout.longTaskMs, r.layout.longTaskMax));
  row('layout stop → positions saved, network reloaded', (r) => `${r.layoutSave} (${ms(r.layoutSaveMs)} ms)`);
  return rows.join('\n');
}

const DOC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/benchmarks.md');
const START = '<!-- bench-browser:start -->';
const END = '<!-- bench-browser:end -->';

/** Replaces the text between the markers in docs/benchmarks.md (appends the block if missing). */
function updateDoc(rs: Result[]): void {
  const chromium = (() => {
    try {
      return execFileSync(process.env.CHROMIUM ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return 'Chromium';
    }
  })();
  const cpu = (fs.readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? 'unknown CPU').trim();
  const block = [
    START,
    `Measured ${new Date().toISOString().slice(0, 10)} by \`make bench-browser\` on ${cpu}, ${(fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm) ?? []).length} cores, ${chromium} (headless, SwiftShader software GL), 1280×800.`,
    '',
    table(rs),
    END,
  ].join('\n');
  const doc = fs.existsSync(DOC) ? fs.readFileSync(DOC, 'utf8') : '# Benchmarks\n';
  const i = doc.indexOf(START);
  const j = doc.indexOf(END);
  const next = i >= 0 && j > i ? doc.slice(0, i) + block + doc.slice(j + END.length) : `${doc.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(DOC, next);
}

test.describe.configure({ mode: 'serial' });

for (const size of SIZES) {
  test(`frame times at ${size.name}`, async ({ app, page }, testInfo) => {
    const bin = process.env.PLEXUS_BIN;
    if (!bin) throw new Error('PLEXUS_BIN is not set (run make bench-browser)');
    const file = testInfo.outputPath('backup.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeBackup(file, size.nodes, size.ties);
    await app.stop();
    const r0 = Date.now();
    execFileSync(bin, ['restore', '--in', file, '--data-dir', app.dataDir], { stdio: 'pipe' });
    const restoreMs = Date.now() - r0;
    await app.restart();

    await page.addInitScript(instrument);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await startProfile(cdp);
    await page.goto(app.url);
    await page.waitForFunction(() => (window as unknown as BenchWindow).__bench.readyAt !== null, null, { timeout: 180_000 });
    const loadCpu = await stopProfile(cdp);
    const load = await page.evaluate(() => {
      const b = (window as unknown as BenchWindow).__bench;
      const readyAt = b.readyAt as number;
      const net = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/network')) as PerformanceResourceTiming | undefined;
      const tasks = b.longTasks.filter((t) => t.start < readyAt);
      const mem = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
      return {
        readyAt,
        fetchMs: net ? net.responseEnd - net.startTime : NaN,
        fetchBytes: net ? net.encodedBodySize : 0,
        heap: mem ? mem.usedJSHeapSize : 0,
        n: tasks.length,
        total: tasks.reduce((s, t) => s + t.duration, 0),
        max: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
      };
    });
    expect(await page.evaluate(() => (window as unknown as BenchWindow).__plexus?.nodes().length)).toBe(size.nodes);

    // Pan the camera with the mouse.
    await page.waitForTimeout(500);
    await startProfile(cdp);
    let t0 = await startFrames(page);
    await pan(page);
    const panStats = await stopFrames(page, t0);
    panStats.cpu = await stopProfile(cdp);

    // Run the layout, then stop it: stopping saves every unpinned node's position.
    const toggle = page.getByTestId('layout-toggle');
    await toggle.click();
    await expect(toggle).toHaveAttribute('data-running', 'true');
    await startProfile(cdp);
    t0 = await startFrames(page);
    await page.waitForTimeout(LAYOUT_MS);
    const layoutStats = await stopFrames(page, t0);
    layoutStats.cpu = await stopProfile(cdp);
    const reloaded = page.waitForResponse((r) => r.url().includes('/api/network'), { timeout: 240_000 });
    const s0 = Date.now();
    await toggle.click();
    await expect(toggle).toHaveAttribute('data-running', 'false', { timeout: 180_000 }); // software GL at 10k: the click waits behind multi-second frames
    await reloaded;
    const layoutSaveMs = Date.now() - s0;
    const errToast = page.locator('[data-testid=toast][data-kind=error]');
    const layoutSave = (await errToast.count()) > 0 ? `FAILED: “${(await errToast.first().innerText()).replace(/\s+/g, ' ').replace(/×$/, '').trim()}”` : 'saved';

    const r: Result = {
      size,
      restoreMs,
      firstRenderMs: load.readyAt,
      fetchMs: load.fetchMs,
      fetchBytes: load.fetchBytes,
      heapMB: load.heap / 1e6,
      loadLongTasks: load.n,
      loadLongTaskMs: load.total,
      loadLongTaskMax: load.max,
      loadCpu,
      pan: panStats,
      layout: layoutStats,
      layoutSave,
      layoutSaveMs,
    };
    results.push(r);
    console.log(`\n${table([r])}\n`);
  });
}

test.afterAll(() => {
  if (results.length === 0) return;
  console.log(`\nBrowser frame-time benchmark\n\n${table(results)}\n`);
  if (results.length === ALL_SIZES.length) updateDoc(results);
  else console.log('(only some sizes ran: docs/benchmarks.md left unchanged)');
});
