package service

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
)

func (e *env) searchIDs(q string) string {
	e.t.Helper()
	res, err := e.svc.Search.Search(q, SearchFilters{})
	if err != nil {
		e.t.Fatalf("Search(%q): %v", q, err)
	}
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Kind+":"+h.Title)
	}
	return strings.Join(out, ",")
}

func entryFields(body string) pln.EntryFields {
	return pln.EntryFields{OccurredAt: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC), Body: body, Type: pln.EntryReflection}
}

func TestSearchFollowsWritesUndoAndDelete(t *testing.T) {
	e := newEnv(t)
	if got := e.searchIDs("learning"); got != "" {
		t.Fatalf("empty folder: %q", got)
	}
	en := must[pln.Entry](t)(e.svc.Journal.CreateEntry(entryFields("I learned about graphs")))
	if got := e.searchIDs("learning"); got != "entry:2026-03-02" {
		t.Fatalf("after a write: %q", got)
	}
	must[pln.HistoryStep](t)(e.svc.History.Undo())
	if got := e.searchIDs("learning"); got != "" {
		t.Fatalf("after undo: %q", got)
	}
	must[pln.HistoryStep](t)(e.svc.History.Redo())
	if got := e.searchIDs("learning"); got != "entry:2026-03-02" {
		t.Fatalf("after redo: %q", got)
	}
	noErr(t, e.svc.Journal.DeleteEntry(en.ID))
	if got := e.searchIDs("learning"); got != "" {
		t.Fatalf("after delete: %q", got)
	}
	must[pln.Node](t)(e.svc.Network.CreateNode(person("Ada Lovelace"), 1, 1))
	if got := e.searchIDs("lovelace"); got != "node:Ada Lovelace" {
		t.Fatalf("a new node: %q", got)
	}
	_, err := e.svc.Search.Search(`"unbalanced`, SearchFilters{})
	wantCode(t, err, pln.CodeInvalid)
	_, err = e.svc.Search.Search("x", SearchFilters{From: "March"})
	wantCode(t, err, pln.CodeInvalid)
}

func TestSearchIndexRebuiltWhenStaleOrCorrupt(t *testing.T) {
	e := newEnv(t)
	must[pln.Entry](t)(e.svc.Journal.CreateEntry(entryFields("Notes on stemming")))
	if got := e.searchIDs("stemmed"); got != "entry:2026-03-02" {
		t.Fatalf("%q", got)
	}
	e.svc.Close(time.Second)
	// A write the index never saw (another process without the index).
	e = e.reopen()
	must[pln.Entry](t)(e.svc.Journal.CreateEntry(entryFields("Offline walking")))
	e.svc.Close(time.Second)
	e = e.reopen()
	if got := e.searchIDs("walked"); got != "entry:2026-03-02" {
		t.Fatalf("a stale index is rebuilt: %q", got)
	}
	e.svc.Close(time.Second)
	// Damage the index files.
	dir := filepath.Join(e.dir, SearchDir)
	noErr(t, filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			return os.WriteFile(p, []byte("garbage"), 0o600)
		}
		return err
	}))
	e = e.reopen()
	if got := e.searchIDs("stemming walking"); got != "" {
		t.Fatalf("%q", got)
	}
	if got := e.searchIDs("walking"); got != "entry:2026-03-02" {
		t.Fatalf("a corrupt index is rebuilt: %q", got)
	}
	e.svc.Close(time.Second)
}

func TestSearchFailedUpdateRebuilds(t *testing.T) {
	e := newEnv(t)
	e.svc.Search.Start()
	testSearchFault = func() error { return errors.New("disk trouble") }
	must[pln.Entry](t)(e.svc.Journal.CreateEntry(entryFields("Resilient indexing")))
	testSearchFault = nil
	if got := e.searchIDs("resilient"); got != "entry:2026-03-02" {
		t.Fatalf("a failed update is repaired by a rebuild: %q", got)
	}
	e.svc.Close(time.Second)
}
