package service

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
)

func serve(t *testing.T, h http.Handler, method, target string, body io.Reader) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, target, body)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Header().Get("X-Content-Type-Options") != "nosniff" {
		t.Fatalf("%s %s: no nosniff header", method, target)
	}
	return w
}

func decodeError(t *testing.T, w *httptest.ResponseRecorder, status int, code pln.Code) pln.Error {
	t.Helper()
	if w.Code != status {
		t.Fatalf("status %d, want %d: %s", w.Code, status, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("content type %q", ct)
	}
	var pe pln.Error
	noErr(t, json.Unmarshal(w.Body.Bytes(), &pe))
	if pe.Code != code || pe.Message == "" {
		t.Fatalf("error %+v, want code %s", pe, code)
	}
	return pe
}

func TestHTTPNetworkIsColumnar(t *testing.T) {
	e := newEnv(t)
	populate(t, e)
	h := NewHandler(e.svc, nil)
	w := serve(t, h, http.MethodGet, "/api/network", nil)
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	var raw map[string]json.RawMessage
	noErr(t, json.Unmarshal(w.Body.Bytes(), &raw))
	for _, k := range []string{"version", "ego", "nodes", "ties"} {
		if _, ok := raw[k]; !ok {
			t.Fatalf("member %q missing", k)
		}
	}
	var cols map[string][]json.RawMessage
	noErr(t, json.Unmarshal(raw["nodes"], &cols))
	nw := must[Network](t)(e.svc.Network.Network())
	for _, k := range []string{"id", "label", "kind", "x", "y", "pinned", "tags", "relation", "strength", "status", "role", "contexts", "mode"} {
		if len(cols[k]) != len(nw.Nodes) {
			t.Fatalf("node column %q has %d values, want %d", k, len(cols[k]), len(nw.Nodes))
		}
	}
	var c ColumnarNetwork
	noErr(t, json.Unmarshal(w.Body.Bytes(), &c))
	if c.Version != 2 || c.Ego != nw.Ego || len(nw.Ties) == 0 || len(c.Ties.ID) != len(nw.Ties) || len(c.Ties.Directed) != len(nw.Ties) {
		t.Fatalf("columnar %+v", c)
	}
	for i, x := range nw.Ties {
		// Tie ends are indexes into the node columns.
		if c.Ties.ID[i] != x.ID || c.Nodes.ID[c.Ties.From[i]] != x.From || c.Nodes.ID[c.Ties.To[i]] != x.To {
			t.Fatalf("tie %d: id %s from #%d to #%d, want %+v", i, c.Ties.ID[i], c.Ties.From[i], c.Ties.To[i], x)
		}
	}
	for i, n := range nw.Nodes {
		if c.Nodes.ID[i] != n.ID || c.Nodes.Label[i] != n.Label || c.Nodes.X[i] != n.X || c.Nodes.Pinned[i] != n.Pinned || c.Nodes.Strength[i] != n.Strength {
			t.Fatalf("node %d differs: %+v", i, n)
		}
	}
	if !strings.Contains(w.Body.String(), `"tags":[[`) || strings.Contains(w.Body.String(), "null") {
		t.Fatalf("tags column should be arrays, never null: %.300s", w.Body.String())
	}
	if w.Header().Get("Cache-Control") != "no-store" {
		t.Fatal("no Cache-Control")
	}
}

func TestHTTPJournal(t *testing.T) {
	e := newEnv(t)
	populate(t, e)
	h := NewHandler(e.svc, nil)
	w := serve(t, h, http.MethodGet, "/api/journal?limit=2", nil)
	var p EntryPage
	noErr(t, json.Unmarshal(w.Body.Bytes(), &p))
	if w.Code != 200 || len(p.Entries) != 2 || p.Next == "" || p.Entries[0].Body != "entry c" {
		t.Fatalf("page %d %+v", w.Code, p)
	}
	w = serve(t, h, http.MethodGet, "/api/journal?limit=2&cursor="+url.QueryEscape(p.Next), nil)
	noErr(t, json.Unmarshal(w.Body.Bytes(), &p))
	if len(p.Entries) != 1 || p.Next != "" || p.Entries[0].Body != "entry a" {
		t.Fatalf("second page %+v", p)
	}
	from := time.Date(2026, 2, 2, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)
	w = serve(t, h, http.MethodGet, "/api/journal?from="+from, nil)
	noErr(t, json.Unmarshal(w.Body.Bytes(), &p))
	if len(p.Entries) != 2 {
		t.Fatalf("from filter: %+v", p)
	}
	w = serve(t, h, http.MethodGet, "/api/journal?node="+pln.NewID(), nil)
	decodeError(t, w, 404, pln.CodeNotFound)
	decodeError(t, serve(t, h, http.MethodGet, "/api/journal?from=yesterday", nil), 400, pln.CodeInvalid)
	decodeError(t, serve(t, h, http.MethodGet, "/api/journal?limit=0", nil), 400, pln.CodeInvalid)
	decodeError(t, serve(t, h, http.MethodGet, "/api/journal?limit=9999", nil), 400, pln.CodeInvalid)
	decodeError(t, serve(t, h, http.MethodGet, "/api/journal?cursor=%21%21", nil), 400, pln.CodeInvalid)
	w = serve(t, h, http.MethodGet, "/api/journal", nil)
	noErr(t, json.Unmarshal(w.Body.Bytes(), &p))
	if len(p.Entries) != 3 {
		t.Fatalf("all: %+v", p)
	}
}

func TestHTTPImport(t *testing.T) {
	e := newEnv(t)
	h := NewHandler(e.svc, nil)
	w := serve(t, h, http.MethodPost, "/api/import?name=Subs.opml", bytes.NewReader(fixture(t, "netnewswire_Subs.opml")))
	var res pln.ImportResult
	noErr(t, json.Unmarshal(w.Body.Bytes(), &res))
	if w.Code != 200 || res.Nodes == 0 || res.Source != "Subs.opml" {
		t.Fatalf("import %d %s", w.Code, w.Body)
	}
	before := e.networkJSON()
	pe := decodeError(t, serve(t, h, http.MethodPost, "/api/import?name=bad.opml", strings.NewReader("<opml><body><outline xmlUrl='http://x/'></body></opml>")), 400, pln.CodeInvalid)
	if !strings.Contains(pe.Message, "line") {
		t.Fatalf("no line in %q", pe.Message)
	}
	decodeError(t, serve(t, h, http.MethodPost, "/api/import?name=a.txt", strings.NewReader("hello")), 400, pln.CodeUnsupported)
	decodeError(t, serve(t, h, http.MethodPost, "/api/import?name=big.opml", bytes.NewReader(make([]byte, MaxImportBytes+10))), 413, pln.CodeTooLarge)
	// Without a Content-Length the body limit still holds.
	r := httptest.NewRequest(http.MethodPost, "/api/import?name=big.opml", io.MultiReader(bytes.NewReader(make([]byte, MaxImportBytes)), strings.NewReader("x")))
	r.ContentLength = -1
	w = httptest.NewRecorder()
	h.ServeHTTP(w, r)
	decodeError(t, w, 413, pln.CodeTooLarge)
	decodeError(t, serve(t, h, http.MethodGet, "/api/import", nil), 405, pln.CodeInvalid)
	if e.networkJSON() != before {
		t.Fatal("failed imports changed the network")
	}
}

func TestHTTPBackupAndErrors(t *testing.T) {
	e := newEnv(t)
	populate(t, e)
	h := NewHandler(e.svc, nil)
	w := serve(t, h, http.MethodGet, "/api/backup", nil)
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Disposition"), "attachment; filename=\"plexus-backup-") {
		t.Fatalf("backup %d %v", w.Code, w.Header())
	}
	if f, err := detectFormat(w.Body.Bytes()); err != nil || f != "plexus-backup" {
		t.Fatalf("not a backup: %v", err)
	}
	decodeError(t, serve(t, h, http.MethodGet, "/api/nope", nil), 404, pln.CodeNotFound)
	decodeError(t, serve(t, h, http.MethodPost, "/api/network", nil), 405, pln.CodeInvalid)
	w = serve(t, h, http.MethodGet, "/index.html", nil)
	if w.Code != 404 {
		t.Fatalf("non-API path: %d", w.Code)
	}
	r := httptest.NewRequest(http.MethodGet, "/api/network", nil)
	r.Header.Set("Sec-Fetch-Site", "cross-site")
	w = httptest.NewRecorder()
	h.ServeHTTP(w, r)
	decodeError(t, w, 403, pln.CodeInvalid)
	for code, status := range map[pln.Code]int{pln.CodeInvalid: 400, pln.CodeUnsupported: 400, pln.CodeNotFound: 404,
		pln.CodeConflict: 409, pln.CodeTooLarge: 413, pln.CodeDiskFull: 507, pln.CodeInternal: 500} {
		if got := StatusOf(code); got != status {
			t.Errorf("StatusOf(%s) = %d, want %d", code, got, status)
		}
	}
}

// subsetQuery builds /api/network?node=…&tie=….
func subsetQuery(nodes, ties []string) string {
	v := url.Values{}
	for _, id := range nodes {
		v.Add("node", id)
	}
	for _, id := range ties {
		v.Add("tie", id)
	}
	return "/api/network?" + v.Encode()
}

func getSubset(t *testing.T, h http.Handler, nodes, ties []string) ColumnarNetwork {
	t.Helper()
	w := serve(t, h, http.MethodGet, subsetQuery(nodes, ties), nil)
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	if strings.Contains(w.Body.String(), "null") {
		t.Fatalf("subset has a null: %s", w.Body)
	}
	var c ColumnarNetwork
	noErr(t, json.Unmarshal(w.Body.Bytes(), &c))
	if c.Version != 2 || !c.Partial || c.Missing == nil {
		t.Fatalf("not a subset: %s", w.Body)
	}
	for _, col := range [][]int{c.Ties.From, c.Ties.To} {
		for _, i := range col {
			if i < 0 || i >= len(c.Nodes.ID) {
				t.Fatalf("tie end index %d out of range: %s", i, w.Body)
			}
		}
	}
	return c
}

func TestHTTPNetworkSubset(t *testing.T) {
	e := newEnv(t)
	ego := must[pln.Node](t)(e.svc.Network.Ego())
	a := must[pln.Node](t)(e.svc.Network.CreateNode(person("a"), 1, 2))
	b := must[pln.Node](t)(e.svc.Network.CreateNode(person("b"), 3, 4))
	c := must[pln.Node](t)(e.svc.Network.CreateNode(person("c"), 5, 6))
	d := must[pln.Node](t)(e.svc.Network.CreateNode(person("d"), 7, 8))
	ab := must[pln.Tie](t)(e.svc.Network.CreateTie(pln.TieFields{From: a.ID, To: b.ID, Relation: "knows", Directed: true, Strength: 4}))
	cd := must[pln.Tie](t)(e.svc.Network.CreateTie(pln.TieFields{From: c.ID, To: d.ID, Relation: "works with"}))
	noErr(t, e.svc.Network.SetPositions([]pln.Position{{ID: c.ID, X: 50, Y: 60, Pinned: true}}))
	h := NewHandler(e.svc, nil)

	// Only what was asked for, and the asked-for ties' ends.
	got := getSubset(t, h, []string{c.ID}, []string{ab.ID})
	if got.Ego != ego.ID || len(got.Ties.ID) != 1 || got.Ties.ID[0] != ab.ID || !got.Ties.Directed[0] || got.Ties.Strength[0] != 4 {
		t.Fatalf("subset ties %+v", got.Ties)
	}
	if !slices.Equal(got.Nodes.ID, []string{c.ID, a.ID, b.ID}) {
		t.Fatalf("subset nodes %v, want c then the ends a, b", got.Nodes.ID)
	}
	if got.Nodes.X[0] != 50 || got.Nodes.Y[0] != 60 || !got.Nodes.Pinned[0] || got.Nodes.Label[1] != "a" {
		t.Fatalf("node values %+v", got.Nodes)
	}
	if got.Nodes.ID[got.Ties.From[0]] != a.ID || got.Nodes.ID[got.Ties.To[0]] != b.ID {
		t.Fatalf("tie ends %d→%d", got.Ties.From[0], got.Ties.To[0])
	}
	if len(got.Missing.Nodes) != 0 || len(got.Missing.Ties) != 0 {
		t.Fatalf("missing %+v", got.Missing)
	}
	// A node asked for and also an end is sent once; repeated ids too.
	got = getSubset(t, h, []string{a.ID, a.ID}, []string{ab.ID, ab.ID})
	if !slices.Equal(got.Nodes.ID, []string{a.ID, b.ID}) || len(got.Ties.ID) != 1 {
		t.Fatalf("dedup: nodes %v ties %v", got.Nodes.ID, got.Ties.ID)
	}
	// Ties only.
	got = getSubset(t, h, nil, []string{cd.ID})
	if !slices.Equal(got.Nodes.ID, []string{c.ID, d.ID}) || !slices.Equal(got.Ties.ID, []string{cd.ID}) {
		t.Fatalf("ties only: %+v", got)
	}

	// Deleted records are listed as missing, with the node's cascaded tie.
	noErr(t, e.svc.Network.DeleteNode(d.ID))
	never := pln.NewID()
	got = getSubset(t, h, []string{d.ID, never, c.ID}, []string{cd.ID, ab.ID})
	if !slices.Equal(got.Missing.Nodes, []string{d.ID, never}) || !slices.Equal(got.Missing.Ties, []string{cd.ID}) {
		t.Fatalf("missing %+v", got.Missing)
	}
	if !slices.Equal(got.Nodes.ID, []string{c.ID, a.ID, b.ID}) || !slices.Equal(got.Ties.ID, []string{ab.ID}) {
		t.Fatalf("after delete: nodes %v ties %v", got.Nodes.ID, got.Ties.ID)
	}

	// The full form has neither partial nor missing.
	w := serve(t, h, http.MethodGet, "/api/network", nil)
	if strings.Contains(w.Body.String(), `"missing"`) || strings.Contains(w.Body.String(), `"partial"`) {
		t.Fatalf("full form mentions the subset members: %.200s", w.Body)
	}
	// Unknown parameters alone still get the full form.
	w = serve(t, h, http.MethodGet, "/api/network?x=1", nil)
	if w.Code != 200 || strings.Contains(w.Body.String(), `"partial"`) {
		t.Fatalf("?x=1: %d %.200s", w.Code, w.Body)
	}
}

func TestHTTPNetworkSubsetLimitsAndBadIDs(t *testing.T) {
	e := newEnv(t)
	a := must[pln.Node](t)(e.svc.Network.CreateNode(person("a"), 0, 0))
	h := NewHandler(e.svc, nil)

	ids := make([]string, MaxSubsetIDs)
	for i := range ids {
		ids[i] = pln.NewID()
	}
	// Exactly the limit, split between nodes and ties: fine, all missing.
	got := getSubset(t, h, ids[:600], ids[600:])
	if len(got.Missing.Nodes) != 600 || len(got.Missing.Ties) != 400 || len(got.Nodes.ID) != 0 {
		t.Fatalf("at the limit: %d/%d missing, %d nodes", len(got.Missing.Nodes), len(got.Missing.Ties), len(got.Nodes.ID))
	}
	// One more is refused, whichever kind it is.
	pe := decodeError(t, serve(t, h, http.MethodGet, subsetQuery(append(ids[:600:600], a.ID), ids[600:]), nil), 400, pln.CodeInvalid)
	if !strings.Contains(pe.Message, "1001") {
		t.Fatalf("message %q", pe.Message)
	}
	decodeError(t, serve(t, h, http.MethodGet, subsetQuery(nil, append(ids[:1000:1000], a.ID)), nil), 400, pln.CodeInvalid)

	for _, q := range []string{
		"/api/network?node=",
		"/api/network?tie=",
		"/api/network?node=nope",
		"/api/network?node=" + a.ID + "&tie=" + strings.ToUpper(a.ID),
		"/api/network?node=" + a.ID + "&node=" + a.ID[:35],
		"/api/network?tie=%7B" + a.ID[1:],
	} {
		decodeError(t, serve(t, h, http.MethodGet, q, nil), 400, pln.CodeInvalid)
	}
}

// TestHTTPImportPreviewAndExport: the page's import (multipart preview,
// then the bound ApplyImport) and export (a download).
func TestHTTPImportPreviewAndExport(t *testing.T) {
	e := newEnv(t)
	h := NewHandler(e.svc, nil)
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	part, err := mw.CreateFormFile("file", "Subs.opml")
	noErr(t, err)
	_, _ = part.Write(fixture(t, "netnewswire_Subs.opml"))
	noErr(t, mw.Close())
	r := httptest.NewRequest(http.MethodPost, "/api/import/preview", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != 200 {
		t.Fatalf("preview: %d %s", w.Code, w.Body)
	}
	var pv pln.ImportPreview
	noErr(t, json.Unmarshal(w.Body.Bytes(), &pv))
	if pv.Nodes != 205 || pv.Format != "opml" || len(pv.Sources) != 1 || pv.Sources[0] != "Subs.opml" || pv.PreviewID == "" {
		t.Fatalf("preview %+v", pv)
	}
	if nw := must[Network](t)(e.svc.Network.Network()); len(nw.Nodes) != 1 {
		t.Fatal("the preview wrote")
	}
	res := must[pln.ImportResult](t)(e.svc.Import.ApplyImport(pln.ImportChoices{PreviewID: pv.PreviewID}))
	if res.Nodes != 205 {
		t.Fatalf("apply %+v", res)
	}
	// A malformed file in a multipart upload: located error, nothing kept.
	body.Reset()
	mw = multipart.NewWriter(&body)
	part, _ = mw.CreateFormFile("file", "cut.opml")
	_, _ = part.Write([]byte("<opml>\n<body><outline text=\"x\" xmlUrl=\"http://x/\"></body>"))
	noErr(t, mw.Close())
	r = httptest.NewRequest(http.MethodPost, "/api/import/preview", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	w = httptest.NewRecorder()
	h.ServeHTTP(w, r)
	pe := decodeError(t, w, 400, pln.CodeInvalid)
	if !strings.HasPrefix(pe.Message, "cut.opml: line 2, column ") {
		t.Fatalf("malformed: %q", pe.Message)
	}
	// Export: a download of the format asked for.
	w = serve(t, h, http.MethodGet, "/api/export?format=opml", nil)
	if w.Code != 200 || !strings.Contains(w.Header().Get("Content-Disposition"), `filename="feeds.opml"`) || !strings.Contains(w.Body.String(), "xmlUrl") {
		t.Fatalf("export: %d %v %.200s", w.Code, w.Header(), w.Body)
	}
	pe = decodeError(t, serve(t, h, http.MethodGet, "/api/export?format=pdf", nil), 400, pln.CodeUnsupported)
	if !strings.Contains(pe.Message, `cannot export the format "pdf"; it can export `) {
		t.Fatalf("unknown export: %q", pe.Message)
	}
	decodeError(t, serve(t, h, http.MethodGet, "/api/export", nil), 400, pln.CodeInvalid)
	decodeError(t, serve(t, h, http.MethodGet, "/api/import/preview", nil), 405, pln.CodeInvalid)
}
