package store

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"github.com/plexus-pln/plexus/backend/pln"
)

// SchemaVersion is the key/value layout this build reads and writes
// (SCHEMA.md). It is stored under the meta key "version".
//
//	1: the first layout.
//	2: node positions (x, y, pinned) moved out of the node records into
//	   their own fixed-size keys (tagNodePos), migratePositions.
//	3: the change log (tagStep, tagStepState, tagLoggedImport, meta
//	   "undo-limit"); startHistory.
const SchemaVersion = 3

// migration upgrades a store from version `from` to from+1. Steps must be
// idempotent (a crash may rerun one) and chunk their work into transactions
// of at most chunkSize records; the version is bumped only after the step
// finishes.
type migration struct {
	from int
	name string
	run  func(s *Store) error
}

// migrations, in order.
var migrations = []migration{
	{from: 1, name: "node positions to their own keys", run: migratePositions},
	{from: 2, name: "the change log", run: startHistory},
}

// startHistory (schema 2 → 3) starts the change log: the new tables begin
// empty, so the history starts from the store as it is (undo cannot go
// back before the migration; the network as of an earlier date is this
// state). Imports undone under schema 2 were already swept or are swept as
// leftovers (they are not in the log). Nothing to rewrite: idempotent.
func startHistory(*Store) error { return nil }

// migrationChunkBytes bounds the record bytes one migration transaction
// rewrites (besides chunkSize records), well under Badger's ≈ 2.4 MB.
const migrationChunkBytes = 1 << 20

// migratePositions (schema 1 → 2) moves each node record's x, y and pinned
// into the node's position key (tagNodePos) and rewrites the record without
// them, walking the node records in key order in transactions of at most
// chunkSize records and migrationChunkBytes bytes (halved while a chunk is
// too large). Idempotent: a record that no longer carries a position (a
// chunk committed before a crash) keeps the position key it has, and gets a
// 0,0 one only when it has none.
func migratePositions(s *Store) error {
	p := []byte{tagNode}
	start := p
	limit := chunkSize
	moved := 0
	for {
		var next []byte
		done, n := false, 0
		err := s.Update(func(tx *Tx) error {
			type rec struct {
				id  [idLen]byte
				val []byte
			}
			var recs []rec
			size := 0
			// Read the chunk first, then write: an iterator over a
			// read-write transaction copies its pending writes.
			it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: p, PrefetchValues: true, PrefetchSize: 100})
			for it.Seek(start); it.ValidForPrefix(p) && len(recs) < limit && size < migrationChunkBytes; it.Next() {
				var r rec
				copy(r.id[:], it.Item().Key()[1:])
				v, err := it.Item().ValueCopy(nil)
				if err != nil {
					it.Close()
					return fmt.Errorf("store: read node record %x: %w", it.Item().Key(), err)
				}
				r.val = v
				recs = append(recs, r)
				size += len(v)
			}
			done = !it.ValidForPrefix(p)
			it.Close()
			n = 0
			for _, r := range recs {
				var node pln.Node
				nr := nodeRecord{Node: &node}
				if err := decode(r.val, &nr); err != nil {
					return fmt.Errorf("store: node %s: %w", idString(r.id[:]), err)
				}
				if nr.X == nil && nr.Y == nil && nr.Pinned == nil {
					// Already migrated: keep its position key (or add one).
					if _, ok, err := tx.get(posKey(r.id)); err != nil || ok {
						if err != nil {
							return err
						}
						continue
					}
				}
				var pos position
				if nr.X != nil {
					pos.X = *nr.X
				}
				if nr.Y != nil {
					pos.Y = *nr.Y
				}
				if nr.Pinned != nil {
					pos.Pinned = *nr.Pinned
				}
				b, err := encodeNode(node)
				if err != nil {
					return err
				}
				if err := tx.set(recordKey(tagNode, r.id), b); err != nil {
					return err
				}
				if err := tx.set(posKey(r.id), encodePos(pos)); err != nil {
					return err
				}
				n++
			}
			if len(recs) > 0 {
				next = append(recordKey(tagNode, recs[len(recs)-1].id), 0)
			}
			return nil
		})
		if pln.CodeOf(err) == pln.CodeTooLarge && limit > 1 {
			limit /= 2
			continue
		}
		if err != nil {
			return err
		}
		moved += n
		if done || next == nil {
			s.log.Info("store: moved node positions to their own keys", "nodes", moved)
			return nil
		}
		start = next
	}
}

// migrate reads the stored schema version, writes it on a fresh store,
// refuses a newer one, and runs pending migrations in order.
func (s *Store) migrate() error {
	v, found, err := s.version()
	if err != nil {
		return err
	}
	if !found {
		return s.Update(func(tx *Tx) error { return tx.setVersion(SchemaVersion) })
	}
	return s.runMigrations(v, SchemaVersion, migrations)
}

func (s *Store) runMigrations(v, target int, steps []migration) error {
	if v > target {
		return pln.Unsupported("The data folder %s was written by a newer Plexus (data version %d; this one reads up to %d). Update Plexus to open it.", s.dir, v, target)
	}
	if v < target && s.beforeMigrate != nil {
		if err := s.beforeMigrate(s, v, target); err != nil {
			return fmt.Errorf("store: before migrating from schema version %d to %d: %w", v, target, err)
		}
	}
	for _, m := range steps {
		if m.from < v || m.from >= target {
			continue
		}
		if m.from != v {
			return fmt.Errorf("store: no migration from schema version %d", v)
		}
		s.log.Info("store: migrating", "from", m.from, "to", m.from+1, "step", m.name)
		if err := m.run(s); err != nil {
			return fmt.Errorf("store: migration %d→%d (%s): %w", m.from, m.from+1, m.name, err)
		}
		v = m.from + 1
		if err := s.Update(func(tx *Tx) error { return tx.setVersion(v) }); err != nil {
			return err
		}
	}
	if v != target {
		return fmt.Errorf("store: no migration from schema version %d to %d", v, target)
	}
	return nil
}

// version returns the stored schema version.
func (s *Store) version() (v int, found bool, err error) {
	err = s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(keyVersion)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		b, err := item.ValueCopy(nil)
		if err != nil {
			return err
		}
		if len(b) != 4 {
			return fmt.Errorf("schema version value has %d bytes, want 4", len(b))
		}
		v, found = int(binary.BigEndian.Uint32(b)), true
		return nil
	})
	if err != nil {
		return 0, false, fmt.Errorf("store: read schema version: %w", err)
	}
	return v, found, nil
}

// setVersion writes the meta version key: 4 bytes, big-endian uint32.
func (tx *Tx) setVersion(v int) error {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], uint32(v))
	return tx.set(keyVersion, b[:])
}
