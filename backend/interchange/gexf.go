package interchange

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/plexus-pln/plexus/backend/pln"
)

// GEXF (https://gexf.net/schema.html, primer https://gexf.net/primer.html):
// Gephi's graph format, read in versions 1.1draft, 1.2draft and 1.3 and
// written as 1.3. docs/formats.md ("GEXF") has the whole mapping; in short:
//
//   - <node id label> → a node keyed by its id (kept as "gexf:id"); the label
//     cleaned to one line (a label that had to be cleaned is kept whole as
//     "gexf:label"; no label → the id). Nested nodes (<node><nodes>) are
//     nodes too, their parent's id kept as "gexf:@pid".
//   - <attvalue for|id value> → "gexf:<attribute title>" (an attribute
//     without a declaration uses its id as title; a declared default fills
//     nodes that have no value). A title that is also one of the keys below
//     (id, label, alias, weight, or starting viz:, type:, attr:, @) is kept
//     as "gexf:attr:<title>". The declared type, when it is not string, is
//     kept as "gexf:type:<title>" so that export writes it back.
//     A title kind/type whose value names a kind (GuessKind) sets the kind;
//     a title url/link/website/homepage whose value is a web URL sets the
//     node's web address (the value stays as an extra too).
//   - Attributes titled "plexus:<field>" are Plexus's own fields (what an
//     export wrote); "plexus:extra:<key>" is the extra property <key>.
//   - viz:position x, y → X, Y as they are (GEXF's y axis points up, like
//     the graphology/sigma coordinates Plexus uses; nothing is flipped or
//     scaled), z (when not 0) → "gexf:viz:z"; viz:color → "gexf:viz:color"
//     ("rgb(r,g,b)" or "rgba(r,g,b,a)"), viz:size, viz:thickness,
//     viz:shape (and its uri) → "gexf:viz:size", …, in any namespace.
//   - <edge source target type label weight> → a tie: label → relation
//     (none: the default "knows"), type (else the graph's defaultedgetype,
//     else undirected) → Directed ("mutual" is undirected, kept as
//     "gexf:@type"), weight → strength (StrengthsFromWeights, kept as
//     "gexf:weight"), id → "gexf:id".
//   - Any other XML attribute of a node or edge → "gexf:@<name>".
//
// Export writes what Parse reads back to the same pln values.

// FormatGEXF is the registry name of GEXF.
const FormatGEXF = "gexf"

// MaxGEXFDepth is how deep elements may nest in a GEXF file.
const MaxGEXFDepth = 256

// The XML namespaces of a written file.
const (
	gexfNS    = "http://gexf.net/1.3"
	gexfVizNS = "http://gexf.net/1.3/viz"
)

type gexfFormat struct{}

func init() { Register(gexfFormat{}) }

func (gexfFormat) Name() string      { return FormatGEXF }
func (gexfFormat) Title() string     { return "GEXF 1.2/1.3 graph (Gephi)" }
func (gexfFormat) Extension() string { return "gexf" }

// Sniff: XML whose root element is <gexf>, in any namespace (1.1draft,
// 1.2draft, 1.3 or none).
func (gexfFormat) Sniff(p *Probe) int {
	return p.sniffXMLRoot("gexf")
}

// Parse reads each file as one graph. With several files, each file's node
// ids are prefixed with "<file name>#" so that two graphs' ids cannot meet.
func (gexfFormat) Parse(files []File) (*Doc, error) {
	return parseGraphFiles(FormatGEXF, files, parseGEXFFile)
}

// ---- reading ----

type gexfKind int

const (
	gxOther gexfKind = iota
	gxRoot
	gxMeta
	gxMetaTitle
	gxGraph
	gxAttributes
	gxAttribute
	gxDefault
	gxNodes
	gxNode
	gxEdges
	gxEdge
	gxAttvalues
)

type gexfElem struct {
	kind      gexfKind
	name      string
	line, col int
	item      *gexfItem // the node or edge this element is (or is inside)
	class     string    // gxAttributes: "node" or "edge"
	attr      *gexfAttrDef
}

// gexfAttrDef is one declared <attribute>.
type gexfAttrDef struct {
	title, typ string
	def        string
	hasDef     bool
}

// gexfClass is the attributes declared for nodes or for edges.
type gexfClass struct {
	byID  map[string]*gexfAttrDef
	order []*gexfAttrDef
}

func (c *gexfClass) lookup(id string) *gexfAttrDef {
	if a := c.byID[id]; a != nil {
		return a
	}
	return &gexfAttrDef{title: id}
}

type gexfValue struct{ title, typ, value string }

// gexfItem is a node or an edge being read.
type gexfItem struct {
	edge      bool
	line, col int
	attrs     []xml.Attr
	values    []gexfValue
	given     map[string]bool // titles with a value
	parent    string          // the enclosing node's id (nested nodes)
	hasPos    bool
	x, y, z   string
	viz       map[string]string // "gexf:viz:…" → value
}

func (it *gexfItem) attr(name string) (string, bool) {
	for _, a := range it.attrs {
		if a.Name.Space == "" && a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

type gexfParser struct {
	graphReader
	stack []gexfElem

	directed             bool // the graph's defaultedgetype
	nodeClass, edgeClass gexfClass
	charBuf              []byte
	edges                []*gexfItem
}

func parseGEXFFile(doc *Doc, f File, prefix string, nfiles int) error {
	r, err := newGraphReader(doc, f, FormatGEXF, prefix, nfiles)
	if err != nil {
		return err
	}
	p := &gexfParser{graphReader: r, nodeClass: gexfClass{byID: map[string]*gexfAttrDef{}}, edgeClass: gexfClass{byID: map[string]*gexfAttrDef{}}}
	first := len(doc.Nodes)
	if err := p.parse(); err != nil {
		return err
	}
	if len(doc.Nodes) == first {
		return pln.Invalid("The file has no nodes that can be imported.")
	}
	return p.finishEdges()
}

func (p *gexfParser) parse() error { return p.read(p, "GEXF", "gexf") }

func (p *gexfParser) open() (xmlOpen, bool) {
	if n := len(p.stack); n > 0 {
		e := p.stack[n-1]
		return xmlOpen{name: e.name, line: e.line, col: e.col}, true
	}
	return xmlOpen{}, false
}

func (p *gexfParser) chars(t xml.CharData) {
	if k := p.stack[len(p.stack)-1].kind; (k == gxMetaTitle || k == gxDefault) && len(p.charBuf) < pln.MaxExtraValueLen {
		p.charBuf = append(p.charBuf, t...)
	}
}

func (p *gexfParser) push(e gexfElem) error {
	if err := xmlDepthError(len(p.stack), MaxGEXFDepth, e.line, e.col); err != nil {
		return err
	}
	p.stack = append(p.stack, e)
	return nil
}

func gexfStartAttr(t xml.StartElement, name string) (string, bool) {
	for _, a := range t.Attr {
		if a.Name.Space == "" && strings.EqualFold(a.Name.Local, name) {
			return a.Value, true
		}
	}
	return "", false
}

func (p *gexfParser) start(t xml.StartElement, line, col int) error {
	name := t.Name.Local
	e := gexfElem{name: name, line: line, col: col}
	if len(p.stack) == 0 {
		if !strings.EqualFold(name, "gexf") {
			return pln.Invalid("line %d, column %d: the root element is <%s>, not <gexf>; this is not a GEXF file.", line, col, truncateRunes(name, 40))
		}
		p.sawRoot = true
		e.kind = gxRoot
		return p.push(e)
	}
	parent := p.stack[len(p.stack)-1]
	e.item = parent.item
	lname := strings.ToLower(name)
	switch parent.kind {
	case gxRoot:
		switch lname {
		case "meta":
			e.kind = gxMeta
		case "graph":
			e.kind = gxGraph
			if !p.sawGraph {
				p.sawGraph = true
				v, _ := gexfStartAttr(t, "defaultedgetype")
				p.directed = strings.EqualFold(strings.TrimSpace(v), "directed")
			} else {
				p.warnOnce("graphs", p.where(line), "the file has more than one <graph>; their nodes and edges were read as one graph.")
			}
			if v, _ := gexfStartAttr(t, "mode"); strings.EqualFold(strings.TrimSpace(v), "dynamic") {
				p.warnOnce("dynamic", p.where(line), "the graph is dynamic: Plexus keeps each node's and edge's start and end as properties but not the changes over time.")
			}
		}
	case gxMeta:
		if lname == "title" {
			e.kind = gxMetaTitle
			p.charBuf = p.charBuf[:0]
		}
	case gxGraph:
		switch lname {
		case "attributes":
			e.kind = gxAttributes
			c, _ := gexfStartAttr(t, "class")
			e.class = strings.ToLower(strings.TrimSpace(c))
			if e.class == "" {
				e.class = "node"
			}
			if e.class != "node" && e.class != "edge" {
				p.doc.Warn(p.where(line), "the attributes of class %q were not imported (only node and edge attributes are).", truncateRunes(e.class, 40))
			}
		case "nodes":
			e.kind = gxNodes
		case "edges":
			e.kind = gxEdges
		}
	case gxAttributes:
		if lname == "attribute" && (parent.class == "node" || parent.class == "edge") {
			e.kind = gxAttribute
			id, _ := gexfStartAttr(t, "id")
			title, _ := gexfStartAttr(t, "title")
			typ, _ := gexfStartAttr(t, "type")
			if strings.TrimSpace(title) == "" {
				title = id
			}
			a := &gexfAttrDef{title: title, typ: strings.TrimSpace(typ)}
			c := &p.nodeClass
			if parent.class == "edge" {
				c = &p.edgeClass
			}
			if _, dup := c.byID[id]; dup {
				p.doc.Warn(p.where(line), "the %s attribute %q is declared twice; the second declaration was used.", parent.class, truncateRunes(id, 40))
			}
			c.byID[id] = a
			c.order = append(c.order, a)
			e.attr = a
		}
	case gxAttribute:
		if lname == "default" {
			e.kind = gxDefault
			e.attr = parent.attr
			p.charBuf = p.charBuf[:0]
		}
	case gxNodes:
		if lname == "node" {
			e.kind = gxNode
			it := &gexfItem{line: line, col: col, attrs: t.Attr, given: map[string]bool{}}
			if parent.item != nil {
				it.parent, _ = parent.item.attr("id")
			}
			e.item = it
		}
	case gxEdges:
		if lname == "edge" {
			e.kind = gxEdge
			if len(p.edges) >= MaxItems {
				return pln.TooLarge("line %d, column %d: the file has more than %d edges; the limit is %d.", line, col, MaxItems, MaxItems)
			}
			e.item = &gexfItem{edge: true, line: line, col: col, attrs: t.Attr, given: map[string]bool{}}
		}
	case gxNode, gxEdge:
		switch lname {
		case "attvalues":
			e.kind = gxAttvalues
		case "nodes":
			if parent.kind == gxNode {
				e.kind = gxNodes
			}
		case "edges":
			if parent.kind == gxNode {
				e.kind = gxEdges
				e.item = nil
			}
		case "color", "position", "size", "thickness", "shape":
			p.viz(parent.item, lname, t)
		default:
			what := "nodes"
			if parent.kind == gxEdge {
				what = "edges"
			}
			p.warnOnce("elem:"+what+":"+lname, p.where(line), "the <%s> elements inside %s were not imported.", truncateRunes(name, 40), what)
		}
	case gxAttvalues:
		if lname == "attvalue" && parent.item != nil {
			p.attvalue(parent.item, t, line)
		}
	}
	return p.push(e)
}

func (p *gexfParser) end() error {
	n := len(p.stack)
	if n == 0 {
		return nil
	}
	e := p.stack[n-1]
	p.stack = p.stack[:n-1]
	switch e.kind {
	case gxRoot:
		p.rootClosed = true
	case gxMetaTitle:
		if p.doc.Title == "" {
			p.doc.Title = cleanLine(string(p.charBuf), pln.MaxLabelLen)
		}
	case gxDefault:
		e.attr.def, e.attr.hasDef = string(p.charBuf), true
	case gxNode:
		return p.finishNode(e.item)
	case gxEdge:
		p.edges = append(p.edges, e.item)
	}
	return nil
}

func (p *gexfParser) attvalue(it *gexfItem, t xml.StartElement, line int) {
	id, ok := gexfStartAttr(t, "for")
	if !ok {
		id, _ = gexfStartAttr(t, "id")
	}
	value, _ := gexfStartAttr(t, "value")
	c := &p.nodeClass
	if it.edge {
		c = &p.edgeClass
	}
	a := c.lookup(id)
	if it.given[a.title] {
		p.warnOnce("dynvalue", p.where(line), "an attribute has several values for one node or edge (a dynamic graph?); the first was kept.")
		return
	}
	it.given[a.title] = true
	it.values = append(it.values, gexfValue{title: a.title, typ: a.typ, value: value})
}

func (p *gexfParser) viz(it *gexfItem, name string, t xml.StartElement) {
	if it == nil {
		return
	}
	if it.viz == nil {
		it.viz = map[string]string{}
	}
	switch name {
	case "position":
		x, _ := gexfStartAttr(t, "x")
		y, _ := gexfStartAttr(t, "y")
		z, _ := gexfStartAttr(t, "z")
		it.hasPos, it.x, it.y, it.z = true, x, y, z
	case "color":
		if c := gexfColor(t); c != "" {
			it.viz["gexf:viz:color"] = c
		}
	case "shape":
		if v, ok := gexfStartAttr(t, "value"); ok {
			it.viz["gexf:viz:shape"] = v
		}
		if v, ok := gexfStartAttr(t, "uri"); ok {
			it.viz["gexf:viz:shape:uri"] = v
		}
	default: // size, thickness
		if v, ok := gexfStartAttr(t, "value"); ok {
			it.viz["gexf:viz:"+name] = v
		}
	}
}

// gexfColor is a viz:color as "rgb(r,g,b)" or "rgba(r,g,b,a)" (the file's
// numbers as written); a 1.3 hex colour is turned into its numbers.
func gexfColor(t xml.StartElement) string {
	r, okR := gexfStartAttr(t, "r")
	g, okG := gexfStartAttr(t, "g")
	b, okB := gexfStartAttr(t, "b")
	a, okA := gexfStartAttr(t, "a")
	if !okR && !okG && !okB {
		hex, ok := gexfStartAttr(t, "hex")
		if !ok {
			return ""
		}
		rgb, ok := gexfParseHexColor(hex)
		if !ok {
			return strings.TrimSpace(hex)
		}
		r, g, b = strconv.Itoa(rgb[0]), strconv.Itoa(rgb[1]), strconv.Itoa(rgb[2])
	}
	num := func(s string) string {
		if s = strings.TrimSpace(s); s == "" {
			return "0"
		}
		return s
	}
	if okA {
		return "rgba(" + num(r) + "," + num(g) + "," + num(b) + "," + num(a) + ")"
	}
	return "rgb(" + num(r) + "," + num(g) + "," + num(b) + ")"
}

func gexfParseHexColor(s string) ([3]int, bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(s) == 3 {
		s = string([]byte{s[0], s[0], s[1], s[1], s[2], s[2]})
	}
	if len(s) != 6 {
		return [3]int{}, false
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return [3]int{}, false
	}
	return [3]int{int(v >> 16), int(v >> 8 & 0xff), int(v & 0xff)}, true
}

// gexfReserved: attribute titles that would collide with the keys Parse
// itself writes; they are kept as "gexf:attr:<title>".
func gexfReserved(title string) bool {
	switch title {
	case "id", "label", "alias", "weight":
		return true
	}
	for _, p := range []string{"viz:", "type:", "attr:", "@"} {
		if strings.HasPrefix(title, p) {
			return true
		}
	}
	return false
}

func gexfValueKey(title string) string {
	if gexfReserved(title) {
		return "gexf:attr:" + title
	}
	return "gexf:" + title
}

// xmlAttrs keeps the item's XML attributes other than skip as "gexf:@<name>".
func (x *xmlExtras) xmlAttrs(attrs []xml.Attr, skip ...string) {
	for _, a := range attrs {
		if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" || slices.Contains(skip, a.Name.Local) {
			continue
		}
		name := a.Name.Local
		if a.Name.Space != "" {
			continue // an attribute in another namespace (xsi:…) says nothing about the graph
		}
		x.put("gexf:@"+name, a.Value)
	}
}

func (p *gexfParser) finishNode(it *gexfItem) error {
	where := p.where(it.line)
	id, _ := it.attr("id")
	rawLabel, hasLabel := it.attr("label")
	label := cleanLine(rawLabel, pln.MaxLabelLen)
	if label == "" {
		label = cleanLine(id, pln.MaxLabelLen)
	}
	label, ok := p.nodeLabel(id, label, where)
	if !ok {
		return nil
	}
	var n pln.Node
	n.Label = label
	x := &xmlExtras{}
	x.put(ExtraKeyFor(FormatGEXF), id)
	if hasLabel && rawLabel != label {
		x.put("gexf:label", rawLabel)
	}
	x.xmlAttrs(it.attrs, "id", "label")
	if it.parent != "" {
		if _, ok := it.attr("pid"); !ok {
			x.put("gexf:@pid", it.parent)
		}
	}
	// Declared defaults fill the attributes the node has no value for.
	values := it.values
	for _, a := range p.nodeClass.order {
		if a.hasDef && !it.given[a.title] {
			values = append(values, gexfValue{title: a.title, typ: a.typ, value: a.def})
		}
	}
	hasKind := false
	for _, v := range values {
		if field, ok := strings.CutPrefix(v.title, "plexus:"); ok {
			if p.plexusNodeField(&n, x, field, v.value, where) {
				hasKind = hasKind || field == "kind"
				continue
			}
		}
		x.put(gexfValueKey(v.title), v.value)
		if v.typ != "" && !strings.EqualFold(v.typ, "string") {
			x.put("gexf:type:"+v.title, v.typ)
		}
	}
	for _, v := range values {
		if strings.HasPrefix(v.title, "plexus:") {
			continue
		}
		switch strings.ToLower(strings.TrimSpace(v.title)) {
		case "kind", "type", "node type", "nodetype", "node_type":
			if k := GuessKind(v.value); k != "" && !hasKind && n.Kind == "" {
				n.Kind = k
			}
		case "url", "link", "website", "homepage", "web", "href":
			if u := cleanURL(v.value); n.URL == "" && pln.IsWebURL(u) && utf8.RuneCountInString(u) <= pln.MaxURLLen {
				n.URL = u
			}
		}
	}
	hasPos := false
	if it.hasPos {
		xv, errX := parseCoord(it.x)
		yv, errY := parseCoord(it.y)
		if errX != nil || errY != nil {
			p.doc.Warn(where, "the position of %q (x=%q, y=%q) is not a pair of finite numbers within ±%g; the node will be placed by Plexus.", truncateRunes(label, 60), truncateRunes(it.x, 30), truncateRunes(it.y, 30), pln.MaxCoordinate)
			x.put("gexf:viz:position", "x="+it.x+" y="+it.y)
		} else {
			n.X, n.Y, hasPos = xv, yv, true
		}
		if z := strings.TrimSpace(it.z); z != "" {
			if zv, err := strconv.ParseFloat(z, 64); err != nil || zv != 0 {
				x.put("gexf:viz:z", z)
			}
		}
	}
	for _, k := range sortedKeys(it.viz) {
		x.put(k, it.viz[k])
	}
	n.Extra = x.m
	if !hasPos {
		n.Pinned = false
	}
	return p.addNode(n, x, id, label, where, hasPos, it.line, it.col)
}

// finishEdges turns the file's edges into ties, now that every node is known.
func (p *gexfParser) finishEdges() error {
	var ties []xmlTie
	for _, it := range p.edges {
		where := p.where(it.line)
		src, _ := it.attr("source")
		dst, _ := it.attr("target")
		from, to, ok := p.edgeEnds(src, dst, where)
		if !ok {
			continue
		}
		var t pln.Tie
		x := &xmlExtras{}
		if id, ok := it.attr("id"); ok {
			x.put(ExtraKeyFor(FormatGEXF), id)
		}
		t.Directed = p.directed
		if typ, ok := it.attr("type"); ok {
			switch strings.ToLower(strings.TrimSpace(typ)) {
			case "directed":
				t.Directed = true
			case "undirected":
				t.Directed = false
			case "mutual":
				t.Directed = false
				x.put("gexf:@type", "mutual")
			default:
				p.doc.Warn(where, "the edge type %q is not directed, undirected or mutual; the graph's default was used.", truncateRunes(typ, 40))
				x.put("gexf:@type", typ)
			}
		}
		if label, ok := it.attr("label"); ok {
			t.Relation = cleanLine(label, pln.MaxRelationLen)
			if t.Relation != label {
				x.put("gexf:label", label)
			}
		}
		pd := xmlTie{}
		if w, ok := it.attr("weight"); ok {
			x.put("gexf:weight", w)
			p.edgeWeight(&pd, w, where)
		}
		x.xmlAttrs(it.attrs, "id", "source", "target", "type", "label", "weight")
		for _, a := range p.edgeClass.order {
			if a.hasDef && !it.given[a.title] {
				it.values = append(it.values, gexfValue{title: a.title, typ: a.typ, value: a.def})
			}
		}
		for _, v := range it.values {
			if field, ok := strings.CutPrefix(v.title, "plexus:"); ok {
				if done, explicit := p.plexusTieField(&t, x, field, v.value, where); done {
					pd.explicit = pd.explicit || explicit
					continue
				}
			}
			x.put(gexfValueKey(v.title), v.value)
			if v.typ != "" && !strings.EqualFold(v.typ, "string") {
				x.put("gexf:type:"+v.title, v.typ)
			}
		}
		for _, k := range sortedKeys(it.viz) {
			x.put(k, it.viz[k])
		}
		t.Extra = x.m
		p.warnDropped(x, fmt.Sprintf("the edge %s → %s", truncateRunes(src, 40), truncateRunes(dst, 40)), where)
		pd.tie = DocTie{From: from, To: to, Tie: t, Where: where}
		ties = append(ties, pd)
	}
	return p.addTies(ties)
}

// ---- writing ----

// Export writes net as GEXF 1.3 ("network.gexf"): every node (the ego
// marked plexus:ego) with its position and viz extras, every tie, and for
// each alter with an ego relation an edge ego → alter marked plexus:egotie.
// The journal has no place in GEXF and is not written.
func (gexfFormat) Export(net *Network) ([]File, error) {
	var b bytes.Buffer
	writeGEXF(&b, net)
	return []File{{Name: "network.gexf", Data: b.Bytes()}}, nil
}

// gexfExtraValues splits a record's extras into attribute values (gexf
// titles, then other formats' extras as plexus:extra:<key>) and XML
// attributes ("gexf:@<name>", without the names in skip).
func gexfExtraValues(extra map[string]string, skipKeys []string, skipAttrs []string) (vals []gexfValue, attrs []xml.Attr) {
	var own, other []gexfValue
	for _, k := range sortedKeys(extra) {
		v := extra[k]
		rest, ok := strings.CutPrefix(k, "gexf:")
		if !ok {
			other = append(other, gexfValue{title: "plexus:extra:" + k, typ: "string", value: v})
			continue
		}
		switch {
		case slices.Contains(skipKeys, rest), strings.HasPrefix(rest, "viz:"), strings.HasPrefix(rest, "type:"):
			continue
		case strings.HasPrefix(rest, "@"):
			name := rest[1:]
			if isXMLName(name) && !slices.Contains(skipAttrs, name) && name != "xmlns" {
				attrs = append(attrs, xml.Attr{Name: xml.Name{Local: name}, Value: v})
			}
			continue
		}
		title := rest
		if t, ok := strings.CutPrefix(rest, "attr:"); ok {
			title = t
		} else if gexfReserved(title) {
			continue
		}
		if title == "" || strings.HasPrefix(title, "plexus:") && plexusTitle(title) {
			continue // would read back as a Plexus field
		}
		typ := extra["gexf:type:"+title]
		if !xmlTypeOK(typ) {
			typ = "string"
		}
		own = append(own, gexfValue{title: title, typ: typ, value: v})
	}
	return append(own, other...), attrs
}

func gexfNodeValues(n pln.Node) (vals []gexfValue, attrs []xml.Attr) {
	vals, attrs = gexfExtraValues(n.Extra, []string{"id", "label", "alias"}, []string{"id", "label"})
	var own []gexfValue
	put := func(field, typ, v string) {
		if v != "" {
			own = append(own, gexfValue{title: "plexus:" + field, typ: typ, value: v})
		}
	}
	plexusNodeValues(n, "integer", put)
	// gexf titles first, then Plexus's fields, then other formats' extras.
	return beforeOtherExtras(vals, own, func(v gexfValue) string { return v.title }), attrs
}

type gexfEdgeOut struct {
	id, source, target, label, weight string
	typ                               string // "" (directed), "undirected" or "mutual"
	vals                              []gexfValue
	attrs                             []xml.Attr
	viz                               map[string]string
}

func writeGEXF(b *bytes.Buffer, net *Network) {
	used, usedEdges := map[string]bool{}, map[string]bool{}
	ids := make([]string, len(net.Nodes))
	byID := map[string]string{}
	egoID := ""
	nodeVals := make([][]gexfValue, len(net.Nodes))
	nodeAttrs := make([][]xml.Attr, len(net.Nodes))
	var ncols xmlCols
	for i, n := range net.Nodes {
		ids[i] = uniqueID(used, n.ID, n.Extra[ExtraKeyFor(FormatGEXF)], "n"+strconv.Itoa(i))
		if n.ID != "" {
			byID[n.ID] = ids[i]
		}
		if n.Ego && egoID == "" {
			egoID = ids[i]
		}
		nodeVals[i], nodeAttrs[i] = gexfNodeValues(n)
		for _, v := range nodeVals[i] {
			ncols.add(v.title, v.typ)
		}
	}

	var edges []gexfEdgeOut
	var ecols xmlCols
	for i, t := range net.Ties {
		src, okS := byID[t.From]
		dst, okT := byID[t.To]
		if !okS || !okT {
			continue // an end that is not in the network: nothing to point at
		}
		e := gexfEdgeOut{source: src, target: dst, viz: t.Extra}
		e.id = uniqueID(usedEdges, t.ID, t.Extra[ExtraKeyFor(FormatGEXF)], "e"+strconv.Itoa(i))
		e.label = t.Relation
		if raw := t.Extra["gexf:label"]; raw != "" && cleanLine(raw, pln.MaxRelationLen) == t.Relation {
			e.label = raw
		}
		if !t.Directed {
			e.typ = "undirected"
			if strings.EqualFold(t.Extra["gexf:@type"], "mutual") {
				e.typ = "mutual"
			}
		}
		if w := strings.TrimSpace(t.Extra["gexf:weight"]); w != "" {
			if _, err := strconv.ParseFloat(w, 64); err == nil {
				e.weight = w
			}
		}
		if e.weight == "" && t.Strength > 0 {
			e.weight = strconv.Itoa(t.Strength)
		}
		e.vals, e.attrs = gexfExtraValues(t.Extra, []string{"id", "label", "weight"}, []string{"id", "source", "target", "type", "label", "weight"})
		var own []gexfValue
		if t.Note != "" {
			own = append(own, gexfValue{title: "plexus:note", typ: "string", value: t.Note})
		}
		if e.weight != strconv.Itoa(t.Strength) {
			own = append(own, gexfValue{title: "plexus:strength", typ: "integer", value: strconv.Itoa(t.Strength)})
		}
		e.vals = beforeOtherExtras(e.vals, own, func(v gexfValue) string { return v.title })
		edges = append(edges, e)
	}
	// The ego's ties: one edge ego → alter per alter with a relation.
	if egoID != "" {
		for i, n := range net.Nodes {
			if n.Ego || n.Relation == "" {
				continue
			}
			e := gexfEdgeOut{source: egoID, target: ids[i], label: n.Relation}
			e.id = uniqueID(usedEdges, "ego-"+ids[i])
			if n.Strength > 0 {
				e.weight = strconv.Itoa(n.Strength)
			}
			e.vals = []gexfValue{{title: "plexus:strength", typ: "integer", value: strconv.Itoa(n.Strength)}, {title: "plexus:egotie", typ: "boolean", value: "true"}}
			edges = append(edges, e)
		}
	}
	for _, e := range edges {
		for _, v := range e.vals {
			ecols.add(v.title, v.typ)
		}
	}

	w := &xmlWriter{b: b}
	b.WriteString(xml.Header)
	b.WriteString(`<gexf xmlns="` + gexfNS + `" xmlns:viz="` + gexfVizNS + `" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="` + gexfNS + ` http://gexf.net/1.3/gexf.xsd" version="1.3">` + "\n")
	b.WriteString("  <meta>\n    <creator>Plexus</creator>\n    <description>")
	xml.EscapeText(b, []byte(networkDescription(net)))
	b.WriteString("</description>\n  </meta>\n")
	b.WriteString(`  <graph defaultedgetype="directed" mode="static">` + "\n")
	w.columns("node", &ncols)
	w.columns("edge", &ecols)
	b.WriteString("    <nodes>\n")
	for i, n := range net.Nodes {
		label := n.Label
		if raw := n.Extra["gexf:label"]; raw != "" && cleanLine(raw, pln.MaxLabelLen) == n.Label {
			label = raw
		}
		b.WriteString("      <node")
		w.attr("id", ids[i])
		w.attr("label", label)
		for _, a := range nodeAttrs[i] {
			w.attr(a.Name.Local, a.Value)
		}
		b.WriteString(">\n")
		w.attvalues(nodeVals[i])
		w.color(n.Extra["gexf:viz:color"])
		b.WriteString("        <viz:position")
		w.attr("x", formatCoord(n.X))
		w.attr("y", formatCoord(n.Y))
		if z := strings.TrimSpace(n.Extra["gexf:viz:z"]); z != "" {
			w.attr("z", z)
		}
		b.WriteString("/>\n")
		w.valueElem("size", n.Extra["gexf:viz:size"])
		w.shape(n.Extra)
		b.WriteString("      </node>\n")
	}
	b.WriteString("    </nodes>\n    <edges>\n")
	for _, e := range edges {
		b.WriteString("      <edge")
		w.attr("id", e.id)
		w.attr("source", e.source)
		w.attr("target", e.target)
		if e.typ != "" {
			w.attr("type", e.typ)
		}
		if e.label != "" {
			w.attr("label", e.label)
		}
		if e.weight != "" {
			w.attr("weight", e.weight)
		}
		for _, a := range e.attrs {
			w.attr(a.Name.Local, a.Value)
		}
		var inner bytes.Buffer
		iw := &xmlWriter{b: &inner}
		iw.attvalues(e.vals)
		iw.color(e.viz["gexf:viz:color"])
		iw.valueElem("thickness", e.viz["gexf:viz:thickness"])
		iw.shape(e.viz)
		if inner.Len() == 0 {
			b.WriteString("/>\n")
			continue
		}
		b.WriteString(">\n")
		b.Write(inner.Bytes())
		b.WriteString("      </edge>\n")
	}
	b.WriteString("    </edges>\n  </graph>\n</gexf>\n")
}

func (w *xmlWriter) columns(class string, c *xmlCols) {
	if len(c.order) == 0 {
		return
	}
	w.b.WriteString(`    <attributes class="` + class + `" mode="static">` + "\n")
	for _, title := range c.order {
		w.b.WriteString("      <attribute")
		w.attr("id", title)
		w.attr("title", title)
		w.attr("type", c.typ[title])
		w.b.WriteString("/>\n")
	}
	w.b.WriteString("    </attributes>\n")
}

func (w *xmlWriter) attvalues(vals []gexfValue) {
	if len(vals) == 0 {
		return
	}
	w.b.WriteString("        <attvalues>\n")
	for _, v := range vals {
		w.b.WriteString("          <attvalue")
		w.attr("for", v.title)
		w.attr("value", v.value)
		w.b.WriteString("/>\n")
	}
	w.b.WriteString("        </attvalues>\n")
}

func (w *xmlWriter) valueElem(name, v string) {
	if v = strings.TrimSpace(v); v == "" {
		return
	}
	w.b.WriteString("        <viz:" + name)
	w.attr("value", v)
	w.b.WriteString("/>\n")
}

func (w *xmlWriter) shape(extra map[string]string) {
	v, uri := strings.TrimSpace(extra["gexf:viz:shape"]), strings.TrimSpace(extra["gexf:viz:shape:uri"])
	if v == "" && uri == "" {
		return
	}
	w.b.WriteString("        <viz:shape")
	if v != "" {
		w.attr("value", v)
	}
	if uri != "" {
		w.attr("uri", uri)
	}
	w.b.WriteString("/>\n")
}

// color writes a "gexf:viz:color" value ("rgb(r,g,b)", "rgba(r,g,b,a)" or
// "#rrggbb"); anything else is not a colour and is left out.
func (w *xmlWriter) color(c string) {
	c = strings.TrimSpace(c)
	var parts []string
	switch {
	case strings.HasPrefix(c, "rgba(") && strings.HasSuffix(c, ")"):
		parts = strings.Split(c[5:len(c)-1], ",")
		if len(parts) != 4 {
			return
		}
	case strings.HasPrefix(c, "rgb(") && strings.HasSuffix(c, ")"):
		parts = strings.Split(c[4:len(c)-1], ",")
		if len(parts) != 3 {
			return
		}
	case strings.HasPrefix(c, "#"):
		rgb, ok := gexfParseHexColor(c)
		if !ok {
			return
		}
		parts = []string{strconv.Itoa(rgb[0]), strconv.Itoa(rgb[1]), strconv.Itoa(rgb[2])}
	default:
		return
	}
	w.b.WriteString("        <viz:color")
	for i, name := range []string{"r", "g", "b", "a"}[:len(parts)] {
		w.attr(name, strings.TrimSpace(parts[i]))
	}
	w.b.WriteString("/>\n")
}
