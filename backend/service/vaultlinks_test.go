package service

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/interchange"
	"github.com/plexus-pln/plexus/backend/pln"
)

// The Markdown vault writes an entry's stored [[id|label]] links as
// wikilinks to the nodes' notes, and reading the vault back into an empty
// folder stores them by the new nodes' ids again (the same links); the
// link of a deleted node leaves as its last label, plain.
func TestMarkdownVaultWikilinksRoundTrip(t *testing.T) {
	a := newEnv(t)
	ana := must[pln.Node](t)(a.svc.Network.CreateNode(person("Ana Lima"), 0, 0))
	odd := must[pln.Node](t)(a.svc.Network.CreateNode(person("Vec<T> / x"), 0, 0))
	gone := must[pln.Node](t)(a.svc.Network.CreateNode(person("Gone"), 0, 0))
	when := time.Date(2026, 2, 14, 18, 30, 0, 0, time.UTC)
	body := "# Met\n\nmet [[" + ana.ID + "|Ana]] and [[" + odd.ID + "|Vec<T> / x]] and [[" + gone.ID + "|Gone]] #rust"
	must[pln.Entry](t)(a.svc.Journal.CreateEntry(pln.EntryFields{OccurredAt: when, Body: body}))
	noErr(t, a.svc.Network.DeleteNode(gone.ID))

	files := must[[]interchange.File](t)(a.svc.Files.Export(interchange.FormatMarkdown))
	var note string
	for _, f := range files {
		if strings.HasPrefix(f.Name, "journal/") {
			note = string(f.Data)
		}
	}
	for _, want := range []string{"met [[Ana Lima]] and [[Vec-T- - x|Vec<T> / x]] and Gone #rust", "nodes:\n  - '[[Ana Lima]]'\n  - '[[Vec-T- - x]]'\n"} {
		if !strings.Contains(note, want) {
			t.Fatalf("no %q in the exported note:\n%s", want, note)
		}
	}

	b := newEnv(t)
	pv := must[pln.ImportPreview](t)(b.svc.Files.PreviewFiles(files))
	must[pln.ImportResult](t)(b.svc.Import.ApplyImport(pln.ImportChoices{PreviewID: pv.PreviewID}))
	nb := must[Network](t)(b.svc.Network.Network())
	ids := map[string]string{}
	for _, n := range nb.Nodes {
		ids[n.Label] = n.ID
	}
	page := must[EntryPage](t)(b.svc.Journal.ListEntries(EntryQuery{}))
	if len(page.Entries) != 1 {
		t.Fatalf("%d entries", len(page.Entries))
	}
	got := page.Entries[0]
	want := "# Met\n\nmet [[" + ids["Ana Lima"] + "|Ana Lima]] and [[" + ids["Vec<T> / x"] + "|Vec<T> / x]] and Gone #rust"
	if got.Body != want {
		t.Fatalf("imported body\n got %q\nwant %q", got.Body, want)
	}
	if !slices.Equal(got.NodeIDs, []string{ids["Ana Lima"], ids["Vec<T> / x"]}) || !slices.Equal(got.Tags, []string{"rust"}) {
		t.Fatalf("imported links %v tags %v", got.NodeIDs, got.Tags)
	}
}
