package store

import (
	"slices"
	"strings"

	"github.com/plexus-pln/plexus/backend/pln"
)

// Saved views (pln.View) are records under tagView, one per view, logged
// like nodes: saving, renaming or deleting one is an undoable step
// (docs/decisions/saved-views.md). No index keys: a network has at most
// pln.MaxViews of them, read whole.

// Views returns every saved view, by name (case-insensitively, then as
// written).
func (tx *Tx) Views() ([]pln.View, error) {
	var out []pln.View
	err := scanRecords(tx, []byte{tagView}, func(v pln.View) error {
		out = append(out, v)
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b pln.View) int {
		if c := strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out, nil
}

// SavedView returns saved view id; ok false when there is none (a malformed id
// is simply not found).
func (tx *Tx) SavedView(id string) (v pln.View, ok bool, err error) {
	b, err := idBytes("view", id)
	if err != nil {
		return pln.View{}, false, nil
	}
	ok, err = tx.getRecord(recordKey(tagView, b), &v)
	return v, ok, err
}

// PutView stores v under its id, replacing the view it had. Call it inside
// Store.Commit: the change is logged, so undo takes it back. The caller
// validates (pln.NormalizeViewName, pln.NormalizeViewState).
func (tx *Tx) PutView(v pln.View) error {
	b, err := idBytes("view", v.ID)
	if err != nil {
		return err
	}
	return tx.putRecord(recordKey(tagView, b), v)
}

// DeleteView removes saved view id (none there is no error).
func (tx *Tx) DeleteView(id string) error {
	b, err := idBytes("view", id)
	if err != nil {
		return err
	}
	return tx.del(recordKey(tagView, b))
}

// LoadViews writes views into a store that holds none (after Load, for a
// restore): not logged — a restore starts a new history. Each view is
// checked (pln.View.Normalize) and names must be unique case-insensitively.
func (s *Store) LoadViews(views []pln.View) error {
	if len(views) > pln.MaxViews {
		return pln.TooLarge("%d saved views; the limit is %d.", len(views), pln.MaxViews)
	}
	names := map[string]bool{}
	return s.Update(func(tx *Tx) error {
		for _, v := range views {
			if err := v.Normalize(); err != nil {
				return err
			}
			if names[strings.ToLower(v.Name)] {
				return pln.Invalid("Two saved views are named %q.", v.Name)
			}
			names[strings.ToLower(v.Name)] = true
			if err := tx.PutView(v); err != nil {
				return err
			}
		}
		return nil
	})
}
