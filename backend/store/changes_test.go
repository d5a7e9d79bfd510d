package store

import (
	"slices"
	"testing"
	"unsafe"

	"github.com/plexus-pln/plexus/backend/pln"
)

// changesSince runs ViewChanges and returns what it reported.
func changesSince(t *testing.T, s *Store, v Version) (Version, Changes) {
	t.Helper()
	var now Version
	var ch Changes
	if err := s.ViewChanges(v, func(_ *Tx, n Version, c Changes) error { now, ch = n, c; return nil }); err != nil {
		t.Fatal(err)
	}
	slices.Sort(ch.Nodes)
	slices.Sort(ch.Positions)
	slices.Sort(ch.Ties)
	return now, ch
}

func idsSorted(ids ...string) []string {
	slices.Sort(ids)
	return ids
}

func TestViewChanges(t *testing.T) {
	s, _ := openTemp(t)
	v, ch := changesSince(t, s, Version{})
	if !ch.All {
		t.Fatalf("since the zero Version: %+v, want All", ch)
	}
	if v2, ch := changesSince(t, s, v); !ch.None || v2 != v {
		t.Fatalf("no commit: %+v (%v → %v), want None and the same Version", ch, v, v2)
	}

	a, b := node("a"), node("b")
	x := tie(a.ID, b.ID)
	if err := s.Update(func(tx *Tx) error {
		if err := tx.PutNode(a); err != nil {
			return err
		}
		return tx.PutNode(b)
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(tx *Tx) error { return tx.PutTie(x) }); err != nil {
		t.Fatal(err)
	}
	// A read-only Update and one that fails commit nothing.
	_ = s.Update(func(tx *Tx) error { _, err := tx.GetNode(a.ID); return err })
	_ = s.Update(func(tx *Tx) error { _ = tx.PutNode(node("c")); return pln.Invalid("no") })
	v, ch = changesSince(t, s, v)
	if ch.All || ch.None || !slices.Equal(ch.Nodes, idsSorted(a.ID, b.ID)) || !slices.Equal(ch.Ties, []string{x.ID}) {
		t.Fatalf("two commits: %+v, want nodes a, b and the tie", ch)
	}

	if err := s.Update(func(tx *Tx) error { return tx.SetPositions([]pln.Position{{ID: b.ID, X: 1, Y: 2}}) }); err != nil {
		t.Fatal(err)
	}
	v, ch = changesSince(t, s, v)
	if len(ch.Nodes) != 0 || !slices.Equal(ch.Positions, []string{b.ID}) || len(ch.Ties) != 0 {
		t.Fatalf("a move: %+v, want the position of b", ch)
	}
	// A move, then an edit of the same node: its record was written.
	if err := s.Update(func(tx *Tx) error { return tx.SetPositions([]pln.Position{{ID: a.ID, X: 3, Y: 4}}) }); err != nil {
		t.Fatal(err)
	}
	a.Label = "a, renamed"
	if err := s.Update(func(tx *Tx) error { return tx.PutNode(a) }); err != nil {
		t.Fatal(err)
	}
	v, ch = changesSince(t, s, v)
	if !slices.Equal(ch.Nodes, []string{a.ID}) || len(ch.Positions) != 0 {
		t.Fatalf("a move and an edit: %+v, want the record of a", ch)
	}
	var p pln.Position
	if err := s.View(func(tx *Tx) (err error) { p, err = tx.NodePosition(b.ID); return err }); err != nil || p.X != 1 || p.Y != 2 {
		t.Fatalf("NodePosition: %+v, %v", p, err)
	}

	// An import record written: the visibility of its records changes.
	if _, err := s.BeginImport("x.opml", "opml"); err != nil {
		t.Fatal(err)
	}
	v, ch = changesSince(t, s, v)
	if !ch.All {
		t.Fatalf("an import begun: %+v, want All", ch)
	}

	// DropAll, and a Load (a WriteBatch: commits the journal does not see).
	if err := s.DropAll(); err != nil {
		t.Fatal(err)
	}
	v, ch = changesSince(t, s, v)
	if !ch.All {
		t.Fatalf("DropAll: %+v, want All", ch)
	}
	if err := s.Load([]pln.Node{a, b}, []pln.Tie{x}, nil, nil); err != nil {
		t.Fatal(err)
	}
	v, ch = changesSince(t, s, v)
	if !ch.All {
		t.Fatalf("Load: %+v, want All", ch)
	}

	// Another store's Version.
	o, _ := openTemp(t)
	if _, ch := changesSince(t, o, v); !ch.All {
		t.Fatalf("a Version of another store: %+v, want All", ch)
	}

	// A reader further behind than the journal keeps gets All.
	v, _ = changesSince(t, s, v)
	big := make([][idLen]byte, journalLimit/3)
	for range 4 {
		s.journal.add(journalEntry{nodes: big})
	}
	if s.journal.start == 0 {
		t.Fatal("the journal kept more than journalLimit ids")
	}
	if _, ok := s.journal.between(v.seq, v.seq+1); ok {
		t.Fatal("between reported forgotten entries")
	}
}

func TestJournalTrim(t *testing.T) {
	var j journal
	for i := range 5 {
		j.add(journalEntry{nodes: make([][idLen]byte, journalLimit/3), ego: i == 4})
	}
	if j.start != 3 || j.end() != 5 {
		t.Fatalf("start %d, end %d; want 3, 5", j.start, j.end())
	}
	if _, ok := j.between(2, 5); ok {
		t.Fatal("between(2, 5) ok with entry 2 forgotten")
	}
	if c, ok := j.between(4, 5); !ok || !c.Ego || len(c.Nodes) != 1 {
		t.Fatalf("between(4, 5) = %+v, %v", c, ok)
	}
}

// TestViewChangesDuringDropAll replays DropAll's steps with a ViewChanges
// between them: one that reads while the drop is under way (the epoch odd)
// sees the old records; the drop empties Badger and DropAll commits the
// schema version through Update, all before its epoch is bumped again. A
// ViewChanges since that Version, still inside the drop, must say All,
// not "only the version key was written" (which would keep the old
// records in a reader's copy of an empty store), nor None when nothing
// was committed since.
func TestViewChangesDuringDropAll(t *testing.T) {
	s, _ := openTemp(t)
	a := node("a")
	mustUpdate(t, s, func(tx *Tx) error { return tx.PutNode(a) })
	s.epoch.Add(1) // DropAll begins
	v, _ := changesSince(t, s, Version{})
	if err := s.db.DropAll(); err != nil {
		t.Fatal(err)
	}
	if _, ch := changesSince(t, s, v); !ch.All { // no commit in between: the same Version, not the same data
		t.Fatalf("since a Version read during a drop, no commit since: %+v, want All", ch)
	}
	mustUpdate(t, s, func(tx *Tx) error { return tx.setVersion(SchemaVersion) })
	if _, ch := changesSince(t, s, v); !ch.All {
		t.Fatalf("since a Version read during a drop: %+v, want All", ch)
	}
	s.epoch.Add(1) // DropAll ends
}

// TestJournalBound: commits that write nothing of the network (journal
// entries, drafts, the change log) are remembered too, and must not hold
// more memory than journalLimit ids would.
func TestJournalBound(t *testing.T) {
	var j journal
	for range 4 * journalLimit {
		j.add(journalEntry{})
	}
	if n, max := len(j.entries)*int(unsafe.Sizeof(journalEntry{})), journalLimit*idLen; n > max {
		t.Fatalf("%d empty entries kept: %d bytes, more than %d ids' (%d bytes)", len(j.entries), n, journalLimit, max)
	}
	if j.end() != 4*journalLimit {
		t.Fatalf("end %d, want %d", j.end(), 4*journalLimit)
	}
}
