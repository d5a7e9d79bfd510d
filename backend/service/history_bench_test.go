package service

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// BenchmarkHistory: the network as of a date and the difference between
// two dates at 10,000 nodes / 50,000 ties with 100,000 logged changes
// (10,000 with -short, as bench-smoke runs it), and what one gesture costs
// with a full undo list. The log is built through the services: 70 % single
// node moves, 20 % node edits (label and tags), 10 % tie edits, one step
// each, the clock advancing 5 minutes a step (so the log spans about a
// year). Reported: log_bytes/op (the log's size), bytes_per_step.
//
//	Delta_*       the date slider's fetch: what turns the shown network (at
//	              the first time) into the one at the second; records/op is
//	              how many records it sends
//	Network_now   NetworkService.Network on the same store (the current
//	              network, read whole): what the as-of figures compare with
//	AsOf_newest   the whole network one step before now (rewinds one step)
//	AsOf_middle   half way back (rewinds half the log)
//	AsOf_oldest   before the first step (rewinds every step)
//	Diff_day      what changed over the newest day (two AsOf)
//	Undo_Redo     one undo and one redo of a move (two synced commits)
//	Gesture       one SetPositions of one node with 1,000 undoable steps (one synced commit)
func BenchmarkHistory(b *testing.B) {
	changes := 100_000
	if testing.Short() {
		changes = 10_000
	}
	nodes, ties := benchNetwork(sizeLarge)
	dir := b.TempDir()
	clk := &clock{t: benchEpoch}
	st, err := store.Open(filepath.Join(dir, "db"), store.Options{NoSync: true, Clock: clk.now})
	if err != nil {
		b.Fatal(err)
	}
	if err := st.Load(nodes, ties, nil, nil); err != nil {
		b.Fatal(err)
	}
	svc, err := New(Deps{Store: st, DataDir: dir, Now: clk.now})
	if err != nil {
		b.Fatal(err)
	}
	// The log is written unsynced for speed and the store reopened synced.
	r := rand.New(rand.NewPCG(1, 2))
	var stamps []time.Time
	began := time.Now()
	for i := range changes {
		clk.advance(5 * time.Minute)
		n := nodes[1+r.IntN(len(nodes)-1)]
		switch k := r.IntN(10); {
		case k < 7:
			err = svc.Network.SetPositions([]pln.Position{{ID: n.ID, X: float64(i), Y: float64(-i)}})
		case k < 9:
			f := n.Fields()
			f.Label = fmt.Sprintf("%s (%d)", n.Label, i)
			f.Tags = append(f.Tags, fmt.Sprint("t", i%7))
			_, err = svc.Network.UpdateNode(n.ID, f)
		default:
			t := ties[r.IntN(len(ties))]
			_, err = svc.Network.UpdateTie(t.ID, pln.TieFields{Relation: t.Relation, Directed: t.Directed, Strength: 1 + i%5, Note: fmt.Sprint("note ", i)})
		}
		if err != nil {
			b.Fatal(err)
		}
		stamps = append(stamps, clk.now())
	}
	steps, logBytes, err := st.LogStats()
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("logged %d steps in %v: %d bytes of log (%.0f bytes a step)", steps, time.Since(began).Round(time.Millisecond), logBytes, float64(logBytes)/float64(steps))
	if err := st.Close(); err != nil {
		b.Fatal(err)
	}
	st, err = store.Open(filepath.Join(dir, "db"), store.Options{Clock: clk.now})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	svc, err = New(Deps{Store: st, DataDir: dir, Now: clk.now})
	if err != nil {
		b.Fatal(err)
	}
	report := func(b *testing.B) {
		b.ReportMetric(float64(logBytes), "log_bytes")
		b.ReportMetric(float64(logBytes)/float64(steps), "bytes_per_step")
	}
	asOf := func(name string, at time.Time) {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				nw, _, err := svc.History.asOf(at)
				if err != nil {
					b.Fatal(err)
				}
				if len(nw.Nodes) != len(nodes) || len(nw.Ties) != len(ties) {
					b.Fatalf("%d nodes, %d ties", len(nw.Nodes), len(nw.Ties))
				}
			}
			report(b)
		})
	}
	delta := func(name string, from, at time.Time) {
		b.Run(name, func(b *testing.B) {
			var size int
			if f := os.Getenv("DELTA_PROFILE"); f != "" {
				out, _ := os.Create(f)
				_ = pprof.StartCPUProfile(out)
				defer pprof.StopCPUProfile()
			}
			for b.Loop() {
				c, err := svc.History.asOfDelta(from, at)
				if err != nil {
					b.Fatal(err)
				}
				size = len(c.Nodes.ID) + len(c.Ties.ID) + len(c.Missing.Nodes) + len(c.Missing.Ties)
			}
			b.ReportMetric(float64(size), "records")
		})
	}
	b.Run("Network_now", func(b *testing.B) { // the same store's current network, for comparison
		for b.Loop() {
			if _, err := svc.Network.Network(); err != nil {
				b.Fatal(err)
			}
		}
	})
	now := stamps[len(stamps)-1]
	delta("Delta_now_to_day_ago", now, now.Add(-24*time.Hour))
	delta("Delta_now_to_middle", now, stamps[len(stamps)/2])
	delta("Delta_now_to_oldest", now, benchEpoch)
	delta("Delta_scrub_oldest_day", benchEpoch.Add(24*time.Hour), benchEpoch.Add(48*time.Hour))
	asOf("AsOf_newest", stamps[len(stamps)-2])
	asOf("AsOf_middle", stamps[len(stamps)/2])
	asOf("AsOf_oldest", benchEpoch)
	b.Run("Diff_day", func(b *testing.B) {
		to := stamps[len(stamps)-1]
		for b.Loop() {
			d, err := svc.History.diff(to.Add(-24*time.Hour), to)
			if err != nil {
				b.Fatal(err)
			}
			if len(d.Nodes.Changed)+len(d.Ties.Changed) == 0 {
				b.Fatal("nothing changed in a day")
			}
		}
	})
	b.Run("Undo_Redo", func(b *testing.B) {
		for b.Loop() {
			if _, err := svc.History.Undo(); err != nil {
				b.Fatal(err)
			}
			if _, err := svc.History.Redo(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Gesture", func(b *testing.B) {
		i := 0
		for b.Loop() {
			i++
			clk.advance(time.Second)
			if err := svc.Network.SetPositions([]pln.Position{{ID: nodes[1].ID, X: float64(i), Y: 1}}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
