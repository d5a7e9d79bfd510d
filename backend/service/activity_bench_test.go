package service

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// BenchmarkActivity: the derived activity at the "stay interactive" size
// (10,000 nodes, 50,000 ties, 20,000 entries linking one to three alters
// each, every third alter with a cadence). docs/benchmarks.md, "Activity";
// docs/decisions/activity.md.
//
//	Service_cold  JournalService.Activity with nothing cached: settings,
//	              ListNodes, the mention index key-only, the computation
//	Service_afterEntry  the same after a CreateEntry (untimed): the cache
//	              re-reads the mention index and the settings
//	Service       the same with nothing committed since the last read:
//	              only the computation at the current time
//	GetAPI        GET /api/activity, nothing committed since (+ JSON); resp_bytes
//	Due           JournalService.Due (the same read, filtered and sorted)
//	Node          JournalService.NodeActivity of the hub (1,000 entries)
//	ListNodes     tx.ListNodes alone: the share of reading the nodes
//	MentionStats  tx.MentionStats alone: the share of reading the journal
func BenchmarkActivity(b *testing.B) {
	nodes, ties := benchNetwork(sizeLarge)
	for i := 1; i < len(nodes); i += 3 {
		nodes[i].Cadence = 7 + i%60
	}
	entries := benchEntries(nodes, 20_000, 20)
	e := newBenchEnv(b, nodes, ties, entries)
	// Activity at the end of the entries' three years.
	e.svc.Journal.c.now = func() time.Time { return benchEpoch.Add(3 * 365 * 24 * time.Hour) }
	b.Run("Service_cold", func(b *testing.B) {
		for b.Loop() {
			e.svc.Journal.c.act = activityCache{} // nothing cached: everything read
			if _, err := e.svc.Journal.Activity(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Service_afterEntry", func(b *testing.B) {
		at := benchEpoch
		for b.Loop() {
			b.StopTimer()
			at = at.Add(time.Minute)
			if _, err := e.svc.Journal.CreateEntry(pln.EntryFields{OccurredAt: at, Body: "met", NodeIDs: []string{nodes[2].ID}}); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if _, err := e.svc.Journal.Activity(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Service", func(b *testing.B) {
		for b.Loop() {
			if _, err := e.svc.Journal.Activity(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("GetAPI", func(b *testing.B) {
		req := httptest.NewRequest(http.MethodGet, "/api/activity", nil)
		var size int
		for b.Loop() {
			size = benchServe(b, e.h, req)
		}
		b.ReportMetric(float64(size), "resp_bytes")
	})
	b.Run("Due", func(b *testing.B) {
		var n int
		for b.Loop() {
			due, err := e.svc.Journal.Due()
			if err != nil {
				b.Fatal(err)
			}
			n = len(due)
		}
		b.ReportMetric(float64(n), "due_nodes")
	})
	b.Run("Node", func(b *testing.B) {
		for b.Loop() {
			if _, err := e.svc.Journal.NodeActivity(nodes[1].ID); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ListNodes", func(b *testing.B) {
		for b.Loop() {
			if err := e.st.View(func(tx *store.Tx) error { _, err := tx.ListNodes(); return err }); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("MentionStats", func(b *testing.B) {
		var keys int
		for b.Loop() {
			keys = 0
			err := e.st.View(func(tx *store.Tx) error {
				return tx.MentionStats(func(_ string, n int, _ time.Time) error { keys += n; return nil })
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(keys), "mention_keys")
	})
}
