package interchange

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/plexus-pln/plexus/backend/pln"
)

// FormatMarkdown is a Markdown notes vault (Obsidian-style): one note per
// node, dated notes as journal entries (docs/formats.md, "Markdown vault").
const FormatMarkdown = "markdown"

// MaxZipEntries is the most entries a zipped vault may list.
const MaxZipEntries = 20_000

// relLinksTo is the relation of a tie made from a [[wikilink]] in a note.
const relLinksTo = "links to"

// mdTiesHeading is the heading of the section an export writes the ties in.
const mdTiesHeading = "## Ties"

// maxYAMLNodes bounds the YAML nodes read from one note's front matter
// (aliases included: an alias "bomb" stops here).
const maxYAMLNodes = 100_000

type markdownFormat struct{}

func init() { Register(markdownFormat{}) }

func (markdownFormat) Name() string      { return FormatMarkdown }
func (markdownFormat) Title() string     { return "Markdown vault (notes folder or zip)" }
func (markdownFormat) Extension() string { return "md" }
func (markdownFormat) Order() int        { return 200 }

var (
	mdWikilinkRe = regexp.MustCompile(`(!?)\[\[([^\[\]\n]+)\]\]`)
	mdATXRe      = regexp.MustCompile(`(?m)^#{1,6}[ \t]+\S`)
	mdFMKeyRe    = regexp.MustCompile(`^[^\s#:\-].*?:(\s|$)`)
	mdDateRe     = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})`)
	mdYAMLLineRe = regexp.MustCompile(`^yaml: line (\d+): `)
	mdTieLineRe  = regexp.MustCompile(`^- (.+?) \[\[([^\[\]\n]+)\]\](?: \(([^()]*)\))?(?:: (.*))?$`)
	mdDedupRe    = regexp.MustCompile(`\s*\(\d+\)$`)
)

// Sniff: SniffSure for a zip with a Markdown note in it; SniffLikely for
// text that starts with YAML front matter ("---", key: value lines,
// "---"); SniffMaybe for text with [[wikilinks]] or ATX headings.
func (markdownFormat) Sniff(p *Probe) int {
	if p.IsZip() {
		r, err := zip.NewReader(bytes.NewReader(p.Data), int64(len(p.Data)))
		if err != nil {
			return SniffNo
		}
		for i, f := range r.File {
			if i >= MaxZipEntries {
				break
			}
			if isNoteName(f.Name) {
				return SniffSure
			}
		}
		return SniffNo
	}
	t := p.Text()
	if t == "" {
		return SniffNo
	}
	lead := strings.TrimLeft(t, " \t\r\n")
	if strings.HasPrefix(lead, "{") || strings.HasPrefix(lead, "<") ||
		strings.HasPrefix(lead, "[") && !strings.HasPrefix(lead, "[[") {
		return SniffNo
	}
	if looksLikeFrontMatter(t, len(p.Data) > probeHead) {
		return SniffLikely
	}
	if mdWikilinkRe.MatchString(t) || mdATXRe.MatchString(t) {
		return SniffMaybe
	}
	return SniffNo
}

// looksLikeFrontMatter: a first line "---", then key: value lines (list
// items, indented continuations, comments and blank lines between them),
// at least one key, and a closing "---" (or the head ends first).
func looksLikeFrontMatter(t string, cut bool) bool {
	lines := strings.Split(t, "\n")
	if len(lines) < 2 || strings.TrimRight(lines[0], " \t\r") != "---" {
		return false
	}
	keys := 0
	for i, l := range lines[1:] {
		l = strings.TrimRight(l, " \t\r")
		switch {
		case l == "---" || l == "...":
			return keys > 0
		case l == "" || strings.HasPrefix(l, "#") || strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") || strings.HasPrefix(l, "- ") || l == "-":
		case mdFMKeyRe.MatchString(l):
			keys++
		default:
			return false
		}
		if i == len(lines)-2 {
			return cut && keys > 0
		}
	}
	return false
}

// isNoteName reports whether a file name inside a vault is a note that is
// read: *.md outside hidden folders (.obsidian, .trash) and macOS's
// __MACOSX resource forks.
func isNoteName(name string) bool {
	name = strings.ReplaceAll(name, "\\", "/")
	if !strings.HasSuffix(strings.ToLower(name), ".md") {
		return false
	}
	for _, seg := range strings.Split(name, "/") {
		if strings.HasPrefix(seg, ".") || seg == "__MACOSX" {
			return false
		}
	}
	return true
}

// ---------------------------------------------------------------------
// Import.

// mdNote is one note of the vault as read, before links are resolved.
type mdNote struct {
	path     string // slash path inside the vault
	name     string // base name without .md
	where    string // file (and zip) name for messages
	fm       []mdProp
	body     string
	bodyLine int // line of the body's first line in the file
	hasKind  bool
}

type mdProp struct {
	key  string
	val  *yaml.Node
	line int
}

func (p mdProp) lkey() string { return strings.ToLower(p.key) }

type mdParse struct {
	doc   *Doc
	notes []*mdNote
	// The vault's notes by lower-cased path (without .md), name and alias.
	byPath, byName map[string]string
	keys           map[string]bool
	egoAt          string
	dangling       map[string]bool
	budget         int
}

// Parse reads the notes of a vault: .md files, and .zip archives of them.
func (markdownFormat) Parse(files []File) (*Doc, error) {
	p := &mdParse{doc: &Doc{Format: FormatMarkdown}, byPath: map[string]string{}, byName: map[string]string{},
		keys: map[string]bool{}, dangling: map[string]bool{}}
	total := 0
	for _, f := range files {
		if bytes.HasPrefix(f.Data, []byte("PK\x03\x04")) {
			notes, ignored, err := readZipVault(f, &total)
			if err != nil {
				return nil, InFile(f.Name, err)
			}
			if ignored > 0 {
				p.doc.Warn(f.Name, "%d files in the archive are not Markdown notes (or sit in hidden folders such as .obsidian or .trash) and were not read.", ignored)
			}
			for _, n := range notes {
				if err := p.addNote(n.Name, f.Name+": "+n.Name, n.Data); err != nil {
					return nil, err
				}
			}
			continue
		}
		total += len(f.Data)
		if total > MaxImportBytes {
			return nil, pln.TooLarge("The notes are more than %d MiB in all; the limit is %d MiB.", MaxImportBytes>>20, MaxImportBytes>>20)
		}
		if err := p.addNote(f.Name, f.Name, f.Data); err != nil {
			return nil, err
		}
	}
	return p.finish()
}

// readZipVault expands the .md notes of a zipped vault, refusing names
// outside the archive's folder, more than MaxZipEntries entries and more
// than MaxImportBytes of notes in all (counted as they are read, so a zip
// bomb stops at the limit).
func readZipVault(f File, total *int) (notes []File, ignored int, err error) {
	r, err := zip.NewReader(bytes.NewReader(f.Data), int64(len(f.Data)))
	if err != nil {
		return nil, 0, pln.Invalid("the zip archive cannot be read (%s); it may be cut short or damaged.", err.Error())
	}
	if len(r.File) > MaxZipEntries {
		return nil, 0, pln.TooLarge("the zip archive has %d entries; the limit is %d.", len(r.File), MaxZipEntries)
	}
	var out []File
	for _, zf := range r.File {
		name := strings.ReplaceAll(zf.Name, "\\", "/")
		if unsafeZipName(name) {
			return nil, 0, pln.Invalid("the zip archive names a file outside its folder (%q); Plexus does not read such archives.", truncateRunes(zf.Name, 80))
		}
		if strings.HasSuffix(name, "/") {
			continue
		}
		if !isNoteName(name) {
			ignored++
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return nil, 0, pln.Invalid("%s in the zip archive cannot be read (%s).", truncateRunes(name, 80), err.Error())
		}
		// A note whose header already says it is over the limit is refused
		// unread; a header that lies is caught by the count (and by the zip
		// reader, which checks the size it declared).
		left := MaxImportBytes - *total
		if zf.UncompressedSize64 > uint64(left) {
			rc.Close()
			return nil, 0, pln.TooLarge("the notes in the zip archive are more than %d MiB in all; the limit is %d MiB.", MaxImportBytes>>20, MaxImportBytes>>20)
		}
		var buf bytes.Buffer
		buf.Grow(int(zf.UncompressedSize64) + bytes.MinRead)
		n, err := io.Copy(&buf, io.LimitReader(rc, int64(left)+1))
		rc.Close()
		*total += int(n)
		if *total > MaxImportBytes {
			return nil, 0, pln.TooLarge("the notes in the zip archive are more than %d MiB in all; the limit is %d MiB.", MaxImportBytes>>20, MaxImportBytes>>20)
		}
		if err != nil {
			return nil, 0, pln.Invalid("%s in the zip archive cannot be read (%s); the archive may be damaged.", truncateRunes(name, 80), err.Error())
		}
		out = append(out, File{Name: name, Data: buf.Bytes()})
	}
	return out, ignored, nil
}

// unsafeZipName: an absolute name, a drive letter or a ".." segment.
func unsafeZipName(name string) bool {
	if strings.HasPrefix(name, "/") || len(name) >= 2 && name[1] == ':' {
		return true
	}
	for _, seg := range strings.Split(name, "/") {
		if seg == ".." {
			return true
		}
	}
	return false
}

// noteName is a note's name as Obsidian links it: the base name without .md.
func noteName(p string) string {
	base := path.Base(strings.ReplaceAll(p, "\\", "/"))
	for _, ext := range []string{".md", ".markdown", ".txt"} {
		if len(base) > len(ext) && strings.EqualFold(base[len(base)-len(ext):], ext) {
			return base[:len(base)-len(ext)]
		}
	}
	return base
}

func notePath(p string) string {
	p = strings.Trim(strings.ReplaceAll(p, "\\", "/"), "/")
	if dir := path.Dir(p); dir != "." {
		return dir + "/" + noteName(p)
	}
	return noteName(p)
}

// addNote decodes one note and splits its front matter from its body.
func (p *mdParse) addNote(name, where string, data []byte) error {
	if len(p.notes) >= MaxItems {
		return pln.TooLarge("The vault has more than %d notes; the limit is %d.", MaxItems, MaxItems)
	}
	text, note, err := decodeText(data)
	if err != nil {
		p.doc.Skip(where, "the note cannot be read as text (%s) and was left out.", pln.AsError(err).Message)
		return nil
	}
	if note != "" {
		p.doc.Warn(where, "%s", note)
	}
	n := &mdNote{path: notePath(name), name: noteName(name), where: where, body: text, bodyLine: 1}
	fm, body, bodyLine, ok := splitFrontMatter(text)
	if ok {
		n.body, n.bodyLine = body, bodyLine
		var root yaml.Node
		if err := yaml.Unmarshal([]byte(fm), &root); err != nil {
			msg := err.Error()
			if m := mdYAMLLineRe.FindStringSubmatch(msg); m != nil {
				l, _ := strconv.Atoi(m[1])
				msg = fmt.Sprintf("line %d: %s", l+1, msg[len(m[0]):])
			} else {
				msg = strings.TrimPrefix(msg, "yaml: ")
			}
			p.doc.Skip(where, "the front matter is not valid YAML (%s); the note was left out.", msg)
			return nil
		}
		if len(root.Content) > 0 {
			m := root.Content[0]
			if m.Kind != yaml.MappingNode {
				p.doc.Skip(where, "the front matter is not a list of key: value properties; the note was left out.")
				return nil
			}
			for i := 0; i+1 < len(m.Content); i += 2 {
				k := m.Content[i]
				n.fm = append(n.fm, mdProp{key: k.Value, val: m.Content[i+1], line: k.Line + 1})
				if strings.EqualFold(k.Value, "kind") {
					n.hasKind = true
				}
			}
		}
	}
	p.notes = append(p.notes, n)
	return nil
}

// splitFrontMatter returns the YAML between a leading "---" line and the
// next "---" (or "...") line, the body after it and the body's first line
// number; ok false when the text has no (closed) front matter.
func splitFrontMatter(text string) (fm, body string, bodyLine int, ok bool) {
	first, rest, found := strings.Cut(text, "\n")
	if !found || strings.TrimRight(first, " \t\r") != "---" {
		return "", text, 1, false
	}
	off := len(first) + 1
	line := 2
	for off <= len(text) {
		l, _, more := strings.Cut(text[off:], "\n")
		if t := strings.TrimRight(l, " \t\r"); t == "---" || t == "..." {
			fm = rest[:off-len(first)-1]
			end := off + len(l)
			if more {
				end++
			}
			return fm, text[end:], line + 1, true
		}
		if !more {
			break
		}
		off += len(l) + 1
		line++
	}
	return "", text, 1, false
}

// entryDate is the date a note's name starts with.
func entryDate(name string) (time.Time, string, bool) {
	m := mdDateRe.FindString(name)
	if m == "" {
		return time.Time{}, "", false
	}
	d, err := time.Parse("2006-01-02", m)
	if err != nil {
		return time.Time{}, "", false
	}
	return d.Add(12 * time.Hour), strings.TrimLeft(name[len(m):], " _-.T"), true
}

// parseMDDate reads a front matter date: RFC 3339, a date and time without
// a zone (UTC), or YYYY-MM-DD (noon UTC, so the day is the same in every
// time zone).
func parseMDDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02 15:04:05 -07:00", "2006-01-02 15:04:05.999999999 -07:00"} {
		if t, err := time.Parse(layout, s); err == nil && t.Year() >= 1 && t.Year() <= 9999 {
			return t, true
		}
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t.Add(12 * time.Hour), true
	}
	return time.Time{}, false
}

// isEntryNote: a dated name, or front matter with an entry type (or
// plexus:entry) and a date; never a note whose front matter has a kind.
func (n *mdNote) isEntry() bool {
	if n.hasKind {
		return false
	}
	if _, _, ok := entryDate(n.name); ok {
		return true
	}
	hasType, hasDate := false, false
	for _, pr := range n.fm {
		switch pr.lkey() {
		case "plexus:entry":
			hasType = true
		case "type":
			hasType = hasType || slices.Contains(pln.EntryTypes, pln.EntryType(strings.ToLower(scalarText(pr.val))))
		case "date", "created":
			_, ok := parseMDDate(scalarText(pr.val))
			hasDate = hasDate || ok
		}
	}
	return hasType && hasDate
}

func (p *mdParse) finish() (*Doc, error) {
	var nodes, entries []*mdNote
	for _, n := range p.notes {
		if n.isEntry() {
			entries = append(entries, n)
		} else {
			nodes = append(nodes, n)
		}
	}
	// Keys and the name index first: links may point forward.
	keyOf := make([]string, len(nodes))
	for i, n := range nodes {
		key := ""
		for _, pr := range n.fm {
			if pr.lkey() == "id" {
				key = strings.TrimSpace(scalarText(pr.val))
			}
		}
		if key == "" || p.keys[key] {
			key = n.name
		}
		if p.keys[key] {
			key = n.path
		}
		for j := 2; p.keys[key]; j++ {
			key = fmt.Sprintf("%s (%d)", n.path, j)
		}
		p.keys[key] = true
		keyOf[i] = key
		if _, ok := p.byPath[strings.ToLower(n.path)]; !ok {
			p.byPath[strings.ToLower(n.path)] = key
		}
		if _, ok := p.byName[strings.ToLower(n.name)]; !ok {
			p.byName[strings.ToLower(n.name)] = key
		}
	}
	// Titles and aliases link too, after the names.
	for i, n := range nodes {
		for _, pr := range n.fm {
			switch pr.lkey() {
			case "title", "aliases", "alias":
				for _, s := range p.textList(pr.val) {
					if k := strings.ToLower(strings.TrimSpace(s)); k != "" {
						if _, ok := p.byName[k]; !ok {
							p.byName[k] = keyOf[i]
						}
					}
				}
			}
		}
	}
	var ties []DocTie
	for i, n := range nodes {
		dn, nt := p.nodeOf(n, keyOf[i])
		p.doc.Nodes = append(p.doc.Nodes, dn)
		ties = append(ties, nt...)
	}
	// A mutual tie is listed in both its nodes' notes: keep it once.
	seen := map[string]bool{}
	for _, t := range ties {
		if !t.Tie.Directed {
			a, b := t.From, t.To
			if a > b {
				a, b = b, a
			}
			k := a + "\x00" + b + "\x00" + t.Tie.Relation + "\x00" + strconv.Itoa(t.Tie.Strength) + "\x00" + t.Tie.Note
			if seen[k] {
				continue
			}
			seen[k] = true
		}
		p.doc.Ties = append(p.doc.Ties, t)
	}
	if len(p.doc.Ties) > MaxItems {
		return nil, pln.TooLarge("The vault has %d ties; the limit is %d.", len(p.doc.Ties), MaxItems)
	}
	for _, n := range entries {
		p.entryOf(n)
	}
	return p.doc, nil
}

// lookup finds the key of the note a link target names: its path, its
// name, a title or an alias (case-insensitively).
func (p *mdParse) lookup(target string) (string, bool) {
	t := strings.ToLower(strings.TrimSpace(target))
	t = strings.TrimSuffix(t, ".md")
	if k, ok := p.byPath[strings.Trim(t, "/")]; ok {
		return k, true
	}
	k, ok := p.byName[path.Base(t)]
	if !ok {
		k, ok = p.byName[t]
	}
	return k, ok
}

// wikilinks returns the targets of the [[links]] in text (embeds, code
// spans and fenced code left out), in order, once each.
func wikilinks(text string) []string {
	var out []string
	inFence := false
	for _, line := range strings.Split(text, "\n") {
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			inFence = !inFence
			continue
		}
		if inFence || !strings.Contains(line, "[[") {
			continue
		}
		line = stripCodeSpans(line)
		for _, m := range mdWikilinkRe.FindAllStringSubmatch(line, -1) {
			if m[1] == "!" {
				continue
			}
			if t := linkTarget(m[2]); t != "" && !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

// linkTarget is the note a wikilink's inside names: before "|" (the
// alias) and "#" (a heading or block).
func linkTarget(inner string) string {
	t, _, _ := strings.Cut(inner, "|")
	t, _, _ = strings.Cut(t, "#")
	return strings.TrimSpace(t)
}

func stripCodeSpans(line string) string {
	if !strings.Contains(line, "`") {
		return line
	}
	var b strings.Builder
	in := false
	for _, r := range line {
		if r == '`' {
			in = !in
			continue
		}
		if !in {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// --- YAML values.

func (p *mdParse) spend() bool {
	p.budget++
	return p.budget <= maxYAMLNodes
}

func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 16; i++ {
		n = n.Alias
	}
	if n != nil && n.Kind == yaml.AliasNode {
		return nil
	}
	return n
}

// scalarText is a scalar's text ("" for null and for anything else).
func scalarText(n *yaml.Node) string {
	n = deref(n)
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return ""
	}
	return n.Value
}

// textList is a list of scalars, one scalar, or a comma-separated string
// when comma is set.
func (p *mdParse) textList(n *yaml.Node) []string {
	n = deref(n)
	if n == nil {
		return nil
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if s := scalarText(n); s != "" {
			return []string{s}
		}
	case yaml.SequenceNode:
		var out []string
		for _, c := range n.Content {
			if !p.spend() {
				break
			}
			if s := scalarText(c); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// valueText is a value as Extra keeps it: a scalar as its text, a list or
// map as compact JSON (keys in file order).
func (p *mdParse) valueText(n *yaml.Node) string {
	n = deref(n)
	if n == nil {
		return ""
	}
	if n.Kind == yaml.ScalarNode {
		return scalarText(n)
	}
	var b bytes.Buffer
	if !p.writeJSON(&b, n, 0) {
		return ""
	}
	return b.String()
}

func (p *mdParse) writeJSON(b *bytes.Buffer, n *yaml.Node, depth int) bool {
	n = deref(n)
	if n == nil || depth > MaxJSONDepth || !p.spend() || b.Len() > pln.MaxExtraValueLen {
		return false
	}
	switch n.Kind {
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			b.WriteString("null")
		case "!!bool":
			b.WriteString(strconv.FormatBool(n.Value == "true" || n.Value == "True" || n.Value == "TRUE"))
		case "!!int", "!!float":
			if json.Valid([]byte(n.Value)) {
				b.WriteString(n.Value)
			} else {
				writeJSONString(b, n.Value)
			}
		default:
			writeJSONString(b, n.Value)
		}
	case yaml.SequenceNode:
		b.WriteByte('[')
		for i, c := range n.Content {
			if i > 0 {
				b.WriteByte(',')
			}
			if !p.writeJSON(b, c, depth+1) {
				return false
			}
		}
		b.WriteByte(']')
	case yaml.MappingNode:
		b.WriteByte('{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				b.WriteByte(',')
			}
			k := deref(n.Content[i])
			if k == nil || k.Kind != yaml.ScalarNode {
				return false
			}
			writeJSONString(b, k.Value)
			b.WriteByte(':')
			if !p.writeJSON(b, n.Content[i+1], depth+1) {
				return false
			}
		}
		b.WriteByte('}')
	default:
		return false
	}
	return true
}

func writeJSONString(b *bytes.Buffer, s string) {
	e := json.NewEncoder(b)
	e.SetEscapeHTML(false)
	_ = e.Encode(s)
	b.Truncate(b.Len() - 1) // Encode's newline
}

// stripLink is a value written as one [[wikilink]] without the brackets.
func stripLink(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "[[") && strings.HasSuffix(s, "]]") && !strings.Contains(s[2:len(s)-2], "]]") {
		return linkTarget(s[2 : len(s)-2])
	}
	return s
}

// --- Nodes.

// nodeOf builds a node from a note, with the ties of its body.
func (p *mdParse) nodeOf(n *mdNote, key string) (DocNode, []DocTie) {
	p.budget = 0
	var nd pln.Node
	sink := &extraSink{m: &nd.Extra}
	var bad []string
	var x, y float64
	hasX, hasY := false, false
	kindSet := false
	badValue := func(pr mdProp) {
		bad = append(bad, pr.key)
		sink.put(FormatMarkdown+":"+pr.key, p.valueText(pr.val))
	}
	// "kind" before "type", whatever their order in the file.
	props := slices.Clone(n.fm)
	sort.SliceStable(props, func(i, j int) bool { return props[i].lkey() == "kind" && props[j].lkey() != "kind" })
	for _, pr := range props {
		s := strings.TrimSpace(scalarText(pr.val))
		switch pr.lkey() {
		case "title":
			if l := cleanLine(s, pln.MaxLabelLen); l != "" && nd.Label == "" {
				nd.Label = l
				continue
			}
		case "id":
			if s == key {
				continue // the note's key: a Plexus id, or the vault's own
			}
		case "kind":
			if k := GuessKind(stripLink(s)); k != "" && !kindSet {
				nd.Kind, kindSet = k, true
				if strings.EqualFold(s, string(k)) {
					continue
				}
			}
		case "type":
			if !kindSet {
				for _, v := range p.textList(pr.val) {
					if k := GuessKind(stripLink(v)); k != "" {
						nd.Kind, kindSet = k, true
						break
					}
				}
				if kindSet && strings.EqualFold(s, string(nd.Kind)) {
					continue
				}
			}
		case "tags", "tag":
			var ts []string
			for _, v := range p.textList(pr.val) {
				ts = append(ts, strings.Split(v, ",")...)
			}
			if len(ts) > 0 || deref(pr.val).Kind == yaml.SequenceNode {
				nd.Tags = mergeTags(nd.Tags, ts)
				continue
			}
		case "url", "website":
			if u := cleanURL(s); nd.URL == "" && u != "" && utf8.RuneCountInString(u) <= pln.MaxURLLen {
				nd.URL = u
				continue
			}
		case "feedurl":
			if u := cleanURL(s); nd.FeedURL == "" && u != "" && utf8.RuneCountInString(u) <= pln.MaxURLLen {
				nd.FeedURL = u
				continue
			}
			badValue(pr)
			continue
		case "email", "emails":
			ok := true
			var es []string
			for _, e := range p.textList(pr.val) {
				e = strings.TrimSpace(e)
				if !validEmail(e) || len(nd.Emails)+len(es) >= pln.MaxEmails {
					ok = false
					break
				}
				if !slices.Contains(nd.Emails, e) && !slices.Contains(es, e) {
					es = append(es, e)
				}
			}
			if ok {
				nd.Emails = append(nd.Emails, es...)
				continue
			}
			badValue(pr)
			continue
		case "organisation", "organization", "company":
			if o := cleanLine(stripLink(s), pln.MaxOrganisation); o != "" && nd.Organisation == "" {
				nd.Organisation = o
				continue
			}
		case "relation":
			if r := cleanLine(s, pln.MaxRelationLen); r != "" {
				nd.Relation = r
				continue
			}
			badValue(pr)
			continue
		case "strength", "cadence":
			v, err := strconv.Atoi(s)
			max := 5
			if pr.lkey() == "cadence" {
				max = pln.MaxCadenceDays
			}
			if err != nil || v < 0 || v > max {
				badValue(pr)
				continue
			}
			if pr.lkey() == "strength" {
				nd.Strength = v
			} else {
				nd.Cadence = v
			}
			continue
		case "role":
			if r := pln.Role(strings.ToLower(s)); slices.Contains(pln.Roles, r) {
				nd.Role = r
				continue
			}
			badValue(pr)
			continue
		case "mode":
			if m := pln.Mode(strings.ToLower(s)); slices.Contains(pln.Modes, m) {
				nd.Mode = m
				continue
			}
			badValue(pr)
			continue
		case "status":
			if st := pln.Status(strings.ToLower(s)); slices.Contains(pln.Statuses, st) {
				nd.Status = st
				continue
			}
			badValue(pr)
			continue
		case "contexts":
			var cs []string
			for _, v := range p.textList(pr.val) {
				cs = append(cs, strings.Split(v, ",")...)
			}
			nd.Contexts = mergeTags(nd.Contexts, cs)
			continue
		case "x", "y":
			v, err := strconv.ParseFloat(s, 64)
			if err != nil || math.IsNaN(v) || math.Abs(v) > pln.MaxCoordinate {
				badValue(pr)
				continue
			}
			if pr.lkey() == "x" {
				x, hasX = v, true
			} else {
				y, hasY = v, true
			}
			continue
		case "pinned", "ego":
			b, err := strconv.ParseBool(strings.ToLower(s))
			if err != nil {
				badValue(pr)
				continue
			}
			if pr.lkey() == "pinned" {
				nd.Pinned = b
			} else {
				nd.Ego = b
			}
			continue
		case "plexus:extra":
			m := deref(pr.val)
			if m != nil && m.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(m.Content); i += 2 {
					if k := scalarText(m.Content[i]); k != "" && k != ExtraKeyFor(FormatMarkdown) {
						sink.put(k, p.valueText(m.Content[i+1]))
					}
				}
				continue
			}
			badValue(pr)
			continue
		}
		sink.put(FormatMarkdown+":"+pr.key, p.valueText(pr.val))
	}
	// The note's own id in the vault: a front matter id that is not a
	// Plexus id, else its name.
	own := n.name
	if key != n.name && pln.CheckID("node", key) != nil {
		own = key
	}
	sink.put(ExtraKeyFor(FormatMarkdown), own)
	if nd.Label == "" {
		nd.Label = cleanLine(n.name, pln.MaxLabelLen)
	}
	if nd.Label == "" {
		nd.Label = "Untitled note"
	}
	if nd.Ego {
		if p.egoAt != "" {
			p.doc.Warn(n.where, "a second note says it is the ego (the first is %s); it is imported as an alter.", p.egoAt)
			nd.Ego = false
		} else {
			p.egoAt = n.where
			nd.Kind = pln.KindPerson
		}
	}
	desc, lines := splitTies(n.body)
	if len(desc) > pln.MaxBodyBytes {
		p.doc.Warn(n.where, "the note is longer than %d bytes; its description was cut there.", pln.MaxBodyBytes)
		desc = cutBytes(desc, pln.MaxBodyBytes)
	}
	nd.Description = strings.ToValidUTF8(desc, "\uFFFD")
	if len(bad) > 0 {
		p.doc.Warn(n.where, "the values of %s are not valid Plexus values; they were kept as extra properties (markdown:…).", strings.Join(bad, ", "))
	}
	for _, k := range sink.cut {
		p.doc.Warn(n.where, "the property %s is longer than %d KiB; only its first %d KiB were kept.", truncateRunes(k, 40), pln.MaxExtraValueLen>>10, pln.MaxExtraValueLen>>10)
	}
	if len(sink.notFit) > 0 {
		names := sink.notFit
		if len(names) > 5 {
			names = append(names[:5:5], "…")
		}
		p.doc.Warn(n.where, "%d properties (%s) did not fit (at most %d extra properties a node) and were not imported.", len(sink.notFit), strings.Join(names, ", "), pln.MaxExtraKeys)
	}
	dn := DocNode{Key: key, Node: nd, Where: n.where}
	dn.place(x, y, hasX && hasY)
	if err := checkNode(dn.Node); err != nil {
		p.doc.Skip(n.where, "the note %q was left out: %s", truncateRunes(nd.Label, 60), pln.AsError(err).Message)
		dn.Node = pln.Node{Label: nd.Label, Kind: nd.Kind, Extra: map[string]string{ExtraKeyFor(FormatMarkdown): n.name}}
		dn.HasPosition = false
	}

	// Ties: the "## Ties" section an export writes, else the note's links.
	var ties []DocTie
	if lines != nil {
		for _, tl := range lines {
			to, ok := p.lookup(tl.target)
			if !ok {
				to = tl.target // resolved against the network by the service
			}
			if to == key {
				continue
			}
			ties = append(ties, DocTie{From: key, To: to, Tie: tl.tie, Where: fmt.Sprintf("%s, line %d", n.where, n.bodyLine+tl.line)})
		}
		return dn, ties
	}
	for _, t := range wikilinks(n.body) {
		to, ok := p.lookup(t)
		if !ok {
			if lt := strings.ToLower(t); !p.dangling[lt] {
				p.dangling[lt] = true
				p.doc.Warn(n.where, "[[%s]] links to a note that is not in the vault; no tie was made for it.", truncateRunes(t, 80))
			}
			continue
		}
		if to == key || slices.ContainsFunc(ties, func(d DocTie) bool { return d.To == to }) {
			continue
		}
		ties = append(ties, DocTie{From: key, To: to, Tie: pln.Tie{Relation: relLinksTo, Directed: true}, Where: n.where})
	}
	return dn, ties
}

type mdTieLine struct {
	target string
	tie    pln.Tie
	line   int // 0-based line in the body
}

// splitTies cuts the last "## Ties" section off a note's body when every
// line of it is a tie as an export writes it ("- relation [[Other]]
// (mutual, strength 4): note"); lines is nil when there is none.
func splitTies(body string) (string, []mdTieLine) {
	lines := strings.Split(body, "\n")
	at := -1
	for i, l := range lines {
		if strings.TrimRight(l, " \t\r") == mdTiesHeading {
			at = i
		}
	}
	if at < 0 {
		return body, nil
	}
	out := []mdTieLine{}
	for i := at + 1; i < len(lines); i++ {
		l := strings.TrimRight(lines[i], " \t\r")
		if l == "" {
			continue
		}
		m := mdTieLineRe.FindStringSubmatch(l)
		if m == nil {
			return body, nil
		}
		t := pln.Tie{Relation: cleanLine(m[1], pln.MaxRelationLen), Directed: true}
		for _, d := range strings.Split(m[3], ",") {
			d = strings.TrimSpace(d)
			switch {
			case d == "":
			case d == "mutual":
				t.Directed = false
			case strings.HasPrefix(d, "strength "):
				v, err := strconv.Atoi(strings.TrimPrefix(d, "strength "))
				if err != nil || v < 1 || v > 5 {
					return body, nil
				}
				t.Strength = v
			default:
				return body, nil
			}
		}
		note := m[4]
		if strings.HasPrefix(note, `"`) {
			var s string
			if json.Unmarshal([]byte(note), &s) == nil {
				note = s
			}
		}
		t.Note = cutRunes(note, pln.MaxNoteLen)
		out = append(out, mdTieLine{target: linkTarget(m[2]), tie: t, line: i})
	}
	desc := strings.Join(lines[:at], "\n")
	if strings.HasSuffix(desc, "\n\n") {
		desc = desc[:len(desc)-2]
	} else {
		desc = strings.TrimSuffix(desc, "\n")
	}
	// The heading sat at the body's very start: the description was empty.
	if at == 0 {
		desc = ""
	}
	return desc, out
}

// --- Entries.

// entryOf builds a journal entry from a dated note.
func (p *mdParse) entryOf(n *mdNote) {
	p.budget = 0
	if len(p.doc.Entries) >= MaxItems {
		p.doc.Skip(n.where, "the vault has more than %d journal notes; this one was left out.", MaxItems)
		return
	}
	var e pln.Entry
	occurred, title, _ := entryDate(n.name)
	var links, dropped []string
	hasNodes := false
	var fmLinks []string
	dateSet := false
	for _, pr := range n.fm {
		s := strings.TrimSpace(scalarText(pr.val))
		switch k := pr.lkey(); k {
		case "date", "created":
			if t, ok := parseMDDate(s); ok {
				if k == "date" || !dateSet {
					occurred = t
				}
				dateSet = dateSet || k == "date"
				continue
			}
		case "type":
			if t := pln.EntryType(strings.ToLower(s)); slices.Contains(pln.EntryTypes, t) {
				e.Type = t
				continue
			}
			if len(p.textList(pr.val)) == 0 {
				continue // "type: []" says nothing
			}
		case "plexus:entry", "id":
			continue // Plexus's own marks
		case "title":
			if s != "" {
				title = s
				continue
			}
		case "tags", "tag":
			var ts []string
			for _, v := range p.textList(pr.val) {
				ts = append(ts, strings.Split(v, ",")...)
			}
			e.Tags = mergeTags(e.Tags, ts)
			continue
		case "nodes":
			hasNodes = true
			for _, v := range p.textList(pr.val) {
				links = append(links, stripLink(v))
			}
			continue
		}
		// A property whose values are all wikilinks links the entry's nodes.
		vals := p.textList(pr.val)
		all := len(vals) > 0
		var ls []string
		for _, v := range vals {
			v = strings.TrimSpace(v)
			if !strings.HasPrefix(v, "[[") || stripLink(v) == v {
				all = false
				break
			}
			ls = append(ls, stripLink(v))
		}
		if all {
			fmLinks = append(fmLinks, ls...)
			continue
		}
		if deref(pr.val) != nil && (deref(pr.val).Kind != yaml.ScalarNode || scalarText(pr.val) != "") {
			dropped = append(dropped, pr.key)
		}
	}
	if !hasNodes {
		links = append(fmLinks, wikilinks(n.body)...)
	}
	body := n.body
	// The note's name after its date is its title: kept at the top of the
	// body unless the body already starts with it or with a heading.
	title = mdDedupRe.ReplaceAllString(strings.TrimSpace(title), "")
	if title != "" && !mdATXRe.MatchString(firstLine(body)) && !strings.EqualFold(safeName(firstWords(body)), safeName(title)) {
		if strings.TrimSpace(body) == "" {
			body = "# " + title + "\n"
		} else {
			body = "# " + title + "\n\n" + body
		}
	}
	e.OccurredAt, e.Body = occurred, strings.ToValidUTF8(body, "\uFFFD")
	if len(e.Body) > pln.MaxBodyBytes {
		p.doc.Skip(n.where, "the journal note is longer than %d bytes and was left out.", pln.MaxBodyBytes)
		return
	}
	de := DocEntry{Entry: e, Where: n.where}
	for _, l := range links {
		if l == "" {
			continue
		}
		k, ok := p.lookup(l)
		if !ok {
			k = l // the service looks for a node of that name in the network
		}
		if !slices.Contains(de.NodeKeys, k) && len(de.NodeKeys) < pln.MaxEntryNodes {
			de.NodeKeys = append(de.NodeKeys, k)
		}
	}
	// The body's links, by their target as written, to the notes they name
	// (the import stores them by node id).
	for _, l := range pln.Wikilinks(e.Body) {
		if l.ID != "" {
			continue
		}
		k, ok := p.lookup(linkTarget(l.Target))
		if !ok {
			k = linkTarget(l.Target) // a node of that name in the network, if any
		}
		if de.LinkKeys == nil {
			de.LinkKeys = map[string]string{}
		}
		de.LinkKeys[l.Target] = k
	}
	if len(dropped) > 0 {
		for i, k := range dropped {
			dropped[i] = truncateRunes(k, 40)
		}
		p.doc.Warn(n.where, "the properties %s have no place in a journal entry and were not imported.", strings.Join(dropped, ", "))
	}
	p.doc.Entries = append(p.doc.Entries, de)
}

func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			return l
		}
	}
	return ""
}

// firstWords names a journal note: the first words of the entry's first
// line, without Markdown marks ("entry" for an empty one).
func firstWords(body string) string {
	l := strings.TrimLeft(firstLine(body), " \t#>*-+[]")
	ws := strings.Fields(l)
	if len(ws) > 8 {
		ws = ws[:8]
	}
	s := truncateRunes(strings.Join(ws, " "), 60)
	s = strings.TrimSuffix(s, "…")
	if strings.TrimSpace(s) == "" {
		return "entry"
	}
	return s
}

// ---------------------------------------------------------------------
// Export.

// safeName makes a label a file name: / \ : * ? " < > | and the link
// characters [ ] # ^ become "-", control characters spaces, no leading
// dot, no trailing dot or space, at most 200 bytes.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case strings.ContainsRune(`/\:*?"<>|[]#^`, r):
			return '-'
		case unicode.IsControl(r):
			return ' '
		}
		return r
	}, s)
	s = cutBytes(strings.TrimSpace(s), 200)
	s = strings.TrimLeft(s, ".")
	s = strings.TrimRight(s, ". ")
	if s == "" {
		return "Untitled"
	}
	return s
}

// Export writes one note per node ("<label>.md") and one per journal
// entry ("journal/YYYY-MM-DD <first words>.md"), and each image an entry
// shows ("![alt](plexus-image:<id>)") once as "attachments/<id>.<ext>",
// the link rewritten to "../attachments/<id>.<ext>"; a link to an image
// the export does not hold is left as it is.
func (markdownFormat) Export(net *Network) ([]File, error) {
	used := map[string]bool{}
	unique := func(dir, base string) string {
		name := base
		for i := 2; used[strings.ToLower(dir+name)]; i++ {
			name = fmt.Sprintf("%s (%d)", base, i)
		}
		used[strings.ToLower(dir+name)] = true
		return name
	}
	names := map[string]string{}  // node id → note name
	labels := map[string]string{} // node id → label
	for _, n := range net.Nodes {
		names[n.ID] = unique("", safeName(n.Label))
		labels[n.ID] = n.Label
	}
	link := func(id string) string {
		name, label := names[id], labels[id]
		if name == label || strings.ContainsAny(label, "[]|\n\r") {
			return "[[" + name + "]]"
		}
		return "[[" + name + "|" + label + "]]"
	}
	var files []File
	att := newAttachments(net.Images)
	for _, n := range net.Nodes {
		fm := &yaml.Node{Kind: yaml.MappingNode}
		written := map[string]bool{}
		add := func(key string, v *yaml.Node) {
			written[strings.ToLower(key)] = true
			fm.Content = append(fm.Content, yamlStr(key), v)
		}
		if names[n.ID] != n.Label {
			add("title", yamlStr(n.Label))
		}
		add("id", yamlStr(n.ID))
		kind := n.Kind
		if kind == "" {
			kind = pln.KindPerson
		}
		add("kind", yamlStr(string(kind)))
		if len(n.Tags) > 0 {
			add("tags", yamlList(n.Tags))
		}
		if n.URL != "" {
			add("url", yamlStr(n.URL))
		}
		if len(n.Emails) > 0 {
			add("emails", yamlList(n.Emails))
		}
		if n.Organisation != "" {
			add("organisation", yamlStr(n.Organisation))
		}
		if n.Relation != "" {
			add("relation", yamlStr(n.Relation))
		}
		if n.Strength != 0 {
			add("strength", yamlScalar("", strconv.Itoa(n.Strength)))
		}
		if n.Role != "" {
			add("role", yamlStr(string(n.Role)))
		}
		if len(n.Contexts) > 0 {
			add("contexts", yamlList(n.Contexts))
		}
		if n.Mode != "" {
			add("mode", yamlStr(string(n.Mode)))
		}
		if n.Status != "" {
			add("status", yamlStr(string(n.Status)))
		}
		if n.Cadence != 0 {
			add("cadence", yamlScalar("", strconv.Itoa(n.Cadence)))
		}
		if n.FeedURL != "" {
			add("feedUrl", yamlStr(n.FeedURL))
		}
		add("x", yamlScalar("", strconv.FormatFloat(n.X, 'g', -1, 64)))
		add("y", yamlScalar("", strconv.FormatFloat(n.Y, 'g', -1, 64)))
		if n.Pinned {
			add("pinned", yamlScalar("", "true"))
		}
		if n.Ego {
			add("ego", yamlScalar("", "true"))
		}
		keys := make([]string, 0, len(n.Extra))
		for k := range n.Extra {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		other := &yaml.Node{Kind: yaml.MappingNode}
		for _, k := range keys {
			v := n.Extra[k]
			if k == ExtraKeyFor(FormatMarkdown) {
				continue // the note's name
			}
			if short, ok := strings.CutPrefix(k, FormatMarkdown+":"); ok && short != "" && !written[strings.ToLower(short)] && !mdFieldKeys[strings.ToLower(short)] {
				add(short, yamlValue(v))
				continue
			}
			other.Content = append(other.Content, yamlStr(k), yamlStr(v))
		}
		if len(other.Content) > 0 {
			add("plexus:extra", other)
		}
		var body strings.Builder
		body.WriteString(n.Description)
		var tl []string
		for _, t := range net.Ties {
			var to string
			switch {
			case t.From == n.ID:
				to = t.To
			case t.To == n.ID && !t.Directed:
				to = t.From
			default:
				continue
			}
			if _, ok := names[to]; !ok {
				continue
			}
			l := "- " + cleanLine(t.Relation, pln.MaxRelationLen) + " " + link(to)
			var det []string
			if !t.Directed {
				det = append(det, "mutual")
			}
			if t.Strength != 0 && t.Strength != pln.DefaultTieStrength {
				det = append(det, "strength "+strconv.Itoa(t.Strength))
			}
			if len(det) > 0 {
				l += " (" + strings.Join(det, ", ") + ")"
			}
			if t.Note != "" {
				note := t.Note
				if strings.HasPrefix(note, `"`) || strings.ContainsFunc(note, unicode.IsControl) || strings.TrimSpace(note) != note {
					var b bytes.Buffer
					writeJSONString(&b, note)
					note = b.String()
				}
				l += ": " + note
			}
			tl = append(tl, l)
		}
		if len(tl) > 0 {
			if n.Description != "" {
				body.WriteString("\n\n")
			}
			body.WriteString(mdTiesHeading + "\n\n" + strings.Join(tl, "\n") + "\n")
		}
		data, err := frontMatter(fm, body.String())
		if err != nil {
			return nil, err
		}
		files = append(files, File{Name: names[n.ID] + ".md", Data: data})
	}
	for _, e := range net.Entries {
		fm := &yaml.Node{Kind: yaml.MappingNode}
		add := func(key string, v *yaml.Node) { fm.Content = append(fm.Content, yamlStr(key), v) }
		add("date", yamlScalar("", e.OccurredAt.Format(time.RFC3339Nano)))
		typ := e.Type
		if typ == "" {
			typ = pln.EntryReflection
		}
		add("type", yamlStr(string(typ)))
		if len(e.Tags) > 0 {
			add("tags", yamlList(e.Tags))
		}
		add("id", yamlStr(e.ID))
		var ls []string
		for _, id := range e.NodeIDs {
			if _, ok := names[id]; ok {
				ls = append(ls, "[["+names[id]+"]]")
			}
		}
		if len(ls) > 0 || len(e.NodeIDs) > 0 {
			add("nodes", yamlList(ls))
		}
		data, err := frontMatter(fm, att.rewrite(exportBodyLinks(e.Body, names, link)))
		if err != nil {
			return nil, err
		}
		name := unique("journal/", e.OccurredAt.Format("2006-01-02")+" "+safeName(firstWords(e.Body)))
		files = append(files, File{Name: "journal/" + name + ".md", Data: data})
	}
	return append(files, att.files...), nil
}

// imageExt is the file extension of each image type.
var imageExt = map[string]string{"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"}

// plexusImageLink finds an image link's target in a body: "](plexus-image:<id>)".
var plexusImageLink = regexp.MustCompile(`\]\(plexus-image:([0-9a-f]{32})\)`)

// attachments writes the images entries show into the vault, once each.
type attachments struct {
	byID    map[string]BackupImage
	written map[string]string // id → vault path
	files   []File
}

func newAttachments(images []BackupImage) *attachments {
	a := &attachments{byID: map[string]BackupImage{}, written: map[string]string{}}
	for _, im := range images {
		a.byID[im.ID] = im
	}
	return a
}

// rewrite points a journal note's plexus-image links at attachments/,
// adding each image's file the first time.
func (a *attachments) rewrite(body string) string {
	return plexusImageLink.ReplaceAllStringFunc(body, func(m string) string {
		id := plexusImageLink.FindStringSubmatch(m)[1]
		p, ok := a.written[id]
		if !ok {
			im, have := a.byID[id]
			if !have {
				return m
			}
			ext := imageExt[im.MIME]
			if ext == "" {
				ext = "img"
			}
			p = "attachments/" + id + "." + ext
			a.written[id] = p
			a.files = append(a.files, File{Name: p, Data: im.Data})
		}
		return "](../" + p + ")"
	})
}

// exportBodyLinks writes the stored links of an entry body ("[[id|label]]",
// docs/decisions/journal-links.md) as wikilinks to the nodes' notes
// ("[[Note]]" or "[[Note|Label]]", the node's current label); the link of a
// node not in the export (deleted) becomes its last label as plain text.
// Label links and code are left as they are.
func exportBodyLinks(body string, names map[string]string, link func(id string) string) string {
	var b strings.Builder
	last := 0
	for _, l := range pln.Wikilinks(body) {
		if l.ID == "" {
			continue
		}
		b.WriteString(body[last:l.Start])
		if _, ok := names[l.ID]; ok {
			b.WriteString(link(l.ID))
		} else {
			b.WriteString(l.Text)
		}
		last = l.End
	}
	if last == 0 {
		return body
	}
	b.WriteString(body[last:])
	return b.String()
}

// mdFieldKeys are the front matter keys the import reads as Plexus
// fields: a markdown:* extra of such a name goes under plexus:extra.
var mdFieldKeys = map[string]bool{
	"title": true, "id": true, "kind": true, "tags": true, "tag": true, "url": true, "website": true, "email": true,
	"emails": true, "organisation": true, "organization": true, "company": true, "relation": true, "strength": true,
	"role": true, "contexts": true, "mode": true, "status": true, "cadence": true, "feedurl": true, "x": true,
	"y": true, "pinned": true, "ego": true, "plexus:extra": true, "plexus:entry": true,
}

func frontMatter(fm *yaml.Node, body string) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(fm); err != nil {
		return nil, pln.Errorf(pln.CodeInternal, "writing front matter: %v", err)
	}
	if err := enc.Close(); err != nil {
		return nil, pln.Errorf(pln.CodeInternal, "writing front matter: %v", err)
	}
	b.WriteString("---\n")
	b.WriteString(body)
	return b.Bytes(), nil
}

func yamlScalar(tag, v string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v}
}

func yamlStr(s string) *yaml.Node {
	n := &yaml.Node{}
	n.SetString(s)
	return n
}

func yamlList(ss []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, s := range ss {
		n.Content = append(n.Content, yamlStr(s))
	}
	return n
}

// yamlValue writes an extra value back as the import read it: compact
// JSON as the list or map it was, anything else as a string.
func yamlValue(v string) *yaml.Node {
	if len(v) > 0 && (v[0] == '[' || v[0] == '{') {
		var c bytes.Buffer
		if json.Compact(&c, []byte(v)) == nil && c.String() == v {
			if n, err := jsonToYAML(json.NewDecoder(strings.NewReader(v)), 0); err == nil {
				return n
			}
		}
	}
	return yamlStr(v)
}

var errDeep = errors.New("too deep")

func jsonToYAML(d *json.Decoder, depth int) (*yaml.Node, error) {
	if depth > MaxJSONDepth {
		return nil, errDeep
	}
	d.UseNumber()
	tok, err := d.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
			for d.More() {
				c, err := jsonToYAML(d, depth+1)
				if err != nil {
					return nil, err
				}
				n.Content = append(n.Content, c)
			}
			_, err := d.Token()
			if len(n.Content) > 0 {
				n.Style = 0
			}
			return n, err
		}
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle}
		for d.More() {
			kt, err := d.Token()
			if err != nil {
				return nil, err
			}
			k, _ := kt.(string)
			c, err := jsonToYAML(d, depth+1)
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, yamlStr(k), c)
		}
		_, err := d.Token()
		if len(n.Content) > 0 {
			n.Style = 0
		}
		return n, err
	case string:
		return yamlStr(t), nil
	case json.Number:
		if strings.ContainsAny(t.String(), ".eE") {
			return yamlScalar("", t.String()), nil
		}
		return yamlScalar("", t.String()), nil
	case bool:
		return yamlScalar("", strconv.FormatBool(t)), nil
	default:
		return yamlScalar("!!null", "null"), nil
	}
}
