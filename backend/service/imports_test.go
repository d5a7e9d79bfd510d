package service

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/interchange"
	"github.com/plexus-pln/plexus/backend/pln"
)

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "opml", name))
	noErr(t, err)
	return b
}

var opmlFixtures = []string{
	"listparser_xmlURL-miscapitalized.opml",
	"netnewswire_Subs.opml",
	"newsblur.opml",
	"plenary_Iran.opml",
}

func TestImportOPMLFixtures(t *testing.T) {
	for _, name := range opmlFixtures {
		t.Run(name, func(t *testing.T) {
			e := newEnv(t)
			data := fixture(t, name)
			parsed, err := interchange.ParseOPML(bytes.NewReader(data))
			noErr(t, err)
			want := interchange.FeedsToNodes(parsed)
			if len(want) == 0 {
				t.Fatal("fixture has no feeds")
			}
			res := must[pln.ImportResult](t)(e.svc.Files.ImportFile(name, data))
			// Feeds whose URLs differ only in scheme, "www." or a trailing
			// slash are one node, with a warning naming the line (the
			// NetNewsWire file lists Katie Floyd and Natasha the Robot twice).
			merged := 0
			for _, w := range res.Warnings {
				if strings.Contains(w.Message, "has the same feed URL as") && w.Where != "" {
					merged++
				}
			}
			if name == "netnewswire_Subs.opml" && merged != 2 {
				t.Errorf("merged %d, want 2: %+v", merged, res.Warnings)
			}
			if res.Nodes != len(want)-merged || res.Skipped != 0 || res.Format != "opml" || res.Source != name || res.ImportID == "" {
				t.Fatalf("result %+v, want %d nodes", res, len(want)-merged)
			}
			nw := must[Network](t)(e.svc.Network.Network())
			if len(nw.Nodes) != res.Nodes+1 {
				t.Fatalf("%d nodes in the network, want %d", len(nw.Nodes), res.Nodes+1)
			}
			byFeed := map[string]pln.Node{}
			for _, n := range nw.Nodes {
				if !n.Ego {
					byFeed[n.FeedURL] = n
				}
			}
			for _, w := range want {
				n, ok := byFeed[w.FeedURL]
				if !ok && merged > 0 {
					continue // merged into its twin
				}
				if !ok {
					t.Fatalf("feed %s missing", w.FeedURL)
				}
				if n.Label != w.Label || n.Kind != pln.KindSource || n.Relation != pln.RelFollows || n.ImportID != res.ImportID || n.URL != w.URL {
					t.Fatalf("node %+v, want like %+v", n, w)
				}
				if math.Hypot(n.X, n.Y) < placeSpacing {
					t.Fatalf("node %q placed at the centre (%g,%g)", n.Label, n.X, n.Y)
				}
			}
			h := must[pln.HistoryChanged](t)(e.svc.History.State())
			if h.Undo == nil || h.Undo.Name != fmt.Sprintf("Import %d sources from “%s”", res.Nodes, name) && res.Nodes > 1 || h.Undo.Records != 1 {
				t.Fatalf("undo step %+v", h.Undo)
			}
			if name == "listparser_xmlURL-miscapitalized.opml" {
				n := byFeed["http://domain/feed"]
				if n.Label != "feedname" {
					t.Fatalf("miscapitalized xmlURL: %+v", n)
				}
			}
			// Events: progress (0 … total), then network:changed "import".
			ev := e.rec.take()
			if len(ev) < 3 || ev[len(ev)-1].name != pln.EventNetworkChanged || ev[len(ev)-1].payload.(pln.NetworkChanged).Reason != "import" {
				t.Fatalf("events %+v", ev)
			}
			first, lastP := ev[0].payload.(pln.ImportProgress), ev[len(ev)-2].payload.(pln.ImportProgress)
			if first.Done != 0 || lastP.Done != res.Nodes || lastP.Total != res.Nodes || lastP.ImportID != res.ImportID {
				t.Fatalf("progress %+v … %+v", first, lastP)
			}

			// Importing again adds nothing: every feed is already there.
			e.clk.advance(time.Minute)
			again := must[pln.ImportResult](t)(e.svc.Files.ImportFile(name, data))
			if again.Nodes != 0 || again.Skipped != res.Nodes || again.ImportID != "" {
				t.Fatalf("second import %+v", again)
			}
		})
	}
}

func TestImportPlacesOutsideExistingNodes(t *testing.T) {
	e := newEnv(t)
	far := must[pln.Node](t)(e.svc.Network.CreateNode(person("far"), 900, -300))
	r := math.Hypot(far.X, far.Y)
	must[pln.ImportResult](t)(e.svc.Files.ImportFile("subs.opml", fixture(t, "netnewswire_Subs.opml")))
	nw := must[Network](t)(e.svc.Network.Network())
	seen := map[[2]float64]bool{}
	for _, n := range nw.Nodes {
		if n.ImportID == "" {
			continue
		}
		if d := math.Hypot(n.X, n.Y); d <= r {
			t.Fatalf("imported node %q at distance %g, inside existing radius %g", n.Label, d, r)
		}
		k := [2]float64{math.Round(n.X), math.Round(n.Y)}
		if seen[k] {
			t.Fatalf("two imported nodes at %v", k)
		}
		seen[k] = true
	}
}

func TestMalformedOPMLChangesNothing(t *testing.T) {
	e := newEnv(t)
	must[pln.ImportResult](t)(e.svc.Files.ImportFile("first.opml", fixture(t, "newsblur.opml")))
	before := e.networkJSON()
	e.rec.take()
	bad := []byte("<?xml version=\"1.0\"?>\n<opml version=\"2.0\">\n<body>\n<outline text=\"a\" xmlUrl=\"http://a.example/feed\"/>\n<outline text=\"b\" xmlUrl=\"http://b.example/feed\">\n</body>\n</opml>\n")
	_, err := e.svc.Files.ImportFile("broken.opml", bad)
	wantCode(t, err, pln.CodeInvalid)
	if !strings.Contains(err.Error(), "line ") || !strings.Contains(err.Error(), "broken.opml") {
		t.Fatalf("message does not name the file and line: %v", err)
	}
	if after := e.networkJSON(); after != before {
		t.Fatalf("a malformed file changed the network")
	}
	if ev := e.rec.named(pln.EventNetworkChanged); len(ev) != 0 {
		t.Fatalf("events after a failed import: %+v", ev)
	}
	h := must[pln.HistoryChanged](t)(e.svc.History.State())
	if h.Undo == nil || !strings.Contains(h.Undo.Name, "first.opml") {
		t.Fatalf("undo step %+v", h.Undo)
	}
}

func TestImportRejects(t *testing.T) {
	e := newEnv(t)
	before := e.networkJSON()
	_, err := e.svc.Files.ImportFile("notes.txt", []byte("just some text"))
	wantCode(t, err, pln.CodeUnsupported)
	_, err = e.svc.Files.ImportFile("empty.opml", []byte("  \n"))
	wantCode(t, err, pln.CodeInvalid)
	_, err = e.svc.Files.ImportFile("huge.opml", make([]byte, MaxImportBytes+1))
	wantCode(t, err, pln.CodeTooLarge)
	var buf bytes.Buffer
	noErr(t, e.svc.Backup.WriteBackup(&buf))
	_, err = e.svc.Files.ImportFile("backup.json", buf.Bytes())
	wantCode(t, err, pln.CodeUnsupported)
	if e.networkJSON() != before {
		t.Fatal("a rejected import changed the network")
	}
}

func TestImportCancelledRollsBack(t *testing.T) {
	e := newEnv(t)
	before := e.networkJSON()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := e.svc.Files.ImportFileContext(ctx, "subs.opml", fixture(t, "netnewswire_Subs.opml"))
	wantCode(t, err, pln.CodeConflict)
	if !strings.Contains(err.Error(), "cancelled") {
		t.Fatalf("message %v", err)
	}
	if e.networkJSON() != before {
		t.Fatal("a cancelled import changed the network")
	}
	if h := must[pln.HistoryChanged](t)(e.svc.History.State()); h.Undo != nil {
		t.Fatalf("undo step after cancel: %+v", h.Undo)
	}
	imps, err := e.st.Imports()
	noErr(t, err)
	if len(imps) != 0 {
		t.Fatalf("import records left: %+v", imps)
	}
	wantCode(t, e.svc.Import.CancelImport(pln.NewID()), pln.CodeNotFound)
}

func TestCancelImportWhileRunning(t *testing.T) {
	e := newEnv(t)
	// Cancel from inside the first progress event, as the UI would.
	e.rec.check = func(name string, payload any) {
		if p, ok := payload.(pln.ImportProgress); ok && p.Done == 0 {
			noErr(t, e.svc.Import.CancelImport(p.ImportID))
		}
	}
	_, err := e.svc.Files.ImportFile("subs.opml", fixture(t, "netnewswire_Subs.opml"))
	wantCode(t, err, pln.CodeConflict)
	if nw := must[Network](t)(e.svc.Network.Network()); len(nw.Nodes) != 1 {
		t.Fatalf("%d nodes after a cancelled import", len(nw.Nodes))
	}
}

func TestUndoImport(t *testing.T) {
	e := newEnv(t)
	_, err := e.svc.History.Undo()
	wantCode(t, err, pln.CodeNotFound)
	hand := must[pln.Node](t)(e.svc.Network.CreateNode(person("by hand"), 1, 1))
	must[pln.ImportResult](t)(e.svc.Files.ImportFile("a.opml", fixture(t, "plenary_Iran.opml")))
	afterFirst := e.networkJSON()
	second := must[pln.ImportResult](t)(e.svc.Files.ImportFile("b.opml", fixture(t, "newsblur.opml")))
	afterSecond := e.networkJSON()
	e.rec.take()

	undone := must[pln.HistoryStep](t)(e.svc.History.Undo())
	if undone.Name != "Undo: Import 5 sources from “b.opml”" || undone.Kind != "undo" {
		t.Fatalf("undid %+v", undone)
	}
	if got := e.networkJSON(); got != afterFirst {
		t.Fatal("undo did not bring back the network as it was after the first import")
	}
	ev := e.rec.takeAll()
	if len(ev) != 3 || ev[0].payload.(pln.NetworkChanged).Reason != pln.ReasonUndo || len(ev[0].payload.(pln.NetworkChanged).NodeIDs) != 0 ||
		ev[2].name != pln.EventHistoryChanged {
		t.Fatalf("events %+v", ev)
	}
	if h := ev[2].payload.(pln.HistoryChanged); h.Undo == nil || !strings.Contains(h.Undo.Name, "a.opml") || h.Redo == nil || !strings.Contains(h.Redo.Name, "b.opml") {
		t.Fatalf("history:changed %+v", h)
	}
	must[pln.HistoryStep](t)(e.svc.History.Undo())
	nw := must[Network](t)(e.svc.Network.Network())
	if len(nw.Nodes) != 2 || must[pln.Node](t)(e.svc.Network.GetNode(hand.ID)).Label != "by hand" {
		t.Fatalf("after undoing both: %+v", nw.Nodes)
	}
	// Redo both: the network is as it was, ids, positions and all.
	must[pln.HistoryStep](t)(e.svc.History.Redo())
	must[pln.HistoryStep](t)(e.svc.History.Redo())
	if got := e.networkJSON(); got != afterSecond {
		t.Fatal("redo did not bring back the network as it was after both imports")
	}
	_, err = e.svc.History.Redo()
	wantCode(t, err, pln.CodeNotFound)
	must[pln.HistoryStep](t)(e.svc.History.Undo())
	// An undone feed list can be imported again (a new edit: redo is gone).
	again := must[pln.ImportResult](t)(e.svc.Files.ImportFile("b-again.opml", fixture(t, "newsblur.opml")))
	if again.Nodes != second.Nodes {
		t.Fatalf("re-import after undo: %+v vs %+v", again, second)
	}
	if h := must[pln.HistoryChanged](t)(e.svc.History.State()); h.Redo != nil {
		t.Fatalf("redo after a new edit: %+v", h.Redo)
	}
}

func TestDuplicateDropImportedOnce(t *testing.T) {
	e := newEnv(t)
	data := fixture(t, "netnewswire_Subs.opml")
	first := must[pln.ImportResult](t)(e.svc.Files.ImportFile("Subs.opml", data))
	e.clk.advance(time.Second)
	second := must[pln.ImportResult](t)(e.svc.Files.ImportFile("/home/me/Subs.opml", data)) // a native drop hands over a path
	if !reflect.DeepEqual(second, first) {
		t.Fatalf("duplicate drop: %+v vs %+v", second, first)
	}
	imps, err := e.st.Imports()
	noErr(t, err)
	if len(imps) != 1 {
		t.Fatalf("%d imports", len(imps))
	}
	// Different bytes under the same name is a different drop.
	other := must[pln.ImportResult](t)(e.svc.Files.ImportFile("Subs.opml", fixture(t, "newsblur.opml")))
	if other.ImportID == first.ImportID || other.Nodes == 0 {
		t.Fatalf("other file: %+v", other)
	}
	// After the window the same file is imported again (and skips every feed).
	e.clk.advance(3 * time.Second)
	third := must[pln.ImportResult](t)(e.svc.Files.ImportFile("Subs.opml", data))
	if third.ImportID != "" || third.Skipped != first.Nodes {
		t.Fatalf("after the window: %+v", third)
	}

	// Concurrent duplicates: one import, both get its result.
	e2 := newEnv(t)
	data2 := fixture(t, "newsblur.opml")
	var wg sync.WaitGroup
	results := make([]pln.ImportResult, 2)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = must[pln.ImportResult](t)(e2.svc.Files.ImportFile("nb.opml", data2))
		}()
	}
	wg.Wait()
	if !reflect.DeepEqual(results[0], results[1]) || results[0].Nodes == 0 {
		t.Fatalf("concurrent duplicates: %+v", results)
	}
	imps, err = e2.st.Imports()
	noErr(t, err)
	if len(imps) != 1 {
		t.Fatalf("%d imports from a doubled drop", len(imps))
	}
}

func TestImportPaths(t *testing.T) {
	e := newEnv(t)
	dir := t.TempDir()
	noErr(t, os.WriteFile(filepath.Join(dir, "bad.txt"), []byte("hello"), 0o600))
	paths := []string{
		filepath.Join("testdata", "opml", "plenary_Iran.opml"),
		filepath.Join(dir, "bad.txt"),
		filepath.Join(dir, "missing.opml"),
		dir,
	}
	out := e.svc.Files.ImportPaths(context.Background(), paths)
	if len(out) != 4 {
		t.Fatalf("%d results", len(out))
	}
	if out[0].Result == nil || out[0].Result.Nodes == 0 || out[0].Result.Source != "plenary_Iran.opml" || out[0].Error != nil {
		t.Fatalf("fixture: %+v", out[0])
	}
	for i, code := range []pln.Code{pln.CodeUnsupported, pln.CodeInvalid, pln.CodeInvalid} {
		f := out[i+1]
		if f.Result != nil || f.Error == nil || f.Error.Code != code {
			t.Fatalf("path %d: %+v, want %s", i+1, f, code)
		}
	}
}

func TestImportLink(t *testing.T) {
	e := newEnv(t)
	res := must[pln.ImportResult](t)(e.svc.Import.ImportLink("https://www.example.org/blog/", ""))
	if res.Nodes != 1 || res.Format != "link" || res.ImportID == "" {
		t.Fatalf("result %+v", res)
	}
	nw := must[Network](t)(e.svc.Network.Network())
	var n pln.Node
	for _, x := range nw.Nodes {
		if !x.Ego {
			n = x
		}
	}
	if n.Label != "example.org" || n.URL != "https://www.example.org/blog/" || n.Kind != pln.KindSource || n.Relation != pln.RelFollows {
		t.Fatalf("node %+v", n)
	}
	titled := must[pln.ImportResult](t)(e.svc.Import.ImportLink("https://go.dev/blog", "The Go\nBlog "+strings.Repeat("!", 300)))
	got := must[pln.Node](t)(e.svc.Network.GetNode(must[Network](t)(e.svc.Network.Network()).Nodes[2].ID))
	if titled.Nodes != 1 || !strings.HasPrefix(got.Label, "The Go Blog !") || len([]rune(got.Label)) != pln.MaxLabelLen {
		t.Fatalf("titled %+v %q", titled, got.Label)
	}
	dup := must[pln.ImportResult](t)(e.svc.Import.ImportLink("https://www.example.org/blog/", "again"))
	if dup.Nodes != 0 || dup.Skipped != 1 {
		t.Fatalf("duplicate link %+v", dup)
	}
	for _, bad := range []string{"", "example.org", "javascript:alert(1)", "file:///etc/passwd"} {
		_, err := e.svc.Import.ImportLink(bad, "")
		wantCode(t, err, pln.CodeInvalid)
	}
	undone := must[pln.HistoryStep](t)(e.svc.History.Undo())
	if undone.Name != "Undo: Add the link “The Go Blog "+strings.Repeat("!", 48)+"”" {
		t.Fatalf("undo %+v", undone)
	}
}

// Successive one-node imports (dropped links) must not pile up on one ray
// from the ego, where their labels overlap (found in review).
func TestSuccessiveImportsSpreadAround(t *testing.T) {
	e := newEnv(t)
	var angles []float64
	for i, u := range []string{"https://a.example/", "https://b.example/", "https://c.example/", "https://d.example/"} {
		must[pln.ImportResult](t)(e.svc.Import.ImportLink(u, fmt.Sprintf("Link %d", i)))
	}
	nw := must[Network](t)(e.svc.Network.Network())
	for _, n := range nw.Nodes {
		if !n.Ego {
			angles = append(angles, math.Atan2(n.Y, n.X))
		}
	}
	if len(angles) != 4 {
		t.Fatalf("%d nodes", len(angles))
	}
	for i := range angles {
		for j := range i {
			d := math.Abs(math.Remainder(angles[i]-angles[j], 2*math.Pi))
			if d < 0.3 {
				t.Fatalf("links %d and %d lie on nearly the same ray (%.2f rad apart): %v", i, j, d, angles)
			}
		}
	}
}

func TestPlaceAround(t *testing.T) {
	for _, n := range []int{1, 5, 6, 7, 100, 2000} {
		ps := placeAround(0, 0, 250, 1.0, n)
		if len(ps) != n {
			t.Fatalf("%d positions for %d", len(ps), n)
		}
		for i, p := range ps {
			if d := math.Hypot(p[0], p[1]); d < 250+placeSpacing {
				t.Fatalf("n=%d: position %d at distance %g", n, i, d)
			}
			for j := range i {
				if math.Hypot(p[0]-ps[j][0], p[1]-ps[j][1]) < placeSpacing*0.5 {
					t.Fatalf("n=%d: positions %d and %d overlap", n, i, j)
				}
			}
			if n > 100 {
				break // the pairwise check is quadratic; small n covers it
			}
		}
	}
}
