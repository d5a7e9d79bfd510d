package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/service"
)

func TestParseArgs(t *testing.T) {
	cases := []struct {
		args    []string
		want    command
		wantErr string
	}{
		{nil, command{}, ""},
		{[]string{"--data-dir", "/d"}, command{dataDir: "/d"}, ""},
		{[]string{"-data-dir=/d"}, command{dataDir: "/d"}, ""},
		// Wails' dev flags are left to Wails.
		{[]string{"-assetdir", "frontend/dist", "-devserver", "127.0.0.1:3000", "--data-dir", "/d"}, command{dataDir: "/d"}, ""},
		{[]string{"backup", "--out", "b.json"}, command{name: "backup", out: "b.json"}, ""},
		{[]string{"backup", "--out=-", "--data-dir", "/d"}, command{name: "backup", out: "-", dataDir: "/d"}, ""},
		{[]string{"restore", "--in", "b.json", "--replace"}, command{name: "restore", in: "b.json", replace: true}, ""},
		{[]string{"import", "--data-dir", "/d", "--in", "x.opml"}, command{name: "import", files: []string{"x.opml"}, dataDir: "/d"}, ""},
		{[]string{"import", "--dry-run", "nodes.csv", "edges.csv", "--kind", "person", "--merge", "--skip-unreadable"}, command{name: "import", files: []string{"nodes.csv", "edges.csv"}, dryRun: true, kind: "person", merge: true, skipBad: true}, ""},
		{[]string{"import"}, command{}, "needs a FILE"},
		{[]string{"import", "x", "--format", "gexf"}, command{}, "unknown flag"},
		{[]string{"export", "--format", "gexf", "--out", "n.gexf"}, command{name: "export", format: "gexf", out: "n.gexf"}, ""},
		{[]string{"export", "--out", "n.gexf"}, command{}, "needs --format"},
		{[]string{"export", "--format", "gexf", "extra"}, command{}, "unexpected argument"},
		{[]string{"export", "--help"}, command{name: "export", help: true}, ""},
		{[]string{"--help"}, command{help: true}, ""},
		{[]string{"backup"}, command{}, "needs --out"},
		{[]string{"restore", "--replace"}, command{}, "needs --in"},
		{[]string{"backup", "--out"}, command{}, "needs a value"},
		{[]string{"backup", "--out", "x", "--bogus"}, command{}, "unknown flag"},
		{[]string{"restore", "--in", "x", "extra"}, command{}, "unexpected argument"},
		{[]string{"--data-dir="}, command{}, "needs a value"},
		{[]string{"history", "--limit", "5", "--undo-limit=200"}, command{name: "history", limit: 5, undoLimit: 200}, ""},
		{[]string{"history", "--limit", "0"}, command{}, "--limit must be a whole number 1–500"},
		{[]string{"undo", "--data-dir", "/d"}, command{name: "undo", dataDir: "/d"}, ""},
		{[]string{"redo"}, command{name: "redo"}, ""},
		{[]string{"help"}, command{help: true}, ""},
		{[]string{"backup", "--out", "b.json", "--as-of", "2026-02-30"}, command{}, "--as-of must be a date"},
		{[]string{"backup", "--out", "b.json", "--as-of", "2026-02-03"}, command{name: "backup", out: "b.json", asOf: "2026-02-03"}, ""},
		{[]string{"undo", "--as-of", "2026-02-03"}, command{}, "unknown flag"},
		{[]string{"histroy"}, command{}, `unknown command "histroy"`},
		{[]string{"check", "--json"}, command{name: "check", json: true}, ""},
		{[]string{"salvage", "--data-dir", "/d"}, command{name: "salvage", dataDir: "/d"}, ""},
		{[]string{"salvage", "--yes"}, command{name: "salvage", yes: true}, ""},
		{[]string{"salvage", "--json"}, command{}, "unknown flag"},
		{[]string{"backups", "--data-dir", "/d"}, command{name: "backups", dataDir: "/d"}, ""},
		{[]string{"backups", "--out", "x"}, command{}, "unknown flag"},
		{[]string{"backup", "--out", "b.json", "--as-of", ""}, command{}, "--as-of needs a date"},
		{[]string{"nodes", "list", "--json", "--data-dir", "/d"}, command{name: "nodes", sub: "list", json: true, dataDir: "/d"}, ""},
		{[]string{"nodes", "delete", "a", "b"}, command{name: "nodes", sub: "delete", ids: []string{"a", "b"}}, ""},
		{[]string{"nodes", "tag", "a", "--add", "go", "b", "--add=rust", "--remove", "x"}, command{name: "nodes", sub: "tag", ids: []string{"a", "b"}, add: []string{"go", "rust"}, remove: []string{"x"}}, ""},
		{[]string{"nodes"}, command{}, "plexus nodes needs a command"},
		{[]string{"nodes", "remove", "a"}, command{}, `unknown plexus nodes command "remove"`},
		{[]string{"nodes", "delete"}, command{}, "needs the ids"},
		{[]string{"nodes", "tag", "a"}, command{}, "needs --add TAG or --remove TAG"},
		{[]string{"nodes", "tag", "a", "--add"}, command{}, "needs a value"},
		// A flag is not taken as the value of the one before it.
		{[]string{"nodes", "tag", "a", "--add", "--json"}, command{}, "--add needs a value (--json is the next option"},
		{[]string{"nodes", "tag", "a", "--add", "--data-dir", "/d"}, command{}, "--add needs a value"},
		{[]string{"backup", "--out", "--data-dir", "/d"}, command{}, "--out needs a value"},
		{[]string{"nodes", "list", "a"}, command{}, "unexpected argument"},
		{[]string{"nodes", "delete", "a", "--json"}, command{}, "--json is for plexus nodes list"},
		{[]string{"nodes", "delete", "a", "--add", "go"}, command{}, "--add and --remove are for plexus nodes tag"},
		{[]string{"nodes", "list", "--limit", "3"}, command{}, "unknown flag"},
	}
	for _, c := range cases {
		got, err := parseArgs(c.args)
		if c.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("%v: err %v, want %q", c.args, err, c.wantErr)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%v: got %+v, %v; want %+v", c.args, got, err, c.want)
		}
	}
}

func TestInstanceID(t *testing.T) {
	a, b := instanceID("/data/a"), instanceID("/data/b")
	if a == b || a != instanceID("/data/a") || !strings.HasPrefix(a, "plexus-") || strings.ContainsAny(a, "./ ") {
		t.Fatalf("ids %q %q", a, b)
	}
}

// import --dry-run changes nothing; import FILE… and export on the same
// data folder; usage errors exit 2, help exits 0.
func TestImportExportCommands(t *testing.T) {
	dir := t.TempDir()
	fixture := filepath.Join("backend", "service", "testdata", "opml", "newsblur.opml")
	var out, errOut bytes.Buffer
	if code := run([]string{"import", "--data-dir", dir, "--dry-run", fixture}, &out, &errOut); code != 0 ||
		!strings.Contains(out.String(), "to add: ") || !strings.Contains(out.String(), "Dry run: nothing was changed.") {
		t.Fatalf("dry run: %d %q %q", code, out.String(), errOut.String())
	}
	opml := filepath.Join(t.TempDir(), "feeds.opml")
	out.Reset()
	if code := run([]string{"export", "--data-dir", dir, "--format", "opml", "--out", opml}, &out, &errOut); code != 0 {
		t.Fatalf("export: %d %s", code, errOut.String())
	}
	if data, err := os.ReadFile(opml); err != nil || strings.Contains(string(data), "xmlUrl") {
		t.Fatalf("after a dry run the export lists feeds: %v %s", err, data)
	}
	out.Reset()
	if code := run([]string{"import", "--data-dir", dir, fixture}, &out, &errOut); code != 0 || !strings.Contains(out.String(), "Imported newsblur.opml: ") {
		t.Fatalf("import: %d %q %q", code, out.String(), errOut.String())
	}
	out.Reset()
	if code := run([]string{"export", "--data-dir", dir, "--format", "opml", "--out", "-"}, &out, &errOut); code != 0 || !strings.Contains(out.String(), "xmlUrl") {
		t.Fatalf("export to stdout: %d %.200q", code, out.String())
	}
	errOut.Reset()
	if code := run([]string{"export", "--data-dir", dir, "--format", "klingon", "--out", "-"}, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), `cannot export the format "klingon"; it can export `) {
		t.Fatalf("unknown format: %d %q", code, errOut.String())
	}
	errOut.Reset()
	if code := run([]string{"import", "--data-dir", dir, "--kind", "robot", fixture}, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), "is not a kind") {
		t.Fatalf("bad kind: %d %q", code, errOut.String())
	}
	errOut.Reset()
	notes := filepath.Join(t.TempDir(), "photo.png")
	if err := os.WriteFile(notes, []byte("\x89PNG\r\n\x1a\nrest"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code := run([]string{"import", "--data-dir", dir, notes}, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "photo.png looks like a PNG image, which Plexus cannot import") {
		t.Fatalf("png: %d %q", code, errOut.String())
	}
	for _, args := range [][]string{{"help"}, {"import", "--help"}, {"export", "--help"}} {
		out.Reset()
		if code := run(args, &out, &errOut); code != 0 || !strings.Contains(out.String(), "plexus export  --format F") || !strings.Contains(out.String(), "opml ") {
			t.Fatalf("%v: %d %q", args, code, out.String())
		}
	}
	errOut.Reset()
	if code := run([]string{"frobnicate"}, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), `unknown command "frobnicate"`) || !strings.Contains(errOut.String(), "usage:") {
		t.Fatalf("unknown word: %d %q", code, errOut.String())
	}
}

// The commands run without a window: import, backup, restore.
func TestCommands(t *testing.T) {
	dir := t.TempDir()
	fixture := filepath.Join("backend", "service", "testdata", "opml", "netnewswire_Subs.opml")
	var out, errOut bytes.Buffer
	if code := run([]string{"import", "--data-dir", dir, "--in", fixture}, &out, &errOut); code != 0 {
		t.Fatalf("import: %d %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "Imported netnewswire_Subs.opml: 205 nodes, 0 ties, 0 entries added") ||
		!strings.Contains(out.String(), `note: line 44: "Katie Floyd" has the same feed URL`) {
		t.Fatalf("import said %q", out.String())
	}
	backup := filepath.Join(t.TempDir(), "b.json")
	out.Reset()
	if code := run([]string{"backup", "--data-dir", dir, "--out", backup}, &out, &errOut); code != 0 {
		t.Fatalf("backup: %d %s", code, errOut.String())
	}
	out.Reset()
	if code := run([]string{"backup", "--data-dir", dir, "--out", "-"}, &out, &errOut); code != 0 || !strings.Contains(out.String(), `"plexus-backup"`) {
		t.Fatalf("backup to stdout: %d %.100s", code, out.String())
	}

	other := t.TempDir()
	if code := run([]string{"restore", "--data-dir", other, "--in", backup}, &out, &errOut); code != 0 {
		t.Fatalf("restore into empty: %d %s", code, errOut.String())
	}
	errOut.Reset()
	if code := run([]string{"restore", "--data-dir", other, "--in", backup}, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "--replace") {
		t.Fatalf("restore over data without --replace: %d %q", code, errOut.String())
	}
	if code := run([]string{"restore", "--data-dir", other, "--in", backup, "--replace"}, &out, &errOut); code != 0 {
		t.Fatalf("restore --replace: %d %s", code, errOut.String())
	}
	errOut.Reset()
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code := run([]string{"restore", "--data-dir", other, "--in", bad, "--replace"}, &out, &errOut); code != 1 || errOut.Len() == 0 {
		t.Fatalf("bad restore: %d %q", code, errOut.String())
	}
	if code := run([]string{"backup"}, &out, &errOut); code != 2 {
		t.Fatalf("usage error exit %d", code)
	}
	log, err := os.ReadFile(filepath.Join(dir, "plexus.log"))
	if err != nil || !strings.Contains(string(log), "import published") {
		t.Fatalf("log: %v %s", err, log)
	}
}

func TestParseAsOf(t *testing.T) {
	loc := time.FixedZone("UTC+2", 2*3600)
	got, err := parseAsOf("2026-02-03", loc)
	if want := time.Date(2026, 2, 3, 23, 59, 59, 999999999, loc); err != nil || !got.Equal(want) {
		t.Fatalf("date: %v %v, want %v", got, err, want)
	}
	got, err = parseAsOf("2026-02-03T10:00:00+01:00", loc)
	if want := time.Date(2026, 2, 3, 9, 0, 0, 0, time.UTC); err != nil || !got.Equal(want) {
		t.Fatalf("RFC 3339: %v %v", got, err)
	}
}

// commandsOn returns a runner of plexus commands on the data folder dir;
// out and errOut hold what the last command printed.
func commandsOn(dir string) (cmd func(args ...string) int, out, errOut *bytes.Buffer) {
	out, errOut = new(bytes.Buffer), new(bytes.Buffer)
	cmd = func(args ...string) int {
		out.Reset()
		errOut.Reset()
		return run(append(args, "--data-dir", dir), out, errOut)
	}
	return cmd, out, errOut
}

// plexus history / undo / redo / backup --as-of on one data folder.
func TestHistoryCommands(t *testing.T) {
	dir := t.TempDir()
	fixture := filepath.Join("backend", "service", "testdata", "opml", "netnewswire_Subs.opml")
	cmd, out, errOut := commandsOn(dir)
	if code := cmd("history"); code != 0 || out.String() != "No changes yet.\n" {
		t.Fatalf("history on a new folder: %d %q %q", code, out.String(), errOut.String())
	}
	if code := cmd("undo"); code != 1 || !strings.Contains(errOut.String(), "There is nothing to undo.") {
		t.Fatalf("undo on a new folder: %d %q", code, errOut.String())
	}
	before := time.Now()
	if code := cmd("import", "--in", fixture); code != 0 {
		t.Fatalf("import: %d %s", code, errOut.String())
	}
	if code := cmd("history"); code != 0 || !strings.HasSuffix(out.String(), "  Import 205 sources from “netnewswire_Subs.opml”\n") {
		t.Fatalf("history: %d %q", code, out.String())
	}
	if code := cmd("undo"); code != 0 || out.String() != "Undo: Import 205 sources from “netnewswire_Subs.opml”\n" {
		t.Fatalf("undo: %d %q %q", code, out.String(), errOut.String())
	}
	if code := cmd("history"); code != 0 || strings.Count(out.String(), "\n") != 2 || !strings.Contains(out.String(), "“netnewswire_Subs.opml”  (undone; redo brings it back)\n") {
		t.Fatalf("history after undo: %q", out.String())
	}
	if code := cmd("backup", "--out", "-"); code != 0 || strings.Count(out.String(), `"label"`) != 1 {
		t.Fatalf("backup after undo holds %d nodes", strings.Count(out.String(), `"label"`))
	}
	if code := cmd("redo"); code != 0 || !strings.HasPrefix(out.String(), "Redo: Import 205") {
		t.Fatalf("redo: %d %q", code, out.String())
	}
	if code := cmd("backup", "--out", "-"); code != 0 || strings.Count(out.String(), `"label"`) != 206 {
		t.Fatalf("backup after redo holds %d nodes", strings.Count(out.String(), `"label"`))
	}
	// As of just before the import: the ego alone.
	asOf := filepath.Join(t.TempDir(), "then.json")
	if code := cmd("backup", "--out", asOf, "--as-of", before.Add(-time.Millisecond).Format(time.RFC3339Nano)); code != 0 {
		t.Fatalf("backup --as-of: %d %s", code, errOut.String())
	}
	if !strings.Contains(errOut.String(), "note: the history of this data folder begins at") {
		t.Fatalf("backup --as-of before the history began says nothing: %q", errOut.String())
	}
	data, err := os.ReadFile(asOf)
	if err != nil || strings.Count(string(data), `"label"`) != 1 || !strings.Contains(string(data), `"asOf"`) {
		t.Fatalf("as-of backup: %v %d labels", err, strings.Count(string(data), `"label"`))
	}
	if code := cmd("history", "--undo-limit", "1"); code != 0 || !strings.HasPrefix(out.String(), "Undo now reaches back 1 step.") {
		t.Fatalf("undo-limit: %d %q %q", code, out.String(), errOut.String())
	}
}

// A damaged data folder from the command line: check says what is wrong
// and changes nothing; backup refuses; restore --replace and salvage get
// the data back and keep the damaged store in damaged/.
func TestRecoveryCommands(t *testing.T) {
	fixture := filepath.Join("backend", "service", "testdata", "opml", "netnewswire_Subs.opml")
	runOK := func(want int, args ...string) (string, string) {
		t.Helper()
		var out, errOut bytes.Buffer
		if code := run(args, &out, &errOut); code != want {
			t.Fatalf("%v: exit %d, want %d; stdout %s stderr %s", args, code, want, out.String(), errOut.String())
		}
		return out.String(), errOut.String()
	}
	damage := func(dir string) {
		t.Helper()
		if err := os.Remove(filepath.Join(dir, "db", "MANIFEST")); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	runOK(0, "import", "--in", fixture, "--data-dir", dir)
	backup := filepath.Join(t.TempDir(), "b.json")
	runOK(0, "backup", "--out", backup, "--data-dir", dir)
	out, _ := runOK(0, "check", "--data-dir", dir)
	if !strings.Contains(out, "OK: the store is sound") || !strings.Contains(out, "Read 206 nodes") {
		t.Fatalf("check of a sound store: %s", out)
	}

	damage(dir)
	out, _ = runOK(1, "check", "--data-dir", dir)
	if !strings.Contains(out, "DAMAGED: MANIFEST: missing") || !strings.Contains(out, "plexus salvage") {
		t.Fatalf("check of a damaged store: %s", out)
	}
	out, _ = runOK(1, "check", "--json", "--data-dir", dir)
	if !strings.Contains(out, `"ok": false`) || !strings.Contains(out, `"file": "MANIFEST"`) {
		t.Fatalf("check --json: %s", out)
	}
	_, errOut := runOK(1, "backup", "--out", filepath.Join(t.TempDir(), "x.json"), "--data-dir", dir)
	if !strings.Contains(errOut, "is damaged (MANIFEST: missing") {
		t.Fatalf("backup of a damaged store: %s", errOut)
	}
	_, errOut = runOK(1, "restore", "--in", backup, "--data-dir", dir)
	if !strings.Contains(errOut, "add --replace") {
		t.Fatalf("restore without --replace: %s", errOut)
	}

	// salvage without --yes says what it would get back and changes nothing.
	out, _ = runOK(0, "salvage", "--data-dir", dir)
	if !strings.Contains(out, "What can still be read: 206 nodes") || !strings.Contains(out, "Nothing was replaced") {
		t.Fatalf("salvage without --yes: %s", out)
	}
	runOK(1, "check", "--data-dir", dir)
	// salvage --yes: every record comes back.
	out, _ = runOK(0, "salvage", "--yes", "--data-dir", dir)
	if !strings.Contains(out, "Salvaged 206 nodes") || !strings.Contains(out, filepath.Join(dir, "damaged")) {
		t.Fatalf("salvage: %s", out)
	}
	out, _ = runOK(0, "check", "--data-dir", dir)
	if !strings.Contains(out, "Read 206 nodes") {
		t.Fatalf("check after salvage: %s", out)
	}
	// A sound store is not salvaged.
	if _, errOut := runOK(1, "salvage", "--yes", "--data-dir", dir); !strings.Contains(errOut, "is sound") {
		t.Fatalf("salvage of a sound store: %s", errOut)
	}

	// restore --replace over a damaged store.
	damage(dir)
	out, _ = runOK(0, "restore", "--replace", "--in", backup, "--data-dir", dir)
	if !strings.Contains(out, "The damaged store was moved to") {
		t.Fatalf("restore --replace: %s", out)
	}
	out, _ = runOK(0, "check", "--data-dir", dir)
	if !strings.Contains(out, "Read 206 nodes") {
		t.Fatalf("check after restore: %s", out)
	}
	kept, _ := filepath.Glob(filepath.Join(dir, "damaged", "db-*"))
	if len(kept) != 2 {
		t.Fatalf("damaged stores kept: %v", kept)
	}
}

// A command writes the day's automatic backup on its way out;
// "plexus backups" lists it without opening the store.
func TestBackupsCommand(t *testing.T) {
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	if code := run([]string{"backups", "--data-dir", dir}, &out, &errOut); code != 0 || !strings.Contains(out.String(), "No automatic backups yet") {
		t.Fatalf("backups of a new folder: %d %q %q", code, out.String(), errOut.String())
	}
	fixture := filepath.Join("backend", "service", "testdata", "opml", "netnewswire_Subs.opml")
	if code := run([]string{"import", "--data-dir", dir, "--in", fixture}, &out, &errOut); code != 0 {
		t.Fatalf("import: %d %s", code, errOut.String())
	}
	daily, _ := filepath.Glob(filepath.Join(dir, service.BackupsDir, "daily-*.json"))
	if len(daily) != 1 {
		t.Fatalf("daily backups after the first command: %q", daily)
	}
	out.Reset()
	if code := run([]string{"backups", "--data-dir", dir}, &out, &errOut); code != 0 {
		t.Fatalf("backups: %d %s", code, errOut.String())
	}
	if s := out.String(); !strings.Contains(s, "daily") || !strings.Contains(s, "206 nodes, 0 ties, 0 entries") || !strings.Contains(s, filepath.Base(daily[0])) {
		t.Fatalf("backups said:\n%s", s)
	}
	// Not due again the same day.
	if code := run([]string{"history", "--data-dir", dir}, &out, &errOut); code != 0 {
		t.Fatalf("history: %d %s", code, errOut.String())
	}
	if again, _ := filepath.Glob(filepath.Join(dir, service.BackupsDir, "daily-*.json")); len(again) != 1 {
		t.Fatalf("daily backups after a second command: %q", again)
	}
}

// plexus nodes list / tag / delete on one data folder: each write is one
// step that plexus undo takes back; bad ids and the ego are refused with
// the reason, and change nothing.
func TestNodesCommands(t *testing.T) {
	dir := t.TempDir()
	fixture := filepath.Join("backend", "service", "testdata", "opml", "netnewswire_Subs.opml")
	cmd, out, errOut := commandsOn(dir)
	if code := cmd("import", fixture); code != 0 {
		t.Fatalf("import: %d %s", code, errOut.String())
	}
	list := func() [][]string {
		t.Helper()
		if code := cmd("nodes", "list"); code != 0 {
			t.Fatalf("nodes list: %d %s", code, errOut.String())
		}
		var rows [][]string
		for _, l := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
			f := strings.Split(l, "\t")
			if len(f) != 5 {
				t.Fatalf("line %q has %d fields, want 5", l, len(f))
			}
			rows = append(rows, f)
		}
		return rows
	}
	rows := list()
	if len(rows) != 206 || rows[0][2] != "Me" {
		t.Fatalf("%d nodes, first %q", len(rows), rows[0])
	}
	ego, a, b := rows[0][0], rows[1][0], rows[2][0]
	if rows[1][1] != "source" || rows[1][3] != "" || rows[1][4] != "" {
		t.Fatalf("an imported source lists as %q", rows[1])
	}

	if code := cmd("nodes", "tag", a, b, "--add", "go", "--add", "Go", "--add", "news"); code != 0 || out.String() != "Tag 2 nodes “go”, “news”\n" {
		t.Fatalf("tag: %d %q %q", code, out.String(), errOut.String())
	}
	if rows := list(); rows[1][3] != "go,news" || rows[2][3] != "go,news" {
		t.Fatalf("tags after tag: %q %q", rows[1], rows[2])
	}
	if code := cmd("nodes", "tag", a, "--remove", "never-there"); code != 0 || out.String() != "No node changed: none of them had these tags.\n" {
		t.Fatalf("untag of a tag nobody has: %d %q %q", code, out.String(), errOut.String())
	}
	if code := cmd("nodes", "tag", a, "--add", "news"); code != 0 || out.String() != "No node changed: they already had these tags.\n" {
		t.Fatalf("a tag already there: %d %q %q", code, out.String(), errOut.String())
	}
	if code := cmd("nodes", "tag", a, "--remove", "GO"); code != 0 || out.String() != "Untag 1 node “GO”\n" {
		t.Fatalf("untag: %d %q %q", code, out.String(), errOut.String())
	}
	if code := cmd("nodes", "list", "--json"); code != 0 {
		t.Fatalf("list --json: %d %s", code, errOut.String())
	}
	var nodes []nodeLine
	if err := json.Unmarshal(out.Bytes(), &nodes); err != nil || len(nodes) != 206 || !nodes[0].Ego || nodes[0].ID != ego ||
		!slices.Equal(nodes[1].Tags, []string{"news"}) || !slices.Equal(nodes[2].Tags, []string{"go", "news"}) || nodes[3].Tags == nil {
		t.Fatalf("list --json: %v %+v", err, nodes[:min(4, len(nodes))])
	}

	// Refusals: the reason, and nothing changed; exit 2 for input the
	// service refuses (invalid), 1 for a node that is not there.
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"nodes", "delete", a, "not-an-id"}, 2, `The node id "not-an-id" is not a valid id.`},
		{[]string{"nodes", "delete", "bogus"}, 2, `The node id "bogus" is not a valid id.`},
		{[]string{"nodes", "delete", a, ego}, 2, "cannot be deleted"},
		{[]string{"nodes", "delete", a, "0190a0a0-0000-7000-8000-000000000000"}, 1, "No node with id 0190a0a0-0000-7000-8000-000000000000"},
		{[]string{"nodes", "tag", "nope", "--add", "x"}, 2, `The node id "nope" is not a valid id.`},
		{[]string{"nodes", "tag", a, "--add", ""}, 2, ""},
	} {
		if code := cmd(c.args...); code != c.code || !strings.Contains(errOut.String(), c.msg) {
			t.Fatalf("%v: %d %q, want %d %q", c.args, code, errOut.String(), c.code, c.msg)
		}
	}
	if code := cmd("nodes", "delete"); code != 2 || !strings.Contains(errOut.String(), "needs the ids") {
		t.Fatalf("delete without ids: %d %q", code, errOut.String())
	}
	if len(list()) != 206 {
		t.Fatal("a refused delete deleted nodes")
	}

	if code := cmd("nodes", "delete", a, b, a); code != 0 || out.String() != "Delete 2 nodes\n" {
		t.Fatalf("delete: %d %q %q", code, out.String(), errOut.String())
	}
	if len(list()) != 204 {
		t.Fatal("delete left the nodes")
	}
	if code := cmd("undo"); code != 0 || out.String() != "Undo: Delete 2 nodes\n" {
		t.Fatalf("undo: %d %q %q", code, out.String(), errOut.String())
	}
	if rows := list(); len(rows) != 206 || rows[1][3] != "news" {
		t.Fatalf("after undo: %d nodes, %q", len(rows), rows[1])
	}
}

// A data folder that is not there is a typo for every command but the ones
// that start a network (the window, import, restore): it is reported and not
// created (a new, empty network would answer "no node with id …").
func TestCommandsRefuseAMissingDataFolder(t *testing.T) {
	for _, args := range [][]string{
		{"nodes", "list"},
		{"nodes", "delete", "01a23c40-442d-7ae9-814a-7abe0bc257d5"},
		{"history"},
		{"undo"},
		{"export", "--format", "gexf", "--out", "-"},
		{"check"},
		{"backup", "--out", "-"},
	} {
		dir := filepath.Join(t.TempDir(), "typo", "plexus")
		var out, errOut bytes.Buffer
		code := run(append(args, "--data-dir", dir), &out, &errOut)
		if code != 1 || !strings.Contains(errOut.String(), "there is no Plexus data folder at "+dir) {
			t.Errorf("%v: exit %d, stderr %q; want 1 and the missing folder named", args, code, errOut.String())
		}
		if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%v: the folder %s was created (%v)", args, dir, err)
		}
	}
}

// plexus nodes duplicates: groups of nodes sharing a label or an address.
func TestNodesDuplicatesCommand(t *testing.T) {
	dir := t.TempDir()
	opml := filepath.Join(t.TempDir(), "feeds.opml")
	if err := os.WriteFile(opml, []byte(`<?xml version="1.0"?><opml version="2.0"><body>
<outline text="Go Blog" type="rss" xmlUrl="https://go.dev/blog/feed.atom"/>
<outline text="go blog!" type="rss" xmlUrl="https://example.org/other.xml"/>
<outline text="Rust Blog" type="rss" xmlUrl="https://blog.rust-lang.org/feed.xml"/>
</body></opml>`), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd, out, errOut := commandsOn(dir)
	if code := cmd("import", opml); code != 0 {
		t.Fatalf("import: %d %s", code, errOut.String())
	}
	if code := cmd("nodes", "duplicates"); code != 0 {
		t.Fatalf("duplicates: %d %s", code, errOut.String())
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 3 || lines[0] != "label: 2 nodes" || !strings.HasSuffix(lines[1], "\tsource\tGo Blog") || !strings.HasSuffix(lines[2], "\tsource\tgo blog!") {
		t.Fatalf("duplicates: %q", out.String())
	}
	if code := cmd("nodes", "duplicates", "--json"); code != 0 {
		t.Fatalf("duplicates --json: %d %s", code, errOut.String())
	}
	var groups []service.DuplicateGroup
	if err := json.Unmarshal(out.Bytes(), &groups); err != nil || len(groups) != 1 || len(groups[0].Nodes) != 2 || groups[0].Reason != "label" {
		t.Fatalf("duplicates --json: %v %s", err, out.String())
	}
	if code := cmd("nodes", "duplicates", "extra"); code != 2 || !strings.Contains(errOut.String(), `unexpected argument "extra"`) {
		t.Fatalf("an extra argument: %d %q", code, errOut.String())
	}
}

// An import of several files whose second is refused names that file, not
// the first (found by the newcomer test: "good.opml: bad.txt looks like…").
func TestImportErrorNamesTheRefusedFile(t *testing.T) {
	dir := t.TempDir()
	files := t.TempDir()
	good := filepath.Join(files, "good.opml")
	bad := filepath.Join(files, "bad.txt")
	if err := os.WriteFile(good, []byte(`<?xml version="1.0"?><opml version="2.0"><body><outline text="Go Blog" type="rss" xmlUrl="https://go.dev/blog/feed.atom"/></body></opml>`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte("just some notes about a network\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd, _, errOut := commandsOn(dir)
	code := cmd("import", good, bad)
	if code == 0 || !strings.Contains(errOut.String(), "bad.txt looks like") || strings.Contains(errOut.String(), "good.opml") {
		t.Fatalf("import good bad: %d %q", code, errOut.String())
	}
}
