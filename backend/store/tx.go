package store

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// Tx is one transaction, handed to the function given to Store.View or
// Store.Update. It is valid only during that call and is not safe for
// concurrent use. Every read applies the visibility rule: records of an
// import that is not published are absent, ties are absent unless both
// ends are visible, and entries' NodeIDs list only visible nodes.
type Tx struct {
	txn *badger.Txn

	// Memos valid for this transaction's snapshot; writes to node, import
	// or by-import keys clear them (see set/del).
	pub     map[string]bool      // import id → published
	nodeVis map[[idLen]byte]bool // node id → exists and visible
	hidden  map[[idLen]byte]bool // nodes of invisible imports (nil = not computed)

	// rec, when set (Store.Commit, undo, redo), records every logged
	// record write with its value before the transaction.
	rec *recorder

	// wrote: set or del ran; Update then checks the free space before it
	// commits (diskspace.go).
	wrote bool

	// touch, in an Update, collects the network records written, for the
	// change journal (changes.go).
	touch *touched
}

func newTx(txn *badger.Txn) *Tx {
	return &Tx{txn: txn, pub: map[string]bool{}, nodeVis: map[[idLen]byte]bool{}}
}

// importVisible is THE visibility rule: a record is visible iff it was made
// by hand (importID "") or its import exists and is published. Everything
// else about visibility is derived from it.
func (tx *Tx) importVisible(importID string) (bool, error) {
	if importID == "" {
		return true, nil
	}
	if v, ok := tx.pub[importID]; ok {
		return v, nil
	}
	imp, found, err := tx.getImport(importID)
	if err != nil {
		return false, err
	}
	v := found && imp.Published
	tx.pub[importID] = v
	return v, nil
}

// nodeVisible reports whether node id exists and is visible.
func (tx *Tx) nodeVisible(id [idLen]byte) (bool, error) {
	if v, ok := tx.nodeVis[id]; ok {
		return v, nil
	}
	_, ok, err := tx.visibleNodeRecord(id)
	if err != nil {
		return false, err
	}
	tx.nodeVis[id] = ok
	return ok, nil
}

// hiddenNodes returns the ids of nodes whose import is not visible, found
// through the by-import index (a skip-scan: one seek per import).
func (tx *Tx) hiddenNodes() (map[[idLen]byte]bool, error) {
	if tx.hidden != nil {
		return tx.hidden, nil
	}
	hidden := map[[idLen]byte]bool{}
	imports, err := tx.distinctImports()
	if err != nil {
		return nil, err
	}
	for _, p := range imports {
		vis, err := tx.importVisible(idString(p[1:]))
		if err != nil {
			return nil, err
		}
		if vis {
			continue
		}
		err = tx.scanKeys(key(p, []byte{tagNode}), func(k []byte) error {
			var id [idLen]byte
			copy(id[:], k[len(k)-idLen:])
			hidden[id] = true
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	tx.hidden = hidden
	return hidden, nil
}

// distinctImports returns the prefix tagByImport | importID of each import
// that has keys in the by-import index, in key order (one seek per import).
func (tx *Tx) distinctImports() ([][]byte, error) {
	var out [][]byte
	p := []byte{tagByImport}
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: p})
	defer it.Close()
	for it.Seek(p); it.ValidForPrefix(p); {
		k := it.Item().KeyCopy(nil)
		if len(k) < 1+idLen {
			it.Next()
			continue
		}
		out = append(out, k[:1+idLen])
		it.Seek(prefixEnd(k[:1+idLen]))
	}
	return out, nil
}

// primeNodeVisibility fills the node-visibility memo for every node with a
// key-only scan of the node records and the hidden-node set.
func (tx *Tx) primeNodeVisibility() error {
	hidden, err := tx.hiddenNodes()
	if err != nil {
		return err
	}
	return tx.scanKeys([]byte{tagNode}, func(k []byte) error {
		var id [idLen]byte
		copy(id[:], k[1:])
		tx.nodeVis[id] = !hidden[id]
		return nil
	})
}

func (tx *Tx) clearMemos(k []byte) {
	if len(k) > 0 && (k[0] == tagNode || k[0] == tagImport || k[0] == tagByImport) {
		clear(tx.pub)
		clear(tx.nodeVis)
		tx.hidden = nil
	}
}

// ---- raw key/value access ----

func (tx *Tx) set(k, v []byte) error {
	if err := tx.capture(k, v); err != nil {
		return err
	}
	tx.clearMemos(k)
	tx.wrote = true
	if tx.touch != nil {
		tx.touch.note(k)
	}
	if err := tx.txn.Set(k, v); err != nil {
		return fmt.Errorf("store: set key %x: %w", k, err)
	}
	return nil
}

func (tx *Tx) del(k []byte) error {
	if err := tx.capture(k, nil); err != nil {
		return err
	}
	tx.clearMemos(k)
	tx.wrote = true
	if tx.touch != nil {
		tx.touch.note(k)
	}
	if err := tx.txn.Delete(k); err != nil {
		return fmt.Errorf("store: delete key %x: %w", k, err)
	}
	return nil
}

// get returns a copy of k's value.
func (tx *Tx) get(k []byte) ([]byte, bool, error) {
	item, err := tx.txn.Get(k)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("store: get key %x: %w", k, err)
	}
	v, err := item.ValueCopy(nil)
	if err != nil {
		return nil, false, fmt.Errorf("store: read value of key %x: %w", k, err)
	}
	return v, true, nil
}

func (tx *Tx) getRecord(k []byte, v any) (bool, error) {
	b, ok, err := tx.get(k)
	if err != nil || !ok {
		return ok, err
	}
	return true, decode(b, v)
}

func (tx *Tx) putRecord(k []byte, v any) error {
	b, err := encode(v)
	if err != nil {
		return err
	}
	return tx.set(k, b)
}

// scanKeys calls fn with a copy of every key with prefix p, in key order,
// without reading values.
func (tx *Tx) scanKeys(p []byte, fn func(k []byte) error) error {
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: p})
	defer it.Close()
	for it.Seek(p); it.ValidForPrefix(p); it.Next() {
		if err := fn(it.Item().KeyCopy(nil)); err != nil {
			return err
		}
	}
	return nil
}

// collectKeys returns copies of the keys with prefix p.
func (tx *Tx) collectKeys(p []byte) ([][]byte, error) {
	var ks [][]byte
	err := tx.scanKeys(p, func(k []byte) error { ks = append(ks, k); return nil })
	return ks, err
}

// scanRecords decodes every value under prefix p into a fresh T and calls
// fn with it, in key order.
func scanRecords[T any](tx *Tx, p []byte, fn func(v T) error) error {
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: p, PrefetchValues: true, PrefetchSize: 100})
	defer it.Close()
	for it.Seek(p); it.ValidForPrefix(p); it.Next() {
		var v T
		err := it.Item().Value(func(b []byte) error { return decode(b, &v) })
		if err != nil {
			return fmt.Errorf("store: record %x: %w", it.Item().Key(), err)
		}
		if err := fn(v); err != nil {
			return err
		}
	}
	return nil
}

// reindex moves a record's index keys from those of old (when found) to
// those of cur, both computed by keys: one place for the rule "deletes and
// updates compute index keys from the old value".
func reindex[T any](tx *Tx, keys func(T) ([][]byte, error), old T, found bool, cur T) error {
	want, err := keys(cur)
	if err != nil {
		return err
	}
	var have [][]byte
	if found {
		if have, err = keys(old); err != nil {
			return err
		}
	}
	return tx.replaceIndexKeys(have, want)
}

// replaceIndexKeys writes nil-valued index keys in want that are not in have and
// deletes those in have that are not in want.
func (tx *Tx) replaceIndexKeys(have, want [][]byte) error {
	for _, k := range have {
		if !containsKey(want, k) {
			if err := tx.del(k); err != nil {
				return err
			}
		}
	}
	for _, k := range want {
		if !containsKey(have, k) {
			if err := tx.set(k, nil); err != nil {
				return err
			}
		}
	}
	return nil
}

func containsKey(ks [][]byte, k []byte) bool {
	for _, x := range ks {
		if bytes.Equal(x, k) {
			return true
		}
	}
	return false
}
