package service

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

func stateDump(t testing.TB, st *store.Store) []store.KV {
	t.Helper()
	d, err := st.StateDump()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// undoAll undoes until there is nothing left and returns how many steps it took.
func undoAll(t testing.TB, e *env) int {
	t.Helper()
	n := 0
	for ; ; n++ {
		_, err := e.svc.History.Undo()
		if pln.CodeOf(err) == pln.CodeNotFound {
			return n
		}
		if err != nil {
			t.Fatalf("undo %d: %v", n+1, err)
		}
	}
}

func redoAll(t testing.TB, e *env) int {
	t.Helper()
	n := 0
	for ; ; n++ {
		_, err := e.svc.History.Redo()
		if pln.CodeOf(err) == pln.CodeNotFound {
			return n
		}
		if err != nil {
			t.Fatalf("redo %d: %v", n+1, err)
		}
	}
}

func diffDumps(a, b []store.KV) string {
	am := map[string]string{}
	for _, kv := range a {
		am[kv.K] = kv.V
	}
	bm := map[string]string{}
	for _, kv := range b {
		bm[kv.K] = kv.V
	}
	var out []string
	for k, v := range am {
		if w, ok := bm[k]; !ok {
			out = append(out, "only before: "+k)
		} else if w != v {
			out = append(out, "differs: "+k)
		}
	}
	for k := range bm {
		if _, ok := am[k]; !ok {
			out = append(out, "only after: "+k)
		}
	}
	slices.Sort(out)
	if len(out) > 8 {
		out = append(out[:8], fmt.Sprintf("… %d in all", len(out)))
	}
	return strings.Join(out, "\n")
}

// The history's central property: any sequence of edits (imports, undos and
// redos among them), then undo all, gives back the store's state byte for
// byte (history keys aside); redo all gives the end state; and both hold
// again after closing and reopening the store.
func TestUndoAllRedoAllProperty(t *testing.T) {
	testUndoAllRedoAll(t)
}

// The same with every step of more than 3 record changes staged (as a
// layout stop of 50,000 nodes is): moves, cascades, imports and their
// undos go through the staged path.
func TestUndoAllRedoAllPropertyStaged(t *testing.T) {
	old := store.StagedAbove
	store.StagedAbove = 3
	defer func() { store.StagedAbove = old }()
	testUndoAllRedoAll(t)
}

func testUndoAllRedoAll(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		e := newEnv(t)
		start := stateDump(t, e.st)
		runRandomEdits(rt, e)
		// The sequence may end with undos: "the end" is then the state with
		// those steps redone (what redo all reaches).
		redoAll(t, e)
		end := stateDump(t, e.st)

		undoAll(t, e)
		if got := stateDump(t, e.st); !reflect.DeepEqual(got, start) {
			rt.Fatalf("undo all: state differs from the start:\n%s", diffDumps(start, got))
		}
		redoAll(t, e)
		if got := stateDump(t, e.st); !reflect.DeepEqual(got, end) {
			rt.Fatalf("redo all: state differs from the end:\n%s", diffDumps(end, got))
		}
		e = e.reopen()
		undoAll(t, e)
		if got := stateDump(t, e.st); !reflect.DeepEqual(got, start) {
			rt.Fatalf("undo all after reopen: state differs from the start:\n%s", diffDumps(start, got))
		}
		redoAll(t, e)
		if got := stateDump(t, e.st); !reflect.DeepEqual(got, end) {
			rt.Fatalf("redo all after reopen: state differs from the end:\n%s", diffDumps(end, got))
		}
	})
}

// runRandomEdits drives the services with a random sequence of gestures.
// Gestures the services refuse (a twin tie, say) are part of the test: a
// refused gesture must log nothing.
func runRandomEdits(rt *rapid.T, e *env) {
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
	entries := func() []pln.Entry {
		p, err := e.svc.Journal.ListEntries(EntryQuery{Limit: MaxEntryLimit})
		if err != nil {
			rt.Fatal(err)
		}
		return p.Entries
	}
	seq := 0
	steps := rapid.IntRange(1, 25).Draw(rt, "steps")
	for range steps {
		seq++
		e.clk.advance(time.Duration(rapid.IntRange(1, 900).Draw(rt, "seconds")) * time.Second)
		ns := alters()
		op := rapid.SampledFrom([]string{"node", "node", "edit", "delete", "tie", "tie", "untie", "move", "entry", "reentry", "unentry", "link", "opml", "undo", "redo"}).Draw(rt, "op")
		var err error
		switch {
		case op == "node" || len(ns) == 0 && op != "opml" && op != "link" && op != "undo" && op != "redo":
			_, err = e.svc.Network.CreateNode(person(fmt.Sprintf("n%d", seq)), float64(seq), -float64(seq))
		case op == "edit":
			n := pick("edit", ns)
			f := n.Fields()
			f.Label = fmt.Sprintf("renamed %d", seq)
			f.Tags = []string{"t" + fmt.Sprint(seq%3)}
			_, err = e.svc.Network.UpdateNode(n.ID, f)
		case op == "delete":
			err = e.svc.Network.DeleteNode(pick("delete", ns).ID)
		case op == "tie" && len(ns) >= 2:
			a, b := pick("from", ns), pick("to", ns)
			_, err = e.svc.Network.CreateTie(pln.TieFields{From: a.ID, To: b.ID, Relation: rapid.SampledFrom([]string{"knows", "works with"}).Draw(rt, "rel")})
		case op == "untie":
			nw, _ := e.svc.Network.Network()
			if len(nw.Ties) > 0 {
				t := nw.Ties[rapid.IntRange(0, len(nw.Ties)-1).Draw(rt, "tie")]
				if rapid.Bool().Draw(rt, "delete tie") {
					err = e.svc.Network.DeleteTie(t.ID)
				} else {
					_, err = e.svc.Network.UpdateTie(t.ID, pln.TieFields{Relation: t.Relation, Strength: 5, Note: "note"})
				}
			}
		case op == "move":
			var ps []pln.Position
			for i, n := range ns {
				if rapid.Bool().Draw(rt, "moves") {
					ps = append(ps, pln.Position{ID: n.ID, X: float64(i * seq), Y: 3, Pinned: rapid.Bool().Draw(rt, "pin")})
				}
			}
			err = e.svc.Network.SetPositions(ps)
		case op == "entry":
			var ids []string
			for _, n := range ns {
				if rapid.Bool().Draw(rt, "link") {
					ids = append(ids, n.ID)
				}
			}
			_, err = e.svc.Journal.CreateEntry(pln.EntryFields{OccurredAt: e.clk.now(), Body: fmt.Sprintf("entry %d", seq), NodeIDs: ids})
		case op == "reentry" || op == "unentry":
			es := entries()
			if len(es) == 0 {
				continue
			}
			en := es[rapid.IntRange(0, len(es)-1).Draw(rt, "entry")]
			if op == "unentry" {
				err = e.svc.Journal.DeleteEntry(en.ID)
			} else {
				_, err = e.svc.Journal.UpdateEntry(en.ID, pln.EntryFields{OccurredAt: en.OccurredAt.Add(time.Hour), Body: en.Body + " more", NodeIDs: en.NodeIDs})
			}
		case op == "link":
			_, err = e.svc.Import.ImportLink(fmt.Sprintf("https://l%d.example/", seq), "")
		case op == "opml":
			var b strings.Builder
			b.WriteString(`<?xml version="1.0"?><opml version="2.0"><body><outline text="Folder">`)
			for i := range rapid.IntRange(1, 5).Draw(rt, "feeds") {
				fmt.Fprintf(&b, `<outline text="f%d-%d" type="rss" xmlUrl="https://f%d.example/%d.xml"/>`, seq, i, seq, i)
			}
			b.WriteString(`</outline></body></opml>`)
			_, err = e.svc.Files.ImportFile(fmt.Sprintf("feeds-%d.opml", seq), []byte(b.String()))
		case op == "undo":
			_, err = e.svc.History.Undo()
		case op == "redo":
			_, err = e.svc.History.Redo()
		}
		if err != nil && pln.CodeOf(err) == pln.CodeInternal {
			rt.Fatalf("%s: %v", op, err)
		}
	}
}

// A record changed outside the history (here: straight in the store, as an
// older build or a repair would) is never overwritten by an undo: the undo
// is refused with a message naming it, and nothing changes.
func TestUndoRefusesOverChangesOutsideTheHistory(t *testing.T) {
	e := newEnv(t)
	a := must[pln.Node](t)(e.svc.Network.CreateNode(person("Ada"), 0, 0))
	f := a.Fields()
	f.Label = "Ada Lovelace"
	must[pln.Node](t)(e.svc.Network.UpdateNode(a.ID, f))
	noErr(t, e.st.Update(func(tx *store.Tx) error {
		n, err := tx.GetNode(a.ID)
		if err != nil {
			return err
		}
		n.Label = "Countess of Lovelace"
		return tx.PutNode(n)
	}))
	before := stateDump(t, e.st)
	_, err := e.svc.History.Undo()
	wantCode(t, err, pln.CodeConflict)
	if !strings.Contains(err.Error(), `"Rename “Ada” to “Ada Lovelace”" cannot be undone: node "Countess of Lovelace" changed since`) {
		t.Fatalf("message %q", err)
	}
	if got := stateDump(t, e.st); !reflect.DeepEqual(got, before) {
		t.Fatal("a refused undo changed the store")
	}
	// The step stays undoable: once the record is back as the step left it,
	// undo works.
	h := must[pln.HistoryChanged](t)(e.svc.History.State())
	if h.Undo == nil || !strings.HasPrefix(h.Undo.Name, "Rename") {
		t.Fatalf("undo state %+v", h.Undo)
	}
}

// Delete with its cascade is one step: undo brings back the node, its ties
// and the journal entries' links to it.
func TestUndoDeleteBringsBackTheCascade(t *testing.T) {
	e := newEnv(t)
	a := must[pln.Node](t)(e.svc.Network.CreateNode(person("Ada"), 1, 2))
	b := must[pln.Node](t)(e.svc.Network.CreateNode(person("Grace"), 3, 4))
	c := must[pln.Node](t)(e.svc.Network.CreateNode(person("Linus"), 5, 6))
	must[pln.Tie](t)(e.svc.Network.CreateTie(pln.TieFields{From: a.ID, To: b.ID, Relation: "knows"}))
	must[pln.Tie](t)(e.svc.Network.CreateTie(pln.TieFields{From: c.ID, To: a.ID, Relation: "learns from", Directed: true}))
	en := must[pln.Entry](t)(e.svc.Journal.CreateEntry(pln.EntryFields{OccurredAt: e.clk.now(), Body: "Met Ada", NodeIDs: []string{a.ID, b.ID}}))
	before, entriesBefore := e.networkJSON(), e.entriesJSON()
	e.rec.take()
	noErr(t, e.svc.Network.DeleteNode(a.ID))
	h := must[pln.HistoryChanged](t)(e.svc.History.State())
	if h.Undo == nil || h.Undo.Name != "Delete “Ada” and 2 ties" {
		t.Fatalf("step %+v", h.Undo)
	}
	if got := must[pln.Entry](t)(e.svc.Journal.GetEntry(en.ID)); !slices.Equal(got.NodeIDs, []string{b.ID}) {
		t.Fatalf("entry after delete %v", got.NodeIDs)
	}
	e.rec.take()
	step := must[pln.HistoryStep](t)(e.svc.History.Undo())
	if step.Name != "Undo: Delete “Ada” and 2 ties" {
		t.Fatalf("undo %+v", step)
	}
	if e.networkJSON() != before || e.entriesJSON() != entriesBefore {
		t.Fatal("undo of the delete did not bring everything back")
	}
	ev := e.rec.take()
	if len(ev) != 2 || ev[0].payload.(pln.NetworkChanged).Reason != pln.ReasonUndo || len(ev[0].payload.(pln.NetworkChanged).TieIDs) != 2 ||
		ev[1].payload.(pln.JournalChanged).Reason != pln.ReasonUndo || !slices.Equal(ev[1].payload.(pln.JournalChanged).EntryIDs, []string{en.ID}) {
		t.Fatalf("events %+v", ev)
	}
}

// Autosaves of one entry are one step while nothing else happens in
// between; another edit in between starts a new one.
func TestEntryAutosavesMergeIntoOneStep(t *testing.T) {
	e := newEnv(t)
	en := must[pln.Entry](t)(e.svc.Journal.CreateEntry(pln.EntryFields{OccurredAt: e.clk.now(), Body: "Fir"}))
	for _, body := range []string{"First", "First line", "First line\nand more"} {
		e.clk.advance(2 * time.Second)
		must[pln.Entry](t)(e.svc.Journal.UpdateEntry(en.ID, pln.EntryFields{OccurredAt: en.OccurredAt, Body: body}))
	}
	page := must[HistoryPage](t)(e.svc.History.Steps("", 10))
	if len(page.Steps) != 1 || page.Steps[0].Name != "Write entry “First line”" {
		t.Fatalf("steps %+v", page.Steps)
	}
	must[pln.Node](t)(e.svc.Network.CreateNode(person("between"), 0, 0))
	e.clk.advance(time.Second)
	must[pln.Entry](t)(e.svc.Journal.UpdateEntry(en.ID, pln.EntryFields{OccurredAt: en.OccurredAt, Body: "Second session"}))
	if page := must[HistoryPage](t)(e.svc.History.Steps("", 10)); len(page.Steps) != 3 {
		t.Fatalf("steps %+v", page.Steps)
	}
	must[pln.HistoryStep](t)(e.svc.History.Undo()) // the second session
	must[pln.HistoryStep](t)(e.svc.History.Undo()) // the node
	must[pln.HistoryStep](t)(e.svc.History.Undo()) // the whole first session
	_, err := e.svc.Journal.GetEntry(en.ID)
	wantCode(t, err, pln.CodeNotFound)
	// Far apart in time, saves are separate steps.
	en2 := must[pln.Entry](t)(e.svc.Journal.CreateEntry(pln.EntryFields{OccurredAt: e.clk.now(), Body: "x"}))
	e.clk.advance(store.MergeWindow + time.Second)
	must[pln.Entry](t)(e.svc.Journal.UpdateEntry(en2.ID, pln.EntryFields{OccurredAt: en2.OccurredAt, Body: "y"}))
	if h := must[pln.HistoryChanged](t)(e.svc.History.State()); h.Undo == nil || h.Undo.Name != "Edit entry “y”" {
		t.Fatalf("undo %+v", h.Undo)
	}
	must[pln.HistoryStep](t)(e.svc.History.Undo())
	if got := must[pln.Entry](t)(e.svc.Journal.GetEntry(en2.ID)); got.Body != "x" {
		t.Fatalf("body %q", got.Body)
	}
}

// Undo reaches back the undo limit; older steps stay in the log.
func TestUndoLimit(t *testing.T) {
	e := newEnv(t)
	noErr(t, e.st.SetUndoLimit(3))
	for i := range 5 {
		must[pln.Node](t)(e.svc.Network.CreateNode(person(fmt.Sprint("n", i)), 0, 0))
	}
	if n := undoAll(t, e); n != 3 {
		t.Fatalf("undid %d steps, want 3", n)
	}
	if nw := must[Network](t)(e.svc.Network.Network()); len(nw.Nodes) != 3 {
		t.Fatalf("%d nodes left, want the ego and two", len(nw.Nodes))
	}
	if page := must[HistoryPage](t)(e.svc.History.Steps("", 100)); len(page.Steps) != 8 {
		t.Fatalf("%d log entries, want 5 edits and 3 undos", len(page.Steps))
	}
	wantCode(t, e.st.SetUndoLimit(0), pln.CodeInvalid)
}

// Moving a node and then the same node back changes nothing; a move to the
// same place logs no step.
func TestNoOpWritesLogNothing(t *testing.T) {
	e := newEnv(t)
	a := must[pln.Node](t)(e.svc.Network.CreateNode(person("Ada"), 1, 1))
	// A node made by hand is pinned where it was put (CreateNode).
	noErr(t, e.svc.Network.SetPositions([]pln.Position{{ID: a.ID, X: 1, Y: 1, Pinned: true}}))
	if page := must[HistoryPage](t)(e.svc.History.Steps("", 10)); len(page.Steps) != 1 {
		t.Fatalf("steps %+v", page.Steps)
	}
	noErr(t, e.svc.Network.SetPositions([]pln.Position{{ID: a.ID, X: 1, Y: 1}}))
	if h := must[pln.HistoryChanged](t)(e.svc.History.State()); h.Undo.Name != "Unpin “Ada”" {
		t.Fatalf("undo %+v", h.Undo)
	}
}

// The network as of a date: a scripted history checked at three dates.
func TestAsOfThreeDates(t *testing.T) {
	e := newEnv(t)
	day := func(d int) time.Time { return time.Date(2026, 3, d, 12, 0, 0, 0, time.UTC) }
	e.clk.set(day(2))
	a := must[pln.Node](t)(e.svc.Network.CreateNode(person("Ada"), 1, 1))
	b := must[pln.Node](t)(e.svc.Network.CreateNode(person("Grace"), 2, 2))
	tie := must[pln.Tie](t)(e.svc.Network.CreateTie(pln.TieFields{From: a.ID, To: b.ID, Relation: "knows"}))
	e.clk.set(day(4))
	f := a.Fields()
	f.Label = "Ada Lovelace"
	must[pln.Node](t)(e.svc.Network.UpdateNode(a.ID, f))
	must[pln.ImportResult](t)(e.svc.Files.ImportFile("iran.opml", fixture(t, "plenary_Iran.opml")))
	noErr(t, e.svc.Network.SetPositions([]pln.Position{{ID: b.ID, X: 9, Y: 9, Pinned: true}}))
	e.clk.set(day(6))
	noErr(t, e.svc.Network.DeleteNode(b.ID))
	must[pln.HistoryStep](t)(e.svc.History.Undo()) // the delete, undone …
	must[pln.HistoryStep](t)(e.svc.History.Redo()) // … and redone: Grace is gone on day 6
	e.clk.set(day(8))
	must[pln.HistoryStep](t)(e.svc.History.Undo()) // Grace back on day 8

	type want struct {
		labels []string
		ties   int
		graceX float64
	}
	check := func(at time.Time, w want) {
		t.Helper()
		nw, _, err := e.svc.History.asOf(at)
		noErr(t, err)
		var labels []string
		graceX := -1.0
		for _, n := range nw.Nodes {
			if n.Ego || n.ImportID != "" {
				if n.ImportID != "" {
					labels = append(labels, "imported")
				}
				continue
			}
			labels = append(labels, n.Label)
			if n.ID == b.ID {
				graceX = n.X
			}
		}
		labels = slices.Compact(labels)
		if !slices.Equal(labels, w.labels) || len(nw.Ties) != w.ties || graceX != w.graceX {
			t.Fatalf("as of %s: %v, %d ties, Grace at x=%g; want %+v", at, labels, len(nw.Ties), graceX, w)
		}
	}
	check(day(1), want{nil, 0, -1})
	check(day(3), want{[]string{"Ada", "Grace"}, 1, 2})
	check(day(5), want{[]string{"Ada Lovelace", "Grace", "imported"}, 1, 9})
	check(day(7), want{[]string{"Ada Lovelace", "imported"}, 0, -1})
	check(day(9), want{[]string{"Ada Lovelace", "Grace", "imported"}, 1, 9})

	d := must[Diff](t)(e.svc.History.diff(day(3), day(7)))
	if !slices.Equal(d.Nodes.Removed, []string{b.ID}) || len(d.Nodes.Added) != 7 || !slices.Equal(d.Ties.Removed, []string{tie.ID}) ||
		len(d.Nodes.Changed) != 1 || d.Nodes.Changed[0].ID != a.ID || !slices.Equal(d.Nodes.Changed[0].Fields, []string{"label"}) {
		t.Fatalf("diff %+v", d)
	}
}

// The date slider's delta: the network as of S, patched with
// AsOfDelta(S, T) the way the UI patches its mirror (replace what is sent,
// drop what is missing and ties left without an end), is the network as of
// T, for random histories and random S and T.
func TestAsOfDeltaProperty(t *testing.T) {
	testAsOfDelta(t)
}

// The same with the delta's other way of finding values (one walk of the
// steps after T, as for large deltas).
func TestAsOfDeltaPropertyWalk(t *testing.T) {
	old := store.DeltaWalkAbove
	store.DeltaWalkAbove = 0
	defer func() { store.DeltaWalkAbove = old }()
	testAsOfDelta(t)
}

func testAsOfDelta(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		e := newEnv(t)
		times := []time.Time{e.clk.now()}
		steps := rapid.IntRange(1, 6).Draw(rt, "batches")
		for range steps {
			runRandomEdits(rt, e)
			times = append(times, e.clk.now())
			e.clk.advance(time.Second)
		}
		for range 4 {
			s := times[rapid.IntRange(0, len(times)-1).Draw(rt, "S")]
			at := times[rapid.IntRange(0, len(times)-1).Draw(rt, "T")]
			from, _, err := e.svc.History.asOf(s)
			noErr(t, err)
			want, _, err := e.svc.History.asOf(at)
			noErr(t, err)
			d, err := e.st.AsOfDelta(s, at)
			noErr(t, err)
			if !at.Before(s) {
				// The diff from two deltas equals comparing the two whole networks.
				got, err := e.svc.History.diff(s, at)
				noErr(t, err)
				wantN, _ := diffRecords(from.Nodes, want.Nodes, func(n pln.Node) string { return n.ID })
				wantT, _ := diffRecords(from.Ties, want.Ties, func(t pln.Tie) string { return t.ID })
				if !reflect.DeepEqual(got.Nodes, wantN) || !reflect.DeepEqual(got.Ties, wantT) {
					rt.Fatalf("diff %s → %s:\n got %+v %+v\nwant %+v %+v", s, at, got.Nodes, got.Ties, wantN, wantT)
				}
			}
			got := patchNetwork(from, d)
			if g, w := networkKey(got), networkKey(want); g != w {
				var log []string
				_ = e.st.Steps(time.Time{}, time.Time{}, func(st store.Step) (bool, error) {
					var ks []string
					for _, c := range st.Changes {
						ks = append(ks, fmt.Sprintf("%x:%s", c.Table(), c.ID()[len(c.ID())-4:]))
					}
					log = append(log, fmt.Sprintf("%s %s %v", st.At.Format("15:04:05"), st.Name, ks))
					return true, nil
				})
				rt.Fatalf("as of %s patched to %s:\n got %s\nwant %s\ndelta %+v\nlog:\n%s", s, at, g, w, d, strings.Join(log, "\n"))
			}
		}
	})
}

func patchNetwork(nw Network, d store.Delta) Network {
	nodes := map[string]pln.Node{}
	for _, n := range nw.Nodes {
		nodes[n.ID] = n
	}
	ties := map[string]pln.Tie{}
	for _, t := range nw.Ties {
		ties[t.ID] = t
	}
	for _, n := range d.Nodes {
		nodes[n.ID] = n
	}
	for _, id := range d.MissingNodes {
		delete(nodes, id)
	}
	for _, t := range d.Ties {
		ties[t.ID] = t
	}
	for _, id := range d.MissingTies {
		delete(ties, id)
	}
	out := Network{Ego: nw.Ego}
	for _, n := range nodes {
		out.Nodes = append(out.Nodes, n)
	}
	for _, t := range ties {
		if _, ok := nodes[t.From]; !ok {
			continue
		}
		if _, ok := nodes[t.To]; !ok {
			continue
		}
		out.Ties = append(out.Ties, t)
	}
	return out
}

// networkKey is a canonical text of a network (sorted records).
func networkKey(nw Network) string {
	var parts []string
	for _, n := range nw.Nodes {
		parts = append(parts, fmt.Sprintf("N %s %q %g %g %v %s", n.ID, n.Label, n.X, n.Y, n.Pinned, n.UpdatedAt.Format(time.RFC3339Nano)))
	}
	for _, t := range nw.Ties {
		parts = append(parts, fmt.Sprintf("T %s %s %s %q %d", t.ID, t.From, t.To, t.Relation, t.Strength))
	}
	slices.Sort(parts)
	return strings.Join(parts, "\n")
}

// Found in review: saves 9 minutes apart for two hours merged into one
// step whose time moved to the last save, so the entry was missing "as of"
// any time in between, and one undo deleted two hours of writing. Now a
// merged step keeps its first time and spans at most MergeWindow.
func TestEntrySavesOverHoursAreSeveralSteps(t *testing.T) {
	e := newEnv(t)
	start := time.Date(2026, 3, 1, 23, 55, 0, 0, time.UTC)
	e.clk.set(start)
	en := must[pln.Entry](t)(e.svc.Journal.CreateEntry(pln.EntryFields{OccurredAt: start, Body: "first draft"}))
	for i := range 12 {
		e.clk.advance(9 * time.Minute)
		must[pln.Entry](t)(e.svc.Journal.UpdateEntry(en.ID, pln.EntryFields{OccurredAt: start, Body: fmt.Sprint("draft ", i)}))
	}
	_, entries, err := e.svc.History.asOf(time.Date(2026, 3, 1, 23, 59, 59, 0, time.UTC))
	noErr(t, err)
	// (A merged step shows its last save from its first time on: the
	// entry is there, with the text of the saves merged into that step.)
	if len(entries) != 1 || entries[0].ID != en.ID {
		t.Fatalf("as of 23:59:59: %+v, want the entry", entries)
	}
	page := must[HistoryPage](t)(e.svc.History.Steps("", 100))
	if len(page.Steps) < 7 || page.Steps[len(page.Steps)-1].Name != "Write entry “draft 0”" {
		t.Fatalf("%d steps, oldest %q", len(page.Steps), page.Steps[len(page.Steps)-1].Name)
	}
	must[pln.HistoryStep](t)(e.svc.History.Undo())
	if got := must[pln.Entry](t)(e.svc.Journal.GetEntry(en.ID)); got.Body == "first draft" {
		t.Fatalf("one undo took back more than ten minutes of saves: %q", got.Body)
	}
}

// Steps whose redo a new edit cleared are listed as undone.
func TestHistoryListsClearedRedoAsUndone(t *testing.T) {
	e := newEnv(t)
	must[pln.Node](t)(e.svc.Network.CreateNode(person("a"), 0, 0))
	must[pln.Node](t)(e.svc.Network.CreateNode(person("b"), 0, 0))
	must[pln.HistoryStep](t)(e.svc.History.Undo())
	must[pln.Node](t)(e.svc.Network.CreateNode(person("c"), 0, 0))
	page := must[HistoryPage](t)(e.svc.History.Steps("", 10))
	var got []string
	for _, s := range page.Steps {
		got = append(got, fmt.Sprintf("%s undone=%v undoable=%v redoable=%v", s.Name, s.Undone, s.Undoable, s.Redoable))
	}
	want := []string{
		"Add “c” undone=false undoable=true redoable=false",
		"Undo: Add “b” undone=false undoable=false redoable=false",
		"Add “b” undone=true undoable=false redoable=false",
		"Add “a” undone=false undoable=true redoable=false",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("steps\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Undo twice takes c, then a (b is already undone), and redo brings back a, then c.
	for _, w := range []string{"Undo: Add “c”", "Undo: Add “a”", "Redo: Add “a”", "Redo: Add “c”"} {
		var st pln.HistoryStep
		if strings.HasPrefix(w, "Undo") {
			st = must[pln.HistoryStep](t)(e.svc.History.Undo())
		} else {
			st = must[pln.HistoryStep](t)(e.svc.History.Redo())
		}
		if st.Name != w {
			t.Fatalf("got %q, want %q", st.Name, w)
		}
	}
	_, err := e.svc.History.Redo()
	wantCode(t, err, pln.CodeNotFound)
}
