package service

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/search"
	"github.com/plexus-pln/plexus/backend/store"
)

// SearchDir is the search index's folder inside the data folder (absent
// when the folder is encrypted: the index is then held in memory only).
const SearchDir = "search"

// EventSearchProgress: the search index is being (re)built, or finished.
// Payload: SearchProgress. Throttled to one per batch of searchChunk records.
const EventSearchProgress = pln.EventSearchProgress

// SearchProgress is the state of the search index: Building while a
// rebuild runs (Done of Total records indexed), Ready once a search is
// answered from an up-to-date index, InMemory when the data folder is
// encrypted (docs/decisions/search.md).
type SearchProgress struct {
	Building bool `json:"building"`
	Ready    bool `json:"ready"`
	Done     int  `json:"done"`
	Total    int  `json:"total"`
	InMemory bool `json:"inMemory"`
}

const searchChunk = 1000

// searchWait is how long a search waits for the index to catch up with
// the writes before it (a rebuild of a large folder) before it says so.
var searchWait = 20 * time.Second

// searchJob is one committed step for the index: the nodes and entries it
// wrote (re-read from the store when applied: the index always takes the
// record as it is now, so jobs applied late or twice do no harm), or all
// (an import's visibility, a staged step): rebuild.
type searchJob struct {
	step           string
	nodes, entries []string
	all            bool
}

// searchIndex feeds the index from the write path in the background
// (docs/decisions/search.md, "Lifecycle"). A write never waits for it and
// never fails because of it: a failed update marks the index stale and the
// worker rebuilds it from the store.
type searchIndex struct {
	c    *core
	mu   sync.Mutex
	cond *sync.Cond

	started, closed bool
	ix              *search.Index // nil until started
	inMemory        bool
	jobs            []searchJob
	queued, applied uint64 // jobs ever queued and applied (or folded into a rebuild)
	stale           bool   // a rebuild is due
	building        bool
	done, total     int
	stopped         chan struct{}
}

func newSearchIndex(c *core) *searchIndex {
	s := &searchIndex{c: c}
	s.cond = sync.NewCond(&s.mu)
	return s
}

// stepped queues what a committed step wrote (called by emitStep, after
// the commit). Before the index is started it does nothing: the marker it
// records shows the index stale at its next start.
func (s *searchIndex) stepped(st store.Step) {
	if s == nil || st.ID == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.started || s.closed {
		return
	}
	j := searchJob{step: st.ID, all: len(st.Changes) == 0}
	for _, ch := range st.Changes {
		switch ch.Table() {
		case store.TableNode:
			j.nodes = append(j.nodes, ch.ID())
		case store.TableEntry:
			j.entries = append(j.entries, ch.ID())
		case store.TableImport:
			j.all = true
		}
	}
	// A step that changed nothing searchable is still queued: it moves the marker.
	s.jobs = append(s.jobs, j)
	s.queued++
	s.cond.Broadcast()
}

// invalidate marks the index stale (a restore replaced everything). When
// it is not started, an index on disk is removed so the next start
// rebuilds it.
func (s *searchIndex) invalidate() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.started {
		if s.c.dataDir != "" {
			_ = os.RemoveAll(filepath.Join(s.c.dataDir, SearchDir))
		}
		return
	}
	s.stale = true
	s.queued++
	s.cond.Broadcast()
}

// reopen follows an encryption change: the index moves to memory (and
// the folder on disk is removed: it holds user text in the clear) or back
// to disk, and is rebuilt. The caller holds the gate for writing.
func (s *searchIndex) reopen() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ix != nil {
		_ = s.ix.Close()
		s.ix = nil
	}
	if s.c.dataDir != "" && s.c.key != nil {
		if err := os.RemoveAll(filepath.Join(s.c.dataDir, SearchDir)); err != nil {
			s.c.log.Error("removing the plain search index after encrypting the data folder", "err", err)
		}
	}
	if !s.started {
		return
	}
	s.openLocked()
	s.queued++
	s.cond.Broadcast()
}

// start opens the index (once) and starts the worker; an index that is
// missing, of another schema, damaged, or whose marker is not the store's
// newest step is rebuilt.
func (s *searchIndex) start() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.started || s.closed {
		return
	}
	s.started = true
	s.stopped = make(chan struct{})
	s.openLocked()
	go s.work()
}

// openLocked opens s.ix for the data folder as it is now, and sets stale.
func (s *searchIndex) openLocked() {
	c := s.c
	s.stale = true
	s.inMemory = c.dataDir == "" || c.key != nil
	if s.inMemory {
		ix, err := search.OpenMem()
		if err != nil {
			c.log.Error("creating the in-memory search index", "err", err)
			return
		}
		s.ix = ix
		return
	}
	dir := filepath.Join(c.dataDir, SearchDir)
	ix, fresh, err := search.Open(dir)
	if errors.Is(err, search.ErrCorrupt) {
		c.log.Warn("the search index cannot be used; rebuilding it", "err", err)
		if rerr := os.RemoveAll(dir); rerr != nil {
			c.log.Error("removing the damaged search index", "err", rerr)
		}
		ix, fresh, err = search.Open(dir)
	}
	if err != nil {
		c.log.Error("opening the search index", "err", err)
		return
	}
	s.ix = ix
	if fresh {
		return
	}
	have, err := ix.Marker()
	want, werr := s.newestStep()
	if err == nil && werr == nil && have == want && have != "" {
		s.stale = false
		return
	}
	c.log.Info("the search index is stale; rebuilding it", "indexed", have, "newest", want)
}

func (s *searchIndex) newestStep() (string, error) {
	steps, _, err := s.c.storeNow().HistoryPage("", 1)
	if err != nil || len(steps) == 0 {
		return "", err
	}
	return steps[0].ID, nil
}

// storeNow is the store in use (EncryptionService swaps it).
func (c *core) storeNow() *store.Store {
	c.stMu.Lock()
	defer c.stMu.Unlock()
	return c.st
}

func (s *searchIndex) close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	s.cond.Broadcast()
	started := s.started
	s.mu.Unlock()
	if started {
		<-s.stopped
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ix != nil {
		if err := s.ix.Close(); err != nil {
			s.c.log.Warn("closing the search index", "err", err)
		}
		s.ix = nil
	}
}

// work applies queued jobs, or rebuilds, until close.
func (s *searchIndex) work() {
	defer close(s.stopped)
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		for !s.closed && !s.stale && len(s.jobs) == 0 && s.applied == s.queued {
			s.cond.Wait()
		}
		if s.closed {
			return
		}
		upTo := s.queued
		jobs := s.jobs
		s.jobs = nil
		rebuild := s.stale || s.ix == nil
		for _, j := range jobs {
			rebuild = rebuild || j.all
		}
		ix := s.ix
		s.mu.Unlock()
		var err error
		switch {
		case ix == nil:
			err = errors.New("the search index could not be opened")
		case rebuild:
			err = s.rebuild(ix)
		default:
			err = s.apply(ix, jobs)
		}
		s.mu.Lock()
		if err != nil {
			s.c.log.Warn("updating the search index failed; rebuilding it", "err", err)
			if ix == nil || rebuild {
				// a failed rebuild: wait for the next write (or a reopen) to retry
				s.stale = true
				s.applied = upTo
				s.building = false
				s.cond.Broadcast()
				for !s.closed && s.queued == upTo {
					s.cond.Wait()
				}
				continue
			}
			s.stale = true
			continue
		}
		if rebuild {
			s.stale = false
		}
		s.applied = upTo
		s.cond.Broadcast()
	}
}

// apply writes the jobs' records as the store holds them now. An entry's
// links are indexed with the linked nodes' current labels
// (search.EntryText), so a node whose label changed has the entries that
// link it indexed again.
func (s *searchIndex) apply(ix *search.Index, jobs []searchJob) error {
	b := ix.NewBatch()
	var changed []string
	for _, j := range jobs {
		changed = append(changed, j.nodes...)
	}
	before, err := ix.NodeLabels(changed)
	if err != nil {
		return err
	}
	err = s.c.storeNow().View(func(tx *store.Tx) error {
		label := txLabels(tx)
		relabelled := map[string]bool{}
		for _, j := range jobs {
			for _, id := range j.nodes {
				n, err := tx.GetNode(id)
				switch {
				case pln.CodeOf(err) == pln.CodeNotFound:
					b.Delete(id)
				case err != nil:
					return err
				default:
					if err := b.PutNode(n); err != nil {
						return err
					}
					if old, ok := before[id]; ok && old != n.Label {
						relabelled[id] = true
					}
				}
			}
			for _, id := range j.entries {
				e, err := tx.GetEntry(id)
				switch {
				case pln.CodeOf(err) == pln.CodeNotFound:
					b.Delete(id)
				case err != nil:
					return err
				default:
					if err := b.PutEntry(e, label); err != nil {
						return err
					}
				}
			}
			b.SetMarker(j.step) // jobs are in log order: the last is the newest
		}
		for id := range relabelled {
			entries, _, err := tx.EntriesByNode(id, 0, "")
			if err != nil {
				return err
			}
			for _, e := range entries {
				if err := b.PutEntry(e, label); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if testSearchFault != nil {
		if err := testSearchFault(); err != nil {
			return err
		}
	}
	return ix.Apply(b)
}

// txLabels looks node labels up in tx, each once ("" for a missing node:
// search.EntryText then shows the label written with the link).
func txLabels(tx *store.Tx) func(id string) string {
	seen := map[string]string{}
	return func(id string) string {
		if l, ok := seen[id]; ok {
			return l
		}
		l := ""
		if n, err := tx.GetNode(id); err == nil {
			l = n.Label
		}
		seen[id] = l
		return l
	}
}

// testSearchFault, set by tests, fails an incremental index update.
var testSearchFault func() error

// rebuild empties ix and indexes every visible node and entry of one
// store snapshot, announcing progress.
func (s *searchIndex) rebuild(ix *search.Index) error {
	start := time.Now()
	marker, err := s.newestStep() // before the snapshot: never newer than what it holds
	if err != nil {
		return err
	}
	var nodes []pln.Node
	var entries []pln.Entry
	if err := s.c.storeNow().View(func(tx *store.Tx) (err error) {
		if nodes, err = tx.ListNodes(); err != nil {
			return err
		}
		entries, _, err = tx.EntriesByDate(time.Time{}, time.Time{}, 0, "")
		return err
	}); err != nil {
		return err
	}
	total := len(nodes) + len(entries)
	s.progress(true, 0, total)
	// Empty the index: delete whatever it holds that the snapshot has not.
	keep := make(map[string]bool, total)
	for _, n := range nodes {
		keep[n.ID] = true
	}
	for _, e := range entries {
		keep[e.ID] = true
	}
	b := ix.NewBatch()
	stale, err := ix.IDs()
	if err != nil {
		return err
	}
	for _, id := range stale {
		if !keep[id] {
			b.Delete(id)
		}
	}
	done := 0
	flush := func() error {
		if b.Len() < searchChunk {
			return nil
		}
		if err := ix.Apply(b); err != nil {
			return err
		}
		s.progress(true, done, total)
		return nil
	}
	for _, n := range nodes {
		if err := b.PutNode(n); err != nil {
			return err
		}
		done++
		if err := flush(); err != nil {
			return err
		}
	}
	labels := make(map[string]string, len(nodes))
	for _, n := range nodes {
		labels[n.ID] = n.Label
	}
	label := func(id string) string { return labels[id] }
	for _, e := range entries {
		if err := b.PutEntry(e, label); err != nil {
			return err
		}
		done++
		if err := flush(); err != nil {
			return err
		}
	}
	b.SetMarker(marker)
	if err := ix.Apply(b); err != nil {
		return err
	}
	s.c.log.Info("search index rebuilt", "records", total, "took", time.Since(start).Round(time.Millisecond))
	s.progress(false, total, total)
	return nil
}

func (s *searchIndex) progress(building bool, done, total int) {
	s.mu.Lock()
	s.building, s.done, s.total = building, done, total
	p := s.stateLocked()
	s.mu.Unlock()
	s.c.emit(EventSearchProgress, p)
}

func (s *searchIndex) stateLocked() SearchProgress {
	return SearchProgress{Building: s.building, Done: s.done, Total: s.total, InMemory: s.inMemory,
		Ready: s.started && !s.building && !s.stale && s.applied == s.queued && s.ix != nil}
}

// caughtUp waits (at most searchWait) until every job queued before the
// call is applied, and returns the index; nil with the progress when it
// is still building.
func (s *searchIndex) caughtUp() (*search.Index, SearchProgress) {
	s.start()
	s.mu.Lock()
	defer s.mu.Unlock()
	target := s.queued
	deadline := time.Now().Add(searchWait)
	timer := time.AfterFunc(searchWait, func() {
		s.mu.Lock()
		s.cond.Broadcast()
		s.mu.Unlock()
	})
	defer timer.Stop()
	for !s.closed && (s.applied < target || s.stale) && time.Now().Before(deadline) {
		s.cond.Wait()
	}
	if s.closed || s.applied < target || s.stale || s.ix == nil {
		return nil, s.stateLocked()
	}
	return s.ix, s.stateLocked()
}
