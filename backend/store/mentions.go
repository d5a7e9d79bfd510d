package store

import (
	"time"

	"github.com/dgraph-io/badger/v4"
)

// MentionStats calls fn once for every node that some journal entry links,
// in node-id order, with how many entries link it and the newest
// occurredAt among them. It reads only the mention index (0x23) keys,
// never a value, so it costs one key-only scan of one key per (entry,
// linked node). Nodes hidden by an unpublished import are included:
// callers keep the nodes they show.
func (tx *Tx) MentionStats(fn func(nodeID string, count int, last time.Time) error) error {
	return tx.mentionStats([]byte{tagMention}, fn)
}

// NodeMentionStats is MentionStats for one node: how many entries link
// node id and the newest occurredAt among them (count 0: none).
func (tx *Tx) NodeMentionStats(id string) (count int, last time.Time, err error) {
	b, err := idBytes("node", id)
	if err != nil {
		return 0, time.Time{}, err
	}
	err = tx.mentionStats(key([]byte{tagMention}, b[:]), func(_ string, n int, t time.Time) error {
		count, last = n, t
		return nil
	})
	return count, last, err
}

func (tx *Tx) mentionStats(p []byte, fn func(nodeID string, count int, last time.Time) error) error {
	it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: p})
	defer it.Close()
	const nodeEnd, timeEnd = 1 + idLen, 1 + idLen + timeLen
	var cur [idLen]byte
	var last time.Time
	count := 0
	flush := func() error {
		if count == 0 {
			return nil
		}
		return fn(idString(cur[:]), count, last)
	}
	for it.Seek(p); it.ValidForPrefix(p); it.Next() {
		k := it.Item().Key()
		if len(k) != timeEnd+idLen {
			continue // not the layout SCHEMA.md gives: never written
		}
		if count > 0 && [idLen]byte(k[1:nodeEnd]) != cur {
			if err := flush(); err != nil {
				return err
			}
			count = 0
		}
		cur = [idLen]byte(k[1:nodeEnd])
		count++
		last = timeFromKey(k[nodeEnd:timeEnd]) // keys of one node go oldest first
	}
	return flush()
}
