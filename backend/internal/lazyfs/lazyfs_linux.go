package lazyfs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/hanwen/go-fuse/v2/fs"
	"github.com/hanwen/go-fuse/v2/fuse"
	"golang.org/x/sys/unix"
)

// pageSize is the granularity of the in-memory copy of unsynced file data.
const pageSize = 4096

// trashName is the hidden folder at the backing root that holds the backing
// files of unlinked files until the unmount (see the package doc).
const trashName = ".lazyfs-trash"

// connectionsDir is where the kernel's fusectl filesystem lists FUSE
// connections, one folder per connection named by its device number.
const connectionsDir = "/sys/fs/fuse/connections"

// FS is a mounted lazyfs. Its methods are safe for concurrent use.
type FS struct {
	dir     string
	backing string
	fsys    *filesystem
	server  *fuse.Server
	conn    string // /sys/fs/fuse/connections/<id>

	mu   sync.Mutex
	done bool
}

// CutReport says what a power cut threw away.
type CutReport struct {
	// Files is the number of files that had unsynced data or size changes.
	Files int
	// Bytes is the unsynced data dropped, in bytes (whole 4 KiB pages,
	// counted up to each file's unsynced size).
	Bytes int64
	// Ops is the number of namespace operations (create, mkdir, unlink,
	// rmdir, rename) undone.
	Ops int
}

// Stats counts what reached the filesystem since it was mounted.
type Stats struct {
	Writes    int // write requests (write(2) and mmap write-back)
	FileSyncs int // fsync/fdatasync of files (msync(MS_SYNC) included)
	DirSyncs  int // fsync of directories
	Ops       int // namespace operations
}

// Mount mounts a lazyfs at mountpoint (an existing, empty folder) that
// passes through to backing (an existing folder). It fails with a message
// that says so when /dev/fuse is missing, the mount is refused or the FUSE
// connection cannot be found under /sys/fs/fuse/connections (which it mounts
// when it is empty).
func Mount(backing, mountpoint string) (*FS, error) {
	if _, err := os.Stat("/dev/fuse"); err != nil {
		return nil, fmt.Errorf("lazyfs: /dev/fuse is missing (%v): load the fuse module, or run the container with --device /dev/fuse", err)
	}
	backing, err := filepath.Abs(backing)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(backing); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("lazyfs: the backing folder %s is not a folder (%v)", backing, err)
	}
	trash := filepath.Join(backing, trashName)
	if err := os.RemoveAll(trash); err != nil {
		return nil, fmt.Errorf("lazyfs: clearing %s: %w", trash, err)
	}
	if err := os.Mkdir(trash, 0o700); err != nil {
		return nil, fmt.Errorf("lazyfs: %w", err)
	}
	fsys := &filesystem{backing: backing, trash: trash, files: map[uint64]*fileState{}}
	root := &node{fsys: fsys}
	zero := time.Duration(0)
	opts := &fs.Options{
		MountOptions: fuse.MountOptions{
			FsName:        "lazyfs:" + backing,
			Name:          "lazyfs",
			DirectMount:   true,
			DisableXAttrs: true,
			// The kernel checks permissions from the modes lazyfs reports.
			Options: []string{"default_permissions"},
		},
		// No caching of entries or attributes: sizes change under the
		// kernel's feet at a cut only across mounts, but a zero timeout
		// keeps every answer fresh and the model simple.
		EntryTimeout:    &zero,
		AttrTimeout:     &zero,
		NegativeTimeout: &zero,
	}
	server, err := fs.Mount(mountpoint, root, opts)
	if err != nil {
		return nil, fmt.Errorf("lazyfs: mounting %s: %w", mountpoint, err)
	}
	m := &FS{dir: mountpoint, backing: backing, fsys: fsys, server: server}
	conn, err := connection(mountpoint)
	if err != nil {
		_ = server.Unmount()
		return nil, err
	}
	m.conn = conn
	return m, nil
}

// connection finds the fusectl folder of the FUSE mount at dir: its name is
// the mount's anonymous device number (major 0, so the minor).
func connection(dir string) (string, error) {
	var st unix.Stat_t
	if err := unix.Stat(dir, &st); err != nil {
		return "", fmt.Errorf("lazyfs: %w", err)
	}
	conn := filepath.Join(connectionsDir, strconv.FormatUint(uint64(unix.Minor(st.Dev)), 10))
	if _, err := os.Stat(conn); err == nil {
		return conn, nil
	}
	// fusectl is not mounted in many containers; mount it (root).
	if err := unix.Mount("fusectl", connectionsDir, "fusectl", 0, ""); err != nil && !errors.Is(err, unix.EBUSY) {
		return "", fmt.Errorf("lazyfs: %s is not mounted and mounting fusectl there failed: %w (a power cut must abort the FUSE connection)", connectionsDir, err)
	}
	if _, err := os.Stat(conn); err != nil {
		return "", fmt.Errorf("lazyfs: the FUSE connection of %s is not listed in %s: %w", dir, connectionsDir, err)
	}
	return conn, nil
}

// Dir is the mount point.
func (m *FS) Dir() string { return m.dir }

// Stats returns the counts since the mount.
func (m *FS) Stats() Stats {
	m.fsys.mu.Lock()
	defer m.fsys.mu.Unlock()
	return m.fsys.stats
}

// PowerCut aborts the FUSE connection, throws away everything not synced
// (see the package doc) and detaches the mount. Afterwards the backing
// folder holds only what was durable at the instant of the abort. Kill the
// processes that used the mount right after. Calling it (or Unmount) again
// does nothing.
func (m *FS) PowerCut() (CutReport, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.done {
		return CutReport{}, nil
	}
	m.done = true
	abortErr := os.WriteFile(filepath.Join(m.conn, "abort"), []byte("1"), 0o200)
	m.fsys.mu.Lock()
	rep, discardErr := m.fsys.discard()
	m.fsys.mu.Unlock()
	unmountErr := unix.Unmount(m.dir, unix.MNT_DETACH)
	if errors.Is(unmountErr, unix.EINVAL) { // already gone
		unmountErr = nil
	}
	m.server.Wait()
	if abortErr != nil {
		abortErr = fmt.Errorf("lazyfs: aborting the FUSE connection: %w", abortErr)
	}
	if unmountErr != nil {
		unmountErr = fmt.Errorf("lazyfs: detaching %s: %w", m.dir, unmountErr)
	}
	return rep, errors.Join(abortErr, discardErr, unmountErr, os.RemoveAll(m.fsys.trash))
}

// Unmount is a clean shutdown: it unmounts (which fails while files are
// open), then makes everything durable, as an orderly shutdown of a machine
// does, and removes the hidden trash folder.
func (m *FS) Unmount() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.done {
		return nil
	}
	if err := m.server.Unmount(); err != nil {
		return fmt.Errorf("lazyfs: unmounting %s: %w", m.dir, err)
	}
	m.done = true
	m.fsys.mu.Lock()
	err := m.fsys.syncAll()
	m.fsys.mu.Unlock()
	return errors.Join(err, os.RemoveAll(m.fsys.trash))
}

// ---- the filesystem state ----

type opKind int

const (
	opCreate opKind = iota
	opMkdir
	opUnlink
	opRmdir
	opRename
)

// nsOp is one journaled namespace operation, with what undoes it. Paths are
// backing paths.
type nsOp struct {
	kind  opKind
	path  string // the name created or removed; a rename's old name
	path2 string // a rename's new name
	trash string // unlink: where the file went; rename: where the replaced target went ("" for none)
	mode  uint32 // rmdir: the directory's permission bits
}

// undo reverts op on the backing folder.
func (op nsOp) undo() error {
	switch op.kind {
	case opCreate, opMkdir:
		return os.Remove(op.path)
	case opUnlink:
		return os.Rename(op.trash, op.path)
	case opRmdir:
		return os.Mkdir(op.path, os.FileMode(op.mode))
	case opRename:
		if err := os.Rename(op.path2, op.path); err != nil {
			return err
		}
		if op.trash != "" {
			return os.Rename(op.trash, op.path2)
		}
	}
	return nil
}

// fileState is one backing file (by inode number) with its unsynced data.
//
// Invariants: bytes at or beyond size read as zero; backing bytes at or
// beyond min(low, durable) are stale (a truncate below them happened since
// the last sync) and read as zero; pages hold no non-zero byte beyond size.
type fileState struct {
	fd      *os.File
	size    int64            // current size
	durable int64            // size of the backing file (as of the last sync)
	low     int64            // smallest size since the last sync
	pages   map[int64][]byte // page index → pageSize bytes, unsynced
}

func (f *fileState) dirty() bool {
	return len(f.pages) > 0 || f.size != f.durable || f.low != f.durable
}

// loadPage returns page i for writing, filled from the backing file.
func (f *fileState) loadPage(i int64) ([]byte, error) {
	if p := f.pages[i]; p != nil {
		return p, nil
	}
	p := make([]byte, pageSize)
	valid := min(f.low, f.durable) - i*pageSize
	if valid > 0 {
		n, err := f.fd.ReadAt(p[:min(valid, pageSize)], i*pageSize)
		if err != nil && n < int(min(valid, pageSize)) && !errors.Is(err, io.EOF) {
			return nil, err
		}
	}
	f.pages[i] = p
	return p, nil
}

func (f *fileState) readAt(dst []byte, off int64) (int, error) {
	if off >= f.size {
		return 0, nil
	}
	n := int(min(int64(len(dst)), f.size-off))
	dst = dst[:n]
	valid := min(f.low, f.durable)
	for done := 0; done < n; {
		pos := off + int64(done)
		i, in := pos/pageSize, int(pos%pageSize)
		chunk := dst[done:min(n, done+pageSize-in)]
		if p := f.pages[i]; p != nil {
			copy(chunk, p[in:])
		} else {
			clear(chunk)
			if avail := valid - pos; avail > 0 {
				want := chunk[:min(int64(len(chunk)), avail)]
				if m, err := f.fd.ReadAt(want, pos); err != nil && m < len(want) && !errors.Is(err, io.EOF) {
					return 0, err
				}
			}
		}
		done += len(chunk)
	}
	return n, nil
}

func (f *fileState) writeAt(data []byte, off int64) error {
	for done := 0; done < len(data); {
		pos := off + int64(done)
		i, in := pos/pageSize, int(pos%pageSize)
		p, err := f.loadPage(i)
		if err != nil {
			return err
		}
		done += copy(p[in:], data[done:])
	}
	f.size = max(f.size, off+int64(len(data)))
	return nil
}

func (f *fileState) truncate(size int64) {
	if size < f.size {
		for i, p := range f.pages {
			start := i * pageSize
			switch {
			case start >= size:
				delete(f.pages, i)
			case start+pageSize > size:
				clear(p[size-start:])
			}
		}
		f.low = min(f.low, size)
	}
	f.size = size
}

// sync makes the file's current contents and size durable.
func (f *fileState) sync() error {
	if !f.dirty() {
		return nil
	}
	if f.low < f.durable {
		if err := f.fd.Truncate(f.low); err != nil {
			return err
		}
	}
	for i, p := range f.pages {
		start := i * pageSize
		if start >= f.size {
			continue
		}
		if _, err := f.fd.WriteAt(p[:min(pageSize, f.size-start)], start); err != nil {
			return err
		}
	}
	if err := f.fd.Truncate(f.size); err != nil {
		return err
	}
	f.durable, f.low = f.size, f.size
	clear(f.pages)
	return nil
}

// unsyncedBytes is what a cut drops from f, in bytes.
func (f *fileState) unsyncedBytes() int64 {
	var n int64
	for i := range f.pages {
		if start := i * pageSize; start < f.size {
			n += min(pageSize, f.size-start)
		}
	}
	return n
}

// filesystem is the shared state of one mount; mu guards all of it.
type filesystem struct {
	backing string
	trash   string

	mu      sync.Mutex
	dead    bool                  // cut or unmounted: every operation fails
	files   map[uint64]*fileState // by backing inode number
	journal []nsOp                // namespace operations since the last sync
	trashed int                   // names handed out in trash
	stats   Stats
}

// discard undoes the unsynced namespace operations (newest first) and drops
// all unsynced data. The caller holds mu.
func (s *filesystem) discard() (CutReport, error) {
	s.dead = true
	var rep CutReport
	var errs []error
	for i := len(s.journal) - 1; i >= 0; i-- {
		if err := s.journal[i].undo(); err != nil {
			errs = append(errs, fmt.Errorf("lazyfs: undoing a namespace operation on %s: %w", s.journal[i].path, err))
		}
	}
	rep.Ops = len(s.journal)
	s.journal = nil
	for _, f := range s.files {
		if f.dirty() {
			rep.Files++
			rep.Bytes += f.unsyncedBytes()
		}
		_ = f.fd.Close()
	}
	s.files = map[uint64]*fileState{}
	return rep, errors.Join(errs...)
}

// syncAll makes everything durable (a clean shutdown). The caller holds mu.
func (s *filesystem) syncAll() error {
	s.dead = true
	var errs []error
	for _, f := range s.files {
		errs = append(errs, f.sync(), f.fd.Close())
	}
	s.files = map[uint64]*fileState{}
	s.journal = nil
	return errors.Join(errs...)
}

// commit makes every journaled namespace operation durable.
func (s *filesystem) commit() { s.journal = nil }

// state returns the fileState of the backing file at path, opening it on
// first sight.
func (s *filesystem) state(path string, st *syscall.Stat_t) (*fileState, error) {
	if f := s.files[st.Ino]; f != nil {
		return f, nil
	}
	fd, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return nil, err
	}
	f := &fileState{fd: fd, size: st.Size, durable: st.Size, low: st.Size, pages: map[int64][]byte{}}
	s.files[st.Ino] = f
	return f, nil
}

// trashPath hands out a fresh name in the trash folder.
func (s *filesystem) trashPath() string {
	s.trashed++
	return filepath.Join(s.trash, strconv.Itoa(s.trashed))
}

// ---- the nodes ----

// node is a file or directory of the mount. Files carry their fileState;
// directories find their backing path through the inode tree.
type node struct {
	fs.Inode
	fsys *filesystem
	file *fileState // nil for directories
}

var (
	_ fs.NodeLookuper  = (*node)(nil)
	_ fs.NodeGetattrer = (*node)(nil)
	_ fs.NodeSetattrer = (*node)(nil)
	_ fs.NodeOpener    = (*node)(nil)
	_ fs.NodeCreater   = (*node)(nil)
	_ fs.NodeReader    = (*node)(nil)
	_ fs.NodeWriter    = (*node)(nil)
	_ fs.NodeFsyncer   = (*node)(nil)
	_ fs.NodeFlusher   = (*node)(nil)
	_ fs.NodeReleaser  = (*node)(nil)
	_ fs.NodeReaddirer = (*node)(nil)
	_ fs.NodeMkdirer   = (*node)(nil)
	_ fs.NodeUnlinker  = (*node)(nil)
	_ fs.NodeRmdirer   = (*node)(nil)
	_ fs.NodeRenamer   = (*node)(nil)
	_ fs.NodeStatfser  = (*node)(nil)
)

// path is the backing path of a directory node.
func (n *node) path() string {
	return filepath.Join(n.fsys.backing, n.Path(nil))
}

// child is the backing path of name in directory n; the trash folder's name
// is refused at the root.
func (n *node) child(name string) (string, syscall.Errno) {
	if n.IsRoot() && name == trashName {
		return "", syscall.EPERM
	}
	return filepath.Join(n.path(), name), 0
}

// lock takes the filesystem lock; it fails when the mount was cut.
func (n *node) lock() syscall.Errno {
	n.fsys.mu.Lock()
	if n.fsys.dead {
		n.fsys.mu.Unlock()
		return syscall.EIO
	}
	return 0
}

func (n *node) unlock() { n.fsys.mu.Unlock() }

// attr fills out from the backing file, with the size lazyfs holds.
func fillAttr(st *syscall.Stat_t, f *fileState, out *fuse.Attr) {
	out.FromStat(st)
	if f != nil {
		out.Size = uint64(f.size)
		out.Blocks = (uint64(f.size) + 511) / 512
	}
}

// newChild makes the inode for the backing entry at path (already lstat'ed
// into st). The caller holds the lock.
func (n *node) newChild(ctx context.Context, path string, st *syscall.Stat_t, out *fuse.EntryOut) (*fs.Inode, syscall.Errno) {
	ch := &node{fsys: n.fsys}
	switch st.Mode & syscall.S_IFMT {
	case syscall.S_IFDIR:
	case syscall.S_IFREG:
		f, err := n.fsys.state(path, st)
		if err != nil {
			return nil, fs.ToErrno(err)
		}
		ch.file = f
	default:
		return nil, syscall.ENOTSUP
	}
	fillAttr(st, ch.file, &out.Attr)
	return n.NewInode(ctx, ch, fs.StableAttr{Mode: st.Mode & syscall.S_IFMT, Ino: st.Ino}), 0
}

func (n *node) Lookup(ctx context.Context, name string, out *fuse.EntryOut) (*fs.Inode, syscall.Errno) {
	if errno := n.lock(); errno != 0 {
		return nil, errno
	}
	defer n.unlock()
	p, errno := n.child(name)
	if errno != 0 {
		return nil, syscall.ENOENT
	}
	var st syscall.Stat_t
	if err := syscall.Lstat(p, &st); err != nil {
		return nil, fs.ToErrno(err)
	}
	return n.newChild(ctx, p, &st, out)
}

func (n *node) getattr(out *fuse.AttrOut) syscall.Errno {
	var st syscall.Stat_t
	var err error
	if n.file != nil {
		err = syscall.Fstat(int(n.file.fd.Fd()), &st)
	} else {
		err = syscall.Lstat(n.path(), &st)
	}
	if err != nil {
		return fs.ToErrno(err)
	}
	fillAttr(&st, n.file, &out.Attr)
	return 0
}

func (n *node) Getattr(ctx context.Context, _ fs.FileHandle, out *fuse.AttrOut) syscall.Errno {
	if errno := n.lock(); errno != 0 {
		return errno
	}
	defer n.unlock()
	return n.getattr(out)
}

func (n *node) Setattr(ctx context.Context, _ fs.FileHandle, in *fuse.SetAttrIn, out *fuse.AttrOut) syscall.Errno {
	if errno := n.lock(); errno != 0 {
		return errno
	}
	defer n.unlock()
	if size, ok := in.GetSize(); ok {
		if n.file == nil {
			return syscall.EISDIR
		}
		n.file.truncate(int64(size))
	}
	p := n.path()
	if n.file != nil {
		p = "/proc/self/fd/" + strconv.Itoa(int(n.file.fd.Fd()))
	}
	if mode, ok := in.GetMode(); ok {
		if err := os.Chmod(p, os.FileMode(mode&0o7777)); err != nil {
			return fs.ToErrno(err)
		}
	}
	uid, okU := in.GetUID()
	gid, okG := in.GetGID()
	if okU || okG {
		u, g := -1, -1
		if okU {
			u = int(uid)
		}
		if okG {
			g = int(gid)
		}
		if err := os.Chown(p, u, g); err != nil {
			return fs.ToErrno(err)
		}
	}
	atime, okA := in.GetATime()
	mtime, okM := in.GetMTime()
	if okA || okM {
		ts := []unix.Timespec{{Nsec: unix.UTIME_OMIT}, {Nsec: unix.UTIME_OMIT}}
		if okA {
			ts[0] = unix.NsecToTimespec(atime.UnixNano())
		}
		if okM {
			ts[1] = unix.NsecToTimespec(mtime.UnixNano())
		}
		if err := unix.UtimesNanoAt(unix.AT_FDCWD, p, ts, 0); err != nil {
			return fs.ToErrno(err)
		}
	}
	return n.getattr(out)
}

func (n *node) Open(ctx context.Context, flags uint32) (fs.FileHandle, uint32, syscall.Errno) {
	if errno := n.lock(); errno != 0 {
		return nil, 0, errno
	}
	defer n.unlock()
	if n.file != nil && flags&syscall.O_TRUNC != 0 {
		n.file.truncate(0)
	}
	return nil, 0, 0
}

func (n *node) Create(ctx context.Context, name string, flags, mode uint32, out *fuse.EntryOut) (*fs.Inode, fs.FileHandle, uint32, syscall.Errno) {
	if errno := n.lock(); errno != 0 {
		return nil, nil, 0, errno
	}
	defer n.unlock()
	p, errno := n.child(name)
	if errno != 0 {
		return nil, nil, 0, errno
	}
	fd, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE|os.O_EXCL, os.FileMode(mode&0o7777))
	if err != nil {
		return nil, nil, 0, fs.ToErrno(err)
	}
	_ = fd.Close()
	n.fsys.journal = append(n.fsys.journal, nsOp{kind: opCreate, path: p})
	n.fsys.stats.Ops++
	var st syscall.Stat_t
	if err := syscall.Lstat(p, &st); err != nil {
		return nil, nil, 0, fs.ToErrno(err)
	}
	ch, errno := n.newChild(ctx, p, &st, out)
	return ch, nil, 0, errno
}

func (n *node) Read(ctx context.Context, _ fs.FileHandle, dest []byte, off int64) (fuse.ReadResult, syscall.Errno) {
	if errno := n.lock(); errno != 0 {
		return nil, errno
	}
	defer n.unlock()
	if n.file == nil {
		return nil, syscall.EISDIR
	}
	k, err := n.file.readAt(dest, off)
	if err != nil {
		return nil, fs.ToErrno(err)
	}
	return fuse.ReadResultData(dest[:k]), 0
}

func (n *node) Write(ctx context.Context, _ fs.FileHandle, data []byte, off int64) (uint32, syscall.Errno) {
	if errno := n.lock(); errno != 0 {
		return 0, errno
	}
	defer n.unlock()
	if n.file == nil {
		return 0, syscall.EISDIR
	}
	n.fsys.stats.Writes++
	if err := n.file.writeAt(data, off); err != nil {
		return 0, fs.ToErrno(err)
	}
	return uint32(len(data)), 0
}

// Fsync serves fsync and fdatasync of files and fsync of directories: it
// commits the namespace journal and, for a file, makes its data durable.
func (n *node) Fsync(ctx context.Context, _ fs.FileHandle, flags uint32) syscall.Errno {
	if errno := n.lock(); errno != 0 {
		return errno
	}
	defer n.unlock()
	n.fsys.commit()
	if n.file == nil {
		n.fsys.stats.DirSyncs++
		return 0
	}
	n.fsys.stats.FileSyncs++
	return fs.ToErrno(n.file.sync())
}

// Flush (close) syncs nothing.
func (n *node) Flush(ctx context.Context, _ fs.FileHandle) syscall.Errno { return 0 }

func (n *node) Release(ctx context.Context, _ fs.FileHandle) syscall.Errno { return 0 }

func (n *node) Readdir(ctx context.Context) (fs.DirStream, syscall.Errno) {
	if errno := n.lock(); errno != 0 {
		return nil, errno
	}
	defer n.unlock()
	dir := n.path()
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fs.ToErrno(err)
	}
	list := make([]fuse.DirEntry, 0, len(ents))
	for _, e := range ents {
		if n.IsRoot() && e.Name() == trashName {
			continue
		}
		var st syscall.Stat_t
		if err := syscall.Lstat(filepath.Join(dir, e.Name()), &st); err != nil {
			continue // gone meanwhile
		}
		list = append(list, fuse.DirEntry{Name: e.Name(), Mode: st.Mode, Ino: st.Ino})
	}
	return fs.NewListDirStream(list), 0
}

func (n *node) Mkdir(ctx context.Context, name string, mode uint32, out *fuse.EntryOut) (*fs.Inode, syscall.Errno) {
	if errno := n.lock(); errno != 0 {
		return nil, errno
	}
	defer n.unlock()
	p, errno := n.child(name)
	if errno != 0 {
		return nil, errno
	}
	if err := os.Mkdir(p, os.FileMode(mode&0o7777)); err != nil {
		return nil, fs.ToErrno(err)
	}
	n.fsys.journal = append(n.fsys.journal, nsOp{kind: opMkdir, path: p})
	n.fsys.stats.Ops++
	var st syscall.Stat_t
	if err := syscall.Lstat(p, &st); err != nil {
		return nil, fs.ToErrno(err)
	}
	return n.newChild(ctx, p, &st, out)
}

func (n *node) Unlink(ctx context.Context, name string) syscall.Errno {
	if errno := n.lock(); errno != 0 {
		return errno
	}
	defer n.unlock()
	p, errno := n.child(name)
	if errno != 0 {
		return errno
	}
	var st syscall.Stat_t
	if err := syscall.Lstat(p, &st); err != nil {
		return fs.ToErrno(err)
	}
	if st.Mode&syscall.S_IFMT == syscall.S_IFDIR {
		return syscall.EISDIR
	}
	t := n.fsys.trashPath()
	if err := os.Rename(p, t); err != nil {
		return fs.ToErrno(err)
	}
	n.fsys.journal = append(n.fsys.journal, nsOp{kind: opUnlink, path: p, trash: t})
	n.fsys.stats.Ops++
	return 0
}

func (n *node) Rmdir(ctx context.Context, name string) syscall.Errno {
	if errno := n.lock(); errno != 0 {
		return errno
	}
	defer n.unlock()
	p, errno := n.child(name)
	if errno != 0 {
		return errno
	}
	var st syscall.Stat_t
	if err := syscall.Lstat(p, &st); err != nil {
		return fs.ToErrno(err)
	}
	if err := syscall.Rmdir(p); err != nil {
		return fs.ToErrno(err)
	}
	n.fsys.journal = append(n.fsys.journal, nsOp{kind: opRmdir, path: p, mode: st.Mode & 0o7777})
	n.fsys.stats.Ops++
	return 0
}

func (n *node) Rename(ctx context.Context, name string, newParent fs.InodeEmbedder, newName string, flags uint32) syscall.Errno {
	if errno := n.lock(); errno != 0 {
		return errno
	}
	defer n.unlock()
	if flags&^unix.RENAME_NOREPLACE != 0 {
		return syscall.ENOTSUP
	}
	np, ok := newParent.(*node)
	if !ok {
		return syscall.EXDEV
	}
	src, errno := n.child(name)
	if errno != 0 {
		return errno
	}
	dst, errno := np.child(newName)
	if errno != 0 {
		return errno
	}
	var sst, dst0 syscall.Stat_t
	if err := syscall.Lstat(src, &sst); err != nil {
		return fs.ToErrno(err)
	}
	op := nsOp{kind: opRename, path: src, path2: dst}
	if err := syscall.Lstat(dst, &dst0); err == nil {
		if dst0.Ino == sst.Ino {
			return 0 // the same file: POSIX says do nothing
		}
		if flags&unix.RENAME_NOREPLACE != 0 {
			return syscall.EEXIST
		}
		srcDir := sst.Mode&syscall.S_IFMT == syscall.S_IFDIR
		dstDir := dst0.Mode&syscall.S_IFMT == syscall.S_IFDIR
		switch {
		case srcDir && !dstDir:
			return syscall.ENOTDIR
		case !srcDir && dstDir:
			return syscall.EISDIR
		case dstDir:
			if ents, err := os.ReadDir(dst); err != nil {
				return fs.ToErrno(err)
			} else if len(ents) > 0 {
				return syscall.ENOTEMPTY
			}
		}
		op.trash = n.fsys.trashPath()
		if err := os.Rename(dst, op.trash); err != nil {
			return fs.ToErrno(err)
		}
	}
	if err := os.Rename(src, dst); err != nil {
		if op.trash != "" {
			_ = os.Rename(op.trash, dst)
		}
		return fs.ToErrno(err)
	}
	n.fsys.journal = append(n.fsys.journal, op)
	n.fsys.stats.Ops++
	return 0
}

// Statfs reports the backing folder's filesystem.
func (n *node) Statfs(ctx context.Context, out *fuse.StatfsOut) syscall.Errno {
	var s syscall.Statfs_t
	if err := syscall.Statfs(n.fsys.backing, &s); err != nil {
		return fs.ToErrno(err)
	}
	out.FromStatfsT(&s)
	return 0
}
