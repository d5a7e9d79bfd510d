package store

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
)

// openTemp opens a fresh on-disk store (NoSync) in a temp dir and closes it
// at the end of the test.
func openTemp(t testing.TB) (*Store, string) {
	t.Helper()
	dir := t.TempDir()
	s, err := Open(dir, Options{NoSync: true})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s, dir
}

func reopen(t testing.TB, s *Store, dir string) *Store {
	t.Helper()
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	s2, err := Open(dir, Options{NoSync: true})
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	t.Cleanup(func() { _ = s2.Close() })
	return s2
}

var clock = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

func node(label string) pln.Node {
	return pln.Node{ID: pln.NewID(), Label: label, Kind: pln.KindPerson, CreatedAt: clock, UpdatedAt: clock}
}

func tie(from, to string) pln.Tie {
	return pln.Tie{ID: pln.NewID(), From: from, To: to, Relation: pln.RelKnows, Strength: 3, CreatedAt: clock, UpdatedAt: clock}
}

func entry(at time.Time, nodeIDs ...string) pln.Entry {
	return pln.Entry{ID: pln.NewID(), OccurredAt: at, Body: "b", NodeIDs: nodeIDs, Type: pln.EntryReflection, CreatedAt: clock, UpdatedAt: clock}
}

func mustUpdate(t testing.TB, s *Store, fn func(tx *Tx) error) {
	t.Helper()
	if err := s.Update(fn); err != nil {
		t.Fatalf("Update: %v", err)
	}
}

func putNodes(t testing.TB, s *Store, ns ...pln.Node) {
	t.Helper()
	mustUpdate(t, s, func(tx *Tx) error {
		for _, n := range ns {
			if err := tx.PutNode(n); err != nil {
				return err
			}
		}
		return nil
	})
}

// rawKV is one stored key and value, hex-encoded for readable diffs.
type rawKV struct{ K, V string }

// dump returns every key and value in the store, in key order.
func dump(t testing.TB, s *Store) []rawKV {
	t.Helper()
	out, err := tryDump(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// keysWithPrefix returns the raw keys starting with p.
func keysWithPrefix(t testing.TB, s *Store, p ...byte) [][]byte {
	t.Helper()
	var out [][]byte
	for _, kv := range dump(t, s) {
		k, _ := hex.DecodeString(kv.K)
		if bytes.HasPrefix(k, p) {
			out = append(out, k)
		}
	}
	return out
}

func hasKey(t testing.TB, s *Store, k []byte) bool {
	t.Helper()
	for _, kv := range dump(t, s) {
		if kv.K == hex.EncodeToString(k) {
			return true
		}
	}
	return false
}

func id16(id string) [idLen]byte {
	b, err := idBytes("test", id)
	if err != nil {
		panic(fmt.Sprint(err))
	}
	return b
}

func wantCode(t testing.TB, err error, code pln.Code) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want code %s", code)
	}
	if got := pln.CodeOf(err); got != code {
		t.Fatalf("got error %v (code %s), want code %s", err, got, code)
	}
}
