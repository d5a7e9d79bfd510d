package lazyfs

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// The helper child: the mmap tests map files of the mount in another
// process (a page fault on a mount that the faulting process serves itself
// can deadlock the Go runtime).
const envHelper = "LAZYFS_TEST_HELPER" // "mmap <path> <text> <msync 0|1>"

func TestMain(m *testing.M) {
	if h := os.Getenv(envHelper); h != "" {
		os.Exit(helper(strings.Fields(h)))
	}
	os.Exit(m.Run())
}

// helper maps path (8 KiB, created by the parent), writes text at offset
// 5000 through the mapping, msyncs when asked, says "written" and waits to
// be killed with the pages still mapped.
func helper(args []string) int {
	f, err := os.OpenFile(args[1], os.O_RDWR, 0)
	if err != nil {
		fmt.Println("open:", err)
		return 2
	}
	data, err := syscall.Mmap(int(f.Fd()), 0, 8192, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_SHARED)
	if err != nil {
		fmt.Println("mmap:", err)
		return 2
	}
	copy(data[5000:], args[2])
	if args[3] == "1" {
		if err := unix.Msync(data, unix.MS_SYNC); err != nil {
			fmt.Println("msync:", err)
			return 2
		}
	}
	fmt.Println("written")
	select {}
}

// mount mounts a fresh lazyfs over a fresh backing folder. A missing
// /dev/fuse fails the test: CI runs as root with /dev/fuse, and a power-loss
// test that skips proves nothing.
func mount(t *testing.T) (*FS, string, string) {
	t.Helper()
	backing, mnt := t.TempDir(), t.TempDir()
	m, err := Mount(backing, mnt)
	if err != nil {
		t.Fatalf("Mount: %v", err)
	}
	t.Cleanup(func() {
		if _, err := m.PowerCut(); err != nil {
			t.Errorf("cleanup PowerCut: %v", err)
		}
	})
	return m, backing, mnt
}

func writeFile(t *testing.T, path, text string, sync bool) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
	if sync {
		if err := f.Sync(); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func syncDir(t *testing.T, dir string) {
	t.Helper()
	d, err := os.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		t.Fatalf("fsync %s: %v", dir, err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// names lists dir (sorted), or "missing".
func names(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return []string{"missing"}
	}
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	slices.Sort(out)
	return out
}

func cut(t *testing.T, m *FS) CutReport {
	t.Helper()
	rep, err := m.PowerCut()
	if err != nil {
		t.Fatalf("PowerCut: %v", err)
	}
	return rep
}

func TestUnsyncedWritesAreLostSyncedKept(t *testing.T) {
	m, backing, mnt := mount(t)
	writeFile(t, filepath.Join(mnt, "a"), "synced", true)
	f, err := os.OpenFile(filepath.Join(mnt, "a"), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte("CHANGED and longer"), 0); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if got := read(t, filepath.Join(mnt, "a")); got != "CHANGED and longer" {
		t.Fatalf("through the mount before the cut: %q", got)
	}
	if got := read(t, filepath.Join(backing, "a")); got != "synced" {
		t.Fatalf("the backing file changed before any sync: %q", got)
	}
	rep := cut(t, m)
	if got := read(t, filepath.Join(backing, "a")); got != "synced" {
		t.Fatalf("after the cut: %q, want the synced contents", got)
	}
	if rep.Files != 1 || rep.Bytes != int64(len("CHANGED and longer")) {
		t.Fatalf("report %+v, want 1 file and %d bytes", rep, len("CHANGED and longer"))
	}
}

// A truncate below synced data followed by a write beyond it: reads see
// zeros in between; a cut restores the old contents; a sync writes exactly
// what was read.
func TestTruncateThenExtend(t *testing.T) {
	old := bytes.Repeat([]byte("0123456789"), 1000) // 10,000 bytes
	want := make([]byte, 5000)
	copy(want, old[:100])
	copy(want[4990:], "tail-bytes")
	for _, sync := range []bool{false, true} {
		t.Run(fmt.Sprintf("sync=%v", sync), func(t *testing.T) {
			m, backing, mnt := mount(t)
			p := filepath.Join(mnt, "f")
			writeFile(t, p, string(old), true)
			f, err := os.OpenFile(p, os.O_RDWR, 0)
			if err != nil {
				t.Fatal(err)
			}
			if err := f.Truncate(100); err != nil {
				t.Fatal(err)
			}
			if _, err := f.WriteAt([]byte("tail-bytes"), 4990); err != nil {
				t.Fatal(err)
			}
			if sync {
				if err := f.Sync(); err != nil {
					t.Fatal(err)
				}
			}
			f.Close()
			if got := read(t, p); !bytes.Equal([]byte(got), want) {
				t.Fatalf("through the mount: %d bytes, not the truncated and extended file", len(got))
			}
			cut(t, m)
			got := read(t, filepath.Join(backing, "f"))
			if sync && got != string(want) {
				t.Fatalf("synced: backing has %d bytes, not what was read before the cut", len(got))
			}
			if !sync && got != string(old) {
				t.Fatalf("unsynced: backing has %d bytes, want the old 10,000", len(got))
			}
		})
	}
}

// The namespace: unsynced operations are undone newest first; any sync
// commits all of them (one ordered journal), but not the data of files
// that were not synced themselves.
func TestNamespace(t *testing.T) {
	for _, sync := range []bool{false, true} {
		t.Run(fmt.Sprintf("sync=%v", sync), func(t *testing.T) {
			m, backing, mnt := mount(t)
			d := filepath.Join(mnt, "d")
			if err := os.Mkdir(d, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Mkdir(filepath.Join(d, "gone"), 0o755); err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(d, "f"), "F", true)
			writeFile(t, filepath.Join(d, "x"), "X", true)
			writeFile(t, filepath.Join(d, "u"), "U", true)
			syncDir(t, d)

			writeFile(t, filepath.Join(d, "new"), "NEW", false)
			if err := os.Rename(filepath.Join(d, "x"), filepath.Join(d, "f")); err != nil {
				t.Fatal(err)
			}
			if err := os.Remove(filepath.Join(d, "u")); err != nil {
				t.Fatal(err)
			}
			if err := os.Remove(filepath.Join(d, "gone")); err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Join(d, "e", "e2"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(filepath.Join(d, "e"), filepath.Join(d, "moved")); err != nil {
				t.Fatal(err)
			}
			if got, want := names(t, d), []string{"f", "moved", "new"}; !slices.Equal(got, want) {
				t.Fatalf("through the mount: %v, want %v", got, want)
			}
			if got := names(t, mnt); !slices.Equal(got, []string{"d"}) {
				t.Fatalf("the root lists %v: the trash folder must not show", got)
			}
			if sync {
				writeFile(t, filepath.Join(mnt, "other"), "", false)
				syncDir(t, mnt)
			}
			rep := cut(t, m)
			bd := filepath.Join(backing, "d")
			if !sync {
				if got, want := names(t, bd), []string{"f", "gone", "u", "x"}; !slices.Equal(got, want) {
					t.Fatalf("after the cut: %v, want %v", got, want)
				}
				for name, text := range map[string]string{"f": "F", "x": "X", "u": "U"} {
					if got := read(t, filepath.Join(bd, name)); got != text {
						t.Fatalf("%s holds %q, want %q", name, got, text)
					}
				}
				// create new, rename x, unlink u, rmdir gone, mkdir e, mkdir e2, rename e
				if rep.Ops != 7 {
					t.Fatalf("report %+v: 7 operations were unsynced", rep)
				}
				return
			}
			if got, want := names(t, bd), []string{"f", "moved", "new"}; !slices.Equal(got, want) {
				t.Fatalf("after a sync and a cut: %v, want %v", got, want)
			}
			if got := read(t, filepath.Join(bd, "f")); got != "X" {
				t.Fatalf("the rename was synced: f holds %q, want X", got)
			}
			if got := read(t, filepath.Join(bd, "new")); got != "" {
				t.Fatalf("new was created (synced) but its data never was: %q", got)
			}
			if got := names(t, filepath.Join(bd, "moved")); !slices.Equal(got, []string{"e2"}) {
				t.Fatalf("moved holds %v", got)
			}
		})
	}
}

// A clean unmount makes everything durable and leaves no trash.
func TestUnmountSyncsEverything(t *testing.T) {
	backing, mnt := t.TempDir(), t.TempDir()
	m, err := Mount(backing, mnt)
	if err != nil {
		t.Fatalf("Mount: %v", err)
	}
	if err := os.Mkdir(filepath.Join(mnt, "d"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(mnt, "d", "f"), "unsynced", false)
	if err := m.Unmount(); err != nil {
		t.Fatalf("Unmount: %v", err)
	}
	if got := read(t, filepath.Join(backing, "d", "f")); got != "unsynced" {
		t.Fatalf("after a clean unmount: %q", got)
	}
	if got := names(t, backing); !slices.Equal(got, []string{"d"}) {
		t.Fatalf("backing holds %v", got)
	}
}

// Shared mmap, as Badger writes its logs: pages written through a mapping
// survive a cut after msync, and are lost without it — also when the kernel
// still held them dirty (the abort drops them).
func TestMmap(t *testing.T) {
	for _, sync := range []bool{false, true} {
		t.Run(fmt.Sprintf("msync=%v", sync), func(t *testing.T) {
			m, backing, mnt := mount(t)
			p := filepath.Join(mnt, "log")
			f, err := os.Create(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := f.Truncate(8192); err != nil {
				t.Fatal(err)
			}
			if err := f.Sync(); err != nil {
				t.Fatal(err)
			}
			f.Close()
			flag := "0"
			if sync {
				flag = "1"
			}
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), envHelper+"=mmap "+p+" mapped-text "+flag)
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			cmd.Stderr = os.Stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			line, _ := bufio.NewReader(out).ReadString('\n')
			if strings.TrimSpace(line) != "written" {
				_ = cmd.Process.Kill()
				_ = cmd.Wait()
				t.Fatalf("helper: %q", line)
			}
			rep := cut(t, m)
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			b, err := os.ReadFile(filepath.Join(backing, "log"))
			if err != nil {
				t.Fatal(err)
			}
			if len(b) != 8192 {
				t.Fatalf("backing log is %d bytes, want 8192", len(b))
			}
			got := string(b[5000 : 5000+len("mapped-text")])
			if sync && got != "mapped-text" {
				t.Fatalf("msync'ed mapping lost at the cut: %q (report %+v)", got, rep)
			}
			if !sync && got != strings.Repeat("\x00", len("mapped-text")) {
				t.Fatalf("unsynced mapping survived the cut: %q (report %+v)", got, rep)
			}
			if st := m.Stats(); sync && st.FileSyncs < 2 {
				t.Fatalf("stats %+v: msync did not reach the filesystem as fsync", st)
			}
		})
	}
}

// After a cut the folder mounts again and shows the durable state.
func TestRemount(t *testing.T) {
	m, backing, mnt := mount(t)
	writeFile(t, filepath.Join(mnt, "kept"), "k", true)
	writeFile(t, filepath.Join(mnt, "lost"), "l", false)
	cut(t, m)
	m2, err := Mount(backing, mnt)
	if err != nil {
		t.Fatalf("remount: %v", err)
	}
	t.Cleanup(func() { _, _ = m2.PowerCut() })
	if got := names(t, mnt); !slices.Equal(got, []string{"kept"}) {
		t.Fatalf("after the remount: %v", got)
	}
	if got := read(t, filepath.Join(mnt, "kept")); got != "k" {
		t.Fatalf("kept holds %q", got)
	}
}
