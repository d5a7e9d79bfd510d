package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// plexus nodes merge KEEP OTHER…: labels or ids, an ambiguous label listed
// with exit 2 and nothing merged, --json, undo, and plexus check after both.
func TestNodesMergeCommand(t *testing.T) {
	dir := t.TempDir()
	nodes := filepath.Join(t.TempDir(), "nodes.csv")
	ties := filepath.Join(t.TempDir(), "ties.csv")
	if err := os.WriteFile(nodes, []byte("id,label,kind,tags\n1,Ada,person,math\n2,ada,person,poetry\n3,Grace,person,\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ties, []byte("from,to,relation\n2,3,knows\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd, out, errOut := commandsOn(dir)
	if code := cmd("import", nodes, ties); code != 0 {
		t.Fatalf("import: %d %s", code, errOut.String())
	}
	if code := cmd("nodes", "list", "--json"); code != 0 {
		t.Fatalf("list: %d", code)
	}
	var ls []nodeLine
	if err := json.Unmarshal(out.Bytes(), &ls); err != nil {
		t.Fatal(err)
	}
	id := map[string]string{}
	for _, l := range ls {
		id[l.Label] = l.ID
	}
	// "ada" names two nodes: both listed, exit 2, nothing merged.
	if code := cmd("nodes", "merge", "Ada", "Grace"); code != 2 || strings.Count(errOut.String(), "\tperson\t") != 2 {
		t.Fatalf("ambiguous: %d %q", code, errOut.String())
	}
	if code := cmd("nodes", "merge", id["Ada"]); code != 2 {
		t.Fatalf("one node: %d", code)
	}
	if code := cmd("nodes", "merge", id["Ada"], id["ada"], "--json"); code != 0 {
		t.Fatalf("merge: %d %q", code, errOut.String())
	}
	var m mergeLine
	if err := json.Unmarshal(out.Bytes(), &m); err != nil || m.Kept.ID != id["Ada"] || strings.Join(m.Kept.Tags, ",") != "math,poetry" ||
		len(m.Merged) != 1 || m.Merged[0] != id["ada"] || m.Step != "Merge “ada” into “Ada”" {
		t.Fatalf("merge --json: %v %s", err, out.String())
	}
	if code := cmd("check"); code != 0 {
		t.Fatalf("check after the merge: %d %s %s", code, out.String(), errOut.String())
	}
	if code := cmd("nodes", "list"); code != 0 || strings.Count(out.String(), "\n") != 3 {
		t.Fatalf("after the merge: %q", out.String())
	}
	if code := cmd("undo"); code != 0 || out.String() != "Undo: Merge “ada” into “Ada”\n" {
		t.Fatalf("undo: %d %q", code, out.String())
	}
	if code := cmd("check"); code != 0 {
		t.Fatalf("check after the undo: %d %s", code, errOut.String())
	}
	// The ego (listed first) may be kept, never merged away: refused as
	// invalid input (exit 2).
	if code := cmd("nodes", "merge", "Grace", ls[0].ID); code != 2 || !strings.Contains(errOut.String(), "ego") {
		t.Fatalf("ego merged away: %d %q", code, errOut.String())
	}
	if code := cmd("nodes", "merge", "grace", id["ada"]); code != 0 || out.String() != "Merge “ada” into “Grace”\n" {
		t.Fatalf("merge by label: %d %q %q", code, out.String(), errOut.String())
	}
	// Into the ego: what is not carried over is said (the tester's find: it was silent).
	if code := cmd("nodes", "merge", ls[0].ID, "Grace"); code != 0 || !strings.Contains(out.String(), "Merged into you (the ego): their relation to you, strength, role, contexts") {
		t.Fatalf("merge into the ego: %d %q %q", code, out.String(), errOut.String())
	}
}
