package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSearchCommand(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(t.TempDir(), "people.csv")
	if err := os.WriteFile(csv, []byte("label,kind\nZoë Lee,person\nzoe  lee,person\nAda,person\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd, out, errOut := commandsOn(dir)
	if code := cmd("import", csv); code != 0 {
		t.Fatalf("import: %d %s", code, errOut.String())
	}
	if code := cmd("journal", "add", "--node", "Ada", "--type", "interaction", "--date", "2026-03-02", "--tag", "walks", "Learned", "about", "walking", "meetings"); code != 0 {
		t.Fatalf("journal add: %d %s", code, errOut.String())
	}
	if code := cmd("search", "learning"); code != 0 || out.String() != "entry\t2026-03-02\t[Learned] about walking meetings\n" {
		t.Fatalf("search: %d %q %q", code, out.String(), errOut.String())
	}
	if code := cmd("search", "--node", "Ada", "--type", "interaction", "--from", "2026-03-01", "--to", "2026-03-02", "--tag", "walks", "walk*"); code != 0 || !strings.HasPrefix(out.String(), "entry\t2026-03-02\t") {
		t.Fatalf("search with filters: %d %q %q", code, out.String(), errOut.String())
	}
	if code := cmd("search", "--from", "2026-03-03", "learning"); code != 0 || out.String() != "No hits.\n" {
		t.Fatalf("search after the date: %d %q", code, out.String())
	}
	if code := cmd("search", "--json", "ada"); code != 0 || !strings.Contains(out.String(), `"kind": "node"`) {
		t.Fatalf("search --json: %d %q", code, out.String())
	}
	if code := cmd("search", "--node", "zoe lee", "x"); code != 2 || !strings.Contains(errOut.String(), "2 nodes are labelled") {
		t.Fatalf("ambiguous --node: %d %q", code, errOut.String())
	}
	if code := cmd("search", `"learning`); code != 2 || !strings.Contains(errOut.String(), "never closed") {
		t.Fatalf("unbalanced quote: %d %q", code, errOut.String())
	}
	if code := cmd("goals", "add", "Walking"); code != 0 {
		t.Fatalf("goals add: %d %s", code, errOut.String())
	}
	if code := cmd("search", "--goal", "walking", "learning"); code != 0 || out.String() != "No hits.\n" {
		t.Fatalf("search --goal with nobody helping: %d %q %q", code, out.String(), errOut.String())
	}
	if code := cmd("goals", "link", "Walking", "Ada"); code != 0 {
		t.Fatalf("goals link: %d %s", code, errOut.String())
	}
	if code := cmd("search", "--goal", "walking", "learning"); code != 0 || out.String() != "entry\t2026-03-02\t[Learned] about walking meetings\n" {
		t.Fatalf("search --goal: %d %q %q", code, out.String(), errOut.String())
	}
	if code := cmd("search", "--goal", "Rust", "learning"); code != 2 || !strings.Contains(errOut.String(), "no goal is titled") {
		t.Fatalf("unknown --goal: %d %q", code, errOut.String())
	}
	if code := cmd("search"); code != 2 {
		t.Fatalf("no query: %d", code)
	}
}
