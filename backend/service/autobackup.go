package service

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/plexus-pln/plexus/backend/interchange"
	"github.com/plexus-pln/plexus/backend/pln"
)

// Automatic backups (docs/decisions/automatic-backups.md): Plexus keeps a
// rotating set of verified backups in <data dir>/backups, named
// <kind>-<UTC time, 20060102T150405.000Z>.json (pre-migration ones
// pre-migration-v<from schema>-<time>.json):
//
//   - daily: written in the background when the store is opened (by the
//     window or a command) and every hour while the window stays open, if
//     the newest daily backup is DailyBackupAge old or more and the store
//     holds more than the ego;
//   - pre-restore, pre-migration, pre-import: the data before a restore, a
//     schema migration, or an import of more than LargeImportNodes nodes.
//
// Every one is written atomically, then read back whole and checked with
// the validation a restore uses (readBackupFile) and against the record
// counts written; one that fails is deleted and logged, and the operation
// it protects does not go ahead. After each one the set is pruned (see
// pruneBackups).
const (
	// DailyBackupAge is how old the newest daily backup must be for the
	// next one to be due: a little under a day, so that opening Plexus at
	// the same hour every day writes one every day.
	DailyBackupAge = 23 * time.Hour
	// LargeImportNodes: an import adding more nodes than this saves a
	// pre-import backup first.
	LargeImportNodes = 500
	// Kept by pruneBackups.
	keepDaily      = 7                   // the newest daily backups
	keepWeekly     = 4                   // + the newest daily of each of the calendar weeks before this one
	keepEventAge   = 30 * 24 * time.Hour // pre-restore/-migration/-import ones younger than this…
	keepEventCount = 5                   // …at most this many of each kind; the newest of each kind always
	// dailyCheckEvery is how often a long-running window checks whether
	// the day's backup is due.
	dailyCheckEvery  = time.Hour
	backupTimeLayout = "20060102T150405.000Z"
)

// backupName matches the names of the backups Plexus writes itself; other
// files in the backups folder are listed nowhere and never deleted.
var backupName = regexp.MustCompile(`^(daily|pre-restore|pre-import|pre-migration)(-v[0-9]+)?-([0-9]{8}T[0-9]{6}\.[0-9]{3}Z)\.json$`)

// leftoverTemp matches the temporary files writeFileAtomic creates
// ("." + the file's name + "." + random digits + ".tmp"); in the data folder
// only those of restore-pending.json, in the backups folder any.
var (
	leftoverPending = regexp.MustCompile(`^\.` + regexp.QuoteMeta(PendingRestoreFile) + `\.[0-9]+\.tmp$`)
	leftoverBackup  = regexp.MustCompile(`^\..+\.json\.[0-9]+\.tmp$`)
)

// autoBackups is the state of the background daily backup, shared by the
// services through core.
type autoBackups struct {
	mu       sync.Mutex // one automatic backup write-and-prune at a time
	stop     chan struct{}
	stopOnce sync.Once
	wg       sync.WaitGroup
}

func newAutoBackups() *autoBackups { return &autoBackups{stop: make(chan struct{})} }

// halt stops the daily loop (idempotent).
func (a *autoBackups) halt() { a.stopOnce.Do(func() { close(a.stop) }) }

// savedBackup is one file found in the backups folder.
type savedBackup struct {
	name, path, kind string
	at               time.Time
	size             int64
}

// scanBackups lists the backups Plexus wrote in <dataDir>/backups, newest
// first (ties by name). A missing folder is an empty list.
func scanBackups(dataDir string) ([]savedBackup, error) {
	dir := filepath.Join(dataDir, BackupsDir)
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fileError("read", dir, err)
	}
	var out []savedBackup
	for _, e := range ents {
		m := backupName.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		at, err := time.Parse(backupTimeLayout, m[3])
		if err != nil {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		out = append(out, savedBackup{name: e.Name(), path: filepath.Join(dir, e.Name()), kind: m[1], at: at, size: info.Size()})
	}
	slices.SortFunc(out, func(a, b savedBackup) int {
		if c := b.at.Compare(a.at); c != 0 {
			return c
		}
		return strings.Compare(b.name, a.name)
	})
	return out, nil
}

// SavedBackups lists the backups Plexus saved in <dataDir>/backups, newest
// first, with the counts their headers record (interchange.ReadBackupSummary:
// a few kilobytes of each file are read). It needs no open store (the
// recovery screen and "plexus backups" use it). A file whose start does not
// read as a backup is listed with Problem set. Errors: invalid when the
// folder cannot be read. Encrypted backups (an encrypted data folder) are
// listed with Problem set; SavedBackupsKey reads them.
func SavedBackups(dataDir string) ([]pln.BackupInfo, error) {
	return SavedBackupsKey(dataDir, nil)
}

// SavedBackupsKey is SavedBackups for a data folder whose store key is
// key (from Unlock; nil when it is not encrypted).
func SavedBackupsKey(dataDir string, key []byte) ([]pln.BackupInfo, error) {
	found, err := scanBackups(dataDir)
	if err != nil {
		return nil, err
	}
	out := make([]pln.BackupInfo, 0, len(found))
	for _, b := range found {
		info := pln.BackupInfo{Name: b.name, Path: b.path, Kind: b.kind, At: b.at.Format(time.RFC3339Nano), Size: b.size, Nodes: -1, Ties: -1, Entries: -1}
		sum, err := readSummary(b.path, fileSecret{folderKey: key})
		switch {
		case err != nil:
			info.Problem = pln.AsError(err).Message
		case sum.Counts != nil:
			info.Nodes, info.Ties, info.Entries = sum.Counts.Nodes, sum.Counts.Ties, sum.Counts.Entries
		}
		out = append(out, info)
	}
	return out, nil
}

func readSummary(path string, sec fileSecret) (interchange.BackupSummary, error) {
	f, err := os.Open(path)
	if err != nil {
		return interchange.BackupSummary{}, fileError("read", path, err)
	}
	defer f.Close()
	r, err := unsealReader(bufio.NewReaderSize(f, 4096), filepath.Base(path), sec)
	if err != nil {
		return interchange.BackupSummary{}, err
	}
	return interchange.ReadBackupSummary(bufio.NewReaderSize(r, 4096))
}

// LatestGoodBackup returns the newest backup in <dataDir>/backups that reads
// back whole and passes the validation a restore applies (of any kind), its
// path and its description. It needs no open store: the recovery screen
// offers it when the store cannot be trusted. Errors: not_found when no
// backup there can be restored (the problems of the others are logged by
// the caller from ListBackups, if it wants), invalid when the folder cannot
// be read. Encrypted backups need LatestGoodBackupKey.
func LatestGoodBackup(dataDir string) (string, pln.BackupInfo, error) {
	return LatestGoodBackupKey(dataDir, nil)
}

// LatestGoodBackupKey is LatestGoodBackup for a data folder whose store
// key is key (from Unlock; nil when it is not encrypted).
func LatestGoodBackupKey(dataDir string, key []byte) (string, pln.BackupInfo, error) {
	all, err := SavedBackupsKey(dataDir, key)
	if err != nil {
		return "", pln.BackupInfo{}, err
	}
	for _, info := range all {
		if info.Problem != "" {
			continue
		}
		b, err := readBackupFileWith(info.Path, fileSecret{folderKey: key})
		if err != nil {
			continue
		}
		info.Nodes, info.Ties, info.Entries = len(b.Nodes), len(b.Ties), len(b.Entries)
		return info.Path, info, nil
	}
	return "", pln.BackupInfo{}, pln.NotFound("No backup in %s can be restored.", filepath.Join(dataDir, BackupsDir))
}

// ListBackups lists the backups Plexus saved in the data folder's backups
// folder, newest first (see SavedBackups; at most about 20: they are
// pruned). Restore one with RestoreBackup(info.path, true). An empty list
// when the services have no data folder.
func (s *BackupService) ListBackups() (out []pln.BackupInfo, err error) {
	defer recoverInto(s.c.log, "BackupService.ListBackups", &err)
	if s.c.dataDir == "" {
		return []pln.BackupInfo{}, nil
	}
	return SavedBackupsKey(s.c.dataDir, s.c.fileSecret().folderKey)
}

// saveBackup writes b to <data dir>/backups/<prefix>-<now>.json atomically,
// reads it back and checks it (verifyBackup), then prunes the folder. A file
// that does not check out is deleted and the error returned. kind is the
// pln.Backup* kind, prefix the file name's start (the kind, or
// "pre-migration-v<N>").
func (c *core) saveBackup(kind, prefix string, b *interchange.Backup) (string, error) {
	if c.auto != nil {
		c.auto.mu.Lock()
		defer c.auto.mu.Unlock()
	}
	dir := filepath.Join(c.dataDir, BackupsDir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fileError("write", dir, err)
	}
	path := filepath.Join(dir, prefix+"-"+c.now().UTC().Format(backupTimeLayout)+".json")
	// Encrypted when the data folder is (c.key is changed only with
	// auto.mu held, besides the gate).
	if err := WriteBackupFileProtected(path, c.key, func(w io.Writer) error { return interchange.WriteBackup(w, b) }); err != nil {
		return "", fileError("write", path, err)
	}
	if err := verifyBackup(path, b, fileSecret{folderKey: c.key}); err != nil {
		rmErr := os.Remove(path)
		syncDir(dir)
		c.log.Error("a backup just written did not read back; deleted it", "kind", kind, "path", path, "err", err, "removeErr", rmErr)
		return "", fmt.Errorf("the %s backup %s did not read back correctly: %w", kind, filepath.Base(path), err)
	}
	c.log.Info("backup saved and verified", "kind", kind, "path", path, "nodes", len(b.Nodes), "ties", len(b.Ties), "entries", len(b.Entries))
	c.pruneBackups()
	return path, nil
}

// verifyBackup reads the backup at path whole, with the validation a
// restore applies, and checks that it holds what b held.
func verifyBackup(path string, b *interchange.Backup, sec fileSecret) error {
	got, err := readBackupFileWith(path, sec)
	if err != nil {
		return err
	}
	if len(got.Nodes) != len(b.Nodes) || len(got.Ties) != len(b.Ties) || len(got.Entries) != len(b.Entries) ||
		len(got.Imports) != len(b.Imports) || got.Ego != b.Ego {
		return fmt.Errorf("it holds %d nodes, %d ties, %d entries, %d imports (ego %q); %d, %d, %d, %d (ego %q) were written",
			len(got.Nodes), len(got.Ties), len(got.Entries), len(got.Imports), got.Ego, len(b.Nodes), len(b.Ties), len(b.Entries), len(b.Imports), b.Ego)
	}
	return nil
}

// pruneBackups deletes the automatic backups the rotation no longer keeps
// (the caller holds auto.mu):
//   - daily: the keepDaily newest, and the newest of each of the keepWeekly
//     calendar weeks (Monday to Sunday, UTC) before the current one;
//   - each other kind: those younger than keepEventAge, at most
//     keepEventCount of them, and the newest whatever its age.
//
// Files whose names Plexus does not write are never touched. Failures are
// logged; the next prune retries.
func (c *core) pruneBackups() {
	all, err := scanBackups(c.dataDir)
	if err != nil {
		c.log.Warn("listing the backups to prune them", "err", err)
		return
	}
	now := c.now().UTC()
	thisWeek := weekStart(now)
	keep := map[string]bool{}
	daily, weeks := 0, map[time.Time]bool{}
	events := map[string]int{}
	for _, b := range all { // newest first
		if b.kind == pln.BackupDaily {
			daily++
			w := weekStart(b.at)
			switch {
			case daily <= keepDaily:
				keep[b.name] = true
			case w.Before(thisWeek) && !w.Before(thisWeek.AddDate(0, 0, -7*keepWeekly)) && !weeks[w]:
				keep[b.name] = true
			}
			weeks[w] = true // the newest of its week has been seen
			continue
		}
		events[b.kind]++
		if n := events[b.kind]; n == 1 || (n <= keepEventCount && now.Sub(b.at) < keepEventAge) {
			keep[b.name] = true
		}
	}
	removed := 0
	for _, b := range all {
		if keep[b.name] {
			continue
		}
		if err := os.Remove(b.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			c.log.Warn("removing an old automatic backup", "path", b.path, "err", err)
			continue
		}
		removed++
		c.log.Info("removed an old automatic backup", "path", b.path, "kind", b.kind)
	}
	if removed > 0 {
		syncDir(filepath.Join(c.dataDir, BackupsDir))
	}
}

// weekStart is the start (Monday 00:00 UTC) of t's week.
func weekStart(t time.Time) time.Time {
	t = t.UTC()
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

// dailyDue reports whether a daily backup is due at now: no daily backup
// that is not in the future (a clock set back) is younger than
// DailyBackupAge.
func dailyDue(all []savedBackup, now time.Time) bool {
	for _, b := range all {
		if b.kind == pln.BackupDaily && !b.at.After(now) {
			return now.Sub(b.at) >= DailyBackupAge
		}
	}
	return true
}

// StartDailyBackups starts the background daily backup for the window:
// after delay, and then every hour until Close, it writes a daily backup
// when one is due (see DailyBackupAge), off the caller's goroutine; Close
// waits for one being written. Services without a data folder do nothing.
// Call it once, after New. Short-lived callers (the commands) call
// DailyBackup on their way out instead.
func (s *Services) StartDailyBackups(delay time.Duration) {
	c := s.Backup.c
	if c.dataDir == "" || c.auto == nil {
		return
	}
	a := c.auto
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		t := time.NewTimer(delay)
		defer t.Stop()
		for {
			select {
			case <-a.stop:
				return
			case <-t.C:
			}
			if _, err := s.Backup.dailyBackup(); err != nil {
				c.log.Error("daily backup failed", "err", err)
			}
			t.Reset(dailyCheckEvery)
		}
	}()
}

// DailyBackup writes the daily backup now if one is due (see
// StartDailyBackups) and returns its path, "" when none was due or the
// store holds nothing but the ego. For Go callers (the commands run it
// before they close the store); Services is not bound.
func (s *Services) DailyBackup() (string, error) {
	if s.Backup.c.dataDir == "" {
		return "", nil
	}
	return s.Backup.dailyBackup()
}

// dailyBackup writes a daily backup if one is due and the store holds more
// than the ego; it returns the path written ("" when none was due). A store
// with records that cannot be read gets none (a partial backup would push
// good ones out of the rotation); that is logged as an error.
func (s *BackupService) dailyBackup() (path string, err error) {
	defer recoverInto(s.c.log, "BackupService.dailyBackup", &err)
	all, err := scanBackups(s.c.dataDir)
	if err != nil {
		return "", err
	}
	if !dailyDue(all, s.c.now()) {
		return "", nil
	}
	select {
	case <-s.c.auto.stop: // closing: the gate may be locked for good
		return "", nil
	default:
	}
	s.c.gate.RLock()
	b, err := s.snapshot()
	s.c.gate.RUnlock()
	if err != nil {
		return "", fmt.Errorf("reading the store for the daily backup: %w", err)
	}
	if len(b.Skipped) > 0 {
		return "", fmt.Errorf("the store has %d records that cannot be read (the first: %s); no daily backup was written, so the earlier ones stay in the rotation", len(b.Skipped), b.Skipped[0])
	}
	if len(b.Nodes) <= 1 && len(b.Ties) == 0 && len(b.Entries) == 0 {
		s.c.log.Info("daily backup skipped: nothing but the ego yet")
		return "", nil
	}
	return s.c.saveBackup(pln.BackupDaily, pln.BackupDaily, b)
}

// preImportBackup saves a pre-import backup before an import of n nodes
// when n > LargeImportNodes (the caller holds the gate for reading).
func (s *ImportService) preImportBackup(n int, source string) error {
	if n <= LargeImportNodes || s.c.dataDir == "" {
		return nil
	}
	b, err := (&BackupService{c: s.c}).snapshot()
	if err != nil {
		return fmt.Errorf("reading the store for the backup before importing %s: %w", source, err)
	}
	if _, err := s.c.saveBackup(pln.BackupPreImport, pln.BackupPreImport, b); err != nil {
		return fmt.Errorf("saving a backup before importing %d nodes from %s: %w", n, source, err)
	}
	return nil
}

// sweepLeftovers removes the temporary files an interrupted write of
// Plexus's own left behind: .restore-pending.json.<n>.tmp in the data
// folder and .<name>.json.<n>.tmp in its backups folder (writeFileAtomic's
// names). New runs it with the store open, so no other Plexus is writing
// them. It returns how many it removed; failures are logged.
func (c *core) sweepLeftovers() int {
	if c.dataDir == "" {
		return 0
	}
	removed := 0
	for _, d := range []struct {
		dir string
		re  *regexp.Regexp
	}{{c.dataDir, leftoverPending}, {filepath.Join(c.dataDir, BackupsDir), leftoverBackup}} {
		ents, err := os.ReadDir(d.dir)
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				c.log.Warn("looking for leftover temporary files", "dir", d.dir, "err", err)
			}
			continue
		}
		n := 0
		for _, e := range ents {
			if !e.Type().IsRegular() || !d.re.MatchString(e.Name()) {
				continue
			}
			p := filepath.Join(d.dir, e.Name())
			if err := os.Remove(p); err != nil {
				c.log.Warn("removing a leftover temporary file", "path", p, "err", err)
				continue
			}
			n++
			c.log.Info("removed a temporary file an interrupted write left", "path", p)
		}
		if n > 0 {
			syncDir(d.dir)
		}
		removed += n
	}
	return removed
}
