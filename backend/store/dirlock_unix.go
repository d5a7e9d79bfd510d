//go:build unix

package store

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"

	"github.com/plexus-pln/plexus/backend/pln"
)

// LockDir takes the lock Badger takes on a store folder (an exclusive
// flock on its LOCK file) so that recovery does not move or read a store
// that a running Plexus holds open. A held lock is pln.Conflict. The
// returned func releases it.
func LockDir(dir string) (func(), error) {
	f, err := os.OpenFile(filepath.Join(dir, "LOCK"), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, pln.Conflict("Plexus is using the data folder %s (its window, or another plexus command). Close it first.", filepath.Dir(dir))
		}
		return nil, err
	}
	return func() { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() }, nil
}
