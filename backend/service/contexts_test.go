package service

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/plexus-pln/plexus/backend/pln"
)

func contextNames(l ContextList) string {
	var out []string
	for _, c := range l.Contexts {
		out = append(out, c.Name)
	}
	return strings.Join(out, ",")
}

func nodeContexts(t *testing.T, e *env, id string) string {
	t.Helper()
	n := must[pln.Node](t)(e.svc.Network.GetNode(id))
	return strings.Join(n.Contexts, ",")
}

func TestContextListDefaultsAndAdd(t *testing.T) {
	e := newEnv(t)
	l := must[ContextList](t)(e.svc.Network.Contexts())
	if contextNames(l) != "work,school,home" || len(l.Unlisted) != 0 {
		t.Fatalf("defaults = %+v", l)
	}
	e.rec.take()
	l = must[ContextList](t)(e.svc.Network.AddContext("  conférence "))
	if contextNames(l) != "work,school,home,conférence" {
		t.Fatalf("after add = %s", contextNames(l))
	}
	ev := e.rec.named(pln.EventSettingsChanged)
	if len(ev) != 1 {
		t.Fatalf("settings:changed = %+v", ev)
	}
	if set := ev[0].payload.(pln.Settings); set.Contexts == nil || len(*set.Contexts) != 4 || set.QuietPeriodDays != pln.DefaultQuietPeriodDays {
		t.Fatalf("settings:changed payload = %+v", set)
	}
	u := must[pln.HistoryStep](t)(e.svc.History.Undo())
	if !strings.Contains(u.Name, "Add the context") || contextNames(must[ContextList](t)(e.svc.Network.Contexts())) != "work,school,home" {
		t.Fatalf("undo %q", u.Name)
	}
	must[pln.HistoryStep](t)(e.svc.History.Redo())
	if got := contextNames(must[ContextList](t)(e.svc.Network.Contexts())); got != "work,school,home,conférence" {
		t.Fatalf("redo = %s", got)
	}
}

func TestRenameContextOnEveryNodeIsOneStep(t *testing.T) {
	e := newEnv(t)
	a := must[pln.Node](t)(e.svc.Network.CreateNode(pln.NodeFields{Label: "A", Kind: pln.KindPerson, Contexts: []string{"School", "home"}}, 0, 0))
	b := must[pln.Node](t)(e.svc.Network.CreateNode(pln.NodeFields{Label: "B", Kind: pln.KindPerson, Contexts: []string{"school", "university"}}, 0, 0))
	c := must[pln.Node](t)(e.svc.Network.CreateNode(pln.NodeFields{Label: "C", Kind: pln.KindPerson, Contexts: []string{"work"}}, 0, 0))
	e.rec.take()
	l := must[ContextList](t)(e.svc.Network.RenameContext("SCHOOL", "university"))
	if contextNames(l) != "work,university,home" || l.Contexts[1].Nodes != 2 {
		t.Fatalf("list after rename = %+v", l)
	}
	if nodeContexts(t, e, a.ID) != "university,home" || nodeContexts(t, e, b.ID) != "university" || nodeContexts(t, e, c.ID) != "work" {
		t.Fatalf("nodes: %s | %s | %s", nodeContexts(t, e, a.ID), nodeContexts(t, e, b.ID), nodeContexts(t, e, c.ID))
	}
	if nc := e.rec.named(pln.EventNetworkChanged); len(nc) != 1 || len(nc[0].payload.(pln.NetworkChanged).NodeIDs) != 2 {
		t.Fatalf("network:changed = %+v", nc)
	}
	// One step takes all of it back.
	u := must[pln.HistoryStep](t)(e.svc.History.Undo())
	if u.Name != "Undo: Rename the context “school” to “university” on 2 nodes" {
		t.Fatalf("step name %q", u.Name)
	}
	if nodeContexts(t, e, a.ID) != "School,home" || nodeContexts(t, e, b.ID) != "school,university" ||
		contextNames(must[ContextList](t)(e.svc.Network.Contexts())) != "work,school,home" {
		t.Fatal("undo did not take the whole rename back")
	}
	must[pln.HistoryStep](t)(e.svc.History.Redo())
	if nodeContexts(t, e, a.ID) != "university,home" {
		t.Fatal("redo")
	}
	// Case only is allowed; onto another listed one is not.
	must[ContextList](t)(e.svc.Network.RenameContext("work", "Work"))
	_, err := e.svc.Network.RenameContext("Work", "HOME")
	wantCode(t, err, pln.CodeInvalid)
	_, err = e.svc.Network.RenameContext("nope", "x")
	wantCode(t, err, pln.CodeNotFound)
	if nodeContexts(t, e, c.ID) != "Work" {
		t.Fatalf("c = %s", nodeContexts(t, e, c.ID))
	}
}

func TestDeleteContextNeedsForceWhenUsed(t *testing.T) {
	e := newEnv(t)
	a := must[pln.Node](t)(e.svc.Network.CreateNode(pln.NodeFields{Label: "A", Kind: pln.KindPerson, Contexts: []string{"home", "work"}}, 0, 0))
	must[ContextList](t)(e.svc.Network.DeleteContext("school", false)) // unused: no force needed
	steps := undoID(t, e)
	_, err := e.svc.Network.DeleteContext("Home", false)
	wantCode(t, err, pln.CodeConflict)
	if err == nil || !strings.Contains(err.Error(), "1 node") {
		t.Fatalf("error does not name the count: %v", err)
	}
	if got := undoID(t, e); got != steps || nodeContexts(t, e, a.ID) != "home,work" {
		t.Fatalf("a refused delete changed something: %s", got)
	}
	l := must[ContextList](t)(e.svc.Network.DeleteContext("Home", true))
	if contextNames(l) != "work" || nodeContexts(t, e, a.ID) != "work" {
		t.Fatalf("forced delete: %s, node %s", contextNames(l), nodeContexts(t, e, a.ID))
	}
	u := must[pln.HistoryStep](t)(e.svc.History.Undo())
	if u.Name != "Undo: Delete the context “home” from 1 node" || nodeContexts(t, e, a.ID) != "home,work" ||
		contextNames(must[ContextList](t)(e.svc.Network.Contexts())) != "work,home" {
		t.Fatalf("undo %q", u.Name)
	}
	// Emptying the list keeps it empty (not the defaults).
	must[ContextList](t)(e.svc.Network.DeleteContext("work", true))
	must[ContextList](t)(e.svc.Network.DeleteContext("home", true))
	if l := must[ContextList](t)(e.svc.Network.Contexts()); len(l.Contexts) != 0 {
		t.Fatalf("emptied list reads %s", contextNames(l))
	}
	_, err = e.svc.Network.DeleteContext("work", true)
	wantCode(t, err, pln.CodeNotFound)
}

func TestContextRefusalsChangeNothing(t *testing.T) {
	e := newEnv(t)
	before := undoID(t, e)
	for _, name := range []string{"", "   ", "\u200b", "a\nb", strings.Repeat("x", pln.MaxTagLen+1), "WORK"} {
		if _, err := e.svc.Network.AddContext(name); err == nil {
			t.Errorf("add %q accepted", name)
		}
	}
	if _, err := e.svc.Network.RenameContext("work", " "); err == nil {
		t.Error("rename to blank accepted")
	}
	for _, order := range [][]string{{"work", "school"}, {"work", "school", "work"}, {"work", "school", "x"}} {
		_, err := e.svc.Network.ReorderContexts(order)
		wantCode(t, err, pln.CodeInvalid)
	}
	if got := undoID(t, e); got != before {
		t.Fatal("a refusal logged a step")
	}
	if got := contextNames(must[ContextList](t)(e.svc.Network.Contexts())); got != "work,school,home" {
		t.Fatalf("list = %s", got)
	}
	l := must[ContextList](t)(e.svc.Network.ReorderContexts([]string{"HOME", "work", "school"}))
	if contextNames(l) != "home,work,school" {
		t.Fatalf("reorder = %s", contextNames(l))
	}
	for i := len(l.Contexts); i < pln.MaxContexts; i++ {
		must[ContextList](t)(e.svc.Network.AddContext("c" + strings.Repeat("x", i)))
	}
	_, err := e.svc.Network.AddContext("one more")
	wantCode(t, err, pln.CodeTooLarge)
}

func TestUnlistedContextsAndAdopt(t *testing.T) {
	e := newEnv(t)
	must[pln.Node](t)(e.svc.Network.CreateNode(pln.NodeFields{Label: "A", Kind: pln.KindPerson, Contexts: []string{"Gym", "work"}}, 0, 0))
	must[pln.Node](t)(e.svc.Network.CreateNode(pln.NodeFields{Label: "B", Kind: pln.KindPerson, Contexts: []string{"gym"}}, 0, 0))
	l := must[ContextList](t)(e.svc.Network.Contexts())
	if len(l.Unlisted) != 1 || l.Unlisted[0].Name != "Gym" || l.Unlisted[0].Nodes != 2 || l.Contexts[0].Nodes != 1 {
		t.Fatalf("unlisted = %+v, listed %+v", l.Unlisted, l.Contexts)
	}
	l = must[ContextList](t)(e.svc.Network.AddContext("Gym"))
	if len(l.Unlisted) != 0 || l.Contexts[3].Nodes != 2 {
		t.Fatalf("adopt = %+v", l)
	}
}

func TestContextListTravelsInTheBackup(t *testing.T) {
	src := newEnv(t)
	must[ContextList](t)(src.svc.Network.AddContext("conference"))
	must[ContextList](t)(src.svc.Network.DeleteContext("school", true))
	path := filepath.Join(t.TempDir(), "b.json")
	noErr(t, src.svc.Backup.ExportBackup(path))
	dst := newEnv(t)
	noErr(t, dst.svc.Backup.RestoreBackup(path, true))
	if got := contextNames(must[ContextList](t)(dst.svc.Network.Contexts())); got != "work,home,conference" {
		t.Fatalf("after restore = %s", got)
	}
	must[ContextList](t)(dst.svc.Network.AddContext("kept"))
	data, err := os.ReadFile(path)
	noErr(t, err)
	bad := strings.Replace(string(data), `"conference"`, `"work"`, 1)
	if bad == string(data) {
		t.Fatal("the backup holds no context list")
	}
	badPath := filepath.Join(t.TempDir(), "bad.json")
	noErr(t, os.WriteFile(badPath, []byte(bad), 0o600))
	err = dst.svc.Backup.RestoreBackup(badPath, true)
	wantCode(t, err, pln.CodeInvalid)
	if err == nil || !strings.Contains(err.Error(), "context list") || !strings.Contains(err.Error(), `"work" twice`) {
		t.Fatalf("error does not name the list: %v", err)
	}
	if got := contextNames(must[ContextList](t)(dst.svc.Network.Contexts())); got != "work,home,conference,kept" {
		t.Fatalf("a refused restore changed the list: %s", got)
	}
}

// undoID is the id of the step undo would take now ("" when none).
func undoID(t *testing.T, e *env) string {
	t.Helper()
	h := must[pln.HistoryChanged](t)(e.svc.History.State())
	if h.Undo == nil {
		return ""
	}
	return h.Undo.ID
}

// A saved view that hides a context follows its rename and its deletion,
// in the same step (the tester's find: a view kept hiding "home" after it
// was renamed, so it hid nothing).
func TestSavedViewsFollowContextRenameAndDelete(t *testing.T) {
	e := newEnv(t)
	must[pln.Node](t)(e.svc.Network.CreateNode(pln.NodeFields{Label: "A", Kind: pln.KindPerson, Contexts: []string{"home"}}, 0, 0))
	st := pln.ViewState{Hidden: map[string][]string{"context": {"Home", "work"}, "kind": {"source"}}, Color: "kind", Size: "strength"}
	v := must[pln.View](t)(e.svc.Views.SaveView("Not at home", st))
	hidden := func() []string {
		t.Helper()
		for _, x := range must[[]pln.View](t)(e.svc.Views.Views()) {
			if x.ID == v.ID {
				return x.State.Hidden["context"]
			}
		}
		t.Fatal("view gone")
		return nil
	}
	must[ContextList](t)(e.svc.Network.RenameContext("home", "house"))
	if got := strings.Join(hidden(), ","); got != "house,work" {
		t.Fatalf("after rename the view hides %q", got)
	}
	must[pln.HistoryStep](t)(e.svc.History.Undo())
	if got := strings.Join(hidden(), ","); got != "Home,work" {
		t.Fatalf("after undo the view hides %q", got)
	}
	must[pln.HistoryStep](t)(e.svc.History.Redo())
	must[ContextList](t)(e.svc.Network.DeleteContext("house", true))
	if got := strings.Join(hidden(), ","); got != "work" {
		t.Fatalf("after delete the view hides %q", got)
	}
	must[ContextList](t)(e.svc.Network.DeleteContext("work", true))
	for _, x := range must[[]pln.View](t)(e.svc.Views.Views()) {
		if _, ok := x.State.Hidden["context"]; ok || len(x.State.Hidden["kind"]) != 1 {
			t.Fatalf("after deleting the last hidden context: %+v", x.State.Hidden)
		}
	}
}

func TestContextWithACommaRefused(t *testing.T) {
	e := newEnv(t)
	_, err := e.svc.Network.AddContext("a,b")
	if pln.CodeOf(err) != pln.CodeInvalid || !strings.Contains(err.Error(), "comma") {
		t.Fatalf("add a,b: %v", err)
	}
	if _, err := e.svc.Network.RenameContext("work", "work, play"); pln.CodeOf(err) != pln.CodeInvalid {
		t.Fatalf("rename to a comma: %v", err)
	}
	if got := contextNames(must[ContextList](t)(e.svc.Network.Contexts())); got != "work,school,home" {
		t.Fatalf("list changed: %s", got)
	}
}
