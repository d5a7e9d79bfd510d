package service

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
	"github.com/plexus-pln/plexus/backend/synth"
)

// freshBody is GET /api/network's body as a fresh read of st gives it,
// without the cache: Columnar of readNetwork, encoded as writeJSON does.
func freshBody(t testing.TB, st *store.Store) []byte {
	t.Helper()
	var nw Network
	err := st.View(func(tx *store.Tx) error {
		var err error
		nw, err = readNetwork(tx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(Columnar(nw))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// getNetwork is GET /api/network through the handler.
func getNetwork(t testing.TB, svc *Services) []byte {
	t.Helper()
	w := httptest.NewRecorder()
	NewHandler(svc, nil).ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/network", nil))
	if w.Code != http.StatusOK {
		t.Fatalf("GET /api/network: %d %s", w.Code, w.Body.String())
	}
	if got, want := w.Header().Get("Content-Type"), "application/json; charset=utf-8"; got != want {
		t.Fatalf("Content-Type %q, want %q", got, want)
	}
	return w.Body.Bytes()
}

// sameAsFresh fails unless GET /api/network gives what a fresh read of the
// store gives, byte for byte.
func sameAsFresh(t testing.TB, svc *Services, after string) {
	t.Helper()
	got, want := getNetwork(t, svc), freshBody(t, svc.Store())
	if !bytes.Equal(got, want) {
		t.Fatalf("after %s: GET /api/network differs from a fresh read:\n got %.600s\nwant %.600s", after, got, want)
	}
}

// everyField returns node fields with every column of the body set.
func everyField(label string, i int) pln.NodeFields {
	return pln.NodeFields{Label: label, Kind: pln.Kinds[i%len(pln.Kinds)], Tags: []string{"t" + fmt.Sprint(i%3), "shared"},
		Relation: pln.Relations[i%len(pln.Relations)], Strength: 1 + i%5, Role: pln.Roles[i%len(pln.Roles)],
		Contexts: []string{"work"}, Mode: pln.Modes[i%len(pln.Modes)], Status: pln.Statuses[i%len(pln.Statuses)],
		Description: "about " + label, Cadence: 7}
}

// TestNetworkCacheProperty: random gestures, undo and redo, imports,
// staged and plain position saves, writes straight into the store,
// restores and a bulk load, each followed (or not) by GET /api/network;
// every GET must equal a fresh read of the store.
func TestNetworkCacheProperty(t *testing.T) {
	old := store.StagedAbove
	store.StagedAbove = 4 // some position saves and imports are staged
	defer func() { store.StagedAbove = old }()
	rapid.Check(t, func(rt *rapid.T) {
		e := newEnv(t)
		backup := filepath.Join(e.dir, "backup.json")
		alters := func() []pln.Node {
			nw, err := e.svc.Network.Network()
			if err != nil {
				rt.Fatal(err)
			}
			return slices.DeleteFunc(nw.Nodes, func(n pln.Node) bool { return n.Ego })
		}
		pick := func(label string, ns []pln.Node) pln.Node {
			return ns[rapid.IntRange(0, len(ns)-1).Draw(rt, label)]
		}
		steps := rapid.IntRange(1, 30).Draw(rt, "steps")
		for seq := range steps {
			e.clk.advance(time.Minute)
			ns := alters()
			op := rapid.SampledFrom([]string{"node", "node", "edit", "delete", "tie", "tie", "untie", "move", "move",
				"opml", "undo", "redo", "direct", "backup", "restore", "load", "ego", "editmove"}).Draw(rt, "op")
			if len(ns) < 2 && (op == "edit" || op == "delete" || op == "tie" || op == "move" || op == "direct" || op == "editmove") {
				op = "node"
			}
			var err error
			switch op {
			case "node":
				_, err = e.svc.Network.CreateNode(everyField(fmt.Sprintf("n%d", seq), seq), float64(seq), -float64(seq))
			case "edit":
				n := pick("edit", ns)
				f := everyField(fmt.Sprintf("renamed %d", seq), seq+1)
				f.Kind = n.Kind
				_, err = e.svc.Network.UpdateNode(n.ID, f)
			case "delete":
				err = e.svc.Network.DeleteNode(pick("delete", ns).ID)
			case "tie":
				a, b := pick("from", ns), pick("to", ns)
				_, err = e.svc.Network.CreateTie(pln.TieFields{From: a.ID, To: b.ID, Relation: "knows", Directed: rapid.Bool().Draw(rt, "directed")})
			case "untie":
				nw, _ := e.svc.Network.Network()
				if len(nw.Ties) > 0 {
					x := nw.Ties[rapid.IntRange(0, len(nw.Ties)-1).Draw(rt, "tie")]
					if rapid.Bool().Draw(rt, "delete tie") {
						err = e.svc.Network.DeleteTie(x.ID)
					} else {
						_, err = e.svc.Network.UpdateTie(x.ID, pln.TieFields{Relation: "works with", Strength: 5})
					}
				}
			case "move":
				var ps []pln.Position
				for i, n := range ns {
					if rapid.Bool().Draw(rt, "moves") {
						ps = append(ps, pln.Position{ID: n.ID, X: float64(i*seq) + 0.5, Y: 3, Pinned: rapid.Bool().Draw(rt, "pin")})
					}
				}
				err = e.svc.Network.SetPositions(ps)
			case "opml":
				var b strings.Builder
				b.WriteString(`<?xml version="1.0"?><opml version="2.0"><body><outline text="Folder">`)
				for i := range rapid.IntRange(1, 6).Draw(rt, "feeds") {
					fmt.Fprintf(&b, `<outline text="f%d-%d" type="rss" xmlUrl="https://f%d.example/%d.xml"/>`, seq, i, seq, i)
				}
				b.WriteString(`</outline></body></opml>`)
				_, err = e.svc.Files.ImportFile(fmt.Sprintf("feeds-%d.opml", seq), []byte(b.String()))
			case "undo":
				_, err = e.svc.History.Undo()
			case "redo":
				_, err = e.svc.History.Redo()
			case "direct": // a write that is not a gesture (a repair, a migration)
				n := pick("direct", ns)
				err = e.st.Update(func(tx *store.Tx) error {
					x, err := tx.GetNode(n.ID)
					if err != nil {
						return err
					}
					x.Label += " (repaired)"
					return tx.PutNode(x)
				})
			case "ego":
				_, err = e.svc.Network.RenameEgo(fmt.Sprintf("Me %d", seq))
			case "editmove": // a move, then an edit of the same node, before one request
				n := pick("editmove", ns)
				if err = e.svc.Network.SetPositions([]pln.Position{{ID: n.ID, X: float64(seq), Y: 9, Pinned: true}}); err == nil {
					f := everyField(fmt.Sprintf("moved and renamed %d", seq), seq+2)
					f.Kind = n.Kind
					_, err = e.svc.Network.UpdateNode(n.ID, f)
				}
			case "backup":
				err = e.svc.Backup.ExportBackup(backup)
			case "restore":
				if err = e.svc.Backup.ExportBackup(backup); err == nil {
					if _, err = e.svc.Network.CreateNode(person("gone after the restore"), 1, 1); err == nil {
						err = e.svc.Backup.RestoreBackup(backup, true)
					}
				}
			case "load": // the store replaced under the services, as a bulk restore does
				nw := must[synth.Network](t)(synth.Generate(synth.Options{Nodes: 30, Ties: 40, Seed: uint64(seq)}))
				noErr(t, e.st.DropAll())
				noErr(t, e.st.Load(nw.Nodes, nw.Ties, nil, nil))
			}
			if err != nil && pln.CodeOf(err) == pln.CodeInternal {
				rt.Fatalf("%s: %v", op, err)
			}
			if rapid.IntRange(0, 3).Draw(rt, "get") > 0 {
				sameAsFresh(t, e.svc, op)
			}
		}
		sameAsFresh(t, e.svc, "the last step")
	})
}

// TestNetworkCacheEncryption: turning encryption on and off replaces the
// store; the cached network must follow, never the old store's copy.
func TestNetworkCacheEncryption(t *testing.T) {
	f := openFolder(t, t.TempDir(), nil)
	a := must[pln.Node](t)(f.svc.Network.CreateNode(everyField("Ada", 1), 1, 2))
	sameAsFresh(t, f.svc, "a node")
	noErr(t, f.svc.Encryption.SetPassphrase(pass))
	sameAsFresh(t, f.svc, "encryption on")
	must[pln.Node](t)(f.svc.Network.CreateNode(everyField("Grace", 2), 3, 4))
	sameAsFresh(t, f.svc, "a node in the encrypted store")
	noErr(t, f.svc.Network.DeleteNode(a.ID))
	noErr(t, f.svc.Encryption.RemovePassphrase(pass))
	sameAsFresh(t, f.svc, "encryption off")
	if bytes.Contains(getNetwork(t, f.svc), []byte(a.ID)) {
		t.Fatal("the deleted node is still served")
	}
}

// TestNetworkCacheConcurrent: writers and readers at once (run it with
// -race). Each writer reads the network right after each of its own
// writes and must see it; at the end the cache equals a fresh read.
func TestNetworkCacheConcurrent(t *testing.T) {
	e := newEnv(t)
	nw := must[synth.Network](t)(synth.Generate(synth.Options{Nodes: 400, Ties: 1500, Seed: 9}))
	noErr(t, e.st.DropAll())
	noErr(t, e.st.Load(nw.Nodes, nw.Ties, nil, nil))
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 2 { // readers
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
					getNetwork(t, e.svc)
				}
			}
		})
	}
	var writers sync.WaitGroup
	for w := range 3 {
		writers.Go(func() {
			for i := range 15 {
				n, err := e.svc.Network.CreateNode(person(fmt.Sprintf("w%d-%d", w, i)), float64(i), float64(w))
				if err != nil {
					t.Error(err)
					return
				}
				if !bytes.Contains(getNetwork(t, e.svc), []byte(n.ID)) {
					t.Errorf("writer %d: node %s created, not served", w, n.ID)
				}
				if err := e.svc.Network.SetPositions([]pln.Position{{ID: nw.Nodes[1+w].ID, X: float64(1000*w + i), Y: 7}}); err != nil {
					t.Error(err)
				}
				if err := e.svc.Network.DeleteNode(n.ID); err != nil {
					t.Error(err)
				}
				if bytes.Contains(getNetwork(t, e.svc), []byte(n.ID)) {
					t.Errorf("writer %d: node %s deleted, still served", w, n.ID)
				}
			}
		})
	}
	writers.Wait()
	close(stop)
	wg.Wait()
	sameAsFresh(t, e.svc, "the concurrent writes")
}

// TestWarmNetwork: the warmed cache is what a fresh read gives, and a
// write after the warming is served.
func TestWarmNetwork(t *testing.T) {
	e := newEnv(t)
	must[pln.Node](t)(e.svc.Network.CreateNode(everyField("Ada", 1), 1, 2))
	e.svc.WarmNetwork()
	sameAsFresh(t, e.svc, "the warming")
	must[pln.Node](t)(e.svc.Network.CreateNode(everyField("Grace", 2), 3, 4))
	sameAsFresh(t, e.svc, "a node after the warming")
	if !e.svc.Close(5 * time.Second) {
		t.Fatal("Close did not finish")
	}
}

// cachedIsSnapshot fails unless the cache's body is, byte for byte, what
// a fresh read of the state it claims (its Version) gives: it asks the
// store for the changes since that Version and, when there are none,
// reads the network in that same transaction. It reports whether it
// could check (false while writes keep coming).
func cachedIsSnapshot(t testing.TB, svc *Services) bool {
	t.Helper()
	n := &svc.Network.c.net
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.body == nil {
		return false
	}
	checked := false
	err := n.st.ViewChanges(n.ver, func(tx *store.Tx, _ store.Version, ch store.Changes) error {
		if !ch.None {
			return nil
		}
		nw, err := readNetwork(tx)
		if err != nil {
			return err
		}
		want, err := json.Marshal(Columnar(nw))
		if err != nil {
			return err
		}
		if !bytes.Equal(n.body, want) {
			t.Errorf("the cached body is not the network of its Version:\n got %.600s\nwant %.600s", n.body, want)
		}
		checked = true
		return nil
	})
	if err != nil {
		t.Error(err)
	}
	return checked
}

// TestNetworkCacheSnapshot: gestures, direct writes that conflict with
// each other (Badger retries them), moves, deletions with ties, an edit
// and a move of one node in one commit, and readers, all at once (run it
// with -race). Every response a reader gets is checked against a fresh
// read of the very state it was built from (cachedIsSnapshot), not only
// at the end.
func TestNetworkCacheSnapshot(t *testing.T) {
	e := newEnv(t)
	nw := must[synth.Network](t)(synth.Generate(synth.Options{Nodes: 200, Ties: 600, Seed: 3}))
	noErr(t, e.st.DropAll())
	noErr(t, e.st.Load(nw.Nodes, nw.Ties, nil, nil))
	ids := make([]string, len(nw.Nodes))
	for i, n := range nw.Nodes {
		ids[i] = n.ID
	}
	var checks sync.WaitGroup
	stop := make(chan struct{})
	var mu sync.Mutex
	checked := 0
	for range 2 { // readers
		checks.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				getNetwork(t, e.svc)
				if cachedIsSnapshot(t, e.svc) {
					mu.Lock()
					checked++
					mu.Unlock()
				}
			}
		})
	}
	for i := range 30 { // rounds: the writers at once, then a quiet spell in which the readers check
		var writers sync.WaitGroup
		for w := range 4 {
			writers.Go(func() {
				switch w {
				case 0: // gestures: a node with ties, then deleted with them
					n, err := e.svc.Network.CreateNode(everyField(fmt.Sprintf("w%d", i), i), float64(i), 1)
					if err != nil {
						t.Error(err)
						return
					}
					for j := range 3 {
						if _, err := e.svc.Network.CreateTie(pln.TieFields{From: n.ID, To: ids[10+j], Relation: "knows"}); err != nil {
							t.Error(err)
						}
					}
					if err := e.svc.Network.DeleteNode(n.ID); err != nil {
						t.Error(err)
					}
				case 1, 2: // direct writes of the same nodes: they conflict and are retried
					err := e.st.Update(func(tx *store.Tx) error {
						for _, id := range ids[:5] {
							x, err := tx.GetNode(id)
							if err != nil {
								return err
							}
							x.Label = fmt.Sprintf("w%d-%d", w, i)
							x.X, x.Y = float64(w), float64(i) // the record and the position in one commit
							if err := tx.PutNode(x); err != nil {
								return err
							}
						}
						return tx.SetPositions([]pln.Position{{ID: ids[6], X: float64(i), Y: float64(w), Pinned: i%2 == 0}})
					})
					if err != nil && pln.CodeOf(err) != pln.CodeConflict {
						t.Error(err)
					}
				case 3: // moves, and a tie's ends changed
					ps := make([]pln.Position, 0, 50)
					for j := range 50 {
						ps = append(ps, pln.Position{ID: ids[20+j], X: float64(i * j), Y: float64(w)})
					}
					if err := e.svc.Network.SetPositions(ps); err != nil {
						t.Error(err)
					}
					err := e.st.Update(func(tx *store.Tx) error {
						x, ok, err := tx.TieRecord(nw.Ties[0].ID)
						if err != nil || !ok {
							return err
						}
						x.To = ids[100+i]
						return tx.PutTie(x)
					})
					if err != nil {
						t.Error(err)
					}
				}
			})
		}
		writers.Wait()
		time.Sleep(3 * time.Millisecond)
	}
	close(stop)
	checks.Wait()
	sameAsFresh(t, e.svc, "the concurrent writes")
	if !cachedIsSnapshot(t, e.svc) {
		t.Fatal("the cache's Version is not the store's after the writes")
	}
	t.Logf("%d responses checked against their own state", checked)
}

// TestNetworkCachePanic: a request that panics half-way through a patch
// (here: a fault injected into the tie map, then taken away again, as a
// transient read failure deep in Badger would) must not leave the cache
// holding half-patched rows under the Version it had: the next request
// reads the store again and serves what a fresh read gives.
func TestNetworkCachePanic(t *testing.T) {
	e := newEnv(t)
	a := must[pln.Node](t)(e.svc.Network.CreateNode(everyField("Ada", 1), 1, 2))
	sameAsFresh(t, e.svc, "a node")
	n := &e.svc.Network.c.net
	n.mu.Lock()
	ties := n.ties
	n.ties = nil // the next patch panics when it writes a tie row
	n.mu.Unlock()
	b := must[pln.Node](t)(e.svc.Network.CreateNode(everyField("Grace", 2), 3, 4))
	must[pln.Tie](t)(e.svc.Network.CreateTie(pln.TieFields{From: a.ID, To: b.ID, Relation: "knows"}))
	w := httptest.NewRecorder()
	NewHandler(e.svc, nil).ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/network", nil))
	if w.Code != http.StatusInternalServerError {
		t.Fatalf("GET with the fault: %d %s, want 500", w.Code, w.Body.String())
	}
	n.mu.Lock()
	if n.body != nil { // the cache still claims a Version: the fault goes away
		n.ties = ties
	}
	n.mu.Unlock()
	sameAsFresh(t, e.svc, "a request that panicked")
}

// TestNetworkCacheClosedStore: when the store is closed under the services
// (an encryption change whose reopen failed leaves them so), GET
// /api/network fails like a read would; it does not serve the copy it
// holds of the closed store.
func TestNetworkCacheClosedStore(t *testing.T) {
	e := newEnv(t)
	must[pln.Node](t)(e.svc.Network.CreateNode(everyField("Ada", 1), 1, 2))
	sameAsFresh(t, e.svc, "a node")
	noErr(t, e.st.Close())
	w := httptest.NewRecorder()
	NewHandler(e.svc, nil).ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/network", nil))
	if w.Code == http.StatusOK {
		t.Fatalf("GET /api/network of a closed store: 200 %.200s", w.Body.String())
	}
}
