package search

import (
	"strings"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
)

func testIndex(t *testing.T) *Index {
	t.Helper()
	ix, err := OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	b := ix.NewBatch()
	day := func(d int) time.Time { return time.Date(2026, 3, d, 12, 0, 0, 0, time.UTC) }
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(b.PutNode(pln.Node{ID: "n1", Label: "Zoë Müller", Kind: pln.KindPerson, Description: "Teaches statistics", Tags: []string{"Mentor"}, Emails: []string{"zoe@example.org"}}))
	must(b.PutNode(pln.Node{ID: "n2", Label: "Daring Fireball", Kind: pln.KindSource, URL: "https://daringfireball.net", Tags: []string{"apple"}}))
	must(b.PutEntry(pln.Entry{ID: "e1", OccurredAt: day(1), Body: "I learned a lot about café culture with Zoë.", NodeIDs: []string{"n1"}, Tags: []string{"travel"}, Type: pln.EntryReflection}, nil))
	must(b.PutEntry(pln.Entry{ID: "e2", OccurredAt: day(5), Body: "Met the machine learning group; the bike ride home was long.", Tags: []string{"mentor"}, Type: pln.EntryInteraction}, nil))
	must(b.PutEntry(pln.Entry{ID: "e3", OccurredAt: day(9), Body: "Group learning works best in small circles.", Type: pln.EntryResource}, nil))
	must(b.PutEntry(pln.Entry{ID: "e4", OccurredAt: day(12), Body: "Spaced repetition beats cramming.", Type: pln.EntryReflection}, nil))
	must(ix.Apply(b))
	return ix
}

func ids(t *testing.T, ix *Index, q string, f Filters) string {
	t.Helper()
	res, err := ix.Search(q, f, 0)
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	sortStrings(out)
	return strings.Join(out, ",")
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func TestSearchLanguage(t *testing.T) {
	ix := testIndex(t)
	for _, c := range []struct{ q, want string }{
		{"learning", "e1,e2,e3"},     // stemming: learned, learning
		{"learns", "e1,e2,e3"},       // stemming
		{"CAFE", "e1"},               // case and accents
		{"zoe", "e1,n1"},             // accents in a label and a body
		{"muller", "n1"},             // ü folded
		{`"machine learning"`, "e2"}, // phrase
		{`"learning machine"`, ""},   // phrase order matters
		{"learni*", "e2,e3"},         // prefix on the words as written
		{"daring*", "n2"},            // prefix in a label
		{"statistcs", "n1"},          // one typo in a long word
		{"stattistcs", ""},           // two typos: no
		{"repetiton", "e4"},          // one typo that the stemmer cuts differently ("repetit" / "repetiton")
		{"crammming", "e4"},          // one typo in the word as written
		{"bika", ""},                 // a typo in a 4-letter word is not forgiven
		{"bike", "e2"},               // the word itself
		{"group learning", "e2,e3"},  // all terms must match
		{"daringfireball", "n2"},     // URL
		{"example", "n1"},            // email
		{"mentor", "e2,n1"},          // tags
		// A word with no letter or digit is left out, not required (found by the newcomer test).
		{"machine & learning", "e2"},
		{"machine - learning ?", "e2"},
		{`learning "&" 🧠`, "e1,e2,e3"},
		{`bike ">"`, "e2"},
	} {
		if got := ids(t, ix, c.q, Filters{}); got != c.want {
			t.Errorf("Search(%q) = %q, want %q", c.q, got, c.want)
		}
	}
}

func TestSearchFilters(t *testing.T) {
	ix := testIndex(t)
	day := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		name string
		q    string
		f    Filters
		want string
	}{
		{"from", "learning", Filters{From: day(2)}, "e2,e3"},
		{"to", "learning", Filters{To: day(5)}, "e1"},
		{"range", "learning", Filters{From: day(5), To: day(6)}, "e2"},
		{"node", "zoe", Filters{NodeIDs: []string{"n1"}}, "e1,n1"},
		{"tag", "learning", Filters{Tags: []string{"MENTOR"}}, "e2"},
		{"type", "learning", Filters{Types: []string{"resource", "reflection"}}, "e1,e3"},
		{"kind", "mentor", Filters{Kinds: []string{KindNode}}, "n1"},
		{"and", "learning", Filters{Tags: []string{"travel"}, Types: []string{"resource"}}, ""},
	} {
		if got := ids(t, ix, c.q, c.f); got != c.want {
			t.Errorf("%s: Search(%q, %+v) = %q, want %q", c.name, c.q, c.f, got, c.want)
		}
	}
}

func TestSearchBadQueries(t *testing.T) {
	ix := testIndex(t)
	for _, q := range []string{`"machine learning`, `*`, `a*`, `le*rn`, `"learn*"`, ``, `   `, strings.Repeat("x ", 300), `& ?`, `🧠`, `"--"`} {
		_, err := ix.Search(q, Filters{}, 0)
		if pln.CodeOf(err) != pln.CodeInvalid {
			t.Errorf("Search(%q) = %v, want invalid", q, err)
		}
	}
}

func TestSnippetMarks(t *testing.T) {
	ix := testIndex(t)
	res, err := ix.Search("learned", Filters{Kinds: []string{KindEntry}, Types: []string{"reflection"}}, 0)
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	h := res.Hits[0]
	var b strings.Builder
	for _, s := range h.Snippet {
		if s.Mark {
			b.WriteString("[" + s.Text + "]")
		} else {
			b.WriteString(s.Text)
		}
	}
	if got, want := b.String(), "I [learned] a lot about café culture with Zoë."; got != want {
		t.Errorf("snippet %q, want %q", got, want)
	}
	if h.Kind != KindEntry || h.Title != "2026-03-01" || h.Field != "body" || h.Type != "reflection" {
		t.Errorf("hit %+v", h)
	}
	long := strings.Repeat("filler words here ", 30) + "the needle word " + strings.Repeat("more text ", 30)
	sp := cut(long, [][2]int{{strings.Index(long, "needle"), strings.Index(long, "needle") + 6}})
	if sp[0].Text != "… " || sp[len(sp)-1].Text != " …" {
		t.Errorf("a cut window is marked with …: %+v", sp)
	}
}

func TestEntryText(t *testing.T) {
	const id = "0190a0a0-0000-7000-8000-000000000001"
	label := func(x string) string {
		if x == id {
			return "Augusta King"
		}
		return ""
	}
	for _, c := range []struct{ body, want string }{
		{"met [[" + id + "|Ada Lovelace]] today", "met Augusta King today"},
		{"[[0190a0a0-0000-7000-8000-000000000009|Gone]] left", "Gone left"},
		{"[[Ada]] and [[Ada|her]]", "Ada and her"},
		{"`[[" + id + "|Ada]]` in code", "`[[" + id + "|Ada]]` in code"},
		{"no links", "no links"},
	} {
		if got := EntryText(c.body, label); got != c.want {
			t.Errorf("EntryText(%q) = %q, want %q", c.body, got, c.want)
		}
	}
	if got := EntryText("[["+id+"|Ada]]", nil); got != "Ada" {
		t.Errorf("without labels: %q", got)
	}
}
