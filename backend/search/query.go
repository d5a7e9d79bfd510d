package search

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/plexus-pln/plexus/backend/pln"
)

// Query limits.
const (
	MaxQueryLen   = 500 // bytes of query text
	MaxQueryTerms = 32  // terms and phrases
	DefaultLimit  = 20
	MaxLimit      = 200
	// FuzzyMinLen is the length (in letters, as typed) from which a term
	// forgives one typo (an edit distance of 1 on its stem or on the word
	// as written).
	FuzzyMinLen = 5
	// MinPrefixLen is the fewest letters before a trailing * (a shorter
	// prefix would expand to most of the vocabulary).
	MinPrefixLen = 2
)

// Filters narrow a search; every one that is set must hold (AND), and
// within one list any value may match (OR). The zero Filters filter
// nothing. A new filter is one more field here and one more clause in
// filterQuery.
type Filters struct {
	// Kinds keeps only these hit kinds (KindNode, KindEntry).
	Kinds []string `json:"kinds,omitempty"`
	// From and To keep entries whose OccurredAt is in [From, To) (a zero
	// side is unbounded). Nodes have no date: a date range keeps entries only.
	From time.Time `json:"from,omitzero"`
	To   time.Time `json:"to,omitzero"`
	// NodeIDs keeps entries that link one of these nodes, and those nodes
	// themselves.
	NodeIDs []string `json:"nodeIds,omitempty"`
	// Tags keeps records carrying every one of these tags (case aside).
	Tags []string `json:"tags,omitempty"`
	// Types keeps entries of these entry types and nodes of these node
	// kinds (the two sets of names are disjoint).
	Types []string `json:"types,omitempty"`
	// GoalNodeIDs keeps what is about the nodes that help a goal: those
	// nodes themselves and the entries linking one of them (the service
	// resolves a goal filter into its helpers' ids; an empty list filters
	// nothing, so the caller answers a goal with no helpers itself). It is
	// ANDed with NodeIDs like any other filter.
	GoalNodeIDs []string `json:"goalNodeIds,omitempty"`
}

// Span is a piece of a snippet: Text as written in the record (plain text,
// never markup), Mark when it is a matched term.
type Span struct {
	Text string `json:"text"`
	Mark bool   `json:"mark,omitempty"`
}

// Hit is one search result. Title is the node's label, or for an entry its
// date (YYYY-MM-DD, in UTC's calendar: see Date); Date is the entry's
// OccurredAt (zero for nodes); Type the entry type or node kind; Field
// names where the snippet comes from ("body", "tags", "label", ...);
// Snippet is the matched text around the terms, marks included; Score
// bleve's relevance (higher first; comparable only within one result).
type Hit struct {
	Kind    string    `json:"kind"`
	ID      string    `json:"id"`
	Title   string    `json:"title"`
	Date    time.Time `json:"date,omitzero"`
	Type    string    `json:"type"`
	Field   string    `json:"field"`
	Snippet []Span    `json:"snippet"`
	Score   float64   `json:"score"`
}

// Result is the hits of one search, best first, and how many matched in
// all (Total may exceed len(Hits): the limit).
type Result struct {
	Hits  []Hit `json:"hits"`
	Total int   `json:"total"`
}

// term is one parsed query part.
type term struct {
	text   string
	phrase bool
	prefix bool
}

// Parse splits q into terms: words separated by spaces, "quoted phrases",
// and words ending in * (prefixes). A word or phrase without a letter or
// digit ("&", "-", an emoji) is left out, as the analyzer would leave it
// out of the text; a search of nothing else is pln.Invalid. Unbalanced quotes, a lone *, a * inside
// a word or phrase, an over-long query or too many terms are pln.Invalid,
// saying where.
func Parse(q string) ([]term, error) {
	if len(q) > MaxQueryLen {
		return nil, pln.Invalid("The search is %d characters long; at most %d are searched.", utf8.RuneCountInString(q), MaxQueryLen)
	}
	var out []term
	var skipped []string // words with no letter or digit: nothing to look for
	var cur strings.Builder
	inQuote, quoteAt := false, 0
	flush := func(pos int) error {
		w := cur.String()
		cur.Reset()
		if w == "" {
			return nil
		}
		t := term{text: w}
		if strings.HasSuffix(w, "*") {
			t.prefix, t.text = true, strings.TrimRight(w, "*")
			if utf8.RuneCountInString(strings.TrimFunc(t.text, notWordRune)) < MinPrefixLen {
				return pln.Invalid("%q: a * needs at least %d letters before it (at character %d of the search).", w, MinPrefixLen, pos)
			}
		}
		if strings.Contains(t.text, "*") {
			return pln.Invalid("%q: * can only end a word (at character %d of the search).", w, pos)
		}
		if !strings.ContainsFunc(t.text, isWordRune) {
			skipped = append(skipped, w) // "&", "-", "?", an emoji: the analyzer keeps nothing of it
			return nil
		}
		out = append(out, t)
		return nil
	}
	pos := 0
	for _, r := range q {
		pos++
		switch {
		case r == '"' && !inQuote:
			if err := flush(pos); err != nil {
				return nil, err
			}
			inQuote, quoteAt = true, pos
		case r == '"' && inQuote:
			p := strings.TrimSpace(cur.String())
			cur.Reset()
			inQuote = false
			if strings.Contains(p, "*") {
				return nil, pln.Invalid("%q: * cannot be used inside a quoted phrase (at character %d of the search).", p, quoteAt)
			}
			switch {
			case p == "":
			case !strings.ContainsFunc(p, isWordRune):
				skipped = append(skipped, p)
			default:
				out = append(out, term{text: p, phrase: true})
			}
		case unicode.IsSpace(r) && !inQuote:
			if err := flush(pos); err != nil {
				return nil, err
			}
		default:
			cur.WriteRune(r)
		}
	}
	if inQuote {
		return nil, pln.Invalid("The quote at character %d of the search is never closed: add a closing \" (or remove it).", quoteAt)
	}
	if err := flush(pos); err != nil {
		return nil, err
	}
	if len(out) == 0 && len(skipped) > 0 {
		return nil, pln.Invalid("The search %q has no letters or digits to look for.", strings.Join(skipped, " "))
	}
	if len(out) > MaxQueryTerms {
		return nil, pln.Invalid("The search has %d terms; at most %d are allowed.", len(out), MaxQueryTerms)
	}
	return out, nil
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

func isWordRune(r rune) bool { return !notWordRune(r) }

// fieldQuery is one term against one text field.
func (t term) fieldQuery(field string) query.Query {
	boost := fieldBoost[field]
	switch {
	case t.phrase:
		q := query.NewMatchPhraseQuery(t.text)
		q.SetField(field)
		q.SetBoost(boost)
		return q
	case t.prefix:
		q := query.NewPrefixQuery(foldPrefix(t.text))
		q.SetField(field + "_raw")
		q.SetBoost(boost)
		return q
	default:
		q := query.NewMatchQuery(t.text)
		q.SetField(field)
		q.SetOperator(query.MatchQueryOperatorAnd)
		q.SetBoost(boost)
		if utf8.RuneCountInString(strings.TrimFunc(t.text, notWordRune)) >= FuzzyMinLen {
			// One edit on the stem, or on the word as written: the stemmer
			// may cut a misspelt word elsewhere than the right one
			// ("repetition" → "repetit", "repetiton" → "repetiton").
			q.SetFuzziness(1)
			raw := query.NewMatchQuery(t.text)
			raw.SetField(field + "_raw")
			raw.SetOperator(query.MatchQueryOperatorAnd)
			raw.SetFuzziness(1)
			raw.SetBoost(boost * 0.9)
			return query.NewDisjunctionQuery([]query.Query{q, raw})
		}
		return q
	}
}

// foldPrefix lower-cases and folds a prefix as analyzerFold folds words
// (a prefix is not analyzed by bleve).
func foldPrefix(s string) string {
	s = strings.ToLower(strings.TrimFunc(s, notWordRune))
	return string(foldTokensFold([]byte(s)))
}

// textQuery: every term must match some text field.
func textQuery(terms []term) query.Query {
	all := make([]query.Query, 0, len(terms))
	for _, t := range terms {
		any := make([]query.Query, 0, len(textFields))
		for _, f := range textFields {
			any = append(any, t.fieldQuery(f))
		}
		all = append(all, query.NewDisjunctionQuery(any))
	}
	return query.NewConjunctionQuery(all)
}

func termsOf(field string, values []string, norm func(string) string) query.Query {
	any := make([]query.Query, 0, len(values))
	for _, v := range values {
		q := query.NewTermQuery(norm(v))
		q.SetField(field)
		any = append(any, q)
	}
	return query.NewDisjunctionQuery(any)
}

func same(s string) string { return s }

// filterQuery is the conjunction of the filters that are set (nil: none).
func filterQuery(f Filters) query.Query {
	var all []query.Query
	if len(f.Kinds) > 0 {
		all = append(all, termsOf("kind", f.Kinds, same))
	}
	if !f.From.IsZero() || !f.To.IsZero() {
		var from, to time.Time
		if !f.From.IsZero() {
			from = f.From.UTC()
		}
		if !f.To.IsZero() {
			to = f.To.UTC()
		}
		incl, excl := true, false
		q := query.NewDateRangeInclusiveQuery(from, to, &incl, &excl)
		q.SetField("date")
		all = append(all, q)
	}
	if len(f.NodeIDs) > 0 {
		all = append(all, termsOf("node", f.NodeIDs, same))
	}
	for _, t := range f.Tags {
		q := query.NewTermQuery(tagKey(t))
		q.SetField("tag")
		all = append(all, q)
	}
	if len(f.Types) > 0 {
		all = append(all, termsOf("type", f.Types, same))
	}
	if len(f.GoalNodeIDs) > 0 {
		all = append(all, termsOf("node", f.GoalNodeIDs, same))
	}
	if len(all) == 0 {
		return nil
	}
	return query.NewConjunctionQuery(all)
}

// Search runs q with filters and returns up to limit hits (0: DefaultLimit;
// more than MaxLimit: MaxLimit), best first. A query with no terms, or one
// Parse refuses, is pln.Invalid.
func (ix *Index) Search(q string, f Filters, limit int) (res Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = Result{}, fmt.Errorf("search: the query %q panicked: %v", q, r)
		}
	}()
	terms, err := Parse(q)
	if err != nil {
		return Result{}, err
	}
	if len(terms) == 0 {
		return Result{}, pln.Invalid("The search is empty: type a word (a \"quoted phrase\", or the start of a word followed by *).")
	}
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	var qq query.Query = textQuery(terms)
	if fq := filterQuery(f); fq != nil {
		qq = query.NewConjunctionQuery([]query.Query{qq, fq})
	}
	req := bleve.NewSearchRequestOptions(qq, limit, 0, false)
	req.Fields = []string{"kind", "title", "type", "date", "label", "tags", "body", "urls", "emails", "org", "urls_shown", "emails_shown"}
	req.IncludeLocations = true
	sr, err := ix.bi.Search(req)
	if err != nil {
		return Result{}, fmt.Errorf("search: %w", err)
	}
	res = Result{Hits: make([]Hit, 0, len(sr.Hits)), Total: int(sr.Total)}
	for _, m := range sr.Hits {
		h := Hit{ID: m.ID, Score: m.Score}
		h.Kind, _ = m.Fields["kind"].(string)
		h.Type, _ = m.Fields["type"].(string)
		if h.Kind == KindNode {
			h.Title, _ = m.Fields["title"].(string)
		} else if ds, ok := m.Fields["date"].(string); ok {
			if t, err := time.Parse(time.RFC3339Nano, ds); err == nil {
				h.Date = t.UTC()
				h.Title = h.Date.Format(time.DateOnly)
			}
		}
		h.Field, h.Snippet = snippetOf(h.Kind, m.Fields, m.Locations)
		res.Hits = append(res.Hits, h)
	}
	return res, nil
}
