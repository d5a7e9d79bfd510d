package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// plexus help names every command the dispatcher knows, and the search
// syntax and flags; its blocks are whole lines.
func TestHelpNamesEveryCommand(t *testing.T) {
	u := usageText()
	for name := range commands {
		if !strings.Contains(u, "\n  plexus "+name) {
			t.Errorf("plexus help does not show plexus %s", name)
		}
	}
	for _, flag := range []string{"--node", "--tag", "--goal", "--type", "--from", "--to", "--limit", "--json", `"a phrase"`, "prefix*"} {
		i := strings.Index(u, "plexus search")
		if i < 0 || !strings.Contains(u[i:i+1200], flag) {
			t.Errorf("plexus search's help does not mention %s", flag)
		}
	}
	glued := regexp.MustCompile(`\S\s+plexus (\[|[a-z]+ )`) // "…for it.  plexus goals [list]"
	for _, line := range strings.Split(u, "\n") {
		if glued.MatchString(line) {
			t.Errorf("two blocks glued on one line: %q", line)
		}
	}
}

// Two goals or nodes of one name: the error lists their ids, and the id
// picks one; goals add refuses a title already taken; goals set --title
// renames.
func TestDuplicateNamesTakeIDs(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(t.TempDir(), "people.csv")
	if err := os.WriteFile(csv, []byte("label,kind\nZoë Lee,person\nzoe  lee,person\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd, out, errOut := commandsOn(dir)
	if code := cmd("import", csv); code != 0 {
		t.Fatalf("import: %d %s", code, errOut.String())
	}
	if code := cmd("goals", "add", "Learn Rust"); code != 0 {
		t.Fatalf("goals add: %d %s", code, errOut.String())
	}
	if code := cmd("goals", "add", "learn  RUST"); code != 2 || !strings.Contains(errOut.String(), "already has this title") {
		t.Fatalf("goals add of a taken title: %d %q %q", code, out.String(), errOut.String())
	}
	// A store written before titles were kept apart may hold two.
	st, svc, err := openCommandStore(dir, discardLog(), errOut)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Commit(func(tx *store.Tx) (store.StepInfo, error) {
		now := time.Now().UTC()
		g := pln.Goal{ID: pln.NewID(), CreatedAt: now, UpdatedAt: now}
		g.SetFields(pln.GoalFields{Title: "Learn Rust", Status: pln.GoalActive})
		return store.StepInfo{Name: "a second Learn Rust"}, tx.PutGoal(g)
	}); err != nil {
		t.Fatal(err)
	}
	closeStore(st, svc, discardLog())

	if code := cmd("goals", "delete", "Learn Rust"); code != 2 || !strings.Contains(errOut.String(), "use its id") {
		t.Fatalf("ambiguous goal: %d %q", code, errOut.String())
	}
	if code := cmd("goals", "--json"); code != 0 {
		t.Fatal(errOut.String())
	}
	var gs []goalLine
	if err := json.Unmarshal(out.Bytes(), &gs); err != nil || len(gs) != 2 {
		t.Fatalf("goals --json: %v %s", err, out.String())
	}
	if !strings.Contains(cmdErr(cmd, errOut, "goals", "set", "Learn Rust", "--status", "paused"), gs[1].ID) {
		t.Fatal("the several-match error does not list the ids")
	}
	if code := cmd("nodes", "list", "--json"); code != 0 {
		t.Fatal(errOut.String())
	}
	var nodes []nodeLine
	if err := json.Unmarshal(out.Bytes(), &nodes); err != nil || len(nodes) != 3 {
		t.Fatalf("nodes: %v %s", err, out.String())
	}
	zoe := nodes[2].ID
	if code := cmd("journal", "add", "--node", "zoe lee", "x"); code != 2 || !strings.Contains(errOut.String(), zoe) || !strings.Contains(errOut.String(), "use its id") {
		t.Fatalf("ambiguous node: %d %q", code, errOut.String())
	}
	if code := cmd("goals", "link", gs[1].ID, zoe); code != 0 || out.String() != "Link “zoe  lee” to “Learn Rust”\n" {
		t.Fatalf("link by ids: %d %q %q", code, out.String(), errOut.String())
	}
	if code := cmd("journal", "add", "--node", zoe, "met", "zoe"); code != 0 {
		t.Fatalf("journal add --node ID: %d %q", code, errOut.String())
	}
	if code := cmd("search", "--goal", gs[1].ID, "--node", zoe, "met"); code != 0 || !strings.HasPrefix(out.String(), "entry\t") {
		t.Fatalf("search by ids: %d %q %q", code, out.String(), errOut.String())
	}
	if code := cmd("goals", "set", gs[1].ID, "--title", "Learn Rust, the book"); code != 0 || out.String() != "Rename the goal “Learn Rust” to “Learn Rust, the book”\n" {
		t.Fatalf("rename: %d %q %q", code, out.String(), errOut.String())
	}
	if code := cmd("goals", "set", "learn rust", "--title", "Learn Rust, THE book"); code != 2 || !strings.Contains(errOut.String(), "already has this title") {
		t.Fatalf("rename to a taken title: %d %q %q", code, out.String(), errOut.String())
	}
	if code := cmd("goals", "delete", "Learn Rust"); code != 0 || out.String() != "Delete the goal “Learn Rust”\n" {
		t.Fatalf("delete, now that the title says which: %d %q %q", code, out.String(), errOut.String())
	}
}

func cmdErr(cmd func(...string) int, errOut *bytes.Buffer, args ...string) string {
	cmd(args...)
	return errOut.String()
}

// Search filters are checked before the store opens; the limit is the
// search service's.
func TestSearchFilterChecks(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"search", "--type", "bogus", "x"}, "--type must be reflection, interaction, resource or milestone"},
		{[]string{"search", "--from", "2026-03-02", "--to", "2026-03-01", "x"}, "--from (2026-03-02) is after --to (2026-03-01)"},
		{[]string{"search", "--limit", "201", "x"}, "--limit must be a whole number 1–200"},
		{[]string{"search", "--limit", "0", "x"}, "--limit must be"},
		{[]string{"search", "--limit", "5", "--limit", "6", "x"}, "--limit is given twice"},
		{[]string{"journal", "add", "--date", "2026-01-01", "--date", "2026-01-02", "x"}, "--date is given twice"},
		{[]string{"journal", "add", "--type", "resource", "--type=milestone", "x"}, "--type is given twice"},
		{[]string{"goals", "set", "G", "--status", "paused", "--status", "active"}, "--status is given twice"},
		{[]string{"history", "--data-dir", "/a", "--data-dir", "/b"}, "--data-dir is given twice"},
		{[]string{"goals", "list", "--data-dir", "/a", "--data-dir=/b"}, "--data-dir is given twice"},
		{[]string{"images", "get", "X", "--out", "a", "--out", "b"}, "--out is given twice"},
		{[]string{"backup", "--out", "a", "--out", "b"}, "--out is given twice"},
		{[]string{"journal", "add", "--date", "0001-01-01", "x"}, "--date must be in the years 1–9999"},
		{[]string{"journal", "add", "--date", "9999-12-31T23:59:59-05:00", "x"}, "--date must be in the years 1–9999"},
		{[]string{"goals", "set", "G"}, "plexus goals set needs what to change"},
		{[]string{"goals", "add", "G", "--title", "H"}, "--title is for plexus goals set"},
	} {
		if _, err := parseArgs(c.args); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want %q", c.args, err, c.want)
		}
	}
	// Repeatable flags stay repeatable.
	c, err := parseArgs([]string{"journal", "add", "--node", "a", "--node", "b", "--tag", "x", "--tag", "y", "t"})
	if err != nil || len(c.nodes) != 2 || len(c.tags) != 2 {
		t.Fatalf("repeatable: %+v %v", c, err)
	}
	if c, err := parseArgs([]string{"search", "--limit", "200", "x"}); err != nil || c.limit != 200 {
		t.Fatalf("--limit 200: %v", err)
	}
	// --help anywhere is the usage text, exit 0; -- ends search's flags.
	for _, args := range [][]string{{"goals", "set", "--help"}, {"goals", "add", "-h"}, {"journal", "add", "--help"}, {"search", "-h"}, {"nodes", "tag", "--help"}} {
		var out, errOut bytes.Buffer
		if code := run(args, &out, &errOut); code != 0 || !strings.HasPrefix(out.String(), "usage:") {
			t.Errorf("%v: %d %q", args, code, errOut.String())
		}
	}
	if c, err := parseArgs([]string{"search", "--json", "--", "-learning", "--tag"}); err != nil || strings.Join(c.text, " ") != "-learning --tag" || !c.json {
		t.Fatalf("search --: %+v %v", c, err)
	}
}

// Input the services refuse once the store is open is a usage mistake
// (exit 2) in every command; a write that changes nothing says so.
func TestRefusedInputAndNoChange(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(t.TempDir(), "people.csv")
	if err := os.WriteFile(csv, []byte("label,kind\nJulia Evans,person\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd, out, errOut := commandsOn(dir)
	if code := cmd("import", csv); code != 0 {
		t.Fatalf("import: %d %s", code, errOut.String())
	}
	for _, args := range [][]string{
		{"journal", "add", "--tag", "a\nb", "x"},
		{"journal", "add", "--tag", strings.Repeat("t", 101), "x"},
		{"journal", "days", "--from", "2020-01-01"},
		{"nodes", "delete", "bogus"},
		{"goals", "add", ""},
		{"goals", "add", strings.Repeat("g", 201)},
		{"goals", "add", "X", "--target", "2026-02-30"},
	} {
		if code := cmd(args...); code != 2 || errOut.Len() == 0 {
			t.Errorf("%q: exit %d, want 2 (%q)", args, code, errOut.String())
		}
	}
	if code := cmd("goals", "add", "Learn Rust"); code != 0 {
		t.Fatal(errOut.String())
	}
	if code := cmd("goals", "link", "Learn Rust", "Julia Evans"); code != 0 || out.String() != "Link “Julia Evans” to “Learn Rust”\n" {
		t.Fatalf("link: %d %q %q", code, out.String(), errOut.String())
	}
	steps := func() string {
		cmd("history")
		return out.String()
	}
	before := steps()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"goals", "link", "Learn Rust", "Julia Evans"}, "Nothing changed: “Julia Evans” already helps with “Learn Rust”.\n"},
		{[]string{"goals", "set", "Learn Rust", "--status", "active"}, "Nothing changed: the goal “Learn Rust” already has these values.\n"},
	} {
		if code := cmd(c.args...); code != 0 || out.String() != c.want {
			t.Errorf("%v: %d %q, want %q", c.args, code, out.String(), c.want)
		}
	}
	if code := cmd("goals", "unlink", "Learn Rust", "Julia Evans"); code != 0 || out.String() != "Unlink “Julia Evans” from “Learn Rust”\n" {
		t.Fatalf("unlink: %d %q", code, out.String())
	}
	if code := cmd("goals", "unlink", "Learn Rust", "Julia Evans"); code != 0 || out.String() != "Nothing changed: “Julia Evans” does not help with “Learn Rust”.\n" {
		t.Fatalf("unlink again: %d %q", code, out.String())
	}
	if after := steps(); strings.Count(after, "\n") != strings.Count(before, "\n")+1 {
		t.Fatalf("steps before %q, after %q", before, after)
	}
	if code := cmd("goals", "set", "Learn Rust"); code != 2 {
		t.Fatalf("goals set without a change: %d", code)
	}
	// -- ends search's flags (the data folder comes first here).
	var o, e bytes.Buffer
	if code := run([]string{"search", "--data-dir", dir, "--", "-learning"}, &o, &e); code != 0 {
		t.Fatalf("search -- -learning: %d %q", code, e.String())
	}
}

// Human output escapes control and bidi characters from user text; --json
// keeps them.
func TestOutputEscapesControlCharacters(t *testing.T) {
	if got := termText("x\x1b[31mred\n\tok\u202egnp\u2066\u0085\x7f\xff"); got != `x\x1b[31mred`+"\n\t"+`ok\u202egnp\u2066\u0085\x7f\xff` {
		t.Fatalf("termText: %q", got)
	}
	if got := termLine("a\tb\nc"); got != `a\x09b\x0ac` {
		t.Fatalf("termLine: %q", got)
	}
	dir := t.TempDir()
	csv := filepath.Join(t.TempDir(), "people.csv")
	if err := os.WriteFile(csv, []byte("label,kind\n\"Ev\u202eil\",person\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd, out, errOut := commandsOn(dir)
	if code := cmd("import", csv); code != 0 {
		t.Fatalf("import: %d %s", code, errOut.String())
	}
	body := "x\x1b[31mred learning"
	if code := cmd("journal", "add", "--node", "Ev\u202eil", body); code != 0 {
		t.Fatalf("journal add: %d %s", code, errOut.String())
	}
	if code := cmd("goals", "add", "Go\u2067 away"); code != 0 || strings.ContainsAny(out.String(), "\u2067") {
		t.Fatalf("goals add: %d %q %q", code, out.String(), errOut.String())
	}
	for _, args := range [][]string{{"journal", "list"}, {"search", "learning"}, {"nodes", "list"}, {"goals"}, {"history"}, {"undo"}} {
		if code := cmd(args...); code != 0 {
			t.Fatalf("%v: %d %s", args, code, errOut.String())
		}
		if strings.ContainsAny(out.String(), "\x1b\x07\u202e\u2067") {
			t.Errorf("%v prints raw control characters: %q", args, out.String())
		}
	}
	if code := cmd("journal", "list", "--json"); code != 0 || !strings.Contains(out.String(), `x\u001b[31mred`) {
		t.Fatalf("--json: %d %q", code, out.String())
	}
	if code := cmd("journal", "list"); code != 0 || !strings.Contains(out.String(), `Ev\u202eil`) || !strings.Contains(out.String(), `x\x1b[31mred`) {
		t.Fatalf("journal list: %q", out.String())
	}
}
