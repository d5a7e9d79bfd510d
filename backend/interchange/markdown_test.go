package interchange

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
)

// mdFixtures are the fixture files, with the collection's prefixes
// ("kepano_", "dataview_") kept (prefixed) or stripped.
func mdFixtures(t testing.TB, prefixed bool) []File {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "markdown", "*.md"))
	if err != nil || len(paths) != 4 {
		t.Fatalf("fixtures: %v, %v", paths, err)
	}
	var out []File
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(p)
		if !prefixed {
			name = strings.TrimPrefix(strings.TrimPrefix(name, "kepano_"), "dataview_")
		}
		out = append(out, File{Name: name, Data: b})
	}
	return out
}

func parseMD(t testing.TB, files []File) *Doc {
	t.Helper()
	for _, f := range files {
		if fm, err := DetectFormat(f); err != nil || fm.Name() != FormatMarkdown {
			t.Fatalf("%s detected as %v, %v", f.Name, fm, err)
		}
	}
	d, err := ParseFiles(files)
	if err != nil {
		t.Fatalf("ParseFiles: %v", err)
	}
	if d.Format != FormatMarkdown {
		t.Fatalf("format %q", d.Format)
	}
	checkMDDoc(t, d)
	return d
}

// checkMDDoc is checkDoc, but a tie of the Ties section may name a note
// that is not in the vault (the service resolves it).
func checkMDDoc(t testing.TB, d *Doc) {
	t.Helper()
	keys := map[string]bool{}
	for _, n := range d.Nodes {
		keys[n.Key] = true
	}
	inner := *d
	inner.Ties = nil
	for _, dt := range d.Ties {
		if keys[dt.From] && keys[dt.To] {
			inner.Ties = append(inner.Ties, dt)
		}
	}
	checkDoc(t, &inner)
	for _, de := range d.Entries {
		f := pln.EntryFields{OccurredAt: de.Entry.OccurredAt, Body: de.Entry.Body, Tags: de.Entry.Tags, Type: de.Entry.Type}
		if err := f.Normalize(); err != nil || de.Where == "" {
			t.Fatalf("entry %q: %v (where %q)", de.Where, err, de.Where)
		}
	}
}

func mdEntry(t testing.TB, d *Doc, where string) DocEntry {
	t.Helper()
	for _, e := range d.Entries {
		if e.Where == where {
			return e
		}
	}
	t.Fatalf("no entry %q in %+v", where, d.Entries)
	return DocEntry{}
}

func TestMarkdownFixtures(t *testing.T) {
	d := parseMD(t, mdFixtures(t, false))
	if len(d.Nodes) != 2 || len(d.Entries) != 2 || len(d.Ties) != 0 {
		t.Fatalf("%d nodes, %d entries, %d ties; want 2, 2, 0", len(d.Nodes), len(d.Entries), len(d.Ties))
	}
	steph := nodeByKey(t, d, "Steph Ango")
	wantExtras := map[string]string{
		"markdown:id":         "Steph Ango",
		"markdown:categories": `["[[People]]"]`,
		"markdown:type":       `["[[Authors]]"]`,
		"markdown:org":        `["[[Obsidian]]"]`,
		"markdown:created":    "2023-09-12",
		"markdown:twitter":    "kepano",
	}
	n := steph.Node
	if n.Label != "Steph Ango" || n.Kind != pln.KindPerson || n.URL != "https://stephango.com/" || steph.HasPosition || steph.Where != "Steph Ango.md" {
		t.Errorf("Steph Ango = %+v", steph)
	}
	if !reflect.DeepEqual(n.Extra, wantExtras) {
		t.Errorf("Steph Ango extras = %v", n.Extra)
	}
	if n.Description != "## Clippings\n\n![[Clippings.base#Author]]\n\n## Meetings\n\n![[Meetings.base#Person]]" {
		t.Errorf("description %q", n.Description)
	}
	kk := nodeByKey(t, d, "Well Made 145 Kevin Kelly").Node
	wantKK := map[string]string{
		"markdown:id":         "Well Made 145 Kevin Kelly",
		"markdown:categories": `["[[Podcast episodes]]"]`,
		"markdown:show":       "[[Well Made]]",
		"markdown:guests":     `["[[Kevin Kelly]]"]`,
		"markdown:topics":     "[]",
		"markdown:episode":    "145",
		"markdown:rating":     "7",
		"markdown:published":  "2021-04-15",
		"markdown:last":       "2023-09-12",
	}
	if kk.Label != "Well Made 145 Kevin Kelly" || kk.Kind != "" || kk.Description != "" || !reflect.DeepEqual(kk.Extra, wantKK) {
		t.Errorf("Well Made = %+v", kk)
	}

	meet := mdEntry(t, d, "2023-09-12 Meeting with Steph.md")
	if !meet.Entry.OccurredAt.Equal(time.Date(2023, 9, 12, 12, 0, 0, 0, time.UTC)) || meet.Entry.Type != "" {
		t.Errorf("meeting %+v", meet.Entry)
	}
	if meet.Entry.Body != "# Meeting with Steph\n\n- Discussed the book [[Out of Control]] on the topic of [[Emergence]]" {
		t.Errorf("meeting body %q", meet.Entry.Body)
	}
	// Front matter links first (categories, org, people, topics), then the body's.
	if want := []string{"Meetings", "Obsidian", "Steph Ango", "Emergence", "Out of Control"}; !slices.Equal(meet.NodeKeys, want) {
		t.Errorf("meeting links %q, want %q", meet.NodeKeys, want)
	}
	post := mdEntry(t, d, "2020-08-08-an-earlier-post.md")
	if !post.Entry.OccurredAt.Equal(time.Date(2020, 8, 8, 12, 0, 0, 0, time.UTC)) || len(post.NodeKeys) != 0 ||
		!strings.HasPrefix(post.Entry.Body, "# A Blog Post in 2020\n\n`= this.start_date`") {
		t.Errorf("post %+v", post)
	}
	// The meeting's "loc" and the post's dates have no place in an entry.
	wantWarnings(t, d, "loc have no place in a journal entry", 1)
	wantWarnings(t, d, "draft, start_date, end_date, another_date, fourth_date have no place", 1)
	if len(d.Warnings) != 2 {
		t.Errorf("warnings %v", d.Warnings)
	}
}

func TestMarkdownFixturesPrefixed(t *testing.T) {
	d := parseMD(t, mdFixtures(t, true))
	// Without a leading date the two dated notes are ordinary notes.
	if len(d.Nodes) != 4 || len(d.Entries) != 0 {
		t.Fatalf("%d nodes, %d entries; want 4, 0", len(d.Nodes), len(d.Entries))
	}
	meet := nodeByKey(t, d, "kepano_2023-09-12 Meeting with Steph").Node
	if meet.Extra["markdown:people"] != `["[[Steph Ango]]"]` || meet.Extra["markdown:date"] != "2023-09-12" || len(d.Ties) != 0 {
		t.Errorf("meeting %+v, ties %v", meet, d.Ties)
	}
	// Its body's links name notes that are not in the vault: one warning each.
	wantWarnings(t, d, "[[Out of Control]] links to a note that is not in the vault", 1)
	wantWarnings(t, d, "[[Emergence]] links to a note that is not in the vault", 1)
	nodeByKey(t, d, "kepano_Steph Ango")
	nodeByKey(t, d, "dataview_2020-08-08-an-earlier-post")
}

// mdZip builds a zip of the given entries (name → content), deflated.
func mdZip(t testing.TB, entries [][2]string) []byte { return zipOf(t, entries, zip.Deflate) }

// storedZip is mdZip without compression (a deflate writer per entry makes
// 20,000 entries take a minute under the race detector).
func storedZip(t testing.TB, entries [][2]string) []byte { return zipOf(t, entries, zip.Store) }

func zipOf(t testing.TB, entries [][2]string, method uint16) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e[0], Method: method})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(e[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestMarkdownZipVault(t *testing.T) {
	data := mdZip(t, [][2]string{
		{"vault/", ""},
		{"vault/People/Ada Lovelace.md", "---\ntype: person\ntags: math, engines\nemail: ada@example.org\ncompany: Analytical Engines\n---\nWorks with [[babbage|Charles]] and [[Ada Lovelace]] (herself); see [[Notes/Engines#Design]].\n\n```\n[[Not A Link]]\n```\n`[[nor this]]`\n"},
		{"vault/People/Charles Babbage.md", "---\nkind: Person\naliases: [Babbage]\nx: 10.5\ny: -3\npinned: true\n---\n# Charles\n\nKnows [[ada lovelace]].\n"},
		{"vault/Notes/Engines.md", "# Engines\n\nNo front matter. [[Missing Note]] and ![[diagram.png]].\n"},
		{"vault/Journal/2024-01-05.md", "---\ntype: interaction\ntags: [meeting]\ndate: 2024-01-05T09:30:00+01:00\n---\nMet [[Charles Babbage]] and [[Nobody]].\n"},
		{"vault/.obsidian/workspace.md", "# hidden"},
		{"vault/.obsidian/app.json", "{}"},
		{"__MACOSX/vault/._Ada Lovelace.md", "\x00\x05binary"},
		{"vault/diagram.png", "\x89PNG"},
	})
	d := parseMD(t, []File{{Name: "vault.zip", Data: data}})
	if len(d.Nodes) != 3 || len(d.Entries) != 1 {
		t.Fatalf("%d nodes, %d entries: %+v", len(d.Nodes), len(d.Entries), d.Nodes)
	}
	ada := nodeByKey(t, d, "Ada Lovelace")
	if ada.Where != "vault.zip: vault/People/Ada Lovelace.md" || ada.Node.Kind != pln.KindPerson || !slices.Equal(ada.Node.Tags, []string{"math", "engines"}) ||
		!slices.Equal(ada.Node.Emails, []string{"ada@example.org"}) || ada.Node.Organisation != "Analytical Engines" {
		t.Errorf("Ada = %+v", ada)
	}
	ch := nodeByKey(t, d, "Charles Babbage")
	if ch.Node.Kind != pln.KindPerson || !ch.HasPosition || ch.Node.X != 10.5 || ch.Node.Y != -3 || !ch.Node.Pinned || ch.Node.Description != "# Charles\n\nKnows [[ada lovelace]].\n" ||
		ch.Node.Extra["markdown:aliases"] != `["Babbage"]` {
		t.Errorf("Charles = %+v", ch)
	}
	var ties []string
	for _, dt := range d.Ties {
		ties = append(ties, fmt.Sprintf("%s→%s %s %v", dt.From, dt.To, dt.Tie.Relation, dt.Tie.Directed))
	}
	want := []string{"Ada Lovelace→Charles Babbage links to true", "Ada Lovelace→Engines links to true", "Charles Babbage→Ada Lovelace links to true"}
	if !slices.Equal(ties, want) {
		t.Errorf("ties %q, want %q", ties, want)
	}
	wantWarnings(t, d, "[[Missing Note]] links to a note that is not in the vault", 1)
	wantWarnings(t, d, "Not A Link", 0)
	wantWarnings(t, d, "4 files in the archive are not Markdown notes", 1)
	e := d.Entries[0]
	if e.Entry.Type != pln.EntryInteraction || !slices.Equal(e.Entry.Tags, []string{"meeting"}) ||
		!e.Entry.OccurredAt.Equal(time.Date(2024, 1, 5, 8, 30, 0, 0, time.UTC)) || !slices.Equal(e.NodeKeys, []string{"Charles Babbage", "Nobody"}) ||
		e.Entry.Body != "Met [[Charles Babbage]] and [[Nobody]].\n" {
		t.Errorf("entry %+v", e)
	}
}

// lyingZipBomb: zipBomb's 40 MiB of zeros, compressed, under a header that declares 10 bytes.
func lyingZipBomb(t *testing.T) []byte {
	t.Helper()
	var comp bytes.Buffer
	fw, err := flate.NewWriter(&comp, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	zero := make([]byte, 1<<20)
	crc := crc32.NewIEEE()
	for range 40 {
		_, _ = fw.Write(zero)
		_, _ = crc.Write(zero)
	}
	_ = fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "bomb.md", Method: zip.Deflate, CRC32: crc.Sum32(), CompressedSize64: uint64(comp.Len()), UncompressedSize64: 10})
	if err != nil {
		t.Fatal(err)
	}
	_, _ = w.Write(comp.Bytes())
	_ = zw.Close()
	return buf.Bytes()
}

func TestMarkdownZipRefused(t *testing.T) {
	f, _ := Lookup(FormatMarkdown)
	imp := f.(Importer)
	for _, name := range []string{"../evil.md", "vault/../../evil.md", "/etc/evil.md", "C:/evil.md", "vault\\..\\evil.md"} {
		data := mdZip(t, [][2]string{{"vault/ok.md", "# ok"}, {name, "# evil"}})
		_, err := imp.Parse([]File{{Name: "v.zip", Data: data}})
		if pln.CodeOf(err) != pln.CodeInvalid || !strings.Contains(err.Error(), "outside its folder") {
			t.Errorf("%s: %v", name, err)
		}
	}
	// A zip bomb: 40 MiB of zeros in a few KiB, stopped at the limit
	// (BenchmarkWorstInputs/Markdown_zipBomb says how soon).
	bomb := zipBomb(t)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := imp.Parse([]File{{Name: "bomb.zip", Data: bomb}})
	runtime.ReadMemStats(&after)
	if pln.CodeOf(err) != pln.CodeTooLarge || !strings.HasPrefix(pln.AsError(err).Message, "bomb.zip: ") {
		t.Errorf("bomb: %v", err)
	}
	// Its header says 40 MiB: refused unread (it allocated 134 MB before).
	if got := after.TotalAlloc - before.TotalAlloc; got > 4<<20 {
		t.Errorf("the bomb allocated %d bytes", got)
	}
	// The same bomb with a header that claims 10 bytes: refused too.
	if _, err := imp.Parse([]File{{Name: "liar.zip", Data: lyingZipBomb(t)}}); err == nil || pln.CodeOf(err) == pln.CodeInternal {
		t.Errorf("lying bomb: %v", err)
	}
	// Too many entries.
	var many [][2]string
	for i := range MaxZipEntries + 1 {
		many = append(many, [2]string{fmt.Sprintf("n%d.txt", i), ""})
	}
	if _, err := imp.Parse([]File{{Name: "many.zip", Data: storedZip(t, many)}}); pln.CodeOf(err) != pln.CodeTooLarge {
		t.Errorf("many: %v", err)
	}
	// A damaged zip.
	data := mdZip(t, [][2]string{{"a.md", "# a"}})
	if _, err := imp.Parse([]File{{Name: "cut.zip", Data: data[:len(data)/2]}}); pln.CodeOf(err) != pln.CodeInvalid {
		t.Errorf("cut: %v", err)
	}
}

func TestMarkdownDanglingAndBadValues(t *testing.T) {
	d := parseMD(t, []File{
		{Name: "A.md", Data: []byte("---\nkind: organisation\nstrength: 9\nmode: sometimes\nemails: [not-an-email]\n---\nSee [[B]], [[Gone]] and [[gone|again]].\n")},
		{Name: "B.md", Data: []byte("# B\n\n[[Gone]]\n")},
		{Name: "Bad.md", Data: []byte("---\nkey: [unclosed\n---\nbody\n")},
	})
	if len(d.Nodes) != 2 || len(d.Ties) != 1 || d.Ties[0].From != "A" || d.Ties[0].To != "B" {
		t.Fatalf("nodes %+v ties %+v", d.Nodes, d.Ties)
	}
	wantWarnings(t, d, "[[Gone]] links to a note that is not in the vault", 1)
	a := nodeByKey(t, d, "A").Node
	if a.Kind != pln.KindOrganisation || a.Strength != 0 || a.Mode != "" || a.Extra["markdown:strength"] != "9" || a.Extra["markdown:emails"] != `["not-an-email"]` {
		t.Errorf("A = %+v", a)
	}
	wantWarnings(t, d, "strength, mode, emails are not valid Plexus values", 1)
	ws := wantWarnings(t, d, "Bad.md: the front matter is not valid YAML (line 2:", 1)
	if len(ws) == 1 && !ws[0].Skipped {
		t.Errorf("bad note not skipped: %v", ws)
	}
}

// mdGenNetwork is a network with every field set, ties of every shape and
// journal entries; labels that are not file names and that clash.
func mdGenNetwork() *Network {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	ego := pln.Node{ID: pln.NewID(), Ego: true, Label: "Me: the ego", Kind: pln.KindPerson, Description: "The ego.", Tags: []string{"self"}, CreatedAt: now}
	net := &Network{Nodes: []pln.Node{ego}}
	labels := []string{"Ada Lovelace", "Smith & Sons / Partners", "O'Brien: \"quoted\" #1", "smith & sons - partners", "2024-01-01 dated name", "[[odd]] | pipe", ".hidden", "李 Émile"}
	for i, label := range labels {
		k := pln.Kinds[i%len(pln.Kinds)]
		n := pln.Node{
			ID: pln.NewID(), Label: label, Kind: k,
			Description: fmt.Sprintf("Line *%d*.\n\nSecond <paragraph> & \"quotes\".", i),
			URL:         fmt.Sprintf("https://example.org/%d?a=1&b=2", i),
			Tags:        []string{"tag" + fmt.Sprint(i), "shared tag"},
			Relation:    pln.Relations[i%len(pln.Relations)], Strength: 1 + i%5,
			Role: pln.Roles[i%len(pln.Roles)], Contexts: []string{"work", "my context"},
			Mode: pln.Modes[i%len(pln.Modes)], Status: pln.Statuses[i%len(pln.Statuses)], Cadence: 7 + i,
			X: float64(i*100) + 0.25, Y: -float64(i) - 0.5, Pinned: i%2 == 0,
			Extra: map[string]string{"custom:field": fmt.Sprintf("value %d", i), "markdown:show": "[[Well Made]]", "markdown:rating": "7",
				"markdown:guests": `["[[Kevin Kelly]]",{"a":[1,true,null,2.5]}]`, "markdown:topics": "[]", "markdown:kind": "not a kind",
				"markdown:multi": "line one\nline two\n", "markdown:spaced": "[1, 2]", "gexf:id": "n" + fmt.Sprint(i)},
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
			n.Relation, n.Strength, n.Description, n.Extra = "", 0, "", nil
		}
		net.Nodes = append(net.Nodes, n)
	}
	a := net.Nodes
	net.Ties = []pln.Tie{
		{ID: pln.NewID(), From: a[1].ID, To: a[2].ID, Relation: pln.RelWorksWith, Directed: false, Strength: 4, Note: "note with \"quotes\"\nand a line"},
		{ID: pln.NewID(), From: a[3].ID, To: a[2].ID, Relation: "custom relation", Directed: true, Strength: 1, Note: `"starts quoted"`},
		{ID: pln.NewID(), From: a[4].ID, To: a[5].ID, Relation: pln.RelKnows, Directed: true, Strength: 3, Note: "plain note: with a colon (and parens)"},
		{ID: pln.NewID(), From: a[6].ID, To: a[7].ID, Relation: relLinksTo, Directed: false, Strength: 5},
		{ID: pln.NewID(), From: a[8].ID, To: a[1].ID, Relation: "learns from", Directed: true, Strength: 2},
	}
	net.Entries = []pln.Entry{
		{ID: pln.NewID(), OccurredAt: time.Date(2025, 3, 1, 10, 30, 0, 123000000, time.UTC), Body: "# Met Ada\n\nWe talked about [[engines]].", NodeIDs: []string{a[1].ID, a[2].ID}, Tags: []string{"journal", "met"}, Type: pln.EntryInteraction},
		{ID: pln.NewID(), OccurredAt: time.Date(2025, 3, 1, 18, 0, 0, 0, time.FixedZone("", 2*3600)), Body: "Met Ada again: a/b \"test\".", Type: pln.EntryReflection},
		{ID: pln.NewID(), OccurredAt: time.Date(2025, 3, 1, 19, 0, 0, 0, time.UTC), Body: "Met Ada again: a/b \"test\".", Type: pln.EntryMilestone, NodeIDs: []string{a[6].ID}},
		{ID: pln.NewID(), OccurredAt: time.Date(2024, 12, 31, 23, 0, 0, 0, time.UTC), Body: "", Type: pln.EntryResource},
	}
	return net
}

func TestMarkdownRoundTrip(t *testing.T) {
	net := mdGenNetwork()
	f, _ := Lookup(FormatMarkdown)
	ex := f.(Exporter)
	files, err := ex.Export(net)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := ex.Export(net)
	if !reflect.DeepEqual(files, again) {
		t.Fatal("export is not deterministic")
	}
	if len(files) != len(net.Nodes)+len(net.Entries) {
		t.Fatalf("%d files", len(files))
	}
	var names []string
	for _, fl := range files {
		names = append(names, fl.Name)
	}
	for _, want := range []string{"Me- the ego.md", "Smith & Sons - Partners.md", "smith & sons - partners (2).md", "O'Brien- -quoted- -1.md", "--odd-- - pipe.md", "hidden.md",
		"journal/2025-03-01 Met Ada.md", "journal/2025-03-01 Met Ada again- a-b -test-.md", "journal/2025-03-01 Met Ada again- a-b -test- (2).md", "journal/2024-12-31 entry.md"} {
		if !slices.Contains(names, want) {
			t.Errorf("no file %q in %q", want, names)
		}
	}
	d := parseMD(t, files)
	if len(d.Warnings) != 0 {
		t.Errorf("warnings: %v", d.Warnings)
	}
	if len(d.Nodes) != len(net.Nodes) || len(d.Ties) != len(net.Ties) || len(d.Entries) != len(net.Entries) {
		t.Fatalf("%d nodes, %d ties, %d entries", len(d.Nodes), len(d.Ties), len(d.Entries))
	}
	for i, n := range net.Nodes {
		dn := d.Nodes[i]
		if dn.Key != n.ID || !dn.HasPosition || dn.Node.Extra["markdown:id"] != strings.TrimSuffix(files[i].Name, ".md") {
			t.Errorf("node %d: key %q, position %v, extra %v", i, dn.Key, dn.HasPosition, dn.Node.Extra)
		}
		got := dn.Node
		got.Extra = withoutKey(got.Extra, "markdown:id")
		if want := roundNode(n); !reflect.DeepEqual(got, want) {
			t.Errorf("node %d:\n got %#v\nwant %#v", i, got, want)
		}
	}
	for i, tie := range net.Ties {
		dt := d.Ties[i]
		want := pln.Tie{Relation: tie.Relation, Directed: tie.Directed, Strength: tie.Strength, Note: tie.Note}
		if want.Strength == 3 {
			want.Strength = 0 // the default, not written
		}
		if dt.From != tie.From || dt.To != tie.To || !reflect.DeepEqual(dt.Tie, want) {
			t.Errorf("tie %d:\n got %s → %s %#v\nwant %#v", i, dt.From, dt.To, dt.Tie, want)
		}
	}
	for i, e := range net.Entries {
		de := d.Entries[i]
		if !de.Entry.OccurredAt.Equal(e.OccurredAt) || de.Entry.Body != e.Body || !slices.Equal(de.Entry.Tags, e.Tags) || de.Entry.Type != e.Type ||
			!slices.Equal(de.NodeKeys, e.NodeIDs) {
			t.Errorf("entry %d:\n got %+v %q\nwant %+v", i, de.Entry, de.NodeKeys, e)
		}
	}
	// As Obsidian sees it: front matter properties and wikilinks.
	for i, wants := range map[int][]string{
		2: {"title: Smith & Sons / Partners\n", "show: '[[Well Made]]'\n", "rating: \"7\"\n", "topics: []\n", "plexus:extra:\n",
			"  custom:field: value 1\n", "  markdown:kind: not a kind\n", "multi: |\n  line one\n  line two\n", "spaced: '[1, 2]'\n",
			"\n\n## Ties\n\n- works with [[Ada Lovelace]] (mutual, strength 4): \"note with \\\"quotes\\\"\\nand a line\"\n"},
		3: {"- custom relation [[Smith & Sons - Partners|Smith & Sons / Partners]] (strength 1): \"\\\"starts quoted\\\"\"\n"},
		4: {"- knows [[2024-01-01 dated name]]: plain note: with a colon (and parens)\n"},
		7: {"title: .hidden\n", "- links to [[--odd-- - pipe]] (mutual, strength 5)\n"},
		6: {"title: '[[odd]] | pipe'\n", "- links to [[hidden|.hidden]] (mutual, strength 5)\n"},
		8: {"- learns from [[Ada Lovelace]] (strength 2)\n"},
		0: {"ego: true\n", "title: 'Me: the ego'\n"},
		9: {"date: 2025-03-01T10:30:00.123Z\n", "type: interaction\n", "nodes:\n  - '[[Ada Lovelace]]'\n  - '[[Smith & Sons - Partners]]'\n", "---\n# Met Ada\n\nWe talked"},
	} {
		for _, want := range wants {
			if !strings.Contains(string(files[i].Data), want) {
				t.Errorf("no %q in %s:\n%s", want, files[i].Name, files[i].Data)
			}
		}
	}
}

// The fixtures, imported, exported and imported again, keep their nodes,
// properties and entries.
func TestMarkdownFixtureRoundTrip(t *testing.T) {
	d := parseMD(t, mdFixtures(t, false))
	net := &Network{}
	ids := map[string]string{}
	for _, dn := range d.Nodes {
		n := dn.Node
		n.ID = pln.NewID()
		ids[dn.Key] = n.ID
		net.Nodes = append(net.Nodes, n)
	}
	for _, de := range d.Entries {
		e := de.Entry
		e.ID = pln.NewID()
		for _, k := range de.NodeKeys {
			if id, ok := ids[k]; ok {
				e.NodeIDs = append(e.NodeIDs, id)
			}
		}
		net.Entries = append(net.Entries, e)
	}
	f, _ := Lookup(FormatMarkdown)
	files, err := f.(Exporter).Export(net)
	if err != nil {
		t.Fatal(err)
	}
	d2 := parseMD(t, files)
	for i, dn := range d.Nodes {
		if got := d2.Nodes[i].Node; got.Label != dn.Node.Label || !reflect.DeepEqual(got.Extra, dn.Node.Extra) || got.Description != dn.Node.Description {
			t.Errorf("node %d:\n got %+v\nwant %+v", i, got, dn.Node)
		}
	}
	for i, de := range d.Entries {
		if got := d2.Entries[i].Entry; got.Body != de.Entry.Body || !got.OccurredAt.Equal(de.Entry.OccurredAt) {
			t.Errorf("entry %d:\n got %+v\nwant %+v", i, got, de.Entry)
		}
	}
}

func TestMarkdownSniff(t *testing.T) {
	for _, c := range []struct {
		text string
		want int
	}{
		{"---\ntitle: x\ntags:\n  - a\n---\nbody", SniffLikely},
		{"---\nplexus:extra:\n  a: b\n---\n", SniffLikely},
		{"---\nnot front matter\n---\n", SniffNo},
		{"# A heading\n\ntext", SniffMaybe},
		{"Some [[Link]] here", SniffMaybe},
		{"[[Link]] first", SniffMaybe},
		{"[[1,2],[3,4]]", SniffNo},
		{`{"a": "[[x]]"}`, SniffNo},
		{"plain text", SniffNo},
		{"#hashtag only", SniffNo},
	} {
		if got := (markdownFormat{}).Sniff(NewProbe("x", []byte(c.text))); got != c.want {
			t.Errorf("Sniff(%q) = %d, want %d", c.text, got, c.want)
		}
	}
	if got := (markdownFormat{}).Sniff(NewProbe("v.zip", mdZip(t, [][2]string{{"a.txt", ""}, {"b/c.MD", "x"}}))); got != SniffSure {
		t.Errorf("zip with a note: %d", got)
	}
	if got := (markdownFormat{}).Sniff(NewProbe("v.zip", mdZip(t, [][2]string{{"a.txt", ""}}))); got != SniffNo {
		t.Errorf("zip without a note: %d", got)
	}
}

func FuzzParseMarkdown(f *testing.F) {
	for _, fl := range mdFixtures(f, false) {
		f.Add(fl.Data)
	}
	files, _ := (markdownFormat{}).Export(mdGenNetwork())
	for _, fl := range files[:3] {
		f.Add(fl.Data)
	}
	f.Add([]byte("---\na: &x [*x]\n---\n"))
	f.Add([]byte("---\na: &a [1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c]\n---\n"))
	f.Add(mdZip(f, [][2]string{{"a.md", "[[b]]"}, {"b.md", "## Ties\n\n- knows [[a]] (mutual)"}}))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := (markdownFormat{}).Parse([]File{{Name: "a.md", Data: data}, {Name: "b/2024-01-01 x.md", Data: data}})
		if err != nil {
			if pe := pln.AsError(err); pe.Code == pln.CodeInternal || pe.Message == "" {
				t.Fatalf("error %v", err)
			}
			return
		}
		checkMDDoc(t, d)
	})
}
