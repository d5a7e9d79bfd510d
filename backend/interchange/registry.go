package interchange

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/plexus-pln/plexus/backend/pln"
)

// Format is one file format Plexus reads or writes. Each format lives in
// its own file of this package (gexf.go, vcard.go, …) and registers itself
// from an init function with Register; nothing outside that file names
// it. A format implements Importer, Exporter or both.
type Format interface {
	// Name is the registry key: lower case, no spaces ("gexf"). It is the
	// value of `plexus export --format`, Doc.Format, the import record's
	// format and the prefix of the Extra keys the format writes.
	Name() string
	// Title is the format's name for people, with the versions it covers
	// ("GEXF 1.2/1.3").
	Title() string
	// Sniff says, from the content alone (never the file name), how sure
	// the format is that the file is one of its own: SniffNo, SniffMaybe
	// (plain text that fits, such as a CSV header), SniffLikely (the
	// format's structure, such as a JSON object with "nodes" and "links")
	// or SniffSure (a signature, such as a root element in the format's
	// namespace). It must be cheap: look at Probe's head, XML root or JSON
	// keys, not parse the file.
	Sniff(p *Probe) int
}

// How sure a Sniff is. The highest wins; on a tie the format registered
// with the lower Order wins.
const (
	SniffNo     = 0
	SniffMaybe  = 1
	SniffLikely = 2
	SniffSure   = 3
)

// Importer is a format Plexus imports.
type Importer interface {
	Format
	// Parse reads every file of one import that was detected as this
	// format, together (a CSV node table and its edge table, the notes of
	// a Markdown vault), into one Doc. A file it cannot read at all is a
	// *pln.Error (invalid, unsupported or too_large) whose message names
	// the file and the line or record. Items it can skip go into
	// Doc.Warnings with Skipped set (the preview lets the user decide).
	// Parse must run in time and memory bounded by the input's size:
	// no external entities, DTDs or network access.
	Parse(files []File) (*Doc, error)
}

// Exporter is a format Plexus exports.
type Exporter interface {
	Format
	// Extension is the usual file name extension, without the dot
	// ("gexf"); for a format that writes several files (a CSV pair, a
	// Markdown vault) it is the extension of each one.
	Extension() string
	// Export writes net. Most formats write one file (its Name is the
	// suggested base name, such as "network.gexf"); a CSV pair writes
	// two, a Markdown vault one per note, with slash-separated paths.
	// Output is deterministic for a given Network.
	Export(net *Network) ([]File, error)
}

// Ordered is optionally implemented by a format to set its place among
// formats that sniff equally sure (lower first; default 100).
type Ordered interface{ Order() int }

var (
	regMu    sync.RWMutex
	registry []Format
)

// Register adds a format to the registry. It panics on a duplicate name
// (a programming error, found by every test run).
func Register(f Format) {
	regMu.Lock()
	defer regMu.Unlock()
	for _, g := range registry {
		if g.Name() == f.Name() {
			panic("interchange: format " + f.Name() + " registered twice")
		}
	}
	registry = append(registry, f)
	sort.SliceStable(registry, func(i, j int) bool {
		return order(registry[i]) < order(registry[j]) ||
			order(registry[i]) == order(registry[j]) && registry[i].Name() < registry[j].Name()
	})
}

func order(f Format) int {
	if o, ok := f.(Ordered); ok {
		return o.Order()
	}
	return 100
}

// Formats returns every registered format, in detection order.
func Formats() []Format {
	regMu.RLock()
	defer regMu.RUnlock()
	return slices.Clone(registry)
}

// Lookup returns the format named name (case-insensitive).
func Lookup(name string) (Format, bool) {
	regMu.RLock()
	defer regMu.RUnlock()
	for _, f := range registry {
		if strings.EqualFold(f.Name(), name) {
			return f, true
		}
	}
	return nil, false
}

// Exporters returns the formats Plexus can write, in detection order.
func Exporters() []Exporter {
	var out []Exporter
	for _, f := range Formats() {
		if e, ok := f.(Exporter); ok {
			out = append(out, e)
		}
	}
	return out
}

// Importers returns the formats Plexus can read, in detection order.
func Importers() []Importer {
	var out []Importer
	for _, f := range Formats() {
		if i, ok := f.(Importer); ok {
			out = append(out, i)
		}
	}
	return out
}

// LookupExporter returns the exporter named name, or a *pln.Error
// (unsupported) listing the ones there are.
func LookupExporter(name string) (Exporter, error) {
	if f, ok := Lookup(name); ok {
		if e, ok := f.(Exporter); ok {
			return e, nil
		}
	}
	var names []string
	for _, e := range Exporters() {
		names = append(names, e.Name())
	}
	return nil, pln.Unsupported("Plexus cannot export the format %q; it can export %s.", truncateRunes(name, 40), strings.Join(names, ", "))
}

// DetectFormat returns the format of one file from its content: the
// registered format whose Sniff is surest (SniffMaybe or better). A file no
// format claims is a *pln.Error (unsupported) naming what the file looks
// like ("photo.png looks like a PNG image, which Plexus cannot import").
func DetectFormat(f File) (Format, error) {
	p := NewProbe(f.Name, f.Data)
	var best Format
	bestScore := SniffNo
	for _, g := range Formats() {
		if s := g.Sniff(p); s > bestScore {
			best, bestScore = g, s
		}
	}
	if best == nil {
		return nil, pln.Unsupported("%s looks like %s, which Plexus cannot import. It imports %s.", f.Name, p.Describe(), importableList())
	}
	return best, nil
}

func importableList() string {
	var titles []string
	for _, i := range Importers() {
		titles = append(titles, i.Title())
	}
	return strings.Join(titles, ", ")
}

// Group is the files of one import that share a format.
type Group struct {
	Format Format
	Files  []File
}

// DetectFiles detects each file's format and groups the files by format,
// in the order each format first appears. The first file no format claims
// is the error.
func DetectFiles(files []File) ([]Group, error) {
	var groups []Group
	for _, f := range files {
		fm, err := DetectFormat(f)
		if err != nil {
			return nil, err
		}
		i := slices.IndexFunc(groups, func(g Group) bool { return g.Format.Name() == fm.Name() })
		if i < 0 {
			groups = append(groups, Group{Format: fm})
			i = len(groups) - 1
		}
		groups[i].Files = append(groups[i].Files, f)
	}
	return groups, nil
}

// ParseFiles detects and parses the files of one import into one Doc.
// Files of one format are parsed together; when there are several formats,
// their Docs are joined (keys prefixed with the format's name, so that they
// cannot collide) and Doc.Format is the formats' names joined by "+". A
// format that only exports (the Plexus backup) is unsupported with a
// message saying what to do instead (Restorer).
func ParseFiles(files []File) (*Doc, error) {
	groups, err := DetectFiles(files)
	if err != nil {
		return nil, err
	}
	var docs []*Doc
	for _, g := range groups {
		imp, ok := g.Format.(Importer)
		if !ok {
			msg := fmt.Sprintf("%s is a %s, which Plexus does not import.", g.Files[0].Name, g.Format.Title())
			if r, ok := g.Format.(interface{ NotImported(name string) string }); ok {
				msg = r.NotImported(g.Files[0].Name)
			}
			return nil, pln.Unsupported("%s", msg)
		}
		d, err := imp.Parse(g.Files)
		if err != nil {
			return nil, err
		}
		if d.Format == "" {
			d.Format = g.Format.Name()
		}
		docs = append(docs, d)
	}
	if len(docs) == 1 {
		return docs[0], nil
	}
	return joinDocs(docs), nil
}

// joinDocs puts several Docs into one, prefixing each one's keys.
func joinDocs(docs []*Doc) *Doc {
	out := &Doc{}
	var names []string
	for _, d := range docs {
		names = append(names, d.Format)
		p := d.Format + "/"
		for _, n := range d.Nodes {
			n.Key = p + n.Key
			out.Nodes = append(out.Nodes, n)
		}
		keys := map[string]bool{}
		for _, n := range d.Nodes {
			keys[n.Key] = true
		}
		prefix := func(k string) string {
			if keys[k] {
				return p + k
			}
			return k // an end outside the Doc: resolved against the network
		}
		for _, t := range d.Ties {
			t.From, t.To = prefix(t.From), prefix(t.To)
			out.Ties = append(out.Ties, t)
		}
		for _, e := range d.Entries {
			ks := make([]string, len(e.NodeKeys))
			for i, k := range e.NodeKeys {
				ks[i] = prefix(k)
			}
			e.NodeKeys = ks
			if e.LinkKeys != nil {
				lk := make(map[string]string, len(e.LinkKeys))
				for t, k := range e.LinkKeys {
					lk[t] = prefix(k)
				}
				e.LinkKeys = lk
			}
			out.Entries = append(out.Entries, e)
		}
		out.Warnings = append(out.Warnings, d.Warnings...)
		if out.Title == "" {
			out.Title = d.Title
		}
	}
	out.Format = strings.Join(names, "+")
	return out
}

// probeHead is how much of a file a Probe decodes for sniffing.
const probeHead = 64 << 10

// Probe is one file as the formats' Sniff methods see it: the raw bytes
// and cheap, cached views of them.
type Probe struct {
	Name string
	Data []byte

	textDone bool
	text     string
	xmlDone  bool
	xmlRoot  xml.Name
	xmlOK    bool
	keysDone bool
	keys     []string
	keysOK   bool
}

// NewProbe returns a Probe over data.
func NewProbe(name string, data []byte) *Probe { return &Probe{Name: name, Data: data} }

// Head is the first 64 KiB of the raw bytes.
func (p *Probe) Head() []byte {
	if len(p.Data) > probeHead {
		return p.Data[:probeHead]
	}
	return p.Data
}

// Text is the head decoded to UTF-8 (a byte order mark for UTF-8 or UTF-16
// honoured and removed; invalid UTF-8 read as Windows-1252), "" for binary
// data (NUL bytes outside UTF-16).
func (p *Probe) Text() string {
	if p.textDone {
		return p.text
	}
	p.textDone = true
	head := p.Head()
	if len(head)%2 == 1 && (bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF})) {
		head = head[:len(head)-1]
	}
	t, _, err := decodeText(head)
	if err != nil || strings.ContainsRune(t, 0) {
		return ""
	}
	p.text = t
	return t
}

// XMLRoot is the name of the document element when the file is XML (a
// declaration, comments and a DOCTYPE before it are skipped); ok false
// otherwise. Errors after the root's start tag do not matter here.
func (p *Probe) XMLRoot() (name xml.Name, ok bool) {
	if p.xmlDone {
		return p.xmlRoot, p.xmlOK
	}
	p.xmlDone = true
	// The XML parsers read the file through xmlToUTF8 (a byte order mark,
	// UTF-16 by its "<?", the declared charset): so does this, so that what
	// they accept is detected as theirs (a NUL inside a UTF-16 comment does
	// not make it binary here).
	head := p.Head()
	if len(head)%2 == 1 && len(head) == probeHead {
		head = head[:len(head)-1]
	}
	text := p.Text()
	if b, err := xmlToUTF8(head); err == nil {
		text = string(b)
	}
	if !strings.HasPrefix(strings.TrimLeft(text, " \t\r\n"), "<") {
		return xml.Name{}, false
	}
	d := xml.NewDecoder(strings.NewReader(text))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	d.CharsetReader = passThroughCharset
	for {
		tok, err := d.Token()
		if err != nil {
			return xml.Name{}, false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			p.xmlRoot, p.xmlOK = t.Name, true
			return t.Name, true
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return xml.Name{}, false
			}
		}
	}
}

// sniffXMLRoot is SniffSure for XML whose root element is <root> (in any
// letter case and any namespace or none), else SniffNo.
func (p *Probe) sniffXMLRoot(root string) int {
	if name, ok := p.XMLRoot(); ok && strings.EqualFold(name.Local, root) {
		return SniffSure
	}
	return SniffNo
}

// JSONKeys are the member names of the top-level JSON object, in file
// order; ok false when the file is not a JSON object (it reads the whole
// file's tokens, skipping values).
func (p *Probe) JSONKeys() (keys []string, ok bool) {
	if p.keysDone {
		return p.keys, p.keysOK
	}
	p.keysDone = true
	data := bytes.TrimPrefix(p.Data, []byte{0xEF, 0xBB, 0xBF})
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return nil, false
	}
	d := json.NewDecoder(bytes.NewReader(trimmed))
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return nil, false
	}
	for d.More() {
		key, err := d.Token()
		if err != nil {
			return nil, false
		}
		k, _ := key.(string)
		keys = append(keys, k)
		var skip json.RawMessage
		if err := d.Decode(&skip); err != nil {
			// A value cut short: the keys so far still tell the shape.
			p.keys, p.keysOK = keys, len(keys) > 0
			return p.keys, p.keysOK
		}
	}
	p.keys, p.keysOK = keys, true
	return keys, true
}

// HasJSONKeys reports whether the top-level JSON object has every one of names.
func (p *Probe) HasJSONKeys(names ...string) bool {
	keys, ok := p.JSONKeys()
	if !ok {
		return false
	}
	for _, n := range names {
		if !slices.Contains(keys, n) {
			return false
		}
	}
	return true
}

// IsZip reports whether the file is a ZIP archive.
func (p *Probe) IsZip() bool { return bytes.HasPrefix(p.Data, []byte("PK\x03\x04")) }

// signatures of files people drop by mistake, for Describe.
var signatures = []struct {
	magic string
	what  string
}{
	{"%PDF-", "a PDF document"},
	{"\x89PNG\r\n\x1a\n", "a PNG image"},
	{"\xff\xd8\xff", "a JPEG image"},
	{"GIF8", "a GIF image"},
	{"RIFF", "a RIFF file (WebP image or WAV audio)"},
	{"\x1f\x8b", "a gzip-compressed file"},
	{"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"},
	{"Rar!", "a RAR archive"},
	{"SQLite format 3\x00", "an SQLite database"},
	{"\xd0\xcf\x11\xe0", "an old Microsoft Office document"},
	{"\x7fELF", "a program (ELF)"},
	{"MZ", "a Windows program"},
	{"BEGIN:VCALENDAR", "an iCalendar file"},
}

// Describe says what the file looks like, for the message of a file no
// format claims: "a PNG image", "an XML document with root <svg>", "a JSON
// object with the members a, b, c", "plain text".
func (p *Probe) Describe() string {
	for _, s := range signatures {
		if bytes.HasPrefix(p.Data, []byte(s.magic)) {
			return s.what
		}
	}
	if p.IsZip() {
		return "a ZIP archive with no Markdown notes"
	}
	if name, ok := p.XMLRoot(); ok {
		if strings.EqualFold(name.Local, "html") {
			return "a web page (HTML) that is not a bookmark file"
		}
		return "an XML document with root <" + truncateRunes(name.Local, 40) + ">"
	}
	if keys, ok := p.JSONKeys(); ok {
		if len(keys) == 0 {
			return "an empty JSON object"
		}
		if len(keys) > 5 {
			keys = append(keys[:5:5], "…")
		}
		for i, k := range keys {
			keys[i] = truncateRunes(k, 30)
		}
		return "a JSON object with the members " + strings.Join(keys, ", ")
	}
	t := strings.TrimSpace(p.Text())
	switch {
	case t == "":
		if len(bytes.TrimSpace(p.Data)) == 0 {
			return "an empty file"
		}
		return "binary data"
	case strings.HasPrefix(t, "["):
		return "a JSON array"
	case !utf8.ValidString(t):
		return "text in an unknown encoding"
	}
	return "plain text"
}

// passThroughCharset is an xml.Decoder CharsetReader for text already
// converted to UTF-8 (decodeText/xmlToUTF8).
func passThroughCharset(_ string, input io.Reader) (io.Reader, error) { return input, nil }
