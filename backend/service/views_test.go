package service

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plexus-pln/plexus/backend/pln"
)

func contextView() pln.ViewState {
	return pln.ViewState{
		Hidden: map[string][]string{"status": {"archived", "archived"}, "kind": {}},
		Tags:   []string{"Rust", "rust"},
		Color:  "context", Size: "degree",
		Camera: &pln.ViewCamera{X: 0.4, Y: 0.6, Ratio: 0.5},
	}
}

func viewNames(t *testing.T, e *env) string {
	t.Helper()
	var names []string
	for _, v := range must[[]pln.View](t)(e.svc.Views.Views()) {
		names = append(names, v.Name)
	}
	return strings.Join(names, ",")
}

func TestSaveViewReplacesByNameAndUndoes(t *testing.T) {
	e := newEnv(t)
	a := must[pln.View](t)(e.svc.Views.SaveView("  Work people ", contextView()))
	if a.Name != "Work people" || a.State.Hidden["status"][0] != "archived" || len(a.State.Hidden["status"]) != 1 {
		t.Fatalf("saved view not tidied: %+v", a)
	}
	if _, ok := a.State.Hidden["kind"]; ok || len(a.State.Tags) != 1 {
		t.Fatalf("empty dimension or duplicate tag kept: %+v", a.State)
	}
	ev := e.rec.named(pln.EventViewsChanged)
	if len(ev) != 1 || len(ev[0].payload.([]pln.View)) != 1 {
		t.Fatalf("views:changed = %+v", ev)
	}
	// The same name in other case replaces it, keeping its id.
	st := contextView()
	st.Color = "kind"
	b := must[pln.View](t)(e.svc.Views.SaveView("work PEOPLE", st))
	if b.ID != a.ID || b.Name != "work PEOPLE" || b.State.Color != "kind" {
		t.Fatalf("replace: %+v (first %s)", b, a.ID)
	}
	must[pln.View](t)(e.svc.Views.SaveView("Alpha", contextView()))
	if got := viewNames(t, e); got != "Alpha,work PEOPLE" {
		t.Fatalf("views = %s", got)
	}
	u := must[pln.HistoryStep](t)(e.svc.History.Undo())
	if !strings.Contains(u.Name, "Alpha") || viewNames(t, e) != "work PEOPLE" {
		t.Fatalf("undo %q left %s", u.Name, viewNames(t, e))
	}
	must[pln.HistoryStep](t)(e.svc.History.Undo())
	vs := must[[]pln.View](t)(e.svc.Views.Views())
	if len(vs) != 1 || vs[0].State.Color != "context" {
		t.Fatalf("undo of the replace: %+v", vs)
	}
	e.rec.take()
	must[pln.HistoryStep](t)(e.svc.History.Redo())
	if ev := e.rec.named(pln.EventViewsChanged); len(ev) != 1 {
		t.Fatalf("redo sent %d views:changed", len(ev))
	}
}

func TestRenameAndDeleteView(t *testing.T) {
	e := newEnv(t)
	a := must[pln.View](t)(e.svc.Views.SaveView("One", contextView()))
	must[pln.View](t)(e.svc.Views.SaveView("Two", contextView()))
	_, err := e.svc.Views.RenameView(a.ID, "two")
	wantCode(t, err, pln.CodeConflict)
	r := must[pln.View](t)(e.svc.Views.RenameView(a.ID, "Uno"))
	if r.Name != "Uno" || viewNames(t, e) != "Two,Uno" {
		t.Fatalf("rename: %+v %s", r, viewNames(t, e))
	}
	// Renaming to its own name in other case is allowed.
	must[pln.View](t)(e.svc.Views.RenameView(a.ID, "UNO"))
	noErr(t, e.svc.Views.DeleteView(a.ID))
	wantCode(t, e.svc.Views.DeleteView(a.ID), pln.CodeNotFound)
	_, err = e.svc.Views.RenameView("not-an-id", "x")
	wantCode(t, err, pln.CodeNotFound)
	must[pln.HistoryStep](t)(e.svc.History.Undo())
	if viewNames(t, e) != "Two,UNO" {
		t.Fatalf("undo delete: %s", viewNames(t, e))
	}
}

func TestSaveViewRefusesBadState(t *testing.T) {
	e := newEnv(t)
	for name, st := range map[string]pln.ViewState{
		"colour":      {Color: "shoe size", Size: "degree"},
		"size":        {Color: "kind", Size: "height"},
		"dimension":   {Color: "kind", Size: "degree", Hidden: map[string][]string{"label": {"x"}}},
		"value":       {Color: "kind", Size: "degree", Hidden: map[string][]string{"kind": {"a\nb"}}},
		"focus steps": {Color: "kind", Size: "degree", Focus: &pln.ViewFocus{NodeIDs: []string{pln.NewID()}, Steps: 4}},
		"focus ids":   {Color: "kind", Size: "degree", Focus: &pln.ViewFocus{NodeIDs: []string{"x"}, Steps: 1}},
		"focus none":  {Color: "kind", Size: "degree", Focus: &pln.ViewFocus{Steps: 1}},
		"camera":      {Color: "kind", Size: "degree", Camera: &pln.ViewCamera{Ratio: 0}},
	} {
		_, err := e.svc.Views.SaveView("v", st)
		wantCode(t, err, pln.CodeInvalid)
		if err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	for _, name := range []string{"", "  ", "a\tb", strings.Repeat("x", pln.MaxViewNameLen+1)} {
		if _, err := e.svc.Views.SaveView(name, contextView()); err == nil {
			t.Errorf("name %q accepted", name)
		}
	}
	if viewNames(t, e) != "" {
		t.Fatalf("a refused view was stored: %s", viewNames(t, e))
	}
	for i := range pln.MaxViews {
		must[pln.View](t)(e.svc.Views.SaveView(fmt.Sprintf("v%03d", i), contextView()))
	}
	_, err := e.svc.Views.SaveView("one more", contextView())
	wantCode(t, err, pln.CodeTooLarge)
	must[pln.View](t)(e.svc.Views.SaveView("V000", contextView())) // replacing stays allowed
}

func TestViewsTravelInTheBackup(t *testing.T) {
	src := newEnv(t)
	populate(t, src)
	must[pln.View](t)(src.svc.Views.SaveView("Work", contextView()))
	must[pln.Settings](t)(src.svc.Journal.SetQuietPeriod(45))
	path := filepath.Join(t.TempDir(), "b.json")
	noErr(t, src.svc.Backup.ExportBackup(path))
	dst := newEnv(t)
	must[pln.View](t)(dst.svc.Views.SaveView("Old one", contextView()))
	noErr(t, dst.svc.Backup.RestoreBackup(path, true))
	got := must[[]pln.View](t)(dst.svc.Views.Views())
	want := must[[]pln.View](t)(src.svc.Views.Views())
	gj, _ := json.Marshal(got)
	wj, _ := json.Marshal(want)
	if string(gj) != string(wj) {
		t.Fatalf("views after restore\n got %s\nwant %s", gj, wj)
	}
	if ev := dst.rec.named(pln.EventViewsChanged); len(ev) == 0 {
		t.Fatal("restore sent no views:changed")
	}
	// The settings travel too (a restore used to reset the quiet period).
	if set := must[pln.Settings](t)(dst.svc.Journal.Settings()); set.QuietPeriodDays != 45 {
		t.Fatalf("quiet period after restore = %d, want 45", set.QuietPeriodDays)
	}

	// A backup whose view is bad is refused before anything changes.
	data, err := os.ReadFile(path)
	noErr(t, err)
	bad := strings.Replace(string(data), `"color": "context"`, `"color": "<script>"`, 1)
	if bad == string(data) {
		t.Fatal("test backup has no colour to spoil")
	}
	badPath := filepath.Join(t.TempDir(), "bad.json")
	noErr(t, os.WriteFile(badPath, []byte(bad), 0o600))
	err = dst.svc.Backup.RestoreBackup(badPath, true)
	wantCode(t, err, pln.CodeInvalid)
	if !strings.Contains(err.Error(), "saved view") {
		t.Fatalf("error does not name the view: %v", err)
	}
	if viewNames(t, dst) != "Work" {
		t.Fatalf("a refused restore changed the views: %s", viewNames(t, dst))
	}
	bad = strings.Replace(string(data), `"quietPeriodDays": 45`, `"quietPeriodDays": 99999`, 1)
	if bad == string(data) {
		t.Fatal("the backup holds no quiet period")
	}
	noErr(t, os.WriteFile(badPath, []byte(bad), 0o600))
	err = dst.svc.Backup.RestoreBackup(badPath, true)
	wantCode(t, err, pln.CodeInvalid)
	if !strings.Contains(err.Error(), "backup: the settings") {
		t.Fatalf("error does not name the settings: %v", err)
	}
}
