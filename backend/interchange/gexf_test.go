package interchange

import (
	"bytes"
	"fmt"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/plexus-pln/plexus/backend/pln"
)

func gexfParse(t testing.TB, name string, data []byte) *Doc {
	t.Helper()
	d, err := gexfFormat{}.Parse([]File{{Name: name, Data: data}})
	if err != nil {
		t.Fatalf("Parse %s: %v", name, err)
	}
	checkGEXFDoc(t, d)
	return d
}

// gexfParseErr parses data expecting an error with the given code whose
// message contains every one of want.
func gexfParseErr(t *testing.T, data string, code pln.Code, want ...string) {
	t.Helper()
	parseErrWith(t, gexfFormat{}, "bad.gexf", data, code, want...)
}

// checkGEXFDoc: every node passes Normalize (once the service fills the
// kind) without changing; keys are unique; ties name nodes of the Doc.
func checkGEXFDoc(t testing.TB, d *Doc) {
	t.Helper()
	keys := map[string]bool{}
	for _, n := range d.Nodes {
		if keys[n.Key] {
			t.Fatalf("key %q twice", n.Key)
		}
		keys[n.Key] = true
		f := n.Node.Fields()
		if f.Kind == "" {
			f.Kind = pln.KindPerson
		}
		want := f
		if err := f.Normalize(); err != nil {
			t.Fatalf("node %q fails Normalize: %v", n.Key, err)
		}
		if !reflect.DeepEqual(gexfNilLists(f), gexfNilLists(want)) {
			t.Fatalf("node %q changes under Normalize:\n%#v\n%#v", n.Key, want, f)
		}
		if n.Node.ID != "" {
			t.Fatalf("node %q has an id", n.Key)
		}
	}
	for _, tie := range d.Ties {
		if !keys[tie.From] || !keys[tie.To] {
			t.Fatalf("tie %s → %s names a node not in the Doc", tie.From, tie.To)
		}
		if tie.Tie.Strength < 0 || tie.Tie.Strength > 5 {
			t.Fatalf("tie strength %d", tie.Tie.Strength)
		}
		if err := pln.ValidateExtra(tie.Tie.Extra); err != nil {
			t.Fatal(err)
		}
	}
}

func gexfNilLists(f pln.NodeFields) pln.NodeFields {
	for _, l := range []*[]string{&f.Tags, &f.Contexts, &f.Emails} {
		if len(*l) == 0 {
			*l = nil
		}
	}
	return f
}

func TestGEXFDetect(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "gexf", "*.gexf"))
	if len(files) != 3 {
		t.Fatalf("%d fixtures", len(files))
	}
	for _, name := range files {
		if f, err := Detect(filepath.Base(name), fixture(t, "gexf", filepath.Base(name))); err != nil || f != FormatGEXF {
			t.Errorf("%s: %q, %v", name, f, err)
		}
	}
	for _, s := range []string{`<gexf/>`, `<?xml version="1.0"?><!-- x --><g:gexf xmlns:g="http://gexf.net/1.3"/>`, `<GEXF>`} {
		if f, err := Detect("x", []byte(s)); err != nil || f != FormatGEXF {
			t.Errorf("%s: %q, %v", s, f, err)
		}
	}
	if s := (gexfFormat{}).Sniff(NewProbe("x", []byte(`<graphml/>`))); s != SniffNo {
		t.Errorf("graphml sniffed %d", s)
	}
}

func TestParseGEXFPrimer(t *testing.T) {
	d := gexfParse(t, "simple.gexf", fixture(t, "gexf", "gexf_primer_1.3_simple.gexf"))
	if len(d.Nodes) != 2 || len(d.Ties) != 1 || len(d.Warnings) != 0 {
		t.Fatalf("%d nodes, %d ties, warnings %v", len(d.Nodes), len(d.Ties), d.Warnings)
	}
	want := []DocNode{
		{Key: "0", Node: pln.Node{Label: "Hello", Extra: map[string]string{"gexf:id": "0"}}, Where: "line 14"},
		{Key: "1", Node: pln.Node{Label: "Word", Extra: map[string]string{"gexf:id": "1"}}, Where: "line 15"},
	}
	if !reflect.DeepEqual(d.Nodes, want) {
		t.Errorf("nodes:\n got %#v\nwant %#v", d.Nodes, want)
	}
	wantTie := DocTie{From: "0", To: "1", Tie: pln.Tie{Directed: true, Strength: 3, Extra: map[string]string{"gexf:id": "0"}}, Where: "line 18"}
	if !reflect.DeepEqual(d.Ties[0], wantTie) {
		t.Errorf("tie:\n got %#v\nwant %#v", d.Ties[0], wantTie)
	}
	if d.Format != FormatGEXF {
		t.Errorf("format %q", d.Format)
	}
}

func TestParseGEXFGraphology(t *testing.T) {
	d := gexfParse(t, "basic.gexf", fixture(t, "gexf", "graphology_basic.gexf"))
	if len(d.Nodes) != 2 || len(d.Ties) != 2 || len(d.Warnings) != 0 {
		t.Fatalf("%d nodes, %d ties, warnings %v", len(d.Nodes), len(d.Ties), d.Warnings)
	}
	if d.Title != "Basic Graph" {
		t.Errorf("title %q", d.Title)
	}
	suzy := nodeByKey(t, d, "Suzy")
	want := DocNode{Key: "Suzy", HasPosition: true, Where: "line 20", Node: pln.Node{Label: "Suzy, Ghost", X: 12, Y: 35, Extra: map[string]string{
		"gexf:id": "Suzy", "gexf:male": "false", "gexf:type:male": "boolean", "gexf:age": "22", "gexf:type:age": "integer",
		"gexf:surname": "Ghost", "gexf:mixed": "45", // a string attribute whose value looks like a number: no type kept
		"gexf:viz:color": "rgba(234,34,12,0.6)", "gexf:viz:size": "34", "gexf:viz:shape": "circle",
	}}}
	if !reflect.DeepEqual(suzy, want) {
		t.Errorf("Suzy:\n got %#v\nwant %#v", suzy, want)
	}
	john := nodeByKey(t, d, "John")
	if john.Node.X != 45 || john.Node.Y != 0 || !john.HasPosition || john.Node.Extra["gexf:viz:color"] != "rgb(204,204,204)" || john.Node.Extra["gexf:mixed"] != "hello" {
		t.Errorf("John: %#v", john)
	}
	fine := DocTie{From: "John", To: "Suzy", Where: "line 45", Tie: pln.Tie{Relation: "Fine edge", Directed: true, Strength: 3, Extra: map[string]string{
		"gexf:id": "J-S", "gexf:weight": "456", "gexf:set": "truc|machin", "gexf:type:set": "liststring", "gexf:number": "12", "gexf:type:number": "integer",
		"gexf:viz:color": "rgb(204,207,255)", "gexf:viz:shape": "dotted", "gexf:viz:thickness": "34",
	}}}
	if !reflect.DeepEqual(d.Ties[0], fine) {
		t.Errorf("J-S:\n got %#v\nwant %#v", d.Ties[0], fine)
	}
	// The undirected edge of a directed graph; no label: the default relation.
	undirected := DocTie{From: "John", To: "Suzy", Where: "line 54", Tie: pln.Tie{Strength: 3, Extra: map[string]string{"gexf:id": "J~S"}}}
	if !reflect.DeepEqual(d.Ties[1], undirected) {
		t.Errorf("J~S:\n got %#v\nwant %#v", d.Ties[1], undirected)
	}
}

func TestParseGEXFMoroccan(t *testing.T) {
	d := gexfParse(t, "m.gexf", fixture(t, "gexf", "sigma_moroccan-ediaspora.gexf"))
	if len(d.Nodes) != 156 || len(d.Ties) != 397 || len(d.Warnings) != 0 {
		t.Fatalf("%d nodes, %d ties, warnings %v", len(d.Nodes), len(d.Ties), d.Warnings)
	}
	n := nodeByKey(t, d, "1")
	if n.Node.Label != "http://maes.blogfree.net/" || n.Node.X != 29.405989 || n.Node.Y != 1566.1614 || !n.HasPosition {
		t.Errorf("node 1: %#v", n)
	}
	if n.Node.URL != "http://maes.blogfree.net/" || n.Node.Kind != "" {
		t.Errorf("node 1 url %q kind %q", n.Node.URL, n.Node.Kind)
	}
	for k, v := range map[string]string{
		"gexf:Languages": "spanish|arabic", "gexf:db_id": "1", "gexf:type:db_id": "integer", "gexf:type": "corpus",
		"gexf:Location (by Whois)": "usa", "gexf:viz:size": "54.411766", "gexf:viz:color": "rgb(100,191,64)", "gexf:url": "http://maes.blogfree.net/",
	} {
		if n.Node.Extra[k] != v {
			t.Errorf("node 1 %s = %q, want %q", k, n.Node.Extra[k], v)
		}
	}
	if _, ok := n.Node.Extra["gexf:Localisation of Users"]; ok || len(n.Node.Extra) != 21 {
		t.Errorf("node 1 has %d extras: %v", len(n.Node.Extra), n.Node.Extra)
	}
	if _, ok := n.Node.Extra["gexf:viz:z"]; ok {
		t.Error("z=0.0 kept")
	}
	last := d.Ties[396]
	if last.From != "155" || last.To != "120" || !last.Tie.Directed || last.Tie.Strength != 3 || last.Tie.Relation != "" || len(last.Tie.Extra) != 0 {
		t.Errorf("last tie %#v", last)
	}
}

func TestParseGEXFWeights(t *testing.T) {
	doc := `<gexf><graph defaultedgetype="undirected"><nodes><node id="a"/><node id="b"/><node id="c"/></nodes><edges>
<edge source="a" target="b" weight="1"/><edge source="b" target="c" weight="10.5"/><edge source="a" target="c" weight="5.75"/>
<edge source="c" target="a"/><edge source="c" target="b" weight="x"/></edges></graph></gexf>`
	d := gexfParse(t, "w.gexf", []byte(doc))
	var got []int
	for _, tie := range d.Ties {
		got = append(got, tie.Tie.Strength)
		if tie.Tie.Directed {
			t.Error("directed tie in an undirected graph")
		}
	}
	if want := []int{1, 5, 3, 3, 3}; !slices.Equal(got, want) {
		t.Errorf("strengths %v, want %v", got, want)
	}
	if d.Ties[1].Tie.Extra["gexf:weight"] != "10.5" || d.Ties[4].Tie.Extra["gexf:weight"] != "x" {
		t.Errorf("weights not kept: %v", d.Ties)
	}
	if len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0].Message, `"x" is not a number`) || d.Warnings[0].Where != "line 3" {
		t.Errorf("warnings %v", d.Warnings)
	}
	// Small whole weights are the strengths.
	d = gexfParse(t, "w.gexf", []byte(`<gexf><graph><nodes><node id="a"/><node id="b"/></nodes><edges><edge source="a" target="b" weight="2"/><edge source="b" target="a" weight="5"/></edges></graph></gexf>`))
	if d.Ties[0].Tie.Strength != 2 || d.Ties[1].Tie.Strength != 5 {
		t.Errorf("strengths %d %d", d.Ties[0].Tie.Strength, d.Ties[1].Tie.Strength)
	}
}

// TestParseGEXFVariants: namespaces and spellings seen in the wild.
func TestParseGEXFVariants(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:v="http://whatever.example/viz" version="1.3">
  <meta><creator>x</creator></meta>
  <graph>
    <attributes class="node">
      <attribute id="0" title="Kind" type="string"/>
      <attribute id="1" title="score" type="double"><default>0.5</default></attribute>
      <attribute id="2" title="id" type="string"/>
      <attribute id="3" title="Website" type="anyURI"/>
    </attributes>
    <attributes class="edge"><attribute id="w" title="since" type="integer"><default>2020</default></attribute></attributes>
    <nodes>
      <node id="org" label="  Acme&#10;Inc  " start="2001">
        <attvalues><attvalue id="0" value="Company"/><attvalue for="1" value="2"/><attvalue for="2" value="X-1"/><attvalue for="3" value="mailto:a@b.c"/><attvalue for="9" value="undeclared"/></attvalues>
        <v:color hex="#FF8000" a="0.5"/><v:position x="-1.5e2" y="7" z="3"/><v:shape value="image" uri="http://x/y.png"/>
        <nodes><node id="kid"><attvalues><attvalue for="3" value="https://kid.example/"/></attvalues></node></nodes>
        <spells><spell start="1" end="2"/></spells>
      </node>
      <node id="nolabel"><position x="1" y="2"/></node>
    </nodes>
    <edges>
      <edge id="e" source="org" target="kid" type="mutual" label="member of"/>
      <edge source="kid" target="nolabel" type="directed" kind="k"><attvalues><attvalue for="w" value="1999"/></attvalues></edge>
    </edges>
  </graph>
</gexf>`
	d := gexfParse(t, "v.gexf", []byte(doc))
	if len(d.Nodes) != 3 || len(d.Ties) != 2 {
		t.Fatalf("%d nodes %d ties", len(d.Nodes), len(d.Ties))
	}
	org := nodeByKey(t, d, "org")
	wantOrg := DocNode{Key: "org", HasPosition: true, Where: "line 13", Node: pln.Node{Label: "Acme Inc", Kind: pln.KindOrganisation, X: -150, Y: 7, Extra: map[string]string{
		"gexf:id": "org", "gexf:label": "  Acme\nInc  ", "gexf:@start": "2001", "gexf:Kind": "Company", "gexf:score": "2", "gexf:type:score": "double",
		"gexf:attr:id": "X-1", "gexf:Website": "mailto:a@b.c", "gexf:type:Website": "anyURI", "gexf:9": "undeclared",
		"gexf:viz:color": "rgba(255,128,0,0.5)", "gexf:viz:z": "3", "gexf:viz:shape": "image", "gexf:viz:shape:uri": "http://x/y.png",
	}}}
	if !reflect.DeepEqual(org, wantOrg) {
		t.Errorf("org:\n got %#v\nwant %#v", org, wantOrg)
	}
	kid := nodeByKey(t, d, "kid")
	if kid.Node.URL != "https://kid.example/" || kid.Node.Extra["gexf:@pid"] != "org" || kid.Node.Extra["gexf:score"] != "0.5" || kid.HasPosition {
		t.Errorf("kid: %#v", kid)
	}
	if nl := nodeByKey(t, d, "nolabel"); nl.Node.Label != "nolabel" || !nl.HasPosition || nl.Node.X != 1 || nl.Node.Y != 2 {
		t.Errorf("nolabel: %#v", nl)
	}
	if tie := d.Ties[0].Tie; tie.Directed || tie.Relation != "member of" || tie.Extra["gexf:@type"] != "mutual" || tie.Extra["gexf:since"] != "2020" {
		t.Errorf("mutual tie %#v", tie)
	}
	if tie := d.Ties[1].Tie; !tie.Directed || tie.Extra["gexf:@kind"] != "k" || tie.Extra["gexf:since"] != "1999" || tie.Extra["gexf:type:since"] != "integer" {
		t.Errorf("directed tie %#v", tie)
	}
	if len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0].Message, "<spells>") {
		t.Errorf("warnings %v", d.Warnings)
	}
}

func TestParseGEXFDuplicatesAndMissingEnds(t *testing.T) {
	doc := `<gexf><graph defaultedgetype="directed">
<nodes>
<node id="a" label="Ada"><attvalues><attvalue for="x" value="1"/></attvalues></node>
<node id="b" label="Bob"/>
<node id="a" label="Ada L."><attvalues><attvalue for="x" value="2"/><attvalue for="y" value="3"/></attvalues></node>
<node id="b" label="Bob"/>
<node label="no id"/>
</nodes>
<edges>
<edge source="a" target="b"/>
<edge source="a" target="zed"/>
<edge target="a"/>
</edges></graph></gexf>`
	d := gexfParse(t, "d.gexf", []byte(doc))
	if len(d.Nodes) != 2 || len(d.Ties) != 1 {
		t.Fatalf("%d nodes %d ties", len(d.Nodes), len(d.Ties))
	}
	a := nodeByKey(t, d, "a")
	if a.Node.Label != "Ada" || a.Node.Extra["gexf:x"] != "1" || a.Node.Extra["gexf:y"] != "3" || a.Node.Extra["gexf:alias"] != "Ada L." || !slices.Equal(a.Aliases, []string{"Ada L."}) {
		t.Errorf("a: %#v", a)
	}
	var msgs []string
	skipped := 0
	for _, w := range d.Warnings {
		msgs = append(msgs, w.String())
		if w.Skipped {
			skipped++
		}
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{
		`line 5: the node id "a" is used again (first at line 3, as "Ada") with the label "Ada L."`,
		`line 6: the node id "b" is used again (first at line 4): merged`,
		`line 7: the node "no id" has no id`,
		`line 11: the edge a → zed was left out: there is no node "zed" in the file.`,
		`line 12: an edge without a source or a target was left out.`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings lack %q:\n%s", want, all)
		}
	}
	if skipped != 3 {
		t.Errorf("%d skipped, want 3:\n%s", skipped, all)
	}
}

func TestParseGEXFErrors(t *testing.T) {
	gexfParseErr(t, "", pln.CodeInvalid, "empty")
	gexfParseErr(t, "<gexf>\n  <graph>\n    <nodes>\n      <node id=\"a\" label=\"x>\n", pln.CodeInvalid, "line 4, column", "not well-formed XML")
	gexfParseErr(t, "<gexf>\n<graph>\n<nodes>\n<node id=\"a\">\n</nodes>", pln.CodeInvalid, "line 5, column", "<node> opened at line 4, column 1 is never closed")
	gexfParseErr(t, "<gexf><graph><nodes><node id=\"a\"/></nodes></graph>", pln.CodeInvalid, "cut short")
	gexfParseErr(t, "<graphml/>", pln.CodeInvalid, "line 1, column 1", "not <gexf>")
	gexfParseErr(t, "<gexf><meta/></gexf>", pln.CodeInvalid, "no <graph>")
	gexfParseErr(t, "<gexf><graph><nodes/></graph></gexf>", pln.CodeInvalid, "no nodes")
	gexfParseErr(t, "<gexf><graph><nodes><node id=\"a\"/></nodes></graph></gexf>\n<gexf/>", pln.CodeInvalid, "line 2, column 1", "another element")
	gexfParseErr(t, "<gexf><graph><nodes><node id=\"a\"/></nodes></graph></gexf>\njunk", pln.CodeInvalid, "line 2, column 1", "text outside")
	gexfParseErr(t, "<gexf><graph><nodes><node id=\"a\" label=\"&bogus;\"/></nodes></graph></gexf>", pln.CodeInvalid, "line 1")
	gexfParseErr(t, "<gexf>"+strings.Repeat("<x>", MaxGEXFDepth+1), pln.CodeInvalid, "nested more than 256")
	gexfParseErr(t, `<?xml version="1.0" encoding="klingon"?><gexf/>`, pln.CodeUnsupported, "klingon")
}

// TestParseGEXFEntityBomb: a DOCTYPE with entities is refused where it
// starts, nothing expanded (BenchmarkWorstInputs/GEXF_entityBomb says how soon).
func TestParseGEXFEntityBomb(t *testing.T) {
	gexfParseErr(t, entityBomb("gexf", gexfBombBody), pln.CodeInvalid, "line 2, column 1", "DOCTYPE declares entities")
	// A DOCTYPE without entities is harmless.
	gexfParse(t, "ok.gexf", []byte(`<!DOCTYPE gexf><gexf><graph><nodes><node id="a"/></nodes></graph></gexf>`))
}

func TestParseGEXFBadPlexusValues(t *testing.T) {
	doc := `<gexf><graph><attributes class="node"><attribute id="k" title="plexus:kind"/><attribute id="s" title="plexus:strength"/><attribute id="e" title="plexus:emails"/><attribute id="f" title="plexus:future"/></attributes>
<nodes><node id="a" label="A"><attvalues><attvalue for="k" value="banana"/><attvalue for="s" value="9"/><attvalue for="e" value="[&quot;ok@example.org&quot;,&quot;nope&quot;]"/><attvalue for="f" value="v"/></attvalues><position x="NaN" y="1"/></node></nodes></graph></gexf>`
	d := gexfParse(t, "p.gexf", []byte(doc))
	n := d.Nodes[0]
	if n.Node.Kind != "" || n.Node.Strength != 0 || !slices.Equal(n.Node.Emails, []string{"ok@example.org"}) || n.Node.Extra["gexf:plexus:future"] != "v" || n.HasPosition {
		t.Errorf("node %#v", n)
	}
	if len(d.Warnings) != 4 {
		t.Errorf("warnings %v", d.Warnings)
	}
}

func TestParseGEXFTooManyNodes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 200,001-node file")
	}
	var b bytes.Buffer
	b.WriteString("<gexf><graph><nodes>")
	for i := range MaxItems + 1 {
		fmt.Fprintf(&b, `<node id="%d"/>`, i)
	}
	b.WriteString("</nodes></graph></gexf>")
	_, err := gexfFormat{}.Parse([]File{{Name: "big.gexf", Data: b.Bytes()}})
	if pln.CodeOf(err) != pln.CodeTooLarge || !strings.Contains(err.Error(), "more than 200000 nodes") {
		t.Errorf("err %v", err)
	}
}

// gexfDocToNetwork is what the service does with a Doc, enough for a round
// trip: nodes get their key as id; a tie with the ego at one end becomes
// the alter's ego-tie fields.
func gexfDocToNetwork(d *Doc) *Network {
	net := &Network{}
	idx := map[string]int{}
	ego := ""
	for _, n := range d.Nodes {
		nd := n.Node
		nd.ID = n.Key
		if nd.Ego {
			ego = n.Key
		}
		idx[n.Key] = len(net.Nodes)
		net.Nodes = append(net.Nodes, nd)
	}
	for _, t := range d.Ties {
		if ego != "" && (t.From == ego || t.To == ego) {
			other := t.To
			if other == ego {
				other = t.From
			}
			if other != ego {
				n := &net.Nodes[idx[other]]
				if t.Tie.Relation != "" {
					n.Relation = t.Tie.Relation
				}
				if t.Tie.Strength > 0 {
					n.Strength = t.Tie.Strength
				}
			}
			continue
		}
		tie := t.Tie
		tie.From, tie.To = t.From, t.To
		net.Ties = append(net.Ties, tie)
	}
	return net
}

func gexfExport(t testing.TB, net *Network) []byte {
	t.Helper()
	return exportOne(t, gexfFormat{}, FormatGEXF, "network.gexf", net)
}

// TestGEXFRoundTripFixtures: fixture → Doc → Network → Export → Parse
// gives the same nodes (labels, kinds, attribute values and their types,
// positions, viz) and ties.
func TestGEXFRoundTripFixtures(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "gexf", "*.gexf"))
	for _, name := range files {
		t.Run(filepath.Base(name), func(t *testing.T) {
			d1 := gexfParse(t, "a.gexf", fixture(t, "gexf", filepath.Base(name)))
			out := gexfExport(t, gexfDocToNetwork(d1))
			d2 := gexfParse(t, "b.gexf", out)
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
				// An edge without id or weight gains them on export.
				for _, k := range []string{"gexf:id", "gexf:weight"} {
					if _, ok := a.Tie.Extra[k]; !ok {
						delete(b.Tie.Extra, k)
					}
				}
				if len(b.Tie.Extra) == 0 {
					b.Tie.Extra = a.Tie.Extra
				}
				if !reflect.DeepEqual(a, b) {
					t.Errorf("tie %d:\n got %#v\nwant %#v", i, b, a)
				}
			}
		})
	}
}

// gexfGenNetwork is a network with every field set: an ego, alters of
// every kind, ties among them.
func gexfGenNetwork(n int) *Network {
	net := &Network{}
	ego := pln.Node{ID: pln.NewID(), Ego: true, Label: "Me, myself", Kind: pln.KindPerson, X: 0, Y: 0, Description: "The ego.",
		Extra: map[string]string{"custom:ego": "yes"}}
	net.Nodes = append(net.Nodes, ego)
	for i := range n {
		kind := pln.Kinds[i%len(pln.Kinds)]
		nd := pln.Node{ID: pln.NewID(), Label: fmt.Sprintf("Émile & \"Zoë\" <%d>", i), Kind: kind,
			Description: fmt.Sprintf("Line one about *%d*.\r\n\n\tSecond paragraph with \"quotes\", <angle> & ampersand.", i),
			URL:         fmt.Sprintf("https://example.org/%d?q=a&b=c", i),
			Tags:        []string{"tag" + fmt.Sprint(i%5), "shared tag", "with|pipe", "with, comma"},
			Relation:    pln.Relations[i%len(pln.Relations)], Strength: 1 + i%5, Role: pln.Roles[i%len(pln.Roles)],
			Contexts: []string{"work", "my context"}, Mode: pln.Modes[i%len(pln.Modes)], Status: pln.Statuses[i%len(pln.Statuses)],
			Cadence: 1 + i, X: float64(i*37%2000-1000) + 0.25, Y: -float64(i) / 3, Pinned: i%3 == 0,
			Extra: map[string]string{"custom:field": fmt.Sprintf("value %d", i), "opml:text": "t", "gexf:Category": "c" + fmt.Sprint(i), "gexf:db_id": fmt.Sprint(i), "gexf:type:db_id": "integer"},
		}
		if kind == pln.KindPerson {
			nd.Emails = []string{fmt.Sprintf("p%d@example.org", i), fmt.Sprintf("alt%d@example.net", i)}
			nd.Organisation = "Analytical Engines Ltd"
		}
		if kind == pln.KindSource {
			nd.FeedURL = fmt.Sprintf("https://example.org/%d/feed.xml", i)
		}
		if i == 3 {
			nd.Relation = "custom relation"
		}
		if i == 4 {
			nd.Relation, nd.Strength = "", 0 // no ego tie
		}
		if i == 5 {
			nd.Strength = 0 // a relation without a strength
		}
		net.Nodes = append(net.Nodes, nd)
	}
	for i := 1; i < n; i++ {
		tie := pln.Tie{ID: pln.NewID(), From: net.Nodes[i].ID, To: net.Nodes[i+1].ID, Relation: pln.Relations[i%len(pln.Relations)],
			Directed: i%2 == 0, Strength: 1 + i%5, Note: fmt.Sprintf("note %d, with \"quotes\"\nand a line", i)}
		if i == 2 {
			tie.Extra = map[string]string{"gexf:weight": "0.25", "plexus:rows": "2", "other:x": "y"}
		}
		net.Ties = append(net.Ties, tie)
	}
	return net
}

// TestGEXFRoundTripPlexus: a Plexus network with every field set →
// Export → Parse gives the same nodes, fields, positions, extras and ties.
func TestGEXFRoundTripPlexus(t *testing.T) {
	net := gexfGenNetwork(14)
	out := gexfExport(t, net)
	d := gexfParse(t, "n.gexf", out)
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
		if g.Extra["gexf:id"] != want.ID {
			t.Errorf("node %d gexf:id %q", i, g.Extra["gexf:id"])
		}
		delete(g.Extra, "gexf:id")
		w := want
		w.ID = ""
		w.Extra = maps.Clone(want.Extra)
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
		g.From, g.To, g.ID = got.From, got.To, g.Extra["gexf:id"]
		delete(g.Extra, "gexf:id")
		if want.Extra == nil {
			delete(g.Extra, "gexf:weight")
			if len(g.Extra) == 0 {
				g.Extra = nil
			}
		}
		if !reflect.DeepEqual(g, want) {
			t.Errorf("tie %d:\n got %#v\nwant %#v", i, g, want)
		}
	}
	// Importing again what was exported: the same again.
	out2 := gexfExport(t, gexfDocToNetwork(d))
	d2 := gexfParse(t, "n2.gexf", out2)
	for i := range d.Nodes {
		if !reflect.DeepEqual(d.Nodes[i].Node, d2.Nodes[i].Node) {
			t.Errorf("second round, node %d:\n got %#v\nwant %#v", i, d2.Nodes[i].Node, d.Nodes[i].Node)
		}
	}
}

func TestGEXFExportShape(t *testing.T) {
	out := string(gexfExport(t, gexfGenNetwork(3)))
	for _, want := range []string{
		`<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz"`, `version="1.3"`,
		`<attribute id="db_id" title="db_id" type="integer"/>`, `<attribute id="plexus:strength" title="plexus:strength" type="integer"/>`,
		`<attribute id="plexus:extra:custom:field" title="plexus:extra:custom:field" type="string"/>`,
		`<attvalue for="plexus:ego" value="true"/>`, `<attvalue for="plexus:egotie" value="true"/>`,
		`&#xD;&#xA;&#xA;&#x9;Second`, `<viz:position x="-999.75" y="-0"/>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %s", want)
		}
	}
	if strings.Contains(out, "<attvalue for=\"journal") || strings.Contains(out, `for="gexf:`) {
		t.Error("unexpected attribute")
	}
}

// FuzzParseGEXF: Parse never panics and rejects with a *pln.Error; what it
// accepts passes the Doc checks and exports to a file that parses back to
// as many nodes and ties.
func FuzzParseGEXF(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "gexf", "*.gexf"))
	seedFiles(f, files, firstLines(60, "</node></nodes></graph></gexf>\n"), false)
	f.Add(gexfExport(f, gexfGenNetwork(2)))
	for _, s := range []string{"", "<gexf/>", "<gexf><graph><nodes><node id=' '/></nodes></graph></gexf>",
		`<gexf><graph><attributes class="node"><attribute id="a" title="plexus:extra:"><default>x</default></attribute></attributes><nodes><node id="a"><nodes><node id="a"/></nodes></node></nodes><edges><edge source="a" target="a" weight="1e400"/></edges></graph></gexf>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := gexfFormat{}.Parse([]File{{Name: "f.gexf", Data: data}})
		if err != nil {
			if pe := pln.AsError(err); pe.Code == pln.CodeInternal || pe.Message == "" {
				t.Fatalf("bad error: %#v", err)
			}
			return
		}
		checkGEXFDoc(t, d)
		net := gexfDocToNetwork(d)
		out, err := gexfFormat{}.Export(net)
		if err != nil {
			t.Fatal(err)
		}
		d2, err := gexfFormat{}.Parse(out)
		if err != nil {
			t.Fatalf("export does not parse: %v\n%s", err, out[0].Data)
		}
		net2 := gexfDocToNetwork(d2)
		if len(net2.Nodes) != len(net.Nodes) || len(net2.Ties) != len(net.Ties) {
			t.Fatalf("%d nodes %d ties after export, want %d %d", len(net2.Nodes), len(net2.Ties), len(net.Nodes), len(net.Ties))
		}
	})
}
