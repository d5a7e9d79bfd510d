package service

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// lastStepName is the newest step's name ("" when the log is empty).
func lastStepName(t *testing.T, e *env) string {
	t.Helper()
	page := must[HistoryPage](t)(e.svc.History.Steps("", 1))
	if len(page.Steps) == 0 {
		return ""
	}
	return page.Steps[0].Name
}

// stepCount is how many steps the log holds (up to 500).
func stepCount(t *testing.T, e *env) int {
	t.Helper()
	return len(must[HistoryPage](t)(e.svc.History.Steps("", 500)).Steps)
}

// eventCounts counts the recorded events by name, and forgets them.
func eventCounts(e *env) map[string]int {
	n := map[string]int{}
	for _, ev := range e.rec.takeAll() {
		n[ev.name]++
	}
	return n
}

// refused runs a bulk call that must fail with code and change nothing:
// the store's state, the log and the events are as before.
func refused(t *testing.T, e *env, what string, code pln.Code, call func() error, msg string) {
	t.Helper()
	before, steps := stateDump(t, e.st), stepCount(t, e)
	e.rec.takeAll()
	err := call()
	if err == nil || pln.CodeOf(err) != code {
		t.Fatalf("%s: got %v, want %s", what, err, code)
	}
	if msg != "" && !strings.Contains(err.Error(), msg) {
		t.Fatalf("%s: message %q does not say %q", what, err, msg)
	}
	if got := stateDump(t, e.st); !reflect.DeepEqual(got, before) {
		t.Fatalf("%s: a refused call changed the store:\n%s", what, diffDumps(before, got))
	}
	if n := stepCount(t, e); n != steps {
		t.Fatalf("%s: a refused call logged a step (%d → %d)", what, steps, n)
	}
	if ev := e.rec.takeAll(); len(ev) != 0 {
		t.Fatalf("%s: a refused call emitted %+v", what, ev)
	}
}

// DeleteNodes deletes a selection, its ties and its journal links as one
// step with one event of each kind; one undo brings all of it back.
func TestDeleteNodes(t *testing.T) {
	e := newEnv(t)
	a := must[pln.Node](t)(e.svc.Network.CreateNode(person("Ada"), 0, 0))
	b := must[pln.Node](t)(e.svc.Network.CreateNode(person("Grace"), 1, 0))
	c := must[pln.Node](t)(e.svc.Network.CreateNode(person("Alan"), 2, 0))
	d := must[pln.Node](t)(e.svc.Network.CreateNode(person("Edsger"), 3, 0))
	tie := func(x, y pln.Node) pln.Tie {
		return must[pln.Tie](t)(e.svc.Network.CreateTie(pln.TieFields{From: x.ID, To: y.ID, Relation: "knows"}))
	}
	ab, bc, cd, ad := tie(a, b), tie(b, c), tie(c, d), tie(a, d)
	en := must[pln.Entry](t)(e.svc.Journal.CreateEntry(pln.EntryFields{OccurredAt: e.clk.now(), Body: "met Ada, Grace and Edsger", NodeIDs: []string{a.ID, b.ID, d.ID}}))
	before, nw0 := stateDump(t, e.st), e.networkJSON()
	e.rec.takeAll()

	noErr(t, e.svc.Network.DeleteNodes([]string{a.ID, b.ID, a.ID})) // a repeat counts once

	nw := must[Network](t)(e.svc.Network.Network())
	if len(nw.Nodes) != 3 || len(nw.Ties) != 1 || nw.Ties[0].ID != cd.ID {
		t.Fatalf("after the delete: %d nodes, ties %+v", len(nw.Nodes), nw.Ties)
	}
	if got := must[pln.Entry](t)(e.svc.Journal.GetEntry(en.ID)); !slices.Equal(got.NodeIDs, []string{d.ID}) {
		t.Fatalf("the entry still links %v", got.NodeIDs)
	}
	if name := lastStepName(t, e); name != "Delete 2 nodes and 3 ties" {
		t.Fatalf("step %q", name)
	}
	ev := e.rec.takeAll()
	if n := len(ev); n != 3 {
		t.Fatalf("%d events %+v, want network, journal and history once each", n, ev)
	}
	nc, ok := ev[0].payload.(pln.NetworkChanged)
	wantTies := []string{ab.ID, bc.ID, ad.ID}
	slices.Sort(wantTies)
	wantNodes := []string{a.ID, b.ID}
	slices.Sort(nc.NodeIDs)
	slices.Sort(wantNodes)
	if !ok || nc.Reason != pln.ReasonDelete || !slices.Equal(nc.NodeIDs, wantNodes) || !slices.Equal(nc.TieIDs, wantTies) {
		t.Fatalf("network event %+v", ev[0])
	}
	if jc, ok := ev[1].payload.(pln.JournalChanged); !ok || jc.Reason != pln.ReasonUnlink || !slices.Equal(jc.EntryIDs, []string{en.ID}) {
		t.Fatalf("journal event %+v", ev[1])
	}
	if ev[2].name != pln.EventHistoryChanged {
		t.Fatalf("third event %+v", ev[2])
	}

	step := must[pln.HistoryStep](t)(e.svc.History.Undo())
	if step.Name != "Undo: Delete 2 nodes and 3 ties" {
		t.Fatalf("undo %q", step.Name)
	}
	if got := stateDump(t, e.st); !reflect.DeepEqual(got, before) {
		t.Fatalf("one undo does not bring it all back:\n%s", diffDumps(before, got))
	}
	if e.networkJSON() != nw0 {
		t.Fatal("the network differs after the undo")
	}
	must[pln.HistoryStep](t)(e.svc.History.Redo())
	if nw := must[Network](t)(e.svc.Network.Network()); len(nw.Nodes) != 3 {
		t.Fatalf("after the redo: %d nodes", len(nw.Nodes))
	}

	// One node: DeleteNode's name.
	noErr(t, e.svc.Network.DeleteNodes([]string{c.ID}))
	if name := lastStepName(t, e); name != "Delete “Alan” and 1 tie" {
		t.Fatalf("one-node step %q", name)
	}
	noErr(t, e.svc.Network.DeleteNodes([]string{d.ID}))
	if name := lastStepName(t, e); name != "Delete “Edsger”" {
		t.Fatalf("one-node step without ties %q", name)
	}
}

// A refused DeleteNodes changes nothing at all: no node, tie or link goes,
// no step is logged, nothing is emitted.
func TestDeleteNodesRefusals(t *testing.T) {
	e := newEnv(t)
	a := must[pln.Node](t)(e.svc.Network.CreateNode(person("Ada"), 0, 0))
	b := must[pln.Node](t)(e.svc.Network.CreateNode(person("Grace"), 1, 0))
	must[pln.Tie](t)(e.svc.Network.CreateTie(pln.TieFields{From: a.ID, To: b.ID, Relation: "knows"}))
	ego := must[pln.Node](t)(e.svc.Network.Ego())
	gone := pln.NewID()
	del := func(ids ...string) func() error { return func() error { return e.svc.Network.DeleteNodes(ids) } }

	refused(t, e, "no ids", pln.CodeInvalid, del(), "No nodes")
	refused(t, e, "a malformed id", pln.CodeInvalid, del(a.ID, "nope"), `"nope"`)
	refused(t, e, "the ego", pln.CodeInvalid, del(a.ID, ego.ID, b.ID), ego.Label)
	refused(t, e, "a missing node", pln.CodeNotFound, del(a.ID, b.ID, gone), gone)
	many := []string{a.ID}
	for range MaxBulk {
		many = append(many, pln.NewID())
	}
	refused(t, e, "over the limit", pln.CodeTooLarge, func() error { return e.svc.Network.DeleteNodes(many) }, fmt.Sprint(MaxBulk))
	// Repeats do not count toward the limit.
	rep := slices.Repeat([]string{a.ID}, MaxBulk+1)
	noErr(t, e.svc.Network.DeleteNodes(rep))
	if name := lastStepName(t, e); name != "Delete “Ada” and 1 tie" {
		t.Fatalf("step %q", name)
	}
}

// The limit: MaxBulk nodes with two ties each, journal links and ordinary
// fields are one transaction and one step, and one undo brings them back.
func TestDeleteNodesAtTheLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a network of MaxBulk nodes")
	}
	e := newEnv(t)
	now := e.clk.now()
	ids := putBulkNodes(t, e, func(i int, n pln.Node) pln.Node {
		n.Label, n.Kind = fmt.Sprintf("Person %d of the selection", i), pln.KindPerson
		n.Description, n.URL = strings.Repeat("A line about them. ", 10), fmt.Sprintf("https://example.org/people/%d", i)
		n.Emails, n.Organisation, n.Tags = []string{fmt.Sprintf("p%d@example.org", i)}, "Example", []string{"go", "rust", "teaching"}
		n.Relation, n.Strength, n.X, n.Y = "colleague", 3, float64(i), float64(-i)
		return n
	})
	noErr(t, e.st.Update(func(tx *store.Tx) error {
		for i := range ids {
			for _, j := range []int{(i + 1) % len(ids), (i + 2) % len(ids)} {
				tie := pln.Tie{ID: pln.NewID(), From: ids[i], To: ids[j], Relation: "knows", Strength: 3, CreatedAt: now, UpdatedAt: now}
				if err := tx.PutTie(tie); err != nil {
					return err
				}
			}
		}
		for i := 0; i < len(ids); i += 10 {
			en := pln.Entry{ID: pln.NewID(), OccurredAt: now, Body: "a meeting", NodeIDs: ids[i : i+10], Type: pln.EntryInteraction, CreatedAt: now, UpdatedAt: now}
			if err := tx.PutEntry(en); err != nil {
				return err
			}
		}
		return nil
	}))
	before := stateDump(t, e.st)
	e.rec.takeAll()
	noErr(t, e.svc.Network.DeleteNodes(ids))
	if name := lastStepName(t, e); name != fmt.Sprintf("Delete %d nodes and %d ties", MaxBulk, 2*MaxBulk) {
		t.Fatalf("step %q", name)
	}
	if nw := must[Network](t)(e.svc.Network.Network()); len(nw.Nodes) != 1 || len(nw.Ties) != 0 {
		t.Fatalf("after the delete: %d nodes, %d ties", len(nw.Nodes), len(nw.Ties))
	}
	if n := eventCounts(e); n[pln.EventNetworkChanged] != 1 || n[pln.EventJournalChanged] != 1 || n[pln.EventHistoryChanged] != 1 {
		t.Fatalf("events %v", n)
	}
	must[pln.HistoryStep](t)(e.svc.History.Undo())
	if got := stateDump(t, e.st); !reflect.DeepEqual(got, before) {
		t.Fatalf("one undo does not bring the selection back:\n%s", diffDumps(before, got))
	}
}

func tagsOf(t *testing.T, e *env, id string) []string {
	t.Helper()
	return must[pln.Node](t)(e.svc.Network.GetNode(id)).Tags
}

// TagNodes adds and removes tags on a selection (the ego included), writes
// only the nodes that change, and is one step with one network event;
// one undo brings every node's tags back.
func TestTagNodes(t *testing.T) {
	e := newEnv(t)
	withTags := func(label string, tags ...string) pln.Node {
		f := person(label)
		f.Tags = tags
		return must[pln.Node](t)(e.svc.Network.CreateNode(f, 0, 0))
	}
	a := withTags("Ada", "Go")
	b := withTags("Grace", "rust")
	c := withTags("Alan")
	ego := must[pln.Node](t)(e.svc.Network.Ego())
	before := stateDump(t, e.st)
	e.rec.takeAll()

	// " go " and "go" are one tag; Ada has it already (as "Go"): she is not written.
	n := must[int](t)(e.svc.Network.TagNodes([]string{a.ID, b.ID, c.ID, ego.ID, b.ID}, []string{" go ", "", "go"}, nil))
	if n != 3 {
		t.Fatalf("%d nodes changed, want 3", n)
	}
	for id, want := range map[string][]string{a.ID: {"Go"}, b.ID: {"rust", "go"}, c.ID: {"go"}, ego.ID: {"go"}} {
		if got := tagsOf(t, e, id); !slices.Equal(got, want) {
			t.Fatalf("tags of %s: %q, want %q", id, got, want)
		}
	}
	if got := must[pln.Node](t)(e.svc.Network.GetNode(a.ID)); !got.UpdatedAt.Equal(a.UpdatedAt) {
		t.Fatal("a node that did not change was written")
	}
	if name := lastStepName(t, e); name != "Tag 3 nodes “go”" {
		t.Fatalf("step %q", name)
	}
	ev := e.rec.takeAll()
	if len(ev) != 2 || ev[0].name != pln.EventNetworkChanged || ev[1].name != pln.EventHistoryChanged {
		t.Fatalf("events %+v", ev)
	}
	nc := ev[0].payload.(pln.NetworkChanged)
	want := []string{b.ID, c.ID, ego.ID}
	slices.Sort(want)
	slices.Sort(nc.NodeIDs)
	if nc.Reason != pln.ReasonUpdate || !slices.Equal(nc.NodeIDs, want) || len(nc.TieIDs) != 0 {
		t.Fatalf("network event %+v", nc)
	}

	// Removing matches any case.
	n = must[int](t)(e.svc.Network.TagNodes([]string{a.ID, b.ID, c.ID}, nil, []string{"GO"}))
	if n != 3 || len(tagsOf(t, e, a.ID)) != 0 || !slices.Equal(tagsOf(t, e, b.ID), []string{"rust"}) {
		t.Fatalf("untag: %d, a %q b %q", n, tagsOf(t, e, a.ID), tagsOf(t, e, b.ID))
	}
	if name := lastStepName(t, e); name != "Untag 3 nodes “GO”" {
		t.Fatalf("step %q", name)
	}
	n = must[int](t)(e.svc.Network.TagNodes([]string{a.ID, b.ID}, []string{"teaching", "ml"}, []string{"rust"}))
	if n != 2 || !slices.Equal(tagsOf(t, e, b.ID), []string{"teaching", "ml"}) {
		t.Fatalf("retag: %d, b %q", n, tagsOf(t, e, b.ID))
	}
	if name := lastStepName(t, e); name != "Retag 2 nodes" {
		t.Fatalf("step %q", name)
	}
	n = must[int](t)(e.svc.Network.TagNodes([]string{c.ID}, []string{"a", "b"}, nil))
	if name := lastStepName(t, e); n != 1 || name != "Tag 1 node “a”, “b”" {
		t.Fatalf("one node: %d %q", n, name)
	}

	for range 4 {
		must[pln.HistoryStep](t)(e.svc.History.Undo())
	}
	if got := stateDump(t, e.st); !reflect.DeepEqual(got, before) {
		t.Fatalf("undoing the four tag steps does not bring the tags back:\n%s", diffDumps(before, got))
	}
}

// A TagNodes call that changes no node logs nothing and emits nothing.
func TestTagNodesNoOpLogsNothing(t *testing.T) {
	e := newEnv(t)
	f := person("Ada")
	f.Tags = []string{"Go"}
	a := must[pln.Node](t)(e.svc.Network.CreateNode(f, 0, 0))
	b := must[pln.Node](t)(e.svc.Network.CreateNode(person("Grace"), 0, 0))
	before, steps := stateDump(t, e.st), stepCount(t, e)
	h0 := must[pln.HistoryChanged](t)(e.svc.History.State())
	e.rec.takeAll()
	for _, c := range []struct{ add, remove []string }{{[]string{"go"}, nil}, {nil, []string{"rust"}}} {
		n := must[int](t)(e.svc.Network.TagNodes([]string{a.ID}, c.add, c.remove))
		if n != 0 {
			t.Fatalf("%+v: %d nodes changed", c, n)
		}
	}
	if n := must[int](t)(e.svc.Network.TagNodes([]string{b.ID}, nil, []string{"go"})); n != 0 {
		t.Fatalf("untag of an untagged node: %d", n)
	}
	if got := stateDump(t, e.st); !reflect.DeepEqual(got, before) {
		t.Fatal("a no-op TagNodes changed the store")
	}
	if stepCount(t, e) != steps {
		t.Fatal("a no-op TagNodes logged a step")
	}
	if h := must[pln.HistoryChanged](t)(e.svc.History.State()); !reflect.DeepEqual(h, h0) {
		t.Fatalf("undo state %+v, was %+v", h, h0)
	}
	if ev := e.rec.takeAll(); len(ev) != 0 {
		t.Fatalf("a no-op TagNodes emitted %+v", ev)
	}
}

// A refused TagNodes changes no node.
func TestTagNodesRefusals(t *testing.T) {
	e := newEnv(t)
	a := must[pln.Node](t)(e.svc.Network.CreateNode(person("Ada"), 0, 0))
	f := person("Grace")
	for i := range pln.MaxTags {
		f.Tags = append(f.Tags, fmt.Sprint("t", i))
	}
	full := must[pln.Node](t)(e.svc.Network.CreateNode(f, 0, 0))
	gone := pln.NewID()
	tag := func(ids, add, remove []string) func() error {
		return func() error { _, err := e.svc.Network.TagNodes(ids, add, remove); return err }
	}
	one := []string{a.ID}
	refused(t, e, "no ids", pln.CodeInvalid, tag(nil, []string{"go"}, nil), "No nodes")
	refused(t, e, "no tags", pln.CodeInvalid, tag(one, []string{" ", ""}, nil), "No tag")
	refused(t, e, "added and removed", pln.CodeInvalid, tag(one, []string{"Go"}, []string{"go"}), `"Go"`)
	refused(t, e, "a malformed id", pln.CodeInvalid, tag([]string{a.ID, "x"}, []string{"go"}, nil), `"x"`)
	refused(t, e, "a missing node", pln.CodeNotFound, tag([]string{a.ID, gone}, []string{"go"}, nil), gone)
	refused(t, e, "a bad tag", pln.CodeInvalid, tag(one, []string{"a\nb"}, nil), "line break")
	refused(t, e, "a long tag", pln.CodeTooLarge, tag(one, []string{strings.Repeat("x", pln.MaxTagLen+1)}, nil), "longer")
	refused(t, e, "too many tags on a node", pln.CodeTooLarge, tag([]string{a.ID, full.ID}, []string{"one more"}, nil), "“Grace”")
	many := make([]string, MaxBulk+1)
	for i := range many {
		many[i] = pln.NewID()
	}
	refused(t, e, "over the limit", pln.CodeTooLarge, tag(many, []string{"go"}, nil), fmt.Sprint(MaxBulk))
	// A tag the full node has already is no change, so the rest go through.
	if n := must[int](t)(e.svc.Network.TagNodes([]string{a.ID, full.ID}, []string{"T0"}, nil)); n != 1 {
		t.Fatalf("%d nodes changed, want 1", n)
	}
}

// Pinning a selection without moving it goes through SetPositions with
// each node's current position: one "Pin …" step.
func TestPinSelectionKeepsPositions(t *testing.T) {
	e := newEnv(t)
	a := must[pln.Node](t)(e.svc.Network.CreateNode(person("Ada"), 1, 2))
	b := must[pln.Node](t)(e.svc.Network.CreateNode(person("Grace"), 3, 4))
	noErr(t, e.svc.Network.SetPositions([]pln.Position{{ID: a.ID, X: 1, Y: 2}, {ID: b.ID, X: 3, Y: 4}}))
	if name := lastStepName(t, e); name != "Unpin 2 nodes" {
		t.Fatalf("step %q", name)
	}
	noErr(t, e.svc.Network.SetPositions([]pln.Position{{ID: a.ID, X: 1, Y: 2, Pinned: true}, {ID: b.ID, X: 3, Y: 4, Pinned: true}}))
	if name := lastStepName(t, e); name != "Pin 2 nodes" {
		t.Fatalf("step %q", name)
	}
}

// A selection with more ties than one transaction holds is refused as a
// whole: too_large, and nothing changes.
func TestDeleteNodesTooLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a network of MaxBulk nodes and 10,000 ties")
	}
	e := newEnv(t)
	now := e.clk.now()
	ids := putBulkNodes(t, e, func(i int, n pln.Node) pln.Node {
		n.Label, n.Kind = fmt.Sprint("Hub ", i), pln.KindPerson
		return n
	})
	for lo := 0; lo < len(ids); lo += 100 {
		noErr(t, e.st.Update(func(tx *store.Tx) error {
			for i := lo; i < lo+100; i++ {
				for j := 1; j <= 10; j++ {
					tie := pln.Tie{ID: pln.NewID(), From: ids[i], To: ids[(i+j)%len(ids)], Relation: "knows", Strength: 3, CreatedAt: now, UpdatedAt: now}
					if err := tx.PutTie(tie); err != nil {
						return err
					}
				}
			}
			return nil
		}))
	}
	refused(t, e, "10,000 ties", pln.CodeTooLarge, func() error { return e.svc.Network.DeleteNodes(ids) }, "smaller parts")
	noErr(t, e.svc.Network.DeleteNodes(ids[:100])) // a part goes through
}

// putBulkNodes stores MaxBulk alters in one transaction: node(i, n) fills in
// the i-th from n, which holds its new id and the clock's time. It returns
// their ids in order.
func putBulkNodes(t *testing.T, e *env, node func(i int, n pln.Node) pln.Node) []string {
	t.Helper()
	now := e.clk.now()
	ids := make([]string, MaxBulk)
	noErr(t, e.st.Update(func(tx *store.Tx) error {
		for i := range ids {
			ids[i] = pln.NewID()
			if err := tx.PutNode(node(i, pln.Node{ID: ids[i], CreatedAt: now, UpdatedAt: now})); err != nil {
				return err
			}
		}
		return nil
	}))
	return ids
}
