package service

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/plexus-pln/plexus/backend/interchange"
	"github.com/plexus-pln/plexus/backend/pln"
	"github.com/plexus-pln/plexus/backend/store"
)

// EncryptionService is the bound side of encryption at rest: the
// settings' passphrase section (encryption.go has the protocol). Turning
// encryption on or off copies the store while every gesture waits (the
// gate held for writing), then swaps the copy in and reopens it: the
// window stays open. Argon2id and the copy take a while (seconds for a
// large network); call these off the UI thread (Wails does).
type EncryptionService struct {
	c *core
}

// Status says whether the data folder is encrypted, since when, and what
// in it Plexus cannot encrypt by itself (see EncryptionStatus).
func (e *EncryptionService) Status() (st EncryptionStatus, err error) {
	defer recoverInto(e.c.log, "EncryptionService.Status", &err)
	if e.c.dataDir == "" {
		return EncryptionStatus{Warning: ForgottenWarning}, nil
	}
	return ReadEncryptionStatus(e.c.dataDir)
}

// SetPassphrase turns encryption on with passphrase (at least 8
// characters): a new store key, the store copied into an encrypted one
// and swapped in, the backups in the data folder encrypted. Show
// ForgottenWarning first. Errors: invalid (the passphrase), conflict
// (already encrypted), unsupported (no data folder), internal.
func (e *EncryptionService) SetPassphrase(passphrase string) (err error) {
	defer recoverInto(e.c.log, "EncryptionService.SetPassphrase", &err)
	if err := checkPassphrase(passphrase); err != nil {
		return err
	}
	return e.swap(func(c *core) ([]byte, error) {
		if _, ok, err := readEncryptionFile(c.dataDir); err != nil {
			return nil, err
		} else if ok {
			return nil, pln.Conflict("Plexus data is already encrypted; change the passphrase instead.")
		}
		return newStoreKey(c.dataDir, c.st, passphrase, c.now(), c.log)
	})
}

// RemovePassphrase turns encryption off: the backups in the data folder
// decrypted, the store copied into a plain one and swapped in, the key
// file removed. Errors: locked (a wrong passphrase), conflict (not
// encrypted), unsupported, internal.
func (e *EncryptionService) RemovePassphrase(passphrase string) (err error) {
	defer recoverInto(e.c.log, "EncryptionService.RemovePassphrase", &err)
	return e.swap(func(c *core) ([]byte, error) {
		f, ok, err := readEncryptionFile(c.dataDir)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, pln.Conflict("Plexus data is not encrypted.")
		}
		key, err := openStoreKey(c.dataDir, f, passphrase)
		if err != nil {
			return nil, err
		}
		return nil, dropStoreKey(c.dataDir, c.st, key, c.log)
	})
}

// ChangePassphrase seals the store key under newPassphrase; the store
// stays open and keeps its key (see ChangePassphrase, the function).
// Errors: locked (oldPassphrase is wrong), invalid, conflict (not
// encrypted), unsupported.
func (e *EncryptionService) ChangePassphrase(oldPassphrase, newPassphrase string) (err error) {
	defer recoverInto(e.c.log, "EncryptionService.ChangePassphrase", &err)
	if e.c.dataDir == "" {
		return pln.Unsupported("Plexus runs without a data folder; there is nothing to encrypt.")
	}
	e.c.gate.RLock()
	defer e.c.gate.RUnlock()
	return ChangePassphrase(e.c.dataDir, oldPassphrase, newPassphrase, e.c.log)
}

// swap runs change with every gesture and automatic backup held off;
// change closes the store (and returns the new key, nil for plain). swap
// then opens the swapped-in store with the new key and hands it to the
// services. If the reopen fails, every later call fails and the error
// says to restart Plexus (the next start opens the new store).
func (e *EncryptionService) swap(change func(c *core) ([]byte, error)) error {
	c := e.c
	if c.dataDir == "" {
		return pln.Unsupported("Plexus runs without a data folder; there is nothing to encrypt.")
	}
	c.gate.Lock()
	defer c.gate.Unlock()
	if c.auto != nil {
		c.auto.mu.Lock() // no automatic backup is written with the old key meanwhile
		defer c.auto.mu.Unlock()
	}
	if err := FinishEncryptionChange(c.dataDir, c.log); err != nil {
		return err
	}
	closedBefore := c.st.Closed()
	if closedBefore {
		return errors.New("service: the store is closed")
	}
	key, err := change(c)
	if err != nil && !c.st.Closed() {
		return err // nothing changed; the store is still open
	}
	// The store is closed: open whichever one the folder holds now (the
	// new one, or the old one when the change failed before its commit
	// point), with the key its key file says.
	openKey := key
	if err != nil {
		if _, ok, rerr := readEncryptionFile(c.dataDir); rerr == nil && ok == (c.key != nil) {
			openKey = c.key
		}
	}
	opts := c.storeOpts
	opts.EncryptionKey = openKey
	opts.BeforeMigrate = PreMigrationBackupProtected(c.dataDir, openKey, c.log)
	st, oerr := store.Open(dbPath(c.dataDir), opts)
	if oerr != nil {
		c.log.Error("reopening the store after an encryption change failed", "err", oerr)
		return errors.Join(err, fmt.Errorf("the data was saved, but Plexus could not open it again (%s); restart Plexus", pln.AsError(oerr).Message))
	}
	c.stMu.Lock()
	c.st = st
	c.stMu.Unlock()
	c.key = openKey
	c.search.reopen()
	if err != nil {
		return err
	}
	if key != nil {
		if err := protectFiles(c.dataDir, key, c.log); err != nil {
			return err
		}
	}
	c.log.Info("store reopened after an encryption change", "encrypted", key != nil, "at", time.Now().UTC().Format(time.RFC3339))
	return nil
}

// fileSecret is what opens the protected files of the data folder now.
// The caller must not hold the gate.
func (c *core) fileSecret() fileSecret {
	c.gate.RLock()
	defer c.gate.RUnlock()
	return fileSecret{folderKey: c.key}
}

// ExportEncryptedBackup writes the whole store as a backup to path,
// sealed with passphrase (the format of protect.go with "key":
// "passphrase": it opens anywhere with that passphrase, in no other way).
// Written atomically; an existing file that is not a Plexus backup is not
// replaced (conflict). Errors: invalid (the passphrase, the path),
// conflict, damaged (records that could not be read are left out, as in
// ExportBackup), internal.
func (e *EncryptionService) ExportEncryptedBackup(path, passphrase string) (err error) {
	defer recoverInto(e.c.log, "EncryptionService.ExportEncryptedBackup", &err)
	if err := checkPassphrase(passphrase); err != nil {
		return err
	}
	path, err = cleanPath(path)
	if err != nil {
		return err
	}
	if err := checkOverwritable(path); err != nil {
		return err
	}
	bs := &BackupService{c: e.c}
	e.c.gate.RLock()
	b, err := bs.snapshot()
	e.c.gate.RUnlock()
	if err != nil {
		return err
	}
	if err := writeFileAtomic(path, func(w io.Writer) error {
		return sealTo(w, fileSecret{passphrase: passphrase}, "passphrase", func(w io.Writer) error { return interchange.WriteBackup(w, b) })
	}); err != nil {
		return fileError("write", path, err)
	}
	e.c.log.Info("encrypted backup exported", "path", path, "nodes", len(b.Nodes), "ties", len(b.Ties), "entries", len(b.Entries))
	return skippedError(path, b)
}

// RestoreEncryptedBackup is BackupService.RestoreBackup for a backup file
// sealed with passphrase (ExportEncryptedBackup). A wrong passphrase is
// locked and changes nothing.
func (e *EncryptionService) RestoreEncryptedBackup(path, passphrase string, replace bool) (err error) {
	return (&BackupService{c: e.c}).restoreBackup(path, replace, passphrase)
}

// BackupNeedsPassphrase reports whether the backup file at path is sealed
// with a passphrase (so a restore must be given one). Plain files, and
// files sealed with a data folder's key, do not.
func BackupNeedsPassphrase(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, fileError("read", path, err)
	}
	defer f.Close()
	br := bufio.NewReader(f)
	if !isProtected(br) {
		return false, nil
	}
	line, err := br.ReadSlice('\n')
	if err != nil {
		return false, pln.Damaged("%s is an encrypted Plexus file whose header is damaged.", filepath.Base(path))
	}
	var h protectedHeader
	if err := json.Unmarshal(line, &h); err != nil {
		return false, pln.Damaged("%s is an encrypted Plexus file whose header is damaged: %v.", filepath.Base(path), err)
	}
	return h.Key == "passphrase", nil
}
