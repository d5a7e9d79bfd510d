//go:build unix

package service

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// TestSoak is an hour of use compressed: at 10,000 nodes and 50,000 ties,
// one gesture per simulated second (moves, renames, ties made and undone,
// nodes added and deleted, undo/redo) and a journal autosave every 5
// simulated seconds (a new entry every 5 minutes), with the value-log GC
// the store runs every 10 minutes, on the production store options
// (SyncWrites on). Every call must succeed; after each simulated 10
// minutes the live heap (after runtime.GC) and the store's size on disk
// are sampled: the heap must stay flat (≤ its size after loading + 32 MiB) and
// the store bounded (≤ 3× its size after loading). Not part of `make
// test`: `make soak` (PLEXUS_SOAK=1) runs it; the figures go to
// docs/reliability.md.
func TestSoak(t *testing.T) {
	if os.Getenv("PLEXUS_SOAK") == "" {
		t.Skip("the soak runs with PLEXUS_SOAK=1 (make soak)")
	}
	const seconds = 3600
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, "db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	nodes, ties := benchNetwork(sizeLarge)
	if err := st.Load(nodes, ties, benchEntries(nodes, 2000, 10), nil); err != nil {
		t.Fatal(err)
	}
	clk := &clock{t: time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)}
	svc, err := New(Deps{Store: st, DataDir: dir, Now: clk.now})
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(3, 4))
	alters := make([]string, 0, len(nodes))
	for _, n := range nodes[1:] {
		alters = append(alters, n.ID)
	}
	pick := func() string { return alters[r.IntN(len(alters))] }
	entry, err := svc.Journal.CreateEntry(pln.EntryFields{OccurredAt: clk.now(), Body: "soak", Type: pln.EntryReflection})
	if err != nil {
		t.Fatal(err)
	}
	var made []string
	start := dirSize(t, filepath.Join(dir, "db"))
	runtime.GC()
	var ms0 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	heap0 := ms0.HeapInuse
	t.Logf("after loading: heap %.1f MiB, store %.1f MiB on disk", float64(heap0)/(1<<20), float64(start)/(1<<20))
	t.Logf("%8s %10s %10s %10s", "minute", "heap MiB", "store MiB", "steps")
	for sec := 1; sec <= seconds; sec++ {
		clk.advance(time.Second)
		var err error
		switch op := r.IntN(10); {
		case op < 4:
			ps := make([]pln.Position, 1+r.IntN(5))
			for i := range ps {
				ps[i] = pln.Position{ID: pick(), X: r.Float64() * 1000, Y: r.Float64() * 1000, Pinned: true}
			}
			err = svc.Network.SetPositions(ps)
		case op < 5:
			id := pick()
			var n pln.Node
			if n, err = svc.Network.GetNode(id); err == nil {
				f := n.Fields()
				f.Label = fmt.Sprintf("Renamed %d", sec)
				_, err = svc.Network.UpdateNode(id, f)
			}
		case op < 6:
			var tie pln.Tie
			if tie, err = svc.Network.CreateTie(pln.TieFields{From: pick(), To: pick(), Relation: "knows", Strength: 3}); err == nil {
				made = append(made, tie.ID)
			} else if pln.CodeOf(err) == pln.CodeInvalid || pln.CodeOf(err) == pln.CodeConflict {
				err = nil // a self-tie or a twin: refused as it should be
			}
		case op < 7 && len(made) > 0:
			err = svc.Network.DeleteTie(made[len(made)-1])
			made = made[:len(made)-1]
		case op < 8:
			var n pln.Node
			if n, err = svc.Network.CreateNode(pln.NodeFields{Label: fmt.Sprintf("New %d", sec), Kind: pln.KindPerson}, 0, 0); err == nil && sec%2 == 0 {
				err = svc.Network.DeleteNode(n.ID)
			}
		default:
			if _, err = svc.History.Undo(); err == nil {
				_, err = svc.History.Redo()
			}
			if pln.CodeOf(err) == pln.CodeConflict || pln.CodeOf(err) == pln.CodeNotFound {
				err = nil // nothing to undo, or changed since: refused as it should be
			}
		}
		if err != nil {
			t.Fatalf("second %d: %v", sec, err)
		}
		if sec%5 == 0 {
			if sec%300 == 0 {
				entry, err = svc.Journal.CreateEntry(pln.EntryFields{OccurredAt: clk.now(), Body: "a new day", Type: pln.EntryReflection, NodeIDs: []string{pick()}})
			} else {
				_, err = svc.Journal.UpdateEntry(entry.ID, pln.EntryFields{OccurredAt: entry.OccurredAt, Body: fmt.Sprintf("typing… %d", sec), Type: pln.EntryReflection})
			}
			if err != nil {
				t.Fatalf("journal at second %d: %v", sec, err)
			}
		}
		if sec%600 == 0 {
			st.CollectGarbage()
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			steps, _, _ := st.LogStats()
			size := dirSize(t, filepath.Join(dir, "db"))
			t.Logf("%8d %10.1f %10.1f %10d", sec/60, float64(ms.HeapInuse)/(1<<20), float64(size)/(1<<20), steps)
			if ms.HeapInuse > heap0+32<<20 {
				t.Fatalf("the heap grew from %d to %d bytes", heap0, ms.HeapInuse)
			}
			if size > 3*start {
				t.Fatalf("the store grew from %d to %d bytes", start, size)
			}
		}
	}
}

// dirSize is the disk space the folder's files take (allocated blocks:
// Badger preallocates its memtable and value-log files sparsely).
func dirSize(t *testing.T, dir string) int64 {
	t.Helper()
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err == nil {
			if st, ok := info.Sys().(*syscall.Stat_t); ok {
				n += st.Blocks * 512
			} else {
				n += info.Size()
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
