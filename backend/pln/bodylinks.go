package pln

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Links and tags written in an entry's body (docs/decisions/journal-links.md,
// "Wikilinks" and "#tags"). Both are looked for outside code: fenced code
// blocks (``` or ~~~), indented code blocks (a line indented by a tab or
// four spaces after a blank line or another such line) and code spans
// (a run of backticks up to the next run of the same length).
//
// A wikilink is "[[inner]]" where inner has no "[", "]" or line break, not
// preceded by "!" (an embed). inner is "target" or "target|text"; when
// target is a canonical node id the link is stored ("[[id|label at the
// time of writing]]"), otherwise it names a node by its label.

// Wikilink is one [[link]] in a body. Start and End are byte offsets of
// the whole "[[…]]" in the body. ID is set when the target is a node id
// (Text is then the label written with it); otherwise Target is the label
// it names and Text the part after "|" ("" without one).
type Wikilink struct {
	Start, End int
	ID         string
	Target     string
	Text       string
}

var (
	wikilinkRe = regexp.MustCompile(`\[\[([^\[\]\n]+)\]\]`)
	fenceRe    = regexp.MustCompile("^ {0,3}(```+|~~~+)")
)

// codeMask returns body with every byte inside code (see above) replaced
// by a space, line breaks kept: offsets in the mask are offsets in body.
func codeMask(body string) string {
	b := []byte(body)
	blank := func(from, to int) {
		for i := from; i < to; i++ {
			if b[i] != '\n' {
				b[i] = ' '
			}
		}
	}
	var fence string // the opening fence while inside a fenced block
	prevBlank, prevCode := true, false
	start := 0
	for start <= len(body) {
		end := strings.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		line := body[start:end]
		isBlank := strings.TrimSpace(line) == ""
		switch {
		case fence != "":
			blank(start, end)
			t := strings.TrimLeft(line, " ")
			if strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]+" \t\r") == "" {
				fence = ""
			}
			prevCode = false
		case fenceRe.MatchString(line):
			m := fenceRe.FindStringSubmatch(line)
			fence = m[1]
			blank(start, end)
			prevCode = false
		case !isBlank && (strings.HasPrefix(line, "\t") || strings.HasPrefix(line, "    ")) && (prevBlank || prevCode):
			blank(start, end)
			prevCode = true
		default:
			if !isBlank {
				prevCode = false
			}
		}
		prevBlank = isBlank
		start = end + 1
	}
	// Code spans, in what is left.
	s := string(b)
	for i := 0; i < len(s); {
		if s[i] != '`' {
			i++
			continue
		}
		n := 0
		for i+n < len(s) && s[i+n] == '`' {
			n++
		}
		closeAt := -1
		for j := i + n; j < len(s); {
			if s[j] != '`' {
				j++
				continue
			}
			m := 0
			for j+m < len(s) && s[j+m] == '`' {
				m++
			}
			if m == n {
				closeAt = j
				break
			}
			j += m
		}
		if closeAt < 0 {
			i += n // literal backticks
			continue
		}
		blank(i, closeAt+n)
		i = closeAt + n
	}
	return string(b)
}

// Wikilinks returns the [[links]] of body outside code, in order.
func Wikilinks(body string) []Wikilink {
	if !strings.Contains(body, "[[") {
		return nil
	}
	mask := codeMask(body)
	var out []Wikilink
	for _, m := range wikilinkRe.FindAllStringSubmatchIndex(mask, -1) {
		if m[0] > 0 && mask[m[0]-1] == '!' {
			continue
		}
		inner := body[m[2]:m[3]]
		target, text, _ := strings.Cut(inner, "|")
		target = strings.TrimSpace(target)
		w := Wikilink{Start: m[0], End: m[1], Text: strings.TrimSpace(text)}
		if CheckID("node", target) == nil {
			w.ID = target
		} else {
			w.Target = target
		}
		if w.ID == "" && w.Target == "" {
			continue
		}
		out = append(out, w)
	}
	return out
}

// WikilinkLabel makes a label safe to write inside "[[id|…]]": "[" and "]"
// become "(" and ")", line breaks and other control characters spaces.
// Only a deleted node's link shows it (others show the current label).
func WikilinkLabel(label string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '[':
			return '('
		case r == ']':
			return ')'
		case unicode.IsControl(r):
			return ' '
		}
		return r
	}, label)
}

// LinkWikilinks rewrites each label link of body ("[[Label]]" or
// "[[Label|text]]") whose label resolve finds (a node id and its label)
// as a stored link "[[id|label]]"; links it does not find, stored links
// and code are left as they are.
func LinkWikilinks(body string, resolve func(target string) (id, label string, ok bool)) string {
	ls := Wikilinks(body)
	var b strings.Builder
	last := 0
	for _, l := range ls {
		if l.ID != "" {
			continue
		}
		id, label, ok := resolve(l.Target)
		if !ok {
			continue
		}
		b.WriteString(body[last:l.Start])
		b.WriteString("[[" + id + "|" + WikilinkLabel(label) + "]]")
		last = l.End
	}
	if last == 0 {
		return body
	}
	b.WriteString(body[last:])
	return b.String()
}

// BodyTags returns the #tags of body, in order, once each (compared
// case-insensitively, first spelling kept). A tag is "#" at the start of
// a line, after white space or after "(" (not "](", a link's
// destination), then letters, digits, "-" and "_" with at
// least one letter (so "#1" and "#2026" are not tags), ending before any
// other character; trailing "-" and "_" are not part of it. Not a tag:
// inside code, inside a [[wikilink]], a "#" after any other character
// (URL fragments, "C#", "&#38;"), "# Heading" (a space follows). Tags
// longer than MaxTagLen are left out.
func BodyTags(body string) []string {
	if !strings.Contains(body, "#") {
		return nil
	}
	mask := []byte(codeMask(body))
	for _, w := range Wikilinks(body) {
		for i := w.Start; i < w.End; i++ {
			mask[i] = ' '
		}
	}
	s := string(mask)
	var out []string
	seen := map[string]bool{}
	for i := 0; i < len(s); i++ {
		if s[i] != '#' {
			continue
		}
		if i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			paren := prev == '(' && (i < 2 || s[i-2] != ']') // "(#tag)", not a link's "](#anchor)"
			if !unicode.IsSpace(prev) && !paren {
				continue
			}
		}
		j := i + 1
		letter := false
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '-' || r == '_') {
				break
			}
			letter = letter || unicode.IsLetter(r)
			j += n
		}
		tag := strings.TrimRight(body[i+1:j], "-_")
		i = j - 1
		if tag == "" || !letter || utf8.RuneCountInString(tag) > MaxTagLen {
			continue
		}
		if k := strings.ToLower(tag); !seen[k] {
			seen[k] = true
			out = append(out, tag)
		}
	}
	return out
}

// MergeBodyTags adds the body's #tags to tags (explicit tags first, their
// spelling kept), as many as fit under MaxTags.
func MergeBodyTags(tags []string, body string) []string {
	out := append([]string(nil), tags...)
	seen := map[string]bool{}
	for _, t := range tags {
		seen[strings.ToLower(strings.TrimSpace(t))] = true
	}
	for _, t := range BodyTags(body) {
		k := strings.ToLower(t)
		if seen[k] || len(out) >= MaxTags {
			continue
		}
		seen[k] = true
		out = append(out, t)
	}
	return out
}
