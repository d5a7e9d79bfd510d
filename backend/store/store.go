// Package store is Plexus's persistence: one embedded Badger v4 database
// holding nodes, ties, journal entries and imports, with their secondary
// indexes. The key layout is documented byte by byte in SCHEMA.md.
//
// All access goes through transactions: View for reads, Update for writes
// (one Badger transaction each, retried on conflict). Records created by an
// import carry its id and stay invisible to every read until the import is
// published (see BeginImport); the visibility rule lives in one place,
// Tx.importVisible.
//
// Errors: conditions a user can act on are *pln.Error (not_found, conflict,
// invalid, unsupported, too_large); anything else (I/O, corruption) is a
// plain error prefixed "store:", which the service layer reports as internal.
package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"

	"github.com/plexus-pln/plexus/backend/pln"
)

// Options tune Open. The zero value is the production setting.
type Options struct {
	// InMemory keeps everything in memory (tests only); dir is ignored.
	InMemory bool
	// Logger receives Badger's warnings and errors and the store's own
	// messages (sweeps, migrations, GC). nil discards them.
	Logger *slog.Logger
	// NoSync turns SyncWrites off (tests only). By default every commit is
	// synced to disk before Update returns.
	NoSync bool
	// Clock gives the time of change-log steps (tests); nil is time.Now.
	Clock func() time.Time
	// BeforeMigrate, when set, runs after the store opened and before the
	// first migration step (only when the stored schema is older than this
	// build's): the store can be read, at schema version from. An error
	// stops Open. Plexus writes a backup file with it.
	BeforeMigrate func(s *Store, from, to int) error
	// EncryptionKey, when set, is the store's AES-256 key (exactly 32
	// bytes): Badger encrypts every table, value-log and memtable file
	// with data keys it keeps in KEYREGISTRY, themselves encrypted with
	// this key. nil or empty opens a plain store. A key that does not fit
	// the store (a wrong one, none for an encrypted store, one for a plain
	// store) is pln.CodeLocked. service.Unlock gives it
	// (docs/decisions/encryption.md).
	EncryptionKey []byte
	// StageFault, when set (fault-injection tests only), runs inside the
	// transaction of every staged chunk — StageNodes and StageTies
	// chunks, and the chunks of a step too large for one transaction —
	// with the number of chunks this Store staged before it (0, 1, …).
	// An error it returns fails that chunk's commit as a store failure
	// would (staged.go).
	StageFault func(chunk int) error

	// noBlockChecksums turns block-checksum verification on read off
	// (benchmarks compare the cost; never in production).
	noBlockChecksums bool
	// salvaging: Salvage's work copy, whose damaged memtable files were
	// reported and are replayed as far as they go.
	salvaging bool
}

// Desktop-sized Badger settings (toolchain.md, "Badger v4.9.x").
const (
	memTableSize     = 16 << 20 // bytes, per memtable
	numMemtables     = 2
	blockCacheSize   = 16 << 20 // bytes
	valueLogFileSize = 64 << 20 // bytes, per value-log file
	numCompactors    = 2
	indexCacheSize   = 16 << 20 // bytes; Badger needs one when encrypting (table indexes are encrypted)

	gcInterval      = 10 * time.Minute
	gcDiscardRatio  = 0.5
	maxTxnRetries   = 8    // extra attempts of Update's fn after badger.ErrConflict
	chunkSize       = 1000 // records per transaction in staged and bulk work
	lockErrorSubstr = "Another process is using this Badger database"
)

// desktopOptions are the Badger options of a store folder dir: the
// desktop-sized settings above, opts.NoSync, checksums verified on every
// block read, Badger's log through log, and opts.EncryptionKey.
func desktopOptions(dir string, opts Options, log *slog.Logger) (badger.Options, error) {
	bo := badger.DefaultOptions(dir).
		WithMemTableSize(memTableSize).
		WithNumMemtables(numMemtables).
		WithBlockCacheSize(blockCacheSize).
		WithValueLogFileSize(valueLogFileSize).
		WithNumCompactors(numCompactors).
		WithMetricsEnabled(false).
		WithSyncWrites(!opts.NoSync).
		WithChecksumVerificationMode(checksumMode(opts.noBlockChecksums)).
		WithLogger(badgerLogger{log}).
		WithLoggingLevel(badger.WARNING)
	return withEncryption(bo, opts.EncryptionKey)
}

func checksumMode(off bool) options.ChecksumVerificationMode {
	if off {
		return options.NoVerification
	}
	return options.OnBlockRead
}

// Store is an open Plexus database. Its methods are safe for concurrent use.
type Store struct {
	db    *badger.DB
	log   *slog.Logger
	dir   string
	clock func() time.Time

	beforeMigrate func(s *Store, from, to int) error
	stageFault    func(chunk int) error // Options.StageFault
	stagedChunks  atomic.Int64          // chunks staged so far, for stageFault

	mu      sync.Mutex
	staging map[string]bool // imports begun by this process and not yet published or aborted

	dropMu sync.Mutex // held by DropAll, value-log GC and sweeps: they must not overlap

	logMu sync.Mutex // held by every logged write (Commit, undo, redo, staged steps)

	// The change journal (changes.go): id tells this Store from others,
	// epoch counts DropAlls (twice each), commitMu is held for reading
	// by each Update's commit and journal entry and for writing by
	// ViewChanges while it opens its transaction.
	id       uint64
	epoch    atomic.Uint64
	commitMu sync.RWMutex
	journal  journal

	stop      chan struct{}
	wg        sync.WaitGroup
	closeOnce sync.Once
	closeErr  error

	onDisk bool // not Options.InMemory: Close leaves a seal (integrity.go)

	spaceChecks bool // set when Open is done: writes check the free space (diskspace.go)
}

// Open opens (creating if needed) the Plexus database in directory dir.
//
// It checks the stored schema version (a newer one than this build knows is
// pln.Unsupported), runs pending migrations, sweeps what unpublished imports
// left behind (an undo, a cancel or a crash), and starts the background
// value-log GC loop (every 10 minutes) that Close stops.
//
// If another process (or another Store in this process) has dir open, Open
// returns a pln.Conflict that says so.
func Open(dir string, opts Options) (*Store, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	bo, err := desktopOptions(dir, opts, log)
	if err != nil {
		return nil, err
	}
	var health Health
	if opts.InMemory {
		bo = bo.WithDir("").WithValueDir("").WithInMemory(true)
	} else {
		// A read-only or full disk is an error here, never a SIGBUS inside
		// Badger (diskspace.go).
		if err := checkWritable(dir); err != nil {
			return nil, err
		}
		if err := CheckSpace(dir, OpenReserve, "open your data", "start Plexus again"); err != nil {
			return nil, err
		}
		// Look before Badger does (integrity.go): it deletes what its
		// MANIFEST does not list and panics on a table cut short. Under
		// Badger's own folder lock, so that another process's Badger is
		// never inspected or repaired mid-write; released just before
		// Badger takes it (flock is per open file).
		var err error
		if health, err = lockedInspect(dir, opts, log); err != nil {
			return nil, err
		}
	}
	db, err := badger.Open(bo)
	if err != nil {
		if errors.Is(err, badger.ErrEncryptionKeyMismatch) {
			return nil, keyMismatch(dir, opts.EncryptionKey)
		}
		if strings.Contains(err.Error(), lockErrorSubstr) {
			return nil, pln.Conflict("Plexus is already using the data folder %s (its window, or another plexus command). Switch to that window and close it, or wait for the command to finish, then try again.", dir)
		}
		return nil, fmt.Errorf("store: open %s: %w", dir, err)
	}
	s := &Store{
		db:            db,
		id:            storeIDs.Add(1),
		log:           log,
		dir:           dir,
		clock:         opts.Clock,
		beforeMigrate: opts.BeforeMigrate,
		stageFault:    opts.StageFault,
		staging:       map[string]bool{},
		stop:          make(chan struct{}),
		onDisk:        !opts.InMemory,
	}
	if err := s.checkSeal(health); err != nil {
		_ = db.Close()
		return nil, err
	}
	if err := s.migrate(); err != nil {
		_ = db.Close()
		return nil, err
	}
	if err := s.recoverStaged(); err != nil {
		_ = db.Close()
		return nil, err
	}
	if err := s.SweepUnpublished(); err != nil {
		_ = db.Close()
		return nil, err
	}
	s.spaceChecks = true // from now on every write checks the free space (diskspace.go)
	s.wg.Add(1)
	go s.maintain()
	return s, nil
}

// lockedInspect is Open's look at the folder (Inspect, then repair of the
// harmless leftovers) under the folder lock.
func lockedInspect(dir string, opts Options, log *slog.Logger) (Health, error) {
	unlock, err := LockDir(dir)
	if err != nil {
		return Health{}, err
	}
	defer unlock()
	health, err := inspect(dir, !opts.salvaging, opts.EncryptionKey)
	if err != nil {
		return health, err
	}
	if !health.OK() {
		log.Error("store: refusing to open a damaged store", "dir", dir, "problems", fmt.Sprint(health.Problems))
		return health, &DamageError{Health: health}
	}
	return health, repair(health, log.Warn)
}

// Close stops the background work (and waits for it), then closes the
// database. Calling it again returns the first result. On a disk with less
// than CloseReserve free it leaves Badger open and returns pln.DiskFull
// (diskspace.go, roomToClose): every commit is in the synced memtable log
// already, and the next Open replays it.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		close(s.stop)
		s.wg.Wait()
		records, cerr := -1, error(nil)
		if s.onDisk {
			if err := s.roomToClose(); err != nil {
				s.closeErr = err
				return
			}
			records, cerr = s.countRecords()
		}
		if err := s.db.Close(); err != nil {
			s.closeErr = fmt.Errorf("store: close: %w", err)
			return
		}
		if s.onDisk && cerr == nil {
			if err := writeSeal(s.dir, records); err != nil {
				s.log.Warn("store: could not leave the clean-close seal", "err", err)
			}
		}
	})
	return s.closeErr
}

// View runs fn in a read-only transaction (a consistent snapshot). fn's
// error is returned unchanged; Badger errors come back prefixed "store:".
func (s *Store) View(fn func(tx *Tx) error) error {
	return s.wrap(s.db.View(func(txn *badger.Txn) error { return fn(newTx(txn)) }))
}

// Update runs fn in one read-write transaction and commits it (synced to
// disk unless Options.NoSync). On a write conflict with a concurrent
// transaction fn runs again (up to 8 more times, after a short
// jittered pause), so fn must be re-runnable
// and must not keep state from an earlier attempt; after that Update
// returns pln.Conflict. A transaction over Badger's size limit is
// pln.TooLarge. fn's own error aborts the transaction and is returned
// unchanged. When fn wrote anything and the store's disk has less than
// WriteReserve free, nothing is committed and Update returns pln.DiskFull
// (diskspace.go). What a commit wrote to the network's records is noted in
// the change journal that ViewChanges reads (changes.go).
func (s *Store) Update(fn func(tx *Tx) error) error {
	for attempt := 0; ; attempt++ {
		err := s.update(fn)
		if errors.Is(err, badger.ErrConflict) {
			if attempt < maxTxnRetries {
				// Back off a little (jittered, growing) so that contending
				// writers interleave instead of colliding again.
				time.Sleep(time.Duration(attempt+1) * time.Duration(100+rand.IntN(900)) * time.Microsecond)
				continue
			}
			return pln.Conflict("Another change to the same records kept interfering; please try again.")
		}
		return s.wrap(err)
	}
}

// update is one attempt of Update: badger's DB.Update, with the commit
// and its journal entry under commitMu (changes.go).
func (s *Store) update(fn func(tx *Tx) error) error {
	if s.db.IsClosed() {
		return badger.ErrDBClosed
	}
	txn := s.db.NewTransaction(true)
	defer txn.Discard()
	tx := newTx(txn)
	tx.touch = &touched{}
	if err := fn(tx); err != nil {
		return err
	}
	if !tx.wrote {
		return txn.Commit() // nothing to write: no commit timestamp is taken
	}
	if err := s.writeSpace(); err != nil { // before Badger writes anything
		return err
	}
	s.commitMu.RLock()
	defer s.commitMu.RUnlock()
	if err := txn.Commit(); err != nil {
		return err
	}
	s.journal.add(tx.touch.entry)
	return nil
}

func (s *Store) wrap(err error) error {
	var pe *pln.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &pe):
		return err
	case strings.Contains(err.Error(), "CHECKSUM_MISMATCH") || strings.Contains(err.Error(), "checksum mismatch"):
		s.log.Error("store: a checksum failed on read", "err", err)
		return pln.Damaged("Part of the Plexus data in %s could not be read: a checksum failed, so the file holding it is damaged. Nothing was changed. Restore an automatic backup or salvage what can still be read (`plexus check`, `plexus salvage`).", s.dir)
	case errors.Is(err, badger.ErrTxnTooBig):
		return pln.TooLarge("The change is too large to save in one step.")
	case strings.HasPrefix(err.Error(), "store:"):
		return err
	default:
		return fmt.Errorf("store: %w", err)
	}
}

// DropAll deletes every record, index and import, leaving an empty store
// at the current schema version (restore-replace). The journal drafts are
// kept (read before, written back after; drafts.go). Concurrent
// transactions must not run while it does.
func (s *Store) DropAll() error {
	s.dropMu.Lock()
	defer s.dropMu.Unlock()
	putBack := s.keepDrafts()
	s.epoch.Add(1)
	defer s.epoch.Add(1) // a ViewChanges during the drop read a state that never was
	if err := s.db.DropAll(); err != nil {
		return fmt.Errorf("store: drop all: %w", err)
	}
	s.mu.Lock()
	s.staging = map[string]bool{}
	s.mu.Unlock()
	if err := s.Update(func(tx *Tx) error { return tx.setVersion(SchemaVersion) }); err != nil {
		return err
	}
	putBack()
	return nil
}

// maintain is the background loop: value-log GC on a ticker. It returns when Close closes s.stop.
func (s *Store) maintain() {
	defer s.wg.Done()
	t := time.NewTicker(gcInterval)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			s.runGC()
		}
	}
}

// CollectGarbage runs the value-log GC the background loop runs every 10
// minutes, now (the soak test drives it on a simulated clock).
func (s *Store) CollectGarbage() { s.runGC() }

// runGC runs value-log GC until Badger finds nothing left to rewrite.
func (s *Store) runGC() {
	s.dropMu.Lock()
	defer s.dropMu.Unlock()
	if !s.enoughForGC() {
		return
	}
	for i := 0; ; i++ {
		select {
		case <-s.stop:
			return
		default:
		}
		err := s.db.RunValueLogGC(gcDiscardRatio)
		if err == nil {
			continue
		}
		if !errors.Is(err, badger.ErrNoRewrite) && !errors.Is(err, badger.ErrRejected) {
			s.log.Warn("store: value-log GC failed", "err", err)
		} else if i > 0 {
			s.log.Info("store: value-log GC rewrote files", "files", i)
		}
		return
	}
}

func (s *Store) stopped() bool {
	select {
	case <-s.stop:
		return true
	default:
		return false
	}
}

// badgerLogger routes Badger's log to slog; Info and Debug are dropped.
type badgerLogger struct{ l *slog.Logger }

func (b badgerLogger) Errorf(f string, a ...any) {
	b.l.Log(context.Background(), slog.LevelError, "badger: "+strings.TrimSpace(fmt.Sprintf(f, a...)))
}

func (b badgerLogger) Warningf(f string, a ...any) {
	b.l.Log(context.Background(), slog.LevelWarn, "badger: "+strings.TrimSpace(fmt.Sprintf(f, a...)))
}

func (badgerLogger) Infof(string, ...any)  {}
func (badgerLogger) Debugf(string, ...any) {}
