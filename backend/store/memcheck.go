package store

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math"
	"os"
)

// A memtable file (NNNNN.mem) is Badger's write-ahead log: a 20-byte
// header (key id, IV), then entries — meta, user meta, uvarint key
// length, value length and expiry, key, value, CRC-32C (big-endian) of
// all that — each transaction ending in an entry with bitFinTxn; the rest
// of the preallocated file is zeros (badger v4 memtable.go, encodeEntry
// and iterate). At open Badger replays entries until the first one that
// does not check out and drops everything after it, which is right for a
// write torn by a crash but silently loses committed transactions when
// the damage is in the middle. checkMemtable tells the two apart: after
// the first bad entry, is there a whole committed transaction further on?

const (
	walHeaderLen = 20     // vlogHeaderSize
	walBitFinTxn = 1 << 7 // bitFinTxn
	walMetaBits  = 0xCF   // every meta bit Badger sets (1<<0…1<<3, 1<<6, 1<<7)
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// walEntry parses the entry at off: its length and meta, zero when the
// bytes there are the zero padding, ok when it is whole and its CRC
// matches.
func walEntry(b []byte, off int) (n int, meta byte, zero, ok bool) {
	if off+2 > len(b) {
		return 0, 0, false, false
	}
	meta, user := b[off], b[off+1]
	p := off + 2
	klen, c1 := binary.Uvarint(b[p:])
	if c1 <= 0 {
		return 0, 0, false, false
	}
	p += c1
	vlen, c2 := binary.Uvarint(b[p:])
	if c2 <= 0 {
		return 0, 0, false, false
	}
	p += c2
	_, c3 := binary.Uvarint(b[p:])
	if c3 <= 0 {
		return 0, 0, false, false
	}
	p += c3
	if meta == 0 && user == 0 && klen == 0 && vlen == 0 {
		return 0, 0, true, false
	}
	if meta&^walMetaBits != 0 || klen < 8 || klen > uint64(len(b)) || vlen > uint64(len(b)) {
		return 0, 0, false, false
	}
	end := p + int(klen) + int(vlen)
	if end+4 > len(b) || end < p {
		return 0, 0, false, false
	}
	if crc32.Checksum(b[off:end], castagnoli) != binary.BigEndian.Uint32(b[end:end+4]) {
		return 0, 0, false, false
	}
	return end + 4 - off, meta, false, true
}

// committedFrom reports whether whole entries starting at off reach a
// transaction's end marker.
func committedFrom(b []byte, off int) bool {
	for off < len(b) {
		n, meta, _, ok := walEntry(b, off)
		if !ok {
			return false
		}
		if meta&walBitFinTxn != 0 {
			return true
		}
		off += n
	}
	return false
}

// checkMemtable returns "" when the memtable file at path replays whole
// (or ends in a torn, uncommitted write), else why not.
func checkMemtable(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return "cannot be read: " + err.Error()
	}
	if len(b) <= walHeaderLen {
		return ""
	}
	off := walHeaderLen
	for off < len(b) {
		n, _, zero, ok := walEntry(b, off)
		if zero {
			return "" // the end of what was written
		}
		if !ok {
			break
		}
		off += n
	}
	last := len(b) - 1
	for last >= off && b[last] == 0 {
		last--
	}
	for p := off + 1; p <= last; p++ {
		if b[p]&^walMetaBits != 0 || b[p+1] != 0 && p+1 <= last {
			continue // not where an entry can start (Plexus sets no user meta)
		}
		if _, _, _, ok := walEntry(b, p); ok && committedFrom(b, p) {
			return fmt.Sprintf("damaged at byte %d, with saved changes after it that Badger would drop", off)
		}
	}
	return ""
}

// memtableMaxVersion returns the highest version among the entries of the
// memtable file at path that replay (each key ends in its version:
// math.MaxUint64 − ts, big-endian; badger v4 y.KeyWithTs), and false when
// it cannot tell: the file cannot be read, holds no entry, or is encrypted
// (a non-zero key id in its header; keys are then not readable without the
// data key).
func memtableMaxVersion(path string) (uint64, bool) {
	b, err := os.ReadFile(path)
	if err != nil || len(b) <= walHeaderLen || binary.BigEndian.Uint64(b[:8]) != 0 {
		return 0, false
	}
	var maxV uint64
	found := false
	for off := walHeaderLen; off < len(b); {
		n, _, _, ok := walEntry(b, off)
		if !ok {
			break
		}
		// The key ends 4 bytes (the CRC) plus the value before the entry's end.
		p := off + 2
		klen, c1 := binary.Uvarint(b[p:])
		p += c1
		vlen, c2 := binary.Uvarint(b[p:])
		p += c2
		_, c3 := binary.Uvarint(b[p:])
		p += c3
		keyEnd := p + int(klen)
		if klen >= 8 && keyEnd <= off+n-4-int(vlen) {
			if v := math.MaxUint64 - binary.BigEndian.Uint64(b[keyEnd-8:keyEnd]); v > maxV {
				maxV = v
			}
			found = true
		}
		off += n
	}
	return maxV, found
}
