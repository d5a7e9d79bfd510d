package store

import (
	"bytes"
	"errors"
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"

	"github.com/plexus-pln/plexus/backend/pln"
)

// maxFeedURLBytes bounds the feed URL stored in an index key (pln.MaxURLLen
// runes of at most 4 bytes each).
const maxFeedURLBytes = 4 * pln.MaxURLLen

// getNodeRecord reads node id's record alone: X, Y and Pinned are zero
// (they live under tagNodePos; see visibleNode).
func (tx *Tx) getNodeRecord(id [idLen]byte) (pln.Node, bool, error) {
	b, ok, err := tx.get(recordKey(tagNode, id))
	if err != nil || !ok {
		return pln.Node{}, ok, err
	}
	n, err := decodeNode(b)
	if err != nil {
		return pln.Node{}, false, fmt.Errorf("store: node %s: %w", idString(id[:]), err)
	}
	return n, true, nil
}

// getPos reads node id's position key. A node without one (none is written
// without one) is at 0,0 and not pinned.
func (tx *Tx) getPos(id [idLen]byte) (position, error) {
	b, ok, err := tx.get(posKey(id))
	if err != nil || !ok {
		return position{}, err
	}
	return decodePos(b)
}

// visibleNode returns the node, position included, if it exists and is
// visible.
func (tx *Tx) visibleNode(id [idLen]byte) (pln.Node, bool, error) {
	n, ok, err := tx.visibleNodeRecord(id)
	if err != nil || !ok {
		return pln.Node{}, false, err
	}
	p, err := tx.getPos(id)
	if err != nil {
		return pln.Node{}, false, err
	}
	p.applyTo(&n)
	return n, true, nil
}

// visibleNodeRecord is visibleNode without the position.
func (tx *Tx) visibleNodeRecord(id [idLen]byte) (pln.Node, bool, error) {
	n, ok, err := tx.getNodeRecord(id)
	if err != nil || !ok {
		return pln.Node{}, false, err
	}
	vis, err := tx.importVisible(n.ImportID)
	if err != nil || !vis {
		return pln.Node{}, false, err
	}
	return n, true, nil
}

// nodeKeyExists reports whether node id has a record, reading its key only
// (no value is read or decoded).
func (tx *Tx) nodeKeyExists(id [idLen]byte) (bool, error) {
	_, err := tx.txn.Get(recordKey(tagNode, id))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: get node key %s: %w", idString(id[:]), err)
	}
	return true, nil
}

// nodeIndexKeys are the nil-valued index keys that belong to n.
func nodeIndexKeys(n pln.Node) ([][]byte, error) {
	id, err := idBytes("node", n.ID)
	if err != nil {
		return nil, err
	}
	var ks [][]byte
	if n.FeedURL != "" {
		if len(n.FeedURL) > maxFeedURLBytes {
			return nil, pln.TooLarge("The feed URL of node %s is longer than %d bytes.", n.ID, maxFeedURLBytes)
		}
		ks = append(ks, feedURLKey(n.FeedURL, id))
	}
	if n.ImportID != "" {
		imp, err := idBytes("import", n.ImportID)
		if err != nil {
			return nil, err
		}
		ks = append(ks, byImportKey(imp, tagNode, id))
	}
	return ks, nil
}

// GetNode returns the node with canonical UUID id. Missing or invisible:
// pln.NotFound; a malformed id: pln.Invalid.
func (tx *Tx) GetNode(id string) (pln.Node, error) {
	b, err := idBytes("node", id)
	if err != nil {
		return pln.Node{}, err
	}
	n, ok, err := tx.visibleNode(b)
	if err != nil {
		return pln.Node{}, err
	}
	if !ok {
		return pln.Node{}, pln.NotFound("No node with id %s.", id)
	}
	return n, nil
}

// Ego returns the ego node, and false when there is none yet.
func (tx *Tx) Ego() (pln.Node, bool, error) {
	b, ok, err := tx.get(keyEgo)
	if err != nil || !ok {
		return pln.Node{}, false, err
	}
	var id [idLen]byte
	copy(id[:], b)
	return tx.visibleNode(id)
}

// PutNode inserts n or replaces the node with n.ID, keeping its index keys
// (feed URL, by-import, ego) in step: old keys are computed from the stored
// value. At most one node may have Ego set: another ego is pln.Conflict.
// n.ID (and n.ImportID if set) must be canonical UUIDs (pln.Invalid).
// PutNode stores n as given; it sets no times and validates no fields.
func (tx *Tx) PutNode(n pln.Node) error {
	id, err := idBytes("node", n.ID)
	if err != nil {
		return err
	}
	old, found, err := tx.getNodeRecord(id)
	if err != nil {
		return err
	}
	if n.Ego {
		b, ok, err := tx.get(keyEgo)
		if err != nil {
			return err
		}
		if ok && !bytes.Equal(b, id[:]) {
			return pln.Conflict("There is already an ego node (%s); a network has only one.", idString(b))
		}
	}
	return tx.writeNode(id, old, found, n)
}

// writeNode replaces old (if found) by n, with index keys, the ego key and
// the position key (old needs no position: only its record is compared).
func (tx *Tx) writeNode(id [idLen]byte, old pln.Node, found bool, n pln.Node) error {
	if err := reindex(tx, nodeIndexKeys, old, found, n); err != nil {
		return err
	}
	switch {
	case n.Ego:
		if err := tx.set(keyEgo, id[:]); err != nil {
			return err
		}
	case found && old.Ego:
		if err := tx.del(keyEgo); err != nil {
			return err
		}
	}
	b, err := encodeNode(n)
	if err != nil {
		return err
	}
	if err := tx.set(recordKey(tagNode, id), b); err != nil {
		return err
	}
	return tx.set(posKey(id), encodePos(posOf(n)))
}

// DeleteNode deletes the visible node id and, in the same transaction,
// every tie that has it as an end (both adjacency keys) and its link from
// every entry (the entry's NodeIDs and mention key; the entry's UpdatedAt
// is not changed) and from every goal's NodeIDs (UpdatedAt kept too). It returns the ids of the deleted ties and of the
// entries it unlinked, each in id order. Missing or invisible: pln.NotFound.
func (tx *Tx) DeleteNode(id string) (tieIDs []string, entryIDs []string, err error) {
	b, err := idBytes("node", id)
	if err != nil {
		return nil, nil, err
	}
	n, ok, err := tx.visibleNodeRecord(b)
	if err != nil {
		return nil, nil, err
	}
	if !ok {
		return nil, nil, pln.NotFound("No node with id %s.", id)
	}
	gone := map[string]bool{n.ID: true}
	goals, err := tx.goalsLinking(gone) // before any write (see refsOf)
	if err != nil {
		return nil, nil, err
	}
	if tieIDs, entryIDs, err = tx.deleteNodeCascade(b, n); err != nil {
		return nil, nil, err
	}
	return tieIDs, entryIDs, tx.unlinkGoals(goals, gone)
}

// DeleteNodes is DeleteNode for several nodes in one transaction: every id
// must be a visible node (else pln.NotFound, and the caller must abandon
// the transaction). Every node's references are scanned before anything is
// written (see refsOf), so a large selection costs one scan per node, not
// one per node over all the pending writes. A repeated id, a tie between
// two of the nodes and an entry linking several of them count once. It returns the ids of
// the deleted ties and of the unlinked entries, each once, in id order.
func (tx *Tx) DeleteNodes(ids []string) (tieIDs []string, entryIDs []string, err error) {
	type target struct {
		id   [idLen]byte
		n    pln.Node
		refs nodeRefs
	}
	ts := make([]target, 0, len(ids))
	seen := make(map[[idLen]byte]bool, len(ids))
	for _, s := range ids {
		b, err := idBytes("node", s)
		if err != nil {
			return nil, nil, err
		}
		if seen[b] {
			continue
		}
		seen[b] = true
		n, ok, err := tx.visibleNodeRecord(b)
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			return nil, nil, pln.NotFound("No node with id %s.", s)
		}
		refs, err := tx.refsOf(b)
		if err != nil {
			return nil, nil, err
		}
		ts = append(ts, target{b, n, refs})
	}
	gone := make(map[string]bool, len(ts))
	for _, t := range ts {
		gone[t.n.ID] = true
	}
	goals, err := tx.goalsLinking(gone) // before any write (see refsOf)
	if err != nil {
		return nil, nil, err
	}
	if err := tx.unlinkGoals(goals, gone); err != nil {
		return nil, nil, err
	}
	for _, t := range ts {
		ties, entries, err := tx.deleteNodeWithRefs(t.id, t.n, t.refs)
		if err != nil {
			return nil, nil, err
		}
		tieIDs = append(tieIDs, ties...)
		entryIDs = append(entryIDs, entries...)
	}
	slices.Sort(tieIDs)
	slices.Sort(entryIDs)
	return slices.Compact(tieIDs), slices.Compact(entryIDs), nil
}

// nodeRefs are the keys that point at a node: its ties (from both
// adjacency indexes, deduplicated, in id order) and its mention keys.
type nodeRefs struct {
	ties     [][idLen]byte
	mentions [][]byte
}

// refsOf scans the adjacency and mention indexes for node id. Scans come
// before any write: an iterator over a read-write transaction copies and
// sorts its pending writes, so scanning after many writes is slow.
func (tx *Tx) refsOf(id [idLen]byte) (nodeRefs, error) {
	var r nodeRefs
	seen := map[[idLen]byte]bool{}
	for _, tag := range []byte{tagOutTie, tagInTie} {
		err := tx.scanKeys(key([]byte{tag}, id[:]), func(k []byte) error {
			var t [idLen]byte
			copy(t[:], k[1+idLen:])
			if !seen[t] {
				seen[t] = true
				r.ties = append(r.ties, t)
			}
			return nil
		})
		if err != nil {
			return nodeRefs{}, err
		}
	}
	slices.SortFunc(r.ties, func(a, b [idLen]byte) int { return bytes.Compare(a[:], b[:]) })
	var err error
	r.mentions, err = tx.collectKeys(key([]byte{tagMention}, id[:]))
	return r, err
}

// deleteNodeCascade deletes node n (any visibility), its ties and its
// entry links.
func (tx *Tx) deleteNodeCascade(id [idLen]byte, n pln.Node) (tieIDs []string, entryIDs []string, err error) {
	refs, err := tx.refsOf(id)
	if err != nil {
		return nil, nil, err
	}
	return tx.deleteNodeWithRefs(id, n, refs)
}

// deleteNodeWithRefs deletes node n (its record, index keys and position
// key), the ties in refs and n's links from the entries in refs, using point
// reads and writes only. n's position is not used.
func (tx *Tx) deleteNodeWithRefs(id [idLen]byte, n pln.Node, refs nodeRefs) (tieIDs []string, entryIDs []string, err error) {
	for _, t := range refs.ties {
		ok, err := tx.deleteTieRaw(t)
		if err != nil {
			return nil, nil, err
		}
		if ok {
			tieIDs = append(tieIDs, idString(t[:]))
		}
	}
	for _, k := range refs.mentions {
		var eid [idLen]byte
		copy(eid[:], k[1+idLen+timeLen:])
		old, ok, err := tx.getEntryRaw(eid)
		if err != nil {
			return nil, nil, err
		}
		if ok && slices.Contains(old.NodeIDs, n.ID) {
			e := old
			e.NodeIDs = slices.DeleteFunc(slices.Clone(old.NodeIDs), func(s string) bool { return s == n.ID })
			if err := tx.writeEntry(eid, old, true, e); err != nil {
				return nil, nil, err
			}
			entryIDs = append(entryIDs, e.ID)
		}
		if err := tx.del(k); err != nil { // also drops a stale key
			return nil, nil, err
		}
	}
	slices.Sort(entryIDs)

	have, err := nodeIndexKeys(n)
	if err != nil {
		return nil, nil, err
	}
	if err := tx.replaceIndexKeys(have, nil); err != nil {
		return nil, nil, err
	}
	if n.Ego {
		if err := tx.del(keyEgo); err != nil {
			return nil, nil, err
		}
	}
	if err := tx.del(posKey(id)); err != nil {
		return nil, nil, err
	}
	return tieIDs, entryIDs, tx.del(recordKey(tagNode, id))
}

// ListNodes returns every visible node, in id (creation) order, with its
// position. The node records and the position keys are both ordered by node
// id, so it walks the two prefixes in lock-step (no point read per node).
func (tx *Tx) ListNodes() ([]pln.Node, error) {
	var out []pln.Node
	pit := tx.txn.NewIterator(badger.IteratorOptions{Prefix: []byte{tagNodePos}, PrefetchValues: true, PrefetchSize: 100})
	defer pit.Close()
	pp := []byte{tagNodePos}
	pit.Seek(pp)
	err := scanNodeRecords(tx, func(id []byte, n pln.Node) error {
		vis, err := tx.importVisible(n.ImportID)
		if err != nil || !vis {
			return err
		}
		// Advance the position iterator to this node's key (skipping
		// positions of nodes without a record, which are not written).
		for ; pit.ValidForPrefix(pp); pit.Next() {
			c := bytes.Compare(pit.Item().Key()[1:], id)
			if c > 0 {
				break
			}
			if c == 0 {
				var p position
				err := pit.Item().Value(func(b []byte) (err error) { p, err = decodePos(b); return err })
				if err != nil {
					return fmt.Errorf("store: position of node %s: %w", n.ID, err)
				}
				p.applyTo(&n)
				pit.Next()
				break
			}
		}
		out = append(out, n)
		return nil
	})
	return out, err
}

// scanNodeRecords decodes every node record (without position) in key
// order and calls fn with its raw 16-byte id and the node.
func scanNodeRecords(tx *Tx, fn func(id []byte, n pln.Node) error) error {
	p := []byte{tagNode}
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: p, PrefetchValues: true, PrefetchSize: 100})
	defer it.Close()
	for it.Seek(p); it.ValidForPrefix(p); it.Next() {
		var n pln.Node
		err := it.Item().Value(func(b []byte) (err error) { n, err = decodeNode(b); return err })
		if err != nil {
			return fmt.Errorf("store: record %x: %w", it.Item().Key(), err)
		}
		if err := fn(it.Item().Key()[1:], n); err != nil {
			return err
		}
	}
	return nil
}

// FindNodeByFeedURL returns a visible node whose FeedURL is exactly
// feedURL (byte for byte; callers normalise), through the feed-URL index
// (0x25). With several, the one with the smallest id (the oldest) wins. An
// empty feedURL finds nothing.
func (tx *Tx) FindNodeByFeedURL(feedURL string) (pln.Node, bool, error) {
	if feedURL == "" || len(feedURL) > maxFeedURLBytes {
		return pln.Node{}, false, nil
	}
	ks, err := tx.collectKeys(feedURLPrefix(feedURL))
	if err != nil {
		return pln.Node{}, false, err
	}
	for _, k := range ks {
		var id [idLen]byte
		copy(id[:], k[len(k)-idLen:])
		n, ok, err := tx.visibleNode(id)
		if err != nil {
			return pln.Node{}, false, err
		}
		if ok && n.FeedURL == feedURL {
			return n, true, nil
		}
	}
	return pln.Node{}, false, nil
}

// scanExistsAbove is the number of distinct ids from which SetPositions
// checks existence with one key-only scan of all node records instead of a
// point read per id (a Badger Get costs about as much as stepping over ten
// or so keys; a layout stop sends every node).
const scanExistsAbove = 500

// SetPositions sets X, Y and Pinned of each listed node (later items win
// for a repeated id). Only the nodes' position keys are written (18 bytes
// each; the records, UpdatedAt included, are untouched), so one transaction
// holds about 26,000 positions. An id that is missing or invisible is
// pln.NotFound and nothing is written. Existence is checked on the records'
// keys alone and visibility through the by-import index (hiddenNodes), so no
// record is read. Coordinates are not checked here (see pln.CheckPosition).
func (tx *Tx) SetPositions(ps []pln.Position) error {
	_, _, err := tx.SetPositionsChanged(ps)
	return err
}

// Moved is a node whose position SetPositionsChanged changed: its id and
// new pinned flag.
type Moved struct {
	ID     string
	Pinned bool
}

// SetPositionsChanged is SetPositions that writes only the positions that
// differ from the stored ones, and returns those nodes (in the order of
// their last item) and how many of them changed only their pinned flag.
func (tx *Tx) SetPositionsChanged(ps []pln.Position) (moved []Moved, pinsOnly int, err error) {
	if len(ps) == 0 {
		return nil, 0, nil
	}
	ids := make([][idLen]byte, len(ps))
	last := make(map[[idLen]byte]int, len(ps)) // id → index of its last item
	for i, p := range ps {
		id, err := idBytes("node", p.ID)
		if err != nil {
			return nil, 0, err
		}
		ids[i] = id
		last[id] = i
	}
	// Every read comes before the first write (see refsOf).
	hidden, err := tx.hiddenNodes()
	if err != nil {
		return nil, 0, err
	}
	var exists func(id [idLen]byte) (bool, error)
	if len(last) > scanExistsAbove {
		found, err := tx.nodeKeysAmong(last)
		if err != nil {
			return nil, 0, err
		}
		exists = func(id [idLen]byte) (bool, error) { return found[id], nil }
	} else {
		exists = tx.nodeKeyExists
	}
	for i, p := range ps {
		if last[ids[i]] != i {
			continue // checked (and written) with its last item
		}
		ok, err := exists(ids[i])
		if err != nil {
			return nil, 0, err
		}
		if !ok || hidden[ids[i]] {
			return nil, 0, pln.NotFound("No node with id %s.", p.ID)
		}
	}
	for i, p := range ps {
		if last[ids[i]] != i {
			continue
		}
		np := position{X: p.X, Y: p.Y, Pinned: p.Pinned}
		op, err := tx.getPos(ids[i])
		if err != nil {
			return nil, 0, err
		}
		if op == np {
			continue
		}
		if op.X == np.X && op.Y == np.Y {
			pinsOnly++
		}
		moved = append(moved, Moved{ID: p.ID, Pinned: p.Pinned})
		if err := tx.set(posKey(ids[i]), encodePos(np)); err != nil {
			return nil, 0, err
		}
	}
	return moved, pinsOnly, nil
}

// nodeKeysAmong returns which ids in want have a node record, with one
// key-only scan of the node records.
func (tx *Tx) nodeKeysAmong(want map[[idLen]byte]int) (map[[idLen]byte]bool, error) {
	found := make(map[[idLen]byte]bool, len(want))
	p := []byte{tagNode}
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: p})
	defer it.Close()
	for it.Seek(p); it.ValidForPrefix(p); it.Next() {
		k := it.Item().Key()
		if len(k) != 1+idLen {
			continue
		}
		id := [idLen]byte(k[1:])
		if _, ok := want[id]; ok {
			found[id] = true
		}
	}
	return found, nil
}
