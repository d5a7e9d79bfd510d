package interchange

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"

	"github.com/plexus-pln/plexus/backend/pln"
)

// FormatBookmarks is the registry name of the Netscape bookmark file.
const FormatBookmarks = "bookmarks"

// Limits on a bookmark file.
const (
	// MaxBookmarkFolderTags is how many enclosing folder titles,
	// outermost first, a link keeps as tags; deeper folders add nothing
	// (a warning names the first line where that happens).
	MaxBookmarkFolderTags = 16
	// maxBookmarkText caps the text gathered for one link title or
	// folder title (far more than the label keeps).
	maxBookmarkText = 4096
	// maxBookmarkAliases caps the other titles kept for one URL.
	maxBookmarkAliases = 20
)

// bookmarksFormat registers the Netscape bookmark file
// (<!DOCTYPE NETSCAPE-Bookmark-file-1>), which every browser exports:
// import only. Each http(s) link is a source node.
type bookmarksFormat struct{}

func init() { Register(bookmarksFormat{}) }

func (bookmarksFormat) Name() string  { return FormatBookmarks }
func (bookmarksFormat) Title() string { return "Netscape bookmark file (browser bookmarks)" }

var (
	bookmarksDoctype = []byte("<!doctype netscape-bookmark-file-1")
	bookmarksLinkRe  = regexp.MustCompile(`(?i)<dt>\s*<a\s[^>]*href`)
)

// Sniff: the NETSCAPE-Bookmark-file-1 doctype (any letter case) is sure;
// HTML with a <DL> and a <DT><A HREF…> in it is likely.
func (bookmarksFormat) Sniff(p *Probe) int {
	text := p.Text()
	if text == "" {
		return SniffNo
	}
	lower := bytes.ToLower([]byte(text))
	if bytes.Contains(lower, bookmarksDoctype) {
		return SniffSure
	}
	if bytes.Contains(lower, []byte("<dl")) && bookmarksLinkRe.Match(lower) {
		return SniffLikely
	}
	return SniffNo
}

// Parse reads each bookmark file: one source node per distinct http(s)
// URL, keyed by the URL. See docs/formats.md, "Netscape bookmarks".
func (bookmarksFormat) Parse(files []File) (*Doc, error) {
	d := &Doc{Format: FormatBookmarks}
	m := &bookmarkMerge{d: d, byURL: map[string]int{}, lines: map[string]string{}}
	for _, f := range files {
		if err := m.file(f, len(files)); err != nil {
			return nil, InFile(f.Name, err)
		}
	}
	if len(d.Nodes) > MaxItems {
		return nil, pln.TooLarge("The files hold more than %d links; the limit is %d.", MaxItems, MaxItems)
	}
	return d, nil
}

// bookmarkMerge gathers the links of every file of one import into one
// Doc, merging links to the same URL.
type bookmarkMerge struct {
	d     *Doc
	byURL map[string]int    // dedupe key → index in d.Nodes
	lines map[string]string // dedupe key → where it was first
}

// bookmark is one <A> being read.
type bookmark struct {
	href    string
	attrs   [][2]string // other attributes, names upper-cased, in file order
	tags    []string    // folder titles then TAGS
	title   []byte
	desc    []byte
	hasDesc bool
	line    int
}

// bookmarkFolder is one open <DL>.
type bookmarkFolder struct {
	tagged bool // its title is on path
}

type bookmarkParser struct {
	m        *bookmarkMerge
	name     string
	files    int
	text     []byte
	lines    lineCounter
	folders  []bookmarkFolder
	path     []string // titles of the enclosing titled folders, outer MaxBookmarkFolderTags
	pending  string   // title of the last <H3>, for the <DL> that follows
	h3       []byte
	inH3     bool
	inTitle  bool
	docTitle []byte
	cur      *bookmark // the link whose title or description is being read
	inA      bool      // reading cur's title
	inDD     bool      // reading cur's description
	last     int       // what came last: 0 nothing, 1 a link, 2 a folder
	links    int       // <A> elements seen
	web      int       // links kept
	notWeb   int       // links left out
	icons    string    // where the first icon was
	deep     bool      // the deep-folder warning was given
	folderDD string    // where the first folder description was
}

func (m *bookmarkMerge) file(f File, files int) error {
	text, note, err := bookmarksText(f.Data)
	if err != nil {
		return err
	}
	p := &bookmarkParser{m: m, name: f.Name, files: files, text: text, lines: lineCounter{data: text}}
	if note != "" {
		m.d.Warn(p.where(""), "%s", note)
	}
	if err := p.parse(); err != nil {
		return err
	}
	if p.icons != "" {
		m.d.Warn(p.icons, "the links' icons (ICON, ICON_URI) are not imported: Plexus keeps no pictures.")
	}
	if p.folderDD != "" {
		m.d.Warn(p.folderDD, "folder descriptions (<DD> after a folder) are not imported: folders become tags, which have no description.")
	}
	if p.web == 0 {
		if p.notWeb > 0 {
			return pln.Invalid("The file has no link that can be imported: its %d link(s) are not web addresses (http or https) or cannot be imported.", p.notWeb)
		}
		return pln.Invalid("The file has no link to import (no <A HREF=…> element); it is not a bookmark file or it is empty.")
	}
	if m.d.Title == "" {
		m.d.Title = cleanLine(strings.Join(strings.Fields(string(p.docTitle)), " "), pln.MaxLabelLen)
	}
	return nil
}

// bookmarksText decodes a bookmark file to UTF-8: a byte order mark or
// UTF-16 wins; else a <META … charset=…> declaration (decodeCharset);
// else decodeText (UTF-8, else Windows-1252 with a note).
func bookmarksText(data []byte) ([]byte, string, error) {
	bom := bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) || bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF})
	utf16 := len(data) >= 4 && ((data[1] == 0 && data[3] == 0 && data[0] != 0) || (data[0] == 0 && data[2] == 0 && data[1] != 0))
	if !bom && !utf16 {
		if label := metaCharset(data); label != "" && normalizeCharset(label) != "utf-16" {
			out, err := decodeCharset(label, data)
			return out, "", err
		}
	}
	t, note, err := decodeText(data)
	return []byte(t), note, err
}

// metaCharset is the charset a <META> element declares in the head of
// data (charset="…", or content="text/html; charset=…"), "" when none
// does before the first list or link.
func metaCharset(data []byte) string {
	if len(data) > probeHead {
		data = data[:probeHead]
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return ""
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, more := z.TagName()
		switch string(name) {
		case "dl", "dt", "a", "h3", "body":
			return ""
		case "meta":
		default:
			continue
		}
		for more {
			var k, v []byte
			k, v, more = z.TagAttr()
			switch string(k) {
			case "charset":
				return strings.TrimSpace(string(v))
			case "content":
				lv := strings.ToLower(string(v))
				if i := strings.Index(lv, "charset="); i >= 0 {
					cs := strings.TrimSpace(string(v)[i+len("charset="):])
					cs = strings.Trim(cs, `"'`)
					if j := strings.IndexAny(cs, "; \t"); j >= 0 {
						cs = cs[:j]
					}
					return cs
				}
			}
		}
	}
}

func (p *bookmarkParser) where(w string) string { return joinWhere(p.name, w, p.files) }

func (p *bookmarkParser) parse() error {
	z := html.NewTokenizer(bytes.NewReader(p.text))
	off := 0
	for {
		tt := z.Next()
		start := off
		off += len(z.Raw())
		switch tt {
		case html.ErrorToken:
			p.endLink()
			return nil
		case html.TextToken:
			p.textToken(z.Text())
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			if err := p.startTag(z, string(name), more, start); err != nil {
				return err
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			p.endTag(string(name))
		}
	}
}

func (p *bookmarkParser) textToken(t []byte) {
	switch {
	case p.inA:
		if len(p.cur.title) < maxBookmarkText {
			p.cur.title = append(p.cur.title, t...)
		}
	case p.inDD:
		if len(p.cur.desc) <= pln.MaxBodyBytes {
			p.cur.desc = append(p.cur.desc, t...)
		}
	case p.inH3:
		if len(p.h3) < maxBookmarkText {
			p.h3 = append(p.h3, t...)
		}
	case p.inTitle:
		if len(p.docTitle) < maxBookmarkText {
			p.docTitle = append(p.docTitle, t...)
		}
	}
}

func (p *bookmarkParser) startTag(z *html.Tokenizer, name string, more bool, off int) error {
	switch name {
	case "a":
		p.endLink()
		p.endH3()
		p.pending = ""
		line, _ := p.lines.at(int64(off))
		return p.startLink(z, more, line)
	case "dt", "h3", "hr":
		p.endLink()
		p.endH3()
		p.pending = ""
		if name == "h3" {
			p.inH3 = true
			p.h3 = p.h3[:0]
		}
	case "dl":
		p.endLink()
		p.endH3()
		f := bookmarkFolder{}
		if p.pending != "" {
			if len(p.path) < MaxBookmarkFolderTags {
				p.path = append(p.path, p.pending)
				f.tagged = true
			} else if !p.deep {
				p.deep = true
				line, _ := p.lines.at(int64(off))
				p.m.d.Warn(p.where(fmt.Sprintf("line %d", line)), "folders are nested more than %d deep; the links inside keep the names of the outer %d as tags.", MaxBookmarkFolderTags, MaxBookmarkFolderTags)
			}
		}
		p.pending = ""
		p.folders = append(p.folders, f)
	case "dd":
		p.inA = false
		p.endH3()
		switch {
		case p.cur != nil && !p.inDD:
			p.inDD, p.cur.hasDesc = true, true
		case p.cur == nil && p.last == 2 && p.folderDD == "":
			line, _ := p.lines.at(int64(off))
			p.folderDD = p.where(fmt.Sprintf("line %d", line))
		}
	case "br", "p":
		if p.inDD && len(p.cur.desc) <= pln.MaxBodyBytes {
			p.cur.desc = append(p.cur.desc, '\n')
		}
	case "title":
		p.inTitle = true
	}
	return nil
}

func (p *bookmarkParser) endTag(name string) {
	switch name {
	case "a":
		p.inA = false
	case "dd":
		p.inDD = false
	case "h3":
		p.endH3()
	case "dl":
		p.endLink()
		p.endH3()
		p.pending = ""
		if n := len(p.folders); n > 0 {
			if p.folders[n-1].tagged {
				p.path = p.path[:len(p.path)-1]
			}
			p.folders = p.folders[:n-1]
		}
	case "title":
		p.inTitle = false
	}
}

// endH3 ends the folder title being read: it names the next <DL>.
func (p *bookmarkParser) endH3() {
	if !p.inH3 {
		return
	}
	p.inH3 = false
	p.pending = cleanLine(strings.Join(strings.Fields(string(p.h3)), " "), pln.MaxTagLen)
	p.last = 2
}

func (p *bookmarkParser) startLink(z *html.Tokenizer, more bool, line int) error {
	p.links++
	if p.links > MaxItems {
		return pln.TooLarge("line %d: the file has more than %d links; the limit is %d.", line, MaxItems, MaxItems)
	}
	b := &bookmark{line: line}
	hasHref := false
	var tagAttr string
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		switch key := string(k); key {
		case "href":
			if !hasHref {
				b.href, hasHref = string(v), true
			}
		case "tags":
			tagAttr = string(v)
		case "icon", "icon_uri":
			if len(v) > 0 && p.icons == "" {
				p.icons = p.where(fmt.Sprintf("line %d", line))
			}
		default:
			if len(b.attrs) <= pln.MaxExtraKeys {
				b.attrs = append(b.attrs, [2]string{strings.ToUpper(key), string(v)})
			}
		}
	}
	p.last = 1
	where := p.where(fmt.Sprintf("line %d", line))
	u := cleanURL(b.href)
	switch {
	case !hasHref:
		p.notWeb++
		p.m.d.Skip(where, "the link has no HREF (no address): left out.")
		return nil
	case !pln.IsWebURL(u):
		p.notWeb++
		p.m.d.Skip(where, "the link %q is not a web address (http or https): left out.", truncateRunes(u, 80))
		return nil
	}
	b.href = u
	b.tags = slices.Clone(p.path)
	for t := range strings.SplitSeq(tagAttr, ",") {
		if t = strings.TrimSpace(t); t != "" {
			b.tags = append(b.tags, t)
		}
	}
	p.cur, p.inA = b, true
	return nil
}

// endLink ends the link being read (its title and description) and adds
// it to the Doc.
func (p *bookmarkParser) endLink() {
	b := p.cur
	if b == nil {
		return
	}
	p.cur, p.inA, p.inDD = nil, false, false
	if p.m.add(b, p.where(fmt.Sprintf("line %d", b.line))) {
		p.web++
	} else {
		p.notWeb++
	}
}

// add turns b into a node (or merges it into the node of its URL) and
// reports whether it was kept.
func (m *bookmarkMerge) add(b *bookmark, where string) bool {
	d := m.d
	label := cleanLine(strings.Join(strings.Fields(string(b.title)), " "), pln.MaxLabelLen)
	if label == "" {
		if u, err := url.Parse(b.href); err == nil && u.Hostname() != "" {
			label = cleanLine(u.Hostname(), pln.MaxLabelLen)
		}
	}
	if label == "" {
		label = cleanLine(b.href, pln.MaxLabelLen)
	}
	fields := pln.NodeFields{Label: label, Kind: pln.KindSource, URL: b.href, Tags: mergeTags(nil, b.tags)}
	if droppedTags(fields.Tags, b.tags) {
		d.Warn(where, "the link %q has more than %d tags and folders; the first %d were kept.", truncateRunes(label, 60), pln.MaxTags, pln.MaxTags)
	}
	if b.hasDesc {
		desc := strings.TrimSpace(strings.ToValidUTF8(string(b.desc), "\uFFFD"))
		if len(desc) > pln.MaxBodyBytes {
			desc = strings.ToValidUTF8(desc[:pln.MaxBodyBytes], "")
			d.Warn(where, "the description of %q is longer than %d bytes; it was cut short.", truncateRunes(label, 60), pln.MaxBodyBytes)
		}
		fields.Description = desc
	}
	var lost []string
	for _, a := range b.attrs {
		if !PutExtra(&fields.Extra, "bookmarks:"+a[0], a[1]) {
			lost = append(lost, truncateRunes(a[0], 40))
		}
	}
	if len(lost) > 0 {
		if len(lost) > 5 {
			lost = append(lost[:5:5], "…")
		}
		d.Warn(where, "the link %q has more attributes than Plexus keeps (%d); not kept: %s.", truncateRunes(label, 60), pln.MaxExtraKeys, strings.Join(lost, ", "))
	}
	if err := fields.Normalize(); err != nil {
		d.Skip(where, "the link %q cannot be imported: %s", truncateRunes(label, 60), pln.AsError(err).Message)
		return false
	}
	key := bookmarkKey(fields.URL)
	i, dup := m.byURL[key]
	if !dup {
		m.byURL[key] = len(d.Nodes)
		m.lines[key] = where
		var n pln.Node
		n.SetFields(fields)
		d.Nodes = append(d.Nodes, DocNode{Key: fields.URL, Node: n, Where: where})
		return true
	}
	dn := &d.Nodes[i]
	dn.Node.Tags = mergeTags(dn.Node.Tags, fields.Tags)
	for k, v := range fields.Extra {
		if _, ok := dn.Node.Extra[k]; !ok {
			PutExtra(&dn.Node.Extra, k, v)
		}
	}
	descLost := ""
	switch {
	case dn.Node.Description == "":
		dn.Node.Description = fields.Description
	case fields.Description != "" && fields.Description != dn.Node.Description:
		descLost = " (its description differs and was not kept)"
	}
	if label != dn.Node.Label && !slices.Contains(dn.Aliases, label) {
		if len(dn.Aliases) < maxBookmarkAliases {
			dn.Aliases = append(dn.Aliases, label)
			PutExtra(&dn.Node.Extra, "bookmarks:alias", strings.Join(dn.Aliases, " | "))
		}
		d.Warn(where, "the address %s is bookmarked again (first at %s, as %q) with the title %q: merged into one node with the tags of both, the second title kept as an alias%s.",
			truncateRunes(fields.URL, 100), m.lines[key], truncateRunes(dn.Node.Label, 60), truncateRunes(label, 60), descLost)
	} else {
		d.Warn(where, "the link %q is bookmarked again (first at %s): merged into one node with the tags of both%s.", truncateRunes(label, 60), m.lines[key], descLost)
	}
	return true
}

// droppedTags reports whether some non-empty tag of want is not in got
// (mergeTags stopped at pln.MaxTags).
func droppedTags(got, want []string) bool {
	if len(got) < pln.MaxTags {
		return false
	}
	for _, t := range want {
		t = cleanLine(t, pln.MaxTagLen)
		if t != "" && !slices.ContainsFunc(got, func(s string) bool { return strings.EqualFold(s, t) }) {
			return true
		}
	}
	return false
}

// bookmarkKey is the URL with its scheme and host lower-cased: two links
// with the same key are one node.
func bookmarkKey(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	return u.String()
}
