package search

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search"
)

// SnippetBytes is about how much text a snippet shows (bytes, before
// widening to whole characters).
const SnippetBytes = 160

// snippetOf picks the field a hit's snippet comes from (the first field in
// textFields order with a matched term, the label last for nodes since it
// is their title) and cuts a window of it around the first matched term,
// marking every matched term inside. With no location (a filter-only
// match) it shows the start of the body.
func snippetOf(kind string, fields map[string]interface{}, locs search.FieldTermLocationMap) (string, []Span) {
	order := []string{"body", "tags", "urls", "emails", "org", "label"}
	for _, f := range order {
		text, _ := fields[f].(string)
		if shown, ok := fields[f+"_shown"].(string); ok && len(shown) == len(text) {
			text = shown
		}
		if text == "" {
			continue
		}
		var ranges [][2]int
		for _, name := range []string{f, f + "_raw"} {
			for _, ls := range locs[name] {
				for _, l := range ls {
					if int(l.End) <= len(text) && l.Start < l.End {
						ranges = append(ranges, [2]int{int(l.Start), int(l.End)})
					}
				}
			}
		}
		if len(ranges) == 0 {
			continue
		}
		return f, cut(text, ranges)
	}
	if text, _ := fields["body"].(string); text != "" {
		return "body", cut(text, nil)
	}
	label, _ := fields["label"].(string)
	return "label", []Span{{Text: label}}
}

// cut returns the window of text around the first range, as spans.
func cut(text string, ranges [][2]int) []Span {
	sort.Slice(ranges, func(i, j int) bool { return ranges[i][0] < ranges[j][0] })
	// merge overlaps (the stemmed and the raw field mark the same word)
	var merged [][2]int
	for _, r := range ranges {
		if n := len(merged); n > 0 && r[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], r[1])
			continue
		}
		merged = append(merged, r)
	}
	start, end := 0, min(len(text), SnippetBytes)
	if len(merged) > 0 && merged[0][1] > end {
		start = max(0, merged[0][0]-SnippetBytes/3)
		end = min(len(text), start+SnippetBytes)
	}
	for start > 0 && !utf8.RuneStart(text[start]) {
		start--
	}
	for end < len(text) && !utf8.RuneStart(text[end]) {
		end++
	}
	var out []Span
	add := func(s string, mark bool) {
		if s == "" {
			return
		}
		if mark {
			s = strings.Join(strings.Fields(s), " ")
		}
		out = append(out, Span{Text: s, Mark: mark})
	}
	pos := start
	if start > 0 {
		add("… ", false)
	}
	for _, r := range merged {
		if r[0] < pos || r[1] > end {
			continue
		}
		add(keepEdgeSpace(text[pos:r[0]]), false)
		add(text[r[0]:r[1]], true)
		pos = r[1]
	}
	add(keepEdgeSpace(text[pos:end]), false)
	if end < len(text) {
		add(" …", false)
	}
	return out
}

// keepEdgeSpace collapses inner whitespace but keeps one space at either
// edge, so that marked words stay apart from their neighbours.
func keepEdgeSpace(s string) string {
	if s == "" {
		return ""
	}
	inner := strings.Join(strings.Fields(s), " ")
	r0, _ := utf8.DecodeRuneInString(s)
	r1, _ := utf8.DecodeLastRuneInString(s)
	if inner == "" {
		return " "
	}
	if isSpace(r0) {
		inner = " " + inner
	}
	if isSpace(r1) {
		inner += " "
	}
	return inner
}

func isSpace(r rune) bool { return r == ' ' || r == '\n' || r == '\t' || r == '\r' }
