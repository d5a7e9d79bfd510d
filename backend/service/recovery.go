package service

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/plexus-pln/plexus/backend/interchange"
	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// Recovery: what Plexus does when the store in a data folder cannot be
// trusted (docs/decisions/recovery.md). Nothing here needs an open store,
// and nothing deletes the damaged one: it is moved to
// <data dir>/damaged/db-<UTC time>/ and stays there.

// Folder names in the data folder.
const (
	StoreDir    = "db"          // the Badger store
	DamagedDir  = "damaged"     // damaged stores moved aside
	salvagedDir = "db.salvaged" // a salvaged store waiting to replace db
	salvageDone = "SALVAGED"    // marker file: salvagedDir is complete
)

// tolerantSnapshot is snapshot's fallback when the strict read failed
// with cause: every record that can be read, the others listed in
// b.Skipped.
func (s *BackupService) tolerantSnapshot(cause error) (*interchange.Backup, error) {
	s.c.log.Error("reading the store for a backup failed; reading record by record", "err", cause)
	c, problems, err := s.c.st.ReadTolerant()
	if err != nil {
		return nil, errors.Join(cause, err)
	}
	b := &interchange.Backup{Format: interchange.FormatBackup, Version: interchange.BackupVersion, ExportedAt: s.c.stamp(),
		Ties: c.Ties, Entries: c.Entries, Imports: c.Imports, Goals: c.Goals}
	for _, n := range c.Nodes {
		if n.Ego && b.Ego == "" {
			b.Ego = n.ID
		}
		b.Nodes = append(b.Nodes, n)
	}
	// The images one by one too: each that reads whole and matches its id.
	files, bad := s.c.st.ReadImagesTolerant()
	problems = append(problems, bad...)
	for _, data := range files {
		if info, err := pln.CheckImage(data); err == nil {
			b.Images = append(b.Images, interchange.BackupImage{ID: info.ID, MIME: info.MIME, Width: info.Width, Height: info.Height, Data: data})
		}
	}
	for _, p := range problems {
		b.Skipped = append(b.Skipped, p.File+": "+p.Reason)
	}
	if len(b.Skipped) == 0 {
		// Everything decoded record by record: the strict read failed for
		// another reason (an index), and the backup is whole.
		s.c.log.Warn("the record-by-record read found every record", "cause", cause)
	}
	return b, nil
}

// skippedError reports a backup written without the records b.Skipped
// lists (code damaged), or nil when nothing was skipped. path is "" for a
// stream.
func skippedError(path string, b *interchange.Backup) error {
	if len(b.Skipped) == 0 {
		return nil
	}
	where := "The backup was written"
	if path != "" {
		where = "The backup was written to " + path
	}
	shown := b.Skipped
	more := ""
	if len(shown) > 5 {
		shown, more = shown[:5], fmt.Sprintf("; and %d more", len(b.Skipped)-5)
	}
	return pln.Damaged("%s, but %d records in the store could not be read and are not in it (%s%s). The store is damaged: see `plexus check`.",
		where, len(b.Skipped), strings.Join(shown, "; "), more)
}

// CheckReport is what CheckDataDir found.
type CheckReport struct {
	store.Health
	// Opened: the store opened (the folder checks passed and the record
	// count matches the clean-close seal).
	Opened bool `json:"opened"`
	// OpenError: why it did not open, when it did not; OpenCode its pln
	// code (disk_full and read_only are not damage).
	OpenError string `json:"openError,omitempty"`
	OpenCode  string `json:"openCode,omitempty"`
	// Nodes, Ties, Entries: records read, when it opened.
	Nodes   int `json:"nodes"`
	Ties    int `json:"ties"`
	Entries int `json:"entries"`
	// Unreadable: records that could not be read or decoded.
	Unreadable []store.Problem `json:"unreadable,omitempty"`
}

// OK reports whether the store is sound.
func (r CheckReport) OK() bool {
	if r.OpenCode == string(pln.CodeDiskFull) || r.OpenCode == string(pln.CodeReadOnly) || r.OpenCode == string(pln.CodeConflict) {
		return false
	}
	return r.Health.OK() && (r.Opened || r.New) && len(r.Unreadable) == 0
}

// CheckDataDir checks the store in dataDir without changing anything it
// holds: the folder checks (store.Inspect), then, where they pass, an open
// (the seal's record count) and a read of every record. A store another
// process holds open is checked by the folder checks only (conflict in
// OpenError).
//
// key is the store key of an encrypted data folder (Unlock), nil otherwise.
func CheckDataDir(dataDir string, key []byte, log *slog.Logger) (CheckReport, error) {
	dir := filepath.Join(dataDir, StoreDir)
	h, err := store.InspectKey(dir, key)
	rep := CheckReport{Health: h}
	if err != nil || !h.OK() || h.New {
		return rep, err
	}
	// Open a copy, so that checking changes nothing: opening sets right
	// harmless leftovers and replays the memtable log.
	if unlock, err := store.LockDir(dir); err != nil {
		rep.OpenCode, rep.OpenError = string(pln.CodeOf(err)), pln.AsError(err).Message
		return rep, nil
	} else {
		unlock()
	}
	tmp, err := copyStoreFolder(dataDir)
	if err != nil {
		rep.OpenCode, rep.OpenError = string(pln.CodeOf(err)), pln.AsError(err).Message
		return rep, nil
	}
	defer os.RemoveAll(tmp)
	st, err := store.Open(filepath.Join(tmp, StoreDir), store.Options{Logger: log, EncryptionKey: key})
	if err != nil {
		rep.OpenCode = string(pln.CodeOf(err))
		var de *store.DamageError
		if errors.As(err, &de) {
			rep.Problems = de.Health.Problems // found in the copy; same names
		}
		rep.OpenError = pln.AsError(err).Message
		if pln.CodeOf(err) == pln.CodeInternal {
			rep.OpenError = err.Error()
		}
		return rep, nil
	}
	defer st.Close()
	rep.Opened = true
	c, problems, err := st.ReadTolerant()
	if err != nil {
		return rep, err
	}
	rep.Nodes, rep.Ties, rep.Entries, rep.Unreadable = len(c.Nodes), len(c.Ties), len(c.Entries), problems
	return rep, nil
}

// MoveStoreAside moves <dataDir>/db to <dataDir>/damaged/db-<UTC time> and
// returns the new path. The next open starts a new store.
func MoveStoreAside(dataDir string, now time.Time) (string, error) {
	from := filepath.Join(dataDir, StoreDir)
	if _, err := os.Stat(from); err != nil {
		return "", fmt.Errorf("service: move the store aside: %w", err)
	}
	unlock, err := store.LockDir(from)
	if err != nil {
		return "", err
	}
	defer unlock()
	to := filepath.Join(dataDir, DamagedDir, "db-"+now.UTC().Format("20060102T150405.000Z"))
	if err := os.MkdirAll(filepath.Dir(to), 0o700); err != nil {
		return "", fmt.Errorf("service: move the store aside: %w", err)
	}
	if err := os.Rename(from, to); err != nil {
		return "", fmt.Errorf("service: move the store aside: %w", err)
	}
	syncDir(dataDir)
	return to, nil
}

// PrepareSalvage builds, beside the damaged store in dataDir, a new store
// from what can still be read (store.Salvage) and reports what it holds
// and what could not be read; nothing is replaced until CommitSalvage
// (DiscardSalvage, or the next start, drops it). A store that is sound is
// refused (conflict): there is nothing to salvage. The store must not be
// open (Badger's folder lock). key is the store key of an encrypted data
// folder (Unlock), nil otherwise.
func PrepareSalvage(dataDir string, key []byte, log *slog.Logger) (store.SalvageReport, error) {
	db := filepath.Join(dataDir, StoreDir)
	if h, err := store.InspectKey(db, key); err == nil && h.OK() && !h.New {
		// Opening a sound store is what every start does (it takes the
		// folder lock itself, so a store in use is a conflict here).
		st, err := store.Open(db, store.Options{Logger: log, EncryptionKey: key})
		if err == nil {
			_ = st.Close()
			return store.SalvageReport{}, pln.Conflict("The Plexus data in %s is sound: it opens with every record, so there is nothing to salvage.", dataDir)
		}
		if pln.CodeOf(err) == pln.CodeConflict {
			return store.SalvageReport{}, err
		}
	}
	unlock, err := store.LockDir(db)
	if err != nil {
		return store.SalvageReport{}, err
	}
	defer unlock()
	tmp := filepath.Join(dataDir, salvagedDir)
	if err := os.RemoveAll(tmp); err != nil {
		return store.SalvageReport{}, fmt.Errorf("service: salvage: %w", err)
	}
	rep, err := store.Salvage(db, tmp, store.Options{Logger: log, EncryptionKey: key})
	if err != nil {
		_ = os.RemoveAll(tmp)
		return rep, err
	}
	log.Warn("salvage prepared", "nodes", rep.Nodes, "ties", rep.Ties, "entries", rep.Entries, "unreadable", len(rep.Unreadable))
	return rep, nil
}

// CommitSalvage puts the store PrepareSalvage built in place of the
// damaged one, which moves to damaged/ (its new path is returned).
// Crash-safe: the new store is marked complete before the two renames,
// and FinishRecovery (run before every open) completes a swap a crash
// interrupted.
func CommitSalvage(dataDir string, log *slog.Logger, now time.Time) (string, error) {
	tmp := filepath.Join(dataDir, salvagedDir)
	if _, err := os.Stat(tmp); err != nil {
		return "", pln.NotFound("There is no prepared salvage in %s; salvage again.", dataDir)
	}
	if err := os.WriteFile(filepath.Join(tmp, salvageDone), []byte(now.UTC().Format(time.RFC3339)+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("service: salvage: %w", err)
	}
	syncDir(tmp)
	aside, err := MoveStoreAside(dataDir, now)
	if err != nil {
		return "", err
	}
	if err := FinishRecovery(dataDir, log); err != nil {
		return aside, err
	}
	log.Warn("a salvaged store replaced the damaged one", "damaged_store", aside)
	return aside, nil
}

// DiscardSalvage drops a prepared salvage; the damaged store stays.
func DiscardSalvage(dataDir string) error {
	return os.RemoveAll(filepath.Join(dataDir, salvagedDir))
}

// SalvageDataDir is PrepareSalvage then CommitSalvage: for callers that
// have already decided (tests, plexus salvage --yes).
func SalvageDataDir(dataDir string, key []byte, log *slog.Logger, now time.Time) (store.SalvageReport, string, error) {
	rep, err := PrepareSalvage(dataDir, key, log)
	if err != nil {
		return rep, "", err
	}
	aside, err := CommitSalvage(dataDir, log, now)
	return rep, aside, err
}

// FinishRecovery completes what a crash interrupted in SalvageDataDir: a
// complete salvaged store and no store → it becomes the store; an
// incomplete salvaged store is removed (the damaged one is still in
// place). Run it before opening the store.
func FinishRecovery(dataDir string, log *slog.Logger) error {
	db := filepath.Join(dataDir, StoreDir)
	tmp := filepath.Join(dataDir, salvagedDir)
	if _, err := os.Stat(tmp); errors.Is(err, fs.ErrNotExist) {
		// The marker goes only once the salvaged store is in place.
		if err := os.Remove(filepath.Join(db, salvageDone)); err == nil {
			syncDir(db)
		}
		return nil
	}
	_, markErr := os.Stat(filepath.Join(tmp, salvageDone))
	_, dbErr := os.Stat(db)
	switch {
	case markErr == nil && errors.Is(dbErr, fs.ErrNotExist):
		// Rename first, marker after: a crash or a refused rename in
		// between leaves a complete, marked store that the next start
		// puts in place — never a missing one.
		if err := os.Rename(tmp, db); err != nil {
			return fmt.Errorf("service: finish a salvage (the salvaged data is safe in %s): %w", tmp, err)
		}
		syncDir(dataDir)
		if err := os.Remove(filepath.Join(db, salvageDone)); err != nil {
			return fmt.Errorf("service: finish a salvage: %w", err)
		}
		syncDir(db)
		log.Info("a salvaged store replaced the damaged one")
	case markErr == nil:
		// Both exist: the damaged store was not moved yet. Keep both; the
		// next salvage builds again.
		log.Warn("a salvaged store is waiting while the damaged one is still in place; salvage again to use it", "dir", tmp)
	default:
		log.Warn("removing an incomplete salvage", "dir", tmp)
		if err := os.RemoveAll(tmp); err != nil {
			return fmt.Errorf("service: remove an incomplete salvage: %w", err)
		}
	}
	return nil
}

// CheckStorePresent refuses to let a new, empty store start where one is
// missing: a data folder without db/ but with backups or damaged stores
// (and no restore waiting in restore-pending.json) lost its store — a new
// empty network would hide that. Code damaged; the recovery screen then
// offers the latest backup.
func CheckStorePresent(dataDir string) error {
	if _, err := os.Stat(filepath.Join(dataDir, StoreDir)); !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dataDir, PendingRestoreFile)); err == nil {
		return nil // RestoreIntoNewStore: the next open loads it
	}
	backups, _ := filepath.Glob(filepath.Join(dataDir, BackupsDir, "*.json*"))
	damaged, _ := filepath.Glob(filepath.Join(dataDir, DamagedDir, "*"))
	if len(backups)+len(damaged) == 0 {
		return nil // a new data folder
	}
	return pln.Damaged("The Plexus data in %s is missing (its db folder is gone), though the folder holds %d backups and %d damaged stores set aside. Plexus has not started a new, empty network over them. Restore the latest backup (the recovery screen, or plexus restore --in <backup file>); to start afresh instead, move the backups and damaged folders out of %s first.",
		dataDir, len(backups), len(damaged), dataDir)
}

// RestoreIntoNewStore replaces a store that cannot be opened (or not
// trusted) with the backup at path: the backup is read and validated
// first (a bad file changes nothing), written to restore-pending.json, and
// only then is the store moved aside; the next open (service.New) loads
// the pending restore into the new, empty store. It returns where the
// damaged store went.
//
// key is the store key of an encrypted data folder (Unlock), nil
// otherwise: it reads the folder's encrypted backups and seals the
// pending file.
func RestoreIntoNewStore(dataDir, path string, key []byte, now time.Time) (string, error) {
	path, err := cleanPath(path)
	if err != nil {
		return "", err
	}
	b, err := readBackupFileWith(path, fileSecret{folderKey: key})
	if err != nil {
		return "", err
	}
	pending := filepath.Join(dataDir, PendingRestoreFile)
	if err := WriteBackupFileProtected(pending, key, func(w io.Writer) error { return interchange.WriteBackup(w, b) }); err != nil {
		return "", fmt.Errorf("writing %s: %w", pending, err)
	}
	if _, err := os.Stat(filepath.Join(dataDir, StoreDir)); errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	return MoveStoreAside(dataDir, now)
}

// OpenCopy opens a copy of the store in dataDir, for reading a data
// folder Plexus cannot write (read-only disk or folder, no permission):
// Badger's own read-only mode fails after an unclean shutdown (it must
// replay its log), so the store's files are copied to a new temporary
// folder and opened there with the services on top (their data folder is
// the temporary one, so nothing is written beside the original). close
// closes them and removes the copy. key is the store key of an encrypted
// folder (Unlock), nil otherwise. Errors: not_found when there is no
// store, disk_full when the temporary folder's disk has no room.
func OpenCopy(dataDir string, key []byte, log *slog.Logger) (st *store.Store, svc *Services, close func(), err error) {
	log = orDiscard(log)
	tmp, err := copyStoreFolder(dataDir)
	if err != nil {
		return nil, nil, nil, err
	}
	done := func() { _ = os.RemoveAll(tmp) }
	st, err = store.Open(filepath.Join(tmp, StoreDir), store.Options{Logger: log, EncryptionKey: key})
	if err != nil {
		done()
		return nil, nil, nil, err
	}
	svc, err = New(Deps{Store: st, Log: log, DataDir: tmp, EncryptionKey: key})
	if err != nil {
		_ = st.Close()
		done()
		return nil, nil, nil, err
	}
	log.Info("opened a copy of a data folder", "data_dir", dataDir, "copy", tmp)
	return st, svc, func() { svc.Close(5 * time.Second); _ = st.Close(); done() }, nil
}

// copyStoreFolder copies <dataDir>/db (its files, not Badger's lock) to
// <new temporary folder>/db and returns the temporary folder.
func copyStoreFolder(dataDir string) (string, error) {
	from := filepath.Join(dataDir, StoreDir)
	ents, err := os.ReadDir(from)
	if errors.Is(err, fs.ErrNotExist) {
		return "", pln.NotFound("There is no Plexus data in %s.", dataDir)
	}
	if err != nil {
		return "", fileError("read", from, err)
	}
	tmp, err := os.MkdirTemp("", "plexus-copy-")
	if err != nil {
		return "", fmt.Errorf("service: a folder for the copy: %w", err)
	}
	var size int64
	for _, e := range ents {
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() {
			size += info.Size()
		}
	}
	fail := func(err error) (string, error) { _ = os.RemoveAll(tmp); return "", err }
	if err := store.CheckSpace(tmp, uint64(size)+store.OpenReserve, "copy the data to read it", "try again"); err != nil {
		return fail(err)
	}
	to := filepath.Join(tmp, StoreDir)
	if err := os.MkdirAll(to, 0o700); err != nil {
		return fail(fmt.Errorf("service: copy the store: %w", err))
	}
	for _, e := range ents {
		if !e.Type().IsRegular() || e.Name() == "LOCK" {
			continue
		}
		if err := store.CopyFile(filepath.Join(from, e.Name()), filepath.Join(to, e.Name())); err != nil {
			return fail(err)
		}
	}
	return tmp, nil
}
