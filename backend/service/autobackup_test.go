package service

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/interchange"
	"github.com/plexus-pln/plexus/backend/pln"
)

// backupNames lists the file names in e's backups folder.
func (e *env) backupNames() []string {
	e.t.Helper()
	ents, err := os.ReadDir(filepath.Join(e.dir, BackupsDir))
	if os.IsNotExist(err) {
		return nil
	}
	noErr(e.t, err)
	var out []string
	for _, x := range ents {
		out = append(out, x.Name())
	}
	return out
}

func TestDailyBackupIsWrittenVerifiedAndListed(t *testing.T) {
	e := newEnv(t)
	// Nothing but the ego: nothing worth a backup.
	if p := must[string](t)(e.svc.DailyBackup()); p != "" || len(e.backupNames()) != 0 {
		t.Fatalf("a store with only the ego got a daily backup %q", p)
	}
	populate(t, e)
	path := must[string](t)(e.svc.DailyBackup())
	if want := filepath.Join(e.dir, BackupsDir, "daily-20260301T090000.000Z.json"); path != want {
		t.Fatalf("daily backup at %q, want %q", path, want)
	}
	if !strings.Contains(e.logs.String(), "backup saved and verified") {
		t.Error("the verification is not logged")
	}
	// It restores to the same network.
	dst := newEnv(t)
	noErr(t, dst.svc.Backup.RestoreBackup(path, false))
	if dst.networkJSON() != e.networkJSON() || dst.entriesJSON() != e.entriesJSON() {
		t.Fatal("the daily backup does not restore the network")
	}

	// Not due again until DailyBackupAge has passed.
	e.clk.advance(DailyBackupAge - time.Minute)
	if p := must[string](t)(e.svc.DailyBackup()); p != "" {
		t.Fatalf("a second daily backup %q after %v", p, DailyBackupAge-time.Minute)
	}
	e.clk.advance(time.Minute)
	if p := must[string](t)(e.svc.DailyBackup()); p == "" {
		t.Fatal("no daily backup after DailyBackupAge")
	}

	list := must[[]pln.BackupInfo](t)(e.svc.Backup.ListBackups())
	if len(list) != 2 {
		t.Fatalf("ListBackups = %+v", list)
	}
	nw := must[Network](t)(e.svc.Network.Network())
	for i, b := range list {
		st, err := os.Stat(b.Path)
		noErr(t, err)
		if b.Kind != pln.BackupDaily || b.Size != st.Size() || b.Nodes != len(nw.Nodes) || b.Ties != len(nw.Ties) || b.Entries != 3 || b.Problem != "" {
			t.Errorf("backup %d: %+v (network: %d nodes, %d ties)", i, b, len(nw.Nodes), len(nw.Ties))
		}
	}
	if list[0].At != "2026-03-02T08:00:00Z" || list[1].At != "2026-03-01T09:00:00Z" {
		t.Errorf("not newest first: %s, %s", list[0].At, list[1].At)
	}

	// A clock set back behind the newest backup still gets one a day.
	e.clk.set(time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC))
	if p := must[string](t)(e.svc.DailyBackup()); p == "" {
		t.Fatal("no daily backup when every earlier one is in the future")
	}
	if p := must[string](t)(e.svc.DailyBackup()); p != "" {
		t.Fatal("a second daily backup on a day set back")
	}
}

// StartDailyBackups writes the backup in the background; Close waits for it.
func TestDailyBackupInTheBackground(t *testing.T) {
	e := newEnv(t)
	populate(t, e)
	e.svc.StartDailyBackups(0)
	deadline := time.Now().Add(time.Minute) // a wait for the goroutine, not a timing assertion
	for !slices.ContainsFunc(e.backupNames(), func(n string) bool { return strings.HasPrefix(n, "daily-") }) && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if names := e.backupNames(); len(names) != 1 || !strings.HasPrefix(names[0], "daily-") {
		t.Fatalf("backups folder: %q", names)
	}
	if !e.svc.Close(time.Minute) {
		t.Fatal("Close did not finish")
	}
}

// A backup that does not read back is deleted, logged and reported; the
// restore it was to protect does not happen.
func TestUnverifiableBackupIsDeleted(t *testing.T) {
	e := newEnv(t)
	populate(t, e)
	b := must[*interchange.Backup](t)(e.svc.Backup.snapshot())
	b.Ties = append(b.Ties, pln.Tie{ID: pln.NewID(), From: b.Ego, To: pln.NewID()}) // a tie to a missing node: ReadBackup refuses it
	_, err := e.svc.Backup.c.saveBackup(pln.BackupDaily, pln.BackupDaily, b)
	if err == nil || !strings.Contains(err.Error(), "did not read back") {
		t.Fatalf("saveBackup of a bad backup: %v", err)
	}
	if names := e.backupNames(); len(names) != 0 {
		t.Fatalf("the bad backup (or its temporary file) is still there: %q", names)
	}
	if !strings.Contains(e.logs.String(), "did not read back; deleted it") {
		t.Error("not logged")
	}

	// A restore whose pre-restore backup cannot be saved changes nothing.
	src := newEnv(t)
	must[pln.Node](t)(src.svc.Network.CreateNode(person("from the backup"), 0, 0))
	path := filepath.Join(t.TempDir(), "b.json")
	noErr(t, src.svc.Backup.ExportBackup(path))
	noErr(t, os.Remove(filepath.Join(e.dir, BackupsDir)))
	noErr(t, os.WriteFile(filepath.Join(e.dir, BackupsDir), []byte("a file where the folder should be"), 0o600))
	before := e.networkJSON()
	if err := e.svc.Backup.RestoreBackup(path, true); err == nil {
		t.Fatal("the restore went ahead without its pre-restore backup")
	}
	if e.networkJSON() != before {
		t.Fatal("a refused restore changed the network")
	}
}

// The rotation keeps the 7 newest daily backups and the newest of each of
// the 4 calendar weeks before this one; of the other kinds, at most 5
// younger than 30 days, and the newest whatever its age. Other files stay.
func TestAutomaticBackupRotation(t *testing.T) {
	e := newEnv(t)
	must[pln.Node](t)(e.svc.Network.CreateNode(person("someone"), 0, 0))
	noErr(t, os.MkdirAll(filepath.Join(e.dir, BackupsDir), 0o700))
	mine := filepath.Join(e.dir, BackupsDir, "my-own-copy.json")
	noErr(t, os.WriteFile(mine, []byte("{}"), 0o600))

	start := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC) // a Sunday
	preImport := []int{0, 10, 20, 40, 41, 42, 43, 44, 45, 50}
	for day := range 60 {
		e.clk.set(start.AddDate(0, 0, day))
		if slices.Contains(preImport, day) {
			b := must[*interchange.Backup](t)(e.svc.Backup.snapshot())
			must[string](t)(e.svc.Backup.c.saveBackup(pln.BackupPreImport, pln.BackupPreImport, b))
		}
		if day == 1 {
			b := must[*interchange.Backup](t)(e.svc.Backup.snapshot())
			must[string](t)(e.svc.Backup.c.saveBackup(pln.BackupPreRestore, pln.BackupPreRestore, b))
		}
		e.clk.advance(time.Hour)
		if p := must[string](t)(e.svc.DailyBackup()); p == "" {
			t.Fatalf("day %d: no daily backup", day)
		}
	}
	// The last day is Wednesday 2026-04-29; its week starts on the 27th.
	var want []string
	for _, d := range []string{"0405", "0412", "0419", "0423", "0424", "0425", "0426", "0427", "0428", "0429"} {
		want = append(want, "daily-2026"+d+"T100000.000Z.json")
	}
	want = append(want, "my-own-copy.json")
	for _, day := range []int{42, 43, 44, 45, 50} {
		want = append(want, "pre-import-"+start.AddDate(0, 0, day).Format(backupTimeLayout)+".json")
	}
	want = append(want, "pre-restore-"+start.AddDate(0, 0, 1).Format(backupTimeLayout)+".json")
	if got := e.backupNames(); !slices.Equal(got, want) {
		t.Errorf("kept\n %q\nwant\n %q", got, want)
	}
}

func TestLargeImportSavesABackupFirst(t *testing.T) {
	opml := func(n, from int) []byte {
		var b bytes.Buffer
		b.WriteString("<opml version=\"2.0\"><body>\n")
		for i := range n {
			fmt.Fprintf(&b, "<outline text=\"Feed %d\" xmlUrl=\"https://feeds.example/%d\"/>\n", from+i, from+i)
		}
		b.WriteString("</body></opml>\n")
		return b.Bytes()
	}
	e := newEnv(t)
	must[pln.Node](t)(e.svc.Network.CreateNode(person("before the imports"), 0, 0))
	must[pln.ImportResult](t)(e.svc.Files.ImportFile("small.opml", opml(LargeImportNodes, 0)))
	if names := e.backupNames(); len(names) != 0 {
		t.Fatalf("an import of %d nodes saved %q", LargeImportNodes, names)
	}
	before := e.networkJSON()
	e.clk.advance(time.Minute)
	must[pln.ImportResult](t)(e.svc.Files.ImportFile("large.opml", opml(LargeImportNodes+1, LargeImportNodes)))
	names := e.backupNames()
	if len(names) != 1 || !strings.HasPrefix(names[0], "pre-import-") {
		t.Fatalf("an import of %d nodes saved %q", LargeImportNodes+1, names)
	}
	dst := newEnv(t)
	noErr(t, dst.svc.Backup.RestoreBackup(filepath.Join(e.dir, BackupsDir, names[0]), false))
	if dst.networkJSON() != before {
		t.Fatal("the pre-import backup does not hold the network from before the import")
	}
}

// Temporary files of interrupted writes are removed when the services
// start; nothing else is.
func TestLeftoverTemporaryFilesAreSwept(t *testing.T) {
	e := newEnv(t)
	must[pln.Node](t)(e.svc.Network.CreateNode(person("keep me"), 0, 0))
	want := e.networkJSON()
	noErr(t, e.st.Close())
	bk := filepath.Join(e.dir, BackupsDir)
	noErr(t, os.MkdirAll(bk, 0o700))
	leftovers := []string{
		filepath.Join(e.dir, ".restore-pending.json.123456.tmp"),
		filepath.Join(e.dir, ".restore-pending.json.9.tmp"),
		filepath.Join(bk, ".pre-restore-20260301T090000.000Z.json.42.tmp"),
		filepath.Join(bk, ".daily-20260301T090000.000Z.json.7.tmp"),
	}
	others := []string{
		filepath.Join(e.dir, ".other.json.1.tmp"), // not a file Plexus writes there
		filepath.Join(e.dir, "notes.tmp"),
		filepath.Join(bk, "daily-20260301T090000.000Z.json"),
		filepath.Join(bk, ".daily.json.x.tmp"),
	}
	for _, p := range append(slices.Clone(leftovers), others...) {
		noErr(t, os.WriteFile(p, []byte("partial"), 0o600))
	}
	again := openEnv(t, e.dir)
	for _, p := range leftovers {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s is still there (%v)", filepath.Base(p), err)
		}
	}
	for _, p := range others {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(p), err)
		}
	}
	if again.networkJSON() != want {
		t.Error("the sweep changed the network")
	}
	if n := strings.Count(again.logs.String(), "removed a temporary file"); n != len(leftovers) {
		t.Errorf("%d removals logged, want %d", n, len(leftovers))
	}
}

// LatestGoodBackup skips what would not restore; SavedBackups names the
// problem of a file whose start is not a backup.
func TestLatestGoodBackup(t *testing.T) {
	e := newEnv(t)
	if _, _, err := LatestGoodBackup(e.dir); pln.CodeOf(err) != pln.CodeNotFound {
		t.Fatalf("no backups: %v", err)
	}
	populate(t, e)
	good := must[string](t)(e.svc.DailyBackup())
	data, err := os.ReadFile(good)
	noErr(t, err)
	bk := filepath.Join(e.dir, BackupsDir)
	garbage := filepath.Join(bk, "pre-import-20260302T090000.000Z.json")
	cut := filepath.Join(bk, "daily-20260303T090000.000Z.json")
	noErr(t, os.WriteFile(garbage, []byte("not json at all"), 0o600))
	noErr(t, os.WriteFile(cut, data[:len(data)/2], 0o600)) // the header reads; the whole does not

	path, info, err := LatestGoodBackup(e.dir)
	noErr(t, err)
	if path != good || info.Path != good || info.Kind != pln.BackupDaily || info.Entries != 3 {
		t.Fatalf("LatestGoodBackup = %q %+v, want %q", path, info, good)
	}
	list := must[[]pln.BackupInfo](t)(SavedBackups(e.dir))
	if len(list) != 3 || list[0].Path != cut || list[0].Problem != "" || list[1].Path != garbage || list[1].Problem == "" || list[2].Problem != "" {
		t.Fatalf("SavedBackups = %+v", list)
	}
	if list[0].Nodes != info.Nodes {
		t.Errorf("the cut file's header says %d nodes, want %d", list[0].Nodes, info.Nodes)
	}
}
