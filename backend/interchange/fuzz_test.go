package interchange

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/plexus-pln/plexus/backend/pln"
)

// FuzzParseOPML: ParseOPML never panics; a rejection is a *pln.Error (never
// internal) with a message; an accepted file's nodes all pass Normalize,
// and writing them out gives OPML that parses back to as many nodes.
func FuzzParseOPML(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "opml", "*.opml"))
	seedFiles(f, files, firstLines(30, "</body></opml>\n"), true)
	for _, s := range []string{
		"", "<opml/>", "<opml><body/></opml>", "<rss/>", "\xff\xfe", "\xef\xbb\xbf<opml><body>",
		`<?xml version="1.0" encoding="latin1"?><opml><body><outline text="a&#10;b" xmlUrl="x"><outline text="c"/></outline></body></opml>`,
		`<opml><body><outline title="" text=""><outline xmlUrl=" " url="u"><outline XMLURL="f"/></outline></outline></body></opml>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = Detect("fuzz.opml", data)
		res, err := ParseOPML(bytes.NewReader(data))
		if err != nil {
			if c := pln.CodeOf(err); c == pln.CodeInternal || pln.AsError(err).Message == "" {
				t.Fatalf("bad error: %#v", err)
			}
			return
		}
		if format, err := Detect("fuzz.opml", data); err != nil || format != FormatOPML {
			t.Fatalf("ParseOPML accepted what Detect calls %q (%v)", format, err)
		}
		nodes := FeedsToNodes(res)
		if len(res.Feeds) > 0 && len(nodes) == 0 {
			t.Fatalf("%d feeds but no nodes", len(res.Feeds))
		}
		checkNodes(t, nodes)
		var buf bytes.Buffer
		if err := WriteOPML(&buf, res.Title, nodes); err != nil {
			t.Fatalf("WriteOPML: %v", err)
		}
		again, err := ParseOPML(&buf)
		if err != nil {
			t.Fatalf("written OPML does not parse: %v\n%s", err, buf.Bytes())
		}
		if n := len(FeedsToNodes(again)); n != len(nodes) {
			t.Fatalf("%d nodes after write and parse, want %d", n, len(nodes))
		}
	})
}

// FuzzReadBackup: ReadBackup never panics, rejects with a *pln.Error, and
// what it accepts writes and reads back.
func FuzzReadBackup(f *testing.F) {
	small := sampleBackup(f)
	small.Nodes, small.Ties, small.Entries = small.Nodes[1:3], small.Ties[:0], small.Entries[1:]
	small.Entries[0].NodeIDs = []string{idAlice}
	var buf bytes.Buffer
	if err := WriteBackup(&buf, small); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add(buf.Bytes()[:buf.Len()/3])
	f.Add([]byte(`{"format":"plexus-backup","version":1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ReadBackup(bytes.NewReader(data))
		if err != nil {
			if pln.CodeOf(err) == pln.CodeInternal {
				t.Fatalf("internal error: %v", err)
			}
			return
		}
		var out bytes.Buffer
		if err := WriteBackup(&out, b); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadBackup(&out); err != nil {
			t.Fatalf("rewritten backup rejected: %v", err)
		}
	})
}
