package interchange

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/plexus-pln/plexus/backend/pln"
)

// FormatCSV is node and tie tables as comma-separated values
// (docs/formats.md, "CSV"): Gephi's spreadsheet tables, Kumu's Elements
// and Connections, d3's size,path hierarchies, and Plexus's own pair.
const FormatCSV = "csv"

// RelContains is the relation of a d3 hierarchy's parent → child ties.
const RelContains = "contains"

type csvFormat struct{}

func init() { Register(csvFormat{}) }

func (csvFormat) Name() string      { return FormatCSV }
func (csvFormat) Title() string     { return "CSV (node and tie tables)" }
func (csvFormat) Extension() string { return "csv" }

// Order: after the formats with a signature, before Markdown (plain text
// that happens to hold commas is a CSV only when its lines agree).
func (csvFormat) Order() int { return 150 }

// csvDelims are the delimiters a file may use, in the order a tie is broken.
var csvDelims = []rune{',', ';', '\t', '|'}

// csvSniffRecords is how many records the delimiter detection reads.
const csvSniffRecords = 20

// csvDelimiter finds the delimiter of a CSV text from its first records:
// the one for which the header has more than one field and every record
// read has as many (quotes respected; one record in five may differ), the
// most fields winning. Without
// such a delimiter, consistent is false and delim is the one giving the
// header the most fields (',' when none gives more than one).
func csvDelimiter(sample string) (delim rune, header []string, consistent bool) {
	delim = ','
	bestFields, bestLoose := 0, 0
	for _, d := range csvDelims {
		r := csv.NewReader(strings.NewReader(sample))
		r.Comma = d
		r.FieldsPerRecord = -1
		head, err := r.Read()
		if err != nil || len(head) < 2 {
			continue
		}
		// A row in five may be wrong (Parse leaves it out).
		rows, wrong := 0, 0
		for i := 1; i < csvSniffRecords; i++ {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if errors.Is(err, csv.ErrQuote) {
				if _, next := r.Read(); next == io.EOF {
					break // a quote open to the end: cut short, or Parse says where
				}
			}
			rows++
			if err != nil || len(rec) != len(head) {
				wrong++
			}
		}
		ok := wrong*5 <= rows
		if ok && len(head) > bestFields {
			delim, header, consistent, bestFields = d, head, true, len(head)
		}
		if !consistent && len(head) > bestLoose {
			delim, header, bestLoose = d, head, len(head)
		}
	}
	return delim, header, consistent
}

// csvSample is the start of text for delimiter detection: at most 64 KiB,
// cut after the last complete line.
func csvSample(text string, cut bool) string {
	if len(text) > probeHead {
		text, cut = text[:probeHead], true
	}
	if cut {
		if i := strings.LastIndexByte(text, '\n'); i > 0 {
			text = text[:i+1]
		}
	}
	return text
}

type csvKind int

const (
	csvUnknown csvKind = iota
	csvNodes
	csvEdges
	csvTree // d3 size,path
)

// csvClassify tells what a table is from its lower-cased header:
// recognised is false for a node table known only by a name/title column.
func csvClassify(lower []string) (kind csvKind, recognised bool) {
	has := func(n string) bool { return slices.Contains(lower, n) }
	switch {
	case has("source") && has("target"), has("from") && has("to"):
		return csvEdges, true
	}
	tree := has("path")
	for _, c := range lower {
		if c != "path" && c != "size" {
			tree = false
		}
	}
	switch {
	case tree:
		return csvTree, true
	case has("id") || has("label"):
		return csvNodes, true
	case has("name") || has("title"):
		return csvNodes, false
	}
	return csvUnknown, false
}

// csvKnownColumns are the column names (lower case) that have a meaning in
// some table; an exported extra column never takes one of these names.
var csvKnownColumns = map[string]bool{
	"id": true, "label": true, "name": true, "title": true, "kind": true, "type": true, "description": true,
	"url": true, "feedurl": true, "emails": true, "email": true, "organisation": true, "organization": true,
	"tags": true, "relation": true, "strength": true, "role": true, "contexts": true, "mode": true,
	"status": true, "cadence": true, "x": true, "y": true, "pinned": true, "ego": true, "extra": true,
	"source": true, "target": true, "from": true, "to": true, "direction": true, "directed": true,
	"weight": true, "note": true, "path": true, "size": true, "website": true,
}

// Sniff: SniffLikely for text whose first line is a delimited header the
// lines below agree with and that names recognised columns (Id or Label,
// Source and Target, From and To, size and path); SniffMaybe for another
// consistent header of plain column names.
func (csvFormat) Sniff(p *Probe) int {
	text := p.Text()
	if t := strings.TrimLeft(text, " \t\r\n"); t == "" || strings.ContainsAny(t[:1], "{[<") {
		return SniffNo
	}
	if _, ok := p.XMLRoot(); ok {
		return SniffNo
	}
	delim, header, ok := csvDelimiter(csvSample(text, len(p.Data) > probeHead))
	if !ok {
		return SniffNo
	}
	if delim == '|' && (strings.TrimSpace(header[0]) == "" || strings.TrimSpace(header[len(header)-1]) == "") {
		return SniffNo // a Markdown table
	}
	lower := make([]string, len(header))
	for i, h := range header {
		lower[i] = strings.ToLower(strings.TrimSpace(h))
	}
	if _, recognised := csvClassify(lower); recognised {
		return SniffLikely
	}
	for _, h := range lower {
		if h == "" || utf8.RuneCountInString(h) > 64 || strings.HasPrefix(h, "#") {
			return SniffNo
		}
	}
	return SniffMaybe
}

// ---------------------------------------------------------------------
// Reading.

type csvTable struct {
	file   string
	header []string // trimmed, as written
	lower  []string
	col    map[string]int // lower-cased name → first column with it
	kind   csvKind
	rows   [][]string
	rowNo  []int
	bad    map[string]int  // column → values that are not Plexus values (kept as extras)
	notFit map[string]bool // extra keys that did not fit
	first  *Warning        // the first row left out
}

type csvPendingTie struct {
	DocTie
	weight    float64
	hasWeight bool
}

type csvParse struct {
	doc      *Doc
	files    int
	keys     map[string]int    // node key → index in doc.Nodes
	labels   map[string]string // label → key ("" when two nodes share it)
	folded   map[string]string // lower-cased label → key
	ties     []csvPendingTie
	egoAt    string
	nodeRows int
	tieRows  int
}

func (p *csvParse) where(t *csvTable, row int) string {
	return joinWhere(t.file, "row "+strconv.Itoa(row), p.files)
}

func (p *csvParse) skip(t *csvTable, row int, format string, args ...any) {
	p.doc.Skip(p.where(t, row), format, args...)
	if t.first == nil {
		w := p.doc.Warnings[len(p.doc.Warnings)-1]
		t.first = &w
	}
}

// csvParseReason says what encoding/csv found wrong.
func csvParseReason(err error) string {
	switch {
	case errors.Is(err, csv.ErrBareQuote):
		return "a quote (\") stands inside a field that is not in quotes (a field holding quotes must be in quotes, each quote doubled)"
	case errors.Is(err, csv.ErrQuote):
		return "a quoted field is not closed properly (inside quotes, a quote must be doubled)"
	}
	return err.Error()
}

// read decodes and splits one file into its header and rows.
func (p *csvParse) read(f File) (*csvTable, error) {
	if len(bytes.TrimSpace(f.Data)) == 0 {
		return nil, pln.Invalid("The file is empty.")
	}
	text, note, err := decodeText(f.Data)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(text) == "" {
		return nil, pln.Invalid("The file is empty.")
	}
	if note != "" {
		p.doc.Warn(joinWhere(f.Name, "", p.files), "%s", note)
	}
	delim, _, _ := csvDelimiter(csvSample(text, false))
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = delim
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		line := 1
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			line = pe.Line
		}
		return nil, pln.Invalid("row 1 (line %d): the header row cannot be read: %s.", line, csvParseReason(err))
	}
	t := &csvTable{file: f.Name, col: map[string]int{}, bad: map[string]int{}, notFit: map[string]bool{}}
	for i, h := range header {
		h = strings.TrimSpace(h)
		t.header = append(t.header, h)
		t.lower = append(t.lower, strings.ToLower(h))
		if _, ok := t.col[t.lower[i]]; !ok {
			t.col[t.lower[i]] = i
		}
	}
	t.kind, _ = csvClassify(t.lower)
	if t.kind == csvUnknown {
		return nil, pln.Invalid("row 1: the header row (%s) names no Id or Label column, nor Source and Target or From and To, so Plexus cannot tell what the rows are.", truncateRunes(strings.Join(t.header, ", "), 80))
	}
	for row := 2; ; row++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return nil, pln.Invalid("row %d: the file cannot be read: %v.", row, err)
			}
			if errors.Is(err, csv.ErrQuote) {
				if _, next := r.Read(); next == io.EOF {
					p.skip(t, row, "a quote opened on line %d is never closed, so the rest of the file (from row %d) could not be read and was left out.", pe.StartLine, row)
					break
				}
			}
			p.skip(t, row, "the row (line %d) cannot be read: %s; it was left out.", pe.StartLine, csvParseReason(err))
			continue
		}
		blank := true
		for _, c := range rec {
			blank = blank && strings.TrimSpace(c) == ""
		}
		if blank {
			continue
		}
		if len(rec) > len(header) && strings.TrimSpace(strings.Join(rec[len(header):], "")) == "" {
			rec = rec[:len(header)]
		}
		if len(rec) != len(header) {
			p.skip(t, row, "the row has %d fields where the header has %d; it was left out.", len(rec), len(header))
			continue
		}
		if t.kind == csvEdges {
			p.tieRows++
		} else {
			p.nodeRows++
		}
		if p.tieRows > MaxItems || p.nodeRows > MaxItems {
			return nil, pln.TooLarge("row %d: the import has more than %d rows of one kind; the limit is %d.", row, MaxItems, MaxItems)
		}
		t.rows = append(t.rows, rec)
		t.rowNo = append(t.rowNo, row)
	}
	return t, nil
}

// Parse reads every CSV file of one import: node tables first, then d3
// hierarchies, then edge tables, whose ends are the node tables' keys (or
// labels) when there are node tables, else as written (the service looks
// them up in the network).
func (csvFormat) Parse(files []File) (*Doc, error) {
	p := &csvParse{doc: &Doc{Format: FormatCSV}, files: len(files), keys: map[string]int{}, labels: map[string]string{}, folded: map[string]string{}}
	var tables []*csvTable
	for _, f := range files {
		t, err := p.read(f)
		if err != nil {
			return nil, InFile(f.Name, err)
		}
		tables = append(tables, t)
	}
	for _, k := range []csvKind{csvNodes, csvTree, csvEdges} {
		for _, t := range tables {
			if t.kind != k {
				continue
			}
			switch k {
			case csvNodes:
				for i, rec := range t.rows {
					p.nodeRow(t, rec, t.rowNo[i])
				}
			case csvTree:
				if err := p.tree(t); err != nil {
					return nil, InFile(t.file, err)
				}
			case csvEdges:
				for i, rec := range t.rows {
					p.edgeRow(t, rec, t.rowNo[i])
				}
			}
			p.warnTable(t)
		}
	}
	p.finishTies()
	if len(p.doc.Nodes) == 0 && len(p.doc.Ties) == 0 {
		for _, t := range tables {
			if t.first != nil {
				return nil, InFile(t.file, pln.Invalid("%s: %s Nothing in the file could be imported.", t.first.Where, t.first.Message))
			}
		}
		return nil, InFile(tables[0].file, pln.Invalid("row 1: the file has a header row but no rows below it, so there is nothing to import."))
	}
	if len(p.doc.Nodes) > MaxItems || len(p.doc.Ties) > MaxItems {
		return nil, pln.TooLarge("The import has %d nodes and %d ties; the limit is %d of each.", len(p.doc.Nodes), len(p.doc.Ties), MaxItems)
	}
	for _, t := range tables {
		if len(t.rows) == 0 && t.first == nil {
			p.doc.Warn(joinWhere(t.file, "", p.files), "the file has a header row but no rows below it.")
		}
	}
	return p.doc, nil
}

// warnTable tells, once per file, what of its columns was not imported
// as a Plexus field.
func (p *csvParse) warnTable(t *csvTable) {
	where := joinWhere(t.file, "", p.files)
	cols := make([]string, 0, len(t.bad))
	for c := range t.bad {
		cols = append(cols, c)
	}
	sort.Strings(cols)
	for _, c := range cols {
		p.doc.Warn(where, "%d values of the column %s are not valid Plexus values; they were kept as the extra property %s.", t.bad[c], truncateRunes(c, 40), truncateRunes(FormatCSV+":"+c, 44))
	}
	if len(t.notFit) > 0 {
		keys := make([]string, 0, len(t.notFit))
		for k := range t.notFit {
			keys = append(keys, truncateRunes(k, 40))
		}
		sort.Strings(keys)
		if len(keys) > 5 {
			keys = append(keys[:5:5], "…")
		}
		p.doc.Warn(where, "some values (%s) did not fit: Plexus keeps at most %d extra properties of %d KiB each, so they were not imported.", strings.Join(keys, ", "), pln.MaxExtraKeys, pln.MaxExtraValueLen>>10)
	}
}

func (t *csvTable) put(m *map[string]string, key, value string) {
	if !PutExtra(m, key, value) || len(value) > pln.MaxExtraValueLen {
		t.notFit[key] = true
	}
}

// extraKey is the Extra key of column i: the column's own name when it
// already has the format's prefix (Plexus's export), else "csv:<name>".
func (t *csvTable) extraKey(i int) string {
	h := t.header[i]
	switch {
	case strings.HasPrefix(h, FormatCSV+":"):
		return h
	case h == "":
		return FormatCSV + ":column " + strconv.Itoa(i+1)
	}
	return FormatCSV + ":" + h
}

// keepBad keeps a value that is not a Plexus value as an extra.
func (t *csvTable) keepBad(m *map[string]string, i int, v string) {
	t.bad[t.header[i]]++
	t.put(m, t.extraKey(i), v)
}

// csvList reads a list cell: items separated by "|", or a JSON array of
// strings (what Plexus writes when an item holds a "|").
func csvList(v string) []string {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil
	}
	if strings.HasPrefix(v, "[") {
		var l []string
		if json.Unmarshal([]byte(v), &l) == nil {
			return l
		}
	}
	return strings.Split(v, "|")
}

func csvBool(v string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "true", "yes", "1", "y":
		return true, true
	case "false", "no", "0", "n", "":
		return false, true
	}
	return false, false
}

// putJSONExtra reads the "extra" column: a JSON object of other formats'
// extras. ok false when the cell is not one.
func (t *csvTable) putJSONExtra(m *map[string]string, v string) bool {
	var obj map[string]json.RawMessage
	if json.Unmarshal([]byte(v), &obj) != nil || obj == nil {
		return false
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k == "" || k == ExtraKeyFor(FormatCSV) || !utf8.ValidString(k) {
			continue
		}
		t.put(m, k, rawText(obj[k]))
	}
	return true
}

// nodeRow reads one row of a node table.
func (p *csvParse) nodeRow(t *csvTable, rec []string, row int) {
	where := p.where(t, row)
	var n pln.Node
	var x, y float64
	hasX, hasY := false, false
	labelCol := -1
	for _, c := range []string{"label", "name", "title"} {
		if i, ok := t.col[c]; ok {
			labelCol = i
			break
		}
	}
	id := ""
	if i, ok := t.col["id"]; ok {
		id = strings.TrimSpace(rec[i])
	}
	if labelCol >= 0 {
		n.Label = cleanLine(rec[labelCol], pln.MaxLabelLen)
	}
	key := id
	if key == "" {
		key = n.Label
	}
	if key == "" {
		p.skip(t, row, "the row has no Id and no Label; it was left out.")
		return
	}
	if n.Label == "" {
		n.Label = cleanLine(id, pln.MaxLabelLen)
	}
	if n.Label == "" {
		n.Label = cleanLine(strconv.Quote(id), pln.MaxLabelLen)
	}
	t.put(&n.Extra, ExtraKeyFor(FormatCSV), key)
	typeCol := -1
	for i, raw := range rec {
		v := strings.TrimSpace(raw)
		if v == "" || i == labelCol || t.col[t.lower[i]] != i && t.lower[i] != "" {
			if v != "" && i != labelCol {
				t.put(&n.Extra, t.extraKey(i), raw) // a repeated column
			}
			continue
		}
		switch t.lower[i] {
		case "id":
		case "kind":
			k := pln.Kind(strings.ToLower(v))
			if !slices.Contains(pln.Kinds, k) {
				k = GuessKind(v)
			}
			if k == "" {
				t.keepBad(&n.Extra, i, raw)
			} else {
				n.Kind = k
			}
		case "type":
			typeCol = i
		case "description":
			if len(raw) > pln.MaxBodyBytes || !utf8.ValidString(raw) {
				t.keepBad(&n.Extra, i, raw)
			} else {
				n.Description = raw
			}
		case "url", "feedurl":
			u := cleanURL(raw)
			switch {
			case utf8.RuneCountInString(u) > pln.MaxURLLen:
				t.keepBad(&n.Extra, i, raw)
			case t.lower[i] == "url":
				n.URL = u
			default:
				n.FeedURL = u
			}
		case "emails", "email":
			ok := true
			for _, e := range csvList(v) {
				e = strings.TrimSpace(e)
				switch {
				case e == "" || slices.Contains(n.Emails, e):
				case validEmail(e) && len(n.Emails) < pln.MaxEmails:
					n.Emails = append(n.Emails, e)
				default:
					ok = false
				}
			}
			if !ok {
				t.keepBad(&n.Extra, i, raw)
			}
		case "website":
			if u := cleanURL(raw); n.URL == "" && pln.IsWebURL(u) && utf8.RuneCountInString(u) <= pln.MaxURLLen {
				n.URL = u
			} else {
				t.put(&n.Extra, t.extraKey(i), raw)
			}
		case "organisation", "organization":
			n.Organisation = cleanLine(raw, pln.MaxOrganisation)
		case "tags":
			n.Tags = mergeTags(n.Tags, csvList(v))
		case "contexts":
			n.Contexts = mergeTags(n.Contexts, csvList(v))
		case "relation":
			n.Relation = cleanLine(raw, pln.MaxRelationLen)
		case "strength", "cadence":
			k, err := strconv.Atoi(v)
			switch {
			case err == nil && t.lower[i] == "strength" && k >= 0 && k <= 5:
				n.Strength = k
			case err == nil && t.lower[i] == "cadence" && k >= 0 && k <= pln.MaxCadenceDays:
				n.Cadence = k
			default:
				t.keepBad(&n.Extra, i, raw)
			}
		case "role":
			if r := pln.Role(strings.ToLower(v)); slices.Contains(pln.Roles, r) {
				n.Role = r
			} else {
				t.keepBad(&n.Extra, i, raw)
			}
		case "mode":
			if m := pln.Mode(strings.ToLower(v)); slices.Contains(pln.Modes, m) {
				n.Mode = m
			} else {
				t.keepBad(&n.Extra, i, raw)
			}
		case "status":
			if s := pln.Status(strings.ToLower(v)); slices.Contains(pln.Statuses, s) {
				n.Status = s
			} else {
				t.keepBad(&n.Extra, i, raw)
			}
		case "x", "y":
			f, err := strconv.ParseFloat(v, 64)
			switch {
			case err != nil || math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > pln.MaxCoordinate:
				t.keepBad(&n.Extra, i, raw)
			case t.lower[i] == "x":
				x, hasX = f, true
			default:
				y, hasY = f, true
			}
		case "pinned", "ego":
			b, ok := csvBool(v)
			switch {
			case !ok:
				t.keepBad(&n.Extra, i, raw)
			case t.lower[i] == "pinned":
				n.Pinned = b
			default:
				n.Ego = b
			}
		case "extra":
			if !t.putJSONExtra(&n.Extra, v) {
				t.put(&n.Extra, t.extraKey(i), raw)
			}
		default:
			t.put(&n.Extra, t.extraKey(i), raw)
		}
	}
	if typeCol >= 0 {
		if k := GuessKind(rec[typeCol]); k != "" && n.Kind == "" {
			n.Kind = k
		} else {
			t.put(&n.Extra, t.extraKey(typeCol), rec[typeCol])
		}
	}
	if n.Ego {
		if p.egoAt != "" {
			p.doc.Warn(where, "a second row says it is the ego (the first is %s); it is imported as an alter.", p.egoAt)
			n.Ego = false
		} else {
			p.egoAt = where
			n.Kind = pln.KindPerson
		}
	}
	dn := DocNode{Key: key, Node: n, Where: where}
	dn.place(x, y, hasX && hasY)
	if err := checkNode(dn.Node); err != nil {
		p.skip(t, row, "the node %q was left out: %s", truncateRunes(n.Label, 60), pln.AsError(err).Message)
		return
	}
	if i, dup := p.keys[key]; dup {
		p.mergeNode(i, dn)
		return
	}
	p.keys[key] = len(p.doc.Nodes)
	if k, seen := p.labels[n.Label]; !seen {
		p.labels[n.Label] = key
	} else if k != key {
		p.labels[n.Label] = ""
	}
	if k, seen := p.folded[strings.ToLower(n.Label)]; !seen {
		p.folded[strings.ToLower(n.Label)] = key
	} else if k != key {
		p.folded[strings.ToLower(n.Label)] = ""
	}
	p.doc.Nodes = append(p.doc.Nodes, dn)
}

// mergeNode merges a row whose key was seen before into the first one:
// empty fields filled, lists and extras joined.
func (p *csvParse) mergeNode(i int, dn DocNode) {
	m := &p.doc.Nodes[i]
	n := dn.Node
	m.mergeFields(dn)
	if n.Label != m.Node.Label && len(m.Aliases) < 20 && !slices.Contains(m.Aliases, n.Label) {
		m.Aliases = append(m.Aliases, n.Label)
		PutExtra(&m.Node.Extra, FormatCSV+":alias", strings.Join(m.Aliases, " | "))
		p.doc.Warn(dn.Where, "the node %q is listed again (first %s, as %q) with the label %q: merged into one node, the second label kept as an alias.",
			truncateRunes(dn.Key, 40), m.Where, truncateRunes(m.Node.Label, 60), truncateRunes(n.Label, 60))
		return
	}
	p.doc.Warn(dn.Where, "the node %q is listed again (first %s): merged into one node.", truncateRunes(dn.Key, 40), m.Where)
}

// A d3 hierarchy's paths are at most csvMaxPath bytes and csvMaxDepth
// levels (every prefix is a key of its own, so memory grows with both).
const (
	csvMaxPath  = 512
	csvMaxDepth = 32
)

// tree reads a d3 hierarchy (size,path): every prefix of a path is a node,
// each parent → child a "contains" tie, the size kept as csv:size.
func (p *csvParse) tree(t *csvTable) error {
	pathCol, sizeCol := t.col["path"], -1
	if i, ok := t.col["size"]; ok {
		sizeCol = i
	}
	sep := "."
	for _, rec := range t.rows {
		if strings.Contains(rec[pathCol], "/") {
			sep = "/"
			break
		}
	}
	sized := map[string]string{} // key → where its size came from
	for r, rec := range t.rows {
		row := t.rowNo[r]
		where := p.where(t, row)
		var segs []string
		for _, s := range strings.Split(strings.TrimSpace(rec[pathCol]), sep) {
			if s = strings.TrimSpace(s); s != "" {
				segs = append(segs, s)
			}
		}
		if len(segs) == 0 {
			p.skip(t, row, "the row has no path; it was left out.")
			continue
		}
		if len(rec[pathCol]) > csvMaxPath || len(segs) > csvMaxDepth {
			p.skip(t, row, "the path is longer than %d bytes or deeper than %d levels; it was left out.", csvMaxPath, csvMaxDepth)
			continue
		}
		parent := ""
		for i := range segs {
			key := strings.Join(segs[:i+1], sep)
			if _, ok := p.keys[key]; !ok {
				if len(p.doc.Nodes) >= MaxItems {
					return pln.TooLarge("%s: the hierarchy has more than %d nodes; the limit is %d.", where, MaxItems, MaxItems)
				}
				n := pln.Node{Label: cleanLine(segs[i], pln.MaxLabelLen)}
				if n.Label == "" {
					n.Label = cleanLine(strconv.Quote(segs[i]), pln.MaxLabelLen)
				}
				t.put(&n.Extra, ExtraKeyFor(FormatCSV), key)
				p.keys[key] = len(p.doc.Nodes)
				p.doc.Nodes = append(p.doc.Nodes, DocNode{Key: key, Node: n, Where: where})
				if parent != "" {
					p.doc.Ties = append(p.doc.Ties, DocTie{From: parent, To: key, Tie: pln.Tie{Relation: RelContains, Directed: true}, Where: where})
				}
			}
			parent = key
		}
		if sizeCol < 0 {
			continue
		}
		size := strings.TrimSpace(rec[sizeCol])
		if size == "" {
			continue
		}
		dn := &p.doc.Nodes[p.keys[parent]]
		if first, ok := sized[parent]; ok {
			p.doc.Warn(where, "the path %q is listed again (first %s): merged into one node, the first size kept.", truncateRunes(parent, 60), first)
			continue
		}
		sized[parent] = where
		t.put(&dn.Node.Extra, FormatCSV+":size", size)
	}
	return nil
}

// csvDirection reads a direction word: Gephi's Type, Kumu's Direction.
func csvDirection(v string) (directed, ok bool) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "directed":
		return true, true
	case "undirected", "mutual":
		return false, true
	}
	return false, false
}

// edgeRow reads one row of an edge table.
func (p *csvParse) edgeRow(t *csvTable, rec []string, row int) {
	where := p.where(t, row)
	get := func(names ...string) (int, string) {
		for _, n := range names {
			if i, ok := t.col[n]; ok {
				if v := strings.TrimSpace(rec[i]); v != "" {
					return i, v
				}
			}
		}
		return -1, ""
	}
	fromCol, from := get("source", "from")
	toCol, to := get("target", "to")
	if from == "" || to == "" {
		p.skip(t, row, "the row has no %s; it was left out.", map[bool]string{true: "source (or From)", false: "target (or To)"}[from == ""])
		return
	}
	var tie pln.Tie
	pt := csvPendingTie{}
	used := map[int]bool{fromCol: true, toCol: true}
	if _, ok := t.col["source"]; ok {
		used[t.col["source"]] = true
		used[t.col["target"]] = true
	}
	if _, ok := t.col["from"]; ok {
		used[t.col["from"]] = true
		used[t.col["to"]] = true
	}
	if i, v := get("id"); i >= 0 {
		used[i] = true
		t.put(&tie.Extra, ExtraKeyFor(FormatCSV), v)
	}
	// Direction: the Plexus column, Kumu's Direction, Gephi's Type.
	tie.Directed = true
	dirSet := false
	if i, v := get("directed"); i >= 0 {
		used[i] = true
		if d, ok := csvBool(v); ok {
			tie.Directed, dirSet = d, true
		} else {
			t.keepBad(&tie.Extra, i, rec[i])
		}
	}
	if i, v := get("direction"); i >= 0 {
		used[i] = true
		if d, ok := csvDirection(v); ok && !dirSet {
			tie.Directed, dirSet = d, true
		} else if !ok {
			t.keepBad(&tie.Extra, i, rec[i])
		} else {
			t.put(&tie.Extra, t.extraKey(i), rec[i])
		}
	}
	typeIsRelation := false
	if i, v := get("type"); i >= 0 {
		if d, ok := csvDirection(v); ok {
			used[i] = true
			if !dirSet {
				tie.Directed = d
			} else if d != tie.Directed {
				t.put(&tie.Extra, t.extraKey(i), rec[i])
			}
		} else {
			typeIsRelation = true
		}
	}
	// Relation: the Plexus column, Gephi's Label, Kumu's Type.
	rels := []string{"relation", "label"}
	if typeIsRelation {
		rels = append(rels, "type")
	}
	for _, c := range rels {
		if i, ok := t.col[c]; ok && !used[i] {
			v := cleanLine(rec[i], pln.MaxRelationLen)
			if v == "" {
				continue
			}
			used[i] = true
			if tie.Relation == "" {
				tie.Relation = v
			} else if v != tie.Relation {
				t.put(&tie.Extra, t.extraKey(i), rec[i])
			}
		}
	}
	// Strength: Plexus's 1–5 (Kumu's Strength on that scale), else a
	// weight scaled with the import's others.
	if i, v := get("strength"); i >= 0 {
		used[i] = true
		if k, err := strconv.Atoi(v); err == nil && k >= 1 && k <= 5 {
			tie.Strength = k
		} else if f, err := strconv.ParseFloat(v, 64); err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
			pt.weight, pt.hasWeight = f, true
			t.put(&tie.Extra, t.extraKey(i), rec[i])
		} else {
			t.keepBad(&tie.Extra, i, rec[i])
		}
	}
	if i, v := get("weight"); i >= 0 {
		used[i] = true
		if f, err := strconv.ParseFloat(v, 64); err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) && tie.Strength == 0 && !pt.hasWeight {
			pt.weight, pt.hasWeight = f, true
		}
		t.put(&tie.Extra, FormatCSV+":weight", rec[i])
	}
	if i, _ := get("note", "description"); i >= 0 {
		used[i] = true
		tie.Note = cutRunes(strings.ToValidUTF8(rec[i], "\uFFFD"), pln.MaxNoteLen)
		if utf8.RuneCountInString(rec[i]) > pln.MaxNoteLen {
			p.doc.Warn(where, "the note is longer than %d characters; it was cut.", pln.MaxNoteLen)
		}
	}
	for i, raw := range rec {
		if used[i] || strings.TrimSpace(raw) == "" {
			continue
		}
		if t.lower[i] == "extra" && t.col["extra"] == i && t.putJSONExtra(&tie.Extra, strings.TrimSpace(raw)) {
			continue
		}
		t.put(&tie.Extra, t.extraKey(i), raw)
	}
	pt.DocTie = DocTie{From: p.end(from), To: p.end(to), Tie: tie, Where: where}
	p.ties = append(p.ties, pt)
}

// end is the Doc key a tie end names: a node key, else a node's label
// (Kumu connections name elements by label), else the end as written.
func (p *csvParse) end(v string) string {
	if _, ok := p.keys[v]; ok {
		return v
	}
	if k := p.labels[cleanLine(v, pln.MaxLabelLen)]; k != "" {
		return k
	}
	if k := p.folded[strings.ToLower(cleanLine(v, pln.MaxLabelLen))]; k != "" {
		return k
	}
	return v
}

// finishTies turns the weights into strengths and adds the ties.
func (p *csvParse) finishTies() {
	var weights []float64
	var at []int
	for _, pt := range p.ties {
		if pt.hasWeight {
			weights = append(weights, pt.weight)
			at = append(at, len(p.doc.Ties))
		}
		p.doc.Ties = append(p.doc.Ties, pt.DocTie)
	}
	for i, s := range StrengthsFromWeights(weights, nil) {
		p.doc.Ties[at[i]].Tie.Strength = s
	}
}

// ---------------------------------------------------------------------
// Writing.

// csvNodeColumns and csvTieColumns are the fixed columns Plexus writes.
var (
	csvNodeColumns = []string{"id", "label", "kind", "description", "url", "feedUrl", "emails", "organisation", "tags",
		"relation", "strength", "role", "contexts", "mode", "status", "cadence", "x", "y", "pinned", "ego"}
	csvTieColumns = []string{"id", "from", "to", "relation", "directed", "strength", "note"}
)

// csvJoinList writes a list cell: the items joined by "|", or, when an
// item holds a "|" (or the cell would start with "["), a JSON array.
func csvJoinList(l []string) string {
	s := strings.Join(l, "|")
	if slices.ContainsFunc(l, func(v string) bool { return strings.Contains(v, "|") }) || strings.HasPrefix(s, "[") {
		b, _ := json.Marshal(l)
		return string(b)
	}
	return s
}

// csvExtraColumns are the columns for the csv: extras of some records
// (the csv:id extra is the id column): the name without the prefix, or the
// whole key where that name would mean something else or repeat one.
func csvExtraColumns(extras []map[string]string) (keys, headers []string) {
	seen := map[string]bool{}
	for _, m := range extras {
		for k := range m {
			if strings.HasPrefix(k, FormatCSV+":") && k != ExtraKeyFor(FormatCSV) && !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	taken := map[string]bool{}
	for _, k := range keys {
		name := strings.TrimPrefix(k, FormatCSV+":")
		l := strings.ToLower(name)
		if name == "" || csvKnownColumns[l] || taken[l] || strings.HasPrefix(l, FormatCSV+":") || name != strings.TrimSpace(name) {
			name = k
		}
		taken[strings.ToLower(name)] = true
		headers = append(headers, name)
	}
	return keys, headers
}

// csvOtherExtra is the "extra" cell: the extras of other formats as a
// compact JSON object ("" when there are none).
func csvOtherExtra(m map[string]string) string {
	other := map[string]string{}
	for k, v := range m {
		if !strings.HasPrefix(k, FormatCSV+":") {
			other[k] = v
		}
	}
	if len(other) == 0 {
		return ""
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(other)
	return strings.TrimSuffix(b.String(), "\n")
}

func csvFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func csvFlag(b bool) string {
	if b {
		return "true"
	}
	return ""
}

func csvInt(v int) string {
	if v == 0 {
		return ""
	}
	return strconv.Itoa(v)
}

// Export writes nodes.csv (the ego and every alter, with the ego-tie
// fields on each alter's row) and ties.csv (the ties between alters),
// UTF-8 with a header row; the csv: extras as columns of their own, other
// formats' extras as JSON in the last column ("extra").
func (csvFormat) Export(net *Network) ([]File, error) {
	var nodes, ties bytes.Buffer
	nw := csv.NewWriter(&nodes)
	var nodeExtras []map[string]string
	for _, n := range net.Nodes {
		nodeExtras = append(nodeExtras, n.Extra)
	}
	keys, headers := csvExtraColumns(nodeExtras)
	if err := nw.Write(append(append(slices.Clone(csvNodeColumns), headers...), "extra")); err != nil {
		return nil, err
	}
	for _, n := range net.Nodes {
		rec := []string{n.ID, n.Label, string(n.Kind), n.Description, n.URL, n.FeedURL, csvJoinList(n.Emails), n.Organisation,
			csvJoinList(n.Tags), n.Relation, csvInt(n.Strength), string(n.Role), csvJoinList(n.Contexts), string(n.Mode),
			string(n.Status), csvInt(n.Cadence), csvFloat(n.X), csvFloat(n.Y), csvFlag(n.Pinned), csvFlag(n.Ego)}
		for _, k := range keys {
			rec = append(rec, n.Extra[k])
		}
		if err := nw.Write(append(rec, csvOtherExtra(n.Extra))); err != nil {
			return nil, err
		}
	}
	nw.Flush()
	tw := csv.NewWriter(&ties)
	var tieExtras []map[string]string
	for _, t := range net.Ties {
		tieExtras = append(tieExtras, t.Extra)
	}
	keys, headers = csvExtraColumns(tieExtras)
	if err := tw.Write(append(append(slices.Clone(csvTieColumns), headers...), "extra")); err != nil {
		return nil, err
	}
	for _, t := range net.Ties {
		strength := t.Strength
		if strength == 0 {
			strength = pln.DefaultTieStrength
		}
		rec := []string{t.ID, t.From, t.To, t.Relation, strconv.FormatBool(t.Directed), strconv.Itoa(strength), t.Note}
		for _, k := range keys {
			rec = append(rec, t.Extra[k])
		}
		if err := tw.Write(append(rec, csvOtherExtra(t.Extra))); err != nil {
			return nil, err
		}
	}
	tw.Flush()
	if err := errors.Join(nw.Error(), tw.Error()); err != nil {
		return nil, err
	}
	return []File{{Name: "nodes.csv", Data: nodes.Bytes()}, {Name: "ties.csv", Data: ties.Bytes()}}, nil
}
