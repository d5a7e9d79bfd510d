package store

import (
	"errors"
	"syscall"

	"golang.org/x/sys/unix"
)

// freeSpace is statfs(2)'s blocks available to unprivileged users times
// the fragment size (the unit Linux counts blocks in).
func freeSpace(path string) (uint64, error) {
	var st unix.Statfs_t
	if err := unix.Statfs(path, &st); err != nil {
		return 0, err
	}
	unit := uint64(st.Frsize)
	if unit == 0 {
		unit = uint64(st.Bsize)
	}
	return st.Bavail * unit, nil
}

func isNoSpace(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}
