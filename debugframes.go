package main

import (
	"log/slog"
	"os"
	"time"
)

// DebugFramesEnv switches on the frame counter: with PLEXUS_DEBUG_FRAMES=1
// the page counts sigma's renders and requestAnimationFrame ticks and logs
// them once a second ("frames renders=12 raf=60 window=1s"), and logs when
// it first drew the graph ("graph drawn nodes=N page_ms=X renderer=…"). Off by
// default; when off the page registers nothing (frontend/src/graph/frames.ts).
// build/scripts/window-bench.sh reads these lines.
const DebugFramesEnv = "PLEXUS_DEBUG_FRAMES"

// debugFramesOn reads DebugFramesEnv ("1", "true", "yes", "on").
func debugFramesOn(log *slog.Logger) bool {
	switch os.Getenv(DebugFramesEnv) {
	case "1", "true", "yes", "on":
		log.Info("frame counter on", "env", DebugFramesEnv)
		return true
	}
	return false
}

// DebugFrames says whether the page should count frames (PLEXUS_DEBUG_FRAMES).
func (a *App) DebugFrames() bool { return a.debugFrames }

// ReportFrames logs one window of the page's frame counter: sigma renders
// and requestAnimationFrame ticks over windowMs milliseconds. Ignored
// unless the frame counter is on.
func (a *App) ReportFrames(renders, raf, windowMs int) {
	if !a.debugFrames {
		return
	}
	a.log.Info("frames", "renders", renders, "raf", raf, "window", (time.Duration(windowMs) * time.Millisecond).String())
}

// ReportDrawn logs the page's first render of a non-empty graph, with the
// milliseconds since the page's navigation started and the WebGL renderer
// (e.g. llvmpipe: software). Ignored unless the frame counter is on
// (ReportRendered is the line every run logs).
func (a *App) ReportDrawn(nodes, pageMs int, renderer string) {
	if !a.debugFrames {
		return
	}
	if len(renderer) > 200 {
		renderer = renderer[:200]
	}
	a.log.Info("graph drawn", "nodes", nodes, "page_ms", pageMs, "renderer", renderer)
}
