//go:build unix

package service

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"

	"github.com/plexus-pln/plexus/backend/store"
)

// Environment of the helper process.
const (
	envEncChild = "PLEXUS_ENC_CHILD" // "enable" or "disable"
	envEncDir   = "PLEXUS_ENC_DIR"
	envEncStop  = "PLEXUS_ENC_STOP" // the swap step to stop at
)

// swapSteps are the points swapStore and FinishEncryptionChange report
// (swapStep), in order; "intent" is the commit point.
var swapSteps = []string{"copy", "copied", "intent", "old-aside", "new-in-place", "key-file", "intent-removed"}

// TestEncryptionHelperProcess is not a test: TestEncryptionSwapSurvivesKill
// runs the test binary again with envEncChild set, and this is the child.
// It turns encryption on or off and, at the step envEncStop, says so on
// stdout and waits to be killed.
func TestEncryptionHelperProcess(t *testing.T) {
	mode := os.Getenv(envEncChild)
	if mode == "" {
		t.Skip("helper process for TestEncryptionSwapSurvivesKill")
	}
	stop := os.Getenv(envEncStop)
	swapHook = func(step string) {
		if step == stop {
			fmt.Println("at", step)
			select {} // until SIGKILL
		}
	}
	dir := os.Getenv(envEncDir)
	var err error
	if mode == "enable" {
		err = EnableEncryption(dir, pass, nil)
	} else {
		err = DisableEncryption(dir, pass, nil)
	}
	if err != nil {
		fmt.Println("failed:", err)
		os.Exit(2)
	}
	fmt.Println("done")
	os.Exit(0)
}

// TestEncryptionSwapSurvivesKill turns encryption on, and off, in a child
// process that is SIGKILLed at each step of the swap. Afterwards Unlock and
// an open always work and find every record and the whole history: the
// old store (plain, or encrypted with its key file) before the commit
// point, the new one from it on — never neither, never a store without the
// key file it needs — and no half-built or replaced store is left.
func TestEncryptionSwapSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts 14 child processes")
	}
	plainTpl := t.TempDir()
	f := openFolder(t, plainTpl, nil)
	f.fill("")
	want := f.state()
	f.close()
	encTpl := t.TempDir()
	copyTree(t, plainTpl, encTpl)
	noErr(t, EnableEncryption(encTpl, pass, nil))

	cases := 0
	for _, mode := range []string{"enable", "disable"} {
		for i, step := range swapSteps {
			name := mode + "/" + step
			dir := t.TempDir()
			if mode == "enable" {
				copyTree(t, plainTpl, dir)
			} else {
				copyTree(t, encTpl, dir)
			}
			runChildUntil(t, name, mode, dir, step)

			key, err := Unlock(dir, pass)
			if err != nil {
				t.Fatalf("%s: Unlock after the kill: %v", name, err)
			}
			committed := i >= 2 // from "intent" on, the new store
			wantEncrypted := (mode == "enable") == committed
			if (key != nil) != wantEncrypted {
				t.Fatalf("%s: encrypted after the kill = %v, want %v", name, key != nil, wantEncrypted)
			}
			if enc, err := store.Encrypted(filepath.Join(dir, StoreDir)); err != nil || enc != wantEncrypted {
				t.Fatalf("%s: the store's own registry says encrypted = %v (%v), want %v", name, enc, err, wantEncrypted)
			}
			for _, left := range []string{newStoreDir, oldStoreDir, swapIntentFile} {
				if _, err := os.Stat(filepath.Join(dir, left)); err == nil {
					t.Fatalf("%s: %s is still there after Unlock", name, left)
				}
			}
			g := openFolder(t, dir, key)
			if got := g.state(); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: the data after the kill differs:\n got %d nodes %d ties %d entries %d steps\nwant %d %d %d %d", name,
					len(got.Nodes), len(got.Ties), len(got.Entries), len(got.Steps), len(want.Nodes), len(want.Ties), len(want.Entries), len(want.Steps))
			}
			backups, err := g.svc.Backup.ListBackups()
			noErr(t, err)
			if len(backups) == 0 {
				t.Fatalf("%s: the pre-restore backup is gone", name)
			}
			for _, b := range backups {
				if b.Problem != "" {
					t.Fatalf("%s: backup %s: %s", name, b.Name, b.Problem)
				}
			}
			if wantEncrypted {
				if hits := markerFiles(t, dir); len(hits) > 0 {
					t.Fatalf("%s: encrypted after the kill, but the marker is in plain text in %v", name, hits)
				}
			}
			g.close()
			cases++
		}
	}
	t.Logf("%d kills during an encryption swap: each left the old or the new store, whole", cases)
}

// runChildUntil runs the helper process on dir and SIGKILLs it once it
// reports reaching step.
func runChildUntil(t *testing.T, name, mode, dir, step string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestEncryptionHelperProcess$")
	cmd.Env = append(os.Environ(), envEncChild+"="+mode, envEncDir+"="+dir, envEncStop+"="+step)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	reached := false
	var lines []string
	for sc.Scan() {
		line := sc.Text()
		lines = append(lines, line)
		if line == "at "+step {
			reached = true
			break
		}
	}
	_ = cmd.Process.Signal(syscall.SIGKILL)
	go func() { _, _ = io.Copy(io.Discard, out) }()
	_ = cmd.Wait()
	if !reached {
		t.Fatalf("%s: the child never reached the step; it said %q", name, strings.Join(lines, " | "))
	}
}

// copyTree copies the files under src into dst (created).
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o700)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(to, b, 0o600)
	})
	noErr(t, err)
}
