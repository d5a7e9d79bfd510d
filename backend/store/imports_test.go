package store

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
)

// handMade writes a small hand-made network (ego, two alters, a tie, an
// entry) and returns the alters.
func handMade(t *testing.T, s *Store) (a, b pln.Node) {
	t.Helper()
	ego := node("me")
	ego.Ego = true
	a, b = node("a"), node("b")
	a.FeedURL = "https://a.example/feed"
	putNodes(t, s, ego, a, b)
	mustUpdate(t, s, func(tx *Tx) error {
		if err := tx.PutTie(tie(a.ID, b.ID)); err != nil {
			return err
		}
		return tx.PutEntry(entry(clock, a.ID))
	})
	return a, b
}

func sourceNodes(n int) []pln.Node {
	out := make([]pln.Node, n)
	for i := range out {
		out[i] = node(fmt.Sprintf("feed %d", i))
		out[i].Kind = pln.KindSource
		out[i].FeedURL = fmt.Sprintf("https://feeds.example/%d.xml", i)
	}
	return out
}

func visibleIDs(t *testing.T, s *Store) (nodes, ties []string) {
	t.Helper()
	err := s.View(func(tx *Tx) error {
		ns, err := tx.ListNodes()
		if err != nil {
			return err
		}
		for _, n := range ns {
			nodes = append(nodes, n.ID)
		}
		ts, err := tx.ListTies()
		if err != nil {
			return err
		}
		for _, x := range ts {
			ties = append(ties, x.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return nodes, ties
}

func TestStagedImportLifecycle(t *testing.T) {
	s, dir := openTemp(t)
	a, b := handMade(t, s)
	nodesBefore, tiesBefore := visibleIDs(t, s)

	imp, err := s.BeginImport("feeds.opml", "opml")
	if err != nil {
		t.Fatal(err)
	}
	staged := sourceNodes(3)
	if err := s.StageNodes(imp.ID, staged); err != nil {
		t.Fatal(err)
	}
	stagedTies := []pln.Tie{tie(staged[0].ID, staged[1].ID), tie(a.ID, staged[2].ID)}
	if err := s.StageTies(imp.ID, stagedTies); err != nil {
		t.Fatal(err)
	}

	// Before publishing: nothing of the import is visible anywhere.
	n, ti := visibleIDs(t, s)
	if !reflect.DeepEqual(n, nodesBefore) || !reflect.DeepEqual(ti, tiesBefore) {
		t.Fatalf("staged records visible before publish: %d nodes, %d ties", len(n), len(ti))
	}
	err = s.View(func(tx *Tx) error {
		_, err := tx.GetNode(staged[0].ID)
		wantCode(t, err, pln.CodeNotFound)
		_, err = tx.GetTie(stagedTies[0].ID)
		wantCode(t, err, pln.CodeNotFound)
		if _, ok, _ := tx.FindNodeByFeedURL(staged[0].FeedURL); ok {
			t.Error("staged node found by feed URL")
		}
		ts, err := tx.TiesOf(a.ID)
		if err != nil {
			return err
		}
		if len(ts) != 1 {
			t.Errorf("TiesOf(a) shows %d ties, want the hand-made one", len(ts))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	wantCode(t, s.Update(func(tx *Tx) error { return tx.PutTie(tie(a.ID, staged[0].ID)) }), pln.CodeInvalid)
	wantCode(t, s.Update(func(tx *Tx) error { return tx.PutEntry(entry(clock, staged[0].ID)) }), pln.CodeInvalid)
	if _, _, ok, _, _ := s.Undoable(); ok {
		t.Error("an unpublished import is undoable")
	}

	// Publish: everything appears at once.
	if _, err := s.PublishImport(imp.ID, 3, 2, "Import feeds.opml"); err != nil {
		t.Fatal(err)
	}
	n, ti = visibleIDs(t, s)
	if len(n) != len(nodesBefore)+3 || len(ti) != len(tiesBefore)+2 {
		t.Fatalf("after publish: %d nodes, %d ties", len(n), len(ti))
	}
	last, _, ok, _, err := s.Undoable()
	if err != nil || !ok || last.Name != "Import feeds.opml" || last.Records != 1 {
		t.Fatalf("Undoable = %+v %v %v", last, ok, err)
	}
	_, err = s.PublishImport(imp.ID, 3, 2, "again")
	wantCode(t, err, pln.CodeConflict)
	wantCode(t, s.AbortImport(imp.ID), pln.CodeConflict)
	wantCode(t, s.StageNodes(imp.ID, sourceNodes(1)), pln.CodeConflict)

	// The user builds on the imported nodes: a hand-made tie, an entry link.
	handTie := tie(b.ID, staged[1].ID)
	e := entry(clock.Add(time.Hour), b.ID, staged[1].ID)
	mustUpdate(t, s, func(tx *Tx) error {
		if err := tx.PutTie(handTie); err != nil {
			return err
		}
		return tx.PutEntry(e)
	})
	// A later import B ties one of its nodes to a node of this import.
	impB, err := s.BeginImport("more.opml", "opml")
	if err != nil {
		t.Fatal(err)
	}
	nb := sourceNodes(1)
	nb[0].FeedURL = "https://b.example/feed"
	tieB := tie(nb[0].ID, staged[0].ID)
	if err := s.StageNodes(impB.ID, nb); err != nil {
		t.Fatal(err)
	}
	if err := s.StageTies(impB.ID, []pln.Tie{tieB}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PublishImport(impB.ID, 1, 1, "Import more.opml"); err != nil {
		t.Fatal(err)
	}
	full, fullTies := visibleIDs(t, s)

	// Undo both imports (newest first): one commit each, and their records
	// vanish from reads.
	for _, want := range []string{"Undo: Import more.opml", "Undo: Import feeds.opml"} {
		st, err := s.Undo()
		if err != nil || st.Name != want || len(st.Changes) != 1 {
			t.Fatalf("Undo = %q (%d changes), %v; want %q", st.Name, len(st.Changes), err, want)
		}
	}
	_, err = s.Undo()
	wantCode(t, err, pln.CodeNotFound)
	n, ti = visibleIDs(t, s)
	if !reflect.DeepEqual(n, nodesBefore) {
		t.Fatalf("after undo nodes %v, want %v", n, nodesBefore)
	}
	if !reflect.DeepEqual(ti, tiesBefore) {
		t.Fatalf("after undo ties %v, want %v (hand-made and B's ties to undone nodes hidden)", ti, tiesBefore)
	}
	err = s.View(func(tx *Tx) error {
		got, err := tx.GetEntry(e.ID)
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(got.NodeIDs, []string{b.ID}) {
			t.Errorf("entry NodeIDs after undo = %v", got.NodeIDs)
		}
		_, _, err = tx.EntriesByNode(staged[1].ID, 10, "")
		wantCode(t, err, pln.CodeNotFound)
		_, err = tx.GetTie(handTie.ID)
		wantCode(t, err, pln.CodeNotFound)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	// Reopen: an undone import is in the history, so the sweep keeps its
	// records, and redo brings everything back as it was, the hand-made
	// tie and the entry's link included.
	s = reopen(t, s, dir)
	if imps, err := s.Imports(); err != nil || len(imps) != 2 {
		t.Fatalf("Imports after reopen = %v %v", imps, err)
	}
	for range 2 {
		if _, err := s.Redo(); err != nil {
			t.Fatal(err)
		}
	}
	n, ti = visibleIDs(t, s)
	if !reflect.DeepEqual(n, full) || !reflect.DeepEqual(ti, fullTies) {
		t.Fatalf("after redo: nodes %v ties %v, want %v %v", n, ti, full, fullTies)
	}
	err = s.View(func(tx *Tx) error {
		got, err := tx.GetEntry(e.ID)
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(got.NodeIDs, []string{b.ID, staged[1].ID}) {
			t.Errorf("entry NodeIDs after redo = %v", got.NodeIDs)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// An import that was never published (a crash while staging) is not in the
// history: the next Open sweeps every key it left.
func TestSweepRemovesUnloggedImport(t *testing.T) {
	s, dir := openTemp(t)
	before := dump(t, s)
	imp, err := s.BeginImport("x", "opml")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.StageNodes(imp.ID, sourceNodes(50)); err != nil {
		t.Fatal(err)
	}
	s.setStaging(imp.ID, false) // as if the process had died
	s = reopen(t, s, dir)
	if after := dump(t, s); !reflect.DeepEqual(after, before) {
		t.Fatalf("keys after the sweep differ: %d before, %d after", len(before), len(after))
	}
}

func TestAbortImportRestoresKeysExactly(t *testing.T) {
	s, _ := openTemp(t)
	a, b := handMade(t, s)
	before := dump(t, s)

	imp, err := s.BeginImport("big.opml", "opml")
	if err != nil {
		t.Fatal(err)
	}
	const k = 2500 // several chunks
	ns := sourceNodes(k)
	if err := s.StageNodes(imp.ID, ns); err != nil {
		t.Fatal(err)
	}
	var ts []pln.Tie
	for i := range k {
		ts = append(ts, tie(ns[i].ID, ns[(i+1)%k].ID))
	}
	ts = append(ts, tie(a.ID, ns[0].ID), tie(ns[1].ID, b.ID))
	if err := s.StageTies(imp.ID, ts); err != nil {
		t.Fatal(err)
	}
	if len(dump(t, s)) <= len(before)+k {
		t.Fatal("staging wrote too few keys")
	}
	if err := s.AbortImport(imp.ID); err != nil {
		t.Fatal(err)
	}
	if after := dump(t, s); !reflect.DeepEqual(after, before) {
		t.Fatalf("keys after abort differ: %d before, %d after", len(before), len(after))
	}
	wantCode(t, s.AbortImport(imp.ID), pln.CodeNotFound)
	_, err = s.PublishImport(imp.ID, 0, 0, "x")
	wantCode(t, err, pln.CodeNotFound)
	wantCode(t, s.StageNodes(imp.ID, sourceNodes(1)), pln.CodeConflict)
}

func TestStagingRules(t *testing.T) {
	s, _ := openTemp(t)
	a, _ := handMade(t, s)
	imp, err := s.BeginImport("x", "opml")
	if err != nil {
		t.Fatal(err)
	}
	before := dump(t, s)
	ego := node("another me")
	ego.Ego = true
	wantCode(t, s.StageNodes(imp.ID, []pln.Node{ego}), pln.CodeInvalid)
	wantCode(t, s.StageNodes(imp.ID, []pln.Node{a}), pln.CodeConflict)
	wantCode(t, s.StageNodes(imp.ID, []pln.Node{{ID: "nope"}}), pln.CodeInvalid)
	wantCode(t, s.StageTies(imp.ID, []pln.Tie{tie(a.ID, pln.NewID())}), pln.CodeInvalid)
	wantCode(t, s.StageNodes(pln.NewID(), sourceNodes(1)), pln.CodeConflict)
	if !reflect.DeepEqual(dump(t, s), before) {
		t.Fatal("refused staging wrote keys")
	}
	// Ends staged by another, unpublished import are not usable.
	other, err := s.BeginImport("y", "opml")
	if err != nil {
		t.Fatal(err)
	}
	on := sourceNodes(1)
	if err := s.StageNodes(other.ID, on); err != nil {
		t.Fatal(err)
	}
	wantCode(t, s.StageTies(imp.ID, []pln.Tie{tie(a.ID, on[0].ID)}), pln.CodeInvalid)
	// Re-staging a node of the same import replaces it.
	mine := sourceNodes(1)
	if err := s.StageNodes(imp.ID, mine); err != nil {
		t.Fatal(err)
	}
	mine[0].FeedURL = "https://changed.example/feed"
	if err := s.StageNodes(imp.ID, mine); err != nil {
		t.Fatal(err)
	}
	if n := len(keysWithPrefix(t, s, append([]byte{tagByImport}, func() []byte { b := id16(imp.ID); return b[:] }()...)...)); n != 1 {
		t.Errorf("%d by-import keys after re-staging, want 1", n)
	}
}

func TestCrashedImportSweptOnOpen(t *testing.T) {
	s, dir := openTemp(t)
	handMade(t, s)
	before := dump(t, s)
	imp, err := s.BeginImport("x", "opml")
	if err != nil {
		t.Fatal(err)
	}
	ns := sourceNodes(1200)
	if err := s.StageNodes(imp.ID, ns); err != nil {
		t.Fatal(err)
	}
	if err := s.StageTies(imp.ID, []pln.Tie{tie(ns[0].ID, ns[1].ID)}); err != nil {
		t.Fatal(err)
	}
	// "Crash": close without publishing or aborting.
	s = reopen(t, s, dir)
	if after := dump(t, s); !reflect.DeepEqual(after, before) {
		t.Fatalf("leftovers not swept: %d keys before, %d after", len(before), len(after))
	}
}
