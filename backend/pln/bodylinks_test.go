package pln

import (
	"reflect"
	"strings"
	"testing"
)

const idA = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"

func TestBodyTags(t *testing.T) {
	cases := []struct {
		body string
		want []string
	}{
		{"learned #rust today", []string{"rust"}},
		{"#rust at the start", []string{"rust"}},
		{"two #Rust and #rust and #RUST", []string{"Rust"}},
		{"kinds: #go-lang #big_data #über", []string{"go-lang", "big_data", "über"}},
		{"punctuation #rust, #go. #zig!", []string{"rust", "go", "zig"}},
		{"trailing dash #rust- ok", []string{"rust"}},
		{"(#paren) and [x](#anchor)", []string{"paren"}},
		{"# Heading\n## Sub heading", nil},
		{"issue #1 and #2026 but #v2", []string{"v2"}},
		{"C# and a#b and &#38; and x.com/#frag", nil},
		{"https://example.com/page#section", nil},
		{"`#notatag` and ``code `#x` here`` but #yes", []string{"yes"}},
		{"```\n#notatag\n```\n#after", []string{"after"}},
		{"~~~md\n#no\n~~~", nil},
		{"para\n\n    #indented code\n\n#real", []string{"real"}},
		{"[[" + idA + "|Label #x]] #y", []string{"y"}},
		{"#" + strings.Repeat("a", MaxTagLen+1) + " #ok", []string{"ok"}},
		{"", nil},
		{"#", nil},
		{"unclosed `#tick #yes", []string{"yes"}},
	}
	for _, c := range cases {
		if got := BodyTags(c.body); !reflect.DeepEqual(got, c.want) {
			t.Errorf("BodyTags(%q) = %q, want %q", c.body, got, c.want)
		}
	}
}

func TestMergeBodyTags(t *testing.T) {
	got := MergeBodyTags([]string{"Rust", "learning"}, "more #rust and #Go")
	if want := []string{"Rust", "learning", "Go"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	var many []string
	var body strings.Builder
	for i := 0; i < MaxTags+5; i++ {
		body.WriteString(" #t" + strings.Repeat("x", i))
	}
	many = MergeBodyTags(nil, body.String())
	if len(many) != MaxTags {
		t.Fatalf("%d tags, want at most %d", len(many), MaxTags)
	}
}

func TestWikilinks(t *testing.T) {
	body := "met [[" + idA + "|Ana <b>]]" + ", read [[Some Book]], [[Target|shown]], ![[embed]], `[[code]]`, [[]], [[ | x]]\n```\n[[fenced]]\n```\n[[last]]"
	got := Wikilinks(body)
	var ids, targets, texts []string
	for _, l := range got {
		ids = append(ids, l.ID)
		targets = append(targets, l.Target)
		texts = append(texts, l.Text)
		if body[l.Start:l.Start+2] != "[[" || body[l.End-2:l.End] != "]]" {
			t.Errorf("offsets %d–%d do not frame a link: %q", l.Start, l.End, body[l.Start:l.End])
		}
	}
	if want := []string{idA, "", "", ""}; !reflect.DeepEqual(ids, want) {
		t.Errorf("ids %q, want %q", ids, want)
	}
	if want := []string{"", "Some Book", "Target", "last"}; !reflect.DeepEqual(targets, want) {
		t.Errorf("targets %q, want %q", targets, want)
	}
	if want := []string{"Ana <b>", "", "shown", ""}; !reflect.DeepEqual(texts, want) {
		t.Errorf("texts %q, want %q", texts, want)
	}
	// A non-canonical id (upper case) is a label, not a stored link.
	if l := Wikilinks("[[" + strings.ToUpper(idA) + "|x]]"); len(l) != 1 || l[0].ID != "" {
		t.Errorf("upper-case id read as %+v", l)
	}
}

func TestLinkWikilinks(t *testing.T) {
	resolve := func(label string) (string, string, bool) {
		if strings.EqualFold(label, "ana") {
			return idA, "Ana [x]", true
		}
		return "", "", false
	}
	got := LinkWikilinks("hi [[ana]] and [[Bob]] and `[[Ana]]` and [["+idA+"|old]]", resolve)
	want := "hi [[" + idA + "|Ana (x)]] and [[Bob]] and `[[Ana]]` and [[" + idA + "|old]]"
	if got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
	if s := "nothing here"; LinkWikilinks(s, resolve) != s {
		t.Fatal("changed a body without links")
	}
	if WikilinkLabel("a]]|b\nc") != "a))|b c" {
		t.Fatalf("WikilinkLabel: %q", WikilinkLabel("a]]|b\nc"))
	}
}
