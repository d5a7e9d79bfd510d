package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/plexus-pln/plexus/backend/interchange"
	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/service"
	"github.com/plexus-pln/plexus/backend/store"
)

// App is the thin Wails layer: it keeps the Wails context, sends events
// with runtime.EventsEmit, runs native dialogs and holds native file drops
// until the page says whether they are images or an import (app_drop.go). Its exported methods are bound to the frontend
// (frontend/wailsjs/go/main/App); lifecycle hooks are unexported so that
// Wails does not bind them.
type App struct {
	log     *slog.Logger
	st      *store.Store
	svc     *service.Services
	dataDir string
	// debugFrames: PLEXUS_DEBUG_FRAMES=1 at start; the page then logs its
	// frame counts once a second (ReportFrames, debugframes.go).
	debugFrames bool

	mu  sync.RWMutex
	ctx context.Context // the Wails context; nil until startup

	// drops holds native drops' paths until the page routes them (app_drop.go).
	drops drops
}

// NewApp returns the App for an open store and its services.
func NewApp(log *slog.Logger, st *store.Store, svc *service.Services, dataDir string) *App {
	return &App{log: log, st: st, svc: svc, dataDir: dataDir}
}

// wailsCtx returns the Wails context, or nil before startup.
func (a *App) wailsCtx() context.Context {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.ctx
}

// startup is options.App.OnStartup: it keeps ctx and listens for native
// file drops (held until the page routes them: app_drop.go).
func (a *App) startup(ctx context.Context) {
	a.mu.Lock()
	a.ctx = ctx
	a.mu.Unlock()
	// The page routes each drop by its point (app_drop.go): images for the
	// entry editor under it, else an import.
	runtime.OnFileDrop(ctx, a.onFileDrop)
	// SIGINT/SIGTERM (Ctrl+C in a terminal, a logout, a test harness)
	// quit through Wails so OnShutdown closes the store cleanly.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case s := <-sig:
			a.log.Info("quitting on signal", "signal", s.String())
			runtime.Quit(ctx)
		case <-ctx.Done():
		}
	}()
	a.svc.Search.Start() // rebuilds a missing or stale index in the background (search:progress)
	a.log.Info("window started", "data_dir", a.dataDir)
}

// importDropped previews the dropped paths as one import and emits
// import:preview (the page shows the preview; ApplyImport applies it).
func (a *App) importDropped(_ context.Context, paths []string) {
	pv, err := a.svc.Files.PreviewPaths(paths)
	if err != nil {
		pe := service.PublicError(a.log, err)
		a.log.Info("dropped files not previewed", "files", len(paths), "code", pe.Code, "message", pe.Message)
		a.emit(pln.EventImportPreview, pln.ImportPreviewed{Error: pe})
		return
	}
	a.emit(pln.EventImportPreview, pln.ImportPreviewed{Preview: &pv})
}

// shutdown is options.App.OnShutdown: it closes the store cleanly (stops
// its GC loop and waits for it).
func (a *App) shutdown(_ context.Context) {
	if a.st == nil {
		return
	}
	a.svc.Close(5 * time.Second)
	// The services' store: turning encryption on or off reopens it.
	if err := a.svc.Store().Close(); err != nil {
		a.log.Error("closing the store", "err", err)
		return
	}
	a.log.Info("store closed; goodbye")
}

// secondInstance is options.SingleInstanceLock.OnSecondInstanceLaunch: a
// second launch on the same data folder brings this window forward.
func (a *App) secondInstance(data options.SecondInstanceData) {
	a.log.Info("second launch handed over to this window", "args", data.Args)
	if ctx := a.wailsCtx(); ctx != nil {
		runtime.WindowUnminimise(ctx)
		runtime.WindowShow(ctx)
	}
}

// emit sends an event once the window runs (dropped before, logged).
func (a *App) emit(event string, payload any) {
	ctx := a.wailsCtx()
	if ctx == nil {
		a.log.Debug("event before startup dropped", "event", event)
		return
	}
	runtime.EventsEmit(ctx, event, payload)
}

// appEmitter adapts App to service.Emitter without binding Emit.
type appEmitter struct{ a *App }

func (e appEmitter) Emit(event string, payload any) { e.a.emit(event, payload) }

// ReportRendered is called by the frontend once after it first drew the
// graph, with the number of nodes drawn; it writes "graph rendered" to the
// log (the window test looks for it).
func (a *App) ReportRendered(nodes int) {
	a.log.Info("graph rendered", "nodes", nodes)
}

// DataDir returns the data folder this window works on (for the About box).
func (a *App) DataDir() string { return a.dataDir }

// ExportBackupDialog asks for a file name with the native save dialog and
// writes the backup there. It returns the path written, or "" when the
// user cancelled.
func (a *App) ExportBackupDialog() (path string, err error) {
	ctx := a.wailsCtx()
	if ctx == nil {
		return "", pln.Conflict("The window is not ready yet.")
	}
	path, err = runtime.SaveFileDialog(ctx, runtime.SaveDialogOptions{
		Title:                "Export backup",
		DefaultFilename:      "plexus-backup-" + time.Now().Format("2006-01-02") + ".json",
		Filters:              []runtime.FileFilter{{DisplayName: "Plexus backup (*.json)", Pattern: "*.json"}},
		CanCreateDirectories: true,
	})
	if err != nil || path == "" {
		return "", err
	}
	if err := a.svc.Backup.ExportBackup(path); err != nil {
		return "", err
	}
	return path, nil
}

// RestoreBackupDialog asks for a backup file with the native open dialog
// and restores it. When Plexus already holds data it asks (natively)
// whether to replace it; the current data is saved first. It returns true
// when a backup was restored, false when the user cancelled.
func (a *App) RestoreBackupDialog() (restored bool, err error) {
	ctx := a.wailsCtx()
	if ctx == nil {
		return false, pln.Conflict("The window is not ready yet.")
	}
	path, err := runtime.OpenFileDialog(ctx, runtime.OpenDialogOptions{
		Title:   "Restore backup",
		Filters: []runtime.FileFilter{{DisplayName: "Plexus backup (*.json)", Pattern: "*.json"}},
	})
	if err != nil || path == "" {
		return false, err
	}
	err = a.svc.Backup.RestoreBackup(path, false)
	if pln.CodeOf(err) != pln.CodeConflict {
		return err == nil, err
	}
	answer, err := runtime.MessageDialog(ctx, runtime.MessageDialogOptions{
		Type:  runtime.QuestionDialog,
		Title: "Replace everything?",
		Message: fmt.Sprintf("Restoring %s replaces every node, tie and journal entry in Plexus. It cannot be undone, "+
			"and the undo history starts afresh.\n\nThe current data is saved to %s first.", filepath.Base(path), filepath.Join(a.dataDir, service.BackupsDir)),
		Buttons:       []string{"Replace", "Cancel"},
		DefaultButton: "Cancel",
		CancelButton:  "Cancel",
	})
	if err != nil {
		return false, err
	}
	if answer != "Yes" && answer != "Replace" {
		return false, nil
	}
	if err := a.svc.Backup.RestoreBackup(path, true); err != nil {
		return false, err
	}
	return true, nil
}

// ImportFilesDialog asks for files with the native open dialog (several
// may be chosen: a node table and its tie table are one import) and
// previews them as one import. It returns the preview (ApplyImport applies
// it), or null when the user cancelled.
func (a *App) ImportFilesDialog() (*pln.ImportPreview, error) {
	ctx := a.wailsCtx()
	if ctx == nil {
		return nil, pln.Conflict("The window is not ready yet.")
	}
	paths, err := runtime.OpenMultipleFilesDialog(ctx, runtime.OpenDialogOptions{Title: "Import into Plexus"})
	if err != nil || len(paths) == 0 {
		return nil, err
	}
	pv, err := a.svc.Files.PreviewPaths(paths)
	if err != nil {
		return nil, err
	}
	return &pv, nil
}

// ExportDialog asks where to save with the native save dialog and writes
// the network in format (ImportService.ExportFormats lists them). A format
// that writes several files (CSV tables, a Markdown vault) is saved as a
// zip. It returns the path written, or "" when the user cancelled.
func (a *App) ExportDialog(format string) (string, error) {
	ctx := a.wailsCtx()
	if ctx == nil {
		return "", pln.Conflict("The window is not ready yet.")
	}
	ex, err := interchange.LookupExporter(format)
	if err != nil {
		return "", err
	}
	name, _, err := a.svc.Files.ExportBytes(format) // the suggested name (and an early error)
	if err != nil {
		return "", err
	}
	ext := filepath.Ext(name)
	path, err := runtime.SaveFileDialog(ctx, runtime.SaveDialogOptions{
		Title:                "Export as " + ex.Title(),
		DefaultFilename:      strings.TrimSuffix(name, ext) + "-" + time.Now().Format("2006-01-02") + ext,
		Filters:              []runtime.FileFilter{{DisplayName: ex.Title() + " (*" + ext + ")", Pattern: "*" + ext}},
		CanCreateDirectories: true,
	})
	if err != nil || path == "" {
		return "", err
	}
	if ext == ".zip" && !strings.EqualFold(filepath.Ext(path), ".zip") {
		path += ".zip"
	}
	if _, err := a.svc.Files.ExportTo(format, path); err != nil {
		return "", err
	}
	return path, nil
}
