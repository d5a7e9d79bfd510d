package store

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
)

// mirror is a copy of the network kept up to date from ViewChanges alone,
// as a reader that caches the network does it: every node (position
// included) and every tie whose own import is visible.
type mirror struct {
	ver     Version
	nodes   map[string]pln.Node
	ties    map[string]pln.Tie
	alls    int // times it was told All
	patches int // times it was given ids
}

// sync brings m up to date in one ViewChanges and, in that same
// transaction, compares it with a full read: any difference is a change
// the journal did not report (or reported wrongly).
func (m *mirror) sync(t *testing.T, s *Store) {
	t.Helper()
	err := s.ViewChanges(m.ver, func(tx *Tx, now Version, ch Changes) error {
		switch {
		case ch.All:
			m.alls++
			m.nodes, m.ties = map[string]pln.Node{}, map[string]pln.Tie{}
			ns, err := tx.ListNodes()
			if err != nil {
				return err
			}
			for _, n := range ns {
				m.nodes[n.ID] = n
			}
			ts, err := tx.TieRecords()
			if err != nil {
				return err
			}
			for _, x := range ts {
				m.ties[x.ID] = x
			}
		case ch.None:
		default:
			m.patches++
			for _, id := range ch.Nodes {
				n, err := tx.GetNode(id)
				switch {
				case pln.CodeOf(err) == pln.CodeNotFound:
					delete(m.nodes, id)
				case err != nil:
					return err
				default:
					m.nodes[id] = n
				}
			}
			for _, id := range ch.Positions {
				n, ok := m.nodes[id]
				if !ok {
					continue
				}
				p, err := tx.NodePosition(id)
				if err != nil {
					return err
				}
				n.X, n.Y, n.Pinned = p.X, p.Y, p.Pinned
				m.nodes[id] = n
			}
			for _, id := range ch.Ties {
				x, ok, err := tx.TieRecord(id)
				if err != nil {
					return err
				}
				if ok {
					m.ties[id] = x
				} else {
					delete(m.ties, id)
				}
			}
		}
		m.ver = now
		// The same transaction, read whole.
		ns, err := tx.ListNodes()
		if err != nil {
			return err
		}
		ts, err := tx.TieRecords()
		if err != nil {
			return err
		}
		got, want := m.encode(), encodeNet(ns, ts)
		if got != want {
			return fmt.Errorf("the mirror (changes %+v) differs from a read of its own state:\n got %.800s\nwant %.800s", ch, got, want)
		}
		return nil
	})
	if err != nil {
		t.Error(err)
	}
}

func (m *mirror) encode() string {
	ns := make([]pln.Node, 0, len(m.nodes))
	for _, n := range m.nodes {
		ns = append(ns, n)
	}
	ts := make([]pln.Tie, 0, len(m.ties))
	for _, x := range m.ties {
		ts = append(ts, x)
	}
	slices.SortFunc(ns, func(a, b pln.Node) int { return cmpString(a.ID, b.ID) })
	slices.SortFunc(ts, func(a, b pln.Tie) int { return cmpString(a.ID, b.ID) })
	return encodeNet(ns, ts)
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func encodeNet(ns []pln.Node, ts []pln.Tie) string {
	if ns == nil {
		ns = []pln.Node{}
	}
	if ts == nil {
		ts = []pln.Tie{}
	}
	b, err := json.Marshal(struct {
		N []pln.Node
		T []pln.Tie
	}{ns, ts})
	if err != nil {
		panic(err)
	}
	return string(b)
}

// TestViewChangesMirror: writers of every kind the store has (records and
// positions in one commit and apart, deletions with ties, tie ends moved,
// conflicting writes that Badger retries, staged imports published and
// aborted, value-log GC, DropAll and a Load that writes under the
// readers) run at once with readers that keep a mirror from ViewChanges
// and compare it, in the same transaction, with a full read (run it with
// -race).
func TestViewChangesMirror(t *testing.T) {
	s, _ := openTemp(t)
	var ids []string
	var idsMu sync.Mutex
	pickIDs := func(r *rand.Rand, k int) []string {
		idsMu.Lock()
		defer idsMu.Unlock()
		out := make([]string, 0, k)
		for range k {
			if len(ids) > 0 {
				out = append(out, ids[r.IntN(len(ids))])
			}
		}
		return out
	}
	addIDs := func(ns ...string) {
		idsMu.Lock()
		ids = append(ids, ns...)
		idsMu.Unlock()
	}
	// quiet: writers hold it for reading; DropAll, which nothing may run
	// beside, for writing (readers too: the store's rule).
	var quiet sync.RWMutex
	// empty: the other writers hold it for reading; the restore holds it from
	// DropAll to its Load, which needs the store still empty (a write in
	// between made Load refuse with a conflict: a flake, seen under load).
	var empty sync.RWMutex
	stop := make(chan struct{})
	var readers sync.WaitGroup
	ms := make([]*mirror, 2)
	for i := range ms {
		ms[i] = &mirror{}
		readers.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				quiet.RLock()
				ms[i].sync(t, s)
				quiet.RUnlock()
			}
		})
	}
	ignore := func(err error) {
		if err == nil {
			return
		}
		switch pln.CodeOf(err) {
		case pln.CodeNotFound, pln.CodeConflict, pln.CodeInvalid:
		default:
			t.Error(err)
		}
	}
	var writers sync.WaitGroup
	for w := range 4 {
		writers.Go(func() {
			r := rand.New(rand.NewPCG(uint64(w), 7))
			for i := range 150 {
				if w == 0 && i%50 == 25 { // a restore: DropAll alone, then a Load under the readers
					empty.Lock()
					quiet.Lock()
					if err := s.DropAll(); err != nil {
						t.Error(err)
					}
					idsMu.Lock()
					ids = nil
					idsMu.Unlock()
					quiet.Unlock()
					a, b, c := node("la"), node("lb"), node("lc")
					if err := s.Load([]pln.Node{a, b, c}, []pln.Tie{tie(a.ID, b.ID), tie(b.ID, c.ID)}, nil, nil); err != nil {
						t.Error(err)
					}
					empty.Unlock()
					addIDs(a.ID, b.ID, c.ID)
					continue
				}
				if w == 1 && i%50 == 10 { // value-log GC under the readers and writers (it rewrites values, commits nothing)
					s.CollectGarbage()
					continue
				}
				empty.RLock()
				quiet.RLock()
				switch op := r.IntN(12); op {
				case 0: // new nodes and a tie
					a, b := node(fmt.Sprintf("n%d-%d", w, i)), node("m")
					err := s.Update(func(tx *Tx) error {
						for _, n := range []pln.Node{a, b} {
							if err := tx.PutNode(n); err != nil {
								return err
							}
						}
						return tx.PutTie(tie(a.ID, b.ID))
					})
					ignore(err)
					if err == nil {
						addIDs(a.ID, b.ID)
					}
				case 1: // an edit and a move in one commit; another node moved only
					ps := pickIDs(r, 2)
					ignore(s.Update(func(tx *Tx) error {
						if len(ps) < 2 {
							return nil
						}
						n, err := tx.GetNode(ps[0])
						if err != nil {
							return err
						}
						n.Label, n.X, n.Pinned = fmt.Sprintf("e%d", i), float64(i), !n.Pinned
						if err := tx.PutNode(n); err != nil {
							return err
						}
						return tx.SetPositions([]pln.Position{{ID: ps[1], X: float64(w), Y: float64(i), Pinned: i%2 == 0}})
					}))
				case 2: // moves only (positions of the same nodes: conflicts)
					ps := pickIDs(r, 5)
					pos := make([]pln.Position, len(ps))
					for j, id := range ps {
						pos[j] = pln.Position{ID: id, X: float64(i), Y: float64(w * j)}
					}
					ignore(s.Update(func(tx *Tx) error { return tx.SetPositions(pos) }))
				case 3: // a node deleted with its ties
					ps := pickIDs(r, 1)
					ignore(s.Update(func(tx *Tx) error {
						if len(ps) == 0 {
							return nil
						}
						_, _, err := tx.DeleteNode(ps[0])
						return err
					}))
				case 4: // a tie's ends moved, or a tie deleted
					ps := pickIDs(r, 3)
					ignore(s.Update(func(tx *Tx) error {
						if len(ps) < 3 {
							return nil
						}
						ts, err := tx.TiesOf(ps[0])
						if err != nil || len(ts) == 0 {
							return err
						}
						if i%3 == 0 {
							return tx.DeleteTie(ts[0].ID)
						}
						x := ts[0]
						x.From, x.To = ps[1], ps[2]
						return tx.PutTie(x)
					}))
				case 5: // now and then, a staged import, published (its nodes appear) or aborted
					if r.IntN(4) > 0 {
						break
					}
					imp, err := s.BeginImport("x.opml", "opml")
					if err != nil {
						ignore(err)
						break
					}
					a, b := node("imported a"), node("imported b")
					a.ImportID, b.ImportID = imp.ID, imp.ID
					ignore(s.StageNodes(imp.ID, []pln.Node{a, b}))
					x := tie(a.ID, b.ID)
					x.ImportID = imp.ID
					ignore(s.StageTies(imp.ID, []pln.Tie{x}))
					if r.IntN(2) == 0 {
						_, err := s.PublishImport(imp.ID, 2, 1, "import")
						ignore(err)
						if err == nil {
							addIDs(a.ID, b.ID)
						}
					} else {
						ignore(s.AbortImport(imp.ID))
					}
				case 6: // a write that fails: nothing of it may be reported
					ps := pickIDs(r, 1)
					_ = s.Update(func(tx *Tx) error {
						if len(ps) > 0 {
							if err := tx.SetPositions([]pln.Position{{ID: ps[0], X: -1, Y: -1}}); err != nil {
								return err
							}
						}
						return pln.Invalid("rolled back")
					})
				case 7, 8, 9, 10, 11: // a read-only Update, or a pause
					if op > 7 {
						quiet.RUnlock()
						time.Sleep(time.Duration(op-7) * 200 * time.Microsecond)
						quiet.RLock()
						break
					}
					ignore(s.Update(func(tx *Tx) error { _, err := tx.ListNodes(); return err }))
				}
				quiet.RUnlock()
				empty.RUnlock()
			}
		})
	}
	writers.Wait()
	close(stop)
	readers.Wait()
	for _, m := range ms {
		m.sync(t, s)
		t.Logf("mirror: %d nodes, %d ties, %d full reads, %d patches", len(m.nodes), len(m.ties), m.alls, m.patches)
	}
}
