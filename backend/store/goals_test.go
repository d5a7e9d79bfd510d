package store

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
)

func goal(title string, nodeIDs ...string) pln.Goal {
	return pln.Goal{ID: pln.NewID(), Title: title, Status: pln.GoalActive, NodeIDs: nodeIDs, CreatedAt: clock, UpdatedAt: clock}
}

func commitGoal(t *testing.T, s *Store, g pln.Goal) {
	t.Helper()
	if _, err := s.Commit(func(tx *Tx) (StepInfo, error) { return StepInfo{Name: "goal"}, tx.PutGoal(g) }); err != nil {
		t.Fatal(err)
	}
}

func listGoals(t *testing.T, s *Store) []pln.Goal {
	t.Helper()
	var gs []pln.Goal
	if err := s.View(func(tx *Tx) (err error) { gs, err = tx.ListGoals(); return err }); err != nil {
		t.Fatal(err)
	}
	return gs
}

// Goals are records the history, as-of, the tolerant read and salvage all carry.
func TestGoalsInHistoryAsOfAndSalvage(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	s, err := Open(dir, Options{NoSync: true, Clock: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	a, b := node("Ana"), node("Bo")
	putNodes(t, s, a, b)
	g := goal("Learn Rust", a.ID)
	commitGoal(t, s, g)
	mid := now
	now = now.Add(time.Hour)
	g2 := g
	g2.Title, g2.NodeIDs = "Learn Go", []string{a.ID, b.ID}
	commitGoal(t, s, g2)

	snap, err := s.AsOf(mid)
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.Goals) != 1 || snap.Goals[0].Title != "Learn Rust" || !reflect.DeepEqual(snap.Goals[0].NodeIDs, []string{a.ID}) {
		t.Fatalf("as of the middle: %+v", snap.Goals)
	}
	if _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if gs := listGoals(t, s); len(gs) != 1 || gs[0].Title != "Learn Rust" {
		t.Fatalf("after undo: %+v", gs)
	}
	c, problems, err := s.ReadTolerant()
	if err != nil || len(problems) != 0 || len(c.Goals) != 1 || c.Goals[0].Title != "Learn Rust" {
		t.Fatalf("ReadTolerant: %+v %v %v", c.Goals, problems, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	to := filepath.Join(t.TempDir(), "db")
	if _, err := Salvage(dir, to, Options{NoSync: true}); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(to, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if gs := listGoals(t, s2); len(gs) != 1 || gs[0].ID != g.ID || !reflect.DeepEqual(gs[0].NodeIDs, []string{a.ID}) {
		t.Fatalf("salvaged goals: %+v", gs)
	}
}

func TestLoadContentsChecksGoals(t *testing.T) {
	s, _ := openTemp(t)
	ego := node("Me")
	ego.Ego = true
	a := node("Ana")
	for _, c := range []struct {
		name string
		g    pln.Goal
	}{{"missing node", goal("X", pln.NewID())}, {"the ego", goal("X", ego.ID)}} {
		err := s.LoadContents(Contents{Nodes: []pln.Node{ego, a}, Goals: []pln.Goal{c.g}})
		if pln.CodeOf(err) != pln.CodeInvalid {
			t.Fatalf("%s: %v, want invalid", c.name, err)
		}
	}
	if err := s.LoadContents(Contents{Nodes: []pln.Node{ego, a}, Goals: []pln.Goal{goal("Y", a.ID)}}); err != nil {
		t.Fatal(err)
	}
	if gs := listGoals(t, s); len(gs) != 1 || gs[0].NodeIDs[0] != a.ID {
		t.Fatalf("loaded goals %+v", gs)
	}
}
