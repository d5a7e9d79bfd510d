package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"

	"github.com/plexus-pln/plexus/backend/pln"
)

// encJSONv1 is the first byte of every record value: JSON, version 1.
const encJSONv1 byte = 0x01

// encode returns encJSONv1 followed by the JSON encoding of v.
func encode(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("store: encode %T: %w", v, err)
	}
	out := make([]byte, 0, len(b)+1)
	out = append(out, encJSONv1)
	return append(out, b...), nil
}

// decode reads a value written by encode into v.
func decode(b []byte, v any) error {
	if len(b) == 0 || b[0] != encJSONv1 {
		var m byte
		if len(b) > 0 {
			m = b[0]
		}
		return fmt.Errorf("store: value encoding 0x%02x of %T is not known (want 0x%02x)", m, v, encJSONv1)
	}
	if err := json.Unmarshal(b[1:], v); err != nil {
		return fmt.Errorf("store: decode %T: %w", v, err)
	}
	return nil
}

// encPosV1 is the first byte of a node-position value (tagNodePos): fixed
// binary, version 1. Markers are distinct across value kinds, so every
// stored value says what it is.
const encPosV1 byte = 0x02

// posValueLen is the size of a node-position value: marker, x, y, flags.
const posValueLen = 1 + 8 + 8 + 1

// posPinned is bit 0 of a position value's flags byte. The other bits are
// written as 0 and ignored on read.
const posPinned byte = 1 << 0

// position is a node's place on the map as stored under tagNodePos.
type position struct {
	X, Y   float64
	Pinned bool
}

// encodePos returns the 18-byte value: encPosV1 | x (IEEE 754 binary64,
// big-endian) | y (same) | flags (bit 0 = pinned).
func encodePos(p position) []byte {
	b := make([]byte, posValueLen)
	b[0] = encPosV1
	binary.BigEndian.PutUint64(b[1:9], math.Float64bits(p.X))
	binary.BigEndian.PutUint64(b[9:17], math.Float64bits(p.Y))
	if p.Pinned {
		b[17] = posPinned
	}
	return b
}

// decodePos reads a value written by encodePos.
func decodePos(b []byte) (position, error) {
	if len(b) != posValueLen || b[0] != encPosV1 {
		var m byte
		if len(b) > 0 {
			m = b[0]
		}
		return position{}, fmt.Errorf("store: node position value has marker 0x%02x and %d bytes (want 0x%02x and %d)", m, len(b), encPosV1, posValueLen)
	}
	return position{
		X:      math.Float64frombits(binary.BigEndian.Uint64(b[1:9])),
		Y:      math.Float64frombits(binary.BigEndian.Uint64(b[9:17])),
		Pinned: b[17]&posPinned != 0,
	}, nil
}

func posOf(n pln.Node) position { return position{X: n.X, Y: n.Y, Pinned: n.Pinned} }

func (p position) applyTo(n *pln.Node) { n.X, n.Y, n.Pinned = p.X, p.Y, p.Pinned }

// nodeRecord is how a node record (tagNode) is encoded since schema version
// 2: pln.Node without its position, which lives under tagNodePos. The
// shallower X, Y and Pinned fields shadow pln.Node's for encoding/json: nil,
// they are omitted on write; on read they catch the position a version-1
// record still carries (the migration moves it; ordinary reads ignore it).
type nodeRecord struct {
	*pln.Node
	X      *float64 `json:"x,omitempty"`
	Y      *float64 `json:"y,omitempty"`
	Pinned *bool    `json:"pinned,omitempty"`
}

// encodeNode encodes n's record (its position is not part of it).
func encodeNode(n pln.Node) ([]byte, error) {
	return encode(nodeRecord{Node: &n})
}

// decodeNode decodes a node record; X, Y and Pinned are left zero (merge
// the tagNodePos value into it).
func decodeNode(b []byte) (pln.Node, error) {
	var n pln.Node
	err := decode(b, &nodeRecord{Node: &n})
	return n, err
}
