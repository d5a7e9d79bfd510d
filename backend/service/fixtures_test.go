package service

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/interchange"
	"github.com/plexus-pln/plexus/backend/pln"
)

// TestImportEverySampleFile imports every real-world sample file (and the
// pairs and vaults that are one import) through the whole service into an
// empty data folder, with the counts the network then holds.
func TestImportEverySampleFile(t *testing.T) {
	td := filepath.Join("..", "interchange", "testdata")
	read := func(t *testing.T, rel, as string) interchange.File {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(td, rel))
		noErr(t, err)
		if as == "" {
			as = filepath.Base(rel)
		}
		return interchange.File{Name: as, Data: data}
	}
	cases := []struct {
		name           string
		files          []string // testdata paths; "path=name" renames
		nodes, ties    int
		entries        int
		missing        int // tie ends found nowhere
		format         string
		label, another string // two labels the network must hold
	}{
		{"OPML NetNewsWire", []string{"opml/netnewswire_Subs.opml"}, 205, 0, 0, 0, "opml", "Daring Fireball", "Katie Floyd"},
		{"OPML NewsBlur", []string{"opml/newsblur.opml"}, 5, 0, 0, 0, "opml", "", ""},
		{"OPML plenary", []string{"opml/plenary_Iran.opml"}, 7, 0, 0, 0, "opml", "", ""},
		{"OPML miscapitalised", []string{"opml/listparser_xmlURL-miscapitalized.opml"}, 1, 0, 0, 0, "opml", "feedname", ""},
		{"GEXF primer", []string{"gexf/gexf_primer_1.3_simple.gexf"}, 2, 1, 0, 0, "gexf", "Hello", "Word"},
		{"GEXF graphology", []string{"gexf/graphology_basic.gexf"}, 2, 1, 0, 0, "gexf", "", ""},
		{"GEXF Gephi 0.8", []string{"gexf/sigma_moroccan-ediaspora.gexf"}, 156, 335, 0, 0, "gexf", "", ""}, // 397 edges, 62 pairs both ways
		{"JGF", []string{"json/jgf_usual_suspects.json"}, 2, 1, 0, 0, "jgf", "", ""},
		{"Cytoscape.js", []string{"json/cytoscape_compound_data.json"}, 28, 54, 0, 0, "cytoscape", "", ""},
		{"d3 node-link", []string{"json/d3_miserables_string_ids.json"}, 77, 254, 0, 0, "d3", "Myriel", "Valjean"},
		{"Gephi node and edge tables", []string{"csv/melaniewalsh_political_books_nodes.csv", "csv/melaniewalsh_political_books_edges.csv"}, 105, 441, 0, 0, "csv", "", ""},
		{"Kumu elements and connections", []string{"csv/kumu_elements.csv", "csv/kumu_connections.csv"}, 6, 5, 0, 1, "csv", "Ada Lovelace", ""},
		{"d3 hierarchy CSV", []string{"csv/forcegraph_d3-dependencies.csv"}, 463, 462, 0, 0, "csv", "", ""},
		{"vCard iPhone", []string{"vcard/ezvcard_John_Doe_IPHONE.vcf"}, 1, 0, 0, 0, "vcard", "", ""},
		{"vCard Outlook", []string{"vcard/ezvcard_John_Doe_MS_OUTLOOK.vcf"}, 1, 0, 0, 0, "vcard", "", ""},
		{"vCard RFC 6350", []string{"vcard/ezvcard_rfc6350-example.vcf"}, 1, 0, 0, 0, "vcard", "", ""},
		{"vCard UTF-16", []string{"vcard/folkerkinzel_v3Utf16Bom.vcf"}, 2, 0, 0, 0, "vcard", "", ""},
		{"vCard 4.0", []string{"vcard/folkerkinzel_v4.vcf"}, 2, 0, 0, 0, "vcard", "", ""},
		{"bookmarks IE11", []string{"bookmarks/ie11_nested.htm"}, 27, 0, 0, 0, "bookmarks", "", ""},
		{"bookmarks multiline", []string{"bookmarks/netscape_multiline.htm"}, 3, 0, 0, 0, "bookmarks", "", ""},
		{"Markdown vault", []string{"markdown/kepano_Steph Ango.md=vault/Steph Ango.md", "markdown/kepano_2023-09-12 Meeting with Steph.md=vault/2023-09-12 Meeting with Steph.md",
			"markdown/kepano_Well Made 145 Kevin Kelly.md=vault/Well Made 145 Kevin Kelly.md"}, 2, 0, 1, 4, "markdown", "Steph Ango", "Well Made 145 Kevin Kelly"},
		{"Markdown note", []string{"markdown/dataview_2020-08-08-an-earlier-post.md=2020-08-08-an-earlier-post.md"}, 0, 0, 1, 0, "markdown", "", ""},
		{"GraphML TinkerPop", []string{"graphml/tinkerpop_tinkerpop-modern.xml"}, 6, 6, 0, 0, "graphml", "marko", "lop"},
		{"GraphML yEd", []string{"graphml/flowtick_test.graphml"}, 6, 3, 0, 0, "graphml", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, ok := interchange.Lookup(c.format); !ok {
				t.Fatalf("no format %s", c.format)
			}
			e := newEnv(t)
			var files []interchange.File
			for _, f := range c.files {
				rel, as, _ := strings.Cut(f, "=")
				files = append(files, read(t, rel, as))
			}
			pv := must[pln.ImportPreview](t)(e.svc.Files.PreviewFiles(files))
			if !strings.HasPrefix(pv.Format, c.format) || len(pv.MissingEnds) != c.missing {
				t.Fatalf("preview: format %q, missing %v", pv.Format, pv.MissingEnds)
			}
			res := must[pln.ImportResult](t)(e.svc.Import.ApplyImport(pln.ImportChoices{PreviewID: pv.PreviewID, Kind: pln.KindPerson, SkipUnreadable: true}))
			nw := must[Network](t)(e.svc.Network.Network())
			page := must[EntryPage](t)(e.svc.Journal.ListEntries(EntryQuery{Limit: 500}))
			if res.Nodes != c.nodes || res.Ties != c.ties || res.Entries != c.entries || len(nw.Nodes) != c.nodes+1 || len(nw.Ties) != c.ties || len(page.Entries) != c.entries {
				t.Fatalf("imported %+v; the network holds %d nodes, %d ties, %d entries; want %d, %d, %d",
					res, len(nw.Nodes)-1, len(nw.Ties), len(page.Entries), c.nodes, c.ties, c.entries)
			}
			labels := map[string]pln.Node{}
			for _, n := range nw.Nodes {
				labels[n.Label] = n
			}
			for _, l := range []string{c.label, c.another} {
				if _, ok := labels[l]; l != "" && !ok {
					t.Errorf("no node %q", l)
				}
			}
			if c.name == "Markdown vault" {
				steph := labels["Steph Ango"]
				if len(page.Entries[0].NodeIDs) != 1 || page.Entries[0].NodeIDs[0] != steph.ID || page.Entries[0].OccurredAt.Format(time.DateOnly) != "2023-09-12" {
					t.Errorf("the meeting note: %+v (Steph is %s)", page.Entries[0], steph.ID)
				}
			}
			// One step: undo takes it all back.
			must[pln.HistoryStep](t)(e.svc.History.Undo())
			if nw := must[Network](t)(e.svc.Network.Network()); len(nw.Nodes) != 1 || len(nw.Ties) != 0 {
				t.Errorf("after undo: %d nodes, %d ties", len(nw.Nodes), len(nw.Ties))
			}
		})
	}
}
