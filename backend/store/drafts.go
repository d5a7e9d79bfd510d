package store

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/dgraph-io/badger/v4"

	"github.com/plexus-pln/plexus/backend/pln"
)

// Journal drafts: the editor's unsaved text, one value per entry id (or
// "new"), kept under tagDraft until the entry is saved. They are scratch
// state, like a setting: outside the change log (no step, no undo), not in
// backups, not salvaged; DropAll keeps them (docs/decisions/journal-drafts.md).
// The value is opaque to the store (the frontend's JSON).

// Draft limits. The frontend mirrors them; the store is the judge.
const (
	MaxDraftKeyLen = 64       // bytes of printable ASCII, no space
	MaxDraftBytes  = 1 << 20  // UTF-8 bytes of one draft
	MaxDrafts      = 200      // drafts kept at once
	MaxDraftsBytes = 16 << 20 // UTF-8 bytes of all drafts together
)

// encDraftV1 marks a draft value: the draft's UTF-8 text follows.
const encDraftV1 byte = 0x05

func draftKey(k string) []byte { return key([]byte{tagDraft}, []byte(k)) }

// CheckDraft reports whether key and value make a draft the store keeps:
// key 1–64 bytes of printable ASCII without spaces (pln.Invalid), value
// valid UTF-8 (pln.Invalid) of at most MaxDraftBytes (pln.TooLarge).
func CheckDraft(key, value string) error {
	if err := CheckDraftKey(key); err != nil {
		return err
	}
	if len(value) > MaxDraftBytes {
		return pln.TooLarge("The draft is %d bytes; drafts are kept up to %d bytes (1 MiB).", len(value), MaxDraftBytes)
	}
	if !utf8.ValidString(value) {
		return pln.Invalid("The draft of %q is not valid UTF-8 text.", key)
	}
	return nil
}

// CheckDraftKey reports whether key is a draft key: 1–64 bytes, each
// printable ASCII other than a space (0x21–0x7E).
func CheckDraftKey(key string) error {
	if key == "" {
		return pln.Invalid("A draft needs a key (an entry id, or \"new\").")
	}
	if len(key) > MaxDraftKeyLen {
		return pln.Invalid("The draft key is %d bytes; the limit is %d.", len(key), MaxDraftKeyLen)
	}
	for i := 0; i < len(key); i++ {
		if c := key[i]; c < 0x21 || c > 0x7E {
			return pln.Invalid("The draft key %q may hold only printable ASCII without spaces.", key)
		}
	}
	return nil
}

// PutDraft keeps value as the draft of key, replacing any draft it had.
// CheckDraft's rules apply; a new key when MaxDrafts drafts are kept, or a
// value that takes all drafts over MaxDraftsBytes, is pln.TooLarge and
// nothing is written. Not logged: no step, no undo.
func (tx *Tx) PutDraft(key, value string) error {
	if err := CheckDraft(key, value); err != nil {
		return err
	}
	k := draftKey(key)
	count, total, old, err := tx.draftSizes(k)
	if err != nil {
		return err
	}
	if old < 0 && count >= MaxDrafts {
		return pln.TooLarge("%d unsaved drafts are kept already, the most there can be; save or discard one first.", count)
	}
	if old < 0 {
		old = 0
	}
	if n := total - old + int64(len(value)); n > MaxDraftsBytes {
		return pln.TooLarge("All unsaved drafts together would be %d bytes; they are kept up to %d bytes (16 MiB). Save or discard some first.", n, MaxDraftsBytes)
	}
	v := make([]byte, 0, 1+len(value))
	v = append(v, encDraftV1)
	v = append(v, value...)
	return tx.set(k, v)
}

// draftSizes counts the drafts and their text bytes, and returns the size
// of the draft under k (-1 when there is none), from the keys and value
// sizes alone. Badger's size of a value kept in the value log is close, not
// exact (a few bytes of header are estimated); the limit is a bound, not an
// accounting.
func (tx *Tx) draftSizes(k []byte) (count int, total, old int64, err error) {
	old = -1
	p := []byte{tagDraft}
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: p})
	defer it.Close()
	for it.Seek(p); it.ValidForPrefix(p); it.Next() {
		n := max(it.Item().ValueSize()-1, 0) // less the marker
		count++
		total += n
		if string(it.Item().Key()) == string(k) {
			old = n
		}
	}
	return count, total, old, nil
}

// DeleteDraft removes key's draft; a key without one is no error.
func (tx *Tx) DeleteDraft(key string) error {
	if err := CheckDraftKey(key); err != nil {
		return err
	}
	k := draftKey(key)
	if _, err := tx.txn.Get(k); errors.Is(err, badger.ErrKeyNotFound) {
		return nil
	} else if err != nil {
		return fmt.Errorf("store: get key %x: %w", k, err)
	}
	return tx.del(k)
}

// Drafts returns every kept draft, key → text (empty, never nil, when
// there are none).
func (tx *Tx) Drafts() (map[string]string, error) {
	out := map[string]string{}
	p := []byte{tagDraft}
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: p, PrefetchValues: true, PrefetchSize: 20})
	defer it.Close()
	for it.Seek(p); it.ValidForPrefix(p); it.Next() {
		item := it.Item()
		err := item.Value(func(b []byte) error {
			if len(b) == 0 || b[0] != encDraftV1 {
				var m byte
				if len(b) > 0 {
					m = b[0]
				}
				return fmt.Errorf("store: draft %q: value encoding 0x%02x is not known (want 0x%02x)", item.Key()[1:], m, encDraftV1)
			}
			out[string(item.Key()[1:])] = string(b[1:])
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// keepDrafts reads every draft before DropAll and returns a function that
// writes them back afterwards, one transaction each (drafts under Badger's
// value threshold count whole against a transaction's size limit, so 16 MiB
// of them do not fit one). Drafts are scratch: when they cannot be read
// (a damaged store being replaced) or written back, they are dropped with
// a warning, and the restore goes on.
func (s *Store) keepDrafts() (putBack func()) {
	var ds map[string]string
	if err := s.View(func(tx *Tx) error {
		var err error
		ds, err = tx.Drafts()
		return err
	}); err != nil {
		s.log.Warn("store: the journal drafts could not be read; drop all drops them", "err", err)
		return func() {}
	}
	return func() {
		for k, v := range ds {
			err := s.Update(func(tx *Tx) error { return tx.set(draftKey(k), append([]byte{encDraftV1}, v...)) })
			if err != nil {
				s.log.Warn("store: a journal draft could not be kept over drop all", "err", err)
				return
			}
		}
	}
}
