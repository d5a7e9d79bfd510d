package store

import (
	"bytes"
	"encoding/binary"
	"testing"
	"time"

	"github.com/google/uuid"
	"pgregory.net/rapid"
)

// Unix seconds of time.Time's extremes that timeKey must handle.
var (
	minSec = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	maxSec = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC).Unix()
)

func genTime(t *rapid.T, label string) time.Time {
	sec := rapid.OneOf(
		rapid.Int64Range(minSec, maxSec),
		rapid.Int64Range(-86400*3, 86400*3), // around the epoch, both signs
		rapid.SampledFrom([]int64{minSec, -1, 0, 1, maxSec}),
	).Draw(t, label+".sec")
	nsec := rapid.OneOf(rapid.Int64Range(0, 999_999_999), rapid.SampledFrom([]int64{0, 999_999_999})).Draw(t, label+".nsec")
	zone := rapid.SampledFrom([]int{0, 3600, -7 * 3600, 5*3600 + 1800}).Draw(t, label+".zone")
	return time.Unix(sec, nsec).In(time.FixedZone("z", zone))
}

// TestTimeKeyOrder: byte order of timeKey is time order, including times
// before 1970 (negative Unix seconds) and across zones; it round-trips.
func TestTimeKeyOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, b := genTime(t, "a"), genTime(t, "b")
		ka, kb := timeKey(a), timeKey(b)
		if got, want := bytes.Compare(ka[:], kb[:]), a.Compare(b); got != want {
			t.Fatalf("compare(timeKey(%v), timeKey(%v)) = %d, want %d", a, b, got, want)
		}
		if back := timeFromKey(ka[:]); !back.Equal(a) {
			t.Fatalf("timeFromKey(timeKey(%v)) = %v", a, back)
		}
	})
}

// TestEntryDateKeyOrder: full entry-by-date keys sort by time first.
func TestEntryDateKeyOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a, b := genTime(t, "a"), genTime(t, "b")
		if a.Equal(b) {
			return
		}
		ida, idb := uuid.New(), uuid.New()
		ka, kb := entryDateKey(a, ida), entryDateKey(b, idb)
		if got, want := bytes.Compare(ka, kb), a.Compare(b); got != want {
			t.Fatalf("entry keys compare %d, times %d", got, want)
		}
		m1, m2 := mentionKey(ida, a, ida), mentionKey(ida, b, idb)
		if got, want := bytes.Compare(m1, m2), a.Compare(b); got != want {
			t.Fatalf("mention keys compare %d, times %d", got, want)
		}
	})
}

// TestUUIDv7KeyOrder: ids made one after another give increasing keys.
func TestUUIDv7KeyOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(2, 100).Draw(t, "n")
		prev := recordKey(tagNode, uuid.Must(uuid.NewV7()))
		for range n {
			if rapid.Bool().Draw(t, "sleep") {
				time.Sleep(time.Duration(rapid.IntRange(0, 300).Draw(t, "us")) * time.Microsecond)
			}
			k := recordKey(tagNode, id16(uuid.Must(uuid.NewV7()).String()))
			if bytes.Compare(prev, k) >= 0 {
				t.Fatalf("key %x not after %x", k, prev)
			}
			prev = k
		}
	})
}

// TestUUIDv7TimestampOrder: for v7 ids built from any two millisecond
// timestamps, key order follows timestamp order.
func TestUUIDv7TimestampOrder(t *testing.T) {
	v7 := func(ms int64, rnd []byte) [idLen]byte {
		var u [idLen]byte
		var ts [8]byte
		binary.BigEndian.PutUint64(ts[:], uint64(ms))
		copy(u[0:6], ts[2:8])
		copy(u[6:], rnd)
		u[6] = 0x70 | u[6]&0x0F
		u[8] = 0x80 | u[8]&0x3F
		return u
	}
	rapid.Check(t, func(t *rapid.T) {
		ma := rapid.Int64Range(0, 1<<48-1).Draw(t, "ma")
		mb := rapid.Int64Range(0, 1<<48-1).Draw(t, "mb")
		if ma == mb {
			return
		}
		a := v7(ma, rapid.SliceOfN(rapid.Byte(), 10, 10).Draw(t, "ra"))
		b := v7(mb, rapid.SliceOfN(rapid.Byte(), 10, 10).Draw(t, "rb"))
		got := bytes.Compare(recordKey(tagNode, a), recordKey(tagNode, b))
		want := -1
		if ma > mb {
			want = 1
		}
		if got != want {
			t.Fatalf("ms %d vs %d: key compare %d", ma, mb, got)
		}
		if s := idString(a[:]); id16(s) != a {
			t.Fatalf("id %s does not round-trip", s)
		}
	})
}

func TestFeedURLKeyIsPrefixFree(t *testing.T) {
	// "a" must not find keys of "ab": the length prefix separates them.
	id := uuid.New()
	if bytes.HasPrefix(feedURLKey("ab", id), feedURLPrefix("a")) {
		t.Fatal(`feed-URL prefix of "a" matches a key of "ab"`)
	}
}

func TestCursorRejectsGarbage(t *testing.T) {
	for _, c := range []string{"x", "!!!", encodeCursor(tagMention, make([]byte, timeLen), make([]byte, idLen))} {
		if _, _, err := decodeCursor(tagEntryDate, c); err == nil {
			t.Errorf("cursor %q accepted", c)
		}
	}
}

func TestPrefixEnd(t *testing.T) {
	for _, c := range []struct{ in, want []byte }{
		{[]byte{0x22}, []byte{0x23}},
		{[]byte{0x23, 0x01, 0xFF}, []byte{0x23, 0x02}},
		{[]byte{0xFF, 0xFF}, nil},
	} {
		if got := prefixEnd(c.in); !bytes.Equal(got, c.want) {
			t.Errorf("prefixEnd(%x) = %x, want %x", c.in, got, c.want)
		}
	}
}
