package store

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/plexus-pln/plexus/backend/pln"
)

// On a disk below the write reserve value-log GC does not run (it would
// rewrite into a new value-log file first), a copy into a new store (turning
// encryption on) is refused, and an Update that writes is refused while one
// that only reads passes. (The whole full-disk scenario,
// in a child process, is service.TestDiskFull.)
func TestLowDiskGCAndUpdate(t *testing.T) {
	disk := t.TempDir()
	if err := syscall.Mount("tmpfs", disk, "tmpfs", 0, fmt.Sprintf("size=%d", WriteReserve+16<<20)); err != nil {
		t.Fatalf("mounting a tmpfs (tests run as root): %v", err)
	}
	defer syscall.Unmount(disk, syscall.MNT_DETACH)
	var logs bytes.Buffer
	s, err := Open(filepath.Join(disk, "db"), Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	mustUpdate(t, s, func(tx *Tx) error { return tx.PutNode(node("before")) })
	f, err := os.Create(filepath.Join(disk, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 1<<20)
	for {
		free, err := FreeSpace(disk)
		if err != nil {
			t.Fatal(err)
		}
		if free < WriteReserve-8<<20 {
			break
		}
		if _, err := f.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	f.Close()

	s.runGC()
	if !strings.Contains(logs.String(), "value-log GC skipped") {
		t.Fatalf("GC ran below the reserve; log:\n%s", logs.String())
	}
	err = s.Update(func(tx *Tx) error { return tx.PutNode(node("refused")) })
	if pln.CodeOf(err) != pln.CodeDiskFull {
		t.Fatalf("a write below the reserve: %v, want disk_full", err)
	}
	if err := s.Update(func(tx *Tx) error { _, err := tx.ListNodes(); return err }); err != nil {
		t.Fatalf("an Update that only reads below the reserve: %v", err)
	}
	if _, err := s.CopyTo(filepath.Join(disk, "copy"), Options{}); pln.CodeOf(err) != pln.CodeDiskFull {
		t.Fatalf("a copy (turning encryption on) below the reserve: %v, want disk_full", err)
	}
	if _, err := os.Stat(filepath.Join(disk, "copy")); !os.IsNotExist(err) {
		t.Fatalf("the refused copy left its folder: %v", err)
	}
	var n int
	if err := s.View(func(tx *Tx) error { ns, err := tx.ListNodes(); n = len(ns); return err }); err != nil || n != 1 {
		t.Fatalf("after the refused write: %d nodes, %v", n, err)
	}
}
