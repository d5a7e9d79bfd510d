package store

import (
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/plexus-pln/plexus/backend/pln"
)

// errInjected is the store failure the fault-injection tests inject.
var errInjected = errors.New("injected store failure")

// openFaulty opens a store in dir whose staged chunk number k (0-based)
// fails (k < 0: none does).
func openFaulty(t *testing.T, dir string, k int) *Store {
	t.Helper()
	s, err := Open(dir, Options{NoSync: true, StageFault: func(chunk int) error {
		if chunk == k {
			return errInjected
		}
		return nil
	}})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// everything is what a store holds, to compare before and after: every key
// and value, the state without the history, and what reads see.
type everything struct {
	raw          []rawKV
	state        []KV
	nodes, ties  []string
	historySteps int
}

func snapshotAll(t *testing.T, s *Store) everything {
	t.Helper()
	st, err := s.StateDump()
	if err != nil {
		t.Fatal(err)
	}
	nodes, ties := visibleIDs(t, s)
	page, _, err := s.HistoryPage("", 500)
	if err != nil {
		t.Fatal(err)
	}
	return everything{raw: dump(t, s), state: st, nodes: nodes, ties: ties, historySteps: len(page)}
}

func (a everything) diff(b everything) string {
	switch {
	case !reflect.DeepEqual(a.nodes, b.nodes) || !reflect.DeepEqual(a.ties, b.ties):
		return fmt.Sprintf("visible records differ: %d nodes, %d ties before; %d, %d after", len(a.nodes), len(a.ties), len(b.nodes), len(b.ties))
	case !reflect.DeepEqual(a.state, b.state):
		return fmt.Sprintf("state dumps differ: %d keys before, %d after", len(a.state), len(b.state))
	case !reflect.DeepEqual(a.raw, b.raw):
		return fmt.Sprintf("raw dumps differ: %d keys before, %d after", len(a.raw), len(b.raw))
	case a.historySteps != b.historySteps:
		return fmt.Sprintf("%d history steps before, %d after", a.historySteps, b.historySteps)
	}
	return ""
}

// A store failure after K staged chunks of an import leaves nothing
// published: after the abort the service does (or, if the process died, after the sweep at
// the next open) every key is as before, and a later import works.
func TestStageFaultLeavesNothingPublished(t *testing.T) {
	const chunks = 4
	for _, k := range []int{1, chunks} { // chunks: the first tie chunk fails
		for _, crash := range []bool{false, true} {
			t.Run(fmt.Sprintf("fail chunk %d, crash %v", k, crash), func(t *testing.T) {
				dir := t.TempDir()
				s := openFaulty(t, dir, k)
				handMade(t, s)
				before := snapshotAll(t, s)

				imp, err := s.BeginImport("big.opml", "opml")
				if err != nil {
					t.Fatal(err)
				}
				ns := sourceNodes(chunks * chunkSize)
				err = s.StageNodes(imp.ID, ns)
				if err == nil {
					err = s.StageTies(imp.ID, []pln.Tie{tie(ns[0].ID, ns[1].ID), tie(ns[2].ID, ns[3].ID)})
				}
				if !errors.Is(err, errInjected) {
					t.Fatalf("staging with chunk %d failing: %v", k, err)
				}
				if got := s.stagedChunks.Load(); got != int64(k+1) {
					t.Fatalf("%d chunks tried, want %d (the failing one last)", got, k+1)
				}
				// Staged but unpublished records are invisible meanwhile.
				if nodes, ties := visibleIDs(t, s); !reflect.DeepEqual(nodes, before.nodes) || !reflect.DeepEqual(ties, before.ties) {
					t.Fatal("staged records are visible before publishing")
				}
				if crash {
					if err := s.Close(); err != nil {
						t.Fatal(err)
					}
					s = openFaulty(t, dir, -1)
				} else if err := s.AbortImport(imp.ID); err != nil {
					t.Fatal(err)
				}
				if d := before.diff(snapshotAll(t, s)); d != "" {
					t.Fatal(d)
				}
				if imps, err := s.Imports(); err != nil || len(imps) != 0 {
					t.Fatalf("import records left: %v %v", imps, err)
				}

				// A later import works (the failing chunk number has passed).
				imp2, err := s.BeginImport("again.opml", "opml")
				if err != nil {
					t.Fatal(err)
				}
				if err := s.StageNodes(imp2.ID, sourceNodes(2*chunkSize)); err != nil {
					t.Fatal(err)
				}
				if _, err := s.PublishImport(imp2.ID, 2*chunkSize, 0, "Import again"); err != nil {
					t.Fatal(err)
				}
				if nodes, _ := visibleIDs(t, s); len(nodes) != len(before.nodes)+2*chunkSize {
					t.Fatalf("%d nodes after the later import, want %d", len(nodes), len(before.nodes)+2*chunkSize)
				}
			})
		}
	}
}

// The same for a step too large for one transaction (a layout stop of
// thousands of nodes): a failure after K chunks writes no step and leaves
// every key as before.
func TestStageFaultInALargeStep(t *testing.T) {
	for _, k := range []int{0, 2} {
		t.Run(fmt.Sprintf("fail chunk %d", k), func(t *testing.T) {
			s := openFaulty(t, t.TempDir(), -1)
			ns := sourceNodes(3*stageChunkChanges + 10)
			putNodes(t, s, ns...)
			before := snapshotAll(t, s)
			ps := make([]pln.Position, len(ns))
			for i, n := range ns {
				ps[i] = pln.Position{ID: n.ID, X: float64(i), Y: 7, Pinned: true}
			}
			s.stageFault = func(chunk int) error { // between steps of this test only
				if chunk == k {
					return errInjected
				}
				return nil
			}
			if _, err := s.SetPositionsStaged(ps, "Move 3010 nodes"); !errors.Is(err, errInjected) {
				t.Fatalf("SetPositionsStaged with chunk %d failing: %v", k, err)
			}
			if d := before.diff(snapshotAll(t, s)); d != "" {
				t.Fatal(d)
			}
			if st, err := s.SetPositionsStaged(ps, "Move 3010 nodes"); err != nil || st.chunks != 4 {
				t.Fatalf("the step again: %v (%d chunks)", err, st.chunks)
			}
			if got := snapshotAll(t, s); got.historySteps != before.historySteps+1 {
				t.Fatalf("%d steps after, want %d", got.historySteps, before.historySteps+1)
			}
		})
	}
}
