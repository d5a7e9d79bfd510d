package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plexus-pln/plexus/backend/interchange"
)

func TestWritesABackup(t *testing.T) {
	dir := t.TempDir()
	var files [2][]byte
	var ego string
	for i := range files {
		path := filepath.Join(dir, "b"+string(rune('0'+i))+".json")
		var stdout, stderr bytes.Buffer
		if rc := run([]string{"-nodes", "300", "-ties", "1200", "-seed", "5", "-out", path}, &stdout, &stderr); rc != 0 {
			t.Fatalf("exit %d: %s", rc, stderr.String())
		}
		ego = strings.TrimSpace(stdout.String())
		var err error
		if files[i], err = os.ReadFile(path); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Fatal("the same flags wrote two different files")
	}
	b, err := interchange.ReadBackup(bytes.NewReader(files[0]))
	if err != nil {
		t.Fatal(err)
	}
	if b.Ego != ego || len(b.Nodes) != 300 || len(b.Ties) != 1200 {
		t.Fatalf("ego %s (printed %s), %d nodes, %d ties", b.Ego, ego, len(b.Nodes), len(b.Ties))
	}
}

func TestBadFlags(t *testing.T) {
	out := filepath.Join(t.TempDir(), "x.json")
	for _, args := range [][]string{
		{"-nodes", "10"},                                // no -out
		{"-nodes", "0", "-out", out},                    // no ego
		{"-nodes", "10", "-ties", "1000", "-out", out},  // too many ties
		{"-nodes", "ten", "-out", out},                  // not a number
		{"-nodes", "10", "-out", out, "extra argument"}, // stray argument
		{"-nodes", "2000000000", "-out", out},           // beyond synth.MaxNodes (was: out of memory)
	} {
		var stdout, stderr bytes.Buffer
		if rc := run(args, &stdout, &stderr); rc != 2 || stdout.Len() != 0 || stderr.Len() == 0 {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, rc, stdout.String(), stderr.String())
		}
	}
	var stdout, stderr bytes.Buffer
	if rc := run([]string{"-out", filepath.Join(out, "no", "such", "dir.json")}, &stdout, &stderr); rc != 1 {
		t.Errorf("an unwritable path: exit %d", rc)
	}
}

func TestFailedWriteLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	if rc := run([]string{"-out", ""}, &stdout, &stderr); rc != 2 || !strings.Contains(stderr.String(), "-out FILE is required") {
		t.Errorf("empty -out: exit %d, %q", rc, stderr.String())
	}
	// The rename onto a directory fails after the whole file was written: nothing stays behind.
	target := filepath.Join(dir, "taken")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	if rc := run([]string{"-nodes", "50", "-ties", "100", "-out", target}, &stdout, &stderr); rc != 1 {
		t.Fatalf("exit %d: %s", rc, stderr.String())
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 || ents[0].Name() != "taken" || !ents[0].IsDir() {
		t.Fatalf("left behind: %v", ents)
	}
	// An earlier file is replaced whole, not truncated first.
	path := filepath.Join(dir, "b.json")
	if err := os.WriteFile(path, []byte("earlier"), 0o644); err != nil {
		t.Fatal(err)
	}
	if rc := run([]string{"-nodes", "50", "-ties", "100", "-out", path}, &stdout, &stderr); rc != 0 {
		t.Fatalf("exit %d: %s", rc, stderr.String())
	}
	if b, _ := os.ReadFile(path); !bytes.HasPrefix(bytes.TrimSpace(b), []byte("{")) {
		t.Fatalf("not the backup: %.40q", b)
	}
}
