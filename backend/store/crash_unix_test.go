//go:build unix

package store

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
)

// Environment of the helper process.
const (
	envHelper = "PLEXUS_STORE_HELPER" // "node" or "import"
	envDir    = "PLEXUS_STORE_DIR"
	envID     = "PLEXUS_STORE_ID"
)

// TestHelperProcess is not a test: the crash tests run the test binary
// again with envHelper set, and this function is the child. It opens the
// store with SyncWrites on (the production setting), writes, says so on
// stdout, and waits to be killed.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(envHelper)
	if mode == "" {
		t.Skip("helper process for the crash tests")
	}
	s, err := Open(os.Getenv(envDir), Options{})
	if err != nil {
		fmt.Println("open failed:", err)
		os.Exit(2)
	}
	switch mode {
	case "node":
		n := node("survivor")
		n.ID = os.Getenv(envID)
		err = s.Update(func(tx *Tx) error { return tx.PutNode(n) })
	case "import":
		var imp pln.Import
		if imp, err = s.BeginImport("crash.opml", "opml"); err == nil {
			err = s.StageNodes(imp.ID, sourceNodes(1500))
		}
	case "bigmove-stage", "bigmove-apply", "bigundo-apply":
		StagedAbove = 100
		ps := bigMove(t, s)
		phase := "stage"
		if mode != "bigmove-stage" {
			phase = "apply"
		}
		kill := func(p string, chunk int) {
			if p == phase && chunk == 1 {
				fmt.Println("committed")
				select {} // until SIGKILL, half way through
			}
		}
		if mode == "bigundo-apply" {
			if _, err = s.SetPositionsStaged(ps, "Move"); err == nil {
				stagedHook = kill
				_, err = s.Undo()
			}
		} else {
			stagedHook = kill
			_, err = s.SetPositionsStaged(ps, "Move")
		}
		err = fmt.Errorf("the staged step finished: %v", err)
	}
	if err != nil {
		fmt.Println("write failed:", err)
		os.Exit(2)
	}
	fmt.Println("committed")
	select {} // until SIGKILL
}

// killAfterCommit runs the helper in mode against dir, waits for its
// "committed" line and kills it with SIGKILL.
func killAfterCommit(t *testing.T, mode, dir, id string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), envHelper+"="+mode, envDir+"="+dir, envID+"="+id)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line := make(chan string, 1)
	go func() {
		l, _ := bufio.NewReader(out).ReadString('\n')
		line <- strings.TrimSpace(l)
	}()
	select {
	case l := <-line:
		if l != "committed" {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			t.Fatalf("helper said %q", l)
		}
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		t.Fatal("helper did not commit in time")
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL on unix
		t.Fatal(err)
	}
	_ = cmd.Wait()
}

// TestConfirmedWriteSurvivesSIGKILL: a write Update confirmed is on disk
// even if the process dies at once, without Close.
func TestConfirmedWriteSurvivesSIGKILL(t *testing.T) {
	dir := t.TempDir()
	id := pln.NewID()
	killAfterCommit(t, "node", dir, id)
	s, err := Open(dir, Options{NoSync: true})
	if err != nil {
		t.Fatalf("reopen after SIGKILL: %v", err)
	}
	defer s.Close()
	err = s.View(func(tx *Tx) error {
		n, err := tx.GetNode(id)
		if err != nil {
			return err
		}
		if n.Label != "survivor" {
			t.Errorf("label %q", n.Label)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestKilledImportSweptOnOpen: an import staged but never published by a
// process that was killed leaves nothing behind after the next Open.
func TestKilledImportSweptOnOpen(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	handMade(t, s)
	before := dump(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	killAfterCommit(t, "import", dir, "")
	s, err = Open(dir, Options{NoSync: true})
	if err != nil {
		t.Fatalf("reopen after SIGKILL: %v", err)
	}
	defer s.Close()
	if after := dump(t, s); !reflect.DeepEqual(after, before) {
		t.Fatalf("leftovers of the killed import: %d keys before, %d after", len(before), len(after))
	}
}

// bigMove: a position for every node of the store, each moved to x = its
// index + 1, y = -1, pinned.
func bigMove(t *testing.T, s *Store) []pln.Position {
	var ps []pln.Position
	err := s.View(func(tx *Tx) error {
		ns, err := tx.ListNodes()
		for i, n := range ns {
			ps = append(ps, pln.Position{ID: n.ID, X: float64(i + 1), Y: -1, Pinned: true})
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

// positionsMoved counts the nodes at their bigMove positions and at 0,0.
func positionsMoved(t *testing.T, s *Store) (moved, home int) {
	t.Helper()
	err := s.View(func(tx *Tx) error {
		ns, err := tx.ListNodes()
		for _, n := range ns {
			switch {
			case n.X == 0 && n.Y == 0 && !n.Pinned:
				home++
			case n.X > 0 && n.Y == -1 && n.Pinned:
				moved++
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return moved, home
}

// A large step (2,500 positions staged in 3 chunks) killed half way is
// wholly applied or wholly not after the next Open: killed while staging,
// nothing moved and no step is logged; killed while applying (a move, or
// the undo of one), the next Open finishes it.
func TestKilledLargeStepIsAllOrNothing(t *testing.T) {
	for _, c := range []struct {
		mode        string
		wantMoved   bool
		wantLog     int // log entries after the reopen
		wantUndoNow bool
	}{
		{"bigmove-stage", false, 0, false},
		{"bigmove-apply", true, 1, true},
		{"bigundo-apply", false, 2, false},
	} {
		t.Run(c.mode, func(t *testing.T) {
			dir := t.TempDir()
			s, err := Open(dir, Options{NoSync: true})
			if err != nil {
				t.Fatal(err)
			}
			const n = 2500
			for start := 0; start < n; start += 500 {
				mustUpdate(t, s, func(tx *Tx) error {
					for i := start; i < start+500; i++ {
						if err := tx.PutNode(node(fmt.Sprint("n", i))); err != nil {
							return err
						}
					}
					return nil
				})
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			killAfterCommit(t, c.mode, dir, "")
			s, err = Open(dir, Options{NoSync: true})
			if err != nil {
				t.Fatalf("reopen after SIGKILL: %v", err)
			}
			defer s.Close()
			moved, home := positionsMoved(t, s)
			if c.wantMoved && moved != n || !c.wantMoved && home != n {
				t.Fatalf("after the reopen: %d moved, %d at home of %d", moved, home, n)
			}
			page, _, err := s.HistoryPage("", 10)
			if err != nil || len(page) != c.wantLog {
				t.Fatalf("log %+v %v, want %d entries", page, err, c.wantLog)
			}
			if got := len(keysWithPrefix(t, s, tagStepChunk)); got != 3*c.wantLog {
				t.Fatalf("%d chunk keys, want %d", got, 3*c.wantLog)
			}
			_, _, okUndo, _, err := s.Undoable()
			if err != nil || okUndo != c.wantUndoNow {
				t.Fatalf("undoable %v %v, want %v", okUndo, err, c.wantUndoNow)
			}
		})
	}
}
