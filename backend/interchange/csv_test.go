package interchange

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
)

func csvFixture(t testing.TB, name string) File {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "csv", name))
	if err != nil {
		t.Fatal(err)
	}
	return File{Name: name, Data: b}
}

// csvParseFiles detects every file as CSV and parses them together.
func csvParseFiles(t testing.TB, files ...File) *Doc {
	t.Helper()
	for _, f := range files {
		if got, err := Detect(f.Name, f.Data); err != nil || got != FormatCSV {
			t.Fatalf("Detect(%s) = %q, %v", f.Name, got, err)
		}
	}
	d, err := ParseFiles(files)
	if err != nil {
		t.Fatalf("ParseFiles: %v", err)
	}
	if d.Format != FormatCSV {
		t.Fatalf("Format %q", d.Format)
	}
	csvCheckDoc(t, d)
	return d
}

// csvCheckDoc: as checkDoc, except that tie ends may lie outside the Doc
// (an edge table alone), but then no end may be a node's label.
func csvCheckDoc(t testing.TB, d *Doc) {
	t.Helper()
	ties := d.Ties
	d.Ties = nil
	checkDoc(t, d)
	d.Ties = ties
	keys := map[string]bool{}
	for _, n := range d.Nodes {
		keys[n.Key] = true
	}
	for i, dt := range d.Ties {
		if dt.Where == "" || dt.From == "" || dt.To == "" {
			t.Fatalf("tie %d: %+v", i, dt)
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

func csvParseErr(t *testing.T, files []File, code pln.Code, want ...string) {
	t.Helper()
	_, err := csvFormat{}.Parse(files)
	if err == nil {
		t.Fatalf("no error for %q", files[0].Data)
	}
	pe := pln.AsError(err)
	if pe.Code != code {
		t.Fatalf("code %s (%v), want %s", pe.Code, err, code)
	}
	for _, w := range want {
		if !strings.Contains(pe.Message, w) {
			t.Errorf("error %q lacks %q", pe.Message, w)
		}
	}
}

func TestCSVSniff(t *testing.T) {
	for _, name := range []string{"melaniewalsh_political_books_nodes.csv", "melaniewalsh_political_books_edges.csv", "forcegraph_d3-dependencies.csv", "kumu_elements.csv", "kumu_connections.csv"} {
		f := csvFixture(t, name)
		if s := (csvFormat{}).Sniff(NewProbe(name, f.Data)); s != SniffLikely {
			t.Errorf("%s: sniff %d", name, s)
		}
	}
	for in, want := range map[string]int{
		"Id;Label\n1;a\n":                                         SniffLikely,
		"from\tto\na\tb\n":                                        SniffLikely,
		"size,path\n1,a.b\n":                                      SniffLikely,
		"name,email\nAda,ada@example.org\n":                       SniffMaybe,
		"colour,shape\nred,round\nblue,flat\n":                    SniffMaybe,
		"Plain text, with a comma.\nAnd a second line without.\n": SniffNo,
		"one column\nvalue\n":                                     SniffNo,
		"| Label | Kind |\n|---|---|\n| a | b |\n":                SniffNo,
		`{"nodes": [], "links": []}`:                              SniffNo,
		"<a,b>\n<c,d>\n":                                          SniffNo,
		"":                                                        SniffNo,
		"# Title, with comma\n\nBody, text\n":                     SniffNo,
	} {
		if got := (csvFormat{}).Sniff(NewProbe("x", []byte(in))); got != want {
			t.Errorf("Sniff(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestCSVPoliticalBooks(t *testing.T) {
	nodes, edges := csvFixture(t, "melaniewalsh_political_books_nodes.csv"), csvFixture(t, "melaniewalsh_political_books_edges.csv")
	d := csvParseFiles(t, nodes, edges)
	if len(d.Nodes) != 105 || len(d.Ties) != 441 || len(d.Warnings) != 0 {
		t.Fatalf("%d nodes, %d ties, warnings %v", len(d.Nodes), len(d.Ties), d.Warnings)
	}
	commas := 0
	for _, n := range d.Nodes {
		if strings.Contains(n.Node.Label, ",") {
			commas++
		}
		if n.Node.Kind != "" || n.HasPosition || n.Node.Extra["csv:id"] != n.Key || n.Node.Extra["csv:political_ideology"] == "" {
			t.Errorf("node %+v", n)
		}
	}
	if commas != 4 {
		t.Errorf("%d labels with commas, want 4", commas)
	}
	n31 := nodeByKey(t, d, "31")
	if n31.Node.Label != "House of Bush, House of Saud" || n31.Node.Extra["csv:political_ideology"] != "liberal" || n31.Where != "row 33 of melaniewalsh_political_books_nodes.csv" {
		t.Errorf("node 31: %+v", n31)
	}
	keys := map[string]bool{}
	for _, n := range d.Nodes {
		keys[n.Key] = true
	}
	for _, dt := range d.Ties {
		if dt.Tie.Directed || dt.Tie.Strength != 1 || dt.Tie.Extra["csv:weight"] != "1" || !keys[dt.From] || !keys[dt.To] || dt.Tie.Relation != "" {
			t.Fatalf("tie %+v", dt)
		}
	}
	last := d.Ties[440]
	if last.From != "104" || last.To != "103" || last.Tie.Extra["csv:id"] != "440" {
		t.Errorf("last tie %+v", last)
	}

	// The edge table alone: the ends are the ids as written.
	d = csvParseFiles(t, edges)
	if len(d.Nodes) != 0 || len(d.Ties) != 441 || d.Ties[0].From != "1" || d.Ties[0].To != "0" || d.Ties[0].Where != "row 2" {
		t.Fatalf("edges alone: %d nodes, %d ties, first %+v", len(d.Nodes), len(d.Ties), d.Ties[0])
	}
}

func TestCSVD3Hierarchy(t *testing.T) {
	f := csvFixture(t, "forcegraph_d3-dependencies.csv")
	// The prefixes, counted independently of the parser.
	prefixes, roots, sizes := map[string]bool{}, map[string]bool{}, map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(f.Data))
	sc.Scan() // header
	rows := 0
	for sc.Scan() {
		size, path, ok := strings.Cut(sc.Text(), ",")
		if !ok {
			t.Fatalf("line %q", sc.Text())
		}
		rows++
		segs := strings.Split(path, "/")
		roots[segs[0]] = true
		for i := range segs {
			prefixes[strings.Join(segs[:i+1], "/")] = true
		}
		if size != "" {
			sizes[path] = size
		}
	}
	if rows < 400 {
		t.Fatalf("%d rows", rows)
	}
	d := csvParseFiles(t, f)
	if len(d.Nodes) != len(prefixes) || len(d.Ties) != len(prefixes)-len(roots) || len(d.Warnings) != 0 {
		t.Fatalf("%d nodes, %d ties; want %d, %d; warnings %v", len(d.Nodes), len(d.Ties), len(prefixes), len(prefixes)-len(roots), d.Warnings)
	}
	for _, n := range d.Nodes {
		if !prefixes[n.Key] || n.Node.Extra["csv:size"] != sizes[n.Key] || n.Node.Label != n.Key[strings.LastIndex(n.Key, "/")+1:] {
			t.Fatalf("node %+v", n)
		}
	}
	for _, dt := range d.Ties {
		if dt.Tie.Relation != RelContains || !dt.Tie.Directed || !strings.HasPrefix(dt.To, dt.From+"/") || strings.Contains(dt.To[len(dt.From)+1:], "/") {
			t.Fatalf("tie %+v", dt)
		}
	}
	n := nodeByKey(t, d, "d3/d3-array/array.js")
	if n.Node.Label != "array.js" || n.Node.Extra["csv:size"] != "90" {
		t.Errorf("array.js: %+v", n)
	}
	// Dot-separated paths (the flare example), a repeated path.
	d = csvParseFiles(t, File{Name: "flare.csv", Data: []byte("path,size\nflare,\nflare.analytics.cluster.Agglomerative,3938\nflare.analytics.cluster.Agglomerative,1\n")})
	if len(d.Nodes) != 4 || len(d.Ties) != 3 || nodeByKey(t, d, "flare.analytics.cluster.Agglomerative").Node.Extra["csv:size"] != "3938" || len(warningsWith(d, "listed again")) != 1 {
		t.Errorf("flare: %+v", d)
	}
}

func TestCSVKumu(t *testing.T) {
	d := csvParseFiles(t, csvFixture(t, "kumu_elements.csv"), csvFixture(t, "kumu_connections.csv"))
	if len(d.Nodes) != 6 || len(d.Ties) != 6 || len(d.Warnings) != 0 {
		t.Fatalf("%d nodes, %d ties, warnings %v", len(d.Nodes), len(d.Ties), d.Warnings)
	}
	want := map[string]pln.Kind{"Ada Lovelace": pln.KindPerson, "Charles Babbage": pln.KindPerson, "Royal Society": pln.KindOrganisation,
		"Go Meetup Berlin": pln.KindCommunity, "The Morning Paper": pln.KindSource, "Difference Engine": ""}
	for k, kind := range want {
		if n := nodeByKey(t, d, k); n.Node.Kind != kind || n.Node.Label != k {
			t.Errorf("%s: kind %q", k, n.Node.Kind)
		}
	}
	ada := nodeByKey(t, d, "Ada Lovelace").Node
	if ada.Description != "Wrote the first program, for the Analytical Engine." || !reflect.DeepEqual(ada.Tags, []string{"mathematics", "computing"}) ||
		ada.URL != "https://en.wikipedia.org/wiki/Ada_Lovelace" || ada.Extra["csv:Type"] != "" {
		t.Errorf("Ada: %+v", ada)
	}
	if e := nodeByKey(t, d, "Difference Engine").Node; e.Extra["csv:Type"] != "Machine" {
		t.Errorf("Difference Engine: %+v", e)
	}
	mutual := d.Ties[0]
	if mutual.From != "Ada Lovelace" || mutual.To != "Charles Babbage" || mutual.Tie.Directed || mutual.Tie.Strength != 5 ||
		mutual.Tie.Relation != "works with" || mutual.Tie.Note != "Corresponded for years, about the Engine." || mutual.Tie.Extra["csv:Tags"] != "collaboration" {
		t.Errorf("mutual: %+v", mutual)
	}
	if t1 := d.Ties[1]; !t1.Tie.Directed || t1.Tie.Relation != "designed" || t1.Tie.Strength != 4 {
		t.Errorf("tie 1: %+v", t1)
	}
	if t4 := d.Ties[4]; t4.Tie.Directed || t4.Tie.Relation != "" || t4.Tie.Strength != 1 {
		t.Errorf("undirected: %+v", t4)
	}
	// The missing end is kept as written: the service looks it up and
	// reports it.
	if miss := d.Ties[5]; miss.From != "Grace Hopper" || miss.To != "Ada Lovelace" {
		t.Errorf("missing end: %+v", miss)
	}
	// Connections name elements by label also when the elements have ids.
	d = csvParseFiles(t, File{Name: "n.csv", Data: []byte("ID,Label\ne1,Ada\ne2,Bob\n")}, File{Name: "c.csv", Data: []byte("From,To,Strength\nada,Bob,0.5\ne1,e2,2.5\n")})
	if d.Ties[0].From != "e1" || d.Ties[0].To != "e2" || d.Ties[1].From != "e1" || d.Ties[0].Tie.Strength != 1 || d.Ties[1].Tie.Strength != 5 || d.Ties[0].Tie.Extra["csv:Strength"] != "0.5" {
		t.Errorf("by label: %+v", d.Ties)
	}
}

func TestCSVDelimitersAndEncodings(t *testing.T) {
	want := func(t *testing.T, d *Doc) {
		t.Helper()
		if len(d.Nodes) != 2 {
			t.Fatalf("%d nodes: %+v", len(d.Nodes), d.Nodes)
		}
		a, b := nodeByKey(t, d, "1").Node, nodeByKey(t, d, "2").Node
		if a.Label != "Zoë Café" || a.Kind != pln.KindPerson || b.Label != "Bo; b, c done" || b.Kind != pln.KindOrganisation || b.Extra["csv:Note"] != "x" {
			t.Fatalf("nodes %+v / %+v", a, b)
		}
	}
	for name, text := range map[string]string{
		"comma":     "Id,Label,Kind,Note\n1,Zoë Café,person,\n2,\"Bo; b, c\tdone\",organisation,x\n",
		"semicolon": "Id;Label;Kind;Note\r\n1;Zoë Café;person;\r\n2;\"Bo; b, c\tdone\";organisation;x\r\n",
		"tab":       "Id\tLabel\tKind\tNote\n1\tZoë Café\tperson\t\n2\t\"Bo; b, c\tdone\"\torganisation\tx\n",
		"pipe":      "Id|Label|Kind|Note\n1|Zoë Café|person|\n2|\"Bo; b, c\tdone\"|organisation|x\n",
	} {
		t.Run(name, func(t *testing.T) {
			d := csvParseFiles(t, File{Name: name + ".csv", Data: []byte(text)})
			want(t, d)
			if len(d.Warnings) != 0 {
				t.Errorf("warnings %v", d.Warnings)
			}
			for enc, data := range map[string][]byte{
				"bom":      append([]byte{0xEF, 0xBB, 0xBF}, text...),
				"utf16le":  toUTF16([]byte(text), false, true),
				"utf16be":  toUTF16([]byte(text), true, true),
				"utf16raw": toUTF16([]byte(text), false, false),
			} {
				d := csvParseFiles(t, File{Name: enc + ".csv", Data: data})
				want(t, d)
				if len(d.Warnings) != 0 {
					t.Errorf("%s: warnings %v", enc, d.Warnings)
				}
			}
		})
	}
	// Windows-1252: read, with a warning.
	d := csvParseFiles(t, File{Name: "w.csv", Data: []byte("Id,Label,Kind,Note\n1,Zo\xeb Caf\xe9,person,\n2,\"Bo; b, c\tdone\",organisation,x\n")})
	want(t, d)
	if len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0].Message, "Windows-1252") || d.Warnings[0].Skipped {
		t.Errorf("warnings %v", d.Warnings)
	}
}

func TestCSVBadRows(t *testing.T) {
	text := "Id,Label,Strength\n1,A,2\n2,B,3,4\n3,C\"x,1\n,,\n4,D,9\n5,E,\n6,F,,,\n"
	for i := 7; i < 17; i++ {
		text += fmt.Sprintf("%d,N%d,1\n", i, i)
	}
	d := csvParseFiles(t, File{Name: "bad.csv", Data: []byte(text)})
	if len(d.Nodes) != 14 {
		t.Fatalf("%d nodes: %+v", len(d.Nodes), d.Nodes)
	}
	skipped := map[string]string{}
	for _, w := range d.Warnings {
		if w.Skipped {
			skipped[w.Where] = w.Message
		}
	}
	if len(skipped) != 2 || !strings.Contains(skipped["row 3"], "4 fields where the header has 3") || !strings.Contains(skipped["row 4"], "quote") {
		t.Errorf("skipped %v", skipped)
	}
	if n := nodeByKey(t, d, "4").Node; n.Strength != 0 || n.Extra["csv:Strength"] != "9" || len(warningsWith(d, "column Strength are not valid")) != 1 {
		t.Errorf("bad strength: %+v, %v", n, d.Warnings)
	}
	// A quote never closed: the rows before it are kept.
	d = csvParseFiles(t, File{Name: "q.csv", Data: []byte("Id,Label\n1,A\n2,\"B\n3,C\n")})
	if len(d.Nodes) != 1 || len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0].Message, "never closed") || d.Warnings[0].Where != "row 3" {
		t.Errorf("unclosed quote: %+v", d)
	}
	// Ties without an end.
	d = csvParseFiles(t, File{Name: "e.csv", Data: []byte("Source,Target\na,b\n,c\n")})
	if len(d.Ties) != 1 || len(warningsWith(d, "row 3: the row has no source")) != 1 {
		t.Errorf("no end: %+v", d)
	}
	// Duplicate ids merge.
	d = csvParseFiles(t, File{Name: "dup.csv", Data: []byte("Id,Label,Tags\n1,A,x\n1,B,y\n")})
	if len(d.Nodes) != 1 || !reflect.DeepEqual(d.Nodes[0].Node.Tags, []string{"x", "y"}) || d.Nodes[0].Node.Extra["csv:alias"] != "B" || len(warningsWith(d, "listed again")) != 1 {
		t.Errorf("dup: %+v", d)
	}
}

func TestCSVErrors(t *testing.T) {
	csvParseErr(t, []File{{Name: "empty.csv", Data: []byte(" \n")}}, pln.CodeInvalid, "empty.csv", "empty")
	csvParseErr(t, []File{{Name: "head.csv", Data: []byte("Id,Label\n")}}, pln.CodeInvalid, "head.csv", "row 1", "no rows")
	csvParseErr(t, []File{{Name: "what.csv", Data: []byte("colour,shape\nred,round\n")}}, pln.CodeInvalid, "what.csv", "row 1", "Id or Label")
	csvParseErr(t, []File{{Name: "quote.csv", Data: []byte("Id,Label\n\"1,A\n2,B\n")}}, pln.CodeInvalid, "quote.csv", "row 2", "never closed")
	csvParseErr(t, []File{{Name: "all.csv", Data: []byte("Id,Label\n1,A,3\n2,B,4\n")}}, pln.CodeInvalid, "all.csv", "row 2", "fields")
	// A header-only file beside one with rows: a warning.
	d := csvParseFiles(t, File{Name: "nodes.csv", Data: []byte("id,label\na,A\n")}, File{Name: "ties.csv", Data: []byte("id,from,to\n")})
	if len(d.Nodes) != 1 || len(warningsWith(d, "ties.csv: the file has a header row but no rows")) != 1 {
		t.Errorf("header only beside: %+v", d)
	}
	// Too many rows.
	var b bytes.Buffer
	b.WriteString("Source,Target\n")
	for i := range MaxItems + 1 {
		fmt.Fprintf(&b, "%d,x\n", i)
	}
	csvParseErr(t, []File{{Name: "big.csv", Data: b.Bytes()}}, pln.CodeTooLarge, "big.csv", "200000")
}

func genCSVNetwork() *Network {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	ego := pln.Node{ID: pln.NewID(), Ego: true, Label: "Me, \"quoted\"", Kind: pln.KindPerson, Description: "The ego.", Tags: []string{"self"}, CreatedAt: now}
	net := &Network{Nodes: []pln.Node{ego}}
	for i, k := range pln.Kinds {
		n := pln.Node{
			ID: pln.NewID(), Label: fmt.Sprintf("Alter %d, Émile & 李", i), Kind: k,
			Description: fmt.Sprintf("Line *%d*, with \"quotes\".\n\nSecond; paragraph\twith a tab.", i),
			URL:         fmt.Sprintf("https://example.org/%d?a=1&b=2", i),
			Tags:        []string{"tag" + fmt.Sprint(i), "shared tag"},
			Relation:    pln.Relations[i%len(pln.Relations)], Strength: 1 + i%5,
			Role: pln.Roles[i%len(pln.Roles)], Contexts: []string{"work", "my context"},
			Mode: pln.Modes[i%len(pln.Modes)], Status: pln.Statuses[i%len(pln.Statuses)], Cadence: 7 + i,
			X: float64(i*100) + 0.25, Y: -float64(i) - 1e-7, Pinned: i%2 == 0,
			Extra: map[string]string{"custom:field": fmt.Sprintf("value %d", i), "csv:political_ideology": "liberal", "csv:Type": "Machine",
				"csv:Source": "s", "gexf:nested": `{"a":[1,true]}`, "plexus:rows": "2"},
		}
		if k == pln.KindPerson {
			n.Emails = []string{"ada@example.org", "ada@example.net"}
			n.Organisation = "Analytical Engines"
		}
		if k == pln.KindSource {
			n.FeedURL = "https://example.org/feed.xml"
			n.URL = "not a web address"
			n.Tags = []string{"a|b", "c"} // an item with the separator: a JSON list
		}
		if k == pln.KindService {
			n.Tags = []string{"[bracket]"}
		}
		if i == 5 {
			n.Relation, n.Strength, n.Extra = "", 0, nil
		}
		net.Nodes = append(net.Nodes, n)
	}
	a := net.Nodes
	net.Ties = []pln.Tie{
		{ID: pln.NewID(), From: a[1].ID, To: a[2].ID, Relation: pln.RelWorksWith, Directed: false, Strength: 4, Note: "note with \"quotes\", commas\nand a line", CreatedAt: now},
		{ID: pln.NewID(), From: a[3].ID, To: a[2].ID, Relation: "custom relation", Directed: true, Strength: 1, Extra: map[string]string{"csv:weight": "0.25", "csv:Tags": "x|y", "gexf:id": "e7"}},
		{ID: pln.NewID(), From: a[4].ID, To: a[5].ID, Relation: pln.RelKnows, Directed: true, Strength: 3},
	}
	return net
}

func TestCSVRoundTrip(t *testing.T) {
	net := genCSVNetwork()
	files, err := csvFormat{}.Export(net)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := csvFormat{}.Export(net)
	if !reflect.DeepEqual(files, again) {
		t.Fatal("export is not deterministic")
	}
	if len(files) != 2 || files[0].Name != "nodes.csv" || files[1].Name != "ties.csv" {
		t.Fatalf("files %v", files)
	}
	head := strings.SplitN(string(files[0].Data), "\n", 2)[0]
	if head != "id,label,kind,description,url,feedUrl,emails,organisation,tags,relation,strength,role,contexts,mode,status,cadence,x,y,pinned,ego,csv:Source,csv:Type,political_ideology,extra" {
		t.Errorf("nodes header %q", head)
	}
	if head := strings.SplitN(string(files[1].Data), "\n", 2)[0]; head != "id,from,to,relation,directed,strength,note,csv:Tags,csv:weight,extra" {
		t.Errorf("ties header %q", head)
	}
	if !bytes.Contains(files[0].Data, []byte(`"[""a|b"",""c""]"`)) {
		t.Errorf("list with a | not JSON:\n%s", files[0].Data)
	}
	d := csvParseFiles(t, files...)
	if len(d.Warnings) != 0 {
		t.Errorf("warnings %v", d.Warnings)
	}
	if len(d.Nodes) != len(net.Nodes) || len(d.Ties) != len(net.Ties) {
		t.Fatalf("%d nodes, %d ties", len(d.Nodes), len(d.Ties))
	}
	for i, n := range net.Nodes {
		dn := d.Nodes[i]
		if dn.Key != n.ID || !dn.HasPosition || dn.Node.Extra["csv:id"] != n.ID {
			t.Errorf("node %d: key %q, position %v, id %q", i, dn.Key, dn.HasPosition, dn.Node.Extra["csv:id"])
		}
		got := dn.Node
		got.Extra = withoutKey(got.Extra, "csv:id")
		if want := roundNode(n); !reflect.DeepEqual(got, want) {
			t.Errorf("node %d:\n got %#v\nwant %#v", i, got, want)
		}
	}
	for i, tie := range net.Ties {
		dt := d.Ties[i]
		got := dt.Tie
		got.Extra = withoutKey(got.Extra, "csv:id")
		want := pln.Tie{Relation: tie.Relation, Directed: tie.Directed, Strength: tie.Strength, Note: tie.Note, Extra: tie.Extra}
		if dt.From != tie.From || dt.To != tie.To || !reflect.DeepEqual(got, want) || dt.Tie.Extra["csv:id"] != tie.ID {
			t.Errorf("tie %d:\n got %s → %s %#v\nwant %#v", i, dt.From, dt.To, dt.Tie, want)
		}
	}

	// A fixture through Plexus and back: the same nodes, ties and extras.
	first := csvParseFiles(t, csvFixture(t, "kumu_elements.csv"), csvFixture(t, "kumu_connections.csv"))
	first.Ties = first.Ties[:5] // the sixth names no node
	files, err = csvFormat{}.Export(docToNetwork(first))
	if err != nil {
		t.Fatal(err)
	}
	second := csvParseFiles(t, files...)
	if len(second.Nodes) != 6 || len(second.Ties) != 5 {
		t.Fatalf("kumu again: %d nodes, %d ties", len(second.Nodes), len(second.Ties))
	}
	for i, a := range first.Nodes {
		an, bn := a.Node, second.Nodes[i].Node
		an.Extra, bn.Extra = withoutKey(an.Extra, "csv:id"), withoutKey(bn.Extra, "csv:id")
		bn.X, bn.Y = 0, 0
		if !reflect.DeepEqual(an, bn) {
			t.Errorf("kumu node %d:\n got %#v\nwant %#v", i, bn, an)
		}
	}
	for i, a := range first.Ties {
		at, bt := a.Tie, second.Ties[i].Tie
		bt.Extra = withoutKey(bt.Extra, "csv:id")
		if !reflect.DeepEqual(at, bt) {
			t.Errorf("kumu tie %d:\n got %#v\nwant %#v", i, bt, at)
		}
	}
}

// FuzzParseCSV: Parse never panics; a rejection is a *pln.Error with a
// message; what it accepts is a Doc whose nodes pass Normalize, and its
// export parses back to as many nodes and ties.
func FuzzParseCSV(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join("testdata", "csv", "*.csv"))
	seedFiles(f, names, func(data []byte) []byte {
		if lines := bytes.SplitAfter(data, []byte("\n")); len(lines) > 30 {
			data = bytes.Join(lines[:30], nil)
		}
		return data
	}, true)
	for _, s := range []string{"", "Id,Label\n", "a;b\n\"1;2\n", "size,path\n,a..b\n3,/\n", "From\tTo\nx\tx\n", "id,label,extra\n1,a,\"{\"\"k\"\":[1]}\"\n",
		"Id,Label,Tags\n1,A,go|\u2062erlin|e\u0301t\u00e9|\x01\u200bx\n"} { // CI's find: a Cf character at a tag's start

		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := csvFormat{}.Parse([]File{{Name: "fuzz.csv", Data: data}})
		if err != nil {
			if pe := pln.AsError(err); pe.Code == pln.CodeInternal || pe.Message == "" {
				t.Fatalf("bad error: %#v", err)
			}
			return
		}
		csvCheckDoc(t, d)
		net := docToNetwork(d)
		ties := net.Ties[:0]
		for _, tie := range net.Ties {
			if tie.From != "" && tie.To != "" {
				ties = append(ties, tie)
			}
		}
		net.Ties = ties
		if len(net.Nodes) == 0 {
			return
		}
		files, err := csvFormat{}.Export(net)
		if err != nil {
			t.Fatal(err)
		}
		again, err := csvFormat{}.Parse(files)
		if err != nil {
			t.Fatalf("export does not parse: %v\n%s", err, files[0].Data)
		}
		if len(again.Nodes) != len(d.Nodes) || len(again.Ties) != len(net.Ties) {
			t.Fatalf("%d nodes, %d ties after export, want %d, %d", len(again.Nodes), len(again.Ties), len(d.Nodes), len(net.Ties))
		}
	})
}

// TestCSVWorstInputs: the worst inputs within MaxImportBytes
// (csvWorstInputs) are read; how long they take is BenchmarkWorstInputs's.
func TestCSVWorstInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	for name, data := range csvWorstInputs() {
		d, err := csvFormat{}.Parse([]File{{Name: name + ".csv", Data: data}})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(d.Nodes) == 0 {
			t.Errorf("%s: no nodes from %d bytes", name, len(data))
		}
	}
}
