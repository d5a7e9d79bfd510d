package service

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// Journal page sizes.
const (
	DefaultEntryLimit = 50
	MaxEntryLimit     = 500
)

// JournalService edits journal entries. Every write emits
// pln.EventJournalChanged after its commit.
type JournalService struct {
	c *core
}

// EntryQuery selects a page of entries, newest OccurredAt first. From is
// inclusive and To exclusive (zero = unbounded); NodeID (optional) keeps
// entries that link that node; Limit is 1–500 (0 = 50); Cursor is the Next
// of the previous page ("" = first page).
type EntryQuery struct {
	From   time.Time `json:"from"`
	To     time.Time `json:"to"`
	NodeID string    `json:"nodeId"`
	Limit  int       `json:"limit"`
	Cursor string    `json:"cursor"`
}

// EntryPage is one page of entries; Next is the cursor of the following page,
// empty on the last one.
type EntryPage struct {
	Entries []pln.Entry `json:"entries"`
	Next    string      `json:"next"`
}

// CreateEntry creates a journal entry and returns it. f is normalized
// (normalizeEntry: pln.EntryFields.Normalize — a date is required, type
// defaults to reflection — then the body's [[wikilinks]] and #tags are
// added to the links and tags); every linked node must exist (invalid naming the missing
// one). One undoable step ("Write entry …"), which the entry's later
// autosaves (UpdateEntry) join while nothing else happens in between (up to
// store.MergeWindow apart). Emits journal:changed "create".
func (s *JournalService) CreateEntry(f pln.EntryFields) (e pln.Entry, err error) {
	_, err = s.c.write("JournalService.CreateEntry", reasons{journal: pln.ReasonCreate}, func(tx *store.Tx) (store.StepInfo, error) {
		g := f
		if err := normalizeEntry(tx, &g); err != nil {
			return store.StepInfo{}, err
		}
		now := s.c.stamp()
		e = pln.Entry{ID: pln.NewID(), OccurredAt: g.OccurredAt, Body: g.Body, NodeIDs: g.NodeIDs, Tags: g.Tags,
			Type: g.Type, CreatedAt: now, UpdatedAt: now}
		if err := checkLinkedNodes(tx, e.NodeIDs); err != nil {
			return store.StepInfo{}, err
		}
		return store.StepInfo{Name: "Write entry " + entryName(e), Merge: "entry:" + e.ID}, tx.PutEntry(e)
	})
	if err != nil {
		return pln.Entry{}, err
	}
	return e, nil
}

// UpdateEntry replaces entry id's fields with f (normalized, linked nodes
// must exist) and returns the entry. One undoable step, merged with the
// entry's previous save when that is the newest step (an editor's
// autosaves are one step). Emits journal:changed "update".
func (s *JournalService) UpdateEntry(id string, f pln.EntryFields) (e pln.Entry, err error) {
	_, err = s.c.write("JournalService.UpdateEntry", reasons{journal: pln.ReasonUpdate}, func(tx *store.Tx) (store.StepInfo, error) {
		if err := pln.CheckID("entry", id); err != nil {
			return store.StepInfo{}, err
		}
		g := f
		if err := normalizeEntry(tx, &g); err != nil {
			return store.StepInfo{}, err
		}
		old, err := tx.GetEntry(id)
		if err != nil {
			return store.StepInfo{}, err
		}
		if err := checkLinkedNodes(tx, g.NodeIDs); err != nil {
			return store.StepInfo{}, err
		}
		old.OccurredAt, old.Body, old.NodeIDs, old.Tags, old.Type = g.OccurredAt, g.Body, g.NodeIDs, g.Tags, g.Type
		old.UpdatedAt = s.c.stamp()
		e = old
		return store.StepInfo{Name: "Edit entry " + entryName(e), Merge: "entry:" + e.ID, CreateName: "Write entry " + entryName(e)}, tx.PutEntry(e)
	})
	if err != nil {
		return pln.Entry{}, err
	}
	return e, nil
}

// DeleteEntry deletes entry id (not_found when missing). One undoable
// step; emits journal:changed "delete".
func (s *JournalService) DeleteEntry(id string) (err error) {
	_, err = s.c.write("JournalService.DeleteEntry", reasons{journal: pln.ReasonDelete}, func(tx *store.Tx) (store.StepInfo, error) {
		if err := pln.CheckID("entry", id); err != nil {
			return store.StepInfo{}, err
		}
		e, err := tx.GetEntry(id)
		if err != nil {
			return store.StepInfo{}, err
		}
		return store.StepInfo{Name: "Delete entry " + entryName(e)}, tx.DeleteEntry(id)
	})
	return err
}

// entryName names an entry in a step: its first line in quotes (at most 40
// characters), or its date when the body is empty.
func entryName(e pln.Entry) string {
	first := strings.TrimSpace(e.Body)
	if i := strings.IndexByte(first, '\n'); i >= 0 {
		first = first[:i]
	}
	first = strings.TrimSpace(strings.TrimLeft(first, "#>*- "))
	if first == "" {
		return "of " + e.OccurredAt.Format("2 Jan 2006")
	}
	if utf8.RuneCountInString(first) > 40 {
		first = truncateRunes(first, 39) + "…"
	}
	return "“" + first + "”"
}

// GetEntry returns entry id (invalid for a malformed id, not_found when
// missing).
func (s *JournalService) GetEntry(id string) (e pln.Entry, err error) {
	defer recoverInto(s.c.log, "JournalService.GetEntry", &err)
	if err := pln.CheckID("entry", id); err != nil {
		return pln.Entry{}, err
	}
	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	err = s.c.st.View(func(tx *store.Tx) error {
		var err error
		e, err = tx.GetEntry(id)
		return err
	})
	return e, err
}

// ListEntries returns one page of entries selected by q (see EntryQuery),
// read in one transaction. invalid for a bad limit, node id or a From after To.
func (s *JournalService) ListEntries(q EntryQuery) (p EntryPage, err error) {
	defer recoverInto(s.c.log, "JournalService.ListEntries", &err)
	if err := q.normalize(); err != nil {
		return EntryPage{}, err
	}
	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	err = s.c.st.View(func(tx *store.Tx) error {
		var err error
		p, err = listEntries(tx, q)
		return err
	})
	return p, err
}

func (q *EntryQuery) normalize() error {
	if q.Limit == 0 {
		q.Limit = DefaultEntryLimit
	}
	if q.Limit < 1 || q.Limit > MaxEntryLimit {
		return pln.Invalid("limit must be 1–%d, not %d.", MaxEntryLimit, q.Limit)
	}
	if q.NodeID != "" {
		if err := pln.CheckID("node", q.NodeID); err != nil {
			return err
		}
	}
	if !q.From.IsZero() && !q.To.IsZero() && q.From.After(q.To) {
		return pln.Invalid("from (%s) is after to (%s).", q.From.Format(time.RFC3339), q.To.Format(time.RFC3339))
	}
	return nil
}

// listEntries runs q (already normalized) inside tx. With a node filter and
// a date range, it pages through the node's entries asking each time only
// for as many as are still missing, so a page boundary never falls inside a
// store page and the returned cursor is exact.
func listEntries(tx *store.Tx, q EntryQuery) (EntryPage, error) {
	page := EntryPage{Entries: []pln.Entry{}}
	if q.NodeID == "" {
		es, next, err := tx.EntriesByDate(q.From, q.To, q.Limit, q.Cursor)
		if err != nil {
			return page, err
		}
		page.Entries = append(page.Entries, es...)
		page.Next = next
		return page, nil
	}
	cursor := q.Cursor
	for {
		want := q.Limit - len(page.Entries)
		es, next, err := tx.EntriesByNode(q.NodeID, want, cursor)
		if err != nil {
			return page, err
		}
		for _, e := range es {
			if inRange(e.OccurredAt, q.From, q.To) {
				page.Entries = append(page.Entries, e)
			}
		}
		cursor = next
		if next == "" || len(page.Entries) >= q.Limit {
			break
		}
		// Newest first: once an entry is before From, the rest are too.
		if !q.From.IsZero() && len(es) > 0 && es[len(es)-1].OccurredAt.Before(q.From) {
			cursor = ""
			break
		}
	}
	page.Next = cursor
	return page, nil
}

func inRange(t, from, to time.Time) bool {
	return (from.IsZero() || !t.Before(from)) && (to.IsZero() || t.Before(to))
}

// checkLinkedNodes reports the first id in ids that is not a stored node.
func checkLinkedNodes(tx *store.Tx, ids []string) error {
	for _, id := range slices.Compact(slices.Clone(ids)) {
		if _, err := tx.GetNode(id); err != nil {
			if pln.CodeOf(err) == pln.CodeNotFound {
				return pln.Invalid("The entry links node %s, which does not exist; it may have been deleted.", id)
			}
			return err
		}
	}
	return nil
}
