package interchange

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/plexus-pln/plexus/backend/pln"
)

// SVG 1.1 (https://www.w3.org/TR/SVG11/): an image of the whole map,
// export only (`plexus export --format svg`, the Export… menu). The map
// in the window exports what it shows (its current view, with filters)
// from the frontend (frontend/src/graph/exportImage.ts); this is the same
// picture drawn from the store alone, for scripts and for a map never
// opened. docs/formats.md ("SVG") and docs/decisions/image-export.md say
// what it draws and why; in short:
//
//   - Every node at its saved position (Node.X/Y, graph coordinates). The
//     graph's y axis points up, as sigma draws it (a larger y is higher on
//     the screen), and SVG's points down: y is flipped. The map is scaled
//     as the window's map is at its fit: the wider side of the nodes'
//     extent spans svgSpan px, and node and line sizes are the map's own
//     px sizes (frontend/src/graph/colors.ts: nodeSize, edgeSize, EGO_SIZE).
//   - Nodes are circles filled with their kind's colour (svgKindColors, the
//     same palette as colors.ts's KIND_COLORS; a test reads colors.ts and
//     fails when they drift), the ego in EGO_COLOR; pinned nodes (and the
//     ego) with the map's dark ring.
//   - The ego's tie to each alter and every tie are lines, as thick as
//     their strength; directed ties end in an arrow head at the target's
//     edge.
//   - Every label, as <text> beside its node (user text is escaped: it is
//     never markup), in a generic font family (nothing is fetched).
//   - A legend of the kinds (and the ego), in a column left of the map.
//
// Nothing outside the file is referenced (no fonts, images, scripts or
// style sheets), and the output is deterministic for a given Network.

// FormatSVG is the registry name of the SVG image.
const FormatSVG = "svg"

// The map's look (frontend/src/graph/colors.ts, view.ts): keep in step.
var svgKindColors = map[pln.Kind]string{
	pln.KindPerson:       "#0072B2",
	pln.KindOrganisation: "#E69F00",
	pln.KindCommunity:    "#009E73",
	pln.KindSource:       "#D55E00",
	pln.KindService:      "#CC79A7",
	pln.KindDevice:       "#56B4E9",
}

var svgKindLabels = map[pln.Kind]string{
	pln.KindPerson:       "Person",
	pln.KindOrganisation: "Organisation",
	pln.KindCommunity:    "Community",
	pln.KindSource:       "Source",
	pln.KindService:      "Service",
	pln.KindDevice:       "Device",
}

const (
	svgEgoColor         = "#1f2937"
	svgPinColor         = "#111827"
	svgEgoEdgeColor     = "#b8c0cc"
	svgEgoEdgeUnset     = "#dde2e8"
	svgTieEdgeColor     = "#8a94a3"
	svgLabelColor       = "#1f2937"
	svgMutedColor       = "#6b7280"
	svgEgoSize          = 14
	svgPinBorder        = 0.28 // of the node's radius (view.ts: borderSize)
	svgLabelSize        = 12
	svgFont             = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
	svgMargin           = 40  // px around the map (sigma's stagePadding)
	svgLegendWidth      = 170 // px of the legend column
	svgArrowLength      = 2.5 // arrow head length, in line widths (sigma's arrow program)
	svgArrowWidth       = 2   // arrow head width, in line widths
	svgSpanMin          = 800
	svgSpanMax          = 8000
	svgSpanPerSqrtNodes = 40
)

// svgNodeSize is the map's nodeSize: alters grow with the ego-tie strength.
func svgNodeSize(strength int) float64 { return 5 + float64(min(5, max(0, strength))) }

// svgEdgeSize is the map's edgeSize: thickness by strength (0 draws thin).
func svgEdgeSize(strength int) float64 {
	s := min(5, max(0, strength))
	if s == 0 {
		return 0.8
	}
	return 0.8 + float64(s)*0.7
}

type svgFormat struct{}

func init() { Register(svgFormat{}) }

func (svgFormat) Name() string      { return FormatSVG }
func (svgFormat) Title() string     { return "SVG 1.1" }
func (svgFormat) Extension() string { return "svg" }

// Sniff: never; an image is not imported (what the map was made of is
// not in it). DetectFormat then says the file is XML with root <svg>.
func (svgFormat) Sniff(*Probe) int { return SniffNo }

// Export writes net as one SVG image, "network.svg". The journal is not
// drawn.
func (svgFormat) Export(net *Network) ([]File, error) {
	var b bytes.Buffer
	writeSVG(&b, net)
	return []File{{Name: "network.svg", Data: b.Bytes()}}, nil
}

// svgNum writes v with at most one decimal ("12", "12.5", "-3.1").
func svgNum(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "0"
	}
	s := strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
	if s == "-0" {
		return "0"
	}
	return s
}

type svgPoint struct{ x, y float64 }

// svgLayout maps graph coordinates to the image's px.
type svgLayout struct {
	minX, maxY float64 // the nodes' extent: left and top (the largest y)
	scale      float64
	left, top  float64 // where the map starts in the image
	w, h       float64 // the image's size
}

func newSVGLayout(nodes []pln.Node) svgLayout {
	l := svgLayout{}
	if len(nodes) == 0 {
		l.w, l.h = svgLegendWidth+2*svgMargin, 0
		return l
	}
	minX, maxX := math.Inf(1), math.Inf(-1)
	minY, maxY := math.Inf(1), math.Inf(-1)
	for _, n := range nodes {
		x, y := svgFinite(n.X), svgFinite(n.Y)
		minX, maxX = math.Min(minX, x), math.Max(maxX, x)
		minY, maxY = math.Min(minY, y), math.Max(maxY, y)
	}
	span := math.Min(svgSpanMax, math.Max(svgSpanMin, svgSpanPerSqrtNodes*math.Sqrt(float64(len(nodes)))))
	ext := math.Max(maxX-minX, maxY-minY)
	l.scale = 1
	if ext > 0 {
		l.scale = span / ext
	}
	l.minX, l.maxY = minX, maxY
	l.left, l.top = svgLegendWidth+svgMargin, svgMargin
	l.w = l.left + (maxX-minX)*l.scale + svgMargin
	l.h = l.top + (maxY-minY)*l.scale + svgMargin
	return l
}

func svgFinite(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}

func (l svgLayout) at(n pln.Node) svgPoint {
	return svgPoint{l.left + (svgFinite(n.X)-l.minX)*l.scale, l.top + (l.maxY-svgFinite(n.Y))*l.scale}
}

type svgWriter struct{ b *bytes.Buffer }

func (w svgWriter) s(parts ...string) {
	for _, p := range parts {
		w.b.WriteString(p)
	}
}

// text writes user text escaped for an XML text node or attribute value.
func (w svgWriter) text(s string) { _ = xml.EscapeText(w.b, []byte(s)) }

// line writes one <line> from a to b (its style is its group's).
func (w svgWriter) line(a, b svgPoint, width float64, extra string) {
	w.s(`<line x1="`, svgNum(a.x), `" y1="`, svgNum(a.y), `" x2="`, svgNum(b.x), `" y2="`, svgNum(b.y), `" stroke-width="`, svgNum(width), `"`, extra, "/>\n")
}

func writeSVG(b *bytes.Buffer, net *Network) {
	w := svgWriter{b}
	l := newSVGLayout(net.Nodes)
	kindsShown := pln.Kinds
	legendH := svgMargin + 26 + 20*float64(1+len(kindsShown)) + 26
	if l.h < legendH {
		l.h = legendH
	}
	w.s(`<?xml version="1.0" encoding="UTF-8"?>`, "\n")
	w.s(`<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="`, svgNum(l.w), `" height="`, svgNum(l.h),
		`" viewBox="0 0 `, svgNum(l.w), " ", svgNum(l.h), `">`, "\n")
	w.s("<title>Plexus: the learning network of ")
	w.text(net.Ego().Label)
	w.s("</title>\n")
	w.s(`<defs><marker id="arrow" viewBox="0 0 `, svgNum(svgArrowLength), " ", svgNum(svgArrowWidth), `" refX="0" refY="`, svgNum(svgArrowWidth/2),
		`" markerUnits="strokeWidth" markerWidth="`, svgNum(svgArrowLength), `" markerHeight="`, svgNum(svgArrowWidth), `" orient="auto"><path d="M0,0L`,
		svgNum(svgArrowLength), ",", svgNum(svgArrowWidth/2), "L0,", svgNum(svgArrowWidth), `Z" fill="`, svgTieEdgeColor, `"/></marker></defs>`, "\n")
	w.s(`<rect width="100%" height="100%" fill="#ffffff"/>`, "\n")

	byID := make(map[string]int, len(net.Nodes))
	ego := -1
	for i, n := range net.Nodes {
		byID[n.ID] = i
		if n.Ego && ego < 0 {
			ego = i
		}
	}
	radius := func(i int) float64 {
		if net.Nodes[i].Ego {
			return svgEgoSize
		}
		return svgNodeSize(net.Nodes[i].Strength)
	}

	// The ego's ties, under everything (the map draws them pale).
	w.s(`<g id="ego-ties" stroke-linecap="round">`, "\n")
	if ego >= 0 {
		e := l.at(net.Nodes[ego])
		for i, n := range net.Nodes {
			if i == ego {
				continue
			}
			color := svgEgoEdgeUnset
			if n.Relation != "" || n.Strength > 0 {
				color = svgEgoEdgeColor
			}
			w.line(e, l.at(n), svgEdgeSize(n.Strength), ` stroke="`+color+`"`)
		}
	}
	w.s("</g>\n")

	// Ties between alters; directed ones stop at the target's edge with an arrow head.
	w.s(`<g id="ties" stroke="`, svgTieEdgeColor, `">`, "\n")
	for _, t := range net.Ties {
		fi, okF := byID[t.From]
		ti, okT := byID[t.To]
		if !okF || !okT || fi == ti {
			continue
		}
		a, c := l.at(net.Nodes[fi]), l.at(net.Nodes[ti])
		width := svgEdgeSize(t.Strength)
		if !t.Directed {
			w.line(a, c, width, "")
			continue
		}
		dx, dy := c.x-a.x, c.y-a.y
		d := math.Hypot(dx, dy)
		back := radius(ti) + svgArrowLength*width
		if d <= back {
			w.line(a, c, width, "") // too short for a head: drawn as the map draws a tie between touching nodes
			continue
		}
		end := svgPoint{c.x - dx/d*back, c.y - dy/d*back}
		w.line(a, end, width, ` marker-end="url(#arrow)"`)
	}
	w.s("</g>\n")

	// Nodes: alters, then the ego on top.
	w.s(`<g id="nodes">`, "\n")
	order := make([]int, 0, len(net.Nodes))
	for i := range net.Nodes {
		if i != ego {
			order = append(order, i)
		}
	}
	if ego >= 0 {
		order = append(order, ego)
	}
	for _, i := range order {
		n := net.Nodes[i]
		p, r := l.at(n), radius(i)
		fill := svgKindColors[n.Kind]
		if n.Ego {
			fill = svgEgoColor
		}
		if fill == "" {
			fill = svgMutedColor
		}
		// Every label is the node's tooltip, also where the label itself is
		// not drawn (in a <g>: some renderers skip a <circle> with children).
		w.s("<g><title>")
		w.text(n.Label)
		w.s("</title>")
		if n.Ego || n.Pinned {
			// The map's ring: a border of svgPinBorder·r inside the node's edge.
			bw := svgPinBorder * r
			w.s(`<circle cx="`, svgNum(p.x), `" cy="`, svgNum(p.y), `" r="`, svgNum(r-bw/2), `" fill="`, fill, `" stroke="`, svgPinColor, `" stroke-width="`, svgNum(bw), `"/>`)
		} else {
			w.s(`<circle cx="`, svgNum(p.x), `" cy="`, svgNum(p.y), `" r="`, svgNum(r), `" fill="`, fill, `"/>`)
		}
		w.s("</g>\n")
	}
	w.s("</g>\n")

	// Labels to the right of their node, as sigma draws them, and as on the
	// map none over another: the ego's first, then bigger nodes' (stronger
	// ties), a label that would overlap one already placed is left out (it
	// is still the node's <title>).
	w.s(`<g id="labels" font-family="`, svgFont, `" font-size="`, strconv.Itoa(svgLabelSize), `" font-weight="500" fill="`, svgLabelColor, `">`, "\n")
	byPriority := slices.Clone(order)
	slices.SortStableFunc(byPriority, func(a, b int) int {
		if net.Nodes[a].Ego != net.Nodes[b].Ego {
			if net.Nodes[a].Ego {
				return -1
			}
			return 1
		}
		return cmp.Compare(radius(b), radius(a))
	})
	var space svgLabelSpace
	for _, i := range byPriority {
		n := net.Nodes[i]
		if n.Label == "" {
			continue
		}
		p := l.at(n)
		x := p.x + radius(i) + 3
		box := svgBox{x, p.y - svgLabelSize/2.0 - 1, svgLabelWidth(n.Label), svgLabelSize + 2}
		if !space.claim(box) {
			continue
		}
		w.s(`<text x="`, svgNum(x), `" y="`, svgNum(p.y+svgLabelSize/3.0), `">`)
		w.text(n.Label)
		w.s("</text>\n")
	}
	w.s("</g>\n")

	writeSVGLegend(w, net, kindsShown)
	w.s("</svg>\n")
}

// writeSVGLegend draws the legend column: the ego, each kind with its
// colour and count, and what rings and lines mean.
func writeSVGLegend(w svgWriter, net *Network, kinds []pln.Kind) {
	counts := map[pln.Kind]int{}
	for _, n := range net.Nodes {
		if !n.Ego {
			counts[n.Kind]++
		}
	}
	x, y := float64(svgMargin)/2, float64(svgMargin)
	w.s(`<g id="legend" font-family="`, svgFont, `" font-size="12" fill="`, svgLabelColor, `">`, "\n")
	w.s(`<text x="`, svgNum(x), `" y="`, svgNum(y), `" font-size="11" font-weight="600" fill="`, svgMutedColor, `" letter-spacing="0.06em">KINDS</text>`, "\n")
	row := func(color, label string, count int, showCount bool) {
		y += 20
		w.s(`<circle cx="`, svgNum(x+5.5), `" cy="`, svgNum(y-4), `" r="5.5" fill="`, color, `"/>`)
		w.s(`<text x="`, svgNum(x+18), `" y="`, svgNum(y), `">`)
		w.text(label)
		if showCount {
			w.s(" (", strconv.Itoa(count), ")")
		}
		w.s("</text>\n")
	}
	row(svgEgoColor, "You (ego)", 0, false)
	for _, k := range kinds {
		row(svgKindColors[k], svgKindLabels[k], counts[k], true)
	}
	y += 24
	w.s(`<text x="`, svgNum(x), `" y="`, svgNum(y), `" font-size="11" fill="`, svgMutedColor, `">ring = pinned · thicker = stronger</text>`, "\n")
	w.s("</g>\n")
}

// svgLabelWidth estimates a label's width in px at svgLabelSize (no font
// is measured headless: the average advance of a sans-serif at weight 500).
func svgLabelWidth(label string) float64 {
	return 0.6 * svgLabelSize * float64(utf8.RuneCountInString(label))
}

type svgBox struct{ x, y, w, h float64 }

func (a svgBox) overlaps(b svgBox) bool {
	return a.x < b.x+b.w && b.x < a.x+a.w && a.y < b.y+b.h && b.y < a.y+a.h
}

// svgLabelSpace is the room the placed labels take, in a grid of
// svgCell-px cells so that a claim looks only at its neighbours.
type svgLabelSpace struct{ cells map[[2]int][]svgBox }

const svgCell = 64

// claim takes the room of b when no placed label overlaps it.
func (s *svgLabelSpace) claim(b svgBox) bool {
	x0, x1 := int(math.Floor(b.x/svgCell)), int(math.Floor((b.x+b.w)/svgCell))
	y0, y1 := int(math.Floor(b.y/svgCell)), int(math.Floor((b.y+b.h)/svgCell))
	for cx := x0; cx <= x1; cx++ {
		for cy := y0; cy <= y1; cy++ {
			for _, o := range s.cells[[2]int{cx, cy}] {
				if o.overlaps(b) {
					return false
				}
			}
		}
	}
	if s.cells == nil {
		s.cells = map[[2]int][]svgBox{}
	}
	for cx := x0; cx <= x1; cx++ {
		for cy := y0; cy <= y1; cy++ {
			s.cells[[2]int{cx, cy}] = append(s.cells[[2]int{cx, cy}], b)
		}
	}
	return true
}
