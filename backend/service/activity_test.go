package service

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
)

// entryOn writes an entry linking nodes, dated at.
func (e *env) entryOn(at time.Time, typ pln.EntryType, nodes ...string) pln.Entry {
	e.t.Helper()
	return must[pln.Entry](e.t)(e.svc.Journal.CreateEntry(pln.EntryFields{OccurredAt: at, Body: "met", NodeIDs: nodes, Type: typ}))
}

func (e *env) activityOf(id string) NodeActivity {
	e.t.Helper()
	return must[NodeActivity](e.t)(e.svc.Journal.NodeActivity(id))
}

func withCadence(label string, days int) pln.NodeFields {
	f := person(label)
	f.Cadence = days
	return f
}

// Last interaction and count follow entries as they are created, edited
// (date and links), deleted, undone; every entry type counts; the
// all-nodes read agrees with the one-node read.
func TestActivityFollowsEntries(t *testing.T) {
	e := newEnv(t)
	a := must[pln.Node](t)(e.svc.Network.CreateNode(person("Ada"), 0, 0))
	b := must[pln.Node](t)(e.svc.Network.CreateNode(person("Bo"), 0, 0))
	if got := e.activityOf(a.ID); got.Interactions != 0 || got.LastInteraction != "" {
		t.Fatalf("no entries: %+v", got)
	}
	d1 := time.Date(2026, 2, 1, 10, 0, 0, 0, time.UTC)
	d2 := time.Date(2026, 2, 20, 10, 0, 0, 0, time.UTC)
	e.entryOn(d1, pln.EntryInteraction, a.ID)
	e2 := e.entryOn(d2, pln.EntryReflection, a.ID, b.ID) // any type counts
	e.entryOn(d1, pln.EntryResource, b.ID)
	if got := e.activityOf(a.ID); got.Interactions != 2 || got.LastInteraction != rfc3339(d2) {
		t.Fatalf("two entries: %+v", got)
	}
	// Edit: an earlier date, then without a's link.
	d0 := time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)
	must[pln.Entry](t)(e.svc.Journal.UpdateEntry(e2.ID, pln.EntryFields{OccurredAt: d0, Body: "met", NodeIDs: []string{a.ID, b.ID}}))
	if got := e.activityOf(a.ID); got.Interactions != 2 || got.LastInteraction != rfc3339(d1) {
		t.Fatalf("entry moved back: %+v", got)
	}
	must[pln.Entry](t)(e.svc.Journal.UpdateEntry(e2.ID, pln.EntryFields{OccurredAt: d2, Body: "met", NodeIDs: []string{b.ID}}))
	if got := e.activityOf(a.ID); got.Interactions != 1 || got.LastInteraction != rfc3339(d1) {
		t.Fatalf("link removed: %+v", got)
	}
	if got := e.activityOf(b.ID); got.Interactions != 2 || got.LastInteraction != rfc3339(d2) {
		t.Fatalf("b: %+v", got)
	}
	noErr(t, e.svc.Journal.DeleteEntry(e2.ID))
	if got := e.activityOf(b.ID); got.Interactions != 1 || got.LastInteraction != rfc3339(d1) {
		t.Fatalf("entry deleted: %+v", got)
	}
	must[pln.HistoryStep](t)(e.svc.History.Undo())
	if got := e.activityOf(b.ID); got.Interactions != 2 || got.LastInteraction != rfc3339(d2) {
		t.Fatalf("delete undone: %+v", got)
	}
	// The map's columns: alters only, in id order, the same values.
	cols := must[ActivityColumns](t)(e.svc.Journal.Activity())
	if !slices.Equal(cols.Nodes.ID, []string{a.ID, b.ID}) || cols.QuietPeriodDays != pln.DefaultQuietPeriodDays {
		t.Fatalf("columns ids %v quiet %d", cols.Nodes.ID, cols.QuietPeriodDays)
	}
	for i, id := range cols.Nodes.ID {
		one := e.activityOf(id)
		row := NodeActivity{NodeID: id, LastInteraction: cols.Nodes.LastInteraction[i], Interactions: cols.Nodes.Interactions[i],
			Cadence: cols.Nodes.Cadence[i], DueAt: cols.Nodes.DueAt[i], Due: cols.Nodes.Due[i], OverdueDays: cols.Nodes.OverdueDays[i],
			Status: cols.Nodes.Status[i], Computed: cols.Nodes.Computed[i], Reason: cols.Nodes.Reason[i]}
		if row != one {
			t.Fatalf("column row %+v, one node %+v", row, one)
		}
	}
	// Deleting the node: gone from the columns; its mention keys went with it.
	noErr(t, e.svc.Network.DeleteNode(b.ID))
	if cols := must[ActivityColumns](t)(e.svc.Journal.Activity()); !slices.Equal(cols.Nodes.ID, []string{a.ID}) {
		t.Fatalf("after delete %v", cols.Nodes.ID)
	}
	ego := must[pln.Node](t)(e.svc.Network.Ego())
	_, err := e.svc.Journal.NodeActivity(ego.ID)
	wantCode(t, err, pln.CodeInvalid)
	_, err = e.svc.Journal.NodeActivity(pln.NewID())
	wantCode(t, err, pln.CodeNotFound)
}

// Due: a cadence with no interaction counts from when it was set (not from
// when the node was made, and not moved by later edits); with one, from the
// newest interaction; an entry dated ahead counts from its date. The due
// list is most overdue first.
func TestActivityDue(t *testing.T) {
	e := newEnv(t)
	t0 := e.clk.now()
	a := must[pln.Node](t)(e.svc.Network.CreateNode(person("Ada"), 0, 0))
	e.clk.advance(10 * day)
	f := withCadence("Ada", 30)
	a = must[pln.Node](t)(e.svc.Network.UpdateNode(a.ID, f))
	if !a.CadenceSince.Equal(t0.Add(10 * day)) {
		t.Fatalf("cadence since %v", a.CadenceSince)
	}
	e.clk.advance(5 * day)
	f.Description = "an edit that leaves the cadence alone"
	a = must[pln.Node](t)(e.svc.Network.UpdateNode(a.ID, f))
	if !a.CadenceSince.Equal(t0.Add(10 * day)) {
		t.Fatalf("an edit moved cadence since to %v", a.CadenceSince)
	}
	e.clk.set(t0.Add(39 * day))
	if got := e.activityOf(a.ID); got.Due || got.DueAt != rfc3339(t0.Add(40*day)) {
		t.Fatalf("day 39: %+v", got)
	}
	e.clk.set(t0.Add(42*day + time.Hour))
	if got := e.activityOf(a.ID); !got.Due || got.OverdueDays != 2 {
		t.Fatalf("day 42: %+v", got)
	}
	// Two more: Bo with an interaction 50 days ago (cadence 7: 43 days
	// overdue), Cy with one dated 20 days ahead (cadence 30: not due).
	now := e.clk.now()
	bo := must[pln.Node](t)(e.svc.Network.CreateNode(withCadence("Bo", 7), 0, 0))
	e.entryOn(now.Add(-50*day), pln.EntryInteraction, bo.ID)
	cy := must[pln.Node](t)(e.svc.Network.CreateNode(withCadence("Cy", 30), 0, 0))
	e.entryOn(now.Add(-100*day), pln.EntryInteraction, cy.ID)
	e.entryOn(now.Add(20*day), pln.EntryInteraction, cy.ID)
	if got := e.activityOf(cy.ID); got.Due || got.DueAt != rfc3339(now.Add(50*day)) || got.Status != pln.StatusActive {
		t.Fatalf("future entry: %+v", got)
	}
	due := must[[]DueNode](t)(e.svc.Journal.Due())
	if len(due) != 2 || due[0].Label != "Bo" || due[0].OverdueDays != 43 || due[1].Label != "Ada" || due[1].OverdueDays != 2 ||
		due[0].LastInteraction != rfc3339(now.Add(-50*day)) || due[1].LastInteraction != "" || due[0].Kind != pln.KindPerson {
		t.Fatalf("due list %+v", due)
	}
	// A new cadence counts from now; no cadence is never due.
	a = must[pln.Node](t)(e.svc.Network.UpdateNode(a.ID, withCadence("Ada", 60)))
	if got := e.activityOf(a.ID); got.Due || !a.CadenceSince.Equal(now) {
		t.Fatalf("new cadence: %+v since %v", got, a.CadenceSince)
	}
	a = must[pln.Node](t)(e.svc.Network.UpdateNode(a.ID, person("Ada")))
	if got := e.activityOf(a.ID); got.Due || got.DueAt != "" || !a.CadenceSince.IsZero() {
		t.Fatalf("no cadence: %+v", got)
	}
}

// A record written before CadenceSince existed counts from its UpdatedAt,
// and the next edit that keeps the cadence pins that time.
func TestCadenceStartOfOldRecords(t *testing.T) {
	created := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	updated := created.Add(40 * day)
	old := pln.Node{Cadence: 14, CreatedAt: created, UpdatedAt: updated}
	if got := old.CadenceStart(); !got.Equal(updated) {
		t.Fatalf("start %v", got)
	}
	n := old
	n.Description, n.UpdatedAt = "edited", updated.Add(10*day)
	n.NoteCadence(old, n.UpdatedAt)
	if !n.CadenceSince.Equal(updated) {
		t.Fatalf("kept %v", n.CadenceSince)
	}
	// The JSON of a record without it reads, and one without a cadence
	// does not carry the field.
	var back pln.Node
	noErr(t, json.Unmarshal([]byte(`{"id":"x","label":"A","kind":"person","cadence":14,"createdAt":"2025-01-01T00:00:00Z","updatedAt":"2025-02-10T00:00:00Z"}`), &back))
	if !back.CadenceStart().Equal(updated) {
		t.Fatalf("old JSON start %v", back.CadenceStart())
	}
	if b, _ := json.Marshal(pln.Node{}); strings.Contains(string(b), "cadenceSince") {
		t.Fatalf("zero cadenceSince written: %s", b)
	}
}

// Dormant: computed after the quiet period without an interaction (from
// when the node was added while it has none); a status set by hand always
// wins; the reason says why.
func TestActivityDormant(t *testing.T) {
	e := newEnv(t)
	t0 := e.clk.now()
	a := must[pln.Node](t)(e.svc.Network.CreateNode(person("Ada"), 0, 0))
	e.clk.set(t0.Add(90 * day))
	if got := e.activityOf(a.ID); got.Status != pln.StatusActive || !got.Computed || got.Reason != "added 2026-03-01, no interaction yet (quiet period 90 days)" {
		t.Fatalf("day 90: %+v", got)
	}
	e.clk.set(t0.Add(91 * day))
	if got := e.activityOf(a.ID); got.Status != pln.StatusDormant || !got.Computed || got.Reason != "no interaction since it was added on 2026-03-01 (quiet period 90 days)" {
		t.Fatalf("day 91: %+v", got)
	}
	e.entryOn(time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC), pln.EntryInteraction, a.ID)
	if got := e.activityOf(a.ID); got.Status != pln.StatusActive || got.Reason != "last interaction 2026-05-01 (quiet period 90 days)" {
		t.Fatalf("after an entry: %+v", got)
	}
	e.clk.set(time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC))
	if got := e.activityOf(a.ID); got.Status != pln.StatusDormant || got.Reason != "no interaction since 2026-05-01 (quiet period 90 days)" {
		t.Fatalf("later: %+v", got)
	}
	for _, st := range []pln.Status{pln.StatusActive, pln.StatusArchived} {
		f := person("Ada")
		f.Status = st
		must[pln.Node](t)(e.svc.Network.UpdateNode(a.ID, f))
		if got := e.activityOf(a.ID); got.Status != st || got.Computed || got.Reason != "status set by hand" {
			t.Fatalf("manual %s: %+v", st, got)
		}
	}
}

// The quiet period: a setting in the store, written as one undoable step
// with settings:changed, kept across a reopen, and it changes the result.
func TestQuietPeriodSetting(t *testing.T) {
	e := newEnv(t)
	t0 := e.clk.now()
	a := must[pln.Node](t)(e.svc.Network.CreateNode(person("Ada"), 0, 0))
	e.clk.set(t0.Add(40 * day))
	if set := must[pln.Settings](t)(e.svc.Journal.Settings()); set.QuietPeriodDays != 90 {
		t.Fatalf("default %+v", set)
	}
	e.rec.takeAll()
	if set := must[pln.Settings](t)(e.svc.Journal.SetQuietPeriod(30)); set.QuietPeriodDays != 30 {
		t.Fatalf("set %+v", set)
	}
	ev := e.rec.named(pln.EventSettingsChanged)
	if len(ev) != 1 || ev[0].payload.(pln.Settings).QuietPeriodDays != 30 {
		t.Fatalf("events %+v", e.rec.takeAll())
	}
	if got := e.activityOf(a.ID); got.Status != pln.StatusDormant || !strings.HasSuffix(got.Reason, "(quiet period 30 days)") {
		t.Fatalf("quiet 30: %+v", got)
	}
	page := must[HistoryPage](t)(e.svc.History.Steps("", 1))
	if page.Steps[0].Name != "Set the quiet period to 30 days" {
		t.Fatalf("step %+v", page.Steps[0])
	}
	// The same value again: no step.
	must[pln.Settings](t)(e.svc.Journal.SetQuietPeriod(30))
	if p := must[HistoryPage](t)(e.svc.History.Steps("", 1)); p.Steps[0].ID != page.Steps[0].ID {
		t.Fatalf("a no-op logged %+v", p.Steps[0])
	}
	_, err := e.svc.Journal.SetQuietPeriod(0)
	wantCode(t, err, pln.CodeInvalid)
	_, err = e.svc.Journal.SetQuietPeriod(pln.MaxQuietPeriodDays + 1)
	wantCode(t, err, pln.CodeInvalid)

	e = e.reopen()
	e.clk.set(t0.Add(40 * day))
	if set := must[pln.Settings](t)(e.svc.Journal.Settings()); set.QuietPeriodDays != 30 {
		t.Fatalf("after reopen %+v", set)
	}
	e.rec.takeAll()
	must[pln.HistoryStep](t)(e.svc.History.Undo())
	if ev := e.rec.named(pln.EventSettingsChanged); len(ev) != 1 || ev[0].payload.(pln.Settings).QuietPeriodDays != 90 {
		t.Fatalf("undo events %+v", e.rec.takeAll())
	}
	if got := e.activityOf(a.ID); got.Status != pln.StatusActive {
		t.Fatalf("undone: %+v", got)
	}
	must[pln.HistoryStep](t)(e.svc.History.Redo())
	if cols := must[ActivityColumns](t)(e.svc.Journal.Activity()); cols.QuietPeriodDays != 30 || cols.Nodes.Status[0] != pln.StatusDormant {
		t.Fatalf("redone: %+v", cols)
	}
}

// The command line's label match: case, accents and spacing aside.
func TestNodesLabelled(t *testing.T) {
	e := newEnv(t)
	a := must[pln.Node](t)(e.svc.Network.CreateNode(person("Zoë  Lee"), 0, 0))
	must[pln.Node](t)(e.svc.Network.CreateNode(person("Zoe"), 0, 0))
	got := must[[]pln.Node](t)(e.svc.NodesLabelled(" zoe lee "))
	if len(got) != 1 || got[0].ID != a.ID {
		t.Fatalf("match %+v", got)
	}
	if got := must[[]pln.Node](t)(e.svc.NodesLabelled("nobody")); len(got) != 0 {
		t.Fatalf("no match %+v", got)
	}
}

// GET /api/activity serves JournalService.Activity's columns.
func TestHTTPActivity(t *testing.T) {
	e := newEnv(t)
	a := must[pln.Node](t)(e.svc.Network.CreateNode(withCadence("Ada", 7), 0, 0))
	e.entryOn(e.clk.now().Add(-10*day), pln.EntryInteraction, a.ID)
	h := NewHandler(e.svc, nil)
	w := serve(t, h, http.MethodGet, "/api/activity", nil)
	var got ActivityColumns
	noErr(t, json.Unmarshal(w.Body.Bytes(), &got))
	if w.Code != 200 || got.Version != 1 || !slices.Equal(got.Nodes.ID, []string{a.ID}) || !got.Nodes.Due[0] ||
		got.Nodes.OverdueDays[0] != 3 || got.Nodes.Interactions[0] != 1 || got.At != rfc3339(e.clk.now()) {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	decodeError(t, serve(t, h, http.MethodPost, "/api/activity", nil), 405, pln.CodeInvalid)
}

// freshActivity computes the columns from a cache of its own (so from the
// store alone): what the service's cache must agree with after any write.
func (e *env) freshActivity() ActivityColumns {
	e.t.Helper()
	var c activityCache
	var all []NodeActivity
	now := e.clk.now()
	var quiet int
	noErr(e.t, c.read(e.st, func(nodes []pln.Node, stats map[string]mentionStat, q int) error {
		quiet = q
		for _, n := range nodes {
			s := stats[n.ID]
			all = append(all, activityOf(n, s.count, s.last, now, q, now.Location()))
		}
		return nil
	}))
	return activityColumns(all, quiet, now)
}

// The activity cache follows every kind of write: entries created, edited,
// deleted; nodes created, edited, moved, deleted; undo and redo; an
// import (and its undo); the quiet period; a restore.
func TestActivityCacheFollowsWrites(t *testing.T) {
	e := newEnv(t)
	check := func(what string) {
		t.Helper()
		got := must[ActivityColumns](t)(e.svc.Journal.Activity())
		want := e.freshActivity()
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		if string(g) != string(w) {
			t.Fatalf("%s: cached %s\nfresh %s", what, g, w)
		}
	}
	check("empty")
	a := must[pln.Node](t)(e.svc.Network.CreateNode(withCadence("Ada", 10), 0, 0))
	b := must[pln.Node](t)(e.svc.Network.CreateNode(person("Bo"), 0, 0))
	check("nodes")
	en := e.entryOn(e.clk.now().Add(-20*day), pln.EntryInteraction, a.ID)
	check("entry")
	must[pln.Entry](t)(e.svc.Journal.UpdateEntry(en.ID, pln.EntryFields{OccurredAt: e.clk.now().Add(-2 * day), Body: "x", NodeIDs: []string{b.ID}}))
	check("entry edited")
	noErr(t, e.svc.Journal.DeleteEntry(en.ID))
	check("entry deleted")
	must[pln.HistoryStep](t)(e.svc.History.Undo())
	check("undo")
	f := person("Bo")
	f.Status = pln.StatusArchived
	must[pln.Node](t)(e.svc.Network.UpdateNode(b.ID, f))
	check("status")
	noErr(t, e.svc.Network.SetPositions([]pln.Position{{ID: a.ID, X: 5, Y: 5}}))
	check("moved")
	e.clk.advance(200 * day)
	check("clock")
	must[pln.Settings](t)(e.svc.Journal.SetQuietPeriod(365))
	check("quiet period")
	must[pln.ImportResult](t)(e.svc.Files.ImportFile("subs.opml", fixture(t, "netnewswire_Subs.opml")))
	check("import")
	if n := len(must[ActivityColumns](t)(e.svc.Journal.Activity()).Nodes.ID); n != 207 {
		t.Fatalf("after the import: %d alters", n)
	}
	must[pln.HistoryStep](t)(e.svc.History.Undo())
	check("import undone")
	noErr(t, e.svc.Network.DeleteNode(a.ID))
	check("node deleted")
	must[pln.HistoryStep](t)(e.svc.History.Undo())
	must[pln.HistoryStep](t)(e.svc.History.Redo())
	check("redo")
	dee := must[pln.Node](t)(e.svc.Network.CreateNode(withCadence("Dee", 5), 0, 0))
	backup := e.dir + "/b.json"
	noErr(t, e.svc.Backup.ExportBackup(backup))
	must[pln.Node](t)(e.svc.Network.CreateNode(person("Cy"), 0, 0))
	check("before restore")
	noErr(t, e.svc.Backup.RestoreBackup(backup, true))
	check("restored")
	// A backup carries when the cadence was set.
	if back := must[pln.Node](t)(e.svc.Network.GetNode(dee.ID)); back.CadenceSince.IsZero() || !back.CadenceSince.Equal(dee.CadenceSince) {
		t.Fatalf("restored cadence since %v, want %v", back.CadenceSince, dee.CadenceSince)
	}
}
