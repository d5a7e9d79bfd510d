package service

import (
	"slices"
	"strings"

	"github.com/plexus-pln/plexus/backend/interchange"
	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// GoalService keeps the ego's learning goals and the alters that help with
// each (issue 9, "Goals"; docs/decisions/goals.md). Every write is one
// commit through core.write: one change set, one undoable step with a
// name ("Add the goal “Learn Rust”", "Link “Ana” to “Learn Rust”"), then
// goals:changed (pln.GoalsChanged) and history:changed.
type GoalService struct {
	c *core
}

// GoalView is a goal as the goals view lists it: the record plus what is
// derived from it in the backend. NobodyHelping: no visible node helps
// (the view and `plexus goals` point it out).
type GoalView struct {
	Goal          pln.Goal `json:"goal"`
	NobodyHelping bool     `json:"nobodyHelping"`
}

func viewOf(g pln.Goal) GoalView { return GoalView{Goal: g, NobodyHelping: len(g.NodeIDs) == 0} }

// Goals returns every goal in creation order.
func (s *GoalService) Goals() (out []GoalView, err error) {
	defer recoverInto(s.c.log, "GoalService.Goals", &err)
	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	out = []GoalView{}
	err = s.c.st.View(func(tx *store.Tx) error {
		gs, err := tx.ListGoals()
		for _, g := range gs {
			out = append(out, viewOf(g))
		}
		return err
	})
	return out, err
}

// GetGoal returns goal id (not_found when missing).
func (s *GoalService) GetGoal(id string) (v GoalView, err error) {
	defer recoverInto(s.c.log, "GoalService.GetGoal", &err)
	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	err = s.c.st.View(func(tx *store.Tx) error {
		g, err := tx.GetGoal(id)
		v = viewOf(g)
		return err
	})
	return v, err
}

// CreateGoal adds a goal with the fields f (normalized:
// pln.GoalFields.Normalize; status defaults to active) and no helpers. At
// most pln.MaxGoals goals (too_large); a title another goal has
// (SameGoalTitle) is invalid. One step "Add the goal “…”";
// goals:changed "create".
func (s *GoalService) CreateGoal(f pln.GoalFields) (v GoalView, err error) {
	if err := f.Normalize(); err != nil {
		return GoalView{}, err
	}
	_, err = s.c.write("GoalService.CreateGoal", reasons{goals: pln.ReasonCreate}, func(tx *store.Tx) (store.StepInfo, error) {
		n, err := tx.CountGoals()
		if err != nil {
			return store.StepInfo{}, err
		}
		if n >= pln.MaxGoals {
			return store.StepInfo{}, pln.TooLarge("There are %d goals already, the most Plexus keeps; delete or finish some first.", n)
		}
		if err := refuseTakenTitle(tx, f.Title, ""); err != nil {
			return store.StepInfo{}, err
		}
		now := s.c.stamp()
		g := pln.Goal{ID: pln.NewID(), CreatedAt: now, UpdatedAt: now}
		g.SetFields(f)
		v = viewOf(g)
		return store.StepInfo{Name: "Add the goal " + quote(g.Title)}, tx.PutGoal(g)
	})
	if err != nil {
		return GoalView{}, err
	}
	return v, nil
}

// SameGoalTitle is the rule goal titles match by: case and spacing aside
// (the CLI names a goal by its title with the same rule).
func SameGoalTitle(a, b string) bool {
	norm := func(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }
	return norm(a) == norm(b)
}

// refuseTakenTitle is pln.Invalid when a goal other than except already
// has title (SameGoalTitle): a title names one goal, in the goals view and
// on the command line alike.
func refuseTakenTitle(tx *store.Tx, title, except string) error {
	gs, err := tx.ListGoals()
	if err != nil {
		return err
	}
	for _, g := range gs {
		if g.ID != except && SameGoalTitle(g.Title, title) {
			return pln.Invalid("The goal %s already has this title (case and spacing aside); choose another.", quote(g.Title))
		}
	}
	return nil
}

// UpdateGoal replaces goal id's fields with f (normalized; its helpers
// are kept). One step, named for what changed ("Rename the goal “A” to
// “B”", "Mark the goal “…” achieved", "Edit the goal “…”"); a save that
// changes nothing logs nothing. goals:changed "update".
func (s *GoalService) UpdateGoal(id string, f pln.GoalFields) (v GoalView, err error) {
	if err := f.Normalize(); err != nil {
		return GoalView{}, err
	}
	_, err = s.c.write("GoalService.UpdateGoal", reasons{goals: pln.ReasonUpdate}, func(tx *store.Tx) (store.StepInfo, error) {
		old, err := tx.GetGoal(id)
		if err != nil {
			return store.StepInfo{}, err
		}
		v = viewOf(old)
		if old.Fields() == f {
			return store.StepInfo{}, nil
		}
		if !SameGoalTitle(old.Title, f.Title) {
			if err := refuseTakenTitle(tx, f.Title, id); err != nil {
				return store.StepInfo{}, err
			}
		}
		g := old
		g.SetFields(f)
		g.UpdatedAt = s.c.stamp()
		v = viewOf(g)
		name := "Edit the goal " + quote(g.Title)
		switch {
		case old.Title != g.Title:
			name = "Rename the goal " + quote(old.Title) + " to " + quote(g.Title)
		case old.Status != g.Status && old.Description == g.Description && old.TargetDate == g.TargetDate:
			name = "Mark the goal " + quote(g.Title) + " " + string(g.Status)
		}
		return store.StepInfo{Name: name}, tx.PutGoal(g)
	})
	if err != nil {
		return GoalView{}, err
	}
	return v, nil
}

// SetGoalStatus sets goal id's status only (UpdateGoal with the other
// fields as they are).
func (s *GoalService) SetGoalStatus(id string, status pln.GoalStatus) (v GoalView, err error) {
	cur, err := s.GetGoal(id)
	if err != nil {
		return GoalView{}, err
	}
	f := cur.Goal.Fields()
	f.Status = status
	return s.UpdateGoal(id, f)
}

// DeleteGoal deletes goal id (its nodes stay). One step "Delete the goal
// “…”"; goals:changed "delete". not_found when missing.
func (s *GoalService) DeleteGoal(id string) (err error) {
	_, err = s.c.write("GoalService.DeleteGoal", reasons{goals: pln.ReasonDelete}, func(tx *store.Tx) (store.StepInfo, error) {
		g, err := tx.GetGoal(id)
		if err != nil {
			return store.StepInfo{}, err
		}
		return store.StepInfo{Name: "Delete the goal " + quote(g.Title)}, tx.DeleteGoal(id)
	})
	return err
}

// LinkNode makes alter nodeID a helper of goal goalID (appended; linking a
// helper again changes nothing and logs nothing). The ego cannot help its
// own goals (invalid); a missing goal or node is not_found; more than
// pln.MaxGoalNodes helpers is too_large. One step "Link “Ana” to “Learn
// Rust”"; goals:changed "update".
func (s *GoalService) LinkNode(goalID, nodeID string) (v GoalView, err error) {
	return s.link(goalID, nodeID, true)
}

// UnlinkNode removes alter nodeID from goal goalID's helpers (not linked:
// nothing changes, nothing is logged). One step "Unlink “Ana” from “Learn
// Rust”"; goals:changed "update".
func (s *GoalService) UnlinkNode(goalID, nodeID string) (v GoalView, err error) {
	return s.link(goalID, nodeID, false)
}

func (s *GoalService) link(goalID, nodeID string, on bool) (v GoalView, err error) {
	where := "GoalService.UnlinkNode"
	if on {
		where = "GoalService.LinkNode"
	}
	if err := pln.CheckID("goal", goalID); err != nil {
		return GoalView{}, err
	}
	if err := pln.CheckID("node", nodeID); err != nil {
		return GoalView{}, err
	}
	_, err = s.c.write(where, reasons{goals: pln.ReasonUpdate}, func(tx *store.Tx) (store.StepInfo, error) {
		g, err := tx.GetGoal(goalID)
		if err != nil {
			return store.StepInfo{}, err
		}
		v = viewOf(g)
		n, err := tx.GetNode(nodeID)
		if pln.CodeOf(err) == pln.CodeNotFound {
			return store.StepInfo{}, pln.NotFound("No node with id %s; it may have been deleted.", nodeID)
		}
		if err != nil {
			return store.StepInfo{}, err
		}
		has := slices.Contains(g.NodeIDs, nodeID)
		var name string
		if on {
			if n.Ego {
				return store.StepInfo{}, pln.Invalid("The ego (%q) is who the goal is for; link the alters who help with it.", n.Label)
			}
			if has {
				return store.StepInfo{}, nil
			}
			if len(g.NodeIDs) >= pln.MaxGoalNodes {
				return store.StepInfo{}, pln.TooLarge("The goal %q has %d helpers, the most it can have.", g.Title, len(g.NodeIDs))
			}
			g.NodeIDs = append(slices.Clone(g.NodeIDs), nodeID)
			name = "Link " + quote(n.Label) + " to " + quote(g.Title)
		} else {
			if !has {
				return store.StepInfo{}, nil
			}
			g.NodeIDs = slices.DeleteFunc(slices.Clone(g.NodeIDs), func(id string) bool { return id == nodeID })
			if len(g.NodeIDs) == 0 {
				g.NodeIDs = nil
			}
			name = "Unlink " + quote(n.Label) + " from " + quote(g.Title)
		}
		g.UpdatedAt = s.c.stamp()
		v = viewOf(g)
		return store.StepInfo{Name: name}, tx.PutGoal(g)
	})
	if err != nil {
		return GoalView{}, err
	}
	return v, nil
}

// MaxGoalEntries is how many entries GoalHistory returns at most.
const MaxGoalEntries = 200

// GoalHistory is a goal's entries over time: the journal entries that link
// any of its helping nodes (docs/decisions/goals.md), newest first, at
// most MaxGoalEntries (More: there are older ones), and Months: how many
// of those fall in each calendar month of their occurredAt ("2026-11",
// newest first, UTC).
type GoalHistory struct {
	Entries []pln.Entry `json:"entries"`
	Months  []GoalMonth `json:"months"`
	More    bool        `json:"more"`
}

// GoalMonth is one month of GoalHistory: Month "YYYY-MM", Entries a count.
type GoalMonth struct {
	Month   string `json:"month"`
	Entries int    `json:"entries"`
}

// GoalHistory returns goal id's entries over time (not_found when missing).
func (s *GoalService) GoalHistory(id string) (h GoalHistory, err error) {
	defer recoverInto(s.c.log, "GoalService.GoalHistory", &err)
	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	h = GoalHistory{Entries: []pln.Entry{}, Months: []GoalMonth{}}
	err = s.c.st.View(func(tx *store.Tx) error {
		g, err := tx.GetGoal(id)
		if err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, n := range g.NodeIDs {
			es, next, err := tx.EntriesByNode(n, MaxGoalEntries, "")
			if err != nil {
				return err
			}
			if next != "" {
				h.More = true
			}
			for _, e := range es {
				if !seen[e.ID] {
					seen[e.ID] = true
					h.Entries = append(h.Entries, e)
				}
			}
		}
		return nil
	})
	if err != nil {
		return GoalHistory{Entries: []pln.Entry{}, Months: []GoalMonth{}}, err
	}
	slices.SortFunc(h.Entries, func(a, b pln.Entry) int {
		if c := b.OccurredAt.Compare(a.OccurredAt); c != 0 {
			return c
		}
		return strings.Compare(b.ID, a.ID)
	})
	if len(h.Entries) > MaxGoalEntries {
		h.Entries, h.More = h.Entries[:MaxGoalEntries], true
	}
	for _, e := range h.Entries {
		m := e.OccurredAt.UTC().Format("2006-01")
		if k := len(h.Months); k > 0 && h.Months[k-1].Month == m {
			h.Months[k-1].Entries++
		} else {
			h.Months = append(h.Months, GoalMonth{Month: m, Entries: 1})
		}
	}
	return h, nil
}

// contentsOf is what store.LoadContents takes from a backup.
func contentsOf(b *interchange.Backup) store.Contents {
	return store.Contents{Nodes: b.Nodes, Ties: b.Ties, Entries: b.Entries, Imports: b.Imports, Goals: b.Goals}
}
