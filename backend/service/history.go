package service

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// reasons are the event reasons a step announces: one for the network
// (nodes, positions, ties, imports) and one for the journal (entries).
type reasons struct {
	network, journal pln.Reason
	goals            pln.Reason // goals:changed (GoalService; unlink for a node deletion)
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
	c.search.stepped(st)
	if len(st.Changes) == 0 {
		return
	}
	var nodes, ties, entries, goals []string
	imports, settings, views := false, false, false
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
		case store.TableSetting:
			settings = true
		case store.TableView:
			views = true
		case store.TableGoal:
			goals = append(goals, id)
		}
	}
	if imports {
		c.emit(pln.EventNetworkChanged, pln.NetworkChanged{Reason: why.network})
		if len(entries) > 0 || why.journal == pln.ReasonUndo || why.journal == pln.ReasonRedo {
			// Entries that link the import's nodes read differently now.
			c.emit(pln.EventJournalChanged, pln.JournalChanged{Reason: why.journal})
		}
	} else if len(nodes)+len(ties) > MaxSubsetIDs {
		c.emit(pln.EventNetworkChanged, pln.NetworkChanged{Reason: why.network}) // too many to patch: reload
	} else if len(nodes)+len(ties) > 0 {
		slices.Sort(ties)
		c.emit(pln.EventNetworkChanged, pln.NetworkChanged{Reason: why.network, NodeIDs: nodes, TieIDs: ties})
	}
	if len(entries) > 0 && !imports {
		slices.Sort(entries)
		c.emit(pln.EventJournalChanged, pln.JournalChanged{Reason: why.journal, EntryIDs: entries})
	}
	if settings {
		c.emitSettings()
	}
	if views {
		c.emitViews()
	}
	if len(goals) > 0 {
		slices.Sort(goals)
		r := why.goals
		if r == "" {
			r = pln.ReasonUnlink // a node deletion took nodes off goals
		}
		c.emit(pln.EventGoalsChanged, pln.GoalsChanged{Reason: r, GoalIDs: goals})
	}
	c.emitHistory()
}

// emitSettings sends settings:changed with the settings now in effect.
func (c *core) emitSettings() {
	var set pln.Settings
	if err := c.st.View(func(tx *store.Tx) (err error) { set, err = tx.Settings(); return err }); err != nil {
		c.log.Warn("reading the settings for settings:changed failed", "err", err)
		return
	}
	c.emit(pln.EventSettingsChanged, set.Effective())
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
		h.Undo = &u
	}
	if okR {
		h.Redo = &r
	}
	return h, nil
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
	// Oldest is the time of the first logged step (RFC 3339), "" when the
	// log is empty: where the date slider starts.
	Oldest string `json:"oldest"`
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
	// Exclusive: a large step is applied in several transactions, and no
	// gesture may read or write in between.
	s.c.gate.Lock()
	defer s.c.gate.Unlock()
	var st store.Step
	why := reasons{pln.ReasonUndo, pln.ReasonUndo, pln.ReasonUndo}
	if undo {
		st, err = s.c.st.Undo()
	} else {
		why = reasons{pln.ReasonRedo, pln.ReasonRedo, pln.ReasonRedo}
		st, err = s.c.st.Redo()
	}
	if err != nil {
		return pln.HistoryStep{}, err
	}
	s.c.log.Info("history step applied", "kind", st.Kind.String(), "name", st.Name, "records", len(st.Changes))
	s.c.emitStep(st, why)
	return st.Summary(), nil
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
	p = HistoryPage{Steps: sums, Next: next}
	if p.Steps == nil {
		p.Steps = []pln.HistoryStep{}
	}
	if at, ok, err := s.c.st.HistoryStart(); err != nil {
		return HistoryPage{}, err
	} else if ok {
		p.Oldest = at.UTC().Format(time.RFC3339Nano)
	}
	return p, nil
}

// ---- the network over time ----

// asOf returns the network (and the journal) as it was at time at.
func (s *HistoryService) asOf(at time.Time) (nw Network, entries []pln.Entry, err error) {
	defer recoverInto(s.c.log, "HistoryService.asOf", &err)
	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	snap, err := s.c.st.AsOf(at)
	if err != nil {
		return Network{}, nil, err
	}
	return Network{Ego: snap.Ego, Nodes: snap.Nodes, Ties: snap.Ties}, snap.Entries, nil
}

// Diff is what changed between two times (GET /api/history/diff): node,
// tie and entry ids added (exist at To, not at From), removed (the
// reverse) and changed (exist at both, with the JSON names of the fields
// that differ, "x", "y" and "pinned" included), each list in id order.
type Diff struct {
	From    time.Time   `json:"from"`
	To      time.Time   `json:"to"`
	Nodes   RecordDiffs `json:"nodes"`
	Ties    RecordDiffs `json:"ties"`
	Entries RecordDiffs `json:"entries"`
}

// RecordDiffs lists one table's differences.
type RecordDiffs struct {
	Added   []string        `json:"added"`
	Removed []string        `json:"removed"`
	Changed []ChangedRecord `json:"changed"`
}

// ChangedRecord is a record that exists at both times, and which of its
// fields differ (updatedAt is not listed: it changes with every edit).
type ChangedRecord struct {
	ID     string   `json:"id"`
	Fields []string `json:"fields"`
}

// diff compares the network and journal at from and at to (from before
// to). Only the records changed in between are read (two
// store.AsOfDelta). An entry is listed when its record changed, not when
// only a node it links appeared or vanished.
func (s *HistoryService) diff(from, to time.Time) (d Diff, err error) {
	defer recoverInto(s.c.log, "HistoryService.diff", &err)
	if to.Before(from) {
		return Diff{}, pln.Invalid("from (%s) is after to (%s).", from.Format(time.RFC3339), to.Format(time.RFC3339))
	}
	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	a, err := s.c.st.AsOfDelta(to, from) // the touched records as they were at from
	if err != nil {
		return Diff{}, err
	}
	b, err := s.c.st.AsOfDelta(from, to) // … and at to
	if err != nil {
		return Diff{}, err
	}
	d = Diff{From: from, To: to}
	nodeID := func(n pln.Node) string { return n.ID }
	if d.Nodes, err = diffDelta(a.Nodes, a.MissingNodes, b.Nodes, b.MissingNodes, nodeID); err != nil {
		return Diff{}, err
	}
	if d.Ties, err = diffDelta(a.Ties, a.MissingTies, b.Ties, b.MissingTies, func(t pln.Tie) string { return t.ID }); err != nil {
		return Diff{}, err
	}
	if d.Entries, err = diffDelta(a.Entries, a.MissingEntries, b.Entries, b.MissingEntries, func(e pln.Entry) string { return e.ID }); err != nil {
		return Diff{}, err
	}
	return d, nil
}

// diffDelta compares the records of two deltas over the same window: a
// record sent by one side and named missing by the other was added or
// removed; one sent by both may have changed. A record that only one side
// sends without the other naming it missing is an unchanged end node of a
// tie that changed: not listed.
func diffDelta[T any](a []T, aMissing []string, b []T, bMissing []string, id func(T) string) (RecordDiffs, error) {
	inA, inB := map[string]bool{}, map[string]bool{}
	for _, x := range a {
		inA[id(x)] = true
	}
	for _, y := range b {
		inB[id(y)] = true
	}
	goneA, goneB := map[string]bool{}, map[string]bool{}
	for _, k := range aMissing {
		goneA[k] = true
	}
	for _, k := range bMissing {
		goneB[k] = true
	}
	a = slices.DeleteFunc(slices.Clone(a), func(x T) bool { return !inB[id(x)] && !goneB[id(x)] })
	b = slices.DeleteFunc(slices.Clone(b), func(y T) bool { return !inA[id(y)] && !goneA[id(y)] })
	return diffRecords(a, b, id)
}

// diffRecords compares two id-sorted lists field by field (by their JSON).
func diffRecords[T any](a, b []T, id func(T) string) (RecordDiffs, error) {
	out := RecordDiffs{Added: []string{}, Removed: []string{}, Changed: []ChangedRecord{}}
	at := make(map[string]T, len(a))
	for _, x := range a {
		at[id(x)] = x
	}
	inB := make(map[string]bool, len(b))
	for _, y := range b {
		k := id(y)
		inB[k] = true
		x, ok := at[k]
		if !ok {
			out.Added = append(out.Added, k)
			continue
		}
		fields, err := changedFields(x, y)
		if err != nil {
			return RecordDiffs{}, err
		}
		if len(fields) > 0 {
			out.Changed = append(out.Changed, ChangedRecord{ID: k, Fields: fields})
		}
	}
	for _, x := range a {
		if !inB[id(x)] {
			out.Removed = append(out.Removed, id(x))
		}
	}
	slices.Sort(out.Added)
	slices.Sort(out.Removed)
	slices.SortFunc(out.Changed, func(p, q ChangedRecord) int { return strings.Compare(p.ID, q.ID) })
	return out, nil
}

// changedFields returns the JSON field names whose values differ between x
// and y, sorted, without updatedAt.
func changedFields[T any](x, y T) ([]string, error) {
	mx, err := jsonFields(x)
	if err != nil {
		return nil, err
	}
	my, err := jsonFields(y)
	if err != nil {
		return nil, err
	}
	var out []string
	for k, v := range mx {
		if k != "updatedAt" && !bytes.Equal(v, my[k]) {
			out = append(out, k)
		}
	}
	for k := range my {
		if _, ok := mx[k]; !ok && k != "updatedAt" {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out, nil
}

func jsonFields(v any) (map[string]json.RawMessage, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	return m, json.Unmarshal(b, &m)
}

// asOfDelta is the partial network (the subset form of GET /api/network)
// that turns a view of the network at from into one at at.
func (s *HistoryService) asOfDelta(from, at time.Time) (c ColumnarNetwork, err error) {
	defer recoverInto(s.c.log, "HistoryService.asOfDelta", &err)
	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	d, err := s.c.st.AsOfDelta(from, at)
	if err != nil {
		return ColumnarNetwork{}, err
	}
	c = Columnar(Network{Ego: d.Ego, Nodes: d.Nodes, Ties: d.Ties})
	c.Partial, c.Missing = true, &Missing{Nodes: d.MissingNodes, Ties: d.MissingTies}
	return c, nil
}
