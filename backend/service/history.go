package service

import (
	"slices"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// reasons are the event reasons a step announces: one for the network
// (nodes, positions, ties, imports) and one for the journal (entries).
type reasons struct {
	network, journal pln.Reason
}

// write is the one write path of every bound write (architecture.md, "The
// write path and the change log"): under the restore gate, fn validates and
// writes inside one store transaction that also logs a change set
// (store.Commit); after the commit the events derived from that change set
// go out (emitStep). A panic anywhere in it becomes an internal error. fn
// may run more than once (a conflict retry): it must keep no state from an
// earlier run.
func (c *core) write(where string, why reasons, fn func(tx *store.Tx) (store.StepInfo, error)) (st store.Step, err error) {
	defer recoverInto(c.log, where, &err)
	c.gate.RLock()
	defer c.gate.RUnlock()
	st, err = c.st.Commit(fn)
	if err != nil {
		return store.Step{}, err
	}
	c.emitStep(st, why)
	return st, nil
}

// emitStep sends the events a committed step implies: network:changed with
// the node and tie ids it touched (none, meaning "reload everything", when
// it published or unpublished an import), journal:changed with the entry
// ids, then history:changed. A step without changes emits nothing.
func (c *core) emitStep(st store.Step, why reasons) {
	if len(st.Changes) == 0 {
		return
	}
	var nodes, ties, entries []string
	imports := false
	seen := map[string]bool{}
	for _, ch := range st.Changes {
		id := ch.ID()
		switch ch.Table() {
		case store.TableNode, store.TableNodePos:
			if !seen[id] {
				seen[id] = true
				nodes = append(nodes, id)
			}
		case store.TableTie:
			ties = append(ties, id)
		case store.TableEntry:
			entries = append(entries, id)
		case store.TableImport:
			imports = true
		}
	}
	if imports {
		c.emit(pln.EventNetworkChanged, pln.NetworkChanged{Reason: why.network})
		if why.journal == pln.ReasonUndo || why.journal == pln.ReasonRedo {
			// Entries that link the import's nodes read differently now.
			c.emit(pln.EventJournalChanged, pln.JournalChanged{Reason: why.journal})
		}
	} else if len(nodes)+len(ties) > 0 {
		slices.Sort(ties)
		c.emit(pln.EventNetworkChanged, pln.NetworkChanged{Reason: why.network, NodeIDs: nodes, TieIDs: ties})
	}
	if len(entries) > 0 && !imports {
		slices.Sort(entries)
		c.emit(pln.EventJournalChanged, pln.JournalChanged{Reason: why.journal, EntryIDs: entries})
	}
	c.emitHistory()
}

// emitHistory sends history:changed with what undo and redo would take now.
func (c *core) emitHistory() {
	h, err := c.historyState()
	if err != nil {
		c.log.Warn("reading the undo state for history:changed failed", "err", err)
		return
	}
	c.emit(pln.EventHistoryChanged, h)
}

func (c *core) historyState() (pln.HistoryChanged, error) {
	u, r, okU, okR, err := c.st.Undoable()
	if err != nil {
		return pln.HistoryChanged{}, err
	}
	var h pln.HistoryChanged
	if okU {
		s := historyStep(u)
		h.Undo = &s
	}
	if okR {
		s := historyStep(r)
		h.Redo = &s
	}
	return h, nil
}

func historyStep(s store.StepSummary) pln.HistoryStep {
	return pln.HistoryStep{ID: s.ID, At: s.At.UTC().Format(time.RFC3339Nano), Name: s.Name, Kind: s.Kind,
		Target: s.Target, Records: s.Records, Undoable: s.Undoable, Redoable: s.Redoable}
}

// HistoryService undoes and redoes steps and lists the change log. Every
// edit of the network and the journal (imports included) is one step; the
// log lives in the store, so undo and redo work across restarts and from
// the command line alike (docs/decisions/history.md).
type HistoryService struct {
	c *core
}

// HistoryPage is one page of the log, newest first; Next is the before
// cursor of the following page ("" on the last).
type HistoryPage struct {
	Steps []pln.HistoryStep `json:"steps"`
	Next  string            `json:"next"`
}

// Undo takes back the newest undoable step and returns the undo step it
// logged (its Name is "Undo: " and the step's name). not_found when there
// is nothing to undo; conflict (nothing changed) when a record the step
// touched was changed since by a write outside the history. Emits the
// events of the records it changed with reason "undo", and history:changed.
func (s *HistoryService) Undo() (step pln.HistoryStep, err error) {
	return s.undoRedo("HistoryService.Undo", true)
}

// Redo re-applies the newest undone step (the same rules as Undo, reason
// "redo").
func (s *HistoryService) Redo() (step pln.HistoryStep, err error) {
	return s.undoRedo("HistoryService.Redo", false)
}

func (s *HistoryService) undoRedo(where string, undo bool) (step pln.HistoryStep, err error) {
	defer recoverInto(s.c.log, where, &err)
	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	var st store.Step
	why := reasons{pln.ReasonUndo, pln.ReasonUndo}
	if undo {
		st, err = s.c.st.Undo()
	} else {
		why = reasons{pln.ReasonRedo, pln.ReasonRedo}
		st, err = s.c.st.Redo()
	}
	if err != nil {
		return pln.HistoryStep{}, err
	}
	s.c.log.Info("history step applied", "kind", st.Kind.String(), "name", st.Name, "records", len(st.Changes))
	s.c.emitStep(st, why)
	return historyStep(store.StepSummary{ID: st.ID, At: st.At, Name: st.Name, Kind: st.Kind.String(),
		Target: st.Target, Records: len(st.Changes)}), nil
}

// State returns what Undo and Redo would take now (the toolbar's tooltips).
func (s *HistoryService) State() (h pln.HistoryChanged, err error) {
	defer recoverInto(s.c.log, "HistoryService.State", &err)
	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	return s.c.historyState()
}

// Steps returns up to limit steps (1–500; 0 = 100) logged before the step
// id before ("" = from the newest), newest first.
func (s *HistoryService) Steps(before string, limit int) (p HistoryPage, err error) {
	defer recoverInto(s.c.log, "HistoryService.Steps", &err)
	if limit == 0 {
		limit = 100
	}
	if before != "" {
		if err := pln.CheckID("step", before); err != nil {
			return HistoryPage{}, err
		}
	}
	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	sums, next, err := s.c.st.HistoryPage(before, limit)
	if err != nil {
		return HistoryPage{}, err
	}
	p = HistoryPage{Steps: make([]pln.HistoryStep, 0, len(sums)), Next: next}
	for _, sm := range sums {
		p.Steps = append(p.Steps, historyStep(sm))
	}
	return p, nil
}
