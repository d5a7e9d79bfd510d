package store

import (
	"encoding/hex"
	"fmt"
	"reflect"
	"strings"
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
	if _, ok, _ := s.LastImport(); ok {
		t.Error("LastImport found an unpublished import")
	}

	// Publish: everything appears at once.
	if err := s.PublishImport(imp.ID, 3, 2); err != nil {
		t.Fatal(err)
	}
	n, ti = visibleIDs(t, s)
	if len(n) != len(nodesBefore)+3 || len(ti) != len(tiesBefore)+2 {
		t.Fatalf("after publish: %d nodes, %d ties", len(n), len(ti))
	}
	last, ok, err := s.LastImport()
	if err != nil || !ok || last.ID != imp.ID || !last.Published || last.Nodes != 3 || last.Ties != 2 {
		t.Fatalf("LastImport = %+v %v %v", last, ok, err)
	}
	wantCode(t, s.PublishImport(imp.ID, 3, 2), pln.CodeConflict)
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
	if err := s.PublishImport(impB.ID, 1, 1); err != nil {
		t.Fatal(err)
	}

	// Undo the first import: one commit, and its records vanish from reads.
	if err := s.UnpublishImport(imp.ID); err != nil {
		t.Fatal(err)
	}
	wantCode(t, s.UnpublishImport(imp.ID), pln.CodeConflict)
	wantCode(t, s.UnpublishImport(pln.NewID()), pln.CodeNotFound)
	n, ti = visibleIDs(t, s)
	if want := append(append([]string{}, nodesBefore...), nb[0].ID); !reflect.DeepEqual(n, want) {
		t.Fatalf("after undo nodes %v, want %v", n, want)
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
	if last, _, _ := s.LastImport(); last.ID != impB.ID {
		t.Errorf("LastImport after undo = %s, want B", last.ID)
	}

	// Reopen: the sweep has physically removed every key of the undone
	// import and everything that pointed at its nodes.
	s = reopen(t, s, dir)
	impKey := id16(imp.ID)
	for _, kv := range dump(t, s) {
		k, _ := hex.DecodeString(kv.K)
		v, _ := hex.DecodeString(kv.V)
		for _, x := range staged {
			xid := id16(x.ID)
			if strings.Contains(string(k), string(xid[:])) || strings.Contains(string(v), x.ID) {
				t.Errorf("key %x still refers to swept node %s", k, x.ID)
			}
		}
		for _, x := range append(stagedTies, handTie, tieB) {
			xid := id16(x.ID)
			if strings.Contains(string(k), string(xid[:])) {
				t.Errorf("key %x of swept tie left", k)
			}
		}
		if strings.Contains(string(k), string(impKey[:])) {
			t.Errorf("key %x of the undone import left", k)
		}
	}
	imps, err := s.Imports()
	if err != nil || len(imps) != 1 || imps[0].ID != impB.ID {
		t.Fatalf("Imports after sweep = %v %v", imps, err)
	}
	err = s.View(func(tx *Tx) error {
		got, err := tx.GetEntry(e.ID)
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(got.NodeIDs, []string{b.ID}) {
			t.Errorf("entry NodeIDs after sweep = %v", got.NodeIDs)
		}
		if _, err := tx.GetNode(nb[0].ID); err != nil {
			t.Errorf("B's node lost: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := keysWithPrefix(t, s, tagMention); len(got) != 2 {
		t.Errorf("%d mention keys after sweep, want 2", len(got))
	}
}

func TestBackgroundSweepAfterUndo(t *testing.T) {
	s, _ := openTemp(t)
	imp, err := s.BeginImport("x", "opml")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.StageNodes(imp.ID, sourceNodes(50)); err != nil {
		t.Fatal(err)
	}
	if err := s.PublishImport(imp.ID, 50, 0); err != nil {
		t.Fatal(err)
	}
	before := len(dump(t, s))
	if err := s.UnpublishImport(imp.ID); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for len(dump(t, s)) != before-200-1 { // 50 × (record, position, feed key, by-import key) + import record
		if time.Now().After(deadline) {
			t.Fatalf("background sweep did not finish: %d keys", len(dump(t, s)))
		}
		time.Sleep(10 * time.Millisecond)
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
	wantCode(t, s.PublishImport(imp.ID, 0, 0), pln.CodeNotFound)
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
