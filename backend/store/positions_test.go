package store

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"github.com/plexus-pln/plexus/backend/pln"
)

// rawValue returns the stored value of k (nil, false when absent) and the
// Badger version it was written at.
func rawValue(t testing.TB, s *Store, k []byte) (v []byte, version uint64, ok bool) {
	t.Helper()
	err := s.db.View(func(txn *badger.Txn) error {
		item, err := txn.Get(k)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		ok, version = true, item.Version()
		v, err = item.ValueCopy(nil)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return v, version, ok
}

func getNode(t testing.TB, s *Store, id string) pln.Node {
	t.Helper()
	var n pln.Node
	if err := s.View(func(tx *Tx) (err error) { n, err = tx.GetNode(id); return err }); err != nil {
		t.Fatalf("GetNode %s: %v", id, err)
	}
	return n
}

func listNodes(t testing.TB, s *Store) []pln.Node {
	t.Helper()
	var ns []pln.Node
	if err := s.View(func(tx *Tx) (err error) { ns, err = tx.ListNodes(); return err }); err != nil {
		t.Fatal(err)
	}
	return ns
}

func TestPositionValueLayout(t *testing.T) {
	b := encodePos(position{X: 1.5, Y: -2, Pinned: true})
	want := "02" + "3ff8000000000000" + "c000000000000000" + "01"
	if got := hex.EncodeToString(b); got != want {
		t.Fatalf("position value %s, want %s", got, want)
	}
	if got := hex.EncodeToString(encodePos(position{})); got != "02"+strings.Repeat("00", 17) {
		t.Fatalf("zero position value %s", got)
	}
	for _, p := range []position{{}, {X: math.MaxFloat64, Y: -math.SmallestNonzeroFloat64}, {X: -1e6, Y: 1e6, Pinned: true}} {
		got, err := decodePos(encodePos(p))
		if err != nil || got != p {
			t.Fatalf("round trip of %+v: %+v, %v", p, got, err)
		}
	}
	// Unknown flag bits are ignored; a wrong marker or length is refused.
	b[17] = 0xFE
	if got, err := decodePos(b); err != nil || got.Pinned {
		t.Fatalf("flags 0xFE: %+v %v", got, err)
	}
	for _, bad := range [][]byte{nil, b[:17], append(bytes.Clone(b), 0), append([]byte{encJSONv1}, b[1:]...)} {
		if _, err := decodePos(bad); err == nil {
			t.Errorf("decodePos(%x) accepted", bad)
		}
	}
}

func TestPositionKeyRoundTripAndMerge(t *testing.T) {
	s, dir := openTemp(t)
	ego := node("me")
	ego.Ego, ego.Pinned = true, true
	a, b := node("a"), node("b")
	a.X, a.Y = 12.25, -7
	b.X, b.Y, b.Pinned = -3, 4, true
	putNodes(t, s, ego, a, b)

	// The record carries no position; the position key does, byte for byte.
	rec, _, ok := rawValue(t, s, recordKey(tagNode, id16(a.ID)))
	if !ok {
		t.Fatal("no record")
	}
	for _, f := range []string{`"x"`, `"y"`, `"pinned"`} {
		if bytes.Contains(rec, []byte(f)) {
			t.Errorf("node record still has %s: %s", f, rec[1:])
		}
	}
	pv, _, ok := rawValue(t, s, posKey(id16(b.ID)))
	if want := "02" + "c008000000000000" + "4010000000000000" + "01"; !ok || hex.EncodeToString(pv) != want {
		t.Fatalf("position key of b = %x (found %v), want %s", pv, ok, want)
	}
	if n := len(keysWithPrefix(t, s, tagNodePos)); n != 3 {
		t.Fatalf("%d position keys, want 3", n)
	}

	// Every read merges the position into the node.
	for _, want := range []pln.Node{ego, a, b} {
		if got := getNode(t, s, want.ID); !reflect.DeepEqual(got, want) {
			t.Errorf("GetNode:\n got %+v\nwant %+v", got, want)
		}
	}
	if got := listNodes(t, s); !reflect.DeepEqual(got, []pln.Node{ego, a, b}) {
		t.Errorf("ListNodes: %+v", got)
	}
	err := s.View(func(tx *Tx) error {
		e, ok, err := tx.Ego()
		if err != nil || !ok || !reflect.DeepEqual(e, ego) {
			t.Errorf("Ego: %+v %v %v", e, ok, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	// PutNode of an edited node keeps both parts in step.
	a.Label, a.X = "a2", 99
	putNodes(t, s, a)
	if got := getNode(t, s, a.ID); got.Label != "a2" || got.X != 99 || got.Y != -7 {
		t.Errorf("after PutNode: %+v", got)
	}

	// SetPositions writes the position key only: the record is not rewritten
	// (same Badger version), UpdatedAt unchanged. A repeated id: last wins.
	big := node("big")
	big.Description = strings.Repeat("d", 1<<20)
	putNodes(t, s, big)
	_, recVer, _ := rawValue(t, s, recordKey(tagNode, id16(big.ID)))
	mustUpdate(t, s, func(tx *Tx) error {
		return tx.SetPositions([]pln.Position{{ID: big.ID, X: 1, Y: 1}, {ID: a.ID, X: 5, Y: 6, Pinned: true}, {ID: big.ID, X: 2, Y: 3, Pinned: true}})
	})
	if _, v, _ := rawValue(t, s, recordKey(tagNode, id16(big.ID))); v != recVer {
		t.Errorf("SetPositions rewrote the node record (version %d → %d)", recVer, v)
	}
	if got := getNode(t, s, big.ID); got.X != 2 || got.Y != 3 || !got.Pinned || !got.UpdatedAt.Equal(big.UpdatedAt) || len(got.Description) != 1<<20 {
		t.Errorf("big after SetPositions: x=%v y=%v pinned=%v updatedAt=%v", got.X, got.Y, got.Pinned, got.UpdatedAt)
	}

	// Reopen: positions persist.
	s = reopen(t, s, dir)
	if got := getNode(t, s, a.ID); got.X != 5 || got.Y != 6 || !got.Pinned || got.Label != "a2" {
		t.Errorf("a after reopen: %+v", got)
	}
	if got := getNode(t, s, b.ID); got.X != -3 || got.Y != 4 || !got.Pinned {
		t.Errorf("b after reopen: %+v", got)
	}
}

// ListNodes walks records and positions in lock-step; invisible (staged)
// nodes between visible ones must not shift positions onto the wrong node.
func TestListNodesLockStepWithHiddenNodes(t *testing.T) {
	s, _ := openTemp(t)
	imp, err := s.BeginImport("x.opml", "opml")
	if err != nil {
		t.Fatal(err)
	}
	var visible []pln.Node
	for i := range 30 {
		n := node(fmt.Sprintf("n%d", i))
		n.X, n.Y, n.Pinned = float64(i), float64(-i), i%3 == 0
		if i%2 == 0 {
			putNodes(t, s, n)
			visible = append(visible, n)
		} else {
			if err := s.StageNodes(imp.ID, []pln.Node{n}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if got := listNodes(t, s); !reflect.DeepEqual(got, visible) {
		t.Fatalf("ListNodes with staged nodes interleaved:\n got %+v\nwant %+v", got, visible)
	}
	// A staged (invisible) node cannot be moved.
	staged := keysWithPrefix(t, s, tagByImport)[0]
	err = s.Update(func(tx *Tx) error {
		return tx.SetPositions([]pln.Position{{ID: visible[0].ID, X: 1}, {ID: idString(staged[18:])}})
	})
	wantCode(t, err, pln.CodeNotFound)
	if got := getNode(t, s, visible[0].ID); got.X != 0 {
		t.Fatalf("a refused SetPositions moved a node: %+v", got)
	}
	if _, err := s.PublishImport(imp.ID, 15, 0, "Import"); err != nil {
		t.Fatal(err)
	}
	if got := listNodes(t, s); len(got) != 30 {
		t.Fatalf("%d nodes after publish, want 30", len(got))
	} else {
		for i, n := range got {
			if n.X != float64(i) || n.Y != float64(-i) || n.Pinned != (i%3 == 0) {
				t.Errorf("node %d: %+v", i, n)
			}
		}
	}
}

// One layout stop at twice the product's 10k-node target: every position
// in one transaction.
func TestSetPositions20kInOneTransaction(t *testing.T) {
	s, _ := openTemp(t)
	const n = 20_000
	nodes := make([]pln.Node, n)
	for i := range nodes {
		nodes[i] = node(fmt.Sprintf("n%d", i))
		nodes[i].Description = "Met at a conference; writes about **learning in public**, spaced repetition and Go."
		nodes[i].Tags = []string{"ml", "design"}
	}
	if err := s.Load(nodes, nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	ps := make([]pln.Position, n)
	for i, nd := range nodes {
		ps[i] = pln.Position{ID: nd.ID, X: float64(i), Y: -float64(i) / 2, Pinned: i%7 == 0}
	}
	calls := 0
	mustUpdate(t, s, func(tx *Tx) error { calls++; return tx.SetPositions(ps) })
	if calls != 1 {
		t.Fatalf("the transaction ran %d times", calls)
	}
	got := listNodes(t, s)
	if len(got) != n {
		t.Fatalf("%d nodes", len(got))
	}
	for i, nd := range got {
		if nd.X != float64(i) || nd.Y != -float64(i)/2 || nd.Pinned != (i%7 == 0) {
			t.Fatalf("node %d: x=%v y=%v pinned=%v", i, nd.X, nd.Y, nd.Pinned)
		}
	}
}

func TestDeleteAbortSweepDropLeaveNoPositionKeys(t *testing.T) {
	s, dir := openTemp(t)
	a, b := node("a"), node("b")
	putNodes(t, s, a, b)
	mustUpdate(t, s, func(tx *Tx) error { return tx.PutTie(tie(a.ID, b.ID)) })
	mustUpdate(t, s, func(tx *Tx) error { _, _, err := tx.DeleteNode(a.ID); return err })
	if hasKey(t, s, posKey(id16(a.ID))) || !hasKey(t, s, posKey(id16(b.ID))) {
		t.Fatal("DeleteNode: wrong position keys left")
	}

	// Abort: the staged nodes' position keys go with them.
	stage := func(k int) pln.Import {
		imp, err := s.BeginImport("x.opml", "opml")
		if err != nil {
			t.Fatal(err)
		}
		ns := sourceNodes(k)
		for i := range ns {
			ns[i].X = float64(i + 1)
		}
		if err := s.StageNodes(imp.ID, ns); err != nil {
			t.Fatal(err)
		}
		if got := len(keysWithPrefix(t, s, tagNodePos)); got != 1+k {
			t.Fatalf("%d position keys after staging %d nodes, want %d", got, k, 1+k)
		}
		return imp
	}
	imp := stage(1500)
	if err := s.AbortImport(imp.ID); err != nil {
		t.Fatal(err)
	}
	if got := len(keysWithPrefix(t, s, tagNodePos)); got != 1 {
		t.Fatalf("%d position keys after abort, want 1", got)
	}

	// A leftover (never published) is swept at the next Open.
	imp = stage(40)
	s.setStaging(imp.ID, false)
	s = reopen(t, s, dir)
	if got := len(keysWithPrefix(t, s, tagNodePos)); got != 1 {
		t.Fatalf("%d position keys after the sweep, want 1", got)
	}

	// DropAll removes them; Load writes one per node.
	if err := s.DropAll(); err != nil {
		t.Fatal(err)
	}
	if got := len(keysWithPrefix(t, s, tagNodePos)); got != 0 {
		t.Fatalf("%d position keys after DropAll", got)
	}
	c := node("c")
	c.X, c.Y, c.Pinned = 8, 9, true
	if err := s.Load([]pln.Node{b, c}, nil, nil, nil); err != nil {
		t.Fatal(err)
	}
	if got := len(keysWithPrefix(t, s, tagNodePos)); got != 2 {
		t.Fatalf("%d position keys after Load, want 2", got)
	}
	if got := getNode(t, s, c.ID); !reflect.DeepEqual(got, c) {
		t.Fatalf("loaded node %+v", got)
	}
}

// writeV1 writes nodes the way schema version 1 did (x, y and pinned in
// the record's JSON, no position keys) and sets the stored version to 1.
func writeV1(t *testing.T, s *Store, nodes []pln.Node) {
	t.Helper()
	wb := s.db.NewWriteBatch()
	defer wb.Cancel()
	for _, n := range nodes {
		v, err := encode(n) // pln.Node's own JSON: "x", "y", "pinned"
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(v, []byte(`"x":`)) {
			t.Fatalf("v1 record without x: %s", v)
		}
		if err := wb.Set(recordKey(tagNode, id16(n.ID)), v); err != nil {
			t.Fatal(err)
		}
	}
	if err := wb.Flush(); err != nil {
		t.Fatal(err)
	}
	mustUpdate(t, s, func(tx *Tx) error { return tx.setVersion(1) })
}

func TestMigrationV1MovesPositions(t *testing.T) {
	s, dir := openTemp(t)
	ego := node("me")
	ego.Ego, ego.Pinned = true, true
	nodes := []pln.Node{ego}
	for i := range 2500 { // several chunks
		n := node(fmt.Sprintf("n%d", i))
		n.X, n.Y, n.Pinned = float64(i)+0.5, -float64(i), i%4 == 0
		n.Description = "keep me"
		nodes = append(nodes, n)
	}
	writeV1(t, s, nodes)
	egoID := id16(ego.ID)
	mustUpdate(t, s, func(tx *Tx) error { return tx.set(keyEgo, egoID[:]) })

	s = reopen(t, s, dir)
	if v, _, err := s.version(); err != nil || v != SchemaVersion {
		t.Fatalf("version after migration %d (%v), want %d", v, err, SchemaVersion)
	}
	if got := len(keysWithPrefix(t, s, tagNodePos)); got != len(nodes) {
		t.Fatalf("%d position keys, want %d", got, len(nodes))
	}
	for _, k := range keysWithPrefix(t, s, tagNode) {
		v, _, _ := rawValue(t, s, k)
		if bytes.Contains(v, []byte(`"x"`)) || bytes.Contains(v, []byte(`"pinned"`)) {
			t.Fatalf("record %x still carries a position: %s", k, v[1:])
		}
	}
	if got := listNodes(t, s); !reflect.DeepEqual(got, nodes) {
		t.Fatal("ListNodes after migration differs from the v1 nodes")
	}
	if got := getNode(t, s, nodes[7].ID); !reflect.DeepEqual(got, nodes[7]) {
		t.Fatalf("GetNode after migration %+v, want %+v", got, nodes[7])
	}

	// Idempotent: rerunning the step (a crash before the version bump)
	// changes nothing.
	before := dump(t, s)
	if err := migratePositions(s); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(dump(t, s), before) {
		t.Fatal("a second run of the migration changed keys")
	}

	// Half done (a crash between chunks): v1 records, migrated ones, and a
	// migrated record whose position key is missing.
	writeV1(t, s, nodes[:1000])
	mustUpdate(t, s, func(tx *Tx) error { return tx.del(posKey(id16(nodes[2000].ID))) })
	if err := migratePositions(s); err != nil {
		t.Fatal(err)
	}
	mustUpdate(t, s, func(tx *Tx) error { return tx.setVersion(SchemaVersion) })
	want := slices.Clone(nodes)
	want[2000].X, want[2000].Y, want[2000].Pinned = 0, 0, false
	if got := listNodes(t, s); !reflect.DeepEqual(got, want) {
		t.Fatal("ListNodes after a resumed migration differs")
	}
}

// A store at schema 2 is migrated to 3 on Open, after BeforeMigrate ran
// with (2, 3) on a store it could read; an error from it stops Open.
func TestMigrationV2RunsBeforeMigrate(t *testing.T) {
	s, dir := openTemp(t)
	a := node("kept")
	mustUpdate(t, s, func(tx *Tx) error { return tx.PutNode(a) })
	mustUpdate(t, s, func(tx *Tx) error { return tx.setVersion(2) })
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir, Options{NoSync: true, BeforeMigrate: func(*Store, int, int) error { return errors.New("disk full") }}); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("Open with a failing BeforeMigrate: %v", err)
	}
	var calls []string
	s2, err := Open(dir, Options{NoSync: true, BeforeMigrate: func(st *Store, from, to int) error {
		n := getNode(t, st, a.ID)
		calls = append(calls, fmt.Sprintf("%d→%d %s", from, to, n.Label))
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if v, _, _ := s2.version(); v != 3 || !reflect.DeepEqual(calls, []string{"2→3 kept"}) {
		t.Fatalf("version %d, BeforeMigrate calls %v", v, calls)
	}
}
