package store

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"time"

	"github.com/google/uuid"

	"github.com/plexus-pln/plexus/backend/pln"
)

// Table tags: the first byte of every key. SCHEMA.md documents each layout
// byte by byte. Ranges: 0x00 meta, 0x10–0x1F records, 0x20–0x3F indexes,
// 0x40–0x4F scratch state (outside the change log and the backups),
// 0x50–0x5F kept content (outside the change log, in the backups).
const (
	tagMeta byte = 0x00

	tagNode    byte = 0x10
	tagTie     byte = 0x11
	tagEntry   byte = 0x12
	tagImport  byte = 0x13
	tagNodePos byte = 0x14 // nodeID → fixed binary x, y, flags (encodePos)
	tagStep    byte = 0x15 // stepID → one change-log step (encodeStep)
	// tagStepState: stepID → 1 byte, stateDone or stateUndone, for the
	// edit steps that undo or redo can still take.
	tagStepState byte = 0x16
	// tagStepChunk: stepID | chunk index (uint32 BE) → changes of a staged step.
	tagStepChunk byte = 0x17
	// tagSetting: the settings record (settings.go), one key with the
	// all-zero id; logged like the other records, so a setting is undoable.
	tagSetting byte = 0x18
	// tagView: viewID → a saved view (views.go); logged, so undoable.
	tagView byte = 0x1A
	// tagGoal: goalID → a learning goal (goals.go), logged like the
	// other records.
	tagGoal byte = 0x19

	tagLastRecord byte = 0x1F // end of the record range

	tagOutTie    byte = 0x20 // fromNodeID | tieID
	tagInTie     byte = 0x21 // toNodeID | tieID
	tagEntryDate byte = 0x22 // timeKey(occurredAt) | entryID
	tagMention   byte = 0x23 // nodeID | timeKey(occurredAt) | entryID
	tagByImport  byte = 0x24 // importID | record tag | recordID
	tagFeedURL   byte = 0x25 // len16(feedURL) | feedURL | nodeID
	// tagLoggedImport: importID, for imports a logged step published or
	// unpublished; the sweep keeps their records (undo, redo, as-of).
	tagLoggedImport byte = 0x26
	// tagRecordStep: record key (17) | stepID, for each record a step changed.
	tagRecordStep byte = 0x27
	// tagStepTime: timeKey(step At) | stepID, the log by time.
	tagStepTime byte = 0x28

	// tagDraft: draft key (1–64 bytes ASCII, the last key part) → a
	// journal draft (drafts.go). Scratch state: never logged, not backed up.
	tagDraft byte = 0x40

	// tagImage: image id (16 raw bytes) → a journal image (images.go).
	// Kept content: never logged, never deleted but by DropAll, backed up.
	tagImage byte = 0x50
)

// Meta keys: tagMeta followed by an ASCII name.
var (
	keyVersion = []byte{tagMeta, 'v', 'e', 'r', 's', 'i', 'o', 'n'}
	keyEgo     = []byte{tagMeta, 'e', 'g', 'o'}
	// keyUndoLimit: how many edit steps undo reaches, uint32 big-endian.
	keyUndoLimit = []byte("\x00undo-limit")
	// keyDoneCount: how many step-state keys say done, uint32 big-endian.
	keyDoneCount = []byte("\x00undo-done")
	// keyUndoFloor: the step id of the oldest state key a trim left.
	keyUndoFloor = []byte("\x00undo-floor")
	// keyApplying: the id of the staged step being applied (staged.go).
	keyApplying = []byte("\x00applying")
)

const (
	idLen   = 16 // a UUID as raw bytes
	timeLen = 12 // see timeKey
)

// idBytes parses a canonical UUID string into its 16 raw bytes. what names
// the id in the pln.Invalid error.
func idBytes(what, id string) ([idLen]byte, error) {
	u, err := uuid.Parse(id)
	if err != nil || u.String() != id {
		return [idLen]byte{}, pln.CheckID(what, id)
	}
	return u, nil
}

// idString formats 16 raw bytes as a canonical UUID string.
func idString(b []byte) string {
	var u uuid.UUID
	copy(u[:], b)
	return u.String()
}

// timeKey encodes t as 12 bytes whose byte order is time order: 8 bytes
// big-endian Unix seconds with the sign bit flipped (so negative, pre-1970
// seconds sort before positive ones), then 4 bytes big-endian nanoseconds
// within the second (0–999,999,999). Every time.Time is representable; the
// location is not kept (it does not affect order).
func timeKey(t time.Time) [timeLen]byte {
	var b [timeLen]byte
	binary.BigEndian.PutUint64(b[0:8], uint64(t.Unix())^(1<<63))
	binary.BigEndian.PutUint32(b[8:12], uint32(t.Nanosecond()))
	return b
}

// timeFromKey decodes timeKey's 12 bytes (UTC).
func timeFromKey(b []byte) time.Time {
	sec := int64(binary.BigEndian.Uint64(b[0:8]) ^ (1 << 63))
	nsec := int64(binary.BigEndian.Uint32(b[8:12]))
	return time.Unix(sec, nsec).UTC()
}

func key(parts ...[]byte) []byte {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	k := make([]byte, 0, n)
	for _, p := range parts {
		k = append(k, p...)
	}
	return k
}

func recordKey(tag byte, id [idLen]byte) []byte { return key([]byte{tag}, id[:]) }

// posKey is the node-position key of node id: tagNodePos | id.
func posKey(id [idLen]byte) []byte { return recordKey(tagNodePos, id) }

func adjKey(tag byte, node, tie [idLen]byte) []byte { return key([]byte{tag}, node[:], tie[:]) }

func entryDateKey(t time.Time, entry [idLen]byte) []byte {
	tk := timeKey(t)
	return key([]byte{tagEntryDate}, tk[:], entry[:])
}

func mentionKey(node [idLen]byte, t time.Time, entry [idLen]byte) []byte {
	tk := timeKey(t)
	return key([]byte{tagMention}, node[:], tk[:], entry[:])
}

func byImportKey(imp [idLen]byte, table byte, rec [idLen]byte) []byte {
	return key([]byte{tagByImport}, imp[:], []byte{table}, rec[:])
}

// feedURLPrefix is tagFeedURL | 2-byte big-endian byte length | URL bytes.
// pln.MaxURLLen (2048 runes, at most 8 KiB) fits the 2-byte length.
func feedURLPrefix(url string) []byte {
	var l [2]byte
	binary.BigEndian.PutUint16(l[:], uint16(len(url)))
	return key([]byte{tagFeedURL}, l[:], []byte(url))
}

func feedURLKey(url string, node [idLen]byte) []byte {
	return key(feedURLPrefix(url), node[:])
}

// prefixEnd returns the smallest key greater than every key with prefix p
// (nil when p is all 0xFF).
func prefixEnd(p []byte) []byte {
	end := bytes.Clone(p)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] < 0xFF {
			end[i]++
			return end[:i+1]
		}
	}
	return nil
}

// Cursors are opaque to callers: base64url (no padding) of the index tag
// they belong to (0x22 or 0x23) followed by timeKey | entryID of the next
// entry to return.
func encodeCursor(tag byte, tk []byte, entry []byte) string {
	return base64.RawURLEncoding.EncodeToString(key([]byte{tag}, tk, entry))
}

func decodeCursor(tag byte, c string) (tk, entry []byte, err error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || len(b) != 1+timeLen+idLen || b[0] != tag {
		return nil, nil, pln.Invalid("The page cursor %q is not valid; start again without one.", c)
	}
	return b[1 : 1+timeLen], b[1+timeLen:], nil
}
