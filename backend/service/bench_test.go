package service

// Benchmarks of the service layer and the /api/* handler at the product's
// sizes: a typical PLN (2,000 nodes, 10,000 ties) and the "stay interactive"
// size (10,000 nodes, 50,000 ties). Results and how to read them are in
// docs/benchmarks.md; `make bench` runs them for real, `make bench-smoke`
// (CI) once each with -benchtime 1x.
//
// The store is opened with the production options (SyncWrites on), so the
// write benchmarks measure what a user's gesture costs. Each size's network
// is loaded once per parent benchmark (store.Load, a WriteBatch) and shared
// by its sub-benchmarks; read benchmarks run before write benchmarks.

import (
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
	"github.com/plexus-pln/plexus/backend/synth"
)

type benchSize struct {
	name        string
	nodes, ties int
}

var (
	sizeTypical = benchSize{name: "2k_nodes_10k_ties", nodes: 2_000, ties: 10_000}
	sizeLarge   = benchSize{name: "10k_nodes_50k_ties", nodes: 10_000, ties: 50_000}
	// sizeHuge is five times the limit, for the whole-network read only
	// (BenchmarkNetworkHuge; skipped with -short).
	sizeHuge = benchSize{name: "50k_nodes_250k_ties", nodes: 50_000, ties: 250_000}
)

// benchEpoch: every record of benchNetwork was created before it.
var benchEpoch = synth.DefaultEpoch

// benchNetwork returns the synthetic network of size sz (backend/synth,
// seed 1): nodes[0] is the ego, the alters are clustered into communities
// with most ties inside them; deterministic for a given size, ids included.
func benchNetwork(sz benchSize) ([]pln.Node, []pln.Tie) {
	nw, err := synth.Generate(synth.Options{Nodes: sz.nodes, Ties: sz.ties, Seed: 1})
	if err != nil {
		panic(err) // the sizes above are valid
	}
	return nw.Nodes, nw.Ties
}

// benchEntries returns n journal entries spread over three years, each
// linking one to three of nodes' alters; every hubEvery-th also links
// nodes[1] (the hub).
func benchEntries(nodes []pln.Node, n, hubEvery int) []pln.Entry {
	r := rand.New(rand.NewPCG(7, uint64(n)))
	body := strings.Repeat("Read a chapter on spaced repetition and tried it on my **Go** notes. ", 4)
	out := make([]pln.Entry, n)
	for i := range out {
		at := benchEpoch.Add(time.Duration(r.IntN(3*365*24)) * time.Hour)
		var ids []string
		for k := 0; k < 1+i%3; k++ {
			ids = append(ids, nodes[2+r.IntN(len(nodes)-2)].ID)
		}
		if hubEvery > 0 && i%hubEvery == 0 {
			ids = append(ids, nodes[1].ID)
		}
		out[i] = pln.Entry{ID: pln.NewID(), OccurredAt: at, Body: body, NodeIDs: ids, Tags: []string{"reading"},
			Type: pln.EntryTypes[i%len(pln.EntryTypes)], CreatedAt: at, UpdatedAt: at}
	}
	return out
}

type benchEnv struct {
	st    *store.Store
	svc   *Services
	h     http.Handler
	nodes []pln.Node
}

// newBenchEnv opens a store in a temp dir with the production options, bulk
// loads the records and builds the services.
func newBenchEnv(b *testing.B, nodes []pln.Node, ties []pln.Tie, entries []pln.Entry) *benchEnv {
	b.Helper()
	dir := b.TempDir()
	st, err := store.Open(filepath.Join(dir, "db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = st.Close() })
	if err := st.Load(nodes, ties, entries, nil); err != nil {
		b.Fatal(err)
	}
	svc, err := New(Deps{Store: st, DataDir: dir})
	if err != nil {
		b.Fatal(err)
	}
	return &benchEnv{st: st, svc: svc, h: NewHandler(svc, nil), nodes: nodes}
}

// benchWriter is an http.ResponseWriter that keeps only the byte count,
// so the handler benchmarks measure the handler, not a recorder's buffer.
type benchWriter struct {
	hdr    http.Header
	status int
	n      int
}

func (w *benchWriter) Header() http.Header         { return w.hdr }
func (w *benchWriter) WriteHeader(s int)           { w.status = s }
func (w *benchWriter) Write(p []byte) (int, error) { w.n += len(p); return len(p), nil }

// benchServe runs one request through h and returns the body size; it fails the
// benchmark unless the status is 200.
func benchServe(b *testing.B, h http.Handler, req *http.Request) int {
	w := &benchWriter{hdr: http.Header{}, status: http.StatusOK}
	h.ServeHTTP(w, req)
	if w.status != http.StatusOK {
		b.Fatalf("%s: status %d", req.URL, w.status)
	}
	return w.n
}

// BenchmarkNetwork: reading and serving the whole network, then the write
// gestures, at the typical and the large size.
//
//	Service      NetworkService.Network (one View: ListNodes + ListTies)
//	Encode       Columnar + json.Marshal of an already-read network
//	GetAPI       GET /api/network through the handler (read + encode);
//	             resp_bytes is the response size
//	GetAPI_afterMove  a one-node SetPositions, then GET /api/network
//	GetAPI_afterLayout  SetPositions of every node, then GET /api/network
//	GetAPI_subset  GET /api/network?node=…&tie=… with one node and five of
//	             its ties (what the UI fetches after a gesture)
//	CreateNode   one CreateNode gesture (one synced commit)
//	SetPositions_all  SetPositions of every node's position in one call
//	SetPositions_5000 the same with the first 5,000 nodes (large size only)
func BenchmarkNetwork(b *testing.B) {
	for _, sz := range []benchSize{sizeTypical, sizeLarge} {
		b.Run(sz.name, func(b *testing.B) {
			nodes, ties := benchNetwork(sz)
			e := newBenchEnv(b, nodes, ties, nil)

			b.Run("Service", func(b *testing.B) { benchService(b, e, sz) })

			b.Run("Encode", func(b *testing.B) {
				nw, err := e.svc.Network.Network()
				if err != nil {
					b.Fatal(err)
				}
				var size int
				for b.Loop() {
					w := &benchWriter{hdr: http.Header{}}
					(&apiHandler{s: e.svc, log: e.svc.Network.c.log}).writeJSON(w, http.StatusOK, Columnar(nw))
					size = w.n
				}
				b.ReportMetric(float64(size), "resp_bytes")
			})

			b.Run("GetAPI", func(b *testing.B) {
				benchGetAPI(b, e)
			})

			// A one-node move, then the whole network: the full read that
			// follows a write (a layout stop of more than 500 nodes, an
			// import, a failed partial read) cannot be served from anything
			// read before the write.
			b.Run("GetAPI_afterMove", func(b *testing.B) {
				benchGetAfterMove(b, e)
			})

			// A layout stop (every node moved in one SetPositions), then the
			// whole network: what the UI reads after a layout stop of more
			// than 500 nodes.
			b.Run("GetAPI_afterLayout", func(b *testing.B) {
				req := httptest.NewRequest(http.MethodGet, "/api/network", nil)
				ps := make([]pln.Position, len(e.nodes))
				round := 0
				for b.Loop() {
					round++
					for i, nd := range e.nodes {
						ps[i] = pln.Position{ID: nd.ID, X: nd.X + float64(round%7), Y: nd.Y - float64(round%5), Pinned: nd.Pinned}
					}
					if err := e.svc.Network.SetPositions(ps); err != nil {
						b.Fatal(err)
					}
					benchServe(b, e.h, req)
				}
			})

			// One node and five of its ties: what the UI fetches after a
			// gesture (network:changed names the ids) instead of GetAPI.
			b.Run("GetAPI_subset", func(b *testing.B) {
				hub := ties[0].From // an end of the first tie with five ties or more
				for _, x := range ties {
					if degree(ties, x.From) >= 5 {
						hub = x.From
						break
					}
				}
				q := url.Values{"node": {hub}}
				for _, x := range ties {
					if len(q["tie"]) < 5 && (x.From == hub || x.To == hub) {
						q.Add("tie", x.ID)
					}
				}
				if len(q["tie"]) != 5 {
					b.Fatalf("node %s has %d ties", hub, len(q["tie"]))
				}
				req := httptest.NewRequest(http.MethodGet, "/api/network?"+q.Encode(), nil)
				var size int
				for b.Loop() {
					size = benchServe(b, e.h, req)
				}
				b.SetBytes(int64(size))
				b.ReportMetric(float64(size), "resp_bytes")
			})

			b.Run("CreateNode", func(b *testing.B) {
				i := 0
				for b.Loop() {
					i++
					f := pln.NodeFields{Label: "New " + strconv.Itoa(i), Kind: pln.KindPerson, Relation: pln.RelKnows, Strength: 3}
					if _, err := e.svc.Network.CreateNode(f, float64(i), float64(-i)); err != nil {
						b.Fatal(err)
					}
				}
			})

			// Every node's position in one call (a layout stop saves them all).
			b.Run("SetPositions_all", func(b *testing.B) {
				benchSetPositions(b, e, len(e.nodes))
			})
			if len(e.nodes) > 5_000 {
				b.Run("SetPositions_5000", func(b *testing.B) {
					benchSetPositions(b, e, 5_000)
				})
			}
		})
	}
}

// BenchmarkNetworkHuge: the whole-network reads of BenchmarkNetwork at
// 50,000 nodes and 250,000 ties (Service, GetAPI, GetAPI_afterMove; no
// layout stop: a layout stop
// of 50,000 positions is over one transaction's limit). Skipped with -short
// (loading the store takes ~10 s here).
// benchService reads the whole network through NetworkService.Network (the store read).
func benchService(b *testing.B, e *benchEnv, sz benchSize) {
	for b.Loop() {
		nw, err := e.svc.Network.Network()
		if err != nil {
			b.Fatal(err)
		}
		if len(nw.Nodes) != sz.nodes || len(nw.Ties) != sz.ties {
			b.Fatalf("read %d nodes, %d ties", len(nw.Nodes), len(nw.Ties))
		}
	}
}

func BenchmarkNetworkHuge(b *testing.B) {
	if testing.Short() {
		b.Skip("50k/250k: not with -short")
	}
	sz := sizeHuge
	b.Run(sz.name, func(b *testing.B) {
		nodes, ties := benchNetwork(sz)
		e := newBenchEnv(b, nodes, ties, nil)
		b.Run("Service", func(b *testing.B) { benchService(b, e, sz) })
		b.Run("GetAPI", func(b *testing.B) {
			benchGetAPI(b, e)
		})
		b.Run("GetAPI_afterMove", func(b *testing.B) {
			benchGetAfterMove(b, e)
		})
	})
}

// benchGetAPI: GET /api/network of an unchanged network, after one GET
// outside the timing (the app reads the network once at start:
// Services.WarmNetwork). cache_MB is the heap the network cache holds (the
// live heap after a GC with the cache filled, less the same with it
// emptied).
func benchGetAPI(b *testing.B, e *benchEnv) {
	req := httptest.NewRequest(http.MethodGet, "/api/network", nil)
	benchServe(b, e.h, req)
	full := liveHeap()
	nc := &e.svc.Network.c.net
	nc.mu.Lock()
	nc.reset()
	nc.mu.Unlock()
	cache := full - liveHeap()
	size := benchServe(b, e.h, req)
	for b.Loop() {
		size = benchServe(b, e.h, req)
	}
	b.SetBytes(int64(size))
	b.ReportMetric(float64(size), "resp_bytes")
	b.ReportMetric(float64(cache)/(1<<20), "cache_MB")
}

// liveHeap is the heap in use after a garbage collection, in bytes.
func liveHeap() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

// benchGetAfterMove: one node moved (one synced SetPositions), then
// GET /api/network: the whole-network read that follows a write.
func benchGetAfterMove(b *testing.B, e *benchEnv) {
	req := httptest.NewRequest(http.MethodGet, "/api/network", nil)
	n := e.nodes[len(e.nodes)/2]
	round := 0
	for b.Loop() {
		round++
		if err := e.svc.Network.SetPositions([]pln.Position{{ID: n.ID, X: n.X + float64(round%7), Y: n.Y}}); err != nil {
			b.Fatal(err)
		}
		benchServe(b, e.h, req)
	}
}

// benchSetPositions moves the first n nodes in one SetPositions call per
// iteration. It writes only the nodes' 18-byte position keys (store schema
// 2), so every node of the 10k network fits one transaction (it was
// too_large above ~8,600 nodes while positions lived in the node records;
// docs/benchmarks.md).
func benchSetPositions(b *testing.B, e *benchEnv, n int) {
	ps := make([]pln.Position, n)
	round := 0
	for b.Loop() {
		round++
		for i, nd := range e.nodes[:n] {
			ps[i] = pln.Position{ID: nd.ID, X: nd.X + float64(round%7), Y: nd.Y - float64(round%5), Pinned: nd.Pinned}
		}
		if err := e.svc.Network.SetPositions(ps); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n), "positions/op")
}

// BenchmarkJournal: GET /api/journal pages of 50 with 10,000 entries on the
// typical network. FirstPage is the journal view opening; DeepPage follows a
// cursor 100 pages in; Node is the side panel's "entries about this node"
// (the hub node is linked by 500 entries); Month is a one-month date range.
func BenchmarkJournal(b *testing.B) {
	b.Run("10k_entries", func(b *testing.B) {
		nodes, ties := benchNetwork(sizeTypical)
		entries := benchEntries(nodes, 10_000, 20)
		e := newBenchEnv(b, nodes, ties, entries)

		// The cursor of page 101 (entries 5,000–5,049).
		var cursor string
		for range 100 {
			p, err := e.svc.Journal.ListEntries(EntryQuery{Limit: 50, Cursor: cursor})
			if err != nil || p.Next == "" {
				b.Fatalf("paging: %v (next %q)", err, p.Next)
			}
			cursor = p.Next
		}
		cases := []struct{ name, query string }{
			{"FirstPage", "limit=50"},
			{"DeepPage", "limit=50&cursor=" + cursor},
			{"Node", "limit=50&node=" + nodes[1].ID},
			{"Month", "limit=50&from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z"},
		}
		for _, c := range cases {
			b.Run(c.name, func(b *testing.B) {
				req := httptest.NewRequest(http.MethodGet, "/api/journal?"+c.query, nil)
				var size int
				for b.Loop() {
					size = benchServe(b, e.h, req)
				}
				b.SetBytes(int64(size))
				b.ReportMetric(float64(size), "resp_bytes")
			})
		}
	})
}

// BenchmarkImportOPML: importing the 207-feed (205 distinct) NetNewsWire subscription list
// (parse, stage in chunks, publish) into a store holding only the ego, and
// into the typical network. Each iteration gets a fresh store (untimed).
func BenchmarkImportOPML(b *testing.B) {
	data, err := os.ReadFile("../interchange/testdata/opml/netnewswire_Subs.opml")
	if err != nil {
		b.Fatal(err)
	}
	typicalNodes, typicalTies := benchNetwork(sizeTypical)
	for _, c := range []struct {
		name  string
		nodes []pln.Node
		ties  []pln.Tie
	}{
		{"207_feeds/into_empty", nil, nil},
		{"207_feeds/into_2k_network", typicalNodes, typicalTies},
	} {
		b.Run(c.name, func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				dir, err := os.MkdirTemp(b.TempDir(), "import")
				if err != nil {
					b.Fatal(err)
				}
				st, err := store.Open(filepath.Join(dir, "db"), store.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if c.nodes != nil {
					if err := st.Load(c.nodes, c.ties, nil, nil); err != nil {
						b.Fatal(err)
					}
				}
				svc, err := New(Deps{Store: st, DataDir: dir})
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				res, err := svc.Files.ImportFile("netnewswire_Subs.opml", data)
				b.StopTimer()
				if err != nil {
					b.Fatal(err)
				}
				if res.Nodes != 205 {
					b.Fatalf("imported %d nodes, want 205", res.Nodes)
				}
				if err := st.Close(); err != nil {
					b.Fatal(err)
				}
				_ = os.RemoveAll(dir)
				b.StartTimer()
			}
		})
	}
}

// degree counts the ties at node id.
func degree(ties []pln.Tie, id string) int {
	n := 0
	for _, x := range ties {
		if x.From == id || x.To == id {
			n++
		}
	}
	return n
}
