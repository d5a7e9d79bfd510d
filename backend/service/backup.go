package service

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/plexus-pln/plexus/backend/interchange"
	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// Files BackupService keeps in the data directory.
const (
	// PendingRestoreFile holds a validated backup while a restore replaces
	// the store. Its presence at start means a restore was interrupted; New
	// then finishes it.
	PendingRestoreFile = "restore-pending.json"
	// BackupsDir holds the copies of the data saved before each replacing
	// restore (pre-restore-<UTC time>.json).
	BackupsDir = "backups"
	// MaxBackupBytes is the largest backup file RestoreBackup reads (1 GiB).
	MaxBackupBytes = 1 << 30
)

// Disk space a restore or an import needs beyond the store's reserve, as a
// multiple of the bytes it brings in (docs/decisions/disk-space.md).
const (
	// restoreSpaceFactor: the restore-pending copy, the pre-restore
	// backup of the data it replaces, the memtable logs and the tables of
	// the load, and one more for indexes and compaction.
	restoreSpaceFactor = 5
	// importSpaceFactor: the staged records (memtable log and table) and
	// the change-log step that publishes them (log and table again).
	importSpaceFactor = 4
)

// errLoad marks a restore whose Load failed after the store was emptied.
var errLoad = errors.New("loading the backup into the store")

// BackupService writes and restores the versioned JSON backup
// (interchange.Backup): every node, tie, entry and import.
type BackupService struct {
	c *core
}

// ExportBackup writes the whole store as a backup to path, atomically (a
// temporary file in the same folder, flushed to disk, then renamed over
// path): path holds either the old file or the complete new one. An
// existing path that is not a Plexus backup is not overwritten (conflict),
// so the webview cannot use this to clobber arbitrary files. Errors: invalid
// (empty path, missing folder, no permission), conflict, internal.
func (s *BackupService) ExportBackup(path string) (err error) {
	defer recoverInto(s.c.log, "BackupService.ExportBackup", &err)
	return s.export(path, s.snapshot)
}

// export writes the backup that snap reads to path (see ExportBackup).
func (s *BackupService) export(path string, snap func() (*interchange.Backup, error)) error {
	path, err := cleanPath(path)
	if err != nil {
		return err
	}
	if err := checkOverwritable(path); err != nil {
		return err
	}
	s.c.gate.RLock()
	b, err := snap()
	s.c.gate.RUnlock()
	if err != nil {
		return err
	}
	if err := writeFileAtomic(path, func(w io.Writer) error { return interchange.WriteBackup(w, b) }); err != nil {
		return fileError("write", path, err)
	}
	s.c.log.Info("backup exported", "path", path, "asOf", b.AsOf, "nodes", len(b.Nodes), "ties", len(b.Ties), "entries", len(b.Entries))
	return skippedError(path, b)
}

// WriteBackup writes the whole store as a backup to w (GET /api/backup and
// the "plexus backup" command use it).
func (s *BackupService) WriteBackup(w io.Writer) (err error) {
	defer recoverInto(s.c.log, "BackupService.WriteBackup", &err)
	s.c.gate.RLock()
	b, err := s.snapshot()
	s.c.gate.RUnlock()
	if err != nil {
		return err
	}
	if err := interchange.WriteBackup(w, b); err != nil {
		return err
	}
	return skippedError("", b)
}

// RestoreBackup replaces the store's contents with the backup at path.
// The file is read and validated completely first: a bad file changes
// nothing (invalid/unsupported naming what is wrong). If the store holds
// anything besides the ego and replace is false, it is a conflict. When
// replacing, the current data is first saved to
// <data dir>/backups/pre-restore-<time>.json. The validated backup is then
// written to <data dir>/restore-pending.json, the store emptied and loaded,
// and the pending file removed; a crash in between is finished by New on the
// next start. Emits network:changed and journal:changed reason "restore".
func (s *BackupService) RestoreBackup(path string, replace bool) (err error) {
	return s.restoreBackup(path, replace, "")
}

// restoreBackup is RestoreBackup; passphrase opens a backup file sealed
// with one (EncryptionService.RestoreEncryptedBackup).
func (s *BackupService) restoreBackup(path string, replace bool, passphrase string) (err error) {
	defer recoverInto(s.c.log, "BackupService.RestoreBackup", &err)
	path, err = cleanPath(path)
	if err != nil {
		return err
	}
	sec := s.c.fileSecret()
	sec.passphrase = passphrase
	b, err := readBackupFileWith(path, sec)
	if err != nil {
		return err
	}
	if s.c.dataDir == "" {
		return errors.New("service: no data directory configured; cannot restore safely")
	}
	// Room for the restore-pending copy, the pre-restore backup and the
	// load, each about the file's size, plus one more for the change log
	// and indexes, over the store's reserve (docs/decisions/disk-space.md).
	if fi, err := os.Stat(path); err == nil {
		if err := s.c.st.EnsureSpace(restoreSpaceFactor*uint64(fi.Size()), "restore "+filepath.Base(path)); err != nil {
			return err
		}
	}

	s.c.gate.Lock()
	defer s.c.gate.Unlock()
	nodes, ties, entries, err := s.counts()
	if err != nil {
		return err
	}
	var prior *interchange.Backup
	if nodes+ties+entries > 0 {
		if !replace {
			return pln.Conflict("Plexus already holds %d nodes, %d ties and %d journal entries; restoring %s would replace them. Choose replace to go ahead (the current data is saved first).",
				nodes, ties, entries, filepath.Base(path))
		}
		var err error
		if prior, err = s.snapshot(); err != nil {
			return err
		}
		saved, err := s.c.saveBackup(pln.BackupPreRestore, pln.BackupPreRestore, prior) // verified (autobackup.go)
		if err != nil {
			return store.NoSpace(s.c.dataDir, fmt.Errorf("saving the current data before restoring: %w", err))
		}
		s.c.log.Info("saved the current data before restoring", "path", saved)
	}
	pending := filepath.Join(s.c.dataDir, PendingRestoreFile)
	if err := WriteBackupFileProtected(pending, s.c.key, func(w io.Writer) error { return interchange.WriteBackup(w, b) }); err != nil {
		return store.NoSpace(s.c.dataDir, fmt.Errorf("writing %s: %w", pending, err))
	}
	if err := s.apply(b, pending, prior); err != nil {
		return err
	}
	s.c.log.Info("backup restored", "path", path, "nodes", len(b.Nodes), "ties", len(b.Ties), "entries", len(b.Entries), "replace", replace)
	s.c.search.invalidate()
	s.c.emit(pln.EventNetworkChanged, pln.NetworkChanged{Reason: pln.ReasonRestore})
	s.c.emit(pln.EventJournalChanged, pln.JournalChanged{Reason: pln.ReasonRestore})
	s.c.emitViews()
	s.c.emitSettings()
	s.c.emit(pln.EventGoalsChanged, pln.GoalsChanged{Reason: pln.ReasonRestore})
	s.c.emitHistory()
	return nil
}

// apply empties the store, loads b, removes the pending file and makes sure
// the ego exists. The caller holds the gate for writing (or is New). If the
// load fails (Load is not atomic), the store is emptied again and prior —
// the data before the restore, nil when there was none — is loaded back, the
// pending file is moved aside so that the next start does not retry it, and
// the load error is returned.
func (s *BackupService) apply(b *interchange.Backup, pending string, prior *interchange.Backup) error {
	if err := s.c.st.DropAll(); err != nil {
		return fmt.Errorf("emptying the store for a restore: %w", err)
	}
	err := s.c.st.LoadContents(contentsOf(b))
	if err == nil {
		err = s.c.st.LoadViews(b.Views)
	}
	if err == nil && b.Settings != nil {
		err = s.c.st.LoadSettings(*b.Settings)
	}
	if err == nil {
		err = s.c.st.LoadImages(imageFiles(b))
	}
	if err != nil {
		s.c.log.Error("loading a backup failed; putting the previous data back", "err", err)
		s.setAside(pending)
		if dErr := s.c.st.DropAll(); dErr != nil {
			return errors.Join(fmt.Errorf("%w: %w", errLoad, err), dErr)
		}
		if prior != nil {
			pErr := s.c.st.LoadContents(contentsOf(prior))
			if pErr == nil {
				pErr = s.c.st.LoadViews(prior.Views)
			}
			if pErr == nil && prior.Settings != nil {
				pErr = s.c.st.LoadSettings(*prior.Settings)
			}
			if pErr == nil {
				pErr = s.c.st.LoadImages(imageFiles(prior))
			}
			if pErr != nil {
				s.c.log.Error("putting the previous data back failed; it is in the backups folder", "err", pErr)
			}
		}
		if _, eErr := s.c.ensureEgo(); eErr != nil {
			s.c.log.Error("creating the ego after a failed restore", "err", eErr)
		}
		return fmt.Errorf("%w: %w", errLoad, err)
	}
	if err := os.Remove(pending); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	syncDir(filepath.Dir(pending))
	_, err = s.c.ensureEgo()
	return err
}

// setAside renames a pending-restore file that must not be retried.
func (s *BackupService) setAside(pending string) {
	aside := filepath.Join(filepath.Dir(pending), "restore-pending.bad-"+s.c.now().UTC().Format("20060102T150405Z")+".json")
	if err := os.Rename(pending, aside); err != nil && !errors.Is(err, fs.ErrNotExist) {
		s.c.log.Error("moving a failed pending restore aside", "file", pending, "err", err)
		return
	}
	s.c.log.Warn("moved a pending restore aside", "file", aside)
}

// recoverPendingRestore finishes a restore a crash interrupted: when
// <data dir>/restore-pending.json exists it is loaded into the store and
// removed. A pending file that does not read as a valid backup (it is written
// atomically, so this means outside damage) is renamed aside and the store
// left as it is. It reports whether a restore was finished.
func (s *BackupService) recoverPendingRestore() (bool, error) {
	if s.c.dataDir == "" {
		return false, nil
	}
	pending := filepath.Join(s.c.dataDir, PendingRestoreFile)
	if _, err := os.Stat(pending); errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	b, err := readBackupFileWith(pending, fileSecret{folderKey: s.c.key})
	if err != nil {
		s.c.log.Error("an interrupted restore left a file that is not a valid backup; keeping the store as it is",
			"file", pending, "err", err)
		s.setAside(pending)
		return false, nil
	}
	// Too little room to load it: keep the store and the pending file as
	// they are, and say so (the next start tries again).
	if fi, err := os.Stat(pending); err == nil {
		if err := s.c.st.EnsureSpace(2*uint64(fi.Size()), "finish the restore that was interrupted"); err != nil {
			return false, err
		}
	}
	s.c.log.Warn("finishing a restore that was interrupted", "file", pending, "nodes", len(b.Nodes), "entries", len(b.Entries))
	s.c.gate.Lock()
	defer s.c.gate.Unlock()
	if err := s.apply(b, pending, nil); err != nil {
		if errors.Is(err, errLoad) {
			// The store is usable (empty but for the ego); the data from
			// before the restore is in the backups folder.
			s.c.log.Error("could not finish the interrupted restore; see the backups folder", "err", err)
			return false, nil
		}
		return false, err
	}
	s.c.log.Info("interrupted restore finished")
	return true, nil
}

// snapshot reads everything into a Backup in one transaction (the published
// imports in a second read; they only label records).
//
// When the strict read fails on damage (a checksum, a record that does not
// decode), it reads again record by record (store.ReadTolerant): the
// backup holds everything readable and b.Skipped lists the rest.
func (s *BackupService) snapshot() (*interchange.Backup, error) {
	b, err := s.strictSnapshot()
	if err == nil {
		return b, nil
	}
	return s.tolerantSnapshot(err)
}

func (s *BackupService) strictSnapshot() (*interchange.Backup, error) {
	b := &interchange.Backup{Format: interchange.FormatBackup, Version: interchange.BackupVersion, ExportedAt: s.c.stamp()}
	err := s.c.st.View(func(tx *store.Tx) error {
		nw, err := readNetwork(tx)
		if err != nil {
			return err
		}
		b.Ego, b.Nodes, b.Ties = nw.Ego, nw.Nodes, nw.Ties
		if b.Views, err = tx.Views(); err != nil {
			return err
		}
		set, err := tx.Settings()
		if err != nil {
			return err
		}
		if !set.IsDefault() {
			b.Settings = &set
		}
		if b.Goals, err = tx.ListGoals(); err != nil {
			return err
		}
		if b.Images, err = readImages(tx); err != nil {
			return err
		}
		b.Entries = []pln.Entry{}
		cursor := ""
		for {
			es, next, err := tx.EntriesByDate(time.Time{}, time.Time{}, MaxEntryLimit, cursor)
			if err != nil {
				return err
			}
			b.Entries = append(b.Entries, es...)
			if next == "" {
				return nil
			}
			cursor = next
		}
	})
	if err != nil {
		return nil, err
	}
	imps, err := s.c.st.Imports()
	if err != nil {
		return nil, err
	}
	b.Imports = []pln.Import{}
	for _, imp := range imps { // undone or unfinished imports own no visible records
		if imp.Published {
			b.Imports = append(b.Imports, imp)
		}
	}
	return b, nil
}

// readImages reads every kept image, bytes included, for a backup.
func readImages(tx *store.Tx) ([]interchange.BackupImage, error) {
	var out []interchange.BackupImage
	err := tx.Images(true, func(info pln.ImageInfo, data []byte) error {
		out = append(out, interchange.BackupImage{ID: info.ID, MIME: info.MIME, Width: info.Width, Height: info.Height, Data: data})
		return nil
	})
	return out, err
}

// imageFiles lists the bytes of a backup's images.
func imageFiles(b *interchange.Backup) [][]byte {
	files := make([][]byte, len(b.Images))
	for i, im := range b.Images {
		files[i] = im.Data
	}
	return files
}

// counts returns how many alters (nodes besides the ego), ties and entries
// (0 or 1: only emptiness matters) the store holds.
func (s *BackupService) counts() (alters, ties, entries int, err error) {
	err = s.c.st.View(func(tx *store.Tx) error {
		ns, err := tx.ListNodes()
		if err != nil {
			return err
		}
		for _, n := range ns {
			if !n.Ego {
				alters++
			}
		}
		ts, err := tx.ListTies()
		if err != nil {
			return err
		}
		ties = len(ts)
		es, _, err := tx.EntriesByDate(time.Time{}, time.Time{}, 1, "")
		entries = len(es)
		return err
	})
	return alters, ties, entries, err
}

func readBackupFile(path string) (*interchange.Backup, error) {
	return readBackupFileWith(path, fileSecret{})
}

// readBackupFileWith is readBackupFile for plain and encrypted files
// (protect.go): an encrypted one opens with sec (the folder's key, or a
// passphrase), else it is pln.CodeLocked.
func readBackupFileWith(path string, sec fileSecret) (*interchange.Backup, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fileError("read", path, err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > MaxBackupBytes {
		return nil, pln.TooLarge("%s is %d MiB; backups up to %d MiB can be restored.", filepath.Base(path), st.Size()>>20, MaxBackupBytes>>20)
	}
	r, err := unsealReader(bufio.NewReaderSize(io.LimitReader(f, MaxBackupBytes), 1<<16), filepath.Base(path), sec)
	if err != nil {
		return nil, err
	}
	b, err := interchange.ReadBackup(bufio.NewReader(r))
	if err != nil {
		return nil, prefixInvalid(filepath.Base(path), err)
	}
	return b, nil
}

// cleanPath checks a path handed in by the UI or a command line.
func cleanPath(path string) (string, error) {
	if strings.TrimSpace(path) == "" {
		return "", pln.Invalid("No file was chosen.")
	}
	if strings.ContainsRune(path, 0) {
		return "", pln.Invalid("The file name contains a NUL character.")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", pln.Invalid("The path %q cannot be used: %v.", truncateRunes(path, 80), err)
	}
	return abs, nil
}

// checkOverwritable refuses to replace an existing file that is not a
// Plexus backup (or a directory).
func checkOverwritable(path string) error {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fileError("write", path, err)
	}
	if st.IsDir() {
		return pln.Invalid("%s is a folder; choose a file name.", path)
	}
	if st.Size() == 0 {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return fileError("write", path, err)
	}
	defer f.Close()
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	if !strings.Contains(string(head[:n]), `"`+interchange.FormatBackup+`"`) {
		return pln.Conflict("%s already exists and is not a Plexus backup; choose another name.", path)
	}
	return nil
}

// fileError turns an OS error on path into a *pln.Error the user can act on
// (missing folder, no permission), or returns it (internal) otherwise.
func fileError(verb, path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return pln.Invalid("Cannot %s %s: the file or its folder does not exist.", verb, path)
	case errors.Is(err, fs.ErrPermission):
		return pln.Invalid("Cannot %s %s: permission denied.", verb, path)
	}
	var pe *pln.Error
	if errors.As(err, &pe) {
		return pe
	}
	return fmt.Errorf("%s %s: %w", verb, path, err)
}

// writeFileAtomic writes path through a temporary file in the same folder:
// write, fsync, close, rename, fsync the folder. On any error the temporary
// file is removed and path is untouched.
func writeFileAtomic(path string, write func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<16)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// syncDir flushes a folder's entries (a rename or remove in it) to disk.
// Best effort; a no-op on Windows, where folders cannot be opened for sync.
func syncDir(dir string) {
	if runtime.GOOS == "windows" {
		return
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

// PreMigrationBackup returns a store.Options.BeforeMigrate hook that saves
// the whole network and journal to
// <dataDir>/backups/pre-migration-v<from>-<time>.json before the store's
// schema is migrated, so a migration that goes wrong loses nothing. It
// reads the store with this build's readers, which understand schema 2 and
// later; a schema-1 store (positions inside the node records) is migrated
// without a file, with a warning in the log.
func PreMigrationBackup(dataDir string, log *slog.Logger) func(st *store.Store, from, to int) error {
	return PreMigrationBackupProtected(dataDir, nil, log)
}

// PreMigrationBackupProtected is PreMigrationBackup for a data folder
// whose store key is key (nil: not encrypted): the file is encrypted with
// it (WriteBackupFileProtected).
func PreMigrationBackupProtected(dataDir string, key []byte, log *slog.Logger) func(st *store.Store, from, to int) error {
	return func(st *store.Store, from, to int) error {
		if log == nil {
			log = slog.New(slog.NewTextHandler(io.Discard, nil))
		}
		if from < 2 {
			log.Warn("migrating a schema-1 store without a backup file (this build cannot read its positions)", "from", from, "to", to)
			return nil
		}
		c := &core{st: st, now: time.Now, log: log, dataDir: dataDir, gate: &sync.RWMutex{}, key: key}
		b, err := (&BackupService{c: c}).snapshot()
		if err != nil {
			return err
		}
		path, err := c.saveBackup(pln.BackupPreMigration, fmt.Sprintf("%s-v%d", pln.BackupPreMigration, from), b) // verified (autobackup.go)
		if err != nil {
			return fmt.Errorf("saving the data before migrating it: %w", err)
		}
		log.Info("saved the data before migrating the store", "path", path, "from", from, "to", to)
		return nil
	}
}

// snapshotAsOf is snapshot for the network and journal as they were at at.
func (s *BackupService) snapshotAsOf(at time.Time) (*interchange.Backup, error) {
	snap, err := s.c.st.AsOf(at)
	if err != nil {
		return nil, err
	}
	t := at.UTC()
	return &interchange.Backup{Format: interchange.FormatBackup, Version: interchange.BackupVersion, ExportedAt: s.c.stamp(),
		AsOf: &t, Ego: snap.Ego, Nodes: snap.Nodes, Ties: snap.Ties, Entries: snap.Entries, Imports: snap.Imports, Goals: snap.Goals}, nil
}

// WriteBackupAsOf writes a backup of the network and journal as they were
// at time at (rewound through the change log; see store.AsOf) to w. It is
// for Go callers ("plexus backup --as-of"); Services is not bound.
func (s *Services) WriteBackupAsOf(w io.Writer, at time.Time) (err error) {
	b := s.Backup
	defer recoverInto(b.c.log, "Services.WriteBackupAsOf", &err)
	b.c.gate.RLock()
	bk, err := b.snapshotAsOf(at)
	b.c.gate.RUnlock()
	if err != nil {
		return err
	}
	return interchange.WriteBackup(w, bk)
}

// ExportBackupAsOf is ExportBackup for the network as it was at at.
func (s *Services) ExportBackupAsOf(path string, at time.Time) (err error) {
	defer recoverInto(s.Backup.c.log, "Services.ExportBackupAsOf", &err)
	return s.Backup.export(path, func() (*interchange.Backup, error) { return s.Backup.snapshotAsOf(at) })
}
