package interchange

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/plexus-pln/plexus/backend/pln"
)

func parseBookmarks(t testing.TB, files ...File) *Doc {
	t.Helper()
	d, err := bookmarksFormat{}.Parse(files)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	checkDoc(t, d)
	for i, dn := range d.Nodes {
		if dn.Node.Kind != pln.KindSource || !pln.IsWebURL(dn.Node.URL) || dn.Key != dn.Node.URL {
			t.Fatalf("node %d: %#v", i, dn)
		}
	}
	return d
}

func bookmarkFixture(t testing.TB, name string) File {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "bookmarks", name))
	if err != nil {
		t.Fatal(err)
	}
	return File{Name: name, Data: data}
}

func nodeByURL(t testing.TB, d *Doc, u string) DocNode {
	t.Helper()
	for _, n := range d.Nodes {
		if n.Node.URL == u {
			return n
		}
	}
	t.Fatalf("no node with URL %s", u)
	return DocNode{}
}

func TestBookmarksIE11Nested(t *testing.T) {
	d := parseBookmarks(t, bookmarkFixture(t, "ie11_nested.htm"))
	if len(d.Nodes) != 27 {
		t.Fatalf("%d nodes, want 27", len(d.Nodes))
	}
	if d.Title != "Bookmarks" || d.Format != "bookmarks" {
		t.Errorf("title %q, format %q", d.Title, d.Format)
	}
	// One warning: the icons (no link is skipped, no duplicate).
	if len(d.Warnings) != 1 || d.Warnings[0].Skipped || !strings.Contains(d.Warnings[0].Message, "icons") || d.Warnings[0].Where != "line 10" {
		t.Fatalf("warnings: %v", d.Warnings)
	}
	n := nodeByURL(t, d, "http://phpsadness.com/")
	if n.Node.Label != "PHP Sadness" || !reflect.DeepEqual(n.Node.Tags, []string{"Dev", "PHP"}) || n.Where != "line 17" {
		t.Errorf("PHP Sadness: %q %v %q", n.Node.Label, n.Node.Tags, n.Where)
	}
	wantExtra := map[string]string{"bookmarks:ADD_DATE": "1466269615", "bookmarks:LAST_VISIT": "1466269615", "bookmarks:LAST_MODIFIED": "1466269615"}
	if !reflect.DeepEqual(n.Node.Extra, wantExtra) {
		t.Errorf("extra %v", n.Node.Extra)
	}
	n = nodeByURL(t, d, "https://coderwall.com/p/euwpig/a-better-git-log")
	if n.Node.Label != "A better git log (Example) Coderwall" || !reflect.DeepEqual(n.Node.Tags, []string{"Dev", "SCM"}) {
		t.Errorf("coderwall: %q %v", n.Node.Label, n.Node.Tags)
	}
	if _, ok := n.Node.Extra["bookmarks:ICON_URI"]; ok {
		t.Errorf("icon kept: %v", n.Node.Extra)
	}
	n = nodeByURL(t, d, "http://c2.com/cgi/wiki?HeroicProgramming")
	if !reflect.DeepEqual(n.Node.Tags, []string{"Dev"}) {
		t.Errorf("c2 tags %v", n.Node.Tags)
	}
	n = nodeByURL(t, d, "http://go.microsoft.com/fwlink/?LinkId=69172")
	if n.Node.Label != "Get Windows Live" || !reflect.DeepEqual(n.Node.Tags, []string{"Windows Live"}) || n.Node.Extra["bookmarks:LAST_VISIT"] != "1387129534" {
		t.Errorf("windows live: %#v", n.Node)
	}
	n = nodeByURL(t, d, "http://lmgtfy.com/")
	if n.Node.Tags != nil || n.Node.Label != "Let me google that for you" {
		t.Errorf("top-level link: %q %v", n.Node.Label, n.Node.Tags)
	}
	// The empty folder "Links" gives nothing; every folder tag is one of these.
	folders := map[string]int{}
	for _, n := range d.Nodes {
		for _, tag := range n.Node.Tags {
			folders[tag]++
		}
	}
	want := map[string]int{"Comics": 2, "Dev": 12, "PHP": 1, "Python": 2, "SCM": 3, "Microsoft Websites": 5, "Music": 2, "Windows Live": 4}
	if !reflect.DeepEqual(folders, want) {
		t.Errorf("folder tags %v, want %v", folders, want)
	}
}

func TestBookmarksMultilineDescriptions(t *testing.T) {
	d := parseBookmarks(t, bookmarkFixture(t, "netscape_multiline.htm"))
	if len(d.Nodes) != 3 || len(d.Warnings) != 0 {
		t.Fatalf("%d nodes, warnings %v", len(d.Nodes), d.Warnings)
	}
	want := []string{
		"List:\n- item1\n- item2\n- item3",
		"Nested lists:\n- list1\n  - item1.1\n  - item1.2\n  - item1.3\n- list2\n  - item2.1",
		"List:\n- item1\n- item2\n\nParagraph number one.\n\nParagraph\nnumber\ntwo.",
	}
	for i, n := range d.Nodes {
		if n.Node.URL != "http://multi.li.ne/"+string(rune('1'+i)) || n.Node.Label != "Multiline desc" {
			t.Errorf("node %d: %q %q", i, n.Node.URL, n.Node.Label)
		}
		if n.Node.Description != want[i] {
			t.Errorf("node %d description %q, want %q", i, n.Node.Description, want[i])
		}
		if !reflect.DeepEqual(n.Node.Tags, []string{"multi"}) {
			t.Errorf("node %d tags %v", i, n.Node.Tags)
		}
		if n.Node.Extra["bookmarks:PRIVATE"] != "0" || n.Node.Extra["bookmarks:ADD_DATE"] == "" || n.Node.Extra["bookmarks:TAGS"] != "" {
			t.Errorf("node %d extra %v", i, n.Node.Extra)
		}
	}
}

const bookmarksHead = "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<TITLE>Bookmarks</TITLE>\n<H1>Bookmarks</H1>\n<DL><p>\n"

func TestBookmarksHandWritten(t *testing.T) {
	src := bookmarksHead +
		`<DT><H3>Reading</H3>` + "\n" + // line 5
		`<DD>Folder notes` + "\n" +
		`<DL><p>` + "\n" +
		`<DT><A HREF="javascript:alert(1)">Bookmarklet</A>` + "\n" + // line 8
		`<DT><A HREF="https://Example.org/a" TAGS="go, web ,,go" ICON="data:image/png;base64,AAAA">Example` + "\n" +
		`   site &amp; more</A>` + "\n" + // line 9-10
		`<DD>About &lt;it&gt;` + "\n" +
		`<DT><A HREF="place:sort=8">Recent</A>` + "\n" + // line 12
		`<DT><H3>Empty</H3>` + "\n" +
		`<DL><p>` + "\n" +
		`</DL><p>` + "\n" +
		`<DT><H3>Deeper</H3>` + "\n" +
		`<DL><p>` + "\n" +
		`<DT><A HREF="https://example.org/a" ADD_DATE="7">Example again</A>` + "\n" + // line 18
		`<DT><A HREF="http://bare.example.net/x"></A>` + "\n" + // line 19
		`</DL><p>` + "\n" +
		`</DL><p>` + "\n" +
		`<DT><A HREF="file:///etc/passwd">Local</A>` + "\n" + // line 22
		`<DT><A HREF="about:blank">Blank</A>` + "\n" +
		`<DT><A NAME="x">No address</A>` + "\n" +
		`</DL><p>` + "\n"
	d := parseBookmarks(t, File{Name: "hand.html", Data: []byte(src)})
	if len(d.Nodes) != 2 {
		t.Fatalf("%d nodes: %v", len(d.Nodes), d.Nodes)
	}
	n := d.Nodes[0]
	if n.Node.URL != "https://Example.org/a" || n.Node.Label != "Example site & more" || n.Where != "line 9" {
		t.Errorf("first: %q %q %q", n.Node.URL, n.Node.Label, n.Where)
	}
	if n.Node.Description != "About <it>" {
		t.Errorf("description %q", n.Node.Description)
	}
	if !reflect.DeepEqual(n.Node.Tags, []string{"Reading", "go", "web", "Deeper"}) {
		t.Errorf("tags %v", n.Node.Tags)
	}
	if n.Node.Extra["bookmarks:alias"] != "Example again" || n.Node.Extra["bookmarks:ADD_DATE"] != "7" || !reflect.DeepEqual(n.Aliases, []string{"Example again"}) {
		t.Errorf("merged: %v %v", n.Node.Extra, n.Aliases)
	}
	if _, ok := n.Node.Extra["bookmarks:ICON"]; ok {
		t.Errorf("icon kept")
	}
	bare := d.Nodes[1]
	if bare.Node.Label != "bare.example.net" || !reflect.DeepEqual(bare.Node.Tags, []string{"Reading", "Deeper"}) {
		t.Errorf("bare: %q %v", bare.Node.Label, bare.Node.Tags)
	}
	var skipped, other []string
	for _, w := range d.Warnings {
		if w.Skipped {
			skipped = append(skipped, w.Where)
		} else {
			other = append(other, w.String())
		}
	}
	if !reflect.DeepEqual(skipped, []string{"line 8", "line 12", "line 22", "line 23", "line 24"}) {
		t.Errorf("skipped at %v (%v)", skipped, d.Warnings)
	}
	if len(other) != 3 ||
		!strings.HasPrefix(other[0], "line 18: the address https://example.org/a is bookmarked again (first at line 9") ||
		!strings.HasPrefix(other[1], "line 9: the links' icons") ||
		!strings.HasPrefix(other[2], "line 6: folder descriptions") {
		t.Errorf("warnings %q", other)
	}
	for _, w := range d.Warnings {
		if w.Where == "line 8" && !strings.Contains(w.Message, "javascript:alert(1)") {
			t.Errorf("javascript warning %q", w.Message)
		}
	}
}

func TestBookmarksMultilineTitle(t *testing.T) {
	src := bookmarksHead + "<DT><A HREF=\"https://a.example/\">  Two\r\n\tlines\nof   title </A>\n<DT><H3>Folder\non two lines</H3>\n<DL><p>\n<DT><A HREF=\"https://b.example/\">b</A>\n</DL>\n</DL>\n"
	d := parseBookmarks(t, File{Name: "t.htm", Data: []byte(src)})
	if len(d.Nodes) != 2 || d.Nodes[0].Node.Label != "Two lines of title" || !reflect.DeepEqual(d.Nodes[1].Node.Tags, []string{"Folder on two lines"}) {
		t.Fatalf("nodes %#v", d.Nodes)
	}
}

func TestBookmarksDuplicateURL(t *testing.T) {
	src := bookmarksHead +
		"<DT><H3>A</H3>\n<DL><p>\n<DT><A HREF=\"https://dup.example/page\" ADD_DATE=\"1\">Page</A>\n</DL><p>\n" +
		"<DT><H3>B</H3>\n<DL><p>\n<DT><A HREF=\"https://dup.example/page\" LAST_VISIT=\"2\">Page</A>\n<DD>second description\n</DL><p>\n</DL>\n"
	d := parseBookmarks(t, File{Name: "dup.htm", Data: []byte(src)})
	if len(d.Nodes) != 1 {
		t.Fatalf("%d nodes", len(d.Nodes))
	}
	n := d.Nodes[0].Node
	if !reflect.DeepEqual(n.Tags, []string{"A", "B"}) || n.Extra["bookmarks:ADD_DATE"] != "1" || n.Extra["bookmarks:LAST_VISIT"] != "2" || n.Description != "second description" {
		t.Errorf("merged node %#v", n)
	}
	if _, ok := n.Extra["bookmarks:alias"]; ok {
		t.Errorf("alias for the same title: %v", n.Extra)
	}
	if len(d.Warnings) != 1 || d.Warnings[0].Where != "line 11" || !strings.Contains(d.Warnings[0].Message, "first at line 7") || d.Warnings[0].Skipped {
		t.Errorf("warnings %v", d.Warnings)
	}
	// Across two files of one import: one node, places name the files.
	d = parseBookmarks(t, File{Name: "one.htm", Data: []byte(src)}, File{Name: "two.htm", Data: []byte(src)})
	if len(d.Nodes) != 1 || len(d.Warnings) != 3 || d.Warnings[2].Where != "line 11 of two.htm" || !strings.Contains(d.Warnings[2].Message, "first at line 7 of one.htm") {
		t.Errorf("two files: %d nodes, %v", len(d.Nodes), d.Warnings)
	}
}

func TestBookmarksWindows1252Meta(t *testing.T) {
	src := "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=windows-1252\">\n<TITLE>Marque-pages</TITLE>\n<DL><p>\n" +
		"<DT><H3>Café</H3>\n<DL><p>\n<DT><A HREF=\"https://example.fr/\">Crème brûlée – “recettes”</A>\n</DL>\n</DL>\n"
	data, err := charmap.Windows1252.NewEncoder().Bytes([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(data, []byte(src)) {
		t.Fatal("not re-encoded")
	}
	d := parseBookmarks(t, File{Name: "fr.htm", Data: data})
	if len(d.Nodes) != 1 || d.Nodes[0].Node.Label != "Crème brûlée – “recettes”" || !reflect.DeepEqual(d.Nodes[0].Node.Tags, []string{"Café"}) || d.Title != "Marque-pages" {
		t.Fatalf("nodes %#v", d.Nodes)
	}
	if len(d.Warnings) != 0 {
		t.Errorf("warnings %v", d.Warnings)
	}
	// The <meta charset> form, and a declared UTF-8 that is not.
	short := bytes.Replace(data, []byte(`HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-1252"`), []byte(`charset="cp1252"`), 1)
	if d := parseBookmarks(t, File{Name: "fr.htm", Data: short}); d.Nodes[0].Node.Label != "Crème brûlée – “recettes”" {
		t.Errorf("meta charset: %q", d.Nodes[0].Node.Label)
	}
	bad := bytes.Replace(data, []byte("windows-1252"), []byte("UTF-8"), 1)
	if _, err := (bookmarksFormat{}).Parse([]File{{Name: "fr.htm", Data: bad}}); pln.CodeOf(err) != pln.CodeInvalid || !strings.HasPrefix(pln.AsError(err).Message, "fr.htm: line 5, column 12:") {
		t.Errorf("mislabelled UTF-8: %v", err)
	}
	// No declaration: read as Windows-1252 with a note.
	none := bytes.Replace(data, []byte("windows-1252"), []byte(""), 1)
	d = parseBookmarks(t, File{Name: "fr.htm", Data: none})
	if d.Nodes[0].Node.Label != "Crème brûlée – “recettes”" || len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0].Message, "Windows-1252") {
		t.Errorf("undeclared: %q %v", d.Nodes[0].Node.Label, d.Warnings)
	}
}

func TestBookmarksRefused(t *testing.T) {
	for name, src := range map[string]string{
		"empty.htm":   "",
		"nolinks.htm": bookmarksHead + "<DT><H3>Folder</H3>\n<DL><p>\n</DL>\n</DL>\n",
		"noweb.htm":   bookmarksHead + "<DT><A HREF=\"javascript:void(0)\">x</A>\n</DL>\n",
		"charset.htm": "<META CHARSET=\"x-no-such\">" + bookmarksHead + "<DT><A HREF=\"https://a.example/\">a</A>\n",
	} {
		_, err := bookmarksFormat{}.Parse([]File{{Name: name, Data: []byte(src)}})
		want := pln.CodeInvalid
		if name == "charset.htm" {
			want = pln.CodeUnsupported
		}
		if pln.CodeOf(err) != want || !strings.HasPrefix(pln.AsError(err).Message, name+": ") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestBookmarksTooManyLinks(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(bookmarksHead)
	for range MaxItems + 1 {
		b.WriteString("<DT><A HREF=\"javascript:0\">j</A>\n")
	}
	_, err := bookmarksFormat{}.Parse([]File{{Name: "big.htm", Data: b.Bytes()}})
	if pln.CodeOf(err) != pln.CodeTooLarge || !strings.HasPrefix(pln.AsError(err).Message, "big.htm: line 200005:") {
		t.Fatalf("err %v", err)
	}
}

func TestBookmarksDeepFolders(t *testing.T) {
	var b strings.Builder
	b.WriteString(bookmarksHead)
	for i := range MaxBookmarkFolderTags + 4 {
		b.WriteString("<DT><H3>f" + string(rune('a'+i)) + "</H3>\n<DL><p>\n")
	}
	b.WriteString("<DT><A HREF=\"https://deep.example/\">deep</A>\n")
	d := parseBookmarks(t, File{Name: "deep.htm", Data: []byte(b.String())})
	if len(d.Nodes) != 1 || len(d.Nodes[0].Node.Tags) != MaxBookmarkFolderTags || d.Nodes[0].Node.Tags[0] != "fa" {
		t.Fatalf("nodes %#v", d.Nodes)
	}
	if len(d.Warnings) != 1 || d.Warnings[0].Where != "line 38" {
		t.Errorf("warnings %v", d.Warnings)
	}
}

// TestBookmarksDetect: the fixtures are bookmark files, and no other
// sample file is.
func TestBookmarksDetect(t *testing.T) {
	n := 0
	err := filepath.WalkDir("testdata", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || strings.Contains(p, string(filepath.Separator)+"fuzz"+string(filepath.Separator)) {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		f, derr := DetectFormat(File{Name: filepath.Base(p), Data: data})
		isOurs := derr == nil && f.Name() == FormatBookmarks
		want := filepath.Base(filepath.Dir(p)) == "bookmarks"
		if isOurs != want {
			t.Errorf("%s: detected %v (%v)", p, f, derr)
		}
		if s := (bookmarksFormat{}).Sniff(NewProbe(p, data)); want && s != SniffSure || !want && s != SniffNo {
			t.Errorf("%s: sniff %d", p, s)
		}
		n++
		return nil
	})
	if err != nil || n < 10 {
		t.Fatalf("%d files: %v", n, err)
	}
	likely := "<html><body><DL><p>\n<DT><A HREF=\"https://a.example/\">a</A>\n</DL></body></html>"
	if s := (bookmarksFormat{}).Sniff(NewProbe("x.html", []byte(likely))); s != SniffLikely {
		t.Errorf("HTML list of links: sniff %d", s)
	}
	if s := (bookmarksFormat{}).Sniff(NewProbe("x.html", []byte("<html><body><a href=\"https://a.example/\">a</a></body></html>"))); s != SniffNo {
		t.Errorf("plain web page: sniff %d", s)
	}
}

// FuzzParseBookmarks: Parse never panics; a rejection is a *pln.Error
// (never internal) naming the file; an accepted file's nodes all pass
// Normalize and are web links.
func FuzzParseBookmarks(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "bookmarks", "*.htm"))
	seedFiles(f, files, firstLines(30, ""), true)
	for _, s := range []string{
		"", bookmarksHead, "<DT><A HREF=x>", "<meta charset=utf-16><dl><dt><a href=https://a.b/>x",
		"<DL><DT><H3>a</H3><DD>b<DL><DT><A HREF=\"http://a.b/\" TAGS=\",,\">\n</A><DD><p>c</DL></DL></DL>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = Detect("fuzz.htm", data)
		d, err := bookmarksFormat{}.Parse([]File{{Name: "fuzz.htm", Data: data}})
		if err != nil {
			if c := pln.CodeOf(err); c == pln.CodeInternal || !strings.HasPrefix(pln.AsError(err).Message, "fuzz.htm: ") {
				t.Fatalf("bad error: %#v", err)
			}
			return
		}
		if len(d.Nodes) == 0 {
			t.Fatal("accepted with no node")
		}
		checkDoc(t, d)
		for _, n := range d.Nodes {
			if n.Node.Kind != pln.KindSource || !pln.IsWebURL(n.Node.URL) {
				t.Fatalf("node %#v", n.Node)
			}
		}
	})
}
