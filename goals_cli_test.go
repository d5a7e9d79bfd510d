package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// plexus goals add/link/unlink/set/delete/list on one data folder, with the
// exit codes a script sees.
func TestGoalsCommands(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(t.TempDir(), "people.csv")
	if err := os.WriteFile(csv, []byte("label,kind\nAna,person\nZoë Lee,person\nzoe  lee,person\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd, out, errOut := commandsOn(dir)
	if code := cmd("import", csv); code != 0 {
		t.Fatalf("import: %d %s", code, errOut.String())
	}
	if code := cmd("goals", "add", "Learn Rust", "--target", "2026-12-31", "--description", "the *book*"); code != 0 || out.String() != "Add the goal “Learn Rust”\n" {
		t.Fatalf("goals add: %d %q %q", code, out.String(), errOut.String())
	}
	if code := cmd("goals"); code != 0 || !strings.HasSuffix(out.String(), "\tactive\t2026-12-31\t0 helping\tLearn Rust\tnobody helping\n") {
		t.Fatalf("goals: %d %q", code, out.String())
	}
	if code := cmd("goals", "link", "learn  rust", "ana"); code != 0 || out.String() != "Link “Ana” to “Learn Rust”\n" {
		t.Fatalf("goals link: %d %q %q", code, out.String(), errOut.String())
	}
	// A label that names several nodes: listed, nothing written, exit 2.
	if code := cmd("goals", "link", "Learn Rust", "zoe lee"); code != 2 || strings.Count(errOut.String(), "\tperson\t") != 2 {
		t.Fatalf("ambiguous node: %d %q", code, errOut.String())
	}
	if code := cmd("goals", "link", "Learn Go", "Ana"); code != 2 || !strings.Contains(errOut.String(), `no goal is titled "Learn Go"`) {
		t.Fatalf("unknown goal: %d %q", code, errOut.String())
	}
	if code := cmd("goals", "set", "Learn Rust", "--status", "achieved"); code != 0 || out.String() != "Mark the goal “Learn Rust” achieved\n" {
		t.Fatalf("goals set: %d %q %q", code, out.String(), errOut.String())
	}
	if code := cmd("goals", "--json"); code != 0 {
		t.Fatalf("goals --json: %d", code)
	}
	var gs []goalLine
	if err := json.Unmarshal(out.Bytes(), &gs); err != nil || len(gs) != 1 || gs[0].Status != "achieved" || len(gs[0].Helpers) != 1 ||
		gs[0].Helpers[0] != "Ana" || gs[0].NobodyHelping || gs[0].Description != "the *book*" {
		t.Fatalf("goals --json: %v %s", err, out.String())
	}
	if code := cmd("undo"); code != 0 {
		t.Fatalf("undo: %d %q", code, errOut.String())
	}
	if code := cmd("goals"); code != 0 || out.String() != gs[0].ID+"\tactive\t2026-12-31\t1 helping\tLearn Rust\n" {
		t.Fatalf("goals after undo: %d %q", code, out.String())
	}
	// Usage mistakes: exit 2 before the store opens.
	for _, args := range [][]string{{"goals", "add"}, {"goals", "set", "Learn Rust", "--status", "someday"}, {"goals", "frob"}, {"goals", "link", "Learn Rust"}} {
		if code := cmd(args...); code != 2 {
			t.Fatalf("%v: exit %d, want 2 (%q)", args, code, errOut.String())
		}
	}
	// Bad input the service refuses: exit 2 with the reason.
	if code := cmd("goals", "add", "X", "--target", "soon"); code != 2 || !strings.Contains(errOut.String(), `target date "soon"`) {
		t.Fatalf("bad date: %d %q", code, errOut.String())
	}
	if code := cmd("goals", "unlink", "Learn Rust", "Ana"); code != 0 || out.String() != "Unlink “Ana” from “Learn Rust”\n" {
		t.Fatalf("goals unlink: %d %q %q", code, out.String(), errOut.String())
	}
	if code := cmd("goals", "delete", "Learn Rust"); code != 0 || out.String() != "Delete the goal “Learn Rust”\n" {
		t.Fatalf("goals delete: %d %q %q", code, out.String(), errOut.String())
	}
	if code := cmd("goals"); code != 0 || !strings.HasPrefix(out.String(), "No goals yet") {
		t.Fatalf("goals at the end: %d %q", code, out.String())
	}
}
