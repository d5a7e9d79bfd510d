package store

import (
	"bytes"
	"fmt"
	"slices"
	"time"

	"github.com/dgraph-io/badger/v4"

	"github.com/plexus-pln/plexus/backend/pln"
)

// Snapshot is everything visible in the store at one time: what AsOf
// returns. Nodes carry their positions; Ties have visible ends; entries'
// NodeIDs list only visible nodes. Every list is in id order.
type Snapshot struct {
	At      time.Time
	Ego     string // the ego's id ("" if it did not exist yet)
	Nodes   []pln.Node
	Ties    []pln.Tie
	Entries []pln.Entry
	Imports []pln.Import // published ones
}

type override struct{ v []byte }

// AsOf returns the network and journal as they were at time at (a step is
// in effect at at when its At is not after at): the records now in the
// store, rewound by the before-values of every step logged after at. Times
// before the first logged step give the state the history starts from
// (the store as it was when history began: schema 3's migration, or a
// restore). The visibility rule is Tx.importVisible's, applied to the
// import records as they were then.
func (s *Store) AsOf(at time.Time) (Snapshot, error) {
	var snap Snapshot
	err := s.View(func(tx *Tx) error {
		var err error
		snap, err = tx.asOf(at)
		return err
	})
	return snap, err
}

func (tx *Tx) asOf(at time.Time) (Snapshot, error) {
	ov := map[string]override{}
	err := tx.steps(at, time.Time{}, true, func(st Step) (bool, error) {
		for _, c := range st.Changes {
			ov[string(c.Key)] = override{c.Before} // newest first: the oldest step's Before wins
		}
		return true, nil
	})
	if err != nil {
		return Snapshot{}, err
	}
	raw := map[byte][]rawRecord{}
	add := func(k, v []byte) {
		raw[k[0]] = append(raw[k[0]], rawRecord{id: [idLen]byte(k[1:]), v: v})
	}
	start, end := []byte{tagNode}, []byte{tagNodePos + 1}
	it := tx.txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, PrefetchSize: 100})
	defer it.Close()
	for it.Seek(start); it.Valid() && bytes.Compare(it.Item().Key(), end) < 0; it.Next() {
		k := it.Item().Key()
		if !loggedRecord(k) {
			continue
		}
		if o, ok := ov[string(k)]; ok {
			if o.v != nil {
				add(bytes.Clone(k), o.v)
			}
			delete(ov, string(k))
			continue
		}
		v, err := it.Item().ValueCopy(nil)
		if err != nil {
			return Snapshot{}, fmt.Errorf("store: read %x: %w", k, err)
		}
		add(bytes.Clone(k), v)
	}
	var rest [][]byte
	for k, o := range ov { // records deleted since at
		if o.v != nil {
			rest = append(rest, []byte(k))
		}
	}
	sortKeys(rest)
	for _, k := range rest {
		add(k, ov[string(k)].v)
	}
	for t := range raw {
		sortRaw(raw[t])
	}
	return buildSnapshot(at, raw)
}

type rawRecord struct {
	id [idLen]byte
	v  []byte
}

// buildSnapshot decodes raw records (by table) and applies the visibility
// rule to them.
func buildSnapshot(at time.Time, raw map[byte][]rawRecord) (Snapshot, error) {
	snap := Snapshot{At: at, Nodes: []pln.Node{}, Ties: []pln.Tie{}, Entries: []pln.Entry{}, Imports: []pln.Import{}}
	published := map[string]bool{}
	for _, r := range raw[tagImport] {
		var imp pln.Import
		if err := decode(r.v, &imp); err != nil {
			return Snapshot{}, fmt.Errorf("store: import %s: %w", idString(r.id[:]), err)
		}
		if imp.Published {
			published[imp.ID] = true
			snap.Imports = append(snap.Imports, imp)
		}
	}
	visible := func(importID string) bool { return importID == "" || published[importID] }
	pos := map[[idLen]byte]position{}
	for _, r := range raw[tagNodePos] {
		p, err := decodePos(r.v)
		if err != nil {
			return Snapshot{}, err
		}
		pos[r.id] = p
	}
	nodeOK := map[string]bool{}
	for _, r := range raw[tagNode] {
		n, err := decodeNode(r.v)
		if err != nil {
			return Snapshot{}, fmt.Errorf("store: node %s: %w", idString(r.id[:]), err)
		}
		if !visible(n.ImportID) {
			continue
		}
		pos[r.id].applyTo(&n)
		nodeOK[n.ID] = true
		if n.Ego {
			snap.Ego = n.ID
		}
		snap.Nodes = append(snap.Nodes, n)
	}
	for _, r := range raw[tagTie] {
		var t pln.Tie
		if err := decode(r.v, &t); err != nil {
			return Snapshot{}, fmt.Errorf("store: tie %s: %w", idString(r.id[:]), err)
		}
		if visible(t.ImportID) && nodeOK[t.From] && nodeOK[t.To] {
			snap.Ties = append(snap.Ties, t)
		}
	}
	for _, r := range raw[tagEntry] {
		var e pln.Entry
		if err := decode(r.v, &e); err != nil {
			return Snapshot{}, fmt.Errorf("store: entry %s: %w", idString(r.id[:]), err)
		}
		if len(e.NodeIDs) > 0 { // as Tx.visibleEntry
			ids := make([]string, 0, len(e.NodeIDs))
			for _, id := range e.NodeIDs {
				if nodeOK[id] {
					ids = append(ids, id)
				}
			}
			if len(ids) == 0 {
				ids = nil
			}
			e.NodeIDs = ids
		}
		snap.Entries = append(snap.Entries, e)
	}
	return snap, nil
}

func sortKeys(ks [][]byte) { slices.SortFunc(ks, bytes.Compare) }

func sortRaw(rs []rawRecord) {
	slices.SortFunc(rs, func(a, b rawRecord) int { return bytes.Compare(a.id[:], b.id[:]) })
}

// HistoryStart returns the time of the oldest logged step (ok false when
// the log is empty).
func (s *Store) HistoryStart() (at time.Time, ok bool, err error) {
	err = s.View(func(tx *Tx) error {
		return tx.steps(time.Time{}, time.Time{}, false, func(st Step) (bool, error) {
			at, ok = st.At, true
			return false, nil
		})
	})
	return at, ok, err
}
