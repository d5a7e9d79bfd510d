//go:build unix && !linux

package store

import (
	"errors"
	"syscall"

	"golang.org/x/sys/unix"
)

// freeSpace is statfs(2)'s blocks available to unprivileged users times
// the block size.
func freeSpace(path string) (uint64, error) {
	var st unix.Statfs_t
	if err := unix.Statfs(path, &st); err != nil {
		return 0, err
	}
	return uint64(st.Bavail) * uint64(st.Bsize), nil
}

func isNoSpace(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}
