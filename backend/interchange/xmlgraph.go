package interchange

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"net/mail"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/plexus-pln/plexus/backend/pln"
)

// What GEXF and GraphML (the graph XML formats) read and write alike: the
// token loop and its located errors, the checks on a node or an edge, the
// "plexus:<field>" values an export writes, and the writer's helpers.

// parseGraphFiles reads each file as one graph with parse. With several
// files, each file's node ids are prefixed with "<file name>#" so that two
// graphs' ids cannot meet.
func parseGraphFiles(format string, files []File, parse func(doc *Doc, f File, prefix string, nfiles int) error) (*Doc, error) {
	d := &Doc{Format: format}
	for _, f := range files {
		prefix := ""
		if len(files) > 1 {
			prefix = f.Name + "#"
		}
		if err := parse(d, f, prefix, len(files)); err != nil {
			return nil, InFile(f.Name, err)
		}
	}
	return d, nil
}

// graphReader is the state a graph XML parser shares: the file, where it
// is, and the nodes read so far. gexfParser and graphmlParser embed it.
type graphReader struct {
	doc      *Doc
	format   string // FormatGEXF or FormatGraphML: the prefix of the extras kept
	text     []byte
	lines    lineCounter
	d        *xml.Decoder
	prefix   string
	nfiles   int
	fileName string

	sawRoot, sawGraph, rootClosed bool
	nodeIndex                     map[string]int // key → index in doc.Nodes (this file's nodes)
	nodeLine                      map[string]int
	warned                        map[string]bool
	egoKey                        string
}

// newGraphReader checks f's size and encoding and starts reading it into
// doc (whose ego, from an earlier file, stays the ego).
func newGraphReader(doc *Doc, f File, format, prefix string, nfiles int) (graphReader, error) {
	if len(f.Data) > MaxImportBytes {
		return graphReader{}, pln.TooLarge("The file is larger than %d MiB, the most Plexus imports at once.", MaxImportBytes>>20)
	}
	if len(bytes.TrimSpace(f.Data)) == 0 {
		return graphReader{}, pln.Invalid("The file is empty.")
	}
	text, err := xmlToUTF8(f.Data)
	if err != nil {
		return graphReader{}, err
	}
	r := graphReader{doc: doc, format: format, text: text, lines: lineCounter{data: text}, d: newXMLDecoder(text), prefix: prefix, nfiles: nfiles, fileName: f.Name,
		nodeIndex: map[string]int{}, nodeLine: map[string]int{}, warned: map[string]bool{}}
	for _, n := range doc.Nodes {
		if n.Node.Ego {
			r.egoKey = n.Key
		}
	}
	return r, nil
}

// graphHandler is a graph XML format's part of the token loop.
type graphHandler interface {
	start(t xml.StartElement, line, col int) error
	end() error
	chars(t xml.CharData)  // text inside an element
	open() (xmlOpen, bool) // the innermost element still open
}

// xmlOpen is where an element that is still open started.
type xmlOpen struct {
	name      string
	line, col int
}

// read runs the token loop over the whole file: docName ("GEXF") and root
// ("gexf") name the format in its errors.
func (p *graphReader) read(h graphHandler, docName, root string) error {
	for {
		off := p.d.InputOffset()
		tok, err := p.d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			open, isOpen := h.open()
			return xmlSyntaxError(p.text, p.d, err, open, isOpen)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			line, col := p.lines.at(off)
			if p.rootClosed {
				return pln.Invalid("line %d, column %d: there is another element (<%s>) after the end of the %s document; the file holds more than one document or is damaged, so nothing was imported.", line, col, truncateRunes(t.Name.Local, 40), docName)
			}
			if err := h.start(t, line, col); err != nil {
				return err
			}
		case xml.EndElement:
			if err := h.end(); err != nil {
				return err
			}
		case xml.CharData:
			if _, isOpen := h.open(); !isOpen {
				if len(bytes.TrimSpace(t)) > 0 {
					line, col := textStart(p.text, off)
					return pln.Invalid("line %d, column %d: there is text outside the <%s> element; this is not a %s file or it is damaged.", line, col, root, docName)
				}
				continue
			}
			h.chars(t)
		case xml.Directive:
			if err := p.directive(t, off); err != nil {
				return err
			}
		}
	}
	if !p.sawRoot {
		return pln.Invalid("The file has no <%s> element; it is not a %s file.", root, docName)
	}
	if !p.sawGraph {
		return pln.Invalid("The <%s> element has no <graph>, so there is nothing to import.", root)
	}
	return nil
}

// textStart is the line and column of the first character other than
// white space at or after off.
func textStart(text []byte, off int64) (line, col int) {
	off += int64(bytes.IndexFunc(text[off:], func(r rune) bool { return !unicode.IsSpace(r) }))
	return position(text, off)
}

// xmlSyntaxError is a located error for XML that is not well-formed; open
// (when isOpen) is the innermost element left open.
func xmlSyntaxError(text []byte, d *xml.Decoder, err error, open xmlOpen, isOpen bool) error {
	// The decoder stops just after the byte it could not accept.
	line, col := position(text, d.InputOffset()-1)
	msg := errString(err)
	if isOpen && (strings.Contains(msg, "closed by") || strings.Contains(msg, "unexpected EOF")) {
		msg += fmt.Sprintf("; the <%s> opened at line %d, column %d is never closed", truncateRunes(open.name, 40), open.line, open.col)
		if strings.Contains(msg, "unexpected EOF") {
			msg += " (the file may be cut short)"
		}
	}
	return pln.Invalid("line %d, column %d: the file is not well-formed XML: %s.", line, col, msg)
}

// xmlDepthError refuses an element at line, col that would open more than
// max elements.
func xmlDepthError(depth, max, line, col int) error {
	if depth >= max {
		return pln.Invalid("line %d, column %d: elements are nested more than %d deep.", line, col, max)
	}
	return nil
}

func (p *graphReader) where(line int) string {
	return joinWhere(p.fileName, fmt.Sprintf("line %d", line), p.nfiles)
}

func (p *graphReader) warnOnce(key, where, format string, args ...any) {
	if p.warned[key] {
		return
	}
	p.warned[key] = true
	p.doc.Warn(where, format, args...)
}

// directive refuses a DOCTYPE that declares entities: encoding/xml never
// expands them, but such a file is built to be expanded by something.
func (p *graphReader) directive(t xml.Directive, off int64) error {
	s := strings.ToUpper(string(t))
	if strings.HasPrefix(strings.TrimSpace(s), "DOCTYPE") && strings.Contains(s, "<!ENTITY") {
		line, col := p.lines.at(off)
		return pln.Invalid("line %d, column %d: the file's DOCTYPE declares entities, which Plexus does not expand (they can make a small file enormous); remove the DOCTYPE and import it again.", line, col)
	}
	return nil
}

func (p *graphReader) warnDropped(x *xmlExtras, what, where string) {
	if len(x.dropped) == 0 {
		return
	}
	names := x.dropped
	if len(names) > 5 {
		names = append(names[:5:5], "…")
	}
	for i, n := range names {
		names[i] = truncateRunes(n, 40)
	}
	p.doc.Warn(where, "%d properties of %s did not fit (at most %d per record, names up to %d bytes) and were not imported: %s.",
		len(x.dropped), what, pln.MaxExtraKeys, pln.MaxExtraKeyLen, strings.Join(names, ", "))
}

// mergeNode merges a node whose id was already read into the first one.
func (p *graphReader) mergeNode(i int, n pln.Node, hasPos bool, where, id string) {
	m := &p.doc.Nodes[i]
	m.Node.Tags = mergeTags(m.Node.Tags, n.Tags)
	m.Node.Contexts = mergeTags(m.Node.Contexts, n.Contexts)
	for k, v := range n.Extra {
		if _, ok := m.Node.Extra[k]; !ok {
			PutExtra(&m.Node.Extra, k, v)
		}
	}
	if !m.HasPosition && hasPos {
		m.HasPosition, m.Node.X, m.Node.Y, m.Node.Pinned = true, n.X, n.Y, n.Pinned
	}
	first := p.nodeLine[p.prefix+id]
	if n.Label != m.Node.Label && !slices.Contains(m.Aliases, n.Label) {
		m.Aliases = append(m.Aliases, n.Label)
		if !PutExtra(&m.Node.Extra, p.format+":alias", strings.Join(m.Aliases, " | ")) {
			p.doc.Warn(where, "the other label %q could not be kept as a property.", truncateRunes(n.Label, 60))
		}
		p.doc.Warn(where, "the node id %q is used again (first at line %d, as %q) with the label %q: merged into one node, the second label kept as an alias.",
			truncateRunes(id, 40), first, truncateRunes(m.Node.Label, 60), truncateRunes(n.Label, 60))
		return
	}
	p.doc.Warn(where, "the node id %q is used again (first at line %d): merged into one node.", truncateRunes(id, 40), first)
}

func parseCoord(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, err
	}
	if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > pln.MaxCoordinate {
		return 0, fmt.Errorf("out of range")
	}
	return v, nil
}

// plexusList reads a plexus:<list field>: a JSON array of strings (what export
// writes), else values separated by "|" (a list typed by hand in Gephi).
func plexusList(v string) []string {
	var out []string
	if s := strings.TrimSpace(v); strings.HasPrefix(s, "[") && json.Unmarshal([]byte(s), &out) == nil {
		return out
	}
	if strings.TrimSpace(v) == "" {
		return nil
	}
	return strings.Split(v, "|")
}

// plexusNodeField sets one "plexus:<field>" value; false when the field is
// unknown (the value is then kept as an extra). A value that does not fit
// the field is reported and left out.
func (p *graphReader) plexusNodeField(n *pln.Node, x *xmlExtras, field, v, where string) bool {
	bad := func(why string) bool {
		p.doc.Warn(where, "the value %q of plexus:%s on %q was not imported: %s", truncateRunes(v, 60), field, truncateRunes(n.Label, 60), why)
		return true
	}
	if key, ok := strings.CutPrefix(field, "extra:"); ok {
		if key == "" {
			return false
		}
		x.put(key, v)
		return true
	}
	switch field {
	case "kind":
		k := pln.Kind(strings.TrimSpace(v))
		if !slices.Contains(pln.Kinds, k) {
			if k = GuessKind(v); k == "" {
				return bad("it is not a kind.")
			}
		}
		n.Kind = k
	case "relation":
		r := cleanLine(v, pln.MaxRelationLen)
		if r != strings.TrimSpace(v) {
			return bad(fmt.Sprintf("a relation is one line of at most %d characters.", pln.MaxRelationLen))
		}
		n.Relation = r
	case "strength":
		s, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || s < 0 || s > 5 {
			return bad("tie strength is 1–5.")
		}
		n.Strength = s
	case "role":
		r := pln.Role(strings.ToLower(strings.TrimSpace(v)))
		if r != "" && !slices.Contains(pln.Roles, r) {
			return bad("it is not a role.")
		}
		n.Role = r
	case "mode":
		m := pln.Mode(strings.ToLower(strings.TrimSpace(v)))
		if m != "" && !slices.Contains(pln.Modes, m) {
			return bad("it is not a mode.")
		}
		n.Mode = m
	case "status":
		s := pln.Status(strings.ToLower(strings.TrimSpace(v)))
		if s != "" && !slices.Contains(pln.Statuses, s) {
			return bad("it is not a status.")
		}
		n.Status = s
	case "cadence":
		c, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || c < 0 || c > pln.MaxCadenceDays {
			return bad(fmt.Sprintf("a cadence is 0–%d days.", pln.MaxCadenceDays))
		}
		n.Cadence = c
	case "tags":
		n.Tags = mergeTags(n.Tags, plexusList(v))
	case "contexts":
		n.Contexts = mergeTags(n.Contexts, plexusList(v))
	case "emails":
		for _, e := range plexusList(v) {
			e = strings.TrimSpace(e)
			if e == "" || slices.Contains(n.Emails, e) {
				continue
			}
			if a, err := mail.ParseAddress(e); err != nil || a.Address != e {
				p.doc.Warn(where, "the email %q of %q was not imported: it is not an address like name@example.org.", truncateRunes(e, 60), truncateRunes(n.Label, 60))
				continue
			}
			if len(n.Emails) >= pln.MaxEmails {
				p.doc.Warn(where, "%q has more than %d emails; the rest were not imported.", truncateRunes(n.Label, 60), pln.MaxEmails)
				break
			}
			n.Emails = append(n.Emails, e)
		}
	case "description":
		if len(v) > pln.MaxBodyBytes {
			p.doc.Warn(where, "the description of %q is over %d bytes and was cut.", truncateRunes(n.Label, 60), pln.MaxBodyBytes)
			v = strings.ToValidUTF8(v[:pln.MaxBodyBytes], "")
		}
		n.Description = v
	case "url", "feedUrl":
		u := cleanURL(v)
		if utf8.RuneCountInString(u) > pln.MaxURLLen {
			return bad(fmt.Sprintf("it is longer than %d characters.", pln.MaxURLLen))
		}
		if field == "url" {
			n.URL = u
		} else {
			n.FeedURL = u
		}
	case "organisation":
		n.Organisation = cleanLine(v, pln.MaxOrganisation)
	case "pinned", "ego":
		b, err := strconv.ParseBool(strings.TrimSpace(v))
		if err != nil {
			return bad("it is not true or false.")
		}
		if field == "pinned" {
			n.Pinned = b
		} else {
			n.Ego = b
		}
	default:
		return false
	}
	return true
}

// plexusTieField sets one "plexus:<field>" value of an edge: done false
// when the field is unknown; explicit when it set the strength.
func (p *graphReader) plexusTieField(t *pln.Tie, x *xmlExtras, field, v, where string) (done, explicit bool) {
	if key, ok := strings.CutPrefix(field, "extra:"); ok {
		if key == "" {
			return false, false
		}
		x.put(key, v)
		return true, false
	}
	switch field {
	case "relation":
		r := cleanLine(v, pln.MaxRelationLen)
		if r != strings.TrimSpace(v) || r == "" {
			p.doc.Warn(where, "the relation %q was not imported: a relation is one line of 1–%d characters.", truncateRunes(v, 60), pln.MaxRelationLen)
			return true, false
		}
		t.Relation = r
	case "strength":
		s, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || s < 0 || s > 5 {
			p.doc.Warn(where, "the tie strength %q was not imported: tie strength is 1–5.", truncateRunes(v, 40))
			return true, false
		}
		t.Strength = s
		return true, true
	case "note":
		if utf8.RuneCountInString(v) > pln.MaxNoteLen {
			p.doc.Warn(where, "the tie note is over %d characters and was cut.", pln.MaxNoteLen)
			v = string([]rune(v)[:pln.MaxNoteLen])
		}
		t.Note = v
	case "egotie":
		// The ego's tie to an alter, written by export: the service turns
		// a tie with the ego at one end into the alter's fields.
	default:
		return false, false
	}
	return true, false
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// extras collects an item's extra properties and what did not fit.
type xmlExtras struct {
	m       map[string]string
	dropped []string
}

func (x *xmlExtras) put(key, value string) {
	if !PutExtra(&x.m, key, value) {
		x.dropped = append(x.dropped, key)
	}
}

// xmlCols is the attribute columns (GEXF) or keys (GraphML) of one class,
// in the order written.
type xmlCols struct {
	order []string
	typ   map[string]string
}

func (c *xmlCols) add(title, typ string) {
	if c.typ == nil {
		c.typ = map[string]string{}
	}
	if t, ok := c.typ[title]; ok {
		if t != typ {
			c.typ[title] = "string" // values of several types: written as text
		}
		return
	}
	c.typ[title] = typ
	c.order = append(c.order, title)
}

func jsonList(l []string) string {
	if len(l) == 0 {
		return ""
	}
	b, _ := json.Marshal(l)
	return string(b)
}

func xmlTypeOK(t string) bool {
	if t == "" || len(t) > 40 {
		return false
	}
	for _, r := range t {
		if r > unicode.MaxASCII || !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// plexusTitle reports whether a "plexus:…" title is one Parse reads
// as a field.
func plexusTitle(title string) bool {
	f := strings.TrimPrefix(title, "plexus:")
	return strings.HasPrefix(f, "extra:") || slices.Contains(plexusNodeFields, f) || f == "note" || f == "egotie"
}

type xmlWriter struct{ b *bytes.Buffer }

func (w *xmlWriter) attr(name, value string) {
	w.b.WriteString(" " + name + `="`)
	xml.EscapeText(w.b, []byte(value))
	w.b.WriteString(`"`)
}

// plexusNodeFields are the node fields written as "plexus:<field>", in order.
var plexusNodeFields = []string{"kind", "relation", "strength", "role", "contexts", "mode", "status", "cadence",
	"tags", "description", "url", "feedUrl", "emails", "organisation", "pinned", "ego"}

func formatCoord(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// nodeLabel is the label of a node read with id and label (cleaned, the
// id when it had none), or false when the node has no id and was left out.
func (p *graphReader) nodeLabel(id, label, where string) (string, bool) {
	if strings.TrimSpace(id) == "" {
		if label == "" {
			p.doc.Skip(where, "a node with no id and no label was left out.")
		} else {
			p.doc.Skip(where, "the node %q has no id, so no edge can name it; it was left out.", truncateRunes(label, 60))
		}
		return "", false
	}
	if label == "" {
		label = "?"
	}
	return label, true
}

// addNode adds the node n read at line, col with the file's id (its extras
// in x), merging it into an earlier node with the same id.
func (p *graphReader) addNode(n pln.Node, x *xmlExtras, id, label, where string, hasPos bool, line, col int) error {
	// Every node must pass Normalize once the service fills the kind.
	if err := checkNode(n); err != nil {
		p.doc.Skip(where, "the node %q was left out: %s", truncateRunes(label, 60), pln.AsError(err).Message)
		return nil
	}
	key := p.prefix + id
	if i, dup := p.nodeIndex[key]; dup {
		p.mergeNode(i, n, hasPos, where, id)
		p.warnDropped(x, fmt.Sprintf("the node %q", truncateRunes(label, 60)), where)
		return nil
	}
	if len(p.doc.Nodes) >= MaxItems {
		return pln.TooLarge("line %d, column %d: the file has more than %d nodes; the limit is %d.", line, col, MaxItems, MaxItems)
	}
	if n.Ego {
		if p.egoKey != "" {
			p.doc.Warn(where, "%q is marked as the ego, but %q already is; it was imported as an alter.", truncateRunes(label, 60), truncateRunes(p.egoKey, 60))
			n.Ego = false
		} else {
			p.egoKey = key
		}
	}
	p.warnDropped(x, fmt.Sprintf("the node %q", truncateRunes(label, 60)), where)
	p.nodeIndex[key] = len(p.doc.Nodes)
	p.nodeLine[key] = line
	p.doc.Nodes = append(p.doc.Nodes, DocNode{Key: key, Node: n, HasPosition: hasPos, Where: where})
	return nil
}

// edgeEnds are the node keys of an edge from src to dst, or false when an
// end is missing (the edge was left out).
func (p *graphReader) edgeEnds(src, dst, where string) (from, to string, ok bool) {
	if strings.TrimSpace(src) == "" || strings.TrimSpace(dst) == "" {
		p.doc.Skip(where, "an edge without a source or a target was left out.")
		return "", "", false
	}
	from, to = p.prefix+src, p.prefix+dst
	missing := ""
	if _, ok := p.nodeIndex[from]; !ok {
		missing = src
	} else if _, ok := p.nodeIndex[to]; !ok {
		missing = dst
	}
	if missing != "" {
		p.doc.Skip(where, "the edge %s → %s was left out: there is no node %q in the file.", truncateRunes(src, 40), truncateRunes(dst, 40), truncateRunes(missing, 40))
		return "", "", false
	}
	return from, to, true
}

// xmlTie is an edge read, before the weights are made strengths.
type xmlTie struct {
	tie      DocTie
	weight   float64
	hasW     bool
	explicit bool // plexus:strength given
}

// edgeWeight reads an edge's weight w into pd.
func (p *graphReader) edgeWeight(pd *xmlTie, w, where string) {
	v, err := strconv.ParseFloat(strings.TrimSpace(w), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		p.doc.Warn(where, "the edge weight %q is not a number; the tie gets the middle strength.", truncateRunes(w, 40))
	} else {
		pd.weight, pd.hasW = v, true
	}
}

// addTies adds the file's edges as ties.
func (p *graphReader) addTies(ties []xmlTie) error {
	// Weights → strengths, among the ties whose strength the file does
	// not give as plexus:strength.
	var ws []float64
	var oks []bool
	var idx []int
	for i, pd := range ties {
		if !pd.explicit {
			ws, oks, idx = append(ws, pd.weight), append(oks, pd.hasW), append(idx, i)
		}
	}
	for j, s := range StrengthsFromWeights(ws, oks) {
		ties[idx[j]].tie.Tie.Strength = s
	}
	if len(p.doc.Ties)+len(ties) > MaxItems {
		return pln.TooLarge("The file has more than %d edges; the limit is %d.", MaxItems, MaxItems)
	}
	for _, pd := range ties {
		p.doc.Ties = append(p.doc.Ties, pd.tie)
	}
	return nil
}

// uniqueID is the first of cands that is not empty and not used yet, else
// the last one with "~2", "~3", … added; it is marked used.
func uniqueID(used map[string]bool, cands ...string) string {
	for _, c := range cands {
		if c != "" && !used[c] {
			used[c] = true
			return c
		}
	}
	base := cands[len(cands)-1]
	for i := 2; ; i++ {
		if c := base + "~" + strconv.Itoa(i); !used[c] {
			used[c] = true
			return c
		}
	}
}

// plexusNodeValues calls put with each of n's fields as the export writes
// it as "plexus:<field>", in plexusNodeFields order ("" for a field not
// set: 0, false or empty); intType is the format's type for an integer.
func plexusNodeValues(n pln.Node, intType string, put func(field, typ, v string)) {
	itoa := func(i int) string {
		if i == 0 {
			return ""
		}
		return strconv.Itoa(i)
	}
	boolean := func(b bool) string {
		if b {
			return "true"
		}
		return ""
	}
	put("kind", "string", string(n.Kind))
	put("relation", "string", n.Relation)
	put("strength", intType, itoa(n.Strength))
	put("role", "string", string(n.Role))
	put("contexts", "string", jsonList(n.Contexts))
	put("mode", "string", string(n.Mode))
	put("status", "string", string(n.Status))
	put("cadence", intType, itoa(n.Cadence))
	put("tags", "string", jsonList(n.Tags))
	put("description", "string", n.Description)
	put("url", "string", n.URL)
	put("feedUrl", "string", n.FeedURL)
	put("emails", "string", jsonList(n.Emails))
	put("organisation", "string", n.Organisation)
	put("pinned", "boolean", boolean(n.Pinned))
	put("ego", "boolean", boolean(n.Ego))
}

// beforeOtherExtras puts own (Plexus's fields) into vals before the first
// value named "plexus:extra:…": a format's own values first, then Plexus's
// fields, then other formats' extras.
func beforeOtherExtras[V any](vals, own []V, name func(V) string) []V {
	i := slices.IndexFunc(vals, func(v V) bool { return strings.HasPrefix(name(v), "plexus:extra:") })
	if i < 0 {
		i = len(vals)
	}
	return slices.Concat(vals[:i], own, vals[i:])
}

// networkDescription is the description an export gives the graph.
func networkDescription(net *Network) string {
	if ego := net.Ego(); ego.Label != "" {
		return ego.Label + "'s personal learning network"
	}
	return "A personal learning network"
}
