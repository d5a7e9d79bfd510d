// The browser benchmark's results (results/before.json, results/after.json) and the block of
// docs/benchmarks.md rebuilt from them: one table per size, before and after side by side.

/** Main-thread CPU by kind, from a V8 CPU profile. */
export interface Cpu {
  /** in JavaScript (the app's, sigma's, graphology's, Svelte's…) */
  js: number;
  gc: number;
  /** "(program)": native work outside JS — style, layout, paint, WebGL command submission */
  native: number;
}

/** One page load: times are ms since navigation start. */
export interface LoadRun {
  drawnMs: number;
  bundleMs: number;
  domContentLoadedMs: number;
  dataStartMs: number;
  dataEndMs: number;
  dataBytes: number;
  /** bare page: network.json parsed; graph built */
  parsedMs: number;
  builtMs: number;
  draws: number;
  readPixels: number;
  heapMB: number;
  longTasks: number;
  longTaskMs: number;
  longTaskMax: number;
  cpu: Cpu;
}

/** One gesture: ms from the input event to the end of the frame after it (or after what it waits for). */
export interface Interaction {
  ms: number;
  /** until the event's own listeners had run */
  handledMs: number;
  draws: number;
  readPixels: number;
  longTasks: number;
  longTaskMs: number;
  cpu: Cpu;
  /** click: the panel in the DOM, and the node it shows */
  shownMs?: number;
  target?: string;
  /** drag: the frame after the release; the saved answer; the row applied */
  releaseFrameMs?: number;
  savedMs?: number;
  appliedMs?: number;
}

export interface PageSummary {
  loads: LoadRun[];
  hover: Interaction[];
  egoHover: Interaction[];
  pan: { fps: number; drawsPerFrame: number; drawnFrames: number; cpu: Cpu };
}

export interface SizeResult {
  name: string;
  nodes: number;
  ties: number;
  generator: string;
  getNetworkMs: number;
  getNetworkBytes: number;
  hoverDegree: number;
  egoDegree: number;
  /** what sigma's hover reported in the bare page: 'node' / 'ego' or another node's id */
  bareHovered: string[];
  /** the ego hover: zoom factor of both pages, free margin of the point (px), whether Plexus's click there opened the ego */
  egoZoom: { plexus: number; bare: number; plexusMargin: number; bareMargin: number; plexusClickedEgo: boolean };
  bareCanvas: { w: number; h: number };
  plexus: PageSummary & {
    click: Interaction[];
    /** a kind ticked off and on again in the legend (real clicks; the probe starts at mouseup); absent in older results */
    filter?: Interaction[];
    /** focus mode on and off with F on a selected node (the probe starts at keydown); absent in older results */
    focus?: Interaction[];
    egoClick: Interaction;
    drag: Interaction[];
    layoutPerSecond: number;
    layoutStopSavedMs: number;
    layoutStopError: string;
  };
  bare: PageSummary & { render: { ms: number; draws: number }[]; fa2Alone: number; fa2Drawn: number };
}

export interface Results {
  label: 'before' | 'after';
  date: string;
  commit: string;
  machine: string;
  chromium: string;
  renderer: string;
  runs: number;
  sizes: SizeResult[];
}

const med = (xs: number[]): number => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const ms = (x: number) => (Number.isFinite(x) ? `${Math.round(x).toLocaleString('en-US')} ms` : '–');
const n0 = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '–');
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(a / b >= 10 ? 0 : 2)}×` : '–');
const vs = (a: number, b: number, f: (x: number) => string = ms) => `${f(a)} vs ${f(b)} (**${ratio(a, b)}**)`;
const cpuCell = (c: Cpu) => `${n0(c.js)} / ${n0(c.gc)} / ${n0(c.native)}`;
const medCpu = (cs: Cpu[]): Cpu => ({ js: med(cs.map((c) => c.js)), gc: med(cs.map((c) => c.gc)), native: med(cs.map((c) => c.native)) });

type Row = [string, (r: SizeResult) => string];

const ROWS: Row[] = [
  ['**navigation → graph drawn**, Plexus vs bare (ratio)', (r) => vs(med(r.plexus.loads.map((l) => l.drawnMs)), med(r.bare.loads.map((l) => l.drawnMs)))],
  [
    '… Plexus: bundle loaded · GET /api/network start → end · drawn',
    (r) => {
      const L = r.plexus.loads;
      return `${ms(med(L.map((l) => l.bundleMs)))} · ${ms(med(L.map((l) => l.dataStartMs)))} → ${ms(med(L.map((l) => l.dataEndMs)))} (${(med(L.map((l) => l.dataBytes)) / 1e6).toFixed(2)} MB) · ${ms(med(L.map((l) => l.drawnMs)))}`;
    },
  ],
  [
    '… bare: bundle loaded · network.json start → parsed · graph built · drawn',
    (r) => {
      const L = r.bare.loads;
      return `${ms(med(L.map((l) => l.bundleMs)))} · ${ms(med(L.map((l) => l.dataStartMs)))} → ${ms(med(L.map((l) => l.parsedMs)))} · ${ms(med(L.map((l) => l.builtMs)))} · ${ms(med(L.map((l) => l.drawnMs)))}`;
    },
  ],
  ['… main-thread CPU until drawn, JS / GC / native (ms): Plexus; bare', (r) => `${cpuCell(medCpu(r.plexus.loads.map((l) => l.cpu)))}; ${cpuCell(medCpu(r.bare.loads.map((l) => l.cpu)))}`],
  [
    '… long tasks until drawn, count · total · longest (ms): Plexus; bare',
    (r) => {
      const f = (L: LoadRun[]) => `${n0(med(L.map((l) => l.longTasks)))} · ${n0(med(L.map((l) => l.longTaskMs)))} · ${n0(med(L.map((l) => l.longTaskMax)))}`;
      return `${f(r.plexus.loads)}; ${f(r.bare.loads)}`;
    },
  ],
  ['… GL draw calls until drawn: Plexus vs bare', (r) => vs(med(r.plexus.loads.map((l) => l.draws)), med(r.bare.loads.map((l) => l.draws)), n0)],
  ['… JS heap when drawn: Plexus vs bare', (r) => vs(med(r.plexus.loads.map((l) => l.heapMB)), med(r.bare.loads.map((l) => l.heapMB)), (x) => `${n0(x)} MB`)],
  [
    '**hover an ordinary node → next frame**, Plexus vs bare',
    (r) => vs(med(r.plexus.hover.map((h) => h.ms)), med(r.bare.hover.map((h) => h.ms))),
  ],
  [
    '… JS per hover (ms) · GL draw calls: Plexus; bare',
    (r) =>
      `${n0(med(r.plexus.hover.map((h) => h.cpu.js)))} · ${n0(med(r.plexus.hover.map((h) => h.draws)))}; ${n0(med(r.bare.hover.map((h) => h.cpu.js)))} · ${n0(med(r.bare.hover.map((h) => h.draws)))}`,
  ],
  [
    '**hover the ego → next frame**, Plexus vs bare (both zoomed in on it)',
    (r) =>
      vs(med(r.plexus.egoHover.map((h) => h.ms)), med(r.bare.egoHover.map((h) => h.ms))) +
      (r.egoZoom && (!r.egoZoom.plexusClickedEgo || r.bareHovered.slice(-3).some((h) => h !== 'ego')) ? ' ⚠ not the ego everywhere' : ''),
  ],
  [
    '… JS per hover (ms) · GL draw calls: Plexus; bare',
    (r) =>
      `${n0(med(r.plexus.egoHover.map((h) => h.cpu.js)))} · ${n0(med(r.plexus.egoHover.map((h) => h.draws)))}; ${n0(med(r.bare.egoHover.map((h) => h.cpu.js)))} · ${n0(med(r.bare.egoHover.map((h) => h.draws)))}`,
  ],
  [
    '**click a node → side panel shown**: JS (ms) · panel in the DOM · next frame',
    (r) => `**${n0(med(r.plexus.click.map((c) => c.cpu.js)))}** · ${ms(med(r.plexus.click.map((c) => c.shownMs ?? NaN)))} · ${ms(med(r.plexus.click.map((c) => c.ms)))}`,
  ],
  ['… the ego (one click, zoomed in): JS · next frame', (r) => `${n0(r.plexus.egoClick.cpu.js)} · ${ms(r.plexus.egoClick.ms)}${r.egoZoom && !r.egoZoom.plexusClickedEgo ? ' ⚠ opened another node' : ''}`],
  [
    '**filter a kind off / on (legend) → next frame**: JS (ms) · next frame',
    (r) => (r.plexus.filter ? `**${n0(med(r.plexus.filter.map((c) => c.cpu.js)))}** · ${ms(med(r.plexus.filter.map((c) => c.ms)))}` : '–'),
  ],
  [
    '**focus mode on / off (F) → next frame**: JS (ms) · next frame',
    (r) => (r.plexus.focus ? `**${n0(med(r.plexus.focus.map((c) => c.cpu.js)))}** · ${ms(med(r.plexus.focus.map((c) => c.ms)))}` : '–'),
  ],
  [
    '**drag and release → saved → next frame**, Plexus vs one bare render',
    (r) => vs(med(r.plexus.drag.map((d) => d.ms)), med(r.bare.render.map((b) => b.ms))),
  ],
  [
    '… release → frame · saved (GET …?node= answered) · row applied; JS (ms)',
    (r) => {
      const D = r.plexus.drag;
      return `${ms(med(D.map((d) => d.releaseFrameMs ?? NaN)))} · ${ms(med(D.map((d) => d.savedMs ?? NaN)))} · ${ms(med(D.map((d) => d.appliedMs ?? NaN)))}; JS ${n0(med(D.map((d) => d.cpu.js)))}`;
    },
  ],
  [
    '**FA2 iterations/s**: Plexus layout vs the worker alone (share)',
    (r) => {
      const f = (x: number) => (Number.isFinite(x) ? x.toFixed(x < 10 ? 2 : 0) : '–');
      const pct = r.bare.fa2Alone > 0 ? `${((100 * r.plexus.layoutPerSecond) / r.bare.fa2Alone).toFixed(1)} %` : '–';
      return `${f(r.plexus.layoutPerSecond)} vs ${f(r.bare.fa2Alone)} (**${pct}**)`;
    },
  ],
  ['… the worker with the bare sigma drawing each step', (r) => (Number.isFinite(r.bare.fa2Drawn) ? r.bare.fa2Drawn.toFixed(r.bare.fa2Drawn < 10 ? 2 : 0) : '–')],
  ['… layout stop → positions saved (Plexus)', (r) => (r.plexus.layoutStopError ? `failed: ${r.plexus.layoutStopError}` : ms(r.plexus.layoutStopSavedMs))],
  ['pan (real mouse drags): frames/s, Plexus vs bare', (r) => vs(r.plexus.pan.fps, r.bare.pan.fps, (x) => x.toFixed(1))],
  ['… GL draw calls per drawn frame: Plexus vs bare', (r) => vs(r.plexus.pan.drawsPerFrame, r.bare.pan.drawsPerFrame, n0)],
  ['GET /api/network from Node (median of 3) · body', (r) => `${ms(r.getNetworkMs)} · ${(r.getNetworkBytes / 1e6).toFixed(2)} MB`],
];

function sizeTable(name: string, before: SizeResult | undefined, after: SizeResult | undefined): string {
  const any = after ?? before;
  const lines = [
    `**${name}** (hovered node: degree ${any ? any.hoverDegree : '–'}; the ego: degree ${any ? any.egoDegree : '–'})`,
    '',
    '| median | before | after |',
    '|---|---|---|',
  ];
  for (const [label, cell] of ROWS) lines.push(`| ${label} | ${before ? cell(before) : '–'} | ${after ? cell(after) : '–'} |`);
  return lines.join('\n');
}

function header(r: Results | null, label: string): string {
  if (!r) return `- ${label}: not measured yet`;
  return `- ${label}: ${r.date}, commit ${r.commit}, ${r.machine}; ${r.chromium} (headless); ${r.renderer}; ${r.runs} loads of each page; data ${r.sizes.map((s) => s.generator)[0] ?? ''}`;
}

export const START = '<!-- bench-browser-bare:start -->';
export const END = '<!-- bench-browser-bare:end -->';

/** renderDoc puts the tables between the markers (appends a section with them when missing). */
export function renderDoc(doc: string, before: Results | null, after: Results | null): string {
  const names = [...new Set([...(before?.sizes ?? []), ...(after?.sizes ?? [])].sort((a, b) => a.nodes - b.nodes).map((s) => s.name))];
  const block = [
    START,
    header(before, 'before'),
    header(after, 'after'),
    '',
    ...names.flatMap((n) => [sizeTable(n, before?.sizes.find((s) => s.name === n), after?.sizes.find((s) => s.name === n)), '']),
    END,
  ].join('\n');
  const i = doc.indexOf(START);
  const j = doc.indexOf(END);
  if (i >= 0 && j > i) return doc.slice(0, i) + block + doc.slice(j + END.length);
  return `${doc.trimEnd()}\n\n## Browser: Plexus vs bare sigma\n\n${block}\n`;
}
