package service

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
)

func TestEntryLifecycle(t *testing.T) {
	e := newEnv(t)
	a := must[pln.Node](t)(e.svc.Network.CreateNode(person("a"), 0, 0))
	e.rec.take()
	when := time.Date(2026, 2, 14, 18, 30, 0, 0, time.UTC)
	en := must[pln.Entry](t)(e.svc.Journal.CreateEntry(pln.EntryFields{OccurredAt: when, Body: "# learned\nsomething", NodeIDs: []string{a.ID, a.ID}, Tags: []string{"go"}}))
	if en.Type != pln.EntryReflection || !slices.Equal(en.NodeIDs, []string{a.ID}) || !en.OccurredAt.Equal(when) {
		t.Fatalf("entry %+v", en)
	}
	got := must[pln.Entry](t)(e.svc.Journal.GetEntry(en.ID))
	if got.Body != en.Body {
		t.Fatalf("GetEntry %+v", got)
	}
	up := must[pln.Entry](t)(e.svc.Journal.UpdateEntry(en.ID, pln.EntryFields{OccurredAt: when, Body: "changed", Type: pln.EntryInteraction}))
	if up.Body != "changed" || up.Type != pln.EntryInteraction || len(up.NodeIDs) != 0 || !up.CreatedAt.Equal(en.CreatedAt) {
		t.Fatalf("updated %+v", up)
	}
	noErr(t, e.svc.Journal.DeleteEntry(en.ID))
	_, err := e.svc.Journal.GetEntry(en.ID)
	wantCode(t, err, pln.CodeNotFound)

	var reasons []string
	for _, ev := range e.rec.take() {
		if ev.name != pln.EventJournalChanged {
			t.Fatalf("unexpected event %+v", ev)
		}
		jc := ev.payload.(pln.JournalChanged)
		if !slices.Equal(jc.EntryIDs, []string{en.ID}) {
			t.Fatalf("event ids %v", jc.EntryIDs)
		}
		reasons = append(reasons, jc.Reason)
	}
	if !slices.Equal(reasons, []string{"create", "update", "delete"}) {
		t.Fatalf("reasons %v", reasons)
	}
}

func TestEntryBadInput(t *testing.T) {
	e := newEnv(t)
	now := e.clk.now()
	_, err := e.svc.Journal.CreateEntry(pln.EntryFields{Body: "no date"})
	wantCode(t, err, pln.CodeInvalid)
	_, err = e.svc.Journal.CreateEntry(pln.EntryFields{OccurredAt: now, Type: "poem"})
	wantCode(t, err, pln.CodeInvalid)
	missing := pln.NewID()
	_, err = e.svc.Journal.CreateEntry(pln.EntryFields{OccurredAt: now, NodeIDs: []string{missing}})
	wantCode(t, err, pln.CodeInvalid)
	if !strings.Contains(err.Error(), missing) {
		t.Fatalf("missing node not named: %v", err)
	}
	_, err = e.svc.Journal.CreateEntry(pln.EntryFields{OccurredAt: now, Body: strings.Repeat("x", pln.MaxBodyBytes+1)})
	wantCode(t, err, pln.CodeTooLarge)
	_, err = e.svc.Journal.UpdateEntry(pln.NewID(), pln.EntryFields{OccurredAt: now})
	wantCode(t, err, pln.CodeNotFound)
	_, err = e.svc.Journal.GetEntry("1")
	wantCode(t, err, pln.CodeInvalid)
	wantCode(t, e.svc.Journal.DeleteEntry(pln.NewID()), pln.CodeNotFound)
	_, err = e.svc.Journal.ListEntries(EntryQuery{Limit: 501})
	wantCode(t, err, pln.CodeInvalid)
	_, err = e.svc.Journal.ListEntries(EntryQuery{NodeID: "x"})
	wantCode(t, err, pln.CodeInvalid)
	_, err = e.svc.Journal.ListEntries(EntryQuery{From: now, To: now.Add(-time.Hour)})
	wantCode(t, err, pln.CodeInvalid)
	if ev := e.rec.take(); len(ev) != 0 {
		t.Fatalf("failed calls emitted %+v", ev)
	}
}

func TestListEntriesPagesAndFilters(t *testing.T) {
	e := newEnv(t)
	a := must[pln.Node](t)(e.svc.Network.CreateNode(person("a"), 0, 0))
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var ids []string // oldest first
	for i := range 12 {
		f := pln.EntryFields{OccurredAt: base.Add(time.Duration(i) * 24 * time.Hour), Body: "day"}
		if i%3 == 0 {
			f.NodeIDs = []string{a.ID}
		}
		ids = append(ids, must[pln.Entry](t)(e.svc.Journal.CreateEntry(f)).ID)
	}
	// All, newest first, in pages of 5.
	var got []string
	q := EntryQuery{Limit: 5}
	for {
		p := must[EntryPage](t)(e.svc.Journal.ListEntries(q))
		for _, en := range p.Entries {
			got = append(got, en.ID)
		}
		if p.Next == "" {
			break
		}
		q.Cursor = p.Next
	}
	want := slices.Clone(ids)
	slices.Reverse(want)
	if !slices.Equal(got, want) {
		t.Fatalf("paged order\n got %v\nwant %v", got, want)
	}
	// Default limit.
	if p := must[EntryPage](t)(e.svc.Journal.ListEntries(EntryQuery{})); len(p.Entries) != 12 || p.Next != "" {
		t.Fatalf("default page: %d entries, next %q", len(p.Entries), p.Next)
	}
	// Date range: days 3..6 (to exclusive).
	p := must[EntryPage](t)(e.svc.Journal.ListEntries(EntryQuery{From: base.Add(3 * 24 * time.Hour), To: base.Add(7 * 24 * time.Hour)}))
	if len(p.Entries) != 4 || p.Entries[0].ID != ids[6] || p.Entries[3].ID != ids[3] {
		t.Fatalf("range: %d entries", len(p.Entries))
	}
	// Node filter: days 0, 3, 6, 9.
	p = must[EntryPage](t)(e.svc.Journal.ListEntries(EntryQuery{NodeID: a.ID}))
	if len(p.Entries) != 4 || p.Entries[0].ID != ids[9] {
		t.Fatalf("node filter: %d entries", len(p.Entries))
	}
	// Node and range, one per page: 6 then 3.
	q = EntryQuery{NodeID: a.ID, From: base.Add(2 * 24 * time.Hour), To: base.Add(8 * 24 * time.Hour), Limit: 1}
	got = nil
	for range 10 {
		p := must[EntryPage](t)(e.svc.Journal.ListEntries(q))
		for _, en := range p.Entries {
			got = append(got, en.ID)
		}
		if p.Next == "" {
			break
		}
		q.Cursor = p.Next
	}
	if !slices.Equal(got, []string{ids[6], ids[3]}) {
		t.Fatalf("node+range got %v want %v", got, []string{ids[6], ids[3]})
	}
	_, err := e.svc.Journal.ListEntries(EntryQuery{NodeID: pln.NewID()})
	wantCode(t, err, pln.CodeNotFound)
}
