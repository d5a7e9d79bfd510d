package main

import (
	"bufio"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/service"
	"github.com/plexus-pln/plexus/backend/store"
)

// Recovery is bound in every window (so the page can ask which screen to
// show). When the store opened, State says so and the other methods
// refuse. When it did not (damaged, or any other open failure), the
// window shows only the recovery screen (frontend/src/features/recovery),
// and these methods are its way out: restore a backup, salvage, open
// another data folder, quit. A fix relaunches Plexus on the mended folder
// (the new process waits for this one to exit; envWaitPID).
type Recovery struct {
	log     *slog.Logger
	dataDir string
	openErr error  // nil: the store opened and the normal screens run
	key     []byte // the store key of an encrypted folder, once unlocked

	mu  sync.Mutex
	ctx context.Context
}

// RecoveryState is what the recovery screen shows.
type RecoveryState struct {
	// Recovering: the store did not open and the page must show the
	// recovery screen instead of the app.
	Recovering bool   `json:"recovering"`
	DataDir    string `json:"dataDir"`
	// Code and Message: why the store did not open (pln code and a
	// sentence for the user).
	Code    string `json:"code,omitempty"`
	Message string `json:"message,omitempty"`
	// Problems: each damaged file and what is wrong with it.
	Problems []store.Problem `json:"problems,omitempty"`
	// Backups: the backups in <data dir>/backups, newest first
	// (service.SavedBackups).
	Backups []pln.BackupInfo `json:"backups"`
	// Latest: the path of the newest backup that reads back whole and
	// validates (service.LatestGoodBackup); "" when none does.
	Latest string `json:"latest"`
	// Locked: the folder is encrypted and waits for its passphrase (the
	// lock screen); Warning is what a forgotten passphrase means.
	Locked  bool   `json:"locked"`
	Warning string `json:"warning,omitempty"`
}

func (r *Recovery) startup(ctx context.Context) {
	r.mu.Lock()
	r.ctx = ctx
	r.mu.Unlock()
}

func (r *Recovery) wailsCtx() context.Context {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.ctx
}

// State says whether the recovery screen is needed, and why.
func (r *Recovery) State() RecoveryState {
	st := RecoveryState{DataDir: r.dataDir, Backups: []pln.BackupInfo{}}
	if r.openErr == nil {
		return st
	}
	if pln.CodeOf(r.openErr) == pln.CodeLocked {
		st.Locked, st.Warning = true, service.ForgottenWarning
	} else {
		if bs, err := service.SavedBackupsKey(r.dataDir, r.key); err == nil {
			st.Backups = bs
		} else {
			r.log.Warn("recovery: listing the backups", "err", err)
		}
		if path, _, err := service.LatestGoodBackupKey(r.dataDir, r.key); err == nil {
			st.Latest = path
		}
	}
	pe := pln.AsError(r.openErr)
	st.Recovering, st.Code, st.Message = true, string(pe.Code), pe.Message
	if pe.Code == pln.CodeInternal {
		st.Message = "Plexus could not open its data: " + firstLine(r.openErr.Error())
	}
	var de *store.DamageError
	if errors.As(r.openErr, &de) {
		st.Problems = de.Health.Problems
	}
	return st
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

func (r *Recovery) refuseWhenOpen() error {
	if r.openErr == nil {
		return pln.Conflict("The store is open; recovery is only for a store that could not be opened.")
	}
	return nil
}

// RestoreBackup replaces the store with the backup at path (one from
// State's list, or any file) and relaunches Plexus. The damaged store is
// moved to <data dir>/damaged/. A bad backup file changes nothing.
func (r *Recovery) RestoreBackup(path string) error {
	if err := r.refuseWhenOpen(); err != nil {
		return err
	}
	aside, err := service.RestoreIntoNewStore(r.dataDir, path, r.key, time.Now())
	if err != nil {
		return err
	}
	r.log.Warn("recovery: restoring a backup into a new store", "backup", path, "damaged_store", aside)
	return r.relaunch(r.dataDir, r.key)
}

// ChooseBackup asks for a backup file with the native dialog and restores
// it as RestoreBackup does; "" and no error when the user cancelled.
func (r *Recovery) ChooseBackup() (string, error) {
	ctx := r.wailsCtx()
	if ctx == nil {
		return "", pln.Conflict("The window is not ready yet.")
	}
	path, err := runtime.OpenFileDialog(ctx, runtime.OpenDialogOptions{
		Title:            "Restore a Plexus backup",
		DefaultDirectory: filepath.Join(r.dataDir, service.BackupsDir),
		Filters:          []runtime.FileFilter{{DisplayName: "Plexus backup (*.json)", Pattern: "*.json"}},
	})
	if err != nil || path == "" {
		return "", err
	}
	return path, r.RestoreBackup(path)
}

// Salvage builds, beside the damaged store, a new one from what can
// still be read, and returns what it holds and what could not be read;
// nothing is replaced until UseSalvage (DiscardSalvage drops it).
func (r *Recovery) Salvage() (store.SalvageReport, error) {
	if err := r.refuseWhenOpen(); err != nil {
		return store.SalvageReport{}, err
	}
	return service.PrepareSalvage(r.dataDir, r.key, r.log)
}

// UseSalvage puts the salvaged store in place of the damaged one (kept in
// damaged/) and relaunches Plexus on it.
func (r *Recovery) UseSalvage() error {
	if err := r.refuseWhenOpen(); err != nil {
		return err
	}
	if _, err := service.CommitSalvage(r.dataDir, r.log, time.Now()); err != nil {
		return err
	}
	return r.relaunch(r.dataDir, r.key)
}

// DiscardSalvage drops the salvaged store; the damaged one stays as it is.
func (r *Recovery) DiscardSalvage() error {
	if err := r.refuseWhenOpen(); err != nil {
		return err
	}
	return service.DiscardSalvage(r.dataDir)
}

// Relaunch starts Plexus again on the data folder (after Salvage, once the
// user has read the report).
func (r *Recovery) Relaunch() error { return r.relaunch(r.dataDir, r.key) }

// Unlock opens an encrypted data folder: with the right passphrase
// Plexus relaunches on it (the key goes to the new process on its
// standard input, never in its arguments or environment); a wrong one is
// code locked, and nothing changes.
func (r *Recovery) Unlock(passphrase string) error {
	if pln.CodeOf(r.openErr) != pln.CodeLocked {
		return pln.Conflict("This data folder is not waiting for a passphrase.")
	}
	key, err := service.Unlock(r.dataDir, passphrase)
	if err != nil {
		if pln.CodeOf(err) == pln.CodeLocked {
			r.log.Warn("lock screen: a wrong passphrase was given")
		}
		return err
	}
	r.log.Info("lock screen: unlocked; relaunching")
	return r.relaunch(r.dataDir, key)
}

// OpenOtherFolder asks for another data folder with the native dialog and
// relaunches Plexus on it; "" when the user cancelled.
func (r *Recovery) OpenOtherFolder() (string, error) {
	ctx := r.wailsCtx()
	if ctx == nil {
		return "", pln.Conflict("The window is not ready yet.")
	}
	dir, err := runtime.OpenDirectoryDialog(ctx, runtime.OpenDialogOptions{Title: "Open another Plexus data folder", CanCreateDirectories: true})
	if err != nil || dir == "" {
		return "", err
	}
	return dir, r.relaunch(dir, nil)
}

// ExportCopy, for a data folder Plexus cannot write (code read_only):
// asks for a file name with the native save dialog and writes a backup
// of the folder's data there, read from a copy (service.OpenCopy). It
// returns the path written, "" when the user cancelled.
func (r *Recovery) ExportCopy() (string, error) {
	ctx := r.wailsCtx()
	if ctx == nil {
		return "", pln.Conflict("The window is not ready yet.")
	}
	path, err := runtime.SaveFileDialog(ctx, runtime.SaveDialogOptions{
		Title:                "Export a backup of the read-only data",
		DefaultFilename:      "plexus-backup-" + time.Now().Format("2006-01-02") + ".json",
		Filters:              []runtime.FileFilter{{DisplayName: "Plexus backup (*.json)", Pattern: "*.json"}},
		CanCreateDirectories: true,
	})
	if err != nil || path == "" {
		return "", err
	}
	return path, r.exportCopy(path)
}

func (r *Recovery) exportCopy(path string) error {
	_, svc, done, err := service.OpenCopy(r.dataDir, r.key, r.log)
	if err != nil {
		return err
	}
	defer done()
	return svc.Backup.ExportBackup(path)
}

// Shown is called by the recovery screen once it is drawn (logged: the
// window test waits for it).
func (r *Recovery) Shown() {
	r.log.Info("recovery screen shown", "problems", len(r.State().Problems))
}

// Quit closes the window.
func (r *Recovery) Quit() {
	if ctx := r.wailsCtx(); ctx != nil {
		runtime.Quit(ctx)
	}
}

// envWaitPID names the process a relaunched Plexus waits for: the one
// that started it, which still holds the window and the folder's lock.
const envWaitPID = "PLEXUS_WAIT_PID"

// envKeyOnStdin tells a relaunched window that its store key is the
// first line of its standard input (hex).
const envKeyOnStdin = "PLEXUS_KEY_ON_STDIN"

// handedKey reads the key a relaunch handed over (envKeyOnStdin), once.
func handedKey() (key []byte, handed bool, err error) {
	if os.Getenv(envKeyOnStdin) != "1" {
		return nil, false, nil
	}
	_ = os.Unsetenv(envKeyOnStdin)
	line, err := bufio.NewReader(os.Stdin).ReadString('\n')
	if err != nil {
		return nil, true, fmt.Errorf("reading the key handed over by the lock screen: %w", err)
	}
	key, err = hex.DecodeString(strings.TrimSpace(line))
	if err != nil {
		return nil, true, fmt.Errorf("reading the key handed over by the lock screen: %w", err)
	}
	if len(key) == 0 {
		key = nil
	}
	return key, true, nil
}

// relaunch starts this executable on dataDir (with key, if any, on its
// standard input) and quits this window.
func (r *Recovery) relaunch(dataDir string, key []byte) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	args := append(keptWindowArgs(os.Args[1:]), "--data-dir", dataDir)
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), envWaitPID+"="+strconv.Itoa(os.Getpid()))
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	var stdin io.WriteCloser
	if key != nil {
		cmd.Env = append(cmd.Env, envKeyOnStdin+"=1")
		if stdin, err = cmd.StdinPipe(); err != nil {
			return fmt.Errorf("relaunching Plexus: %w", err)
		}
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("relaunching Plexus: %w", err)
	}
	if stdin != nil {
		_, werr := io.WriteString(stdin, hex.EncodeToString(key)+"\n")
		if cerr := stdin.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return fmt.Errorf("relaunching Plexus: handing over the key: %w", werr)
		}
	}
	r.log.Info("recovery: relaunched Plexus", "data_dir", dataDir, "pid", cmd.Process.Pid)
	_ = cmd.Process.Release()
	r.Quit()
	return nil
}

// keptWindowArgs drops --data-dir (and its value) from the window's
// arguments, keeping the rest (Wails' dev flags).
func keptWindowArgs(args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		name, _, hasVal := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		if strings.HasPrefix(args[i], "-") && name == "data-dir" {
			if !hasVal {
				i++
			}
			continue
		}
		out = append(out, args[i])
	}
	return out
}

// waitForParent waits (up to 20 s) for the process named by envWaitPID to
// exit, so that a relaunched window does not find its lock still held.
func waitForParent(log *slog.Logger) {
	pid, err := strconv.Atoi(os.Getenv(envWaitPID))
	if err != nil || pid <= 0 {
		return
	}
	_ = os.Unsetenv(envWaitPID)
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		p, err := os.FindProcess(pid)
		if err != nil || p.Signal(syscall.Signal(0)) != nil {
			return
		}
	}
	log.Warn("the previous Plexus window has not exited; going on", "pid", pid)
}
