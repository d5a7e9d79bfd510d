package service

import (
	"fmt"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// ViewService keeps the saved views of the map (pln.View): named sets of
// filters, encodings, focus and camera (docs/decisions/saved-views.md).
// Every write goes through the one commit path: one undoable step, then
// views:changed with the whole list and history:changed.
type ViewService struct {
	c *core
}

// Views returns every saved view, by name.
func (s *ViewService) Views() (vs []pln.View, err error) {
	defer recoverInto(s.c.log, "ViewService.Views", &err)
	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	err = s.c.st.View(func(tx *store.Tx) error {
		vs, err = tx.Views()
		return err
	})
	if vs == nil {
		vs = []pln.View{}
	}
	return vs, err
}

// SaveView saves state under name: it replaces the view of that name
// (case-insensitively; the new spelling wins) or adds one. invalid for a
// bad name or state (pln.NormalizeViewName, NormalizeViewState), too_large
// past pln.MaxViews views. One undoable step: "Save the view “…”".
func (s *ViewService) SaveView(name string, state pln.ViewState) (v pln.View, err error) {
	name, err = pln.NormalizeViewName(name)
	if err != nil {
		return pln.View{}, err
	}
	if state, err = pln.NormalizeViewState(state); err != nil {
		return pln.View{}, err
	}
	_, err = s.c.write("ViewService.SaveView", reasons{}, func(tx *store.Tx) (store.StepInfo, error) {
		all, err := tx.Views()
		if err != nil {
			return store.StepInfo{}, err
		}
		now := s.c.stamp()
		v = pln.View{ID: pln.NewID(), Name: name, State: state, CreatedAt: now, UpdatedAt: now}
		replacing := false
		for _, o := range all {
			if pln.SameViewName(o.Name, name) {
				v.ID, v.CreatedAt, replacing = o.ID, o.CreatedAt, true
			}
		}
		if !replacing && len(all) >= pln.MaxViews {
			return store.StepInfo{}, pln.TooLarge("There are %d saved views, the most Plexus keeps; delete one first.", len(all))
		}
		return store.StepInfo{Name: fmt.Sprintf("Save the view “%s”", name)}, tx.PutView(v)
	})
	if err != nil {
		return pln.View{}, err
	}
	return v, nil
}

// RenameView renames view id. not_found when there is none; conflict when
// another view has that name. One undoable step.
func (s *ViewService) RenameView(id, name string) (v pln.View, err error) {
	name, err = pln.NormalizeViewName(name)
	if err != nil {
		return pln.View{}, err
	}
	_, err = s.c.write("ViewService.RenameView", reasons{}, func(tx *store.Tx) (store.StepInfo, error) {
		all, err := tx.Views()
		if err != nil {
			return store.StepInfo{}, err
		}
		found := false
		for _, o := range all {
			switch {
			case o.ID == id:
				v, found = o, true
			case pln.SameViewName(o.Name, name):
				return store.StepInfo{}, pln.Conflict("Another saved view is already named “%s”.", o.Name)
			}
		}
		if !found {
			return store.StepInfo{}, pln.NotFound("There is no saved view %s.", id)
		}
		old := v.Name
		v.Name, v.UpdatedAt = name, s.c.stamp()
		return store.StepInfo{Name: fmt.Sprintf("Rename the view “%s” to “%s”", old, name)}, tx.PutView(v)
	})
	if err != nil {
		return pln.View{}, err
	}
	return v, nil
}

// DeleteView deletes view id. not_found when there is none. One undoable
// step.
func (s *ViewService) DeleteView(id string) (err error) {
	_, err = s.c.write("ViewService.DeleteView", reasons{}, func(tx *store.Tx) (store.StepInfo, error) {
		v, ok, err := tx.SavedView(id)
		if err != nil {
			return store.StepInfo{}, err
		}
		if !ok {
			return store.StepInfo{}, pln.NotFound("There is no saved view %s.", id)
		}
		return store.StepInfo{Name: fmt.Sprintf("Delete the view “%s”", v.Name)}, tx.DeleteView(id)
	})
	return err
}

// emitViews sends views:changed with every saved view.
func (c *core) emitViews() {
	var vs []pln.View
	if err := c.st.View(func(tx *store.Tx) (err error) { vs, err = tx.Views(); return err }); err != nil {
		c.log.Warn("reading the saved views for views:changed failed", "err", err)
		return
	}
	if vs == nil {
		vs = []pln.View{}
	}
	c.emit(pln.EventViewsChanged, vs)
}
