// Command plexus is the Plexus desktop app: it maps a Personal Learning
// Network and keeps a learning journal, all on this computer.
//
//	plexus [--data-dir DIR]                              open the window
//	plexus backup  --out FILE|- [--data-dir DIR]         write a backup, no window
//	plexus restore --in FILE [--replace] [--data-dir DIR] restore a backup, no window
//	plexus import  --in FILE [--data-dir DIR]            import a file (OPML), no window
//
// The data folder is --data-dir, else $PLEXUS_DATA_DIR, else the OS's
// per-user application data folder (see service.DataDir). Logs go to
// <data dir>/plexus.log and to stderr.
package main

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing/fstest"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/plexus-pln/plexus/backend/interchange"
	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/service"
	"github.com/plexus-pln/plexus/backend/store"
)

// assets is the built frontend (npm run build writes frontend/dist). A
// fresh clone has only frontend/dist/.gitkeep, which is enough to compile.
//
//go:embed all:frontend/dist
var assets embed.FS

// icon is the app icon (the window icon on Linux; wails build derives the
// Windows and macOS icons from the same file).
//
//go:embed build/appicon.png
var icon []byte

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// createsDataDir: the commands that may start a data folder that does not exist yet.
func createsDataDir(name string) bool {
	return name == "" || name == "import" || name == "restore"
}

// run is main without os.Exit; it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if bindingsOnly {
		return generateBindings()
	}
	cmd, err := parseArgs(args)
	if err != nil {
		fmt.Fprintln(stderr, "plexus:", err)
		fmt.Fprintln(stderr, usageText())
		return 2
	}
	if cmd.help {
		fmt.Fprintln(stdout, usageText())
		return 0
	}
	dir, err := service.DataDir(cmd.dataDir)
	if err != nil {
		fmt.Fprintln(stderr, "plexus:", err)
		return 1
	}
	// Only the window, import and restore make a data folder: for the other
	// commands a folder that is not there is a typo in --data-dir, not an
	// empty network to act on (a new folder, a new ego, "no node with id …").
	if !createsDataDir(cmd.name) {
		if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(stderr, "plexus: there is no Plexus data folder at %s (check --data-dir; the app, plexus import and plexus restore create one)\n", dir)
			return 1
		}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		msg := fmt.Sprintf("cannot create the data folder %s: %v", dir, err)
		if e := store.WriteError(dir, err); pln.CodeOf(e) != pln.CodeInternal {
			msg = pln.AsError(e).Message // read-only disk, no permission, full disk
		}
		fmt.Fprintln(stderr, "plexus:", msg)
		return 1
	}
	// The window logs to stderr too; the commands keep stderr for their
	// own messages and log to the file only.
	logFile, log, err := openLog(dir, cmd.name == "", stderr)
	if err != nil {
		// A read-only (or full) data folder: warnings go to stderr and we go
		// on, so that opening the store says what is wrong in plain words
		// (and the window shows it on the recovery screen).
		fmt.Fprintf(stderr, "plexus: cannot open the log in %s: %v\n", dir, err)
		log = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	defer logFile.Close()

	switch cmd.name {
	case "backup":
		return runBackup(cmd, dir, log, stdout, stderr)
	case "restore":
		return runRestore(cmd, dir, log, stdout, stderr)
	case "import":
		return runImport(cmd, dir, log, stdout, stderr)
	case "export":
		return runExport(cmd, dir, log, stdout, stderr)
	case "history":
		return runHistory(cmd, dir, log, stdout, stderr)
	case "undo", "redo":
		return runUndoRedo(cmd, dir, log, stdout, stderr)
	case "nodes":
		return runNodes(cmd, dir, log, stdout, stderr)
	case "due":
		return runDue(cmd, dir, log, stdout, stderr)
	case "search":
		return runSearch(cmd, dir, log, stdout, stderr)
	case "journal":
		return runJournal(cmd, dir, log, stdout, stderr)
	case "settings":
		return runSettings(cmd, dir, log, stdout, stderr)
	case "views":
		return runViews(cmd, dir, log, stdout, stderr)
	case "goals":
		return runGoals(cmd, dir, log, stdout, stderr)
	case "images":
		return runImages(cmd, dir, log, stdout, stderr)
	case "contexts":
		return runContexts(cmd, dir, log, stdout, stderr)
	case "check":
		return runCheck(cmd, dir, log, stdout, stderr)
	case "salvage":
		return runSalvage(cmd, dir, log, stdout, stderr)
	case "backups":
		return runBackups(dir, log, stdout, stderr)
	case "encrypt":
		return runEncrypt(cmd, dir, log, stdout, stderr)
	case "decrypt":
		return runDecrypt(dir, log, stdout, stderr)
	default:
		return runWindow(dir, log, stderr)
	}
}

// openStore opens the store and the services on dir for the window. An
// encrypted folder opens with $PLEXUS_PASSPHRASE; without it (or with a
// wrong one) the error has code locked, for the lock screen. On a locked
// store it returns the pln conflict from store.Open.
//
// A window relaunched by the lock screen gets the key on its standard
// input instead (handedKey); it returns the key it opened with.
func openStore(dir string, log *slog.Logger, em service.Emitter) (*store.Store, *service.Services, []byte, error) {
	key, handed, err := handedKey()
	if err != nil {
		return nil, nil, nil, err
	}
	if !handed {
		if key, err = service.Unlock(dir, os.Getenv(service.PassphraseEnv)); err != nil {
			return nil, nil, nil, err
		}
	}
	st, svc, err := openStoreKey(dir, key, log, em)
	return st, svc, key, err
}

// userMessage is what a command prints for err: the pln message, or a
// pointer to the log for internal errors (logged in full).
func userMessage(log *slog.Logger, err error) string {
	pe := pln.AsError(err)
	if pe.Code == pln.CodeInternal {
		log.Error("internal error", "err", err.Error())
	}
	return pe.Message
}

func runBackup(cmd command, dir string, log *slog.Logger, stdout, stderr io.Writer) int {
	key, err := commandKey(dir, log, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "plexus backup:", userMessage(log, err))
		return 1
	}
	st, svc, err := openStoreKey(dir, key, log, nil)
	if pln.CodeOf(err) == pln.CodeReadOnly {
		// A folder Plexus cannot write can still be read: from a copy.
		var done func()
		if st, svc, done, err = service.OpenCopy(dir, key, log); err == nil {
			defer done()
			fmt.Fprintf(stderr, "plexus backup: note: %s cannot be written, so the backup is made from a copy of its data.\n", dir)
		}
	} else if err == nil {
		defer closeStore(st, svc, log)
	}
	if err != nil {
		fmt.Fprintln(stderr, "plexus backup:", userMessage(log, err))
		return 1
	}
	switch {
	case cmd.asOf != "":
		at, _ := parseAsOf(cmd.asOf, time.Local) // checked by parseArgs
		if start, ok, err := st.HistoryStart(); err == nil && (!ok || at.Before(start)) {
			since := "has no steps yet"
			if ok {
				since = "begins at " + start.Local().Format("2006-01-02 15:04:05")
			}
			fmt.Fprintf(stderr, "plexus backup: note: the history of this data folder %s; the backup holds the network as it was when the history began, not necessarily as it was on %s.\n", since, cmd.asOf)
		}
		if cmd.out == "-" {
			err = svc.WriteBackupAsOf(stdout, at)
		} else {
			err = svc.ExportBackupAsOf(cmd.out, at)
		}
	case cmd.out == "-":
		err = svc.Backup.WriteBackup(stdout)
	case cmd.encrypt:
		err = exportEncrypted(svc, cmd.out, stderr)
	default:
		err = svc.Backup.ExportBackup(cmd.out)
	}
	if err != nil {
		fmt.Fprintln(stderr, "plexus backup:", userMessage(log, err))
		if pln.CodeOf(err) == pln.CodeDamaged {
			return 3 // written, without what could not be read
		}
		return 1
	}
	if cmd.out != "-" {
		fmt.Fprintf(stdout, "Backup written to %s\n", cmd.out)
	}
	warnPlainExport(cmd, svc, stderr)
	return 0
}

func runRestore(cmd command, dir string, log *slog.Logger, stdout, stderr io.Writer) int {
	key, err := commandKey(dir, log, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "plexus restore:", userMessage(log, err))
		return 1
	}
	st, svc, err := openStoreKey(dir, key, log, nil)
	if pln.CodeOf(err) == pln.CodeDamaged {
		if !cmd.replace {
			fmt.Fprintln(stderr, "plexus restore:", userMessage(log, err), "(add --replace to restore over it; the damaged store is kept in "+filepath.Join(dir, service.DamagedDir)+")")
			return 1
		}
		// Too damaged to snapshot: keep it aside whole, restore into a new one.
		aside, rerr := service.RestoreIntoNewStore(dir, cmd.in, key, time.Now())
		if rerr != nil {
			fmt.Fprintln(stderr, "plexus restore:", userMessage(log, rerr))
			return 1
		}
		fmt.Fprintf(stdout, "The damaged store was moved to %s\n", aside)
		if st, svc, err = openStoreKey(dir, key, log, nil); err == nil { // finishes the pending restore
			st.Close()
			fmt.Fprintf(stdout, "Restored %s into %s\n", cmd.in, dir)
			return 0
		}
	}
	if err != nil {
		fmt.Fprintln(stderr, "plexus restore:", userMessage(log, err))
		return 1
	}
	defer closeStore(st, svc, log)
	if err := restoreFile(svc, cmd, stderr); err != nil {
		msg := userMessage(log, err)
		if pln.CodeOf(err) == pln.CodeConflict && !cmd.replace {
			msg += " (add --replace)"
		}
		fmt.Fprintln(stderr, "plexus restore:", msg)
		return 1
	}
	fmt.Fprintf(stdout, "Restored %s into %s\n", cmd.in, dir)
	return 0
}

func runImport(cmd command, dir string, log *slog.Logger, stdout, stderr io.Writer) int {
	if cmd.kind != "" && !slices.Contains(pln.Kinds, pln.Kind(cmd.kind)) {
		fmt.Fprintf(stderr, "plexus import: --kind %q is not a kind; use one of person, organisation, community, source, service, device\n", cmd.kind)
		return 2
	}
	files, err := service.ReadImportPaths(cmd.files)
	if err != nil {
		return fail(stderr, log, "plexus import", err)
	}
	st, svc, err := openCommandStore(dir, log, stderr)
	if err != nil {
		return fail(stderr, log, "plexus import", err)
	}
	defer closeStore(st, svc, log)
	pv, err := svc.Files.PreviewFiles(files)
	if err != nil {
		return fail(stderr, log, "plexus import", err)
	}
	printPreview(stdout, pv, cmd.merge)
	if cmd.dryRun {
		fmt.Fprintln(stdout, "Dry run: nothing was changed.")
		return 0
	}
	ch := pln.ImportChoices{PreviewID: pv.PreviewID, Kind: pln.Kind(cmd.kind), MergeAll: cmd.merge, SkipUnreadable: cmd.skipBad}
	if pv.UnknownKinds > 0 && ch.Kind == "" {
		fmt.Fprintf(stderr, "plexus import: %d nodes do not say what they are; choose with --kind (person, organisation, community, source, service or device). Nothing was imported.\n", pv.UnknownKinds)
		return 2
	}
	if pv.Skipped > 0 && !ch.SkipUnreadable {
		fmt.Fprintf(stderr, "plexus import: %d items cannot be imported (listed above as skipped); add --skip-unreadable to import the rest. Nothing was imported.\n", pv.Skipped)
		return 2
	}
	res, err := svc.Files.ApplyImportContext(context.Background(), ch)
	if err != nil {
		return fail(stderr, log, "plexus import", err)
	}
	fmt.Fprintf(stdout, "Imported %s: %s, %s, %s added, %s updated, %d already there\n",
		res.Source, count(res.Nodes, "node", "nodes"), count(res.Ties, "tie", "ties"), count(res.Entries, "entry", "entries"), count(res.Updated, "node", "nodes"), res.Skipped)
	return 0
}

// count is "1 node", "2 nodes".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// printPreview prints what an import would do.
func printPreview(w io.Writer, pv pln.ImportPreview, merge bool) {
	fmt.Fprintf(w, "%s (%s):\n", strings.Join(pv.Sources, ", "), pv.FormatTitle)
	fmt.Fprintf(w, "  to add: %s, %s, %s\n", count(pv.Nodes, "node", "nodes"), count(pv.Ties, "tie", "ties"), count(pv.Entries, "entry", "entries"))
	if len(pv.Updates) > 0 {
		fmt.Fprintf(w, "  to update: %d existing nodes\n", len(pv.Updates))
		for _, u := range pv.Updates {
			fmt.Fprintf(w, "    %s (%s): %s\n", termLine(u.Label), u.Reason, strings.Join(u.Fields, ", "))
		}
	}
	if pv.Unchanged > 0 {
		fmt.Fprintf(w, "  already there, nothing new: %d\n", pv.Unchanged)
	}
	if len(pv.Duplicates) > 0 {
		what := "added as new nodes (--merge merges them)"
		if merge {
			what = "merged into the existing nodes (--merge)"
		}
		fmt.Fprintf(w, "  possible duplicates, %s: %d\n", what, len(pv.Duplicates))
		for _, d := range pv.Duplicates {
			fmt.Fprintf(w, "    %q looks like %q (%s)\n", d.Label, d.ExistingLabel, d.Reason)
		}
	}
	if pv.UnknownKinds > 0 {
		fmt.Fprintf(w, "  nodes without a kind (--kind): %d\n", pv.UnknownKinds)
	}
	if len(pv.MissingEnds) > 0 {
		fmt.Fprintf(w, "  tie ends found neither in the file nor in the network: %s\n", strings.Join(termLines(pv.MissingEnds), ", "))
	}
	for _, wn := range pv.Warnings {
		mark := "note"
		if wn.Skipped {
			mark = "skipped"
		}
		if wn.Where != "" {
			fmt.Fprintf(w, "  %s: %s: %s\n", mark, termLine(wn.Where), termLine(wn.Message))
		} else {
			fmt.Fprintf(w, "  %s: %s\n", mark, termLine(wn.Message))
		}
	}
}

// runExport writes the network in a format: to a file, a folder or a zip
// (formats of several files), or stdout ("-", one-file formats only).
func runExport(cmd command, dir string, log *slog.Logger, stdout, stderr io.Writer) int {
	if _, err := interchange.LookupExporter(cmd.format); err != nil {
		fmt.Fprintln(stderr, "plexus export:", pln.AsError(err).Message)
		return 2
	}
	st, svc, err := openCommandStore(dir, log, stderr)
	if err != nil {
		return fail(stderr, log, "plexus export", err)
	}
	defer closeStore(st, svc, log)
	if cmd.out == "-" {
		files, err := svc.Files.Export(cmd.format)
		if err != nil {
			return fail(stderr, log, "plexus export", err)
		}
		if len(files) != 1 {
			fmt.Fprintf(stderr, "plexus export: %s writes %d files; give --out a folder or a .zip file\n", cmd.format, len(files))
			return 2
		}
		if _, err := stdout.Write(files[0].Data); err != nil {
			fmt.Fprintln(stderr, "plexus export:", err)
			return 1
		}
		return 0
	}
	paths, err := svc.Files.ExportTo(cmd.format, cmd.out)
	if err != nil {
		return fail(stderr, log, "plexus export", err)
	}
	if len(paths) == 1 {
		fmt.Fprintf(stdout, "Exported %s to %s\n", cmd.format, paths[0])
	} else {
		fmt.Fprintf(stdout, "Exported %s: %d files in %s\n", cmd.format, len(paths), cmd.out)
	}
	return 0
}

// runHistory prints the change log, newest first, one step a line: the
// local time, the step's name, and "(undone)" for a step a redo would take.
func runHistory(cmd command, dir string, log *slog.Logger, stdout, stderr io.Writer) int {
	st, svc, err := openCommandStore(dir, log, stderr)
	if err != nil {
		return fail(stderr, log, "plexus history", err)
	}
	defer closeStore(st, svc, log)
	if cmd.undoLimit > 0 {
		if err := st.SetUndoLimit(cmd.undoLimit); err != nil {
			return fail(stderr, log, "plexus history", err)
		}
		fmt.Fprintf(stdout, "Undo now reaches back %d %s.\n", cmd.undoLimit, map[bool]string{true: "step", false: "steps"}[cmd.undoLimit == 1])
	}
	limit := cmd.limit
	if limit == 0 {
		limit = 50
	}
	page, err := svc.History.Steps("", limit)
	if err != nil {
		return fail(stderr, log, "plexus history", err)
	}
	if len(page.Steps) == 0 {
		fmt.Fprintln(stdout, "No changes yet.")
		return 0
	}
	for _, s := range page.Steps {
		at, _ := time.Parse(time.RFC3339Nano, s.At)
		mark := ""
		switch {
		case s.Redoable:
			mark = "  (undone; redo brings it back)"
		case s.Undone:
			mark = "  (undone)"
		}
		fmt.Fprintf(stdout, "%s  %s%s\n", at.Local().Format("2006-01-02 15:04:05"), termLine(s.Name), mark)
	}
	if page.Next != "" {
		fmt.Fprintf(stdout, "… older steps not shown (--limit up to 500)\n")
	}
	return 0
}

// runUndoRedo takes one step back (undo) or forward (redo).
func runUndoRedo(cmd command, dir string, log *slog.Logger, stdout, stderr io.Writer) int {
	st, svc, err := openCommandStore(dir, log, stderr)
	if err != nil {
		return fail(stderr, log, "plexus "+cmd.name, err)
	}
	defer closeStore(st, svc, log)
	var step pln.HistoryStep
	if cmd.name == "undo" {
		step, err = svc.History.Undo()
	} else {
		step, err = svc.History.Redo()
	}
	if err != nil {
		return fail(stderr, log, "plexus "+cmd.name, err)
	}
	fmt.Fprintln(stdout, termLine(step.Name))
	return 0
}

// runCheck prints what service.CheckDataDir finds; exit 0 when sound.
func runCheck(cmd command, dir string, log *slog.Logger, stdout, stderr io.Writer) int {
	key, err := commandKey(dir, log, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "plexus check:", userMessage(log, err))
		return 1
	}
	rep, err := service.CheckDataDir(dir, key, log)
	if err != nil {
		fmt.Fprintln(stderr, "plexus check:", userMessage(log, err))
		return 1
	}
	if cmd.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		_ = enc.Encode(struct {
			OK bool `json:"ok"`
			service.CheckReport
		}{rep.OK(), rep})
	} else {
		printCheck(stdout, dir, rep)
	}
	if rep.OK() {
		return 0
	}
	return 1
}

func printCheck(w io.Writer, dir string, rep service.CheckReport) {
	fmt.Fprintf(w, "Store: %s (%d table files, %.1f MB)\n", rep.Dir, rep.Tables, float64(rep.Bytes)/(1<<20))
	switch {
	case rep.New:
		fmt.Fprintln(w, "No store yet: Plexus starts a new one here.")
		return
	case rep.Sealed:
		fmt.Fprintln(w, "Closed cleanly last time.")
	default:
		fmt.Fprintln(w, "Not closed cleanly last time (a crash, a power cut, or Plexus is running).")
	}
	for _, p := range rep.Repairs {
		fmt.Fprintf(w, "  will set right at the next open: %s: %s\n", p.File, p.Reason)
	}
	for _, p := range rep.Problems {
		fmt.Fprintf(w, "  DAMAGED: %s\n", strings.TrimPrefix(p.File+": "+p.Reason, ": "))
	}
	if rep.OpenError != "" && len(rep.Problems) == 0 {
		fmt.Fprintf(w, "  does not open: %s\n", rep.OpenError)
	}
	if rep.Opened {
		fmt.Fprintf(w, "Read %d nodes, %d ties, %d journal entries.\n", rep.Nodes, rep.Ties, rep.Entries)
	}
	for _, p := range rep.Unreadable {
		fmt.Fprintf(w, "  UNREADABLE: %s: %s\n", p.File, p.Reason)
	}
	if rep.OK() {
		fmt.Fprintln(w, "OK: the store is sound.")
		return
	}
	switch pln.Code(rep.OpenCode) {
	case pln.CodeDiskFull, pln.CodeReadOnly, pln.CodeConflict, pln.CodeLocked:
		fmt.Fprintln(w, "The store could not be checked (it is not damaged as far as its files show). Nothing was changed.")
		return
	}
	fmt.Fprintf(w, "The store is damaged. Nothing was changed. Ways out:\n"+
		"  plexus restore --replace --in <backup file>   (automatic backups are in %s)\n"+
		"  plexus salvage                                 (a new store from what can still be read)\n"+
		"Either way the damaged store is kept in %s.\n", filepath.Join(dir, service.BackupsDir), filepath.Join(dir, service.DamagedDir))
}

// runSalvage replaces a damaged store with what can still be read.
func runSalvage(cmd command, dir string, log *slog.Logger, stdout, stderr io.Writer) int {
	fail := func(err error) int {
		fmt.Fprintln(stderr, "plexus salvage:", userMessage(log, err))
		return 1
	}
	if err := service.FinishRecovery(dir, log); err != nil {
		return fail(err)
	}
	if _, err := os.Stat(filepath.Join(dir, service.StoreDir)); err != nil {
		return fail(pln.NotFound("There is no store in %s to salvage.", dir))
	}
	key, err := commandKey(dir, log, stderr)
	if err != nil {
		return fail(err)
	}
	sr, err := service.PrepareSalvage(dir, key, log)
	if err != nil {
		return fail(err)
	}
	fmt.Fprintf(stdout, "What can still be read: %d nodes, %d ties and %d journal entries.\n", sr.Nodes, sr.Ties, sr.Entries)
	for _, p := range sr.Unreadable {
		fmt.Fprintf(stdout, "  could not be read: %s: %s\n", p.File, p.Reason)
	}
	if !cmd.yes {
		if err := service.DiscardSalvage(dir); err != nil {
			return fail(err)
		}
		fmt.Fprintf(stdout, "Nothing was replaced. To replace the damaged store with this (it is kept in %s), run:\n  plexus salvage --yes\nor restore a backup instead (plexus backups lists them).\n", filepath.Join(dir, service.DamagedDir))
		return 0
	}
	aside, err := service.CommitSalvage(dir, log, time.Now())
	if err != nil {
		return fail(err)
	}
	fmt.Fprintf(stdout, "Salvaged %d nodes, %d ties and %d journal entries into a new store in %s.\n", sr.Nodes, sr.Ties, sr.Entries, filepath.Join(dir, service.StoreDir))
	fmt.Fprintf(stdout, "The damaged store is kept in %s. The undo history starts anew.\n", aside)
	return 0
}

// closeStore ends a command: it writes the day's automatic backup when one
// is due (service.DailyBackup; after the command's own work, so the
// command is not held up), waits for the services, and closes the store.
func closeStore(st *store.Store, svc *service.Services, log *slog.Logger) {
	if _, err := svc.DailyBackup(); err != nil {
		log.Error("daily backup failed", "err", err.Error())
	}
	if !svc.Close(time.Minute) {
		log.Warn("closing the store with work still running")
	}
	if err := st.Close(); err != nil {
		log.Error("closing the store", "err", err.Error())
	}
}

// runBackups lists the automatic backups (service.SavedBackups). It opens
// no store, so it works while the window runs and when the store is damaged.
func runBackups(dir string, log *slog.Logger, stdout, stderr io.Writer) int {
	list, err := savedBackups(dir, log, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "plexus backups:", userMessage(log, err))
		return 1
	}
	folder := filepath.Join(dir, service.BackupsDir)
	if len(list) == 0 {
		fmt.Fprintf(stdout, "No automatic backups yet in %s.\n", folder)
		return 0
	}
	fmt.Fprintf(stdout, "Automatic backups in %s, newest first:\n", folder)
	for _, b := range list {
		at, _ := time.Parse(time.RFC3339Nano, b.At)
		what := "counts not recorded"
		if b.Nodes >= 0 {
			what = fmt.Sprintf("%d nodes, %d ties, %d entries", b.Nodes, b.Ties, b.Entries)
		}
		if b.Problem != "" {
			what = "DOES NOT READ: " + b.Problem
		}
		fmt.Fprintf(stdout, "%s  %-13s %9s  %-36s %s\n", at.Local().Format("2006-01-02 15:04"), b.Kind, sizeText(b.Size), what, b.Name)
	}
	fmt.Fprintf(stdout, "Restore one with: plexus restore --replace --in %s\n", filepath.Join(folder, "<file>"))
	return 0
}

// sizeText is n bytes for people: "812 B", "4.2 KB", "1.3 MB" (powers of 1024).
func sizeText(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	case n < 1<<30:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
}

// instanceID is the SingleInstanceLock id for a data folder: windows on
// different data folders run side by side; a second launch on the same one
// hands over to the first.
func instanceID(dir string) string {
	sum := sha256.Sum256([]byte(dir))
	return "plexus-" + hex.EncodeToString(sum[:8])
}

func runWindow(dir string, log *slog.Logger, stderr io.Writer) int {
	log.Info("Plexus starting", "data_dir", dir, "pid", os.Getpid())
	waitForParent(log) // a relaunch from the recovery screen
	app := &App{log: log, dataDir: dir, debugFrames: debugFramesOn(log)}
	rec := &Recovery{log: log, dataDir: dir}
	st, svc, key, err := openStore(dir, log, appEmitter{app})
	rec.key = key
	if pln.CodeOf(err) == pln.CodeConflict {
		fmt.Fprintf(stderr, "Plexus is already open on %s.\n", dir)
		log.Warn("already open; handing over to the running window", "data_dir", dir)
		handOver(dir, log)
		return 1
	}
	if err != nil {
		// Never an exit before any window shows: the recovery screen
		// says what is wrong and offers the ways out.
		fmt.Fprintln(stderr, "plexus:", userMessage(log, err))
		log.Error("the store did not open; showing the recovery screen", "err", err.Error())
		rec.openErr = err
		return runRecoveryWindow(rec, log, stderr)
	}
	app.st, app.svc = st, svc
	// OnShutdown closes it; Close is idempotent. svc.Store(): turning
	// encryption on or off in the window reopens the store.
	defer func() { _ = svc.Store().Close() }()
	// The day's automatic backup, in the background once the window has
	// had time to draw (autobackup.go); OnShutdown waits for one in progress.
	svc.StartDailyBackups(10 * time.Second)
	// The whole network, read into GET /api/network's cache while the
	// webview starts (backend/service/netcache.go).
	svc.WarmNetwork()

	dist, err := fs.Sub(assets, "frontend/dist")
	if err != nil {
		log.Error("embedded assets", "err", err)
		return 1
	}
	win := baseWindow(dir, log, dist, service.NewHandler(svc, log), app.secondInstance)
	win.OnStartup = func(ctx context.Context) { rec.startup(ctx); app.startup(ctx) }
	win.OnShutdown = app.shutdown
	win.Bind = append(svc.Bind(), app, rec)
	win.DragAndDrop = &options.DragAndDrop{
		EnableFileDrop:     true,
		DisableWebViewDrop: false, // the page's HTML5 drop handles links and in-browser files
	}
	err = wails.Run(win)
	if err != nil {
		fmt.Fprintln(stderr, "plexus:", err)
		log.Error("wails.Run failed", "err", err)
		return 1
	}
	return 0
}

// baseWindow is what the app's window and the recovery window share: size
// limits, the assets with this build's CSP header (csp.go) and api for
// /api/*, the error formatter and logger, the single-instance lock on the
// data folder, the Linux icon.
func baseWindow(dir string, log *slog.Logger, dist fs.FS, api http.Handler, onSecond func(options.SecondInstanceData)) *options.App {
	return &options.App{
		Title:            "Plexus",
		Width:            1280,
		Height:           800,
		MinWidth:         640,
		MinHeight:        480,
		AssetServer:      assetOptions(dist, api),
		BackgroundColour: &options.RGBA{R: 250, G: 250, B: 249, A: 255},
		ErrorFormatter:   service.ErrorFormatter(log),
		Logger:           wailsLogger{log},
		SingleInstanceLock: &options.SingleInstanceLock{
			UniqueId:               instanceID(dir),
			OnSecondInstanceLaunch: onSecond,
		},
		Linux: &linux.Options{
			Icon:             icon,
			WebviewGpuPolicy: linux.WebviewGpuPolicyAlways,
			ProgramName:      "plexus",
		},
	}
}

// runRecoveryWindow is the window when the store did not open: the same
// page, which asks Recovery.State and shows the recovery screen only.
func runRecoveryWindow(rec *Recovery, log *slog.Logger, stderr io.Writer) int {
	dist, err := fs.Sub(assets, "frontend/dist")
	if err != nil {
		log.Error("embedded assets", "err", err)
		return 1
	}
	win := baseWindow(rec.dataDir, log, dist, http.NotFoundHandler(), func(options.SecondInstanceData) {})
	win.Title, win.Width, win.Height = "Plexus — recovery", 960, 720
	win.OnStartup = rec.startup
	win.Bind = []any{rec}
	err = wails.Run(win)
	if err != nil {
		fmt.Fprintln(stderr, "plexus:", err)
		log.Error("wails.Run failed", "err", err)
		return 1
	}
	return 1 // the data folder was not opened
}

// handOver gives Wails' SingleInstanceLock its chance when the store is
// locked by a running Plexus: a hidden window with the same UniqueId makes
// Wails pass our arguments to the running window (which comes forward) and
// exit. Where there is no lock service (Linux without a D-Bus session) the
// hidden window quits as soon as it is up. Either way the caller exits 1.
func handOver(dir string, log *slog.Logger) {
	go func() { // never hang here, whatever the windowing system does
		time.Sleep(10 * time.Second)
		log.Warn("hand-over window did not close; exiting")
		os.Exit(1)
	}()
	blank := fstest.MapFS{"index.html": &fstest.MapFile{Data: []byte("<!doctype html><title>Plexus</title>")}}
	err := wails.Run(&options.App{
		Title:       "Plexus",
		StartHidden: true,
		AssetServer: &assetserver.Options{Assets: blank},
		Logger:      wailsLogger{log},
		OnDomReady:  func(ctx context.Context) { runtime.Quit(ctx) },
		SingleInstanceLock: &options.SingleInstanceLock{
			UniqueId:               instanceID(dir),
			OnSecondInstanceLaunch: func(options.SecondInstanceData) {},
		},
		Linux: &linux.Options{ProgramName: "plexus"},
	})
	if err != nil {
		log.Warn("hand-over window", "err", err)
	}
}

// openLog opens <dir>/plexus.log for appending (moving a log over 10 MiB to
// plexus.log.1 first) and returns a logger writing to it and, when
// toStderr, to stderr as well.
func openLog(dir string, toStderr bool, stderr io.Writer) (*os.File, *slog.Logger, error) {
	path := filepath.Join(dir, "plexus.log")
	if st, err := os.Stat(path); err == nil && st.Size() > 10<<20 {
		_ = os.Rename(path, path+".1")
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, nil, err
	}
	var w io.Writer = f
	if toStderr {
		w = io.MultiWriter(f, stderr)
	}
	return f, slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo})), nil
}

// wailsLogger sends Wails' own log lines to slog.
type wailsLogger struct{ log *slog.Logger }

func (l wailsLogger) Print(m string)   { l.log.Info(m, "from", "wails") }
func (l wailsLogger) Trace(m string)   { l.log.Debug(m, "from", "wails") }
func (l wailsLogger) Debug(m string)   { l.log.Debug(m, "from", "wails") }
func (l wailsLogger) Info(m string)    { l.log.Info(m, "from", "wails") }
func (l wailsLogger) Warning(m string) { l.log.Warn(m, "from", "wails") }
func (l wailsLogger) Error(m string)   { l.log.Error(m, "from", "wails") }
func (l wailsLogger) Fatal(m string)   { l.log.Error(m, "from", "wails", "fatal", true); os.Exit(1) }
