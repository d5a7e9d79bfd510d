package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/ristretto/v2/z"

	"github.com/plexus-pln/plexus/backend/pln"
)

// Encryption at rest (docs/decisions/encryption.md). Badger encrypts a
// store only from its creation: turning encryption on or off, or giving a
// store a new key, copies it into a new folder (CopyTo); the service layer
// swaps the folders in.

// KeySize is the length of Options.EncryptionKey: 32 bytes, AES-256.
const KeySize = 32

// withEncryption sets Badger's encryption options for key (nil or empty:
// none). Badger needs an index cache when it encrypts (the table indexes
// are encrypted and must be decrypted into a cache).
func withEncryption(bo badger.Options, key []byte) (badger.Options, error) {
	if len(key) == 0 {
		return bo, nil
	}
	if len(key) != KeySize {
		return bo, fmt.Errorf("store: an encryption key must be %d bytes, not %d", KeySize, len(key))
	}
	return bo.WithEncryptionKey(bytes.Clone(key)).WithIndexCacheSize(indexCacheSize), nil
}

// keyMismatch is Open's error when Badger's key registry does not accept
// the key given (code locked).
func keyMismatch(dir string, key []byte) error {
	if len(key) == 0 {
		return pln.Locked("The Plexus data in %s is encrypted; it opens only with its passphrase.", dir)
	}
	return pln.Locked("The key given does not open the Plexus data in %s: the passphrase is wrong, or the data folder's encryption.json does not belong to this store.", dir)
}

// Encrypted reports whether the store folder dir is encrypted, from its
// key registry alone (it needs no key and takes no lock). A folder
// without a store is not encrypted.
func Encrypted(dir string) (bool, error) {
	if _, err := os.Stat(filepath.Join(dir, badger.KeyRegistryFileName)); errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	kr, err := badger.OpenKeyRegistry(badger.KeyRegistryOptions{Dir: dir, ReadOnly: true})
	if errors.Is(err, badger.ErrEncryptionKeyMismatch) {
		return true, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: read the key registry of %s: %w", dir, err)
	}
	return false, kr.Close()
}

// Closed reports whether Close has been called.
func (s *Store) Closed() bool { return s.stopped() }

// CopyTo writes every key and value of the store (one consistent
// snapshot, the newest version of each key) into a new store folder dst,
// encrypted with opts.EncryptionKey (nil: a plain store; opts.Logger and
// opts.NoSync apply too, InMemory and BeforeMigrate are ignored), then
// opens the copy with that key and checks that it holds exactly the same keys and values (a SHA-256
// over them in key order), and closes it (with the clean-close seal). The
// change log, the imports and every index are ordinary keys, so they are
// copied too.
//
// dst must not exist or be empty. On any error dst is removed. The caller
// keeps writes out while it runs (the service layer holds its gate for
// writing); a write that slipped in would make the check fail. It returns
// the number of keys copied.
func (s *Store) CopyTo(dst string, opts Options) (int, error) {
	if s.db.Opts().InMemory {
		return 0, pln.Unsupported("An in-memory store cannot be copied to a folder.")
	}
	if ents, err := os.ReadDir(dst); err == nil && len(ents) > 0 {
		return 0, fmt.Errorf("store: copy: %s is not empty", dst)
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return 0, fmt.Errorf("store: copy: %w", err)
	}
	// The copy writes its tables through mmaps: a full disk must be an
	// error here, not a SIGBUS (diskspace.go).
	if err := CheckSpace(dst, s.copySpace(), "copy your data", "try again"); err != nil {
		return 0, err
	}
	s.dropMu.Lock() // no value-log GC or DropAll meanwhile
	defer s.dropMu.Unlock()
	opts.InMemory, opts.BeforeMigrate = false, nil
	n, err := s.copyTo(dst, opts)
	if err != nil {
		_ = os.RemoveAll(dst)
		return 0, err
	}
	return n, nil
}

func (s *Store) copyTo(dst string, o Options) (int, error) {
	if err := os.MkdirAll(dst, 0o700); err != nil {
		return 0, fmt.Errorf("store: copy: %w", err)
	}
	wantN, wantSum, err := digest(s.db)
	if err != nil {
		return 0, fmt.Errorf("store: copy: read the store: %w", s.wrap(err))
	}
	if o.Logger == nil {
		o.Logger = s.log
	}
	bo, err := desktopOptions(dst, o, o.Logger)
	if err != nil {
		return 0, err
	}
	out, err := badger.Open(bo)
	if err != nil {
		return 0, fmt.Errorf("store: copy: open %s: %w", dst, err)
	}
	sw := out.NewStreamWriter()
	if err := sw.Prepare(); err != nil {
		sw.Cancel()
		_ = out.Close()
		return 0, fmt.Errorf("store: copy: %w", err)
	}
	stream := s.db.NewStream()
	stream.NumGo = 2
	stream.LogPrefix = "store: copy"
	stream.Send = func(buf *z.Buffer) error { return sw.Write(buf) }
	if err := stream.Orchestrate(context.Background()); err != nil {
		sw.Cancel()
		_ = out.Close()
		return 0, fmt.Errorf("store: copy: %w", s.wrap(err))
	}
	if err := sw.Flush(); err != nil {
		_ = out.Close()
		return 0, fmt.Errorf("store: copy: %w", err)
	}
	if err := out.Close(); err != nil {
		return 0, fmt.Errorf("store: copy: close %s: %w", dst, err)
	}

	// Check the copy through the ordinary open (folder checks, key,
	// schema version) and compare every key and value.
	c, err := Open(dst, o)
	if err != nil {
		return 0, fmt.Errorf("store: copy: the copy does not open: %w", err)
	}
	gotN, gotSum, err := digest(c.db)
	if cerr := c.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, fmt.Errorf("store: copy: read the copy: %w", err)
	}
	if gotN != wantN || gotSum != wantSum {
		return 0, fmt.Errorf("store: copy: the copy differs from the store (%d keys, %d in the store)", gotN, wantN)
	}
	return gotN, nil
}

// digest counts the keys of db and hashes them with their values, in key
// order (each as a big-endian uint32 length and the bytes).
func digest(db *badger.DB) (int, [32]byte, error) {
	h := sha256.New()
	n := 0
	var l [4]byte
	err := db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: false})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			item := it.Item()
			k := item.Key()
			binary.BigEndian.PutUint32(l[:], uint32(len(k)))
			h.Write(l[:])
			h.Write(k)
			if err := item.Value(func(v []byte) error {
				binary.BigEndian.PutUint32(l[:], uint32(len(v)))
				h.Write(l[:])
				h.Write(v)
				return nil
			}); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return n, sum, err
}
