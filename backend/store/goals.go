package store

import (
	"slices"

	"github.com/plexus-pln/plexus/backend/pln"
)

// Learning goals (pln.Goal): records under tagGoal (0x19), key
// tagGoal | goal id (17 bytes), value 0x01 + JSON of pln.Goal with
// nodeIds as written. No index keys: a data folder holds at most
// pln.MaxGoals goals, so "which goals does node n help" is one scan of the
// table (goalsLinking), done by the node-delete cascade. SCHEMA.md,
// "Records".

// getGoalRaw reads goal id as stored (nodeIds unfiltered).
func (tx *Tx) getGoalRaw(id [idLen]byte) (pln.Goal, bool, error) {
	var g pln.Goal
	ok, err := tx.getRecord(recordKey(tagGoal, id), &g)
	return g, ok, err
}

// visibleGoal filters g's NodeIDs to the visible nodes (those of a
// published import or none), as entries' links are filtered on read.
func (tx *Tx) visibleGoal(g pln.Goal) (pln.Goal, error) {
	if len(g.NodeIDs) == 0 {
		return g, nil
	}
	ids := make([]string, 0, len(g.NodeIDs))
	for _, s := range g.NodeIDs {
		b, err := idBytes("node", s)
		if err != nil {
			continue
		}
		ok, err := tx.nodeVisible(b)
		if err != nil {
			return pln.Goal{}, err
		}
		if ok {
			ids = append(ids, s)
		}
	}
	if len(ids) == 0 {
		ids = nil
	}
	g.NodeIDs = ids
	return g, nil
}

// GetGoal returns goal id with its visible helping nodes. Missing:
// pln.NotFound; a malformed id: pln.Invalid.
func (tx *Tx) GetGoal(id string) (pln.Goal, error) {
	b, err := idBytes("goal", id)
	if err != nil {
		return pln.Goal{}, err
	}
	g, ok, err := tx.getGoalRaw(b)
	if err != nil {
		return pln.Goal{}, err
	}
	if !ok {
		return pln.Goal{}, pln.NotFound("No goal with id %s; it may have been deleted.", id)
	}
	return tx.visibleGoal(g)
}

// ListGoals returns every goal in id (creation) order, each with its
// visible helping nodes.
func (tx *Tx) ListGoals() ([]pln.Goal, error) {
	out := []pln.Goal{}
	err := scanRecords(tx, []byte{tagGoal}, func(g pln.Goal) error {
		v, err := tx.visibleGoal(g)
		if err != nil {
			return err
		}
		out = append(out, v)
		return nil
	})
	return out, err
}

// CountGoals returns how many goals are stored (a key-only scan).
func (tx *Tx) CountGoals() (int, error) {
	n := 0
	err := tx.scanKeys([]byte{tagGoal}, func([]byte) error { n++; return nil })
	return n, err
}

// PutGoal writes goal g (created or replaced) as given; the caller has
// validated it (pln.GoalFields.Normalize, node ids checked against the
// store). Call it inside Store.Commit: the change is logged.
func (tx *Tx) PutGoal(g pln.Goal) error {
	b, err := idBytes("goal", g.ID)
	if err != nil {
		return err
	}
	return tx.putRecord(recordKey(tagGoal, b), g)
}

// DeleteGoal deletes goal id (its helping nodes are untouched). Missing:
// pln.NotFound.
func (tx *Tx) DeleteGoal(id string) error {
	b, err := idBytes("goal", id)
	if err != nil {
		return err
	}
	k := recordKey(tagGoal, b)
	if _, ok, err := tx.get(k); err != nil {
		return err
	} else if !ok {
		return pln.NotFound("No goal with id %s; it may have been deleted.", id)
	}
	return tx.del(k)
}

// goalsLinking returns the stored goals whose NodeIDs hold any of nodes.
// It scans the goal table, so call it before the transaction's other
// writes (see refsOf).
func (tx *Tx) goalsLinking(nodes map[string]bool) ([]pln.Goal, error) {
	var out []pln.Goal
	err := scanRecords(tx, []byte{tagGoal}, func(g pln.Goal) error {
		if slices.ContainsFunc(g.NodeIDs, func(id string) bool { return nodes[id] }) {
			out = append(out, g)
		}
		return nil
	})
	return out, err
}

// unlinkGoals writes goals without the node ids in nodes (the node-delete
// cascade; the goals' UpdatedAt is kept, as an unlinked entry's is).
func (tx *Tx) unlinkGoals(goals []pln.Goal, nodes map[string]bool) error {
	for _, g := range goals {
		g.NodeIDs = slices.DeleteFunc(slices.Clone(g.NodeIDs), func(id string) bool { return nodes[id] })
		if len(g.NodeIDs) == 0 {
			g.NodeIDs = nil
		}
		if err := tx.PutGoal(g); err != nil {
			return err
		}
	}
	return nil
}
