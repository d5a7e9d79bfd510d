package interchange

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

func TestLineCounterMatchesPosition(t *testing.T) {
	data := []byte("ab\nçd\n\nxyz€\n\nend")
	c := lineCounter{data: data}
	off := int64(0)
	for off <= int64(len(data)) {
		if off < int64(len(data)) && !utf8.RuneStart(data[off]) { // the decoder's offsets are never inside a character
			off++
			continue
		}
		l1, c1 := c.at(off)
		l2, c2 := position(data, off)
		if l1 != l2 || c1 != c2 {
			t.Fatalf("offset %d: counter %d:%d, position %d:%d", off, l1, c1, l2, c2)
		}
		off += int64(rand.IntN(3))
	}
	if l, col := c.at(0); l != 1 || col != 1 {
		t.Errorf("going back: %d:%d", l, col)
	}
	if l, col := position(data, 4); l != 2 || col != 2 {
		t.Errorf("position 4 = %d:%d, want 2:2", l, col)
	}
}
