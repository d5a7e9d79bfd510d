package service

import (
	"slices"
	"strconv"
	"strings"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// NetworkService edits the network: the ego, alters, ties and positions.
// Every write emits pln.EventNetworkChanged after its commit. Errors are
// *pln.Error (invalid, not_found, too_large) or internal.
type NetworkService struct {
	c *core
}

// Network is the whole network as structs, for Go callers and tests (the UI
// reads GET /api/network instead). Nodes include the ego; Ego is its id.
type Network struct {
	Ego   string     `json:"ego"`
	Nodes []pln.Node `json:"nodes"`
	Ties  []pln.Tie  `json:"ties"`
}

// Ego returns the ego node. not_found only if the store has no ego (New
// creates it, so this means a damaged store).
func (s *NetworkService) Ego() (ego pln.Node, err error) {
	defer recoverInto(s.c.log, "NetworkService.Ego", &err)
	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	err = s.c.st.View(func(tx *store.Tx) error {
		n, ok, err := tx.Ego()
		if err != nil {
			return err
		}
		if !ok {
			return pln.NotFound("The network has no ego (the \"Me\" node).")
		}
		ego = n
		return nil
	})
	return ego, err
}

// RenameEgo sets the ego's label (1–200 characters, one line) and returns
// the ego. One undoable step; emits network:changed reason "update".
func (s *NetworkService) RenameEgo(label string) (ego pln.Node, err error) {
	_, err = s.c.write("NetworkService.RenameEgo", reasons{network: pln.ReasonUpdate}, func(tx *store.Tx) (store.StepInfo, error) {
		label, err := pln.NormalizeLabel(label)
		if err != nil {
			return store.StepInfo{}, err
		}
		n, ok, err := tx.Ego()
		if err != nil {
			return store.StepInfo{}, err
		}
		if !ok {
			return store.StepInfo{}, pln.NotFound("The network has no ego (the \"Me\" node).")
		}
		old := n.Label
		n.Label = label
		n.UpdatedAt = s.c.stamp()
		ego = n
		return store.StepInfo{Name: "Rename " + quote(old) + " to " + quote(label)}, tx.PutNode(n)
	})
	if err != nil {
		return pln.Node{}, err
	}
	return ego, nil
}

// GetNode returns the full record of node id (ego or alter). invalid for a
// malformed id, not_found for a missing node.
func (s *NetworkService) GetNode(id string) (n pln.Node, err error) {
	defer recoverInto(s.c.log, "NetworkService.GetNode", &err)
	if err := pln.CheckID("node", id); err != nil {
		return pln.Node{}, err
	}
	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	err = s.c.st.View(func(tx *store.Tx) error {
		var err error
		n, err = tx.GetNode(id)
		return err
	})
	return n, err
}

// GetTie returns the full record of tie id (with its note), for the tie
// panel. invalid for a malformed id, not_found for a missing tie.
func (s *NetworkService) GetTie(id string) (t pln.Tie, err error) {
	defer recoverInto(s.c.log, "NetworkService.GetTie", &err)
	if err := pln.CheckID("tie", id); err != nil {
		return pln.Tie{}, err
	}
	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	err = s.c.st.View(func(tx *store.Tx) error {
		var err error
		t, err = tx.GetTie(id)
		return err
	})
	return t, err
}

// CreateNode creates an alter from f at graph position x,y and returns it.
// The node is pinned: it was placed there by hand (a double-click on the
// map), so the force layout leaves it where it was put until it is
// unpinned. f is normalized (pln.NodeFields.Normalize); x and y must be
// finite and within ±pln.MaxCoordinate. One undoable step ("Add …"); emits
// network:changed "create".
func (s *NetworkService) CreateNode(f pln.NodeFields, x, y float64) (n pln.Node, err error) {
	_, err = s.c.write("NetworkService.CreateNode", reasons{network: pln.ReasonCreate}, func(tx *store.Tx) (store.StepInfo, error) {
		g := f // Normalize works in place; keep f intact for a retried transaction
		if err := g.Normalize(); err != nil {
			return store.StepInfo{}, err
		}
		now := s.c.stamp()
		n = pln.Node{ID: pln.NewID(), X: x, Y: y, Pinned: true, CreatedAt: now, UpdatedAt: now}
		if err := pln.CheckPosition(pln.Position{ID: n.ID, X: x, Y: y}); err != nil {
			return store.StepInfo{}, pln.Invalid("The new node's position (%g, %g) is not a finite number within ±%g.", x, y, pln.MaxCoordinate)
		}
		n.SetFields(g)
		n.NoteCadence(pln.Node{}, now)
		return store.StepInfo{Name: "Add " + quote(n.Label)}, tx.PutNode(n)
	})
	if err != nil {
		return pln.Node{}, err
	}
	return n, nil
}

// UpdateNode replaces every editable field of node id with f and returns the
// node; position, times and import id are kept (UpdatedAt is set). On the
// ego only f.Label is used. One undoable step ("Edit …", or "Rename … to
// …"); emits network:changed "update".
func (s *NetworkService) UpdateNode(id string, f pln.NodeFields) (n pln.Node, err error) {
	_, err = s.c.write("NetworkService.UpdateNode", reasons{network: pln.ReasonUpdate}, func(tx *store.Tx) (store.StepInfo, error) {
		if err := pln.CheckID("node", id); err != nil {
			return store.StepInfo{}, err
		}
		old, err := tx.GetNode(id)
		if err != nil {
			return store.StepInfo{}, err
		}
		before, prev := old.Label, old
		g := f
		if old.Ego {
			if old.Label, err = pln.NormalizeLabel(g.Label); err != nil {
				return store.StepInfo{}, err
			}
		} else {
			if err := g.Normalize(); err != nil {
				return store.StepInfo{}, err
			}
			old.SetFields(g)
		}
		old.UpdatedAt = s.c.stamp()
		if !old.Ego {
			old.NoteCadence(prev, old.UpdatedAt)
		}
		n = old
		name := "Edit " + quote(n.Label)
		if before != n.Label {
			name = "Rename " + quote(before) + " to " + quote(n.Label)
		}
		return store.StepInfo{Name: name}, tx.PutNode(n)
	})
	if err != nil {
		return pln.Node{}, err
	}
	return n, nil
}

// DeleteNode deletes alter id, its ties, and its links from journal entries,
// in one transaction and one undoable step ("Delete … and N ties"; undo
// brings all of it back). The ego cannot be deleted (invalid). Emits
// network:changed "delete" (the node and its ties) and, when entries linked
// it, journal:changed "unlink".
func (s *NetworkService) DeleteNode(id string) (err error) {
	_, err = s.c.write("NetworkService.DeleteNode", reasons{network: pln.ReasonDelete, journal: pln.ReasonUnlink}, func(tx *store.Tx) (store.StepInfo, error) {
		if err := pln.CheckID("node", id); err != nil {
			return store.StepInfo{}, err
		}
		n, err := tx.GetNode(id)
		if err != nil {
			return store.StepInfo{}, err
		}
		if n.Ego {
			return store.StepInfo{}, pln.Invalid("The ego (%q) is the centre of the network and cannot be deleted.", n.Label)
		}
		tieIDs, _, err := tx.DeleteNode(id)
		if err != nil {
			return store.StepInfo{}, err
		}
		return store.StepInfo{Name: "Delete " + quote(n.Label) + countSuffix(len(tieIDs), "tie", "ties")}, nil
	})
	return err
}

// MaxBulk is how many nodes one DeleteNodes or TagNodes call may name (a
// multi-selection on the map). Each call is one transaction, and Badger
// bounds a transaction by its size (about 2.5 MB of writes or 26,000 keys
// with the store's 16 MiB memtables). A delete writes about four keys a
// node and three a tie, so 1,000 nodes with up to some 5,000 ties in all
// (and their journal links) are one transaction (TestDeleteNodesAtTheLimit);
// a selection with more ties than that (hubs), or with unusually large
// records (long descriptions), is more than one transaction holds: it is
// refused as too_large and nothing changes (TestDeleteNodesTooLarge);
// delete it in parts. Tagging writes one node record a node and fits.
const MaxBulk = 1000

// bulkIDs checks a bulk call's node ids: each a canonical id, at least one,
// at most MaxBulk once repeats are dropped. It returns them without
// repeats, in the order given.
func bulkIDs(ids []string) ([]string, error) {
	if len(ids) == 0 {
		return nil, pln.Invalid("No nodes were given.")
	}
	seen := make(map[string]bool, len(ids))
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if err := pln.CheckID("node", id); err != nil {
			return nil, err
		}
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	if len(out) > MaxBulk {
		return nil, pln.TooLarge("%d nodes in one call; the limit is %d.", len(out), MaxBulk)
	}
	return out, nil
}

// DeleteNodes deletes the alters ids (a multi-selection), their ties and
// their links from journal entries, in one transaction and one undoable
// step ("Delete 5 nodes and 7 ties"; a single node is named as DeleteNode
// names it, "Delete “Ada” and 1 tie"); undo brings all of it back. Repeated
// ids count once. Nothing changes when any id is malformed (invalid), is
// the ego (invalid), or names no node (not_found), when ids is empty
// (invalid), or when there are more than MaxBulk (too_large). Emits
// network:changed "delete" and, when entries linked them, journal:changed
// "unlink", once each.
func (s *NetworkService) DeleteNodes(ids []string) (err error) {
	ids, err = bulkIDs(ids)
	if err != nil {
		return err
	}
	_, err = s.c.write("NetworkService.DeleteNodes", reasons{network: pln.ReasonDelete, journal: pln.ReasonUnlink}, func(tx *store.Tx) (store.StepInfo, error) {
		var label string
		for _, id := range ids {
			n, err := tx.GetNode(id)
			if pln.CodeOf(err) == pln.CodeNotFound {
				return store.StepInfo{}, pln.NotFound("No node with id %s; it may have been deleted. Nothing was deleted.", id)
			}
			if err != nil {
				return store.StepInfo{}, err
			}
			if n.Ego {
				return store.StepInfo{}, pln.Invalid("The ego (%q) is the centre of the network and cannot be deleted. Nothing was deleted.", n.Label)
			}
			label = n.Label
		}
		tieIDs, _, err := tx.DeleteNodes(ids)
		if err != nil {
			return store.StepInfo{}, err
		}
		what := strconv.Itoa(len(ids)) + " nodes"
		if len(ids) == 1 {
			what = quote(label)
		}
		return store.StepInfo{Name: "Delete " + what + countSuffix(len(tieIDs), "tie", "ties")}, nil
	})
	if pln.CodeOf(err) == pln.CodeTooLarge {
		return pln.TooLarge("Deleting these %d nodes with their ties and journal links is more than one step can hold. Nothing was deleted; delete them in smaller parts.", len(ids))
	}
	return err
}

// TagNodes adds the tags add to, and removes the tags remove from, every
// node ids (a multi-selection; the ego included), in one transaction and
// one undoable step ("Tag 5 nodes “go”", "Untag 3 nodes “rust”", "Retag 4
// nodes" when it does both). Tags are normalized as NodeFields.Normalize
// normalizes them (pln.NormalizeTags: trimmed, empty ones dropped,
// case-insensitive repeats dropped keeping the first spelling); removing
// matches case-insensitively; an added tag a node already has in another
// case is kept in its spelling. It returns how many nodes changed: nodes
// it leaves as they were are not written, and when none changes no step is
// logged and nothing is emitted. Nothing changes when an id is malformed
// (invalid) or names no node (not_found), when ids is empty or there is no
// tag to add or remove (invalid), when a tag is both added and removed
// (invalid), when a node would have more than pln.MaxTags tags (too_large,
// naming it), or for more than MaxBulk nodes (too_large). Emits
// network:changed "update" once.
func (s *NetworkService) TagNodes(ids []string, add, remove []string) (n int, err error) {
	ids, err = bulkIDs(ids)
	if err != nil {
		return 0, err
	}
	if add, err = pln.NormalizeTags("tag", add); err != nil {
		return 0, err
	}
	if remove, err = pln.NormalizeTags("tag", remove); err != nil {
		return 0, err
	}
	if len(add)+len(remove) == 0 {
		return 0, pln.Invalid("No tag to add or remove was given.")
	}
	drop := make(map[string]bool, len(remove))
	for _, t := range remove {
		drop[strings.ToLower(t)] = true
	}
	for _, t := range add {
		if drop[strings.ToLower(t)] {
			return 0, pln.Invalid("The tag %q is both added and removed.", t)
		}
	}
	_, err = s.c.write("NetworkService.TagNodes", reasons{network: pln.ReasonUpdate}, func(tx *store.Tx) (store.StepInfo, error) {
		n = 0 // fn may run again (a conflict retry)
		now := s.c.stamp()
		for _, id := range ids {
			node, err := tx.GetNode(id)
			if pln.CodeOf(err) == pln.CodeNotFound {
				return store.StepInfo{}, pln.NotFound("No node with id %s; it may have been deleted. No tags were changed.", id)
			}
			if err != nil {
				return store.StepInfo{}, err
			}
			kept := slices.DeleteFunc(slices.Clone(node.Tags), func(t string) bool { return drop[strings.ToLower(strings.TrimSpace(t))] })
			tags, err := pln.NormalizeTags("tag", append(kept, add...))
			if pln.CodeOf(err) == pln.CodeTooLarge {
				return store.StepInfo{}, pln.TooLarge("%s would have more than %d tags. No tags were changed.", quote(node.Label), pln.MaxTags)
			}
			if err != nil {
				return store.StepInfo{}, err
			}
			if slices.Equal(tags, node.Tags) {
				continue
			}
			node.Tags, node.UpdatedAt = tags, now
			if err := tx.PutNode(node); err != nil {
				return store.StepInfo{}, err
			}
			n++
		}
		return store.StepInfo{Name: tagName(n, add, remove)}, nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// tagName names a TagNodes step: "Tag 5 nodes “go”", "Untag 1 node “go”,
// “rust”", "Tag 3 nodes with 4 tags", "Retag 4 nodes" (both).
func tagName(n int, add, remove []string) string {
	verb, tags := "Tag ", add
	switch {
	case len(add) > 0 && len(remove) > 0:
		return "Retag " + plural(n, "node", "nodes")
	case len(remove) > 0:
		verb, tags = "Untag ", remove
	}
	if len(tags) > 3 {
		return verb + plural(n, "node", "nodes") + " with " + strconv.Itoa(len(tags)) + " tags"
	}
	q := make([]string, len(tags))
	for i, t := range tags {
		q[i] = quote(t)
	}
	return verb + plural(n, "node", "nodes") + " " + strings.Join(q, ", ")
}

// CreateTie creates a tie between two different existing alters and returns
// it. f is normalized (strength 0 becomes 3). invalid when an end is
// missing or is the ego (the ego's relation is a field of the alter). One
// undoable step ("Tie … to …"); emits network:changed "create".
func (s *NetworkService) CreateTie(f pln.TieFields) (t pln.Tie, err error) {
	_, err = s.c.write("NetworkService.CreateTie", reasons{network: pln.ReasonCreate}, func(tx *store.Tx) (store.StepInfo, error) {
		g := f
		if err := g.Normalize(); err != nil {
			return store.StepInfo{}, err
		}
		now := s.c.stamp()
		t = pln.Tie{ID: pln.NewID(), From: g.From, To: g.To, Relation: g.Relation, Directed: g.Directed,
			Strength: g.Strength, Note: g.Note, CreatedAt: now, UpdatedAt: now}
		labels, err := tieEnds(tx, t.From, t.To)
		if err != nil {
			return store.StepInfo{}, err
		}
		if err := checkNoTwin(tx, t); err != nil {
			return store.StepInfo{}, err
		}
		return store.StepInfo{Name: "Tie " + quote(labels[0]) + " to " + quote(labels[1]) + " (" + t.Relation + ")"}, tx.PutTie(t)
	})
	if err != nil {
		return pln.Tie{}, err
	}
	return t, nil
}

// tieEnds checks that from and to are alters that exist (invalid, naming
// the end, otherwise) and returns their labels.
func tieEnds(tx *store.Tx, from, to string) ([2]string, error) {
	var labels [2]string
	for i, end := range []struct{ name, id string }{{"from", from}, {"to", to}} {
		n, err := tx.GetNode(end.id)
		if pln.CodeOf(err) == pln.CodeNotFound {
			return labels, pln.Invalid("The tie's %s node %s does not exist; it may have been deleted.", end.name, end.id)
		}
		if err != nil {
			return labels, err
		}
		if n.Ego {
			return labels, pln.Invalid("Ties join two alters; set the ego's relation on the alter instead.")
		}
		labels[i] = n.Label
	}
	return labels, nil
}

// RetargetTie moves tie id's ends to from and to (one of them usually
// stays): the map's "drag a tie's end onto another node", or a swap of its
// direction. Both ends must be existing alters and differ; a tie that would
// repeat another (same ends, relation and direction) is a conflict. Its
// relation, direction, strength and note stay. One undoable step ("Move the
// tie …"); emits network:changed "update" with the tie's id. Unchanged ends:
// nothing is written.
func (s *NetworkService) RetargetTie(id, from, to string) (t pln.Tie, err error) {
	_, err = s.c.write("NetworkService.RetargetTie", reasons{network: pln.ReasonUpdate}, func(tx *store.Tx) (store.StepInfo, error) {
		for _, x := range []struct{ name, id string }{{"tie", id}, {"node", from}, {"node", to}} {
			if err := pln.CheckID(x.name, x.id); err != nil {
				return store.StepInfo{}, err
			}
		}
		old, err := tx.GetTie(id)
		if err != nil {
			return store.StepInfo{}, err
		}
		t = old
		if from == old.From && to == old.To {
			return store.StepInfo{}, nil
		}
		if from == to {
			return store.StepInfo{}, pln.Invalid("A tie joins two different nodes; both ends would be the same one.")
		}
		if _, err := tieEnds(tx, from, to); err != nil {
			return store.StepInfo{}, err
		}
		before := tieName(tx, old)
		t.From, t.To = from, to
		t.UpdatedAt = s.c.stamp()
		if err := checkNoTwin(tx, t); err != nil {
			return store.StepInfo{}, err
		}
		return store.StepInfo{Name: "Move the tie " + before + " to " + tieName(tx, t)}, tx.PutTie(t)
	})
	if err != nil {
		return pln.Tie{}, err
	}
	return t, nil
}

// checkNoTwin refuses a tie that repeats another one: the same two nodes,
// the same relation (case-insensitively) and the same direction (or both
// mutual). Ties that differ in any of these may coexist (Ada both "knows"
// and "works with" Grace). conflict naming both ends.
func checkNoTwin(tx *store.Tx, t pln.Tie) error {
	others, err := tx.TiesOf(t.From)
	if err != nil {
		return err
	}
	for _, o := range others {
		if o.ID == t.ID || !strings.EqualFold(o.Relation, t.Relation) || o.Directed != t.Directed {
			continue
		}
		same := o.From == t.From && o.To == t.To
		if !t.Directed {
			same = same || (o.From == t.To && o.To == t.From)
		}
		if !same {
			continue
		}
		a, errA := tx.GetNode(t.From)
		b, errB := tx.GetNode(t.To)
		if errA != nil || errB != nil {
			return pln.Conflict("These two nodes are already tied as %q.", o.Relation)
		}
		return pln.Conflict("%s and %s are already tied as %q; edit that tie instead.", a.Label, b.Label, o.Relation)
	}
	return nil
}

// UpdateTie replaces tie id's relation, direction, strength and note with
// f's (f.From and f.To are ignored) and returns the tie. One undoable step;
// emits network:changed "update".
func (s *NetworkService) UpdateTie(id string, f pln.TieFields) (t pln.Tie, err error) {
	_, err = s.c.write("NetworkService.UpdateTie", reasons{network: pln.ReasonUpdate}, func(tx *store.Tx) (store.StepInfo, error) {
		if err := pln.CheckID("tie", id); err != nil {
			return store.StepInfo{}, err
		}
		old, err := tx.GetTie(id)
		if err != nil {
			return store.StepInfo{}, err
		}
		g := f
		g.From, g.To = old.From, old.To
		if err := g.Normalize(); err != nil {
			return store.StepInfo{}, err
		}
		old.Relation, old.Directed, old.Strength, old.Note = g.Relation, g.Directed, g.Strength, g.Note
		old.UpdatedAt = s.c.stamp()
		t = old
		if err := checkNoTwin(tx, t); err != nil {
			return store.StepInfo{}, err
		}
		return store.StepInfo{Name: "Edit the tie " + tieName(tx, t)}, tx.PutTie(t)
	})
	if err != nil {
		return pln.Tie{}, err
	}
	return t, nil
}

// DeleteTie deletes tie id (not_found when missing). One undoable step;
// emits network:changed "delete".
func (s *NetworkService) DeleteTie(id string) (err error) {
	_, err = s.c.write("NetworkService.DeleteTie", reasons{network: pln.ReasonDelete}, func(tx *store.Tx) (store.StepInfo, error) {
		if err := pln.CheckID("tie", id); err != nil {
			return store.StepInfo{}, err
		}
		t, err := tx.GetTie(id)
		if err != nil {
			return store.StepInfo{}, err
		}
		name := "Delete the tie " + tieName(tx, t)
		return store.StepInfo{Name: name}, tx.DeleteTie(id)
	})
	return err
}

// tieName is "“Ada” → “Grace” (knows)" for step names.
func tieName(tx *store.Tx, t pln.Tie) string {
	label := func(id string) string {
		if n, err := tx.GetNode(id); err == nil {
			return quote(n.Label)
		}
		return "a node"
	}
	arrow := " — "
	if t.Directed {
		arrow = " → "
	}
	return label(t.From) + arrow + label(t.To) + " (" + t.Relation + ")"
}

// MaxPositions is how many positions one SetPositions call may carry
// (a layout stop of the largest network Plexus is built for, with room).
// Up to store.StagedAbove they are one transaction; more are one staged
// step (store.SetPositionsStaged), still one undo step.
const MaxPositions = 100_000

// SetPositions moves and/or pins/unpins many nodes in one transaction (drag
// end, layout stop, unpin) and one undoable step ("Move “Ada”", "Move 12
// nodes", "Pin …", "Unpin …"). Each position must name an existing node and
// be finite within ±pln.MaxCoordinate; otherwise nothing changes. An empty
// slice, or one that changes nothing, does nothing. Emits network:changed
// "move" with the node ids.
func (s *NetworkService) SetPositions(ps []pln.Position) (err error) {
	if len(ps) == 0 {
		return nil
	}
	if len(ps) > MaxPositions {
		return pln.TooLarge("%d positions in one call; the limit is %d.", len(ps), MaxPositions)
	}
	for _, p := range ps {
		if err := pln.CheckPosition(p); err != nil {
			return err
		}
	}
	if len(ps) > store.StagedAbove {
		return s.setPositionsStaged(ps)
	}
	_, err = s.c.write("NetworkService.SetPositions", reasons{network: pln.ReasonMove}, func(tx *store.Tx) (store.StepInfo, error) {
		moved, pins, err := tx.SetPositionsChanged(ps)
		if err != nil {
			return store.StepInfo{}, err
		}
		return store.StepInfo{Name: moveName(tx, moved, pins)}, nil
	})
	return err
}

// setPositionsStaged saves more positions than one transaction holds as
// one staged step, with every other gesture held off until it is applied.
func (s *NetworkService) setPositionsStaged(ps []pln.Position) (err error) {
	defer recoverInto(s.c.log, "NetworkService.SetPositions", &err)
	s.c.gate.Lock()
	defer s.c.gate.Unlock()
	seen := make(map[string]bool, len(ps))
	for _, p := range ps {
		seen[p.ID] = true
	}
	st, err := s.c.st.SetPositionsStaged(ps, "Move "+strconv.Itoa(len(seen))+" nodes")
	if err != nil {
		return err
	}
	s.c.emitStep(st, reasons{network: pln.ReasonMove})
	return nil
}

// moveName names a positions step: the one node's label, or a count.
func moveName(tx *store.Tx, moved []store.Moved, pins int) string {
	if len(moved) == 0 {
		return "Move nothing"
	}
	verb := "Move "
	if pins == len(moved) { // only the pinned flag changed
		verb = "Unpin "
		if moved[0].Pinned {
			verb = "Pin "
		}
	}
	if len(moved) == 1 {
		if n, err := tx.GetNode(moved[0].ID); err == nil {
			return verb + quote(n.Label)
		}
	}
	return verb + strconv.Itoa(len(moved)) + " nodes"
}

// quote puts a label in curly quotes for step names, cut to 60 characters.
func quote(label string) string {
	return "“" + truncateRunes(label, 60) + "”"
}

// plural is "1 source" / "5 sources".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// countSuffix is " and 1 tie" / " and 3 ties" / "" for 0.
func countSuffix(n int, one, many string) string {
	switch n {
	case 0:
		return ""
	case 1:
		return " and 1 " + one
	}
	return " and " + strconv.Itoa(n) + " " + many
}

// Network returns the whole network (every visible node, the ego included,
// and every tie) read in one transaction.
func (s *NetworkService) Network() (nw Network, err error) {
	defer recoverInto(s.c.log, "NetworkService.Network", &err)
	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	err = s.c.st.View(func(tx *store.Tx) error {
		var err error
		nw, err = readNetwork(tx)
		return err
	})
	return nw, err
}

// networkBody is GET /api/network's body: Columnar of the whole network
// as JSON, served from the network cache (netcache.go), which reads from
// the store only what changed since the last request. The bytes are
// shared: do not modify them. Unexported: the UI reads it over HTTP.
func (s *NetworkService) networkBody() (b []byte, err error) {
	defer recoverInto(s.c.log, "NetworkService.networkBody", &err)
	return s.c.networkBody()
}

// subset reads the nodes nodeIDs and the ties tieIDs (canonical ids,
// checked by the caller) by point lookups in one transaction and returns
// them in columnar form: the requested nodes that exist (in request order,
// each once), then the ends of the returned ties not already included; the
// ties that exist; and in Missing the requested ids that do not exist.
// It backs GET /api/network?node=…&tie=…, which the UI uses to patch its
// mirror after a network:changed that names ids.
//
// Unexported on purpose: Wails binds every exported method of a bound
// service, and the UI reads the network over HTTP.
func (s *NetworkService) subset(nodeIDs, tieIDs []string) (c ColumnarNetwork, err error) {
	defer recoverInto(s.c.log, "NetworkService.subset", &err)
	nw := Network{Nodes: []pln.Node{}, Ties: []pln.Tie{}}
	missing := &Missing{Nodes: []string{}, Ties: []string{}}
	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	err = s.c.st.View(func(tx *store.Tx) error {
		ego, ok, err := tx.Ego()
		if err != nil {
			return err
		}
		if ok {
			nw.Ego = ego.ID
		}
		have := make(map[string]bool, len(nodeIDs))
		// node returns node id, read once; false when it does not exist.
		node := func(id string) (bool, error) {
			if have[id] {
				return true, nil
			}
			n, err := tx.GetNode(id)
			if pln.CodeOf(err) == pln.CodeNotFound {
				return false, nil
			}
			if err != nil {
				return false, err
			}
			have[id] = true
			nw.Nodes = append(nw.Nodes, n)
			return true, nil
		}
		gone := map[string]bool{}
		for _, id := range nodeIDs {
			if have[id] || gone[id] {
				continue
			}
			ok, err := node(id)
			if err != nil {
				return err
			}
			if !ok {
				gone[id] = true
				missing.Nodes = append(missing.Nodes, id)
			}
		}
		seen := make(map[string]bool, len(tieIDs))
		for _, id := range tieIDs {
			if seen[id] {
				continue
			}
			seen[id] = true
			t, err := tx.GetTie(id)
			if pln.CodeOf(err) == pln.CodeNotFound {
				missing.Ties = append(missing.Ties, id)
				continue
			}
			if err != nil {
				return err
			}
			okFrom, err := node(t.From)
			if err != nil {
				return err
			}
			okTo, err := node(t.To)
			if err != nil {
				return err
			}
			if !okFrom || !okTo { // a visible tie always has visible ends; never send a dangling one
				missing.Ties = append(missing.Ties, id)
				continue
			}
			nw.Ties = append(nw.Ties, t)
		}
		return nil
	})
	if err != nil {
		return ColumnarNetwork{}, err
	}
	c = Columnar(nw)
	c.Partial, c.Missing = true, missing
	return c, nil
}

func readNetwork(tx *store.Tx) (Network, error) {
	var nw Network
	ego, ok, err := tx.Ego()
	if err != nil {
		return nw, err
	}
	if ok {
		nw.Ego = ego.ID
	}
	if nw.Nodes, err = tx.ListNodes(); err != nil {
		return nw, err
	}
	if nw.Ties, err = tx.ListTies(); err != nil {
		return nw, err
	}
	if nw.Nodes == nil {
		nw.Nodes = []pln.Node{}
	}
	if nw.Ties == nil {
		nw.Ties = []pln.Tie{}
	}
	return nw, nil
}
