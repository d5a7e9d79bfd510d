package service

import (
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

var discard = slog.New(slog.DiscardHandler)

// damagedEnv is a data folder with the populate() content, closed cleanly,
// whose MANIFEST is then deleted: Open refuses it. It returns the folder
// and the network and journal as they were.
func damagedEnv(t *testing.T) (dir, network, entries string) {
	t.Helper()
	e := newEnv(t)
	populate(t, e)
	network, entries = e.networkJSON(), e.entriesJSON()
	noErr(t, e.st.Close())
	if err := os.Remove(filepath.Join(e.dir, StoreDir, "MANIFEST")); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Open(filepath.Join(e.dir, StoreDir), store.Options{}); pln.CodeOf(err) != pln.CodeDamaged {
		t.Fatalf("Open of the damaged store: %v, want damaged", err)
	}
	return e.dir, network, entries
}

func TestCheckDataDir(t *testing.T) {
	e := newEnv(t)
	populate(t, e)
	noErr(t, e.st.Close())
	rep := must[CheckReport](t)(CheckDataDir(e.dir, nil, discard))
	if !rep.OK() || !rep.Opened || rep.Nodes < 3 || rep.Ties != 1 || rep.Entries != 3 {
		t.Fatalf("sound store: %+v", rep)
	}
	// Checking changes nothing, not even a harmless leftover that an
	// open would set right.
	noErr(t, os.WriteFile(filepath.Join(e.dir, StoreDir, "00099.mem"), nil, 0o600))
	before := folderFiles(t, filepath.Join(e.dir, StoreDir))
	rep = must[CheckReport](t)(CheckDataDir(e.dir, nil, discard))
	if !rep.OK() {
		t.Fatalf("sound store with a leftover: %+v", rep)
	}
	if after := folderFiles(t, filepath.Join(e.dir, StoreDir)); after != before {
		t.Fatalf("check changed the folder:\n%s\n---\n%s", before, after)
	}
	dir, _, _ := damagedEnv(t)
	rep = must[CheckReport](t)(CheckDataDir(dir, nil, discard))
	if rep.OK() || rep.Opened || len(rep.Problems) == 0 || rep.Problems[0].File != "MANIFEST" {
		t.Fatalf("damaged store: %+v", rep)
	}
}

func TestSalvageDataDir(t *testing.T) {
	dir, network, entries := damagedEnv(t)
	rep, aside, err := SalvageDataDir(dir, nil, discard, time.Now())
	noErr(t, err)
	if rep.Entries != 3 || len(rep.Unreadable) != 0 {
		t.Fatalf("report %+v", rep)
	}
	if _, err := os.Stat(filepath.Join(aside, "000001.sst")); err != nil {
		t.Fatalf("the damaged store was not kept in %s: %v", aside, err)
	}
	if !strings.HasPrefix(aside, filepath.Join(dir, DamagedDir)) {
		t.Fatalf("moved to %s", aside)
	}
	e := openEnv(t, dir)
	if got := e.networkJSON(); got != network {
		t.Fatalf("salvaged network differs:\n got %s\nwant %s", got, network)
	}
	if got := e.entriesJSON(); got != entries {
		t.Fatalf("salvaged journal differs")
	}
}

// A crash between moving the damaged store aside and renaming the
// salvaged one into place is finished by FinishRecovery; a salvage cut
// short before it was complete is removed and the damaged store stays.
func TestFinishRecovery(t *testing.T) {
	dir, network, _ := damagedEnv(t)
	tmp := filepath.Join(dir, salvagedDir)
	_, err := store.Salvage(filepath.Join(dir, StoreDir), tmp, store.Options{})
	noErr(t, err)
	// Not marked complete: removed, db untouched.
	noErr(t, FinishRecovery(dir, discard))
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Fatalf("an incomplete salvage was kept: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, StoreDir, "000001.sst")); err != nil {
		t.Fatal("the damaged store was touched")
	}
	// Complete, and the crash came after the damaged store was moved.
	_, err = store.Salvage(filepath.Join(dir, StoreDir), tmp, store.Options{})
	noErr(t, err)
	noErr(t, os.WriteFile(filepath.Join(tmp, salvageDone), nil, 0o600))
	_, err = MoveStoreAside(dir, time.Now())
	noErr(t, err)
	noErr(t, FinishRecovery(dir, discard))
	e := openEnv(t, dir)
	if got := e.networkJSON(); got != network {
		t.Fatal("the finished salvage lost data")
	}
}

func TestRestoreIntoNewStore(t *testing.T) {
	src := newEnv(t)
	populate(t, src)
	backup := filepath.Join(t.TempDir(), "b.json")
	noErr(t, src.svc.Backup.ExportBackup(backup))
	network := src.networkJSON()

	dir, _, _ := damagedEnv(t)
	// A bad file changes nothing.
	bad := filepath.Join(t.TempDir(), "bad.json")
	noErr(t, os.WriteFile(bad, []byte(`{"format":"plexus-backup"`), 0o600))
	if _, err := RestoreIntoNewStore(dir, bad, nil, time.Now()); err == nil {
		t.Fatal("a bad backup was accepted")
	}
	if _, err := os.Stat(filepath.Join(dir, StoreDir)); err != nil {
		t.Fatal("a bad backup moved the store")
	}
	aside, err := RestoreIntoNewStore(dir, backup, nil, time.Now())
	noErr(t, err)
	if _, err := os.Stat(filepath.Join(aside, "000001.sst")); err != nil {
		t.Fatalf("the damaged store was not kept: %v", err)
	}
	e := openEnv(t, dir)
	got := e.networkJSON()
	if !strings.Contains(got, "Grace") || len(got) != len(network) {
		t.Fatalf("restored network:\n got %s\nwant %s", got, network)
	}
}

// A data folder whose db/ is gone but which holds backups or damaged
// stores must not start a new, empty network; a restore waiting in
// restore-pending.json, or a brand-new folder, may.
func TestCheckStorePresent(t *testing.T) {
	dir := t.TempDir()
	noErr(t, CheckStorePresent(dir)) // new
	noErr(t, os.MkdirAll(filepath.Join(dir, BackupsDir), 0o700))
	noErr(t, os.WriteFile(filepath.Join(dir, BackupsDir, "daily-20261201T000000.000Z.json"), []byte("{}"), 0o600))
	wantCode(t, CheckStorePresent(dir), pln.CodeDamaged)
	noErr(t, os.WriteFile(filepath.Join(dir, PendingRestoreFile), []byte("{}"), 0o600))
	noErr(t, CheckStorePresent(dir))
	noErr(t, os.Remove(filepath.Join(dir, PendingRestoreFile)))
	noErr(t, os.MkdirAll(filepath.Join(dir, StoreDir), 0o700))
	noErr(t, CheckStorePresent(dir))
}

// A crash after the salvaged store was renamed into place but before its
// marker was removed: the next FinishRecovery removes the marker and the
// store opens with everything.
func TestFinishRecoveryAfterRename(t *testing.T) {
	dir, network, _ := damagedEnv(t)
	tmp := filepath.Join(dir, salvagedDir)
	_, err := store.Salvage(filepath.Join(dir, StoreDir), tmp, store.Options{})
	noErr(t, err)
	noErr(t, os.WriteFile(filepath.Join(tmp, salvageDone), nil, 0o600))
	_, err = MoveStoreAside(dir, time.Now())
	noErr(t, err)
	noErr(t, os.Rename(tmp, filepath.Join(dir, StoreDir))) // then the crash
	noErr(t, FinishRecovery(dir, discard))
	if _, err := os.Stat(filepath.Join(dir, StoreDir, salvageDone)); !os.IsNotExist(err) {
		t.Fatalf("the marker is still there: %v", err)
	}
	if got := openEnv(t, dir).networkJSON(); got != network {
		t.Fatal("the salvaged store lost data")
	}
}

// folderFiles lists a folder's files with their sizes and modification times.
func folderFiles(t *testing.T, dir string) string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	noErr(t, err)
	var b strings.Builder
	for _, e := range ents {
		info, err := e.Info()
		noErr(t, err)
		b.WriteString(e.Name() + " " + info.ModTime().String() + " " + strconv.FormatInt(info.Size(), 10) + "\n")
	}
	return b.String()
}
