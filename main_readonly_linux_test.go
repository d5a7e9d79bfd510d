package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/plexus-pln/plexus/backend/interchange"
	"github.com/plexus-pln/plexus/backend/store"
)

// A data folder on a read-only disk: the commands say so in plain words
// (tests run as root, where chmod does not stop writes, so a tmpfs is
// remounted read-only), for an existing data folder (the log cannot be
// opened: Plexus goes on and the store says what is wrong) and for one
// that does not exist yet.
func TestReadOnlyDataFolderCommands(t *testing.T) {
	disk := t.TempDir()
	if err := syscall.Mount("tmpfs", disk, "tmpfs", 0, fmt.Sprintf("size=%d", store.WriteReserve+32<<20)); err != nil {
		t.Fatalf("mounting a tmpfs (tests run as root): %v", err)
	}
	defer syscall.Unmount(disk, syscall.MNT_DETACH)
	dir := filepath.Join(disk, "data")
	var out, errOut bytes.Buffer
	fixture := filepath.Join("backend", "service", "testdata", "opml", "newsblur.opml")
	if code := run([]string{"import", "--data-dir", dir, "--in", fixture}, &out, &errOut); code != 0 {
		t.Fatalf("import: %d %s", code, errOut.String())
	}
	if err := syscall.Mount("tmpfs", disk, "tmpfs", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Fatalf("remounting read-only: %v", err)
	}
	// A data folder that exists can still be read, from a copy: the
	// backup is whole and says how it was made.
	out.Reset()
	errOut.Reset()
	if code := run([]string{"backup", "--data-dir", dir, "--out", "-"}, &out, &errOut); code != 0 {
		t.Fatalf("backup from a read-only data folder: exit %d, said %q", code, errOut.String())
	}
	if !strings.Contains(errOut.String(), "cannot be written, so the backup is made from a copy") {
		t.Fatalf("no note about the copy: %q", errOut.String())
	}
	b, err := interchange.ReadBackup(bytes.NewReader(out.Bytes()))
	if err != nil || len(b.Nodes) != 6 {
		t.Fatalf("the backup from the copy: %v, %d nodes; want the ego and 5 feeds", err, len(b.Nodes))
	}
	// One that does not exist yet, for a command that makes it (import),
	// says the disk is read-only.
	d := filepath.Join(disk, "new")
	errOut.Reset()
	code := run([]string{"import", "--data-dir", d, "--in", fixture}, &out, &errOut)
	if code != 1 || !strings.Contains(errOut.String(), "mounted read-only") || !strings.Contains(errOut.String(), d) {
		t.Fatalf("import into %s on a read-only disk: exit %d, said %q", d, code, errOut.String())
	}
	t.Logf("%s: %s", d, strings.TrimSpace(errOut.String()))
}
