package interchange

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/plexus-pln/plexus/backend/pln"
)

func mustParse(t testing.TB, data []byte) *OPMLResult {
	t.Helper()
	res, err := ParseOPML(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("ParseOPML: %v", err)
	}
	return res
}

// feedByURL returns the one feed with the given feed URL.
func feedByURL(t *testing.T, res *OPMLResult, url string) Feed {
	t.Helper()
	var found []Feed
	for _, f := range res.Feeds {
		if f.FeedURL == url {
			found = append(found, f)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d feeds with URL %s, want 1", len(found), url)
	}
	return found[0]
}

func nnwExtra() map[string]string {
	return map[string]string{"opml:type": "rss", "opml:version": "RSS"}
}

func TestParseOPMLNetNewsWire(t *testing.T) {
	res := mustParse(t, fixture(t, "opml", "netnewswire_Subs.opml"))
	if res.Title != "Subs" {
		t.Errorf("Title = %q", res.Title)
	}
	if want := []string{"Programming", "Macintosh", "Weblogs", "Writers"}; !reflect.DeepEqual(res.FolderPaths(), want) {
		t.Errorf("Folders = %q, want %q", res.FolderPaths(), want)
	}
	if len(res.Feeds) != 207 {
		t.Fatalf("%d feeds, want 207", len(res.Feeds))
	}
	perFolder := map[string]int{}
	for _, f := range res.Feeds {
		perFolder[strings.Join(f.Folders, "/")]++
	}
	if want := map[string]int{"": 69, "Programming": 33, "Macintosh": 5, "Weblogs": 97, "Writers": 3}; !reflect.DeepEqual(perFolder, want) {
		t.Errorf("feeds per folder = %v, want %v", perFolder, want)
	}
	for _, want := range []Feed{
		{Title: "Daring Fireball", FeedURL: "http://daringfireball.net/feeds/main", SiteURL: "http://daringfireball.net/", Extra: nnwExtra(), Line: 7},
		{Title: "Julia Evans", FeedURL: "http://jvns.ca/atom.xml", SiteURL: "", Extra: nnwExtra(), Line: 9},
		{Title: "chat & code", FeedURL: "http://corinnekrych.blogspot.com/feeds/posts/default", SiteURL: "http://corinnekrych.blogspot.com/", Extra: nnwExtra(), Line: 11},
		{Title: "Learn Swift ↯", FeedURL: "http://swift.ayaka.me/posts?format=RSS", SiteURL: "http://swift.ayaka.me/", Extra: nnwExtra(), Line: 41},
		{Title: "Ballard", FeedURL: "http://www.myballard.com/feed/", SiteURL: "http://www.myballard.com", Extra: nnwExtra(), Line: 75},
		{Title: "iOS Unit Testing", FeedURL: "http://iosunittesting.com/feed/", SiteURL: "http://iosunittesting.com", Folders: []string{"Programming"}, Extra: nnwExtra(), Line: 77},
		{Title: "We ❤ Swift", FeedURL: "http://www.weheartswift.com/feed/", SiteURL: "https://www.weheartswift.com", Folders: []string{"Programming"}, Extra: nnwExtra(), Line: 82},
		{Title: "Big Nerd Ranch Blog", FeedURL: "http://blog.bignerdranch.com/feed/", SiteURL: "https://www.bignerdranch.com/", Folders: []string{"Programming"}, Extra: nnwExtra(), Line: 109},
		{Title: "Macalope", FeedURL: "http://www.macalope.com/feed/", SiteURL: "http://www.macalope.com", Folders: []string{"Macintosh"}, Extra: nnwExtra(), Line: 112},
		{Title: "The Flying Meat Weblog", FeedURL: "http://flyingmeat.com/blog/atom.xml", SiteURL: "http://flyingmeat.com/blog/", Folders: []string{"Macintosh"}, Extra: nnwExtra(), Line: 116},
		{Title: "Clark's Tech Blog", FeedURL: "http://www.libertypages.com/clarktech/?feed=rss2", SiteURL: "http://www.libertypages.com/clarktech", Folders: []string{"Weblogs"}, Extra: nnwExtra(), Line: 119},
		{Title: "⌥⇧K", FeedURL: "http://optshiftk.com/feed/", SiteURL: "http://optshiftk.com", Folders: []string{"Weblogs"}, Extra: nnwExtra(), Line: 180},
		{Title: "Stratēchery", FeedURL: "http://stratechery.com/feed/", SiteURL: "https://stratechery.com", Folders: []string{"Weblogs"}, Extra: nnwExtra(), Line: 214},
		{Title: "Whatever", FeedURL: "http://whatever.scalzi.com/feed/", SiteURL: "http://whatever.scalzi.com", Folders: []string{"Writers"}, Extra: nnwExtra(), Line: 218},
		{Title: "Gerrold", FeedURL: "http://www.gerrold.com/feed/", SiteURL: "http://www.gerrold.com", Folders: []string{"Writers"}, Extra: nnwExtra(), Line: 220},
	} {
		if got := feedByURL(t, res, want.FeedURL); !reflect.DeepEqual(got, want) {
			t.Errorf("feed %s:\n got %#v\nwant %#v", want.FeedURL, got, want)
		}
	}
	if first, last := res.Feeds[0].Title, res.Feeds[206].Title; first != "Daring Fireball" || last != "Gerrold" {
		t.Errorf("first/last feed = %q/%q", first, last)
	}

	nodes := FeedsToNodes(res)
	if len(nodes) != 207 {
		t.Fatalf("%d nodes, want 207", len(nodes))
	}
	checkNodes(t, nodes)
	want := pln.Node{Label: "Stratēchery", Kind: pln.KindSource, URL: "https://stratechery.com", FeedURL: "http://stratechery.com/feed/",
		Tags: []string{"Weblogs"}, Relation: pln.RelFollows, Extra: nnwExtra()}
	if got := nodeByFeed(t, nodes, want.FeedURL); !reflect.DeepEqual(got, want) {
		t.Errorf("node:\n got %#v\nwant %#v", got, want)
	}
	want = pln.Node{Label: "Julia Evans", Kind: pln.KindSource, FeedURL: "http://jvns.ca/atom.xml", Relation: pln.RelFollows, Extra: nnwExtra()}
	if got := nodeByFeed(t, nodes, want.FeedURL); !reflect.DeepEqual(got, want) {
		t.Errorf("node:\n got %#v\nwant %#v", got, want)
	}
}

func nodeByFeed(t *testing.T, nodes []pln.Node, url string) pln.Node {
	t.Helper()
	for _, n := range nodes {
		if n.FeedURL == url {
			return n
		}
	}
	t.Fatalf("no node with feed URL %s", url)
	return pln.Node{}
}

// checkNodes asserts what FeedsToNodes promises about every node.
func checkNodes(t testing.TB, nodes []pln.Node) {
	t.Helper()
	seen := map[string]bool{}
	for i, n := range nodes {
		f := n.Fields()
		if err := f.Normalize(); err != nil {
			t.Fatalf("node %d (%q) fails Normalize: %v", i, n.Label, err)
		}
		if !reflect.DeepEqual(f, n.Fields()) {
			t.Fatalf("node %d (%q) changes under Normalize:\n%#v\n%#v", i, n.Label, n.Fields(), f)
		}
		if n.Kind != pln.KindSource || n.Relation != pln.RelFollows || n.FeedURL == "" || n.ID != "" || n.Ego {
			t.Fatalf("node %d: %#v", i, n)
		}
		if seen[n.FeedURL] {
			t.Fatalf("feed URL %s twice", n.FeedURL)
		}
		seen[n.FeedURL] = true
	}
}

func TestParseOPMLNewsBlur(t *testing.T) {
	data := fixture(t, "opml", "newsblur.opml")
	if !bytes.Contains(data, []byte(`encoding="utf8"`)) {
		t.Fatal("fixture changed: it should declare utf8")
	}
	res := mustParse(t, data)
	ex := nnwExtra
	want := &OPMLResult{
		Title:   "NewsBlur Feeds",
		Folders: []Folder{{"Security", -1}, {"Self-Hosted", -1}, {"Cryptography", -1}, {"Programming", -1}},
		Feeds: []Feed{
			{Title: "Google Online Security Blog", FeedURL: "http://www.blogger.com/feeds/1176949257541686127/posts/default?max-results=25&redirect=false&start-index=26",
				SiteURL: "http://security.googleblog.com/", Folders: []string{"Security"}, Extra: ex(), Line: 11},
			{Title: "Blog on Library", FeedURL: "https://openssl-library.org:443/post/atom.xml", SiteURL: "https://www.openssl.org/blog/", Folders: []string{"Security"}, Extra: ex(), Line: 12},
			{Title: "Schneier on Security", FeedURL: "https://www.schneier.com/feed/atom/", SiteURL: "https://www.schneier.com", Folders: []string{"Security"}, Extra: ex(), Line: 13},
			{Title: "Git Rev News", FeedURL: "https://git.github.io/feed.xml", SiteURL: "https://git.github.io/rev_news/", Folders: []string{"Programming"}, Extra: ex(), Line: 18},
			{Title: "The Go Programming Language Blog", FeedURL: "https://go.dev/blog/feed.atom", SiteURL: "tag:blog.golang.org,2013:blog.golang.org", Folders: []string{"Programming"}, Extra: ex(), Line: 19},
		},
	}
	if !reflect.DeepEqual(res, want) {
		t.Errorf("got\n%#v\nwant\n%#v", res, want)
	}
	// The two empty folders are listed but tag nothing.
	nodes := FeedsToNodes(res)
	checkNodes(t, nodes)
	var tags []string
	for _, n := range nodes {
		tags = append(tags, n.Tags...)
	}
	if want := []string{"Security", "Security", "Security", "Programming", "Programming"}; !reflect.DeepEqual(tags, want) {
		t.Errorf("tags = %q, want %q", tags, want)
	}
	// A site URL that is not a web address is kept as text.
	if n := nodes[4]; n.URL != "tag:blog.golang.org,2013:blog.golang.org" || pln.IsWebURL(n.URL) {
		t.Errorf("Go blog URL = %q", n.URL)
	}
}

func TestParseOPMLPlenaryPersian(t *testing.T) {
	res := mustParse(t, fixture(t, "opml", "plenary_Iran.opml"))
	if res.Title != "Export from Plenary" || !reflect.DeepEqual(res.FolderPaths(), []string{"Iran"}) {
		t.Errorf("Title %q, Folders %q", res.Title, res.FolderPaths())
	}
	wantTitles := []string{
		"خبرگزاری باشگاه خبرنگاران | آخرین اخبار ایران و جهان | YJC",
		"تابناک | TABNAK",
		"خبرگزاری ایسنا | صفحه اصلی |  ISNA News Agency", // two spaces before ISNA, as in the file
		"خبرگزاری مهر | اخبار ایران و جهان | Mehr News Agency",
		"خبرگزاری خبرآنلاین - آخرین اخبار ایران و جهان | Khabaronline",
		"اخبار ایران و جهان",
		"عصر ايران",
	}
	var titles []string
	for _, f := range res.Feeds {
		titles = append(titles, f.Title)
		if !reflect.DeepEqual(f.Folders, []string{"Iran"}) || f.SiteURL != "" {
			t.Errorf("feed %q: folders %q, site %q", f.Title, f.Folders, f.SiteURL)
		}
	}
	if !reflect.DeepEqual(titles, wantTitles) {
		t.Errorf("titles:\n got %q\nwant %q", titles, wantTitles)
	}
	tabnak := res.Feeds[1]
	want := Feed{Title: "تابناک | TABNAK", FeedURL: "https://www.tabnak.ir/fa/rss/allnews", Folders: []string{"Iran"},
		Extra: map[string]string{"opml:type": "rss", "opml:description": "سایت خبری تحلیلی تابناک | اخبار ایران و جهان | TABNAK"}, Line: 10}
	if !reflect.DeepEqual(tabnak, want) {
		t.Errorf("got %#v\nwant %#v", tabnak, want)
	}
	if u := res.Feeds[5].FeedURL; u != "https://www.tasnimnews.com/fa/rss/feed/0/8/0/%D9%85%D9%87%D9%85%D8%AA%D8%B1%DB%8C%D9%86-%D8%A7%D8%AE%D8%A8%D8%A7%D8%B1-%D8%AA%D8%B3%D9%86%DB%8C%D9%85" {
		t.Errorf("Tasnim URL = %q", u)
	}
	nodes := FeedsToNodes(res)
	checkNodes(t, nodes)
	if len(nodes) != 7 || nodes[6].Label != "عصر ايران" || !reflect.DeepEqual(nodes[6].Tags, []string{"Iran"}) {
		t.Errorf("nodes: %d, last %#v", len(nodes), nodes[len(nodes)-1])
	}
}

func TestParseOPMLMiscapitalizedXMLURL(t *testing.T) {
	data := fixture(t, "opml", "listparser_xmlURL-miscapitalized.opml")
	if !bytes.Contains(data, []byte(`xmlURL="http://domain/feed"`)) {
		t.Fatal("fixture changed")
	}
	res := mustParse(t, data)
	want := &OPMLResult{Feeds: []Feed{{Title: "feedname", FeedURL: "http://domain/feed", Extra: map[string]string{"opml:type": "rss"}, Line: 12}}}
	if !reflect.DeepEqual(res, want) {
		t.Errorf("got %#v", res)
	}
	for _, spelling := range []string{"xmlurl", "XMLURL", "xmlUrl", "XmlUrl"} {
		doc := `<opml><body><outline text="x" ` + spelling + `="http://a/feed"/></body></opml>`
		res := mustParse(t, []byte(doc))
		if len(res.Feeds) != 1 || res.Feeds[0].FeedURL != "http://a/feed" {
			t.Errorf("%s: %#v", spelling, res.Feeds)
		}
	}
}

func TestParseOPMLOutlineRules(t *testing.T) {
	long := strings.Repeat("é", 250)
	doc := `<?xml version="1.0"?>
<opml version="2.0">
<head><title>  My
 feeds </title></head>
<body>
  <outline text="Tech">
    <outline title="AI" text="Artificial intelligence">
      <outline text="Deep" xmlUrl="http://deep/feed" htmlUrl=" http://deep/ "/>
      <outline xmlUrl="http://nolabel/feed"/>
    </outline>
    <outline text="">
      <outline text="Untitled folder member" xmlUrl="http://member/feed"/>
    </outline>
    <outline text="A link" type="link" url="http://link/"/>
    <outline text="Link with children" url="http://linkfolder/">
      <outline text="Child" xmlUrl="http://child/feed" category="/x"/>
    </outline>
  </outline>
  <outline text="Other">
    <outline text="Deep again" xmlUrl="http://deep/feed"/>
  </outline>
  <outline text="Blank xmlUrl" xmlUrl="  "/>
  <outline text="Line&#10;break" title="  Tab&#9;bed  " xmlUrl="http://ctl/&#10;feed" htmlUrl=""/>
  <outline text="` + long + `" xmlUrl="http://long/feed"/>
  <outline text="F" xmlUrl="http://ff/feed">
    <outline text="Feed child" xmlUrl="http://fc/feed"/>
  </outline>
  <outline text="Nbsp&nbsp;entity" xmlUrl="http://nbsp/feed" xmlns:x="urn:x" x:custom="v"/>
</body>
</opml>`
	res := mustParse(t, []byte(doc))
	if res.Title != "My  feeds" {
		t.Errorf("Title = %q", res.Title)
	}
	if want := []string{"Tech", "Tech/AI", "Tech/Link with children", "Other"}; !reflect.DeepEqual(res.FolderPaths(), want) {
		t.Errorf("Folders = %q, want %q", res.FolderPaths(), want)
	}
	longLabel := strings.Repeat("é", pln.MaxLabelLen-1) + "…"
	want := []Feed{
		{Title: "Deep", FeedURL: "http://deep/feed", SiteURL: "http://deep/", Folders: []string{"Tech", "AI"}, Line: 8},
		{Title: "http://nolabel/feed", FeedURL: "http://nolabel/feed", Folders: []string{"Tech", "AI"}, Line: 9},
		{Title: "Untitled folder member", FeedURL: "http://member/feed", Folders: []string{"Tech"}, Line: 12},
		{Title: "Child", FeedURL: "http://child/feed", Folders: []string{"Tech", "Link with children"}, Extra: map[string]string{"opml:category": "/x"}, Line: 16},
		{Title: "Deep again", FeedURL: "http://deep/feed", Folders: []string{"Other"}, Line: 20},
		{Title: "Tab bed", FeedURL: "http://ctl/feed", Extra: map[string]string{"opml:text": "Line\nbreak"}, Line: 23},
		{Title: longLabel, FeedURL: "http://long/feed", Extra: map[string]string{"opml:text": long}, Line: 24},
		{Title: "F", FeedURL: "http://ff/feed", Line: 25},
		{Title: "Feed child", FeedURL: "http://fc/feed", Line: 26},
		{Title: "Nbsp\u00a0entity", FeedURL: "http://nbsp/feed", Extra: map[string]string{"opml:custom": "v"}, Line: 28},
	}
	if !reflect.DeepEqual(res.Feeds, want) {
		for i := range max(len(res.Feeds), len(want)) {
			var g, w Feed
			if i < len(res.Feeds) {
				g = res.Feeds[i]
			}
			if i < len(want) {
				w = want[i]
			}
			if !reflect.DeepEqual(g, w) {
				t.Errorf("feed %d:\n got %#v\nwant %#v", i, g, w)
			}
		}
	}

	nodes := FeedsToNodes(res)
	checkNodes(t, nodes)
	if len(nodes) != len(want)-1 {
		t.Fatalf("%d nodes, want %d (the duplicate merged)", len(nodes), len(want)-1)
	}
	deep := nodes[0]
	if deep.Label != "Deep" || !reflect.DeepEqual(deep.Tags, []string{"Tech", "AI", "Other"}) {
		t.Errorf("merged node: %#v", deep)
	}
	if nodes[1].Label != "http://nolabel/feed" {
		t.Errorf("label of a feed without title = %q", nodes[1].Label)
	}
}

func TestFeedsToNodesCleansHandMadeResults(t *testing.T) {
	var tags []string
	for i := range 70 {
		tags = append(tags, fmt.Sprintf("t%d", i))
	}
	tags = append([]string{"A", "a", " ", strings.Repeat("x", 150), "line\nbreak"}, tags...)
	res := &OPMLResult{Feeds: []Feed{
		{Title: "", FeedURL: " http://u/feed\n", Folders: tags},
		{Title: "no url"},
		{Title: "too long url", FeedURL: "http://x/" + strings.Repeat("a", pln.MaxURLLen)},
		{Title: "bad\x01label", FeedURL: "http://b/feed", SiteURL: "http://b/\x7f", Extra: map[string]string{"opml:type": "rss"}},
	}}
	nodes := FeedsToNodes(res)
	checkNodes(t, nodes)
	if len(nodes) != 2 {
		t.Fatalf("%d nodes, want 2: %#v", len(nodes), nodes)
	}
	n := nodes[0]
	if n.Label != "http://u/feed" || n.FeedURL != "http://u/feed" || len(n.Tags) != pln.MaxTags {
		t.Errorf("node 0: %q %q %d tags", n.Label, n.FeedURL, len(n.Tags))
	}
	if want := []string{"A", strings.Repeat("x", pln.MaxTagLen-1) + "…", "line break", "t0"}; !reflect.DeepEqual(n.Tags[:4], want) {
		t.Errorf("tags start %q, want %q", n.Tags[:4], want)
	}
	if n := nodes[1]; n.Label != "bad label" || n.URL != "http://b/" {
		t.Errorf("node 1: %#v", n)
	}
	if FeedsToNodes(nil) != nil {
		t.Error("FeedsToNodes(nil) != nil")
	}
}

func TestParseOPMLEncodings(t *testing.T) {
	for _, name := range []string{"netnewswire_Subs.opml", "plenary_Iran.opml", "newsblur.opml", "listparser_xmlURL-miscapitalized.opml"} {
		data := fixture(t, "opml", name)
		want := mustParse(t, data)
		variants := map[string][]byte{
			"utf-8 BOM":        append([]byte{0xEF, 0xBB, 0xBF}, data...),
			"utf-16le BOM":     toUTF16(data, false, true),
			"utf-16be BOM":     toUTF16(data, true, true),
			"utf-16le no BOM":  toUTF16(data, false, false),
			"utf-16be no BOM ": toUTF16(data, true, false),
		}
		for vname, v := range variants {
			if !bytes.HasPrefix(data, []byte("<?")) && strings.Contains(vname, "no BOM") {
				continue
			}
			got, err := ParseOPML(bytes.NewReader(v))
			if err != nil {
				t.Errorf("%s %s: %v", name, vname, err)
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s %s: result differs from the UTF-8 one", name, vname)
			}
			if f, err := Detect(name, v); err != nil || f != FormatOPML {
				t.Errorf("%s %s: Detect = %q, %v", name, vname, f, err)
			}
		}
	}

	latin1 := []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<opml><body><outline text=\"Caf\xe9 \x80\" xmlUrl=\"http://c/\"/></body></opml>")
	res := mustParse(t, latin1)
	if len(res.Feeds) != 1 || res.Feeds[0].Title != "Café €" {
		t.Errorf("latin-1: %#v", res.Feeds)
	}

	// Any charset golang.org/x/text knows is read: KOI8-R "Новости" is
	// the bytes below; a misspelt label ("UTF_8") is read too.
	koi8 := []byte("<?xml version=\"1.0\" encoding=\"KOI8-R\"?><opml><body><outline text=\"\xee\xcf\xd7\xcf\xd3\xd4\xc9\" xmlUrl=\"http://n/\"/></body></opml>")
	if res := mustParse(t, koi8); len(res.Feeds) != 1 || res.Feeds[0].Title != "Новости" {
		t.Errorf("KOI8-R: %#v", res.Feeds)
	}
	if res := mustParse(t, []byte(`<?xml version="1.0" encoding="UTF_8"?><opml><body><outline text="é" xmlUrl="http://e/"/></body></opml>`)); len(res.Feeds) != 1 || res.Feeds[0].Title != "é" {
		t.Errorf("UTF_8: %#v", res.Feeds)
	}
	_, err := ParseOPML(strings.NewReader(`<?xml version="1.0" encoding="x-klingon"?><opml><body/></opml>`))
	if pln.CodeOf(err) != pln.CodeUnsupported || !strings.Contains(err.Error(), "x-klingon") {
		t.Errorf("x-klingon: %v", err)
	}
	// Declared UTF-8 but Latin-1 bytes: mislabelled, reported with the place.
	_, err = ParseOPML(strings.NewReader("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml><body><outline text=\"Caf\xe9\" xmlUrl=\"http://c/\"/></body></opml>"))
	if pln.CodeOf(err) != pln.CodeInvalid || !strings.Contains(err.Error(), "line 2") || !strings.Contains(err.Error(), "mislabelled") {
		t.Errorf("mislabelled UTF-8: %v", err)
	}
}

func toUTF16(data []byte, bigEndian, bom bool) []byte {
	u := utf16.Encode([]rune(string(data)))
	if bom {
		u = append([]uint16{0xFEFF}, u...)
	}
	out := make([]byte, 0, 2*len(u))
	for _, c := range u {
		if bigEndian {
			out = append(out, byte(c>>8), byte(c))
		} else {
			out = append(out, byte(c), byte(c>>8))
		}
	}
	return out
}

func TestParseOPMLRejects(t *testing.T) {
	nnw := fixture(t, "opml", "netnewswire_Subs.opml")
	nnwLines := strings.SplitAfter(string(nnw), "\n")
	// Truncated in the middle of line 100 (inside the Programming folder, opened on line 76).
	cut := len(strings.Join(nnwLines[:99], "")) + 40
	// Line 50's outline made not self-closing: it is never closed, which </body> on line 222 reveals.
	unclosed := strings.Join(nnwLines[:49], "") + strings.Replace(nnwLines[49], `"/>`, `">`, 1) + strings.Join(nnwLines[50:], "")

	cases := []struct {
		name string
		data string
		code pln.Code
		want []string // substrings of the message
	}{
		{"empty", "", pln.CodeInvalid, []string{"The file is empty."}},
		{"blank", " \n\t\n", pln.CodeInvalid, []string{"The file is empty."}},
		{"truncated", string(nnw[:cut]), pln.CodeInvalid, []string{"line 100, column 40: ", "unexpected EOF", "<outline> opened at line 76, column 2 is never closed", "cut short"}},
		{"truncated after body", string(nnw[:len(nnw)-10]), pln.CodeInvalid, []string{"line 222, ", "unexpected EOF", "<body> opened at line 6"}},
		{"unclosed tag", unclosed, pln.CodeInvalid, []string{"line 222, ", "element <outline> closed by </body>", "<outline> opened at line 50, column 2 is never closed"}},
		{"unclosed small", "<?xml version=\"1.0\"?>\n<opml version=\"2.0\">\n<head><title>t</title></head>\n<body>\n  <outline text=\"A\">\n    <outline text=\"f\" xmlUrl=\"http://x/\"/>\n</body>\n</opml>\n",
			pln.CodeInvalid, []string{"line 7, column 7: ", "closed by </body>", "<outline> opened at line 5, column 3"}},
		{"bad root", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>", pln.CodeInvalid, []string{"line 2, column 1: the root element is <rss>, not <opml>"}},
		{"html", "<!DOCTYPE html>\n<html><body><p>hi</p></body></html>", pln.CodeInvalid, []string{"line 2, column 1: the root element is <html>"}},
		{"garbage text", "\n\nthis is not XML at all", pln.CodeInvalid, []string{"line 3, column 1: there is text before the first element"}},
		{"garbage binary", "\x00\x01\x02\x03", pln.CodeInvalid, []string{"line 1, column "}},
		{"garbage json", `{"format":"other"}`, pln.CodeInvalid, []string{"line 1, column 1: there is text"}},
		{"no element", "<?xml version=\"1.0\"?>\n<!-- only a comment -->\n", pln.CodeInvalid, []string{"no <opml> element"}},
		{"no body", "<?xml version=\"1.0\"?>\n\n<opml version=\"2.0\"><head/></opml>", pln.CodeInvalid, []string{"line 3, column 1: the <opml> element has no <body>"}},
		{"bad attribute", "<opml>\n<body>\n<outline text=\"a\" xmlUrl=http://x/>\n</body></opml>", pln.CodeInvalid, []string{"line 3, ", "unquoted or missing attribute value"}},
		{"bad entity", "<opml>\n<body>\n<outline text=\"a &bogus; b\" xmlUrl=\"http://x/\"/>\n</body></opml>", pln.CodeInvalid, []string{"line 3, ", "invalid character entity &bogus;"}},
		{"bad utf-8", "<opml>\n<body>\n<outline text=\"a \xff b\" xmlUrl=\"http://x/\"/>\n</body></opml>", pln.CodeInvalid, []string{"line 3, ", "invalid UTF-8"}},
		{"odd utf-16", "\xff\xfe<\x00o", pln.CodeInvalid, []string{"odd number of bytes"}},
		{"too deep", "<opml><body>\n" + strings.Repeat("<outline text=\"f\">", 300) + strings.Repeat("</outline>", 300) + "</body></opml>", pln.CodeInvalid, []string{"line 2, column ", "nested more than 256 deep"}},
	}
	lenient := map[string]bool{"unclosed tag": true, "unclosed small": true, "bad entity": true}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := ParseOPML(strings.NewReader(c.data))
			if err == nil && lenient[c.name] {
				// Not well-formed, but feeds can be read leniently: they are
				// offered with the strict error as a warning to accept.
				if len(res.Feeds) == 0 || len(res.Skipped) != 1 || !res.Skipped[0].Skipped {
					t.Fatalf("lenient: %#v", res)
				}
				err = pln.Invalid("%s: %s", res.Skipped[0].Where, res.Skipped[0].Message)
			}
			if err == nil {
				t.Fatalf("accepted: %#v", res)
			}
			if pln.CodeOf(err) != c.code {
				t.Errorf("code %s, want %s: %v", pln.CodeOf(err), c.code, err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message %q lacks %q", err.Error(), w)
				}
			}
			named := InFile("Subs.opml", err)
			if pln.CodeOf(named) != c.code || !strings.HasPrefix(pln.AsError(named).Message, "Subs.opml: ") {
				t.Errorf("InFile: %v", named)
			}
		})
	}
}

func TestParseOPMLLimits(t *testing.T) {
	var b strings.Builder
	b.WriteString("<opml><body>\n")
	for i := range MaxOPMLFeeds + 1 {
		fmt.Fprintf(&b, "<outline xmlUrl=\"http://f/%d\"/>\n", i)
	}
	b.WriteString("</body></opml>")
	_, err := ParseOPML(strings.NewReader(b.String()))
	if pln.CodeOf(err) != pln.CodeTooLarge || !strings.Contains(err.Error(), fmt.Sprintf("line %d, ", MaxOPMLFeeds+2)) {
		t.Errorf("too many feeds: %v", err)
	}

	big := strings.NewReader("<opml><body>" + strings.Repeat(" ", MaxOPMLBytes) + "</body></opml>")
	if _, err := ParseOPML(big); pln.CodeOf(err) != pln.CodeTooLarge {
		t.Errorf("too big: %v", err)
	}
}

func TestDetect(t *testing.T) {
	for _, name := range []string{"netnewswire_Subs.opml", "newsblur.opml", "plenary_Iran.opml", "listparser_xmlURL-miscapitalized.opml"} {
		if f, err := Detect(name, fixture(t, "opml", name)); err != nil || f != FormatOPML {
			t.Errorf("%s: %q, %v", name, f, err)
		}
	}
	if f, err := Detect("x.opml", []byte("<OPML><body/></OPML>")); err != nil || f != FormatOPML {
		t.Errorf("upper-case root: %q, %v", f, err)
	}
	// A truncated OPML file is still OPML: ParseOPML then says where it breaks.
	if f, err := Detect("cut.opml", []byte("<?xml version=\"1.0\"?>\n<opml><body><outl")); err != nil || f != FormatOPML {
		t.Errorf("truncated: %q, %v", f, err)
	}
	var buf bytes.Buffer
	if err := WriteBackup(&buf, sampleBackup(t)); err != nil {
		t.Fatal(err)
	}
	if f, err := Detect("plexus.json", buf.Bytes()); err != nil || f != FormatBackup {
		t.Errorf("backup: %q, %v", f, err)
	}
	if f, err := Detect("late.json", []byte(`{"version":1,"nodes":[{"id":"x"}],"format":"plexus-backup"}`)); err != nil || f != FormatBackup {
		t.Errorf("backup with format last: %q, %v", f, err)
	}
	for name, data := range map[string]string{
		"empty.opml":   "",
		"blank.opml":   "  \n",
		"rss.xml":      `<?xml version="1.0"?><rss version="2.0"><channel/></rss>`,
		"page.html":    "<!DOCTYPE html><html><body>opml</body></html>",
		"notes.txt":    "opml is nice",
		"other.json":   `{"format":"something-else","version":1}`,
		"array.json":   `["plexus-backup"]`,
		"garbage.bin":  "\x00\xff\x13\x37",
		"bad-xml.opml": "<<<opml>",
	} {
		f, err := Detect(name, []byte(data))
		if pln.CodeOf(err) != pln.CodeUnsupported || f != "" {
			t.Errorf("%s: %q, %v", name, f, err)
			continue
		}
		if msg := pln.AsError(err).Message; !strings.HasPrefix(msg, name+" looks like ") || !strings.Contains(msg, "which Plexus cannot import. It imports ") || !strings.Contains(msg, "OPML") {
			t.Errorf("%s: message %q", name, pln.AsError(err).Message)
		}
	}
}

// TestParseOPMLAfterTheEnd: a second document or text after </opml> is
// refused with its place, never cut short; a bare "&" is read leniently
// with a warning naming the place.
func TestParseOPMLAfterTheEnd(t *testing.T) {
	one := `<opml><body><outline text="a" xmlUrl="http://a/"/></body></opml>`
	for name, c := range map[string]struct{ data, want string }{
		"second document": {one + "\n<opml><body><outline text=\"b\" xmlUrl=\"http://b/\"/></body></opml>", "line 2, column 1: there is another element (<opml>) after the end of the OPML document"},
		"trailing text":   {one + "\n\n  junk", "line 3, column 3: there is text after the end of the OPML document"},
	} {
		if res, err := ParseOPML(strings.NewReader(c.data)); pln.CodeOf(err) != pln.CodeInvalid || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, %v", name, res, err)
		}
	}
	if _, err := ParseOPML(strings.NewReader(one + "\n<!-- a comment -->\n")); err != nil {
		t.Errorf("a trailing comment: %v", err)
	}
	res, err := ParseOPML(strings.NewReader("<opml><body>\n<outline text=\"chat & code\" xmlUrl=\"http://a/\"/>\n<outline text=\"c\" xmlUrl=\"http://c/\"/></body></opml>"))
	if err != nil || len(res.Feeds) != 2 || res.Feeds[0].Title != "chat & code" || len(res.Skipped) != 1 || res.Skipped[0].Where != "line 2, column 21" ||
		!strings.Contains(res.Skipped[0].Message, "invalid character entity & (no semicolon). The file was read leniently") {
		t.Errorf("bare &: %#v, %v", res, err)
	}
}

// TestParseOPMLSkipsUnreadableFeeds: a feed that cannot become a node (a
// feed URL over the limit, an attribute name too long) is left out with a
// located warning; the rest of the file is read.
func TestParseOPMLSkipsUnreadableFeeds(t *testing.T) {
	for name, c := range map[string]struct{ data, where, msg string }{
		"long feed url":   {"<opml><body>\n<outline text=\"ok\" xmlUrl=\"http://ok/\"/>\n<outline text=\"a\" xmlUrl=\"http://x/" + strings.Repeat("a", 3000) + "\"/></body></opml>", "line 3, column 1", `the feed "a" was left out: The feed URL is longer than 2048 characters.`},
		"long extra name": {"<opml><body>\n<outline text=\"ok\" xmlUrl=\"http://ok/\"/>\n<outline text=\"a\" xmlUrl=\"http://x/\" " + strings.Repeat("n", 300) + "=\"v\"/></body></opml>", "line 3, column 1", `the feed "a" was left out: The extra property name`},
	} {
		res, err := ParseOPML(strings.NewReader(c.data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(res.Feeds) != 1 || res.Feeds[0].FeedURL != "http://ok/" || len(res.Skipped) != 1 ||
			res.Skipped[0].Where != c.where || !strings.HasPrefix(res.Skipped[0].Message, c.msg) || !res.Skipped[0].Skipped {
			t.Errorf("%s: feeds %v, skipped %#v", name, res.Feeds, res.Skipped)
		}
		d, ok := Lookup(FormatOPML)
		if !ok {
			t.Fatal("opml not registered")
		}
		doc, perr := d.(Importer).Parse([]File{{Name: "x.opml", Data: []byte(c.data)}})
		if perr != nil || len(doc.Nodes) != 1 || len(doc.Warnings) != 1 || !doc.Warnings[0].Skipped {
			t.Errorf("%s: doc %#v, %v", name, doc, perr)
		}
	}
}

func TestWriteOPMLRoundTrip(t *testing.T) {
	for _, name := range []string{"netnewswire_Subs.opml", "newsblur.opml", "plenary_Iran.opml", "listparser_xmlURL-miscapitalized.opml"} {
		t.Run(name, func(t *testing.T) {
			res := mustParse(t, fixture(t, "opml", name))
			nodes := FeedsToNodes(res)
			var buf bytes.Buffer
			if err := WriteOPML(&buf, res.Title, nodes); err != nil {
				t.Fatal(err)
			}
			if f, err := Detect("export.opml", buf.Bytes()); err != nil || f != FormatOPML {
				t.Fatalf("Detect: %q %v", f, err)
			}
			again := mustParse(t, buf.Bytes())
			if again.Title != res.Title {
				t.Errorf("title %q, want %q", again.Title, res.Title)
			}
			if got := FeedsToNodes(again); !reflect.DeepEqual(got, nodes) {
				t.Errorf("nodes differ after write and parse:\n%s", buf.String())
			}
			var nonEmpty []string
			for _, f := range res.FolderPaths() {
				if slices.ContainsFunc(res.Feeds, func(fd Feed) bool { return strings.Join(fd.Folders, "/") == f }) {
					nonEmpty = append(nonEmpty, f)
				}
			}
			if !reflect.DeepEqual(again.FolderPaths(), nonEmpty) {
				t.Errorf("folders %q, want %q", again.FolderPaths(), nonEmpty)
			}
			var buf2 bytes.Buffer
			if err := WriteOPML(&buf2, again.Title, FeedsToNodes(again)); err != nil || !bytes.Equal(buf.Bytes(), buf2.Bytes()) {
				t.Errorf("second export differs (%v)", err)
			}
		})
	}
}

func TestWriteOPMLHandMade(t *testing.T) {
	nodes := []pln.Node{
		{ID: pln.NewID(), Ego: true, Label: "Me", Kind: pln.KindPerson},
		{Label: "A person", Kind: pln.KindPerson, FeedURL: "http://person/feed"},
		{Label: "No feed", Kind: pln.KindSource, URL: "http://nofeed/"},
		{Label: `Quotes "&" <angles>`, Kind: pln.KindSource, FeedURL: "http://q/feed?a=1&b=2", URL: "http://q/", Tags: []string{"News", "extra"},
			Extra: map[string]string{"opml:description": "two\nlines & \"quotes\"", "opml:bad name": "skipped", "vcard:x": "skipped", "opml:text": "Original text"}},
		{Label: "Untagged", Kind: pln.KindSource, FeedURL: "http://u/feed", Extra: map[string]string{"opml:type": "atom"}},
		{Label: "Lower news", Kind: pln.KindSource, FeedURL: "http://l/feed", Tags: []string{"news"}},
	}
	var buf bytes.Buffer
	if err := WriteOPML(&buf, "Plexus <export>", nodes); err != nil {
		t.Fatal(err)
	}
	want := `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head>
    <title>Plexus &lt;export&gt;</title>
  </head>
  <body>
    <outline text="News" title="News">
      <outline text="Original text" title="Quotes &#34;&amp;&#34; &lt;angles&gt;" type="rss" xmlUrl="http://q/feed?a=1&amp;b=2" htmlUrl="http://q/" description="two&#xA;lines &amp; &#34;quotes&#34;"></outline>
      <outline text="Lower news" title="Lower news" type="rss" xmlUrl="http://l/feed"></outline>
    </outline>
    <outline text="Untagged" title="Untagged" type="atom" xmlUrl="http://u/feed"></outline>
  </body>
</opml>
`
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
	res := mustParse(t, buf.Bytes())
	got := FeedsToNodes(res)
	if len(got) != 3 || got[0].Label != nodes[3].Label || got[0].Extra["opml:description"] != "two\nlines & \"quotes\"" ||
		got[0].Extra["opml:text"] != "Original text" || !reflect.DeepEqual(got[0].Tags, []string{"News"}) || got[1].Tags[0] != "News" {
		t.Errorf("parsed back: %#v", got)
	}
}
