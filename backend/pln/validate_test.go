package pln

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

func TestNodeFieldsNormalize(t *testing.T) {
	f := NodeFields{
		Label:    "  Ada Lovelace  ",
		Tags:     []string{" math ", "Math", "", "poetry"},
		Contexts: []string{"work", " work "},
		URL:      " javascript:alert(1) ", // not a web URL: kept as text, never rejected
		Emails:   []string{"ada@example.org", " ada@example.org "},
		Relation: " learns from ",
		Strength: 4,
	}
	if err := f.Normalize(); err != nil {
		t.Fatal(err)
	}
	if f.Label != "Ada Lovelace" || f.Kind != KindPerson {
		t.Errorf("label/kind = %q/%q", f.Label, f.Kind)
	}
	if strings.Join(f.Tags, ",") != "math,poetry" {
		t.Errorf("tags = %v", f.Tags)
	}
	if len(f.Contexts) != 1 || len(f.Emails) != 1 || f.Relation != "learns from" {
		t.Errorf("contexts %v emails %v relation %q", f.Contexts, f.Emails, f.Relation)
	}
	if f.URL != "javascript:alert(1)" || IsWebURL(f.URL) {
		t.Errorf("url = %q web=%v", f.URL, IsWebURL(f.URL))
	}
}

func TestNodeFieldsRejects(t *testing.T) {
	cases := []struct {
		name string
		f    NodeFields
		code Code
		msg  string
	}{
		{"empty label", NodeFields{Label: "   "}, CodeInvalid, "label is empty"},
		{"long label", NodeFields{Label: strings.Repeat("é", 201)}, CodeTooLarge, "201 characters"},
		{"newline label", NodeFields{Label: "a\nb"}, CodeInvalid, "line break"},
		{"bad kind", NodeFields{Label: "x", Kind: "planet"}, CodeInvalid, `kind "planet"`},
		{"bad role", NodeFields{Label: "x", Role: "boss"}, CodeInvalid, `role "boss"`},
		{"bad mode", NodeFields{Label: "x", Mode: "carrier pigeon"}, CodeInvalid, "mode"},
		{"bad status", NodeFields{Label: "x", Status: "gone"}, CodeInvalid, "status"},
		{"strength", NodeFields{Label: "x", Strength: 6}, CodeInvalid, "1–5"},
		{"cadence", NodeFields{Label: "x", Cadence: -1}, CodeInvalid, "Cadence"},
		{"email", NodeFields{Label: "x", Emails: []string{"not an email"}}, CodeInvalid, "not an address"},
		{"description", NodeFields{Label: "x", Description: strings.Repeat("a", MaxBodyBytes+1)}, CodeTooLarge, "description"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.f.Normalize()
			if CodeOf(err) != c.code || !strings.Contains(err.Error(), c.msg) {
				t.Fatalf("got %v, want %s containing %q", err, c.code, c.msg)
			}
		})
	}
	// Exactly at the limit is fine.
	ok := NodeFields{Label: strings.Repeat("é", MaxLabelLen)}
	if err := ok.Normalize(); err != nil {
		t.Fatal(err)
	}
}

func TestTieFieldsNormalize(t *testing.T) {
	a, b := NewID(), NewID()
	f := TieFields{From: a, To: b, Relation: " mentor of "}
	if err := f.Normalize(); err != nil {
		t.Fatal(err)
	}
	if f.Strength != DefaultTieStrength || f.Relation != "mentor of" {
		t.Errorf("got %+v", f)
	}
	for _, bad := range []TieFields{
		{From: a, To: a, Relation: "knows"},
		{From: a, To: "nope", Relation: "knows"},
		{From: a, To: b, Relation: ""},
		{From: a, To: b, Relation: "knows", Strength: 9},
	} {
		if err := bad.Normalize(); CodeOf(err) != CodeInvalid {
			t.Errorf("%+v: got %v, want invalid", bad, err)
		}
	}
}

func TestEntryFieldsNormalize(t *testing.T) {
	id := NewID()
	f := EntryFields{OccurredAt: time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC), Body: "# hi", NodeIDs: []string{id, id}}
	if err := f.Normalize(); err != nil {
		t.Fatal(err)
	}
	if f.Type != EntryReflection || len(f.NodeIDs) != 1 {
		t.Errorf("got %+v", f)
	}
	if err := (&EntryFields{Body: "x"}).Normalize(); CodeOf(err) != CodeInvalid {
		t.Errorf("missing date: %v", err)
	}
	big := EntryFields{OccurredAt: time.Now(), Body: strings.Repeat("a", MaxBodyBytes+1)}
	if err := big.Normalize(); CodeOf(err) != CodeTooLarge {
		t.Errorf("big body: %v", err)
	}
	bad := EntryFields{OccurredAt: time.Now(), Type: "diary"}
	if err := bad.Normalize(); CodeOf(err) != CodeInvalid {
		t.Errorf("bad type: %v", err)
	}
}

func TestCheckPosition(t *testing.T) {
	id := NewID()
	if err := CheckPosition(Position{ID: id, X: 1, Y: -2}); err != nil {
		t.Fatal(err)
	}
	for _, v := range []float64{math.NaN(), math.Inf(1), 2e9} {
		if err := CheckPosition(Position{ID: id, X: v}); CodeOf(err) != CodeInvalid {
			t.Errorf("%v: got %v", v, err)
		}
	}
}

func TestErrorHelpers(t *testing.T) {
	wrapped := errors.Join(errors.New("ctx"), NotFound("No node %s.", "x"))
	if CodeOf(wrapped) != CodeNotFound {
		t.Errorf("CodeOf(wrapped) = %v", CodeOf(wrapped))
	}
	if e := AsError(errors.New("disk on fire")); e.Code != CodeInternal || strings.Contains(e.Message, "fire") {
		t.Errorf("internal detail leaked: %+v", e)
	}
	if !IsWebURL("https://example.org/feed") || IsWebURL("example.org") || IsWebURL("mailto:a@b.c") {
		t.Error("IsWebURL")
	}
}

// Tags that look the same are one tag: NFC ("é" as e + U+0301 and as U+00E9),
// and invisible format characters at the ends (U+200B, U+FEFF) are trimmed,
// so a tag of nothing but them is dropped. Inside a tag they stay.
func TestNormalizeTagsUnicode(t *testing.T) {
	got, err := NormalizeTags("tag", []string{"caf\u0065\u0301", "caf\u00e9", "\u200b", "\ufeffgo\u200b", "a\u200bb", "GO"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"caf\u00e9", "go", "a\u200bb"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("NormalizeTags = %q, want %q", got, want)
	}
}
