package service

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// ContextUse is one context with the number of nodes that carry it.
type ContextUse struct {
	// Name is the context as listed (or, for an unlisted one, as the first
	// node in id order spells it).
	Name string `json:"name"`
	// Nodes is how many nodes (the ego included) carry it, case aside.
	Nodes int `json:"nodes"`
}

// ContextList is the user's context list and the contexts nodes use that
// are not in it (docs/decisions/contexts.md).
type ContextList struct {
	// Contexts is the list in the user's order (the order the node panel
	// offers them and the legend colours them).
	Contexts []ContextUse `json:"contexts"`
	// Unlisted are contexts some node carries that the list lacks (typed
	// freely, imported, or left by a delete undone elsewhere), by name;
	// AddContext adopts one.
	Unlisted []ContextUse `json:"unlisted"`
}

// Contexts returns the context list with each context's node count, and the
// contexts nodes carry outside it.
func (s *NetworkService) Contexts() (out ContextList, err error) {
	defer recoverInto(s.c.log, "NetworkService.Contexts", &err)
	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	err = s.c.st.View(func(tx *store.Tx) error {
		out, err = readContexts(tx)
		return err
	})
	return out, err
}

func readContexts(tx *store.Tx) (ContextList, error) {
	set, err := tx.Settings()
	if err != nil {
		return ContextList{}, err
	}
	nodes, err := tx.ListNodes()
	if err != nil {
		return ContextList{}, err
	}
	counts, spelling := map[string]int{}, map[string]string{}
	for _, n := range nodes {
		for _, c := range n.Contexts {
			k := pln.ContextKey(c)
			if _, ok := spelling[k]; !ok {
				spelling[k] = pln.TrimTag(c)
			}
			counts[k]++
		}
	}
	out := ContextList{Contexts: []ContextUse{}, Unlisted: []ContextUse{}}
	listed := map[string]bool{}
	for _, c := range set.ContextList() {
		k := pln.ContextKey(c)
		listed[k] = true
		out.Contexts = append(out.Contexts, ContextUse{Name: c, Nodes: counts[k]})
	}
	for k, n := range counts {
		if !listed[k] {
			out.Unlisted = append(out.Unlisted, ContextUse{Name: spelling[k], Nodes: n})
		}
	}
	sort.Slice(out.Unlisted, func(i, j int) bool {
		a, b := strings.ToLower(out.Unlisted[i].Name), strings.ToLower(out.Unlisted[j].Name)
		return a < b || a == b && out.Unlisted[i].Name < out.Unlisted[j].Name
	})
	return out, nil
}

// AddContext appends name (normalised by pln.NormalizeContext) to the
// context list: one undoable step ("Add the context “conference”"), emits
// settings:changed. Adding a context some node already carries adopts it.
// Errors: invalid (empty, control characters, already listed, case aside),
// too_large (longer than pln.MaxTagLen, or the list already holds
// pln.MaxContexts).
func (s *NetworkService) AddContext(name string) (out ContextList, err error) {
	n, err := pln.NormalizeContext(name)
	if err != nil {
		return ContextList{}, err
	}
	return s.contextStep("NetworkService.AddContext", func(tx *store.Tx, set pln.Settings, list []string) (store.StepInfo, error) {
		if i := indexContext(list, n); i >= 0 {
			return store.StepInfo{}, pln.Invalid("The context %s is already in the list.", quote(list[i]))
		}
		if len(list) >= pln.MaxContexts {
			return store.StepInfo{}, pln.TooLarge("The context list holds %d contexts, the most Plexus keeps; delete some first.", len(list))
		}
		return store.StepInfo{Name: "Add the context " + quote(n)}, tx.PutSettings(set.WithContexts(append(list, n)))
	})
}

// RenameContext renames the listed context old (matched case aside) to
// name, in the list and on every node that carries old, in one undoable
// step ("Rename the context “school” to “university” on 3 nodes"); emits
// settings:changed and network:changed "update" with those nodes. A node
// that already carries name keeps it once. A rename to a spelling of the
// same name (case) is allowed. Errors: not_found (old is not listed),
// invalid (name empty, or another listed context), too_large.
func (s *NetworkService) RenameContext(old, name string) (out ContextList, err error) {
	n, err := pln.NormalizeContext(name)
	if err != nil {
		return ContextList{}, err
	}
	return s.contextStep("NetworkService.RenameContext", func(tx *store.Tx, set pln.Settings, list []string) (store.StepInfo, error) {
		i := indexContext(list, old)
		if i < 0 {
			return store.StepInfo{}, pln.NotFound("The context %s is not in the list.", quote(pln.TrimTag(old)))
		}
		if j := indexContext(list, n); j >= 0 && j != i {
			return store.StepInfo{}, pln.Invalid("The context %s is already in the list.", quote(list[j]))
		}
		from := list[i]
		if from == n {
			return store.StepInfo{}, nil
		}
		list[i] = n
		touched, err := s.relabelNodes(tx, from, n)
		if err != nil {
			return store.StepInfo{}, err
		}
		if err := relabelViews(tx, from, n); err != nil {
			return store.StepInfo{}, err
		}
		step := "Rename the context " + quote(from) + " to " + quote(n)
		if touched > 0 {
			step += " on " + plural(touched, "node", "nodes")
		}
		return store.StepInfo{Name: step}, tx.PutSettings(set.WithContexts(list))
	})
}

// DeleteContext takes the listed context name (case aside) out of the list.
// When nodes carry it, force must be set, and then it is taken off those
// nodes too, in the same undoable step ("Delete the context “home” from 2
// nodes"); without force the error is conflict, naming the count, and
// nothing changes. Errors: not_found (not listed), conflict.
func (s *NetworkService) DeleteContext(name string, force bool) (out ContextList, err error) {
	return s.contextStep("NetworkService.DeleteContext", func(tx *store.Tx, set pln.Settings, list []string) (store.StepInfo, error) {
		i := indexContext(list, name)
		if i < 0 {
			return store.StepInfo{}, pln.NotFound("The context %s is not in the list.", quote(pln.TrimTag(name)))
		}
		from := list[i]
		if !force {
			used, err := countContext(tx, from)
			if err != nil {
				return store.StepInfo{}, err
			}
			if used > 0 {
				return store.StepInfo{}, pln.Conflict("The context %s is on %s; delete it from them too (force) or rename it.", quote(from), plural(used, "node", "nodes"))
			}
		}
		touched, err := s.relabelNodes(tx, from, "")
		if err != nil {
			return store.StepInfo{}, err
		}
		if err := relabelViews(tx, from, ""); err != nil {
			return store.StepInfo{}, err
		}
		step := "Delete the context " + quote(from)
		if touched > 0 {
			step += " from " + plural(touched, "node", "nodes")
		}
		return store.StepInfo{Name: step}, tx.PutSettings(set.WithContexts(slices.Delete(list, i, i+1)))
	})
}

// ReorderContexts sets the list's order: order must name every listed
// context once (case aside; the list's spelling is kept). One undoable step
// ("Reorder the contexts"); the same order changes nothing. Errors: invalid
// (a context missing, unknown or twice).
func (s *NetworkService) ReorderContexts(order []string) (out ContextList, err error) {
	return s.contextStep("NetworkService.ReorderContexts", func(tx *store.Tx, set pln.Settings, list []string) (store.StepInfo, error) {
		if len(order) != len(list) {
			return store.StepInfo{}, pln.Invalid("The new order has %d contexts; the list has %d.", len(order), len(list))
		}
		next := make([]string, 0, len(list))
		for _, c := range order {
			i := indexContext(list, c)
			if i < 0 {
				return store.StepInfo{}, pln.Invalid("The context %s is not in the list.", quote(pln.TrimTag(c)))
			}
			if slices.Contains(next, list[i]) {
				return store.StepInfo{}, pln.Invalid("The new order has %s twice.", quote(list[i]))
			}
			next = append(next, list[i])
		}
		if pln.SameContextOrder(next, list) {
			return store.StepInfo{}, nil
		}
		return store.StepInfo{Name: "Reorder the contexts"}, tx.PutSettings(set.WithContexts(next))
	})
}

// contextStep runs fn in one write (one change set, one undo step) with the
// stored settings and a copy of the context list, then reads the list back.
func (s *NetworkService) contextStep(where string, fn func(tx *store.Tx, set pln.Settings, list []string) (store.StepInfo, error)) (out ContextList, err error) {
	_, err = s.c.write(where, reasons{network: pln.ReasonUpdate}, func(tx *store.Tx) (store.StepInfo, error) {
		set, err := tx.Settings()
		if err != nil {
			return store.StepInfo{}, err
		}
		info, err := fn(tx, set, set.ContextList())
		if err != nil {
			return store.StepInfo{}, err
		}
		if out, err = readContexts(tx); err != nil {
			return store.StepInfo{}, err
		}
		return info, nil
	})
	if err != nil {
		return ContextList{}, err
	}
	return out, nil
}

// relabelViews makes saved views follow a renamed (to) or deleted (to "")
// context: a view that hid the context hides it under its new name, or no
// longer names it. In the caller's transaction, so in the same step.
func relabelViews(tx *store.Tx, from, to string) error {
	views, err := tx.Views()
	if err != nil {
		return err
	}
	k := pln.ContextKey(from)
	for _, v := range views {
		next, ok := relabeled(v.State.Hidden["context"], k, to)
		if !ok {
			continue
		}
		state := v.State
		state.Hidden = maps.Clone(state.Hidden)
		if len(next) == 0 {
			delete(state.Hidden, "context")
		} else {
			state.Hidden["context"] = next
		}
		if v.State, err = pln.NormalizeViewState(state); err != nil {
			return fmt.Errorf("view %s: %w", v.ID, err)
		}
		if err := tx.PutView(v); err != nil {
			return err
		}
	}
	return nil
}

// relabeled is list with every context whose key is k renamed to "to" (or
// left out when to is ""), each value once; ok false (and list as it was)
// when none has key k. "" ("not set", in a view's hidden values) never matches.
func relabeled(list []string, k, to string) (out []string, ok bool) {
	match := func(c string) bool { return c != "" && pln.ContextKey(c) == k }
	if !slices.ContainsFunc(list, match) {
		return list, false
	}
	out = make([]string, 0, len(list))
	for _, c := range list {
		if match(c) {
			if to == "" {
				continue
			}
			c = to
		}
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out, true
}

// indexContext is the index of name in list, case aside; -1 when absent.
func indexContext(list []string, name string) int {
	k := pln.ContextKey(name)
	return slices.IndexFunc(list, func(c string) bool { return pln.ContextKey(c) == k })
}

func countContext(tx *store.Tx, name string) (int, error) {
	nodes, err := tx.ListNodes()
	if err != nil {
		return 0, err
	}
	k, used := pln.ContextKey(name), 0
	for _, n := range nodes {
		if slices.ContainsFunc(n.Contexts, func(c string) bool { return pln.ContextKey(c) == k }) {
			used++
		}
	}
	return used, nil
}

// relabelNodes replaces context from (case aside) with to on every node that
// carries it, or takes it off when to is "", and returns how many nodes it
// changed. Each changed node's UpdatedAt is the step's time.
func (s *NetworkService) relabelNodes(tx *store.Tx, from, to string) (int, error) {
	nodes, err := tx.ListNodes()
	if err != nil {
		return 0, err
	}
	k, touched := pln.ContextKey(from), 0
	now := s.c.stamp()
	for _, n := range nodes {
		next, ok := relabeled(n.Contexts, k, to)
		if !ok {
			continue
		}
		prev := n
		if n.Contexts, err = pln.NormalizeTags("context", next); err != nil {
			return 0, fmt.Errorf("node %s: %w", n.ID, err)
		}
		n.UpdatedAt = now
		if !n.Ego {
			n.NoteCadence(prev, now)
		}
		if err := tx.PutNode(n); err != nil {
			return 0, err
		}
		touched++
	}
	return touched, nil
}
