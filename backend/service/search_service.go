package service

import (
	"net/http"
	"strconv"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/search"
)

// SearchService answers full-text searches over the nodes and the journal
// (backend/search; docs/decisions/search.md).
type SearchService struct{ c *core }

// SearchFilters are Search's filters as the UI and the CLI give them:
// From and To are local dates (YYYY-MM-DD, both days included), the rest
// as in search.Filters; Limit 0 is search.DefaultLimit, at most
// search.MaxLimit.
type SearchFilters struct {
	Kinds   []string `json:"kinds,omitempty"`
	From    string   `json:"from,omitempty"`
	To      string   `json:"to,omitempty"`
	NodeIDs []string `json:"nodeIds,omitempty"`
	Tags    []string `json:"tags,omitempty"`
	Types   []string `json:"types,omitempty"`
	Limit   int      `json:"limit,omitempty"`
}

func (f SearchFilters) resolve() (search.Filters, error) {
	out := search.Filters{Kinds: f.Kinds, NodeIDs: f.NodeIDs, Tags: f.Tags, Types: f.Types}
	for _, k := range f.Kinds {
		if k != search.KindNode && k != search.KindEntry {
			return out, pln.Invalid("kinds: %q is not a hit kind (node or entry).", k)
		}
	}
	if f.From != "" {
		t, err := time.ParseInLocation(time.DateOnly, f.From, time.Local)
		if err != nil {
			return out, pln.Invalid("from: %q is not a date (YYYY-MM-DD).", f.From)
		}
		out.From = t
	}
	if f.To != "" {
		t, err := time.ParseInLocation(time.DateOnly, f.To, time.Local)
		if err != nil {
			return out, pln.Invalid("to: %q is not a date (YYYY-MM-DD).", f.To)
		}
		out.To = t.AddDate(0, 0, 1)
	}
	if f.Limit < 0 || f.Limit > search.MaxLimit {
		return out, pln.Invalid("limit must be 0–%d, not %d.", search.MaxLimit, f.Limit)
	}
	return out, nil
}

// Search returns the hits for query (words, "phrases", prefix*) narrowed
// by filters, best first. It first waits for the index to take in every
// write made before it. Errors: invalid (a bad query or filter, saying
// where), conflict (the index is still being rebuilt: the message says how
// far), internal.
func (s *SearchService) Search(query string, filters SearchFilters) (res search.Result, err error) {
	defer recoverInto(s.c.log, "SearchService.Search", &err)
	f, err := filters.resolve()
	if err != nil {
		return search.Result{}, err
	}
	if _, err := search.Parse(query); err != nil {
		return search.Result{}, err
	}
	ix, p := s.c.search.caughtUp()
	if ix == nil {
		return search.Result{}, pln.Conflict("The search index is being built (%d of %d records); try again in a moment.", p.Done, p.Total)
	}
	return ix.Search(query, f, filters.Limit)
}

// Status says whether the index is ready or how far its rebuild is.
func (s *SearchService) Status() SearchProgress {
	s.c.search.mu.Lock()
	defer s.c.search.mu.Unlock()
	return s.c.search.stateLocked()
}

// Start opens the index and rebuilds it in the background when missing,
// stale or damaged (the app calls it at startup; Search calls it too).
func (s *SearchService) Start() { s.c.search.start() }

// search answers GET /api/search?q=QUERY&kind=&from=&to=&node=&tag=&type=&limit=
// (kind, node, tag and type may repeat): one search.Result, or a pln.Error
// (400 for a bad query or filter).
func (h *apiHandler) search(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	f := SearchFilters{Kinds: v["kind"], From: v.Get("from"), To: v.Get("to"), NodeIDs: v["node"], Tags: v["tag"], Types: v["type"]}
	if s := v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			h.writeError(w, pln.Invalid("limit must be a whole number 0–%d, not %q.", search.MaxLimit, truncateRunes(s, 20)))
			return
		}
		f.Limit = n
	}
	res, err := h.s.Search.Search(v.Get("q"), f)
	if err != nil {
		h.writeError(w, err)
		return
	}
	h.writeJSON(w, http.StatusOK, res)
}
