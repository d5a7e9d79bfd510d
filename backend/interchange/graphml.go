package interchange

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/plexus-pln/plexus/backend/pln"
)

// GraphML (http://graphml.graphdrawing.org/, primer
// http://graphml.graphdrawing.org/primer/graphml-primer.html): the XML graph
// format of yEd, Cytoscape, igraph, networkx and TinkerPop, read in its
// namespace or none and written plain. docs/formats.md ("GraphML") has the
// whole mapping; in short:
//
//   - <key id for attr.name attr.type> declares a property of nodes, edges,
//     the graph or all (for="all"), with an optional <default>; a key
//     without attr.name is named by its id; <data key="…"> gives a value.
//   - <node id> → a node keyed by its id (kept as "graphml:id"). Label: a
//     key named label, else name, else the yEd y:NodeLabel text, else the
//     id; cleaned to one line (a label that had to be cleaned is kept whole
//     as "graphml:label"). Keys named x and y are the position.
//   - Every other value → "graphml:<attr.name>", its attr.type, when not
//     string, kept as "graphml:type:<attr.name>" so that export declares
//     the key with the same type. A name that would clash with the keys
//     Parse writes itself (id, alias, label, x, y, or starting type:,
//     attr:, @) is kept as "graphml:attr:<name>". A key named
//     kind/type/labelV whose value names a kind (GuessKind) sets the kind;
//     url/link/website/homepage with a web URL sets the web address.
//   - Keys named "plexus:<field>" are Plexus's own fields (what an export
//     wrote); "plexus:extra:<key>" is the extra property <key>.
//   - <edge source target directed> → a tie: directed (else the graph's
//     edgedefault, directed unless it says undirected); a key named label
//     (else TinkerPop's labelE, else the yEd y:EdgeLabel) → relation;
//     weight → strength (StrengthsFromWeights, kept as "graphml:weight").
//   - yEd: y:Geometry → the position (the centre of the box, the y axis
//     turned up as in Plexus's coordinates), its width and height kept as
//     "graphml:yed:width"/"graphml:yed:height"; y:Fill color →
//     "graphml:yed:fill"; every other yEd graphic (shapes, borders, fonts,
//     edge bends and styles, SVG resources) is named in one warning.
//   - Nested graphs, hyperedges and ports are left out with a warning
//     naming their line.
//
// Export writes what Parse reads back to the same pln values.

// FormatGraphML is the registry name of GraphML.
const FormatGraphML = "graphml"

// MaxGraphMLDepth is how deep elements may nest in a GraphML file.
const MaxGraphMLDepth = 256

const graphmlNS = "http://graphml.graphdrawing.org/xmlns"

type graphmlFormat struct{}

func init() { Register(graphmlFormat{}) }

func (graphmlFormat) Name() string      { return FormatGraphML }
func (graphmlFormat) Title() string     { return "GraphML (yEd, Cytoscape, igraph)" }
func (graphmlFormat) Extension() string { return "graphml" }

// Sniff: XML whose root element is <graphml>, in any namespace or none.
func (graphmlFormat) Sniff(p *Probe) int {
	return p.sniffXMLRoot("graphml")
}

// Parse reads each file as one graph. With several files, each file's node
// ids are prefixed with "<file name>#" so that two graphs' ids cannot meet.
func (graphmlFormat) Parse(files []File) (*Doc, error) {
	return parseGraphFiles(FormatGraphML, files, parseGraphMLFile)
}

// ---- reading ----

type gmKind int

const (
	gmOther   gmKind = iota
	gmRoot           // <graphml>
	gmKey            // <key>
	gmDefault        // <key><default>
	gmGraph          // a top-level <graph>
	gmDesc           // the graph's <desc>
	gmNode           // <node>
	gmEdge           // <edge>
	gmData           // <data>
	gmSkip           // a nested graph, hyperedge or port, and all inside it
	gmYed            // an element inside a <data> (yEd graphics)
	gmYLabel         // y:NodeLabel or y:EdgeLabel, whose own text is the label
)

type gmElem struct {
	kind      gmKind
	name      string
	line, col int
	item      *gmItem   // the node or edge this element is (or is inside)
	key       *gmKeyDef // gmKey, gmDefault
	data      *gmDatum  // the <data> this element is (or is inside)
	directed  bool      // gmGraph: its edgedefault
	nested    bool      // gmSkip: a graph nested in a top-level node
	skipWhat  string    // nested: the id of that node
}

// gmKeyDef is one declared <key>.
type gmKeyDef struct {
	name, typ, domain string
	yfiles            bool // a yEd graphics key (yfiles.type without attr.name)
	def               string
	hasDef            bool
}

// gmDatum is one <data> element.
type gmDatum struct {
	key   string
	value string
	line  int
	elems bool // it holds elements (yEd graphics), not a text value
}

type gmValue struct{ name, typ, value string }

// gmItem is a node or an edge being read.
type gmItem struct {
	edge      bool
	line, col int
	attrs     []xml.Attr
	data      []*gmDatum
	directed  bool // an edge: its graph's edgedefault

	hasGeom        bool
	gx, gy, gw, gh string
	fill           string
	ylabel         string
	hasYLabel      bool
}

type graphmlParser struct {
	graphReader
	stack []gmElem

	keys                 map[string]*gmKeyDef
	keyOrder             []*gmKeyDef
	charBuf, labelBuf    []byte
	nodes, edges         []*gmItem
	graphData            []*gmDatum
	skipNodes, skipEdges int
}

func parseGraphMLFile(doc *Doc, f File, prefix string, nfiles int) error {
	r, err := newGraphReader(doc, f, FormatGraphML, prefix, nfiles)
	if err != nil {
		return err
	}
	p := &graphmlParser{graphReader: r, keys: map[string]*gmKeyDef{}}
	if err := p.parse(); err != nil {
		return err
	}
	p.readGraphData()
	first := len(doc.Nodes)
	for _, it := range p.nodes {
		if err := p.finishNode(it); err != nil {
			return err
		}
	}
	if len(doc.Nodes) == first {
		return pln.Invalid("The file has no nodes that can be imported.")
	}
	return p.finishEdges()
}

func (p *graphmlParser) parse() error { return p.read(p, "GraphML", "graphml") }

func (p *graphmlParser) open() (xmlOpen, bool) {
	if n := len(p.stack); n > 0 {
		e := p.stack[n-1]
		return xmlOpen{name: e.name, line: e.line, col: e.col}, true
	}
	return xmlOpen{}, false
}

func (p *graphmlParser) chars(t xml.CharData) {
	switch p.stack[len(p.stack)-1].kind {
	case gmData, gmDefault, gmDesc:
		p.charBuf = append(p.charBuf, t...)
	case gmYLabel:
		if len(p.labelBuf) < pln.MaxExtraValueLen {
			p.labelBuf = append(p.labelBuf, t...)
		}
	}
}

func (p *graphmlParser) push(e gmElem) error {
	if err := xmlDepthError(len(p.stack), MaxGraphMLDepth, e.line, e.col); err != nil {
		return err
	}
	p.stack = append(p.stack, e)
	return nil
}

func gmAttr(attrs []xml.Attr, name string) (string, bool) {
	for _, a := range attrs {
		if a.Name.Space == "" && a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

func (p *graphmlParser) start(t xml.StartElement, line, col int) error {
	name := t.Name.Local
	e := gmElem{name: name, line: line, col: col}
	if len(p.stack) == 0 {
		if !strings.EqualFold(name, "graphml") {
			return pln.Invalid("line %d, column %d: the root element is <%s>, not <graphml>; this is not a GraphML file.", line, col, truncateRunes(name, 40))
		}
		p.sawRoot = true
		e.kind = gmRoot
		return p.push(e)
	}
	parent := p.stack[len(p.stack)-1]
	e.item, e.data = parent.item, parent.data
	lname := strings.ToLower(name)
	switch parent.kind {
	case gmRoot:
		switch lname {
		case "key":
			e.kind = gmKey
			e.key = p.key(t, line)
		case "graph":
			e.kind = gmGraph
			if p.sawGraph {
				p.warnOnce("graphs", p.where(line), "the file has more than one <graph>; their nodes and edges were read as one graph.")
			}
			p.sawGraph = true
			v, _ := gmAttr(t.Attr, "edgedefault")
			e.directed = !strings.EqualFold(strings.TrimSpace(v), "undirected")
		case "data":
			e.kind, e.data = gmData, p.datum(t, line)
			p.graphData = append(p.graphData, e.data)
		case "desc":
		default:
			p.warnOnce("elem:root:"+lname, p.where(line), "the <%s> elements of the file were not imported.", truncateRunes(name, 40))
		}
	case gmKey:
		if lname == "default" {
			e.kind, e.key = gmDefault, parent.key
			p.charBuf = p.charBuf[:0]
		}
	case gmGraph:
		switch lname {
		case "node":
			if len(p.nodes) >= MaxItems {
				return pln.TooLarge("line %d, column %d: the file has more than %d nodes; the limit is %d.", line, col, MaxItems, MaxItems)
			}
			e.kind = gmNode
			e.item = &gmItem{line: line, col: col, attrs: t.Attr}
			p.nodes = append(p.nodes, e.item)
		case "edge":
			if len(p.edges) >= MaxItems {
				return pln.TooLarge("line %d, column %d: the file has more than %d edges; the limit is %d.", line, col, MaxItems, MaxItems)
			}
			e.kind = gmEdge
			e.item = &gmItem{edge: true, line: line, col: col, attrs: t.Attr, directed: parent.directed}
			p.edges = append(p.edges, e.item)
		case "hyperedge":
			e.kind = gmSkip
			p.doc.Skip(p.where(line), "a hyperedge was left out: a Plexus tie joins two nodes, and a hyperedge joins any number.")
		case "data":
			e.kind, e.data = gmData, p.datum(t, line)
			p.graphData = append(p.graphData, e.data)
		case "desc":
			e.kind = gmDesc
			p.charBuf = p.charBuf[:0]
		default:
			p.warnOnce("elem:graph:"+lname, p.where(line), "the <%s> elements of the graph were not imported.", truncateRunes(name, 40))
		}
	case gmNode, gmEdge:
		what := "nodes"
		if parent.kind == gmEdge {
			what = "edges"
		}
		switch lname {
		case "data":
			e.kind, e.data = gmData, p.datum(t, line)
			parent.item.data = append(parent.item.data, e.data)
		case "graph":
			e.kind = gmSkip
			if parent.kind == gmNode {
				e.nested = true
				e.skipWhat, _ = gmAttr(parent.item.attrs, "id")
				p.skipNodes, p.skipEdges = 0, 0
			}
		case "port":
			e.kind = gmSkip
			p.warnOnce("ports", p.where(line), "the file's ports (<port>, places on a node where edges attach) were not imported; the edges are attached to the nodes themselves.")
		case "desc":
		default:
			p.warnOnce("elem:"+what+":"+lname, p.where(line), "the <%s> elements inside %s were not imported.", truncateRunes(name, 40), what)
		}
	case gmData, gmYed, gmYLabel:
		p.yed(&e, parent, t, lname)
	case gmSkip:
		e.kind = gmSkip
		switch lname {
		case "node":
			p.skipNodes++
		case "edge", "hyperedge":
			p.skipEdges++
		}
	}
	return p.push(e)
}

func (p *graphmlParser) key(t xml.StartElement, line int) *gmKeyDef {
	id, _ := gmAttr(t.Attr, "id")
	name, _ := gmAttr(t.Attr, "attr.name")
	typ, _ := gmAttr(t.Attr, "attr.type")
	domain, _ := gmAttr(t.Attr, "for")
	_, yfiles := gmAttr(t.Attr, "yfiles.type")
	k := &gmKeyDef{name: name, typ: strings.ToLower(strings.TrimSpace(typ)), domain: strings.ToLower(strings.TrimSpace(domain))}
	if strings.TrimSpace(name) == "" {
		k.name = id
		k.yfiles = yfiles
	}
	if k.domain == "" {
		k.domain = "all"
	}
	if _, dup := p.keys[id]; dup {
		p.doc.Warn(p.where(line), "the key %q is declared twice; the second declaration was used.", truncateRunes(id, 40))
	}
	p.keys[id] = k
	p.keyOrder = append(p.keyOrder, k)
	return k
}

func (p *graphmlParser) datum(t xml.StartElement, line int) *gmDatum {
	k, _ := gmAttr(t.Attr, "key")
	p.charBuf = p.charBuf[:0]
	return &gmDatum{key: k, line: line}
}

// yed reads an element inside a <data>: yEd's node and edge graphics.
func (p *graphmlParser) yed(e *gmElem, parent gmElem, t xml.StartElement, lname string) {
	e.kind = gmYed
	if e.data != nil {
		e.data.elems = true
	}
	it := e.item
	node, edge := it != nil && !it.edge, it != nil && it.edge
	switch {
	case parent.kind == gmYLabel:
		p.yedOther(e.line, t.Name)
	case lname == "geometry" && node:
		if !it.hasGeom {
			it.hasGeom = true
			it.gx, _ = gmAttr(t.Attr, "x")
			it.gy, _ = gmAttr(t.Attr, "y")
			it.gw, _ = gmAttr(t.Attr, "width")
			it.gh, _ = gmAttr(t.Attr, "height")
		}
	case lname == "fill" && node:
		c, _ := gmAttr(t.Attr, "color")
		if has, _ := gmAttr(t.Attr, "hasColor"); it.fill == "" && !strings.EqualFold(has, "false") {
			it.fill = strings.TrimSpace(c)
		}
	case (lname == "nodelabel" && node) || (lname == "edgelabel" && edge):
		if !it.hasYLabel {
			e.kind = gmYLabel
			p.labelBuf = p.labelBuf[:0]
		}
	case parent.kind == gmData && it != nil && (strings.HasSuffix(lname, "node") || strings.HasSuffix(lname, "edge")):
		// The node's or edge's realizer (y:ShapeNode, y:PolyLineEdge…).
	default:
		p.yedOther(e.line, t.Name)
	}
}

// yedOther reports, once, graphics Plexus does not keep.
func (p *graphmlParser) yedOther(line int, name xml.Name) {
	if strings.Contains(name.Space, "yworks") {
		p.warnOnce("yed", p.where(line), "yEd graphics other than node labels, positions, sizes and fill colours and edge labels (shapes, borders, fonts, edge bends and styles, SVG images) were not imported.")
		return
	}
	p.warnOnce("dataelem:"+name.Local, p.where(line), "the <%s> elements inside <data> were not imported; Plexus reads text values.", truncateRunes(name.Local, 40))
}

func (p *graphmlParser) end() error {
	n := len(p.stack)
	if n == 0 {
		return nil
	}
	e := p.stack[n-1]
	p.stack = p.stack[:n-1]
	switch e.kind {
	case gmRoot:
		p.rootClosed = true
	case gmDefault:
		e.key.def, e.key.hasDef = string(p.charBuf), true
	case gmDesc:
		if p.doc.Title == "" {
			p.doc.Title = cleanLine(string(p.charBuf), pln.MaxLabelLen)
		}
	case gmData:
		if !e.data.elems {
			e.data.value = string(p.charBuf)
		}
	case gmYLabel:
		if s := strings.TrimSpace(string(p.labelBuf)); s != "" && e.item != nil && !e.item.hasYLabel {
			e.item.ylabel, e.item.hasYLabel = s, true
		}
	case gmSkip:
		if e.nested {
			p.doc.Skip(p.where(e.line), "the graph nested inside the node %q was left out with its %d nodes and %d edges: Plexus reads one graph, not graphs inside nodes.",
				truncateRunes(e.skipWhat, 40), p.skipNodes, p.skipEdges)
		}
	}
	return nil
}

// readGraphData: the graph's own values have no place in Plexus; a key
// named label, name or title gives the import's title.
func (p *graphmlParser) readGraphData() {
	var names []string
	line := 0
	for _, dt := range p.graphData {
		k := p.keys[dt.key]
		name := dt.key
		if k != nil {
			if k.yfiles {
				continue
			}
			name = k.name
		}
		if dt.elems || strings.TrimSpace(dt.value) == "" {
			continue
		}
		switch strings.ToLower(name) {
		case "label", "name", "title":
			if p.doc.Title == "" {
				p.doc.Title = cleanLine(dt.value, pln.MaxLabelLen)
				continue
			}
		}
		if line == 0 {
			line = dt.line
		}
		if !slices.Contains(names, name) {
			names = append(names, truncateRunes(name, 40))
		}
	}
	if len(names) > 0 {
		if len(names) > 5 {
			names = append(names[:5:5], "…")
		}
		p.doc.Warn(p.where(line), "the graph's own properties have no place in Plexus and were not imported: %s.", strings.Join(names, ", "))
	}
}

// values are an item's data values by key name, then the declared
// defaults of the keys it has no value for.
func (p *graphmlParser) values(it *gmItem) []gmValue {
	domain := "node"
	if it.edge {
		domain = "edge"
	}
	var vals []gmValue
	given := map[string]bool{}
	for _, dt := range it.data {
		name, typ := dt.key, ""
		if k := p.keys[dt.key]; k != nil {
			if k.yfiles {
				continue
			}
			name, typ = k.name, k.typ
		}
		if dt.elems {
			continue
		}
		if strings.TrimSpace(name) == "" {
			p.warnOnce("nokey", p.where(dt.line), "a <data> element without a key was not imported.")
			continue
		}
		if given[name] {
			p.warnOnce("twice", p.where(dt.line), "the key %q has two values on one %s; the first was kept.", truncateRunes(name, 40), domain)
			continue
		}
		given[name] = true
		vals = append(vals, gmValue{name: name, typ: typ, value: dt.value})
	}
	for _, k := range p.keyOrder {
		if k.hasDef && !k.yfiles && (k.domain == domain || k.domain == "all") && !given[k.name] {
			given[k.name] = true
			vals = append(vals, gmValue{name: k.name, typ: k.typ, value: k.def})
		}
	}
	return vals
}

// graphmlReserved: key names that would collide with the keys Parse itself
// writes; they are kept as "graphml:attr:<name>".
func graphmlReserved(name string) bool {
	switch strings.ToLower(name) {
	case "label", "x", "y":
		return true
	}
	switch name {
	case "id", "alias":
		return true
	}
	for _, p := range []string{"type:", "attr:", "@"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

func graphmlValueKey(name string) string {
	if graphmlReserved(name) {
		return "graphml:attr:" + name
	}
	return "graphml:" + name
}

// graphmlTypes are the attr.type values of GraphML.
var graphmlTypes = []string{"boolean", "int", "long", "float", "double", "string"}

// graphmlImpliedType is the type a key has when nothing says otherwise:
// double for the yEd sizes Parse keeps, string for everything else.
func graphmlImpliedType(name string) string {
	if name == "yed:width" || name == "yed:height" {
		return "double"
	}
	return "string"
}

// putValue keeps one value as an extra, with its type when it is not the
// implied one.
func graphmlPutValue(x *xmlExtras, v gmValue) {
	x.put(graphmlValueKey(v.name), v.value)
	typ := v.typ
	if typ == "" {
		typ = "string"
	}
	if xmlTypeOK(typ) && typ != graphmlImpliedType(v.name) {
		x.put("graphml:type:"+v.name, typ)
	}
}

// xmlAttrs keeps an element's XML attributes other than skip as
// "graphml:@<name>" (the GraphML-parse extension's parse.* counts are
// derived from the graph and not kept).
func graphmlXMLAttrs(x *xmlExtras, attrs []xml.Attr, skip ...string) {
	for _, a := range attrs {
		if a.Name.Space != "" || a.Name.Local == "xmlns" || slices.Contains(skip, a.Name.Local) || strings.HasPrefix(a.Name.Local, "parse.") {
			continue
		}
		x.put("graphml:@"+a.Name.Local, a.Value)
	}
}

func (p *graphmlParser) finishNode(it *gmItem) error {
	where := p.where(it.line)
	id, _ := gmAttr(it.attrs, "id")
	vals := p.values(it)
	var n pln.Node
	x := &xmlExtras{}
	x.put(ExtraKeyFor(FormatGraphML), id)
	graphmlXMLAttrs(x, it.attrs, "id")
	var labelRaw, nameRaw, xs, ys string
	var hasLabel, hasName, hasX, hasY, hasKind bool
	for _, v := range vals {
		if field, ok := strings.CutPrefix(v.name, "plexus:"); ok {
			if p.plexusNodeField(&n, x, field, v.value, where) {
				hasKind = hasKind || field == "kind"
				continue
			}
		}
		switch l := strings.ToLower(v.name); {
		case l == "label" && !hasLabel:
			labelRaw, hasLabel = v.value, true
			continue
		case l == "x" && !hasX && strings.TrimSpace(v.value) != "":
			xs, hasX = v.value, true
			continue
		case l == "y" && !hasY && strings.TrimSpace(v.value) != "":
			ys, hasY = v.value, true
			continue
		case l == "name" && !hasName:
			nameRaw, hasName = v.value, true
		}
		graphmlPutValue(x, v)
	}
	label := ""
	if hasLabel {
		if label = cleanLine(labelRaw, pln.MaxLabelLen); label != "" && label != labelRaw {
			x.put("graphml:label", labelRaw)
		}
	}
	if label == "" && hasName {
		label = cleanLine(nameRaw, pln.MaxLabelLen)
	}
	if label == "" && it.hasYLabel {
		if label = cleanLine(it.ylabel, pln.MaxLabelLen); label != "" && label != it.ylabel {
			x.put("graphml:label", it.ylabel)
		}
	}
	if label == "" {
		label = cleanLine(id, pln.MaxLabelLen)
	}
	label, ok := p.nodeLabel(id, label, where)
	if !ok {
		return nil
	}
	n.Label = label
	for _, v := range vals {
		if strings.HasPrefix(v.name, "plexus:") {
			continue
		}
		switch strings.ToLower(strings.TrimSpace(v.name)) {
		case "kind", "type", "labelv", "node type", "nodetype", "node_type":
			if k := GuessKind(v.value); k != "" && !hasKind && n.Kind == "" {
				n.Kind = k
			}
		case "url", "link", "website", "homepage", "web", "href":
			if u := cleanURL(v.value); n.URL == "" && pln.IsWebURL(u) && len([]rune(u)) <= pln.MaxURLLen {
				n.URL = u
			}
		}
	}
	hasPos := false
	switch {
	case hasX || hasY:
		xv, errX := parseCoord(xs)
		yv, errY := parseCoord(ys)
		if !hasX || !hasY || errX != nil || errY != nil {
			p.doc.Warn(where, "the position of %q (x=%q, y=%q) is not a pair of finite numbers within ±%g; the node will be placed by Plexus.", truncateRunes(label, 60), truncateRunes(xs, 30), truncateRunes(ys, 30), pln.MaxCoordinate)
		} else {
			n.X, n.Y, hasPos = xv, yv, true
		}
	case it.hasGeom:
		xv, errX := parseCoord(it.gx)
		yv, errY := parseCoord(it.gy)
		wv, errW := parseCoord(it.gw)
		hv, errH := parseCoord(it.gh)
		cx, cy := xv+wv/2, -(yv + hv/2)
		if errX != nil || errY != nil || errW != nil || errH != nil || math.Abs(cx) > pln.MaxCoordinate || math.Abs(cy) > pln.MaxCoordinate {
			p.doc.Warn(where, "the yEd geometry of %q (x=%q, y=%q, width=%q, height=%q) is not made of finite numbers within ±%g; the node will be placed by Plexus.",
				truncateRunes(label, 60), truncateRunes(it.gx, 30), truncateRunes(it.gy, 30), truncateRunes(it.gw, 30), truncateRunes(it.gh, 30), pln.MaxCoordinate)
		} else {
			n.X, n.Y, hasPos = cx, cy, true
		}
		x.put("graphml:yed:width", strings.TrimSpace(it.gw))
		x.put("graphml:yed:height", strings.TrimSpace(it.gh))
	}
	x.put("graphml:yed:fill", it.fill)
	n.Extra = x.m
	if !hasPos {
		n.Pinned = false
	}
	return p.addNode(n, x, id, label, where, hasPos, it.line, it.col)
}

// finishEdges turns the file's edges into ties, now that every node is known.
func (p *graphmlParser) finishEdges() error {
	var ties []xmlTie
	for _, it := range p.edges {
		where := p.where(it.line)
		src, _ := gmAttr(it.attrs, "source")
		dst, _ := gmAttr(it.attrs, "target")
		from, to, ok := p.edgeEnds(src, dst, where)
		if !ok {
			continue
		}
		var t pln.Tie
		x := &xmlExtras{}
		if id, ok := gmAttr(it.attrs, "id"); ok {
			x.put(ExtraKeyFor(FormatGraphML), id)
		}
		t.Directed = it.directed
		if d, ok := gmAttr(it.attrs, "directed"); ok {
			if b, err := strconv.ParseBool(strings.TrimSpace(d)); err == nil {
				t.Directed = b
			} else {
				p.doc.Warn(where, "the edge's directed=%q is not true or false; the graph's edgedefault was used.", truncateRunes(d, 40))
			}
		}
		_, sp := gmAttr(it.attrs, "sourceport")
		_, tp := gmAttr(it.attrs, "targetport")
		if sp || tp {
			p.warnOnce("ports", where, "the file's ports (<port>, places on a node where edges attach) were not imported; the edges are attached to the nodes themselves.")
		}
		graphmlXMLAttrs(x, it.attrs, "id", "source", "target", "directed", "sourceport", "targetport")
		pd := xmlTie{}
		var labelRaw, labelE string
		var hasLabel, hasLabelE bool
		for _, v := range p.values(it) {
			if field, ok := strings.CutPrefix(v.name, "plexus:"); ok {
				if done, explicit := p.plexusTieField(&t, x, field, v.value, where); done {
					pd.explicit = pd.explicit || explicit
					continue
				}
			}
			switch l := strings.ToLower(v.name); {
			case l == "label" && !hasLabel:
				labelRaw, hasLabel = v.value, true
				continue
			case l == "labele" && !hasLabelE:
				labelE, hasLabelE = v.value, true
			case l == "weight" && !pd.hasW && strings.TrimSpace(v.value) != "":
				p.edgeWeight(&pd, v.value, where)
			}
			graphmlPutValue(x, v)
		}
		if t.Relation == "" {
			raw, keep := labelRaw, true
			switch {
			case hasLabel && strings.TrimSpace(labelRaw) != "":
			case it.hasYLabel:
				raw = it.ylabel
			case hasLabelE:
				raw, keep = labelE, false // kept as graphml:labelE already
			}
			if t.Relation = cleanLine(raw, pln.MaxRelationLen); keep && t.Relation != "" && t.Relation != raw {
				x.put("graphml:label", raw)
			}
		} else if hasLabel {
			x.put("graphml:label", labelRaw)
		}
		t.Extra = x.m
		p.warnDropped(x, fmt.Sprintf("the edge %s → %s", truncateRunes(src, 40), truncateRunes(dst, 40)), where)
		pd.tie = DocTie{From: from, To: to, Tie: t, Where: where}
		ties = append(ties, pd)
	}
	return p.addTies(ties)
}

// ---- writing ----

// Export writes net as GraphML ("network.graphml"): typed <key>s, every
// node (the ego marked plexus:ego) with its x/y position, every tie, and
// for each alter with an ego relation an edge ego → alter marked
// plexus:egotie. The journal has no place in GraphML and is not written.
func (graphmlFormat) Export(net *Network) ([]File, error) {
	var b bytes.Buffer
	writeGraphML(&b, net)
	return []File{{Name: "network.graphml", Data: b.Bytes()}}, nil
}

type gmOut struct{ name, typ, value string }

// graphmlTypeOut is the attr.type written for a key: the type the file
// had (a GraphML type), else the implied one.
func graphmlTypeOut(typ, name string) string {
	typ = strings.ToLower(strings.TrimSpace(typ))
	if slices.Contains(graphmlTypes, typ) {
		return typ
	}
	return graphmlImpliedType(name)
}

// graphmlExtraValues splits a record's extras into data values (graphml
// keys, then other formats' extras as plexus:extra:<key>) and XML
// attributes ("graphml:@<name>", without the names in skipAttrs). Names
// in skipNames (lower case) are the keys the export writes itself.
func graphmlExtraValues(extra map[string]string, skipNames, skipAttrs []string) (vals []gmOut, attrs []xml.Attr) {
	var own, other []gmOut
	for _, k := range sortedKeys(extra) {
		v := extra[k]
		rest, ok := strings.CutPrefix(k, "graphml:")
		if !ok {
			other = append(other, gmOut{name: "plexus:extra:" + k, typ: "string", value: v})
			continue
		}
		switch {
		case rest == "id", rest == "label", rest == "alias", strings.HasPrefix(rest, "type:"):
			continue
		case strings.HasPrefix(rest, "@"):
			name := rest[1:]
			if isXMLName(name) && !slices.Contains(skipAttrs, name) && name != "xmlns" {
				attrs = append(attrs, xml.Attr{Name: xml.Name{Local: name}, Value: v})
			}
			continue
		}
		name := rest
		if t, ok := strings.CutPrefix(rest, "attr:"); ok {
			name = t
		} else if graphmlReserved(name) {
			continue
		}
		if name == "" || slices.Contains(skipNames, strings.ToLower(name)) || strings.HasPrefix(name, "plexus:") && plexusTitle(name) {
			continue
		}
		own = append(own, gmOut{name: name, typ: graphmlTypeOut(extra["graphml:type:"+name], name), value: v})
	}
	return append(own, other...), attrs
}

func graphmlNodeValues(n pln.Node) (vals []gmOut, attrs []xml.Attr) {
	vals, attrs = graphmlExtraValues(n.Extra, []string{"label", "x", "y"}, []string{"id"})
	var own []gmOut
	put := func(field, typ, v string) {
		if v != "" {
			own = append(own, gmOut{name: "plexus:" + field, typ: typ, value: v})
		}
	}
	plexusNodeValues(n, "int", put)
	// graphml keys first, then Plexus's fields, then other formats' extras.
	return beforeOtherExtras(vals, own, func(v gmOut) string { return v.name }), attrs
}

type gmEdgeOut struct {
	id, source, target, label, weight string
	undirected                        bool
	vals                              []gmOut
	attrs                             []xml.Attr
}

// gmKeys is the keys of one domain: names in the order written, their
// types and ids.
type gmKeys struct {
	cols xmlCols
	ids  map[string]string
}

func writeGraphML(b *bytes.Buffer, net *Network) {
	used, usedEdges := map[string]bool{}, map[string]bool{}
	ids := make([]string, len(net.Nodes))
	byID := map[string]string{}
	egoID := ""
	nodeVals := make([][]gmOut, len(net.Nodes))
	nodeAttrs := make([][]xml.Attr, len(net.Nodes))
	var nk, ek gmKeys
	nk.cols.add("label", "string")
	nk.cols.add("x", "double")
	nk.cols.add("y", "double")
	for i, n := range net.Nodes {
		ids[i] = uniqueID(used, n.ID, n.Extra[ExtraKeyFor(FormatGraphML)], "n"+strconv.Itoa(i))
		if n.ID != "" {
			byID[n.ID] = ids[i]
		}
		if n.Ego && egoID == "" {
			egoID = ids[i]
		}
		nodeVals[i], nodeAttrs[i] = graphmlNodeValues(n)
		for _, v := range nodeVals[i] {
			nk.cols.add(v.name, v.typ)
		}
	}

	var edges []gmEdgeOut
	weightType := ""
	for i, t := range net.Ties {
		src, okS := byID[t.From]
		dst, okT := byID[t.To]
		if !okS || !okT {
			continue // an end that is not in the network: nothing to point at
		}
		e := gmEdgeOut{source: src, target: dst, undirected: !t.Directed}
		e.id = uniqueID(usedEdges, t.ID, t.Extra[ExtraKeyFor(FormatGraphML)], "e"+strconv.Itoa(i))
		e.label = t.Relation
		if raw := t.Extra["graphml:label"]; raw != "" && cleanLine(raw, pln.MaxRelationLen) == t.Relation {
			e.label = raw
		}
		if w := strings.TrimSpace(t.Extra["graphml:weight"]); w != "" {
			if _, err := strconv.ParseFloat(w, 64); err == nil {
				e.weight = w
				wt := graphmlTypeOut(t.Extra["graphml:type:weight"], "weight")
				if wt != "int" && wt != "long" && wt != "float" && wt != "double" {
					wt = "double"
				}
				if weightType == "" {
					weightType = wt
				} else if weightType != wt {
					weightType = "double"
				}
			}
		}
		if e.weight == "" && t.Strength > 0 {
			e.weight = strconv.Itoa(t.Strength)
		}
		e.vals, e.attrs = graphmlExtraValues(t.Extra, []string{"label", "weight"}, []string{"id", "source", "target", "directed", "sourceport", "targetport"})
		var own []gmOut
		if t.Note != "" {
			own = append(own, gmOut{name: "plexus:note", typ: "string", value: t.Note})
		}
		if e.weight != strconv.Itoa(t.Strength) {
			own = append(own, gmOut{name: "plexus:strength", typ: "int", value: strconv.Itoa(t.Strength)})
		}
		e.vals = beforeOtherExtras(e.vals, own, func(v gmOut) string { return v.name })
		edges = append(edges, e)
	}
	// The ego's ties: one edge ego → alter per alter with a relation.
	if egoID != "" {
		for i, n := range net.Nodes {
			if n.Ego || n.Relation == "" {
				continue
			}
			e := gmEdgeOut{source: egoID, target: ids[i], label: n.Relation}
			e.id = uniqueID(usedEdges, "ego-"+ids[i])
			if n.Strength > 0 {
				e.weight = strconv.Itoa(n.Strength)
			}
			e.vals = []gmOut{{name: "plexus:strength", typ: "int", value: strconv.Itoa(n.Strength)}, {name: "plexus:egotie", typ: "boolean", value: "true"}}
			edges = append(edges, e)
		}
	}
	if weightType == "" {
		weightType = "double"
	}
	ek.cols.add("label", "string")
	ek.cols.add("weight", weightType)
	for _, e := range edges {
		for _, v := range e.vals {
			ek.cols.add(v.name, v.typ)
		}
	}
	next := 0
	assign := func(k *gmKeys) {
		k.ids = map[string]string{}
		for _, name := range k.cols.order {
			k.ids[name] = "d" + strconv.Itoa(next)
			next++
		}
	}
	assign(&nk)
	assign(&ek)

	w := &xmlWriter{b: b}
	b.WriteString(xml.Header)
	b.WriteString(`<graphml xmlns="` + graphmlNS + `" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="` + graphmlNS + ` http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	for _, d := range []struct {
		domain string
		k      *gmKeys
	}{{"node", &nk}, {"edge", &ek}} {
		for _, name := range d.k.cols.order {
			b.WriteString("  <key")
			w.attr("id", d.k.ids[name])
			w.attr("for", d.domain)
			w.attr("attr.name", name)
			w.attr("attr.type", d.k.cols.typ[name])
			b.WriteString("/>\n")
		}
	}
	b.WriteString(`  <graph id="G" edgedefault="directed">` + "\n    <desc>")
	xml.EscapeText(b, []byte(networkDescription(net)))
	b.WriteString("</desc>\n")
	data := func(k *gmKeys, name, value string) {
		b.WriteString(`      <data key="` + k.ids[name] + `">`)
		xml.EscapeText(b, []byte(value))
		b.WriteString("</data>\n")
	}
	for i, n := range net.Nodes {
		label := n.Label
		if raw := n.Extra["graphml:label"]; raw != "" && cleanLine(raw, pln.MaxLabelLen) == n.Label {
			label = raw
		}
		b.WriteString("    <node")
		w.attr("id", ids[i])
		for _, a := range nodeAttrs[i] {
			w.attr(a.Name.Local, a.Value)
		}
		b.WriteString(">\n")
		data(&nk, "label", label)
		data(&nk, "x", formatCoord(n.X))
		data(&nk, "y", formatCoord(n.Y))
		for _, v := range nodeVals[i] {
			data(&nk, v.name, v.value)
		}
		b.WriteString("    </node>\n")
	}
	for _, e := range edges {
		b.WriteString("    <edge")
		w.attr("id", e.id)
		w.attr("source", e.source)
		w.attr("target", e.target)
		if e.undirected {
			w.attr("directed", "false")
		}
		for _, a := range e.attrs {
			w.attr(a.Name.Local, a.Value)
		}
		if e.label == "" && e.weight == "" && len(e.vals) == 0 {
			b.WriteString("/>\n")
			continue
		}
		b.WriteString(">\n")
		if e.label != "" {
			data(&ek, "label", e.label)
		}
		if e.weight != "" {
			data(&ek, "weight", e.weight)
		}
		for _, v := range e.vals {
			data(&ek, v.name, v.value)
		}
		b.WriteString("    </edge>\n")
	}
	b.WriteString("  </graph>\n</graphml>\n")
}
