package service

import (
	"reflect"
	"testing"

	"github.com/plexus-pln/plexus/backend/pln"
)

func TestPossibleDuplicates(t *testing.T) {
	e := newEnv(t)
	net := e.svc.Network
	mk := func(f pln.NodeFields) pln.Node {
		t.Helper()
		if f.Kind == "" {
			f.Kind = pln.KindPerson
		}
		n, err := net.CreateNode(f, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	ada := mk(pln.NodeFields{Label: "Ada Lovelace", Emails: []string{"Ada@Example.org"}})
	blog := mk(pln.NodeFields{Label: "Ada's blog", Kind: pln.KindSource, URL: "https://www.ada.example/blog/", FeedURL: "https://ada.example/feed.xml"})
	other := mk(pln.NodeFields{Label: "Grace Hopper"})

	ids := func(ms []DuplicateMatch) []string {
		out := []string{}
		for _, m := range ms {
			out = append(out, m.ID)
		}
		return out
	}
	for _, c := range []struct {
		name string
		q    DuplicateQuery
		want []string
		why  []string
	}{
		{"label, case, accents and punctuation aside", DuplicateQuery{Label: "  ada   LOVÉLACE!"}, []string{ada.ID}, []string{"label"}},
		{"email, case aside", DuplicateQuery{Label: "A. L.", Emails: []string{" ada@example.ORG "}}, []string{ada.ID}, []string{"email Ada@Example.org"}},
		{"web address, scheme, www and slash aside", DuplicateQuery{Label: "x", URL: "http://ada.example/blog"}, []string{blog.ID}, []string{"url https://www.ada.example/blog/"}},
		{"feed address", DuplicateQuery{Label: "x", FeedURL: "feed://ada.example/feed.xml/"}, []string{blog.ID}, []string{"feed https://ada.example/feed.xml"}},
		{"a node is not its own duplicate", DuplicateQuery{ExceptID: ada.ID, Label: "Ada Lovelace", Emails: []string{"ada@example.org"}}, []string{}, nil},
		{"a web address is not a feed address", DuplicateQuery{Label: "x", URL: "https://ada.example/feed.xml"}, []string{}, nil},
		{"nothing typed", DuplicateQuery{}, []string{}, nil},
		{"a different person", DuplicateQuery{Label: "Grace Hopper Jr"}, []string{}, nil},
	} {
		got, err := net.PossibleDuplicates(c.q)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !reflect.DeepEqual(ids(got), c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
		if c.why != nil && !reflect.DeepEqual(got[0].Reasons, c.why) {
			t.Errorf("%s: reasons %v, want %v", c.name, got[0].Reasons, c.why)
		}
	}
	// Most reasons first: the label and the email beat the label alone.
	twin := mk(pln.NodeFields{Label: "Grace Hopper", Emails: []string{"grace@navy.example"}})
	got, err := net.PossibleDuplicates(DuplicateQuery{Label: "grace hopper", Emails: []string{"GRACE@navy.example"}})
	if err != nil || !reflect.DeepEqual(ids(got), []string{twin.ID, other.ID}) || len(got[0].Reasons) != 2 {
		t.Errorf("ranked: %+v, %v", got, err)
	}
	if _, err := net.PossibleDuplicates(DuplicateQuery{ExceptID: "nope"}); pln.CodeOf(err) != pln.CodeInvalid {
		t.Errorf("bad id: %v", err)
	}

	groups, err := net.DuplicateGroups()
	if err != nil {
		t.Fatal(err)
	}
	var got2 [][]string
	for _, g := range groups {
		got2 = append(got2, append([]string{g.Reason}, ids(g.Nodes)...))
	}
	want := [][]string{{"label", other.ID, twin.ID}}
	if other.ID > twin.ID {
		want = [][]string{{"label", twin.ID, other.ID}}
	}
	if !reflect.DeepEqual(got2, want) {
		t.Errorf("groups %v, want %v", got2, want)
	}
	// A second record of Ada by email only: an email group.
	ada2 := mk(pln.NodeFields{Label: "Augusta King", Emails: []string{"ada@example.org"}})
	groups, _ = net.DuplicateGroups()
	if len(groups) != 2 || groups[1].Reason != "email ada@example.org" || !reflect.DeepEqual(ids(groups[1].Nodes), []string{ada.ID, ada2.ID}) {
		t.Errorf("groups %+v", groups)
	}
}
