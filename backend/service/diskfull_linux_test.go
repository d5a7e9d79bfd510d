package service

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// The full-disk tests run their scenario in a child process (the test
// binary again, with envDiskPhase set): a SIGBUS inside Badger kills the
// process, and the parent reports it as the failure it is.
const (
	envDiskPhase = "PLEXUS_DISKFULL_PHASE" // "full" or "freed"
	envDiskDir   = "PLEXUS_DISKFULL_DIR"   // the small tmpfs
	envDiskWork  = "PLEXUS_DISKFULL_WORK"  // a folder off the tmpfs (expected state, backup file)
)

// tmpfsSize is the small disk's size: a little over WriteReserve, so that
// filling it takes little memory.
const tmpfsSize = store.WriteReserve + 64<<20

// mountTmpfs mounts a tmpfs of size bytes at a fresh folder (tests run as
// root; a refused mount fails the test: CI runs as root).
func mountTmpfs(t *testing.T, size int64) string {
	t.Helper()
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, fmt.Sprintf("size=%d,mode=0700", size)); err != nil {
		t.Fatalf("mounting a %d MB tmpfs at %s (the full-disk tests run as root): %v", size>>20, dir, err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, syscall.MNT_DETACH); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	return dir
}

// runPhase runs TestDiskFullChild in a child process and fails on a crash
// (a signal: SIGBUS from a write into a mapped file on a full disk) or a
// failed child.
func runPhase(t *testing.T, phase, disk, work string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestDiskFullChild$", "-test.v")
	cmd.Env = append(os.Environ(), envDiskPhase+"="+phase, envDiskDir+"="+disk, envDiskWork+"="+work)
	out, err := cmd.CombinedOutput()
	// The Go runtime reports a fault in a mapping as "fatal error: fault
	// [signal SIGBUS …]" and exits 2; a fault outside Go code kills it.
	if i := strings.Index(string(out), "[signal SIG"); i >= 0 {
		t.Fatalf("phase %s: the process crashed (a full disk must be an error, never a crash): %s\n%s", phase,
			strings.SplitN(string(out[i:]), "\n", 2)[0], tail(out))
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			t.Fatalf("phase %s: the process crashed with %v (a full disk must be an error, never a crash):\n%s", phase, ws.Signal(), tail(out))
		}
		t.Fatalf("phase %s failed (%v):\n%s", phase, err, tail(out))
	}
	if err != nil {
		t.Fatalf("phase %s: %v", phase, err)
	}
	if !strings.Contains(string(out), "--- PASS: TestDiskFullChild") {
		t.Fatalf("phase %s did not run:\n%s", phase, tail(out))
	}
	for _, line := range strings.Split(string(out), "\n") {
		if strings.Contains(line, "diskfull:") {
			t.Log(strings.TrimSpace(line))
		}
	}
}

func tail(b []byte) string {
	if len(b) > 6000 {
		b = b[len(b)-6000:]
	}
	return string(b)
}

// TestDiskFull: on a small tmpfs, gestures, undo, imports and restores on
// a disk below the write reserve — and on a disk with no byte free — are
// disk_full errors that say how much is free, nothing changes, nothing
// crashes; Open below the open reserve is disk_full; once space returns
// everything is there and works. See docs/reliability.md, "Full disk".
func TestDiskFull(t *testing.T) {
	disk := mountTmpfs(t, tmpfsSize)
	work := t.TempDir()
	runPhase(t, "full", disk, work)
	runPhase(t, "freed", disk, work)
}

// TestDiskFullChild is not a test: it is the child of TestDiskFull.
func TestDiskFullChild(t *testing.T) {
	phase := os.Getenv(envDiskPhase)
	if phase == "" {
		t.Skip("helper process for TestDiskFull")
	}
	disk, work := os.Getenv(envDiskDir), os.Getenv(envDiskWork)
	d := &diskScenario{t: t, data: filepath.Join(disk, "data"), filler: filepath.Join(disk, "filler"),
		expected: filepath.Join(work, "expected.json"), backup: filepath.Join(work, "backup.json")}
	switch phase {
	case "full":
		d.full()
	case "freed":
		d.freed()
	}
}

type diskScenario struct {
	t                              *testing.T
	data, filler, expected, backup string
	st                             *store.Store
	svc                            *Services
}

// open opens the store and services with the production options (synced
// writes) on d.data.
func (d *diskScenario) open() error {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	st, err := store.Open(filepath.Join(d.data, "db"), store.Options{Logger: log})
	if err != nil {
		return err
	}
	svc, err := New(Deps{Store: st, Log: log, DataDir: d.data})
	if err != nil {
		_ = st.Close()
		return err
	}
	d.st, d.svc = st, svc
	return nil
}

// state is everything a user could lose: the network, the journal and the
// history, as JSON.
func (d *diskScenario) state() string {
	t := d.t
	t.Helper()
	nw := must[Network](t)(d.svc.Network.Network())
	entries := must[EntryPage](t)(d.svc.Journal.ListEntries(EntryQuery{Limit: 500}))
	hist := must[HistoryPage](t)(d.svc.History.Steps("", 500))
	b, err := json.Marshal([]any{nw, entries, hist})
	noErr(t, err)
	return string(b)
}

// fillTo grows the filler file until the disk has at most free bytes free
// (0: until the disk refuses another byte).
func (d *diskScenario) fillTo(free uint64) {
	t := d.t
	t.Helper()
	f, err := os.OpenFile(d.filler, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	noErr(t, err)
	defer f.Close()
	chunk := make([]byte, 1<<20)
	for {
		now, err := store.FreeSpace(d.data)
		noErr(t, err)
		if now <= free || now == 0 {
			break
		}
		n := min(uint64(len(chunk)), now-free)
		if free == 0 {
			n = uint64(len(chunk))
		}
		if _, err := f.Write(chunk[:n]); err != nil {
			if errors.Is(err, syscall.ENOSPC) {
				break
			}
			t.Fatal(err)
		}
	}
	if free == 0 { // the last pages
		for _, err := f.Write(chunk[:4096]); err == nil; _, err = f.Write(chunk[:4096]) {
		}
	}
	got, _ := store.FreeSpace(d.data)
	t.Logf("diskfull: filled the disk to %d MB free", got/1_000_000)
}

// wantDiskFull fails unless err is disk_full and its message names the
// folder and the free space.
func (d *diskScenario) wantDiskFull(what string, err error) {
	t := d.t
	t.Helper()
	if pln.CodeOf(err) != pln.CodeDiskFull {
		t.Fatalf("%s on a full disk: %v, want a disk_full error", what, err)
	}
	msg := pln.AsError(err).Message
	if !strings.Contains(msg, "The disk holding "+d.data) || !strings.Contains(msg, " MB free)") {
		t.Fatalf("%s: the message does not say which disk and how much is free: %q", what, msg)
	}
}

// attempts tries every kind of write once more than a memtable-log page
// holds (so that a write that reached Badger would touch a new page) and
// wants each refused.
func (d *diskScenario) attempts(label string) {
	t := d.t
	t.Helper()
	long := strings.Repeat("x", 400)
	for i := range 40 {
		f := person(fmt.Sprintf("%s %d", label, i))
		f.Description = long
		_, err := d.svc.Network.CreateNode(f, 1, 2)
		d.wantDiskFull("a gesture (create node)", err)
	}
	_, err := d.svc.Journal.CreateEntry(pln.EntryFields{OccurredAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Body: "full"})
	d.wantDiskFull("a journal entry", err)
	_, err = d.svc.History.Undo()
	d.wantDiskFull("undo", err)
	data, rerr := os.ReadFile("testdata/opml/netnewswire_Subs.opml")
	noErr(t, rerr)
	_, err = d.svc.Files.ImportFile("netnewswire_Subs.opml", data)
	d.wantDiskFull("an import", err)
	err = d.svc.Backup.RestoreBackup(d.backup, true)
	d.wantDiskFull("a restore", err)
	t.Logf("diskfull: %s: 40 gestures, a journal entry, undo, an import and a restore were refused with disk_full: %s", label, pln.AsError(err).Message)
}

func (d *diskScenario) full() {
	t := d.t
	noErr(t, d.open())
	a := must[pln.Node](t)(d.svc.Network.CreateNode(person("Ada"), 10, 20))
	b := must[pln.Node](t)(d.svc.Network.CreateNode(person("Grace"), 30, 40))
	must[pln.Tie](t)(d.svc.Network.CreateTie(pln.TieFields{From: a.ID, To: b.ID, Relation: pln.RelKnows, Strength: 3}))
	must[pln.Entry](t)(d.svc.Journal.CreateEntry(pln.EntryFields{OccurredAt: time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC), Body: "met Grace", NodeIDs: []string{b.ID}}))
	data, err := os.ReadFile("testdata/opml/newsblur.opml")
	noErr(t, err)
	must[pln.ImportResult](t)(d.svc.Files.ImportFile("newsblur.opml", data))
	noErr(t, d.svc.Backup.ExportBackup(d.backup)) // off the small disk
	want := d.state()
	noErr(t, os.WriteFile(d.expected, []byte(want), 0o600))

	// Below the write reserve, above the open reserve.
	d.fillTo(store.OpenReserve + (store.WriteReserve-store.OpenReserve)/2)
	d.attempts("below the reserve")
	if got := d.state(); got != want {
		t.Fatal("the refused writes changed the data")
	}
	noErr(t, d.st.Close())
	noErr(t, d.open()) // reading still works: the window opens
	if got := d.state(); got != want {
		t.Fatal("after reopening below the reserve the data differs")
	}
	_, err = d.svc.Network.CreateNode(person("after reopen"), 0, 0)
	d.wantDiskFull("a gesture after reopening", err)

	// Space returns for a while: writes work again and fill the memtable
	// that Close would flush.
	noErr(t, os.Remove(d.filler))
	must[pln.Node](t)(d.svc.Network.CreateNode(person("while there was room"), 50, 60))
	want = d.state()
	noErr(t, os.WriteFile(d.expected, []byte(want), 0o600))

	// Not one byte free (another program filled the disk).
	d.fillTo(0)
	d.attempts("no byte free")
	if got := d.state(); got != want {
		t.Fatal("the refused writes changed the data")
	}
	err = d.st.Close()
	if pln.CodeOf(err) != pln.CodeDiskFull {
		t.Fatalf("Close on a full disk: %v, want disk_full (Badger's close would write a table through a mapping)", err)
	}
	t.Logf("diskfull: close with no byte free: %s", pln.AsError(err).Message)
}

func (d *diskScenario) freed() {
	t := d.t
	want, err := os.ReadFile(d.expected)
	noErr(t, err)
	err = d.open()
	d.wantDiskFull("opening on a full disk", err)
	t.Logf("diskfull: open with no byte free: %s", pln.AsError(err).Message)

	noErr(t, os.Remove(d.filler)) // space returns
	noErr(t, d.open())
	defer d.st.Close()
	if got := d.state(); got != string(want) {
		t.Fatalf("after space returned the data differs:\n got %s\nwant %s", got, want)
	}
	must[pln.Node](t)(d.svc.Network.CreateNode(person("space is back"), 5, 5))
	data, err := os.ReadFile("testdata/opml/netnewswire_Subs.opml")
	noErr(t, err)
	res := must[pln.ImportResult](t)(d.svc.Files.ImportFile("netnewswire_Subs.opml", data))
	if res.Nodes == 0 {
		t.Fatalf("the import after space returned added nothing: %+v", res)
	}
	noErr(t, d.svc.Backup.RestoreBackup(d.backup, true))
	nw := must[Network](t)(d.svc.Network.Network())
	t.Logf("diskfull: after space returned: the data was intact; a gesture, an import (%d sources) and a restore (%d nodes) worked", res.Nodes, len(nw.Nodes))
}

// TestReadOnlyDataFolder: a data folder on a disk mounted read-only opens
// with a read_only error that says so (tests run as root, where chmod does
// not stop writes, so the tmpfs is remounted read-only).
func TestReadOnlyDataFolder(t *testing.T) {
	disk := mountTmpfs(t, store.OpenReserve+16<<20)
	data := filepath.Join(disk, "data")
	st, err := store.Open(filepath.Join(data, "db"), store.Options{})
	noErr(t, err)
	noErr(t, st.Close())
	if err := syscall.Mount("tmpfs", disk, "tmpfs", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Fatalf("remounting %s read-only: %v", disk, err)
	}
	_, err = store.Open(filepath.Join(data, "db"), store.Options{})
	wantCode(t, err, pln.CodeReadOnly)
	if msg := pln.AsError(err).Message; !strings.Contains(msg, filepath.Join(data, "db")) || !strings.Contains(msg, "read-only") {
		t.Fatalf("the message does not name the folder and the cause: %q", msg)
	}
	t.Logf("read-only: %s", pln.AsError(err).Message)
	// A data folder that does not exist yet on that disk: the same.
	_, err = store.Open(filepath.Join(disk, "new", "db"), store.Options{})
	wantCode(t, err, pln.CodeReadOnly)
}
