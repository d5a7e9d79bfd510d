package interchange

// vCard: address books in (2.1, 3.0 RFC 2426, 4.0 RFC 6350) and out (4.0).
//
// In: every card is one person node. The file is read in three steps:
//
//  1. Lines (vcardLines): UTF-16 with or without a BOM is decoded whole
//     (decodeText); otherwise the bytes are split into lines (LF, CRLF or
//     the CR CR LF some iPhone exports have) and each line is decoded on
//     its own (UTF-8, a CHARSET= label through decodeCharset, else
//     Windows-1252 with one warning), so that a vCard 2.1 file mixing
//     charsets reads right. Folded lines are joined; a quoted-printable
//     value continues over its soft line breaks ("=" at the end of a line).
//  2. The vCard 2.1 normaliser (normaliseVCardLine) rewrites each property
//     as go-vcard reads it: bare type parameters (TEL;WORK;VOICE:) become
//     TYPE=WORK;TYPE=VOICE, ENCODING=QUOTED-PRINTABLE and CHARSET= are
//     applied and removed, text values are unescaped by RFC 6350's rules
//     (\n \, \; \: \\) so that the value go-vcard hands back is the text,
//     and binary PHOTO/LOGO/SOUND/KEY values (ENCODING=b/BASE64,
//     VALUE=binary, data: URIs) are dropped (one warning per card).
//  3. Each card's normalised lines are decoded by github.com/emersion/go-vcard
//     and mapped to a node (vcardNode).
//
// The mapping (docs/formats.md, "vCard"): FN → label (else N as "Given
// Family", else ORG, else the first email; a card with none is left out);
// EMAIL → emails (lower-cased, at most pln.MaxEmails; the rest and invalid
// addresses kept as "vcard:EMAIL"); ORG's first component → organisation
// (the units kept as "vcard:ORG"); the first web URL (else the first URL) →
// web address, the others "vcard:URL"; the first NOTE → description;
// CATEGORIES → tags; UID → the node's key and Extra["vcard:id"]; every
// other property → "vcard:<PROP>". X-PLEXUS-* properties (written by the
// export) set Plexus's own fields.
//
// An extra value holds one line per property (vcardEntry): the group and
// parameters, then ": ", then the value — "item1.work,voice;pref=1: tel:+1
// 555 0100". The TYPE values come first, lower-cased and comma-joined;
// other parameters follow as name=value (lower-case names); an empty
// parameter value or one holding , ; : . = " \ or white space is quoted
// ("…", with \\ and \" inside). A property with neither group nor
// parameters is its value alone, or ": " and the value when the value
// itself holds ": ". In the value a backslash is written \\ and a line
// break \n, so the lines of one extra never mix. parseVCardEntry reads that form back, which is how the
// export writes every "vcard:*" extra back as its property.
//
// Out: vCard 4.0, one card per person node (the ego too, marked
// X-PLEXUS-EGO:true); nodes of other kinds are left out (a vCard is a
// person's card). Lines end in CRLF and are folded at 75 octets.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-vcard"
	"golang.org/x/text/encoding/charmap"

	"github.com/plexus-pln/plexus/backend/pln"
)

// FormatVCard is the registry name of the vCard format.
const FormatVCard = "vcard"

// vcardMaxLineWarnings is how many unreadable lines one file reports one by
// one; the rest are counted in one more warning.
const vcardMaxLineWarnings = 20

type vcardFormat struct{}

func init() { Register(vcardFormat{}) }

func (vcardFormat) Name() string      { return FormatVCard }
func (vcardFormat) Title() string     { return "vCard 2.1/3.0/4.0 (address book)" }
func (vcardFormat) Extension() string { return "vcf" }

// Sniff: text whose first non-blank line starts with BEGIN:VCARD, in any
// letter case.
func (vcardFormat) Sniff(p *Probe) int {
	t := strings.TrimLeft(p.Text(), " \t\r\n\ufeff")
	if len(t) >= 11 && strings.EqualFold(t[:11], "BEGIN:VCARD") {
		return SniffSure
	}
	return SniffNo
}

// ---------------------------------------------------------------------
// Step 1: lines.

// vcLine is one logical line: folded lines joined, a quoted-printable
// value's soft line breaks joined, not yet decoded.
type vcLine struct {
	line int    // the physical line it starts on, 1-based
	text []byte // the raw bytes (UTF-8 already when the file was UTF-16)
}

// vcardLines splits data into logical lines. decoded is true when the
// whole file was decoded up front (UTF-16): CHARSET= labels then no longer
// apply to the bytes.
func vcardLines(data []byte) (lines []vcLine, decoded bool, err error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}),
		len(data) >= 4 && data[1] == 0 && data[3] == 0 && data[0] != 0,
		len(data) >= 4 && data[0] == 0 && data[2] == 0 && data[1] != 0:
		t, _, err := decodeText(data)
		if err != nil {
			return nil, false, err
		}
		data, decoded = []byte(t), true
	}
	sep := byte('\n')
	if bytes.IndexByte(data, sep) < 0 {
		sep = '\r' // classic Mac OS line ends
	}
	var cur []byte
	curLine := 0
	qp, headDone := false, false
	flush := func() {
		if cur != nil {
			lines = append(lines, vcLine{line: curLine, text: cur})
		}
		cur = nil
	}
	for n := 1; len(data) > 0; n++ {
		var phys []byte
		if i := bytes.IndexByte(data, sep); i >= 0 {
			phys, data = data[:i], data[i+1:]
		} else {
			phys, data = data, nil
		}
		phys = bytes.TrimRight(phys, "\r")
		switch {
		case qp && bytes.HasSuffix(cur, []byte{'='}) && !isVCardLine(phys, "END:VCARD"):
			// A quoted-printable soft line break: the value goes on.
			cur = append(cur[:len(cur)-1], phys...)
		case cur != nil && len(phys) > 0 && (phys[0] == ' ' || phys[0] == '\t'):
			cur = append(cur, phys[1:]...)
		default:
			flush()
			if len(bytes.TrimSpace(phys)) == 0 {
				continue
			}
			cur, curLine = append([]byte(nil), phys...), n
			qp, headDone = false, false
		}
		if !headDone {
			// The head (up to the first colon) decides whether "=" at
			// the end of a line is a soft line break.
			if head, _, ok := splitVCardHead(cur); ok {
				headDone = true
				qp = bytes.Contains(bytes.ToUpper(head), []byte("QUOTED-PRINTABLE"))
			}
		}
	}
	flush()
	return lines, decoded, nil
}

// isVCardLine reports whether a raw line is want (BEGIN:VCARD, END:VCARD),
// spaces around and letter case aside.
func isVCardLine(line []byte, want string) bool {
	line = bytes.TrimSpace(line)
	return len(line) == len(want) && strings.EqualFold(string(line), want)
}

// splitVCardHead splits a raw line at its first colon outside double quotes.
func splitVCardHead(line []byte) (head, value []byte, ok bool) {
	inQuote := false
	for i, c := range line {
		switch {
		case c == '"':
			inQuote = !inQuote
		case c == ':' && !inQuote:
			return line[:i], line[i+1:], true
		}
	}
	// An unbalanced quote: the first colon anyway.
	if i := bytes.IndexByte(line, ':'); i >= 0 {
		return line[:i], line[i+1:], true
	}
	return nil, nil, false
}

// ---------------------------------------------------------------------
// Step 2: the normaliser.

// vcProp is one property as the normaliser read it.
type vcProp struct {
	line   int
	group  string
	name   string // upper case
	params []vcParam
	value  string // the value as go-vcard's Field.Value should hold it
	binary bool   // binary PHOTO/LOGO/SOUND/KEY data: not imported
}

type vcParam struct {
	name   string // upper case
	values []string
}

var vcardNameRE = regexp.MustCompile(`^[A-Za-z0-9-]+$`)

// vcardStructured are the properties whose values have components or lists
// (";" and "," separated): their escapes are left for the mapping to split.
var vcardStructured = map[string]bool{
	"N": true, "ADR": true, "ORG": true, "GENDER": true, "CLIENTPIDMAP": true,
	"CATEGORIES": true, "NICKNAME": true,
}

var vcardBinaryProps = map[string]bool{"PHOTO": true, "LOGO": true, "SOUND": true, "KEY": true}

// vcardDecoder holds what decoding a file's lines needs to remember.
type vcardDecoder struct {
	decoded   bool // the whole file is UTF-8 already (UTF-16 input)
	cp1252At  int  // first line read as Windows-1252, 0 if none
	badValues []Warning
}

// normalise reads one logical line. ok false: the line is not a property
// (why says what is wrong).
func (vd *vcardDecoder) normalise(l vcLine) (p vcProp, ok bool, why string) {
	p.line = l.line
	head, raw, found := splitVCardHead(l.text)
	if !found {
		return p, false, "it is not a vCard property (there is no colon)"
	}
	parts := splitOutsideQuotes(string(head), ';')
	name := strings.TrimSpace(parts[0])
	if i := strings.IndexByte(name, '.'); i >= 0 {
		p.group, name = name[:i], name[i+1:]
		if !vcardNameRE.MatchString(p.group) {
			return p, false, fmt.Sprintf("the group %q is not a name", truncateRunes(p.group, 40))
		}
	}
	if !vcardNameRE.MatchString(name) {
		return p, false, fmt.Sprintf("%q is not a property name", truncateRunes(strings.ToValidUTF8(name, "\uFFFD"), 40))
	}
	p.name = strings.ToUpper(name)
	var encoding, charset string
	for _, part := range parts[1:] {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		k, v, hasValue := strings.Cut(part, "=")
		k = strings.ToUpper(strings.TrimSpace(k))
		if !hasValue {
			// vCard 2.1: a bare parameter is a type or an encoding.
			switch k {
			case "QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B":
				encoding = k
			default:
				p.params = addVCParam(p.params, "TYPE", []string{strings.ToValidUTF8(part, "\uFFFD")})
			}
			continue
		}
		switch k {
		case "ENCODING":
			encoding = strings.ToUpper(strings.TrimSpace(unquoteParam(v)))
			if encoding == "B" || encoding == "BASE64" {
				p.binary = true
			}
			continue
		case "CHARSET":
			charset = unquoteParam(v)
			continue
		}
		var vals []string
		for _, pv := range splitOutsideQuotes(v, ',') {
			// A quoted list (TYPE="work,voice") is a list too: go-vcard
			// has no place for a comma inside a parameter value.
			for _, one := range strings.Split(unquoteParam(pv), ",") {
				vals = append(vals, strings.ToValidUTF8(one, "\uFFFD"))
			}
		}
		p.params = addVCParam(p.params, k, vals)
	}
	if encoding == "BASE64" || encoding == "B" {
		p.binary = true
	}
	val := raw
	qp := encoding == "QUOTED-PRINTABLE"
	if qp {
		val = decodeQuotedPrintable(val)
	}
	var text string
	switch {
	case charset != "" && (qp || !vd.decoded):
		b, err := decodeCharset(charset, val)
		if err != nil {
			vd.badValues = append(vd.badValues, Warning{Where: fmt.Sprintf("line %d", l.line),
				Message: fmt.Sprintf("the %s value cannot be read as %s (%s): left out.", p.name, truncateRunes(charset, 40), strings.TrimSuffix(pln.AsError(err).Message, "."))})
			return p, false, ""
		}
		text = string(b)
	case utf8.Valid(val):
		text = string(val)
	default:
		b, _ := charmap.Windows1252.NewDecoder().Bytes(val)
		text = string(b)
		if vd.cp1252At == 0 {
			vd.cp1252At = l.line
		}
	}
	if vcardBinaryProps[p.name] {
		if v := p.param("VALUE"); strings.EqualFold(v, "binary") {
			p.binary = true
		}
		if t := strings.TrimSpace(text); len(t) >= 5 && strings.EqualFold(t[:5], "data:") {
			p.binary = true
		}
	} else if p.binary {
		// Base64 on another property: kept as written.
		p.binary = false
		p.params = addVCParam(p.params, "ENCODING", []string{strings.ToLower(encoding)})
	}
	if p.binary {
		return p, true, ""
	}
	switch {
	case qp:
		text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
		p.value = text
	case vcardStructured[p.name]:
		// go-vcard's own unescaping (\\ \n \,); "\;" stays for the split.
		p.value = vcardGoUnescape(text)
	default:
		p.value = vcardUnescapeText(text)
	}
	return p, true, ""
}

func (p *vcProp) param(name string) string {
	for _, q := range p.params {
		if q.name == name && len(q.values) > 0 {
			return q.values[0]
		}
	}
	return ""
}

func addVCParam(ps []vcParam, name string, vals []string) []vcParam {
	for i := range ps {
		if ps[i].name == name {
			ps[i].values = append(ps[i].values, vals...)
			return ps
		}
	}
	return append(ps, vcParam{name: name, values: vals})
}

// splitOutsideQuotes splits s at sep outside double quotes.
func splitOutsideQuotes(s string, sep byte) []string {
	var out []string
	inQuote, start := false, 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '"':
			inQuote = !inQuote
		case s[i] == sep && !inQuote:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// unquoteParam reads one parameter value: quotes removed, RFC 6868's ^n ^'
// ^^ decoded and \\ read as one backslash (as go-vcard writes it).
func unquoteParam(v string) string {
	v = strings.TrimSpace(v)
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		v = v[1 : len(v)-1]
	}
	if !strings.ContainsAny(v, "^\\") {
		return v
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		if (c == '^' || c == '\\') && i+1 < len(v) {
			n := v[i+1]
			switch {
			case c == '^' && n == 'n':
				b.WriteByte('\n')
				i++
				continue
			case c == '^' && n == '\'':
				b.WriteByte('"')
				i++
				continue
			case c == '^' && n == '^', c == '\\' && n == '\\':
				b.WriteByte(n)
				i++
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// decodeQuotedPrintable decodes =XX escapes (soft line breaks are already
// joined); a "=" not followed by two hex digits is kept.
func decodeQuotedPrintable(b []byte) []byte {
	if bytes.IndexByte(b, '=') < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '=' && i+2 < len(b) {
			if h, err := strconv.ParseUint(string(b[i+1:i+3]), 16, 8); err == nil {
				out = append(out, byte(h))
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return out
}

// vcardUnescapeText undoes RFC 6350's text escapes: \\ \n \N \, \; and the
// \: some writers (Apple) add; any other backslash is kept.
func vcardUnescapeText(s string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			switch s[i+1] {
			case 'n', 'N':
				b.WriteByte('\n')
				i++
				continue
			case '\\', ',', ';', ':':
				b.WriteByte(s[i+1])
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// vcardGoUnescape is go-vcard's own value unescaping (\\ \n \,).
var vcardGoUnescape = strings.NewReplacer(`\\`, `\`, `\n`, "\n", `\N`, "\n", `\,`, ",").Replace

// vcardGoEscape is the inverse of go-vcard's decoder (what its encoder does):
// the normalised line carries exactly the value the mapping should see.
var vcardGoEscape = strings.NewReplacer(`\`, `\\`, "\n", `\n`, ",", `\,`).Replace

// wire is the property as a line go-vcard reads back to p's value.
func (p *vcProp) wire() string {
	var b strings.Builder
	if p.group != "" {
		b.WriteString(p.group)
		b.WriteByte('.')
	}
	b.WriteString(p.name)
	for _, q := range p.params {
		for _, v := range q.values {
			b.WriteByte(';')
			b.WriteString(q.name)
			b.WriteByte('=')
			if strings.ContainsAny(v, ",;:\"\\\r\n") {
				// go-vcard reads quoted values with Go's escapes; commas
				// would split the value, so they cannot occur.
				b.WriteByte('"')
				b.WriteString(strings.NewReplacer(`\`, `\\`, `"`, `\"`, ",", " ", "\r", " ", "\n", `\n`).Replace(v))
				b.WriteByte('"')
			} else {
				b.WriteString(v)
			}
		}
	}
	b.WriteByte(':')
	b.WriteString(vcardGoEscape(p.value))
	return b.String()
}

// ---------------------------------------------------------------------
// Step 3: cards.

// vcCard is one BEGIN:VCARD … END:VCARD block, normalised.
type vcCard struct {
	n      int // 1-based position in the file
	line   int // line of BEGIN:VCARD
	props  []vcProp
	binary []string // binary properties dropped
	bad    string   // why the card cannot be read ("" when it can)
}

// vcardCards splits a file's lines into cards, warning about lines outside
// any card and lines that are not properties.
func vcardCards(data []byte, d *Doc, where func(string) string) ([]vcCard, error) {
	lines, decoded, err := vcardLines(data)
	if err != nil {
		return nil, err
	}
	vd := &vcardDecoder{decoded: decoded}
	var cards []vcCard
	var cur *vcCard
	agentDepth := 0
	lineWarnings, moreLines := 0, 0
	warnLine := func(line int, format string, args ...any) {
		if lineWarnings >= vcardMaxLineWarnings {
			moreLines++
			return
		}
		lineWarnings++
		d.Warn(where(fmt.Sprintf("line %d", line)), format, args...)
	}
	begin := func(l vcLine) bool { return isVCardLine(l.text, "BEGIN:VCARD") }
	end := func(l vcLine) bool { return isVCardLine(l.text, "END:VCARD") }
	for _, l := range lines {
		switch {
		case agentDepth > 0:
			// Inside a vCard 2.1 AGENT's embedded card: not imported.
			if begin(l) {
				agentDepth++
			} else if end(l) {
				agentDepth--
			}
			continue
		case begin(l):
			if cur != nil {
				if n := len(cur.props); n > 0 && cur.props[n-1].name == "AGENT" && strings.TrimSpace(cur.props[n-1].value) == "" {
					agentDepth = 1
					cur.props = cur.props[:n-1]
					warnLine(l.line, "the card embedded in AGENT (another person) was not imported.")
					continue
				}
				cur.bad = fmt.Sprintf("BEGIN:VCARD at line %d has no END:VCARD before the next card (line %d)", cur.line, l.line)
				cards = append(cards, *cur)
			}
			if len(cards) >= MaxItems {
				return nil, pln.TooLarge("%s: the file has more than %d cards; the limit is %d.", where(fmt.Sprintf("line %d", l.line)), MaxItems, MaxItems)
			}
			cur = &vcCard{n: len(cards) + 1, line: l.line}
		case end(l):
			if cur == nil {
				warnLine(l.line, "END:VCARD without BEGIN:VCARD: ignored.")
				continue
			}
			cards = append(cards, *cur)
			cur = nil
		case cur == nil:
			warnLine(l.line, "%q is outside any BEGIN:VCARD … END:VCARD: ignored.", truncateRunes(strings.ToValidUTF8(string(l.text), "\uFFFD"), 40))
		default:
			p, ok, why := vd.normalise(l)
			switch {
			case !ok && why != "":
				warnLine(l.line, "%s: %q ignored.", why, truncateRunes(strings.ToValidUTF8(string(l.text), "\uFFFD"), 40))
			case !ok:
			case p.binary:
				if !slices.Contains(cur.binary, strings.ToLower(p.name)) {
					cur.binary = append(cur.binary, strings.ToLower(p.name))
				}
			case p.name == "BEGIN" || p.name == "END":
				warnLine(l.line, "%s:%s inside a card: ignored.", p.name, truncateRunes(p.value, 40))
			default:
				cur.props = append(cur.props, p)
			}
		}
	}
	if cur != nil {
		cur.bad = fmt.Sprintf("BEGIN:VCARD at line %d has no END:VCARD (the file ends first)", cur.line)
		cards = append(cards, *cur)
	}
	if moreLines > 0 {
		d.Warn(where(""), "%d more lines could not be read and were ignored.", moreLines)
	}
	for _, w := range vd.badValues {
		w.Where = where(w.Where)
		d.Warnings = append(d.Warnings, w)
	}
	if vd.cp1252At > 0 {
		d.Warn(where(""), "The file is not UTF-8 (first at line %d); those lines were read as Windows-1252. If names look wrong, save it as UTF-8 and import it again.", vd.cp1252At)
	}
	return cards, nil
}

// decode runs the card's normalised lines through go-vcard. lines maps each
// property name to the lines of its fields, in order.
func (c *vcCard) decode() (vcard.Card, map[string][]int, error) {
	var b strings.Builder
	b.WriteString("BEGIN:VCARD\r\n")
	lines := map[string][]int{}
	for i := range c.props {
		b.WriteString(c.props[i].wire())
		b.WriteString("\r\n")
		lines[c.props[i].name] = append(lines[c.props[i].name], c.props[i].line)
	}
	b.WriteString("END:VCARD\r\n")
	card, err := vcard.NewDecoder(strings.NewReader(b.String())).Decode()
	if err != nil {
		return nil, nil, err
	}
	return card, lines, nil
}

// ---------------------------------------------------------------------
// Parse.

// Parse reads each vCard file: one person node per card, keyed by its UID
// (else "card N"); cards with the same UID or a shared email are merged
// into the first with a warning (the second name kept in "vcard:alias").
func (vcardFormat) Parse(files []File) (*Doc, error) {
	d := &Doc{Format: FormatVCard}
	m := &vcardMerge{d: d, byUID: map[string]int{}, byEmail: map[string]int{}, keys: map[string]bool{}}
	for _, f := range files {
		where := func(w string) string { return joinWhere(f.Name, w, len(files)) }
		cards, err := vcardCards(f.Data, d, where)
		if err != nil {
			return nil, InFile(f.Name, err)
		}
		if len(cards) == 0 {
			return nil, InFile(f.Name, pln.Invalid("There is no vCard in the file (no BEGIN:VCARD line)."))
		}
		for i := range cards {
			c := &cards[i]
			at := where(fmt.Sprintf("card %d (line %d)", c.n, c.line))
			if c.bad != "" {
				d.Skip(at, "%s: the card is left out.", c.bad)
				continue
			}
			card, lines, err := c.decode()
			if err != nil {
				d.Skip(at, "the card cannot be read (%v): left out.", err)
				continue
			}
			if len(c.binary) > 0 {
				d.Warn(at, "%s not imported (Plexus keeps no pictures, sounds or key data).", strings.Join(c.binary, ", "))
			}
			if err := m.add(card, lines, at, c.n, where); err != nil {
				return nil, InFile(f.Name, err)
			}
		}
	}
	if len(d.Nodes) == 0 {
		for _, w := range d.Warnings {
			if w.Skipped {
				return nil, pln.Invalid("Nothing in the file can be imported: %s", w.String())
			}
		}
		return nil, pln.Invalid("Nothing in the file can be imported: it has no cards.")
	}
	return d, nil
}

// vcardMerge builds the Doc's nodes, merging duplicate cards.
type vcardMerge struct {
	d       *Doc
	byUID   map[string]int
	byEmail map[string]int
	keys    map[string]bool
	cards   []int // card number of each node, for messages
	egoAt   string
}

func (m *vcardMerge) add(card vcard.Card, lines map[string][]int, at string, n int, where func(string) string) error {
	nb := &vcardNodeBuilder{card: card, lines: lines, at: at, where: where, d: m.d}
	node, uid, ok := nb.build()
	if !ok {
		return nil
	}
	if node.Ego {
		if m.egoAt != "" {
			m.d.Warn(at, "a second card says it is the ego (the first is %s); it is imported as an alter.", m.egoAt)
			node.Ego = false
		} else {
			m.egoAt = at
		}
	}
	// The same person twice?
	i, reason := -1, ""
	if uid != "" {
		if j, dup := m.byUID[uid]; dup {
			i, reason = j, fmt.Sprintf("same UID %s", truncateRunes(uid, 60))
		}
	}
	if i < 0 {
		for _, e := range node.Emails {
			if j, dup := m.byEmail[e]; dup {
				i, reason = j, "same email "+e
				break
			}
		}
	}
	if i >= 0 {
		m.merge(i, node, at, reason)
		if uid != "" {
			if _, seen := m.byUID[uid]; !seen {
				m.byUID[uid] = i
			}
		}
		return nil
	}
	key := uid
	if key == "" {
		key = where(fmt.Sprintf("card %d", n))
	}
	for base, k := key, 2; m.keys[key]; k++ {
		key = fmt.Sprintf("%s (%d)", base, k)
	}
	m.keys[key] = true
	idx := len(m.d.Nodes)
	if uid != "" {
		m.byUID[uid] = idx
	}
	for _, e := range node.Emails {
		if _, seen := m.byEmail[e]; !seen {
			m.byEmail[e] = idx
		}
	}
	m.cards = append(m.cards, n)
	m.d.Nodes = append(m.d.Nodes, DocNode{Key: key, Node: node, Where: at})
	return nil
}

// merge puts node (a later card) into the node at i.
func (m *vcardMerge) merge(i int, node pln.Node, at, reason string) {
	dn := &m.d.Nodes[i]
	t := &dn.Node
	for _, e := range node.Emails {
		if slices.Contains(t.Emails, e) {
			continue
		}
		if len(t.Emails) < pln.MaxEmails {
			t.Emails = append(t.Emails, e)
			if _, seen := m.byEmail[e]; !seen {
				m.byEmail[e] = i
			}
		} else {
			putVCardEntries(&t.Extra, "vcard:EMAIL", []string{e})
		}
	}
	t.Tags = mergeTags(t.Tags, node.Tags)
	if t.Organisation == "" {
		t.Organisation = node.Organisation
	}
	if t.URL == "" {
		t.URL = node.URL
	}
	if t.Description == "" {
		t.Description = node.Description
	}
	keys := make([]string, 0, len(node.Extra))
	for k := range node.Extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := node.Extra[k]
		old, had := t.Extra[k]
		switch {
		case !had:
			if !PutExtra(&t.Extra, k, v) {
				m.d.Warn(at, "the extra property %s did not fit (at most %d per node): not imported.", truncateRunes(k, 60), pln.MaxExtraKeys)
			}
		case old != v && k != ExtraKeyFor(FormatVCard) && k != "vcard:alias":
			putVCardEntries(&t.Extra, k, strings.Split(v, "\n"))
		}
	}
	if node.Label != t.Label && !slices.Contains(dn.Aliases, node.Label) {
		dn.Aliases = append(dn.Aliases, node.Label)
		PutExtra(&t.Extra, "vcard:alias", strings.Join(dn.Aliases, " | "))
		m.d.Warn(at, "%q is the same person as card %d, %q (%s): merged into one node, the second name kept as an alias.", truncateRunes(node.Label, 60), m.cards[i], truncateRunes(t.Label, 60), reason)
	} else {
		m.d.Warn(at, "%q is the same person as card %d (%s): merged into one node.", truncateRunes(node.Label, 60), m.cards[i], reason)
	}
}

// putVCardEntries appends entries to the extra at key, skipping those it
// holds already, in time linear in the sizes (a value is at most
// pln.MaxExtraValueLen bytes; what goes beyond is not added).
func putVCardEntries(m *map[string]string, key string, entries []string) bool {
	old := (*m)[key]
	seen := map[string]bool{}
	var b strings.Builder
	if old != "" {
		b.WriteString(old)
		for _, e := range strings.Split(old, "\n") {
			seen[e] = true
		}
	}
	for _, e := range entries {
		if seen[e] {
			continue
		}
		if b.Len()+1+len(e) > pln.MaxExtraValueLen {
			break
		}
		seen[e] = true
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e)
	}
	return PutExtra(m, key, b.String())
}

// vcardNodeBuilder maps one decoded card to a node.
type vcardNodeBuilder struct {
	card  vcard.Card
	lines map[string][]int
	at    string
	where func(string) string
	d     *Doc
	n     pln.Node
	extra map[string][]string // "vcard:<PROP>" → entries, in order
}

func (b *vcardNodeBuilder) lineOf(prop string, i int) string {
	if ls := b.lines[prop]; i < len(ls) {
		return b.where(fmt.Sprintf("line %d", ls[i]))
	}
	return b.at
}

func (b *vcardNodeBuilder) keep(prop string, f *vcard.Field) {
	key := "vcard:" + prop
	b.extra[key] = append(b.extra[key], vcardEntry(f))
}

// build returns the node, the card's UID ("" if none) and ok false when the
// card has no name (it is then skipped with a warning).
func (b *vcardNodeBuilder) build() (pln.Node, string, bool) {
	b.n.Kind = pln.KindPerson
	b.extra = map[string][]string{}
	props := make([]string, 0, len(b.card))
	for k := range b.card {
		props = append(props, k)
	}
	sort.Strings(props)
	var uid, label, plexusURL string
	var tagsJSON []string
	haveTagsJSON := false
	for _, prop := range props {
		fields := b.card[prop]
		switch prop {
		case "VERSION":
		case "FN":
			for _, f := range fields {
				if l := cleanLine(f.Value, pln.MaxLabelLen); label == "" && l != "" {
					label = l
					if l != f.Value {
						b.keep(prop, f) // cleaned: kept as written too
					}
					continue
				}
				b.keep(prop, f)
			}
		case "EMAIL":
			for i, f := range fields {
				e := strings.ToLower(strings.TrimSpace(f.Value))
				e = strings.TrimPrefix(e, "mailto:")
				switch {
				case e == "":
				case !validEmail(e):
					b.d.Warn(b.lineOf(prop, i), "%q is not an email address like name@example.org: kept as the extra property vcard:EMAIL.", truncateRunes(f.Value, 60))
					b.keep(prop, f)
				case slices.Contains(b.n.Emails, e):
				case len(b.n.Emails) >= pln.MaxEmails:
					b.d.Warn(b.lineOf(prop, i), "the card has more than %d emails: %s kept as the extra property vcard:EMAIL.", pln.MaxEmails, truncateRunes(e, 60))
					b.keep(prop, f)
				default:
					b.n.Emails = append(b.n.Emails, e)
				}
			}
		case "ORG":
			// The first ORG's first component is the organisation; its
			// units (and parameters) are the first vcard:ORG line, even
			// when empty if further ORGs follow (they are kept whole).
			for i, f := range fields {
				if i > 0 {
					b.keep(prop, f)
					continue
				}
				first, units := splitVCardComponent(f.Value)
				b.n.Organisation = cleanLine(unescapeVCardComponent(first), pln.MaxOrganisation)
				if units != "" || len(f.Params) > 0 || f.Group != "" || len(fields) > 1 {
					b.keep(prop, &vcard.Field{Value: units, Params: f.Params, Group: f.Group})
				}
			}
		case "URL":
			pick := slices.IndexFunc(fields, func(f *vcard.Field) bool { return pln.IsWebURL(cleanURL(f.Value)) })
			if pick < 0 {
				pick = 0
			}
			for i, f := range fields {
				if u := cleanURL(f.Value); i == pick && u != "" && utf8.RuneCountInString(u) <= pln.MaxURLLen {
					b.n.URL = u
					continue
				}
				b.keep(prop, f)
			}
		case "NOTE":
			for i, f := range fields {
				if i == 0 && len(f.Value) <= pln.MaxBodyBytes {
					b.n.Description = f.Value
					continue
				}
				if i == 0 {
					b.d.Warn(b.lineOf(prop, i), "the note is over %d bytes: kept, cut short, as the extra property vcard:NOTE instead of the description.", pln.MaxBodyBytes)
				}
				b.keep(prop, f)
			}
		case "CATEGORIES":
			var all []string
			for _, f := range fields {
				all = append(all, splitVCardList(f.Value)...)
			}
			b.n.Tags = mergeTags(nil, all)
			var rest []string
			for _, t := range all {
				if tt := cleanTag(t); tt != "" && !slices.ContainsFunc(b.n.Tags, func(s string) bool { return strings.EqualFold(s, tt) }) &&
					!slices.ContainsFunc(rest, func(s string) bool { return strings.EqualFold(s, tt) }) {
					rest = append(rest, tt)
				}
			}
			if len(rest) > 0 {
				b.d.Warn(b.lineOf(prop, 0), "the card has more than %d categories: the other %d kept as the extra property vcard:CATEGORIES.", pln.MaxTags, len(rest))
				b.keep(prop, &vcard.Field{Value: strings.Join(rest, ",")})
			}
		case "UID":
			for i, f := range fields {
				if u := strings.TrimSpace(f.Value); i == 0 && u != "" {
					uid = u
					continue
				}
				b.keep(prop, f)
			}
		case "X-PLEXUS-TAGS":
			for _, f := range fields {
				if haveTagsJSON || json.Unmarshal([]byte(f.Value), &tagsJSON) != nil {
					b.keep(prop, f)
					continue
				}
				haveTagsJSON = true
			}
		case "X-PLEXUS-URL":
			for i, f := range fields {
				if u := cleanURL(f.Value); i == 0 && u != "" && utf8.RuneCountInString(u) <= pln.MaxURLLen {
					plexusURL = u
					continue
				}
				b.keep(prop, f)
			}
		default:
			if strings.HasPrefix(prop, "X-PLEXUS-") {
				for i, f := range fields {
					if !b.plexusField(prop, f.Value) {
						b.d.Warn(b.lineOf(prop, i), "%s:%s is not a value Plexus knows: kept as the extra property vcard:%s.", prop, truncateRunes(f.Value, 40), prop)
						b.keep(prop, f)
					}
				}
				continue
			}
			for _, f := range fields {
				b.keep(prop, f)
			}
		}
	}
	if haveTagsJSON {
		// Written by the export when a tag holds a comma, which CATEGORIES
		// cannot: these are the tags.
		if tags, err := pln.NormalizeTags("tag", tagsJSON); err == nil {
			b.n.Tags = mergeTags(nil, tags)
		}
	}
	if plexusURL != "" {
		// The export's way of writing a web address that is not a link
		// while another URL is: the URL picked above goes back among the
		// others, first.
		if b.n.URL != "" && b.n.URL != plexusURL {
			b.extra["vcard:URL"] = append([]string{vcardEntry(&vcard.Field{Value: b.n.URL})}, b.extra["vcard:URL"]...)
		}
		b.n.URL = plexusURL
	}
	// The label: FN, else N, else ORG, else the first email.
	if label == "" {
		if f := b.card.Get("N"); f != nil {
			label = cleanLine(nameFromN(f.Value), pln.MaxLabelLen)
		}
	}
	if label == "" {
		label = b.n.Organisation
	}
	if label == "" && len(b.n.Emails) > 0 {
		label = cleanLine(b.n.Emails[0], pln.MaxLabelLen)
	}
	if label == "" {
		b.d.Skip(b.at, "the card has no name (no FN, N, ORG or EMAIL): left out.")
		return pln.Node{}, "", false
	}
	b.n.Label = label
	// An N that the export derives from the label again is not kept.
	if ns := b.extra["vcard:N"]; len(ns) == 1 && ns[0] == vcardEntry(&vcard.Field{Value: nFromLabel(label)}) {
		delete(b.extra, "vcard:N")
	}
	b.checkDates()
	// The extras, in key order.
	keys := make([]string, 0, len(b.extra))
	for k := range b.extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if uid != "" {
		PutExtra(&b.n.Extra, ExtraKeyFor(FormatVCard), uid)
	}
	var lost []string
	for _, k := range keys {
		v := strings.Join(b.extra[k], "\n")
		if len(v) > pln.MaxExtraValueLen {
			b.d.Warn(b.at, "the extra property %s is over %d bytes: cut short.", k, pln.MaxExtraValueLen)
		}
		if v == "" {
			v = ": " // an empty property: kept, so that it is written back
		}
		if !PutExtra(&b.n.Extra, k, v) {
			lost = append(lost, strings.TrimPrefix(k, "vcard:"))
		}
	}
	if len(lost) > 0 {
		b.d.Warn(b.at, "the properties %s did not fit (at most %d extra properties per node): not imported.", truncateRunes(strings.Join(lost, ", "), 200), pln.MaxExtraKeys)
	}
	return b.n, uid, true
}

// plexusField sets the Plexus field an X-PLEXUS-<FIELD> property names;
// false when the value is not one the field takes.
func (b *vcardNodeBuilder) plexusField(prop, value string) bool {
	v := strings.TrimSpace(value)
	switch strings.TrimPrefix(prop, "X-PLEXUS-") {
	case "EGO":
		if strings.EqualFold(v, "true") {
			b.n.Ego = true
			return true
		}
		return strings.EqualFold(v, "false")
	case "RELATION":
		if v == "" || utf8.RuneCountInString(v) > pln.MaxRelationLen || cleanLine(v, pln.MaxRelationLen) != v {
			return false
		}
		b.n.Relation = v
	case "STRENGTH":
		s, err := strconv.Atoi(v)
		if err != nil || s < 1 || s > 5 {
			return false
		}
		b.n.Strength = s
	case "ROLE":
		if !slices.Contains(pln.Roles, pln.Role(v)) {
			return false
		}
		b.n.Role = pln.Role(v)
	case "CONTEXTS":
		var list []string
		if strings.HasPrefix(v, "[") {
			if json.Unmarshal([]byte(v), &list) != nil {
				return false
			}
		} else {
			list = strings.Split(v, ",")
		}
		cs, err := pln.NormalizeTags("context", list)
		if err != nil {
			return false
		}
		b.n.Contexts = cs
	case "MODE":
		if !slices.Contains(pln.Modes, pln.Mode(v)) {
			return false
		}
		b.n.Mode = pln.Mode(v)
	case "STATUS":
		if !slices.Contains(pln.Statuses, pln.Status(v)) {
			return false
		}
		b.n.Status = pln.Status(v)
	case "CADENCE":
		c, err := strconv.Atoi(v)
		if err != nil || c < 1 || c > pln.MaxCadenceDays {
			return false
		}
		b.n.Cadence = c
	case "FEEDURL":
		u := cleanURL(v)
		if u == "" || utf8.RuneCountInString(u) > pln.MaxURLLen {
			return false
		}
		b.n.FeedURL = u
	case "ALIAS":
		if v == "" {
			return false
		}
		b.extra["vcard:alias"] = append(b.extra["vcard:alias"], value)
	default:
		return false
	}
	return true
}

var vcardDateRE = regexp.MustCompile(`^(?:(\d{4}|--)-?(\d{2})?-?(\d{2})?|---(\d{2}))(?:T[0-9:+\-Z.]*)?$`)

// checkDates warns about BDAY and ANNIVERSARY values that are not dates
// (they are kept as written).
func (b *vcardNodeBuilder) checkDates() {
	for _, prop := range []string{"BDAY", "ANNIVERSARY"} {
		for i, f := range b.card[prop] {
			if strings.EqualFold(f.Params.Get("VALUE"), "text") {
				continue
			}
			v := strings.TrimSpace(f.Value)
			if !validVCardDate(v) {
				b.d.Warn(b.lineOf(prop, i), "%s %q is not a date (YYYYMMDD, YYYY-MM-DD, --MMDD): kept as written in vcard:%s.", prop, truncateRunes(v, 40), prop)
			}
		}
	}
}

func validVCardDate(v string) bool {
	m := vcardDateRE.FindStringSubmatch(v)
	if m == nil {
		return false
	}
	if m[4] != "" {
		d, _ := strconv.Atoi(m[4])
		return d >= 1 && d <= 31
	}
	if m[1] == "--" && m[2] == "" {
		return false
	}
	if m[2] != "" {
		if mo, _ := strconv.Atoi(m[2]); mo < 1 || mo > 12 {
			return false
		}
	} else if m[3] != "" {
		return false
	}
	if m[3] != "" {
		if d, _ := strconv.Atoi(m[3]); d < 1 || d > 31 {
			return false
		}
	}
	return true
}

// splitVCardComponent splits a structured value at its first unescaped
// semicolon.
func splitVCardComponent(v string) (first, rest string) {
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' {
			i++
			continue
		}
		if v[i] == ';' {
			return v[:i], v[i+1:]
		}
	}
	return v, ""
}

// vcardComponents splits a structured value into its components.
func vcardComponents(v string) []string {
	var out []string
	for {
		first, rest := splitVCardComponent(v)
		out = append(out, unescapeVCardComponent(first))
		if len(first) == len(v) {
			return out
		}
		v = rest
	}
}

var unescapeVCardComponent = strings.NewReplacer(`\;`, ";", `\:`, ":").Replace

var escapeVCardComponent = strings.NewReplacer(`;`, `\;`).Replace

// vcardEscapedSemicolon stands for "\;" in a compound value being encoded:
// go-vcard escapes every backslash, so the export writes this private-use
// character and foldVCard turns it into "\;".
const vcardEscapedSemicolon = "\uE03B"

// splitVCardList splits a CATEGORIES value at its commas.
func splitVCardList(v string) []string {
	parts := strings.Split(v, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(unescapeVCardComponent(parts[i]))
	}
	return parts
}

// nameFromN is an N value as "Given Family" (with the additional names
// between, and the prefix and suffix left out).
func nameFromN(v string) string {
	c := vcardComponents(v)
	get := func(i int) string {
		if i < len(c) {
			return strings.Join(strings.Fields(strings.ReplaceAll(c[i], ",", " ")), " ")
		}
		return ""
	}
	var parts []string
	for _, s := range []string{get(1), get(2), get(0)} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " ")
}

// nFromLabel is the N the export writes for a label: the last word the
// family name, the words before it the given name.
func nFromLabel(label string) string {
	words := strings.Fields(label)
	if len(words) == 0 {
		return ";;;;"
	}
	family := words[len(words)-1]
	given := strings.Join(words[:len(words)-1], " ")
	return escapeVCardComponent(family) + ";" + escapeVCardComponent(given) + ";;;"
}

// ---------------------------------------------------------------------
// The extra-value form of a property.

var entryEscape = strings.NewReplacer(`\`, `\\`, "\n", `\n`)

// vcardEntry is one property as one line of a "vcard:*" extra (see the
// file's comment): "[group.][types][;name=value…]: value", or the value
// alone when there is neither group nor parameter.
func vcardEntry(f *vcard.Field) string {
	var parts []string
	var types []string
	for _, t := range f.Params["TYPE"] {
		if t = strings.ToLower(t); t != "" {
			types = append(types, quoteEntryParam(t))
		}
	}
	if len(types) > 0 {
		parts = append(parts, strings.Join(types, ","))
	}
	names := make([]string, 0, len(f.Params))
	for k := range f.Params {
		if k != "TYPE" {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	for _, k := range names {
		vals := make([]string, len(f.Params[k]))
		for i, v := range f.Params[k] {
			vals[i] = quoteEntryParam(v)
		}
		parts = append(parts, strings.ToLower(k)+"="+strings.Join(vals, ","))
	}
	v := entryEscape.Replace(f.Value)
	head := strings.Join(parts, ";")
	if f.Group != "" {
		head = f.Group + "." + head
	}
	if head == "" {
		if strings.Contains(v, ": ") {
			return ": " + v
		}
		return v
	}
	return head + ": " + v
}

func quoteEntryParam(v string) string {
	if v == "" || strings.ContainsAny(v, ",;:.=\"\\ \t\n") {
		return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(v) + `"`
	}
	return v
}

// parseVCardEntry reads one line of a "vcard:*" extra back into a field.
func parseVCardEntry(s string) *vcard.Field {
	f := &vcard.Field{}
	value := s
	if strings.HasPrefix(s, ": ") {
		value = s[2:]
	} else if i := indexOutsideQuotes(s, ": "); i >= 0 {
		if g, p, ok := parseEntryHead(s[:i]); ok {
			f.Group, f.Params, value = g, p, s[i+2:]
		}
	}
	f.Value = unescapeEntry(value)
	return f
}

func indexOutsideQuotes(s, sub string) int {
	inQuote := false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && inQuote:
			i++
		case s[i] == '"':
			inQuote = !inQuote
		case !inQuote && strings.HasPrefix(s[i:], sub):
			return i
		}
	}
	return -1
}

// parseEntryHead reads "[group.][types][;name=value…]" (the items in any
// order: one without "=" holds TYPE values); ok false when h is not such a
// head (the whole line is then a value).
func parseEntryHead(h string) (group string, params vcard.Params, ok bool) {
	if i := strings.IndexAny(h, `.;,="`); i >= 0 && h[i] == '.' {
		group, h = h[:i], h[i+1:]
		if !vcardNameRE.MatchString(group) {
			return "", nil, false
		}
	}
	if h == "" {
		return group, nil, group != ""
	}
	params = vcard.Params{}
	for _, item := range splitEntryHead(h, ';') {
		name, vals := "TYPE", item
		if i := indexOutsideQuotes(item, "="); i >= 0 {
			name, vals = item[:i], item[i+1:]
			if !vcardNameRE.MatchString(name) {
				return "", nil, false
			}
			name = strings.ToUpper(name)
		}
		for _, v := range splitEntryHead(vals, ',') {
			switch {
			case len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"':
				params[name] = append(params[name], unescapeEntry(v[1:len(v)-1]))
			case v == "" || strings.ContainsAny(v, ",;:.=\"\\ \t\n"):
				return "", nil, false
			default:
				params[name] = append(params[name], v)
			}
		}
	}
	return group, params, true
}

func splitEntryHead(s string, sep byte) []string {
	var out []string
	inQuote, start := false, 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && inQuote:
			i++
		case s[i] == '"':
			inQuote = !inQuote
		case s[i] == sep && !inQuote:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// unescapeEntry undoes entryEscape (and \" inside a quoted parameter).
func unescapeEntry(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			switch s[i+1] {
			case 'n':
				b.WriteByte('\n')
				i++
				continue
			case '\\', '"':
				b.WriteByte(s[i+1])
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// ---------------------------------------------------------------------
// Export.

// vcardReserved are properties the export writes itself or never writes
// back from an extra.
var vcardReserved = map[string]bool{"BEGIN": true, "END": true, "VERSION": true}

// Export writes the person nodes of net (the ego among them, marked
// X-PLEXUS-EGO:true) as vCard 4.0, "contacts.vcf", in the network's order;
// other kinds are left out.
func (vcardFormat) Export(net *Network) ([]File, error) {
	var out bytes.Buffer
	for i := range net.Nodes {
		n := &net.Nodes[i]
		if n.Kind != pln.KindPerson {
			continue
		}
		var buf bytes.Buffer
		if err := vcard.NewEncoder(&buf).Encode(vcardCard(n)); err != nil {
			return nil, pln.Errorf(pln.CodeInternal, "vCard export of %q: %v", n.Label, err)
		}
		foldVCard(&out, buf.Bytes())
	}
	return []File{{Name: "contacts.vcf", Data: out.Bytes()}}, nil
}

// vcardCard is the card of one node.
func vcardCard(n *pln.Node) vcard.Card {
	c := vcard.Card{}
	c.SetValue("VERSION", "4.0")
	entries := func(prop string) []*vcard.Field {
		v := n.Extra["vcard:"+prop]
		if v == "" {
			return nil
		}
		var fs []*vcard.Field
		for _, e := range strings.Split(v, "\n") {
			fs = append(fs, parseVCardEntry(e))
		}
		return fs
	}
	add := func(prop string, f *vcard.Field) {
		f.Value = strings.ReplaceAll(strings.ReplaceAll(f.Value, "\r\n", "\n"), "\r", "\n")
		f.Value = strings.ReplaceAll(f.Value, vcardEscapedSemicolon, "\uFFFD")
		if vcardStructured[prop] {
			// go-vcard would write "\;" as "\\;": a stand-in, replaced
			// after encoding (foldVCard).
			f.Value = strings.ReplaceAll(f.Value, `\;`, vcardEscapedSemicolon)
		}
		for k, vs := range f.Params {
			for i, v := range vs {
				vs[i] = exportParamValue(v)
			}
			f.Params[k] = vs
		}
		c.Add(prop, f)
	}
	addAll := func(prop string) {
		for _, f := range entries(prop) {
			add(prop, f)
		}
	}
	add("FN", &vcard.Field{Value: n.Label})
	addAll("FN")
	if ns := entries("N"); len(ns) > 0 {
		addAll("N")
	} else {
		add("N", &vcard.Field{Value: nFromLabel(n.Label)})
	}
	for _, e := range n.Emails {
		add("EMAIL", &vcard.Field{Value: e})
	}
	addAll("EMAIL")
	if orgs := entries("ORG"); n.Organisation != "" || len(orgs) > 0 {
		f := &vcard.Field{Value: escapeVCardComponent(n.Organisation)}
		if len(orgs) > 0 {
			// The first line is the units (and parameters) of the first ORG.
			f.Params, f.Group = orgs[0].Params, orgs[0].Group
			if orgs[0].Value != "" {
				f.Value += ";" + orgs[0].Value
			}
			orgs = orgs[1:]
		}
		add("ORG", f)
		for _, o := range orgs {
			add("ORG", o)
		}
	}
	urls := entries("URL")
	switch {
	case n.URL == "":
	case !pln.IsWebURL(n.URL) && slices.ContainsFunc(urls, func(f *vcard.Field) bool { return pln.IsWebURL(cleanURL(f.Value)) }):
		// Not a link, while another URL is: an import would pick that
		// one, so this one goes out under Plexus's own name.
		add("X-PLEXUS-URL", &vcard.Field{Value: n.URL})
	default:
		add("URL", &vcard.Field{Value: n.URL})
	}
	for _, u := range urls {
		add("URL", u)
	}
	if n.Description != "" {
		add("NOTE", &vcard.Field{Value: n.Description})
	}
	addAll("NOTE")
	comma := false
	for _, t := range n.Tags {
		add("CATEGORIES", &vcard.Field{Value: t})
		comma = comma || strings.Contains(t, ",")
	}
	if comma {
		js, _ := json.Marshal(n.Tags)
		add("X-PLEXUS-TAGS", &vcard.Field{Value: string(js)})
	}
	addAll("CATEGORIES")
	switch {
	case n.Extra[ExtraKeyFor(FormatVCard)] != "":
		add("UID", &vcard.Field{Value: n.Extra[ExtraKeyFor(FormatVCard)]})
	case n.ID != "":
		add("UID", &vcard.Field{Value: "urn:uuid:" + n.ID})
	}
	addAll("UID")
	if n.Ego {
		add("X-PLEXUS-EGO", &vcard.Field{Value: "true"})
	}
	plexus := func(field, v string) {
		if v != "" {
			add("X-PLEXUS-"+field, &vcard.Field{Value: v})
		}
	}
	plexus("RELATION", n.Relation)
	if n.Strength != 0 {
		plexus("STRENGTH", strconv.Itoa(n.Strength))
	}
	plexus("ROLE", string(n.Role))
	if len(n.Contexts) > 0 {
		if slices.ContainsFunc(n.Contexts, func(s string) bool { return strings.Contains(s, ",") || strings.HasPrefix(s, "[") }) {
			js, _ := json.Marshal(n.Contexts)
			plexus("CONTEXTS", string(js))
		} else {
			plexus("CONTEXTS", strings.Join(n.Contexts, ","))
		}
	}
	plexus("MODE", string(n.Mode))
	plexus("STATUS", string(n.Status))
	if n.Cadence != 0 {
		plexus("CADENCE", strconv.Itoa(n.Cadence))
	}
	plexus("FEEDURL", n.FeedURL)
	if a := n.Extra["vcard:alias"]; a != "" {
		add("X-PLEXUS-ALIAS", &vcard.Field{Value: a})
	}
	// Every other vcard:* extra as its property.
	keys := make([]string, 0, len(n.Extra))
	for k := range n.Extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		prop, ok := strings.CutPrefix(k, "vcard:")
		if !ok || !vcardNameRE.MatchString(prop) {
			continue
		}
		if k == ExtraKeyFor(FormatVCard) || k == "vcard:alias" {
			continue // written above, as UID and X-PLEXUS-ALIAS
		}
		prop = strings.ToUpper(prop)
		switch prop {
		case "FN", "N", "EMAIL", "ORG", "URL", "NOTE", "CATEGORIES", "UID":
			continue // written above
		}
		if vcardReserved[prop] {
			continue
		}
		for _, f := range entries(strings.TrimPrefix(k, "vcard:")) {
			add(prop, f)
		}
	}
	return c
}

// exportParamValue makes a parameter value one go-vcard writes and any
// reader reads back: RFC 6868's ^' ^n ^^ for quotes, line breaks and
// carets, quoted when it holds ; or :.
func exportParamValue(v string) string {
	v = strings.NewReplacer("^", "^^", `"`, "^'", "\r\n", "^n", "\n", "^n", "\r", "^n").Replace(v)
	if strings.ContainsAny(v, ";:") {
		return `"` + v + `"`
	}
	return v
}

// foldVCard appends the encoder's output to out with every line folded at
// 75 octets (RFC 6350 3.2), never inside a UTF-8 sequence (go-vcard's
// encoder does not fold), and the stand-ins for "\;" replaced.
func foldVCard(out *bytes.Buffer, data []byte) {
	data = bytes.ReplaceAll(data, []byte(vcardEscapedSemicolon), []byte(`\;`))
	for _, line := range bytes.SplitAfter(data, []byte("\r\n")) {
		line = bytes.TrimSuffix(line, []byte("\r\n"))
		if len(line) == 0 {
			continue
		}
		limit := 75
		for len(line) > limit {
			cut := limit
			for cut > 0 && !utf8.RuneStart(line[cut]) {
				cut--
			}
			out.Write(line[:cut])
			out.WriteString("\r\n ")
			line = line[cut:]
			limit = 74
		}
		out.Write(line)
		out.WriteString("\r\n")
	}
}
