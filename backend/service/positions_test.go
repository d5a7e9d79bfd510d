package service

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// A layout stop at the product's limit size sends every node's position in
// one call; it must be saved in one transaction (docs/benchmarks.md,
// problem 1: it was too_large above ~8,600 nodes).
func TestSetPositionsAt10kNodes(t *testing.T) {
	e := newEnv(t)
	const n = 10_000
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for start := 0; start < n; start += 1000 {
		noErr(t, e.st.Update(func(tx *store.Tx) error {
			for i := start; i < start+1000; i++ {
				nd := pln.Node{ID: pln.NewID(), Label: fmt.Sprintf("Person %d", i), Kind: pln.KindPerson,
					Relation: pln.RelKnows, Strength: 3, Tags: []string{"ml", "design"},
					Description: "Met at a conference; writes about **learning in public**.",
					CreatedAt:   at, UpdatedAt: at}
				if err := tx.PutNode(nd); err != nil {
					return err
				}
			}
			return nil
		}))
	}
	nw := must[Network](t)(e.svc.Network.Network())
	if len(nw.Nodes) != n+1 {
		t.Fatalf("%d nodes, want %d (ego included)", len(nw.Nodes), n+1)
	}
	ps := make([]pln.Position, len(nw.Nodes))
	for i, nd := range nw.Nodes {
		ps[i] = pln.Position{ID: nd.ID, X: float64(i) * 1.5, Y: -float64(i), Pinned: i%5 == 0}
	}
	e.rec.take()
	noErr(t, e.svc.Network.SetPositions(ps))
	ev := e.rec.take()
	// More ids than a subset fetch takes: the event says "reload".
	if len(ev) != 1 || len(ev[0].payload.(pln.NetworkChanged).NodeIDs) != 0 || ev[0].payload.(pln.NetworkChanged).Reason != pln.ReasonMove {
		t.Fatalf("events after SetPositions: %+v", ev)
	}
	// The ego's position (0,0, pinned) is unchanged: it is not written.
	if h := must[pln.HistoryChanged](t)(e.svc.History.State()); h.Undo.Name != fmt.Sprintf("Move %d nodes", n) {
		t.Fatalf("undo %+v", h.Undo)
	}
	before := nw.Nodes
	e = e.reopen()
	nw = must[Network](t)(e.svc.Network.Network())
	if len(nw.Nodes) != len(before) {
		t.Fatalf("%d nodes after reopen", len(nw.Nodes))
	}
	for i, nd := range nw.Nodes {
		if nd.ID != ps[i].ID || nd.X != ps[i].X || nd.Y != ps[i].Y || nd.Pinned != ps[i].Pinned || !nd.UpdatedAt.Equal(before[i].UpdatedAt) {
			t.Fatalf("node %d after SetPositions and reopen: %+v, want %+v", i, nd, ps[i])
		}
	}
}

// More positions than one transaction can hold are refused up front, with
// too_large, and nothing moves.
func TestSetPositionsOverTheLimit(t *testing.T) {
	e := newEnv(t)
	ego := must[pln.Node](t)(e.svc.Network.Ego())
	ps := make([]pln.Position, MaxPositions+1)
	for i := range ps {
		ps[i] = pln.Position{ID: ego.ID, X: 1, Y: 1}
	}
	err := e.svc.Network.SetPositions(ps)
	if pln.CodeOf(err) != pln.CodeTooLarge || !strings.Contains(err.Error(), "100000") {
		t.Fatalf("got %v, want too_large naming the limit", err)
	}
	if got := must[pln.Node](t)(e.svc.Network.Ego()); got.X != ego.X || got.Y != ego.Y {
		t.Fatalf("the ego moved: %+v", got)
	}
}

// A layout stop of 25,000 and of 50,000 nodes is one step each (more than
// one transaction holds: staged), undone and redone whole.
func TestLayoutStopOf50kNodesIsOneStep(t *testing.T) {
	if testing.Short() {
		t.Skip("50,000 nodes")
	}
	e := newEnv(t)
	const n = 50_000
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for start := 0; start < n; start += 2000 {
		noErr(t, e.st.Update(func(tx *store.Tx) error {
			for i := start; i < start+2000; i++ {
				if err := tx.PutNode(pln.Node{ID: pln.NewID(), Label: fmt.Sprint("n", i), Kind: pln.KindPerson, CreatedAt: at, UpdatedAt: at}); err != nil {
					return err
				}
			}
			return nil
		}))
	}
	nw := must[Network](t)(e.svc.Network.Network())
	start := e.networkJSON()
	for _, size := range []int{25_000, n} {
		ps := make([]pln.Position, 0, size)
		for i, nd := range nw.Nodes[1 : size+1] {
			ps = append(ps, pln.Position{ID: nd.ID, X: float64(size + i), Y: 7, Pinned: true})
		}
		noErr(t, e.svc.Network.SetPositions(ps))
		h := must[pln.HistoryChanged](t)(e.svc.History.State())
		if h.Undo == nil || h.Undo.Name != fmt.Sprintf("Move %d nodes", size) || h.Undo.Records != size {
			t.Fatalf("after a layout stop of %d: undo %+v", size, h.Undo)
		}
	}
	moved := e.networkJSON()
	must[pln.HistoryStep](t)(e.svc.History.Undo())
	must[pln.HistoryStep](t)(e.svc.History.Undo())
	if e.networkJSON() != start {
		t.Fatal("two undos did not bring back the positions")
	}
	must[pln.HistoryStep](t)(e.svc.History.Redo())
	must[pln.HistoryStep](t)(e.svc.History.Redo())
	if e.networkJSON() != moved {
		t.Fatal("two redos did not bring back the moves")
	}
}
