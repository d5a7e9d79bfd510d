package interchange

import (
	"slices"
	"sort"

	"github.com/plexus-pln/plexus/backend/pln"
)

// What the formats that read Plexus's own fields (CSV, JSON graphs,
// Markdown notes) do alike with a node read.

// place puts the node at x, y when the file gave both; a node without a
// position is not pinned (Plexus places it).
func (dn *DocNode) place(x, y float64, ok bool) {
	if ok {
		dn.Node.X, dn.Node.Y, dn.HasPosition = x, y, true
	} else {
		dn.Node.Pinned = false
	}
}

// checkNode is Normalize's verdict on n once the service fills its kind (a
// node without one becomes a person): every node a format returns passes.
func checkNode(n pln.Node) error {
	f := n.Fields()
	if f.Kind == "" {
		f.Kind = pln.KindPerson
	}
	return f.Normalize()
}

// mergeFields merges the fields of dn, a node whose key was read before,
// into m: tags, contexts and emails joined (within pln.MaxEmails), empty
// text fields and kind filled, extras m lacks added, the position taken
// when m has none. The label is the caller's (an alias, with its rules).
func (m *DocNode) mergeFields(dn DocNode) {
	n := dn.Node
	m.Node.Tags = mergeTags(m.Node.Tags, n.Tags)
	m.Node.Contexts = mergeTags(m.Node.Contexts, n.Contexts)
	for _, e := range n.Emails {
		if !slices.Contains(m.Node.Emails, e) && len(m.Node.Emails) < pln.MaxEmails {
			m.Node.Emails = append(m.Node.Emails, e)
		}
	}
	fill := func(dst *string, src string) {
		if *dst == "" {
			*dst = src
		}
	}
	fill(&m.Node.Description, n.Description)
	fill(&m.Node.URL, n.URL)
	fill(&m.Node.FeedURL, n.FeedURL)
	fill(&m.Node.Organisation, n.Organisation)
	fill(&m.Node.Relation, n.Relation)
	if m.Node.Kind == "" {
		m.Node.Kind = n.Kind
	}
	keys := make([]string, 0, len(n.Extra))
	for k := range n.Extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if _, ok := m.Node.Extra[k]; !ok {
			PutExtra(&m.Node.Extra, k, n.Extra[k])
		}
	}
	if !m.HasPosition && dn.HasPosition {
		m.Node.X, m.Node.Y, m.HasPosition = n.X, n.Y, true
	}
}
