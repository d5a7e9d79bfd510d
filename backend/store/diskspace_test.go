package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/plexus-pln/plexus/backend/pln"
)

// The reserves follow from the store's Badger options
// (docs/decisions/disk-space.md); a change there must be a change here.
func TestReserves(t *testing.T) {
	if OpenReserve != 122<<20 || WriteReserve != 218<<20 || CloseReserve != 32<<20 {
		t.Fatalf("reserves %d/%d/%d MiB, want 122/218/32 as docs/decisions/disk-space.md reasons", OpenReserve>>20, WriteReserve>>20, CloseReserve>>20)
	}
}

func TestFreeSpaceOfAFolderNotYetThere(t *testing.T) {
	dir := t.TempDir()
	want, err := FreeSpace(dir)
	if err != nil || want == 0 {
		t.Fatalf("FreeSpace(%s) = %d, %v", dir, want, err)
	}
	got, err := FreeSpace(filepath.Join(dir, "not", "yet", "db"))
	if err != nil || got == 0 {
		t.Fatalf("FreeSpace of a folder not there yet = %d, %v; want its parent's", got, err)
	}
}

func TestCheckSpaceMessage(t *testing.T) {
	dir := t.TempDir()
	free, err := FreeSpace(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckSpace(dir, 1, "save changes", "try again"); err != nil {
		t.Fatalf("1 byte needed: %v", err)
	}
	err = CheckSpace(dir, free+1<<40, "import “feeds.opml”", "try again")
	if pln.CodeOf(err) != pln.CodeDiskFull {
		t.Fatalf("more than the disk: %v, want disk_full", err)
	}
	msg := pln.AsError(err).Message
	for _, want := range []string{"The disk holding " + dir + " is full (", " MB free)", "to import “feeds.opml” safely", "nothing", "then try again."} {
		if !strings.Contains(msg, want) {
			t.Fatalf("message %q lacks %q", msg, want)
		}
	}
}

func TestNoSpace(t *testing.T) {
	dir := t.TempDir()
	err := NoSpace(dir, fmt.Errorf("writing x: %w", &os.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}))
	if pln.CodeOf(err) != pln.CodeDiskFull || !strings.Contains(pln.AsError(err).Message, "The disk holding "+dir+" is full (") {
		t.Fatalf("ENOSPC: %v, want disk_full naming %s", err, dir)
	}
	other := errors.New("something else")
	if got := NoSpace(dir, other); got != other {
		t.Fatalf("another error came back as %v", got)
	}
}

// In-memory stores have no disk: EnsureSpace always passes.
func TestEnsureSpaceInMemory(t *testing.T) {
	s, err := Open("", Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.EnsureSpace(1<<62, "anything"); err != nil {
		t.Fatalf("in memory: %v", err)
	}
}
