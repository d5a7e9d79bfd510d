package interchange

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/plexus-pln/plexus/backend/pln"
)

// hostileOPML builds an OPML file of about size bytes that opens a chain
// of depth nested folders with long (100-character) names and then, inside
// the innermost, alternates a new sibling folder and a feed until the file
// is full. Storing each folder path whole (as ParseOPML once did) costs
// depth × 100 bytes per sibling folder and per feed: 1.3 MB of this took
// over a gigabyte.
func hostileOPML(size, depth int, siblings func(b *bytes.Buffer, i int)) []byte {
	var b bytes.Buffer
	b.WriteString("<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><head><title>hostile</title></head><body>\n")
	for i := range depth {
		fmt.Fprintf(&b, "<outline text=\"%s%03d\">\n", strings.Repeat("n", pln.MaxTagLen-3), i)
	}
	for i := 0; b.Len() < size; i++ {
		siblings(&b, i)
	}
	b.WriteString(strings.Repeat("</outline>", depth))
	b.WriteString("</body></opml>\n")
	return b.Bytes()
}

// allocs parses data and turns it into nodes, and returns the bytes
// allocated on the way (garbage included: a bound on the peak heap) and the
// bytes still live afterwards (what the result keeps).
func allocs(t *testing.T, data []byte) (res *OPMLResult, nodes []pln.Node, total, live uint64) {
	t.Helper()
	var before, after, kept runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	res, err := ParseOPML(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("ParseOPML: %v", err)
	}
	nodes = FeedsToNodes(res)
	runtime.ReadMemStats(&after)
	runtime.GC()
	runtime.ReadMemStats(&kept)
	runtime.KeepAlive(res)
	runtime.KeepAlive(nodes)
	live = 0
	if kept.HeapAlloc > before.HeapAlloc {
		live = kept.HeapAlloc - before.HeapAlloc
	}
	return res, nodes, after.TotalAlloc - before.TotalAlloc, live
}

// TestParseOPMLMemoryBounded: memory for an import is O(the file's size)
// with a small constant, whatever the shape of the file (issue 7: a 1.3 MB
// file of deep, long folder names took 4.9 GB). Bounds, per byte of file:
// at most 80 bytes allocated in all and 24 bytes kept (the worst shapes here: about 60
// and 14); an ordinary
// subscription list of that size allocates about 22 and keeps about 9.
func TestParseOPMLMemoryBounded(t *testing.T) {
	const size = 1_300_000
	cases := []struct {
		name  string
		data  []byte
		check func(t *testing.T, res *OPMLResult, nodes []pln.Node)
	}{
		{
			name: "a chain of 250 long folder names, then new folders and feeds",
			data: hostileOPML(size, 250, func(b *bytes.Buffer, i int) {
				fmt.Fprintf(b, "<outline text=\"f%d\"/><outline xmlUrl=\"http://e.example/%d\"/>\n", i, i)
			}),
			check: func(t *testing.T, res *OPMLResult, nodes []pln.Node) {
				if len(res.Notes) != 1 || !strings.Contains(res.Notes[0], fmt.Sprintf("line %d, ", 3+MaxOPMLFolderTags)) ||
					!strings.Contains(res.Notes[0], fmt.Sprintf("more than %d deep", MaxOPMLFolderTags)) {
					t.Errorf("notes = %q, want one naming line %d", res.Notes, 3+MaxOPMLFolderTags)
				}
				if len(res.Folders) < 250 || res.Folders[249].Parent != 248 {
					t.Errorf("%d folders; the 250th's parent is not the 249th", len(res.Folders))
				}
				n := nodes[len(nodes)-1]
				if len(n.Tags) != MaxOPMLFolderTags || n.Tags[0] != strings.Repeat("n", pln.MaxTagLen-3)+"000" ||
					n.Tags[MaxOPMLFolderTags-1] != strings.Repeat("n", pln.MaxTagLen-3)+fmt.Sprintf("%03d", MaxOPMLFolderTags-1) {
					t.Errorf("last node's tags = %q, want the outer %d folders", n.Tags, MaxOPMLFolderTags)
				}
			},
		},
		{
			name: "folders just inside the tag limit, each with one feed",
			data: hostileOPML(size, MaxOPMLFolderTags-1, func(b *bytes.Buffer, i int) {
				fmt.Fprintf(b, "<outline text=\"f%d\"><outline xmlUrl=\"http://e.example/%d\"/></outline>\n", i, i)
			}),
			check: func(t *testing.T, res *OPMLResult, nodes []pln.Node) {
				if len(res.Notes) != 0 {
					t.Errorf("notes = %q, want none", res.Notes)
				}
				if n := nodes[7]; len(n.Tags) != MaxOPMLFolderTags || n.Tags[MaxOPMLFolderTags-1] != "f7" {
					t.Errorf("tags of feed 7 = %q", n.Tags)
				}
			},
		},
		{
			name: "feeds with as many attributes as a node may keep",
			data: hostileOPML(size, 0, func(b *bytes.Buffer, i int) {
				fmt.Fprintf(b, "<outline xmlUrl=\"http://e.example/%d\"", i)
				for j := range pln.MaxExtraKeys {
					fmt.Fprintf(b, " a%d=\"v\"", j)
				}
				b.WriteString("/>\n")
			}),
			check: func(t *testing.T, res *OPMLResult, nodes []pln.Node) {
				if len(nodes[0].Extra) != pln.MaxExtraKeys {
					t.Errorf("%d extra properties, want %d", len(nodes[0].Extra), pln.MaxExtraKeys)
				}
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, nodes, total, live := allocs(t, c.data)
			n := uint64(len(c.data))
			t.Logf("%d bytes, %d feeds, %d folders: %.1f bytes allocated and %.1f kept per byte of file",
				n, len(res.Feeds), len(res.Folders), float64(total)/float64(n), float64(live)/float64(n))
			if total > 80*n {
				t.Errorf("allocated %d MB for a %d KB file (> 80 bytes per byte)", total>>20, n>>10)
			}
			if live > 24*n {
				t.Errorf("kept %d MB for a %d KB file (> 24 bytes per byte)", live>>20, n>>10)
			}
			c.check(t, res, nodes)
		})
	}
}

// TestParseOPMLTooManyAttributes: a feed with more attributes than a node
// keeps is left out with its line; the parser never holds more than one
// over the limit.
func TestParseOPMLTooManyAttributes(t *testing.T) {
	var b strings.Builder
	b.WriteString("<opml><body>\n<outline xmlUrl=\"http://e.example/\"")
	for j := range 10 * pln.MaxExtraKeys {
		fmt.Fprintf(&b, " a%d=\"v\"", j)
	}
	b.WriteString("/>\n</body></opml>")
	res, err := ParseOPML(strings.NewReader(b.String()))
	if err != nil || len(res.Feeds) != 0 || len(res.Skipped) != 1 || res.Skipped[0].Where != "line 2, column 1" ||
		!strings.Contains(res.Skipped[0].Message, fmt.Sprintf("%d extra properties; the limit is %d", pln.MaxExtraKeys+1, pln.MaxExtraKeys)) {
		t.Errorf("res = %#v, err = %v", res, err)
	}
}
