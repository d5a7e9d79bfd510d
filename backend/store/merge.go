package store

import (
	"bytes"
	"slices"

	"github.com/plexus-pln/plexus/backend/pln"
)

// RepointRefs moves what links node from (an entry's NodeIDs and the
// stored links "[[from|…]]" in its body, a goal's helping nodes, a saved
// view's focus) to node to, for merging two nodes (NetworkService.
// MergeNodes). It reads the stored records, not their visible form, so a
// link to a node of an unpublished import is kept. An entry or goal that
// linked both keeps one link; a goal whose new helper would be the ego
// (dropTo) loses the link instead (a goal's helpers are never the ego).
// Entries' and goals' UpdatedAt are kept (a merge is not an edit of
// them, as a deletion's unlinking is not); a view's too. Ties and the
// node itself are the caller's. It returns the ids of the entries, goals
// and views it wrote, each once, in id order (entries), table order
// (goals, views). Both ids must be canonical (pln.Invalid).
func (tx *Tx) RepointRefs(from, to string, dropTo bool) (entryIDs, goalIDs, viewIDs []string, err error) {
	fb, err := idBytes("node", from)
	if err != nil {
		return nil, nil, nil, err
	}
	if _, err := idBytes("node", to); err != nil {
		return nil, nil, nil, err
	}
	// Scans first (see refsOf).
	mentions, err := tx.collectKeys(key([]byte{tagMention}, fb[:]))
	if err != nil {
		return nil, nil, nil, err
	}
	goals, err := tx.goalsLinking(map[string]bool{from: true})
	if err != nil {
		return nil, nil, nil, err
	}
	views, err := tx.Views()
	if err != nil {
		return nil, nil, nil, err
	}
	replace := func(ids []string, drop bool) []string {
		out := make([]string, 0, len(ids))
		for _, id := range ids {
			if id == from {
				if drop {
					continue
				}
				id = to
			}
			if !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	}
	seen := map[[idLen]byte]bool{}
	for _, k := range mentions {
		var eid [idLen]byte
		copy(eid[:], k[1+idLen+timeLen:])
		if seen[eid] {
			continue
		}
		seen[eid] = true
		old, ok, err := tx.getEntryRaw(eid)
		if err != nil {
			return nil, nil, nil, err
		}
		if !ok {
			if err := tx.del(k); err != nil { // a stale key
				return nil, nil, nil, err
			}
			continue
		}
		e := old
		e.NodeIDs = replace(old.NodeIDs, false)
		e.Body = RepointBody(old.Body, from, to)
		if err := tx.writeEntry(eid, old, true, e); err != nil {
			return nil, nil, nil, err
		}
		entryIDs = append(entryIDs, e.ID)
	}
	slices.Sort(entryIDs)
	for _, g := range goals {
		g.NodeIDs = replace(g.NodeIDs, dropTo)
		if err := tx.PutGoal(g); err != nil {
			return nil, nil, nil, err
		}
		goalIDs = append(goalIDs, g.ID)
	}
	for _, v := range views {
		f := v.State.Focus
		if f == nil || !slices.Contains(f.NodeIDs, from) {
			continue
		}
		nf := *f
		nf.NodeIDs = replace(f.NodeIDs, false)
		slices.Sort(nf.NodeIDs) // a view's focus ids are kept sorted (pln.NormalizeViewState)
		v.State.Focus = &nf
		if err := tx.PutView(v); err != nil {
			return nil, nil, nil, err
		}
		viewIDs = append(viewIDs, v.ID)
	}
	return entryIDs, goalIDs, viewIDs, nil
}

// RepointBody rewrites the stored links "[[from|text]]" of body (outside
// code, pln.Wikilinks) to "[[to|text]]". The ids have the same length,
// so the body's size does not change; the text, shown only for a deleted
// node, is kept as written.
func RepointBody(body, from, to string) string {
	links := pln.Wikilinks(body)
	if len(links) == 0 {
		return body
	}
	b := []byte(body)
	for _, l := range links {
		if l.ID != from {
			continue
		}
		if i := bytes.Index(b[l.Start:l.End], []byte(from)); i >= 0 { // after "[[" and any spaces
			copy(b[l.Start+i:], to)
		}
	}
	return string(b)
}
