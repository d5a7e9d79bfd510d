package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
	"github.com/dgraph-io/badger/v4/pb"
	"github.com/dgraph-io/badger/v4/table"
	"google.golang.org/protobuf/proto"

	"github.com/plexus-pln/plexus/backend/pln"
)

// Contents is every record ReadTolerant could read.
type Contents struct {
	Nodes   []pln.Node // the ego among them, positions merged in
	Ties    []pln.Tie
	Entries []pln.Entry
	Imports []pln.Import // published ones only
	Goals   []pln.Goal   // NodeIDs: the nodes that could be read
}

// ReadTolerant reads every visible record, skipping (and reporting in
// problems) each one that cannot be read or decoded instead of failing
// whole: a backup or a salvage of a partly damaged store keeps what is
// left. Ties whose ends were lost are dropped and reported; entries keep
// the links to the nodes that are left. err is for a failure to read at
// all.
func (s *Store) ReadTolerant() (c Contents, problems []Problem, err error) {
	bad := func(what string, id []byte, e error) {
		problems = append(problems, Problem{File: what + " " + idString(id), Reason: firstLine(e.Error())})
	}
	err = s.View(func(tx *Tx) error {
		visible := map[string]bool{} // import id → published
		importOK := func(id string) bool {
			if id == "" {
				return true
			}
			v, ok := visible[id]
			if !ok {
				v, _ = tx.importVisible(id)
				visible[id] = v
			}
			return v
		}
		each := func(tag byte, fn func(id, v []byte) error) {
			it := tx.txn.NewIterator(badger.IteratorOptions{Prefix: []byte{tag}, PrefetchValues: false})
			defer it.Close()
			for it.Rewind(); it.Valid(); it.Next() {
				k := it.Item().KeyCopy(nil)
				if len(k) != 1+idLen {
					continue
				}
				v, err := it.Item().ValueCopy(nil)
				if err == nil {
					err = fn(k[1:], v)
				}
				if err != nil {
					bad(map[byte]string{tagNode: "node", tagTie: "tie", tagEntry: "entry", tagImport: "import", tagGoal: "goal"}[tag], k[1:], err)
				}
			}
		}
		nodes := map[string]bool{}
		each(tagNode, func(id, v []byte) error {
			n, err := decodeNode(v)
			if err != nil {
				return err
			}
			if !importOK(n.ImportID) {
				return nil
			}
			if p, err := tx.getPos([idLen]byte(id)); err == nil {
				p.applyTo(&n)
			}
			nodes[n.ID] = true
			c.Nodes = append(c.Nodes, n)
			return nil
		})
		each(tagTie, func(id, v []byte) error {
			var t pln.Tie
			if err := decode(v, &t); err != nil {
				return err
			}
			if !importOK(t.ImportID) {
				return nil
			}
			if !nodes[t.From] || !nodes[t.To] {
				return errors.New("an end of this tie could not be read, so the tie is left out")
			}
			c.Ties = append(c.Ties, t)
			return nil
		})
		each(tagEntry, func(id, v []byte) error {
			var e pln.Entry
			if err := decode(v, &e); err != nil {
				return err
			}
			kept := e.NodeIDs[:0]
			for _, n := range e.NodeIDs {
				if nodes[n] {
					kept = append(kept, n)
				}
			}
			e.NodeIDs = kept
			c.Entries = append(c.Entries, e)
			return nil
		})
		each(tagGoal, func(id, v []byte) error {
			var g pln.Goal
			if err := decode(v, &g); err != nil {
				return err
			}
			g.NodeIDs = slices.DeleteFunc(g.NodeIDs, func(n string) bool { return !nodes[n] })
			c.Goals = append(c.Goals, g)
			return nil
		})
		each(tagImport, func(id, v []byte) error {
			var imp pln.Import
			if err := decode(v, &imp); err != nil {
				return err
			}
			if imp.Published {
				c.Imports = append(c.Imports, imp)
			}
			return nil
		})
		return nil
	})
	// Records that name an import which could not be read lose that link.
	imps := map[string]bool{}
	for _, imp := range c.Imports {
		imps[imp.ID] = true
	}
	for i := range c.Nodes {
		if !imps[c.Nodes[i].ImportID] {
			c.Nodes[i].ImportID = ""
		}
	}
	for i := range c.Ties {
		if !imps[c.Ties[i].ImportID] {
			c.Ties[i].ImportID = ""
		}
	}
	return c, problems, err
}

// SalvageReport says what Salvage got back.
type SalvageReport struct {
	Nodes, Ties, Entries int
	// Images: the journal images carried over (each one whole and
	// matching its id; the rest are listed in Unreadable).
	Images int
	// Unreadable: files (tables) and records that could not be read.
	Unreadable []Problem
}

// Salvage builds a new store in folder to (which must not exist) from what
// can still be read in the damaged store folder from, which it only reads:
// every table that passes its checksums (under a MANIFEST written anew),
// the memtable and value-log files, then every record that decodes
// (ReadTolerant). The history does not come across (the new store starts
// its own). A table that fails its checks is left out whole and reported;
// left out, it may let an older version of one of its records show again.
func Salvage(from, to string, opts Options) (SalvageReport, error) {
	var rep SalvageReport
	if _, err := os.Stat(to); err == nil {
		return rep, pln.Conflict("The folder %s already exists; salvage writes a new store there.", to)
	}
	work := to + ".work"
	if err := os.RemoveAll(work); err != nil {
		return rep, fmt.Errorf("store: salvage: %w", err)
	}
	defer os.RemoveAll(work)
	if err := os.MkdirAll(work, 0o700); err != nil {
		return rep, fmt.Errorf("store: salvage: %w", err)
	}
	h, err := inspect(from, true, opts.EncryptionKey)
	if err != nil {
		return rep, err
	}
	ents, err := os.ReadDir(from)
	if err != nil {
		return rep, fmt.Errorf("store: salvage: %w", err)
	}
	type good struct {
		id, keyID uint64
		c         options.CompressionType
	}
	keys := newTableKeys(from, opts.EncryptionKey)
	defer keys.close()
	regSize := int64(0)
	if info, err := os.Stat(filepath.Join(from, "KEYREGISTRY")); err == nil {
		regSize = info.Size()
	}
	// The data keys a table may be encrypted with: the MANIFEST's, else
	// every key the registry holds (ids count up from 1).
	keyIDs := []uint64{0}
	if len(opts.EncryptionKey) > 0 {
		for id := uint64(1); id < 1<<16; id++ {
			if _, reason := keys.dataKey(id, regSize); reason != "" {
				break
			}
			keyIDs = append(keyIDs, id)
		}
	}
	var tables []good
	var others []string
	for _, e := range ents {
		name := e.Name()
		if !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil {
			return rep, fmt.Errorf("store: salvage: %w", err)
		}
		switch {
		case strings.HasSuffix(name, ".sst"):
			id, ok := table.ParseFileID(name)
			if !ok {
				continue
			}
			tries := []options.CompressionType{options.Snappy, options.None, options.ZSTD}
			ids := keyIDs
			if c, ok := h.compression[name]; ok {
				tries = append([]options.CompressionType{c}, tries...)
				ids = []uint64{h.keyIDs[name]}
			}
			reason := ""
		try:
			for _, kid := range ids {
				dk, why := keys.dataKey(kid, regSize)
				if why != "" {
					reason = why
					continue
				}
				for _, c := range tries {
					if _, reason = verifyTable(filepath.Join(from, name), info.Size(), c, dk, keys.cache()); reason == "" {
						tables = append(tables, good{id, kid, c})
						break try
					}
				}
			}
			if reason != "" {
				rep.Unreadable = append(rep.Unreadable, Problem{name, "left out: " + reason})
				continue
			}
			if err := CopyFile(filepath.Join(from, name), filepath.Join(work, name)); err != nil {
				return rep, err
			}
		case strings.HasSuffix(name, ".mem") && info.Size() > 0:
			if reason := checkMemtable(filepath.Join(from, name)); reason != "" {
				rep.Unreadable = append(rep.Unreadable, Problem{name, reason + "; the changes up to there are kept"})
			}
			fallthrough
		case strings.HasSuffix(name, ".vlog") && info.Size() > 0,
			name == "KEYREGISTRY":
			others = append(others, name)
			if err := CopyFile(filepath.Join(from, name), filepath.Join(work, name)); err != nil {
				return rep, err
			}
		}
	}
	// Tables the MANIFEST or the seal name that are not there at all.
	for _, p := range h.Problems {
		if strings.HasPrefix(p.Reason, "missing") && strings.HasSuffix(p.File, ".sst") {
			rep.Unreadable = append(rep.Unreadable, Problem{p.File, p.Reason + ": what it held is lost"})
		}
	}
	sort.Slice(tables, func(i, j int) bool { return tables[i].id < tables[j].id })
	// Every readable table goes to level 0, where key ranges may overlap
	// and a read takes the newest version across tables.
	var set pb.ManifestChangeSet
	for _, t := range tables {
		set.Changes = append(set.Changes, &pb.ManifestChange{Id: t.id, Op: pb.ManifestChange_CREATE, Level: 0, KeyId: t.keyID, EncryptionAlgo: pb.EncryptionAlgo_aes, Compression: uint32(t.c)})
	}
	if err := writeManifest(work, &set); err != nil {
		return rep, err
	}

	wopts := Options{Logger: opts.Logger, NoSync: true, salvaging: true, EncryptionKey: opts.EncryptionKey}
	ws, err := Open(work, wopts)
	if err != nil {
		// A value-log or key-registry file Badger will not open holds
		// nothing Plexus needs (records are far below the value
		// threshold, the registry is rebuilt): try once without them.
		for _, n := range others {
			if strings.HasSuffix(n, ".vlog") || n == "KEYREGISTRY" && len(opts.EncryptionKey) == 0 {
				_ = os.Remove(filepath.Join(work, n))
				rep.Unreadable = append(rep.Unreadable, Problem{n, "left out: Badger could not open it"})
			}
		}
		if ws, err = Open(work, wopts); err != nil {
			return rep, fmt.Errorf("store: salvage: the readable files still do not open: %w", err)
		}
	}
	c, problems, err := ws.ReadTolerant()
	var images [][]byte
	if err == nil {
		var bad []Problem
		images, bad = ws.ReadImagesTolerant()
		problems = append(problems, bad...)
	}
	_ = ws.Close()
	if err != nil {
		return rep, err
	}
	rep.Unreadable = append(rep.Unreadable, problems...)
	egos := 0
	for i := range c.Nodes {
		if c.Nodes[i].Ego {
			if egos++; egos > 1 {
				c.Nodes[i].Ego = false // one ego only; the first stays
				rep.Unreadable = append(rep.Unreadable, Problem{"node " + c.Nodes[i].ID, "a second ego; kept as an alter"})
			}
		}
	}
	ns, err := Open(to, opts)
	if err != nil {
		return rep, err
	}
	if err := ns.LoadContents(c); err != nil {
		_ = ns.Close()
		_ = os.RemoveAll(to)
		return rep, err
	}
	if err := ns.LoadImages(images); err != nil {
		_ = ns.Close()
		_ = os.RemoveAll(to)
		return rep, err
	}
	if err := ns.Close(); err != nil {
		return rep, err
	}
	rep.Nodes, rep.Ties, rep.Entries, rep.Images = len(c.Nodes), len(c.Ties), len(c.Entries), len(images)
	return rep, nil
}

// writeManifest writes a Badger MANIFEST holding one change set, in
// Badger's format (manifest.go, helpRewrite): "Bdgr", external magic 0 and
// version 8 (big-endian uint16s), then length | CRC-32C (big-endian
// uint32s) | the protobuf-encoded ManifestChangeSet.
func writeManifest(dir string, set *pb.ManifestChangeSet) error {
	b, err := proto.Marshal(set)
	if err != nil {
		return fmt.Errorf("store: salvage: %w", err)
	}
	buf := []byte{'B', 'd', 'g', 'r', 0, 0, 0, 8}
	buf = binary.BigEndian.AppendUint32(buf, uint32(len(b)))
	buf = binary.BigEndian.AppendUint32(buf, crc32.Checksum(b, crc32.MakeTable(crc32.Castagnoli)))
	buf = append(buf, b...)
	if err := os.WriteFile(filepath.Join(dir, "MANIFEST"), buf, 0o600); err != nil {
		return fmt.Errorf("store: salvage: %w", err)
	}
	return nil
}

// CopyFile copies the file from to the new file to (which must not
// exist), for salvage work copies and service.OpenCopy.
func CopyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return fmt.Errorf("store: copy: %w", err)
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("store: salvage: %w", err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return fmt.Errorf("store: salvage: copy %s: %w", filepath.Base(from), err)
	}
	return dst.Close()
}
