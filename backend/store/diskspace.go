package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/plexus-pln/plexus/backend/pln"
)

// Free space (docs/decisions/disk-space.md). Badger writes its memtable
// logs, value logs and tables through shared mmaps of sparse files: on a
// full disk the write into a page that needs a new block is a SIGBUS that
// kills the process, not an error. So Plexus looks at the free space itself
// before Badger needs it, and keeps a reserve for the work Badger may do on
// its own afterwards (flushing memtables, compacting, value-log GC).
const (
	// Badger defaults the store does not change (badger.DefaultOptions).
	badgerL0Tables      = 5        // NumLevelZeroTables: level 0 is compacted when it holds 5 tables
	badgerBaseLevelSize = 10 << 20 // BaseLevelSize, bytes

	// OpenReserve is the free space Open needs, in bytes (122 MiB): the
	// flush of the memtables replayed from their logs (numMemtables ×
	// memTableSize) and the compaction of a full level 0 that it may
	// trigger, which writes its output before it deletes its input
	// (badgerL0Tables × memTableSize + badgerBaseLevelSize).
	OpenReserve = numMemtables*memTableSize + badgerL0Tables*memTableSize + badgerBaseLevelSize

	// WriteReserve is the free space every write needs, in bytes (218
	// MiB): OpenReserve, plus the active memtable's log filling up and its
	// flush (2 × memTableSize), plus one value-log file that value-log GC
	// (or a value over Badger's value threshold) fills (valueLogFileSize).
	WriteReserve = OpenReserve + 2*memTableSize + valueLogFileSize

	// CloseReserve is the free space Close needs, in bytes (32 MiB):
	// Badger's Close flushes the active memtable (and waits for the
	// immutable one) into level-0 tables, numMemtables × memTableSize.
	CloseReserve = numMemtables * memTableSize
)

// FreeSpace returns the bytes available to this user on the disk holding
// path, or its nearest existing parent folder when path does not exist yet.
func FreeSpace(path string) (uint64, error) {
	p, err := existingParent(path)
	if err != nil {
		return 0, err
	}
	return freeSpace(p)
}

// existingParent is path or its nearest existing ancestor.
func existingParent(path string) (string, error) {
	p, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(p)
		if parent == p {
			return p, nil
		}
		p = parent
	}
}

// mb is bytes in (decimal) megabytes, rounded down, as file managers show
// free space.
func mb(b uint64) uint64 { return b / 1_000_000 }

// CheckSpace returns pln.DiskFull when the disk holding dir (a data or
// store folder) has less than need bytes free. what says what the space is
// for ("save changes", "open your data", "import feeds.opml") and then what
// to do once space is free ("try again", "start Plexus again"). An error
// reading the free space is returned as it is (internal).
func CheckSpace(dir string, need uint64, what, then string) error {
	free, err := FreeSpace(dir)
	if err != nil {
		return fmt.Errorf("store: reading the free space of %s: %w", dir, err)
	}
	if free >= need {
		return nil
	}
	return pln.DiskFull("The disk holding %s is full (%d MB free). Plexus needs %d MB free to %s safely, so it changed nothing. Free some space on that disk (empty the trash, move or delete large files), then %s.",
		dir, mb(free), mb(need)+1, what, then)
}

// EnsureSpace checks, before a large write (an import, a restore), that the
// store's disk has WriteReserve plus extra bytes free; extra is the caller's
// estimate of what it will write. It returns pln.DiskFull when not (see
// CheckSpace); an in-memory store always has room.
func (s *Store) EnsureSpace(extra uint64, what string) error {
	if !s.onDisk {
		return nil
	}
	return CheckSpace(s.dir, WriteReserve+extra, what, "try again")
}

// writeSpace is the check every write transaction makes before it commits
// (Update when fn wrote, Load): WriteReserve free. Open's own sweeps and migrations run before spaceChecks
// is set: Open checked OpenReserve, and they finish or roll back earlier
// work.
func (s *Store) writeSpace() error {
	if !s.onDisk || !s.spaceChecks {
		return nil
	}
	return CheckSpace(s.dir, WriteReserve, "save changes", "try again")
}

// enoughForGC reports whether value-log GC may run: it rewrites into a
// value-log file before it deletes the old one.
func (s *Store) enoughForGC() bool {
	if !s.onDisk {
		return true
	}
	if err := CheckSpace(s.dir, WriteReserve, "clean up the value log", "wait"); err != nil {
		s.log.Warn("store: value-log GC skipped: the disk is nearly full", "err", err)
		return false
	}
	return true
}

// roomToClose is nil when the disk has CloseReserve free. Otherwise Close
// must not call Badger's Close, whose memtable flush writes a table through
// an mmap (a SIGBUS on a full disk): nothing is lost by leaving it open, as
// every commit is in the synced memtable log, which the next Open replays.
// The process should exit soon after: its mappings and Badger's folder lock
// go with it (a second Open of the folder in this process is refused as
// already open).
func (s *Store) roomToClose() error {
	free, err := FreeSpace(s.dir)
	if err != nil || free >= CloseReserve {
		return nil
	}
	s.log.Error("store: the disk is full; leaving the database open instead of closing it (its memtable log is replayed at next open)", "dir", s.dir, "free_bytes", free)
	return pln.DiskFull("The disk holding %s is full (%d MB free), so Plexus could not tidy up its files on closing. Nothing is lost: your last changes are saved and will be read again at the next start. Free some space on that disk before starting Plexus again.",
		s.dir, mb(free))
}

// copySpace is the free space CopyTo needs, in bytes: the reserve, the
// store's tables (what the copy rewrites) and its memtables, which the copy
// turns into tables too.
func (s *Store) copySpace() uint64 {
	need := uint64(WriteReserve + numMemtables*memTableSize)
	ents, _ := os.ReadDir(s.dir)
	for _, e := range ents {
		if filepath.Ext(e.Name()) != ".sst" {
			continue
		}
		if info, err := e.Info(); err == nil {
			need += uint64(info.Size())
		}
	}
	return need
}

// probeFile is the file checkWritable creates and removes.
const probeFile = ".plexus-write-probe"

// checkWritable tries to create (and removes) a file in dir, or in its
// nearest existing parent when dir does not exist yet (Badger creates it).
// A read-only disk or mount, or a folder Plexus may not write, is
// pln.ReadOnly with a message that says which and what to do.
func checkWritable(dir string) error {
	p, err := existingParent(dir)
	if err != nil {
		return WriteError(dir, err)
	}
	probe := filepath.Join(p, probeFile)
	f, err := os.OpenFile(probe, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return WriteError(p, err)
	}
	_ = f.Close()
	_ = os.Remove(probe)
	return nil
}

// readOnlyError names why dir cannot be written, as pln.ReadOnly where the
// user can act on it; other errors are returned wrapped (internal).
func WriteError(dir string, err error) error {
	switch {
	case errors.Is(err, syscall.EROFS):
		return pln.ReadOnly("The data folder %s is on a disk that is mounted read-only, so Plexus cannot save anything there; nothing was changed. Make the disk writable (or copy the folder to a writable disk and start Plexus with --data-dir pointing there), then start Plexus again.", dir)
	case errors.Is(err, fs.ErrPermission):
		return pln.ReadOnly("Plexus may not write to the data folder %s (permission denied); nothing was changed. Give your user write permission on that folder (or start Plexus with --data-dir pointing to a folder you own), then start Plexus again.", dir)
	case isNoSpace(err):
		if err := CheckSpace(dir, OpenReserve, "open your data", "start Plexus again"); err != nil {
			return err
		}
		return pln.DiskFull("The disk holding %s is full: Plexus could not create a file there. Free some space on that disk, then start Plexus again.", dir)
	}
	return fmt.Errorf("store: cannot write in %s: %w", dir, err)
}

// NoSpace returns err as pln.DiskFull when it is an out-of-space error
// (ENOSPC or EDQUOT; ERROR_DISK_FULL on Windows) from writing a file in
// dir, saying how much is free; any other err is returned unchanged.
func NoSpace(dir string, err error) error {
	if err == nil || !isNoSpace(err) {
		return err
	}
	free, ferr := FreeSpace(dir)
	if ferr != nil {
		free = 0
	}
	return pln.DiskFull("The disk holding %s is full (%d MB free): a file could not be written, so Plexus changed nothing. Free some space on that disk (empty the trash, move or delete large files), then try again.",
		dir, mb(free))
}
