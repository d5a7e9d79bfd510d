// Package service holds Plexus's use cases: the services bound to the
// frontend (NetworkService, JournalService, ImportService, BackupService),
// the HTTP handler for bulk data (/api/*), and the error formatting both use.
//
// Every gesture is one method call that validates its input with pln's
// Normalize methods, changes the store in one transaction and, after the
// commit, emits one event (pln.Event*). Services are goroutine-safe: Wails
// calls bound methods concurrently. No method lets a panic escape; a panic
// becomes a pln internal error and is logged with its stack. This package
// never imports the Wails runtime: events go out through Emitter.
package service

import (
	"errors"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// Emitter sends an event to the frontend. app.go implements it with
// runtime.EventsEmit; tests use a recorder. Emit must not block for long and
// must be safe to call from any goroutine.
type Emitter interface {
	Emit(event string, payload any)
}

// Deps are what the services need. Store is required; the others default
// (Emitter: drop events; Now: time.Now; Log: discard). DataDir is the data
// directory (BackupService writes <DataDir>/backups/ and
// <DataDir>/restore-pending.json there); it is required for restores.
type Deps struct {
	Store   *store.Store
	Emitter Emitter
	Now     func() time.Time
	Log     *slog.Logger
	DataDir string
	// EncryptionKey is the store key of an encrypted data folder (from
	// Unlock; nil when it is not encrypted): the files the services write
	// into the data folder are encrypted with it (WriteBackupFileProtected).
	EncryptionKey []byte
	// StoreOptions are the options Store was opened with; EncryptionService
	// reopens the store with them (and the new key) after turning
	// encryption on or off.
	StoreOptions store.Options
}

// Services are the five bound services, built together because they share
// one lock (a restore replaces everything and must not interleave with other
// writes).
type Services struct {
	Network *NetworkService
	Journal *JournalService
	Import  *ImportService
	Backup  *BackupService
	History *HistoryService
	// Encryption sets, changes and removes the passphrase (encryption.go).
	Encryption *EncryptionService
	// Drafts keeps the journal editor's unsaved text (drafts.go).
	Drafts *DraftService
	// Views keeps the map's saved views (views.go).
	Views *ViewService
	// Goals keeps the learning goals (goals.go).
	Goals *GoalService
	// Search answers full-text searches (search_service.go).
	Search *SearchService
	// Images keeps the journal's images (images.go); not bound: the
	// webview reaches it over HTTP (/api/images).
	Images *ImageService
	// Files imports files for Go callers; it is not bound (see Files).
	Files *Files
}

// core is what every service holds: the dependencies plus the restore gate.
type core struct {
	st      *store.Store
	em      Emitter
	now     func() time.Time
	log     *slog.Logger
	dataDir string
	// gate: every gesture holds it for reading; a restore (DropAll + Load)
	// holds it for writing, so no gesture sees or writes a half-restored store.
	gate *sync.RWMutex
	// auto: the automatic backups' lock and daily loop (autobackup.go);
	// nil in a core made for one pre-migration backup.
	auto *autoBackups
	// key: the store key of an encrypted data folder (nil: plain); read
	// under the gate, changed with it held for writing, as st is.
	key []byte
	// storeOpts: how st was opened (EncryptionService reopens it).
	storeOpts store.Options
	// stMu guards st for Services.Store, which callers use without the gate.
	stMu sync.Mutex
	// net: the whole network as GET /api/network serves it (netcache.go).
	net netCache
	// act: what every alter's activity is computed from (activitycache.go).
	act activityCache
	// search: the full-text index fed after each commit (search.go).
	search *searchIndex
}

type discardEmitter struct{}

func (discardEmitter) Emit(string, any) {}

// New builds the services. Before returning it finishes a restore that a
// crash interrupted (see BackupService.RecoverPendingRestore) and makes sure
// the ego exists (label "Me", kind person, at 0,0, pinned). It returns an
// error only if the store cannot be read or written.
func New(d Deps) (*Services, error) {
	if d.Store == nil {
		return nil, errors.New("service.New: Deps.Store is nil")
	}
	c := &core{st: d.Store, em: d.Emitter, now: d.Now, log: d.Log, dataDir: d.DataDir, gate: &sync.RWMutex{}, auto: newAutoBackups(),
		key: d.EncryptionKey, storeOpts: d.StoreOptions}
	c.search = newSearchIndex(c)
	if c.em == nil {
		c.em = discardEmitter{}
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.log == nil {
		c.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s := &Services{
		Network:    &NetworkService{c: c},
		Journal:    &JournalService{c: c},
		Import:     newImportService(c),
		Backup:     &BackupService{c: c},
		History:    &HistoryService{c: c},
		Encryption: &EncryptionService{c: c},
		Drafts:     &DraftService{c: c},
		Views:      &ViewService{c: c},
		Goals:      &GoalService{c: c},
		Search:     &SearchService{c: c},
		Images:     &ImageService{c: c},
	}
	s.Files = &Files{s: s.Import, backup: s.Backup}
	c.sweepLeftovers()
	if restored, err := s.Backup.recoverPendingRestore(); err != nil {
		return nil, err
	} else if restored {
		c.search.invalidate()
	}
	if _, err := c.ensureEgo(); err != nil {
		return nil, err
	}
	return s, nil
}

// Close prepares for closing the store: it cancels running imports (they
// roll back), stops the daily backup loop, and waits, at most timeout, for
// gestures in flight and a daily backup being written to finish.
// Afterwards every service call blocks, so call it only on the way out,
// right before store.Close. It reports whether everything finished in time.
func (s *Services) Close(timeout time.Duration) bool {
	s.Import.cancelAll()
	s.Network.c.search.close()
	s.Network.c.auto.halt()
	done := make(chan struct{})
	go func() {
		s.Network.c.gate.Lock() // never unlocked: nothing may use the store after this
		s.Network.c.auto.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return true
	case <-time.After(timeout):
		s.Network.c.log.Warn("gestures still running at shutdown", "waited", timeout)
		return false
	}
}

// Bind returns the five bound services for wails' options.App.Bind.
func (s *Services) Bind() []any {
	return []any{s.Network, s.Journal, s.Import, s.Backup, s.History, s.Encryption, s.Drafts, s.Views, s.Goals, s.Search}
}

// Store returns the store the services use now: EncryptionService
// replaces it when it turns encryption on or off, so whoever closes the
// store on the way out closes this one (after Close).
func (s *Services) Store() *store.Store {
	c := s.Network.c
	c.stMu.Lock()
	defer c.stMu.Unlock()
	return c.st
}

// stamp returns the current time from the clock, in UTC, at microsecond
// precision (so it survives JSON and store round trips unchanged).
func (c *core) stamp() time.Time {
	return c.now().UTC().Truncate(time.Microsecond)
}

func (c *core) emit(event string, payload any) {
	defer func() {
		if r := recover(); r != nil {
			c.log.Error("panic in event emitter", "event", event, "panic", r)
		}
	}()
	c.em.Emit(event, payload)
}

// ensureEgo creates the ego if the store has none and returns it.
func (c *core) ensureEgo() (pln.Node, error) {
	var ego pln.Node
	created := false
	err := c.st.Update(func(tx *store.Tx) error {
		n, ok, err := tx.Ego()
		if err != nil {
			return err
		}
		if ok {
			ego, created = n, false
			return nil
		}
		now := c.stamp()
		ego = pln.Node{ID: pln.NewID(), Ego: true, Label: "Me", Kind: pln.KindPerson,
			X: 0, Y: 0, Pinned: true, CreatedAt: now, UpdatedAt: now}
		created = true
		return tx.PutNode(ego)
	})
	if err != nil {
		return pln.Node{}, err
	}
	if created {
		c.log.Info("created the ego", "id", ego.ID)
	}
	return ego, nil
}
