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
	"github.com/dgraph-io/badger/v4/options"
	"github.com/dgraph-io/badger/v4/table"
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
func Inspect(dir string) (Health, error) { return inspect(dir, true) }

// inspect is Inspect; checkWAL false skips the memtable files' check
// (a salvage has already reported them).
func inspect(dir string, checkWAL bool) (Health, error) {
	h := Health{Dir: dir, compression: map[string]options.CompressionType{}}
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		h.New = true
		return h, nil
	}
	if err != nil {
		return h, fmt.Errorf("store: read %s: %w", dir, err)
	}
	sizes := map[string]int64{}
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
	for id, tm := range man.Tables {
		name := filepath.Base(table.NewFilename(id, dir))
		listed[name] = true
		h.compression[name] = tm.Compression
		h.Tables++
		size, ok := sizes[name]
		switch {
		case !ok:
			h.add(name, "missing (the MANIFEST lists it)")
		case tm.KeyID != 0:
			// Encrypted: its blocks are checked as they are read
			// (ChecksumVerificationMode), with the key Badger holds.
		default:
			if reason := verifyTable(filepath.Join(dir, name), size, tm.Compression); reason != "" {
				h.add(name, reason)
			}
		}
	}
	for _, name := range tables {
		if !listed[name] {
			h.orphans = append(h.orphans, name)
		}
	}
	sort.Strings(h.orphans)
	if len(h.orphans) > 0 {
		if cutShort {
			h.add("MANIFEST", fmt.Sprintf("cut short, and %s no longer listed in it (Badger would delete %s)", plural(len(h.orphans), "table file")+map[bool]string{true: " is", false: " are"}[len(h.orphans) == 1], them(len(h.orphans))))
		} else {
			for _, n := range h.orphans {
				h.Repairs = append(h.Repairs, Problem{n, "a table the MANIFEST does not list (left by a crash during compaction) is set aside in " + quarantineDir + "/"})
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
func verifyTable(path string, size int64, c options.CompressionType) (reason string) {
	if size == 0 {
		return "empty (0 bytes)"
	}
	mf, err := z.OpenMmapFile(path, os.O_RDONLY, 0)
	if err != nil {
		return "cannot be read: " + err.Error()
	}
	var t *table.Table
	defer func() {
		if r := recover(); r != nil {
			reason = fmt.Sprintf("cut short or damaged (%v)", firstLine(fmt.Sprint(r)))
			_ = mf.Close(-1)
		}
	}()
	t, err = table.OpenTable(mf, table.Options{
		ReadOnly:    true,
		ChkMode:     options.OnTableRead,
		BlockSize:   4 << 10, // Badger's default block size
		Compression: c,
	})
	if err != nil {
		return "damaged: " + firstLine(err.Error())
	}
	_ = t.DecrRef()
	return ""
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
