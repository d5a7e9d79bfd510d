package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/fb"
	"github.com/dgraph-io/badger/v4/options"
	"github.com/dgraph-io/badger/v4/pb"
	"github.com/dgraph-io/badger/v4/table"
	"github.com/dgraph-io/ristretto/v2"
	"github.com/dgraph-io/ristretto/v2/z"

	"github.com/plexus-pln/plexus/backend/pln"
)

// Why this file exists: Badger trusts its folder. When it opens, it deletes
// every table file its MANIFEST does not list (so a lost or damaged MANIFEST
// silently empties the store), it skips a table whose checksum fails (so
// records vanish without an error), and a table cut short panics inside one
// of Badger's own goroutines, where no recover reaches. Inspect looks at the
// folder first, in this goroutine, and Open refuses a folder it cannot trust
// (a *DamageError, code pln.CodeDamaged) without letting Badger touch it.
//
// At a clean Close the store also writes a seal (sealFile): the table files
// with their sizes and the number of record keys. The next Open checks the
// folder against it before Badger opens and the record count right after,
// so a store that lost part of its content since it was closed is reported
// even when every remaining file is well-formed. Open removes the seal, so a
// crash leaves none; after a crash only the structural checks apply.

// sealFile is the seal's name inside the store folder.
const sealFile = "plexus-seal.json"

// quarantineDir is where Open sets aside files it must not let Badger
// delete (tables the MANIFEST does not list), beside the store folder:
// <data dir>/quarantine/<UTC time>/.
const quarantineDir = "quarantine"

// Problem is one reason a store folder cannot be trusted.
type Problem struct {
	File   string `json:"file"`   // base name inside the store folder ("" for the folder)
	Reason string `json:"reason"` // one sentence: what is wrong with it
}

// Health is what Inspect found in a store folder.
type Health struct {
	Dir string `json:"dir"`
	// New: the folder holds no store yet (missing or without Badger files).
	New bool `json:"new"`
	// Sealed: the store was closed cleanly last time (a seal was found).
	Sealed bool `json:"sealed"`
	// Tables and Bytes: the table files the MANIFEST lists, and the size of
	// every file in the folder.
	Tables int   `json:"tables"`
	Bytes  int64 `json:"bytes"`
	// Problems: why the store cannot be opened as it is. Empty means it can.
	Problems []Problem `json:"problems,omitempty"`
	// Repairs: harmless leftovers Open sets right before Badger sees them
	// (empty memtable files, tables no MANIFEST entry refers to).
	Repairs []Problem `json:"repairs,omitempty"`

	seal        *seal
	emptyMem    []string // base names of zero-length .mem files
	orphans     []string // base names of .sst files the MANIFEST does not list
	compression map[string]options.CompressionType
	keyIDs      map[string]uint64 // table name → data key id (0: plain), from the MANIFEST
}

// OK reports whether the folder can be opened.
func (h Health) OK() bool { return len(h.Problems) == 0 }

// DamageError is Open's error for a store folder it refuses to open. It
// unwraps to a *pln.Error with code pln.CodeDamaged.
type DamageError struct {
	Health Health
}

func (e *DamageError) Error() string { return e.pln().Error() }

// Unwrap gives the pln error (code damaged, a message for the user).
func (e *DamageError) Unwrap() error { return e.pln() }

func (e *DamageError) pln() *pln.Error {
	var parts []string
	for i, p := range e.Health.Problems {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("and %d more", len(e.Health.Problems)-3))
			break
		}
		if p.File != "" {
			parts = append(parts, p.File+": "+p.Reason)
		} else {
			parts = append(parts, p.Reason)
		}
	}
	return pln.Damaged("The Plexus data in %s is damaged (%s). Plexus has not opened it, so nothing in it was changed or deleted. Restore an automatic backup or salvage what can still be read: open Plexus for the recovery screen, or run `plexus check` and `plexus salvage`.", e.Health.Dir, strings.Join(parts, "; "))
}

// seal is what a clean Close leaves in the folder (sealFile, JSON).
type seal struct {
	Version  int              `json:"version"`  // 1
	ClosedAt time.Time        `json:"closedAt"` // UTC
	Tables   map[string]int64 `json:"tables"`   // table file name → size in bytes
	Records  int              `json:"records"`  // keys in the record range (tags 0x10–0x1F)
}

// Inspect examines the store folder dir without opening Badger (so it
// changes nothing and works while another process has the store open):
// whether a MANIFEST exists wherever table files do and is readable to
// its last entry, whether every table it lists exists, is whole and passes
// its block checksums, and, after a clean close, whether the tables are the
// ones the seal lists. An I/O error reading the folder itself is returned
// as err; everything wrong with the files is in Health.Problems.
func Inspect(dir string) (Health, error) { return inspect(dir, true, nil) }

// InspectKey is Inspect for an encrypted store: key (the store key) opens
// its key registry, so that encrypted tables are checked too. Without it
// they can only be checked for presence.
func InspectKey(dir string, key []byte) (Health, error) { return inspect(dir, true, key) }

// inspect is Inspect; checkWAL false skips the memtable files' check
// (a salvage has already reported them); key, when set, is the store key.
func inspect(dir string, checkWAL bool, key []byte) (Health, error) {
	h := Health{Dir: dir, compression: map[string]options.CompressionType{}, keyIDs: map[string]uint64{}}
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		h.New = true
		return h, nil
	}
	if err != nil {
		return h, fmt.Errorf("store: read %s: %w", dir, err)
	}
	sizes := map[string]int64{}
	// The highest version of each memtable file: a table flushed from one
	// (same entries, so the same highest version) whose MANIFEST entry a
	// crash cut off is a leftover, its changes still in the write-ahead log.
	memMax := map[uint64]bool{}
	var tables []string
	hasManifest, hasBadger := false, false
	for _, e := range ents {
		if !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil {
			return h, fmt.Errorf("store: read %s: %w", dir, err)
		}
		name := e.Name()
		sizes[name] = info.Size()
		h.Bytes += info.Size()
		switch {
		case name == "MANIFEST":
			hasManifest, hasBadger = true, true
		case strings.HasSuffix(name, ".sst"):
			tables = append(tables, name)
			hasBadger = true
		case strings.HasSuffix(name, ".mem"):
			hasBadger = true
			if info.Size() == 0 {
				h.emptyMem = append(h.emptyMem, name)
			} else if reason := checkMemtable(filepath.Join(dir, name)); checkWAL && reason != "" {
				h.add(name, reason)
			} else if v, ok := memtableMaxVersion(filepath.Join(dir, name)); ok {
				memMax[v] = true
			}
		case strings.HasSuffix(name, ".vlog"), name == "KEYREGISTRY":
			hasBadger = true
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, sealFile)); err == nil {
		var sl seal
		if json.Unmarshal(b, &sl) == nil && sl.Version == 1 {
			h.seal, h.Sealed = &sl, true
		} else {
			h.add(sealFile, "the note Plexus left at its last clean close cannot be read")
		}
	}
	if !hasBadger {
		h.New = h.seal == nil
		if h.seal != nil {
			h.add("", "every database file is gone, though Plexus closed this store cleanly")
		}
		return h, nil
	}
	for _, n := range h.emptyMem {
		h.Repairs = append(h.Repairs, Problem{n, "an empty memtable file (left by a crash during close; it holds nothing) is removed"})
	}
	if !hasManifest {
		if len(tables) > 0 {
			h.add("MANIFEST", fmt.Sprintf("missing, so %s cannot be put in order (Badger would delete %s)", plural(len(tables), "table file"), them(len(tables))))
		} else if h.seal != nil && len(h.seal.Tables) > 0 {
			h.add("MANIFEST", "missing, and so are the table files")
		}
		return h, nil
	}

	mf, err := os.Open(filepath.Join(dir, "MANIFEST"))
	if err != nil {
		h.add("MANIFEST", "cannot be read: "+err.Error())
		return h, nil
	}
	man, end, err := badger.ReplayManifestFile(mf, 0, badger.DefaultOptions(dir))
	_ = mf.Close()
	if err != nil {
		h.add("MANIFEST", "damaged: "+err.Error())
		return h, nil
	}
	cutShort := end < sizes["MANIFEST"]
	listed := map[string]bool{}
	keys := newTableKeys(dir, key)
	defer keys.close()
	var listedMax uint64
	for id, tm := range man.Tables {
		name := filepath.Base(table.NewFilename(id, dir))
		listed[name] = true
		h.compression[name] = tm.Compression
		h.keyIDs[name] = tm.KeyID
		h.Tables++
		size, ok := sizes[name]
		if !ok {
			h.add(name, "missing (the MANIFEST lists it)")
			continue
		}
		dk, reason := keys.dataKey(tm.KeyID, sizes["KEYREGISTRY"])
		if reason == "" {
			var maxV uint64
			if maxV, reason = verifyTable(filepath.Join(dir, name), size, tm.Compression, dk, keys.cache()); maxV > listedMax {
				listedMax = maxV
			}
		}
		if reason != "" && reason != skipEncrypted {
			h.add(name, reason)
		}
	}
	newer := 0 // unlisted tables holding changes newer than every listed one
	for _, name := range tables {
		if !listed[name] {
			h.orphans = append(h.orphans, name)
			// A table a crash left during a compaction only repeats what
			// the listed tables hold, and one left during a memtable flush
			// what that memtable's file still holds (the same highest
			// version); one with newer versions than both means the MANIFEST
			// is older than the tables (put back from a copy).
			if maxV, reason := verifyTable(filepath.Join(dir, name), sizes[name], options.Snappy, nil, nil); reason == "" && maxV > listedMax && !memMax[maxV] {
				newer++
			}
		}
	}
	sort.Strings(h.orphans)
	if newer > 0 {
		h.add("MANIFEST", fmt.Sprintf("older than the tables: %s it does not list %s newer changes than any it does (Badger would delete %s)", plural(newer, "table file"), map[bool]string{true: "holds", false: "hold"}[newer == 1], them(newer)))
	} else if len(h.orphans) > 0 {
		if cutShort {
			h.add("MANIFEST", fmt.Sprintf("cut short, and %s no longer listed in it (Badger would delete %s)", plural(len(h.orphans), "table file")+map[bool]string{true: " is", false: " are"}[len(h.orphans) == 1], them(len(h.orphans))))
		} else {
			for _, n := range h.orphans {
				h.Repairs = append(h.Repairs, Problem{n, "a table the MANIFEST does not list (left by a crash during a compaction or a memtable flush) is set aside in " + quarantineDir + "/"})
			}
		}
	}
	if h.seal != nil {
		for name, size := range h.seal.Tables {
			got, ok := sizes[name]
			switch {
			case !ok:
				if listed[name] {
					break // already reported as missing
				}
				h.add(name, "missing (it was there when Plexus last closed this store)")
			case got != size:
				h.add(name, fmt.Sprintf("changed size since Plexus last closed this store (%d bytes, was %d)", got, size))
			case !listed[name]:
				h.add("MANIFEST", name+" is no longer listed, though it was when Plexus last closed this store")
			}
		}
		for name := range listed {
			if _, ok := h.seal.Tables[name]; !ok {
				h.add(name, "listed in the MANIFEST but not there when Plexus last closed this store")
			}
		}
	}
	sort.SliceStable(h.Problems, func(i, j int) bool { return h.Problems[i].File < h.Problems[j].File })
	return h, nil
}

func (h *Health) add(file, reason string) {
	h.Problems = append(h.Problems, Problem{file, reason})
}

// verifyTable opens one table file the way Badger does and checks every
// block's checksum; it returns "" when the table is whole, else why not.
// A table cut short makes Badger's reader panic; the panic is recovered
// here.
//
// dk is the table's data key (nil for a plain table) and cache the index
// cache Badger requires for encrypted tables. It also returns the
// table's highest version.
func verifyTable(path string, size int64, c options.CompressionType, dk *pb.DataKey, cache *ristretto.Cache[uint64, *fb.TableIndex]) (maxVersion uint64, reason string) {
	if size == 0 {
		return 0, "empty (0 bytes)"
	}
	mf, err := z.OpenMmapFile(path, os.O_RDONLY, 0)
	if err != nil {
		return 0, "cannot be read: " + err.Error()
	}
	var t *table.Table
	defer func() {
		if r := recover(); r != nil {
			maxVersion, reason = 0, "cut short or damaged"
			if msg := firstLine(fmt.Sprint(r)); msg != "" && !strings.Contains(msg, "runtime error") {
				reason += " (" + msg + ")"
			}
			_ = mf.Close(-1)
		}
	}()
	t, err = table.OpenTable(mf, table.Options{
		ReadOnly:    true,
		ChkMode:     options.OnTableRead,
		BlockSize:   4 << 10, // Badger's default block size
		Compression: c,
		DataKey:     dk,
		IndexCache:  cache,
	})
	if err != nil {
		return 0, "damaged: " + firstLine(err.Error())
	}
	maxVersion = t.MaxVersion()
	_ = t.DecrRef()
	return maxVersion, ""
}

// skipEncrypted is dataKey's reason for an encrypted table without the
// store key (a locked store): it cannot be checked, only found present.
const skipEncrypted = "encrypted; not checked without the key"

// tableKeys opens a store's key registry (KEYREGISTRY) once, for the data
// keys of its encrypted tables.
type tableKeys struct {
	dir    string
	key    []byte
	kr     *badger.KeyRegistry
	err    error
	opened bool
	idx    *ristretto.Cache[uint64, *fb.TableIndex]
}

func newTableKeys(dir string, key []byte) *tableKeys { return &tableKeys{dir: dir, key: key} }

// dataKey returns the data key of keyID (nil for 0, a plain table), or
// why the table cannot be checked.
func (k *tableKeys) dataKey(keyID uint64, registrySize int64) (*pb.DataKey, string) {
	if keyID == 0 {
		return nil, ""
	}
	if registrySize == 0 {
		return nil, "encrypted, but the key registry (KEYREGISTRY) that holds its key is missing or empty"
	}
	if len(k.key) == 0 {
		return nil, skipEncrypted
	}
	if !k.opened {
		k.opened = true
		k.kr, k.err = badger.OpenKeyRegistry(badger.KeyRegistryOptions{Dir: k.dir, ReadOnly: true, EncryptionKey: k.key, EncryptionKeyRotationDuration: 10 * 24 * time.Hour})
	}
	if errors.Is(k.err, badger.ErrEncryptionKeyMismatch) {
		return nil, skipEncrypted // a wrong key: Badger's open says so (code locked)
	}
	if k.err != nil {
		return nil, "encrypted, and the key registry (KEYREGISTRY) cannot be read: " + firstLine(k.err.Error())
	}
	dk, err := k.kr.DataKey(keyID)
	if err != nil || dk == nil {
		return nil, "encrypted with a key the key registry does not hold"
	}
	return dk, ""
}

// cache is the index cache for encrypted tables (made on first use).
func (k *tableKeys) cache() *ristretto.Cache[uint64, *fb.TableIndex] {
	if k.idx == nil && len(k.key) > 0 {
		k.idx, _ = ristretto.NewCache(&ristretto.Config[uint64, *fb.TableIndex]{NumCounters: 10_000, MaxCost: 16 << 20, BufferItems: 64})
	}
	return k.idx
}

func (k *tableKeys) close() {
	if k.kr != nil {
		_ = k.kr.Close()
	}
	if k.idx != nil {
		k.idx.Close()
	}
}

// plural is "1 table file" or "3 table files".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func them(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// repair sets right what Inspect found harmless: removes zero-length
// memtable files (badger#2207: Badger fails to open on them) and moves
// tables the MANIFEST does not list into <parent>/quarantine/<time>/ so
// that Badger does not delete them.
func repair(h Health, log func(msg string, args ...any)) error {
	for _, n := range h.emptyMem {
		if err := os.Remove(filepath.Join(h.Dir, n)); err != nil {
			return fmt.Errorf("store: remove the empty memtable file %s: %w", n, err)
		}
		log("store: removed an empty memtable file left by a crash", "file", n)
	}
	if len(h.orphans) == 0 {
		return nil
	}
	q := filepath.Join(filepath.Dir(h.Dir), quarantineDir, time.Now().UTC().Format("20060102T150405.000Z"))
	if err := os.MkdirAll(q, 0o700); err != nil {
		return fmt.Errorf("store: set aside unlisted tables: %w", err)
	}
	for _, n := range h.orphans {
		if err := os.Rename(filepath.Join(h.Dir, n), filepath.Join(q, n)); err != nil {
			return fmt.Errorf("store: set aside unlisted table %s: %w", n, err)
		}
		log("store: set aside a table file the MANIFEST does not list", "file", n, "to", q)
	}
	return nil
}

// countRecords counts the keys in the record range (tags 0x10–0x1F): a
// key-only scan, the figure the seal keeps.
func (s *Store) countRecords() (int, error) {
	n := 0
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: false})
		defer it.Close()
		for it.Seek([]byte{tagNode}); it.Valid() && it.Item().Key()[0] <= tagLastRecord; it.Next() {
			n++
		}
		return nil
	})
	return n, err
}

// writeSeal records the folder's tables and the record count after a
// clean close (the database is closed: the files are final).
func writeSeal(dir string, records int) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	sl := seal{Version: 1, ClosedAt: time.Now().UTC(), Tables: map[string]int64{}, Records: records}
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".sst") {
			info, err := e.Info()
			if err != nil {
				return err
			}
			sl.Tables[e.Name()] = info.Size()
		}
	}
	b, err := json.MarshalIndent(sl, "", "  ")
	if err != nil {
		return err
	}
	tmp := filepath.Join(dir, sealFile+".tmp")
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err = f.Write(b); err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(dir, sealFile)); err != nil {
		return err
	}
	return syncFolder(dir)
}

// syncFolder makes a rename or removal in dir durable (a no-op where
// folders cannot be opened for syncing: Windows).
func syncFolder(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil && runtime.GOOS != "windows" {
		return err
	}
	return nil
}

// checkSeal compares the record count with the seal, right after Badger
// opened (before migrations and sweeps change anything), and removes the
// seal so that a crash from now on leaves none.
func (s *Store) checkSeal(h Health) error {
	if h.seal == nil {
		return nil
	}
	n, err := s.countRecords()
	if err != nil {
		return s.wrap(err)
	}
	if n != h.seal.Records {
		h.add("", fmt.Sprintf("it holds %d records where it held %d when Plexus last closed it", n, h.seal.Records))
		return &DamageError{Health: h}
	}
	if err := os.Remove(filepath.Join(s.dir, sealFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("store: remove the seal: %w", err)
	}
	// Durable before any write: a seal that came back after a power cut
	// would make the next open report a sound store as damaged.
	if err := syncFolder(s.dir); err != nil {
		return fmt.Errorf("store: remove the seal: %w", err)
	}
	return nil
}
