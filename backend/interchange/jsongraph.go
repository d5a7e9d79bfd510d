package interchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/plexus-pln/plexus/backend/pln"
)

// The JSON graph formats of this file (docs/formats.md, "JSON graphs").
const (
	FormatJGF       = "jgf"       // JSON Graph Format v1/v2 (https://jsongraphformat.info/), in and out
	FormatCytoscape = "cytoscape" // Cytoscape.js elements JSON (https://js.cytoscape.org/#notation/elements-json), in
	FormatD3        = "d3"        // d3-force node-link JSON {"nodes": […], "links": […]}, in
)

// MaxJSONDepth is how deeply arrays and objects may nest in a JSON graph
// file; deeper files are refused before they are decoded.
const MaxJSONDepth = 64

// maxKeptMembers is how many properties of one node or edge without a
// Plexus field are read into memory; more could never fit in Extra.
const maxKeptMembers = pln.MaxExtraKeys + 16

// ---------------------------------------------------------------------
// A streaming reader over a JSON text, so that lists are read item by item
// (bounded memory, item counts checked as they grow) with each item's line.

type jreader struct {
	text  []byte
	dec   *json.Decoder
	lines lineCounter
}

func newJReader(text []byte) *jreader {
	return &jreader{text: text, dec: json.NewDecoder(bytes.NewReader(text)), lines: lineCounter{data: text}}
}

// next returns the first byte of the next value and its offset (0 at the end).
func (r *jreader) next() (byte, int64) {
	off := r.dec.InputOffset()
	for off < int64(len(r.text)) {
		switch c := r.text[off]; c {
		case ' ', '\t', '\n', '\r', ':', ',':
			off++
		default:
			return c, off
		}
	}
	return 0, off
}

// line is the line of offset off (offsets must not decrease between calls).
func (r *jreader) line(off int64) int {
	l, _ := r.lines.at(off)
	return l
}

// fail turns a decoder error into an invalid error naming its place.
func (r *jreader) fail(err error) error {
	if err == nil {
		return nil
	}
	var pe *pln.Error
	if errors.As(err, &pe) {
		return pe
	}
	// The streaming decoder's offsets are not all counted from the start
	// of the file; a whole-text check finds the place (json.Unmarshal
	// checks the text before it decodes anything into a RawMessage).
	var se *json.SyntaxError
	if e := json.Unmarshal(r.text, new(json.RawMessage)); errors.As(e, &se) {
		if se.Offset >= int64(len(r.text)) && strings.Contains(se.Error(), "unexpected end") {
			line, col := position(r.text, int64(len(r.text)))
			return pln.Invalid("line %d, column %d: the file ends in the middle of the JSON; it may be cut short.", line, col)
		}
		line, col := position(r.text, se.Offset-1) // Offset is just after the bad byte
		return pln.Invalid("line %d, column %d: the file is not valid JSON: %s.", line, col, se.Error())
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		line, col := position(r.text, int64(len(r.text)))
		return pln.Invalid("line %d, column %d: the file ends in the middle of the JSON; it may be cut short.", line, col)
	}
	return pln.Invalid("the file is not valid JSON: %s.", err.Error())
}

func (r *jreader) delim(want json.Delim) error {
	tok, err := r.dec.Token()
	if err != nil {
		return r.fail(err)
	}
	if tok != want {
		_, off := r.next()
		line, col := position(r.text, off)
		return pln.Invalid("line %d, column %d: the file is not valid JSON: %q expected.", line, col, string(want))
	}
	return nil
}

// object reads an object (the next value must start with '{'), calling
// each with every member's name and the offset of its value; each must
// read the value (raw, skip, object, array).
func (r *jreader) object(each func(key string, off int64) error) error {
	if err := r.delim('{'); err != nil {
		return err
	}
	for r.dec.More() {
		tok, err := r.dec.Token()
		if err != nil {
			return r.fail(err)
		}
		key, _ := tok.(string)
		_, off := r.next()
		if err := each(key, off); err != nil {
			return err
		}
	}
	return r.delim('}')
}

// array reads an array (the next value must start with '['), calling each
// with every element's index and offset; each must read the element.
func (r *jreader) array(each func(i int, off int64) error) error {
	if err := r.delim('['); err != nil {
		return err
	}
	for i := 0; r.dec.More(); i++ {
		_, off := r.next()
		if err := each(i, off); err != nil {
			return err
		}
	}
	return r.delim(']')
}

func (r *jreader) raw() (json.RawMessage, error) {
	var m json.RawMessage
	if err := r.dec.Decode(&m); err != nil {
		return nil, r.fail(err)
	}
	return m, nil
}

func (r *jreader) skip() error {
	_, err := r.raw()
	return err
}

// end checks that nothing but white space follows the top-level value.
func (r *jreader) end() error {
	_, off := r.next()
	if _, err := r.dec.Token(); err == io.EOF {
		return nil
	} else if err != nil {
		return r.fail(err)
	}
	line, col := position(r.text, off)
	return pln.Invalid("line %d, column %d: there is more JSON after the end of the document; the file holds more than one document or is damaged.", line, col)
}

// checkJSONDepth refuses, in one pass over the bytes, a JSON text that
// nests arrays and objects more than MaxJSONDepth deep.
func checkJSONDepth(text []byte) error {
	depth := 0
	inStr, esc := false, false
	for i, c := range text {
		if inStr {
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = true
			case c == '"':
				inStr = false
			}
			continue
		}
		switch c {
		case '"':
			inStr = true
		case '{', '[':
			depth++
			if depth > MaxJSONDepth {
				line, col := position(text, int64(i))
				return pln.Invalid("line %d, column %d: the JSON is nested more than %d deep; Plexus does not read it.", line, col, MaxJSONDepth)
			}
		case '}', ']':
			if depth > 0 {
				depth--
			}
		}
	}
	return nil
}

// ---------------------------------------------------------------------
// JSON values.

func rawKind(raw json.RawMessage) byte {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) == 0 {
		return 0
	}
	switch c := raw[0]; {
	case c == '-' || c >= '0' && c <= '9':
		return '0'
	default:
		return c
	}
}

func rawString(raw json.RawMessage) (string, bool) {
	if rawKind(raw) != '"' {
		return "", false
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return "", false
	}
	return s, true
}

// rawNumber reads a JSON number, or a string holding one.
func rawNumber(raw json.RawMessage) (float64, bool) {
	var text string
	switch rawKind(raw) {
	case '0':
		text = string(bytes.TrimSpace(raw))
	case '"':
		s, _ := rawString(raw)
		text = strings.TrimSpace(s)
	default:
		return 0, false
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

func rawInt(raw json.RawMessage) (int, bool) {
	f, ok := rawNumber(raw)
	if !ok || f != math.Trunc(f) || math.Abs(f) > 1e9 {
		return 0, false
	}
	return int(f), true
}

func rawBool(raw json.RawMessage) (bool, bool) {
	switch string(bytes.TrimSpace(raw)) {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	return false, false
}

// rawText is a value as Extra keeps it: a string as itself, null as "",
// anything else as its compact JSON text.
func rawText(raw json.RawMessage) string {
	switch rawKind(raw) {
	case '"':
		s, _ := rawString(raw)
		return s
	case 'n':
		return ""
	case '{', '[':
		var b bytes.Buffer
		if json.Compact(&b, raw) == nil {
			return b.String()
		}
	}
	return string(bytes.TrimSpace(raw))
}

// rawID is a node id or tie end: a string, or a number in its JSON text
// form; ok false for anything else and for "".
func rawID(raw json.RawMessage) (string, bool) {
	switch rawKind(raw) {
	case '"':
		s, _ := rawString(raw)
		return s, s != ""
	case '0':
		return string(bytes.TrimSpace(raw)), true
	}
	return "", false
}

// rawStrings reads an array of strings (other elements as their text) or
// one string.
func rawStrings(raw json.RawMessage) ([]string, bool) {
	switch rawKind(raw) {
	case '"':
		s, _ := rawString(raw)
		return []string{s}, true
	case '[':
		var list []json.RawMessage
		if json.Unmarshal(raw, &list) != nil {
			return nil, false
		}
		out := make([]string, 0, len(list))
		for _, v := range list {
			if t := rawText(v); t != "" {
				out = append(out, t)
			}
		}
		return out, true
	}
	return nil, false
}

// rawLabel is a label candidate: a string, or a number's text.
func rawLabel(raw json.RawMessage) string {
	switch rawKind(raw) {
	case '"', '0':
		return cleanLine(rawText(raw), pln.MaxLabelLen)
	}
	return ""
}

// rawMembers reads the members of a JSON object, in order, at most limit
// of them (the count of the rest is returned).
func rawMembers(raw json.RawMessage, limit int) ([]member, int, bool) {
	if rawKind(raw) != '{' {
		return nil, 0, false
	}
	r := newJReader(raw)
	var out []member
	dropped := 0
	err := r.object(func(key string, _ int64) error {
		v, err := r.raw()
		if err != nil {
			return err
		}
		if len(out) >= limit {
			dropped++
			return nil
		}
		out = append(out, member{key, v})
		return nil
	})
	return out, dropped, err == nil
}

type member struct {
	key string
	raw json.RawMessage
}

// collect reads the next value as a member, keeping known keys always and
// others up to maxKeptMembers.
func (r *jreader) collect(list *[]member, dropped *int, key string, known bool) error {
	v, err := r.raw()
	if err != nil {
		return err
	}
	if !known && len(*list) >= maxKeptMembers {
		*dropped++
		return nil
	}
	*list = append(*list, member{key, v})
	return nil
}

// ---------------------------------------------------------------------
// Building Doc nodes and ties from the members of a file's items.

// nodeIn is one node as a format read it.
type nodeIn struct {
	id       string
	where    string
	labels   []string // member names to take the label from, first usable wins
	plexus   []member // "plexus:<field>" members
	props    []member // every other property (names without the format prefix)
	x, y     float64  // a position the format found itself (Cytoscape position, d3 x/y)
	hasPos   bool
	dropped  int    // properties not read (too many)
	parent   string // Cytoscape compound parent id
	hasParen bool
}

// tieIn is one edge as a format read it.
type tieIn struct {
	id        string
	from, to  string
	where     string
	relations []string // member names for the relation, first usable wins
	weights   []string // member names for the weight
	plexus    []member
	props     []member
	directed  bool
	hasDir    bool
	dropped   int
	graph     int    // JGF graph index (its default direction)
	skip      string // a reason to leave it out, found by the format
	memberOf  bool   // a Cytoscape compound tie
}

type pendingTie struct {
	DocTie
	weight    float64
	hasWeight bool
	hasStr    bool
	hasDir    bool
	graph     int
	skip      string
}

// jgParse is one Parse of a JSON graph format.
type jgParse struct {
	format    string
	doc       *Doc
	files     int
	file      string
	r         *jreader
	keys      map[string]int // node key → index in doc.Nodes
	ties      []pendingTie
	parents   []tieIn
	nodeCount int
	edgeCount int
	egoAt     string // where the ego node is
	graphDir  map[int]bool
}

func newJGParse(format string, files int) *jgParse {
	return &jgParse{format: format, doc: &Doc{Format: format}, files: files, keys: map[string]int{}, graphDir: map[int]bool{}}
}

func (p *jgParse) where(format string, args ...any) string {
	return joinWhere(p.file, fmt.Sprintf(format, args...), p.files)
}

// open decodes one file's text and checks it is JSON a reader can walk.
func (p *jgParse) open(f File) error {
	p.file = f.Name
	if len(bytes.TrimSpace(f.Data)) == 0 {
		return pln.Invalid("The file is empty.")
	}
	text, note, err := decodeText(f.Data)
	if err != nil {
		return err
	}
	if note != "" {
		p.doc.Warn(joinWhere(f.Name, "", p.files), "%s", note)
	}
	b := []byte(text)
	if err := checkJSONDepth(b); err != nil {
		return err
	}
	p.r = newJReader(b)
	return nil
}

func (p *jgParse) countNode() error {
	p.nodeCount++
	if p.nodeCount > MaxItems {
		return pln.TooLarge("The file has more than %d nodes; the limit is %d.", MaxItems, MaxItems)
	}
	return nil
}

func (p *jgParse) countEdge() error {
	p.edgeCount++
	if p.edgeCount > MaxItems {
		return pln.TooLarge("The file has more than %d edges; the limit is %d.", MaxItems, MaxItems)
	}
	return nil
}

// extraSink puts a format's properties into an Extra map, remembering what
// did not fit.
type extraSink struct {
	m       *map[string]string
	notFit  []string
	cut     []string
	dropped int // members of a "plexus:extra" object beyond the limit
}

func (s *extraSink) put(key, value string) {
	if !PutExtra(s.m, key, value) {
		s.notFit = append(s.notFit, key)
	} else if len(value) > pln.MaxExtraValueLen {
		s.cut = append(s.cut, key)
	}
}

func (p *jgParse) warnNotFit(where, what string, sink *extraSink, dropped int) {
	for _, k := range sink.cut {
		p.doc.Warn(where, "the property %s of the %s is longer than %d KiB; only its first %d KiB were kept.", truncateRunes(k, 40), what, pln.MaxExtraValueLen>>10, pln.MaxExtraValueLen>>10)
	}
	notFit := sink.notFit
	n := len(notFit) + dropped + sink.dropped
	if n == 0 {
		return
	}
	names := notFit
	if len(names) > 5 {
		names = append(names[:5:5], "…")
	}
	for i, k := range names {
		names[i] = truncateRunes(k, 40)
	}
	list := ""
	if len(names) > 0 {
		list = " (" + strings.Join(names, ", ") + ")"
	}
	p.doc.Warn(where, "%d properties of the %s%s did not fit: Plexus keeps at most %d extra properties of %d KiB each, so they were not imported.",
		n, what, list, pln.MaxExtraKeys, pln.MaxExtraValueLen>>10)
}

// addNode builds a DocNode from in and adds it, merging a duplicate id.
func (p *jgParse) addNode(in nodeIn) {
	var n pln.Node
	x, y, hasX, hasY := in.x, in.y, in.hasPos, in.hasPos
	sink := &extraSink{m: &n.Extra}
	sink.put(ExtraKeyFor(p.format), in.id)
	var bad []string
	for _, m := range in.plexus {
		field := strings.TrimPrefix(m.key, "plexus:")
		ok := true
		switch field {
		case "kind":
			s, _ := rawString(m.raw)
			k := pln.Kind(strings.ToLower(strings.TrimSpace(s)))
			if !slices.Contains(pln.Kinds, k) {
				k = GuessKind(s)
			}
			n.Kind, ok = k, k != ""
		case "ego":
			n.Ego, ok = rawBool(m.raw)
		case "relation":
			s, isStr := rawString(m.raw)
			n.Relation, ok = cleanLine(s, pln.MaxRelationLen), isStr
		case "strength":
			v, isInt := rawInt(m.raw)
			ok = isInt && v >= 0 && v <= 5
			if ok {
				n.Strength = v
			}
		case "role":
			s, _ := rawString(m.raw)
			ok = slices.Contains(pln.Roles, pln.Role(s))
			if ok {
				n.Role = pln.Role(s)
			}
		case "mode":
			s, _ := rawString(m.raw)
			ok = slices.Contains(pln.Modes, pln.Mode(s))
			if ok {
				n.Mode = pln.Mode(s)
			}
		case "status":
			s, _ := rawString(m.raw)
			ok = slices.Contains(pln.Statuses, pln.Status(s))
			if ok {
				n.Status = pln.Status(s)
			}
		case "cadence":
			v, isInt := rawInt(m.raw)
			ok = isInt && v >= 0 && v <= pln.MaxCadenceDays
			if ok {
				n.Cadence = v
			}
		case "contexts":
			var ss []string
			ss, ok = rawStrings(m.raw)
			n.Contexts = mergeTags(n.Contexts, ss)
		case "tags":
			var ss []string
			ss, ok = rawStrings(m.raw)
			n.Tags = mergeTags(n.Tags, ss)
		case "description":
			var s string
			s, ok = rawString(m.raw)
			n.Description = cutBytes(s, pln.MaxBodyBytes)
			ok = ok && len(s) <= pln.MaxBodyBytes
		case "url", "feedUrl":
			s, isStr := rawString(m.raw)
			u := cleanURL(s)
			ok = isStr && utf8.RuneCountInString(u) <= pln.MaxURLLen
			if ok && field == "url" {
				n.URL = u
			} else if ok {
				n.FeedURL = u
			}
		case "emails":
			ss, isList := rawStrings(m.raw)
			ok = isList
			for _, e := range ss {
				if len(n.Emails) >= pln.MaxEmails {
					ok = false
					break
				}
				if validEmail(e) {
					if !slices.Contains(n.Emails, strings.TrimSpace(e)) {
						n.Emails = append(n.Emails, strings.TrimSpace(e))
					}
				} else {
					ok = false
				}
			}
		case "organisation":
			var s string
			s, ok = rawString(m.raw)
			n.Organisation = cleanLine(s, pln.MaxOrganisation)
		case "x", "y":
			v, isNum := rawNumber(m.raw)
			ok = isNum && rawKind(m.raw) == '0' && math.Abs(v) <= pln.MaxCoordinate
			if ok && field == "x" {
				x, hasX = v, true
			} else if ok {
				y, hasY = v, true
			}
		case "pinned":
			n.Pinned, ok = rawBool(m.raw)
		case "extra":
			ok = p.putPlexusExtra(sink, m.raw)
		default:
			sink.put(m.key, rawText(m.raw))
		}
		if !ok {
			bad = append(bad, m.key)
		}
	}

	// The label.
	used := map[string]bool{}
	for _, k := range in.labels {
		for _, m := range in.props {
			if m.key == k && n.Label == "" {
				if l := rawLabel(m.raw); l != "" {
					n.Label = l
					used[k] = true
				}
			}
		}
	}
	if n.Label == "" {
		n.Label = cleanLine(in.id, pln.MaxLabelLen)
	}
	if n.Label == "" {
		n.Label = cleanLine(strconv.Quote(in.id), pln.MaxLabelLen)
	}

	// Properties with a Plexus field fill it when it is still empty;
	// everything else is kept as "<format>:<name>".
	kindSet := n.Kind != ""
	for _, m := range in.props {
		if used[m.key] {
			continue
		}
		s, isStr := rawString(m.raw)
		switch strings.ToLower(m.key) {
		case "type", "kind":
			if !kindSet && n.Kind == "" {
				if k := GuessKind(s); isStr && k != "" {
					n.Kind = k
					continue
				}
			}
		case "url", "href", "link", "website", "homepage":
			if u := cleanURL(s); isStr && n.URL == "" && pln.IsWebURL(u) && utf8.RuneCountInString(u) <= pln.MaxURLLen {
				n.URL = u
				continue
			}
		case "description":
			if isStr && n.Description == "" && len(s) <= pln.MaxBodyBytes && strings.TrimSpace(s) != "" {
				n.Description = s
				continue
			}
		case "tags":
			if ss, ok := rawStrings(m.raw); ok && len(n.Tags) == 0 {
				n.Tags = mergeTags(nil, ss)
				if len(n.Tags) > 0 {
					continue
				}
			}
		case "email":
			if isStr && len(n.Emails) == 0 && validEmail(s) {
				n.Emails = []string{strings.TrimSpace(s)}
				continue
			}
		}
		sink.put(p.format+":"+m.key, rawText(m.raw))
	}
	if in.hasParen {
		sink.put(p.format+":parent", in.parent)
	}
	if n.Ego {
		if p.egoAt != "" {
			p.doc.Warn(in.where, "a second node says it is the ego (the first is at %s); it is imported as an alter.", p.egoAt)
			n.Ego = false
		} else {
			p.egoAt = in.where
			n.Kind = pln.KindPerson
		}
	}
	if len(bad) > 0 {
		p.doc.Warn(in.where, "the values of %s are not valid Plexus values and were not imported.", strings.Join(bad, ", "))
	}
	p.warnNotFit(in.where, "node", sink, in.dropped)

	dn := DocNode{Key: in.id, Node: n, Where: in.where}
	dn.place(x, y, hasX && hasY)
	// Every node must pass Normalize once the service fills the kind and
	// the ego relation.
	if err := checkNode(dn.Node); err != nil {
		p.doc.Skip(in.where, "the node %q was left out: %s", truncateRunes(n.Label, 60), pln.AsError(err).Message)
		return
	}
	if i, dup := p.keys[in.id]; dup {
		p.mergeNode(i, dn)
		return
	}
	p.keys[in.id] = len(p.doc.Nodes)
	p.doc.Nodes = append(p.doc.Nodes, dn)
	if in.hasParen {
		p.parents = append(p.parents, tieIn{from: in.id, to: in.parent, where: in.where, memberOf: true})
	}
}

// mergeNode merges a node whose id was seen before into the first one.
func (p *jgParse) mergeNode(i int, dn DocNode) {
	m := &p.doc.Nodes[i]
	n := dn.Node
	m.mergeFields(dn)
	if n.Label != m.Node.Label && !slices.Contains(m.Aliases, n.Label) {
		m.Aliases = append(m.Aliases, n.Label)
		PutExtra(&m.Node.Extra, p.format+":alias", strings.Join(m.Aliases, " | "))
		p.doc.Warn(dn.Where, "the node id %q is used again (first at %s, as %q) with the label %q: merged into one node, the second label kept as an alias.",
			truncateRunes(dn.Key, 40), m.Where, truncateRunes(m.Node.Label, 60), truncateRunes(n.Label, 60))
		return
	}
	p.doc.Warn(dn.Where, "the node id %q is used again (first at %s): merged into one node.", truncateRunes(dn.Key, 40), m.Where)
}

func (p *jgParse) putPlexusExtra(sink *extraSink, raw json.RawMessage) bool {
	ms, dropped, ok := rawMembers(raw, pln.MaxExtraKeys+1)
	for _, m := range ms {
		if m.key == "" || m.key == ExtraKeyFor(p.format) {
			continue // the file's own id stays the one it has here
		}
		sink.put(m.key, rawText(m.raw))
	}
	sink.dropped += dropped
	return ok
}

// addTie builds a pending tie from in (ends are checked in finish).
func (p *jgParse) addTie(in tieIn) {
	var t pln.Tie
	pt := pendingTie{graph: in.graph, skip: in.skip}
	sink := &extraSink{m: &t.Extra}
	sink.put(ExtraKeyFor(p.format), in.id)
	var bad []string
	for _, m := range in.plexus {
		field := strings.TrimPrefix(m.key, "plexus:")
		ok := true
		switch field {
		case "relation":
			s, isStr := rawString(m.raw)
			t.Relation, ok = cleanLine(s, pln.MaxRelationLen), isStr
		case "note":
			var s string
			s, ok = rawString(m.raw)
			t.Note = cutRunes(s, pln.MaxNoteLen)
		case "strength":
			v, isInt := rawInt(m.raw)
			ok = isInt && v >= 0 && v <= 5
			if ok {
				t.Strength, pt.hasStr = v, v > 0
			}
		case "directed":
			var d bool
			d, ok = rawBool(m.raw)
			if ok {
				in.directed, in.hasDir = d, true
			}
		case "egotie":
			// An ego tie is an ordinary DocTie: the service makes it the
			// alter's own fields.
			_, ok = rawBool(m.raw)
		case "extra":
			ok = p.putPlexusExtra(sink, m.raw)
		default:
			sink.put(m.key, rawText(m.raw))
		}
		if !ok {
			bad = append(bad, m.key)
		}
	}
	used := map[string]bool{}
	for _, k := range in.relations {
		for _, m := range in.props {
			if m.key != k || used[k] {
				continue
			}
			s, ok := rawString(m.raw)
			if rel := cleanLine(s, pln.MaxRelationLen); ok && rel != "" && (t.Relation == "" || t.Relation == rel) {
				// The first usable one; one that repeats "plexus:relation"
				// says nothing more.
				t.Relation = rel
				used[k] = true
			}
		}
	}
	for _, k := range in.weights {
		for _, m := range in.props {
			if m.key == k && !pt.hasWeight && !used[k] {
				if w, ok := rawNumber(m.raw); ok {
					pt.weight, pt.hasWeight = w, true
					used[k] = true
					sink.put(p.format+":weight", rawText(m.raw))
				}
			}
		}
	}
	for _, m := range in.props {
		if !used[m.key] {
			sink.put(p.format+":"+m.key, rawText(m.raw))
		}
	}
	if len(bad) > 0 {
		p.doc.Warn(in.where, "the values of %s are not valid Plexus values and were not imported.", strings.Join(bad, ", "))
	}
	p.warnNotFit(in.where, "edge", sink, in.dropped)
	t.Directed = in.directed
	pt.hasDir = in.hasDir
	pt.DocTie = DocTie{From: in.from, To: in.to, Tie: t, Where: in.where}
	p.ties = append(p.ties, pt)
}

// finish checks the ties' ends, turns weights into strengths and adds the
// Cytoscape compound ties.
func (p *jgParse) finish(defaultDirected func(graph int) bool) (*Doc, error) {
	var weights []float64
	var weighted []int
	for _, pt := range p.ties {
		if pt.skip != "" {
			p.doc.Skip(pt.Where, "%s", pt.skip)
			continue
		}
		if end, ok := p.missingEnd(pt.From, pt.To); ok {
			p.doc.Skip(pt.Where, "the edge %s → %s was left out: there is no node %q in the file.", truncateRunes(pt.From, 40), truncateRunes(pt.To, 40), truncateRunes(end, 40))
			continue
		}
		if !pt.hasDir {
			pt.Tie.Directed = defaultDirected(pt.graph)
		}
		if pt.hasWeight && !pt.hasStr {
			weights = append(weights, pt.weight)
			weighted = append(weighted, len(p.doc.Ties))
		}
		p.doc.Ties = append(p.doc.Ties, pt.DocTie)
	}
	for i, s := range StrengthsFromWeights(weights, nil) {
		p.doc.Ties[weighted[i]].Tie.Strength = s
	}
	for _, c := range p.parents {
		if c.from == c.to {
			p.doc.Skip(c.where, "the node %q is its own parent; the membership was left out.", truncateRunes(c.from, 40))
			continue
		}
		if _, ok := p.keys[c.to]; !ok {
			p.doc.Skip(c.where, "the parent %q of node %q is not a node in the file; the membership was left out (the parent is kept as %s:parent).", truncateRunes(c.to, 40), truncateRunes(c.from, 40), p.format)
			continue
		}
		p.doc.Ties = append(p.doc.Ties, DocTie{From: c.from, To: c.to, Tie: pln.Tie{Relation: pln.RelMemberOf, Directed: true}, Where: c.where})
	}
	if len(p.doc.Ties) > MaxItems {
		return nil, pln.TooLarge("The file has %d ties; the limit is %d.", len(p.doc.Ties), MaxItems)
	}
	return p.doc, nil
}

func (p *jgParse) missingEnd(from, to string) (string, bool) {
	if _, ok := p.keys[from]; !ok {
		return from, true
	}
	if _, ok := p.keys[to]; !ok {
		return to, true
	}
	return "", false
}

// warnDropped tells what of the graph itself (members of the top-level
// object or the graph object) had nowhere to go.
func (p *jgParse) warnDropped(where string, names []string) {
	if len(names) == 0 {
		return
	}
	if len(names) > 6 {
		names = append(names[:6:6], "…")
	}
	for i, k := range names {
		names[i] = truncateRunes(k, 40)
	}
	p.doc.Warn(where, "the graph's own properties (%s) have no place in Plexus and were not imported.", strings.Join(names, ", "))
}

func validEmail(e string) bool {
	e = strings.TrimSpace(e)
	a, err := mail.ParseAddress(e)
	return err == nil && a.Address == e
}

// cutBytes cuts s to at most n bytes of valid UTF-8.
func cutBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}

func cutRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// isPlexusKey reports whether a member is one of Plexus's own.
func isPlexusKey(k string) bool { return strings.HasPrefix(k, "plexus:") }

// ---------------------------------------------------------------------
// JGF.

type jgfFormat struct{}

func init() {
	Register(jgfFormat{})
	Register(cytoscapeFormat{})
	Register(d3Format{})
}

func (jgfFormat) Name() string      { return FormatJGF }
func (jgfFormat) Title() string     { return "JSON Graph Format (JGF) v1/v2" }
func (jgfFormat) Extension() string { return "json" }

// Sniff: SniffSure for a JSON object whose "graph" (or an element of
// "graphs") is an object with "nodes"; SniffMaybe when the graph has no
// nodes member.
func (jgfFormat) Sniff(p *Probe) int {
	if isJSONBackup(p) {
		return SniffNo
	}
	if !p.HasJSONKeys("graph") && !p.HasJSONKeys("graphs") {
		return SniffNo
	}
	if jgfHoldsNodes(p.Data) {
		return SniffSure
	}
	return SniffMaybe
}

func isJSONBackup(p *Probe) bool { return p.HasJSONKeys("format") && isBackup(p.Data) }

// jgfHoldsNodes reports whether the top-level "graph" object, or an
// object of the "graphs" array, has a "nodes" member.
func jgfHoldsNodes(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	r := newJReader(data)
	if c, _ := r.next(); c != '{' {
		return false
	}
	found := false
	hasNodes := func() error {
		return r.object(func(key string, _ int64) error {
			if key == "nodes" {
				found = true
			}
			return r.skip()
		})
	}
	stop := errors.New("found")
	err := r.object(func(key string, _ int64) error {
		c, _ := r.next()
		switch {
		case key == "graph" && c == '{':
			if err := hasNodes(); err != nil {
				return err
			}
		case key == "graphs" && c == '[':
			if err := r.array(func(int, int64) error {
				if c, _ := r.next(); c == '{' {
					return hasNodes()
				}
				return r.skip()
			}); err != nil {
				return err
			}
		default:
			return r.skip()
		}
		if found {
			return stop
		}
		return nil
	})
	return found && (err == nil || err == stop)
}

// Parse reads JGF: {"graph": {…}} or {"graphs": [{…}, …]}, each graph with
// "nodes" (an object keyed by id, v2, or an array of objects with "id",
// v1) and "edges" (an array of {source, target, relation, directed,
// label, metadata}).
func (jgfFormat) Parse(files []File) (*Doc, error) {
	p := newJGParse(FormatJGF, len(files))
	graphs := 0
	for _, f := range files {
		if err := p.open(f); err != nil {
			return nil, InFile(f.Name, err)
		}
		if err := p.jgfFile(&graphs); err != nil {
			return nil, InFile(f.Name, err)
		}
	}
	return p.finish(func(g int) bool {
		if d, ok := p.graphDir[g]; ok {
			return d
		}
		return true // JGF: a graph is directed unless it says otherwise
	})
}

func (p *jgParse) jgfFile(graphs *int) error {
	r := p.r
	c, off := r.next()
	if c != '{' {
		line, col := position(r.text, off)
		return pln.Invalid("line %d, column %d: the file is not a JSON object with a \"graph\" or \"graphs\" member, so it is not JGF.", line, col)
	}
	var dropped []string
	saw := false
	err := r.object(func(key string, off int64) error {
		c, _ := r.next()
		switch {
		case key == "graph" && c == '{':
			saw = true
			*graphs++
			return p.jgfGraph(*graphs)
		case key == "graphs" && c == '[':
			saw = true
			return r.array(func(i int, off int64) error {
				if c, _ := r.next(); c != '{' {
					p.doc.Skip(p.where("graph %d, line %d", i+1, r.line(off)), "the graph is not a JSON object and was left out.")
					return r.skip()
				}
				*graphs++
				return p.jgfGraph(*graphs)
			})
		case key == "graph" || key == "graphs":
			line, col := position(r.text, off)
			return pln.Invalid("line %d, column %d: %q must be a JSON %s.", line, col, key, map[string]string{"graph": "object", "graphs": "array"}[key])
		case key == "$schema":
		default:
			dropped = append(dropped, key)
		}
		return r.skip()
	})
	if err != nil {
		return err
	}
	if err := r.end(); err != nil {
		return err
	}
	if !saw {
		return pln.Invalid("The file has no \"graph\" or \"graphs\" member, so it is not JGF.")
	}
	p.warnDropped(joinWhere(p.file, "", p.files), dropped)
	return nil
}

func (p *jgParse) jgfGraph(g int) error {
	r := p.r
	var dropped []string
	prefix := ""
	if g > 1 {
		prefix = fmt.Sprintf("graph %d, ", g)
	}
	gWhere := p.where("%sline %d", prefix, r.line(r.dec.InputOffset()))
	err := r.object(func(key string, off int64) error {
		c, _ := r.next()
		switch key {
		case "nodes":
			switch c {
			case '{': // v2: keyed by id
				i := 0
				return r.object(func(id string, off int64) error {
					i++
					if err := p.countNode(); err != nil {
						return err
					}
					return p.jgfNode(id, true, p.where("%snode %d, line %d", prefix, i, r.line(off)))
				})
			case '[': // v1: an array of nodes with ids
				return r.array(func(i int, off int64) error {
					if err := p.countNode(); err != nil {
						return err
					}
					return p.jgfNode("", false, p.where("%snode %d, line %d", prefix, i+1, r.line(off)))
				})
			case 'n':
				return r.skip()
			}
			line, col := position(r.text, off)
			return pln.Invalid("line %d, column %d: \"nodes\" must be an object keyed by node id (JGF v2) or an array of nodes (v1).", line, col)
		case "edges":
			switch c {
			case '[':
				return r.array(func(i int, off int64) error {
					if err := p.countEdge(); err != nil {
						return err
					}
					return p.jgfEdge(g, p.where("%sedge %d, line %d", prefix, i+1, r.line(off)))
				})
			case 'n':
				return r.skip()
			}
			line, col := position(r.text, off)
			return pln.Invalid("line %d, column %d: \"edges\" must be an array.", line, col)
		case "label":
			raw, err := r.raw()
			if s := rawLabel(raw); s != "" && p.doc.Title == "" {
				p.doc.Title = s
			}
			return err
		case "directed":
			raw, err := r.raw()
			if d, ok := rawBool(raw); ok {
				p.graphDir[g] = d
			} else {
				dropped = append(dropped, key)
			}
			return err
		case "hyperedges":
			n := 0
			if c == '[' {
				if err := r.array(func(int, int64) error { n++; return r.skip() }); err != nil {
					return err
				}
			} else if err := r.skip(); err != nil {
				return err
			}
			p.doc.Warn(gWhere, "the graph's %d hyperedges were not imported: Plexus ties join two nodes.", n)
			return nil
		}
		dropped = append(dropped, key)
		return r.skip()
	})
	if err != nil {
		return err
	}
	p.warnDropped(gWhere, dropped)
	return nil
}

// jgfNode reads one node object (keyed: its id is the member name).
func (p *jgParse) jgfNode(id string, keyed bool, where string) error {
	r := p.r
	if c, _ := r.next(); c != '{' {
		p.doc.Skip(where, "the node is not a JSON object and was left out.")
		return r.skip()
	}
	in := nodeIn{id: id, where: where, labels: []string{"label"}}
	hasID := keyed
	err := r.object(func(key string, _ int64) error {
		c, _ := r.next()
		switch {
		case key == "metadata" && c == '{':
			return r.object(func(k string, _ int64) error {
				if isPlexusKey(k) {
					return r.collect(&in.plexus, &in.dropped, k, true)
				}
				return r.collect(&in.props, &in.dropped, k, false)
			})
		case key == "id" && !keyed:
			raw, err := r.raw()
			in.id, hasID = rawID(raw)
			return err
		case key == "label":
			return r.collect(&in.props, &in.dropped, key, true)
		case isPlexusKey(key):
			return r.collect(&in.plexus, &in.dropped, key, true)
		}
		return r.collect(&in.props, &in.dropped, key, false)
	})
	if err != nil {
		return err
	}
	if !hasID {
		p.doc.Skip(where, "the node has no usable id (a string or a number) and was left out.")
		return nil
	}
	p.addNode(in)
	return nil
}

func (p *jgParse) jgfEdge(g int, where string) error {
	r := p.r
	if c, _ := r.next(); c != '{' {
		p.doc.Skip(where, "the edge is not a JSON object and was left out.")
		return r.skip()
	}
	in := tieIn{where: where, graph: g, relations: []string{"relation", "label"}, weights: []string{"weight"}}
	var hasFrom, hasTo bool
	err := r.object(func(key string, _ int64) error {
		c, _ := r.next()
		switch {
		case key == "metadata" && c == '{':
			return r.object(func(k string, _ int64) error {
				if isPlexusKey(k) {
					return r.collect(&in.plexus, &in.dropped, k, true)
				}
				return r.collect(&in.props, &in.dropped, k, k == "weight")
			})
		case key == "source" || key == "target" || key == "id" || key == "directed":
			raw, err := r.raw()
			if err != nil {
				return err
			}
			switch key {
			case "source":
				in.from, hasFrom = rawID(raw)
			case "target":
				in.to, hasTo = rawID(raw)
			case "id":
				in.id = rawText(raw)
			case "directed":
				if in.directed, in.hasDir = rawBool(raw); !in.hasDir {
					in.props = append(in.props, member{key, raw})
				}
			}
			return nil
		case key == "relation" || key == "label":
			return r.collect(&in.props, &in.dropped, key, true)
		case isPlexusKey(key):
			return r.collect(&in.plexus, &in.dropped, key, true)
		}
		return r.collect(&in.props, &in.dropped, key, false)
	})
	if err != nil {
		return err
	}
	if !hasFrom || !hasTo {
		in.skip = "the edge has no usable source or target (a node id) and was left out."
	}
	p.addTie(in)
	return nil
}

// Export writes JGF v2: {"graph": {"label", "nodes": {id: {label,
// metadata}}, "edges": [{id, source, target, relation, directed,
// metadata}]}}, Plexus's fields as "plexus:<field>" metadata, the "jgf:"
// extras as plain metadata members and other extras in "plexus:extra";
// an edge ego → alter ("plexus:egotie") for each alter with a relation.
func (jgfFormat) Export(net *Network) ([]File, error) {
	var b bytes.Buffer
	ego := net.Ego()
	title := "Plexus network"
	if ego.Label != "" {
		title = ego.Label + "'s learning network"
	}
	ids := make([]string, len(net.Nodes))
	for i, n := range net.Nodes {
		ids[i] = n.ID
		if ids[i] == "" {
			ids[i] = fmt.Sprintf("node-%d", i+1)
		}
	}
	b.WriteString(`{"graph":{"label":`)
	writeJSON(&b, title)
	b.WriteString(`,"nodes":{`)
	for i, n := range net.Nodes {
		if i > 0 {
			b.WriteByte(',')
		}
		writeJSON(&b, ids[i])
		b.WriteByte(':')
		writeJSON(&b, struct {
			Label    string         `json:"label"`
			Metadata map[string]any `json:"metadata"`
		}{n.Label, jgfNodeMetadata(n)})
	}
	b.WriteString(`},"edges":[`)
	type edgeOut struct {
		ID       string         `json:"id,omitempty"`
		Source   string         `json:"source"`
		Target   string         `json:"target"`
		Relation string         `json:"relation,omitempty"`
		Directed bool           `json:"directed"`
		Metadata map[string]any `json:"metadata"`
	}
	first := true
	comma := func() {
		if !first {
			b.WriteByte(',')
		}
		first = false
	}
	egoID := ""
	for i, n := range net.Nodes {
		if n.Ego {
			egoID = ids[i]
		}
	}
	if egoID != "" {
		for i, n := range net.Nodes {
			if n.Ego || n.Relation == "" {
				continue
			}
			md := map[string]any{"plexus:egotie": true, "plexus:relation": n.Relation}
			if n.Strength > 0 {
				md["plexus:strength"] = n.Strength
			}
			comma()
			writeJSON(&b, edgeOut{Source: egoID, Target: ids[i], Relation: n.Relation, Directed: true, Metadata: md})
		}
	}
	for _, t := range net.Ties {
		md := map[string]any{"plexus:relation": t.Relation, "plexus:directed": t.Directed}
		if t.Strength > 0 {
			md["plexus:strength"] = t.Strength
		}
		if t.Note != "" {
			md["plexus:note"] = t.Note
		}
		putExtrasOut(md, t.Extra)
		comma()
		writeJSON(&b, edgeOut{ID: t.ID, Source: t.From, Target: t.To, Relation: t.Relation, Directed: t.Directed, Metadata: md})
	}
	b.WriteString(`]}}`)
	var out bytes.Buffer
	if err := json.Indent(&out, b.Bytes(), "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return []File{{Name: "network.json", Data: out.Bytes()}}, nil
}

func jgfNodeMetadata(n pln.Node) map[string]any {
	md := map[string]any{"plexus:x": n.X, "plexus:y": n.Y}
	set := func(k, v string) {
		if v != "" {
			md["plexus:"+k] = v
		}
	}
	list := func(k string, v []string) {
		if len(v) > 0 {
			md["plexus:"+k] = v
		}
	}
	set("kind", string(n.Kind))
	set("relation", n.Relation)
	set("role", string(n.Role))
	set("mode", string(n.Mode))
	set("status", string(n.Status))
	set("description", n.Description)
	set("url", n.URL)
	set("feedUrl", n.FeedURL)
	set("organisation", n.Organisation)
	list("contexts", n.Contexts)
	list("tags", n.Tags)
	list("emails", n.Emails)
	if n.Strength > 0 {
		md["plexus:strength"] = n.Strength
	}
	if n.Cadence > 0 {
		md["plexus:cadence"] = n.Cadence
	}
	if n.Pinned {
		md["plexus:pinned"] = true
	}
	if n.Ego {
		md["plexus:ego"] = true
	}
	putExtrasOut(md, n.Extra)
	return md
}

// putExtrasOut writes the "jgf:<name>" extras as metadata members <name>
// (values that are JSON numbers, booleans, objects or arrays as such), and
// every other extra into the "plexus:extra" object.
func putExtrasOut(md map[string]any, extra map[string]string) {
	other := map[string]string{}
	for k, v := range extra {
		name, ok := strings.CutPrefix(k, FormatJGF+":")
		if ok && (name == "id" || name == "alias") {
			continue // the file's own id (the export has its own), merged labels
		}
		if !ok || name == "" || isPlexusKey(name) {
			other[k] = v
			continue
		}
		if _, taken := md[name]; taken {
			other[k] = v
			continue
		}
		md[name] = extraValueOut(v)
	}
	if len(other) > 0 {
		md["plexus:extra"] = other
	}
}

// extraValueOut writes an extra as the JSON value it was read from when it
// is a number, boolean, object or array, else as a string.
func extraValueOut(v string) any {
	t := strings.TrimSpace(v)
	if t != v || t == "" || !json.Valid([]byte(t)) {
		return v
	}
	switch c := t[0]; {
	case c == '{' || c == '[' || c == '-' || c >= '0' && c <= '9' || t == "true" || t == "false":
		var b bytes.Buffer
		if json.Compact(&b, []byte(t)) == nil && b.String() == t {
			return json.RawMessage(t)
		}
	}
	return v
}

// writeJSON writes v compactly without HTML escaping.
func writeJSON(b *bytes.Buffer, v any) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // of maps, strings and numbers only
	if n := b.Len(); n > 0 && b.Bytes()[n-1] == '\n' {
		b.Truncate(n - 1)
	}
}

// ---------------------------------------------------------------------
// Cytoscape.js.

type cytoscapeFormat struct{}

func (cytoscapeFormat) Name() string  { return FormatCytoscape }
func (cytoscapeFormat) Title() string { return "Cytoscape.js JSON" }

// Sniff: SniffLikely for a JSON object with "elements", or a top-level
// array whose first element is an object whose "data" has an "id".
func (cytoscapeFormat) Sniff(p *Probe) int {
	if isJSONBackup(p) {
		return SniffNo
	}
	if p.HasJSONKeys("elements") {
		return SniffLikely
	}
	if cyBareArray(p.Data) {
		return SniffLikely
	}
	return SniffNo
}

func cyBareArray(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	r := newJReader(data)
	if c, _ := r.next(); c != '[' {
		return false
	}
	if _, err := r.dec.Token(); err != nil || !r.dec.More() {
		return false
	}
	var first struct {
		Data struct {
			ID json.RawMessage `json:"id"`
		} `json:"data"`
	}
	if r.dec.Decode(&first) != nil {
		return false
	}
	_, ok := rawID(first.Data.ID)
	return ok
}

// cyDefaults are element-level state flags of Cytoscape.js at their
// default values: they say nothing and are not kept.
var cyDefaults = map[string]string{
	"removed": "false", "selected": "false", "selectable": "true", "locked": "false",
	"grabbed": "false", "grabbable": "true", "pannable": "false", "classes": `""`,
}

// cyIgnored are top-level members of cy.json() and Cytoscape desktop
// exports that describe the viewer, not the network.
var cyIgnored = map[string]bool{
	"format_version": true, "generated_by": true, "target_cytoscapejs_version": true,
	"style": true, "zoomingEnabled": true, "userZoomingEnabled": true, "zoom": true, "minZoom": true,
	"maxZoom": true, "panningEnabled": true, "userPanningEnabled": true, "pan": true,
	"boxSelectionEnabled": true, "renderer": true, "wheelSensitivity": true, "motionBlur": true,
	"layout": true,
}

// Parse reads Cytoscape.js elements: {"elements": {"nodes": […], "edges":
// […]}}, {"elements": […]}, a bare array of elements, or Cytoscape
// desktop's {"data": {…}, "elements": {…}}.
func (cytoscapeFormat) Parse(files []File) (*Doc, error) {
	p := newJGParse(FormatCytoscape, len(files))
	for _, f := range files {
		if err := p.open(f); err != nil {
			return nil, InFile(f.Name, err)
		}
		if err := p.cyFile(); err != nil {
			return nil, InFile(f.Name, err)
		}
	}
	return p.finish(func(int) bool { return false })
}

func (p *jgParse) cyFile() error {
	r := p.r
	c, off := r.next()
	switch c {
	case '[':
		if err := p.cyElements(""); err != nil {
			return err
		}
		return r.end()
	case '{':
	default:
		line, col := position(r.text, off)
		return pln.Invalid("line %d, column %d: the file is neither a JSON array of Cytoscape elements nor an object with \"elements\".", line, col)
	}
	var dropped []string
	saw := false
	err := r.object(func(key string, off int64) error {
		c, _ := r.next()
		switch {
		case key == "elements" && c == '[':
			saw = true
			return p.cyElements("")
		case key == "elements" && c == '{':
			saw = true
			return r.object(func(k string, off int64) error {
				c, _ := r.next()
				if (k == "nodes" || k == "edges") && c == '[' {
					return p.cyElements(k)
				}
				if c != 'n' {
					dropped = append(dropped, "elements."+k)
				}
				return r.skip()
			})
		case key == "elements":
			line, col := position(r.text, off)
			return pln.Invalid("line %d, column %d: \"elements\" must be an array of elements or an object with \"nodes\" and \"edges\".", line, col)
		case key == "data" && c == '{':
			return r.object(func(k string, _ int64) error {
				raw, err := r.raw()
				if err != nil {
					return err
				}
				switch k {
				case "name", "title", "label":
					if s := rawLabel(raw); s != "" && p.doc.Title == "" {
						p.doc.Title = s
						return nil
					}
				case "SUID", "selected", "shared_name", "__Annotations":
					return nil // Cytoscape desktop's bookkeeping
				}
				dropped = append(dropped, "data."+k)
				return nil
			})
		case cyIgnored[key]:
		default:
			dropped = append(dropped, key)
		}
		return r.skip()
	})
	if err != nil {
		return err
	}
	if err := r.end(); err != nil {
		return err
	}
	if !saw {
		return pln.Invalid("The file has no \"elements\" member, so it is not Cytoscape.js JSON.")
	}
	p.warnDropped(joinWhere(p.file, "", p.files), dropped)
	return nil
}

// cyElements reads an array of elements; group is "nodes" or "edges" for
// the lists of the object form, "" when each element says (or its data's
// source and target tell).
func (p *jgParse) cyElements(group string) error {
	r := p.r
	what := "element"
	switch group {
	case "nodes":
		what = "node"
	case "edges":
		what = "edge"
	}
	return r.array(func(i int, off int64) error {
		where := p.where("%s %d, line %d", what, i+1, r.line(off))
		if c, _ := r.next(); c != '{' {
			p.doc.Skip(where, "the %s is not a JSON object and was left out.", what)
			return r.skip()
		}
		var data, other []member
		dropped := 0
		g := group
		var pos json.RawMessage
		hasData := false
		err := r.object(func(key string, _ int64) error {
			c, _ := r.next()
			switch {
			case key == "data" && c == '{':
				hasData = true
				return r.object(func(k string, _ int64) error {
					return r.collect(&data, &dropped, k, isPlexusKey(k) || k == "id" || k == "source" || k == "target" || k == "parent" || k == "label" || k == "name")
				})
			case key == "group":
				raw, err := r.raw()
				if s, ok := rawString(raw); ok && g == "" {
					g = s
				}
				return err
			case key == "position":
				raw, err := r.raw()
				pos = raw
				return err
			}
			raw, err := r.raw()
			if err != nil {
				return err
			}
			if d, ok := cyDefaults[key]; ok && string(bytes.TrimSpace(raw)) == d {
				return nil
			}
			if len(other) < maxKeptMembers {
				other = append(other, member{key, raw})
			} else {
				dropped++
			}
			return nil
		})
		if err != nil {
			return err
		}
		get := func(k string) (json.RawMessage, bool) {
			for _, m := range data {
				if m.key == k {
					return m.raw, true
				}
			}
			return nil, false
		}
		_, hasSource := get("source")
		_, hasTarget := get("target")
		switch g {
		case "nodes", "node":
			g = "nodes"
		case "edges", "edge":
			g = "edges"
		case "":
			g = "nodes"
			if hasSource && hasTarget {
				g = "edges"
			}
		default:
			p.doc.Skip(where, "the element's group %q is neither \"nodes\" nor \"edges\"; it was left out.", truncateRunes(g, 40))
			return nil
		}
		if !hasData {
			p.doc.Skip(where, "the element has no \"data\" object and was left out.")
			return nil
		}
		if g == "edges" {
			if err := p.countEdge(); err != nil {
				return err
			}
			in := tieIn{where: where, relations: []string{"relation", "interaction", "label"}, weights: []string{"weight"}, dropped: dropped}
			var hasFrom, hasTo bool
			for _, m := range data {
				switch {
				case m.key == "source":
					in.from, hasFrom = rawID(m.raw)
				case m.key == "target":
					in.to, hasTo = rawID(m.raw)
				case m.key == "id":
					in.id = rawText(m.raw)
				case m.key == "directed":
					if d, ok := rawBool(m.raw); ok {
						in.directed, in.hasDir = d, true
					} else {
						in.props = append(in.props, m)
					}
				case isPlexusKey(m.key):
					in.plexus = append(in.plexus, m)
				default:
					in.props = append(in.props, m)
				}
			}
			in.props = append(in.props, other...)
			if !hasFrom || !hasTo {
				in.skip = "the edge has no usable source or target (a node id) and was left out."
			}
			p.addTie(in)
			return nil
		}
		if err := p.countNode(); err != nil {
			return err
		}
		in := nodeIn{where: where, labels: []string{"label", "name"}, dropped: dropped}
		hasID := false
		for _, m := range data {
			switch {
			case m.key == "id":
				in.id, hasID = rawID(m.raw)
			case m.key == "parent":
				if id, ok := rawID(m.raw); ok {
					in.parent, in.hasParen = id, true
				} else if rawKind(m.raw) != 'n' {
					in.props = append(in.props, m)
				}
			case isPlexusKey(m.key):
				in.plexus = append(in.plexus, m)
			default:
				in.props = append(in.props, m)
			}
		}
		in.props = append(in.props, other...)
		if ms, _, ok := rawMembers(pos, 8); ok {
			var x, y json.RawMessage
			for _, m := range ms {
				switch m.key {
				case "x":
					x = m.raw
				case "y":
					y = m.raw
				}
			}
			xv, okX := rawNumber(x)
			yv, okY := rawNumber(y)
			switch {
			case okX && okY && rawKind(x) == '0' && rawKind(y) == '0' && math.Abs(xv) <= pln.MaxCoordinate && math.Abs(yv) <= pln.MaxCoordinate:
				in.x, in.y, in.hasPos = xv, yv, true
			case len(ms) > 0:
				p.doc.Warn(where, "the node's position %s is not two numbers within ±%g; it was not imported.", truncateRunes(rawText(pos), 60), pln.MaxCoordinate)
			}
		}
		if !hasID {
			p.doc.Skip(where, "the node has no usable id (data.id, a string or a number) and was left out.")
			return nil
		}
		p.addNode(in)
		return nil
	})
}

// ---------------------------------------------------------------------
// d3.

type d3Format struct{}

func (d3Format) Name() string  { return FormatD3 }
func (d3Format) Title() string { return "d3 force-directed graph JSON (nodes and links)" }

// Sniff: SniffLikely for a JSON object with "nodes" and "links", unless its
// "graph" holds the nodes (JGF).
func (d3Format) Sniff(p *Probe) int {
	if isJSONBackup(p) || !p.HasJSONKeys("nodes", "links") {
		return SniffNo
	}
	if p.HasJSONKeys("graph") && jgfHoldsNodes(p.Data) {
		return SniffNo
	}
	return SniffLikely
}

// endRef is a d3 link end as written: an id (string or number) or a node
// object (with its id, index or name).
type endRef struct {
	text   string // string or number text
	isNum  bool
	hasID  bool // an object's "id"
	index  string
	name   string
	usable bool
}

func d3End(raw json.RawMessage) endRef {
	switch rawKind(raw) {
	case '"':
		s, _ := rawString(raw)
		return endRef{text: s, usable: s != ""}
	case '0':
		return endRef{text: string(bytes.TrimSpace(raw)), isNum: true, usable: true}
	case '{':
		ms, _, _ := rawMembers(raw, maxKeptMembers)
		var e endRef
		for _, m := range ms {
			switch m.key {
			case "id":
				e.text, e.hasID = rawID(m.raw)
				e.isNum = rawKind(m.raw) == '0'
			case "index":
				if rawKind(m.raw) == '0' {
					e.index = string(bytes.TrimSpace(m.raw))
				}
			case "name":
				e.name, _ = rawString(m.raw)
			}
		}
		e.usable = e.hasID || e.index != "" || e.name != ""
		return e
	}
	return endRef{}
}

type d3Node struct {
	in    nodeIn
	hasID bool
	name  string
}

type d3Link struct {
	in       tieIn
	from, to endRef
}

// Parse reads d3 node-link JSON: {"nodes": [{id, name, group, x, y, …}],
// "links": [{source, target, value, …}]}; a link's ends are node ids, or
// node indexes when the nodes have no ids (d3-force's default), or node
// objects.
func (d3Format) Parse(files []File) (*Doc, error) {
	p := newJGParse(FormatD3, len(files))
	directed := false
	for _, f := range files {
		if err := p.open(f); err != nil {
			return nil, InFile(f.Name, err)
		}
		d, err := p.d3File()
		if err != nil {
			return nil, InFile(f.Name, err)
		}
		directed = directed || d
	}
	return p.finish(func(int) bool { return directed })
}

func (p *jgParse) d3File() (bool, error) {
	r := p.r
	c, off := r.next()
	if c != '{' {
		line, col := position(r.text, off)
		return false, pln.Invalid("line %d, column %d: the file is not a JSON object with \"nodes\" and \"links\".", line, col)
	}
	var nodes []d3Node
	var links []d3Link
	var dropped []string
	directed, sawNodes := false, false
	err := r.object(func(key string, off int64) error {
		c, _ := r.next()
		switch {
		case key == "nodes" && c == '[':
			sawNodes = true
			return r.array(func(i int, off int64) error {
				where := p.where("node %d, line %d", i+1, r.line(off))
				if err := p.countNode(); err != nil {
					return err
				}
				dn, err := p.d3ReadNode(where)
				nodes = append(nodes, dn) // kept even when unreadable: indexes count every element
				return err
			})
		case key == "links" && c == '[':
			return r.array(func(i int, off int64) error {
				where := p.where("link %d, line %d", i+1, r.line(off))
				if err := p.countEdge(); err != nil {
					return err
				}
				l, err := p.d3ReadLink(where)
				if err == nil {
					links = append(links, l)
				}
				return err
			})
		case key == "nodes" || key == "links":
			line, col := position(r.text, off)
			return pln.Invalid("line %d, column %d: %q must be an array.", line, col, key)
		case key == "directed":
			raw, err := r.raw()
			if d, ok := rawBool(raw); ok {
				directed = d
			} else {
				dropped = append(dropped, key)
			}
			return err
		case key == "multigraph":
		default:
			dropped = append(dropped, key)
		}
		return r.skip()
	})
	if err != nil {
		return false, err
	}
	if err := r.end(); err != nil {
		return false, err
	}
	if !sawNodes {
		return false, pln.Invalid("The file has no \"nodes\" array, so it is not a d3 node-link graph.")
	}
	p.warnDropped(joinWhere(p.file, "", p.files), dropped)

	// Ids when any node has one; otherwise nodes are their indexes (in
	// an import of several files, prefixed with the file's name).
	indexKey := func(i int) string {
		if p.files > 1 {
			return p.file + "#" + strconv.Itoa(i)
		}
		return strconv.Itoa(i)
	}
	useIDs := false
	for _, n := range nodes {
		useIDs = useIDs || n.hasID
	}
	byName := map[string]string{} // name → key ("" when two nodes share it)
	for i := range nodes {
		n := &nodes[i]
		if n.in.where == "" {
			continue // not an object: already reported
		}
		switch {
		case useIDs && !n.hasID:
			p.doc.Skip(n.in.where, "the node has no id while the others have one; it was left out.")
			continue
		case !useIDs:
			n.in.id = indexKey(i)
		}
		if n.name != "" {
			if _, seen := byName[n.name]; seen {
				byName[n.name] = ""
			} else {
				byName[n.name] = n.in.id
			}
		}
		p.addNode(n.in)
	}
	resolve := func(e endRef) (string, bool) {
		switch {
		case !e.usable:
			return "", false
		case useIDs && (e.hasID || e.index == "" && e.name == ""):
			return e.text, e.text != ""
		case useIDs:
			return "", false
		}
		idx := e.index
		if idx == "" && e.isNum && !e.hasID {
			idx = e.text
		}
		if idx == "" && e.hasID && e.isNum {
			idx = e.text
		}
		if idx != "" {
			f, err := strconv.ParseFloat(idx, 64)
			if err != nil || f != math.Trunc(f) || f < 0 || f >= float64(len(nodes)) {
				return idx, true // reported as a missing node
			}
			return indexKey(int(f)), true
		}
		name := e.name
		if name == "" {
			name = e.text
		}
		if k, ok := byName[name]; ok && k != "" {
			return k, true
		}
		return name, name != ""
	}
	for _, l := range links {
		from, okF := resolve(l.from)
		to, okT := resolve(l.to)
		l.in.from, l.in.to = from, to
		if l.in.skip == "" && (!okF || !okT) {
			l.in.skip = "the link has no usable source or target (a node id, index or object) and was left out."
		}
		p.addTie(l.in)
	}
	return directed, nil
}

func (p *jgParse) d3ReadNode(where string) (d3Node, error) {
	r := p.r
	if c, _ := r.next(); c != '{' {
		p.doc.Skip(where, "the node is not a JSON object and was left out.")
		return d3Node{}, r.skip()
	}
	dn := d3Node{in: nodeIn{where: where, labels: []string{"label", "name"}}}
	var x, y json.RawMessage
	err := r.object(func(key string, _ int64) error {
		switch {
		case key == "id":
			raw, err := r.raw()
			if id, ok := rawID(raw); ok {
				dn.in.id, dn.hasID = id, true
			} else if err == nil && rawKind(raw) != 'n' {
				dn.in.props = append(dn.in.props, member{key, raw})
			}
			return err
		case key == "x" || key == "y":
			raw, err := r.raw()
			if key == "x" {
				x = raw
			} else {
				y = raw
			}
			return err
		case key == "name":
			raw, err := r.raw()
			dn.name, _ = rawString(raw)
			dn.in.props = append(dn.in.props, member{key, raw})
			return err
		case isPlexusKey(key):
			return r.collect(&dn.in.plexus, &dn.in.dropped, key, true)
		}
		return r.collect(&dn.in.props, &dn.in.dropped, key, key == "label")
	})
	xv, okX := rawNumber(x)
	yv, okY := rawNumber(y)
	if okX && okY && rawKind(x) == '0' && rawKind(y) == '0' && math.Abs(xv) <= pln.MaxCoordinate && math.Abs(yv) <= pln.MaxCoordinate {
		dn.in.x, dn.in.y, dn.in.hasPos = xv, yv, true
	} else {
		if x != nil {
			dn.in.props = append(dn.in.props, member{"x", x})
		}
		if y != nil {
			dn.in.props = append(dn.in.props, member{"y", y})
		}
	}
	return dn, err
}

func (p *jgParse) d3ReadLink(where string) (d3Link, error) {
	r := p.r
	if c, _ := r.next(); c != '{' {
		l := d3Link{in: tieIn{where: where, skip: "the link is not a JSON object and was left out."}}
		return l, r.skip()
	}
	l := d3Link{in: tieIn{where: where, relations: []string{"relation", "type", "label"}, weights: []string{"value", "weight"}}}
	err := r.object(func(key string, _ int64) error {
		switch {
		case key == "source" || key == "target" || key == "id" || key == "directed":
			raw, err := r.raw()
			if err != nil {
				return err
			}
			switch key {
			case "source":
				l.from = d3End(raw)
			case "target":
				l.to = d3End(raw)
			case "id":
				l.in.id = rawText(raw)
			case "directed":
				if l.in.directed, l.in.hasDir = rawBool(raw); !l.in.hasDir {
					l.in.props = append(l.in.props, member{key, raw})
				}
			}
			return nil
		case isPlexusKey(key):
			return r.collect(&l.in.plexus, &l.in.dropped, key, true)
		}
		return r.collect(&l.in.props, &l.in.dropped, key, key == "value" || key == "weight" || key == "relation" || key == "type" || key == "label")
	})
	return l, err
}
