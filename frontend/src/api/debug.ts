// The root App's debug methods: the frame counter (PLEXUS_DEBUG_FRAMES=1, debugframes.go).
import { invoke } from "./bridge";

const A = ["main", "App"] as const;

/** Whether the window was started with PLEXUS_DEBUG_FRAMES=1 (the page then counts frames). */
export const DebugFrames = () => invoke<boolean>(...A, "DebugFrames");
/** Logs one window of the frame counter: "frames renders=R raf=F window=1s". */
export const ReportFrames = (renders: number, raf: number, windowMs: number) => invoke<void>(...A, "ReportFrames", renders, raf, windowMs);
/** Logs the first render of a non-empty graph: "graph drawn nodes=N page_ms=X renderer=R" (ms since navigation start, the WebGL renderer). */
export const ReportDrawn = (nodes: number, pageMs: number, renderer: string) => invoke<void>(...A, "ReportDrawn", nodes, pageMs, renderer);
