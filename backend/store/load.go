package store

import (
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"github.com/plexus-pln/plexus/backend/pln"
)

// Load bulk-writes a whole network (a restore) with all index keys, through
// a Badger WriteBatch (many internal commits; not atomic: on an error call
// DropAll). The store must hold no records (else pln.Conflict; call DropAll
// first to replace). The input must be self-consistent, else pln.Invalid
// and nothing is written: canonical unique ids, at most one ego, tie ends
// and entry NodeIDs among nodes, ImportIDs among imports. Records of
// imports that are not published are swept at the end, like at Open.
// With less than WriteReserve plus twice the records' bytes free on the
// store's disk it writes nothing and returns pln.DiskFull.
func (s *Store) Load(nodes []pln.Node, ties []pln.Tie, entries []pln.Entry, imports []pln.Import) error {
	return s.LoadContents(Contents{Nodes: nodes, Ties: ties, Entries: entries, Imports: imports})
}

// LoadContents is Load with the learning goals too (c.Goals: canonical
// unique ids, NodeIDs among the nodes and never the ego, else pln.Invalid).
func (s *Store) LoadContents(c Contents) error {
	nodes, ties, entries, imports := c.Nodes, c.Ties, c.Entries, c.Imports
	empty := true
	err := s.View(func(tx *Tx) error {
		it := tx.txn.NewIterator(badger.IteratorOptions{})
		defer it.Close()
		it.Seek([]byte{tagNode})
		if it.Valid() && it.Item().Key()[0] <= tagLastRecord {
			empty = false
		}
		return nil
	})
	if err != nil {
		return err
	}
	if !empty {
		return pln.Conflict("The store already holds data; a restore needs an empty one.")
	}

	type kv struct{ k, v []byte }
	var kvs []kv
	add := func(k []byte, v any) error {
		if v == nil {
			kvs = append(kvs, kv{k, nil})
			return nil
		}
		b, err := encode(v)
		if err != nil {
			return err
		}
		kvs = append(kvs, kv{k, b})
		return nil
	}
	addKeys := func(ks [][]byte) {
		for _, k := range ks {
			kvs = append(kvs, kv{k, nil})
		}
	}

	importIDs := map[string]bool{}
	for _, imp := range imports {
		b, err := idBytes("import", imp.ID)
		if err != nil {
			return err
		}
		if importIDs[imp.ID] {
			return pln.Invalid("The import id %s appears twice.", imp.ID)
		}
		importIDs[imp.ID] = true
		if err := add(recordKey(tagImport, b), imp); err != nil {
			return err
		}
	}
	checkImport := func(what, id, importID string) error {
		if importID != "" && !importIDs[importID] {
			return pln.Invalid("The %s %s belongs to import %s, which is not in the data.", what, id, importID)
		}
		return nil
	}
	nodeIDs := map[string]bool{}
	var ego string
	for _, n := range nodes {
		b, err := idBytes("node", n.ID)
		if err != nil {
			return err
		}
		if nodeIDs[n.ID] {
			return pln.Invalid("The node id %s appears twice.", n.ID)
		}
		nodeIDs[n.ID] = true
		if err := checkImport("node", n.ID, n.ImportID); err != nil {
			return err
		}
		if n.Ego {
			if ego != "" {
				return pln.Invalid("Both %s and %s are marked as the ego; there can be only one.", ego, n.ID)
			}
			ego = n.ID
			kvs = append(kvs, kv{keyEgo, b[:]})
		}
		ks, err := nodeIndexKeys(n)
		if err != nil {
			return err
		}
		addKeys(ks)
		rec, err := encodeNode(n)
		if err != nil {
			return err
		}
		kvs = append(kvs, kv{recordKey(tagNode, b), rec}, kv{posKey(b), encodePos(posOf(n))})
	}
	tieIDs := map[string]bool{}
	for _, t := range ties {
		b, err := idBytes("tie", t.ID)
		if err != nil {
			return err
		}
		if tieIDs[t.ID] {
			return pln.Invalid("The tie id %s appears twice.", t.ID)
		}
		tieIDs[t.ID] = true
		if err := checkImport("tie", t.ID, t.ImportID); err != nil {
			return err
		}
		for _, end := range []struct{ name, id string }{{"from", t.From}, {"to", t.To}} {
			if !nodeIDs[end.id] {
				return pln.Invalid("The %s node %s of tie %s is not in the data.", end.name, end.id, t.ID)
			}
		}
		ks, err := tieIndexKeys(t)
		if err != nil {
			return err
		}
		addKeys(ks)
		if err := add(recordKey(tagTie, b), t); err != nil {
			return err
		}
	}
	entryIDs := map[string]bool{}
	for _, e := range entries {
		b, err := idBytes("entry", e.ID)
		if err != nil {
			return err
		}
		if entryIDs[e.ID] {
			return pln.Invalid("The entry id %s appears twice.", e.ID)
		}
		entryIDs[e.ID] = true
		for _, n := range e.NodeIDs {
			if !nodeIDs[n] {
				return pln.Invalid("The entry %s links node %s, which is not in the data.", e.ID, n)
			}
		}
		ks, err := entryIndexKeys(e)
		if err != nil {
			return err
		}
		addKeys(ks)
		if err := add(recordKey(tagEntry, b), e); err != nil {
			return err
		}
	}

	goalIDs := map[string]bool{}
	for _, g := range c.Goals {
		b, err := idBytes("goal", g.ID)
		if err != nil {
			return err
		}
		if goalIDs[g.ID] {
			return pln.Invalid("The goal id %s appears twice.", g.ID)
		}
		goalIDs[g.ID] = true
		for _, n := range g.NodeIDs {
			if !nodeIDs[n] || n == ego {
				return pln.Invalid("The goal %s (%q) links node %s, which is not an alter in the data.", g.ID, g.Title, n)
			}
		}
		if err := add(recordKey(tagGoal, b), g); err != nil {
			return err
		}
	}

	// The batch goes through the memtable logs into tables: twice its
	// bytes, over the reserve (diskspace.go).
	var total uint64
	for _, x := range kvs {
		total += uint64(len(x.k) + len(x.v))
	}
	if err := s.EnsureSpace(2*total, "restore the backup"); err != nil {
		return err
	}
	wb := s.db.NewWriteBatch()
	defer wb.Cancel()
	for _, x := range kvs {
		if err := wb.Set(x.k, x.v); err != nil {
			return fmt.Errorf("store: load: %w", err)
		}
	}
	if err := wb.Flush(); err != nil {
		return fmt.Errorf("store: load: %w", err)
	}
	return s.SweepUnpublished()
}
