package service

import (
	"bytes"
	"encoding/json"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/interchange"
	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// Tests derive keys with cheap Argon2id parameters (the format records
// them; production uses currentKDF's defaults, measured in
// docs/benchmarks.md).
func init() {
	currentKDF = kdfParams{Algorithm: "argon2id", Time: 1, MemoryKiB: 64, Threads: 1}
}

const (
	marker = "QUOKKA-7f3e-MARKER" // in every kind of user text
	pass   = "correct horse battery"
)

// folder is a data folder with the services open on it, logging to
// <dir>/plexus.log as the app does.
type folder struct {
	t   *testing.T
	dir string
	key []byte
	svc *Services
	log *os.File
}

func openFolder(t *testing.T, dir string, key []byte) *folder {
	t.Helper()
	lf, err := os.OpenFile(filepath.Join(dir, "plexus.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(lf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	opts := store.Options{NoSync: true, Logger: log, EncryptionKey: key, BeforeMigrate: PreMigrationBackupProtected(dir, key, log)}
	st, err := store.Open(filepath.Join(dir, StoreDir), opts)
	if err != nil {
		lf.Close()
		t.Fatalf("store.Open: %v", err)
	}
	svc, err := New(Deps{Store: st, Log: log, DataDir: dir, EncryptionKey: key, StoreOptions: opts})
	if err != nil {
		_ = st.Close()
		lf.Close()
		t.Fatalf("New: %v", err)
	}
	f := &folder{t: t, dir: dir, key: key, svc: svc, log: lf}
	t.Cleanup(f.close)
	return f
}

func (f *folder) close() {
	if f.svc == nil {
		return
	}
	f.svc.Close(5 * time.Second)
	if err := f.svc.Store().Close(); err != nil {
		f.t.Errorf("closing the store: %v", err)
	}
	f.svc = nil
	f.log.Close()
}

// fill writes the marker into a node's label and description, a tie's
// note and a journal entry, and then restores a backup of that over it
// (so that backups/ holds a pre-restore backup with the marker).
func (f *folder) fill(tag string) {
	t := f.t
	a := must[pln.Node](t)(f.svc.Network.CreateNode(pln.NodeFields{Label: "Ada " + tag + marker, Kind: pln.KindPerson, Description: "met at " + marker}, 10, 20))
	b := must[pln.Node](t)(f.svc.Network.CreateNode(person("Grace "+tag), 30, 40))
	must[pln.Tie](t)(f.svc.Network.CreateTie(pln.TieFields{From: a.ID, To: b.ID, Relation: pln.RelKnows, Note: "tie " + marker}))
	must[pln.Entry](t)(f.svc.Journal.CreateEntry(pln.EntryFields{OccurredAt: time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC), Body: "entry " + marker, NodeIDs: []string{a.ID}}))
	out := filepath.Join(t.TempDir(), "b.json")
	noErr(t, f.svc.Backup.ExportBackup(out))
	noErr(t, f.svc.Backup.RestoreBackup(out, true))
}

// state is everything a user would miss: the records and the history.
type state struct {
	Nodes   []pln.Node
	Ties    []pln.Tie
	Entries []pln.Entry
	Steps   []pln.HistoryStep
}

func (f *folder) state() state {
	f.t.Helper()
	var buf bytes.Buffer
	noErr(f.t, f.svc.Backup.WriteBackup(&buf))
	b, err := interchange.ReadBackup(&buf)
	noErr(f.t, err)
	page := must[HistoryPage](f.t)(f.svc.History.Steps("", 500))
	return state{Nodes: b.Nodes, Ties: b.Ties, Entries: b.Entries, Steps: page.Steps}
}

// markerFiles lists every file under dir whose raw bytes hold marker.
func markerFiles(t *testing.T, dir string) []string {
	t.Helper()
	var hits []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte(marker)) {
			rel, _ := filepath.Rel(dir, p)
			hits = append(hits, rel)
		}
		return nil
	})
	noErr(t, err)
	return hits
}

// TestEncryptionLeavesNoPlainText: with the marker in a label, a
// description, a tie note and an entry, and a pre-restore backup, every
// file under the data folder (Badger's .mem, .sst and .vlog, backups/,
// the key file, plexus.log) is searched for it: found while the folder is
// plain (so the search sees it), nowhere once a passphrase is set, also
// after more writes, another restore and a clean close.
func TestEncryptionLeavesNoPlainText(t *testing.T) {
	dir := t.TempDir()
	f := openFolder(t, dir, nil)
	f.fill("before ")
	hits := markerFiles(t, dir)
	if !containsPrefix(hits, StoreDir+string(filepath.Separator)) || !containsPrefix(hits, BackupsDir+string(filepath.Separator)) {
		t.Fatalf("the plain folder has the marker only in %v: the search cannot see the store and the backups", hits)
	}

	noErr(t, f.svc.Encryption.SetPassphrase(pass))
	st := must[EncryptionStatus](t)(f.svc.Encryption.Status())
	if !st.Encrypted {
		t.Fatalf("status after SetPassphrase: %+v", st)
	}
	if hits := markerFiles(t, dir); len(hits) > 0 {
		t.Fatalf("after turning encryption on, the marker is in plain text in %v", hits)
	}
	f.fill("after ") // writes into the reopened store, another pre-restore backup
	want := f.state()
	if hits := markerFiles(t, dir); len(hits) > 0 {
		t.Fatalf("writes to the encrypted folder left the marker in plain text in %v", hits)
	}
	f.close()
	if hits := markerFiles(t, dir); len(hits) > 0 {
		t.Fatalf("after a clean close the marker is in plain text in %v", hits)
	}

	// Only the passphrase opens it; a wrong one is "locked", not "damaged".
	_, err := Unlock(dir, "")
	wantCode(t, err, pln.CodeLocked)
	_, err = Unlock(dir, "wrong horse battery")
	wantCode(t, err, pln.CodeLocked)
	if _, err := store.Open(filepath.Join(dir, StoreDir), store.Options{NoSync: true}); pln.CodeOf(err) != pln.CodeLocked {
		t.Fatalf("opening the encrypted store without its key: %v, want locked", err)
	}
	key := must[[]byte](t)(Unlock(dir, pass))
	g := openFolder(t, dir, key)
	if got := g.state(); !reflect.DeepEqual(got, want) {
		t.Fatalf("after reopening with the passphrase:\n got %d nodes %d ties %d entries %d steps\nwant %d %d %d %d",
			len(got.Nodes), len(got.Ties), len(got.Entries), len(got.Steps), len(want.Nodes), len(want.Ties), len(want.Entries), len(want.Steps))
	}
	// The pre-restore backups are listed and restorable with the key.
	backups := must[[]pln.BackupInfo](t)(g.svc.Backup.ListBackups())
	if len(backups) < 2 {
		t.Fatalf("backups: %+v", backups)
	}
	for _, b := range backups {
		if _, err := readBackupFileWith(b.Path, fileSecret{folderKey: key}); err != nil {
			t.Fatalf("reading %s with the key: %v", b.Name, err)
		}
		if _, err := readBackupFile(b.Path); pln.CodeOf(err) != pln.CodeLocked {
			t.Fatalf("reading %s without the key: %v, want locked", b.Name, err)
		}
	}
	noErr(t, g.svc.Backup.RestoreBackup(backups[0].Path, true))
}

func containsPrefix(list []string, prefix string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

// TestEncryptionOnOffOn: turning encryption on (in the window), off (in
// the window), on again (the command) and changing the passphrase keeps
// every record and the whole history; the marker is back in plain files
// while it is off.
func TestEncryptionOnOffOn(t *testing.T) {
	dir := t.TempDir()
	f := openFolder(t, dir, nil)
	f.fill("")
	want := f.state()
	check := func(f *folder, when string) {
		t.Helper()
		if got := f.state(); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: the data changed:\n got %d nodes %d ties %d entries %d steps\nwant %d %d %d %d", when,
				len(got.Nodes), len(got.Ties), len(got.Entries), len(got.Steps), len(want.Nodes), len(want.Ties), len(want.Entries), len(want.Steps))
		}
	}

	noErr(t, f.svc.Encryption.SetPassphrase(pass))
	check(f, "on")
	wantCode(t, f.svc.Encryption.SetPassphrase(pass), pln.CodeConflict)
	wantCode(t, f.svc.Encryption.RemovePassphrase("not the passphrase"), pln.CodeLocked)
	check(f, "after a wrong passphrase")
	noErr(t, f.svc.Encryption.RemovePassphrase(pass))
	check(f, "off")
	if _, err := os.Stat(filepath.Join(dir, EncryptionFile)); !os.IsNotExist(err) {
		t.Fatalf("the key file is still there after turning encryption off: %v", err)
	}
	if hits := markerFiles(t, dir); !containsPrefix(hits, BackupsDir) || !containsPrefix(hits, StoreDir) {
		t.Fatalf("with encryption off the store and the backups should be plain; the marker is in %v", hits)
	}
	f.close()

	noErr(t, EnableEncryption(dir, pass, nil))
	wantCode(t, EnableEncryption(dir, pass, nil), pln.CodeConflict)
	wantCode(t, ChangePassphrase(dir, "wrong wrong wrong", "a new passphrase", nil), pln.CodeLocked)
	wantCode(t, ChangePassphrase(dir, pass, "short", nil), pln.CodeInvalid)
	noErr(t, ChangePassphrase(dir, pass, "a new passphrase", nil))
	if _, err := Unlock(dir, pass); pln.CodeOf(err) != pln.CodeLocked {
		t.Fatalf("the old passphrase still opens the folder: %v", err)
	}
	key := must[[]byte](t)(Unlock(dir, "a new passphrase"))
	if hits := markerFiles(t, dir); len(hits) > 0 {
		t.Fatalf("after the command turned encryption on, the marker is in %v", hits)
	}
	g := openFolder(t, dir, key)
	check(g, "on again, new passphrase")
	for _, b := range must[[]pln.BackupInfo](t)(g.svc.Backup.ListBackups()) {
		if _, err := readBackupFileWith(b.Path, fileSecret{folderKey: key}); err != nil {
			t.Fatalf("a backup does not open after the passphrase change: %v", err)
		}
	}
	g.close()
	noErr(t, DisableEncryption(dir, "a new passphrase", nil))
	h := openFolder(t, dir, must[[]byte](t)(Unlock(dir, "")))
	check(h, "off by the command")
}

// TestEncryptionKeyFileDamage: a damaged key file is "damaged", not a
// wrong passphrase; its copy stands in for it; both gone while the store
// is encrypted is damaged too.
func TestEncryptionKeyFileDamage(t *testing.T) {
	dir := t.TempDir()
	f := openFolder(t, dir, nil)
	f.fill("")
	f.close()
	noErr(t, EnableEncryption(dir, pass, nil))
	main, cp := filepath.Join(dir, EncryptionFile), filepath.Join(dir, encryptionCopyFile)
	good := must[[]byte](t)(os.ReadFile(main))

	// One flipped character in the sealed key.
	var ef encryptionFile
	noErr(t, json.Unmarshal(good, &ef))
	ef.SealedKey[20] ^= 1
	bad, _ := json.Marshal(ef)
	noErr(t, os.WriteFile(main, bad, 0o600))
	must[[]byte](t)(Unlock(dir, pass)) // the copy opens it
	noErr(t, os.WriteFile(cp, bad, 0o600))
	_, err := Unlock(dir, pass)
	wantCode(t, err, pln.CodeDamaged)

	noErr(t, os.Remove(main))
	noErr(t, os.Remove(cp))
	_, err = Unlock(dir, pass)
	wantCode(t, err, pln.CodeDamaged)
	if !strings.Contains(pln.AsError(err).Message, EncryptionFile) {
		t.Fatalf("the message does not say what is missing: %v", err)
	}
	noErr(t, os.WriteFile(main, good, 0o600))
	must[[]byte](t)(Unlock(dir, pass))
}

// TestProtectedFileFormat: the encrypted file round-trips any length
// (empty, one chunk, chunk boundaries), and a cut, a flipped bit or
// another key is an error, never wrong content.
func TestProtectedFileFormat(t *testing.T) {
	dir := t.TempDir()
	key := bytes.Repeat([]byte{3}, 32)
	for _, n := range []int{0, 1, protectedChunk - 1, protectedChunk, protectedChunk + 1, 3*protectedChunk + 17} {
		plain := bytes.Repeat([]byte("0123456789abcdef"), n/16+1)[:n]
		p := filepath.Join(dir, "f.json")
		noErr(t, WriteBackupFileProtected(p, key, func(w io.Writer) error { _, err := w.Write(plain); return err }))
		raw := must[[]byte](t)(os.ReadFile(p))
		if n > 16 && bytes.Contains(raw, plain[:16]) {
			t.Fatalf("n=%d: plain bytes in the encrypted file", n)
		}
		got, err := readAllProtected(p, key)
		noErr(t, err)
		if !bytes.Equal(got, plain) {
			t.Fatalf("n=%d: read back %d bytes that differ", n, len(got))
		}
		hdr := bytes.IndexByte(raw, '\n') + 1
		// Cut short: at the end of the header, inside and at the end of a chunk.
		for _, cut := range []int{hdr, hdr + 2, len(raw) - 1} {
			if cut >= len(raw) {
				continue
			}
			noErr(t, os.WriteFile(p, raw[:cut], 0o600))
			if got, err := readAllProtected(p, key); err == nil {
				t.Fatalf("n=%d cut at %d of %d: read %d bytes without an error", n, cut, len(raw), len(got))
			}
		}
		// A whole chunk dropped at a chunk boundary.
		if n > protectedChunk {
			first := hdr + 4 + protectedChunk + 16
			noErr(t, os.WriteFile(p, raw[:first], 0o600))
			if _, err := readAllProtected(p, key); pln.CodeOf(err) != pln.CodeDamaged {
				t.Fatalf("n=%d: a file cut after its first chunk: %v, want damaged", n, err)
			}
		}
		flipped := bytes.Clone(raw)
		flipped[len(flipped)-3] ^= 0x10
		noErr(t, os.WriteFile(p, flipped, 0o600))
		if _, err := readAllProtected(p, key); pln.CodeOf(err) != pln.CodeDamaged {
			t.Fatalf("n=%d: a flipped bit: %v, want damaged", n, err)
		}
		noErr(t, os.WriteFile(p, raw, 0o600))
		if _, err := readAllProtected(p, bytes.Repeat([]byte{4}, 32)); pln.CodeOf(err) != pln.CodeLocked {
			t.Fatalf("n=%d: another key: %v, want locked", n, err)
		}
	}
}

// TestProtectedFileWithPassphrase: a file sealed with a passphrase opens
// with it and is "locked" with another.
func TestProtectedFileWithPassphrase(t *testing.T) {
	var buf bytes.Buffer
	plain := []byte(`{"format":"plexus-backup"}`)
	noErr(t, sealTo(&buf, fileSecret{passphrase: pass}, "passphrase", func(w io.Writer) error { _, err := w.Write(plain); return err }))
	if bytes.Contains(buf.Bytes(), plain) {
		t.Fatal("plain bytes in the encrypted file")
	}
	p := filepath.Join(t.TempDir(), "x.json")
	noErr(t, os.WriteFile(p, buf.Bytes(), 0o600))
	rc, err := openProtected(p, fileSecret{passphrase: "another passphrase"})
	if pln.CodeOf(err) != pln.CodeLocked {
		t.Fatalf("another passphrase: %v, want locked", err)
	}
	if rc != nil {
		rc.Close()
	}
	rc, err = openProtected(p, fileSecret{passphrase: pass})
	noErr(t, err)
	defer rc.Close()
	got := new(bytes.Buffer)
	_, err = got.ReadFrom(rc)
	noErr(t, err)
	if !bytes.Equal(got.Bytes(), plain) {
		t.Fatalf("read back %q", got.Bytes())
	}
}

func readAllProtected(p string, key []byte) ([]byte, error) {
	rc, err := OpenBackupFileProtected(p, key)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var buf bytes.Buffer
	_, err = buf.ReadFrom(rc)
	return buf.Bytes(), err
}

// TestEncryptedExport: a backup exported with a passphrase holds no
// plain text, needs the passphrase, and restores into another (plain)
// data folder with it; a wrong one is locked and changes nothing.
func TestEncryptedExport(t *testing.T) {
	f := openFolder(t, t.TempDir(), nil)
	f.fill("")
	want := f.state()
	out := filepath.Join(t.TempDir(), "sealed.json")
	wantCode(t, f.svc.Encryption.ExportEncryptedBackup(out, "short"), pln.CodeInvalid)
	noErr(t, f.svc.Encryption.ExportEncryptedBackup(out, pass))
	raw := must[[]byte](t)(os.ReadFile(out))
	if bytes.Contains(raw, []byte(marker)) || !bytes.Contains(raw, []byte(`"plexus-backup"`)) {
		t.Fatalf("the sealed backup holds the marker, or does not say it is a backup: %.200q", raw)
	}
	if !must[bool](t)(BackupNeedsPassphrase(out)) {
		t.Fatal("BackupNeedsPassphrase: false for a sealed backup")
	}
	// Exporting again over it is allowed (it is a Plexus backup).
	noErr(t, f.svc.Encryption.ExportEncryptedBackup(out, pass))

	g := openFolder(t, t.TempDir(), nil)
	before := g.state()
	wantCode(t, g.svc.Backup.RestoreBackup(out, true), pln.CodeLocked)
	wantCode(t, g.svc.Encryption.RestoreEncryptedBackup(out, "another passphrase", true), pln.CodeLocked)
	if got := g.state(); !reflect.DeepEqual(got, before) {
		t.Fatal("a failed restore changed the store")
	}
	noErr(t, g.svc.Encryption.RestoreEncryptedBackup(out, pass, true))
	got := g.state()
	if !reflect.DeepEqual(got.Nodes, want.Nodes) || !reflect.DeepEqual(got.Ties, want.Ties) || !reflect.DeepEqual(got.Entries, want.Entries) {
		t.Fatalf("restored %d nodes %d ties %d entries, want %d %d %d", len(got.Nodes), len(got.Ties), len(got.Entries), len(want.Nodes), len(want.Ties), len(want.Entries))
	}
}
