package interchange

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
)

// parseAs detects data (it must be format) and parses it.
func parseAs(t testing.TB, format, name string, data []byte) *Doc {
	t.Helper()
	got, err := Detect(name, data)
	if err != nil || got != format {
		t.Fatalf("Detect(%s) = %q, %v; want %q", name, got, err, format)
	}
	d, err := ParseFiles([]File{{Name: name, Data: data}})
	if err != nil {
		t.Fatalf("ParseFiles(%s): %v", name, err)
	}
	if d.Format != format {
		t.Fatalf("Doc.Format = %q", d.Format)
	}
	checkDoc(t, d)
	return d
}

func mustParseFormat(t testing.TB, format string, data []byte) *Doc {
	t.Helper()
	f, _ := Lookup(format)
	d, err := f.(Importer).Parse([]File{{Name: "in.json", Data: data}})
	if err != nil {
		t.Fatalf("%s Parse: %v\n%s", format, err, data)
	}
	checkDoc(t, d)
	return d
}

// checkDoc: every node passes Normalize once the service fills the kind
// (and changes nothing else), keys are unique, every tie's ends are nodes
// of the Doc and its fields are within range.
func checkDoc(t testing.TB, d *Doc) {
	t.Helper()
	keys := map[string]bool{}
	for i, dn := range d.Nodes {
		if keys[dn.Key] {
			t.Fatalf("key %q twice", dn.Key)
		}
		keys[dn.Key] = true
		f := dn.Node.Fields()
		if f.Kind == "" {
			f.Kind = pln.KindPerson
		}
		want := f
		if err := f.Normalize(); err != nil {
			t.Fatalf("node %d (%q) fails Normalize: %v", i, dn.Node.Label, err)
		}
		if !reflect.DeepEqual(f, want) {
			t.Fatalf("node %d changes under Normalize:\n%#v\n%#v", i, want, f)
		}
		if dn.Node.ID != "" || dn.Where == "" {
			t.Fatalf("node %d: id %q, where %q", i, dn.Node.ID, dn.Where)
		}
		if dn.HasPosition {
			if err := pln.CheckPosition(pln.Position{ID: pln.NewID(), X: dn.Node.X, Y: dn.Node.Y}); err != nil {
				t.Fatalf("node %d: %v", i, err)
			}
		}
	}
	for i, dt := range d.Ties {
		if !keys[dt.From] || !keys[dt.To] {
			t.Fatalf("tie %d %q → %q: an end is not a node", i, dt.From, dt.To)
		}
		if dt.Tie.Strength < 0 || dt.Tie.Strength > 5 {
			t.Fatalf("tie %d: strength %d", i, dt.Tie.Strength)
		}
		if err := pln.ValidateExtra(dt.Tie.Extra); err != nil {
			t.Fatalf("tie %d: %v", i, err)
		}
		if rel := cleanLine(dt.Tie.Relation, pln.MaxRelationLen); rel != dt.Tie.Relation {
			t.Fatalf("tie %d: relation %q", i, dt.Tie.Relation)
		}
	}
}

func nodeByKey(t testing.TB, d *Doc, key string) DocNode {
	t.Helper()
	for _, n := range d.Nodes {
		if n.Key == key {
			return n
		}
	}
	t.Fatalf("no node %q", key)
	return DocNode{}
}

func warningsWith(d *Doc, sub string) []Warning {
	var out []Warning
	for _, w := range d.Warnings {
		if strings.Contains(w.String(), sub) {
			out = append(out, w)
		}
	}
	return out
}

func TestJGFUsualSuspects(t *testing.T) {
	d := parseAs(t, FormatJGF, "usual_suspects.json", fixture(t, "json", "jgf_usual_suspects.json"))
	if len(d.Nodes) != 2 || len(d.Ties) != 1 {
		t.Fatalf("%d nodes, %d ties; want 2, 1", len(d.Nodes), len(d.Ties))
	}
	if d.Title != "Usual Suspects" {
		t.Errorf("Title = %q", d.Title)
	}
	roger := nodeByKey(t, d, "Roger Kint")
	if want := map[string]string{"jgf:id": "Roger Kint", "jgf:nickname": "Verbal", "jgf:actor": "Kevin Spacey"}; !reflect.DeepEqual(roger.Node.Extra, want) {
		t.Errorf("Roger Kint extra = %v", roger.Node.Extra)
	}
	if roger.Node.Label != "Roger Kint" || roger.Node.Kind != "" || roger.HasPosition || roger.Where != "node 1, line 7" {
		t.Errorf("Roger Kint = %+v", roger)
	}
	keyser := nodeByKey(t, d, "Keyser Söze")
	if keyser.Node.Label != "Keyser Söze" || keyser.Node.Extra["jgf:actor"] != "Kevin Spacey" || len(keyser.Node.Extra) != 2 {
		t.Errorf("Keyser Söze = %+v", keyser)
	}
	tie := d.Ties[0]
	if tie.From != "Roger Kint" || tie.To != "Keyser Söze" || tie.Tie.Relation != "is" || !tie.Tie.Directed || tie.Tie.Strength != 0 || tie.Tie.Extra != nil {
		t.Errorf("tie = %+v", tie)
	}
	// The graph's id, type and metadata have no place: one warning says so.
	if len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0].Message, "id, type, metadata") || d.Warnings[0].Skipped {
		t.Errorf("warnings = %v", d.Warnings)
	}
}

// cyFixture is the Cytoscape fixture read independently.
type cyElement struct {
	Group    string         `json:"group"`
	Data     map[string]any `json:"data"`
	Position map[string]any `json:"position"`
}

func TestCytoscapeCompound(t *testing.T) {
	data := fixture(t, "json", "cytoscape_compound_data.json")
	var elems []cyElement
	if err := json.Unmarshal(data, &elems); err != nil {
		t.Fatal(err)
	}
	var nodes, edges, children int
	for _, e := range elems {
		switch e.Group {
		case "nodes":
			nodes++
			if _, ok := e.Data["parent"]; ok {
				children++
			}
		case "edges":
			edges++
		}
	}
	if nodes != 28 || edges != 35 || children != 19 {
		t.Fatalf("fixture changed: %d nodes, %d edges, %d children", nodes, edges, children)
	}
	d := parseAs(t, FormatCytoscape, "data.json", data)
	if len(d.Nodes) != nodes || len(d.Ties) != edges+children {
		t.Fatalf("%d nodes, %d ties; want %d, %d", len(d.Nodes), len(d.Ties), nodes, edges+children)
	}
	if len(d.Warnings) != 0 {
		t.Errorf("warnings: %v", d.Warnings)
	}
	// Every node has its position; the state flags at their defaults are not kept.
	for i, e := range elems[:nodes] {
		dn := d.Nodes[i]
		if dn.Key != e.Data["id"] || dn.Node.Label != e.Data["id"] || !dn.HasPosition ||
			dn.Node.X != e.Position["x"].(float64) || dn.Node.Y != e.Position["y"].(float64) {
			t.Fatalf("node %d = %+v; want %v", i, dn, e)
		}
		want := map[string]string{"cytoscape:id": dn.Key}
		if p, ok := e.Data["parent"].(string); ok {
			want["cytoscape:parent"] = p
		}
		if !reflect.DeepEqual(dn.Node.Extra, want) {
			t.Errorf("node %s extra = %v, want %v", dn.Key, dn.Node.Extra, want)
		}
	}
	n0 := nodeByKey(t, d, "n0")
	if n0.Node.X != 122.50374073928583 || n0.Node.Y != 367.98329788349827 || n0.Where != "element 1, line 1" {
		t.Errorf("n0 = %+v", n0)
	}
	// The edges, then one "member of" tie per child, child → parent.
	if e := d.Ties[0]; e.From != "n0:n4" || e.To != "n0:n5" || e.Tie.Directed || e.Tie.Relation != "" || e.Tie.Extra["cytoscape:id"] != "e0" {
		t.Errorf("first edge = %+v", e)
	}
	member := d.Ties[edges:]
	for _, m := range member {
		if m.Tie.Relation != pln.RelMemberOf || !m.Tie.Directed || nodeByKey(t, d, m.From).Node.Extra["cytoscape:parent"] != m.To {
			t.Errorf("member tie %+v", m)
		}
	}
	if m := member[0]; m.From != "n0:n0" || m.To != "n0" {
		t.Errorf("first member tie = %+v", m)
	}
}

func TestCytoscapeForms(t *testing.T) {
	// The object form with lists, Cytoscape desktop's data, labels, weights.
	desk := `{"format_version":"1.0","generated_by":"cytoscape-3.10","target_cytoscapejs_version":"~2.1",
"data":{"name":"My net","SUID":52,"shared_name":"My net","selected":true},
"elements":{"nodes":[
 {"data":{"id":"1","name":"Ada","shared_name":"Ada","type":"Person","SUID":1,"selected":false},"position":{"x":1,"y":2},"selected":false},
 {"data":{"id":"2","label":"Go blog","name":"golang","url":"https://go.dev/blog","tags":["go","lang"]},"position":{"x":"a","y":2},"classes":"big"},
 {"data":{"id":"3","parent":"2"}}],
"edges":[{"data":{"id":"e1","source":"1","target":"2","interaction":"reads","weight":2.5}},
 {"data":{"id":"e2","source":"1","target":"3","weight":10,"label":"likes"}},
 {"data":{"id":"e3","source":"1","target":"9"}}]}}`
	d := parseAs(t, FormatCytoscape, "desk.cyjs", []byte(desk))
	if d.Title != "My net" || len(d.Nodes) != 3 || len(d.Ties) != 3 {
		t.Fatalf("title %q, %d nodes, %d ties: %+v", d.Title, len(d.Nodes), len(d.Ties), d)
	}
	ada := nodeByKey(t, d, "1")
	if ada.Node.Label != "Ada" || ada.Node.Kind != pln.KindPerson || !ada.HasPosition || ada.Node.X != 1 || ada.Node.Y != 2 ||
		ada.Node.Extra["cytoscape:shared_name"] != "Ada" || ada.Node.Extra["cytoscape:SUID"] != "1" || ada.Node.Extra["cytoscape:selected"] != "false" {
		t.Errorf("Ada = %+v", ada)
	}
	blog := nodeByKey(t, d, "2")
	if blog.Node.Label != "Go blog" || blog.Node.URL != "https://go.dev/blog" || !slices.Equal(blog.Node.Tags, []string{"go", "lang"}) ||
		blog.Node.Extra["cytoscape:name"] != "golang" || blog.Node.Extra["cytoscape:classes"] != "big" || blog.HasPosition {
		t.Errorf("blog = %+v", blog)
	}
	if e := d.Ties[0]; e.Tie.Relation != "reads" || e.Tie.Strength != 1 || e.Tie.Extra["cytoscape:weight"] != "2.5" {
		t.Errorf("e1 = %+v", e)
	}
	if e := d.Ties[1]; e.Tie.Relation != "likes" || e.Tie.Strength != 5 || e.Tie.Extra["cytoscape:weight"] != "10" {
		t.Errorf("e2 = %+v", e)
	}
	if m := d.Ties[2]; m.From != "3" || m.To != "2" || m.Tie.Relation != pln.RelMemberOf {
		t.Errorf("member tie = %+v", m)
	}
	if w := warningsWith(d, "edge 3"); len(w) != 1 || !w[0].Skipped || !strings.Contains(w[0].Message, `no node "9"`) {
		t.Errorf("missing end: %v", d.Warnings)
	}
	if w := warningsWith(d, "position"); len(w) != 1 || !strings.HasPrefix(w[0].Where, "node 2") {
		t.Errorf("bad position: %v", d.Warnings)
	}
	if w := warningsWith(d, "data.shared_name"); len(w) != 0 {
		t.Errorf("bookkeeping reported: %v", w)
	}

	// The array form inside "elements", groups from source/target.
	arr := `{"elements":[{"data":{"id":"a"}},{"data":{"id":"b"}},{"data":{"id":"a","label":"A"}},{"data":{"source":"a","target":"b"}},"junk"]}`
	d = parseAs(t, FormatCytoscape, "arr.json", []byte(arr))
	if len(d.Nodes) != 2 || len(d.Ties) != 1 || d.Ties[0].From != "a" {
		t.Fatalf("%+v", d)
	}
	if w := warningsWith(d, "used again"); len(w) != 1 || !strings.HasPrefix(w[0].Where, "element 3") || nodeByKey(t, d, "a").Node.Extra["cytoscape:alias"] != "A" {
		t.Errorf("duplicate: %v", d.Warnings)
	}
	if w := warningsWith(d, "element 5"); len(w) != 1 || !w[0].Skipped {
		t.Errorf("junk element: %v", d.Warnings)
	}
}

type d3File struct {
	Nodes []map[string]any `json:"nodes"`
	Links []struct {
		Source string  `json:"source"`
		Target string  `json:"target"`
		Value  float64 `json:"value"`
	} `json:"links"`
}

func TestD3Miserables(t *testing.T) {
	data := fixture(t, "json", "d3_miserables_string_ids.json")
	var f d3File
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	d := parseAs(t, FormatD3, "miserables.json", data)
	if len(d.Nodes) != len(f.Nodes) || len(d.Ties) != len(f.Links) || len(f.Nodes) != 77 || len(f.Links) != 254 {
		t.Fatalf("%d nodes, %d ties; the file has %d, %d", len(d.Nodes), len(d.Ties), len(f.Nodes), len(f.Links))
	}
	if len(d.Warnings) != 0 {
		t.Errorf("warnings: %v", d.Warnings)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, l := range f.Links {
		lo, hi = math.Min(lo, l.Value), math.Max(hi, l.Value)
	}
	for i, n := range f.Nodes {
		dn := d.Nodes[i]
		if dn.Key != n["id"] || dn.Node.Label != n["id"] || dn.Node.Extra["d3:group"] != fmt.Sprint(n["group"]) || dn.Node.Kind != "" || dn.HasPosition {
			t.Fatalf("node %d = %+v; want %v", i, dn, n)
		}
	}
	for i, l := range f.Links {
		dt := d.Ties[i]
		want := 1 + int(math.Round(4*(l.Value-lo)/(hi-lo)))
		if dt.From != l.Source || dt.To != l.Target || dt.Tie.Strength != want || dt.Tie.Directed || dt.Tie.Extra["d3:weight"] != fmt.Sprint(l.Value) {
			t.Fatalf("link %d = %+v; want %+v (strength %d)", i, dt, l, want)
		}
	}
	valjean := nodeByKey(t, d, "Valjean")
	if valjean.Where != "node 12, line 14" {
		t.Errorf("Valjean where = %q", valjean.Where)
	}
}

func TestD3IndexesAndObjects(t *testing.T) {
	// d3 v3 style: no ids, ends are indexes (and a name, and a node object).
	in := `{"directed": true, "nodes":[{"name":"Myriel","group":1},{"name":"Napoleon","group":1,"x":10.5,"y":-3},{"name":"Cravatte"}, 7],
"links":[{"source":1,"target":0,"value":1},{"source":"Cravatte","target":{"index":1,"name":"Napoleon"}},{"source":0,"target":9},{"source":null,"target":0},{"source":3,"target":0}]}`
	d := parseAs(t, FormatD3, "v3.json", []byte(in))
	if len(d.Nodes) != 3 || len(d.Ties) != 2 {
		t.Fatalf("%d nodes, %d ties: %+v", len(d.Nodes), len(d.Ties), d)
	}
	nap := nodeByKey(t, d, "1")
	if nap.Node.Label != "Napoleon" || !nap.HasPosition || nap.Node.X != 10.5 || nap.Node.Y != -3 || nap.Node.Extra["d3:group"] != "1" || len(nap.Node.Extra) != 2 {
		t.Errorf("Napoleon = %+v", nap)
	}
	if e := d.Ties[0]; e.From != "1" || e.To != "0" || !e.Tie.Directed {
		t.Errorf("first link = %+v", e)
	}
	if e := d.Ties[1]; e.From != "2" || e.To != "1" {
		t.Errorf("second link = %+v", e)
	}
	for _, where := range []string{"node 4", "link 3", "link 4", "link 5"} {
		if w := warningsWith(d, where); len(w) != 1 || !w[0].Skipped {
			t.Errorf("%s: %v", where, d.Warnings)
		}
	}

	// Numeric ids match numeric ends; a duplicate id is merged.
	in = `{"nodes":[{"id":1,"label":"One","type":"organisation"},{"id":2},{"id":1,"tags":["x"]},{"name":"no id"}],"links":[{"source":1,"target":2,"type":"funds"},{"source":{"id":2},"target":"1"}]}`
	d = parseAs(t, FormatD3, "ids.json", []byte(in))
	if len(d.Nodes) != 2 || len(d.Ties) != 2 {
		t.Fatalf("%+v", d)
	}
	one := nodeByKey(t, d, "1")
	if one.Node.Label != "One" || one.Node.Kind != pln.KindOrganisation || !slices.Equal(one.Node.Tags, []string{"x"}) {
		t.Errorf("one = %+v", one)
	}
	if d.Ties[0].Tie.Relation != "funds" || d.Ties[1].From != "2" || d.Ties[1].To != "1" {
		t.Errorf("ties = %+v", d.Ties)
	}
	if w := warningsWith(d, "used again"); len(w) != 1 || !strings.HasPrefix(w[0].Where, "node 3") {
		t.Errorf("duplicate: %v", d.Warnings)
	}
	if w := warningsWith(d, "node 4"); len(w) != 1 || !w[0].Skipped {
		t.Errorf("node without id: %v", d.Warnings)
	}
}

func TestJGFForms(t *testing.T) {
	// v1: nodes as an array; several graphs; a graph that is not directed;
	// duplicate ids; an edge to a missing node; weights; hyperedges.
	in := `{"graphs":[
 {"label":"first","directed":false,"nodes":[{"id":"a","label":"A","metadata":{"type":"blog","url":"https://a.example/","weight":{"deep":[1,2]}}},{"id":2,"label":"Two"},{"id":"a","label":"A again"},{"label":"no id"}],
  "edges":[{"source":"a","target":2,"metadata":{"weight":0.5}},{"source":"a","target":"zz","relation":"x"},{"source":2,"target":"a","directed":true,"label":"cites","metadata":{"weight":2}}]},
 {"nodes":{"b":{"metadata":{"kind":"Tool"}}},"edges":[{"source":"b","target":"a"}],"hyperedges":[{"nodes":["a","b"]}]}
]}`
	d := parseAs(t, FormatJGF, "v1.json", []byte(in))
	if len(d.Nodes) != 3 || len(d.Ties) != 3 || d.Title != "first" {
		t.Fatalf("%d nodes, %d ties, title %q: %+v", len(d.Nodes), len(d.Ties), d.Title, d)
	}
	a := nodeByKey(t, d, "a")
	if a.Node.Kind != pln.KindSource || a.Node.URL != "https://a.example/" || a.Node.Extra["jgf:weight"] != `{"deep":[1,2]}` || a.Node.Extra["jgf:alias"] != "A again" {
		t.Errorf("a = %+v", a)
	}
	if b := nodeByKey(t, d, "b"); b.Node.Kind != pln.KindService || b.Node.Label != "b" || b.Where != "graph 2, node 1, line 4" {
		t.Errorf("b = %+v", b)
	}
	if e := d.Ties[0]; e.From != "a" || e.To != "2" || e.Tie.Directed || e.Tie.Strength != 1 || e.Tie.Extra["jgf:weight"] != "0.5" {
		t.Errorf("edge 1 = %+v", e)
	}
	if e := d.Ties[1]; e.Tie.Relation != "cites" || !e.Tie.Directed || e.Tie.Strength != 5 {
		t.Errorf("edge 3 = %+v", e)
	}
	if e := d.Ties[2]; e.From != "b" || !e.Tie.Directed {
		t.Errorf("graph 2 edge = %+v", e)
	}
	for _, c := range []struct{ where, what string }{
		{"node 3", "used again"}, {"node 4", "no usable id"}, {"edge 2", `no node "zz"`}, {"graph 2", "hyperedges"},
	} {
		if w := warningsWith(d, c.what); len(w) != 1 || !strings.Contains(w[0].Where, c.where) {
			t.Errorf("%s %s: %v", c.where, c.what, d.Warnings)
		}
	}
}

func TestJSONGraphMalformed(t *testing.T) {
	for _, c := range []struct {
		format, in, want string
	}{
		{FormatJGF, "{\"graph\": {\"nodes\": {\n  \"a\": {\"label\": \"x\"},\n}}}", "bad.json: line 3, column 1: the file is not valid JSON"},
		{FormatJGF, "{\"graph\": {\"nodes\": {\"a\": {\"label\": \"x\"}", "bad.json: line 1, column 41: the file ends in the middle"},
		{FormatJGF, "{\"graph\": {\"nodes\": \"a\"}}", "bad.json: line 1, column 21: \"nodes\" must be"},
		{FormatJGF, "{\"graph\": {\"nodes\": {}}} {}", "bad.json: line 1, column 26: there is more JSON"},
		{FormatJGF, "[1]", "bad.json: line 1, column 1: the file is not a JSON object"},
		{FormatCytoscape, "[\n {\"data\": {\"id\": \"a\"}}\n {\"data\": {\"id\": \"b\"}}]", "bad.json: line 3, column 2: the file is not valid JSON"},
		{FormatCytoscape, "{\"elements\": 3}", "bad.json: line 1, column 14: \"elements\" must be"},
		{FormatD3, "{\"nodes\": [{\"id\": 1}], \"links\": [{\"source\": 1, \"target\": tru}]}", "bad.json: line 1, column 61: the file is not valid JSON"},
		{FormatD3, "  ", "bad.json: The file is empty."},
	} {
		f, _ := Lookup(c.format)
		_, err := f.(Importer).Parse([]File{{Name: "bad.json", Data: []byte(c.in)}})
		if err == nil || pln.CodeOf(err) != pln.CodeInvalid || !strings.HasPrefix(pln.AsError(err).Message, c.want) {
			t.Errorf("%s %q: %v; want %q", c.format, c.in, err, c.want)
		}
	}
}

// TestJSONGraphDeepNestingRefused: 5 Mi brackets deep is refused where the
// 65th opens (BenchmarkWorstInputs/JSON_deep_* says how soon).
func TestJSONGraphDeepNestingRefused(t *testing.T) {
	deep := deepJSON()
	for _, format := range []string{FormatJGF, FormatCytoscape, FormatD3} {
		f, _ := Lookup(format)
		_, err := f.(Importer).Parse([]File{{Name: "deep.json", Data: deep}})
		if err == nil || !strings.Contains(err.Error(), "line 1, column 86: the JSON is nested more than 64 deep") {
			t.Errorf("%s: %v", format, err)
		}
	}
	// 64 deep is fine.
	ok := `{"nodes":[{"id":"a","x":` + strings.Repeat("[", 61) + strings.Repeat("]", 61) + `}],"links":[]}`
	if d := mustParseFormat(t, FormatD3, []byte(ok)); len(d.Nodes) != 1 {
		t.Errorf("%+v", d)
	}
}

func TestJSONGraphTooManyItems(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(`{"nodes":[`)
	for i := range MaxItems + 1 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("{}")
	}
	b.WriteString(`],"links":[]}`)
	_, err := ParseFiles([]File{{Name: "big.json", Data: b.Bytes()}})
	if pln.CodeOf(err) != pln.CodeTooLarge || !strings.HasPrefix(pln.AsError(err).Message, "big.json: ") {
		t.Errorf("%v", err)
	}
}

func TestJSONGraphSniff(t *testing.T) {
	var backup bytes.Buffer
	if err := WriteBackup(&backup, sampleBackup(t)); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		in   string
		want map[string]int
	}{
		{backup.String(), map[string]int{FormatJGF: SniffNo, FormatCytoscape: SniffNo, FormatD3: SniffNo}},
		{`{"format":"plexus-backup","nodes":[],"links":[],"elements":[],"graph":{"nodes":{}}}`, map[string]int{FormatJGF: SniffNo, FormatCytoscape: SniffNo, FormatD3: SniffNo}},
		{`{"graph":{"nodes":{}}}`, map[string]int{FormatJGF: SniffSure, FormatCytoscape: SniffNo, FormatD3: SniffNo}},
		{`{"graphs":[{"edges":[]},{"nodes":[]}]}`, map[string]int{FormatJGF: SniffSure}},
		{`{"graph":{"edges":[]}}`, map[string]int{FormatJGF: SniffMaybe}},
		// networkx node_link_data: "graph" holds the graph's attributes.
		{`{"directed":false,"multigraph":false,"graph":{},"nodes":[{"id":1}],"links":[]}`, map[string]int{FormatJGF: SniffMaybe, FormatD3: SniffLikely}},
		{`{"graph":{"nodes":[]},"nodes":[],"links":[]}`, map[string]int{FormatJGF: SniffSure, FormatD3: SniffNo}},
		{`{"elements":{"nodes":[]}}`, map[string]int{FormatCytoscape: SniffLikely, FormatJGF: SniffNo, FormatD3: SniffNo}},
		{`[{"data":{"id":1}}]`, map[string]int{FormatCytoscape: SniffLikely}},
		{`[{"data":{"name":"x"}}]`, map[string]int{FormatCytoscape: SniffNo}},
		{`[1,2]`, map[string]int{FormatCytoscape: SniffNo}},
		{`{"nodes":[]}`, map[string]int{FormatD3: SniffNo}},
	} {
		for name, want := range c.want {
			f, _ := Lookup(name)
			if got := f.Sniff(NewProbe("x.json", []byte(c.in))); got != want {
				t.Errorf("%s.Sniff(%.60s) = %d, want %d", name, c.in, got, want)
			}
		}
	}
	if f, err := Detect("b.json", backup.Bytes()); err != nil || f != FormatBackup {
		t.Errorf("backup detected as %q, %v", f, err)
	}
}

// genJGFNetwork is a network with every field set, the ego among it.
func genJGFNetwork() *Network {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	ego := pln.Node{ID: pln.NewID(), Ego: true, Label: "Me <&> \"quoted\"", Kind: pln.KindPerson, X: 0, Y: 0, Description: "The ego.", Tags: []string{"self"}, CreatedAt: now}
	net := &Network{Nodes: []pln.Node{ego}}
	for i, k := range pln.Kinds {
		n := pln.Node{
			ID: pln.NewID(), Label: fmt.Sprintf("Alter %d, Émile & 李", i), Kind: k,
			Description: fmt.Sprintf("Line *%d*.\n\nSecond <paragraph> & \"quotes\".", i),
			URL:         fmt.Sprintf("https://example.org/%d?a=1&b=2", i),
			Tags:        []string{"tag" + fmt.Sprint(i), "shared tag"},
			Relation:    pln.Relations[i%len(pln.Relations)], Strength: 1 + i%5,
			Role: pln.Roles[i%len(pln.Roles)], Contexts: []string{"work", "my context"},
			Mode: pln.Modes[i%len(pln.Modes)], Status: pln.Statuses[i%len(pln.Statuses)], Cadence: 7 + i,
			X: float64(i*100) + 0.25, Y: -float64(i) - 0.5, Pinned: i%2 == 0,
			Extra: map[string]string{"custom:field": fmt.Sprintf("value %d", i), "jgf:color": "#ff0000", "jgf:size": "12.5", "jgf:nested": `{"a":[1,true]}`, "plexus:rows": "2"},
		}
		if k == pln.KindPerson {
			n.Emails = []string{"ada@example.org", "ada@example.net"}
			n.Organisation = "Analytical Engines"
		}
		if k == pln.KindSource {
			n.FeedURL = "https://example.org/feed.xml"
			n.URL = "not a web address"
		}
		if i == 5 {
			n.Relation, n.Strength = "", 0
		}
		net.Nodes = append(net.Nodes, n)
	}
	a := net.Nodes
	net.Ties = []pln.Tie{
		{ID: pln.NewID(), From: a[1].ID, To: a[2].ID, Relation: pln.RelWorksWith, Directed: false, Strength: 4, Note: "note with \"quotes\"\nand a line", CreatedAt: now},
		{ID: pln.NewID(), From: a[3].ID, To: a[2].ID, Relation: "custom relation", Directed: true, Strength: 1, Extra: map[string]string{"jgf:weight": "0.25", "gexf:id": "e7"}},
		{ID: pln.NewID(), From: a[4].ID, To: a[5].ID, Relation: pln.RelKnows, Directed: true, Strength: 3},
	}
	return net
}

// roundNode is a node as a Doc gives it back: no id or times.
func roundNode(n pln.Node) pln.Node {
	n.ID, n.CreatedAt, n.UpdatedAt = "", time.Time{}, time.Time{}
	return n
}

func withoutKey(m map[string]string, key string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		if k != key {
			out[k] = v
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func TestJGFRoundTrip(t *testing.T) {
	net := genJGFNetwork()
	f, _ := Lookup(FormatJGF)
	files, err := f.(Exporter).Export(net)
	if err != nil {
		t.Fatal(err)
	}
	again, err := f.(Exporter).Export(net)
	if err != nil || !bytes.Equal(files[0].Data, again[0].Data) {
		t.Fatalf("export is not deterministic (%v)", err)
	}
	if len(files) != 1 || files[0].Name != "network.json" || !json.Valid(files[0].Data) {
		t.Fatalf("files = %v", files)
	}
	d := parseAs(t, FormatJGF, files[0].Name, files[0].Data)
	if len(d.Warnings) != 0 {
		t.Errorf("warnings: %v", d.Warnings)
	}
	if d.Title != "Me <&> \"quoted\"'s learning network" {
		t.Errorf("title %q", d.Title)
	}
	if len(d.Nodes) != len(net.Nodes) {
		t.Fatalf("%d nodes, want %d", len(d.Nodes), len(net.Nodes))
	}
	for i, n := range net.Nodes {
		dn := d.Nodes[i]
		if dn.Key != n.ID || !dn.HasPosition || dn.Node.Extra["jgf:id"] != n.ID {
			t.Errorf("node %d: key %q, position %v, id extra %q", i, dn.Key, dn.HasPosition, dn.Node.Extra["jgf:id"])
		}
		got := dn.Node
		got.Extra = withoutKey(got.Extra, "jgf:id")
		if want := roundNode(n); !reflect.DeepEqual(got, want) {
			t.Errorf("node %d:\n got %#v\nwant %#v", i, got, want)
		}
	}
	// One ego tie per alter with a relation, then the ties.
	var egoTies, ties []DocTie
	for _, dt := range d.Ties {
		if dt.From == net.Nodes[0].ID {
			egoTies = append(egoTies, dt)
		} else {
			ties = append(ties, dt)
		}
	}
	if len(egoTies) != len(net.Nodes)-2 || len(ties) != len(net.Ties) {
		t.Fatalf("%d ego ties, %d ties", len(egoTies), len(ties))
	}
	for _, et := range egoTies {
		alter := nodeByKey(t, d, et.To).Node
		if et.Tie.Relation != alter.Relation || et.Tie.Strength != alter.Strength || !et.Tie.Directed {
			t.Errorf("ego tie %+v for %+v", et, alter)
		}
	}
	for i, tie := range net.Ties {
		dt := ties[i]
		got := dt.Tie
		got.Extra = withoutKey(got.Extra, "jgf:id")
		want := pln.Tie{Relation: tie.Relation, Directed: tie.Directed, Strength: tie.Strength, Note: tie.Note, Extra: tie.Extra}
		if dt.From != tie.From || dt.To != tie.To || !reflect.DeepEqual(got, want) || dt.Tie.Extra["jgf:id"] != tie.ID {
			t.Errorf("tie %d:\n got %s → %s %#v\nwant %#v", i, dt.From, dt.To, dt.Tie, want)
		}
	}
	// Plain JGF for other readers: labels, relations and the jgf: extras
	// as metadata members of their own JSON types.
	var out struct {
		Graph struct {
			Nodes map[string]struct {
				Label    string         `json:"label"`
				Metadata map[string]any `json:"metadata"`
			} `json:"nodes"`
			Edges []map[string]any `json:"edges"`
		} `json:"graph"`
	}
	if err := json.Unmarshal(files[0].Data, &out); err != nil {
		t.Fatal(err)
	}
	n1 := out.Graph.Nodes[net.Nodes[1].ID]
	if n1.Label != net.Nodes[1].Label || n1.Metadata["size"] != 12.5 || n1.Metadata["color"] != "#ff0000" || n1.Metadata["plexus:kind"] != "person" ||
		!reflect.DeepEqual(n1.Metadata["nested"], map[string]any{"a": []any{1.0, true}}) ||
		!reflect.DeepEqual(n1.Metadata["plexus:extra"], map[string]any{"custom:field": "value 0", "plexus:rows": "2"}) {
		t.Errorf("node 1 as written: %+v", n1)
	}
	if !bytes.Contains(files[0].Data, []byte(`"label": "Me <&> \"quoted\"",`)) {
		t.Errorf("HTML escaped or label missing:\n%.300s", files[0].Data)
	}
}

// docToNetwork stores a Doc as the service would (new ids, ego ties as
// the alters' fields), for export.
func docToNetwork(d *Doc) *Network {
	net := &Network{}
	ids := map[string]string{}
	egoKey := ""
	for _, dn := range d.Nodes {
		n := dn.Node
		n.ID = pln.NewID()
		ids[dn.Key] = n.ID
		if n.Ego {
			egoKey = dn.Key
		}
		net.Nodes = append(net.Nodes, n)
	}
	for _, dt := range d.Ties {
		if dt.From == egoKey || dt.To == egoKey {
			continue
		}
		t := dt.Tie
		t.ID, t.From, t.To = pln.NewID(), ids[dt.From], ids[dt.To]
		net.Ties = append(net.Ties, t)
	}
	return net
}

func TestJGFFixtureRoundTrip(t *testing.T) {
	for _, name := range []string{"jgf_usual_suspects.json", "cytoscape_compound_data.json", "d3_miserables_string_ids.json"} {
		first, err := ParseFiles([]File{{Name: name, Data: fixture(t, "json", name)}})
		if err != nil {
			t.Fatal(err)
		}
		f, _ := Lookup(FormatJGF)
		files, err := f.(Exporter).Export(docToNetwork(first))
		if err != nil {
			t.Fatal(err)
		}
		second := parseAs(t, FormatJGF, name, files[0].Data)
		if len(second.Warnings) != 0 {
			t.Errorf("%s: warnings %v", name, second.Warnings)
		}
		if len(second.Nodes) != len(first.Nodes) || len(second.Ties) != len(first.Ties) {
			t.Fatalf("%s: %d nodes, %d ties; want %d, %d", name, len(second.Nodes), len(second.Ties), len(first.Nodes), len(first.Ties))
		}
		key := ExtraKeyFor(first.Format)
		for i, a := range first.Nodes {
			b := second.Nodes[i]
			an, bn := a.Node, b.Node
			an.Extra, bn.Extra = withoutKey(an.Extra, key), withoutKey(withoutKey(bn.Extra, "jgf:id"), key)
			if first.Format == FormatJGF || a.HasPosition {
				// From JGF, the positions Plexus gave the nodes come back.
				if !b.HasPosition {
					t.Errorf("%s node %d: no position", name, i)
				}
			}
			if !a.HasPosition {
				bn.X, bn.Y = 0, 0
			}
			if !reflect.DeepEqual(an, bn) {
				t.Errorf("%s node %d:\n got %#v\nwant %#v", name, i, bn, an)
			}
		}
		for i, a := range first.Ties {
			b := second.Ties[i]
			at, bt := a.Tie, b.Tie
			at.Extra, bt.Extra = withoutKey(at.Extra, key), withoutKey(withoutKey(bt.Extra, "jgf:id"), key)
			if !reflect.DeepEqual(at, bt) || nodeByKey(t, second, b.From).Node.Label != nodeByKey(t, first, a.From).Node.Label {
				t.Errorf("%s tie %d:\n got %#v\nwant %#v", name, i, bt, at)
			}
		}
	}
}

func TestJGFPlexusValuesChecked(t *testing.T) {
	in := `{"graph":{"nodes":{
 "a":{"label":"A","metadata":{"plexus:kind":"alien","plexus:role":"boss","plexus:strength":9,"plexus:emails":["ok@example.org","not an email"],"plexus:x":1e12,"plexus:y":1,"plexus:ego":true}},
 "b":{"label":"B","metadata":{"plexus:ego":true,"plexus:cadence":-1,"plexus:extra":{"k":"v","n":1}}}},
 "edges":[{"source":"a","target":"b","metadata":{"plexus:strength":"x","plexus:note":"n"}}]}}`
	d := mustParseFormat(t, FormatJGF, []byte(in))
	a, b := nodeByKey(t, d, "a"), nodeByKey(t, d, "b")
	if a.Node.Kind != pln.KindPerson || a.Node.Role != "" || a.Node.Strength != 0 || !slices.Equal(a.Node.Emails, []string{"ok@example.org"}) || a.HasPosition || !a.Node.Ego {
		t.Errorf("a = %+v", a)
	}
	if b.Node.Ego || b.Node.Cadence != 0 || b.Node.Extra["k"] != "v" || b.Node.Extra["n"] != "1" {
		t.Errorf("b = %+v", b)
	}
	if d.Ties[0].Tie.Note != "n" || d.Ties[0].Tie.Strength != 0 {
		t.Errorf("tie = %+v", d.Ties[0])
	}
	if len(warningsWith(d, "plexus:kind, plexus:role, plexus:strength, plexus:emails, plexus:x")) != 1 ||
		len(warningsWith(d, "second node says it is the ego")) != 1 || len(warningsWith(d, "plexus:cadence")) != 1 {
		t.Errorf("warnings: %v", d.Warnings)
	}
}

func TestJSONGraphExtraLimits(t *testing.T) {
	var b strings.Builder
	fmt.Fprintf(&b, `{"nodes":[{"id":"a","big":"%s"`, strings.Repeat("x", 70<<10))
	for i := range 300 {
		fmt.Fprintf(&b, `,"p%d":%d`, i, i)
	}
	b.WriteString(`}],"links":[]}`)
	d := mustParseFormat(t, FormatD3, []byte(b.String()))
	n := d.Nodes[0].Node
	if len(n.Extra) != pln.MaxExtraKeys || len(n.Extra["d3:big"]) != pln.MaxExtraValueLen || n.Extra["d3:p197"] != "197" {
		t.Errorf("%d extras", len(n.Extra))
	}
	// id, big and p0…p197 fit; p198…p299 do not.
	if w := warningsWith(d, "did not fit"); len(w) != 1 || !strings.HasPrefix(w[0].Message, "102 properties of the node (d3:p198, ") {
		t.Errorf("warnings: %v", d.Warnings)
	}
	if w := warningsWith(d, "d3:big of the node is longer than 64 KiB"); len(w) != 1 || len(d.Warnings) != 2 {
		t.Errorf("warnings: %v", d.Warnings)
	}
}

func fuzzJSONGraph(f *testing.F, format string) {
	files, _ := filepath.Glob(filepath.Join("testdata", "json", "*.json"))
	seedFiles(f, files, firstBytes, false)
	if exp, err := (jgfFormat{}).Export(genJGFNetwork()); err == nil {
		f.Add(exp[0].Data[:min(len(exp[0].Data), 6000)])
	}
	for _, s := range []string{
		"", "{}", "[]", `{"graph":{"nodes":{"a":{}},"edges":[{"source":"a","target":"a"}]}}`,
		`{"graphs":[{"nodes":[{"id":1},{"id":1.0}],"directed":"x"}]}`,
		`{"elements":{"nodes":[{"data":{"id":"p","parent":"p"}}],"edges":[{"data":{"source":"p","target":{}}}]}}`,
		`[{"group":"edges","data":{"id":1,"source":1,"target":2}},{"data":{"id":2,"parent":1},"position":{"x":1e400}}]`,
		`{"nodes":[{"name":"a"},{"name":"a"}],"links":[{"source":"a","target":1,"value":"NaN"}]}`,
		"\xef\xbb\xbf{\"nodes\":[{\"id\":\"\xff\"}],\"links\":[]}",
	} {
		f.Add([]byte(s))
	}
	imp, _ := Lookup(format)
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := imp.(Importer).Parse([]File{{Name: "fuzz.json", Data: data}})
		if err != nil {
			if c := pln.CodeOf(err); c == pln.CodeInternal || !strings.HasPrefix(pln.AsError(err).Message, "fuzz.json: ") {
				t.Fatalf("bad error: %#v", err)
			}
			return
		}
		checkDoc(t, d)
		// What was read writes out as JGF and reads back to as much.
		files, err := (jgfFormat{}).Export(docToNetwork(d))
		if err != nil {
			t.Fatal(err)
		}
		again, err := (jgfFormat{}).Parse(files)
		if err != nil {
			t.Fatalf("export does not parse: %v\n%s", err, files[0].Data)
		}
		if len(again.Nodes) != len(d.Nodes) {
			t.Fatalf("%d nodes after export, want %d", len(again.Nodes), len(d.Nodes))
		}
	})
}

func FuzzParseJGF(f *testing.F)       { fuzzJSONGraph(f, FormatJGF) }
func FuzzParseCytoscape(f *testing.F) { fuzzJSONGraph(f, FormatCytoscape) }
func FuzzParseD3(f *testing.F)        { fuzzJSONGraph(f, FormatD3) }

// TestD3SeveralFiles: index-keyed nodes of two files stay apart; id-keyed
// ones with the same id are one node.
func TestD3SeveralFiles(t *testing.T) {
	a := []byte(`{"nodes":[{"name":"A0"},{"name":"A1"}],"links":[{"source":0,"target":1}]}`)
	b := []byte(`{"nodes":[{"name":"B0"},{"name":"B1"}],"links":[{"source":1,"target":0}]}`)
	d, err := ParseFiles([]File{{Name: "a.json", Data: a}, {Name: "b.json", Data: b}})
	if err != nil {
		t.Fatal(err)
	}
	checkDoc(t, d)
	if len(d.Nodes) != 4 || len(d.Ties) != 2 || d.Ties[1].From != "b.json#1" || nodeByKey(t, d, "b.json#1").Node.Label != "B1" ||
		nodeByKey(t, d, "a.json#0").Where != "node 1, line 1 of a.json" {
		t.Errorf("%+v", d)
	}
	c := []byte(`{"nodes":[{"id":"x","label":"X"}],"links":[]}`)
	d, err = ParseFiles([]File{{Name: "c.json", Data: c}, {Name: "d.json", Data: c}})
	if err != nil || len(d.Nodes) != 1 || len(warningsWith(d, "used again")) != 1 {
		t.Errorf("%+v, %v", d, err)
	}
}
