package store

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"github.com/dgraph-io/badger/v4"

	"github.com/plexus-pln/plexus/backend/pln"
)

func (tx *Tx) getEntryRaw(id [idLen]byte) (pln.Entry, bool, error) {
	var e pln.Entry
	ok, err := tx.getRecord(recordKey(tagEntry, id), &e)
	return e, ok, err
}

// entryIndexKeys are e's nil-valued index keys: entry-by-date and one
// mention key per linked node.
func entryIndexKeys(e pln.Entry) ([][]byte, error) {
	id, err := idBytes("entry", e.ID)
	if err != nil {
		return nil, err
	}
	ks := [][]byte{entryDateKey(e.OccurredAt, id)}
	for _, n := range e.NodeIDs {
		nb, err := idBytes("linked node", n)
		if err != nil {
			return nil, err
		}
		ks = append(ks, mentionKey(nb, e.OccurredAt, id))
	}
	return ks, nil
}

// visibleEntry returns e with NodeIDs filtered to visible nodes.
func (tx *Tx) visibleEntry(e pln.Entry) (pln.Entry, error) {
	if len(e.NodeIDs) == 0 {
		return e, nil
	}
	ids := make([]string, 0, len(e.NodeIDs))
	for _, n := range e.NodeIDs {
		b, err := idBytes("linked node", n)
		if err != nil {
			continue
		}
		vis, err := tx.nodeVisible(b)
		if err != nil {
			return pln.Entry{}, err
		}
		if vis {
			ids = append(ids, n)
		}
	}
	if len(ids) == 0 {
		ids = nil
	}
	e.NodeIDs = ids
	return e, nil
}

// GetEntry returns entry id, its NodeIDs limited to visible nodes. Missing:
// pln.NotFound.
func (tx *Tx) GetEntry(id string) (pln.Entry, error) {
	b, err := idBytes("entry", id)
	if err != nil {
		return pln.Entry{}, err
	}
	e, ok, err := tx.getEntryRaw(b)
	if err != nil {
		return pln.Entry{}, err
	}
	if !ok {
		return pln.Entry{}, pln.NotFound("No journal entry with id %s.", id)
	}
	return tx.visibleEntry(e)
}

// PutEntry inserts e or replaces the entry with e.ID, keeping its
// entry-by-date and mention keys in step (old keys computed from the stored
// value). Every id in e.NodeIDs must be a visible node (pln.Invalid naming
// it). Ids must be canonical UUIDs (pln.Invalid). PutEntry sets no times.
func (tx *Tx) PutEntry(e pln.Entry) error {
	id, err := idBytes("entry", e.ID)
	if err != nil {
		return err
	}
	for _, n := range e.NodeIDs {
		b, err := idBytes("linked node", n)
		if err != nil {
			return err
		}
		vis, err := tx.nodeVisible(b)
		if err != nil {
			return err
		}
		if !vis {
			return pln.Invalid("The entry links node %s, which does not exist.", n)
		}
	}
	old, found, err := tx.getEntryRaw(id)
	if err != nil {
		return err
	}
	return tx.writeEntry(id, old, found, e)
}

func (tx *Tx) writeEntry(id [idLen]byte, old pln.Entry, found bool, e pln.Entry) error {
	if err := reindex(tx, entryIndexKeys, old, found, e); err != nil {
		return err
	}
	return tx.putRecord(recordKey(tagEntry, id), e)
}

// DeleteEntry deletes entry id and its index keys. Missing: pln.NotFound.
func (tx *Tx) DeleteEntry(id string) error {
	b, err := idBytes("entry", id)
	if err != nil {
		return err
	}
	e, ok, err := tx.getEntryRaw(b)
	if err != nil {
		return err
	}
	if !ok {
		return pln.NotFound("No journal entry with id %s.", id)
	}
	have, err := entryIndexKeys(e)
	if err != nil {
		return err
	}
	if err := tx.replaceIndexKeys(have, nil); err != nil {
		return err
	}
	return tx.del(recordKey(tagEntry, b))
}

// EntriesByDate returns up to limit entries (limit <= 0: all) with
// from <= OccurredAt < to, newest OccurredAt first (ties broken by newest
// id). A zero from or to leaves that side unbounded. cursor is "" for the
// first page, else the next value an earlier call returned; next is "" when
// there is nothing more. A malformed cursor is pln.Invalid. Entries come
// with NodeIDs limited to visible nodes.
func (tx *Tx) EntriesByDate(from, to time.Time, limit int, cursor string) (entries []pln.Entry, next string, err error) {
	prefix := []byte{tagEntryDate}
	start := prefixEnd(prefix)
	if !to.IsZero() {
		tk := timeKey(to)
		start = key(prefix, tk[:])
	}
	if cursor != "" {
		tk, id, err := decodeCursor(tagEntryDate, cursor)
		if err != nil {
			return nil, "", err
		}
		if c := key(prefix, tk, id); bytes.Compare(c, start) < 0 {
			start = c
		}
	}
	return tx.entriesDescending(tagEntryDate, prefix, start, from, limit)
}

// EntriesByNode returns the entries that link nodeID, newest OccurredAt
// first, through the mention index; limit, cursor and next as in
// EntriesByDate. A missing or invisible node is pln.NotFound.
func (tx *Tx) EntriesByNode(nodeID string, limit int, cursor string) (entries []pln.Entry, next string, err error) {
	b, err := idBytes("node", nodeID)
	if err != nil {
		return nil, "", err
	}
	vis, err := tx.nodeVisible(b)
	if err != nil {
		return nil, "", err
	}
	if !vis {
		return nil, "", pln.NotFound("No node with id %s.", nodeID)
	}
	prefix := key([]byte{tagMention}, b[:])
	start := prefixEnd(prefix)
	if cursor != "" {
		tk, id, err := decodeCursor(tagMention, cursor)
		if err != nil {
			return nil, "", err
		}
		start = key(prefix, tk, id)
	}
	return tx.entriesDescending(tagMention, prefix, start, time.Time{}, limit)
}

// entriesDescending walks index keys prefix | timeKey | entryID backwards
// from start (inclusive), stopping before times earlier than from.
func (tx *Tx) entriesDescending(tag byte, prefix, start []byte, from time.Time, limit int) ([]pln.Entry, string, error) {
	var fromKey []byte
	if !from.IsZero() {
		tk := timeKey(from)
		fromKey = tk[:]
	}
	type ref struct{ tk, id []byte }
	var refs []ref
	next := ""
	err := func() error {
		it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: prefix, Reverse: true})
		defer it.Close()
		for it.Seek(start); it.ValidForPrefix(prefix); it.Next() {
			k := it.Item().KeyCopy(nil)
			rest := k[len(prefix):]
			if len(rest) != timeLen+idLen {
				continue
			}
			tk, id := rest[:timeLen], rest[timeLen:]
			if fromKey != nil && bytes.Compare(tk, fromKey) < 0 {
				break
			}
			if limit > 0 && len(refs) == limit {
				next = encodeCursor(tag, tk, id)
				break
			}
			refs = append(refs, ref{tk, id})
		}
		return nil
	}()
	if err != nil {
		return nil, "", err
	}
	out := make([]pln.Entry, 0, len(refs))
	for _, r := range refs {
		var id [idLen]byte
		copy(id[:], r.id)
		e, ok, err := tx.getEntryRaw(id)
		if err != nil {
			return nil, "", err
		}
		if !ok {
			continue // a stale index key; a later write of the entry's keys removes it
		}
		if e, err = tx.visibleEntry(e); err != nil {
			return nil, "", err
		}
		out = append(out, e)
	}
	return out, next, nil
}

// EntryTimes calls fn with the OccurredAt (UTC) of every entry with
// from <= OccurredAt < to, oldest first, reading only the entry-by-date
// index keys (no entry is decoded); a key whose entry record is missing (a
// stale key) is skipped. from and to must not be zero. An error from fn
// stops the walk and is returned.
func (tx *Tx) EntryTimes(from, to time.Time, fn func(time.Time) error) error {
	prefix := []byte{tagEntryDate}
	fk, tk := timeKey(from), timeKey(to)
	end := key(prefix, tk[:])
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
	defer it.Close()
	for it.Seek(key(prefix, fk[:])); it.ValidForPrefix(prefix); it.Next() {
		k := it.Item().Key()
		if bytes.Compare(k, end) >= 0 {
			break
		}
		rest := k[len(prefix):]
		if len(rest) != timeLen+idLen {
			continue
		}
		var id [idLen]byte
		copy(id[:], rest[timeLen:])
		if _, err := tx.txn.Get(recordKey(tagEntry, id)); errors.Is(err, badger.ErrKeyNotFound) {
			continue
		} else if err != nil {
			return fmt.Errorf("store: get entry %x: %w", id, err)
		}
		if err := fn(timeFromKey(rest[:timeLen])); err != nil {
			return err
		}
	}
	return nil
}
