package service

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
)

// A body's [[wikilinks]] link their nodes (the node's activity follows) and
// its #tags become tags, on create and update; a label link is stored by id.
func TestEntryBodyLinksAndTags(t *testing.T) {
	e := newEnv(t)
	ana := must[pln.Node](t)(e.svc.Network.CreateNode(person("Ana Lima"), 0, 0))
	bob := must[pln.Node](t)(e.svc.Network.CreateNode(person("Bob"), 0, 0))
	must[pln.Node](t)(e.svc.Network.CreateNode(person("Twin"), 0, 0))
	must[pln.Node](t)(e.svc.Network.CreateNode(person("twin"), 0, 0))
	when := time.Date(2026, 2, 14, 18, 30, 0, 0, time.UTC)
	body := "met [[" + ana.ID + "|Ana Lima]] about #Rust, asked [[bob]] and [[Twin]] and [[Nobody]]; `[[Ana Lima]]` #go"
	en := must[pln.Entry](t)(e.svc.Journal.CreateEntry(pln.EntryFields{OccurredAt: when, Body: body, Tags: []string{"rust", "x"}}))
	if !slices.Equal(en.NodeIDs, []string{ana.ID, bob.ID}) {
		t.Fatalf("node ids %v, want ana and bob (Twin is ambiguous, Nobody unknown)", en.NodeIDs)
	}
	if !slices.Equal(en.Tags, []string{"rust", "x", "go"}) {
		t.Fatalf("tags %v", en.Tags)
	}
	wantBody := strings.Replace(body, "[[bob]]", "[["+bob.ID+"|Bob]]", 1)
	if en.Body != wantBody {
		t.Fatalf("body %q\nwant %q", en.Body, wantBody)
	}
	act := must[NodeActivity](t)(e.svc.Journal.NodeActivity(bob.ID))
	if act.Interactions != 1 || act.LastInteraction == "" {
		t.Fatalf("bob's activity %+v", act)
	}

	// Update: the link to Bob is removed from the text, so is his link.
	up := must[pln.Entry](t)(e.svc.Journal.UpdateEntry(en.ID, pln.EntryFields{OccurredAt: when, Body: "only [[" + ana.ID + "|Ana]] #new"}))
	if !slices.Equal(up.NodeIDs, []string{ana.ID}) || !slices.Equal(up.Tags, []string{"new"}) {
		t.Fatalf("updated %v %v", up.NodeIDs, up.Tags)
	}
	if act := must[NodeActivity](t)(e.svc.Journal.NodeActivity(bob.ID)); act.Interactions != 0 {
		t.Fatalf("bob still counted: %+v", act)
	}

	// A deleted node: the entry keeps its text and saves again without the link.
	noErr(t, e.svc.Network.DeleteNode(ana.ID))
	got := must[pln.Entry](t)(e.svc.Journal.GetEntry(en.ID))
	if !strings.Contains(got.Body, "[["+ana.ID+"|Ana]]") || len(got.NodeIDs) != 0 {
		t.Fatalf("after delete %q %v", got.Body, got.NodeIDs)
	}
	again := must[pln.Entry](t)(e.svc.Journal.UpdateEntry(en.ID, pln.EntryFields{OccurredAt: when, Body: got.Body}))
	if len(again.NodeIDs) != 0 || again.Body != got.Body {
		t.Fatalf("saved again %q %v", again.Body, again.NodeIDs)
	}
}

// A label link that makes the body too large is refused like any too-large body.
func TestEntryBodyLinkGrowsPastLimit(t *testing.T) {
	e := newEnv(t)
	must[pln.Node](t)(e.svc.Network.CreateNode(person("A"), 0, 0))
	body := strings.Repeat("x", pln.MaxBodyBytes-5) + "[[A]]"
	_, err := e.svc.Journal.CreateEntry(pln.EntryFields{OccurredAt: time.Now(), Body: body})
	wantCode(t, err, pln.CodeTooLarge)
}
