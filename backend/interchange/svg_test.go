package interchange

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/synth"
)

// svgElem is one element of an SVG read back: its name, attributes, text,
// and the id of the nearest <g> with an id it is in.
type svgElem struct {
	name  string
	attrs map[string]string
	text  string
	group string
}

// svgParse reads data with encoding/xml (strict: it must be well-formed)
// and returns every element.
func svgParse(t testing.TB, data []byte) []svgElem {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	var out []svgElem
	var stack []int // indexes into out
	var groups []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v", err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			if tk.Name.Space != "http://www.w3.org/2000/svg" {
				t.Fatalf("element %s outside the SVG namespace", tk.Name.Local)
			}
			e := svgElem{name: tk.Name.Local, attrs: map[string]string{}}
			for _, a := range tk.Attr {
				e.attrs[a.Name.Local] = a.Value
			}
			if len(groups) > 0 {
				e.group = groups[len(groups)-1]
			}
			out = append(out, e)
			stack = append(stack, len(out)-1)
			if e.name == "g" {
				id := e.attrs["id"]
				if id == "" { // a node's own <g>: inside its layer's
					id = e.group
				}
				groups = append(groups, id)
			}
		case xml.EndElement:
			if out[stack[len(stack)-1]].name == "g" {
				groups = groups[:len(groups)-1]
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				out[stack[len(stack)-1]].text += string(tk)
			}
		}
	}
	return out
}

func svgCount(els []svgElem, name, group string) int {
	n := 0
	for _, e := range els {
		if e.name == name && e.group == group {
			n++
		}
	}
	return n
}

func svgExport(t testing.TB, net *Network) []byte {
	t.Helper()
	files, err := svgFormat{}.Export(net)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].Name != "network.svg" {
		t.Fatalf("files %v", files)
	}
	again, _ := svgFormat{}.Export(net)
	if !bytes.Equal(files[0].Data, again[0].Data) {
		t.Fatal("SVG export is not deterministic")
	}
	return files[0].Data
}

// TestSVGExportShape: a generated network → one well-formed SVG with a
// circle per node, a line per ego tie and tie, a label per node, the
// legend, a viewBox holding every node, nothing external.
func TestSVGExportShape(t *testing.T) {
	net := gexfGenNetwork(14)
	out := svgExport(t, net)
	els := svgParse(t, out)
	if els[0].name != "svg" || els[0].attrs["version"] != "1.1" {
		t.Fatalf("root %v", els[0])
	}
	if got := svgCount(els, "circle", "nodes"); got != len(net.Nodes) {
		t.Errorf("%d node circles, want %d", got, len(net.Nodes))
	}
	if got := svgCount(els, "line", "ego-ties"); got != len(net.Nodes)-1 {
		t.Errorf("%d ego tie lines, want %d", got, len(net.Nodes)-1)
	}
	if got := svgCount(els, "line", "ties"); got != len(net.Ties) {
		t.Errorf("%d tie lines, want %d", got, len(net.Ties))
	}
	if got := svgCount(els, "text", "labels"); got < 3 || got > len(net.Nodes) {
		t.Errorf("%d labels drawn, want 3 to %d", got, len(net.Nodes))
	}
	if got := svgCount(els, "circle", "legend"); got != 1+len(pln.Kinds) {
		t.Errorf("%d legend dots, want %d", got, 1+len(pln.Kinds))
	}
	arrows, pinned := 0, 0
	for _, e := range els {
		if e.group == "ties" && e.attrs["marker-end"] == "url(#arrow)" {
			arrows++
		}
		if e.group == "nodes" && e.attrs["stroke"] == svgPinColor {
			pinned++
		}
		for k, v := range e.attrs {
			if k == "href" || strings.Contains(v, "http:") && k != "xmlns" || strings.Contains(v, "https:") {
				t.Errorf("external reference %s=%q", k, v)
			}
		}
		if e.name == "image" || e.name == "script" || e.name == "style" || e.name == "foreignObject" {
			t.Errorf("element <%s>", e.name)
		}
	}
	directed, wantPinned := 0, 1 // the ego
	for _, tie := range net.Ties {
		if tie.Directed {
			directed++
		}
	}
	for _, n := range net.Nodes {
		if n.Pinned && !n.Ego {
			wantPinned++
		}
	}
	if arrows != directed || pinned != wantPinned {
		t.Errorf("%d arrows (want %d), %d pinned rings (want %d)", arrows, directed, pinned, wantPinned)
	}
	// Every label is its node's tooltip; the drawn ones are labels of nodes.
	titles, drawn := map[string]bool{}, 0
	for _, e := range els {
		if e.name == "title" && e.group == "nodes" {
			titles[e.text] = true
		}
	}
	for _, n := range net.Nodes {
		if !titles[n.Label] {
			t.Errorf("no title %q", n.Label)
		}
	}
	for _, e := range els {
		if e.group == "labels" {
			drawn++
			if !titles[e.text] {
				t.Errorf("label %q is no node's", e.text)
			}
		}
	}
	// Every node inside the viewBox, with the margin.
	vb := strings.Fields(els[0].attrs["viewBox"])
	w, _ := strconv.ParseFloat(vb[2], 64)
	h, _ := strconv.ParseFloat(vb[3], 64)
	for _, e := range els {
		if e.group != "nodes" || e.name != "circle" {
			continue
		}
		cx, _ := strconv.ParseFloat(e.attrs["cx"], 64)
		cy, _ := strconv.ParseFloat(e.attrs["cy"], 64)
		if cx < svgLegendWidth+svgMargin-0.1 || cx > w-svgMargin+0.1 || cy < svgMargin-0.1 || cy > h-svgMargin+0.1 {
			t.Errorf("node at %v,%v outside %vx%v less the margin", cx, cy, w, h)
		}
	}
}

// TestSVGOrientation: the graph's y points up (as sigma draws it), SVG's
// down; x is kept. The fill is the kind's colour, sizes the map's.
func TestSVGOrientation(t *testing.T) {
	ego := pln.Node{ID: "e", Ego: true, Label: "Me", Kind: pln.KindPerson}
	up := pln.Node{ID: "u", Label: "Up", Kind: pln.KindSource, Y: 100, Strength: 5}
	right := pln.Node{ID: "r", Label: "Right", Kind: pln.KindDevice, X: 100}
	els := svgParse(t, svgExport(t, &Network{Nodes: []pln.Node{ego, up, right}}))
	at := map[string][2]float64{}
	for _, e := range els {
		if e.group == "nodes" && e.name == "circle" {
			x, _ := strconv.ParseFloat(e.attrs["cx"], 64)
			y, _ := strconv.ParseFloat(e.attrs["cy"], 64)
			at[e.attrs["fill"]+" "+e.attrs["r"]] = [2]float64{x, y}
		}
	}
	e, u, r := at[svgEgoColor+" "+svgNum(svgEgoSize*(1-svgPinBorder/2))], at[svgKindColors[pln.KindSource]+" 10"], at[svgKindColors[pln.KindDevice]+" 5"]
	if len(at) != 3 || !(u[1] < e[1]) || u[0] != e[0] || !(r[0] > e[0]) || r[1] != e[1] {
		t.Fatalf("positions %v: ego %v, up %v, right %v", at, e, u, r)
	}
}

// TestSVGEscapesLabels: user text is text, never markup.
func TestSVGEscapesLabels(t *testing.T) {
	evil := `</text><script>alert(1)</script>`
	net := &Network{Nodes: []pln.Node{
		{ID: "e", Ego: true, Label: `Me & "you" <3`, Kind: pln.KindPerson},
		{ID: "a", Label: evil, Kind: pln.KindPerson, X: 10, Y: 10},
		{ID: "b", Label: "R&D ]]> 'quoted'", Kind: pln.KindService, X: -10, Y: 5},
	}}
	out := svgExport(t, net)
	if bytes.Contains(out, []byte("<script")) || bytes.Contains(out, []byte("</text><script")) {
		t.Fatalf("markup from a label reached the SVG:\n%s", out)
	}
	els := svgParse(t, out)
	got := map[string]bool{}
	for _, e := range els {
		if e.name == "script" {
			t.Fatal("a <script> element")
		}
		if e.group == "labels" || e.name == "title" && e.group == "nodes" {
			got[e.text] = true
		}
	}
	if svgCount(els, "text", "labels") != 3 {
		t.Errorf("%d labels drawn, want all 3 (they are far apart)", svgCount(els, "text", "labels"))
	}
	for _, n := range net.Nodes {
		if !got[n.Label] {
			t.Errorf("label %q not read back as text (got %v)", n.Label, got)
		}
	}
	if title := els[1]; title.name != "title" || !strings.Contains(title.text, `Me & "you" <3`) {
		t.Errorf("title %v", title)
	}
}

// TestSVGEmpty: no nodes at all (and a lone ego) still give a well-formed
// image with the legend.
func TestSVGEmpty(t *testing.T) {
	for _, net := range []*Network{{}, {Nodes: []pln.Node{{ID: "e", Ego: true, Label: "Me", Kind: pln.KindPerson, X: 3, Y: 4}}}} {
		els := svgParse(t, svgExport(t, net))
		if svgCount(els, "circle", "nodes") != len(net.Nodes) || svgCount(els, "line", "ego-ties") != 0 || svgCount(els, "circle", "legend") != 7 {
			t.Errorf("%d nodes: %d circles, %d lines", len(net.Nodes), svgCount(els, "circle", "nodes"), svgCount(els, "line", "ego-ties"))
		}
		vb := strings.Fields(els[0].attrs["viewBox"])
		if len(vb) != 4 || vb[2] == "0" || vb[3] == "0" {
			t.Errorf("viewBox %v", vb)
		}
	}
}

// TestSVGLarge: 10,000 nodes and 30,000 ties in a reasonable size (the
// time: BenchmarkWorstInputs/SVG_export).
func TestSVGLarge(t *testing.T) {
	g, err := synth.Generate(synth.Options{Nodes: 10_000, Ties: 30_000, Seed: 8})
	if err != nil {
		t.Fatal(err)
	}
	net := &Network{Nodes: g.Nodes, Ties: g.Ties}
	files, err := svgFormat{}.Export(net)
	if err != nil {
		t.Fatal(err)
	}
	data := files[0].Data
	t.Logf("10k nodes, 30k ties: %.1f MiB", float64(len(data))/(1<<20))
	if len(data) > 8<<20 {
		t.Errorf("%d bytes: over 8 MiB", len(data))
	}
	els := svgParse(t, data)
	if svgCount(els, "circle", "nodes") != 10_000 || svgCount(els, "line", "ties") != len(g.Ties) {
		t.Errorf("%d circles, %d tie lines", svgCount(els, "circle", "nodes"), svgCount(els, "line", "ties"))
	}
}

// TestSVGPaletteMatchesMap: the kind colours, labels and sizes are the
// map's own (frontend/src/graph/colors.ts); this fails when one side
// changes without the other.
func TestSVGPaletteMatchesMap(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "frontend", "src", "graph", "colors.ts"))
	if err != nil {
		t.Fatal(err)
	}
	ts := string(src)
	block := func(name string) map[string]string {
		m := regexp.MustCompile(`(?s)export const ` + name + `[^{]*\{(.*?)\};`).FindStringSubmatch(ts)
		if m == nil {
			t.Fatalf("no %s in colors.ts", name)
		}
		out := map[string]string{}
		for _, kv := range regexp.MustCompile(`(\w+):\s*"([^"]*)"`).FindAllStringSubmatch(m[1], -1) {
			out[kv[1]] = kv[2]
		}
		return out
	}
	colors, labels := block("KIND_COLORS"), block("KIND_LABELS")
	if len(colors) != len(pln.Kinds) || len(labels) != len(pln.Kinds) {
		t.Errorf("colors.ts has %d colours and %d labels for %d kinds", len(colors), len(labels), len(pln.Kinds))
	}
	for _, k := range pln.Kinds {
		if !strings.EqualFold(colors[string(k)], svgKindColors[k]) {
			t.Errorf("%s: colors.ts %q, svg.go %q", k, colors[string(k)], svgKindColors[k])
		}
		if labels[string(k)] != svgKindLabels[k] {
			t.Errorf("%s: colors.ts label %q, svg.go %q", k, labels[string(k)], svgKindLabels[k])
		}
	}
	consts := map[string]string{
		"EGO_COLOR": svgEgoColor, "PIN_COLOR": svgPinColor, "EGO_EDGE_COLOR": svgEgoEdgeColor,
		"EGO_EDGE_UNSET_COLOR": svgEgoEdgeUnset, "TIE_EDGE_COLOR": svgTieEdgeColor, "EGO_SIZE": strconv.Itoa(svgEgoSize),
	}
	for name, want := range consts {
		m := regexp.MustCompile(`export const ` + name + ` = "?([^";]*)"?;`).FindStringSubmatch(ts)
		if m == nil || !strings.EqualFold(m[1], want) {
			t.Errorf("%s: colors.ts %v, svg.go %q", name, m, want)
		}
	}
	// The size formulas, as written there.
	for _, want := range []string{"return 5 + s;", "return s === 0 ? 0.8 : 0.8 + s * 0.7;"} {
		if !strings.Contains(ts, want) {
			t.Errorf("colors.ts no longer has %q: update svgNodeSize/svgEdgeSize", want)
		}
	}
	if svgNodeSize(3) != 8 || svgNodeSize(9) != 10 || svgEdgeSize(0) != 0.8 || svgEdgeSize(5) != 0.8+5*0.7 {
		t.Error("svgNodeSize/svgEdgeSize differ from colors.ts")
	}
}

// TestSVGRegistered: export only, through the registry; an SVG is not
// imported, with a message saying so.
func TestSVGRegistered(t *testing.T) {
	ex, err := LookupExporter("svg")
	if err != nil || ex.Title() != "SVG 1.1" || ex.Extension() != "svg" {
		t.Fatalf("%v %v", ex, err)
	}
	if _, ok := ex.(Importer); ok {
		t.Fatal("svg is an importer")
	}
	out := svgExport(t, gexfGenNetwork(3))
	if _, err := ParseFiles([]File{{Name: "map.svg", Data: out}}); pln.CodeOf(err) != pln.CodeUnsupported || !strings.Contains(err.Error(), "map.svg") {
		t.Errorf("import of an SVG: %v", err)
	}
}

// TestSVGLabelsDoNotOverlap: as on the map, a label that would run into
// one already drawn is left out (the ego's first, then bigger nodes');
// it stays the node's tooltip.
func TestSVGLabelsDoNotOverlap(t *testing.T) {
	net := &Network{Nodes: []pln.Node{
		{ID: "e", Ego: true, Label: "Me", Kind: pln.KindPerson},
		{ID: "a", Label: "Weak and first", Kind: pln.KindPerson, X: 100, Y: 100, Strength: 1},
		{ID: "b", Label: "Strong and second", Kind: pln.KindPerson, X: 100, Y: 100.5, Strength: 5},
		{ID: "c", Label: "Far away", Kind: pln.KindPerson, X: -100, Y: -100},
	}}
	els := svgParse(t, svgExport(t, net))
	var drawn []string
	for _, e := range els {
		if e.group == "labels" {
			drawn = append(drawn, e.text)
		}
	}
	if strings.Join(drawn, "|") != "Me|Strong and second|Far away" {
		t.Errorf("labels drawn %q", drawn)
	}
	if svgCount(els, "title", "nodes") != 4 {
		t.Errorf("%d tooltips", svgCount(els, "title", "nodes"))
	}
}
