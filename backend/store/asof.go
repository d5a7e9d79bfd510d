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
	Goals   []pln.Goal   // NodeIDs: visible nodes only
}

type override struct{ v []byte }

// DeltaWalkAbove: above this many touched records AsOfDelta walks the
// steps after its target time instead of seeking each record's value. A
// variable so tests can run both ways.
var DeltaWalkAbove = 2000

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
	// Goals (0x19) lie past the log's own tables: a second, short walk.
	git := tx.txn.NewIterator(badger.IteratorOptions{Prefix: []byte{tagGoal}, PrefetchValues: true})
	defer git.Close()
	for git.Seek([]byte{tagGoal}); git.ValidForPrefix([]byte{tagGoal}); git.Next() {
		k := git.Item().Key()
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
		v, err := git.Item().ValueCopy(nil)
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
	snap := Snapshot{At: at, Nodes: []pln.Node{}, Ties: []pln.Tie{}, Entries: []pln.Entry{}, Imports: []pln.Import{}, Goals: []pln.Goal{}}
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
	for _, r := range raw[tagGoal] {
		var g pln.Goal
		if err := decode(r.v, &g); err != nil {
			return Snapshot{}, fmt.Errorf("store: goal %s: %w", idString(r.id[:]), err)
		}
		g.NodeIDs = slices.DeleteFunc(slices.Clone(g.NodeIDs), func(id string) bool { return !nodeOK[id] })
		if len(g.NodeIDs) == 0 {
			g.NodeIDs = nil
		}
		snap.Goals = append(snap.Goals, g)
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

// Delta is the part of the network that differs between two times, as the
// records stand at the second: what a view showing the network at one time
// needs to show it at another (the date slider). Nodes and Ties are the
// records touched between the two times (and, for an import published or
// unpublished in between, all of its records) that exist and are visible
// at At, plus the end nodes of those ties; MissingNodes and MissingTies are
// the touched ids that do not exist at At.
type Delta struct {
	At           time.Time
	Ego          string
	Nodes        []pln.Node
	Ties         []pln.Tie
	MissingNodes []string
	MissingTies  []string
	// Entries touched in between, as at At (NodeIDs: the nodes visible
	// then), and those that did not exist then.
	Entries        []pln.Entry
	MissingEntries []string
}

// AsOfDelta returns what changes when a view of the network at from moves
// to at (either may be the earlier). It reads the log from the earlier of
// the two times to the newest step, and only the records it names: its cost
// is proportional to the changes since then, not to the network's size.
func (s *Store) AsOfDelta(from, at time.Time) (Delta, error) {
	var d Delta
	err := s.View(func(tx *Tx) error {
		var err error
		d, err = tx.asOfDelta(from, at)
		return err
	})
	return d, err
}

func (tx *Tx) asOfDelta(from, at time.Time) (Delta, error) {
	lo, hi := from, at
	if at.Before(from) {
		lo, hi = at, from
	}
	touched := map[string]bool{} // record keys changed in (lo, hi]
	imports := map[string]bool{} // imports published or unpublished in (lo, hi]
	err := tx.steps(lo, hi, false, func(st Step) (bool, error) {
		for _, c := range st.Changes {
			touched[string(c.Key)] = true
			if c.Table() == tagImport {
				imports[c.ID()] = true
			}
		}
		return true, nil
	})
	if err != nil {
		return Delta{}, err
	}
	// Node and tie records deleted after hi, with a value they had: an
	// import's records deleted since are no longer in its by-import index.
	gone := map[string][]byte{}
	if len(imports) > 0 {
		err := tx.steps(hi, time.Time{}, false, func(st Step) (bool, error) {
			for _, c := range st.Changes {
				if c.After == nil && c.Before != nil && (c.Table() == tagNode || c.Table() == tagTie) {
					if _, ok := gone[string(c.Key)]; !ok {
						gone[string(c.Key)] = c.Before
					}
				}
			}
			return true, nil
		})
		if err != nil {
			return Delta{}, err
		}
	}
	// The value of a record at `at`: the before-value in the first step
	// after at that changed it (found through the record-change index),
	// else its value now.
	firstAfter, anyAfter := tx.firstStepAfter(at)
	// Many records: one walk of the steps after at finds every value at
	// once, which beats a seek per record (measured in BenchmarkHistory).
	var walked map[string]override
	if anyAfter && len(touched) > DeltaWalkAbove {
		walked = map[string]override{}
		err := tx.steps(at, time.Time{}, false, func(st Step) (bool, error) {
			for _, c := range st.Changes {
				if _, ok := walked[string(c.Key)]; !ok {
					walked[string(c.Key)] = override{c.Before}
				}
			}
			return true, nil
		})
		if err != nil {
			return Delta{}, err
		}
	}
	steps := map[[idLen]byte]Step{}
	var idx *badger.Iterator // one iterator for every seek: creating one costs more than a seek
	if anyAfter {
		idx = tx.txn.NewIterator(badger.IteratorOptions{Prefix: []byte{tagRecordStep}})
		defer idx.Close()
	}
	valueAt := func(k []byte) ([]byte, error) {
		if walked != nil {
			if o, ok := walked[string(k)]; ok {
				return o.v, nil
			}
			v, _, err := tx.get(k)
			return v, err
		}
		if anyAfter {
			p := key([]byte{tagRecordStep}, k)
			for idx.Seek(key(p, firstAfter[:])); idx.ValidForPrefix(p); idx.Next() {
				sid := [idLen]byte(idx.Item().Key()[len(p):])
				st, ok := steps[sid]
				if !ok {
					var err error
					if st, err = tx.readStep(sid[:]); err != nil {
						return nil, err
					}
					steps[sid] = st
				}
				for _, c := range st.Changes {
					if bytes.Equal(c.Key, k) {
						return c.Before, nil
					}
				}
				// A merge dropped the change: the index key is stale.
			}
		}
		v, _, err := tx.get(k)
		return v, err
	}
	// An import published or unpublished in the window touches all of its
	// records: those in its by-import index, and those deleted since.
	for imp := range imports {
		b, _ := idBytes("import", imp)
		err := tx.scanKeys(key([]byte{tagByImport}, b[:]), func(ik []byte) error {
			touched[string(recordKey(ik[1+idLen], [idLen]byte(ik[2+idLen:])))] = true
			return nil
		})
		if err != nil {
			return Delta{}, err
		}
	}
	if len(imports) > 0 {
		for k, v := range gone {
			if touched[k] {
				continue
			}
			var rec struct {
				ImportID string `json:"importId"`
			}
			if err := decode(v, &rec); err != nil {
				return Delta{}, err
			}
			if imports[rec.ImportID] {
				touched[k] = true
				if k[0] == tagNode {
					touched[string(posKey([idLen]byte([]byte(k[1:]))))] = true
				}
			}
		}
	}
	published := map[string]bool{}
	importVisibleAt := func(id string) (bool, error) {
		if id == "" {
			return true, nil
		}
		if v, ok := published[id]; ok {
			return v, nil
		}
		b, err := idBytes("import", id)
		if err != nil {
			return false, nil
		}
		raw, err := valueAt(recordKey(tagImport, b))
		if err != nil {
			return false, err
		}
		vis := false
		if raw != nil {
			var imp pln.Import
			if err := decode(raw, &imp); err != nil {
				return false, err
			}
			vis = imp.Published
		}
		published[id] = vis
		return vis, nil
	}
	nodes := map[[idLen]byte]*pln.Node{} // nil: absent at `at`
	nodeAt := func(id [idLen]byte) (*pln.Node, error) {
		if n, ok := nodes[id]; ok {
			return n, nil
		}
		raw, err := valueAt(recordKey(tagNode, id))
		if err != nil || raw == nil {
			nodes[id] = nil
			return nil, err
		}
		n, err := decodeNode(raw)
		if err != nil {
			return nil, fmt.Errorf("store: node %s: %w", idString(id[:]), err)
		}
		if vis, err := importVisibleAt(n.ImportID); err != nil || !vis {
			nodes[id] = nil
			return nil, err
		}
		if raw, err = valueAt(posKey(id)); err != nil {
			return nil, err
		}
		if raw != nil {
			p, err := decodePos(raw)
			if err != nil {
				return nil, err
			}
			p.applyTo(&n)
		}
		nodes[id] = &n
		return &n, nil
	}
	d := Delta{At: at, Nodes: []pln.Node{}, Ties: []pln.Tie{}, MissingNodes: []string{}, MissingTies: []string{},
		Entries: []pln.Entry{}, MissingEntries: []string{}}
	keys := make([]string, 0, len(touched))
	for k := range touched {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	shown, missing := map[[idLen]byte]bool{}, map[[idLen]byte]bool{}
	show := func(id [idLen]byte, n *pln.Node) {
		if !shown[id] {
			shown[id] = true
			d.Nodes = append(d.Nodes, *n)
		}
	}
	for _, k := range keys {
		id := [idLen]byte([]byte(k[1:]))
		switch k[0] {
		case tagNode, tagNodePos:
			n, err := nodeAt(id)
			if err != nil {
				return Delta{}, err
			}
			if n == nil {
				if !missing[id] {
					missing[id] = true
					d.MissingNodes = append(d.MissingNodes, idString(id[:]))
				}
				continue
			}
			show(id, n)
		case tagTie:
			raw, err := valueAt([]byte(k))
			if err != nil {
				return Delta{}, err
			}
			var t pln.Tie
			ok := raw != nil
			if ok {
				if err := decode(raw, &t); err != nil {
					return Delta{}, err
				}
				ok, err = importVisibleAt(t.ImportID)
				if err != nil {
					return Delta{}, err
				}
			}
			var ends [2]*pln.Node
			for i, end := range []string{t.From, t.To} {
				if !ok {
					break
				}
				b, err := idBytes("node", end)
				if err != nil {
					return Delta{}, err
				}
				if ends[i], err = nodeAt(b); err != nil {
					return Delta{}, err
				}
				ok = ends[i] != nil
			}
			if !ok {
				d.MissingTies = append(d.MissingTies, idString(id[:]))
				continue
			}
			for _, n := range ends {
				b, _ := idBytes("node", n.ID)
				show(b, n)
			}
			d.Ties = append(d.Ties, t)
		case tagEntry:
			raw, err := valueAt([]byte(k))
			if err != nil {
				return Delta{}, err
			}
			if raw == nil {
				d.MissingEntries = append(d.MissingEntries, idString(id[:]))
				continue
			}
			var e pln.Entry
			if err := decode(raw, &e); err != nil {
				return Delta{}, err
			}
			if len(e.NodeIDs) > 0 { // as Tx.visibleEntry, with the nodes as they were
				ids := make([]string, 0, len(e.NodeIDs))
				for _, n := range e.NodeIDs {
					b, err := idBytes("node", n)
					if err != nil {
						continue
					}
					if nd, err := nodeAt(b); err != nil {
						return Delta{}, err
					} else if nd != nil {
						ids = append(ids, n)
					}
				}
				if len(ids) == 0 {
					ids = nil
				}
				e.NodeIDs = ids
			}
			d.Entries = append(d.Entries, e)
		}
	}
	if raw, ok, err := tx.get(keyEgo); err != nil {
		return Delta{}, err
	} else if ok {
		d.Ego = idString(raw)
	}
	return d, nil
}
