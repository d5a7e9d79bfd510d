//go:build unix

package store

import (
	"errors"
	"os"
	"syscall"

	"github.com/plexus-pln/plexus/backend/pln"
)

// LockDir takes the lock Badger takes on a store folder — an exclusive
// flock on the folder itself (badger dir_unix.go, acquireDirectoryLock) —
// so that recovery does not move or read a store that a running Plexus
// holds open, and Open's own checks do not race another process's Badger.
// A held lock is pln.Conflict. The returned func releases it. A missing
// folder is not locked (nil error, a no-op release).
func LockDir(dir string) (func(), error) {
	f, err := os.Open(dir)
	if errors.Is(err, os.ErrNotExist) {
		return func() {}, nil
	}
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, pln.Conflict("Plexus is already using the data folder %s (its window, or another plexus command). Switch to that window and close it, or wait for the command to finish, then try again.", dir)
		}
		return nil, err
	}
	return func() { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() }, nil
}
