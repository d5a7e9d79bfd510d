package interchange

import (
	"fmt"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/plexus-pln/plexus/backend/pln"
)

func graphmlFixtures(t testing.TB) []string {
	files, _ := filepath.Glob(filepath.Join("testdata", "graphml", "*"))
	if len(files) != 2 {
		t.Fatalf("%d fixtures", len(files))
	}
	return files
}

func graphmlParse(t testing.TB, name string, data []byte) *Doc {
	t.Helper()
	d, err := graphmlFormat{}.Parse([]File{{Name: name, Data: data}})
	if err != nil {
		t.Fatalf("Parse %s: %v", name, err)
	}
	checkGEXFDoc(t, d) // the Doc rules are the same for every format
	return d
}

func graphmlParseErr(t *testing.T, data string, code pln.Code, want ...string) {
	t.Helper()
	parseErrWith(t, graphmlFormat{}, "bad.graphml", data, code, want...)
}

func graphmlWarnings(d *Doc) (all string, skipped int) {
	var msgs []string
	for _, w := range d.Warnings {
		msgs = append(msgs, w.String())
		if w.Skipped {
			skipped++
		}
	}
	return strings.Join(msgs, "\n"), skipped
}

func TestGraphMLDetect(t *testing.T) {
	for _, name := range graphmlFixtures(t) {
		if f, err := Detect(filepath.Base(name), fixture(t, "graphml", filepath.Base(name))); err != nil || f != FormatGraphML {
			t.Errorf("%s: %q, %v", name, f, err)
		}
	}
	for _, s := range []string{`<graphml/>`, `<?xml version="1.0"?><!-- x --><g:graphml xmlns:g="http://graphml.graphdrawing.org/xmlns"/>`, `<GraphML>`} {
		if f, err := Detect("x", []byte(s)); err != nil || f != FormatGraphML {
			t.Errorf("%s: %q, %v", s, f, err)
		}
	}
	if s := (graphmlFormat{}).Sniff(NewProbe("x", []byte(`<gexf/>`))); s != SniffNo {
		t.Errorf("gexf sniffed %d", s)
	}
	f, _ := Lookup("graphml")
	if e, ok := f.(Exporter); !ok || e.Extension() != "graphml" || f.Title() != "GraphML (yEd, Cytoscape, igraph)" {
		t.Errorf("registry: %#v", f)
	}
}

func TestParseGraphMLTinkerPop(t *testing.T) {
	d := graphmlParse(t, "modern.xml", fixture(t, "graphml", "tinkerpop_tinkerpop-modern.xml"))
	if len(d.Nodes) != 6 || len(d.Ties) != 6 || len(d.Warnings) != 0 {
		t.Fatalf("%d nodes, %d ties, warnings %v", len(d.Nodes), len(d.Ties), d.Warnings)
	}
	marko := nodeByKey(t, d, "1")
	want := DocNode{Key: "1", Where: "line 1", Node: pln.Node{Label: "marko", Kind: pln.KindPerson, Extra: map[string]string{
		"graphml:id": "1", "graphml:name": "marko", "graphml:labelV": "person", "graphml:age": "29", "graphml:type:age": "int",
	}}}
	if !reflect.DeepEqual(marko, want) {
		t.Errorf("marko:\n got %#v\nwant %#v", marko, want)
	}
	if lop := nodeByKey(t, d, "3"); lop.Node.Label != "lop" || lop.Node.Kind != pln.KindService || lop.Node.Extra["graphml:lang"] != "java" {
		t.Errorf("lop: %#v", lop)
	}
	// Weights 0.5, 1.0, 0.4, 1.0, 0.4, 0.2 scaled from 0.2 (1) to 1.0 (5).
	var got []int
	var weights []string
	for _, tie := range d.Ties {
		got = append(got, tie.Tie.Strength)
		weights = append(weights, tie.Tie.Extra["graphml:weight"])
		if !tie.Tie.Directed || tie.Tie.Extra["graphml:type:weight"] != "double" {
			t.Errorf("tie %#v", tie)
		}
	}
	if want := []int{2, 5, 2, 5, 2, 1}; !slices.Equal(got, want) {
		t.Errorf("strengths %v, want %v", got, want)
	}
	if want := []string{"0.5", "1.0", "0.4", "1.0", "0.4", "0.2"}; !slices.Equal(weights, want) {
		t.Errorf("weights %v", weights)
	}
	first := DocTie{From: "1", To: "2", Where: "line 1", Tie: pln.Tie{Relation: "knows", Directed: true, Strength: 2, Extra: map[string]string{
		"graphml:id": "7", "graphml:labelE": "knows", "graphml:weight": "0.5", "graphml:type:weight": "double",
	}}}
	if !reflect.DeepEqual(d.Ties[0], first) {
		t.Errorf("tie 7:\n got %#v\nwant %#v", d.Ties[0], first)
	}
	if d.Ties[5].Tie.Relation != "created" || d.Ties[5].From != "6" || d.Ties[5].To != "3" {
		t.Errorf("tie 12: %#v", d.Ties[5])
	}
}

func TestParseGraphMLYEd(t *testing.T) {
	d := graphmlParse(t, "flowtick.graphml", fixture(t, "graphml", "flowtick_test.graphml"))
	if len(d.Nodes) != 6 || len(d.Ties) != 3 {
		t.Fatalf("%d nodes, %d ties", len(d.Nodes), len(d.Ties))
	}
	if len(d.Warnings) != 1 || d.Warnings[0].Where != "line 22" || !strings.Contains(d.Warnings[0].Message, "yEd graphics other than") || d.Warnings[0].Skipped {
		t.Errorf("warnings %v", d.Warnings)
	}
	n0 := nodeByKey(t, d, "n0")
	x, y, w, h := 371.0, 257.0, 77.96102711351352, 52.02435805405406 // the box's top left corner, y down
	want := DocNode{Key: "n0", HasPosition: true, Where: "line 17", Node: pln.Node{Label: "Bar Multi (n0)",
		X: x + w/2, Y: -(y + h/2), Extra: map[string]string{
			"graphml:id": "n0", "graphml:label": "Bar\nMulti (n0)", "graphml:yed:fill": "#FFCC00",
			"graphml:yed:width": "77.96102711351352", "graphml:yed:height": "52.02435805405406",
		}}}
	if !reflect.DeepEqual(n0, want) {
		t.Errorf("n0:\n got %#v\nwant %#v", n0, want)
	}
	n3 := nodeByKey(t, d, "n3")
	if n3.Node.Label != "Foo"+strings.Repeat(" FFoo", 13)+" F (n3)" || strings.Count(n3.Node.Extra["graphml:label"], "\n") != 14 {
		t.Errorf("n3: %q / %q", n3.Node.Label, n3.Node.Extra["graphml:label"])
	}
	if n5 := nodeByKey(t, d, "n5"); n5.Node.Label != "👍" || n5.Node.Extra["graphml:label"] != "" {
		t.Errorf("n5: %#v", n5)
	}
	if n2 := nodeByKey(t, d, "n2"); n2.Node.Extra["graphml:yed:fill"] != "" || n2.Node.X != 436.1485841297297+15 || n2.Node.Y != -272 {
		t.Errorf("n2 (no fill colour): %#v", n2)
	}
	if n4 := nodeByKey(t, d, "n4"); n4.Node.Label != "n4" || n4.Node.Extra["graphml:yed:fill"] != "#CCCCFF" {
		t.Errorf("n4 (an SVG node): %#v", n4)
	}
	labelled := DocTie{From: "n0", To: "n3", Where: "line 141", Tie: pln.Tie{Relation: "Edge Label", Directed: true, Strength: 3, Extra: map[string]string{"graphml:id": "e1"}}}
	if !reflect.DeepEqual(d.Ties[1], labelled) {
		t.Errorf("e1:\n got %#v\nwant %#v", d.Ties[1], labelled)
	}
	if tie := d.Ties[0]; tie.Tie.Relation != "" || tie.From != "n0" || tie.To != "n1" {
		t.Errorf("e0: %#v", tie)
	}
}

// TestParseGraphMLKeys: key domains, defaults, types, label/name, kinds,
// no namespace, edge directions and plexus fields.
func TestParseGraphMLKeys(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<graphml>
  <key id="k0" for="node" attr.name="name" attr.type="string"/>
  <key id="k1" for="node" attr.name="label"/>
  <key id="k2" for="all" attr.name="score" attr.type="double"><default>0.5</default></key>
  <key id="k3" for="node" attr.name="Type"/>
  <key id="k4" for="edge" attr.name="weight" attr.type="float"/>
  <key id="k5" for="node" attr.name="x" attr.type="double"/>
  <key id="k6" for="node" attr.name="y" attr.type="double"/>
  <key id="k7" for="node" attr.name="id"/>
  <key id="k8" for="graph" attr.name="name"/>
  <key id="k9" for="node" attr.name="plexus:tags"/>
  <key id="k10" for="edge" attr.name="label"/>
  <key id="k11" for="node" attr.name="website"/>
  <graph edgedefault="undirected">
    <data key="k8">My graph</data>
    <node id="a"><data key="k0">Ada L.</data><data key="k1">  Ada&#10;Lovelace </data><data key="k3">Person</data><data key="k5">1.5</data><data key="k6">-2</data><data key="k7">X-1</data><data key="k9">["math","poetry"]</data><data key="k11">https://ada.example/</data></node>
    <node id="b"><data key="k0">Bob</data><data key="k2">7</data><data key="k3">Company</data><data key="undeclared">u</data></node>
    <node id="c"/>
    <edge source="a" target="b"><data key="k4">2</data><data key="k10">works with</data></edge>
    <edge source="b" target="c" directed="true"><data key="k4">4</data></edge>
  </graph>
</graphml>`
	d := graphmlParse(t, "k.graphml", []byte(doc))
	if len(d.Nodes) != 3 || len(d.Ties) != 2 || len(d.Warnings) != 0 {
		t.Fatalf("%d nodes %d ties, warnings %v", len(d.Nodes), len(d.Ties), d.Warnings)
	}
	if d.Title != "My graph" {
		t.Errorf("title %q", d.Title)
	}
	a := nodeByKey(t, d, "a")
	wantA := DocNode{Key: "a", HasPosition: true, Where: "line 17", Node: pln.Node{Label: "Ada Lovelace", Kind: pln.KindPerson, X: 1.5, Y: -2,
		URL: "https://ada.example/", Tags: []string{"math", "poetry"}, Extra: map[string]string{
			"graphml:id": "a", "graphml:label": "  Ada\nLovelace ", "graphml:name": "Ada L.", "graphml:Type": "Person", "graphml:attr:id": "X-1",
			"graphml:score": "0.5", "graphml:type:score": "double", "graphml:website": "https://ada.example/",
		}}}
	if !reflect.DeepEqual(a, wantA) {
		t.Errorf("a:\n got %#v\nwant %#v", a, wantA)
	}
	b := nodeByKey(t, d, "b")
	if b.Node.Label != "Bob" || b.Node.Kind != pln.KindOrganisation || b.Node.Extra["graphml:score"] != "7" || b.Node.Extra["graphml:undeclared"] != "u" || b.HasPosition {
		t.Errorf("b: %#v", b)
	}
	if c := nodeByKey(t, d, "c"); c.Node.Label != "c" || c.Node.Kind != "" {
		t.Errorf("c: %#v", c)
	}
	t0, t1 := d.Ties[0].Tie, d.Ties[1].Tie
	if t0.Directed || t0.Relation != "works with" || t0.Strength != 2 || t0.Extra["graphml:weight"] != "2" || t0.Extra["graphml:type:weight"] != "float" || t0.Extra["graphml:score"] != "0.5" {
		t.Errorf("tie 0: %#v", t0)
	}
	if !t1.Directed || t1.Strength != 4 || t1.Relation != "" {
		t.Errorf("tie 1: %#v", t1)
	}
}

func TestParseGraphMLDuplicatesAndMissingEnds(t *testing.T) {
	doc := `<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="l" for="node" attr.name="label"/><key id="x" for="node" attr.name="x1"/><key id="y" for="node" attr.name="y1"/>
<graph edgedefault="directed">
<node id="a"><data key="l">Ada</data><data key="x">1</data></node>
<node id="b"><data key="l">Bob</data></node>
<node id="a"><data key="l">Ada L.</data><data key="x">2</data><data key="y">3</data></node>
<node id="b"><data key="l">Bob</data></node>
<node><data key="l">no id</data></node>
<edge source="a" target="b"/>
<edge source="a" target="zed"/>
<edge target="a"/>
<edge source="a" target="b" directed="perhaps"><data key="w">x</data></edge>
</graph></graphml>`
	d := graphmlParse(t, "d.graphml", []byte(doc))
	if len(d.Nodes) != 2 || len(d.Ties) != 2 {
		t.Fatalf("%d nodes %d ties", len(d.Nodes), len(d.Ties))
	}
	a := nodeByKey(t, d, "a")
	if a.Node.Label != "Ada" || a.Node.Extra["graphml:x1"] != "1" || a.Node.Extra["graphml:y1"] != "3" || a.Node.Extra["graphml:alias"] != "Ada L." || !slices.Equal(a.Aliases, []string{"Ada L."}) {
		t.Errorf("a: %#v", a)
	}
	all, skipped := graphmlWarnings(d)
	for _, want := range []string{
		`line 6: the node id "a" is used again (first at line 4, as "Ada") with the label "Ada L."`,
		`line 7: the node id "b" is used again (first at line 5): merged`,
		`line 8: the node "no id" has no id`,
		`line 10: the edge a → zed was left out: there is no node "zed" in the file.`,
		`line 11: an edge without a source or a target was left out.`,
		`line 12: the edge's directed="perhaps" is not true or false`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings lack %q:\n%s", want, all)
		}
	}
	if skipped != 3 {
		t.Errorf("%d skipped, want 3:\n%s", skipped, all)
	}
}

// TestParseGraphMLNested: nested graphs, hyperedges and ports are left
// out with their lines; the rest is read.
func TestParseGraphMLNested(t *testing.T) {
	doc := `<graphml>
<graph edgedefault="directed">
<node id="g"><port name="p1"/>
  <graph id="inner" edgedefault="directed">
    <node id="g::a"/><node id="g::b"><graph><node id="deep"/></graph></node>
    <edge source="g::a" target="g::b"/>
  </graph>
</node>
<node id="c"/>
<hyperedge><endpoint node="g"/><endpoint node="c"/><endpoint node="g::a"/></hyperedge>
<edge source="g" target="c" sourceport="p1"/>
<edge source="c" target="g::a"/>
</graph></graphml>`
	d := graphmlParse(t, "n.graphml", []byte(doc))
	if len(d.Nodes) != 2 || len(d.Ties) != 1 {
		t.Fatalf("%d nodes %d ties: %#v", len(d.Nodes), len(d.Ties), d)
	}
	all, skipped := graphmlWarnings(d)
	for _, want := range []string{
		`line 3: the file's ports`,
		`line 4: the graph nested inside the node "g" was left out with its 3 nodes and 1 edges`,
		`line 10: a hyperedge was left out`,
		`line 12: the edge c → g::a was left out: there is no node "g::a"`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings lack %q:\n%s", want, all)
		}
	}
	if skipped != 3 || len(d.Warnings) != 4 {
		t.Errorf("%d skipped of %d:\n%s", skipped, len(d.Warnings), all)
	}
	if _, ok := d.Ties[0].Tie.Extra["graphml:@sourceport"]; ok {
		t.Error("port kept")
	}
}

func TestParseGraphMLErrors(t *testing.T) {
	graphmlParseErr(t, "", pln.CodeInvalid, "empty")
	graphmlParseErr(t, "<graphml>\n  <graph>\n    <node id=\"a\">\n      <data key=\"x>\n", pln.CodeInvalid, "line 4, column", "not well-formed XML")
	graphmlParseErr(t, "<graphml>\n<graph>\n<node id=\"a\">\n</graph>", pln.CodeInvalid, "line 4, column", "<node> opened at line 3, column 1 is never closed")
	graphmlParseErr(t, `<graphml><graph><node id="a"/></graph>`, pln.CodeInvalid, "cut short")
	graphmlParseErr(t, "<gexf/>", pln.CodeInvalid, "line 1, column 1", "not <graphml>")
	graphmlParseErr(t, `<graphml><key id="a"/></graphml>`, pln.CodeInvalid, "no <graph>")
	graphmlParseErr(t, `<graphml><graph/></graphml>`, pln.CodeInvalid, "no nodes")
	graphmlParseErr(t, "<graphml><graph><node id=\"a\"/></graph></graphml>\n<graphml/>", pln.CodeInvalid, "line 2, column 1", "another element")
	graphmlParseErr(t, "<graphml><graph><node id=\"a\"/></graph></graphml>\njunk", pln.CodeInvalid, "line 2, column 1", "text outside")
	graphmlParseErr(t, "<graphml>"+strings.Repeat("<x>", MaxGraphMLDepth+1), pln.CodeInvalid, "nested more than 256")
	graphmlParseErr(t, `<?xml version="1.0" encoding="klingon"?><graphml/>`, pln.CodeUnsupported, "klingon")
}

// TestParseGraphMLEntityBomb: as TestParseGEXFEntityBomb, for GraphML.
func TestParseGraphMLEntityBomb(t *testing.T) {
	graphmlParseErr(t, entityBomb("graphml", graphmlBombBody), pln.CodeInvalid, "line 2, column 1", "DOCTYPE declares entities")
	graphmlParse(t, "ok.graphml", []byte(`<!DOCTYPE graphml><graphml><graph><node id="a"/></graph></graphml>`))
}

func graphmlExport(t testing.TB, net *Network) []byte {
	t.Helper()
	return exportOne(t, graphmlFormat{}, FormatGraphML, "network.graphml", net)
}

// TestGraphMLRoundTripFixtures: fixture → Doc → Network → Export → Parse
// gives the same nodes (labels, kinds, values and their types, positions,
// yEd sizes and colours) and ties.
func TestGraphMLRoundTripFixtures(t *testing.T) {
	for _, name := range graphmlFixtures(t) {
		t.Run(filepath.Base(name), func(t *testing.T) {
			d1 := graphmlParse(t, "a.graphml", fixture(t, "graphml", filepath.Base(name)))
			out := graphmlExport(t, gexfDocToNetwork(d1))
			d2 := graphmlParse(t, "b.graphml", out)
			if len(d2.Warnings) != 0 {
				t.Errorf("warnings %v", d2.Warnings)
			}
			if len(d1.Nodes) != len(d2.Nodes) || len(d1.Ties) != len(d2.Ties) {
				t.Fatalf("%d/%d nodes, %d/%d ties", len(d2.Nodes), len(d1.Nodes), len(d2.Ties), len(d1.Ties))
			}
			for i := range d1.Nodes {
				a, b := d1.Nodes[i], d2.Nodes[i]
				a.Where, b.Where = "", ""
				if !a.HasPosition {
					// Placed by Plexus before it is exported: here at 0,0.
					b.HasPosition = false
				}
				if !reflect.DeepEqual(a, b) {
					t.Errorf("node %d:\n got %#v\nwant %#v", i, b, a)
				}
			}
			for i := range d1.Ties {
				a, b := d1.Ties[i], d2.Ties[i]
				a.Where, b.Where = "", ""
				// An edge without a weight gains one (its strength) on export.
				if _, ok := a.Tie.Extra["graphml:weight"]; !ok {
					delete(b.Tie.Extra, "graphml:weight")
					delete(b.Tie.Extra, "graphml:type:weight")
				}
				if !reflect.DeepEqual(a, b) {
					t.Errorf("tie %d:\n got %#v\nwant %#v", i, b, a)
				}
			}
		})
	}
}

// graphmlGenNetwork is gexfGenNetwork with GraphML extras of every kind.
func graphmlGenNetwork(n int) *Network {
	net := gexfGenNetwork(n)
	for i := range net.Nodes {
		nd := &net.Nodes[i]
		nd.Extra = maps.Clone(nd.Extra)
		nd.Extra["graphml:age"] = fmt.Sprint(20 + i)
		nd.Extra["graphml:type:age"] = "int"
		nd.Extra["graphml:yed:width"] = "30.5"
		nd.Extra["graphml:yed:fill"] = "#FFCC00"
		nd.Extra["graphml:attr:id"] = "X-" + fmt.Sprint(i)
		nd.Extra["graphml:label with spaces & <signs>"] = "v\nw"
	}
	net.Ties[0].Extra = map[string]string{"graphml:weight": "0.75", "graphml:type:weight": "double", "graphml:labelE": "knows", "custom:t": "1"}
	return net
}

// TestGraphMLRoundTripPlexus: a Plexus network with every field set →
// Export → Parse gives the same nodes, fields, positions, extras and ties.
func TestGraphMLRoundTripPlexus(t *testing.T) {
	net := graphmlGenNetwork(14)
	out := graphmlExport(t, net)
	d := graphmlParse(t, "n.graphml", out)
	if len(d.Warnings) != 0 {
		t.Fatalf("warnings %v", d.Warnings)
	}
	if len(d.Nodes) != len(net.Nodes) {
		t.Fatalf("%d nodes, want %d", len(d.Nodes), len(net.Nodes))
	}
	for i, want := range net.Nodes {
		got := d.Nodes[i]
		if got.Key != want.ID || !got.HasPosition {
			t.Errorf("node %d: key %q, position %v", i, got.Key, got.HasPosition)
		}
		g := got.Node
		g.Extra = maps.Clone(g.Extra)
		if g.Extra["graphml:id"] != want.ID {
			t.Errorf("node %d graphml:id %q", i, g.Extra["graphml:id"])
		}
		delete(g.Extra, "graphml:id")
		w := want
		w.ID = ""
		if !reflect.DeepEqual(g, w) {
			t.Errorf("node %d:\n got %#v\nwant %#v", i, g, w)
		}
	}
	egoTies := 0
	var ties []DocTie
	for _, tie := range d.Ties {
		if tie.From == net.Nodes[0].ID {
			egoTies++
			alter := nodeByKey(t, d, tie.To).Node
			if tie.Tie.Relation != alter.Relation || tie.Tie.Strength != alter.Strength || !tie.Tie.Directed {
				t.Errorf("ego tie %#v for %#v", tie, alter)
			}
			continue
		}
		ties = append(ties, tie)
	}
	if egoTies != 13 {
		t.Errorf("%d ego ties, want 13", egoTies)
	}
	if len(ties) != len(net.Ties) {
		t.Fatalf("%d ties, want %d", len(ties), len(net.Ties))
	}
	for i, want := range net.Ties {
		got := ties[i]
		g := got.Tie
		g.Extra = maps.Clone(g.Extra)
		g.From, g.To, g.ID = got.From, got.To, g.Extra["graphml:id"]
		delete(g.Extra, "graphml:id")
		if _, ok := want.Extra["graphml:weight"]; !ok {
			delete(g.Extra, "graphml:weight")
			delete(g.Extra, "graphml:type:weight")
			if len(g.Extra) == 0 {
				g.Extra = nil
			}
		}
		if !reflect.DeepEqual(g, want) {
			t.Errorf("tie %d:\n got %#v\nwant %#v", i, g, want)
		}
	}
	// Importing again what was exported: the same again.
	d2 := graphmlParse(t, "n2.graphml", graphmlExport(t, gexfDocToNetwork(d)))
	for i := range d.Nodes {
		if !reflect.DeepEqual(d.Nodes[i].Node, d2.Nodes[i].Node) {
			t.Errorf("second round, node %d:\n got %#v\nwant %#v", i, d2.Nodes[i].Node, d.Nodes[i].Node)
		}
	}
}

func TestGraphMLExportShape(t *testing.T) {
	out := string(graphmlExport(t, graphmlGenNetwork(3)))
	for _, want := range []string{
		`<graphml xmlns="http://graphml.graphdrawing.org/xmlns"`,
		`<key id="d0" for="node" attr.name="label" attr.type="string"/>`,
		`<key id="d1" for="node" attr.name="x" attr.type="double"/>`, `<key id="d2" for="node" attr.name="y" attr.type="double"/>`,
		`for="node" attr.name="age" attr.type="int"/>`, `for="node" attr.name="yed:width" attr.type="double"/>`,
		`for="node" attr.name="id" attr.type="string"/>`,
		`for="node" attr.name="plexus:strength" attr.type="int"/>`, `for="node" attr.name="plexus:ego" attr.type="boolean"/>`,
		`for="node" attr.name="plexus:extra:custom:field" attr.type="string"/>`,
		`for="edge" attr.name="weight" attr.type="double"/>`, `for="edge" attr.name="plexus:egotie" attr.type="boolean"/>`,
		`<graph id="G" edgedefault="directed">`, `directed="false"`,
		`&#xD;&#xA;&#xA;&#x9;Second`, `<data key="d1">-999.75</data>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %s", want)
		}
	}
	if strings.Contains(out, `attr.name="graphml:`) || strings.Contains(out, "y:") && strings.Contains(out, "yworks") {
		t.Error("unexpected key")
	}
}

// FuzzParseGraphML: Parse never panics and rejects with a *pln.Error; what
// it accepts passes the Doc checks and exports to a file that parses back
// to as many nodes and ties.
func FuzzParseGraphML(f *testing.F) {
	seedFiles(f, graphmlFixtures(f), firstBytes, false)
	f.Add(graphmlExport(f, graphmlGenNetwork(2)))
	for _, s := range []string{"", "<graphml/>", "<graphml><graph><node id=' '/></graph></graphml>",
		`<graphml><key id="a" for="all" attr.name="plexus:extra:"><default>x</default></key><graph><node id="a"><graph><node id="a"/></graph></node><edge source="a" target="a"><data key="weight">1e400</data></edge></graph></graphml>`,
		`<graphml><graph><node id="a"><data key="d"><y:ShapeNode xmlns:y="http://www.yworks.com/xml/graphml"><y:Geometry x="1e308" y="0" width="1e308" height="1"/><y:NodeLabel>a<y:X/>b</y:NodeLabel></y:ShapeNode></data></node></graph></graphml>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := graphmlFormat{}.Parse([]File{{Name: "f.graphml", Data: data}})
		if err != nil {
			if pe := pln.AsError(err); pe.Code == pln.CodeInternal || pe.Message == "" {
				t.Fatalf("bad error: %#v", err)
			}
			return
		}
		checkGEXFDoc(t, d)
		net := gexfDocToNetwork(d)
		out, err := graphmlFormat{}.Export(net)
		if err != nil {
			t.Fatal(err)
		}
		d2, err := graphmlFormat{}.Parse(out)
		if err != nil {
			t.Fatalf("export does not parse: %v\n%s", err, out[0].Data)
		}
		net2 := gexfDocToNetwork(d2)
		if len(net2.Nodes) != len(net.Nodes) || len(net2.Ties) != len(net.Ties) {
			t.Fatalf("%d nodes %d ties after export, want %d %d", len(net2.Nodes), len(net2.Ties), len(net.Nodes), len(net.Ties))
		}
	})
}
