package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
		{[]string{"import", "--data-dir", "/d", "--in", "x.opml"}, command{name: "import", in: "x.opml", dataDir: "/d"}, ""},
		{[]string{"--help"}, command{help: true}, ""},
		{[]string{"backup"}, command{}, "needs --out"},
		{[]string{"restore", "--replace"}, command{}, "needs --in"},
		{[]string{"backup", "--out"}, command{}, "needs a value"},
		{[]string{"backup", "--out", "x", "--bogus"}, command{}, "unknown flag"},
		{[]string{"restore", "--in", "x", "extra"}, command{}, "unexpected argument"},
		{[]string{"--data-dir="}, command{}, "needs a value"},
	}
	for _, c := range cases {
		got, err := parseArgs(c.args)
		if c.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("%v: err %v, want %q", c.args, err, c.wantErr)
			}
			continue
		}
		if err != nil || got != c.want {
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

// The commands run without a window: import, backup, restore.
func TestCommands(t *testing.T) {
	dir := t.TempDir()
	fixture := filepath.Join("backend", "service", "testdata", "opml", "netnewswire_Subs.opml")
	var out, errOut bytes.Buffer
	if code := run([]string{"import", "--data-dir", dir, "--in", fixture}, &out, &errOut); code != 0 {
		t.Fatalf("import: %d %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "207 nodes added") {
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
