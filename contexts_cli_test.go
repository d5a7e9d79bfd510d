package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plexus-pln/plexus/backend/service"
)

// plexus contexts list/add/rename/delete on one data folder, with the exit
// codes; a rename reaches the nodes and undo takes it back in one step.
func TestContextsCommands(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(t.TempDir(), "people.csv")
	if err := os.WriteFile(csv, []byte("label,kind,contexts\nAna,person,school|gym\nBo,person,school\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd, out, errOut := commandsOn(dir)
	if code := cmd("import", csv); code != 0 {
		t.Fatalf("import: %d %s", code, errOut.String())
	}
	if code := cmd("contexts"); code != 0 || out.String() != "work\t0\nschool\t2\nhome\t0\ngym\t1\tunlisted\n" {
		t.Fatalf("contexts: %d %q %q", code, out.String(), errOut.String())
	}
	if code := cmd("contexts", "add", "conference"); code != 0 || out.String() != "Add the context “conference”\n" {
		t.Fatalf("contexts add: %d %q %q", code, out.String(), errOut.String())
	}
	if code := cmd("contexts", "rename", "School", "university", "--json"); code != 0 {
		t.Fatalf("contexts rename: %d %q", code, errOut.String())
	}
	var l service.ContextList
	if err := json.Unmarshal(out.Bytes(), &l); err != nil || len(l.Contexts) != 4 || l.Contexts[1].Name != "university" || l.Contexts[1].Nodes != 2 {
		t.Fatalf("rename --json: %v %s", err, out.String())
	}
	if code := cmd("contexts", "delete", "university"); code != 2 || !strings.Contains(errOut.String(), "2 nodes") {
		t.Fatalf("delete without --force: %d %q", code, errOut.String())
	}
	if code := cmd("contexts", "delete", "nope"); code != 2 || !strings.Contains(errOut.String(), "not in the list") {
		t.Fatalf("delete unknown: %d %q", code, errOut.String())
	}
	// A rename to the same name logs no step and says so (it used to print the newest step as if it were new).
	if code := cmd("contexts", "rename", "university", " university "); code != 0 || out.String() != "Nothing changed: the context “university” already has that name.\n" {
		t.Fatalf("rename to itself: %d %q %q", code, out.String(), errOut.String())
	}
	if code := cmd("contexts", "add", "a,b"); code != 2 || !strings.Contains(errOut.String(), "comma") {
		t.Fatalf("add a,b: %d %q", code, errOut.String())
	}
	if code := cmd("undo"); code != 0 || !strings.Contains(out.String(), "Rename the context “school” to “university” on 2 nodes") {
		t.Fatalf("undo: %d %q %q", code, out.String(), errOut.String())
	}
	if code := cmd("contexts", "delete", "school", "--force"); code != 0 || out.String() != "Delete the context “school” from 2 nodes\n" {
		t.Fatalf("delete --force: %d %q %q", code, out.String(), errOut.String())
	}
	if code := cmd("contexts"); code != 0 || out.String() != "work\t0\nhome\t0\nconference\t0\ngym\t1\tunlisted\n" {
		t.Fatalf("contexts after: %d %q", code, out.String())
	}
	for _, args := range [][]string{{"contexts", "add"}, {"contexts", "rename", "a"}, {"contexts", "add", "x", "--force"}, {"contexts", "frob"}, {"contexts", "list", "x"}} {
		if code := cmd(args...); code != 2 {
			t.Errorf("%v: exit %d, want 2 (%q)", args, code, errOut.String())
		}
	}
}
