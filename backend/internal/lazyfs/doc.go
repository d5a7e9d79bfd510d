// Package lazyfs is a FUSE filesystem for power-loss tests, in the manner of
// LazyFS (Ramos et al., "LazyFS: a FUSE file system with an internal page
// cache", dsrhaslab/lazyfs): it passes a test's file operations through to a
// backing folder, but keeps everything that was not made durable by a sync
// in memory, and on command throws that away — a "power cut". After a cut
// the backing folder holds exactly what a disk would hold after losing power
// at that instant.
//
// It runs on Linux only (the files are built with the linux tag) and needs
// /dev/fuse and the right to mount (root, or a user allowed to mount FUSE).
//
// # What survives a power cut
//
// The model is that of a journaling filesystem with ordered metadata (ext4
// data=ordered, XFS), stated precisely:
//
//   - File contents and sizes (write, truncate, the size an O_TRUNC open
//     sets, and pages the kernel writes back from a shared mmap) are durable
//     only as of the file's last fsync or fdatasync. msync(MS_SYNC) reaches
//     the filesystem as exactly that (the kernel writes the mapping's dirty
//     pages, then sends FSYNC). Until then the changed bytes live in memory,
//     4 KiB pages per file, and reads see them; a cut drops them and the file
//     is back to its last synced contents and size. close(2) syncs nothing.
//   - Namespace operations (create, mkdir, unlink, rmdir, rename) are
//     applied to the backing folder at once but journaled in the order they
//     happen. Any sync on the mount — fsync or fdatasync of any file, or
//     fsync of any directory — commits every operation journaled so far (a
//     single metadata journal, as in ext4 and XFS). A cut undoes, newest
//     first, the operations no sync followed: created files and directories
//     disappear, unlinked files and removed directories come back, renames
//     go back (with the file a rename replaced). Until the unmount the
//     backing files of unlinked files are kept in a hidden folder
//     (.lazyfs-trash at the backing root, invisible through the mount), so
//     that inode numbers are not reused while the mount lives.
//   - Attributes other than the size (mode, owner, times) are written
//     through and are never undone. Hard links, symlinks, device nodes,
//     extended attributes, fallocate and RENAME_EXCHANGE are not supported
//     (ENOTSUP): Badger uses none of them.
//
// The backing folder is treated as the durable disk: lazyfs does not fsync
// it (nothing cuts its power).
//
// # A cut
//
// FS.PowerCut first aborts the FUSE connection (writes to
// /sys/fs/fuse/connections/<id>/abort, mounting fusectl there if needed), so
// from that instant no request of any process reaches the filesystem: pages
// a process dirtied through mmap and the kernel had not written back are lost
// with the page cache, and a process that goes on gets ENOTCONN (or SIGBUS on
// a mapping). Then it discards what was unsynced and detaches the mount. The
// processes that used the mount should be killed right after: they would be
// dead after a real power loss. Mount the backing folder again to go on. No
// direct I/O is used (the page cache stays on), so shared mmaps work as on a
// disk filesystem; a process must not map files of a lazyfs mount that its
// own process serves (a page fault there can deadlock the Go runtime), so
// tests run the program under test in a child process.
package lazyfs
