package service

import (
	"github.com/plexus-pln/plexus/backend/store"
)

// DraftService keeps the journal editor's unsaved text in the store, so
// that it is encrypted with the data folder and never sits in the
// webview's storage (docs/decisions/journal-drafts.md). Drafts are scratch
// state, not network data: they are written with the store's Update, not
// the history's commit path (no step, no undo, no event), and are not part
// of backups. Keys are entry ids or "new"; values are opaque text (the
// frontend's JSON). Limits: store.CheckDraft, store.MaxDrafts,
// store.MaxDraftsBytes.
type DraftService struct {
	c *core
}

// Drafts returns every kept draft, key → text (empty when there are none).
// The frontend reads it once at start.
func (s *DraftService) Drafts() (ds map[string]string, err error) {
	defer recoverInto(s.c.log, "DraftService.Drafts", &err)
	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	err = s.c.st.View(func(tx *store.Tx) error {
		var err error
		ds, err = tx.Drafts()
		return err
	})
	if err != nil {
		return nil, err
	}
	s.c.log.Info("drafts read", "drafts", len(ds))
	return ds, nil
}

// PutDraft keeps value as key's draft, replacing the one it had: one
// synced write. invalid for a malformed key (1–64 bytes of printable
// ASCII) or text that is not UTF-8; too_large for a draft over 1 MiB, a
// 201st draft, or drafts over 16 MiB together.
func (s *DraftService) PutDraft(key, value string) (err error) {
	defer recoverInto(s.c.log, "DraftService.PutDraft", &err)
	if err := store.CheckDraft(key, value); err != nil {
		return err
	}
	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	return s.c.st.Update(func(tx *store.Tx) error { return tx.PutDraft(key, value) })
}

// DeleteDraft removes key's draft (none kept: no error); invalid for a
// malformed key.
func (s *DraftService) DeleteDraft(key string) (err error) {
	defer recoverInto(s.c.log, "DraftService.DeleteDraft", &err)
	if err := store.CheckDraftKey(key); err != nil {
		return err
	}
	s.c.gate.RLock()
	defer s.c.gate.RUnlock()
	return s.c.st.Update(func(tx *store.Tx) error { return tx.DeleteDraft(key) })
}
