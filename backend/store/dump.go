package store

import (
	"encoding/hex"

	"github.com/dgraph-io/badger/v4"
)

// KV is one key and its value, hex-encoded, as StateDump lists them.
type KV struct {
	K, V string
}

// StateDump lists every key and value of the store's current state, in key
// order, leaving out the history (the change log, step states, logged
// imports, the undo-limit setting), the journal drafts (scratch state
// that undo does not touch) and every key that belongs to an import
// that is not published (its record, the records it staged and their index
// and position keys): what undoing everything must give back byte for byte.
// The journal images (0x50) are listed: they are data, but outside the
// change log, so undo leaves them where they are.
// It is for tests and diagnostics; it reads the whole store.
func (s *Store) StateDump() ([]KV, error) {
	hidden := map[string]bool{}
	err := s.View(func(tx *Tx) error {
		imports, err := tx.distinctImports()
		if err != nil {
			return err
		}
		for _, p := range imports {
			vis, err := tx.importVisible(idString(p[1:]))
			if err != nil {
				return err
			}
			if vis {
				continue
			}
			hidden[string(recordKey(tagImport, [idLen]byte(p[1:])))] = true
			err = tx.scanKeys(p, func(k []byte) error {
				hidden[string(k)] = true
				rec := [idLen]byte(k[2+idLen:])
				switch k[1+idLen] {
				case tagNode:
					hidden[string(recordKey(tagNode, rec))] = true
					hidden[string(posKey(rec))] = true
					n, ok, err := tx.getNodeRecord(rec)
					if err != nil || !ok {
						return err
					}
					ks, err := nodeIndexKeys(n)
					for _, ik := range ks {
						hidden[string(ik)] = true
					}
					return err
				case tagTie:
					hidden[string(recordKey(tagTie, rec))] = true
					t, ok, err := tx.getTieRaw(rec)
					if err != nil || !ok {
						return err
					}
					ks, err := tieIndexKeys(t)
					for _, ik := range ks {
						hidden[string(ik)] = true
					}
					return err
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []KV
	err = s.View(func(tx *Tx) error {
		it := tx.txn.NewIterator(badger.IteratorOptions{})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			k := it.Item().Key()
			switch {
			case len(k) > 0 && (k[0] == tagStep || k[0] == tagStepState || k[0] == tagStepChunk || k[0] == tagLoggedImport || k[0] == tagRecordStep || k[0] == tagStepTime || k[0] == tagDraft):
				continue
			case string(k) == string(keyUndoLimit), string(k) == string(keyApplying), string(k) == string(keyDoneCount), string(k) == string(keyUndoFloor), hidden[string(k)]:
				continue
			}
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			out = append(out, KV{hex.EncodeToString(k), hex.EncodeToString(v)})
		}
		return nil
	})
	return out, err
}
