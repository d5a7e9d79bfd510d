package service

import (
	"slices"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// normalizeEntry normalizes f (pln.EntryFields.Normalize) and adds what its
// body says (docs/decisions/journal-links.md):
//
//   - a label link "[[Label]]" (or "[[Label|text]]") naming exactly one
//     node (normLabel: case, accents, spacing and punctuation aside, the
//     rule of plexus journal add --node) is stored as "[[id|Label]]";
//     none or several: left as written, nothing linked;
//   - each stored link "[[id|…]]" of an existing (visible) node links the
//     node (f.NodeIDs), so its last interaction and count follow; the link
//     of a deleted node stays in the text and links nothing;
//   - the body's #tags (pln.BodyTags) are merged after the explicit tags.
//
// The result is normalized again (the body grew: the size limit, the
// MaxEntryNodes limit), so errors are Normalize's.
func normalizeEntry(tx *store.Tx, f *pln.EntryFields) error {
	if err := f.Normalize(); err != nil {
		return err
	}
	links := pln.Wikilinks(f.Body)
	var byLabel map[string][]pln.Node
	for _, l := range links {
		if l.ID == "" && byLabel == nil {
			ns, err := tx.ListNodes()
			if err != nil {
				return err
			}
			byLabel = map[string][]pln.Node{}
			for _, n := range ns {
				k := normLabel(n.Label)
				byLabel[k] = append(byLabel[k], n)
			}
		}
	}
	if byLabel != nil {
		f.Body = pln.LinkWikilinks(f.Body, func(target string) (string, string, bool) {
			ns := byLabel[normLabel(target)]
			if len(ns) != 1 || normLabel(target) == "" {
				return "", "", false
			}
			return ns[0].ID, ns[0].Label, true
		})
		links = pln.Wikilinks(f.Body)
	}
	for _, l := range links {
		if l.ID == "" || slices.Contains(f.NodeIDs, l.ID) {
			continue
		}
		if _, err := tx.GetNode(l.ID); err != nil {
			if pln.CodeOf(err) == pln.CodeNotFound {
				continue // a deleted node: the text keeps its last label
			}
			return err
		}
		f.NodeIDs = append(f.NodeIDs, l.ID)
	}
	f.Tags = pln.MergeBodyTags(f.Tags, f.Body)
	return f.Normalize()
}
