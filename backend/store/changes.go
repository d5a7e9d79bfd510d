package store

import (
	"bytes"
	"sync"
	"sync/atomic"

	"github.com/dgraph-io/badger/v4"

	"github.com/plexus-pln/plexus/backend/pln"
)

// The change journal: what each commit through Update wrote to the
// records that make up the network (node records, node positions, tie
// records, import records, the ego key), kept in memory so that a reader
// holding a copy of the network read at one Version can bring it up to
// date by reading only what changed (ViewChanges). Nothing of it is stored.
//
// Correctness does not rest on every write path being journaled: a
// Version also holds Badger's read timestamp, which every commit of the
// database advances by exactly one, so a commit the journal missed (a
// Load's WriteBatch, any future path) shows as a gap and the answer is
// "everything changed". DropAll advances the store's epoch, which does the
// same, once before it drops and once after: a Version read in between (an
// odd epoch) may hold records the drop removed without a commit or with
// only DropAll's own, so nothing is reported since it but All.

// journalLimit is how many changed ids the journal keeps (each entry
// counting as entryWeight more); older commits are forgotten, and a reader
// further behind than that gets All.
const journalLimit = 1 << 17

// storeIDs numbers Store values, so a Version of one store is never
// mistaken for one of another (encryption reopens the data folder as a new
// Store).
var storeIDs atomic.Uint64

// Version identifies the state of the store a ViewChanges transaction
// read. Versions are comparable with ==; the zero Version is no state
// (ViewChanges since it reports All).
type Version struct {
	store uint64 // Store.id
	epoch uint64 // Store.epoch when read
	seq   uint64 // journal entries (commits through Update) before it
	ts    uint64 // Badger read timestamp
}

// Changes is what changed between two Versions of one store.
type Changes struct {
	// All: anything may have changed (another store, DropAll, Load, an
	// import's visibility, a gap in the journal): read everything again.
	// When All is set, the lists are empty.
	All bool
	// None: nothing was committed between the two Versions; the data is
	// the same byte for byte.
	None bool
	// Nodes are the canonical ids of the nodes whose record was written
	// (created, changed or deleted), each once, in no order.
	Nodes []string
	// Positions are the canonical ids of the nodes whose position was
	// written and whose record was not (a move, a layout stop), each once,
	// in no order: the node's fields and visibility are as before, and
	// NodePosition reads its new place.
	Positions []string
	// Ties are the canonical ids of the ties whose record was written.
	Ties []string
	// Ego: the ego key was written.
	Ego bool
}

// journalEntry is one commit's changed ids.
type journalEntry struct {
	nodes, positions, ties [][idLen]byte
	all, ego               bool // all: an import record was written (visibility of many records)
}

// size is what e counts against journalLimit: its ids, and entryWeight
// for the entry itself (its 80 bytes are five ids' worth), so that a run
// of commits that wrote none of the network (journal entries, drafts, the
// change log) holds no more than the ids would: ~2.6 MB at most, not the
// 13 MB of 131,072 empty entries.
func (e journalEntry) size() int { return len(e.nodes) + len(e.positions) + len(e.ties) + entryWeight }

const entryWeight = 5

// journal is the list of recent commits' entries: entries[i] is commit
// start+i.
type journal struct {
	mu      sync.Mutex
	start   uint64
	entries []journalEntry
	ids     int // ids held in entries
}

func (j *journal) add(e journalEntry) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.entries = append(j.entries, e)
	j.ids += e.size()
	for j.ids > journalLimit && len(j.entries) > 1 {
		old := j.entries[0]
		j.ids -= old.size()
		j.entries[0] = journalEntry{}
		j.entries = j.entries[1:]
		j.start++
	}
}

// end returns the sequence number after the last entry.
func (j *journal) end() uint64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.start + uint64(len(j.entries))
}

// between merges entries [from, to); ok is false when some are forgotten.
func (j *journal) between(from, to uint64) (c Changes, ok bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if from < j.start || to > j.start+uint64(len(j.entries)) || from > to {
		return Changes{}, false
	}
	nodes := map[[idLen]byte]bool{} // id → its record was written (else only its position)
	seenT := map[[idLen]byte]bool{}
	var order [][idLen]byte
	note := func(id [idLen]byte, record bool) {
		was, seen := nodes[id]
		if !seen {
			order = append(order, id)
		}
		nodes[id] = was || record
	}
	for _, e := range j.entries[from-j.start : to-j.start] {
		if e.all {
			return Changes{All: true}, true
		}
		c.Ego = c.Ego || e.ego
		for _, id := range e.nodes {
			note(id, true)
		}
		for _, id := range e.positions {
			note(id, false)
		}
		for _, id := range e.ties {
			if !seenT[id] {
				seenT[id] = true
				c.Ties = append(c.Ties, idString(id[:]))
			}
		}
	}
	for _, id := range order {
		if nodes[id] {
			c.Nodes = append(c.Nodes, idString(id[:]))
		} else {
			c.Positions = append(c.Positions, idString(id[:]))
		}
	}
	return c, true
}

// touched collects what one Update transaction wrote (Tx.set and Tx.del
// call note).
type touched struct {
	entry                  journalEntry
	nodes, positions, ties map[[idLen]byte]bool
}

func (t *touched) note(k []byte) {
	if len(k) == 0 {
		return
	}
	switch k[0] {
	case tagNode, tagNodePos, tagTie:
		if len(k) != 1+idLen {
			t.entry.all = true // not a record key of the layout SCHEMA.md gives: be safe
			return
		}
		var id [idLen]byte
		copy(id[:], k[1:])
		m, list := &t.nodes, &t.entry.nodes
		switch k[0] {
		case tagNodePos:
			m, list = &t.positions, &t.entry.positions
		case tagTie:
			m, list = &t.ties, &t.entry.ties
		}
		if *m == nil {
			*m = map[[idLen]byte]bool{}
		}
		if !(*m)[id] {
			(*m)[id] = true
			*list = append(*list, id)
		}
	case tagImport:
		t.entry.all = true
	case tagMeta:
		if bytes.Equal(k, keyEgo) {
			t.entry.ego = true
		}
	}
}

// ViewChanges runs fn in a read-only transaction, like View, and tells it
// what changed since the Version an earlier ViewChanges gave (pass the
// zero Version the first time: Changes.All). now is the Version of the
// state fn reads; keep it for the next call. Changes list the records
// written by commits after since up to the state fn reads, every such
// commit included (commits that finished before ViewChanges was called are
// always included; one running concurrently is either wholly in or wholly
// out). fn's error is returned unchanged.
func (s *Store) ViewChanges(since Version, fn func(tx *Tx, now Version, ch Changes) error) error {
	if s.db.IsClosed() {
		return s.wrap(badger.ErrDBClosed)
	}
	// Pin: with no Update between its commit and its journal entry, the
	// transaction's snapshot is exactly the journal up to seq.
	s.commitMu.Lock()
	txn := s.db.NewTransaction(false)
	now := Version{store: s.id, epoch: s.epoch.Load(), seq: s.journal.end(), ts: txn.ReadTs()}
	s.commitMu.Unlock()
	defer txn.Discard()

	var ch Changes
	switch {
	case since.epoch%2 == 1: // read while a DropAll was under way: of no state that stays
		ch.All = true
	case since == now:
		ch.None = true
	case since.store != now.store || since.epoch != now.epoch || since.seq > now.seq || since.ts > now.ts ||
		now.ts-since.ts != now.seq-since.seq: // a commit the journal did not see
		ch.All = true
	default:
		var ok bool
		if ch, ok = s.journal.between(since.seq, now.seq); !ok {
			ch = Changes{All: true}
		}
	}
	return s.wrap(fn(newTx(txn), now, ch))
}

// TieRecords returns, in id order, every tie whose own import is visible,
// whatever its ends: ListTies without the rule that both ends be visible
// nodes. A reader that keeps ties across ViewChanges applies that rule
// itself (an end's visibility can change without the tie being written).
func (tx *Tx) TieRecords() ([]pln.Tie, error) {
	var out []pln.Tie
	err := scanRecords(tx, []byte{tagTie}, func(t pln.Tie) error {
		vis, err := tx.importVisible(t.ImportID)
		if err == nil && vis {
			out = append(out, t)
		}
		return err
	})
	return out, err
}

// TieRecord returns the tie with canonical id id when its record exists
// and its own import is visible, whatever its ends (see TieRecords); ok is
// false otherwise. A malformed id is pln.Invalid.
func (tx *Tx) TieRecord(id string) (t pln.Tie, ok bool, err error) {
	b, err := idBytes("tie", id)
	if err != nil {
		return pln.Tie{}, false, err
	}
	t, ok, err = tx.getTieRaw(b)
	if err != nil || !ok {
		return pln.Tie{}, false, err
	}
	if ok, err = tx.importVisible(t.ImportID); err != nil || !ok {
		return pln.Tie{}, false, err
	}
	return t, true, nil
}

// NodePosition returns the stored position of node id as reads apply it
// (0, 0, not pinned when none is stored), whether or not the node exists
// or is visible. A malformed id is pln.Invalid.
func (tx *Tx) NodePosition(id string) (pln.Position, error) {
	b, err := idBytes("node", id)
	if err != nil {
		return pln.Position{}, err
	}
	p, err := tx.getPos(b)
	if err != nil {
		return pln.Position{}, err
	}
	return pln.Position{ID: id, X: p.X, Y: p.Y, Pinned: p.Pinned}, nil
}
