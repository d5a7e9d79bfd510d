package service

import (
	"net/http"
	"strconv"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/search"
	"github.com/plexus-pln/plexus/backend/store"
)

// SearchService answers full-text searches over the nodes and the journal
// (backend/search; docs/decisions/search.md).
type SearchService struct{ c *core }

// SearchFilters are Search's filters as the UI and the CLI give them:
// From and To are local dates (YYYY-MM-DD, both days included); GoalIDs
// keeps the hits about the nodes that help one of these goals (the nodes
// linked to the goal and the entries linking one of them; a goal nobody
// helps with has no hits); the rest as in search.Filters. Limit 0 is
// search.DefaultLimit, at most search.MaxLimit.
type SearchFilters struct {
	Kinds   []string `json:"kinds,omitempty"`
	From    string   `json:"from,omitempty"`
	To      string   `json:"to,omitempty"`
	NodeIDs []string `json:"nodeIds,omitempty"`
	Tags    []string `json:"tags,omitempty"`
	Types   []string `json:"types,omitempty"`
	GoalIDs []string `json:"goalIds,omitempty"`
	Limit   int      `json:"limit,omitempty"`
}

// MaxSearchGoals is the most goals one search may filter by.
const MaxSearchGoals = 50

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
	if len(f.GoalIDs) > MaxSearchGoals {
		return out, pln.Invalid("goal: at most %d goals, not %d.", MaxSearchGoals, len(f.GoalIDs))
	}
	return out, nil
}

// goalHelpers returns the nodes that help one of the goals ids (each
// once, in goal then link order). A goal that does not exist is
// not_found, naming it.
func (s *SearchService) goalHelpers(ids []string) (nodes []string, err error) {
	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	seen := map[string]bool{}
	err = s.c.st.View(func(tx *store.Tx) error {
		for _, id := range ids {
			g, err := tx.GetGoal(id)
			if err != nil {
				if pln.CodeOf(err) == pln.CodeNotFound {
					return pln.NotFound("goal: no goal with id %q; it may have been deleted.", truncateRunes(id, 40))
				}
				if pln.CodeOf(err) == pln.CodeInvalid {
					return pln.Invalid("goal: %q is not a goal id.", truncateRunes(id, 40))
				}
				return err
			}
			for _, n := range g.NodeIDs {
				if !seen[n] {
					seen[n] = true
					nodes = append(nodes, n)
				}
			}
		}
		return nil
	})
	return nodes, err
}

// Search returns the hits for query (words, "phrases", prefix*) narrowed
// by filters, best first. It first waits for the index to take in every
// write made before it. Errors: invalid (a bad query or filter, saying
// where), not_found (a goal filter naming a goal that does not exist), conflict (the index is still being rebuilt: the message says how
// far), internal.
func (s *SearchService) Search(query string, filters SearchFilters) (res search.Result, err error) {
	defer recoverInto(s.c.log, "SearchService.Search", &err)
	f, err := filters.resolve()
	if err != nil {
		return search.Result{}, err
	}
	terms, err := search.Parse(query)
	if err != nil {
		return search.Result{}, err
	}
	if len(filters.GoalIDs) > 0 {
		if f.GoalNodeIDs, err = s.goalHelpers(filters.GoalIDs); err != nil {
			return search.Result{}, err
		}
		if len(f.GoalNodeIDs) == 0 && len(terms) > 0 {
			// Nobody helps with the goal(s): no hit is about their helpers.
			// (An empty query goes on to the index, which refuses it.)
			return search.Result{Hits: []search.Hit{}}, nil
		}
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

// search answers GET /api/search?q=QUERY&kind=&from=&to=&node=&tag=&type=&goal=&limit=
// (kind, node, tag, type and goal may repeat): one search.Result, or a pln.Error
// (400 for a bad query or filter).
func (h *apiHandler) search(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	f := SearchFilters{Kinds: v["kind"], From: v.Get("from"), To: v.Get("to"), NodeIDs: v["node"], Tags: v["tag"], Types: v["type"], GoalIDs: v["goal"]}
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
