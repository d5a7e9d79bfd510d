package interchange

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/plexus-pln/plexus/backend/pln"
)

// Limits on an OPML file.
const (
	MaxOPMLBytes   = 32 << 20 // the file, as read
	MaxOPMLFeeds   = 100_000  // feed outlines
	MaxOPMLFolders = 100_000  // distinct folder paths
	MaxOPMLDepth   = 256      // elements nested inside one another
	// MaxOPMLFolderTags is how many enclosing folder titles, outermost
	// first, a feed keeps (they become its tags). Titled folders nested
	// deeper still count as folders, but add nothing to the feeds inside
	// them; OPMLResult.Notes says so (docs/decisions/import-memory.md).
	MaxOPMLFolderTags = 16
)

// OPMLResult is what ParseOPML found in an OPML file. Its size is O(the
// file's size): no folder path is stored whole (Folders is a tree, and the
// feeds directly inside one folder share one Folders slice).
type OPMLResult struct {
	Title   string   // the head's <title>, cleaned to one line; may be empty
	Feeds   []Feed   // feed outlines in document order (duplicates kept; FeedsToNodes merges them)
	Folders []Folder // every distinct titled folder (same title in the same parent folder), empty ones included, in document order
	// Notes are things the import should tell the user: folders nested
	// deeper than MaxOPMLFolderTags, naming the first line where it
	// happens. nil when there is nothing to say.
	Notes []string
	// Skipped are the feed outlines left out because they cannot be
	// imported (a feed URL over the length limit, say), each naming its
	// line; the rest of the file is read.
	Skipped []Warning
}

// Folder is one titled folder outline of an OPML file.
type Folder struct {
	Title  string // title attribute, else text; one line of at most pln.MaxTagLen characters
	Parent int    // index in OPMLResult.Folders of the enclosing titled folder; -1 at top level
}

// FolderPaths returns every folder's path, titles joined by "/" ("A/B"), in
// the order of Folders. For tests and diagnostics: the result's size is the
// sum of the path lengths, which a hostile file can make quadratic in its
// own size.
func (r *OPMLResult) FolderPaths() []string {
	if len(r.Folders) == 0 {
		return nil
	}
	out := make([]string, len(r.Folders))
	for i, f := range r.Folders {
		out[i] = f.Title
		if f.Parent >= 0 {
			out[i] = out[f.Parent] + "/" + f.Title
		}
	}
	return out
}

// Feed is one <outline> with an xmlUrl attribute.
type Feed struct {
	Title   string            // title attribute, else text, else the feed URL; one line of at most pln.MaxLabelLen characters
	FeedURL string            // xmlUrl, trimmed; never empty
	SiteURL string            // htmlUrl, trimmed; may be empty
	Folders []string          // titles of the enclosing titled folders, outermost first, at most MaxOPMLFolderTags; nil at top level. Feeds in one folder share this slice: do not modify it
	Extra   map[string]string // every other non-empty attribute as "opml:<name>"; "opml:text" holds text when it differs from Title; nil when none
	Line    int               // line of the outline's start tag, for messages
}

// ParseOPML reads an OPML document (OPML 1.0 or 2.0, http://opml.org/spec2.opml)
// and returns its feeds and folders. It reads the whole of r, at most
// MaxOPMLBytes.
//
// Rules (docs/api.md, ImportService):
//   - the root element must be <opml> with a <body>; only outlines in the
//     body count, at any depth;
//   - an <outline> with a non-blank xmlUrl attribute (any capitalisation:
//     xmlUrl, xmlURL, xmlurl…) is a feed: see Feed;
//   - any other <outline> is a folder when it has child outlines or has no
//     url/htmlUrl (a childless link outline is ignored). Its title (title,
//     else text) joins the folder path of the outlines inside it; a folder
//     without a title adds nothing to the path;
//   - a feed's children, if any, are read as if they were its siblings.
//
// Encodings: UTF-8 with or without a byte order mark, UTF-16 with a byte
// order mark (or starting "<?" in UTF-16), declared aliases such as "utf8",
// and declared US-ASCII / ISO-8859-1 / windows-1252. Other declared
// encodings are unsupported. HTML entities (&nbsp;…) are accepted.
//
// Errors are *pln.Error: too_large over MaxOPMLBytes, MaxOPMLFeeds or
// MaxOPMLFolders; unsupported for an unknown encoding; invalid for an empty
// file, malformed XML, a root other than <opml>, a missing <body>, nesting
// deeper than MaxOPMLDepth, or a feed whose fields pln.NodeFields.Normalize
// rejects even after cleaning (an over-long URL, say). Every error about a
// place in the file starts "line L, column C: "; InFile adds the file name.
// A failure to read r is returned as is (wrapped).
func ParseOPML(r io.Reader) (*OPMLResult, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxOPMLBytes+1))
	if err != nil {
		return nil, fmt.Errorf("interchange: reading OPML: %w", err)
	}
	if len(data) > MaxOPMLBytes {
		return nil, pln.TooLarge("The file is larger than %d MiB, the most Plexus imports at once.", MaxOPMLBytes>>20)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, pln.Invalid("The file is empty.")
	}
	text, err := xmlToUTF8(data)
	if err != nil {
		return nil, err
	}
	p := &opmlParser{text: text, lines: lineCounter{data: text}, d: newXMLDecoder(text), res: &OPMLResult{}, seenFolder: map[folderKey]int{}}
	err = p.parse()
	if err == nil {
		return p.res, nil
	}
	if !p.syntax {
		return nil, err
	}
	// Not well-formed: read it again leniently (a bare "&", an unquoted
	// attribute, an unclosed element). When that finds feeds, they are
	// offered with the strict error as a warning the user must accept.
	q := &opmlParser{text: text, lines: lineCounter{data: text}, d: newXMLDecoder(text), res: &OPMLResult{}, seenFolder: map[folderKey]int{}}
	q.d.Strict = false
	q.d.AutoClose = xml.HTMLAutoClose
	if q.parse() != nil || len(q.res.Feeds) == 0 {
		return nil, err
	}
	msg := pln.AsError(err).Message
	where, what, _ := strings.Cut(msg, ": ")
	q.res.Skipped = append(q.res.Skipped, Warning{Where: where, Skipped: true,
		Message: what + " The file was read leniently from there on: check the feeds near that line, or fix the file and import it again."})
	return q.res, nil
}

// trailing reads what follows the root element: comments, processing
// instructions and white space are fine; another element or text means a
// second document or damage, refused with its place (never cut short).
func (p *opmlParser) trailing() error {
	for {
		off := p.d.InputOffset()
		tok, err := p.d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return p.syntaxError(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			line, col := p.lines.at(off)
			return pln.Invalid("line %d, column %d: there is another element (<%s>) after the end of the OPML document; the file holds more than one document or is damaged, so nothing was imported.", line, col, truncateRunes(t.Name.Local, 40))
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				line, col := textStart(p.text, off)
				return pln.Invalid("line %d, column %d: there is text after the end of the OPML document; the file is damaged or holds more than one document, so nothing was imported.", line, col)
			}
		}
	}
}

// InFile puts "name: " before the message of err (a *pln.Error from this
// package), keeping its code, so that the user sees which file is meant.
func InFile(name string, err error) error {
	if err == nil || name == "" {
		return err
	}
	return withPrefix(name+": ", err)
}

type elemKind int

const (
	elemOther   elemKind = iota
	elemRoot             // <opml>
	elemHead             // <head>
	elemTitle            // <head><title>
	elemBody             // <body>
	elemFeed             // feed outline
	elemFolder           // folder outline
	elemPending          // outline with a url: a folder only if it gets children
)

type openElem struct {
	name      string
	kind      elemKind
	line, col int
	title     string // folder title (elemFolder, elemPending)
	inPath    bool   // the folder was pushed onto parents (and, within MaxOPMLFolderTags, its title onto path)
	inTags    bool   // its title was pushed onto path
	// view is path as it is directly inside this folder, made when the
	// first feed there needs it and shared by every feed there.
	view []string
}

// folderKey names a distinct folder: its parent's index and its title.
type folderKey struct {
	parent int
	title  string
}

type opmlParser struct {
	text       []byte
	lines      lineCounter
	d          *xml.Decoder
	res        *OPMLResult
	stack      []openElem
	parents    []int    // indices in res.Folders of the enclosing titled folders, outermost first
	path       []string // titles of the outer MaxOPMLFolderTags of them: the current feeds' tags
	owners     []int    // for each title on path, the index in stack of its folder (whose view feeds use)
	seenFolder map[folderKey]int
	title      []byte
	noteDeep   bool // the note about deep folders was added
	sawRoot    bool
	sawBody    bool
	rootLine   int
	rootCol    int
	syntax     bool // the error is the file's XML syntax (not its content)
}

func (p *opmlParser) parse() error {
	for {
		startOff := p.d.InputOffset()
		tok, err := p.d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return p.syntaxError(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			line, col := p.lines.at(startOff)
			if err := p.start(t, line, col); err != nil {
				return err
			}
		case xml.EndElement:
			if p.end() {
				if err := p.finish(); err != nil {
					return err
				}
				return p.trailing()
			}
		case xml.CharData:
			if len(p.stack) == 0 && !p.sawRoot && len(bytes.TrimSpace(t)) > 0 {
				line, col := textStart(p.text, startOff)
				return pln.Invalid("line %d, column %d: there is text before the first element; this is not an OPML file.", line, col)
			}
			if n := len(p.stack); n > 0 && p.stack[n-1].kind == elemTitle && len(p.title) < 4096 {
				p.title = append(p.title, t...)
			}
		}
	}
	return p.finish()
}

func (p *opmlParser) finish() error {
	if !p.sawRoot {
		return pln.Invalid("The file has no <opml> element; it is not an OPML file.")
	}
	if !p.sawBody {
		return pln.Invalid("line %d, column %d: the <opml> element has no <body>, so there are no feeds to import.", p.rootLine, p.rootCol)
	}
	p.res.Title = cleanLine(string(p.title), pln.MaxLabelLen)
	return nil
}

func (p *opmlParser) push(e openElem) error {
	if err := xmlDepthError(len(p.stack), MaxOPMLDepth, e.line, e.col); err != nil {
		return err
	}
	p.stack = append(p.stack, e)
	return nil
}

func (p *opmlParser) start(t xml.StartElement, line, col int) error {
	name := t.Name.Local
	e := openElem{name: name, line: line, col: col}
	if len(p.stack) == 0 {
		if p.sawRoot {
			return nil // unreachable: parsing stops at the root's end
		}
		if !strings.EqualFold(name, "opml") {
			return pln.Invalid("line %d, column %d: the root element is <%s>, not <opml>; this is not an OPML file.", line, col, truncateRunes(name, 40))
		}
		p.sawRoot, p.rootLine, p.rootCol = true, line, col
		e.kind = elemRoot
		return p.push(e)
	}
	parent := &p.stack[len(p.stack)-1]
	switch {
	case parent.kind == elemRoot && strings.EqualFold(name, "body"):
		p.sawBody = true
		e.kind = elemBody
	case parent.kind == elemRoot && strings.EqualFold(name, "head"):
		e.kind = elemHead
	case parent.kind == elemHead && strings.EqualFold(name, "title"):
		e.kind = elemTitle
	case strings.EqualFold(name, "outline") && (parent.kind == elemBody || parent.kind == elemFeed || parent.kind == elemFolder || parent.kind == elemPending):
		if parent.kind == elemPending {
			parent.kind = elemFolder
			p.enterFolder(len(p.stack) - 1)
			if err := p.checkFolders(line, col); err != nil {
				return err
			}
		}
		return p.outline(t, e)
	}
	return p.push(e)
}

// end pops the innermost element and reports whether it was the root.
func (p *opmlParser) end() bool {
	n := len(p.stack)
	if n == 0 {
		return false
	}
	e := p.stack[n-1]
	p.stack = p.stack[:n-1]
	if e.inPath {
		p.parents = p.parents[:len(p.parents)-1]
	}
	if e.inTags {
		p.path = p.path[:len(p.path)-1]
		p.owners = p.owners[:len(p.owners)-1]
	}
	return e.kind == elemRoot
}

// enterFolder records the folder at stack index i (once per distinct
// folder) and, within MaxOPMLFolderTags, puts its title on the path.
// It costs O(1) memory whatever the depth: nothing joins a path.
func (p *opmlParser) enterFolder(i int) {
	e := &p.stack[i]
	if e.title == "" {
		return
	}
	parent := -1
	if n := len(p.parents); n > 0 {
		parent = p.parents[n-1]
	}
	k := folderKey{parent, e.title}
	idx, seen := p.seenFolder[k]
	if !seen {
		idx = len(p.res.Folders)
		p.seenFolder[k] = idx
		p.res.Folders = append(p.res.Folders, Folder{Title: e.title, Parent: parent})
	}
	p.parents = append(p.parents, idx)
	e.inPath = true
	if len(p.path) < MaxOPMLFolderTags {
		p.path = append(p.path, e.title)
		p.owners = append(p.owners, i)
		e.inTags = true
		return
	}
	if !p.noteDeep {
		p.noteDeep = true
		p.res.Notes = append(p.res.Notes, fmt.Sprintf("line %d, column %d: folders are nested more than %d deep; the feeds inside keep the names of the outer %d as tags.",
			e.line, e.col, MaxOPMLFolderTags, MaxOPMLFolderTags))
	}
}

// feedFolders is the Folders slice for a feed at the current place: the
// innermost tag-giving folder's view, made on first use.
func (p *opmlParser) feedFolders() []string {
	n := len(p.owners)
	if n == 0 {
		return nil
	}
	owner := &p.stack[p.owners[n-1]]
	if owner.view == nil {
		owner.view = slices.Clip(slices.Clone(p.path))
	}
	return owner.view
}

func (p *opmlParser) checkFolders(line, col int) error {
	if len(p.res.Folders) > MaxOPMLFolders {
		return pln.TooLarge("line %d, column %d: the file has more than %d folders; the limit is %d.", line, col, MaxOPMLFolders, MaxOPMLFolders)
	}
	return nil
}

func (p *opmlParser) outline(t xml.StartElement, e openElem) error {
	var title, text, xmlURL, htmlURL, link string
	hasXMLURL := false
	extra := map[string]string{}
	for _, a := range t.Attr {
		if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
			continue
		}
		if a.Name.Space == "" {
			switch strings.ToLower(a.Name.Local) {
			case "title":
				title = a.Value
				continue
			case "text":
				text = a.Value
				continue
			case "xmlurl":
				xmlURL, hasXMLURL = a.Value, true
				continue
			case "htmlurl":
				htmlURL = a.Value
				continue
			case "url":
				link = a.Value
			}
		}
		if strings.TrimSpace(a.Value) == "" {
			continue
		}
		k := "opml:" + a.Name.Local
		// One more than the limit is enough for Normalize to reject the
		// feed; the map never grows past it.
		if _, dup := extra[k]; !dup && len(extra) <= pln.MaxExtraKeys {
			extra[k] = a.Value
		}
	}

	if feedURL := cleanURL(xmlURL); feedURL != "" {
		label := cleanLine(title, pln.MaxLabelLen)
		if label == "" {
			label = cleanLine(text, pln.MaxLabelLen)
		}
		if label == "" {
			label = cleanLine(feedURL, pln.MaxLabelLen)
		}
		if t := strings.TrimSpace(text); t != "" && t != label {
			extra["opml:text"] = text
		}
		f := Feed{Title: label, FeedURL: feedURL, SiteURL: cleanURL(htmlURL), Folders: p.feedFolders(), Line: e.line}
		if len(extra) > 0 {
			f.Extra = extra
		}
		// Checked without the folder tags, which are valid by construction
		// (cleanLine, at most MaxOPMLFolderTags): normalizing them for every
		// feed here and again in FeedsToNodes doubled the garbage.
		check := f
		check.Folders = nil
		if _, err := feedNode(check); err != nil {
			p.res.Skipped = append(p.res.Skipped, Warning{Where: fmt.Sprintf("line %d, column %d", e.line, e.col),
				Message: fmt.Sprintf("the feed %q was left out: %s", truncateRunes(label, 60), pln.AsError(err).Message), Skipped: true})
			e.kind = elemFeed
			return p.push(e)
		}
		if len(p.res.Feeds) >= MaxOPMLFeeds {
			return pln.TooLarge("line %d, column %d: the file lists more than %d feeds; the limit is %d.", e.line, e.col, MaxOPMLFeeds, MaxOPMLFeeds)
		}
		p.res.Feeds = append(p.res.Feeds, f)
		e.kind = elemFeed
		return p.push(e)
	}

	e.title = cleanLine(title, pln.MaxTagLen)
	if e.title == "" {
		e.title = cleanLine(text, pln.MaxTagLen)
	}
	if hasXMLURL || cleanURL(htmlURL) != "" || cleanURL(link) != "" {
		e.kind = elemPending
		return p.push(e)
	}
	e.kind = elemFolder
	if err := p.push(e); err != nil {
		return err
	}
	p.enterFolder(len(p.stack) - 1)
	return p.checkFolders(e.line, e.col)
}

// syntaxError turns a decoder error into an invalid error naming the line
// and column the decoder stopped at and, when an element was left open, where
// that element started.
func (p *opmlParser) syntaxError(err error) error {
	p.syntax = true
	var open xmlOpen
	n := len(p.stack)
	if n > 0 {
		open = xmlOpen{name: p.stack[n-1].name, line: p.stack[n-1].line, col: p.stack[n-1].col}
	}
	return xmlSyntaxError(p.text, p.d, err, open, n > 0)
}

// FeedsToNodes turns the feeds of res into source nodes, one per distinct
// feed URL, in document order: Kind source, Label = the feed's title (the
// feed URL when it has none), FeedURL, URL = the site URL, Tags = the folder
// titles, outermost first, Relation "follows" (the ego tie), Extra = the
// feed's other attributes. A feed listed more than once (in two folders, say)
// becomes one node with the tags of every listing. Labels and tags are
// cleaned to what pln.NodeFields.Normalize accepts (one line, within the
// length limits, at most pln.MaxTags tags); every node returned passes
// Normalize. A feed that cannot be made to pass — which ParseOPML never
// returns — is left out. Nodes get no id, position, times or import id.
func FeedsToNodes(res *OPMLResult) []pln.Node {
	if res == nil {
		return nil
	}
	nodes := make([]pln.Node, 0, len(res.Feeds))
	byURL := map[string]int{}
	for _, f := range res.Feeds {
		n, err := feedNode(f)
		if err != nil {
			continue
		}
		i, dup := byURL[n.FeedURL]
		if !dup {
			byURL[n.FeedURL] = len(nodes)
			nodes = append(nodes, n)
			continue
		}
		m := &nodes[i]
		m.Tags = mergeTags(m.Tags, n.Tags)
		for k, v := range n.Extra {
			if _, ok := m.Extra[k]; !ok && len(m.Extra) < pln.MaxExtraKeys {
				if m.Extra == nil {
					m.Extra = map[string]string{}
				}
				m.Extra[k] = v
			}
		}
	}
	return nodes
}

// feedNode builds the node for one feed and normalizes it.
func feedNode(f Feed) (pln.Node, error) {
	feedURL := cleanURL(f.FeedURL)
	if feedURL == "" {
		return pln.Node{}, pln.Invalid("The feed has no feed URL.")
	}
	label := cleanLine(f.Title, pln.MaxLabelLen)
	if label == "" {
		label = cleanLine(feedURL, pln.MaxLabelLen)
	}
	fields := pln.NodeFields{
		Label:    label,
		Kind:     pln.KindSource,
		URL:      cleanURL(f.SiteURL),
		FeedURL:  feedURL,
		Tags:     mergeTags(nil, f.Folders),
		Relation: pln.RelFollows,
	}
	if len(f.Extra) > 0 {
		fields.Extra = make(map[string]string, len(f.Extra))
		for k, v := range f.Extra {
			fields.Extra[k] = v
		}
	}
	if err := fields.Normalize(); err != nil {
		return pln.Node{}, err
	}
	var n pln.Node
	n.SetFields(fields)
	return n, nil
}

// mergeTags appends the cleaned tags of b to a, skipping duplicates
// (case-insensitively, as pln.NormalizeTags does) and stopping at
// pln.MaxTags.
func mergeTags(a, b []string) []string {
	out := a
	if out == nil && len(b) > 0 {
		out = make([]string, 0, min(len(b), pln.MaxTags))
	}
	for _, t := range b {
		if len(out) >= pln.MaxTags {
			break
		}
		t = cleanTag(t)
		if t == "" || slices.ContainsFunc(out, func(s string) bool { return strings.EqualFold(s, t) }) {
			continue
		}
		out = append(out, t)
	}
	if len(out) == 0 {
		return nil // as pln.NormalizeTags gives
	}
	return out
}

// cleanTag makes one imported tag or context what pln.NormalizeTags keeps:
// one line, NFC, no white space or format characters at its ends, and at most
// pln.MaxTagLen characters (cut with "…").
func cleanTag(t string) string {
	t = pln.TrimTag(cleanLine(pln.TrimTag(t), pln.MaxTagLen))
	if utf8.RuneCountInString(t) > pln.MaxTagLen { // NFC lengthened a cut tag
		t = pln.TrimTag(string([]rune(t)[:pln.MaxTagLen]))
	}
	return t
}

// WriteOPML writes an OPML 2.0 document (http://opml.org/spec2.opml) listing
// the source nodes among nodes that have a feed URL; other nodes are left
// out. title becomes the head's <title>. A node with tags goes into a folder
// outline named after its first tag (one level; folders appear where their
// first feed would, tags that differ only in case share a folder); a node
// without tags sits at the top level. Each feed outline carries text (the
// node's "opml:text" extra, else its label), title (the label), type (the
// "opml:type" extra, else "rss"), xmlUrl, htmlUrl (when the node has a URL)
// and every other "opml:<name>" extra whose name is a plain XML name, in
// name order. Other extras are not written. The output is UTF-8 and
// deterministic for a given input; ParseOPML reads it back to the same
// nodes as long as no node has more than one tag.
func WriteOPML(w io.Writer, title string, nodes []pln.Node) error {
	type item struct {
		folder string     // "" for a top-level feed
		feeds  []pln.Node // the feed (top level) or the folder's feeds
	}
	var items []*item
	folders := map[string]*item{}
	for _, n := range nodes {
		if n.Kind != pln.KindSource || n.Ego || cleanURL(n.FeedURL) == "" {
			continue
		}
		tag := ""
		if len(n.Tags) > 0 {
			tag = cleanLine(n.Tags[0], pln.MaxTagLen)
		}
		if tag == "" {
			items = append(items, &item{feeds: []pln.Node{n}})
			continue
		}
		key := strings.ToLower(tag)
		it := folders[key]
		if it == nil {
			it = &item{folder: tag}
			folders[key] = it
			items = append(items, it)
		}
		it.feeds = append(it.feeds, n)
	}

	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	opml := xml.StartElement{Name: xml.Name{Local: "opml"}, Attr: []xml.Attr{{Name: xml.Name{Local: "version"}, Value: "2.0"}}}
	head := xml.StartElement{Name: xml.Name{Local: "head"}}
	titleEl := xml.StartElement{Name: xml.Name{Local: "title"}}
	body := xml.StartElement{Name: xml.Name{Local: "body"}}
	toks := []xml.Token{opml, head, titleEl, xml.CharData(cleanLine(title, pln.MaxLabelLen)), titleEl.End(), head.End(), body}
	for _, it := range items {
		if it.folder != "" {
			f := outlineStart([]xml.Attr{attr("text", it.folder), attr("title", it.folder)})
			toks = append(toks, f)
			for _, n := range it.feeds {
				toks = append(toks, feedOutline(n), outlineEnd)
			}
			toks = append(toks, outlineEnd)
			continue
		}
		toks = append(toks, feedOutline(it.feeds[0]), outlineEnd)
	}
	toks = append(toks, body.End(), opml.End())
	for _, t := range toks {
		if err := enc.EncodeToken(t); err != nil {
			return err
		}
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

var outlineEnd = xml.EndElement{Name: xml.Name{Local: "outline"}}

func outlineStart(attrs []xml.Attr) xml.StartElement {
	return xml.StartElement{Name: xml.Name{Local: "outline"}, Attr: attrs}
}

func attr(name, value string) xml.Attr {
	return xml.Attr{Name: xml.Name{Local: name}, Value: value}
}

func feedOutline(n pln.Node) xml.StartElement {
	label := cleanLine(n.Label, pln.MaxLabelLen)
	if label == "" {
		label = cleanURL(n.FeedURL)
	}
	text := n.Extra["opml:text"]
	if strings.TrimSpace(text) == "" {
		text = label
	}
	typ := n.Extra["opml:type"]
	if strings.TrimSpace(typ) == "" {
		typ = "rss"
	}
	attrs := []xml.Attr{attr("text", text), attr("title", label), attr("type", typ), attr("xmlUrl", cleanURL(n.FeedURL))}
	if u := cleanURL(n.URL); u != "" {
		attrs = append(attrs, attr("htmlUrl", u))
	}
	var keys []string
	for k := range n.Extra {
		name, ok := strings.CutPrefix(k, "opml:")
		if !ok || !isXMLName(name) {
			continue
		}
		switch strings.ToLower(name) {
		case "text", "title", "type", "xmlurl", "htmlurl", "xmlns":
			continue
		}
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		attrs = append(attrs, attr(strings.TrimPrefix(k, "opml:"), n.Extra[k]))
	}
	return outlineStart(attrs)
}

// isXMLName reports whether s is an XML name without a colon (letters,
// digits, '-', '_', '.'; not starting with a digit, '-' or '.'), safe to
// write as an attribute name.
func isXMLName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_' || unicode.IsLetter(r):
		case i > 0 && (r == '-' || r == '.' || unicode.IsDigit(r)):
		default:
			return false
		}
	}
	return true
}

// opmlFormat registers OPML: in (feeds become source nodes) and out
// (WriteOPML).
type opmlFormat struct{}

func init() { Register(opmlFormat{}) }

func (opmlFormat) Name() string      { return FormatOPML }
func (opmlFormat) Title() string     { return "OPML 1.0/2.0 feed list" }
func (opmlFormat) Extension() string { return "opml" }
func (opmlFormat) Order() int        { return 10 }

// Sniff: XML whose root element is <opml>, in any letter case.
func (opmlFormat) Sniff(p *Probe) int {
	return p.sniffXMLRoot("opml")
}

// Parse reads each OPML file: one source node per distinct feed URL
// (FeedsToNodes' rules), keyed by the normalised feed URL; a feed listed
// again (in another folder, or with another title) is merged into the
// first with a warning naming both lines, its other title kept as the
// alias "opml:alias". The files' notes become warnings.
func (opmlFormat) Parse(files []File) (*Doc, error) {
	d := &Doc{Format: FormatOPML}
	byURL := map[string]int{}
	lines := map[string]int{}
	for _, f := range files {
		res, err := ParseOPML(bytes.NewReader(f.Data))
		if err != nil {
			return nil, InFile(f.Name, err)
		}
		if d.Title == "" {
			d.Title = res.Title
		}
		for _, note := range res.Notes {
			d.Warn(f.Name, "%s", note)
		}
		for _, w := range res.Skipped {
			w.Where = joinWhere(f.Name, w.Where, len(files))
			d.Warnings = append(d.Warnings, w)
		}
		for _, feed := range res.Feeds {
			n, err := feedNode(feed)
			where := joinWhere(f.Name, fmt.Sprintf("line %d", feed.Line), len(files))
			if err != nil {
				d.Skip(where, "the feed %q cannot be imported: %s", truncateRunes(feed.Title, 60), pln.AsError(err).Message)
				continue
			}
			key := strings.ToLower(n.FeedURL)
			i, dup := byURL[key]
			if !dup {
				byURL[key] = len(d.Nodes)
				lines[key] = feed.Line
				d.Nodes = append(d.Nodes, DocNode{Key: n.FeedURL, Node: n, Where: where})
				continue
			}
			m := &d.Nodes[i]
			m.Node.Tags = mergeTags(m.Node.Tags, n.Tags)
			for k, v := range n.Extra {
				if _, ok := m.Node.Extra[k]; !ok {
					PutExtra(&m.Node.Extra, k, v)
				}
			}
			if n.Label != m.Node.Label && !slices.Contains(m.Aliases, n.Label) {
				m.Aliases = append(m.Aliases, n.Label)
				PutExtra(&m.Node.Extra, "opml:alias", strings.Join(m.Aliases, " | "))
				d.Warn(where, "the feed %s is listed again (first at line %d, as %q) with the title %q: merged into one node, the second title kept as an alias.", n.FeedURL, lines[key], m.Node.Label, n.Label)
			} else {
				d.Warn(where, "the feed %q is listed again (first at line %d): merged into one node with the tags of both.", truncateRunes(n.Label, 60), lines[key])
			}
		}
	}
	return d, nil
}

// joinWhere names a place in one of several files.
func joinWhere(file, where string, files int) string {
	if files <= 1 {
		return where
	}
	if where == "" {
		return file
	}
	return where + " of " + file
}

// Export writes the sources with a feed URL as OPML 2.0 (WriteOPML).
func (opmlFormat) Export(net *Network) ([]File, error) {
	var buf bytes.Buffer
	title := "Plexus feeds"
	if ego := net.Ego(); ego.Label != "" {
		title = ego.Label + "'s feeds"
	}
	if err := WriteOPML(&buf, title, net.Nodes); err != nil {
		return nil, err
	}
	return []File{{Name: "feeds.opml", Data: buf.Bytes()}}, nil
}
