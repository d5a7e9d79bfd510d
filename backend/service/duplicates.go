package service

import (
	"slices"
	"strings"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// Possible duplicates: two records of one person, community or source,
// made by hand twice or brought in by two imports. Nodes are compared as
// the importer matches them (importplan.go): the label folded (normLabel:
// case, accents, spacing and punctuation aside), an email address case
// aside, a web or feed address with scheme, "www." and a trailing slash
// aside (normWebURL). Nothing is merged: the UI points a match out with
// "open the existing one", and `plexus nodes duplicates` lists the groups.

// DuplicateQuery is a node as the user is typing it: its label, emails and
// addresses; ExceptID (the node being edited) is never a match of itself.
type DuplicateQuery struct {
	ExceptID string   `json:"exceptId,omitempty"`
	Label    string   `json:"label"`
	Emails   []string `json:"emails,omitempty"`
	URL      string   `json:"url,omitempty"`
	FeedURL  string   `json:"feedUrl,omitempty"`
}

// DuplicateMatch is an existing node that looks like the same one, and why:
// each reason is "label", "email <address>", "url <address>" or
// "feed <address>", the address as stored on the match.
type DuplicateMatch struct {
	ID      string   `json:"id"`
	Label   string   `json:"label"`
	Kind    pln.Kind `json:"kind"`
	Reasons []string `json:"reasons"`
}

// DuplicateGroup is nodes that share one key (Reason as in DuplicateMatch,
// without the node-specific address: "label", "email a@b.org",
// "url example.org/x", "feed example.org/feed").
type DuplicateGroup struct {
	Reason string           `json:"reason"`
	Nodes  []DuplicateMatch `json:"nodes"`
}

// MaxDuplicateMatches bounds PossibleDuplicates' answer.
const MaxDuplicateMatches = 5

// duplicateKeys returns a node's match keys with the reason each gives.
func duplicateKeys(label string, emails []string, url, feedURL string) [][2]string {
	var out [][2]string
	if k := normLabel(label); k != "" {
		out = append(out, [2]string{"label\x00" + k, "label"})
	}
	for _, e := range emails {
		if k := strings.ToLower(strings.TrimSpace(e)); k != "" {
			out = append(out, [2]string{"email\x00" + k, "email " + strings.TrimSpace(e)})
		}
	}
	if k := normWebURL(url); k != "" {
		out = append(out, [2]string{"url\x00" + k, "url " + strings.TrimSpace(url)})
	}
	if k := normWebURL(feedURL); k != "" {
		out = append(out, [2]string{"feed\x00" + k, "feed " + strings.TrimSpace(feedURL)})
	}
	return out
}

// PossibleDuplicates returns the existing nodes (the ego included) that
// share a label, an email or a web or feed address with q, most reasons
// first, then by label; at most MaxDuplicateMatches. Reads every node
// (about 0.3 s at 10,000): call it when a field is left or after a pause
// in typing, not on every key. invalid for a malformed ExceptID.
func (s *NetworkService) PossibleDuplicates(q DuplicateQuery) (out []DuplicateMatch, err error) {
	defer recoverInto(s.c.log, "NetworkService.PossibleDuplicates", &err)
	if q.ExceptID != "" {
		if err := pln.CheckID("node", q.ExceptID); err != nil {
			return nil, err
		}
	}
	want := map[string]bool{}
	for _, k := range duplicateKeys(q.Label, q.Emails, q.URL, q.FeedURL) {
		want[k[0]] = true
	}
	out = []DuplicateMatch{}
	if len(want) == 0 {
		return out, nil
	}
	nodes, err := s.allNodes()
	if err != nil {
		return nil, err
	}
	for _, n := range nodes {
		if n.ID == q.ExceptID {
			continue
		}
		var reasons []string
		for _, k := range duplicateKeys(n.Label, n.Emails, n.URL, n.FeedURL) {
			if want[k[0]] {
				reasons = append(reasons, k[1])
			}
		}
		if len(reasons) > 0 {
			out = append(out, DuplicateMatch{ID: n.ID, Label: n.Label, Kind: n.Kind, Reasons: reasons})
		}
	}
	slices.SortFunc(out, func(a, b DuplicateMatch) int {
		if d := len(b.Reasons) - len(a.Reasons); d != 0 {
			return d
		}
		return strings.Compare(normLabel(a.Label)+"\x00"+a.ID, normLabel(b.Label)+"\x00"+b.ID)
	})
	if len(out) > MaxDuplicateMatches {
		out = out[:MaxDuplicateMatches]
	}
	return out, nil
}

// DuplicateGroups returns every key two or more nodes share, labels first,
// then emails, web and feed addresses, each group's nodes by label. A pair
// that shares a label and an email is in two groups.
func (s *NetworkService) DuplicateGroups() (groups []DuplicateGroup, err error) {
	defer recoverInto(s.c.log, "NetworkService.DuplicateGroups", &err)
	nodes, err := s.allNodes()
	if err != nil {
		return nil, err
	}
	byKey := map[string][]DuplicateMatch{}
	reasonOf := map[string]string{}
	for _, n := range nodes {
		seen := map[string]bool{}
		for _, k := range duplicateKeys(n.Label, n.Emails, n.URL, n.FeedURL) {
			if seen[k[0]] {
				continue
			}
			seen[k[0]] = true
			byKey[k[0]] = append(byKey[k[0]], DuplicateMatch{ID: n.ID, Label: n.Label, Kind: n.Kind, Reasons: []string{k[1]}})
			if _, ok := reasonOf[k[0]]; !ok {
				kind, key, _ := strings.Cut(k[0], "\x00")
				if kind == "label" {
					reasonOf[k[0]] = "label"
				} else {
					reasonOf[k[0]] = kind + " " + key
				}
			}
		}
	}
	order := map[string]int{"label": 0, "email": 1, "url": 2, "feed": 3}
	keys := make([]string, 0, len(byKey))
	for k, ns := range byKey {
		if len(ns) > 1 {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b string) int {
		ka, ra, _ := strings.Cut(a, "\x00")
		kb, rb, _ := strings.Cut(b, "\x00")
		if d := order[ka] - order[kb]; d != 0 {
			return d
		}
		return strings.Compare(ra, rb)
	})
	groups = []DuplicateGroup{}
	for _, k := range keys {
		ns := byKey[k]
		slices.SortFunc(ns, func(a, b DuplicateMatch) int {
			return strings.Compare(normLabel(a.Label)+"\x00"+a.ID, normLabel(b.Label)+"\x00"+b.ID)
		})
		groups = append(groups, DuplicateGroup{Reason: reasonOf[k], Nodes: ns})
	}
	return groups, nil
}

// allNodes reads every node in one transaction.
func (s *NetworkService) allNodes() (nodes []pln.Node, err error) {
	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	err = s.c.st.View(func(tx *store.Tx) error {
		var err error
		nodes, err = tx.ListNodes()
		return err
	})
	return nodes, err
}
