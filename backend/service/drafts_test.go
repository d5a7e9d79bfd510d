package service

import (
	"bytes"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// draftMarker is only ever in drafts (encryption_test.go's marker is in
// records too), so finding it in a file means a draft put it there.
const draftMarker = "WOMBAT-31c9-DRAFT-MARKER"

// filesHolding lists every file under dir whose raw bytes hold needle.
func filesHolding(t *testing.T, dir, needle string) []string {
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
		if bytes.Contains(b, []byte(needle)) {
			rel, _ := filepath.Rel(dir, p)
			hits = append(hits, rel)
		}
		return nil
	})
	noErr(t, err)
	return hits
}

// TestDraftService: put, replace, list, delete; the limits; no event and
// no history step; drafts survive a reopen and a restore, and are not in
// backups.
func TestDraftService(t *testing.T) {
	e := newEnv(t)
	d := e.svc.Drafts
	if got := must[map[string]string](t)(d.Drafts()); got == nil || len(got) != 0 {
		t.Fatalf("fresh folder: Drafts = %#v, want an empty map", got)
	}
	e.rec.takeAll()
	id := pln.NewID()
	noErr(t, d.PutDraft("new", `{"v":1,"draft":{"body":"`+draftMarker+`"}}`))
	noErr(t, d.PutDraft(id, "one"))
	noErr(t, d.PutDraft(id, "two"))
	noErr(t, d.DeleteDraft("not-kept"))
	want := map[string]string{"new": `{"v":1,"draft":{"body":"` + draftMarker + `"}}`, id: "two"}
	if got := must[map[string]string](t)(d.Drafts()); !reflect.DeepEqual(got, want) {
		t.Fatalf("Drafts = %#v, want %#v", got, want)
	}
	if ev := e.rec.takeAll(); len(ev) != 0 {
		t.Fatalf("drafts emitted %v, want no events", ev)
	}
	if h := must[pln.HistoryChanged](t)(e.svc.History.State()); h.Undo != nil {
		t.Fatalf("a draft made an undo step: %+v", h.Undo)
	}

	// The limits, with their codes.
	wantCode(t, d.PutDraft("", "x"), pln.CodeInvalid)
	wantCode(t, d.PutDraft(strings.Repeat("a", 65), "x"), pln.CodeInvalid)
	wantCode(t, d.PutDraft("with space", "x"), pln.CodeInvalid)
	wantCode(t, d.DeleteDraft(""), pln.CodeInvalid)
	wantCode(t, d.PutDraft("big", strings.Repeat("x", store.MaxDraftBytes+1)), pln.CodeTooLarge)
	for i := len(want); i < store.MaxDrafts; i++ {
		noErr(t, d.PutDraft(fmt.Sprintf("k%03d", i), "d"))
	}
	err := d.PutDraft("k-one-too-many", "d")
	wantCode(t, err, pln.CodeTooLarge)
	if !strings.Contains(ErrorJSON(nil, err), `"code":"too_large"`) {
		t.Fatalf("ErrorJSON: %s", ErrorJSON(nil, err))
	}
	for i := len(want); i < store.MaxDrafts; i++ {
		noErr(t, d.DeleteDraft(fmt.Sprintf("k%03d", i)))
	}

	// Not in backups; kept over a restore and a reopen.
	var buf bytes.Buffer
	noErr(t, e.svc.Backup.WriteBackup(&buf))
	if bytes.Contains(buf.Bytes(), []byte(draftMarker)) || bytes.Contains(buf.Bytes(), []byte(`"two"`)) {
		t.Fatal("a backup holds a draft")
	}
	path := filepath.Join(t.TempDir(), "b.json")
	noErr(t, os.WriteFile(path, buf.Bytes(), 0o600))
	noErr(t, e.svc.Backup.RestoreBackup(path, true))
	if got := must[map[string]string](t)(d.Drafts()); !reflect.DeepEqual(got, want) {
		t.Fatalf("after a restore: Drafts = %#v, want %#v", got, want)
	}
	for _, b := range must[[]pln.BackupInfo](t)(e.svc.Backup.ListBackups()) {
		if hits := filesHolding(t, filepath.Dir(b.Path), draftMarker); len(hits) > 0 {
			t.Fatalf("the automatic backups hold a draft: %v", hits)
		}
	}
	e = e.reopen()
	if got := must[map[string]string](t)(e.svc.Drafts.Drafts()); !reflect.DeepEqual(got, want) {
		t.Fatalf("after a reopen: Drafts = %#v, want %#v", got, want)
	}
	noErr(t, e.svc.Drafts.DeleteDraft(id))
	e = e.reopen()
	if got := must[map[string]string](t)(e.svc.Drafts.Drafts()); len(got) != 1 || got["new"] != want["new"] {
		t.Fatalf("after a delete and a reopen: Drafts = %#v", got)
	}
}

// TestDraftsEncryptedLeaveNoPlainText: a draft's text is in the store's
// files while the folder is plain (so the search sees it), and nowhere in
// the data folder once a passphrase is set: not the drafts written before
// (carried into the encrypted store), not those written after, not after
// a clean close. The drafts are all there after unlocking.
func TestDraftsEncryptedLeaveNoPlainText(t *testing.T) {
	dir := t.TempDir()
	f := openFolder(t, dir, nil)
	noErr(t, f.svc.Drafts.PutDraft("new", "before "+draftMarker))
	if hits := filesHolding(t, dir, draftMarker); !containsPrefix(hits, StoreDir+string(filepath.Separator)) {
		t.Fatalf("in the plain folder the draft marker is only in %v: the search cannot see the store", hits)
	}

	noErr(t, f.svc.Encryption.SetPassphrase(pass))
	if hits := filesHolding(t, dir, draftMarker); len(hits) > 0 {
		t.Fatalf("after turning encryption on, the draft is in plain text in %v", hits)
	}
	id := pln.NewID()
	noErr(t, f.svc.Drafts.PutDraft(id, "after "+draftMarker))
	noErr(t, f.svc.Drafts.PutDraft("new", "before and after "+draftMarker))
	if hits := filesHolding(t, dir, draftMarker); len(hits) > 0 {
		t.Fatalf("drafts written to the encrypted folder are in plain text in %v", hits)
	}
	want := must[map[string]string](t)(f.svc.Drafts.Drafts())
	f.close()
	if hits := filesHolding(t, dir, draftMarker); len(hits) > 0 {
		t.Fatalf("after a clean close the draft is in plain text in %v", hits)
	}
	g := openFolder(t, dir, must[[]byte](t)(Unlock(dir, pass)))
	got := must[map[string]string](t)(g.svc.Drafts.Drafts())
	if !reflect.DeepEqual(got, want) || got[id] != "after "+draftMarker {
		t.Fatalf("after unlocking: Drafts = %#v, want %#v", got, want)
	}
}

// A panic inside a draft call is an internal error, not a crash.
func TestDraftServiceRecoversPanics(t *testing.T) {
	d := &DraftService{c: &core{gate: &sync.RWMutex{}, log: slog.New(slog.DiscardHandler)}} // no store: st is nil
	_, err := d.Drafts()
	wantCode(t, err, pln.CodeInternal)
	wantCode(t, d.PutDraft("new", "x"), pln.CodeInternal)
	wantCode(t, d.DeleteDraft("new"), pln.CodeInternal)
}
