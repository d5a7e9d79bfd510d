package service

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/plexus-pln/plexus/backend/interchange"
	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// losslessFormats must give back, through a whole Plexus (export from one
// data folder, import into an empty one), every node with all its fields,
// positions and extra properties, every tie and (for the formats that
// carry a journal) every entry.
var losslessFormats = []string{"gexf", "graphml", "csv", "jgf", "markdown"}

// genNetwork writes a network with every field set into e's store: n
// alters of every kind around the ego, ties among them.
func genNetwork(t *testing.T, e *env, seed uint64, n int) {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 7))
	now := e.clk.now()
	var ids []string
	var nodes []pln.Node
	words := []string{"Ada", "Grace", "Émile", "Zoë", "Łukasz", "李", "O'Brien", "Smith & Sons", "Learning", "Rust", "Go", "Café"}
	for i := range n {
		kind := pln.Kinds[i%len(pln.Kinds)]
		f := pln.NodeFields{
			Label:       fmt.Sprintf("%s %s %d", words[r.IntN(len(words))], words[r.IntN(len(words))], i),
			Kind:        kind,
			Description: fmt.Sprintf("Line one about *%d*.\n\nSecond paragraph with \"quotes\", <angle> & ampersand.", i),
			URL:         fmt.Sprintf("https://example.org/%d?q=a&b=c", i),
			Tags:        []string{"tag" + fmt.Sprint(i%5), "shared tag"},
			Relation:    pln.Relations[r.IntN(len(pln.Relations))],
			Strength:    1 + r.IntN(5),
			Role:        pln.Roles[r.IntN(len(pln.Roles))],
			Contexts:    []string{"work", "my context"},
			Mode:        pln.Modes[r.IntN(len(pln.Modes))],
			Status:      pln.Statuses[r.IntN(len(pln.Statuses))],
			Cadence:     1 + r.IntN(60),
			Extra:       map[string]string{"custom:field": fmt.Sprintf("value %d", i)},
		}
		if kind == pln.KindPerson {
			f.Emails = []string{fmt.Sprintf("p%d@example.org", i), fmt.Sprintf("alt%d@example.net", i)}
			f.Organisation = "Analytical Engines Ltd"
		}
		if kind == pln.KindSource {
			f.FeedURL = fmt.Sprintf("https://example.org/%d/feed.xml", i)
		}
		if i == 3 {
			f.Relation = "custom relation"
		}
		noErr(t, f.Normalize())
		var nd pln.Node
		nd.SetFields(f)
		nd.ID = pln.NewID()
		nd.X, nd.Y = float64(r.IntN(2000)-1000)+0.25, float64(r.IntN(2000)-1000)-0.5
		nd.Pinned = i%3 == 0
		nd.CreatedAt, nd.UpdatedAt = now, now
		nodes = append(nodes, nd)
		ids = append(ids, nd.ID)
	}
	var ties []pln.Tie
	seen := map[[2]string]bool{}
	for i := 0; i < 2*n; i++ {
		a, b := ids[r.IntN(len(ids))], ids[r.IntN(len(ids))]
		if a == b || seen[pairOf(a, b)] {
			continue
		}
		seen[pairOf(a, b)] = true
		ties = append(ties, pln.Tie{ID: pln.NewID(), From: a, To: b, Relation: pln.Relations[r.IntN(len(pln.Relations))],
			Directed: r.IntN(2) == 0, Strength: 1 + r.IntN(5), Note: fmt.Sprintf("note %d, with \"quotes\"", i),
			CreatedAt: now, UpdatedAt: now})
	}
	noErr(t, e.st.Update(func(tx *store.Tx) error {
		for _, nd := range nodes {
			if err := tx.PutNode(nd); err != nil {
				return err
			}
		}
		for _, tie := range ties {
			if err := tx.PutTie(tie); err != nil {
				return err
			}
		}
		return nil
	}))
	for i := range 3 {
		must[pln.Entry](t)(e.svc.Journal.CreateEntry(pln.EntryFields{OccurredAt: now.AddDate(0, 0, -i), Body: fmt.Sprintf("Entry %d about it.\n\nMore.", i),
			NodeIDs: []string{ids[i]}, Tags: []string{"journal"}, Type: pln.EntryTypes[i%len(pln.EntryTypes)]}))
	}
}

// comparable is a node without what an import may change: ids, times,
// the import id and the importing format's own id extra.
func comparableNode(n pln.Node, format string) pln.Node {
	n.ID, n.ImportID = "", ""
	n.CreatedAt, n.UpdatedAt = pln.Node{}.CreatedAt, pln.Node{}.UpdatedAt
	if n.Extra != nil {
		x := map[string]string{}
		for k, v := range n.Extra {
			if !strings.HasPrefix(k, format+":") && k != "plexus:rows" {
				x[k] = v
			}
		}
		n.Extra = x
		if len(x) == 0 {
			n.Extra = nil
		}
	}
	if len(n.Contexts) == 0 {
		n.Contexts = nil
	}
	return n
}

func tieKey(labels map[string]string, t pln.Tie) string {
	a, b := labels[t.From], labels[t.To]
	if !t.Directed && a > b {
		a, b = b, a
	}
	return fmt.Sprintf("%s|%s|%s|%v|%d|%s", a, b, t.Relation, t.Directed, t.Strength, t.Note)
}

// TestExportImportRoundTrip: export → import into an empty data folder
// keeps everything, for every lossless format.
func TestExportImportRoundTrip(t *testing.T) {
	for _, format := range losslessFormats {
		t.Run(format, func(t *testing.T) {
			if _, ok := interchange.Lookup(format); !ok {
				t.Fatalf("no format %s registered", format)
			}
			a := newEnv(t)
			genNetwork(t, a, 42, 30)
			files := must[[]interchange.File](t)(a.svc.Files.Export(format))
			b := newEnv(t)
			pv := must[pln.ImportPreview](t)(b.svc.Files.PreviewFiles(files))
			if pv.Skipped > 0 || pv.UnknownKinds > 0 || len(pv.Duplicates) > 0 {
				t.Fatalf("preview of its own export: %+v", pv)
			}
			must[pln.ImportResult](t)(b.svc.Import.ApplyImport(pln.ImportChoices{PreviewID: pv.PreviewID}))

			na := must[Network](t)(a.svc.Network.Network())
			nb := must[Network](t)(b.svc.Network.Network())
			if len(na.Nodes) != len(nb.Nodes) || len(na.Ties) != len(nb.Ties) {
				t.Fatalf("%d nodes, %d ties; want %d, %d", len(nb.Nodes), len(nb.Ties), len(na.Nodes), len(na.Ties))
			}
			byLabel := map[string]pln.Node{}
			la, lb := map[string]string{}, map[string]string{}
			for _, n := range nb.Nodes {
				byLabel[n.Label] = n
				lb[n.ID] = n.Label
			}
			for _, n := range na.Nodes {
				la[n.ID] = n.Label
				if n.Ego {
					continue
				}
				got, ok := byLabel[n.Label]
				if !ok {
					t.Fatalf("node %q missing", n.Label)
				}
				if w, g := comparableNode(n, format), comparableNode(got, format); !reflect.DeepEqual(w, g) {
					t.Errorf("node %q:\n got %+v\nwant %+v", n.Label, g, w)
				}
			}
			var ka, kb []string
			for _, tie := range na.Ties {
				ka = append(ka, tieKey(la, tie))
			}
			for _, tie := range nb.Ties {
				kb = append(kb, tieKey(lb, tie))
			}
			sort.Strings(ka)
			sort.Strings(kb)
			if !slices.Equal(ka, kb) {
				t.Errorf("ties differ:\n got %v\nwant %v", kb, ka)
			}
		})
	}
}

// TestCutFilesChangeNothingOrImportWhole: every sample file of every
// format, cut short at several places: the preview fails with a message,
// or the import applies whole; a failed apply leaves the network as it was.
func TestCutFilesChangeNothingOrImportWhole(t *testing.T) {
	root := filepath.Join("..", "interchange", "testdata")
	var paths []string
	noErr(t, filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			paths = append(paths, p)
		}
		return err
	}))
	if len(paths) < 4 {
		t.Fatalf("only %d sample files under %s", len(paths), root)
	}
	e := newEnv(t)
	for _, p := range paths {
		data, err := os.ReadFile(p)
		noErr(t, err)
		for _, frac := range []int{13, 50, 87} {
			cut := data[:len(data)*frac/100]
			before := e.networkJSON()
			pv, err := e.svc.Files.PreviewFiles([]interchange.File{{Name: filepath.Base(p), Data: cut}})
			if err != nil {
				if pe := pln.AsError(err); pe.Code == pln.CodeInternal || pe.Message == "" {
					t.Errorf("%s cut at %d%%: %v", p, frac, err)
				}
				continue
			}
			_, err = e.svc.Import.ApplyImport(pln.ImportChoices{PreviewID: pv.PreviewID, Kind: pln.KindPerson, SkipUnreadable: true})
			if err != nil {
				if pln.CodeOf(err) == pln.CodeInternal {
					t.Errorf("%s cut at %d%%: apply: %v", p, frac, err)
				}
				if after := e.networkJSON(); after != before {
					t.Errorf("%s cut at %d%%: a failed apply changed the network", p, frac)
				}
				continue
			}
			// Applied: undo it whole, back to where it was.
			if _, err := e.svc.History.Undo(); err != nil && pln.CodeOf(err) != pln.CodeNotFound {
				t.Errorf("%s: undo: %v", p, err)
			}
			if after := e.networkJSON(); after != before {
				t.Errorf("%s cut at %d%%: undo did not restore the network", p, frac)
			}
		}
	}
}
