// Package search is Plexus's full-text index: a bleve v2 index over the
// nodes (label, tags, description, URLs, emails, organisation) and the
// journal entries (body, tags), with the kind, type, contexts, status,
// date and linked nodes as filter fields (docs/decisions/search.md).
//
// The index is a cache: Badger is the only source of truth. This package
// knows nothing of the store; backend/service feeds it (service/search.go)
// and decides when to rebuild it. An Index on disk records the newest
// change-log step it applied (Marker), so a stale index is detected.
//
// Index is safe for concurrent use.
package search

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/plexus-pln/plexus/backend/pln"
)

// SchemaVersion changes whenever the mapping or the documents change: an
// index written with another version is rebuilt.
const SchemaVersion = "1"

// Internal keys (bleve's internal storage, next to the documents).
var (
	keySchema = []byte("plexus:schema")
	keyMarker = []byte("plexus:step")
)

// Text fields: each is indexed stemmed under its name and folded-only
// under name+"_raw", and stored (the snippet is cut from it).
var textFields = []string{"label", "tags", "body", "urls", "emails", "org"}

// fieldBoost weighs a match by where it is: a label counts most.
var fieldBoost = map[string]float64{"label": 3, "tags": 2, "body": 1, "urls": 1, "emails": 1, "org": 1.5}

// Hit kinds.
const (
	KindNode  = "node"
	KindEntry = "entry"
)

func newMapping() (*mapping.IndexMappingImpl, error) {
	im := bleve.NewIndexMapping()
	if err := addAnalyzers(im); err != nil {
		return nil, err
	}
	im.DefaultAnalyzer = analyzerStem
	dm := bleve.NewDocumentStaticMapping()
	for _, f := range textFields {
		stem := bleve.NewTextFieldMapping()
		stem.Analyzer = analyzerStem
		stem.Store = true
		stem.IncludeTermVectors = true
		raw := bleve.NewTextFieldMapping()
		raw.Name = f + "_raw"
		raw.Analyzer = analyzerFold
		raw.Store = false
		raw.IncludeTermVectors = true
		raw.IncludeInAll = false
		dm.AddFieldMappingsAt(f, stem, raw)
	}
	for _, f := range []string{"kind", "type", "tag", "node", "context", "status", "title"} {
		k := bleve.NewKeywordFieldMapping()
		k.Analyzer = keyword.Name
		k.Store = f == "kind" || f == "type" || f == "title"
		k.IncludeTermVectors = false
		k.IncludeInAll = false
		dm.AddFieldMappingsAt(f, k)
	}
	// urls and emails are indexed with their punctuation blanked (so that
	// "daringfireball" finds https://daringfireball.net); these keep them
	// as written, for the snippet (the offsets are the same: one byte for one).
	for _, f := range []string{"urls_shown", "emails_shown"} {
		k := bleve.NewTextFieldMapping()
		k.Index = false
		k.Store = true
		k.IncludeInAll = false
		k.IncludeTermVectors = false
		dm.AddFieldMappingsAt(f, k)
	}
	d := bleve.NewDateTimeFieldMapping()
	d.Store = true
	d.IncludeInAll = false
	dm.AddFieldMappingsAt("date", d)
	im.DefaultMapping = dm
	im.StoreDynamic = false
	im.IndexDynamic = false
	return im, nil
}

// Index is one bleve index, on disk or in memory.
type Index struct {
	bi   bleve.Index
	path string // "" in memory
}

// ErrCorrupt wraps any failure to open an existing index (damaged files,
// another schema version): the caller removes the folder and rebuilds.
var ErrCorrupt = errors.New("search: the index cannot be used")

// OpenMem returns a new, empty index held in memory only: nothing of it
// reaches the disk (the encrypted data folder's index).
func OpenMem() (*Index, error) {
	im, err := newMapping()
	if err != nil {
		return nil, err
	}
	bi, err := bleve.NewMemOnly(im)
	if err != nil {
		return nil, err
	}
	if err := bi.SetInternal(keySchema, []byte(SchemaVersion)); err != nil {
		_ = bi.Close()
		return nil, err
	}
	return &Index{bi: bi}, nil
}

// Open opens the index in folder dir, creating an empty one when dir does
// not exist. An existing index that cannot be opened, or of another
// SchemaVersion, is ErrCorrupt (wrapped); fresh reports a new, empty
// index (its Marker is "").
func Open(dir string) (ix *Index, fresh bool, err error) {
	if _, statErr := os.Stat(dir); errors.Is(statErr, os.ErrNotExist) {
		im, err := newMapping()
		if err != nil {
			return nil, false, err
		}
		if err := os.MkdirAll(filepath.Dir(dir), 0o700); err != nil {
			return nil, false, err
		}
		bi, err := bleve.New(dir, im)
		if err != nil {
			return nil, false, fmt.Errorf("search: create the index in %s: %w", dir, err)
		}
		if err := bi.SetInternal(keySchema, []byte(SchemaVersion)); err != nil {
			_ = bi.Close()
			return nil, false, err
		}
		return &Index{bi: bi, path: dir}, true, nil
	}
	bi, err := openRecovering(dir)
	if err != nil {
		return nil, false, fmt.Errorf("%w: %s: %v", ErrCorrupt, dir, err)
	}
	v, err := bi.GetInternal(keySchema)
	if err != nil || string(v) != SchemaVersion {
		_ = bi.Close()
		return nil, false, fmt.Errorf("%w: %s: schema version %q, want %q", ErrCorrupt, dir, v, SchemaVersion)
	}
	return &Index{bi: bi, path: dir}, false, nil
}

// openRecovering opens with bleve.Open, turning a panic of a damaged
// segment file into an error.
func openRecovering(dir string) (bi bleve.Index, err error) {
	defer func() {
		if r := recover(); r != nil {
			bi, err = nil, fmt.Errorf("panic: %v", r)
		}
	}()
	return bleve.Open(dir)
}

// Path is the folder of an index on disk ("" in memory).
func (ix *Index) Path() string { return ix.path }

// Close closes the index (flushing an index on disk).
func (ix *Index) Close() error { return ix.bi.Close() }

// Marker returns the id of the newest change-log step the index holds
// ("" when none was recorded).
func (ix *Index) Marker() (string, error) {
	v, err := ix.bi.GetInternal(keyMarker)
	return string(v), err
}

// Count returns how many documents the index holds.
func (ix *Index) Count() (uint64, error) { return ix.bi.DocCount() }

// Batch collects writes applied together by Apply.
type Batch struct {
	b      *bleve.Batch
	marker string
	n      int
}

// NewBatch returns an empty batch.
func (ix *Index) NewBatch() *Batch { return &Batch{b: ix.bi.NewBatch()} }

// Len is how many writes the batch holds.
func (b *Batch) Len() int { return b.n }

// PutNode indexes n (replacing what the index held for it).
func (b *Batch) PutNode(n pln.Node) error {
	b.n++
	return b.b.Index(n.ID, nodeDoc(n))
}

// PutEntry indexes e (replacing what the index held for it), its body as
// EntryText with label: what a reader sees, not the stored link ids.
func (b *Batch) PutEntry(e pln.Entry, label func(id string) string) error {
	b.n++
	return b.b.Index(e.ID, entryDoc(e, label))
}

// EntryText is body as a reader sees its links: each stored link
// "[[<node id>|label when written]]" as label(id) (the node's current
// label; the label written with it when label returns "" or is nil), each
// label link "[[Label]]" / "[[Label|text]]" as its text or Label. The
// rest of body is kept byte for byte. Searching it finds a node's current
// name in the entries that link it, never the ids.
func EntryText(body string, label func(id string) string) string {
	links := pln.Wikilinks(body)
	if len(links) == 0 {
		return body
	}
	var b strings.Builder
	at := 0
	for _, w := range links {
		b.WriteString(body[at:w.Start])
		shown := w.Text
		switch {
		case w.ID != "":
			if label != nil {
				if l := label(w.ID); l != "" {
					shown = l
				}
			}
		case shown == "":
			shown = w.Target
		}
		b.WriteString(shown)
		at = w.End
	}
	b.WriteString(body[at:])
	return b.String()
}

// NodeLabels returns the label the index holds for each of ids that it
// holds as a node (a missing id is left out).
func (ix *Index) NodeLabels(ids []string) (map[string]string, error) {
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	req := bleve.NewSearchRequestOptions(query.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = []string{"kind", "title"}
	req.Score = "none"
	sr, err := ix.bi.Search(req)
	if err != nil {
		return nil, err
	}
	for _, h := range sr.Hits {
		if k, _ := h.Fields["kind"].(string); k == KindNode {
			out[h.ID], _ = h.Fields["title"].(string)
		}
	}
	return out, nil
}

// Delete removes the node or entry id (nothing when it is not indexed).
func (b *Batch) Delete(id string) {
	b.n++
	b.b.Delete(id)
}

// SetMarker records step as the newest change-log step applied.
func (b *Batch) SetMarker(step string) { b.marker = step }

// Apply writes the batch in one go (its marker with it) and empties it.
func (ix *Index) Apply(b *Batch) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("search: index update panicked: %v", r)
		}
	}()
	if b.marker != "" {
		b.b.SetInternal(keyMarker, []byte(b.marker))
	}
	if err := ix.bi.Batch(b.b); err != nil {
		return fmt.Errorf("search: index update: %w", err)
	}
	b.b.Reset()
	b.n, b.marker = 0, ""
	return nil
}

// tagKey is how a tag is matched by the tag filter: lower case, folded,
// trimmed ("Go", " go " and "GO" are one tag).
func tagKey(t string) string { return strings.ToLower(strings.TrimSpace(t)) }

func tagKeys(tags []string) []string {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		out = append(out, tagKey(t))
	}
	return out
}

func nodeDoc(n pln.Node) map[string]interface{} {
	urls := []string{}
	for _, u := range []string{n.URL, n.FeedURL} {
		if u != "" {
			urls = append(urls, u)
		}
	}
	d := map[string]interface{}{
		"kind":         KindNode,
		"title":        n.Label,
		"label":        n.Label,
		"tags":         strings.Join(n.Tags, " · "),
		"tag":          tagKeys(n.Tags),
		"body":         n.Description,
		"urls":         blankPunct(strings.Join(urls, " ")),
		"emails":       blankPunct(strings.Join(n.Emails, " ")),
		"urls_shown":   strings.Join(urls, " "),
		"emails_shown": strings.Join(n.Emails, " "),
		"org":          n.Organisation,
		"type":         string(n.Kind),
		"node":         []string{n.ID},
		"context":      n.Contexts,
		"status":       string(n.Status),
	}
	return d
}

// blankPunct replaces each ASCII punctuation byte with a space (same
// length, so offsets into it are offsets into s).
func blankPunct(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c < 0x80 && !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			b[i] = ' '
		}
	}
	return string(b)
}

func entryDoc(e pln.Entry, label func(id string) string) map[string]interface{} {
	nodes := e.NodeIDs
	if nodes == nil {
		nodes = []string{}
	}
	return map[string]interface{}{
		"kind": KindEntry,
		"tags": strings.Join(e.Tags, " · "),
		"tag":  tagKeys(e.Tags),
		"body": EntryText(e.Body, label),
		"type": string(e.Type),
		"node": nodes,
		"date": e.OccurredAt.UTC().Format(time.RFC3339Nano),
	}
}

// IDs returns the id of every document the index holds.
func (ix *Index) IDs() ([]string, error) {
	n, err := ix.bi.DocCount()
	if err != nil || n == 0 {
		return nil, err
	}
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), int(n), 0, false)
	req.Score = "none"
	sr, err := ix.bi.Search(req)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(sr.Hits))
	for _, h := range sr.Hits {
		out = append(out, h.ID)
	}
	return out, nil
}
