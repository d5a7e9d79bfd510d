// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import type { Kind } from "../api";
import { EGO_COLOR, KIND_COLORS, DIM_NODE_COLOR, PIN_COLOR } from "./colors";
import { SIZE_LABELS } from "./encoding";
import { drawLegend, escapeXml, imageName, viewLegend, legendBox, orderedLayers, readView, toSVG, type ViewSource } from "./exportImage";
import { LEGEND_COLORS, themed } from "./theme";

type N = { id: string; kind: Kind; role?: string; ego?: boolean; x: number; y: number; size: number; color: string; hidden?: boolean; label?: string | null; zIndex?: number; borderColor?: string; borderSize?: number; dueSize?: number };
type E = { id: string; s: string; t: string; color: string; size: number; hidden?: boolean; type?: string };

/**
 * fakeView: a sigma whose "framed graph" coordinates are the viewport's
 * (identity projection), sizes unscaled, an 800×600 viewport; labels sigma
 * chose are `chosen`, and GraphView drew those in `drawn`.
 */
function fakeView(ns: N[], es: E[], chosen: string[], drawn: string[]): ViewSource {
  const byId = new Map(ns.map((n) => [n.id, n]));
  const labelSize = 12;
  return {
    sigma: {
      getDimensions: () => ({ width: 800, height: 600 }),
      getNodeDisplayData: (id) => byId.get(id),
      getEdgeDisplayData: (id) => es.find((e) => e.id === id),
      framedGraphToViewport: (p) => ({ x: p.x, y: p.y }),
      scaleSize: (s) => s,
      getNodeDisplayedLabels: () => new Set(chosen),
      getSettings: () => ({ labelFont: "Inter, sans-serif", labelSize, labelWeight: "500", labelColor: { color: "#1f2937" } }),
    },
    graph: {
      forEachNode: (cb) => ns.forEach((n) => cb(n.id, { kind: n.kind, role: n.role ?? "", ego: n.ego === true })),
      forEachEdge: (cb) => es.forEach((e) => cb(e.id, {}, e.s, e.t)),
    },
    labelBoxes: drawn.map((id) => {
      const n = byId.get(id)!;
      return { x: n.x + n.size + 3, y: n.y - labelSize / 2 - 1 };
    }),
  };
}

const EVIL = `</text><script>alert(1)</script>`;

function sample(): ViewSource {
  const ns: N[] = [
    { id: "me", kind: "person", ego: true, x: 400, y: 300, size: 14, color: EGO_COLOR, label: "Me & you", borderColor: PIN_COLOR, borderSize: 0.28, zIndex: 1 },
    { id: "ada", kind: "person", x: 200, y: 200, size: 8, color: KIND_COLORS.person, label: "Ada" },
    { id: "evil", kind: "source", x: 600, y: 200, size: 6, color: KIND_COLORS.source, label: EVIL },
    { id: "hidden", kind: "device", x: 500, y: 500, size: 6, color: KIND_COLORS.device, hidden: true, label: "Hidden one" },
    { id: "far", kind: "community", x: 5000, y: 300, size: 6, color: KIND_COLORS.community, label: "Far away" },
    { id: "dim", kind: "service", x: 300, y: 450, size: 6, color: DIM_NODE_COLOR, label: "Dimmed" },
    { id: "crowded", kind: "person", x: 210, y: 205, size: 6, color: KIND_COLORS.person, label: "Crowded" },
  ];
  const es: E[] = [
    { id: "ego:ada", s: "me", t: "ada", color: "#b8c0cc", size: 2 },
    { id: "t1", s: "ada", t: "evil", color: "#8a94a3", size: 1.5, type: "arrow" },
    { id: "t2", s: "ada", t: "hidden", color: "#8a94a3", size: 1.5 },
    { id: "t3", s: "evil", t: "far", color: "#8a94a3", size: 1.5 },
    { id: "t4", s: "ada", t: "crowded", color: "#8a94a3", size: 1, hidden: true },
  ];
  // sigma chose every visible label; GraphView's non-overlap rule left "Crowded" out
  return fakeView(ns, es, ["me", "ada", "evil", "far", "dim", "crowded"], ["me", "ada", "evil", "far", "dim"]);
}

describe("readView", () => {
  it("keeps what is drawn and on screen, in viewport px", () => {
    const v = readView(sample());
    expect(v.width).toBe(800);
    expect(v.height).toBe(600);
    // hidden: filtered off; far: off screen
    expect(v.nodes.map((n) => n.id)).toEqual(["ada", "evil", "dim", "crowded", "me"]);
    const me = v.nodes.find((n) => n.id === "me")!;
    expect(me.border).toEqual({ color: PIN_COLOR, width: 0.28 * 14 });
    // the tie to the hidden node and sigma's hidden tie are left out; one to a node off screen stays (it crosses the view)
    expect(v.edges.map((e) => [e.x1, e.y1, e.x2, e.y2, e.arrow])).toEqual([
      [400, 300, 200, 200, false],
      [200, 200, 600, 200, true],
      [600, 200, 5000, 300, false],
    ]);
    expect(v.labels.map((l) => l.text)).toEqual(["Me & you", "Ada", EVIL, "Dimmed"]);
    const ada = v.labels.find((l) => l.text === "Ada")!;
    expect(ada).toEqual({ x: 200 + 8 + 3, y: 200 + 4, text: "Ada" });
  });
});

describe("viewLegend", () => {
  it("names you and the kinds drawn, and says what filters hide", () => {
    const lg = viewLegend(sample(), readView(sample()));
    // "far" is off screen and "hidden" filtered: neither counts; a dimmed node keeps its kind
    expect(lg.title).toBe("Kind");
    expect(lg.entries).toEqual([
      { label: "You (ego)", color: EGO_COLOR },
      { label: "Person", color: KIND_COLORS.person, count: 2 },
      { label: "Source", color: KIND_COLORS.source, count: 1 },
      { label: "Service", color: KIND_COLORS.service, count: 1 },
    ]);
    expect(lg.notes).toContain("1 alter hidden by filters");
  });

  it("names the categories of another colour encoding", () => {
    const role = (id: string, r: string, x: number): N => ({ id, kind: "person", x, y: 100, size: 5, color: "#000000", label: id, role: r });
    const src = fakeView([role("a", "mentor", 10), role("b", "peer", 20), role("c", "mentor", 30), role("d", "", 40)], [], [], []);
    const enc = { color: "role" as const, size: "degree" as const, palette: new Map([["mentor", "#0072B2"], ["peer", "#E69F00"], ["expert", "#009E73"], ["", "#aab2bd"]]) };
    const lg = viewLegend(src, readView(src), enc);
    expect(lg.title).toBe("Role");
    expect(lg.entries).toEqual([
      { label: "mentor", color: "#0072B2", count: 2 },
      { label: "peer", color: "#E69F00", count: 1 },
      { label: "not set", color: "#aab2bd", count: 1 },
    ]);
    expect(lg.notes[0]).toBe(`ring = pinned · orange outer ring = due to reconnect · faded = dormant · size = ${SIZE_LABELS.degree.toLowerCase()}`);
  });
});

function parse(svg: string): Document {
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  expect(doc.getElementsByTagName("parsererror")).toHaveLength(0);
  return doc;
}

describe("toSVG", () => {
  it("draws the view as a well-formed, self-contained SVG with its legend", () => {
    const src = sample();
    const svg = toSVG(readView(src), viewLegend(src, readView(src)));
    const doc = parse(svg);
    const root = doc.documentElement;
    expect(root.getAttribute("viewBox")).toBe("0 0 800 600");
    expect(doc.querySelectorAll("#nodes circle")).toHaveLength(5);
    expect(doc.querySelectorAll("#ties line")).toHaveLength(3);
    expect(doc.querySelectorAll("#ties polygon")).toHaveLength(1); // the one directed tie's head
    expect([...doc.querySelectorAll("#labels text")].map((t) => t.textContent)).toEqual(["Me & you", "Ada", EVIL, "Dimmed"]);
    expect([...doc.querySelectorAll("#legend text")].map((t) => t.textContent)).toEqual([
      "KIND",
      "You (ego)",
      "Person (2)",
      "Source (1)",
      "Service (1)",
      "ring = pinned · orange outer ring = due to reconnect · faded = dormant · size = tie strength",
      "thicker line = stronger tie · arrow = directed",
      "1 alter hidden by filters",
    ]);
    expect(svg).not.toContain("Hidden one");
    expect(svg).not.toContain("Far away");
    // user text never becomes markup; nothing refers outside the file
    expect(doc.getElementsByTagName("script")).toHaveLength(0);
    expect(svg).not.toContain("<script");
    expect(svg).not.toMatch(/href|url\(|@import|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    // the arrow head's tip is at the target's edge
    const head = doc.querySelector("#ties polygon")!.getAttribute("points")!.split(" ")[0];
    expect(head).toBe(`${600 - 6},200`);
  });

  it("keeps odd label characters as text", () => {
    expect(escapeXml(`a&b<c>"d"'e'\u0001\uFFFF\uD800`)).toBe("a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;");
    const src = fakeView([{ id: "x", kind: "person", x: 10, y: 10, size: 5, color: "javascript:alert(1)", label: "]]> & <!-- -->" }], [], ["x"], ["x"]);
    const doc = parse(toSVG(readView(src), viewLegend(src, readView(src))));
    expect(doc.querySelector("#labels text")!.textContent).toBe("]]> & <!-- -->");
    expect(doc.querySelector("#nodes circle")!.getAttribute("fill")).toBe("#999999"); // not a colour: grey
  });

  it("draws the due ring outside the pinned ring and the fill, as the map does", () => {
    const src = fakeView(
      [{ id: "d", kind: "person", x: 100, y: 100, size: 10, color: KIND_COLORS.person, label: "Due", dueSize: 0.3, borderColor: PIN_COLOR, borderSize: 0.28 }],
      [],
      ["d"],
      ["d"],
    );
    const circles = [...parse(toSVG(readView(src), viewLegend(src, readView(src)))).querySelectorAll("#nodes circle")];
    expect(circles.map((c) => [c.getAttribute("r"), c.getAttribute("stroke"), c.getAttribute("stroke-width"), c.getAttribute("fill")])).toEqual([
      ["8.5", "#c2410c", "3", "none"],
      ["5.6", PIN_COLOR, "2.8", KIND_COLORS.person],
    ]);
  });

  it("draws an empty view", () => {
    const src = fakeView([], [], [], []);
    const doc = parse(toSVG(readView(src), viewLegend(src, readView(src))));
    expect(doc.querySelectorAll("#nodes circle")).toHaveLength(0);
    expect(doc.querySelectorAll("#legend text").length).toBeGreaterThan(0);
  });
});

describe("the legend on a dark stage", () => {
  const dark = (): ViewSource => ({ ...sample(), mapTheme: "dark" });

  it("SVG: the box, its text and the ego's swatch follow the theme; light stays as it was", () => {
    const src = dark();
    const lg = viewLegend(src, readView(src, "rgb(22, 25, 30)"));
    expect(lg.theme).toBe("dark");
    const doc = parse(toSVG(readView(src, "rgb(22, 25, 30)"), lg));
    const rect = doc.querySelector("#legend rect")!;
    expect(rect.getAttribute("fill")).toBe(LEGEND_COLORS.dark.fill);
    expect(rect.getAttribute("stroke")).toBe(LEGEND_COLORS.dark.stroke);
    expect(doc.querySelector("#legend")!.getAttribute("fill")).toBe(LEGEND_COLORS.dark.text);
    expect(doc.querySelector("#legend text")!.getAttribute("fill")).toBe(LEGEND_COLORS.dark.muted);
    expect(doc.querySelector("#legend circle")!.getAttribute("fill")).toBe(themed(EGO_COLOR, "dark"));
    expect(doc.querySelector("svg > rect")!.getAttribute("fill")).toBe("rgb(22, 25, 30)"); // the stage's own colour
    const light = parse(toSVG(readView(sample()), viewLegend(sample(), readView(sample()))));
    expect(light.querySelector("#legend rect")!.getAttribute("fill")).toBe("#ffffff");
    expect(light.querySelector("#legend circle")!.getAttribute("fill")).toBe(EGO_COLOR);
  });

  it("PNG: drawLegend paints the box and text in the theme's colours", () => {
    const fills: string[] = [];
    const strokes: string[] = [];
    const ctx = new Proxy(
      {},
      {
        get: (_t, k) => (k === "measureText" ? (t: string) => ({ width: t.length * 6 }) : k === "fill" || k === "fillText" ? () => fills.push(String(cur.fillStyle)) : k === "stroke" ? () => strokes.push(String(cur.strokeStyle)) : k in cur ? cur[k as keyof typeof cur] : () => undefined),
        set: (_t, k, v) => ((cur as Record<string | symbol, unknown>)[k] = v) !== undefined,
      },
    ) as unknown as CanvasRenderingContext2D;
    const cur: { fillStyle: string; strokeStyle: string } = { fillStyle: "", strokeStyle: "" };
    drawLegend(ctx, viewLegend(dark(), readView(dark())), 600, 2);
    expect(fills[0]).toBe(LEGEND_COLORS.dark.fill); // the box
    expect(strokes).toEqual([LEGEND_COLORS.dark.stroke]);
    expect(fills).toContain(LEGEND_COLORS.dark.text);
    expect(fills).toContain(LEGEND_COLORS.dark.muted);
    expect(fills).not.toContain(LEGEND_COLORS.light.text);
    expect(fills).not.toContain("#ffffff");
  });
});

describe("the legend box", () => {
  it("sits in the bottom-left corner and grows with its rows", () => {
    const lg = viewLegend(sample(), readView(sample()));
    const box = legendBox(lg, 600, (t, px) => t.length * px * 0.5);
    expect(box.x).toBe(12);
    expect(box.y + box.h).toBe(600 - 12);
    expect(box.h).toBe((1 + lg.entries.length + lg.notes.length) * 18 + 16);
  });
});

describe("orderedLayers", () => {
  it("stacks sigma's canvases in DOM order", () => {
    const root = document.createElement("div");
    const [a, b, c] = ["edges", "nodes", "labels"].map((id) => {
      const el = document.createElement("canvas");
      el.id = id;
      root.appendChild(el);
      return el;
    });
    expect(orderedLayers({ labels: c!, edges: a!, nodes: b! }).map((x) => x.id)).toEqual(["edges", "nodes", "labels"]);
  });
});

describe("imageName", () => {
  it("is dated by the local day", () => {
    expect(imageName("png", new Date(2026, 11, 4, 23, 59))).toBe("plexus-map-2026-12-04.png");
    expect(imageName("svg", new Date(2026, 0, 9))).toBe("plexus-map-2026-01-09.svg");
  });
});
