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
const SchemaVersion = 1

// migration upgrades a store from version `from` to from+1. Steps must be
// idempotent (a crash may rerun one) and chunk their work into transactions
// of at most chunkSize records; the version is bumped only after the step
// finishes.
type migration struct {
	from int
	name string
	run  func(s *Store) error
}

// migrations, in order. Version 1 is the first layout, so there are none
// yet; add {from: 1, name: "…", run: …} when SchemaVersion becomes 2.
var migrations []migration

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
