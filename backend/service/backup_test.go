package service

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
)

// populate fills e with a bit of everything: alters, ties, entries, an import.
func populate(t *testing.T, e *env) {
	t.Helper()
	must[pln.Node](t)(e.svc.Network.RenameEgo("Ada"))
	a := must[pln.Node](t)(e.svc.Network.CreateNode(pln.NodeFields{Label: "Grace", Kind: pln.KindPerson, Emails: []string{"grace@example.org"},
		Tags: []string{"cobol"}, Relation: "learns from", Strength: 5, Role: pln.RoleMentor, Contexts: []string{"work"}, Mode: pln.ModeBoth,
		Extra: map[string]string{"vcard:nickname": "Amazing Grace"}}, 10, 20))
	b := must[pln.Node](t)(e.svc.Network.CreateNode(pln.NodeFields{Label: "Go community", Kind: pln.KindCommunity}, -5, 7))
	must[pln.Tie](t)(e.svc.Network.CreateTie(pln.TieFields{From: a.ID, To: b.ID, Relation: "member of", Directed: true, Strength: 2, Note: "since 2012"}))
	noErr(t, e.svc.Network.SetPositions([]pln.Position{{ID: b.ID, X: -50, Y: 70, Pinned: true}}))
	for i := range 3 {
		must[pln.Entry](t)(e.svc.Journal.CreateEntry(pln.EntryFields{OccurredAt: time.Date(2026, 2, 1+i, 10, 0, 0, 0, time.UTC),
			Body: "entry " + string(rune('a'+i)), NodeIDs: []string{a.ID}, Tags: []string{"t"}, Type: pln.EntryInteraction}))
	}
	must[pln.ImportResult](t)(e.svc.Files.ImportFile("subs.opml", fixture(t, "netnewswire_Subs.opml")))
}

func (e *env) entriesJSON() string {
	e.t.Helper()
	p := must[EntryPage](e.t)(e.svc.Journal.ListEntries(EntryQuery{Limit: MaxEntryLimit}))
	b, err := json.Marshal(p)
	noErr(e.t, err)
	return string(b)
}

func TestBackupRestoreIntoEmpty(t *testing.T) {
	src := newEnv(t)
	populate(t, src)
	path := filepath.Join(t.TempDir(), "plexus-backup.json")
	noErr(t, src.svc.Backup.ExportBackup(path))
	data, err := os.ReadFile(path)
	noErr(t, err)
	if f, err := detectFormat(data); err != nil || f != "plexus-backup" {
		t.Fatalf("export is not a backup: %v %v", f, err)
	}

	dst := newEnv(t)
	noErr(t, dst.svc.Backup.RestoreBackup(path, false))
	if got, want := dst.networkJSON(), src.networkJSON(); got != want {
		t.Fatalf("network differs after restore\n got %s\nwant %s", got, want)
	}
	if got, want := dst.entriesJSON(), src.entriesJSON(); got != want {
		t.Fatalf("entries differ after restore\n got %s\nwant %s", got, want)
	}
	// A restore starts a new history: nothing to undo.
	_, err = dst.svc.History.Undo()
	wantCode(t, err, pln.CodeNotFound)
	var reasons []string
	for _, ev := range dst.rec.take() {
		switch p := ev.payload.(type) {
		case pln.NetworkChanged:
			reasons = append(reasons, ev.name+":"+p.Reason)
		case pln.JournalChanged:
			reasons = append(reasons, ev.name+":"+p.Reason)
		}
	}
	if strings.Join(reasons, ",") != "network:changed:restore,journal:changed:restore" {
		t.Fatalf("events %v", reasons)
	}
	if _, err := os.Stat(filepath.Join(dst.dir, PendingRestoreFile)); !os.IsNotExist(err) {
		t.Fatalf("pending file left behind: %v", err)
	}
	// Survives a restart.
	want := dst.networkJSON()
	if got := dst.reopen().networkJSON(); got != want {
		t.Fatal("restored network changed across a restart")
	}
}

func TestRestoreReplace(t *testing.T) {
	src := newEnv(t)
	populate(t, src)
	path := filepath.Join(t.TempDir(), "b.json")
	noErr(t, src.svc.Backup.ExportBackup(path))

	dst := newEnv(t)
	must[pln.Node](t)(dst.svc.Network.CreateNode(person("someone else"), 1, 2))
	before := dst.networkJSON()
	err := dst.svc.Backup.RestoreBackup(path, false)
	wantCode(t, err, pln.CodeConflict)
	if dst.networkJSON() != before {
		t.Fatal("a refused restore changed the network")
	}
	noErr(t, dst.svc.Backup.RestoreBackup(path, true))
	if dst.networkJSON() != src.networkJSON() || dst.entriesJSON() != src.entriesJSON() {
		t.Fatal("replace did not give the backup's data")
	}
	saved, err := filepath.Glob(filepath.Join(dst.dir, BackupsDir, "pre-restore-*.json"))
	noErr(t, err)
	if len(saved) != 1 {
		t.Fatalf("pre-restore copies: %v", saved)
	}
	// The saved copy holds the data from before and restores it.
	noErr(t, dst.svc.Backup.RestoreBackup(saved[0], true))
	if dst.networkJSON() != before {
		t.Fatal("the pre-restore copy does not bring back the old data")
	}
}

func TestRestoreBadFileChangesNothing(t *testing.T) {
	e := newEnv(t)
	populate(t, e)
	before, beforeEntries := e.networkJSON(), e.entriesJSON()
	dir := t.TempDir()
	cases := map[string]pln.Code{
		"garbage.json": pln.CodeInvalid,
		"other.json":   pln.CodeUnsupported,
		"broken.json":  pln.CodeInvalid,
	}
	noErr(t, os.WriteFile(filepath.Join(dir, "garbage.json"), []byte("{not json"), 0o600))
	noErr(t, os.WriteFile(filepath.Join(dir, "other.json"), []byte(`{"format":"something"}`), 0o600))
	var good strings.Builder
	noErr(t, e.svc.Backup.WriteBackup(&good))
	// A tie to a node that is not in the file.
	broken := strings.Replace(good.String(), `"ties": [`, `"ties": [{"id":"`+pln.NewID()+`","from":"`+pln.NewID()+`","to":"`+pln.NewID()+`","relation":"knows","directed":false,"strength":3,"createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z"},`, 1)
	noErr(t, os.WriteFile(filepath.Join(dir, "broken.json"), []byte(broken), 0o600))
	for name, code := range cases {
		err := e.svc.Backup.RestoreBackup(filepath.Join(dir, name), true)
		wantCode(t, err, code)
		if !strings.Contains(err.Error(), name) {
			t.Errorf("%s: message does not name the file: %v", name, err)
		}
	}
	wantCode(t, e.svc.Backup.RestoreBackup(filepath.Join(dir, "missing.json"), true), pln.CodeInvalid)
	wantCode(t, e.svc.Backup.RestoreBackup("", true), pln.CodeInvalid)
	if e.networkJSON() != before || e.entriesJSON() != beforeEntries {
		t.Fatal("a bad backup changed the data")
	}
	if saved, _ := filepath.Glob(filepath.Join(e.dir, BackupsDir, "*")); len(saved) != 0 {
		t.Fatalf("a bad backup still saved copies: %v", saved)
	}
}

func TestExportBackupSafety(t *testing.T) {
	e := newEnv(t)
	dir := t.TempDir()
	precious := filepath.Join(dir, "notes.txt")
	noErr(t, os.WriteFile(precious, []byte("do not overwrite"), 0o600))
	wantCode(t, e.svc.Backup.ExportBackup(precious), pln.CodeConflict)
	if b, _ := os.ReadFile(precious); string(b) != "do not overwrite" {
		t.Fatal("a non-backup file was overwritten")
	}
	wantCode(t, e.svc.Backup.ExportBackup(dir), pln.CodeInvalid)
	wantCode(t, e.svc.Backup.ExportBackup(filepath.Join(dir, "no", "such", "x.json")), pln.CodeInvalid)
	wantCode(t, e.svc.Backup.ExportBackup(""), pln.CodeInvalid)
	// An older backup is replaced, and no temporary files are left.
	path := filepath.Join(dir, "b.json")
	noErr(t, e.svc.Backup.ExportBackup(path))
	must[pln.Node](t)(e.svc.Network.CreateNode(person("new"), 0, 0))
	noErr(t, e.svc.Backup.ExportBackup(path))
	data, err := os.ReadFile(path)
	noErr(t, err)
	if !strings.Contains(string(data), `"new"`) {
		t.Fatal("second export did not replace the first")
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*tmp"))
	if len(left) != 0 {
		t.Fatalf("temporary files left: %v", left)
	}
}

func TestPendingRestoreIsFinishedOnStart(t *testing.T) {
	src := newEnv(t)
	populate(t, src)
	var buf strings.Builder
	noErr(t, src.svc.Backup.WriteBackup(&buf))

	// Simulate a crash after the pending file was written and the store
	// emptied half-way: some other data is still in the store.
	dst := newEnv(t)
	must[pln.Node](t)(dst.svc.Network.CreateNode(person("half-restored leftover"), 0, 0))
	noErr(t, dst.st.Close())
	noErr(t, os.WriteFile(filepath.Join(dst.dir, PendingRestoreFile), []byte(buf.String()), 0o600))

	again := openEnv(t, dst.dir)
	if again.networkJSON() != src.networkJSON() || again.entriesJSON() != src.entriesJSON() {
		t.Fatal("the interrupted restore was not finished on start")
	}
	if _, err := os.Stat(filepath.Join(dst.dir, PendingRestoreFile)); !os.IsNotExist(err) {
		t.Fatalf("pending file still there: %v", err)
	}
	if !strings.Contains(again.logs.String(), "finishing a restore that was interrupted") {
		t.Fatalf("not logged: %s", again.logs.String())
	}
}

func TestDamagedPendingRestoreIsSetAside(t *testing.T) {
	e := newEnv(t)
	must[pln.Node](t)(e.svc.Network.CreateNode(person("keep me"), 0, 0))
	want := e.networkJSON()
	noErr(t, e.st.Close())
	noErr(t, os.WriteFile(filepath.Join(e.dir, PendingRestoreFile), []byte(`{"format":"plexus-backup","version":1,`), 0o600))
	again := openEnv(t, e.dir)
	if again.networkJSON() != want {
		t.Fatal("a damaged pending file changed the store")
	}
	aside, _ := filepath.Glob(filepath.Join(e.dir, "restore-pending.bad-*.json"))
	if len(aside) != 1 {
		t.Fatalf("damaged pending file not set aside: %v", aside)
	}
}

// The pre-migration hook saves a backup that restores to the same network.
func TestPreMigrationBackup(t *testing.T) {
	src := newEnv(t)
	populate(t, src)
	hook := PreMigrationBackup(src.dir, nil)
	noErr(t, hook(src.st, 2, 3))
	files, err := filepath.Glob(filepath.Join(src.dir, BackupsDir, "pre-migration-v2-*.json"))
	if err != nil || len(files) != 1 {
		t.Fatalf("backup files %v %v", files, err)
	}
	dst := newEnv(t)
	noErr(t, dst.svc.Backup.RestoreBackup(files[0], false))
	if got, want := dst.networkJSON(), src.networkJSON(); got != want {
		t.Fatalf("network from the pre-migration backup differs\n got %s\nwant %s", got, want)
	}
	// A schema-1 store is not read (its positions are in another layout).
	noErr(t, PreMigrationBackup(t.TempDir(), nil)(src.st, 1, 3))
}
