package store

import (
	"slices"
	"strings"

	"github.com/plexus-pln/plexus/backend/pln"
)

func (tx *Tx) getTieRaw(id [idLen]byte) (pln.Tie, bool, error) {
	var t pln.Tie
	ok, err := tx.getRecord(recordKey(tagTie, id), &t)
	return t, ok, err
}

// tieVisible: the tie's own import is visible and both ends are visible.
func (tx *Tx) tieVisible(t pln.Tie) (bool, error) {
	vis, err := tx.importVisible(t.ImportID)
	if err != nil || !vis {
		return false, err
	}
	for _, end := range []string{t.From, t.To} {
		b, err := idBytes("node", end)
		if err != nil {
			return false, nil
		}
		if vis, err := tx.nodeVisible(b); err != nil || !vis {
			return false, err
		}
	}
	return true, nil
}

// tieIndexKeys are the nil-valued index keys of t: out-tie, in-tie and
// (for an imported tie) by-import.
func tieIndexKeys(t pln.Tie) ([][]byte, error) {
	id, err := idBytes("tie", t.ID)
	if err != nil {
		return nil, err
	}
	from, err := idBytes("tie's from node", t.From)
	if err != nil {
		return nil, err
	}
	to, err := idBytes("tie's to node", t.To)
	if err != nil {
		return nil, err
	}
	ks := [][]byte{adjKey(tagOutTie, from, id), adjKey(tagInTie, to, id)}
	if t.ImportID != "" {
		imp, err := idBytes("import", t.ImportID)
		if err != nil {
			return nil, err
		}
		ks = append(ks, byImportKey(imp, tagTie, id))
	}
	return ks, nil
}

// GetTie returns the visible tie id. Missing or invisible: pln.NotFound.
func (tx *Tx) GetTie(id string) (pln.Tie, error) {
	b, err := idBytes("tie", id)
	if err != nil {
		return pln.Tie{}, err
	}
	t, ok, err := tx.getTieRaw(b)
	if err != nil {
		return pln.Tie{}, err
	}
	if ok {
		if ok, err = tx.tieVisible(t); err != nil {
			return pln.Tie{}, err
		}
	}
	if !ok {
		return pln.Tie{}, pln.NotFound("No tie with id %s.", id)
	}
	return t, nil
}

// PutTie inserts t or replaces the tie with t.ID, keeping the out-tie and
// in-tie adjacency keys (and by-import key) in step. Both ends must be
// visible nodes: otherwise pln.Invalid naming the missing end. Ids must be
// canonical UUIDs (pln.Invalid). PutTie does not check that the ends
// differ or are alters; the service does.
func (tx *Tx) PutTie(t pln.Tie) error {
	id, err := idBytes("tie", t.ID)
	if err != nil {
		return err
	}
	for _, end := range []struct{ name, id string }{{"from", t.From}, {"to", t.To}} {
		b, err := idBytes("tie's "+end.name+" node", end.id)
		if err != nil {
			return err
		}
		vis, err := tx.nodeVisible(b)
		if err != nil {
			return err
		}
		if !vis {
			return pln.Invalid("The tie's %s node %s does not exist.", end.name, end.id)
		}
	}
	old, found, err := tx.getTieRaw(id)
	if err != nil {
		return err
	}
	return tx.writeTie(id, old, found, t)
}

func (tx *Tx) writeTie(id [idLen]byte, old pln.Tie, found bool, t pln.Tie) error {
	if err := reindex(tx, tieIndexKeys, old, found, t); err != nil {
		return err
	}
	return tx.putRecord(recordKey(tagTie, id), t)
}

// DeleteTie deletes the visible tie id and its index keys. Missing or
// invisible: pln.NotFound.
func (tx *Tx) DeleteTie(id string) error {
	if _, err := tx.GetTie(id); err != nil {
		return err
	}
	b, _ := idBytes("tie", id)
	_, err := tx.deleteTieRaw(b)
	return err
}

// deleteTieRaw deletes tie id (any visibility) with its index keys.
func (tx *Tx) deleteTieRaw(id [idLen]byte) (bool, error) {
	t, ok, err := tx.getTieRaw(id)
	if err != nil || !ok {
		return false, err
	}
	have, err := tieIndexKeys(t)
	if err != nil {
		return false, err
	}
	if err := tx.replaceIndexKeys(have, nil); err != nil {
		return false, err
	}
	return true, tx.del(recordKey(tagTie, id))
}

// ListTies returns every visible tie (its record and both ends visible),
// in id (creation) order.
func (tx *Tx) ListTies() ([]pln.Tie, error) {
	if err := tx.primeNodeVisibility(); err != nil {
		return nil, err
	}
	var out []pln.Tie
	err := scanRecords(tx, []byte{tagTie}, func(t pln.Tie) error {
		vis, err := tx.tieVisible(t)
		if err == nil && vis {
			out = append(out, t)
		}
		return err
	})
	return out, err
}

// TiesOf returns the visible ties that have nodeID as an end (either
// direction), in id order, through the adjacency index. A missing or
// invisible node is pln.NotFound.
func (tx *Tx) TiesOf(nodeID string) ([]pln.Tie, error) {
	b, err := idBytes("node", nodeID)
	if err != nil {
		return nil, err
	}
	vis, err := tx.nodeVisible(b)
	if err != nil {
		return nil, err
	}
	if !vis {
		return nil, pln.NotFound("No node with id %s.", nodeID)
	}
	var ids [][idLen]byte
	seen := map[[idLen]byte]bool{}
	for _, tag := range []byte{tagOutTie, tagInTie} {
		err := tx.scanKeys(key([]byte{tag}, b[:]), func(k []byte) error {
			var t [idLen]byte
			copy(t[:], k[1+idLen:])
			if !seen[t] {
				seen[t] = true
				ids = append(ids, t)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	var out []pln.Tie
	for _, id := range ids {
		t, ok, err := tx.getTieRaw(id)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		if vis, err := tx.tieVisible(t); err != nil {
			return nil, err
		} else if vis {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(a, b pln.Tie) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}
