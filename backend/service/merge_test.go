package service

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// checkRefs fails when anything names a node that does not exist: a tie
// end, an entry's link (visible or stored in its body as [[id|…]] of a
// node that existed before), a goal's helper, a view's focus; and when the
// store does not read back whole (what `plexus check` reads).
func checkRefs(t *testing.T, e *env, gone ...string) {
	t.Helper()
	nw := must[Network](t)(e.svc.Network.Network())
	have := map[string]bool{}
	for _, n := range nw.Nodes {
		have[n.ID] = true
	}
	for _, tie := range nw.Ties {
		if !have[tie.From] || !have[tie.To] || tie.From == tie.To {
			t.Fatalf("tie %+v dangles or loops", tie)
		}
	}
	var ties []pln.Tie
	noErr(t, e.st.View(func(tx *store.Tx) (err error) { ties, err = tx.TieRecords(); return err }))
	for _, tie := range ties {
		if !have[tie.From] || !have[tie.To] {
			t.Fatalf("stored tie %+v dangles", tie)
		}
	}
	p := must[EntryPage](t)(e.svc.Journal.ListEntries(EntryQuery{Limit: MaxEntryLimit}))
	for _, en := range p.Entries {
		for _, id := range en.NodeIDs {
			if !have[id] {
				t.Fatalf("entry %s links missing %s", en.ID, id)
			}
			// Each link is found from its node (the mention index is in step).
			q := must[EntryPage](t)(e.svc.Journal.ListEntries(EntryQuery{NodeID: id, Limit: MaxEntryLimit}))
			if !slices.ContainsFunc(q.Entries, func(x pln.Entry) bool { return x.ID == en.ID }) {
				t.Fatalf("entry %s links %s but is not listed for it", en.ID, id)
			}
		}
		for _, g := range gone {
			if strings.Contains(en.Body, g) {
				t.Fatalf("entry %s body still links merged %s: %q", en.ID, g, en.Body)
			}
		}
	}
	for _, g := range must[[]GoalView](t)(e.svc.Goals.Goals()) {
		for _, id := range g.Goal.NodeIDs {
			if !have[id] {
				t.Fatalf("goal %s helped by missing %s", g.Goal.ID, id)
			}
		}
	}
	for _, v := range must[[]pln.View](t)(e.svc.Views.Views()) {
		if v.State.Focus != nil {
			for _, id := range v.State.Focus.NodeIDs {
				if !have[id] {
					t.Fatalf("view %q focuses missing %s", v.Name, id)
				}
			}
		}
	}
	if _, problems, err := e.st.ReadTolerant(); err != nil || len(problems) != 0 {
		t.Fatalf("the store does not read back whole: %v %+v", err, problems)
	}
}

type mergeFixture struct {
	ada, ada2, ada3, grace, alan pln.Node
	entry                        pln.Entry
	goal                         GoalView
	view                         pln.View
}

// mergeWorld: Ada and two duplicates, Grace and Alan; ties that re-point,
// loop and collapse; an entry, a goal and a view naming the duplicates.
func mergeWorld(t *testing.T, e *env) mergeFixture {
	var f mergeFixture
	a := person("Ada")
	a.Tags, a.Emails, a.Extra = []string{"math"}, []string{"ada@x.org"}, map[string]string{"k": "kept"}
	a.Description = "Countess."
	f.ada = must[pln.Node](t)(e.svc.Network.CreateNode(a, 0, 0))
	b := person("ada")
	b.Tags, b.Emails, b.Organisation, b.URL = []string{"Math", "poetry"}, []string{"ADA@x.org", "ada@y.org"}, "Analytical Society", "https://ada.example/"
	b.Extra, b.Description, b.Role, b.Cadence = map[string]string{"k": "lost", "j": "taken"}, "Wrote the first program.", pln.RoleMentor, 30
	f.ada2 = must[pln.Node](t)(e.svc.Network.CreateNode(b, 1, 1))
	c := person("Ada L.")
	c.Organisation, c.Description = "Ignored", "Countess."
	f.ada3 = must[pln.Node](t)(e.svc.Network.CreateNode(c, 2, 2))
	f.grace = must[pln.Node](t)(e.svc.Network.CreateNode(person("Grace"), 3, 3))
	f.alan = must[pln.Node](t)(e.svc.Network.CreateNode(person("Alan"), 4, 4))
	tie := func(x, y pln.Node, rel string, s int, note string) {
		must[pln.Tie](t)(e.svc.Network.CreateTie(pln.TieFields{From: x.ID, To: y.ID, Relation: rel, Strength: s, Note: note}))
	}
	tie(f.ada, f.grace, "knows", 2, "met at a ball") // Ada—Grace knows
	tie(f.ada2, f.grace, "Knows", 4, "letters")      // collapses into it: strength 4, notes joined
	tie(f.ada2, f.alan, "knows", 3, "")              // re-pointed: Ada—Alan
	tie(f.ada, f.ada2, "same as", 3, "")             // a self-loop: dropped
	tie(f.ada2, f.ada3, "knows", 3, "")              // between two merged: dropped
	tie(f.ada3, f.grace, "works with", 5, "")        // re-pointed: a second Ada—Grace tie
	f.entry = must[pln.Entry](t)(e.svc.Journal.CreateEntry(pln.EntryFields{OccurredAt: e.clk.now(),
		Body: "Met [[" + f.ada2.ID + "|ada]] and [[" + f.ada.ID + "|Ada]]; `[[" + f.ada3.ID + "|code]]`", NodeIDs: []string{f.ada2.ID, f.ada.ID, f.grace.ID}}))
	f.goal = must[GoalView](t)(e.svc.Goals.CreateGoal(pln.GoalFields{Title: "Learn Lisp"}))
	f.goal = must[GoalView](t)(e.svc.Goals.LinkNode(f.goal.Goal.ID, f.ada3.ID))
	f.view = must[pln.View](t)(e.svc.Views.SaveView("Around Ada", pln.ViewState{Color: "kind", Size: "degree",
		Focus: &pln.ViewFocus{NodeIDs: []string{f.ada2.ID, f.grace.ID}, Steps: 1}}))
	return f
}

func TestMergeNodes(t *testing.T) {
	e := newEnv(t)
	f := mergeWorld(t, e)
	before, nw0, en0 := stateDump(t, e.st), e.networkJSON(), e.entriesJSON()
	e.rec.takeAll()

	kept := must[pln.Node](t)(e.svc.Network.MergeNodes(f.ada.ID, []string{f.ada2.ID, f.ada3.ID, f.ada2.ID}))

	// Fields.
	if kept.ID != f.ada.ID || kept.Label != "Ada" || kept.X != 0 || kept.Y != 0 || !kept.Pinned {
		t.Fatalf("kept node %+v", kept)
	}
	if !slices.Equal(kept.Tags, []string{"math", "poetry"}) || !slices.Equal(kept.Emails, []string{"ada@x.org", "ada@y.org"}) {
		t.Fatalf("unions: tags %v emails %v", kept.Tags, kept.Emails)
	}
	if kept.Organisation != "Analytical Society" || kept.URL != "https://ada.example/" || kept.Role != pln.RoleMentor || kept.Cadence != 30 || kept.CadenceSince.IsZero() {
		t.Fatalf("empty fields not taken in order: %+v", kept)
	}
	if kept.Description != "Countess."+MergeSeparator+"Wrote the first program." {
		t.Fatalf("description %q", kept.Description)
	}
	if !reflect.DeepEqual(kept.Extra, map[string]string{"k": "kept", "j": "taken"}) {
		t.Fatalf("extra %v", kept.Extra)
	}
	if got := must[pln.Node](t)(e.svc.Network.GetNode(f.ada.ID)); !reflect.DeepEqual(got, kept) {
		t.Fatalf("stored %+v, returned %+v", got, kept)
	}
	// Ties.
	nw := must[Network](t)(e.svc.Network.Network())
	if len(nw.Nodes) != 4 { // ego, Ada, Grace, Alan
		t.Fatalf("%d nodes", len(nw.Nodes))
	}
	var got []string
	for _, tie := range nw.Ties {
		other := tie.To
		if tie.To == f.ada.ID {
			other = tie.From
		} else if tie.From != f.ada.ID {
			t.Fatalf("a tie not of Ada: %+v", tie)
		}
		got = append(got, other+" "+strings.ToLower(tie.Relation))
		if other == f.grace.ID && strings.EqualFold(tie.Relation, "knows") && (tie.Strength != 4 || tie.Note != "met at a ball\n\nletters") {
			t.Fatalf("collapsed tie %+v", tie)
		}
	}
	slices.Sort(got)
	want := []string{f.grace.ID + " knows", f.grace.ID + " works with", f.alan.ID + " knows"}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("ties %v, want %v", got, want)
	}
	// Entries, goals, views.
	en := must[pln.Entry](t)(e.svc.Journal.GetEntry(f.entry.ID))
	if !slices.Equal(en.NodeIDs, []string{f.ada.ID, f.grace.ID}) {
		t.Fatalf("entry links %v", en.NodeIDs)
	}
	if want := "Met [[" + f.ada.ID + "|ada]] and [[" + f.ada.ID + "|Ada]]; `[[" + f.ada3.ID + "|code]]`"; en.Body != want {
		t.Fatalf("entry body %q, want %q (code left as written)", en.Body, want)
	}
	if g := must[GoalView](t)(e.svc.Goals.GetGoal(f.goal.Goal.ID)); !slices.Equal(g.Goal.NodeIDs, []string{f.ada.ID}) {
		t.Fatalf("goal helpers %v", g.Goal.NodeIDs)
	}
	vs := must[[]pln.View](t)(e.svc.Views.Views())
	wantFocus := []string{f.ada.ID, f.grace.ID}
	slices.Sort(wantFocus)
	if len(vs) != 1 || !slices.Equal(vs[0].State.Focus.NodeIDs, wantFocus) {
		t.Fatalf("view focus %+v", vs[0].State.Focus)
	}
	if n := must[NodeActivity](t)(e.svc.Journal.NodeActivity(f.ada.ID)); n.Interactions != 1 {
		t.Fatalf("Ada's interactions %+v", n)
	}
	checkRefs(t, e, f.ada2.ID)
	// One step, one event of each kind.
	if name := lastStepName(t, e); name != "Merge 2 nodes into “Ada”" {
		t.Fatalf("step %q", name)
	}
	if n := eventCounts(e); n[pln.EventNetworkChanged] != 1 || n[pln.EventJournalChanged] != 1 || n[pln.EventGoalsChanged] != 1 || n[pln.EventHistoryChanged] != 1 {
		t.Fatalf("events %v", n)
	}

	// Undo brings back everything exactly; redo merges again.
	must[pln.HistoryStep](t)(e.svc.History.Undo())
	if got := stateDump(t, e.st); !reflect.DeepEqual(got, before) {
		t.Fatalf("undo does not bring it all back:\n%s", diffDumps(before, got))
	}
	if e.networkJSON() != nw0 || e.entriesJSON() != en0 {
		t.Fatal("network or entries differ after the undo")
	}
	checkRefs(t, e)
	must[pln.HistoryStep](t)(e.svc.History.Redo())
	if got := must[pln.Node](t)(e.svc.Network.GetNode(f.ada.ID)); !reflect.DeepEqual(got, kept) {
		t.Fatalf("after the redo %+v", got)
	}
	checkRefs(t, e, f.ada2.ID)
}

// One merged node is named in the step.
func TestMergeNodesOneName(t *testing.T) {
	e := newEnv(t)
	a := must[pln.Node](t)(e.svc.Network.CreateNode(person("Ada"), 0, 0))
	b := must[pln.Node](t)(e.svc.Network.CreateNode(person("Ada"), 1, 0))
	must[pln.Node](t)(e.svc.Network.MergeNodes(b.ID, []string{a.ID})) // the newer one kept: fine
	if name := lastStepName(t, e); name != "Merge “Ada” into “Ada”" {
		t.Fatalf("step %q", name)
	}
	if _, err := e.svc.Network.GetNode(a.ID); pln.CodeOf(err) != pln.CodeNotFound {
		t.Fatalf("merged node still there: %v", err)
	}
}

// The ego can be kept: its ties to alters become their ego ties; a goal
// it would help loses the link. It is never merged away.
func TestMergeNodesEgo(t *testing.T) {
	e := newEnv(t)
	ego := must[pln.Node](t)(e.svc.Network.Ego())
	me := must[pln.Node](t)(e.svc.Network.CreateNode(person("Me again"), 0, 0))
	g := must[pln.Node](t)(e.svc.Network.CreateNode(person("Grace"), 1, 0))
	must[pln.Tie](t)(e.svc.Network.CreateTie(pln.TieFields{From: me.ID, To: g.ID, Relation: "mentor", Strength: 5}))
	goal := must[GoalView](t)(e.svc.Goals.CreateGoal(pln.GoalFields{Title: "Learn Go"}))
	must[GoalView](t)(e.svc.Goals.LinkNode(goal.Goal.ID, me.ID))

	refused(t, e, "ego merged away", pln.CodeInvalid, func() error { _, err := e.svc.Network.MergeNodes(me.ID, []string{ego.ID}); return err }, "ego")

	must[pln.Node](t)(e.svc.Network.MergeNodes(ego.ID, []string{me.ID}))
	nw := must[Network](t)(e.svc.Network.Network())
	if len(nw.Ties) != 0 || len(nw.Nodes) != 2 {
		t.Fatalf("ties %+v nodes %d", nw.Ties, len(nw.Nodes))
	}
	if got := must[pln.Node](t)(e.svc.Network.GetNode(g.ID)); got.Relation != "mentor" || got.Strength != 5 {
		t.Fatalf("Grace's ego tie %q %d", got.Relation, got.Strength)
	}
	if gv := must[GoalView](t)(e.svc.Goals.GetGoal(goal.Goal.ID)); len(gv.Goal.NodeIDs) != 0 {
		t.Fatalf("goal helped by %v", gv.Goal.NodeIDs)
	}
	checkRefs(t, e)
	must[pln.HistoryStep](t)(e.svc.History.Undo())
	checkRefs(t, e)
}

// Refused merges change nothing.
func TestMergeNodesRefusals(t *testing.T) {
	e := newEnv(t)
	f := mergeWorld(t, e)
	merge := func(keep string, others ...string) func() error {
		return func() error { _, err := e.svc.Network.MergeNodes(keep, others); return err }
	}
	missing := pln.NewID()
	refused(t, e, "unknown other", pln.CodeNotFound, merge(f.ada.ID, f.ada2.ID, missing), "Nothing was merged")
	refused(t, e, "unknown kept", pln.CodeNotFound, merge(missing, f.ada2.ID), "Nothing was merged")
	refused(t, e, "malformed", pln.CodeInvalid, merge(f.ada.ID, "nope"), "")
	refused(t, e, "no others", pln.CodeInvalid, merge(f.ada.ID), "")
	refused(t, e, "kept among others", pln.CodeInvalid, merge(f.ada.ID, f.ada2.ID, f.ada.ID), "also among")

	// Limits: tags over pln.MaxTags in all.
	many := func(prefix string, n int) []string {
		var out []string
		for i := range n {
			out = append(out, prefix+string(rune('a'+i/26))+string(rune('a'+i%26)))
		}
		return out
	}
	x := person("X")
	x.Tags = many("x", 40)
	y := person("Y")
	y.Tags = many("y", 30)
	nx := must[pln.Node](t)(e.svc.Network.CreateNode(x, 0, 0))
	ny := must[pln.Node](t)(e.svc.Network.CreateNode(y, 0, 0))
	refused(t, e, "tags", pln.CodeTooLarge, merge(nx.ID, ny.ID), "70 tags; the limit is 64")
	x.Tags, x.Emails = nil, nil
	for i := range 12 {
		x.Emails = append(x.Emails, "x"+string(rune('a'+i))+"@x.org")
	}
	y.Tags = nil
	for i := range 12 {
		y.Emails = append(y.Emails, "y"+string(rune('a'+i))+"@x.org")
	}
	must[pln.Node](t)(e.svc.Network.UpdateNode(nx.ID, x))
	must[pln.Node](t)(e.svc.Network.UpdateNode(ny.ID, y))
	refused(t, e, "emails", pln.CodeTooLarge, merge(nx.ID, ny.ID), "24 emails; the limit is 20")
	x.Emails, y.Emails = nil, nil
	x.Description = strings.Repeat("a", pln.MaxBodyBytes-10)
	y.Description = "something else entirely"
	must[pln.Node](t)(e.svc.Network.UpdateNode(nx.ID, x))
	must[pln.Node](t)(e.svc.Network.UpdateNode(ny.ID, y))
	refused(t, e, "description", pln.CodeTooLarge, merge(nx.ID, ny.ID), "description")
	checkRefs(t, e)
}
