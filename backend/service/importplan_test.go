package service

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/interchange"
	"github.com/plexus-pln/plexus/backend/pln"
)

// docFormat is a test-only format: a file is a JSON interchange.Doc after
// the line "PLEXUS-TEST-DOC". It lets the generic preview and apply be
// tested apart from any real format's parser.
type docFormat struct{}

func init() { interchange.Register(docFormat{}) }

const docMagic = "PLEXUS-TEST-DOC\n"

func (docFormat) Name() string  { return "testdoc" }
func (docFormat) Title() string { return "test document" }
func (docFormat) Sniff(p *interchange.Probe) int {
	if strings.HasPrefix(string(p.Head()), docMagic) {
		return interchange.SniffSure
	}
	return interchange.SniffNo
}
func (docFormat) Parse(files []interchange.File) (*interchange.Doc, error) {
	var d interchange.Doc
	if err := json.Unmarshal(files[0].Data[len(docMagic):], &d); err != nil {
		return nil, pln.Invalid("%s: %v", files[0].Name, err)
	}
	d.Format = "testdoc"
	return &d, nil
}

func docFile(t *testing.T, d interchange.Doc) interchange.File {
	t.Helper()
	b, err := json.Marshal(d)
	noErr(t, err)
	return interchange.File{Name: "doc.test", Data: append([]byte(docMagic), b...)}
}

func dn(key, label string, kind pln.Kind) interchange.DocNode {
	return interchange.DocNode{Key: key, Node: pln.Node{Label: label, Kind: kind}, Where: "node " + key}
}

func dt(from, to string, directed bool) interchange.DocTie {
	return interchange.DocTie{From: from, To: to, Tie: pln.Tie{Directed: directed}, Where: "tie " + from + "-" + to}
}

// TestPreviewThenApply: a preview writes nothing; apply adds the nodes,
// ties and entries as one step; undo takes all of it back, redo brings it.
func TestPreviewThenApply(t *testing.T) {
	e := newEnv(t)
	ada := dn("a", "Ada", pln.KindPerson)
	ada.Node.Emails = []string{"ada@example.org"}
	d := interchange.Doc{
		Nodes: []interchange.DocNode{ada, dn("b", "Babbage", ""), dn("c", "Analytical Society", pln.KindCommunity)},
		Ties:  []interchange.DocTie{dt("a", "b", true), dt("b", "a", true), dt("a", "c", false), dt("a", "zz", false)},
		Entries: []interchange.DocEntry{{Entry: pln.Entry{OccurredAt: time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC), Body: "Met Ada"},
			NodeKeys: []string{"a", "missing"}, Where: "entry 1"}},
	}
	pv := must[pln.ImportPreview](t)(e.svc.Files.PreviewFiles([]interchange.File{docFile(t, d)}))
	if pv.Nodes != 3 || pv.Ties != 2 || pv.Entries != 1 || pv.UnknownKinds != 1 || pv.Skipped != 1 ||
		len(pv.MissingEnds) != 2 || pv.MissingEnds[0] != "zz" || pv.Format != "testdoc" || pv.FormatTitle != "test document" {
		t.Fatalf("preview %+v", pv)
	}
	nw := must[Network](t)(e.svc.Network.Network())
	if len(nw.Nodes) != 1 {
		t.Fatalf("a preview wrote: %d nodes", len(nw.Nodes))
	}
	// Without a kind, or without accepting the unreadable tie, nothing happens.
	if _, err := e.svc.Import.ApplyImport(pln.ImportChoices{PreviewID: pv.PreviewID, SkipUnreadable: true}); pln.CodeOf(err) != pln.CodeInvalid || !strings.Contains(err.Error(), "1 node do") && !strings.Contains(err.Error(), "do not say what they are") {
		t.Fatalf("no kind: %v", err)
	}
	if _, err := e.svc.Import.ApplyImport(pln.ImportChoices{PreviewID: pv.PreviewID, Kind: pln.KindPerson}); pln.CodeOf(err) != pln.CodeInvalid || !strings.Contains(err.Error(), "1 item cannot be imported (first: tie a-zz: ") {
		t.Fatalf("unreadable: %v", err)
	}
	res := must[pln.ImportResult](t)(e.svc.Import.ApplyImport(pln.ImportChoices{PreviewID: pv.PreviewID, Kind: pln.KindPerson, SkipUnreadable: true}))
	if res.Nodes != 3 || res.Ties != 2 || res.Entries != 1 || res.ImportID == "" {
		t.Fatalf("result %+v", res)
	}
	nw = must[Network](t)(e.svc.Network.Network())
	byLabel := map[string]pln.Node{}
	for _, n := range nw.Nodes {
		byLabel[n.Label] = n
	}
	if byLabel["Babbage"].Kind != pln.KindPerson || byLabel["Babbage"].Relation != pln.RelKnows || byLabel["Analytical Society"].Relation != pln.RelMemberOf {
		t.Fatalf("defaults: %+v", byLabel)
	}
	var mutual *pln.Tie
	for i, tie := range nw.Ties {
		if (tie.From == byLabel["Ada"].ID && tie.To == byLabel["Babbage"].ID) || (tie.To == byLabel["Ada"].ID && tie.From == byLabel["Babbage"].ID) {
			mutual = &nw.Ties[i]
		}
	}
	if mutual == nil || mutual.Directed || mutual.Extra["plexus:rows"] != "2" || mutual.Strength != 3 || mutual.Relation != pln.RelKnows {
		t.Fatalf("a→b and b→a: %+v", mutual)
	}
	page := must[EntryPage](t)(e.svc.Journal.ListEntries(EntryQuery{Limit: 10}))
	if len(page.Entries) != 1 || len(page.Entries[0].NodeIDs) != 1 || page.Entries[0].NodeIDs[0] != byLabel["Ada"].ID {
		t.Fatalf("entries %+v", page.Entries)
	}
	// The preview is used up.
	if _, err := e.svc.Import.ApplyImport(pln.ImportChoices{PreviewID: pv.PreviewID, Kind: pln.KindPerson, SkipUnreadable: true}); pln.CodeOf(err) != pln.CodeNotFound {
		t.Fatalf("second apply: %v", err)
	}
	// One step: undo removes nodes, ties and the entry; redo brings them back.
	h := must[pln.HistoryChanged](t)(e.svc.History.State())
	if h.Undo == nil || h.Undo.Name != "Import 3 nodes, 2 ties, 1 entry from “doc.test”" {
		t.Fatalf("step %+v", h.Undo)
	}
	must[pln.HistoryStep](t)(e.svc.History.Undo())
	nw = must[Network](t)(e.svc.Network.Network())
	page = must[EntryPage](t)(e.svc.Journal.ListEntries(EntryQuery{Limit: 10}))
	if len(nw.Nodes) != 1 || len(nw.Ties) != 0 || len(page.Entries) != 0 {
		t.Fatalf("after undo: %d nodes, %d ties, %d entries", len(nw.Nodes), len(nw.Ties), len(page.Entries))
	}
	must[pln.HistoryStep](t)(e.svc.History.Redo())
	page = must[EntryPage](t)(e.svc.Journal.ListEntries(EntryQuery{Limit: 10}))
	if nw = must[Network](t)(e.svc.Network.Network()); len(nw.Nodes) != 4 || len(nw.Ties) != 2 || len(page.Entries) != 1 {
		t.Fatalf("after redo: %d nodes, %d ties, %d entries", len(nw.Nodes), len(nw.Ties), len(page.Entries))
	}
}

// TestImportMergesAndUpdates: a possible duplicate (same email) is added
// as new unless merged; merged, the existing node gains tags and empty
// fields but keeps its own; the same node id updates automatically; a tie
// to the ego becomes the alter's ego-tie fields; undo puts the existing
// node back as it was.
func TestImportMergesAndUpdates(t *testing.T) {
	e := newEnv(t)
	f := person("Ada Lovelace")
	f.Emails = []string{"ada@example.org"}
	f.Tags = []string{"maths"}
	f.Description = "Countess"
	ada := must[pln.Node](t)(e.svc.Network.CreateNode(f, 10, 10))
	ego := must[pln.Node](t)(e.svc.Network.Ego())

	card := dn("card1", "Augusta Ada King", pln.KindPerson)
	card.Node.Emails = []string{"ADA@example.org", "ada@other.org"}
	card.Node.Tags = []string{"Maths", "poetry"}
	card.Node.Description = "from the vCard"
	card.Node.Organisation = "Analytical Engine"
	card.Node.Extra = map[string]string{"vcard:TEL": "+44 1"}
	egoNode := dn("me", "Me in the file", pln.KindPerson)
	egoNode.Node.Ego = true
	tie := dt("me", "card1", true)
	tie.Tie.Relation, tie.Tie.Strength = pln.RelLearnsFrom, 5
	d := interchange.Doc{Nodes: []interchange.DocNode{card, egoNode}, Ties: []interchange.DocTie{tie}}

	pv := must[pln.ImportPreview](t)(e.svc.Files.PreviewFiles([]interchange.File{docFile(t, d)}))
	if len(pv.Duplicates) != 1 || pv.Duplicates[0].ExistingID != ada.ID || pv.Duplicates[0].Reason != "same email ada@example.org" || pv.Nodes != 1 {
		t.Fatalf("preview %+v", pv)
	}
	// Merged when confirmed.
	res := must[pln.ImportResult](t)(e.svc.Import.ApplyImport(pln.ImportChoices{PreviewID: pv.PreviewID, Merge: []string{"card1"}}))
	if res.Nodes != 0 || res.Updated != 1 || res.Ties != 0 {
		t.Fatalf("result %+v", res)
	}
	got := must[pln.Node](t)(e.svc.Network.GetNode(ada.ID))
	if got.Label != "Ada Lovelace" || got.Description != "Countess" || got.Organisation != "Analytical Engine" ||
		strings.Join(got.Tags, ",") != "maths,poetry" || strings.Join(got.Emails, ",") != "ada@example.org,ada@other.org" ||
		got.Extra["vcard:TEL"] != "+44 1" || got.Extra["testdoc:label"] != "Augusta Ada King" || got.Relation != pln.RelLearnsFrom || got.Strength != 5 {
		t.Fatalf("merged node %+v", got)
	}
	if g := must[pln.Node](t)(e.svc.Network.Ego()); g.Label != ego.Label {
		t.Fatalf("ego renamed to %q", g.Label)
	}
	must[pln.HistoryStep](t)(e.svc.History.Undo())
	if got = must[pln.Node](t)(e.svc.Network.GetNode(ada.ID)); got.Organisation != "" || len(got.Tags) != 1 || got.Extra != nil || got.Strength != 0 {
		t.Fatalf("after undo %+v", got)
	}

	// Not merged: a new node, and the file's ego still merges into the ego.
	pv = must[pln.ImportPreview](t)(e.svc.Files.PreviewFiles([]interchange.File{docFile(t, d)}))
	res = must[pln.ImportResult](t)(e.svc.Import.ApplyImport(pln.ImportChoices{PreviewID: pv.PreviewID}))
	nw := must[Network](t)(e.svc.Network.Network())
	if res.Nodes != 1 || len(nw.Nodes) != 3 {
		t.Fatalf("unmerged: %+v, %d nodes", res, len(nw.Nodes))
	}
	// The same file again: the node it created is found by its file key?
	// No — by its id only when the file carries it; here the email matches
	// two nodes now, and nothing new is brought: a duplicate again.
	var created pln.Node
	for _, n := range nw.Nodes {
		if n.Label == "Augusta Ada King" {
			created = n
		}
	}
	if created.Relation != pln.RelLearnsFrom || created.Strength != 5 {
		t.Fatalf("ego tie of the new node: %+v", created)
	}
	// A file that names the node by its id updates it automatically.
	upd := dn(created.ID, "whatever", "")
	upd.Node.Tags = []string{"engine"}
	pv = must[pln.ImportPreview](t)(e.svc.Files.PreviewFiles([]interchange.File{docFile(t, interchange.Doc{Nodes: []interchange.DocNode{upd}})}))
	if len(pv.Updates) != 1 || pv.Updates[0].Reason != "same node id" || pv.UnknownKinds != 0 || pv.Nodes != 0 {
		t.Fatalf("update preview %+v", pv)
	}
	must[pln.ImportResult](t)(e.svc.Import.ApplyImport(pln.ImportChoices{PreviewID: pv.PreviewID}))
	if got := must[pln.Node](t)(e.svc.Network.GetNode(created.ID)); !strings.Contains(strings.Join(got.Tags, ","), "engine") {
		t.Fatalf("updated %+v", got)
	}
}

// TestImportEdgeTableAlone: ties whose ends are not in the file link
// existing nodes by id, by the format's id extra, or by label; the rest
// are listed as missing. A pair already tied is left alone.
func TestImportEdgeTableAlone(t *testing.T) {
	e := newEnv(t)
	a := must[pln.Node](t)(e.svc.Network.CreateNode(person("Alice"), 10, 10))
	bf := person("Bob")
	bf.Extra = map[string]string{"testdoc:id": "17"}
	b := must[pln.Node](t)(e.svc.Network.CreateNode(bf, 10, 10))
	c := must[pln.Node](t)(e.svc.Network.CreateNode(person("Carol"), 10, 10))
	must[pln.Tie](t)(e.svc.Network.CreateTie(pln.TieFields{From: a.ID, To: c.ID, Relation: pln.RelKnows}))
	d := interchange.Doc{Ties: []interchange.DocTie{dt(a.ID, "17", true), dt("carol", "17", false), dt("Alice", "Carol", false), dt("Dave", "Alice", false)}}
	pv := must[pln.ImportPreview](t)(e.svc.Files.PreviewFiles([]interchange.File{docFile(t, d)}))
	if pv.Ties != 2 || pv.Unchanged != 1 || len(pv.MissingEnds) != 1 || pv.MissingEnds[0] != "Dave" || pv.Skipped != 1 {
		t.Fatalf("preview %+v", pv)
	}
	res := must[pln.ImportResult](t)(e.svc.Import.ApplyImport(pln.ImportChoices{PreviewID: pv.PreviewID, SkipUnreadable: true}))
	if res.Ties != 2 {
		t.Fatalf("result %+v", res)
	}
	ties := tiesOf(must[Network](t)(e.svc.Network.Network()), b.ID)
	if len(ties) != 2 {
		t.Fatalf("Bob's ties %+v", ties)
	}
	// A node whose file id is one a node imported from the same format
	// keeps (testdoc:id 17) is that node: updated, not duplicated.
	robert := dn("17", "Robert", pln.KindPerson)
	robert.Node.Tags = []string{"builder"}
	pv = must[pln.ImportPreview](t)(e.svc.Files.PreviewFiles([]interchange.File{docFile(t, interchange.Doc{Nodes: []interchange.DocNode{robert}})}))
	if pv.Nodes != 0 || len(pv.Updates) != 1 || pv.Updates[0].NodeID != b.ID || pv.Updates[0].Reason != "same testdoc id" {
		t.Fatalf("same file id: %+v", pv)
	}
	// A pair listed in both directions is one mutual tie, and the preview says so.
	must[pln.Node](t)(e.svc.Network.CreateNode(person("Erin"), 20, 20))
	pv = must[pln.ImportPreview](t)(e.svc.Files.PreviewFiles([]interchange.File{docFile(t, interchange.Doc{Ties: []interchange.DocTie{dt("Bob", "Erin", true), dt("Erin", "Bob", true)}})}))
	if pv.Ties != 1 || len(pv.Warnings) != 1 || !strings.HasPrefix(pv.Warnings[0].Message, "1 pair of nodes listed in both directions became one mutual tie") {
		t.Fatalf("both directions: %+v", pv)
	}
}

// TestImportInFileDuplicatesAndCancel: two file nodes with one email are
// one node, reported; a cancelled apply leaves nothing behind.
func TestImportInFileDuplicatesAndCancel(t *testing.T) {
	e := newEnv(t)
	x, y := dn("x", "X One", pln.KindPerson), dn("y", "X Two", pln.KindPerson)
	x.Node.Emails, y.Node.Emails = []string{"x@e.org"}, []string{"X@e.org"}
	pv := must[pln.ImportPreview](t)(e.svc.Files.PreviewFiles([]interchange.File{docFile(t, interchange.Doc{Nodes: []interchange.DocNode{x, y}})}))
	if pv.Nodes != 1 || len(pv.Warnings) != 1 || !strings.Contains(pv.Warnings[0].Message, `"X Two" has the same email as "X One" earlier in the file; merged into it.`) {
		t.Fatalf("preview %+v", pv)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.svc.Files.ApplyImportContext(ctx, pln.ImportChoices{PreviewID: pv.PreviewID}); pln.CodeOf(err) != pln.CodeConflict {
		t.Fatalf("cancelled: %v", err)
	}
	if nw := must[Network](t)(e.svc.Network.Network()); len(nw.Nodes) != 1 {
		t.Fatalf("a cancelled import left %d nodes", len(nw.Nodes))
	}
	imps, err := e.st.Imports()
	noErr(t, err)
	for _, imp := range imps {
		if !imp.Published {
			t.Fatalf("leftover import %+v", imp)
		}
	}
	// Unknown preview ids and expiry.
	if _, err := e.svc.Import.ApplyImport(pln.ImportChoices{PreviewID: "nope"}); pln.CodeOf(err) != pln.CodeNotFound {
		t.Fatalf("unknown preview: %v", err)
	}
	pv = must[pln.ImportPreview](t)(e.svc.Files.PreviewFiles([]interchange.File{docFile(t, interchange.Doc{Nodes: []interchange.DocNode{x}})}))
	e.clk.advance(PreviewTTL + time.Second)
	if _, err := e.svc.Import.ApplyImport(pln.ImportChoices{PreviewID: pv.PreviewID}); pln.CodeOf(err) != pln.CodeNotFound {
		t.Fatalf("expired preview: %v", err)
	}
}

// TestPreviewRejects: no file, an empty file, an unknown format (named for
// what it looks like), a backup (restore instead), too large.
func TestPreviewRejects(t *testing.T) {
	e := newEnv(t)
	for _, c := range []struct {
		files []interchange.File
		code  pln.Code
		msg   string
	}{
		{nil, pln.CodeInvalid, "There is no file to import."},
		{[]interchange.File{{Name: "e.csv", Data: []byte(" \n")}}, pln.CodeInvalid, "e.csv is empty."},
		{[]interchange.File{{Name: "a.pdf", Data: []byte("%PDF-1.4 …")}}, pln.CodeUnsupported, "a.pdf looks like a PDF document, which Plexus cannot import."},
		{[]interchange.File{{Name: "b.json", Data: []byte(`{"format":"plexus-backup","version":2}`)}}, pln.CodeUnsupported, "b.json is a Plexus backup; use Restore backup"},
		{[]interchange.File{{Name: "big.opml", Data: make([]byte, MaxImportBytes+1)}}, pln.CodeTooLarge, "big.opml is 32.0 MiB"},
	} {
		_, err := e.svc.Files.PreviewFiles(c.files)
		if pln.CodeOf(err) != c.code || !strings.Contains(pln.AsError(err).Message, c.msg) {
			t.Errorf("%v: %v, want %s %q", c.files, err, c.code, c.msg)
		}
	}
}

func tiesOf(nw Network, id string) []pln.Tie {
	var out []pln.Tie
	for _, t := range nw.Ties {
		if t.From == id || t.To == id {
			out = append(out, t)
		}
	}
	return out
}
