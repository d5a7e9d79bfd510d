package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/interchange"
	"github.com/plexus-pln/plexus/backend/pln"
)

func TestViewsCommand(t *testing.T) {
	dir := t.TempDir()
	t0 := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	egoID := pln.NewID()
	ego := pln.Node{ID: egoID, Ego: true, Label: "Me", Kind: pln.KindPerson, Pinned: true, CreatedAt: t0, UpdatedAt: t0}
	b := &interchange.Backup{ExportedAt: t0, Ego: egoID, Nodes: []pln.Node{ego}, Views: []pln.View{
		{ID: pln.NewID(), Name: "Work people", CreatedAt: t0, UpdatedAt: t0,
			State: pln.ViewState{Hidden: map[string][]string{"status": {"archived"}, "kind": {"source", ""}}, Tags: []string{"rust"}, Color: "context", Size: "degree"}},
		{ID: pln.NewID(), Name: "All", CreatedAt: t0, UpdatedAt: t0, State: pln.ViewState{Color: "kind", Size: "strength"}},
	}}
	path := filepath.Join(t.TempDir(), "b.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := interchange.WriteBackup(f, b); err != nil {
		t.Fatal(err)
	}
	f.Close()
	cmd, out, errOut := commandsOn(dir)
	if code := cmd("restore", "--in", path, "--replace"); code != 0 {
		t.Fatalf("restore: %d %s", code, errOut.String())
	}
	if code := cmd("views"); code != 0 {
		t.Fatalf("views: %d %s", code, errOut.String())
	}
	want := "All\tcolour by kind, size by strength\n" +
		"Work people\tcolour by context, size by degree; hides kind (not set), source; status archived; only tags rust\n"
	if out.String() != want {
		t.Fatalf("views printed\n%q\nwant\n%q", out.String(), want)
	}
	if code := cmd("views", "rename", "work PEOPLE", "Colleagues"); code != 0 || !strings.Contains(out.String(), "Rename the view “Work people” to “Colleagues”") {
		t.Fatalf("rename: %d %q %q", code, out.String(), errOut.String())
	}
	if code := cmd("views", "rename", "all", "colleagues"); code != 1 || !strings.Contains(errOut.String(), "already named") {
		t.Fatalf("rename onto another: %d %q", code, errOut.String())
	}
	if code := cmd("views", "delete", "Nope"); code != 2 || !strings.Contains(errOut.String(), `no saved view named "Nope"`) {
		t.Fatalf("delete missing: %d %q", code, errOut.String())
	}
	if code := cmd("views", "delete", "All"); code != 0 {
		t.Fatalf("delete: %d %q", code, errOut.String())
	}
	if code := cmd("views", "--json"); code != 0 || !strings.Contains(out.String(), `"name": "Colleagues"`) || strings.Contains(out.String(), `"All"`) {
		t.Fatalf("views --json: %d %q", code, out.String())
	}
	if code := cmd("undo"); code != 0 {
		t.Fatalf("undo: %d %q", code, errOut.String())
	}
	if code := cmd("views"); code != 0 || !strings.HasPrefix(out.String(), "All\t") {
		t.Fatalf("after undo: %q", out.String())
	}
	for _, args := range [][]string{{"views", "delete"}, {"views", "rename", "a"}, {"views", "frobnicate"}, {"views", "delete", "a", "--json"}} {
		if code := cmd(args...); code != 2 {
			t.Errorf("%v: exit %d, want 2 (%q)", args, code, errOut.String())
		}
	}
}
