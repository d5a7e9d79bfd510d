package service

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// Merging duplicate nodes (docs/decisions/merge-nodes.md).

// MergeSeparator goes between the kept node's description and each
// merged node's description that differs from it.
const MergeSeparator = "\n\n---\n\n"

// MergeNodes merges the nodes otherIDs into node keepID and returns the
// kept node, in one transaction and one undoable step ("Merge “Ada (2)”
// into “Ada”", "Merge 2 nodes into “Ada”", the kept one not counted); undo
// brings every merged node, tie, link and view back as it was.
//
// The kept node keeps its label, kind, position, times and import and each
// of its fields that is set; each field it lacks is taken from the others
// in the order given (a cadence with its start). Tags, contexts and
// emails are unioned (case aside), extra properties too (the kept value
// wins on a key both have), and a web or feed address of another that
// differs from the kept one is kept in Extra ("merged:url",
// "merged:feedUrl", then "merged:url 2", …). Each other description that
// differs is appended after MergeSeparator. When the kept node is the ego,
// only label-free record fields are merged (the ego has no ego-tie fields).
//
// Ties of the merged nodes are re-pointed to the kept node. One that would
// join the kept node to itself is dropped. One that would repeat a tie the
// kept node has (the same other end, relation case aside and direction,
// checkNoTwin's rule) is collapsed into it: the stronger strength, the
// notes joined by a blank line. When the kept node is the ego, a tie to
// an alter becomes that alter's ego tie where it has none (its relation
// and strength), and is dropped (its strength raising the alter's) where
// it has one. Entries that link a merged node (NodeIDs and the stored
// links "[[id|…]]" in their bodies), goals it helps and saved views that
// focus it now name the kept node (store.Tx.RepointRefs).
//
// Refused with nothing changed: a malformed id, or keepID among otherIDs,
// or no others (invalid); a node that does not exist (not_found); the ego
// among the others (invalid: the ego can be kept, never merged away); more
// than MaxBulk others (too_large); a merged node over a limit of pln
// (pln.MaxTags tags or contexts, pln.MaxEmails emails, pln.MaxExtraKeys
// extra properties, pln.MaxBodyBytes of description, pln.MaxNoteLen of a
// collapsed tie's note: too_large naming it). Emits network:changed
// "update", and journal:changed and goals:changed "update" when entries or
// goals were re-pointed, once each.
func (s *NetworkService) MergeNodes(keepID string, otherIDs []string) (kept pln.Node, err error) {
	if err := pln.CheckID("node", keepID); err != nil {
		return pln.Node{}, err
	}
	if len(otherIDs) == 0 {
		return pln.Node{}, pln.Invalid("No nodes to merge into the kept one were given.")
	}
	others, err := bulkIDs(otherIDs)
	if err != nil {
		return pln.Node{}, err
	}
	if slices.Contains(others, keepID) {
		return pln.Node{}, pln.Invalid("The node to keep (%s) is also among the nodes to merge into it.", keepID)
	}
	_, err = s.c.write("NetworkService.MergeNodes", reasons{network: pln.ReasonUpdate, journal: pln.ReasonUpdate, goals: pln.ReasonUpdate}, func(tx *store.Tx) (store.StepInfo, error) {
		keep, err := tx.GetNode(keepID)
		if pln.CodeOf(err) == pln.CodeNotFound {
			return store.StepInfo{}, pln.NotFound("No node with id %s to keep; it may have been deleted. Nothing was merged.", keepID)
		}
		if err != nil {
			return store.StepInfo{}, err
		}
		nodes := make([]pln.Node, 0, len(others))
		gone := make(map[string]bool, len(others))
		for _, id := range others {
			n, err := tx.GetNode(id)
			if pln.CodeOf(err) == pln.CodeNotFound {
				return store.StepInfo{}, pln.NotFound("No node with id %s; it may have been deleted. Nothing was merged.", id)
			}
			if err != nil {
				return store.StepInfo{}, err
			}
			if n.Ego {
				return store.StepInfo{}, pln.Invalid("The ego (%q) is the centre of the network and cannot be merged into another node; keep it and merge the others into it. Nothing was merged.", n.Label)
			}
			nodes = append(nodes, n)
			gone[id] = true
		}
		now := s.c.stamp()
		merged, err := mergeFields(keep, nodes)
		if err != nil {
			return store.StepInfo{}, err
		}
		merged.UpdatedAt = now
		if !merged.Ego {
			merged.NoteCadence(keep, now)
		}

		if err := s.mergeTies(tx, keep, nodes, gone, now); err != nil {
			return store.StepInfo{}, err
		}
		for _, id := range others {
			if _, _, _, err := tx.RepointRefs(id, keepID, keep.Ego); err != nil {
				return store.StepInfo{}, err
			}
		}
		if _, _, err := tx.DeleteNodes(others); err != nil { // what is left: ties to nodes not visible
			return store.StepInfo{}, err
		}
		if err := tx.PutNode(merged); err != nil {
			return store.StepInfo{}, err
		}
		kept = merged
		what := quote(nodes[0].Label)
		if len(nodes) > 1 {
			what = strconv.Itoa(len(nodes)) + " nodes"
		}
		return store.StepInfo{Name: "Merge " + what + " into " + quote(keep.Label)}, nil
	})
	if pln.CodeOf(err) == pln.CodeTooLarge && !strings.Contains(err.Error(), "Nothing was merged") {
		return pln.Node{}, pln.TooLarge("Merging these %d nodes with their ties and journal links is more than one step can hold. Nothing was merged.", len(others)+1)
	}
	if err != nil {
		return pln.Node{}, err
	}
	return kept, nil
}

// mergeFields is the kept node with the others' fields merged in
// (MergeNodes' rules), checked against pln's limits; too_large names the
// limit, with "Nothing was merged."
func mergeFields(keep pln.Node, others []pln.Node) (pln.Node, error) {
	m := keep
	m.Extra = maps.Clone(keep.Extra)
	refuse := func(what string, n, limit int) error {
		return pln.TooLarge("Merged, %s would have %d %s; the limit is %d. Nothing was merged.", quote(keep.Label), n, what, limit)
	}
	str := func(dst *string, src string) {
		if *dst == "" {
			*dst = src
		}
	}
	addExtra := func(field, v string) {
		if v == "" {
			return
		}
		for _, have := range m.Extra {
			if have == v {
				return
			}
		}
		if m.Extra == nil {
			m.Extra = map[string]string{}
		}
		k := "merged:" + field
		for i := 2; m.Extra[k] != ""; i++ {
			k = "merged:" + field + " " + strconv.Itoa(i)
		}
		m.Extra[k] = v
	}
	tags, contexts, emails := slices.Clone(m.Tags), slices.Clone(m.Contexts), slices.Clone(m.Emails)
	for _, o := range others {
		switch {
		case m.URL == "":
			m.URL = o.URL
		case o.URL != "" && normWebURL(o.URL) != normWebURL(m.URL):
			addExtra("url", o.URL)
		}
		switch {
		case m.FeedURL == "":
			m.FeedURL = o.FeedURL
		case o.FeedURL != "" && normWebURL(o.FeedURL) != normWebURL(m.FeedURL):
			addExtra("feedUrl", o.FeedURL)
		}
		str(&m.Organisation, o.Organisation)
		tags = append(tags, o.Tags...)
		for _, e := range o.Emails {
			if !slices.ContainsFunc(emails, func(h string) bool { return strings.EqualFold(h, e) }) {
				emails = append(emails, e)
			}
		}
		if d := strings.TrimSpace(o.Description); d != "" && !strings.Contains(m.Description, d) {
			if m.Description == "" {
				m.Description = d
			} else {
				m.Description += MergeSeparator + d
			}
		}
		for k, v := range o.Extra {
			if _, ok := m.Extra[k]; !ok {
				if m.Extra == nil {
					m.Extra = map[string]string{}
				}
				m.Extra[k] = v
			}
		}
		if keep.Ego {
			continue // the ego has no ego-tie fields
		}
		str(&m.Relation, o.Relation)
		if m.Strength == 0 {
			m.Strength = o.Strength
		}
		if m.Role == "" {
			m.Role = o.Role
		}
		contexts = append(contexts, o.Contexts...)
		if m.Mode == "" {
			m.Mode = o.Mode
		}
		if m.Status == "" {
			m.Status = o.Status
		}
		if m.Cadence == 0 && o.Cadence != 0 {
			m.Cadence, m.CadenceSince = o.Cadence, o.CadenceSince
		}
	}
	var err error
	if m.Tags, err = pln.NormalizeTags("tag", tags); pln.CodeOf(err) == pln.CodeTooLarge {
		return pln.Node{}, refuse("tags", countFolded(tags), pln.MaxTags)
	} else if err != nil {
		return pln.Node{}, err
	}
	if m.Contexts, err = pln.NormalizeTags("context", contexts); pln.CodeOf(err) == pln.CodeTooLarge {
		return pln.Node{}, refuse("contexts", countFolded(contexts), pln.MaxTags)
	} else if err != nil {
		return pln.Node{}, err
	}
	if len(emails) > pln.MaxEmails {
		return pln.Node{}, refuse("emails", len(emails), pln.MaxEmails)
	}
	m.Emails = emails
	if len(m.Extra) > pln.MaxExtraKeys {
		return pln.Node{}, refuse("extra properties", len(m.Extra), pln.MaxExtraKeys)
	}
	if len(m.Description) > pln.MaxBodyBytes {
		return pln.Node{}, pln.TooLarge("Merged, %s's description would be %d bytes; the limit is %d. Shorten a description first. Nothing was merged.", quote(keep.Label), len(m.Description), pln.MaxBodyBytes)
	}
	if len(m.Tags) == 0 {
		m.Tags = nil
	}
	if len(m.Contexts) == 0 {
		m.Contexts = nil
	}
	if len(m.Emails) == 0 {
		m.Emails = nil
	}
	if len(m.Extra) == 0 {
		m.Extra = nil
	}
	return m, nil
}

// countFolded is how many tags ts holds, case aside.
func countFolded(ts []string) int {
	seen := map[string]bool{}
	for _, t := range ts {
		if t = strings.ToLower(strings.TrimSpace(t)); t != "" {
			seen[t] = true
		}
	}
	return len(seen)
}

// mergeTies re-points the visible ties of the nodes nodes (ids gone) to
// keep, dropping self-loops and collapsing twins (MergeNodes).
func (s *NetworkService) mergeTies(tx *store.Tx, keep pln.Node, nodes []pln.Node, gone map[string]bool, now time.Time) error {
	var have []pln.Tie // the kept node's ties as they are now
	if !keep.Ego {
		var err error
		if have, err = tx.TiesOf(keep.ID); err != nil {
			return err
		}
	}
	repl := func(id string) string {
		if gone[id] {
			return keep.ID
		}
		return id
	}
	for _, o := range nodes {
		ties, err := tx.TiesOf(o.ID)
		if err != nil {
			return err
		}
		for _, t := range ties {
			from, to := repl(t.From), repl(t.To)
			if from == to {
				if err := tx.DeleteTie(t.ID); err != nil {
					return err
				}
				continue
			}
			if keep.Ego {
				if err := tx.DeleteTie(t.ID); err != nil {
					return err
				}
				end := from
				if end == keep.ID {
					end = to
				}
				if err := egoTieFrom(tx, end, t, now); err != nil {
					return err
				}
				continue
			}
			nt := t
			nt.From, nt.To, nt.UpdatedAt = from, to, now
			i := slices.IndexFunc(have, func(h pln.Tie) bool { return sameTie(h, nt) })
			if i < 0 {
				if err := tx.PutTie(nt); err != nil {
					return err
				}
				have = append(have, nt)
				continue
			}
			twin := have[i]
			twin.Strength = max(twin.Strength, t.Strength)
			if n := strings.TrimSpace(t.Note); n != "" && !strings.Contains(twin.Note, n) {
				if twin.Note == "" {
					twin.Note = n
				} else {
					twin.Note += "\n\n" + n
				}
			}
			if c := utf8.RuneCountInString(twin.Note); c > pln.MaxNoteLen {
				return pln.TooLarge("Merged, the %q tie's note would be %d characters; the limit is %d. Shorten a note first. Nothing was merged.", twin.Relation, c, pln.MaxNoteLen)
			}
			twin.UpdatedAt = now
			have[i] = twin
			if err := tx.DeleteTie(t.ID); err != nil {
				return err
			}
			if err := tx.PutTie(twin); err != nil {
				return err
			}
		}
	}
	return nil
}

// sameTie is checkNoTwin's rule: the same two nodes, relation (case aside)
// and direction (or both mutual).
func sameTie(a, b pln.Tie) bool {
	if !strings.EqualFold(a.Relation, b.Relation) || a.Directed != b.Directed {
		return false
	}
	if a.From == b.From && a.To == b.To {
		return true
	}
	return !a.Directed && a.From == b.To && a.To == b.From
}

// egoTieFrom makes tie t (now between the ego and alter id) alter id's ego
// tie: its relation and strength where it has no relation, else only a
// stronger strength.
func egoTieFrom(tx *store.Tx, id string, t pln.Tie, now time.Time) error {
	n, err := tx.GetNode(id)
	if err != nil {
		return err
	}
	old := n
	if n.Relation == "" {
		n.Relation = t.Relation
	}
	n.Strength = max(n.Strength, t.Strength)
	if n.Relation == old.Relation && n.Strength == old.Strength {
		return nil
	}
	n.UpdatedAt = now
	return tx.PutNode(n)
}
