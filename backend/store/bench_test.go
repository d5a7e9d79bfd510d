package store

import (
	"fmt"
	"testing"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/synth"
)

// network10k returns the synthetic 10k-node / 50k-tie network of
// backend/synth (seed 1): one ego, clustered alters, every kind.
func network10k() ([]pln.Node, []pln.Tie) {
	nw, err := synth.Generate(synth.Options{Nodes: 10_000, Ties: 50_000, Seed: 1})
	if err != nil {
		panic(err)
	}
	return nw.Nodes, nw.Ties
}

// BenchmarkLoad10k: a restore of 10k nodes and 50k ties into a fresh
// on-disk store with SyncWrites on.
func BenchmarkLoad10k(b *testing.B) {
	nodes, ties := network10k()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		s, err := Open(b.TempDir(), Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := s.Load(nodes, ties, nil, nil); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}

// BenchmarkListNetwork10k: ListNodes + ListTies in one View at 10k/50k.
func BenchmarkListNetwork10k(b *testing.B) {
	s, _ := openTemp(b)
	nodes, ties := network10k()
	if err := s.Load(nodes, ties, nil, nil); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		err := s.View(func(tx *Tx) error {
			ns, err := tx.ListNodes()
			if err != nil {
				return err
			}
			ts, err := tx.ListTies()
			if err != nil {
				return err
			}
			if len(ns) != len(nodes) || len(ts) != len(ties) {
				b.Fatalf("listed %d nodes, %d ties", len(ns), len(ts))
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPutNodeSync: one node per Update with SyncWrites on (the cost of
// one confirmed gesture).
func BenchmarkPutNodeSync(b *testing.B) {
	s, err := Open(b.TempDir(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ResetTimer()
	for i := range b.N {
		n := node(fmt.Sprintf("n%d", i))
		if err := s.Update(func(tx *Tx) error { return tx.PutNode(n) }); err != nil {
			b.Fatal(err)
		}
	}
}

// tables10k is a closed on-disk store with 10k nodes and 50k ties, all in
// table files (Close flushes the memtable).
func tables10k(b *testing.B) string {
	b.Helper()
	dir := b.TempDir()
	s, err := Open(dir, Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	nodes, ties := network10k()
	if err := s.Load(nodes, ties, nil, nil); err != nil {
		b.Fatal(err)
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkInspect10k: the folder checks Open runs before Badger (every
// table's checksums) on the 10k/50k store.
func BenchmarkInspect10k(b *testing.B) {
	dir := tables10k(b)
	b.ResetTimer()
	for range b.N {
		h, err := Inspect(dir)
		if err != nil || !h.OK() || h.Tables == 0 {
			b.Fatalf("%+v %v", h, err)
		}
	}
}

// BenchmarkListNetworkTables10k: ListNodes + ListTies from table files,
// with block checksums verified on read (production) and without, each
// on a freshly opened store (cold block cache) per iteration.
func BenchmarkListNetworkTables10k(b *testing.B) {
	dir := tables10k(b)
	for _, off := range []bool{false, true} {
		name := "verify"
		if off {
			name = "noverify"
		}
		b.Run(name, func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				s, err := Open(dir, Options{NoSync: true, noBlockChecksums: off})
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				err = s.View(func(tx *Tx) error {
					ns, err := tx.ListNodes()
					if err == nil && len(ns) != 10_000 {
						b.Fatalf("%d nodes", len(ns))
					}
					if err != nil {
						return err
					}
					_, err = tx.ListTies()
					return err
				})
				b.StopTimer()
				if err != nil {
					b.Fatal(err)
				}
				_ = s.Close()
				b.StartTimer()
			}
		})
	}
}
