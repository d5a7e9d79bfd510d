package service

import (
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/search"
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

// With a passphrase set the index is in memory only: the on-disk index
// (which holds the text in the clear) is removed, and searching and
// writing leave no plain text anywhere in the folder.
func TestSearchEncryptedFolderKeepsNothingOnDisk(t *testing.T) {
	dir := t.TempDir()
	f := openFolder(t, dir, nil)
	f.fill("before ")
	res := must[search.Result](t)(f.svc.Search.Search("ada", SearchFilters{}))
	if len(res.Hits) == 0 {
		t.Fatal("no hit in the plain folder")
	}
	if _, err := os.Stat(filepath.Join(dir, SearchDir)); err != nil {
		t.Fatalf("the plain folder keeps its index on disk: %v", err)
	}
	noErr(t, f.svc.Encryption.SetPassphrase(pass))
	if _, err := os.Stat(filepath.Join(dir, SearchDir)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the plain index is left after encrypting: %v", err)
	}
	must[pln.Entry](t)(f.svc.Journal.CreateEntry(pln.EntryFields{OccurredAt: time.Date(2026, 2, 2, 9, 0, 0, 0, time.UTC), Body: "secret " + marker}))
	res = must[search.Result](t)(f.svc.Search.Search("secret", SearchFilters{}))
	if len(res.Hits) != 1 || !f.svc.Search.Status().InMemory {
		t.Fatalf("in-memory search: %+v %+v", res, f.svc.Search.Status())
	}
	f.svc.Close(time.Second)
	if hits := markerFiles(t, dir); len(hits) > 0 {
		t.Fatalf("plain text on disk in %v", hits)
	}
	if _, err := os.Stat(filepath.Join(dir, SearchDir)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("an index folder appeared: %v", err)
	}
}

func TestSearchHTTP(t *testing.T) {
	e := newEnv(t)
	must[pln.Entry](t)(e.svc.Journal.CreateEntry(entryFields("Walking meetings <script>alert(1)</script>")))
	h := NewHandler(e.svc, nil)
	w := serve(t, h, http.MethodGet, "/api/search?q=walked&type=reflection", nil)
	if w.Code != http.StatusOK {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	var res search.Result
	noErr(t, json.Unmarshal(w.Body.Bytes(), &res))
	if len(res.Hits) != 1 || res.Hits[0].Snippet[0].Text != "Walking" || !res.Hits[0].Snippet[0].Mark {
		t.Fatalf("%s", w.Body)
	}
	w = serve(t, h, http.MethodGet, "/api/search?q=%22walk", nil)
	decodeError(t, w, http.StatusBadRequest, pln.CodeInvalid)
	e.svc.Close(time.Second)
}

func TestSearchGoalFilter(t *testing.T) {
	e := newEnv(t)
	ada := person("Ada")
	ada.Description = "Taught me graph learning"
	a := must[pln.Node](t)(e.svc.Network.CreateNode(ada, 1, 1))
	bob := person("Bob")
	bob.Description = "Learning Go together"
	b := must[pln.Node](t)(e.svc.Network.CreateNode(bob, 2, 2))
	withAda := entryFields("Learning sessions with Ada")
	withAda.NodeIDs = []string{a.ID}
	must[pln.Entry](t)(e.svc.Journal.CreateEntry(withAda))
	withBob := entryFields("Learning with Bob")
	withBob.NodeIDs = []string{b.ID}
	withBob.OccurredAt = withBob.OccurredAt.AddDate(0, 0, 1)
	must[pln.Entry](t)(e.svc.Journal.CreateEntry(withBob))
	must[pln.Entry](t)(e.svc.Journal.CreateEntry(entryFields("Learning alone")))
	g := must[GoalView](t)(e.svc.Goals.CreateGoal(pln.GoalFields{Title: "Graphs"}))
	must[GoalView](t)(e.svc.Goals.LinkNode(g.Goal.ID, a.ID))
	nobody := must[GoalView](t)(e.svc.Goals.CreateGoal(pln.GoalFields{Title: "Nobody"}))

	ids := func(f SearchFilters) string {
		t.Helper()
		res, err := e.svc.Search.Search("learned", f)
		if err != nil {
			t.Fatalf("Search(%+v): %v", f, err)
		}
		var out []string
		for _, h := range res.Hits {
			out = append(out, h.Kind+":"+h.Title)
		}
		slices.Sort(out)
		return strings.Join(out, ",")
	}
	if got := ids(SearchFilters{}); got != "entry:2026-03-02,entry:2026-03-02,entry:2026-03-03,node:Ada,node:Bob" {
		t.Fatalf("no filter: %q", got)
	}
	if got := ids(SearchFilters{GoalIDs: []string{g.Goal.ID}}); got != "entry:2026-03-02,node:Ada" {
		t.Fatalf("goal: %q", got)
	}
	// AND with the other filters.
	if got := ids(SearchFilters{GoalIDs: []string{g.Goal.ID}, Kinds: []string{search.KindEntry}}); got != "entry:2026-03-02" {
		t.Fatalf("goal and kind: %q", got)
	}
	if got := ids(SearchFilters{GoalIDs: []string{g.Goal.ID}, NodeIDs: []string{b.ID}}); got != "" {
		t.Fatalf("goal and another node: %q", got)
	}
	// OR across goals; a goal nobody helps with has no hits.
	if got := ids(SearchFilters{GoalIDs: []string{nobody.Goal.ID}}); got != "" {
		t.Fatalf("a goal with no helpers: %q", got)
	}
	must[GoalView](t)(e.svc.Goals.LinkNode(nobody.Goal.ID, b.ID))
	if got := ids(SearchFilters{GoalIDs: []string{g.Goal.ID, nobody.Goal.ID}}); got != "entry:2026-03-02,entry:2026-03-03,node:Ada,node:Bob" {
		t.Fatalf("two goals: %q", got)
	}
	_, err := e.svc.Search.Search("learned", SearchFilters{GoalIDs: []string{"0192f0c8-0000-7000-8000-000000000000"}})
	wantCode(t, err, pln.CodeNotFound)
	_, err = e.svc.Search.Search("learned", SearchFilters{GoalIDs: []string{"not an id"}})
	wantCode(t, err, pln.CodeInvalid)
	// An empty query stays invalid with a goal that nobody helps with.
	nobody2 := must[GoalView](t)(e.svc.Goals.CreateGoal(pln.GoalFields{Title: "Nobody either"}))
	_, err = e.svc.Search.Search("  ", SearchFilters{GoalIDs: []string{nobody2.Goal.ID}})
	wantCode(t, err, pln.CodeInvalid)

	h := NewHandler(e.svc, nil)
	w := serve(t, h, http.MethodGet, "/api/search?q=learned&kind=node&goal="+g.Goal.ID, nil)
	if w.Code != http.StatusOK {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	var res search.Result
	noErr(t, json.Unmarshal(w.Body.Bytes(), &res))
	if len(res.Hits) != 1 || res.Hits[0].ID != a.ID {
		t.Fatalf("HTTP goal filter: %s", w.Body)
	}
	e.svc.Close(time.Second)
}

// An entry's links are searched by the linked node's current label, never
// by its id; a rename re-indexes the entries that link the node, and the
// rebuild does the same (found by the newcomer test: "Augusta" found
// nothing after Ada Lovelace was renamed, a piece of her id found the entry).
func TestSearchEntryLinksByCurrentLabel(t *testing.T) {
	e := newEnv(t)
	ada := must[pln.Node](t)(e.svc.Network.CreateNode(person("Ada Lovelace"), 1, 1))
	must[pln.Entry](t)(e.svc.Journal.CreateEntry(entryFields("Paired with [[" + ada.ID + "|Ada Lovelace]] on the engine")))
	entries := func(q string) string {
		t.Helper()
		res, err := e.svc.Search.Search(q, SearchFilters{Kinds: []string{search.KindEntry}})
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		var out []string
		for _, h := range res.Hits {
			var b strings.Builder
			for _, s := range h.Snippet {
				b.WriteString(s.Text)
			}
			out = append(out, b.String())
		}
		return strings.Join(out, " | ")
	}
	if got := entries("lovelace"); got != "Paired with Ada Lovelace on the engine" {
		t.Fatalf("by the label: %q", got)
	}
	if got := entries(ada.ID[:8]); got != "" {
		t.Fatalf("a piece of the id found %q", got)
	}
	f := person("Augusta King")
	must[pln.Node](t)(e.svc.Network.UpdateNode(ada.ID, f))
	if got := entries("augusta"); got != "Paired with Augusta King on the engine" {
		t.Fatalf("after the rename: %q", got)
	}
	if got := entries("lovelace"); got != "" {
		t.Fatalf("the old label still finds %q", got)
	}
	// A rebuild indexes the same.
	e.svc.Search.c.search.close()
	e2 := e.reopen()
	noErr(t, os.RemoveAll(filepath.Join(e2.dir, SearchDir)))
	e = e2
	if got := entries("augusta"); got != "Paired with Augusta King on the engine" {
		t.Fatalf("after a rebuild: %q", got)
	}
	// Deleted, the node leaves the label written with the link.
	noErr(t, e.svc.Network.DeleteNode(ada.ID))
	if got := entries("lovelace"); got != "Paired with Ada Lovelace on the engine" {
		t.Fatalf("after the delete: %q", got)
	}
}
