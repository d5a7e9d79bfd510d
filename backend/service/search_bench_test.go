package service

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/search"
)

// searchVocabulary is what the benchmark's entries are written in: common
// English words and the words of a learner's notes, drawn with a Zipf
// distribution (s = 1.1) so that a few words are in most entries and most
// words in a few, as in real text.
var searchVocabulary = strings.Fields(`
the a to of and in I it that was for on with my about read learned learning
notes chapter talk meeting call idea ideas question answer book paper article
video podcast course lesson practice practised practising tried trying graph
graphs network networks tie ties strength weak strong community communities
mentor mentoring colleague friend teacher student students project projects
review reviewed reviewing spaced repetition memory recall retrieval flashcards
go rust python golang compiler compilers parser parsing grammar types typed
systems distributed consensus raft paxos database databases index indexing
search stemming tokenizer query queries latency throughput benchmark benchmarks
design designs interface interfaces pattern patterns refactor refactoring test
tests testing bug bugs fix fixed debugging profile profiling memory allocation
garbage collector scheduler goroutine goroutines channel channels mutex lock
statistics probability bayesian regression model models training inference
writing wrote essay draft drafts feedback critique critiqued revised revision
music guitar chords scales rhythm practice piano theory harmony melody
language spanish german french vocabulary conversation grammar listening
walk walking hike running swim reflection reflected reflecting goal goals
plan planned planning week month year morning evening tomorrow yesterday
because while after before again still never always often sometimes
conference workshop meetup slides demo keynote panel discussion forum thread
newsletter blog post posts feed feeds subscribe subscribed bookmark bookmarks
ego alter alters cadence reconnect dormant active context contexts kumu obsidian
lovelace turing hopper knuth dijkstra liskov hamming shannon noether curie
`)

// searchBenchEntries returns n entries over three years with bodies of 20
// to 120 words from searchVocabulary (Zipf), each linking one to three of
// nodes' alters, tagged with one or two of a dozen tags.
func searchBenchEntries(nodes []pln.Node, n int) []pln.Entry {
	r := rand.New(rand.NewPCG(11, uint64(n)))
	z := rand.NewZipf(r, 1.1, 2, uint64(len(searchVocabulary)-1))
	tags := []string{"reading", "talk", "go", "music", "language", "math", "writing", "work", "idea", "review", "course", "walk"}
	out := make([]pln.Entry, n)
	var sb strings.Builder
	for i := range out {
		sb.Reset()
		words := 20 + r.IntN(101)
		for w := range words {
			if w > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(searchVocabulary[z.Uint64()])
			if w%15 == 14 {
				sb.WriteByte('.')
			}
		}
		at := benchEpoch.Add(time.Duration(r.IntN(3*365*24)) * time.Hour)
		var ids []string
		for k := 0; k < 1+i%3; k++ {
			ids = append(ids, nodes[2+r.IntN(len(nodes)-2)].ID)
		}
		et := []string{tags[r.IntN(len(tags))]}
		if t := tags[r.IntN(len(tags))]; i%4 == 0 && t != et[0] {
			et = append(et, t)
		}
		out[i] = pln.Entry{ID: pln.NewID(), OccurredAt: at, Body: sb.String(), NodeIDs: ids, Tags: et,
			Type: pln.EntryTypes[i%len(pln.EntryTypes)], CreatedAt: at, UpdatedAt: at}
	}
	return out
}

// searchBenchQuery is one query of the mix the Query benchmark cycles through.
type searchBenchQuery struct {
	q string
	f SearchFilters
}

// searchBenchQueries: the kinds of query a user types (docs/benchmarks.md,
// "Search"): a common and a rare word, a stemmed form, a phrase, a prefix,
// a typo, several words, and the filters.
func searchBenchQueries(nodes []pln.Node) []searchBenchQuery {
	return []searchBenchQuery{
		{q: "learning"},                      // stemmed: learned, learning
		{q: "dijkstra"},                      // rare
		{q: "the"},                           // in nearly every entry
		{q: `"spaced repetition"`},           // phrase
		{q: "prof*"},                         // prefix: profile, profiling
		{q: "repetiton"},                     // one typo
		{q: "graph network tie"},             // three words
		{q: strings.ToLower(nodes[5].Label)}, // a node's label
		{q: "goroutines", f: SearchFilters{Types: []string{string(pln.EntryReflection)}}},
		{q: "music", f: SearchFilters{Tags: []string{"music"}}},
		{q: "talk", f: SearchFilters{From: benchEpoch.Add(200 * 24 * time.Hour).Format(time.DateOnly), To: benchEpoch.Add(290 * 24 * time.Hour).Format(time.DateOnly)}},
		{q: "notes", f: SearchFilters{NodeIDs: []string{nodes[7].ID}}},
		{q: "book", f: SearchFilters{Kinds: []string{search.KindEntry}, Limit: search.MaxLimit}},
	}
}

// BenchmarkSearch: full-text search (backend/search on bleve, fed by
// service/search.go) at the "stay interactive" size: 10,000 nodes, 50,000
// ties and 20,000 entries of 20–120 words (about 1.4 million words). With
// -short (make bench-smoke) 500 nodes and 1,000 entries. docs/benchmarks.md,
// "Search"; docs/decisions/search.md.
//
//	Rebuild        the whole index built from the store into an empty
//	               folder (what a missing, stale or damaged index costs at
//	               start), records/s reported
//	Query          SearchService.Search cycling through searchBenchQueries;
//	               p50_ms, p95_ms and max_ms over every query run
//	Write_indexOff JournalService.CreateEntry with the index not started
//	Write_indexOn  the same with the index running (its worker applies the
//	               step in the background while the next write runs)
//	Write_searchable  CreateEntry, then the first Search that finds it (the
//	               delay from a save to a hit)
//	Write_indexOff_again  Write_indexOff once more, the index closed, last
func BenchmarkSearch(b *testing.B) {
	sz, nEntries := sizeLarge, 20_000
	if testing.Short() {
		sz, nEntries = benchSize{name: "small", nodes: 500, ties: 1_000}, 1_000
	}
	nodes, ties := benchNetwork(sz)
	entries := searchBenchEntries(nodes, nEntries)
	e := newBenchEnv(b, nodes, ties, entries)
	at := benchEpoch.Add(4 * 365 * 24 * time.Hour)
	write := func(b *testing.B, body string) string {
		at = at.Add(time.Minute)
		en, err := e.svc.Journal.CreateEntry(pln.EntryFields{OccurredAt: at, Body: body, NodeIDs: []string{nodes[3].ID}, Type: pln.EntryReflection})
		if err != nil {
			b.Fatal(err)
		}
		return en.ID
	}

	// Before the index is started: stepped() ignores the commits.
	b.Run("Write_indexOff", func(b *testing.B) {
		for b.Loop() {
			write(b, "a plain note about spaced repetition and graphs")
		}
	})

	b.Run("Rebuild", func(b *testing.B) {
		var records int
		for b.Loop() {
			b.StopTimer()
			ix, _, err := search.Open(filepath.Join(b.TempDir(), "search"))
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if err := e.svc.Search.c.search.rebuild(ix); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			n, err := ix.Count()
			if err != nil {
				b.Fatal(err)
			}
			records = int(n)
			_ = ix.Close()
			b.StartTimer()
		}
		if records < len(nodes)+len(entries) {
			b.Fatalf("rebuilt %d records, want at least %d", records, len(nodes)+len(entries))
		}
		b.ReportMetric(float64(records)/(b.Elapsed().Seconds()/float64(b.N)), "records/s")
	})

	// Start the service's own index and wait for it to be built.
	e.svc.Search.Start()
	if _, err := e.svc.Search.Search("learning", SearchFilters{}); err != nil {
		b.Fatal(err)
	}

	b.Run("Query", func(b *testing.B) {
		qs := searchBenchQueries(nodes)
		var took []time.Duration
		each := make([][]time.Duration, len(qs))
		i := 0
		for b.Loop() {
			k := i % len(qs)
			q := qs[k]
			i++
			t0 := time.Now()
			res, err := e.svc.Search.Search(q.q, q.f)
			d := time.Since(t0)
			took = append(took, d)
			each[k] = append(each[k], d)
			if err != nil {
				b.Fatalf("%q: %v", q.q, err)
			}
			if len(res.Hits) == 0 {
				b.Fatalf("%q %+v: no hits", q.q, q.f)
			}
		}
		slices.Sort(took)
		ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
		b.ReportMetric(ms(took[len(took)/2]), "p50_ms")
		b.ReportMetric(ms(took[len(took)*95/100]), "p95_ms")
		b.ReportMetric(ms(took[len(took)-1]), "max_ms")
		for k, ds := range each {
			if len(ds) > 0 {
				slices.Sort(ds)
				b.Logf("median %6.2f ms  %q %+v", ms(ds[len(ds)/2]), qs[k].q, qs[k].f)
			}
		}
	})

	b.Run("Write_indexOn", func(b *testing.B) {
		for b.Loop() {
			write(b, "a plain note about spaced repetition and graphs")
		}
		b.StopTimer()
		// Let the worker finish before the next sub-benchmark.
		if _, err := e.svc.Search.Search("graphs", SearchFilters{}); err != nil {
			b.Fatal(err)
		}
	})

	b.Run("Write_searchable", func(b *testing.B) {
		n := 0
		for b.Loop() {
			n++
			word := fmt.Sprintf("zzmarker%dq", n)
			id := write(b, "found by "+word)
			res, err := e.svc.Search.Search(word, SearchFilters{Kinds: []string{search.KindEntry}})
			if err != nil {
				b.Fatal(err)
			}
			if !slices.ContainsFunc(res.Hits, func(h search.Hit) bool { return h.ID == id }) {
				b.Fatalf("%s: the new entry is not among %d hits", word, len(res.Hits))
			}
		}
	})

	// The index closed (its worker stopped): writes as without it, after the
	// others (so that the off/on comparison is not only first against later).
	e.svc.Search.c.search.close()
	b.Run("Write_indexOff_again", func(b *testing.B) {
		for b.Loop() {
			write(b, "a plain note about spaced repetition and graphs")
		}
	})
}
