package store

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/plexus-pln/plexus/backend/internal/lazyfs"
	"github.com/plexus-pln/plexus/backend/pln"
)

// Environment of the power-loss child (TestPowerLossChild).
const (
	envPLDir    = "PLEXUS_POWERLOSS_DIR"    // the store folder, on the lazyfs mount
	envPLWant   = "PLEXUS_POWERLOSS_WANT"   // a file (off the mount) listing the ids confirmed so far, one a line
	envPLID     = "PLEXUS_POWERLOSS_ID"     // the id of the node to write
	envPLNoSync = "PLEXUS_POWERLOSS_NOSYNC" // "1": Options.NoSync
)

// TestPowerLossChild is not a test: the power-loss tests run the test
// binary again with envPLDir set, and this function is the child. It opens
// the store on the lazyfs mount, reports every id of envPLWant it cannot
// find ("missing <id>"), writes one node through the logged write path
// (Commit, as every gesture does), says "confirmed <id>" once Commit
// returned, and waits for the power cut and SIGKILL.
func TestPowerLossChild(t *testing.T) {
	dir := os.Getenv(envPLDir)
	if dir == "" {
		t.Skip("helper process for the power-loss tests")
	}
	s, err := Open(dir, Options{NoSync: os.Getenv(envPLNoSync) == "1"})
	if err != nil {
		fmt.Println("open failed:", strings.ReplaceAll(err.Error(), "\n", " "))
		os.Exit(2)
	}
	want, err := os.ReadFile(os.Getenv(envPLWant))
	if err != nil && !os.IsNotExist(err) {
		fmt.Println("read want:", err)
		os.Exit(2)
	}
	err = s.View(func(tx *Tx) error {
		for _, id := range strings.Fields(string(want)) {
			if n, err := tx.GetNode(id); pln.CodeOf(err) == pln.CodeNotFound {
				fmt.Println("missing", id)
			} else if err != nil {
				return err
			} else if n.Label != powerLabel(id) {
				fmt.Println("changed", id, n.Label)
			}
		}
		return nil
	})
	if err != nil {
		fmt.Println("read failed:", err)
		os.Exit(2)
	}
	n := node(powerLabel(os.Getenv(envPLID)))
	n.ID = os.Getenv(envPLID)
	if _, err := s.Commit(func(tx *Tx) (StepInfo, error) {
		return StepInfo{Name: "Add " + n.Label}, tx.PutNode(n)
	}); err != nil {
		fmt.Println("write failed:", err)
		os.Exit(2)
	}
	fmt.Println("confirmed", n.ID)
	select {} // until the power cut and SIGKILL
}

func powerLabel(id string) string { return "power " + id[len(id)-12:] }

// powerLoss runs the loop rounds times: mount lazyfs over backing → a child
// opens the store there, checks every write confirmed so far and confirms a
// new one → power cut (abort the FUSE connection, drop everything unsynced)
// → SIGKILL. It returns the ids confirmed and, per id, how many reopens did
// not find it (the last write is checked by checkAfterPowerLoss).
func powerLoss(t *testing.T, rounds int, noSync bool) (backing string, confirmed []string, lost map[string]int) {
	t.Helper()
	backing, mnt := t.TempDir(), t.TempDir()
	want := filepath.Join(t.TempDir(), "want")
	lost = map[string]int{}
	var dropped lazyfs.CutReport
	for round := range rounds {
		m, err := lazyfs.Mount(backing, mnt)
		if err != nil {
			t.Fatalf("round %d: %v", round, err) // no /dev/fuse fails: CI has it
		}
		t.Cleanup(func() { _, _ = m.PowerCut() }) // a failed round leaves no mount (a no-op after the cut)
		id := pln.NewID()
		cmd := exec.Command(os.Args[0], "-test.run=^TestPowerLossChild$")
		cmd.Env = append(os.Environ(), envPLDir+"="+filepath.Join(mnt, "db"), envPLWant+"="+want, envPLID+"="+id)
		if noSync {
			cmd.Env = append(cmd.Env, envPLNoSync+"=1")
		}
		cmd.Stderr = os.Stderr
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = cmd.Process.Kill() })
		lines := make(chan string)
		go func() {
			defer close(lines)
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
		}()
		var transcript []string
		ok := false
	read:
		for {
			select {
			case line, more := <-lines:
				if !more {
					break read
				}
				transcript = append(transcript, line)
				f := strings.Fields(line)
				switch {
				case len(f) == 2 && f[0] == "missing":
					lost[f[1]]++
				case len(f) == 2 && f[0] == "confirmed" && f[1] == id:
					ok = true
					break read
				}
			case <-time.After(2 * time.Minute): // a hang guard, not a timing assertion
				break read
			}
		}
		rep, cutErr := m.PowerCut()
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if cutErr != nil {
			t.Fatalf("round %d: power cut: %v", round, cutErr)
		}
		dropped.Files += rep.Files
		dropped.Bytes += rep.Bytes
		dropped.Ops += rep.Ops
		if !ok {
			t.Fatalf("round %d: the child did not confirm its write; it said:\n%s", round, strings.Join(transcript, "\n"))
		}
		for _, line := range transcript {
			if !strings.HasPrefix(line, "missing ") && !strings.HasPrefix(line, "confirmed ") {
				t.Errorf("round %d: child: %s", round, line)
			}
		}
		confirmed = append(confirmed, id)
		if err := os.WriteFile(want, []byte(strings.Join(confirmed, "\n")), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d power cuts (NoSync %v): %d confirmed writes, %d of them missing at some reopen; the cuts dropped %d bytes in %d file states and undid %d namespace operations",
		rounds, noSync, len(confirmed), len(lost), dropped.Bytes, dropped.Files, dropped.Ops)
	return backing, confirmed, lost
}

// afterPowerLoss opens the store in the backing folder itself (what the
// disk holds after the last cut), checks that it is whole — no damage
// found, every node one of confirmed, created by its own logged step and no
// step without its node — and returns the ids it holds, sorted.
func afterPowerLoss(t *testing.T, backing string, confirmed []string) []string {
	t.Helper()
	dir := filepath.Join(backing, "db")
	h, err := Inspect(dir)
	if err != nil || !h.OK() {
		t.Fatalf("Inspect after the last power cut: %v %v", err, h.Problems)
	}
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("Open after the last power cut: %v", err)
	}
	defer s.Close()
	var ids []string
	if err := s.View(func(tx *Tx) error {
		ns, err := tx.ListNodes()
		for _, n := range ns {
			if !slices.Contains(confirmed, n.ID) || n.Label != powerLabel(n.ID) {
				t.Errorf("node %s %q was never confirmed", n.ID, n.Label)
			}
			ids = append(ids, n.ID)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	var logged []string
	if err := s.Steps(time.Time{}, time.Time{}, func(st Step) (bool, error) {
		for _, ch := range st.Changes {
			if ch.Table() == TableNode {
				logged = append(logged, ch.ID())
			}
		}
		return true, nil
	}); err != nil {
		t.Fatal(err)
	}
	slices.Sort(ids)
	slices.Sort(logged)
	if !slices.Equal(ids, logged) {
		t.Fatalf("after the last power cut the store holds %d nodes but the change log created %d", len(ids), len(logged))
	}
	return ids
}

// TestPowerLoss: with SyncWrites on (the production setting) every write
// Commit confirmed survives a power cut right after it (50 cuts), and the
// store reopens whole each time. See docs/reliability.md, "Power loss".
func TestPowerLoss(t *testing.T) {
	rounds := 50
	if testing.Short() {
		rounds = 8
	}
	backing, confirmed, lost := powerLoss(t, rounds, false)
	if len(lost) > 0 {
		t.Fatalf("%d of %d confirmed writes were missing after a power cut", len(lost), len(confirmed))
	}
	if got := afterPowerLoss(t, backing, confirmed); len(got) != len(confirmed) {
		t.Fatalf("after the last power cut the store holds %d of the %d confirmed writes", len(got), len(confirmed))
	}
}

// TestPowerLossNoSyncLosesWrites is the harness's own check: with
// SyncWrites off, confirmed writes sit in the mmapped memtable log until
// Badger gets round to syncing, and a power cut loses them. If this test
// found no loss, TestPowerLoss would prove nothing. What is lost stays
// lost, and the store still opens whole.
func TestPowerLossNoSyncLosesWrites(t *testing.T) {
	backing, confirmed, lost := powerLoss(t, 6, true)
	kept := afterPowerLoss(t, backing, confirmed)
	t.Logf("NoSync: %d of %d confirmed writes survived", len(kept), len(confirmed))
	if len(kept) == len(confirmed) || len(lost) == 0 {
		t.Fatalf("with SyncWrites off no confirmed write (of %d) was lost at a power cut: the harness does not cut power", len(confirmed))
	}
}
