package store

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
)

func drafts(t *testing.T, s *Store) map[string]string {
	t.Helper()
	var ds map[string]string
	if err := s.View(func(tx *Tx) error {
		var err error
		ds, err = tx.Drafts()
		return err
	}); err != nil {
		t.Fatalf("Drafts: %v", err)
	}
	return ds
}

func putDraft(s *Store, k, v string) error {
	return s.Update(func(tx *Tx) error { return tx.PutDraft(k, v) })
}

func wantDraftCode(t *testing.T, err error, code pln.Code) {
	t.Helper()
	if pln.CodeOf(err) != code {
		t.Fatalf("got %v, want %s", err, code)
	}
}

// Drafts round-trip, replace, delete, survive a reopen, and sit under
// their own tag with the marker byte (SCHEMA.md).
func TestDraftsPutListDeleteReopen(t *testing.T) {
	s, dir := openTemp(t)
	if got := drafts(t, s); got == nil || len(got) != 0 {
		t.Fatalf("fresh store: %#v, want an empty map", got)
	}
	id := pln.NewID()
	mustUpdate(t, s, func(tx *Tx) error { return tx.PutDraft("new", `{"v":1,"body":"héllo"}`) })
	mustUpdate(t, s, func(tx *Tx) error { return tx.PutDraft(id, "first") })
	mustUpdate(t, s, func(tx *Tx) error { return tx.PutDraft(id, "second") })
	want := map[string]string{"new": `{"v":1,"body":"héllo"}`, id: "second"}
	if got := drafts(t, s); !reflect.DeepEqual(got, want) {
		t.Fatalf("Drafts = %#v, want %#v", got, want)
	}
	var raw []byte
	if err := s.View(func(tx *Tx) error {
		var err error
		raw, _, err = tx.get(append([]byte{0x40}, "new"...))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if string(raw) != "\x05"+want["new"] {
		t.Fatalf("raw value under 40|\"new\" = %q, want 05 and the text", raw)
	}

	s = reopen(t, s, dir)
	if got := drafts(t, s); !reflect.DeepEqual(got, want) {
		t.Fatalf("after reopen: Drafts = %#v, want %#v", got, want)
	}
	mustUpdate(t, s, func(tx *Tx) error { return tx.DeleteDraft(id) })
	mustUpdate(t, s, func(tx *Tx) error { return tx.DeleteDraft(id) }) // absent: no error
	mustUpdate(t, s, func(tx *Tx) error { return tx.DeleteDraft("never-kept") })
	s = reopen(t, s, dir)
	if got := drafts(t, s); !reflect.DeepEqual(got, map[string]string{"new": want["new"]}) {
		t.Fatalf("after delete and reopen: Drafts = %#v", got)
	}
}

func TestDraftLimits(t *testing.T) {
	s, _ := openTemp(t)
	// Keys: 1–64 bytes of printable ASCII without spaces.
	wantDraftCode(t, putDraft(s, "", "x"), pln.CodeInvalid)
	wantDraftCode(t, putDraft(s, strings.Repeat("k", MaxDraftKeyLen+1), "x"), pln.CodeInvalid)
	wantDraftCode(t, putDraft(s, "a b", "x"), pln.CodeInvalid)
	wantDraftCode(t, putDraft(s, "é", "x"), pln.CodeInvalid)
	wantDraftCode(t, putDraft(s, "a\x00", "x"), pln.CodeInvalid)
	wantDraftCode(t, s.Update(func(tx *Tx) error { return tx.DeleteDraft(strings.Repeat("k", 65)) }), pln.CodeInvalid)
	if err := putDraft(s, strings.Repeat("k", MaxDraftKeyLen), "x"); err != nil {
		t.Fatalf("a 64-byte key: %v", err)
	}
	// Values: valid UTF-8, at most 1 MiB.
	wantDraftCode(t, putDraft(s, "bad", "\xff\xfe"), pln.CodeInvalid)
	err := putDraft(s, "big", strings.Repeat("x", MaxDraftBytes+1))
	wantDraftCode(t, err, pln.CodeTooLarge)
	if !strings.Contains(err.Error(), "1048577 bytes") {
		t.Fatalf("the message does not say the size: %v", err)
	}
	if err := putDraft(s, "big", strings.Repeat("x", MaxDraftBytes)); err != nil {
		t.Fatalf("a 1 MiB draft: %v", err)
	}
	if got := drafts(t, s); len(got) != 2 || len(got["big"]) != MaxDraftBytes {
		t.Fatalf("after the refused puts: %d drafts, big is %d bytes", len(got), len(got["big"]))
	}

	// At most 200 drafts: a new key is refused, replacing one is not.
	s2, _ := openTemp(t)
	for i := range MaxDrafts {
		if err := putDraft(s2, fmt.Sprintf("k%03d", i), "d"); err != nil {
			t.Fatalf("draft %d: %v", i, err)
		}
	}
	err = putDraft(s2, "one-more", "d")
	wantDraftCode(t, err, pln.CodeTooLarge)
	if !strings.Contains(err.Error(), "200 unsaved drafts") {
		t.Fatalf("message: %v", err)
	}
	if err := putDraft(s2, "k007", "replaced"); err != nil {
		t.Fatalf("replacing a draft at the limit: %v", err)
	}
	mustUpdate(t, s2, func(tx *Tx) error { return tx.DeleteDraft("k000") })
	if err := putDraft(s2, "one-more", "d"); err != nil {
		t.Fatalf("a new draft after deleting one: %v", err)
	}
	if n := len(drafts(t, s2)); n != MaxDrafts {
		t.Fatalf("%d drafts, want %d", n, MaxDrafts)
	}
}

// All drafts together stay under 16 MiB: the store bounds what the
// frontend loads at start.
func TestDraftsTotalLimit(t *testing.T) {
	s, _ := openTemp(t)
	const each = MaxDraftBytes - 100
	for i := range MaxDraftsBytes / MaxDraftBytes {
		if err := putDraft(s, fmt.Sprintf("d%02d", i), strings.Repeat("y", each)); err != nil {
			t.Fatalf("draft %d: %v", i, err)
		}
	}
	room := MaxDraftsBytes - (MaxDraftsBytes/MaxDraftBytes)*each // 1600
	wantDraftCode(t, putDraft(s, "extra", strings.Repeat("z", room+1)), pln.CodeTooLarge)
	// Replacing a draft counts its new size instead of its old one.
	// (Sizes stay below Badger's value threshold, where its value sizes
	// are exact; see draftSizes.)
	if err := putDraft(s, "d03", strings.Repeat("y", each+50)); err != nil {
		t.Fatalf("growing a draft into the room left: %v", err)
	}
	room -= 50
	wantDraftCode(t, putDraft(s, "extra", strings.Repeat("z", room+1)), pln.CodeTooLarge)
	if err := putDraft(s, "extra", strings.Repeat("z", room)); err != nil {
		t.Fatalf("a draft that fills the room left: %v", err)
	}
	wantDraftCode(t, putDraft(s, "more", "z"), pln.CodeTooLarge)
	mustUpdate(t, s, func(tx *Tx) error { return tx.DeleteDraft("d03") })
	if err := putDraft(s, "more", "z"); err != nil {
		t.Fatalf("a draft after deleting one: %v", err)
	}
}

// Drafts are not history: a put makes no step and no undo, StateDump
// (what undo restores) leaves them out, and DropAll (a restore) keeps
// them.
func TestDraftsOutsideHistoryAndDropAll(t *testing.T) {
	s, _ := openTemp(t)
	before, err := s.StateDump()
	if err != nil {
		t.Fatal(err)
	}
	mustUpdate(t, s, func(tx *Tx) error { return tx.PutDraft("new", "typed") })
	if _, err := s.Commit(func(tx *Tx) (StepInfo, error) {
		return StepInfo{Name: "draft only"}, tx.PutDraft("other", "typed too")
	}); err != nil {
		t.Fatal(err)
	}
	_, _, okU, _, err := s.Undoable()
	if err != nil || okU {
		t.Fatalf("after putting drafts: undoable %v (%v), want nothing to undo", okU, err)
	}
	after, err := s.StateDump()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(before, after) {
		t.Fatalf("StateDump changed with a draft: %d keys before, %d after", len(before), len(after))
	}

	mustUpdate(t, s, func(tx *Tx) error { return tx.PutNode(node("Ada")) })
	if err := s.DropAll(); err != nil {
		t.Fatal(err)
	}
	if got := drafts(t, s); !reflect.DeepEqual(got, map[string]string{"new": "typed", "other": "typed too"}) {
		t.Fatalf("after DropAll: Drafts = %#v", got)
	}
	var n int
	if err := s.View(func(tx *Tx) error {
		ns, err := tx.ListNodes()
		n = len(ns)
		return err
	}); err != nil || n != 0 {
		t.Fatalf("after DropAll: %d nodes (%v)", n, err)
	}
	if err := s.Load(nil, nil, []pln.Entry{entry(time.Now())}, nil); err != nil {
		t.Fatalf("Load after DropAll with drafts kept: %v", err)
	}
}
